"""The postgen command line: options -> Config, library calls, errors -> exit codes."""

from __future__ import annotations

import keyword
import os
import sys
from pathlib import Path

import click

from generator.config import Config
from generator.errors import CollectionError, Level, PostgenError, Problem, UsageError
from generator.model.client import AuthScheme
from generator.model.operation import Operation
from generator.parser.variables import scope_of
from generator.pipeline import check as check_output
from generator.pipeline import generate as generate_output
from generator.pipeline import load
from generator.render.curl import VarStyle
from generator.render.plan import Part, curl_snippet
from generator.version import __version__

__all__ = ["main"]

_collection = click.argument(
    "collection", type=click.Path(path_type=Path, dir_okay=True, exists=False)
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
    default=VarStyle.POSTMAN.value,
    show_default=True,
    help="Unresolved variables as {{name}} placeholders, or as ${NAME} shell variables.",
)
_out = click.option(
    "--out", type=click.Path(path_type=Path), required=True, help="Output directory."
)
_package = click.option(
    "--package", help="Import name of the generated package (default: from the file name)."
)
_NOT_FORCEABLE = (AuthScheme.NONE, AuthScheme.OTHER)
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


def _package_name(name: str | None) -> str | None:
    if name is not None and not (
        name.isidentifier() and name.isascii() and not keyword.iskeyword(name)
    ):
        raise UsageError(f"--package {name!r}: not a valid Python import name")
    return name


def _config(
    collection: Path,
    out: Path,
    environment: Path | None,
    var_style: str,
    package: str | None,
    only: tuple[str, ...],
    auth: str | None,
) -> Config:
    return Config(
        collection,
        out,
        environment,
        VarStyle(var_style),
        _package_name(package),
        frozenset(Part(value) for value in only),
        None if auth is None else AuthScheme(auth),
    )


def _warn(problems: tuple[Problem, ...]) -> None:
    for problem in problems:
        if problem.level is Level.WARNING:
            click.echo(str(problem), err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="postgen")
def cli() -> None:
    """Generate Python SDKs, curl snippets and docs from Postman collections."""


@cli.command()
@_collection
@_out
@_env
@_vars
@_package
@_only
@_auth
def generate(
    collection: Path,
    out: Path,
    environment: Path | None,
    var_style: str,
    package: str | None,
    only: tuple[str, ...],
    auth: str | None,
) -> None:
    """Generate OUT from COLLECTION (atomically; unchanged output is left alone)."""
    config = _config(collection, out, environment, var_style, package, only, auth)
    run, changed = generate_output(config)
    _warn(run.problems)
    count = len(run.parsed.collection.operations)
    state = "written" if changed else "already up to date"
    click.echo(f"{out}: {count} operations, {state}", err=True)


@cli.command()
@_collection
@_out
@_env
@_vars
@_package
@_only
@_auth
def check(
    collection: Path,
    out: Path,
    environment: Path | None,
    var_style: str,
    package: str | None,
    only: tuple[str, ...],
    auth: str | None,
) -> None:
    """Exit 1 with a diff when OUT is not what generate would write."""
    config = _config(collection, out, environment, var_style, package, only, auth)
    _, difference = check_output(config)
    if difference:
        click.echo(difference.diff, nl=False)
        summary = (
            f"{out}: stale: {len(difference.changed)} changed, {len(difference.missing)} missing, "
            f"{len(difference.extra)} extra; run: postgen generate {collection} --out {out}"
        )
        click.echo(summary, err=True)
        sys.exit(1)
    click.echo(f"{out}: up to date", err=True)


@cli.command()
@_collection
@_env
def validate(collection: Path, environment: Path | None) -> None:
    """Check COLLECTION (and an environment) and list every problem found."""
    parsed = load(collection, environment)
    _warn(parsed.problems)
    click.echo(f"{collection}: valid ({len(parsed.collection.operations)} operations)", err=True)


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
    parsed = load(collection, environment)
    op = _find(parsed.collection.operations, item)
    scope = scope_of(parsed.collection.variables, parsed.environment)
    click.echo(curl_snippet(op, scope, VarStyle(var_style)), nl=False)


def main() -> None:
    """Entry point: never shows a traceback for bad input."""
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
        click.echo(f"postgen: {error}", err=True)
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
