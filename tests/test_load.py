"""The loader accepts good data: the small fixture, the quote rules, and the real data/ files."""
from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from helpers.data.load import chinese_numeral, load_dataset, numbers_in_quote, value_in_quote
from helpers.data.paths import DATA_DIR
from helpers.data.schema import INDICATOR_KEY

VALID = Path(__file__).parent / "fixtures" / "valid"


def test_valid_fixture_loads():
    ds = load_dataset(VALID)
    assert len(ds.sources) == 1 and len(ds.catalog) == 5 and len(ds.indicators) == 6
    assert set(ds.tables) == {"rd_institutions", "notes_zh"} and len(ds.tables["rd_institutions"]) == 2
    assert ds.tables["notes_zh"]["note_zh"].tolist() == ["原文末位带0。"]
    assert len(ds.exclusions) == 1
    assert set(ds.texts) == {"nanchang_2021"}
    assert ds.regions["region"].tolist() == ["nanchang", "jiangxi", "china"]
    assert ds.sources[["kind", "retrieved", "completeness"]].iloc[0].tolist() == [
        "work_summary", "2026-11-28", "whole"]
    ind = ds.indicators
    assert ind["line"].tolist() == [2, 3, 4, 5, 6, 7]
    assert str(ind["period"].dtype) == "int64" and str(ind["value"].dtype) == "float64"
    assert ind.loc[ind["indicator"] == "rd_expenditure_growth", "value"].item() == 10.4
    assert ind["note"].tolist()[0] == ""  # an empty optional cell is an empty string
    assert not ind.duplicated(list(INDICATOR_KEY)).any()


def test_dataset_is_frozen():
    ds = load_dataset(VALID)
    with pytest.raises(dataclasses.FrozenInstanceError):
        ds.indicators = None


def test_optional_tables_may_be_absent(tmp_path):
    d = Path(shutil.copytree(VALID, tmp_path / "data"))
    (d / "rd_institutions.csv").unlink()
    (d / "coverage_exclusions.csv").unlink()
    (d / "notes_zh.csv").unlink()  # with the one note it translates
    (d / "indicators.csv").write_text((d / "indicators.csv").read_text(encoding="utf-8").replace(
        "printed with a trailing zero", ""), encoding="utf-8")
    ds = load_dataset(d)
    assert ds.tables == {}
    assert len(ds.exclusions) == 0 and list(ds.exclusions.columns) == ["source", "context",
                                                                       "reason", "line"]


def test_nothing_is_cached(tmp_path):
    d = Path(shutil.copytree(VALID, tmp_path / "data"))
    assert len(load_dataset(d).indicators) == 6
    lines = (d / "indicators.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    (d / "indicators.csv").write_text("".join(lines[:-1]), encoding="utf-8")
    assert len(load_dataset(d).indicators) == 5


def test_a_folder_edited_in_one_file_validates_only_that_file_again(tmp_path, monkeypatch):
    """Tables are kept by their bytes: a second folder differing in one file validates that file,
    a bad row in it is still refused at its line, and a caller changing a table it was given
    changes no other folder's table."""
    from helpers.data import load

    load_dataset(VALID)
    d = Path(shutil.copytree(VALID, tmp_path / "data"))
    text = (d / "indicators.csv").read_text(encoding="utf-8")
    (d / "indicators.csv").write_text(text + "\n", encoding="utf-8")  # a blank line: other bytes
    validated, validate = [], load.validate_frame
    monkeypatch.setattr(load, "validate_frame",
                        lambda path, df, table: validated.append(table.name) or validate(path, df, table))
    first = load_dataset(d)
    assert validated == ["indicators"]
    first.indicators.loc[0, "value"] = -1.0
    assert load_dataset(VALID).indicators.loc[0, "value"] != -1.0
    for bad, column in ((",actual,", "kind"), (",nanchang_2021,", "source")):  # pandera's, cross-table
        (d / "indicators.csv").write_text(text.replace(bad, bad.replace("a", "x", 1), 1), encoding="utf-8")
        with pytest.raises(load.DataError) as e:
            load_dataset(d)
        assert "indicators.csv" in str(e.value) and (e.value.line, e.value.column) == (2, column)


def test_rank_accepts_chinese_numerals():
    assert value_in_quote(3, "我市研发投入强度排名全省第三", "rank")
    assert value_in_quote(1, "其余指标均排名全省第一", "rank")
    assert not value_in_quote(3, "我市研发投入强度排名全省第三", "count")
    assert not value_in_quote(2, "我市研发投入强度排名全省第三", "rank")


def test_chinese_numerals():
    assert [chinese_numeral(t) for t in ("三", "十", "十二", "二十", "二十三")] == [3, 10, 12, 20, 23]
    assert chinese_numeral("一一") is None


def test_value_matches_number_as_printed():
    assert value_in_quote(10.4, "同比增长10.40%")
    assert value_in_quote(-5, "同比去年下降5%")
    assert not value_in_quote(10.41, "同比增长10.40%")
    assert numbers_in_quote("占全省49.5%25.8%") == [49.5, 25.8]


@pytest.mark.skipif(not (DATA_DIR / "indicators.csv").exists(), reason="data/indicators.csv absent")
def test_real_data_loads():
    ds = load_dataset()
    assert len(ds.indicators) > 0
    assert set(ds.indicators["indicator"]) <= set(ds.catalog["indicator"])
    assert set(ds.indicators["source"]) <= set(ds.texts)
