"""A repository's postgen configuration: ``postgen.toml``, or ``[tool.postgen]`` in pyproject.toml.

``postgen generate`` and ``postgen check`` without a COLLECTION argument look for it in the
current directory, then in each parent (the first directory that has one wins; there,
``postgen.toml`` wins over ``pyproject.toml``), or read the file ``--config`` names::

    [tool.postgen]                      # in postgen.toml: the same keys at the top level
    strict = false                      # warnings are errors (as --strict)
    templates = "postgen-templates"     # defaults for every collection below:
    vars = "postman"                    #   templates, vars, only, auth, env
    only = ["client", "curl"]
    docs_base_url = "https://docs.example.com/"   # relative links of descriptions point there

    [[tool.postgen.collections]]        # in postgen.toml: [[collections]]
    collection = "api/shop.postman_collection.json"    # required
    out = "sdk/shop"                                     # required
    env = "api/dev.postman_environment.json"
    package = "shop"
    # vars, only, auth, templates, docs_base_url: as above, for this collection

Keys mean what the command line's options of the same name mean. Paths are relative to the
directory of the file that holds them. Every problem is reported at once, each as
``FILE: KEY.PATH: message`` (``pyproject.toml: tool.postgen.collections[1].out: required``).
"""

from __future__ import annotations

import keyword
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from generator.config import Config, Part, VarStyle, docs_base_url_problem
from generator.errors import ConfigError, Problem
from generator.model.client import AuthScheme

__all__ = ["CONFIG_NAMES", "Project", "find_config", "load_project", "shown"]

CONFIG_NAMES: Final = ("postgen.toml", "pyproject.toml")
_SECTION: Final = "tool.postgen"
# Keys that are defaults for every collection, and may also be given per collection.
_SHARED: Final = ("auth", "docs_base_url", "env", "only", "templates", "vars")
_TOP_KEYS: Final = frozenset({"collections", "strict", *_SHARED})
_COLLECTION_KEYS: Final = frozenset({"collection", "out", "package", *_SHARED})
_FORCEABLE: Final = tuple(
    s.value for s in AuthScheme if s not in (AuthScheme.NONE, AuthScheme.OTHER)
)


@dataclass(frozen=True, slots=True)
class Project:
    """What a configuration file asks for: one Config per collection, in file order."""

    file: Path
    configs: tuple[Config, ...]
    strict: bool = False


def shown(path: Path) -> Path:
    """``path`` as a user would write it here: relative to the current directory when it is
    inside it, else absolute."""
    absolute = Path(os.path.abspath(path))
    try:
        return absolute.relative_to(Path.cwd()) if absolute != Path.cwd() else Path(".")
    except ValueError:
        return absolute


def _read(path: Path, where: str) -> dict[str, Any]:
    import tomllib  # here: a run from the command line alone reads no configuration

    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ConfigError([Problem(where, "", "no such file")]) from None
    except IsADirectoryError:
        raise ConfigError([Problem(where, "", "is a directory, not a file")]) from None
    except OSError as error:
        raise ConfigError([Problem(where, "", f"cannot read: {error.strerror}")]) from None
    try:
        return tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise ConfigError([Problem(where, "", "not UTF-8 text")]) from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError([Problem(where, "", f"not valid TOML: {error}")]) from None


def _has_section(path: Path) -> bool:
    """Whether a pyproject.toml holds ``[tool.postgen]`` (only files that mention it are
    parsed, so a broken pyproject.toml of an unrelated parent project is not an error)."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    if "postgen" not in text:
        return False
    tool = _read(path, str(shown(path))).get("tool")
    return isinstance(tool, dict) and "postgen" in tool


def find_config(start: Path | None = None) -> Path | None:
    """The configuration file for ``start`` (the current directory): the first directory,
    going up, with a ``postgen.toml`` or a ``pyproject.toml`` that has ``[tool.postgen]``."""
    here = (start or Path.cwd()).absolute()
    for directory in (here, *here.parents):
        own = directory / "postgen.toml"
        if own.is_file():
            return own
        pyproject = directory / "pyproject.toml"
        if pyproject.is_file() and _has_section(pyproject):
            return pyproject
    return None


def _kind(value: object) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a float"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "a table"
    return "a date or time"


class _Checker:
    """Collects every problem of one file; values that fail come back as None."""

    def __init__(self, file: str, base: Path) -> None:
        self.file = file
        self.base = base
        self.problems: list[Problem] = []

    def fail(self, key: str, message: str) -> None:
        self.problems.append(Problem(self.file, key, message))

    def table(self, value: object, key: str, known: frozenset[str]) -> dict[str, Any] | None:
        if not isinstance(value, dict):
            self.fail(key, f"expected a table, got {_kind(value)}")
            return None
        for name in value:
            if name not in known:
                import difflib  # here: only a mistyped key needs it

                close = difflib.get_close_matches(name, sorted(known), n=1)
                hint = f"; did you mean {close[0]!r}?" if close else ""
                expected = ", ".join(sorted(known))
                where = f"{key}.{name}" if key else name
                self.fail(where, f"unknown key{hint} (known: {expected})")
        return value

    def text(self, value: object, key: str) -> str | None:
        if not isinstance(value, str):
            self.fail(key, f"expected a string, got {_kind(value)}: {value!r}")
            return None
        if not value.strip():
            self.fail(key, "must not be empty")
            return None
        return value

    def url(self, value: object, key: str) -> str | None:
        text = self.text(value, key)
        problem = None if text is None else docs_base_url_problem(text)
        if problem is not None:
            self.fail(key, problem)
            return None
        return text

    def choice(self, value: object, key: str, choices: tuple[str, ...]) -> str | None:
        text = self.text(value, key)
        if text is not None and text not in choices:
            self.fail(key, f"{text!r} is not one of {', '.join(choices)}")
            return None
        return text

    def flag(self, value: object, key: str) -> bool:
        if not isinstance(value, bool):
            self.fail(key, f"expected true or false, got {_kind(value)}: {value!r}")
            return False
        return value

    def parts(self, value: object, key: str) -> frozenset[Part] | None:
        if not isinstance(value, list):
            self.fail(key, f"expected an array of strings, got {_kind(value)}: {value!r}")
            return None
        names = tuple(part.value for part in Part)
        chosen = [self.choice(item, f"{key}[{i}]", names) for i, item in enumerate(value)]
        if not value:
            self.fail(key, "must not be empty (leave it out for every output)")
        return frozenset(Part(name) for name in chosen if name is not None)

    def path(self, value: object, key: str, check: Callable[[Path], str | None]) -> Path | None:
        text = self.text(value, key)
        if text is None:
            return None
        path = shown(self.base / Path(text).expanduser())
        problem = check(path)
        if problem is not None:
            self.fail(key, f"{problem}: {text}")
            return None
        return path


def _file(path: Path) -> str | None:
    if path.is_dir():
        return "is a directory, not a file"
    return None if path.is_file() else "no such file"


def _directory(path: Path) -> str | None:
    if path.is_file():
        return "is a file, not a directory"
    return None if path.is_dir() else "no such directory"


def _output(path: Path) -> str | None:
    return "is a file, not a directory" if path.is_file() else None


def _package(checker: _Checker, value: object, key: str) -> str | None:
    name = checker.text(value, key)
    if name is not None and not (
        name.isidentifier() and name.isascii() and not keyword.iskeyword(name)
    ):
        checker.fail(key, f"{name!r} is not a valid Python import name")
        return None
    return name


def _shared(checker: _Checker, table: Mapping[str, Any], prefix: str) -> dict[str, Any]:
    """The keys a collection shares with the top level, checked (absent keys left out)."""
    found: dict[str, Any] = {}
    readers: dict[str, Callable[[object, str], Any]] = {
        "env": lambda v, k: checker.path(v, k, _file),
        "templates": lambda v, k: checker.path(v, k, _directory),
        "vars": lambda v, k: checker.choice(v, k, tuple(s.value for s in VarStyle)),
        "only": checker.parts,
        "auth": lambda v, k: checker.choice(v, k, _FORCEABLE),
        "docs_base_url": checker.url,
    }
    for name, read in readers.items():
        if name in table:
            value = read(table[name], f"{prefix}{name}")
            if value is not None:
                found[name] = value
    return found


def _config(
    checker: _Checker, entry: Mapping[str, Any], key: str, defaults: Mapping[str, Any]
) -> Config | None:
    before = len(checker.problems)
    values = {**defaults, **_shared(checker, entry, f"{key}.")}
    collection = out = None
    for name in ("collection", "out"):
        if name not in entry:
            checker.fail(f"{key}.{name}", "required")
    if "collection" in entry:
        collection = checker.path(entry["collection"], f"{key}.collection", _file)
    if "out" in entry:
        out = checker.path(entry["out"], f"{key}.out", _output)
    package = _package(checker, entry["package"], f"{key}.package") if "package" in entry else None
    if len(checker.problems) > before or collection is None or out is None:
        return None
    return Config(
        collection,
        out,
        values.get("env"),
        VarStyle(values.get("vars", VarStyle.POSTMAN.value)),
        package,
        values.get("only", frozenset()),
        AuthScheme(values["auth"]) if "auth" in values else None,
        values.get("templates"),
        values.get("docs_base_url"),
    )


def _distinct_outputs(checker: _Checker, configs: list[tuple[str, Config]]) -> None:
    """Each collection needs a directory of its own: OUT is replaced as a whole."""
    seen: list[tuple[str, Path]] = []
    for key, config in configs:
        assert config.out is not None
        out = Path(os.path.abspath(config.out))
        for other_key, other in seen:
            if out == other:
                checker.fail(f"{key}.out", f"the same directory as {other_key}.out")
            elif out.is_relative_to(other) or other.is_relative_to(out):
                how = "inside" if out.is_relative_to(other) else "contains"
                checker.fail(
                    f"{key}.out",
                    f"{how} {other_key}.out; each collection needs a directory of its own",
                )
        seen.append((key, out))


def load_project(path: Path) -> Project:
    """Read and check a configuration file; a ConfigError lists every problem in it."""
    where = str(shown(path))
    data = _read(path, where)
    prefix = ""
    if path.name == "pyproject.toml":
        tool = data.get("tool")
        section = tool.get("postgen") if isinstance(tool, dict) else None
        if section is None:
            raise ConfigError([Problem(where, "", f"no [{_SECTION}] table")])
        data, prefix = section, f"{_SECTION}."
    checker = _Checker(where, path.parent)
    top = checker.table(data, prefix.rstrip("."), _TOP_KEYS)
    if top is None:
        raise ConfigError(checker.problems)
    strict = checker.flag(top["strict"], f"{prefix}strict") if "strict" in top else False
    defaults = _shared(checker, top, prefix)
    key = f"{prefix}collections"
    entries = top.get("collections")
    configs: list[tuple[str, Config]] = []
    if entries is None:
        checker.fail(key, "required: an array of tables, one per collection")
    elif not isinstance(entries, list):
        checker.fail(key, f"expected an array of tables, got {_kind(entries)}")
    elif not entries:
        checker.fail(key, "must list at least one collection")
    else:
        for i, raw in enumerate(entries):
            entry = checker.table(raw, f"{key}[{i}]", _COLLECTION_KEYS)
            config = None if entry is None else _config(checker, entry, f"{key}[{i}]", defaults)
            if config is not None:
                configs.append((f"{key}[{i}]", config))
    _distinct_outputs(checker, configs)
    if checker.problems:
        raise ConfigError(checker.problems)
    return Project(path, tuple(config for _, config in configs), strict)
