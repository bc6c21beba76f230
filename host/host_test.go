package host

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
	"time"
)

// testCacheDir is a compilation cache shared by the tests of this package,
// so the embedded plugin is compiled once per test run.
var testCacheDir string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "kopeck-host-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	testCacheDir = dir
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// openPlugin opens the embedded plugin with the shared cache.
func openPlugin(tb testing.TB, cfg Config) *Host {
	tb.Helper()
	cfg.CacheDir = testCacheDir
	h, err := Open(context.Background(), cfg)
	if err != nil {
		tb.Fatalf("Open: %v", err)
	}
	tb.Cleanup(func() { h.Close(context.Background()) })
	return h
}

// openGuest opens the hand-assembled test guest without a disk cache.
func openGuest(tb testing.TB, cfg Config) *Host {
	tb.Helper()
	cfg.Wasm = guestWasm()
	cfg.CacheDir = NoCache
	cfg.Interruptible = true // the test guest's "loop" never returns
	h, err := Open(context.Background(), cfg)
	if err != nil {
		tb.Fatalf("Open guest: %v", err)
	}
	tb.Cleanup(func() { h.Close(context.Background()) })
	return h
}

// onlyIdle returns the single idle instance of a host with MaxInstances 1.
func onlyIdle(t *testing.T, h *Host) *instance {
	t.Helper()
	h.mu.Lock()
	defer h.mu.Unlock()
	if len(h.idle) != 1 {
		t.Fatalf("idle instances = %d, want 1", len(h.idle))
	}
	return h.idle[0]
}

func TestEmbeddedPluginVersion(t *testing.T) {
	h := openPlugin(t, Config{})
	out, err := h.Call(context.Background(), "version", []byte("{}"))
	if err != nil {
		t.Fatalf("version: %v", err)
	}
	var answer struct {
		Version string `json:"version"`
	}
	if err := json.Unmarshal(out, &answer); err != nil {
		t.Fatalf("version answer %q is not JSON: %v", out, err)
	}
	if answer.Version == "" {
		t.Fatalf("version answer %s has no version", out)
	}
}

func TestEmbeddedPluginNoop(t *testing.T) {
	h := openPlugin(t, Config{})
	for _, in := range [][]byte{nil, []byte(`{"anything":1}`)} {
		out, err := h.Call(context.Background(), "noop", in)
		if err != nil {
			t.Fatalf("noop(%q): %v", in, err)
		}
		if len(out) != 0 {
			t.Fatalf("noop(%q) = %q, want no output", in, out)
		}
	}
}

// Bad input is a normal answer (JSON), not a Go error, for every engine export.
func TestEmbeddedPluginBadInputIsAnAnswer(t *testing.T) {
	h := openPlugin(t, Config{MaxInstances: 1})
	before := onlyIdle(t, h)
	for _, export := range []string{"build", "validate", "command", "parse"} {
		for _, in := range []string{"", "{", "[]", `{"order":42}`, "\xff\xfe"} {
			out, err := h.Call(context.Background(), export, []byte(in))
			if err != nil {
				t.Fatalf("%s(%q): error %v, want an answer", export, in, err)
			}
			if !json.Valid(out) {
				t.Fatalf("%s(%q) = %q, not JSON", export, in, out)
			}
		}
	}
	if onlyIdle(t, h) != before {
		t.Fatal("the instance was replaced after normal answers")
	}
}

func TestUnknownExport(t *testing.T) {
	h := openGuest(t, Config{MaxInstances: 1})
	before := onlyIdle(t, h)
	_, err := h.Call(context.Background(), "nope", nil)
	if err == nil || !strings.Contains(err.Error(), `no export "nope"`) {
		t.Fatalf("err = %v, want no export", err)
	}
	if onlyIdle(t, h) != before {
		t.Fatal("the instance was replaced after an unknown export")
	}
}

func TestConcurrentCalls(t *testing.T) {
	const maxInstances, goroutines, calls = 3, 24, 10
	h := openPlugin(t, Config{MaxInstances: maxInstances})
	want, err := h.Call(context.Background(), "version", nil)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan error, goroutines*calls)
	for range goroutines {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range calls {
				out, err := h.Call(context.Background(), "version", nil)
				if err != nil {
					errs <- err
					return
				}
				if !bytes.Equal(out, want) {
					errs <- fmt.Errorf("version = %q, want %q", out, want)
					return
				}
				if _, err := h.Call(context.Background(), "noop", nil); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if n := h.created.Load(); n < 1 || n > maxInstances {
		t.Fatalf("created %d instances, want 1..%d", n, maxInstances)
	}
	h.mu.Lock()
	idle := len(h.idle)
	h.mu.Unlock()
	if int64(idle) != h.created.Load() {
		t.Fatalf("%d idle instances of %d created: some leaked", idle, h.created.Load())
	}
}

func TestTimeoutReplacesInstance(t *testing.T) {
	h := openGuest(t, Config{MaxInstances: 1, Timeout: 200 * time.Millisecond})
	before := onlyIdle(t, h)
	start := time.Now()
	_, err := h.Call(context.Background(), "loop", nil)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("loop: err = %v, want deadline exceeded", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Fatalf("loop stopped after %v, want about 200ms", d)
	}
	assertReplaced(t, h, before)
}

func TestCallerCancelStopsCall(t *testing.T) {
	h := openGuest(t, Config{MaxInstances: 1})
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(100*time.Millisecond, cancel)
	_, err := h.Call(ctx, "loop", nil)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("loop: err = %v, want canceled", err)
	}
	if _, err := h.Call(context.Background(), "echo", nil); err != nil {
		t.Fatalf("call after cancel: %v", err)
	}
}

func TestTrapReplacesInstance(t *testing.T) {
	h := openGuest(t, Config{MaxInstances: 1})
	before := onlyIdle(t, h)
	_, err := h.Call(context.Background(), "trap", nil)
	var ge *GuestError
	if err == nil || errors.As(err, &ge) || !strings.Contains(err.Error(), "unreachable") {
		t.Fatalf("trap: err = %v, want a runtime error about unreachable", err)
	}
	assertReplaced(t, h, before)
}

func TestCrashReplacesInstanceAndKeepsStderr(t *testing.T) {
	h := openGuest(t, Config{MaxInstances: 1})
	before := onlyIdle(t, h)
	_, err := h.Call(context.Background(), "crash", nil)
	if err == nil || !strings.Contains(err.Error(), "exit_code(2)") || !strings.Contains(err.Error(), "guest stderr: boom") {
		t.Fatalf("crash: err = %v, want exit code 2 and the stderr", err)
	}
	assertReplaced(t, h, before)
	// The next failure must not repeat the previous call's stderr.
	_, err = h.Call(context.Background(), "trap", nil)
	if err == nil || strings.Contains(err.Error(), "boom") {
		t.Fatalf("trap after crash: err = %v, want no stale stderr", err)
	}
}

func TestGuestErrorKeepsInstance(t *testing.T) {
	h := openGuest(t, Config{MaxInstances: 1})
	before := onlyIdle(t, h)
	_, err := h.Call(context.Background(), "fail", nil)
	var ge *GuestError
	if !errors.As(err, &ge) || ge.Message != "failure!" || ge.Export != "fail" || err.Error() != "failure!" {
		t.Fatalf("fail: err = %#v, want GuestError failure!", err)
	}
	if onlyIdle(t, h) != before {
		t.Fatal("the instance was replaced after a guest error")
	}
	// The error does not leak into the next call.
	if _, err := h.Call(context.Background(), "echo", nil); err != nil {
		t.Fatalf("echo after fail: %v", err)
	}
}

// assertReplaced checks that the instance that failed was closed and a new
// one serves the next call.
func assertReplaced(t *testing.T, h *Host, before *instance) {
	t.Helper()
	h.mu.Lock()
	for _, in := range h.idle {
		if in == before {
			t.Fatal("the failed instance is back in the pool")
		}
	}
	h.mu.Unlock()
	created := h.created.Load()
	if _, err := h.Call(context.Background(), "echo", nil); err != nil {
		t.Fatalf("call after failure: %v", err)
	}
	if h.created.Load() != created+1 {
		t.Fatalf("created %d instances, want one more than %d", h.created.Load(), created)
	}
	if onlyIdle(t, h) == before {
		t.Fatal("the failed instance was reused")
	}
}

// Every instance gets the host's real randomness: two fresh instances, which
// with wazero's default deterministic source would read the same bytes,
// read different ones.
func TestRealRandomness(t *testing.T) {
	var seen [][]byte
	for range 2 {
		h := openGuest(t, Config{})
		for range 2 {
			out, err := h.Call(context.Background(), "rand", nil)
			if err != nil {
				t.Fatal(err)
			}
			if len(out) != 16 {
				t.Fatalf("rand = %x, want 16 bytes", out)
			}
			for _, s := range seen {
				if bytes.Equal(s, out) {
					t.Fatalf("rand repeated %x", out)
				}
			}
			seen = append(seen, out)
		}
	}
}

// The guest sees the real wall clock (wazero's default is a fake one).
func TestRealClock(t *testing.T) {
	h := openGuest(t, Config{})
	out, err := h.Call(context.Background(), "clock", nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(out) != 8 {
		t.Fatalf("clock = %x, want 8 bytes", out)
	}
	got := time.Unix(0, int64(binary.LittleEndian.Uint64(out)))
	if d := time.Since(got); d < -time.Minute || d > time.Minute {
		t.Fatalf("guest clock %v, host clock %v", got, time.Now())
	}
}

func TestMemoryLimit(t *testing.T) {
	// The plugin declares about 3 MiB of initial memory: 2 MiB cannot hold it.
	if _, err := Open(context.Background(), Config{CacheDir: testCacheDir, MaxMemoryBytes: 2 << 20}); err == nil {
		t.Fatal("Open of the plugin with a 2 MiB memory limit succeeded")
	}
	// The Extism kernel needs 16 pages (1 MiB), the test guest one page.
	h := openGuest(t, Config{MaxMemoryBytes: 1 << 20})
	if _, err := h.Call(context.Background(), "echo", nil); err != nil {
		t.Fatal(err)
	}
}

// The largest input the memory limit allows reaches the guest whole; one
// byte more is refused before the call (the SDK would corrupt it silently).
func TestInputSizeLimit(t *testing.T) {
	const limit = 4 << 20
	h := openGuest(t, Config{MaxMemoryBytes: limit, MaxInstances: 1})
	largest := limit - kernelReserve
	in := bytes.Repeat([]byte("a"), largest)
	copy(in[largest-8:], "LASTBYTE")
	out, err := h.Call(context.Background(), "tail", in)
	if err != nil {
		t.Fatalf("largest input: %v", err)
	}
	if n := binary.LittleEndian.Uint64(out); n != uint64(largest) || string(out[8:]) != "LASTBYTE" {
		t.Fatalf("guest saw length %d ending %q, want %d ending LASTBYTE", n, out[8:], largest)
	}
	if _, err := h.Call(context.Background(), "tail", append(in, 'x')); !errors.Is(err, ErrInputTooLarge) {
		t.Fatalf("one byte more: err = %v, want ErrInputTooLarge", err)
	}
}

// A guest that runs out of memory fails the call, and the host goes on.
func TestPluginOutOfMemory(t *testing.T) {
	h := openPlugin(t, Config{MaxMemoryBytes: 8 << 20, MaxInstances: 1})
	before := onlyIdle(t, h)
	// Fits the kernel (8 MiB − 1 MiB), not the guest's Go heap next to its
	// 3 MiB of initial memory.
	huge := bytes.Repeat([]byte(" "), 6<<20)
	_, err := h.Call(context.Background(), "build", huge)
	var ge *GuestError
	if err == nil || errors.As(err, &ge) || !strings.Contains(err.Error(), "out of memory") {
		t.Fatalf("6 MiB input under an 8 MiB limit: err = %.300v, want the guest's out of memory crash", err)
	}
	h.mu.Lock()
	stale := len(h.idle) > 0 && h.idle[0] == before
	h.mu.Unlock()
	if stale {
		t.Fatal("the instance that ran out of memory is back in the pool")
	}
	if _, err := h.Call(context.Background(), "version", nil); err != nil {
		t.Fatalf("version after the crash: %v", err)
	}
}

func TestOpenErrors(t *testing.T) {
	ctx := context.Background()
	for name, cfg := range map[string]Config{
		"empty wasm":        {Wasm: []byte{}, CacheDir: NoCache},
		"not wasm":          {Wasm: []byte("hello"), CacheDir: NoCache},
		"negative timeout":  {Wasm: guestWasm(), CacheDir: NoCache, Timeout: -1},
		"negative max":      {Wasm: guestWasm(), CacheDir: NoCache, MaxInstances: -1},
		"unusable cachedir": {Wasm: guestWasm(), CacheDir: "/dev/null/kopeck"},
	} {
		if h, err := Open(ctx, cfg); err == nil {
			h.Close(ctx)
			t.Errorf("%s: Open succeeded", name)
		}
	}
}

func TestClose(t *testing.T) {
	ctx := context.Background()
	h, err := Open(ctx, Config{Wasm: guestWasm(), CacheDir: NoCache, MaxInstances: 2})
	if err != nil {
		t.Fatal(err)
	}
	// A call in flight is waited for.
	started := make(chan struct{})
	done := make(chan error, 1)
	go func() {
		close(started)
		_, err := h.Call(ctx, "echo", nil)
		done <- err
	}()
	<-started
	if err := h.Close(ctx); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if err := <-done; err != nil && !errors.Is(err, ErrClosed) {
		t.Fatalf("call racing Close: %v", err)
	}
	if _, err := h.Call(ctx, "echo", nil); !errors.Is(err, ErrClosed) {
		t.Fatalf("call after Close: err = %v, want ErrClosed", err)
	}
	if err := h.Close(ctx); err != nil {
		t.Fatalf("second Close: %v", err)
	}
}

// Close with a context that ends stops a call that would never finish.
func TestCloseStopsRunawayCall(t *testing.T) {
	ctx := context.Background()
	h, err := Open(ctx, Config{Wasm: guestWasm(), CacheDir: NoCache, MaxInstances: 1, Timeout: time.Hour, Interruptible: true})
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := h.Call(ctx, "loop", nil)
		done <- err
	}()
	time.Sleep(100 * time.Millisecond)
	closeCtx, cancel := context.WithTimeout(ctx, 100*time.Millisecond)
	defer cancel()
	h.Close(closeCtx)
	select {
	case err := <-done:
		if err == nil {
			t.Fatal("the looping call succeeded")
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Close did not stop the looping call")
	}
}

func TestCallWithDoneContext(t *testing.T) {
	h := openGuest(t, Config{})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := h.Call(ctx, "echo", nil); !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want canceled", err)
	}
}

// TestTimeoutWithoutInterruption is the default mode with the real plugin:
// a call that outlives its deadline returns at the deadline; its instance
// keeps its slot until the guest is done, is then closed, and the pool goes
// on with a fresh one.
func TestTimeoutWithoutInterruption(t *testing.T) {
	h, err := Open(context.Background(), Config{CacheDir: NoCache, MaxInstances: 1, Timeout: 2 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close(context.Background())
	var b strings.Builder
	b.WriteString(`{"settings":{"tax_system":"osn"},"order":{"id":"1","items":[`)
	for i := 0; i < 3000; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(`{"name":"товар","price":"10.01","quantity":"0.333"}`)
	}
	b.WriteString(`]}}`)
	start := time.Now()
	_, err = h.Call(context.Background(), "validate", []byte(b.String()))
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want deadline exceeded", err)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("returned after %v, not at its deadline", d)
	}
	h.timeout = 30 * time.Second
	if _, err := h.Call(context.Background(), "version", nil); err != nil {
		t.Fatalf("the pool did not recover: %v", err)
	}
	if n := h.created.Load(); n != 2 {
		t.Errorf("%d instances created, want 2 (the abandoned one is never reused)", n)
	}
}
