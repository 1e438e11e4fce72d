"""Section 11, trends: the selection's series over the years (data/trend_series.csv), each point
with its kind and document, and what the series says as statements.

A series is shown when it holds at least two outcome points (actual, estimate or implied): its
first outcome is stated as a level, each later one as a change on the one before when both are
printed actuals or estimates of the one indicator (a change across a bound is a bound; across two
floors, no change is stated, only the level), or as a level when either is implied. A target is
drawn and tabled as a target, never stated as a level or used in a change: targets are the targets
section's. Years with no outcome between the first and last point are said to be gaps. Key figures:
every point of every series with two points or more, and the growth from first to last actual.
"""
from __future__ import annotations

from helpers.calc import audit, targets, trends
from helpers.calc.derive import agrees, change_pct, difference
from helpers.calc.result import SectionResult, key_row
from helpers.calc.statements import Builder, Region, Text, bound_known, bounded
from helpers.calc.trends import Period, Series
from helpers.data.figures import Figure, by_indicator, per_summary


def _years(years: list[int], lang: str) -> str:
    if lang == "zh":
        return "、".join(f"{y}年" for y in years)
    return ", ".join(map(str, years[:-1])) + (" and " if len(years) > 1 else "") + str(years[-1])


def series_statements(b: Builder, s: Series, gaps: list[int], name: Text) -> None:
    """What one series says: its first outcome, each step to the next outcome, and its gaps."""
    points = trends.outcome_points(s)
    region = Region(s.region)
    prev = None
    for p in points:
        x, at = p.figure, ("first" if prev is None else "point")
        if p.kind == "implied":
            b.say("implied", f"implied.trends.{at}", x=x, at=Period(p.period), name=name, region=region)
        elif prev is None or prev.kind == "implied" or not bound_known(x, prev.figure):
            b.say("level", f"level.trends.{at}.{p.kind}", x=x, name=name, region=region)
        else:
            if s.unit == "percent":  # a change of a rate is in percentage points
                step = bounded(difference(x, prev.figure, unit="pp", label="series_step"), x, prev.figure)
            else:
                step = bounded(change_pct(x, prev.figure, label="series_step"), x, prev.figure)
                step = printed_growth(b.summary, x, prev.figure, step) or step
            b.say("change", f"change.trends.step.{p.kind}", new=x, old=prev.figure, change=step)
        prev = p
    if gaps and points:
        b.say("caveat", "caveat.trends.gaps", name=name, years=Text(_years(gaps, "en"), _years(gaps, "zh")))


def printed_growth(summary, new, old, computed):
    """The growth a document prints for the step, of the new figure's year and kind, when the
    computed one agrees with it at its precision (下降5% for 1950 against 2054, not 下降5.06%): a
    report writes the document's figure where the data confirm it; None otherwise."""
    growth_id = f"{new.indicator}_growth"
    if not isinstance(new, Figure) or new.period != old.period + 1 or \
            growth_id not in by_indicator(summary.dataset.catalog).index:
        return None
    growth = summary.get(growth_id, new.region, new.period, new.kind)
    return growth if growth is not None and agrees(computed, growth) else None


def shown(s: Series) -> bool:
    """A series has something to say over the years when it holds two outcome points or more."""
    return len(trends.outcome_points(s)) >= 2


@per_summary
def analyse(summary) -> SectionResult:
    """Every series with two points or more (key figures); the statements of those with two
    outcome points or more, by topic = the series' id, in data/trend_series.csv order."""
    all_series = trends.all_series(summary, audit.implied_figures(summary))
    derived = {s.series: trends.change_over(s) for s in all_series}
    gaps = {s.series: s.gaps(summary.year - targets.lag_of(summary, s.indicator)) for s in all_series}
    key = []
    for s in all_series:
        key += [(f"{s.series}:{p.period}:{p.kind}", round(p.value, 2), p.unit,
                 "implied" if p.kind == "implied" else p.source) for p in s.points]
        key.append(key_row(f"{s.series}:growth_first_to_last_actual", derived[s.series]))
    b = Builder.for_summary(summary)
    drawn = []
    for s in all_series:
        if not shown(s):
            continue
        b.topic = s.series
        first = len(b.out)
        names = (summary.indicator_name(s.indicator, "en"), summary.indicator_name(s.indicator, "zh"))
        series_statements(b, s, gaps[s.series], Text(*names))
        if len(b.out) > first:
            drawn.append(s)
    res = SectionResult({}, derived, key_figures=key)
    res.series, res.gaps, res.shown, res.statements = all_series, gaps, drawn, b.out
    return res
