"""The generated package's static runtime: ``<package>/_runtime.py`` and ``<package>/errors.py``.

Both modules are the same for every collection but for their docstrings and, in
``errors.py``, one exception class per error status the collection's examples document.
The class names and every line the templates print are computed here.
"""

from __future__ import annotations

import keyword
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from generator.render.code import Code
from generator.render.env import render_python
from generator.render.imports import export_order
from generator.render.literals import LINE_LENGTH, docstring

__all__ = [
    "ERRORS_TEMPLATE",
    "RUNTIME_TEMPLATE",
    "ErrorView",
    "ErrorsView",
    "RuntimeView",
    "error_class_name",
    "errors_view",
    "render_errors",
    "render_runtime",
    "runtime_view",
]

RUNTIME_TEMPLATE: Final = "package/_runtime.py.jinja"
ERRORS_TEMPLATE: Final = "package/errors.py.jinja"

# Reason phrases as RFC 9110 (and RFC 6585, 4918, 8470, 7725) words them, fixed here and not
# read from http.HTTPStatus, whose phrases change between Python versions (413, 422).
_PHRASES: Final = {
    400: "Bad Request",
    401: "Unauthorized",
    402: "Payment Required",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    406: "Not Acceptable",
    407: "Proxy Authentication Required",
    408: "Request Timeout",
    409: "Conflict",
    410: "Gone",
    411: "Length Required",
    412: "Precondition Failed",
    413: "Content Too Large",
    414: "URI Too Long",
    415: "Unsupported Media Type",
    416: "Range Not Satisfiable",
    417: "Expectation Failed",
    421: "Misdirected Request",
    422: "Unprocessable Content",
    423: "Locked",
    424: "Failed Dependency",
    425: "Too Early",
    426: "Upgrade Required",
    428: "Precondition Required",
    429: "Too Many Requests",
    431: "Request Header Fields Too Large",
    451: "Unavailable For Legal Reasons",
    500: "Internal Server Error",
    501: "Not Implemented",
    502: "Bad Gateway",
    503: "Service Unavailable",
    504: "Gateway Timeout",
    505: "HTTP Version Not Supported",
    506: "Variant Also Negotiates",
    507: "Insufficient Storage",
    508: "Loop Detected",
    510: "Not Extended",
    511: "Network Authentication Required",
}

# Names the phrase alone would get wrong: a builtin (NotImplementedError), or a word whose
# PascalCase spelling is not the phrase's (URI, HTTP).
_SPECIAL_NAMES: Final = {
    414: "UriTooLongError",
    501: "NotImplementedApiError",
    505: "HttpVersionNotSupportedError",
}


def error_class_name(status: int) -> str:
    """``NotFoundError`` for 404, ``InternalServerError`` for 500, ``Status418Error`` for a
    status without a phrase of its own here."""
    if status in _SPECIAL_NAMES:
        return _SPECIAL_NAMES[status]
    phrase = _PHRASES.get(status)
    if phrase is None:
        return f"Status{status}Error"
    name = "".join(word[:1].upper() + word[1:].lower() for word in phrase.split())
    return name if name.endswith("Error") else f"{name}Error"


def _summary(text: str) -> Code:
    """A docstring's first paragraph, wrapped to fit after its opening quotes (our words and
    a validated package name: nothing to escape)."""
    lines = textwrap.wrap(text, LINE_LENGTH, initial_indent='"""', break_long_words=False)
    return Code("\n".join(lines)[3:])


def _package(package: str) -> str:
    if not package.isidentifier() or keyword.iskeyword(package):
        raise ValueError(f"not a Python package name: {package!r}")
    return package


@dataclass(frozen=True, slots=True)
class RuntimeView:
    """What the runtime template prints besides its static text: the summary line."""

    summary: Code


@dataclass(frozen=True, slots=True)
class ErrorView:
    """One per-status exception class: ``class name(base): docstring`` and its status."""

    status: int
    name: str
    base: str
    docstring: Code


@dataclass(frozen=True, slots=True)
class ErrorsView:
    """Everything the errors template prints besides its static text."""

    summary: Code
    tree: tuple[Code, ...]
    exports: tuple[str, ...]
    errors: tuple[ErrorView, ...]


def runtime_view(package: str) -> RuntimeView:
    return RuntimeView(
        _summary(
            f"HTTP runtime of the {_package(package)} client: base URL, retries, redirects "
            "and errors."
        )
    )


def _error_view(status: int) -> ErrorView:
    phrase = _PHRASES.get(status)
    answer = f"{status} {phrase}" if phrase else str(status)
    return ErrorView(
        status=status,
        name=error_class_name(status),
        base="ClientError" if status < 500 else "ServerError",
        docstring=docstring(f"The API answered {answer}.", indent=4),
    )


def _tree(errors: Sequence[ErrorView]) -> tuple[Code, ...]:
    """The exception tree of the module docstring, each class with the statuses it is for."""
    rows = [("ApiError", "any status >= 400"), ("    ClientError", "4xx")]
    rows += [(f"        {e.name}", str(e.status)) for e in errors if e.base == "ClientError"]
    rows.append(("    ServerError", "5xx"))
    rows += [(f"        {e.name}", str(e.status)) for e in errors if e.base == "ServerError"]
    width = max(len(name) for name, _ in rows) + 3
    return tuple(Code(f"{name.ljust(width)}{what}") for name, what in rows)


def errors_view(package: str, statuses: Sequence[int]) -> ErrorsView:
    """The view of ``errors.py``: a class per documented error status (400 to 599), in
    status order; other statuses are not errors and get none."""
    errors = tuple(_error_view(s) for s in sorted(set(statuses)) if 400 <= s < 600)
    names = ["REQUEST_ID_HEADERS", "ApiError", "ClientError", "ServerError"]
    names += ("error_from_response", "request_id_of", *(e.name for e in errors))
    return ErrorsView(
        summary=_summary(
            f"Errors of the {_package(package)} API: one for every response with a status "
            "of 400 or more."
        ),
        tree=_tree(errors),
        exports=tuple(sorted(names, key=export_order)),
        errors=errors,
    )


def render_runtime(package: str) -> str:
    """The formatted text of ``<package>/_runtime.py``."""
    return render_python(RUNTIME_TEMPLATE, f"{package}/_runtime.py", runtime_view(package))


def render_errors(package: str, statuses: Sequence[int]) -> str:
    """The formatted text of ``<package>/errors.py`` with a class per status in ``statuses``."""
    return render_python(ERRORS_TEMPLATE, f"{package}/errors.py", errors_view(package, statuses))
