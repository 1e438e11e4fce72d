"""Issue 17's downloads and landing page, without a build: the workbook's numbers are numbers and
its text is text (no formula), CSVs carry a BOM for Excel, the audit speaks the page's language,
the landing page links only what exists, and a chart describes itself in its labels' language."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from helpers.build import downloads, landing, pdf
from helpers.build.report import keep_with_page
from helpers.calc import audit
from helpers.data.figures import Summary
from helpers.data.paths import DATA_DIR
from helpers.present import plots

GOLDEN = Path(__file__).parent / "golden" / "nanchang" / "2021"


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    lang_dir = tmp_path_factory.mktemp("report") / "zh"
    shutil.copytree(GOLDEN / "zh", lang_dir / "tables")
    (lang_dir / "tables" / "99_tricky.csv").write_text(
        "名称,数值,目标值（含单位）,变化\n'=1+2,-0.09,≥1200家,下降5.06%\n\"2,360\",25.95%,—,'+0.25个百分点\n"
        "研发,3,超过50亿元,约290万元\n", encoding="utf-8")
    (lang_dir / "tables" / "99_statements.csv").write_text("topic,strength,text\nx,printed,一句话。\n",
                                                             encoding="utf-8")
    path = downloads.write(lang_dir, "zh", "nanchang", 2021, DATA_DIR)
    return lang_dir, path


def test_the_workbook_holds_every_figure_with_numbers_as_numbers(book):
    _, path = book
    assert path.name == "nanchang_2021_zh.xlsx"
    wb = load_workbook(path)
    ws = wb["全部数据"]
    header = [c.value for c in ws[1]]
    assert header[:6] == ["指标", "地区", "年份", "类型", "数值", "单位"]
    rows = {r[0]: r for r in ws.iter_rows(min_row=2, values_only=True)}
    rd = rows["研发经费投入"]
    assert (rd[1], rd[2], rd[3], rd[4], rd[5]) == ("南昌", 2020, "实际", 111.77, "亿元")
    own = Summary.select("nanchang", 2021, DATA_DIR).figures(own=True)
    assert ws.max_row - 1 == len(own)  # every figure of the selection's documents


def test_a_sheet_per_table_and_text_is_never_a_formula(book):
    lang_dir, path = book
    wb = load_workbook(path)
    assert {p.stem for p in downloads.offered(lang_dir)} == set(wb.sheetnames) - {"全部数据"}
    assert not any(name.endswith("key_figures") for name in wb.sheetnames)  # ids for programs
    ws = wb["99_tricky"]
    assert ws["A2"].value == "=1+2" and ws["A2"].data_type == "s"  # shown as text, never run
    assert ws["B2"].value == -0.09 and ws["A3"].value == 2360 and ws["B3"].value == 25.95


def test_a_sheet_is_named_as_the_page_labels_its_download(tmp_path):
    """A sheet takes its table's label on the page after the section's number, within Excel's 31
    characters and without the characters Excel refuses; a table without a label keeps its file's."""
    lang_dir = tmp_path / "en"
    shutil.copytree(GOLDEN / "en", lang_dir / "tables")
    offered = downloads.offered(lang_dir)
    labels = {p.name: f"Table of {p.stem}" for p in offered[1:]}
    labels["02_statements.csv"] = "2. R&D input: statements"
    wb = load_workbook(downloads.write(lang_dir, "en", "nanchang", 2021, DATA_DIR, labels))
    names = set(wb.sheetnames) - {downloads.SHEET_FIGURES["en"]}
    assert offered[0].stem in names  # no label: the file's name
    assert "02 R&D input – statements" in names and "03 Table of 03_statements" in names
    assert all(len(n) <= 31 and not set(n) & set("[]:*?/\\") for n in names)
    assert len(names) == len(offered)


def test_a_column_of_figures_downloads_as_numbers_with_units_and_bounds(book):
    lang_dir, path = book
    ws = load_workbook(path)["99_tricky"]
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    assert rows[0] == ["名称", "数值", "数值单位", "目标值", "目标值单位", "目标值限定", "变化", "变化单位",
                       "变化限定"]
    assert rows[1][1:] == [-0.09, None, 1200, "家", "≥", -5.06, "%", None]  # a fall: a negative number
    assert rows[2][1:] == [25.95, "%", "—", None, None, 0.25, "个百分点", None]
    assert rows[3][1:] == [3, None, 50, "亿元", "超过", 290, "万元", "约"]
    csv_text = (lang_dir / "downloads" / "99_tricky.csv").read_text(encoding="utf-8-sig")
    assert "'=1+2,-0.09,,1200,家,≥,-5.06,%," in csv_text  # a number is never guarded; text is


def test_a_cell_that_is_not_one_figure_stays_text():
    for text in ("CNY 10k", "1.80% – 1.82%", "2020年9月", "implied: 9 / 9", "49.5%25.8%", "R&D"):
        assert downloads.split_figure(text, "en") is None, text
    assert downloads.split_figure("CNY 11.18 bn", "en") == ("", 11.18, "CNY bn")
    assert downloads.split_figure("down 50.16%", "en") == ("", -50.16, "%")
    assert downloads.split_figure("第17", "zh") == ("", 17, "位")


def test_csv_downloads_open_in_excel_on_chinese_windows(book):
    lang_dir, _ = book
    data = (lang_dir / "downloads" / "figures.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and "研发经费投入".encode() in data
    assert (lang_dir / "downloads" / "09_statements.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_the_cell_reader(book):
    assert downloads.cell_value("1,950") == 1950 and downloads.cell_value("-5") == -5
    assert downloads.cell_value("111.77亿元") == "111.77亿元" and downloads.cell_value("'+x") == "+x"
    assert downloads.cell_value("25.95%") == "25.95%"  # never a number without its unit


def test_the_audit_table_speaks_the_page_language():
    frame = audit.audit_frame([], "zh")
    frame.loc[0] = ["hte_reported_share", "占全省的31.55%", "31.55", "31.3361", "percent", "inconsistent", "…"]
    out = audit.reader_frame(frame, ["报备高新技术企业数占全省比重"], "zh")
    assert list(out.columns)[:3] == ["核验项", "原文", "文中数值"]
    row = out.iloc[0]
    assert (row["核验项"], row["单位"], row["结论"], row["重新计算值"]) == \
        ("报备高新技术企业数占全省比重", "%", "不一致", 31.3361)


def _report(root: Path, city="nanchang", year="2021", langs=("en", "zh")) -> Path:
    folder = root / city / year
    for lang in langs:
        (folder / lang / "tables").mkdir(parents=True)
        (folder / lang / "index.html").write_text("<html></html>", encoding="utf-8")
        (folder / lang / "tables" / "01a_statements.csv").write_text(
            f"topic,predicate,key,strength,figures,sources,text\nx,level,level.x,printed,,,First line {lang}.\n",
            encoding="utf-8")
    return folder


def test_the_landing_page_links_what_exists(tmp_path):
    folder = _report(tmp_path)
    (folder / "zh" / "report.pdf").write_bytes(b"%PDF")
    (folder / "en" / "downloads").mkdir()
    (folder / "en" / "downloads" / "nanchang_2021_en.xlsx").write_bytes(b"x")
    page = landing.write(tmp_path, DATA_DIR).read_text(encoding="utf-8")
    assert "南昌2021年" in page and "Nanchang 2021" in page
    assert 'href="nanchang/2021/zh/report.pdf"' in page and 'href="nanchang/2021/en/report.pdf"' not in page
    assert 'href="nanchang/2021/en/downloads/nanchang_2021_en.xlsx"' in page
    assert "First line en." in page and "First line zh." in page
    assert landing.write(tmp_path / "nothing", DATA_DIR) is None


def test_a_rebuild_keeps_the_pdf_only_of_an_unchanged_page(tmp_path):
    old = _report(tmp_path / "old") / "zh"
    (old / pdf.PDF).write_bytes(b"%PDF-1")
    from helpers.build.cache import sha256_file
    (old / pdf.STAMP).write_text(sha256_file(old / "index.html"), encoding="utf-8")
    same = _report(tmp_path / "same") / "zh"
    keep_with_page(old, same)
    assert (same / pdf.PDF).read_bytes() == b"%PDF-1"
    changed = _report(tmp_path / "changed") / "zh"
    (changed / "index.html").write_text("<html>new</html>", encoding="utf-8")
    keep_with_page(old, changed)
    assert not (changed / pdf.PDF).exists()  # printed from another page: not kept


def test_a_chart_describes_itself():
    fig = plots.hbar(["南昌", "江西"], [1, 2], title="高新技术企业数", xlabel="家")
    assert plots.description(fig) == "高新技术企业数 — 家"


def test_a_sections_statements_download_as_sentences_with_their_evidence(tmp_path):
    """No ids or English headers in a Chinese download: each sentence and its evidence in words."""
    path = tmp_path / "03_statements.csv"
    path.write_text("topic,predicate,key,strength,figures,sources,text\n"
                    "ladder,level,level.x,implied,hte_count:nanchang:2021:estimate,nanchang_2021,一句话。\n",
                    encoding="utf-8")
    assert downloads.readable(path, "zh") == [["依据", "表述"], ["推算", "一句话。"]]
    assert downloads.readable(path, "en") == [["Evidence", "Statement"], ["implied", "一句话。"]]
