#!/usr/bin/env bash
# Measures the kopeck sidecar on loopback: builds kopeck, starts
# `kopeck serve` (a separate process, token on, 127.0.0.1 only), sends
# build requests for DURATION seconds, prints requests/s, stops the server.
#
#   examples/loadtest.sh [INPUT.json] [ENGINE] [DURATION] [CONNECTIONS]
#   defaults: testdata/cli/itkassa.build.json wasm 10 32
#
# With wrk installed (apt-get install wrk) it runs wrk -t1 -cCONNECTIONS;
# it always runs `kopeck loadtest --url` too, which counts every status.
# Traffic goes to 127.0.0.1 only, bounded in time (and count for loadtest).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
input=${1:-$root/testdata/cli/itkassa.build.json}
engine=${2:-wasm}
duration=${3:-10}
conns=${4:-32}
work=$(mktemp -d)
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
(cd "$root" && go build -o "$work/kopeck" ./cmd/kopeck)
head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$work/token"
"$work/kopeck" serve --addr 127.0.0.1:0 --token-file "$work/token" --engine "$engine" 2> "$work/serve.log" &
pid=$!
addr=
for _ in $(seq 300); do
  addr=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$work/serve.log" || true)
  [ -n "$addr" ] && break
  sleep 0.1
done
[ -n "$addr" ] || { echo "kopeck serve did not start:"; cat "$work/serve.log"; exit 1; }
echo "== sidecar $addr, engine $engine, input $(basename "$input"), ${duration}s, $conns connections, $(nproc) cores"
# Warm up (compiles nothing: the pool is already up), then measure.
"$work/kopeck" loadtest --url "$addr" --token-file "$work/token" --input "$input" --requests 500 --concurrency 4 --duration 5s > /dev/null
if command -v wrk > /dev/null; then
  echo "-- wrk"
  BODY=$input TOKEN=$(cat "$work/token") wrk -t1 -c"$conns" -d"${duration}s" -s "$root/examples/loadtest.lua" "$addr/v1/build"
fi
echo "-- kopeck loadtest"
"$work/kopeck" loadtest --url "$addr" --token-file "$work/token" --input "$input" \
  --requests 1000000 --concurrency "$conns" --duration "${duration}s"
