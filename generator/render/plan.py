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
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import PurePosixPath
from typing import TYPE_CHECKING, Any

from generator.config import Part
from generator.errors import Problem
from generator.memo import (
    Entry,
    absorb,
    carrying,
    fingerprint,
    lend,
    remembered_value,
    share_known,
)
from generator.model.client import AuthScheme
from generator.model.operation import Collection, Operation
from generator.model.types import ModelSet
from generator.parser.secrets import Redacted, credential_warnings, redact_operation
from generator.parser.variables import scope_of
from generator.postman.variables import Scope
from generator.render.curl import VarStyle, curl_view
from generator.render.env import render_text
from generator.render.parallel import background

if TYPE_CHECKING:
    from generator.render.sdk import Package

__all__ = [
    "FileSet",
    "Part",
    "Rendered",
    "curl_path",
    "curl_snippet",
    "in_path_order",
    "render",
    "uses_examples",
]

FileSet = dict[PurePosixPath, str]
_PARALLEL_FROM = 200
"""Operations from which the curl snippets and the package render in forked children (a
fork costs ~20 ms)."""
_REMEMBERED = 0.9
"""The share of the curl snippets the memo holds from which a run stays in one process."""
_SAMPLE = 50
"""Operations whose curl snippets are looked up to tell that share."""


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
    return _curl_path(op.folder_modules, op.function_name)


@functools.lru_cache(maxsize=65536)
def _curl_path(folders: tuple[str, ...], name: str) -> PurePosixPath:
    # Cached: asked for several times per operation, and a path costs ~10 µs to make.
    return PurePosixPath("snippets", "curl", *folders, f"{name}.sh")


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


def _curl_of(
    op: Operation, scope: Scope, style: VarStyle, snippet: bool
) -> tuple[list[Problem], str | None]:
    """Warnings (with no file name) of what an operation's snippets leave out (the auth's
    credentials and the fields'), and (``snippet``) its curl snippet."""
    redacted = redact_operation(op, scope)
    warnings = credential_warnings("", op, redacted)
    return warnings, curl_snippet(op, scope, style, redacted) if snippet else None


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


@dataclass(frozen=True, slots=True)
class _Curl:
    """What needs neither the models nor the client, made while they are being built."""

    credentials: list[Problem]
    """Warnings of what the snippets leave out."""
    snippets: dict[str, str]
    """Each operation's curl snippet by pointer (when asked for)."""
    prints: dict[str, bytes | None]
    """Each operation's fingerprint by pointer (see memo.py), for the parent to reuse."""


def _curl_key(op: Operation, scope: Scope, style: VarStyle, snippets: bool) -> tuple[object, ...]:
    """All that :func:`_curl_of` reads."""
    return ("curl", fingerprint(op), fingerprint(scope), style.value, snippets, str(curl_path(op)))


def _curl(collection: Collection, scope: Scope, style: VarStyle, snippets: bool) -> _Curl:
    done = _Curl([], {}, {})
    for op in collection.operations:
        warnings, text = remembered_value(
            _curl_key(op, scope, style, snippets),
            functools.partial(_curl_of, op, scope, style, snippets),
        )
        done.prints[op.pointer] = fingerprint(op)
        done.credentials.extend(replace(w, file=collection.file) for w in warnings)
        if text is not None:
            done.snippets[op.pointer] = text
    return done


def _remembered(ops: Sequence[Operation], scope: Scope, style: VarStyle, snippets: bool) -> bool:
    """Whether the memo holds nearly all of this run (judged by a sample of the curl
    snippets): then most of the run is looking things up, and a forked child costs more
    than it saves. After a fork each process copies every page of the collection's heap it
    touches, since reading an object writes its reference count: 93k page faults instead
    of 40k for a one-request change of the GitHub collection, measured."""
    sample = ops[:: max(1, len(ops) // _SAMPLE)]
    return share_known(_curl_key(op, scope, style, snippets) for op in sample) >= _REMEMBERED


def uses_examples(only: Iterable[Part]) -> bool:
    """Whether the parts asked for (all when none are) read the saved example responses:
    every part but the curl snippets does (models, error types, docs)."""
    return (set(only) or set(Part)) != {Part.CURL}


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
    package_job: Callable[[], tuple[Package, dict[bytes, Entry]]] = _no_package
    models_job: Callable[[], tuple[tuple[FileSet, str | None], dict[bytes, Entry]]] = _no_models
    sdk_parts = parts & {Part.MODELS, Part.CLIENT, Part.PYTHON, Part.DOCS}
    snippets_too = bool(parts & {Part.CURL, Part.DOCS})
    ops = collection.operations
    big = len(ops) >= _PARALLEL_FROM and not _remembered(ops, scope, style, snippets_too)
    # Forked children on a large collection: the curl snippets while this process infers
    # the models; the models module and page while it builds the client; the rest of the
    # package while it renders the python snippets and the docs. On two cores, a cold run
    # takes about half the time.
    curl_job = background(
        carrying(functools.partial(_curl, collection, scope, style, snippets_too)),
        worth_it=big and bool(sdk_parts),
    )
    curl: _Curl | None = None

    def curl_done() -> _Curl:
        """The curl child's result, waited for once; its fingerprints lent to this process."""
        nonlocal curl
        if curl is None:
            curl, used = curl_job()
            absorb(used)
            lend((op, curl.prints.get(op.pointer)) for op in collection.operations)
        return curl

    try:
        try:
            if sdk_parts:
                # Here, not at the top: --only curl needs none of the SDK's parsers and
                # renderers.
                from generator.parser.client import build_client
                from generator.parser.models import build_models
                from generator.render import sdk

                say("models")
                model_set, found = build_models(collection)
                problems += found
                say("curl")
                curl_done()
                models_job = background(
                    carrying(
                        functools.partial(
                            sdk.model_files, collection, package, model_set, parts, docs_base_url
                        )
                    ),
                    worth_it=big,
                )
                if parts & {Part.CLIENT, Part.PYTHON, Part.DOCS}:
                    say("client")
                    client, found = build_client(collection, model_set, scope, package, auth)
                    problems += found
                    sdk.client_outputs(client, parts, rendered.outputs)
                if parts & {Part.MODELS, Part.CLIENT}:
                    in_package = client if Part.CLIENT in parts else None
                    package_job = background(
                        carrying(
                            functools.partial(
                                sdk.package_files,
                                collection,
                                package,
                                model_set,
                                in_package,
                                models=False,
                            )
                        ),
                        worth_it=big,
                    )
        finally:  # the children are waited for on the way out of an error too
            if curl is None:
                say("curl")
            curl = curl_done()
        problems += _unsaid(curl.credentials, problems)
        if client is not None and parts & {Part.PYTHON, Part.DOCS}:
            from generator.render.client import render_snippets

            snippets = render_snippets(client)
        if Part.PYTHON in parts:
            rendered.files.update(snippets)
        docs: tuple[FileSet, dict[str, str]] = ({}, {})
        if Part.DOCS in parts:
            assert client is not None
            say("docs")
            (_, models_page), used = models_job()
            absorb(used)
            docs = sdk.docs_files(
                collection,
                client,
                model_set,
                snippets,
                curl.snippets,
                docs_base_url,
                models_page,
            )
        if Part.CURL in parts:
            rendered.files.update(
                (curl_path(op), curl.snippets[op.pointer]) for op in collection.operations
            )
        rendered.files.update(docs[0])
        if sink is not None:
            sink(rendered.files)
    finally:
        (package_files, package_outputs), used = package_job()
        absorb(used)
        (models_module, _), used = models_job()
        absorb(used)
    # Files and manifest entries in one order, whichever process made them.
    rendered.files.update(package_files)
    rendered.files.update(models_module)
    for pointer, entry in package_outputs.items():
        rendered.outputs[pointer].update(entry)
    if Part.CURL in parts:
        for op in collection.operations:
            rendered.outputs[op.pointer]["curl"] = str(curl_path(op))
    for pointer, link in docs[1].items():
        rendered.outputs[pointer]["docs"] = link
    return Rendered(in_path_order(rendered.files), rendered.outputs, tuple(problems))


def in_path_order(files: FileSet) -> FileSet:
    """``files`` sorted by path: by parts, as paths compare, without a Python ``__lt__`` call
    per comparison."""
    return dict(sorted(files.items(), key=lambda item: item[0].parts))


def _no_package() -> tuple[Package, dict[bytes, Entry]]:
    return ({}, {}), {}


def _no_models() -> tuple[tuple[FileSet, str | None], dict[bytes, Entry]]:
    return ({}, None), {}
