"""The client IR -> views of the api modules and python snippets (black-clean text).

Each namespace (the collection root, every folder) becomes one module under
``<package>/api/``: a sync and an async class whose methods share one module-level function
that builds the request. Every piece of Python the templates print is computed here (hints,
defaults, literals, import lines); the templates only loop and interpolate.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Final

from generator.memo import fingerprint, remembered_file
from generator.model.client import (
    Argument,
    ArgumentType,
    AuthScheme,
    BodyArgument,
    BodyKind,
    ClientAuth,
    ClientSpec,
    FilePart,
    Method,
    Namespace,
    ReturnKind,
    Returns,
    Where,
)
from generator.model.types import ModelSet, TypeRef
from generator.render.code import Code, is_name
from generator.render.env import render_python, render_text
from generator.render.imports import Import, Imports, export_order, import_order
from generator.render.literals import (
    LINE_LENGTH,
    docstring,
    py_string,
    py_value,
)
from generator.render.markdown import markdown_code, markdown_fence, markdown_text
from generator.render.models import type_hint, type_imports

__all__ = [
    "ApiModuleView",
    "MethodView",
    "SnippetView",
    "api_module_view",
    "auth_text",
    "client_attr",
    "credential_env",
    "env_name",
    "module_path",
    "namespaces",
    "snippet_path",
    "snippet_view",
]

_BODY_HINTS: Final = {
    BodyKind.JSON: "Any",
    BodyKind.TEXT: "str",
    BodyKind.BYTES: "bytes",
    BodyKind.FORM: "Mapping[str, str] | Sequence[tuple[str, str]]",
    BodyKind.MULTIPART: "Mapping[str, str]",
    BodyKind.GRAPHQL: "Mapping[str, Any] | str",
}
_BODY_ENCODERS: Final = {
    BodyKind.MODEL: "_helpers.model_json",
    BodyKind.JSON: "_helpers.any_json",
    BodyKind.TEXT: "_helpers.text",
    BodyKind.BYTES: "bytes",
    BodyKind.FORM: "_helpers.form",
    BodyKind.GRAPHQL: "_helpers.graphql",
}


def namespaces(root: Namespace) -> Iterator[Namespace]:
    """Every namespace, parents before children."""
    stack = [root]
    while stack:
        namespace = stack.pop()
        yield namespace
        stack.extend(reversed(namespace.children))


def module_path(namespace: Namespace, package: str) -> PurePosixPath:
    """``api/__init__.py`` for the root, ``api/<folder>.py`` or ``api/<folder>/__init__.py``."""
    parts = PurePosixPath(package, *namespace.module)
    if namespace.children or len(namespace.module) == 1:
        return parts / "__init__.py"
    return parts.with_suffix(".py")


def dotted(namespace: Namespace, package: str) -> str:
    return ".".join((package, *namespace.module))


def snippet_path(namespace: Namespace, method: Method) -> PurePosixPath:
    """``snippets/python/<folders>/<operation>.py``."""
    return _snippet_path(namespace.module, method.name)


@functools.lru_cache(maxsize=65536)
def _snippet_path(module: tuple[str, ...], name: str) -> PurePosixPath:
    # Cached: asked for several times per operation, and a path costs ~10 µs to make.
    return PurePosixPath("snippets", "python", *module[1:], f"{name}.py")


def client_attr(namespace: Namespace, method: Method) -> str:
    """``folder.sub.method``: how the method hangs off a Client."""
    return ".".join((*namespace.module[1:], method.name))


@dataclass(frozen=True, slots=True)
class MethodView:
    """One operation: its request builder and the sync/async methods that send it."""

    name: str
    builder: str
    parameters: tuple[Code, ...]
    """``name: hint`` / ``name: hint = default`` lines of the public methods."""
    builder_parameters: tuple[Code, ...]
    """``name: hint`` lines of the builder (no defaults: the methods pass everything)."""
    forward: tuple[Code, ...]
    """``name=name`` lines passing the method's arguments to the builder."""
    returns: Code
    docstring: Code
    spec_fields: tuple[tuple[str, Code], ...]
    """``RequestSpec`` keyword arguments, in order: (name, expression) pairs."""
    params: tuple[Code, ...]
    headers: tuple[Code, ...]
    error_models: tuple[tuple[Code, str], ...]
    result: tuple[Code, ...]
    """The lines after the send, ending in a return."""
    heads: tuple[Code, Code]
    """Sync and async ``def`` lines of a method without parameters."""
    sends: tuple[Code, Code]
    """Sync and async send lines of a method without parameters."""


@dataclass(frozen=True, slots=True)
class ChildView:
    attribute: str
    module: str
    alias: str
    class_name: str
    async_class_name: str
    heads: tuple[Code, Code]
    """Sync and async ``def`` lines of the property."""


def _self_def(name: str, returns: str, is_async: bool) -> Code:
    """``def name(self) -> returns:`` at 4 columns, split as black splits it when too long."""
    prefix = "async def" if is_async else "def"
    line = f"{prefix} {name}(self) -> {returns}:"
    if 4 + len(line) <= LINE_LENGTH:
        return Code(line)
    return Code(f"{prefix} {name}(\n        self,\n    ) -> {returns}:")


def _send(builder: str, is_async: bool) -> Code:
    """The send of a request without arguments at 8 columns, split as black splits it."""
    call = "await self._runtime.send" if is_async else "self._runtime.send"
    line = f"response = {call}({builder}())"
    if 8 + len(line) <= LINE_LENGTH:
        return Code(line)
    return Code(f"response = {call}(\n            {builder}()\n        )")


@dataclass(frozen=True, slots=True)
class ApiModuleView:
    docstring: Code
    class_docstring: Code
    class_name: str
    async_class_name: str
    import_groups: tuple[tuple[Code, ...], ...]
    type_checking_imports: tuple[Code, ...]
    exports: tuple[str, ...]
    children: tuple[ChildView, ...]
    methods: tuple[MethodView, ...]


_ANY: Final = Import("typing", "Any")
_MAPPING: Final = Import("collections.abc", "Mapping")
_SEQUENCE: Final = Import("collections.abc", "Sequence")
_BODY_IMPORTS: Final = {
    BodyKind.JSON: (_ANY,),
    BodyKind.FORM: (_MAPPING, _SEQUENCE),
    BodyKind.MULTIPART: (_MAPPING,),
    BodyKind.GRAPHQL: (_MAPPING, _ANY),
}


@dataclass(slots=True)
class _Needs:
    """Imports one api module needs, collected while its methods are viewed."""

    package: str
    models: ModelSet
    imports: set[Import]

    def model(self, name: str) -> str:
        """The model's name as the module spells it (``_models.Thing``): qualified, so that
        no model can clash with a class, import or method name of the module."""
        self.imports.add(Import(self.package, "models as _models"))
        return f"_models.{name}"

    def type(self, type_: TypeRef) -> Code:
        """The hint of a type expression, its models qualified, its imports noted."""
        self.imports.update(type_imports(type_))
        return Code(type_hint(type_, self.model))


def _argument_hint(argument: Argument, needs: _Needs) -> Code:
    hint = argument.type.value
    if argument.repeated:
        needs.imports.add(_SEQUENCE)
        hint = f"Sequence[{hint}]"
    return Code(hint if argument.required else f"{hint} | None")


def _body_hint(body: BodyArgument, needs: _Needs) -> Code:
    if body.kind is BodyKind.MODEL:
        assert body.model is not None
        return Code(needs.model(str(body.model)))
    needs.imports.update(_BODY_IMPORTS.get(body.kind, ()))
    return Code(_BODY_HINTS[body.kind])


def _return_hint(returns: Returns, needs: _Needs) -> Code:
    """The method's return annotation; a RootModel's ``.root`` type is returned as such."""
    if returns.kind is not ReturnKind.MODELS:
        if returns.kind is ReturnKind.ANY:
            needs.imports.add(_ANY)
        return Code(
            {ReturnKind.TEXT: "str", ReturnKind.NONE: "None", ReturnKind.ANY: "Any"}[returns.kind]
        )
    hints: dict[str, None] = {}
    for _, name, is_root in returns.models:
        root = needs.models.model(name).root
        hints[needs.type(root) if is_root and root is not None else needs.model(name)] = None
    # ruff (RUF036) wants None last in a union.
    return Code(" | ".join(sorted(hints, key=lambda hint: hint == "None")))


def _result_lines(returns: Returns, needs: _Needs) -> tuple[Code, ...]:
    if returns.kind is ReturnKind.TEXT:
        return (Code("return response.text"),)
    if returns.kind is ReturnKind.NONE:
        return (Code("del response  # nothing documented to parse"), Code("return None"))
    if returns.kind is ReturnKind.ANY:
        return (Code("return _helpers.decode(response)"),)
    lines: list[Code] = []
    last = len(returns.models) - 1
    for i, (status, name, is_root) in enumerate(returns.models):
        indent = 8 if i == last else 12
        if i != last:
            lines.append(Code(f"if response.status_code == {int(status)}:"))
        lines.append(Code(" " * (indent - 8) + _parse_return(needs.model(name), is_root, indent)))
    return tuple(lines)


def _parse_return(name: str, is_root: bool, indent: int) -> Code:
    """``return _helpers.parse(Name, response)``, split as black splits it when too long
    (continuation lines carry their own margin: the template prints the first at 8)."""
    suffix = ".root" if is_root else ""
    line = f"return _helpers.parse({name}, response){suffix}"
    if indent + len(line) <= LINE_LENGTH:
        return Code(line)
    margin = " " * (indent - 8)
    return Code(
        f"return _helpers.parse(\n{margin}            {name}, response\n{margin}        ){suffix}"
    )


def _method_docstring(method: Method) -> Code:
    """Title, the request's description (its paragraphs), and what each argument is."""
    path = "".join(p.text if p.argument is None else f"{{{p.argument}}}" for p in method.path)
    paragraphs = [f"{method.http_method} {method.origin or ''}{path or '/'}"]
    paragraphs += re.split(r"\n\s*\n", method.description) if method.description else []
    args = [
        (str(a.name), f"{a.where.value} {a.key}. {a.description}".strip()) for a in method.arguments
    ]
    if method.body is not None:
        args.insert(0, ("body", f"the request body ({method.body.kind.value})"))
    return docstring(method.title or str(method.name), 8, paragraphs, args)


def _path_expression(method: Method) -> Code:
    """The path: a literal, or ``_helpers.expand(template, name=value, ...)`` laid out as
    black keeps it (literal braces, which an unencoded path may hold, doubled)."""
    names = list(dict.fromkeys(p.argument for p in method.path if p.argument is not None))
    if not names:
        return py_string("".join(piece.text for piece in method.path))
    template = "".join(
        piece.text.replace("{", "{{").replace("}", "}}")
        if piece.argument is None
        else "{" + piece.argument + "}"
        for piece in method.path
    )
    expand = "_helpers.expand" if method.encode_path else "_helpers.expand_unencoded"
    arguments = "".join(f"            {name}={name},\n" for name in names)
    return Code(f"{expand}(\n            {py_string(template)},\n{arguments}        )")


def _pairs(method: Method, where: Where) -> tuple[Code, ...]:
    return tuple(
        Code(f"({py_string(a.key)}, {a.name})") for a in method.arguments if a.where is where
    )


def _headers(method: Method) -> tuple[Code, ...]:
    body = method.body
    content_type = None
    if body is not None and body.kind is not BodyKind.MULTIPART:
        content_type = body.content_type
    fixed = [(k, v) for k, v in method.fixed_headers]
    if content_type is not None:
        fixed.insert(0, ("Content-Type", content_type))
    return (
        *(Code(f"({py_string(k)}, {py_string(v)})") for k, v in fixed),
        *_pairs(method, Where.HEADER),
    )


def _spec_fields(method: Method) -> tuple[tuple[str, Code], ...]:
    fields: list[tuple[str, Code]] = [
        ("method", py_string(method.http_method)),
        ("path", _path_expression(method)),
    ]
    if method.origin is not None:
        fields.append(("origin", py_string(method.origin)))
    body = method.body
    if body is not None and body.kind is BodyKind.MULTIPART:
        fields.append(("files", Code("_helpers.multipart(body, files)")))
    elif body is not None:
        fields.append(("content", Code(f"{_BODY_ENCODERS[body.kind]}(body)")))
    if method.idempotency_header is not None:
        fields.append(("idempotency_header", py_string(method.idempotency_header)))
    if method.omit_headers:
        fields.append(("omit_headers", py_value(list(method.omit_headers))))
    if not method.sign_body:
        fields.append(("sign_body", Code("False")))
    if method.auth is AuthScheme.NONE:
        fields.append(("authenticate", Code("False")))
    else:
        fields.append(("auth", py_string(method.auth.value)))
    if method.auth_settings:
        settings = ", ".join(f"{py_string(k)}: {py_value(v)}" for k, v in method.auth_settings)
        fields.append(("auth_settings", Code("{" + settings + "}")))
    return tuple(fields)


def _method_view(method: Method, needs: _Needs) -> MethodView:
    parameters: list[Code] = []
    builder_parameters: list[Code] = []
    forward: list[Code] = []
    if method.body is not None:
        hint = _body_hint(method.body, needs)
        parameters.append(Code(f"body: {hint}"))
        builder_parameters.append(Code(f"body: {hint}"))
        forward.append(Code("body=body"))
        if method.body.kind is BodyKind.MULTIPART:
            parameters.append(Code("files: Mapping[str, _helpers.FileContent] | None = None"))
            builder_parameters.append(Code("files: Mapping[str, _helpers.FileContent] | None"))
            forward.append(Code("files=files"))
    # Required arguments first in the signatures (they have no default); sent in order.
    for argument in sorted(method.arguments, key=lambda a: not a.required):
        hint = _argument_hint(argument, needs)
        default = "" if argument.required else " = None"
        parameters.append(Code(f"{argument.name}: {hint}{default}"))
        builder_parameters.append(Code(f"{argument.name}: {hint}"))
        forward.append(Code(f"{argument.name}={argument.name}"))
    returns = _return_hint(method.returns, needs)
    return MethodView(
        name=str(method.name),
        builder=f"_{method.name}",
        parameters=tuple(parameters),
        builder_parameters=tuple(builder_parameters),
        forward=tuple(forward),
        returns=returns,
        docstring=_method_docstring(method),
        spec_fields=_spec_fields(method),
        params=_pairs(method, Where.QUERY),
        headers=_headers(method),
        error_models=tuple((py_string(s), needs.model(name)) for s, name in method.errors),
        result=_result_lines(method.returns, needs),
        heads=(
            _self_def(str(method.name), returns, False),
            _self_def(str(method.name), returns, True),
        ),
        sends=(_send(f"_{method.name}", False), _send(f"_{method.name}", True)),
    )


def _import_line(module: str, name: str, alias: str) -> Code:
    """An import inside ``if TYPE_CHECKING:``, wrapped as black and isort wrap a long one."""
    for part in (module, name, alias):
        if not is_name(part):
            raise ValueError(f"not an importable name: {part!r}")
    line = f"from {module} import {name} as {alias}"
    if len(line) + 4 <= LINE_LENGTH:
        return Code(line)
    return Code(f"from {module} import (\n        {name} as {alias},\n    )")


def api_module_view(namespace: Namespace, spec: ClientSpec, models: ModelSet) -> ApiModuleView:
    """The view of one api module."""
    package = spec.package
    needs = _Needs(package, models, set())
    methods = tuple(_method_view(m, needs) for m in namespace.methods)
    imports = Imports().add(
        Import("__future__", "annotations"),
        Import(f"{package}._runtime", "AsyncRuntime"),
        Import(f"{package}._runtime", "SyncRuntime"),
        *needs.imports,
    )
    if namespace.methods:
        imports = imports.add(
            Import(f"{package}._runtime", "RequestSpec"), Import(package, "_helpers")
        )
    if namespace.children:
        imports = imports.add(
            Import("functools", "cached_property"), Import("typing", "TYPE_CHECKING")
        )
    children = tuple(
        ChildView(
            attribute=str(child.attribute),
            module=dotted(child, package),
            alias=f"_{child.attribute}",
            class_name=str(child.class_name),
            async_class_name=f"Async{child.class_name}",
            heads=(
                _self_def(str(child.attribute), f"_{child.attribute}.{child.class_name}", False),
                _self_def(
                    str(child.attribute), f"_{child.attribute}.Async{child.class_name}", False
                ),
            ),
        )
        for child in namespace.children
    )
    is_root = len(namespace.module) == 1
    what = "top-level requests" if is_root else f'"{namespace.title}" folder'
    description = spec.description if is_root else namespace.description
    class_text = f"Operations of the {what}." + (f" {description}" if description else "")
    return ApiModuleView(
        docstring=docstring(f"Operations of the {what} of the {spec.title} API."),
        class_docstring=docstring(class_text, indent=4),
        class_name=str(namespace.class_name),
        async_class_name=f"Async{namespace.class_name}",
        import_groups=imports.groups(),
        type_checking_imports=tuple(
            _import_line(dotted(namespace, package), c.attribute, c.alias)
            for c in sorted(children, key=lambda c: import_order(c.attribute))
        ),
        exports=tuple(
            sorted((str(namespace.class_name), f"Async{namespace.class_name}"), key=export_order)
        ),
        children=children,
        methods=methods,
    )


@dataclass(frozen=True, slots=True)
class SnippetView:
    docstring: Code
    import_groups: tuple[tuple[Code, ...], ...]
    call: str
    arguments: tuple[Code, ...]


def _value(argument: Argument, example: str) -> str:
    if argument.type is ArgumentType.INT:
        return str(int(example))
    if argument.type is ArgumentType.BOOL:
        return "True" if example == "true" else "False"
    return py_string(example)


def _example(argument: Argument) -> str:
    """The snippet's value: the collection's (every value of a repeated one, in order)."""
    example = argument.example
    if argument.repeated:
        examples = argument.examples or (example or f"<{argument.key}>",)
        return f"[{', '.join(_value(argument, e) for e in examples)}]"
    if example is None:
        return py_string(f"<{argument.key}>")
    return _value(argument, example)


def _call(function: str, value: object, indent: int) -> str:
    """``function(<value>)`` with a multi-line or over-long literal on its own lines, as
    black puts it (so black, slow on a megabyte literal, has nothing left to split). The
    call is the value of ``body=`` at column ``indent``, followed by a comma."""
    literal = py_value(value, indent + 4)
    line = f"body={function}({literal}),"
    if "\n" not in literal and indent + len(line) <= LINE_LENGTH:
        return f"{function}({literal})"
    margin = " " * indent
    return f"{function}(\n{margin}    {literal}\n{margin})"


def _snippet_body(body: BodyArgument, package: str, imports: set[Import]) -> str:
    """The ``body=`` value of a snippet: the collection's example, typed as the method wants."""
    if body.kind is BodyKind.MODEL:
        assert body.model is not None
        imports.add(Import(f"{package}.models", str(body.model)))
        if body.raw_example is not None:
            return _call(f"{body.model}.model_validate_json", body.raw_example, 8)
        return _call(f"{body.model}.model_validate", body.example, 8)
    if body.kind is BodyKind.GRAPHQL and isinstance(body.example, str):
        return py_string(body.example)
    if body.kind in (BodyKind.JSON, BodyKind.GRAPHQL):
        if body.raw_example is not None:
            imports.add(Import("json", ""))
            return _call("json.loads", body.raw_example, 8)
        return py_value(body.example, 8)
    if body.kind is BodyKind.TEXT:
        return py_string(body.example or "")
    if body.kind is BodyKind.BYTES:
        if not body.example:
            return 'b""'
        imports.add(Import("pathlib", "Path"))
        return f"Path({py_string(body.example)}).read_bytes()"
    if body.kind is BodyKind.FORM:
        return py_value([list(pair) for pair in body.example or ()], 8)
    return py_value(dict(body.example or ()), 8)


def _snippet_files(files: tuple[FilePart, ...], imports: set[Import]) -> str:
    """The ``files=`` value of a snippet: each part's file (empty when the collection names
    none, as Postman sends it), with Postman's file name and Content-Type; one per name."""
    entries: dict[str, str] = {}
    for part in files:
        content = 'b""'
        if part.src is not None:
            imports.add(Import("pathlib", "Path"))
            content = f"Path({py_string(part.src)}).read_bytes()"
        content_type = "None" if part.content_type is None else py_string(part.content_type)
        entries.setdefault(
            py_string(part.name), f"({py_string(part.filename)}, {content}, {content_type})"
        )
    return "{" + ", ".join(f"{k}: {v}" for k, v in entries.items()) + "}"


def snippet_view(namespace: Namespace, method: Method, spec: ClientSpec) -> SnippetView:
    """A runnable call of one method with the collection's example values."""
    imports = {Import(spec.package, "Client")}
    arguments: list[Code] = []
    if method.body is not None:
        arguments.append(Code(f"body={_snippet_body(method.body, spec.package, imports)}"))
        if method.body.files:
            arguments.append(Code(f"files={_snippet_files(method.body.files, imports)}"))
    for argument in method.arguments:
        if argument.required or argument.secret or argument.example is not None:
            arguments.append(Code(f"{argument.name}={_example(argument)}"))
    title = " / ".join(part for part in (namespace.title, method.title) if part)
    return SnippetView(
        docstring=docstring(f"{title}: {method.http_method} with the collection's example values."),
        import_groups=Imports(frozenset(imports)).groups(),
        call=f"client.{client_attr(namespace, method)}",
        arguments=tuple(arguments),
    )


API_TEMPLATE: Final = "package/api_module.py.jinja"
SNIPPET_TEMPLATE: Final = "snippets/python.py.jinja"


def _api_module_key(namespace: Namespace, spec: ClientSpec, models: ModelSet) -> tuple[object, ...]:
    """All that :func:`api_module_view` reads: the key of an api module in the memo."""
    is_root = len(namespace.module) == 1
    roots = tuple(
        (name, models.model(name).root)
        for method in namespace.methods
        if method.returns.kind is ReturnKind.MODELS
        for _, name, rooted in method.returns.models
        if rooted
    )
    return (
        spec.package,
        spec.title,
        spec.description if is_root else None,
        namespace.module,
        namespace.class_name,
        namespace.title,
        namespace.description,
        tuple((c.attribute, c.class_name, c.module) for c in namespace.children),
        tuple(fingerprint(method) for method in namespace.methods),
        roots,
    )


def render_api(spec: ClientSpec, models: ModelSet) -> dict[PurePosixPath, str]:
    """Every module under ``<package>/api/`` (each remembered by what it is made of)."""
    files = {}
    for namespace in namespaces(spec.root):
        path = str(module_path(namespace, spec.package))
        files[PurePosixPath(path)] = remembered_file(
            (API_TEMPLATE, path, _api_module_key(namespace, spec, models)),
            functools.partial(_render_api_module, namespace, spec, models, path),
        )
    return files


def _render_api_module(namespace: Namespace, spec: ClientSpec, models: ModelSet, path: str) -> str:
    return render_python(API_TEMPLATE, path, api_module_view(namespace, spec, models))


def render_snippet(spec: ClientSpec, namespace: Namespace, method: Method) -> str:
    """One operation's ``snippets/python/...`` file (remembered by what it is made of)."""
    path = str(snippet_path(namespace, method))
    return remembered_file(
        (
            SNIPPET_TEMPLATE,
            path,
            spec.package,
            namespace.title,
            "/".join(namespace.module),  # (plain data keys are quicker to make: memo._key)
            fingerprint(method),
        ),
        lambda: render_python(SNIPPET_TEMPLATE, path, snippet_view(namespace, method, spec)),
    )


def render_snippets(spec: ClientSpec) -> dict[PurePosixPath, str]:
    """``snippets/python/<folders>/<operation>.py`` for every operation."""
    return {
        snippet_path(namespace, method): render_snippet(spec, namespace, method)
        for namespace in namespaces(spec.root)
        for method in namespace.methods
    }


def first_snippet(spec: ClientSpec) -> str:
    """The first operation's python snippet (the README's example), or "" without any."""
    for namespace in namespaces(spec.root):
        for method in namespace.methods:
            return render_snippet(spec, namespace, method)
    return ""


CLIENT_TEMPLATE: Final = "package/_client.py.jinja"

# The auth class default_auth builds for each scheme.
_AUTH_CLASSES: Final = {
    AuthScheme.OCI: "OciSigner",
    AuthScheme.AWSV4: "AwsSigV4",
    AuthScheme.BEARER: "Bearer",
    AuthScheme.OAUTH2: "OAuth2",
    AuthScheme.BASIC: "Basic",
    AuthScheme.DIGEST: "Digest",
    AuthScheme.APIKEY: "ApiKey",
    AuthScheme.OAUTH1: "OAuth1",
    AuthScheme.HAWK: "Hawk",
    AuthScheme.OTHER: "AuthHook",
}
_CREDENTIAL_ENV: Final = {
    AuthScheme.BEARER: ("TOKEN",),
    AuthScheme.OAUTH2: ("ACCESS_TOKEN",),
    AuthScheme.BASIC: ("USERNAME", "PASSWORD"),
    AuthScheme.DIGEST: ("USERNAME", "PASSWORD"),
    AuthScheme.APIKEY: ("API_KEY",),
    AuthScheme.OAUTH1: ("CONSUMER_KEY", "CONSUMER_SECRET", "TOKEN", "TOKEN_SECRET"),
    AuthScheme.HAWK: ("HAWK_ID", "HAWK_KEY"),
}
# Basic and Digest mean the same user; any other name two schemes read gets the later
# scheme's name in front (``OAUTH1_TOKEN`` next to a Bearer ``TOKEN``).
_SHARED_ENV: Final = frozenset({"USERNAME", "PASSWORD"})
_AUTH_SOURCES: Final = {
    AuthScheme.OCI: "the OCI config file (OCI_CONFIG_FILE, else ~/.oci/config; profile "
    "OCI_CLI_PROFILE, else DEFAULT)",
    AuthScheme.AWSV4: "AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN and AWS_REGION",
}


@dataclass(frozen=True, slots=True)
class AuthView:
    """One scheme's part of default_auth (the templates in package/default_auth/)."""

    scheme: str
    function: str
    docstring: Code
    template: str
    auth_settings: dict[str, Code]
    auth_kind: Code
    env: dict[str, Code]


@dataclass(frozen=True, slots=True)
class ClientView:
    docstring: Code
    import_groups: tuple[tuple[Code, ...], ...]
    base_url_env: Code
    default_base_url: Code
    base_url_variables: tuple[tuple[Code, Code], ...]
    auth_docstring: Code
    auths: tuple[AuthView, ...]
    client_docstring: Code
    async_client_docstring: Code


def env_name(prefix: str, name: str) -> str:
    """``OCI_CORE`` + ``region`` -> ``OCI_CORE_REGION`` (non-alphanumerics become ``_``)."""
    return f"{prefix}_{re.sub(r'[^A-Za-z0-9]+', '_', name).strip('_').upper()}"


def credential_env(spec: ClientSpec) -> dict[AuthScheme, dict[str, str]]:
    """Per scheme, its credential names (``TOKEN``) -> the env var it reads them from."""
    claimed: dict[str, AuthScheme] = {}
    result: dict[AuthScheme, dict[str, str]] = {}
    for auth in spec.auths:
        names: dict[str, str] = {}
        for name in _CREDENTIAL_ENV.get(auth.scheme, ()):
            owner = claimed.setdefault(name, auth.scheme)
            shared = owner is auth.scheme or name in _SHARED_ENV
            names[name] = env_name(
                spec.env_prefix, name if shared else f"{auth.scheme.value}_{name}"
            )
        result[auth.scheme] = names
    return result


def _auth_sentence(auth: ClientAuth, env: dict[str, str]) -> str:
    """Where one scheme's signer gets its credentials, in a sentence."""
    if auth.scheme is AuthScheme.NONE:
        return "No auth: the collection's requests are not authenticated."
    if auth.scheme is AuthScheme.OTHER:
        return (
            f"An AuthHook that refuses to send: no signer exists for the collection's "
            f"auth type ({auth.kind}); pass your own httpx.Auth as Client(auth=...)."
        )
    sources = _AUTH_SOURCES.get(auth.scheme) or ", ".join(env.values())
    return f"The {auth.scheme.value} signer from {sources}; None if unset."


def auth_text(spec: ClientSpec) -> str:
    """What default_auth does, in a sentence or two."""
    envs = credential_env(spec)
    if len(spec.auths) == 1:
        return _auth_sentence(spec.auths[0], envs[spec.auths[0].scheme])
    names = ", ".join(auth.scheme.value for auth in spec.auths)
    return (
        f"The requests use several auth schemes ({names}): an AuthByScheme that signs each "
        "request with its own scheme's signer, each built as its function below says."
    )


def _auth_views(spec: ClientSpec) -> tuple[AuthView, ...]:
    envs = credential_env(spec)
    views = []
    for auth in spec.auths:
        settings = dict(auth.params)
        views.append(
            AuthView(
                scheme=auth.scheme.value,
                function=f"_default_{auth.scheme.value}",
                docstring=docstring(_auth_sentence(auth, envs[auth.scheme]), indent=4),
                template=f"package/default_auth/{auth.scheme.value}.py.jinja",
                auth_settings={k: py_string(v) for k, v in settings.items()},
                auth_kind=py_string(auth.kind),
                env={k: py_string(v) for k, v in envs[auth.scheme].items()},
            )
        )
    return tuple(views)


def client_view(spec: ClientSpec) -> ClientView:
    """The view of ``<package>/_client.py``."""
    package = spec.package
    imports = Imports().add(
        Import("__future__", "annotations"),
        Import("collections.abc", "Mapping"),
        Import("types", "TracebackType"),
        Import("typing", "Final"),
        Import("typing", "Self"),
        Import("httpx", ""),
        Import(package, "_helpers"),
        Import(f"{package}._runtime", "AsyncRuntime"),
        Import(f"{package}._runtime", "SyncRuntime"),
        Import(f"{package}.api", "Api"),
        Import(f"{package}.api", "AsyncApi"),
    )
    schemes = [auth.scheme for auth in spec.auths]
    classes = [_AUTH_CLASSES[s] for s in schemes if s in _AUTH_CLASSES]
    if len(schemes) > 1:
        classes.append("AuthByScheme")
    imports = imports.add(*(Import(f"{package}.auth", name) for name in classes))
    if any(s not in (AuthScheme.NONE, AuthScheme.OTHER) for s in schemes):
        imports = imports.add(Import("os", ""))
    variables = tuple(
        dict.fromkeys(m.group(1) for m in re.finditer(r"\{\{([^{}]+)\}\}", spec.default_base_url))
    )
    how = auth_text(spec)
    base_env = f"{spec.env_prefix}_BASE_URL"
    about = (
        f"Client of the {spec.title} API. Operations hang off it by folder. base_url: the "
        f"argument, else ${base_env} (either without a trailing /), else DEFAULT_BASE_URL as "
        "written"
        + (
            " (variables filled from "
            + ", ".join(env_name(spec.env_prefix, v) for v in variables)
            + ")"
            if variables
            else ""
        )
        + f". auth: the argument, else default_auth(): {how}"
    )
    return ClientView(
        docstring=docstring(f"The {spec.title} API clients, sync and async."),
        import_groups=imports.groups(),
        base_url_env=py_string(base_env),
        default_base_url=py_string(spec.default_base_url),
        base_url_variables=tuple(
            (py_string(v), py_string(env_name(spec.env_prefix, v))) for v in variables
        ),
        auth_docstring=docstring(how, indent=4),
        auths=_auth_views(spec),
        client_docstring=docstring(about, indent=4),
        async_client_docstring=docstring("Async " + about, indent=4),
    )


def render_client(spec: ClientSpec) -> str:
    """``<package>/_client.py``."""
    return render_python(CLIENT_TEMPLATE, f"{spec.package}/_client.py", client_view(spec))


HELPERS_TEMPLATE: Final = "package/_helpers.py.jinja"


def render_helpers(package: str) -> str:
    """``<package>/_helpers.py`` (static)."""
    return render_python(HELPERS_TEMPLATE, f"{package}/_helpers.py")


README_TEMPLATE: Final = "project/README.md.jinja"


@dataclass(frozen=True, slots=True)
class ReadmeView:
    title: Code
    generator: Code
    source: Code
    install: Code
    package: str
    base_url_env: str
    default_base_url: Code
    base_url_variables: tuple[tuple[Code, str], ...]
    auth_text: Code
    example: Code
    operations: tuple[Code, ...]


def render_readme(spec: ClientSpec, generator: str, source: str, example: str) -> str:
    """``OUT/README.md``: install, configure, one example, every operation."""
    variables = tuple(
        (markdown_code("{{" + name + "}}"), env_name(spec.env_prefix, name))
        for name in dict.fromkeys(re.findall(r"\{\{([^{}]+)\}\}", spec.default_base_url))
    )
    operations = tuple(
        Code(
            f"`client.{client_attr(namespace, method)}()`: {markdown_text(method.title)} "
            f"({markdown_text(method.http_method)})"
        )
        for namespace in namespaces(spec.root)
        for method in namespace.methods
    )
    view = ReadmeView(
        title=markdown_text(spec.title),
        generator=markdown_text(generator),
        source=markdown_text(source),
        install=Code("."),
        package=spec.package,
        base_url_env=f"{spec.env_prefix}_BASE_URL",
        default_base_url=markdown_code(spec.default_base_url),
        base_url_variables=variables,
        auth_text=markdown_text(auth_text(spec)),
        example=markdown_fence(example, "python") if example else Code(""),
        operations=operations,
    )
    return render_text(README_TEMPLATE, "README.md", view)
