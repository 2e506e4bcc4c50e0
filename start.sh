#!/usr/bin/env bash
# Tratios: instala, migra, siembra, compila la SPA (si hay Node) y sirve en :5222.
#   ./start.sh          servidor de desarrollo (SQLite embebido por defecto)
#   ./start.sh --prod   gunicorn con gunicorn.conf.py (configure DATABASE_URL y secretos)
set -euo pipefail
cd "$(dirname "$0")"

PYTHON_BIN="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  echo "==> Creando entorno virtual (.venv)"
  "$PYTHON_BIN" -m venv .venv
fi
stamp=.venv/.requirements.sha
want=$(sha256sum requirements.txt | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "==> Instalando dependencias"
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -r requirements.txt
  echo "$want" > "$stamp"
fi

export FLASK_APP="app:create_app"
echo "==> Migrando la base de datos"
.venv/bin/python -m flask --app app:create_app db upgrade
echo "==> Datos iniciales (idempotente)"
.venv/bin/python -m flask --app app:create_app seed

if [ -f frontend/package.json ]; then
  if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then
    index=frontend/dist/frontend/browser/index.html
    if [ ! -f "$index" ] || [ -n "$(find frontend/src frontend/package.json frontend/angular.json -newer "$index" -print -quit 2>/dev/null)" ]; then
      echo "==> Compilando la SPA Angular"
      (cd frontend && { [ -d node_modules ] || npm ci --no-audit --no-fund; } && npx ng build)
    fi
  else
    echo "==> Node no está instalado: se sirve solo la API (la SPA no se compila)"
  fi
fi

PORT="${PORT:-5222}"
if [ "${1:-}" = "--prod" ]; then
  echo "==> Sirviendo con gunicorn en :$PORT"
  exec .venv/bin/gunicorn -c gunicorn.conf.py --bind "${HOST:-0.0.0.0}:$PORT" "app:create_app()"
fi
echo "==> Sirviendo en http://localhost:$PORT"
exec .venv/bin/python app.py
