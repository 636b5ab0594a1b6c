"""Helpers of the CLI tests: small collections, and the real CLI run in a directory."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
OCI = ROOT / "collections" / "oci_core.postman_collection.json"
SCHEMA = "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"
TRACEBACK = "Traceback (most recent call last)"


def run(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    """`python -m generator ARGS` in `cwd`, importing this checkout's generator."""
    env = {k: v for k, v in os.environ.items() if k != "POSTGEN_DEBUG"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    done = subprocess.run(
        [sys.executable, "-m", "generator", *map(str, args)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
        check=False,
    )
    assert TRACEBACK not in done.stderr, done.stderr
    return done


def request(
    name: str,
    url: str,
    *,
    method: str = "GET",
    headers: tuple[tuple[str, str], ...] = (),
    auth: dict[str, Any] | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """A request item (`extra`: more keys of the item, e.g. `response`)."""
    req: dict[str, Any] = {
        "method": method,
        "url": url,
        "header": [{"key": k, "value": v} for k, v in headers],
    }
    if auth is not None:
        req["auth"] = auth
    return {"name": name, "request": req, **extra}


def collection(name: str, *items: dict[str, Any], **extra: Any) -> dict[str, Any]:
    """A v2.1 collection of `items`."""
    return {"info": {"name": name, "schema": SCHEMA}, "item": list(items), **extra}


def write_json(path: Path, data: Any) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=1), encoding="utf-8")
    return path


def pets(*, extra: bool = False) -> dict[str, Any]:
    """A small, warning-free collection (`extra` adds a third request)."""
    items = [
        request("List pets", "{{baseUrl}}/pets"),
        request("Get pet", "{{baseUrl}}/pets/:id"),
    ]
    if extra:
        items.append(request("Delete pet", "{{baseUrl}}/pets/:id", method="DELETE"))
    variables = [{"key": "baseUrl", "value": "https://pets.example.test/v1"}]
    return collection("Pets", *items, variable=variables)


def tree(root: Path) -> dict[str, bytes]:
    """Every file under `root` (relative POSIX path -> bytes)."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def snapshot(root: Path) -> list[tuple[str, int, int]]:
    """Names, sizes and mtimes of everything under `root`: proof that nothing was written."""
    return sorted(
        (p.relative_to(root).as_posix(), p.stat().st_size, p.stat().st_mtime_ns)
        for p in root.rglob("*")
    )
