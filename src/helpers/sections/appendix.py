"""Section 12, the appendix: every figure of every document the report cites, with its quote.

The documents are the selection's own, then the earlier ones and those of the regions above the
city that it draws on (helpers.data.selection.pool), then any later document whose figures a
section cites (a target's outcome known from a later summary, labelled as later there). Each
document is stated whole: how many figures it prints, all of them listed (`list` statements,
topics `own`, `earlier`, `later`); words in messages/<lang>/appendix.po.
"""
from __future__ import annotations

from helpers.calc.result import SectionResult
from helpers.calc.statements import Builder, Items, Text, Word
from helpers.data.figures import FIGURE_CATALOG_COLUMNS, Figure, figure_of, per_summary
from helpers.sections import registry


def cited_later(summary, results=None) -> list[str]:
    """Documents outside the selection's pool that a section's statements cite, in data order."""
    results = registry.analyse_all(summary) if results is None else results
    pool = set(summary.documents)
    cited = registry.cited_sources(results)
    return [s for s in summary.dataset.sources["source"] if s in cited and s not in pool]


def document_figures(summary, source: str) -> list[Figure]:
    """Every row a document prints, in file order, named as the selection names them."""
    ind = summary.dataset.indicators
    rows = ind[ind["source"] == source].sort_values("line", kind="stable")
    cat = summary.catalog[list(FIGURE_CATALOG_COLUMNS)]
    return [figure_of(r) for _, r in rows.merge(cat, on="indicator", how="left").iterrows()]


def _key(f: Figure) -> tuple:
    return (f.indicator, f.region, f.period, f.kind, f.source)


def _source(summary, source: str) -> dict:
    return summary.dataset.sources.set_index("source").loc[source].to_dict()


def document_statement(b: Builder, summary, source: str, figures: list[Figure], cited: bool = False):
    """A document stated whole: its figures, how many, listed below with their quotes; a later
    document (`cited`) by the figures of it the report cites, not all it prints."""
    row = _source(summary, source)
    items = Items(tuple(figures), sources=(source,))  # each written with its name as the prose writes it
    key = "list.appendix.document" + (".cited" if cited else
                                      ".opening" if str(row.get("completeness", "")) == "opening" else "")
    # the numbers of the document the data do not hold (coverage_exclusions.csv): "every figure" is
    # never claimed while there are any, and their count is given
    excl = summary.dataset.exclusions
    left = 0 if cited or excl is None else int((excl["source"] == source).sum())
    key += ".excluded" if left else ""
    title = str(row["title"])
    published = str(row.get("published") or "")[:4]  # when it came out, as the sections date it
    year = Text(f"published {published}", f"{published}年发布") if published else Text(str(row["year"]), f"{row['year']}年")
    return b.say("list", key, items=items, whole=len(figures), n=len(figures), title=Text(title, title),
                 kind=Word(f"source_kind.{row['kind']}"), year=year, left=left)


@per_summary
def analyse(summary, results=None) -> SectionResult:
    """The documents the report cites and their statements, by topic (`own`, `earlier`, `later`);
    `res.documents[topic]` holds (source, figures, statement) in the order the appendix lists them."""
    results = registry.analyse_all(summary) if results is None else results
    outside = cited_later(summary, results)
    cited = {_key(f) for f in registry.cited_figures(results)}
    # earlier or later by publication (Summary.later), as the sections label them: a review of
    # 2016-2020 published in 2023 is a later document of the 2021 report, not an earlier one; a
    # document about the selection's year that came out after its leading one is later too, as the
    # title page and every statement resting on it say
    # an earlier or a parent region's document is listed when the report cites it: a statement rests
    # on its figures or its listed items (a pool document no section uses is not the report's)
    used = registry.cited_sources(results)
    pool = [s for s in summary.documents if s not in summary.own]
    groups = [("own", [s for s in summary.documents if s in summary.own and s not in summary.later]),
              ("earlier", [s for s in pool if s not in summary.later and s in used]),
              ("later", [s for s in summary.documents if s in summary.later and s in used] + outside)]
    b = Builder.for_summary(summary)
    documents: dict[str, list] = {}
    for topic, sources in groups:
        b.topic = topic
        for source in sources:
            figures = document_figures(summary, source)
            if source in outside:  # what the report takes from a document outside its pool, not all it prints
                figures = [f for f in figures if _key(f) in cited]
            st = document_statement(b, summary, source, figures, topic == "later") if figures else None
            if st is not None:
                documents.setdefault(topic, []).append((source, figures, st))
    key = [(f"figures:{s}", len(figs), "count", "rows of indicators.csv") for s, figs, _ in documents.get("own", [])]
    res = SectionResult(key_figures=key)
    res.documents, res.statements = documents, b.out
    return res
