"""The numbers to download with each report: every table as CSV that Excel on a Chinese Windows
opens right (UTF-8 with a BOM), and one workbook per report and language (openpyxl) with a sheet
of every figure of the selection's documents (values as numbers, a unit column) and a sheet per
table.

Tables are written for reading (tables/NN_name.csv); in the workbook a cell that is a plain number
(2,360 or -0.09 or 25.95%) becomes a number and every other cell stays text, so nothing a
spreadsheet would run as a formula is ever written as one (a negative number is not text).
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


def workbook_name(city: str, year: int, lang: str) -> str:
    return f"{city}_{year}_{lang}.xlsx"


def cell_value(text: str):
    """A table cell as the workbook holds it: a plain number as a number ('2,360' -> 2360,
    '25.95%' -> 25.95, '-5' -> -5), anything else as the text it is (the CSV guard taken off)."""
    body = text[:-1] if text.endswith("%") else text
    if PLAIN_NUMBER.fullmatch(body.strip()):
        number = float(body.replace(",", ""))
        return int(number) if number.is_integer() and "." not in body else number
    return restore(text)


def _read(path: Path) -> list[list[str]]:
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.reader(f))


def _sheet_title(name: str, taken: set[str]) -> str:
    """A sheet name Excel accepts (31 characters, none of []:*?/\\), unique in the workbook."""
    base = re.sub(r"[\[\]:*?/\\]", "_", name)[:31]
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
        out.append((f.name(lang), region_name(f.region, lang, summary.dataset.data_dir), f.period,
                    word(f.kind, lang), f.value, unit_word(f.unit, lang), bound, f.quote, summary.source_title(f.source), note))
    return out


def write(lang_dir: Path, lang: str, city: str, year: int, data_dir: Path) -> Path:
    """Write lang_dir/downloads/: each table as a BOM CSV and the workbook; returns the workbook."""
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
    for table in sorted((lang_dir / "tables").glob("*.csv")):
        cells = _read(table)
        _write_csv(folder / table.name, cells)
        ws = wb.create_sheet(_sheet_title(table.stem, taken))
        for r, row in enumerate(cells, 1):
            for c, text in enumerate(row, 1):
                _put(ws, r, c, restore(text) if r == 1 else cell_value(text))
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
    """A figures-sheet value as CSV text, guarded like every published CSV."""
    from helpers.data.csvsafe import neutralise
    if isinstance(value, float):
        return f"{value:g}"
    return neutralise(str(value))


def _write_csv(path: Path, rows: list[list[str]]) -> None:
    with open(path, "w", newline="", encoding="utf-8-sig") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
