"""The generated ``auth.py``: the request signers every package ships, as static code.

The signers are the same for every collection, so the template is plain Python with no
Jinja variables; rendering still goes through the one environment and ``format_blocks``,
which proves the text parses and that black has nothing to change.
"""

from __future__ import annotations

from typing import Final

from generator.render.env import render_python

__all__ = ["TEMPLATE", "render_auth"]

TEMPLATE: Final = "package/auth.py.jinja"


def render_auth(package: str) -> str:
    """The text of ``<package>/auth.py``."""
    return render_python(TEMPLATE, f"{package}/auth.py")
