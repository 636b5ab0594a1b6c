"""The typed, immutable client IR: what each generated method takes, sends and returns.

``generator/parser/client.py`` builds it from the operation model, the inferred models and
the collection's variables; ``generator/render/client.py`` only prints it. Every value a
method sends is decided here: its wire name, where it goes, whether it is required, the
example value the usage snippets pass.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any

from generator.model.naming import ClassName, ModuleName, PyIdent

__all__ = [
    "Argument",
    "ArgumentType",
    "AuthScheme",
    "BodyArgument",
    "BodyKind",
    "ClientAuth",
    "ClientSpec",
    "FilePart",
    "Method",
    "Namespace",
    "PathPiece",
    "ReturnKind",
    "Returns",
    "SettingValue",
    "Where",
]

SettingValue = str | bool | int | None
"""A signer setting's value as the generated code writes it."""


class Where(enum.Enum):
    """Where an argument's value is sent."""

    PATH = "path"
    QUERY = "query"
    HEADER = "header"


class ArgumentType(enum.Enum):
    """The Python type of a path, query or header argument (sent as text)."""

    STR = "str"
    INT = "int"
    BOOL = "bool"


class AuthScheme(enum.Enum):
    """How a request is authenticated; the value is the manifest's ``auth`` string."""

    NONE = "none"
    OCI = "oci"
    AWSV4 = "awsv4"
    OAUTH1 = "oauth1"
    BASIC = "basic"
    BEARER = "bearer"
    APIKEY = "apikey"
    DIGEST = "digest"
    HAWK = "hawk"
    OAUTH2 = "oauth2"
    OTHER = "other"
    """A Postman auth type no signer exists for (ntlm, edgegrid, jwt, asap, ...): a hook."""


@dataclass(frozen=True, slots=True)
class Argument:
    """A keyword argument of a method that becomes a path segment, query parameter or header.

    ``repeated`` arguments are lists (a query key that appears more than once).
    ``example`` is None for a ``secret`` one.
    """

    name: PyIdent
    key: str
    where: Where
    type: ArgumentType
    required: bool
    example: str | None
    description: str = ""
    repeated: bool = False
    secret: bool = False
    """A credential-looking name: its example value is not copied (snippets show a placeholder)."""
    examples: tuple[str, ...] = ()
    """A ``repeated`` argument's example values, in order (``example`` is the first; a
    ``secret`` one's are ``<key>`` placeholders)."""


@dataclass(frozen=True, slots=True)
class PathPiece:
    """A literal piece of the path (already percent-encoded) or an argument's value."""

    text: str = ""
    argument: PyIdent | None = None


@dataclass(frozen=True, slots=True)
class FilePart:
    """A form-data file part as Postman sends it: the collection's file (``src``; None when
    it names none, and Postman sends an empty part), its file name and Content-Type."""

    name: str
    src: str | None
    filename: str
    content_type: str | None = None


class BodyKind(enum.Enum):
    """What the ``body`` argument is and how it is sent."""

    MODEL = "model"  # a pydantic model, sent as JSON by alias
    JSON = "json"  # any JSON value (no model could be inferred)
    TEXT = "text"  # str, sent as UTF-8
    BYTES = "bytes"  # raw bytes (Postman's file mode)
    FORM = "form"  # urlencoded fields
    MULTIPART = "multipart"  # form-data: text fields plus files
    GRAPHQL = "graphql"  # {"query": ..., "variables": ...} as JSON


@dataclass(frozen=True, slots=True)
class BodyArgument:
    """The request body: its kind, model, Content-Type, and the example a snippet sends.

    ``example`` is the decoded JSON for MODEL/JSON/GRAPHQL (GRAPHQL: the text when Postman's
    pasted-in variables make it no JSON), the text for TEXT, a list of
    ``[key, value]`` pairs for FORM and MULTIPART text fields, and the file's path for BYTES. A JSON
    example too deep to print as a literal is ``raw_example``, its JSON text, instead.
    Credentials in examples are already replaced by ``<key>`` placeholders.
    """

    kind: BodyKind
    content_type: str | None
    model: ClassName | None = None
    example: Any = None
    files: tuple[FilePart, ...] = ()
    raw_example: str | None = None


class ReturnKind(enum.Enum):
    """What a method returns for a 2xx response."""

    MODELS = "models"  # a model per documented status
    TEXT = "text"
    NONE = "none"
    ANY = "any"  # nothing documented: decoded JSON, else text, else None


@dataclass(frozen=True, slots=True)
class Returns:
    """The return of a method; ``models`` pairs a 2xx status with its model and whether that
    is a RootModel (then its ``.root`` is returned)."""

    kind: ReturnKind
    models: tuple[tuple[str, ClassName, bool], ...] = ()


@dataclass(frozen=True, slots=True)
class Method:
    """One generated method (sync and async share it); ``arguments`` in collection order."""

    pointer: str
    name: PyIdent
    title: str
    description: str
    http_method: str
    path: tuple[PathPiece, ...]
    arguments: tuple[Argument, ...]
    fixed_headers: tuple[tuple[str, str], ...]
    body: BodyArgument | None
    returns: Returns
    errors: tuple[tuple[str, ClassName], ...]
    auth: AuthScheme
    auth_settings: tuple[tuple[str, SettingValue], ...] = ()
    """Signer settings this request fixes (attribute -> value), see parser/signer_settings.py."""
    origin: str | None = None
    """The request's own base URL when it differs from the client's (then used as is)."""
    idempotency_header: str | None = None
    sign_body: bool = True
    encode_path: bool = True
    """False with Postman's ``disableUrlEncoding``: the path goes out as written, but for what
    HTTP cannot carry (controls, spaces, non-ASCII), which is still percent-encoded."""
    omit_headers: tuple[str, ...] = ()
    """Default headers (lower case) Postman was told not to send (``disabledSystemHeaders``)."""


@dataclass(frozen=True, slots=True)
class Namespace:
    """A folder (or the collection root): a class with methods and sub-namespaces.

    ``module`` is the dotted path below the package (``api.boot_volume_backups``).
    """

    attribute: PyIdent
    class_name: ClassName
    module: tuple[str, ...]
    title: str
    description: str
    methods: tuple[Method, ...]
    children: tuple[Namespace, ...]
    folder: ModuleName | None = None


@dataclass(frozen=True, slots=True)
class ClientAuth:
    """One auth scheme the client's ``default_auth`` builds a signer for."""

    scheme: AuthScheme
    kind: str
    """Postman's name of the auth type (``oci`` for the detected OCI signing)."""
    params: tuple[tuple[str, str], ...] = ()
    """Non-secret defaults of the scheme (api key name and location, region, ...), Postman's
    where the collection gives none."""


@dataclass(frozen=True, slots=True)
class ClientSpec:
    """The whole client: its namespaces, default base URL, env var and auth."""

    package: str
    title: str
    description: str
    root: Namespace
    env_prefix: str
    default_base_url: str
    auths: tuple[ClientAuth, ...]
    """Every scheme the requests use (NONE only when none uses one), most common first."""
    error_statuses: tuple[int, ...] = ()
