"""What a run tells its user at the end: the warnings (once), and the ``--json`` summary.

Warnings are gathered over the whole run (every collection), each printed once, as
``FILE: POINTER: warning: message``. A warning that recurs at more than
:data:`SHOWN_PER_WARNING` places (an undefined ``{{baseUrl}}`` in 1,200 requests) is
printed at its first place with the count of the others; ``--json`` lists every place.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any, Final

from generator.cache import Cached
from generator.config import Config
from generator.errors import CollectionError, Level, PostgenError, Problem, TemplateError
from generator.version import __version__
from generator.write import Difference, Written

if TYPE_CHECKING:
    from generator.pipeline import Run

__all__ = [
    "SHOWN_PER_WARNING",
    "Outcome",
    "error_summary",
    "summary",
    "warning_count_line",
    "warning_lines",
    "warnings_of",
]

SHOWN_PER_WARNING: Final = 3
"""Places printed for one warning (same file and message) before the rest are counted."""


def warnings_of(problems: Iterable[Problem]) -> tuple[Problem, ...]:
    """The warnings among ``problems``, each once, in the order they were found."""
    return tuple(dict.fromkeys(p for p in problems if p.level is Level.WARNING))


def warning_lines(warnings: Sequence[Problem]) -> list[str]:
    """One line per warning; a warning found at many places once, with their count."""
    groups: dict[tuple[str, str], list[Problem]] = {}
    for warning in warnings:
        groups.setdefault((warning.file, warning.message), []).append(warning)
    lines: list[str] = []
    for group in groups.values():
        if len(group) <= SHOWN_PER_WARNING:
            lines.extend(str(warning) for warning in group)
        else:
            more = len(group) - 1
            lines.append(f"{group[0]} (and at {more} more places)")
    return lines


def warning_count_line(warnings: Sequence[Problem], *, strict: bool, writes: bool = True) -> str:
    """The line after the warnings: how many, and what --strict made of them."""
    count = len(warnings)
    noun = "warning" if count == 1 else "warnings"
    grouped = len(warning_lines(warnings)) < count
    listed = "; --json lists every place" if grouped else ""
    if strict:
        nothing = ": nothing written" if writes else ""
        return f"postgen: {count} {noun}, errors with --strict{nothing}{listed}"
    return f"postgen: {count} {noun}{listed}"


@dataclass(frozen=True, slots=True)
class Outcome:
    """One collection of a run: its config, its rendering, and what happened to OUT."""

    config: Config
    run: Run | Cached
    """The rendering, or what the cache knows of an earlier one that OUT still holds."""
    written: Written | None = None
    """generate: what the write did (None: nothing was written)."""
    difference: Difference | None = None
    """check: how OUT differs (None: not compared)."""


def _paths(paths: Iterable[PurePosixPath]) -> list[str]:
    return [str(path) for path in paths]


def _problem(problem: Problem) -> dict[str, str]:
    return {"file": problem.file, "pointer": problem.pointer, "message": problem.message}


def _entry(outcome: Outcome) -> dict[str, Any]:
    config, run = outcome.config, outcome.run
    entry: dict[str, Any] = {
        "collection": str(config.collection),
        "out": str(config.out),
        "operations": run.operations,
        # True when the cache showed OUT is what these inputs give: nothing was rendered.
        "cached": isinstance(run, Cached),
    }
    if not isinstance(run, Cached):
        # Steps (models, methods, snippets, pages, formatted blocks) an earlier run of this
        # OUT had made already, and steps made now; null without the memo (--no-cache).
        memo = run.memo
        entry["memo"] = None if memo is None else {"reused": memo[0], "made": memo[1]}
    written, difference = outcome.written, outcome.difference
    if written is not None:
        entry["files"] = {
            "written": len(written.written),
            "unchanged": len(written.unchanged),
            "removed": len(written.removed),
        }
        entry["written"] = _paths(written.written)
        entry["removed"] = _paths(written.removed)
    elif difference is not None:
        differing = {*difference.changed, *difference.missing}
        entry["up_to_date"] = not difference
        entry["files"] = {
            "unchanged": sum(1 for path in run.paths if path not in differing),
            "stale": len(difference.changed),
            "missing": len(difference.missing),
            "extra": len(difference.extra),
        }
        entry["stale"] = _paths(difference.changed)
        entry["missing"] = _paths(difference.missing)
        entry["extra"] = _paths(difference.extra)
    else:
        entry["files"] = None
    entry["warnings"] = [_problem(w) for w in warnings_of(run.problems)]
    return entry


def summary(
    command: str,
    outcomes: Sequence[Outcome],
    *,
    config_file: Path | None,
    strict: bool,
    errors: Sequence[Problem] = (),
) -> dict[str, Any]:
    """The ``--json`` document of a generate or check run."""
    entries = [_entry(outcome) for outcome in outcomes]
    warnings = warnings_of(p for outcome in outcomes for p in outcome.run.problems)
    totals: dict[str, int] = {"operations": sum(e["operations"] for e in entries)}
    for entry in entries:
        for key, value in (entry["files"] or {}).items():
            totals[key] = totals.get(key, 0) + value
    totals["warnings"] = len(warnings)
    stale = any(e.get("up_to_date") is False for e in entries)
    return {
        "postgen": __version__,
        "command": command,
        "ok": not errors and not stale,
        "config": None if config_file is None else str(config_file),
        "strict": strict,
        "collections": entries,
        "totals": totals,
        "errors": [_problem(e) for e in errors],
    }


def error_summary(
    command: str, error: PostgenError, *, config_file: Path | None, strict: bool
) -> dict[str, Any]:
    """The ``--json`` document of a run that stopped with an error (nothing written)."""
    if isinstance(error, CollectionError):  # (the warnings that came with it: stderr only)
        errors = [p for p in error.problems if p.level is Level.ERROR]
    elif isinstance(error, TemplateError):
        where = f"{error.path}:{error.line}" if error.line else error.path
        errors = [Problem(where, "", error.message)]
    else:
        errors = [Problem("", "", str(error))]
    return summary(command, (), config_file=config_file, strict=strict, errors=errors)
