"""Firm cultivation: the ladder of technology firms and the provincial totals implied by the
city's shares. The section's targets against the levels already reached come from helpers.sections.targets
(`target_checks`; table and texts: targets.table, targets.level_text, targets.expr_name).
Functions take Figures and return Derived (or None when an input is not reported).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import pandas as pd

from helpers.sections import targets
from helpers.calc.derive import Derived, any_missing, implied_total, share_pct
from helpers.data.figures import Figure

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

def province_total(part, share) -> Derived | None:
    """The provincial total a city count and its share imply: 2360 / 28.23% = 8,359.9."""
    if any_missing(part, share) or not share.value:
        return None
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


def check_printed_total(part, share, printed) -> PrintedCheck | None:
    """Does the printed provincial total agree with the city's count and share?

    1689 / 5354 = 31.5465%, which rounds to the printed 31.55%: consistent.
    455 / 1452 = 31.3361%, not 31.55% (that share implies 1,442.2): inconsistent.
    """
    if any_missing(part, share, printed) or not printed.value or not share.value:
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


def ladder(get: Callable, year: int, province: str = "jiangxi") -> list[Rung]:
    """The ladder's rungs for the summary reviewing `year`.

    `get` is `Summary.get` or `Notebook.fig` (so the figures are cited): get(indicator, region,
    period, kind) -> Figure | None. Missing figures stay None.
    """
    rungs = []
    for indicator, kind in LADDER:
        fig = get(indicator, None, year, kind)
        share = get(indicator + SHARE_SUFFIX, None, year, "actual") if kind == "actual" else None
        printed = get(indicator, province, year, "actual") if kind == "actual" else None
        rungs.append(Rung(indicator, fig, share, province_total(fig, share), printed,
                          check_printed_total(fig, share, printed)))
    return rungs


# --- targets against baselines: helpers.sections.targets -------------------------------------------------

SECTION = "firm_cultivation"


def target_checks(summary) -> list[targets.TargetCheck]:
    """The section's targets against their baselines (helpers.sections.targets, pairs in file order)."""
    return targets.check_targets(summary, section=SECTION)


def reported_rate(reported, applications) -> Derived | None:
    """Share of the city's HTE applications reported to MOST: 455 / 1689 = 26.94%."""
    if any_missing(reported, applications) or not applications.value:
        return None
    return share_pct(reported, applications, label="reported_rate")


# --- tables for the notebook ---------------------------------------------------------------

_STATUS = {True: ("consistent", "一致"), False: ("inconsistent", "不一致")}
_KIND = {"actual": ("actual", "实际"), "estimate": ("estimate", "预计"), "target": ("target", "目标")}


def _name(summary, indicator: str, lang: str) -> str:
    return targets.expr_name(summary, indicator, lang)


def _round(x, nd: int = 2):
    return None if x is None else round(x.value, nd)


def ladder_table(summary, rungs: list[Rung], lang: str = "en") -> pd.DataFrame:
    """The ladder as a table: count, share, implied and printed provincial totals, the check."""
    from helpers.sections.rd import region_name
    i = 1 if lang == "zh" else 0
    city = region_name(summary.city, lang)
    heads = {"en": ["Stage", "Kind", f"{city} (firms)", "Share of province (%)",
                    "Implied provincial total (firms)", "Printed provincial total (firms)", "Check"],
             "zh": ["环节", "类型", f"{city}（家）", "占全省比重（%）", "推算全省总数（家）",
                    "文件所载全省数（家）", "核验"]}[lang]
    recs = []
    for r in rungs:
        kind = r.figure.kind if r.figure is not None else dict(LADDER)[r.indicator]
        recs.append([_name(summary, r.indicator, lang), _KIND[kind][i],
                     None if r.figure is None else r.figure.value,
                     None if r.share is None else r.share.value,
                     _round(r.implied_province, 1),
                     None if r.printed_province is None else r.printed_province.value,
                     "" if r.check is None else _STATUS[r.check.consistent][i]])
    df = pd.DataFrame(recs, columns=heads)
    return df
