"""The draft tool on texts it was not built around: the rules of issue 18, one by one, on
sentences of the tune texts of tests/draft_eval (never the score texts), and the evaluation."""
import csv
import io

import pytest

from helpers.data import draft as D
from helpers.data import draft_eval as E
from helpers.data import draft_rules as R
from helpers.data import draft_time as T
from helpers.data.load import load_dataset, word_numbers
from helpers.data.paths import DATA_DIR, REPO_ROOT
from testkit import cli


@pytest.fixture(scope="module")
def terms():
    return D.build_terms(DATA_DIR)


def drafted(text, terms, year=2022, published="", kind="", city="nanchang", province="jiangxi"):
    ctx = D.Context("x_2022", year, city, province, published, kind)
    return D.extract(text, ctx, terms)


def row_of(df, number, nth=0):
    rows = df[df["value"].abs() == float(number)]
    assert len(rows) > nth, f"no draft row for {number}"
    return rows.iloc[nth]


NEWS = ("南昌新闻网讯 科技型中小企业入库3000家以上,高新技术企业数量突破2000家;实施30个科技重大项目……"
        "3月24日,2023年全市科技工作会议召开,为今年我市科技工作划重点、定目标。\n\n"
        "去年以来,我市紧紧围绕“区域科创中心”的目标要求,全市全社会研发经费投入强度达到1.93%,"
        "技术合同成交额达到135.7亿元。\n\n"
        "具体来看,去年我市科技型中小企业入库2707家,高企总数达到1939家,独角兽、瞪羚企业达到156家;"
        "全市新增省技术创新中心6家、市级工程技术研究中心40家;单个项目最高支持资金达500万元。")


@pytest.fixture(scope="module")
def news(terms):
    return drafted(NEWS, terms, year=2022, published="2023-03", kind="news_report")


# --- kind and period from the document's structure -----------------------------------------

@pytest.mark.parametrize("number,kind,period", [
    ("3000", "target", 2023),    # the paragraph's lead: …为今年(2023)定目标, in a report of March 2023
    ("2000", "target", 2023),
    ("30", "target", 2023),
    ("1.93", "actual", 2022),    # 去年以来: "目标要求" earlier in the sentence is no target
    ("135.7", "actual", 2022),
    ("2707", "actual", 2022),    # 去年 in the sentence
])
def test_kind_and_period_from_the_structure(news, number, kind, period):
    row = row_of(news, number)
    assert (row.kind, row.period) == (kind, period), row.why


def test_a_target_without_a_year_takes_the_year_its_paragraph_sets(terms):
    text = "(二)主要目标\n到2027年,力争全社会研发经费支出占地区生产总值比重3.4%以上。\n——争取建成市级重点实验室1家。"
    df = drafted(text, terms, year=2023, published="2023-09", kind="work_plan")
    assert (row_of(df, "1").kind, row_of(df, "1").period) == ("target", 2027)
    assert row_of(df, "3.4").period == 2027


def test_a_plans_review_part_is_outcomes(terms):
    text = "一、2019年计划执行情况\n全年地区生产总值实现5596.18亿元。\n二、2020年主要目标\n地区生产总值增长8%左右。"
    df = drafted(text, terms, year=2020, published="2020-05", kind="work_plan")
    assert row_of(df, "5596.18").kind == "actual"
    assert row_of(df, "8").kind == "target"


@pytest.mark.parametrize("sentence,kind", [
    ("2016年,争取到省部科技计划项目185项。", "actual"),        # 争取到: obtained
    ("截至7月,目标任务完成率64.77%。", "actual"),             # 完成率: an outcome
    ("明年,力争新增高新技术企业200家。", "target"),
    ("预计全年高新技术企业数量1950家。", "estimate"),
])
def test_the_clause_tense_decides_the_kind(terms, sentence, kind):
    df = drafted(sentence, terms, year=2016, kind="work_summary")
    assert df[~df["why"].str.contains("lost its 年")].iloc[0].kind == kind


def test_a_title_years_date_no_figure(terms):
    text = "制定出台了《三年行动方案(2019-2021年)》等政策。全年地区生产总值实现5596.18亿元。"
    df = drafted(text, terms, year=2019, kind="work_summary")
    assert row_of(df, "5596.18").period == 2019


@pytest.mark.parametrize("text", ["井冈科贷通自2019年设立以来累计发放贷款超过12亿元。",
                                  "2019年以来累计发放贷款超过12亿元。"])
def test_the_year_a_running_total_starts_from_dates_no_figure(terms, text):
    """自2019年设立以来累计…: a total up to the year the summary reviews, not a figure of 2019."""
    df = drafted(text, terms, year=2023, kind="work_summary")
    assert row_of(df, "12").period == 2023


# --- bound and share words --------------------------------------------------------------------

@pytest.mark.parametrize("sentence,number,qualifier", [
    ("单个项目最高支持资金达500万元", "500", "at_most"),      # earlier in the clause
    ("补贴上限为200万元", "200", "at_most"),
    ("年度研发投入不超过5000万元", "5000", "at_most"),
    ("新余、九江等市低于50%", "50", "at_most"),
    ("引进人才逾百名,落地项目逾30个", "30", "at_least"),
    ("开展活动40余场", "40", "at_least"),
    ("科技型中小企业入库3000家以上", "3000", "at_least"),
    ("发榜金额近8亿元", "8", "approx"),
    ("最高支持3个项目共500万元", "500", "exact"),   # 最高 is the 3's: another number stands between
])
def test_bound_words(sentence, number, qualifier):
    s = sentence.index(number)
    unit = R.read_unit(sentence, s, s + len(number))
    assert R.read_qualifier(sentence, s, unit)[0] == qualifier


@pytest.mark.parametrize("text,value,unit,qualifier", [
    ("技术合同成交额约占全省的三成。", 30, "percent", "approx"),
    ("新增高企超三成来自电子信息产业。", 30, "percent", "at_least"),
    ("研发投入近半来自企业。", 50, "percent", "approx"),
    ("参赛项目过半落地南昌。", 50, "percent", "at_least"),
    ("力争高新技术企业数量实现翻番。", 2, "multiple", "exact"),
])
def test_share_words(terms, text, value, unit, qualifier):
    row = drafted(text, terms).iloc[0]
    assert (row.value, row.unit, row.qualifier) == (value, unit, qualifier)


def test_share_words_are_not_read_in_other_words():
    assert list(word_numbers("全市形成了一成不变的格局,建成平台,完成任务")) == []


# --- flags: ties, totals read as new, close kinds -----------------------------------------------

def test_a_tie_between_two_indicators_is_flagged_with_both():
    terms = R.Terms.build({"high_level_talents": ["高层次人才团队"], "high_level_teams": ["高层次人才团队"]},
                          {"high_level_talents": "count", "high_level_teams": "count"})
    row = drafted("2022年,引进高层次人才团队37个。", terms).iloc[0]
    assert "tie" in row.flag and "high_level_talents" in row.flag and "high_level_teams" in row.flag
    assert row.confidence < 0.9


def test_a_total_is_not_read_as_new_additions(news):
    row = row_of(news, "156")   # the total on the list, not new listings
    assert row.indicator != "unicorn_gazelle_new" and "total read as new" in row.flag
    assert row.confidence < 0.9


def test_a_total_falls_back_to_the_stock_indicator(terms):
    df = drafted("2016年,新增高新技术企业26家,全市高新技术企业达到112家。", terms, year=2016,
                 kind="work_summary")
    assert row_of(df, "26").indicator == "hte_new"
    row = row_of(df, "112")
    assert row.indicator != "hte_new" and "total read as new" in row.flag


def test_a_per_item_cap_is_flagged(news):
    row = row_of(news, "500")
    assert row.qualifier == "at_most" and "per item" in row.flag


def test_a_list_item_is_its_own_numbers_subject(news):
    assert row_of(news, "6").indicator == "provincial_innovation_center_new"
    assert row_of(news, "40").indicator == "city_engineering_center_new"


def test_a_kind_set_only_by_the_paragraphs_lead_is_flagged(news):
    assert "kind: target" in row_of(news, "3000").flag


def test_proposed_names_are_whole_words(terms):
    df = drafted("遴选出重点研发项目5个,4个项目实现揭榜。", terms)
    row = row_of(df, "4")
    assert "name_zh '项目实现揭榜'" in row.flag or "name_zh '项目'" in row.flag, row.flag
    assert "'目实现揭榜'" not in row.flag
    assert R.whole_words("全市科技型中小企业和高新技术企业的研发机构覆盖率达到") != \
        "全市科技型中小企业和高新技术企业的研发"


# --- the review is the analyst's ---------------------------------------------------------------

def test_the_draft_file_is_never_overwritten(tmp_path, news):
    out = tmp_path / "draft.csv"
    path, said = D.write_draft_once(out, news)
    assert path == out and "review it there" in said
    out.write_text(out.read_text(encoding="utf-8").replace("nanchang", "NANCHANG"), encoding="utf-8")
    reviewed = out.read_text(encoding="utf-8")
    path, said = D.write_draft_once(out, news)
    assert out.read_text(encoding="utf-8") == reviewed          # the review is kept
    assert path == tmp_path / "draft.new.csv" and "kept" in said and "draft.new.csv" in said
    again, said = D.write_draft_once(out, news)                   # the same fresh draft: not again
    assert again == path and not (tmp_path / "draft.new-2.csv").exists()
    assert "NANCHANG" in set(D.read_reviewed(out)["region"])


# --- append checks what the tests check ----------------------------------------------------------

def run(*args):
    return cli(D.main, *args, cwd=REPO_ROOT)


def write_rows(path, rows):
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=D.COLUMNS, lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")
    return path


def last_row(data_dir):
    """The last row of indicators.csv, taken out of the data (so it can be appended again)."""
    text = (data_dir / "indicators.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    (data_dir / "indicators.csv").write_text(text[:text.rstrip("\n").rfind("\n") + 1], encoding="utf-8")
    return rows[-1]


def one_line(proc, *words):
    assert proc.returncode == 2, proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1 and "Traceback" not in proc.stderr, proc.stderr
    for w in words:
        assert w in proc.stderr, proc.stderr


def test_append_refuses_a_note_without_its_chinese_reading(data_copy, tmp_path):
    row = {**last_row(data_copy), "note": "A reading written in English only."}
    draft = write_rows(tmp_path / "d.csv", [row])
    one_line(run("append", draft, "--data-dir", data_copy), "d.csv, draft row 1", "notes_zh.csv")


def test_append_refuses_a_target_without_its_baseline_row(data_copy, tmp_path):
    rows = list(csv.DictReader(io.StringIO((data_copy / "indicators.csv").read_text(encoding="utf-8"))))
    target = next(r for r in rows if r["kind"] == "target" and r["indicator"] == "rd_intensity")
    text = (data_copy / "target_baselines.csv").read_text(encoding="utf-8")
    (data_copy / "target_baselines.csv").write_text(
        "".join(line for line in text.splitlines(keepends=True) if ",rd_intensity,rd_intensity," not in line),
        encoding="utf-8")
    lines = (data_copy / "indicators.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    (data_copy / "indicators.csv").write_text("".join(line for line in lines if target["quote"] not in line),
                                              encoding="utf-8")
    draft = write_rows(tmp_path / "d.csv", [target])
    one_line(run("append", draft, "--data-dir", data_copy), "d.csv, draft row 1", "rd_intensity",
             "target_baselines.csv", "unchanged")
    assert run("append", draft, "--data-dir", data_copy, "--allow-unpaired").returncode == 0


def test_append_refuses_a_source_url_without_a_path(data_copy, tmp_path):
    text = (data_copy / "sources.csv").read_text(encoding="utf-8")
    (data_copy / "sources.csv").write_text(
        text.replace("kjj.nc.gov.cn/nckjj/ghxx/202208/60aada1c7ec341f9aabb3d4579bb22b0.shtml",
                     "kjj.nc.gov.cn"), encoding="utf-8")
    draft = write_rows(tmp_path / "d.csv", [last_row(data_copy)])
    one_line(run("append", draft, "--data-dir", data_copy), "sources.csv, line 2", "url",
             "'kjj.nc.gov.cn'")


def test_every_quote_and_qualifier_the_draft_writes_passes_its_own_append(data_copy, tmp_path):
    """A new text's draft, its catalog rows kept as drafted: append accepts them as they are."""
    import hashlib
    text = (E.EVAL_DIR / "texts" / "nanchang_2023_news.txt").read_text(encoding="utf-8")
    raw = data_copy / "raw" / "nanchang_2023_news.txt"
    raw.write_text(text, encoding="utf-8")
    sha = hashlib.sha256(raw.read_bytes()).hexdigest()
    with open(data_copy / "sources.csv", "a", encoding="utf-8") as fh:
        fh.write(f"nanchang_2023_news,南昌市明确2023年科技工作重点和目标,南昌新闻网,nanchang,2022,zh,"
                 f"tuiwangpu.cn/news/show-839.html,{raw.name},{sha},news_report,2026-12-01,"
                 f"reprint of a news report,opening,2023-03\n")
    df = D.draft_file(raw, "nanchang_2023_news", data_dir=data_copy)
    catalog = set(load_dataset(data_copy).catalog["indicator"])
    keep = df[df["indicator"].isin(catalog) & (df["note"] == "")]
    keep = keep.drop_duplicates(["indicator", "period", "kind"])
    assert len(keep) >= 10
    out = tmp_path / "draft.csv"
    out.write_text(D.to_csv(keep), encoding="utf-8")
    assert D.append(out, data_copy, allow_unpaired=True) == len(keep)


# --- the evaluation on texts the rules were not written for -------------------------------------

@pytest.fixture(scope="module")
def scored():
    return E.evaluate()


def test_every_key_row_is_found_once_in_its_text():
    texts = E.load_texts()
    assert len(texts) >= 6 and {t.split for t in texts} == {"tune", "score"}
    assert sum(len(t.key) for t in texts) >= 100
    assert sum(t.split == "score" for t in texts) >= 3
    for t in texts:
        for k in t.key.itertuples():
            E.key_offset(t.text, k.quote, float(k.value))
            assert k.kind in ("actual", "target", "estimate", "policy") and k.unit and k.qualifier


# What the score split reaches now (round 5: five new texts, 60 figures, measured before and
# after its rules, which changed no score figure): a change that lowers any of these fails here.
# Issue 18's Done-when asks 0.9 for the first five and 0.8 for the indicator (docs/draft_eval.md).
REACHED = {"value": 1.0, "unit": 1.0, "qualifier": 1.0, "kind": 0.96, "period": 0.98,
           "indicator": 0.83}
DONE_MET = ("value", "unit", "qualifier", "kind", "period")   # the Done-when fields at 0.9 or more now


def test_the_score_split_meets_its_thresholds(scored):
    s = E.summary(scored).set_index("split").loc["score"]
    for field, floor in REACHED.items():
        assert s[field] >= floor, (field, s[field])
    for field in DONE_MET:
        assert s[field] >= 0.9, field
    assert s["high_wrong_unflagged"] == 0   # measured: no row at 0.9 or more on round 5's texts


def test_the_tune_split_does_not_fall(scored):
    s = E.summary(scored).set_index("split").loc["tune"]
    assert all(s[f] >= 0.95 for f in E.DONE_FIELDS) and s["indicator"] >= 0.88
    assert s["high_wrong_unflagged"] == 0


def test_the_evaluation_prints_both_splits_and_the_calibration(scored):
    out = E.format_summary(scored)
    assert "tune" in out and "score" in out and ">=0.9" in out and "wrong, no flag" in out


def test_the_level_a_sentence_names_rules_out_another_levels_indicator(terms):
    df = drafted("2016年,新增省级重点实验室1家,工程技术研究中心2家。", terms, year=2016, kind="work_summary")
    assert row_of(df, "2").indicator != "city_engineering_center_new"   # provincial centres
    df = drafted("全市新增省技术创新中心6家、市级工程技术研究中心40家。", terms)
    assert row_of(df, "40").indicator == "city_engineering_center_new"
    assert D.text_level("新培育国家级、省级、市级技术创新中心50家", 20) == ""


def test_a_clause_without_a_subject_speaks_of_the_last_one_with_one(terms):
    df = drafted("2020年,全省研发经费投入总量达430.72亿元,比上年增加12.8亿元,增长12.1%。",
                 terms, year=2020, kind="statistics_bulletin", city="jiangxi", province="china")
    assert row_of(df, "12.1").indicator == "rd_expenditure_growth"
    assert row_of(df, "12.8").indicator == "rd_expenditure_change"


def test_a_five_year_measure_needs_its_words(terms):
    df = drafted("全市专利申请量5036件,同比增长48.25%。", terms, year=2016, kind="work_summary")
    assert not row_of(df, "48.25").indicator.endswith("_5y")


# --- issue 18, second round: rules written with the tune texts (sentences from them) ------------

def test_names_written_another_way_are_one_name(terms):
    assert R.bigrams("高新技术企业总数") <= R.bigrams("高企总数")
    assert "发经" in R.bigrams("研究与试验发展(R&D)经费") and R.bigrams("成交金额") == R.bigrams("成交额")
    df = drafted("去年,我市高企总数达到1939家。", terms, published="2023-03", kind="news_report")
    assert row_of(df, "1939").indicator == "hte_count"


def test_a_year_compared_with_dates_no_figure(terms):
    text = "与2018年相比,技术合同成交额增速前3名分别是郴州市、张家界市和永州市,增长率分别为282.67%、190.70%和160.87%。"
    df = drafted(text, terms, year=2019, published="2020-01", kind="news_report", city="hunan",
                 province="china")
    assert set(df[df["unit"] == "percent"]["period"]) == {2019}
    text = "到2027年,全区高新技术企业在2022年的基础上实现倍增,超过90家。"
    row = row_of(drafted(text, terms, year=2023, published="2023-06", kind="five_year_plan"), "90")
    assert (row.kind, row.period) == ("target", 2027), row.why
    assert T.is_base("比2020年增长", 1, "2020年") and not T.is_base("2020年全省", 0, "2020年")


def test_a_list_of_names_takes_a_list_of_numbers(terms):
    df = drafted("高新技术企业、科技型中小企业达6588家、6403家,分别增长26.3%、44.4%;技术合同成交额、登记项数"
                 "分别为823.57亿元、23003项,分别增长54.31%、117.15%。", terms)
    assert row_of(df, "6588").indicator == "hte_count"
    assert row_of(df, "6403").indicator == "tech_sme_registered"
    assert row_of(df, "26.3").indicator == "hte_count_growth"
    assert row_of(df, "44.4").indicator.startswith("new_")      # the SMEs' growth: no catalog id
    assert row_of(df, "54.31").indicator == "tech_contract_turnover_growth"
    assert row_of(df, "117.15").indicator.startswith("new_")    # growth of the contracts' number


@pytest.mark.parametrize("name,sentence,near,fits", [
    ("高新技术产业增加值占规模以上工业增加值的比重", "高新技术产业增加值增长10%", "高新技术产业增加值增长", False),
    ("高企数量同比增长", "高新技术企业数量有3051家,占比超过60%", "占比超过", False),
    ("研发投入同比增长", "全省研发经费投入总量达430.72亿元,比上年增长12.1%", "比上年增长", True),
    ("研发投入强度", "研发投入强度1.68%", "研发投入强度", True),
    ("高新技术产业增加值占规模以上工业增加值的比重", "高新技术产业增加值占比67.75%", "占比", True),
])
def test_a_rate_is_read_as_a_change_or_a_level(name, sentence, near, fits):
    assert R.measure_fits(name, "percent", sentence, near) is fits


def test_a_subject_earlier_in_its_own_clause_is_the_numbers(terms):
    df = drafted("入库国家科技型中小企业4892家、同比增长54.7%。", terms)
    assert row_of(df, "54.7").indicator.startswith("new_")      # not the high-tech firms' growth
    df = drafted("全社会研发投入占GDP比重由2011年的0.32%增加到2020年1.58%;高新技术产业增加值由2011年的"
                 "92.13亿元增加到2020年的356.58亿元。", terms, year=2021)
    assert row_of(df, "356.58").indicator.startswith("new_")    # not the R&D clause's rd_expenditure


def test_a_place_alone_takes_the_subject_of_the_sentence_its_qizhong_opens_on(terms):
    text = ("长株潭地区继续保持湖南省技术市场领先地位,3市全年实现技术合同成交总额405.09亿元,占全省的82.56%。"
            "其中,长沙市233.82亿元、株洲市105.61亿元、湘潭市65.66亿元。")
    df = drafted(text, terms, year=2019, kind="news_report", city="hunan", province="china")
    for number in ("233.82", "105.61", "65.66"):
        assert row_of(df, number).indicator == "tech_contract_turnover", number


def test_a_shares_numerator_must_be_the_indicators(terms):
    df = drafted("到2027年,规模以上工业战略性新兴产业增加值占规模以上工业增加值的比重超38%。", terms,
                 year=2023, kind="five_year_plan")
    assert row_of(df, "38").indicator != "hti_value_added_share"
    df = drafted("全市高新技术产业增加值占规模以上工业增加值的比重为40.2%。", terms)
    assert row_of(df, "40.2").indicator == "hti_value_added_share"


def test_a_cap_per_item_and_a_part_of_a_group_are_new_indicators(news, terms):
    row = row_of(news, "500")
    assert row.indicator.startswith("new_") and "per item" in row.flag
    df = drafted("今年入库科技型中小企业中,高新技术企业数量有3051家,占比超过60%。", terms)
    row = row_of(df, "3051")
    assert row.indicator.startswith("new_") and "part of a group" in row.flag


# --- issue 18, third round: rules written with the tune texts (sentences from them) -------------

def test_a_bare_change_is_the_change_of_the_figure_it_follows(terms):
    henan = ("截至12月8日,2021年全省共登记技术合同14876项,同比增长63.26%,全年成交额达到528.16亿元,"
             "同比增长67.84%。")
    df = drafted(henan, terms, year=2021, published="2021-12", kind="news_report", city="henan",
                 province="china")
    assert row_of(df, "67.84").indicator == "tech_contract_turnover_growth"
    assert row_of(df, "63.26").indicator.startswith("new_")   # the contracts' number: no change id
    assert D.is_bare_change("与去年同期相比增长30.3%", 0, len("与去年同期相比增长"))
    assert not D.is_bare_change("同口径增长17.1%", 0, len("同口径增长"))   # 同口径: words of its own


def test_a_list_of_changes_takes_the_figures_before_it_in_order(terms):
    fujian = "去年,全省共登记技术合同16320项,成交金额2143959.69万元,较上一年分别增长49.14%和16.61%。"
    df = drafted(fujian, terms, year=2021, published="2022-03", kind="news_report", city="fujian",
                 province="china")
    assert row_of(df, "16.61").indicator == "tech_contract_turnover_growth"
    assert row_of(df, "49.14").indicator.startswith("new_")


def test_the_change_of_a_new_figure_is_new(terms):
    text = "分活动主体看,各类企业研究与试验发展(R&D)经费23878.6亿元,比上年增长11.0%;政府属研究机构经费3814.4亿元,增长2.6%。"
    df = drafted(text, terms, year=2022, published="2023-09", kind="statistics_bulletin", city="china",
                 province="")
    assert row_of(df, "23878.6").indicator == "rd_expenditure_business"   # 企业 names the part
    assert row_of(df, "11.0").indicator == "rd_expenditure_business_growth"
    assert row_of(df, "3814.4").indicator.startswith("new_")
    assert row_of(df, "2.6").indicator.startswith("new_"), row_of(df, "2.6").why


def test_an_amount_in_wan_yuan_may_be_an_indicator_kept_in_yi_yuan(terms):
    assert R.unit_fit("cny_100m", "cny_10k") == R.MONEY_FIT < 1 and R.unit_fit("count", "cny_10k") == 0
    text = "截至2月底,泉州市共认定登记技术合同83项,同比增长27.69%,技术合同成交金额12732.71万元,同比增长168.47%。"
    df = drafted(text, terms, year=2021, published="2022-03", kind="news_report", city="fujian",
                 province="china")
    assert row_of(df, "12732.71").indicator == "tech_contract_turnover"
    assert row_of(df, "12732.71").unit == "cny_10k"                    # the printed unit stays
    assert row_of(df, "168.47").indicator == "tech_contract_turnover_growth"


def test_a_quotes_piece_that_another_name_holds_is_no_term(terms):
    # 成果拍卖成交金额达…: 成交金额 is also the turnover's name (技术合同成交额)
    assert not any(R.bigrams(D.FILLER.sub("|", t)) <= R.bigrams("技术合同成交额")
                   for t in terms.terms["alliance_auction_value"])
    df = drafted("2021年全省共登记技术合同14876项,全年成交额达到528.16亿元。", terms, year=2021,
                 kind="news_report", city="henan", province="china")
    assert row_of(df, "528.16").indicator == "tech_contract_turnover"
    # a quote that is the owner's own name, less its generic words, stays (高新技术企业: hte_count)
    df = drafted("到2027年,全区高新技术企业和科技型企业在2022年的基础上实现“双倍增”,分别超过90家和870家。",
                 terms, year=2023, published="2023-06", kind="five_year_plan", city="wansheng",
                 province="chongqing")
    assert row_of(df, "90").indicator == "hte_count"


@pytest.mark.parametrize("text,number", [
    ("全省高校技术合同成交额11.69亿元,比去年增长49.30%。", "11.69"),          # who performs
    ("全省高校技术合同成交额11.69亿元,比去年增长49.30%。", "49.30"),          # and its change
    ("其中,技术服务合同成交额为2309.19亿元,占总成交额的 75.62%,同比增长31.64%。", "2309.19"),
    ("其中,技术服务合同成交额为2309.19亿元,占总成交额的 75.62%,同比增长31.64%。", "31.64"),
    ("据了解,去年,我省输出技术16121项,成交金额1967975.75万元。", "1967975.75"),   # which way
    ("吸纳输出技术合同交易总额319亿元。", "319"),
])
def test_a_part_of_a_total_is_a_new_indicator(terms, text, number):
    df = drafted(text, terms, year=2022, kind="news_report", city="hunan", province="china")
    row = row_of(df, number)
    assert row.indicator.startswith("new_"), row.why
    assert "part of a total" in row.flag or "change of a figure proposed as a new" in row.flag


def test_a_part_word_inside_the_name_or_a_policys_scope_is_no_part(terms):
    # 企业 inside the name the term matches (推荐至…企业名单中), from the data's 2021 summary
    assert D.named_before("我市推荐至省税务局的企业名单中,约", "企业", "推荐至税务部门的名单中因研发费用不符合条件未通过审核的比例")
    assert not D.named_before("全省高校技术合同成交额", "高校", "技术合同成交额")
    # 企业 is a part only right before the name (给予999家企业2020年研发费用后补助: whom it pays)
    assert D.names_next("各类企业研发经费", "企业", "R&D经费") and not D.names_next("企业获得科技保险补助", "企业", "研发经费")
    ranked = [(0.8, "tech_contract_turnover", "技术合同成交额")]
    assert D.part_of_total(ranked, "全省技术合同成交额", terms) == (ranked, "")


def test_a_share_of_the_documents_own_total_is_no_share_of_the_province(terms):
    text = "其中,技术服务合同成交额为2309.19亿元,占总成交额的 75.62%。"
    row = row_of(drafted(text, terms, year=2022, kind="statistics_bulletin", city="shaanxi",
                         province="china"), "75.62")
    assert not row.indicator.endswith("_share_of_province"), row.why
    text = "3市全年实现技术合同成交总额405.09亿元,占全省的82.56%。"
    row = row_of(drafted(text, terms, year=2019, kind="news_report", city="hunan", province="china"), "82.56")
    assert row.indicator == "tech_contract_turnover_share_of_province", row.why


# --- round 4's rules (tune sentences: anhui_2022h1_contract_news, wansheng_2023_plan,
# nanchang_2023_news) ---------------------------------------------------------------------------

def test_a_sign_printed_in_brackets_is_kept(terms):
    df = drafted("从吸纳成交额增速看,而亳州(-69.1%)、马鞍山(-47.2%)、宣城(-17.4%)、安庆(-8.1%)4个市为负增长。",
                 terms, year=2022, published="2022-07", kind="news_report", city="anhui", province="china")
    for number in ("69.1", "47.2", "17.4", "8.1"):
        assert row_of(df, number).value == -float(number), row_of(df, number).why


def test_technology_based_firms_are_not_technology_based_smes(terms):
    df = drafted("到2025年,全区高新技术企业突破75家、科技型企业超过690家。", terms, year=2023,
                 published="2023-06", kind="five_year_plan", city="wansheng", province="chongqing")
    assert row_of(df, "690").indicator.startswith("new_")        # not tech_sme_registered
    assert row_of(df, "75").indicator == "hte_count"


def test_the_level_after_the_number_is_read_too(terms):
    df = drafted("南昌新闻网讯 科技型中小企业入库3000家以上;新组建50家市级研发平台;实施30个科技重大项目。",
                 terms, year=2022, published="2023-03", kind="news_report")
    assert row_of(df, "50").indicator == "city_basic_rd_platforms"


def test_a_figure_printed_in_another_unit_than_the_catalog_is_flagged(terms):
    """近9000万元 of post-subsidies, an indicator the catalog keeps in 亿元: append would refuse the
    row, so the draft says so and how to record it (an indicator in 万元 of the same measure)."""
    df = drafted("2023年为312家企业兑现研发费用后补助近9000万元。", terms, year=2023, kind="work_summary")
    row = row_of(df, "9000")
    assert row.indicator == "rd_post_subsidy_amount" and row.unit == "cny_10k"
    assert D.UNIT_FLAG in row.flag and "measures.csv" in row.flag and row.confidence < 0.8


def test_a_quote_does_not_keep_the_number_of_its_list_item(terms):
    """1.力争全社会研发投入强度达到2.25%: the quote starts at 力争, not at the item's number."""
    text = "2024年主要目标：\n1.力争全社会研发投入强度达到2.25%；\n2.力争高新技术企业超过1400家。\n"
    df = drafted(text, terms, year=2023, kind="work_summary")
    assert row_of(df, "2.25").quote.startswith("力争全社会研发投入强度") and row_of(df, "1400").quote.startswith("力争")


def test_a_word_naming_another_measure_rules_an_indicator_out(terms):
    # review 17: 认定通过率 (certified over applied) was drafted as hte_pass_rate, the rate of
    # candidates reported to MOST, by the words 通过率为 of Nanchang's quote; 认定 excludes it
    # (indicator_terms.csv use=excludes), so the draft proposes a new indicator to name instead
    assert "认定" in terms.excludes["hte_pass_rate"]
    df = drafted("全市申报高新技术企业512家,认定通过率为61.3%。", terms, city="jiujiang")
    assert row_of(df, 61.3)["indicator"] != "hte_pass_rate"
    assert row_of(drafted("全市申报高新技术企业512家,我市通过率为30.55%。", terms), 30.55)["indicator"] == "hte_pass_rate"
