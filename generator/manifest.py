"""postgen-manifest.json: what was generated for every collection item (a stable contract)."""

from __future__ import annotations

import functools
import hashlib
import json
import json.encoder
from collections.abc import Mapping
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from generator.model.operation import Collection

__all__ = ["MANIFEST", "manifest_text", "read_manifest_files"]

MANIFEST = PurePosixPath("postgen-manifest.json")


def manifest_text(
    collection: Collection,
    version: str,
    package: str,
    outputs: Mapping[str, Mapping[str, str]],
    files: Mapping[PurePosixPath, str],
) -> str:
    """The manifest JSON: one entry per request in collection order, file hashes sorted."""
    # Here, not at the top: reading a manifest (the cache, write) must stay cheap to import.
    from generator.parser.secrets import redact_url
    from generator.postman.wire import url_label

    operations = []
    for op in collection.operations:
        entry: dict[str, Any] = {
            "item_path": list(op.item_path),
            "item_id": op.item_id,
            "pointer": op.pointer,
            "method": op.method,
            "url": redact_url(url_label(op.url)),
        }
        entry.update(outputs.get(op.pointer, {}))
        operations.append(entry)
    document = {
        "generator": f"postgen {version}",
        "collection": {
            "name": collection.name,
            "postman_id": collection.postman_id,
            "schema": collection.schema,
        },
        "package": package,
        "operations": _OPERATIONS,
        "files": _FILES,
    }
    hashes = {
        str(path): hashlib.sha256(text.encode("utf-8")).hexdigest()
        for path, text in sorted(files.items())
    }
    text = json.dumps(document, indent=2, ensure_ascii=False)
    text = text.replace(json.dumps(_OPERATIONS), _indented_list(operations), 1)
    text = text.replace(json.dumps(_FILES), _indented_dict(hashes), 1)
    return _visible_json(text) + "\n"


# The document is written as json.dumps(indent=2) writes it (the golden cases' manifests,
# written that way before, hold the two equal), with its two long parts made apart: each
# operation's entry is remembered (see memo.py), and the file hashes need no general encoder.
_OPERATIONS = "\x00operations\x00"
_FILES = "\x00files\x00"
_LEVEL = "\n    "
"""A line break and the indentation of what the document's lists and objects hold."""


def _entry(entry: dict[str, Any]) -> str:
    return json.dumps(entry, indent=2, ensure_ascii=False).replace("\n", _LEVEL)


def _indented_list(entries: list[dict[str, Any]]) -> str:
    from generator.memo import remembered_text  # (cache.py, which the memo uses, reads us)

    if not entries:
        return "[]"
    texts = (
        remembered_text(("manifest entry", entry), functools.partial(_entry, entry))
        for entry in entries
    )
    return "[" + _LEVEL + ("," + _LEVEL).join(texts) + "\n  ]"


def _indented_dict(values: dict[str, str]) -> str:
    if not values:
        return "{}"
    encode = json.encoder.encode_basestring  # what json.dumps uses with ensure_ascii=False
    lines = (f"{encode(key)}: {encode(value)}" for key, value in values.items())
    return "{" + _LEVEL + ("," + _LEVEL).join(lines) + "\n  }"


def _visible_json(text: str) -> str:
    """JSON text with every character that is not printable (NUL, U+2028, bidi controls, lone
    surrogates) written as a ``\\u`` escape: the file shows what it holds (no Trojan Source)
    and is always valid UTF-8. JSON strings are the only place such characters can be."""
    return "\n".join(
        line
        if line.isprintable()
        else "".join(ch if ch.isprintable() else _json_escape(ch) for ch in line)
        for line in text.split("\n")
    )


def _json_escape(ch: str) -> str:
    code = ord(ch)
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def read_manifest_files(text: str) -> set[str]:
    """The files an earlier run wrote, from its manifest, as normal relative POSIX paths
    (empty when unreadable)."""
    try:
        document = json.loads(text)
    except ValueError:
        return set()
    files = document.get("files") if isinstance(document, dict) else None
    if not isinstance(files, dict):
        return set()
    out = set()
    for name in files:
        if not isinstance(name, str):
            continue
        parts = name.split("/")
        if "" in parts or "." in parts:  # a manifest postgen wrote has only normal paths
            name = str(PurePosixPath(name))
            parts = name.split("/")
        # Never trust a manifest to point outside OUT.
        if not name.startswith("/") and ".." not in parts and name != ".":
            out.add(name)
    return out
