"""Errors and problems: one base class, one rendering, `FILE: POINTER: message`."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = [
    "CollectionError",
    "ConfigError",
    "FormatError",
    "Level",
    "PostgenError",
    "Problem",
    "RenderError",
    "TemplateError",
    "UsageError",
]


class Level(enum.Enum):
    """How bad a problem is: errors stop generation, warnings are only reported."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Problem:
    """One finding about an input file, located by an RFC 6901 JSON pointer."""

    file: str
    pointer: str
    message: str
    level: Level = Level.ERROR

    def __str__(self) -> str:
        prefix = "warning: " if self.level is Level.WARNING else ""
        # An empty pointer is the whole document; print it as "/" would be wrong
        # (that is the key ""), so show it as the file alone.
        where = f"{self.file}: {self.pointer}" if self.pointer else self.file
        return f"{where}: {prefix}{self.message}"


class PostgenError(Exception):
    """Base of every error postgen reports to a user (never shown as a traceback)."""

    exit_code = 1
    #: Printed as ``postgen: MESSAGE``; False for messages that start with their own location.
    prefixed = True


class UsageError(PostgenError):
    """The command line asked for something that cannot be done (exit 2)."""

    exit_code = 2


class CollectionError(PostgenError):
    """The input is unusable; carries every problem found, one per line."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class ConfigError(CollectionError):
    """The project's configuration (``postgen.toml``, ``[tool.postgen]``) is unusable; each
    problem is ``FILE: KEY.PATH: message``."""


class RenderError(PostgenError):
    """A template failed: a bug in postgen, reported with the template's name."""


class FormatError(RenderError):
    """A template produced text black cannot parse: a bug in postgen."""


class TemplateError(RenderError):
    """A user's template (``--templates``) failed: ``TEMPLATE-FILE:LINE: message``."""

    prefixed = False

    def __init__(self, path: str, line: int | None, message: str) -> None:
        self.path = path
        self.line = line
        self.message = message
        super().__init__(f"{path}:{line}: {message}" if line else f"{path}: {message}")
