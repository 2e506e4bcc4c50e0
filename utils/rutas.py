"""Which paths belong to the API: never answered with the SPA's index.html, always with JSON."""

from __future__ import annotations

API_PREFIXES = ("api", "admin", "auth", "account", "public", "health")


def is_api_path(path: str) -> bool:
    return path.strip("/").split("/", 1)[0] in API_PREFIXES
