"""The runtime around a request: base URL, query and headers, last_response, clients."""

from __future__ import annotations

import asyncio
import threading
from typing import Any

import httpx
import pytest

from .conftest import ENV_VAR, CountingAuth, Rendered, Send
from .server import FaultServer, Reply


def test_base_url_argument_env_var_default(
    rendered: Rendered, server: FaultServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    runtime = rendered.runtime.SyncRuntime
    default = f"{server.url}/default"
    with runtime(base_url=None, env_var=ENV_VAR, default_base_url=default) as rt:
        assert rt.base_url == default
    monkeypatch.setenv(ENV_VAR, "")  # empty is unset
    with runtime(base_url=None, env_var=ENV_VAR, default_base_url=default) as rt:
        assert rt.base_url == default
    monkeypatch.setenv(ENV_VAR, f"{server.url}/env")
    with runtime(base_url=None, env_var=ENV_VAR, default_base_url=default) as rt:
        assert rt.base_url == f"{server.url}/env"
    with runtime(base_url=f"{server.url}/arg", env_var=ENV_VAR, default_base_url=default) as rt:
        assert rt.base_url == f"{server.url}/arg"
    monkeypatch.delenv(ENV_VAR)
    with pytest.raises(ValueError, match=ENV_VAR):
        runtime(base_url=None, env_var=ENV_VAR, default_base_url="")


def test_path_prefix_query_order_and_repeats(send: Send, spec: Any, server: FaultServer) -> None:
    server.route("/20160918/volumes/ocid1.volume%2Fx", Reply(200))
    server.route("/20160918", Reply(200))
    params = (("b", "x y"), ("a", "1"), ("b", "ü&="), ("empty", ""))
    request = spec("GET", "/volumes/ocid1.volume%2Fx", params=params)
    assert send(request, base_url=f"{server.url}/20160918/").response.status_code == 200
    assert send(spec("GET", ""), base_url=f"{server.url}/20160918").response.status_code == 200
    first, second = server.seen()
    assert first.target == "/20160918/volumes/ocid1.volume%2Fx?b=x+y&a=1&b=%C3%BC%26%3D&empty="
    assert second.target == "/20160918"


def test_env_var_base_url_reaches_the_wire(
    send: Send, spec: Any, server: FaultServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    server.route("/env/ping", Reply(204))
    monkeypatch.setenv(ENV_VAR, f"{server.url}/env")
    outcome = send(spec("GET", "/ping"), default_base_url="http://127.0.0.1:9/never")
    assert outcome.response.status_code == 204


def test_headers_defaults_spec_and_body_kinds(send: Send, spec: Any, server: FaultServer) -> None:
    server.route("/h", Reply(200))
    request = spec(
        "POST",
        "/h",
        headers=(("X-Trace", "from-spec"), ("X-Multi", "1"), ("X-Multi", "2")),
        data={"a": "1", "b": "two words"},
    )
    options = {"headers": {"X-Trace": "default", "User-Agent": "rtpkg/1"}}
    assert send(request, base_url=server.url, **options).response.status_code == 200
    seen = server.seen("/h")[0]
    assert seen.header("X-Trace") == "from-spec"
    assert seen.header("User-Agent") == "rtpkg/1"
    assert [v for k, v in seen.headers if k == "X-Multi"] == ["1", "2"]
    assert seen.body == b"a=1&b=two+words"
    assert seen.header("Content-Type") == "application/x-www-form-urlencoded"


def test_sign_body_false_reaches_the_auth(send: Send, spec: Any, server: FaultServer) -> None:
    server.route("/o/object", Reply(200))
    auth = CountingAuth()
    request = spec("PUT", "/o/object", content=b"big upload", sign_body=False)
    assert send(request, base_url=server.url, auth=auth).response.status_code == 200
    assert auth.extensions[0]["oci.sign_body"] is False
    send(spec("PUT", "/o/object", content=b"x"), base_url=server.url, auth=auth)
    assert "oci.sign_body" not in auth.extensions[1]


def test_a_client_passed_in_is_used_and_not_closed(
    rendered: Rendered, server: FaultServer, other_server: FaultServer
) -> None:
    server.route("/c", Reply(302, headers=(("Location", f"{other_server.url}/landing"),)))
    server.route("/plain", Reply(200))
    other_server.route("/landing", Reply(200))
    auth = CountingAuth()
    # Its own auth and follow_redirects=True: the runtime still decides about redirects.
    client = httpx.Client(auth=auth, headers={"X-Client": "mine"}, follow_redirects=True)
    with rendered.runtime.SyncRuntime(
        base_url=server.url, env_var=ENV_VAR, default_base_url="", http_client=client
    ) as rt:
        rt.send(rendered.runtime.RequestSpec("GET", "/c"))
    assert not client.is_closed
    assert auth.calls == 1  # the client's own auth signs when the runtime has none
    assert server.seen("/c")[0].header("X-Client") == "mine"
    assert server.seen("/c")[0].has("Authorization")
    assert not other_server.seen("/landing")[0].has("X-Sig-Extra")
    client.close()

    async def main() -> httpx.AsyncClient:
        async_client = httpx.AsyncClient()
        async with rendered.runtime.AsyncRuntime(
            base_url=server.url, env_var=ENV_VAR, default_base_url="", http_client=async_client
        ) as rt:
            await rt.send(rendered.runtime.RequestSpec("GET", "/c"))
        assert not async_client.is_closed
        await async_client.aclose()
        own = rendered.runtime.AsyncRuntime(
            base_url=server.url, env_var=ENV_VAR, default_base_url=""
        )
        await own.aclose()
        return own._client  # type: ignore[no-any-return]

    assert asyncio.run(main()).is_closed


def test_last_response_is_per_thread(rendered: Rendered, server: FaultServer) -> None:
    server.route("/one", Reply(200, b"one"))
    server.route("/two", Reply(404, b"two"))
    barrier = threading.Barrier(2, timeout=10)
    seen: dict[str, bytes | None] = {}
    with rendered.runtime.SyncRuntime(
        base_url=server.url, env_var=ENV_VAR, default_base_url=""
    ) as rt:

        def worker(path: str) -> None:
            try:
                rt.send(rendered.runtime.RequestSpec("GET", path))
            except rendered.errors.ApiError:
                pass
            barrier.wait()  # both have sent before either looks
            last = rt.last_response
            seen[path] = None if last is None else last.content

        threads = [threading.Thread(target=worker, args=(p,)) for p in ("/one", "/two")]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert rt.last_response is None  # this thread sent nothing
    assert seen == {"/one": b"one", "/two": b"two"}


def test_last_response_is_per_task(rendered: Rendered, server: FaultServer) -> None:
    server.route("/one", Reply(200, b"one"))
    server.route("/two", Reply(200, b"two"))

    async def main() -> dict[str, bytes | None]:
        both_sent = asyncio.Barrier(2)
        seen: dict[str, bytes | None] = {}
        async with rendered.runtime.AsyncRuntime(
            base_url=server.url, env_var=ENV_VAR, default_base_url=""
        ) as rt:

            async def task(path: str) -> None:
                await rt.send(rendered.runtime.RequestSpec("GET", path))
                await both_sent.wait()
                last = rt.last_response
                seen[path] = None if last is None else last.content

            await asyncio.gather(task("/one"), task("/two"))
            assert rt.last_response is None
        return seen

    assert asyncio.run(main()) == {"/one": b"one", "/two": b"two"}


def test_negative_max_retries_is_refused(rendered: Rendered) -> None:
    with pytest.raises(ValueError, match="max_retries"):
        rendered.runtime.SyncRuntime(
            base_url="http://x", env_var=ENV_VAR, default_base_url="", max_retries=-1
        )


def test_origin_overrides_the_base_url(send: Send, spec: Any, server: FaultServer) -> None:
    server.route("/elsewhere/ping", Reply(204))
    request = spec("GET", "/ping", origin=f"{server.url}/elsewhere")
    outcome = send(request, base_url="http://127.0.0.1:9/never")
    assert outcome.response.status_code == 204
    assert server.seen()[0].target == "/elsewhere/ping"


def test_authenticate_false_sends_without_the_auth(
    send: Send, spec: Any, server: FaultServer
) -> None:
    server.route("/open", Reply(200))
    server.route("/closed", Reply(200))
    auth = CountingAuth()
    opened = send(spec("GET", "/open", authenticate=False), base_url=server.url, auth=auth)
    closed_ = send(spec("GET", "/closed"), base_url=server.url, auth=auth)
    assert opened.response.status_code == closed_.response.status_code == 200
    open_, closed = server.seen()
    assert open_.header("Authorization") is None
    assert closed.header("Authorization") == f"Sig 1 GET {server.url}/closed"
    assert auth.calls == 1


def test_paths_go_out_as_written(send: Send, spec: Any, server: FaultServer) -> None:
    """Dot segments and characters httpx would encode reach the server (and the signer, which
    reads ``request.url.raw_path``) as written; what HTTP cannot carry is still encoded."""
    server.route("/a/./b/../c//d", Reply(200))
    server.route("/raw'path\"x/:id", Reply(200))
    server.route("/sp%20ace/%C3%A9", Reply(200))
    seen_targets: list[bytes] = []

    class Recording(httpx.Auth):
        def auth_flow(self, request: httpx.Request) -> Any:
            seen_targets.append(request.url.raw_path)
            yield request

    for path, params in (("/a/./b/../c//d", ()), ("/raw'path\"x/:id", [("q", "1")])):
        request = spec("GET", path, params=params)
        assert send(request, base_url=server.url, auth=Recording()).response.status_code == 200
    request = spec("GET", "/sp ace/é")
    assert send(request, base_url=server.url, auth=Recording()).response.status_code == 200
    assert [s.target for s in server.seen()] == [
        "/a/./b/../c//d",
        "/raw'path\"x/:id?q=1",
        "/sp%20ace/%C3%A9",
    ]
    assert seen_targets == [b"/a/./b/../c//d", b"/raw'path\"x/:id?q=1", b"/sp%20ace/%C3%A9"]


def test_default_base_url_keeps_its_trailing_slash(
    send: Send, spec: Any, server: FaultServer
) -> None:
    """The collection's default is used as written (Postman sends //v1/x); a base URL the
    caller gives loses its trailing slash. (http.server folds a leading //, so the target is
    read from the request the auth sees.)"""
    server.route("/v1/x", Reply(200))
    targets: list[bytes] = []

    class Recording(httpx.Auth):
        def auth_flow(self, request: httpx.Request) -> Any:
            targets.append(request.url.raw_path)
            yield request

    request = spec("GET", "/v1/x")
    send(request, default_base_url=f"{server.url}/", auth=Recording())
    send(request, base_url=f"{server.url}/", auth=Recording())
    assert targets == [b"//v1/x", b"/v1/x"]


def test_omitted_headers_and_empty_file_names(send: Send, spec: Any, server: FaultServer) -> None:
    server.route("/m", Reply(200))
    files = (("f", ("", b"", None)), ("g", ("a.txt", b"hi", None)))
    request = spec(
        "POST", "/m", files=files, data={"t": "v"}, omit_headers=("User-Agent", "accept")
    )
    outcome = send(request, base_url=server.url)
    assert outcome.response.status_code == 200
    (seen,) = server.seen()
    names = {n.lower() for n, _ in seen.headers}
    assert "user-agent" not in names and "accept" not in names
    content_type = dict((n.lower(), v) for n, v in seen.headers)["content-type"]
    boundary = content_type.split("boundary=")[1].encode()
    assert seen.body == (
        b'--%b\r\nContent-Disposition: form-data; name="t"\r\n\r\nv\r\n'
        b'--%b\r\nContent-Disposition: form-data; name="f"; filename=""\r\n\r\n\r\n'
        b'--%b\r\nContent-Disposition: form-data; name="g"; filename="a.txt"\r\n'
        b"Content-Type: text/plain\r\n\r\nhi\r\n--%b--\r\n"
    ) % (boundary, boundary, boundary, boundary)
