"""R&D input: what the printed R&D figures imply, and what the intensity target asks for.

R&D statistics are published a year late, so a summary reviewing `year` prints R&D actuals for
`year - 1` (`rd_period`); the intensity target keeps its own period. Every function takes
`Figure`s (or `Derived`s) and returns a `Derived`, or None when an input is not reported, so a
notebook can show "not reported" instead of crashing when next year's document lacks a figure.
"""
from __future__ import annotations

from typing import Sequence

import pandas as pd

from helpers.calc.derive import Derived, any_missing, figures_behind, implied_total, per_unit, previous_level, term
from helpers.data.units import to_yuan


def rd_period(year: int) -> int:
    """The period of the R&D actuals in the summary reviewing `year` (2021 summary -> 2020 data)."""
    return int(year) - 1





# --- what the shares and growth rates imply ------------------------------------------------

def province_rd(rd, share_pct) -> Derived | None:
    """Jiangxi R&D expenditure the city's share implies: 111.77 / 25.95% = 430.71 亿元."""
    if any_missing(rd, share_pct):
        return None
    return implied_total(rd, share_pct, label="province_rd")


def previous_rd(rd, growth_pct) -> Derived | None:
    """Last year's R&D the growth rate implies: 111.77 / (1 + 10.40%) = 101.24 亿元."""
    if any_missing(rd, growth_pct):
        return None
    d = previous_level(rd, growth_pct, label="previous_rd")
    return Derived(d.value, d.unit, f"{term(rd)} / (1 + {term(growth_pct)}%)", d.inputs, d.label)


def implied_gdp(rd, intensity_pct) -> Derived | None:
    """GDP the intensity implies (intensity = R&D / GDP): 111.77 / 1.95% = 5,731.79 亿元."""
    if any_missing(rd, intensity_pct) or not intensity_pct.value:
        return None
    return Derived(rd.value / (intensity_pct.value / 100), rd.unit,
                   f"{term(rd)} / {term(intensity_pct)}%", figures_behind(rd, intensity_pct), "implied_gdp")


def province_intensity(intensity_pct, gap_pp) -> Derived | None:
    """The provincial average intensity: city intensity minus the printed gap, 1.95% - 0.27 pp = 1.68%."""
    if any_missing(intensity_pct, gap_pp):
        return None
    return Derived(intensity_pct.value - gap_pp.value, "percent",
                   f"{term(intensity_pct)}% - {term(gap_pp)} pp", figures_behind(intensity_pct, gap_pp),
                   "province_intensity")


def previous_intensity(intensity_pct, change_pp) -> Derived | None:
    """Last year's intensity: 1.95% - 0.14 pp = 1.81%."""
    if any_missing(intensity_pct, change_pp):
        return None
    return Derived(intensity_pct.value - change_pp.value, "percent",
                   f"{term(intensity_pct)}% - {term(change_pp)} pp", figures_behind(intensity_pct, change_pp),
                   "previous_intensity")


def province_gdp(prov_rd, prov_intensity) -> Derived | None:
    """Provincial GDP from two implied figures: Jiangxi R&D / Jiangxi intensity = 430.71 / 1.68% = 25,637.67 亿元."""
    if any_missing(prov_rd, prov_intensity) or not prov_intensity.value:
        return None
    return Derived(prov_rd.value / (prov_intensity.value / 100), prov_rd.unit,
                   f"{term(prov_rd)} / {term(prov_intensity)}%",
                   figures_behind(prov_rd, prov_intensity), "province_gdp")


def implied_gdp_growth(rd_growth_pct, intensity_pct, prev_intensity) -> Derived | None:
    """Nominal GDP growth the R&D growth and the two intensities imply.

    GDP_t / GDP_{t-1} = (RD_t / RD_{t-1}) × (I_{t-1} / I_t): (1 + 10.40%) × 1.81 / 1.95 - 1 = 2.47%.
    The intensities are printed to two decimals, so this is good to about ±0.5 pp only.
    """
    if any_missing(rd_growth_pct, intensity_pct, prev_intensity) or not intensity_pct.value:
        return None
    value = ((1 + rd_growth_pct.value / 100) * prev_intensity.value / intensity_pct.value - 1) * 100
    return Derived(value, "percent",
                   f"(1 + {term(rd_growth_pct)}%) × {term(prev_intensity)} / {term(intensity_pct)} - 1",
                   figures_behind(rd_growth_pct, prev_intensity, intensity_pct), "implied_gdp_growth")


def previous_rank(rank, places_gained) -> Derived | None:
    """Last year's rank: this year's rank plus the places gained (3rd, up 1 -> 4th)."""
    if any_missing(rank, places_gained):
        return None
    return Derived(rank.value + places_gained.value, "rank", f"{term(rank)} + {term(places_gained)}",
                   figures_behind(rank, places_gained), "previous_rank")


# --- the 2.2% target ------------------------------------------------------------------------

def target_gap(intensity_pct, target_pct) -> Derived | None:
    """Percentage points still missing to the target: 2.2% - 1.95% = 0.25 pp."""
    if any_missing(intensity_pct, target_pct):
        return None
    return Derived(target_pct.value - intensity_pct.value, "pp",
                   f"{term(target_pct)}% - {term(intensity_pct)}%", figures_behind(target_pct, intensity_pct),
                   "target_gap")


def _years(intensity_pct, target_pct) -> int:
    periods = [getattr(x, "period", None) for x in (intensity_pct, target_pct)]
    if None in periods:
        return 1
    return max(1, int(periods[1]) - int(periods[0]))


def required_rd_growth(intensity_pct, target_pct, gdp_growth_pct: float) -> Derived | None:
    """Annual nominal R&D growth that reaches the target intensity if GDP grows `gdp_growth_pct` a year.

    Over n = target period - base period years: ((1 + g)^n × target / intensity)^(1/n) - 1.
    One year (2020 -> 2021) at g = 8%: 1.08 × 2.2 / 1.95 - 1 = 21.85%.
    """
    if any_missing(intensity_pct, target_pct, gdp_growth_pct) or not intensity_pct.value:
        return None
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


def required_growth_table(rd, intensity_pct, target_pct, gdp_growths: Sequence[float]) -> pd.DataFrame:
    """One row per assumed nominal GDP growth: the GDP, the R&D level and the R&D growth the target needs.

    Columns (language-neutral ids; the notebook renames them): gdp_growth, gdp, rd_needed,
    rd_growth_needed. Values are rounded to two decimals; None where an input is missing.
    """
    gdp0 = implied_gdp(rd, intensity_pct)
    n = _years(intensity_pct, target_pct)
    rows = []
    for g in gdp_growths:
        req = required_rd_growth(intensity_pct, target_pct, g)
        gdp = None if gdp0 is None else round(gdp0.value * (1 + float(g) / 100) ** n, 2)
        need = None if req is None or rd is None else round(rd.value * (1 + req.value / 100) ** n, 2)
        rows.append({"gdp_growth": float(g), "gdp": gdp, "rd_needed": need,
                     "rd_growth_needed": None if req is None else round(req.value, 2)})
    return pd.DataFrame(rows, columns=["gdp_growth", "gdp", "rd_needed", "rd_growth_needed"])


def break_even_gdp_growth(rd_growth_pct, intensity_pct, target_pct) -> Derived | None:
    """The GDP growth at which R&D growing as fast as last year just reaches the target.

    One year: (1 + r) × intensity / target - 1 = 1.104 × 1.95 / 2.2 - 1 = -2.15% (negative: even
    a shrinking economy would not be enough at 2020's R&D growth).
    """
    if any_missing(rd_growth_pct, intensity_pct, target_pct) or not target_pct.value:
        return None
    n = _years(intensity_pct, target_pct)
    value = (((1 + rd_growth_pct.value / 100) ** n * intensity_pct.value / target_pct.value) ** (1 / n) - 1) * 100
    return Derived(value, "percent",
                   f"(1 + {term(rd_growth_pct)}%) × {term(intensity_pct)} / {term(target_pct)} - 1",
                   figures_behind(rd_growth_pct, intensity_pct, target_pct), "break_even_gdp_growth")


# --- the post-subsidy scheme ----------------------------------------------------------------

def subsidy_per_firm(amount, firms) -> Derived | None:
    """Average post-subsidy per firm, in 万元: 2.32 亿元 / 999 = 23.22 万元."""
    if any_missing(amount, firms) or not firms.value:
        return None
    d = per_unit(amount, firms)
    formula = f"{to_yuan(amount.value, amount.unit):,.0f} / {term(firms)}"
    return Derived(d.value / 1e4, "cny_10k", formula, d.inputs, "subsidy_per_firm")


def subsidy_share_of_rd(amount, rd) -> Derived | None:
    """Post-subsidies as a share of the city's R&D expenditure: 2.32 / 111.77 = 2.08%."""
    if any_missing(amount, rd) or not rd.value:
        return None
    value = to_yuan(amount.value, amount.unit) / to_yuan(rd.value, rd.unit) * 100
    return Derived(value, "percent", f"{term(amount)} / {term(rd)} × 100", figures_behind(amount, rd),
                   "subsidy_share_of_rd")


def gap_in_years_of_gain(gap, last_change_pp) -> Derived | None:
    """The remaining gap in units of last year's gain: 0.25 pp / 0.14 pp = 1.79 years at that pace."""
    if any_missing(gap, last_change_pp) or not last_change_pp.value:
        return None
    return Derived(gap.value / last_change_pp.value, "multiple", f"{term(gap)} pp / {term(last_change_pp)} pp",
                   figures_behind(gap, last_change_pp), "gap_in_years_of_gain")


# --- small presentation helpers shared by the section notebooks -------------------------------

_REGIONS = {"nanchang": ("Nanchang", "南昌"), "jiangxi": ("Jiangxi", "江西")}


def region_name(region: str, lang: str = "en") -> str:
    """'Nanchang' / '南昌'; an unknown region falls back to its pinyin id, capitalised."""
    en, zh = _REGIONS.get(region, (region.capitalize(), region.capitalize()))
    return zh if lang == "zh" else en


def _label_value(x) -> tuple[float | None, str, str]:
    if x is None:
        return None, "", "not reported"
    if isinstance(x, Derived):
        return round(x.value, 2), x.unit, f"implied: {x.formula}"
    return round(x.value, 2), x.unit, "printed"


def derived_table(rows, lang: str = "en") -> pd.DataFrame:
    """rows: (label with its unit, Figure | Derived | None). Value rounded to 2; how it was obtained."""
    heads = {"en": ("Figure", "Value", "How it is obtained"), "zh": ("数据", "数值", "来源或推算方法")}[lang]
    words = {"en": ("printed in the document", "implied: ", "not reported"),
             "zh": ("文件原文", "推算：", "未报告")}[lang]
    recs = []
    for label, x in rows:
        if x is None:
            recs.append((label, words[2], ""))
        elif isinstance(x, Derived):
            recs.append((label, round(x.value, 2), words[1] + x.formula))
        else:
            recs.append((label, round(x.value, 2), words[0]))
    return pd.DataFrame.from_records(recs, columns=list(heads))


def key_row(label: str, x) -> tuple[str, float | None, str, str]:
    """A row for nb.key_figures: value rounded to 2; the note says printed, implied (formula) or not reported."""
    value, unit, note = _label_value(x)
    return label, value, unit, note


def printed_value(fig, lang: str = "en") -> str:
    """A figure as printed; a change of rank ('up 1 place') is a count of places, not '1st'."""
    from helpers.data.units import format_value
    if fig is None:
        return format_value(None, "count", lang)
    if fig.unit == "rank" and fig.indicator.endswith("_change"):
        return format_value(fig.value, "count", lang)
    return fig.formatted(lang)


def printed_table(summary, section: str, lang: str = "en") -> pd.DataFrame:
    """A section's printed figures: name, region, period, kind and value with its unit, in `lang`."""
    from helpers.present.i18n import t
    heads = {"en": ["Indicator", "Region", "Period", "Kind", "Value (with unit)"],
             "zh": ["指标", "地区", "时期", "类型", "数值（含单位）"]}[lang]
    recs = [(f.name(lang), region_name(f.region, lang), f.period, t(f.kind, lang), printed_value(f, lang))
            for f in summary.figures(section)]
    return pd.DataFrame.from_records(recs, columns=heads)
