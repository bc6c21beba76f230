// Command wasmbuild builds the kopeck wasm plugin reproducibly into
// host/kopeck.wasm and checks that the committed file matches the source.
//
//	go run ./cmd/wasmbuild             # rebuild host/kopeck.wasm, print its size
//	go run ./cmd/wasmbuild -check      # exit 1 if host/kopeck.wasm is stale
//	go run ./cmd/wasmbuild -sizes      # what costs size (non-stripped build)
//	go run ./cmd/wasmbuild -coldstart  # host.Open with a fresh and a warm cache
//
// Run it from anywhere inside the module. Reproducibility: the same source
// and the same toolchain give the same bytes, because the build pins
// everything that changes the output (see buildEnv and buildArgs): the Go
// toolchain named in go.mod's toolchain line, GOOS/GOARCH, CGO off, no
// GOFLAGS/GOWASM/GOEXPERIMENT from the caller, -trimpath (no local paths),
// -buildvcs=false (no commit hash: committing would make the file stale),
// and -ldflags "-s -w -buildid=" (no symbols, no build ID).
package main

import (
	"flag"
	"fmt"
	"os"
)

func main() {
	check := flag.Bool("check", false, "rebuild into a temporary file and fail if host/kopeck.wasm differs")
	sizes := flag.Bool("sizes", false, "build with symbols and print the biggest packages and functions")
	coldstart := flag.Bool("coldstart", false, "measure host.Open in fresh processes with a fresh and a warm cache")
	child := flag.String("coldstart-child", "", "internal: one cold start measurement with this cache directory")
	flag.Parse()

	var err error
	switch {
	case *child != "":
		err = coldstartChild(*child)
	case *coldstart:
		err = runColdstart(os.Stdout)
	case *sizes:
		err = runSizes(os.Stdout)
	case *check:
		err = runCheck(os.Stdout)
	default:
		err = runBuild(os.Stdout)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "wasmbuild:", err)
		os.Exit(1)
	}
}
