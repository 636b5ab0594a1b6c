"""Errors: the class of each status, the parsed body, the request id, a useful message."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
from pydantic import BaseModel

from .conftest import Rendered, Send
from .server import FaultServer, Reply


class ErrorBody(BaseModel):
    code: str
    message: str


class Other(BaseModel):
    reason: str


JSON = (("Content-Type", "application/json"),)
BODY = {"code": "NotAuthorizedOrNotFound", "message": "Authorization failed or not found."}


def test_exhausted_retries_raise_the_status_error(
    send: Send, spec: Any, server: FaultServer, rendered: Rendered
) -> None:
    errors = rendered.errors
    headers = (*JSON, ("opc-request-id", "ABC/123"))
    server.route("/things", Reply(503, json.dumps(BODY).encode(), headers))
    request = spec(
        "GET",
        "/things",
        params=(("token", "hunter2"),),
        error_models={"503": ErrorBody, "default": Other},
    )
    outcome = send(request, base_url=server.url, max_retries=2)
    error = outcome.error(errors.ServiceUnavailableError)
    assert isinstance(error, errors.ServerError) and isinstance(error, errors.ApiError)
    assert error.status_code == 503
    assert error.body == ErrorBody(**BODY)
    assert error.request_id == "ABC/123"
    assert error.response is outcome.last
    assert len(server.seen("/things")) == 3
    assert len(outcome.sleeps) == 2
    text = str(error)
    assert text.startswith(f"GET {server.url}/things?... -> 503 Service Unavailable")
    assert "(request id ABC/123)" in text and "NotAuthorizedOrNotFound" in text
    assert "hunter2" not in text


@pytest.mark.parametrize(
    ("status", "body", "models", "class_name", "expected"),
    [
        (404, BODY, {"404": ErrorBody}, "NotFoundError", ErrorBody(**BODY)),
        (404, {"other": 1}, {"404": ErrorBody}, "NotFoundError", {"other": 1}),  # invalid
        (409, BODY, {"4XX": ErrorBody}, "ConflictError", ErrorBody(**BODY)),
        (400, {"reason": "r"}, {"default": Other}, "BadRequestError", Other(reason="r")),
        (418, "I'm a teapot", {}, "Status418Error", "I'm a teapot"),  # text
        (422, [1, 2], {}, "ClientError", [1, 2]),  # not documented: the class of its class
        (599, "", {}, "ServerError", ""),
        (401, BODY, {"401": ErrorBody, "4XX": Other}, "UnauthorizedError", ErrorBody(**BODY)),
    ],
)
def test_error_class_and_body(
    rendered: Rendered,
    status: int,
    body: Any,
    models: dict[str, Any],
    class_name: str,
    expected: Any,
) -> None:
    content = body.encode() if isinstance(body, str) else json.dumps(body).encode()
    request = httpx.Request("POST", "https://api.example.com/v1/x?secret=s")
    response = httpx.Response(status, content=content, request=request)
    error = rendered.errors.error_from_response(response, models)
    assert type(error).__name__ == class_name
    assert error.body == expected
    assert error.status_code == status
    assert error.response is response
    assert "secret" not in str(error)


def test_request_id_is_the_first_known_header(rendered: Rendered) -> None:
    request_id_of = rendered.errors.request_id_of
    assert request_id_of(httpx.Headers({"x-amzn-RequestId": "a", "x-request-id": "b"})) == "b"
    assert request_id_of(httpx.Headers({"X-GitHub-Request-Id": "g"})) == "g"
    assert request_id_of(httpx.Headers({"Request-Id": "r"})) == "r"
    assert request_id_of(httpx.Headers({"date": "now"})) is None


def test_message_is_short_and_has_no_user_info(rendered: Rendered) -> None:
    request = httpx.Request("DELETE", "https://user:pw@api.example.com:8443/v1/things/1")
    response = httpx.Response(500, content=b"x " * 500, request=request)
    text = str(rendered.errors.error_from_response(response))
    assert text.startswith("DELETE https://api.example.com:8443/v1/things/1 -> 500 Internal")
    assert "pw" not in text
    assert len(text) < 300 and text.endswith("...")
    bare = httpx.Response(404)  # no request: still a message
    assert str(rendered.errors.error_from_response(bare)) == "404 Not Found"


def test_status_classes_follow_the_hierarchy(rendered: Rendered) -> None:
    errors = rendered.errors
    for name in ("BadRequestError", "UnauthorizedError", "ForbiddenError", "NotFoundError"):
        assert issubclass(getattr(errors, name), errors.ClientError)
    for name in ("InternalServerError", "ServiceUnavailableError"):
        assert issubclass(getattr(errors, name), errors.ServerError)
    assert issubclass(errors.TooManyRequestsError, errors.ClientError)
    assert not hasattr(errors, "UnprocessableContentError")  # 422 is not documented
