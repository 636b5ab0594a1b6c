"""Which template makes which output file: the only place that knows the output tree.

OUT/pyproject.toml                  the installable project of the generated package
OUT/<package>/__init__.py           re-exports the models
OUT/<package>/models.py             pydantic models inferred from example bodies
OUT/<package>/py.typed
OUT/snippets/curl/<folders>/<operation>.sh
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from generator.errors import Problem
from generator.model.operation import Collection, Operation
from generator.parser.models import build_models
from generator.parser.variables import scope_of
from generator.postman.variables import Scope
from generator.postman.wire import build
from generator.render.curl import VarStyle, curl_view
from generator.render.env import environment
from generator.render.models import render_model_set
from generator.render.package import render_init, render_pyproject
from generator.version import __version__

__all__ = ["FileSet", "Part", "Rendered", "curl_path", "curl_snippet", "render"]

FileSet = dict[PurePosixPath, str]


class Part(enum.Enum):
    """The outputs ``--only`` can choose from."""

    CURL = "curl"
    MODELS = "models"


@dataclass(frozen=True, slots=True)
class Rendered:
    """Every output file but the manifest, what each operation got, and rendering warnings.

    ``outputs`` maps an operation's pointer to its manifest entries (file paths, models).
    """

    files: FileSet
    outputs: dict[str, dict[str, Any]]
    problems: tuple[Problem, ...]


def curl_path(op: Operation) -> PurePosixPath:
    """`snippets/curl/<folder>/<sub>/<operation>.sh`."""
    return PurePosixPath("snippets", "curl", *op.folder_modules, f"{op.function_name}.sh")


def curl_snippet(op: Operation, scope: Scope, style: VarStyle = VarStyle.POSTMAN) -> str:
    """The curl snippet text for one operation."""
    title = " / ".join(name or "(unnamed)" for name in op.item_path)
    view = curl_view(build(op, scope), title, style)
    return environment().get_template("snippets/curl.sh.jinja").render(view=view)


def _curl(collection: Collection, scope: Scope, style: VarStyle, rendered: Rendered) -> None:
    for op in collection.operations:
        path = curl_path(op)
        rendered.files[path] = curl_snippet(op, scope, style)
        rendered.outputs[op.pointer]["curl"] = str(path)


def _models(collection: Collection, package: str, rendered: Rendered) -> tuple[Problem, ...]:
    model_set, problems = build_models(collection)
    root = PurePosixPath(package)
    names = [spec.name for spec in model_set.models]
    rendered.files[root / "models.py"] = render_model_set(model_set, package)
    rendered.files[root / "__init__.py"] = render_init(collection, package, names)
    rendered.files[root / "py.typed"] = ""
    source = Path(collection.file).name
    rendered.files[PurePosixPath("pyproject.toml")] = render_pyproject(
        collection, package, f"postgen {__version__}", source
    )
    assignments = {entry.pointer: entry for entry in model_set.operations}
    for op in collection.operations:
        entry = assignments.get(op.pointer)
        request = entry.request if entry else None
        responses = entry.response_map() if entry else {}
        rendered.outputs[op.pointer]["request_model"] = (
            None if request is None else f"{package}.models.{request}"
        )
        rendered.outputs[op.pointer]["response_models"] = {
            status: f"{package}.models.{name}" for status, name in responses.items()
        }
    return problems


def render(
    collection: Collection,
    package: str,
    environment_values: Mapping[str, str | None] | None = None,
    style: VarStyle = VarStyle.POSTMAN,
    only: Iterable[Part] = (),
) -> Rendered:
    """Every output file except the manifest (all parts, or ``only`` those)."""
    parts = set(only) or set(Part)
    rendered = Rendered({}, {op.pointer: {} for op in collection.operations}, ())
    problems: tuple[Problem, ...] = ()
    if Part.MODELS in parts:
        problems += _models(collection, package, rendered)
    if Part.CURL in parts:
        _curl(collection, scope_of(collection.variables, environment_values), style, rendered)
    return Rendered(dict(sorted(rendered.files.items())), rendered.outputs, problems)
