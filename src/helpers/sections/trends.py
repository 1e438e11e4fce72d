"""Section 11, trends: the selection's series over the years (data/trend_series.csv), each point
with its kind and document, and the growth between the first and last printed actuals."""
from __future__ import annotations

from helpers.calc import audit, targets, trends
from helpers.calc.result import SectionResult, key_row


def analyse(summary) -> SectionResult:
    """Every series with two points or more; key figures: the points and the actual growth."""
    all_series = trends.all_series(summary, audit.implied_figures(summary))
    derived = {s.series: trends.change_over(s) for s in all_series}
    gaps = {s.series: s.gaps(summary.year - targets.lag_of(summary, s.indicator)) for s in all_series}
    key = []
    for s in all_series:
        key += [(f"{s.series}:{p.period}:{p.kind}", round(p.value, 2), p.unit,
                 "implied" if p.kind == "implied" else p.source) for p in s.points]
        key.append(key_row(f"{s.series}:growth_first_to_last_actual", derived[s.series]))
    res = SectionResult({}, derived, key_figures=key)
    res.series, res.gaps = all_series, gaps
    return res
