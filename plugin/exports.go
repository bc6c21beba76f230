//go:build wasip1

package main

import (
	"crypto/rand"
	"errors"
	"fmt"

	"github.com/extism/go-pdk"

	"github.com/kopeck/kopeck/plugin/engine"
)

//go:wasmexport build
func build() int32 { return call("build") }

//go:wasmexport validate
func validate() int32 { return call("validate") }

//go:wasmexport command
func command() int32 { return call("command") }

//go:wasmexport parse
func parse() int32 { return call("parse") }

//go:wasmexport version
func version() int32 { return call("version") }

// noop reads no input and writes no output: the floor cost of an export call
// through a host (instance checkout, input/output handling, the call itself).
//
//go:wasmexport noop
func noop() int32 { return 0 }

// call is the one wrapper behind every engine export: it reads the Extism
// input, runs engine.Call with the host's randomness and writes the answer.
// An engine error or a panic becomes the Extism error and return code 1.
func call(name string) (rc int32) {
	defer func() {
		if r := recover(); r != nil {
			pdk.SetError(fmt.Errorf("kopeck %s: internal error: panic: %v", name, r))
			rc = 1
		}
	}()
	out, err := engine.Call(name, pdk.Input(), engine.Env{Rand: rand.Reader})
	if err != nil {
		pdk.SetError(fmt.Errorf("kopeck %s: internal error: %w", name, err))
		return 1
	}
	if out == nil {
		pdk.SetError(errors.New("kopeck " + name + ": internal error: engine returned no answer"))
		return 1
	}
	pdk.Output(out)
	return 0
}
