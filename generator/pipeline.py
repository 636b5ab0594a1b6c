"""load -> parse -> render -> write/check: the stages of one run, composed."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath

from generator.config import Config
from generator.errors import Problem
from generator.load import load_collection, load_environment
from generator.manifest import MANIFEST, forget_hashes, manifest_text
from generator.memo import remembering
from generator.model.naming import module_name
from generator.model.operation import Collection
from generator.parser.items import parse_collection
from generator.render.env import check_user_templates, user_templates
from generator.render.plan import FileSet, in_path_order, render, uses_examples
from generator.version import __version__
from generator.write import Difference, Stage, Written, compare

__all__ = [
    "Parsed",
    "Run",
    "Sink",
    "Step",
    "check",
    "generate",
    "load",
    "parse",
    "prepare",
    "render_all",
]

Step = Callable[[str], None]
"""Told the name of each stage as it starts ("load", "models", "client", "curl", ...)."""
Sink = Callable[[FileSet], None]
"""Given output files as soon as they are made (a :class:`Stage`'s ``put``)."""


@dataclass(frozen=True, slots=True)
class Parsed:
    """A collection's model plus the environment it resolves against and all warnings."""

    collection: Collection
    environment: dict[str, str | None] | None
    problems: tuple[Problem, ...]


def load(collection: Path, environment: Path | None = None, *, examples: bool = True) -> Parsed:
    """Read, validate and parse a collection (and optional environment); ``examples=False``
    leaves the saved example responses out of the model."""
    loaded = load_collection(collection)
    env = load_environment(environment) if environment is not None else None
    model, problems = parse_collection(
        loaded.file, loaded.data, loaded.version, env, examples=examples
    )
    return Parsed(model, env, loaded.problems + problems)


parse = load


@dataclass(frozen=True, slots=True)
class Run:
    """One run's parse result, every output file (the manifest included) and all warnings."""

    parsed: Parsed
    files: FileSet
    problems: tuple[Problem, ...]
    memo: tuple[int, int] | None = None
    """With the memo: how many steps were found made by an earlier run, how many made."""

    @property
    def operations(self) -> int:
        return len(self.parsed.collection.operations)

    @property
    def paths(self) -> tuple[PurePosixPath, ...]:
        return tuple(self.files)


def render_all(
    parsed: Parsed, config: Config, step: Step | None = None, sink: Sink | None = None
) -> Run:
    """Every output file, the manifest included (with config.templates over the shipped);
    ``sink`` is given files early, while the rest still renders (see ``render``)."""
    package = config.package or package_name(config.collection, parsed.collection)
    collection = parsed.collection
    templates: tuple[Problem, ...] = ()
    with user_templates(config.templates):
        if config.templates is not None:
            templates = check_user_templates(config.templates)
        rendered = render(
            collection,
            package,
            parsed.environment,
            config.var_style,
            config.only,
            config.auth,
            step=step,
            docs_base_url=config.docs_base_url,
            sink=sink,
        )
    files = dict(rendered.files)
    files[MANIFEST] = manifest_text(collection, __version__, package, rendered.outputs, files)
    problems = parsed.problems + templates + rendered.problems
    return Run(parsed, in_path_order(files), problems)


def package_name(path: Path, collection: Collection) -> str:
    """The generated package's import name: from the file name, else the collection name."""
    stem = path.name.split(".")[0]
    return str(module_name(stem, fallback=collection.name or "client"))


def prepare(
    config: Config, step: Step | None = None, sink: Sink | None = None, *, memo: bool = False
) -> Run:
    """Load, parse and render one collection; OUT is touched only through ``sink``. With
    ``memo``, files whose views are as in the last run of this collection and OUT are not
    rendered again (see memo.py)."""
    if step is not None:
        step("load")
    forget_hashes()
    examples = uses_examples(config.only)
    with _without_gc(), remembering(config, memo) as remembered:
        parsed = load(config.collection, config.environment, examples=examples)
        run = render_all(parsed, config, step, sink)
        if remembered is None:
            return run
        return replace(run, memo=(remembered.reused, remembered.made))


@contextlib.contextmanager
def _without_gc() -> Iterator[None]:
    """The cyclic garbage collector paused: a run allocates millions of short-lived objects
    that reference counting frees, and the collector's passes over a large collection's
    heap cost about a tenth of the run (measured on the GitHub collection: 3.7 -> 3.3 s CPU)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def generate(config: Config, step: Step | None = None) -> tuple[Run, Written]:
    """Generate into config.out; returns the run and what was written (false: nothing)."""
    assert config.out is not None
    stage = Stage(config.out)
    try:
        run = prepare(config, step, stage.put)
        if step is not None:
            step("write")
        return run, stage.finish(run.files)
    finally:
        stage.discard()


def check(config: Config, step: Step | None = None) -> tuple[Run, Difference]:
    """Compare config.out with what generate would write; writes nothing."""
    assert config.out is not None
    run = prepare(config, step)
    if step is not None:
        step("compare")
    return run, compare(run.files, config.out)
