"""Run many Python usage snippets, each in its own process, without paying for imports each time.

Usage: python python_runner.py SPEC.json   (run by path, with the generated package on
PYTHONPATH; it imports nothing from the test suite)

SPEC = {"preload": [modules], "workers": N, "timeout": seconds, "cwd": dir, "out": results.json,
        "warmup": {"url", "env": {...}} or null,
        "jobs": [{"key", "script", "env": {...}, "stdout": path, "stderr": path}]}

The generated package and its dependencies are imported once here, and one request is sent
with httpx through the proxy (httpx and httpcore import their transport, TLS and HTTP/1.1
machinery on first use: about a second per process otherwise); then every snippet runs in
a child forked from this process, as ``python SCRIPT`` would run it (``__main__``, its folder
first on ``sys.path``, its own stdout and stderr), with the job's variables (proxy credentials
that tag the run) added to the environment.  A child that does not finish within ``timeout``
is killed.  Preloading changes nothing a snippet can observe: the client reads the environment
when it is constructed, inside the child, and every job of one spec shares the rest of it.
"""

from __future__ import annotations

import gc
import importlib
import json
import os
import runpy
import signal
import sys
import time
import traceback
from pathlib import Path
from typing import Any


def _child(job: dict[str, Any], cwd: str) -> int:
    """Run one snippet in this (forked) process; returns its exit status."""
    for stream, path in ((1, job["stdout"]), (2, job["stderr"])):
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        os.dup2(fd, stream)
        os.close(fd)
    os.chdir(cwd)
    os.environ.update(job["env"])
    script = job["script"]
    sys.argv = [script]
    sys.path.insert(0, os.path.dirname(os.path.abspath(script)))
    try:
        runpy.run_path(script, run_name="__main__")
        return 0
    except SystemExit as exc:
        code = exc.code
        if code is None:
            return 0
        if isinstance(code, int):
            return code
        print(code, file=sys.stderr)
        return 1
    except BaseException:  # everything a snippet raises is its failure, reported
        traceback.print_exc()
        return 1
    finally:
        sys.stdout.flush()
        sys.stderr.flush()


def _start(job: dict[str, Any], cwd: str) -> int:
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:  # the child never returns into the parent's loop
        status = 1
        try:
            status = _child(job, cwd)
        finally:
            os._exit(status & 0xFF)
    return pid


def _warm_up(warmup: dict[str, Any]) -> str | None:
    """One request like a snippet's, so that the children inherit httpx fully imported."""
    saved = dict(os.environ)
    os.environ.update(warmup["env"])
    try:
        import httpx

        with httpx.Client() as client:
            client.get(warmup["url"])
        return None
    except BaseException as exc:  # only slower without it
        return f"{type(exc).__name__}: {exc}"
    finally:
        os.environ.clear()
        os.environ.update(saved)


def main(spec_path: str) -> None:
    spec = json.loads(Path(spec_path).read_text())
    preload_errors: dict[str, str] = {}
    for module in spec["preload"]:
        try:
            importlib.import_module(module)
        except BaseException as exc:  # the snippets meet the same error and report it
            preload_errors[module] = f"{type(exc).__name__}: {exc}"
    if spec.get("warmup"):
        if (error := _warm_up(spec["warmup"])) is not None:
            preload_errors["(httpx warm-up request)"] = error
    # what is loaded now is shared with every child: keep the collector from walking (and so
    # copying, page by page) it in each of them
    gc.collect()
    gc.freeze()
    jobs = list(reversed(spec["jobs"]))
    workers = max(1, int(spec["workers"]))
    timeout = float(spec["timeout"])
    running: dict[int, tuple[dict[str, Any], float]] = {}
    results: list[dict[str, Any]] = []
    while jobs or running:
        while jobs and len(running) < workers:
            job = jobs.pop()
            running[_start(job, spec["cwd"])] = (job, time.monotonic())
        pid, status = os.waitpid(-1, os.WNOHANG)
        if pid == 0:
            now = time.monotonic()
            for child, (job, started) in list(running.items()):
                if now - started > timeout:
                    os.kill(child, signal.SIGKILL)
                    os.waitpid(child, 0)
                    del running[child]
                    results.append({"key": job["key"], "returncode": None, "seconds": timeout})
            time.sleep(0.002)
            continue
        job, started = running.pop(pid)
        code = os.waitstatus_to_exitcode(status)
        results.append(
            {"key": job["key"], "returncode": code, "seconds": time.monotonic() - started}
        )
    Path(spec["out"]).write_text(json.dumps({"preload_errors": preload_errors, "results": results}))


if __name__ == "__main__":
    main(sys.argv[1])
