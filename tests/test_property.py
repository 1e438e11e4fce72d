"""Partial data is the normal case: for a made-up city and year whose document prints a random
subset of the 2021 summary's figures, every section's analysis, the audit, the target tracking, the
trends and the tables built from them run without error and name no other city than the selection's.

The notebooks' sentences are checked by running them on the real years (tests/test_notebooks.py);
here the computations and the labels they carry are drawn many times, quickly.
"""
from __future__ import annotations

import csv
import io
import os
import re
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers.calc import audit, targets, trends
from helpers.data.figures import Summary
from helpers.data.load import load_dataset
from helpers.data.paths import DATA_DIR
from helpers.present import tables, targets_view
from helpers.sections import finance, firms, hte, platforms, rd, talent, trading
from helpers.sections import targets as targets_section
from helpers.sections import trends as trends_section

pytestmark = pytest.mark.long

# make test draws a few cases per property; make test-slow draws many (NSR_PROPERTY_EXAMPLES=60)
EXAMPLES = int(os.environ.get("NSR_PROPERTY_EXAMPLES", "5"))

SOURCE, CITY, PROVINCE, YEAR, SHIFT = "testcity_2031", "testcity", "testprov", 2031, 10
OTHER_NAMES = ("Nanchang", "南昌", "Jiangxi", "江西")
SECTIONS = (rd, firms, platforms, trading, finance, talent, hte, targets_section, trends_section)


def _rewrite(path: Path, fix) -> None:
    """Rewrite a CSV row by row (fix(row) -> row or None to drop it)."""
    with open(path, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(r for r in (fix(dict(r)) for r in rows) if r is not None)
    path.write_text(out.getvalue(), encoding="utf-8")


def _relocate(row: dict) -> dict | None:
    """A row of the 2021 summary, moved to the made-up city, its province and ten years later."""
    if row.get("source") != "nanchang_2021":
        return None
    row["source"] = SOURCE
    if "region" in row:
        row["region"] = {"nanchang": CITY, "jiangxi": PROVINCE}.get(row["region"], row["region"])
    if row.get("period"):
        row["period"] = str(int(row["period"]) + SHIFT)
    for col in ("name_zh", "name_en", "item_zh", "item_en", "role_zh", "role_en"):  # the city's own institutions
        if row.get(col):
            for old, new in (("南昌", "测试市"), ("Nanchang", "Testville"), ("江西", "测试省"), ("Jiangxi", "Testshire")):
                row[col] = row[col].replace(old, new)
    return row


@pytest.fixture(scope="module")
def made_up(tmp_path_factory):
    """data/ for one made-up document: the 2021 summary's rows as figures of 'testcity', 2031."""
    d = Path(shutil.copytree(DATA_DIR, tmp_path_factory.mktemp("prop") / "data"))

    def source(row):
        if row["source"] != "nanchang_2021":
            return None
        return {**row, "source": SOURCE, "city": CITY, "year": str(YEAR), "title": "测试市科技工作总结"}
    _rewrite(d / "sources.csv", source)
    with open(d / "regions.csv", "a", encoding="utf-8") as fh:
        fh.write(f"{PROVINCE},测试省,Testshire,province,china\n{CITY},测试市,Testville,city,{PROVINCE}\n")
    for name in ("indicators", "verdicts", "hte_review_rules", "rd_institutions", "platform_system",
                 "coverage_exclusions", "target_baselines", "lists", "schemes"):
        _rewrite(d / f"{name}.csv", _relocate)
    _rewrite(d / "relations.csv", lambda r: {**r, "source": SOURCE if r["source"] else ""})
    return load_dataset(d)


def _texts(obj) -> list[str]:
    """Every label, note and formula an analysis result carries (quotes are the document's own)."""
    out = []
    for row in getattr(obj, "key_figures", []):
        out += [str(row[0]), str(row[3])]
    for d in getattr(obj, "derived", {}).values():
        if d is not None and hasattr(d, "formula"):
            out += [d.formula, getattr(d, "label", "")]
    return out


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(keep=st.lists(st.booleans(), min_size=107, max_size=107))
def test_any_subset_of_figures_runs_and_names_only_the_selection(made_up, keep):
    rows = made_up.indicators
    mask = [keep[i % len(keep)] for i in range(len(rows))]
    summary = Summary(replace(made_up, indicators=rows[mask]), SOURCE)
    assert (summary.city, summary.year) == (CITY, YEAR)
    texts = []
    for section in SECTIONS:
        texts += _texts(section.analyse(summary))
    results = audit.evaluate(summary)
    implied = audit.implied_figures(summary, results)
    tracked = targets.track_record(summary, implied)
    for lang in ("en", "zh"):
        texts += [r.label(lang) + r.explanation(lang) for r in results]
        frames = [targets_view.track_table(tracked, summary, lang),
                  targets_view.table(targets.check_targets(summary), lang),
                  tables.printed_table(summary, "rd_input", lang),
                  tables.ladder_table(summary, firms.ladder(summary.get, YEAR, PROVINCE), lang)]
        for frame in frames:
            quote_cols = [c for c in frame.columns if c in ("Quote", "原文", "Set in", "目标来源", "Note", "备注")]
            texts += [str(v) for v in frame.drop(columns=quote_cols).to_numpy().ravel()]
            texts += [str(c) for c in frame.columns]
    for s in trends.all_series(summary, implied):
        assert all(p.period >= YEAR - 4 for p in s.points)  # nothing from the real years leaks in
    leaked = [t for t in texts if any(name in t for name in OTHER_NAMES)]
    assert not leaked, leaked[:3]


EMPTY_WORDS = re.compile(r"not reported|未报告|\bNone\b|\bnan\b|[{}]"
                         r"|\babout about\b|约为?约|第\d+位位")  # a bound word said twice


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(keep=st.lists(st.booleans(), min_size=107, max_size=107))
def test_statements_of_any_subset_keep_the_rules_and_say_something(made_up, keep):
    """Every statement the sections make from random partial data of a made-up city and year was
    built under the rules (building checks them), renders in both languages with the same numbers,
    names no other city, and never says "not reported" or leaves a field empty."""
    from helpers.calc.statements import Builder, check
    from helpers.present import catalog

    rows = made_up.indicators
    mask = [keep[i % len(keep)] for i in range(len(rows))]
    summary = Summary(replace(made_up, indicators=rows[mask]), SOURCE)
    declared = Builder.for_summary(summary)
    for section in SECTIONS:
        for s in getattr(section.analyse(summary), "statements", None) or []:
            check(s.predicate, s.key, dict(s.slots), assumption=s.assumption,  # the rules hold
                  catalog=declared.catalog, relations=declared.relations)
            assert s.figures or s.predicate in ("list", "caveat", "heading"), s.key
            texts = {lang: catalog.render(s, lang, made_up.data_dir) for lang in ("en", "zh")}
            for lang, text in texts.items():
                assert text.strip(), (s.key, lang)
                assert not EMPTY_WORDS.search(text), (s.key, lang, text)
                assert not any(name in text for name in OTHER_NAMES), (s.key, lang, text)
                assert all(f.region in (CITY, PROVINCE, "china") for f in s.figures), s.key
