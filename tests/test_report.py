"""The report build: parameter checks, the cache, the failure path, reproducible and escaped HTML.

Runs the build on tiny fixture notebooks (tests/fixtures/notebooks) with a throwaway data folder
and a throwaway 'helpers source' folder, so edits elsewhere in the repo do not disturb the cache.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from helpers.build import cache as build_cache
from helpers.build import html as report_html
from helpers.build import report

report.fast_imports()  # before nbformat: see helpers.build.report.fast_imports
import nbformat  # noqa: E402

from testkit import FIXTURE_NOTEBOOKS as FIXTURES  # noqa: E402
from testkit import digest, fixture_data  # noqa: E402

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("build")]


@pytest.fixture(scope="module")
def world(tmp_path_factory) -> Path:
    """data/, notebooks/, helpers/ (hashed only) under one temporary root."""
    root = tmp_path_factory.mktemp("world")
    fixture_data(root, "全市研发投入支出达到111.77亿元\n")
    shutil.copytree(FIXTURES, root / "notebooks")
    (root / "helpers").mkdir()
    (root / "helpers" / "metrics.py").write_text("X = 1\n", encoding="utf-8")
    return root


def config(world: Path, out: Path, langs=("en",), **kw) -> report.Config:
    return report.Config(city="nanchang", year=2021, langs=list(langs), jobs=2, output=out,
                         data_dir=world / "data", notebook_dir=world / "notebooks",
                         helpers_dir=world / "helpers", quiet=True, **kw)


def cached(manifest: dict) -> dict[str, bool]:
    return {k: v["cached"] for k, v in manifest["jobs"].items()}


@pytest.fixture(scope="module")
def built(world, tmp_path_factory) -> Path:
    """One full build (en and zh) shared by the read-only checks; returns reports/nanchang/2021."""
    out = tmp_path_factory.mktemp("reports")
    report.build(config(world, out, langs=("en", "zh")))
    return out / "nanchang" / "2021"


# ---------------------------------------------------------------- parameter validation

@pytest.mark.parametrize("args, expect", [
    (["--city", "wuhan", "--year", "2021"], "the data hold: nanchang 2021"),
    (["--city", "nanchang", "--year", "2019"], "the data hold: nanchang 2021"),
    (["--city", "nanchang", "--year", "twenty"], "year must be a whole number"),
    (["--city", "nanchang", "--year", "2021", "--lang", "fr"], "unknown language 'fr'"),
    (["--city", "nanchang", "--year", "2021", "--jobs", "0"], "--jobs must be between 1 and"),
    (["--city", "nanchang", "--year", "2021", "--jobs", "999"], "--jobs must be between 1 and"),
])
def test_bad_parameters_exit_2_with_one_line(world, tmp_path, capsys, args, expect):
    out = tmp_path / "reports"
    code = report.main(args + ["--data-dir", str(world / "data"),
                               "--notebooks", str(world / "notebooks"), "--output", str(out)])
    err = capsys.readouterr().err
    assert code == 2
    assert expect in err
    assert len(err.strip().splitlines()) == 1
    assert not out.exists()  # nothing started


def test_available_selections_reads_sources(world):
    assert report.available_selections(world / "data") == [("nanchang", 2021)]


def test_cli_entry_point(world, tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "helpers.build.report", "--city", "wuhan", "--year", "2021",
         "--data-dir", str(world / "data"), "--output", str(tmp_path)],
        capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert "no document for city 'wuhan', year 2021" in proc.stderr
    assert "nanchang 2021" in proc.stderr


# ---------------------------------------------------------------- the report itself

def test_report_layout_and_manifest(world, built):
    for lang in ("en", "zh"):
        for rel in ("index.html", "figures/02_chart.png", "tables/01_key_figures.csv",
                    "audit.csv", "notebooks/01_overview.ipynb", "notebooks/10_audit.ipynb"):
            assert (built / lang / rel).is_file(), f"{lang}/{rel}"
    assert (built / "audit.csv").is_file()
    assert not list(built.parent.glob("*.tmp-*")), "temporary folder left behind"
    text = (built / "manifest.json").read_text(encoding="utf-8")
    manifest = json.loads(text)
    assert text == json.dumps(manifest, sort_keys=True, indent=2, ensure_ascii=False) + "\n"
    assert manifest["parameters"]["city"] == "nanchang"
    assert manifest["inputs"]["data/sources.csv"] == build_cache.sha256_file(
        world / "data" / "sources.csv")
    assert set(manifest["inputs"]) >= {"data/sources.csv", "data/raw/summary.txt",
                                       "helpers/metrics.py", "notebooks/02_chart.ipynb"}
    assert "papermill" in manifest["packages"]
    assert len(manifest["jobs"]) == 6
    timings = json.loads(report.timings_path(config(world, built.parents[1])).read_text("utf-8"))
    for job_id, job in manifest["jobs"].items():
        assert timings["jobs"][job_id] > 0 and job["cached"] is False


def test_html_is_offline_complete_and_in_language(built):
    en = (built / "en" / "index.html").read_text(encoding="utf-8")
    zh = (built / "zh" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in en and '<html lang="zh-CN">' in zh
    for page in (en, zh):
        assert report_html.network_references(page) == []
        assert "http://" not in page and "https://" not in page
        assert "<script" not in page.lower()  # not even inline: nothing to run
        assert 'src="data:image/png;base64,' in page
        assert str(built.parents[2]) not in page  # no absolute paths
        assert "import csv" not in page and "this cell is hidden" not in page  # no code
        assert "R&amp;D spending" in page or "研发投入" in page
    # table of contents: one entry per notebook, in order, titles in the page's language
    assert en.index('href="#section-1">Overview') < en.index('href="#section-2">Chart') \
        < en.index('href="#section-3">Audit')
    assert 'href="#section-1">概览' in zh and 'href="#section-3">核对' in zh
    assert "概览" not in en and "Overview" not in zh
    # provenance: the source document and the quotes
    assert "市科技局2021年工作总结及2022年工作思路" in en
    assert "<q>全市研发投入支出达到111.77亿元</q>" in en


def test_html_escapes_notes(built):
    page = (built / "en" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&#39;note&#39;)&lt;/script&gt;" in page  # key-figure note
    assert "<q>&lt;script&gt;alert(" in page  # provenance quote (nbconvert re-serializes quotes)


def test_provenance_note_escapes():
    note = report_html.provenance_note(
        {"source": "s1", "quotes": ['<script>x</script>"']}, {"s1": {"title": "T<b>"}}, "en")
    assert "<script>" not in note and "&lt;script&gt;" in note and "T&lt;b&gt;" in note


def test_offline_check_names_the_notebook(tmp_path):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x", outputs=[
        nbformat.v4.new_output("display_data",
                               data={"text/html": '<img src="https://example.org/x.png">'})])])
    path = tmp_path / "07_web.ipynb"
    nbformat.write(nb, path)
    with pytest.raises(report_html.OfflineError, match="07_web.ipynb"):
        report_html.section(path, "en", {}, report_html.exporter(), tmp_path)


def test_rebuilds_are_byte_identical(world, built, tmp_path):
    report.build(config(world, tmp_path, langs=("en", "zh"), force=True))
    again = tmp_path / "nanchang" / "2021"
    for lang in ("en", "zh"):
        assert (again / lang / "index.html").read_bytes() == (built / lang / "index.html").read_bytes()


# ---------------------------------------------------------------- the cache

def test_cache_hits_and_misses(world, tmp_path, monkeypatch):
    # a private copy of the inputs, so this test may edit them
    for name in ("data", "notebooks", "helpers"):
        shutil.copytree(world / name, tmp_path / name)
    cfg = config(tmp_path, tmp_path / "reports")
    first = report.build(cfg)
    assert not any(cached(first).values())

    start = time.perf_counter()
    again = report.build(cfg)
    assert all(cached(again).values()) and again["html"]["en"]["cached"]
    assert time.perf_counter() - start < 3, "a rebuild with nothing changed should take ~1 s"

    data = tmp_path / "data" / "raw" / "summary.txt"
    os.utime(data, (time.time() + 60, time.time() + 60))  # touched, same bytes: not a change
    assert all(cached(report.build(cfg)).values())

    nb = nbformat.read(tmp_path / "notebooks" / "02_chart.ipynb", as_version=4)
    nb.cells.append(nbformat.v4.new_markdown_cell("One more sentence."))
    nbformat.write(nb, tmp_path / "notebooks" / "02_chart.ipynb")
    assert cached(report.build(cfg)) == {"01_overview.ipynb:en": True, "02_chart.ipynb:en": False,
                                         "10_audit.ipynb:en": True}
    assert "One more sentence." in (cfg.report_dir / "en" / "index.html").read_text("utf-8")

    old_sha = hashlib.sha256(data.read_bytes()).hexdigest()
    data.write_text(data.read_text("utf-8") + "另有说明。\n", encoding="utf-8")  # a new text, registered
    sources = tmp_path / "data" / "sources.csv"
    sources.write_text(sources.read_text("utf-8").replace(old_sha, hashlib.sha256(data.read_bytes()).hexdigest()),
                       encoding="utf-8")
    assert not any(cached(report.build(cfg)).values())

    (tmp_path / "helpers" / "metrics.py").write_text("X = 2\n", encoding="utf-8")
    assert not any(cached(report.build(cfg)).values())

    real = build_cache.package_versions
    monkeypatch.setattr(build_cache, "package_versions", lambda: {**real(), "pandas": "0.0.1"})
    assert not any(cached(report.build(cfg)).values())

    (cfg.report_dir / "en" / "figures" / "02_chart.png").write_bytes(b"damaged")
    monkeypatch.setattr(build_cache, "package_versions", real)
    result = cached(report.build(cfg))
    assert result["02_chart.ipynb:en"] is False  # an output edited by hand is rebuilt


# ---------------------------------------------------------------- the failure path

def test_failing_notebook_keeps_old_report(world, built, tmp_path, capsys, monkeypatch):
    real_build = report.build  # hash the fixture 'helpers', so the three good notebooks are cached
    monkeypatch.setattr(report, "build", lambda cfg: real_build(
        dataclasses.replace(cfg, helpers_dir=world / "helpers")))
    shutil.copytree(world / "notebooks", tmp_path / "notebooks")
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell('city = "nanchang"\nyear = 2021\nlang = "en"\n'
                                  'data_dir = "../data"\noutput_dir = "../reports/lab"',
                                  metadata={"tags": ["parameters"]}),
        nbformat.v4.new_markdown_cell("# Fails"),
        nbformat.v4.new_code_cell("x = 1"),
        nbformat.v4.new_code_cell("ratio = x / 0"),
        nbformat.v4.new_code_cell("print('never')"),
    ])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, tmp_path / "notebooks" / "05_fails.ipynb")
    out = tmp_path / "reports"
    shutil.copytree(built, out / "nanchang" / "2021")  # the previous good report
    before = digest(out / "nanchang" / "2021", skip="failed")

    code = report.main(["--city", "nanchang", "--year", "2021", "--lang", "en",
                        "--data-dir", str(world / "data"), "--notebooks", str(tmp_path / "notebooks"),
                        "--output", str(out)])
    err = capsys.readouterr().err
    assert code == 1
    assert "notebook 05_fails.ipynb (lang en), cell In [4], line 1 (ratio = x / 0)" in err
    assert "ZeroDivisionError: division by zero" in err
    assert digest(out / "nanchang" / "2021", skip="failed") == before
    kept = out / "nanchang" / "2021" / "failed" / "en" / "05_fails.ipynb"
    executed = nbformat.read(kept, as_version=4)
    assert any(o.get("ename") == "ZeroDivisionError" for c in executed.cells if c.cell_type == "code"
               for o in c.outputs)
    assert sorted(p.name for p in (out / "nanchang").iterdir()) == ["2021"]  # no tmp left
