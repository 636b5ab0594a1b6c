"""JSON Schema -> ModelSpec: structural dedupe and the names of models and their fields.

Each place's samples are inferred into a schema (``infer.py``), and every object schema
with properties becomes a *shape*: its fields, or the root type of a ``RootModel`` for
top-level arrays and scalars. Shapes are interned by structure, so a structure is one
model however often it appears. Names come last, in collection order, from these rules:

1. An error body (status >= 400) that is the whole body of errors of two or more
   operations is named ``Error`` (``Error2``, ... for further shared error structures).
2. Every other place's body is named from its operation (``pascal(function_name)``):
   request ``<Op>Request``; the lowest 2xx status ``<Op>Response``; other statuses
   ``<Op><Status>Response``, errors ``<Op><Status>Error``. Where the path names the resource
   clearly (``resources.path_resource``), the lowest 2xx status takes the resource instead:
   an object from ``/things/:id`` (any method) or from ``POST``/``PUT /things`` is
   ``Thing``; an array of objects from ``/things`` is ``ThingList`` of ``Thing`` items.
3. Nested objects are named after their parent and key (``BootVolumeBackup.sourceDetails``
   -> ``BootVolumeBackupSourceDetails``), array items in the singular
   (``...Tags`` -> ``...Tag``, else ``...Item``); items of a top-level array ``<Root>Item``.
4. A structure keeps the name of its first occurrence: roots first (rules 1-2), then
   nested objects (rule 3). A name already taken falls to the next candidate (the folder
   path in front, then a counter), so a name depends only on the requests before it that
   share a name or a structure: adding an unrelated request renames nothing.

Fields take snake_case names from ``naming.py`` with the JSON key as alias (see
:func:`field_names`). Models are listed with dependencies first.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Final

from generator.errors import Level, Problem
from generator.memo import fingerprint, made_of, remembered_value
from generator.model.naming import ClassName, PyIdent, claim, class_name, ident, pascal_case
from generator.model.operation import Collection, Operation
from generator.model.types import (
    DictOf,
    FieldSpec,
    ListOf,
    ModelRef,
    ModelSet,
    ModelSpec,
    OperationModels,
    Primitive,
    Scalar,
    TypeRef,
    UnionOf,
)
from generator.parser.infer import MAX_DEPTH, infer_schema
from generator.parser.resources import PathResource, path_resource, singular
from generator.parser.samples import REQUEST, Bodies, bodies, samples_by_status

__all__ = [
    "IMPORTED_NAMES",
    "PYDANTIC_ATTRIBUTES",
    "RESERVED_FIELD_NAMES",
    "build_models",
    "field_names",
]

PYDANTIC_ATTRIBUTES: Final = frozenset(
    # The public names of dir(pydantic.BaseModel) in pydantic 2.13, plus v1's `fields`,
    # written out so that generated names do not depend on the installed pydantic.
    "construct copy dict fields from_orm json model_computed_fields model_config "
    "model_construct model_copy model_dump model_dump_json model_extra model_fields "
    "model_fields_set model_json_schema model_parametrized_name model_post_init "
    "model_rebuild model_validate model_validate_json model_validate_strings parse_file "
    "parse_obj parse_raw schema schema_json update_forward_refs validate".split()
)
RESERVED_FIELD_NAMES: Final = PYDANTIC_ATTRIBUTES | {"date", "datetime"}
"""Field names that would shadow BaseModel's attributes or, in a class body, imported types."""

IMPORTED_NAMES: Final = frozenset({"Any", "BaseModel", "ConfigDict", "Field", "RootModel", "UUID"})
"""Names the models module imports, so no model may take them."""

_ANY: Final = Scalar(Primitive.ANY)
_STRING_TYPES: Final = {
    "date-time": Scalar(Primitive.DATETIME),
    "date": Scalar(Primitive.DATE),
    "uuid": Scalar(Primitive.UUID),
}
"""A string schema's type by its format (plain ``str`` for any other)."""
_SCALARS: Final = {
    "string": Primitive.STR,
    "integer": Primitive.INT,
    "number": Primitive.FLOAT,
    "boolean": Primitive.BOOL,
    "null": Primitive.NONE,
}
_SCALAR_TYPES: Final = {name: Scalar(kind) for name, kind in _SCALARS.items()}
_STR: Final = _SCALAR_TYPES["string"]
# Union members are printed in this order; None last, as ruff's RUF036 wants.
_SCALAR_ORDER: Final = (
    Primitive.BOOL,
    Primitive.INT,
    Primitive.FLOAT,
    Primitive.STR,
    Primitive.DATETIME,
    Primitive.DATE,
    Primitive.UUID,
    Primitive.ANY,
    Primitive.NONE,
)


def field_names(keys: Sequence[str]) -> tuple[PyIdent, ...]:
    """Attribute names for a model's JSON keys, in order: snake_case, safe and unique.

    A key that already is a usable snake_case name keeps it. Every other key gets a name
    that is no key of the model at all: with ``populate_by_name`` an input key matching
    another field's attribute name would fill that field too.
    """
    reserved = RESERVED_FIELD_NAMES
    own: set[str] = set()
    names: dict[int, PyIdent] = {}
    for i, key in enumerate(keys):
        if ident(key, fallback="field", reserved=reserved) == key:
            names[i] = claim(PyIdent, key, fallback="field", taken=own, reserved=reserved)
    rest = own | set(keys)
    for i, key in enumerate(keys):
        if i not in names:
            names[i] = claim(PyIdent, key, fallback="field", taken=rest, reserved=reserved)
    return tuple(names[i] for i in range(len(keys)))


def _rank(type_: TypeRef) -> int:
    match type_:
        case ModelRef():
            return 0
        case ListOf():
            return 1
        case DictOf():
            return 2
        case Scalar(kind):
            return 3 + _SCALAR_ORDER.index(kind)
    return 99


def _union(members: Sequence[TypeRef]) -> TypeRef:
    """One type for all members: flattened, deduplicated, canonical order; Any absorbs all."""
    flat: list[TypeRef] = []
    for member in members:
        flat.extend(member.members if isinstance(member, UnionOf) else (member,))
    if len(flat) == 1:
        return flat[0]
    unique = list(dict.fromkeys(flat))
    if not unique or _ANY in unique:
        return _ANY
    unique.sort(key=_rank)
    return unique[0] if len(unique) == 1 else UnionOf(tuple(unique))


def _options(schema: dict[str, Any]) -> list[dict[str, Any]]:
    """The alternatives of a schema: anyOf/oneOf members, or one per entry of a type list."""
    for keyword in ("anyOf", "oneOf"):
        if isinstance(schema.get(keyword), list):
            return [s for s in schema[keyword] if isinstance(s, dict)]
    if isinstance(schema.get("type"), list):
        return [{**schema, "type": t} for t in schema["type"]]
    return [schema]


def _refs(type_: TypeRef, in_list: bool = False) -> Iterator[tuple[ClassName, bool]]:
    """The models a type refers to, each with whether it sits inside a list."""
    match type_:
        case ModelRef(name):
            yield name, in_list
        case ListOf(item):
            yield from _refs(item, True)
        case DictOf(value):
            yield from _refs(value, in_list)
        case UnionOf(members):
            for member in members:
                yield from _refs(member, in_list)


def _rename(type_: TypeRef, names: dict[ClassName, ClassName]) -> TypeRef:
    match type_:
        case ModelRef(name):
            return ModelRef(names[name])
        case ListOf(item):
            return ListOf(_rename(item, names))
        case DictOf(value):
            return DictOf(_rename(value, names))
        case UnionOf(members):
            return UnionOf(tuple(_rename(m, names) for m in members))
    return type_


@dataclass(frozen=True, slots=True)
class _Shape:
    """A model's structure without a name: JSON fields (key, type, required), or a root type."""

    fields: tuple[tuple[str, TypeRef, bool], ...] = ()
    root: TypeRef | None = None

    def key(self) -> tuple[object, ...]:
        # Field order is presentation, not structure: {a, b} and {b, a} are one model.
        return (tuple(sorted(self.fields, key=lambda f: f[0])), self.root)

    def children(self) -> Iterator[tuple[str | None, ClassName, bool]]:
        """(key or None for the root type, referenced shape, inside a list?) in order."""
        for key, type_, _ in self.fields:
            for ref, in_list in _refs(type_):
                yield key, ref, in_list
        if self.root is not None:
            for ref, in_list in _refs(self.root):
                yield None, ref, in_list


@dataclass(frozen=True, slots=True)
class _PlaceRoot:
    """A place's root shape: the body of ``status`` (or the request) of ``operation``."""

    operation: Operation
    status: str
    shape: ClassName
    root_type: TypeRef

    @property
    def is_request(self) -> bool:
        return self.status == REQUEST


@dataclass(frozen=True, slots=True)
class _Inferred:
    """Every place's shapes before naming, as the memo keeps them: the interned shapes, the
    pointer each was first seen at, each place's (operation index, status, shape, root
    type), and the warnings (bodies that are not JSON, then samples cut at MAX_DEPTH)."""

    shapes: dict[ClassName, _Shape]
    pointers: dict[ClassName, str]
    field_names: dict[ClassName, tuple[PyIdent, ...]]
    roots: tuple[tuple[int, str, ClassName, TypeRef], ...]
    problems: tuple[Problem, ...]


@dataclass(slots=True)
class _Builder:
    """The shapes of one collection while they are interned and named (local to one build)."""

    shapes: dict[ClassName, _Shape] = field(default_factory=dict)
    by_key: dict[tuple[object, ...], ClassName] = field(default_factory=dict)
    pointers: dict[ClassName, str] = field(default_factory=dict)
    field_names: dict[ClassName, tuple[PyIdent, ...]] = field(default_factory=dict)
    names: dict[ClassName, ClassName] = field(default_factory=dict)
    descriptions: dict[ClassName, str] = field(default_factory=dict)
    taken: set[str] = field(default_factory=set)
    kids: dict[ClassName, tuple[tuple[str | None, ClassName, bool], ...]] = field(
        default_factory=dict
    )
    """Each shape's :meth:`_Shape.children`, once asked for (naming and ordering walk them
    again and again)."""

    # -- schema -> shapes -------------------------------------------------------------

    def intern(self, shape: _Shape, pointer: str) -> ClassName:
        """The shape's stand-in name (``Shape<n>`` until naming), the same for equal shapes."""
        key = shape.key()
        if key not in self.by_key:
            stand_in = ClassName(f"Shape{len(self.shapes)}")
            self.by_key[key] = stand_in
            self.shapes[stand_in] = shape
            self.pointers[stand_in] = pointer
            self.field_names[stand_in] = field_names([key for key, _, _ in shape.fields])
        return self.by_key[key]

    def type_of(self, schema: Any, pointer: str, depth: int = 0) -> TypeRef:
        """The type of a (sub)schema; object schemas with properties become shapes."""
        if not isinstance(schema, dict) or depth > MAX_DEPTH + 1:
            return _ANY
        members: list[TypeRef] = []
        for option in _options(schema):
            kind = option.get("type")
            properties = _aliasable(option.get("properties"))
            if kind == "object" and properties:
                required = option.get("required")
                fields = tuple(
                    (
                        str(key),
                        self.type_of(sub, pointer, depth + 1),
                        isinstance(required, list) and key in required,
                    )
                    for key, sub in properties.items()
                )
                members.append(ModelRef(self.intern(_Shape(fields), pointer)))
            elif kind == "object":
                members.append(DictOf(_ANY))
            elif kind == "array":
                members.append(ListOf(self.type_of(option.get("items", {}), pointer, depth + 1)))
            elif kind == "string":
                members.append(_STRING_TYPES.get(str(option.get("format")), _STR))
            elif isinstance(kind, str) and kind in _SCALAR_TYPES:
                members.append(_SCALAR_TYPES[kind])
            else:
                members.append(_ANY)
        return _union(members)

    def place_root(self, pointer: str, schema: dict[str, Any]) -> tuple[ClassName, TypeRef]:
        """A place's root shape and type (its first sample at ``pointer``)."""
        root_type = self.type_of(schema, pointer)
        if isinstance(root_type, ModelRef):
            return root_type.name, root_type
        return self.intern(_Shape(root=root_type), pointer), root_type

    # -- naming -----------------------------------------------------------------------

    def children(self, shape: ClassName) -> tuple[tuple[str | None, ClassName, bool], ...]:
        found = self.kids.get(shape)
        if found is None:
            found = self.kids[shape] = tuple(self.shapes[shape].children())
        return found

    def claim(self, shape: ClassName, candidates: Sequence[str], description: str) -> None:
        """Name a shape after the first free candidate (the last one gets a counter)."""
        if shape in self.names:
            return
        for text in candidates[:-1]:
            if class_name(text, fallback="Model", reserved=IMPORTED_NAMES) not in self.taken:
                break
        else:
            text = candidates[-1]
        self.names[shape] = claim(
            ClassName, text, fallback="Model", taken=self.taken, reserved=IMPORTED_NAMES
        )
        self.descriptions[shape] = description

    def name_nested(self, root: ClassName, item_base: str | None) -> None:
        """Rule 3 for everything below a named root, depth first, fields in order."""
        stack = [root]
        while stack:
            parent = stack.pop()
            name = self.names[parent]
            unnamed = []
            for key, child, in_list in self.children(parent):
                if child in self.names:
                    continue
                words = _words(name)
                if key is None:
                    texts = [f"{words} Item"]
                    if item_base:
                        texts.insert(0, item_base)
                    self.claim(child, texts, f"An item of {name}.")
                elif in_list:
                    part = pascal_case(key) or "Object"
                    one = singular(part)
                    text = _words(one) if one != part else f"{_words(part)} Item"
                    self.claim(
                        child, [f"{words} {text}"], f'An item of the "{key}" array of {name}.'
                    )
                else:
                    text = _words(pascal_case(key) or "Object")
                    self.claim(child, [f"{words} {text}"], f'The "{key}" object of {name}.')
                unnamed.append(child)
                item_base = None  # only the root's own items take the resource name
            stack.extend(reversed(unnamed))

    # -- output -----------------------------------------------------------------------

    def ordered(self, roots: Sequence[ClassName]) -> list[ClassName]:
        """Every shape reachable from the roots, each after the shapes it refers to."""
        done: set[ClassName] = set()
        order: list[ClassName] = []
        for root in roots:
            stack: list[tuple[ClassName, bool]] = [(root, False)]
            while stack:
                shape, expanded = stack.pop()
                if expanded:
                    order.append(shape)
                    continue
                if shape in done:
                    continue
                done.add(shape)
                stack.append((shape, True))
                children = [c for _, c, _ in self.children(shape) if c not in done]
                stack.extend((c, False) for c in reversed(children))
        return order

    def spec(self, shape: ClassName) -> ModelSpec:
        data = self.shapes[shape]
        names = self.field_names[shape]
        return ModelSpec(
            name=self.names[shape],
            pointer=self.pointers[shape],
            fields=tuple(
                FieldSpec(name, key, _rename(type_, self.names), required)
                for name, (key, type_, required) in zip(names, data.fields, strict=True)
            ),
            root=None if data.root is None else _rename(data.root, self.names),
            description=self.descriptions[shape],
        )


def _words(name: str) -> str:
    """The words of a PascalCase name, spaced, so that naming it again gives it back.

    Names are built from such texts, never by gluing names: ``GetResponseA`` + ``B`` would
    read as the acronym ``AB`` and come out as ``GetResponseAb``.
    """
    return " ".join(re.findall(r"[A-Z][a-z0-9]*|[a-z0-9]+", name))


def _is_error(status: str) -> bool:
    return status.isdigit() and int(status) >= 400


def _is_success(status: str) -> bool:
    return status.isdigit() and 200 <= int(status) < 300


def _where(op: Operation) -> str:
    path = "/".join(op.url.path or ())
    return f'"{op.name}" ({op.method} /{path})'


@dataclass(frozen=True, slots=True)
class _Candidates:
    """Names a place's root may take, best first; how its top-level array items are named."""

    root: tuple[str, ...]
    item_base: str | None
    description: str


def _candidates(entry: _PlaceRoot, primary: bool) -> _Candidates:
    """Rule 2 of the module docstring for one place."""
    op = entry.operation
    folders = " ".join(op.folder_modules)
    status = entry.status

    def qualified(suffix: str) -> tuple[str, ...]:
        texts = (f"{op.function_name} {suffix}", f"{folders} {op.function_name} {suffix}")
        return texts if folders else texts[:1]

    if entry.is_request:
        return _Candidates(qualified("Request"), None, f"Request body of {_where(op)}.")
    description = f"Response body ({status}) of {_where(op)}."
    if _is_error(status):
        return _Candidates(qualified(f"{status} Error"), None, description)
    if not primary:
        return _Candidates(qualified(f"{status} Response"), None, description)
    fallback = qualified("Response")
    resource = path_resource(op.url.path)
    if resource is not None:
        named = _resource_candidates(resource, op.method.upper(), entry.root_type, fallback)
        if named is not None:
            return _Candidates(named[0], named[1], description)
    return _Candidates(fallback, None, description)


def _resource_candidates(
    resource: PathResource, method: str, root: TypeRef, fallback: tuple[str, ...]
) -> tuple[tuple[str, ...], str | None] | None:
    """The resource names when the path and the body's shape make them clear, else None."""
    words = _words(resource.name)
    if isinstance(root, ModelRef) and (resource.item or method in {"POST", "PUT"}):
        return (words, *fallback), None
    if isinstance(root, ListOf) and isinstance(root.item, ModelRef) and not resource.item:
        return (f"{words} List", *fallback), words
    return None


def _inferred(of: Sequence[Bodies], file: str) -> _Inferred:
    """Each place's samples inferred into a schema and interned into shapes (a pure
    function of the operations' bodies: the models memo keeps its result)."""
    builder = _Builder()
    roots = []
    problems: list[Problem] = []
    cut: list[Problem] = []
    for index, bodies_of in enumerate(of):
        for status, samples in samples_by_status(bodies_of, file, problems):
            inferred = infer_schema(sample.value for sample in samples)
            for i in inferred.truncated:
                cut.append(
                    Problem(
                        file,
                        samples[i].pointer,
                        f"body nests deeper than {MAX_DEPTH} levels: deeper values are typed Any",
                        Level.WARNING,
                    )
                )
            shape, root_type = builder.place_root(samples[0].pointer, inferred.schema)
            roots.append((index, status, shape, root_type))
    return _Inferred(
        builder.shapes, builder.pointers, builder.field_names, tuple(roots), tuple(problems + cut)
    )


def _name(builder: _Builder, entries: Sequence[_PlaceRoot]) -> None:
    """Rules 1 to 3 of the module docstring, in that order."""
    error_users: dict[ClassName, set[str]] = {}
    for entry in entries:
        if _is_error(entry.status):
            error_users.setdefault(entry.shape, set()).add(entry.operation.pointer)
    for entry in entries:
        if len(error_users.get(entry.shape, ())) >= 2:
            builder.claim(entry.shape, ["Error"], "Error body shared by several operations.")

    primary: dict[str, int] = {}
    for entry in entries:
        status, pointer = entry.status, entry.operation.pointer
        if _is_success(status):
            primary[pointer] = min(int(status), primary.get(pointer, 300))
    item_bases: dict[ClassName, str | None] = {}
    for entry in entries:
        status = entry.status
        is_primary = status.isdigit() and primary.get(entry.operation.pointer) == int(status)
        if entry.shape not in builder.names:
            candidates = _candidates(entry, is_primary)
            builder.claim(entry.shape, candidates.root, candidates.description)
            item_bases[entry.shape] = candidates.item_base

    for entry in entries:
        builder.name_nested(entry.shape, item_bases.get(entry.shape))


def _assignments(
    builder: _Builder, entries: Sequence[_PlaceRoot], operations: Sequence[Operation]
) -> tuple[OperationModels, ...]:
    requests: dict[str, ClassName] = {}
    responses: dict[str, list[tuple[str, ClassName]]] = {}
    order = {op.pointer: None for op in operations}
    for entry in entries:
        pointer = entry.operation.pointer
        order.setdefault(pointer, None)
        name = builder.names[entry.shape]
        if entry.is_request:
            requests[pointer] = name
        else:
            responses.setdefault(pointer, []).append((entry.status, name))
    return tuple(
        OperationModels(pointer, requests.get(pointer), tuple(responses.get(pointer, ())))
        for pointer in order
    )


def build_models(collection: Collection) -> tuple[ModelSet, tuple[Problem, ...]]:
    """Every pydantic model of a collection, each operation's models, and the warnings.

    Inference is remembered by the operations' bodies (see memo.py); naming always runs,
    since it reads the operations' names and paths too.
    """
    operations = collection.operations
    # Remembered by the operations' bodies, each operation's known by the digest of its
    # bodies remembered under the operation's fingerprint (cheaper than reading every
    # body); without the file name (any copy of the collection infers the same shapes): it
    # goes into the warnings here.
    of = tuple(
        remembered_value(("bodies", fingerprint(op)), functools.partial(_bodies_print, op))
        for op in operations
    )
    inferred = remembered_value(
        ("models", of), lambda: _inferred(tuple(bodies(op) for op in operations), "")
    )
    builder = _Builder(
        shapes=dict(inferred.shapes),
        pointers=dict(inferred.pointers),
        field_names=dict(inferred.field_names),
    )
    entries = [
        _PlaceRoot(operations[index], status, shape, root_type)
        for index, status, shape, root_type in inferred.roots
    ]
    _name(builder, entries)
    source = fingerprint(inferred)
    models = []
    for shape in builder.ordered([e.shape for e in entries]):
        spec = builder.spec(shape)
        if source is not None:
            # A spec is its shape (in the inferred shapes) as naming named it and the
            # models it refers to: fingerprinted so, not by pickling each one.
            refers = "\0".join(builder.names[c] for _, c, _ in builder.children(shape))
            made_of(spec, (source, str(shape), str(spec.name), spec.description, refers))
        models.append(spec)
    problems = tuple(replace(p, file=collection.file) for p in inferred.problems)
    return ModelSet(tuple(models), _assignments(builder, entries, operations)), problems


def _bodies_print(op: Operation) -> bytes | None:
    return fingerprint(bodies(op))


def _aliasable(properties: Any) -> dict[str, Any]:
    """The properties that can be fields: pydantic cannot alias a key holding a lone
    surrogate (it is not UTF-8), so such a key stays an extra key of the model."""
    if not isinstance(properties, dict):
        return {}
    return {
        key: sub
        for key, sub in properties.items()
        if str(key).isascii() or not any(0xD800 <= ord(c) <= 0xDFFF for c in str(key))
    }
