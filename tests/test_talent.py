"""helpers.sections.talent against figures worked out by hand from the 2021 summary."""
import pytest

from helpers.calc import audit
from helpers.data.figures import Summary
from helpers.sections import talent


@pytest.fixture(scope="module")
def res(summary):
    return talent.analyse(summary)


@pytest.fixture(scope="module")
def m(res):
    return res.derived


def _without(summary, *indicators, region=None):
    """The summary as a document lacking some figures would give it (in `region` only, if given)."""
    stub = Summary(summary.dataset, summary.source["source"])
    drop = stub.rows["indicator"].isin(indicators)
    if region is not None:
        drop &= stub.rows["region"] == region
    stub.rows = stub.rows[~drop].reset_index(drop=True)
    return stub


def test_competitions(m, res, summary):
    assert m["contest_win_rate"].value == pytest.approx(4.76, abs=0.005)            # 21 / 441
    assert m["national_awards_of_nominees"].value == pytest.approx(21.74, abs=0.005)  # 5 / 23
    assert res["winners"].value == 21 and res["nominees"].value == 23
    assert res.flags["nominees_exceed_winners"] is True      # 23 > 21
    stub = _without(summary, "innovation_contest_winners", region="jiangxi")
    assert talent.analyse(stub).flags["nominees_exceed_winners"] is None


def test_hongcheng(summary, m):
    assert m["hongcheng_entries_previous"].value == pytest.approx(173.00, abs=0.005)  # 248 / 1.4335
    assert m["hongcheng_entries_previous"].formula == "248 / (1 + 43.35%)"
    assert m["hongcheng_entries_previous"].value == audit.implied_figures(summary)["hongcheng_entries_prev"].value
    assert m["hongcheng_win_rate"].value == pytest.approx(4.03, abs=0.005)            # 10 / 248


def test_people_and_money(m):
    assert m["outstanding_commissioners_share"].value == pytest.approx(12.05, abs=0.005)  # 27 / 224
    assert m["roadshow_per_firm"].value == pytest.approx(666.67, abs=0.005)             # 20,000 万 / 30
    assert m["major_project_funding_each"].value == pytest.approx(169.17, abs=0.005)    # 3045 / 18


def test_open_competition(m):
    assert m["prov_tech_per_item"].value == pytest.approx(300.0)                 # 600 / 2
    assert m["prov_tech_pool"].value == pytest.approx(1626.02, abs=0.005)        # 600 / 0.369
    assert m["prov_needs_per_item"].value == pytest.approx(100.0)                # 900 / 9
    assert m["prov_needs_pool"].value == pytest.approx(2599.65, abs=0.005)       # 900 / 0.3462


def test_targets(m):
    assert m["talents_target_total"].value == 40                 # 20 talents + 20 teams
    assert m["talents_target_gap"].value == 0                    # 40 - 40 (Double Hundred, related measure)
    assert m["hongcheng_target_gap"].value == 0                  # 10 - 10 winners (related measure)
    assert m["major_projects_gap"].value == 2                                    # 20 - 18
    assert m["major_projects_growth"].value == pytest.approx(11.11, abs=0.005)  # (20 / 18 - 1) * 100


def test_missing(summary):
    m = talent.analyse(_without(summary, "hongcheng_contest_entries_growth", "major_projects")).derived
    assert m["hongcheng_entries_previous"] is None
    assert m["major_project_funding_each"] is None and m["major_projects_gap"] is None
    assert m["hongcheng_win_rate"].value == pytest.approx(4.03, abs=0.005)
