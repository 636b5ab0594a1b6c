"""Tests of the generated packages' signers (auth.py) against outside oracles."""
