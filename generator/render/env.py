"""The one Jinja environment: strict, no autoescape (code, not HTML), built once."""

from __future__ import annotations

import functools
from pathlib import Path

import jinja2

from generator.errors import RenderError
from generator.format import format_blocks
from generator.render.code import UnsafeOutput, only_code

__all__ = ["environment", "render_python", "render_text", "templates_dir"]


def templates_dir() -> Path:
    """`templates/` of a source checkout, else the copy packaged inside the wheel."""
    source = Path(__file__).resolve().parents[2] / "templates"
    if source.is_dir():
        return source
    return Path(__file__).resolve().parents[1] / "_templates"


@functools.cache
def environment() -> jinja2.Environment:
    """Templates only loop and interpolate precomputed, already-quoted view data."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir())),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,  # not HTML: every printed value is quoted for its place instead
        finalize=only_code,
    )


def render_text(template: str, path: str, view: object = None) -> str:
    """``template`` rendered with ``view`` (the file at ``path``, for the error message)."""
    try:
        return environment().get_template(template).render(view=view)
    except UnsafeOutput as error:
        raise RenderError(f"template {template} at {path}: {error} (a bug in postgen)") from None


def render_python(template: str, path: str, view: object = None) -> str:
    """The Python module at ``path``: ``template`` rendered with ``view`` (none for static
    modules), then formatted where black would change it."""
    return format_blocks(render_text(template, path, view), path=path, template=template)
