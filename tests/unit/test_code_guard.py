"""Templates print only what a quoting function made: a view that forgets to quote a
collection's string fails the generation, it never reaches the output as code."""

from __future__ import annotations

import pytest

from generator.errors import RenderError
from generator.render.client import SnippetView
from generator.render.code import Code, UnsafeOutput, only_code
from generator.render.env import environment, render_python, render_text
from generator.render.literals import comment, docstring, py_string
from generator.render.markdown import markdown_code
from generator.render.shell import quote

HOSTILE = 'x"\n__import__("os").system("id")  # \u202e'


@pytest.mark.parametrize("value", [Code(HOSTILE), 3, True, "snake_case", "a.b.c", "_x1"])
def test_safe_values_pass(value: object) -> None:
    assert only_code(value) is value


@pytest.mark.parametrize("value", [HOSTILE, "a b", "", "x-y", "é", 1.5, None, b"x", ["a"]])
def test_everything_else_is_refused(value: object) -> None:
    with pytest.raises(UnsafeOutput):
        only_code(value)


def test_the_environment_enforces_it() -> None:
    assert environment().finalize is only_code
    with pytest.raises(UnsafeOutput):
        environment().from_string("{{ view }}").render(view=HOSTILE)
    assert environment().from_string("{{ view }}").render(view=py_string(HOSTILE)) == (
        py_string(HOSTILE)
    )


def test_a_view_that_forgets_to_quote_fails_loudly() -> None:
    forgot = SnippetView(
        docstring=HOSTILE,  # type: ignore[arg-type]  # what the type checker would also refuse
        import_groups=(),
        call="client.op",
        arguments=(),
    )
    with pytest.raises(RenderError, match="no quoting function made"):
        render_python("snippets/python.py.jinja", "snippets/python/op.py", forgot)
    with pytest.raises(RenderError, match="a bug in postgen"):
        render_text("snippets/python.py.jinja", "snippets/python/op.py", forgot)


def test_quoting_functions_make_code() -> None:
    for made in (
        py_string(HOSTILE),
        docstring(HOSTILE),
        quote(HOSTILE),
        comment(HOSTILE),
        markdown_code(HOSTILE),
    ):
        assert isinstance(made, Code)
        assert "\u202e" not in made  # a bidi control is written as an escape, never raw
