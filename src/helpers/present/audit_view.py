"""The audit as a reader sees it: the table of every check, the table of the implied figures, the
chart of the verdicts and the chart of the gaps. Headers, titles and cell words come from the
catalogs (messages/*/audit.po; the verdict words from common.po)."""
from __future__ import annotations

import pandas as pd

from helpers.calc import audit
from helpers.data.units import format_value, unit_label
from helpers.present import catalog, numbers, plots


def _headers(keys, lang: str) -> list[str]:
    return [catalog.message(f"column.audit.{k}", lang) for k in keys]


def unit_name(r: audit.Result, lang: str) -> str:
    """A check's unit in `lang`; a Chinese count takes the measure word its claim prints (家, 项)."""
    if lang == "zh" and r.unit == "count" and r.claim is not None and r.claim.measure_zh:
        return r.claim.measure_zh
    return unit_label(r.unit, lang)


def checks_table(results, lang: str = "en") -> pd.DataFrame:
    """One row per check: its label, the quote, the printed claim, the recomputed value (two
    decimals finer than the claim; whole counts whole), the unit and the verdict."""
    cols = ("check", "quote", "claimed", "computed", "unit", "status")
    rows = [[r.label(lang), r.quote, r.claimed, audit.computed_text(r), unit_name(r, lang), catalog.word(r.status, lang)]
            for r in audit.checks(results)]
    return pd.DataFrame(rows, columns=_headers(cols, lang))


def _places(r) -> int:
    """Counts of firms or projects are whole numbers; other implied figures show two decimals."""
    return 0 if r.unit == "count" else 2


def implied_table(results, lang: str = "en") -> pd.DataFrame:
    """The implied figures the documents allow: label, value, the range from rounding, formula."""
    cols = ("figure", "value", "range", "formula")
    rows = []
    for r in audit.implied(results):
        if r.value is None:
            continue
        iv, d = r.interval, _places(r)
        rng = "" if iv is None or not iv.bounded else (
            f"{format_value(iv.lo, r.unit, lang, d)} – {format_value(iv.hi, r.unit, lang, d)}")
        d_ = r.derived()  # a Chinese count takes its measure word (8360家), as in the prose
        word = numbers.measure_word(d_) if lang == "zh" and d_ is not None else ""
        rows.append([r.label(lang), format_value(r.value, r.unit, lang, d) + word, rng,
                     numbers.plain_formula(r.formula_text)])
    return pd.DataFrame(rows, columns=_headers(cols, lang))


def verdict_chart(results, *, title: str, lang: str = "en", xlabel: str = ""):
    """How many checks have each verdict; None when no printed figure could be recomputed."""
    counts = audit.status_counts(results)
    if not counts["consistent"] + counts["inconsistent"]:
        return None
    labels = [catalog.word(s, lang) for s in counts]
    return plots.hbar(labels, list(counts.values()), title=title, xlabel=xlabel, value_fmt="{:,.0f}",
                      highlight=catalog.word("inconsistent", lang))


def gaps_chart(results, *, title: str, lang: str = "en", xlabel: str = ""):
    """The checked rates, shares, changes and multiples: recomputed against printed, in % of the
    printed value; the inconsistent ones highlighted. None when there is none."""
    gaps = audit.gaps(results)
    if not gaps:
        return None
    bad = [r.label(lang) for r, _ in gaps if r.status == "inconsistent"]
    return plots.hbar([r.label(lang) for r, _ in gaps], [round(g, 1) + 0.0 for _, g in gaps],  # no "-0.0%"
                      title=title, xlabel=xlabel, value_fmt="{:+.1f}%", highlight=bad)
