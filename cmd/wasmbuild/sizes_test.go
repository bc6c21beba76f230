package main

import (
	"testing"
)

func TestPackageOf(t *testing.T) {
	for sym, want := range map[string]string{
		"runtime.gcstart":                                   "runtime",
		"runtime.__mheap_.alloc":                            "runtime",
		"encoding_json.__decodeState_.object":               "encoding_json",
		"github.com_tidwall_gjson.parseArray":               "github.com_tidwall_gjson",
		"github.com_kopeck_kopeck_plugin_receipt.Reconcile": "github.com_kopeck_kopeck_plugin_receipt",
		"go.opentelemetry.io_proto_otlp.init":               "go.opentelemetry.io_proto_otlp",
		"internal_runtime_maps.__Map_.getWithKeySmall":      "internal_runtime_maps",
		"noDotAtAll": "noDotAtAll",
	} {
		if got := packageOf(sym); got != want {
			t.Errorf("packageOf(%q) = %q, want %q", sym, got, want)
		}
	}
}

func TestTop(t *testing.T) {
	got := top(map[string]int{"a": 1, "b": 3, "c": 3, "d": 2}, 3)
	want := []sized{{"b", 3}, {"c", 3}, {"d", 2}}
	if len(got) != len(want) {
		t.Fatalf("top = %v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("top = %v, want %v", got, want)
		}
	}
}

// A module assembled by hand: one imported function, two defined ones with
// bodies of 4 and 2 bytes, names for the import and the first defined one.
func TestAnalyze(t *testing.T) {
	wasm := []byte("\x00asm\x01\x00\x00\x00")
	wasm = append(wasm, 1, 4, 1, 0x60, 0, 0) // type: () -> ()
	imp := []byte{1, 1, 'm', 1, 'f', 0, 0}   // import m.f func type 0
	wasm = append(wasm, 2, byte(len(imp)))
	wasm = append(wasm, imp...)
	wasm = append(wasm, 3, 3, 2, 0, 0)                    // two functions of type 0
	code := []byte{2, 4, 0, 0x01, 0x01, 0x0b, 2, 0, 0x0b} // bodies: nop nop end (4), end (2)
	wasm = append(wasm, 10, byte(len(code)))
	wasm = append(wasm, code...)
	names := []byte{1, 7, 2, 0, 1, 'i', 1, 1, 'a'} // subsection 1: 0 → "i", 1 → "a"
	custom := append([]byte{4, 'n', 'a', 'm', 'e'}, names...)
	wasm = append(wasm, 0, byte(len(custom)))
	wasm = append(wasm, custom...)

	r, err := analyze(wasm)
	if err != nil {
		t.Fatal(err)
	}
	wantSections := []sized{{"type", 4}, {"import", len(imp)}, {"function", 3}, {"code", len(code)}, {"custom:name", len(custom)}}
	if len(r.sections) != len(wantSections) {
		t.Fatalf("sections = %v, want %v", r.sections, wantSections)
	}
	for i := range wantSections {
		if r.sections[i] != wantSections[i] {
			t.Fatalf("sections = %v, want %v", r.sections, wantSections)
		}
	}
	wantFuncs := []sized{{"a", 4}, {"func[2]", 2}}
	if len(r.funcs) != 2 || r.funcs[0] != wantFuncs[0] || r.funcs[1] != wantFuncs[1] {
		t.Fatalf("funcs = %v, want %v", r.funcs, wantFuncs)
	}

	for _, bad := range [][]byte{nil, []byte("\x00asm"), []byte("notwasm!"), append(append([]byte{}, wasm[:8]...), 10, 50, 1)} {
		if _, err := analyze(bad); err == nil {
			t.Errorf("analyze(%x) succeeded", bad)
		}
	}
}
