"""HTTP runtime of the oci_core client: base URL, retries, redirects and errors.

Every operation describes its request as a :class:`RequestSpec` and hands it to a
:class:`SyncRuntime` or an :class:`AsyncRuntime`. Both share every decision (``_Runtime``,
which does no I/O) and differ only in how they send and how they wait.

Retries. httpx retries only failed connects, so statuses are retried here: a connection
error (connect error or timeout, a connection reset or closed before the response), 429
and 5xx (except 501 and 505, which no retry can fix) are retried up to ``max_retries``
times with exponential backoff and full jitter, or after the Retry-After the server asked
for (seconds or an HTTP date, capped). Only safe requests are retried: GET, HEAD, PUT,
DELETE, OPTIONS and TRACE, and POST or PATCH that carry an idempotency token. Every
attempt sends the same bytes and the same token, and the auth signs each attempt afresh.
When the retries run out, the last response's :class:`ApiError` is raised, or httpx's own
exception (an ``httpx.TransportError``) when no response came.

Redirects. httpx is told never to follow them; 301, 302, 303, 307 and 308 are followed
here, up to ``MAX_REDIRECTS`` (then ``httpx.TooManyRedirects``). A redirect within the
origin (scheme, host and port) of the original request is signed afresh for the new URL.
Once a redirect leaves that origin, no later request carries credentials: the auth is not
applied, and Authorization, Proxy-Authorization and Cookie are removed, as is any header
the auth changed on the request before. Headers the auth adds (signatures, x-amz-*,
x-content-sha256, API keys) are never carried over, as each request is built from the
headers it had before it was signed. 303, and 301 or 302 after a POST, turn the request
into a bodiless GET, as browsers do.
"""

from __future__ import annotations

import email.utils
import math
import mimetypes
import os
import random
import re
import time
import uuid
from collections.abc import Awaitable, Callable, Mapping, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import UTC
from types import TracebackType
from typing import Any, Final, Self
from urllib.parse import quote

import httpx

from .errors import error_from_response

__all__ = ["MAX_REDIRECTS", "AsyncRuntime", "RequestSpec", "RetryPolicy", "SyncRuntime"]

MAX_REDIRECTS: Final = 10
"""How many redirects one request follows before ``httpx.TooManyRedirects``."""

_IDEMPOTENT_METHODS: Final = frozenset({"GET", "HEAD", "PUT", "DELETE", "OPTIONS", "TRACE"})
_TOKEN_METHODS: Final = frozenset({"POST", "PATCH"})
_NOT_RETRIED: Final = frozenset({501, 505})
_REDIRECTS: Final = frozenset({301, 302, 303, 307, 308})
_CREDENTIALS: Final = ("Authorization", "Proxy-Authorization", "Cookie")
_BODY_HEADERS: Final = (
    "Content-Length",
    "Content-Type",
    "Content-Encoding",
    "Content-Language",
    "Content-Location",
    "Transfer-Encoding",
)
_DEFAULT_PORTS: Final = {"http": 80, "https": 443}
# Failures before a (complete) response: connection refused or reset, closed early.
_RETRIED_ERRORS: Final = (httpx.NetworkError, httpx.ConnectTimeout, httpx.RemoteProtocolError)
_NO_AUTH: Final = httpx.Auth()  # httpx's base class adds nothing
_UNSENDABLE: Final = re.compile(r"[^\x21-\x7e]")  # not allowed raw in a request target
# auth.AUTH_SCHEME and auth.AUTH_SETTINGS, spelled out: importing auth.py costs cryptography.
_AUTH_SCHEME: Final = "postgen.auth"
_AUTH_SETTINGS: Final = "postgen.auth_settings"


@dataclass(frozen=True, slots=True)
class RequestSpec:
    """One request of an operation, as the operation code describes it.

    ``path`` follows the base URL, already percent-encoded, and is sent as written (``.``
    and ``..`` segments included); ``params`` are sent in order, repeated keys included, and
    encoded here. ``content`` is the raw body; ``data`` a urlencoded form; ``files``
    multipart parts (``data`` then adds text parts; a file name of ``""`` is sent as such).
    ``omit_headers`` names default headers (``user-agent``, ``accept``...) not to send.
    ``idempotency_header`` names the header that carries the operation's idempotency token
    (``opc-retry-token``, ``Idempotency-Key``): one is generated when the caller gave none.
    ``sign_body=False`` asks the signer to leave the body out of the signature.
    ``error_models`` maps a status (``"404"``, ``"4XX"``, ``"default"``) to the pydantic
    model of its error body. ``origin`` is the request's own base URL when the collection
    sends it elsewhere than the client's; ``authenticate=False`` sends it without the
    client's auth (Postman's ``noauth``). ``auth`` names the operation's auth scheme and
    ``auth_settings`` the signer settings the collection fixes for it; both go to the signer
    as request extensions (``auth.AUTH_SCHEME``, ``auth.AUTH_SETTINGS``).
    """

    method: str
    path: str
    params: Sequence[tuple[str, str]] = ()
    headers: Sequence[tuple[str, str]] = ()
    content: bytes | None = None
    data: Mapping[str, str] | None = None
    files: Sequence[tuple[str, tuple[str | None, bytes, str | None]]] | None = None
    idempotency_header: str | None = None
    sign_body: bool = True
    error_models: Mapping[str, Any] = field(default_factory=dict)
    origin: str | None = None
    authenticate: bool = True
    omit_headers: Sequence[str] = ()
    auth: str | None = None
    auth_settings: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """How long to wait before a retry: exponential backoff with full jitter.

    The n-th retry (from 0) waits a random time up to ``min(cap, base * 2**n)`` seconds,
    or what the response's Retry-After asks for, at most ``max_retry_after`` seconds.
    """

    base: float = 0.5
    cap: float = 20.0
    max_retry_after: float = 60.0

    def delay(self, retry: int, response: httpx.Response | None) -> float:
        """Seconds to wait before retry number ``retry`` (from 0)."""
        if response is not None:
            asked = _retry_after(response.headers.get("Retry-After"), time.time())
            if asked is not None:
                return min(asked, self.max_retry_after)
        return random.uniform(0.0, min(self.cap, self.base * 2.0 ** min(retry, 64)))


def _retry_after(value: str | None, now: float) -> float | None:
    """The seconds a Retry-After value asks for (a number or an HTTP date), else None."""
    if value is None:
        return None
    try:
        seconds = float(value)
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
        if when.tzinfo is None:  # "-0000": a UTC time
            when = when.replace(tzinfo=UTC)
        seconds = when.timestamp() - now
    return max(seconds, 0.0) if math.isfinite(seconds) else None


@dataclass(frozen=True, slots=True)
class _Hop:
    """One request of a redirect chain, as it is before the auth signs it."""

    method: str
    url: httpx.URL
    headers: httpx.Headers  # never changed: each use copies it
    content: bytes
    extensions: Mapping[str, Any]
    signed: bool

    def request(self) -> httpx.Request:
        return httpx.Request(
            self.method,
            self.url,
            headers=self.headers,
            content=self.content,
            extensions=dict(self.extensions),
        )


def _origin(url: httpx.URL) -> tuple[str, str, int | None]:
    return url.scheme, url.host, url.port or _DEFAULT_PORTS.get(url.scheme)


def _next_hop(hop: _Hop, response: httpx.Response) -> _Hop | None:
    """The request a redirect asks for, or None when ``response`` is not one to follow."""
    location = response.headers.get("Location")
    if response.status_code not in _REDIRECTS or location is None:
        return None
    try:
        url = hop.url.join(location).copy_with(fragment=None)
    except httpx.InvalidURL as error:
        raise httpx.RemoteProtocolError(
            f"invalid Location in redirect: {error}", request=response.request
        ) from None
    headers = httpx.Headers(hop.headers)
    headers.pop("Host", None)  # httpx sets it from the new URL
    method, content = hop.method, hop.content
    to_get = response.status_code == 303 and method != "HEAD"
    if to_get or (response.status_code in (301, 302) and method == "POST"):
        method, content = "GET", b""
        for name in _BODY_HEADERS:
            headers.pop(name, None)
    signed = hop.signed and _origin(url) == _origin(hop.url)
    if not signed:
        sent = response.request.headers
        for name in {*_CREDENTIALS, *(n for n in headers if headers[n] != sent.get(n))}:
            headers.pop(name, None)
    return _Hop(method, url, headers, content, hop.extensions, signed)


def _as_written(text: str) -> httpx.URL:
    """``text`` as a URL whose path goes out as written.

    httpx removes ``.`` and ``..`` segments and percent-encodes more than Postman does (``"``),
    even through ``copy_with(raw_path=...)``; the server must get, and a signer sign
    (``request.url.raw_path``), the path as written. So the parsed path is replaced by it,
    in httpx's parse result (a named tuple), but for what HTTP cannot carry (controls,
    spaces, non-ASCII), which is percent-encoded. Any other httpx sends its own path.
    """
    url = httpx.URL(text)
    _, scheme, rest = text.partition("://")
    start = rest.find("/")
    if not scheme or start < 0:
        return url
    path = _UNSENDABLE.sub(lambda m: quote(m.group(), safe=""), rest[start:].partition("?")[0])
    try:
        parsed = url._uri_reference
        if parsed.path != path:
            url._uri_reference = parsed._replace(path=path)
    except AttributeError:
        pass
    return url


def _multipart(
    parts: Sequence[tuple[str, tuple[str | None, bytes, str | None]]],
) -> tuple[bytes, str]:
    """A multipart/form-data body and its Content-Type.

    Encoded here, not by httpx, which leaves an empty file name out: Postman, like a
    browser, sends ``filename=""`` for a file field without a file, and servers read that
    as "no file chosen". A file part without a Content-Type gets its file name's.
    """
    boundary = uuid.uuid4().hex
    chunks: list[bytes] = []
    for name, (filename, content, content_type) in parts:
        head = f'--{boundary}\r\nContent-Disposition: form-data; name="{_quoted(name)}"'
        if filename is not None:
            head += f'; filename="{_quoted(filename)}"'
            if content_type is None and filename:
                content_type = mimetypes.guess_type(filename)[0] or "application/octet-stream"
        if content_type is not None:
            head += f"\r\nContent-Type: {content_type}"
        chunks += [head.encode("utf-8"), b"\r\n\r\n", content, b"\r\n"]
    chunks.append(f"--{boundary}--\r\n".encode("ascii"))
    return b"".join(chunks), f"multipart/form-data; boundary={boundary}"


def _quoted(value: str) -> str:
    """A form-data parameter value, escaped as browsers escape it."""
    return value.replace("\r", "%0D").replace("\n", "%0A").replace('"', "%22")


def _retryable(status: int) -> bool:
    return status == 429 or (500 <= status < 600 and status not in _NOT_RETRIED)


class _Runtime:
    """What both runtimes share: every decision, no I/O."""

    def __init__(
        self,
        *,
        base_url: str | None,
        env_var: str,
        default_base_url: str,
        auth: httpx.Auth | None,
        max_retries: int,
        headers: Mapping[str, str] | None,
        retry_policy: RetryPolicy | None,
    ) -> None:
        # A base URL the caller gives loses a trailing "/" (every path starts with one); the
        # collection's default is used as written, as Postman sends it: a base variable
        # https://h/ before /x goes to https://h//x.
        given = base_url or os.environ.get(env_var)
        chosen = given.rstrip("/") if given else default_base_url
        if not chosen:
            raise ValueError(f"no base URL: pass base_url= or set {env_var}")
        if max_retries < 0:
            raise ValueError(f"max_retries must be 0 or more, not {max_retries}")
        self._base_url = chosen
        self._auth = auth
        self._max_retries = max_retries
        self._headers = tuple((headers or {}).items())
        self._policy = retry_policy or RetryPolicy()
        self._last: ContextVar[httpx.Response | None] = ContextVar(
            f"{__name__}.last_response", default=None
        )

    @property
    def base_url(self) -> str:
        """The base URL requests go to: the argument, else the env var (either without a
        trailing "/"), else the default (as written)."""
        return self._base_url

    @property
    def last_response(self) -> httpx.Response | None:
        """The last response the latest ``send`` of this thread or task received."""
        return self._last.get()

    def _url(self, spec: RequestSpec) -> httpx.URL:
        base, _, query = (spec.origin or self._base_url).partition("?")
        url = base + spec.path
        # httpx's encoding, one pair at a time: httpx.QueryParams would group repeated keys.
        pairs = [query] if query else []
        pairs += (str(httpx.QueryParams([pair])) for pair in spec.params)
        return _as_written(f"{url}?{'&'.join(pairs)}" if pairs else url)

    def _request(
        self, client: httpx.Client | httpx.AsyncClient, spec: RequestSpec
    ) -> httpx.Request:
        """The request ``spec`` describes, as it is before the auth signs it."""
        headers = self._headers_of(spec)
        content, data = spec.content, spec.data
        if spec.files is not None:
            texts = [(k, (None, v.encode("utf-8"), None)) for k, v in (data or {}).items()]
            content, content_type = _multipart([*texts, *spec.files])
            headers = [(k, v) for k, v in headers if k.lower() != "content-type"]
            headers.append(("Content-Type", content_type))
            data = None
        request = client.build_request(
            spec.method,
            self._url(spec),
            headers=headers,
            content=content,
            data=data,
            extensions=self._extensions_of(spec),
        )
        given = {name.lower() for name, _ in headers}
        for name in spec.omit_headers:
            if name.lower() not in given:
                request.headers.pop(name, None)
        return request

    def _headers_of(self, spec: RequestSpec) -> list[tuple[str, str]]:
        given = {name.lower() for name, _ in spec.headers}
        headers = [(n, v) for n, v in self._headers if n.lower() not in given]
        headers += spec.headers
        token = spec.idempotency_header
        if token is not None and token.lower() not in given:
            headers.append((token, uuid.uuid4().hex))
        return headers

    def _extensions_of(self, spec: RequestSpec) -> dict[str, Any]:
        extensions: dict[str, Any] = {} if spec.sign_body else {"oci.sign_body": False}
        if spec.auth is not None:
            extensions[_AUTH_SCHEME] = spec.auth
        if spec.auth_settings:
            extensions[_AUTH_SETTINGS] = dict(spec.auth_settings)
        return extensions

    def _retries_for(self, spec: RequestSpec) -> int:
        method = spec.method.upper()
        safe = method in _IDEMPOTENT_METHODS
        if method in _TOKEN_METHODS and spec.idempotency_header is not None:
            safe = True
        return self._max_retries if safe else 0

    def _first_hop(self, request: httpx.Request, content: bytes, signed: bool) -> _Hop:
        headers = httpx.Headers(request.headers)
        return _Hop(request.method, request.url, headers, content, request.extensions, signed)

    def _auth_of(self, hop: _Hop) -> httpx.Auth | None:
        # None: no auth but credentials in the URL; httpx.Auth(): none at all.
        return self._auth if hop.signed else _NO_AUTH

    def _finish(self, spec: RequestSpec, response: httpx.Response) -> httpx.Response:
        if response.status_code >= 400:
            raise error_from_response(response, spec.error_models)
        return response


class SyncRuntime(_Runtime):
    """Sends requests with an ``httpx.Client``; usable from many threads at once.

    ``timeout`` configures the client made here; a client passed as ``http_client`` keeps
    its own settings and stays open when the runtime closes. ``retry_policy`` and
    ``sleep`` tune how retries wait.
    """

    def __init__(
        self,
        *,
        base_url: str | None,
        env_var: str,
        default_base_url: str,
        auth: httpx.Auth | None = None,
        timeout: float | httpx.Timeout | None = 60.0,
        max_retries: int = 3,
        http_client: httpx.Client | None = None,
        headers: Mapping[str, str] | None = None,
        retry_policy: RetryPolicy | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        super().__init__(
            base_url=base_url,
            env_var=env_var,
            default_base_url=default_base_url,
            auth=auth,
            max_retries=max_retries,
            headers=headers,
            retry_policy=retry_policy,
        )
        self._owns_client = http_client is None
        self._client = http_client or httpx.Client(timeout=timeout)
        if auth is None:
            self._auth = self._client.auth  # a client passed in may bring its own
        self._sleep = sleep

    def send(self, spec: RequestSpec) -> httpx.Response:
        """Send ``spec``, retrying and following redirects; raise ApiError for status >= 400."""
        self._last.set(None)
        request = self._request(self._client, spec)
        first = self._first_hop(request, request.read(), spec.authenticate)
        retries = self._retries_for(spec)
        retry = 0
        while True:
            try:
                response = self._follow(first)
            except _RETRIED_ERRORS:
                if retry >= retries:
                    raise
                self._sleep(self._policy.delay(retry, None))
            else:
                if retry >= retries or not _retryable(response.status_code):
                    return self._finish(spec, response)
                self._sleep(self._policy.delay(retry, response))
            retry += 1

    def _follow(self, hop: _Hop) -> httpx.Response:
        for _ in range(MAX_REDIRECTS + 1):
            response = self._client.send(
                hop.request(), auth=self._auth_of(hop), follow_redirects=False
            )
            self._last.set(response)
            following = _next_hop(hop, response)
            if following is None:
                return response
            hop = following
        raise httpx.TooManyRedirects(
            f"more than {MAX_REDIRECTS} redirects", request=response.request
        )

    def close(self) -> None:
        """Close the HTTP client, unless it was passed in."""
        if self._owns_client:
            self._client.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


async def _asyncio_sleep(seconds: float) -> None:
    """``asyncio.sleep``, imported when a retry first waits: importing asyncio would cost
    importing the SDK more than this whole module does."""
    import asyncio

    await asyncio.sleep(seconds)


class AsyncRuntime(_Runtime):
    """Sends requests with an ``httpx.AsyncClient``; each task sees its own last response.

    ``timeout`` configures the client made here; a client passed as ``http_client`` keeps
    its own settings and stays open when the runtime closes. ``retry_policy`` and
    ``sleep`` (by default ``asyncio.sleep``) tune how retries wait.
    """

    def __init__(
        self,
        *,
        base_url: str | None,
        env_var: str,
        default_base_url: str,
        auth: httpx.Auth | None = None,
        timeout: float | httpx.Timeout | None = 60.0,
        max_retries: int = 3,
        http_client: httpx.AsyncClient | None = None,
        headers: Mapping[str, str] | None = None,
        retry_policy: RetryPolicy | None = None,
        sleep: Callable[[float], Awaitable[None]] | None = None,
    ) -> None:
        super().__init__(
            base_url=base_url,
            env_var=env_var,
            default_base_url=default_base_url,
            auth=auth,
            max_retries=max_retries,
            headers=headers,
            retry_policy=retry_policy,
        )
        self._owns_client = http_client is None
        self._client = http_client or httpx.AsyncClient(timeout=timeout)
        if auth is None:
            self._auth = self._client.auth  # a client passed in may bring its own
        self._sleep = sleep or _asyncio_sleep

    async def send(self, spec: RequestSpec) -> httpx.Response:
        """Send ``spec``, retrying and following redirects; raise ApiError for status >= 400."""
        self._last.set(None)
        request = self._request(self._client, spec)
        first = self._first_hop(request, await request.aread(), spec.authenticate)
        retries = self._retries_for(spec)
        retry = 0
        while True:
            try:
                response = await self._follow(first)
            except _RETRIED_ERRORS:
                if retry >= retries:
                    raise
                await self._sleep(self._policy.delay(retry, None))
            else:
                if retry >= retries or not _retryable(response.status_code):
                    return self._finish(spec, response)
                await self._sleep(self._policy.delay(retry, response))
            retry += 1

    async def _follow(self, hop: _Hop) -> httpx.Response:
        for _ in range(MAX_REDIRECTS + 1):
            response = await self._client.send(
                hop.request(), auth=self._auth_of(hop), follow_redirects=False
            )
            self._last.set(response)
            following = _next_hop(hop, response)
            if following is None:
                return response
            hop = following
        raise httpx.TooManyRedirects(
            f"more than {MAX_REDIRECTS} redirects", request=response.request
        )

    async def aclose(self) -> None:
        """Close the HTTP client, unless it was passed in."""
        if self._owns_client:
            await self._client.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.aclose()
