"""Strip // and /* */ comments from JSON text as Postman does before sending a raw body."""

from __future__ import annotations

__all__ = ["strip_json_comments"]


def _escaped(text: str, quote: int) -> bool:
    count = 0
    i = quote - 1
    while i >= 0 and text[i] == "\\":
        count += 1
        i -= 1
    return count % 2 == 1


def strip_json_comments(text: str) -> str:
    """Remove comments outside strings, keeping the line breaks that end `//` comments.

    Mirrors strip-json-comments 3.1.1 with `whitespace: false` (what postman-runtime uses).
    """
    in_string = False
    in_comment: str | None = None  # "single" or "multi"
    offset = 0
    out: list[str] = []
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        pair = text[i : i + 2]
        if not in_comment and ch == '"' and not _escaped(text, i):
            in_string = not in_string
        if in_string:
            i += 1
            continue
        if not in_comment and pair == "//":
            out.append(text[offset:i])
            offset = i
            in_comment = "single"
            i += 2
            continue
        if in_comment == "single" and pair == "\r\n":
            i += 1
            in_comment = None
            offset = i
            i += 1
            continue
        if in_comment == "single" and ch == "\n":
            in_comment = None
            offset = i
        elif not in_comment and pair == "/*":
            out.append(text[offset:i])
            offset = i
            in_comment = "multi"
            i += 2
            continue
        elif in_comment == "multi" and pair == "*/":
            i += 1
            in_comment = None
            offset = i + 1
            i += 1
            continue
        i += 1
    if not in_comment:
        out.append(text[offset:])
    return "".join(out)
