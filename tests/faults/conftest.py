"""Fault injection: copy the project's data (and a built report) to a temporary folder, break one
thing, and check the answer: the exit code, one line naming what is wrong, and that the previous
report's files are unchanged byte for byte.

Most faults are checked on the functions (loader, parameters, cache, swap) without kernels; the
end-to-end builds are marked `slow`.
"""
from __future__ import annotations

import hashlib
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
NOTEBOOKS = ROOT / "notebooks"
FIXTURE_NOTEBOOKS = ROOT / "tests" / "fixtures" / "notebooks"
sys.path.insert(0, str(ROOT / "tests"))


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A private copy of data/ to break."""
    return Path(shutil.copytree(DATA, tmp_path / "data"))


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    """Replace text in a file; the text must be there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return i
    raise AssertionError(f"{needle!r} not in {path}")


def tree_digest(folder: Path) -> dict[str, str]:
    """sha256 of every file under folder, by relative path."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(Path(folder).rglob("*")) if p.is_file()}


def one_line(text: str) -> str:
    lines = [ln for ln in text.splitlines() if ln.strip()]
    assert len(lines) == 1, f"expected one line, got {len(lines)}:\n{text}"
    assert "Traceback" not in text
    return lines[0]
