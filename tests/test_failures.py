"""Bad input never shows a traceback: the real CLI on every file in tests/failures/.

Each case pins the exact stderr in `<name>.expected`, checks exit code 1, and checks that
`generate` wrote nothing. Regenerate the expected files with
`POSTGEN_REGEN=1 pytest tests/test_failures.py` and review the diff.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator.errors import CollectionError
from generator.load import load_collection

ROOT = Path(__file__).resolve().parents[1]
FAILURES = ROOT / "tests" / "failures"
REGEN = os.environ.get("POSTGEN_REGEN") == "1"
TRACEBACK = "Traceback (most recent call last)"

# Cases whose input must not exist (the "missing file" error).
ABSENT = {"missing-file": "missing-file.json"}


def _inputs() -> dict[str, str]:
    """name -> input file name (as given on the command line, relative to FAILURES)."""
    found: dict[str, str] = {}
    for entry in sorted(FAILURES.iterdir()):
        if entry.suffix in (".expected", ".md"):
            continue
        assert entry.stem not in found, f"two inputs named {entry.stem!r} in {FAILURES}"
        found[entry.stem] = entry.name
    for name, file in ABSENT.items():
        assert not (FAILURES / file).exists(), f"{file} must not exist"
        found[name] = file
    return found


CASES = _inputs()


def test_every_expected_file_has_a_case() -> None:
    orphans = {p.stem for p in FAILURES.glob("*.expected")} - CASES.keys()
    assert not orphans, f"expected files without an input: {sorted(orphans)}"


def _expected(name: str) -> str:
    path = FAILURES / f"{name}.expected"
    if not path.exists():
        pytest.fail(f"{path.name} is missing; run POSTGEN_REGEN=1 pytest {Path(__file__).name}")
    return path.read_text(encoding="utf-8")


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """`python -m generator ARGS` in `cwd`, importing this checkout's generator."""
    env = {k: v for k, v in os.environ.items() if k != "POSTGEN_DEBUG"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    env["PYTHONIOENCODING"] = "utf-8"
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )


def _snapshot(directory: Path) -> list[tuple[str, int, int]]:
    """Names, sizes and mtimes of everything under `directory`: proof nothing was written."""
    return sorted(
        (str(p.relative_to(directory)), p.stat().st_size, p.stat().st_mtime_ns)
        for p in directory.rglob("*")
    )


def _assert_failed(result: subprocess.CompletedProcess[str], expected: str) -> None:
    assert TRACEBACK not in result.stdout + result.stderr
    assert result.returncode == 1, result.stderr
    assert result.stdout == ""
    assert result.stderr == expected


@pytest.mark.parametrize("name", CASES)
def test_validate(name: str) -> None:
    before = _snapshot(FAILURES)
    result = _run("validate", CASES[name], cwd=FAILURES)
    assert _snapshot(FAILURES) == before
    if REGEN and TRACEBACK not in result.stderr and result.returncode == 1:
        (FAILURES / f"{name}.expected").write_text(result.stderr, encoding="utf-8")
    _assert_failed(result, _expected(name))


@pytest.mark.parametrize("name", CASES)
def test_generate_writes_nothing(name: str, tmp_path: Path) -> None:
    out = tmp_path / "out"
    before = _snapshot(FAILURES)
    result = _run("generate", CASES[name], "--out", str(out), cwd=FAILURES)
    _assert_failed(result, _expected(name))
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []
    assert _snapshot(FAILURES) == before


@pytest.mark.parametrize("name", CASES)
def test_load_collection_raises_the_same_text(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The library contract the CLI relies on: one str(problem) per stderr line."""
    monkeypatch.chdir(FAILURES)
    with pytest.raises(CollectionError) as caught:
        load_collection(CASES[name])
    text = "".join(f"{problem}\n" for problem in caught.value.problems)
    assert text == _expected(name)
