"""Class 10: the draft tool refuses what it cannot read. A text over the size limit, an HTML page,
an --out that is a folder, in a missing folder or inside the data, and a malformed table the
draft reads give exit 2 and one line, and write nothing; text cells a spreadsheet would run as
formulas are guarded in the draft and restored when it is appended. (Draft time against text
size is measured by `make bench`, not asserted here.)"""
from __future__ import annotations

import csv
import io

import pytest

from faultkit import assert_refused, one_line, tree_digest
from helpers.data import draft as D

TEXT = "2022年,全市技术合同成交额120亿元,同比下降5%。\n"


@pytest.fixture
def text_file(tmp_path):
    path = tmp_path / "new.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


def refused(capsys, folder, *argv) -> str:
    """Exit 2, one line, and nothing written in `folder`."""
    before = tree_digest(folder)
    assert D.main([str(a) for a in argv]) == 2
    msg = one_line(capsys.readouterr().err)
    assert tree_digest(folder) == before
    return msg


def test_a_text_over_the_size_limit(tmp_path, capsys):
    big = tmp_path / "big.txt"
    big.write_text("研发投入1亿元。" * (D.MAX_TEXT_BYTES // 20 + 1), encoding="utf-8")
    assert big.stat().st_size > D.MAX_TEXT_BYTES
    msg = refused(capsys, tmp_path, big, "--source", "x_2022", "--out", tmp_path / "d.csv")
    assert msg.startswith(f"{big}: ") and "at most 1048576 bytes" in msg


def test_an_html_page_is_not_drafted(tmp_path, capsys):
    page = tmp_path / "page.html"
    page.write_text(f"<!DOCTYPE html><html><body><p class=\"x\">{TEXT}</p></body></html>",
                    encoding="utf-8")
    msg = refused(capsys, tmp_path, page, "--source", "x_2022", "--out", tmp_path / "d.csv")
    assert msg.startswith(f"{page}: an HTML page") and "save its text" in msg


def test_angle_brackets_in_plain_text_are_text(tmp_path):
    path = tmp_path / "t.txt"
    path.write_text("增速<5%的企业12家,a<b>c。\n", encoding="utf-8")
    assert D.read_source_text(path).startswith("增速<5%")


@pytest.mark.parametrize("where, words", [("folder", "a folder"), ("missing", "does not exist"),
                                          ("data", "inside the data folder")])
def test_out_that_cannot_take_a_draft(tmp_path, capsys, text_file, data_dir, where, words):
    out = {"folder": tmp_path, "missing": tmp_path / "nowhere" / "d.csv",
           "data": data_dir / "indicators.csv"}[where]
    before = tree_digest(data_dir)
    msg = refused(capsys, tmp_path, text_file, "--source", "x_2022", "--data-dir", data_dir,
                  "--out", out)
    assert msg.startswith(f"--out {out}") and words in msg
    assert tree_digest(data_dir) == before


@pytest.mark.parametrize("table, bad, words", [
    ("indicator_terms.csv", "rd_expenditure,研发投入,,extra\n", "fields but the header has 3"),
    ("indicator_terms.csv", "Bad Id,研发投入,\n", "column 'indicator'"),
    ("indicator_terms.csv", "hte_count,申报,exclude\n", "column 'use'"),
    ("indicator_schemes.csv", "kedaitong_firms,\n", "column 'scheme'"),
    ("regions.csv", "x\n", "fields but the header"),
])
def test_a_malformed_table_is_named_with_its_row(tmp_path, capsys, text_file, data_dir, table,
                                                 bad, words):
    path = data_dir / table
    with open(path, "a", encoding="utf-8") as f:
        f.write(bad)
    line = len(path.read_text(encoding="utf-8").splitlines())  # the row just added
    msg = refused(capsys, tmp_path, text_file, "--source", "x_2022", "--data-dir", data_dir,
                  "--out", tmp_path / "d.csv")
    assert msg.startswith(f"{path}, line {line}"), msg
    assert words in msg, msg


def test_formula_cells_are_guarded_and_restored(tmp_path, capsys, data_dir):
    doc = tmp_path / "new.txt"
    doc.write_text("=HYPERLINK(A)全市技术合同成交额120亿元,@同比下降5%。\n", encoding="utf-8")
    out = tmp_path / "d.csv"
    assert D.main([str(doc), "--source", "x_2022", "--data-dir", str(data_dir),
                   "--out", str(out)]) == 0
    capsys.readouterr()
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    cells = [v for r in rows for v in r.values()]
    assert not any(v.startswith(("=", "@", "+")) for v in cells)
    assert rows[0]["quote"].startswith("'=HYPERLINK(A)")
    assert [r["value"] for r in rows] == ["120", "-5"]  # a negative number is not text
    back = D.read_draft(out)
    assert back[0][D.COLUMNS.index("quote")].startswith("=HYPERLINK(A)")
    assert back[1][D.COLUMNS.index("value")] == "-5"


def test_the_loader_checks_the_drafts_tables_too(data_dir, capsys):
    path = data_dir / "indicator_terms.csv"
    with open(path, "a", encoding="utf-8") as f:
        f.write("no_such_indicator,研发投入,\n")
    assert_refused(data_dir, capsys, path, "no_such_indicator", "indicator", "not in catalog.csv")
