"""Where postgen's own files are: its templates and JSON schemas (cheap to import)."""

from __future__ import annotations

from pathlib import Path
from typing import Final

__all__ = ["SCHEMA_DIR", "templates_dir"]

SCHEMA_DIR: Final = Path(__file__).resolve().parent / "schemas"


def templates_dir() -> Path:
    """`templates/` of a source checkout, else the copy packaged inside the wheel."""
    source = Path(__file__).resolve().parents[1] / "templates"
    if source.is_dir():
        return source
    return Path(__file__).resolve().parent / "_templates"
