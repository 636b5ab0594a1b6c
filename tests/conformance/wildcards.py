"""Values that differ on every send, and how they are still compared.

A snippet cannot repeat what Postman makes up per send.  With ``--vars postman`` it carries a
placeholder instead: ``{{$guid}}`` for a dynamic variable (raw, or percent-encoded as
``%7B%7B%24guid%7D%7D``), ``{{oauth1_authorization}}`` for a per-send signature.  Here such a
placeholder becomes a wildcard matching one non-empty value on newman's side -- a UUID for
``$guid``, digits for ``$timestamp``, the scheme prefix for an auth header, otherwise any run of
bytes that does not cross a delimiter of the place it sits in (a ``/`` in a path...).  Everything
around it must still match byte for byte.

Signatures curl computes itself (``--aws-sigv4``) or that carry a client nonce (digest) carry no
placeholder; a :class:`ValueRule` compares what must agree (scheme, access key, scope) and
leaves out what cannot (date, signature, nonce).
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

__all__ = [
    "AWS_AUTHORIZATION",
    "AWS_DATE",
    "DIGEST_AUTHORIZATION",
    "Context",
    "Template",
    "ValueRule",
    "match_value",
    "placeholders",
    "target_template",
    "template",
]

#: Where a value sits; decides which delimiters a free-form wildcard may not cross
#: ("target" is a path+query, split into its "path" and "query").
Context = Literal["host", "target", "path", "query", "header", "form", "text", "part-header"]

_DELIMITERS: dict[Context, bytes] = {
    "host": b"/:?#@\r\n",
    "target": b"/?#",
    "path": b"/?#",
    "query": b"&#",
    "header": b"\r\n",
    "form": b"&",
    "text": b"",
    "part-header": b'";\r\n',
}
#: A free-form value never swallows the quote or tag that closes it in the template.
_CLOSERS = b'"<'

_OPEN = rb"(?:\{|%7[Bb])"
_CLOSE = rb"(?:\}|%7[Dd])"
#: ``{{$name}}`` or ``{{scheme_authorization}}`` in any mix of raw and percent-encoded braces.
_PLACEHOLDER_RE = re.compile(
    _OPEN
    + _OPEN
    + rb"(?:(?P<dynamic>(?:\$|%24)[A-Za-z][A-Za-z0-9]*)"
    + rb"|(?P<auth>(?:oauth1|hawk|edgegrid|asap|jwt)_authorization))"
    + _CLOSE
    + _CLOSE
)

_UUID = rb"[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}"
_COLON = rb"(?::|%3[Aa])"
#: Dynamic variables whose values have a known shape (Postman's faker-based generators).
_TYPED: dict[str, bytes] = {
    "$guid": _UUID,
    "$randomUUID": _UUID,
    "$timestamp": rb"[0-9]+",
    "$randomInt": rb"[0-9]+",
    "$isoTimestamp": rb"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}"
    + _COLON
    + rb"[0-9]{2}"
    + _COLON
    + rb"[0-9]{2}(?:\.[0-9]+)?Z",
    "$randomBoolean": rb"true|false",
}
#: The scheme each per-send auth header starts with (jwt's prefix is configurable).
_AUTH_PREFIX: dict[str, bytes] = {
    "oauth1_authorization": b"OAuth ",
    "hawk_authorization": b"Hawk ",
    "edgegrid_authorization": b"EG1-HMAC-SHA256 ",
    "asap_authorization": b"Bearer ",
    "jwt_authorization": b"",
}


def placeholders(data: bytes) -> list[str]:
    """The wildcard names in ``data`` (``$guid``, ``oauth1_authorization``...), in order."""
    return [_name(m) for m in _PLACEHOLDER_RE.finditer(data)]


def _name(match: re.Match[bytes]) -> str:
    if match.group("auth"):
        return match.group("auth").decode("ascii")
    return "$" + match.group("dynamic").decode("ascii").removeprefix("%24").removeprefix("$")


def _wildcard(name: str, context: Context, follower: bytes) -> bytes:
    """The regex for one placeholder; ``follower`` is the template byte right after it."""
    if name in _TYPED:
        return b"(?:" + _TYPED[name] + b")"
    if name in _AUTH_PREFIX:  # a whole header value: the scheme prefix is the check
        return re.escape(_AUTH_PREFIX[name]) + rb"[^\r\n]+"
    forbidden = _DELIMITERS[context]
    if follower and follower in _CLOSERS:
        forbidden += follower
    return b"[^" + re.escape(forbidden) + b"]+" if forbidden else b".+"


@dataclass(frozen=True, slots=True)
class Template:
    """What a snippet sent with its placeholders turned into wildcards."""

    names: tuple[str, ...]
    pattern: re.Pattern[bytes]

    def matches(self, value: bytes) -> bool:
        return self.pattern.fullmatch(value) is not None


def _compile(segments: Sequence[tuple[bytes, Context]]) -> Template | None:
    """One template from consecutive pieces of text, each with its own context."""
    regex: list[bytes] = []
    names: list[str] = []
    for text, context in segments:
        position = 0
        for match in _PLACEHOLDER_RE.finditer(text):
            regex.append(re.escape(text[position : match.start()]))
            names.append(_name(match))
            regex.append(_wildcard(names[-1], context, text[match.end() : match.end() + 1]))
            position = match.end()
        regex.append(re.escape(text[position:]))
    if not names:
        return None
    return Template(tuple(names), re.compile(b"".join(regex), re.DOTALL))


def template(data: bytes, context: Context) -> Template | None:
    """``data`` as a template, or None when it holds no placeholder (then bytes compare)."""
    if context == "target":
        return target_template(data)
    return _compile([(data, context)])


def target_template(target: bytes) -> Template | None:
    """A path+query: a wildcard in the path stays in its segment, one in the query in its
    parameter."""
    path, question, query = target.partition(b"?")
    return _compile([(path, "path"), (question + query, "query")])


def _basic_credentials(value: bytes) -> bytes | None:
    """The decoded ``user:password`` of a ``Basic`` header value, if it is one."""
    scheme, _, token = value.partition(b" ")
    if scheme.lower() != b"basic":
        return None
    try:
        return base64.b64decode(token.strip(), validate=True)
    except (binascii.Error, ValueError):
        return None


def match_value(newman: bytes, curl: bytes, context: Context) -> tuple[bool, tuple[str, ...]]:
    """Whether ``curl`` (possibly with placeholders) matches ``newman``; and the wildcards used.

    A ``Basic`` credential is compared decoded, since a placeholder inside it is base64-encoded.
    """
    if newman == curl:
        return True, ()
    found = template(curl, context)
    if found is not None:
        return found.matches(newman), found.names
    credentials = _basic_credentials(curl) if context == "header" else None
    if credentials is not None and (found := template(credentials, "header")) is not None:
        decoded = _basic_credentials(newman)
        return decoded is not None and found.matches(decoded), found.names
    return False, ()


@dataclass(frozen=True, slots=True)
class ValueRule:
    """How a header computed at send time is compared: ``check(newman, curl)``, and why."""

    why: str
    check: Callable[[bytes, bytes], bool]


_AWS_RE = re.compile(
    rb"AWS4-HMAC-SHA256 Credential=(?P<key>[^/\s,]+)/[0-9]{8}/(?P<scope>[^/\s,]+/[^/\s,]+)"
    rb"/aws4_request, ?SignedHeaders=[a-z0-9;-]+, ?Signature=[0-9a-f]{64}"
)
_AMZ_DATE_RE = re.compile(rb"[0-9]{8}T[0-9]{6}Z")


def _same_aws_credential(newman: bytes, curl: bytes) -> bool:
    """Same scheme, access key, region and service; the date, the signed-header list (curl
    also signs Content-Type) and the signature are the signer's own."""
    a, b = _AWS_RE.fullmatch(newman), _AWS_RE.fullmatch(curl)
    return a is not None and b is not None and a.group("key", "scope") == b.group("key", "scope")


AWS_AUTHORIZATION = ValueRule(
    "awsv4 signature (scheme, access key, region, service)", _same_aws_credential
)
AWS_DATE = ValueRule(
    "awsv4 X-Amz-Date (a timestamp)",
    lambda a, b: bool(_AMZ_DATE_RE.fullmatch(a) and _AMZ_DATE_RE.fullmatch(b)),
)

_DIGEST_PARAM_RE = re.compile(rb'([A-Za-z-]+)=(?:"([^"]*)"|([^,\s]*))\s*(?:,\s*|$)')
_DIGEST_PER_SEND = frozenset({b"cnonce", b"response"})


def _digest_params(value: bytes) -> dict[bytes, bytes] | None:
    """Parameters by lower-cased name, unquoted; None if not a well-formed Digest value."""
    scheme, _, rest = value.strip().partition(b" ")
    if scheme.lower() != b"digest":
        return None
    params: dict[bytes, bytes] = {}
    position = 0
    rest = rest.strip()
    while position < len(rest):
        match = _DIGEST_PARAM_RE.match(rest, position)
        if match is None or match.end() == position:
            return None
        params[match[1].lower()] = match[2] if match[2] is not None else match[3]
        position = match.end()
    return params


def _same_digest(newman: bytes, curl: bytes) -> bool:
    """The same digest parameters, in any order and quoting, but the client nonce and the
    response hashed over it, which only have to be there."""
    a, b = _digest_params(newman), _digest_params(curl)
    if a is None or b is None or a.keys() != b.keys() or not a.get(b"response"):
        return False
    return all(a[k] == b[k] for k in a if k not in _DIGEST_PER_SEND) and bool(b[b"response"])


DIGEST_AUTHORIZATION = ValueRule("digest client nonce and response", _same_digest)
