"""What a Markdown page renders to on GitHub and in MkDocs, reduced to what a reader sees.

GitHub renders GFM (CommonMark plus tables): markdown-it-py in CommonMark mode with tables
and strikethrough stands in for it. MkDocs renders with Python-Markdown and its default
extensions (toc, tables, fenced_code). Both HTML results are reduced to the same outline:
headings, tables, code blocks, links and anchors, so a test can require they agree.
"""

from __future__ import annotations

import html.parser
import urllib.parse
from dataclasses import dataclass, field

import markdown
from markdown_it import MarkdownIt

__all__ = ["Outline", "github_html", "mkdocs_html", "outline"]

_GFM = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


def github_html(text: str) -> str:
    return _GFM.render(text)


def mkdocs_html(text: str) -> str:
    return markdown.Markdown(extensions=["toc", "tables", "fenced_code"]).convert(text)


@dataclass
class Outline:
    headings: list[tuple[int, str]] = field(default_factory=list)
    tables: list[list[list[str]]] = field(default_factory=list)
    code: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    anchors: list[str] = field(default_factory=list)


class _Reader(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.outline = Outline()
        self._text: list[str] | None = None
        self._heading = 0
        self._in_pre = False
        self._row: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "a":
            if values.get("href") is not None:
                # markdown-it percent-encodes what Python-Markdown leaves as written.
                self.outline.links.append(urllib.parse.unquote(str(values["href"])))
            if values.get("id"):
                self.outline.anchors.append(str(values["id"]))
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self._heading, self._text = int(tag[1]), []
        elif tag == "pre":
            self._in_pre, self._text = True, []
        elif tag == "table":
            self.outline.tables.append([])
        elif tag == "tr":
            self._row = []
        elif tag in ("td", "th"):
            self._text = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6") and self._text is not None:
            self.outline.headings.append((self._heading, " ".join("".join(self._text).split())))
            self._text = None
        elif tag == "pre" and self._text is not None:
            # Python-Markdown empties whitespace-only lines of a code block.
            lines = "".join(self._text).split("\n")
            self.outline.code.append("\n".join(line if line.strip() else "" for line in lines))
            self._in_pre, self._text = False, None
        elif tag in ("td", "th") and self._text is not None and self._row is not None:
            self._row.append(" ".join("".join(self._text).split()))
            self._text = None
        elif tag == "tr" and self._row is not None:
            self.outline.tables[-1].append(self._row)
            self._row = None

    def handle_data(self, data: str) -> None:
        if self._text is not None:
            self._text.append(data)


def outline(html_text: str) -> Outline:
    reader = _Reader()
    reader.feed(html_text)
    reader.close()
    return reader.outline
