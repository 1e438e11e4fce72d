"""Firm cultivation: the ladder of technology firms and the provincial totals implied by the
city's shares. The section's targets against the levels already reached come from helpers.calc.targets
(`target_checks`; table and texts: targets_view.table, targets.level_text, targets.expr_name).
Functions take Figures and return Derived (or None when an input is not reported).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from helpers.calc import audit, targets
from helpers.calc.derive import Derived, derivation, implied_total, share_pct
from helpers.calc.result import SectionResult, key_row
from helpers.calc.statements import Builder, Items, Region, Text, in_sentence
from helpers.data.figures import Figure, per_summary

SHARE_SUFFIX = "_share_of_province"

# The ladder of the document's "科技型中小企业——高新技术企业——创新型领军企业", as the 2021 summary
# reports it: (indicator, kind) in ladder order. Shares are looked up as <indicator>_share_of_province.
LADDER = (
    ("tech_sme_applications", "actual"),
    ("hte_applications", "actual"),
    ("hte_reported", "actual"),
    ("hte_count", "estimate"),
    ("unicorn_gazelle_new", "actual"),
)


# --- implied provincial totals ----------------------------------------------------------------

@derivation
def province_total(part, share) -> Derived | None:
    """The provincial total a city count and its share imply: 2360 / 28.23% = 8,359.9."""
    return implied_total(part, share, label=f"{part.indicator}_province")


def share_tolerance(share: Figure) -> float:
    """Half a unit of the last printed decimal: 31.55% stands for anything in [31.545, 31.555]."""
    return 0.5 * 10 ** -share.decimals


@dataclass(frozen=True)
class PrintedCheck:
    """A printed provincial total set against the city count and its printed share."""
    implied: Derived           # part / share
    printed: Figure            # the province's total as printed
    recomputed_share: Derived  # part / printed × 100
    difference: float          # printed - implied
    consistent: bool           # the recomputed share rounds to the printed share


@derivation
def check_printed_total(part, share, printed) -> PrintedCheck | None:
    """Does the printed provincial total agree with the city's count and share?

    1689 / 5354 = 31.5465%, which rounds to the printed 31.55%: consistent.
    455 / 1452 = 31.3361%, not 31.55% (that share implies 1,442.2): inconsistent.
    """
    if not printed.value or not share.value:
        return None
    implied = implied_total(part, share)
    recomputed = share_pct(part, printed)
    ok = abs(recomputed.value - share.value) <= share_tolerance(share) + 1e-9
    return PrintedCheck(implied, printed, recomputed, printed.value - implied.value, ok)


@dataclass(frozen=True)
class Rung:
    indicator: str
    figure: Figure | None
    share: Figure | None
    implied_province: Derived | None
    printed_province: Figure | None
    check: PrintedCheck | None


def ladder(get: Callable, year: int, province: str = "province") -> list[Rung]:
    """The ladder's rungs for the summary reviewing `year`.

    `get` is `Summary.get` or `Notebook.fig` (so the figures are cited): get(indicator, region,
    period, kind) -> Figure | None. Missing figures stay None.
    """
    rungs = []
    for indicator, kind in LADDER:
        fig = get(indicator, None, year, kind)
        if fig is None and kind == "estimate":  # a later document prints the year's outcome
            fig = get(indicator, None, year, "actual")
        share = get(indicator + SHARE_SUFFIX, None, year, "actual") if kind == "actual" else None
        printed = get(indicator, province, year, "actual") if kind == "actual" else None
        rungs.append(Rung(indicator, fig, share, province_total(fig, share), printed,
                          check_printed_total(fig, share, printed)))
    return rungs


# --- targets against baselines: helpers.calc.targets -------------------------------------------------

SECTION = "firm_cultivation"


def target_checks(summary) -> list[targets.TargetCheck]:
    """The section's targets against their baselines (helpers.calc.targets, pairs in file order)."""
    return targets.check_targets(summary, section=SECTION)


def ladder_statements(b: Builder, rungs: list[Rung], rate, pass_rate, growth, city: str) -> None:
    """The year's rungs as printed, the share reported to MOST, and the stock that follows."""
    r = {x.indicator: x for x in rungs}
    sme, app, rep, hte_n, ug = (r[k].figure for k in ("tech_sme_applications", "hte_applications", "hte_reported",
                                                       "hte_count", "unicorn_gazelle_new"))
    b.say("level", "level.firms.sme_applications", x=sme, city=Region(city))
    b.say("level", "level.firms.hte_applications", x=app)
    b.say("level", "level.firms.hte_reported", x=rep)
    b.say("rate", "rate.firms.reported", numerator=rep, denominator=app, rate=rate)
    if hte_n is not None and growth is not None and growth.period == hte_n.period:
        # the stock and the change the document prints for it are one fact: one sentence
        b.say("level", f"level.firms.hte_count.{hte_n.kind}.change", x=hte_n, change=growth)
    else:
        if hte_n is not None:
            b.say("level", f"level.firms.hte_count.{hte_n.kind}", x=hte_n)
        estimated = growth is not None and growth.kind == "estimate"  # an estimate is said to be one
        b.say("change", "change.firms.hte_count" + (".estimate" if estimated else ""), change=growth)
    b.say("level", "level.firms.unicorn_gazelle_new", x=ug)
    flows = [f for f in (sme, app, rep) if f is not None]  # only the counts the documents give
    if hte_n is not None and flows:
        b.say("caveat", "caveat.firms.flow_stock", stock=hte_n, flows=Items(
            tuple(Text(in_sentence(f.name("en")), f.name("zh")) for f in flows), (), (), tuple(flows)))
    if rate is not None and pass_rate is not None and abs(pass_rate.value - rate.value) >= 0.01:
        b.say("check_result", "check_result.firms.pass_rate", printed=pass_rate, computed=rate, checked=1)


def share_statements(b: Builder, rungs: list[Rung], province: str) -> None:
    """The printed shares of the province, the totals they imply, and the printed totals' check."""
    shares = [x.share for x in rungs if x.share is not None]
    if len(shares) > 1:
        lo, hi = min(shares, key=lambda f: f.value), max(shares, key=lambda f: f.value)
        b.say("share", "share.firms.range", lo=lo, hi=hi, n=len(shares), province=Region(province))
    for x in rungs:
        if x.implied_province is None:
            continue
        b.say("implied", "implied.firms.province_total", total=x.implied_province, part=x.figure,
              share=x.share, province=Region(province))
        if x.check is not None:
            key = "consistent" if x.check.consistent else "inconsistent"
            b.say("check_result", f"check_result.firms.printed_total.{key}", printed=x.check.printed,
                  implied=x.check.implied, recomputed=x.check.recomputed_share, share=x.share, checked=1,
                  gap=Derived(float(abs(round(x.check.difference))), "count", "", (x.check.printed,)))  # 相差10家


@per_summary
def analyse(summary) -> SectionResult:
    """The ladder, the section's targets against their baselines, and the key figures; the
    statements the section makes, by topic: `ladder`, `shares`, `targets`."""
    rungs = ladder(summary.get, summary.year, summary.province)
    comparisons = target_checks(summary)
    rate = audit.implied_figures(summary).get("hte_pass_rate_city")
    pass_rate = summary.get("hte_pass_rate", None, summary.year)
    growth = next((g for ind in ("hte_count_growth", "hte_count_net_change") for kind in ("estimate", "actual")
                   if (g := summary.get(ind, None, summary.year, kind)) is not None), None)  # a rate, else a count
    b = Builder.for_summary(summary, topic="ladder")
    ladder_statements(b, rungs, rate, pass_rate, growth, summary.city)
    b.topic = "shares"
    share_statements(b, rungs, summary.province)
    b.topic = "targets"
    targets.ambition_statements(b, comparisons, summary)
    b.rest("firm_cultivation")
    statements = b.out
    rows = [key_row(r.indicator, r.figure) for r in rungs]
    rows += [key_row(f"{r.indicator}_province", r.implied_province) for r in rungs if r.share is not None]
    rows += [key_row(f"{r.indicator}_share_recomputed", r.check.recomputed_share) for r in rungs if r.check]
    rows += [(f"{r.indicator}_printed_total_consistent", r.check.consistent, "",
              "part / printed total rounds to the printed share") for r in rungs if r.check]
    rows += [key_row("hte_reported_rate", rate)]
    alike = [c for c in comparisons if c.alike]  # a related measure is not compared, here either
    rows += [key_row(f"target_{c.target_expr}_pct_of_baseline", c.ratio_pct) for c in alike]
    rows += [(f"target_{c.target_expr}_below_baseline", c.below_baseline, "", c.comparability or "")
             for c in alike]
    res = SectionResult({"pass_rate": pass_rate},
                        {"reported_rate": rate}, key_figures=rows)
    res.rungs, res.comparisons, res.statements = rungs, comparisons, statements
    return res
