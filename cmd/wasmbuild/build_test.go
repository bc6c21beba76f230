package main

import (
	"bytes"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestToolchain(t *testing.T) {
	if got := toolchain([]byte("module m\n\ngo 1.25.0\n\ntoolchain go1.26.8\n")); got != "go1.26.8" {
		t.Errorf("toolchain = %q", got)
	}
	if got := toolchain([]byte("module m\ngo 1.25.0\n")); got != "" {
		t.Errorf("toolchain without a line = %q", got)
	}
}

func TestBuildEnvPinsEverythingThatChangesOutput(t *testing.T) {
	in := []string{"HOME=/h", "GOFLAGS=-ldflags=-X=main.x=1", "GOOS=linux", "GOARCH=arm64", "CGO_ENABLED=1",
		"GOWASM=satconv", "GOEXPERIMENT=arenas", "GOTOOLCHAIN=local", "PATH=/bin"}
	env := buildEnv(in, "go1.26.8")
	want := []string{"HOME=/h", "PATH=/bin", "GOOS=wasip1", "GOARCH=wasm", "CGO_ENABLED=0", "GOFLAGS=",
		"GOWASM=", "GOEXPERIMENT=", "GOTOOLCHAIN=go1.26.8"}
	if !slices.Equal(env, want) {
		t.Errorf("buildEnv =\n%q\nwant\n%q", env, want)
	}
	if env := buildEnv([]string{"GOTOOLCHAIN=local"}, ""); slices.Contains(env, "GOTOOLCHAIN=") || !slices.Contains(env, "GOTOOLCHAIN=local") {
		t.Errorf("without a toolchain line GOTOOLCHAIN must be left alone: %q", env)
	}
}

func TestBuildArgs(t *testing.T) {
	got := strings.Join(buildArgs("out.wasm", true), " ")
	for _, want := range []string{"-buildmode=c-shared", "-trimpath", "-buildvcs=false", "-ldflags=-s -w -buildid=", "-o out.wasm", "./plugin"} {
		if !strings.Contains(got, want) {
			t.Errorf("build args %q lack %q", got, want)
		}
	}
	if got := strings.Join(buildArgs("x", false), " "); strings.Contains(got, "-s -w") || !strings.Contains(got, "-ldflags=-buildid=") {
		t.Errorf("unstripped build args %q", got)
	}
}

func TestCompare(t *testing.T) {
	if err := compare([]byte("abc"), []byte("abc")); err != nil {
		t.Errorf("equal bytes: %v", err)
	}
	err := compare([]byte("abc"), []byte("abd"))
	if err == nil || !strings.Contains(err.Error(), "host/kopeck.wasm is stale: run go run ./cmd/wasmbuild") {
		t.Errorf("different bytes: %v", err)
	}
}

func TestDescribe(t *testing.T) {
	if got := describe(make([]byte, 3<<20)); !strings.Contains(got, "3145728 bytes") || !strings.Contains(got, "within") {
		t.Errorf("describe(3 MiB) = %q", got)
	}
	if got := describe(make([]byte, 3<<20+1)); !strings.Contains(got, "OVER") {
		t.Errorf("describe(3 MiB + 1) = %q", got)
	}
}

// Two builds give the same bytes even when the caller's environment asks
// for something else and the build runs from another directory.
func TestBuildIsReproducible(t *testing.T) {
	root, err := moduleRoot()
	if err != nil {
		t.Fatal(err)
	}
	first, err := buildTemp(root, true)
	if err != nil {
		t.Fatal(err)
	}
	t.Setenv("GOFLAGS", "-ldflags=-X=main.injected=1")
	t.Setenv("GOWASM", "satconv")
	t.Chdir(filepath.Join(root, "host"))
	second, err := buildTemp(root, true)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first, second) {
		t.Fatalf("two builds differ: %s vs %s", describe(first), describe(second))
	}
}
