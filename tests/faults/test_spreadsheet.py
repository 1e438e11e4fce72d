"""Class 9: text that a spreadsheet would run as a formula (=, +, -, @, tab, CR at the start) is
neutralised in the published CSV tables and audit.csv; plain numbers stay numbers."""
from __future__ import annotations

import csv
import pandas as pd
import pytest

from helpers import audit, load
from helpers.csvsafe import neutralise
from helpers.figures import Summary
from helpers.notebook import Notebook

from faults.conftest import edit

HOSTILE = ["=HYPERLINK(\"http://x\",\"y\")", "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)",
           "\t=1", "\r=1"]


@pytest.mark.parametrize("text", HOSTILE)
def test_formula_text_is_neutralised(text):
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("text", ["-5", "+3.2%", "111.77", "nanchang", "", "中文=1"])
def test_plain_values_are_kept(text):
    assert neutralise(text) == text


def test_notebook_tables_and_key_figures(tmp_path, summary):
    nb = Notebook("02", summary, "en", tmp_path)
    hostile = HOSTILE[:-1]  # a bare CR inside a cell is a CSV problem of its own
    nb.table(pd.DataFrame({"name": hostile, "value": range(len(hostile))}), name="t")
    nb.key_figures([("=cmd()", -5.0, "count", "@note")])
    with open(tmp_path / "tables" / "02_t.csv", newline="", encoding="utf-8") as f:
        names = [r["name"] for r in csv.DictReader(f)]
    assert names == ["'" + t for t in hostile]
    with open(tmp_path / "tables" / "02_key_figures.csv", newline="", encoding="utf-8") as f:
        row = next(csv.DictReader(f))
    assert (row["figure"], row["value"], row["note"]) == ("'=cmd()", "-5", "'@note")


def test_audit_csv_from_hostile_relations(data_dir, tmp_path):
    edit(data_dir / "relations.csv", "The pass rate is the candidates reported to MOST",
         "=HYPERLINK(1) The pass rate is the candidates reported to MOST")
    results = audit.evaluate(Summary(load.load_dataset(data_dir), "nanchang_2021"))
    paths = audit.write_outputs(results, tmp_path)
    for path in (paths["audit"], paths["table"]):
        with open(path, newline="", encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        cells = [v for r in rows for v in r.values()]
        assert any(v.startswith("'=HYPERLINK(1)") for v in cells)
        assert not any(v.startswith(("=", "@")) for v in cells)
