"""Formatting generated Python with black (in-process, one Mode for every file).

Black runs at about 8k lines a second, far too slow for a 20k-line models module on every
regeneration. So templates emit black's style themselves (quotes and docstrings from
``render/literals.py``, black's blank lines and trailing commas), and
:func:`format_blocks` hands black only what it could still change: a line longer than the
limit, alone when it is a whole statement, else its top-level block. Tests prove on the
whole corpus that black changes nothing in the result.
"""

from __future__ import annotations

import ast
import functools
import io
import re
import tokenize
import warnings
from typing import TYPE_CHECKING

from generator.errors import FormatError
from generator.memo import keep, recall
from generator.render.literals import LINE_LENGTH

if TYPE_CHECKING:
    import black

__all__ = ["format_blocks", "format_python"]

_BLOCK_SEPARATOR = "\n\n\n"  # black's two blank lines between top-level definitions
_REMEMBERED_FROM = 8
"""Blocks from which a module's formatted blocks are remembered one by one."""
# A line black cannot split: one string literal (an argument on its own line), or one
# keyword argument or dict entry whose value is a string or a plain scalar (`name="...",`,
# `"key": "...",`, `"key": 1,`). Possessive quantifiers keep a multi-megabyte literal linear.
_STRING = r""""(?:[^"\\]++|\\.)*+"|'(?:[^'\\]++|\\.)*+'"""
_STRING_LINE = re.compile(
    rf"""\s*(?:(?:[A-Za-z_]\w*=|(?:{_STRING}): )(?:{_STRING}|[\w.+-]+)|{_STRING}),?"""
)


@functools.cache
def _mode(width: int = LINE_LENGTH) -> black.Mode:
    # black is imported on first use: most runs format nothing (--only curl, a cached run)
    # and it is the slowest import postgen has.
    import black
    from black.mode import TargetVersion

    return black.Mode(target_versions={TargetVersion.PY311}, line_length=width)


def _template_bug(template: str, path: str, error: object) -> FormatError:
    return FormatError(
        f"template {template} produced invalid Python at {path}: {error} "
        "(a bug in postgen; please report it)"
    )


def format_python(text: str, *, path: str, template: str, width: int = LINE_LENGTH) -> str:
    """Black-format one generated module; a parse failure is a postgen bug, said as such."""
    import black
    from black.parsing import InvalidInput

    mode = _mode(width)
    try:
        return black.format_str(text, mode=mode)
    except InvalidInput as error:
        # black says "Cannot parse for target version ...: LINE:COL: text"; keep its position.
        raise _template_bug(template, path, error) from None


def _long_lines(lines: list[str]) -> list[int]:
    """The lines black could change: code (not a docstring, a comment or a lone string
    literal) longer than the limit.

    black never re-wraps a docstring or a comment, so their long lines (a URL) change
    nothing. Our templates write docstrings whose quotes inside are escaped, so counting
    triple quotes tells where one starts and ends.
    """
    found = []
    in_docstring = False
    for index, line in enumerate(lines):
        quotes = line.count('"""')
        if (
            len(line) > LINE_LENGTH
            and not in_docstring
            and not quotes
            and not line.lstrip().startswith("#")
            and not _STRING_LINE.fullmatch(line)
        ):
            found.append(index)
        if quotes % 2:
            in_docstring = not in_docstring
    return found


def _statements(lines: list[str]) -> dict[int, tuple[int, int]]:
    """For each line of code, the lines ``(first, last + 1)`` of the logical line (the whole
    statement, or a compound statement's header) it is part of."""
    found: dict[int, tuple[int, int]] = {}
    start: int | None = None
    skip = (tokenize.NL, tokenize.COMMENT, tokenize.INDENT, tokenize.DEDENT, tokenize.ENCODING)
    readline = io.StringIO("\n".join(lines) + "\n").readline
    try:
        for token in tokenize.generate_tokens(readline):
            if token.type == tokenize.NEWLINE:
                if start is not None:
                    span = (start - 1, token.start[0])
                    found.update(dict.fromkeys(range(*span), span))
                start = None
            elif start is None and token.type not in skip:
                start = token.start[0]
    except (tokenize.TokenError, SyntaxError):
        return {}
    return found


def _format_lines(lines: list[str], indexes: list[int], *, path: str, template: str) -> bool:
    """Format the statement each long line belongs to (``name: Type = Field(...)``, a
    ``class X(Base):`` or multi-line ``def`` header) alone, at its indentation's width, as
    black formats it in place: a few lines through black instead of a whole class. False
    (``lines`` untouched) when one cannot stand alone; then the block goes to black whole."""
    spans = _statements(lines)
    replacements: dict[tuple[int, int], list[str]] = {}
    for index in indexes:
        span = spans.get(index)
        if span is None:
            return False
        if span in replacements:
            continue
        first, end = span
        indent = len(lines[first]) - len(lines[first].lstrip(" "))
        if any(line[:indent].strip() for line in lines[first:end]):
            return False  # a continuation line left of the statement's start
        statement = "\n".join(line[indent:] for line in lines[first:end])
        header = statement.endswith(":")
        source = statement + ("\n    pass\n" if header else "\n")
        try:
            ast.parse(source)
        except SyntaxError:
            return False  # a decorator, an else: ... needs what comes before or after
        formatted = format_python(source, path=path, template=template, width=LINE_LENGTH - indent)
        split = formatted.rstrip("\n").split("\n")
        if header:
            split = split[:-1]  # the pass
        replacements[span] = [" " * indent + piece if piece else piece for piece in split]
    for (first, end), replacement in sorted(replacements.items(), reverse=True):
        lines[first:end] = replacement
    return True


def _compiles(text: str, path: str) -> None:
    """Compile ``text`` (faster than building an AST); SyntaxError/ValueError when it is no
    Python. An odd escape in a string is black's business, not a failure."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        compile(text, path, "exec", dont_inherit=True)


def _check(text: str, *, path: str, template: str) -> None:
    """A module that is no Python is a template bug, said with its position."""
    try:
        _compiles(text, path)
    except (SyntaxError, ValueError) as error:
        where = f"{error.lineno}:{error.offset}: " if isinstance(error, SyntaxError) else ""
        raise _template_bug(template, path, f"{where}{error}") from None


def _format_block(block: str, last: bool, *, path: str, template: str) -> str:
    lines = block.split("\n")
    indexes = _long_lines(lines)
    if not indexes:
        return block
    if _format_lines(lines, indexes, path=path, template=template):
        return "\n".join(lines)
    formatted = format_python(block if last else block + "\n", path=path, template=template)
    return formatted if last else formatted[:-1]


def format_blocks(text: str, *, path: str, template: str) -> str:
    """The black-formatted text of a module whose template already writes black's style.

    Only top-level blocks (separated by two blank lines) with an over-long line go through
    black, each on its own; the rest is left as it is. In a module of many blocks, every
    block that compiles on its own is remembered formatted (see memo.py), so the module is
    checked and formatted only where it differs from the last run. Such blocks are runs of
    whole top-level statements, and runs joined by blank lines compile as one module
    (``from __future__`` aside, which must come first); when a new block does not compile
    alone (a string with two blank lines in it), the whole module is compiled instead.
    Either way a template bug is reported, and never written.
    """
    blocks = text.split(_BLOCK_SEPARATOR)
    last = len(blocks) - 1
    if len(blocks) < _REMEMBERED_FROM:  # a snippet, a small module: cheaper to redo
        _check(text, path=path, template=template)
        return _BLOCK_SEPARATOR.join(
            _format_block(block, i == last, path=path, template=template)
            for i, block in enumerate(blocks)
        )
    recalled = [recall(("block", block, i == last)) for i, block in enumerate(blocks)]
    new = [i for i, (_, found) in enumerate(recalled) if found is None]
    alone = set()
    for i in new:
        if i and "__future__" in blocks[i]:
            continue
        try:
            _compiles(blocks[i], path)
        except (SyntaxError, ValueError):
            continue
        alone.add(i)
    if len(alone) < len(new):
        _check(text, path=path, template=template)
    for i, (key, found) in enumerate(recalled):
        if found is None:
            found = _format_block(blocks[i], i == last, path=path, template=template)
            if i in alone:
                keep(key, found)
        blocks[i] = found
    return _BLOCK_SEPARATOR.join(blocks)
