"""helpers.sections.finance against figures worked out by hand from the 2021 summary, and the rules
its statements rest on: a scheme is named from data (another city under its own name, a city
without a row not at all), a year's loans are not compared with the running total, the document's
十余倍 is a floor, and bound words survive in both languages."""
import shutil
from pathlib import Path

import pytest

from helpers.calc.statements import Builder, Text
from helpers.data.figures import Summary
from helpers.data.load import load_dataset
from helpers.data.paths import DATA_DIR
from helpers.errors import DataError, StatementError
from helpers.present import catalog, finance_view
from helpers.sections import finance
from testkit import add_document

VALID = Path(__file__).parent / "fixtures" / "valid"


@pytest.fixture(scope="module")
def res(summary):
    return finance.analyse(summary)


@pytest.fixture(scope="module")
def m(res):
    return res.derived


def said(res):
    return {s.key: s for s in res.statements}


def test_per_unit(m):
    assert m["equity_per_project"].value == pytest.approx(500.0)             # 2500 万 / 5
    assert m["loan_per_firm"].value == pytest.approx(290.09, abs=0.005)     # 32,200 万 / 111
    assert m["loan_per_firm"].qualifier == "approx"                          # 约3.22亿元: about, per firm too
    assert m["subsidy_per_firm"].value == pytest.approx(10.50, abs=0.005)   # 514.39 / 49 = 10.4978
    assert m["coverage_per_firm"].unit == "cny_100m"
    assert m["coverage_per_firm"].value == pytest.approx(28.07, abs=0.005)  # 1375.2 亿 / 49 = 28.065


def test_leverage_is_the_running_total_over_the_pool(res, m):
    assert m["leverage_cumulative"].value == pytest.approx(17.77, abs=0.005)  # 53,300 万 / 3000 万
    assert m["leverage_cumulative"].formula == "5.33 亿元 / 3000 万元"
    assert m["loans_over_pool"].value == pytest.approx(10.73, abs=0.005)      # 32,200 万 / 3000 万: kept, never stated
    assert m["coverage_per_subsidy"].value == pytest.approx(26734.58, abs=0.01)  # 13,752,000 万 / 514.39 万
    assert res.claim.low == 10 and res.claim.quote == "启到了十余倍的杠杆放大作用"
    assert res.flags["fits_claim"] is True                                    # 17.77 > 10
    st = said(res)["check_result.finance.leverage_claim.consistent"]
    assert st["leverage"] is m["leverage_cumulative"] and st["low"] == 10 and st.strength == "implied"
    assert "loans_over_pool" not in {k for s in res.statements for k, v in s.slots if v is m["loans_over_pool"]}


def test_shiyu_is_read_as_the_audit_reads_it(summary):
    """十余倍 is 10 to 20 times (relations.csv), here as in the audit, with the audit's verdict."""
    claim = finance.word_claim(summary, "kedaitong_loans_cumulative", "kedaitong_risk_pool")
    assert (claim.low, claim.high, claim.status, claim.holds()) == (10.0, 20.0, "consistent", True)
    assert finance.WordClaim(10.0, 20.0, "十余倍", "doc", "inconsistent").holds() is False


def test_statements_of_2021(res):
    keys = [s.key for s in res.statements]
    assert keys == [
        "level.finance.guide_fund", "implied.finance.per_project", "level.finance.credit",
        "implied.finance.per_firm_loan", "level.finance.insurance", "implied.finance.subsidy_per_firm",
        "implied.finance.cover_per_firm", "implied.finance.cover_per_subsidy",
        "level.finance.credit_cumulative", "implied.finance.leverage", "check_result.finance.leverage_claim.consistent",
        "not_comparable.finance.credit_loans", "caveat.finance.no_bad_loans",
        "list.finance.pool_small", "list.finance.pool_small_effects"]
    s = said(res)
    assert s["level.finance.credit"]["scheme"] == Text("Hongcheng Kedaitong", "“洪城科贷通”")  # a name the document gives, in quotation marks
    assert s["level.finance.credit"].strength == "printed"
    assert s["not_comparable.finance.credit_loans"]["a"].indicator == "kedaitong_loans"
    assert s["not_comparable.finance.credit_loans"]["b"].indicator == "kedaitong_loans_cumulative"
    assert s["caveat.finance.no_bad_loans"]["quote"] == "目前尚未发生1笔风险坏账"
    assert s["caveat.finance.no_bad_loans"]["period"] == "2021"
    assert [i.en for i in s["list.finance.pool_small_effects"]["items"].items] == [
        "the leverage is limited", "it falls far short of technology firms' varied financing needs"]
    assert {x.topic for x in res.statements} == {"finance.instruments", "finance.credit", "finance.judgement"}


def test_bounds_keep_their_words_in_both_languages(res):
    s = said(res)
    credit, per = s["level.finance.credit"], s["implied.finance.per_firm_loan"]
    assert "about CNY 322 m to 111 firms" in catalog.render(credit, "en")
    assert "向111家企业放贷约3.22亿元" in catalog.render(credit, "zh")
    assert catalog.render(per, "en").startswith("That is about CNY 2.9 m (implied: ~3.22 (CNY 100m) / 111)")
    assert catalog.render(per, "zh").startswith("户均放贷约290万元（推算：约3.22 亿元 / 111）")
    claim = s["check_result.finance.leverage_claim.consistent"]
    assert "read as 10 to 20 times" in catalog.render(claim, "en") and "按10至20倍理解" in catalog.render(claim, "zh")


def test_a_years_loans_cannot_be_compared_with_the_running_total(summary):
    b = Builder.for_summary(summary)
    loans, total = summary.get("kedaitong_loans"), summary.get("kedaitong_loans_cumulative")
    with pytest.raises(StatementError, match="scope"):
        b.say("comparison", "comparison.finance.credit_loans", a=loans, b=total)
    assert b.comparison("finance.credit_loans", loans, total).predicate == "not_comparable"


def test_instruments_table(res, summary):
    # review 17: 累计放贷资金约3.22亿元 is read as the year's loans (notes_zh: a reading); the table
    # says so on the amount and on the average computed from it, as the prose does, not on the count
    zh = finance_view.instruments_table(res.instruments, "zh", summary)
    assert zh.iloc[1].tolist() == ["“洪城科贷通”：当年放贷", "111家", "约3.22亿元（解读）",
                                   "约290万元（推算：约3.22 亿元 / 111）（解读）"]
    en = finance_view.instruments_table(res.instruments, "en", summary)
    assert en.columns.tolist() == ["Instrument", "Firms or projects", "Amount", "Per firm or project"]
    assert en.iloc[1, 2] == "about CNY 322 m (as read)" and en.iloc[0, 2] == "CNY 25 m"
    # 1375.2亿元 of cover over 49 firms is about 28亿元 a firm: outside the plausible range, flagged
    # in the prose and in the table's cell alike
    assert zh.iloc[3, 3].endswith("（存疑）") and en.iloc[3, 3].endswith(" (implausible)")
    assert not zh.iloc[2, 3].endswith("（存疑）")



def test_the_leverage_chart_marks_the_pool_as_a_reading(res, summary):
    # review 14 M2: the 3000万元 is read as the scheme's risk pool (a reading the text states with
    # 【原文解读】): the bar's label says so too, in both languages
    import matplotlib.pyplot as plt
    for lang, mark in (("zh", "（解读）"), ("en", " (as read)")):
        fig = finance_view.leverage_chart(res, lang, summary)
        labels = [" ".join(t.get_text().split()) for t in fig.axes[0].get_yticklabels()]  # unwrapped
        plt.close(fig)
        assert labels[0].endswith(mark), labels


# --- another city: its own scheme's name, or nothing ---------------------------------------------

GANZHOU = "赣州市科技局2022年工作总结\n赣州“科创贷”放贷企业86家,当年放贷2.1亿元,累计发放贷款8.2亿元,风险补偿资金池5000万元。\n"
ROWS = [("kedaitong_firms", 2022, "actual", 86, "count", "exact", "放贷企业86家"),
        ("kedaitong_loans", 2022, "actual", 2.1, "cny_100m", "exact", "当年放贷2.1亿元"),
        ("kedaitong_loans_cumulative", 2022, "actual", 8.2, "cny_100m", "exact", "累计发放贷款8.2亿元"),
        ("kedaitong_risk_pool", 2022, "actual", 5000, "cny_10k", "exact", "风险补偿资金池5000万元")]
SCHEME = ("kechuangdai,credit,科创贷,Kechuangdai,kedaitong_firms+kedaitong_loans+kedaitong_loans_cumulative"
          "+kedaitong_risk_pool,ganzhou,2022,ganzhou_2022,赣州“科创贷”放贷企业86家\n")


@pytest.fixture(scope="module")
def ganzhou(tmp_path_factory):
    d = Path(shutil.copytree(DATA_DIR, tmp_path_factory.mktemp("gz") / "data"))
    add_document(d, "ganzhou_2022", "赣州市科技局2022年工作总结", "赣州市科学技术局", "ganzhou", 2022, GANZHOU, ROWS)
    return d


def test_another_city_without_a_scheme_row_is_told_of_its_scheme_in_neutral_words(ganzhou):
    """Its figures are stated (never "no instruments"), under words that name no scheme (never
    Nanchang's)."""
    res = finance.analyse(Summary(load_dataset(ganzhou), "ganzhou_2022"))
    texts = {lang: [catalog.render(s, lang, ganzhou) for s in res.statements] for lang in ("en", "zh")}
    assert any(t.startswith("In 2022, Ganzhou's science-tech credit scheme lent") for t in texts["en"])
    assert any("2022年，赣州科技信贷产品向86家企业放贷2.1亿元" in t
               for t in texts["zh"])
    assert any(t.startswith("Ganzhou's science-tech credit scheme's lending in 2022") for t in texts["en"])
    assert not any(w in t for ts in texts.values() for t in ts for w in ("洪城", "Hongcheng", "Kedaitong", "“"))
    assert [i.key for i in res.instruments] == ["credit"]


def test_another_city_is_reported_under_its_own_schemes_name(ganzhou, tmp_path):
    d = Path(shutil.copytree(ganzhou, tmp_path / "data"))
    with open(d / "schemes.csv", "a", encoding="utf-8") as fh:
        fh.write(SCHEME)
    res = finance.analyse(Summary(load_dataset(d), "ganzhou_2022"))
    texts = [catalog.render(s, lang, d) for s in res.statements for lang in ("en", "zh")]
    assert any("“科创贷”向86家企业放贷2.1亿元" in t for t in texts)
    # a risk pool is said only where the data hold one: no sentence asserts the scheme's design
    assert any("Kechuangdai's lending in 2022 (CNY 210 m)" in t for t in texts)
    assert not any(w in t for t in texts for w in ("洪城", "Hongcheng", "Kedaitong", "十余倍", "坏账"))
    assert said(res)["implied.finance.leverage"]["leverage"].value == pytest.approx(16.4)  # 8.2 亿 / 5000 万
    assert "check_result.finance.leverage_claim.consistent" not in said(res)   # Nanchang's claim is not Ganzhou's


# --- the scheme table is checked like every data file --------------------------------------------

def _schemes(tmp_path, row: str) -> Path:
    d = Path(shutil.copytree(VALID, tmp_path / "data"))
    (d / "schemes.csv").write_text("scheme,kind,name_zh,name_en,indicators,region,period,source,quote\n" + row,
                                   encoding="utf-8")
    return d


def test_a_scheme_row_loads(tmp_path):
    d = _schemes(tmp_path, "kedaitong,credit,洪城科贷通,Hongcheng Kedaitong,hte_count,nanchang,2021,nanchang_2021,"
                           "洪城科贷通放贷企业数111家\n")
    assert load_dataset(d).tables["schemes"]["name_en"].tolist() == ["Hongcheng Kedaitong"]


@pytest.mark.parametrize("row, column", [
    ("kedaitong,credit,科创贷,Kechuangdai,hte_count,nanchang,2021,nanchang_2021,洪城科贷通放贷企业数111家\n",
     "name_zh"),                                                      # the quote must print the name
    ("kedaitong,credit,洪城科贷通,Hongcheng Kedaitong,no_such_id,nanchang,2021,nanchang_2021,洪城科贷通放贷企业数111家\n",
     "indicators"),                                                   # ids from the catalog
    ("kedaitong,loan,洪城科贷通,Hongcheng Kedaitong,hte_count,nanchang,2021,nanchang_2021,洪城科贷通放贷企业数111家\n",
     "kind"),                                                         # a kind of the vocabulary
    ("kedaitong,credit,洪城科贷通,Hongcheng Kedaitong,hte_count,nanchang,2021,nanchang_2021,洪城科贷通放贷企业数999家\n",
     "quote"),                                                        # verbatim from the source
])
def test_a_bad_scheme_row_is_refused(tmp_path, row, column):
    with pytest.raises(DataError) as e:
        load_dataset(_schemes(tmp_path, row))
    assert "schemes.csv" in str(e.value) and column in str(e.value)


# --- a 累计 read as one year's flow: on the text when the total is printed apart, else an assumption --

JIUJIANG = "九江市科技局2022年工作总结\n科技信贷产品为42家企业累计放贷资金约1.35亿元。\n"
READING = ('"""累计"" is read as the 2022 loans, beside the 42 firms of 2022.",'
           "此处“累计”理解为2022年当年放贷之和。,yes\n")


def test_a_running_total_read_as_a_year_without_the_total_apart_is_an_assumption(tmp_path, summary):
    """Nanchang prints its total since launch apart (5.33亿元), so its 累计约3.22亿元 is the year's on
    the text; a document printing no such total leaves the same reading an assumption, and every
    statement resting on it says so in both languages."""
    nanchang = [s for s in finance.analyse(summary).statements
                if any(f.indicator == "kedaitong_loans" for f in s.figures)]
    assert nanchang and all(s.strength != "assumption" for s in nanchang)
    d = Path(shutil.copytree(DATA_DIR, tmp_path / "data"))
    with open(d / "notes_zh.csv", "a", encoding="utf-8") as fh:
        fh.write(READING)
    add_document(d, "jiujiang_2022", "九江市科技局2022年工作总结", "九江市科学技术局", "jiujiang", 2022, JIUJIANG,
                 [("kedaitong_firms", 2022, "actual", 42, "count", "exact", "为42家企业累计放贷资金约1.35亿元"),
                  ("kedaitong_loans", 2022, "actual", 1.35, "cny_100m", "approx", "累计放贷资金约1.35亿元")])
    with open(d / "indicators.csv", encoding="utf-8") as fh:
        rows = fh.read().rstrip("\n").split("\n")
    rows[-1] += '"""累计"" is read as the 2022 loans, beside the 42 firms of 2022."'
    (d / "indicators.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    res = finance.analyse(Summary(load_dataset(d), "jiujiang_2022"))
    on_loans = [s for s in res.statements if any(f.indicator == "kedaitong_loans" for f in s.figures)]
    assert on_loans and all(s.strength == "assumption" for s in on_loans)
    zh = catalog.render(on_loans[0], "zh", d)
    assert "约1.35亿元" in zh
    # the table showing those loans says so too, on the instrument's row, and only there
    assert [i.assumption for i in res.instruments] == ["running_total_as_year"]
    jiujiang = Summary(load_dataset(d), "jiujiang_2022")
    table = finance_view.instruments_table(res.instruments, "zh", jiujiang)
    assert table.iloc[0, 0].endswith("【取决于假设】")
    assert finance_view.instruments_table(res.instruments, "en", jiujiang).iloc[0, 0].endswith("[depends on an assumption]")
    assert not any(i.assumption for i in finance.analyse(summary).instruments)
