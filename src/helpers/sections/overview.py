"""The headline scorecard: the four main indicators with value, share of the province and rank."""
from __future__ import annotations

import pandas as pd

from helpers.data.figures import Figure, Summary

SHARE_SUFFIX = "_share_of_province"

# (value indicator, share indicator, rank indicator, period offset from the summary year)
MAIN_INDICATORS = (
    ("rd_expenditure", "rd_expenditure_share_of_province", "main_indicators_rank", -1),
    ("rd_intensity", None, "rd_intensity_rank", -1),
    ("tech_sme_applications", "tech_sme_applications_share_of_province", "main_indicators_rank", 0),
    ("hte_applications", "hte_applications_share_of_province", "main_indicators_rank", 0),
    ("tech_contract_count", "tech_contract_count_share_of_province", "main_indicators_rank", 0),
    ("tech_contract_turnover", "tech_contract_turnover_share_of_province", "main_indicators_rank", 0),
)


def scorecard(summary: Summary) -> list[dict]:
    """One dict per main indicator: value, share and rank Figures (None when not reported).

    R&D figures of a summary refer to the year before it (offset -1); the generic rank
    "其余指标均排名全省第一" is stated for the summary year.
    """
    rows = []
    for value_id, share_id, rank_id, offset in MAIN_INDICATORS:
        period = summary.year + offset
        rank_period = period if rank_id != "main_indicators_rank" else summary.year
        rows.append({
            "indicator": value_id,
            "value": summary.get(value_id, period=period),
            "share": summary.get(share_id, period=period) if share_id else None,
            "rank": summary.get(rank_id, period=rank_period),
        })
    return rows


def shares_of_province(summary: Summary) -> list[tuple[Figure, Figure | None]]:
    """Every share-of-province figure the selection's own documents print, with the figure it is
    a share of, largest first (an earlier document's shares describe an earlier year)."""
    out = []
    for f in summary.figures(own=True):
        if f.indicator.endswith(SHARE_SUFFIX) and f.kind == "actual":
            base = f.indicator[: -len(SHARE_SUFFIX)]
            known = set(summary.dataset.catalog["indicator"])
            out.append((f, summary.get(base, period=f.period) if base in known else None))
    return sorted(out, key=lambda pair: (-pair[0].value, pair[0].indicator))


def repeated_shares(pairs) -> list[list[Figure]]:
    """Groups of shares that print the same number (31.55% for two different counts): one of the
    two may be copied from the other, so the audit checks each against its count."""
    groups: dict[str, list[Figure]] = {}
    for share, _ in pairs:
        groups.setdefault(share.printed, []).append(share)
    return [g for g in groups.values() if len(g) > 1]


def share_range(summary: Summary) -> tuple[Figure, Figure] | None:
    """The smallest and largest share of the province (None when the summary prints none)."""
    pairs = shares_of_province(summary)
    if not pairs:
        return None
    return pairs[-1][0], pairs[0][0]


def verdicts(summary: Summary, lang: str) -> pd.DataFrame:
    """The document's own verdicts on its year, in `lang`, with their quotes."""
    tab = summary.table("verdicts")
    if tab.empty:
        return pd.DataFrame(columns=["claim", "quote"])
    col = "claim_zh" if lang == "zh" else "claim_en"
    return pd.DataFrame({"claim": tab[col], "quote": tab["quote"]})
