"""A city's named schemes (data/schemes.csv): which scheme reports an indicator's figures, and its
name in both languages as the city's documents write it.

A scheme's name is data, never code: a second city whose rows use the same indicator ids (a credit
scheme's loans, a talent plan's recruits) is named by its own row, and a city with no row for a
scheme has no name to give it, so nothing is said about the scheme. A selection draws on its own
documents first, then on earlier documents about the same city (a scheme named in last year's
summary is still the city's scheme); a later document never names a scheme for an earlier year.
"""
from __future__ import annotations

from dataclasses import dataclass

TABLE = "schemes"


@dataclass(frozen=True)
class Scheme:
    scheme: str
    kind: str
    name_en: str
    name_zh: str
    indicators: tuple[str, ...]
    source: str
    quote: str

    def name(self, lang: str = "en") -> str:
        return self.name_zh if lang == "zh" else self.name_en


def schemes(summary) -> list[Scheme]:
    """The city's schemes the selection's documents name, the nearest document first."""
    tab = summary.dataset.tables.get(TABLE)
    if tab is None or tab.empty:
        return []
    rank = {s: i for i, s in enumerate(summary.documents)}
    rows = tab[(tab["region"] == summary.city) & tab["source"].isin(rank)].copy()
    rows["_rank"] = rows["source"].map(rank)
    rows = rows.sort_values(["_rank", "line"], kind="stable")
    return [Scheme(r.scheme, r.kind, r.name_en, r.name_zh, tuple(r.indicators.split("+")), r.source, r.quote)
            for r in rows.itertuples(index=False)]


def scheme_of(summary, indicator: str) -> Scheme | None:
    """The scheme whose figures `indicator` reports for the selection's city; None when no
    document of the selection names one."""
    return next((s for s in schemes(summary) if indicator in s.indicators), None)
