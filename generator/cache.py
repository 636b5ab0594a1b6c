"""Skipping a run whose inputs have not changed: the no-op regeneration and ``check``.

A run's output is a function of its inputs: the collection's and environment's bytes, the
options, the user's templates, and postgen itself (its code, templates and schemas, and the
black and Jinja2 releases). Their sha256 names an entry in the cache directory that records
what that run found: the hash of the manifest it wrote, its operation count and its warnings.
When OUT's manifest has that hash and every file the manifest lists has the hash it lists,
OUT is exactly what the run would write, so nothing is loaded, validated or rendered.

The cache only ever saves work: an entry that is missing, unreadable or stale means a full
run, and a cache directory that cannot be written is ignored. ``POSTGEN_CACHE_DIR`` moves it
(an empty value turns it off); ``--no-cache`` skips it for one run.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any, Final

from generator.config import Config
from generator.errors import Level, Problem
from generator.load import read_input
from generator.manifest import MANIFEST
from generator.resources import SCHEMA_DIR, templates_dir
from generator.version import __version__

__all__ = [
    "CACHE_ENV",
    "Cached",
    "cache_dir",
    "hash_tree",
    "inputs_key",
    "lookup",
    "postgen_digest",
    "remember",
]

CACHE_ENV: Final = "POSTGEN_CACHE_DIR"
_KEEP: Final = 256
"""Entries kept; older ones are removed when a new one is written."""
_KEEP_DIGESTS: Final = 16
"""Recorded digests of postgen itself kept (one per edit of its code or templates)."""


@dataclass(frozen=True, slots=True)
class Cached:
    """What an earlier run with the same inputs found; OUT is verified to be its output."""

    operations: int
    problems: tuple[Problem, ...]
    paths: tuple[PurePosixPath, ...]


def cache_dir() -> Path | None:
    """``$POSTGEN_CACHE_DIR``, else ``$XDG_CACHE_HOME/postgen``, else ``~/.cache/postgen``."""
    configured = os.environ.get(CACHE_ENV)
    if configured is not None:
        return Path(configured) if configured else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "postgen"


def hash_tree(digest: Any, root: Path) -> None:
    """Feed every file under ``root`` (relative name and bytes, in path order) to ``digest``:
    a user's templates folder, subfolders included."""
    _hash_files(digest, _files(str(root), "", ""))


def _hash_files(digest: Any, files: list[tuple[str, str]]) -> None:
    for name, path in files:
        digest.update(name.encode() + b"\0")
        with open(path, "rb") as handle:
            digest.update(handle.read() + b"\0")


def _own_trees() -> tuple[tuple[Path, str], ...]:
    """postgen's own files that shape its output: its code, schemas and templates."""
    return (
        (Path(__file__).resolve().parent, ".py"),
        (SCHEMA_DIR, ".json"),
        (templates_dir(), ".jinja"),
    )


@functools.cache
def postgen_digest() -> bytes:
    """postgen's own inputs to every run: its code, templates, schemas, black and Jinja2.

    Hashing them reads some 150 files and asks importlib.metadata for two versions (~25 ms
    with its import), so the digest is recorded in the cache directory under their sizes,
    modification times and inodes: found again by stat alone, as Python trusts a ``.pyc``.
    """
    directory = cache_dir()
    signature = _signature() if directory is not None else None
    entry = None if directory is None or signature is None else directory / "digests" / signature
    if entry is not None:
        try:
            recorded = bytes.fromhex(entry.read_text(encoding="ascii"))
            if len(recorded) == hashlib.sha256().digest_size:
                return recorded
        except (OSError, ValueError):
            pass
    digest = _digest()
    if entry is not None and _record(entry, digest.hex()):
        _prune(entry.parent, "*", _KEEP_DIGESTS)
    return digest


def _digest() -> bytes:
    import importlib.metadata  # here: its import costs ~20 ms, and the digest is recorded

    digest = hashlib.sha256(__version__.encode())
    for _, files in _own_files():
        _hash_files(digest, files)
    for package in ("black", "jinja2"):
        try:
            digest.update(f"{package}={importlib.metadata.version(package)}".encode())
        except importlib.metadata.PackageNotFoundError:
            digest.update(f"{package}=?".encode())
    return digest.digest()


def _signature() -> str | None:
    """What :func:`_digest` reads, by stat: each file's path, size, mtime and inode, and
    black's and Jinja2's own (an upgrade replaces them); None when any cannot be read."""
    import importlib.util

    parts: list[object] = [__version__]
    try:
        for root, files in _own_files():
            parts.append(root)
            parts.extend((name, _mark(path)) for name, path in files)
        for package in ("black", "jinja2"):
            spec = importlib.util.find_spec(package)
            origin = spec.origin if spec is not None else None
            parts.append((package, origin, origin and _mark(origin)))
    except (OSError, ImportError, ValueError):
        return None
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def _mark(path: str) -> tuple[int, int, int]:
    """A file's size, modification time and inode: it was not replaced or edited while they
    stay the same."""
    stat = os.stat(path)
    return stat.st_size, stat.st_mtime_ns, stat.st_ino


def _own_files() -> list[tuple[str, list[tuple[str, str]]]]:
    """Each of postgen's own trees with its files (relative name, path) in path order: what
    :func:`_digest` reads and :func:`_signature` stats, listed once for both."""
    return [(str(root), _files(str(root), "", suffix)) for root, suffix in _own_trees()]


def _files(root: str, prefix: str, suffix: str) -> list[tuple[str, str]]:
    """The files under ``root`` named ``*suffix``, ``__pycache__`` left out."""
    found = []
    with os.scandir(f"{root}/{prefix}" if prefix else root) as entries:
        for entry in sorted(entries, key=lambda e: e.name):
            if entry.is_dir():
                if entry.name != "__pycache__":
                    found += _files(root, f"{prefix}{entry.name}/", suffix)
            elif entry.name.endswith(suffix):
                found.append((prefix + entry.name, entry.path))
    return found


def _record(path: Path, text: str) -> bool:
    """Write a cache file atomically; False when it cannot be (that only costs time)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", dir=path.parent, delete=False, suffix=".tmp"
        ) as handle:
            handle.write(text)
        os.replace(handle.name, path)
    except OSError:
        return False
    return True


def inputs_key(config: Config) -> str | None:
    """The sha256 of everything ``config``'s run reads; None when an input is unreadable
    (the full run then reports it)."""
    digest = hashlib.sha256(postgen_digest())
    options = [
        str(config.collection),
        config.var_style.value,
        config.package,
        sorted(part.value for part in config.only),
        None if config.auth is None else config.auth.value,
        config.docs_base_url,
        None if config.environment is None else str(config.environment),
    ]
    digest.update(json.dumps(options).encode() + b"\0")
    try:
        for path in (config.collection, config.environment):
            if path is not None:
                digest.update(read_input(os.fspath(path)))
                digest.update(b"\0")
        if config.templates is not None:
            hash_tree(digest, config.templates)
    except OSError:
        return None
    return digest.hexdigest()


def _sha256(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def _entry_path(key: str) -> Path | None:
    directory = cache_dir()
    return None if directory is None else directory / "runs" / f"{key}.json"


def lookup(config: Config, key: str | None) -> Cached | None:
    """The earlier run of ``config``'s inputs (``key``: their :func:`inputs_key`), if OUT
    still holds exactly what it wrote."""
    assert config.out is not None
    entry_path = None if key is None else _entry_path(key)
    if entry_path is None:
        return None
    try:
        entry = json.loads(entry_path.read_text(encoding="utf-8"))
        manifest_text = (config.out / MANIFEST).read_bytes()
        if hashlib.sha256(manifest_text).hexdigest() != entry["manifest"]:
            return None
        files: dict[str, str] = json.loads(manifest_text)["files"]
        problems = tuple(
            Problem(file, pointer, message, Level(level))
            for file, pointer, message, level in entry["problems"]
        )
        operations = int(entry["operations"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    paths = [PurePosixPath(name) for name in files]
    if any(path.is_absolute() or ".." in path.parts for path in paths):
        return None
    for path, expected in zip(paths, files.values(), strict=True):
        if _sha256(config.out / path) != expected:
            return None
    return Cached(operations, problems, tuple(sorted([*paths, MANIFEST])))


def remember(
    key: str | None, manifest: str, operations: int, problems: tuple[Problem, ...]
) -> None:
    """Record what the run of the inputs ``key`` names found (after OUT was written or found
    up to date)."""
    entry_path = None if key is None else _entry_path(key)
    if entry_path is None:
        return
    entry = {
        "manifest": hashlib.sha256(manifest.encode("utf-8")).hexdigest(),
        "operations": operations,
        "problems": [[p.file, p.pointer, p.message, p.level.value] for p in problems],
    }
    if _record(entry_path, json.dumps(entry)):
        _prune(entry_path.parent, "*.json", _KEEP)


def _prune(directory: Path, pattern: str, keep: int) -> None:
    try:
        entries = sorted(directory.glob(pattern), key=lambda p: p.stat().st_mtime, reverse=True)
        for stale in entries[keep:]:
            stale.unlink(missing_ok=True)
    except OSError:
        pass
