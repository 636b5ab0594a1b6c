"""Markdown from collection text that renders the same on GitHub (GFM) and in MkDocs
(Python-Markdown), and that cannot break the page around it.

Two dialects are targeted at once, so escapes are chosen from what both understand: a
backslash before ``\\ ` * _ [ ] # >`` (and the ``-``, ``+`` or ``.`` that would start a
list), character references for the rest (``<``, ``&``, ``|``, ``~``, a leading ``=``).

Postman descriptions are Markdown and stay Markdown (:func:`markdown_block`), but cannot
reach outside their section: their headings are demoted below it, an unclosed code fence
is closed, raw HTML is shown as text (a few plain inline tags excepted) and a link that
would leave the generated docs for a page that does not exist (a relative link) keeps its
text only.
"""

from __future__ import annotations

import html
import re
import urllib.parse
from typing import Final

from generator.render.code import Code
from generator.render.literals import visible

__all__ = [
    "markdown_anchor",
    "markdown_block",
    "markdown_cell_code",
    "markdown_code",
    "markdown_fence",
    "markdown_text",
]

_BACKSLASHED: Final = frozenset("\\`*_[]#>")
_REFERENCES: Final = {"<": "&lt;", "&": "&amp;", "|": "&#124;", "~": "&#126;"}
_NOT_PLAIN: Final = re.compile(r"[^\w ,.:/-]|_")
_LIST_START: Final = re.compile(r"([+-]|\d+\.|\d+\))(?=\s|$)")


_ESCAPES: Final = {ord(ch): "\\" + ch for ch in _BACKSLASHED} | {
    ord(ch): reference for ch, reference in _REFERENCES.items()
}


def _printable(text: str) -> str:
    """``text`` without what is not printable (controls, bidi, U+2028), tabs and newlines kept."""
    return "\n".join(
        line if line.isprintable() else "".join(ch for ch in line if ch.isprintable() or ch == "\t")
        for line in text.split("\n")
    )


def _escape(text: str) -> str:
    return text.translate(_ESCAPES)


def markdown_text(text: str) -> Code:
    """Collection text as one line of Markdown that renders as exactly that text (in a
    table cell too: ``|`` is written as a character reference)."""
    line = " ".join(_printable(text).split())
    escaped = _escape(line)
    start = _LIST_START.match(escaped)
    if start:  # "- x", "1. x" at the start of a line would be a list
        escaped = escaped[: start.end() - 1] + "\\" + escaped[start.end() - 1 :]
    if escaped.startswith("="):  # a setext underline
        escaped = "&#61;" + escaped[1:]
    return Code(escaped)


def markdown_code(text: str) -> Code:
    """Collection text as one Markdown code span, shown exactly (on one line)."""
    line = visible(text.replace("\r\n", " ").replace("\n", " "))
    longest = max((len(run) for run in re.findall("`+", line)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if line.startswith("`") or line.endswith("`") or not line.strip() else ""
    return Code(f"{fence}{pad}{line}{pad}{fence}")


def markdown_cell_code(text: str) -> Code:
    """Text shown as code inside a table cell: an HTML ``<code>`` element whose every
    character that either dialect could read as markup is a character reference (a code
    span cannot hold ``|`` in a table the same way in both)."""
    line = visible(" ".join(text.split("\n")))
    body = _NOT_PLAIN.sub(lambda match: f"&#{ord(match[0])};", line)
    return Code(f"<code>{body}</code>")


def markdown_fence(text: str, language: str) -> Code:
    """``text`` (our generated code) as a fenced Markdown block no line of it can close."""
    longest = max((len(run) for run in re.findall("`{3,}", text)), default=2)
    fence = "`" * (longest + 1)
    lines = "".join("\t".join(map(visible, line.split("\t"))) + "\n" for line in text.splitlines())
    return Code(f"{fence}{language}\n{lines}{fence}")


_ANCHOR_ID: Final = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")


def markdown_anchor(identifier: str) -> Code:
    """An HTML anchor both GitHub and MkDocs link to with ``#identifier`` (a heading's own
    id differs between them for most titles)."""
    if not _ANCHOR_ID.fullmatch(identifier):
        raise ValueError(f"not an anchor id: {identifier!r}")
    return Code(f'<a id="{identifier}"></a>')


# --- Markdown blocks (descriptions) ------------------------------------------------------

_FENCE_OPEN: Final = re.compile(r" {0,3}(`{3,}|~{3,})(.*)")
_ATX: Final = re.compile(r" {0,3}(#{1,6})(?=[ \t]|$)(.*)")
_SETEXT: Final = re.compile(r" {0,3}(=+|-+)[ \t]*")
_SAFE_SCHEMES: Final = ("http://", "https://", "mailto:", "ftp://")
# Plain inline tags (no attributes) are kept, except at the start of a line, where
# either dialect would begin an HTML block that swallows the Markdown after it.
_INLINE_TAGS: Final = "b|i|em|strong|code|sup|sub|kbd|u|s|br"
_INLINE: Final = re.compile(
    r"(?P<code>(?P<ticks>`+).+?(?<!`)(?P=ticks)(?!`))"
    r"|(?P<autolink><(?:https?|mailto|ftp):[^\s<>]*>)"
    rf"|(?P<tag></?(?:{_INLINE_TAGS})\s*/?>)"
    r"|(?P<link>(?P<bang>!?)\[(?P<text>[^\[\]]*)\]"
    r"\((?P<target>[^()\s]*(?:\([^()\s]*\)[^()\s]*)*)(?P<title>\s+(?:\"[^\"]*\"|'[^']*'))?\))"
    r"|(?P<raw><(?=[A-Za-z/!?]))",
    re.IGNORECASE,
)
_DEFINITION: Final = re.compile(
    r" {0,3}\[[^\]]+\]:[ \t]*([^\s<>]+)(?:[ \t]+(?:\"[^\"<>]*\"|'[^'<>]*'))?[ \t]*"
)


def _target(target: str, base: str | None) -> str | None:
    """Where a link may point: an absolute http(s)/mailto/ftp address as it is, a relative
    one resolved against ``base`` (the collection's documentation site), else nowhere."""
    if target.lower().startswith(_SAFE_SCHEMES):
        return target
    if base is None or re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", target):
        return None  # javascript:, data:, ... or nothing to resolve against
    resolved = urllib.parse.urljoin(base, target)
    return resolved if resolved.lower().startswith(_SAFE_SCHEMES) else None


def _inline(line: str, base: str | None = None) -> str:
    """Lines of a paragraph: raw HTML shown as text, links that lead nowhere unlinked."""

    def replace(match: re.Match[str]) -> str:
        if match["code"] or match["autolink"]:
            return match[0]
        if match["tag"]:
            line_start = match.string.rfind("\n", 0, match.start()) + 1
            starts_line = not match.string[line_start : match.start()].strip()
            return "&lt;" + match[0][1:] if starts_line else match[0]
        if match["link"]:
            text = _inline(match["text"], base)
            target = _target(match["target"], base)
            if target is None or re.search(r"[\s()<>]", target):
                return text
            title = match["title"] or ""
            return f"{match['bang']}[{text}]({target}{html.escape(title, False)})"
        return "&lt;"

    return _INLINE.sub(replace, line)


def markdown_block(text: str, level: int, base: str | None = None) -> Code:
    """A Postman description as Markdown inside a section whose heading has ``level``: its
    headings demoted below it (at most h6), code fences closed, raw HTML shown as text,
    relative links resolved against ``base`` (when given) or reduced to their text, and so
    are link definitions."""
    lines = _printable(text.replace("\r\n", "\n").replace("\r", "\n")).split("\n")
    out: list[str] = []
    headings: dict[int, tuple[int, str]] = {}  # index in out -> (level, title)
    plain: list[int] = []  # indexes of Markdown text lines (not code, headings or blank)
    fence: str | None = None
    for line in lines:
        if fence is not None:
            out.append(line)
            stripped = line.strip()
            if stripped.startswith(fence) and not stripped.strip(fence[0]):
                fence = None
            continue
        opened = _FENCE_OPEN.fullmatch(line)
        if opened and not (opened[1][0] == "`" and "`" in opened[2]):
            fence = opened[1]
            out.append(line)
            continue
        atx = _ATX.fullmatch(line)
        setext = _SETEXT.fullmatch(line)
        definition = _DEFINITION.fullmatch(line)
        if atx:
            title = _inline(atx[2].strip().rstrip("#").strip(), base)
            headings[len(out)] = (len(atx[1]), title)
            out.append("")
        elif setext and plain and plain[-1] == len(out) - 1:
            title = _inline(out[-1].strip(), base)
            headings[plain.pop()] = (1 if setext[1][0] == "=" else 2, title)
        elif definition:
            target = _target(definition[1], base)
            start, end = definition.span(1)
            out.append("" if target is None else line[:start] + target + line[end:])
        else:
            if line.strip():
                plain.append(len(out))
            out.append(line)
    if fence is not None:
        out.append(fence)
    for start, end in _runs(plain):
        # A link or code span may cross lines of a paragraph: each run is read as one text.
        out[start:end] = _inline("\n".join(out[start:end]), base).split("\n")
    if not headings:
        return Code("\n".join(out).strip("\n"))
    shift = max(0, level + 1 - min(depth for depth, _ in headings.values()))
    result: list[str] = []
    for index, line in enumerate(out):
        if index in headings:
            depth, title = headings[index]
            # Blank lines around: Python-Markdown would read a heading that follows a table
            # row without one as a row.
            if result and result[-1]:
                result.append("")
            result.append("#" * min(6, depth + shift) + (" " + title if title else ""))
        elif index - 1 in headings and line:
            result += ["", line]
        else:
            result.append(line)
    return Code("\n".join(result).strip("\n"))


def _runs(indexes: list[int]) -> list[tuple[int, int]]:
    """Consecutive indexes as ``(start, end)`` slices."""
    runs: list[tuple[int, int]] = []
    for index in indexes:
        if runs and runs[-1][1] == index:
            runs[-1] = (runs[-1][0], index + 1)
        else:
            runs.append((index, index + 1))
    return runs
