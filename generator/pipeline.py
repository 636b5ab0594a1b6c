"""load -> parse -> render -> write/check: the stages of one run, composed."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.config import Config
from generator.errors import Problem
from generator.load import load_collection, load_environment
from generator.manifest import MANIFEST, manifest_text
from generator.model.naming import module_name
from generator.model.operation import Collection
from generator.parser.items import parse_collection
from generator.render.plan import FileSet, render
from generator.version import __version__
from generator.write import Difference, compare, write

__all__ = ["Parsed", "Run", "check", "generate", "load", "parse", "render_all"]


@dataclass(frozen=True, slots=True)
class Parsed:
    """A collection's model plus the environment it resolves against and all warnings."""

    collection: Collection
    environment: dict[str, str | None] | None
    problems: tuple[Problem, ...]


def load(collection: Path, environment: Path | None = None) -> Parsed:
    """Read, validate and parse a collection (and optional environment)."""
    loaded = load_collection(collection)
    env = load_environment(environment) if environment is not None else None
    model, problems = parse_collection(loaded.file, loaded.data, loaded.version, env)
    return Parsed(model, env, loaded.problems + problems)


parse = load


@dataclass(frozen=True, slots=True)
class Run:
    """One run's parse result, every output file (the manifest included) and all warnings."""

    parsed: Parsed
    files: FileSet
    problems: tuple[Problem, ...]


def render_all(parsed: Parsed, config: Config) -> Run:
    """Every output file, the manifest included."""
    package = config.package or package_name(config.collection, parsed.collection)
    collection = parsed.collection
    rendered = render(
        collection, package, parsed.environment, config.var_style, config.only, config.auth
    )
    files = dict(rendered.files)
    files[MANIFEST] = manifest_text(collection, __version__, package, rendered.outputs, files)
    return Run(parsed, dict(sorted(files.items())), parsed.problems + rendered.problems)


def package_name(path: Path, collection: Collection) -> str:
    """The generated package's import name: from the file name, else the collection name."""
    stem = path.name.split(".")[0]
    return str(module_name(stem, fallback=collection.name or "client"))


def generate(config: Config) -> tuple[Run, bool]:
    """Generate into config.out; returns the run and whether anything changed."""
    assert config.out is not None
    run = render_all(load(config.collection, config.environment), config)
    return run, write(run.files, config.out)


def check(config: Config) -> tuple[Run, Difference]:
    """Compare config.out with what generate would write; writes nothing."""
    assert config.out is not None
    run = render_all(load(config.collection, config.environment), config)
    return run, compare(run.files, config.out)
