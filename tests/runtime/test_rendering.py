"""Rendering: the modules are black-clean, lint- and type-clean, with pinned public names."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import black
import pytest
from black.mode import TargetVersion

from generator.render.runtime import error_class_name, render_errors, render_runtime

from .conftest import Rendered

BLACK = black.Mode(target_versions={TargetVersion.PY311}, line_length=100)
RUFF = (sys.executable, "-m", "ruff", "check", "--isolated", "--select", "E,F,W,I,UP,B,RUF")
MYPY = (sys.executable, "-m", "mypy", "--strict", "--python-version", "3.11")
EVERY_STATUS = (*range(400, 452), *range(500, 512))


@pytest.mark.parametrize(
    ("package", "statuses"),
    [
        ("rtpkg", ()),
        ("rtpkg", (404,)),
        ("rtpkg", EVERY_STATUS),
        ("a", (200, 302, 400, 500, 600)),
        ("a_package_name_as_long_as_naming_allows_it_which_is_sixty_four_c", (409, 503)),
    ],
)
def test_black_changes_nothing(package: str, statuses: tuple[int, ...]) -> None:
    for text in (render_runtime(package), render_errors(package, statuses)):
        assert black.format_str(text, mode=BLACK) == text


def test_ruff_and_mypy_strict_are_clean(rendered: Rendered) -> None:
    package = rendered.root / "rtpkg"
    (package / "every_status.py").write_text(render_errors("rtpkg", EVERY_STATUS))
    try:
        ruff = subprocess.run(
            [*RUFF, "--line-length", "100", "--target-version", "py311", str(package)],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert ruff.returncode == 0, ruff.stdout + ruff.stderr
        mypy = subprocess.run(
            [*MYPY, "--cache-dir", str(rendered.root / ".mypy_cache"), str(package)],
            capture_output=True,
            text=True,
            cwd=rendered.root,
            timeout=300,
        )
        assert mypy.returncode == 0, mypy.stdout + mypy.stderr
    finally:
        (package / "every_status.py").unlink()


def _public(module: ModuleType) -> set[str]:
    """Names the module defines at top level (not imports) that do not start with ``_``."""
    assert module.__file__ is not None
    tree = ast.parse(Path(module.__file__).read_text())
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names.update(t.id for t in targets if isinstance(t, ast.Name))
    return {name for name in names if not name.startswith("_")}


def test_exported_names_are_pinned(rendered: Rendered) -> None:
    assert rendered.runtime.__all__ == [
        "MAX_REDIRECTS",
        "AsyncRuntime",
        "RequestSpec",
        "RetryPolicy",
        "SyncRuntime",
    ]
    assert set(rendered.runtime.__all__) == _public(rendered.runtime)
    assert rendered.errors.__all__ == [
        "REQUEST_ID_HEADERS",
        "ApiError",
        "BadRequestError",
        "ClientError",
        "ConflictError",
        "ForbiddenError",
        "InternalServerError",
        "NotFoundError",
        "ServerError",
        "ServiceUnavailableError",
        "Status418Error",
        "TooManyRequestsError",
        "UnauthorizedError",
        "error_from_response",
        "request_id_of",
    ]
    assert set(rendered.errors.__all__) == _public(rendered.errors)


@pytest.mark.parametrize(
    ("status", "name"),
    [
        (400, "BadRequestError"),
        (401, "UnauthorizedError"),
        (403, "ForbiddenError"),
        (404, "NotFoundError"),
        (409, "ConflictError"),
        (413, "ContentTooLargeError"),
        (414, "UriTooLongError"),
        (418, "Status418Error"),
        (422, "UnprocessableContentError"),
        (429, "TooManyRequestsError"),
        (499, "Status499Error"),
        (500, "InternalServerError"),
        (501, "NotImplementedApiError"),  # not the builtin NotImplementedError
        (503, "ServiceUnavailableError"),
        (505, "HttpVersionNotSupportedError"),
        (599, "Status599Error"),
    ],
)
def test_error_class_names(status: int, name: str) -> None:
    assert error_class_name(status) == name


def test_every_status_class_is_importable_and_distinct() -> None:
    names = [error_class_name(s) for s in EVERY_STATUS]
    assert len(set(names)) == len(names)
    namespace: dict[str, object] = {}
    exec(compile(render_errors("rtpkg", EVERY_STATUS), "errors.py", "exec"), namespace)
    for status in EVERY_STATUS:
        assert namespace["_BY_STATUS"][status].__name__ == error_class_name(status)  # type: ignore[index]


def test_rendering_is_deterministic_and_checks_the_package_name() -> None:
    assert render_errors("p", (500, 404, 404)) == render_errors("p", [404, 500])
    assert render_runtime("p") == render_runtime("p")
    for bad in ("not-a-name", "class", ""):
        with pytest.raises(ValueError, match="package name"):
            render_runtime(bad)
        with pytest.raises(ValueError, match="package name"):
            render_errors(bad, ())
