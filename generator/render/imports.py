"""Imports as data: records collected while a view is built, printed once as sorted groups."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

__all__ = ["Import", "Imports", "export_order"]

# The standard-library modules generated code imports from; anything else is third-party.
_STDLIB: Final = frozenset({"__future__", "collections.abc", "datetime", "enum", "typing", "uuid"})


@dataclass(frozen=True, slots=True, order=True)
class Import:
    """``from module import name``."""

    module: str
    name: str


@dataclass(frozen=True, slots=True)
class Imports:
    """A set of imports; ``add`` returns a new collection, the old one is unchanged."""

    items: frozenset[Import] = frozenset()

    def add(self, *imports: Import) -> Imports:
        return Imports(self.items | frozenset(imports))

    def groups(self) -> tuple[tuple[str, ...], ...]:
        """``from`` statements, standard library first, each group sorted (isort's order)."""
        stdlib = [i for i in self.items if i.module in _STDLIB]
        other = [i for i in self.items if i.module not in _STDLIB]
        return tuple(_statements(group) for group in (stdlib, other) if group)


def export_order(name: str) -> tuple[int, list[tuple[int, int, int, str]]]:
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
    return kind, key


def _statements(imports: Iterable[Import]) -> tuple[str, ...]:
    by_module: dict[str, list[str]] = {}
    for item in sorted(imports):
        by_module.setdefault(item.module, []).append(item.name)
    return tuple(
        f"from {module} import {', '.join(sorted(names, key=export_order))}"
        for module, names in by_module.items()
    )
