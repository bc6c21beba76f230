package main

import (
	"context"
	"os"
	"strings"
	"testing"
)

func TestOpenEngineBoth(t *testing.T) {
	for _, name := range engines {
		e, err := openEngine(context.Background(), engineOptions{Name: name, Instances: 2})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		out, err := e.Call(context.Background(), "version", []byte("{}"))
		if err != nil || !strings.Contains(string(out), `"exports"`) {
			t.Errorf("%s: %s, %v", name, out, err)
		}
		if _, err := e.Call(context.Background(), "no_such_export", []byte("{}")); err == nil {
			t.Errorf("%s: an unknown export did not fail", name)
		}
		if err := e.Close(context.Background()); err != nil {
			t.Errorf("%s: close: %v", name, err)
		}
	}
}

func TestOpenEngineErrors(t *testing.T) {
	if _, err := openEngine(context.Background(), engineOptions{Name: "jit"}); err == nil {
		t.Error("unknown engine opened")
	}
	if _, err := openEngine(context.Background(), engineOptions{Name: engineWasm, WasmFile: "/nonexistent.wasm"}); err == nil {
		t.Error("missing plugin file opened")
	}
	junk := writeFile(t, "junk.wasm", "not wasm at all")
	if _, err := openEngine(context.Background(), engineOptions{Name: engineWasm, WasmFile: junk}); err == nil {
		t.Error("junk plugin opened")
	}
	_ = os.Remove(junk)
}

func TestNativeEngineHonoursCancelledContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := (nativeEngine{}).Call(ctx, "version", []byte("{}")); err == nil {
		t.Error("a cancelled call ran")
	}
}

// benchEngines runs, for every engine, setup once and then the call it
// returns in parallel on the sidecar's bundled ITKassa build input.
func benchEngines(b *testing.B, setup func(e Engine) func(in []byte) error) {
	in, err := os.ReadFile(repo("testdata", "cli", "itkassa.build.json"))
	if err != nil {
		b.Fatal(err)
	}
	for _, name := range engines {
		b.Run(name, func(b *testing.B) {
			e, err := openEngine(context.Background(), engineOptions{Name: name})
			if err != nil {
				b.Fatal(err)
			}
			defer e.Close(context.Background())
			call := setup(e)
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					if err := call(in); err != nil {
						b.Error(err)
						return
					}
				}
			})
		})
	}
}

// BenchmarkEngineBuild is the cost of one build of the sidecar's bundled
// ITKassa input, without HTTP: the floor under the sidecar's throughput.
func BenchmarkEngineBuild(b *testing.B) {
	benchEngines(b, func(e Engine) func([]byte) error {
		return func(in []byte) error {
			_, err := e.Call(context.Background(), "build", in)
			return err
		}
	})
}

func TestWasmFlagLoadsAPluginFile(t *testing.T) {
	out, errs, code := cli(t, "", "version", "--wasm", repo("host", "kopeck.wasm"), "--cache-dir", "-")
	if code != exitOK || !strings.Contains(out, `"version"`) {
		t.Fatalf("code %d, stderr %q, out %q", code, errs, out)
	}
	_, errs, code = cli(t, "", "version", "--wasm", writeFile(t, "junk.wasm", "junk"))
	if code != exitInternal || !strings.Contains(errs, "loading the wasm plugin") {
		t.Errorf("junk plugin: code %d, stderr %q", code, errs)
	}
}
