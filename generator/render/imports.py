"""Imports as data: records collected while a view is built, printed once as sorted groups."""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

from generator.memo import remembered_value
from generator.render.code import Code, is_name
from generator.render.literals import LINE_LENGTH

__all__ = ["Import", "Imports", "export_order", "exports_sorted", "import_order", "imports_sorted"]

# The third-party packages generated code imports from; other non-stdlib imports are the
# generated package's own (first-party).
_THIRD_PARTY: Final = frozenset({"cryptography", "httpx", "pydantic"})


def _section(module: str) -> int:
    """isort's sections: __future__, standard library, third party, first party."""
    top = module.partition(".")[0]
    if top == "__future__":
        return 0
    if top in sys.stdlib_module_names:
        return 1
    return 2 if top in _THIRD_PARTY else 3


@dataclass(frozen=True, slots=True, order=True)
class Import:
    """``from module import name``, or ``import module`` when ``name`` is empty."""

    module: str
    name: str

    def __post_init__(self) -> None:
        # import statements are printed as Code: they may hold nothing but names
        names = self.name.split(" as ") if self.name else []
        if not is_name(self.module) or not all(is_name(n) for n in names):
            raise ValueError(f"not an importable name: {self.module!r} {self.name!r}")


@dataclass(frozen=True, slots=True)
class Imports:
    """A set of imports; ``add`` returns a new collection, the old one is unchanged."""

    items: frozenset[Import] = frozenset()

    def add(self, *imports: Import) -> Imports:
        return Imports(self.items | frozenset(imports))

    def groups(self) -> tuple[tuple[Code, ...], ...]:
        """``from`` statements in isort's sections, each sorted as isort sorts it."""
        sections: list[list[Import]] = [[], [], [], []]
        for item in self.items:
            sections[_section(item.module)].append(item)
        return tuple(_statements(group) for group in sections if group)


@functools.lru_cache(maxsize=65536)
def export_order(name: str) -> tuple[int, tuple[tuple[int, int, int, str], ...]]:
    """The order ruff's RUF022 wants for ``__all__`` (isort-style, natural).

    CONSTANTS first, then Classes, then the rest; within them characters by code point,
    except that runs of digits compare by value (``Error2`` before ``Error10``), or, when
    one starts with 0, digit by digit (``M08368ad4`` before ``M872c146f``), as natord does.
    """
    kind = 0 if len(name) > 1 and name.isupper() else 1 if name[:1].isupper() else 2
    key: list[tuple[int, int, int, str]] = []
    for run in re.findall(r"\d+|\D", name):
        if not run.isdigit():
            key.append((ord(run), 0, 0, ""))
        elif run.startswith("0"):
            key.append((ord("0"), 0, 0, run))
        else:
            key.append((ord("0"), 1, len(run), run))
    return kind, tuple(key)


def import_order(name: str) -> tuple[object, ...]:
    """The order ruff's isort wants for the names of one ``from`` import: by type like
    :func:`export_order`, then case-insensitively (natural), then as written."""
    kind, exact = export_order(name)
    return kind, export_order(name.lower())[1], exact


def exports_sorted(names: Iterable[str]) -> tuple[str, ...]:
    """``names`` in :func:`export_order` (remembered: a package's thousand model names cost
    ~20 ms to sort)."""
    listed = tuple(names)
    return remembered_value(("exports", listed), lambda: tuple(sorted(listed, key=export_order)))


def imports_sorted(names: Iterable[str]) -> tuple[str, ...]:
    """``names`` in :func:`import_order` (remembered, as :func:`exports_sorted`)."""
    listed = tuple(names)
    return remembered_value(("imports", listed), lambda: tuple(sorted(listed, key=import_order)))


def _statements(imports: Iterable[Import]) -> tuple[Code, ...]:
    """``import x`` lines first, then ``from`` lines, each by module (isort's default)."""
    plain: list[Code] = []
    by_module: dict[str, list[str]] = {}
    for item in sorted(imports):
        if item.name:
            by_module.setdefault(item.module, []).append(item.name)
        else:
            plain.append(Code(f"import {item.module}"))
    statements = list(plain)
    for module, names in by_module.items():
        # isort keeps each ``x as y`` in a statement of its own (combine-as-imports is off).
        groups = [[n for n in names if " as " not in n], *([n] for n in names if " as " in n)]
        groups = sorted(
            (g for g in groups if g), key=lambda g: import_order(min(g, key=import_order))
        )
        statements += (_statement(module, group) for group in groups)
    return tuple(statements)


def _statement(module: str, names: list[str]) -> Code:
    """One ``from`` import; one name a line, with a trailing comma, when it is too long."""
    ordered = sorted(names, key=import_order)
    line = f"from {module} import {', '.join(ordered)}"
    if len(line) <= LINE_LENGTH:
        return Code(line)
    return Code(f"from {module} import (\n" + "".join(f"    {name},\n" for name in ordered) + ")")
