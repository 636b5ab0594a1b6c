"""Our curl snippets send exactly what newman sends, and our Python SDK's usage snippets send
what a server would take for the same request, for every request of every corpus collection.

See README.md in this folder for how the comparisons work and what is listed instead of failed.
One run per collection serves both tests (newman runs once for both clients).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest

from .clients import newman_available, run_generator
from .collection_facts import build_environment, is_v1, load_collection
from .conftest import PROJECT_ROOT, SHARED, SUMMARIES
from .echo_proxy import EchoProxy
from .harness import CollectionReport, GeneratorFailed, Outcome, run_conformance

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


#: One run per collection for both tests: the report, or why there is none.
_REPORTS: dict[str, CollectionReport | str] = {}


def _report(
    case: Case, proxy: EchoProxy, tmp_path_factory: pytest.TempPathFactory, report_dir: Path
) -> CollectionReport:
    """The collection's conformance run (made on first use), its summaries and JSON report."""
    if case.name not in _REPORTS:
        workdir = tmp_path_factory.mktemp(case.name.replace("/", "__"))
        try:
            report = run_conformance(
                case.path, name=case.name, proxy=proxy, workdir=workdir, project_root=PROJECT_ROOT
            )
        except GeneratorFailed as exc:
            SUMMARIES.append(f"{case.name}: generator failed (exit {exc.result.returncode})")
            _REPORTS[case.name] = str(exc)
        else:
            SUMMARIES.extend([report.summary_line(), report.python_summary_line()])
            report_file = report_dir / (case.name.replace("/", "__") + ".json")
            report_file.write_text(json.dumps(report.to_json(), indent=1, ensure_ascii=False))
            _REPORTS[case.name] = report
    found = _REPORTS[case.name]
    if isinstance(found, str):
        pytest.fail(found, pytrace=False)
    return found


def _report_file(report_dir: Path, case: Case) -> Path:
    return report_dir / (case.name.replace("/", "__") + ".json")


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_newman_conformance(
    case: Case,
    echo_proxy: EchoProxy,
    tmp_path: Path,
    tmp_path_factory: pytest.TempPathFactory,
    report_dir: Path,
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
    report = _report(case, echo_proxy, tmp_path_factory, report_dir)
    print(report.summary_line())
    for note in report.notes:
        print(f"  note: {note}")
    if report.of("mismatched"):
        pytest.fail(
            f"{report.failure_text()}\nfull report: {_report_file(report_dir, case)}",
            pytrace=False,
        )


# -- the Python SDK's usage snippets ----------------------------------------------------------


#: Which mismatches a known bug explains: (case name, outcome) -> bool.
Where = Callable[[str, Outcome], bool]


@dataclass(frozen=True, slots=True)
class KnownBug:
    """A generator bug the Python comparison found, not fixed yet.

    A mismatch ``where`` selects is explained when all its parts (differing fields such as
    ``header:authorization``, or a reason such as ``python snippet sent nothing``) are among the
    ``keys`` of the bugs that select it.  Explained mismatches do not fail
    ``test_python_conformance``; ``test_python_known_bug[id]`` is a strict xfail over the
    ``cases`` the bug shows in: it fails while the bug is there and XPASSes (a failure) once it
    is fixed, which says to remove the entry.
    """

    id: str
    summary: str
    keys: frozenset[str]
    where: Where
    cases: tuple[str, ...]


def _at(items: Mapping[str, Iterable[str]]) -> Where:
    """These items (case name -> pointers)."""
    return lambda case, outcome: outcome.pointer in set(items.get(case, ()))


def _diff(key: str, newman: str = "", python: str = "", field: str = "") -> Where:
    """A difference in ``key`` whose field name starts with ``field`` and whose values match."""
    found = (re.compile(newman), re.compile(python))
    return lambda _case, outcome: any(
        d.key == key
        and d.field.startswith(field)
        and found[0].search(d.left)
        and found[1].search(d.right)
        for d in outcome.diffs
    )


KNOWN_BUGS: tuple[KnownBug, ...] = ()


#: Mismatch reasons that come without differing fields.
_NO_DIFF_REASONS = frozenset(
    {
        "python snippet sent nothing",
        "python snippet sent several requests",
        "no python snippet",
    }
)


def _signature(outcome: Outcome) -> frozenset[str]:
    """What a mismatch consists of: its differing fields, and reasons such as sending nothing."""
    keys = {d.key for d in outcome.diffs}
    return frozenset(keys | {c for c, _ in outcome.reasons if c in _NO_DIFF_REASONS})


def _explained(case: str, outcome: Outcome) -> list[str]:
    """The known bugs that together explain every part of a mismatch ([] if any part is new)."""
    bugs = [b for b in KNOWN_BUGS if b.where(case, outcome)]
    allowed = frozenset().union(*(b.keys for b in bugs))
    return [b.id for b in bugs] if bugs and _signature(outcome) <= allowed else []


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_python_conformance(
    case: Case, echo_proxy: EchoProxy, tmp_path_factory: pytest.TempPathFactory, report_dir: Path
) -> None:
    if not _generator_present():
        pytest.skip("generator/__main__.py does not exist yet")
    if is_v1(load_collection(case.path)):
        pytest.skip("v1 collection: the generator refuses it (test_newman_conformance)")
    if not newman_available():
        pytest.skip("newman is not installed: run tests/conformance/setup.sh (npm ci)")
    report = _report(case, echo_proxy, tmp_path_factory, report_dir)
    print(report.python_summary_line())
    for note in report.python_notes:
        print(f"  note: {note}")
    if report.python_error is not None:
        pytest.fail(report.python_failure_text(), pytrace=False)
    known: dict[str, list[str]] = {}
    unexplained: list[Outcome] = []
    for outcome in report.python_of("mismatched"):
        if bugs := _explained(case.name, outcome):
            for bug in bugs:
                known.setdefault(bug, []).append(outcome.pointer)
        else:
            unexplained.append(outcome)
    for bug, pointers in sorted(known.items()):
        print(f"  known bug {bug}: {len(pointers)} items (test_python_known_bug[{bug}])")
    if unexplained:
        failure = report.python_failure_text(only=unexplained)
        if known:
            failure += f"\n(mismatches explained by known bugs are not shown: {sorted(known)})"
        pytest.fail(f"{failure}\nfull report: {_report_file(report_dir, case)}", pytrace=False)


@pytest.mark.parametrize(
    "bug",
    [
        pytest.param(b, marks=pytest.mark.xfail(strict=True, reason=f"{b.id}: {b.summary}"))
        for b in KNOWN_BUGS
    ],
    ids=[b.id for b in KNOWN_BUGS],
)
def test_python_known_bug(
    bug: KnownBug,
    echo_proxy: EchoProxy,
    tmp_path_factory: pytest.TempPathFactory,
    report_dir: Path,
) -> None:
    """Fails while the generator bug is there; once it passes (XPASS, strict), remove the entry
    from KNOWN_BUGS so that its items count in test_python_conformance again."""
    if not newman_available():
        pytest.skip("newman is not installed: run tests/conformance/setup.sh (npm ci)")
    still: list[str] = []
    cases = {c.name: c for c in CASES}
    for case_name in bug.cases:
        report = _report(cases[case_name], echo_proxy, tmp_path_factory, report_dir)
        for outcome in report.python_of("mismatched"):
            if bug.where(case_name, outcome) and _signature(outcome) & bug.keys:
                still.append(f"{case_name} {outcome.render(max_diffs=2)}")
    assert not still, f"{bug.id} ({bug.summary}) still shows in {len(still)} items:\n" + (
        "\n".join(still[:5])
    )
