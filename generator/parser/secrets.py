"""Which names and values are credentials, so their values never reach output.

A collection's example values go into usage snippets; a token someone saved in a header
must not. The test is on the name's words (``X-API-Key`` -> x, api, key), plus the values
nothing may print whatever their name (a PEM private key). :func:`redact` applies it to what
a curl snippet sends: every credential becomes a visible ``<name>`` placeholder.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass, replace
from typing import Any, Final
from urllib.parse import unquote

from generator.errors import Level, Problem
from generator.model.naming import snake_case
from generator.model.operation import Auth, Operation
from generator.parser.infer import PLACEHOLDER
from generator.parser.samples import decode_json
from generator.postman.variables import VAR_RE, Scope, substitute
from generator.postman.wire import MARKER_RE, WireBody, WireRequest, build

__all__ = [
    "Redacted",
    "credential_warnings",
    "is_secret_name",
    "is_secret_value",
    "redact",
    "redact_auth",
    "redact_json_text",
    "redact_operation",
    "redact_url",
    "secret_fields",
]

_WORDS: Final = frozenset(
    {
        "authorization",
        "secret",
        "password",
        "passwd",
        "pwd",
        "apikey",
        "cookie",
        "signature",
        "credential",
        "credentials",
        "session",
    }
)
_PAIRS: Final = frozenset({("api", "key"), ("access", "key"), ("private", "key"), ("auth", "key")})
# "token" alone, or after one of these; not retry, page or continuation tokens.
_TOKEN_KINDS: Final = frozenset(
    {"access", "auth", "refresh", "id", "api", "bearer", "session", "security", "oauth", "jwt", "x"}
)


# A word after a credential word that makes the name about the credential, not the credential
# (token_type_hint, RoleSessionName, secret_type, password_expires).
_ABOUT: Final = frozenset(
    {
        "type",
        "hint",
        "name",
        "url",
        "uri",
        "endpoint",
        "expiry",
        "expires",
        "expiration",
        "ttl",
        "duration",
        "timeout",
        "length",
        "count",
        "format",
        "status",
        "kind",
        "policy",
    }
)


@functools.lru_cache(maxsize=65536)
def is_secret_name(name: str) -> bool:
    """True for names such as Authorization, X-API-Key, access_token, client_secret, Cookie."""
    words = snake_case(name).split("_")

    def about(index: int) -> bool:
        return index < len(words) and words[index] in _ABOUT

    for i, word in enumerate(words):
        if word in _WORDS and not about(i + 1):
            return True
        if word == "token" and (i == 0 or words[i - 1] in _TOKEN_KINDS) and not about(i + 1):
            return True
        if tuple(words[i : i + 2]) in _PAIRS and not about(i + 2):
            return True
    return False


_PRIVATE_KEY: Final = re.compile(r"-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----")
# Auth parameters that are credentials although their names do not say so.
_AUTH_SECRETS: Final = frozenset({("apikey", "value"), ("edgegrid", "clientToken")})


def is_secret_value(value: str) -> bool:
    """True for a value that is a credential whatever it is called (a PEM private key)."""
    return bool(_PRIVATE_KEY.search(value))


def _literal(value: str, markers: re.Pattern[str] = MARKER_RE) -> bool:
    """The value holds text of its own, not only variable references (``{{name}}``, or the
    wire's ``markers`` for them: those stay visible)."""
    return bool(markers.sub("", VAR_RE.sub("", value)).strip())


def _placeholder_free(key: str, item: object) -> bool:
    """A string with text of its own: no ``{{variable}}`` and not our ``<key>`` placeholder."""
    return (
        isinstance(item, str)
        and _literal(item)
        and not item.startswith(PLACEHOLDER)
        and item != f"<{key}>"
    )


def redact_url(url: str) -> str:
    """A URL (a label, say) with each credential-looking query value as ``<name>``."""
    return _redact_query(url, frozenset())[0]


def secret_fields(value: Any) -> list[tuple[str, str]]:
    """Every (key, value) of a credential in a decoded JSON value, at any depth (iterative:
    bodies nest deeper than the recursion limit)."""
    found, stack = [], [value]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            for key, item in node.items():
                # The cheap tests first: most values are not strings of a credential's name.
                if (
                    isinstance(item, str)
                    and (is_secret_name(key) or is_secret_value(item))
                    and _placeholder_free(key, item)
                ):
                    found.append((key, item))
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    found.reverse()
    return found


def redact_json_text(text: str, value: Any) -> tuple[str | None, list[str]]:
    """``text`` (whose decoded ``value`` is given) with every credential written as
    ``"<key>"``, and the keys replaced; None when a credential is spelt in a way the text
    replacement does not find (an escape sequence), so the text cannot be shown."""
    keys = []
    for key, item in secret_fields(value):
        keys.append(key)
        placeholder = json.dumps(f"<{key}>")
        for spelling in {json.dumps(item), json.dumps(item, ensure_ascii=False)}:
            text = text.replace(spelling, placeholder)
    if keys and secret_fields(decode_json(text)):
        return None, keys
    return text, keys


def redact_auth(auth: Auth, scope: Scope) -> tuple[Auth, tuple[str, ...]]:
    """``auth`` with every credential parameter (after variables) as ``<name>``, and their
    names."""
    params, names = [], []
    for key, value in auth.params:
        resolved = substitute(value, scope)
        secret = is_secret_name(key) or (auth.kind, key) in _AUTH_SECRETS
        if (secret or is_secret_value(resolved)) and _literal(resolved):
            params.append((key, f"<{key}>"))
            names.append(key)
        else:
            params.append((key, value))
    return replace(auth, params=tuple(params)), tuple(names)


@dataclass(frozen=True, slots=True)
class Redacted:
    """A request with its credentials replaced, and what was replaced, by kind."""

    wire: WireRequest
    auth: tuple[str, ...] = ()  # auth parameter names
    auth_headers: tuple[str, ...] = ()  # where the auth writes them
    auth_query: tuple[str, ...] = ()
    headers: tuple[str, ...] = ()
    query: tuple[str, ...] = ()
    form: tuple[str, ...] = ()  # urlencoded fields and multipart parts
    json: tuple[str, ...] = ()  # JSON body keys


def _secret(name: str, value: str, markers: re.Pattern[str] = MARKER_RE) -> bool:
    return (is_secret_name(name) or is_secret_value(value)) and _literal(value, markers)


def _redact_query(
    url: str, keep: frozenset[str], markers: re.Pattern[str] = MARKER_RE
) -> tuple[str, list[str]]:
    base, mark, query = url.partition("?")
    query, hash_, fragment = query.partition("#")
    names, pieces = [], []
    for piece in query.split("&") if mark else ():
        key, eq, value = piece.partition("=")
        name = unquote(key)
        if eq and name not in keep and _secret(name, unquote(value), markers):
            names.append(name)
            value = f"<{name}>"
        pieces.append(f"{key}{eq}{value}")
    return base + mark + "&".join(pieces) + hash_ + fragment, names


def _redact_body(body: WireBody, markers: re.Pattern[str]) -> tuple[WireBody, list[str], list[str]]:
    """The body with credentials replaced; the form field and JSON key names replaced."""
    if body.kind == "form":
        names = [k for k, v in body.fields if _secret(k, v, markers)]
        fields = tuple((k, f"<{k}>" if k in names else v) for k, v in body.fields)
        return replace(body, fields=fields), names, []
    if body.kind == "multipart":
        names = [
            p.name for p in body.parts if p.value is not None and _secret(p.name, p.value, markers)
        ]
        parts = tuple(replace(p, value=f"<{p.name}>") if p.name in names else p for p in body.parts)
        return replace(body, parts=parts), names, []
    if body.kind == "text" and body.text:
        try:
            value = decode_json(markers.sub(lambda m: "{{" + m[1] + "}}", body.text))
        except ValueError:
            return body, [], []
        text, keys = redact_json_text(body.text, value)
        if text is None:
            text = "<body: holds credentials>"
        return replace(body, text=text), [], keys
    return body, [], []


def redact(wire: WireRequest, keep: frozenset[str] = frozenset()) -> Redacted:
    """What a snippet may show of ``wire``: each credential-looking header, query parameter,
    form field or JSON body field holding a value of its own becomes ``<name>`` (headers and
    query parameters named in ``keep``, lower-case, are left alone: an auth wrote them)."""
    markers = wire.marker_re
    headers = [k for k, v in wire.headers if k.lower() not in keep and _secret(k, v, markers)]
    url, query = _redact_query(wire.url, keep, markers)
    body, form, keys = (None, [], []) if wire.body is None else _redact_body(wire.body, markers)
    redacted = replace(
        wire,
        url=url,
        headers=tuple((k, f"<{k}>" if k in headers else v) for k, v in wire.headers),
        body=body,
    )
    return Redacted(
        redacted, headers=tuple(headers), query=tuple(query), form=tuple(form), json=tuple(keys)
    )


def _query_pairs(url: str) -> set[tuple[str, str]]:
    query = url.partition("?")[2].partition("#")[0]
    return {(unquote(k), v) for k, _, v in (piece.partition("=") for piece in query.split("&"))}


def redact_operation(op: Operation, scope: Scope) -> Redacted:
    """What ``op`` sends (with ``scope``'s variables) as a snippet may show it: credentials in
    its auth parameters, headers, query, form and JSON body as ``<name>`` placeholders."""
    auth, names = (None, ()) if op.auth is None else redact_auth(op.auth, scope)
    if not names:
        return redact(build(op, scope))
    original, wire = build(op, scope), build(replace(op, auth=auth), scope)
    # Where the auth writes its credentials: whatever differs from the original request.
    headers = {k for k, v in wire.headers if (k, v) not in original.headers}
    if wire.auth != original.auth:
        headers.add("Authorization")  # curl computes it (--user, --aws-sigv4)
    if "sessionToken" in names:
        headers.add("X-Amz-Security-Token")
    query = {k for k, _ in _query_pairs(wire.url) - _query_pairs(original.url)}
    redacted = redact(wire, keep=frozenset(k.lower() for k in headers) | query)
    return replace(
        redacted,
        auth=names,
        auth_headers=tuple(sorted(headers, key=str.lower)),
        auth_query=tuple(sorted(query)),
    )


def credential_warnings(file: str, op: Operation, redacted: Redacted) -> list[Problem]:
    """Warnings at ``op`` naming what its snippets leave out: the places its auth writes a
    credential to, and its own fields."""
    where = "" if op.auth is None else f"set by the {op.auth.kind} auth at {op.auth.pointer}; "
    said = f"it is not copied into snippets ({where}pass it at run time)"
    lines = [
        f"header {name!r} holds what looks like a credential: {said}"
        for name in redacted.auth_headers
    ]
    lines += [
        f"query {name!r} holds what looks like a credential: {said}" for name in redacted.auth_query
    ]
    if redacted.auth and not (redacted.auth_headers or redacted.auth_query) and op.auth:
        listed = ", ".join(map(repr, redacted.auth))
        lines.append(
            f"auth parameter(s) {listed} hold what looks like a credential: not copied into "
            f"snippets ({where}pass it at run time)"
        )
    said = "it is not copied into snippets (pass it at run time)"
    lines += [
        f"header {name!r} holds what looks like a credential: {said}" for name in redacted.headers
    ]
    lines += [
        f"query {name!r} holds what looks like a credential: {said}" for name in redacted.query
    ]
    for kind, names in (("form", redacted.form), ("body", redacted.json)):
        if names:
            # sorted: the python side names the same fields, found in another order, and
            # plan._unsaid drops this warning when the message is the same
            listed = ", ".join(map(repr, sorted(set(names))))
            lines.append(
                f"{kind} field(s) {listed} hold what looks like a credential: "
                "not copied into snippets"
            )
    return [Problem(file, op.pointer, line, Level.WARNING) for line in lines]
