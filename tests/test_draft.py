"""The draft extractor, rule by rule on sentences of the 2021 summary; its command line; append."""
import csv
import io
import subprocess
import sys

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.data import draft as D
from helpers.data import draft_rules as R
from helpers.data.load import count_occurrences, load_dataset
from helpers.data.paths import DATA_DIR, REPO_ROOT
from testkit import cli

RAW = DATA_DIR / "raw" / "nanchang_2021_work_summary.txt"
TEXT = RAW.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def draft():
    return D.draft_file(RAW, "nanchang_2021")


def row_at(draft, needle, number):
    """The draft row of `number` in the passage `needle` of the 2021 summary."""
    at = TEXT.index(needle) + needle.index(number)
    rows = draft[draft["offset"] == at]
    assert len(rows) == 1, f"no draft row for {number} in {needle}"
    return rows.iloc[0]


def unit_of(sentence, number):
    s = sentence.index(number)
    return R.read_unit(sentence, s, s + len(number))


# --- unit -------------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence,number,unit", [
    ("全市研发投入支出达到111.77亿元", "111.77", "cny_100m"),
    ("成交金额达2985万元", "2985", "cny_10k"),
    ("投资资金2500万", "2500", "cny_10k"),
    ("同比增长10.40%", "10.40", "percent"),
    ("比上年提高0.14个百分点", "0.14", "pp"),
    ("给予加计1倍的研发后补助", "1", "multiple"),
    ("全市申报高新技术企业1689家", "1689", "count"),
    ("比上年度排位提升1位", "1", "count"),
    ("开展各类校企对接、成果拍卖等活动40余场", "40", "count"),
])
def test_unit(sentence, number, unit):
    assert unit_of(sentence, number).unit == unit


def test_a_rank_in_chinese_numerals_is_a_row(draft):
    row = row_at(draft, "我市研发投入强度排名全省第三", "三")
    assert (row.value, row.unit, row.indicator, row.period) == (3, "rank", "rd_intensity_rank", 2020)


# --- qualifier --------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence,number,qualifier", [
    ("累计放贷资金约3.22亿元", "3.22", "approx"),
    ("帮助30家南昌本地企业融资近2亿元", "2", "approx"),
    ("每年在电子信息领域设立15项左右的科技重大专项", "15", "approx"),
    ("力争高新技术企业超过2000家", "2000", "at_least"),
    ("力争全市技术合同登记额突破110亿元", "110", "at_least"),
    ("开展各类校企对接、成果拍卖等活动40余场", "40", "at_least"),
    ("年度研发费用达到2000万元以上", "2000", "at_least"),
    ("给予每年不超过2000万元的补贴", "2000", "at_most"),
    ("技术合同成交额106.7亿元", "106.7", "exact"),
])
def test_qualifier(sentence, number, qualifier):
    s = sentence.index(number)
    assert R.read_qualifier(sentence, s, unit_of(sentence, number))[0] == qualifier


# --- sign, kind, period, region (in the document, where the context decides) ------------------

@pytest.mark.parametrize("needle,number,value", [
    ("同比去年下降5%", "5", -5), ("全省新报备数减少1689家", "1689", -1689),
    ("同比下降50.16%", "50.16", -50.16), ("同比增长10.40%", "10.40", 10.40),
])
def test_sign(draft, needle, number, value):
    assert row_at(draft, needle, number).value == value


@pytest.mark.parametrize("needle,number,kind", [
    ("预计全年高新技术企业数量1950家", "1950", "estimate"),
    ("同比去年下降5%", "5", "estimate"),
    ("全市科技型中小企业申请入库2360家", "2360", "actual"),
    ("力争高新技术企业超过2000家", "2000", "target"),
    ("实施好20余项市科技重大项目", "20", "target"),
    ("给予年度实际研发费用20%的补助", "20", "policy"),
    ("启动营业收入3亿元以上的工业企业", "3", "policy"),
])
def test_kind(draft, needle, number, kind):
    assert row_at(draft, needle, number).kind == kind


@pytest.mark.parametrize("needle,number,period", [
    ("全市研发投入支出达到111.77亿元", "111.77", 2020),      # 2020年, earlier in the sentence
    ("我市高企数量从2018年的1049家", "1049", 2018),           # the year in the clause
    ("给予999家企业2020年研发费用后补助", "999", 2020),        # a year after it in the clause
    ("确保了企业入统率达100%", "100", 2020),                  # R&D lag: the sentence says 2020年
    ("完成技术合同认定登记3278项", "3278", 2021),              # no year: the document's year
    ("2021实施了18项市科技重大项目", "18", 2021),              # a garbled year still counts
    ("力争培育50家市级基础研发平台", "50", 2022),              # the plan's year
    ("力争2021年研发经费投入占全市GDP比重达2.2%", "2.2", 2021),  # a plan figure for 2021
])
def test_period(draft, needle, number, period):
    assert row_at(draft, needle, number).period == period


@pytest.mark.parametrize("needle,number,region", [
    ("全省共有441家企业报名参赛", "441", "jiangxi"),
    ("21家企业获奖", "21", "jiangxi"),                  # 全省 earlier in the sentence
    ("我市5家企业获得优秀奖", "5", "nanchang"),
    ("占全省的28.23%", "28.23", "nanchang"),            # a share of the province is the city's
    ("同比下降55.25%", "55.25", "jiangxi"),
    ("同比下降50.16%", "50.16", "nanchang"),           # 我市 after the semicolon
    ("高于全省平均水平0.27个百分点", "0.27", "nanchang"),
])
def test_region(draft, needle, number, region):
    assert row_at(draft, needle, number).region == region


def test_indicator_guess_and_why(draft):
    row = row_at(draft, "技术合同成交额106.7亿元", "106.7")
    assert row.indicator == "tech_contract_turnover"
    assert "亿元" in row.why and "period" in row.why and "indicator" in row.why


def test_respectively_assigns_shares_in_order(draft):
    first = row_at(draft, "分别占全省49.5%25.8%", "49.5")
    second = row_at(draft, "分别占全省49.5%25.8%", "25.8")
    assert first.indicator == "tech_contract_count_share_of_province"
    assert second.indicator == "tech_contract_turnover_share_of_province"


def test_an_unknown_indicator_is_proposed():
    terms = R.Terms.build({"rd_expenditure": ["研发经费投入"]}, {"rd_expenditure": "cny_100m"})
    text = "2021年,全市共建成院士工作站12家。"
    ctx = D.Context("x_2021", 2021, "nanchang", "jiangxi")
    row = D.extract(text, ctx, terms).iloc[0]
    assert row.indicator.startswith("new_") and "not in the catalog" in row.flag
    assert "院士工作站" in row.note


# --- garbled text -----------------------------------------------------------------------------

@pytest.mark.parametrize("needle,number,words", [
    ("分别占全省49.5%25.8%", "49.5", "run together"),
    ("分别占全省49.5%25.8%", "25.8", "run together"),
    ("确保了企业入统率达100%", "100", "run together"),
    ("市级重点实验室20,", "20", "measure word"),
    ("瞪羚(潜在)企业20", "20", "measure word"),
])
def test_garbled_text_is_flagged(draft, needle, number, words):
    row = row_at(draft, needle, number)
    assert words in row.flag and row.confidence < 0.8 and "garbled" in row.note


def test_a_year_that_lost_its_nian_is_flagged():
    text = "2021实施了18项市科技重大项目。"
    ctx = D.Context("x_2021", 2021, "nanchang", "jiangxi")
    terms = R.Terms.build({"major_projects": ["市科技重大项目"]}, {"major_projects": "count"})
    rows = D.extract(text, ctx, terms)
    year_row = rows[rows.value == 2021].iloc[0]
    assert "lost its 年" in year_row.flag
    assert rows[rows.value == 18].iloc[0].flag == ""


def test_clean_numbers_are_not_flagged(draft):
    assert row_at(draft, "技术合同成交额106.7亿元", "106.7").flag == ""


# --- quotes -----------------------------------------------------------------------------------

def test_every_quote_is_unique_and_holds_its_number(draft):
    for row in draft.itertuples():
        assert count_occurrences(TEXT, row.quote) == 1, row.quote
        assert TEXT.find(row.quote) <= row.offset < TEXT.find(row.quote) + len(row.quote)


def test_the_quote_is_the_shortest_clause():
    assert row_quote("同比增长10.40%") == "同比增长10.40%"
    assert row_quote("占全省的31.55%", "31.55") == "占全省的31.55%"
    # a clause printed twice widens by the clause before it
    text = "全市申报10家,占全省的30%。向科技部报备5家,占全省的30%。"
    at = text.rindex("30")
    assert D.shortest_unique_quote(text, at, at + 2) == "向科技部报备5家,占全省的30%"


def row_quote(needle, number=None):
    number = number or "".join(c for c in needle if c.isdigit() or c == ".").strip(".")
    at = TEXT.index(needle) + needle.index(number)
    return D.shortest_unique_quote(TEXT, at, at + len(number))


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=0, max_value=len(TEXT) - 1))
def test_shortest_unique_quote_property(at):
    """Anywhere in the text: the quote is unique, contains the position and has no clause end
    inside unless it had to grow."""
    quote = D.shortest_unique_quote(TEXT, at, at + 1)
    start = TEXT.find(quote)
    assert count_occurrences(TEXT, quote) == 1
    assert start <= at < start + len(quote) or TEXT[at] in R.CLAUSE_END or TEXT[at].isspace()


def test_the_draft_has_one_row_per_number_not_excluded(draft):
    from helpers.data.coverage import find_numbers
    ds = load_dataset()
    from helpers.data.coverage import excused_offsets
    excused = excused_offsets(TEXT, ds.exclusions[ds.exclusions.source == "nanchang_2021"])
    digits = [n for n in find_numbers(TEXT) if n.generic is None and n.start not in excused]
    assert len(draft[draft.unit != "rank"]) + len(draft[(draft.unit == "rank")
                                                        & draft.why.str.contains("unit 第")]) \
        >= len(digits)
    assert list(draft.columns[:len(D.DRAFT_COLUMNS)]) == D.DRAFT_COLUMNS


# --- evaluation -------------------------------------------------------------------------------

def test_evaluation_reports_every_source_with_rows():
    table = D.evaluate()
    assert "TOTAL" in set(table.source)
    assert {"numbers_found", "value_unit_qualifier_kind_sign", "period", "indicator"} <= set(table)
    assert "val+unit+qual+kind+sign" in D.format_evaluation(table)


# --- command line: bad input ------------------------------------------------------------------

def run(*args, cwd=REPO_ROOT):
    return cli(D.main, *args, cwd=cwd)


def run_module(*args, cwd=REPO_ROOT):
    """`python -m helpers.data.draft`, the real entry point, in a process of its own."""
    env = {"PYTHONPATH": str(REPO_ROOT / "src"), "PATH": "/usr/bin:/bin"}
    return subprocess.run([sys.executable, "-m", "helpers.data.draft", *map(str, args)],
                          capture_output=True, text=True, cwd=cwd, env=env)


def one_line_exit_2(proc, *words):
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1, proc.stderr
    for w in words:
        assert w in proc.stderr


def test_cli_writes_a_draft(tmp_path):
    out = tmp_path / "d.csv"
    proc = run_module(RAW, "--source", "nanchang_2022_test", "--year", "2021", "--out", out)
    assert proc.returncode == 0, proc.stderr
    df = pd.read_csv(out)
    assert list(df.columns) == D.DRAFT_COLUMNS and len(df) > 50


def test_cli_stdout_for_an_unregistered_file(tmp_path):
    f = tmp_path / "new.txt"
    f.write_text("2022年,全市技术合同成交额120亿元,同比增长12.5%。", encoding="utf-8")
    proc = run(f, "--source", "nanchang_2022")
    assert proc.returncode == 0, proc.stderr
    df = pd.read_csv(io.StringIO(proc.stdout))
    assert list(df.value) == [120, 12.5] and set(df.period) == {2022}


def test_missing_file():
    one_line_exit_2(run("/nonexistent/summary.txt", "--source", "x_2021"),
                    "summary.txt", "not found")


def test_binary_file(tmp_path):
    f = tmp_path / "scan.pdf"
    f.write_bytes(b"%PDF-1.7\x00\x01\x02\xff\xfe" * 20)
    one_line_exit_2(run(f, "--source", "x_2021"), "scan.pdf", "binary")


def test_gbk_text(tmp_path):
    f = tmp_path / "gbk.txt"
    f.write_bytes("全市研发投入支出达到111.77亿元".encode("gbk"))
    one_line_exit_2(run(f, "--source", "x_2021"), "gbk.txt", "GBK")


@pytest.mark.parametrize("source", ["Nanchang-2021", "2021_nanchang", "南昌_2021"])
def test_malformed_source_id(source):
    one_line_exit_2(run(RAW, "--source", source), "malformed source id")


def test_no_source():
    one_line_exit_2(run(RAW), "--source")


# --- append -----------------------------------------------------------------------------------

def write_draft(path, rows):
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=D.DRAFT_COLUMNS, lineterminator="\n")
    w.writeheader()
    for r in rows:
        w.writerow({**r, "confidence": "0.9", "flag": "", "why": "test"})
    path.write_text(buf.getvalue(), encoding="utf-8")
    return path


def remove_last_row(data_dir):
    path = data_dir / "indicators.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(lines[:-1]), encoding="utf-8")
    return next(csv.DictReader(io.StringIO(lines[0] + lines[-1])))


def test_append_a_valid_draft(data_copy, tmp_path):
    rows_at_start = load_dataset(data_copy).indicators.shape[0]
    row = remove_last_row(data_copy)
    draft = write_draft(tmp_path / "draft.csv", [row])
    before = (data_copy / "indicators.csv").read_text(encoding="utf-8")
    assert D.append(draft, data_copy, dry_run=True) == 1
    assert (data_copy / "indicators.csv").read_text(encoding="utf-8") == before
    proc = run("append", draft, "--data-dir", data_copy)
    assert proc.returncode == 0, proc.stderr
    after = (data_copy / "indicators.csv").read_text(encoding="utf-8")
    assert after.startswith(before) and row["quote"] in after[len(before):]
    assert "confidence" not in after and load_dataset(data_copy).indicators.shape[0] == rows_at_start


@pytest.mark.parametrize("change,words", [
    ({"indicator": "new_1a2b3c4d"}, "not in catalog"),
    ({"quote": "这句话不在原文里"}, "not found verbatim"),
    ({"value": "12345"}, "value not found"),
    ({}, "duplicated key"),
])
def test_append_an_invalid_draft_changes_nothing(data_copy, tmp_path, change, words):
    rows = list(csv.DictReader(io.StringIO((DATA_DIR / "indicators.csv").read_text(encoding="utf-8"))))
    bad = {**rows[0], **change}
    if change:
        bad["period"] = "2019"
    draft = write_draft(tmp_path / "draft.csv", [bad])
    before = (data_copy / "indicators.csv").read_bytes()
    proc = run("append", draft, "--data-dir", data_copy)
    one_line_exit_2(proc, words, "unchanged")
    assert (data_copy / "indicators.csv").read_bytes() == before
    assert not list(data_copy.glob("*.tmp"))


def test_append_a_draft_without_the_columns(data_copy, tmp_path):
    f = tmp_path / "draft.csv"
    f.write_text("indicator,value\nrd_expenditure,1\n", encoding="utf-8")
    one_line_exit_2(run("append", f, "--data-dir", data_copy), "missing column")


def test_another_citys_scheme_is_not_taken_for_nanchangs():
    """科创贷 in Ganzhou reads like 洪城科贷通累计发放贷款; data/indicator_schemes.csv says the
    indicator belongs to the scheme named 科贷通, so a sentence without that name is flagged."""
    terms = R.Terms.build({"kedaitong_loans_cumulative": ["洪城科贷通累计发放贷款"]},
                          {"kedaitong_loans_cumulative": "cny_100m"},
                          {"kedaitong_loans_cumulative": "科贷通"})
    ctx = D.Context("ganzhou_2022", 2022, "ganzhou", "jiangxi")
    other = D.extract("赣州“科创贷”累计发放贷款8.2亿元。", ctx, terms).iloc[0]
    same = D.extract("“洪城科贷通”累计发放贷款5.33亿元。", ctx, terms).iloc[0]
    assert "科贷通" in other.flag and other.confidence < same.confidence and "garbled" not in other.note
    assert same.flag == ""


def test_the_draft_names_the_lists_a_text_gives_in_words(tmp_path):
    """The draft records numbers; a list of causes (主要原因是：一是…二是…) is named with its line so
    the user records it in lists.csv and list_catalog.csv, never lost from the report unseen."""
    f = tmp_path / "new.txt"
    f.write_text("吉安市科技局2023年工作总结\n2023年，全市技术合同成交额同比下降7.5%。主要原因是：一是大项目减少；"
                 "二是登记不及时。\n人才工作仍有不足。\n", encoding="utf-8")
    proc = run(f, "--source", "jian_2023", "--out", tmp_path / "d.csv")
    assert proc.returncode == 0, proc.stderr
    assert "the text gives 1 list(s)" in proc.stderr and "line 2: 2023年，全市技术合同成交额同比下降7.5%。主要" not in proc.stderr
    assert "  line 2: 主要原因是：一是大项目减少；二是登记不及时" in proc.stderr
    from helpers.data.draft_lists import notice
    assert notice("一是只有一项。") == ""  # 一是 without 二是 is no list


def test_the_draft_names_the_schemes_the_data_lack():
    """Review 15: a scheme the text names (“宜春科贷通”) and data/schemes.csv lacks is named, so the
    user adds its row rather than the report calling it by neutral words; a known one is not."""
    from helpers.data.draft_lists import scheme_notice
    text = "“宜春科贷通”全年为72家企业放贷约1.8亿元，“洪城科贷通”另计，开展“双百计划”。"
    said = scheme_notice(text, {"洪城科贷通", "双百计划"})
    assert said.startswith("the text names 1 scheme(s)") and "宜春科贷通" in said and "洪城" not in said
    assert scheme_notice(text, {"宜春科贷通", "洪城科贷通", "双百计划"}) == ""
