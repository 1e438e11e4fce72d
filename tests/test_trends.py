"""Section 11, trends: what each series says, worked out by hand from the documents.

"我市高企数量从2018年的1049家快速增长到2020年的2054家" and "预计全年高新技术企业数量1950家" (2021 summary);
GDP 5596.18 亿元 (2019, NDRC plan report), 5745.51 (2020, statistics review), 6650.53 (2021, news).
"""
from __future__ import annotations

from dataclasses import replace

import pytest

from helpers.calc import trends as calc_trends
from helpers.calc.statements import Builder, Text, by_topic
from helpers.calc.trends import Point, Series, outcome_points
from helpers.data.figures import Summary
from helpers.errors import StatementError
from helpers.present import catalog, trends_view
from helpers.sections import trends


@pytest.fixture(scope="module")
def res():
    return trends.analyse(Summary.select("nanchang", 2021))


def test_series_shown_are_those_with_two_outcomes(res):
    # tech contract turnover has one actual (2021) and a 2019 target: nothing to say over the years
    assert [s.series for s in res.shown] == ["hte_stock", "rd_expenditure", "rd_intensity", "gdp"]
    assert "tech_contract_turnover" in [s.series for s in res.series]            # still in the key figures


def test_hte_stock_levels_and_changes(res):
    said = by_topic(res.statements)["hte_stock"]
    assert [s.key for s in said] == ["level.trends.first.actual", "change.trends.step.actual",
                                     "change.trends.step.estimate", "caveat.trends.gaps"]
    assert said[1]["change"].value == pytest.approx(95.81, abs=0.005)           # 2054 / 1049 - 1
    # 1950 / 2054 - 1 = -5.06% agrees with the document's 下降5% (an estimate): the printed rate is said
    assert said[2]["change"].value == -5 and said[2]["change"].quote == "同比去年下降5%"
    assert catalog.render(said[2], "zh") == "2021年预计为1950家，比2020年下降5%。"
    assert catalog.render(said[2], "en").startswith("2021: 1,950 expected (an estimate), down 5% on 2020")
    assert said[3]["years"].zh == "2019年"                                     # the 2019 plan set a target, no count


def test_no_statement_rests_on_a_target(res):
    figures = [f for s in res.statements for f in s.figures]
    assert figures and all(f.kind in ("actual", "estimate") for f in figures)
    table = trends_view.points_table(res.shown[0], Summary.select("nanchang", 2021), "en")
    assert table["Kind"].tolist().count("target") == 3                          # drawn and tabled as targets
    assert "more than 2,000" in table["Value"].tolist()                        # "超过2000家" stays a floor


def test_gdp_changes_year_on_year(res):
    said = by_topic(res.statements)["gdp"]
    assert [round(s["change"].value, 2) for s in said[1:]] == [2.67, 15.75]


def test_implied_points_are_levels_never_changes(res):
    said = by_topic(res.statements)["rd_intensity"]
    assert [s.key for s in said] == ["implied.trends.first", "level.trends.point.actual"]
    assert said[0]["at"].year == 2019 and said[0]["x"].value == pytest.approx(1.81)   # 1.95 - 0.14


def test_plan_only_years():
    assert trends.analyse(Summary.select("nanchang", 2019)).statements == []    # targets only: no series
    y2020 = trends.analyse(Summary.select("nanchang", 2020))
    assert [s.series for s in y2020.shown] == ["gdp"]                         # HTE: two targets, nothing said


def _point(period, value, kind="actual", qualifier="exact", f=None):
    fig = replace(f, period=period, value=value, kind=kind, qualifier=qualifier)
    return Point(period, kind, value, fig.unit, qualifier, fig.source, fig)


def test_a_change_across_a_bound_is_a_bound(res):
    base = res.shown[0].points[0].figure
    s = Series("x", "hte_count", "nanchang", "count",
               (_point(2020, 2000, qualifier="at_least", f=base), _point(2021, 2100, f=base)))
    b = Builder.for_summary(Summary.select("nanchang", 2021))
    name = Text("HTE", "高企")
    trends.series_statements(b, s, [], name)
    step = b.out[1]["change"]
    assert step.qualifier == "at_most"                                       # a floor on the old: a ceiling on the change
    assert catalog.render(b.out[1], "en").startswith("2021: 2,100, up at most 5.00%")
    # two floors leave the change unbounded: the level is stated, not a change
    s2 = Series("x", "hte_count", "nanchang", "count",
                (_point(2020, 2000, qualifier="at_least", f=base), _point(2021, 2100, qualifier="at_least", f=base)))
    b2 = Builder.for_summary(Summary.select("nanchang", 2021))
    trends.series_statements(b2, s2, [], name)
    assert [x.key for x in b2.out] == ["level.trends.first.actual", "level.trends.point.actual"]


def test_a_target_cannot_enter_a_change(res):
    base = res.shown[0].points[0].figure
    target = replace(base, period=2022, kind="target", value=2000)
    with pytest.raises(StatementError, match="target"):
        Builder.for_summary(Summary.select("nanchang", 2021)).say(
            "change", "change.trends.step.actual", new=target, old=base, change=1.0)


def test_outcome_points_prefer_the_actual(res):
    s = res.shown[0]
    assert [(p.period, p.kind) for p in outcome_points(s)] == [(2018, "actual"), (2020, "actual"), (2021, "estimate")]


def test_chart_labels_are_written_as_the_text_writes_them(res):
    """2.2% stays 2.2 on the chart (not 2.20); an implied level resting on 约 is about, no finer than
    that input's range allows: 约58.6亿元 at 1.95% gives about 3,000亿元 of GDP, never 3005.13."""
    from helpers.calc.derive import implied_total
    intensity = next(s for s in res.shown if s.series == "rd_intensity")
    printed = next(p for p in intensity.points if p.kind == "actual" and p.figure.printed == "1.95")
    assert trends_view.label_number(printed, intensity, "zh") == "1.95"
    two = replace(printed.figure, value=2.2, quote="2.2%")
    assert trends_view.label_number(replace(printed, value=2.2, figure=two), intensity, "en") == "2.2"
    rd = replace(printed.figure, indicator="rd_expenditure", value=58.6, unit="cny_100m", qualifier="approx",
                 quote="约58.6亿元")
    gdp = implied_total(rd, printed.figure)  # 58.6 / 1.95% = 3005.13
    point = Point(2023, "implied", gdp.value, "cny_100m", calc_trends.implied_qualifier(gdp), "", gdp)
    series = Series("gdp", "gdp", "jian", "cny_100m", (point,))
    # 约58.6 is 55.67 to 61.53 (±5%) and 1.95% is 1.945% to 1.955%: 2847.6 to 3163.5, the hundreds open
    assert point.qualifier == "approx" and trends_view.label_number(point, series, "en") == "3,000"
    assert trends_view.label_number(point, series, "zh") == "3000"


def test_a_series_of_implied_points_alone_is_not_drawn(res, monkeypatch):
    """Two implied levels with no printed point would draw a change no document prints."""
    summary = Summary.select("nanchang", 2021)
    gdp = next(s for s in res.shown if s.series == "gdp")
    implied = replace(gdp, points=tuple(replace(p, kind="implied") for p in gdp.points))
    monkeypatch.setattr(calc_trends, "series", lambda *a, **k: implied)
    assert calc_trends.all_series(summary) == []
    monkeypatch.setattr(calc_trends, "series", lambda *a, **k: gdp)
    assert calc_trends.all_series(summary)  # with its printed points it is drawn


def test_a_printed_growth_is_said_only_where_the_computed_one_agrees(res):
    """-5.06% rounds to the printed 下降5%; a computed -5.6% would not, and stays computed."""
    summary = Summary.select("nanchang", 2021)
    stock = next(s for s in res.shown if s.series == "hte_stock")
    new, old = stock.points[-2].figure, next(p.figure for p in stock.points if p.period == 2020 and p.kind == "actual")
    from helpers.calc.derive import change_pct
    computed = change_pct(new, old)
    assert (new.period, new.kind, round(computed.value, 2)) == (2021, "estimate", -5.06)
    assert trends.printed_growth(summary, new, old, computed).value == -5
    assert trends.printed_growth(summary, new, old, replace(computed, value=-5.6)) is None
