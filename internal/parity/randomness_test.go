package parity

import (
	"context"
	"os"
	"testing"

	"github.com/kopeck/kopeck/host"
	"github.com/tidwall/gjson"
)

// TestWasmRandomnessIsReal builds the same Nanokassa request twice through
// the .wasm, in one instance and in two separate hosts: every body must
// differ (fresh AES keys and IVs), which they would not with wazero's
// default, deterministic random source.
func TestWasmRandomnessIsReal(t *testing.T) {
	order, err := os.ReadFile("../../testdata/demo/demo.order.json")
	if err != nil {
		t.Fatal(err)
	}
	settings, err := os.ReadFile("../../testdata/demo/demo.settings.json")
	if err != nil {
		t.Fatal(err)
	}
	in := []byte(`{"settings":` + string(settings) + `,"order":` + string(order) + `}`)
	ctx := context.Background()
	bodies := map[string]bool{}
	for i := 0; i < 2; i++ {
		h, err := host.Open(ctx, host.Config{CacheDir: host.NoCache, MaxInstances: 1})
		if err != nil {
			t.Fatal(err)
		}
		for j := 0; j < 2; j++ {
			out, err := h.Call(ctx, "build", in)
			if err != nil {
				t.Fatal(err)
			}
			body := gjson.GetBytes(out, "request.body").String()
			if !gjson.Get(body, "aab").Exists() {
				t.Fatalf("no encrypted body: %.300s", out)
			}
			bodies[body] = true
		}
		h.Close(ctx)
	}
	if len(bodies) != 4 {
		t.Errorf("4 builds gave %d distinct bodies: the guest's randomness is not real", len(bodies))
	}
}
