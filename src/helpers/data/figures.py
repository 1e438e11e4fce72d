"""One summary's figures (a city and the year it reviews), as notebooks ask for them."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from helpers.data.load import load_dataset
from helpers.data.units import format_value, is_money, to_yuan
from helpers.errors import SelectionError

_NUMBER = re.compile(r"\d+(?:\.\d+)?")


@dataclass(frozen=True)
class Figure:
    """One row of indicators.csv with its catalog names."""
    indicator: str
    region: str
    period: int
    kind: str
    value: float
    unit: str
    qualifier: str
    quote: str
    note: str
    name_zh: str
    name_en: str
    section: str
    source: str

    def name(self, lang: str = "en") -> str:
        return self.name_zh if lang == "zh" else self.name_en

    @property
    def yuan(self) -> float | None:
        return to_yuan(self.value, self.unit) if is_money(self.unit) else None

    @property
    def printed(self) -> str:
        """The number exactly as the quote prints it ('10.40'), signed like the value."""
        for token in _NUMBER.findall(self.quote):
            if float(token) == abs(self.value):
                return ("-" if self.value < 0 else "") + token
        return f"{self.value:g}"

    @property
    def decimals(self) -> int:
        """Decimals printed in the document: the precision a claim is made at."""
        token = self.printed
        return len(token.split(".")[1]) if "." in token else 0

    def formatted(self, lang: str = "en") -> str:
        decimals = self.decimals if not is_money(self.unit) or lang == "zh" else None
        prefix = {"approx": "~" if lang == "en" else "约", "at_least": "≥", "at_most": "≤"}
        return prefix.get(self.qualifier, "") + format_value(self.value, self.unit, lang, decimals)


def available(data_dir: str | Path | None = None) -> list[tuple[str, int]]:
    """The (city, year) pairs the data hold, from sources.csv."""
    sources = load_dataset(data_dir).sources
    return sorted({(r.city, int(r.year)) for r in sources.itertuples()})


class Summary:
    """The figures of one work summary: the source of `city` reviewing `year`."""

    def __init__(self, dataset, source: str):
        self.dataset = dataset
        row = dataset.sources.set_index("source").loc[source]
        self.source = {"source": source, **row.drop(labels=["line"], errors="ignore").to_dict()}
        self.city = str(row["city"])
        self.year = int(row["year"])
        self.title = str(row["title"])
        rows = dataset.indicators[dataset.indicators["source"] == source]
        cat = dataset.catalog[["indicator", "section", "name_zh", "name_en"]]
        self.rows = rows.merge(cat, on="indicator", how="left").reset_index(drop=True)

    @classmethod
    def select(cls, city: str, year: int, data_dir: str | Path | None = None) -> Summary:
        """The summary for (city, year); SelectionError listing what exists when there is none."""
        dataset = load_dataset(data_dir)
        src = dataset.sources
        hit = src[(src["city"] == city) & (src["year"].astype(int) == int(year))]
        if hit.empty:
            pairs = ", ".join(f"{c} {y}" for c, y in sorted({(r.city, int(r.year)) for r in src.itertuples()}))
            raise SelectionError(f"no work summary for city {city!r}, year {year!r}; the data hold: {pairs}")
        return cls(dataset, str(hit.iloc[0]["source"]))

    def _match(self, indicator, region, period, kind) -> pd.DataFrame:
        r = self.rows
        r = r[(r["indicator"] == indicator) & (r["region"] == (region or self.city))]
        if period is not None:
            r = r[r["period"] == int(period)]
        if kind is not None:
            r = r[r["kind"] == kind]
        return r

    def get(self, indicator: str, region: str | None = None, period: int | None = None,
            kind: str | None = "actual") -> Figure | None:
        """The one figure that matches, or None when this summary does not report it."""
        if indicator not in set(self.dataset.catalog["indicator"]):
            raise KeyError(f"{indicator!r} is not in data/catalog.csv")
        hit = self._match(indicator, region, period, kind)
        if len(hit) > 1:
            raise ValueError(f"{indicator!r} matches {len(hit)} rows (lines "
                             f"{', '.join(map(str, hit['line']))}); give period and kind")
        if hit.empty:
            return None
        r = hit.iloc[0]
        return Figure(indicator=r["indicator"], region=r["region"], period=int(r["period"]),
                      kind=r["kind"], value=float(r["value"]), unit=r["unit"],
                      qualifier=r["qualifier"], quote=r["quote"],
                      note="" if pd.isna(r["note"]) else str(r["note"]),
                      name_zh=r["name_zh"], name_en=r["name_en"], section=r["section"],
                      source=r["source"])

    def value(self, indicator: str, region: str | None = None, period: int | None = None,
              kind: str | None = "actual") -> float | None:
        fig = self.get(indicator, region, period, kind)
        return None if fig is None else fig.value

    def figures(self, section: str | None = None, kind: str | None = None) -> list[Figure]:
        """Every figure of a section (or all), in the order of indicators.csv."""
        r = self.rows
        if section is not None:
            r = r[r["section"] == section]
        if kind is not None:
            r = r[r["kind"] == kind]
        return [self.get(x.indicator, x.region, x.period, x.kind) for x in r.itertuples()]

    def section(self, section: str, lang: str = "en") -> pd.DataFrame:
        """A section's figures as a table, names and values in `lang`."""
        headers = {"en": ("Indicator", "Region", "Period", "Kind", "Value", "Quote"),
                   "zh": ("指标", "地区", "时期", "类型", "数值", "原文")}[lang]
        recs = [(f.name(lang), f.region, f.period, f.kind, f.formatted(lang), f.quote)
                for f in self.figures(section)]
        return pd.DataFrame.from_records(recs, columns=headers)

    def table(self, name: str) -> pd.DataFrame:
        """A qualitative table's rows for this summary (empty when the data lack it)."""
        tab = self.dataset.tables.get(name)
        if tab is None:
            return pd.DataFrame()
        return tab[tab["source"] == self.source["source"]].reset_index(drop=True)
