"""Running the real CLI under a time and memory budget, and checking what it left behind."""

from __future__ import annotations

import ast
import hashlib
import json
import os
import re
import resource
import subprocess
import sys
from pathlib import Path
from typing import Any

from conftest import ROOT

SCHEMA = "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"
MEMORY_LIMIT = 2 * 1024**3  # address space, bytes: "bounded memory"
TRACEBACK = "Traceback (most recent call last)"
# A reported problem: `FILE: POINTER: message` (the pointer may be absent for file faults).
PROBLEM_LINE = re.compile(r"[^\n]+?\.json: (?:/[^\n]*?: )?[^\n]+")


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def environment() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "POSTGEN_DEBUG"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    env["PYTHONIOENCODING"] = "utf-8"
    return env


def start(
    *args: str | os.PathLike[str], cwd: Path, env: dict[str, str] | None = None
) -> subprocess.Popen[str]:
    """`python -m generator ARGS` with at most MEMORY_LIMIT of address space."""
    return subprocess.Popen(
        [sys.executable, "-m", "generator", *map(str, args)],
        cwd=cwd,
        env={**environment(), **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        preexec_fn=_limit_memory,
    )


def run(
    *args: str | os.PathLike[str],
    cwd: Path,
    timeout: float = 120,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run the CLI to the end (a timeout fails the test: "bounded time")."""
    process = start(*args, cwd=cwd, env=env)
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        raise AssertionError(f"postgen {' '.join(map(str, args))}: over {timeout}s") from None
    return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)


def collection(items: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    return {"info": {"name": "robust", "schema": SCHEMA}, "item": items, **extra}


def request(
    name: str, path: str = "/things", method: str = "GET", body: str | None = None, **extra: Any
) -> dict[str, Any]:
    """A request item; ``body`` is raw JSON text."""
    req: dict[str, Any] = {"method": method, "url": "https://api.example.com" + path}
    if body is not None:
        req["body"] = {"mode": "raw", "raw": body, "options": {"raw": {"language": "json"}}}
    return {"name": name, "request": req, **extra}


def write(path: Path, data: Any) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def tree(directory: Path) -> dict[str, str]:
    """Every file under ``directory`` (relative path -> sha256), symlinks as their target."""
    found = {}
    for path in sorted(directory.rglob("*")):
        rel = str(path.relative_to(directory))
        if path.is_symlink():
            found[rel] = "-> " + os.readlink(path)
        elif path.is_file():
            found[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def tree_problems(out: Path) -> list[str]:
    """Why the generated tree is not usable: Python that does not parse, shell that `bash -n`
    rejects, a package that does not import. Empty when it is."""
    problems = []
    for path in sorted(out.rglob("*.py")):
        try:
            ast.parse(path.read_bytes(), str(path))
        except (SyntaxError, ValueError) as error:
            problems.append(f"{path.relative_to(out)}: {error}")
    scripts = sorted(str(p) for p in out.rglob("*.sh"))
    for start_at in range(0, len(scripts), 200):
        chunk = scripts[start_at : start_at + 200]
        checked = subprocess.run(
            ["bash", "-c", 'for f; do bash -n "$f" || echo "$f"; done', "-", *chunk],
            capture_output=True,
            text=True,
            check=False,
        )
        if checked.stdout or checked.stderr:
            problems.append(f"bash -n: {(checked.stdout + checked.stderr)[:500]}")
    manifest = json.loads((out / "postgen-manifest.json").read_text(encoding="utf-8"))
    package = manifest["package"]
    if (out / package / "_client.py").exists():
        code = (
            f"import importlib, pkgutil, {package}\n"
            f"for m in pkgutil.walk_packages({package}.__path__, '{package}.'):\n"
            "    importlib.import_module(m.name)\n"
            f"{package}.Client(base_url='http://localhost')\n"
        )
        imported = subprocess.run(
            [sys.executable, "-c", code],
            cwd=out,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        if imported.returncode:
            problems.append(f"import {package}: {imported.stderr[-800:]}")
    return problems


def assert_generated_or_refused(done: subprocess.CompletedProcess[str], out: Path) -> str:
    """Exit 0 with a usable tree, or exit 1 with `FILE: POINTER: message` lines and nothing
    written; returns "generated" or "refused"."""
    assert TRACEBACK not in done.stderr, done.stderr[-2000:]
    assert "RecursionError" not in done.stderr and "MemoryError" not in done.stderr
    if done.returncode == 0:
        assert tree_problems(out) == []
        return "generated"
    assert done.returncode == 1, done.stderr[-2000:]
    assert not out.exists()
    lines = done.stderr.splitlines()
    assert lines, "exit 1 without a message"
    for line in lines:
        assert PROBLEM_LINE.fullmatch(line), line
    return "refused"
