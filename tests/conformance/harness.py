"""One collection's conformance run: newman and our curl snippets must send the same requests.

Ties the pieces together: build the environment, start newman (twice, to learn what newman
itself does not repeat), generate and run the snippets meanwhile, then judge every leaf item as
passed, mismatched (a test failure) or listed (not comparable, with the reason).  Values made
per send (dynamic variables, signatures) are compared with wildcards and still pass; the
outcome says which.
"""

from __future__ import annotations

import json
import shutil
import time
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from .clients import (
    GeneratorResult,
    NewmanItem,
    NewmanRun,
    SnippetRun,
    make_curl_home,
    run_generator,
    run_snippets,
)
from .collection_facts import (
    ItemFacts,
    Leaf,
    build_environment,
    collection_variables,
    item_facts,
    leaves,
    load_collection,
)
from .compare import (
    Client,
    FieldDiff,
    Normalised,
    compare,
    compare_requests,
    normalise,
    without_oauth1_params,
)
from .echo_proxy import EchoProxy, EchoRecord, show
from .wildcards import DIGEST_AUTHORIZATION, ValueRule

__all__ = ["CollectionReport", "GeneratorFailed", "Outcome", "record_newman", "run_conformance"]

Status = Literal["passed", "mismatched", "listed"]

#: Reason categories (the part before the colon is what the summary line counts).
NEWMAN_ERROR = "newman could not send"
MISSING_FILE = "file source missing here"
NEWMAN_VARIES = "differs between two newman runs"
NONCE_AUTH = "{} auth adds a client nonce"


class GeneratorFailed(Exception):
    """The generator did not produce a manifest for a collection it should accept."""

    def __init__(self, result: GeneratorResult) -> None:
        self.result = result
        super().__init__(
            f"generator failed (exit {result.returncode}): {' '.join(result.argv)}\n"
            f"{result.stderr[-3000:]}{result.stdout[-1000:]}"
        )


@dataclass(slots=True)
class Outcome:
    """The verdict on one leaf item, with everything needed to understand it."""

    index: int
    pointer: str
    name: str
    status: Status = "passed"
    reasons: list[tuple[str, str]] = field(default_factory=list)  # (category, detail)
    diffs: list[FieldDiff] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    #: fields that matched only with wildcards or value rules, e.g. "header x-id: $guid"
    wildcards: list[str] = field(default_factory=list)
    script_dependent: str | None = None
    newman: EchoRecord | None = None
    curl: EchoRecord | None = None
    snippet: Path | None = None
    snippet_run: SnippetRun | None = None

    def mismatch(self, category: str, detail: str = "") -> None:
        self.status = "mismatched"
        self.reasons.append((category, detail))

    def list_as(self, category: str, detail: str = "") -> None:
        if self.status != "mismatched":
            self.status = "listed"
        self.reasons.append((category, detail))

    def render(self, max_diffs: int = 8) -> str:
        lines = [
            f"{self.pointer} {self.name!r}: "
            + "; ".join(f"{c}: {d}" if d else c for c, d in self.reasons)
        ]
        if self.snippet is not None:
            lines.append(f"    snippet: {self.snippet}")
        if self.wildcards:
            lines.append(f"    compared with wildcards for {'; '.join(self.wildcards)}")
        lines += [f"    {d.render()}" for d in self.diffs[:max_diffs]]
        if len(self.diffs) > max_diffs:
            lines.append(f"    ... and {len(self.diffs) - max_diffs} more differences")
        return "\n".join(lines)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "index": self.index,
            "pointer": self.pointer,
            "name": self.name,
            "status": self.status,
        }
        if self.wildcards:
            data["compared_with_wildcards"] = self.wildcards
        if self.status == "passed" and self.script_dependent is None:
            return data
        data.update(
            reasons=[{"category": c, "detail": d} for c, d in self.reasons],
            diffs=[{"field": d.field, "newman": d.left, "curl": d.right} for d in self.diffs],
            notes=self.notes,
            script_dependent=self.script_dependent,
        )
        if self.status != "passed":
            data["newman_request"] = self.newman.to_json() if self.newman else None
            data["curl_request"] = self.curl.to_json() if self.curl else None
            if self.snippet is not None:
                data["snippet"] = str(self.snippet)
                try:
                    data["snippet_text"] = self.snippet.read_text(errors="replace")[:4000]
                except OSError:
                    pass
            if self.snippet_run is not None:
                data["snippet_exit"] = self.snippet_run.returncode
                data["snippet_stderr"] = self.snippet_run.stderr[-2000:]
        return data


@dataclass(slots=True)
class CollectionReport:
    """All outcomes of one collection plus timings, renderable as a line, a failure, or JSON."""

    name: str
    path: Path
    outcomes: list[Outcome]
    timings: dict[str, float]
    notes: list[str]
    generator_argv: tuple[str, ...] | None = None

    def of(self, status: Status) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == status]

    def summary_line(self) -> str:
        listed = Counter(c for o in self.of("listed") for c, _ in o.reasons)
        reasons = ", ".join(f"{c}: {n}" for c, n in sorted(listed.items()))
        scripts = sum(1 for o in self.outcomes if o.script_dependent)
        wild = sum(1 for o in self.of("passed") if o.wildcards)
        line = (
            f"{self.name}: {len(self.of('passed'))} passed"
            + (f" ({wild} compared with wildcards)" if wild else "")
            + f", {len(self.of('mismatched'))} mismatched, {len(self.of('listed'))} listed"
        )
        line += f" ({reasons})" if reasons else ""
        if scripts:
            line += f"; {scripts} script-dependent (compared in static form)"
        return line

    def failure_text(self, limit: int = 5) -> str:
        bad = self.of("mismatched")
        categories = Counter(c for o in bad for c, _ in o.reasons)
        fields = Counter(d.field.split(" (")[0] for o in bad for d in o.diffs)
        parts = [
            self.summary_line(),
            "mismatch reasons: " + ", ".join(f"{c} x{n}" for c, n in categories.most_common()),
            "differing fields: " + ", ".join(f"{f} x{n}" for f, n in fields.most_common(12)),
            f"first {min(limit, len(bad))} mismatches:",
        ]
        # real byte differences first: they say most about the snippet writer's bug
        bad.sort(key=lambda o: (not o.diffs, o.index))
        parts += [o.render() for o in bad[:limit]]
        return "\n".join(parts)

    def to_json(self) -> dict[str, Any]:
        listed = Counter(c for o in self.of("listed") for c, _ in o.reasons)
        mismatched = Counter(c for o in self.of("mismatched") for c, _ in o.reasons)
        return {
            "collection": self.name,
            "path": str(self.path),
            "summary": self.summary_line(),
            "counts": {
                "items": len(self.outcomes),
                "passed": len(self.of("passed")),
                "mismatched": len(self.of("mismatched")),
                "listed": len(self.of("listed")),
                "compared_with_wildcards": sum(1 for o in self.of("passed") if o.wildcards),
                "script_dependent": sum(1 for o in self.outcomes if o.script_dependent),
            },
            "listed_reasons": dict(listed),
            "mismatch_reasons": dict(mismatched),
            "timings_s": {k: round(v, 2) for k, v in self.timings.items()},
            "generator_argv": list(self.generator_argv) if self.generator_argv else None,
            "notes": self.notes,
            "items": [o.to_json() for o in self.outcomes],
        }


def _provide_files(collection: Path, run_dir: Path) -> None:
    """Feature collections keep their upload files in `files/` beside them (relative `src`)."""
    files = collection.parent / "files"
    if files.is_dir():
        shutil.copytree(files, run_dir / "files", dirs_exist_ok=True)


def _last_record(proxy: EchoProxy, item: NewmanItem | None) -> EchoRecord | None:
    if item is None or not item.echo_ids:
        return None
    return proxy.record(item.echo_ids[-1])


def _snippets_from_manifest(
    manifest: Mapping[str, Any], out_dir: Path, pointers: set[str], notes: list[str]
) -> dict[str, Path]:
    scripts: dict[str, Path] = {}
    for op in manifest.get("operations", []):
        pointer, curl = op.get("pointer"), op.get("curl")
        if not isinstance(pointer, str) or not isinstance(curl, str):
            notes.append(f"manifest operation without pointer/curl: {json.dumps(op)[:200]}")
            continue
        if pointer not in pointers:
            notes.append(f"manifest pointer {pointer} is not a leaf item of the collection")
            continue
        if pointer in scripts:
            notes.append(f"manifest lists {pointer} twice; the first snippet is used")
            continue
        scripts[pointer] = out_dir / curl
    return scripts


def _prepared(
    record: EchoRecord, client: Client, facts: ItemFacts
) -> tuple[Normalised, tuple[str, ...]]:
    """``record`` normalised for comparison, and the oauth1 parameters taken out of its query
    or body (Postman signs them there per send; no snippet can repeat them)."""
    request = normalise(record, client, facts.user_headers)
    if not facts.oauth1_params:
        return request, ()
    return without_oauth1_params(request)


def _rules_for(fields: set[str] | frozenset[str], rule: ValueRule) -> dict[str, ValueRule]:
    """``rule`` for every ``header:<name>`` among ``fields``."""
    return {f.removeprefix("header:"): rule for f in fields if f.startswith("header:")}


def _judge(
    leaf: Leaf,
    outcome: Outcome,
    newman_items: list[NewmanItem | None],
    newman_records: list[EchoRecord | None],
    snippet: Path | None,
    run: SnippetRun | None,
    variables: Mapping[str, str],
    workdir: Path,
) -> None:
    """Fill in ``outcome`` for one leaf (see the module docstring for the three verdicts)."""
    facts = item_facts(leaf, variables, workdir)
    outcome.script_dependent = facts.script_dependent
    outcome.snippet, outcome.snippet_run = snippet, run
    first = newman_items[0]
    if first is not None:
        outcome.notes += [f"newman warning: {w}" for w in first.warnings]
    newman = newman_records[0]
    outcome.newman = newman
    if run is not None and run.records:
        outcome.curl = run.records[0]

    if newman is None:
        error = (
            "; ".join(first.errors) if first is not None and first.errors else "no request arrived"
        )
        outcome.list_as(NEWMAN_ERROR, error)
        if outcome.curl is not None:
            outcome.notes.append("the curl snippet did send a request")
        return
    if first is not None and first.errors:
        outcome.notes.append(f"newman error after sending: {'; '.join(first.errors)}")

    masked = set(facts.masked)
    rules = dict(facts.rules)
    for category, detail in facts.reasons:
        outcome.list_as(category, detail)
    if facts.missing_files:
        outcome.list_as(MISSING_FILE, ", ".join(facts.missing_files))

    reference, signed_params = _prepared(newman, "newman", facts)
    # fields that newman itself does not repeat cannot be held against the snippet, unless
    # Postman fills them anew by design (those are compared with wildcards instead)
    others = [r for r in newman_records[1:] if r is not None]
    if others:
        unstable: set[str] = set()
        for other in others:
            unstable |= {
                d.key for d in compare(reference, _prepared(other, "newman", facts)[0], rules=rules)
            }
        unstable -= masked | facts.varying
        if facts.nonce_auth is not None and unstable & facts.nonce_auth[1]:
            nonce_fields = unstable & facts.nonce_auth[1]
            unstable -= nonce_fields
            if facts.nonce_auth[0] == "digest":
                rules.update(_rules_for(nonce_fields, DIGEST_AUTHORIZATION))
            else:
                outcome.list_as(
                    NONCE_AUTH.format(facts.nonce_auth[0]), ", ".join(sorted(nonce_fields))
                )
                masked |= nonce_fields
        if unstable:
            outcome.list_as(NEWMAN_VARIES, ", ".join(sorted(unstable)))
            masked |= unstable
    elif facts.nonce_auth is not None:  # a single newman run: assume the worst
        if facts.nonce_auth[0] == "digest":
            rules.update(_rules_for(facts.nonce_auth[1], DIGEST_AUTHORIZATION))
        else:
            outcome.list_as(NONCE_AUTH.format(facts.nonce_auth[0]), "not checked (one newman run)")
            masked |= facts.nonce_auth[1]
    for record, side in ((newman, "newman"), (outcome.curl, "curl")):
        if record is not None and record.framing_error:
            outcome.notes.append(f"{side}'s request has a framing problem: {record.framing_error}")

    if snippet is None:
        if facts.missing_files:
            return
        outcome.mismatch("no curl snippet", "the generator's manifest has no snippet for this item")
        return
    assert run is not None
    if outcome.curl is None:
        exit_text = "timed out" if run.returncode is None else f"exit {run.returncode}"
        detail = f"{exit_text}: {run.stderr.strip()[-300:]}"
        if facts.missing_files:
            outcome.notes.append(f"curl sent nothing ({detail})")
            return
        outcome.mismatch("curl snippet sent nothing", detail)
        return
    if len(run.records) > 1:
        outcome.mismatch("curl snippet sent several requests", f"{len(run.records)} requests")

    curl, curl_params = _prepared(outcome.curl, "curl", facts)
    comparison = compare_requests(reference, curl, frozenset(masked), rules)
    outcome.diffs = comparison.diffs
    if signed_params or curl_params:
        comparison.used("oauth1 parameters left out", (*signed_params, *curl_params))
    if not outcome.diffs:
        outcome.wildcards = comparison.wildcards
    if outcome.diffs:
        if facts.missing_files:  # not comparable, but the differences are still shown
            outcome.notes.append(
                "differences (not held against the snippet): "
                + "; ".join(d.render() for d in outcome.diffs[:3])
            )
            outcome.diffs = []
        else:
            outcome.mismatch("request differs", ", ".join(sorted({d.key for d in outcome.diffs})))


def run_conformance(
    collection: Path,
    *,
    name: str,
    proxy: EchoProxy,
    workdir: Path,
    project_root: Path,
    snippets: Mapping[str, Path] | None = None,
    newman_runs: int = 2,
    snippet_workers: int = 8,
    snippet_timeout: float = 30.0,
    newman_timeout: float = 1200.0,
) -> CollectionReport:
    """Compare newman with the curl snippets for every leaf of ``collection``.

    ``snippets`` (pointer -> script) bypasses the generator, to prove the harness itself.
    """
    started = time.monotonic()
    proxy_errors_before = len(proxy.errors)
    timings: dict[str, float] = {}
    notes: list[str] = []
    doc = load_collection(collection)
    leaf_list = leaves(doc)
    environment = build_environment(doc, name)
    workdir.mkdir(parents=True, exist_ok=True)
    env_path = workdir / "environment.json"
    env_path.write_text(json.dumps(environment, indent=1))
    variables = {
        **collection_variables(doc),
        **{v["key"]: v["value"] for v in environment["values"]},
    }
    run_dir = (
        workdir / "run"
    )  # cwd of every client and newman's workingDir: relative files resolve alike
    run_dir.mkdir(parents=True, exist_ok=True)
    _provide_files(collection, run_dir)

    runners = [
        NewmanRun(collection, env_path, run_dir, workdir / f"newman-{i}.json", proxy)
        for i in range(newman_runs)
    ]
    generator_argv: tuple[str, ...] | None = None
    try:
        if snippets is None:
            out_dir = workdir / "out"
            result = run_generator(project_root, collection, out_dir, env_path)
            timings["generator"] = result.seconds
            generator_argv = result.argv
            if result.returncode != 0 or result.manifest is None:
                raise GeneratorFailed(result)
            snippets = _snippets_from_manifest(
                result.manifest, out_dir, {leaf.pointer for leaf in leaf_list}, notes
            )
        t0 = time.monotonic()
        runs = run_snippets(
            sorted(snippets.items()),
            proxy,
            run_dir,
            make_curl_home(workdir / "curl-home"),
            timeout=snippet_timeout,
            workers=snippet_workers,
        )
        timings["curl_snippets"] = time.monotonic() - t0
        newman_results = [runner.wait(newman_timeout) for runner in runners]
        for i, runner in enumerate(runners):
            timings[f"newman_{i}"] = runner.seconds or 0.0
    finally:
        for runner in runners:
            runner.kill()

    for i, results in enumerate(newman_results):
        if len(results) != len(leaf_list):
            notes.append(
                f"newman run {i} iterated {len(results)} items; the collection has "
                f"{len(leaf_list)} leaves (positions are matched by index)"
            )

    outcomes: list[Outcome] = []
    for leaf in leaf_list:
        outcome = Outcome(leaf.index, leaf.pointer, leaf.name)
        items = [results.get(leaf.index) for results in newman_results]
        records = [_last_record(proxy, item) for item in items]
        _judge(
            leaf,
            outcome,
            items,
            records,
            snippets.get(leaf.pointer),
            runs.get(leaf.pointer),
            variables,
            run_dir,
        )
        outcomes.append(outcome)
    timings["total"] = time.monotonic() - started
    if errors := proxy.errors[proxy_errors_before:]:
        notes.append(f"echo proxy dropped {len(errors)} connections, e.g. {errors[:3]}")
    return CollectionReport(name, collection, outcomes, timings, notes, generator_argv)


def record_newman(
    collection: Path, *, name: str, proxy: EchoProxy, workdir: Path, timeout: float = 1200.0
) -> dict[str, EchoRecord]:
    """One plain newman run: the request each leaf sent, by pointer (unsent leaves left out)."""
    doc = load_collection(collection)
    workdir.mkdir(parents=True, exist_ok=True)
    env_path = workdir / "environment.json"
    env_path.write_text(json.dumps(build_environment(doc, name), indent=1))
    run_dir = workdir / "run"
    run_dir.mkdir(parents=True, exist_ok=True)
    _provide_files(collection, run_dir)
    runner = NewmanRun(collection, env_path, run_dir, workdir / "newman-record.json", proxy)
    try:
        results = runner.wait(timeout)
    finally:
        runner.kill()
    found: dict[str, EchoRecord] = {}
    for leaf in leaves(doc):
        record = _last_record(proxy, results.get(leaf.index))
        if record is not None:
            found[leaf.pointer] = record
    return found


def show_record(record: EchoRecord) -> str:
    """A compact human-readable dump of one recorded request (for debugging sessions)."""
    head = f"{record.method} {record.scheme}://{record.authority}{show(record.target)}"
    headers = "\n".join(f"  {show(n)}: {show(v)}" for n, v in record.headers)
    return f"{head}\n{headers}\n  body: {show(record.body, 500)!r}"
