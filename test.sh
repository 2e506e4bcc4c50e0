#!/usr/bin/env bash
# Instala lo que las pruebas necesitan y ejecuta toda la suite.
# Sin TEST_DATABASE_URL: SQLite. Con TEST_DATABASE_URL (MariaDB/MySQL): SQLite y luego ese servidor.
# Argumentos extra se pasan a pytest (p. ej. ./test.sh -k licencia).
set -euo pipefail
cd "$(dirname "$0")"

PYTHON_BIN="${PYTHON:-python3}"
[ -x .venv/bin/python ] || "$PYTHON_BIN" -m venv .venv
stamp=.venv/.requirements-dev.sha
want=$(cat requirements.txt requirements-dev.txt | sha256sum | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -r requirements-dev.txt
  echo "$want" > "$stamp"
fi

echo "==> ruff (incluye reglas de seguridad S)"
.venv/bin/ruff check .

status=0
echo "==> Pruebas sobre SQLite"
env -u TEST_DATABASE_URL .venv/bin/python -m pytest "$@" || status=$?

if [ -n "${TEST_DATABASE_URL:-}" ]; then
  echo "==> Pruebas sobre ${TEST_DATABASE_URL%%://*} (TEST_DATABASE_URL)"
  .venv/bin/python -m pytest "$@" || status=$?
fi
exit $status
