package main

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// buildSelf builds this command for tests that run it.
func buildSelf(t *testing.T) string {
	t.Helper()
	exe := filepath.Join(t.TempDir(), "wasmbuild")
	if out, err := exec.Command("go", "build", "-o", exe, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return exe
}

func TestCheckFlag(t *testing.T) {
	out, err := exec.Command(buildSelf(t), "-check").CombinedOutput()
	if err != nil {
		t.Fatalf("wasmbuild -check: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "host/kopeck.wasm is up to date") {
		t.Fatalf("wasmbuild -check said %q", out)
	}
}
