"""The reader text of the built reports: en/zh parity of numbers and qualifiers, the Chinese
style rules of data/zh_style.csv (docs/zh_style.md), and no internal artefacts.

Built once per session through the real build, as tests/test_notebooks.py does.
"""
import pytest

from helpers.build import report, textcheck
from helpers.data.paths import DATA_DIR, NOTEBOOK_DIR

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("report")]

@pytest.fixture(scope="session")
def pages(tmp_path_factory):
    out = tmp_path_factory.mktemp("report_text")
    found = {}
    for city, year in report.city_selections(DATA_DIR):
        cfg = report.Config(city=city, year=year, langs=["en", "zh"], jobs=report.cores(), force=True,
                            output=out, data_dir=DATA_DIR, notebook_dir=NOTEBOOK_DIR)
        report.build(cfg)
        folder = out / city / str(year)
        found[(city, year)] = {lang: (folder / lang / "index.html").read_text(encoding="utf-8")
                               for lang in ("en", "zh")}
    return found


def test_every_section_has_the_same_numbers_in_both_languages(pages):
    for sel, p in pages.items():
        diff = textcheck.parity(p["en"], p["zh"])
        assert not diff, (sel, diff)


def test_chinese_report_follows_the_style_list(pages, dataset):
    rules = textcheck.style_rules(DATA_DIR)
    quotes = list(dataset.indicators["quote"])
    for table in dataset.tables.values():
        if "quote" in table:
            quotes += list(table["quote"])
    quotes += [r.claim_quote for r in dataset.relations]
    quotes += list(dataset.sources["title"])  # documents' titles are their publishers' words too
    for sel, p in pages.items():
        found = textcheck.style_violations(p["zh"], rules, quotes)
        assert not found, (sel, found[:5])


def test_no_internal_artefacts_in_reader_text(pages):
    for sel, p in pages.items():
        for lang in ("en", "zh"):
            found = textcheck.artefacts(p[lang])
            assert not found, (sel, lang, found[:5])


def test_the_key_judgements_come_first(pages):
    for p in pages.values():
        for lang in ("en", "zh"):
            page = p[lang]
            assert page.index('class="section lead"') < page.index('class="toc"')
