package host

import (
	"bytes"
	"testing"
)

func TestEmbeddedIsTheCommittedPlugin(t *testing.T) {
	w := Embedded()
	if len(w) < 1<<20 {
		t.Fatalf("embedded plugin is %d bytes: not built (run go run ./cmd/wasmbuild)", len(w))
	}
	if !bytes.HasPrefix(w, []byte("\x00asm\x01\x00\x00\x00")) {
		t.Fatalf("embedded plugin does not start with the wasm magic: %x", w[:8])
	}
}

// The plugin exports exactly the documented functions (and the reactor's
// _initialize), nothing left over from experiments.
func TestEmbeddedExports(t *testing.T) {
	h := openPlugin(t, Config{})
	want := []string{"_initialize", "build", "command", "noop", "parse", "validate", "version"}
	if len(h.exports) != len(want) {
		t.Errorf("exports = %v, want %v", h.exports, want)
	}
	for _, name := range want {
		if !h.exports[name] {
			t.Errorf("missing export %q (have %v)", name, h.exports)
		}
	}
}
