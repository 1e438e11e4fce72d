"""Section 1, the overview: the main indicators the selection's documents report (value, share of
the province, rank), the documents' own verdicts on their year, and every share of the province
they print. `analyse(summary)` returns the section's statements by topic (`scorecard`,
`verdicts`, `shares`); the words are in messages/<lang>/overview.po.

Nothing here names a city or a year: a rank applies to every main indicator only when the
document prints it so (its quote says 均, 其余指标均 ...), and the R&D lag is data/publication_lags.csv.
"""
from __future__ import annotations

from helpers.calc.result import SectionResult
from helpers.calc.statements import ABSOLUTE_WORDS, Builder, Items, Region, Text
from helpers.data.figures import Figure, Summary, per_summary

SHARE_SUFFIX = "_share_of_province"

# (value indicator, share indicator, rank indicator): the main indicators a work summary opens with.
# A rank indicator that several rows share is a rank the document gives to all of them at once.
MAIN_INDICATORS = (
    ("rd_expenditure", "rd_expenditure_share_of_province", "main_indicators_rank"),
    ("rd_intensity", None, "rd_intensity_rank"),
    ("tech_sme_applications", "tech_sme_applications_share_of_province", "main_indicators_rank"),
    ("hte_applications", "hte_applications_share_of_province", "main_indicators_rank"),
    ("tech_contract_count", "tech_contract_count_share_of_province", "main_indicators_rank"),
    ("tech_contract_turnover", "tech_contract_turnover_share_of_province", "main_indicators_rank"),
)


def _latest_actual(summary: Summary, indicator: str) -> Figure | None:
    """The latest actual the selection's own documents print for the city, up to the year it
    reviews (R&D figures of a summary describe the year before: they are published a year late)."""
    rows = summary.own_rows()
    r = rows[(rows["indicator"] == indicator) & (rows["region"] == summary.city)
             & (rows["kind"] == "actual") & (rows["period"] <= summary.year)]
    return None if r.empty else summary.get(indicator, period=int(r["period"].max()))


def scorecard(summary: Summary) -> list[dict]:
    """One dict per main indicator: value, share and rank Figures (None when not reported).

    The value is the latest actual the selection's own documents print; its share is of the same
    period; a rank shared by several indicators (其余指标均排名全省第一) is the one printed for the
    year reviewed, an indicator's own rank that of its value's period.
    """
    shared = {rank for _, _, rank in MAIN_INDICATORS
              if sum(r == rank for _, _, r in MAIN_INDICATORS) > 1}
    rows = []
    for value_id, share_id, rank_id in MAIN_INDICATORS:
        value = _latest_actual(summary, value_id)
        period = summary.year if value is None else value.period
        rank_period = summary.year if rank_id in shared else period
        rows.append({
            "indicator": value_id,
            "value": value,
            "share": summary.get(share_id, period=period) if share_id and value is not None else None,
            "rank": summary.get(rank_id, period=rank_period) if value is not None else None,
        })
    return rows


def shares_of_province(summary: Summary) -> list[tuple[Figure, Figure | None]]:
    """Every share-of-province figure the selection's own documents print, with the figure it is
    a share of, largest first (an earlier document's shares describe an earlier year)."""
    out = []
    known = set(summary.dataset.catalog["indicator"])
    for f in summary.figures(own=True):
        if f.indicator.endswith(SHARE_SUFFIX) and f.kind == "actual":
            base = f.indicator[: -len(SHARE_SUFFIX)]
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


# --- statements -------------------------------------------------------------------------------

def says_all(figure: Figure | None, word: str = "every") -> bool:
    """Does the figure's quote say that it holds for every item (均, 其余指标均 ...)?"""
    return figure is not None and any(w in figure.quote for w in ABSOLUTE_WORDS[word])


def _lag_note(summary: Summary, indicator: str) -> Text | None:
    """Why a figure is of an earlier year than the one reviewed (data/publication_lags.csv)."""
    lags = summary.dataset.tables.get("publication_lags")
    hit = None if lags is None else lags[lags["indicator"] == indicator]
    if hit is None or hit.empty:
        return None
    row = hit.iloc[0]
    return Text(str(row["note"]), str(row["note_zh"]))


def scorecard_statements(b: Builder, cards: list[dict], summary: Summary) -> None:
    """R&D spending and intensity as printed, why their year is earlier, and the ranks: a rank
    the document gives to all the main indicators at once is stated for all of them ("every"),
    with the indicator it leaves out; otherwise each rank is stated on its own."""
    card = {c["indicator"]: c for c in cards}
    rd, intensity = card["rd_expenditure"]["value"], card["rd_intensity"]["value"]
    city = Region(summary.city)
    if rd is not None and intensity is not None and rd.period == intensity.period:
        b.say("level", "level.overview.rd", x=rd, y=intensity, city=city)
    else:
        b.say("level", "level.overview.rd_expenditure", x=rd, city=city)
        b.say("level", "level.overview.rd_intensity", x=intensity, city=city)
    lagged = rd or intensity
    later = next((c["value"] for c in cards if c["value"] is not None and lagged is not None
                  and c["value"].period > lagged.period), None)
    if lagged is not None and later is not None:
        b.say("caveat", "caveat.overview.lag", x=lagged, other=later, why=_lag_note(summary, lagged.indicator))
    ranked = [c for c in cards if c["rank"] is not None]
    counts: dict[str, int] = {}
    for c in ranked:
        counts[c["rank"].indicator] = counts.get(c["rank"].indicator, 0) + 1
    common = max(counts, key=counts.get) if counts else None
    shared = next((c["rank"] for c in ranked if c["rank"].indicator == common), None)
    if shared is not None and counts[common] > 1 and says_all(shared):
        others = [c for c in ranked if c["rank"].indicator != common]
        province, city = Region(summary.province), Region(summary.city)
        if not others:
            b.say("rank", "rank.overview.all", rank=shared, city=city, province=province,
                  absolute="every", evidence=shared)
        elif len(others) == 1:
            ex = others[0]
            b.say("rank", "rank.overview.all_but_one", rank=shared, except_rank=ex["rank"], except_value=ex["value"],
                  city=city, province=province, absolute="every", evidence=shared)
        ranked = [] if len(others) <= 1 else others
    for c in ranked:
        b.say("rank", "rank.overview.card", rank=c["rank"], x=c["value"], province=Region(summary.province))


def verdict_statements(b: Builder, summary: Summary) -> None:
    """The document's own verdicts on its year, whole and in its order (data/verdicts.csv)."""
    tab = summary.table("verdicts")
    if tab.empty:
        return
    items = Items(tuple(Text(f"“{r.claim_en}”", f"“{r.claim_zh}”") for r in tab.itertuples()),
                  quotes=tuple(str(q) for q in tab["quote"]), sources=tuple(dict.fromkeys(tab["source"])))
    b.say("list", "list.overview.verdicts" + (".one" if len(tab) == 1 else ""), items=items, whole=len(tab), n=len(tab),
          title=Text(summary.title, summary.title))


def share_statements(b: Builder, pairs, summary: Summary) -> None:
    """The range of the shares of the province the documents print; shares that print the same
    number, which the audit checks against their counts."""
    province, city = Region(summary.province), Region(summary.city)
    if len(pairs) == 1:
        b.say("share", "share.overview.single", share=pairs[0][0], city=city, province=province)
    elif pairs:
        lo, hi = pairs[-1][0], pairs[0][0]
        b.say("share", "share.overview.range", lo=lo, hi=hi, n=len(pairs), city=city, province=province)
    for same in repeated_shares(pairs):
        b.say("caveat", "caveat.overview.repeated_share", share=same[0], n=len(same),
              names=Items(tuple(Text(f.name("en"), f.name("zh")) for f in same), figures=tuple(same)))


@per_summary
def analyse(summary: Summary) -> SectionResult:
    """The scorecard, the verdicts, the shares; statements by topic: `scorecard`, `verdicts`, `shares`."""
    cards = scorecard(summary)
    pairs = shares_of_province(summary)
    b = Builder.for_summary(summary, topic="scorecard")
    scorecard_statements(b, cards, summary)
    b.topic = "verdicts"
    verdict_statements(b, summary)
    b.topic = "shares"
    share_statements(b, pairs, summary)
    res = SectionResult()
    res.cards, res.pairs, res.statements = cards, pairs, b.out
    return res
