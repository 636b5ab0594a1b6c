"""RFC 6901 JSON pointers: building them while walking a document, and escaping."""

from __future__ import annotations

__all__ = ["escape", "join"]


def escape(token: str | int) -> str:
    """Escape one reference token (`~` -> `~0`, `/` -> `~1`)."""
    text = str(token)
    if "~" in text or "/" in text:
        return text.replace("~", "~0").replace("/", "~1")
    return text


def join(base: str, *tokens: str | int) -> str:
    """Append reference tokens to a pointer: join("/item/0", "request") == "/item/0/request"."""
    if len(tokens) == 1:  # most calls (a parser walks one level at a time)
        token = tokens[0]
        return f"{base}/{token}" if type(token) is int else f"{base}/{escape(token)}"
    return base + "".join("/" + escape(t) for t in tokens)
