"""Which template makes which output file: the only place that knows the output tree.

OUT/pyproject.toml                  the installable project of the generated package
OUT/README.md                       how to install, configure and call it
OUT/<package>/__init__.py           exports Client, AsyncClient, the errors and the models
OUT/<package>/_client.py            Client and AsyncClient
OUT/<package>/api/...               one module per folder (nested folders nest)
OUT/<package>/auth.py               the signers (httpx.Auth)
OUT/<package>/errors.py             ApiError and its subclasses
OUT/<package>/_runtime.py           sending: retries, redirects, errors
OUT/<package>/_helpers.py           encoding arguments, decoding responses
OUT/<package>/models.py             pydantic models inferred from example bodies
OUT/<package>/py.typed
OUT/snippets/python/<folders>/<operation>.py
OUT/snippets/curl/<folders>/<operation>.sh
OUT/docs/index.md, <folder>.md, models.md   the Markdown reference (see render/docs.py)

Parts (``--only``): ``models`` is the package with models only; ``client`` adds the client
(and so the models); ``python`` and ``curl`` are the snippets; ``docs`` the Markdown pages.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from generator.config import Part
from generator.errors import Problem
from generator.model.client import AuthScheme, ClientSpec
from generator.model.operation import Collection, Operation
from generator.model.types import ModelSet
from generator.parser.client import build_client
from generator.parser.models import build_models
from generator.parser.secrets import Redacted, credential_warnings, redact_operation
from generator.parser.variables import scope_of
from generator.postman.variables import Scope
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
    render_snippets,
    snippet_path,
)
from generator.render.curl import VarStyle, curl_view
from generator.render.docs import DocsInput, render_docs
from generator.render.env import render_text
from generator.render.models import render_model_set
from generator.render.package import render_init, render_pyproject
from generator.render.parallel import background
from generator.render.runtime import errors_view, render_errors, render_runtime
from generator.version import __version__

__all__ = ["FileSet", "Part", "Rendered", "curl_path", "curl_snippet", "render"]

FileSet = dict[PurePosixPath, str]
_Package = tuple[FileSet, dict[str, dict[str, Any]]]
"""The package's files, and each operation's models for the manifest."""
_PARALLEL_FROM = 200
"""Operations from which the package renders in a child process (a fork costs ~20 ms)."""


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


def curl_snippet(
    op: Operation,
    scope: Scope,
    style: VarStyle = VarStyle.POSTMAN,
    redacted: Redacted | None = None,
) -> str:
    """The curl snippet text for one operation (credentials as ``<name>`` placeholders)."""
    title = " / ".join(name or "(unnamed)" for name in op.item_path)
    wire = (redacted or redact_operation(op, scope)).wire
    view = curl_view(wire, title, style)
    return render_text("snippets/curl.sh.jinja", str(curl_path(op)), view)


def _redactions(collection: Collection, scope: Scope) -> tuple[dict[str, Redacted], list[Problem]]:
    """Per operation, what its snippets may show, and warnings of what they leave out: the
    auth's credentials and the fields'."""
    redactions, problems = {}, []
    for op in collection.operations:
        redactions[op.pointer] = redacted = redact_operation(op, scope)
        problems += credential_warnings(collection.file, op, redacted)
    return redactions, problems


def _unsaid(warnings: list[Problem], said: list[Problem]) -> list[Problem]:
    """``warnings`` (at an operation) but those the python side already gave for it (at the
    operation or a place inside it), so each credential is named once."""
    given: dict[str, list[str]] = {}
    for problem in said:
        given.setdefault(problem.message, []).append(problem.pointer)
    return [
        w
        for w in warnings
        if not any(
            p == w.pointer or p.startswith(w.pointer + "/") for p in given.get(w.message, ())
        )
    ]


def _curl(
    collection: Collection, scope: Scope, style: VarStyle, redactions: Mapping[str, Redacted]
) -> dict[str, str]:
    """Every operation's curl snippet, by pointer."""
    return {
        op.pointer: curl_snippet(op, scope, style, redactions[op.pointer])
        for op in collection.operations
    }


def _package(
    collection: Collection, package: str, model_set: ModelSet, client: ClientSpec | None
) -> _Package:
    """The installable package: models always, the client when ``client`` is given (its
    README shows the first python snippet); and each operation's models for the manifest."""
    root = PurePosixPath(package)
    files: FileSet = {}
    outputs: dict[str, dict[str, Any]] = {}
    names = [spec.name for spec in model_set.models]
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


def _client_outputs(spec: ClientSpec, parts: set[Part], rendered: Rendered) -> None:
    """The manifest's client entries."""
    for namespace in namespaces(spec.root):
        for method in namespace.methods:
            entry = rendered.outputs[method.pointer]
            if Part.CLIENT in parts:
                entry["module"] = dotted(namespace, spec.package)
                entry["function"] = str(method.name)
                entry["client_attr"] = client_attr(namespace, method)
            if Part.PYTHON in parts:
                entry["python"] = str(snippet_path(namespace, method))
            entry["auth"] = method.auth.value


def render(
    collection: Collection,
    package: str,
    environment_values: Mapping[str, str | None] | None = None,
    style: VarStyle = VarStyle.POSTMAN,
    only: Iterable[Part] = (),
    auth: AuthScheme | None = None,
    step: Callable[[str], None] | None = None,
    docs_base_url: str | None = None,
    sink: Callable[[FileSet], None] | None = None,
) -> Rendered:
    """Every output file except the manifest (all parts, or ``only`` those).

    ``auth`` forces the auth scheme of every request that has one (``--auth oci``);
    ``step`` is told the name of each stage as it starts (a progress bar's hook);
    ``docs_base_url`` resolves the relative links of descriptions in the docs; ``sink``
    is given files as soon as they are made, while the package may still be rendering
    (so they are written meanwhile); the result still holds every file.
    """
    say = step or (lambda _stage: None)
    parts = set(only) or set(Part)
    scope = scope_of(collection.variables, environment_values)
    rendered = Rendered({}, {op.pointer: {} for op in collection.operations}, ())
    problems: list[Problem] = []
    model_set, client, snippets = ModelSet(), None, {}
    package_job: Callable[[], _Package] = _no_package
    if parts & {Part.MODELS, Part.CLIENT, Part.PYTHON, Part.DOCS}:
        say("models")
        model_set, found = build_models(collection)
        problems += found
        if parts & {Part.CLIENT, Part.PYTHON, Part.DOCS}:
            say("client")
            client, found = build_client(collection, model_set, scope, package, auth)
            problems += found
            _client_outputs(client, parts, rendered)
        if parts & {Part.MODELS, Part.CLIENT}:
            in_package = client if Part.CLIENT in parts else None
            # The package (most of the formatting) renders in a child process while this
            # one renders the snippets and the docs: on two cores, about half the time.
            package_job = background(
                functools.partial(_package, collection, package, model_set, in_package),
                worth_it=len(collection.operations) >= _PARALLEL_FROM,
            )
    try:
        if client is not None and parts & {Part.PYTHON, Part.DOCS}:
            snippets = render_snippets(client)
        if Part.PYTHON in parts:
            rendered.files.update(snippets)
        redactions, credentials = _redactions(collection, scope)
        problems += _unsaid(credentials, problems)
        curl: dict[str, str] = {}
        if parts & {Part.CURL, Part.DOCS}:
            say("curl")
            curl = _curl(collection, scope, style, redactions)
        docs: tuple[FileSet, dict[str, str]] = ({}, {})
        if Part.DOCS in parts:
            assert client is not None
            say("docs")
            docs = _docs(collection, client, model_set, snippets, curl, docs_base_url)
        if Part.CURL in parts:
            rendered.files.update((curl_path(op), curl[op.pointer]) for op in collection.operations)
        rendered.files.update(docs[0])
        if sink is not None:
            sink(rendered.files)
    finally:
        package_files, package_outputs = package_job()
    # Files and manifest entries in one order, whichever process made them.
    rendered.files.update(package_files)
    for pointer, entry in package_outputs.items():
        rendered.outputs[pointer].update(entry)
    if Part.CURL in parts:
        for op in collection.operations:
            rendered.outputs[op.pointer]["curl"] = str(curl_path(op))
    for pointer, link in docs[1].items():
        rendered.outputs[pointer]["docs"] = link
    return Rendered(dict(sorted(rendered.files.items())), rendered.outputs, tuple(problems))


def _no_package() -> _Package:
    return {}, {}


def _docs(
    collection: Collection,
    client: ClientSpec,
    model_set: ModelSet,
    snippets: FileSet,
    curl: Mapping[str, str],
    docs_base_url: str | None,
) -> tuple[FileSet, dict[str, str]]:
    """The docs pages, and each operation's ``page#anchor``."""
    python = {
        method.pointer: snippets[snippet_path(namespace, method)]
        for namespace in namespaces(client.root)
        for method in namespace.methods
    }
    source = Path(collection.file).name
    generator = f"postgen {__version__}"
    return render_docs(
        DocsInput(collection, client, model_set, python, curl, source, generator, docs_base_url)
    )
