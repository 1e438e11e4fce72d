"""Rules from the fifth bilingual review (issue 16), each for any city and year: a value computed
from a bound is a bound; a value the printed figures do not fix is never a number; a rise over two
years is not set against a rise of one; 近 stays "nearly" in English cells; a stock and the change
printed for it are one sentence; open targets of one year and reason are one sentence; a bound after
为 reads as Chinese writes it. Hand-worked values in each test."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

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
    # 超过1500家 at 15.2% of the province: 15.2% may be as much as 15.25%, so the province has more
    # than 1500 / 0.1525 = 9836.07 (not 1500 / 0.152 = 9868.4: a share of 15.24% allows 9,850)
    part = fig("tech_sme_applications", 1500, qualifier="at_least", quote="超过1500家")
    total = derive.implied_total(part, fig("share", 15.2, "percent"))
    assert total.value == pytest.approx(9836.07, abs=0.01) and total.qualifier == "at_least"
    # floored: never more than it supports; a computed bound is written 以上 wherever it stands
    assert numbers.figure(total, "zh", "bare") == "9836家以上" and numbers.figure(total, "en", "bare") == "more than 9,836"
    # a ceiling is written rounded up: 1500 at most, at 15.2% -> at most 1500 / 0.1515 = 9900.99 -> 9901
    cap = derive.implied_total(replace(part, qualifier="at_most", quote="不超过1500家"), fig("share", 15.2, "percent"))
    assert cap.value == pytest.approx(9900.99, abs=0.01) and numbers.figure(cap, "zh", "bare") == "不超过9901家"
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
    # its range, 22.8 points wide, leaves the tens open: its ends rounded outward at the units
    assert (row.iloc[1], row.iloc[2]) == ("据现有数据无法确定", "下降5%至增长19%")
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
    assert catalog.render(st, "zh") == "2022年高新技术企业1120家，同比下降3.5%。"
    assert catalog.render(st, "en") == "The city had 1,120 HTEs in 2022, down 3.5% on the year before."


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
    assert tables._whole(total, "zh") == "9836以上" and tables._whole(replace(total, qualifier="exact"), "zh") == 9836
    assert tables._whole(total, "en") == ">9,836"


def test_a_new_documents_list_and_printed_fall_reach_the_report_by_data_rows(tmp_path):
    """A made-up Shangrao 2022 summary: a list of problems under a new list id (a row of
    list_catalog.csv, no code) is stated whole in its section, and a fall it prints in the trading
    section is a key finding, in both languages, with no word of Nanchang's document."""
    import shutil

    from helpers.data.paths import DATA_DIR
    from helpers.present import judgements
    from testkit import add_document
    d = Path(shutil.copytree(DATA_DIR, tmp_path / "data"))
    text = "上饶市科技局2022年工作总结\n2022年，全市技术合同成交额下降6.3%。人才工作存在的问题：一是高端人才引进难，二是人才流失较多。\n"
    add_document(d, "shangrao_2022", "上饶市科技局2022年工作总结", "上饶市科学技术局", "shangrao", 2022, text,
                 [("tech_contract_turnover_growth", 2022, "actual", -6.3, "percent", "exact", "技术合同成交额下降6.3%")],
                 [("上饶市科技局2022年工作总结", "the title")])
    with open(d / "lists.csv", "a", encoding="utf-8") as fh:
        fh.write("talent_problems,1,高端人才引进难,High-end talent is hard to attract,shangrao,2022,shangrao_2022,"
                 "高端人才引进难\ntalent_problems,2,人才流失较多,Many talents leave,shangrao,2022,shangrao_2022,人才流失较多\n")
    with open(d / "list_catalog.csv", "a", encoding="utf-8") as fh:
        fh.write("talent_problems,talent_technology,人才工作存在的问题,The problems of talent work\n")
    summary = Summary.select("shangrao", 2022, d)
    pool = judgements.sections(summary)
    listed = [st for st in pool[7] if st.key == "list.other"]
    assert [catalog.render(st, "zh", d) for st in listed] == ["文件列出的人才工作存在的问题：一是高端人才引进难；二是人才流失较多。"]
    assert catalog.render(listed[0], "en", d) == ("The problems of talent work, as the document lists them: first, "
                                                  "high-end talent is hard to attract; second, many talents leave.")
    # a growth rate is said of its level (技术合同成交额同比下降6.3%), not as "…增长速度：下降6.3%"
    found = [j for j in judgements.findings(summary) if j.key == "level.other.actual.growth.fall"]
    assert [(j.section, j.text("zh", d)) for j in found] == [(5, "2022年上饶技术合同成交额同比下降6.3%。")]
    assert found[0].text("en", d) == "Technology contract turnover (Shangrao, 2022): down 6.3% on the year before."


def test_a_target_set_against_a_level_two_years_before_says_so():
    """2020's target of 1700家 against 2018's 1049家 (no 2019 level in the data): the change of 651
    spans two years, and the sentence gives the gap in years, never as if 2018 were the year before."""
    from helpers.present import judgements
    pool = judgements.sections(Summary.select("nanchang", 2020))
    st = next(s for s in pool[9] if s.key.startswith("target_ambition.level") and s["baseline"].period == 2018)
    assert st.key == "target_ambition.level.span" and st["span"] == 2 and st["gap"].value == 651
    assert catalog.render(st, "zh").startswith("2020年高新技术企业数量目标为1700家，比2年前（2018年）实际的1049家多651家")
    assert "the actual of 1,049 in 2018, 2 years earlier" in catalog.render(st, "en")
    one_year = next(s for s in judgements.sections(Summary.select("nanchang", 2021))[9]
                    if s.key.startswith("target_ambition.level"))
    assert one_year.key == "target_ambition.level" and one_year.get("span") is None


def test_last_years_stock_is_implied_from_a_stock_and_its_printed_growth(tmp_path):
    """高新技术企业1286家，同比增长9.2% (a made-up Shangrao summary): last year's stock is implied,
    1286 / (1 + 9.2%) = 1177.66, by a row of relations.csv, as R&D's is."""
    import shutil

    from helpers.data.paths import DATA_DIR
    from testkit import add_document
    d = Path(shutil.copytree(DATA_DIR, tmp_path / "data"))
    text = "上饶市科技局2022年工作总结\n2022年，全市高新技术企业达到1286家，同比增长9.2%。\n"
    add_document(d, "shangrao_2022", "上饶市科技局2022年工作总结", "上饶市科学技术局", "shangrao", 2022, text,
                 [("hte_count", 2022, "actual", 1286, "count", "exact", "高新技术企业达到1286家"),
                  ("hte_count_growth", 2022, "actual", 9.2, "percent", "exact", "同比增长9.2%")],
                 [("上饶市科技局2022年工作总结", "the title")])
    implied = {r.check: r for r in audit.implied(audit.evaluate(Summary.select("shangrao", 2022, d)))}
    prev = implied["hte_count_prev"].derived()
    assert prev.value == pytest.approx(1177.66, abs=0.01) and prev.formula == "1286 / (1 + 9.2%)"


def test_an_implied_value_is_written_no_finer_than_its_exact_inputs_allow():
    # 48.6亿元 is 48.55 to 48.65 and 4.1% is 4.05% to 4.15%: the province's turnover is
    # 48.55 / 4.15% = 1169.88 to 48.65 / 4.05% = 1201.23, so the tens are already uncertain:
    # about 1,190, never 1185.37 (48.6 / 4.1% = 1185.37)
    total = derive.implied_total(fig("tech_contract_turnover", 48.6, "cny_100m", quote="48.6亿元"),
                                 fig("tech_contract_turnover_share_of_province", 4.1, "percent", quote="4.1%"))
    assert total.value == pytest.approx(1185.366, abs=1e-3)
    assert total.spread == pytest.approx((1169.880, 1201.235), abs=1e-3)
    assert derive.spread_decimals(total) == -1 and derive.coarse(total)
    assert numbers.figure(total, "zh", "bare") == "约1190亿元"
    assert numbers.figure(total, "en", "bare") == "about CNY 119 bn"
    # 106.7亿元 over 3278 contracts: 106.65e4 / 3278 = 325.35 to 106.75e4 / 3278 = 325.66 万元
    avg = derive.per_unit(fig("tech_contract_turnover", 106.7, "cny_100m", quote="106.7亿元"),
                          fig("tech_contract_count", 3278, quote="3278项"))
    assert numbers.figure(avg, "zh", "bare") == "约325.5万元"
    assert numbers.figure(avg, "en", "bare") == "about CNY 3.255 m"  # as many digits in both languages
    # 111.77亿元 over 3434: 325.466 to 325.495 万元: written to the hundredths, the first digit left
    # open, and about, as the range reaches beyond 325.475–325.485
    fine = derive.per_unit(fig("tech_contract_turnover", 111.77, "cny_100m", quote="111.77亿元"),
                           fig("tech_contract_count", 3434, quote="3434项"))
    assert not derive.coarse(fine) and derive.uncertain(fine)
    assert numbers.figure(fine, "zh", "bare") == "约325.48万元"
    # 2500万元 over 5 projects (499.9 to 500.1) is 500万元: its range stays inside 499.5–500.5
    whole = derive.per_unit(fig("guide_fund_equity_amount", 2500, "cny_10k", quote="2500万元"),
                            fig("guide_fund_equity_projects", 5, quote="5个"))
    assert not derive.uncertain(whole) and numbers.figure(whole, "zh", "bare") == "500万元"


def test_a_target_is_the_number_it_sets_not_a_rounded_measurement():
    # 2.3% set as a target is 2.3%: 2.3 - 2.05 (2.045 to 2.055) is 0.245 to 0.255 points, 0.25
    gap = derive.difference(fig("rd_intensity", 2.3, "percent", kind="target", quote="2.3%"),
                            fig("rd_intensity", 2.05, "percent", quote="2.05%"), unit="pp")
    assert gap.spread == pytest.approx((0.245, 0.255)) and not derive.coarse(gap)
    assert numbers.plain(gap, "zh") == "0.25个百分点"
    # the same 2.3 as a measured share is 2.25 to 2.35, and the difference 0.195 to 0.305: 0.3
    measured = derive.difference(fig("rd_intensity", 2.3, "percent", quote="2.3%"),
                                 fig("rd_intensity", 2.05, "percent", quote="2.05%"), unit="pp")
    assert derive.spread_decimals(measured) == 1 and numbers.figure(measured, "zh", "bare") == "约0.3个百分点"


def test_a_scenario_table_on_an_approximate_base_is_written_no_finer_than_its_range():
    # 约58.6亿元 of R&D at 2.13% of GDP: GDP 约2750亿元 (58.6 / 2.13% = 2751.17; 约 is ±5%, so
    # 2613.6 to 2888.7). Two years at 4%: × 1.0816 = 2975.67, written 约3000亿元, never 2975.67;
    # the R&D 2.25% of it needs, 66.95, is 约67亿元; the growth that takes rests on the printed
    # 2.13% and 2.25% only: ((1.04)^2 × 2.25 / 2.13)^(1/2) - 1 = 6.89%, 2.125 to 2.135 -> 约6.9%
    rd_base = fig("rd_expenditure", 58.6, "cny_100m", period=2022, qualifier="approx", quote="约58.6亿元")
    base = fig("rd_intensity", 2.13, "percent", period=2022, quote="2.13%")
    target = fig("rd_intensity", 2.25, "percent", period=2024, kind="target", quote="2.25%")
    df = rd.required_growth_table(derive.implied_total(rd_base, base), base, target, [4, 12])
    gdp, need, growth = df["gdp"][0], df["rd_needed"][0], df["rd_growth_needed"][0]
    assert (gdp.value, need.value, growth.value) == pytest.approx((2975.67, 66.95, 6.889), abs=0.005)
    assert [numbers.cell(x, "zh") for x in (gdp, need, growth)] == ["约3000亿元", "约67亿元", "约6.9%"]
    assert [numbers.cell(x, "en") for x in (gdp, need, growth)] == ["~CNY 300 bn", "~CNY 6.7 bn", "~6.9%"]
    assert numbers.cell(df["rd_growth_needed"][1], "zh") == "约15.1%"  # as the key judgement writes it


def test_a_value_from_an_approximate_figure_is_no_finer_than_the_approximations_range():
    # 约70% is 66.5% to 73.5% (±5% of 70, the loader's reading of 约): 70% of 1689 - 455 = 1234
    # firms is 820.61 to 906.99, so the tens are open: 约860家, never 约864家
    share = fig("hte_rejected_rd_expense_share", 70, "percent", qualifier="approx", quote="约70%")
    rejected = derive.compute("part_of_difference", share, fig("hte_applications", 1689, quote="1689家"),
                              fig("hte_reported", 455, quote="455家"), unit="count")
    assert rejected.value == pytest.approx(863.8)
    assert rejected.spread == pytest.approx((820.61, 906.99), abs=1e-2)
    assert derive.spread_decimals(rejected) == -1
    assert numbers.figure(rejected, "zh", "bare") == "约860家" and numbers.figure(rejected, "en", "bare") == "about 860"
    # 近2亿元 is just under 2亿元, so its upper end holds: 2亿元 / 30 firms keeps its own digits, 近670万元
    nearly = fig("roadshow_financing", 2, "cny_100m", qualifier="approx", quote="近2亿元")
    per_firm = derive.per_unit(nearly, fig("roadshow_firms_financed", 30, quote="30家"))
    assert per_firm.spread is None and numbers.figure(per_firm, "zh", "bare") == "近670万元"


def test_an_implied_value_whose_range_is_wider_than_half_of_it_is_not_a_number():
    # 2020 GDP growth from R&D and intensity: 111.77亿元 / 1.95% against 101.24亿元 / 1.81% allows
    # 1.63% to 3.32% around 2.47%: a range of 1.69 points, more than half of 2.47, so even 约2%
    # would claim a digit the figures leave open; 1169.88 to 1201.23 around 1185.37 is a number
    from types import SimpleNamespace
    for value, lo, hi, fixed in ((2.47, 1.63, 3.32, False), (1185.37, 1169.88, 1201.23, True),
                                 (6.4, -4.4, 18.4, False)):
        r = SimpleNamespace(value=value, interval=Interval(lo, hi))
        assert audit.Result.determined.fget(r) is fixed, (value, lo, hi)


def test_a_published_table_writes_whole_numbers_whole():
    import pandas as pd

    from helpers.present.notebook import whole_numbers
    df = whole_numbers(pd.DataFrame({"firms": [1286.0, None], "share": [9.6, 25.0]}))
    assert df.to_csv(index=False).splitlines() == ["firms,share", "1286,9.6", ",25.0"]


def test_the_key_figures_box_writes_english_money_with_the_chinese_digits():
    from helpers.build.html import _value
    assert _value("111.77", "cny_100m", "en") == "CNY 11.177 bn" and _value("111.77", "cny_100m", "zh") == "111.77亿元"
    assert _value(">38", "cny_100m", "en") == ">CNY 3.8 bn" and _value(">38", "cny_100m", "zh") == "超过38亿元"


def test_a_ratio_of_changes_is_no_finer_than_its_inputs_allow():
    # the rise the 2.2% target asks for over 1.95% is 0.25 pp (2.2 is set; 1.95 is 1.945 to 1.955,
    # so 0.245 to 0.255), against 0.14 pp achieved (0.135 to 0.145): 0.245 / 0.145 = 1.69 to
    # 0.255 / 0.135 = 1.89, so 约1.8倍, never 1.79倍
    target = fig("rd_intensity", 2.2, "percent", 2021, kind="target", quote="2.2%")
    level = fig("rd_intensity", 1.95, "percent", 2020, quote="1.95%")
    gain = fig("rd_intensity_change", 0.14, "pp", 2020, quote="提高0.14个百分点")
    pace = rd.gap_in_years_of_gain(derive.difference(target, level, unit="pp"), gain)
    assert pace.value == pytest.approx(1.7857, abs=1e-4)
    assert pace.spread == pytest.approx((1.6897, 1.8889), abs=1e-4)
    assert numbers.figure(pace, "zh", "bare") == "约1.8倍" and numbers.figure(pace, "en", "bare") == "about 1.8×"


def test_english_money_keeps_the_chinese_digits():
    # 514.39万元 is CNY 5.1439 m; 2.2% of 6650.53亿元 is 146.31亿元, CNY 14.631 bn
    paid = fig("tech_insurance_premium_subsidy", 514.39, "cny_10k", quote="保费补助514.39万元")
    assert numbers.plain(paid, "en") == "CNY 5.1439 m" and numbers.plain(paid, "zh") == "514.39万元"
    need = rd.rd_needed(fig("rd_intensity", 2.2, "percent", 2021, kind="target", quote="2.2%"),
                        fig("gdp", 6650.53, "cny_100m", 2021, quote="6650.53亿元"))
    assert numbers.plain(need, "zh") == "146.31亿元" and numbers.plain(need, "en") == "CNY 14.631 bn"
    # 514.39万元 / 49 firms is 10.50万元 each: CNY 105.0 k, its last digit kept; 110亿元 is CNY 11 bn
    each = derive.per_unit(paid, fig("tech_insurance_firms", 49, quote="49家"))
    assert numbers.plain(each, "zh") == "10.50万元" and numbers.plain(each, "en") == "CNY 105.0 k"
    assert numbers.plain(fig("rd_expenditure", 110, "cny_100m", kind="target", quote="110亿元"), "en") == "CNY 11 bn"


def test_a_ranges_ends_are_one_digit_finer_than_its_value():
    # 111.77亿元 / 1.95%: 111.765 / 1.955% = 5716.88 to 111.775 / 1.945% = 5746.79, the tens open:
    # the value is 约5730亿元 and its range, rounded outward at the units, 5716亿元 to 5747亿元
    gdp = derive.implied_total(fig("rd_expenditure", 111.77, "cny_100m", 2020, quote="111.77亿元"),
                               fig("rd_intensity", 1.95, "percent", 2020, quote="1.95%"))
    assert gdp.spread == pytest.approx((5716.88, 5746.79), abs=1e-2)
    assert numbers.figure(gdp, "zh", "bare") == "约5730亿元"
    lo, hi = (numbers.plain(gdp, "zh", v, side) for v, side in ((gdp.spread[0], "down"), (gdp.spread[1], "up")))
    assert (lo, hi) == ("5716亿元", "5747亿元")


def test_a_formula_names_an_implied_input_as_the_report_writes_it():
    # Jiangxi's reports the year before, from 1452 and a fall of 55.25% (55.245 to 55.255):
    # 1452 / (1 - 55.25%) = 3244.69, 3244.33 to 3245.05: one whole number, so the count is 3245,
    # not "about", and the change 1452 - 3245, never 1452 - 3244.69 (a fractional firm count)
    before = derive.previous_level(fig("hte_reported", 1452, period=2021, quote="报备1452家"),
                                   fig("hte_reported_change_rate", -55.25, "percent", 2021, quote="同比下降55.25%"))
    assert derive.term(before) == "3245" and not derive.uncertain(before)
    change = derive.difference(fig("hte_reported", 1452, period=2021, quote="报备1452家"), before)
    assert change.formula == "1452 - 3245"
    # an implied input whose range allows other values is 'about' in its formula: 约 / ~
    # (10000 / 1.0965 to 10000 / 1.0955 is 9119.9 to 9128.3 firms: about 9124)
    now = fig("hte_count", 10000, period=2021, quote="10000家")
    rough = derive.previous_level(now, fig("hte_count_growth", 9.6, "percent", 2021, quote="增长9.6%"))
    assert derive.difference(now, rough).formula == "10000 - 约9124"
    assert numbers.formula_in("10000 - 约9124", "en") == "10000 - ~9124"


def test_an_implied_counts_range_is_the_whole_numbers_inside_it(implied):
    # 2360 / 28.23% (28.225% to 28.235%) is 8358.42 to 8361.38 applicants: 8359 to 8361 firms;
    # 39 / 25% (24.5% to 25.5%) is 152.94 to 159.18: 153 to 159; 455 / 31.55% is 1441.93 to
    # 1442.38, one whole number: 1442
    assert audit_view.range_text(implied["jiangxi_tech_sme_applications"], "zh") == "8359家至8361家"
    assert audit_view.range_text(implied["jiangxi_unicorn_gazelle_new"], "en") == "153 – 159"
    exact = implied["jiangxi_hte_reported"]  # the range cell says so, never repeats 1442
    assert audit_view.range_text(exact, "zh") == "" and audit_view.exact_to_digits(exact)
    assert not audit_view.exact_to_digits(implied["jiangxi_unicorn_gazelle_new"])
    table = audit_view.implied_table(list(implied.values()), "zh")
    row = table[table.iloc[:, 1] == "1442家"].iloc[0]
    assert row.iloc[2] == "—（四舍五入到所写位数，无其他取值）"


def test_a_plan_years_target_is_set_against_an_implied_level_when_no_document_prints_one():
    # review 10 #1: the 2020 plan's 2% R&D intensity target. No document prints 2019's intensity;
    # the 2021 summary prints 1.95% for 2020, 0.14 pp above 2019: 2019 is 1.95 - 0.14 = 1.81%
    # (1.945 - 0.145 to 1.955 - 0.135: 1.80 to 1.82). The target asks 2 - 1.81 = 0.19 pp more.
    from helpers.calc import targets
    from helpers.present.catalog import render
    s = Summary.select("nanchang", 2020)
    check = next(c for c in targets.check_targets(s) if c.target_expr == "rd_intensity")
    base = check.baselines[0]
    assert isinstance(base, derive.Derived) and base.kind == "implied" and base.period == 2019
    assert base.value == pytest.approx(1.81) and check.baseline_period == 2019
    assert [f.value for f in derive.figures_behind(base)] == [1.95, 0.14]
    assert check.change.value == pytest.approx(0.19)
    b = rd.analyse(s).statements
    said = next(render(st, "zh") for st in b if st.predicate == "target_ambition")
    assert said.startswith("2020年研发投入强度目标为2%，比2019年推算水平约1.81%（推算：1.95 - 0.14）"
                           "高0.19个百分点左右")  # one written form (约1.81%), named as implied before it
    assert "此后发布" in said  # the figures behind it came out later: labelled so


def test_no_target_is_said_to_lack_a_baseline_that_the_data_print_or_imply():
    # the same search for every target: "no baseline in the data" only when no document of the
    # dataset prints a level of the measure before the target year and no selection implies one
    from helpers.calc import targets
    ds = Summary.select("nanchang", 2021).dataset
    rows = ds.indicators
    implied = set()
    for sel in targets.city_selections(ds, "nanchang"):
        implied |= set(audit.implied_by_figure(sel, audit.implied_figures(sel)))
    unset = 0
    for sel in targets.city_selections(ds, "nanchang"):
        for c in targets.check_targets(sel):
            if c.baselines or c.comparability not in (None, "same") or len(c.targets) != 1 or c.targets[0] is None:
                continue
            t = c.targets[0]
            unset += 1
            printed = rows[(rows["indicator"] == t.indicator) & (rows["region"] == t.region)
                           & rows["kind"].isin(["actual", "estimate"]) & (rows["period"] < t.period)]
            assert printed.empty, (sel.year, t.indicator)
            assert not any(k[0] == t.indicator and k[1] == t.region and k[2] < t.period for k in implied)
    assert unset > 5  # the plan years' many targets with nothing before them are still checked


def test_a_margin_cell_puts_its_mark_before_its_sign():
    # about 8.76亿元 short of the target: ~-CNY 876 m, never "-about CNY 876 m"; 低于目标约8.76亿元
    from helpers.present import targets_view
    short = derive.Derived(-8.76, "cny_100m", "约101.24 亿元 - 110 亿元", (), qualifier="approx")
    assert targets_view._margin(short, "en") == "~-CNY 876 m"
    assert targets_view._margin(short, "zh") == "低于目标约8.76亿元"


def test_a_bound_at_a_rounding_edge_shows_the_printed_figure_and_its_half_unit():
    # review 11 #2: more than 55亿元 against 48.6亿元 (48.55 to 48.65) is more than 55 - 48.65 =
    # 6.35亿元; the formula writes 48.6 + 0.05, never 48.65 as if a document printed it
    target = fig("tech_contract_turnover", 55, "cny_100m", 2024, "at_least", "超过55亿元", kind="target")
    gap = derive.difference(target, fig("tech_contract_turnover", 48.6, "cny_100m", 2023, quote="48.6亿元"))
    assert gap.value == pytest.approx(6.35) and gap.qualifier == "at_least"
    assert gap.formula == "55 亿元 - (48.6 + 0.05) 亿元"
    assert numbers.formula_in(gap.formula, "en") == "55 (CNY 100m) - (48.6 + 0.05) (CNY 100m)"


def test_a_verdict_on_an_undated_target_of_a_lagged_statistic_says_it_assumes_the_year():
    # review 12 S1: the 2020 plan's 力争全市R&D经费内部支出占GDP的比重达到2% names no year, and R&D
    # intensity is published a year late, so the plan may mean 2019's figure (published in 2020),
    # as the 2022 list's 力争2021年…达2.2% says outright. Comparisons, verdicts and the list of the
    # plan's 2020 targets (which dates it 2020) on the 2% say so; the 2.2% target, whose quote names
    # 2021, does not.
    from helpers.calc import statements as S
    from helpers.calc import targets
    from helpers.present import judgements
    pool = judgements.sections(Summary.select("nanchang", 2020))
    said = [s for sts in pool.values() for s in sts]
    undated = [s for s in said if any(f.indicator == "rd_intensity" and f.kind == "target" and f.period == 2020
                                      for f in s.figures)]
    judged = [s for s in undated if s.predicate in ("target_ambition", "target_outcome")]
    assert judged and all(s.strength == "assumption" and s.assumption == S.TARGET_YEAR_ASSUMED for s in judged)
    listed = [j.statement for j in judgements.findings(Summary.select("nanchang", 2020))
              if j.statement.key.startswith("list.judgements.plan_targets")]
    assert listed and all(S.TARGET_YEAR_ASSUMED in s.assumption.split(S.ASSUMPTIONS_SEP) for s in listed)
    dated = [s for sts in judgements.sections(Summary.select("nanchang", 2021)).values() for s in sts
             if s.predicate == "target_ambition" and any(f.indicator == "rd_intensity" and f.period == 2021
                                                          and f.kind == "target" for f in s.figures)]
    assert dated and all(s.assumption != S.TARGET_YEAR_ASSUMED for s in dated)
    check = next(c for c in targets.check_targets(Summary.select("nanchang", 2020)) if c.target_expr == "rd_intensity")
    assert check.year_assumed and numbers.year_text(2020, True, "zh") == "2020（推定）"
    undated = replace(fig("rd_intensity", 2, "percent", 2020, kind="target", quote="力争全市R&D经费内部支出占GDP的比重达到2%"), lag_years=1)
    assert undated.year_assumed
    assert not replace(undated, period=2021, quote="力争2021年研发经费投入占全市GDP比重达2.2%").year_assumed
    assert not replace(undated, lag_years=0).year_assumed  # a count of firms is published in its year
    assert Summary.select("nanchang", 2020).get("rd_intensity", None, 2020, "target").year_assumed


def test_an_undated_target_says_its_year_is_assumed_in_every_table_and_chart_label():
    # review 13 S2: wherever the 2020 plan's 2% is shown with its year, the year says it is assumed
    from helpers.calc import trends
    from helpers.present import appendix_view, rd_view, tables, trends_view
    s = Summary.select("nanchang", 2020)
    two = s.get("rd_intensity", None, 2020, "target")
    assert numbers.year(two, "zh") == "2020（推定）" and numbers.year(two, "en") == "2020 (assumed)"
    assert numbers.year_label(two, "zh") == "2020年（年度为推定）"
    table = tables.printed_table(s, "rd_input", "zh")
    assert "2020（推定）" in set(table["时期"])
    plan = appendix_view.document_table(s, [two], "zh")
    assert plan.iloc[0, 2] == "2020（推定）"
    labels = [label for label, _ in rd_view.intensity_labels(rd.analyse(s), s, "zh")]
    assert "南昌，2020年（年度为推定）目标" in labels
    n21 = Summary.select("nanchang", 2021)
    years = trends_view.points_table(trends.series(n21, "rd_intensity", "nanchang"), n21, "zh").iloc[:, 0].tolist()
    assert "2019（推定）" in years and "2021" in years  # 1.9% for 2019 undated; 力争2021年…2.2% dated


def test_a_statement_carries_every_assumption_it_rests_on():
    # review 13 S1: a scenario on an undated target keeps both its own assumption (GDP growth in a
    # range) and the target's assumed year; the section spells out each once
    from helpers.calc.statements import ASSUMPTIONS_SEP, TARGET_YEAR_ASSUMED, Builder
    s = Summary.select("nanchang", 2020)
    two = s.get("rd_intensity", None, 2020, "target")
    base = s.get("rd_intensity", None, 2020, "actual") or fig("rd_intensity", 1.95, "percent", 2019, quote="1.95%")
    b = Builder.for_summary(s)
    lo = derive.Derived(6.9, "percent", "x", (base,))
    st = b.say("scenario", "scenario.rd.gdp_range", assumption="gdp_growth_range", target=two, baseline=base,
               lo=lo, hi=lo, g_lo=4, g_hi=12)
    assert st.strength == "assumption"
    assert st.assumption.split(ASSUMPTIONS_SEP) == ["gdp_growth_range", TARGET_YEAR_ASSUMED]
    from helpers.present.notebook import Notebook
    nb = Notebook(number="02", summary=s, lang="zh", output_dir=Path("/tmp"))
    first = nb._sentence(st, set())
    assert "名义地区生产总值增速取表中区间" in first and "文件未写明该目标所指的统计年度" in first


def test_a_pointer_back_to_an_assumption_is_never_ambiguous():
    # review 16 S1: after a target's other reading is spelt out in section 9, 【取决于上文所述假设】
    # would point to it, though the sentence holds under the first reading: with two assumptions
    # above, a sentence names its own in short
    from helpers.calc.statements import TARGET_YEAR_ASSUMED
    from helpers.calc.targets import TARGET_YEAR_PREVIOUS
    from helpers.present.notebook import Notebook
    s = Summary.select("nanchang", 2020)
    nb = Notebook(number="09", summary=s, lang="zh", output_dir=Path("/tmp"))
    st = next(x for x in rd.analyse(s).statements if x.assumption == TARGET_YEAR_ASSUMED)
    other = replace(st, assumption=TARGET_YEAR_PREVIOUS)
    said: set = set()
    assert "文件未写明该目标所指的统计年度" in nb._sentence(st, said)
    assert nb._sentence(st, said).endswith("【取决于上文所述假设】")  # one above: the pointer is clear
    assert "目标按另一种理解" in nb._sentence(other, said)
    again = nb._sentence(st, said)
    assert again.endswith("【取决于假设：目标所指年度为推定】") and "上文所述" not in again


def test_every_assumption_has_a_short_name_for_the_key_judgements():
    # review 13 M1: a key judgement's tag names its assumption, so one repeated alone keeps its caveat
    for lang in ("en", "zh"):
        keys = {k.split(".", 1)[1] for k in catalog.messages(lang) if k.startswith("assumption.")}
        full = {k for k in keys if not k.startswith(("short.", "tag", "cell", "and_above"))}
        assert full and all(f"short.{k}" in keys for k in full), (lang, full - {k[6:] for k in keys})
    st = replace(rd.analyse(Summary.select("nanchang", 2020)).statements[0], strength="assumption",
                 assumption="gdp_growth_range+target_year_assumed")
    assert catalog.strength_word(st, "zh") == "取决于假设：地区生产总值增速取假设区间；目标所指年度为推定"


def test_a_list_the_document_calls_its_main_items_says_so():
    # review 14 M9: 技术合同成交额下降的主要原因是：一是… gives the main causes, not all of them; a list
    # whose lead-in in the same sentence lacks 主要 (…究其原因，一是…) is stated as it stands
    from types import SimpleNamespace

    from helpers.calc import lists
    from helpers.calc.statements import Builder, Items, Text
    text = "技术合同成交额48.6亿元。技术合同成交额下降的主要原因是：一是部分大额技术合同集中于上年登记；二是服务机构不专业。主要指标较好。究其原因，一是政策变化。"
    summary = SimpleNamespace(dataset=SimpleNamespace(texts={"doc": text}))
    assert lists.main_only(summary, "doc", "部分大额技术合同集中于上年登记") == Text("main causes", "主要原因")
    assert not lists.main_only(summary, "doc", "政策变化")  # 主要 is in an earlier sentence
    text = "支撑作用还不够大,主要原因是核心团队人员较少,内部运行机制不活等,而且研发成果与企业对接少。主要问题有以下几点，一是资金少。"
    summary = SimpleNamespace(dataset=SimpleNamespace(texts={"doc": text}))
    assert lists.main_only(summary, "doc", "核心团队人员较少").zh == "主要原因"
    assert lists.main_only(summary, "doc", "资金少") == Text("main problems", "主要问题")
    assert not lists.main_only(summary, "doc", "研发成果与企业对接少")  # a second list, led by 而且
    # review 15 N10: 一是…二是… only where the document numbers its items
    assert lists.numbered_in(summary, "doc", "资金少") and not lists.numbered_in(summary, "doc", "核心团队人员较少")
    run_on = Items((Text("They are few", "甲"), Text("They rely on grants", "乙")), numbered=False)
    st = Builder(None).make("list", "list.other", items=run_on, name=Text("the causes", "原因"))
    assert catalog.render(st, "zh") == "文件列出的原因：甲；乙。"
    assert "as the document lists them: they are few; they rely on grants." in catalog.render(st, "en")
    items = Items((Text("a", "甲"), Text("b", "乙")), main=Text("main causes", "主要原因"))
    st = Builder(None).make("list", "list.other", items=items, name=Text("the causes", "下降的原因"))
    assert catalog.render(st, "zh") == "文件列出的下降的原因：一是甲；二是乙（以上为文件所称的主要原因）。"
    assert "(the main causes, as the document calls them)" in catalog.render(st, "en")


@pytest.mark.parametrize("qualifier", ["at_least", "at_most", "approx"])
@pytest.mark.parametrize("words", ["change", "target_gap"])
@pytest.mark.parametrize("base", [1950, 2054, 2000])
def test_a_gap_from_a_bound_is_never_an_exact_number(qualifier, words, base):
    # review 17: 超过2000家 against 2,054 was written 目标少54家, an exact gap from a floor. A floor
    # of 2000 against 2054 leaves a gap of at most 54 below; against 1950, at least 50 above: every
    # direction of every bound keeps a bound word, in both languages (0 only where the gap is 0)
    target = fig("hte_count", 2000, qualifier=qualifier, kind="target", quote="2000家")
    gap = derive.difference(target, fig("hte_count", base, period=2021))
    if gap.value == 0:
        return
    for lang in ("en", "zh"):
        text = numbers.direction(gap, lang, words)
        assert any(w in text for w in (("at least", "at most", "more than", "about", "~", "within")
                                      if lang == "en" else ("以上", "以内", "不超过", "超过", "约", "左右"))), (lang, text)


def test_a_plan_periods_figure_is_dated_by_its_span_in_tables():
    # review 19: 地方财政科技支出累计（五年）132.36亿元 is the 2016-2020 total; a table cell that says
    # 2020 reads as one year's figure, while the prose says 2016—2020年
    five = replace(fig("local_fiscal_st_expenditure_5y", 132.36, "cny_100m", period=2020), scope="plan_period")
    assert (numbers.year(five, "zh"), numbers.year(five, "en")) == ("2016—2020", "2016–2020")
    assert numbers.year(fig("hte_count", 905, period=2023), "zh") == "2023"
