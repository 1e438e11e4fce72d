"""Section 06, science-finance leverage: what each instrument moves per yuan of public money.

Functions take `Figure`s (or `Derived`s) and return `Derived` or None when an input is not
reported, so a notebook can show "not reported" instead of crashing. `per_unit_in` is shared by
the other section modules (platforms, trading, talent).
"""
from __future__ import annotations

from helpers.calc import audit
from helpers.calc.derive import Derived, ratio
from helpers.calc.result import SectionResult, key_row

# "十余倍": ten-odd times, i.e. more than 10 and less than 20.
SHIYU_BEI = (10.0, 20.0)

PRINTED = ("guide_fund_equity_projects", "guide_fund_equity_amount", "kedaitong_firms", "kedaitong_loans",
           "kedaitong_loans_cumulative", "kedaitong_risk_pool", "tech_insurance_firms",
           "tech_insurance_premium_subsidy", "tech_insurance_coverage")


def fits_shiyu(d: Derived | None) -> bool | None:
    """Does a ratio fit the document's "十余倍" (more than ten, fewer than twenty times)?"""
    if d is None:
        return None
    low, high = SHIYU_BEI
    return low < d.value < high


def analyse(summary) -> SectionResult:
    """Every figure the science-finance notebook shows, and its key figures."""
    g = {k: summary.get(k) for k in PRINTED}
    implied = audit.implied_figures(summary)
    d = {
        "equity_per_project": implied.get("guide_fund_per_project"),
        "loan_per_firm": implied.get("kedaitong_loan_per_firm"),
        "leverage_cumulative": implied.get("kedaitong_leverage"),
        "leverage_2021": ratio(g["kedaitong_loans"], g["kedaitong_risk_pool"]),
        "subsidy_per_firm": implied.get("tech_insurance_subsidy_per_firm"),
        "coverage_per_subsidy": implied.get("tech_insurance_leverage"),
        "coverage_per_firm": implied.get("tech_insurance_coverage_per_firm"),
        "coverage_share_of_gdp": implied.get("tech_insurance_coverage_share_of_gdp"),
        "equity_ratio": ratio(g["guide_fund_equity_amount"], g["guide_fund_equity_amount"]),
    }
    fits = fits_shiyu(d["leverage_cumulative"])
    key = [key_row("guide fund equity per project", d["equity_per_project"]),
           key_row("Kedaitong loan per firm", d["loan_per_firm"]),
           key_row("Kedaitong cumulative loans / risk pool", d["leverage_cumulative"], note=f"fits 十余倍: {fits}"),
           key_row("Kedaitong loans in the year / risk pool", d["leverage_2021"]),
           key_row("insurance subsidy per firm", d["subsidy_per_firm"]),
           key_row("sum insured / premium subsidy", d["coverage_per_subsidy"], 0),
           key_row("sum insured per firm", d["coverage_per_firm"])]
    implausible = {k: v.flag for k, v in d.items() if v is not None and v.flag}
    return SectionResult(g, d, flags={"fits_shiyu": fits, "implausible": implausible}, key_figures=key)


# The instruments on one scale: money reaching firms (or insured) per yuan of public money.
INSTRUMENTS = (
    ("equity_ratio", "Guide fund: equity per yuan invested", "引导基金：每元投资的股权"),
    ("leverage_2021", "Kedaitong: loans in the year per yuan of risk pool", "洪城科贷通：当年放贷/风险池"),
    ("leverage_cumulative", "Kedaitong: cumulative loans per yuan of risk pool", "洪城科贷通：累计放贷/风险池"),
    ("coverage_per_subsidy", "Insurance: sum insured per yuan of premium subsidy", "科技保险：风险保障/保费补助"),
)


def instrument_ratios(metrics: dict, lang: str = "en") -> list[tuple[str, float | None]]:
    """(label in `lang`, ratio or None) for each instrument, in a fixed order."""
    return [(zh if lang == "zh" else en, None if metrics.get(k) is None else metrics[k].value)
            for k, en, zh in INSTRUMENTS]
