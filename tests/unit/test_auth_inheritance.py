"""Which auth applies to a request: request -> folder -> collection, as Postman decides."""

from __future__ import annotations

from typing import Any

import pytest

from generator.errors import Level
from generator.parser.items import parse_collection

SCHEMA = "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"


def _bearer(token: str) -> dict[str, Any]:
    return {"type": "bearer", "bearer": [{"key": "token", "value": token, "type": "string"}]}


def _collection(folder_auth: Any = "absent", request_auth: Any = "absent") -> dict[str, Any]:
    request: dict[str, Any] = {"method": "GET", "url": "https://example.com/x"}
    if request_auth != "absent":
        request["auth"] = request_auth
    folder: dict[str, Any] = {"name": "F", "item": [{"name": "R", "request": request}]}
    if folder_auth != "absent":
        folder["auth"] = folder_auth
    return {
        "info": {"name": "c", "schema": SCHEMA},
        "auth": _bearer("collection"),
        "item": [folder],
    }


def _auth(data: dict[str, Any]) -> tuple[str, str] | None:
    collection, _ = parse_collection("c.json", data, "2.1.0")
    auth = collection.operations[0].auth
    return None if auth is None else (auth.kind, auth.get("token"))


@pytest.mark.parametrize(
    ("folder_auth", "request_auth", "expected"),
    [
        ("absent", "absent", ("bearer", "collection")),
        (None, None, ("bearer", "collection")),  # null inherits
        ({}, {}, ("bearer", "collection")),  # an object without "type" inherits
        (_bearer("folder"), "absent", ("bearer", "folder")),
        (_bearer("folder"), _bearer("request"), ("bearer", "request")),
        ({"type": "noauth"}, "absent", None),  # noauth stops inheritance
        (_bearer("folder"), {"type": "noauth"}, None),
        ({"type": "noauth"}, _bearer("request"), ("bearer", "request")),
        # A type with no parameters still wins; the request then goes out unsigned.
        ("absent", {"type": "bearer"}, ("bearer", "")),
    ],
)
def test_inheritance(folder_auth: Any, request_auth: Any, expected: tuple[str, str] | None) -> None:
    assert _auth(_collection(folder_auth, request_auth)) == expected


def test_inherit_type_does_not_inherit_and_warns() -> None:
    data = _collection("absent", {"type": "inherit"})
    collection, problems = parse_collection("c.json", data, "2.1.0")
    assert collection.operations[0].auth is not None
    assert collection.operations[0].auth.kind == "inherit"
    assert [(p.pointer, p.level) for p in problems] == [
        ("/item/0/item/0/request/auth", Level.WARNING)
    ]


def test_v20_object_parameters() -> None:
    data = _collection(
        "absent",
        {"type": "basic", "basic": {"username": "u", "password": "p", "showPassword": False}},
    )
    collection, _ = parse_collection("c.json", data, "2.0.0")
    auth = collection.operations[0].auth
    assert auth is not None
    assert auth.params == (("username", "u"), ("password", "p"), ("showPassword", "false"))
    assert auth.pointer == "/item/0/item/0/request/auth"


def test_nested_folders_use_nearest() -> None:
    data = {
        "info": {"name": "c", "schema": SCHEMA},
        "auth": _bearer("collection"),
        "item": [
            {
                "name": "outer",
                "auth": _bearer("outer"),
                "item": [{"name": "inner", "item": [{"name": "R", "request": "https://e.com"}]}],
            }
        ],
    }
    assert _auth(data) == ("bearer", "outer")
