"""Running the programs the suite drives: newman, our generator, and the curl and Python snippets.

Every client reaches the echo proxy only through the standard proxy environment variables, so
what they send is exactly what they would send to the real host.  curl snippets are run
unchanged with ``bash FILE``; ``CURL_HOME`` points at a ``.curlrc`` holding ``insecure`` because
the proxy terminates TLS with certificates of its own test CA.  Python snippets run unchanged
too (``python_runner.py`` forks one process per snippet); httpx verifies TLS against that CA
through ``SSL_CERT_FILE``.
"""

from __future__ import annotations

import itertools
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .echo_proxy import EchoProxy, EchoRecord

__all__ = [
    "GeneratorResult",
    "NewmanItem",
    "NewmanRun",
    "SnippetRun",
    "make_curl_home",
    "newman_available",
    "run_generator",
    "run_python_snippets",
    "run_snippets",
]

HERE = Path(__file__).resolve().parent
RUN_NEWMAN_JS = HERE / "run_newman.js"
PYTHON_RUNNER = HERE / "python_runner.py"


def newman_available(node_dir: Path = HERE) -> bool:
    """True when ``npm ci`` has been run in ``node_dir`` (see setup.sh) and node is on PATH."""
    return (node_dir / "node_modules" / "newman" / "package.json").is_file() and bool(
        shutil.which("node")
    )


@dataclass(frozen=True, slots=True)
class NewmanItem:
    """What newman reported for one leaf (by its position in newman's iteration)."""

    position: int
    name: str | None
    echo_ids: tuple[int, ...]
    errors: tuple[str, ...]
    warnings: tuple[str, ...]


class NewmanRun:
    """One newman process over one collection, started in the background so that the generator
    and the curl snippets can run meanwhile."""

    def __init__(
        self,
        collection: Path,
        environment: Path,
        workdir: Path,
        out: Path,
        proxy: EchoProxy,
        timeout_request_ms: int = 15000,
    ) -> None:
        self.out = out
        spec = {
            "collection": str(collection),
            "environment": str(environment),
            "out": str(out),
            "workingDir": str(workdir),
            "timeoutRequest": timeout_request_ms,
        }
        spec_path = out.with_suffix(".spec.json")
        spec_path.write_text(json.dumps(spec))
        env = {**os.environ, **proxy.proxy_env()}
        self.started = time.monotonic()
        self._process = subprocess.Popen(
            ["node", str(RUN_NEWMAN_JS), str(spec_path)],
            cwd=workdir,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        self.seconds: float | None = None

    def wait(self, timeout: float) -> dict[int, NewmanItem]:
        """Results by position; raises with newman's stderr if the run itself failed."""
        try:
            stdout, stderr = self._process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.communicate()
            raise RuntimeError(f"newman did not finish within {timeout:.0f}s") from None
        self.seconds = time.monotonic() - self.started
        if self._process.returncode != 0 or not self.out.is_file():
            raise RuntimeError(
                f"newman failed (exit {self._process.returncode}):\n"
                f"{stderr.decode(errors='replace')[-4000:]}{stdout.decode(errors='replace')[-2000:]}"
            )
        data = json.loads(self.out.read_text())
        if data.get("error"):
            raise RuntimeError(f"newman run error: {data['error']}")
        return {
            item["position"]: NewmanItem(
                position=item["position"],
                name=item.get("name"),
                echo_ids=tuple(item["echo_ids"]),
                errors=tuple(item["errors"]),
                warnings=tuple(item["warnings"]),
            )
            for item in data["items"]
        }

    def kill(self) -> None:
        if self._process.poll() is None:
            self._process.kill()
            self._process.communicate()


@dataclass(frozen=True, slots=True)
class GeneratorResult:
    """The generator's exit status, output, and parsed manifest (None if it wrote none)."""

    argv: tuple[str, ...]
    returncode: int
    stdout: str
    stderr: str
    manifest: Mapping[str, Any] | None
    seconds: float


#: Whether the generator accepts ``--only``; learned on first use (None = not yet known).
_ONLY_CURL: dict[str, bool] = {}
_ONLY_CURL_LOCK = threading.Lock()


def _rejects_option(result: subprocess.CompletedProcess[str]) -> bool:
    text = (result.stderr + result.stdout).lower()
    return result.returncode == 2 and ("--only" in text or "no such option" in text)


def _every_warning(summary: str) -> str:
    """Every warning of a ``--json`` summary, one ``FILE: POINTER: warning: message`` line
    each (as stderr would print them one by one)."""
    try:
        document = json.loads(summary)
    except ValueError:
        return ""
    lines = []
    for entry in document.get("collections", ()):
        for warning in entry.get("warnings", ()):
            where = (
                f"{warning['file']}: {warning['pointer']}"
                if warning["pointer"]
                else warning["file"]
            )
            lines.append(f"{where}: warning: {warning['message']}\n")
    return "".join(lines)


def run_generator(
    project_root: Path,
    collection: Path,
    out_dir: Path,
    env_file: Path | None,
    timeout: float = 900,
    parts: Sequence[str] = ("curl",),
) -> GeneratorResult:
    """``python -m generator generate COLLECTION --out DIR --env ENV [--only PART ...]``.

    ``--only`` keeps the generator from rendering outputs the run does not use (the docs, or the
    whole SDK when only curl snippets are needed); if this generator version rejects the option,
    we fall back to a full run.
    """
    base = [sys.executable, "-m", "generator", "generate", str(collection), "--out", str(out_dir)]
    # The JSON summary lists every warning at every place (stderr shows a warning found at
    # many places once, with a count); the harness reads the credential warnings.
    base.append("--json")
    if env_file is not None:
        base += ["--env", str(env_file)]
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(
            p for p in (str(project_root), os.environ.get("PYTHONPATH", "")) if p
        ),
    }
    started = time.monotonic()
    with _ONLY_CURL_LOCK:
        known = _ONLY_CURL.get(str(project_root))
    only = [arg for part in parts for arg in ("--only", part)]
    attempts = [[*base, *only], base] if known is not False else [base]
    result: subprocess.CompletedProcess[str] | None = None
    argv: list[str] = base
    for argv in attempts:
        result = subprocess.run(
            argv,
            cwd=project_root,
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
            stdin=subprocess.DEVNULL,
            check=False,
        )
        if "--only" in argv and _rejects_option(result):
            with _ONLY_CURL_LOCK:
                _ONLY_CURL[str(project_root)] = False
            shutil.rmtree(out_dir, ignore_errors=True)
            continue
        if "--only" in argv:
            with _ONLY_CURL_LOCK:
                _ONLY_CURL[str(project_root)] = True
        break
    assert result is not None
    manifest_path = out_dir / "postgen-manifest.json"
    manifest = json.loads(manifest_path.read_text()) if manifest_path.is_file() else None
    return GeneratorResult(
        argv=tuple(argv),
        returncode=result.returncode,
        stdout=result.stdout,
        stderr=result.stderr + _every_warning(result.stdout),
        manifest=manifest,
        seconds=time.monotonic() - started,
    )


def make_curl_home(directory: Path) -> Path:
    """A ``CURL_HOME`` whose ``.curlrc`` makes curl accept the proxy's certificates (made by its
    own test CA), and nothing else: the user's own ~/.curlrc is not read."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / ".curlrc").write_text("insecure\n")
    return directory


@dataclass(frozen=True, slots=True)
class SnippetRun:
    """One ``bash SNIPPET`` run and the requests that arrived under its tag."""

    script: Path
    tag: str
    returncode: int | None  # None: timed out
    stdout: str
    stderr: str
    records: tuple[EchoRecord, ...]
    seconds: float


_TAGS = itertools.count(1)
_TAGS_LOCK = threading.Lock()


def _next_tag() -> str:
    with _TAGS_LOCK:
        return f"postgen-run{next(_TAGS)}"


def _run_one(
    script: Path, proxy: EchoProxy, workdir: Path, curl_home: Path, timeout: float
) -> SnippetRun:
    # each run gets its own proxy credentials, so even a HEAD request or a snippet that
    # discards the response body is tied to exactly what it sent
    tag = _next_tag()
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(workdir),
        "LANG": "C.UTF-8",
        "CURL_HOME": str(curl_home),
        **proxy.proxy_env(tag),
    }
    started = time.monotonic()
    try:
        done = subprocess.run(
            ["bash", str(script)],
            cwd=workdir,
            env=env,
            capture_output=True,
            timeout=timeout,
            stdin=subprocess.DEVNULL,
            check=False,
        )
        returncode: int | None = done.returncode
        stdout, stderr = done.stdout, done.stderr
    except subprocess.TimeoutExpired as exc:
        returncode = None
        stdout = exc.stdout or b""
        stderr = (exc.stderr or b"") + f"\n(timed out after {timeout}s)".encode()
    return SnippetRun(
        script=script,
        tag=tag,
        returncode=returncode,
        stdout=stdout.decode("utf-8", "replace"),
        stderr=stderr.decode("utf-8", "replace"),
        records=tuple(proxy.records_for_tag(tag)),
        seconds=time.monotonic() - started,
    )


def run_snippets(
    scripts: Sequence[tuple[str, Path]],
    proxy: EchoProxy,
    workdir: Path,
    curl_home: Path,
    timeout: float = 30.0,
    workers: int = 8,
) -> dict[str, SnippetRun]:
    """Run ``(key, script)`` pairs in a thread pool (the work is in the subprocesses)."""
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="snippet") as pool:
        futures = {
            key: pool.submit(_run_one, script, proxy, workdir, curl_home, timeout)
            for key, script in scripts
        }
        return {key: future.result() for key, future in futures.items()}


def run_python_snippets(
    scripts: Sequence[tuple[str, Path]],
    proxy: EchoProxy,
    *,
    workdir: Path,
    package_dir: Path,
    env: Mapping[str, str],
    job_env: Mapping[str, Mapping[str, str]],
    preload: Sequence[str],
    scratch: Path,
    timeout: float = 30.0,
    workers: int = 4,
) -> tuple[dict[str, SnippetRun], list[str]]:
    """Run ``(key, snippet)`` pairs with ``package_dir`` on PYTHONPATH (see python_runner.py).

    ``env`` is everything the snippets may read besides the proxy (base URL variables,
    credentials), ``job_env`` what one snippet's run adds (its own credentials); nothing of this
    process's environment leaks in but PATH.  Returns the runs and notes (modules that failed to
    import up front).
    """
    scratch.mkdir(parents=True, exist_ok=True)
    jobs: list[dict[str, Any]] = []
    tags: dict[str, tuple[str, Path]] = {}
    for i, (key, script) in enumerate(scripts):
        tag = _next_tag()
        tags[key] = (tag, script)
        jobs.append(
            {
                "key": key,
                "script": str(script),
                "env": {**job_env.get(key, {}), **proxy.proxy_env(tag)},
                "stdout": str(scratch / f"{i}.out"),
                "stderr": str(scratch / f"{i}.err"),
            }
        )
    results_path = scratch / "results.json"
    spec_path = scratch / "spec.json"
    spec_path.write_text(
        json.dumps(
            {
                "preload": list(preload),
                "workers": workers,
                "timeout": timeout,
                "cwd": str(workdir),
                "out": str(results_path),
                "warmup": {
                    "url": "https://postgen-warmup.invalid/",
                    "env": proxy.proxy_env(_next_tag()),
                },
                "jobs": jobs,
            }
        )
    )
    base_env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(workdir),
        "LANG": "C.UTF-8",
        "PYTHONPATH": str(package_dir),
        "PYTHONDONTWRITEBYTECODE": "1",
        "SSL_CERT_FILE": str(proxy.ca_cert),
        **env,
    }
    limit = 120 + timeout * (len(jobs) / max(workers, 1) + 1)
    done = subprocess.run(
        [sys.executable, str(PYTHON_RUNNER), str(spec_path)],
        cwd=workdir,
        env=base_env,
        capture_output=True,
        timeout=limit,
        stdin=subprocess.DEVNULL,
        check=False,
    )
    if done.returncode != 0 or not results_path.is_file():
        raise RuntimeError(
            f"python_runner.py failed (exit {done.returncode}):\n"
            f"{done.stderr.decode(errors='replace')[-4000:]}"
        )
    report = json.loads(results_path.read_text())
    notes = [f"{m} failed to import: {e}" for m, e in sorted(report["preload_errors"].items())]
    runs: dict[str, SnippetRun] = {}
    by_key = {job["key"]: job for job in jobs}
    for result in report["results"]:
        key = result["key"]
        job = by_key[key]
        tag, script = tags[key]
        runs[key] = SnippetRun(
            script=script,
            tag=tag,
            returncode=result["returncode"],
            stdout=_read_text(Path(job["stdout"])),
            stderr=_read_text(Path(job["stderr"]))
            + ("" if result["returncode"] is not None else f"\n(timed out after {timeout}s)"),
            records=tuple(proxy.records_for_tag(tag)),
            seconds=result["seconds"],
        )
    return runs, notes


def _read_text(path: Path, limit: int = 20000) -> str:
    try:
        data = path.read_bytes()
    except OSError:
        return ""
    return data[-limit:].decode("utf-8", "replace")
