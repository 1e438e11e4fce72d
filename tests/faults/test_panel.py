"""Issue 19 part 2: a build with no --city/--year builds every selection with one pool of jobs; a
selection that fails leaves the others' reports written, is named, and the exit is non-zero."""
from __future__ import annotations

import hashlib
from pathlib import Path

import nbformat
import pytest

from faultkit import tree_digest
from helpers.build import report

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("faults")]


def add_2020(world: Path) -> None:
    """A second selection: a 2020 summary with one figure."""
    data = world / "data"
    text = "全市研发投入支出达到101.2亿元\n"
    (data / "raw" / "summary2020.txt").write_text(text, encoding="utf-8")
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    with open(data / "sources.csv", "a", encoding="utf-8") as f:
        f.write(f"nanchang_2020,市科技局2020年工作总结,南昌市科学技术局,nanchang,2020,zh,,summary2020.txt,"
                f"{sha},work_summary,2026-11-28,official government document,whole,2021-08\n")
    with open(data / "indicators.csv", "a", encoding="utf-8") as f:
        f.write("rd_expenditure,nanchang,2019,actual,101.2,cny_100m,exact,nanchang_2020,"
                "全市研发投入支出达到101.2亿元,\n")


def add_failing_notebook(world: Path, year: int) -> None:
    params = nbformat.v4.new_code_cell('city = "nanchang"\nyear = 2021\nlang = "en"\n'
                                       'data_dir = "../data"\noutput_dir = "../reports/lab"')
    params.metadata["tags"] = ["parameters"]
    fail = nbformat.v4.new_code_cell(f'if year == {year}:\n    raise RuntimeError("made to fail")')
    nb = nbformat.v4.new_notebook(cells=[params, fail])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, world / "notebooks" / "11_fail.ipynb")


def panel(world: Path) -> list[str]:
    return ["--data-dir", str(world / "data"), "--notebooks", str(world / "notebooks"),
            "--output", str(world / "reports"), "--jobs", "2"]


def test_panel_builds_every_selection(world, capsys):
    add_2020(world)
    assert report.main(panel(world) + ["--year", "2021", "--force"]) == 0
    alone = tree_digest(world / "reports" / "nanchang" / "2021")
    capsys.readouterr()
    assert report.main(panel(world) + ["--force"]) == 0
    err = capsys.readouterr().err
    for year in (2020, 2021):
        assert f"report written to {world / 'reports' / 'nanchang' / str(year)}" in err
    assert tree_digest(world / "reports" / "nanchang" / "2021") == alone  # as built on its own
    assert (world / "reports" / "nanchang" / "2020" / "zh" / "index.html").is_file()


def test_a_failed_selection_leaves_the_others(world, capsys):
    add_2020(world)
    add_failing_notebook(world, 2020)
    old_2021 = tree_digest(world / "reports" / "nanchang" / "2021")
    assert report.main(panel(world) + ["--force"]) == 1
    lines = capsys.readouterr().err.strip().splitlines()
    assert lines[-1].startswith("helpers.build.report: 1 of 2 selections failed (nanchang 2020)"), lines[-1]
    assert any(ln.startswith("nanchang 2020: helpers.build.report: build failed: notebook 11_fail.ipynb")
               for ln in lines), lines
    new_2021 = tree_digest(world / "reports" / "nanchang" / "2021")
    assert "en/notebooks/11_fail.ipynb" in new_2021 and new_2021 != old_2021  # written
    assert not (world / "reports" / "nanchang" / "2020" / "en").exists()  # never published
    assert (world / "reports" / "nanchang" / "2020" / "failed" / "en" / "11_fail.ipynb").is_file()
    assert not list((world / "reports" / "nanchang").glob("*.tmp-*"))
