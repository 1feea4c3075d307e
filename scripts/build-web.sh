#!/usr/bin/env bash
# Builds the web app (web/, see web/README.md) into web/dist, which `parley serve --web-root` serves at /.
# Called by `make build` and `make demo`. Skips what is already done: `npm ci` only when package-lock.json
# changed since the last install, the Vite build only when a source is newer than the last build.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f web/package.json ] || exit 0
cd web
if [ ! -f node_modules/.parley-installed ] || [ package-lock.json -nt node_modules/.parley-installed ]; then
  echo "parley: installing the web app's packages (npm ci)" >&2
  npm ci --no-audit --no-fund --loglevel=error
  touch node_modules/.parley-installed
fi
if [ ! -f dist/index.html ] ||
   [ -n "$(find src public index.html vite.config.* package.json package-lock.json -newer dist/index.html -print -quit 2>/dev/null)" ]; then
  echo "parley: building the web app (vite build)" >&2
  npm run build --silent
fi
