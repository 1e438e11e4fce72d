"""R&D input: what the printed R&D figures imply, and what the intensity target asks for.

R&D statistics are published a year late, so a summary reviewing `year` prints R&D actuals for
`year - 1` (`rd_period`); the intensity target keeps its own period. Every function takes
`Figure`s (or `Derived`s) and returns a `Derived`, or None when an input is not reported, so a
notebook can show "not reported" instead of crashing when next year's document lacks a figure.
"""
from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from helpers.calc import audit, targets
from helpers.calc.derive import Derived, derivation, figures_behind, ratio, share_pct, term
from helpers.calc.result import SectionResult, key_row

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
    value = (((1 + g) ** n * target_pct.value / intensity_pct.value) ** (1 / n) - 1) * 100
    if g == 0 and n == 1:
        formula = f"{term(target_pct)} / {term(intensity_pct)} - 1"
    elif n == 1:
        formula = f"(1 + {float(gdp_growth_pct):g}%) × {term(target_pct)} / {term(intensity_pct)} - 1"
    else:
        formula = (f"((1 + {float(gdp_growth_pct):g}%)^{n} × {term(target_pct)} / {term(intensity_pct)})"
                   f"^(1/{n}) - 1")
    return Derived(value, "percent", formula, figures_behind(intensity_pct, target_pct), "required_rd_growth")


def required_growth_table(rd, gdp0, intensity_pct, target_pct, gdp_growths: Sequence[float]) -> pd.DataFrame:
    """One row per assumed nominal GDP growth (`gdp0`: the implied GDP of the base year): the GDP, the R&D level and the R&D growth the target needs.

    Columns (language-neutral ids; the notebook renames them): gdp_growth, gdp, rd_needed,
    rd_growth_needed. Values are rounded to two decimals; None where an input is missing.
    """
    n = _years(intensity_pct, target_pct)
    rows = []
    for g in gdp_growths:
        req = required_rd_growth(intensity_pct, target_pct, g)
        gdp = None if gdp0 is None else round(gdp0.value * (1 + float(g) / 100) ** n, 2)
        need = None if req is None or rd is None else round(rd.value * (1 + req.value / 100) ** n, 2)
        rows.append({"gdp_growth": float(g), "gdp": gdp, "rd_needed": need,
                     "rd_growth_needed": None if req is None else round(req.value, 2)})
    return pd.DataFrame(rows, columns=["gdp_growth", "gdp", "rd_needed", "rd_growth_needed"])


@derivation
def break_even_gdp_growth(rd_growth_pct, intensity_pct, target_pct) -> Derived | None:
    """The GDP growth at which R&D growing as fast as last year just reaches the target.

    One year: (1 + r) × intensity / target - 1 = 1.104 × 1.95 / 2.2 - 1 = -2.15% (negative: even
    a shrinking economy would not be enough at 2020's R&D growth).
    """
    n = _years(intensity_pct, target_pct)
    value = (((1 + rd_growth_pct.value / 100) ** n * intensity_pct.value / target_pct.value) ** (1 / n) - 1) * 100
    return Derived(value, "percent",
                   f"(1 + {term(rd_growth_pct)}%) × {term(intensity_pct)} / {term(target_pct)} - 1",
                   figures_behind(rd_growth_pct, intensity_pct, target_pct), "break_even_gdp_growth")


# --- the post-subsidy scheme ----------------------------------------------------------------



@derivation
def gap_in_years_of_gain(gap, last_change_pp) -> Derived:
    """The remaining gap in units of last year's gain: 0.25 pp / 0.14 pp = 1.79 years at that pace."""
    d = ratio(gap, last_change_pp, label="gap_in_years_of_gain")
    return Derived(d.value, "multiple", f"{term(gap)} / {term(last_change_pp)}", d.inputs, d.label)


def analyse(summary, gdp_growths: Sequence[float] = GDP_GROWTHS) -> SectionResult:
    """Every figure the R&D notebook shows for the selected summary, and its key figures."""
    p = rd_period(summary.year)
    printed = {k: summary.get(k, None, p) for k in PRINTED}
    printed["main_indicators_rank"] = summary.get("main_indicators_rank", None, summary.year)
    level = targets.resolve_level(summary, "rd_intensity", target=True)
    target = summary.get("rd_intensity", None, level.period, "target") if level else None
    printed["rd_intensity_target"] = target
    implied = audit.implied_figures(summary)
    rd, intensity, growth = printed["rd_expenditure"], printed["rd_intensity"], printed["rd_expenditure_growth"]
    d = {name: implied.get(check) for name, check in FROM_AUDIT.items()}
    d["target_gap"] = targets.change_needed(target, intensity)
    d["gap_in_years"] = gap_in_years_of_gain(d["target_gap"], printed["rd_intensity_change"])
    d["rd_growth_needed_vs_gdp"] = required_rd_growth(intensity, target, 0)
    for g in gdp_growths:
        d[f"rd_growth_needed_gdp_{g:g}pct"] = required_rd_growth(intensity, target, g)
    d["break_even_gdp_growth"] = break_even_gdp_growth(growth, intensity, target)
    d["subsidy_share_of_rd"] = share_pct(printed["rd_post_subsidy_amount"], rd, label="subsidy_share_of_rd")
    scenarios = required_growth_table(rd, d["gdp"], intensity, target, gdp_growths)
    keys = ["province_rd", "previous_rd", "gdp", "province_intensity", "previous_intensity", "province_gdp",
            "gdp_growth", "target_gap", "rd_growth_needed_vs_gdp",
            *[f"rd_growth_needed_gdp_{g:g}pct" for g in gdp_growths],
            "break_even_gdp_growth", "subsidy_per_firm", "subsidy_share_of_rd", "previous_rank"]
    key = [key_row("rd_expenditure", rd), key_row("rd_intensity", intensity)] + [key_row(k, d[k]) for k in keys]
    res = SectionResult(printed, d, key_figures=key)
    res.period, res.target, res.scenarios = p, target, scenarios
    return res
