"""helpers.sections.hte against values worked out by hand from the 2021 Nanchang summary.

Hand arithmetic (document figures in brackets are printed):
  stock      2054 / 1049 = 1.9581 (翻番 claims 2); (2054 / 1049 - 1) × 100 = 95.81%;
             sqrt(1.9581) - 1 = 39.93% a year; 1950 - 2054 = -104; -104 / 2054 = -5.06% [-5%]
  funnel     455 / 1689 = 26.94% [30.55%]; 1452 / 5354 = 27.12% [27.12%]; 1689 × 30.55% = 516.0
  rest       5354 - 1689 = 3665; 1452 - 455 = 997; 997 / 3665 = 27.20%
  fall       455 + 458 = 913, -458 / 913 = -50.16% [-50.16%]; 1452 + 1689 = 3141,
             -1689 / 3141 = -53.77% [-55.25%]; 1452 / (1 - 0.5525) = 3244.69; 1452 - 3244.69 = -1792.69;
             rest: 3141 - 913 = 2228, 997 / 2228 - 1 = -55.25%
  tax audit  A: 0.70 × (1689 - 455) = 0.70 × 1234 = 863.8 ≈ 864; B: 0.70 × 1689 = 1182.3 ≈ 1182;
             1182.3 / 1234 = 95.81% of rejections
"""
from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from helpers.calc import audit, derive
from helpers.data.figures import Figure, Summary
from helpers.sections import hte


def fig(indicator, value, unit="count", region="nanchang", period=2021, kind="actual",
        qualifier="exact", quote=None):
    return Figure(indicator=indicator, region=region, period=period, kind=kind, value=value, unit=unit,
                  qualifier=qualifier, quote=quote or f"{abs(value):g}", note="", name_zh=indicator,
                  name_en=indicator, section="hte_decline", source="test")


# --- by hand, on constructed figures: the generic operations of helpers.calc.derive ------------------

def test_stock_growth_multiple_cagr():
    first, last = fig("hte_count", 1049, period=2018), fig("hte_count", 2054, period=2020)
    assert derive.change_pct(last, first).value == pytest.approx(95.81, abs=0.005)
    assert derive.ratio(last, first).value == pytest.approx(1.958, abs=0.0005)
    assert hte.cagr(first, last).value == pytest.approx(39.93, abs=0.005)
    assert hte.cagr(first, last).formula == "((2054 / 1049)^(1/2) - 1) × 100"  # the percent it annotates
    assert derive.ratio(last, first).value < 2                                  # not doubled (翻番)
    assert derive.ratio(fig("hte_count", 2098, period=2020), first).value >= 2  # doubled


def test_change_2021_and_agreement_with_printed_rate():
    est, prev = fig("hte_count", 1950, kind="estimate"), fig("hte_count", 2054, period=2020)
    assert derive.difference(est, prev).value == -104
    pct = derive.change_pct(est, prev)
    assert pct.value == pytest.approx(-5.06, abs=0.005)
    printed = fig("hte_count_growth", -5, unit="percent", kind="estimate", quote="同比去年下降5%")
    assert derive.agrees(pct, printed) is True          # -5.06 rounds to the printed -5
    assert derive.agrees(-5.6, printed) is False


def test_pass_rates_and_printed_rate():
    app, rep = fig("hte_applications", 1689), fig("hte_reported", 455)
    rate = derive.share_pct(rep, app)
    assert rate.value == pytest.approx(26.94, abs=0.005)
    printed = fig("hte_pass_rate", 30.55, unit="percent", quote="我市通过率为30.55%")
    assert hte.agrees(rate, printed) is False
    assert hte.count_implied_by_rate(app, printed).value == pytest.approx(516.0, abs=0.05)
    prov = derive.share_pct(fig("hte_reported", 1452, region="jiangxi"),
                            fig("hte_applications", 5354, region="jiangxi"))
    assert prov.value == pytest.approx(27.12, abs=0.005)
    assert hte.agrees(prov, fig("hte_pass_rate", 27.12, unit="percent", region="jiangxi",
                                quote="通过率仅为27.12%")) is True


def test_rest_of_province():
    ca, cr = fig("hte_applications", 1689), fig("hte_reported", 455)
    pa, pr = fig("hte_applications", 5354, region="jiangxi"), fig("hte_reported", 1452, region="jiangxi")
    assert derive.difference(pa, ca).value == 3665
    assert derive.difference(pr, cr).value == 997
    rest_rate = derive.share_pct(derive.difference(pr, cr), derive.difference(pa, ca))
    assert rest_rate.value == pytest.approx(27.20, abs=0.005)


def test_fall_in_reports():
    cr, cc = fig("hte_reported", 455), fig("hte_reported_change", -458)
    pr, pc = fig("hte_reported", 1452, region="jiangxi"), fig("hte_reported_change", -1689, region="jiangxi")
    prate = fig("hte_reported_change_rate", -55.25, unit="percent", region="jiangxi", quote="同比下降55.25%")
    assert derive.difference(cr, cc).value == 913
    assert derive.difference(cr, cc).formula == "455 - (-458)"
    # the rate a printed decrease implies: the audit's decline_count formula
    assert derive.compute("decline_count", cr, cc, unit="percent").value == pytest.approx(-50.16, abs=0.005)
    assert derive.difference(pr, pc).value == 3141
    r = derive.compute("decline_count", pr, pc, unit="percent")
    assert r.value == pytest.approx(-53.77, abs=0.005)
    assert r.formula == "-1689 / (1452 - (-1689)) × 100"
    assert hte.agrees(r, prate) is False
    prev = derive.previous_level(pr, prate)
    assert prev.value == pytest.approx(3244.69, abs=0.005)
    assert derive.difference(pr, prev).value == pytest.approx(-1792.69, abs=0.005)
    rest = derive.change_pct(derive.difference(pr, cr),
                             derive.difference(derive.difference(pr, pc), derive.difference(cr, cc)))
    assert rest.value == pytest.approx(-55.25, abs=0.005)
    assert hte.agrees(rest, prate) is True


def test_tax_audit_range():
    share = fig("hte_rejected_rd_expense_share", 70, unit="percent", qualifier="approx", quote="约70%")
    app, rep = fig("hte_applications", 1689), fig("hte_reported", 455)
    a = hte.rd_expense_failures(share, app, rep, "rejected")
    b = hte.rd_expense_failures(share, app, rep, "all")
    assert a.value == pytest.approx(863.8) and hte.round_half_up(a.value) == 864
    assert b.value == pytest.approx(1182.3) and hte.round_half_up(b.value) == 1182
    assert a.formula == "约70% × (1689 - 455)" and b.formula == "约70% × 1689"
    assert hte.share_of_rejections(b, app, rep).value == pytest.approx(95.81, abs=0.005)
    assert hte.share_of_rejections(a, app, rep).value == pytest.approx(70.0)
    with pytest.raises(ValueError):
        hte.rd_expense_failures(share, app, rep, "some")


def test_round_half_up():
    assert [hte.round_half_up(x) for x in (863.8, 1182.3, 0.5, 2.5)] == [864, 1182, 1, 3]


# --- a year that lacks figures: None, never a crash -----------------------------------------------

def test_missing_inputs_give_none():
    f = fig("hte_count", 2054, period=2020)
    assert derive.change_pct(None, f) is None and derive.ratio(f, None) is None and hte.cagr(None, None) is None
    assert derive.difference(None, f) is None
    assert derive.share_pct(None, f) is None and derive.difference(f, None) is None
    assert derive.share_pct(derive.difference(f, f), None) is None
    assert derive.compute("decline_count", f, None, unit="percent") is None
    assert derive.previous_level(f, None) is None and derive.difference(None, None) is None
    assert derive.change_pct(derive.difference(f, None), f) is None
    assert hte.rd_expense_failures(None, f, f) is None
    assert hte.rd_expense_failures(f, f, None, "rejected") is None
    assert hte.rd_expense_failures(f, fig("hte_applications", 1689), None, "all").value == pytest.approx(
        2054 / 100 * 1689)
    assert hte.share_of_rejections(None, f, f) is None
    assert hte.agrees(None, f) is None and hte.agrees(1.0, None) is None
    assert hte.count_implied_by_rate(None, f) is None


def _without(summary, *indicators):
    """The summary as a next-year document lacking some figures would give it."""
    stub = Summary(summary.dataset, summary.source["source"])
    stub.rows = stub.rows[~stub.rows["indicator"].isin(indicators)].reset_index(drop=True)
    return stub


def test_analyse_a_summary_lacking_figures(summary):
    res = hte.analyse(_without(summary, "hte_applications", "hte_reported_change"))
    for name in ("c_rate", "p_rate", "r_app", "r_rate", "rate_gap", "c_prev", "p_prev", "c_rt", "p_rt",
                 "r_prev", "r_rt", "rejected", "fail_a", "fail_b", "of_rej_b", "reports_fit"):
        assert res[name] is None, name
    for flag in ("c_rate_agrees", "p_rate_agrees", "c_rt_agrees", "decrease_equals_city_applications"):
        assert res.flags[flag] is None, flag
    assert res["growth"].value == pytest.approx(95.81, abs=0.005)          # the stock is still there
    assert res["p_prev_r"].value == pytest.approx(3244.69, abs=0.005)


class Stub:
    """A Summary-like getter for a next-year document that prints only a 2022 count."""
    def __init__(self, figures):
        self.figures = {(f.indicator, f.region, f.period, f.kind): f for f in figures}

    def get(self, indicator, region=None, period=None, kind="actual"):
        return self.figures.get((indicator, region, period, kind))


def test_stock_points_on_a_thin_stub():
    stub = Stub([fig("hte_count", 2100, period=2022)])
    pts = hte.stock_points(stub.get, "nanchang", 2022)
    assert [(p.period, p.kind, p.value) for p in pts] == [(2022, "actual", 2100)]
    assert hte.first_last_actual(pts) == (None, None)
    assert hte.stock_points(Stub([]).get, "nanchang", 2022) == []


def test_a_target_is_never_a_level_of_the_stock():
    """A plan's target for its own year (总数突破1200家) is not the year's count: the stock points
    take actuals and estimates up to the year, a target only after it."""
    stub = Stub([fig("hte_count", 1200, period=2019, kind="target", qualifier="at_least"),
                 fig("hte_count", 1400, period=2020, kind="target")])
    assert [(p.period, p.kind) for p in hte.stock_points(stub.get, "nanchang", 2019)] == [(2020, "target")]
    assert hte.stock_points(stub.get, "nanchang", 2020) == []


# --- the real data ----------------------------------------------------------------------------------

def test_real_stock_points(summary):
    pts = hte.stock_points(summary.get, "nanchang", 2021)
    assert [(p.period, p.kind, p.value) for p in pts] == [
        (2018, "actual", 1049), (2020, "actual", 2054), (2021, "estimate", 1950), (2022, "target", 2000)]
    first, last = hte.first_last_actual(pts)
    assert (first.value, last.value) == (1049, 2054)


@pytest.fixture(scope="module")
def res(summary):
    return hte.analyse(summary)


def test_real_stock(res):
    assert res["growth"].value == pytest.approx(95.81, abs=0.005)          # (2054 / 1049 - 1) × 100
    assert res["mult"].value == pytest.approx(1.958, abs=0.0005)            # 2054 / 1049
    assert res["cagr"].value == pytest.approx(39.93, abs=0.005)
    assert res.flags["doubled"] is False
    assert res["chg"].value == -104 and res["chg_pct"].value == pytest.approx(-5.06, abs=0.005)
    assert res.flags["chg_agrees"] is True                                   # printed -5%
    assert res["gap"].value == 50 and res["gap_pct"].value == pytest.approx(2.56, abs=0.005)
    assert [(p.period, p.kind, p.value) for p in res.points] == [
        (2018, "actual", 1049), (2020, "actual", 2054), (2021, "estimate", 1950), (2022, "target", 2000)]
    assert res.province == "jiangxi"


def test_real_funnel_and_fall(summary, res):
    g = summary.get
    ca = g("hte_applications", "nanchang", 2021)
    assert round(res["c_rate"].value, 2) == 26.94
    assert res["c_rate"].formula == "455 / 1689 × 100"
    assert round(res["p_rate"].value, 2) == 27.12
    assert res.flags["c_rate_agrees"] is False and res.flags["p_rate_agrees"] is True
    assert res["reports_fit"].value == pytest.approx(516.0, abs=0.05)      # 1689 × 30.55%
    assert (res["r_app"].value, res["r_rep"].value) == (3665, 997)
    assert round(res["r_rate"].value, 2) == 27.20
    assert res["c_prev"].value == 913 and res["c_rt"].value == pytest.approx(-50.16, abs=0.005)
    assert res.flags["c_rt_agrees"] is True
    assert res["p_prev"].value == 3141 and res["p_rt"].value == pytest.approx(-53.77, abs=0.005)
    assert res.flags["p_rt_agrees"] is False                                 # printed -55.25%
    pc = g("hte_reported_change", "jiangxi", 2021)
    assert pc.value == -ca.value  # the province's printed decrease equals the city's applications
    assert res.flags["decrease_equals_city_applications"] is True
    assert round(res["p_prev_r"].value) == 3245
    assert res["p_chg_r"].value == pytest.approx(-1792.69, abs=0.005)
    assert res["r_prev"].value == 2228 and res["r_rt"].value == pytest.approx(-55.25, abs=0.005)
    assert res.flags["rest_fits_province_rate"] is True


def test_real_figures_from_the_audit(summary, res):
    implied = audit.implied_figures(summary)
    assert res["c_rate"].value == implied["hte_pass_rate_city"].value
    assert implied["hte_reported_prev_province"].value == 3141
    assert implied["hte_reported_decline_province"].value == pytest.approx(-53.77, abs=0.005)
    assert implied["hte_count_doubling"].value == pytest.approx(1.958, abs=0.0005)


def test_real_tax_audit(res):
    assert res["rejected"].value == 1234                                     # 1689 - 455
    assert res["fail_a"].value == pytest.approx(863.8) and res["fail_b"].value == pytest.approx(1182.3)
    assert res["of_rej_b"].value == pytest.approx(95.81, abs=0.005)


# --- the statements: what the section says, and what it cannot be made to say ------------------------


from helpers.calc.statements import Builder, StatementError  # noqa: E402
from helpers.present import catalog, hte_view  # noqa: E402


def said(res, topic=None):
    return [s for s in res.statements if topic is None or s.topic == topic]


def keys(res, topic=None):
    return [s.key for s in said(res, topic)]


def one(res, key):
    hits = [s for s in res.statements if s.key == key]
    assert len(hits) == 1, (key, keys(res))
    return hits[0]


def test_stock_statements_2021(res):
    assert keys(res, "stock") == [
        "change.hte.stock_growth", "check_result.hte.claim.consistent", "level.hte.stock.estimate",
        "change.hte.stock_change", "change.hte.first_fall", "check_result.hte.stock_change.consistent",
        "target_ambition.level", "target_ambition.actual"]
    level = one(res, "level.hte.stock.estimate")
    assert (level["x"].value, level["x"].kind, level.strength) == (1950, "estimate", "printed")
    chg = one(res, "change.hte.stock_change")  # the rate as printed (下降5%), which 1950 / 2054 - 1 = -5.06% bears out
    assert (chg["change"].value, chg["pct"].value, chg.strength) == (-104, -5, "implied")
    assert chg["pct"].quote == "同比去年下降5%" or "下降5%" in chg["pct"].quote
    first = one(res, "change.hte.first_fall")
    assert first.absolute == "first" and "首次" in first["quote"]
    claim = one(res, "check_result.hte.claim.consistent")   # 2054 / 1049 = 1.958, within 1.9-2.1
    assert claim["claim"] == "实现了三年翻番" and claim["value"].value == pytest.approx(1.958, abs=0.0005)
    # the 2022 target is a floor (超过2000家): a gap from it to the 2020 actual is a bound too (at most
    # 54 below; the outcome it asks for may be above that level), never an exact 54 nor a fall (减少)
    against_actual = one(res, "target_ambition.actual")
    assert (against_actual["gap"].value, against_actual["gap"].qualifier) == (-54, "at_least")
    assert "the target is at most 54 below (the target is a floor: the outcome may be above that level)" \
        in catalog.render(against_actual, "en")
    assert catalog.render(against_actual, "zh").startswith(
        "与2020年实际值2054家相比，目标少54家以内（目标为下限，实际可高于该水平）")


def test_review_statements_2021(res):
    rates = [s for s in said(res, "review") if s.key == "rate.hte.pass"]
    assert [round(s["rate"].value, 2) for s in rates] == [26.94, 27.12]            # 455/1689, 1452/5354
    rest = one(res, "rate.hte.pass.rest")
    assert (rest["denominator"].value, rest["numerator"].value, round(rest["rate"].value, 2)) == (3665, 997, 27.20)
    wrong = one(res, "check_result.hte.pass_rate.inconsistent")                      # printed 30.55%
    assert wrong["printed"].value == 30.55 and round(wrong["fit"].value) == 516     # 1689 × 30.55%
    text = catalog.render(wrong, "en")
    assert "disagree" in text and "does not say which is wrong" in text
    side = one(res, "comparison.hte.pass_rate.disputed")      # below on the counts, above on the printed rate
    assert side["side"].key == "below" and side["side_printed"].key == "above"
    assert round(side["gap"].value, 2) == -0.26


def test_reports_statements_2021(res):
    assert keys(res, "reports") == [
        "change.hte.reports", "check_result.hte.reports_rate.consistent", "change.hte.reports",
        "check_result.hte.reports_rate.inconsistent", "check_result.hte.same_number",
        "implied.hte.prev_from_rate", "change.hte.reports.rest", "check_result.hte.rest_fits"]
    city = said(res, "reports")[0]
    assert (city["prev"].value, round(city["rate"].value, 2)) == (913, -50.16)      # 455 + 458; -458 / 913
    zh = catalog.render(city, "zh")
    assert "减少458家" in zh and "下降50.16%" in zh and "-50.16" not in zh


def test_rules_are_the_provinces_and_stated_whole(res):
    rules = one(res, "list.hte.review_rules.higher")
    assert len(rules["items"]) == rules["whole"] == 3 and rules["setter"].id == "jiangxi"
    en, zh = catalog.render(rules, "en"), catalog.render(rules, "zh")
    # the document says the changes are the province's (我省高企政策出现了新的变化), not who set every
    # rule of the review: the report attributes the changes, as the document does (review 14 M11)
    assert "the changes below are Jiangxi's, not Nanchang's own" in en and "以下调整属江西政策的变化，并非南昌自行作出" in zh
    assert "rules are set by" not in en and "评审规则属" not in zh
    assert zh.index("审查程序") < zh.index("财务要求") < zh.index("核查力度")


def test_every_cause_in_the_documents_order(res):
    causes = one(res, "list.hte.causes.wider")
    assert [i.zh for i in causes["items"].items] == [
        "税务部门和科技部门对新变化上政策的理解不一致", "部分企业特别是中小型企业思想认识不高",
        "部分企业财务管理不够规范", "基层管理部门对高企服务不够到位"]  # its subject kept (review 14 M10)
    assert causes["region"].id == "jiangxi" and causes.strength == "printed"


def test_the_rd_expense_finding_is_an_upper_bound(res):
    """约70% of a list whose length the document does not print. Read at the top of what 约70%
    allows (73.5%, the audit's rule), even the whole list of 1689 gives 1241 firms, more than the
    1689 - 455 = 1234 not passed to MOST: the figures set no limit, and no ceiling is stated (the
    old 'at most about 1,182 / 96%' came from the middle of the range). 70% × (1689 - 455) = 863.8
    only under an assumption the document does not make."""
    assert not [s for s in res.statements if s.key == "bound.hte.rd_expense_upper"]
    none = one(res, "caveat.hte.rd_expense_no_limit")
    assert none["rejected"].value == 1234 and "1,234" in catalog.render(none, "en")
    assert "现有数据无法据此限定" in catalog.render(none, "zh")
    lower = one(res, "scenario.hte.rd_expense_rejected")
    assert lower.strength == "assumption" and lower["value"].value == pytest.approx(863.8)
    # both readings, as the prose gives both: the whole list sets no limit, the assumed one about 860
    table = hte_view.cause_table(res, "zh")
    assert table.shape[0] == 2 and table.iloc[0, -1] == "—（现有数据无法据此限定）" and table.iloc[1, -1] == "约860家"


def test_a_share_whose_range_stays_below_all_rejections_is_a_ceiling(res):
    """约50% instead: its top, 52.5% × 1689 = 886.7, stays below the 1234 rejected, so 50% × 1689 =
    844.5 is stated as a ceiling, 'at most about 845'."""
    share = replace(res.printed["rd_share"], value=50.0, quote="约50%")
    upper = hte.ceiling(hte.rd_expense_failures(share, res.printed["c_app"], res.printed["c_rep"], "all"),
                        share, res.derived["rejected"])
    assert (upper.value, upper.qualifier) == (pytest.approx(844.5), "at_most")
    assert hte.ceiling(res.derived["fail_b"], res.printed["rd_share"], res.derived["rejected"]) is None


def test_plan_measures_and_parameters_from_the_documents_rows(res):
    measures = one(res, "list.hte.plan_measures")
    assert len(measures["items"]) == 8 and measures["year"] == "2022"
    at = {s["x"].indicator: s["n"] for s in said(res, "plan") if s.key == "policy.hte.parameter.in_measure"}
    assert at == {"led_rd_subsidy_rate": 4, "ei_rd_bonus_threshold": 5, "ei_rd_bonus_multiple": 5,
                  "rd_institution_subsidy_cap": 6, "rd_coverage_revenue_threshold": 8}
    cap = next(s for s in said(res, "plan") if s.get("x") is not None and s["x"].indicator == "rd_institution_subsidy_cap")
    assert "at most CNY 20" in catalog.render(cap, "en") and "不超过2000万元" in catalog.render(cap, "zh")
    assert one(res, "target_set.hte.in_measure")["n"] == 7                             # 20家以上市级研发平台
    assert not any("R&D money" in catalog.render(s, "en") for s in res.statements)


def test_every_statement_renders_in_both_languages(res):
    for s in res.statements:
        en, zh = catalog.render(s, "en"), catalog.render(s, "zh")
        assert "not reported" not in en and "未报告" not in zh, s.key
        assert not re.search(r"(?:下降|减少|增长|增加|变化)\s*-\d", zh), zh
        assert "我市" not in zh.replace("我市推荐", "")


# --- the rules the section relies on: the wrong statement cannot be built ----------------------------

def test_a_target_cannot_be_stated_as_a_level(summary):
    b = Builder.for_summary(summary)
    with pytest.raises(StatementError):
        b.say("level", "level.hte.stock.actual", x=summary.get("hte_count", None, 2022, "target"))


def test_first_needs_a_quote_that_says_so(summary, res):
    b = Builder.for_summary(summary)
    est, last = res.printed["est"], res.printed["last"]
    with pytest.raises(StatementError):                      # the change alone does not say "first"
        b.say("change", "change.hte.first_fall", absolute="first", evidence=res.printed["printed_chg"],
              new=est, old=last, quote="同比去年下降5%")
    assert b.say("change", "change.hte.first_fall", absolute="first", evidence="高新技术企业数量首次出现负增长",
                 new=est, old=last, quote="高新技术企业数量首次出现负增长") is not None


def test_first_from_a_series_only_without_gaps():
    rising = [hte.Point(y, "actual", fig("hte_count", v, period=y)) for y, v in ((2018, 10), (2019, 12), (2020, 11))]
    assert hte.first_fall_in_series(rising).holds
    gap = [rising[0], rising[2]]                                            # 2019 missing: no evidence
    assert hte.first_fall_in_series(gap) is None
    earlier_fall = [hte.Point(2017, "actual", fig("hte_count", 13, period=2017)), *rising]
    assert hte.first_fall_in_series(earlier_fall) is None


def test_a_rate_needs_linked_figures(summary, res):
    """Reported over applications is a rate (relations.csv links them), also for the rest of the
    province; the change in reports over applications is not."""
    b = Builder.for_summary(summary)
    assert b.say("rate", "rate.hte.pass.rest", numerator=res["r_rep"], denominator=res["r_app"],
                 rate=res["r_rate"], city=None) is None                        # a missing slot: no statement
    with pytest.raises(StatementError):
        b.say("rate", "rate.hte.pass", numerator=summary.get("hte_reported_change"),
              denominator=summary.get("hte_applications"), rate=res["c_rate"])
    mixed = hte.rest_of(summary.get("hte_reported", "jiangxi"), summary.get("hte_applications"))
    assert mixed.label == "rest"                                           # two measures: not linked
    with pytest.raises(StatementError):
        b.say("rate", "rate.hte.pass", numerator=mixed, denominator=res["r_app"], rate=res["r_rate"])


def test_a_list_is_stated_whole(res):
    causes = one(res, "list.hte.causes.wider")["items"]
    with pytest.raises(StatementError):
        Builder().say("list", "list.hte.causes.wider", items=replace(causes, items=causes.items[:1]), whole=4)


# --- other selections: plan-only years, a document without the rows --------------------------------

def test_plan_only_years_state_only_their_targets(dataset):
    for year, value in ((2019, 1200), (2020, 1700)):
        res = hte.analyse(Summary.select("nanchang", year))
        assert res.printed["est"] is None and res.printed["first"] is None
        # the last level known now (2018: 1,049, from the 2021 summary) is labelled as later
        [st] = res.statements
        key = "target_ambition.level" + (".span" if year - 2018 > 1 else "")  # 2020 against 2018: two years
        assert (st.key, st["target"].value, st["baseline"].value, st["baseline"].period) == (key, value, 1049, 2018)
        assert st.later and st.later[0][1] == "2022-08"
        assert hte.stock_points(Summary.select("nanchang", year).get, "nanchang", year)[:1] == []


def test_a_document_without_rows_states_nothing_about_them(summary):
    """No lists, no rules: no causes, no plan measures, no rule changes; the plan's parameters are
    still what it sets, without a measure to place them in."""
    ds = summary.dataset
    bare = replace(ds, tables={k: v for k, v in ds.tables.items() if k not in ("lists", "hte_review_rules")})
    res = hte.analyse(Summary(bare, "nanchang_2021"))
    assert not said(res, "rules") and not [k for k in keys(res, "causes") if k.startswith("list.")]
    assert keys(res, "plan") == ["policy.hte.parameter"] * 5


JIUJIANG = """九江市科技局2022年工作总结
全市高新技术企业数量达到800家,比2021年的760家有所增加。全市申报高新技术企业300家,向科技部报备150家。
由于企业研发投入不足、申报材料不规范等原因,部分企业未能通过评审。
2023年工作思路:力争高新技术企业超过900家。实施高企倍增计划,对企业新建研发机构给予每年不超过500万元的补贴。
"""
JIUJIANG_ROWS = [
    ("hte_count", 2022, "actual", 800, "count", "exact", "全市高新技术企业数量达到800家"),
    ("hte_count", 2021, "actual", 760, "count", "exact", "比2021年的760家"),
    ("hte_applications", 2022, "actual", 300, "count", "exact", "全市申报高新技术企业300家"),
    ("hte_reported", 2022, "actual", 150, "count", "exact", "向科技部报备150家"),
    ("hte_count", 2023, "target", 900, "count", "at_least", "力争高新技术企业超过900家"),
    ("rd_institution_subsidy_cap", 2023, "policy", 500, "cny_10k", "at_most", "给予每年不超过500万元的补贴"),
]
JIUJIANG_LISTS = """hte_decline_causes,1,企业研发投入不足,Firms invest too little in R&D,jiujiang,2022,jiujiang_2022,企业研发投入不足
hte_decline_causes,2,申报材料不规范,Applications are not in order,jiujiang,2022,jiujiang_2022,申报材料不规范
plan_measures_firms,1,实施高企倍增计划,Carry out the plan to double high-tech enterprises,jiujiang,2023,jiujiang_2022,实施高企倍增计划
plan_measures_firms,2,对企业新建研发机构给予每年补贴,A yearly subsidy for new R&D institutions of firms,jiujiang,2023,jiujiang_2022,对企业新建研发机构给予每年不超过500万元的补贴
"""


def test_a_second_city_is_stated_from_its_own_rows(tmp_path):
    """A made-up document of another city: its own levels, rate, causes, measures and parameters,
    and no word of Nanchang's document."""
    import shutil

    from helpers.data.paths import DATA_DIR
    from testkit import add_document
    d = Path(shutil.copytree(DATA_DIR, tmp_path / "data"))
    add_document(d, "jiujiang_2022", "九江市科技局2022年工作总结", "九江市科学技术局", "jiujiang", 2022, JIUJIANG,
                 JIUJIANG_ROWS, [("2021年的760家", "the previous level, kept as a row"),
                                 ("2023年", "the plan's year"), ("2022年", "the document's year")])
    with open(d / "lists.csv", "a", encoding="utf-8") as fh:
        fh.write(JIUJIANG_LISTS)
    res = hte.analyse(Summary.select("jiujiang", 2022, d))
    assert keys(res, "plan") == ["list.hte.plan_measures", "policy.hte.parameter.in_measure"]
    assert one(res, "policy.hte.parameter.in_measure")["n"] == 2
    assert one(res, "list.hte.causes.city")["items"].items[0].zh == "企业研发投入不足"
    assert round(one(res, "rate.hte.pass")["rate"].value, 2) == 50.0
    assert "change.hte.first_fall" not in keys(res)
    for s in res.statements:
        for lang, words in (("en", ("Nanchang", "Jiangxi's new policy", "first fall")), ("zh", ("南昌", "首次"))):
            text = catalog.render(s, lang, d)
            assert not any(w in text for w in words), text


def test_a_list_the_document_ends_with_deng_is_said_to_have_others(res):
    """…基层管理部门对高企服务不够到位等原因: four causes named, and the document says there are others."""
    causes = one(res, "list.hte.causes.wider")
    assert causes["items"].open and len(causes["items"]) == 4
    assert catalog.render(causes, "zh").endswith("不够到位等。")
    assert catalog.render(causes, "en").endswith("well enough, among others.")


def test_the_stock_charts_bound_is_written_as_the_page_writes_it(res):
    # the 2022 target 超过2000家: 超过2000 on a Chinese chart (zh_style: no >, ≥ symbols), >2,000 in English
    import matplotlib.pyplot as plt
    for lang, want in (("zh", "超过2000"), ("en", ">2,000")):
        fig = hte_view.stock_chart(res, lang, "t")
        texts = [t.get_text() for t in fig.axes[0].texts]
        plt.close(fig)
        assert any(t.startswith(want) for t in texts), texts
        assert lang == "en" or not any(c in t for t in texts for c in "><≥≤~")


def test_the_stock_chart_draws_each_kind_as_the_trends_do(res):
    # one report, one look: the estimate (1950, 2021) and the target (超过2000, 2022) are drawn with
    # the marker, fill and colour of the trends section's chart of the same series
    import matplotlib.pyplot as plt
    from matplotlib.colors import to_hex

    from helpers.present import plots
    fig = hte_view.stock_chart(res, "en", "t")
    lines = {ln.get_label(): ln for ln in fig.axes[0].lines}
    plt.close(fig)
    for kind in ("estimate", "target"):
        ln, style = lines[kind], plots.TREND_STYLE[kind]
        assert (ln.get_marker(), ln.get_fillstyle(), to_hex(ln.get_color())) == (
            style["marker"], style["fillstyle"], to_hex(style["color"])), kind
    assert list(lines["estimate"].get_xdata()) == [2021] and list(lines["target"].get_xdata()) == [2022]
