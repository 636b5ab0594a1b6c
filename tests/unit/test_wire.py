"""What goes on the wire for one request (Postman's runtime rules), unit by unit."""

from __future__ import annotations

from typing import Any

import pytest

from generator.parser.items import parse_collection
from generator.parser.variables import scope_of
from generator.postman.wire import WireRequest, build

SCHEMA = "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"


def wire(
    request: dict[str, Any], *, auth: Any = None, variables: Any = (), env: Any = None
) -> WireRequest:
    data: dict[str, Any] = {
        "info": {"name": "t", "schema": SCHEMA},
        "item": [{"name": "r", "request": request}],
        "variable": list(variables),
    }
    if auth is not None:
        data["auth"] = auth
    collection, _ = parse_collection("t.json", data, "2.1.0")
    return build(collection.operations[0], scope_of(collection.variables, env))


def test_get_body_is_pruned_unless_disabled_pruning() -> None:
    request = {"method": "GET", "url": "http://h/x", "body": {"mode": "raw", "raw": "{}"}}
    assert wire(request).body is None
    assert ("Content-Type", "text/plain") not in wire(request).headers
    data: dict[str, Any] = {
        "info": {"name": "t", "schema": SCHEMA},
        "item": [
            {
                "name": "r",
                "request": request,
                "protocolProfileBehavior": {"disableBodyPruning": True},
            }
        ],
    }
    collection, _ = parse_collection("t.json", data, "2.1.0")
    kept = build(collection.operations[0], scope_of((), None))
    assert kept.body is not None and kept.body.text == "{}"


@pytest.mark.parametrize(
    ("language", "content_type"),
    [
        (None, "text/plain"),
        ("json", "application/json"),
        ("xml", "application/xml"),
        ("graphql", "text/plain"),
    ],
)
def test_raw_implied_content_type(language: str | None, content_type: str) -> None:
    body: dict[str, Any] = {"mode": "raw", "raw": "x"}
    if language:
        body["options"] = {"raw": {"language": language}}
    assert wire({"method": "POST", "url": "http://h", "body": body}).headers == (
        ("Content-Type", content_type),
    )


def test_user_content_type_wins_and_json_comments_are_stripped() -> None:
    body = {"mode": "raw", "raw": '{\n  "a": "//not", // gone\n  /* gone */ "b": 1\n}'}
    request = {
        "method": "POST",
        "url": "http://h",
        "body": body,
        "header": [{"key": "content-type", "value": "application/vnd.api+json"}],
    }
    result = wire(request)
    assert result.headers == (("content-type", "application/vnd.api+json"),)
    assert result.body is not None and result.body.text == '{\n  "a": "//not", \n   "b": 1\n}'


def test_disabled_and_empty_named_headers_are_dropped_empty_values_kept() -> None:
    headers = [
        {"key": "A", "value": "1"},
        {"key": "A", "value": "2", "disabled": True},
        {"key": "", "value": "x"},
        {"key": "Empty", "value": ""},
    ]
    assert wire({"method": "GET", "url": "http://h", "header": headers}).headers == (
        ("A", "1"),
        ("Empty", ""),
    )


def test_urlencoded_groups_repeated_keys_like_a_js_object() -> None:
    fields = [
        {"key": "b", "value": "1"},
        {"key": "a", "value": "2"},
        {"key": "b", "value": "3"},
        {"key": "10", "value": "n"},
        {"key": "off", "value": "x", "disabled": True},
    ]
    result = wire(
        {"method": "POST", "url": "http://h", "body": {"mode": "urlencoded", "urlencoded": fields}}
    )
    assert result.body is not None
    assert result.body.fields == (("10", "n"), ("b", "1"), ("b", "3"), ("a", "2"))
    assert result.headers == (("Content-Type", "application/x-www-form-urlencoded"),)


def test_graphql_body_and_null_variables() -> None:
    body = {"mode": "graphql", "graphql": {"query": "{ me }", "variables": None}}
    result = wire({"method": "POST", "url": "http://h", "body": body})
    assert result.body is not None and result.body.text == '{"query":"{ me }","variables":null}'
    as_text = {"mode": "graphql", "graphql": {"query": "q", "variables": '{"x": 1.0}'}}
    result = wire({"method": "POST", "url": "http://h", "body": as_text})
    assert result.body is not None and result.body.text == '{"query":"q","variables":{"x": 1.0}}'
    assert (
        wire({"method": "POST", "url": "http://h", "body": {"mode": "graphql", "graphql": {}}}).body
        is None
    )


def test_file_modes_without_a_file() -> None:
    assert wire({"method": "POST", "url": "http://h", "body": {"mode": "file"}}).body is None
    assert (
        wire(
            {"method": "POST", "url": "http://h", "body": {"mode": "file", "file": {"src": ""}}}
        ).body
        is None
    )
    form = {
        "mode": "formdata",
        "formdata": [{"key": "f", "type": "file", "src": []}, {"key": "t", "value": "v"}],
    }
    result = wire({"method": "POST", "url": "http://h", "body": form})
    assert result.body is not None
    assert [(p.name, p.value, p.filename, p.file) for p in result.body.parts] == [
        ("f", "", "", None),
        ("t", "v", None, None),
    ]


def test_variables_path_variables_and_unresolved_markers() -> None:
    url = {
        "raw": "{{base}}/users/:id/:empty?q={{q}}",
        "host": ["{{base}}"],
        "path": ["users", ":id", ":empty"],
        "query": [{"key": "q", "value": "{{q}}"}],
        "variable": [{"key": "id", "value": "{{user}}"}, {"key": "empty", "value": ""}],
    }
    result = wire(
        {"method": "GET", "url": url},
        variables=[{"key": "base", "value": "https://API.example.com/v1"}],
        env={"user": "42 x"},
    )
    assert result.url.startswith("https://api.example.com/v1/users/42%20x/:empty?q=pgvarq7x0q7x")
    assert result.placeholders == ("q",)


USER = ("authorization", "user")
OLD_KEY = ("x-api-key", "old")


@pytest.mark.parametrize(
    ("auth", "headers", "url_tail"),
    [
        (
            {"type": "bearer", "bearer": [{"key": "token", "value": "T"}]},
            [OLD_KEY, ("Authorization", "Bearer T")],
            "/x",
        ),
        ({"type": "bearer", "bearer": []}, [USER, OLD_KEY], "/x"),  # no token: nothing replaced
        (
            {
                "type": "apikey",
                "apikey": [{"key": "key", "value": "X-Api-Key"}, {"key": "value", "value": "k"}],
            },
            [USER, ("X-Api-Key", "k")],  # same name after lodash lowerCase: replaced
            "/x",
        ),
        (
            {
                "type": "apikey",
                "apikey": [
                    {"key": "key", "value": "api_key"},
                    {"key": "value", "value": "k"},
                    {"key": "in", "value": "query"},
                ],
            },
            [USER, OLD_KEY],
            "/x?api_key=k",
        ),
        (
            {
                "type": "oauth2",
                "oauth2": [
                    {"key": "accessToken", "value": "AT"},
                    {"key": "headerPrefix", "value": ""},
                ],
            },
            [OLD_KEY, ("Authorization", "AT")],
            "/x",
        ),
        (
            {"type": "basic", "basic": [{"key": "username", "value": "u"}]},
            [OLD_KEY],
            "/x",
        ),  # curl --user
        ({"type": "noauth"}, [USER, OLD_KEY], "/x"),
        ({"type": "inherit"}, [USER, OLD_KEY], "/x"),  # no handler in Postman: nothing
    ],
)
def test_auth_application(auth: Any, headers: list[tuple[str, str]], url_tail: str) -> None:
    request = {
        "method": "GET",
        "url": "http://h/x",
        "header": [{"key": key, "value": value} for key, value in (USER, OLD_KEY)],
    }
    result = wire(request, auth=auth)
    assert result.url == "http://h" + url_tail
    assert list(result.headers) == headers
