"""Curl scripts that resend a recorded newman request byte for byte.

They stand in for the generator when proving the harness itself: if the echo proxy, the
clients and the comparison are right, a faithful replay must compare equal on every item.  They
also show the snippet writer which curl options reproduce newman exactly.
"""

from __future__ import annotations

import shlex
from collections.abc import Collection, Mapping
from dataclasses import replace
from pathlib import Path

from .collection_facts import Leaf, effective_auth, resolve
from .echo_proxy import EchoRecord
from .wildcards import template

__all__ = ["with_placeholders", "write_replay_script"]

#: Auth schemes whose header a snippet sends as ``{{<type>_authorization}}``.
_PLACEHOLDER_AUTH = ("oauth1", "hawk", "edgegrid", "asap", "jwt")

#: Headers curl adds on its own; removed (``-H 'Name:'``) when newman did not send them.
_CURL_DEFAULTS = ("accept", "user-agent", "content-type", "expect")


def _quote(data: bytes) -> str:
    # latin-1 maps bytes 1:1 to code points, so the script file keeps the exact bytes
    return shlex.quote(data.decode("latin-1"))


def write_replay_script(
    record: EchoRecord, path: Path, noise: Collection[tuple[str, bytes]] = ()
) -> Path:
    """Write ``path`` (and ``path.body`` when there is a body); returns ``path``.

    ``noise`` holds the (lower-cased name, value) pairs that are newman's own defaults (see
    ``compare.normalise``): a snippet must not copy them, curl's own defaults take their place.
    """
    args = [
        "curl",
        "-sS",
        "-X",
        _quote(record.method.encode()),
        "--request-target",
        _quote(record.target),
    ]
    names: set[str] = set()
    for raw_name, value in record.headers:
        name = raw_name.lower().decode("latin-1")
        if (name, value) in noise:
            continue
        names.add(name)
        # `-H 'X:'` would delete the header; `-H 'X;'` is curl's spelling of an empty value
        header = raw_name + b";" if value == b"" else raw_name + b": " + value
        args += ["-H", _quote(header)]
    for default in _CURL_DEFAULTS:
        if default not in names:
            args += ["-H", _quote(default.encode() + b":")]
    if record.body or record.chunked:
        body_file = path.with_suffix(".body")
        body_file.write_bytes(record.body)
        args += ["--data-binary", _quote(b"@" + str(body_file).encode())]
    args.append(_quote(f"{record.scheme}://{record.authority}/".encode()))
    path.write_bytes((" ".join(args) + "\n").encode("latin-1"))
    return path


def _fix_length(
    headers: list[tuple[bytes, bytes]], old: bytes, new: bytes
) -> list[tuple[bytes, bytes]]:
    """A Content-Length that measured ``old`` now measures ``new``."""
    was = b"%d" % len(old)
    return [
        (n, b"%d" % len(new) if n.lower() == b"content-length" and v == was else v)
        for n, v in headers
    ]


def with_placeholders(record: EchoRecord, leaf: Leaf, variables: Mapping[str, str]) -> EchoRecord:
    """``record`` with newman's per-send values put back as the placeholders a snippet sends.

    Replaying newman's own request would repeat an old ``$guid`` or signature that the next
    newman run does not send.  This covers what the replayed collections hold: header values
    and raw bodies with dynamic variables (replaced only where the collection's text, as a
    template, matches what newman sent), and the Authorization of per-send auth schemes.
    """
    request = leaf.request
    headers = list(record.headers)
    declared = request.get("header")
    for header in declared if isinstance(declared, list) else []:
        if not isinstance(header, Mapping) or header.get("disabled"):
            continue
        value = resolve(str(header.get("value", "")), variables).encode()
        pattern = template(value, "header")
        if pattern is None:
            continue
        name = resolve(str(header.get("key", "")), variables).strip().lower().encode()
        for i, (n, v) in enumerate(headers):
            if n.lower() == name and pattern.matches(v):
                headers[i] = (n, value)
                break
    auth = effective_auth(leaf)
    kind = str(auth.get("type")) if auth is not None else ""
    if kind in _PLACEHOLDER_AUTH:
        placeholder = b"{{%s_authorization}}" % kind.encode()
        headers = [(n, placeholder if n.lower() == b"authorization" else v) for n, v in headers]
    body = record.body
    declared_body = request.get("body")
    if isinstance(declared_body, Mapping) and isinstance(declared_body.get("raw"), str):
        raw = resolve(declared_body["raw"], variables).encode()
        pattern = template(raw, "text")
        if pattern is not None and pattern.matches(body):
            headers, body = _fix_length(headers, body, raw), raw
    return replace(record, headers=tuple(headers), body=body)
