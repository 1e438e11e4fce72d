"""Selecting a summary and its figures, and the scorecard built on them."""
import pytest

from helpers.data.figures import Summary, available
from helpers.errors import SelectionError
from helpers.sections import overview


def test_select_and_available(dataset):
    held = sorted({(r.city, int(r.year)) for r in dataset.sources.itertuples()})
    assert available() == held
    city, year = held[-1]
    s = Summary.select(city, year)
    titles = dataset.sources.loc[(dataset.sources.city == city) & (dataset.sources.year == year), "title"]
    assert (s.city, s.year) == (city, year) and s.title in set(titles)
    assert "line" not in s.source


@pytest.mark.parametrize("city, year", [("nanchang", 1990), ("ganzhou", 2021)])
def test_unknown_selection_lists_what_exists(dataset, city, year):
    held = ", ".join(f"{c} {y}" for c, y in sorted({(r.city, int(r.year))
                                                    for r in dataset.sources.itertuples()}))
    with pytest.raises(SelectionError, match=f"the data hold: {held}$"):
        Summary.select(city, year)


def test_get(summary):
    assert summary.value("hte_count", period=2018) == 1049
    assert summary.value("hte_applications", region="jiangxi") == 5354
    assert summary.get("hte_count", period=2019) is None            # not reported
    with pytest.raises(ValueError, match="matches 2 rows"):
        summary.get("hte_count", kind="actual")                      # 2018 and 2020
    with pytest.raises(KeyError, match="catalog"):
        summary.get("no_such_indicator")


def test_section_table_languages(summary):
    en = summary.section("science_finance", "en")
    zh = summary.section("science_finance", "zh")
    assert len(en) == len(zh) == 9
    assert "科技信贷放贷企业数" in set(zh["指标"])
    assert "CNY 137.52 bn" in set(en["Value"])                        # 1375.2亿元


def test_scorecard(summary):
    cards = {c["indicator"]: c for c in overview.scorecard(summary)}
    assert cards["rd_expenditure"]["value"].value == 111.77
    assert cards["rd_expenditure"]["share"].value == 25.95
    assert cards["rd_intensity"]["rank"].value == 3
    assert cards["tech_contract_count"]["rank"].value == 1
    assert cards["rd_intensity"]["share"] is None


def test_shares_of_province(summary):
    pairs = overview.shares_of_province(summary)
    assert len(pairs) == 9
    assert [p[0].value for p in pairs][:2] == [49.5, 36.9]
    low, high = overview.share_range(summary)
    assert (low.value, high.value) == (25, 49.5)


def test_without_a_period_only_the_selections_own_documents_answer(dataset):
    """The 2020 plan's target of 5 new unicorn firms is in the 2021 selection, but a sentence
    about 2021 that asks for the figure without a year must not get it."""
    s = Summary.select("nanchang", 2021)
    assert s.get("unicorn_firms_new", kind="target") is None
    assert s.value("unicorn_firms_new", period=2020, kind="target") == 5


def test_a_count_keeps_the_measure_word_its_document_prints(summary):
    assert summary.get("tech_contract_count").measure_zh == "项"      # 完成技术合同认定登记3278项
    assert summary.get("hte_applications").measure_zh == "家"        # 全市申报高新技术企业1689家
    assert summary.get("city_key_lab_new").measure_zh == "家"        # 市级重点实验室20, (家 lost): the catalog's
    assert summary.get("rd_expenditure", period=2020).measure_zh == ""  # not a count
