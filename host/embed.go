package host

import _ "embed"

// kopeckWasm is the kopeck plugin built by `go run ./cmd/wasmbuild` from
// ./plugin; `go run ./cmd/wasmbuild -check` proves it matches the source.
//
//go:embed kopeck.wasm
var kopeckWasm []byte

// Embedded returns the kopeck wasm plugin embedded in this package. The slice
// is shared: callers must not modify it.
func Embedded() []byte { return kopeckWasm }
