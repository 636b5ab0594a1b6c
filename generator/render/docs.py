"""The Markdown reference under ``OUT/docs/``: views of the client IR for templates/docs/.

docs/index.md          the collection: description, auth, base URL and variables, install and
                       configure, a table of contents, and the requests outside any folder
docs/<folder>.md       one page per top-level folder (sub-folders are sections of it)
docs/models.md         every inferred model with its fields

An operation's section shows the same snippets as ``OUT/snippets`` (the very text, not a
re-rendering), its parameters and body model as tables, and its saved example responses.
Links and anchors are explicit HTML ids, the same on GitHub and in MkDocs.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Final

from generator.memo import fingerprint, remembered_file, remembered_text
from generator.model.client import (
    Argument,
    BodyArgument,
    BodyKind,
    ClientSpec,
    Method,
    Namespace,
    ReturnKind,
    Returns,
)
from generator.model.operation import Collection, Example, Operation
from generator.model.types import ModelRef, ModelSet, ModelSpec, TypeRef, walk
from generator.parser.samples import decode_json
from generator.parser.secrets import is_secret_name, is_secret_value, redact_json_text, redact_url
from generator.postman.variables import references
from generator.postman.wire import url_label
from generator.render.client import auth_text, client_attr, credential_env, env_name, namespaces
from generator.render.code import Code
from generator.render.env import render_text
from generator.render.markdown import (
    markdown_anchor,
    markdown_block,
    markdown_cell_code,
    markdown_code,
    markdown_fence,
    markdown_text,
)
from generator.render.models import type_hint

__all__ = ["DocsInput", "operation_anchor", "render_docs", "render_models_page"]

INDEX: Final = PurePosixPath("docs", "index.md")
MODELS: Final = PurePosixPath("docs", "models.md")
SECTION_TEMPLATE: Final = "docs/model.md.jinja"
_RESERVED: Final = frozenset({"index", "models"})

# Response headers every server sends that say nothing about the API.
_NOISE: Final = frozenset(
    {
        "access-control-allow-credentials",
        "access-control-allow-headers",
        "access-control-allow-methods",
        "access-control-allow-origin",
        "access-control-expose-headers",
        "access-control-max-age",
        "age",
        "alt-svc",
        "cache-control",
        "connection",
        "content-encoding",
        "content-length",
        "content-security-policy",
        "date",
        "expect-ct",
        "expires",
        "keep-alive",
        "last-modified",
        "pragma",
        "referrer-policy",
        "server",
        "strict-transport-security",
        "transfer-encoding",
        "vary",
        "via",
        "x-content-type-options",
        "x-frame-options",
        "x-powered-by",
        "x-xss-protection",
    }
)
_OPERATION: Final = "docs/operation.md.jinja"
_BODY_LINES: Final = 60
_BODY_CHARS: Final = 6000
_WRAP_AT: Final = 100
_FENCE_LANGUAGES: Final = frozenset({"json", "xml", "html", "javascript"})


@dataclass(frozen=True, slots=True)
class DocsInput:
    """What the docs are made of: the models, the client IR and the snippets' text (by
    operation pointer), all rendered already for the other outputs."""

    collection: Collection
    client: ClientSpec
    models: ModelSet
    python: Mapping[str, str]
    curl: Mapping[str, str]
    source: str
    generator: str
    links_base: str | None = None
    """Where relative links of descriptions point (``--docs-base-url``); None unlinks them."""
    models_page: str | None = None
    """``docs/models.md`` when it was rendered already (see :func:`render_models_page`)."""


@dataclass(frozen=True, slots=True)
class ParameterRow:
    name: Code
    where: Code
    argument: Code
    type: Code
    required: Code
    description: Code
    example: Code


@dataclass(frozen=True, slots=True)
class FieldRow:
    name: Code
    type: Code
    required: Code
    description: Code


@dataclass(frozen=True, slots=True)
class ResponseView:
    title: Code
    model: Code
    headers: tuple[tuple[Code, Code], ...]
    body: Code


@dataclass(frozen=True, slots=True)
class OperationView:
    heading: Code
    anchor: Code
    title: Code
    description: Code
    request: Code
    call: Code
    returns: Code
    auth: Code
    parameters: tuple[ParameterRow, ...]
    body: Code
    fields: tuple[FieldRow, ...]
    nested: Code
    curl: Code
    python: Code
    responses: tuple[ResponseView, ...]


class OperationSection:
    """An operation's part of a page: ``text``, its section as docs/operation.md.jinja renders
    it, remembered per operation (a page of 468 operations, one of them changed, renders one
    section again, not 468), and the fields of its :class:`OperationView`, made on first use,
    for a page template that includes docs/operation.md.jinja itself."""

    __slots__ = ("_make", "_view", "text")

    def __init__(self, text: Code, make: Callable[[], OperationView]) -> None:
        self.text = text
        self._make = make
        self._view: OperationView | None = None

    def __getattr__(self, name: str) -> object:
        if name.startswith("_"):
            raise AttributeError(name)
        if self._view is None:
            self._view = self._make()
        return getattr(self._view, name)


@dataclass(frozen=True, slots=True)
class SectionView:
    """A sub-folder of a page: its heading and operations."""

    anchor: Code
    title: Code
    description: Code
    operations: tuple[OperationSection, ...]


@dataclass(frozen=True, slots=True)
class PageView:
    title: Code
    description: Code
    operations: tuple[OperationSection, ...]
    sections: tuple[SectionView, ...]


@dataclass(frozen=True, slots=True)
class ContentsEntry:
    link: Code
    operations: tuple[Code, ...]


@dataclass(frozen=True, slots=True)
class IndexView:
    title: Code
    description: Code
    generator: Code
    source: Code
    auth: Code
    base_url: Code
    base_url_env: Code
    variables: tuple[tuple[Code, Code, Code], ...]
    package: str
    credentials: tuple[tuple[Code, Code], ...]
    contents: tuple[ContentsEntry, ...]
    operations: tuple[OperationSection, ...]
    """The requests outside any folder."""


@dataclass(frozen=True, slots=True)
class ModelView:
    anchor: Code
    title: Code
    description: Code
    root: Code
    fields: tuple[FieldRow, ...]
    nested: Code


@dataclass(frozen=True, slots=True)
class ModelsView:
    title: Code
    sections: tuple[Code, ...]
    """Each model's section, rendered with ``docs/model.md.jinja`` (a ModelView each)."""
    specs: tuple[ModelSpec, ...]
    links_base: str | None

    @property
    def models(self) -> tuple[ModelView, ...]:
        """Each model's view, for a page template that writes the sections itself."""
        return tuple(_model_view(spec, self.links_base) for spec in self.specs)


def _model_anchor(name: str) -> str:
    return f"model-{name}"


def _model_link(name: str, page: str) -> str:
    return f"[{markdown_text(name)}]({page}#{_model_anchor(name)})"


def _page_names(root: Namespace) -> dict[tuple[str, ...], PurePosixPath]:
    """The page of every top-level folder (by module), avoiding index.md and models.md."""
    pages: dict[tuple[str, ...], PurePosixPath] = {}
    taken = set(_RESERVED)
    for child in root.children:
        name = child.module[-1]
        while name in taken:
            name += "_"
        taken.add(name)
        pages[child.module] = PurePosixPath("docs", f"{name}.md")
    return pages


def _hint(type_: TypeRef | None) -> str:
    return "Any" if type_ is None else str(type_hint(type_))


def _nested(types: list[TypeRef], page: str) -> Code:
    """Links to the models a table's types mention."""
    names = dict.fromkeys(
        str(node.name) for type_ in types for node in walk(type_) if isinstance(node, ModelRef)
    )
    return Code(", ".join(_model_link(name, page) for name in names))


def _field_rows(spec: ModelSpec) -> tuple[FieldRow, ...]:
    return tuple(
        FieldRow(
            name=markdown_cell_code(field.alias),
            type=markdown_cell_code(_hint(field.type)),
            required=Code("yes" if field.required else "no"),
            description=markdown_text(field.description),
        )
        for field in spec.fields
    )


def _parameter(argument: Argument) -> ParameterRow:
    hint = argument.type.value
    example = argument.examples if argument.repeated else (argument.example,)
    shown = [f"<{argument.key}>" if value is None else value for value in example]
    return ParameterRow(
        name=markdown_cell_code(argument.key),
        where=Code(argument.where.value),
        argument=markdown_cell_code(str(argument.name)),
        type=markdown_cell_code(f"list[{hint}]" if argument.repeated else hint),
        required=Code("yes" if argument.required else "no"),
        description=markdown_text(argument.description),
        example=Code(", ".join(markdown_cell_code(value) for value in shown)),
    )


_BODY_TYPES: Final = {
    BodyKind.JSON: "any JSON value",
    BodyKind.TEXT: "str",
    BodyKind.BYTES: "bytes (a file's content)",
    BodyKind.FORM: "form fields",
    BodyKind.MULTIPART: "multipart form fields and files",
    BodyKind.GRAPHQL: "a GraphQL query and variables",
}


def _body(body: BodyArgument | None) -> Code:
    """What the ``body`` argument is and how it is sent, in a line."""
    if body is None:
        return Code("")
    sent = f" sent as {markdown_code(body.content_type)}" if body.content_type else ""
    if body.kind is BodyKind.MODEL and body.model is not None:
        return Code(f"{_model_link(str(body.model), 'models.md')}{sent}")
    return Code(f"{markdown_text(_BODY_TYPES[body.kind])}{sent}")


def _snippet(text: str, language: str) -> Code:
    """A snippet's text as a fenced block, and a note when it holds a carriage return, which
    Markdown shows as a line break (the file under snippets/ has it)."""
    fence = markdown_fence(text, language)
    if "\r" not in text:
        return fence
    return Code(
        f"{fence}\n\nIt sends carriage returns this page shows as line breaks: run the file."
    )


def _returns(returns: Returns) -> Code:
    if returns.kind is ReturnKind.MODELS:
        return Code(
            ", ".join(
                f"{_model_link(str(name), 'models.md')} ({markdown_text(status)})"
                for status, name, _ in returns.models
            )
        )
    return markdown_code(
        {ReturnKind.TEXT: "str", ReturnKind.NONE: "None", ReturnKind.ANY: "decoded JSON"}[
            returns.kind
        ]
    )


def _example_body(example: Example) -> Code:
    """An example response's body as a fenced block, credentials as ``<key>`` placeholders
    and long ones cut (the collection has the rest)."""
    text = example.body
    if not text:
        return Code("")
    language = example.language or "text"
    try:
        value = decode_json(text)
    except ValueError:
        if is_secret_value(text):
            return markdown_text("(not shown: it holds a private key)")
    else:
        language = "json"
        if "\n" not in text.strip() and len(text) > _WRAP_AT:
            text = json.dumps(value, indent=2, ensure_ascii=False)
        redacted, _ = redact_json_text(text, value)
        if redacted is None:
            return markdown_text("(not shown: it holds a credential-looking value)")
        text = redacted
    lines = text.splitlines()
    cut = ""
    if len(lines) > _BODY_LINES or len(text) > _BODY_CHARS:
        kept = []
        size = 0
        for line in lines[:_BODY_LINES]:
            size += len(line) + 1
            if size > _BODY_CHARS:
                break
            kept.append(line)
        more = len(lines) - len(kept)
        cut = f"\n\n{more} more lines in the collection at {markdown_code(example.pointer)}."
        lines = kept
    fence = language if language in _FENCE_LANGUAGES else "text"
    return Code(markdown_fence("\n".join(lines), fence) + cut)


def _response(example: Example, models: Mapping[str, str]) -> ResponseView:
    status = "" if example.status is None else str(example.status)
    title = " ".join(filter(None, (status, example.status_text))) or "Response"
    name = f" · {markdown_text(example.name)}" if example.name else ""
    model = models.get(status)
    headers = tuple(
        (
            markdown_cell_code(header.key),
            markdown_cell_code(_shown(header.key, header.value)),
        )
        for header in example.headers
        if not header.disabled and header.key.lower() not in _NOISE
    )
    return ResponseView(
        title=Code(f"**{markdown_text(title)}**{name}"),
        model=Code(_model_link(model, "models.md")) if model else Code(""),
        headers=headers,
        body=_example_body(example),
    )


class _Builder:
    """Views of one collection's pages (with the lookups every section needs)."""

    def __init__(self, docs: DocsInput) -> None:
        self.docs = docs
        self.operations = {op.pointer: op for op in docs.collection.operations}
        self.models = {str(spec.name): spec for spec in docs.models.models}
        self.responses = {
            entry.pointer: {status: str(name) for status, name in entry.responses}
            for entry in docs.models.operations
        }

    def operation(self, namespace: Namespace, method: Method, level: int) -> OperationView:
        op: Operation = self.operations[method.pointer]
        body = method.body
        fields: tuple[FieldRow, ...] = ()
        nested = Code("")
        if body is not None and body.kind is BodyKind.MODEL and body.model is not None:
            spec = self.models[str(body.model)]
            fields = _field_rows(spec)
            types = [field.type for field in spec.fields]
            nested = _nested(types + ([spec.root] if spec.root else []), "models.md")
        return OperationView(
            heading=Code("#" * level),
            anchor=markdown_anchor(operation_anchor(namespace, method)),
            title=markdown_text(method.title or str(method.name)),
            description=markdown_block(op.description, level, self.docs.links_base),
            request=markdown_code(f"{op.method} {redact_url(url_label(op.url))}"),
            call=markdown_code(f"client.{client_attr(namespace, method)}(...)"),
            returns=_returns(method.returns),
            auth=markdown_code(method.auth.value),
            parameters=tuple(_parameter(argument) for argument in method.arguments),
            body=_body(body),
            fields=fields,
            nested=nested,
            curl=_snippet(self.docs.curl[method.pointer], "bash"),
            python=_snippet(self.docs.python[method.pointer], "python"),
            responses=tuple(
                _response(example, self.responses.get(op.pointer, {})) for example in op.examples
            ),
        )

    def section(
        self, namespace: Namespace, method: Method, level: int, path: str
    ) -> OperationSection:
        """An operation's section of the page at ``path``, its text remembered under all it
        is made of."""
        make = functools.partial(self.operation, namespace, method, level)
        text = remembered_text(
            (_OPERATION, level, self.docs.links_base, *self._operation_key(namespace, method)),
            lambda: render_text(_OPERATION, path, make(), name="op"),
        )
        return OperationSection(Code(text), make)

    def _operation_key(self, namespace: Namespace, method: Method) -> tuple[object, ...]:
        """All that :meth:`operation` reads besides the level and the links' base."""
        body = method.body
        spec = None
        if body is not None and body.kind is BodyKind.MODEL and body.model is not None:
            spec = self.models[str(body.model)]
        return (
            fingerprint(self.operations[method.pointer]),
            fingerprint(method),
            None if spec is None else fingerprint(spec),
            self.responses.get(method.pointer),
            fingerprint(self.docs.curl[method.pointer]),
            fingerprint(self.docs.python[method.pointer]),
            client_attr(namespace, method),
        )

    def page_key(self, namespace: Namespace) -> tuple[object, ...]:
        """All that :meth:`page` reads: the key of a page in the memo."""
        return (
            self.docs.links_base,
            tuple(
                (
                    child.module,
                    child.title,
                    child.description,
                    tuple(self._operation_key(child, m) for m in child.methods),
                )
                for child in namespaces(namespace)
            ),
        )

    def render_page(self, namespace: Namespace, path: str) -> str:
        return render_text("docs/page.md.jinja", path, self.page(namespace, path))

    def page(self, namespace: Namespace, path: str) -> PageView:
        """A top-level folder's page; its sub-folders, at any depth, are sections of it."""
        sections = []
        for child in namespaces(namespace):
            if child is namespace or not (child.methods or child.description):
                continue
            sections.append(
                SectionView(
                    anchor=markdown_anchor("folder-" + "-".join(child.module[1:])),
                    title=markdown_text(_trail(namespace, child)),
                    description=markdown_block(child.description, 2, self.docs.links_base),
                    operations=tuple(self.section(child, m, 3, path) for m in child.methods),
                )
            )
        return PageView(
            title=markdown_text(namespace.title or namespace.module[-1]),
            description=markdown_block(namespace.description, 1, self.docs.links_base),
            operations=tuple(self.section(namespace, m, 2, path) for m in namespace.methods),
            sections=tuple(sections),
        )

    def index(self, pages: Mapping[tuple[str, ...], PurePosixPath]) -> IndexView:
        docs, spec = self.docs, self.docs.client
        base_variables = _variables_in(spec.default_base_url)
        # A variable an auth block reads is a credential, whatever its name.
        credentials_in = {
            name
            for auth in (docs.collection.auth, *(op.auth for op in docs.collection.operations))
            if auth is not None
            for _, value in auth.params
            for name in _variables_in(value)
        }
        variables = tuple(
            (
                markdown_cell_code(variable.key),
                markdown_cell_code(
                    _shown(variable.key, variable.value, secret=variable.key in credentials_in)
                ),
                markdown_cell_code(f"${env_name(spec.env_prefix, variable.key)}")
                if variable.key in base_variables
                else Code(""),
            )
            for variable in docs.collection.variables
            if not variable.disabled
        )
        credentials = tuple(
            (markdown_code(f"${env}"), markdown_text(f"{scheme.value}: {name.lower()}"))
            for scheme, names in credential_env(spec).items()
            for name, env in names.items()
        )
        contents = []
        for child in spec.root.children:
            page = pages[child.module].name
            links = tuple(
                Code(
                    f"[{markdown_text(method.title or str(method.name))}]"
                    f"({page}#{operation_anchor(namespace, method)})"
                )
                for namespace in namespaces(child)
                for method in namespace.methods
            )
            title = markdown_text(child.title or child.module[-1])
            contents.append(ContentsEntry(Code(f"[{title}]({page})"), links))
        if spec.root.methods:
            links = tuple(
                Code(
                    f"[{markdown_text(m.title or str(m.name))}](#{operation_anchor(spec.root, m)})"
                )
                for m in spec.root.methods
            )
            contents.append(ContentsEntry(Code("[Requests outside folders](#requests)"), links))
        return IndexView(
            title=markdown_text(spec.title),
            description=markdown_block(spec.description, 1, self.docs.links_base),
            generator=markdown_text(docs.generator),
            source=markdown_code(docs.source),
            auth=markdown_text(auth_text(spec)),
            base_url=markdown_code(spec.default_base_url),
            base_url_env=markdown_code(f"${spec.env_prefix}_BASE_URL"),
            variables=variables,
            package=spec.package,
            credentials=credentials,
            contents=tuple(contents),
            operations=tuple(self.section(spec.root, m, 3, str(INDEX)) for m in spec.root.methods),
        )


def _model_view(spec: ModelSpec, links_base: str | None) -> ModelView:
    types = [field.type for field in spec.fields] + ([spec.root] if spec.root else [])
    return ModelView(
        anchor=markdown_anchor(_model_anchor(str(spec.name))),
        title=markdown_text(str(spec.name)),
        description=markdown_block(spec.description, 2, links_base),
        root=markdown_code(_hint(spec.root)) if spec.root else Code(""),
        fields=_field_rows(spec),
        nested=_nested(types, ""),
    )


def _model_section(spec: ModelSpec, links_base: str | None) -> Code:
    return Code(render_text(SECTION_TEMPLATE, str(MODELS), _model_view(spec, links_base)))


def render_models_page(models: ModelSet, title: str, links_base: str | None = None) -> str:
    """``docs/models.md``: needs only the models (so it renders while the client is built);
    each model's section is remembered by its spec (see memo.py)."""
    sections = tuple(
        remembered_text(
            (SECTION_TEMPLATE, fingerprint(spec), links_base),
            functools.partial(_model_section, spec, links_base),
        )
        for spec in models.models
    )
    view = ModelsView(markdown_text(title), tuple(map(Code, sections)), models.models, links_base)
    return render_text("docs/models.md.jinja", str(MODELS), view)


def _trail(top: Namespace, child: Namespace) -> str:
    """``Sub / Sub-sub``: a section's folder titles below its page's folder."""
    titles = []
    node = top
    for depth in range(len(top.module), len(child.module)):
        node = next(c for c in node.children if c.module == child.module[: depth + 1])
        titles.append(node.title or node.module[-1])
    return " / ".join(titles)


def _variables_in(text: str) -> set[str]:
    return set(references(text))


def _shown(key: str, value: str | None, *, secret: bool = False) -> str:
    """A value as the docs may show it: ``<key>`` for a credential."""
    if secret or is_secret_name(key) or is_secret_value(value or ""):
        return f"<{key}>"
    return value or ""


def operation_anchor(namespace: Namespace, method: Method) -> str:
    """The id of an operation's section on its page."""
    return "op-" + client_attr(namespace, method).replace(".", "-")


def render_docs(docs: DocsInput) -> tuple[dict[PurePosixPath, str], dict[str, str]]:
    """Every page under docs/, and each operation's ``page#anchor`` (for the manifest)."""
    builder = _Builder(docs)
    root = docs.client.root
    pages = _page_names(root)
    files = {INDEX: render_text("docs/index.md.jinja", str(INDEX), builder.index(pages))}
    for child in root.children:
        path = pages[child.module]
        files[path] = remembered_file(
            ("docs/page.md.jinja", str(path), builder.page_key(child)),
            functools.partial(builder.render_page, child, str(path)),
        )
    files[MODELS] = (
        docs.models_page
        if docs.models_page is not None
        else render_models_page(docs.models, docs.client.title, docs.links_base)
    )
    links = {}
    for namespace in namespaces(root):
        top = namespace.module[:2]
        path = pages[top] if len(top) > 1 else INDEX
        for method in namespace.methods:
            links[method.pointer] = f"{path}#{operation_anchor(namespace, method)}"
    return files, links
