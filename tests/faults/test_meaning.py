"""Class 1: the meaning of a value is validated (sign, range, the number, the qualifier).

Each case edits one row of a copy of the real data/indicators.csv; `python -m helpers.data.load`
must exit 2 with one line naming the file, the line, the column and the value.
"""
from __future__ import annotations

import pytest

from faultkit import assert_refused, edit
from helpers.data import load
from helpers.data.meaning import problems

IND = "indicators.csv"

# (id, old text, new text, needle of the line, column, words of the message)
CASES = [
    ("negative_count", "hte_applications,nanchang,2021,actual,1689,",
     "hte_applications,nanchang,2021,actual,-1689,", "全市申报高新技术企业1689家", "value",
     "must not be negative"),
    ("decrease_stored_positive", "estimate,-5,percent", "estimate,5,percent", "同比去年下降5%",
     "value", "下降"),
    ("decrease_rate_stored_positive", "actual,-55.25,percent", "actual,55.25,percent",
     "同比下降55.25%", "value", "下降"),
    ("negative_without_decrease_word", "actual,10.40,percent", "actual,-10.40,percent",
     "同比增长10.40%", "value", "no decrease word"),
    ("share_above_100", "rd_expenditure_share_of_province,nanchang,2020,actual,25.95,percent,exact,"
     "nanchang_2021,占全省总量的25.95%,",
     "rd_expenditure_share_of_province,nanchang,2020,actual,111.77,percent,exact,nanchang_2021,"
     "\"2020年,全市研发投入支出达到111.77亿元\",reading", "rd_expenditure_share_of_province",
     "value", "between 0 and 100"),
    ("share_other_number_in_quote", "hte_reported_share_of_province,nanchang,2021,actual,31.55,",
     "hte_reported_share_of_province,nanchang,2021,actual,455,", "hte_reported_share_of_province",
     "value", "not the number its quote prints"),
    ("amount_is_the_count", "roadshow_financing,nanchang,2021,actual,2,",
     "roadshow_financing,nanchang,2021,actual,30,", "roadshow_financing", "value",
     "the quote prints 2"),
    ("count_is_the_amount", "roadshow_firms_financed,nanchang,2021,actual,30,",
     "roadshow_firms_financed,nanchang,2021,actual,2,", "roadshow_firms_financed", "value",
     "the quote prints 30"),
    ("two_shares_without_reading", "\"The raw text reads \"\"49.5%25.8%\"\": the separator between "
     "the two shares was lost; \"\"分别\"\" assigns the first to the contract count and the second "
     "to the turnover.\"", "",
     "tech_contract_count_share_of_province", "note", "several numbers"),
    ("lost_marker_without_reading", "企业20,\"The raw text ends the line at \"\"企业20\"\": the "
     "measure word 家 was lost.\"", "企业20,", "企业20,", "value", "no number with the unit marker"),
    ("rank_zero", "main_indicators_rank,nanchang,2021,actual,1,rank",
     "main_indicators_rank,nanchang,2021,actual,0,rank", "其余指标均排名全省第一", "value",
     "not found in its quote"),
    ("approx_word_with_exact", "actual,3.22,cny_100m,approx", "actual,3.22,cny_100m,exact",
     "约3.22亿元", "qualifier", "约"),
    ("at_least_word_with_exact", "2022,target,2200,count,at_least", "2022,target,2200,count,exact",
     "超过2200家", "qualifier", "超过"),
    ("at_most_word_with_at_least", "2000,cny_10k,at_most", "2000,cny_10k,at_least", "不超过2000万元",
     "qualifier", "不超过"),
    ("qualifier_without_word", "actual,111.77,cny_100m,exact", "actual,111.77,cny_100m,approx",
     "111.77亿元", "qualifier", "has none"),
    ("value_overflows", "actual,111.77,cny_100m", "actual," + "9" * 400 + ",cny_100m",
     "111.77亿元", "value", "finite"),
    ("period_far_from_its_document", "hte_count,nanchang,2021,estimate,1950,",
     "hte_count,nanchang,2100,estimate,1950,", "预计全年高新技术企业数量1950家", "period",
     "79 years from its document's year 2021"),
    ("control_character_in_a_cell", "预计全年高新技术企业数量1950家,", "预计全年高新技术企业数量1950家,\x00",
     "预计全年高新技术企业数量1950家", "note", "control character U+0000"),
]


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_meaning_is_validated(data_dir, capsys, case):
    _, old, new, needle, column, words = case
    path = data_dir / IND
    edit(path, old, new)
    assert_refused(data_dir, capsys, path, needle, column, words)


def test_a_baseline_in_another_unit_is_refused(data_dir, capsys):
    """R&D intensity (a percent) held against R&D expenditure (亿元) would give a change across units."""
    path = data_dir / "target_baselines.csv"
    edit(path, "nanchang_2021,rd_intensity,rd_intensity,", "nanchang_2021,rd_intensity,rd_expenditure,")
    assert_refused(data_dir, capsys, path, "nanchang_2021,rd_intensity,rd_expenditure,", "baseline",
                   "the baseline is in cny_100m, the target in percent")


def test_a_running_total_read_as_a_years_flow_needs_its_reading(data_dir, capsys):
    """累计放贷 stored as the year's loans without saying why: the reading is the row's to give."""
    path = data_dir / IND
    edit(path, '"""累计"" is read here as the sum of the 2021 loans, because the scheme\'s total since launch '
               'is printed separately."', '""')
    assert_refused(data_dir, capsys, path, "累计放贷资金约3.22亿元", "note", "the quote says 累计 (a running total)")


def test_a_relation_label_names_no_year(data_dir, capsys):
    """A relation holds in every year its inputs name (Y, Y-1): '2021 estimate on 2020' is wrong in 2022."""
    path = data_dir / "relations.csv"
    edit(path, "this year's estimate on last year's", "2021 estimate on 2020")
    assert_refused(data_dir, capsys, path, "hte_count_change", "label_en", "free of years")


def test_a_chinese_name_with_half_width_brackets_is_refused(data_dir, capsys):
    path = data_dir / "catalog.csv"
    edit(path, "新增（引进）新型研发机构", "新增(引进)新型研发机构")
    assert_refused(data_dir, capsys, path, "新增(引进)新型研发机构", "name_zh", "full-width brackets")


def test_a_chinese_note_with_an_id_is_refused(data_dir, capsys):
    path = data_dir / "notes_zh.csv"
    edit(path, "（市科技重大项目数）", "（major_projects）")
    assert_refused(data_dir, capsys, path, "major_projects", "note_zh", "free of ids")


def test_real_data_still_validates(capsys):
    assert load.main([]) == 0


@pytest.mark.parametrize("row, ok", [
    (("x_change", -1689, "count", "exact", "全省新报备数减少1689家", ""), True),
    (("x", 15, "count", "approx", "设立15项左右的科技重大专项", ""), True),
    (("x", 40, "count", "at_least", "活动40余场", ""), True),
    (("x", 2000, "cny_10k", "at_least", "年度研发费用达到2000万元以上", ""), True),
    (("x", 3, "rank", "exact", "排名全省第三", ""), True),
    (("x", 3, "rank", "approx", "排名全省第三", ""), False),
    (("x_growth", -120, "percent", "exact", "同比下降120%", ""), False),
    (("x", 2500, "cny_10k", "exact", "投资资金2500万", ""), True),
    (("x", 1.5, "count", "exact", "新增1.5家", ""), False),
    (("x", 5, "count", "exact", "减少5家", ""), False),
    (("x_growth", -5, "percent", "exact", "同比降幅5%", ""), True),      # 降幅: a fall, stored negative
    (("x_growth", 5, "percent", "exact", "同比降幅5%", ""), False),
    (("x_growth", -3, "percent", "exact", "实现负增长3%", ""), True),
    (("x", 2020, "count", "exact", "2020年新增企业15家", "reading"), False),  # a year is not a figure
])
def test_rules_on_single_rows(row, ok):
    assert (problems(*row) is None) == ok, problems(*row)
