#!/usr/bin/env bash
# Installs the pinned Prism mock server (see tests/package.json / package-lock.json)
# into tests/node_modules. Idempotent: does nothing when the pinned version is present.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
want="$(node -p "require('$here/package.json').devDependencies['@stoplight/prism-cli']")"
bin="$here/node_modules/.bin/prism"
if [ -x "$bin" ] && [ "$("$bin" --version 2>/dev/null)" = "$want" ]; then
  echo "prism $want already installed at $bin"
  exit 0
fi
command -v npm >/dev/null || { echo "install-prism.sh: npm not found (Node >= 18 required)" >&2; exit 1; }
npm ci --prefix "$here" --no-audit --no-fund
got="$("$bin" --version)"
[ "$got" = "$want" ] || { echo "install-prism.sh: expected prism $want, got $got" >&2; exit 1; }
echo "prism $got installed at $bin"
