"""Rules from the fifth bilingual review (issue 16), each for any city and year: a value computed
from a bound is a bound; a value the printed figures do not fix is never a number; a rise over two
years is not set against a rise of one; 近 stays "nearly" in English cells; a stock and the change
printed for it are one sentence; open targets of one year and reason are one sentence; a bound after
为 reads as Chinese writes it. Hand-worked values in each test."""
from __future__ import annotations

from dataclasses import replace

import pytest

from helpers.calc import audit, derive
from helpers.calc.intervals import Interval
from helpers.data.figures import Figure, Summary
from helpers.data.units import bound_mark
from helpers.present import audit_view, catalog, numbers
from helpers.sections import rd


def fig(indicator, value, unit="count", period=2022, qualifier="exact", quote=None, kind="actual"):
    return Figure(indicator=indicator, region="ganzhou", period=period, kind=kind, value=value, unit=unit,
                  qualifier=qualifier, quote=quote or f"{value:g}", note="", name_zh=indicator,
                  name_en=indicator, section="test", source="test")


def test_a_total_implied_by_a_floor_is_a_floor():
    # 超过1500家 at 15.2% of the province: 1500 / 0.152 = 9868.4, and more than that
    part = fig("tech_sme_applications", 1500, qualifier="at_least", quote="超过1500家")
    total = derive.implied_total(part, fig("share", 15.2, "percent"))
    assert total.value == pytest.approx(9868.42, abs=0.01) and total.qualifier == "at_least"
    assert numbers.figure(total, "zh", "bare") == "超过9868家"
    # a floor on the divisor is a ceiling: 100 / (at least 20%) is at most 500
    assert derive.implied_total(fig("x", 100), fig("s", 20, "percent", qualifier="at_least")).qualifier == "at_most"
    # two floors pulling opposite ways bound nothing: no number
    assert derive.ratio(fig("a", 10, qualifier="at_least"), fig("b", 5, qualifier="at_least")) is None


@pytest.fixture(scope="module")
def implied():
    return {r.check: r for r in audit.implied(audit.evaluate(Summary.select("nanchang", 2021)))}


def test_an_implied_value_the_figures_do_not_fix_is_shown_as_its_range(implied):
    # a nominal growth of 6.4% that the printed figures allow anywhere from -4.4% to 18.4%
    r = replace(implied["city_gdp_growth"], value=6.4, interval=Interval(-4.4, 18.4))
    assert not r.determined and r.derived() is None and r.derived(undetermined=True).value == 6.4
    row = audit_view.implied_table([r], "zh").iloc[0]
    assert (row.iloc[1], row.iloc[2]) == ("据现有数据无法确定", "下降4.40%至增长18.40%")
    assert audit_view.implied_table([r], "en").iloc[0, 1] == "not fixed by the printed figures"
    # wider than the value itself, though on one side of zero: 2 that may be 0.5 to 4.1
    assert not replace(r, value=2.0, interval=Interval(0.5, 4.1)).determined
    assert implied["rd_expenditure_prev"].determined  # 2019 R&D from 2020's and its growth: fixed


def test_a_rise_over_two_years_is_paced_by_the_year():
    # 2.4% in 2023 against 2.28% in 2021 after a 2021 rise of 0.12 pp: 0.12 / 2 / 0.12 = 0.50 a year
    base, target = fig("rd_intensity", 2.28, "percent", 2021), fig("rd_intensity", 2.4, "percent", 2023, kind="target")
    gap, gain = derive.difference(target, base), fig("rd_intensity_change", 0.12, "pp", 2021)
    pace = rd.gap_in_years_of_gain(gap, gain, 2)
    assert pace.value == pytest.approx(0.5) and pace.formula == "0.12 / 2 / 0.12"
    assert rd.gap_in_years_of_gain(gap, gain).value == pytest.approx(1.0)  # one year, as before
    # the formula beside a two-year break-even growth is the two-year one, and gives its number:
    # ((1.123)^2 × 2.28 / 2.4)^(1/2) - 1 = 9.46%
    be = rd.break_even_gdp_growth(fig("rd_expenditure_growth", 12.3, "percent", 2021), base, target)
    assert be.value == pytest.approx(9.46, abs=0.005)
    assert be.formula == "((1 + 12.3%)^2 × 2.28 / 2.4)^(1/2) - 1"


def test_nearly_stays_nearly_in_english_cells():
    assert bound_mark("approx", "en", "nearly") == "nearly " and bound_mark("approx", "zh", "nearly") == "近"
    assert bound_mark("approx", "en") == "~"
    x = fig("turnover", 45, "cny_100m", qualifier="approx", quote="近45亿元")
    assert numbers.cell(x, "en").startswith("nearly ") and numbers.cell(x, "zh") == "近45亿元"


def test_a_bound_after_wei_reads_as_chinese_writes_it():
    assert numbers.tidy("目标为超过1200家，推算为约4320亿元，上限为不超过5亿元。", "zh") == \
        "目标超过1200家，推算约为4320亿元，上限不超过5亿元。"
    assert numbers.tidy("作为约束性指标，成为超过3家。", "zh") == "作为约束性指标，成为超过3家。"


def test_a_stock_and_its_printed_change_are_one_sentence():
    from helpers.calc.statements import Builder
    from helpers.sections import firms
    b = Builder()
    rung = firms.Rung("hte_count", fig("hte_count", 1120, quote="全市高新技术企业数量1120家"), None, None, None, None)
    rungs = [firms.Rung(k, None, None, None, None, None) for k in ("tech_sme_applications", "hte_applications",
                                                            "hte_reported", "unicorn_gazelle_new")] + [rung]
    firms.ladder_statements(b, rungs, None, None, fig("hte_count_growth", -3.5, "percent", quote="同比下降3.5%"),
                            "ganzhou")
    (st,) = [s for s in b.out if "hte_count" in s.key]
    assert st.key == "level.firms.hte_count.actual.change"
    assert catalog.render(st, "zh") == "2022年末高新技术企业1120家，同比下降3.5%。"
    assert catalog.render(st, "en") == "The city had 1,120 HTEs at the end of 2022, down 3.5% on the year before."


def test_a_range_target_keeps_both_ends_in_the_targets_table():
    # the 2020 plan's "力争新增引进新型研发机构1-2家": 1至2家, never ≥1家
    from helpers.calc import targets
    from helpers.present import targets_view
    s = Summary.select("nanchang", 2020)
    for lang, want in (("zh", "1至2家"), ("en", "1–2")):
        table = targets_view.table(targets.check_targets(s), lang, targets_view.FULL)
        cells = [c for c in table.iloc[:, 2] if "2" in str(c) and ("至" in str(c) or "–" in str(c))]
        assert want in cells, table.iloc[:, 2].tolist()
        assert not any(str(c).startswith("≥1") for c in table.iloc[:, 2])


def test_a_negative_figure_of_the_rest_is_a_fall_in_words():
    from helpers.calc.statements import Builder, Region
    b = Builder()
    x = fig("tech_contract_turnover_growth", -6.3, "percent", 2023, quote="同比下降6.3%")
    st = b.say("level", "level.other.actual.fall", x=x, region=Region("jiujiang"))
    zh, en = catalog.render(st, "zh"), catalog.render(st, "en")
    assert "下降6.3%" in zh and "-6.3" not in zh and "down 6.3%" in en


def test_an_implied_total_from_a_floor_keeps_its_mark_in_the_ladder_table():
    from helpers.present import tables
    part = fig("tech_sme_applications", 1500, qualifier="at_least", quote="超过1500家")
    total = derive.implied_total(part, fig("share", 15.2, "percent"))
    assert tables._whole(total, "zh") == ">9868" and tables._whole(replace(total, qualifier="exact"), "zh") == 9868
