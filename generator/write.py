"""Writing a FileSet atomically (stage, then swap directories) and checking OUT against it."""

from __future__ import annotations

import ctypes
import ctypes.util
import difflib
import functools
import os
import shutil
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from generator.errors import PostgenError
from generator.manifest import MANIFEST, read_manifest_files

__all__ = ["Difference", "Written", "compare", "recover", "write"]

_STAGE = ".postgen-stage-"
_OLD = ".postgen-old-"


@dataclass(frozen=True, slots=True)
class Difference:
    """How OUT differs from what would be generated now."""

    missing: tuple[PurePosixPath, ...]
    extra: tuple[PurePosixPath, ...]
    changed: tuple[PurePosixPath, ...]
    diff: str

    def __bool__(self) -> bool:
        return bool(self.missing or self.extra or self.changed)


@dataclass(frozen=True, slots=True)
class Written:
    """What one write did to OUT: paths relative to OUT, each in sorted order.

    True when anything changed (so ``if write(...)`` still reads "was OUT rewritten?").
    """

    written: tuple[PurePosixPath, ...]
    """Files created or whose content changed."""
    unchanged: tuple[PurePosixPath, ...]
    removed: tuple[PurePosixPath, ...]
    """Files an earlier run generated that this one does not (deleted from OUT)."""

    def __bool__(self) -> bool:
        return bool(self.written or self.removed)


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def _previous(out: Path) -> set[PurePosixPath]:
    text = _read(out / MANIFEST)
    return read_manifest_files(text) | {MANIFEST} if text is not None else set()


def compare(files: Mapping[PurePosixPath, str], out: Path, *, diff: bool = True) -> Difference:
    """Compare OUT with `files`; only files postgen owns (per OUT's manifest) count as extra.
    ``diff=False`` leaves the unified diff out (writing needs only the lists)."""
    missing, changed, chunks = [], [], []
    for path, text in files.items():
        current = _read(out / path)
        if current is None:
            missing.append(path)
            chunks.append(f"missing: {path}\n")
        elif current != text:
            changed.append(path)
            if diff:
                chunks.extend(
                    difflib.unified_diff(
                        current.splitlines(keepends=True),
                        text.splitlines(keepends=True),
                        f"a/{path}",
                        f"b/{path}",
                    )
                )
    extra = sorted(p for p in _previous(out) - set(files) if (out / p).exists())
    chunks.extend(f"extra: {p}\n" for p in extra)
    return Difference(tuple(missing), tuple(extra), tuple(changed), "".join(chunks))


@functools.cache
def _libc() -> ctypes.CDLL | None:
    name = ctypes.util.find_library("c")
    try:
        return ctypes.CDLL(name, use_errno=True) if name else None
    except OSError:
        return None


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two directories (Linux renameat2 RENAME_EXCHANGE); False if unsupported."""
    libc = _libc()
    renameat2 = getattr(libc, "renameat2", None) if libc is not None else None
    if renameat2 is None:
        return False
    at_fdcwd, rename_exchange = -100, 2
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    return bool(result == 0)


def recover(out: Path) -> None:
    """Finish or undo an interrupted earlier run, so OUT is whole before we start."""
    for leftover in out.parent.glob(f".{out.name}{_STAGE}*"):
        shutil.rmtree(leftover, ignore_errors=True)
    for old in out.parent.glob(f".{out.name}{_OLD}*"):
        if not out.exists():
            old.rename(out)  # the swap was cut between its two renames: put it back
        else:
            shutil.rmtree(old, ignore_errors=True)


def write(files: Mapping[PurePosixPath, str], out: Path) -> Written:
    """Make OUT hold `files`, all or nothing; the result is false when it already did.

    Files an earlier run generated and this one does not are removed; anything else in OUT
    (files postgen never wrote) is carried over untouched (hard-linked into the new tree).
    """
    out = out.absolute()
    if out.exists() and not out.is_dir():
        raise PostgenError(f"{out}: output path exists and is not a directory")
    recover(out)
    if out.exists():
        difference = compare(files, out, diff=False)
        written = tuple(sorted(difference.missing + difference.changed))
        result = Written(
            written,
            tuple(sorted(set(files) - set(written))),
            tuple(sorted(difference.extra)),
        )
    else:
        result = Written(tuple(sorted(files)), (), ())
    if not result:
        return result
    previous = _previous(out) if out.exists() else set()
    out.parent.mkdir(parents=True, exist_ok=True)
    stage = out.parent / f".{out.name}{_STAGE}{os.getpid()}"
    try:
        stage.mkdir()
        if out.exists():
            _carry_over(out, stage, previous | set(files))
        _fill(stage, files, out, set(result.unchanged))
        if not out.exists():
            stage.rename(out)
            return result
        if _exchange(stage, out):
            shutil.rmtree(stage, ignore_errors=True)
            return result
        old = out.parent / f".{out.name}{_OLD}{os.getpid()}"
        out.rename(old)
        stage.rename(out)
        shutil.rmtree(old, ignore_errors=True)
        return result
    except OSError as error:
        raise PostgenError(f"{out}: cannot write output: {error.strerror or error}") from None
    finally:
        if stage.exists():
            shutil.rmtree(stage, ignore_errors=True)


def _fill(
    stage: Path, files: Mapping[PurePosixPath, str], out: Path, unchanged: set[PurePosixPath]
) -> None:
    """Put ``files`` into the staging tree, durably: a file OUT already holds as it is gets
    hard-linked from there (a one-request change rewrites one request's files, not the
    tree); the others are written, then flushed to disk with one ``syncfs`` (Linux), else a
    ``fsync`` each, before the swap makes them OUT."""
    written: list[Path] = []
    for path, text in files.items():
        target = stage / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if path in unchanged:
            try:
                os.link(out / path, target)
                continue
            except OSError:
                pass  # another filesystem, or no hard links: write it
        with open(target, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        if path.suffix == ".sh":
            target.chmod(0o755)
        written.append(target)
    if written and not _syncfs(stage):
        for target in written:
            descriptor = os.open(target, os.O_RDONLY)
            try:
                os.fsync(descriptor)
            finally:
                os.close(descriptor)


def _syncfs(directory: Path) -> bool:
    """Flush the filesystem holding ``directory`` (Linux ``syncfs``); False if unsupported."""
    libc = _libc()
    syncfs = getattr(libc, "syncfs", None) if libc is not None else None
    if syncfs is None:
        return False
    descriptor = os.open(directory, os.O_RDONLY)
    try:
        return bool(syncfs(descriptor) == 0)
    finally:
        os.close(descriptor)


def _carry_over(out: Path, stage: Path, owned: set[PurePosixPath]) -> None:
    """Hard-link every file postgen does not own from OUT into the staging tree."""
    for root, dirs, names in os.walk(out):
        here = Path(root)
        rel_root = here.relative_to(out)
        if here != out and not dirs and not names:
            (stage / rel_root).mkdir(parents=True, exist_ok=True)  # a user's empty folder
        links = [d for d in dirs if (here / d).is_symlink()]  # os.walk does not enter these
        for name in [*names, *links]:
            rel = PurePosixPath(*rel_root.parts, name)
            if rel in owned:
                continue
            target = stage / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            source = here / name
            if source.is_symlink():
                target.symlink_to(os.readlink(source))
                continue
            try:
                os.link(source, target)
            except OSError:
                shutil.copy2(source, target)
