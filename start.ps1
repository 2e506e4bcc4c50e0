# Tratios en Windows: instala, migra, siembra, compila la SPA (si hay Node) y sirve en :5222.
#   ./start.ps1          servidor de desarrollo (SQLite embebido por defecto)
$ErrorActionPreference = "Stop"
Set-Location -Path $PSScriptRoot

if (-not (Test-Path ".venv\Scripts\python.exe")) {
    Write-Host "==> Creando entorno virtual (.venv)"
    python -m venv .venv
}
$py = ".venv\Scripts\python.exe"
Write-Host "==> Instalando dependencias"
& $py -m pip install --quiet --upgrade pip
& $py -m pip install --quiet -r requirements.txt

Write-Host "==> Migrando la base de datos"
& $py -m flask --app app:create_app db upgrade
if ($LASTEXITCODE -ne 0) { throw "db upgrade falló" }
Write-Host "==> Datos iniciales (idempotente)"
& $py -m flask --app app:create_app seed
if ($LASTEXITCODE -ne 0) { throw "seed falló" }

if ((Test-Path "frontend\package.json") -and (Get-Command node -ErrorAction SilentlyContinue)) {
    $index = "frontend\dist\frontend\browser\index.html"
    $stale = -not (Test-Path $index)
    if (-not $stale) {
        $built = (Get-Item $index).LastWriteTime
        $stale = @(Get-ChildItem -Recurse "frontend\src" | Where-Object { $_.LastWriteTime -gt $built }).Count -gt 0
    }
    if ($stale) {
        Write-Host "==> Compilando la SPA Angular"
        Push-Location frontend
        if (-not (Test-Path "node_modules")) { npm ci --no-audit --no-fund }
        npx ng build
        Pop-Location
    }
}

if (-not $env:PORT) { $env:PORT = "5222" }
Write-Host "==> Sirviendo en http://localhost:$($env:PORT)"
& $py app.py
