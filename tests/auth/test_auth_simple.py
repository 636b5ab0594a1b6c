"""Basic, Bearer and ApiKey as Postman applies them (AUTH_SEMANTICS.md section 3)."""

from __future__ import annotations

from types import ModuleType

import httpx
import pytest


def _sent(auth_: httpx.Auth, request: httpx.Request) -> httpx.Request:
    seen: list[httpx.Request] = []
    transport = httpx.MockTransport(lambda r: seen.append(r) or httpx.Response(200))
    with httpx.Client(transport=transport, auth=auth_) as client:
        client.send(request)
    return seen[0]


def _get(url: str = "https://api.example.com/v1/things", **headers: str) -> httpx.Request:
    return httpx.Request("GET", url, headers=headers)


@pytest.mark.parametrize(
    ("username", "password", "header"),
    [
        ("", "", "Basic Og=="),
        (None, None, "Basic Og=="),
        ("Aladdin", "open sesame", "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=="),
        ("jürgen", "pässword", "Basic asO8cmdlbjpww6Rzc3dvcmQ="),
        ("user", "", "Basic dXNlcjo="),
    ],
)
def test_basic(auth: ModuleType, username: str, password: str, header: str) -> None:
    sent = _sent(auth.Basic(username, password), _get(authorization="Bearer old"))
    assert sent.headers.get_list("authorization") == [header]


def test_bearer(auth: ModuleType) -> None:
    sent = _sent(auth.Bearer(" tok en "), _get(Authorization="Basic old"))
    assert sent.headers.get_list("authorization") == ["Bearer  tok en "]  # not trimmed
    for empty in ("", None):
        sent = _sent(auth.Bearer(empty), _get(Authorization="Basic kept"))
        assert sent.headers.get_list("authorization") == ["Basic kept"]
        assert "authorization" not in _sent(auth.Bearer(empty), _get()).headers


def test_apikey_header_replaces_same_words(auth: ModuleType) -> None:
    request = _get(
        **{
            "X-API-Key": "a",
            "x_api_key": "b",
            "xApiKey": "c",
            "X-Api-Keys": "kept",
            "Accept": "*/*",
        }
    )
    sent = _sent(auth.ApiKey("X-API-Key", "secret"), request)
    assert sent.headers.get_list("x-api-key") == ["secret"]
    assert "x_api_key" not in sent.headers and "xapikey" not in sent.headers
    assert sent.headers["x-api-keys"] == "kept"
    assert [name for name, _ in sent.headers.raw if name.lower() == b"x-api-key"] == [b"X-API-Key"]


@pytest.mark.parametrize(
    ("location", "expected"),
    [("header", "header"), ("query", "query"), ("cookie", "header"), ("", "header")],
)
def test_apikey_location(auth: ModuleType, location: str, expected: str) -> None:
    sent = _sent(auth.ApiKey("api_key", "k", location), _get())
    if expected == "header":
        assert sent.headers["api_key"] == "k" and sent.url.query == b""
    else:
        assert "api_key" not in sent.headers and sent.url.query == b"api_key=k"


def test_apikey_query(auth: ModuleType) -> None:
    url = "https://api.example.com/v1/things?a=1&api_key=old&API_KEY=other&b=x+y&api%5Fkey=enc"
    sent = _sent(auth.ApiKey("api_key", "v+/&=", "query"), _get(url))
    assert sent.url.raw_path == b"/v1/things?a=1&API_KEY=other&b=x+y&api_key=v%2B%2F%26%3D"
    assert sent.url.params.get_list("api_key") == ["v+/&="]


def test_apikey_empty(auth: ModuleType) -> None:
    assert (
        _sent(auth.ApiKey("", "", "query"), _get("https://h.example.com/x?q")).url.raw_path
        == b"/x?q"
    )
    assert "x-key" not in _sent(auth.ApiKey("", ""), _get()).headers
    # A name with an empty value is still applied, as Postman does.
    sent = _sent(auth.ApiKey("X-Key", ""), _get(**{"x-key": "old"}))
    assert sent.headers.get_list("x-key") == [""]
