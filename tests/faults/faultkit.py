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


# --- a small world for the build faults: fixture notebooks, minimal data, hashed 'helpers' -----

def make_world(root: Path) -> Path:
    import importlib.util  # tests/testkit.py holds the fixture data
    spec = importlib.util.spec_from_file_location("tests_testkit", ROOT / "tests" / "testkit.py")
    shared = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(shared)
    shared.fixture_data(root, "全市研发投入支出达到111.77亿元\n")
    shutil.copytree(FIXTURE_NOTEBOOKS, root / "notebooks")
    (root / "helpers").mkdir()
    (root / "helpers" / "metrics.py").write_text("X = 1\n", encoding="utf-8")
    return root


def config(world: Path, langs=("en", "zh"), **kw):
    from helpers.build import report
    return report.Config(city="nanchang", year=2021, langs=list(langs), jobs=2,
                         output=world / "reports", data_dir=world / "data",
                         notebook_dir=world / "notebooks", helpers_dir=world / "helpers",
                         quiet=True, **kw)


def cli(world: Path, *extra: str) -> list[str]:
    return ["--city", "nanchang", "--year", "2021", "--data-dir", str(world / "data"),
            "--notebooks", str(world / "notebooks"), "--output", str(world / "reports"), *extra]


@pytest.fixture(scope="session")
def good_world(tmp_path_factory) -> Path:
    """One good en+zh report of the fixture notebooks, built once per session."""
    from helpers.build import report
    world = make_world(tmp_path_factory.mktemp("good"))
    report.build(config(world))
    return world


@pytest.fixture
def world(good_world, tmp_path) -> Path:
    """A private copy of the good world (inputs and report) to break."""
    return Path(shutil.copytree(good_world, tmp_path / "world", symlinks=True))


def report_dir(world: Path) -> Path:
    return world / "reports" / "nanchang" / "2021"


def assert_refused(data_dir: Path, capsys, path: Path, needle: str, column: str, words: str) -> None:
    """The loader exits 2 with one line naming the file, the line holding `needle`, the column,
    and the words of the rule broken."""
    from helpers.data import load
    line = line_of(path, needle)
    assert load.main([str(data_dir)]) == 2
    msg = one_line(capsys.readouterr().err)
    assert msg.startswith(f"{path}, line {line}, column '{column}'"), msg
    assert words in msg, msg
