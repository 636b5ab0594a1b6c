"""RFC 6901 JSON pointers: building them while walking a document, and escaping."""

from __future__ import annotations

__all__ = ["escape", "join"]


def escape(token: str | int) -> str:
    """Escape one reference token (`~` -> `~0`, `/` -> `~1`)."""
    return str(token).replace("~", "~0").replace("/", "~1")


def join(base: str, *tokens: str | int) -> str:
    """Append reference tokens to a pointer: join("/item/0", "request") == "/item/0/request"."""
    return base + "".join("/" + escape(t) for t in tokens)
