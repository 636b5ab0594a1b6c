"""Our curl snippets send exactly what newman sends, for every request of every corpus collection.

See README.md in this folder for how the comparison works and what is listed instead of failed.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from .clients import newman_available, run_generator
from .collection_facts import build_environment, is_v1, load_collection
from .conftest import PROJECT_ROOT, SHARED, SUMMARIES
from .echo_proxy import EchoProxy
from .harness import GeneratorFailed, run_conformance

pytestmark = pytest.mark.conformance


@dataclass(frozen=True, slots=True)
class Case:
    name: str  # e.g. real/stripe-api, cases/basic
    path: Path


def _cases() -> list[Case]:
    found: list[Case] = []
    for group in ("real", "generated"):
        for path in sorted((SHARED / "corpus" / group).glob("*.postman_collection.json")):
            found.append(
                Case(f"{group}/{path.name.removesuffix('.postman_collection.json')}", path)
            )
    for path in sorted((PROJECT_ROOT / "tests" / "cases").glob("*/collection.json")):
        found.append(Case(f"cases/{path.parent.name}", path))
    return found


CASES = _cases()


def _generator_present() -> bool:
    return (PROJECT_ROOT / "generator" / "__main__.py").is_file()


def _write_env(collection: Path, name: str, directory: Path) -> Path:
    path = directory / "environment.json"
    path.write_text(json.dumps(build_environment(load_collection(collection), name)))
    return path


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_newman_conformance(
    case: Case, echo_proxy: EchoProxy, tmp_path: Path, report_dir: Path
) -> None:
    if not _generator_present():
        pytest.skip("generator/__main__.py does not exist yet")
    doc = load_collection(case.path)

    if is_v1(doc):
        # postgen only reads v2 collections: a v1 one must be refused cleanly, not half-generated
        out = tmp_path / "out"
        result = run_generator(
            PROJECT_ROOT, case.path, out, _write_env(case.path, case.name, tmp_path)
        )
        output = result.stdout + result.stderr
        summary = (
            f"{case.name}: v1 collection rejected (exit {result.returncode}): "
            + (output.strip().splitlines() or ["(no output)"])[-1][:200]
        )
        SUMMARIES.append(summary)
        print(summary)
        assert result.returncode != 0, f"the generator accepted a v1 collection:\n{output}"
        assert "Traceback (most recent call last)" not in output, output
        assert re.search(r"\bv1\b|v1\.0|version 1\b|1\.0\.0", output, re.IGNORECASE), (
            f"the error does not say the collection is v1:\n{output}"
        )
        assert not (out / "postgen-manifest.json").exists(), "a manifest was written for v1 input"
        return

    if not newman_available():
        pytest.skip("newman is not installed: run tests/conformance/setup.sh (npm ci)")
    try:
        report = run_conformance(
            case.path, name=case.name, proxy=echo_proxy, workdir=tmp_path, project_root=PROJECT_ROOT
        )
    except GeneratorFailed as exc:
        SUMMARIES.append(f"{case.name}: generator failed (exit {exc.result.returncode})")
        pytest.fail(str(exc), pytrace=False)

    summary = report.summary_line()
    SUMMARIES.append(summary)
    print(summary)
    for note in report.notes:
        print(f"  note: {note}")
    report_file = report_dir / (case.name.replace("/", "__") + ".json")
    report_file.write_text(json.dumps(report.to_json(), indent=1, ensure_ascii=False))
    if report.of("mismatched"):
        pytest.fail(f"{report.failure_text()}\nfull report: {report_file}", pytrace=False)
