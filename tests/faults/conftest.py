"""Fixtures of the fault suite; the helpers they share live in faultkit.py (a module named
conftest would clash with tests/conftest.py when both are imported by name)."""
from faultkit import data_dir, good_world, world  # noqa: F401  (pytest fixtures)
