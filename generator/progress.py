"""The progress bar of a run: on stderr, and only when stderr is a terminal.

A run renders every collection first (stages "load", then the renderer's: "models",
"client", "curl", ...), then writes or compares them all. The bar counts stages: each
collection is given as many units as it has stages (an estimate from its outputs), a
collection that reports more stays within its share, and one that reports fewer jumps to
its end, so the bar never runs backwards or past the next collection.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from types import TracebackType
from typing import Any

import click

from generator.config import Config, Part

__all__ = ["Progress"]


def _units(config: Config) -> int:
    """Render stages expected of one collection: "load" and about one per output."""
    return 1 + len(config.only or set(Part))


class Progress:
    """Progress over the collections of a run; a no-op unless ``enabled``."""

    def __init__(self, configs: Sequence[Config], *, enabled: bool) -> None:
        self._names = [config.collection.name.split(".")[0] for config in configs]
        units = [_units(config) for config in configs]
        self._starts = [sum(units[:i]) for i in range(len(units))]
        self._ends = [start + count for start, count in zip(self._starts, units, strict=True)]
        self._rendered = sum(units)
        self._position = 0
        self._job = -1
        self._bar: Any = None
        if enabled and configs:
            self._bar = click.progressbar(
                length=self._rendered + len(configs),
                label="postgen",
                file=sys.stderr,
                show_eta=False,
                item_show_func=lambda item: item,
            )

    @staticmethod
    def wanted(*, quiet: bool) -> bool:
        """Whether a run should show one: not quiet, and stderr is a terminal."""
        return not quiet and sys.stderr.isatty()

    def __enter__(self) -> Progress:
        if self._bar is not None:
            self._bar.__enter__()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self._bar is not None:
            self._bar.__exit__(kind, error, trace)

    def _go(self, position: int, label: str) -> None:
        if self._bar is None:
            return
        step = max(position - self._position, 0)
        self._position += step
        if step:
            self._bar.update(step, current_item=label)
        else:  # click renders on a step only: show the new stage's name now
            self._bar.current_item = label
            self._bar.render_progress()

    def stage(self, job: int, name: str) -> None:
        """Collection ``job`` starts rendering stage ``name``."""
        if job != self._job:
            self._job = job
            position = self._starts[job]
        else:
            position = min(self._position + 1, self._ends[job] - 1)
        self._go(position, f"{self._names[job]}: {name}")

    def finish(self, job: int, name: str) -> None:
        """Collection ``job`` is written (or compared): ``name`` says which."""
        self._go(max(self._position, self._rendered) + 1, f"{self._names[job]}: {name}")

    def rendered(self) -> None:
        """Every collection is rendered: the bar moves to the writing part."""
        self._go(self._rendered, "writing")
