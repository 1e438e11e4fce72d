"""The audit's relations: data/relations.csv read, checked and parsed into formulas and references.

A row says which figure it checks (`claim`, or word bounds such as 十余倍 = 10..20 with the
words' `claim_quote`), which figures it is computed from (`inputs`) and by which `formula`.
Rows with role `implied` compute a figure the document does not print. Next year's document
needs new rows at most, never new code.

Input references (separated by ";"):
  indicator:region:period:kind   a figure of indicators.csv; region `city` (default) is the
                                 summary's city; period `Y` (default) is the summary's year,
                                 `Y-1` the year before, or a plain year; kind default `actual`
  rows:table[column=value]       the number of rows of a qualitative table for this summary
  list:text                      the number of items named in `text`, a verbatim passage of the
                                 source, separated by 、 ， , or 和 (needs `source`)
  @check                         the value of an earlier relation (implied figures chain)

Word claims: 翻番 (doubling) is read as 2 with the approx rule (±5%): 1.9..2.1. 十余倍 is read
as more than ten and fewer than twenty times: 10..20. The bounds are data (claim_low,
claim_high) in relations.csv, next to the words they read.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path

import pandera.pandas as pa

from helpers.data.formulas import FORMULAS
from helpers.data.load import load_table
from helpers.data.schema import KINDS, QUALITATIVE, SNAKE_CASE, UNITS, make_table, matches, non_empty, one_of
from helpers.errors import DataError

ROLES = ("check", "implied")
NUMBER_OR_EMPTY = r"^(-?[0-9]+(\.[0-9]+)?)?$"
# a relation holds in every year its inputs name (Y, Y-1): a label naming a year would be wrong in the others
NO_YEAR = r"^(?!.*(?:19|20)[0-9]{2})"
NO_YEAR_WORDS = "free of years (write 'this year's estimate on last year's', not '2021 estimate on 2020')"
LIST_SEPARATORS = re.compile(r"[、，,和]")

# --- references --------------------------------------------------------------------------------

@dataclass(frozen=True)
class Ref:
    """One input or claim reference, parsed."""
    kind: str                      # figure | rows | list | result
    text: str
    indicator: str = ""
    region: str = "city"
    period: str = "Y"
    fig_kind: str = "actual"
    table: str = ""
    column: str = ""
    value: str = ""

    def resolve_region(self, city: str, regions: list[str] | None = None) -> str:
        """`city` is the selected city, `province` the region above it (data/regions.csv)."""
        if self.region == "city":
            return city
        if self.region == "province":
            return regions[1] if regions and len(regions) > 1 else "province"
        return self.region

    def resolve_period(self, year: int) -> int:
        if self.period.startswith("Y"):
            return year + (int(self.period[1:]) if len(self.period) > 1 else 0)
        return int(self.period)


_PERIOD = re.compile(r"^(Y([+-][0-9]+)?|[0-9]{4})$")
_ROWS = re.compile(r"^rows:([a-z_]+)(?:\[([a-z_]+)=([^\]]+)\])?$")


def parse_ref(text: str) -> Ref:
    """Parse one reference; ValueError with the rule in plain words when it is malformed."""
    text = text.strip()
    if text.startswith("@"):
        if not re.fullmatch(SNAKE_CASE, text[1:]):
            raise ValueError(f"{text!r}: @ must be followed by the check id of an earlier row")
        return Ref("result", text, value=text[1:])
    if text.startswith("rows:"):
        m = _ROWS.fullmatch(text)
        if not m:
            raise ValueError(f"{text!r}: write rows:table or rows:table[column=value]")
        return Ref("rows", text, table=m.group(1), column=m.group(2) or "", value=m.group(3) or "")
    if text.startswith("list:"):
        if len(text) <= 5:
            raise ValueError(f"{text!r}: list: must be followed by the quoted list of names")
        return Ref("list", text, value=text[5:])
    parts = text.split(":")
    if len(parts) > 4:
        raise ValueError(f"{text!r}: a figure is indicator:region:period:kind (at most 4 parts)")
    parts += [""] * (4 - len(parts))
    indicator, region, period, kind = parts
    if not re.fullmatch(SNAKE_CASE, indicator):
        raise ValueError(f"{text!r}: the indicator must be snake_case")
    region, period, kind = region or "city", period or "Y", kind or "actual"
    if not re.fullmatch(r"[a-z]+", region):
        raise ValueError(f"{text!r}: region must be city or lowercase pinyin such as jiangxi")
    if not _PERIOD.fullmatch(period):
        raise ValueError(f"{text!r}: period must be Y, Y-1, Y+1 (relative to the summary's year) "
                         f"or a year such as 2020")
    if kind not in KINDS:
        raise ValueError(f"{text!r}: kind must be one of {', '.join(KINDS)}")
    return Ref("figure", text, indicator=indicator, region=region, period=period, fig_kind=kind)


def split_inputs(text: str) -> list[str]:
    return [p.strip() for p in text.split(";") if p.strip()]


def list_items(text: str) -> list[str]:
    return [p for p in (s.strip() for s in LIST_SEPARATORS.split(text)) if p]


# --- the relations file ------------------------------------------------------------------------

RELATIONS = make_table("relations", {
    "check": pa.Column(str, matches("check", SNAKE_CASE, "snake_case: lowercase letters, digits "
                                                         "and _, starting with a letter")),
    "role": pa.Column(str, one_of("role", ROLES)),
    "formula": pa.Column(str, one_of("formula", tuple(FORMULAS))),
    "claim": pa.Column(str),
    "inputs": pa.Column(str, non_empty("inputs")),
    "unit": pa.Column(str, one_of("unit", UNITS)),
    "source": pa.Column(str, matches("source", r"^([a-z][a-z0-9_]*)?$",
                                     "empty or a source id from sources.csv")),
    "claim_quote": pa.Column(str),
    "claim_low": pa.Column(str, matches("claim_low", NUMBER_OR_EMPTY, "empty or a number such as 10")),
    "claim_high": pa.Column(str, matches("claim_high", NUMBER_OR_EMPTY, "empty or a number such as 20")),
    "label_en": pa.Column(str, [non_empty("label_en"), matches("label_en", NO_YEAR, NO_YEAR_WORDS)]),
    "label_zh": pa.Column(str, [non_empty("label_zh"), matches("label_zh", NO_YEAR, NO_YEAR_WORDS)]),
    "explanation_en": pa.Column(str),
    "explanation_zh": pa.Column(str),
    "implies": pa.Column(str),
}, optional=("claim", "source", "claim_quote", "claim_low", "claim_high", "explanation_en",
             "explanation_zh", "implies"), unique=("check",))


@dataclass(frozen=True)
class Relation:
    check: str
    role: str
    formula: str
    claim: Ref | None
    inputs: tuple[Ref, ...]
    unit: str
    source: str
    claim_quote: str
    bounds: tuple[float, float] | None
    label_en: str
    label_zh: str
    explanation_en: str
    explanation_zh: str
    line: int = 0
    implies: Ref | None = None   # the figure an implied value stands for (to meet a published one)

    def label(self, lang: str) -> str:
        return self.label_zh if lang == "zh" else self.label_en


def _check_relation_row(path: Path, row, dataset, earlier, periods: dict[str, str]) -> Relation:
    """Cross-check one row against the catalog, tables and texts; a DataError names the cell."""
    def fail(column, problem, value=None):
        raise DataError(path, problem, line=row.line, column=column, value=value)

    catalog = dict(zip(dataset.catalog["indicator"], dataset.catalog["unit"]))
    formula = FORMULAS[row.formula]
    if row.source and row.source not in dataset.texts:
        fail("source", f"source not in sources.csv (known: {', '.join(sorted(dataset.texts))})",
             row.source)
    low, high = row.claim_low, row.claim_high
    if bool(low) != bool(high):
        fail("claim_low" if not low else "claim_high",
             "give both claim_low and claim_high (the range the words claim) or neither")
    bounds = (float(low), float(high)) if low else None
    for column, number in (("claim_low", low), ("claim_high", high)):
        if number and not math.isfinite(float(number)):
            fail(column, "number too large: it must be finite", number)
    if bounds and bounds[0] > bounds[1]:
        fail("claim_high", f"claim_high is below claim_low ({low})", high)
    claim = None
    if row.role == "implied":
        if row.claim or bounds:
            fail("claim" if row.claim else "claim_low",
                 "an implied figure has no claim; leave claim, claim_low and claim_high empty")
    elif row.claim and bounds:
        fail("claim_low", "a check has either a claim figure or word bounds, not both")
    elif row.claim:
        try:
            claim = parse_ref(row.claim)
        except ValueError as e:
            fail("claim", str(e), row.claim)
        if claim.kind != "figure":
            fail("claim", "the claim must be a figure reference indicator:region:period:kind",
                 row.claim)
        if claim.indicator not in catalog:
            fail("claim", "indicator not in catalog.csv", claim.indicator)
        if catalog[claim.indicator] != row.unit:
            fail("unit", f"the claim {claim.indicator} is in {catalog[claim.indicator]!r} "
                         f"(catalog.csv); unit must match", row.unit)
    elif bounds:
        if not row.claim_quote or not row.source:
            fail("claim_quote", "a word claim (claim_low..claim_high) needs its claim_quote and "
                                "the source it is quoted from")
    else:
        fail("claim", "a check needs a claim figure or word bounds (claim_low, claim_high)")
    if row.claim_quote:
        if not row.source:
            fail("source", "claim_quote needs the source it is quoted from")
        if row.claim_quote not in dataset.texts[row.source]:
            fail("claim_quote", f"not found verbatim in the text of source {row.source!r}",
                 row.claim_quote)
    refs = []
    for text in split_inputs(row.inputs):
        try:
            ref = parse_ref(text)
        except ValueError as e:
            fail("inputs", str(e), text)
        if ref.kind == "figure" and ref.indicator not in catalog:
            fail("inputs", "indicator not in catalog.csv", ref.indicator)
        if ref.kind == "result" and ref.value not in earlier:
            fail("inputs", "@ must name a relation on an earlier line", ref.text)
        if ref.kind == "rows":
            if ref.table not in QUALITATIVE:
                fail("inputs", f"unknown table (known: {', '.join(QUALITATIVE)})", ref.table)
            if ref.column and ref.column not in QUALITATIVE[ref.table].columns:
                fail("inputs", f"column not in {ref.table}.csv", ref.column)
        if ref.kind == "list":
            if not row.source:
                fail("source", "a list: input needs the source it is quoted from")
            if ref.value not in dataset.texts[row.source]:
                fail("inputs", f"list not found verbatim in the text of source {row.source!r}",
                     ref.value)
        refs.append(ref)
    if row.formula in SAME_YEAR_FORMULAS:  # 2021 insurance cover over 2020 GDP is no share of anything
        years = {ref.period if ref.kind == "figure" else periods.get(ref.value) for ref in refs
                 if ref.kind in ("figure", "result")}
        years.discard(None)
        if len(years) > 1:
            fail("inputs", f"formula {row.formula} takes figures of one year; these are of "
                           f"{', '.join(sorted(years))} (use the figure of the same year)", row.inputs)
    n = len(refs)
    if (formula.arity is None and n < 2) or (formula.arity is not None and n != formula.arity):
        need = "two or more" if formula.arity is None else str(formula.arity)
        fail("inputs", f"formula {row.formula} takes {need} inputs; got {n}", row.inputs)
    if row.formula == "integer_base" and (claim is None or refs[0].kind != "figure"):
        fail("inputs", "integer_base checks a claimed growth rate against one count figure")
    implies = None
    if row.implies:
        if row.role != "implied":
            fail("implies", "only an implied figure can say which figure it stands for")
        try:
            implies = parse_ref(row.implies)
        except ValueError as e:
            fail("implies", str(e), row.implies)
        if implies.kind != "figure" or implies.indicator not in catalog:
            fail("implies", "a figure reference indicator:region:period:kind with a catalog indicator",
                 row.implies)
        if catalog[implies.indicator] != row.unit:
            fail("implies", f"{implies.indicator} is in {catalog[implies.indicator]!r} (catalog.csv); "
                            f"the implied figure is in {row.unit!r}", row.implies)
    return Relation(row.check, row.role, row.formula, claim, tuple(refs), row.unit, row.source,
                    row.claim_quote, bounds, row.label_en, row.label_zh, row.explanation_en,
                    row.explanation_zh, int(row.line), implies)


# formulas of one year's figures: a share, a ratio, an amount per unit, a rate
SAME_YEAR_FORMULAS = ("share", "ratio", "per_unit", "rate")


def load_relations(data_dir: str | Path | None = None, dataset=None) -> list[Relation]:
    """Read and check data/relations.csv; every problem is one DataError naming line and column."""
    from helpers.data.load import load_dataset
    if dataset is None:
        return list(load_dataset(data_dir).relations)  # checked while loading
    path = Path(dataset.data_dir) / RELATIONS.file
    frame = load_table(path.parent, RELATIONS)
    out, earlier, periods = [], {}, {}
    for row in frame.sort_values("line").itertuples(index=False):
        rel = _check_relation_row(path, row, dataset, earlier, periods)
        earlier[rel.check] = rel.role
        years = {r.period for r in rel.inputs if r.kind == "figure"}
        periods[rel.check] = rel.implies.period if rel.implies else (years.pop() if len(years) == 1 else None)
        out.append(rel)
    return out
