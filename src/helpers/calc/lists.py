"""A list a document gives (data/lists.csv: causes, effects, plan measures), read one way for
every section: whole, in the document's order, and open when the document ends it with 等
(…内部运行机制不活等): the report then says "among others" / "等", never that the list is complete."""
from __future__ import annotations

import re

from helpers.calc.statements import Items, Text


def _found(summary, source: str, quote: str) -> tuple[str, int]:
    """The document's text and where the quote starts in it (-1: not found)."""
    text = (getattr(summary.dataset, "texts", {}) or {}).get(source) or ""
    return text, text.find(quote)


def open_ended(summary, source: str, last_quote: str) -> bool:
    """Does the document follow its list's last item with 等: the document says there are others."""
    text, at = _found(summary, source, last_quote)
    return at >= 0 and text[at + len(last_quote):].lstrip().startswith("等")


# what a document calls the items it leads with 主要, in both languages
MAIN_WORDS = {"原因": "causes", "问题": "problems", "困难": "difficulties", "做法": "practices",
              "措施": "measures", "任务": "tasks", "目标": "targets", "方面": "points", "成效": "results",
              "特点": "features", "短板": "weaknesses", "不足": "shortcomings", "表现": "signs"}


def main_only(summary, source: str, first_quote: str) -> Text | None:
    """What the document calls its list when it leads it with 主要 in the clause that opens it
    (下降的主要原因是：一是… -> 主要原因 / main causes; 主要有以下几点 -> 主要方面 / main points), None
    when it does not: it gives the main items, not all of them, and the report says so in its
    words. A list that follows another in the same sentence (…主要原因是甲、乙等，而且丙) has its own lead."""
    text, at = _found(summary, source, first_quote)
    if at < 0:
        return None
    clauses = re.split(r"[。！？；，,\n]", text[max(0, at - 60):at])
    lead = clauses[-1]
    if len(lead.strip()) <= 3 and len(clauses) > 1:  # only 一是 / 首先 before the item: the clause before
        lead = clauses[-2] + lead
    if "主要" not in lead:
        return None
    word = next((w for w in MAIN_WORDS if "主要" + w in lead), "方面")
    return Text(f"main {MAIN_WORDS[word]}", "主要" + word)


NUMBERING = re.compile(r"(一是|首先|第一[，,、]?|[（(]一[）)]|1[、.．])\s*$")


def numbered_in(summary, source: str, first_quote: str) -> bool:
    """Does the document number its list (一是…二是…, （一）, 1.)? Only then does the report write
    一是…二是…; a list it runs together (A,B,C等) is written with 「；」, as it stands."""
    text, at = _found(summary, source, first_quote)
    return at >= 0 and NUMBERING.search(text[max(0, at - 6):at]) is not None


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
                 open=open_ended(summary, sources[-1], quotes[-1]), main=main_only(summary, sources[0], quotes[0]),
                 numbered=numbered_in(summary, sources[0], quotes[0]))
