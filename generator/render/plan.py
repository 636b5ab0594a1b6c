"""Which template makes which output file: the only place that knows the output tree."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import PurePosixPath

from generator.model.operation import Collection, Operation
from generator.parser.variables import scope_of
from generator.postman.variables import Scope
from generator.postman.wire import build
from generator.render.curl import VarStyle, curl_view
from generator.render.env import environment

__all__ = ["FileSet", "curl_path", "curl_snippet", "render"]

FileSet = dict[PurePosixPath, str]


def curl_path(op: Operation) -> PurePosixPath:
    """`snippets/curl/<folder>/<sub>/<operation>.sh`."""
    return PurePosixPath("snippets", "curl", *op.folder_modules, f"{op.function_name}.sh")


def curl_snippet(op: Operation, scope: Scope, style: VarStyle = VarStyle.POSTMAN) -> str:
    """The curl snippet text for one operation."""
    title = " / ".join(name or "(unnamed)" for name in op.item_path)
    view = curl_view(build(op, scope), title, style)
    return environment().get_template("snippets/curl.sh.jinja").render(view=view)


def render(
    collection: Collection,
    environment_values: Mapping[str, str | None] | None = None,
    style: VarStyle = VarStyle.POSTMAN,
) -> tuple[FileSet, dict[str, dict[str, str]]]:
    """Every output file except the manifest, plus per-operation paths keyed by pointer."""
    scope = scope_of(collection.variables, environment_values)
    files: FileSet = {}
    outputs: dict[str, dict[str, str]] = {}
    for op in collection.operations:
        path = curl_path(op)
        files[path] = curl_snippet(op, scope, style)
        outputs[op.pointer] = {"curl": str(path)}
    return dict(sorted(files.items())), outputs
