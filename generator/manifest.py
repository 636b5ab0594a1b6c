"""postgen-manifest.json: what was generated for every collection item (a stable contract)."""

from __future__ import annotations

import functools
import hashlib
import json
import json.encoder
from collections.abc import Iterable, Mapping
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from generator.model.operation import Collection, Operation

__all__ = [
    "MANIFEST",
    "file_hash",
    "forget_hashes",
    "know_hash",
    "manifest_text",
    "read_manifest_files",
]

MANIFEST = PurePosixPath("postgen-manifest.json")


def manifest_text(
    collection: Collection,
    version: str,
    package: str,
    outputs: Mapping[str, Mapping[str, str]],
    files: Mapping[PurePosixPath, str],
) -> str:
    """The manifest JSON: one entry per request in collection order, file hashes sorted."""
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
    hashes = {str(path): file_hash(text) for path, text in sorted(files.items())}
    # Each part is made visible on its own (an entry once, when it is made).
    text = _visible_json(json.dumps(document, indent=2, ensure_ascii=False))
    entries = (_entry_text(op, outputs.get(op.pointer, {})) for op in collection.operations)
    text = text.replace(json.dumps(_OPERATIONS), _indented_list(entries), 1)
    text = text.replace(json.dumps(_FILES), _visible_json(_indented_dict(hashes)), 1)
    return text + "\n"


# The document is written as json.dumps(indent=2) writes it (the golden cases' manifests,
# written that way before, hold the two equal), with its two long parts made apart: each
# operation's entry is remembered (see memo.py), and the file hashes need no general encoder.
_OPERATIONS = "\x00operations\x00"
_FILES = "\x00files\x00"
_LEVEL = "\n    "
"""A line break and the indentation of what the document's lists and objects hold."""


_HASHED: dict[int, tuple[str, str]] = {}
"""Each text's sha256 by the text's id (with the text, which keeps the id its own)."""


def file_hash(text: str) -> str:
    """The sha256 the manifest lists for a file holding ``text`` (UTF-8), computed once for
    each text: writing compares the files it stages by it too (write.py)."""
    found = _HASHED.get(id(text))
    if found is None or found[0] is not text:
        found = _HASHED[id(text)] = (text, hashlib.sha256(text.encode("utf-8")).hexdigest())
    return found[1]


def know_hash(text: str, digest: str) -> None:
    """Take ``digest`` as ``text``'s :func:`file_hash` (remembered from when an earlier run
    made the same text: see memo.remembered_file)."""
    _HASHED[id(text)] = (text, digest)


def forget_hashes() -> None:
    """Let go of the texts hashed so far (a run's start: a long-lived process would keep
    every run's output otherwise)."""
    _HASHED.clear()


def _entry_text(op: Operation, outputs: Mapping[str, Any]) -> str:
    """One operation's entry, indented as in the document (remembered by the operation)."""
    from generator.memo import fingerprint, remembered_text  # (the memo's cache.py reads us)

    return remembered_text(
        ("manifest entry", fingerprint(op), outputs), functools.partial(_entry, op, outputs)
    )


def _entry(op: Operation, outputs: Mapping[str, Any]) -> str:
    # Here, not at the top: reading a manifest (the cache, write) must stay cheap to import.
    from generator.parser.secrets import redact_url
    from generator.postman.wire import url_label

    entry: dict[str, Any] = {
        "item_path": list(op.item_path),
        "item_id": op.item_id,
        "pointer": op.pointer,
        "method": op.method,
        "url": redact_url(url_label(op.url)),
    }
    entry.update(outputs)
    return _visible_json(json.dumps(entry, indent=2, ensure_ascii=False)).replace("\n", _LEVEL)


def _indented_list(texts: Iterable[str]) -> str:
    joined = ("," + _LEVEL).join(texts)
    return "[" + _LEVEL + joined + "\n  ]" if joined else "[]"


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
    if text.isascii() and "\x7f" not in text:
        return text  # json escapes every other ASCII control character itself
    return "\n".join(
        line
        if line.isprintable()
        else "".join(ch if ch.isprintable() else _json_escape(ch) for ch in line)
        for line in text.split("\n")
    )


_FILES_KEY = '\n  "files": '


def _files_part(text: str) -> object:
    """The manifest's ``files``. postgen writes them last, at the top level, so only that
    part is decoded (a sixth of a large manifest); a manifest laid out otherwise (edited by
    hand), or that part not decoding to an object, is decoded whole."""
    start = text.rfind(_FILES_KEY)
    if start != -1:
        try:
            part = json.loads(text[start + len(_FILES_KEY) : text.rfind("}")])
        except ValueError:
            part = None
        if isinstance(part, dict):
            return part
    try:
        document = json.loads(text)
    except ValueError:
        return None
    return document.get("files") if isinstance(document, dict) else None


def _json_escape(ch: str) -> str:
    code = ord(ch)
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def read_manifest_files(text: str) -> set[str]:
    """The files an earlier run wrote, from its manifest, as normal relative POSIX paths
    (empty when unreadable)."""
    files = _files_part(text)
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
