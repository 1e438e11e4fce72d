"""Tables a section notebook shows, with headers and words in the reader's language.

Sections compute; these functions only arrange and label what they computed.
"""
from __future__ import annotations

from dataclasses import replace

import pandas as pd

from helpers.calc import targets
from helpers.data.regions import province_of, region_name  # noqa: F401  (re-exported for the notebooks)
from helpers.data.units import format_value
from helpers.present import numbers
from helpers.present.i18n import t
from helpers.sections import registry
from helpers.sections.firms import Rung


def printed_value(fig, lang: str = "en") -> str:
    """A figure as printed; a change of rank ('up 1 place') is a count of places, not '1st'."""
    if fig is None:
        return format_value(None, "count", lang)
    if fig.unit == "rank" and fig.indicator.endswith("_change"):
        return format_value(fig.value, "count", lang)
    return numbers.cell(fig, lang)


def printed_table(summary, section: str, lang: str = "en") -> pd.DataFrame:
    """A section's printed figures: name, region, period, kind and value with its unit, in `lang`.
    The selection's own documents' figures, and another document's only where a statement of the
    report rests on it: a province's figures of three years before, which no sentence uses, are
    not the selection's."""
    heads = {"en": ["Indicator", "Region", "Period", "Kind", "Value (with unit)"],
             "zh": ["指标", "地区", "时期", "类型", "数值（含单位）"]}[lang]
    used = registry.cited_figures(registry.analyse_all(summary))
    recs = [(f.name(lang), region_name(f.region, lang, summary.dataset.data_dir), numbers.year(f, lang), t(f.kind, lang),
             printed_value(f, lang))
            for f in summary.figures(section) if f.source in summary.own or f in used]
    return pd.DataFrame.from_records(recs, columns=heads)


# --- the firm ladder ---------------------------------------------------------------

_STATUS = {True: ("consistent", "一致"), False: ("inconsistent", "不一致")}
_KIND = {"actual": ("actual", "实际"), "estimate": ("estimate", "预计"), "target": ("target", "目标")}


def _name(summary, indicator: str, lang: str) -> str:
    return targets.expr_name(summary, indicator, lang)


def _counted(fig, lang: str):
    """A count in a column of counts: the number, or with its bound when it has one (约1010)."""
    m = numbers.mark(fig, "en")
    if not m:
        return fig.value
    text = format_value(fig.value, "count", lang, getattr(fig, "decimals", 0))  # a derived count is whole
    return m + text if lang == "en" else numbers.bounded(fig, text, lang)  # in Chinese in words: 约1010


def _whole(d, lang: str):
    """An implied count of firms in a column of counts: whole, with its bound's mark when it is
    one (>9836 from 超过1500家 at 15.2%), as the sentence beside the table says it."""
    value = round(numbers.safe_round(d, d.value, 0))
    return _counted(replace(d, value=float(value)), lang) if numbers.mark(d, lang) else value


def ladder_table(summary, rungs: list[Rung], lang: str = "en") -> pd.DataFrame:
    """The ladder as a table: count, share, implied and printed provincial totals, the check."""
    i = 1 if lang == "zh" else 0
    city = region_name(summary.city, lang, summary.dataset.data_dir)
    heads = {"en": ["Stage", "Kind", f"{city} (firms)", "Share of province (%)",
                    "Implied provincial total (firms)", "Printed provincial total (firms)", "Check"],
             "zh": ["环节", "类型", f"{city}（家）", "占全省比重（%）", "推算全省总数（家）",
                    "文件所载全省数（家）", "核验"]}[lang]
    recs = []
    for r in (r for r in rungs if r.figure is not None):  # a stage the city's documents do not give: no row
        kind = r.figure.kind
        recs.append([_name(summary, r.indicator, lang), _KIND[kind][i],
                     _counted(r.figure, lang),
                     None if r.share is None else r.share.printed,  # as printed: 25, not 25.0
                     None if r.implied_province is None else _whole(r.implied_province, lang),
                     None if r.printed_province is None else r.printed_province.value,
                     "" if r.check is None else _STATUS[r.check.consistent][i]])
    df = pd.DataFrame(recs, columns=heads)
    return df
