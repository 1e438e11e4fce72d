"""Issue 20, the fast cases: sources confined to data/raw, regions that form a tree, and
parameters checked before any work (a year of 0 is not 'every year'; an id that becomes a path is
an id; an output inside the data is refused at once)."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from faultkit import edit, one_line
from helpers.build import cache as build_cache
from helpers.build import pdf, report
from helpers.data import load
from helpers.errors import SelectionError

SRC = "sources.csv"
RAW = "nanchang_2021_work_summary.txt"


def refused(data_dir: Path, capsys, words: str) -> str:
    assert load.main([str(data_dir)]) == 2
    msg = one_line(capsys.readouterr().err)
    assert words in msg, msg
    return msg


@pytest.mark.parametrize("name", ["../../../../etc/hostname", "/etc/hostname", "sub/../../sources.csv"])
def test_a_source_outside_data_raw_is_refused(data_dir, capsys, name):
    edit(data_dir / SRC, f",{RAW},", f",{name},")
    msg = refused(data_dir, capsys, "a source file must be a file inside data/raw")
    assert f"{data_dir / SRC}, line 2, column 'file'" in msg


def test_a_link_leading_out_of_data_raw_is_refused(data_dir, capsys, tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_bytes((data_dir / "raw" / RAW).read_bytes())  # same bytes, same sha256
    os.symlink(outside, data_dir / "raw" / "linked.txt")
    edit(data_dir / SRC, f",{RAW},", ",linked.txt,")
    refused(data_dir, capsys, "no link that leads outside it")


def test_an_unreferenced_link_out_of_the_data_is_not_hashed(data_dir, tmp_path):
    secret = tmp_path / "secret"
    secret.write_text("not data", encoding="utf-8")
    os.symlink(secret, data_dir / "raw" / "x.txt")
    hashes = build_cache.tree_hashes(data_dir, "data")
    assert "data/raw/x.txt" not in hashes and "data/raw/" + RAW in hashes


def test_regions_that_form_a_cycle_are_refused(data_dir, capsys):
    edit(data_dir / "regions.csv", "china,全国,China,country,", "china,全国,China,country,nanchang")
    refused(data_dir, capsys, "regions form a cycle")


@pytest.mark.parametrize("args, words", [
    (["--year", "0"], "year must be between 1949 and 2100"),
    (["--year", "2021年"], "year must be a whole number"),
    (["--city", "../../x"], "a city is an id of lowercase letters"),
])
def test_parameters_are_checked_before_any_work(args, words):
    with pytest.raises(SelectionError, match=words):
        report.parse_args(args)


def test_an_output_inside_the_data_is_refused_at_once(data_dir):
    with pytest.raises(SelectionError, match="is inside"):
        report.parse_args(["--data-dir", str(data_dir), "--output", str(data_dir / "reports")])


def test_pdf_takes_ids_not_paths_and_says_when_nothing_is_built(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_:
        pdf.main(["--city", "../../x", "--output", str(tmp_path)])
    assert exit_.value.code == 2
    if pdf.shutil.which("chromium") or pdf.shutil.which("chromium-browser"):
        assert pdf.main(["--output", str(tmp_path)]) == 1
        assert "no built report" in capsys.readouterr().err
