"""Retries against a real server: which failures, which requests, how long, with what bytes."""

from __future__ import annotations

import asyncio
import email.utils
import re
import socket
import time
from typing import Any

import httpx

from .conftest import ENV_VAR, CountingAuth, Rendered, Send
from .server import FaultServer, Reply, Reset


def free_port() -> int:
    """A port nothing listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


OK = Reply(200, b'{"ok": true}', (("Content-Type", "application/json"),))


def test_500_then_200_is_retried(send: Send, spec: Any, server: FaultServer) -> None:
    server.route("/things", Reply(500, b"oops"), OK)
    outcome = send(spec("GET", "/things"), base_url=server.url)
    assert outcome.response.status_code == 200
    assert outcome.response.json() == {"ok": True}
    assert len(server.seen("/things")) == 2
    assert len(outcome.sleeps) == 1
    assert 0 <= outcome.sleeps[0] <= 0.5  # full jitter over base * 2**0
    assert outcome.last is outcome.response


def test_async_retries_wait_with_asyncio_sleep_by_default(
    spec: Any, server: FaultServer, rendered: Rendered
) -> None:
    """Without a ``sleep``, AsyncRuntime waits with asyncio's (imported on the first wait)."""
    server.route("/limited", Reply(429, headers=(("Retry-After", "0.3"),)), OK)

    async def main() -> tuple[httpx.Response, float]:
        async with rendered.runtime.AsyncRuntime(
            base_url=server.url, env_var=ENV_VAR, default_base_url=""
        ) as runtime:
            started = time.perf_counter()
            response = await runtime.send(spec("GET", "/limited"))
            return response, time.perf_counter() - started

    response, took = asyncio.run(main())
    assert response.status_code == 200
    assert len(server.seen("/limited")) == 2
    assert took >= 0.3


def test_backoff_is_exponential_with_full_jitter_and_a_cap(
    send: Send, spec: Any, server: FaultServer, rendered: Rendered
) -> None:
    server.route("/flaky", Reply(503), Reply(502), Reply(504), Reply(500), Reply(503), OK)
    policy = rendered.runtime.RetryPolicy(base=1.0, cap=3.0)
    outcome = send(spec("GET", "/flaky"), base_url=server.url, max_retries=5, retry_policy=policy)
    assert outcome.response.status_code == 200
    assert len(outcome.sleeps) == 5
    for retry, slept in enumerate(outcome.sleeps):
        assert 0 <= slept <= min(3.0, 2.0**retry)


def test_429_retry_after_seconds(send: Send, spec: Any, server: FaultServer) -> None:
    server.route("/limited", Reply(429, headers=(("Retry-After", "7"),)), OK)
    outcome = send(spec("GET", "/limited"), base_url=server.url)
    assert outcome.response.status_code == 200
    assert outcome.sleeps == [7.0]


def test_429_retry_after_http_date(send: Send, spec: Any, server: FaultServer) -> None:
    when = email.utils.formatdate(time.time() + 30, usegmt=True)
    server.route("/limited", Reply(429, headers=(("Retry-After", when),)), OK)
    outcome = send(spec("GET", "/limited"), base_url=server.url)
    assert outcome.response.status_code == 200
    assert len(outcome.sleeps) == 1
    assert 28 <= outcome.sleeps[0] <= 30


def test_retry_after_is_capped_and_garbage_ignored(
    send: Send, spec: Any, server: FaultServer
) -> None:
    server.route(
        "/limited",
        Reply(503, headers=(("Retry-After", "86400"),)),
        Reply(503, headers=(("Retry-After", "soon"),)),
        OK,
    )
    outcome = send(spec("GET", "/limited"), base_url=server.url)
    assert outcome.response.status_code == 200
    assert outcome.sleeps[0] == 60.0  # RetryPolicy.max_retry_after
    assert 0 <= outcome.sleeps[1] <= 1.0  # backoff, retry 1


def test_connection_reset_then_200(send: Send, spec: Any, server: FaultServer) -> None:
    server.route("/reset", Reset(), OK)
    outcome = send(spec("GET", "/reset"), base_url=server.url)
    assert outcome.response.status_code == 200
    assert len(server.seen("/reset")) == 2


def test_connection_refused_surfaces_as_httpx_error_after_retries(send: Send, spec: Any) -> None:
    outcome = send(spec("GET", "/x"), base_url=f"http://127.0.0.1:{free_port()}", max_retries=2)
    outcome.error(httpx.ConnectError)
    assert len(outcome.sleeps) == 2
    assert outcome.last is None


def test_post_without_token_is_not_retried(send: Send, spec: Any, server: FaultServer) -> None:
    server.route("/orders", Reply(500, b"oops"), OK)
    outcome = send(spec("POST", "/orders", content=b"{}"), base_url=server.url)
    error = outcome.error(Exception)
    assert type(error).__name__ == "InternalServerError"
    assert len(server.seen("/orders")) == 1
    assert outcome.sleeps == []

    server.route("/dropped", Reset(), OK)
    outcome = send(spec("PATCH", "/dropped", content=b"{}"), base_url=server.url)
    outcome.error(httpx.TransportError)
    assert len(server.seen("/dropped")) == 1


def test_post_with_token_is_retried_with_the_same_token_and_bytes(
    send: Send, spec: Any, server: FaultServer
) -> None:
    server.route("/orders", Reset(), Reply(503), OK)
    request = spec(
        "POST",
        "/orders",
        headers=(("opc-retry-token", "token-1"),),
        files=(("file", ("a.bin", b"\x00\x01payload", "application/octet-stream")),),
        data={"note": "hello"},
        idempotency_header="opc-retry-token",
    )
    outcome = send(request, base_url=server.url, auth=CountingAuth())
    assert outcome.response.status_code == 200
    seen = server.seen("/orders")
    assert len(seen) == 3
    assert {s.header("opc-retry-token") for s in seen} == {"token-1"}
    assert len({s.body for s in seen}) == 1  # one multipart boundary, the same bytes
    assert b"payload" in seen[0].body
    # Each attempt is signed afresh.
    assert [str(s.header("Authorization")).split()[:2] for s in seen] == [
        ["Sig", "1"],
        ["Sig", "2"],
        ["Sig", "3"],
    ]


def test_a_token_is_generated_once_per_send(send: Send, spec: Any, server: FaultServer) -> None:
    server.route("/things", Reply(500), OK)
    request = spec("POST", "/things", content=b"{}", idempotency_header="Idempotency-Key")
    assert send(request, base_url=server.url).response.status_code == 200
    assert send(request, base_url=server.url).response.status_code == 200
    tokens = [s.header("Idempotency-Key") for s in server.seen("/things")]
    assert len(tokens) == 3  # 500 + 200, then 200
    assert all(t is not None and re.fullmatch("[0-9a-f]{32}", t) for t in tokens)
    assert tokens[0] == tokens[1] != tokens[2]


def test_max_retries_zero_disables_retries(send: Send, spec: Any, server: FaultServer) -> None:
    server.route("/things", Reply(500), OK)
    outcome = send(spec("GET", "/things"), base_url=server.url, max_retries=0)
    assert outcome.error(Exception).status_code == 500
    assert len(server.seen("/things")) == 1


def test_4xx_and_501_are_not_retried(send: Send, spec: Any, server: FaultServer) -> None:
    server.route("/missing", Reply(404))
    server.route("/unimplemented", Reply(501))
    assert send(spec("GET", "/missing"), base_url=server.url).error(Exception).status_code == 404
    outcome = send(spec("DELETE", "/unimplemented"), base_url=server.url)
    assert outcome.error(Exception).status_code == 501
    assert len(server.seen()) == 2


def test_read_timeout_is_raised_not_retried(send: Send, spec: Any, server: FaultServer) -> None:
    server.route("/slow", Reply(200, delay=1.0))
    started = time.monotonic()
    outcome = send(spec("GET", "/slow"), base_url=server.url, timeout=0.2)
    assert time.monotonic() - started < 0.9
    outcome.error(httpx.ReadTimeout)
    assert len(server.seen("/slow")) == 1
