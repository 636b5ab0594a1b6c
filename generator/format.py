"""Formatting generated Python with black (in-process, one Mode for every file).

Black runs at about 8k lines a second, far too slow for a 20k-line models module on every
regeneration. So templates emit black's style themselves (quotes and docstrings from
``render/literals.py``, black's blank lines and trailing commas), and
:func:`format_blocks` hands black only the top-level blocks it could still change: those
with a line longer than the limit, which black splits. Tests prove on the whole corpus
that black changes nothing in the result.
"""

from __future__ import annotations

import ast
import functools
import re

import black
from black.mode import TargetVersion
from black.parsing import InvalidInput

from generator.errors import FormatError
from generator.render.literals import LINE_LENGTH

__all__ = ["format_blocks", "format_python"]

_BLOCK_SEPARATOR = "\n\n\n"  # black's two blank lines between top-level definitions
# A line black cannot split: one string literal (an argument on its own line), or one
# keyword argument or dict entry whose value is a string or a plain scalar (`name="...",`,
# `"key": "...",`, `"key": 1,`). Possessive quantifiers keep a multi-megabyte literal linear.
_STRING = r""""(?:[^"\\]++|\\.)*+"|'(?:[^'\\]++|\\.)*+'"""
_STRING_LINE = re.compile(
    rf"""\s*(?:(?:[A-Za-z_]\w*=|(?:{_STRING}): )(?:{_STRING}|[\w.+-]+)|{_STRING}),?"""
)


@functools.cache
def _mode() -> black.Mode:
    return black.Mode(target_versions={TargetVersion.PY311}, line_length=LINE_LENGTH)


def _template_bug(template: str, path: str, error: object) -> FormatError:
    return FormatError(
        f"template {template} produced invalid Python at {path}: {error} "
        "(a bug in postgen; please report it)"
    )


def format_python(text: str, *, path: str, template: str) -> str:
    """Black-format one generated module; a parse failure is a postgen bug, said as such."""
    try:
        return black.format_str(text, mode=_mode())
    except InvalidInput as error:
        # black says "Cannot parse for target version ...: LINE:COL: text"; keep its position.
        raise _template_bug(template, path, error) from None


def _too_long(block: str) -> bool:
    """Whether black could change a block: a line of code (not of a docstring, not a lone
    string literal) is too long.

    black never re-wraps a docstring, so its long lines (a URL) change nothing. Our
    templates write docstrings whose quotes inside are escaped, so counting triple quotes
    tells where one starts and ends.
    """
    in_docstring = False
    for line in block.split("\n"):
        quotes = line.count('"""')
        if (
            len(line) > LINE_LENGTH
            and not in_docstring
            and not quotes
            and not _STRING_LINE.fullmatch(line)
        ):
            return True
        if quotes % 2:
            in_docstring = not in_docstring
    return False


def format_blocks(text: str, *, path: str, template: str) -> str:
    """The black-formatted text of a module whose template already writes black's style.

    Only top-level blocks (separated by two blank lines) with an over-long line go through
    black, each on its own; the rest is left as it is, but the whole module is still parsed,
    so that a template bug is reported and never written.
    """
    try:
        compile(text, path, "exec", ast.PyCF_ONLY_AST)
    except (SyntaxError, ValueError) as error:
        where = f"{error.lineno}:{error.offset}: " if isinstance(error, SyntaxError) else ""
        raise _template_bug(template, path, f"{where}{error}") from None
    blocks = text.split(_BLOCK_SEPARATOR)
    for i, block in enumerate(blocks):
        if _too_long(block):
            last = i == len(blocks) - 1
            formatted = format_python(block if last else block + "\n", path=path, template=template)
            blocks[i] = formatted if last else formatted[:-1]
    return _BLOCK_SEPARATOR.join(blocks)
