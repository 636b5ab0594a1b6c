"""Literals of generated Python: strings and docstrings, exactly as black would print them.

Every text from a collection reaches generated code through one of these functions, as
data that cannot end the literal early. They print what black prints, so a template's
output is black-clean without running black over it (see ``generator/format.py``).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any, Final

from generator.render.code import Code

__all__ = [
    "LINE_LENGTH",
    "comment",
    "docstring",
    "py_string",
    "py_value",
    "visible",
]

LINE_LENGTH: Final = 100
"""black's and ruff's line length for generated code."""


def py_string(text: str) -> Code:
    """A string literal of ``text``: ``repr``'s escapes, black's choice of quotes.

    ``repr`` escapes everything that is not printable (NUL, CR, U+2028, bidi controls, lone
    surrogates); black then prefers double quotes unless they need more escapes.
    """
    literal = repr(text)
    if literal[0] == '"':
        return Code(literal)  # text has a ' and no ": repr already chose what black keeps
    body = literal[1:-1]
    if body.count('"') > body.count("\\'"):
        return Code(literal)
    return Code('"' + body.replace("\\'", "'").replace('"', '\\"') + '"')


def _one_line(text: str) -> str:
    """Control characters (bidi, NUL, CR, U+2028) as spaces, runs of whitespace as one."""
    if not text.isprintable():
        text = "".join(ch if ch.isprintable() else " " for ch in text)
    return " ".join(text.split())


def _wrap(text: str, width: int) -> list[str]:
    """``textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False)`` for
    text whose only whitespace is single spaces (``_one_line``'s), at a fraction of its cost:
    greedy, a word longer than a line alone on its own."""
    if len(text) <= width:
        return [text] if text.strip(" ") else []
    lines: list[str] = []
    line: list[str] = []
    size = -1
    for word in text.split(" "):
        if line and size + 1 + len(word) > width:
            lines.append(" ".join(line))
            line, size = [], -1
        line.append(word)
        size += 1 + len(word)
    lines.append(" ".join(line))
    return lines


def docstring(
    text: str,
    indent: int = 0,
    paragraphs: Sequence[str] = (),
    args: Sequence[tuple[str, str]] = (),
) -> Code:
    """A triple-quoted literal of any text, wrapped to fit 100 columns at ``indent``.

    ``text`` is the summary; ``paragraphs`` follow it, then an ``Args:`` section of
    ``(name, description)`` pairs. Each part is one line of text before wrapping: control
    characters become spaces; a word longer than a line stays whole (a long path).

    Backslashes are always escaped, quotes only when one could end the literal early (a run
    of three, or one at either end): then every quote is.
    """
    parts = [_one_line(text), *(_one_line(p) for p in paragraphs)]
    parts = [parts[0], *(p for p in parts[1:] if p)]
    items = [(name, _one_line(description)) for name, description in args]
    whole = "\n".join([*parts, *(d for _, d in items)])
    quote_all = '"""' in whole or parts[0].startswith('"') or whole.endswith('"')

    def escape(piece: str) -> str:
        piece = piece.replace("\\", "\\\\")
        return piece.replace('"', '\\"') if quote_all else piece

    width = LINE_LENGTH - indent
    lines = _wrap(escape(parts[0]), width - 6) or [""]
    for paragraph in parts[1:]:
        lines += ["", *_wrap(escape(paragraph), width)]
    if items:
        lines += ["", "Args:"]
        for name, description in items:
            wrapped = _wrap(f"{name}: {escape(description)}".rstrip(), width - 4)
            lines += [f"    {wrapped[0]}", *(f"        {line}" for line in wrapped[1:])]
    if len(lines) == 1:
        # black puts a space between a closing quote of the text and the closing quotes.
        closing = ' """' if lines[0].endswith('"') else '"""'
        if indent + 3 + len(lines[0]) + len(closing) <= LINE_LENGTH:
            return Code(f'"""{lines[0]}{closing}')
    margin = " " * indent
    rest = "".join(f"\n{margin}{line}" if line else "\n" for line in lines[1:])
    return Code(f'"""{lines[0]}{rest}\n{margin}"""')


def py_value(value: Any, indent: int = 0) -> Code:
    """A Python literal of a decoded JSON value, laid out as black keeps it.

    Non-empty dicts and lists are written one item per line with a trailing comma (black's
    "magic trailing comma" keeps them so); ``indent`` is the column the literal starts at.
    """
    if value is None or isinstance(value, bool | int):
        return Code(repr(value))
    if isinstance(value, float):
        return Code(repr(value) if math.isfinite(value) else f'float("{value}")')
    if isinstance(value, str):
        return py_string(value)
    inner = " " * (indent + 4)
    if isinstance(value, dict):
        if not value:
            return Code("{}")
        items = (
            f"{inner}{py_string(str(k))}: {py_value(v, indent + 4)},\n" for k, v in value.items()
        )
        return Code("{\n" + "".join(items) + " " * indent + "}")
    if isinstance(value, list | tuple):
        if not value:
            return Code("[]")
        items = (f"{inner}{py_value(v, indent + 4)},\n" for v in value)
        return Code("[\n" + "".join(items) + " " * indent + "]")
    raise TypeError(f"not a JSON value: {type(value).__name__}")


def comment(text: str) -> Code:
    """Collection text as the rest of one ``#`` comment line (Python, shell, TOML): one line,
    what is not printable written as an escape."""
    return Code(visible(" ".join(text.split())))


def visible(text: str) -> str:
    """``text`` with what is not printable (controls, bidi, U+2028) written as ``\\uXXXX``."""
    if text.isprintable():
        return text
    return "".join(
        ch
        if ch.isprintable()
        else (f"\\u{ord(ch):04x}" if ord(ch) <= 0xFFFF else f"\\U{ord(ch):08x}")
        for ch in text
    )
