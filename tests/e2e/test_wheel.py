"""The wheel carries everything: build it, install it in a fresh venv, generate from there."""

from __future__ import annotations

import shutil
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

from conftest import ROOT


def test_wheel_installs_and_generates(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist), str(ROOT)],
        check=True,
        timeout=300,
    )
    wheels = list(dist.glob("postgen-*.whl"))
    assert len(wheels) == 1
    env_dir = tmp_path / "venv"
    # System site-packages supply the dependencies; the wheel itself is installed fresh.
    venv.EnvBuilder(with_pip=True, system_site_packages=True).create(env_dir)
    python = env_dir / "bin" / "python"
    subprocess.run(
        [
            str(python),
            "-m",
            "pip",
            "install",
            "-q",
            "--no-deps",
            "--force-reinstall",
            str(wheels[0]),
        ],
        check=True,
        timeout=300,
    )
    where = subprocess.run(
        [str(python), "-c", "import generator; print(generator.__file__)"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert where.startswith(str(env_dir)), where  # not the source checkout
    out = tmp_path / "out"
    collection = ROOT / "collections" / "oci_core.postman_collection.json"
    done = subprocess.run(
        [str(env_dir / "bin" / "postgen"), "generate", str(collection), "--out", str(out)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    expected = ROOT / "generated" / "oci_core"
    produced = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    committed = {
        p.relative_to(expected): p.read_bytes() for p in expected.rglob("*") if p.is_file()
    }
    assert produced == committed


def test_generated_project_builds_and_installs(tmp_path: Path) -> None:
    """OUT is an installable project: pip builds its wheel, and the package imports typed."""
    dist = tmp_path / "dist"
    project = tmp_path / "project"  # a copy: building writes build/ and *.egg-info into it
    shutil.copytree(ROOT / "generated" / "oci_core", project)
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist), str(project)],
        check=True,
        timeout=300,
    )
    wheels = list(dist.glob("oci_core-*.whl"))
    assert len(wheels) == 1
    with zipfile.ZipFile(wheels[0]) as wheel:
        names = set(wheel.namelist())
    assert {"oci_core/__init__.py", "oci_core/models.py", "oci_core/py.typed"} <= names
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True, system_site_packages=True).create(env_dir)
    python = env_dir / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--no-deps", str(wheels[0])],
        check=True,
        timeout=300,
    )
    # What the import leaves for first use (the speed issue's import target): the models, each
    # api module and asyncio (only an async retry needs it).
    later = ("oci_core.models", "oci_core.api.boot_volume_backups", "asyncio")
    script = (
        "import sys, oci_core; "
        f"loaded = [m for m in {later!r} if m in sys.modules]; "
        "e = oci_core.Error.model_validate({'code': 'NotFound', 'message': 'm'}); "
        "print(oci_core.__file__, e.code, *loaded)"
    )
    done = subprocess.run(
        [str(python), "-c", script], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    where, code, *loaded = done.stdout.split()
    assert where.startswith(str(env_dir)) and code == "NotFound"
    assert loaded == []
