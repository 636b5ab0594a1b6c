"""Writing a FileSet atomically (stage, then swap directories) and checking OUT against it."""

from __future__ import annotations

import functools
import operator
import os
import shutil
import subprocess
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Final

from generator.errors import PostgenError
from generator.manifest import MANIFEST, file_hash, read_manifest_files

if TYPE_CHECKING:
    import ctypes

__all__ = ["Difference", "Stage", "Written", "compare", "recover", "write"]

_STAGE = ".postgen-stage-"
_OLD = ".postgen-old-"
_LINK_TREE = Path(__file__).with_name("link_tree.py")
_LINKED_FROM: Final = 256 * 1024
"""The size of OUT's manifest from which its tree is linked into the stage by a helper
process (some 200 requests): below it, starting one costs more than linking here."""


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


def _read(path: str | Path) -> str | None:
    try:
        with open(path, encoding="utf-8") as handle:
            return handle.read()
    except (OSError, UnicodeDecodeError):
        return None


def _sorted(paths: Iterable[PurePosixPath]) -> tuple[PurePosixPath, ...]:
    """Paths in their order, compared by parts in C (not by a Python ``__lt__`` each time)."""
    return tuple(sorted(paths, key=operator.attrgetter("parts")))


def _holds(path: str, text: str) -> bool:
    """Whether the file holds exactly ``text`` (UTF-8): compared as bytes, read no further
    than one byte past its length (a run compares thousands of files that did not change)."""
    data = text.encode("utf-8")
    try:
        descriptor = os.open(path, os.O_RDONLY)
    except OSError:
        return False
    try:
        return os.read(descriptor, len(data) + 1) == data
    except OSError:
        return False
    finally:
        os.close(descriptor)


def _previous(out: Path) -> set[str]:
    """The files the last run wrote to OUT (its manifest's), as relative POSIX paths."""
    text = _read(out / MANIFEST)
    return read_manifest_files(text) | {str(MANIFEST)} if text is not None else set()


def compare(files: Mapping[PurePosixPath, str], out: Path, *, diff: bool = True) -> Difference:
    """Compare OUT with `files`; only files postgen owns (per OUT's manifest) count as extra.
    ``diff=False`` leaves the unified diff out (writing needs only the lists)."""
    import difflib  # here: a run that writes never diffs

    missing, changed, chunks = [], [], []
    base = str(out)
    for path, text in files.items():
        current = _read(f"{base}/{path}")
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
    made = {str(path) for path in files}
    extra = sorted(PurePosixPath(p) for p in _previous(out) - made if (out / p).exists())
    chunks.extend(f"extra: {p}\n" for p in extra)
    return Difference(tuple(missing), tuple(extra), tuple(changed), "".join(chunks))


@functools.cache
def _libc() -> ctypes.CDLL | None:
    """The C library's functions, as the running Python has them linked (dlopen of NULL):
    no ``ctypes.util.find_library``, which imports subprocess machinery and runs ldconfig."""
    import ctypes  # here: only the end of a run needs it

    try:
        return ctypes.CDLL(None, use_errno=True)
    except (OSError, TypeError):  # (Windows has no such handle)
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
    stage = Stage(out)
    try:
        return stage.finish(files)
    finally:
        stage.discard()


class Stage:
    """OUT's next tree, built next to it and swapped in whole by :meth:`finish`.

    Files can be put in while the rest of the run is still rendering (the write overlaps
    the render); a file OUT already holds as it is is not written but hard-linked, so an
    up-to-date OUT is never touched. Until ``finish`` swaps, OUT is the old tree;
    ``discard`` (or a crash: the next run's :func:`recover`) throws the new one away.

    A large OUT is linked into the stage whole by a helper process (link_tree.py) as the
    stage is made, on another core while the run renders; a file put then replaces its
    link, and one no longer made is unlinked. Otherwise the stage starts empty and the
    files OUT holds as they are, and what postgen does not own, are linked at the end.
    """

    _count = 0

    def __init__(self, out: Path) -> None:
        out = out.absolute()
        if out.exists() and not out.is_dir():
            raise PostgenError(f"{out}: output path exists and is not a directory")
        recover(out)
        Stage._count += 1
        self.out = out
        self.existed = out.exists()
        self.dir = out.parent / f".{out.name}{_STAGE}{os.getpid()}-{Stage._count}"
        self.changed: dict[PurePosixPath, bool] = {}
        """Every path put so far: True when written into the stage (new or different)."""
        self._written: list[str] = []
        self._made: set[str] = set()
        """Directories of the stage made so far (one mkdir each, not one per file)."""
        self._linker = _start_linking(out, self.dir) if self.existed else None
        self._linked = False
        """Whether the stage began as OUT's tree linked whole (by the helper)."""
        self._hashes: dict[str, str] = {}
        """The sha256 of each file the helper linked, by relative path."""

    def put(self, files: Mapping[PurePosixPath, str]) -> None:
        """Stage ``files`` (new or different ones are written now, the others linked)."""
        self._settle()
        # Linked whole, the stage's own file is the one compared: it is what will be OUT.
        base = str(self.dir if self._linked else self.out)
        hashes = self._hashes
        try:
            for path, text in files.items():
                name = str(path)
                linked = hashes.get(name)
                if linked is not None:
                    same = linked == file_hash(text)
                else:
                    same = self.existed and _holds(f"{base}/{name}", text)
                if same:
                    self.changed[path] = False
                    continue
                self._write(path, text)
                self.changed[path] = True
        except OSError as error:
            raise self._error(error) from None

    def finish(self, files: Mapping[PurePosixPath, str]) -> Written:
        """Make OUT hold ``files`` (a superset of all that was put), all or nothing."""
        self.put({path: text for path, text in files.items() if path not in self.changed})
        assert self.changed.keys() <= files.keys(), "a staged file the run does not make"
        previous = _previous(self.out) if self.existed else set()
        made = {str(path) for path in files}
        removed = _sorted(
            PurePosixPath(p) for p in previous - made if os.path.exists(f"{self.out}/{p}")
        )
        result = Written(
            _sorted(p for p, changed in self.changed.items() if changed),
            _sorted(p for p, changed in self.changed.items() if not changed),
            removed,
        )
        if not result:
            return result
        out, stage = self.out, self.dir
        try:
            if self._linked:
                for path in removed:
                    _unlink(stage, str(path))
            elif self.existed:
                for path in result.unchanged:
                    self._link(path, files[path])
                _carry_over(out, stage, previous | made)
            _flush(stage, self._written)
            if not self.existed:
                stage.rename(out)
            elif not _exchange(stage, out):
                old = out.parent / f".{out.name}{_OLD}{os.getpid()}"
                out.rename(old)
                stage.rename(out)
                shutil.rmtree(old, ignore_errors=True)
        except OSError as error:
            raise self._error(error) from None
        return result

    def discard(self) -> None:
        """Throw the staged tree away (after a swap it holds the old OUT)."""
        if self._linker is not None:
            self._linker.kill()
            self._linker.communicate()
            self._linker = None
        if self.dir.exists():
            shutil.rmtree(self.dir, ignore_errors=True)

    def _target(self, path: PurePosixPath) -> str:
        name = str(path)
        parent = name.rpartition("/")[0]
        if parent not in self._made:
            os.makedirs(f"{self.dir}/{parent}", exist_ok=True)
            self._made.add(parent)
        return f"{self.dir}/{name}"

    def _settle(self) -> None:
        """Wait for the helper linking OUT into the stage; if it failed, start empty."""
        linker, self._linker = self._linker, None
        if linker is None:
            return
        listed, _ = linker.communicate()
        if linker.returncode == 0:
            self._linked = True
            # At "\n" only (not splitlines): a name may hold any other line break.
            for line in listed.decode("utf-8").split("\n"):
                digest, _, name = line.partition(" ")
                if name:
                    self._hashes[name] = digest
        else:
            shutil.rmtree(self.dir, ignore_errors=True)

    def _write(self, path: PurePosixPath, text: str) -> None:
        target = self._target(path)
        if self._linked:
            # A new file, never a write through the link into OUT's own.
            try:
                os.unlink(target)
            except FileNotFoundError:
                pass
        with open(target, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        if path.suffix == ".sh":
            os.chmod(target, 0o755)
        self._written.append(target)

    def _link(self, path: PurePosixPath, text: str) -> None:
        try:
            os.link(f"{self.out}/{path}", self._target(path))
        except OSError:
            self._write(path, text)  # another filesystem, or no hard links

    def _error(self, error: OSError) -> PostgenError:
        return PostgenError(f"{self.out}: cannot write output: {error.strerror or error}")


def _start_linking(out: Path, stage: Path) -> subprocess.Popen[bytes] | None:
    """The helper process linking a large OUT into ``stage`` (Linux; None otherwise)."""
    try:
        if not sys.platform.startswith("linux") or not sys.executable:
            return None
        if os.stat(out / MANIFEST).st_size < _LINKED_FROM:
            return None
        return subprocess.Popen(
            [sys.executable, "-I", "-S", str(_LINK_TREE), str(out), str(stage), str(os.getpid())],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
    except OSError:
        return None


def _unlink(stage: Path, name: str) -> None:
    """Remove a file from the stage, and the directories that it leaves empty."""
    try:
        os.unlink(f"{stage}/{name}")
    except FileNotFoundError:
        return  # gone from OUT after the stage was linked
    parts = name.split("/")[:-1]
    while parts:
        try:
            os.rmdir(f"{stage}/{'/'.join(parts)}")
        except OSError:
            return  # not empty
        parts.pop()


def _flush(stage: Path, written: list[str]) -> None:
    """Written files to disk before the swap makes them OUT: one ``syncfs`` (Linux), else
    a ``fsync`` each."""
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


def _carry_over(out: Path, stage: Path, owned: set[str]) -> None:
    """Hard-link every file postgen does not own (``owned``: relative POSIX paths) from OUT
    into the staging tree."""
    top = str(out)
    for root, dirs, names in os.walk(top):
        here = Path(root)
        rel_root = here.relative_to(out)
        prefix = "" if root == top else rel_root.as_posix() + "/"
        if root != top and not dirs and not names:
            (stage / rel_root).mkdir(parents=True, exist_ok=True)  # a user's empty folder
        links = [d for d in dirs if (here / d).is_symlink()]  # os.walk does not enter these
        for name in [*names, *links]:
            if prefix + name in owned:
                continue
            target = stage / (prefix + name)
            target.parent.mkdir(parents=True, exist_ok=True)
            source = here / name
            if source.is_symlink():
                target.symlink_to(os.readlink(source))
                continue
            try:
                os.link(source, target)
            except OSError:
                shutil.copy2(source, target)
