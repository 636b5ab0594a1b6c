"""The generated ``models.py``: ModelSet -> view (hints, defaults, imports) -> black-clean text.

Every piece of Python the template prints is computed here: type hints, ``Field(...)``
calls with quoted aliases (``literals.py``), docstring literals and the import header, so the
template only loops and interpolates.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from generator.errors import Problem
from generator.memo import fingerprint, remembered_value
from generator.model.operation import Collection
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
    walk,
)
from generator.parser.models import build_models
from generator.render.code import Code, is_name
from generator.render.env import render_python, render_text
from generator.render.imports import Import, Imports, exports_sorted
from generator.render.literals import docstring, py_string

__all__ = [
    "TEMPLATE",
    "FieldView",
    "ModelAssignments",
    "ModelView",
    "ModelsView",
    "models_view",
    "render_model_set",
    "render_models",
    "type_hint",
    "type_imports",
]

TEMPLATE: Final = "package/models.py.jinja"
CLASS_TEMPLATE: Final = "package/model.py.jinja"

ModelAssignments = dict[str, OperationModels]
"""Operation pointer -> the request model (or None) and the model per status code string."""

_TYPE_IMPORTS: Final = {
    Primitive.DATETIME: Import("datetime", "datetime"),
    Primitive.DATE: Import("datetime", "date"),
    Primitive.UUID: Import("uuid", "UUID"),
    Primitive.ANY: Import("typing", "Any"),
}
_NONE: Final = Scalar(Primitive.NONE)
# The models module's datetime: pydantic's, but sent back as the caller spelled it.
_TIMESTAMP: Final = "_Timestamp"
_TIMESTAMP_IMPORTS: Final = (
    Import("typing", "Annotated"),
    Import("typing", "Any"),
    Import("typing", "TypeAlias"),
    Import("pydantic", "SerializerFunctionWrapHandler"),
    Import("pydantic", "ValidatorFunctionWrapHandler"),
    Import("pydantic", "WrapSerializer"),
    Import("pydantic", "WrapValidator"),
)


@dataclass(frozen=True, slots=True)
class FieldView:
    """One attribute line: ``name: hint`` and, when it has one, ``= default``."""

    name: str
    hint: Code
    default: Code | None

    @property
    def has_default(self) -> bool:
        return self.default is not None


@dataclass(frozen=True, slots=True)
class ModelView:
    """One class: its base (``BaseModel`` or ``RootModel[...]``), docstring and fields."""

    name: str
    base: Code
    docstring: Code
    is_root: bool
    fields: tuple[FieldView, ...]


@dataclass(frozen=True, slots=True)
class ModelsView:
    """Everything the models template prints."""

    docstring: Code
    timestamps: bool
    """Whether a field is a datetime (``_Timestamp``, defined in the module, is then used)."""
    import_groups: tuple[tuple[Code, ...], ...]
    names: tuple[str, ...]
    classes: tuple[Code, ...]
    """Each model's class, rendered with ``package/model.py.jinja`` (a ModelView each)."""
    specs: tuple[ModelSpec, ...]

    @property
    def models(self) -> tuple[ModelView, ...]:
        """Each model's view, for a models template that writes the classes itself."""
        return tuple(_model_view(spec)[0] for spec in self.specs)


def type_hint(
    type_: TypeRef, qualify: Callable[[str], str] = str, timestamp: str = "datetime"
) -> Code:
    """The annotation text of a type expression; ``qualify`` spells a model's name and
    ``timestamp`` a datetime (the models module's own spelling-keeping ``_Timestamp``)."""
    return Code(_hint(type_, qualify, timestamp))


def _hint(type_: TypeRef, qualify: Callable[[str], str], timestamp: str) -> str:
    match type_:
        case Scalar(Primitive.DATETIME):
            return timestamp
        case Scalar(kind):
            return kind.value
        case ListOf(item):
            return f"list[{_hint(item, qualify, timestamp)}]"
        case DictOf(value):
            return f"dict[str, {_hint(value, qualify, timestamp)}]"
        case UnionOf(members):
            return " | ".join(_hint(m, qualify, timestamp) for m in members)
        case ModelRef(name):
            spelled = qualify(name)
            if not is_name(spelled):  # a model name is an identifier; it is printed as code
                raise ValueError(f"not a model name: {spelled!r}")
            return spelled
    raise TypeError(f"not a type expression: {type_!r}")


def type_imports(type_: TypeRef) -> tuple[Import, ...]:
    """The standard-library names a type's hint needs (datetime, UUID, Any)."""
    return tuple(
        _TYPE_IMPORTS[node.kind]
        for node in walk(type_)
        if isinstance(node, Scalar) and node.kind in _TYPE_IMPORTS
    )


def _optional(type_: TypeRef) -> TypeRef:
    """The type of a field that may be absent (it then defaults to None)."""
    if type_ == Scalar(Primitive.ANY) or _NONE in walk(type_):
        return type_
    members = type_.members if isinstance(type_, UnionOf) else (type_,)
    return UnionOf((*members, _NONE))


def _field_view(spec: FieldSpec) -> tuple[FieldView, tuple[Import, ...]]:
    type_ = spec.type if spec.required else _optional(spec.type)
    arguments = [] if spec.required else ["default=None"]
    if spec.alias != spec.name:
        arguments.append(f"alias={py_string(spec.alias)}")
    if spec.description:
        arguments.append(f"description={py_string(spec.description)}")
    default: Code | None = None
    imports = type_imports(type_)
    if arguments == ["default=None"]:
        default = Code("None")
    elif arguments:
        default = Code(f"Field({', '.join(arguments)})")
        imports = (*imports, Import("pydantic", "Field"))
    return FieldView(spec.name, type_hint(type_, timestamp=_TIMESTAMP), default), imports


def _model_view(spec: ModelSpec) -> tuple[ModelView, Imports]:
    text = docstring(spec.description or f"The {spec.name} model.", indent=4)
    if spec.root is not None:
        base = Code(f"RootModel[{type_hint(spec.root, timestamp=_TIMESTAMP)}]")
        imports = Imports().add(Import("pydantic", "RootModel"), *type_imports(spec.root))
        return ModelView(spec.name, base, text, True, ()), imports
    imports = Imports().add(Import("pydantic", "BaseModel"), Import("pydantic", "ConfigDict"))
    fields = []
    for field_spec in spec.fields:
        view, needed = _field_view(field_spec)
        fields.append(view)
        imports = imports.add(*needed)
    return ModelView(spec.name, Code("BaseModel"), text, False, tuple(fields)), imports


def _model_class(spec: ModelSpec, path: str) -> tuple[Code, Imports]:
    view, imports = _model_view(spec)
    return Code(render_text(CLASS_TEMPLATE, path, view)), imports


def models_view(model_set: ModelSet, package: str) -> ModelsView:
    """The view of a package's models module (models in ModelSet order, defined before use);
    each class is remembered by its spec (see memo.py)."""
    imports = Imports()
    classes = []
    path = f"{package}/models.py"
    for spec in model_set.models:
        text, needed = remembered_value(
            (CLASS_TEMPLATE, fingerprint(spec)), functools.partial(_model_class, spec, path)
        )
        classes.append(text)
        imports = Imports(imports.items | needed.items)
    timestamps = _TYPE_IMPORTS[Primitive.DATETIME] in imports.items
    if timestamps:
        imports = imports.add(*_TIMESTAMP_IMPORTS)
    return ModelsView(
        docstring=docstring(f"Pydantic models of the {package} API, inferred from example bodies."),
        timestamps=timestamps,
        import_groups=imports.groups(),
        names=exports_sorted(str(spec.name) for spec in model_set.models),
        classes=tuple(classes),
        specs=model_set.models,
    )


def render_model_set(model_set: ModelSet, package: str) -> str:
    """The formatted text of ``<package>/models.py`` for a ModelSet."""
    return render_python(TEMPLATE, f"{package}/models.py", models_view(model_set, package))


def render_models(
    collection: Collection, package: str
) -> tuple[str, ModelAssignments, tuple[Problem, ...]]:
    """``<package>/models.py``, every operation's models by pointer, and inference warnings."""
    model_set, problems = build_models(collection)
    assignments = {entry.pointer: entry for entry in model_set.operations}
    return render_model_set(model_set, package), assignments, problems
