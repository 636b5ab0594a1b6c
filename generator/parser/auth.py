"""Postman auth blocks -> Auth, and which one applies (request -> folder -> collection)."""

from __future__ import annotations

from typing import Any

from generator.model.operation import Auth
from generator.parser.values import js_text

__all__ = ["effective", "parse_auth"]


def parse_auth(raw: Any, pointer: str) -> Auth | None:
    """An auth block, or None when it does not decide anything (missing, null, no `type`).

    Postman counts a block as set when it has a string `type` (other than the literal
    "type"); `noauth`, `inherit` and unknown types are set and stop inheritance.
    """
    if not isinstance(raw, dict):
        return None
    kind = raw.get("type")
    if not isinstance(kind, str) or kind == "type":
        return None
    values: list[tuple[str, Any]] = []
    block = raw.get(kind)
    if isinstance(block, list):  # v2.1: [{key, value, type}]
        for entry in block:
            if isinstance(entry, dict) and isinstance(entry.get("key"), str):
                values.append((entry["key"], entry.get("value")))
    elif isinstance(block, dict):  # v2.0: {name: value}
        values.extend((str(k), v) for k, v in block.items())
    return Auth(
        kind=kind,
        params=tuple((key, js_text(value)) for key, value in values),
        pointer=pointer,
        falsy=frozenset(key for key, value in values if value in (False, None, 0, "")),
    )


def effective(chain: tuple[Auth | None, ...]) -> Auth | None:
    """The auth that applies: the innermost set block; `noauth` means none."""
    for auth in reversed(chain):
        if auth is not None:
            return None if auth.kind == "noauth" else auth
    return None
