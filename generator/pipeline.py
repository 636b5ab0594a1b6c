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

__all__ = ["Parsed", "check", "generate", "load", "parse", "render_all"]


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


def render_all(parsed: Parsed, config: Config) -> FileSet:
    """Every output file, the manifest included."""
    files, outputs = render(parsed.collection, parsed.environment, config.var_style)
    package = config.package or package_name(config.collection, parsed.collection)
    files[MANIFEST] = manifest_text(parsed.collection, __version__, package, outputs, files)
    return dict(sorted(files.items()))


def package_name(path: Path, collection: Collection) -> str:
    """The generated package's import name: from the file name, else the collection name."""
    stem = path.name.split(".")[0]
    return str(module_name(stem, fallback=collection.name or "client"))


def generate(config: Config) -> tuple[Parsed, bool]:
    """Generate into config.out; returns the parse result and whether anything changed."""
    assert config.out is not None
    parsed = load(config.collection, config.environment)
    return parsed, write(render_all(parsed, config), config.out)


def check(config: Config) -> tuple[Parsed, Difference]:
    """Compare config.out with what generate would write; writes nothing."""
    assert config.out is not None
    parsed = load(config.collection, config.environment)
    return parsed, compare(render_all(parsed, config), config.out)
