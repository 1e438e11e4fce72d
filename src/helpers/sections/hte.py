"""The fall in high-tech enterprises (高新技术企业, HTE): the stock, the 2021 review funnel, the fall
in new reports, the rest of the province, and the tax-audit cause turned into firm counts.

Every function takes `Figure`s (or None, when a summary does not report one) and returns a
`Derived` with its formula, or None when an input is missing, so a notebook never crashes on a
year that lacks a figure. `get` arguments are callables with the signature of `nb.fig` /
`Summary.get`: get(indicator, region, period, kind) -> Figure | None.
"""
from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from helpers.calc import audit, targets
from helpers.calc.derive import (
    Derived,
    change_pct,
    derivation,
    difference,
    previous_level,
    ratio,
    share_pct,
)
from helpers.calc.result import SectionResult, key_row

Getter = Callable[..., object]

# The order in which a period's HTE count is looked for: a printed actual beats an estimate.
KINDS = ("actual", "estimate", "target")


# --- agreement with a printed figure --------------------------------------------------------------

def agrees(computed: float | None, printed) -> bool | None:
    """Does a computed value round to the printed figure at the precision it is printed with?

    26.94 vs printed 30.55 -> False; -5.06 vs printed -5 (no decimals) -> True. The tolerance is
    half a unit of the last printed digit; approximate figures (约) get one whole unit.
    None when either side is missing.
    """
    if computed is None or printed is None:
        return None
    value = computed.value if isinstance(computed, Derived) else float(computed)
    step = 10 ** (-printed.decimals)
    tol = step if printed.qualifier == "approx" else step / 2
    return abs(value - printed.value) <= tol + 1e-9


# --- the stock of certified firms -----------------------------------------------------------------

@dataclass(frozen=True)
class Point:
    period: int
    kind: str
    figure: object  # Figure

    @property
    def value(self) -> float:
        return self.figure.value


def stock_points(get: Getter, city: str, year: int, back: int = 3) -> list[Point]:
    """The HTE count the summary gives for each period from year-back to year+1, one per period:
    the actual if printed, else the estimate, else the target (2018, 2020, 2021 est., 2022 target)."""
    points = []
    for period in range(year - back, year + 2):
        kinds = ("target",) if period > year else KINDS
        for kind in kinds:
            f = get("hte_count", city, period, kind)
            if f is not None:
                points.append(Point(period, kind, f))
                break
    return points


def first_last_actual(points: Sequence[Point]):
    """The earliest and latest printed actual counts (2018 and 2020), or (None, None)."""
    actual = [p for p in points if p.kind == "actual"]
    if len(actual) < 2:
        return None, None
    return actual[0].figure, actual[-1].figure




@derivation
def cagr(first, last) -> Derived | None:
    """Compound annual growth: (2054 / 1049)^(1 / 2) - 1 = 39.93% a year over 2018-2020."""
    if last.period <= first.period or first.value <= 0:
        return None
    years = last.period - first.period
    value = ((last.value / first.value) ** (1 / years) - 1) * 100
    return Derived(value, "percent", f"({last.value:g} / {first.value:g})^(1/{years}) - 1",
                   (first, last), "cagr")





# --- the 2021 review funnel -----------------------------------------------------------------------


@derivation
def count_implied_by_rate(applications, printed_rate) -> Derived | None:
    """Reports a printed pass rate implies: 1689 × 30.55% = 516.0 (the document says 455)."""
    return Derived(applications.value * printed_rate.value / 100, "count",
                   f"{applications.value:g} × {printed_rate.value:g}%", (applications, printed_rate),
                   "reports_implied_by_rate")




# --- the fall in new reports ----------------------------------------------------------------------






# --- the tax-audit cause --------------------------------------------------------------------------

BASES = ("rejected", "all")


def rd_expense_failures(share, applications, reported, base: str = "rejected") -> Derived | None:
    """Firms that failed the tax review on R&D expenses, under an assumption about the base of ~70%.

    base="rejected" (assumption A): 70% × (1689 - 455) = 863.8 — the base is every rejected applicant.
    base="all" (assumption B): 70% × 1689 = 1182.3 — the base is the whole list sent to the tax
    bureau, taken as all applications (an upper bound: the real list was at most that long).
    """
    if base not in BASES:
        raise ValueError(f"base must be one of {', '.join(BASES)}; got {base!r}")
    if share is None or applications is None or (base == "rejected" and reported is None):
        return None
    if base == "rejected":
        return Derived(share.value / 100 * (applications.value - reported.value), "count",
                       f"{share.value:g}% × ({applications.value:g} - {reported.value:g})",
                       (share, applications, reported), "rd_failures_rejected")
    return Derived(share.value / 100 * applications.value, "count",
                   f"{share.value:g}% × {applications.value:g}", (share, applications),
                   "rd_failures_all")


@derivation
def share_of_rejections(failures: Derived | None, applications, reported) -> Derived | None:
    """What share of all rejections a failure count is: 1182.3 / (1689 - 455) = 95.81%."""
    rejected = applications.value - reported.value
    if rejected <= 0:
        return None
    return Derived(failures.value / rejected * 100, "percent",
                   f"{failures.value:.1f} / ({applications.value:g} - {reported.value:g}) × 100",
                   tuple(failures.inputs), "share_of_rejections")


def round_half_up(x: float) -> int:
    """Round to a whole firm the way people do (863.8 -> 864, 1182.3 -> 1182, 0.5 -> 1)."""
    return int(math.floor(x + 0.5))


# --- the 2022 plan: phrases to quote --------------------------------------------------------------

PLAN_PHRASES = {
    # key: (phrase looked up verbatim in the source text, English gloss, short Chinese label)
    "ladder": ("“科技型中小企业——高新技术企业——创新型领军企业”的梯次培育机制",
               "a ladder: tech-based SME → high-tech enterprise → innovative leading firm", "梯次培育机制"),
    "double_upgrade": ("加快推进高新技术企业量质“双提升”行动",
                       "speed up the action to raise both the number and the quality of HTEs",
                       "高企量质“双提升”行动"),
    "post_subsidy": ("继续实施企业研发经费后补助政策",
                     "keep the post-subsidy on firms' R&D spending", "研发经费后补助"),
    "cause": ("约70%是因为研发费用不符合申报条件而未通过税务部门的审核",
              "about 70% failed the tax review because their R&D expenses did not qualify", "研发费用未通过税务审核"),
}


def plan_quotes(text: str | None, keys: Sequence[str] = tuple(PLAN_PHRASES)) -> dict[str, str | None]:
    """Each plan phrase if the source text holds it verbatim, else None (a later document may not)."""
    out = {}
    for key in keys:
        phrase = PLAN_PHRASES[key][0]
        out[key] = phrase if text and phrase in text else None
    return out


# --- names and charts -----------------------------------------------------------------------------


def other_region(regions, city: str) -> str | None:
    """The province in a summary's HTE rows: the first region (sorted) that is not the city."""
    rest = sorted({r for r in regions if r != city})
    return rest[0] if rest else None



def analyse(summary) -> SectionResult:
    """Every figure of the high-tech notebook: the stock, the review funnel, the fall in reports,
    the tax-audit cause and the plan; the notebook only presents them."""
    get, city, year = summary.get, summary.city, summary.year
    implied = audit.implied_figures(summary)
    regions = getattr(summary, "regions", None) or []
    prov = regions[1] if len(regions) > 1 else other_region(summary.rows["region"], city)
    d: dict = {}
    f: dict = {}
    # the stock
    points = stock_points(get, city, year)
    first, last = first_last_actual(points)
    by_period = {pt.period: pt for pt in points}
    est = by_period[year].figure if year in by_period else None
    tgt = by_period[year + 1].figure if year + 1 in by_period else None
    d["growth"] = change_pct(last, first, "growth")
    d["mult"] = ratio(last, first, "multiple")
    d["cagr"] = cagr(first, last)
    f["doubled"] = None if d["mult"] is None else d["mult"].value >= 2
    # the document's own claim about the stock (relations.csv), only when this selection makes it
    f["doubling_claimed"] = any(r.check == "hte_count_doubling" and r.source in summary.own
                                for r in summary.dataset.relations)
    later = est is not None and last is not None and est.period > last.period
    d["chg"] = difference(est, last, label="change") if later else None
    d["chg_pct"] = change_pct(est, last, "change_pct") if later else None
    printed_chg = get("hte_count_growth", city, year, est.kind if est is not None else "estimate")
    f["chg_agrees"] = agrees(d["chg_pct"], printed_chg)
    d["gap"], d["gap_pct"] = targets.change_needed(tgt, est), targets.change_needed_pct(tgt, est)
    d["vs_peak"], d["vs_peak_pct"] = targets.change_needed(tgt, last), targets.change_needed_pct(tgt, last)
    # the review funnel
    c_app, c_rep = get("hte_applications", city, year), get("hte_reported", city, year)
    p_app, p_rep = get("hte_applications", prov, year), get("hte_reported", prov, year)
    c_rate_pr, p_rate_pr = get("hte_pass_rate", city, year), get("hte_pass_rate", prov, year)
    c_share_app_pr = get("hte_applications_share_of_province", city, year)
    c_share_rep_pr = get("hte_reported_share_of_province", city, year)
    d["c_rate"], d["p_rate"] = implied.get("hte_pass_rate_city"), implied.get("hte_pass_rate_province")
    d["r_app"], d["r_rep"] = difference(p_app, c_app, label="rest"), difference(p_rep, c_rep, label="rest")
    d["r_rate"] = share_pct(d["r_rep"], d["r_app"], "rest_pass_rate")
    d["rate_gap"] = difference(d["c_rate"], d["r_rate"], unit="pp", label="city_minus_rest")
    d["c_share_app"], d["c_share_rep"] = share_pct(c_app, p_app), share_pct(c_rep, p_rep)
    d["reports_fit"] = count_implied_by_rate(c_app, c_rate_pr)
    f["c_rate_agrees"], f["p_rate_agrees"] = agrees(d["c_rate"], c_rate_pr), agrees(d["p_rate"], p_rate_pr)
    # the fall in new reports
    c_chg, p_chg = get("hte_reported_change", city, year), get("hte_reported_change", prov, year)
    c_rt_pr, p_rt_pr = get("hte_reported_change_rate", city, year), get("hte_reported_change_rate", prov, year)
    d["c_prev"], d["p_prev"] = implied.get("hte_reported_prev_city"), implied.get("hte_reported_prev_province")
    d["c_rt"], d["p_rt"] = implied.get("hte_reported_decline_city"), implied.get("hte_reported_decline_province")
    d["c_prev_r"], d["p_prev_r"] = previous_level(c_rep, c_rt_pr), previous_level(p_rep, p_rt_pr)
    d["p_chg_r"] = difference(p_rep, d["p_prev_r"], label="change_from_rate")
    d["r_prev"] = difference(d["p_prev"], d["c_prev"], label="rest_previous")
    d["r_rt"] = change_pct(d["r_rep"], d["r_prev"], "rest_rate")
    f["c_rt_agrees"], f["p_rt_agrees"] = agrees(d["c_rt"], c_rt_pr), agrees(d["p_rt"], p_rt_pr)
    f["rest_fits_province_rate"] = agrees(d["r_rt"], p_rt_pr)
    f["decrease_equals_city_applications"] = (None if p_chg is None or c_app is None
                                              else abs(p_chg.value) == c_app.value)
    # the tax-audit cause
    rd_share = get("hte_rejected_rd_expense_share", city, year)
    d["rejected"] = difference(c_app, c_rep, label="rejected")
    d["fail_a"] = rd_expense_failures(rd_share, c_app, c_rep, "rejected")
    d["fail_b"] = rd_expense_failures(rd_share, c_app, c_rep, "all")
    d["of_rej_b"] = share_of_rejections(d["fail_b"], c_app, c_rep)
    printed = {"first": first, "last": last, "est": est, "tgt": tgt, "printed_chg": printed_chg,
               "c_app": c_app, "c_rep": c_rep, "p_app": p_app, "p_rep": p_rep,
               "c_rate_pr": c_rate_pr, "p_rate_pr": p_rate_pr,
               "c_share_app_pr": c_share_app_pr, "c_share_rep_pr": c_share_rep_pr, "c_chg": c_chg, "p_chg": p_chg,
               "c_rt_pr": c_rt_pr, "p_rt_pr": p_rt_pr, "rd_share": rd_share}
    res = SectionResult(printed, d, f, key_figures=_key_figures(d, printed))
    res.province, res.points = prov, points
    return res


def _key_figures(d: dict, p: dict) -> list:
    def printed(x):
        return "" if x is None else f"printed {x.formatted('en')}"
    return [key_row("hte_growth_first_to_last_actual", d["growth"]),
            key_row("hte_multiple_first_to_last_actual", d["mult"], 3),
            key_row("hte_cagr", d["cagr"]),
            key_row("hte_change_estimate", d["chg"], 0),
            key_row("hte_change_estimate_pct", d["chg_pct"], note=printed(p["printed_chg"])),
            key_row("pass_rate_city", d["c_rate"], note=printed(p["c_rate_pr"])),
            key_row("pass_rate_province", d["p_rate"], note=printed(p["p_rate_pr"])),
            key_row("pass_rate_rest", d["r_rate"]),
            key_row("reports_prev_city", d["c_prev"], 0),
            key_row("reports_change_city_pct", d["c_rt"], note=printed(p["c_rt_pr"])),
            key_row("reports_prev_province", d["p_prev"], 0),
            key_row("reports_change_province_pct", d["p_rt"], note=printed(p["p_rt_pr"])),
            key_row("reports_prev_province_from_rate", d["p_prev_r"], 0),
            key_row("reports_change_rest_pct", d["r_rt"]),
            key_row("rd_failures_A_rejected_base", d["fail_a"], 1),
            key_row("rd_failures_B_all_applications", d["fail_b"], 1),
            key_row("target_gap", d["gap"], 0),
            key_row("target_gap_pct", d["gap_pct"])]
