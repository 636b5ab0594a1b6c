"""What a run made, remembered for the next run by the hash of what it was made from.

When one request of a large collection changes, nearly everything a run builds is built
from the same inputs as last time: the models inferred from the same bodies, the methods
of unchanged requests, their snippets, the docs pages and api modules of untouched
folders, the formatted blocks of unchanged Python. Each of those steps asks the memo with
its inputs (``remembered_text``/``remembered_value``): the key is the sha256 of their
marshal or pickle (:func:`_key`), and the inputs are all the step reads, so a hit is the
step's own result, and only what changed is built, rendered and formatted again.

Inputs stand in for themselves in other keys by their :func:`fingerprint`: an operation
by the collection item it was parsed from (:func:`made_of`), a remembered value by the key
it was found under, anything else pickled once per run.

Equal encodings mean equal inputs (postgen's code and templates aside, which name the memo
file), so a hit is always right; an input that pickles differently from run to run (a
frozenset of strings) only misses. One memo file per output directory, in the cache
directory (see cache.py), holds what the last runs used; it names postgen's own digest
and the user's templates, so a new postgen or an edited template starts afresh. It is
marshal records, each after its length (texts, and values pickled by postgen itself),
trusted like the rest of the user's cache directory. Any problem with it means building
everything, never a wrong file.
"""

from __future__ import annotations

import contextlib
import contextvars
import dataclasses
import enum
import functools
import hashlib
import io
import marshal
import mmap
import operator
import os
import pickle
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, Final, TypeVar, cast

from generator.cache import cache_dir, hash_tree, postgen_digest
from generator.config import Config
from generator.manifest import file_hash, know_hash

__all__ = [
    "Memo",
    "absorb",
    "carrying",
    "fingerprint",
    "keep",
    "lend",
    "made_of",
    "recall",
    "remembered_file",
    "remembered_text",
    "remembered_value",
    "remembered_values",
    "remembering",
    "share_known",
]

T = TypeVar("T")
Entry = str | bytes
"""A remembered text, or a remembered value (pickled)."""

_FORMAT: Final = 3
_LENGTH: Final = 8
"""Bytes of a record's length, which precedes it in the file."""
_KEEP: Final = 8
"""Memo files kept (one per OUT); the least recently used go first."""
_GROWTH: Final = 3
_CURRENT: contextvars.ContextVar[Memo | None] = contextvars.ContextVar("postgen_memo", default=None)


class Memo:
    """Entries by key: those the file holds (``known``) and those this run used (``used``),
    and the fingerprints of this run's objects."""

    __slots__ = ("known", "prints", "used", "whole")

    def __init__(self, known: dict[bytes, Entry] | None = None, *, whole: bool = True) -> None:
        self.known = known or {}
        self.whole = whole
        """Whether the file held nothing but whole records (else it is written anew: a
        record appended after a cut-off one would never be read)."""
        self.used: dict[bytes, Entry] = {}
        self.prints: dict[int, tuple[object, bytes | None]] = {}
        """Fingerprints by id, with the object (so that its id stays its own)."""

    @property
    def reused(self) -> int:
        """Steps this run found made by an earlier one."""
        return sum(1 for key in self.used if key in self.known)

    @property
    def made(self) -> int:
        """Steps this run made (and remembers for the next)."""
        return len(self.used) - self.reused

    def lookup(self, key: bytes) -> Entry | None:
        found = self.used.get(key)
        if found is None:
            found = self.known.get(key)
            if found is not None:
                self.used[key] = found
        return found


# -- keys and values ------------------------------------------------------------------------

_GETTERS: dict[type, tuple[Callable[[Any], Any], tuple[int, ...]] | None] = {}
"""Each dataclass's field values getter (a tuple, made in C) and the indexes of its set
fields; None for other classes."""


def _getter(cls: type) -> tuple[Callable[[Any], Any], tuple[int, ...]] | None:
    try:
        return _GETTERS[cls]
    except KeyError:
        found = None
        if dataclasses.is_dataclass(cls):
            fields = dataclasses.fields(cls)
            names = tuple(field.name for field in fields)
            getter = operator.attrgetter(*names) if len(names) > 1 else _one_tuple(names)
            # set[...], frozenset[...]
            sets = tuple(index for index, field in enumerate(fields) if "set" in str(field.type))
            found = getter, sets
        _GETTERS[cls] = found
        return found


def _one_tuple(names: tuple[str, ...]) -> Callable[[Any], tuple[Any, ...]]:
    """The getter of a dataclass with one field or none (attrgetter needs two to give a
    tuple)."""
    return lambda obj: tuple(getattr(obj, name) for name in names)


class _Reducers(dict[type, Callable[[Any], Any]]):
    """A pickler's reducers by exact type, each made on first sight by ``make`` (None:
    pickle's own way). The pickler looks a type up here in C, so only the objects that need
    a reducer cost a Python call."""

    def __init__(self, make: Callable[[type], Callable[[Any], Any] | None]) -> None:
        super().__init__()
        self._make = make
        self._declined: set[type] = set()

    def __missing__(self, cls: type) -> Callable[[Any], Any]:
        made = None if cls in self._declined else self._make(cls)
        if made is None:
            self._declined.add(cls)
            raise KeyError(cls)
        self[cls] = made
        return made


def _key_reducer(cls: type) -> Callable[[Any], Any] | None:
    """Keys are never loaded: a dataclass as its class and field values (without the
    field lookups its own ``__getstate__`` makes on every call, most of the cost of a key;
    a set field in a fixed order), a ``str`` subclass without state as its class and text,
    anything else as pickle does."""
    if issubclass(cls, enum.Enum):
        return _enum_reducer(cls)
    if issubclass(cls, str):
        return None if cls.__dictoffset__ else lambda obj: (cls, (str(obj),))
    layout = _getter(cls)
    if layout is None:
        return None
    getter, sets = layout
    if not sets:
        return lambda obj: (cls, getter(obj))

    def reduce(obj: Any) -> Any:
        values = list(getter(obj))
        for index in sets:
            values[index] = _ordered(values[index])
        return cls, tuple(values)

    return reduce


def _enum_reducer(cls: type) -> Callable[[Any], Any]:
    """A member as its class and value, as ``Enum.__reduce_ex__`` gives it (in C here)."""
    return lambda obj: (cls, (obj._value_,))


def _ordered(value: object) -> object:
    """A set as its items in a fixed order (a set pickles in hash order, which changes
    from process to process), marked by its type; anything else as it is. (A set where
    its field's type does not say so is not ordered: its keys only ever miss.)"""
    if isinstance(value, (set, frozenset)):
        return type(value), tuple(sorted(value, key=repr))
    return value


def _text(cls: type[str], value: str) -> str:
    """A ``str`` subclass's instance as it was (its checks ran when it was first made)."""
    return str.__new__(cls, value)


def _value_reducer(cls: type) -> Callable[[Any], Any] | None:
    """Values are loaded in a later run: a dataclass whose fields are all plain ``__init__``
    arguments as a call of its class (loading then runs its generated ``__init__``, much
    faster than restoring the state field by field), a ``str`` subclass without state by
    its text; anything else as pickle does."""
    if issubclass(cls, enum.Enum):
        return _enum_reducer(cls)
    if issubclass(cls, str):
        return None if cls.__dictoffset__ else lambda obj: (_text, (cls, str(obj)))
    layout = _getter(cls)
    if layout is None or not all(
        field.init and not field.kw_only for field in dataclasses.fields(cast(Any, cls))
    ):
        return None
    getter = layout[0]
    return lambda obj: (cls, getter(obj))


_KEY_REDUCERS = _Reducers(_key_reducer)
_VALUE_REDUCERS = _Reducers(_value_reducer)


def _dumps(value: object, reducers: _Reducers) -> io.BytesIO:
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = reducers
    pickler.dump(value)
    return buffer


def _key(parts: object) -> bytes | None:
    """The digest of ``parts``: of their marshal when they are plain data (exact str,
    bytes, int, float, bool, None in tuples and lists: most keys, five times quicker to
    encode so than to pickle), else of their pickle. The two never begin alike (marshal's
    first byte is below 0x80, a pickle's is its protocol opcode 0x80), and each is a
    faithful encoding of its value (marshal version 2 writes no back-references, which
    would depend on reference counts), so equal digests mean equal parts."""
    try:
        return hashlib.sha256(marshal.dumps(cast(Any, parts), 2)).digest()[:20]
    except ValueError:  # not plain data
        pass
    try:
        buffer = _dumps(parts, _KEY_REDUCERS)
    except (pickle.PicklingError, TypeError, AttributeError):
        return None  # what cannot be pickled is not remembered
    return hashlib.sha256(buffer.getbuffer()).digest()[:20]


def _value_key(parts: tuple[object, ...]) -> bytes | None:
    """The key :func:`remembered_value` files a value under (texts have their own)."""
    return _key(("value", parts))


def _pickled(value: object) -> bytes | None:
    try:
        return _dumps(value, _VALUE_REDUCERS).getvalue()
    except (pickle.PicklingError, TypeError, AttributeError):
        return None


# -- asking the memo ------------------------------------------------------------------------


def fingerprint(value: object) -> bytes | None:
    """A digest of ``value`` to put in a key in place of the value (computed once per run
    for each object); None without a memo (when keys are not made at all). A value that
    cannot be pickled gets a random one: a key with it is never found."""
    memo = _CURRENT.get()
    if memo is None:
        return None
    found = memo.prints.get(id(value))
    if found is None:
        found = memo.prints[id(value)] = (value, _key(value) or os.urandom(20))
    return found[1]


def lend(prints: Iterable[tuple[object, bytes | None]]) -> None:
    """Fingerprints computed elsewhere (a forked child), for these objects of this process."""
    memo = _CURRENT.get()
    if memo is not None:
        for value, found in prints:
            if found is not None:
                memo.prints[id(value)] = (value, found)


def made_of(value: object, parts: tuple[object, ...]) -> None:
    """Fingerprint ``value`` by ``parts``, all it was made from (fingerprints of large
    inputs among them): cheaper than pickling a large value that is made again every run.
    Equal parts must make equal values."""
    memo = _CURRENT.get()
    if memo is not None:
        memo.prints[id(value)] = (value, _key(("made of", parts)) or os.urandom(20))


def share_known(parts: Iterable[tuple[object, ...]]) -> float:
    """The share of these values' keys (as :func:`remembered_value` makes them) that the
    memo holds: how much of a step a run would find made already (0 without a memo)."""
    memo = _CURRENT.get()
    if memo is None or not memo.known:
        return 0.0
    found = total = 0
    for each in parts:
        total += 1
        key = _value_key(each)
        found += key is not None and (key in memo.known or key in memo.used)
    return found / total if total else 0.0


def recall(parts: tuple[object, ...]) -> tuple[bytes | None, str | None]:
    """The key of ``parts`` and the text the memo holds for it (None: not remembered); for
    a caller that decides what to do before making it (then :func:`keep` it)."""
    memo = _CURRENT.get()
    key = None if memo is None else _key(("text", parts))
    if memo is None or key is None:
        return None, None
    found = memo.lookup(key)
    return key, found if isinstance(found, str) else None


def keep(key: bytes | None, text: str) -> None:
    """Remember ``text`` under a key from :func:`recall`."""
    memo = _CURRENT.get()
    if memo is not None and key is not None:
        memo.used[key] = str(text)  # exactly a str (a subclass does not marshal)


def remembered_text(parts: tuple[object, ...], make: Callable[[], str]) -> str:
    """``make()``, or its text of an earlier run when it was made from equal ``parts`` (all
    that ``make`` reads, postgen's code and templates aside: see the module docstring)."""
    key, found = recall(parts)
    if found is None:
        found = make()
        keep(key, found)
    return found


def remembered_file(parts: tuple[object, ...], make: Callable[[], str]) -> str:
    """Like :func:`remembered_text`, for a whole output file's text: its sha256 (which the
    manifest lists, and writing compares by) is remembered with it, not hashed again."""
    key, found = recall(parts)
    if key is None:
        return make()
    digest_key = key + b"#"
    memo = _CURRENT.get()
    assert memo is not None
    if found is not None:
        digest = memo.lookup(digest_key)
        if isinstance(digest, str):
            know_hash(found, digest)
            return found
    else:
        found = make()
        keep(key, found)
    memo.used[digest_key] = file_hash(found)
    return found


def remembered_value(parts: tuple[object, ...], make: Callable[[], T]) -> T:
    """Like :func:`remembered_text`, for a value that pickles. A frozen dataclass's
    fingerprint is then its key (equal keys, equal values), and so is one's in a tuple
    returned, with its index."""
    memo = _CURRENT.get()
    key = None if memo is None else _value_key(parts)
    if memo is None or key is None:
        return make()
    value = _remembered(memo, key, make)
    _print(memo, value, key)
    return value


def _remembered(memo: Memo, key: bytes, make: Callable[[], T]) -> T:
    found = memo.lookup(key)
    if isinstance(found, bytes):
        value: T = pickle.loads(found)
        return value
    value = make()
    blob = _pickled(value)
    if blob is not None:
        memo.used[key] = blob
    return value


def remembered_values(
    each: Sequence[tuple[object, ...]],
    make: Callable[[int], T],
    shared: Callable[[list[T]], list[T]] = list,
) -> list[T]:
    """``[remembered_value(each[i], lambda: make(i)) ...]``, and the list also remembered
    whole (keyed by their keys), as one record: values made one by one share nothing, so
    ``shared`` gives them back with their equal parts made one object, which the record
    then holds once, and loading it makes once (a third of the time for a folder's
    methods). Each value keeps its own record, and its fingerprint, for when one changes."""
    memo = _CURRENT.get()
    made = None if memo is None else [_value_key(parts) for parts in each]
    if memo is None or made is None or None in made:
        return [remembered_value(parts, functools.partial(make, i)) for i, parts in enumerate(each)]
    keys = cast(list[bytes], made)
    key = _key(("values", keys))
    found = None if key is None else memo.lookup(key)
    if isinstance(found, bytes):
        values: list[T] = pickle.loads(found)
        for each_key in keys:
            memo.lookup(each_key)  # kept for the next run: wanted when one of them changes
    else:
        # (Fingerprinted once shared: a fingerprint holds its object, which would keep the
        # values as made alive too.)
        values = shared(
            [
                _remembered(memo, each_key, functools.partial(make, i))
                for i, each_key in enumerate(keys)
            ]
        )
        blob = _pickled(values)
        if key is not None and blob is not None:
            memo.used[key] = blob
    for value, each_key in zip(values, keys, strict=True):
        _print(memo, value, each_key)
    return values


def _print(memo: Memo, value: object, key: bytes) -> None:
    """Fingerprint a remembered value by its key: a frozen dataclass, or each one in a
    tuple (by the key and its index)."""
    if _frozen(value):
        memo.prints[id(value)] = (value, key)
    elif isinstance(value, tuple):
        for index, item in enumerate(value):
            if _frozen(item):
                item_key = hashlib.blake2b(key + index.to_bytes(4, "little")).digest()
                memo.prints[id(item)] = (item, item_key)


def _frozen(value: object) -> bool:
    """A frozen dataclass instance: what a key made once stays a true fingerprint of."""
    params = getattr(type(value), "__dataclass_params__", None)
    return bool(params is not None and params.frozen)


# -- forked children --------------------------------------------------------------------------


def carrying(work: Callable[[], T]) -> Callable[[], tuple[T, dict[bytes, Entry]]]:
    """``work`` that also returns the memo entries it used: run in a forked child, they
    come back with its result (:func:`absorb` them), to be saved with the parent's."""

    def run() -> tuple[T, dict[bytes, Entry]]:
        memo = _CURRENT.get()
        before = set(memo.used) if memo is not None else set()
        value = work()
        if memo is None:
            return value, {}
        return value, {k: v for k, v in memo.used.items() if k not in before}

    return run


def absorb(entries: dict[bytes, Entry]) -> None:
    """Entries a child used (see :func:`carrying`), into this process's memo."""
    memo = _CURRENT.get()
    if memo is not None:
        memo.used.update(entries)


# -- the file ---------------------------------------------------------------------------------


def _file(config: Config) -> Path | None:
    directory = cache_dir()
    if directory is None:
        return None
    digest = hashlib.sha256(postgen_digest())
    digest.update(str(Path(config.out or ".").resolve()).encode() + b"\0")
    if config.templates is not None:
        try:
            hash_tree(digest, config.templates)
        except OSError:
            return None
    return directory / "memo" / f"{digest.hexdigest()}.marshal"


def _write_record(path: Path, entries: dict[bytes, Entry], mode: int) -> None:
    """One record into ``path`` (``mode``: ``os.O_APPEND`` or ``os.O_TRUNC``): its length
    (8 bytes, little-endian), then its marshal, in one write (so appends by two runs at
    once do not interleave) and without copying the record."""
    body = marshal.dumps((_FORMAT, entries))
    parts = [len(body).to_bytes(_LENGTH, "little"), body]
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | mode, 0o644)
    try:
        if hasattr(os, "writev"):
            written = os.writev(descriptor, parts)
        else:  # (Windows)
            written = os.write(descriptor, b"".join(parts))
    finally:
        os.close(descriptor)
    if written != _LENGTH + len(body):
        raise OSError("short write")


def _load(path: Path) -> tuple[dict[bytes, Entry], bool]:
    """The entries of every record the file holds up to the first cut-off or unreadable
    one, and whether there was none.

    The file is mapped, not read: its records are decoded straight from the page cache
    (12 ms instead of 36 for the GitHub collection's 26 MB). postgen never shortens a memo
    file in place (it appends, or replaces it whole), so the mapping stays whole."""
    entries: dict[bytes, Entry] = {}
    try:
        with path.open("rb") as handle:
            mapped = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):  # none, or empty (which cannot be mapped)
        return entries, True
    whole = False
    try:
        with memoryview(mapped) as view:
            start = 0
            while start + _LENGTH <= len(view):
                end = start + _LENGTH + int.from_bytes(view[start : start + _LENGTH], "little")
                if end > len(view):
                    break
                with view[start + _LENGTH : end] as body:
                    record = marshal.loads(body)
                if not (isinstance(record, tuple) and len(record) == 2 and record[0] == _FORMAT):
                    break
                entries.update(record[1])
                start = end
            whole = start == len(view)
    except (EOFError, ValueError, TypeError):
        pass
    finally:
        mapped.close()
    return entries, whole


def _save(path: Path, memo: Memo) -> None:
    """Append what this run made as a record. Entries a run did not use stay (the blocks
    of a module that was found whole are wanted when it changes next time), until the file
    holds more than ``_GROWTH`` times what this run used: then it is rewritten with that."""
    new = {key: entry for key, entry in memo.used.items() if key not in memo.known}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if memo.known and memo.whole and len(memo.known) + len(new) <= _GROWTH * len(memo.used):
            if new:
                _write_record(path, new, os.O_APPEND)
            return
        temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        _write_record(temporary, memo.used, os.O_TRUNC)
        os.replace(temporary, path)
        files = sorted(path.parent.glob("*.marshal"), key=lambda p: p.stat().st_mtime)
        for old in files[:-_KEEP]:
            old.unlink(missing_ok=True)
    except (OSError, ValueError):
        pass  # a memo that cannot be written only costs time


@contextlib.contextmanager
def remembering(config: Config, enabled: bool = True) -> Iterator[Memo | None]:
    """The memo of ``config``'s OUT for the block, saved at its end (not after an error)."""
    path = _file(config) if enabled else None
    if path is None:
        yield None
        return
    known, whole = _load(path)
    memo = Memo(known, whole=whole)
    token = _CURRENT.set(memo)
    try:
        yield memo
    finally:
        _CURRENT.reset(token)
    _save(path, memo)
