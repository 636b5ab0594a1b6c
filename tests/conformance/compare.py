"""Normalise two recorded requests and list every difference an origin server could see.

Only client noise is normalised away: the headers each client adds by default when the
collection did not set them (``Postman-Token``, the ``User-Agent`` defaults, newman's
``Cache-Control``/``Accept-Encoding``/``Connection``, curl's ``Proxy-Connection``/``Expect``) and
the random multipart boundary (with the ``Content-Length`` it changes).  Everything else --
method, origin, the raw path+query bytes, header values, body bytes -- must be identical.
Headers compare as a multiset of (lower-cased name, value), since only their order is free.

Values Postman makes up per send are the exception (see ``wildcards``): a placeholder on the
curl side matches one value on newman's, and a ``Content-Length`` may differ by exactly what the
body's wildcards account for.  oauth1 parameters signed into the query or a form body are left
out on both sides by :func:`without_oauth1_params`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from .echo_proxy import EchoRecord, show
from .wildcards import Context, ValueRule, match_value

__all__ = [
    "Client",
    "Comparison",
    "FieldDiff",
    "Normalised",
    "Part",
    "compare",
    "compare_requests",
    "count_diff",
    "normalise",
    "without_oauth1_params",
]

Client = Literal["newman", "curl", "python"]

#: Always meaningless: newman's per-request random token.
_ALWAYS_DROPPED: dict[Client, frozenset[str]] = {
    "newman": frozenset({"postman-token"}),
    "curl": frozenset(),
    "python": frozenset(),
}

#: (header, is-default-value) pairs each client adds on its own; dropped unless the collection
#: sets that header itself (then both clients must send the user's value).
_DEFAULTS: dict[Client, tuple[tuple[str, Callable[[bytes], bool]], ...]] = {
    "newman": (
        ("user-agent", lambda v: v.startswith(b"PostmanRuntime/")),
        ("cache-control", lambda v: v.lower() == b"no-cache"),
        ("accept-encoding", lambda v: v == b"gzip, deflate, br"),
        ("connection", lambda v: v.lower() == b"keep-alive"),
    ),
    "curl": (
        ("user-agent", lambda v: v.startswith(b"curl/")),
        ("proxy-connection", lambda v: v.lower() == b"keep-alive"),  # plain-HTTP proxying only
        ("expect", lambda v: v.lower() == b"100-continue"),  # large bodies
    ),
    "python": (  # httpx's defaults (br and zstd are added when their packages are installed)
        ("user-agent", lambda v: v.startswith(b"python-httpx/")),
        ("accept-encoding", lambda v: v.startswith(b"gzip, deflate")),
        ("connection", lambda v: v.lower() == b"keep-alive"),
    ),
}

_BOUNDARY_RE = re.compile(rb';\s*boundary=(?:"([^"]+)"|([^;\s]+))', re.IGNORECASE)
_MASKED_BOUNDARY = b"<boundary>"
_MASKED_LENGTH = b"<multipart length>"
#: Long values are cut in messages; the JSON report has them in full.
_SHOW = 300


@dataclass(frozen=True, slots=True)
class Part:
    """One multipart part: its headers as a sorted multiset, and its content bytes."""

    headers: tuple[tuple[str, bytes], ...]
    content: bytes

    def describe(self) -> str:
        names = dict(self.headers)
        return show(names.get("content-disposition", b"(no content-disposition)"), 120)


@dataclass(frozen=True, slots=True)
class Normalised:
    """What an origin server would act on, with client noise removed."""

    method: str
    origin: str  # scheme://authority
    target: bytes
    headers: tuple[tuple[str, bytes], ...]  # sorted multiset of (lower-cased name, value)
    body: bytes  # multipart: with the boundary masked
    parts: tuple[Part, ...] | None  # multipart bodies, parsed
    dropped: tuple[tuple[str, bytes], ...]  # the noise that was removed, for reports


@dataclass(frozen=True, slots=True)
class FieldDiff:
    """One field that differs, with both values as shown to a human."""

    key: str  # the mask key: "method", "origin", "target", "body" or "header:<name>"
    field: str
    left: str
    right: str

    def render(self, labels: tuple[str, str] = ("newman", "curl")) -> str:
        return f"{self.field}: {labels[0]}={self.left} | {labels[1]}={self.right}"


def _multipart_boundary(headers: Iterable[tuple[str, bytes]]) -> bytes | None:
    for name, value in headers:
        if name == "content-type" and value.lower().startswith(b"multipart/"):
            match = _BOUNDARY_RE.search(value)
            if match:
                return match.group(1) or match.group(2)
    return None


def _parse_multipart(body: bytes, boundary: bytes) -> tuple[Part, ...] | None:
    """Parts in order; None when the body is not well-formed multipart (then bytes compare)."""
    delimiter = b"--" + boundary
    segments = body.split(delimiter)
    if len(segments) < 2 or segments[0] not in (b"", b"\r\n") or not segments[-1].startswith(b"--"):
        return None
    parts: list[Part] = []
    for segment in segments[1:-1]:
        if not (segment.startswith(b"\r\n") and segment.endswith(b"\r\n")):
            return None
        head, sep, content = segment[2:-2].partition(b"\r\n\r\n")
        if not sep:  # a part with no headers: the blank line follows the delimiter directly
            if not segment[2:].startswith(b"\r\n"):
                return None
            head, content = b"", segment[4:-2]
        headers: list[tuple[str, bytes]] = []
        for line in head.split(b"\r\n") if head else []:
            name, colon, value = line.partition(b":")
            if not colon:
                return None
            headers.append((name.strip().lower().decode("latin-1"), value.strip()))
        parts.append(Part(tuple(sorted(headers)), content))
    return tuple(parts)


def normalise(record: EchoRecord, client: Client, user_headers: frozenset[str]) -> Normalised:
    """Drop ``client``'s noise from ``record``; ``user_headers`` are the header names (lower-case)
    the collection sets for this request, which are never treated as noise."""
    kept: list[tuple[str, bytes]] = []
    dropped: list[tuple[str, bytes]] = []
    defaults = dict(_DEFAULTS[client])
    for raw_name, value in record.headers:
        name = raw_name.decode("latin-1").strip().lower()
        is_default = defaults.get(name)
        if name in _ALWAYS_DROPPED[client] or (
            is_default is not None and name not in user_headers and is_default(value)
        ):
            dropped.append((name, value))
        else:
            kept.append((name, value))

    body, parts = record.body, None
    boundary = _multipart_boundary(kept)
    if boundary is not None:
        parts = _parse_multipart(record.body, boundary)
        body = record.body.replace(boundary, _MASKED_BOUNDARY)
        masked: list[tuple[str, bytes]] = []
        for name, value in kept:
            if name == "content-type":
                value = value.replace(boundary, _MASKED_BOUNDARY)
            elif name == "content-length":
                # the boundary's length is client-chosen; the server checked the real length
                value = _MASKED_LENGTH
            masked.append((name, value))
        kept = masked

    return Normalised(
        method=record.method,
        origin=f"{record.scheme}://{record.authority}",
        target=record.target,
        headers=tuple(sorted(kept)),
        body=body,
        parts=parts,
        dropped=tuple(dropped),
    )


#: The parameters Postman's oauth1 signer adds (after removing any the request already had).
OAUTH1_PARAMS = frozenset(
    {
        b"oauth_consumer_key",
        b"oauth_token",
        b"oauth_signature_method",
        b"oauth_timestamp",
        b"oauth_nonce",
        b"oauth_version",
        b"oauth_signature",
        b"oauth_callback",
        b"oauth_verifier",
        b"oauth_body_hash",
    }
)
_FORM_TYPE = b"application/x-www-form-urlencoded"


def _drop_oauth1(data: bytes) -> tuple[bytes, list[str]]:
    kept: list[bytes] = []
    dropped: list[str] = []
    for piece in data.split(b"&"):
        name = piece.partition(b"=")[0]
        if name in OAUTH1_PARAMS:
            dropped.append(name.decode("ascii"))
        else:
            kept.append(piece)
    return b"&".join(kept), dropped


def _is_form(request: Normalised) -> bool:
    return any(n == "content-type" and v.lower().startswith(_FORM_TYPE) for n, v in request.headers)


def without_oauth1_params(request: Normalised) -> tuple[Normalised, tuple[str, ...]]:
    """``request`` without oauth1 parameters in its query and form body, and which were there.

    With ``addParamsToHeader`` off Postman signs into the query (or a urlencoded POST/PUT
    body).  Those values are per send and a snippet cannot carry them (ours sends none), so both
    sides are compared without them.  A Content-Length that was the body's length follows it.
    """
    path, question, query = request.target.partition(b"?")
    dropped: list[str] = []
    target, body, headers = request.target, request.body, request.headers
    if question:
        query, names = _drop_oauth1(query)
        if names:
            dropped += [f"query {n}" for n in names]
            target = path + (b"?" + query if query else b"")
    if request.parts is None and _is_form(request):
        body, names = _drop_oauth1(request.body)
        if names:
            dropped += [f"body {n}" for n in names]
            old = b"%d" % len(request.body)
            headers = tuple(
                sorted(
                    (n, b"%d" % len(body) if n == "content-length" and v == old else v)
                    for n, v in headers
                )
            )
    if not dropped:
        return request, ()
    return replace(request, target=target, body=body, headers=headers), tuple(dropped)


@dataclass(slots=True)
class Comparison:
    """The fields that differ, and where wildcards or value rules made the others equal."""

    diffs: list[FieldDiff] = field(default_factory=list)
    #: e.g. "header x-id: $guid", "body: $timestamp", "header authorization: <rule why>"
    wildcards: list[str] = field(default_factory=list)
    #: values that were not compared at all (only their presence), e.g. "query token"
    unchecked: list[str] = field(default_factory=list)

    def used(self, where: str, names: Iterable[str]) -> None:
        unique = list(dict.fromkeys(names))
        if unique:
            self.wildcards.append(f"{where}: {', '.join(unique)}")


def _body_diff(field: str, left: bytes, right: bytes) -> FieldDiff:
    """Where two byte strings part ways, with a little context on both sides."""
    i = next(
        (k for k, (a, b) in enumerate(zip(left, right, strict=False)) if a != b),
        min(len(left), len(right)),
    )
    start = max(0, i - 40)
    return FieldDiff(
        "body",
        f"{field} (lengths {len(left)} vs {len(right)}, first difference at byte {i})",
        repr(("..." if start else "") + show(left[start : i + 80])),
        repr(("..." if start else "") + show(right[start : i + 80])),
    )


def _compare_parts(
    left: tuple[Part, ...], right: tuple[Part, ...], result: Comparison
) -> list[FieldDiff]:
    diffs: list[FieldDiff] = []
    if len(left) != len(right):
        diffs.append(
            FieldDiff(
                "body",
                "body multipart part count",
                f"{len(left)} {[p.describe() for p in left]}",
                f"{len(right)} {[p.describe() for p in right]}",
            )
        )
    for index, (a, b) in enumerate(zip(left, right, strict=False)):
        matches = [
            (na == nb, *match_value(va, vb, "part-header"))
            for (na, va), (nb, vb) in zip(a.headers, b.headers, strict=False)
        ]
        if len(a.headers) == len(b.headers) and all(same and ok for same, ok, _ in matches):
            result.used(f"body part {index} headers", (n for *_, names in matches for n in names))
        else:
            diffs.append(
                FieldDiff(
                    "body",
                    f"body part {index} headers",
                    repr([(n, show(v, _SHOW)) for n, v in a.headers]),
                    repr([(n, show(v, _SHOW)) for n, v in b.headers]),
                )
            )
        ok, names = match_value(a.content, b.content, "text")
        if ok:
            result.used(f"body part {index} content", names)
        else:
            diffs.append(
                _body_diff(f"body part {index} ({a.describe()}) content", a.content, b.content)
            )
    return diffs


def count_diff(name: str, a: Sequence[object], b: Sequence[object]) -> FieldDiff:
    """A header whose values cannot match, sent a different number of times."""
    return FieldDiff(
        f"header:{name}",
        f"header {name} (value not comparable)",
        f"sent {len(a)}x" if a else "(absent)",
        f"sent {len(b)}x" if b else "(absent)",
    )


def _pairing(
    left: list[bytes], right: list[bytes], same: Callable[[bytes, bytes], bool]
) -> list[tuple[int, int]] | None:
    """A one-to-one pairing of the values under ``same``, if one exists (augmenting paths, so
    a wildcard cannot take the value that an exact twin needs)."""
    if len(left) != len(right):
        return None
    owner: dict[int, int] = {}  # right index -> left index

    def place(i: int, seen: set[int]) -> bool:
        for j, value in enumerate(right):
            if j not in seen and same(left[i], value):
                seen.add(j)
                if j not in owner or place(owner[j], seen):
                    owner[j] = i
                    return True
        return False

    if not all(place(i, set()) for i in range(len(left))):
        return None
    return sorted((i, j) for j, i in owner.items())


def _content_length_fits(left: list[bytes], right: list[bytes], delta: int) -> bool:
    """One Content-Length each, differing by exactly the bytes the body's wildcards took."""
    return (
        len(left) == len(right) == 1
        and left[0].isdigit()
        and right[0].isdigit()
        and int(left[0]) == int(right[0]) + delta
    )


def compare_requests(
    left: Normalised,
    right: Normalised,
    masked: frozenset[str] = frozenset(),
    rules: Mapping[str, ValueRule] | None = None,
) -> Comparison:
    """Every field that differs; ``right`` (the snippet's request) may carry placeholders.

    ``masked`` fields ("target", "body", "header:<name>") are not compared, except that a masked
    header must still be present as often on both sides.  ``rules`` compare the values of the
    headers they name (lower-case) when those are computed at send time.
    """
    rules = rules or {}
    result = Comparison()
    diffs = result.diffs
    if left.method != right.method and "method" not in masked:
        diffs.append(FieldDiff("method", "method", left.method, right.method))
    if left.origin != right.origin and "origin" not in masked:
        ok, names = match_value(left.origin.encode(), right.origin.encode(), "host")
        if ok:
            result.used("origin", names)
        else:
            diffs.append(FieldDiff("origin", "origin", left.origin, right.origin))
    if left.target != right.target and "target" not in masked:
        ok, names = match_value(left.target, right.target, "target")
        if ok:
            result.used("path+query", names)
        else:
            diffs.append(
                FieldDiff("target", "path+query", repr(show(left.target)), repr(show(right.target)))
            )

    # the body first: what its wildcards took is what Content-Length may differ by
    body_diffs: list[FieldDiff] = []
    delta = 0
    if "body" not in masked:
        if left.parts is not None and right.parts is not None:
            body_diffs = _compare_parts(left.parts, right.parts, result)
        elif left.body != right.body:
            context: Context = "form" if _is_form(right) else "text"
            ok, names = match_value(left.body, right.body, context)
            if ok:
                result.used("body", names)
                delta = len(left.body) - len(right.body)
            else:
                body_diffs.append(_body_diff("body", left.body, right.body))

    if Counter(left.headers) != Counter(right.headers):
        names_all = sorted({n for n, _ in left.headers} | {n for n, _ in right.headers})
        for name in names_all:
            a = sorted(v for n, v in left.headers if n == name)
            b = sorted(v for n, v in right.headers if n == name)
            if a == b:
                continue
            if f"header:{name}" in masked:
                # the value cannot match, but the header must still be sent (as often)
                if len(a) != len(b):
                    diffs.append(count_diff(name, a, b))
                continue
            rule = rules.get(name)
            if rule is not None:
                if _pairing(a, b, rule.check) is not None:
                    result.wildcards.append(f"header {name}: {rule.why}")
                    continue
            elif name == "content-length" and delta:
                if _content_length_fits(a, b, delta):
                    result.wildcards.append(f"header {name}: {delta:+d} bytes from body wildcards")
                    continue
            else:
                pairs = _pairing(a, b, lambda x, y: match_value(x, y, "header")[0])
                if pairs is not None:
                    result.used(
                        f"header {name}",
                        (n for i, j in pairs for n in match_value(a[i], b[j], "header")[1]),
                    )
                    continue
            diffs.append(
                FieldDiff(
                    f"header:{name}",
                    f"header {name}" + (f" ({rule.why})" if rule is not None else ""),
                    " + ".join(repr(show(v, _SHOW)) for v in a) or "(absent)",
                    " + ".join(repr(show(v, _SHOW)) for v in b) or "(absent)",
                )
            )
    diffs.extend(body_diffs)
    return result


def compare(
    left: Normalised,
    right: Normalised,
    masked: frozenset[str] = frozenset(),
    rules: Mapping[str, ValueRule] | None = None,
) -> list[FieldDiff]:
    """The differing fields only (see :func:`compare_requests`)."""
    return compare_requests(left, right, masked, rules).diffs
