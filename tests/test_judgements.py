"""The key judgements: built from the data, five to eight findings, caveats with their strength,
only the supported side of a bound, and the same numbers in English and Chinese."""
import re
from pathlib import Path

import pytest

from helpers.build import textcheck
from helpers.present import judgements as J


@pytest.fixture(scope="module")
def found(summary):
    return J.findings(summary), J.caveats(summary)


def test_five_to_eight_findings_and_at_least_three_caveats(found):
    findings, caveats = found
    assert 5 <= len(findings) <= J.MAX_FINDINGS
    assert len(caveats) >= 3


def test_every_item_says_how_strong_it_is_and_where_the_evidence_is(found):
    for j in found[0] + found[1]:
        assert j.strength in J.STRENGTH and j.section >= 1
        assert j.en and j.zh


def test_english_and_chinese_carry_the_same_numbers(found):
    for j in found[0] + found[1]:
        assert textcheck.same_numbers(j.en, j.zh), (j.en, j.zh)


def test_the_rd_failure_count_is_an_upper_bound_only(found):
    tax = next(j for j in found[0] if "tax" in j.en)
    assert "at most" in tax.en and "至多" in tax.zh and "864" not in tax.en


def test_the_pass_rate_caveat_does_not_pick_the_wrong_number(found):
    bad = next(j for j in found[1] if "do not agree" in j.en)
    assert "516 / 1689" in bad.en and "which number is wrong" in bad.en


def test_the_implausible_insurance_cover_is_flagged(found):
    assert any("implausible, check the source" in j.en and "数值不合常理" in j.zh for j in found[1])


def test_the_module_names_no_city_year_or_figure():
    src = (Path(J.__file__)).read_text(encoding="utf-8")
    assert not re.search(r"Nanchang|南昌|2021|1375|30\.55", src)


def test_as_html_links_each_item_to_its_section(found):
    page = J.as_html(found[0], "zh")
    assert page.count('href="#section-') == len(found[0]) and "【" in page
