#!/usr/bin/env bash
# Unit tests of the SPA (Angular 21 default runner: Vitest + jsdom; no browser needed).
set -euo pipefail
cd "$(dirname "$0")"
[ -d node_modules ] || npm ci --no-audit --no-fund
exec npx ng test --watch=false "$@"
