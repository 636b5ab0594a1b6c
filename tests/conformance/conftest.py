"""Fixtures for the newman conformance suite: the echo proxy, paths, and the summary section."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from .echo_proxy import EchoProxy, running_echo_proxy

HERE = Path(__file__).resolve().parent
PROJECT_ROOT = HERE.parents[1]
SHARED = PROJECT_ROOT.parent / "shared"
#: Per-collection JSON reports (gitignored); POSTGEN_CONFORMANCE_REPORT_DIR moves them elsewhere.
REPORT_DIR = Path(os.environ.get("POSTGEN_CONFORMANCE_REPORT_DIR", HERE / ".report"))

#: One-line summaries collected during the session, printed in pytest's terminal summary.
SUMMARIES: list[str] = []


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "conformance: newman conformance suite (deselect with -m 'not conformance')"
    )


@pytest.fixture(scope="session")
def echo_proxy(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EchoProxy]:
    """One echo proxy on 127.0.0.1 for the whole session (each client run is tied to its own
    records by echo id or run tag, so collections never see each other's requests)."""
    with running_echo_proxy(tmp_path_factory.mktemp("echo-proxy-cert")) as proxy:
        yield proxy


@pytest.fixture(scope="session")
def report_dir() -> Path:
    REPORT_DIR.mkdir(parents=True, exist_ok=True)
    return REPORT_DIR


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Show every collection's summary line even when pytest captured the test output."""
    if not SUMMARIES:
        return
    terminalreporter.section("newman conformance")
    for line in SUMMARIES:
        terminalreporter.write_line(line)
    REPORT_DIR.mkdir(parents=True, exist_ok=True)
    (REPORT_DIR / "summary.json").write_text(json.dumps(SUMMARIES, indent=1, ensure_ascii=False))
