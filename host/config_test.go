package host

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

func TestWithDefaults(t *testing.T) {
	cfg, err := Config{}.withDefaults()
	if err != nil {
		t.Fatal(err)
	}
	if &cfg.Wasm[0] != &Embedded()[0] {
		t.Error("nil Wasm does not default to the embedded plugin")
	}
	if cfg.MaxMemoryBytes != 256<<20 || cfg.Timeout != DefaultTimeout || cfg.MaxInstances != runtime.GOMAXPROCS(0) {
		t.Errorf("defaults = %+v", cfg)
	}
	if cfg.CacheDir != "" {
		t.Errorf("CacheDir default changed to %q (resolved by cacheDir, not here)", cfg.CacheDir)
	}
	own := Config{Wasm: []byte{1}, MaxMemoryBytes: 5, Timeout: 7, MaxInstances: 3}
	if got, err := own.withDefaults(); err != nil || got.MaxMemoryBytes != 5 || got.Timeout != 7 || got.MaxInstances != 3 || len(got.Wasm) != 1 {
		t.Errorf("explicit values changed: %+v, %v", got, err)
	}
}

func TestMemoryPages(t *testing.T) {
	for _, c := range []struct {
		bytes uint64
		pages uint32
	}{
		{0, 1}, {1, 1}, {65536, 1}, {65537, 2}, {256 << 20, 4096}, {4 << 30, 65536}, {1 << 40, 65536},
	} {
		if got := memoryPages(c.bytes); got != c.pages {
			t.Errorf("memoryPages(%d) = %d, want %d", c.bytes, got, c.pages)
		}
	}
}

func TestCacheDir(t *testing.T) {
	if dir, explicit := cacheDir(NoCache); dir != "" || explicit {
		t.Errorf(`cacheDir("-") = %q, %v`, dir, explicit)
	}
	if dir, explicit := cacheDir("/some/where"); dir != "/some/where" || !explicit {
		t.Errorf("cacheDir(explicit) = %q, %v", dir, explicit)
	}
	t.Setenv("XDG_CACHE_HOME", "/tmp/xdg-test")
	t.Setenv("HOME", "/tmp/home-test")
	base, err := os.UserCacheDir()
	if err != nil {
		t.Fatal(err)
	}
	if dir, explicit := cacheDir(""); dir != filepath.Join(base, "kopeck", "wazero") || explicit {
		t.Errorf(`cacheDir("") = %q, %v`, dir, explicit)
	}
	if runtime.GOOS == "linux" {
		t.Setenv("XDG_CACHE_HOME", "")
		t.Setenv("HOME", "")
		if dir, _ := cacheDir(""); dir != "" {
			t.Errorf(`cacheDir("") without a user cache dir = %q, want none`, dir)
		}
	}
}
