"""Collection text in the docs renders as that text, and a description cannot reach outside
its section, on GitHub (markdown-it, GFM) and in MkDocs (Python-Markdown) alike."""

from __future__ import annotations

import html
import re

from hypothesis import given, settings
from hypothesis import strategies as st
from rendered import github_html, mkdocs_html, outline

from generator.render.markdown import markdown_block, markdown_cell_code, markdown_text

RENDERERS = (github_html, mkdocs_html)
_TAG = re.compile(r"<(/?)([a-zA-Z0-9]+)")
_ALLOWED = {"p", "a", "code", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "br", "em"}
_ALLOWED |= {"strong", "ul", "ol", "li", "blockquote", "table", "thead", "tbody", "tr", "th"}
_ALLOWED |= {"td", "b", "i", "sup", "sub", "kbd", "u", "s", "del", "img"}

# Markdown and HTML that hostile or careless descriptions hold.
FRAGMENTS = [
    "# Heading",
    "Title\n=====",
    "Title\n-----",
    "###### deep",
    "```",
    "~~~python",
    "    indented code",
    "<script>alert(1)</script>",
    "<p>",
    "<div>",
    "<!-- comment",
    "<details><summary>x</summary>",
    "<img src=x onerror=alert(1)>",
    '<a id="op-x"></a>',
    "<b>bold</b>",
    "<br>",
    "[relative](/docs/page)",
    "[fragment](#somewhere)",
    "[page](other.md)",
    "[js](javascript:alert(1))",
    "![image](img.png)",
    "[absolute](https://example.invalid/x)",
    "[multi\nline](/x)",
    "[ref]: /relative",
    "<https://example.invalid/auto>",
    "| a | b |\n| - | - |\n| 1 | 2 |",
    "- item\n- item",
    "1. one",
    "> quote",
    "`code <b>`",
    "*emphasis*",
    "plain text",
    "\u202eRLO\u202c",
    "\x00",
    "\r\n",
    "",
]


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_a_line_of_text_renders_as_that_text(text: str) -> None:
    expected = " ".join("".join(ch for ch in text if ch.isprintable() or ch in "\t\n").split())
    for render in RENDERERS:
        got = render(f"Before: {markdown_text(text)}\n")
        assert got.startswith("<p>") and got.count("<p>") == 1
        assert _TAG.findall(got) == [("", "p"), ("/", "p")], got
        shown = html.unescape(got[len("<p>") : got.rindex("</p>")])
        assert shown.rstrip() == f"Before: {expected}".rstrip(), render


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_code_in_a_table_cell_is_shown_exactly(text: str) -> None:
    page = f"| a | b |\n| --- | --- |\n| {markdown_cell_code(text)} | x |\n"
    expected = " ".join(text.split("\n"))
    for render in RENDERERS:
        table = outline(render(page)).tables
        assert len(table) == 1 and len(table[0]) == 2
        cell = table[0][1][0]
        if expected.isprintable():
            assert cell == " ".join(expected.split())
        assert table[0][1][1] == "x"


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(FRAGMENTS), max_size=8),
    st.sampled_from([1, 2, 3]),
    st.sampled_from([None, "https://docs.example.invalid/en/"]),
)
def test_a_description_stays_inside_its_section(
    pieces: list[str], level: int, base: str | None
) -> None:
    description = markdown_block("\n".join(pieces), level, base)
    page = (
        f'{"#" * level} <a id="op-mine"></a>Mine\n\n{description}\n\n**After**\n\n'
        f'{"#" * level} <a id="op-next"></a>Next\n\n| x | y |\n| --- | --- |\n| 1 | 2 |\n'
    )
    outlines = []
    for render in RENDERERS:
        rendered = render(page)
        found = outline(rendered)
        outlines.append(found)
        # The section's own heading and the next one are there, at their level, and every
        # heading of the description sits below them.
        assert found.headings[0] == (level, "Mine") and found.headings[-1] == (level, "Next")
        assert all(depth > level for depth, _ in found.headings[1:-1])
        assert found.anchors == ["op-mine", "op-next"]
        assert found.tables[-1] == [["x", "y"], ["1", "2"]]
        assert "<strong>After</strong>" in rendered
        # No element outside plain Markdown's; links only to absolute http(s) addresses.
        assert {tag.lower() for _, tag in _TAG.findall(rendered)} <= _ALLOWED, rendered
        for href in found.links:
            assert href.startswith(("https://", "http://")), href
        assert "onerror" not in rendered.replace("onerror=alert", "") or "&lt;img" in rendered
    assert outlines[0].headings == outlines[1].headings


def test_headings_are_demoted_below_the_section() -> None:
    text = "# Overview\n\nSome text\n\n## Details\n"
    assert markdown_block(text, 2) == "### Overview\n\nSome text\n\n#### Details"
    assert markdown_block("Title\n===\n", 1) == "## Title"
    assert markdown_block("# a\n## b\n### c\n#### d\n##### e", 3).split("\n\n") == [
        "#### a",
        "##### b",
        "###### c",
        "###### d",
        "###### e",
    ]
    assert markdown_block("| a |\n| - |\n# b\ntext", 1) == "| a |\n| - |\n\n## b\n\ntext"


def test_unclosed_fence_is_closed_and_html_is_text() -> None:
    assert markdown_block("```js\nlet a = '<b>';", 2) == "```js\nlet a = '<b>';\n```"
    assert markdown_block("<script>x</script> and <b>b</b>", 2) == (
        "&lt;script>x&lt;/script> and <b>b</b>"
    )
    assert markdown_block("<b>at the start</b>", 2) == "&lt;b>at the start</b>"


def test_relative_links_keep_their_text() -> None:
    assert markdown_block("See [the guide](/docs/guide) now", 2) == "See the guide now"
    assert markdown_block("See [the\nguide](/docs/guide)", 2) == "See the\nguide"
    assert markdown_block("[x](https://a.invalid/p)", 2) == "[x](https://a.invalid/p)"
    assert markdown_block("![logo](logo.png)", 2) == "logo"
    assert markdown_block("[x](javascript:alert(1))", 2) == "x"
    assert markdown_block("[ref]: ../relative\n\n[ref]: https://a.invalid", 2) == (
        "\n\n[ref]: https://a.invalid"
    ).strip("\n")


def test_relative_links_resolve_against_the_docs_base_url() -> None:
    base = "https://docs.example.invalid/en/"
    assert markdown_block("[hooks](/rest/orgs/webhooks#update)", 2, base) == (
        "[hooks](https://docs.example.invalid/rest/orgs/webhooks#update)"
    )
    assert markdown_block("[page](guide/start.md)", 2, base) == (
        "[page](https://docs.example.invalid/en/guide/start.md)"
    )
    assert markdown_block("[x](javascript:alert(1))", 2, base) == "x"
    assert (
        markdown_block("[ref]: /a/b 'T'", 2, base) == "[ref]: https://docs.example.invalid/a/b 'T'"
    )
    assert markdown_block("[ref]: /a <script>", 2, base) == "[ref]: /a &lt;script>"
