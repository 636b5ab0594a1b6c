"""The Markdown reference (OUT/docs): built by MkDocs in strict mode, every link and anchor
resolving, the same outline on GitHub and in MkDocs, and the snippets included as written.

The pages come from the real CLI over the shipped example, every corpus collection and the
adversarial collections (hostile names and descriptions)."""

from __future__ import annotations

import functools
import html.parser
import json
import posixpath
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import ROOT, corpus_collections, corpus_output, run_cli, scratch_dir
from rendered import github_html, mkdocs_html, outline

ADVERSARIAL = sorted((ROOT / "tests" / "adversarial" / "collections").glob("*.json"))
SHIPPED = ROOT / "generated" / "oci_core"


def _v2(path: Path) -> bool:
    return "item" in json.loads(path.read_text(encoding="utf-8-sig"))


@functools.cache
def _adversarial(collection: Path) -> Path:
    out = scratch_dir() / "docs-adversarial" / collection.name.split(".")[0]
    done = run_cli("generate", collection, "--out", out)
    assert done.returncode == 0, done.stderr
    return out


def _sources() -> dict[str, Callable[[], Path]]:
    """Every OUT whose docs the tests read, by name, generated when first asked for."""
    found: dict[str, Callable[[], Path]] = {"oci_core-shipped": lambda: SHIPPED}
    for collection in corpus_collections():
        if _v2(collection):
            found[collection.name.split(".")[0]] = functools.partial(corpus_output, collection)
    for collection in ADVERSARIAL:
        name = "adversarial-" + collection.name.split(".")[0]
        found[name] = functools.partial(_adversarial, collection)
    return found


SOURCES = _sources()


def out_of(name: str) -> Path:
    return SOURCES[name]()


def _pages(out: Path) -> dict[str, str]:
    return {
        path.name: path.read_text(encoding="utf-8") for path in sorted((out / "docs").glob("*.md"))
    }


class _Links(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "id" and value:
                self.ids.add(value)
            if tag == "a" and name == "href" and value is not None:
                self.hrefs.append(value)


def _links(html_text: str) -> _Links:
    parser = _Links()
    parser.feed(html_text)
    return parser


def _internal(href: str) -> bool:
    return ":" not in href.split("/")[0] and not href.startswith("//")


def _unresolved(pages: dict[str, str], suffix: str = ".md") -> list[str]:
    """Every internal link of rendered ``pages`` (name -> HTML) whose page or id is missing."""
    parsed = {name: _links(text) for name, text in pages.items()}
    broken = []
    for name, links in parsed.items():
        for href in links.hrefs:
            if not _internal(href):
                continue
            path, _, fragment = href.partition("#")
            target = (
                posixpath.normpath(posixpath.join(posixpath.dirname(name), path)) if path else name
            )
            if target not in parsed or not target.endswith(suffix):
                broken.append(f"{name}: {href}: no page {target}")
            elif fragment and fragment not in parsed[target].ids:
                broken.append(f"{name}: {href}: no anchor #{fragment} in {target}")
    return broken


@pytest.mark.parametrize("name", list(SOURCES))
def test_links_and_anchors_resolve_on_github_and_in_mkdocs(name: str) -> None:
    pages = _pages(out_of(name))
    assert {"index.md", "models.md"} <= set(pages)
    for render in (github_html, mkdocs_html):
        rendered = {page: render(text) for page, text in pages.items()}
        assert _unresolved(rendered) == []
        assert sum(len(_links(text).hrefs) for text in rendered.values()) > 0


@pytest.mark.parametrize("name", list(SOURCES))
def test_github_and_mkdocs_render_the_same_outline(name: str) -> None:
    for page, text in _pages(out_of(name)).items():
        github, mkdocs = outline(github_html(text)), outline(mkdocs_html(text))
        assert github.headings == mkdocs.headings, page
        assert github.tables == mkdocs.tables, page
        # Python-Markdown expands tabs (to 4 columns) before it reads a page.
        assert [block.expandtabs(4) for block in github.code] == mkdocs.code, page
        assert github.links == mkdocs.links, page
        assert github.anchors == mkdocs.anchors, page
        # A table row has as many cells as its header: no cell text split a row.
        for table in github.tables:
            assert {len(row) for row in table} == {len(table[0])}, page


@pytest.mark.parametrize("name", list(SOURCES))
def test_every_operation_has_a_section_with_its_snippets_as_written(name: str) -> None:
    out = out_of(name)
    manifest = json.loads((out / "postgen-manifest.json").read_text(encoding="utf-8"))
    blocks = {}
    for page, text in _pages(out).items():
        blocks[page] = outline(github_html(text))
    for op in manifest["operations"]:
        page, _, anchor = op["docs"].partition("#")
        assert page.startswith("docs/") and anchor in blocks[page[5:]].anchors
        code = blocks[page[5:]].code
        for snippet in (op["curl"], op["python"]):
            text = (out / snippet).read_text(encoding="utf-8")
            if all(ch.isprintable() or ch in "\n\t\r" for ch in text):
                assert _as_rendered(text) in code, (op["pointer"], snippet)


def _as_rendered(text: str) -> str:
    """Text as a Markdown code block shows it: CR as a line break, blank lines empty."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line if line.strip() else "" for line in lines)


def test_mkdocs_builds_every_docs_tree_in_strict_mode(tmp_path: Path) -> None:
    """One MkDocs site holding every tree (each in its own folder), built with --strict and
    every link validation at warning level, so a broken link or anchor fails the build; then
    the built HTML is checked once more, link by link."""
    docs = tmp_path / "docs"
    for index, name in enumerate(SOURCES):
        shutil.copytree(out_of(name) / "docs", docs / f"c{index}")
    (docs / "index.md").write_text(
        "# All\n\n" + "".join(f"- [c{i}](c{i}/index.md)\n" for i in range(len(SOURCES)))
    )
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "site_name: postgen docs test\n"
        f"docs_dir: {docs}\nsite_dir: {tmp_path / 'site'}\n"
        "use_directory_urls: false\n"
        "validation:\n  omitted_files: warn\n  absolute_links: warn\n"
        "  unrecognized_links: warn\n  anchors: warn\n"
    )
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config)],
        capture_output=True,
        text=True,
        timeout=1200,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "WARNING" not in done.stderr
    site = tmp_path / "site"
    pages = {
        str(path.relative_to(site)): path.read_text(encoding="utf-8")
        for path in site.rglob("*.html")
        if path.name != "404.html"  # the theme's, linking the site's root by absolute URL
    }
    assert len(pages) >= 3 * len(SOURCES)
    assert _unresolved(pages, ".html") == []


def test_shipped_docs_say_what_a_reader_needs() -> None:
    pages = _pages(SHIPPED)
    index, page, models = pages["index.md"], pages["boot_volume_backups.md"], pages["models.md"]
    assert index.startswith("# Oracle Cloud Infrastructure Core Services - Boot Volume Backups\n")
    assert "`https://iaas.{{region}}.oraclecloud.com/20160918`" in index
    assert "`$OCI_CORE_BASE_URL`" in index
    assert "OCI config file" in index
    assert "pip install ." in index and "from oci_core import Client" in index
    manifest = json.loads((SHIPPED / "postgen-manifest.json").read_text(encoding="utf-8"))
    for op in manifest["operations"]:
        assert f"]({op['docs'][5:]})" in index  # the contents link every operation
    create = outline(github_html(page))
    assert (2, "CreateBootVolumeBackup") in create.headings
    tables: dict[tuple[str, ...], list[list[str]]] = {}
    for table in create.tables:  # the first of each kind: CreateBootVolumeBackup's
        tables.setdefault(tuple(table[0]), table[1:])
    parameters = tables[("Name", "In", "Argument", "Type", "Required", "Description", "Example")]
    assert ["opc-retry-token", "header", "opc_retry_token", "str", "no"] == parameters[0][:5]
    assert parameters[0][5].startswith("A token that uniquely identifies a request")
    fields = tables[("Field", "Type", "Required", "Description")]
    assert ["bootVolumeId", "str", "yes", ""] in fields
    headers = tables[("Header", "Value")]
    assert ["etag", "officia sed"] in headers and ["Date", ""] not in headers
    assert "**200 OK** · The boot volume backup is being created." in page
    assert "[BootVolumeBackup](models.md#model-BootVolumeBackup)" in page
    assert '## <a id="model-BootVolumeBackup"></a>BootVolumeBackup' in models
