"""OAuth1 against the published OAuth 1.0a vectors (RFC 5849, OAuth Core 1.0a, Twitter/X, library
cases that agree with oauthlib and Postman's node-oauth1), and Postman's placement rules."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import re
from types import ModuleType
from typing import Any
from urllib.parse import parse_qsl, unquote

import httpx
import pytest

from .conftest import oracle

DATA = oracle("oauth1_vectors.json")
VECTORS = DATA["vectors"]


def _header_params(header: str) -> tuple[str | None, dict[str, str]]:
    """The realm and the oauth_* parameters of an ``Authorization: OAuth ...`` value."""
    assert header.startswith("OAuth ")
    pairs = re.findall(r'([^=,\s]+)="([^"]*)"', header[len("OAuth ") :])
    assert ",".join(f'{k}="{v}"' for k, v in pairs) == header[len("OAuth ") :]
    params = {unquote(k): unquote(v) for k, v in pairs}
    realm = params.pop("realm", None)
    return realm, params


def _signer(auth: ModuleType, vector: dict[str, Any], **overrides: Any) -> Any:
    private_key = vector.get("private_key_pem")
    if private_key:
        assert private_key == DATA["rsa_key"]["private_key_pem"]
    settings: dict[str, Any] = {
        "private_key": private_key,
        "realm": vector.get("realm"),
        "callback": vector.get("callback"),
        "verifier": vector.get("verifier"),
        "version": vector["version"],
        "include_body_hash": vector.get("body_hash") is not None,
        "timestamp": vector["timestamp"],
        "nonce": vector["nonce"],
        **overrides,
    }
    return auth.OAuth1(
        vector["consumer_key"],
        vector["consumer_secret"],
        vector["token"],
        vector["token_secret"],
        vector["signature_method"],
        **settings,
    )


def _request(vector: dict[str, Any]) -> httpx.Request:
    headers = {"content-type": vector["content_type"]} if vector.get("content_type") else {}
    body = vector.get("body")
    return httpx.Request(
        vector["method"], vector["url"], headers=headers, content=None if body is None else body
    )


@pytest.mark.parametrize("vector", VECTORS, ids=lambda v: v["id"])
def test_vectors(auth: ModuleType, vector: dict[str, Any]) -> None:
    request = _request(vector)
    signed = _signer(auth, vector).sign(request)
    expected = vector["expected"]
    assert signed.normalized_parameters == expected["normalized_parameters"]
    assert signed.base_string == expected["base_string"]
    assert signed.signature == expected["signature"]
    for name, value in vector.get("published", {}).items():
        if name in ("base_string", "signature", "normalized_parameters"):
            assert getattr(signed, name) == value
    realm, params = _header_params(request.headers["authorization"])
    assert params == expected["oauth_params"]
    assert list(params) == list(expected["oauth_params"])  # Postman's header order
    assert realm == (vector.get("realm") or None)
    assert dict(signed.oauth_params) == expected["oauth_params"]


def test_rsa_signatures_verify(auth: ModuleType) -> None:
    from base64 import b64decode

    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import padding, rsa

    public = serialization.load_pem_public_key(DATA["rsa_key"]["public_key_pem"].encode())
    assert isinstance(public, rsa.RSAPublicKey)
    for method, digest in [("RSA-SHA1", hashes.SHA1()), ("RSA-SHA512", hashes.SHA512())]:
        vector = {**VECTORS[10], "signature_method": method}
        signed = _signer(auth, vector).sign(_request(vector))
        public.verify(
            b64decode(signed.signature), signed.base_string.encode(), padding.PKCS1v15(), digest
        )


def _b64_sha256(data: bytes) -> str:
    return base64.b64encode(hashlib.sha256(data).digest()).decode()


def _plain(auth: ModuleType, **settings: Any) -> Any:
    return auth.OAuth1("ck", "cs", "tk", "ts", timestamp=1700000000, nonce="n0nce", **settings)


def test_query_placement_reencodes_the_query(auth: ModuleType) -> None:
    request = httpx.Request(
        "GET", "http://api.example.com/list?b=2&c=one+two&d&oauth_nonce=old&sym=!*"
    )
    signed = _plain(auth, add_params_to_header=False).sign(request)
    assert "authorization" not in request.headers
    query = request.url.raw_path.decode().partition("?")[2]
    assert query.startswith("b=2&c=one%20two&d&sym=%21%2A&oauth_consumer_key=ck&oauth_token=tk&")
    sent = dict(parse_qsl(query, keep_blank_values=True))
    assert sent["oauth_signature"] == signed.signature
    assert sent["oauth_nonce"] == "n0nce"
    assert "oauth_nonce%3Dold" not in signed.base_string


def test_form_body_placement(auth: ModuleType) -> None:
    seen: list[httpx.Request] = []
    transport = httpx.MockTransport(lambda r: seen.append(r) or httpx.Response(200))
    signer = _plain(auth, add_params_to_header=False)
    with httpx.Client(transport=transport, auth=signer) as client:
        client.post("https://api.example.com/t?x=1", data={"status": "a b+c"})
    request = seen[0]
    body = request.read().decode()
    assert body.startswith("status=a+b%2Bc&oauth_consumer_key=ck&oauth_token=tk&")
    assert request.headers["content-length"] == str(len(body))
    assert request.url.raw_path == b"/t?x=1"
    assert "authorization" not in request.headers
    assert (
        "status%3Da%2520b%252Bc"
        in _plain(auth)
        .sign(httpx.Request("POST", "https://api.example.com/t?x=1", data={"status": "a b+c"}))
        .base_string
    )


def test_get_with_form_body_uses_the_query(auth: ModuleType) -> None:
    request = httpx.Request(
        "GET",
        "https://api.example.com/t",
        headers={"content-type": "application/x-www-form-urlencoded"},
        content=b"a=1",
    )
    signed = _plain(auth, add_params_to_header=False).sign(request)
    assert signed.request is request
    assert b"oauth_signature=" in request.url.raw_path
    assert "a%3D1" in signed.base_string


def test_unsigned_when_credentials_are_missing(auth: ModuleType) -> None:
    for signer in [
        auth.OAuth1("", "cs"),
        auth.OAuth1("ck", ""),
        auth.OAuth1("ck", None),
        auth.OAuth1("ck", "cs", signature_method="RSA-SHA256"),
        auth.OAuth1("ck", None, signature_method="RSA-SHA1", private_key=""),
    ]:
        request = httpx.Request(
            "GET", "https://api.example.com/x?q=a+b", headers={"Authorization": "x"}
        )
        assert signer.sign(request) is None
        assert request.headers["authorization"] == "x"
        assert request.url.raw_path == b"/x?q=a+b"


def test_empty_params(auth: ModuleType) -> None:
    request = httpx.Request("GET", "https://api.example.com/x")
    signer = auth.OAuth1("ck", "cs", "", None, version="", callback="", timestamp=1, nonce="n")
    signed = signer.sign(request)
    assert signed.normalized_parameters == (
        "oauth_consumer_key=ck&oauth_nonce=n&oauth_signature_method=HMAC-SHA1&oauth_timestamp=1"
    )
    signer = auth.OAuth1(
        "ck", "cs", "", None, version="", callback="", timestamp=1, nonce="n",
        add_empty_params_to_sign=True,
    )  # fmt: skip
    signed = signer.sign(request)
    assert signed.normalized_parameters == (
        "oauth_consumer_key=ck&oauth_nonce=n&oauth_signature_method=HMAC-SHA1&oauth_timestamp=1"
        "&oauth_token=&oauth_version="
    )
    _, params = _header_params(request.headers["authorization"])
    assert "oauth_token" not in params and "oauth_version" not in params


def test_header_encoding_and_realm(auth: ModuleType) -> None:
    request = httpx.Request("GET", "https://api.example.com/x")
    signer = _plain(auth, realm="http://photos.example.net/", callback="http://c.example/?a=1")
    signer.sign(request)
    header = request.headers["authorization"]
    assert header.startswith('OAuth realm="http%3A%2F%2Fphotos.example.net%2F",oauth_consumer_key=')
    assert 'oauth_callback="http%3A%2F%2Fc.example%2F%3Fa%3D1"' in header
    raw = _plain(auth, realm="R", callback="http://c.example/", disable_header_encoding=True)
    raw.sign(request)
    assert 'realm="R",' in request.headers["authorization"]
    assert 'oauth_callback="http://c.example/"' in request.headers["authorization"]


def test_defaults_and_validation(auth: ModuleType) -> None:
    request = httpx.Request("GET", "https://api.example.com/x")
    signed = auth.OAuth1("ck", "cs").sign(request)
    params = dict(signed.oauth_params)
    assert re.fullmatch(r"[A-Za-z0-9]{11}", params["oauth_nonce"])
    assert params["oauth_timestamp"].isdigit() and params["oauth_version"] == "1.0"
    with pytest.raises(ValueError, match="hmac-sha1"):
        auth.OAuth1("ck", "cs", signature_method="hmac-sha1")


def test_async_flow(auth: ModuleType) -> None:
    seen: list[httpx.Request] = []

    async def main() -> None:
        transport = httpx.MockTransport(lambda r: seen.append(r) or httpx.Response(200))
        signer = _plain(auth, include_body_hash=True, signature_method="HMAC-SHA256")
        async with httpx.AsyncClient(transport=transport, auth=signer) as client:
            await client.put("https://api.example.com/x", json={"a": 1})

    asyncio.run(main())
    _, params = _header_params(seen[0].headers["authorization"])
    assert params["oauth_body_hash"] == _b64_sha256(b'{"a":1}')
