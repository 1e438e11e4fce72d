"""Which documents a (city, year) selection draws on, and which of them leads.

A selection is every document in sources.csv about the city and the year (its own documents:
the work summary, the work plan, a statistics bulletin, a news report...), led by one of them
(the work summary if there is one). Its figures also come from the documents of earlier years and
of the regions above the city (the province's and the country's statistics), so that targets meet
their outcomes and shares meet the totals they are shares of; a document about a later year never
feeds an earlier year's report. A document about the year published after the leading one (a
review of 2020 published in 2023) may; every statement resting on it says so (`published_after`). Plain csv rows in, so the build can check a selection before pandas loads.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping

# The order in which a document leads its selection, and in which two documents printing the same
# figure are preferred: the bureau's own documents first (the report reviews them), then official
# statistics, then the press. Two documents that disagree are shown side by side by the audit.
KINDS = ("work_summary", "work_plan", "five_year_plan", "statistics_bulletin", "news_report")
SUMMARY_KINDS = ("", "work_summary", "summary")  # sources.csv without a kind column: summaries


def kind_of(row: Mapping) -> str:
    kind = str(row.get("kind") or "").strip()
    return "work_summary" if kind in SUMMARY_KINDS else kind


def _rank(row: Mapping) -> int:
    kind = kind_of(row)
    return KINDS.index(kind) if kind in KINDS else len(KINDS)


def own_documents(rows: Iterable[Mapping], city: str, year: int) -> list[Mapping]:
    """The documents about `city` and `year`, the leading one first (file order breaks ties)."""
    hits = [r for r in rows if str(r["city"]).strip() == city and int(r["year"]) == int(year)]
    return sorted(hits, key=_rank)


def regions_above(region: str, parents: Mapping[str, str]) -> list[str]:
    """The region and every region it belongs to: nanchang -> [nanchang, jiangxi, china]."""
    chain, seen = [region], {region}
    while parents.get(chain[-1]) and parents[chain[-1]] not in seen:
        chain.append(parents[chain[-1]])
        seen.add(chain[-1])
    return chain


def pool(rows: Iterable[Mapping], city: str, year: int, parents: Mapping[str, str]) -> list[Mapping]:
    """Every document the selection may draw figures from, in order of preference: its own
    documents, then the others about the city or a region above it, of this year or earlier
    (the more recent first, then by kind)."""
    rows = list(rows)
    own = own_documents(rows, city, year)
    own_ids = {str(r["source"]) for r in own}
    regions = regions_above(city, parents)
    others = [r for r in rows if str(r["source"]) not in own_ids
              and str(r["city"]).strip() in regions and int(r["year"]) <= int(year)]
    others.sort(key=lambda r: (-int(r["year"]), _rank(r)))
    return own + others


def published_after(doc: Mapping, lead: Mapping) -> bool:
    """Did `doc` come out after `lead`? Compared at the precision both give ('2023-02' against
    '2022-08'; '2021' against '2020-11' by year); False when either date is unknown or they tie."""
    a, b = str(doc.get("published") or "").strip(), str(lead.get("published") or "").strip()
    if not a or not b:
        return False
    n = min(len(a), len(b))
    return a[:n] > b[:n]
