"""The seed's generated client, signed and sent to a local server that checks the signature.

The collection is generated with the real CLI, the package imported from the output, and
every request goes over a socket to a server on 127.0.0.1 that verifies the OCI signature
with the public key (as OCI does), checks x-content-sha256 against the body, and answers
from a script: faults first (500, 429, 503, a connection reset), then the documented response.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import importlib
import json
import re
import socket
import struct
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import ModuleType
from typing import Any

import pytest
from conftest import ROOT, SHARED, run_cli
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

KEY = json.loads((SHARED / "oracles" / "oci_vectors.json").read_text())["key"]
PACKAGE = "seed_e2e"


@dataclass
class Seen:
    method: str
    target: str
    headers: dict[str, str]
    body: bytes
    signature_ok: bool
    signed: list[str]


@dataclass
class OciServer:
    """Verifies OCI signatures and replies from per-path scripts (the last reply repeats);
    a reply with status ``RESET`` resets the connection instead of answering."""

    scripts: dict[str, list[tuple[int, dict[str, str], bytes]]] = field(default_factory=dict)
    seen: list[Seen] = field(default_factory=list)
    port: int = 0

    def reply(self, method: str, path: str, *replies: tuple[int, dict[str, str], Any]) -> None:
        self.scripts[f"{method} {path}"] = [
            (status, headers, body if isinstance(body, bytes) else json.dumps(body).encode())
            for status, headers, body in replies
        ]

    def answer(self, method: str, path: str) -> tuple[int, dict[str, str], bytes]:
        script = self.scripts.get(f"{method} {path}", [(599, {}, b"no script")])
        return script.pop(0) if len(script) > 1 else script[0]


RESET = 0


def _verify(method: str, target: str, headers: dict[str, str]) -> tuple[bool, list[str]]:
    authorization = headers.get("authorization", "")
    params = dict(re.findall(r'(\w+)="([^"]*)"', authorization))
    names = params.get("headers", "").split()
    lines = []
    for name in names:
        value = f"{method.lower()} {target}" if name == "(request-target)" else headers.get(name)
        if value is None:
            return False, names
        lines.append(f"{name}: {value}")
    public = serialization.load_pem_public_key(KEY["public_key_pem"].encode())
    assert isinstance(public, rsa.RSAPublicKey)
    try:
        public.verify(
            base64.b64decode(params.get("signature", "")),
            "\n".join(lines).encode(),
            padding.PKCS1v15(),
            hashes.SHA256(),
        )
    except (InvalidSignature, ValueError):
        return False, names
    return params.get("keyId") == KEY["key_id"], names


@pytest.fixture
def server() -> Iterator[OciServer]:
    state = OciServer()

    class Handler(BaseHTTPRequestHandler):
        def _handle(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            headers = {k.lower(): v for k, v in self.headers.items()}
            ok, signed = _verify(self.command, self.path, headers)
            digest = base64.b64encode(hashlib.sha256(body).digest()).decode()
            if "x-content-sha256" in signed and headers.get("x-content-sha256") != digest:
                ok = False
            state.seen.append(Seen(self.command, self.path, headers, body, ok, signed))
            status, reply_headers, payload = (
                state.answer(self.command, self.path.split("?")[0])
                if ok
                else (401, {}, b'{"code": "NotAuthenticated", "message": "bad signature"}')
            )
            if status == RESET:  # RST, no response: linger 0, then close
                linger = struct.pack("ii", 1, 0)
                self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, linger)
                self.connection.close()
                self.close_connection = True
                return
            self.send_response(status)
            for name, value in {"Content-Type": "application/json", **reply_headers}.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        do_GET = do_POST = do_PUT = do_DELETE = _handle

        def finish(self) -> None:
            try:
                super().finish()
            except OSError:  # the connection this handler reset on purpose
                pass

        def log_message(self, *args: Any) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.port = httpd.server_address[1]
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield state
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def sdk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    out = tmp_path_factory.mktemp("seed") / "out"
    collection = ROOT / "collections" / "oci_core.postman_collection.json"
    done = run_cli("generate", collection, "--out", out, "--package", PACKAGE)
    assert done.returncode == 0, done.stderr
    sys.path.insert(0, str(out))
    try:
        yield importlib.import_module(PACKAGE)
    finally:
        sys.path.remove(str(out))
        for name in [n for n in sys.modules if n == PACKAGE or n.startswith(f"{PACKAGE}.")]:
            del sys.modules[name]


SEED = json.loads((ROOT / "collections" / "oci_core.postman_collection.json").read_text())
# The documented 200 body of CreateBootVolumeBackup: the server answers with what the API does.
BACKUP = next(
    json.loads(example["body"])
    for example in SEED["item"][0]["item"][0]["response"]
    if example["code"] == 200
)


def _client(sdk: ModuleType, server: OciServer, cls: str = "Client") -> Any:
    signer = importlib.import_module(f"{PACKAGE}.auth").OciSigner(
        KEY["key_id"], KEY["private_key_pem_pkcs8"]
    )
    base = f"http://127.0.0.1:{server.port}/20160918"
    return getattr(sdk, cls)(base_url=base, auth=signer, max_retries=2)


def _body(sdk: ModuleType) -> Any:
    return sdk.CreateBootVolumeBackupRequest(
        boot_volume_id="ocid1.bootvolume.oc1.phx.xyz",
        display_name="nightly",
        type_="FULL",
        defined_tags={},
        freeform_tags={"team": "storage"},
    )


def test_create_is_signed_retried_with_one_token_and_parsed(
    sdk: ModuleType, server: OciServer
) -> None:
    server.reply(
        "POST",
        "/20160918/bootVolumeBackups",
        (500, {"Retry-After": "0", "opc-request-id": "r1"}, {"code": "Internal", "message": "x"}),
        (200, {"opc-request-id": "r2", "etag": "e1"}, BACKUP),
    )
    with _client(sdk, server) as client:
        backup = client.boot_volume_backups.create_boot_volume_backup(body=_body(sdk))
        assert client.last_response.headers["etag"] == "e1"
    assert isinstance(backup, sdk.BootVolumeBackup)
    assert backup.size_in_gbs == BACKUP["sizeInGBs"] and backup.id_ == BACKUP["id"]
    assert backup.time_created.isoformat()[:10] == BACKUP["timeCreated"][:10]
    first, second = server.seen
    assert first.signature_ok and second.signature_ok
    assert first.signed == [
        "date",
        "(request-target)",
        "host",
        "content-length",
        "content-type",
        "x-content-sha256",
    ]
    token = first.headers["opc-retry-token"]
    assert re.fullmatch(r"[0-9a-f]{32}", token) and second.headers["opc-retry-token"] == token
    assert json.loads(second.body) == {
        "bootVolumeId": "ocid1.bootvolume.oc1.phx.xyz",
        "displayName": "nightly",
        "type": "FULL",
        "definedTags": {},
        "freeformTags": {"team": "storage"},
    }
    assert first.target == "/20160918/bootVolumeBackups"


def test_errors_are_typed_with_the_parsed_body_and_request_id(
    sdk: ModuleType, server: OciServer
) -> None:
    path = "/20160918/bootVolumeBackups/ocid1.bootvolumebackup.oc1.phx.missing"
    server.reply(
        "GET",
        path,
        (404, {"opc-request-id": "req-404"}, {"code": "NotAuthorizedOrNotFound", "message": "no"}),
    )
    with _client(sdk, server) as client, pytest.raises(sdk.NotFoundError) as caught:
        client.boot_volume_backups.get_boot_volume_backup(
            boot_volume_backup_id="ocid1.bootvolumebackup.oc1.phx.missing"
        )
    error = caught.value
    assert isinstance(error, sdk.ClientError) and error.status_code == 404
    assert isinstance(error.body, sdk.Error) and error.body.code == "NotAuthorizedOrNotFound"
    assert error.request_id == "req-404"
    assert len(server.seen) == 1 and server.seen[0].signed == ["date", "(request-target)", "host"]


def test_list_honours_retry_after_and_returns_the_items(sdk: ModuleType, server: OciServer) -> None:
    server.reply(
        "GET",
        "/20160918/bootVolumeBackups",
        (429, {"Retry-After": "1"}, {"code": "TooManyRequests", "message": "slow down"}),
        (200, {"opc-next-page": "page-2"}, [BACKUP, {**BACKUP, "id": "b2"}]),
    )
    started = time.monotonic()
    with _client(sdk, server) as client:
        backups = client.boot_volume_backups.list_boot_volume_backups(
            compartment_id="ocid1.compartment.oc1..c", limit=2, sort_order="DESC"
        )
        assert client.last_response.headers["opc-next-page"] == "page-2"
    assert time.monotonic() - started >= 1.0  # waited as the server asked
    assert [b.id_ for b in backups] == [BACKUP["id"], "b2"]
    assert all(s.signature_ok for s in server.seen) and len(server.seen) == 2
    assert server.seen[1].target == (
        "/20160918/bootVolumeBackups?compartmentId=ocid1.compartment.oc1..c&limit=2&sortOrder=DESC"
    )


def test_async_client_signs_retries_and_raises_the_same(sdk: ModuleType, server: OciServer) -> None:
    server.reply(
        "POST",
        "/20160918/bootVolumeBackups",
        (503, {"Retry-After": "0"}, {"code": "Unavailable", "message": "x"}),
        (200, {}, BACKUP),
    )
    missing = "/20160918/bootVolumeBackups/nope"
    server.reply("DELETE", missing, (409, {"opc-request-id": "c"}, {"code": "C", "message": "m"}))

    async def run() -> Any:
        async with _client(sdk, server, "AsyncClient") as client:
            api = client.boot_volume_backups
            backup = await api.create_boot_volume_backup(body=_body(sdk), opc_retry_token="t-1")
            with pytest.raises(sdk.ConflictError) as caught:
                await api.delete_boot_volume_backup(boot_volume_backup_id="nope")
            return backup, caught.value

    backup, conflict = asyncio.run(run())
    assert backup.id_ == BACKUP["id"] and conflict.request_id == "c"
    assert [s.headers.get("opc-retry-token") for s in server.seen[:2]] == ["t-1", "t-1"]
    assert all(s.signature_ok for s in server.seen)
    assert server.seen[2].method == "DELETE" and server.seen[2].signed[0] == "date"


def test_a_wrong_key_is_refused_by_the_server(sdk: ModuleType, server: OciServer) -> None:
    """The check that makes the others mean something: a bad signature does not pass."""
    other = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = other.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    signer = importlib.import_module(f"{PACKAGE}.auth").OciSigner(KEY["key_id"], pem)
    base = f"http://127.0.0.1:{server.port}/20160918"
    with sdk.Client(base_url=base, auth=signer) as client, pytest.raises(sdk.UnauthorizedError):
        client.boot_volume_backups.get_boot_volume_backup(boot_volume_backup_id="x")
    assert server.seen[0].signature_ok is False


@pytest.mark.parametrize("cls", ["Client", "AsyncClient"])
def test_a_reset_connection_is_retried_with_the_same_token(
    sdk: ModuleType, server: OciServer, cls: str
) -> None:
    server.reply("POST", "/20160918/bootVolumeBackups", (RESET, {}, b""), (200, {}, BACKUP))

    async def run_async() -> Any:
        async with _client(sdk, server, cls) as client:
            return await client.boot_volume_backups.create_boot_volume_backup(body=_body(sdk))

    if cls == "Client":
        with _client(sdk, server) as client:
            backup = client.boot_volume_backups.create_boot_volume_backup(body=_body(sdk))
    else:
        backup = asyncio.run(run_async())
    assert backup.id_ == BACKUP["id"]
    first, second = server.seen
    assert first.signature_ok and second.signature_ok
    assert first.headers["opc-retry-token"] == second.headers["opc-retry-token"]
    assert first.headers["date"] and first.body == second.body
