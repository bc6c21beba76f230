package main

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// pluginPkg is the package built into the plugin.
const pluginPkg = "./plugin"

// wasmPath is where the plugin lives, relative to the module root.
const wasmPath = "host/kopeck.wasm"

// sizeTarget is the size the plugin should stay under.
const sizeTarget = 3 << 20

// staleMessage is what -check says when the committed plugin is stale.
const staleMessage = wasmPath + " is stale: run go run ./cmd/wasmbuild"

// moduleRoot returns the directory of the main module's go.mod.
func moduleRoot() (string, error) {
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOMOD: %w", err)
	}
	gomod := strings.TrimSpace(string(out))
	if gomod == "" || gomod == os.DevNull {
		return "", errors.New("not inside a Go module: run from the kopeck repository")
	}
	return filepath.Dir(gomod), nil
}

// toolchain returns the toolchain go.mod asks for ("go1.26.8"), or "" when
// it names none.
func toolchain(gomod []byte) string {
	for _, line := range strings.Split(string(gomod), "\n") {
		f := strings.Fields(line)
		if len(f) == 2 && f[0] == "toolchain" {
			return f[1]
		}
	}
	return ""
}

// buildEnv returns env with every variable that changes the plugin's bytes
// set to a fixed value: the target, cgo off, the pinned toolchain, and the
// caller's GOFLAGS, GOWASM and GOEXPERIMENT cleared.
func buildEnv(env []string, toolchain string) []string {
	fixed := map[string]string{
		"GOOS":         "wasip1",
		"GOARCH":       "wasm",
		"CGO_ENABLED":  "0",
		"GOFLAGS":      "",
		"GOWASM":       "",
		"GOEXPERIMENT": "",
	}
	if toolchain != "" {
		fixed["GOTOOLCHAIN"] = toolchain
	}
	out := make([]string, 0, len(env)+len(fixed))
	for _, kv := range env {
		k, _, _ := strings.Cut(kv, "=")
		if _, ok := fixed[k]; !ok {
			out = append(out, kv)
		}
	}
	for _, k := range []string{"GOOS", "GOARCH", "CGO_ENABLED", "GOFLAGS", "GOWASM", "GOEXPERIMENT", "GOTOOLCHAIN"} {
		if v, ok := fixed[k]; ok {
			out = append(out, k+"="+v)
		}
	}
	return out
}

// buildArgs returns the go build arguments writing the plugin to out;
// stripped is false only for size analysis.
func buildArgs(out string, stripped bool) []string {
	ldflags := "-buildid="
	if stripped {
		ldflags = "-s -w -buildid="
	}
	return []string{"build", "-buildmode=c-shared", "-trimpath", "-buildvcs=false",
		"-ldflags=" + ldflags, "-o", out, pluginPkg}
}

// build compiles the plugin into out from the module at root.
func build(root, out string, stripped bool) error {
	gomod, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		return err
	}
	cmd := exec.Command("go", buildArgs(out, stripped)...)
	cmd.Dir = root
	cmd.Env = buildEnv(os.Environ(), toolchain(gomod))
	var stderr bytes.Buffer
	cmd.Stdout = io.Discard
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("go %s: %w\n%s", strings.Join(cmd.Args[1:], " "), err, stderr.Bytes())
	}
	return nil
}

// buildTemp builds the plugin into a temporary directory and returns its
// bytes.
func buildTemp(root string, stripped bool) ([]byte, error) {
	dir, err := os.MkdirTemp("", "wasmbuild-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	out := filepath.Join(dir, "kopeck.wasm")
	if err := build(root, out, stripped); err != nil {
		return nil, err
	}
	return os.ReadFile(out)
}

// runBuild rebuilds host/kopeck.wasm (replacing it atomically) and reports
// its size.
func runBuild(w io.Writer) error {
	root, err := moduleRoot()
	if err != nil {
		return err
	}
	wasm, err := buildTemp(root, true)
	if err != nil {
		return err
	}
	dst := filepath.Join(root, wasmPath)
	tmp := dst + ".tmp"
	if err := os.WriteFile(tmp, wasm, 0o644); err != nil {
		return err
	}
	if err := os.Rename(tmp, dst); err != nil {
		os.Remove(tmp)
		return err
	}
	fmt.Fprintf(w, "wrote %s: %s\n", wasmPath, describe(wasm))
	return nil
}

// runCheck rebuilds into a temporary file and compares with the committed
// host/kopeck.wasm.
func runCheck(w io.Writer) error {
	root, err := moduleRoot()
	if err != nil {
		return err
	}
	fresh, err := buildTemp(root, true)
	if err != nil {
		return err
	}
	committed, err := os.ReadFile(filepath.Join(root, wasmPath))
	if err != nil {
		return fmt.Errorf("%s: %w", staleMessage, err)
	}
	if err := compare(committed, fresh); err != nil {
		return err
	}
	fmt.Fprintf(w, "%s is up to date: %s\n", wasmPath, describe(fresh))
	return nil
}

// compare fails with the stale message when the committed plugin differs
// from a fresh build.
func compare(committed, fresh []byte) error {
	if bytes.Equal(committed, fresh) {
		return nil
	}
	return fmt.Errorf("%s (committed %s, fresh build %s)", staleMessage, describe(committed), describe(fresh))
}

// describe gives the size of a plugin, its share of the size target and a
// short hash.
func describe(wasm []byte) string {
	sum := sha256.Sum256(wasm)
	verdict := "within"
	if len(wasm) > sizeTarget {
		verdict = "OVER"
	}
	return fmt.Sprintf("%d bytes (%.2f MiB, %s the %d MiB target), sha256 %x",
		len(wasm), float64(len(wasm))/(1<<20), verdict, sizeTarget>>20, sum[:8])
}
