"""The fall in high-tech enterprises (高新技术企业, HTE): the stock, the 2021 review funnel, the fall
in new reports, the rest of the province, and the tax-audit cause turned into firm counts.

Every function takes `Figure`s (or None, when a summary does not report one) and returns a
`Derived` with its formula, or None when an input is missing, so a notebook never crashes on a
year that lacks a figure. `get` arguments are callables with the signature of `nb.fig` /
`Summary.get`: get(indicator, region, period, kind) -> Figure | None.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable, Sequence

from helpers.calc.derive import Derived, any_missing, change_pct, previous_from_change, previous_level, share_pct

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


def growth(first, last) -> Derived | None:
    """Growth over the period: (2054 / 1049 - 1) × 100 = 95.81%."""
    return change_pct(last, first, "growth") if not any_missing(first, last) else None


def multiple(first, last) -> Derived | None:
    """How many times the stock grew: 2054 / 1049 = 1.958 (翻番 would be 2)."""
    if any_missing(first, last) or first.value == 0:
        return None
    return Derived(last.value / first.value, "ratio", f"{last.value:g} / {first.value:g}", (first, last),
                   "multiple")


def cagr(first, last) -> Derived | None:
    """Compound annual growth: (2054 / 1049)^(1 / 2) - 1 = 39.93% a year over 2018-2020."""
    if any_missing(first, last) or last.period <= first.period or first.value <= 0:
        return None
    years = last.period - first.period
    value = ((last.value / first.value) ** (1 / years) - 1) * 100
    return Derived(value, "percent", f"({last.value:g} / {first.value:g})^(1/{years}) - 1",
                   (first, last), "cagr")


def doubled(first, last) -> bool | None:
    """Did the stock at least double (翻番)? 1049 -> 2054 is 1.958×: no."""
    m = multiple(first, last)
    return None if m is None else m.value >= 2


def level_change(new, old) -> Derived | None:
    """Signed change in firms: 1950 - 2054 = -104."""
    if any_missing(new, old):
        return None
    return Derived(new.value - old.value, new.unit, f"{new.value:g} - {old.value:g}", (new, old),
                   "change")


def level_change_pct(new, old) -> Derived | None:
    """Percentage change: (1950 / 2054 - 1) × 100 = -5.06%."""
    return change_pct(new, old, "change_pct") if not any_missing(new, old) else None


# --- the 2021 review funnel -----------------------------------------------------------------------

def pass_rate(reported, applications) -> Derived | None:
    """Reported to MOST as a share of applications: 455 / 1689 = 26.94%; 1452 / 5354 = 27.12%."""
    return share_pct(reported, applications, "pass_rate") if not any_missing(reported, applications) else None


def count_implied_by_rate(applications, printed_rate) -> Derived | None:
    """Reports a printed pass rate implies: 1689 × 30.55% = 516.0 (the document says 455)."""
    if any_missing(applications, printed_rate):
        return None
    return Derived(applications.value * printed_rate.value / 100, "count",
                   f"{applications.value:g} × {printed_rate.value:g}%", (applications, printed_rate),
                   "reports_implied_by_rate")


def rest(city_fig, province_fig) -> Derived | None:
    """The province without the city: 5354 - 1689 = 3665 applications; 1452 - 455 = 997 reports."""
    if any_missing(city_fig, province_fig):
        return None
    return Derived(province_fig.value - city_fig.value, city_fig.unit,
                   f"{province_fig.value:g} - {city_fig.value:g}", (city_fig, province_fig), "rest")


def rest_pass_rate(city_rep, city_app, prov_rep, prov_app) -> Derived | None:
    """Pass rate of the rest of the province: (1452 - 455) / (5354 - 1689) × 100 = 27.20%."""
    if any_missing(city_rep, city_app, prov_rep, prov_app):
        return None
    value = (prov_rep.value - city_rep.value) / (prov_app.value - city_app.value) * 100
    return Derived(value, "percent",
                   f"({prov_rep.value:g} - {city_rep.value:g}) / ({prov_app.value:g} - {city_app.value:g}) × 100",
                   (city_rep, city_app, prov_rep, prov_app), "rest_pass_rate")


# --- the fall in new reports ----------------------------------------------------------------------

def previous_from_decrease(level, change) -> Derived | None:
    """Last year's reports from this year's and the printed change: 455 - (-458) = 913."""
    return previous_from_change(level, change, "previous") if not any_missing(level, change) else None


def rate_from_decrease(level, change) -> Derived | None:
    """The rate the printed change implies: -458 / (455 - (-458)) × 100 = -50.16%."""
    if any_missing(level, change):
        return None
    prev = level.value - change.value
    if prev == 0:
        return None
    return Derived(change.value / prev * 100, "percent",
                   f"{change.value:g} / ({level.value:g} - ({change.value:g})) × 100", (level, change),
                   "rate_from_change")


def previous_from_rate(level, rate) -> Derived | None:
    """Last year's reports from this year's and the printed rate: 1452 / (1 - 55.25%) = 3244.69."""
    return previous_level(level, rate, "previous_from_rate") if not any_missing(level, rate) else None


def decrease_from_rate(level, rate) -> Derived | None:
    """The change the printed rate implies: 1452 - 1452 / (1 - 55.25%) = -1792.69."""
    if any_missing(level, rate):
        return None
    prev = level.value / (1 + rate.value / 100)
    return Derived(level.value - prev, level.unit,
                   f"{level.value:g} - {level.value:g} / (1 + ({rate.value:g}%))", (level, rate),
                   "change_from_rate")


def rest_rate_from_decrease(city_rep, city_chg, prov_rep, prov_chg) -> Derived | None:
    """Change of the rest of the province, previous years implied by the printed decreases:
    ((1452 - 455) / ((1452 + 1689) - (455 + 458)) - 1) × 100 = (997 / 2228 - 1) × 100 = -55.25%."""
    if any_missing(city_rep, city_chg, prov_rep, prov_chg):
        return None
    now = prov_rep.value - city_rep.value
    before = (prov_rep.value - prov_chg.value) - (city_rep.value - city_chg.value)
    if before == 0:
        return None
    return Derived((now / before - 1) * 100, "percent",
                   f"(({prov_rep.value:g} - {city_rep.value:g}) / (({prov_rep.value:g} - ({prov_chg.value:g}))"
                   f" - ({city_rep.value:g} - ({city_chg.value:g}))) - 1) × 100",
                   (city_rep, city_chg, prov_rep, prov_chg), "rest_rate")


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


def share_of_rejections(failures: Derived | None, applications, reported) -> Derived | None:
    """What share of all rejections a failure count is: 1182.3 / (1689 - 455) = 95.81%."""
    if failures is None or any_missing(applications, reported):
        return None
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

def region_name(region: str | None, lang: str = "en") -> str:
    """'Nanchang' / '南昌' from helpers.present.i18n, else the pinyin id capitalised."""
    from helpers.present.i18n import t
    if region is None:
        return ""
    try:
        return t(region, lang)
    except KeyError:
        return region.capitalize()


def other_region(regions, city: str) -> str | None:
    """The province in a summary's HTE rows: the first region (sorted) that is not the city."""
    rest = sorted({r for r in regions if r != city})
    return rest[0] if rest else None


def stock_chart(points: Sequence[Point], *, title: str, labels: dict[str, str], ylabel: str = ""):
    """The HTE stock as a line: printed actuals solid, the estimate and target dashed from the last
    actual, every point labelled with its value and kind. `labels` maps kind -> legend/point word."""
    from helpers.present import plots
    if not points:
        return plots.line([], {}, title=title, ylabel=ylabel, annotate_last=False)
    xs = [p.period for p in points]
    actual = [p.value if p.kind == "actual" else None for p in points]
    last_actual = max((i for i, p in enumerate(points) if p.kind == "actual"), default=None)
    planned = [p.value if (p.kind != "actual" or i == last_actual) else None for i, p in enumerate(points)]
    series = {labels["actual"]: actual}
    if any(p.kind != "actual" for p in points):
        series[labels["estimate_target"]] = planned
    fig = plots.line(xs, series, title=title, ylabel=ylabel, annotate_last=False)
    ax = fig.axes[0]
    for p in points:
        prefix = {"at_least": "≥", "at_most": "≤", "approx": "~"}.get(p.figure.qualifier, "")
        text = f"{prefix}{p.value:,.0f}" + ("" if p.kind == "actual" else f"\n{labels[p.kind]}")
        ax.annotate(text, (p.period, p.value), xytext=(0, 9), textcoords="offset points",
                    ha="center", va="bottom", fontsize=9, color=plots.TEXT_COLOR)
    lo = min(p.value for p in points)
    hi = max(p.value for p in points)
    ax.set_ylim(0 if lo > 0 else lo * 1.1, hi * 1.22)
    return fig


def funnel_chart(regions: Sequence[str], applications: Sequence[float | None],
                 reported: Sequence[float | None], notes: Sequence[Sequence[str]], *, title: str,
                 names: tuple[str, str], ylabel: str = ""):
    """Applications and reports side by side for each region; under each region name its lines of
    `notes` (pass rates), one per line (set after plotting so the label wrapper keeps them whole)."""
    from helpers.present import plots
    fig = plots.grouped_bars(list(regions), {names[0]: list(applications), names[1]: list(reported)},
                             title=title, ylabel=ylabel, value_fmt="{:,.0f}")
    ax = fig.axes[0]
    ax.set_xticks(range(len(regions)), ["\n".join([r, *lines]) for r, lines in zip(regions, notes)])
    return fig
