"""Hand-made nasty collections (tests/adversarial/collections/) through the property checks,
plus the checks' own tests: each must be able to fail."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from nasty import (
    Importer,
    all_snippets,
    argv_problems,
    generate_tree,
    hidden_characters,
    python_problems,
    read_tree,
    recorder_bin,
    run_snippet,
)
from test_injection import check_snippets, check_tree

COLLECTIONS = sorted((Path(__file__).parent / "collections").glob("*.postman_collection.json"))


@pytest.fixture(scope="module")
def importer() -> Iterator[Importer]:
    worker = Importer()
    yield worker
    worker.close()


@pytest.mark.parametrize("collection", COLLECTIONS, ids=lambda p: p.name.split(".")[0])
def test_nasty_collection(collection: Path, tmp_path: Path, importer: Importer) -> None:
    package = "nasty_" + collection.name.split(".")[0].replace("-", "_")
    out = generate_tree(collection, tmp_path / "out", package)
    problems = check_tree(out, package, importer)
    problems += check_snippets(out, recorder_bin(tmp_path / "bin"), tmp_path, None)
    assert not problems, "\n".join(problems)
    again = generate_tree(collection, tmp_path / "again", package)
    assert read_tree(again) == read_tree(out)


def _curl_argv(tmp_path: Path, collection: str, snippet: str) -> list[str]:
    path = Path(__file__).parent / "collections" / f"{collection}.postman_collection.json"
    out = generate_tree(path, tmp_path / "out", "pkg")
    found = [p for p in all_snippets(out) if p.name == snippet]
    assert found, [p.name for p in all_snippets(out)]
    return run_snippet(found[0], recorder_bin(tmp_path / "bin"), tmp_path).argv


def test_curl_gets_at_and_dash_values_as_values(tmp_path: Path) -> None:
    argv = _curl_argv(tmp_path, "curl-options", "at_and_dash.sh")
    assert "X-File: @/etc/passwd" in argv
    assert "X-Dash: -o/tmp/pwned" in argv
    # A form-data text field goes as --form-string: curl reads no file from "@" or "<".
    assert argv[argv.index("@f=@/etc/passwd") - 1] == "--form-string"
    assert argv[argv.index("-F=<file") - 1] == "--form-string"


@pytest.mark.parametrize("snippet", ["at_body.sh", "dash_body.sh"])
def test_curl_reads_no_file_and_no_option_from_a_body(tmp_path: Path, snippet: str) -> None:
    argv = _curl_argv(tmp_path, "curl-options", snippet)
    body = argv[argv.index("--data-raw") + 1]
    assert body in ("@/etc/passwd", "--output /tmp/pwned")


def test_nul_in_an_argument_is_announced(tmp_path: Path) -> None:
    argv = _curl_argv(tmp_path, "control-characters", "sur_rogate_and_nul.sh")
    assert "X-Nul: a" in argv  # no argument can hold the NUL: cut there ...
    out = tmp_path / "out" / "snippets" / "curl" / "sur_rogate_and_nul.sh"
    assert "holds a NUL character" in out.read_text()  # ... and the snippet says so
    assert "X-Sur: \ufffd" in argv  # a lone surrogate is sent as Postman sends it


def test_markdown_drops_bidi_controls_from_prose(tmp_path: Path) -> None:
    """README prose shows collection names without their bidi controls (dropped, since an
    escape would not read as a name); code spans and literals show them escaped."""
    path = Path(__file__).parent / "collections" / "trojan-source.postman_collection.json"
    readme = (generate_tree(path, tmp_path / "out", "pkg") / "README.md").read_text()
    assert readme.splitlines()[0] == "# Bidi API"
    assert not hidden_characters(readme)


def test_marker_text_in_a_collection_is_not_a_variable(tmp_path: Path) -> None:
    """postgen's internal placeholder markers, written in a collection, stay text."""
    argv = _curl_argv(tmp_path, "control-characters", "sur_rogate_and_nul.sh")
    assert any("pgvarq7x0q7x=pgvarq7x1q7x" in arg for arg in argv)
    body = argv[argv.index("--data-raw") + 1]
    assert body.startswith("line1\r\nline2\u2028\u2029")  # cut at the NUL that follows


def test_manifest_keeps_every_name_exactly(tmp_path: Path) -> None:
    path = Path(__file__).parent / "collections" / "control-characters.postman_collection.json"
    out = generate_tree(path, tmp_path / "out", "pkg")
    manifest = json.loads((out / "postgen-manifest.json").read_text(encoding="utf-8"))
    source = json.loads(path.read_text())
    assert manifest["operations"][0]["item_path"] == [source["item"][0]["name"]]


# --- the checks themselves ----------------------------------------------------------------


@pytest.mark.parametrize(
    "source",
    [
        'x = "q~1~" + pwnd() + "~1~q"\n',  # broke out of a literal and back in
        "q~1~ = 1  # ~1~q\n",  # a name
        'x = f"q~1~{pwnd()}~1~q"\n',  # an f-string field
        'x = "q~1~"\n"""\n',  # does not parse
    ],
)
def test_python_check_catches_code(source: str) -> None:
    assert python_problems("x.py", source)


@pytest.mark.parametrize(
    "source",
    [
        'x = "q~1~ \\" ~1~q"  # q~2~ ~2~q\n',
        'x = (\n    "q~1~ a"\n    "b ~1~q"\n)\n',
        'def f():\n    """q~1~ docs\n\n    more ~1~q"""\n',
    ],
)
def test_python_check_passes_text(source: str) -> None:
    assert python_problems("x.py", source) == []


def test_argv_check_catches_a_split_value() -> None:
    assert argv_problems("s.sh", ["--header", "q~1~a", "b~1~q"], None)
    assert argv_problems("s.sh", ["--header", "q~1~a b~1~q"], None) == []


def test_hidden_characters_are_found() -> None:
    assert hidden_characters("ok\n\tok") == []
    assert hidden_characters("a\u202eb\nc\u2066") == [(1, "\u202e"), (2, "\u2066")]
