package host

import (
	"context"
	"testing"
)

// Benchmarks of calls through the host with the embedded plugin; compare
// runs with benchstat:
//
//	go test ./host -run '^$' -bench . -count 10 > new.txt
//
// BenchmarkNoop is the floor of a call (pool checkout, Extism input/output
// bookkeeping, entering and leaving the guest); an export's own cost is its
// time minus Noop's.

func BenchmarkNoop(b *testing.B) {
	benchCall(b, "noop", nil)
}

func BenchmarkNoopParallel(b *testing.B) {
	h := openPlugin(b, Config{})
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := h.Call(ctx, "noop", nil); err != nil {
				b.Error(err)
				return
			}
		}
	})
}

func BenchmarkVersion(b *testing.B) {
	benchCall(b, "version", []byte("{}"))
}

// Build benchmarks go here (the lead adds them once the engine has fixed
// inputs): for example
//
//	func BenchmarkBuildNanokassa(b *testing.B) { benchCall(b, "build", nanokassaInput) }

// benchCall measures sequential calls of export with input through one host.
func benchCall(b *testing.B, export string, input []byte) {
	h := openPlugin(b, Config{})
	ctx := context.Background()
	if _, err := h.Call(ctx, export, input); err != nil { // warm the instance
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.SetBytes(int64(len(input)))
	for b.Loop() {
		if _, err := h.Call(ctx, export, input); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkOpenWarmCache measures Open with a warm compilation cache in a
// process that has already loaded it once (go run ./cmd/wasmbuild -coldstart
// measures fresh processes).
func BenchmarkOpenWarmCache(b *testing.B) {
	ctx := context.Background()
	h := openPlugin(b, Config{}) // fills the cache
	h.Close(ctx)
	for b.Loop() {
		h, err := Open(ctx, Config{CacheDir: testCacheDir})
		if err != nil {
			b.Fatal(err)
		}
		h.Close(ctx)
	}
}
