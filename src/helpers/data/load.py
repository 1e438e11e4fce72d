"""Load and check every data file, so a wrong cell stops everything with one message saying where.

Three layers, in order: a strict CSV reader (bytes, encoding, header, field counts, cell
types), the pandera schemas of helpers.data.schema (vocabularies, patterns, unique keys), and the
cross-table checks (ids exist, units agree, each quote is in its source, each value in its
quote, raw files match their hashes). Each raises helpers.errors.DataError naming file, line
(header = 1), column and value. Nothing is cached: files may change between calls.

Every returned table keeps an int column `line`: the CSV line its row starts on.
"""
from __future__ import annotations

import csv
import hashlib
import io
import math
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from helpers.data import snapshot
from helpers.data.paths import DATA_DIR
from helpers.data.schema import (
    CATALOG,
    COVERAGE_EXCLUSIONS,
    INDICATOR_SCHEMES,
    INDICATOR_TERMS,
    INDICATORS,
    LIST_CATALOG,
    LISTS,
    MEASURES,
    NOTES_ZH,
    PUBLICATION_LAGS,
    QUALITATIVE,
    REGIONS,
    SCHEMES,
    SOURCES,
    TARGET_BASELINES,
    TREND_SERIES,
    Table,
)
from helpers.errors import DataError

BOM = b"\xef\xbb\xbf"
FULL_WIDTH = set("０１２３４５６７８９．－＋，")
NUMBER_TOKEN = re.compile(r"\d+(?:\.\d+)?")
CHINESE_DIGITS = {c: i for i, c in enumerate("一二三四五六七八九", start=1)}
CHINESE_NUMERAL = re.compile(r"[一二三四五六七八九十]+")
INT_TEXT = re.compile(r"[0-9]+")
FLOAT_TEXT = re.compile(r"[+-]?[0-9]+(?:\.[0-9]+)?")
GROUPED = re.compile(r"[+-]?[0-9]{1,3}(?:[,，][0-9]{3})+(?:\.[0-9]+)?")


# --- the strict CSV reader -------------------------------------------------------------------

def decode_utf8(path: Path) -> str:
    """Read a file as strict UTF-8 without BOM; GBK and friends are refused with the line."""
    data = path.read_bytes()
    if data.startswith(BOM):
        raise DataError(path, "starts with a UTF-8 byte-order mark; save as UTF-8 without BOM", line=1)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data[:e.start].count(b"\n") + 1
        raise DataError(path, f"is not valid UTF-8: byte 0x{data[e.start]:02x} (the file may be "
                              f"GBK/GB18030-encoded); save it as UTF-8", line=line) from None


def _check_header(path: Path, header: list[str], table: Table) -> None:
    expected = list(table.columns)
    shape = f"the header must be: {','.join(expected)}"
    for i, name in enumerate(header):
        if name in header[:i]:
            raise DataError(path, f"column appears twice in the header; {shape}", line=1, column=name)
    missing = [c for c in expected if c not in header]
    extra = [c for c in header if c not in expected]
    if missing and extra:
        raise DataError(path, f"unexpected column (misnamed? expected {missing[0]!r}); {shape}",
                        line=1, column=extra[0])
    if missing:
        raise DataError(path, f"missing column; {shape}", line=1, column=missing[0])
    if extra:
        raise DataError(path, f"unexpected column; {shape}", line=1, column=extra[0])


def read_rows(path: Path, table: Table) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """Header and (start line, fields) per record; blank lines are skipped."""
    if not path.is_file():
        raise DataError(path, "file not found")
    text = decode_utf8(path)
    if not text.strip():
        raise DataError(path, f"file is empty; it needs at least the header: "
                              f"{','.join(table.columns)}")
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[tuple[int, list[str]]] = []
    header: list[str] | None = None
    while True:
        start = reader.line_num + 1
        try:
            fields = next(reader)
        except StopIteration:
            break
        except csv.Error as e:
            raise DataError(path, f"cannot be read as CSV: {e}", line=start) from None
        if not fields:
            continue
        if header is None:
            header = fields
            _check_header(path, header, table)
            continue
        if len(fields) != len(header):
            raise DataError(path, f"row has {len(fields)} fields but the header has {len(header)}; "
                                  f"put double quotes around values that contain commas", line=start)
        rows.append((start, fields))
    assert header is not None
    return header, rows


CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")  # a NUL or other control byte: never text a document prints


def parse_cell(text: str, kind: str, column: str, optional: bool = False):
    """Turn one cell's text into str/int/float; raise ValueError with the plain-words reason."""
    if text == "":
        if optional:
            return ""
        raise ValueError(f"empty cell; {column} is required")
    bad = CONTROL.search(text)
    if bad:
        raise ValueError(f"control character U+{ord(bad.group()):04X} in the cell; remove it")
    if kind == "str":
        return text
    if text != text.strip():
        raise ValueError("spaces around the number; remove them")
    if any(c in FULL_WIDTH for c in text):
        raise ValueError("full-width digits; use ASCII digits (e.g. 1950, not １９５０)")
    if GROUPED.fullmatch(text) or ("," in text and any(c.isdigit() for c in text)):
        raise ValueError("thousands separator; write the number without commas (e.g. 1950, not 1,950)")
    if kind == "int":
        if INT_TEXT.fullmatch(text):
            return int(text)
        if re.match(r"[0-9]", text):
            raise ValueError(f"{column} must be a plain whole number such as 2021, without text "
                             f"such as 年")
        raise ValueError(f"not a whole number; {column} must be written like 2021")
    if FLOAT_TEXT.fullmatch(text):
        number = float(text)
        if not math.isfinite(number):
            raise ValueError(f"number too large ({len(text)} digits); {column} must be finite")
        return number
    if text.endswith("%"):
        raise ValueError("write the number without the % sign; the unit column says percent")
    raise ValueError(f"not a number; {column} must be written like 111.77 or -5")


def read_table(path: Path, table: Table) -> pd.DataFrame:
    """Read one CSV strictly and parse each cell by its column type; adds the `line` column."""
    header, rows = read_rows(Path(path), table)
    records = []
    for line, fields in rows:
        record = {"line": line}
        for name, text in zip(header, fields):
            try:
                record[name] = parse_cell(text, table.columns[name], name, name in table.optional)
            except ValueError as e:
                raise DataError(path, str(e), line=line, column=name, value=text) from None
        records.append(record)
    dtypes = {"str": "str", "int": "int64", "float": "float64"}
    data = {name: pd.Series([r[name] for r in records], dtype=dtypes[kind])
            for name, kind in table.columns.items()}
    data["line"] = pd.Series([r["line"] for r in records], dtype="int64")
    return pd.DataFrame(data)


# --- pandera -----------------------------------------------------------------------------------

def _duplicate(path: Path, df: pd.DataFrame, key: list[str]) -> tuple[int, int, DataError] | None:
    """The second occurrence of the first repeated key, and which line it repeats."""
    seen: dict[tuple, int] = {}
    for row in df.sort_values("line").itertuples(index=False):
        k = tuple(getattr(row, c) for c in key)
        if k in seen:
            shown = k[0] if len(k) == 1 else k
            problem = (f"duplicated key ({', '.join(key)}); duplicates line {seen[k]}")
            return row.line, 0, DataError(path, problem, line=row.line,
                                          column=key[0] if len(key) == 1 else None, value=shown)
        seen[k] = row.line
    return None


def validate_frame(path: Path, df: pd.DataFrame, table: Table) -> pd.DataFrame:
    """Run the table's pandera schema; report its first failure in file order as one DataError."""
    try:
        return table.schema.validate(df, lazy=True)
    except pa.errors.SchemaErrors as err:
        order = {c: i for i, c in enumerate(table.columns)}
        found: list[tuple[int, int, DataError]] = []
        for case in err.failure_cases.to_dict("records"):
            check = str(case["check"])
            column = case["column"] if isinstance(case["column"], str) else None
            index = case["index"]
            if check in ("multiple_fields_uniqueness", "field_uniqueness"):
                dup = _duplicate(path, df, list(table.schema.unique or [column]))
                if dup:
                    found.append(dup)
                continue
            line = None
            if index is not None and not pd.isna(index):
                line = int(df.loc[index, "line"])
            value = case["failure_case"]
            if check in ("column_in_dataframe", "column_in_schema"):
                column, value = str(value), None
                check = "column missing" if check == "column_in_dataframe" else "unexpected column"
            elif check.startswith("dtype("):
                check = f"{column} has the wrong type ({value}); expected {check}"
                value = None
            found.append((line or 1, order.get(column, -1),
                          DataError(path, check, line=line, column=column, value=value)))
        if not found:  # pragma: no cover - pandera reported something we do not know
            raise DataError(path, str(err)) from None
        raise min(found, key=lambda f: (f[0], f[1]))[2] from None


# Tables this process has read and validated, by table and the bytes of their file, newest last. A
# folder that differs from one checked before in one file (an analyst's edit in JupyterLab, a test's
# bad row) reads and validates that file again, not every table; the cross-table checks always run.
KEEP_TABLES = 64
_VALID_TABLES: dict[tuple[str, str], pd.DataFrame] = {}


def load_table(data_dir: Path, table: Table) -> pd.DataFrame:
    """One CSV read strictly and validated by its pandera schema (a copy: callers may add columns)."""
    path = Path(data_dir) / table.file
    key = (table.name, snapshot.sha256_bytes(path.read_bytes())) if path.is_file() else None
    if key not in _VALID_TABLES:
        frame = validate_frame(path, read_table(path, table), table)  # a missing file raises here
        while len(_VALID_TABLES) >= KEEP_TABLES:
            del _VALID_TABLES[next(iter(_VALID_TABLES))]
        _VALID_TABLES[key] = frame
    return _VALID_TABLES[key].copy()


# --- cross-table checks ------------------------------------------------------------------------

def chinese_numeral(text: str) -> int | None:
    """一..九, 十, 十二, 二十, 二十三 as an int; None for anything else."""
    if "十" not in text:
        return CHINESE_DIGITS.get(text) if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    if len(tens) > 1 or len(ones) > 1 or "十" in ones:
        return None
    t = CHINESE_DIGITS.get(tens, None) if tens else 1
    o = CHINESE_DIGITS.get(ones, None) if ones else 0
    return None if t is None or o is None else t * 10 + o


# Shares and multiples written in words: 三成 is 30%, 近半 about 50%, 翻番 a multiple of 2
WORD_NUMBER = re.compile(r"(?<![一二三四五六七八九十])([一二三四五六七八九])成(?!为|立|果|效|功|熟|本|员|交|不)"
                         r"|(近半|过半|逾半|超半|半数)|(翻两番|翻一番|翻番)")


def word_numbers(text: str):
    """(start, end, value, unit) of each share or multiple written in words in text."""
    for m in WORD_NUMBER.finditer(text):
        if m.group(1):
            yield m.start(), m.end(), float(CHINESE_DIGITS[m.group(1)] * 10), "percent"
        elif m.group(2):
            yield m.start(), m.end(), 50.0, "percent"
        else:
            yield m.start(), m.end(), 4.0 if m.group(3) == "翻两番" else 2.0, "multiple"


def numbers_in_quote(quote: str, unit: str | None = None) -> list[float]:
    """Every number printed in a quote; for ranks also Chinese numerals (第三 -> 3); for shares
    and multiples the words for them (三成 -> 30, 翻番 -> 2)."""
    numbers = [float(t) for t in NUMBER_TOKEN.findall(quote)]
    numbers += [v for _, _, v, u in word_numbers(quote) if u == unit]
    if unit == "rank":
        for run in CHINESE_NUMERAL.findall(quote):
            whole = chinese_numeral(run)
            numbers += [float(whole)] if whole is not None else []
            numbers += [float(chinese_numeral(c)) for c in run]
    return numbers


def value_in_quote(value: float, quote: str, unit: str | None = None) -> bool:
    """The printed value must appear in its quote (unsigned: 下降5% is stored as -5)."""
    return abs(value) in numbers_in_quote(quote, unit)


def count_occurrences(text: str, quote: str, at_most: int | None = None) -> int:
    """How many places the quote starts at (overlaps count: they are ambiguous too), counting no
    further than at_most (is it unique? needs 2, not a search of a repeated text to its end)."""
    n, at = 0, text.find(quote)
    while at != -1 and n != at_most:
        n, at = n + 1, text.find(quote, at + 1)
    return n


def load_texts(data_dir: Path, sources: pd.DataFrame) -> dict[str, str]:
    """Each source's raw text, after checking the file exists and matches its sha256."""
    path = Path(data_dir) / SOURCES.file
    texts = {}
    folder = (Path(data_dir) / "raw").resolve()
    for row in sources.itertuples(index=False):
        raw = Path(data_dir) / "raw" / row.file
        if Path(row.file).is_absolute() or ".." in Path(row.file).parts or folder not in raw.resolve().parents:
            raise DataError(path, "a source file must be a file inside data/raw (no absolute path, no "
                                  "'..', no link that leads outside it)", line=row.line, column="file",
                            value=row.file)
        if not row.file.endswith(".txt"):
            raise DataError(path, "a source file is the document's UTF-8 text, a name ending .txt",
                            line=row.line, column="file", value=row.file)
        if not raw.is_file():
            raise DataError(path, f"raw file not found: {raw}", line=row.line, column="file",
                            value=row.file)
        actual = hashlib.sha256(raw.read_bytes()).hexdigest()
        if actual != row.sha256:
            raise DataError(path, f"sha256 mismatch for raw/{row.file}: expected {row.sha256} "
                                  f"(sources.csv), actual {actual}; a retrieved file stays byte for byte as "
                                  f"retrieved: restore it, or, for a document you are still adding, write "
                                  f"its new sha256 into sources.csv",
                            line=row.line, column="sha256")
        texts[row.source] = decode_utf8(raw)
    return texts


def _check_source_and_quote(path: Path, row, texts: dict[str, str], column: str = "quote",
                            unique: bool = False) -> str:
    if row.source not in texts:
        raise DataError(path, f"source not in sources.csv (known: {', '.join(sorted(texts))})",
                        line=row.line, column="source", value=row.source)
    quote = getattr(row, column)
    n = count_occurrences(texts[row.source], quote)
    if n == 0:
        raise DataError(path, f"{column} not found verbatim in the text of source {row.source!r}; "
                              f"copy it exactly from the raw file", line=row.line, column=column,
                        value=quote)
    if unique and n > 1:
        raise DataError(path, f"{column} occurs {n} times in source {row.source!r} (ambiguous); "
                              f"lengthen the quote", line=row.line, column=column, value=quote)
    return quote


def check_indicators(path: Path, indicators: pd.DataFrame, catalog: pd.DataFrame,
                     texts: dict[str, str]) -> None:
    """Row by row: known indicator, catalog unit, known source, unique quote, value in quote."""
    from helpers.data.meaning import problems  # imports this module: import on use

    units = dict(zip(catalog["indicator"], catalog["unit"]))
    for row in indicators.sort_values("line").itertuples(index=False):
        if row.indicator not in units:
            raise DataError(path, "indicator not in catalog.csv; add it there or fix the id",
                            line=row.line, column="indicator", value=row.indicator)
        if row.unit != units[row.indicator]:
            raise DataError(path, f"unit differs from catalog.csv, which says "
                                  f"{units[row.indicator]!r} for {row.indicator}; a figure printed in "
                                  f"another unit goes under an indicator of that unit (a catalog.csv row), "
                                  f"declared the same measure in measures.csv",
                            line=row.line, column="unit", value=row.unit)
        quote = _check_source_and_quote(path, row, texts, unique=True)
        if not value_in_quote(row.value, quote, row.unit):
            shown = ", ".join(NUMBER_TOKEN.findall(quote)) or "none"
            raise DataError(path, f"value not found in its quote (numbers in the quote: {shown})",
                            line=row.line, column="value", value=row.value)
        found = problems(row.indicator, row.value, row.unit, row.qualifier, quote, row.note)
        if found:
            column, problem = found
            raise DataError(path, problem, line=row.line, column=column,
                            value=getattr(row, column))


def check_notes(data_dir: Path, indicators: pd.DataFrame, notes: pd.DataFrame | None) -> None:
    """Every note of indicators.csv has its Chinese reading in notes_zh.csv (`notes`, read as
    strictly as every table: a misnamed column, a note translated twice): the Chinese report never
    carries an English note."""
    known = set() if notes is None else set(notes["note_en"])
    for row in indicators.sort_values("line").itertuples(index=False):
        if str(row.note).strip() and row.note not in known:
            raise DataError(Path(data_dir) / INDICATORS.file, f"the note has no Chinese reading in "
                                                              f"{NOTES_ZH.file}; add a row note_en,note_zh,reading for it "
                                                              f"(reading: yes when the note says how an ambiguous text was read)",
                            line=row.line, column="note", value=row.note)


RUNNING_TOTAL_WORDS = ("累计", "累积", "以来", "至今")


def check_running_totals(data_dir: Path, indicators: pd.DataFrame, tables: dict) -> None:
    """A figure stored as one year's flow whose quote speaks of a running total (累计, 自…以来)
    is a reading of the text, not what it prints: the row says how it reads it, in a note marked
    reading=yes in notes_zh.csv (Nanchang's 累计放贷 is the year's sum because the total since
    launch is printed apart), or goes under the running-total measure."""
    measures, notes = tables.get(MEASURES.name), tables.get(NOTES_ZH.name)
    if measures is None or notes is None:
        return
    flows = set(measures.loc[measures["scope"] == "flow", "indicator"])
    read = set(n for n, r in zip(notes["note_en"], notes["reading"]) if str(r).strip() == "yes")
    for row in indicators.sort_values("line").itertuples(index=False):
        word = next((w for w in RUNNING_TOTAL_WORDS if w in str(row.quote)), None)
        if row.indicator in flows and word and row.note not in read:
            raise DataError(Path(data_dir) / INDICATORS.file,
                            f"the quote says {word} (a running total) but {row.indicator} is one year's "
                            f"flow (measures.csv): store it under the running-total measure, or say in "
                            f"note why the text is read as the year's figure (its notes_zh.csv row with "
                            f"reading=yes)", line=row.line, column="note", value=row.note)


def excluded_words(terms: pd.DataFrame) -> dict[str, tuple[str, ...]]:
    """Indicator -> the words that, in a quote, name another measure (indicator_terms.csv use=excludes)."""
    if "use" not in terms:
        return {}
    rows = terms[terms["use"] == "excludes"]
    return {ind: tuple(g["term"]) for ind, g in rows.groupby("indicator")}


def check_measure_words(data_dir: Path, indicators: pd.DataFrame, terms: pd.DataFrame) -> None:
    """Applications, candidates reported, certifications and registrations are different counts,
    turnover is not registered value: a quote whose words name another measure than its row's
    indicator (认定通过率 stored as the rate of candidates reported to MOST) is refused, at its line."""
    words = excluded_words(terms)
    for row in indicators.sort_values("line").itertuples(index=False):
        word = next((w for w in words.get(row.indicator, ()) if w in str(row.quote)), None)
        if word:
            raise DataError(Path(data_dir) / INDICATORS.file,
                            f"the quote says {word}, which names another measure than {row.indicator} "
                            f"(indicator_terms.csv lists {word} as a word that excludes it): choose the "
                            f"indicator the quote's words name, or add one to catalog.csv",
                            line=row.line, column="indicator", value=row.indicator)


MAX_PERIOD_DISTANCE = 6  # years between a figure and its document's year before a note must say why


def check_periods(path: Path, indicators: pd.DataFrame, sources: pd.DataFrame) -> None:
    """A figure's period far from its document's year (a 2021 summary's figure dated 2100 or 1949)
    is a typo unless its note says why (a 2035 vision target)."""
    years = dict(zip(sources["source"], sources["year"]))
    for row in indicators.sort_values("line").itertuples(index=False):
        year = years.get(row.source)
        if year is None or abs(int(row.period) - int(year)) <= MAX_PERIOD_DISTANCE or str(row.note).strip():
            continue
        raise DataError(path, f"period {row.period} is {abs(int(row.period) - int(year))} years from its "
                              f"document's year {year}; a typo? if not, say why in note",
                        line=row.line, column="period", value=row.period)


def check_quoted(path: Path, table: pd.DataFrame, texts: dict[str, str], column: str) -> None:
    """Qualitative tables and exclusions: known source, text found verbatim in it."""
    for row in table.sort_values("line").itertuples(index=False):
        _check_source_and_quote(path, row, texts, column=column)


def check_indicator_ids(path: Path, table: pd.DataFrame, catalog: pd.DataFrame,
                        columns: tuple[str, ...]) -> None:
    """Columns holding indicator ids (joined by + for sums) name only catalogued indicators."""
    known = set(catalog["indicator"])
    for row in table.sort_values("line").itertuples(index=False):
        for column in columns:
            for ind in getattr(row, column).split("+"):
                if ind not in known:
                    raise DataError(path, "indicator is not in catalog.csv", line=row.line,
                                    column=column, value=ind)


def check_lists(data_dir: Path, tables: dict[str, pd.DataFrame], catalog: pd.DataFrame) -> None:
    """Every list of lists.csv is named in list_catalog.csv, under a section of catalog.csv: the
    section that states it. Without that row the list would reach no section of the report."""
    named = tables.get(LIST_CATALOG.name, _empty(LIST_CATALOG))
    sections = set(catalog["section"])
    for row in named.sort_values("line").itertuples(index=False):
        if row.section not in sections:
            raise DataError(data_dir / LIST_CATALOG.file, "section is not a section of catalog.csv (known: "
                            f"{', '.join(sorted(sections))})", line=row.line, column="section", value=row.section)
    known = set(named["list"])
    lists = tables.get(LISTS.name, _empty(LISTS))
    for row in lists.sort_values("line").itertuples(index=False):
        if row.list not in known:
            raise DataError(data_dir / LISTS.file, f"list is not in {LIST_CATALOG.file}; add a row there with "
                            "the section that states it and its name in both languages",
                            line=row.line, column="list", value=row.list)


def check_baseline_units(path: Path, pairs: pd.DataFrame, catalog: pd.DataFrame) -> None:
    """A target and its baseline are in one unit (money in any of its units: 亿元 and 万元
    convert), else the targets table would compute a change across units."""
    from helpers.data.units import is_money
    units = dict(zip(catalog["indicator"], catalog["unit"]))
    kind = lambda u: "money" if is_money(u) else u  # noqa: E731
    for row in pairs.sort_values("line").itertuples(index=False):
        want = {kind(units[i]) for i in row.target.split("+")}
        for ind in row.baseline.split("+"):
            if kind(units[ind]) not in want:
                raise DataError(path, f"the baseline is in {units[ind]}, the target in "
                                      f"{', '.join(sorted(units[i] for i in row.target.split('+')))}; "
                                      f"pair it with a baseline of the target's unit",
                                line=row.line, column="baseline", value=ind)


def check_schemes(path: Path, schemes: pd.DataFrame, catalog: pd.DataFrame) -> None:
    """A scheme's indicators are catalogued, and its quote prints its Chinese name (the name is the
    document's, not a guess)."""
    check_indicator_ids(path, schemes, catalog, ("indicators",))
    for row in schemes.sort_values("line").itertuples(index=False):
        if row.name_zh not in row.quote:
            raise DataError(path, "the quote must print the scheme's name_zh as the document writes it",
                            line=row.line, column="name_zh", value=row.name_zh)


def check_regions(data_dir: Path, regions: pd.DataFrame, tables: dict[str, tuple[pd.DataFrame, str]]
                  ) -> None:
    """Each parent is a region of regions.csv; so is each region/city value of the other tables."""
    known = set(regions["region"])
    shown = ", ".join(sorted(known))
    path = data_dir / REGIONS.file
    for row in regions.sort_values("line").itertuples(index=False):
        if row.parent and row.parent not in known:
            raise DataError(path, f"parent is not a region of regions.csv (known: {shown})",
                            line=row.line, column="parent", value=row.parent)
        if row.parent == row.region:
            raise DataError(path, "a region cannot be its own parent", line=row.line,
                            column="parent", value=row.parent)
    parents = {r.region: r.parent for r in regions.itertuples(index=False) if r.parent}
    for row in regions.sort_values("line").itertuples(index=False):  # regions form a tree
        chain, at = [row.region], parents.get(row.region)
        while at and at not in chain:
            chain.append(at)
            at = parents.get(at)
        if at:
            raise DataError(path, f"regions form a cycle ({' -> '.join(chain + [at])}); a region's "
                                  f"parents must lead up to a country", line=row.line, column="parent",
                            value=row.parent)
    for file, (table, column) in tables.items():
        for row in table.sort_values("line").itertuples(index=False):
            value = getattr(row, column)
            if value not in known:
                raise DataError(data_dir / file, f"{column} is not in regions.csv; add it there "
                                                 f"with its Chinese and English names (known: {shown})",
                                line=row.line, column=column, value=value)


# --- the dataset -------------------------------------------------------------------------------

@dataclass(frozen=True, eq=False)
class Dataset:
    """Everything in data/, checked. Tables are pandas DataFrames with a `line` column."""
    data_dir: Path
    sources: pd.DataFrame
    catalog: pd.DataFrame
    indicators: pd.DataFrame
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    exclusions: pd.DataFrame | None = None
    texts: dict[str, str] = field(default_factory=dict)
    relations: tuple = ()  # helpers.data.relations.Relation, checked, when data/relations.csv exists
    regions: pd.DataFrame | None = None
    plausibility: tuple = ()  # helpers.data.plausibility.Bound, checked, when data/plausibility.csv exists


def _empty(table: Table) -> pd.DataFrame:
    dtypes = {"str": "str", "int": "int64", "float": "float64"}
    cols = {c: pd.Series([], dtype=dtypes[k]) for c, k in table.columns.items()}
    return pd.DataFrame({**cols, "line": pd.Series([], dtype="int64")})


def check_source_ids(path: Path, df: pd.DataFrame, sources: pd.DataFrame) -> None:
    """Every `source` of a table names a row of sources.csv."""
    known = set(sources["source"])
    for row in df.itertuples(index=False):
        if row.source not in known:
            raise DataError(path, "unknown source; it must be a source id of sources.csv",
                            line=row.line, column="source", value=row.source)


# The datasets this process has checked, by folder and the bytes of its files, newest last.
KEEP_CHECKED = 4
_CHECKED: dict[tuple[str, tuple], Dataset] = {}


def load_dataset(data_dir: str | Path | None = None) -> Dataset:
    """Read and check all data files under data_dir (default helpers.data.paths.DATA_DIR).

    A process that loads a folder whose files hold the same bytes as when it last checked them (a
    JupyterLab kernel running its first cell again, a test session selecting one year in many
    modules) gets the Dataset it checked then; any file changed, added or removed is checked
    again. A folder that fails its checks is never kept."""
    data_dir = Path(DATA_DIR if data_dir is None else data_dir)
    key = (str(data_dir.resolve()), tuple(sorted(snapshot.file_hashes(data_dir).items())))
    if key not in _CHECKED:
        while len(_CHECKED) >= KEEP_CHECKED:
            del _CHECKED[next(iter(_CHECKED))]
        _CHECKED[key] = _check(data_dir)
    return _CHECKED[key]


def _check(data_dir: Path) -> Dataset:
    sources = load_table(data_dir, SOURCES)
    regions = load_table(data_dir, REGIONS)
    texts = load_texts(data_dir, sources)
    catalog = load_table(data_dir, CATALOG)
    indicators = load_table(data_dir, INDICATORS)
    check_indicators(data_dir / INDICATORS.file, indicators, catalog, texts)
    check_periods(data_dir / INDICATORS.file, indicators, sources)
    tables = {}
    if (data_dir / NOTES_ZH.file).exists():
        tables[NOTES_ZH.name] = load_table(data_dir, NOTES_ZH)
    check_notes(data_dir, indicators, tables.get(NOTES_ZH.name))
    for name, table in QUALITATIVE.items():
        if (data_dir / table.file).exists():
            tables[name] = load_table(data_dir, table)
            check_quoted(data_dir / table.file, tables[name], texts, "quote")
    if SCHEMES.name in tables:
        check_schemes(data_dir / SCHEMES.file, tables[SCHEMES.name], catalog)
    exclusions = _empty(COVERAGE_EXCLUSIONS)
    if (data_dir / COVERAGE_EXCLUSIONS.file).exists():
        exclusions = load_table(data_dir, COVERAGE_EXCLUSIONS)
        check_quoted(data_dir / COVERAGE_EXCLUSIONS.file, exclusions, texts, "context")
    if (data_dir / TARGET_BASELINES.file).exists():
        tables[TARGET_BASELINES.name] = load_table(data_dir, TARGET_BASELINES)
        check_indicator_ids(data_dir / TARGET_BASELINES.file, tables[TARGET_BASELINES.name],
                            catalog, ("target", "baseline"))
        check_source_ids(data_dir / TARGET_BASELINES.file, tables[TARGET_BASELINES.name], sources)
        check_baseline_units(data_dir / TARGET_BASELINES.file, tables[TARGET_BASELINES.name], catalog)
    if (data_dir / TREND_SERIES.file).exists():
        tables[TREND_SERIES.name] = load_table(data_dir, TREND_SERIES)
        check_indicator_ids(data_dir / TREND_SERIES.file, tables[TREND_SERIES.name], catalog, ("indicator",))
    for table in (INDICATOR_TERMS, INDICATOR_SCHEMES):  # the draft tool's: checked here too
        if (data_dir / table.file).exists():
            check_indicator_ids(data_dir / table.file, load_table(data_dir, table), catalog,
                                ("indicator",))
    if (data_dir / INDICATOR_TERMS.file).exists():
        check_measure_words(data_dir, indicators, load_table(data_dir, INDICATOR_TERMS))
    if (data_dir / MEASURES.file).exists():
        tables[MEASURES.name] = load_table(data_dir, MEASURES)
        check_indicator_ids(data_dir / MEASURES.file, tables[MEASURES.name], catalog, ("indicator",))
        check_running_totals(data_dir, indicators, tables)
    if (data_dir / LIST_CATALOG.file).exists():
        tables[LIST_CATALOG.name] = load_table(data_dir, LIST_CATALOG)
    check_lists(data_dir, tables, catalog)
    if (data_dir / PUBLICATION_LAGS.file).exists():
        tables[PUBLICATION_LAGS.name] = load_table(data_dir, PUBLICATION_LAGS)
        check_indicator_ids(data_dir / PUBLICATION_LAGS.file, tables[PUBLICATION_LAGS.name],
                            catalog, ("indicator",))
    check_regions(data_dir, regions, {
        SOURCES.file: (sources, "city"), INDICATORS.file: (indicators, "region"),
        **{QUALITATIVE[name].file: (df, "region") for name, df in tables.items() if name in QUALITATIVE}})
    ds = Dataset(data_dir, sources, catalog, indicators, tables, exclusions, texts, regions=regions)
    if (data_dir / "relations.csv").exists():
        from dataclasses import replace

        from helpers.data.relations import load_relations  # imports this module: import on use
        ds = replace(ds, relations=tuple(load_relations(dataset=ds)))
        from helpers.data.plausibility import load_plausibility  # imports this module too
        ds = replace(ds, plausibility=load_plausibility(ds))
    return ds


def summary(ds: Dataset) -> str:
    counts = [("sources", ds.sources), ("regions", ds.regions), ("catalog", ds.catalog),
              ("indicators", ds.indicators), *ds.tables.items(), ("coverage_exclusions", ds.exclusions),
              ("relations", ds.relations)]
    return f"{ds.data_dir}: ok, " + ", ".join(f"{n} {len(df)}" for n, df in counts)


def load_from_argv(argv: list[str] | None) -> Dataset | None:
    """The dataset named by a command line's optional DATA_DIR; None after printing the one
    error line (the commands then exit 2)."""
    args = sys.argv[1:] if argv is None else argv
    try:
        return load_dataset(args[0] if args else None)
    except DataError as e:
        print(e, file=sys.stderr)
        return None


def main(argv: list[str] | None = None) -> int:
    """`python -m helpers.data.load [DATA_DIR]`: 0 and a summary line, or 2 and the one error line."""
    ds = load_from_argv(argv)
    if ds is None:
        return 2
    print(summary(ds))
    return 0


if __name__ == "__main__":
    sys.exit(main())

