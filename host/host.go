package host

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	extism "github.com/extism/go-sdk"
	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/experimental"
)

// ErrClosed is returned by Call once Close has been called.
var ErrClosed = errors.New("host: closed")

// ErrInputTooLarge is returned (wrapped) by Call for an input the Extism
// kernel's memory cannot hold under the memory limit. The check is the host's:
// the Extism Go SDK ignores a failed input allocation and would run the
// export on a corrupted input.
var ErrInputTooLarge = errors.New("host: input too large for the memory limit")

// kernelReserve is the memory the Extism kernel keeps for itself (its
// initial 16 pages); the rest of the limit can hold the input.
const kernelReserve = 1 << 20

// GuestError is an error the plugin reported itself (pdk.SetError) from an
// export that returned normally; the instance stays in the pool.
type GuestError struct {
	// Export is the export that failed.
	Export string
	// Message is the guest's error message, unchanged.
	Message string
}

// Error returns the guest's message.
func (e *GuestError) Error() string { return e.Message }

// Host is a compiled plugin and a pool of its instances. It is safe for
// concurrent use.
type Host struct {
	compiled *extism.CompiledPlugin
	cache    wazero.CompilationCache // nil without a disk cache
	timeout  time.Duration
	// interruptible: see Config.Interruptible.
	interruptible bool
	maxInput      int             // largest input the kernel memory can hold
	exports       map[string]bool // the plugin's exported functions

	slots chan struct{} // one token per call in flight (≤ MaxInstances)
	done  chan struct{} // closed by Close

	mu     sync.Mutex
	idle   []*instance
	closed bool

	created atomic.Int64 // instances created so far
}

// Open compiles the plugin (or loads its machine code from the compilation
// cache) and instantiates it once, so a module that cannot be instantiated
// fails here rather than at the first call.
func Open(ctx context.Context, cfg Config) (*Host, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	rc := wazero.NewRuntimeConfig().
		WithCloseOnContextDone(cfg.Interruptible).
		WithMemoryLimitPages(memoryPages(cfg.MaxMemoryBytes))
	var cache wazero.CompilationCache
	if dir, explicit := cacheDir(cfg.CacheDir); dir != "" {
		c, err := wazero.NewCompilationCacheWithDir(dir)
		switch {
		case err == nil:
			cache = c
			rc = rc.WithCompilationCache(c)
		case explicit:
			return nil, fmt.Errorf("host: compilation cache: %w", err)
		}
	}
	// Compile functions in parallel on a cache miss (no effect on a hit).
	compileCtx := experimental.WithCompilationWorkers(ctx, runtime.GOMAXPROCS(0))
	manifest := extism.Manifest{Wasm: []extism.Wasm{extism.WasmData{Data: cfg.Wasm}}}
	compiled, err := extism.NewCompiledPlugin(compileCtx, manifest, extism.PluginConfig{
		RuntimeConfig: rc,
		EnableWasi:    true,
	}, nil)
	if err != nil {
		if cache != nil {
			_ = cache.Close(ctx)
		}
		return nil, fmt.Errorf("host: compile: %w", err)
	}
	h := &Host{
		compiled:      compiled,
		cache:         cache,
		timeout:       cfg.Timeout,
		interruptible: cfg.Interruptible,
		maxInput:      int(uint64(memoryPages(cfg.MaxMemoryBytes))*pageSize) - kernelReserve,
		slots:         make(chan struct{}, cfg.MaxInstances),
		done:          make(chan struct{}),
	}
	in, err := h.newInstance(ctx)
	if err != nil {
		_ = h.Close(ctx)
		return nil, err
	}
	h.idle = append(h.idle, in)
	// Looked up once: the SDK's FunctionExists costs a wazero call engine
	// (about 13 KB) per call.
	h.exports = map[string]bool{}
	for name := range in.plugin.Module().ExportedFunctions() {
		h.exports[name] = true
	}
	return h, nil
}

// Call runs export on input in an idle instance (creating one if fewer than
// MaxInstances exist, otherwise waiting for one) and returns its output.
// A guest error is a *GuestError; a trap, timeout (errors.Is
// context.DeadlineExceeded) or other runtime failure is another error, and
// the instance that failed is closed, never reused. An input bigger than
// the memory limit less 1 MiB fails with ErrInputTooLarge.
func (h *Host) Call(ctx context.Context, export string, input []byte) ([]byte, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if !h.exports[export] {
		return nil, fmt.Errorf("host: the plugin has no export %q", export)
	}
	if len(input) > h.maxInput {
		return nil, fmt.Errorf("%w: %d bytes, at most %d", ErrInputTooLarge, len(input), h.maxInput)
	}
	select {
	case h.slots <- struct{}{}:
	case <-h.done:
		return nil, ErrClosed
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	in, err := h.checkout(ctx)
	if err != nil {
		<-h.slots
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, h.timeout)
	defer cancel()
	if h.interruptible {
		out, healthy, err := in.call(ctx, export, input)
		h.checkin(ctx, in, healthy)
		<-h.slots
		return out, err
	}
	// Not interruptible: the guest runs in its own goroutine and the caller
	// waits for it or for the deadline, whichever comes first.
	type result struct {
		out     []byte
		healthy bool
		err     error
	}
	done := make(chan result, 1)
	go func() {
		out, healthy, err := in.call(context.WithoutCancel(ctx), export, input)
		done <- result{out, healthy, err}
	}()
	select {
	case r := <-done:
		h.checkin(ctx, in, r.healthy)
		<-h.slots
		return r.out, r.err
	case <-ctx.Done():
		go func() { // the instance keeps its slot until the guest returns
			<-done
			h.checkin(context.Background(), in, false)
			<-h.slots
		}()
		return nil, fmt.Errorf("host: %s: %w", export, ctx.Err())
	}
}

// Close waits for the calls in flight (until ctx is done, after which they
// are stopped), then releases every instance, the compiled module and the
// compilation cache. Calls after Close fail with ErrClosed.
func (h *Host) Close(ctx context.Context) error {
	h.mu.Lock()
	if h.closed {
		h.mu.Unlock()
		return nil
	}
	h.closed = true
	close(h.done)
	h.mu.Unlock()

wait:
	for range cap(h.slots) {
		select {
		case h.slots <- struct{}{}:
		case <-ctx.Done():
			break wait
		}
	}

	h.mu.Lock()
	idle := h.idle
	h.idle = nil
	h.mu.Unlock()
	var errs []error
	for _, in := range idle {
		errs = append(errs, in.close(ctx))
	}
	// Closing the runtime also stops any call still running.
	errs = append(errs, h.compiled.Close(ctx))
	if h.cache != nil {
		errs = append(errs, h.cache.Close(ctx))
	}
	return errors.Join(errs...)
}

// checkout takes an idle instance or creates one.
func (h *Host) checkout(ctx context.Context) (*instance, error) {
	h.mu.Lock()
	if h.closed {
		h.mu.Unlock()
		return nil, ErrClosed
	}
	if n := len(h.idle); n > 0 {
		in := h.idle[n-1]
		h.idle = h.idle[:n-1]
		h.mu.Unlock()
		return in, nil
	}
	h.mu.Unlock()
	return h.newInstance(ctx)
}

// checkin returns a healthy instance to the pool and closes any other.
func (h *Host) checkin(ctx context.Context, in *instance, healthy bool) {
	h.mu.Lock()
	if healthy && !h.closed {
		h.idle = append(h.idle, in)
		h.mu.Unlock()
		return
	}
	h.mu.Unlock()
	// A failed instance may be mid-way through anything: closing it can
	// only fail in ways nobody can act on.
	_ = in.close(context.WithoutCancel(ctx))
}

// newInstance creates an instance and counts it.
func (h *Host) newInstance(ctx context.Context) (*instance, error) {
	in, err := newInstance(ctx, h.compiled)
	if err != nil {
		return nil, err
	}
	h.created.Add(1)
	return in, nil
}
