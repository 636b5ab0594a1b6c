"""Shell quoting for snippets: any value becomes exactly one safe argument."""

from __future__ import annotations

import re
from collections.abc import Sequence

from generator.render.code import Code

__all__ = ["Segment", "quote", "quote_segments"]

# A literal piece, or (with is_var) a shell variable name to expand.
Segment = tuple[str, bool]

_SAFE = re.compile(r"[A-Za-z0-9_@%+=:,./-]+")


def _needs_ansi_c(text: str) -> bool:
    # What is not printable (controls, bidi overrides, U+2028, private-use and unassigned code
    # points, lone surrogates) is written as an escape, so the snippet shows what it sends (no
    # Trojan Source); newline and tab read fine inside single quotes.
    return any(not c.isprintable() and c not in "\n\t" for c in text)


def _ansi_c(text: str) -> Code:
    """A ``$'...'`` word; escapes are UTF-8 bytes (``\\xHH``), not ``\\u``, which bash
    expands only in a UTF-8 locale. A lone surrogate is sent as U+FFFD, as UTF-8 encoders
    (and Postman) send it."""
    out = []
    for c in text:
        if c == "\\":
            out.append("\\\\")
        elif c == "'":
            out.append("\\'")
        elif c == "\n":
            out.append("\\n")
        elif c == "\t":
            out.append("\\t")
        elif c.isprintable():
            out.append(c)
        else:
            out.append("".join(f"\\x{byte:02x}" for byte in _utf8(c)))
    return Code("$'" + "".join(out) + "'")


def _utf8(c: str) -> bytes:
    return "\ufffd".encode() if 0xD800 <= ord(c) <= 0xDFFF else c.encode("utf-8")


def quote(text: str) -> Code:
    """Quote one literal so that bash passes it through unchanged."""
    if text and _SAFE.fullmatch(text):
        return Code(text)
    if _needs_ansi_c(text):
        return _ansi_c(text)
    return Code("'" + text.replace("'", "'\\''") + "'")


def quote_segments(segments: Sequence[Segment]) -> Code:
    """One argument made of literal pieces and `${VAR}` expansions, concatenated."""
    out = []
    for text, is_var in segments:
        if is_var:
            out.append('"${' + text + '}"')
        elif text:
            out.append(quote(text))
    return Code("".join(out) or "''")
