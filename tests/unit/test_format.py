"""black formatting of generated modules, and the bug report when a template breaks Python."""

from __future__ import annotations

import ast

import black
import pytest
from black.mode import TargetVersion
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.errors import FormatError
from generator.format import format_blocks, format_python
from generator.render.literals import docstring, py_string


def test_formats_in_process() -> None:
    assert format_python("x = {'a':1}\n", path="p/m.py", template="t.jinja") == 'x = {"a": 1}\n'


def test_invalid_python_names_the_template_and_place() -> None:
    with pytest.raises(FormatError) as caught:
        format_python("def f(:\n", path="pkg/models.py", template="package/models.py.jinja")
    message = str(caught.value)
    assert message.startswith(
        "template package/models.py.jinja produced invalid Python at pkg/models.py:"
    )
    assert "1:6" in message


def test_blocks_only_long_ones_go_through_black() -> None:
    long_call = "x = f(" + ", ".join(f"argument_{i}" for i in range(12)) + ")"
    text = f'"""Doc."""\n\n\nclass A:\n    y = {{"a":1}}\n\n\n{long_call}\n'
    formatted = format_blocks(text, path="p/m.py", template="t.jinja")
    # The short block is left alone (black would requote it); the long one is black's.
    split_call = format_python(long_call + "\n", path="p", template="t")
    assert split_call.startswith("x = f(\n    argument_0,\n")
    assert formatted == f'"""Doc."""\n\n\nclass A:\n    y = {{"a":1}}\n\n\n{split_call}'


def test_blocks_still_report_invalid_python() -> None:
    with pytest.raises(FormatError) as caught:
        format_blocks("x = 1\n\n\ndef f(:\n", path="pkg/m.py", template="package/m.py.jinja")
    assert str(caught.value).startswith("template package/m.py.jinja produced invalid Python at")
    assert "4:7" in str(caught.value)


@settings(max_examples=500, deadline=None)
@given(st.text())
def test_py_string_is_the_literal_black_keeps(text: str) -> None:
    literal = py_string(text)
    assert ast.literal_eval(literal) == text
    line = f"x = {literal}\n"
    assert black.format_str(line, mode=black.Mode(line_length=10_000)) == line
    assert all(ch.isprintable() or ch == " " for ch in literal)  # no raw bidi, NUL or CR


@pytest.mark.parametrize(
    ("text", "literal"),
    [("a", '"a"'), ("it's", '"it\'s"'), ('say "hi"', "'say \"hi\"'"), ("\u202e", '"\\u202e"')],
)
def test_py_string_examples(text: str, literal: str) -> None:
    assert py_string(text) == literal


@settings(max_examples=300, deadline=None)
@given(st.text(), st.sampled_from([0, 4, 8]))
def test_docstring_is_what_black_keeps(text: str, indent: int) -> None:
    literal = docstring(text, indent)
    module = {
        0: f"{literal}\n",
        4: f"class A:\n    {literal}\n",
        8: f"class A:\n    def f(self) -> None:\n        {literal}\n",
    }[indent]
    mode = black.Mode(target_versions={TargetVersion.PY311}, line_length=100)
    assert black.format_str(module, mode=mode) == module
    # The words survive; control characters (bidi, NUL, CR, U+2028) become spaces.
    printable = "".join(ch if ch.isprintable() else " " for ch in text)
    assert ast.literal_eval(literal).split() == printable.split()


@settings(max_examples=200, deadline=None)
@given(
    st.text(max_size=80),
    st.lists(st.text(max_size=300), max_size=3),
    st.lists(st.tuples(st.from_regex(r"[a-z_]{1,20}", fullmatch=True), st.text()), max_size=3),
)
def test_docstring_sections_are_what_black_keeps(
    text: str, paragraphs: list[str], args: list[tuple[str, str]]
) -> None:
    literal = docstring(text, 8, paragraphs, args)
    module = f"class A:\n    def f(self) -> None:\n        {literal}\n"
    mode = black.Mode(target_versions={TargetVersion.PY311}, line_length=100)
    assert black.format_str(module, mode=mode) == module
    words = ast.literal_eval(literal).split()
    expected = " ".join([text, *paragraphs, *(f"{n}: {d}" for n, d in args)])
    printable = "".join(ch if ch.isprintable() else " " for ch in expected).split()
    assert [w for w in words if w != "Args:"] == [w for w in printable if w != "Args:"]
