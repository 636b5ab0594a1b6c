"""Literals of generated Python: strings and docstrings, exactly as black would print them.

Every text from a collection reaches generated code through one of these functions, as
data that cannot end the literal early. They print what black prints, so a template's
output is black-clean without running black over it (see ``generator/format.py``).
"""

from __future__ import annotations

import math
import re
import textwrap
from typing import Any, Final

__all__ = ["LINE_LENGTH", "docstring", "markdown_text", "py_string", "py_value"]

LINE_LENGTH: Final = 100
"""black's and ruff's line length for generated code."""


def py_string(text: str) -> str:
    """A string literal of ``text``: ``repr``'s escapes, black's choice of quotes.

    ``repr`` escapes everything that is not printable (NUL, CR, U+2028, bidi controls, lone
    surrogates); black then prefers double quotes unless they need more escapes.
    """
    literal = repr(text)
    if literal[0] == '"':
        return literal  # text has a ' and no ": repr already chose what black keeps
    body = literal[1:-1]
    if body.count('"') > body.count("\\'"):
        return literal
    return '"' + body.replace("\\'", "'").replace('"', '\\"') + '"'


def docstring(text: str, indent: int = 0) -> str:
    """A triple-quoted literal of any text, wrapped to fit 100 columns at ``indent``.

    Control characters become spaces; a word longer than a line stays whole (a long path).

    Backslashes are always escaped, quotes only when one could end the literal early (a run
    of three, or one at either end): then every quote is.
    """
    line = " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())
    escaped = line.replace("\\", "\\\\")
    if '"""' in escaped or escaped.startswith('"') or escaped.endswith('"'):
        escaped = escaped.replace('"', '\\"')
    lines = textwrap.wrap(
        escaped, LINE_LENGTH - indent - 6, break_long_words=False, break_on_hyphens=False
    )
    if len(lines) <= 1:
        # black puts a space between a closing quote of the text and the closing quotes.
        closing = ' """' if escaped.endswith('"') else '"""'
        if indent + 3 + len(escaped) + len(closing) <= LINE_LENGTH:
            return f'"""{escaped}{closing}'
        lines = [escaped]
    margin = " " * indent
    return '"""' + "".join(f"{line}\n{margin}" for line in lines) + '"""'


def py_value(value: Any, indent: int = 0) -> str:
    """A Python literal of a decoded JSON value, laid out as black keeps it.

    Non-empty dicts and lists are written one item per line with a trailing comma (black's
    "magic trailing comma" keeps them so); ``indent`` is the column the literal starts at.
    """
    if value is None or isinstance(value, bool):
        return repr(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value) if math.isfinite(value) else f'float("{value}")'
    if isinstance(value, str):
        return py_string(value)
    inner = " " * (indent + 4)
    if isinstance(value, dict):
        if not value:
            return "{}"
        items = (
            f"{inner}{py_string(str(k))}: {py_value(v, indent + 4)},\n" for k, v in value.items()
        )
        return "{\n" + "".join(items) + " " * indent + "}"
    if isinstance(value, list | tuple):
        if not value:
            return "[]"
        items = (f"{inner}{py_value(v, indent + 4)},\n" for v in value)
        return "[\n" + "".join(items) + " " * indent + "]"
    raise TypeError(f"not a JSON value: {type(value).__name__}")


_MARKDOWN_SPECIAL: Final = re.compile(r"([\\`*_\[\]<>#|~])")


def markdown_text(text: str) -> str:
    """Collection text as one line of Markdown that renders as that text (no markup, no HTML)."""
    line = " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())
    return _MARKDOWN_SPECIAL.sub(r"\\\1", line)
