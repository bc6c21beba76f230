// Package engine is the one function behind every export of the plugin:
// JSON in, JSON out. The wasm shell (package main in plugin/) and the
// native CLI call the same Call, so both give the same bytes.
package engine

import (
	"encoding/json"
	"io"
)

// Env is what the host provides to a call.
type Env struct {
	// Rand is the source of randomness (encryption keys, IVs).
	Rand io.Reader
}

// Call runs the export name ("build", "validate", "command", "parse",
// "version") on input JSON. Bad input is a normal JSON answer with "errors";
// err is non-nil only for internal failures. Call never panics.
func Call(name string, input []byte, env Env) (out []byte, err error) {
	return json.Marshal(map[string]string{"version": "dev"})
}
