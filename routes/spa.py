"""Serves the Angular build (frontend/dist/frontend/browser) with deep links.

Registered last. API prefixes never get index.html: they stay JSON 404s.
"""

from __future__ import annotations

import re
from pathlib import Path

from flask import Blueprint, current_app, jsonify, send_from_directory

from utils.errors import error_response
from utils.rutas import is_api_path

spa_bp = Blueprint("spa", __name__)

# Angular's hashed file names: main-ABCD1234.js, styles-XYZ.css, chunk-....js
_HASHED = re.compile(r"-[A-Za-z0-9]{8,}\.(?:js|css|woff2?|ttf|svg|png|jpg|webp|ico)$")


def _dist() -> Path:
    return Path(current_app.config["SPA_DIST_DIR"])


def _index():
    response = send_from_directory(_dist(), "index.html", max_age=0)
    response.headers["Cache-Control"] = "no-cache, no-store, must-revalidate"
    return response


@spa_bp.route("/", defaults={"path": ""}, methods=["GET"])
@spa_bp.route("/<path:path>", methods=["GET"])
def catch_all(path: str):
    if path and is_api_path(path):
        return error_response(404)
    dist = _dist()
    if not (dist / "index.html").is_file():
        if path:
            return error_response(404)
        return jsonify(
            {
                "message": "Aplicación en modo desarrollo: el frontend Angular no está compilado. "
                "Use http://localhost:4200 (ng serve) o compile con ./start.sh.",
                "frontend": "http://localhost:4200",
                "api_docs": "/api/docs",
            }
        )
    if path:
        candidate = (dist / path).resolve()
        if candidate.is_file() and dist.resolve() in candidate.parents:
            max_age = 31536000 if _HASHED.search(path) else 3600
            response = send_from_directory(dist, path, max_age=max_age)
            if max_age == 31536000:
                response.headers["Cache-Control"] = "public, max-age=31536000, immutable"
            return response
        if "." in path.rsplit("/", 1)[-1]:
            # A missing asset is a 404, not the index page.
            return error_response(404)
    return _index()
