"""The numbers to download with each report: every table as CSV that Excel on a Chinese Windows
opens right (UTF-8 with a BOM), and one workbook per report and language (openpyxl) with a sheet
of every figure of the selection's documents (values as numbers, a unit column) and a sheet per
table.

Tables are written for reading (tables/NN_name.csv: "111.77亿元", "≥1200家", "下降5.06%"). The
downloads hold numbers: a column whose every cell is a number with its unit and bound is split
into the number, a unit column and (when any cell has one) a bound column, in the CSV and the
workbook alike; a plain number (2,360 or -0.09 or 25.95%) becomes a number; every other cell
stays text, so nothing a spreadsheet would run as a formula is ever written as one (a negative
number is not text).
"""
from __future__ import annotations

import csv
import re
from pathlib import Path

from helpers.data.csvsafe import restore

FOLDER = "downloads"
PLAIN_NUMBER = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?|[+-]?\d+(?:\.\d+)?")
FIGURE_COLUMNS = {
    "en": ("Indicator", "Region", "Year", "Kind", "Value", "Unit", "Bound", "Quote", "Document", "Note"),
    "zh": ("指标", "地区", "年份", "类型", "数值", "单位", "限定", "原文", "文件", "说明"),
}
SHEET_FIGURES = {"en": "Figures", "zh": "全部数据"}


# A table cell that is one figure: bound words, a direction (a fall is a negative number), the
# number, its unit. Written by units.format_value and the tables' bound marks.
FIGURE_CELL = re.compile(
    r"(?P<lead>≥|≤|>|<|~|约|近|超过|逾|不超过|at least |more than |at most |up to |about |nearly )?"
    r"(?P<dir>下降|减少|增长|增加|提高|降低|down |up )?"
    r"(?P<cny>CNY )?(?:第(?P<rank_zh>\d+)|(?P<num>[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?|[+-]?\d+(?:\.\d+)?))"
    r"(?P<rank_en>st|nd|rd|th)?\s?(?P<unit>[^\d\s,;:/()（）–—-][^\d,;:/()（）–—]{0,7}?)??"
    r"(?P<tail>以上|以下)?")
FALLS = ("下降", "减少", "降低", "down ")
NOT_A_FIGURE = {"—", "-", "", "未报告", "not reported", "待核", "pending"}
UNIT_HEADER = {"en": "{} (unit)", "zh": "{}单位"}
BOUND_HEADER = {"en": "{} (bound)", "zh": "{}限定"}
WITH_UNIT = re.compile(r"\s*[（(](?:含单位|with unit)[)）]")


def split_figure(text: str, lang: str) -> tuple[str, float, str] | None:
    """A display cell as (bound words, number, unit): '≥1200家' -> ('≥', 1200, '家'),
    'CNY 11.18 bn' -> ('', 11.18, 'CNY bn'), '下降5.06%' -> ('', -5.06, '%'); None when the cell is
    not one figure (text, a range, a formula, a unit label such as 'CNY 10k')."""
    from helpers.data.units import UNITS, unit_word

    text = restore(text).strip()
    if text in {unit_word(u, x) for u in UNITS for x in ("en", "zh")}:
        return None
    m = FIGURE_CELL.fullmatch(text)
    if not m:
        return None
    if m["rank_zh"] or m["rank_en"]:
        if m["unit"] or m["cny"]:
            return None
        return (m["lead"] or "").strip(), float(m["rank_zh"] or m["num"]), unit_word("rank", lang)
    number = float(m["num"].replace(",", ""))
    if m["dir"] in FALLS:
        number = -number
    unit = (m["unit"] or "").strip()
    if m["cny"]:
        unit = f"CNY {unit}".strip()
    bound = " ".join(x.strip() for x in (m["lead"], m["tail"]) if x)
    return bound, number, unit


def numeric_columns(cells: list[list[str]], lang: str) -> list[list]:
    """The table with each column of figures split into number, unit and bound (see the module
    docstring); the header row first, numbers as floats or ints, other cells as written."""
    if not cells:
        return cells
    header, body = cells[0], cells[1:]
    out_cols = []
    for c, name in enumerate(header):
        column = [row[c] if c < len(row) else "" for row in body]
        figures = [None if restore(x).strip() in NOT_A_FIGURE else split_figure(x, lang) for x in column]
        filled = [f for x, f in zip(column, figures) if restore(x).strip() not in NOT_A_FIGURE]
        parsed = [f for f in filled if f]
        # a column of figures: most of its cells are one figure each, some with a unit or a bound
        # (a cell that is not, '20名；20个', stays as written, with no unit)
        if parsed and 2 * len(parsed) >= len(filled) and any(u or b for b, _, u in parsed):
            name = WITH_UNIT.sub("", restore(name))
            out_cols.append([name] + [_number(f[1]) if f else restore(x) for x, f in zip(column, figures)])
            out_cols.append([UNIT_HEADER[lang].format(name)] + [f[2] if f else "" for f in figures])
            if any(b for b, _, _ in parsed):
                out_cols.append([BOUND_HEADER[lang].format(name)] + [f[0] if f else "" for f in figures])
        else:
            out_cols.append([restore(name)] + [cell_value(x) for x in column])
    return [list(row) for row in zip(*out_cols)]


def _number(value: float):
    return int(value) if float(value).is_integer() else value


def workbook_name(city: str, year: int, lang: str) -> str:
    return f"{city}_{year}_{lang}.xlsx"


def cell_value(text: str):
    """A table cell as the downloads hold it outside a column of figures: a plain number as a
    number ('2,360' -> 2360, '-5' -> -5), anything else, '25.95%' included, as the text it is
    (the CSV guard taken off): a number is never written without the unit it was printed with."""
    text = restore(text)
    if PLAIN_NUMBER.fullmatch(text.strip()):
        number = float(text.replace(",", ""))
        return int(number) if number.is_integer() and "." not in text else number
    return text


STATEMENT_HEADERS = {"en": ("Evidence", "Statement"), "zh": ("依据", "表述")}


def readable(path: Path, lang: str) -> list[list[str]]:
    """A table as a reader downloads it: a section's statements (NN_statements.csv, a record with
    ids for the tests) as each sentence with its evidence in the page's words; any other as written."""
    rows = _read(path)
    if not path.name.endswith("_statements.csv") or not rows:
        return rows
    from helpers.present.catalog import message

    col = {name: i for i, name in enumerate(rows[0])}
    return [list(STATEMENT_HEADERS[lang])] + [
        [message(f"word.strength_{r[col['strength']]}", lang), r[col["text"]]] for r in rows[1:]]


def _read(path: Path) -> list[list[str]]:
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.reader(f))


def _sheet_title(name: str, taken: set[str]) -> str:
    """A sheet name Excel accepts (31 characters, none of []:*?/\\), unique in the workbook."""
    base = re.sub(r"[\[\]:*?/\\]", "_", name)[:SHEET_CHARS]
    title, n = base, 2
    while title in taken:
        suffix = f"~{n}"
        title, n = base[:31 - len(suffix)] + suffix, n + 1
    taken.add(title)
    return title


def _put(ws, row: int, column: int, value) -> None:
    """Write a cell; text is always text (openpyxl would read '=…' as a formula)."""
    cell = ws.cell(row=row, column=column, value=value)
    if isinstance(value, str):
        cell.data_type = "s"


def figure_rows(summary, lang: str) -> list[tuple]:
    """Every figure the selection's documents print, with its number and unit as columns."""
    from helpers.data.regions import region_name
    from helpers.data.units import bound_mark, unit_word
    from helpers.present.catalog import word

    out = []
    for f in summary.figures(own=True):
        if f is None:
            continue
        bound = bound_mark(f.qualifier, lang, f.bound_word)  # ≥, >, ~, ≤ as the tables mark them
        note = f.note
        if lang == "zh" and note:
            from helpers.data.notes import note_in
            note = note_in(note, "zh", summary.dataset.data_dir)
        unit = f.measure_zh if lang == "zh" and f.measure_zh else unit_word(f.unit, lang)  # 家, as the quote counts
        out.append((f.name(lang), region_name(f.region, lang, summary.dataset.data_dir), f.period,
                    word(f.kind, lang), f.value, unit, bound, f.quote, summary.source_title(f.source), note))
    return out


def _rows(path: Path) -> int:
    with open(path, newline="", encoding="utf-8") as f:
        return max(sum(1 for _ in csv.reader(f)) - 1, 0)


def offered(lang_dir: Path) -> list[Path]:
    """The tables a reader is offered, exactly those of the page: a table with at least one row,
    of a section the report shows (its NN_statements.csv has a row, html.states_nothing); not the
    key figures (ids and plain values kept for the tests and programs, not for reading)."""
    tables = Path(lang_dir) / "tables"
    shown = {p.name.split("_")[0] for p in tables.glob("*_statements.csv") if _rows(p)}
    return [p for p in sorted(tables.glob("*.csv"))
            if p.name.split("_")[0] in shown and not p.name.endswith("_key_figures.csv") and _rows(p)]


def sheet_name(table: Path, labels: dict[str, str] | None) -> str:
    """A table's sheet named as the page labels its download, after its section's number
    ("02 R&D targets against the last…"); the file's name when the page gives it no label."""
    label = (labels or {}).get(table.name, "")
    if not label or label == table.name:
        return table.stem
    label = re.sub(r"^\s*\d+[a-z]?\.\s*", "", label).replace(": ", " – ")  # the number is the file's
    name = f"{table.name.split('_')[0]} {label}"
    return name if len(name) <= SHEET_CHARS else name[:SHEET_CHARS - 1] + "…"


SHEET_CHARS = 31  # the longest sheet name Excel accepts


def write(lang_dir: Path, lang: str, city: str, year: int, data_dir: Path,
          labels: dict[str, str] | None = None) -> Path:
    """Write lang_dir/downloads/: each table as a BOM CSV and the workbook, its sheets named by
    `labels` (file name -> the label of its download on the page); returns the workbook."""
    from openpyxl import Workbook

    from helpers.data.figures import Summary

    lang_dir = Path(lang_dir)
    folder = lang_dir / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    wb = Workbook()
    taken: set[str] = set()
    ws = wb.active
    ws.title = _sheet_title(SHEET_FIGURES[lang], taken)
    header = FIGURE_COLUMNS[lang]
    rows = figure_rows(Summary.select(city, year, data_dir), lang)
    for c, name in enumerate(header, 1):
        _put(ws, 1, c, name)
    for r, row in enumerate(rows, 2):
        for c, value in enumerate(row, 1):
            _put(ws, r, c, value)
    _write_csv(folder / f"{SHEET_FIGURES['en'].lower()}.csv", [list(header)] + [list(map(_text, r)) for r in rows])
    for table in offered(lang_dir):
        rows = numeric_columns(readable(table, lang), lang)
        _write_csv(folder / table.name, [list(map(_text, r)) for r in rows])
        ws = wb.create_sheet(_sheet_title(sheet_name(table, labels), taken))
        for r, row in enumerate(rows, 1):
            for c, value in enumerate(row, 1):
                _put(ws, r, c, value)
    book = folder / workbook_name(city, year, lang)
    save_deterministic(wb, book)
    return book


FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest a zip entry can say: no build time in the file


def save_deterministic(wb, path: Path) -> None:
    """Save the workbook byte for byte the same for the same content: openpyxl stamps the document
    properties and every zip entry with the time of writing, so both are fixed here."""
    import io
    import zipfile

    buffer = io.BytesIO()
    wb.save(buffer)
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as src, \
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, FIXED_TIME)
            fixed.compress_type, fixed.external_attr = zipfile.ZIP_DEFLATED, 0o644 << 16
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl sets 'modified' as it saves
                data = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>1980-01-01T00:00:00Z", data)
            out.writestr(fixed, data)


def _text(value) -> str:
    """A value as CSV text: a number as a plain number (Excel reads -0.09 as a number, not a
    formula), text guarded like every published CSV."""
    from helpers.data.csvsafe import neutralise
    if isinstance(value, float):  # a whole number whole: 5, not 5.0
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, int):
        return str(value)
    return neutralise(str(value))


def _write_csv(path: Path, rows: list[list[str]]) -> None:
    with open(path, "w", newline="", encoding="utf-8-sig") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
