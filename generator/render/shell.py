"""Shell quoting for snippets: any value becomes exactly one safe argument."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from generator.render.code import Code

__all__ = ["Segment", "quote", "quote_segments"]

# A literal piece, or (with is_var) a shell variable name to expand.
Segment = tuple[str, bool]

_SAFE = re.compile(r"[A-Za-z0-9_@%+=:,./-]+")


def _needs_ansi_c(text: str) -> bool:
    # Controls (other than newline/tab), bidi overrides and other invisible format characters
    # are written as escapes so the snippet shows what it sends (no Trojan Source).
    return any(
        (ord(c) < 0x20 and c not in "\n\t")
        or ord(c) == 0x7F
        or unicodedata.category(c) in ("Cf", "Cs", "Zl", "Zp")
        for c in text
    )


def _ansi_c(text: str) -> Code:
    out = []
    for c in text:
        code = ord(c)
        if c == "\\":
            out.append("\\\\")
        elif c == "'":
            out.append("\\'")
        elif c == "\n":
            out.append("\\n")
        elif c == "\t":
            out.append("\\t")
        elif code < 0x20 or code == 0x7F:
            out.append(f"\\x{code:02x}")
        elif unicodedata.category(c) in ("Cf", "Cs", "Zl", "Zp"):
            out.append(f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}")
        else:
            out.append(c)
    return Code("$'" + "".join(out) + "'")


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
