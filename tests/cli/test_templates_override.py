"""`--templates DIR` (and `templates = ...` in the config): a user's template replaces the
shipped one of the same path and nothing else; a broken one is reported as
`TEMPLATE-FILE:LINE: message`, with exit 1 and OUT left as it was."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from cli_support import OCI, ROOT, run, snapshot, tree

README = ROOT / "templates" / "project" / "README.md.jinja"


def _override(directory: Path, name: str, text: str) -> Path:
    path = directory / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path.resolve()


@pytest.fixture(scope="module")
def default_output(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    root = tmp_path_factory.mktemp("default")
    done = run("generate", OCI, "--out", root / "out", cwd=root)
    assert done.returncode == 0, done.stderr
    return tree(root / "out")


def _assert_only_readme_differs(out: Path, default: dict[str, bytes]) -> str:
    generated = tree(out)
    assert generated.keys() == default.keys()
    differ = {name for name in generated if generated[name] != default[name]}
    assert differ == {"README.md", "postgen-manifest.json"}
    manifest = json.loads(generated["postgen-manifest.json"])
    expected = json.loads(default["postgen-manifest.json"])
    del manifest["files"]["README.md"], expected["files"]["README.md"]
    assert manifest == expected  # the manifest differs by the README's hash only
    return generated["README.md"].decode()


def test_a_user_template_replaces_only_its_file(
    tmp_path: Path, default_output: dict[str, bytes]
) -> None:
    shipped = README.read_text(encoding="utf-8")
    assert "## Install\n" in shipped
    # Include a partial of the user's own: it replaces nothing and is not warned about.
    _override(
        tmp_path / "tpl",
        "project/README.md.jinja",
        shipped.replace("## Install\n", "{% include 'project/_support.md.jinja' %}\n## Install\n"),
    )
    _override(tmp_path / "tpl", "project/_support.md.jinja", "Support: see the team's wiki.\n")
    done = run("generate", OCI, "--out", "out", "--templates", "tpl", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "_support" not in done.stderr
    readme = _assert_only_readme_differs(tmp_path / "out", default_output)
    assert "Support: see the team's wiki.\n## Install\n" in readme  # (trim_blocks)
    # check with the same templates: up to date; with the shipped ones: stale (README).
    assert run("check", OCI, "--out", "out", "--templates", "tpl", cwd=tmp_path).returncode == 0
    stale = run("check", OCI, "--out", "out", cwd=tmp_path)
    assert stale.returncode == 1
    assert "stale: 2 changed, 0 missing, 0 extra" in stale.stderr


def test_templates_in_the_config_are_relative_to_it(
    tmp_path: Path, default_output: dict[str, bytes]
) -> None:
    shipped = README.read_text(encoding="utf-8")
    _override(tmp_path / "codegen" / "tpl", "project/README.md.jinja", "Custom.\n" + shipped)
    shutil.copy(OCI, tmp_path / OCI.name)
    (tmp_path / "codegen" / "postgen.toml").write_text(
        f'templates = "tpl"\n[[collections]]\ncollection = "../{OCI.name}"\nout = "../out"\n'
    )
    done = run("generate", cwd=tmp_path / "codegen")
    assert done.returncode == 0, done.stderr
    assert _assert_only_readme_differs(tmp_path / "out", default_output).startswith("Custom.\n")


def _with_docs_template(tmp_path: Path, name: str, old: str, new: str) -> dict[str, bytes]:
    """OUT as generated with the shipped ``docs/<name>`` edited (``old`` -> ``new``)."""
    shipped = (ROOT / "templates" / "docs" / name).read_text(encoding="utf-8")
    assert old in shipped
    _override(tmp_path / name, f"docs/{name}", shipped.replace(old, new))
    done = run("generate", OCI, "--out", f"{name}.out", "--templates", name, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    return tree(tmp_path / f"{name}.out")


def test_docs_page_and_operation_templates_can_be_replaced(
    tmp_path: Path, default_output: dict[str, bytes]
) -> None:
    """A page template that includes docs/operation.md.jinja itself (as the shipped one did
    before sections were rendered one by one) still has every field of an operation, and a
    replaced docs/operation.md.jinja writes every operation's section."""
    pages = {name for name in default_output if name.startswith("docs/")} - {
        "docs/index.md",
        "docs/models.md",
    }
    assert pages
    include = '{% include "docs/operation.md.jinja" %}\n'
    generated = _with_docs_template(tmp_path, "page.md.jinja", "{{ op.text -}}\n", include)
    assert all(generated[page] == default_output[page] for page in pages)

    owner = "Owner: the platform team.\n\n"
    generated = _with_docs_template(
        tmp_path, "operation.md.jinja", "**curl**\n", f"{owner}**curl**\n"
    )
    for page in pages:
        text = generated[page].decode()
        assert text.count(owner) == text.count("**curl**") > 0
        assert text.replace(owner, "") == default_output[page].decode()


def test_a_template_that_replaces_nothing_is_warned_about(tmp_path: Path) -> None:
    _override(tmp_path / "tpl", "project/READMe.md.jinja", "typo\n")
    done = run(
        "generate", OCI, "--out", "out", "--only", "curl", "--templates", "tpl", cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr
    assert (
        "tpl/project/READMe.md.jinja: warning: this template replaces no shipped template and "
        "no template includes it, so it is never used (templates are found by their path "
        "relative to the directory)\n"
    ) in done.stderr


BROKEN = [
    pytest.param(
        "project/README.md.jinja",
        "# {{ view.title }\n",
        1,
        re.escape("syntax error: unexpected '}'"),
        id="syntax",
    ),
    pytest.param(
        "project/README.md.jinja",
        "# {{ view.title }}\n\n{{ view.titel }}\n",
        3,
        r"undefined: '[\w.]+ object' has no attribute 'titel'",
        id="undefined-name",
    ),
    pytest.param(
        "project/README.md.jinja",
        "# {{ view.title }}\n{% for line in view.operations %}\n{{ 1 // 0 }}\n{% endfor %}\n",
        3,
        re.escape("ZeroDivisionError: integer division or modulo by zero"),
        id="exception",
    ),
    pytest.param(
        "project/README.md.jinja",
        "# {{ view.title }}\n\n{{ view.title | lower }}\n",
        3,
        re.escape(
            "a template printed a str no quoting function made: 'oracle cloud infrastructure "
            "core services - boot volume backups'; a template may print only the values its "
            "view prepared for that place (already quoted), not raw collection text"
        ),
        id="unquoted-text",
    ),
    pytest.param(
        "package/errors.py.jinja",
        '"""Errors."""\n\n\nclass Broken(:\n    pass\n',
        4,
        re.escape("writes oci_core/errors.py, which is not valid Python: line 4: invalid syntax"),
        id="invalid-python",
    ),
]


@pytest.mark.parametrize(("name", "text", "line", "message"), BROKEN)
def test_a_broken_user_template_is_one_line_with_its_file_and_line(
    tmp_path: Path, name: str, text: str, line: int, message: str
) -> None:
    out = tmp_path / "out"
    assert run("generate", OCI, "--out", out, cwd=tmp_path).returncode == 0
    before = snapshot(out)
    _override(tmp_path / "tpl", name, text)
    for command in ("generate", "check"):
        # The template's path as the user gave it (relative to the current directory).
        done = run(command, OCI, "--out", out, "--templates", "tpl", cwd=tmp_path)
        assert done.returncode == 1
        assert done.stdout == ""
        expected = f"tpl/{re.escape(name)}:{line}: {message}\n"
        assert re.fullmatch(expected, done.stderr), done.stderr
    # From a directory the templates are not in: the absolute path.
    (tmp_path / "elsewhere").mkdir()
    templates = (tmp_path / "tpl").resolve()
    done = run("generate", OCI, "--out", out, "--templates", templates, cwd=tmp_path / "elsewhere")
    assert done.stderr.startswith(f"{templates / name}:{line}: "), done.stderr
    (tmp_path / "elsewhere").rmdir()
    assert snapshot(out) == before  # OUT untouched
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "tpl"]  # no staging left


def test_templates_must_be_a_directory(tmp_path: Path) -> None:
    done = run("generate", OCI, "--out", "out", "--templates", "nowhere", cwd=tmp_path)
    assert done.returncode == 2
    assert "Directory 'nowhere' does not exist" in done.stderr
    assert not (tmp_path / "out").exists()
