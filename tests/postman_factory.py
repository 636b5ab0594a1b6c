"""Small Postman v2.1 collections built in tests, parsed into the operation model."""

from __future__ import annotations

import json
from typing import Any

from generator.model.operation import Collection
from generator.parser.items import parse_collection

SCHEMA = "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"


def example(status: int | None, body: Any, **extra: Any) -> dict[str, Any]:
    """A saved response; a non-string body is written as JSON."""
    text = body if isinstance(body, str) else json.dumps(body)
    saved: dict[str, Any] = {"name": f"example {status}", "body": text, **extra}
    if status is not None:
        saved["code"] = status
    return saved


def request(
    name: str,
    method: str = "GET",
    path: str = "/things",
    body: Any = None,
    examples: tuple[dict[str, Any], ...] = (),
    headers: tuple[tuple[str, str], ...] = (),
    language: str | None = None,
) -> dict[str, Any]:
    """A request item; a non-string body is written as JSON."""
    req: dict[str, Any] = {
        "method": method,
        "url": {
            "raw": "{{base}}" + path,
            "host": ["{{base}}"],
            "path": [s for s in path.split("/") if s],
        },
        "header": [{"key": k, "value": v} for k, v in headers],
    }
    if body is not None:
        req["body"] = {"mode": "raw", "raw": body if isinstance(body, str) else json.dumps(body)}
        if language is not None:
            req["body"]["options"] = {"raw": {"language": language}}
    return {"name": name, "request": req, "response": list(examples)}


def folder(name: str, *items: dict[str, Any]) -> dict[str, Any]:
    return {"name": name, "item": list(items)}


def collection(*items: dict[str, Any]) -> Collection:
    """Parse a collection of the given items (named "c.json" in problems)."""
    data = {"info": {"name": "c", "schema": SCHEMA}, "item": list(items)}
    parsed, _ = parse_collection("c.json", data, "2.1.0")
    return parsed
