"""Operation model + inferred models -> the client IR (``generator/model/client.py``).

Decides, per request, what the generated method takes and sends:

* **Base URL.** Everything before the path, resolved with the collection's variables. The
  client's default is the base most requests share; a request with another resolved base
  keeps it as its own ``origin``. A base that stays unresolved (``{{baseUrl}}`` without a
  value) is no default: the user gives one (argument or ``<PACKAGE>_BASE_URL``).
* **Arguments.** ``:name`` path variables and ``{{name}}`` path segments are required; query
  parameters and the request's own headers are keyword arguments, required only when their
  description says "(Required)". Disabled ones stay available, optional, and unsent by default.
  Auth headers (what the signer writes) and fixed headers (Content-Type, Accept, ...) are
  not arguments; fixed ones are sent as written.
* **Body.** A JSON body with an inferred model takes that model; other JSON any JSON value;
  text a ``str``; file mode ``bytes``; urlencoded and form-data mappings (plus files).
* **Returns.** The model of each documented 2xx status (a RootModel's ``.root``); text when the
  2xx examples are text; None when they are empty; decoded JSON when nothing is documented.
* **Auth.** Postman's auth type, or OCI when the request carries OCI's signature placeholders
  or a pre-request script that signs OCI requests (or when forced).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import PurePosixPath
from typing import Any, Final

from generator.errors import Level, Problem
from generator.memo import fingerprint, remembered_values
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
    PathPiece,
    ReturnKind,
    Returns,
    Where,
)
from generator.model.naming import ClassName, Namer, PyIdent, class_name
from generator.model.operation import BodyMode, Collection, Folder, Operation, Param
from generator.model.types import ModelSet, OperationModels
from generator.parser.infer import PLACEHOLDER
from generator.parser.samples import decode_json
from generator.parser.secrets import is_secret_name, is_secret_value, redact_json_text
from generator.parser.signer_settings import postman_defaults, signer_settings
from generator.pointer import join
from generator.postman.url import PUrl, encode_path, encode_unsendable, to_string
from generator.postman.variables import VAR_RE, Scope, substitute
from generator.postman.wire import WirePart, WireRequest, build, lodash_lower, purl_of

__all__ = ["build_client", "client_title", "detect_oci"]

_FIXED_HEADERS: Final = frozenset(
    {"content-type", "accept", "accept-encoding", "user-agent", "connection", "cache-control"}
)
_NEVER_ARGUMENTS: Final = frozenset({"content-length", "host", "transfer-encoding"})
_AUTH_HEADERS: Final = {
    AuthScheme.OCI: frozenset({"authorization", "date", "x-date", "x-content-sha256"}),
    AuthScheme.AWSV4: frozenset(
        {"authorization", "x-amz-date", "x-amz-security-token", "x-amz-content-sha256"}
    ),
}
# Headers httpx adds by default that a request can go without (Content-Type is the body's).
_CLIENT_DEFAULTS: Final = frozenset({"accept", "accept-encoding", "connection", "user-agent"})
_IDEMPOTENCY_HEADERS: Final = frozenset({"opc-retry-token", "idempotency-key"})
_LINE_BREAK: Final = re.compile(r"[\r\n]")
_REQUIRED: Final = re.compile(r"\(\s*required\s*\)", re.I)
_INT: Final = re.compile(r"-?(?:0|[1-9]\d{0,17})", re.ASCII)
_OCI_SCRIPT: Final = re.compile(r"x-content-sha256|\(request-target\)|keyId=", re.I)
# Object Storage uploads (PutObject /o/, UploadPart /u/) are signed without their body.
_UNSIGNED_UPLOAD: Final = re.compile(r"/n/[^/]+/b/[^/]+/[ou]/", re.ASCII)
_POSTMAN_SCHEMES: Final = {
    "awsv4": AuthScheme.AWSV4,
    "oauth1": AuthScheme.OAUTH1,
    "basic": AuthScheme.BASIC,
    "bearer": AuthScheme.BEARER,
    "apikey": AuthScheme.APIKEY,
    "digest": AuthScheme.DIGEST,
    "hawk": AuthScheme.HAWK,
    "oauth2": AuthScheme.OAUTH2,
    "noauth": AuthScheme.NONE,
}
# Settings of an auth type that are not secrets, so the client may default to them.
_PUBLIC_AUTH_PARAMS: Final = {
    AuthScheme.APIKEY: ("key", "in"),
    AuthScheme.AWSV4: ("region", "service"),
    AuthScheme.OAUTH2: ("addTokenTo", "headerPrefix"),
    AuthScheme.OAUTH1: ("signatureMethod", "addParamsToHeader", "realm"),
}
_RESERVED_ARGUMENTS: Final = frozenset({"self", "body", "files"})


def _unmark(text: str, wire: WireRequest) -> str:
    """Wire text with unresolved-variable markers printed back as ``{{name}}``."""
    return wire.marker_re.sub(lambda m: "{{" + wire.placeholders[int(m.group(1))] + "}}", text)


def detect_oci(op: Operation) -> bool:
    """OCI signing: a placeholder Authorization with OCI's signed headers, or an OCI script."""
    names = {h.key.strip().lower(): h.value or "" for h in op.headers if not h.disabled}
    authorization = names.get("authorization", "")
    if VAR_RE.fullmatch(authorization.strip()) and (
        "x-content-sha256" in names or "signature" in authorization
    ):
        return True
    return any(
        event.listen == "prerequest" and _OCI_SCRIPT.search(event.script) for event in op.events
    )


def _scheme(op: Operation, forced: AuthScheme | None) -> AuthScheme:
    # Postman has no handler for a literal "inherit" type: such a request goes out unsigned.
    if op.auth is not None and op.auth.kind in ("noauth", "inherit"):
        return AuthScheme.NONE
    if forced is not None:
        return forced
    if detect_oci(op):
        return AuthScheme.OCI
    if op.auth is None:
        return AuthScheme.NONE
    return _POSTMAN_SCHEMES.get(op.auth.kind, AuthScheme.OTHER)


def _argument_type(example: str | None) -> ArgumentType:
    if example is None or "{{" in example:
        return ArgumentType.STR
    if _INT.fullmatch(example):
        return ArgumentType.INT
    if example in ("true", "false"):
        return ArgumentType.BOOL
    return ArgumentType.STR


@dataclass(slots=True)
class _Arguments:
    """The arguments of one method while they are collected (names unique in the method)."""

    namer: Namer[PyIdent]
    items: list[Argument]
    file: str
    problems: list[Problem]

    def add(
        self,
        key: str,
        where: Where,
        example: str | None,
        *,
        required: bool,
        description: str = "",
        repeated: bool = False,
        examples: tuple[str, ...] = (),
        typed: bool = True,
        pointer: str = "",
    ) -> PyIdent:
        """``examples``: every value a repeated argument sends (``example`` is the first)."""
        name, self.namer = self.namer.claim(key, fallback=f"{where.value} param")
        secret = (
            bool(example)
            and where is not Where.PATH
            and (is_secret_name(key) or is_secret_value(example or ""))
        )
        if secret and example is not None:
            if not VAR_RE.fullmatch(example.strip()):
                self.problems.append(
                    Problem(
                        self.file,
                        pointer,
                        f"{where.value} {key!r} holds what looks like a credential: it is not "
                        "copied into snippets (pass it at run time)",
                        Level.WARNING,
                    )
                )
            example, examples = None, tuple(f"<{key}>" for _ in examples)
        kinds = {_argument_type(e) for e in examples or (example,)}
        kind = kinds.pop() if typed and len(kinds) == 1 else ArgumentType.STR
        self.items.append(
            Argument(
                name,
                key,
                where,
                kind,
                required,
                example,
                description,
                repeated,
                secret,
                examples if repeated else (),
            )
        )
        return name


def _path(op: Operation, scope: Scope, args: _Arguments) -> tuple[PathPiece, ...]:
    """The path as literal pieces (percent-encoded as Postman does) and required arguments."""
    variables = {v.key: v for v in op.url.variables}
    encode = encode_unsendable if op.disable_url_encoding else encode_path
    pieces: list[PathPiece] = []
    for segment in op.url.path or ():
        pieces.append(PathPiece(text="/"))
        if segment.startswith(":") and len(segment) > 1:
            variable = variables.get(segment[1:])
            # Postman keeps ":name" in the path when the variable has no value.
            value = segment
            if variable is not None and variable.value:
                value = substitute(variable.value, scope)
            description = "" if variable is None else variable.description
            name = args.add(
                segment[1:],
                Where.PATH,
                value,
                required=True,
                typed=False,
                description=description,
            )
            pieces.append(PathPiece(argument=name))
            continue
        position = 0
        for match in VAR_RE.finditer(segment):
            if match.start() > position:
                pieces.append(PathPiece(text=encode(segment[position : match.start()])))
            example = scope.lookup(match.group(1))
            resolved = None if example is None else substitute(example, scope)
            name = args.add(match.group(1), Where.PATH, resolved, required=True, typed=False)
            pieces.append(PathPiece(argument=name))
            position = match.end()
        if position < len(segment):
            pieces.append(PathPiece(text=encode(segment[position:])))
    merged: list[PathPiece] = []
    for piece in pieces:
        if piece.argument is None and merged and merged[-1].argument is None:
            merged[-1] = PathPiece(text=merged[-1].text + piece.text)
        else:
            merged.append(piece)
    return tuple(merged)


def _query(op: Operation, scope: Scope, scheme: AuthScheme, args: _Arguments) -> None:
    grouped: dict[str, list[Param]] = {}
    for param in op.url.query:
        grouped.setdefault(substitute(param.key, scope), []).append(param)
    auth_param = _auth_query_param(op, scheme, scope)
    for key, params in grouped.items():
        if not key or key == auth_param:
            continue
        values = tuple(substitute(p.value or "", scope) for p in params if not p.disabled)
        description = next((p.description for p in params if p.description), "")
        args.add(
            key,
            Where.QUERY,
            values[0] if values else None,
            required=bool(values) and bool(_REQUIRED.search(description)),
            description=description,
            repeated=len(values) > 1,
            examples=values,
            pointer=join(params[0].pointer, "value"),
        )


def _tokenless(op: Operation, scheme: AuthScheme) -> bool:
    """A bearer or oauth2 auth whose token the collection leaves empty: Postman adds nothing,
    so the request's own Authorization header (an argument then) is what it sends."""
    if op.auth is None or op.auth.kind != scheme.value:
        return False
    name = {AuthScheme.BEARER: "token", AuthScheme.OAUTH2: "accessToken"}.get(scheme)
    return name is not None and not op.auth.get(name)


def _auth_query_param(op: Operation, scheme: AuthScheme, scope: Scope) -> str | None:
    """The query parameter an apikey or oauth2 auth writes (replacing the request's own)."""
    if op.auth is None or op.auth.kind != scheme.value or _tokenless(op, scheme):
        return None
    if scheme is AuthScheme.APIKEY and substitute(op.auth.get("in"), scope) == "query":
        return substitute(op.auth.get("key"), scope) or None
    if (
        scheme is AuthScheme.OAUTH2
        and substitute(op.auth.get("addTokenTo"), scope) == "queryParams"
    ):
        return "access_token"
    return None


def _api_key_header(op: Operation, scheme: AuthScheme, scope: Scope) -> str | None:
    """The (lodash lowerCase) header name an apikey auth writes, which replaces every request
    header of that name, as Postman's handler does; None when it writes no header."""
    if scheme is not AuthScheme.APIKEY or op.auth is None or op.auth.kind != "apikey":
        return None
    if substitute(op.auth.get("in", "header"), scope) == "query":
        return None
    return lodash_lower(substitute(op.auth.get("key"), scope)) or None


def _headers(
    op: Operation, scope: Scope, scheme: AuthScheme, args: _Arguments
) -> tuple[tuple[tuple[str, str], ...], str | None]:
    """Header arguments; returns the fixed headers and the idempotency header (if any)."""
    auth_headers = _AUTH_HEADERS.get(scheme, frozenset({"authorization"}))
    if scheme is AuthScheme.NONE or _tokenless(op, scheme):
        auth_headers = frozenset()
    api_key = _api_key_header(op, scheme, scope)
    fixed: list[tuple[str, str]] = []
    idempotency: str | None = None
    # A name the request repeats is one argument: a list of its enabled values, in order.
    grouped: dict[str, list[tuple[str, str, Param]]] = {}
    for header in op.headers:
        key = substitute(header.key, scope).strip()
        lower = key.lower()
        if not key or lower in auth_headers or lower in _NEVER_ARGUMENTS:
            continue
        if api_key is not None and lodash_lower(key) == api_key:
            continue
        value = substitute(header.value or "", scope)
        if not header.disabled and _LINE_BREAK.search(key + value):
            args.problems.append(
                Problem(
                    args.file,
                    header.pointer,
                    f"header {key!r} holds a line break: Postman refuses to send the request, "
                    "httpx raises, and curl would send extra header lines",
                    Level.WARNING,
                )
            )
        if lower in _FIXED_HEADERS and "{{" not in value:
            if not header.disabled:
                fixed.append((key, value))
            continue
        grouped.setdefault(lower, []).append((key, value, header))
    for lower, headers in grouped.items():
        enabled = [(key, value) for key, value, header in headers if not header.disabled]
        values = tuple(value for _, value in enabled)
        key = (enabled or [(headers[0][0], "")])[0][0]
        description = next((h.description for _, _, h in headers if h.description), "")
        args.add(
            key,
            Where.HEADER,
            values[0] if values else None,
            required=bool(values) and bool(_REQUIRED.search(description)),
            description=description,
            repeated=len(values) > 1,
            examples=values,
            typed=False,
            pointer=join(headers[0][2].pointer, "value"),
        )
        if lower in _IDEMPOTENCY_HEADERS:
            idempotency = key
    return tuple(fixed), idempotency


def _content_type(wire: WireRequest) -> str | None:
    for key, value in wire.headers:
        if key.lower() == "content-type":
            return value
    return None


_EXAMPLE_DEPTH: Final = 32
"""Bodies nested deeper than this are shown in snippets as JSON text, not as literals."""


_EXAMPLE_SIZE: Final = 64 * 1024
"""Bodies longer than this (characters of JSON text) are shown in snippets as JSON text too:
a literal of millions of tokens makes the snippet unreadable and its formatting slow."""


class _TooDeep(Exception):
    pass


def _example(value: Any, secrets: list[str], depth: int = 0) -> Any:
    """A decoded example made fit to print: ``{{variable}}`` values as such, credentials
    replaced by ``<key>`` (their keys noted in ``secrets``)."""
    if depth > _EXAMPLE_DEPTH:
        raise _TooDeep
    if isinstance(value, str) and value.startswith(PLACEHOLDER):
        return "{{" + value[len(PLACEHOLDER) :] + "}}"
    if isinstance(value, list):
        return [_example(item, secrets, depth + 1) for item in value]
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            if _secret_text(key, item):
                secrets.append(key)
                item = f"<{key}>"
            out[_example(key, secrets, depth + 1)] = _example(item, secrets, depth + 1)
        return out
    return value


def _secret_text(key: str, value: object) -> bool:
    """A credential with a value of its own (a ``{{variable}}`` stays visible)."""
    return (
        isinstance(value, str)
        and bool(value)
        and "{{" not in value
        and not value.startswith(PLACEHOLDER)
        and (is_secret_name(key) or is_secret_value(value))
    )


def _json_example(text: str, pointer: str, context: _Context) -> tuple[Any, str | None]:
    """The decoded example and None, or (for a body too deep or too big to print as a
    literal) None and its text."""
    secrets: list[str] = []
    decoded = decode_json(text)
    try:
        if len(text) > _EXAMPLE_SIZE:
            raise _TooDeep
        value, raw = _example(decoded, secrets), None
    except _TooDeep:
        value = None
        raw, keys = redact_json_text(text, decoded)
        secrets.extend(keys)
    if secrets:
        context.problems.append(
            Problem(
                context.file,
                pointer,
                f"body field(s) {', '.join(map(repr, sorted(set(secrets))))} hold what "
                "looks like a credential: not copied into snippets",
                Level.WARNING,
            )
        )
    return value, raw


def _body(
    op: Operation, wire: WireRequest, request_model: ClassName | None, context: _Context
) -> BodyArgument | None:
    body = wire.body
    if body is None or op.body is None:
        return None
    content_type = _content_type(wire)
    if content_type is not None:
        content_type = _unmark(content_type, wire)
    mode = op.body.mode
    pointer = op.body.pointer
    if mode is BodyMode.RAW:
        text = _unmark(body.text, wire)
        try:
            example, raw = _json_example(text, pointer, context)
        except ValueError:
            return BodyArgument(BodyKind.TEXT, content_type, example=text)
        kind = BodyKind.MODEL if request_model is not None else BodyKind.JSON
        return BodyArgument(kind, content_type, request_model, example, raw_example=raw)
    if mode is BodyMode.GRAPHQL:
        text = _unmark(body.text, wire)
        try:
            example, raw = _json_example(text, pointer, context)
        except ValueError:  # Postman pastes the variables text in as it is
            example, raw = text, None
        return BodyArgument(BodyKind.GRAPHQL, content_type, example=example, raw_example=raw)
    if mode is BodyMode.URLENCODED:
        pairs = [[_unmark(k, wire), _unmark(v, wire)] for k, v in body.fields]
        return BodyArgument(
            BodyKind.FORM, content_type, example=_redacted_fields(pairs, pointer, context)
        )
    if mode is BodyMode.FORMDATA:
        # A part with a file name is a file part; one without a file is sent empty.
        texts = [
            [_unmark(p.name, wire), _unmark(p.value or "", wire)]
            for p in body.parts
            if p.file is None and p.filename is None
        ]
        texts = _redacted_fields(texts, pointer, context)
        files = tuple(_file_part(p, wire) for p in body.parts if p.file or p.filename is not None)
        return BodyArgument(BodyKind.MULTIPART, None, example=texts, files=files)
    if mode is BodyMode.FILE:
        return BodyArgument(BodyKind.BYTES, content_type, example=op.body.file_src)
    return None


def _redacted_fields(pairs: list[list[str]], pointer: str, context: _Context) -> list[list[str]]:
    """Form fields with each credential's value as ``<key>`` (a warning names them)."""
    secrets = [k for k, v in pairs if _secret_text(k, v)]
    if secrets:
        context.problems.append(
            Problem(
                context.file,
                pointer,
                f"form field(s) {', '.join(map(repr, sorted(set(secrets))))} hold what looks "
                "like a credential: not copied into snippets",
                Level.WARNING,
            )
        )
    return [[k, f"<{k}>" if k in secrets else v] for k, v in pairs]


def _file_part(part: WirePart, wire: WireRequest) -> FilePart:
    """A form-data file part; Postman names the file by its path's last segment."""
    src = None if part.file is None else _unmark(part.file, wire)
    filename = part.filename
    if filename is None:
        filename = "" if src is None else PurePosixPath(src).name
    content_type = None if part.content_type is None else _unmark(part.content_type, wire)
    return FilePart(_unmark(part.name, wire), src, _unmark(filename, wire), content_type)


def _status_order(status: str) -> tuple[int, str]:
    return (int(status), "") if status.isdigit() else (1000, status)


def _returns(
    op: Operation, responses: dict[str, ClassName], roots: frozenset[ClassName]
) -> Returns:
    success = sorted(
        (s for s in responses if s.isdigit() and 200 <= int(s) < 300), key=_status_order
    )
    if success:
        return Returns(
            ReturnKind.MODELS, tuple((s, responses[s], responses[s] in roots) for s in success)
        )
    examples = [e for e in op.examples if e.status is not None and 200 <= e.status < 300]
    if not examples:
        return Returns(ReturnKind.ANY)
    if all(not (e.body or "").strip() for e in examples):
        return Returns(ReturnKind.NONE)
    return Returns(ReturnKind.TEXT)


def _base(op: Operation, scope: Scope) -> str | None:
    """The URL before the path (``https://host:port/prefix``), resolved as far as the
    variables go (the client fills what is left from env vars); None when there is none.
    A trailing ``/`` a variable holds stays: Postman sends ``{{base}}/x`` as ``//x`` then."""
    url = purl_of(op.url)
    base = PUrl(
        protocol=url.protocol,
        auth=None,
        host=url.host,
        port=url.port,
        path=None,
        query=(),
        variables=(),
        hash=None,
    )
    text = substitute(to_string(base), scope)
    if not text:
        return None
    if "://" not in text:
        text = "http://" + text  # Postman's default scheme
    return text


@dataclass(frozen=True, slots=True)
class _Context:
    """What every method of one collection is built with, and where its warnings go."""

    file: str
    scope: Scope
    default_base: str | None
    problems: list[Problem]


def _method(
    op: Operation,
    scheme: AuthScheme,
    entry: OperationModels | None,
    roots: frozenset[ClassName],
    context: _Context,
) -> Method:
    """One operation's method: ``entry`` names its models, ``roots`` those of them that
    are RootModels (all a method reads of the ModelSet)."""
    scope, default_base = context.scope, context.default_base
    responses = entry.response_map() if entry else {}
    wire = build(op, scope)
    args = _Arguments(
        Namer(PyIdent, reserved=_RESERVED_ARGUMENTS), [], context.file, context.problems
    )
    path = _path(op, scope, args)
    _query(op, scope, scheme, args)
    fixed, idempotency = _headers(op, scope, scheme, args)
    body = _body(op, wire, entry.request if entry else None, context)
    if body is not None:
        fixed = tuple(h for h in fixed if h[0].lower() != "content-type")
    base = _base(op, scope)
    path_text = "".join(p.text or "x" for p in path)
    sign_body = not (
        scheme is AuthScheme.OCI
        and (
            (op.body is not None and op.body.mode is BodyMode.FILE)
            or (op.method == "PUT" and bool(_UNSIGNED_UPLOAD.search(path_text + "/")))
        )
    )
    settings = signer_settings(op.auth, scheme, scope)
    errors = tuple(
        (s, name)
        for s, name in sorted(responses.items(), key=lambda kv: _status_order(kv[0]))
        if s.isdigit() and int(s) >= 400
    )
    return Method(
        pointer=op.pointer,
        name=op.function_name,
        title=op.name,
        description=op.description,
        http_method=op.method,
        path=path,
        arguments=tuple(args.items),
        fixed_headers=fixed,
        body=body,
        returns=_returns(op, responses, roots),
        errors=errors,
        auth=scheme,
        auth_settings=settings,
        origin=base if base is not None and base != default_base else None,
        idempotency_header=idempotency,
        sign_body=sign_body,
        encode_path=not op.disable_url_encoding,
        omit_headers=tuple(sorted(_CLIENT_DEFAULTS & op.disabled_system_headers)),
    )


def _namespace(
    folder: Folder,
    module: tuple[str, ...],
    build_methods: Callable[[tuple[Operation, ...]], tuple[Method, ...]],
) -> Namespace:
    """A folder's namespace; the root's (``module == ("api",)``) is the class ``Api``."""
    children = tuple(
        _namespace(child, (*module, child.module_name), build_methods) for child in folder.folders
    )
    is_root = len(module) == 1
    return Namespace(
        attribute=PyIdent("api") if is_root else PyIdent(str(folder.module_name)),
        class_name=ClassName("Api") if is_root else class_name(folder.module_name, fallback="Api"),
        module=module,
        title=folder.name,
        description=folder.description,
        methods=build_methods(folder.operations),
        children=children,
        folder=None if is_root else folder.module_name,
    )


def _sharing_parts(
    built: list[tuple[Method, list[Problem]]],
) -> list[tuple[Method, list[Problem]]]:
    """The methods with their equal path pieces, arguments and returns made one object
    each (so a folder's methods are remembered, and loaded, with each of those once). All
    their fields have one type each, so equal values are interchangeable."""
    table: dict[object, Any] = {}

    def one(value: Any) -> Any:
        return table.setdefault(value, value)

    return [
        (
            replace(
                method,
                path=tuple(one(piece) for piece in method.path),
                arguments=tuple(one(argument) for argument in method.arguments),
                returns=one(method.returns),
            ),
            found,
        )
        for method, found in built
    ]


def _most_common(values: Iterable[Any]) -> Any:
    counts = Counter(values)
    return max(counts, key=lambda v: counts[v]) if counts else None


def _client_auth(
    collection: Collection,
    scheme: AuthScheme,
    schemes: dict[str, AuthScheme],
    scope: Scope,
) -> ClientAuth:
    """The defaults of ``scheme``'s signer: the non-secret settings of the collection's auth
    of that type, else of the first request's, else Postman's; Postman's type name for OTHER."""
    blocks = [
        op.auth
        for op in collection.operations
        if schemes[op.pointer] is scheme and op.auth is not None
    ]
    kind = blocks[0].kind if scheme is AuthScheme.OTHER and blocks else str(scheme.value)
    if collection.auth is not None and collection.auth.kind == kind:
        blocks.insert(0, collection.auth)
    params = postman_defaults(scheme)
    for name in _PUBLIC_AUTH_PARAMS.get(scheme, ()):
        if blocks and blocks[0].get(name):
            params[name] = substitute(blocks[0].get(name), scope)
    return ClientAuth(scheme, kind, tuple(params.items()))


def client_title(collection: Collection, package: str) -> str:
    """The API's name in the client and the docs."""
    return collection.name or package


def build_client(
    collection: Collection,
    models: ModelSet,
    scope: Scope,
    package: str,
    forced: AuthScheme | None = None,
) -> tuple[ClientSpec, tuple[Problem, ...]]:
    """The client IR of a collection, and warnings (auth types no signer exists for)."""
    schemes = {op.pointer: _scheme(op, forced) for op in collection.operations}
    bases = [_base(op, scope) for op in collection.operations]
    default_base = _most_common(b for b in bases if b is not None) or ""
    problems = [
        Problem(
            collection.file,
            join(op.auth.pointer, "type") if op.auth else op.pointer,
            f"auth type {op.auth.kind if op.auth else '?'!r} has no signer in the generated "
            "client: pass your own httpx.Auth (auth.AuthHook) as Client(auth=...)",
            Level.WARNING,
        )
        for op in collection.operations
        if schemes[op.pointer] is AuthScheme.OTHER
    ]

    scope_print = fingerprint(scope)

    def roots_of(entry: OperationModels | None) -> frozenset[ClassName]:
        return frozenset(
            name
            for _, name in (entry.responses if entry else ())
            if models.model(name).root is not None
        )

    def method_key(op: Operation) -> tuple[object, ...]:
        """All a method is built from (a copy of the collection elsewhere builds the same
        method: the file name goes into its warnings later), in plain data, names as str
        (quicker to make a key of: see memo._key)."""
        entry = models.for_operation(op.pointer)
        models_of = entry and (
            entry.pointer,
            entry.request and str(entry.request),
            tuple((status, str(name)) for status, name in entry.responses),
        )
        rooted = sorted(str(name) for name in roots_of(entry))
        scheme = schemes[op.pointer].value
        return ("method", fingerprint(op), scheme, scope_print, models_of, rooted, default_base)

    def make(op: Operation) -> tuple[Method, list[Problem]]:
        context = _Context("", scope, default_base or None, [])
        entry = models.for_operation(op.pointer)
        method = _method(op, schemes[op.pointer], entry, roots_of(entry), context)
        return method, context.problems

    def build_methods(ops: tuple[Operation, ...]) -> tuple[Method, ...]:
        """A folder's methods, remembered each and together (see memo.remembered_values)."""
        built = remembered_values(
            [method_key(op) for op in ops], lambda i: make(ops[i]), _sharing_parts
        )
        for _, found in built:
            problems.extend(replace(problem, file=collection.file) for problem in found)
        return tuple(method for method, _ in built)

    root = _namespace(collection.root, ("api",), build_methods)
    counts = Counter(s for s in schemes.values() if s is not AuthScheme.NONE)
    used = tuple(sorted(counts, key=lambda s: -counts[s]))  # stable: first seen wins a tie
    statuses = sorted(
        {
            int(s)
            for entry in models.operations
            for s, _ in entry.responses
            if s.isdigit() and int(s) >= 400
        }
    )
    spec = ClientSpec(
        package=package,
        title=client_title(collection, package),
        description=collection.description,
        root=root,
        env_prefix=package.upper(),
        default_base_url=default_base,
        auths=tuple(
            _client_auth(collection, s, schemes, scope) for s in used or (AuthScheme.NONE,)
        ),
        error_statuses=tuple(statuses),
    )
    return spec, tuple(problems)
