"""How precise our inferred models are next to datamodel-code-generator's on the same samples.

**Their models.** For JSON input, datamodel-code-generator builds one genson ``SchemaBuilder``,
calls ``add_object`` once with the document and parses ``to_schema()`` as JSON Schema. It takes
one document, and a place has several samples, so we do exactly that with all of them:
``add_object`` once per sample of the place (genson's own way to merge documents: a key is
``required`` when every object had it, types are unioned). Giving it a JSON array of the
samples instead would type the array, and giving it the first sample only would hide every
optional key. Each collection becomes one JSON Schema with one ``$defs`` entry
``PostgenPlace<n>`` per distinct place schema (datamodel-code-generator is a function of its
input, so places whose genson schemas are equal get the same model: each distinct schema is
generated once), and one ``generate()`` call (pydantic v2 ``BaseModel``, target Python 3.11,
the built-in formatter) turns it into a module. That module is imported in a worker process and
every place's class is reduced to a picklable :class:`Node` tree; ours are reduced the same way
from our imported models module, so both sides are compared as imported classes, not as text.

**Locations.** A location is a position in a place's bodies: the body, the value of one key
of the objects at a location, or the items of the arrays at a location (both generators merge
all items of all arrays at one position). Both trees are walked in parallel by JSON key (the
field alias), through nested models, lists, unions and ``RootModel`` roots, as far as both
sides still have a type: the walk stops below an ``Any`` or an untyped object on either side.

**What is counted, per side** (fewer is more precise in each count):

* ``any``: locations typed ``Any`` (or a union containing ``Any``), or typed as an object
  without declared fields (``dict[str, Any]``, or a model without fields), so a
  ``dict[str, Any]`` where the other side has a model counts once, and ``list[Any]`` counts
  once, at its items. Locations whose only values were ``{{variable}}`` placeholders are left
  out (see ``blind``).
* ``optional``: fields whose key was present and non-null in every object at that location in
  every sample (``always``), but whose field is not required or whose type admits ``None``.
  A field typed ``Any`` accepts None too, but it is counted under ``any`` only.
* ``unsound``: fields that reject what the samples had (required though some object lacked the
  key, or not admitting ``None`` though a sample had ``null``). Expected 0 on both sides; it
  shows precision was not bought by rejecting the examples.

Also reported: ``formats``, locations where ours is ``datetime``/``date``/``UUID`` and theirs
``str`` (genson emits no ``format``), and ``blind``, locations whose only values were
``{{variable}}`` placeholders (``"version": {{cart-version}}``) where ours is ``Any`` (the type
is unknown, by design) and theirs is not: genson sees the string we decode the placeholder to,
so theirs says ``str``, which the real value (an integer here) would fail.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import sys
import time
import types
from collections import Counter
from collections.abc import Iterable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Any, Final, Union, get_args, get_origin
from uuid import UUID

from pydantic import BaseModel, RootModel

from generator.model.operation import Collection
from generator.model.types import OperationModels
from generator.parser.infer import PLACEHOLDER
from generator.parser.samples import collect_places

__all__ = [
    "Counts",
    "FieldNode",
    "Node",
    "Theirs",
    "compare_collection",
    "compare_place",
    "node_converter",
    "report_line",
    "start",
    "their_nodes",
]

THEIR_CLASS: Final = "PostgenPlace{}"
_FORMATS: Final = frozenset({"datetime", "date", "UUID"})
_SCALARS: Final = {str: "str", int: "int", float: "float", bool: "bool"} | {
    datetime: "datetime",
    date: "date",
    UUID: "UUID",
}


@dataclass(frozen=True, slots=True)
class FieldNode:
    """One field of a model: its JSON key, its type and whether it is required."""

    alias: str
    node: Node
    required: bool


@dataclass(frozen=True, slots=True)
class Node:
    """What a generated type accepts at one location, by kind; ``text`` is the annotation."""

    text: str
    any: bool = False
    none: bool = False
    scalars: frozenset[str] = frozenset()
    untyped_object: bool = False  # dict[str, Any], or a model without fields
    fields: tuple[FieldNode, ...] | None = None  # a model with fields
    items: Node | None = None  # list[...]


def _describe(annotation: Any) -> str:
    if annotation is None or annotation is type(None):
        return "None"
    if annotation is Any:
        return "Any"
    origin = get_origin(annotation)
    if origin in (Union, types.UnionType):
        return " | ".join(_describe(arg) for arg in get_args(annotation))
    if origin is not None:
        args = ", ".join(_describe(arg) for arg in get_args(annotation))
        return f"{getattr(origin, '__name__', origin)}[{args}]"
    return str(getattr(annotation, "__name__", annotation))


class _Converter:
    """Annotations -> Nodes, each model class converted once."""

    def __init__(self) -> None:
        self._models: dict[type[BaseModel], tuple[tuple[str, Any, bool], ...]] = {}

    def _fields(self, model: type[BaseModel]) -> tuple[tuple[str, Any, bool], ...]:
        if model not in self._models:
            self._models[model] = tuple(
                (info.alias or name, info.annotation, info.is_required())
                for name, info in model.model_fields.items()
            )
        return self._models[model]

    def _flatten(self, annotation: Any) -> list[Any]:
        origin = get_origin(annotation)
        if origin in (Union, types.UnionType):
            return [m for arg in get_args(annotation) for m in self._flatten(arg)]
        if origin is Annotated:
            return self._flatten(get_args(annotation)[0])
        if isinstance(annotation, type) and issubclass(annotation, RootModel):
            return self._flatten(annotation.model_fields["root"].annotation)
        return [annotation]

    def node(self, annotation: Any) -> Node:
        """The Node of a type annotation (a model class, a union, ``list[...]``, ...)."""
        text = _describe(annotation)
        flags: Counter[str] = Counter()
        scalars: set[str] = set()
        fields: list[tuple[str, Any, bool]] = []
        models = 0
        items: list[Any] = []
        for member in self._flatten(annotation):
            origin = get_origin(member) or member
            if member is Any:
                flags["any"] += 1
            elif member is None or member is type(None):
                flags["none"] += 1
            elif isinstance(member, type) and issubclass(member, BaseModel):
                own = self._fields(member)
                models += bool(own)
                fields.extend(own)
                flags["untyped_object"] += not own
            elif origin is list:
                items.append(get_args(member)[0] if get_args(member) else Any)
            elif origin is dict:
                value = get_args(member)[1] if get_args(member) else Any
                if value is not Any:
                    raise TypeError(f"a typed mapping is not compared: {text}")
                flags["untyped_object"] += 1
            elif member in _SCALARS:
                scalars.add(_SCALARS[member])
            else:
                raise TypeError(f"unexpected member {member!r} in {text}")
        return Node(
            text=text,
            any=bool(flags["any"]),
            none=bool(flags["none"]),
            scalars=frozenset(scalars),
            untyped_object=bool(flags["untyped_object"]),
            fields=None if not models else self._merged_fields(fields, models),
            items=self.node(Union[tuple(items)]) if items else None,  # noqa: UP007
        )

    def _merged_fields(
        self, fields: Sequence[tuple[str, Any, bool]], models: int
    ) -> tuple[FieldNode, ...]:
        """One FieldNode per key; a union of several models merges their fields by key."""
        by_alias: dict[str, list[tuple[Any, bool]]] = {}
        for alias, annotation, required in fields:
            by_alias.setdefault(alias, []).append((annotation, required))
        return tuple(
            FieldNode(
                alias,
                self.node(Union[tuple(a for a, _ in found)]),  # noqa: UP007
                len(found) == models and all(r for _, r in found),
            )
            for alias, found in by_alias.items()
        )


def node_converter() -> _Converter:
    """A converter whose model cache lives as long as it does (one module's classes)."""
    return _Converter()


# -- their side: runs in a worker process ----------------------------------------------------


@dataclass(frozen=True, slots=True)
class Theirs:
    """datamodel-code-generator's models of one collection's places, reduced to Nodes."""

    places: tuple[tuple[str, str], ...]  # (operation pointer, status) per place, in order
    nodes: tuple[Node, ...]  # per place
    schemas: int  # distinct place schemas, i.e. $defs entries
    classes: int  # classes in the generated module
    seconds: float  # genson + generate() + import, in the worker


def _genson_schema(samples: Iterable[Any]) -> dict[str, Any]:
    from genson import SchemaBuilder  # type: ignore[import-untyped]

    builder = SchemaBuilder()
    for sample in samples:
        builder.add_object(sample)
    schema: dict[str, Any] = builder.to_schema()
    schema.pop("$schema", None)  # only the root document may say which draft it is
    return schema


def _generate(definitions: dict[str, Any]) -> str:
    from datamodel_code_generator import generate
    from datamodel_code_generator.enums import DataModelType, InputFileType
    from datamodel_code_generator.format import Formatter, PythonVersion

    text = generate(
        {"$defs": definitions},
        input_file_type=InputFileType.JsonSchema,
        output_model_type=DataModelType.PydanticV2BaseModel,
        target_python_version=PythonVersion.PY_311,
        formatters=[Formatter.BUILTIN],
        disable_timestamp=True,
    )
    assert isinstance(text, str), "one schema gives one module"
    return text


def _import_text(name: str, text: str) -> types.ModuleType:
    """Import generated source as module ``name`` (pydantic resolves its annotations there)."""
    module = types.ModuleType(name)
    sys.modules[name] = module
    exec(compile(text, f"<{name}>", "exec"), module.__dict__)
    return module


def their_nodes(path: Path) -> Theirs:
    """Load a collection, run datamodel-code-generator on its places, reduce the models."""
    from generator.pipeline import load

    started = time.perf_counter()
    places, _ = collect_places(load(path).collection)
    index: dict[str, int] = {}
    definitions: dict[str, Any] = {}
    place_defs: list[int] = []
    for place in places:
        schema = _genson_schema(sample.value for sample in place.samples)
        key = json.dumps(schema, sort_keys=True)
        if key not in index:
            index[key] = len(index)
            definitions[THEIR_CLASS.format(index[key])] = schema
        place_defs.append(index[key])
    nodes: tuple[Node, ...] = ()
    classes = 0
    if definitions:
        text = _generate(definitions)
        classes = text.count("\nclass ")
        module = _import_text("theirs_" + re.sub(r"\W", "_", path.name.split(".")[0]), text)
        converter = _Converter()
        by_def = [
            converter.node(getattr(module, THEIR_CLASS.format(n))) for n in range(len(definitions))
        ]
        nodes = tuple(by_def[n] for n in place_defs)
    return Theirs(
        places=tuple((place.operation.pointer, place.status) for place in places),
        nodes=nodes,
        schemas=len(definitions),
        classes=classes,
        seconds=time.perf_counter() - started,
    )


# -- the comparison --------------------------------------------------------------------------

_Path = tuple[str | None, ...]  # JSON keys; None stands for "the items of an array"


@dataclass(frozen=True, slots=True)
class Counts:
    """The tallies of one place, collection or corpus (see the module docstring)."""

    places: int = 0
    locations: int = 0
    fields: int = 0
    always: int = 0
    any_ours: int = 0
    any_theirs: int = 0
    optional_ours: int = 0
    optional_theirs: int = 0
    unsound_ours: int = 0
    unsound_theirs: int = 0
    formats: int = 0
    blind: int = 0
    unpaired: int = 0  # keys one side has and the other not (placeholder keys)

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            **{
                f.name: getattr(self, f.name) + getattr(other, f.name)
                for f in dataclasses.fields(self)
            }
        )


@dataclass(slots=True)
class _Evidence:
    """What the samples held at each location: values, objects, key presence, non-nulls."""

    typed: Counter[_Path] = dataclasses.field(default_factory=Counter)
    placeholders: Counter[_Path] = dataclasses.field(default_factory=Counter)
    objects: Counter[_Path] = dataclasses.field(default_factory=Counter)
    present: Counter[_Path] = dataclasses.field(default_factory=Counter)
    nonnull: Counter[_Path] = dataclasses.field(default_factory=Counter)

    @classmethod
    def of(cls, samples: Iterable[Any]) -> _Evidence:
        evidence = cls()
        stack: list[tuple[_Path, Any]] = [((), sample) for sample in samples]
        while stack:
            path, value = stack.pop()
            if isinstance(value, str) and value.startswith(PLACEHOLDER):
                evidence.placeholders[path] += 1
                continue
            evidence.typed[path] += 1
            if isinstance(value, dict):
                evidence.objects[path] += 1
                for key, item in value.items():
                    evidence.present[(*path, key)] += 1
                    evidence.nonnull[(*path, key)] += item is not None
                    stack.append(((*path, key), item))
            elif isinstance(value, list):
                stack.extend(((*path, None), item) for item in value)
        return evidence


def _where(path: _Path) -> str:
    return "$" + "".join("[]" if key is None else f".{key}" for key in path)


@dataclass(slots=True)
class _Walk:
    evidence: _Evidence
    tally: Counter[str]
    worse: list[str]  # where ours is less precise than theirs, one line each

    def location(self, ours: Node, theirs: Node, path: _Path) -> None:
        if self.evidence.placeholders[path] and not self.evidence.typed[path]:
            self.tally["blind"] += ours.any and not theirs.any
            return
        self.tally["locations"] += 1
        ours_any = ours.any or (ours.untyped_object and ours.fields is None)
        theirs_any = theirs.any or (theirs.untyped_object and theirs.fields is None)
        self.tally["any_ours"] += ours_any
        self.tally["any_theirs"] += theirs_any
        if ours_any and not theirs_any:
            self.worse.append(f"{_where(path)}: Any: ours {ours.text}, theirs {theirs.text}")
        if ours.any or theirs.any:
            return
        if ours.fields is not None and theirs.fields is not None:
            self.fields(ours.fields, theirs.fields, path)
        if ours.items is not None and theirs.items is not None:
            self.location(ours.items, theirs.items, (*path, None))
        self.tally["formats"] += bool(ours.scalars & _FORMATS) and "str" in theirs.scalars

    def fields(self, ours: Sequence[FieldNode], theirs: Sequence[FieldNode], path: _Path) -> None:
        objects = self.evidence.objects[path]
        their_fields = {field.alias: field for field in theirs}
        self.tally["unpaired"] += len(their_fields.keys() - {field.alias for field in ours})
        for mine in ours:
            other = their_fields.get(mine.alias)
            if other is None:
                self.tally["unpaired"] += 1
                continue
            key = (*path, mine.alias)
            present, nonnull = self.evidence.present[key], self.evidence.nonnull[key]
            self.tally["fields"] += 1
            if present == objects and nonnull == present:
                self.tally["always"] += 1
                ours_optional = not mine.required or mine.node.none
                theirs_optional = not other.required or other.node.none
                self.tally["optional_ours"] += ours_optional
                self.tally["optional_theirs"] += theirs_optional
                if ours_optional and not theirs_optional:
                    self.worse.append(
                        f"{_where(key)}: optional: ours {mine.node.text} "
                        f"(required={mine.required}), theirs {other.node.text}"
                    )
            for side, field in (("ours", mine), ("theirs", other)):
                if (field.required and present < objects) or (
                    nonnull < present and not field.node.none and not field.node.any
                ):
                    self.tally[f"unsound_{side}"] += 1
                    if side == "ours":
                        self.worse.append(f"{_where(key)}: unsound: ours {field.node.text}")
            self.location(mine.node, other.node, key)


def compare_place(
    ours: Node, theirs: Node, samples: Sequence[Any]
) -> tuple[Counts, tuple[str, ...]]:
    """Counts for one place, and where ours is less precise (``$.a[].b: ...`` lines)."""
    walk = _Walk(_Evidence.of(samples), Counter(places=1), [])
    walk.location(ours, theirs, ())
    return Counts(**walk.tally), tuple(walk.worse)


def compare_collection(
    collection: Collection,
    assignments: dict[str, OperationModels],
    module: types.ModuleType,
    theirs: Theirs,
) -> tuple[Counts, tuple[str, ...]]:
    """Counts over every place of a collection; where ours is less precise, one line each."""
    places, _ = collect_places(collection)
    assert tuple((p.operation.pointer, p.status) for p in places) == theirs.places
    converter = _Converter()
    total = Counts()
    worse: list[str] = []
    for place, their_node in zip(places, theirs.nodes, strict=True):
        entry = assignments[place.operation.pointer]
        name = entry.request if place.is_request else entry.response_map()[place.status]
        ours = converter.node(getattr(module, str(name)))
        counts, lines = compare_place(ours, their_node, [s.value for s in place.samples])
        total += counts
        where = f"{place.samples[0].pointer} ({place.status}, ours {name})"
        worse.extend(f"{where} {line}" for line in lines)
    return total, tuple(worse)


def start(paths: Sequence[Path]) -> dict[Path, Future[Theirs]]:
    """Run :func:`their_nodes` on every collection in worker processes, largest first.

    One worker per core: the caller renders our models meanwhile. ``spawn`` so that a
    worker starts clean whatever the test process has imported or started.
    """
    import multiprocessing

    pool = ProcessPoolExecutor(os.cpu_count() or 1, multiprocessing.get_context("spawn"))
    futures = {
        path: pool.submit(their_nodes, path)
        for path in sorted(paths, key=lambda path: -path.stat().st_size)
    }
    pool.shutdown(wait=False)  # the workers exit once the queue is done
    return futures


def report_line(name: str, counts: Counts) -> str:
    """One line of the comparison report."""
    c = counts
    return (
        f"{name}: {c.places} places, {c.locations} locations: "
        f"Any ours {c.any_ours} / theirs {c.any_theirs}; "
        f"needless optional ours {c.optional_ours} / theirs {c.optional_theirs} "
        f"(of {c.always} always-present fields); "
        f"unsound ours {c.unsound_ours} / theirs {c.unsound_theirs}; "
        f"formats {c.formats}; blind {c.blind}; unpaired {c.unpaired}"
    )
