"""Digest against RFC 2617 / RFC 7616 (with erratum 4897) and library vectors, and the challenge
flow against a mock server, through httpx.Client and httpx.AsyncClient."""

from __future__ import annotations

import asyncio
import hashlib
from types import ModuleType
from typing import Any
from urllib.request import parse_http_list, parse_keqv_list

import httpx
import pytest

from .conftest import oracle

VECTORS = oracle("digest_vectors.json")["vectors"]


def _fields(header: str) -> dict[str, str]:
    scheme, _, rest = header.partition(" ")
    assert scheme == "Digest"
    return parse_keqv_list(parse_http_list(rest))


def _signer(auth: ModuleType, vector: dict[str, Any]) -> Any:
    return auth.Digest(
        vector["username"],
        vector["password"],
        realm=vector["realm"],
        nonce=vector["nonce"],
        qop=vector["qop"],
        opaque=vector["opaque"],
        algorithm=vector["algorithm"],
        client_nonce=vector["cnonce"],
        nonce_count=int(vector["nc"], 16) if vector["nc"] else 1,
        userhash=bool(vector["userhash"]),
    )


def _first_send(signer: Any, request: httpx.Request) -> httpx.Request:
    return next(signer.sync_auth_flow(request))


@pytest.mark.parametrize("vector", VECTORS, ids=lambda v: v["id"])
def test_vectors(auth: ModuleType, vector: dict[str, Any]) -> None:
    body = vector["body"]
    request = httpx.Request(
        vector["method"], f"http://example.org{vector['uri']}", content=body and body.encode()
    )
    sent = _first_send(_signer(auth, vector), request)
    fields = _fields(sent.headers["authorization"])
    expected = vector["expected"]
    assert (
        fields["response"]
        == expected["response"]
        == vector.get("published", {}).get("response", expected["response"])
    )
    assert fields["uri"] == vector["uri"]
    assert fields["algorithm"] == (vector["algorithm"] or "MD5")
    assert fields.get("qop") == vector["qop"]
    assert fields.get("nc") == vector["nc"]
    assert fields.get("opaque") == vector["opaque"]
    if vector["userhash"]:
        assert fields["username"] == expected["username_hash"]
        assert fields["userhash"] == "true"
    else:
        assert fields["username"] == vector["username"]


def test_header_format(auth: ModuleType) -> None:
    """Postman's field order; algorithm unquoted as RFC 7616 writes it."""
    vector = VECTORS[0]
    sent = _first_send(_signer(auth, vector), httpx.Request("GET", "http://h" + vector["uri"]))
    assert sent.headers["authorization"] == (
        'Digest username="Mufasa", realm="testrealm@host.com", '
        'nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", uri="/dir/index.html", algorithm=MD5, '
        'qop=auth, nc=00000001, cnonce="0a4f113b", response="6629fae49393a05397450978507c4ef1", '
        'opaque="5ccc069c403ebaf9f0171e9517f40e41"'
    )


class _Server:
    """A Digest-protected resource: challenges, then checks each answer as RFC 7616 says."""

    def __init__(self, challenge: str, password: str = "Circle of Life") -> None:
        self.challenge = challenge
        self.password = password
        self.seen: list[httpx.Headers] = []  # copies: the flow re-sends the same request
        self.nonce = "n-1"
        self.retired: set[str] = set()

    def expected(self, request: httpx.Request, fields: dict[str, str]) -> str:
        algorithm = fields["algorithm"].upper()
        name = {"MD5": "md5", "SHA-256": "sha256", "SHA-512-256": "sha512_256"}[
            algorithm.removesuffix("-SESS")
        ]

        def h(text: str | bytes) -> str:
            return hashlib.new(name, text.encode() if isinstance(text, str) else text).hexdigest()

        ha1 = h(f"{fields['username']}:{fields['realm']}:{self.password}")
        if algorithm.endswith("-SESS"):
            ha1 = h(f"{ha1}:{fields['nonce']}:{fields['cnonce']}")
        a2 = f"{request.method}:{fields['uri']}"
        if fields.get("qop") == "auth-int":
            a2 += ":" + h(request.read())
        parts = (
            [ha1, fields["nonce"], fields["nc"], fields["cnonce"], fields["qop"]]
            if "qop" in fields
            else [ha1, fields["nonce"]]
        )
        return h(":".join([*parts, h(a2)]))

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.seen.append(httpx.Headers(request.headers))
        header = request.headers.get("authorization")
        if header:
            fields = _fields(header)
            stale = fields["nonce"] in self.retired
            if not stale and fields["response"] == self.expected(request, fields):
                return httpx.Response(200, json={"nc": fields.get("nc")})
            extra = ", stale=true" if stale else ""
        else:
            extra = ""
        return httpx.Response(
            401,
            headers=[
                ("WWW-Authenticate", 'Basic realm="other"'),
                ("WWW-Authenticate", self.challenge.format(nonce=self.nonce) + extra),
                ("Set-Cookie", "session=abc"),
            ],
        )


CHALLENGE = 'Digest realm="api@example.org", nonce="{nonce}", qop="auth,auth-int", opaque="op"'


def _client(auth: ModuleType, server: _Server, password: str = "Circle of Life") -> httpx.Client:
    signer = auth.Digest("Mufasa", password)
    return httpx.Client(transport=httpx.MockTransport(server), auth=signer)


def test_challenge_then_preemptive(auth: ModuleType) -> None:
    server = _Server(CHALLENGE)
    with _client(auth, server) as client:
        first = client.get("https://h.example.com/dir/index.html?x=1")
        assert first.status_code == 200 and first.json() == {"nc": "00000001"}
        assert ["authorization" not in seen for seen in server.seen] == [True, False]
        retried = _fields(server.seen[1]["authorization"])
        assert (retried["qop"], retried["uri"], retried["opaque"]) == (
            "auth",
            "/dir/index.html?x=1",
            "op",
        )
        assert server.seen[1]["cookie"] == "session=abc"
        second = client.post("https://h.example.com/items", json={"a": 1})
        assert second.json() == {"nc": "00000002"}
        assert len(server.seen) == 3  # signed at once with the learned nonce
        server.retired.add("n-1")
        server.nonce = "n-2"
        third = client.get("https://h.example.com/dir/index.html")
        assert third.json() == {"nc": "00000001"}  # stale nonce: answered afresh
        assert _fields(server.seen[-1]["authorization"])["nonce"] == "n-2"


def test_wrong_password_is_not_retried_forever(auth: ModuleType) -> None:
    server = _Server(CHALLENGE)
    with _client(auth, server, password="wrong") as client:
        assert client.get("https://h.example.com/").status_code == 401
    assert len(server.seen) == 2


@pytest.mark.parametrize(
    "challenge",
    [
        'Digest realm="r", nonce="{nonce}", qop="auth-int", algorithm=SHA-256',
        'Digest realm="r", nonce="{nonce}", qop="auth", algorithm=SHA-512-256-sess',
        'Digest realm="r", nonce="{nonce}", algorithm=MD5-sess',
        'Digest realm="r", nonce="{nonce}"',
    ],
)
def test_challenge_forms(auth: ModuleType, challenge: str) -> None:
    server = _Server(challenge)
    with _client(auth, server) as client:
        response = client.put("https://h.example.com/x?y", content=b"payload")
    assert response.status_code == 200, server.seen[-1]["authorization"]


def test_unsupported_challenge_is_skipped(auth: ModuleType) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            401, headers={"WWW-Authenticate": 'Digest realm="r", nonce="n", algorithm=SHA-1'}
        )

    with httpx.Client(transport=httpx.MockTransport(handler), auth=auth.Digest("u", "p")) as client:
        assert client.get("https://h.example.com/").status_code == 401
    with pytest.raises(ValueError, match="SHA-1"):
        auth.Digest("u", "p", realm="r", nonce="n", algorithm="SHA-1")


def test_async_client(auth: ModuleType) -> None:
    server = _Server(CHALLENGE)

    async def main() -> list[int]:
        transport = httpx.MockTransport(server)
        async with httpx.AsyncClient(
            transport=transport, auth=auth.Digest("Mufasa", "Circle of Life")
        ) as client:
            return [(await client.get("https://h.example.com/a")).status_code for _ in range(2)]

    assert asyncio.run(main()) == [200, 200]
    assert len(server.seen) == 3


@pytest.mark.parametrize(
    ("algorithm", "qop"),
    [
        ("MD5", 'qop="auth", '),
        ("MD5", ""),
        ("MD5-sess", 'qop="auth,auth-int", '),
        ("SHA-256", 'qop="auth", '),
        ("SHA-256", ""),
        ("SHA-256-sess", 'qop="auth", '),
    ],
)
def test_same_response_as_httpx_digest(auth: ModuleType, algorithm: str, qop: str) -> None:
    """httpx's own DigestAuth (which lacks SHA-512-256, auth-int and userhash) as a second
    implementation: same challenge, same client nonce, same response. (Not ``-sess`` without
    qop: httpx then leaves out the cnonce its answer depends on.)"""
    challenge = f'Digest realm="r@h", nonce="n0", {qop}opaque="o", algorithm={algorithm}'
    answers: list[dict[str, str]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        if "authorization" in request.headers:
            answers.append(_fields(request.headers["authorization"]))
            return httpx.Response(200)
        return httpx.Response(401, headers={"WWW-Authenticate": challenge})

    with httpx.Client(transport=httpx.MockTransport(handler)) as client:
        client.get("https://h.example.com/p?q=1", auth=httpx.DigestAuth("Mufasa", "pw"))
        theirs = answers[-1]
        ours = auth.Digest("Mufasa", "pw", client_nonce=theirs.get("cnonce"))
        client.get("https://h.example.com/p?q=1", auth=ours)
    mine = answers[-1]
    assert mine["response"] == theirs["response"]
    assert (mine.get("nc"), mine.get("qop"), mine["uri"]) == (
        theirs.get("nc"),
        theirs.get("qop"),
        theirs["uri"],
    )
