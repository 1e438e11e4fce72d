"""Small HTML blocks for notebooks: provenance notes, plain paragraphs and tables.

Everything is escaped (quotes and notes come from a scraped web page) and the HTML is plain and
deterministic (no random ids), so nbval and the report build see the same output every run.
"""
from __future__ import annotations

import html
import numbers
from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd
from IPython.display import HTML

from helpers.present.i18n import check_lang, t


def _is_missing(v: Any) -> bool:
    if v is None or isinstance(v, (str, bytes)):
        return v is None
    try:
        return bool(pd.isna(v))
    except (TypeError, ValueError):  # lists, arrays: not a missing scalar
        return False


MISSING = "—"


def fmt_number(v: Any, lang: str = "en") -> str:
    """Thousands separators in English (none in Chinese, as the prose), at most 2 decimals,
    trailing zeros dropped; a missing cell is a dash (a table says nothing where the documents do not)."""
    if _is_missing(v):
        return MISSING
    if isinstance(v, bool) or not isinstance(v, numbers.Number):
        return str(v)
    sep = "" if lang == "zh" else ","  # Chinese official text writes 1689, not 1,689
    if isinstance(v, numbers.Integral):
        return f"{int(v):{sep}}"
    s = f"{float(v):{sep}.2f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def _field(row: Any, name: str) -> Any:
    if isinstance(row, Mapping):
        return row.get(name)
    return getattr(row, name, None)


def _unit(unit: Any, lang: str) -> str:
    """Unit ids (cny_100m, percent) become labels via helpers.data.units; anything else shows as given."""
    if _is_missing(unit) or unit == "":
        return ""
    try:
        from helpers.data.units import unit_label
        return unit_label(str(unit), lang)
    except (ImportError, KeyError, ValueError):
        return str(unit)


def provenance_html(rows: Iterable[Any], source_title: str, lang: str = "en") -> str:
    """The figures a cell used, each with its quote, folded under one summary line. The line names
    the document the figures come from when there is one; figures from several documents are
    counted by document, and each names its own (a plan's section often rests on later ones)."""
    check_lang(lang)
    rows = list(rows)
    esc = html.escape
    docs = list(dict.fromkeys(str(d) for d in (_field(r, "document") for r in rows) if d and not _is_missing(d)))
    single = len(docs) <= 1
    source_title = docs[0] if docs else source_title  # one document: that one, whichever it is
    items = []
    for r in rows:
        value = fmt_number(_field(r, "value"), lang)
        unit = _unit(_field(r, "unit"), lang)
        sep = "" if unit in ("%", "") or lang == "zh" else " "
        name = _field(r, "name") or _field(r, "indicator") or ""
        parts = f"<b>{esc(str(name))}</b>" + (f": {esc(value + sep + unit)}" if value else "")  # a list item: no value
        quote = _field(r, "quote")
        if not _is_missing(quote) and quote:
            parts += f" — “{esc(str(quote))}”"
        note = _field(r, "note")
        if not _is_missing(note) and note:
            parts += f" ({esc(str(note))})"
        document = _field(r, "document")
        if not _is_missing(document) and document and not single:  # one document: named once, above
            parts += f" [{esc(str(document))}]" if lang == "en" else f"［《{esc(str(document))}》］"
        items.append(f"<li>{parts}</li>")
    colon = "：" if lang == "zh" else ": "
    sep = "" if lang == "zh" else " "
    count = f"{len(rows)}{sep}{t('one_figure' if len(rows) == 1 else 'figures', lang)}"  # 1 figure, 2 figures
    summary = (f"{t('source', lang)}{colon}{esc(str(source_title))} — {count}" if single else
               f"{t('sources', lang)}{colon}{len(docs)}{sep}{t('documents', lang)} — {count}")
    return (f'<details class="provenance"><summary>{summary}</summary>'
            f"<ul>{''.join(items)}</ul></details>")


def provenance(rows: Iterable[Any], source_title: str, lang: str = "en") -> HTML:
    """Notebook display of `provenance_html`."""
    return HTML(provenance_html(rows, source_title, lang))


def note(text: str) -> HTML:
    """A paragraph of commentary, escaped (it may quote the source)."""
    return HTML(f'<p class="note">{html.escape(str(text))}</p>')


# Columns that hold years: shown as written, never with thousands separators.
_LABEL_COLUMNS = {t(key, lang) for key in ("period", "year") for lang in ("en", "zh")}


# Columns that hold the document's own words: shown as quotations (<q>), never restyled.
QUOTE_COLUMNS = {"Quote", "原文", "Quote (verbatim)"}


SHORT_CELL = 12  # characters: a cell this short or shorter is a value, kept on one line


def table_html(df: pd.DataFrame, *, caption: str | None = None, lang: str = "en") -> str:
    """A DataFrame as a plain HTML table: no index, escaped cells, formatted numbers."""
    check_lang(lang)
    esc = html.escape
    out = ['<table class="nsr-table">']
    if caption:
        out.append(f"<caption>{esc(str(caption))}</caption>")
    out.append("<thead><tr>" + "".join(f"<th>{esc(str(c))}</th>" for c in df.columns)
               + "</tr></thead>")
    out.append("<tbody>")
    numeric = [pd.api.types.is_numeric_dtype(df[c]) and not pd.api.types.is_bool_dtype(df[c])
               for c in df.columns]
    labels = [str(c) in _LABEL_COLUMNS for c in df.columns]
    quotes = [str(c) in QUOTE_COLUMNS for c in df.columns]
    # a column of short cells (a verdict, a figure: 一致, 下降50.16%) is never broken across lines,
    # so a long quote beside it cannot squeeze it to one character a line
    short = [bool(len(df)) and df[c].map(lambda v: len(str(v))).max() <= SHORT_CELL for c in df.columns]
    for row in df.itertuples(index=False, name=None):
        cells = []
        for v, is_num, is_label, is_quote, is_short in zip(row, numeric, labels, quotes, short):
            keep = ' class="short"' if is_short else ""
            if is_label:  # a year is a name, not a quantity: 2021, not 2,021
                cells.append(f"<td{keep}>{esc(MISSING if _is_missing(v) else str(v))}</td>")
                continue
            if is_quote and not _is_missing(v) and str(v):  # the document's own words
                cells.append(f"<td><q>{esc(str(v))}</q></td>")
                continue
            cls = ' class="num"' if is_num or (isinstance(v, numbers.Number) and not isinstance(v, bool)) else ""
            cls = cls[:-1] + ' short"' if cls and is_short else cls or keep
            cells.append(f"<td{cls}>{esc(fmt_number(v, lang))}</td>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def table(df: pd.DataFrame, *, caption: str | None = None, lang: str = "en") -> HTML:
    """Notebook display of `table_html`."""
    return HTML(table_html(df, caption=caption, lang=lang))
