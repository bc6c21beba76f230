#!/usr/bin/env bash
# Runs every test of kopeck: Go (vet, format, the embedded .wasm's freshness,
# unit, golden, parity and end-to-end tests), Node (@extism/extism on the
# real .wasm) and PHP (php-cli against the sidecar). Needs Go, Node and, for
# PHP, apt (php-cli is installed when missing and we are root).
set -euo pipefail
cd "$(dirname "$0")"
export GOFLAGS="${GOFLAGS:-} -buildvcs=false"

step() { printf '\n== %s\n' "$*"; }

step "gofmt"
unformatted=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go' -not -path './examples/*'))
if [ -n "$unformatted" ]; then echo "gofmt would change:"; echo "$unformatted"; exit 1; fi

step "go vet"
go vet ./...

step "the embedded plugin is built from this source"
go run ./cmd/wasmbuild -check

step "go test"
go test -count=1 ./...

step "Node and PHP hosts"
bash examples/run-tests.sh
