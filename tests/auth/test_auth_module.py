"""The rendered auth.py as code: static, black-clean, ruff- and mypy --strict-clean, exports pinned,
and no secret in any signer's repr."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from types import ModuleType

import black
import httpx
import pytest
from black.mode import TargetVersion

from generator.render.auth import TEMPLATE, render_auth
from generator.render.env import templates_dir

from .conftest import PACKAGE, oracle

BLACK = black.Mode(target_versions={TargetVersion.PY311}, line_length=100)
STRICT_RUFF = ("--select", "E,F,W,I,UP,B,RUF", "--line-length", "100")


def _tool(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], capture_output=True, text=True, cwd=cwd)


def test_template_is_static_python() -> None:
    """No Jinja syntax is consumed: the output is the template, whatever the package."""
    source = (templates_dir() / TEMPLATE).read_text(encoding="utf-8")
    assert render_auth("a") == render_auth("another_package") == source


def test_black_changes_nothing(auth_path: Path) -> None:
    text = auth_path.read_text(encoding="utf-8")
    assert black.format_str(text, mode=BLACK) == text


def test_ruff_is_clean(auth_path: Path) -> None:
    done = _tool("ruff", "check", "--isolated", *STRICT_RUFF, PACKAGE, cwd=auth_path.parents[1])
    assert done.returncode == 0, done.stdout[-3000:]


def test_mypy_strict_is_clean(auth_path: Path, tmp_path: Path) -> None:
    package = auth_path.parent
    (package / "py.typed").touch()
    done = _tool(
        "mypy", "--strict", "--cache-dir", str(tmp_path), "-p", PACKAGE, cwd=package.parent
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]


def test_exports(auth: ModuleType) -> None:
    assert auth.__all__ == [
        "AUTH_SCHEME",
        "AUTH_SETTINGS",
        "ApiKey",
        "AuthByScheme",
        "AuthConfigError",
        "AuthHook",
        "AwsSigV4",
        "AwsSignature",
        "Basic",
        "Bearer",
        "Digest",
        "Hawk",
        "HawkSignature",
        "OAuth1",
        "OAuth1Signature",
        "OAuth2",
        "OciSignature",
        "OciSigner",
    ]
    for name in auth.__all__:
        if not name.isupper():  # AUTH_SCHEME, AUTH_SETTINGS: extension names
            assert getattr(auth, name).__module__ == auth.__name__
    signers = [name for name in auth.__all__ if isinstance(getattr(auth, name), type)]
    assert "AuthByScheme" in signers and "OAuth2" in signers
    for name in signers:
        if not name.endswith(("Signature", "Error")):
            assert issubclass(getattr(auth, name), httpx.Auth), name


def test_repr_hides_secrets(auth: ModuleType) -> None:
    key = oracle("oci_vectors.json")["key"]
    secret = "s3cr3t-VALUE"
    signers = [
        auth.Basic("alice", secret),
        auth.Bearer(secret),
        auth.ApiKey("X-Key", secret),
        auth.AwsSigV4(secret + "-ak", secret, "eu-west-1", "s3", secret + "-token"),
        auth.OAuth1(secret + "-ck", secret, secret + "-t", secret + "-ts"),
        auth.Hawk(secret + "-id", secret),
        auth.Digest("alice", secret),
        auth.OciSigner(key["key_id"], key["private_key_pem_pkcs8"]),
        auth.AuthHook("ntlm"),
    ]
    for signer in signers:
        text = repr(signer)
        assert secret not in text and "PRIVATE KEY" not in text, text
        assert text.startswith(type(signer).__name__ + "(")
    assert repr(signers[0]) == "Basic(username='alice', password=<hidden>)"
    assert repr(signers[3]) == (
        "AwsSigV4(region='eu-west-1', service='s3', access_key=<hidden>, "
        "secret_key=<hidden>, session_token=<hidden>)"
    )
    assert "private_key=<hidden>" in repr(signers[7]) and key["key_id"] in repr(signers[7])


def test_signers_work_through_the_async_client(auth: ModuleType) -> None:
    """One class serves both clients: the same flow runs under AsyncClient."""
    import asyncio

    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200)

    async def main() -> None:
        transport = httpx.MockTransport(handler)
        async with httpx.AsyncClient(transport=transport, auth=auth.Bearer("tok")) as client:
            await client.get("https://api.example.com/x")

    asyncio.run(main())
    assert seen[0].headers["authorization"] == "Bearer tok"


@pytest.mark.parametrize("scheme", ["ntlm", "edgegrid"])
def test_unfilled_hook_refuses_to_send(auth: ModuleType, scheme: str) -> None:
    sent: list[httpx.Request] = []
    transport = httpx.MockTransport(lambda request: sent.append(request) or httpx.Response(200))
    with httpx.Client(transport=transport, auth=auth.AuthHook(scheme)) as client:
        with pytest.raises(NotImplementedError, match=f"uses '{scheme}' auth.*Subclass AuthHook"):
            client.get("https://api.example.com/x")
    assert sent == []


def test_filled_hook_signs(auth: ModuleType) -> None:
    class Signed(auth.AuthHook):  # type: ignore[name-defined,misc]
        def sign(self, request: httpx.Request) -> None:
            request.headers["X-Signature"] = str(len(request.content))

    seen: list[httpx.Request] = []
    transport = httpx.MockTransport(lambda request: seen.append(request) or httpx.Response(200))
    with httpx.Client(transport=transport, auth=Signed("edgegrid")) as client:
        client.post("https://api.example.com/x", content=b"12345")
    assert seen[0].headers["x-signature"] == "5"
