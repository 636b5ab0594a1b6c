"""Coercing the loose JSON values Postman allows into the text the model stores."""

from __future__ import annotations

import json
import math
from typing import Any

__all__ = ["description", "js_json", "js_number", "js_text", "opt_text"]


def js_text(value: Any) -> str:
    """Render a JSON scalar as JavaScript's String() would (what Postman sends for it)."""
    if isinstance(value, str):
        return value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return js_number(value)
    return js_json(value)


def opt_text(value: Any) -> str | None:
    """Like js_text, but keep "absent" (None) apart from "empty"."""
    return None if value is None else js_text(value)


def description(value: Any) -> str:
    """A Postman description: a string, or `{content, type}`, or absent."""
    if isinstance(value, dict):
        value = value.get("content")
    return value if isinstance(value, str) else ""


def js_number(value: float) -> str:
    """Format a float as JavaScript's Number#toString (shortest round-trip digits)."""
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    if value == 0:
        return "0"
    sign = "-" if value < 0 else ""
    # repr gives the shortest digits that round-trip; recover digits and exponent from it.
    digits_repr = repr(abs(value))
    if "e" in digits_repr:
        m, _, e = digits_repr.partition("e")
        exponent = int(e)
        int_part, _, frac = m.partition(".")
        digits = (int_part + frac).rstrip("0") or "0"
        point = exponent + len(int_part)
    else:
        int_part, _, frac = digits_repr.partition(".")
        frac = frac.rstrip("0")
        stripped_int = int_part.lstrip("0")
        if stripped_int:
            digits = (stripped_int + frac).rstrip("0")
            point = len(stripped_int)
        else:
            leading = len(frac) - len(frac.lstrip("0"))
            digits = frac.lstrip("0")
            point = -leading
    n = len(digits)
    if n <= point <= 21:
        return sign + digits + "0" * (point - n)
    if 0 < point <= 21:
        return sign + digits[:point] + "." + digits[point:]
    if -6 < point <= 0:
        return sign + "0." + "0" * (-point) + digits
    exponent = point - 1
    exp_str = ("+" if exponent >= 0 else "-") + str(abs(exponent))
    if n == 1:
        return sign + digits + "e" + exp_str
    return sign + digits[0] + "." + digits[1:] + "e" + exp_str


def js_json(value: Any) -> str:
    """Serialise as JavaScript's JSON.stringify (no spaces, JS number formatting)."""
    if isinstance(value, dict):
        return (
            "{"
            + ",".join(
                json.dumps(str(k), ensure_ascii=False) + ":" + js_json(v) for k, v in value.items()
            )
            + "}"
        )
    if isinstance(value, list):
        return "[" + ",".join(js_json(v) for v in value) + "]"
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    if isinstance(value, float):
        return js_number(value) if math.isfinite(value) else "null"
    if isinstance(value, int):
        return str(value)
    return json.dumps(value, ensure_ascii=False)
