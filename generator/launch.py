"""Process entry point: Ctrl-C is handled even while the CLI's modules are still loading."""

from __future__ import annotations

import gc
import os
import sys

__all__ = ["main"]


def main() -> None:
    """Import and run the CLI; an interrupt at any point ends quietly with status 130."""
    # Before the imports too (cli.main turns the collector off for the run): importing the
    # CLI makes some 30k objects, and the collector's passes over them are wasted time.
    gc.disable()
    try:
        from generator.cli import main as cli_main

        cli_main()
        code: object = 0
    except KeyboardInterrupt:
        sys.stderr.write("postgen: interrupted; output left as it was\n")
        code = 130
    except SystemExit as done:
        code = done.code
    _leave(code)


def _leave(code: object) -> None:
    """End the process as ``sys.exit(code)`` would, without tearing its heap down: freeing
    a large collection's millions of objects one by one takes ~0.05 s and nothing needs it
    (postgen registers no exit handlers; output is flushed here)."""
    if code is None:
        code = 0
    elif not isinstance(code, int):
        sys.stderr.write(f"{code}\n")
        code = 1
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        code = code or 120  # as Python does when flushing stdout fails at exit
    os._exit(code)
