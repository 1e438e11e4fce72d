"""Series over the years: every figure of an indicator that the selection's documents print, with
the implied values the audit works out for years no document prints, and the targets.

Each point keeps its kind (actual, estimate, target, implied) and its document, so a chart can draw
them differently and a table can say where each came from. A year without a point is a gap.
"""
from __future__ import annotations

from dataclasses import dataclass

from helpers.calc import audit
from helpers.calc.derive import Derived, rough
from helpers.data.figures import Figure, by_indicator
from helpers.data.units import convert, is_money

KINDS = ("actual", "estimate", "implied", "target")
OUTCOMES = ("actual", "estimate", "implied")  # what a series' level and change statements rest on


@dataclass(frozen=True)
class Period:
    """A year named in a statement that no single figure of it carries (the year an implied value
    stands for): written `{slot.year}` in a catalog message, as a year (2019, not 2,019)."""
    year: int

    def __format__(self, spec: str) -> str:
        return str(self.year)


@dataclass(frozen=True)
class Point:
    period: int
    kind: str                    # actual | estimate | implied | target
    value: float
    unit: str
    qualifier: str
    source: str                  # the document's id ('' for an implied value)
    figure: Figure | Derived

    @property
    def formula(self) -> str:
        return self.figure.formula if isinstance(self.figure, Derived) else ""


@dataclass(frozen=True)
class Series:
    series: str
    indicator: str
    region: str
    unit: str
    points: tuple

    def years(self) -> list[int]:
        """Every year from the first point to the last (years without a point are gaps)."""
        ps = [p.period for p in self.points]
        return list(range(min(ps), max(ps) + 1)) if ps else []

    def gaps(self, last_year: int) -> list[int]:
        """Years up to `last_year` (the last year whose figures should be out) between the series'
        first and last years that have no actual, estimate or implied value."""
        have = {p.period for p in self.points if p.kind != "target"}
        return [y for y in self.years() if y <= last_year and y not in have]

    def values(self, kind: str) -> list[float | None]:
        """One value per year of `years()` for a kind, None where that year has no such point."""
        by = {p.period: p.value for p in self.points if p.kind == kind}
        return [by.get(y) for y in self.years()]


def scope_region(summary, scope: str) -> str | None:
    """city -> the selected city; province / country -> the regions above it (data/regions.csv)."""
    chain = summary.regions
    index = {"city": 0, "province": 1, "country": 2}[scope]
    return chain[index] if index < len(chain) else None


def series(summary, indicator: str, region: str, implied: dict[str, Derived | None] | None = None,
           name: str = "") -> Series:
    """Every point of (indicator, region) in the selection, oldest first."""
    rows = summary.rows
    rows = rows[(rows["indicator"] == indicator) & (rows["region"] == region)]
    unit = str(by_indicator(summary.dataset.catalog).loc[indicator, "unit"])
    pts = []
    for r in rows.itertuples():
        if r.kind not in KINDS:
            continue
        f = summary.get(indicator, region, int(r.period), r.kind)
        pts.append(Point(f.period, f.kind, _in(f.value, f.unit, unit), unit, f.qualifier, f.source, f))
    printed = {p.period for p in pts if p.kind in ("actual", "estimate")}
    for (ind, reg, period), d in audit.implied_by_figure(summary, implied or {}).items():
        if (ind, reg) == (indicator, region) and period not in printed:
            pts.append(Point(period, "implied", _in(d.value, d.unit, unit), unit, implied_qualifier(d), "", d))
            printed.add(period)
    pts.sort(key=lambda p: (p.period, KINDS.index(p.kind)))
    return Series(name or indicator, indicator, region, unit, tuple(pts))


def _in(value: float, unit: str, series_unit: str) -> float:
    """A point in the series' unit: money printed in 万元 beside 亿元 is drawn on one axis."""
    return convert(value, unit, series_unit) if is_money(unit) and is_money(series_unit) else value


def implied_qualifier(d: Derived) -> str:
    """An implied point is as rough as its roughest input: about, when one is 约 (约58.6亿元 gives
    about 2,750亿元, never 2751.17) or when the rounding of its exact inputs leaves it coarser than
    it is written (derive.uncertain), else the bound it carries."""
    return "approx" if rough(d) else d.qualifier


def all_series(summary, implied: dict[str, Derived | None] | None = None) -> list[Series]:
    """The series of data/trend_series.csv that have at least two points in the selection, one of
    them printed."""
    table = summary.dataset.tables.get("trend_series")
    out = []
    for row in ([] if table is None else table.itertuples()):
        region = scope_region(summary, row.scope)
        if region is None:
            continue
        s = series(summary, row.indicator, region, implied, row.series)
        if len(s.points) >= 2 and any(p.kind in ("actual", "estimate") for p in s.points):
            out.append(s)  # a line of implied points alone would draw a change no document prints
    return out


def change_over(s: Series, kind: str = "actual") -> Derived | None:
    """Growth from the first to the last point of a kind ((last / first - 1) × 100)."""
    from helpers.calc.derive import change_pct
    pts = [p for p in s.points if p.kind == kind]
    if len(pts) < 2:
        return None
    return change_pct(pts[-1].figure, pts[0].figure, "series_change")


def outcome_points(s: Series) -> list[Point]:
    """The series' outcomes, one per year, oldest first: a printed actual, else an estimate, else an
    implied value (targets are left out: they are never a level)."""
    best: dict[int, Point] = {}
    for p in s.points:
        if p.kind in OUTCOMES and (p.period not in best or OUTCOMES.index(p.kind) < OUTCOMES.index(best[p.period].kind)):
            best[p.period] = p
    return [best[y] for y in sorted(best)]
