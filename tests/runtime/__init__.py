"""Tests of the generated packages' static runtime (_runtime.py, errors.py)."""
