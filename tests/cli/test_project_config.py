"""A repository's configuration: `postgen generate` / `postgen check` with no arguments read
postgen.toml or [tool.postgen] (here or in a parent), and bad configuration gets one line
per problem, `FILE: KEY.PATH: message`, with nothing written."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from cli_support import OCI, ROOT, pets, run, snapshot, tree, write_json

from generator.config import Part
from generator.project import find_config, load_project


def _project(root: Path, text: str, name: str = "pyproject.toml") -> Path:
    """A project with two collections (api/pets.json, api/oci.json) and a config file."""
    write_json(root / "api" / "pets.json", pets())
    shutil.copy(OCI, root / "api" / "oci.json")
    (root / name).write_text(text, encoding="utf-8")
    return root


TWO = """\
[project]
name = "shop"

[tool.postgen]
vars = "shell"

[[tool.postgen.collections]]
collection = "api/pets.json"
out = "sdk/pets"
package = "pets_sdk"

[[tool.postgen.collections]]
collection = "api/oci.json"
out = "sdk/oci-shell"
only = ["curl"]

[[tool.postgen.collections]]
collection = "api/oci.json"
out = "sdk/oci-postman"
only = ["curl"]
vars = "postman"
"""
BASE = '[[tool.postgen.collections]]\ncollection = "api/pets.json"\nout = "out"\n'
PARTS = ", ".join(part.value for part in Part)
LIST = "snippets/curl/boot_volume_backups/list_boot_volume_backups.sh"


def test_the_repository_lists_every_shipped_collection(monkeypatch: pytest.MonkeyPatch) -> None:
    """tests/run.sh runs a bare `postgen check`: it must cover every collection shipped."""
    monkeypatch.chdir(ROOT / "generator")
    found = find_config()
    assert found == ROOT / "pyproject.toml"
    project = load_project(found)
    listed = {(c.collection.resolve(), (c.out or Path()).resolve()) for c in project.configs}
    shipped = {
        (path, ROOT / "generated" / path.name.removesuffix(".postman_collection.json"))
        for path in (ROOT / "collections").glob("*.postman_collection.json")
    }
    assert shipped and listed == shipped


def test_generate_then_check_every_collection_from_a_subdirectory(tmp_path: Path) -> None:
    root = _project(tmp_path, TWO)
    (root / "api" / "deep").mkdir()
    done = run("generate", cwd=root / "api" / "deep")  # the config is two levels up
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    assert "sdk/pets: 2 operations, written (" in done.stderr
    assert "sdk/oci-shell: 5 operations, written (6 files new or changed, 0 removed" in done.stderr
    assert "sdk/oci-postman: 5 operations, written (6 files" in done.stderr
    assert (root / "sdk/pets/pets_sdk/_client.py").is_file()  # package = "pets_sdk"
    assert len(tree(root / "sdk/oci-shell")) == 6  # only = ["curl"]: 5 snippets, the manifest
    # vars = "shell" is the default of every collection; the third sets its own.
    assert 'https://iaas."${REGION}"' in (root / "sdk/oci-shell" / LIST).read_text()
    assert "https://iaas.{{region}}." in (root / "sdk/oci-postman" / LIST).read_text()

    checked = run("check", cwd=root)
    assert checked.returncode == 0, checked.stderr
    assert checked.stderr.startswith(
        "sdk/pets: up to date\nsdk/oci-shell: up to date\nsdk/oci-postman: up to date\n"
    )

    write_json(root / "api" / "pets.json", pets(extra=True))
    stale = run("check", cwd=root)
    assert stale.returncode == 1
    assert "missing: snippets/curl/delete_pet.sh\n" in stale.stdout
    assert re.search(
        r"^sdk/pets: stale: [1-9]\d* changed, [1-9]\d* missing, 0 extra; run: postgen generate$",
        stale.stderr,
        re.M,
    ), stale.stderr
    assert "sdk/oci-shell: up to date" in stale.stderr


def test_postgen_toml_has_the_keys_at_the_top_level(tmp_path: Path) -> None:
    config = """\
vars = "shell"

[[collections]]
collection = "api/pets.json"
out = "out"
only = ["curl"]
"""
    root = _project(tmp_path, config, "postgen.toml")
    # A pyproject.toml beside it is not read: postgen.toml wins.
    (root / "pyproject.toml").write_text('[tool.postgen]\ncollections = "broken"\n')
    done = run("generate", cwd=root)
    assert done.returncode == 0, done.stderr
    assert set(tree(root / "out")) == {
        "postgen-manifest.json",
        "snippets/curl/get_pet.sh",
        "snippets/curl/list_pets.sh",
    }


def test_config_option_names_the_file(tmp_path: Path) -> None:
    config = '[[collections]]\ncollection = "../api/pets.json"\nout = "../out"\nonly = ["curl"]\n'
    root = _project(tmp_path, "", "pyproject.toml")
    (root / "conf").mkdir()
    (root / "conf" / "codegen.toml").write_text(config)
    done = run("generate", "--config", "conf/codegen.toml", cwd=root)
    assert done.returncode == 0, done.stderr
    assert (root / "out" / "snippets" / "curl" / "list_pets.sh").is_file()
    (root / "out" / "snippets" / "curl" / "list_pets.sh").write_text("edited\n")
    stale = run("check", "--config", "conf/codegen.toml", cwd=root)
    assert stale.returncode == 1
    assert "run: postgen generate --config conf/codegen.toml\n" in stale.stderr


def test_a_collection_argument_ignores_the_config(tmp_path: Path) -> None:
    root = _project(tmp_path, "[tool.postgen]\ncollections = 3\n")
    done = run("generate", "api/pets.json", "--out", "out", "--only", "curl", cwd=root)
    assert done.returncode == 0, done.stderr
    assert (root / "out" / "snippets" / "curl" / "get_pet.sh").is_file()


def test_strict_in_the_config(tmp_path: Path) -> None:
    text = f"[tool.postgen]\nstrict = true\n{BASE.replace('pets', 'oci')}"
    root = _project(tmp_path, text)
    done = run("generate", cwd=root)
    assert done.returncode == 1
    assert done.stderr.endswith(
        "postgen: 5 warnings, errors with --strict: nothing written; --json lists every place\n"
    )
    assert not (root / "out").exists()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            '[tool.postgen]\n[[tool.postgen.collections]]\ncollection = "api/pets.json"\n',
            "pyproject.toml: tool.postgen.collections[0].out: required\n",
            id="missing-key",
        ),
        pytest.param(
            '[tool.postgen]\n[[tool.postgen.collections]]\ncollection = "api/pets.json"\nout = 3\n',
            "pyproject.toml: tool.postgen.collections[0].out: expected a string, got an "
            "integer: 3\n",
            id="wrong-type",
        ),
        pytest.param(
            f'[tool.postgen]\n{BASE}outt = "x"\n',
            "pyproject.toml: tool.postgen.collections[0].outt: unknown key; did you mean "
            "'out'? (known: auth, collection, docs_base_url, env, only, out, package, templates, "
            "vars)\n",
            id="unknown-key",
        ),
        pytest.param(
            f'[tool.postgen]\nstrict = "yes"\nvars = "bash"\n{BASE}only = ["curl", "pdf"]\n'
            'package = "1x"\nenv = "nowhere.json"\n',
            "pyproject.toml: tool.postgen.strict: expected true or false, got a string: 'yes'\n"
            "pyproject.toml: tool.postgen.vars: 'bash' is not one of postman, shell\n"
            "pyproject.toml: tool.postgen.collections[0].env: no such file: nowhere.json\n"
            f"pyproject.toml: tool.postgen.collections[0].only[1]: 'pdf' is not one of {PARTS}\n"
            "pyproject.toml: tool.postgen.collections[0].package: '1x' is not a valid Python "
            "import name\n",
            id="bad-values-all-at-once",
        ),
        pytest.param(
            f"[tool.postgen]\n{BASE}{BASE.replace('pets', 'oci')}",
            "pyproject.toml: tool.postgen.collections[1].out: the same directory as "
            "tool.postgen.collections[0].out\n",
            id="same-out",
        ),
        pytest.param(
            '[tool.postgen]\n[[tool.postgen.collections]]\ncollection = "api/gone.json"\n'
            'out = "out"\n',
            "pyproject.toml: tool.postgen.collections[0].collection: no such file: api/gone.json\n",
            id="missing-collection",
        ),
        pytest.param(
            "[tool.postgen]\ncollections = []\n",
            "pyproject.toml: tool.postgen.collections: must list at least one collection\n",
            id="no-collections",
        ),
        pytest.param(
            "[tool.postgen\n",
            "pyproject.toml: not valid TOML: Expected ']' at the end of a table declaration "
            "(at line 1, column 14)\n",
            id="not-toml",
        ),
    ],
)
def test_bad_config_is_one_line_per_problem(tmp_path: Path, text: str, expected: str) -> None:
    root = _project(tmp_path, text)
    before = snapshot(root)
    for command in ("generate", "check"):
        done = run(command, cwd=root)
        assert (done.returncode, done.stdout, done.stderr) == (1, "", expected)
    assert snapshot(root) == before


def test_bad_config_in_json(tmp_path: Path) -> None:
    root = _project(tmp_path, '[tool.postgen]\n[[tool.postgen.collections]]\nout = "x"\n')
    done = run("generate", "--json", cwd=root)
    assert done.returncode == 1
    document = json.loads(done.stdout)
    assert document["ok"] is False
    assert document["errors"] == [
        {
            "file": "pyproject.toml",
            "pointer": "tool.postgen.collections[0].collection",
            "message": "required",
        }
    ]


def test_collection_options_need_a_collection(tmp_path: Path) -> None:
    root = _project(tmp_path, f"[tool.postgen]\n{BASE}")
    done = run("generate", "--out", "x", "--only", "curl", cwd=root)
    assert done.returncode == 2
    assert done.stderr == (
        "postgen: --out, --only needs a COLLECTION argument; without one, the configuration "
        "file gives each collection its options\n"
    )
    assert run("check", "api/pets.json", cwd=root).stderr == (
        "postgen: --out is required with a COLLECTION argument\n"
    )


def test_no_config_anywhere(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "not-postgen"\n')
    done = run("check", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr == (
        "postgen: no COLLECTION given, and no postgen.toml or pyproject.toml with "
        f"[tool.postgen] in {tmp_path} or its parents\n"
    )


def test_the_pre_commit_hooks_run_postgen_without_file_names() -> None:
    """.pre-commit-hooks.yaml: each hook runs an installed `postgen` command on the whole
    configuration (pre-commit must not append file names: check takes no such arguments)."""
    text = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    hooks = re.findall(r"^- id: (\S+)\n((?:  .*\n|\s*\n)*)", text, re.M)
    fields = {name: dict(re.findall(r"^  (\w+): (.*)$", body, re.M)) for name, body in hooks}
    assert set(fields) == {"postgen-check", "postgen-generate"}
    for name, hook in fields.items():
        assert hook["entry"] == f"postgen {name.removeprefix('postgen-')}"
        assert hook["language"] == "python" and hook["pass_filenames"] == "false"
    assert 'postgen = "generator.launch:main"' in (ROOT / "pyproject.toml").read_text()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "      - id: postgen-check\n" in readme  # the pre-commit example
    assert "      - run: postgen check --strict\n" in readme  # the CI recipe
