"""What Postman's runtime puts on the wire for one operation: method, URL, headers, body.

The renderers (curl snippets now, clients later) start from this, so "send exactly what
Postman sends" is decided in one place. Unresolved `{{variables}}` are carried through as
opaque markers that survive every encoding step, so a renderer can print them as visible
placeholders or as shell variables.
"""

from __future__ import annotations

import hashlib
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from generator.model.operation import Auth, Body, BodyMode, Operation, Url
from generator.postman.digest import digest_header
from generator.postman.json_comments import strip_json_comments
from generator.postman.mime import file_type
from generator.postman.url import PUrl, QueryItem, form_encode, parse, to_string, to_wire, utf8
from generator.postman.variables import VAR_RE, Scope, substitute

__all__ = [
    "MARKER_RE",
    "WireAuth",
    "WireBody",
    "WirePart",
    "WireRequest",
    "build",
    "lodash_lower",
    "purl_of",
    "url_label",
]

# Lower-case letters and digits only: untouched by percent-encoding and host lower-casing.
# A request whose own text holds the tag gets a longer one (see `_marker_tag`), so that no
# text of a collection can pass for a marker.
_TAG = "pgvarq7x"
MARKER_RE = re.compile(_TAG + r"(\d+)q7x")

_LANGUAGE_TYPES = {
    "html": "text/html",
    "text": "text/plain",
    "json": "application/json",
    "javascript": "application/javascript",
    "xml": "application/xml",
}
_JSON_TYPE_RE = re.compile(r"^application/(\S+\+)?json")
_BODYLESS = frozenset({"GET", "COPY", "HEAD", "PURGE", "UNLOCK"})
# Without a body, Postman's requester still declares "Content-Length: 0" except for these.
_NO_EMPTY_LENGTH = frozenset({"GET", "HEAD", "TRACE", "DELETE", "CONNECT", "OPTIONS"})


@dataclass(frozen=True, slots=True)
class WirePart:
    """A multipart part: text (`value`) or a file read from `file` at send time."""

    name: str
    value: str | None = None
    file: str | None = None
    filename: str | None = None
    content_type: str | None = None


@dataclass(frozen=True, slots=True)
class WireBody:
    """The body as sent: `text` (raw/graphql), `form` (urlencoded), `multipart`, or `file`."""

    kind: str
    text: str = ""
    fields: tuple[tuple[str, str], ...] = ()
    parts: tuple[WirePart, ...] = ()
    file: str | None = None


@dataclass(frozen=True, slots=True)
class WireAuth:
    """Auth a client computes itself at send time (curl: -u, --digest, --aws-sigv4...)."""

    kind: str
    params: tuple[tuple[str, str], ...]

    def get(self, name: str, default: str = "") -> str:
        """The parameter's value, or `default` when absent or empty."""
        for key, value in self.params:
            if key == name and value:
                return value
        return default


@dataclass(frozen=True, slots=True)
class WireRequest:
    """One request as it leaves the client. Strings may hold placeholder markers."""

    method: str
    url: str
    headers: tuple[tuple[str, str], ...]
    body: WireBody | None
    auth: WireAuth | None
    placeholders: tuple[str, ...]
    # Why this request cannot be reproduced exactly by a static client (e.g. a signature).
    notes: tuple[str, ...] = ()
    # Default headers Postman was told not to send (a client must suppress its own).
    omitted: frozenset[str] = frozenset()
    # The path has `.`/`..` segments that a client must not normalise away.
    dot_segments: bool = False
    # No scheme was written and the host is an unresolved placeholder (it may hold one).
    scheme_implied: bool = False
    # What the markers of this request look like (MARKER_RE unless its text holds that).
    marker_re: re.Pattern[str] = MARKER_RE


class _Resolver:
    """Substitutes variables and turns what stays unresolved into numbered markers."""

    def __init__(self, scope: Scope, tag: str) -> None:
        self._scope = scope
        self._tag = tag
        self.names: list[str] = []
        self._index: dict[str, int] = {}

    def __call__(self, text: str) -> str:
        text = substitute(text, self._scope)
        if self._tag in text.lower():
            raise _TagInText  # a variable's value holds the tag: build again with another
        if "{{" not in text:
            return text
        return VAR_RE.sub(self._mark, text)

    def placeholder(self, name: str) -> str:
        """A marker for a value only known at send time (printed like an unresolved variable)."""
        return self._mark_name(name)

    def opt(self, text: str | None) -> str | None:
        return None if text is None else self(text)

    def _mark(self, match: re.Match[str]) -> str:
        return self._mark_name(match.group(1))

    def _mark_name(self, name: str) -> str:
        if name not in self._index:
            self._index[name] = len(self.names)
            self.names.append(name)
        return f"{self._tag}{self._index[name]}q7x"


class _TagInText(Exception):
    pass


def _marker_tags(op: Operation) -> Iterator[str]:
    """Marker tags, shortest first, that the request's own text does not hold."""
    text = repr(op).lower()
    for n in itertools.count():
        tag = _TAG + "".join(chr(ord("a") + int(d)) for d in (str(n) if n else ""))
        if tag not in text:
            yield tag


def purl_of(url: Url) -> PUrl:
    """The model's Url as the postman.url module's structure."""
    auth = None
    if url.auth_user is not None or url.auth_password is not None:
        auth = (url.auth_user or "", url.auth_password)
    return PUrl(
        protocol=url.protocol,
        auth=auth,
        host=url.host,
        port=url.port,
        path=url.path,
        query=tuple(QueryItem(p.key, p.value, p.disabled) for p in url.query),
        variables=tuple((v.key, v.value) for v in url.variables),
        hash=url.hash,
    )


def url_label(url: Url) -> str:
    """The URL as written in the collection (unresolved): `raw`, else its parts printed."""
    return url.raw or to_string(purl_of(url))


def lodash_lower(text: str) -> str:
    """lodash ``lowerCase``: words split on separators and camelCase humps, joined by spaces
    (how Postman's apikey auth compares header names)."""
    words = re.findall(r"[A-Z]{2,}(?=[A-Z][a-z]|\b|[^A-Za-z])|[A-Z]?[a-z]+|[A-Z]+|\d+", text)
    return " ".join(w.lower() for w in words)


def _without(headers: list[tuple[str, str]], name: str) -> list[tuple[str, str]]:
    lowered = name.lower()
    return [(k, v) for k, v in headers if k.lower() != lowered]


def _target(url: PUrl) -> str:
    """Path and query as sent (the request-target)."""
    wire = to_wire(url)
    return "/" + wire.split("://", 1)[-1].partition("/")[2]


def _body_bytes(body: WireBody | None) -> bytes:
    """The bytes a hashing auth sees (Postman hashes raw/urlencoded/graphql bodies only)."""
    if body is None:
        return b""
    if body.kind == "text":
        return utf8(body.text)
    if body.kind == "form":
        return "&".join(f"{form_encode(k)}={form_encode(v)}" for k, v in body.fields).encode()
    return b""


def _aws_payload_hash(body: WireBody | None, service: str) -> str | None:
    """The X-Amz-Content-Sha256 Postman adds: for any hashable body, and always for S3."""
    if body is not None and body.kind in ("text", "form"):
        data = _body_bytes(body)
        if data:
            return hashlib.sha256(data).hexdigest()
    return hashlib.sha256(b"").hexdigest() if service == "s3" else None


def _apply_auth(
    auth: Auth,
    resolve: _Resolver,
    headers: list[tuple[str, str]],
    url: PUrl,
    method: str,
    body: WireBody | None,
) -> tuple[list[tuple[str, str]], PUrl, WireAuth | None, tuple[str, ...]]:
    """Apply an auth type as Postman's runtime does (AUTH_SEMANTICS.md)."""
    params = tuple((k, resolve(v)) for k, v in auth.params)
    get = WireAuth(auth.kind, params).get
    kind = auth.kind

    def flag(name: str) -> bool:
        # JavaScript truthiness: JSON false is off, but the string "false" is on.
        return name not in auth.falsy and bool(get(name))

    if kind == "basic":
        return _without(headers, "authorization"), url, WireAuth(kind, params), ()
    if kind == "bearer":
        token = get("token")
        if token:
            headers = [*_without(headers, "authorization"), ("Authorization", "Bearer " + token)]
        return headers, url, None, ()
    if kind == "apikey":
        key, value = get("key"), get("value")
        if not (key or value):
            return headers, url, None, ()
        if get("in", "header") == "query":
            query = (*(q for q in url.query if q.key != key), QueryItem(key, value))
            return headers, replace(url, query=query), None, ()
        target = lodash_lower(key)
        headers = [(k, v) for k, v in headers if lodash_lower(k) != target]
        return [*headers, (key, value)], url, None, ()
    if kind == "oauth2":
        token = get("accessToken")
        if not token or get("tokenType") == "mac":
            return headers, url, None, ()
        headers = _without(headers, "authorization")
        if get("addTokenTo", "header") == "queryParams":
            query = tuple(q for q in url.query if q.key != "access_token")
            return headers, replace(url, query=(*query, QueryItem("access_token", token))), None, ()
        prefix = next((v for k, v in params if k == "headerPrefix"), "Bearer")
        return [*headers, ("Authorization", f"{prefix} {token}".strip())], url, None, ()
    if kind == "digest" and get("nonce") and get("realm"):
        # Realm and nonce known up front: Postman signs the first request itself.
        if not get("username"):
            return headers, url, None, ()
        header = digest_header(dict(params), method, _target(url), _body_bytes(body))
        return [*_without(headers, "authorization"), ("Authorization", header)], url, None, ()
    if kind in ("awsv4", "digest", "ntlm"):
        if kind == "awsv4":
            drop = {"authorization", "x-amz-date", "x-amz-security-token", "x-amz-content-sha256"}
            headers = [(k, v) for k, v in headers if k.lower() not in drop]
            payload_hash = _aws_payload_hash(body, get("service", "execute-api"))
            if payload_hash:
                headers = [*headers, ("X-Amz-Content-Sha256", payload_hash)]
        note = {
            "awsv4": "AWS Signature V4 is computed by curl at send time (Postman signs the same "
            "request; the date and signature differ per send)",
            "digest": "HTTP Digest auth answers the server's challenge at send time",
            "ntlm": "NTLM auth is a handshake done at send time",
        }[kind]
        return headers, url, WireAuth(kind, params), (note,)
    if kind in ("oauth1", "hawk", "edgegrid", "jwt", "asap"):
        note = (
            f"{kind} auth: Postman computes the Authorization header for every send "
            "(timestamp, nonce, signature); curl cannot, so it is a placeholder here"
        )
        in_header = kind != "oauth1" or flag("addParamsToHeader")
        if kind == "jwt" and get("addTokenTo", "header") != "header":
            in_header = False
        if kind == "oauth1" and not (
            get("consumerKey") and (get("consumerSecret") or get("privateKey"))
        ):
            return headers, url, None, ()  # Postman skips oauth1 without its keys
        if not in_header:
            return (
                headers,
                url,
                None,
                (note.replace("the Authorization header", "the auth parameters"),),
            )
        value = resolve.placeholder(f"{kind}_authorization")
        return [*_without(headers, "authorization"), ("Authorization", value)], url, None, (note,)
    # noauth never reaches here; "inherit" and unknown types have no handler in Postman.
    return headers, url, None, ()


def _js_object_order(keys: list[str]) -> list[str]:
    # A JavaScript object lists integer-like keys first (ascending), then the rest in order.
    ints = sorted(
        {k for k in keys if k.isdigit() and str(int(k)) == k and int(k) < 2**32 - 1}, key=int
    )
    rest: list[str] = []
    seen = set(ints)
    for key in keys:
        if key not in seen:
            seen.add(key)
            rest.append(key)
    return ints + rest


def _form_fields(pairs: list[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    # Postman collects the fields into an object (repeated keys grouped at the first one).
    grouped: dict[str, list[str]] = {}
    for key, value in pairs:
        grouped.setdefault(key, []).append(value)
    return tuple((key, value) for key in _js_object_order(list(grouped)) for value in grouped[key])


def _has_header(headers: list[tuple[str, str]], name: str) -> bool:
    lowered = name.lower()
    return any(k.lower() == lowered for k, _ in headers)


def _header_value(headers: list[tuple[str, str]], name: str) -> str | None:
    lowered = name.lower()
    found = [v for k, v in headers if k.lower() == lowered]
    return found[-1] if found else None


def _set_content_type(
    headers: list[tuple[str, str]], value: str, keeps: re.Pattern[str], disabled: bool
) -> list[tuple[str, str]]:
    """Postman's requester for forms: a missing or unsuitable Content-Type is replaced.

    With Content-Type among the disabled system headers, the user's header is left alone and
    none is added.
    """
    current = _header_value(headers, "content-type")
    if disabled or (current is not None and keeps.match(current)):
        return headers
    return [*_without(headers, "content-type"), ("Content-Type", value)]


_FORM_TYPE_RE = re.compile(r"^application/x-www-form-urlencoded\b")
_MULTIPART_TYPE_RE = re.compile(r'^multipart/form-data;.*boundary=(?:"([^"]+)"|([^;]+))')


def _body(
    body: Body, resolve: _Resolver, headers: list[tuple[str, str]], no_type: bool
) -> tuple[WireBody | None, list[tuple[str, str]]]:
    """The body as sent, plus the Content-Type Postman implies when the user set none.

    `no_type`: Content-Type is a disabled system header (Postman implies none).
    """
    mode = body.mode
    if mode is BodyMode.RAW:
        if not body.raw:
            return None, headers
        text = resolve(body.raw)
        content_type = _header_value(headers, "content-type")
        is_json = (
            body.language == "json"
            if body.language
            else (content_type is not None and bool(_JSON_TYPE_RE.match(content_type)))
        )
        if is_json and ("//" in text or "/*" in text):
            text = strip_json_comments(text)
        if content_type is None and not no_type:
            implied = _LANGUAGE_TYPES.get(body.language or "text", "text/plain")
            headers = [*headers, ("Content-Type", implied)]
        return WireBody("text", text=text), headers
    if mode is BodyMode.URLENCODED:
        pairs = [(resolve(f.key), resolve(f.value or "")) for f in body.fields if not f.disabled]
        if not pairs:
            return None, headers
        form_type = "application/x-www-form-urlencoded"
        headers = _set_content_type(headers, form_type, _FORM_TYPE_RE, no_type)
        return WireBody("form", fields=_form_fields(pairs)), headers
    if mode is BodyMode.FORMDATA:
        enabled = [p for p in body.parts if not p.disabled]
        if not enabled:
            return None, headers
        parts: list[WirePart] = []
        for part in enabled:
            name = resolve(part.key)
            content_type = resolve.opt(part.content_type)
            if not part.is_file:
                value = resolve(part.value) if part.value is not None else ""
                parts.append(WirePart(name, value=value, content_type=content_type))
                continue
            filename = resolve.opt(part.file_name)
            if part.src:
                parts.extend(
                    WirePart(
                        name,
                        file=resolve(src),
                        filename=filename,
                        content_type=content_type or file_type(resolve(src)),
                    )
                    for src in part.src
                )
            else:
                # No file to read: Postman sends an empty part with filename="".
                empty = WirePart(name, value="", filename=filename or "", content_type=content_type)
                parts.append(empty)
        # The boundary is the client's; "multipart/form-data" stands for the whole header.
        headers = _set_content_type(headers, "multipart/form-data", _MULTIPART_TYPE_RE, no_type)
        return WireBody("multipart", parts=tuple(parts)), headers
    if mode is BodyMode.FILE:
        if not body.file_src:
            return None, headers
        path = resolve(body.file_src)
        if not _has_header(headers, "content-type"):
            headers = [*headers, ("Content-Type", file_type(path))]
        return WireBody("file", file=path), headers
    if mode is BodyMode.GRAPHQL:
        graphql = _graphql_text(body, resolve)
        if graphql is None:
            return None, headers
        if not _has_header(headers, "content-type") and not no_type:
            headers = [*headers, ("Content-Type", "application/json")]
        return WireBody("text", text=graphql), headers
    return None, headers


def _graphql_text(body: Body, resolve: _Resolver) -> str | None:
    import json

    if (
        body.graphql_query is None
        and body.graphql_operation_name is None
        and (body.graphql_variables is None and body.graphql_variables_json is None)
    ):
        return None  # `graphql: {}` is an empty body for Postman
    fields = []
    if body.graphql_query is not None:
        fields.append('"query":' + json.dumps(resolve(body.graphql_query), ensure_ascii=False))
    if body.graphql_operation_name is not None:
        fields.append(
            '"operationName":'
            + json.dumps(resolve(body.graphql_operation_name), ensure_ascii=False)
        )
    if body.graphql_variables is not None:
        variables = resolve(body.graphql_variables)
        if variables:
            fields.append('"variables":' + variables)
    elif body.graphql_variables_json is not None:
        fields.append('"variables":' + resolve(body.graphql_variables_json))
    return "{" + ",".join(fields) + "}"


def _signature_note(
    headers: list[tuple[str, str]], names: list[str], marker_re: re.Pattern[str]
) -> str | None:
    """Explain an Authorization header that is only a placeholder a script fills in."""
    for key, value in headers:
        match = marker_re.fullmatch(value)
        if key.lower() != "authorization" or not match:
            continue
        if (
            any(k.lower() == "x-content-sha256" for k, _ in headers)
            or names[int(match.group(1))] == "signature"
        ):
            return (
                "OCI request signature: curl cannot compute it; fill in the placeholders of the "
                "signed headers, or use the generated Python client, which signs"
            )
        name = names[int(match.group(1))]
        return (
            f"Authorization is set by a script in Postman ({{{{{name}}}}}); curl cannot compute it"
        )
    return None


def build(op: Operation, scope: Scope) -> WireRequest:
    """The request Postman's runtime would send for `op` with variables from `scope`."""
    for tag in _marker_tags(op):
        try:
            return _build(op, scope, tag)
        except _TagInText:
            continue
    raise AssertionError("unreachable: _marker_tags never ends")


def _build(op: Operation, scope: Scope, tag: str) -> WireRequest:
    resolve = _Resolver(scope, tag)
    marker_re = MARKER_RE if tag == _TAG else re.compile(tag + r"(\d+)q7x")
    # URL: printed with path variables filled in, variables substituted, then parsed again.
    url = parse(resolve(to_string(purl_of(op.url))))
    headers = [
        (resolve(h.key), resolve(h.value or "")) for h in op.headers if not h.disabled and h.key
    ]
    headers = [(k, v) for k, v in headers if k]
    body: WireBody | None = None
    if op.body is not None and not op.body.disabled:
        if op.method not in _BODYLESS or op.disable_body_pruning:
            no_type = "content-type" in op.disabled_system_headers
            body, headers = _body(op.body, resolve, headers, no_type)
    wire_auth: WireAuth | None = None
    notes: tuple[str, ...] = ()
    if op.auth is not None:
        # Postman adds the implied Content-Type after auth; auth never sees or removes it.
        headers, url, wire_auth, notes = _apply_auth(
            op.auth, resolve, headers, url, op.method, body
        )
    if (
        body is None
        and op.method not in _NO_EMPTY_LENGTH
        and not _has_header(headers, "content-length")
    ):
        headers = [*headers, ("Content-Length", "0")]
    signature = _signature_note(headers, resolve.names, marker_re)
    if signature:
        notes = (*notes, signature)
    elif op.scripted:
        notes = (*notes, "a pre-request script may change this request in Postman; it is not run")
    wire_url = to_wire(url, encode=not op.disable_url_encoding)
    scheme_implied = url.protocol is None and bool(marker_re.match(".".join(url.host or ())))
    path = url.path or ()
    return WireRequest(
        method=op.method,
        url=wire_url,
        headers=tuple(headers),
        body=body,
        auth=wire_auth,
        placeholders=tuple(resolve.names),
        notes=notes,
        omitted=op.disabled_system_headers,
        dot_segments=any(seg in (".", "..") for seg in path),
        scheme_implied=scheme_implied,
        marker_re=marker_re,
    )
