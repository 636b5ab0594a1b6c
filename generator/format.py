"""Formatting generated Python with black (in-process, one Mode for every file)."""

from __future__ import annotations

import functools

import black
from black.mode import TargetVersion
from black.parsing import InvalidInput

from generator.errors import FormatError

__all__ = ["format_python"]


@functools.cache
def _mode() -> black.Mode:
    return black.Mode(target_versions={TargetVersion.PY311}, line_length=100)


def format_python(text: str, *, path: str, template: str) -> str:
    """Black-format one generated module; a parse failure is a postgen bug, said as such."""
    try:
        return black.format_str(text, mode=_mode())
    except InvalidInput as error:
        # black says "Cannot parse for target version ...: LINE:COL: text"; keep its position.
        raise FormatError(
            f"template {template} produced invalid Python at {path}: {error} "
            "(a bug in postgen; please report it)"
        ) from None
