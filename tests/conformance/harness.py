"""One collection's conformance run: newman, our curl snippets and our Python SDK's usage
snippets must send the same requests.

Ties the pieces together: build the environment, start newman (twice, to learn what newman
itself does not repeat), generate and run the snippets meanwhile, then judge every leaf item, once
per client, as passed, mismatched (a test failure) or listed (not comparable, with the reason).
Values made per send (dynamic variables, signatures) are compared with wildcards and still pass;
the outcome says which.  curl must send newman's bytes (``compare``); the SDK must send what a
server acts on (``python_compare``).
"""

from __future__ import annotations

import ast
import json
import re
import shutil
import subprocess
import time
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from .clients import (
    GeneratorResult,
    NewmanItem,
    NewmanRun,
    SnippetRun,
    make_curl_home,
    run_generator,
    run_python_snippets,
    run_snippets,
)
from .collection_facts import (
    ItemFacts,
    Leaf,
    auth_param,
    build_environment,
    collection_variables,
    effective_auth,
    item_facts,
    leaves,
    load_collection,
    resolve,
)
from .compare import (
    Client,
    Comparison,
    FieldDiff,
    Normalised,
    compare,
    compare_requests,
    normalise,
    without_oauth1_params,
)
from .echo_proxy import EchoProxy, EchoRecord, show
from .python_compare import (
    AuthExpectation,
    Opaque,
    compare_python,
    scheme_rule,
    without_json_comments,
)
from .python_setup import ConfiguredAuth, configure_auth, package_facts
from .wildcards import AWS_AUTHORIZATION, AWS_DATE, DIGEST_AUTHORIZATION, ValueRule

__all__ = ["CollectionReport", "GeneratorFailed", "Outcome", "record_newman", "run_conformance"]

Status = Literal["passed", "mismatched", "listed"]

#: Reason categories (the part before the colon is what the summary line counts).
NEWMAN_ERROR = "newman could not send"
MISSING_FILE = "file source missing here"
NEWMAN_VARIES = "differs between two newman runs"
NONCE_AUTH = "{} auth adds a client nonce"
#: Python only: the SDK's Digest signs once the server challenges; the echo server never does.
DIGEST_CHALLENGE = "digest auth waits for a challenge"
#: Python only: a Postman auth type the generated client has no signer for (a generator warning).
NO_SIGNER = "no signer for this auth type"
#: Python only: the collection's own Content-Length cut newman's body short; the SDK frames the
#: body itself, so the bodies differ by design.
HAND_SET_LENGTH = "hand-set Content-Length cuts newman's body"
#: Python only: newman sends the comments of a JSON body; the SDK sends the JSON without them
#: (the rest of the body is still compared, as JSON).
JSON_COMMENTS = "newman sends comments in a JSON body"
#: The generator keeps what looks like a credential out of snippets (and warns at generation);
#: the snippet sends a placeholder there, so only presence is compared (curl: the header's
#: presence; the query, or the body, is not compared).
CREDENTIAL_PLACEHOLDER = "snippet leaves out a credential-looking value"

_QUOTED = r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\""
#: The generator's warnings that a value is kept out of snippets (see parser/client.py).
_CREDENTIAL_WARNING = re.compile(
    r": (?P<pointer>/\S*): warning: (?:(?P<one>header|query) (?P<name>"
    + _QUOTED
    + r") holds|(?P<many>body|form) field\(s\) (?P<names>.+?) hold) what looks like a credential"
    + r"(?P<auth>[^\n]*\(set by the \S+ auth at )?"
)

SnippetClient = Literal["curl", "python"]


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
    """The verdict on one leaf item for one client, with everything needed to understand it."""

    index: int
    pointer: str
    name: str
    client: SnippetClient = "curl"
    status: Status = "passed"
    reasons: list[tuple[str, str]] = field(default_factory=list)  # (category, detail)
    diffs: list[FieldDiff] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    #: fields that matched only with wildcards or value rules, e.g. "header x-id: $guid"
    wildcards: list[str] = field(default_factory=list)
    script_dependent: str | None = None
    #: Python only: the request's auth type (Postman's, or "oci") and those the client's
    #: configured signer implements, e.g. ("bearer", ("basic",))
    auth: tuple[str, tuple[str, ...]] | None = None
    newman: EchoRecord | None = None
    sent: EchoRecord | None = None  # what the client's snippet sent
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
        labels = ("newman", self.client)
        lines += [f"    {d.render(labels)}" for d in self.diffs[:max_diffs]]
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
        if self.auth is not None and self.auth[0]:
            data["auth"] = {"request": self.auth[0], "client_signs": list(self.auth[1])}
        data.update(
            reasons=[{"category": c, "detail": d} for c, d in self.reasons],
            diffs=[{"field": d.field, "newman": d.left, self.client: d.right} for d in self.diffs],
            notes=self.notes,
            script_dependent=self.script_dependent,
        )
        if self.status != "passed":
            data["newman_request"] = self.newman.to_json() if self.newman else None
            data[f"{self.client}_request"] = self.sent.to_json() if self.sent else None
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


def _summary(name: str, outcomes: list[Outcome], label: str = "") -> str:
    """``NAME: [label ]N passed (W compared with wildcards), M mismatched, K listed (...)``."""

    def of(status: Status) -> list[Outcome]:
        return [o for o in outcomes if o.status == status]

    listed = Counter(c for o in of("listed") for c, _ in o.reasons)
    reasons = ", ".join(f"{c}: {n}" for c, n in sorted(listed.items()))
    scripts = sum(1 for o in outcomes if o.script_dependent)
    wild = sum(1 for o in of("passed") if o.wildcards)
    line = (
        f"{name}: {label + ' ' if label else ''}{len(of('passed'))} passed"
        + (f" ({wild} compared with wildcards)" if wild else "")
        + f", {len(of('mismatched'))} mismatched, {len(of('listed'))} listed"
    )
    line += f" ({reasons})" if reasons else ""
    if scripts:
        line += f"; {scripts} script-dependent (compared in static form)"
    return line


def _failure_text(summary: str, bad: list[Outcome], limit: int) -> str:
    categories = Counter(c for o in bad for c, _ in o.reasons)
    fields = Counter(d.field.split(" (")[0] for o in bad for d in o.diffs)
    parts = [
        summary,
        "mismatch reasons: " + ", ".join(f"{c} x{n}" for c, n in categories.most_common()),
        "differing fields: " + ", ".join(f"{f} x{n}" for f, n in fields.most_common(12)),
        f"first {min(limit, len(bad))} mismatches:",
    ]
    # real byte differences first: they say most about the snippet writer's bug
    bad = sorted(bad, key=lambda o: (not o.diffs, o.index))
    parts += [o.render() for o in bad[:limit]]
    return "\n".join(parts)


def _counts(outcomes: list[Outcome]) -> dict[str, Any]:
    def of(status: Status) -> list[Outcome]:
        return [o for o in outcomes if o.status == status]

    return {
        "counts": {
            "items": len(outcomes),
            "passed": len(of("passed")),
            "mismatched": len(of("mismatched")),
            "listed": len(of("listed")),
            "compared_with_wildcards": sum(1 for o in of("passed") if o.wildcards),
            "script_dependent": sum(1 for o in outcomes if o.script_dependent),
        },
        "listed_reasons": dict(Counter(c for o in of("listed") for c, _ in o.reasons)),
        "mismatch_reasons": dict(Counter(c for o in of("mismatched") for c, _ in o.reasons)),
    }


@dataclass(slots=True)
class CollectionReport:
    """All outcomes of one collection plus timings, renderable as a line, a failure, or JSON.

    ``outcomes`` are the curl snippets'; ``python_outcomes`` the Python usage snippets' (None
    when the run did not include them, or when ``python_error`` says why none ran).
    """

    name: str
    path: Path
    outcomes: list[Outcome]
    timings: dict[str, float]
    notes: list[str]
    generator_argv: tuple[str, ...] | None = None
    python_outcomes: list[Outcome] | None = None
    python_notes: list[str] = field(default_factory=list)
    python_error: str | None = None

    def of(self, status: Status) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == status]

    def python_of(self, status: Status) -> list[Outcome]:
        return [o for o in self.python_outcomes or [] if o.status == status]

    def summary_line(self) -> str:
        return _summary(self.name, self.outcomes)

    def python_summary_line(self) -> str:
        """``NAME: python N passed, M mismatched, K listed (reasons)``."""
        if self.python_error is not None:
            return f"{self.name}: python not run ({self.python_error.splitlines()[0][:200]})"
        return _summary(self.name, self.python_outcomes or [], "python")

    def failure_text(self, limit: int = 5) -> str:
        return _failure_text(self.summary_line(), self.of("mismatched"), limit)

    def python_failure_text(self, limit: int = 5, only: list[Outcome] | None = None) -> str:
        """Why the Python side failed; ``only`` narrows the mismatches shown."""
        if self.python_error is not None:
            return f"{self.python_summary_line()}\n{self.python_error}"
        bad = self.python_of("mismatched") if only is None else only
        return _failure_text(self.python_summary_line(), bad, limit)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "collection": self.name,
            "path": str(self.path),
            "summary": self.summary_line(),
            **_counts(self.outcomes),
            "timings_s": {k: round(v, 2) for k, v in self.timings.items()},
            "generator_argv": list(self.generator_argv) if self.generator_argv else None,
            "notes": self.notes,
            "items": [o.to_json() for o in self.outcomes],
        }
        if self.python_outcomes is not None or self.python_error is not None:
            data["python"] = {
                "summary": self.python_summary_line(),
                "error": self.python_error,
                **_counts(self.python_outcomes or []),
                "notes": self.python_notes,
                "items": [o.to_json() for o in self.python_outcomes or []],
            }
        return data


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
    manifest: Mapping[str, Any],
    out_dir: Path,
    pointers: set[str],
    notes: list[str],
    key: str = "curl",
) -> dict[str, Path]:
    """pointer -> snippet file, for the manifest's ``key`` (``curl`` or ``python``)."""
    scripts: dict[str, Path] = {}
    for op in manifest.get("operations", []):
        pointer, path = op.get("pointer"), op.get(key)
        if not isinstance(pointer, str) or not isinstance(path, str):
            notes.append(f"manifest operation without pointer/{key}: {json.dumps(op)[:200]}")
            continue
        if pointer not in pointers:
            notes.append(f"manifest pointer {pointer} is not a leaf item of the collection")
            continue
        if pointer in scripts:
            notes.append(f"manifest lists {pointer} twice; the first {key} snippet is used")
            continue
        scripts[pointer] = out_dir / path
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


@dataclass(slots=True)
class _Reference:
    """newman's side of one leaf, shared by the clients compared with it: the request, what of
    it is comparable, and why the rest is not."""

    facts: ItemFacts
    newman: EchoRecord | None
    newman_error: str | None  # set when newman sent nothing
    notes: list[str]
    reasons: list[tuple[str, str]]  # (category, detail) the item is listed for
    masked: set[str]
    rules: dict[str, ValueRule]
    reference: Normalised | None = None
    signed_params: tuple[str, ...] = ()


def _reference(
    leaf: Leaf,
    newman_items: list[NewmanItem | None],
    newman_records: list[EchoRecord | None],
    variables: Mapping[str, str],
    workdir: Path,
) -> _Reference:
    facts = item_facts(leaf, variables, workdir)
    first = newman_items[0]
    notes = [f"newman warning: {w}" for w in first.warnings] if first is not None else []
    newman = newman_records[0]
    ref = _Reference(facts, newman, None, notes, [], set(facts.masked), dict(facts.rules))
    if newman is None:
        ref.newman_error = (
            "; ".join(first.errors) if first is not None and first.errors else "no request arrived"
        )
        return ref
    if first is not None and first.errors:
        notes.append(f"newman error after sending: {'; '.join(first.errors)}")

    ref.reasons += facts.reasons
    if facts.missing_files:
        ref.reasons.append((MISSING_FILE, ", ".join(facts.missing_files)))

    reference, ref.signed_params = _prepared(newman, "newman", facts)
    ref.reference = reference
    masked, rules = ref.masked, ref.rules
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
                ref.reasons.append(
                    (NONCE_AUTH.format(facts.nonce_auth[0]), ", ".join(sorted(nonce_fields)))
                )
                masked |= nonce_fields
        if unstable:
            ref.reasons.append((NEWMAN_VARIES, ", ".join(sorted(unstable))))
            masked |= unstable
    elif facts.nonce_auth is not None:  # a single newman run: assume the worst
        if facts.nonce_auth[0] == "digest":
            rules.update(_rules_for(facts.nonce_auth[1], DIGEST_AUTHORIZATION))
        else:
            ref.reasons.append(
                (NONCE_AUTH.format(facts.nonce_auth[0]), "not checked (one newman run)")
            )
            masked |= facts.nonce_auth[1]
    if newman.framing_error:
        notes.append(f"newman's request has a framing problem: {newman.framing_error}")
    return ref


def _start_outcome(
    outcome: Outcome, ref: _Reference, snippet: Path | None, run: SnippetRun | None
) -> bool:
    """What every client's verdict starts with; False when newman sent nothing to compare."""
    outcome.script_dependent = ref.facts.script_dependent
    outcome.snippet, outcome.snippet_run = snippet, run
    outcome.notes += ref.notes
    outcome.newman = ref.newman
    if run is not None and run.records:
        outcome.sent = run.records[0]
    if ref.newman is None:
        outcome.list_as(NEWMAN_ERROR, ref.newman_error or "")
        if outcome.sent is not None:
            outcome.notes.append(f"the {outcome.client} snippet did send a request")
        return False
    for category, detail in ref.reasons:
        outcome.list_as(category, detail)
    if outcome.sent is not None and outcome.sent.framing_error:
        outcome.notes.append(
            f"{outcome.client}'s request has a framing problem: {outcome.sent.framing_error}"
        )
    return True


def _sent_anything(outcome: Outcome, ref: _Reference, run: SnippetRun | None) -> bool:
    """Checks shared by both clients once the snippet ran: something (one thing) was sent."""
    client = outcome.client
    if outcome.snippet is None:
        if not ref.facts.missing_files:
            outcome.mismatch(
                f"no {client} snippet", "the generator's manifest has no snippet for this item"
            )
        return False
    assert run is not None
    if outcome.sent is None:
        exit_text = "timed out" if run.returncode is None else f"exit {run.returncode}"
        detail = f"{exit_text}: {run.stderr.strip()[-300:]}"
        if ref.facts.missing_files:
            outcome.notes.append(f"{client} sent nothing ({detail})")
            return False
        outcome.mismatch(f"{client} snippet sent nothing", detail)
        return False
    if len(run.records) > 1:
        outcome.mismatch(f"{client} snippet sent several requests", f"{len(run.records)} requests")
    return True


def _conclude(outcome: Outcome, ref: _Reference, comparison: Comparison) -> None:
    outcome.diffs = comparison.diffs
    if not outcome.diffs:
        outcome.wildcards = comparison.wildcards
        return
    if ref.facts.missing_files:  # not comparable, but the differences are still shown
        outcome.notes.append(
            "differences (not held against the snippet): "
            + "; ".join(d.render(("newman", outcome.client)) for d in outcome.diffs[:3])
        )
        outcome.diffs = []
    else:
        outcome.mismatch("request differs", ", ".join(sorted({d.key for d in outcome.diffs})))


def _judge(
    outcome: Outcome,
    ref: _Reference,
    snippet: Path | None,
    run: SnippetRun | None,
    opaque: Opaque | None = None,
) -> None:
    """Fill in ``outcome`` of a curl snippet (see the module docstring for the verdicts)."""
    if not _start_outcome(outcome, ref, snippet, run) or not _sent_anything(outcome, ref, run):
        return
    assert ref.reference is not None and outcome.sent is not None
    curl, curl_params = _prepared(outcome.sent, "curl", ref.facts)
    masked = set(ref.masked)
    if opaque:
        masked |= {f"header:{name}" for name in opaque.headers}
        masked |= {"target"} if opaque.query else set()
        if opaque.form or opaque.json_keys:  # the placeholder changes the body's length too
            masked |= {"body", "header:content-length"}
        names = [*opaque.headers, *(n.decode() for n in opaque.query | opaque.form)]
        outcome.list_as(CREDENTIAL_PLACEHOLDER, ", ".join(sorted([*names, *opaque.json_keys])))
    comparison = compare_requests(ref.reference, curl, frozenset(masked), ref.rules)
    if ref.signed_params or curl_params:
        comparison.used("oauth1 parameters left out", (*ref.signed_params, *curl_params))
    _conclude(outcome, ref, comparison)


#: How the SDK's Authorization is checked, per Postman auth type (presence is always checked).
_AUTHORIZATION_RULES: dict[str, ValueRule] = {
    "basic": scheme_rule(b"Basic ", "Basic credentials from the client's configuration"),
    "bearer": scheme_rule(b"Bearer ", "Bearer token from the client's configuration"),
    "oauth1": scheme_rule(b"OAuth ", "oauth1 signature (per send)"),
    "hawk": scheme_rule(b"Hawk ", "Hawk signature (per send)"),
    "digest": DIGEST_AUTHORIZATION,
    "awsv4": AWS_AUTHORIZATION,
    "oci": scheme_rule(b"Signature ", "OCI signature (per send)"),
}
_AWS_HEADERS = frozenset(
    {"authorization", "x-amz-date", "x-amz-content-sha256", "x-amz-security-token"}
)
_OCI_DATE = frozenset({"date", "x-date"})
_OCI_BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})
#: Object Storage uploads (PutObject, UploadPart), whose body OCI leaves unsigned.
_OCI_UNSIGNED_UPLOAD = re.compile(r"/n/[^/]+/b/[^/]+/[ou]/")


def _python_auth(
    leaf: Leaf,
    variables: Mapping[str, str],
    sdk_scheme: str | None,
    script: str | None,
    request: Normalised | None,
) -> AuthExpectation:
    """What the request's auth writes (from the collection: Postman's type, or OCI when the SDK
    signs it as such), and how the SDK's values for it are checked."""
    auth = effective_auth(leaf)
    kind = str(auth.get("type")) if auth is not None else ""
    if kind in ("noauth", "inherit"):
        kind = ""
    method = request.method if request is not None else ""
    path = request.target.decode("latin-1").partition("?")[0] if request is not None else ""
    if sdk_scheme == "oci" and not kind:
        may_add = {}
        if script is not None:  # the stripped script signs in Postman: no static headers
            why = "signed by the SDK (Postman signs in the stripped pre-request script)"
            may_add = {"authorization": why, "date/x-date": why, "x-content-sha256": why}
        may_omit = {}
        if method not in _OCI_BODY_METHODS or (
            method == "PUT" and _OCI_UNSIGNED_UPLOAD.search(path)
        ):
            # OCI hashes the body of POST, PUT and PATCH only, and not of uploads
            may_omit = {"x-content-sha256": "OCI signs no body for this request"}
        return AuthExpectation(
            "oci",
            headers=frozenset({"authorization", "x-content-sha256"}),
            rules={"authorization": _AUTHORIZATION_RULES["oci"]},
            groups=(_OCI_DATE,),
            may_add=may_add,
            may_omit=may_omit,
        )
    if auth is None or not kind:
        return AuthExpectation("")

    def param(name: str) -> str:
        value = auth_param(auth, name)
        return resolve(value if isinstance(value, str) else "", variables)

    if kind == "apikey":
        key = param("key")
        if param("in") == "query":
            return AuthExpectation(kind, query=frozenset({key.encode()}))
        return AuthExpectation(kind, headers=frozenset({key.strip().lower()}))
    if kind == "oauth2":
        if param("addTokenTo") == "queryParams":
            return AuthExpectation(kind, query=frozenset({b"access_token"}))
        prefix = (param("headerPrefix") or "Bearer").encode() + b" "
        rule = scheme_rule(prefix, "oauth2 token from the client's configuration")
        return AuthExpectation(kind, frozenset({"authorization"}), rules={"authorization": rule})
    if kind == "awsv4":
        return AuthExpectation(
            kind,
            _AWS_HEADERS,
            rules={"authorization": AWS_AUTHORIZATION, "x-amz-date": AWS_DATE},
        )
    rules = {"authorization": _AUTHORIZATION_RULES[kind]} if kind in _AUTHORIZATION_RULES else {}
    return AuthExpectation(kind, frozenset({"authorization"}), rules=rules)


def _credential_placeholders(
    stderr: str, pointers: list[str], *, auth: bool = False
) -> dict[str, Opaque]:
    """Per leaf pointer, the fields whose values the generator kept out of the snippets
    (``auth``: those an auth writes too, which only curl snippets carry)."""
    found: dict[str, dict[str, set[Any]]] = {}
    by_length = sorted(pointers, key=len, reverse=True)
    for match in _CREDENTIAL_WARNING.finditer(stderr):
        if match["auth"] and not auth:
            continue
        pointer = match["pointer"]
        leaf = next((p for p in by_length if pointer == p or pointer.startswith(p + "/")), None)
        if leaf is None:
            continue
        fields = found.setdefault(
            leaf, {"headers": set(), "query": set(), "form": set(), "json": set()}
        )
        if match["one"] == "header":
            fields["headers"].add(ast.literal_eval(match["name"]).lower())
        elif match["one"] == "query":
            fields["query"].add(ast.literal_eval(match["name"]).encode())
        else:
            names = [ast.literal_eval(n) for n in re.findall(_QUOTED, match["names"])]
            if match["many"] == "form":
                fields["form"].update(n.encode() for n in names)
            else:
                fields["json"].update(names)
    return {
        leaf: Opaque(
            frozenset(f["headers"]),
            frozenset(f["query"]),
            frozenset(f["form"]),
            frozenset(f["json"]),
        )
        for leaf, f in found.items()
    }


def _cut_by_hand_set_length(newman: Normalised, python: Normalised, facts: ItemFacts) -> bool:
    """The collection sets Content-Length below the body's size, and newman's body is cut there
    (the server reads that many bytes); the SDK always sends the whole body."""
    lengths = [v for n, v in newman.headers if n == "content-length"]
    return (
        "content-length" in facts.user_headers
        and newman.parts is None
        and len(lengths) == 1
        and lengths[0].strip() == b"%d" % len(newman.body)
        and len(python.body) > len(newman.body)
        and python.body.startswith(newman.body)
    )


def _judge_python(
    outcome: Outcome,
    ref: _Reference,
    snippet: Path | None,
    run: SnippetRun | None,
    expectation: AuthExpectation,
    configured: ConfiguredAuth,
    opaque: Opaque | None = None,
) -> None:
    """Fill in ``outcome`` of a Python usage snippet (see python_compare for the comparison)."""
    outcome.auth = (expectation.kind, tuple(sorted(configured.types)))
    if not _start_outcome(outcome, ref, snippet, run):
        return
    if (
        run is not None
        and not run.records
        and expectation.kind
        and expectation.kind not in configured.types
        and "AuthHook cannot sign requests" in run.stderr
    ):
        # the generator warned: no signer exists for this type, and the hook refuses to send
        outcome.list_as(NO_SIGNER, f"{expectation.kind}: the client's AuthHook refuses to send")
        return
    if not _sent_anything(outcome, ref, run):
        return
    assert ref.reference is not None and outcome.sent is not None
    python, python_params = _prepared(outcome.sent, "python", ref.facts)
    masked = set(ref.masked)
    if (
        expectation.kind == "digest"
        and any(n == "authorization" for n, _ in ref.reference.headers)
        and not any(n == "authorization" for n, _ in python.headers)
    ):
        outcome.list_as(
            DIGEST_CHALLENGE,
            "the SDK's Digest signs after a 401 challenge, which the echo server never sends",
        )
        expectation = AuthExpectation("digest")  # Authorization is then simply not compared
        masked.discard("header:authorization")
        reference = replace(
            ref.reference,
            headers=tuple(h for h in ref.reference.headers if h[0] != "authorization"),
        )
    else:
        reference = ref.reference
    if (stripped := without_json_comments(reference.body)) is not None:
        outcome.list_as(JSON_COMMENTS, "compared without them")
        reference = replace(reference, body=stripped)
    if _cut_by_hand_set_length(reference, python, ref.facts):
        outcome.list_as(
            HAND_SET_LENGTH,
            f"newman sent {len(reference.body)} of the {len(python.body)} body bytes",
        )
        masked.add("body")
    may_add: dict[str, tuple[bytes, str]] = {}
    if expectation.kind == "oci" and reference.method in _OCI_BODY_METHODS:
        may_add["content-type"] = (b"application/json", "the OCI signer's default Content-Type")
    comparison = compare_python(
        reference, python, expectation, frozenset(masked), ref.rules, may_add, opaque
    )
    if comparison.unchecked:
        outcome.list_as(CREDENTIAL_PLACEHOLDER, ", ".join(comparison.unchecked))
    if ref.signed_params or python_params:
        comparison.used("oauth1 parameters left out", (*ref.signed_params, *python_params))
    _conclude(outcome, ref, comparison)


@dataclass(slots=True)
class _PythonSide:
    """The SDK's snippets and their runs, or why there are none."""

    snippets: dict[str, Path] = field(default_factory=dict)
    runs: dict[str, SnippetRun] = field(default_factory=dict)
    schemes: dict[str, str] = field(default_factory=dict)  # pointer -> the manifest's auth
    configured: ConfiguredAuth = field(default_factory=ConfiguredAuth)
    #: pointer -> fields the generator kept out of the snippet (its credential warnings)
    opaque: dict[str, Opaque] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    error: str | None = None


def _run_python_side(
    manifest: Mapping[str, Any],
    out_dir: Path,
    leaf_list: list[Leaf],
    variables: Mapping[str, str],
    proxy: EchoProxy,
    run_dir: Path,
    workdir: Path,
    *,
    timeout: float,
    workers: int,
    replaced: Mapping[str, str],
    generator_stderr: str,
) -> _PythonSide:
    side = _PythonSide()
    side.opaque = _credential_placeholders(generator_stderr, [leaf.pointer for leaf in leaf_list])
    package = manifest.get("package")
    if not isinstance(package, str) or not (out_dir / package / "_client.py").is_file():
        side.error = f"the generator wrote no client package ({package!r}/_client.py)"
        return side
    pointers = {leaf.pointer for leaf in leaf_list}
    side.snippets = _snippets_from_manifest(manifest, out_dir, pointers, side.notes, "python")
    if replaced:  # hand-written stand-ins, to prove the harness (never in the real suite)
        (workdir / "python-replaced").mkdir(parents=True, exist_ok=True)
        for i, (pointer, text) in enumerate(sorted(replaced.items())):
            side.snippets[pointer] = workdir / "python-replaced" / f"snippet{i}.py"
            side.snippets[pointer].write_text(text)
    for op in manifest.get("operations", []):
        if isinstance(op.get("pointer"), str) and isinstance(op.get("auth"), str):
            side.schemes[op["pointer"]] = op["auth"]
    facts = package_facts(out_dir, package)
    side.configured = configure_auth(
        facts, leaf_list, side.schemes, variables, workdir / "python-auth"
    )
    side.notes += side.configured.notes
    env: dict[str, str] = {}  # the credentials differ per request: job_env below
    for name, env_var in facts.base_url_variables.items():
        if name in variables:
            env[env_var] = variables[name]
        else:
            side.notes.append(f"base URL variable {name!r} has no value here: {env_var} unset")
    preload = [package, f"{package}._client"]
    preload += sorted(
        {op["module"] for op in manifest.get("operations", []) if isinstance(op.get("module"), str)}
    )
    side.runs, notes = run_python_snippets(
        sorted(side.snippets.items()),
        proxy,
        workdir=run_dir,
        package_dir=out_dir,
        env=env,
        job_env={pointer: side.configured.env_for(pointer) for pointer in side.snippets},
        preload=preload,
        scratch=workdir / "python-runs",
        timeout=timeout,
        workers=workers,
    )
    side.notes += notes
    return side


def run_conformance(
    collection: Path,
    *,
    name: str,
    proxy: EchoProxy,
    workdir: Path,
    project_root: Path,
    snippets: Mapping[str, Path] | None = None,
    python: bool = True,
    python_snippets: Mapping[str, str] | None = None,
    newman_runs: int = 2,
    snippet_workers: int = 8,
    python_workers: int = 4,
    snippet_timeout: float = 30.0,
    newman_timeout: float = 1200.0,
) -> CollectionReport:
    """Compare newman with the curl snippets, and the Python usage snippets (``python``), for
    every leaf of ``collection``.

    ``snippets`` (pointer -> curl script) bypasses the generator, to prove the harness itself;
    no Python snippets run then.  ``python_snippets`` (pointer -> Python source) replaces
    generated usage snippets, for the same purpose.
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
    python_side: _PythonSide | None = None
    generator_stderr = ""
    try:
        manifest: Mapping[str, Any] | None = None
        out_dir = workdir / "out"
        if snippets is None:
            parts = ("curl", "client", "python") if python else ("curl",)
            result = run_generator(project_root, collection, out_dir, env_path, parts=parts)
            timings["generator"] = result.seconds
            if python and (result.returncode != 0 or result.manifest is None):
                # the SDK's failure must not hide the curl snippets' results
                python_side = _PythonSide(error=GeneratorFailed(result).args[0])
                result = run_generator(project_root, collection, out_dir, env_path)
                timings["generator_curl_only"] = result.seconds
            generator_argv = result.argv
            if result.returncode != 0 or result.manifest is None:
                raise GeneratorFailed(result)
            manifest = result.manifest
            generator_stderr = result.stderr
            snippets = _snippets_from_manifest(
                manifest, out_dir, {leaf.pointer for leaf in leaf_list}, notes
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
        if python and manifest is not None and python_side is None:
            t0 = time.monotonic()
            try:
                python_side = _run_python_side(
                    manifest,
                    out_dir,
                    leaf_list,
                    variables,
                    proxy,
                    run_dir,
                    workdir,
                    timeout=snippet_timeout,
                    workers=python_workers,
                    replaced=python_snippets or {},
                    generator_stderr=generator_stderr,
                )
            except (OSError, SyntaxError, RuntimeError, subprocess.TimeoutExpired) as exc:
                python_side = _PythonSide(error=f"{type(exc).__name__}: {exc}")
            timings["python_snippets"] = time.monotonic() - t0
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
    python_outcomes: list[Outcome] | None = (
        [] if python_side is not None and python_side.error is None else None
    )
    curl_opaque = _credential_placeholders(
        generator_stderr, [leaf.pointer for leaf in leaf_list], auth=True
    )
    for leaf in leaf_list:
        items = [results.get(leaf.index) for results in newman_results]
        records = [_last_record(proxy, item) for item in items]
        ref = _reference(leaf, items, records, variables, run_dir)
        outcome = Outcome(leaf.index, leaf.pointer, leaf.name)
        opaque = curl_opaque.get(leaf.pointer)
        _judge(outcome, ref, snippets.get(leaf.pointer), runs.get(leaf.pointer), opaque)
        outcomes.append(outcome)
        if python_outcomes is not None and python_side is not None:
            expectation = _python_auth(
                leaf,
                variables,
                python_side.schemes.get(leaf.pointer),
                ref.facts.script_dependent,
                ref.reference,
            )
            outcome = Outcome(leaf.index, leaf.pointer, leaf.name, client="python")
            _judge_python(
                outcome,
                ref,
                python_side.snippets.get(leaf.pointer),
                python_side.runs.get(leaf.pointer),
                expectation,
                python_side.configured,
                python_side.opaque.get(leaf.pointer),
            )
            python_outcomes.append(outcome)
    timings["total"] = time.monotonic() - started
    if errors := proxy.errors[proxy_errors_before:]:
        notes.append(f"echo proxy dropped {len(errors)} connections, e.g. {errors[:3]}")
    return CollectionReport(
        name,
        collection,
        outcomes,
        timings,
        notes,
        generator_argv,
        python_outcomes=python_outcomes,
        python_notes=python_side.notes if python_side is not None else [],
        python_error=python_side.error if python_side is not None else None,
    )


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
