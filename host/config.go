package host

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"time"
)

// Defaults applied by Open to zero fields of Config.
const (
	// DefaultTimeout is the time limit of one call.
	DefaultTimeout = 10 * time.Second
	// DefaultMaxMemoryBytes caps the linear memory of each wasm module.
	DefaultMaxMemoryBytes = 256 << 20
	// NoCache as Config.CacheDir disables the on-disk compilation cache.
	NoCache = "-"
)

// pageSize is the size of a WebAssembly memory page.
const pageSize = 64 << 10

// maxPages is the largest number of pages a 32-bit wasm memory can have.
const maxPages = 65536

// Config configures Open. The zero value loads the embedded kopeck plugin
// with the defaults.
type Config struct {
	// Wasm is the plugin to load; nil loads the embedded kopeck plugin.
	Wasm []byte
	// CacheDir is the directory of the wazero compilation cache. "" means
	// os.UserCacheDir()/kopeck/wazero (or no disk cache when there is no user
	// cache directory or it cannot be created); NoCache ("-") means no disk
	// cache at all. An explicit directory that cannot be created is an error.
	CacheDir string
	// MaxMemoryBytes caps the linear memory of each module, rounded up to
	// whole 64 KiB pages; 0 means DefaultMaxMemoryBytes.
	MaxMemoryBytes uint64
	// Timeout limits each call; 0 means DefaultTimeout.
	Timeout time.Duration
	// MaxInstances is the most instances alive at once, i.e. the most calls
	// running in parallel; 0 means runtime.GOMAXPROCS(0).
	MaxInstances int
	// Interruptible makes a timed-out or cancelled call stop the guest at
	// once. It costs: wazero then checks for cancellation at every function
	// entry and loop, which makes Go-compiled guests 3–5 times slower. When
	// false (the default), a call still returns at its deadline with
	// context.DeadlineExceeded, but the guest runs on in the background; its
	// instance keeps its slot in the pool until the guest returns and is then
	// closed, never reused. The kopeck plugin is pure, linear in its input
	// and fuzzed, so a guest that never returns would be a bug; with a guest
	// you do not trust, set Interruptible.
	Interruptible bool
}

// withDefaults returns cfg with every zero field replaced by its default
// and the values checked.
func (cfg Config) withDefaults() (Config, error) {
	if cfg.Wasm == nil {
		cfg.Wasm = Embedded()
	}
	if len(cfg.Wasm) == 0 {
		return cfg, errors.New("host: empty wasm module")
	}
	if cfg.MaxMemoryBytes == 0 {
		cfg.MaxMemoryBytes = DefaultMaxMemoryBytes
	}
	if cfg.Timeout == 0 {
		cfg.Timeout = DefaultTimeout
	}
	if cfg.Timeout < 0 {
		return cfg, fmt.Errorf("host: negative timeout %v", cfg.Timeout)
	}
	if cfg.MaxInstances == 0 {
		cfg.MaxInstances = runtime.GOMAXPROCS(0)
	}
	if cfg.MaxInstances < 0 {
		return cfg, fmt.Errorf("host: negative MaxInstances %d", cfg.MaxInstances)
	}
	return cfg, nil
}

// memoryPages converts a byte limit to wasm pages, rounding up, at least 1
// and at most the 4 GiB a 32-bit memory can address.
func memoryPages(bytes uint64) uint32 {
	pages := (bytes + pageSize - 1) / pageSize
	if pages < 1 {
		pages = 1
	}
	if pages > maxPages {
		pages = maxPages
	}
	return uint32(pages)
}

// cacheDir resolves Config.CacheDir: the directory to use ("" for none) and
// whether failing to use it is an error (true only for an explicit one).
func cacheDir(configured string) (dir string, explicit bool) {
	switch configured {
	case NoCache:
		return "", false
	case "":
		base, err := os.UserCacheDir()
		if err != nil {
			return "", false
		}
		return filepath.Join(base, "kopeck", "wazero"), false
	default:
		return configured, true
	}
}
