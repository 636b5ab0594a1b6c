"""Checks that collection text stays data in every output: Python, shell, Markdown, JSON.

Every string a test puts into a collection is wrapped in markers (``q~7~`` ... ``~7~q``) that
survive percent-encoding, host lower-casing and docstring wrapping, and that no identifier can
hold (``~``). The checks then find each marked value in the output and require it to sit in a
string literal or comment (Python), in one argument (shell), and to be shown, never obeyed.
"""

from __future__ import annotations

import ast
import bisect
import io
import json
import os
import re
import subprocess
import sys
import textwrap
import tokenize
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from generator.config import Config
from generator.pipeline import generate

# What breaks quoting, templates, terminals and curl's argument parsing. `pwnd` is a command
# the recorder puts on PATH: if a snippet ever runs it, the canary file appears.
FRAGMENTS = (
    "'",
    '"',
    "'''",
    '"""',
    "\\",
    "\\'",
    '\\"',
    "\\n",
    "\x00",
    "\r",
    "\n",
    "\r\n",
    "\t",
    "\x1b[31m",
    "\x7f",
    "\x85",
    "\u2028",
    "\u2029",
    "\u202a",
    "\u202b",
    "\u202c",
    "\u202d",
    "\u202e",
    "\u2066",
    "\u2067",
    "\u2068",
    "\u2069",
    "\u200e",
    "\u200f",
    "\u061c",
    "\ufeff",
    "\ud800",
    "\udfff",
    "{{",
    "}}",
    "{{x}}",
    "{%",
    "%}",
    "{% raw %}",
    "{# c #}",
    "${HOME}",
    "$(pwnd)",
    "`pwnd`",
    "; pwnd;",
    "| pwnd",
    "&& pwnd",
    "\npwnd\n",
    "#",
    "@/etc/passwd",
    "-o/tmp/pwned",
    "--next",
    "-",
    "@",
    "<",
    ">",
    "*",
    "[a]",
    "&",
    "=",
    "?",
    ":",
    "/",
    "%",
    "%00",
    "+",
    " ",
    "é",
    "中文",
    "\U0001d518",  # MATHEMATICAL FRAKTUR CAPITAL U
    "😀",
    "\U000e0041",
    "class",
    "import os",
    "__import__('os').system('pwnd')",
    "pgvarq7x0q7x",
    "\ue000postgen:placeholder\ue000",
    "x" * 300,
)

# A value that reaches a client is known by its markers; "~" never occurs in a fragment.
MARK = re.compile(r"q~(\d+)~|~(\d+)~q")

# Characters a generated file may hold raw: printable ones, newline, tab.
ALLOWED_RAW = re.compile(r"[^\n\t]")


def hidden_characters(text: str) -> list[tuple[int, str]]:
    """(line, character) of every character that is not printable (bidi, NUL, U+2028, ...)."""
    found = []
    line = 1
    for ch in text:
        if ch == "\n":
            line += 1
        elif ch != "\t" and not ch.isprintable():
            found.append((line, ch))
    return found


@dataclass
class Expected:
    """What the curl snippet of one request must pass to curl, argument by argument."""

    snippet: str
    """Request name (marked), to find the snippet by its title comment."""
    exact: list[str] = field(default_factory=list)
    """Arguments that must arrive exactly so."""
    decoded: list[str] = field(default_factory=list)
    """Texts that must be inside one argument once percent-decoded (URL and form parts)."""


def generate_tree(collection: Path, out: Path, package: str) -> Path:
    """Run the real pipeline in-process (load, parse, render, format, write)."""
    generate(Config(collection=collection, out=out, package=package))
    return out


def read_tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


# --- Python -------------------------------------------------------------------------------

_TEXT_TOKENS = frozenset({tokenize.STRING, tokenize.COMMENT})
_BETWEEN_TOKENS = _TEXT_TOKENS | {tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT}


def _offsets(source: str) -> list[int]:
    starts = [0]
    for line in source.splitlines(keepends=True):
        starts.append(starts[-1] + len(line))
    return starts


def python_problems(name: str, source: str) -> list[str]:
    """Why ``source`` is not safe: a syntax error, or a marked value outside text tokens."""
    try:
        tree = ast.parse(source)
    except SyntaxError as error:
        return [f"{name}: does not parse: {error}"]
    problems = []
    starts = _offsets(source)
    tokens = [
        (starts[t.start[0] - 1] + t.start[1], starts[t.end[0] - 1] + t.end[1], t.type)
        for t in tokenize.generate_tokens(io.StringIO(source).readline)
    ]

    token_starts = [start for start, _, _ in tokens]

    def token_at(offset: int) -> int:
        return max(bisect.bisect_right(token_starts, offset) - 1, 0)

    opened: dict[str, int] = {}
    for match in MARK.finditer(source):
        i = token_at(match.start())
        start, end, kind = tokens[i]
        if not (start <= match.start() and match.end() <= end and kind in _TEXT_TOKENS):
            line = source.count("\n", 0, match.start()) + 1
            problems.append(f"{name}:{line}: {match.group()!r} outside a string or comment")
        if match.group(1) is not None:
            opened[match.group(1)] = i
        elif match.group(2) in opened:
            # Everything from a value's start to its end is text: it did not break out.
            between = tokens[opened.pop(match.group(2)) : i + 1]
            if any(kind not in _BETWEEN_TOKENS for _, _, kind in between):
                line = source.count("\n", 0, match.start()) + 1
                problems.append(f"{name}:{line}: value {match.group(2)} spans code")
    # An f-string's replacement fields are code inside a STRING token: collection text has
    # no business in one (py_string makes plain literals).
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr) and MARK.search(
            ast.get_source_segment(source, node) or ""
        ):
            problems.append(f"{name}:{node.lineno}: marked value inside an f-string")
    return problems


class Importer:
    """A Python subprocess that imports generated packages: ``import_all(out, package)``."""

    _SCRIPT = textwrap.dedent(
        """
        import importlib, json, pkgutil, sys, traceback
        for line in sys.stdin:
            out, package = json.loads(line)
            sys.path.insert(0, out)
            try:
                module = importlib.import_module(package)
                names = [package]
                for info in pkgutil.walk_packages(module.__path__, package + "."):
                    importlib.import_module(info.name)
                    names.append(info.name)
                reply = {"ok": names}
            except BaseException:
                reply = {"error": traceback.format_exc()}
            finally:
                sys.path.remove(out)
            print(json.dumps(reply), flush=True)
        """
    )

    def __init__(self) -> None:
        self._process = subprocess.Popen(
            [sys.executable, "-c", self._SCRIPT],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
        )

    def import_all(self, out: Path, package: str) -> list[str]:
        """The modules imported; raises AssertionError with the traceback on failure."""
        assert self._process.stdin is not None and self._process.stdout is not None
        self._process.stdin.write(json.dumps([str(out), package]) + "\n")
        self._process.stdin.flush()
        reply = json.loads(self._process.stdout.readline())
        assert "ok" in reply, reply["error"]
        return list(reply["ok"])

    def close(self) -> None:
        assert self._process.stdin is not None
        self._process.stdin.close()
        self._process.wait(timeout=30)


# --- shell --------------------------------------------------------------------------------

RECORDER = """#!/bin/bash
# Stands in for curl: every argument, NUL-terminated, appended to $RECORD.
printf '%s\\0' "$@" > "$RECORD"
"""
CANARY = """#!/bin/bash
: > "$PWNED"
"""


def recorder_bin(directory: Path) -> Path:
    """A directory with a recording `curl` and a `pwnd` that leaves a canary file."""
    directory.mkdir(parents=True, exist_ok=True)
    for name, text in (("curl", RECORDER), ("pwnd", CANARY)):
        path = directory / name
        path.write_text(text)
        path.chmod(0o755)
    return directory


@dataclass(frozen=True)
class Recorded:
    argv: list[str]
    stderr: str


def run_snippet(snippet: Path, bin_dir: Path, scratch: Path) -> Recorded:
    """Check the snippet with `bash -n`, run it with the recorder and return curl's argv."""
    checked = subprocess.run(["bash", "-n", snippet], capture_output=True, text=True)
    assert checked.returncode == 0, f"{snippet}: bash -n: {checked.stderr}"
    record, pwned = scratch / "argv", scratch / "pwned"
    record.unlink(missing_ok=True)
    env = {"PATH": str(bin_dir), "RECORD": str(record), "PWNED": str(pwned), "HOME": str(scratch)}
    done = subprocess.run(
        ["/bin/bash", snippet], capture_output=True, cwd=scratch, env=env, timeout=30
    )
    stderr = done.stderr.decode("utf-8", "replace")
    assert not pwned.exists(), f"{snippet} ran a command from the collection: {stderr}"
    assert done.returncode == 0, f"{snippet}: exit {done.returncode}: {stderr}"
    assert record.exists(), f"{snippet} never ran curl"
    raw = record.read_bytes()
    # A lone surrogate is sent as U+FFFD, like Postman's UTF-8 encoder.
    argv = [arg.decode("utf-8") for arg in raw.split(b"\0")[:-1]]
    return Recorded(argv, stderr)


def argv_problems(name: str, argv: list[str], expected: Expected | None) -> list[str]:
    """A marked value split over arguments, or an expected argument missing or altered."""
    problems = []
    # A value that starts in one argument and ends in another broke out of its quoting. (A
    # value may be cut short where Postman reads URL structure: only its end is gone then.)
    marks = [[(m.group(1), m.group(2)) for m in MARK.finditer(arg)] for arg in argv]
    opens = [{o for o, _ in found if o} for found in marks]
    closes = [{c for _, c in found if c} for found in marks]
    for i, arg in enumerate(argv):
        for j in range(len(argv)):
            if j != i and opens[i] & closes[j] - opens[j]:
                problems.append(f"{name}: a value is split over arguments: {arg!r:.200}")
    if expected is not None:
        for text in expected.exact:
            if text not in argv:
                problems.append(f"{name}: argument {text!r:.200} missing; argv {argv!r:.600}")
        decoded = [unquote(arg) for arg in argv]
        for text in expected.decoded:
            if not any(text in arg for arg in decoded):
                problems.append(f"{name}: {text!r:.200} not in one argument; argv {argv!r:.600}")
    return problems


def sendable(text: str, argument: bool = True) -> str:
    """``text`` as it reaches curl: a lone surrogate is U+FFFD (what Postman's UTF-8 encoder
    sends); an ``argument`` ends at a NUL (the snippet says so in a comment)."""
    text = text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return text.partition("\x00")[0] if argument else text


def all_snippets(out: Path) -> Iterator[Path]:
    yield from sorted((out / "snippets" / "curl").rglob("*.sh"))
