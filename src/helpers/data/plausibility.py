"""Plausibility bounds of implied figures: data/plausibility.csv, read and checked.

Arithmetic can be right and the result still absurd: 1,375.2亿元 of technology-insurance cover
for 49 firms is about a quarter of the city's GDP. Each row names a relation of relations.csv
(`check`) and the range its value should fall in (`low`, `high`; one may be empty for an open
side), with the reason in both languages. helpers.calc.audit marks a value outside its range
`implausible` ("implausible, check the source") and says why; it never silently computes on.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import pandera.pandas as pa

from helpers.data.load import load_table
from helpers.data.relations import NUMBER_OR_EMPTY
from helpers.data.schema import SNAKE_CASE, make_table, matches, non_empty
from helpers.errors import DataError

PLAUSIBILITY = make_table("plausibility", {
    "check": pa.Column(str, matches("check", SNAKE_CASE, "the check id of a row of relations.csv")),
    "low": pa.Column(str, matches("low", NUMBER_OR_EMPTY, "empty or a number such as 0")),
    "high": pa.Column(str, matches("high", NUMBER_OR_EMPTY, "empty or a number such as 10")),
    "reason_en": pa.Column(str, non_empty("reason_en")),
    "reason_zh": pa.Column(str, non_empty("reason_zh")),
}, optional=("low", "high"), unique=("check",),
    required=False)


@dataclass(frozen=True)
class Bound:
    check: str
    low: float
    high: float
    reason_en: str
    reason_zh: str
    line: int = 0

    def reason(self, lang: str) -> str:
        return self.reason_zh if lang == "zh" else self.reason_en

    def contains(self, value: float) -> bool:
        return self.low <= value <= self.high


def load_plausibility(dataset) -> tuple[Bound, ...]:
    """The bounds of data/plausibility.csv (none when the file is absent), each checked against
    relations.csv; a problem is one DataError naming file, line and column."""
    path = Path(dataset.data_dir) / PLAUSIBILITY.file
    if not path.exists():
        return ()
    frame = load_table(path.parent, PLAUSIBILITY)
    known = {r.check: r for r in dataset.relations}
    out = []
    for row in frame.sort_values("line").itertuples(index=False):
        def fail(column, problem, value=None, row=row):
            raise DataError(path, problem, line=int(row.line), column=column, value=value)
        if row.check not in known:
            fail("check", "not a check id of relations.csv", row.check)
        if known[row.check].role != "implied":
            fail("check", "plausibility bounds apply to implied figures (role implied in "
                          "relations.csv), not to checks", row.check)
        low = float(row.low) if row.low else -math.inf
        high = float(row.high) if row.high else math.inf
        if math.isinf(low) and math.isinf(high):
            fail("low", "give low, high or both: the range the value should fall in")
        if low > high:
            fail("high", f"high is below low ({row.low})", row.high)
        out.append(Bound(row.check, low, high, row.reason_en, row.reason_zh, int(row.line)))
    return tuple(out)

