"""Section 12 as a reader sees it: one table per document, every figure with its quote and the
reading noted for garbled text. Headers come from messages/<lang>/appendix.po."""
from __future__ import annotations

import pandas as pd

from helpers.data.notes import note_in
from helpers.data.regions import region_name
from helpers.present import numbers
from helpers.present.catalog import message, word

COLUMNS = ("figure", "region", "year", "kind", "value", "quote", "note")


def document_table(summary, figures, lang: str) -> pd.DataFrame:
    """A document's figures in file order: name, region, year, kind, value as the report writes it,
    the quote and the note."""
    data_dir = summary.dataset.data_dir
    rows = [[f.name(lang), region_name(f.region, lang, data_dir), numbers.year(f, lang), word(f.kind, lang),
             numbers.cell(f, lang), f.quote, note_in(f.note, lang, data_dir)] for f in figures]
    return pd.DataFrame(rows, columns=[message(f"column.appendix.{c}", lang) for c in COLUMNS])


def caption(summary, source: str, lang: str) -> str:
    """The document's title and publisher, as the table's caption."""
    row = summary.dataset.sources.set_index("source").loc[source]
    return message("chart.appendix.document", lang).format(title=row["title"], publisher=row["publisher"])
