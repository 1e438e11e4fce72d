"""A second city, fed in as a new user would: copy data/, add another city's work summary with a
dozen figures, build its report. The report must speak of that city and that year only: no
sentence may borrow Nanchang's names, schemes or figures, and partial data must read as prose."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from helpers.build import report, textcheck
from helpers.data.paths import DATA_DIR, NOTEBOOK_DIR
from testkit import add_document

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("second_city")]

TEXT = """赣州市科技局2022年工作总结

一、主要指标完成情况
1.2021年,全市研发经费投入达到68.3亿元,同比增长15.2%,研发投入强度达到1.62%。
2.全市高新技术企业数量达到1210家,比上年增加96家。申报高新技术企业860家,向科技部报备402家。
3.完成技术合同认定登记1204项,技术合同成交额52.6亿元,占全省的12.1%。
4.新增省级重点实验室4家,市级重点实验室12家。
5.赣州“科创贷”累计发放贷款8.2亿元。
二、2023年工作思路
力争高新技术企业超过1400家,技术合同成交额突破60亿元。
"""
ROWS = [  # indicator, period, kind, value, unit, qualifier, quote
    ("rd_expenditure", 2021, "actual", 68.3, "cny_100m", "exact", "全市研发经费投入达到68.3亿元"),
    ("rd_expenditure_growth", 2021, "actual", 15.2, "percent", "exact", "同比增长15.2%"),
    ("rd_intensity", 2021, "actual", 1.62, "percent", "exact", "研发投入强度达到1.62%"),
    ("hte_count", 2022, "actual", 1210, "count", "exact", "全市高新技术企业数量达到1210家"),
    ("hte_count_net_change", 2022, "actual", 96, "count", "exact", "比上年增加96家"),
    ("hte_applications", 2022, "actual", 860, "count", "exact", "申报高新技术企业860家"),
    ("hte_reported", 2022, "actual", 402, "count", "exact", "向科技部报备402家"),
    ("tech_contract_count", 2022, "actual", 1204, "count", "exact", "完成技术合同认定登记1204项"),
    ("tech_contract_turnover", 2022, "actual", 52.6, "cny_100m", "exact", "技术合同成交额52.6亿元"),
    ("tech_contract_turnover_share_of_province", 2022, "actual", 12.1, "percent", "exact", "占全省的12.1%"),
    ("provincial_key_lab_new", 2022, "actual", 4, "count", "exact", "新增省级重点实验室4家"),
    ("city_key_lab_new", 2022, "actual", 12, "count", "exact", "市级重点实验室12家"),
    ("hte_count", 2023, "target", 1400, "count", "at_least", "力争高新技术企业超过1400家"),
    ("tech_contract_turnover", 2023, "target", 60, "cny_100m", "at_least", "技术合同成交额突破60亿元"),
]
EXCLUSIONS = [("1.2021年", "list number 1. followed by the year 2021年 (no space)"),
              ("累计发放贷款8.2亿元", "a city loan scheme with no indicator in the catalog")]
NANCHANG = ("Nanchang", "南昌", "Hongcheng", "洪城", "Kedaitong", "科贷通", "Double Hundred", "双百", "1+6+N",
            "three-year doubling", "三年翻番")


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, str]:
    d = Path(shutil.copytree(DATA_DIR, tmp_path_factory.mktemp("city") / "data"))
    add_document(d, "ganzhou_2022", "赣州市科技局2022年工作总结", "赣州市科学技术局", "ganzhou", 2022, TEXT, ROWS,
                 EXCLUSIONS)
    out = tmp_path_factory.mktemp("reports")
    cfg = report.Config(city="ganzhou", year=2022, langs=["en", "zh"], jobs=report.cores(), force=True,
                        output=out, data_dir=d, notebook_dir=NOTEBOOK_DIR)
    report.build(cfg)
    return {lang: (out / "ganzhou" / "2022" / lang / "index.html").read_text(encoding="utf-8") for lang in ("en", "zh")}


def test_the_report_is_about_the_second_city(pages):
    assert "Ganzhou 2022" in pages["en"] and "赣州2022年" in pages["zh"]


def test_no_section_borrows_nanchangs_names_or_claims(pages):
    for lang, page in pages.items():
        for sid, text in textcheck.sections(page):
            found = [w for w in NANCHANG if w in text]
            assert not found, (lang, sid, found)


def test_partial_data_reads_as_prose_with_the_same_numbers(pages):
    assert textcheck.parity(pages["en"], pages["zh"]) == {}
    for lang, gap in (("en", r"not reported|\bNone\b(?! of)|\(\)"), ("zh", r"(?<!文件)未报告|None|（）")):
        notes = [textcheck.reader_text(n) for n in re.findall(r'<p class="note">(.*?)</p>', pages[lang], re.S)]
        assert not [n for n in notes if re.search(gap, n)], lang


def test_its_targets_meet_its_own_levels(pages):
    # more than 1,400 firms against the 1,210 of 2022: more than 190 more, 115.70% of it (1400 / 1210)
    assert "more than 190 above (implied: 1400 - 1210)" in pages["en"]  # a target against its base: no rise
    assert "115.70% (implied: 1400 / 1210 × 100)" in pages["en"]
    assert "多190家以上（推算：1400 - 1210）" in pages["zh"]


def test_a_thin_document_still_leads_with_what_it_prints(pages):
    lead = pages["en"][pages["en"].index('class="section lead"'):pages["en"].index('class="toc"')]
    assert "In 2021, Ganzhou spent CNY 6.83 bn on R&amp;D" in lead
    assert "1,210 HTEs in 2022" in lead
    zh = pages["zh"][pages["zh"].index('class="section lead"'):pages["zh"].index('class="toc"')]
    assert "2021年，赣州研发经费投入68.3亿元" in zh
