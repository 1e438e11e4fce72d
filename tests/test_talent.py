"""helpers.sections.talent against figures worked out by hand from the 2021 summary, and the rules
its statements rest on: rates only from linked figures, schemes named from data, bounds kept, the
talent target held against a related measure said to differ, plan-only years stating their targets."""
import pytest

from helpers.calc import audit
from helpers.calc.statements import Builder, Text
from helpers.data.figures import Summary
from helpers.errors import StatementError
from helpers.present import catalog, talent_view
from helpers.sections import talent


@pytest.fixture(scope="module")
def res(summary):
    return talent.analyse(summary)


@pytest.fixture(scope="module")
def m(res):
    return res.derived


def said(res):
    out = {}
    for s in res.statements:
        out.setdefault(s.key, []).append(s)
    return out


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


def test_talent_contest(summary, m):
    assert m["talent_contest_entries_previous"].value == pytest.approx(173.00, abs=0.005)  # 248 / 1.4335
    assert m["talent_contest_entries_previous"].formula == "248 / (1 + 43.35%)"
    assert m["talent_contest_entries_previous"].value == audit.implied_figures(summary)["hongcheng_entries_prev"].value
    assert m["talent_contest_win_rate"].value == pytest.approx(4.03, abs=0.005)            # 10 / 248


def test_people_and_money(m):
    assert m["outstanding_commissioners_share"].value == pytest.approx(12.05, abs=0.005)  # 27 / 224
    assert m["roadshow_per_firm"].value == pytest.approx(666.67, abs=0.005)             # 20,000 万 / 30
    assert m["roadshow_per_firm"].qualifier == "approx"                                  # 近2亿元: a bound per firm too
    assert m["major_project_funding_each"].value == pytest.approx(169.17, abs=0.005)    # 3045 / 18


def test_open_competition(m):
    assert m["prov_tech_per_item"].value == pytest.approx(300.0)                 # 600 / 2
    assert m["prov_tech_pool"].value == pytest.approx(1626.02, abs=0.005)        # 600 / 0.369
    assert m["prov_needs_per_item"].value == pytest.approx(100.0)                # 900 / 9
    assert m["prov_needs_pool"].value == pytest.approx(2599.65, abs=0.005)       # 900 / 0.3462


def test_targets(m):
    assert "talents_target_total" not in m  # 20名 talents and 20个 teams are not 40 of anything
    assert m["talent_contest_target_gap"].value == 0             # 10 - 10 winners (related measure)
    assert m["major_projects_gap"].value == 2                                    # 20 - 18
    assert m["major_projects_growth"].value == pytest.approx(11.11, abs=0.005)  # (20 / 18 - 1) * 100


def test_missing(summary):
    m = talent.analyse(_without(summary, "hongcheng_contest_entries_growth", "major_projects")).derived
    assert m["talent_contest_entries_previous"] is None
    assert m["major_project_funding_each"] is None and m["major_projects_gap"] is None
    assert m["talent_contest_win_rate"].value == pytest.approx(4.03, abs=0.005)


def test_statements_of_2021(res):
    s = said(res)
    assert {x.topic for x in res.statements} == {"talent.contest", "talent.plans", "talent.technology", "talent.targets"}
    rate = s["rate.talent.contest_win"][0]
    assert (rate["numerator"].value, rate["denominator"].value, rate.strength) == (21, 441, "implied")
    assert s["level.talent.plan_recruits"][0]["scheme"] == Text("Double Hundred Plan", "双百计划")
    assert s["change.talent.contest_entries"][0]["scheme"] == Text("Hongcheng Plan", "洪城计划")
    assert s["level.talent.roadshows"][0]["scheme"] == Text("Foresee Unicorns Plan", "预见独角兽计划")
    assert "caveat.talent.contest_regions" in s
    # the talents-and-teams target is held against a related measure: said to differ, never compared
    nc = s["not_comparable.target_parts"][0]
    assert [x.value for x in nc["targets"].figures] == [20, 20] and nc["level"].indicator == "double_hundred_talents_teams"
    assert "不予加总" in catalog.render(nc, "zh") and "口径不同，不作对比" in catalog.render(nc, "zh")
    assert [x["scheme"] for x in s["target_set.talent.scheme"]] == [Text("Hongcheng Plan", "洪城计划")]
    amb = s["target_ambition.level"][0]
    assert amb["target"].indicator == "major_projects" and amb["gap"].qualifier == "at_least"   # 20余项 - 18


def test_bounds_keep_their_words_in_both_languages(res):
    s = said(res)
    fin = s["level.talent.roadshow_finance"][0]
    assert "raise nearly CNY 200 m" in catalog.render(fin, "en") and "融资近2亿元" in catalog.render(fin, "zh")
    amb = s["target_ambition.level"][0]
    assert "target of more than 20" in catalog.render(amb, "en") and "目标超过20项" in catalog.render(amb, "zh")


def test_a_rate_needs_linked_figures(summary, res):
    b = Builder.for_summary(summary)
    winners, nominees = res["winners"], res["nominees"]
    with pytest.raises(StatementError, match="no relation links"):   # side by side is not a funnel
        b.say("rate", "rate.talent.contest_win", numerator=winners, denominator=nominees, rate=res.derived["contest_win_rate"])


def test_tables(res):
    t = talent_view.figures_table(res.talent_rows, "zh")
    assert t.columns.tolist() == ["指标", "数值"] and "近2亿元" in t["数值"].tolist()
    targets = talent_view.targets_table(res.checks, "en")
    assert "Change on the latest level" not in targets.columns    # no change computed across a related measure


def test_plan_only_years_state_their_targets_only(dataset):
    for year, n in ((2019, 2), (2020, 5)):
        res = talent.analyse(Summary.select("nanchang", year))
        assert {s.topic for s in res.statements} == {"talent.targets"}
        assert all(s.predicate == "target_set" for s in res.statements)
        unset = [s for s in res.statements if s.key.startswith("target_set.no_level")]
        assert len(unset) == 1 and len(unset[0]["targets"].figures) == n  # one sentence for the year
    names = [s["scheme"] for s in res.statements if s.key == "target_set.talent.scheme"]
    assert names == [Text("Hongcheng Plan", "洪城计划")]              # named in the 2020 plan itself
