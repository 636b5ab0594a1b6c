"""Saved example responses -> Example nodes."""

from __future__ import annotations

from typing import Any

from generator.model.operation import Example
from generator.parser.requests import parse_headers
from generator.parser.values import js_text
from generator.pointer import join

__all__ = ["parse_examples"]


def parse_examples(raw: Any, pointer: str) -> tuple[Example, ...]:
    """Every example of an item; a missing or non-numeric `code` becomes status None."""
    if not isinstance(raw, list):
        return ()
    out = []
    for i, entry in enumerate(raw):
        if not isinstance(entry, dict):
            continue
        ptr = join(pointer, i)
        code = entry.get("code")
        status = code if isinstance(code, int) and not isinstance(code, bool) else None
        body = entry.get("body")
        language = entry.get("_postman_previewlanguage")
        out.append(
            Example(
                name=js_text(entry.get("name")),
                pointer=ptr,
                status=status,
                status_text=js_text(entry.get("status")),
                headers=parse_headers(entry.get("header"), join(ptr, "header")),
                body=body if isinstance(body, str) else None,
                language=language if isinstance(language, str) else None,
            )
        )
    return tuple(out)
