package main

import (
	"context"
	"crypto/rand"
	"fmt"
	"os"
	"runtime"
	"time"

	"github.com/kopeck/kopeck/host"
	"github.com/kopeck/kopeck/plugin/engine"
)

// Engine runs one export of the kopeck core: JSON in, JSON out. Answers
// with "errors" are normal answers; err is for failures of the program
// itself (a wasm trap, a timeout, a closed host).
type Engine interface {
	Call(ctx context.Context, export string, input []byte) ([]byte, error)
	Close(ctx context.Context) error
}

// Engine names for --engine.
const (
	engineWasm   = "wasm"
	engineNative = "native"
)

// engineOptions choose and size an engine.
type engineOptions struct {
	Name      string        // engineWasm or engineNative
	WasmFile  string        // a plugin file instead of the embedded one ("" = embedded)
	CacheDir  string        // wazero compilation cache ("" = the host default, "-" = none)
	Instances int           // wasm instances in the pool (0 = GOMAXPROCS)
	Timeout   time.Duration // per call (0 = the host's default)
}

// openEngine opens the engine opts names.
func openEngine(ctx context.Context, opts engineOptions) (Engine, error) {
	switch opts.Name {
	case engineNative:
		return nativeEngine{}, nil
	case engineWasm, "":
		cfg := host.Config{CacheDir: opts.CacheDir, Timeout: opts.Timeout, MaxInstances: opts.Instances}
		if cfg.MaxInstances <= 0 {
			cfg.MaxInstances = runtime.GOMAXPROCS(0)
		}
		if opts.WasmFile != "" {
			b, err := os.ReadFile(opts.WasmFile)
			if err != nil {
				return nil, fmt.Errorf("reading the plugin: %w", err)
			}
			cfg.Wasm = b
		}
		h, err := host.Open(ctx, cfg)
		if err != nil {
			return nil, fmt.Errorf("loading the wasm plugin: %w", err)
		}
		return wasmEngine{h: h}, nil
	default:
		return nil, fmt.Errorf("unknown engine %q (want wasm or native)", opts.Name)
	}
}

// nativeEngine calls plugin/engine in this process, with crypto/rand as the
// randomness source.
type nativeEngine struct{}

// Call runs export natively. engine.Call promises not to panic; a panic is
// still turned into an error here, so that one bad input cannot take the
// sidecar down.
func (nativeEngine) Call(ctx context.Context, export string, input []byte) (out []byte, err error) {
	defer func() {
		if r := recover(); r != nil {
			out, err = nil, fmt.Errorf("internal error in %s: %v", export, r)
		}
	}()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return engine.Call(export, input, engine.Env{Rand: rand.Reader})
}

// Close does nothing: the native engine holds no resources.
func (nativeEngine) Close(context.Context) error { return nil }

// wasmEngine calls the wasm plugin through a host pool.
type wasmEngine struct{ h *host.Host }

// Call runs export in a pooled wasm instance.
func (w wasmEngine) Call(ctx context.Context, export string, input []byte) ([]byte, error) {
	return w.h.Call(ctx, export, input)
}

// Close releases the pool and the compiled module.
func (w wasmEngine) Close(ctx context.Context) error { return w.h.Close(ctx) }
