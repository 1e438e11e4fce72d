"""Coverage scanner: every number printed in a source must be quoted by a data row or excused.

A number is *covered* when an indicators.csv row of that source quotes the passage it stands in
and the row's value is that number; *excluded* when a generic rule (a year, a month or day, a
list number) or a row of coverage_exclusions.csv explains it; otherwise it is *uncovered*.
"""
from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass

import pandas as pd

# 3,963.1万元: a thousands separator is part of the number when groups of three digits follow and
# a decimal point or a unit ends it (12,5家 or 2011年,3 are no such number)
NUMBER = re.compile(r"(?<![0-9.,])[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?(?=[.万亿元%家个项件名人])"
                    r"|\d+(?:\.\d+)?")


def number_value(token: str) -> float:
    return float(token.replace(",", ""))


@dataclass(frozen=True)
class Number:
    """One number printed in a text: where it stands and, if a generic rule excuses it, why."""
    start: int
    end: int
    token: str
    generic: str | None

    @property
    def value(self) -> float:
        return number_value(self.token)


def _generic_reason(text: str, start: int, end: int) -> str | None:
    """Why a number needs no data row whatever the document: dates and list numbers."""
    token, after = text[start:end], text[end:end + 1]
    if after == "年" and len(token) == 4 and token[:2] in ("19", "20"):
        return "date: a year"
    if after in ("月", "日"):
        return "date: a month or a day"
    line_start = start == 0 or text[start - 1] == "\n"
    if line_start and after == "." and not text[end + 1:end + 2].isdigit():
        return "list number"
    return None


def find_numbers(text: str) -> Iterator[Number]:
    """Every number of `text` in order, each with the generic reason it may be skipped (or None).

    The one number finder of the project: the coverage scan and the draft extractor both use it.
    """
    for m in NUMBER.finditer(text):
        yield Number(m.start(), m.end(), m.group(), _generic_reason(text, m.start(), m.end()))


def excused_offsets(text: str, exclusions: pd.DataFrame) -> dict[int, str]:
    """Start offset -> reason, for every number inside a coverage_exclusions.csv context."""
    excused: dict[int, str] = {}
    for row in exclusions.itertuples():
        for a, b in _spans(text, row.context):
            for m in NUMBER.finditer(text, a, b):
                if m.end() <= b:
                    excused.setdefault(m.start(), row.reason)
    return excused


def _spans(text: str, needle: str) -> list[tuple[int, int]]:
    out, i = [], text.find(needle)
    while i >= 0:
        out.append((i, i + len(needle)))
        i = text.find(needle, i + 1)
    return out


def scan(text: str, indicators: pd.DataFrame, exclusions: pd.DataFrame) -> pd.DataFrame:
    """One row per number in `text`: where it is, its status and what covers or excuses it.

    `indicators` and `exclusions` are the rows of one source (columns as in data/).
    """
    covered: dict[int, str] = {}
    for row in indicators.itertuples():
        for a, b in _spans(text, row.quote):
            for m in NUMBER.finditer(text, a, b):
                if m.end() <= b and number_value(m.group()) == abs(float(row.value)):
                    covered.setdefault(m.start(), row.indicator)
    excused = excused_offsets(text, exclusions)
    records = []
    for num in find_numbers(text):
        start = num.start
        if start in covered:
            status, by = "covered", covered[start]
        elif start in excused:
            status, by = "excluded", excused[start]
        elif num.generic is not None:
            status, by = "excluded", num.generic
        else:
            status, by = "uncovered", ""
        records.append({
            "line": text.count("\n", 0, start) + 1,
            "offset": start,
            "number": num.token,
            "context": text[max(0, start - 12):num.end + 8].replace("\n", " "),
            "status": status,
            "by": by,
        })
    return pd.DataFrame.from_records(
        records, columns=["line", "offset", "number", "context", "status", "by"])


def scan_dataset(dataset, source: str) -> pd.DataFrame:
    """`scan` for one source of a loaded dataset."""
    ind = dataset.indicators[dataset.indicators["source"] == source]
    exc = dataset.exclusions[dataset.exclusions["source"] == source]
    return scan(dataset.texts[source], ind, exc)


def main(argv: list[str] | None = None) -> int:
    """`python -m helpers.data.coverage [DATA_DIR]`: print the tally and every uncovered number."""
    from helpers.data.load import load_from_argv  # load imports this module

    dataset = load_from_argv(argv)
    if dataset is None:
        return 2
    missing = 0
    for source in dataset.sources["source"]:
        result = scan_dataset(dataset, source)
        tally = result["status"].value_counts().to_dict()
        print(f"{source}: {len(result)} numbers, "
              + ", ".join(f"{tally.get(s, 0)} {s}" for s in ("covered", "excluded", "uncovered")))
        for row in result[result["status"] == "uncovered"].itertuples():
            print(f"  line {row.line}: {row.number!r} in …{row.context}…")
        missing += int((result["status"] == "uncovered").sum())
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
