#!/usr/bin/env bash
# The Node and PHP hosts' tests: the real kopeck.wasm through @extism/extism,
# and the real php-cli against the real `kopeck serve`. Installs what is
# missing: npm packages with npm ci, php-cli with apt-get (when root).
set -euo pipefail
cd "$(dirname "$0")"

echo "-- Node $(node --version): examples/node"
(cd node && npm ci --no-audit --no-fund --loglevel=error && node --test)

if ! command -v php >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "-- installing php-cli with apt-get"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq php-cli >/dev/null
  else
    echo "php is missing: install php-cli (apt-get install php-cli)" >&2
    exit 1
  fi
fi
echo "-- $(php --version | head -1): examples/php"
php/run.sh
