"""Class 8 end to end on the real project: two builds with --force give byte-identical trees,
executed notebooks and manifest included (slow: each build runs every section notebook)."""
from __future__ import annotations

import os

import pytest

from faultkit import DATA, NOTEBOOKS, ROOT, tree_digest
from helpers.build import report


@pytest.mark.slow
def test_real_force_builds_are_byte_identical(tmp_path, monkeypatch):
    # the kernels run in notebooks/: they must import this checkout's helpers
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(
        [str(ROOT / "src")] + [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]))
    args = ["--city", "nanchang", "--year", "2021", "--force", "--data-dir", str(DATA),
            "--notebooks", str(NOTEBOOKS), "--output", str(tmp_path)]
    assert report.main(args) == 0
    first = tree_digest(tmp_path / "nanchang" / "2021")
    assert report.main(args) == 0
    assert tree_digest(tmp_path / "nanchang" / "2021") == first
    assert any(k.endswith(".ipynb") for k in first) and "manifest.json" in first
