"""Section 06, science-finance leverage: what each instrument moves per yuan of public money.

Functions take `Figure`s (or `Derived`s) and return `Derived` or None when an input is not
reported, so a notebook can show "not reported" instead of crashing. `per_unit_in` is shared by
the other section modules (platforms, trading, talent).
"""
from __future__ import annotations

from dataclasses import replace

from helpers.calc.derive import Derived, any_missing, figures_behind, per_unit, ratio
from helpers.data.units import YUAN_PER_UNIT

# "十余倍": ten-odd times, i.e. more than 10 and less than 20.
SHIYU_BEI = (10.0, 20.0)




def per_unit_in(amount, count, unit: str = "cny_10k", label: str = "") -> Derived | None:
    """Money per firm, project or item in `unit` (cny_10k or cny_100m): 2500 万元 / 5 = 500 万元."""
    if any_missing(amount, count):
        return None
    d = per_unit(amount, count, label)
    return replace(d, value=d.value / YUAN_PER_UNIT[unit], unit=unit, inputs=figures_behind(amount, count))


def leverage(loans, pool, label: str = "") -> Derived | None:
    """Loans per yuan of the risk pool: 5.33 亿元 / 3000 万元 = 17.77×."""
    return None if any_missing(loans, pool) else ratio(loans, pool, label)


def fits_shiyu(d: Derived | None) -> bool | None:
    """Does a ratio fit the document's "十余倍" (more than ten, fewer than twenty times)?"""
    if d is None:
        return None
    low, high = SHIYU_BEI
    return low < d.value < high


def equity_ratio(equity, label: str = "") -> Derived | None:
    """Direct equity puts one yuan into firms per yuan of the fund (no leverage): the baseline."""
    return None if equity is None else ratio(equity, equity, label)


def compute(get) -> dict[str, Derived | None]:
    """Every derived figure of the section, from `get` (Summary.get or Notebook.fig)."""
    g = {k: get(k) for k in (
        "guide_fund_equity_projects", "guide_fund_equity_amount", "kedaitong_firms", "kedaitong_loans",
        "kedaitong_loans_cumulative", "kedaitong_risk_pool", "tech_insurance_firms",
        "tech_insurance_premium_subsidy", "tech_insurance_coverage")}
    return {
        "equity_per_project": per_unit_in(g["guide_fund_equity_amount"], g["guide_fund_equity_projects"]),
        "loan_per_firm": per_unit_in(g["kedaitong_loans"], g["kedaitong_firms"]),
        "leverage_cumulative": leverage(g["kedaitong_loans_cumulative"], g["kedaitong_risk_pool"]),
        "leverage_2021": leverage(g["kedaitong_loans"], g["kedaitong_risk_pool"]),
        "subsidy_per_firm": per_unit_in(g["tech_insurance_premium_subsidy"], g["tech_insurance_firms"]),
        "coverage_per_subsidy": None if any_missing(g["tech_insurance_coverage"], g["tech_insurance_premium_subsidy"])
        else ratio(g["tech_insurance_coverage"], g["tech_insurance_premium_subsidy"]),
        "coverage_per_firm": per_unit_in(g["tech_insurance_coverage"], g["tech_insurance_firms"], "cny_100m"),
        "equity_ratio": equity_ratio(g["guide_fund_equity_amount"]),
    }


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


def log_hbar(labels, values, *, title: str, xlabel: str = "", value_fmt: str = "{:,.1f}×",
             band: tuple[float, float] | None = None, band_label: str = ""):
    """helpers.present.plots.hbar on a logarithmic x axis (for ratios from 1× to tens of thousands ×);
    `band` shades a claimed range such as the document's 十余倍 (10-20×)."""
    from matplotlib.ticker import FuncFormatter

    from helpers.present import plots
    fig = plots.hbar(labels, values, title=title, xlabel=xlabel, value_fmt=value_fmt)
    ax = fig.axes[0]
    top = max([v for v in values if v is not None] or [1.0])
    ax.set_xscale("log")
    ax.set_xlim(0.5, top * 12)
    for txt, v in zip(ax.texts, values):  # hbar places labels on a linear scale: move them
        txt.set_x(v * 1.15 if v else 0.6)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _p: f"{v:,.0f}×" if v >= 1 else f"{v:g}×"))
    if band:
        ax.axvspan(*band, color=plots.TARGET_COLOR, alpha=0.18, linewidth=0, zorder=0)
        if band_label:
            ax.text((band[0] * band[1]) ** 0.5, 0.995, band_label, transform=ax.get_xaxis_transform(),
                    ha="center", va="top", fontsize=8, color=plots.MUTED)
    return fig
