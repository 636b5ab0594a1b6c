"""The SDK's outputs: everything built on the inferred models and the client spec.

The package (models, client, README), the python snippets' manifest entries and the Markdown
docs. Kept apart from plan.py so that ``--only curl`` never imports these renderers.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path, PurePosixPath
from typing import Any

from generator.config import Part
from generator.model.client import ClientSpec
from generator.model.operation import Collection
from generator.model.types import ModelSet
from generator.parser.client import client_title
from generator.render.auth import render_auth
from generator.render.client import (
    client_attr,
    dotted,
    first_snippet,
    namespaces,
    render_api,
    render_client,
    render_helpers,
    render_readme,
    snippet_path,
)
from generator.render.docs import DocsInput, render_docs, render_models_page
from generator.render.models import render_model_set
from generator.render.package import render_init, render_pyproject
from generator.render.plan import FileSet
from generator.render.runtime import errors_view, render_errors, render_runtime
from generator.version import __version__

__all__ = ["Package", "client_outputs", "docs_files", "model_files", "package_files"]

Package = tuple[FileSet, dict[str, dict[str, Any]]]
"""The package's files, and each operation's models for the manifest."""


def model_files(
    collection: Collection,
    package: str,
    model_set: ModelSet,
    parts: set[Part],
    docs_base_url: str | None,
) -> tuple[FileSet, str | None]:
    """What needs only the models (so it renders while the client is built): the models
    module when the package is made, and the text of the models' docs page when the docs
    are (for :func:`docs_files`)."""
    files: FileSet = {}
    if parts & {Part.MODELS, Part.CLIENT}:
        files[PurePosixPath(package, "models.py")] = render_model_set(model_set, package)
    page = None
    if Part.DOCS in parts:
        page = render_models_page(model_set, client_title(collection, package), docs_base_url)
    return files, page


def package_files(
    collection: Collection,
    package: str,
    model_set: ModelSet,
    client: ClientSpec | None,
    *,
    models: bool = True,
) -> Package:
    """The installable package: models (``models=False``: all but the models module, made
    by :func:`model_files`), the client when ``client`` is given (its README shows the
    first python snippet); and each operation's models for the manifest."""
    root = PurePosixPath(package)
    files: FileSet = {}
    outputs: dict[str, dict[str, Any]] = {}
    names = [spec.name for spec in model_set.models]
    if models:
        files[root / "models.py"] = render_model_set(model_set, package)
    files[root / "py.typed"] = ""
    error_names: tuple[str, ...] = ()
    if client is not None:
        files[PurePosixPath("README.md")] = render_readme(
            client, f"postgen {__version__}", Path(collection.file).name, first_snippet(client)
        )
        files.update(render_api(client, model_set))
        files[root / "_client.py"] = render_client(client)
        files[root / "_helpers.py"] = render_helpers(package)
        files[root / "_runtime.py"] = render_runtime(package)
        files[root / "auth.py"] = render_auth(package)
        errors = errors_view(package, client.error_statuses)
        files[root / "errors.py"] = render_errors(package, client.error_statuses)
        error_names = tuple(error.name for error in errors.errors)
    files[root / "__init__.py"] = render_init(
        collection, package, names, client=client is not None, errors=error_names
    )
    source = Path(collection.file).name
    files[PurePosixPath("pyproject.toml")] = render_pyproject(
        collection, package, f"postgen {__version__}", source, client=client is not None
    )
    assignments = {entry.pointer: entry for entry in model_set.operations}
    for op in collection.operations:
        entry = assignments.get(op.pointer)
        request = entry.request if entry else None
        responses = entry.response_map() if entry else {}
        outputs[op.pointer] = {
            "request_model": None if request is None else f"{package}.models.{request}",
            "response_models": {
                status: f"{package}.models.{name}" for status, name in responses.items()
            },
        }
    return files, outputs


def client_outputs(spec: ClientSpec, parts: set[Part], outputs: dict[str, dict[str, Any]]) -> None:
    """The manifest's client entries, into ``outputs`` (by operation pointer)."""
    for namespace in namespaces(spec.root):
        for method in namespace.methods:
            entry = outputs[method.pointer]
            if Part.CLIENT in parts:
                entry["module"] = dotted(namespace, spec.package)
                entry["function"] = str(method.name)
                entry["client_attr"] = client_attr(namespace, method)
            if Part.PYTHON in parts:
                entry["python"] = str(snippet_path(namespace, method))
            entry["auth"] = method.auth.value


def docs_files(
    collection: Collection,
    client: ClientSpec,
    model_set: ModelSet,
    snippets: FileSet,
    curl: Mapping[str, str],
    docs_base_url: str | None,
    models_page: str | None = None,
) -> tuple[FileSet, dict[str, str]]:
    """The docs pages (``models_page``: docs/models.md, made by :func:`model_files`), and
    each operation's ``page#anchor``."""
    python = {
        method.pointer: snippets[snippet_path(namespace, method)]
        for namespace in namespaces(client.root)
        for method in namespace.methods
    }
    source = Path(collection.file).name
    generator = f"postgen {__version__}"
    return render_docs(
        DocsInput(
            collection,
            client,
            model_set,
            python,
            curl,
            source,
            generator,
            docs_base_url,
            models_page,
        )
    )
