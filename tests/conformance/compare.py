"""Normalise two recorded requests and list every difference an origin server could see.

Only client noise is normalised away: the headers each client adds by default when the
collection did not set them (``Postman-Token``, the ``User-Agent`` defaults, newman's
``Cache-Control``/``Accept-Encoding``/``Connection``, curl's ``Proxy-Connection``/``Expect``) and
the random multipart boundary (with the ``Content-Length`` it changes).  Everything else --
method, origin, the raw path+query bytes, header values, body bytes -- must be identical.
Headers compare as a multiset of (lower-cased name, value), since only their order is free.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal

from .echo_proxy import EchoRecord, show

__all__ = ["Client", "FieldDiff", "Normalised", "Part", "compare", "normalise"]

Client = Literal["newman", "curl"]

#: Always meaningless: newman's per-request random token.
_ALWAYS_DROPPED: dict[Client, frozenset[str]] = {
    "newman": frozenset({"postman-token"}),
    "curl": frozenset(),
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


def _compare_parts(left: tuple[Part, ...], right: tuple[Part, ...]) -> list[FieldDiff]:
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
        if a.headers != b.headers:
            diffs.append(
                FieldDiff(
                    "body",
                    f"body part {index} headers",
                    repr([(n, show(v, _SHOW)) for n, v in a.headers]),
                    repr([(n, show(v, _SHOW)) for n, v in b.headers]),
                )
            )
        if a.content != b.content:
            diffs.append(
                _body_diff(f"body part {index} ({a.describe()}) content", a.content, b.content)
            )
    return diffs


def compare(
    left: Normalised, right: Normalised, masked: frozenset[str] = frozenset()
) -> list[FieldDiff]:
    """Every field that differs.  ``masked`` fields ("target", "body", "header:<name>") are not
    compared, except that a masked header must still be present as often on both sides."""
    diffs: list[FieldDiff] = []
    if left.method != right.method and "method" not in masked:
        diffs.append(FieldDiff("method", "method", left.method, right.method))
    if left.origin != right.origin and "origin" not in masked:
        diffs.append(FieldDiff("origin", "origin", left.origin, right.origin))
    if left.target != right.target and "target" not in masked:
        diffs.append(
            FieldDiff("target", "path+query", repr(show(left.target)), repr(show(right.target)))
        )

    left_headers, right_headers = Counter(left.headers), Counter(right.headers)
    if left_headers != right_headers:
        names = sorted({n for n, _ in left.headers} | {n for n, _ in right.headers})
        for name in names:
            a = sorted(v for n, v in left.headers if n == name)
            b = sorted(v for n, v in right.headers if n == name)
            if f"header:{name}" in masked:
                # the value cannot match, but the header must still be sent (as often)
                if len(a) != len(b):
                    diffs.append(
                        FieldDiff(
                            f"header:{name}",
                            f"header {name} (value not comparable)",
                            f"sent {len(a)}x" if a else "(absent)",
                            f"sent {len(b)}x" if b else "(absent)",
                        )
                    )
            elif a != b:
                diffs.append(
                    FieldDiff(
                        f"header:{name}",
                        f"header {name}",
                        " + ".join(repr(show(v, _SHOW)) for v in a) or "(absent)",
                        " + ".join(repr(show(v, _SHOW)) for v in b) or "(absent)",
                    )
                )

    if "body" not in masked:
        if left.parts is not None and right.parts is not None:
            diffs.extend(_compare_parts(left.parts, right.parts))
        elif left.body != right.body:
            diffs.append(_body_diff("body", left.body, right.body))
    return diffs
