"""A loopback HTTP/1.1 server that answers from a script per path and can break connections.

Each path is given a list of actions, used one per request in order (the last one repeats):
a :class:`Reply` (status, headers, body, optional delay) or a :class:`Reset` (the request is
read, then the connection is closed with a TCP RST, so the client gets no response). Every
request that arrives is recorded, body included.
"""

from __future__ import annotations

import socket
import struct
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

__all__ = ["Action", "FaultServer", "Reply", "Reset", "Seen", "running_server"]


@dataclass(frozen=True)
class Reply:
    status: int = 200
    body: bytes = b""
    headers: tuple[tuple[str, str], ...] = ()
    delay: float = 0.0


@dataclass(frozen=True)
class Reset:
    """Read the request, then reset the connection without answering."""


Action = Reply | Reset


@dataclass(frozen=True)
class Seen:
    """One request as it arrived."""

    method: str
    target: str
    headers: tuple[tuple[str, str], ...]
    body: bytes

    def header(self, name: str) -> str | None:
        values = [v for k, v in self.headers if k.lower() == name.lower()]
        return values[0] if values else None

    def has(self, name: str) -> bool:
        return self.header(name) is not None


class FaultServer:
    """The script and the record of one running server."""

    def __init__(self, port: int) -> None:
        self.url = f"http://127.0.0.1:{port}"
        self._routes: dict[str, list[Action]] = {}
        self._seen: list[Seen] = []
        self._lock = threading.Lock()

    def route(self, path: str, *actions: Action) -> None:
        """Answer requests for ``path`` (query ignored) with ``actions``, in order."""
        with self._lock:
            self._routes[path] = list(actions)

    def seen(self, path: str | None = None) -> list[Seen]:
        """The requests that arrived (for ``path``, query ignored), in order."""
        with self._lock:
            return [s for s in self._seen if path is None or s.target.split("?")[0] == path]

    def _next(self, seen: Seen) -> Action:
        with self._lock:
            self._seen.append(seen)
            actions = self._routes.get(seen.target.split("?")[0])
            if not actions:
                return Reply(404, b"no route")
            return actions.pop(0) if len(actions) > 1 else actions[0]


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, format: str, *args: object) -> None:
        pass

    def _handle(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        seen = Seen(self.command, self.path, tuple(self.headers.items()), body)
        action = self.server.fault._next(seen)
        if isinstance(action, Reset):
            # SO_LINGER 0: close() sends RST instead of FIN.
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()
            self.close_connection = True
            return
        if action.delay:
            time.sleep(action.delay)
        try:
            self.send_response(action.status)
            for name, value in action.headers:
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(action.body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(action.body)
        except OSError:  # the client gave up (a timeout test)
            self.close_connection = True

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = _handle


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    fault: FaultServer

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a reset connection is the point of some tests


@contextmanager
def running_server() -> Iterator[FaultServer]:
    """A server on 127.0.0.1 with a free port, serving from a thread until the block ends."""
    server = _Server(("127.0.0.1", 0), _Handler)
    server.fault = FaultServer(server.server_address[1])
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02})
    thread.start()
    try:
        yield server.fault
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
