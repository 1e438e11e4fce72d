"""The real data: every row traceable, the catalog and indicators agree, readings as decided."""
import hashlib

import pytest

from helpers.data.paths import DATA_DIR, REPO_ROOT

SEED = REPO_ROOT.parent / "shared" / "seeds" / "000_b1d012bd9cb95491.txt"


def test_raw_files_match_their_hashes_and_the_seed_is_kept(dataset):
    hashes = set()
    for row in dataset.sources.itertuples():
        data = (DATA_DIR / "raw" / row.file).read_bytes()
        assert hashlib.sha256(data).hexdigest() == row.sha256, row.source
        hashes.add(row.sha256)
    if SEED.exists():
        assert hashlib.sha256(SEED.read_bytes()).hexdigest() in hashes, "the seed document is in data/raw"


def test_source_rows_are_complete(dataset):
    """Every source says what it is, where it came from, when, under what status, whole or not."""
    regions = set(dataset.regions["region"])
    for row in dataset.sources.itertuples():
        assert row.city in regions, row.source
        assert row.title and row.publisher and row.licence, row.source
        assert row.completeness in ("whole", "opening"), row.source
        assert row.file.endswith(".txt") and (DATA_DIR / "raw" / row.file).is_file(), row.source
        assert row.url == "" or "/" in row.url, row.source


def test_every_source_has_rows(dataset):
    per_source = dataset.indicators["source"].value_counts()
    for source in dataset.sources["source"]:
        assert per_source.get(source, 0) >= 1, f"{source} has no indicator row"


def test_every_quote_is_verbatim_and_unique_in_its_source(dataset):
    for row in dataset.indicators.itertuples():
        text = dataset.texts[row.source]
        assert text.count(row.quote) == 1, (row.line, row.source, row.quote)


def test_regions_name_every_region_used(dataset):
    reg = dataset.regions.set_index("region")
    used = set(dataset.indicators["region"]) | set(dataset.sources["city"])
    assert used <= set(reg.index)
    for region, row in reg.iterrows():
        assert row["name_zh"] and row["name_en"], region
        assert row["parent"] == "" or row["parent"] in reg.index, region


def test_same_figure_in_two_documents_is_two_rows(dataset):
    """The key includes the source: two documents printing one figure keep a row each."""
    ind = dataset.indicators
    key = ["indicator", "region", "period", "kind"]
    assert not ind.duplicated(key + ["source"]).any()
    shared = ind[ind.duplicated(key, keep=False)]
    for _, group in shared.groupby(key):
        assert group["source"].nunique() == len(group)


def test_catalog_and_indicators_agree(dataset):
    cat = dataset.catalog.set_index("indicator")
    used = set(dataset.indicators["indicator"])
    # an entry no document uses yet is defined by the relations that read it (hte_count_net_change:
    # 较上年减少37家, which the next document may print), never left with no role at all
    related = {i.indicator for rel in dataset.relations for i in rel.inputs}
    assert used <= set(cat.index), "every row is catalogued"
    assert set(cat.index) - used <= related, "every catalog entry is used by a row or a relation"
    for row in dataset.indicators.itertuples():
        assert cat.loc[row.indicator, "unit"] == row.unit, row.line


def test_targets_are_not_in_the_past_of_their_plan(dataset):
    """A plan's target is for its own year or later (a work plan for year Y sets targets for >= Y)."""
    plans = dataset.sources[dataset.sources["kind"].isin(["work_plan", "five_year_plan"])]
    year = dict(zip(plans["source"], plans["year"].astype(int)))
    targets = dataset.indicators[dataset.indicators["kind"] == "target"]
    for row in targets[targets["source"].isin(year)].itertuples():
        assert row.period >= year[row.source], (row.line, row.source)


@pytest.mark.parametrize("source, indicator, region, period, kind, value, unit, qualifier", [
    ("nanchang_2021", "rd_expenditure", "nanchang", 2020, "actual", 111.77, "cny_100m", "exact"),   # R&D in 2021 summary is 2020 data
    ("nanchang_2021", "rd_intensity", "nanchang", 2021, "target", 2.2, "percent", "exact"),          # 力争2021年…达2.2%
    ("nanchang_2021", "hte_count", "nanchang", 2021, "estimate", 1950, "count", "exact"),            # 预计
    ("nanchang_2021", "hte_count_growth", "nanchang", 2021, "estimate", -5, "percent", "exact"),     # 下降5% is negative
    ("nanchang_2021", "hte_reported_change", "jiangxi", 2021, "actual", -1689, "count", "exact"),    # 减少1689家
    ("nanchang_2021", "hte_count", "nanchang", 2022, "target", 2000, "count", "at_least"),           # 超过2000家
    ("nanchang_2021", "tech_contract_registered_value", "nanchang", 2022, "target", 110, "cny_100m", "at_least"),  # 登记额突破
    ("nanchang_2021", "alliance_events", "nanchang", 2021, "actual", 40, "count", "at_least"),       # 40余场
    ("nanchang_2021", "kedaitong_loans", "nanchang", 2021, "actual", 3.22, "cny_100m", "approx"),    # 约3.22亿元
    ("nanchang_2021", "roadshow_financing", "nanchang", 2021, "actual", 2, "cny_100m", "approx"),    # 近2亿元
    ("nanchang_2021", "rd_institution_subsidy_cap", "nanchang", 2022, "policy", 2000, "cny_10k", "at_most"),  # 不超过
    ("nanchang_2021", "ei_major_projects_per_year", "nanchang", 2022, "target", 15, "count", "approx"),  # 15项左右
    ("nanchang_2021", "tech_contract_count_share_of_province", "nanchang", 2021, "actual", 49.5, "percent", "exact"),
    ("nanchang_2021", "tech_contract_turnover_share_of_province", "nanchang", 2021, "actual", 25.8, "percent", "exact"),
    ("nanchang_2019_plan", "hte_count", "nanchang", 2019, "target", 1200, "count", "at_least"),       # 突破
    ("nanchang_2019_plan", "rd_expenditure", "nanchang", 2019, "target", 110, "cny_100m", "exact"),  # 力争…达到
    ("nanchang_2020_plan", "new_rd_institutions_new", "nanchang", 2020, "target", 1, "count", "at_least"),  # 1-2家
    ("nanchang_2020_plan", "hti_value_added_share", "nanchang", 2020, "target", 42, "percent", "at_least"),  # 以上
    ("nanchang_fyp_2021_2025", "rd_expenditure", "nanchang", 2020, "actual", 111.77, "cny_100m", "exact"),
    ("nanchang_fyp_2021_2025", "patent_applications", "nanchang", 2016, "actual", 16184, "count", "exact"),
    ("china_2020_rd_bulletin", "rd_expenditure_growth_change", "china", 2020, "actual", -2.3, "pp", "exact"),  # 回落
    ("jiangxi_2020_rd_news", "rd_intensity", "jiangxi", 2020, "actual", 1.68, "percent", "exact"),
])
def test_hand_checked_rows(dataset, source, indicator, region, period, kind, value, unit, qualifier):
    if source not in dataset.texts:
        pytest.skip(f"the data hold no source {source}")
    ind = dataset.indicators[dataset.indicators.source == source]
    hit = ind[(ind.indicator == indicator) & (ind.region == region) & (ind.period == period) & (ind.kind == kind)]
    assert len(hit) == 1
    row = hit.iloc[0]
    assert (row.value, row.unit, row.qualifier) == (value, unit, qualifier)


def test_garbled_readings_are_noted(dataset):
    if "nanchang_2021" not in dataset.texts:
        pytest.skip("the data hold no nanchang_2021")
    ind = dataset.indicators[dataset.indicators.source == "nanchang_2021"].set_index("indicator")
    assert "49.5%25.8%" in ind.loc["tech_contract_count_share_of_province", "note"]
    assert "20209月" in ind.loc["plaza_events", "note"]


def test_qualitative_tables(dataset):
    if "nanchang_2021" not in dataset.texts:
        pytest.skip("the data hold no nanchang_2021")
    tables = {name: df[df.source == "nanchang_2021"] for name, df in dataset.tables.items()
              if "source" in df.columns}
    inst = tables["rd_institutions"]
    assert len(inst) == 10
    assert inst["status_group"].value_counts().to_dict() == {
        "operating_well": 4, "operating_normally": 3, "just_landed": 2, "stalled": 1}
    rules = tables["hte_review_rules"]
    assert list(rules["aspect"]) == ["review_procedure", "financial_data", "verification"]
    assert "金税三期" in rules.set_index("aspect").loc["financial_data", "after_zh"]
    system = tables["platform_system"]
    assert system["component"].value_counts().to_dict() == {"6": 6, "1": 1, "N": 1}
    assert set(system.loc[system.component == "6", "item_zh"]) == {"光电", "航空", "VR", "汽车", "医疗器械", "新材料"}
