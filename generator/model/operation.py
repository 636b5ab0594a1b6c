"""The typed, immutable operation model (IR) that the parser builds and templates read."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from generator.model.naming import ModuleName, PyIdent

__all__ = [
    "Auth",
    "Body",
    "BodyMode",
    "Collection",
    "Event",
    "Example",
    "Folder",
    "FormPart",
    "Operation",
    "Param",
    "Url",
    "Variable",
]


@dataclass(frozen=True, slots=True)
class Param:
    """A key/value pair as Postman stores it: header, query param, path variable, form field.

    `value` is None where Postman distinguishes "no value" from "" (a query key without `=`).
    """

    key: str
    value: str | None
    pointer: str
    disabled: bool = False
    description: str = ""


@dataclass(frozen=True, slots=True)
class Url:
    """A request URL in Postman's structured form, variables unresolved.

    `host`/`path` are None when the collection gave none (a URL string parses into parts;
    an object keeps exactly what it had, since Postman's runtime ignores `raw` then).
    """

    raw: str
    pointer: str
    protocol: str | None = None
    auth_user: str | None = None
    auth_password: str | None = None
    host: tuple[str, ...] | None = None
    port: str | None = None
    path: tuple[str, ...] | None = None
    query: tuple[Param, ...] = ()
    variables: tuple[Param, ...] = ()
    hash: str | None = None


class BodyMode(enum.Enum):
    """Postman's body modes; NONE covers a missing body, `{}` and unknown modes."""

    NONE = "none"
    RAW = "raw"
    URLENCODED = "urlencoded"
    FORMDATA = "formdata"
    FILE = "file"
    GRAPHQL = "graphql"


@dataclass(frozen=True, slots=True)
class FormPart:
    """One multipart/form-data part: text, or file(s) read from `src` at send time."""

    key: str
    pointer: str
    is_file: bool = False
    value: str | None = None
    src: tuple[str, ...] = ()
    content_type: str | None = None
    file_name: str | None = None
    disabled: bool = False
    description: str = ""


@dataclass(frozen=True, slots=True)
class Body:
    """A request body in one of Postman's modes (only the fields of `mode` are meaningful)."""

    mode: BodyMode
    pointer: str
    raw: str = ""
    language: str | None = None
    fields: tuple[Param, ...] = ()
    parts: tuple[FormPart, ...] = ()
    file_src: str | None = None
    graphql_query: str | None = None
    graphql_operation_name: str | None = None
    # graphql variables: a JSON text when the collection stored a string, else None with
    # `graphql_variables_json` holding the object as canonical JSON ("null" when null).
    graphql_variables: str | None = None
    graphql_variables_json: str | None = None
    disabled: bool = False


@dataclass(frozen=True, slots=True)
class Auth:
    """An auth block: its type and parameters (v2.0 objects and v2.1 lists both end up here)."""

    kind: str
    params: tuple[tuple[str, str], ...]
    pointer: str
    # Parameters whose JSON value is falsy in JavaScript (false, null, 0, ""): Postman's
    # handlers test flags by truthiness, so a JSON false and the string "false" differ.
    falsy: frozenset[str] = frozenset()

    def get(self, name: str, default: str = "") -> str:
        """The parameter's value, or `default` when absent."""
        for key, value in self.params:
            if key == name:
                return value
        return default


@dataclass(frozen=True, slots=True)
class Event:
    """A script attached to an item, folder or collection (data only: never run)."""

    listen: str
    script: str
    pointer: str


@dataclass(frozen=True, slots=True)
class Example:
    """A saved example response."""

    name: str
    pointer: str
    status: int | None = None
    status_text: str = ""
    headers: tuple[Param, ...] = ()
    body: str | None = None
    language: str | None = None


@dataclass(frozen=True, slots=True)
class Variable:
    """A collection or environment variable."""

    key: str
    value: str | None
    pointer: str
    disabled: bool = False


@dataclass(frozen=True, slots=True)
class Operation:
    """One request of the collection, with everything a renderer needs."""

    name: str
    item_path: tuple[str, ...]
    item_id: str | None
    pointer: str
    function_name: PyIdent
    folder_modules: tuple[ModuleName, ...]
    description: str
    method: str
    url: Url
    headers: tuple[Param, ...]
    body: Body | None
    # The effective auth after request -> folder -> collection inheritance (None: no auth),
    # and where it came from (pointer of the auth block that applies).
    auth: Auth | None
    examples: tuple[Example, ...] = ()
    events: tuple[Event, ...] = ()
    # True when a pre-request script of this item or an ancestor may change the request.
    scripted: bool = False
    disable_body_pruning: bool = False
    disable_url_encoding: bool = False
    # protocolProfileBehavior.disabledSystemHeaders: lower-case names Postman will not add.
    disabled_system_headers: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Folder:
    """A folder: nested folders and operations, in collection order."""

    name: str
    item_path: tuple[str, ...]
    pointer: str
    module_name: ModuleName
    description: str = ""
    auth: Auth | None = None
    folders: tuple[Folder, ...] = ()
    operations: tuple[Operation, ...] = ()
    events: tuple[Event, ...] = ()


@dataclass(frozen=True, slots=True)
class Collection:
    """The whole parsed collection."""

    file: str
    name: str
    postman_id: str | None
    schema: str
    version: str
    description: str
    variables: tuple[Variable, ...]
    auth: Auth | None
    root: Folder
    operations: tuple[Operation, ...] = field(default=())
