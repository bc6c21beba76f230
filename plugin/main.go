// Command plugin is the Extism wasm plugin of kopeck: a thin go-pdk shell
// around plugin/engine, and nothing else.
//
// It is built with the standard Go toolchain (not TinyGo) as a WASI reactor:
//
//	GOOS=wasip1 GOARCH=wasm go build -buildmode=c-shared -o host/kopeck.wasm ./plugin
//
// (use `go run ./cmd/wasmbuild`, which adds the flags that make the bytes
// reproducible). -buildmode=c-shared makes the module export _initialize
// instead of _start; Extism SDKs call _initialize once before the first export
// so the Go runtime is set up, and main is never run.
//
// Decisions:
//   - Each export is a //go:wasmexport func() int32 (the Extism raw ABI: input
//     and output travel through the extism:host/env kernel, 0 = success).
//     Exports: build, validate, command, parse, version (engine.Call on the
//     input JSON) and noop (reads nothing, writes nothing: the floor cost of
//     a call, for benchmarks).
//   - Bad input is not a failure: the engine answers it with a normal JSON
//     document carrying "errors", and the export returns 0. Only an internal
//     failure (engine error or a recovered panic) sets the Extism error with
//     pdk.SetError and returns 1; the export never returns non-zero without
//     setting the error.
//   - Randomness comes from crypto/rand.Reader, which in wasip1 is the WASI
//     random_get import, i.e. the host's random source. Hosts must configure a
//     real one (wazero's default is deterministic; package host does).
//   - The plugin does no network or file I/O: it needs no Extism allowed
//     hosts or paths.
package main

// main is never called in a reactor module (-buildmode=c-shared); the
// package must still declare it.
func main() {}
