"""Curl scripts that resend a recorded newman request byte for byte.

They stand in for the generator when proving the harness itself: if the echo proxy, the
clients and the comparison are right, a faithful replay must compare equal on every item.  They
also show the snippet writer which curl options reproduce newman exactly.
"""

from __future__ import annotations

import shlex
from collections.abc import Collection
from pathlib import Path

from .echo_proxy import EchoRecord

__all__ = ["write_replay_script"]

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
