"""Per-category logs (`logs/<categoria>.log`): auth, admin, soporte, api, public.

Usage: `AppLogger.get("auth").warning("Inicio de sesión fallido usuario_id=%s", uid)`.
Records also reach the general app.log through the `tratios` logger tree.
"""

from __future__ import annotations

import logging
from pathlib import Path

from utils.logger import make_handler

CATEGORIES = ("auth", "admin", "soporte", "api", "public")


class AppLogger:
    _configured_dir: Path | None = None

    @classmethod
    def configure(cls, log_dir: Path, level: int = logging.INFO) -> None:
        for category in CATEGORIES:
            logger = logging.getLogger(f"tratios.{category}")
            logger.setLevel(level)
            for handler in list(logger.handlers):
                logger.removeHandler(handler)
                handler.close()
            logger.addHandler(make_handler(log_dir / f"{category}.log", level))
            logger.propagate = True
        cls._configured_dir = log_dir

    @staticmethod
    def get(category: str) -> logging.Logger:
        if category not in CATEGORIES:
            raise ValueError(f"Categoría de log desconocida: {category}")
        return logging.getLogger(f"tratios.{category}")
