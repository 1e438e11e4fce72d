"""R&D input: what the printed R&D figures imply, and what the intensity target asks for.

R&D statistics are published a year late, so a summary reviewing `year` prints R&D actuals for
`year - 1` (`rd_period`); the section reads the latest actual the selection holds
(`latest_period`) and every statement names its figures' own period. The intensity target keeps
its own period and is held against the last level before it. Every function takes `Figure`s (or
`Derived`s) and returns a `Derived`, or None when an input is not reported; `analyse` returns the
section's statements (`res.statements`, by topic: levels, implied, target, subsidy), built with
helpers.calc.statements, so a missing figure leaves its statement out.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import pandas as pd

from helpers.calc import audit, targets
from helpers.calc.derive import (
    Derived,
    change_pct,
    derivation,
    derived,
    figures_behind,
    implied_total,
    operand_text,
    share_pct,
    term,
)
from helpers.calc.result import SectionResult, key_row
from helpers.calc.statements import Builder, Region, Word, bounded
from helpers.calc.trends import Period
from helpers.data.figures import per_summary

PRINTED = ("rd_expenditure", "rd_expenditure_share_of_province", "rd_expenditure_growth", "rd_intensity",
           "rd_intensity_change", "rd_intensity_gap_to_province", "rd_post_subsidy_amount",
           "rd_post_subsidy_firms", "rd_intensity_rank", "rd_intensity_rank_change", "rd_statistics_coverage")
# Implied figures that data/relations.csv defines: the section's name -> the relation's id.
FROM_AUDIT = {"province_rd": "jiangxi_rd_expenditure", "previous_rd": "rd_expenditure_prev", "gdp": "city_gdp",
              "province_intensity": "jiangxi_rd_intensity", "previous_intensity": "rd_intensity_prev",
              "province_gdp": "jiangxi_gdp", "gdp_growth": "city_gdp_growth",
              "previous_rank": "rd_intensity_rank_prev", "subsidy_per_firm": "rd_post_subsidy_per_firm"}
GDP_GROWTHS = (4, 6, 8, 10, 12)


def rd_period(year: int) -> int:
    """The period of the R&D actuals in the summary reviewing `year` (2021 summary -> 2020 data)."""
    return int(year) - 1



# --- the 2.2% target ------------------------------------------------------------------------


def _years(intensity_pct, target_pct) -> int:
    periods = [getattr(x, "period", None) for x in (intensity_pct, target_pct)]
    if None in periods:
        return 1
    return max(1, int(periods[1]) - int(periods[0]))


@derivation
def required_rd_growth(intensity_pct, target_pct, gdp_growth_pct: float) -> Derived | None:
    """Annual nominal R&D growth that reaches the target intensity if GDP grows `gdp_growth_pct` a year.

    Over n = target period - base period years: ((1 + g)^n × target / intensity)^(1/n) - 1.
    One year (2020 -> 2021) at g = 8%: 1.08 × 2.2 / 1.95 - 1 = 21.85%.
    """
    n = _years(intensity_pct, target_pct)
    g = float(gdp_growth_pct) / 100
    if g == 0 and n == 1:
        formula = f"{term(target_pct)} / {term(intensity_pct)} - 1"
    elif n == 1:
        formula = f"(1 + {float(gdp_growth_pct):g}%) × {term(target_pct)} / {term(intensity_pct)} - 1"
    else:
        formula = (f"((1 + {float(gdp_growth_pct):g}%)^{n} × {term(target_pct)} / {term(intensity_pct)})"
                   f"^(1/{n}) - 1")
    return derived(lambda i, t: (((1 + g) ** n * t / i) ** (1 / n) - 1) * 100, (intensity_pct, target_pct),
                   "percent", formula, "required_rd_growth")


@derivation
def gdp_after(gdp0, gdp_growth_pct: float, years: int) -> Derived:
    """GDP after `years` of nominal growth at `gdp_growth_pct` a year: 约2790亿元 × (1 + 4%)^2 =
    约3020亿元 (an implied base keeps its range, and the result is written no finer)."""
    g = float(gdp_growth_pct) / 100
    return derived(lambda v: v * (1 + g) ** years, (gdp0,), gdp0.unit,
                   f"{operand_text(gdp0)} × (1 + {float(gdp_growth_pct):g}%)" + (f"^{years}" if years > 1 else ""),
                   "gdp_after")


def required_growth_table(gdp0, intensity_pct, target_pct, gdp_growths: Sequence[float]) -> pd.DataFrame:
    """One row per assumed nominal GDP growth (`gdp0`: the implied GDP of the base year): the GDP of
    the target year, the R&D the target needs on it, and the R&D growth a year that takes.

    Columns (language-neutral ids; the view renames them): gdp_growth (the assumption, a number),
    gdp, rd_needed, rd_growth_needed: each a Derived with its formula and range, None where an input
    is missing, so a table writes them as the prose does (约3020 on an implied base, 约6.9% where
    the printed intensity's rounding reaches the first decimal).
    """
    n = _years(intensity_pct, target_pct)
    rows = []
    for g in gdp_growths:
        gdp = gdp_after(gdp0, g, n)
        rows.append({"gdp_growth": float(g), "gdp": gdp, "rd_needed": rd_needed(target_pct, gdp),
                     "rd_growth_needed": required_rd_growth(intensity_pct, target_pct, g)})
    return pd.DataFrame(rows, columns=["gdp_growth", "gdp", "rd_needed", "rd_growth_needed"])


@derivation
def break_even_gdp_growth(rd_growth_pct, intensity_pct, target_pct) -> Derived | None:
    """The GDP growth at which R&D growing as fast as last year just reaches the target.

    One year: (1 + r) × intensity / target - 1 = 1.104 × 1.95 / 2.2 - 1 = -2.15% (negative: even
    a shrinking economy would not be enough at 2020's R&D growth).
    """
    n = _years(intensity_pct, target_pct)
    formula = (f"(1 + {term(rd_growth_pct)}%) × {term(intensity_pct)} / {term(target_pct)} - 1" if n == 1 else
               f"((1 + {term(rd_growth_pct)}%)^{n} × {term(intensity_pct)} / {term(target_pct)})^(1/{n}) - 1")
    return derived(lambda r, i, t: (((1 + r / 100) ** n * i / t) ** (1 / n) - 1) * 100,
                   (rd_growth_pct, intensity_pct, target_pct), "percent", formula, "break_even_gdp_growth")


# --- the post-subsidy scheme ----------------------------------------------------------------



@derivation
def gap_in_years_of_gain(gap, last_change_pp, years: int = 1) -> Derived:
    """The yearly rise the target asks for in units of last year's gain: one year, 0.25 pp / 0.14 pp
    = 1.79; over n years the gap is spread over them first, 0.12 pp / 2 / 0.12 pp = 0.50 (a rise
    over two years is never set against the rise of one)."""
    formula = (f"{term(gap)} / {term(last_change_pp)}" if years <= 1 else
               f"{term(gap)} / {years} / {term(last_change_pp)}")
    return derived(lambda a, b: a / years / b, (gap, last_change_pp), "multiple", formula, "gap_in_years_of_gain")


# --- which figures: the latest the selection holds ------------------------------------------


def latest_period(summary, indicators: Sequence[str] = ("rd_expenditure", "rd_intensity")) -> int | None:
    """The latest period, up to the selection's year, of the city's R&D actuals (the 2021 summary
    prints 2020 R&D: 2020); None when the selection holds none (a plan that only sets targets)."""
    rows = summary.rows
    r = rows[rows["indicator"].isin(list(indicators)) & (rows["region"] == summary.city)
             & (rows["kind"] == "actual") & (rows["period"] <= summary.year)]
    return int(r["period"].max()) if not r.empty else None


def latest(summary, indicator: str):
    """The city's latest actual of an indicator up to the selection's year (None if none)."""
    p = latest_period(summary, (indicator,))
    return None if p is None else summary.get(indicator, None, p)


def published_checks(results) -> dict:
    """The audit's checks of an implied figure against the figure a document publishes for the same
    thing, by the implied figure's check id (only those with a published figure and a verdict)."""
    suffix = "_vs_published"
    return {r.check[: -len(suffix)]: r for r in results
            if r.check.endswith(suffix) and r.claim is not None and r.status in ("consistent", "inconsistent")}


def _period_before(x) -> Period | None:
    """The year before the figures a value rests on (R&D of the year before, implied from this year's)."""
    figs = figures_behind(x) if x is not None else ()
    return Period(min(f.period for f in figs) - 1) if figs else None


def _period_of(x) -> Period | None:
    figs = figures_behind(x) if x is not None else ()
    return Period(max(f.period for f in figs)) if figs else None


# --- what the target asks for, on the actual GDP of its year ----------------------------------


@derivation
def rd_needed(target_pct, gdp) -> Derived:
    """The R&D expenditure a target intensity needs on a GDP: 2.2% × 6650.53 亿元 = 146.31 亿元."""
    return derived(lambda t, g: t / 100 * g, (target_pct, gdp), gdp.unit, f"{term(target_pct)}% × {operand_text(gdp)}",
                   "rd_needed")


@derivation
def annual_growth(new, old, years: int) -> Derived:
    """Growth a year from `old` to `new` over `years` years: one year, (146.31 / 111.77 - 1) × 100
    = 30.90%; more, ((new / old)^(1/n) - 1) × 100."""
    if years <= 1:
        return change_pct(new, old, label="rd_growth_needed")
    return derived(lambda a, b: ((a / b) ** (1 / years) - 1) * 100, (new, old), "percent",
                   f"(({operand_text(new)} / {operand_text(old)})^(1/{years}) - 1) × 100", "rd_growth_needed")


# --- the statements ---------------------------------------------------------------------------


def level_statements(b: Builder, f: dict, d: dict, summary) -> None:
    """R&D expenditure, its share and growth, intensity and its change, the position against the
    province and the country, GDP over the same year, and the printed ranks."""
    city, province = Region(summary.city), Region(summary.province)
    rd, intensity, growth = f["rd_expenditure"], f["rd_intensity"], f["rd_expenditure_growth"]
    b.say("level", "level.rd.expenditure", x=rd, city=city)
    b.say("share", "share.rd.of_province", share=f["rd_expenditure_share_of_province"], city=city,
          province=province)
    b.say("change", "change.rd.expenditure", change=growth)
    b.say("caveat", "caveat.rd.coverage", coverage=f["rd_statistics_coverage"], change=growth)
    b.say("level", "level.rd.intensity", x=intensity, city=city)
    b.say("change", "change.rd.intensity", change=f["rd_intensity_change"])
    gap = f["rd_intensity_gap_to_province"]
    if gap is not None:
        b.say("level", f"level.rd.gap_to_province.{'above' if gap.value >= 0 else 'below'}", gap=gap,
              province=province)
    if intensity is not None:
        for region in summary.regions[1:]:
            other = summary.get("rd_intensity", region, intensity.period)
            if other is None or (region == summary.province and gap is not None):
                continue  # the document's own gap already sets the city against its province
            side = "above" if intensity.value > other.value else "below" if intensity.value < other.value else "equal"
            b.comparison("rd.intensity_region", intensity, other, city=city, region=Region(region), word=Word(side))
    p = (rd or intensity).period if (rd or intensity) is not None else None
    gdp_new = None if p is None else summary.get("gdp", None, p)
    gdp_old = None if p is None else summary.get("gdp", None, p - 1)
    gdp_change_statement(b, summary, gdp_new, gdp_old, city)
    rank, gained, prev = f["rd_intensity_rank"], f["rd_intensity_rank_change"], d["previous_rank"]
    if gained is not None and prev is not None:
        move = "up" if gained.value > 0 else "down" if gained.value < 0 else "same"
        b.say("rank", f"rank.rd.intensity.{move}", rank=rank, gained=gained, prev=prev, city=city, province=province)
    else:
        b.say("rank", "rank.rd.intensity", rank=rank, city=city, province=province)
    others = f["main_indicators_rank"]
    if others is not None:
        b.say("rank", "rank.rd.other_indicators", x=others, province=province, absolute="all", evidence=others)


def gdp_change_statement(b: Builder, summary, new, old, city) -> None:
    """GDP in two years and the nominal change they imply (the builder adds that the two figures
    come from two documents, and the real growth a document prints for the year)."""
    if new is None or old is None:
        return
    b.say("change", "change.rd.gdp", new=new, old=old, change=bounded(change_pct(new, old), new, old), city=city)


def implied_statements(b: Builder, f: dict, d: dict, published: dict, summary) -> None:
    """Each figure the city's shares and changes imply: where a document of the selection publishes
    the same figure, the published one, with whether the implied one agrees (one check each);
    otherwise the implied figure, with its formula."""
    city, province = Region(summary.city), Region(summary.province)
    rows = [
        ("province_rd", "implied.rd.province_rd", {"share": f["rd_expenditure_share_of_province"], "province": province}),
        ("previous_rd", "implied.rd.previous_rd", {"growth": f["rd_expenditure_growth"], "city": city}),
        ("gdp", "implied.rd.gdp", {"city": city}),
        ("province_intensity", "implied.rd.province_intensity", {"gap": f["rd_intensity_gap_to_province"],
                                                                  "province": province}),
        ("previous_intensity", "implied.rd.previous_intensity", {"change": f["rd_intensity_change"], "city": city}),
        ("province_gdp", "implied.rd.province_gdp", {"province": province}),
    ]
    for name, key, slots in rows:
        x, check = d[name], published.get(FROM_AUDIT[name])
        if x is None:
            continue
        if check is not None:
            b.say("check_result", f"check_result.rd.published.{check.status}", printed=check.claim, implied=x,
                  region=Region(check.claim.region), city=city, checked=1)
            continue
        at = _period_before(x) if name.startswith("previous") else _period_of(x)
        b.say("implied", key, x=x, at=at, **slots)
    rd = f["rd_expenditure"]
    if d["gdp_growth"] is not None and not (rd and summary.get("gdp", None, rd.period)
                                             and summary.get("gdp", None, rd.period - 1)):
        b.say("implied", "implied.rd.gdp_growth", x=d["gdp_growth"], at=_period_of(d["gdp_growth"]), city=city)


def target_statements(b: Builder, summary, t: dict, gdp_growths: Sequence[float]) -> None:
    """The R&D targets against the last known level (helpers.calc.targets), the pace the intensity
    target asks for against the last gain, and the R&D it needs: on the actual GDP of the target
    year where the data hold it, else under a stated range of GDP growth (a scenario)."""
    targets.ambition_statements(b, targets.check_targets(summary, section=SECTION), summary)
    target, base = t["target"], t["base"]
    if target is None or base is None:
        return
    gap = bounded(targets.change_needed(target, base), target, base)
    gain = t["gain"]
    years = target.period - base.period
    if gap is not None and gain is not None and gap.value > 0 and gain.value > 0:
        multiple = replace(gap_in_years_of_gain(gap, gain, years), qualifier=gap.qualifier)  # a floor on the gap is one here
        if years > 1:  # the yearly pace over the target's years against one year's gain
            b.say("target_ambition", "target_ambition.rd.pace.annual", target=target, baseline=base, gap=gap,
                  gain=gain, years=years, multiple=multiple)
        else:
            b.say("target_ambition", "target_ambition.rd.pace", target=target, baseline=base, gap=gap, gain=gain,
                  multiple=multiple)
    if summary.get("rd_intensity", None, target.period) is not None:
        return  # the outcome is known: the verdict is the targets section's
    city, gdp_t, rd = Region(summary.city), t["gdp_target_year"], t["rd_base"]
    if gdp_t is not None:  # the actual GDP of the target year: no assumption
        gdp_b = summary.get("gdp", None, base.period)
        gdp_change_statement(b, summary, gdp_t, gdp_b, city)
        needed = rd_needed(target, gdp_t)
        growth = annual_growth(needed, rd, years)
        b.say("target_ambition", "target_ambition.rd.needed" + (".annual" if years > 1 else ""), target=target,
              baseline=base, gdp=gdp_t, rd=rd, needed=needed, growth=growth)
        b.say("target_ambition", "target_ambition.rd.achieved", target=target, baseline=base,
              achieved=t["growth_base"], growth=growth)
        return
    lo, hi = min(gdp_growths), max(gdp_growths)
    b.say("scenario", "scenario.rd.gdp_range", target=target, baseline=base, g_lo=lo, g_hi=hi,
          lo=required_rd_growth(base, target, lo), hi=required_rd_growth(base, target, hi),
          assumption="gdp_growth_range")
    be = t["break_even"]
    if be is not None and summary.get("rd_expenditure", None, target.period) is None:
        b.say("scenario", "scenario.rd.break_even" + (".fall" if be.value < 0 else ""), target=target,
              baseline=base, achieved=t["growth_base"], be=be, assumption="rd_growth_as_before")


def subsidy_statements(b: Builder, summary) -> None:
    """The post-subsidy as the document gives it: the R&D expenses of the year it subsidises, the
    firms and the amount, and the amount per firm they imply."""
    amount = latest(summary, "rd_post_subsidy_amount")
    firms = None if amount is None else summary.get("rd_post_subsidy_firms", None, amount.period)
    b.say("level", "level.rd.post_subsidy" + ("" if names_expense_year(amount) else ".paid"), amount=amount,
          firms=firms)
    per = implied_per_firm(amount, firms)
    b.say("implied", "implied.rd.subsidy_per_firm", per=per)


def names_expense_year(amount) -> bool:
    """Does the quote print the year of the expenses subsidised (给予999家企业2020年研发费用后补助)?
    Otherwise the year the row gives is the year it was paid, and no expense year is said."""
    return amount is not None and f"{amount.period}年研发费用" in amount.quote


@derivation
def implied_per_firm(amount, firms) -> Derived:
    """The post-subsidy per firm: 2.32 亿元 / 999 = 23.22 万元."""
    from helpers.calc.derive import per_unit
    return per_unit(amount, firms, label="rd_post_subsidy_per_firm")


SECTION = "rd_input"


@per_summary
def analyse(summary, gdp_growths: Sequence[float] = GDP_GROWTHS) -> SectionResult:
    """Every figure the R&D notebook shows for the selected summary, its statements and key figures."""
    p = latest_period(summary) or rd_period(summary.year)
    printed = {k: summary.get(k, None, p) for k in PRINTED}
    printed["main_indicators_rank"] = summary.get("main_indicators_rank", None, summary.year)
    target = targets.target_figure(summary, "rd_intensity")
    base = None if target is None else targets.baseline_figure(summary, "rd_intensity", target.period)
    printed["rd_intensity_target"] = target
    results = audit.evaluate(summary)
    implied = audit.implied_figures(summary, results)
    rd, intensity = printed["rd_expenditure"], printed["rd_intensity"]
    at_base = (lambda k: None) if base is None else (lambda k: summary.get(k, None, base.period))
    rd_base, growth_base = at_base("rd_expenditure"), at_base("rd_expenditure_growth")
    d = {name: implied.get(check) for name, check in FROM_AUDIT.items()}
    d["target_gap"] = targets.change_needed(target, base)
    d["gap_in_years"] = gap_in_years_of_gain(d["target_gap"], at_base("rd_intensity_change"),
                                             1 if base is None else target.period - base.period)
    d["rd_growth_needed_vs_gdp"] = required_rd_growth(base, target, 0)
    for g in gdp_growths:
        d[f"rd_growth_needed_gdp_{g:g}pct"] = required_rd_growth(base, target, g)
    d["break_even_gdp_growth"] = break_even_gdp_growth(growth_base, base, target)
    d["subsidy_share_of_rd"] = share_pct(printed["rd_post_subsidy_amount"], rd, label="subsidy_share_of_rd")
    gdp_base = implied_total(rd_base, base, label="city_gdp")
    scenarios = required_growth_table(gdp_base, base, target, gdp_growths)
    gdp_t = None if target is None else summary.get("gdp", None, target.period)
    t = {"target": target, "base": base, "rd_base": rd_base, "growth_base": growth_base,
         "gain": at_base("rd_intensity_change"), "gdp_target_year": gdp_t, "break_even": d["break_even_gdp_growth"]}
    b = Builder.for_summary(summary, topic="levels")
    level_statements(b, printed, d, summary)
    b.topic = "implied"
    implied_statements(b, printed, d, published_checks(results), summary)
    b.topic = "target"
    target_statements(b, summary, t, gdp_growths)
    b.topic = "subsidy"
    subsidy_statements(b, summary)
    keys = ["province_rd", "previous_rd", "gdp", "province_intensity", "previous_intensity", "province_gdp",
            "gdp_growth", "target_gap", "rd_growth_needed_vs_gdp",
            *[f"rd_growth_needed_gdp_{g:g}pct" for g in gdp_growths],
            "break_even_gdp_growth", "subsidy_per_firm", "subsidy_share_of_rd", "previous_rank"]
    key = [key_row("rd_expenditure", rd), key_row("rd_intensity", intensity)] + [key_row(k, d[k]) for k in keys]
    res = SectionResult(printed, d, key_figures=key)
    res.period, res.target, res.base, res.scenarios = p, target, base, scenarios
    res.gdp_target_year = gdp_t
    res.rd_needed = rd_needed(target, gdp_t) if gdp_t is not None and base is not None else None
    res.rd_growth_needed = None if res.rd_needed is None else annual_growth(
        res.rd_needed, rd_base, target.period - base.period)
    res.growth_base = growth_base
    res.intensities = intensity_points(summary, printed, d, target)
    b.rest("rd_input")
    res.statements = b.out
    return res


def intensity_points(summary, f: dict, d: dict, target) -> list[tuple[str, int, object]]:
    """The intensities to set side by side, each (role, period, Figure or Derived): the regions above
    the city as published (else as implied), the city the year before and in the latest year, the
    target. Roles: region:<id>, previous, latest, target."""
    intensity = f["rd_intensity"]
    if intensity is None:
        return []
    p, out = intensity.period, []
    for region in summary.regions[1:]:
        x = summary.get("rd_intensity", region, p)
        if x is None and region == summary.province and _period_of(d["province_intensity"]) == Period(p):
            x = d["province_intensity"]
        if x is not None:
            out.append((f"region:{region}", p, x))
    prev = summary.get("rd_intensity", None, p - 1)
    if prev is None and _period_before(d["previous_intensity"]) == Period(p - 1):
        prev = d["previous_intensity"]
    if prev is None:  # implied by a later document, as a target's baseline is (targets.implied_levels)
        prev = targets.implied_levels(summary).get(("rd_intensity", summary.city, p - 1))
    if prev is not None:
        out.append(("previous", p - 1, prev))
    out.append(("latest", p, intensity))
    if target is not None:
        out.append(("target", target.period, target))
    return out
