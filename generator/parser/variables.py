"""Collection variables, environment overrides, and reference problems (cycles, undefined)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from generator.errors import Level, Problem
from generator.model.operation import Variable
from generator.parser.values import js_text, opt_text
from generator.pointer import join
from generator.postman.variables import Scope, find_cycles

__all__ = ["parse_variables", "scope_of"]


def parse_variables(
    file: str,
    data: Mapping[str, Any],
    environment: Mapping[str, str | None] | None,
    problems: list[Problem],
) -> tuple[Variable, ...]:
    """The collection's variables (`variable`, or the legacy `variables` key), in order."""
    key = "variable" if "variable" in data else "variables"
    raw = data.get(key)
    out: list[Variable] = []
    if isinstance(raw, list):
        for i, entry in enumerate(raw):
            if not isinstance(entry, dict):
                continue
            name = entry.get("key")
            if name is None:
                name = entry.get("id")
            if name is None:
                continue
            out.append(
                Variable(
                    key=js_text(name),
                    value=opt_text(entry.get("value")),
                    pointer=join("/" + key, i),
                    disabled=entry.get("disabled") is True,
                )
            )
    env_layer, collection_layer = scope_layers(tuple(out), environment)
    merged = {**collection_layer, **env_layer}
    pointers = {v.key: v.pointer for v in out}
    for cycle in find_cycles(merged):
        where = pointers.get(cycle[0], "")
        chain = " -> ".join(f"{{{{{name}}}}}" for name in (*cycle, cycle[0]))
        problems.append(
            Problem(
                file, where, f"variables reference each other in a cycle: {chain}", Level.WARNING
            )
        )
    return tuple(out)


def scope_layers(
    variables: tuple[Variable, ...], environment: Mapping[str, str | None] | None
) -> tuple[dict[str, str | None], dict[str, str | None]]:
    """(environment, collection) layers: Postman looks in the environment first."""
    collection: dict[str, str | None] = {}
    for var in variables:
        # Postman's VariableList answers with the last enabled definition of a key.
        if not var.disabled:
            collection[var.key] = var.value
    return dict(environment or {}), collection


def scope_of(
    variables: tuple[Variable, ...], environment: Mapping[str, str | None] | None
) -> Scope:
    """The Scope a request is resolved in."""
    return Scope(scope_layers(variables, environment))
