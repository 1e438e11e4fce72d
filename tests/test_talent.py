"""helpers.sections.talent against figures worked out by hand from the 2021 summary."""
import pytest

from helpers.data.figures import Summary
from helpers.data.paths import DATA_DIR
from helpers.sections import talent


@pytest.fixture(scope="module")
def summary():
    return Summary.select("nanchang", 2021, DATA_DIR)


@pytest.fixture(scope="module")
def m(summary):
    return talent.compute(summary.get, 2021)


def test_competitions(m, summary):
    assert m["contest_win_rate"].value == pytest.approx(4.76, abs=0.005)            # 21 / 441
    assert m["national_awards_of_nominees"].value == pytest.approx(21.74, abs=0.005)  # 5 / 23
    w = summary.get("innovation_contest_winners", region="jiangxi")
    n = summary.get("innovation_contest_national_nominees", region="jiangxi")
    assert talent.nominees_exceed_winners(w, n) is True      # 23 > 21
    assert talent.nominees_exceed_winners(n, w) is False
    assert talent.nominees_exceed_winners(None, n) is None


def test_hongcheng(m):
    assert m["hongcheng_entries_previous"].value == pytest.approx(173.00, abs=0.005)  # 248 / 1.4335
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
    def get(indicator, region=None, period=None, kind="actual"):
        if indicator in ("hongcheng_contest_entries_growth", "major_projects"):
            return None
        return summary.get(indicator, region, period, kind)
    m = talent.compute(get, 2021)
    assert m["hongcheng_entries_previous"] is None
    assert m["major_project_funding_each"] is None and m["major_projects_gap"] is None
    assert m["hongcheng_win_rate"].value == pytest.approx(4.03, abs=0.005)
