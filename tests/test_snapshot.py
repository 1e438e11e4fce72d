"""The validated snapshot (issue 19 part 1, issue 20 part 3): the build validates data/ once; its
kernels load the pickle instead of validating again, read only the bytes the build hashed, and
refuse a snapshot that changed; a kernel started by hand still validates data/."""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from helpers.build import report
from helpers.build import snapshot as build_snapshot
from helpers.data import figures, snapshot
from helpers.data.paths import DATA_DIR
from helpers.errors import DataError, SelectionError
from helpers.present.notebook import start

pytestmark = pytest.mark.long


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return Path(shutil.copytree(DATA_DIR, tmp_path / "data"))


def freeze(data_dir: Path, tmp_path: Path) -> build_snapshot.Snapshot:
    return build_snapshot.freeze(data_dir, tmp_path / "cache", report.code_key(report.HELPERS_DIR))


def rename_city(data_dir: Path, name: str) -> None:
    path = data_dir / "regions.csv"
    path.write_text(path.read_text("utf-8").replace(",Nanchang,", f",{name},"), encoding="utf-8")


def test_kernel_loads_the_snapshot_without_validating(data_dir, tmp_path, monkeypatch):
    snap = freeze(data_dir, tmp_path)
    assert snap.data_dir.parent.name == snap.key
    monkeypatch.setattr(figures, "load_dataset", lambda *a: pytest.fail("validated again"))
    nb = start("99", "nanchang", 2021, "en", snap.data_dir, tmp_path / "out")
    assert nb.city_name == "Nanchang"
    assert nb.data_dir == snap.data_dir  # every later read (regions, notes) is of the copy
    assert len(nb.summary.dataset.indicators) == len(snap.dataset.indicators)


def test_a_kernel_started_by_hand_validates(data_dir, tmp_path):
    assert snapshot.load(data_dir) is None  # a plain data folder: no snapshot
    rename_city(data_dir, "Nanchang-by-hand")
    assert start("99", "nanchang", 2021, "en", data_dir, tmp_path / "out").city_name == "Nanchang-by-hand"


def test_data_edited_after_the_snapshot_cannot_reach_the_kernel(data_dir, tmp_path):
    snap = freeze(data_dir, tmp_path)
    rename_city(data_dir, "Edited")  # during the build, after it hashed data/
    nb = start("99", "nanchang", 2021, "en", snap.data_dir, tmp_path / "out")
    assert nb.city_name == "Nanchang"
    again = freeze(data_dir, tmp_path)  # the next build: another key, the edit validated
    assert again.key != snap.key
    assert start("99", "nanchang", 2021, "en", again.data_dir, tmp_path / "out2").city_name == "Edited"


def test_unchanged_data_reuse_the_snapshot(data_dir, tmp_path):
    first = freeze(data_dir, tmp_path)
    assert freeze(data_dir, tmp_path).data_dir == first.data_dir


def test_a_changed_snapshot_is_refused_and_then_replaced(data_dir, tmp_path):
    snap = freeze(data_dir, tmp_path)
    copy = snap.data_dir / "regions.csv"
    copy.chmod(0o644)
    copy.write_text(copy.read_text("utf-8").replace(",Nanchang,", ",Poisoned,"), encoding="utf-8")
    with pytest.raises(DataError, match="regions.csv.*changed after the build validated"):
        start("99", "nanchang", 2021, "en", snap.data_dir, tmp_path / "out")
    again = freeze(data_dir, tmp_path)  # the next build does not reuse it
    assert again.key == snap.key
    assert start("99", "nanchang", 2021, "en", again.data_dir, tmp_path / "out").city_name == "Nanchang"


def test_invalid_data_name_the_users_file(data_dir, tmp_path):
    path = data_dir / "catalog.csv"
    path.write_text(path.read_text("utf-8") + "Bad Id,x,y,z,count,w\n", encoding="utf-8")
    with pytest.raises(SelectionError) as err:
        freeze(data_dir, tmp_path)
    assert str(err.value).startswith(str(path)), err.value
    assert not (tmp_path / "cache").exists()  # nothing written, nothing half-written
    assert not list(Path(tempfile.gettempdir()).glob(f"{build_snapshot.PENDING}{os.getpid()}-*"))


def test_nothing_is_written_under_the_reports_before_keep(data_dir, tmp_path):
    snap = build_snapshot.prepare(data_dir, tmp_path / "cache", report.code_key(report.HELPERS_DIR))
    assert not (tmp_path / "cache").exists() and snap.pending.is_dir()
    kept = build_snapshot.keep(snap, tmp_path / "cache")
    assert kept.data_dir.parent == tmp_path / "cache" / snap.key and not snap.pending.exists()


def test_the_default_data_folder_is_not_a_snapshot():
    assert snapshot.load(None) is None  # Summary.select(city, year) with data/ by default


# --- one analysis per selection (issue 19: the worker analyses a selection once, then forks) ----

def test_a_snapshot_selection_is_made_once_per_process(data_dir, tmp_path):
    snap = freeze(data_dir, tmp_path)
    first = figures.Summary.select("nanchang", 2021, snap.data_dir)
    assert figures.Summary.select("nanchang", 2021, snap.data_dir) is first
    assert figures.Summary.select("nanchang", 2020, snap.data_dir) is not first
    # a plain folder may change between two starts in JupyterLab: it is selected afresh
    assert figures.Summary.select("nanchang", 2021, data_dir) is not figures.Summary.select("nanchang", 2021, data_dir)


def test_a_summary_is_analysed_once_until_its_rows_change():
    calls = []

    @figures.per_summary
    def analyse(summary):
        calls.append(summary)
        return object()

    class Selection:
        rows = object()

    s = Selection()
    assert analyse(s) is analyse(s) and len(calls) == 1
    s.rows = object()  # a test that swaps the rows gets a new analysis
    assert analyse(s) is analyse(s) and len(calls) == 2
    assert analyse(Selection()) is not analyse(s)


def test_the_worker_analyses_ahead_what_the_notebooks_ask_for(data_dir, tmp_path, monkeypatch):
    from helpers.build import zygote
    from helpers.calc import audit
    from helpers.present import judgements
    from helpers.sections import firms, registry

    snap = freeze(data_dir, tmp_path)
    zygote.analyse_ahead({"city": "nanchang", "year": 2021, "data_dir": str(snap.data_dir)}, 60)
    summary = figures.Summary.select("nanchang", 2021, snap.data_dir)
    monkeypatch.setattr(audit, "_evaluate", lambda *a: pytest.fail("the audit evaluated again"))
    done = registry.analyse_all(summary)
    assert firms.analyse(summary) is done[3]
    assert judgements.findings(summary) is judgements.findings(summary)
    assert audit.evaluate(summary) == audit.evaluate(summary)


def test_analysing_ahead_leaves_a_failure_to_the_notebook(data_dir, tmp_path):
    from helpers.build import zygote

    snap = freeze(data_dir, tmp_path)
    zygote.analyse_ahead({"city": "atlantis", "year": 2021, "data_dir": str(snap.data_dir)}, 60)
    zygote.analyse_ahead({"city": "nanchang", "year": 2021, "data_dir": str(data_dir)}, 60)  # no snapshot
    with pytest.raises(SelectionError, match="atlantis"):
        figures.Summary.select("atlantis", 2021, snap.data_dir)


def test_a_folder_is_checked_again_only_when_its_bytes_change(data_dir):
    from helpers.data.load import load_dataset

    first = load_dataset(data_dir)
    assert load_dataset(data_dir) is first  # the same bytes: checked once in this process
    rename_city(data_dir, "Renamed")
    renamed = load_dataset(data_dir)
    assert renamed is not first and "Renamed" in set(renamed.regions["name_en"])
    path = data_dir / "indicators.csv"
    path.write_text(path.read_text("utf-8").replace(",count,", ",pieces,", 1), encoding="utf-8")
    for _ in range(2):  # a folder that fails its checks is never kept
        with pytest.raises(DataError, match="indicators.csv"):
            load_dataset(data_dir)
