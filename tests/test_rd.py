"""R&D input: every expected value below was worked out by hand from the 2021 summary.

"2020年,全市研发投入支出达到111.77亿元,占全省总量的25.95%,同比增长10.40%;研发投入强度……达到1.95%,
比上年提高0.14个百分点,高于全省平均水平0.27个百分点" and "给予999家企业2020年研发费用后补助2.32亿元".
"""
from __future__ import annotations

import pytest

from helpers.sections import rd
from helpers.data.figures import Summary


@pytest.fixture(scope="module")
def s():
    return Summary.select("nanchang", 2021)


@pytest.fixture(scope="module")
def f(s):
    p = rd.rd_period(2021)
    names = ["rd_expenditure", "rd_expenditure_share_of_province", "rd_expenditure_growth", "rd_intensity",
             "rd_intensity_change", "rd_intensity_gap_to_province", "rd_intensity_rank",
             "rd_intensity_rank_change", "rd_statistics_coverage", "rd_post_subsidy_firms",
             "rd_post_subsidy_amount"]
    out = {n: s.get(n, period=p) for n in names}
    out["target"] = s.get("rd_intensity", period=2021, kind="target")
    return out


def test_rd_period_is_the_year_before():
    assert rd.rd_period(2021) == 2020
    assert rd.rd_period("2022") == 2021


def test_inputs_are_the_printed_figures(f):
    assert f["rd_expenditure"].value == 111.77 and f["rd_expenditure"].period == 2020
    assert f["target"].value == 2.2 and f["target"].period == 2021
    assert f["rd_statistics_coverage"].value == 100
    assert f["rd_intensity_rank"].value == 3 and f["rd_intensity_rank_change"].value == 1


def test_province_rd(f):
    d = rd.province_rd(f["rd_expenditure"], f["rd_expenditure_share_of_province"])
    assert d.value == pytest.approx(430.71, abs=0.005)      # 111.77 / 0.2595
    assert d.unit == "cny_100m" and d.formula == "111.77 / 25.95%"


def test_previous_rd(f):
    d = rd.previous_rd(f["rd_expenditure"], f["rd_expenditure_growth"])
    assert d.value == pytest.approx(101.24, abs=0.005)      # 111.77 / 1.104
    assert d.formula == "111.77 / (1 + 10.40%)"             # the growth as printed, trailing zero kept


def test_implied_gdp(f):
    d = rd.implied_gdp(f["rd_expenditure"], f["rd_intensity"])
    assert d.value == pytest.approx(5731.79, abs=0.005)     # 111.77 / 0.0195
    assert d.formula == "111.77 / 1.95%"


def test_intensities(f):
    prov = rd.province_intensity(f["rd_intensity"], f["rd_intensity_gap_to_province"])
    prev = rd.previous_intensity(f["rd_intensity"], f["rd_intensity_change"])
    assert prov.value == pytest.approx(1.68) and prov.unit == "percent"   # 1.95 - 0.27
    assert prev.value == pytest.approx(1.81)                              # 1.95 - 0.14
    assert prov.formula == "1.95% - 0.27 pp"


def test_province_gdp_from_two_implied_figures(f):
    prd = rd.province_rd(f["rd_expenditure"], f["rd_expenditure_share_of_province"])
    pint = rd.province_intensity(f["rd_intensity"], f["rd_intensity_gap_to_province"])
    d = rd.province_gdp(prd, pint)
    assert d.value == pytest.approx(25637.67, abs=0.01)     # 430.7129 / 0.0168
    assert d.formula == "430.71 / 1.68%"                     # two implied figures, two decimals each
    # the inputs are the four printed figures, each once
    assert [x.indicator for x in d.inputs] == ["rd_expenditure", "rd_expenditure_share_of_province",
                                              "rd_intensity", "rd_intensity_gap_to_province"]


def test_implied_gdp_growth(f):
    prev = rd.previous_intensity(f["rd_intensity"], f["rd_intensity_change"])
    d = rd.implied_gdp_growth(f["rd_expenditure_growth"], f["rd_intensity"], prev)
    assert d.value == pytest.approx(2.47, abs=0.005)        # 1.104 × 1.81 / 1.95 - 1 = 0.024739


def test_previous_rank(f):
    d = rd.previous_rank(f["rd_intensity_rank"], f["rd_intensity_rank_change"])
    assert d.value == 4 and d.unit == "rank"                # 3rd, up 1 place


def test_target_gap(f):
    d = rd.target_gap(f["rd_intensity"], f["target"])
    assert d.value == pytest.approx(0.25) and d.unit == "pp"  # 2.2 - 1.95


@pytest.mark.parametrize("g, expected", [(0, 12.82), (4, 17.33), (6, 19.59), (8, 21.85), (10, 24.10), (12, 26.36)])
def test_required_rd_growth(f, g, expected):
    # (1 + g) × 2.2 / 1.95 - 1; e.g. 1.08 × 1.128205 = 1.218462
    d = rd.required_rd_growth(f["rd_intensity"], f["target"], g)
    assert d.value == pytest.approx(expected, abs=0.005)
    assert d.formula == ("2.2 / 1.95 - 1" if g == 0 else f"(1 + {g}%) × 2.2 / 1.95 - 1")


def test_required_rd_growth_over_two_years(f):
    # a target two years ahead: (1.1^2 × 2.2 / 1.95)^(1/2) - 1 = sqrt(1.365128) - 1 = 16.84%
    from dataclasses import replace
    later = replace(f["target"], period=2022)
    d = rd.required_rd_growth(f["rd_intensity"], later, 10)
    assert d.value == pytest.approx(16.84, abs=0.005)
    assert "^(1/2)" in d.formula


def test_required_growth_table(f):
    df = rd.required_growth_table(f["rd_expenditure"], f["rd_intensity"], f["target"], [4, 8])
    assert list(df.columns) == ["gdp_growth", "gdp", "rd_needed", "rd_growth_needed"]
    assert df["rd_growth_needed"].tolist() == [17.33, 21.85]
    assert df["gdp"].tolist() == pytest.approx([5961.07, 6190.34], abs=0.01)      # 5731.795 × 1.04, × 1.08
    assert df["rd_needed"].tolist() == pytest.approx([131.14, 136.19], abs=0.01)  # 111.77 × 1.173333, × 1.218462


def test_break_even_gdp_growth(f):
    d = rd.break_even_gdp_growth(f["rd_expenditure_growth"], f["rd_intensity"], f["target"])
    assert d.value == pytest.approx(-2.15, abs=0.005)       # 1.104 × 1.95 / 2.2 - 1 = -0.021455


def test_subsidy(f):
    per = rd.subsidy_per_firm(f["rd_post_subsidy_amount"], f["rd_post_subsidy_firms"])
    assert per.value == pytest.approx(23.22, abs=0.005) and per.unit == "cny_10k"   # 2.32e8 / 999 = 232,232 元
    assert per.formula == "232,000,000 / 999"                # yuan; 232,232 元 = 23.22 万元
    share = rd.subsidy_share_of_rd(f["rd_post_subsidy_amount"], f["rd_expenditure"])
    assert share.value == pytest.approx(2.08, abs=0.005)    # 2.32 / 111.77 = 0.020757


def test_missing_inputs_give_none(f):
    x = f["rd_expenditure"]
    assert rd.province_rd(x, None) is None
    assert rd.previous_rd(None, f["rd_expenditure_growth"]) is None
    assert rd.implied_gdp(x, None) is None
    assert rd.province_intensity(None, None) is None
    assert rd.previous_intensity(f["rd_intensity"], None) is None
    assert rd.province_gdp(None, None) is None
    assert rd.implied_gdp_growth(None, f["rd_intensity"], None) is None
    assert rd.previous_rank(f["rd_intensity_rank"], None) is None
    assert rd.target_gap(f["rd_intensity"], None) is None
    assert rd.required_rd_growth(f["rd_intensity"], None, 8) is None
    assert rd.break_even_gdp_growth(None, f["rd_intensity"], f["target"]) is None
    assert rd.subsidy_per_firm(None, f["rd_post_subsidy_firms"]) is None
    assert rd.subsidy_share_of_rd(f["rd_post_subsidy_amount"], None) is None
    df = rd.required_growth_table(None, f["rd_intensity"], None, [4, 8])
    assert df["rd_growth_needed"].isna().all() and df["gdp"].isna().all() and len(df) == 2


def test_summary_lacking_a_figure(s):
    # a next-year document without the intensity: everything built on it is None, nothing raises
    stub = Summary(s.dataset, s.source["source"])
    stub.rows = stub.rows[stub.rows["indicator"] != "rd_intensity"].reset_index(drop=True)
    intensity = stub.get("rd_intensity", period=2020)
    assert intensity is None
    assert rd.implied_gdp(stub.get("rd_expenditure", period=2020), intensity) is None
    assert rd.required_rd_growth(intensity, stub.get("rd_intensity", period=2021, kind="target"), 8) is None


def test_gap_in_years_of_gain(f):
    gap = rd.target_gap(f["rd_intensity"], f["target"])
    d = rd.gap_in_years_of_gain(gap, f["rd_intensity_change"])
    assert d.value == pytest.approx(1.79, abs=0.005)        # 0.25 / 0.14 = 1.7857
    assert [(x.indicator, x.kind) for x in d.inputs] == [                 # Figures only, no Derived
        ("rd_intensity", "target"), ("rd_intensity", "actual"), ("rd_intensity_change", "actual")]
    assert rd.gap_in_years_of_gain(None, f["rd_intensity_change"]) is None


def test_region_name():
    assert rd.region_name("jiangxi", "zh") == "江西" and rd.region_name("nanchang") == "Nanchang"
    assert rd.region_name("ganzhou") == "Ganzhou"


def test_derived_table_and_key_row(f):
    d = rd.province_rd(f["rd_expenditure"], f["rd_expenditure_share_of_province"])
    df = rd.derived_table([("a", f["rd_expenditure"]), ("b", d), ("c", None)], "en")
    assert list(df.columns) == ["Figure", "Value", "How it is obtained"]
    assert df["Value"].tolist() == [111.77, 430.71, "not reported"]
    assert df.iloc[1, 2] == "implied: 111.77 / 25.95%"
    zh = rd.derived_table([("c", None)], "zh")
    assert zh.iloc[0].tolist() == ["c", "未报告", ""]
    assert rd.key_row("x", d) == ("x", 430.71, "cny_100m", "implied: 111.77 / 25.95%")
    assert rd.key_row("y", None) == ("y", None, "", "not reported")
    assert rd.key_row("z", f["rd_intensity"]) == ("z", 1.95, "percent", "printed")


def test_printed_table(s):
    df = rd.printed_table(s, "rd_input", "en")
    assert list(df.columns) == ["Indicator", "Region", "Period", "Kind", "Value (with unit)"]
    assert len(df) == 13 and df.iloc[0].tolist() == ["R&D expenditure", "Nanchang", 2020, "actual", "CNY 11.18 bn"]
    row = df[df["Indicator"].str.startswith("R&D intensity, places gained")].iloc[0]
    assert row["Value (with unit)"] == "1"                    # "提升1位", not "1st"
    zh = rd.printed_table(s, "rd_input", "zh")
    assert zh.iloc[0].tolist() == ["研发经费投入", "南昌", 2020, "实际", "111.77亿元"]
    assert zh.iloc[4].tolist()[3:] == ["目标", "2.2%"]
    assert rd.printed_value(None, "zh") == "未报告"
