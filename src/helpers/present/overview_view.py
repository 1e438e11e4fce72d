"""Section 1 as a reader sees it: the table of main indicators, the verdicts in the document's own
words, the chart of the shares of the province, and the key figures. Headers, titles and notes
come from messages/<lang>/overview.po; numbers are written as the document prints them.
"""
from __future__ import annotations

import pandas as pd

from helpers.data.units import bound_mark
from helpers.present import numbers, plots
from helpers.present.catalog import message
from helpers.present.marks import marker

DASH = "—"


def _words(key: str, lang: str, **names) -> str:
    return message(key, lang).format(**names)


def scorecard_table(cards: list[dict], lang: str, summary, **names) -> pd.DataFrame:
    """The main indicators the documents report: value, year, share of the province, rank as printed
    (a row only for an indicator with a value; an unprinted share or rank is a dash), each cell with
    its figure's marks (第1位（解读）: which indicators 其余指标均排名全省第一 covers is a reading)."""
    cols = [_words(f"column.overview.{c}", lang, **names) for c in ("indicator", "period", "value", "share", "rank")]
    mark = marker(summary, lang, later=False)

    def cell(x) -> str:
        return DASH if x is None else x.formatted(lang) + mark(x)
    rows = [[c["value"].name(lang), c["value"].period, numbers.figure(c["value"], lang) + mark(c["value"]),
             cell(c["share"]), cell(c["rank"])]
            for c in cards if c["value"] is not None]
    return pd.DataFrame(rows, columns=cols)


def shares_chart(pairs, lang: str, title: str, summary):
    """Every share of the province the documents print, largest first, labelled with the figure it
    is a share of, marked as the text marks it (解读, 与其他数据不吻合: helpers.present.marks)
    (None: no chart when they print none)."""
    if not pairs:
        return None
    mark = marker(summary, lang)
    labels = [(base or share).name(lang) + mark(share) for share, base in pairs]
    if len({share.period for share, _ in pairs}) > 1:  # shares of different years: each says its year
        labels = [message("label.overview.share_year", lang).format(name=n, year=share.period)
                  for n, (share, _) in zip(labels, pairs)]
    return plots.share_bars(labels, [share.value for share, _ in pairs],
                            value_labels=[share.formatted(lang) for share, _ in pairs], title=title)


def _when(v, summary, lang: str) -> str:
    """The year (and kind, and a later document) of a key figure that is not the selection's own
    year's actual, beside its name: R&D lags a year (研发经费投入（2020年）), an estimate says so
    (（2022年，预计）), a figure known only from a later document too (（2020年，据此后文件））."""
    from helpers.present.i18n import t

    later = v.source in getattr(summary, "later", ())
    if v.period == summary.year and v.kind == "actual" and not later:
        return ""
    sep = "，" if lang == "zh" else ", "
    kind = "" if v.kind == "actual" else sep + t(v.kind, lang)
    kind += (sep + ("据此后文件" if lang == "zh" else "from a later document")) if later else ""
    return f"（{v.period}年{kind}）" if lang == "zh" else f" ({v.period}{kind})"


def key_rows(summary, cards: list[dict], lang: str, **names) -> list[tuple]:
    """The key figures: each main indicator the documents report, its value as printed, its unit (a
    Chinese count takes the measure word the document prints), and its share and rank as the note."""
    out, mark = [], marker(summary, lang, later=False)  # _when names a later document itself
    for c in (c for c in cards if c["value"] is not None):
        v, share, rank = c["value"], c["share"], c["rank"]
        parts = []
        if share is not None:  # 占全省49.5%（解读）: a share read from garbled text says so, as the text does
            parts.append(_words("keyfig.overview.share", lang, share=share.formatted(lang) + mark(share), **names))
        if rank is not None:
            key = "keyfig.overview.rank" if share is not None else "keyfig.overview.rank_in"
            parts.append(_words(key, lang, rank=rank.formatted(lang) + mark(rank), **names))
        unit = (v.measure_zh or v.unit) if lang == "zh" and v.unit == "count" else v.unit
        name = summary.indicator_name(c["indicator"], lang) + _when(v, summary, lang) + mark(v)
        value = bound_mark(v.qualifier, lang, v.bound_word) + v.printed  # 超过38亿元 stays a floor: '>38'
        out.append((name, value, unit, message("keyfig.overview.join", lang).join(parts)))
    return out
