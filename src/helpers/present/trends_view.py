"""Section 11 (trends) as a reader sees it: one chart and one table of points per series, labels
from the catalogs (messages/<lang>/trends.po and the kind words of common.po)."""
from __future__ import annotations

import math

import pandas as pd

from helpers.calc.trends import Series
from helpers.data.figures import Figure
from helpers.data.regions import region_name
from helpers.data.units import unit_label
from helpers.present import numbers, plots
from helpers.present.catalog import message, word
from helpers.present.numbers import figure as written


def _label(key: str, lang: str, **fields) -> str:
    return message(f"label.trends.{key}", lang).format(**fields)


def kind_words(lang: str) -> dict[str, str]:
    """The word for each kind of point: actual, estimate, implied, target."""
    return {"actual": word("actual", lang), "estimate": word("estimate", lang),
            "implied": _label("implied", lang), "target": word("target", lang)}


def title(s: Series, summary, lang: str) -> str:
    years = s.years()
    return _label("title", lang, name=summary.indicator_name(s.indicator, lang),
                  region=region_name(s.region, lang, summary.dataset.data_dir), first=years[0], last=years[-1])


def _axis_unit(s: Series, lang: str) -> str:
    """The y-axis unit; a Chinese count takes the measure word its document prints (家, 项)."""
    if lang == "zh" and s.unit == "count":
        printed = next((p.figure for p in s.points if p.kind != "implied" and p.figure.measure_zh), None)
        if printed is not None:
            return printed.measure_zh
    return unit_label(s.unit, lang)


def chart(s: Series, summary, lang: str):
    """Printed actuals joined by a solid line (a year without one is a gap), estimates and implied
    values as open markers, targets as crosses (plots.trend)."""
    kinds = kind_words(lang)
    fmt = {("en", True): "{:,.0f}", ("en", False): "{:,.2f}", ("zh", True): "{:.0f}", ("zh", False): "{:.2f}"}
    fig = plots.trend(s.years(), {k: s.values(k) for k in kinds}, kinds, title=title(s, summary, lang),
                      ylabel=_axis_unit(s, lang), value_fmt=fmt[lang, s.unit == "count"])  # zh: no thousands separator
    for p in s.points:  # each label as the text writes it: its precision, and a bound or 约 its mark
        printed_word = getattr(p.figure, "bound_word", "")  # a Derived prints none
        for text in fig.axes[0].texts:
            if tuple(getattr(text, "xy", ())) == (p.period, p.value):
                text.set_text(numbers.with_bound(label_number(p, s, lang), p.qualifier, lang, printed_word)
                              # a target plotted at a year its document does not print says so
                              + (message("chart.point.assumed", lang) if getattr(p.figure, "year_assumed", False) else ""))
    return fig


def label_number(p, s: Series, lang: str) -> str:
    """A point's number on the chart at the precision the report writes it: a printed figure as
    printed (2.2, not 2.20), an implied one at most 2 decimals and no finer than its roughest
    approximate input (约58.6亿元 gives about 2,750, never 2751.17); no thousands separator in Chinese."""
    v, decimals = p.value, 2
    if s.unit == "count":
        decimals = 0
    elif isinstance(p.figure, Figure) and p.figure.unit == s.unit:
        decimals = p.figure.decimals
    elif (d := numbers.decimals_of(p.figure)) is not None:
        decimals = d
    scale = numbers.limit_scale(p.figure, v) if not isinstance(p.figure, Figure) and p.figure.unit == s.unit else None
    if scale:  # about 2,750, as the sentences write it (numbers.shown)
        v = numbers.round_at(v, scale)
        decimals = max(0, min(decimals, round(math.log10(scale))))
    return f"{v:,.{decimals}f}" if lang == "en" else f"{v:.{decimals}f}"


def points_table(s: Series, summary, lang: str) -> pd.DataFrame:
    """Every point of the series: year, kind, value as the report writes it, the document."""
    kinds = kind_words(lang)
    return pd.DataFrame({
        _label("col.year", lang): [numbers.year(p.figure, lang) if isinstance(p.figure, Figure) else str(p.period)
                                   for p in s.points],
        _label("col.kind", lang): [kinds[p.kind] for p in s.points],
        _label("col.value", lang): [written(p.figure, lang) for p in s.points],
        _label("col.document", lang): [summary.source_title(p.source) if p.source else _label("no_document", lang)
                                       for p in s.points],
    })
