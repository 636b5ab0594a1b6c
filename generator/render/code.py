"""What a template may print: text already made safe for where it goes.

Templates print only precomputed view values, and the one Jinja environment refuses every
other value (``only_code``, its ``finalize``): a :class:`Code` (what the quoting functions
return: string literals, docstrings, shell words, Markdown text, TOML strings, and
expressions views assemble from those), a number, or a plain ASCII identifier or dotted
name, which cannot end a literal or start a new statement in any output language. So a
collection's string that a view forgets to quote fails the generation loudly (a postgen bug)
instead of reaching the output as code.
"""

from __future__ import annotations

import re
from typing import Final

import jinja2

__all__ = ["Code", "UnsafeOutput", "is_name", "only_code"]


class Code(str):
    """Text that is safe to print as is where the template puts it."""

    __slots__ = ()


class UnsafeOutput(Exception):
    """A template was about to print a value no quoting function made."""


_NAME: Final = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*", re.ASCII)


def is_name(text: str) -> bool:
    """An ASCII identifier or dotted name (``oci_core.models``)."""
    return _NAME.fullmatch(text) is not None


def only_code(value: object) -> object:
    """The environment's ``finalize``: pass safe values, refuse the rest (an undefined
    value raises the environment's UndefinedError, which names what is missing)."""
    if isinstance(value, jinja2.Undefined):
        str(value)  # StrictUndefined raises here
    if isinstance(value, Code) or (isinstance(value, int) and not isinstance(value, float)):
        return value
    if isinstance(value, str) and is_name(value):
        return value
    raise UnsafeOutput(
        f"a template printed a {type(value).__name__} no quoting function made: {value!r:.80}"
    )
