"""Errors of the collection API: one for every response with a status of 400 or more.

The exception tree::

    ApiError          any status >= 400
        ClientError   4xx
        ServerError   5xx

A request that got no response, even after its retries, raises httpx's own exception (an
``httpx.TransportError``: ``httpx.ConnectError``, ``httpx.TimeoutException``,
``httpx.RemoteProtocolError``, ...), and a redirect loop ``httpx.TooManyRedirects``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

import httpx
from pydantic import ValidationError

__all__ = [
    "REQUEST_ID_HEADERS",
    "ApiError",
    "ClientError",
    "ServerError",
    "error_from_response",
    "request_id_of",
]

REQUEST_ID_HEADERS: Final = (
    "opc-request-id",
    "x-request-id",
    "x-amzn-requestid",
    "x-amz-request-id",
    "x-github-request-id",
    "x-ms-request-id",
    "request-id",
    "x-correlation-id",
)
"""Headers that carry the server's id of a request, in the order they are looked for."""

_EXCERPT: Final = 200


class ApiError(Exception):
    """The API answered with an error status.

    ``body`` is the error body parsed into the operation's model for that status when it
    validates, else the decoded JSON, else the text. ``request_id`` is the server's id of
    the request (``opc-request-id``, ``x-request-id``, ...), the thing to quote to support.
    ``response`` is the ``httpx.Response`` itself.
    """

    status_code: int
    body: Any
    request_id: str | None
    response: httpx.Response

    def __init__(self, response: httpx.Response, body: Any) -> None:
        self.status_code = response.status_code
        self.body = body
        self.request_id = request_id_of(response.headers)
        self.response = response
        super().__init__(_describe(response, self.request_id))


class ClientError(ApiError):
    """The API answered with a 4xx status: the request needs to change."""


class ServerError(ApiError):
    """The API answered with a 5xx status: the server failed."""


_BY_STATUS: Final[Mapping[int, type[ApiError]]] = {}


def request_id_of(headers: httpx.Headers) -> str | None:
    """The first request id header present (see ``REQUEST_ID_HEADERS``), else None."""
    for name in REQUEST_ID_HEADERS:
        value: str | None = headers.get(name)
        if value:
            return value
    return None


def error_from_response(
    response: httpx.Response, error_models: Mapping[str, Any] | None = None
) -> ApiError:
    """The error for a response: the class of its status, else of its status class.

    ``error_models`` maps ``"404"``, ``"4XX"`` or ``"default"`` to the pydantic model the
    body is parsed into (the most specific key first).
    """
    status = response.status_code
    models = error_models or {}
    keys = (str(status), f"{status // 100}XX", f"{status // 100}xx", "default")
    model = next((models[key] for key in keys if key in models), None)
    return _class_of(status)(response, _body(response, model))


def _class_of(status: int) -> type[ApiError]:
    if status in _BY_STATUS:
        return _BY_STATUS[status]
    if 400 <= status < 500:
        return ClientError
    return ServerError if 500 <= status < 600 else ApiError


def _body(response: httpx.Response, model: Any) -> Any:
    try:
        data = response.json()
    except ValueError:  # not JSON, or not decodable
        return response.text
    if model is not None:
        try:
            return model.model_validate(data)
        except ValidationError:
            pass
    return data


def _describe(response: httpx.Response, request_id: str | None) -> str:
    """``GET https://host/path -> 404 Not Found (request id X): excerpt``; no query, no
    user info, as they may hold secrets."""
    try:
        request = response.request
    except RuntimeError:  # a response made by hand
        where = ""
    else:
        url = request.url
        path = url.raw_path.partition(b"?")[0].decode("ascii")
        query = "?..." if url.query else ""
        where = f"{request.method} {url.scheme}://{url.netloc.decode('ascii')}{path}{query} -> "
    text = f"{where}{response.status_code} {response.reason_phrase}".rstrip()
    if request_id:
        text += f" (request id {request_id})"
    excerpt = " ".join(response.text.split())
    if len(excerpt) > _EXCERPT:
        excerpt = excerpt[: _EXCERPT - 3] + "..."
    return f"{text}: {excerpt}" if excerpt else text
