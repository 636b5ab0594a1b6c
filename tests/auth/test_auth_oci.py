"""OciSigner against Oracle: the SDK's vectors, the documentation's published signatures, the
official ``oci`` package's signer on generated requests, and a loopback server that verifies
signatures with the public key under real httpx.Client and httpx.AsyncClient sends."""

from __future__ import annotations

import asyncio
import base64
import email.utils
import functools
import hashlib
import json
import re
import threading
from collections.abc import AsyncIterator, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pytest
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .conftest import oracle

VECTORS = oracle("oci_vectors.json")
DOCS = oracle("oci_docs_example.json")
KEY = VECTORS["key"]
KEY_FORMS = {
    "pkcs8": (KEY["private_key_pem_pkcs8"], None),
    "pkcs1": (KEY["private_key_pem_pkcs1"], None),
    "pkcs8-encrypted": (KEY["private_key_pem_pkcs8_encrypted"], KEY["passphrase"]),
}


def _params(authorization: str) -> dict[str, str]:
    scheme, _, rest = authorization.partition(" ")
    assert scheme == "Signature"
    params = dict(re.findall(r'(\w+)="([^"]*)"', rest))
    assert ",".join(f'{k}="{v}"' for k, v in params.items()) == rest  # nothing else in it
    return params


def _request(spec: dict[str, Any]) -> httpx.Request:
    body = spec["body"]
    content = None
    if body is not None:
        data = body["data"]
        content = data.encode() if body["encoding"] == "utf-8" else base64.b64decode(data)
    extensions = {"oci.sign_body": False} if spec["exclude_body_headers"] else {}
    return httpx.Request(
        spec["method"], spec["url"], headers=spec["headers"], content=content, extensions=extensions
    )


def _check(signer: Any, vector: dict[str, Any]) -> None:
    request = _request(vector["request"])
    expected = vector["expected"]
    signed = signer.sign(request)
    assert list(signed.signed_headers) == expected["signed_headers"]
    assert signed.signing_string == expected["signing_string"]
    assert signed.signature == expected["signature"]
    assert _params(request.headers["authorization"]) == expected["authorization_params"]
    for name in [*expected["signed_headers"], "authorization"]:
        if name != "(request-target)":
            assert request.headers[name] == expected["headers"][name], name


@pytest.mark.parametrize("form", sorted(KEY_FORMS))
@pytest.mark.parametrize("vector", VECTORS["vectors"], ids=lambda v: v["id"])
def test_sdk_vectors(auth: ModuleType, vector: dict[str, Any], form: str) -> None:
    pem, passphrase = KEY_FORMS[form]
    _check(auth.OciSigner(KEY["key_id"], pem, passphrase), vector)


@pytest.mark.parametrize("vector", DOCS["vectors"], ids=lambda v: v["id"])
@pytest.mark.parametrize("form", ["private_key_pem_pkcs1", "private_key_pem_pkcs8"])
def test_documented_test_values(auth: ModuleType, vector: dict[str, Any], form: str) -> None:
    signer = auth.OciSigner(DOCS["key"]["key_id"], DOCS["key"][form].encode())
    _check(signer, vector)
    published = DOCS["published"]
    request = _request(vector["request"])
    signed = signer.sign(request)
    if request.method == "GET":
        assert signed.signature == published["get_signature"]
    else:
        assert signed.signature == published["post_signature"]
        assert request.headers["x-content-sha256"] == published["post_x_content_sha256"]
    public = serialization.load_pem_public_key(DOCS["key"]["public_key_pem"].encode())
    assert isinstance(public, rsa.RSAPublicKey)
    public.verify(
        base64.b64decode(signed.signature),
        signed.signing_string.encode(),
        padding.PKCS1v15(),
        hashes.SHA256(),
    )


def test_authorization_is_the_python_sdk_string(auth: ModuleType) -> None:
    for vector in VECTORS["vectors"]:
        request = _request(vector["request"])
        auth.OciSigner(KEY["key_id"], KEY["private_key_pem_pkcs8"]).sign(request)
        assert request.headers["authorization"] == vector["expected"]["authorization"]


def test_flow_through_a_client(auth: ModuleType) -> None:
    vector = VECTORS["vectors"][1]  # POST JSON
    seen: list[httpx.Request] = []
    transport = httpx.MockTransport(lambda r: seen.append(r) or httpx.Response(200))
    signer = auth.OciSigner(KEY["key_id"], KEY["private_key_pem_pkcs1"])
    with httpx.Client(transport=transport, auth=signer) as client:
        client.send(_request(vector["request"]))
    assert _params(seen[0].headers["authorization"]) == vector["expected"]["authorization_params"]


def test_date_defaults_to_now(auth: ModuleType) -> None:
    request = httpx.Request("GET", "https://iaas.example.com/x")
    before = email.utils.formatdate(usegmt=True)
    signed = auth.OciSigner(KEY["key_id"], KEY["private_key_pem_pkcs8"]).sign(request)
    after = email.utils.formatdate(usegmt=True)
    assert request.headers["date"] in (before, after)
    assert signed.signing_string.startswith(f"date: {request.headers['date']}\n")


def test_content_type_defaults_and_hash_is_recomputed(auth: ModuleType) -> None:
    request = httpx.Request(
        "PUT", "https://h.example.com/x", headers={"x-content-sha256": "stale"}, content=b"{}"
    )
    signed = auth.OciSigner(KEY["key_id"], KEY["private_key_pem_pkcs8"]).sign(request)
    assert request.headers["content-type"] == "application/json"
    assert (
        request.headers["x-content-sha256"]
        == base64.b64encode(hashlib.sha256(b"{}").digest()).decode()
    )
    assert "content-type: application/json" in signed.signing_string.split("\n")


def test_streamed_body_is_sent_with_its_length(auth: ModuleType) -> None:
    def chunks() -> Iterator[bytes]:
        yield b"hello "
        yield b"world"

    seen: list[httpx.Request] = []
    transport = httpx.MockTransport(lambda r: seen.append(r) or httpx.Response(200))
    signer = auth.OciSigner(KEY["key_id"], KEY["private_key_pem_pkcs8"])
    with httpx.Client(transport=transport, auth=signer) as client:
        client.post("https://h.example.com/x", content=chunks())
    headers = seen[0].headers
    assert "transfer-encoding" not in headers
    assert headers["content-length"] == "11"
    assert seen[0].read() == b"hello world"


def test_other_methods_are_refused(auth: ModuleType) -> None:
    signer = auth.OciSigner(KEY["key_id"], KEY["private_key_pem_pkcs8"])
    with pytest.raises(ValueError, match="OPTIONS"):
        signer.sign(httpx.Request("OPTIONS", "https://h.example.com/x"))


def test_keys_that_cannot_sign(auth: ModuleType) -> None:
    encrypted = KEY["private_key_pem_pkcs8_encrypted"]
    with pytest.raises(auth.AuthConfigError, match="encrypted: give its passphrase"):
        auth.OciSigner(KEY["key_id"], encrypted)
    with pytest.raises(auth.AuthConfigError, match="passphrase is wrong"):
        auth.OciSigner(KEY["key_id"], encrypted, "wrong")
    with pytest.raises(auth.AuthConfigError, match="not a PEM private key"):
        auth.OciSigner(KEY["key_id"], KEY["public_key_pem"])
    # A passphrase for an unencrypted key is ignored, as the OCI SDK does.
    signer = auth.OciSigner(KEY["key_id"], KEY["private_key_pem_pkcs1"], "unused")
    _check(signer, VECTORS["vectors"][0])


def _write_config(tmp_path: Path, text: str) -> Path:
    (tmp_path / "key.pem").write_text(KEY["private_key_pem_pkcs8_encrypted"])
    config = tmp_path / "config"
    config.write_text(text.replace("KEYFILE", str(tmp_path / "key.pem")))
    return config


def test_from_config(auth: ModuleType, tmp_path: Path) -> None:
    config = _write_config(
        tmp_path,
        "[DEFAULT]\n"
        f"tenancy={KEY['tenancy']}\n"
        "user=ocid1.user.oc1..someoneelse\n"
        f"fingerprint={KEY['fingerprint']}\n"
        "key_file=KEYFILE\n"
        f"pass_phrase={KEY['passphrase']}\n"
        "region=ap-tokyo-1\n"
        "\n[WORK]\n"
        f"user={KEY['user']}\n",
    )
    signer = auth.OciSigner.from_config(config, "WORK")
    assert signer.key_id == KEY["key_id"]
    _check(signer, VECTORS["vectors"][2])
    assert (
        auth.OciSigner.from_config(str(config)).key_id.split("/")[1]
        == "ocid1.user.oc1..someoneelse"
    )


def test_from_config_errors(auth: ModuleType, tmp_path: Path) -> None:
    with pytest.raises(auth.AuthConfigError, match="no OCI config file"):
        auth.OciSigner.from_config(tmp_path / "missing")
    config = _write_config(tmp_path, "[DEFAULT]\ntenancy=t\nkey_file=KEYFILE\n")
    with pytest.raises(auth.AuthConfigError, match=r"no profile \[OTHER\]"):
        auth.OciSigner.from_config(config, "OTHER")
    with pytest.raises(auth.AuthConfigError, match=r"\[DEFAULT\] lacks user, fingerprint"):
        auth.OciSigner.from_config(config)
    config.write_text("[DEFAULT]\ntenancy=t\nuser=u\nfingerprint=f\nkey_file=/no/such/key.pem\n")
    with pytest.raises(auth.AuthConfigError, match="cannot read key_file"):
        auth.OciSigner.from_config(config)
    config.write_text(f"[DEFAULT]\ntenancy=t\nuser=u\nfingerprint=f\nkey_file={tmp_path}/key.pem\n")
    with pytest.raises(auth.AuthConfigError, match="encrypted: give its passphrase"):
        auth.OciSigner.from_config(config)


# --- The official SDK as the oracle, on generated requests --------------------------------

_SEGMENT = st.text(
    alphabet=st.sampled_from(list("aZ09-._~ %+;=@:!$'()*,[]|^{}\"<>`\\é✓")), min_size=1, max_size=6
)
_QUERY_TEXT = st.text(
    alphabet=st.sampled_from(list("aZ09-._~ %+;@:!$'()*,/?[]|^`{}\"é")), max_size=5
)
_QUERY = st.lists(
    st.tuples(st.sampled_from(["a", "b", "compartmentId", "x y", "é"]), st.none() | _QUERY_TEXT),
    max_size=5,
)
_HEADERS = st.dictionaries(
    st.sampled_from(["opc-request-id", "opc-retry-token", "if-match", "x-custom"]),
    st.text(alphabet=st.sampled_from(list("abcXYZ019-_ =")), min_size=1, max_size=10)
    .map(str.strip)
    .filter(bool),
    max_size=3,
)
_DATES = st.integers(min_value=1_000_000_000, max_value=2_000_000_000).map(
    lambda seconds: email.utils.formatdate(seconds, usegmt=True)
)


@st.composite
def _oci_requests(draw: st.DrawFn) -> tuple[httpx.Request, dict[str, str]]:
    method = draw(st.sampled_from(["GET", "HEAD", "DELETE", "POST", "PUT", "PATCH"]))
    scheme = draw(st.sampled_from(["https", "http"]))
    port = draw(st.sampled_from(["", ":443", ":80", ":8443"]))
    path = "/" + "/".join(draw(st.lists(_SEGMENT, min_size=1, max_size=4)))
    pairs = draw(_QUERY)
    query = "&".join(k if v is None else f"{k}={v}" for k, v in pairs)
    url = f"{scheme}://iaas.ap-tokyo-1.oraclecloud.com{port}{path}" + (f"?{query}" if query else "")
    headers = {"date": draw(_DATES), **draw(_HEADERS)}
    body = None
    extensions: dict[str, Any] = {}
    if method in ("POST", "PUT", "PATCH"):
        body = draw(st.none() | st.binary(max_size=64) | st.text(max_size=40).map(str.encode))
        content_type = draw(
            st.sampled_from([None, "application/json", "text/plain; charset=utf-8"])
        )
        if content_type:
            headers["content-type"] = content_type
        if draw(st.booleans()) and draw(st.booleans()):
            extensions["oci.sign_body"] = False
    request = httpx.Request(method, url, headers=headers, content=body, extensions=extensions)
    return request, headers


@functools.cache
def _sdk_signer() -> Any:
    from oci.signer import Signer

    return Signer(
        KEY["tenancy"], KEY["user"], KEY["fingerprint"], None,
        private_key_content=KEY["private_key_pem_pkcs8"],
    )  # fmt: skip


@functools.cache
def _our_signer(auth: ModuleType) -> Any:
    return auth.OciSigner(KEY["key_id"], KEY["private_key_pem_pkcs8"])


def _sdk_signed(request: httpx.Request, headers: dict[str, str]) -> Any:
    """The same request signed by oci.signer.Signer (oci 2.189), called directly."""
    from oci._vendor import requests as oci_requests

    sdk = _sdk_signer()
    wire_url = (
        f"{request.url.scheme}://{request.url.netloc.decode()}{request.url.raw_path.decode()}"
    )
    prepared = oci_requests.Request(
        request.method, wire_url, headers=headers, data=request.content or None
    ).prepare()
    prepared.url = wire_url  # the target byte for byte as httpx sends it
    if request.extensions.get("oci.sign_body") is False:
        sdk.without_content_headers(prepared)
    else:
        sdk(prepared)
    return prepared


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=_oci_requests())
def test_same_headers_as_the_oci_sdk(auth: ModuleType, case: tuple[httpx.Request, dict[str, str]]):  # type: ignore[no-untyped-def]
    request, headers = case
    prepared = _sdk_signed(request, headers)
    signed = _our_signer(auth).sign(request)
    assert request.headers["authorization"] == prepared.headers["authorization"]
    for name in signed.signed_headers:
        if name != "(request-target)":
            assert request.headers[name] == prepared.headers[name], name


# --- A loopback server that verifies signatures with the public key -----------------------


class _Verifier(BaseHTTPRequestHandler):
    """Checks each request's OCI signature (and body headers) as the service would."""

    public_key: rsa.RSAPublicKey

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def _reply(self, status: int, payload: dict[str, Any]) -> None:
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def _verify(self) -> None:
        body = self.rfile.read(int(self.headers.get("content-length") or 0))
        params = _params(self.headers["authorization"])
        names = params["headers"].split()
        target = f"{self.command.lower()} {self.path}"  # the raw request target
        lines = [
            f"{name}: {target if name == '(request-target)' else self.headers[name]}"
            for name in names
        ]
        try:
            self.public_key.verify(
                base64.b64decode(params["signature"]),
                "\n".join(lines).encode(),
                padding.PKCS1v15(),
                hashes.SHA256(),
            )
        except InvalidSignature:
            self._reply(401, {"error": "signature"})
            return
        generic = ["date", "(request-target)", "host"]
        body_signed = self.command in ("POST", "PUT", "PATCH") and "/o/" not in self.path
        wanted = generic + ["content-length", "content-type", "x-content-sha256"] * body_signed
        digest = base64.b64encode(hashlib.sha256(body).digest()).decode()
        if names != wanted or (body_signed and self.headers["x-content-sha256"] != digest):
            self._reply(400, {"error": "headers", "signed": names})
            return
        self._reply(200, {"signed": names, "target": self.path, "body": body.decode()})

    do_GET = do_HEAD = do_DELETE = do_POST = do_PUT = do_PATCH = _verify


@pytest.fixture(scope="module")
def verifier() -> Iterator[str]:
    public = serialization.load_pem_public_key(KEY["public_key_pem"].encode())
    assert isinstance(public, rsa.RSAPublicKey)
    handler = type("Handler", (_Verifier,), {"public_key": public})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _calls(client: httpx.Client | httpx.AsyncClient, stream: Any) -> list[httpx.Request]:
    upload = client.build_request(
        "PUT",
        "/n/ns/b/bucket/o/notes.txt",
        content=b"not signed\n",
        headers={"content-type": "text/plain"},
        extensions={"oci.sign_body": False},
    )
    return [
        client.build_request(
            "GET", "/20160918/instances", params={"compartmentId": "ocid1.c", "name": "a b/é"}
        ),
        client.build_request("GET", "/20160918/x?q='[1]'&q=|^&flag"),
        client.build_request("HEAD", "/20160918/instances/1"),
        client.build_request("DELETE", "/20160918/instances/1"),
        client.build_request("POST", "/20160918/bootVolumeBackups", json={"displayName": "café"}),
        client.build_request("POST", "/20160918/instances/1?action=RESET"),
        client.build_request("PUT", "/20160918/x", content=b"raw", headers={"content-type": "a/b"}),
        client.build_request("PATCH", "/20160918/x", content=stream),
        upload,
    ]


def test_loopback_server_accepts_sync_sends(auth: ModuleType, verifier: str) -> None:
    def stream() -> Iterator[bytes]:
        yield b'{"a":'
        yield b"1}"

    signer = auth.OciSigner(
        KEY["key_id"], KEY["private_key_pem_pkcs8_encrypted"], KEY["passphrase"]
    )
    with httpx.Client(base_url=verifier, auth=signer) as client:
        for request in _calls(client, stream()):
            response = client.send(request)
            assert response.status_code == 200, (request.method, request.url, response.text)
        assert response.json()["body"] == "not signed\n"


def test_loopback_server_accepts_async_sends(auth: ModuleType, verifier: str) -> None:
    async def stream() -> AsyncIterator[bytes]:
        yield b'{"a":'
        yield b"1}"

    async def main() -> list[int]:
        signer = auth.OciSigner(KEY["key_id"], KEY["private_key_pem_pkcs1"])
        async with httpx.AsyncClient(base_url=verifier, auth=signer) as client:
            requests = _calls(client, stream())
            return [(await client.send(request)).status_code for request in requests]

    assert asyncio.run(main()) == [200] * 9


def test_loopback_server_rejects_another_key(auth: ModuleType, verifier: str) -> None:
    impostor = auth.OciSigner(KEY["key_id"], DOCS["key"]["private_key_pem_pkcs1"])
    with httpx.Client(base_url=verifier, auth=impostor) as client:
        assert client.get("/20160918/instances").status_code == 401
