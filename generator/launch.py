"""Process entry point: Ctrl-C is handled even while the CLI's modules are still loading."""

from __future__ import annotations

import sys

__all__ = ["main"]


def main() -> None:
    """Import and run the CLI; an interrupt at any point ends quietly with status 130."""
    try:
        from generator.cli import main as cli_main

        cli_main()
    except KeyboardInterrupt:
        sys.stderr.write("postgen: interrupted; output left as it was\n")
        sys.exit(130)
