"""Loopback echo server that is also an HTTP forward proxy, recording requests byte for byte.

The clients under test (newman, the generated curl snippets and the generated Python SDK) are
pointed at this server through the standard proxy environment variables, so none is modified and
the hosts named in a collection are never resolved.  Plain-HTTP requests arrive in absolute form
(``GET http://host/path``); HTTPS requests arrive as ``CONNECT host:443`` tunnels that we
terminate with a certificate for that host, issued on the fly by a throw-away CA
(:attr:`EchoProxy.ca_cert`).  curl and newman run insecure; a verifying client (httpx) trusts
the CA through ``SSL_CERT_FILE`` and checks the host name as it would against the real host.

Each request is answered ``200`` with ``{"postgen_echo_id": N}`` (and the same id in an
``X-Postgen-Echo-Id`` header, for HEAD), so a client run can be tied to what arrived.  A client
may additionally tag its runs through proxy credentials (``http://TAG:x@127.0.0.1:PORT``): the
tag is recorded and the ``Proxy-Authorization`` header carrying it is not, since an origin
server would never see it.
"""

from __future__ import annotations

import base64
import datetime
import io
import ipaddress
import json
import socket
import socketserver
import ssl
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

__all__ = [
    "EchoProxy",
    "EchoRecord",
    "HostCertificates",
    "running_echo_proxy",
]

#: Upper bound on one request head; collections hold long URLs but nothing near this.
_MAX_LINE = 1 << 20
_MAX_HEADERS = 500
#: Idle keep-alive connections are closed after this long, so handler threads never pile up.
_IDLE_TIMEOUT = 60.0
#: A body that stops arriving for this long is taken as ended: a wrong Content-Length (collections
#: set it by hand, e.g. to a script-computed ``{{content-length}}``) must not hang both sides.
#: A too-large number might still be a slow client, so it gets longer than a non-number, where
#: whatever the client sent right away is all there is.
_BODY_STALL = 2.0
_BODY_STALL_NO_LENGTH = 0.5
TAG_PREFIX = "postgen-"


@dataclass(frozen=True, slots=True)
class EchoRecord:
    """One request as it arrived: the raw bytes that an origin server would have seen."""

    echo_id: int
    tag: str | None
    scheme: str  # "http" (absolute-form through the proxy) or "https" (inside a CONNECT tunnel)
    authority: str  # from the absolute-form URL or the CONNECT line, default port dropped
    method: str
    target: bytes  # path + query, exactly as sent (absolute-form reduced to origin-form)
    raw_target: bytes  # the request-target exactly as on the request line
    http_version: str
    headers: tuple[tuple[bytes, bytes], ...]  # in order, names with their original casing
    body: bytes  # de-chunked
    chunked: bool
    framing_error: str | None = None  # the body's length did not match its framing headers

    def to_json(self) -> dict[str, object]:
        """A JSON-friendly view for reports (bytes shown as UTF-8 with escapes)."""
        return {
            "echo_id": self.echo_id,
            "tag": self.tag,
            "scheme": self.scheme,
            "authority": self.authority,
            "method": self.method,
            "target": show(self.target),
            "http_version": self.http_version,
            "headers": [[show(n), show(v)] for n, v in self.headers],
            "body": show(self.body),
            "chunked": self.chunked,
            "framing_error": self.framing_error,
        }


def show(data: bytes, limit: int | None = None) -> str:
    """Bytes as readable text: UTF-8 where valid, ``\\xNN`` escapes elsewhere."""
    text = data.decode("utf-8", "backslashreplace")
    if limit is not None and len(text) > limit:
        return text[:limit] + f"...(+{len(text) - limit} chars)"
    return text


class _BadRequest(Exception):
    """The client sent something that is not HTTP/1.x; the connection is dropped."""


@dataclass(slots=True)
class _Store:
    """Thread-safe id allocation and record storage shared by all handler threads."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    next_id: int = 1
    records: dict[int, EchoRecord] = field(default_factory=dict)
    by_tag: dict[str, list[int]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    def allocate(self) -> int:
        with self.lock:
            echo_id = self.next_id
            self.next_id += 1
            return echo_id

    def add(self, record: EchoRecord) -> None:
        with self.lock:
            self.records[record.echo_id] = record
            if record.tag is not None:
                self.by_tag.setdefault(record.tag, []).append(record.echo_id)


class HostCertificates:
    """A throw-away CA and, per tunnelled host, a server certificate it signs (made on first use).

    The CA is strict enough for Python's ``VERIFY_X509_STRICT`` (CA basic constraints, key
    usages, key identifiers), so a client that verifies -- httpx with ``SSL_CERT_FILE`` set to
    :attr:`ca_cert` -- accepts the tunnel only for the host it asked for.
    """

    def __init__(self, directory: Path) -> None:
        from cryptography import x509
        from cryptography.hazmat.primitives import hashes, serialization
        from cryptography.hazmat.primitives.asymmetric import ec
        from cryptography.x509.oid import NameOID

        self._directory = directory
        self._lock = threading.Lock()
        self._contexts: dict[str, ssl.SSLContext] = {}
        self._key = ec.generate_private_key(ec.SECP256R1())
        self._name = x509.Name(
            [x509.NameAttribute(NameOID.COMMON_NAME, "postgen echo proxy test CA")]
        )
        now = datetime.datetime.now(datetime.UTC)
        public = self._key.public_key()
        self._cert = (
            x509.CertificateBuilder()
            .subject_name(self._name)
            .issuer_name(self._name)
            .public_key(public)
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(hours=1))
            .not_valid_after(now + datetime.timedelta(days=2))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(
                x509.KeyUsage(
                    digital_signature=False,
                    content_commitment=False,
                    key_encipherment=False,
                    data_encipherment=False,
                    key_agreement=False,
                    key_cert_sign=True,
                    crl_sign=True,
                    encipher_only=False,
                    decipher_only=False,
                ),
                critical=True,
            )
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(public), critical=False)
            .sign(self._key, hashes.SHA256())
        )
        self.ca_cert = directory / "echo-proxy-ca.crt"
        self.ca_cert.write_bytes(self._cert.public_bytes(serialization.Encoding.PEM))

    def context(self, authority: str) -> ssl.SSLContext:
        """A server context whose certificate names the host of ``authority`` (host[:port])."""
        host = _host_of(authority)
        with self._lock:
            found = self._contexts.get(host)
            if found is None:
                found = self._contexts[host] = self._make_context(host, len(self._contexts))
            return found

    def _make_context(self, host: str, serial: int) -> ssl.SSLContext:
        from cryptography import x509
        from cryptography.hazmat.primitives import hashes, serialization
        from cryptography.hazmat.primitives.asymmetric import ec
        from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

        key = ec.generate_private_key(ec.SECP256R1())
        try:
            san: x509.GeneralName = x509.IPAddress(ipaddress.ip_address(host))
        except ValueError:
            san = x509.DNSName(host or "localhost")
        now = datetime.datetime.now(datetime.UTC)
        cert = (
            x509.CertificateBuilder()
            .subject_name(
                x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, (host or "localhost")[:64])])
            )
            .issuer_name(self._name)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(hours=1))
            .not_valid_after(now + datetime.timedelta(days=2))
            .add_extension(x509.SubjectAlternativeName([san]), critical=False)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
            .add_extension(
                x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False
            )
            .add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_public_key(self._key.public_key()),
                critical=False,
            )
            .sign(self._key, hashes.SHA256())
        )
        # load_cert_chain reads files only: one pair per host, beside the CA
        cert_path = self._directory / f"host-{serial}.crt"
        key_path = self._directory / f"host-{serial}.key"
        cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
        key_path.write_bytes(
            key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
        )
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert_path, key_path)
        context.set_alpn_protocols(["http/1.1"])  # keep curl from negotiating HTTP/2
        return context


def _host_of(authority: str) -> str:
    """``host`` of ``host:port`` / ``[v6]:port``, lower-cased as clients compare names."""
    if authority.startswith("["):
        return authority[1:].partition("]")[0].lower()
    host, _, port = authority.rpartition(":")
    return (host if host and port.isdigit() else authority).lower()


def _drop_default_port(authority: str, scheme: str) -> str:
    default = ":443" if scheme == "https" else ":80"
    return authority[: -len(default)] if authority.endswith(default) else authority


def _tag_from_proxy_auth(value: bytes) -> str | None:
    """Our run tag, if this Proxy-Authorization is the Basic credential we handed out."""
    scheme, _, token = value.strip().partition(b" ")
    if scheme.lower() != b"basic":
        return None
    try:
        user = base64.b64decode(token.strip(), validate=True).split(b":", 1)[0].decode("ascii")
    except (ValueError, UnicodeDecodeError):
        return None
    return user if user.startswith(TAG_PREFIX) else None


def _read_line(rfile: BinaryIO) -> bytes:
    line = rfile.readline(_MAX_LINE + 1)
    if len(line) > _MAX_LINE:
        raise _BadRequest("line too long")
    return line


def _read_head(rfile: BinaryIO) -> tuple[bytes, list[tuple[bytes, bytes]]] | None:
    """Request line and raw header pairs; None on a clean close between requests."""
    line = _read_line(rfile)
    while line in (b"\r\n", b"\n"):  # tolerated leading empty lines (RFC 9112 2.2)
        line = _read_line(rfile)
    if not line:
        return None
    headers: list[tuple[bytes, bytes]] = []
    while True:
        raw = _read_line(rfile)
        if not raw:
            raise _BadRequest("connection closed inside the request head")
        if raw in (b"\r\n", b"\n"):
            break
        name, sep, value = raw.rstrip(b"\r\n").partition(b":")
        if not sep:
            raise _BadRequest(f"malformed header line {raw!r}")
        headers.append((name, value.strip(b" \t")))
        if len(headers) > _MAX_HEADERS:
            raise _BadRequest("too many headers")
    return line.rstrip(b"\r\n"), headers


def _header(headers: list[tuple[bytes, bytes]], name: bytes) -> bytes | None:
    for key, value in headers:
        if key.lower() == name:
            return value
    return None


def _read_exact(rfile: BinaryIO, size: int) -> bytes:
    data = rfile.read(size)
    if len(data) != size:
        raise _BadRequest(f"body truncated: {len(data)} of {size} bytes")
    return data


def _read_available(sock: socket.socket, rfile: io.BufferedReader, size: int | None) -> bytes:
    """Up to ``size`` bytes (None: unbounded), stopping early once the client goes quiet."""
    parts: list[bytes] = []
    got = 0
    sock.settimeout(_BODY_STALL if size is not None else _BODY_STALL_NO_LENGTH)
    try:
        while size is None or got < size:
            chunk = rfile.read1(1 << 16 if size is None else min(size - got, 1 << 16))
            if not chunk:
                break
            parts.append(chunk)
            got += len(chunk)
    except TimeoutError:
        pass  # the reader is unusable now, but the connection is closed after a framing error
    finally:
        sock.settimeout(_IDLE_TIMEOUT)
    return b"".join(parts)


def _read_chunked(rfile: BinaryIO) -> bytes:
    parts: list[bytes] = []
    while True:
        size_line = _read_line(rfile)
        try:
            size = int(size_line.split(b";", 1)[0].strip(), 16)
        except ValueError as exc:
            raise _BadRequest(f"bad chunk size {size_line!r}") from exc
        if size == 0:
            while _read_line(rfile) not in (b"\r\n", b"\n", b""):  # skip trailers
                pass
            return b"".join(parts)
        parts.append(_read_exact(rfile, size))
        _read_line(rfile)  # CRLF after the chunk


class _Handler(socketserver.BaseRequestHandler):
    """Serves one client connection: proxy requests, CONNECT tunnels, keep-alive."""

    server: _Server

    def handle(self) -> None:
        sock: socket.socket = self.request
        sock.settimeout(_IDLE_TIMEOUT)
        # small writes (100-continue, tunnel set-up, responses) must not wait for delayed ACKs
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        try:
            self._serve(sock, scheme="http", tunnel_authority=None, tag=None)
        except (_BadRequest, OSError, ssl.SSLError) as exc:
            if not isinstance(exc, TimeoutError | ConnectionResetError | BrokenPipeError):
                with self.server.store.lock:
                    self.server.store.errors.append(f"{type(exc).__name__}: {exc}")

    def _serve(
        self, sock: socket.socket, scheme: str, tunnel_authority: str | None, tag: str | None
    ) -> None:
        rfile = sock.makefile("rb")
        assert isinstance(rfile, io.BufferedReader)
        while True:
            head = _read_head(rfile)
            if head is None:
                return
            request_line, headers = head
            parts = request_line.split(b" ")
            if len(parts) != 3 or not parts[2].startswith(b"HTTP/1."):
                raise _BadRequest(f"bad request line {request_line!r}")
            method, raw_target, version = parts[0].decode("ascii", "replace"), parts[1], parts[2]

            proxy_auth = _header(headers, b"proxy-authorization")
            request_tag = tag
            if proxy_auth is not None and (found := _tag_from_proxy_auth(proxy_auth)) is not None:
                request_tag = found
                headers = [(n, v) for n, v in headers if n.lower() != b"proxy-authorization"]

            if method == "CONNECT" and tunnel_authority is None:
                sock.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
                authority_text = raw_target.decode("ascii", "replace")
                context = self.server.certificates.context(authority_text)
                tls = context.wrap_socket(sock, server_side=True)
                tunnel = _drop_default_port(authority_text, "https")
                self._serve(tls, scheme="https", tunnel_authority=tunnel, tag=request_tag)
                return

            record_scheme, authority, target = scheme, tunnel_authority, raw_target
            if tunnel_authority is None and b"://" in raw_target[:10]:
                # absolute-form: keep the path+query bytes exactly, only the origin is cut off
                url_scheme, _, rest = raw_target.partition(b"://")
                cut = min(
                    (i for i in (rest.find(b"/"), rest.find(b"?")) if i >= 0), default=len(rest)
                )
                host, path = rest[:cut], rest[cut:]
                record_scheme = url_scheme.decode("ascii", "replace").lower()
                authority = _drop_default_port(host.decode("ascii", "replace"), record_scheme)
                target = path if path.startswith(b"/") else b"/" + path
            if authority is None:  # origin-form sent straight to us (no proxy)
                authority = (_header(headers, b"host") or b"").decode("ascii", "replace")

            expect = _header(headers, b"expect")
            transfer = (_header(headers, b"transfer-encoding") or b"").lower()
            length = _header(headers, b"content-length")
            has_body = b"chunked" in transfer or (length is not None and length.strip() != b"0")
            if expect is not None and expect.lower() == b"100-continue" and has_body:
                sock.sendall(b"HTTP/1.1 100 Continue\r\n\r\n")
            framing_error = None
            if b"chunked" in transfer:
                body, chunked = _read_chunked(rfile), True
            elif length is not None:
                chunked = False
                try:
                    size: int | None = int(length.strip())
                except ValueError:
                    size, framing_error = None, f"invalid Content-Length {length!r}"
                body = _read_available(sock, rfile, size)
                if size is not None and len(body) != size:
                    framing_error = f"body ended after {len(body)} of {size} bytes (Content-Length)"
            else:
                body, chunked = b"", False

            echo_id = self.server.store.allocate()
            self.server.store.add(
                EchoRecord(
                    echo_id=echo_id,
                    tag=request_tag,
                    scheme=record_scheme,
                    authority=authority,
                    method=method,
                    target=target,
                    raw_target=raw_target,
                    http_version=version.decode("ascii"),
                    headers=tuple(headers),
                    body=body,
                    chunked=chunked,
                    framing_error=framing_error,
                )
            )
            connection = (_header(headers, b"connection") or b"").lower()
            close = (
                connection == b"close"
                or (version == b"HTTP/1.0" and connection != b"keep-alive")
                or framing_error is not None  # the next request's start is unknown
            )
            payload = json.dumps({"postgen_echo_id": echo_id}).encode()
            # HEAD gets Content-Length 0: `curl -X HEAD` would otherwise wait for a body forever
            content = b"" if method == "HEAD" else payload
            sock.sendall(
                b"HTTP/1.1 200 OK\r\n"
                b"Content-Type: application/json\r\n"
                + b"Content-Length: %d\r\n" % len(content)
                + b"X-Postgen-Echo-Id: %d\r\n" % echo_id
                + (b"Connection: close\r\n" if close else b"Connection: keep-alive\r\n")
                + b"\r\n"
                + content
            )
            if close:
                return


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128

    def __init__(self, certificates: HostCertificates) -> None:
        self.store = _Store()
        self.certificates = certificates
        super().__init__(("127.0.0.1", 0), _Handler)


class EchoProxy:
    """The running server: its address, proxy URLs for clients, and the records received."""

    def __init__(self, cert_dir: Path) -> None:
        self._certificates = HostCertificates(cert_dir)
        self._server = _Server(self._certificates)
        self._thread = threading.Thread(
            target=self._server.serve_forever, name="echo-proxy", daemon=True
        )

    @property
    def ca_cert(self) -> Path:
        """The CA (PEM) that issues the tunnels' certificates: ``SSL_CERT_FILE`` for httpx."""
        return self._certificates.ca_cert

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    def proxy_url(self, tag: str | None = None) -> str:
        """``http://127.0.0.1:PORT``, optionally carrying a run tag as proxy credentials."""
        if tag is None:
            return f"http://127.0.0.1:{self.port}"
        if not tag.startswith(TAG_PREFIX):
            raise ValueError(f"run tags must start with {TAG_PREFIX!r}: {tag!r}")
        return f"http://{tag}:x@127.0.0.1:{self.port}"

    def proxy_env(self, tag: str | None = None) -> dict[str, str]:
        """Every spelling of the proxy variables (curl reads only lower-case ``http_proxy``)."""
        url = self.proxy_url(tag)
        return {
            "HTTP_PROXY": url,
            "HTTPS_PROXY": url,
            "http_proxy": url,
            "https_proxy": url,
            "NO_PROXY": "",
            "no_proxy": "",
        }

    def record(self, echo_id: int) -> EchoRecord | None:
        with self._server.store.lock:
            return self._server.store.records.get(echo_id)

    def records_for_tag(self, tag: str) -> list[EchoRecord]:
        store = self._server.store
        with store.lock:
            return [store.records[i] for i in store.by_tag.get(tag, [])]

    @property
    def errors(self) -> list[str]:
        with self._server.store.lock:
            return list(self._server.store.errors)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)


@contextmanager
def running_echo_proxy(cert_dir: Path) -> Iterator[EchoProxy]:
    """Start the server on 127.0.0.1 for the duration of the block."""
    proxy = EchoProxy(cert_dir)
    proxy.start()
    try:
        yield proxy
    finally:
        proxy.stop()
