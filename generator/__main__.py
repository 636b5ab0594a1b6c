"""`python -m generator` runs the postgen CLI."""

from generator.launch import main

main()
