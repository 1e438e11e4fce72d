"""One summary's figures (a city and the year it reviews), as notebooks ask for them."""
from __future__ import annotations

import functools
import re
import weakref
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from helpers.data import selection, snapshot
from helpers.data.load import RUNNING_TOTAL_WORDS, load_dataset
from helpers.data.regions import fill_names
from helpers.data.schema import PLAN_KINDS
from helpers.data.units import bound_mark, format_value, is_money, to_yuan
from helpers.errors import SelectionError

_NUMBER = re.compile(r"\d+(?:\.\d+)?")
MEASURE_WORDS = "家项个名人场期所批件位次笔户台座条"  # Chinese measure words printed after counts
# The bound words a document prints next to a number, where the qualifier alone would loosen or
# misread them: 近2亿元 is "nearly" (just under, not "about"), 20余项 and 超过1200家 "more than",
# 1-2家 a range (its qualifier at_least holds the lower end; the upper end is printed after it).
RANGE_END = r"\s*[-–—~至]\s*(\d+(?:\.\d+)?)"  # the upper end printed after a range's lower end
PRINTED_BOUNDS = (("approx", "nearly", r"近\s*{n}(?![0-9.])"),
                  ("approx", "around", r"(?<![0-9.]){n}\s*[^\s，。；、0-9]?\s*左右"),
                  ("at_least", "range", r"(?<![0-9.]){n}" + RANGE_END),
                  ("at_least", "more_than", r"(?<![0-9.]){n}\s*[余多]"),
                  ("at_least", "more_than", r"(?:超过|突破|逾|多于)[^0-9，。；]{{0,12}}(?<![0-9.]){n}(?![0-9.])"))


_BY_INDICATOR: dict[int, tuple[weakref.ref, pd.DataFrame]] = {}
_SELECTED: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # snapshot Dataset -> {source: Summary}


def by_indicator(catalog: pd.DataFrame) -> pd.DataFrame:
    """The catalog indexed by indicator, made once per catalog frame: the audit, the targets and
    the trends look names and units up thousands of times per selection."""
    hit = _BY_INDICATOR.get(id(catalog))
    if hit is not None and hit[0]() is catalog:
        return hit[1]
    if len(_BY_INDICATOR) > 64:  # forget the frames that are gone
        for key in [k for k, (ref, _) in _BY_INDICATOR.items() if ref() is None]:
            del _BY_INDICATOR[key]
    indexed = catalog.set_index("indicator")
    _BY_INDICATOR[id(catalog)] = (weakref.ref(catalog), indexed)
    return indexed


def per_summary(func):
    """Compute func(summary) once per summary: a selection's analysis (a section's statements, the
    audit) is asked for by several notebooks and sections, and a build's worker works it out once
    before it forks the notebooks (helpers.build.zygote.analyse_ahead). Calls with more arguments are
    not cached; a cached result holds while the summary keeps the rows it was computed from."""
    cache: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()

    @functools.wraps(func)
    def once(summary, *args, **kwargs):
        if args or kwargs:
            return func(summary, *args, **kwargs)
        try:
            hit = cache.get(summary)
        except TypeError:  # a summary-like object that cannot be weakly referenced
            return func(summary)
        rows = getattr(summary, "rows", None)
        if hit is not None and hit[0] is rows:
            return hit[1]
        result = func(summary)
        cache[summary] = (rows, result)
        return result

    return once


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
    catalog_measure_zh: str = ""  # the catalog's measure word, for a quote that prints none
    lag_years: int = 0  # years after the year it describes that the statistic is published
    scope: str = ""  # data/measures.csv: flow, stock, cumulative, plan_period ('' when not declared)

    def name(self, lang: str = "en") -> str:
        return self.name_zh if lang == "zh" else self.name_en

    @property
    def year_assumed(self) -> bool:
        """A target of a statistic published a year or more late whose quote names no year (力争全市
        R&D经费内部支出占GDP的比重达到2%): the data give it the plan's own year, but the plan may
        mean the figure published in that year, which describes the year before (as 力争2021年研发
        经费投入占全市GDP比重达2.2%, listed among the 2022 targets, says outright). Everything
        resting on it says that its year is assumed."""
        return self.kind == "target" and self.lag_years > 0 and str(self.period) not in self.quote

    @property
    def period_unstated(self) -> bool:
        """A running total (scope cumulative) that neither its quote (累计, 以来, 运营至…) nor a note
        dates: the document does not say over what period, so its year is only its document's, and
        every sentence, cell and label that shows it says so instead of naming that year."""
        return self.scope == "cumulative" and not self.note and not any(w in self.quote for w in RUNNING_TOTAL_BASIS)

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
    def measure_zh(self) -> str:
        """The measure word the document prints after a count ('登记3510项' -> 项, '企业1950家' -> 家);
        '' when it prints none (garbled text lost it) or the figure is not a count."""
        if self.unit != "count":
            return ""
        m = re.search(re.escape(self.printed.lstrip("-")) + r"(?:\s*[-–—~至]\s*\d+(?:\.\d+)?)?\s*[余多]?\s*([" + MEASURE_WORDS + "])",
                      self.quote)  # a range (1-2家) prints the word after its upper end; 20余项 after 余
        return m.group(1) if m else self.catalog_measure_zh

    @property
    def bound_word(self) -> str:
        """'nearly', 'around', 'more_than' or 'range' when the quote prints that bound word next to
        the number (PRINTED_BOUNDS), else ''."""
        number = re.escape(self.printed.lstrip("-"))
        return next((word for q, word, pattern in PRINTED_BOUNDS
                     if self.qualifier == q and re.search(pattern.format(n=number), self.quote)), "")

    @property
    def range_upper(self) -> float | None:
        """The upper end of a printed range (1-2家 -> 2), None when the figure is not a range."""
        if self.bound_word != "range":
            return None
        m = re.search(r"(?<![0-9.])" + re.escape(self.printed.lstrip("-")) + RANGE_END, self.quote)
        return float(m.group(1))

    @property
    def decimals(self) -> int:
        """Decimals printed in the document: the precision a claim is made at."""
        token = self.printed
        return len(token.split(".")[1]) if "." in token else 0

    def formatted(self, lang: str = "en") -> str:
        decimals = self.decimals if not is_money(self.unit) or lang == "zh" else None
        word = self.bound_word  # the document's 近 (nearly), 余 (more than) and ranges kept
        if word == "range":
            return (format_value(self.value, self.unit, lang, decimals, printed=self.decimals) + "–"
                    + format_value(self.range_upper, self.unit, lang, decimals, printed=self.decimals))
        return self.mark(lang) + format_value(self.value, self.unit, lang, decimals, printed=self.decimals)

    def mark(self, lang: str = "en") -> str:
        """The bound mark before the number in tables and charts (units.bound_mark)."""
        return bound_mark(self.qualifier, lang, self.bound_word)


def available(data_dir: str | Path | None = None) -> list[tuple[str, int]]:
    """The (city, year) pairs the data hold, from sources.csv."""
    sources = load_dataset(data_dir).sources
    return sorted({(r.city, int(r.year)) for r in sources.itertuples()})


KEY = ["indicator", "region", "period", "kind"]


RUNNING_TOTAL_BASIS = RUNNING_TOTAL_WORDS + ("运营至", "成立至")  # words that date a running total


def named_catalog(dataset, regions: list[str]) -> pd.DataFrame:
    """The catalog with {city} and {province} in its names replaced by the selection's names
    (data/regions.csv): catalog names are written once for any city."""
    cat = dataset.catalog.copy()
    for col, lang in (("name_en", "en"), ("name_zh", "zh")):
        cat[col] = [fill_names(name, lang, regions, dataset.data_dir) for name in cat[col]]
    lags = dataset.tables.get("publication_lags")  # each indicator's publication lag, for its figures
    cat["lag_years"] = (cat["indicator"].map(dict(zip(lags["indicator"], lags["lag_years"]))).fillna(0).astype(int)
                        if lags is not None else 0)
    measures = dataset.tables.get("measures")  # each indicator's scope, for its figures
    cat["scope"] = (cat["indicator"].map(dict(zip(measures["indicator"], measures["scope"]))).fillna("")
                    if measures is not None else "")
    return cat


def figure_of(r) -> Figure:
    """A row of indicators.csv merged with its catalog names, as a Figure."""
    return Figure(indicator=r["indicator"], region=r["region"], period=int(r["period"]),
                  kind=r["kind"], value=float(r["value"]), unit=r["unit"],
                  qualifier=r["qualifier"], quote=r["quote"],
                  note="" if pd.isna(r["note"]) else str(r["note"]),
                  name_zh=r["name_zh"], name_en=r["name_en"], section=r["section"],
                  source=r["source"], catalog_measure_zh=_text_or_empty(r.get("measure_zh")),
                  lag_years=_whole_or_zero(r.get("lag_years")), scope=_text_or_empty(r.get("scope")))


def _whole_or_zero(v) -> int:
    return 0 if v is None or (isinstance(v, float) and pd.isna(v)) else int(v)


def _text_or_empty(v) -> str:
    return "" if v is None or (isinstance(v, float) and pd.isna(v)) else str(v)


# What a figure takes from the catalog beside its row: its section, names, measure word (for a
# quote that lost it: 总数达到1700 is 1700家), publication lag and scope. Every reader of rows merges these.
FIGURE_CATALOG_COLUMNS = ("indicator", "section", "name_zh", "name_en", "measure_zh", "lag_years", "scope")


class Summary:
    """The figures of a (city, year) selection, led by one document (`source`).

    `rows` holds one row per (indicator, region, period, kind): the leading document's where it
    prints one, else the preferred other document's (helpers.data.selection.pool: the
    selection's own documents, then earlier ones and those of the regions above the city).
    `all_rows` keeps every printed row, so two documents printing one figure can be compared.
    """

    def __init__(self, dataset, source: str):
        self.dataset = dataset
        srcs = dataset.sources.set_index("source")
        row = srcs.loc[source]
        self.source = {"source": source, **row.drop(labels=["line"], errors="ignore").to_dict()}
        self.city = str(row["city"])
        self.year = int(row["year"])
        self.title = str(row["title"])
        regions = getattr(dataset, "regions", None)
        parents = ({} if regions is None else
                   {r.region: r.parent for r in regions.itertuples() if isinstance(r.parent, str) and r.parent})
        records = dataset.sources.to_dict("records")
        order = [str(r["source"]) for r in selection.pool(records, self.city, self.year, parents)]
        order = [source] + [s for s in order if s != source]
        self.documents = order
        # the documents that came out after the leading one: what they print was not known when it was
        self.later = [s for s in order if selection.published_after(srcs.loc[s].to_dict(), self.source)]
        self.own = [s for s in order if str(srcs.loc[s, "city"]) == self.city and int(srcs.loc[s, "year"]) == self.year]
        self.regions = selection.regions_above(self.city, parents)
        rank = {s: i for i, s in enumerate(order)}
        ind = dataset.indicators
        rows = ind[ind["source"].isin(rank) & ind["region"].isin(self.regions)].copy()
        rows["_rank"] = rows["source"].map(rank)
        rows = rows.sort_values(["_rank", "line"], kind="stable")
        self.catalog = named_catalog(dataset, self.regions)
        cat = self.catalog[list(FIGURE_CATALOG_COLUMNS)]
        self.all_rows = rows.drop(columns="_rank").merge(cat, on="indicator", how="left").reset_index(drop=True)
        chosen = rows.drop_duplicates(KEY, keep="first").sort_values("line", kind="stable").drop(columns="_rank")
        self.rows = chosen.merge(cat, on="indicator", how="left").reset_index(drop=True)
        # the city's documents of later years: never figures of the selection, only what is known
        # now of a level the selection's documents lack (a plan-only year's baseline), labelled later
        beyond = [s for s in dataset.sources["source"] if s not in rank
                  and int(srcs.loc[s, "year"]) > self.year and str(srcs.loc[s, "city"]) in self.regions]
        self.later += beyond
        self.later_rows = (ind[ind["source"].isin(beyond) & ind["region"].isin(self.regions)]
                           .merge(cat, on="indicator", how="left").reset_index(drop=True))

    @classmethod
    def select(cls, city: str, year: int, data_dir: str | Path | None = None) -> Summary:
        """The selection (city, year), led by its work summary (or its leading document);
        SelectionError listing what exists when the data hold no document for it. A build's
        snapshot (helpers.data.snapshot) is loaded, not validated again."""
        shared = snapshot.load(data_dir)
        dataset = shared or load_dataset(data_dir)
        own = selection.own_documents(dataset.sources.to_dict("records"), city, int(year))
        if not own:
            src = dataset.sources
            pairs = ", ".join(f"{c} {y}" for c, y in sorted({(r.city, int(r.year)) for r in src.itertuples()}))
            raise SelectionError(f"no document for city {city!r}, year {year!r}; the data hold: {pairs}")
        source = str(own[0]["source"])
        if shared is None:
            return cls(dataset, source)
        # a snapshot's selection is made once per process, so what is computed on it is shared
        chosen = _SELECTED.setdefault(shared, {})
        if source not in chosen:
            chosen[source] = cls(dataset, source)
        return chosen[source]

    def duplicates(self) -> list[tuple[Figure, Figure]]:
        """(preferred, other) for every figure that two documents of the selection both print."""
        out = []
        for _, group in self.all_rows.groupby(KEY, sort=False):
            if group["source"].nunique() > 1:
                first = figure_of(group.iloc[0])
                out += [(first, figure_of(r)) for _, r in group.iloc[1:].iterrows()
                        if r["source"] != first.source]
        return out

    @property
    def province(self) -> str:
        """The id of the region above the city ('jiangxi'); 'province' when regions.csv lacks it."""
        return self.regions[1] if len(self.regions) > 1 else "province"

    def indicator_name(self, indicator: str, lang: str = "en") -> str:
        """An indicator's catalog name in `lang`, with the selection's city and province filled in."""
        return str(by_indicator(self.catalog).loc[indicator, "name_zh" if lang == "zh" else "name_en"])

    @property
    def plan_led(self) -> bool:
        """Is the selection led by a plan: its leading document sets targets at the start of the
        year and reports no outcome of it (a target of its own year is still open then)."""
        return str(self.source.get("kind", "")) in PLAN_KINDS

    def source_title(self, source: str) -> str:
        """The title of a document of the selection (for citations)."""
        return str(self.dataset.sources.set_index("source").loc[source, "title"])

    def cites_annex(self) -> bool:
        """Whether the selection's own documents refer to an annex table (附表): the published
        text carries none, so a caveat may say it is missing only when a document cites one."""
        texts = getattr(self.dataset, "texts", {}) or {}
        return any("附表" in (texts.get(s) or "") for s in self.own)

    def known_later(self, indicator: str, region: str, before: int, kinds: tuple[str, ...]) -> Figure | None:
        """The latest level before `before` that only a later year's document gives (an actual
        before an estimate, then the earliest such document): what is known now, not then."""
        r = self.later_rows
        r = r[(r["indicator"] == indicator) & (r["region"] == region) & r["kind"].isin(kinds) & (r["period"] < before)]
        if r.empty:
            return None
        r = r[r["period"] == r["period"].max()]
        years = self.dataset.sources.set_index("source")["year"]
        r = r.assign(_k=r["kind"].map(kinds.index), _y=r["source"].map(years)).sort_values(["_k", "_y", "line"])
        return figure_of(r.iloc[0])

    def own_rows(self) -> pd.DataFrame:
        """The rows printed by the selection's own documents (this city and year)."""
        return self.rows[self.rows["source"].isin(self.own)]

    def _index(self) -> dict:
        """(indicator, region) -> the rows' Figures, built once (get is called thousands of times)."""
        if getattr(self, "_by_key", None) is None or self._indexed is not self.rows:
            by: dict = {}
            for _, r in self.rows.iterrows():
                by.setdefault((r["indicator"], r["region"]), []).append((int(r["line"]), figure_of(r)))
            self._by_key, self._indexed = by, self.rows
            self._known = set(self.dataset.catalog["indicator"])
        return self._by_key

    def get(self, indicator: str, region: str | None = None, period: int | None = None,
            kind: str | None = "actual") -> Figure | None:
        """The one figure that matches, or None when this summary does not report it.

        Without a period, only the selection's own documents answer: a sentence about this year
        must never pick up an earlier document's figure (last year's loans read as this year's).
        Earlier documents and other years are reached by giving the period."""
        index = self._index()
        if indicator not in self._known:
            raise KeyError(f"{indicator!r} is not in data/catalog.csv")
        hit = [(line, f) for line, f in index.get((indicator, region or self.city), [])
               if (period is None or f.period == int(period)) and (kind is None or f.kind == kind)]
        if period is None:
            hit = [h for h in hit if h[1].source in self.own]
            if len(hit) > 1:
                hit = [h for h in hit if h[1].period == self.year] or hit
        if len(hit) > 1:
            raise ValueError(f"{indicator!r} matches {len(hit)} rows (lines "
                             f"{', '.join(str(line) for line, _ in hit)}); give period and kind")
        return hit[0][1] if hit else None

    def value(self, indicator: str, region: str | None = None, period: int | None = None,
              kind: str | None = "actual") -> float | None:
        fig = self.get(indicator, region, period, kind)
        return None if fig is None else fig.value

    def figures(self, section: str | None = None, kind: str | None = None, own: bool = False) -> list[Figure]:
        """Every figure of a section (or all), in the order of indicators.csv; `own`: only those
        the selection's own documents print (what this year's plan says, not an earlier one's)."""
        r = self.own_rows() if own else self.rows
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
        return tab[tab["source"].isin(self.own)].reset_index(drop=True)
