"""The README's "Next year" steps, done as a new user would: copy data/, add next year's document
(a made-up 2022 summary with a dozen figures) and its rows, validate, build that year's report, and
run the data tests on the copy unchanged. Rows, not code."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers.build import report, textcheck
from helpers.calc import targets
from helpers.data.figures import Summary
from helpers.data.paths import DATA_DIR, NOTEBOOK_DIR, REPO_ROOT
from testkit import add_document

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("next_year")]

TEXT = """市科技局2022年工作总结

一、主要指标完成情况
1.2021年,全市研发投入支出达到126.5亿元,研发投入强度达到1.90%。
2.全市高新技术企业数量达到2150家,科技型中小企业入库2410家。
3.完成技术合同认定登记3510项,技术合同成交额118.2亿元。
4.新增市级重点实验室22家,市级工程技术研究中心30家。
5.实施市科技重大项目21项,新增独角兽(潜在、种子)、瞪羚(潜在)企业18家。
6.引进和培养高层次科技创新人才22名、高层次科技创新团队19个。
"""
ROWS = [  # indicator, region, period, kind, value, unit, qualifier, quote
    ("rd_expenditure", 2021, 126.5, "cny_100m", "全市研发投入支出达到126.5亿元"),
    ("rd_intensity", 2021, 1.90, "percent", "研发投入强度达到1.90%"),
    ("hte_count", 2022, 2150, "count", "全市高新技术企业数量达到2150家"),
    ("tech_sme_registered", 2022, 2410, "count", "科技型中小企业入库2410家"),
    ("tech_contract_count", 2022, 3510, "count", "完成技术合同认定登记3510项"),
    ("tech_contract_turnover", 2022, 118.2, "cny_100m", "技术合同成交额118.2亿元"),
    ("city_key_lab_new", 2022, 22, "count", "新增市级重点实验室22家"),
    ("city_engineering_center_new", 2022, 30, "count", "市级工程技术研究中心30家"),
    ("major_projects", 2022, 21, "count", "实施市科技重大项目21项"),
    ("unicorn_gazelle_new", 2022, 18, "count", "瞪羚(潜在)企业18家"),
    ("high_level_talents", 2022, 22, "count", "高层次科技创新人才22名"),
    ("high_level_teams", 2022, 19, "count", "高层次科技创新团队19个"),
]


@pytest.fixture(scope="module")
def next_year(tmp_path_factory) -> Path:
    """data/ plus the made-up 2022 summary: raw file, sources row, indicator rows, exclusions."""
    d = Path(shutil.copytree(DATA_DIR, tmp_path_factory.mktemp("next") / "data"))
    add_document(d, "nanchang_2022", "市科技局2022年工作总结", "南昌市科学技术局", "nanchang", 2022, TEXT,
                 [(ind, period, "actual", value, unit, "exact", quote) for ind, period, value, unit, quote in ROWS],
                 [("1.2021年", "list number 1. followed by the year 2021年 (no space)")])
    return d


def test_the_new_document_validates(next_year):
    run = subprocess.run([sys.executable, "-m", "helpers.data.load", str(next_year)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    cov = subprocess.run([sys.executable, "-m", "helpers.data.coverage", str(next_year)],
                         capture_output=True, text=True)
    assert cov.returncode == 0 and "nanchang_2022" in cov.stdout, cov.stdout + cov.stderr


def test_last_years_targets_meet_this_years_outcomes(next_year):
    s = Summary.select("nanchang", 2022, next_year)
    assert s.source["source"] == "nanchang_2022"
    got = {(x.target.indicator, x.period): x for x in targets.track_record(s)}
    assert got[("hte_count", 2022)].status == "met"                      # 2150 ≥ 2000
    contracts = got[("tech_contract_registered_value", 2022)]               # 登记额 target, 成交额 outcome
    assert (contracts.outcome, contracts.status) == (None, "unverifiable")  # turnover decides no 登记额 verdict
    assert got[("unicorn_gazelle_new", 2022)].status == "missed"         # 18 < 20
    assert got[("tech_sme_registered", 2022)].status == "met"            # 2410 ≥ 2200
    # 50 city-level basic platforms: the related measure its plan names (22 + 30 new labs and centres)
    # is noted with the pairing, never taken as the outcome
    platforms = got[("city_basic_rd_platforms", 2022)]
    assert (platforms.outcome, platforms.status) == (None, "unverifiable") and platforms.note
    assert got[("rd_intensity", 2021)].status == "missed"                # 1.90 < 2.2, published in 2022


def test_that_years_report_builds(next_year, tmp_path):
    cfg = report.Config(city="nanchang", year=2022, langs=["en", "zh"], jobs=report.cores(), force=True,
                        output=tmp_path, data_dir=next_year, notebook_dir=NOTEBOOK_DIR)
    report.build(cfg)
    page = (tmp_path / "nanchang" / "2022" / "zh" / "index.html").read_text(encoding="utf-8")
    assert "2022" in page and "市科技局2022年工作总结" in page
    en = (tmp_path / "nanchang" / "2022" / "en" / "index.html").read_text(encoding="utf-8")
    assert "Nanchang 2022" in en
    # partial data reads as prose in both languages, with the same numbers and no artefacts
    assert textcheck.parity(en, page) == {}
    assert textcheck.artefacts(en) == [] and textcheck.artefacts(page) == []
    quotes = [q for _, _, _, _, q in ROWS] + list(Summary.select("nanchang", 2022, next_year).dataset.sources["title"])
    assert textcheck.style_violations(page, textcheck.style_rules(next_year), quotes) == []
    notes = {lang: [textcheck.reader_text(n) for n in re.findall(r'<p class="note">(.*?)</p>', html, re.S)]
             for lang, html in (("en", en), ("zh", page))}
    for lang, gap in (("en", r"not reported|\bNone\b(?! of)|\(\)"), ("zh", r"(?<!文件)未报告|None|（）")):
        assert not [n for n in notes[lang] if re.search(gap, n)], lang
    # the 2021 summary's words and figures are not told as 2022's: its verdicts, its plaza, its loans
    body = " ".join(notes["en"])
    for earlier in ("three-year doubling", "十余倍", "gone bad", "1,531", "CNY 322 m", "too small"):
        assert earlier not in body, earlier


def test_the_data_tests_pass_on_the_copy_unchanged(next_year):
    env = {**os.environ, "NSR_DATA_DIR": str(next_year)}
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                          "tests/test_data.py", "tests/test_load.py", "tests/test_coverage.py",
                          "tests/test_audit.py", "tests/test_targets.py"],
                         cwd=REPO_ROOT, env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout[-3000:]
