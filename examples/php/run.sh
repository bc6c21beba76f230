#!/usr/bin/env bash
# Starts `kopeck serve` on a free loopback port with a token, runs the PHP
# tests against it, stops it. Needs php-cli (apt-get install php-cli).
set -euo pipefail
cd "$(dirname "$0")"
work=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT
go build -o "$work/kopeck" ../../cmd/kopeck
head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$work/token"
"$work/kopeck" serve --addr 127.0.0.1:0 --token-file "$work/token" 2> "$work/serve.log" &
pid=$!
for _ in $(seq 100); do
  addr=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$work/serve.log" || true)
  [ -n "$addr" ] && break
  sleep 0.1
done
[ -n "$addr" ] || { echo "kopeck serve did not start:"; cat "$work/serve.log"; exit 1; }
php tests.php "$addr" "$(cat "$work/token")"
