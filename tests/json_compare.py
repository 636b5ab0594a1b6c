"""JSON equality as the round-trip tests mean it: numbers by value, timestamps as instants."""

from __future__ import annotations

from datetime import datetime
from typing import Any


def _instant(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


def same(expected: Any, got: Any) -> bool:
    """JSON equality where numbers compare by value and timestamps as instants."""
    if isinstance(expected, bool) or isinstance(got, bool):
        return type(expected) is type(got) and expected == got
    if isinstance(expected, int | float) and isinstance(got, int | float):
        return expected == got
    if isinstance(expected, str) and isinstance(got, str):
        if expected == got:
            return True
        before, after = _instant(expected), _instant(got)
        return before is not None and after is not None and before == after
    if isinstance(expected, list) and isinstance(got, list):
        return len(expected) == len(got) and all(map(same, expected, got))
    if isinstance(expected, dict) and isinstance(got, dict):
        return expected.keys() == got.keys() and all(same(expected[k], got[k]) for k in expected)
    return type(expected) is type(got) and expected == got
