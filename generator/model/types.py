"""The typed, immutable model IR: pydantic models inferred from example bodies.

The parser builds these values (``generator/parser/models.py``) and the renderer reads them
(``generator/render/models.py``); neither the raw collection nor rendered text appear here.
A type expression (:data:`TypeRef`) is one of five small frozen records, so code that turns
it into a hint or collects its imports matches on the record's class.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from dataclasses import dataclass, field

from generator.model.naming import ClassName, PyIdent

__all__ = [
    "DictOf",
    "FieldSpec",
    "ListOf",
    "ModelRef",
    "ModelSet",
    "ModelSpec",
    "OperationModels",
    "Primitive",
    "Scalar",
    "TypeRef",
    "UnionOf",
    "walk",
]


class Primitive(enum.Enum):
    """The leaf types a JSON value can be given; the value is the Python spelling."""

    STR = "str"
    INT = "int"
    FLOAT = "float"
    BOOL = "bool"
    NONE = "None"
    DATETIME = "datetime"
    DATE = "date"
    UUID = "UUID"
    ANY = "Any"


@dataclass(frozen=True, slots=True)
class Scalar:
    """A leaf type: ``str``, ``int``, ..., ``None`` or ``Any``."""

    kind: Primitive


@dataclass(frozen=True, slots=True)
class ListOf:
    """``list[item]``: a JSON array."""

    item: TypeRef


@dataclass(frozen=True, slots=True)
class DictOf:
    """``dict[str, value]``: a JSON object whose keys are not known (only ``{}`` was seen)."""

    value: TypeRef


@dataclass(frozen=True, slots=True)
class UnionOf:
    """``a | b | ...``: the samples disagreed on the kind; members are in a canonical order."""

    members: tuple[TypeRef, ...]


@dataclass(frozen=True, slots=True)
class ModelRef:
    """A reference to another model of the same :class:`ModelSet`, by class name."""

    name: ClassName


TypeRef = Scalar | ListOf | DictOf | UnionOf | ModelRef
"""A type expression over primitives, lists, string-keyed dicts, unions and model references."""


def walk(type_: TypeRef) -> Iterator[TypeRef]:
    """Every node of a type expression, outermost first (bounded: expressions are shallow)."""
    stack = [type_]
    while stack:
        node = stack.pop()
        yield node
        match node:
            case ListOf(item):
                stack.append(item)
            case DictOf(value):
                stack.append(value)
            case UnionOf(members):
                stack.extend(reversed(members))


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """One attribute of a model: a safe Python name for a JSON key.

    A field that is not ``required`` was absent from some sample: it defaults to None (the
    renderer adds ``| None``); ``type`` already holds ``None`` when a sample had ``null``.
    """

    name: PyIdent
    alias: str
    type: TypeRef
    required: bool
    description: str = ""


@dataclass(frozen=True, slots=True)
class ModelSpec:
    """One generated class: a ``BaseModel`` with fields, or a ``RootModel`` when ``root`` is set.

    ``pointer`` locates the first body the structure was inferred from.
    """

    name: ClassName
    pointer: str
    fields: tuple[FieldSpec, ...] = ()
    root: TypeRef | None = None
    extra_allowed: bool = True
    description: str = ""


@dataclass(frozen=True, slots=True)
class OperationModels:
    """Which models one operation takes and returns (operation located by ``pointer``).

    ``responses`` pairs a status code string (``"200"``, or ``"default"`` for an example
    without a code) with the model of that status's bodies, sorted by status.
    """

    pointer: str
    request: ClassName | None = None
    responses: tuple[tuple[str, ClassName], ...] = ()

    def response_map(self) -> dict[str, ClassName]:
        """``responses`` as a fresh dict."""
        return dict(self.responses)


@dataclass(frozen=True, slots=True)
class ModelSet:
    """Every model of a collection, defined before use, plus each operation's assignment."""

    models: tuple[ModelSpec, ...] = ()
    operations: tuple[OperationModels, ...] = ()
    _by_name: dict[str, ModelSpec] = field(init=False, repr=False, compare=False)
    _by_pointer: dict[str, OperationModels] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Indexes for the lookups below, which run once per operation or model reference.
        by_name: dict[str, ModelSpec] = {}
        for spec in self.models:
            by_name.setdefault(spec.name, spec)
        by_pointer: dict[str, OperationModels] = {}
        for entry in self.operations:
            by_pointer.setdefault(entry.pointer, entry)
        object.__setattr__(self, "_by_name", by_name)
        object.__setattr__(self, "_by_pointer", by_pointer)

    def model(self, name: str) -> ModelSpec:
        """The model called ``name`` (KeyError if there is none)."""
        return self._by_name[name]

    def for_operation(self, pointer: str) -> OperationModels | None:
        """The assignment of the operation at ``pointer``; None when it has no models."""
        return self._by_pointer.get(pointer)
