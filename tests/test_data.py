"""The real data: every row traceable, the catalog and indicators agree, readings as decided."""
import hashlib

import pytest

from helpers.data.paths import DATA_DIR, REPO_ROOT

SEED = REPO_ROOT.parent / "shared" / "seeds" / "000_b1d012bd9cb95491.txt"


def test_raw_file_is_the_seed_byte_for_byte(dataset):
    row = dataset.sources.iloc[0]
    raw = DATA_DIR / "raw" / row["file"]
    assert hashlib.sha256(raw.read_bytes()).hexdigest() == row["sha256"]
    if SEED.exists():
        assert raw.read_bytes() == SEED.read_bytes()


def test_source_row(dataset):
    row = dataset.sources.set_index("source").loc["nanchang_2021"]
    assert row["title"] == "市科技局2021年工作总结及2022年工作思路"
    assert row["publisher"] == "南昌市科学技术局"
    assert (row["city"], int(row["year"]), row["language"]) == ("nanchang", 2021, "zh")
    assert row["url"].endswith("60aada1c7ec341f9aabb3d4579bb22b0.shtml")


def test_every_quote_is_verbatim_and_unique(dataset):
    text = dataset.texts["nanchang_2021"]
    for row in dataset.indicators.itertuples():
        assert text.count(row.quote) == 1, (row.line, row.quote)


def test_catalog_and_indicators_agree(dataset):
    cat = dataset.catalog.set_index("indicator")
    used = set(dataset.indicators["indicator"])
    assert used == set(cat.index), "every catalog entry is used and every row is catalogued"
    for row in dataset.indicators.itertuples():
        assert cat.loc[row.indicator, "unit"] == row.unit, row.line


def test_row_count_is_about_the_documents_figures(dataset):
    assert len(dataset.indicators) >= 105


@pytest.mark.parametrize("indicator, region, period, kind, value, unit, qualifier", [
    ("rd_expenditure", "nanchang", 2020, "actual", 111.77, "cny_100m", "exact"),   # R&D in 2021 summary is 2020 data
    ("rd_intensity", "nanchang", 2021, "target", 2.2, "percent", "exact"),          # 力争2021年…达2.2%
    ("hte_count", "nanchang", 2021, "estimate", 1950, "count", "exact"),            # 预计
    ("hte_count_growth", "nanchang", 2021, "estimate", -5, "percent", "exact"),     # 下降5% is negative
    ("hte_reported_change", "jiangxi", 2021, "actual", -1689, "count", "exact"),    # 减少1689家
    ("hte_count", "nanchang", 2022, "target", 2000, "count", "at_least"),           # 超过2000家
    ("tech_contract_turnover", "nanchang", 2022, "target", 110, "cny_100m", "at_least"),  # 突破
    ("alliance_events", "nanchang", 2021, "actual", 40, "count", "at_least"),       # 40余场
    ("kedaitong_loans", "nanchang", 2021, "actual", 3.22, "cny_100m", "approx"),    # 约3.22亿元
    ("roadshow_financing", "nanchang", 2021, "actual", 2, "cny_100m", "approx"),    # 近2亿元
    ("rd_institution_subsidy_cap", "nanchang", 2022, "policy", 2000, "cny_10k", "at_most"),  # 不超过
    ("ei_major_projects_per_year", "nanchang", 2022, "target", 15, "count", "approx"),  # 15项左右
    ("tech_contract_count_share_of_province", "nanchang", 2021, "actual", 49.5, "percent", "exact"),
    ("tech_contract_turnover_share_of_province", "nanchang", 2021, "actual", 25.8, "percent", "exact"),
])
def test_hand_checked_rows(dataset, indicator, region, period, kind, value, unit, qualifier):
    ind = dataset.indicators
    hit = ind[(ind.indicator == indicator) & (ind.region == region) & (ind.period == period) & (ind.kind == kind)]
    assert len(hit) == 1
    row = hit.iloc[0]
    assert (row.value, row.unit, row.qualifier) == (value, unit, qualifier)


def test_garbled_readings_are_noted(dataset):
    ind = dataset.indicators.set_index("indicator")
    assert "49.5%25.8%" in ind.loc["tech_contract_count_share_of_province", "note"]
    assert "20209月" in ind.loc["plaza_events", "note"]


def test_qualitative_tables(dataset):
    inst = dataset.tables["rd_institutions"]
    assert len(inst) == 10
    assert inst["status_group"].value_counts().to_dict() == {
        "operating_well": 4, "operating_normally": 3, "just_landed": 2, "stalled": 1}
    rules = dataset.tables["hte_review_rules"]
    assert list(rules["aspect"]) == ["review_procedure", "financial_data", "verification"]
    assert "金税三期" in rules.set_index("aspect").loc["financial_data", "after_zh"]
    system = dataset.tables["platform_system"]
    assert system["component"].value_counts().to_dict() == {"6": 6, "1": 1, "N": 1}
    assert set(system.loc[system.component == "6", "item_zh"]) == {"光电", "航空", "VR", "汽车", "医疗器械", "新材料"}
