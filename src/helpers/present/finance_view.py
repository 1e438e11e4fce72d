"""Section 6 as a reader sees it: the table of instruments and the chart of the credit scheme's
loans since launch against its risk pool. Words from messages/<lang>/finance.po, numbers from
helpers.present.numbers (a bound keeps its word, a derived value says how it was computed)."""
from __future__ import annotations

import pandas as pd

from helpers.data.units import convert, unit_label
from helpers.present import catalog, numbers, plots
from helpers.present.marks import marker

CHART_UNIT = "cny_100m"


def _msg(key: str, lang: str, **fields) -> str:
    return catalog.message(key, lang).format(**fields)


def _cell(x, lang: str) -> str:
    return "" if x is None else numbers.figure(x, lang)


def instruments_table(instruments, lang: str, summary) -> pd.DataFrame:
    """One row per instrument the selection reports: firms or projects, amount, amount per firm or
    project (implied, with its formula); an instrument whose figures rest on an assumption says so
    after its name, as its sentences do, and each cell carries its figure's marks (约3.22亿元（解读）:
    a reading of the text is a reading in the table too). Empty when there is none."""
    heads = [_msg(f"column.finance.{k}", lang) for k in ("instrument", "count", "amount", "per_unit")]
    mark = marker(summary, lang)
    rows = [[_msg(f"column.finance.{i.key}", lang, scheme=catalog.words(i.scheme, lang) if i.scheme else "")
             + (_msg("assumption.cell", lang) if i.assumption else ""),
             *(_cell(x, lang) + mark(x) for x in (i.count, i.amount, i.per_unit))] for i in instruments]
    return pd.DataFrame(rows, columns=heads)


def leverage_chart(res, lang: str, summary):
    """The credit scheme's risk pool and its loans since launch, in 亿元, with the range the
    document's word claim is read as (e.g. 十余倍: 10 to 20 × the pool) shaded. None
    without the scheme's name, its pool or its running total."""
    pool, cumulative, scheme, claim = res.pool, res.cumulative, res.scheme, res.claim
    if pool is None or cumulative is None or scheme is None:
        return None
    values = [convert(pool.value, pool.unit, CHART_UNIT), convert(cumulative.value, cumulative.unit, CHART_UNIT)]
    mark = marker(summary, lang)  # 风险补偿资金池（解读）: the pool is a reading of the text
    labels = [_msg("column.finance.pool", lang) + mark(pool), _msg("column.finance.cumulative", lang) + mark(cumulative)]
    fig = plots.hbar(labels, values, value_fmt="{:g}", xlabel=unit_label(CHART_UNIT, lang),  # 0.3, as 3000万元
                     title=_msg("chart.finance.leverage", lang, scheme=catalog.words(scheme, lang)))
    if claim is not None:  # the range the document's words are read as (十余倍: 10 to 20 × the pool)
        ax = fig.axes[0]
        low, high = claim.low * values[0], claim.high * values[0]
        ax.axvspan(low, high, color=plots.TARGET_COLOR, alpha=0.15, linewidth=0, zorder=0)
        note = _msg("column.finance.floor", lang, low=f"{claim.low:g}", high=f"{claim.high:g}")
        ax.text((low + high) / 2, 0.5, plots.wrap(note, 34), ha="center", va="center", fontsize=8,
                color=plots.MUTED)  # inside the band, between the two bars: never past the chart's edge
        ax.set_xlim(0, max(ax.get_xlim()[1], high * 1.15))
    return fig
