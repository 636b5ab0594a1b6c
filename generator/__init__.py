"""postgen: Postman collections -> Python SDKs, curl snippets, models and docs.

The public API is loaded on first use, so that starting the CLI (and Ctrl-C during start-up)
stays cheap.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from generator.version import __version__

if TYPE_CHECKING:
    from generator.errors import CollectionError, PostgenError
    from generator.pipeline import check, generate, parse

# `generator.load` is the loading module, so the read-and-parse entry point is `parse`.
__all__ = ["CollectionError", "PostgenError", "__version__", "check", "generate", "parse"]

_LAZY = {
    "CollectionError": "generator.errors",
    "PostgenError": "generator.errors",
    "check": "generator.pipeline",
    "generate": "generator.pipeline",
    "parse": "generator.pipeline",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'generator' has no attribute {name!r}")
