"""Hawk against the Hawk README's published examples and library cases (mohawk, Postman)."""

from __future__ import annotations

import asyncio
import re
from types import ModuleType
from typing import Any

import httpx
import pytest

from .conftest import oracle

VECTORS = oracle("hawk_vectors.json")["vectors"]


def _signer(auth: ModuleType, vector: dict[str, Any]) -> Any:
    credentials = vector["credentials"]
    return auth.Hawk(
        credentials["id"],
        credentials["key"],
        credentials["algorithm"],
        ext=vector["ext"],
        app=vector["app"],
        dlg=vector["dlg"],
        include_payload_hash=vector["payload"] is not None,
        timestamp=vector["ts"],
        nonce=vector["nonce"],
    )


def _request(vector: dict[str, Any]) -> httpx.Request:
    headers = {"content-type": vector["content_type"]} if vector["content_type"] else {}
    return httpx.Request(
        vector["method"], vector["url"], headers=headers, content=vector["payload"]
    )


@pytest.mark.parametrize("vector", VECTORS, ids=lambda v: v["id"])
def test_vectors(auth: ModuleType, vector: dict[str, Any]) -> None:
    request = _request(vector)
    signed = _signer(auth, vector).sign(request)
    expected = vector["expected"]
    assert signed.normalized_string == expected["normalized_string"]
    assert signed.payload_hash == expected["payload_hash"]
    assert signed.mac == expected["mac"]
    assert request.headers["authorization"] == expected["authorization"]
    for name, value in vector.get("published", {}).items():
        assert {
            "mac": signed.mac,
            "payload_hash": signed.payload_hash,
            "authorization": signed.authorization,
        }[name] == value


def test_through_sync_and_async_clients(auth: ModuleType) -> None:
    vector = VECTORS[1]  # POST with a payload hash
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200)

    with httpx.Client(transport=httpx.MockTransport(handler), auth=_signer(auth, vector)) as client:
        client.send(_request(vector))

    async def main() -> None:
        transport = httpx.MockTransport(handler)
        async with httpx.AsyncClient(transport=transport, auth=_signer(auth, vector)) as client:
            await client.send(_request(vector))

    asyncio.run(main())
    assert [r.headers["authorization"] for r in seen] == [vector["expected"]["authorization"]] * 2


def test_postman_rules(auth: ModuleType) -> None:
    # An empty body gets no payload hash, even when asked for.
    request = httpx.Request("POST", "https://h.example.com/x", headers={"content-type": "a/b"})
    signed = auth.Hawk("id", "key", include_payload_hash=True, timestamp=1, nonce="n").sign(request)
    assert signed.payload_hash is None and "hash=" not in signed.authorization
    # Defaults: now and 6 random letters and digits.
    signed = auth.Hawk("id", "key").sign(httpx.Request("GET", "https://h.example.com/x"))
    fields = dict(re.findall(r'(\w+)="([^"]*)"', signed.authorization))
    assert re.fullmatch(r"[A-Za-z0-9]{6}", fields["nonce"]) and fields["ts"].isdigit()
    # Nothing without id or key.
    untouched = httpx.Request("GET", "https://h.example.com/x", headers={"Authorization": "x"})
    assert auth.Hawk("", "key").sign(untouched) is None
    assert auth.Hawk("id", "").sign(untouched) is None
    assert untouched.headers["authorization"] == "x"
    with pytest.raises(ValueError, match="sha512"):
        auth.Hawk("id", "key", "sha512")


def test_ext_escaping(auth: ModuleType) -> None:
    ext = 'a\\b\\c\nd\ne"f'
    request = httpx.Request("GET", "https://h.example.com/x")
    signed = auth.Hawk("id", "key", ext=ext, timestamp=1, nonce="n").sign(request)
    assert signed.normalized_string.split("\n")[8] == 'a\\\\b\\\\c\\nd\\ne"f'
    header = auth.Hawk("id", "key", ext='a\\b"c', timestamp=1, nonce="n").sign(request)
    assert header is not None and ', ext="a\\\\b\\"c", ' in header.authorization
