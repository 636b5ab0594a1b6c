"""Imports as data: records collected while a view is built, printed once as sorted groups."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

__all__ = ["Import", "Imports"]

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


def _name_order(name: str) -> tuple[int, str]:
    # isort's order-by-type: CONSTANTS, then Classes, then functions and modules.
    return (0 if name.isupper() else 1 if name[:1].isupper() else 2, name)


def _statements(imports: Iterable[Import]) -> tuple[str, ...]:
    by_module: dict[str, list[str]] = {}
    for item in sorted(imports):
        by_module.setdefault(item.module, []).append(item.name)
    return tuple(
        f"from {module} import {', '.join(sorted(names, key=_name_order))}"
        for module, names in by_module.items()
    )
