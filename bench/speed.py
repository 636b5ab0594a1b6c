"""Time postgen on the large corpus collections beside the peers, and print medians and ratios.

    python bench/speed.py [--runs 5] [--collection NAME ...] [--skip-peers]

Every measurement runs in a fresh process (wall time, and the peak RSS of that process from
``wait4``), in ``--runs`` rounds that each run every row once (so a slow spell of a shared
machine falls on all rows alike, peers included); the table shows medians, the targets of
the speed issue and, where a peer ran, postgen's time as a ratio of the peer's on this
machine in this run. Cold runs write into a new directory each; the no-op, check and
one-change runs start from OUT holding the collection's current output.
Peers run when installed:
- Postman's own snippet generator (``postman-code-generators``, npm, in bench/node_modules);
- openapi-python-client on the OpenAPI description the collection was converted from, where
  the corpus's PROVENANCE.md names one that npm has (``@octokit/openapi``, in bench/node_modules
  too). The ``openapi-python-client`` command on PATH runs it: install it in a venv of its own,
  as its dependencies (rich) would slow importing httpx, and so the generated SDK, here;
- datamodel-code-generator on the collection's example bodies;
- black and ruff formatting the generated tree;
- jsonschema, fastjsonschema and jsonschema-rs validating the collection;
- importing the official OCI SDK, and the libraries the issue's import figure names.

The npm packages: ``npm install --prefix bench postman-code-generators postman-collection
@octokit/openapi@23.0.2``. Imports are timed byte-compiled (the generated SDK as ``pip install``
leaves it).
"""

from __future__ import annotations

import argparse
import atexit
import hashlib
import importlib.util
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeGuard

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
NODE_MODULES = ROOT / "bench" / "node_modules"
POSTGEN = (sys.executable, "-m", "generator")
_BASELINE = "python -c pass"
_POSTMAN = "peer: Postman snippet generator (curl + python-requests)"
_DMCG = "peer: datamodel-code-generator (example bodies)"
_OPC = "peer: openapi-python-client (the OpenAPI source, ruff-formatted)"
_LIBS = "jinja2, jsonschema, black, click, pydantic"
_IMPORT_LIBS = f"peer: import {_LIBS}"
_IMPORT_OCI = "peer: import oci (the official OCI SDK)"
_COLD = "postgen generate, cold (everything)"
_CHANGE = "postgen generate, one request changed"
_CURL = "postgen generate --only curl"
# The OpenAPI descriptions the corpus's generated collections were converted from, where npm
# has them (PROVENANCE.md there names each with its sha256): openapi-python-client's input.
_SOURCES = {
    "github-rest-api": (
        "@octokit/openapi/generated/api.github.com.json",
        "829b4bebb19a53133289f7b0bc819f4f1118115821db2ca9f25e9ee995a7da2a",
    ),
}


@dataclass(frozen=True, slots=True)
class Run:
    seconds: float
    peak_mb: float


@dataclass(slots=True)
class Row:
    name: str
    runs: list[Run] = field(default_factory=list)
    target: str = ""
    note: str = ""

    @property
    def median(self) -> float:
        return statistics.median(r.seconds for r in self.runs)

    @property
    def peak_mb(self) -> float:
        return max(r.peak_mb for r in self.runs)


def timed(
    argv: Sequence[str], *, cwd: Path | None = None, env: dict[str, str] | None = None
) -> Run:
    """Run ``argv`` to completion (it must succeed); its wall time and peak RSS."""
    # stderr goes to a file, not a pipe: a peer that warns more than a pipe holds
    # (openapi-python-client does) would block on it while we wait for it to exit.
    with tempfile.TemporaryFile() as stderr:
        started = time.perf_counter()
        process = subprocess.Popen(argv, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=stderr)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            stderr.seek(0)
            message = stderr.read().decode(errors="replace")[-2000:]
            raise RuntimeError(f"{' '.join(argv)} exited {process.returncode}: {message}")
    return Run(seconds, usage.ru_maxrss / 1024)


@dataclass(slots=True)
class Job:
    """One row's measurement: ``prepare`` (untimed) sets up, then ``argv`` is timed."""

    row: Row
    prepare: Callable[[], None]
    argv: Callable[[], Sequence[str]]
    new_tree: bool = False
    """Creates a tree of new files (cold, --only curl): runs first in its round."""
    env: dict[str, str] | None = None


def round_robin(jobs: Sequence[Job], runs: int) -> None:
    """Each job once per round, ``runs`` rounds: a slow spell of a shared machine then falls
    on every row alike, not on whichever row happened to run during it.

    In each round the jobs that create a tree of new files run first, furthest from the
    regenerations of the round before: on ext4 without a journal (these machines), creating
    a file checks the inodes deleted in the last seconds one by one (the kernel's
    ``recently_deleted``, seen with perf), so 1,224 files created right after a regeneration
    swapped out an old tree cost up to 0.5 s more, for a reason that is not the run's own.
    """
    ordered = sorted(jobs, key=lambda job: not job.new_tree)  # stable: else as given
    for _ in range(runs):
        for job in ordered:
            job.prepare()
            # The set-up's deletions are flushed before the clock starts: on a disk mounted
            # with discard they would otherwise slow the timed run's file creation.
            os.sync()
            job.row.runs.append(timed(job.argv(), env=job.env))


class _Changes:
    """Each round's copy of the collection with one request's name and description changed
    anew: a change the memo has never seen (it keeps both sides of a change, so a change
    made again in the next round would find all of its steps made)."""

    def __init__(self, collection: Path, into: Path) -> None:
        self.path = into / "changed" / collection.name  # same name: same package
        self.data = json.loads(collection.read_text(encoding="utf-8"))
        items = self.data["item"]
        while "item" in items[0]:
            items = items[0]["item"]
        self.item: dict[str, Any] = items[0]
        self.name = self.item.get("name", "")
        self.count = 0

    def next(self) -> None:
        self.count += 1
        self.item["name"] = f"{self.name} (changed {self.count})"
        request = self.item["request"]
        if isinstance(request, dict):
            request["description"] = f"Changed by the benchmark, round {self.count}."
        self.path.parent.mkdir(exist_ok=True)
        self.path.write_text(json.dumps(self.data), encoding="utf-8")


@dataclass(slots=True)
class _Fresh:
    """A new, never used output directory per run: a cold run is a first generation, and
    deleting the last run's tree just before would bill the disk's clean-up of it (slow
    after large deletions on some disks) to the run measured."""

    base: Path
    count: int = 0

    @property
    def path(self) -> Path:
        return self.base.with_name(f"{self.base.name}-{self.count}")

    def next(self) -> None:
        self.count += 1


def postgen_jobs(collection: Path, work: Path) -> list[Job]:
    out = work / "out"

    def current() -> None:
        """OUT holds the collection's output (a no-op when it already does)."""
        subprocess.run(
            [*POSTGEN, "generate", str(collection), "--out", str(out)],
            check=True,
            capture_output=True,
        )

    cold = _Fresh(work / "cold")
    curl = _Fresh(work / "curl")
    changed = _Changes(collection, work)

    def change() -> None:
        """OUT current, and a new change of the collection to regenerate it with."""
        current()
        changed.next()

    current()
    manifest = json.loads((out / "postgen-manifest.json").read_text(encoding="utf-8"))
    package = manifest.get("package") or next(p.parent.name for p in out.glob("*/__init__.py"))
    imported = _argv(
        sys.executable, "-c", f"import sys; sys.path.insert(0, {str(out)!r}); import {package}"
    )

    def installed() -> None:
        """OUT current, and its package byte-compiled as pip leaves an installed one."""
        current()
        warm(imported)()

    return [
        Job(
            Row(_COLD, target="<= 1/3 openapi-python-client (~3 s)"),
            cold.next,
            lambda: [*POSTGEN, "generate", str(collection), "--out", str(cold.path)],
            new_tree=True,
        ),
        Job(
            Row("postgen generate, no-op", target="< 0.5 s"),
            current,
            lambda: [*POSTGEN, "generate", str(collection), "--out", str(out)],
        ),
        Job(
            Row("postgen check, nothing changed", target="< 0.5 s"),
            current,
            lambda: [*POSTGEN, "check", str(collection), "--out", str(out)],
        ),
        Job(
            Row(_CHANGE, target="< 1 s (where Postman's snippet generator took 1.0 s)"),
            change,
            lambda: [*POSTGEN, "generate", str(changed.path), "--out", str(out)],
        ),
        Job(
            Row(_CURL, target="< Postman's snippet generator"),
            curl.next,
            lambda: [
                *POSTGEN,
                "generate",
                str(collection),
                "--out",
                str(curl.path),
                "--only",
                "curl",
            ],
            new_tree=True,
        ),
        Job(Row(_BASELINE), lambda: None, lambda: [sys.executable, "-c", "pass"]),
        Job(
            Row(
                f"import {package} (minus interpreter start)",
                target=f"< 0.3 s (where importing {_LIBS} took 0.15 s)",
            ),
            installed,
            imported,
            env=_BYTECODE,
        ),
    ]


# Imports read bytecode from a cache of the benchmark's own, outside OUT (which `check`
# compares with what it would generate): an installed SDK is byte-compiled by pip. The cache
# is filled by an untimed import before each timed one (it is all Python reads: the
# libraries' own __pycache__ too).
_BYTECODE = {
    **{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
    "PYTHONPYCACHEPREFIX": tempfile.mkdtemp(prefix="postgen-bench-pycache-"),
}
atexit.register(shutil.rmtree, _BYTECODE["PYTHONPYCACHEPREFIX"], ignore_errors=True)


def _argv(*argv: str) -> Callable[[], Sequence[str]]:
    return lambda: argv


def warm(argv: Callable[[], Sequence[str]]) -> Callable[[], None]:
    """Run ``argv`` once, untimed, with the benchmark's bytecode cache."""

    def run() -> None:
        subprocess.run(argv(), check=True, env=_BYTECODE)

    return run


def derived_rows(rows: list[Row]) -> list[Row]:
    """The rows as shown: the import less the interpreter's start, and the peak memory."""
    by_name = {row.name: row for row in rows}
    baseline = by_name.pop(_BASELINE).median
    shown = list(by_name.values())
    for row in shown:
        if row.name.startswith(("import ", "peer: import ")):
            row.runs = [Run(max(r.seconds - baseline, 0.0), r.peak_mb) for r in row.runs]
    cold = by_name[_COLD]
    memory = Row("peak memory of a cold generate", note=f"{cold.peak_mb:.0f} MB", target="< 500 MB")
    after = next(i for i, row in enumerate(shown) if row.name.startswith("import ")) + 1
    return [*shown[:after], memory, *shown[after:]]


def peer_jobs(collection: Path, work: Path) -> tuple[list[Job], list[Row]]:
    """The peers' jobs, and a row for each peer that is not installed."""
    jobs: list[Job] = []
    missing: list[Row] = []
    out = work / "out"
    snippets = NODE_MODULES / "postman-code-generators"
    if snippets.is_dir():
        script = work / "snippets.js"
        script.write_text(_SNIPPETS_JS, encoding="utf-8")
        jobs.append(
            Job(
                Row(_POSTMAN),
                lambda: None,
                lambda: ["node", str(script), str(collection)],
            )
        )
    else:
        missing.append(
            Row(
                "peer: Postman snippet generator",
                note="not installed: npm install --prefix bench postman-code-generators",
            )
        )
    opc = _opc_job(collection, work)
    if isinstance(opc, Job):
        jobs.append(opc)
    else:
        missing.append(opc)
    for name, code in ((_IMPORT_LIBS, f"import {_LIBS}"), (_IMPORT_OCI, "import oci")):
        module = code.split()[1].rstrip(",")
        if importlib.util.find_spec(module) is None:
            missing.append(Row(name, note="not installed"))
        else:
            argv = _argv(sys.executable, "-c", code)
            jobs.append(Job(Row(name), warm(argv), argv, env=_BYTECODE))
    bodies = work / "bodies.json"
    data = json.loads(collection.read_text(encoding="utf-8"))
    samples = [json.loads(body) for r in _responses(data) if _is_json(body := r.get("body"))]
    bodies.write_text(json.dumps(samples), encoding="utf-8")
    if shutil.which("datamodel-codegen"):
        jobs.append(
            Job(
                Row(_DMCG),
                lambda: None,
                lambda: [
                    "datamodel-codegen",
                    "--input",
                    str(bodies),
                    "--input-file-type",
                    "json",
                    "--output",
                    str(work / "dmcg.py"),
                    "--output-model-type",
                    "pydantic_v2.BaseModel",
                ],
            )
        )
    else:
        missing.append(Row("peer: datamodel-code-generator", note="not installed"))
    black_cache = work / "black-cache"  # emptied before each run: black checks every file
    jobs.append(
        Job(
            Row("peer: black --check on the generated tree (no cache)"),
            lambda: shutil.rmtree(black_cache, ignore_errors=True),
            lambda: [
                sys.executable,
                "-m",
                "black",
                "-q",
                "--check",
                "--workers",
                str(os.cpu_count() or 1),
                str(out),
            ],
            env={**os.environ, "BLACK_CACHE_DIR": str(black_cache)},
        )
    )
    if shutil.which("ruff"):
        jobs.append(
            Job(
                Row("peer: ruff format --check on the generated tree"),
                lambda: None,
                lambda: ["ruff", "format", "--check", "-q", str(out)],
            )
        )
    for name, code in (
        ("jsonschema (pure Python) validating the collection", _JSONSCHEMA),
        ("fastjsonschema validating the collection", _FASTJSONSCHEMA),
        ("jsonschema-rs validating the collection", _JSONSCHEMA_RS),
    ):
        jobs.append(
            Job(
                Row(f"peer: {name}"),
                lambda: None,
                _argv(sys.executable, "-c", code, str(collection), str(ROOT)),
            )
        )
    return jobs, missing


def _opc_job(collection: Path, work: Path) -> Job | Row:
    """openapi-python-client on the collection's OpenAPI source, or the row saying why not."""
    source = _SOURCES.get(collection.name.removesuffix(".postman_collection.json"))
    if source is None:
        return Row(_OPC, note="the corpus names no OpenAPI source on npm for this one")
    where, sha256 = source
    spec = NODE_MODULES / where
    opc = shutil.which("openapi-python-client")
    if opc is None or not spec.is_file():
        return Row(
            _OPC, note="not installed: openapi-python-client on PATH, @octokit/openapi in bench"
        )
    if hashlib.sha256(spec.read_bytes()).hexdigest() != sha256:
        return Row(_OPC, note=f"not run: {spec} is not the source PROVENANCE.md names")
    generated = _Fresh(work / "opc")
    return Job(
        Row(_OPC),
        generated.next,
        lambda: [opc, "generate", "--path", str(spec), "--output-path", str(generated.path)],
        new_tree=True,
    )


def _responses(data: object) -> list[dict[str, object]]:
    found: list[dict[str, object]] = []
    stack = [data]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if isinstance(node.get("response"), list):
                found += [r for r in node["response"] if isinstance(r, dict)]
            stack += list(node.values())
        elif isinstance(node, list):
            stack += node
    return found


def _is_json(body: object) -> TypeGuard[str]:
    if not isinstance(body, str) or not body.strip():
        return False
    try:
        json.loads(body)
    except ValueError:
        return False
    return True


_SNIPPETS_JS = """
const codegen = require(process.env.NODE_MODULES + '/postman-code-generators');
const sdk = require(process.env.NODE_MODULES + '/postman-collection');
const fs = require('fs');
const collection = new sdk.Collection(JSON.parse(fs.readFileSync(process.argv[2], 'utf8')));
const requests = [];
collection.forEachItem((item) => requests.push(item.request));
const langs = [['curl', 'cURL'], ['python', 'Requests']];
let pending = requests.length * langs.length;
for (const request of requests) for (const [lang, variant] of langs)
  codegen.convert(lang, variant, request, {}, () => { if (--pending === 0) process.exit(0); });
"""
_LOAD = "import json, sys; sys.path.insert(0, sys.argv[2]); data = json.load(open(sys.argv[1]))\n"
_JSONSCHEMA = _LOAD + (
    "import jsonschema; from generator.load import collection_schema\n"
    "schema = collection_schema('2.1.0')\n"
    "jsonschema.validators.validator_for(schema)(schema).is_valid(data)\n"
)
_FASTJSONSCHEMA = _LOAD + (
    "import fastjsonschema; from generator.load import collection_schema\n"
    "fastjsonschema.compile(collection_schema('2.1.0'))(data)\n"
)
_JSONSCHEMA_RS = _LOAD + (
    "import jsonschema_rs; from generator.load import collection_schema\n"
    "jsonschema_rs.Draft7Validator(collection_schema('2.1.0')).is_valid(data)\n"
)


def ratios(rows: list[Row]) -> dict[str, str]:
    """postgen's medians as ratios of the peers' in this run, each with the ratio its target
    sets where the issue gives the peer's time on the machine the targets were set on (so the
    target carries over to a faster or slower machine)."""
    by_name = {row.name: row for row in rows if row.runs}
    import_row = next((n for n in by_name if n.startswith("import ")), "")
    pairs = [
        (_COLD, _OPC, "<= 0.33x"),
        (_COLD, _DMCG, ""),
        ("postgen generate, no-op", _POSTMAN, "< 0.5x"),
        ("postgen check, nothing changed", _POSTMAN, "< 0.5x"),
        (_CHANGE, _POSTMAN, "< 1.0x"),
        (_CURL, _POSTMAN, "< 1.0x"),
        (import_row, _IMPORT_LIBS, "< 2.0x"),
        (import_row, _IMPORT_OCI, ""),  # the 1.5 s is a user complaint, not a peer time
    ]
    out: dict[str, str] = {}
    for ours, theirs, target in pairs:
        if ours in by_name and theirs in by_name:
            ratio = f"{by_name[ours].median / by_name[theirs].median:.2f}x {theirs[6:]}"
            ratio += f" (target {target})" if target else ""
            out[ours] = f"{out[ours]}; {ratio}" if ours in out else ratio
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--collection",
        action="append",
        default=[],
        help="a corpus collection's name (repeatable); default: the large ones, corpus/generated",
    )
    parser.add_argument("--skip-peers", action="store_true")
    args = parser.parse_args()
    names = args.collection or sorted(
        p.name.removesuffix(".postman_collection.json")
        for p in (CORPUS / "generated").glob("*.postman_collection.json")
    )
    env_modules = str(NODE_MODULES)
    os.environ["NODE_MODULES"] = env_modules
    # A run cache of the benchmark's own: a no-op is measured after the benchmark's generate,
    # and a "cold" run (a fresh OUT) misses it whatever the user's cache holds.
    cache = tempfile.mkdtemp(prefix="postgen-bench-cache-")
    os.environ["POSTGEN_CACHE_DIR"] = cache
    print(
        f"machine: {os.cpu_count()} cores; python {sys.version.split()[0]}; "
        f"{args.runs} runs each, medians"
    )
    atexit.register(shutil.rmtree, cache, ignore_errors=True)
    # postgen's modules byte-compiled, as a pip install leaves them: these machines set
    # PYTHONDONTWRITEBYTECODE, so a checkout would otherwise compile ~60 modules from source
    # in every run (~0.1 s), a cost no installed postgen has.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "generator")], check=True)
    for name in names:
        collection = next(CORPUS.glob(f"*/{name}.postman_collection.json"))
        with tempfile.TemporaryDirectory(prefix="postgen-bench-") as tmp:
            work = Path(tmp)
            jobs = postgen_jobs(collection, work)
            missing: list[Row] = []
            if not args.skip_peers:
                peers, missing = peer_jobs(collection, work)
                jobs += peers
            round_robin(jobs, args.runs)
            rows = derived_rows([job.row for job in jobs]) + missing
        print(f"\n{name} ({collection.stat().st_size / 1e6:.1f} MB)")
        width = max(len(row.name) for row in rows)
        extra = ratios(rows)
        for row in rows:
            value = f"{row.median:7.2f} s  {row.peak_mb:6.0f} MB" if row.runs else f"{'':>19}"
            line = f"  {row.name.ljust(width)}  {value}"
            for part in (row.note, row.target and f"target {row.target}", extra.get(row.name, "")):
                if part:
                    line += f"  | {part}"
            print(line)


if __name__ == "__main__":
    main()
