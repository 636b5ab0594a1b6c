"""The one Jinja environment: strict, no autoescape (code, not HTML), built once."""

from __future__ import annotations

import functools
from pathlib import Path

import jinja2

from generator.format import format_blocks

__all__ = ["environment", "render_python", "templates_dir"]


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
        autoescape=False,
    )


def render_python(template: str, path: str, view: object = None) -> str:
    """The Python module at ``path`` (for error messages): ``template`` rendered with ``view``
    (none for static modules), then formatted where black would change it."""
    text = environment().get_template(template).render(view=view)
    return format_blocks(text, path=path, template=template)
