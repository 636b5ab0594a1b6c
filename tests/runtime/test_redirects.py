"""Redirects: followed by the runtime, signed afresh on the origin, credential-free elsewhere."""

from __future__ import annotations

from typing import Any

import httpx

from .conftest import CountingAuth, Send
from .server import FaultServer, Reply

OK = Reply(200, b"landed")


def moved(status: int, location: str) -> Reply:
    return Reply(status, headers=(("Location", location),))


def test_same_origin_redirect_is_signed_afresh_for_the_new_url(
    send: Send, spec: Any, server: FaultServer
) -> None:
    server.route("/api/old", moved(307, "new?x=1"))  # relative to /api/old
    server.route("/api/new", OK)
    auth = CountingAuth()
    outcome = send(spec("PUT", "/old", content=b"body"), base_url=f"{server.url}/api", auth=auth)
    assert outcome.response.status_code == 200
    first, second = server.seen()
    assert first.header("Authorization") == f"Sig 1 PUT {server.url}/api/old"
    assert second.header("Authorization") == f"Sig 2 PUT {server.url}/api/new?x=1"
    assert second.method == "PUT" and second.body == b"body"  # 307 keeps method and body
    assert auth.calls == 2
    assert outcome.last is outcome.response
    assert str(outcome.response.url) == f"{server.url}/api/new?x=1"


def test_other_origin_gets_no_credentials_and_never_again(
    send: Send, spec: Any, server: FaultServer, other_server: FaultServer
) -> None:
    server.route("/start", moved(302, f"{other_server.url}/elsewhere"))
    other_server.route("/elsewhere", moved(308, f"{server.url}/back"))
    server.route("/back", OK)
    auth = CountingAuth()
    request = spec(
        "GET",
        "/start",
        headers=(
            ("Cookie", "session=1"),
            ("Proxy-Authorization", "Basic eA=="),
            ("X-Keep", "kept"),
        ),
    )
    outcome = send(request, base_url=server.url, auth=auth)
    assert outcome.response.status_code == 200
    start, back = server.seen()
    (elsewhere,) = other_server.seen()
    assert start.has("Authorization") and start.has("Cookie")
    for hop in (elsewhere, back):  # once off the origin, credentials stay off
        assert not hop.has("Authorization")
        assert not hop.has("X-Sig-Extra")  # what the auth added
        assert not hop.has("Cookie")
        assert not hop.has("Proxy-Authorization")
        assert hop.header("X-Keep") == "kept"
    assert elsewhere.header("Host") == other_server.url.removeprefix("http://")
    assert auth.calls == 1


def test_auth_changed_headers_do_not_leave_the_origin(
    send: Send, spec: Any, server: FaultServer, other_server: FaultServer
) -> None:
    class Overwriting(httpx.Auth):
        def auth_flow(self, request: httpx.Request) -> Any:
            request.headers["X-Api-Key"] = "secret-key"
            yield request

    server.route("/start", moved(302, f"{other_server.url}/elsewhere"))
    other_server.route("/elsewhere", OK)
    request = spec("GET", "/start", headers=(("X-Api-Key", "placeholder"),))
    assert send(request, base_url=server.url, auth=Overwriting()).response.status_code == 200
    assert server.seen()[0].header("X-Api-Key") == "secret-key"
    assert not other_server.seen()[0].has("X-Api-Key")


def test_303_and_post_301_302_become_bodyless_gets(
    send: Send, spec: Any, server: FaultServer
) -> None:
    server.route("/done", OK)
    for status in (301, 302, 303):
        server.route(f"/post{status}", moved(status, "/done"))
        request = spec(
            "POST",
            f"/post{status}",
            content=b'{"a": 1}',
            headers=(("Content-Type", "application/json"),),
        )
        assert send(request, base_url=server.url).response.status_code == 200
    server.route("/put303", moved(303, "/done"))
    assert (
        send(spec("PUT", "/put303", content=b"x"), base_url=server.url).response.status_code == 200
    )
    done = server.seen("/done")
    assert [s.method for s in done] == ["GET"] * 4
    assert all(s.body == b"" and not s.has("Content-Type") for s in done)
    assert not any(s.has("Content-Length") for s in done)


def test_post_307_keeps_method_and_body(send: Send, spec: Any, server: FaultServer) -> None:
    server.route("/a", moved(307, "/b"))
    server.route("/b", OK)
    assert (
        send(spec("POST", "/a", content=b"data"), base_url=server.url).response.status_code == 200
    )
    b = server.seen("/b")[0]
    assert (b.method, b.body) == ("POST", b"data")


def test_redirect_loop_raises_too_many_redirects(
    send: Send, spec: Any, server: FaultServer
) -> None:
    server.route("/loop", moved(302, "/loop"))
    outcome = send(spec("GET", "/loop"), base_url=server.url)
    outcome.error(httpx.TooManyRedirects)
    assert len(server.seen("/loop")) == 11  # the request and MAX_REDIRECTS redirects


def test_redirect_without_location_is_returned(send: Send, spec: Any, server: FaultServer) -> None:
    server.route("/odd", Reply(302, b"no location"))
    assert send(spec("GET", "/odd"), base_url=server.url).response.status_code == 302


def test_redirect_to_an_error_raises_its_error(send: Send, spec: Any, server: FaultServer) -> None:
    server.route("/a", moved(301, "/gone"))
    server.route("/gone", Reply(404, b'{"code": "NotFound"}'))
    error = send(spec("GET", "/a"), base_url=server.url).error(Exception)
    assert type(error).__name__ == "NotFoundError"
    assert str(error.response.url) == f"{server.url}/gone"
