"""Section 5, technology trading: the tables and charts its notebook shows, headed from the catalog
(`column.trading.*`, `chart.trading.*`, `label.trading.*`). Sections compute; this only arranges."""
from __future__ import annotations

import pandas as pd

from helpers.present import numbers, plots
from helpers.present.catalog import message
from helpers.present.marks import marker
from helpers.present.numbers import figure as written


def _col(key: str, lang: str) -> str:
    return message(f"column.trading.{key}", lang)


def contracts_table(res, city_name: str, province_name: str, lang: str) -> pd.DataFrame:
    """The city's contracts, turnover and average; the province's as the shares imply them. Rows
    only for what the selection holds; empty when it holds no contract figure."""
    cells = lambda xs: ["—" if x is None else written(x, lang, "bare") for x in xs]  # noqa: E731
    rows = []
    city = (res["count"], res["turnover"], res["city_average"])
    if any(x is not None for x in city[:2]):
        rows.append([city_name, *cells(city)])
    prov = (res["province_count"], res["province_turnover"], res["province_average"])
    if any(x is not None for x in prov):
        rows.append([message("label.trading.province_implied", lang).format(province=province_name), *cells(prov)])
    cols = [_col(k, lang) for k in ("region", "count", "turnover", "average")]
    return pd.DataFrame(rows, columns=cols) if rows else pd.DataFrame()


def average_chart(res, city_name: str, province_name: str, *, title: str, lang: str, summary):
    """The average contract of the city and of the province, both implied (None unless both are),
    each marked as the text marks what it rests on (helpers.present.marks)."""
    city, prov = res["city_average"], res["province_average"]
    if city is None or prov is None:
        return None
    mark = marker(summary, lang)
    labels = [city_name + mark(city),
              message("label.trading.province_implied", lang).format(province=province_name) + mark(prov)]
    scale = 0.01 if lang == "en" else 1.0  # the unit the sentences write: CNY m in English, 万元 in Chinese
    return plots.hbar(labels, [city.value * scale, prov.value * scale], highlight=labels[0],
                      value_labels=[numbers.cell(city, lang), numbers.cell(prov, lang)],  # as the table
                      title=title, xlabel=message("axis.trading.average", lang))
