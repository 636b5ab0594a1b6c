"""The Jinja environment: strict, no autoescape (code, not HTML), built once per template set.

A user's template directory (``--templates DIR``) goes in front of the shipped templates:
a file there replaces the shipped template of the same relative path, the rest stay. It is
set for the duration of a run with :func:`user_templates`. A user's template that fails
(syntax, an undefined name, an exception, a value printed unquoted, Python black cannot
parse) is reported as ``TEMPLATE-FILE:LINE: message``, never as a postgen bug.
"""

from __future__ import annotations

import ast
import contextlib
import contextvars
import functools
import os
import traceback
from collections.abc import Iterator
from pathlib import Path

import jinja2
import jinja2.bccache
import jinja2.meta

from generator.cache import cache_dir
from generator.errors import FormatError, Level, PostgenError, Problem, RenderError, TemplateError
from generator.format import format_blocks
from generator.render.code import UnsafeOutput, only_code
from generator.resources import templates_dir

__all__ = [
    "check_user_templates",
    "environment",
    "render_python",
    "render_text",
    "templates_dir",
    "user_templates",
]

_TEMPLATE_SUFFIX = ".jinja"
_USER: contextvars.ContextVar[Path | None] = contextvars.ContextVar(
    "postgen_user_templates", default=None
)


@contextlib.contextmanager
def user_templates(directory: Path | None) -> Iterator[None]:
    """While the block runs, templates in ``directory`` win over the shipped ones."""
    token = _USER.set(None if directory is None else directory.resolve())
    try:
        yield
    finally:
        _USER.reset(token)


def environment() -> jinja2.Environment:
    """The environment of the current template set (the shipped one unless overridden)."""
    return _environment(_USER.get())


class _CompiledTemplates(jinja2.FileSystemBytecodeCache):
    """Templates compiled by an earlier run, in the cache directory (see cache.py): Jinja
    otherwise compiles every template from source in every process, about 0.1 s for the
    shipped set. An entry is found by the template's path and checked against its source;
    a directory that cannot be written only costs the time."""

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


def _compiled_templates() -> jinja2.BytecodeCache | None:
    directory = cache_dir()
    if directory is None:
        return None
    try:
        (directory / "templates").mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return _CompiledTemplates(str(directory / "templates"))


@functools.cache
def _environment(user: Path | None) -> jinja2.Environment:
    """Templates only loop and interpolate precomputed, already-quoted view data."""
    loader: jinja2.BaseLoader = jinja2.FileSystemLoader(str(templates_dir()))
    if user is not None:
        loader = jinja2.ChoiceLoader([jinja2.FileSystemLoader(str(user)), loader])
    return jinja2.Environment(
        loader=loader,
        bytecode_cache=_compiled_templates(),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,  # not HTML: every printed value is quoted for its place instead
        finalize=only_code,
    )


def _shipped_names() -> set[str]:
    root = templates_dir()
    return {p.relative_to(root).as_posix() for p in root.rglob(f"*{_TEMPLATE_SUFFIX}")}


def check_user_templates(directory: Path) -> tuple[Problem, ...]:
    """Parse every template of a user's directory (a syntax error is a TemplateError, with
    its file and line); warn of those that replace no shipped template and that no other
    template of the directory includes (a misspelt path would otherwise be ignored)."""
    root = directory.resolve()
    env = _environment(root)
    shipped = _shipped_names()
    names: dict[str, Path] = {}
    referenced: set[str] = set()
    for path in sorted(root.rglob(f"*{_TEMPLATE_SUFFIX}")):
        if not path.is_file():
            continue
        name = path.relative_to(root).as_posix()
        names[name] = path
        try:
            source = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as error:
            raise TemplateError(_shown(path), None, f"not UTF-8 text ({error.reason})") from None
        except OSError as error:
            raise TemplateError(_shown(path), None, f"cannot read: {error.strerror}") from None
        try:
            parsed = env.parse(source, name, str(path))
        except jinja2.TemplateSyntaxError as error:
            message = f"syntax error: {error.message}"
            raise TemplateError(_shown(path), error.lineno, message) from None
        referenced.update(n for n in jinja2.meta.find_referenced_templates(parsed) if n)
    return tuple(
        Problem(
            _shown(path),
            "",
            "this template replaces no shipped template and no template includes it, so it "
            "is never used (templates are found by their path relative to the directory)",
            Level.WARNING,
        )
        for name, path in names.items()
        if name not in shipped and name not in referenced
    )


def _shown(path: str | Path) -> str:
    """A template's path as the user would write it: relative to the current directory when
    inside it."""
    absolute = Path(os.path.abspath(path))
    try:
        return str(absolute.relative_to(Path.cwd()))
    except ValueError:
        return str(absolute)


def _under(path: str | None, root: Path) -> bool:
    return path is not None and Path(path).is_relative_to(root)


def _user_error(error: Exception, user: Path) -> TemplateError | None:
    """The error located in the innermost frame of a user's template, if one took part."""
    if isinstance(error, jinja2.TemplateSyntaxError) and _under(error.filename, user):
        message = f"syntax error: {error.message}"
        return TemplateError(_shown(str(error.filename)), error.lineno, message)
    frames = [f for f in traceback.extract_tb(error.__traceback__) if _under(f.filename, user)]
    if not frames:
        return None
    frame = frames[-1]
    if isinstance(error, UnsafeOutput):
        message = (
            f"{error}; a template may print only the values its view prepared for that "
            "place (already quoted), not raw collection text"
        )
    elif isinstance(error, jinja2.UndefinedError):
        message = f"undefined: {error.message}"
    elif isinstance(error, jinja2.TemplateError):
        message = f"{type(error).__name__}: {error.message or error}"
    else:
        message = f"{type(error).__name__}: {error}"
    return TemplateError(_shown(frame.filename), frame.lineno, message)


def render_text(template: str, path: str, view: object = None, *, name: str = "view") -> str:
    """``template`` rendered with ``view`` as ``name`` (the file at ``path``, for the error
    message)."""
    try:
        return environment().get_template(template).render({name: view})
    except PostgenError:
        raise
    except Exception as error:
        user = _USER.get()
        located = _user_error(error, user) if user is not None else None
        if located is not None:
            raise located from None
        if isinstance(error, UnsafeOutput):
            raise RenderError(
                f"template {template} at {path}: {error} (a bug in postgen)"
            ) from None
        raise


def _user_file(template: str) -> Path | None:
    user = _USER.get()
    if user is None:
        return None
    candidate = user / template
    return candidate if candidate.is_file() else None


def _template_line(template: Path, output_line: str) -> int | None:
    """The line of ``template`` that wrote ``output_line``, when exactly one line of it
    holds that text as written (no interpolation on it)."""
    wanted = output_line.strip()
    if not wanted:
        return None
    try:
        lines = template.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    found = [n for n, line in enumerate(lines, 1) if line.strip() == wanted]
    if not found:
        found = [n for n, line in enumerate(lines, 1) if wanted in line]
    return found[0] if len(found) == 1 else None


def render_python(template: str, path: str, view: object = None) -> str:
    """The Python module at ``path``: ``template`` rendered with ``view`` (none for static
    modules), then formatted where black would change it."""
    text = render_text(template, path, view)
    try:
        return format_blocks(text, path=path, template=template)
    except FormatError as error:
        user = _user_file(template)
        if user is None:
            raise
        try:
            compile(text, path, "exec", ast.PyCF_ONLY_AST)
        except SyntaxError as syntax:
            lineno = syntax.lineno or 0
            lines = text.splitlines()
            output = lines[lineno - 1] if 0 < lineno <= len(lines) else ""
            raise TemplateError(
                _shown(user),
                _template_line(user, output),
                f"writes {path}, which is not valid Python: line {lineno}: {syntax.msg}",
            ) from None
        except ValueError as invalid:  # a NUL byte
            message = f"writes {path}, which is not valid Python: {invalid}"
            raise TemplateError(_shown(user), None, message) from None
        message = f"writes {path}, which black cannot format"
        raise TemplateError(_shown(user), None, message) from error
