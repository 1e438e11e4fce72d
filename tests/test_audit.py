"""The audit: relations.csv, the verdicts on the 2021 summary (values worked by hand) and the
interval rule on constructed cases, including a summary that lacks a figure."""
from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

from helpers.calc import audit
from helpers.data import relations
from helpers.data.figures import Figure, Summary
from helpers.data.paths import DATA_DIR
from helpers.errors import DataError


def only(dataset, sources: list[str]):
    """The dataset as if it held only these documents (tests of one document must not change
    when others are added)."""
    return replace(dataset, sources=dataset.sources[dataset.sources["source"].isin(sources)],
                   indicators=dataset.indicators[dataset.indicators["source"].isin(sources)])


@pytest.fixture(scope="module")
def full():
    return Summary.select("nanchang", 2021, DATA_DIR)


@pytest.fixture(scope="module")
def summary(full):
    return Summary(only(full.dataset, ["nanchang_2021"]), "nanchang_2021")


@pytest.fixture(scope="module")
def results(summary):
    return {r.check: r for r in audit.evaluate(summary)}


# --- every check on the 2021 summary, worked by hand --------------------------------------------

# check: (status, computed at the claim's precision + 2). Hand arithmetic:
#   1689/5354 = 0.315465 -> 31.5465% (printed 31.55 allows 31.545..31.555: consistent)
#   455/1452 = 0.313361 -> 31.3361% (the same printed 31.55: inconsistent)
#   1452/5354 = 0.271199 -> 27.1199%; 455/1689 = 0.269390 -> 26.9390% (printed 30.55)
#   Nanchang: last year 455 + 458 = 913, -458/913 = -0.501643 -> -50.1643% (printed -50.16)
#   Jiangxi: last year 1452 + 1689 = 3141, -1689/3141 = -0.537727 -> -53.7727% (printed -55.25)
#   1950/2054 - 1 = -0.050633 -> -5.06% (printed -5 allows -5.5..-4.5)
#   2054/1049 = 1.958 (翻番 read as 1.9..2.1); 5.33亿/3000万 = 533/30 = 17.77 (十余倍 = 10..20)
#   4 + 3 + 2 + 1 stalled = 10; 10 institutions named; 8 projects, 2 firms, 7 universities, 6 industries
#   248/173 = 1.433526 -> 43.3526% (173 is the whole number in 248/1.43355..248/1.43345)
EXPECTED = {
    "hte_applications_share": ("consistent", 31.5465),
    "hte_reported_share": ("inconsistent", 31.3361),
    "rd_expenditure_share": ("unverifiable", None),
    "tech_sme_applications_share": ("unverifiable", None),
    "unicorn_gazelle_new_share": ("unverifiable", None),
    "tech_contract_count_share": ("unverifiable", None),
    "tech_contract_turnover_share": ("unverifiable", None),
    "prov_open_competition_tech_funding_share": ("unverifiable", None),
    "prov_open_competition_needs_funding_share": ("unverifiable", None),
    "hte_pass_rate_province": ("consistent", 27.1199),
    "hte_pass_rate_city": ("inconsistent", 26.9390),
    "hte_reported_decline_city": ("consistent", -50.1643),
    "hte_reported_decline_province": ("inconsistent", -53.7727),
    "hte_count_change": ("consistent", -5.06),
    "hte_count_doubling": ("consistent", 1.958),
    "kedaitong_leverage": ("consistent", 17.77),
    "new_rd_institutions_by_status": ("consistent", 10),
    "new_rd_institutions_named": ("consistent", 10),
    "new_rd_institutions_operating_well_named": ("consistent", 4),
    "new_rd_institutions_operating_normally_named": ("consistent", 3),
    "new_rd_institutions_just_landed_named": ("consistent", 2),
    "roadshow_projects_named": ("consistent", 8),
    "vr_special_firms_named": ("consistent", 2),
    "universities_named": ("consistent", 7),
    "six_industries_named": ("consistent", 6),
    "hongcheng_entries_growth_whole": ("consistent", 43.3526),
    "kedaitong_year_within_cumulative": ("consistent", 5.33),
    "national_awards_within_nominees": ("consistent", 23),
}


def test_every_check_of_2021_worked_by_hand(results):
    got = {c: (r.status, r.computed) for c, r in results.items() if r.relation.role == "check"}
    assert list(got) == list(EXPECTED)
    for check, (status, computed) in EXPECTED.items():
        assert got[check][0] == status, check
        if computed is None:
            assert got[check][1] is None, check
        else:
            assert got[check][1] == pytest.approx(computed, abs=1e-9), check


def test_status_counts(results):
    assert audit.status_counts(list(results.values())) == {
        "consistent": 18, "inconsistent": 3, "unverifiable": 7}


def test_unverifiable_names_the_missing_input(results):
    r = results["rd_expenditure_share"]
    assert [i.label("en") for i in r.missing] == ["R&D expenditure (Jiangxi, 2020)"]
    assert "does not print R&D expenditure (Jiangxi, 2020)" in r.explanation("en")
    assert "研发经费投入（江西，2020年）" in r.explanation("zh")


def test_inconsistencies_give_the_readings_that_could_be_true(results):
    # 31.55% of 1452 = 458.1, but no whole number of firms gives 31.55% of 1452 (458: 31.54%, 459:
    # 31.61%): that reading is not offered; 455 / 0.3155 = 1442.2, and 455 / 1442 = 31.55%
    r = results["hte_reported_share"]
    assert len(r.readings) == 2
    assert "about 1442." in r.readings[1][0]
    assert "HTE applications, share of Jiangxi" in r.explanation("en")  # the reused 31.55
    # 30.55% of 1689 = 516.0 (516 / 1689 = 30.55%); 455 / 0.3055 = 1489.4, but 455 / 1489 = 30.56%
    # and 455 / 1490 = 30.54%: no whole number of applications gives 30.55%
    r = results["hte_pass_rate_city"]
    assert len(r.readings) == 2 and "about 516." in r.readings[1][0]
    # -55.25%: 1689/0.5525 - 1689 = 1368.0 reported; 1452*0.5525/0.4475 = 1792.7 fewer
    r = results["hte_reported_decline_province"]
    assert "about 1368;" in r.readings[1][0] and "about -1793." in r.readings[2][0]
    assert "1689" in r.explanation("en") and "High-tech enterprise (HTE) applications" in r.explanation("en")
    assert "应约为" in r.explanation("zh") or "它应约为" in r.explanation("zh")


def test_computed_ranges_worked_by_hand(results):
    # 1.0 rounding: 455/1452 is exact counts, a point; leverage 5.325..5.335亿 over 2999.5..3000.5万
    assert results["hte_reported_share"].interval.width == 0
    iv = results["kedaitong_leverage"].interval
    assert iv.lo == pytest.approx(5.325e8 / 3000.5e4) and iv.hi == pytest.approx(5.335e8 / 2999.5e4)


# --- implied figures, worked by hand ------------------------------------------------------------

IMPLIED = {
    "jiangxi_rd_expenditure": 430.71,               # 111.77 / 0.2595
    "jiangxi_tech_sme_applications": 8359.9,        # 2360 / 0.2823
    "jiangxi_hte_applications": 5353.41,            # 1689 / 0.3155 (printed 5354)
    "jiangxi_hte_reported": 1442.16,                # 455 / 0.3155 (printed 1452)
    "jiangxi_unicorn_gazelle_new": 156.0,           # 39 / 0.25
    "jiangxi_tech_contract_count": 6622.22,         # 3278 / 0.495
    "jiangxi_tech_contract_turnover": 413.57,       # 106.7 / 0.258
    "jiangxi_prov_open_competition_tech_funding": 1626.02,   # 600 / 0.369
    "jiangxi_prov_open_competition_needs_funding": 2599.65,  # 900 / 0.3462
    "rd_expenditure_prev": 101.24,                  # 111.77 / 1.104
    "rd_intensity_prev": 1.81,                      # 1.95 - 0.14
    "jiangxi_rd_intensity": 1.68,                   # 1.95 - 0.27
    "city_gdp": 5731.79,                            # 111.77 / 0.0195
    "city_gdp_prev": 5593.42,                       # 101.2409 / 0.0181
    "city_gdp_growth": 2.47,                        # 5731.79 / 5593.42 - 1
    "jiangxi_gdp": 25637.67,                        # 430.7129 / 0.0168
    "city_gdp_share": 22.36,                        # 5731.79 / 25637.67
    "rd_intensity_rank_prev": 4,                    # 3 + 1
    "hte_reported_prev_city": 913,                  # 455 + 458
    "hte_reported_prev_province": 3141,             # 1452 + 1689
    "hongcheng_entries_prev": 173.0,                # 248 / 1.4335
    "hte_count_prev": None,                         # 2021's 1950 and 下降5% are estimates: no actual to imply from
    "hte_count_prev_from_change": None,             # Nanchang prints no change of its stock as a count
    "rd_post_subsidy_per_firm": 23.22,              # 23200万 / 999
    "tech_contract_avg": 325.50,                    # 1067000万 / 3278
    "jiangxi_tech_contract_avg": 624.51,            # 413.5659亿 / 6622.22
    "major_project_funding_avg": 169.17,            # 3045 / 18
    "kedaitong_loan_per_firm": 290.09,              # 32200万 / 111
    "tech_insurance_subsidy_per_firm": 10.50,       # 514.39 / 49
    "guide_fund_per_project": 500.0,                # 2500 / 5
    "auction_value_per_item": 149.25,               # 2985 / 20
    "roadshow_financing_per_firm": 666.67,          # 20000万 / 30
    "open_competition_tech_per_item": 300.0,        # 600 / 2
    "open_competition_needs_per_item": 100.0,       # 900 / 9
    "tech_insurance_leverage": 26734.58,            # 1375.2亿 / 514.39万
    "tech_insurance_coverage_per_firm": 28.07,      # 1375.2亿 / 49 (implausible: flagged)
    "tech_insurance_coverage_share_of_gdp": None,   # the summary prints no 2021 GDP (test_..._one_year: 20.68)
    "innovation_contest_win_rate": 4.76,            # 21 / 441 × 100
    "talent_contest_win_rate": 4.03,                # 10 / 248 × 100
    "outstanding_commissioners_share": 12.05,       # 27 / 224 × 100
}


def test_implied_figures_worked_by_hand(results):
    got = {c: r.value for c, r in results.items() if r.relation.role == "implied"}
    assert list(got) == list(IMPLIED)
    for check, value in IMPLIED.items():
        assert got[check] == (None if value is None else pytest.approx(value, abs=0.01)), check


def test_implied_gdp_range_is_only_as_good_as_the_rounding_of_the_intensity(results):
    iv = results["city_gdp"].interval  # 111.765/0.01955 .. 111.775/0.01945
    assert iv.lo == pytest.approx(5716.88, abs=0.01) and iv.hi == pytest.approx(5746.79, abs=0.01)
    d = results["city_gdp"].derived()
    assert d.formula == "111.77 亿元 / 1.95%" and [f.indicator for f in d.inputs] == [
        "rd_expenditure", "rd_intensity"]


def test_audit_frame_has_exactly_the_design_columns(results):
    df = audit.audit_frame(list(results.values()), "en")
    assert list(df.columns) == ["check", "quote", "claimed", "computed", "unit", "status", "explanation"]
    row = df.set_index("check").loc["hte_reported_share"]
    assert (row["quote"], row["claimed"], row["computed"], row["unit"], row["status"]) == (
        "向科技部报备455家,占全省的31.55%", "31.55", "31.3361", "percent", "inconsistent")
    row = df.set_index("check").loc["kedaitong_leverage"]
    assert row["quote"] == "启到了十余倍的杠杆放大作用" and row["claimed"] == "10–20"
    zh = audit.audit_frame(list(results.values()), "zh")
    zh = zh.set_index("check")["explanation"]
    assert "重新计算的结果不在此范围内" in zh["hte_pass_rate_city"]


def test_explanations_write_a_fall_and_a_bound_as_a_reader_does(results):
    """Chinese explanations name a fall (下降50.16%, not -50.16%) and a bound by its word (约3.22亿元),
    and the verdict is worded for the kind of check: a bound kept, a count equal, ranges overlapping."""
    zh = audit.audit_frame(list(results.values()), "zh").set_index("check")["explanation"]
    en = audit.audit_frame(list(results.values()), "en").set_index("check")["explanation"]
    fall = zh["hte_reported_decline_city"]
    assert "文中的下降50.16%代表下降50.1550–50.1650%" in fall and "-50.16" not in fall
    assert "要得到文中的下降55.25%" in zh["hte_reported_decline_province"]
    assert "不是减少1689" in zh["hte_reported_decline_province"]
    loans = zh["kedaitong_year_within_cumulative"]
    assert "文中的约3.22亿元" in loans and "未超过上述数额，与原文一致" in loans and "交集" not in loans
    assert "与重新计算的结果相同，与原文一致" in zh["new_rd_institutions_named"]
    assert "it does not exceed that amount, so the claim is consistent" in en["kedaitong_year_within_cumulative"]
    assert not any("交集" in t for t in zh)
    imp = audit.implied_frame(list(results.values()), "en")
    assert list(imp.columns) == audit.IMPLIED_COLUMNS
    assert imp.set_index("check").loc["city_gdp", "low"] == pytest.approx(5716.88)


# --- the verdicts come from the relations, not from the claims ----------------------------------

def test_verdict_follows_the_relation_not_the_claim(summary):
    rels = {r.check: r for r in relations.load_relations(dataset=summary.dataset)}
    reported = rels["hte_reported_share"]
    # the same claim (31.55% of reported) computed from the application counts is consistent
    swapped = replace(reported, inputs=rels["hte_applications_share"].inputs)
    assert audit.evaluate_relation(summary, swapped, {}).status == "consistent"


# --- constructed cases, and a summary that lacks figures ----------------------------------------

class Stub:
    """A Summary-like object holding hand-made figures (next year's document, say)."""

    def __init__(self, real: Summary, figures: list[Figure]):
        self.dataset, self.city, self.year = real.dataset, "nanchang", 2021
        self.regions = ["nanchang", "jiangxi", "china"]
        self.source = {"source": "nanchang_2021"}
        self._figs = figures

    def get(self, indicator, region=None, period=None, kind="actual"):
        for f in self._figs:
            if (f.indicator, f.region, f.period, f.kind) == (indicator, region or self.city, period, kind):
                return f
        return None

    def figures(self):
        return list(self._figs)

    def table(self, name):
        return pd.DataFrame()


def fig(indicator, region, value, quote, unit="count", qualifier="exact"):
    return Figure(indicator, region, 2021, "actual", value, unit, qualifier, quote, "", "", indicator,
                  "", "nanchang_2021")


SHARE = "hte_applications_share_of_province"


def _share_case(summary, part, whole, claim, part_q=None, whole_q=None, claim_q=None):
    figs = [fig(SHARE, "nanchang", claim, claim_q or f"{claim}%", "percent")]
    if part is not None:
        figs.append(fig("hte_applications", "nanchang", part, part_q or f"{part}家"))
    if whole is not None:
        figs.append(fig("hte_applications", "jiangxi", whole, whole_q or f"{whole}家"))
    rel = {r.check: r for r in relations.load_relations(dataset=summary.dataset)}["hte_applications_share"]
    return audit.evaluate_relation(Stub(summary, figs), rel, {})


def test_constructed_exact(summary):
    r = _share_case(summary, 1, 4, 25)
    assert (r.status, r.computed) == ("consistent", 25.0)


def test_constructed_rounding_edge(summary):
    assert _share_case(summary, 1, 3, 33.33).status == "consistent"    # 33.3333 in 33.325..33.335
    assert _share_case(summary, 1, 3, 33.34).status == "inconsistent"  # 33.3333 < 33.335


def test_constructed_clear_mismatch(summary):
    r = _share_case(summary, 455, 1452, 31.55)
    assert (r.status, r.computed) == ("inconsistent", 31.3361)


def test_constructed_missing_input(summary):
    r = _share_case(summary, 1689, None, 31.55)
    assert r.status == "unverifiable" and r.computed is None
    assert [i.label("en") for i in r.missing] == [
        "High-tech enterprise (HTE) applications (Jiangxi, 2021)"]


def test_a_claim_the_document_does_not_make_is_not_checked(summary):
    rel = {r.check: r for r in relations.load_relations(dataset=summary.dataset)}["hte_applications_share"]
    assert audit.evaluate_relation(Stub(summary, []), rel, {}) is None


def test_next_year_document_lacking_figures(summary):
    stub = Stub(summary, [fig("hte_applications", "nanchang", 1689, "1689家")])
    results = audit.evaluate(stub)
    checked = audit.checks(results)
    # only the word claims and lists quoted from this source remain, all still checkable
    assert all(r.relation.source == "nanchang_2021" for r in checked)
    gdp = {r.check: r for r in results}["city_gdp"]
    assert gdp.value is None and gdp.derived() is None
    assert audit.implied_frame(results)["value"].isna().sum() == len(audit.implied(results))


# --- the relations file is checked on load ------------------------------------------------------

def _edit(data_copy, line: int, column: str, value: str) -> None:
    path = data_copy / "relations.csv"
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    df.loc[line - 2, column] = value
    df.to_csv(path, index=False, lineterminator="\n")


@pytest.mark.parametrize("column,value,message", [
    ("formula", "average", "formula must be one of"),
    ("inputs", "hte_reported:jiangxi:2021:guess", "kind must be one of"),
    ("inputs", "hte_reported:jiangxi:last:actual", "period must be Y"),
    ("inputs", "no_such_indicator; hte_reported:jiangxi", "indicator not in catalog.csv"),
    ("inputs", "hte_reported:city:Y:actual", "takes 2 inputs; got 1"),
    ("inputs", "@city_gdp; hte_reported:jiangxi", "earlier line"),
    ("inputs", "rows:no_table; hte_reported:jiangxi", "unknown table"),
    ("unit", "count", "unit must match"),
    ("claim", "", "needs a claim figure or word bounds"),
])
def test_bad_relation_names_file_line_and_column(data_copy, column, value, message):
    _edit(data_copy, 3, column, value)
    with pytest.raises(DataError) as e:
        relations.load_relations(data_copy)
    assert e.value.line == 3 and e.value.column == column and message in str(e.value)
    assert "relations.csv" in str(e.value)


def test_word_claim_quote_must_be_in_the_source(data_copy):
    df = pd.read_csv(data_copy / "relations.csv", dtype=str, keep_default_na=False)
    line = int(df.index[df["check"] == "kedaitong_leverage"][0]) + 2
    _edit(data_copy, line, "claim_quote", "起到了十余倍的杠杆放大作用")
    with pytest.raises(DataError, match="not found verbatim") as e:
        relations.load_relations(data_copy)
    assert (e.value.line, e.value.column) == (line, "claim_quote")


def test_bounds_come_in_pairs(data_copy):
    df = pd.read_csv(data_copy / "relations.csv", dtype=str, keep_default_na=False)
    line = int(df.index[df["check"] == "kedaitong_leverage"][0]) + 2
    _edit(data_copy, line, "claim_high", "")
    with pytest.raises(DataError, match="both claim_low and claim_high") as e:
        relations.load_relations(data_copy)
    assert e.value.line == line


def test_duplicate_check_id(data_copy):
    _edit(data_copy, 3, "check", "hte_applications_share")
    with pytest.raises(DataError, match="duplicated key"):
        relations.load_relations(data_copy)


def test_list_items():
    assert relations.list_items("光电、航空、VR") == ["光电", "航空", "VR"]
    assert relations.list_items("甲公司和乙公司") == ["甲公司", "乙公司"]
    assert relations.parse_ref("rd_expenditure:city:Y-1").period == "Y-1"
    assert relations.parse_ref("rows:rd_institutions[status_group=stalled]").value == "stalled"


def test_relative_gaps_worked_by_hand(results):
    got = {r.check: g for r, g in audit.gaps(list(results.values()))}
    assert got["hte_pass_rate_city"] == pytest.approx((455 / 1689 * 100 - 30.55) / 30.55 * 100)  # -11.82
    assert got["hte_reported_decline_province"] == pytest.approx(2.674, abs=1e-3)  # (-53.7727+55.25)/55.25
    # a claim in words (翻番, 十余倍) is a band the report reads, not a printed value: no "gap"
    # (1.958 against 翻番 is inside 1.9..2.1, not "less than 0.1% apart")
    assert "hte_count_doubling" not in got and "kedaitong_leverage" not in got
    assert "new_rd_institutions_named" not in got and "kedaitong_year_within_cumulative" not in got


# --- several documents: totals published elsewhere make shares checkable -----------------------

def _with_row(dataset, **row):
    """The dataset with one more indicator row, from a made-up statistics document."""
    src = dataset.sources.iloc[[0]].assign(source="stats_x", city=row["region"], year=row["period"],
                                           kind="statistics_bulletin", title="Made-up statistics")
    new = dataset.indicators.iloc[[0]].assign(line=10_000, note="", qualifier="exact", kind="actual",
                                              source="stats_x", **row)
    return replace(dataset, sources=pd.concat([dataset.sources, src], ignore_index=True),
                   indicators=pd.concat([dataset.indicators, new], ignore_index=True))


def test_a_published_total_makes_the_share_checkable(summary):
    # 111.77 / 430.72 = 0.259496 -> 25.9496% against the printed 25.95: consistent
    ds = _with_row(summary.dataset, indicator="rd_expenditure", region="jiangxi", period=2020,
                   value=430.72, unit="cny_100m", quote="430.72亿元")
    res = {r.check: r for r in audit.evaluate(Summary(ds, "nanchang_2021"))}
    assert res["rd_expenditure_share"].status == "consistent"
    assert res["rd_expenditure_share"].computed == pytest.approx(25.9496, abs=1e-4)
    # the implied Jiangxi total (111.77 / 25.95% = 430.71, range 430.61..430.82) against 430.72
    pub = res["jiangxi_rd_expenditure_vs_published"]
    assert pub.status == "consistent" and pub.claim.value == 430.72


def test_an_implied_figure_far_from_the_published_one_is_inconsistent(summary):
    ds = _with_row(summary.dataset, indicator="rd_expenditure", region="jiangxi", period=2020,
                   value=500.0, unit="cny_100m", quote="500亿元")
    res = {r.check: r for r in audit.evaluate(Summary(ds, "nanchang_2021"))}
    assert res["jiangxi_rd_expenditure_vs_published"].status == "inconsistent"
    assert res["rd_expenditure_share"].status == "inconsistent"  # 111.77 / 500 = 22.35%, not 25.95%


def test_two_documents_printing_one_figure_are_compared(summary):
    ds = _with_row(summary.dataset, indicator="rd_expenditure", region="nanchang", period=2020,
                   value=111.8, unit="cny_100m", quote="111.8亿元")
    cross = [r for r in audit.evaluate(Summary(ds, "nanchang_2021")) if r.check.startswith("cross_document")]
    assert len(cross) == 1 and cross[0].status == "consistent"  # 111.77 lies in 111.75..111.85
    assert "111.77" in cross[0].quote or "111.77" in cross[0].explanation("en")
    ds = _with_row(summary.dataset, indicator="rd_expenditure", region="nanchang", period=2020,
                   value=112.5, unit="cny_100m", quote="112.5亿元")
    cross = [r for r in audit.evaluate(Summary(ds, "nanchang_2021")) if r.check.startswith("cross_document")]
    assert cross[0].status == "inconsistent" and "disagree" in cross[0].explanation("en")


# --- section 10's statements ----------------------------------------------------------------------

from helpers.calc.statements import Builder, StatementError  # noqa: E402
from helpers.present import audit_view, catalog  # noqa: E402
from helpers.sections import audit as section  # noqa: E402

UNOFFICIAL_ZH = ("记分卡", "文件数一致", "说法")


def test_the_section_states_the_checks_it_ran(full):
    res = section.analyse(full)
    by = {}
    for s in res.statements:
        by.setdefault(s.key, []).append(s)
    counts = by["check_result.audit.counts.other"][0]
    # 26 consistent + 3 inconsistent recomputed; 6 lack a provincial input (worked above). Of the
    # 26, 13 recompute no printed number: 9 counts of the names listed (institutions by status, 5;
    # roadshow projects, VR firms, universities, six industries), 2 ceilings kept (the year's loans
    # within the running total; national awards within the nominees) and 2 phrases read as a band
    # (高企数量三年翻番: 1.958 in 1.9..2.1; 十余倍: 17.77 in 10..20), not "within rounding"
    assert (counts["checked"], counts["consistent"], counts["inconsistent"], counts["other"]) == (29, 26, 3, 13)
    assert by["caveat.audit.missing"][0]["n"] == 6
    bad = by["check_result.audit.inconsistent"] + by["check_result.audit.inconsistent.change"]
    assert [s["label"].en for s in bad] == [results_label(full, c) for c in
                                            ("hte_reported_share", "hte_pass_rate_city", "hte_reported_decline_province")]
    pass_rate = by["check_result.audit.inconsistent"][1]
    assert pass_rate["printed"].value == 30.55 and pass_rate["computed"].value == pytest.approx(26.939, abs=1e-3)
    zh = catalog.render(by["check_result.audit.inconsistent.change"][0], "zh")
    assert "文件所载为下降55.25%" in zh and "计算为下降53.77%" in zh and "-55" not in zh
    en = catalog.render(pass_rate, "en")
    assert "do not agree" in en and "does not say which of them is wrong" in en and "wrong and" not in en
    assert by["implied.audit.count"][0]["n"] >= 1


def results_label(summary, check):
    return next(r for r in audit.evaluate(summary) if r.check == check).label("en")


def test_a_plan_only_year_states_nothing_about_checks():
    """2019 and 2020 hold only plans: no printed figure can be recomputed and no figure is implied,
    so the section states nothing (and is left out of the report); never "consistent" after 0 checks."""
    for year in (2019, 2020):
        res = section.analyse(Summary.select("nanchang", year, DATA_DIR))
        assert res.statements == []
        assert res.counts == {"consistent": 0, "inconsistent": 0, "unverifiable": 0}
        assert audit_view.verdict_chart(res.results, title="t") is None


def test_the_verdict_chart_needs_a_recomputed_number(results):
    # review 14 M19: a ceiling kept (近2.4亿元 within 超过12亿元) and a phrase's band are said in the
    # text; charted alone, "consistent 1" would read as a clean audit. With one recomputed share the
    # chart is drawn, its count axis in whole numbers.
    import matplotlib.pyplot as plt
    kept = [r for r in results.values() if not audit.recomputes(r)]
    assert {r.check for r in kept} >= {"kedaitong_year_within_cumulative", "hte_count_doubling"}
    assert audit_view.verdict_chart(kept, title="t") is None
    fig = audit_view.verdict_chart(kept + [results["hte_pass_rate_city"]], title="t")
    assert all(float(t).is_integer() for t in fig.axes[0].get_xticks())
    plt.close(fig)


def test_a_statement_about_the_checks_needs_checks(summary):
    b = Builder.for_summary(summary)
    with pytest.raises(StatementError):
        b.make("check_result", "check_result.audit.counts", checked=0, consistent=0, inconsistent=0)


def test_two_documents_disagreeing_are_stated_without_a_culprit(summary):
    ds = _with_row(summary.dataset, indicator="rd_expenditure", region="nanchang", period=2020,
                   value=112.5, unit="cny_100m", quote="112.5亿元")
    res = section.analyse(Summary(ds, "nanchang_2021"))
    st = [s for s in res.statements if s.key == "check_result.audit.cross_document"]
    assert len(st) == 1 and {f.source for f in st[0].figures} == {"nanchang_2021", "stats_x"}
    zh = catalog.render(st[0], "zh")
    assert "111.77亿元" in zh and "112.5亿元" in zh and "数据无法判定以哪一份为准" in zh


def test_chinese_words_an_official_writes(full):
    res = section.analyse(full)
    texts = [catalog.render(s, "zh") for s in res.statements]
    texts += list(audit_view.checks_table(res.results, "zh").columns)
    texts += [catalog.message(k, "zh") for k in catalog.messages("zh") if ".audit." in k]
    assert not [t for t in texts for w in UNOFFICIAL_ZH if w in t]


def test_the_audit_table_keeps_the_design_columns(full, tmp_path):
    paths = audit.write_outputs(section.analyse(full).results, tmp_path, "10", "zh")
    assert list(pd.read_csv(paths["audit"]).columns) == audit.AUDIT_COLUMNS
    # the implied figures as numbers are for programs, beside audit.csv; a reader's table of them
    # is the page's, whose cells keep the 约 and 近 of their inputs
    assert paths["implied"].parent == tmp_path and list(pd.read_csv(paths["implied"]).columns) == audit.IMPLIED_COLUMNS
    assert sorted(p.name for p in (tmp_path / "tables").iterdir()) == ["10_audit.csv"]
    cells = audit_view.implied_table(section.analyse(full).results, "zh").iloc[:, 1]
    assert any(c.startswith("近") for c in cells) and any(c.startswith("约") for c in cells)


def test_a_share_takes_figures_of_one_year(tmp_path):
    """2021 insurance cover over 2020 GDP is no share: relations.csv refuses a share, ratio, amount
    per unit or rate whose inputs are of different years (an implied figure counts as the year
    it stands for)."""

    from helpers.data.load import load_dataset
    from helpers.errors import DataError
    d = Path(shutil.copytree(DATA_DIR, tmp_path / "data"))
    path = d / "relations.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("tech_insurance_coverage:city:Y:actual; gdp:city:Y:actual",
                                 "tech_insurance_coverage:city:Y:actual; @city_gdp"), encoding="utf-8")
    with pytest.raises(DataError, match="formula share takes figures of one year; these are of Y, Y-1"):
        load_dataset(d)


def test_the_insurance_cover_is_set_against_the_gdp_of_its_year(full):
    # 1375.2亿 / 6650.53亿 (2021 GDP, printed in the 2021 GDP news) = 20.68%: still implausible
    r = {r.check: r for r in audit.evaluate(full)}["tech_insurance_coverage_share_of_gdp"]
    assert r.value == pytest.approx(20.68, abs=0.01) and r.status == "implausible"


def test_a_count_of_rows_the_documents_do_not_keep_is_unknown_not_zero():
    """A city whose documents name no institutions has no rows in rd_institutions.csv: the check
    of a printed total against the institutions named cannot be made (it is not 6 against 0)."""
    s = Summary.select("nanchang", 2021, DATA_DIR)
    real = s.table
    s.table = lambda name: pd.DataFrame() if name == "rd_institutions" else real(name)
    r = next(r for r in audit.evaluate(s) if r.check == "new_rd_institutions_named")
    assert r.status == "unverifiable" and r.value is None


def test_an_implied_figure_is_labelled_with_its_year_never_the_year_before(results):
    """'上年' read in a 2021 report meant 2019 for R&D (data lag a year) and 2020 for HTE reports: an
    implied figure's label names its year instead, in tables, explanations and key judgements."""
    assert results["rd_expenditure_prev"].label("zh") == "2019年南昌研发投入（推算）"
    assert results["hte_reported_prev_city"].label("zh") == "2020年南昌报备高企数（推算）"
    assert results["city_gdp"].label("en") == "Nanchang GDP (implied by R&D and intensity) (2020)"
    assert results["rd_expenditure_prev"].label("en") == "Nanchang R&D expenditure in 2019 (implied)"
    assert not any("上年" in r.label("zh") for r in results.values() if r.relation.role == "implied")
    # after a topic the year goes with the figure it dates: 科技保险：2021年户均保费补贴, never 2021年科技保险：…
    r = results["rd_expenditure_prev"]
    topic = replace(r, relation=replace(r.relation, label_zh="科技保险：户均保费补贴（推算）"))
    assert topic.label("zh") == "科技保险：2019年户均保费补贴（推算）"


@pytest.mark.parametrize("checked, consistent, other, key", [
    (29, 26, 11, "check_result.audit.counts.other"),          # Nanchang 2021: some do not agree
    (5, 5, 0, "check_result.audit.counts.all"),               # all agree: "all", never "0 do not"
    (5, 5, 2, "check_result.audit.counts.other.all"),
    (3, 3, 3, "check_result.audit.counts.other.only.all"),    # no "the rest" when none is recomputed
    (1, 1, 1, "check_result.audit.counts.one.consistent.other"),  # one check is said alone
    (1, 0, 0, "check_result.audit.counts.one.inconsistent"),
])
def test_the_tally_of_checks_is_worded_by_what_it_holds(checked, consistent, other, key):
    assert section.counts_key(checked, consistent, other) == key
    assert all(key in catalog.messages(lang) for lang in ("en", "zh"))


def test_a_gap_between_two_rates_is_given_in_points_too(summary):
    # review 18: 计算值低11.8% for the pass rate (26.94% recomputed against 30.55% printed) would be
    # repeated as 11.8 points; the bar gives the 3.61 points beside it, and a printed fall (-55.25%)
    # against the recomputed -53.77% says the fall is 1.48 points smaller; a multiple has no points
    import matplotlib.pyplot as plt

    from helpers.present import audit_view
    results = audit.evaluate(summary)
    for lang, want in (("zh", ["计算值低11.8%（即低3.61个百分点）", "计算的降幅小2.7%（即小1.48个百分点）"]),
                       ("en", ["-11.8% (-3.61 pp)", "fall smaller by 2.7% (1.48 pp)"])):
        fig = audit_view.gaps_chart(results, title="t", lang=lang)
        texts = [t.get_text() for t in fig.axes[0].texts]
        plt.close(fig)
        assert all(w in texts for w in want), texts
    assert audit_view.gap_label(5.0, "zh") == "计算值高5.0%"


def test_a_count_an_inconsistency_could_rest_on_is_a_whole_number_that_gives_the_printed_figure(results):
    # review 20: "455 is not right: the printed 31.55% needs about 458" is no possible reading, as
    # 458 / 1452 = 31.54% and 459 / 1452 = 31.61%; likewise 455 / 1489 = 30.56% for the pass rate.
    # Only a whole number inside the printed figure's range is offered (1442: 455 / 1442 = 31.55%;
    # 516: 516 / 1689 = 30.55%), and a negative change keeps its sign (-1793)
    share = " ".join(en for en, _ in audit._readings(results["hte_reported_share"]))
    rate = " ".join(en for en, _ in audit._readings(results["hte_pass_rate_city"]))
    fall = " ".join(en for en, _ in audit._readings(results["hte_reported_decline_province"]))
    assert "about 458" not in share and "about 1442" in share
    assert "about 1489" not in rate and "about 516" in rate
    assert "about 1368" in fall and "about -1793" in fall
    assert round(455 / 1442 * 100, 2) == 31.55 and round(516 / 1689 * 100, 2) == 30.55
