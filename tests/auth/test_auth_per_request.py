"""Per-request auth: the settings a collection fixes for one request (``AUTH_SETTINGS``), the
signer chosen by the request's scheme (``AuthByScheme``), and OAuth2 as Postman attaches it.

AWS is judged by botocore (one AwsSigV4 signs an STS and an API Gateway request, each with
its own credential scope); OAuth2 by Postman's rules in AUTH_SEMANTICS.md; Digest's
challenge round trip runs through the dispatcher in both httpx clients.
"""

from __future__ import annotations

import asyncio
from types import ModuleType

import httpx
import pytest

from .test_auth_aws import ACCESS_KEY, SECRET_KEY, _botocore_authorization

AMZ_DATE = "20150830T123600Z"


def _request(auth: ModuleType, url: str, **extensions: object) -> httpx.Request:
    names = {"scheme": auth.AUTH_SCHEME, "settings": auth.AUTH_SETTINGS}
    return httpx.Request(
        "GET",
        url,
        headers={"X-Amz-Date": AMZ_DATE},
        extensions={names[k]: v for k, v in extensions.items()},
    )


def _flow(signer: httpx.Auth, request: httpx.Request) -> httpx.Request:
    flow = signer.sync_auth_flow(request)
    sent = next(flow)
    flow.close()
    return sent


@pytest.mark.parametrize(
    ("service", "region"),
    [("sts", "us-east-1"), ("execute-api", "eu-west-1"), ("s3", "us-west-2")],
)
def test_request_settings_choose_the_credential_scope(
    auth: ModuleType, service: str, region: str
) -> None:
    signer = auth.AwsSigV4(ACCESS_KEY, SECRET_KEY, "ap-south-1", "es")
    request = _request(
        auth,
        "https://h.example.com/x?a=1",
        settings={"service": service, "region": region},
    )
    sent = _flow(signer, request)
    expected = _botocore_authorization(sent, service, region, None, AMZ_DATE)
    assert sent.headers["authorization"] == expected
    assert (signer.service, signer.region) == (
        "es",
        "ap-south-1",
    )  # the signer is unchanged


def test_settings_never_reach_credentials(auth: ModuleType) -> None:
    signer = auth.ApiKey("X-Key", "secret")
    copy = signer.with_settings({"name": "X-Other", "_value": "stolen", "location": "bogus"})
    assert (copy.name, copy.location, copy._value) == ("X-Other", "header", "secret")
    assert signer.with_settings({"_value": "stolen"}) is signer
    with pytest.raises(ValueError, match="signature method"):
        auth.OAuth1("ck", "cs").with_settings({"signature_method": "MD5"})
    with pytest.raises(ValueError, match="Hawk algorithm"):
        auth.Hawk("id", "key").with_settings({"algorithm": "md5"})


def test_oauth1_settings_per_request(auth: ModuleType) -> None:
    signer = auth.OAuth1("ck", "cs", timestamp=1, nonce="n")
    in_query = _flow(
        signer,
        _request(
            auth,
            "https://h.example.com/r",
            settings={"add_params_to_header": False, "signature_method": "HMAC-SHA256"},
        ),
    )
    assert "authorization" not in in_query.headers
    assert "oauth_signature_method=HMAC-SHA256" in str(in_query.url)
    expected = auth.OAuth1(
        "ck",
        "cs",
        signature_method="HMAC-SHA256",
        add_params_to_header=False,
        timestamp=1,
        nonce="n",
    )
    assert str(_flow(expected, httpx.Request("GET", "https://h.example.com/r")).url) == str(
        in_query.url
    )
    plain = _flow(signer, httpx.Request("GET", "https://h.example.com/r"))
    assert plain.headers["authorization"].startswith("OAuth ")


def test_oauth2_as_postman_attaches_it(auth: ModuleType) -> None:
    header = _flow(
        auth.OAuth2("AT", header_prefix=" Token "),
        httpx.Request("GET", "https://h/x", headers={"Authorization": "old"}),
    )
    assert header.headers.get_list("authorization") == ["Token AT"]
    bare = _flow(auth.OAuth2("AT", header_prefix=""), httpx.Request("GET", "https://h/x"))
    assert bare.headers["authorization"] == "AT"
    query = _flow(
        auth.OAuth2("A T", add_token_to="queryParams"),
        httpx.Request("GET", "https://h/x?access_token=old&b=2", headers={"Authorization": "o"}),
    )
    assert query.url.raw_path == b"/x?b=2&access_token=A%20T"
    assert "authorization" not in query.headers
    untouched = _flow(auth.OAuth2(""), httpx.Request("GET", "https://h/x", headers={"A": "b"}))
    assert untouched.url.raw_path == b"/x" and "authorization" not in untouched.headers


def test_dispatch_by_scheme(auth: ModuleType) -> None:
    signers = auth.AuthByScheme(basic=auth.Basic("u", "pa55word"), bearer=None)
    assert set(signers.signers) == {"basic"}
    basic = _flow(signers, _request(auth, "https://h/x", scheme="basic"))
    assert basic.headers["authorization"] == "Basic dTpwYTU1d29yZA=="
    for scheme in ("bearer", "oauth1"):  # no signer: sent as it is
        sent = _flow(signers, _request(auth, "https://h/x", scheme=scheme))
        assert "authorization" not in sent.headers
    assert "authorization" not in _flow(signers, httpx.Request("GET", "https://h/x")).headers
    assert "pa55word" not in repr(signers)


def _digest_server(seen: list[str]) -> httpx.MockTransport:
    """Challenges every request without a Digest Authorization header."""

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers.get("authorization", "")[:7])
        if not request.headers.get("authorization", "").startswith("Digest "):
            challenge = 'Digest realm="r", nonce="abc", qop="auth"'
            return httpx.Response(401, headers={"WWW-Authenticate": challenge})
        return httpx.Response(200)

    return httpx.MockTransport(handler)


def test_dispatch_passes_responses_both_ways(auth: ModuleType) -> None:
    signers = auth.AuthByScheme({"digest": auth.Digest("u", "p"), "basic": auth.Basic("u", "p")})
    extensions = {auth.AUTH_SCHEME: "digest"}
    seen: list[str] = []
    with httpx.Client(transport=_digest_server(seen), auth=signers) as client:
        response = client.get("https://h.example.com/d", extensions=extensions)
    assert response.status_code == 200
    assert seen == ["", "Digest "]

    # the digest signer learned the nonce: its next request is signed at once
    with httpx.Client(transport=_digest_server(seen), auth=signers) as client:
        client.get("https://h.example.com/d", extensions=extensions)
    assert seen == ["", "Digest ", "Digest "]
    signers = auth.AuthByScheme(digest=auth.Digest("u", "p"))

    async def main() -> int:
        async with httpx.AsyncClient(transport=_digest_server(seen), auth=signers) as client:
            return (await client.get("https://h.example.com/d", extensions=extensions)).status_code

    seen.clear()
    assert asyncio.run(main()) == 200
    assert seen == ["", "Digest "]
