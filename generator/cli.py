"""The postgen command line: options -> Config, library calls, errors -> exit codes.

``generate`` and ``check`` take one COLLECTION with its options, or none: then the
repository's configuration (``postgen.toml`` or ``[tool.postgen]``, see project.py) lists
the collections. A run renders every collection before it writes any, so an error or (with
``--strict``) a warning anywhere leaves every OUT as it was; warnings are printed once, at
the end.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import json
import keyword
import os
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from generator.cache import Cached, inputs_key, lookup, remember
from generator.config import Config, Part, VarStyle, docs_base_url_problem
from generator.errors import CollectionError, PostgenError, Problem, UsageError
from generator.manifest import MANIFEST
from generator.model.client import AuthScheme
from generator.progress import Progress
from generator.project import CONFIG_NAMES, find_config, load_project, shown
from generator.report import (
    Outcome,
    error_summary,
    summary,
    warning_count_line,
    warning_lines,
    warnings_of,
)
from generator.version import __version__
from generator.write import Difference, Stage, Written, compare, recover

if TYPE_CHECKING:
    from generator.model.operation import Operation
    from generator.pipeline import Run

__all__ = ["main"]

_collection = click.argument(
    "collection", type=click.Path(path_type=Path, dir_okay=True, exists=False), required=False
)
_env = click.option(
    "--env",
    "environment",
    type=click.Path(path_type=Path),
    help="Postman environment file; its values override collection variables.",
)
_vars = click.option(
    "--vars",
    "var_style",
    type=click.Choice([s.value for s in VarStyle]),
    help="Unresolved variables as {{name}} placeholders (postman, the default), or as ${NAME} "
    "shell variables (shell).",
)
_out = click.option(
    "--out",
    type=click.Path(path_type=Path),
    help="Output directory (required with a COLLECTION argument).",
)
_package = click.option(
    "--package", help="Import name of the generated package (default: from the file name)."
)
_auth = click.option(
    "--auth",
    "auth",
    type=click.Choice(
        [s.value for s in AuthScheme if s not in (AuthScheme.NONE, AuthScheme.OTHER)]
    ),
    help="Sign every authenticated request with this scheme (e.g. oci for collections that sign "
    "in a script postgen does not recognise).",
)
_only = click.option(
    "--only",
    type=click.Choice([part.value for part in Part]),
    multiple=True,
    help="Generate only these outputs (all of them by default).",
)
_docs_base_url = click.option(
    "--docs-base-url",
    metavar="URL",
    help="Resolve the relative links of Postman descriptions against URL in the docs (the site "
    "they were written for); without it such a link keeps only its text.",
)
_no_cache = click.option(
    "--no-cache",
    is_flag=True,
    help="Render even when the cache knows OUT is what these inputs give (see POSTGEN_CACHE_DIR).",
)
_config_file = click.option(
    "--config",
    "config_file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Read the collections from this file (postgen.toml, or a pyproject.toml with "
    "[tool.postgen]) instead of looking for one here and in the parent directories.",
)
_templates = click.option(
    "--templates",
    type=click.Path(path_type=Path, exists=True, file_okay=False),
    help="A directory of templates that replace the shipped ones of the same relative path "
    "(e.g. DIR/project/README.md.jinja).",
)
_strict = click.option(
    "--strict", is_flag=True, help="Warnings are errors: exit 1 and write nothing."
)
_quiet = click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors.")
_json = click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="Print a JSON summary on stdout: per collection the operations, the files written, "
    "unchanged and removed (check: stale, missing, extra) and the warnings.",
)


def _package_name(name: str | None) -> str | None:
    if name is not None and not (
        name.isidentifier() and name.isascii() and not keyword.iskeyword(name)
    ):
        raise UsageError(f"--package {name!r}: not a valid Python import name")
    return name


def _docs_base_url_option(url: str | None) -> str | None:
    problem = None if url is None else docs_base_url_problem(url)
    if problem is not None:
        raise UsageError(f"--docs-base-url: {problem}")
    return url


@dataclass(frozen=True, slots=True)
class _Plan:
    """The collections of one run, and where they came from."""

    configs: tuple[Config, ...]
    strict: bool
    config_file: Path | None = None
    """The configuration file (None: a COLLECTION argument)."""
    rerun: str = ""
    """The command that brings OUT up to date (check's hint)."""


def _plan(
    collection: Path | None,
    config_file: Path | None,
    *,
    templates: Path | None,
    strict: bool,
    **options: Any,
) -> _Plan:
    """One Config from COLLECTION and its options, else every one the configuration lists."""
    if collection is not None:
        if config_file is not None:
            raise UsageError("--config and a COLLECTION argument exclude each other")
        out = options["out"]
        if out is None:
            raise UsageError("--out is required with a COLLECTION argument")
        config = Config(
            collection,
            out,
            options["environment"],
            VarStyle(options["var_style"] or VarStyle.POSTMAN.value),
            _package_name(options["package"]),
            frozenset(Part(value) for value in options["only"]),
            None if options["auth"] is None else AuthScheme(options["auth"]),
            templates,
            _docs_base_url_option(options["docs_base_url"]),
        )
        return _Plan((config,), strict, rerun=f"postgen generate {collection} --out {out}")
    given = [
        f"--{name}"
        for name, value in (
            ("out", options["out"]),
            ("env", options["environment"]),
            ("vars", options["var_style"]),
            ("package", options["package"]),
            ("only", options["only"]),
            ("auth", options["auth"]),
            ("docs-base-url", options["docs_base_url"]),
        )
        if value
    ]
    if given:
        raise UsageError(
            f"{', '.join(given)} needs a COLLECTION argument; without one, the configuration "
            "file gives each collection its options"
        )
    path = config_file or find_config()
    if path is None:
        raise UsageError(
            f"no COLLECTION given, and no {CONFIG_NAMES[0]} or {CONFIG_NAMES[1]} with "
            f"[tool.postgen] in {Path.cwd()} or its parents"
        )
    project = load_project(path)
    configs = project.configs
    if templates is not None:
        configs = tuple(replace(config, templates=templates) for config in configs)
    rerun = "postgen generate" + (f" --config {config_file}" if config_file is not None else "")
    return _Plan(configs, strict or project.strict, shown(project.file), rerun)


def _prepare_all(
    plan: _Plan,
    progress: Progress,
    keys: Sequence[str | None],
    stages: list[Stage | None] | None,
    *,
    cache: bool,
) -> list[Run | Cached]:
    """Every collection rendered (or known from the cache to be up to date in OUT); the
    problems of all that fail, together. ``keys`` are the configs' cache keys. With
    ``stages`` (generate), each rendered collection's files go into a new Stage as they
    are made, appended there (None for a cache hit); the caller finishes or discards them."""
    runs: list[Run | Cached] = []
    problems: list[Problem] = []
    for job, (config, key) in enumerate(zip(plan.configs, keys, strict=True)):
        hit = lookup(config, key) if cache else None
        stage = None
        if hit is None and stages is not None:
            assert config.out is not None
            stage = Stage(config.out)
        if stages is not None:
            stages.append(stage)
        if hit is not None:
            runs.append(hit)
            continue
        # Imported on a cache miss only: the renderer (black, Jinja2) is most of start-up.
        from generator.pipeline import prepare

        if runs:
            gc.collect()  # the garbage cycles of the collections before (main turned gc off)

        try:
            sink = stage.put if stage is not None else None
            runs.append(prepare(config, functools.partial(progress.stage, job), sink, memo=cache))
        except CollectionError as error:
            problems.extend(error.problems)
    if problems:
        raise CollectionError(problems)
    progress.rendered()
    return runs


def _print_warnings(warnings: Sequence[Problem], *, strict: bool, writes: bool = True) -> None:
    for line in warning_lines(warnings):
        click.echo(line, err=True)
    click.echo(warning_count_line(warnings, strict=strict, writes=writes), err=True)


def _print_json(document: dict[str, Any]) -> None:
    click.echo(json.dumps(document, indent=2, ensure_ascii=False))


def _strict_failure(
    command: str,
    plan: _Plan,
    runs: list[Run | Cached],
    warnings: Sequence[Problem],
    as_json: bool,
) -> NoReturn:
    _print_warnings(warnings, strict=True)
    if as_json:
        outcomes = [Outcome(c, r) for c, r in zip(plan.configs, runs, strict=True)]
        _print_json(
            summary(command, outcomes, config_file=plan.config_file, strict=True, errors=warnings)
        )
    sys.exit(1)


@contextlib.contextmanager
def _json_errors(command: str, as_json: bool, plans: list[_Plan]) -> Iterator[None]:
    """With --json, a run that stops with an error still prints its summary (then the error
    goes to stderr as always); ``plans`` holds the run's plan once it is known."""
    try:
        yield
    except PostgenError as error:
        if as_json:
            plan = plans[0] if plans else None
            config_file = plan.config_file if plan else None
            strict = plan.strict if plan else False
            _print_json(error_summary(command, error, config_file=config_file, strict=strict))
        raise


def _settle(
    command: str, config: Config, run: Run | Cached, key: str | None, stage: Stage | None
) -> Outcome:
    """Write OUT (generate) or compare it (check); what the cache vouches for is left alone.
    A run whose OUT ends up current is remembered, so the next one with the same inputs is
    a no-op."""
    assert config.out is not None
    if isinstance(run, Cached):
        if command == "generate":
            recover(config.out)  # leftovers of an interrupted run go, as with a write
            return Outcome(config, run, written=Written((), run.paths, ()))
        return Outcome(config, run, difference=Difference((), (), (), ""))
    if stage is not None:
        outcome = Outcome(config, run, written=stage.finish(run.files))
    else:
        outcome = Outcome(config, run, difference=compare(run.files, config.out))
    if not outcome.difference:
        remember(key, run.files[MANIFEST], run.operations, run.problems)
    return outcome


def _execute(
    command: str, plan: _Plan, *, quiet: bool, as_json: bool, cache: bool = True
) -> tuple[list[Outcome], tuple[Problem, ...]]:
    """Render every collection, then (unless --strict finds warnings) write or compare."""
    outcomes: list[Outcome] = []
    # Each input is hashed once, before it is read for rendering.
    keys = [inputs_key(config) for config in plan.configs]
    stages: list[Stage | None] = []
    try:
        with Progress(plan.configs, enabled=Progress.wanted(quiet=quiet)) as progress:
            writing = stages if command == "generate" else None
            runs = _prepare_all(plan, progress, keys, writing, cache=cache)
            warnings = warnings_of(p for run in runs for p in run.problems)
            if not (plan.strict and warnings):
                jobs = zip(plan.configs, runs, keys, writing or [None] * len(runs), strict=True)
                for job, (config, run, key, stage) in enumerate(jobs):
                    progress.finish(job, "write" if command == "generate" else "compare")
                    outcomes.append(_settle(command, config, run, key, stage))
    finally:  # a failed or --strict run leaves every OUT as it was
        for stage in stages:
            if stage is not None:
                stage.discard()
    if plan.strict and warnings:
        _strict_failure(command, plan, runs, warnings, as_json)
    return outcomes, warnings


def _run(
    command: str,
    *,
    collection: Path | None,
    config_file: Path | None,
    templates: Path | None,
    strict: bool,
    quiet: bool,
    as_json: bool,
    no_cache: bool,
    **options: Any,
) -> tuple[_Plan, list[Outcome], tuple[Problem, ...]]:
    """generate's and check's common part: the plan, then every collection rendered and
    written or compared (with --json, an error still prints the summary)."""
    plans: list[_Plan] = []
    with _json_errors(command, as_json, plans):
        plans.append(_plan(collection, config_file, templates=templates, strict=strict, **options))
        outcomes, warnings = _execute(
            command, plans[0], quiet=quiet, as_json=as_json, cache=not no_cache
        )
    return plans[0], outcomes, warnings


def _finish(
    command: str, plan: _Plan, outcomes: list[Outcome], warnings: Sequence[Problem], **flags: bool
) -> None:
    if warnings and not flags["quiet"]:
        _print_warnings(warnings, strict=False)
    if flags["as_json"]:
        _print_json(summary(command, outcomes, config_file=plan.config_file, strict=plan.strict))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="postgen")
def cli() -> None:
    """Generate Python SDKs, curl snippets and docs from Postman collections."""


_COLLECTION_OPTIONS = (_collection, _out, _env, _vars, _package, _only, _auth, _docs_base_url)
_RUN_OPTIONS = (
    *_COLLECTION_OPTIONS,
    _config_file,
    _templates,
    _strict,
    _quiet,
    _json,
    _no_cache,
)


def _run_options(command: Any) -> Any:
    """The arguments and options generate and check share."""
    for option in reversed(_RUN_OPTIONS):
        command = option(command)
    return command


@cli.command()
@_run_options
def generate(quiet: bool, as_json: bool, **arguments: Any) -> None:
    """Generate OUT from COLLECTION (atomically; unchanged output is left alone).

    Without COLLECTION, generate every collection of the repository's configuration
    (postgen.toml, or [tool.postgen] in pyproject.toml, here or in a parent directory).
    """
    plan, outcomes, warnings = _run("generate", quiet=quiet, as_json=as_json, **arguments)
    if not quiet:
        for outcome in outcomes:
            written = outcome.written
            assert written is not None
            count = outcome.run.operations
            state = (
                f"written ({len(written.written)} files new or changed, "
                f"{len(written.removed)} removed, {len(written.unchanged)} unchanged)"
                if written
                else "already up to date"
            )
            click.echo(f"{outcome.config.out}: {count} operations, {state}", err=True)
    _finish("generate", plan, outcomes, warnings, quiet=quiet, as_json=as_json)


@cli.command()
@_run_options
def check(quiet: bool, as_json: bool, **arguments: Any) -> None:
    """Exit 1 with a diff when OUT is not what generate would write.

    Without COLLECTION, check every collection of the repository's configuration.
    """
    plan, outcomes, warnings = _run("check", quiet=quiet, as_json=as_json, **arguments)
    stale = False
    for outcome in outcomes:
        difference, out = outcome.difference, outcome.config.out
        assert difference is not None
        if difference:
            stale = True
            if not as_json:  # the diff is the error's detail: --quiet keeps it
                click.echo(difference.diff, nl=False)
            click.echo(
                f"{out}: stale: {len(difference.changed)} changed, "
                f"{len(difference.missing)} missing, {len(difference.extra)} extra; "
                f"run: {plan.rerun}",
                err=True,
            )
        elif not quiet:
            click.echo(f"{out}: up to date", err=True)
    _finish("check", plan, outcomes, warnings, quiet=quiet, as_json=as_json)
    if stale:
        sys.exit(1)


@cli.command()
@_collection
@_env
@_config_file
@_strict
@_quiet
@_json
def validate(
    collection: Path | None,
    environment: Path | None,
    config_file: Path | None,
    strict: bool,
    quiet: bool,
    as_json: bool,
) -> None:
    """Check COLLECTION (and an environment) and list every problem found.

    Without COLLECTION, check every collection of the repository's configuration.
    """
    plans: list[_Plan] = []
    outcomes: list[Outcome] = []
    with _json_errors("validate", as_json, plans):
        if collection is None:
            options = {
                "out": None,
                "var_style": None,
                "package": None,
                "only": (),
                "auth": None,
                "docs_base_url": None,
            }
            plan = _plan(
                None, config_file, templates=None, strict=strict, environment=environment, **options
            )
            plans.append(plan)
        elif config_file is not None:
            raise UsageError("--config and a COLLECTION argument exclude each other")
        else:
            plans.append(_Plan((Config(collection, environment=environment),), strict))
        from generator.pipeline import Run, load

        errors: list[Problem] = []
        for config in plans[0].configs:
            try:
                parsed = load(config.collection, config.environment)
            except CollectionError as error:
                errors.extend(error.problems)
                continue
            outcomes.append(Outcome(config, Run(parsed, {}, parsed.problems)))
        if errors:
            raise CollectionError(errors)
    plan = plans[0]
    warnings = warnings_of(p for outcome in outcomes for p in outcome.run.problems)
    failed = plan.strict and bool(warnings)
    if not quiet:
        for outcome in outcomes:
            count = outcome.run.operations
            click.echo(f"{outcome.config.collection}: valid ({count} operations)", err=True)
    if warnings and (failed or not quiet):
        _print_warnings(warnings, strict=plan.strict, writes=False)
    if as_json:
        errors = list(warnings) if failed else []
        _print_json(
            summary(
                "validate",
                outcomes,
                config_file=plan.config_file,
                strict=plan.strict,
                errors=errors,
            )
        )
    if failed:
        sys.exit(1)


def _find(operations: tuple[Operation, ...], wanted: str) -> Operation:
    matches = [
        op for op in operations if wanted in ("/".join(op.item_path), op.item_id, op.pointer)
    ]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise UsageError(f"--item {wanted!r}: no request with that path, id or JSON pointer")
    where = ", ".join(op.pointer for op in matches)
    raise UsageError(f"--item {wanted!r}: {len(matches)} requests match ({where}); give a pointer")


@cli.command()
@_collection
@click.option("--item", required=True, help='"Folder/Request name", an item id or a JSON pointer.')
@click.option("--lang", type=click.Choice(["curl"]), default="curl", show_default=True)
@_env
@_vars
def snippet(
    collection: Path, item: str, lang: str, environment: Path | None, var_style: str
) -> None:
    """Print the snippet of one request."""
    del lang
    from generator.parser.variables import scope_of
    from generator.pipeline import load
    from generator.render.plan import curl_snippet

    parsed = load(collection, environment)
    op = _find(parsed.collection.operations, item)
    scope = scope_of(parsed.collection.variables, parsed.environment)
    style = VarStyle(var_style or VarStyle.POSTMAN.value)
    click.echo(curl_snippet(op, scope, style), nl=False)


def main() -> None:
    """Entry point: never shows a traceback for bad input."""
    # A short-lived process: without the cyclic collector (reference counting frees nearly
    # everything), and so without the full pass over the heap a run would otherwise get
    # once rendering re-enabled it (~0.1 s on a large collection).
    gc.disable()
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("postgen: interrupted; output left as it was", err=True)
        sys.exit(130)
    except click.ClickException as error:
        error.show()
        sys.exit(error.exit_code)
    except CollectionError as error:
        for problem in error.problems:
            click.echo(str(problem), err=True)
        sys.exit(error.exit_code)
    except PostgenError as error:
        click.echo(f"postgen: {error}" if error.prefixed else str(error), err=True)
        sys.exit(error.exit_code)
    except KeyboardInterrupt:
        click.echo("postgen: interrupted; output left as it was", err=True)
        sys.exit(130)
    except Exception as error:  # a bug: say so in one line, details on request
        if os.environ.get("POSTGEN_DEBUG"):
            raise
        click.echo(
            f"postgen: internal error: {type(error).__name__}: {error} "
            "(a bug in postgen; rerun with POSTGEN_DEBUG=1 for details and report it)",
            err=True,
        )
        sys.exit(70)
