"""`python -m generator` runs the postgen CLI."""

from generator.cli import main

main()
