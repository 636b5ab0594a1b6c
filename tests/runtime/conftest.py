"""Fixtures of the runtime tests: the rendered package, fault-injecting servers, a driver that
runs one request through SyncRuntime or AsyncRuntime alike."""

from __future__ import annotations

import asyncio
import importlib
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pytest

from generator.render.runtime import render_errors, render_runtime

from .server import FaultServer, running_server

PACKAGE = "rtpkg"
# Documented error statuses of the test package; 422 is left out to test the status classes.
STATUSES = (400, 401, 403, 404, 409, 418, 429, 500, 503)
ENV_VAR = "RTPKG_BASE_URL"


@dataclass(frozen=True)
class Rendered:
    root: Path  # the directory holding the package
    runtime: ModuleType
    errors: ModuleType


@pytest.fixture(scope="session")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Rendered]:
    """``rtpkg`` with both modules rendered from the templates, importable."""
    root = tmp_path_factory.mktemp("rendered")
    package = root / PACKAGE
    package.mkdir()
    (package / "__init__.py").write_text('"""The runtime under test."""\n')
    (package / "_runtime.py").write_text(render_runtime(PACKAGE))
    (package / "errors.py").write_text(render_errors(PACKAGE, STATUSES))
    sys.path.insert(0, str(root))
    try:
        yield Rendered(
            root,
            importlib.import_module(f"{PACKAGE}._runtime"),
            importlib.import_module(f"{PACKAGE}.errors"),
        )
    finally:
        sys.path.remove(str(root))
        for name in [n for n in sys.modules if n == PACKAGE or n.startswith(f"{PACKAGE}.")]:
            del sys.modules[name]


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """Loopback requests never go through a proxy the environment may name."""
    monkeypatch.setenv("NO_PROXY", "*")
    monkeypatch.setenv("no_proxy", "*")
    monkeypatch.delenv(ENV_VAR, raising=False)


@pytest.fixture
def server() -> Iterator[FaultServer]:
    with running_server() as running:
        yield running


@pytest.fixture
def other_server() -> Iterator[FaultServer]:
    """A second server: another port is another origin."""
    with running_server() as running:
        yield running


class CountingAuth(httpx.Auth):
    """Signs with a counter and the URL, so a test sees when (and for what) it signed again."""

    def __init__(self) -> None:
        self.calls = 0
        self.extensions: list[dict[str, Any]] = []

    def auth_flow(self, request: httpx.Request) -> Iterator[httpx.Request]:
        self.calls += 1
        self.extensions.append(dict(request.extensions))
        request.headers["Authorization"] = f"Sig {self.calls} {request.method} {request.url}"
        request.headers["X-Sig-Extra"] = "derived-secret"
        yield request


@dataclass
class Outcome:
    """What one ``send`` gave: a response or an exception, the waits, the last response."""

    value: httpx.Response | Exception
    sleeps: list[float]
    last: httpx.Response | None

    @property
    def response(self) -> httpx.Response:
        assert isinstance(self.value, httpx.Response), repr(self.value)
        return self.value

    def error(self, cls: type[Exception]) -> Any:
        assert isinstance(self.value, cls), repr(self.value)
        return self.value


Send = Callable[..., Outcome]


def _sync_send(rendered: Rendered, spec: Any, **options: Any) -> Outcome:
    sleeps: list[float] = []
    options.setdefault("base_url", None)
    options.setdefault("env_var", ENV_VAR)
    options.setdefault("default_base_url", "")
    with rendered.runtime.SyncRuntime(sleep=sleeps.append, **options) as runtime:
        try:
            value = runtime.send(spec)
        except Exception as error:
            value = error
        return Outcome(value, sleeps, runtime.last_response)


def _async_send(rendered: Rendered, spec: Any, **options: Any) -> Outcome:
    sleeps: list[float] = []
    options.setdefault("base_url", None)
    options.setdefault("env_var", ENV_VAR)
    options.setdefault("default_base_url", "")

    async def sleep(seconds: float) -> None:
        sleeps.append(seconds)

    async def main() -> Outcome:
        async with rendered.runtime.AsyncRuntime(sleep=sleep, **options) as runtime:
            try:
                value = await runtime.send(spec)
            except Exception as error:
                value = error
            return Outcome(value, sleeps, runtime.last_response)

    return asyncio.run(main())


@pytest.fixture(params=["sync", "async"])
def send(request: pytest.FixtureRequest, rendered: Rendered) -> Send:
    """``send(spec, **runtime_options) -> Outcome`` through SyncRuntime, then AsyncRuntime."""
    drive = _sync_send if request.param == "sync" else _async_send

    def run(spec: Any, **options: Any) -> Outcome:
        return drive(rendered, spec, **options)

    return run


@pytest.fixture
def spec(rendered: Rendered) -> Callable[..., Any]:
    """``RequestSpec`` of the rendered package."""
    return rendered.runtime.RequestSpec  # type: ignore[no-any-return]
