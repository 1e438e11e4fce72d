"""Classes 2, 3, 4, 7 and 8 on the build: wrong selections and parameters are refused with exit 2
and one line, the cache cannot be poisoned, a one-language build keeps the other language,
messages say what happened, and rebuilds are byte-identical.

The builds here run the tiny fixture notebooks (a few seconds each); the good report is built
once per session and copied per test.
"""
from __future__ import annotations

import dataclasses
import json
import tempfile
from pathlib import Path

import pytest

from faultkit import cli, config, edit, one_line, report_dir, tree_digest
from helpers.build import cache as build_cache
from helpers.build import report

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("faults")]


def refused(world: Path, capsys, *args: str, code: int = 2) -> str:
    before = tree_digest(report_dir(world))
    assert report.main(cli(world, *args)) == code
    msg = one_line(capsys.readouterr().err)
    assert tree_digest(report_dir(world)) == before, "the previous report was changed"
    assert not list(report_dir(world).parent.glob("2021.tmp-*"))
    return msg


# --- class 2: an empty or ambiguous selection ----------------------------------------------

def test_two_work_summaries_for_one_selection(world, capsys):
    sources = world / "data" / "sources.csv"
    lines = sources.read_text("utf-8").splitlines(keepends=True)
    sources.write_text("".join(lines) + lines[1].replace("nanchang_2021", "nanchang_2021b", 1),
                       encoding="utf-8")
    msg = refused(world, capsys)
    assert "lines 2 and 3 are both work summaries for nanchang 2021" in msg


def test_other_kinds_beside_the_summary_are_not_ambiguous(world):
    sources = world / "data" / "sources.csv"
    lines = sources.read_text("utf-8").splitlines()
    rows = [lines[0] + ",kind", lines[1] + ",work_summary",
            lines[1].replace("nanchang_2021", "nanchang_2021_plan", 1) + ",work_plan"]
    sources.write_text("\n".join(rows) + "\n", encoding="utf-8")
    report.check_selection("nanchang", 2021, world / "data")


def test_no_indicator_rows_for_the_selection(world, capsys):
    path = world / "data" / "indicators.csv"
    path.write_text(path.read_text("utf-8").splitlines()[0] + "\n", encoding="utf-8")
    msg = refused(world, capsys)
    assert "no rows for nanchang_2021" in msg


def test_indicator_rows_of_another_source_only(world, capsys):
    # the loader's check comes first, with the loader's message (one set of checks)
    edit(world / "data" / "indicators.csv", ",nanchang_2021,", ",other_2020,")
    msg = refused(world, capsys)
    assert "indicators.csv, line 2, column 'source'" in msg and "source not in sources.csv" in msg


# --- class 7: parameters and messages ----------------------------------------------------

def test_output_is_a_file(world, capsys):
    target = world / "a_file"
    target.write_text("x", encoding="utf-8")
    assert report.main(cli(world, "--output", str(target))) == 2
    assert "is a file, not a folder" in one_line(capsys.readouterr().err)


def test_output_below_a_file(world, capsys):
    target = world / "a_file"
    target.write_text("x", encoding="utf-8")
    assert report.main(cli(world, "--output", str(target / "reports"))) == 2
    assert "is a file, not a folder" in one_line(capsys.readouterr().err)


def test_kernel_death_is_not_called_before_any_cell(tmp_path):
    job = report.Job(Path("05_x.ipynb"), "en", "k")
    res = {"ok": False, "cell": None, "source": "", "ename": "DeadKernelError",
           "evalue": "Kernel died"}
    msg = report.failure_message(job, res, tmp_path / "failed" / "en" / "05_x.ipynb")
    assert "before any cell ran" not in msg and "kernel or the runtime failed" in msg
    assert "no executed notebook was written" in msg and "kept at" not in msg


def test_long_tmpdir_falls_back(monkeypatch, tmp_path):
    deep = tmp_path / ("d" * 120)
    deep.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(deep))
    folder = report.ipc_dir()
    assert folder is None or len(folder) < 60
    manager = report.ipc_kernels()()
    assert manager.transport == ("ipc" if folder else "tcp")
    if folder:
        assert manager.ip.startswith(folder)


def test_failed_keeps_only_the_latest_failure(world, capsys):
    stale = report_dir(world) / "failed" / "en" / "04_fixed_since.ipynb"
    stale.parent.mkdir(parents=True)
    stale.write_text("{}", encoding="utf-8")
    nb = json.loads((world / "notebooks" / "02_chart.ipynb").read_text("utf-8"))
    nb["cells"].append({"cell_type": "code", "metadata": {}, "outputs": [],
                        "execution_count": None, "source": "1 / 0", "id": "boom"})
    (world / "notebooks" / "02_chart.ipynb").write_text(json.dumps(nb), encoding="utf-8")
    assert report.main(cli(world, "--lang", "en")) == 1
    err = capsys.readouterr().err
    assert "ZeroDivisionError" in err and "Traceback" not in err
    failed = sorted(p.name for p in (report_dir(world) / "failed" / "en").iterdir())
    assert failed == ["02_chart.ipynb"] or failed == ["02_chart.ipynb", "02_chart.log"]


# --- class 3: the cache ------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["[]", "null", '{"jobs": []}', '{"jobs": {"a": 1}}',
                                  '{"html": {"en": "x"}}', "{", ""])
def test_manifest_of_the_wrong_shape_is_an_empty_cache(tmp_path, text):
    (tmp_path / "manifest.json").write_text(text, encoding="utf-8")
    previous = build_cache.read_manifest(tmp_path)
    assert isinstance(previous, dict)
    assert build_cache.reusable(previous, "a", "k", tmp_path) is None


def test_manifest_cannot_point_outside_the_report(tmp_path):
    (tmp_path / "manifest.json").write_text(json.dumps(
        {"jobs": {"a": {"key": "k", "files": {"../../etc/passwd": "0" * 64}}}}), encoding="utf-8")
    assert build_cache.read_manifest(tmp_path)["jobs"] == {}


def test_build_over_a_list_manifest(world):
    (report_dir(world) / "manifest.json").write_text("[]", encoding="utf-8")
    manifest = report.build(config(world, force=True))
    assert set(manifest["html"]) == {"en", "zh"}
    assert isinstance(json.loads((report_dir(world) / "manifest.json").read_text("utf-8")), dict)


def test_truncated_cached_page_is_rebuilt(world, good_world):
    page = report_dir(world) / "en" / "index.html"
    page.write_bytes(page.read_bytes()[:100])
    manifest = report.build(config(world))
    assert manifest["html"]["en"]["cached"] is False
    assert page.read_bytes() == (report_dir(good_world) / "en" / "index.html").read_bytes()


def test_data_change_during_build_message(world, monkeypatch, capsys):
    raw = world / "data" / "raw" / "summary.txt"
    real = report.run_pool
    monkeypatch.setattr(report, "run_pool", lambda *a, **k: (
        raw.write_text("changed\n", encoding="utf-8"), real(*a, **k)))
    before = tree_digest(report_dir(world))
    assert report.main(cli(world, "--force")) == 1
    err = capsys.readouterr().err
    assert "data/raw/summary.txt changed during the build" in err
    assert tree_digest(report_dir(world)) == before
    raw.write_text("全市研发投入支出达到111.77亿元\n", encoding="utf-8")  # reverted afterwards
    monkeypatch.setattr(report, "run_pool", real)
    again = report.build(config(world))  # served from the cache: the good report, not a wrong one
    assert all(j["cached"] for j in again["jobs"].values())
    after = tree_digest(report_dir(world))
    assert {k: v for k, v in after.items() if k != "manifest.json"} == \
        {k: v for k, v in before.items() if k != "manifest.json"}


# --- class 4: one language does not delete the other ------------------------------------------

def test_one_language_build_keeps_the_other(world):
    zh = tree_digest(report_dir(world) / "zh")
    before = json.loads((report_dir(world) / "manifest.json").read_text("utf-8"))
    manifest = report.build(config(world, langs=("en",), force=True))
    assert tree_digest(report_dir(world) / "zh") == zh
    assert manifest["parameters"]["langs"] == ["en", "zh"]
    assert manifest["html"]["zh"] == before["html"]["zh"]
    assert {k for k in manifest["jobs"] if k.endswith(":zh")} == \
        {k for k in before["jobs"] if k.endswith(":zh")}
    again = report.build(config(world))  # the kept language is still a valid cache
    assert all(j["cached"] for j in again["jobs"].values())


# --- class 8: reproducible -------------------------------------------------------------------

def test_force_rebuilds_are_byte_identical(world):
    report.build(config(world, force=True))
    first = tree_digest(report_dir(world))
    report.build(dataclasses.replace(config(world, force=True), jobs=1))
    assert tree_digest(report_dir(world)) == first


def test_manifest_holds_no_timings(good_world):
    manifest = (report_dir(good_world) / "manifest.json").read_text("utf-8")
    assert "seconds" not in manifest and "2021.tmp-" not in manifest
    nb = (report_dir(good_world) / "en" / "notebooks" / "01_overview.ipynb").read_text("utf-8")
    assert "2021.tmp-" not in nb and '"start_time"' not in nb
    timings = report.timings_path(config(good_world))
    assert json.loads(timings.read_text("utf-8"))["seconds"] > 0
