"""Literals of generated Python: strings and docstrings, exactly as black would print them.

Every text from a collection reaches generated code through one of these functions, as
data that cannot end the literal early. They print what black prints, so a template's
output is black-clean without running black over it (see ``generator/format.py``).
"""

from __future__ import annotations

import textwrap
from typing import Final

__all__ = ["LINE_LENGTH", "docstring", "py_string"]

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
    of three, or one at the very end): then every quote is.
    """
    line = " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())
    escaped = line.replace("\\", "\\\\")
    if '"""' in escaped or escaped.endswith('"'):
        escaped = escaped.replace('"', '\\"')
    lines = textwrap.wrap(
        escaped, LINE_LENGTH - indent - 6, break_long_words=False, break_on_hyphens=False
    )
    if len(lines) <= 1:
        return f'"""{escaped}"""'
    margin = " " * indent
    return '"""' + "".join(f"{line}\n{margin}" for line in lines) + '"""'
