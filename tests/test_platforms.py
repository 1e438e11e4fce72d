"""helpers.sections.platforms against figures worked out by hand from the 2021 summary."""
import pandas as pd
import pytest

from helpers.calc import targets
from helpers.calc.derive import figures_behind
from helpers.data.figures import Summary
from helpers.sections import platforms


def without(summary, *indicators):
    """The summary as a year whose document lacks some figures would give it."""
    stub = Summary(summary.dataset, summary.source["source"])
    stub.rows = stub.rows[~stub.rows["indicator"].isin(indicators)].reset_index(drop=True)
    return stub


def test_level_totals(summary):
    m = platforms.analyse(summary)
    assert m["national"].value == 1
    assert m["provincial"].value == 22          # 16 + 6
    assert m["city"].value == 49                # 20 + 29
    assert m["city"].formula == "20 + 29"
    assert m["all"].value == 72                 # 1 + 16 + 6 + 20 + 29
    assert {k: d.value for k, d in platforms.level_totals(summary.get).items()} == {
        "national": 1, "provincial": 22, "city": 49, "all": 72}


def test_target_against_city_platforms(summary):
    m = platforms.analyse(summary)
    assert m["target_gap"].value == 1           # 50 - 49
    assert m["target_growth"].value == pytest.approx(2.04, abs=0.005)     # (50 / 49 - 1) * 100 = 2.0408
    assert m["ei_share_of_city"].value == pytest.approx(40.82, abs=0.005)  # 20 / 49 * 100 = 40.816
    assert {f.indicator for f in figures_behind(m["target_gap"])} == {
        "city_basic_rd_platforms", "city_key_lab_new", "city_engineering_center_new"}


def test_target_is_related_not_same(summary):
    comp, note = targets.comparability(summary, "city_basic_rd_platforms")
    assert comp == "related"
    assert targets.comparability(summary, "no_such_target") is None


def test_missing_figures_give_none(summary):
    m = platforms.analyse(without(summary, "city_key_lab_new", "city_basic_rd_platforms"))
    assert m["city"] is None and m["all"] is None and m["target_gap"] is None
    assert m["provincial"].value == 22
    assert platforms.total([]) is None


def test_institution_counts(summary):
    df = platforms.institution_counts(summary.table("rd_institutions"), summary.get)
    got = {r.status_group: (r.printed, r.rows, r.status) for r in df.itertuples()}
    assert got["operating_well"] == (4, 4, "consistent")
    assert got["operating_normally"] == (3, 3, "consistent")
    assert got["just_landed"] == (2, 2, "consistent")
    assert got["stalled"][1:] == (1, "unverifiable")
    assert got["total"] == (10, 10, "consistent")


def test_institution_counts_detects_a_mismatch(summary):
    table = summary.table("rd_institutions").iloc[1:]   # drop one 'operating_well' row
    df = platforms.institution_counts(table, summary.get).set_index("status_group")
    assert df.loc["operating_well", "status"] == "inconsistent"
    assert df.loc["total", "rows"] == 9 and df.loc["total", "status"] == "inconsistent"
    empty = platforms.institution_counts(pd.DataFrame(columns=["status_group"]), lambda *a, **k: None)
    assert set(empty["status"]) == {"unverifiable"}


def test_status_labels(summary):
    labels = platforms.status_labels(summary.table("rd_institutions"), "zh")
    assert labels["just_landed"] == "刚落地还未取得成效"
    assert list(labels) == list(platforms.STATUS_GROUPS)
    assert platforms.status_labels(summary.table("rd_institutions").iloc[:9], "en")["stalled"] == "Stalled"
