"""A list a document gives (data/lists.csv: causes, effects, plan measures), read one way for
every section: whole, in the document's order, and open when the document ends it with 等
(…内部运行机制不活等): the report then says "among others" / "等", never that the list is complete."""
from __future__ import annotations

from helpers.calc.statements import Items, Text


def open_ended(summary, source: str, last_quote: str) -> bool:
    """Does the document follow its list's last item with 等: the document says there are others."""
    text = (getattr(summary.dataset, "texts", {}) or {}).get(source) or ""
    at = text.find(last_quote)
    return at >= 0 and text[at + len(last_quote):].lstrip().startswith("等")


def document_items(summary, list_id: str) -> Items | None:
    """The selection's own rows of one list of data/lists.csv as Items, in item order; None
    when its documents give no such list."""
    rows = summary.table("lists")
    if rows is None or not len(rows):
        return None
    rows = rows[rows["list"] == list_id].sort_values("item", kind="stable")
    if rows.empty:
        return None
    quotes = tuple(str(q) for q in rows["quote"])
    sources = tuple(dict.fromkeys(str(s) for s in rows["source"]))
    return Items(tuple(Text(str(r.item_en), str(r.item_zh)) for r in rows.itertuples()), quotes, sources,
                 open=open_ended(summary, sources[-1], quotes[-1]))
