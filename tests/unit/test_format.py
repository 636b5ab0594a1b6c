"""black formatting of generated modules, and the bug report when a template breaks Python."""

from __future__ import annotations

import pytest

from generator.errors import FormatError
from generator.format import format_python


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
