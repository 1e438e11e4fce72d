"""Unit conversion and the generic derived figures, against values worked by hand from the document."""
from dataclasses import replace

import pytest

from helpers.calc import audit, derive
from helpers.data.units import convert, format_value, to_yuan, unit_label


def test_to_yuan():
    assert to_yuan(111.77, "cny_100m") == pytest.approx(11_177_000_000)   # 111.77亿元
    assert to_yuan(2985, "cny_10k") == pytest.approx(29_850_000)          # 2985万元
    with pytest.raises(ValueError, match="not monetary"):
        to_yuan(3, "count")


def test_convert_between_money_units():
    assert convert(3000, "cny_10k", "cny_100m") == pytest.approx(0.3)     # 3000万 = 0.3亿
    assert convert(5.33, "cny_100m", "cny_10k") == pytest.approx(53300)


def test_format_value():
    assert format_value(111.77, "cny_100m", "en") == "CNY 11.18 bn"  # a computed amount: at most 2 places
    assert format_value(111.77, "cny_100m", "en", printed=2) == "CNY 11.177 bn"  # printed: as many digits as 111.77亿元
    assert format_value(111.77, "cny_100m", "zh") == "111.77亿元"
    assert format_value(514.39, "cny_10k", "en") == "CNY 5.14 m"
    assert format_value(514.39, "cny_10k", "en", printed=2) == "CNY 5.1439 m"  # every digit of 514.39万元
    assert format_value(8.76, "cny_100m", "en") == "CNY 876 m"
    # a range's ends rounded outward when restated: 431.17万元 to 432.06万元 holds 4.31 to 4.33 m
    assert (format_value(431.17, "cny_10k", "en", way="down"), format_value(432.06, "cny_10k", "en", way="up")) \
        == ("CNY 4.31 m", "CNY 4.33 m")
    assert format_value(3, "rank", "en") == "3rd"
    assert format_value(3, "rank", "zh") == "第3位"  # 全省排名第3位: the measure word of a rank
    assert format_value(None, "count", "zh") == "未报告"
    assert format_value(2360, "count", "en") == "2,360"
    assert unit_label("pp", "zh") == "个百分点"


def test_figure_formatting_keeps_printed_precision(summary):
    growth = summary.get("rd_expenditure_growth", period=2020)
    assert growth.printed == "10.40" and growth.decimals == 2
    assert growth.formatted("en") == "10.40%"
    loans = summary.get("kedaitong_loans")
    assert loans.formatted("zh") == "约3.22亿元"
    assert summary.get("hte_count_growth", kind="estimate").printed == "-5"


def test_implied_total_rd(summary):
    d = derive.implied_total(summary.get("rd_expenditure", period=2020),
                             summary.get("rd_expenditure_share_of_province", period=2020))
    assert d.value == pytest.approx(430.71, abs=0.01)      # 111.77 / 0.2595
    assert d.unit == "cny_100m" and "25.95%" in d.formula
    assert d.quotes == ["2020年,全市研发投入支出达到111.77亿元", "占全省总量的25.95%"]


def test_previous_level_and_changes(summary):
    rd = summary.get("rd_expenditure", period=2020)
    growth = summary.get("rd_expenditure_growth", period=2020)
    assert derive.previous_level(rd, growth).value == pytest.approx(101.24, abs=0.01)   # 111.77 / 1.104
    now = summary.get("hte_reported")
    fall = summary.get("hte_reported_change")
    d = derive.difference(now, fall)                                                    # level minus a signed change
    assert d.value == 913 and d.formula == "455 - (-458)"                               # 455 + 458
    assert audit.implied_figures(summary)["hte_reported_prev_city"].value == 913       # the audit's relation
    est = summary.get("hte_count", period=2021, kind="estimate")
    before = summary.get("hte_count", period=2020)
    assert derive.change_pct(est, before).value == pytest.approx(-5.06, abs=0.005)      # 1950/2054 - 1
    assert derive.share_pct(now, summary.get("hte_applications")).value == pytest.approx(26.94, abs=0.005)


def test_total(summary):
    d = derive.total(summary.get("city_key_lab_new"), summary.get("city_engineering_center_new"))
    assert d.value == 49 and d.formula == "20 + 29"
    one = derive.total(summary.get("state_key_lab_new"))
    assert one.value == 1 and one.formula == "1"


def test_ratio_and_per_unit_convert_money(summary):
    loans = summary.get("kedaitong_loans_cumulative")
    pool = summary.get("kedaitong_risk_pool")
    assert derive.ratio(loans, pool).value == pytest.approx(17.77, abs=0.01)            # 5.33亿 / 3000万
    amount = summary.get("rd_post_subsidy_amount", period=2020)
    firms = summary.get("rd_post_subsidy_firms", period=2020)
    per_firm = derive.per_unit(amount, firms, unit="cny")                               # in yuan
    assert per_firm.value == pytest.approx(232_232, abs=1)                              # 2.32亿 / 999
    assert per_firm.unit == "cny"
    per_firm = derive.per_unit(amount, firms)                                           # 万元 by default
    assert per_firm.value == pytest.approx(23.2232, abs=1e-4) and per_firm.unit == "cny_10k"
    assert per_firm.formula == "2.32 亿元 / 999"


def test_missing_input_gives_none(summary):
    x = summary.get("rd_expenditure", period=2020)
    assert derive.implied_total(None, None) is None
    assert derive.implied_total(x, None) is None
    assert derive.previous_level(None, x) is None
    assert derive.difference(x, None) is None
    assert derive.total(x, None) is None
    assert derive.change_pct(None, x) is None
    assert derive.share_pct(x, None) is None
    assert derive.ratio(None, x) is None
    assert derive.per_unit(x, None) is None
    assert derive.compute("sum", x, None, unit="cny_100m") is None


def test_zero_divisor_gives_none(summary):
    x = summary.get("rd_expenditure", period=2020)
    zero = replace(x, value=0.0)
    assert derive.ratio(x, zero) is None and derive.share_pct(x, zero) is None
