"""Fault injection tests (issue 11); a package, so its conftest does not shadow tests/conftest.py."""
