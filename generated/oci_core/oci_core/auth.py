"""Request signers: each one an ``httpx.Auth`` that serves ``Client`` and ``AsyncClient`` alike.

Pass one as ``auth=`` to the client (or to ``httpx`` directly)::

    client = Client(auth=OciSigner.from_config())
    client = Client(auth=AwsSigV4.from_env(service="execute-api"))
    client = Client(auth=Basic("alice", "s3cret"))

The schemes sign exactly as Postman's own auth handlers do (postman-runtime 7.39), and OCI
as Oracle's SDKs do; where this module departs from Postman, the class says so and why.
Signers do no I/O of their own and never log; their ``repr`` hides every secret. Signing
time comes from the request's ``Date`` (OCI) or ``X-Amz-Date`` header when it has one, so a
request can be replayed or tested with a fixed clock.
"""

from __future__ import annotations

import base64
import configparser
import copy
import email.utils
import hashlib
import hmac
import itertools
import os
import re
import secrets
import string
import time
from collections.abc import AsyncGenerator, Generator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, ClassVar, Final, Self
from urllib.parse import quote, unquote, unquote_plus
from urllib.request import parse_http_list, parse_keqv_list

import httpx
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

__all__ = [
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

AUTH_SCHEME: Final = "postgen.auth"
"""Request extension the client sets: the auth scheme of the operation (``oci``, ``basic``, ...),
which :class:`AuthByScheme` signs with."""
AUTH_SETTINGS: Final = "postgen.auth_settings"
"""Request extension the client sets: the signer settings the collection fixes for that one
request (an AWS service, an OAuth 1 signature method, an API key's name, ...)."""

_ALPHANUMERIC: Final = string.ascii_letters + string.digits
_EMPTY_SHA256: Final = hashlib.sha256(b"").hexdigest()


class AuthConfigError(ValueError):
    """Credentials that cannot be used: a missing setting, an unreadable or unusable key."""


def _rfc3986(text: str) -> str:
    """Percent-encode (UTF-8) all but RFC 3986's unreserved characters ``A-Za-z0-9-._~``."""
    return quote(text, safe="")


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _random_alphanumeric(length: int) -> str:
    return "".join(secrets.choice(_ALPHANUMERIC) for _ in range(length))


def _target(request: httpx.Request) -> str:
    """The request target exactly as sent: path, then ``?`` and the query if there is one."""
    return request.url.raw_path.decode("ascii")


def _decode_form(text: str) -> list[tuple[str, str | None]]:
    """``application/x-www-form-urlencoded`` pairs in order (``+`` is a space); a piece with
    no ``=`` has the value None."""
    pairs: list[tuple[str, str | None]] = []
    for piece in text.split("&"):
        if piece:
            name, equals, value = piece.partition("=")
            pairs.append((unquote_plus(name), unquote_plus(value) if equals else None))
    return pairs


def _media_type(request: httpx.Request) -> str:
    """The Content-Type without parameters, lower-cased ("" when there is none)."""
    content_type: str = request.headers.get("content-type", "")
    return content_type.split(";")[0].strip().lower()


def _buffered_body(request: httpx.Request) -> bytes:
    """The body, read into memory by httpx (``requires_request_body``), sent with an exact
    Content-Length: a signature covers a known length, not a chunked stream."""
    body = request.content
    if "transfer-encoding" in request.headers:
        del request.headers["transfer-encoding"]
        request.headers["content-length"] = str(len(body))
    return body


def _load_rsa_key(pem: str | bytes, passphrase: str | bytes | None, what: str) -> rsa.RSAPrivateKey:
    """An RSA private key from PEM (PKCS#1 or PKCS#8, optionally passphrase-encrypted)."""
    data = pem.encode() if isinstance(pem, str) else pem
    password = passphrase.encode("utf-8") if isinstance(passphrase, str) else passphrase
    try:
        key = serialization.load_pem_private_key(data, password)
    except TypeError:
        if password is None:
            raise AuthConfigError(f"the {what} is encrypted: give its passphrase") from None
        # A passphrase for a key that has none, as the OCI SDK allows (it often comes from a
        # config file's DEFAULT profile).
        return _load_rsa_key(data, None, what)
    except ValueError:
        raise AuthConfigError(
            f"the {what} is not a PEM private key, or its passphrase is wrong"
        ) from None
    if not isinstance(key, rsa.RSAPrivateKey):
        raise AuthConfigError(f"the {what} must be an RSA key")
    return key


class _Signer(httpx.Auth):
    """What every scheme shares: a ``repr`` that shows settings and hides secrets, and the
    per-request settings.

    A collection fixes some settings per request (Postman stores the auth with each request):
    the client passes them in the request's :data:`AUTH_SETTINGS` extension and the request
    is signed by a copy of the signer with those settings (``_settings`` names the public
    attributes a request may set; credentials are never among them).
    """

    _shown: ClassVar[tuple[str, ...]] = ()
    _hidden: ClassVar[tuple[str, ...]] = ()
    _settings: ClassVar[frozenset[str]] = frozenset()

    def __repr__(self) -> str:
        parts = [f"{name}={getattr(self, name)!r}" for name in self._shown]
        parts += [f"{name}=<hidden>" for name in self._hidden]
        return f"{type(self).__name__}({', '.join(parts)})"

    def with_settings(self, settings: Mapping[str, Any]) -> Self:
        """This signer with ``settings`` (attribute name -> value) applied, those it takes."""
        chosen = {name: value for name, value in settings.items() if name in self._settings}
        if not chosen:
            return self
        signer = copy.copy(self)
        for name, value in chosen.items():
            setattr(signer, name, value)
        signer._check()
        return signer

    def _check(self) -> None:
        """Normalise the settings, or raise ValueError for ones this scheme cannot sign with."""

    def _for(self, request: httpx.Request) -> Self:
        settings = request.extensions.get(AUTH_SETTINGS)
        return self.with_settings(settings) if settings else self

    def sync_auth_flow(
        self, request: httpx.Request
    ) -> Generator[httpx.Request, httpx.Response, None]:
        return httpx.Auth.sync_auth_flow(self._for(request), request)

    def async_auth_flow(
        self, request: httpx.Request
    ) -> AsyncGenerator[httpx.Request, httpx.Response]:
        return httpx.Auth.async_auth_flow(self._for(request), request)


class AuthByScheme(httpx.Auth):
    """One signer per auth scheme, for an API whose requests use several.

    Each request is signed by the signer of its operation's scheme, which the client names
    in the request's :data:`AUTH_SCHEME` extension (the manifest's ``auth``: ``basic``,
    ``oauth1``, ``awsv4``, ...). A request whose scheme has no signer here is sent as it
    is, as Postman sends a request whose credentials are empty::

        client = Client(auth=AuthByScheme(basic=Basic("u", "p"), apikey=ApiKey("X-Key", k)))
    """

    def __init__(
        self, signers: Mapping[str, httpx.Auth | None] | None = None, **by_scheme: httpx.Auth | None
    ) -> None:
        merged = {**(signers or {}), **by_scheme}
        self.signers = {scheme: auth for scheme, auth in merged.items() if auth is not None}

    def __repr__(self) -> str:
        return f"AuthByScheme({self.signers!r})"

    def _signer(self, request: httpx.Request) -> httpx.Auth | None:
        return self.signers.get(request.extensions.get(AUTH_SCHEME, ""))

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        signer = self._signer(request)
        if signer is None:
            yield request
            return
        yield from signer.auth_flow(request)

    def sync_auth_flow(
        self, request: httpx.Request
    ) -> Generator[httpx.Request, httpx.Response, None]:
        signer = self._signer(request)
        if signer is None:
            yield request
            return
        yield from signer.sync_auth_flow(request)

    async def async_auth_flow(
        self, request: httpx.Request
    ) -> AsyncGenerator[httpx.Request, httpx.Response]:
        signer = self._signer(request)
        if signer is None:
            yield request
            return
        flow = signer.async_auth_flow(request)
        outgoing = await flow.__anext__()
        while True:
            response = yield outgoing
            try:
                outgoing = await flow.asend(response)
            except StopAsyncIteration:
                return


class Basic(_Signer):
    """HTTP Basic: ``Authorization: Basic base64(username:password)``, UTF-8.

    As in Postman it is always applied, also with empty credentials (``Basic Og==``), and
    replaces any Authorization header the request has.
    """

    _shown = ("username",)
    _hidden = ("password",)

    def __init__(self, username: str | None, password: str | None) -> None:
        self.username = username or ""
        self._password = password or ""

    def sign(self, request: httpx.Request) -> None:
        """Set the Authorization header of ``request``."""
        credentials = f"{self.username}:{self._password}".encode()
        request.headers["Authorization"] = f"Basic {_b64(credentials)}"

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        self.sign(request)
        yield request


class Bearer(_Signer):
    """``Authorization: Bearer <token>``, replacing any Authorization header.

    As in Postman, an empty token adds nothing and leaves the request as it is.
    """

    _hidden = ("token",)

    def __init__(self, token: str | None) -> None:
        self._token = token or ""

    def sign(self, request: httpx.Request) -> None:
        """Set the Authorization header of ``request`` (unless the token is empty)."""
        if self._token:
            request.headers["Authorization"] = f"Bearer {self._token}"

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        self.sign(request)
        yield request


def _replace_query_param(request: httpx.Request, name: str, value: str) -> None:
    """Remove the query parameters named ``name`` and append ``name=value`` (RFC 3986)."""
    path, _, query = _target(request).partition("?")
    pieces = [p for p in query.split("&") if p and unquote(p.split("=")[0]) != name]
    pieces.append(f"{_rfc3986(name)}={_rfc3986(value)}")
    request.url = request.url.copy_with(raw_path=f"{path}?{'&'.join(pieces)}".encode("ascii"))


class OAuth2(_Signer):
    """An OAuth 2.0 access token, attached as Postman's ``oauth2`` auth does (getting the
    token is up to you: Postman's runtime does not fetch one either).

    ``add_token_to`` is ``"header"`` (``Authorization: <header_prefix> <token>``, the prefix
    trimmed, the bare token when it is empty) or ``"queryParams"`` (``access_token=<token>``
    replaces any ``access_token`` parameter). Any Authorization header is removed in both
    modes; an empty token changes nothing.
    """

    _shown = ("add_token_to", "header_prefix")
    _hidden = ("access_token",)
    _settings = frozenset({"add_token_to", "header_prefix"})

    def __init__(
        self,
        access_token: str | None,
        *,
        header_prefix: str = "Bearer",
        add_token_to: str = "header",
    ) -> None:
        self._access_token = access_token or ""
        self.header_prefix = header_prefix
        self.add_token_to = add_token_to

    def sign(self, request: httpx.Request) -> None:
        """Add the token to ``request``."""
        if not self._access_token:
            return
        request.headers.pop("Authorization", None)
        if self.add_token_to == "queryParams":
            _replace_query_param(request, "access_token", self._access_token)
            return
        prefix = (self.header_prefix or "").strip()
        token = self._access_token
        request.headers["Authorization"] = f"{prefix} {token}" if prefix else token

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        self.sign(request)
        yield request


_WORD: Final = re.compile(r"[A-Z]{2,}(?=[A-Z][a-z]|[^A-Za-z]|$)|[A-Z]?[a-z]+|[A-Z]+|[0-9]+")


def _words_lower(name: str) -> str:
    """A header name the way Postman compares API key headers (lodash ``lowerCase``): its
    words, lower-cased, so ``X-API-Key``, ``x_api_key`` and ``xApiKey`` are one name."""
    return " ".join(word.lower() for word in _WORD.findall(name))


class ApiKey(_Signer):
    """An API key in a header or the query string, as Postman's ``apikey`` auth.

    ``location`` is ``"header"`` or ``"query"`` (anything else means header, as in Postman).
    Nothing is added when both name and value are empty. In a header, every existing header
    that names the same words (``X-API-Key``, ``x_api_key``, ``xApiKey``) is replaced. In the
    query, parameters with exactly this name are removed and ``name=value`` is appended.

    Unlike Postman, which sends the appended parameter mostly unencoded, it is sent
    percent-encoded (RFC 3986), so that a ``+`` or ``&`` in a key reaches the server intact.
    """

    _shown = ("name", "location")
    _hidden = ("value",)
    _settings = frozenset({"name", "location"})

    def __init__(self, name: str, value: str | None, location: str = "header") -> None:
        self.name = name or ""
        self._value = value or ""
        self.location = location
        self._check()

    def _check(self) -> None:
        self.location = "query" if self.location == "query" else "header"

    def sign(self, request: httpx.Request) -> None:
        """Add the key to ``request``."""
        if not (self.name or self._value):
            return
        if self.location == "header":
            words = _words_lower(self.name)
            # As sent: the names' case marks word boundaries (``xApiKey``).
            names = [name.decode("latin-1") for name, _ in request.headers.raw]
            for name in names:
                if _words_lower(name) == words:
                    request.headers.pop(name, None)
            request.headers[self.name] = self._value
            return
        _replace_query_param(request, self.name, self._value)

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        self.sign(request)
        yield request


class AuthHook(_Signer):
    """The place for an auth scheme the generated client cannot sign by itself.

    Subclass it, implement :meth:`sign` to add credentials to the request (its body is
    already read: ``request.content``), and pass an instance as ``auth=``. Override
    ``auth_flow`` instead for schemes that need a response first (challenges, handshakes).
    An unfilled hook refuses to send anything, so no request goes out silently unsigned.
    """

    requires_request_body = True
    _shown = ("scheme",)

    def __init__(self, scheme: str = "custom") -> None:
        self.scheme = scheme

    def sign(self, request: httpx.Request) -> None:
        """Add the credentials to ``request``; a subclass must implement it."""
        raise NotImplementedError(
            f"{type(self).__name__} cannot sign requests: this API uses {self.scheme!r} auth, "
            "which the generated client does not implement. Subclass AuthHook, implement "
            "sign(request) to add the credentials, and pass an instance as auth=."
        )

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        self.sign(request)
        yield request


@dataclass(frozen=True, slots=True)
class OciSignature:
    """What :meth:`OciSigner.sign` signed: the header names, the signing string and results."""

    signed_headers: tuple[str, ...]
    signing_string: str
    signature: str
    authorization: str


class OciSigner(_Signer):
    """Oracle Cloud Infrastructure request signatures (HTTP Signatures, ``rsa-sha256``).

    ``key_id`` is ``<tenancy OCID>/<user OCID>/<key fingerprint>``; the key is PEM (PKCS#1 or
    PKCS#8), optionally encrypted with ``passphrase``. GET, HEAD and DELETE sign
    ``date (request-target) host``; POST, PUT and PATCH also sign ``content-length``,
    ``content-type`` (``application/json`` when the request has none) and
    ``x-content-sha256``, which is set to the body's SHA-256. Uploads whose body is not
    signed (Object Storage PutObject, UploadPart, ...) carry
    ``request.extensions["oci.sign_body"] = False`` and sign only the first three.

    Headers and the Authorization value are those of Oracle's Python SDK
    (``oci.signer.Signer``), byte for byte. The one difference: an ``x-content-sha256`` the
    request already has is recomputed rather than trusted, since the body is at hand.
    """

    requires_request_body = True
    GENERIC_HEADERS: ClassVar[tuple[str, ...]] = ("date", "(request-target)", "host")
    BODY_HEADERS: ClassVar[tuple[str, ...]] = ("content-length", "content-type", "x-content-sha256")
    _BODY_METHODS: ClassVar[frozenset[str]] = frozenset({"post", "put", "patch"})
    _METHODS: ClassVar[frozenset[str]] = frozenset(
        {"get", "head", "delete", "post", "put", "patch"}
    )
    _shown = ("key_id",)
    _hidden = ("private_key",)

    def __init__(
        self, key_id: str, private_key_pem: str | bytes, passphrase: str | bytes | None = None
    ) -> None:
        self.key_id = key_id
        self._private_key = _load_rsa_key(private_key_pem, passphrase, "OCI API signing key")

    @classmethod
    def from_config(
        cls, path: str | os.PathLike[str] = "~/.oci/config", profile: str = "DEFAULT"
    ) -> OciSigner:
        """The signer of a profile of an OCI config file, read as the OCI SDK and CLI do.

        Uses ``tenancy``, ``user``, ``fingerprint``, ``key_file`` and ``pass_phrase``; a
        profile inherits what it lacks from ``[DEFAULT]``.
        """
        file = Path(path).expanduser()
        parser = configparser.ConfigParser(interpolation=None)
        try:
            found = parser.read(file, encoding="utf-8")
        except (OSError, UnicodeDecodeError, configparser.Error) as error:
            raise AuthConfigError(f"{file}: cannot read the OCI config file: {error}") from None
        if not found:
            raise AuthConfigError(f"{file}: no OCI config file here")
        if profile != parser.default_section and not parser.has_section(profile):
            raise AuthConfigError(f"{file}: no profile [{profile}]")
        section = parser[profile]
        needed = ("tenancy", "user", "fingerprint", "key_file")
        missing = [name for name in needed if not section.get(name)]
        if missing:
            raise AuthConfigError(f"{file}: profile [{profile}] lacks {', '.join(missing)}")
        key_file = Path(section["key_file"]).expanduser()
        try:
            pem = key_file.read_bytes()
        except OSError as error:
            raise AuthConfigError(f"{file}: cannot read key_file {key_file}: {error}") from None
        key_id = f"{section['tenancy']}/{section['user']}/{section['fingerprint']}"
        return cls(key_id, pem, section.get("pass_phrase") or None)

    def sign(self, request: httpx.Request) -> OciSignature:
        """Add ``date`` (unless present), the body headers and ``authorization`` to ``request``."""
        method = request.method.lower()
        if method not in self._METHODS:
            raise ValueError(f"OCI does not define how to sign a {request.method} request")
        headers = request.headers
        if "date" not in headers:
            headers["date"] = email.utils.formatdate(usegmt=True)
        if "host" not in headers:
            headers["host"] = request.url.netloc.decode("ascii")
        names = self.GENERIC_HEADERS
        if method in self._BODY_METHODS and request.extensions.get("oci.sign_body") is not False:
            body = _buffered_body(request)
            headers["x-content-sha256"] = _b64(hashlib.sha256(body).digest())
            headers["content-length"] = str(len(body))
            headers.setdefault("content-type", "application/json")
            names += self.BODY_HEADERS
        target = f"{method} {_target(request)}"
        lines = [
            f"{name}: {target if name == '(request-target)' else headers[name]}" for name in names
        ]
        signing_string = "\n".join(lines)
        raw = self._private_key.sign(signing_string.encode(), padding.PKCS1v15(), hashes.SHA256())
        signature = _b64(raw)
        authorization = (
            f'Signature algorithm="rsa-sha256",headers="{" ".join(names)}",'
            f'keyId="{self.key_id}",signature="{signature}",version="1"'
        )
        headers["authorization"] = authorization
        return OciSignature(names, signing_string, signature, authorization)

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        self.sign(request)
        yield request


@dataclass(frozen=True, slots=True)
class AwsSignature:
    """What :meth:`AwsSigV4.sign` signed, in the terms of the SigV4 documentation."""

    canonical_request: str
    string_to_sign: str
    signed_headers: str
    signature: str
    authorization: str


_AMZ_DATE: Final = re.compile(r"\d{8}T\d{6}Z")


def _aws_path(path: str, s3: bool) -> str:
    """The canonical URI: for S3 each segment decoded and encoded once, as sent; for other
    services ``//`` collapsed, ``.``/``..`` resolved and each segment of the path as sent
    encoded again (so ``%20`` becomes ``%2520``)."""
    if path == "/":
        return path
    if not s3:
        path = re.sub("/{2,}", "/", path)
    pieces: list[str] = []
    for piece in path.split("/"):
        if not s3 and piece == "..":
            if pieces:
                pieces.pop()
        elif s3 or piece != ".":
            # S3 reads a ``+`` in a path as a space, as aws4 (Postman's signer) does.
            pieces.append(_rfc3986(unquote(piece.replace("+", " ")) if s3 else piece))
    canonical = "/".join(pieces)
    if not canonical.startswith("/"):
        canonical = "/" + canonical
    return canonical.replace("%2F", "/") if s3 else canonical


def _aws_query(query: str, first_value_only: bool) -> str:
    """The canonical query: pairs form-decoded, RFC 3986-encoded and sorted by key, then
    value; empty keys dropped; for S3 only the first value of a repeated key."""
    values: dict[str, list[str]] = {}
    for name, value in _decode_form(query):
        if name:
            values.setdefault(_rfc3986(name), []).append(_rfc3986(value or ""))
    pairs: list[str] = []
    for name in sorted(values):
        kept = values[name][:1] if first_value_only else sorted(values[name])
        pairs += [f"{name}={value}" for value in kept]
    return "&".join(pairs)


class AwsSigV4(_Signer):
    """AWS Signature Version 4 in the Authorization header, as Postman's ``awsv4`` auth.

    Defaults as Postman's: region ``us-east-1``, service ``execute-api`` (API Gateway).
    Signs every header of the request but ``authorization``, ``connection``,
    ``x-amzn-trace-id``, ``user-agent``, ``expect``, ``presigned-expires`` and ``range``,
    plus ``X-Amz-Date`` (kept when the request has one, else from its ``Date`` header, else
    now) and ``X-Amz-Security-Token`` with a session token. For S3 the path is neither
    normalised nor encoded twice and only the first value of a repeated query key counts.

    ``X-Amz-Content-Sha256`` (the body's SHA-256, hex) is added, as Postman does, for a
    non-empty body with every service and always for S3; ``content_sha256=True`` or
    ``False`` adds it always or never (plain SigV4, as AWS's test suite and botocore sign
    for services other than S3).

    Postman's headers come from the collection only; at signing time httpx has already added
    its own (``Accept``, ``Accept-Encoding``, ``Content-Length``, a JSON or form
    ``Content-Type``) and they are signed too: AWS accepts any signed set that arrives
    unchanged. Postman's ``addAuthDataToQuery`` (presigned URLs) is not supported.
    """

    requires_request_body = True
    IGNORED_HEADERS: ClassVar[frozenset[str]] = frozenset(
        {
            "authorization",
            "connection",
            "x-amzn-trace-id",
            "user-agent",
            "expect",
            "presigned-expires",
            "range",
        }
    )
    _shown = ("region", "service")
    _hidden = ("access_key", "secret_key", "session_token")
    _settings = frozenset({"region", "service"})

    def __init__(
        self,
        access_key: str,
        secret_key: str,
        region: str = "us-east-1",
        service: str = "execute-api",
        session_token: str | None = None,
        *,
        content_sha256: bool | None = None,
    ) -> None:
        self._access_key = access_key
        self._secret_key = secret_key
        self.region = region
        self.service = service
        self._session_token = session_token or None
        self.content_sha256 = content_sha256
        self._check()

    def _check(self) -> None:
        self.region = self.region or "us-east-1"
        self.service = self.service or "execute-api"

    @classmethod
    def from_env(
        cls,
        region: str | None = None,
        service: str = "execute-api",
        *,
        environ: Mapping[str, str] | None = None,
        content_sha256: bool | None = None,
    ) -> AwsSigV4:
        """A signer with the credentials of the standard AWS environment variables.

        ``AWS_ACCESS_KEY_ID``, ``AWS_SECRET_ACCESS_KEY`` and ``AWS_SESSION_TOKEN``; the
        region, unless given, from ``AWS_REGION``, then ``AWS_DEFAULT_REGION``.
        """
        env = os.environ if environ is None else environ
        access_key = env.get("AWS_ACCESS_KEY_ID") or env.get("AWS_ACCESS_KEY")
        secret_key = env.get("AWS_SECRET_ACCESS_KEY") or env.get("AWS_SECRET_KEY")
        if not (access_key and secret_key):
            raise AuthConfigError("set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY to sign for AWS")
        token = env.get("AWS_SESSION_TOKEN") or env.get("AWS_SECURITY_TOKEN")
        region = region or env.get("AWS_REGION") or env.get("AWS_DEFAULT_REGION") or "us-east-1"
        return cls(access_key, secret_key, region, service, token, content_sha256=content_sha256)

    def _amz_date(self, headers: httpx.Headers) -> str:
        existing: str | None = headers.get("x-amz-date")
        if existing is not None:
            if not _AMZ_DATE.fullmatch(existing):
                raise ValueError(f"X-Amz-Date {existing!r} is not like 20150830T123600Z")
            return existing
        if "date" in headers:
            try:
                when = email.utils.parsedate_to_datetime(headers["date"])
            except (TypeError, ValueError):
                raise ValueError(f"cannot read the Date header {headers['date']!r}") from None
        else:
            when = datetime.now(UTC)
        return when.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")

    def sign(self, request: httpx.Request, *, target: str | None = None) -> AwsSignature:
        """Add ``X-Amz-*`` headers and ``Authorization`` to ``request``.

        ``target`` signs another request target than the URL's path and query (AWS's test
        suite writes unencoded paths, which no HTTP client sends).
        """
        headers = request.headers
        for name in ("authorization", "x-amz-security-token", "x-amz-content-sha256"):
            headers.pop(name, None)
        amz_date = self._amz_date(headers)
        if "x-amz-date" not in headers:
            headers["X-Amz-Date"] = amz_date
        if self._session_token:
            headers["X-Amz-Security-Token"] = self._session_token
        body = _buffered_body(request)
        payload_hash = hashlib.sha256(body).hexdigest() if body else _EMPTY_SHA256
        s3 = self.service == "s3"
        add_hash = self.content_sha256
        if add_hash is None:
            add_hash = s3 or bool(body)
        if add_hash:
            headers["X-Amz-Content-Sha256"] = payload_hash
        grouped: dict[str, list[str]] = {}
        for name, value in headers.multi_items():
            if name.lower() not in self.IGNORED_HEADERS:
                grouped.setdefault(name.lower(), []).append(" ".join(value.split()))
        names = sorted(grouped)
        signed_headers = ";".join(names)
        path, _, query = (target if target is not None else _target(request)).partition("?")
        canonical_request = "\n".join(
            [
                request.method,
                _aws_path(path, s3),
                _aws_query(query, first_value_only=s3),
                "".join(f"{name}:{','.join(grouped[name])}\n" for name in names),
                signed_headers,
                payload_hash,
            ]
        )
        scope = f"{amz_date[:8]}/{self.region}/{self.service}/aws4_request"
        string_to_sign = "\n".join(
            [
                "AWS4-HMAC-SHA256",
                amz_date,
                scope,
                hashlib.sha256(canonical_request.encode()).hexdigest(),
            ]
        )
        key = f"AWS4{self._secret_key}".encode()
        for part in (amz_date[:8], self.region, self.service, "aws4_request"):
            key = hmac.digest(key, part.encode(), "sha256")
        signature = hmac.new(key, string_to_sign.encode(), "sha256").hexdigest()
        authorization = (
            f"AWS4-HMAC-SHA256 Credential={self._access_key}/{scope}, "
            f"SignedHeaders={signed_headers}, Signature={signature}"
        )
        headers["Authorization"] = authorization
        return AwsSignature(
            canonical_request, string_to_sign, signed_headers, signature, authorization
        )

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        self.sign(request)
        yield request


@dataclass(frozen=True, slots=True)
class OAuth1Signature:
    """What :meth:`OAuth1.sign` signed, and ``request``: the request to send (``sign``'s
    argument, or a copy of it when the parameters went into its form body)."""

    normalized_parameters: str
    base_string: str
    signature: str
    oauth_params: tuple[tuple[str, str], ...]
    authorization: str | None
    request: httpx.Request


_OAUTH_PARAMS: Final = frozenset(
    {
        "oauth_consumer_key",
        "oauth_token",
        "oauth_signature_method",
        "oauth_timestamp",
        "oauth_nonce",
        "oauth_version",
        "oauth_signature",
        "oauth_callback",
        "oauth_verifier",
        "oauth_body_hash",
    }
)
_RSA_HASHES: Final[Mapping[str, type[hashes.HashAlgorithm]]] = {
    "SHA1": hashes.SHA1,
    "SHA256": hashes.SHA256,
    "SHA512": hashes.SHA512,
}


def _query_piece(name: str, value: str | None) -> str:
    return _rfc3986(name) if value is None else f"{_rfc3986(name)}={_rfc3986(value)}"


class OAuth1(_Signer):
    """OAuth 1.0a request signing (RFC 5849), as Postman's ``oauth1`` auth.

    ``signature_method``: HMAC-SHA1, HMAC-SHA256, HMAC-SHA512, RSA-SHA1, RSA-SHA256,
    RSA-SHA512 (with ``private_key``, PEM) or PLAINTEXT. ``timestamp`` and ``nonce`` fix
    what is otherwise now and 11 random letters and digits. ``version`` is sent when set
    (Postman's app sets ``1.0``). As in Postman, the request goes out unsigned when the
    consumer key, or the consumer secret (HMAC, PLAINTEXT) or private key (RSA), is empty.

    The base string holds the query parameters and those of a form body; parameters with an
    empty value are left out unless ``add_empty_params_to_sign``; ``oauth_body_hash`` (with
    ``include_body_hash``, for bodies that are not forms) is the body's digest under the
    method's hash. The parameters go into the Authorization header
    (``add_params_to_header``, with ``realm`` first when set; ``disable_header_encoding``
    writes them unencoded), else into a POST or PUT form body, else into the query. The
    query is re-encoded RFC 3986-style, as Postman sends it.

    Unlike Postman: a multipart body is hashed as sent (Postman hashes nothing for it), and
    the port is kept in the base string URI unless it is the scheme's default (Postman also
    drops ``:80`` from https and ``:443`` from http URLs).
    """

    requires_request_body = True
    METHODS: ClassVar[frozenset[str]] = frozenset(
        {
            "HMAC-SHA1",
            "HMAC-SHA256",
            "HMAC-SHA512",
            "RSA-SHA1",
            "RSA-SHA256",
            "RSA-SHA512",
            "PLAINTEXT",
        }
    )
    _shown = ("signature_method",)
    _hidden = ("consumer_key", "consumer_secret", "token", "token_secret", "private_key")
    _settings = frozenset(
        {
            "signature_method",
            "realm",
            "callback",
            "verifier",
            "version",
            "include_body_hash",
            "add_params_to_header",
            "add_empty_params_to_sign",
            "disable_header_encoding",
            "timestamp",
            "nonce",
        }
    )

    def __init__(
        self,
        consumer_key: str,
        consumer_secret: str | None,
        token: str | None = None,
        token_secret: str | None = None,
        signature_method: str = "HMAC-SHA1",
        *,
        private_key: str | bytes | None = None,
        realm: str | None = None,
        callback: str | None = None,
        verifier: str | None = None,
        version: str | None = "1.0",
        include_body_hash: bool = False,
        add_params_to_header: bool = True,
        add_empty_params_to_sign: bool = False,
        disable_header_encoding: bool = False,
        timestamp: int | str | None = None,
        nonce: str | None = None,
    ) -> None:
        self.signature_method = signature_method
        self._consumer_key = consumer_key
        self._consumer_secret = consumer_secret
        self._token = token
        self._token_secret = token_secret
        self._private_key: rsa.RSAPrivateKey | None = None
        if private_key:
            self._private_key = _load_rsa_key(private_key, None, "OAuth1 private key")
        self.realm = realm
        self.callback = callback
        self.verifier = verifier
        self.version = version
        self.include_body_hash = include_body_hash
        self.add_params_to_header = add_params_to_header
        self.add_empty_params_to_sign = add_empty_params_to_sign
        self.disable_header_encoding = disable_header_encoding
        self.timestamp = None if timestamp is None else str(timestamp)
        self.nonce = nonce
        self._check()

    def _check(self) -> None:
        if self.signature_method not in self.METHODS:
            known = ", ".join(sorted(self.METHODS))
            raise ValueError(
                f"OAuth1 signature method {self.signature_method!r} is not one of {known}"
            )

    def _setting(self, value: str | None) -> str | None:
        """A parameter as Postman keeps it: a blank one is dropped unless empty ones count."""
        if value is not None and not self.add_empty_params_to_sign and not value.strip():
            return None
        return value

    def _oauth_params(self, body: bytes, form: bool) -> list[tuple[str, str | None]]:
        """The protocol parameters in Postman's (and the header's) order."""
        method = self.signature_method
        params: list[tuple[str, str | None]] = [
            ("oauth_consumer_key", self._setting(self._consumer_key)),
            ("oauth_token", self._setting(self._token)),
            ("oauth_signature_method", method),
            ("oauth_timestamp", self._setting(self.timestamp) or str(int(time.time()))),
            ("oauth_nonce", self._setting(self.nonce) or _random_alphanumeric(11)),
            ("oauth_version", self._setting(self.version)),
        ]
        if not self.add_empty_params_to_sign:
            params = [(name, value) for name, value in params if value]
        _, _, digest = method.partition("-")
        if self.include_body_hash and digest and not form:
            body_hash = _b64(hashlib.new(digest.lower(), body).digest())
            params.append(("oauth_body_hash", body_hash))
        for name, value in (("oauth_callback", self.callback), ("oauth_verifier", self.verifier)):
            value = self._setting(value)
            if value:
                params.append((name, value))
        return params

    def _signature(self, base_string: str) -> str:
        method = self.signature_method
        secret = self._setting(self._consumer_secret) or ""
        key = f"{_rfc3986(secret)}&{_rfc3986(self._setting(self._token_secret) or '')}"
        if method == "PLAINTEXT":
            return key
        algorithm, _, digest = method.partition("-")
        if algorithm == "HMAC":
            return _b64(hmac.digest(key.encode(), base_string.encode(), digest.lower()))
        if self._private_key is None:  # pragma: no cover - sign() returns before this
            raise AuthConfigError("RSA signature methods need a private key")
        raw = self._private_key.sign(
            base_string.encode(), padding.PKCS1v15(), _RSA_HASHES[digest]()
        )
        return _b64(raw)

    def _header(self, params: list[tuple[str, str | None]]) -> str:
        encode = (lambda text: text) if self.disable_header_encoding else _rfc3986
        parts = []
        realm = self._setting(self.realm)
        if realm and realm.strip():
            parts.append(f'realm="{encode(realm)}"')
        for name, value in params:
            if value:
                parts.append(f'{encode(name)}="{encode(value.strip())}"')
        return "OAuth " + ",".join(parts)

    def sign(self, request: httpx.Request) -> OAuth1Signature | None:
        """Sign ``request``; None when a needed credential is empty (nothing is changed)."""
        rsa_method = self.signature_method.startswith("RSA")
        if not self._consumer_key or not (
            self._private_key if rsa_method else self._consumer_secret
        ):
            return None
        request.headers.pop("authorization", None)
        path, _, raw_query = _target(request).partition("?")
        query = [(k, v) for k, v in _decode_form(raw_query) if k not in _OAUTH_PARAMS]
        form = _media_type(request) == "application/x-www-form-urlencoded"
        body = request.content
        form_pieces: list[str] = []
        body_params: list[tuple[str, str | None]] = []
        if form:
            for piece in body.decode("utf-8", "replace").split("&"):
                if piece:
                    pairs = _decode_form(piece)
                    if pairs[0][0] not in _OAUTH_PARAMS:
                        form_pieces.append(piece)
                        body_params += pairs
        params = self._oauth_params(body, form)
        sortable = [(_rfc3986(k), _rfc3986(v or "")) for k, v in [*params, *query, *body_params]]
        sortable.sort(key=lambda pair: f"{pair[0]} {pair[1]}")
        normalized = "&".join(f"{name}={value}" for name, value in sortable)
        url = request.url
        base_uri = f"{url.scheme.lower()}://{url.netloc.decode('ascii').lower()}{path or '/'}"
        base_string = "&".join(
            [_rfc3986(request.method.upper()), _rfc3986(base_uri), _rfc3986(normalized)]
        )
        signature = self._signature(base_string)
        params.append(("oauth_signature", signature))
        authorization = None
        pieces = [_query_piece(k, v) for k, v in query]
        added = [f"{_rfc3986(k)}={_rfc3986(v or '')}" for k, v in params]
        if self.add_params_to_header:
            authorization = self._header(params)
            request.headers["Authorization"] = authorization
        elif form and request.method in ("POST", "PUT"):
            headers = httpx.Headers(request.headers)
            headers.pop("content-length", None)
            headers.pop("transfer-encoding", None)
            request = httpx.Request(
                request.method,
                url,
                headers=headers,
                content="&".join([*form_pieces, *added]).encode(),
                extensions=request.extensions,
            )
        else:
            pieces += added
        raw_path = f"{path}?{'&'.join(pieces)}" if pieces else path
        request.url = request.url.copy_with(raw_path=raw_path.encode("ascii"))
        sent = tuple((name, value or "") for name, value in params)
        return OAuth1Signature(normalized, base_string, signature, sent, authorization, request)

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        signed = self.sign(request)
        yield request if signed is None else signed.request


@dataclass(frozen=True, slots=True)
class HawkSignature:
    """What :meth:`Hawk.sign` signed."""

    normalized_string: str
    payload_hash: str | None
    mac: str
    authorization: str


class Hawk(_Signer):
    """Hawk request authentication (header scheme, version 1), as Postman's ``hawk`` auth.

    ``algorithm`` is ``sha256`` or ``sha1``. ``timestamp`` and ``nonce`` fix what is
    otherwise now and 6 random letters and digits. With ``include_payload_hash`` a non-empty
    body's hash (over the Content-Type's media type and the body) is sent and signed. As in
    Postman, the request goes out unsigned when the id or the key is empty.

    Unlike Postman: every backslash and newline of ``ext`` is escaped in the MAC input, as
    the Hawk library (and servers using it) do; Postman escapes only the first of each. An
    unknown algorithm is an error here, where Postman sends an empty Authorization header.
    """

    ALGORITHMS: ClassVar[frozenset[str]] = frozenset({"sha1", "sha256"})
    _shown = ("algorithm",)
    _hidden = ("id", "key")
    _settings = frozenset(
        {"algorithm", "ext", "app", "dlg", "include_payload_hash", "timestamp", "nonce"}
    )

    def __init__(
        self,
        id: str,
        key: str,
        algorithm: str = "sha256",
        *,
        ext: str | None = None,
        app: str | None = None,
        dlg: str | None = None,
        include_payload_hash: bool = False,
        timestamp: int | str | None = None,
        nonce: str | None = None,
    ) -> None:
        self._id = id
        self._key = key
        self.algorithm = algorithm
        self.ext = ext
        self.app = app
        self.dlg = dlg
        self.include_payload_hash = include_payload_hash
        self.timestamp = None if timestamp is None else str(timestamp)
        self.nonce = nonce
        self._check()

    def _check(self) -> None:
        if self.algorithm not in self.ALGORITHMS:
            raise ValueError(f"Hawk algorithm {self.algorithm!r} is not sha256 or sha1")
        self.requires_request_body = self.include_payload_hash

    def _payload_hash(self, request: httpx.Request) -> str | None:
        body = request.content if self.include_payload_hash else b""
        if not body:
            return None
        payload = b"hawk.1.payload\n" + _media_type(request).encode() + b"\n" + body + b"\n"
        return _b64(hashlib.new(self.algorithm, payload).digest())

    def sign(self, request: httpx.Request) -> HawkSignature | None:
        """Set the Authorization header of ``request``; None when the id or key is empty."""
        if not (self._id and self._key):
            return None
        url = request.url
        ts = self.timestamp or str(int(time.time()))
        nonce = self.nonce or _random_alphanumeric(6)
        port = url.port or (80 if url.scheme == "http" else 443)
        payload_hash = self._payload_hash(request)
        lines = [
            "hawk.1.header",
            ts,
            nonce,
            request.method.upper(),
            _target(request),
            url.raw_host.decode("ascii").lower(),
            str(port),
            payload_hash or "",
            (self.ext or "").replace("\\", "\\\\").replace("\n", "\\n"),
        ]
        if self.app:
            lines += [self.app, self.dlg or ""]
        normalized = "\n".join(lines) + "\n"
        mac = _b64(hmac.digest(self._key.encode(), normalized.encode(), self.algorithm))
        header = f'Hawk id="{self._id}", ts="{ts}", nonce="{nonce}"'
        if payload_hash:
            header += f', hash="{payload_hash}"'
        if self.ext:
            header += ', ext="{}"'.format(self.ext.replace("\\", "\\\\").replace('"', '\\"'))
        header += f', mac="{mac}"'
        if self.app:
            header += f', app="{self.app}"' + (f', dlg="{self.dlg}"' if self.dlg else "")
        request.headers["Authorization"] = header
        return HawkSignature(normalized, payload_hash, mac, header)

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        self.sign(request)
        yield request


_DIGEST_HASHES: Final[Mapping[str, str]] = {
    "MD5": "md5",
    "SHA-256": "sha256",
    "SHA-512-256": "sha512_256",
}


@dataclass(frozen=True, slots=True)
class _Challenge:
    realm: str
    nonce: str
    opaque: str | None
    qop: str | None
    algorithm: str
    userhash: bool


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


class Digest(_Signer):
    """HTTP Digest (RFC 7616, RFC 2617), as Postman's ``digest`` auth.

    The first request goes out unsigned; a 401 or 403 with a ``WWW-Authenticate: Digest``
    challenge is answered once, and later requests are signed at once with the learned
    nonce and a rising nonce count. With ``realm`` and ``nonce`` (and optionally ``qop``,
    ``opaque``, ``algorithm``, ``client_nonce``, ``nonce_count``, ``userhash``) requests
    are signed from the first. Algorithms: MD5 (default), SHA-256, SHA-512-256 and their
    ``-sess`` forms; qop ``auth`` and ``auth-int`` (the body's hash).

    Unlike Postman, and as RFC 7616 says: the challenge's algorithm is used (Postman uses
    only its setting); from a qop list such as ``auth,auth-int`` the client picks ``auth``
    (Postman takes the list literally and falls back to the RFC 2069 form); ``algorithm``
    is sent unquoted; the nonce count is hexadecimal; a fresh client nonce is made per
    request; and ``userhash`` is supported.
    """

    requires_request_body = True
    _shown = ("username",)
    _hidden = ("password",)
    _settings = frozenset(
        {"realm", "nonce", "qop", "opaque", "algorithm", "client_nonce", "nonce_count"}
    )

    def __init__(
        self,
        username: str,
        password: str,
        *,
        realm: str | None = None,
        nonce: str | None = None,
        qop: str | None = None,
        opaque: str | None = None,
        algorithm: str | None = None,
        client_nonce: str | None = None,
        nonce_count: int = 1,
        userhash: bool = False,
    ) -> None:
        self.username = username or ""
        self._password = password or ""
        self.realm = realm
        self.nonce = nonce
        self.qop = qop
        self.opaque = opaque
        self.algorithm = algorithm
        self.client_nonce = client_nonce
        self.nonce_count = nonce_count
        self.userhash = userhash
        self._challenge: _Challenge | None = None
        self._check()

    def _check(self) -> None:
        self._counter = itertools.count(self.nonce_count)
        if self.realm and self.nonce:
            self._challenge = self._make_challenge(
                self.realm,
                self.nonce,
                self.opaque,
                self.qop,
                self.algorithm or "MD5",
                self.userhash,
            )

    @staticmethod
    def _make_challenge(
        realm: str, nonce: str, opaque: str | None, qop: str | None, algorithm: str, userhash: bool
    ) -> _Challenge:
        name = algorithm.upper()
        if name.removesuffix("-SESS") not in _DIGEST_HASHES:
            raise ValueError(f"Digest algorithm {algorithm!r} is not supported")
        choices = [choice.strip().lower() for choice in (qop or "").split(",") if choice.strip()]
        chosen = next((q for q in ("auth", "auth-int") if q in choices), None)
        if choices and chosen is None:
            raise ValueError(f"Digest qop {qop!r} offers neither auth nor auth-int")
        return _Challenge(realm, nonce, opaque, chosen, name, userhash)

    def _parse_challenge(self, response: httpx.Response) -> _Challenge | None:
        for header in response.headers.get_list("www-authenticate"):
            scheme, _, rest = header.strip().partition(" ")
            if scheme.lower() != "digest":
                continue
            fields = parse_keqv_list(parse_http_list(rest))
            try:
                return self._make_challenge(
                    fields.get("realm", ""),
                    fields.get("nonce", ""),
                    fields.get("opaque"),
                    fields.get("qop"),
                    fields.get("algorithm") or "MD5",
                    fields.get("userhash", "").lower() == "true",
                )
            except ValueError:
                continue  # another challenge may offer what this one lacks
        return None

    def _authorization(self, request: httpx.Request, challenge: _Challenge) -> str:
        algorithm = challenge.algorithm
        name = _DIGEST_HASHES[algorithm.removesuffix("-SESS")]

        def digest(text: str | bytes) -> str:
            data = text.encode() if isinstance(text, str) else text
            return hashlib.new(name, data).hexdigest()

        uri = _target(request)
        cnonce = self.client_nonce or secrets.token_hex(8)
        nc = f"{next(self._counter):08x}"
        ha1 = digest(f"{self.username}:{challenge.realm}:{self._password}")
        if algorithm.endswith("-SESS"):
            ha1 = digest(f"{ha1}:{challenge.nonce}:{cnonce}")
        a2 = f"{request.method}:{uri}"
        if challenge.qop == "auth-int":
            a2 += ":" + digest(request.content)
        ha2 = digest(a2)
        if challenge.qop:
            response = digest(f"{ha1}:{challenge.nonce}:{nc}:{cnonce}:{challenge.qop}:{ha2}")
        else:
            response = digest(f"{ha1}:{challenge.nonce}:{ha2}")
        username = self.username
        if challenge.userhash:
            username = digest(f"{self.username}:{challenge.realm}")
        fields = [
            f"username={_quoted(username)}",
            f"realm={_quoted(challenge.realm)}",
            f"nonce={_quoted(challenge.nonce)}",
            f"uri={_quoted(uri)}",
            f"algorithm={algorithm.replace('-SESS', '-sess')}",
        ]
        if challenge.qop:
            fields += [f"qop={challenge.qop}", f"nc={nc}"]
        if challenge.qop or algorithm.endswith("-SESS"):
            fields.append(f"cnonce={_quoted(cnonce)}")
        fields.append(f'response="{response}"')
        if challenge.opaque:
            fields.append(f"opaque={_quoted(challenge.opaque)}")
        if challenge.userhash:
            fields.append("userhash=true")
        return "Digest " + ", ".join(fields)

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        used = self._challenge
        if used is not None:
            request.headers["Authorization"] = self._authorization(request, used)
        response = yield request
        if response.status_code not in (401, 403):
            return
        challenge = self._parse_challenge(response)
        if challenge is None or (used is not None and challenge.nonce == used.nonce):
            return  # nothing new to answer with: the credentials were refused
        self._challenge = challenge
        self._counter = itertools.count(1)
        if response.cookies:
            httpx.Cookies(response.cookies).set_cookie_header(request)
        request.headers["Authorization"] = self._authorization(request, challenge)
        yield request
