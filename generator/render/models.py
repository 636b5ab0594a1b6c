"""The generated ``models.py``: ModelSet -> view (hints, defaults, imports) -> black-clean text.

Every piece of Python the template prints is computed here: type hints, ``Field(...)``
calls with ``repr``-quoted aliases, docstring literals and the import header, so the
template only loops and interpolates.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass
from typing import Final

from generator.errors import Problem
from generator.format import format_python
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
from generator.render.env import environment
from generator.render.imports import Import, Imports

__all__ = [
    "TEMPLATE",
    "FieldView",
    "ModelAssignments",
    "ModelView",
    "ModelsView",
    "docstring",
    "models_view",
    "render_model_set",
    "render_models",
    "type_hint",
]

TEMPLATE: Final = "package/models.py.jinja"

ModelAssignments = dict[str, OperationModels]
"""Operation pointer -> the request model (or None) and the model per status code string."""

_TYPE_IMPORTS: Final = {
    Primitive.DATETIME: Import("datetime", "datetime"),
    Primitive.DATE: Import("datetime", "date"),
    Primitive.UUID: Import("uuid", "UUID"),
    Primitive.ANY: Import("typing", "Any"),
}
_NONE: Final = Scalar(Primitive.NONE)
_LINE_LENGTH: Final = 100  # black's and ruff's line length for generated code


@dataclass(frozen=True, slots=True)
class FieldView:
    """One attribute line: ``name: hint`` and, when it has one, ``= default``."""

    name: str
    hint: str
    default: str | None

    @property
    def has_default(self) -> bool:
        return self.default is not None


@dataclass(frozen=True, slots=True)
class ModelView:
    """One class: its base (``BaseModel`` or ``RootModel[...]``), docstring and fields."""

    name: str
    base: str
    docstring: str
    is_root: bool
    fields: tuple[FieldView, ...]


@dataclass(frozen=True, slots=True)
class ModelsView:
    """Everything the models template prints."""

    docstring: str
    import_groups: tuple[tuple[str, ...], ...]
    names: tuple[str, ...]
    models: tuple[ModelView, ...]


def type_hint(type_: TypeRef) -> str:
    """The annotation text of a type expression."""
    match type_:
        case Scalar(kind):
            return kind.value
        case ListOf(item):
            return f"list[{type_hint(item)}]"
        case DictOf(value):
            return f"dict[str, {type_hint(value)}]"
        case UnionOf(members):
            return " | ".join(type_hint(m) for m in members)
        case ModelRef(name):
            return str(name)
    raise TypeError(f"not a type expression: {type_!r}")


def _imports_of(type_: TypeRef) -> tuple[Import, ...]:
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


def docstring(text: str, indent: int = 0) -> str:
    """A triple-quoted literal of any text, wrapped to fit 100 columns at ``indent``.

    Control characters become spaces; a word longer than a line stays whole (a long path).

    Backslashes are always escaped, quotes only when one could end the literal early (a run
    of three, or one at the very end): then every quote is.
    """
    line = " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())
    escaped = line.replace("\\", "\\\\")
    if '"""' in escaped or escaped.endswith('"'):
        escaped = escaped.replace('"', '\\"')
    lines = textwrap.wrap(
        escaped, _LINE_LENGTH - indent - 6, break_long_words=False, break_on_hyphens=False
    )
    if len(lines) <= 1:
        return f'"""{escaped}"""'
    margin = " " * indent
    return '"""' + "".join(f"{line}\n{margin}" for line in lines) + '"""'


def _field_view(spec: FieldSpec) -> tuple[FieldView, tuple[Import, ...]]:
    type_ = spec.type if spec.required else _optional(spec.type)
    arguments = [] if spec.required else ["default=None"]
    if spec.alias != spec.name:
        arguments.append(f"alias={spec.alias!r}")
    if spec.description:
        arguments.append(f"description={spec.description!r}")
    default: str | None = None
    imports = _imports_of(type_)
    if arguments == ["default=None"]:
        default = "None"
    elif arguments:
        default = f"Field({', '.join(arguments)})"
        imports = (*imports, Import("pydantic", "Field"))
    return FieldView(spec.name, type_hint(type_), default), imports


def _model_view(spec: ModelSpec) -> tuple[ModelView, Imports]:
    text = docstring(spec.description or f"The {spec.name} model.", indent=4)
    if spec.root is not None:
        base = f"RootModel[{type_hint(spec.root)}]"
        imports = Imports().add(Import("pydantic", "RootModel"), *_imports_of(spec.root))
        return ModelView(spec.name, base, text, True, ()), imports
    imports = Imports().add(Import("pydantic", "BaseModel"), Import("pydantic", "ConfigDict"))
    fields = []
    for field_spec in spec.fields:
        view, needed = _field_view(field_spec)
        fields.append(view)
        imports = imports.add(*needed)
    return ModelView(spec.name, "BaseModel", text, False, tuple(fields)), imports


def _export_order(name: str) -> tuple[int, list[tuple[int, int, int, str]]]:
    """The order ruff's RUF022 wants for ``__all__`` (isort-style, natural).

    CONSTANTS first, then Classes, then the rest; within them characters by code point,
    except that runs of digits compare by value (``Error2`` before ``Error10``), or, when
    one starts with 0, digit by digit (``M08368ad4`` before ``M872c146f``), as natord does.
    """
    kind = 0 if len(name) > 1 and name.isupper() else 1 if name[:1].isupper() else 2
    key: list[tuple[int, int, int, str]] = []
    for run in re.findall(r"\d+|\D", name):
        if not run.isdigit():
            key.append((ord(run), 0, 0, ""))
        elif run.startswith("0"):
            key.append((ord("0"), 0, 0, run))
        else:
            key.append((ord("0"), 1, len(run), run))
    return kind, key


def models_view(model_set: ModelSet, package: str) -> ModelsView:
    """The view of a package's models module (models in ModelSet order, defined before use)."""
    imports = Imports()
    views = []
    for spec in model_set.models:
        view, needed = _model_view(spec)
        views.append(view)
        imports = Imports(imports.items | needed.items)
    return ModelsView(
        docstring=docstring(f"Pydantic models of the {package} API, inferred from example bodies."),
        import_groups=imports.groups(),
        names=tuple(sorted((view.name for view in views), key=_export_order)),
        models=tuple(views),
    )


def render_model_set(model_set: ModelSet, package: str) -> str:
    """The formatted text of ``<package>/models.py`` for a ModelSet."""
    view = models_view(model_set, package)
    text = environment().get_template(TEMPLATE).render(view=view)
    return format_python(text, path=f"{package}/models.py", template=TEMPLATE)


def render_models(
    collection: Collection, package: str
) -> tuple[str, ModelAssignments, tuple[Problem, ...]]:
    """``<package>/models.py``, every operation's models by pointer, and inference warnings."""
    model_set, problems = build_models(collection)
    assignments = {entry.pointer: entry for entry in model_set.operations}
    return render_model_set(model_set, package), assignments, problems
