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
    assert hte.cagr(first, last).formula == "(2054 / 1049)^(1/2) - 1"
    assert derive.ratio(last, first).value < 2                                  # not doubled (翻番)
    assert derive.ratio(fig("hte_count", 2098, period=2020), first).value >= 2  # doubled


def test_change_2021_and_agreement_with_printed_rate():
    est, prev = fig("hte_count", 1950, kind="estimate"), fig("hte_count", 2054, period=2020)
    assert derive.difference(est, prev).value == -104
    pct = derive.change_pct(est, prev)
    assert pct.value == pytest.approx(-5.06, abs=0.005)
    printed = fig("hte_count_growth", -5, unit="percent", kind="estimate", quote="同比去年下降5%")
    assert hte.agrees(pct, printed) is True          # -5.06 rounds to the printed -5
    assert hte.agrees(-5.6, printed) is False


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
    assert a.formula == "70% × (1689 - 455)" and b.formula == "70% × 1689"
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


def test_plan_quotes_missing_text():
    assert hte.plan_quotes(None) == {k: None for k in hte.PLAN_PHRASES}
    assert hte.plan_quotes("nothing here", ["ladder"]) == {"ladder": None}


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


def test_real_plan_quotes(summary):
    quotes = hte.plan_quotes(summary.dataset.texts[summary.source["source"]])
    assert all(quotes.values())
