"""helpers.calc.targets against values worked out by hand from the 2022 plan in the 2021 summary.

Hand arithmetic (target vs baseline, change needed, % change):
  rd_intensity            2.2% (2021) vs 1.95% (2020): +0.25 pp, 2.2 / 1.95 - 1 = +12.82%
  hte_count               2000 vs 1950 (2021 estimate): +50, 50 / 1950 = +2.56%
  tech_sme_registered     2200 vs 2360 applications: -160, -6.78%  (below a related level)
  unicorn_gazelle_new     20 vs 39: -19, -48.72%                    (below the level reached)
  city_basic_rd_platforms 50 vs 20 + 29 = 49: +1, +2.04%
  tech_contract_turnover  110 vs 106.7 亿元: +3.3, +3.09%
  talents + teams         20 + 20 = 40 vs 40: 0 (no increase)
  hongcheng_projects      10 vs 10: 0 (no increase)
  major_projects          20 vs 18: +2, +11.11%
  unpaired targets        ei_city_platforms_per_year (20), ei_major_projects_per_year (~15)
"""
from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pandas as pd
import pytest

from helpers.calc import targets as T
from helpers.calc.derive import figures_behind
from helpers.data.figures import Figure, Summary
from helpers.data.load import load_dataset
from helpers.data.paths import DATA_DIR
from helpers.errors import DataError
from helpers.present import targets_view


def fig(indicator, value, unit="count", period=2022, kind="target", qualifier="exact"):
    return Figure(indicator=indicator, region="nanchang", period=period, kind=kind, value=value,
                  unit=unit, qualifier=qualifier, quote=f"{value:g}", note="", name_zh=indicator,
                  name_en=indicator, section="targets_2022", source="test")


@pytest.fixture(scope="module")
def checks():
    s = Summary.select("nanchang", 2021, DATA_DIR)
    return {c.target_expr: c for c in T.check_targets(s)}


@pytest.fixture(scope="module")
def s():
    return Summary.select("nanchang", 2021, DATA_DIR)



# --- small functions -------------------------------------------------------------------------------

def test_split_expr():
    assert T.split_expr("a+b") == ("a", "b")
    assert T.split_expr(" a + b ") == ("a", "b")
    assert T.split_expr("hte_count") == ("hte_count",)
    with pytest.raises(ValueError):
        T.split_expr("a+")


def test_total_and_changes():
    t = T.total([fig("city_key_lab_new", 20, period=2021), fig("city_engineering_center_new", 29, period=2021)])
    assert t.value == 49 and t.formula == "20 + 29"
    assert T.total([fig("a", 1), None]) is None and T.total([]) is None
    money = T.total([fig("a", 1, unit="cny_100m"), fig("b", 2985, unit="cny_10k")])
    assert money.value == pytest.approx(1.2985) and money.unit == "cny_100m"
    assert money.formula == "1 亿元 + 2985 万元"
    target, base = fig("hte_count", 2000, qualifier="at_least"), fig("hte_count", 1950, period=2021, kind="estimate")
    assert T.change_needed(target, base).value == 50
    assert T.change_needed_pct(target, base).value == pytest.approx(2.56, abs=0.005)
    assert T.pct_of_baseline(target, base).value == pytest.approx(102.56, abs=0.005)
    rd = T.change_needed(fig("rd_intensity", 2.2, unit="percent"), fig("rd_intensity", 1.95, unit="percent"))
    assert rd.value == pytest.approx(0.25) and rd.unit == "pp"
    assert T.change_needed(None, base) is None and T.change_needed_pct(target, None) is None
    assert T.pct_of_baseline(target, fig("x", 0)) is None


def test_total_of_different_units_raises():
    with pytest.raises(ValueError):
        T.total([fig("a", 1, unit="count"), fig("b", 1, unit="percent")])


def test_attainment_rules():
    assert T.attainment(2000, "at_least", 2000) == "met"       # at_least means ≥
    assert T.attainment(2000, "at_least", 1999) == "missed"
    assert T.attainment(2.2, "exact", 2.25) == "met"
    assert T.attainment(2.2, "exact", 2.1) == "missed"
    assert T.attainment(100, "at_most", 100) == "met"
    assert T.attainment(100, "at_most", 101) == "missed"
    assert T.attainment(15, "approx", 14.25) == "met"          # 15 × 0.95 = 14.25
    assert T.attainment(15, "approx", 14) == "missed"
    assert T.attainment(2000, "at_least", None) == "pending"
    assert T.attainment(None, "at_least", 10) == "pending"


def test_below_level():
    assert T.below_level(fig("u", 20), fig("u", 39), "same") == "below"
    assert T.below_level(fig("u", 2200), fig("u", 2360), "related") == "below_related"
    assert T.below_level(fig("u", 10), fig("u", 10), "related") == "equal"
    assert T.below_level(fig("u", 50), fig("u", 49), "related") is None
    assert T.below_level(None, fig("u", 49), "same") is None


# --- the pairing table: read and checked by helpers.data.load ------------------------------------------

def test_pairing_table(s):
    tb = T.pairing_table(s)
    assert list(tb.columns) == ["source", "target", "baseline", "comparability", "note", "note_zh", "line"]
    assert tb.iloc[0]["target"] == "rd_intensity" and tb.iloc[0]["line"] == 2
    assert "city_key_lab_new+city_engineering_center_new" in set(tb["baseline"])
    assert T.pairing_table(s, "firm_cultivation")["target"].tolist() == [
        "hte_count", "tech_sme_registered", "unicorn_gazelle_new"]                   # file order


def test_comparability_and_note_in_the_notebook_language(s):
    comp, note = T.comparability(s, "city_basic_rd_platforms")
    assert comp == "related" and note.startswith("City-level basic R&D platforms")
    comp, note = T.comparability(s, "city_basic_rd_platforms", "zh")
    assert comp == "related" and note.startswith("市级基础研发平台")
    assert T.comparability(s, "hte_count") == ("same", "The 2022 target against the 2021 estimate.")
    assert T.comparability(s, "no_such_target") is None
    assert T.note_text({"note": "en", "note_zh": ""}, "zh") == "en"                 # no Chinese note: English


def _data(tmp_path) -> Path:
    return Path(shutil.copytree(DATA_DIR, tmp_path / "data"))


def _edit(d: Path, old: str, new: str) -> None:
    path = d / "target_baselines.csv"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_no_pairing_file_no_pairs(tmp_path):
    d = _data(tmp_path)
    (d / "target_baselines.csv").unlink()
    s = Summary.select("nanchang", 2021, d)
    assert "target_baselines" not in s.dataset.tables
    empty = T.pairing_table(s)
    assert list(empty.columns) == ["source", *T.PAIR_COLUMNS, "line"] and empty.empty
    checks = T.check_targets(s)            # every target row, talents and teams apart: 12
    assert len(checks) == 12
    assert {"high_level_talents", "high_level_teams"} <= {c.target_expr for c in checks}
    assert T.comparability(s, "hte_count") is None
    # without a pairing, a target meets the latest earlier level of its own indicator, if any
    by = {c.target_expr: c for c in checks}
    assert by["hte_count"].baseline.value == 1950 and by["hte_count"].comparability == "same"   # 2021 estimate
    assert by["rd_intensity"].baseline.value == 1.95                                           # 2020 actual
    assert by["tech_sme_registered"].baseline is None      # the 2021 figure is applications, another indicator
    assert by["high_level_talents"].baseline is None


@pytest.mark.parametrize("old, new, line, column, value", [
    ("hte_count,hte_count,same", "hte_count,hte_countt,same", 3, "baseline", "hte_countt"),   # not in catalog
    ("unicorn_gazelle_new,unicorn_gazelle_new,same", "unicorn_gazelle_new,unicorn_gazelle_new,similar",
     5, "comparability", "similar"),
    ("major_projects,major_projects,same", "major_projects+,major_projects,same", 10, "target", None),
    ("hte_count,hte_count,same", "rd_intensity,hte_count,same", 3, None, None),   # duplicate (source, target)
])
def test_bad_pairing_row(tmp_path, old, new, line, column, value):
    d = _data(tmp_path)
    _edit(d, old, new)
    with pytest.raises(DataError) as e:
        load_dataset(d)
    err = e.value
    assert str(err.file).endswith("target_baselines.csv")
    assert err.line == line and err.column == column
    if value is not None:
        assert err.value == value


def test_bad_pairing_header(tmp_path):
    d = _data(tmp_path)
    _edit(d, "target,baseline,comparability,note,note_zh", "target,base,comparability,note,note_zh")
    with pytest.raises(DataError) as e:
        load_dataset(d)
    assert str(e.value.file).endswith("target_baselines.csv") and e.value.line == 1


# --- levels: a figure or a sum of one period --------------------------------------------------------

def test_resolve_level(s):
    t = T.resolve_level(s, "hte_count", target=True)
    assert (t.value, t.period, t.kind, t.qualifier) == (2000, 2022, "target", "at_least")
    b = T.resolve_level(s, "hte_count", target=False, before=2022)
    assert (b.value, b.period, b.kind) == (1950, 2021, "estimate")          # the 2021 estimate, not 2020's 2054
    b = T.resolve_level(s, "hte_count", target=False, before=2022, kinds=("actual",))
    assert (b.value, b.period, b.kind) == (2054, 2020, "actual")          # the latest actual
    b = T.resolve_level(s, "hte_count", target=False, before=2021)
    assert (b.value, b.period, b.kind) == (2054, 2020, "actual")
    r = T.resolve_level(s, "rd_intensity", target=True)
    assert (r.value, r.period) == (2.2, 2021)                               # the target's own period
    both = T.resolve_level(s, "city_key_lab_new+city_engineering_center_new", target=False, before=2022)
    assert both.value == 49 and both.period == 2021 and both.formula == "20 + 29"
    assert T.resolve_level(s, "hte_count+tech_sme_registered", target=True).value == 4200  # 2000 + 2200
    assert T.resolve_level(s, "hte_count+unicorn_roadshows", target=True) is None


def test_names_and_text(s, checks):
    assert T.expr_name(s, "high_level_talents+high_level_teams", "zh") == \
        "引进和培养高层次科技创新人才 + 引进和培养高层次科技创新团队"
    t = T.resolve_level(s, "hte_count", target=True)
    assert T.level_text(t, "en") == "≥2,000" and T.level_text(t, "zh") == "≥2000"
    both = T.resolve_level(s, "city_key_lab_new+city_engineering_center_new", target=False, before=2022)
    assert T.level_text(both, "en") == "49 (20 + 29)"
    assert T.level_text(None, "zh") == "未报告"
    c = checks["city_basic_rd_platforms"]
    assert c.baseline_text("en") == "49 (20 + 29)" and c.target_text("en") == "50"
    assert checks["hte_count"].target_text("zh") == "≥2000"


def test_sections(s):
    by = {c.target_expr: c for c in T.check_targets(s, section="platforms")}
    assert list(by) == ["city_basic_rd_platforms", "ei_city_platforms_per_year"]   # paired, then unpaired
    assert by["city_basic_rd_platforms"].baseline.value == 49                      # 50 against 20 + 29
    assert by["ei_city_platforms_per_year"].baseline is None
    talent = [c.target_expr for c in T.check_targets(s, section="talent_technology")]
    assert talent == ["high_level_talents+high_level_teams", "hongcheng_projects_landed", "major_projects",
                      "ei_major_projects_per_year"]
    assert T.check_targets(s, section="no_such_section") == []


# --- the real data: every target, all pending ------------------------------------------------------

def test_real_targets_against_baselines(checks):
    expected = {  # target, baseline, change, change %, flag
        "rd_intensity": (2.2, 1.95, 0.25, 12.82, None),
        "hte_count": (2000, 1950, 50, 2.56, None),
        "tech_sme_registered": (2200, 2360, -160, -6.78, "below_related"),
        "unicorn_gazelle_new": (20, 39, -19, -48.72, "below"),
        "city_basic_rd_platforms": (50, 49, 1, 2.04, None),
        "tech_contract_turnover": (110, 106.7, 3.3, 3.09, None),
        "high_level_talents+high_level_teams": (40, 40, 0, 0.0, "equal"),
        "hongcheng_projects_landed": (10, 10, 0, 0.0, "equal"),
        "major_projects": (20, 18, 2, 11.11, None),
    }
    for key, (t, b, ch, pct, flag) in expected.items():
        c = checks[key]
        assert c.target.value == pytest.approx(t) and c.baseline.value == pytest.approx(b), key
        assert c.change.value == pytest.approx(ch) and round(c.change_pct.value, 2) == pct, key
        assert c.flag == flag, key
    assert checks["rd_intensity"].period == 2021 and checks["rd_intensity"].baseline_period == 2020
    assert checks["hte_count"].baseline_kind == "estimate" and checks["hte_count"].qualifier == "at_least"
    assert checks["rd_intensity"].change.unit == "pp"
    assert checks["high_level_talents+high_level_teams"].target.value == 40      # 20 + 20
    assert checks["unicorn_gazelle_new"].below_baseline is True and checks["hte_count"].below_baseline is False


def test_real_unpaired_targets_and_status(checks):
    assert list(checks)[-2:] == ["ei_city_platforms_per_year", "ei_major_projects_per_year"]
    assert checks["ei_major_projects_per_year"].baseline is None
    assert checks["ei_major_projects_per_year"].change is None
    assert {c.status for c in checks.values()} == {"pending"}
    assert T.counts(checks.values()) == {"met": 0, "missed": 0, "pending": 11, "below": 2, "equal": 2,
                                         "total": 11}


def test_real_policy_figures():
    s = Summary.select("nanchang", 2021, DATA_DIR)
    pol = T.policy_figures(s, "nanchang")
    assert [(f.indicator, f.value) for f in pol] == [
        ("led_rd_subsidy_rate", 20), ("ei_rd_bonus_threshold", 2000), ("ei_rd_bonus_multiple", 1),
        ("rd_institution_subsidy_cap", 2000), ("rd_coverage_revenue_threshold", 3)]


# --- a constructed next-year summary: actuals for 2022 turn pending into met / missed -------------

TEXT_2022 = "2022年,全市高新技术企业数量达2100家。技术合同成交额105.5亿元。"


def _drop_selection(d: Path, city: str, year: int) -> None:
    """Remove the documents of (city, year) and their rows from a copy of data/."""
    src = pd.read_csv(d / "sources.csv", dtype=str, keep_default_na=False)
    gone = set(src.loc[(src["city"] == city) & (src["year"] == str(year)), "source"])
    if not gone:
        return
    src[~src["source"].isin(gone)].to_csv(d / "sources.csv", index=False, lineterminator="\n")
    for name in ("indicators", "coverage_exclusions", "target_baselines", "verdicts", "hte_review_rules",
                 "rd_institutions", "platform_system"):
        path = d / f"{name}.csv"
        if path.exists():
            df = pd.read_csv(path, dtype=str, keep_default_na=False)
            df[~df["source"].isin(gone)].to_csv(path, index=False, lineterminator="\n")


@pytest.fixture
def data_with_2022(tmp_path):
    d = Path(shutil.copytree(DATA_DIR, tmp_path / "data"))
    _drop_selection(d, "nanchang", 2022)  # the data may already hold a 2022 document: this test brings its own
    raw = d / "raw" / "nanchang_2022_test.txt"
    raw.write_bytes(TEXT_2022.encode("utf-8"))
    sha = hashlib.sha256(raw.read_bytes()).hexdigest()
    with (d / "sources.csv").open("a", encoding="utf-8") as fh:
        fh.write(f"nanchang_2022,test summary 2022,test,nanchang,2022,zh,,nanchang_2022_test.txt,{sha},"
                 "work_summary,2026-11-28,test,whole\n")
    with (d / "indicators.csv").open("a", encoding="utf-8") as fh:
        fh.write("hte_count,nanchang,2022,actual,2100,count,exact,nanchang_2022,高新技术企业数量达2100家,\n")
        fh.write("tech_contract_turnover,nanchang,2022,actual,105.5,cny_100m,exact,nanchang_2022,"
                 "技术合同成交额105.5亿元,\n")
    return d


def test_attainment_from_a_later_summary(data_with_2022):
    # the 2021 report cannot see a 2022 document; the 2022 report follows the 2021 summary's
    # 2022 targets to the 2022 outcomes
    early = {(x.target.indicator, x.period): x for x in T.track_record(Summary.select("nanchang", 2021, data_with_2022))}
    assert early[("hte_count", 2022)].status == "pending" and early[("hte_count", 2022)].reason == "year_open"
    s = Summary.select("nanchang", 2022, data_with_2022)
    got = {(x.target.indicator, x.period): x for x in T.track_record(s)}
    hte, contracts = got[("hte_count", 2022)], got[("tech_contract_turnover", 2022)]
    assert hte.outcome.value == 2100 and hte.status == "met"                                     # 2100 ≥ 2000
    assert hte.margin.value == 100 and hte.target.source == "nanchang_2021"
    assert contracts.outcome.value == 105.5 and contracts.status == "missed"                     # 105.5 < 110
    assert contracts.margin.value == pytest.approx(-4.5) and contracts.outcome.source == "nanchang_2022"
    assert contracts.margin_pct.value == pytest.approx(-4.0909, abs=1e-4)                       # 105.5/110 - 1
    assert got[("major_projects", 2022)].status == "unverifiable"          # 2022 is over; no outcome
    # 2021 R&D intensity is published in 2022: pending in the 2021 report, unverifiable in 2022's
    assert early[("rd_intensity", 2021)].status == "pending" and early[("rd_intensity", 2021)].reason == "lag"
    assert got[("rd_intensity", 2021)].status == "unverifiable" and got[("rd_intensity", 2021)].published == 2022
    verdicts = T.verdict_counts(list(got.values()))
    assert verdicts["met"] == 1 + 1 and verdicts["missed"] == 1 + 1        # + 2020 HTE met; 2020 intensity missed
    # the 2022 summary itself has no targets: an empty list, not an error
    assert T.check_targets(Summary.select("nanchang", 2022, data_with_2022)) == []


def test_derived_inputs_are_figures(checks):
    c = checks["city_basic_rd_platforms"]
    assert [f.indicator for f in figures_behind(c.change_pct)] == [
        "city_basic_rd_platforms", "city_key_lab_new", "city_engineering_center_new"]
    assert c.change_pct.formula == "(50 / 49 - 1) × 100"
    assert all(isinstance(f, Figure) for f in figures_behind(c.pct_of_baseline) + figures_behind(c.change))
    assert c.change_pct.quotes == [f.quote for f in figures_behind(c.change_pct)]


def test_derived_inputs_lead_to_the_figures(checks):
    # .inputs keep intermediate sums (their formulas are shown); figures_behind flattens them
    c = checks["city_basic_rd_platforms"]
    assert [f.indicator for f in figures_behind(c.change_pct)] == [
        "city_basic_rd_platforms", "city_key_lab_new", "city_engineering_center_new"]
    assert all(isinstance(f, Figure) for f in figures_behind(c.pct_of_baseline, c.change))


def test_table_text(checks):
    tab = targets_view.table(list(checks.values()), "en")
    row = tab[tab["Target"] == "High-tech enterprises (HTE), number"].iloc[0]
    assert (row["Period"], row["Target value"], row["Baseline period"], row["Baseline value"]) == (
        "2022", "≥2,000", "2021 (estimate)", "1,950")
    assert (row["Change needed"], row["Change needed, relative"], row["Status"]) == ("+50", "+2.56%", "pending")
    zh = targets_view.table(list(checks.values()), "zh")
    assert zh.iloc[1]["基数年份"] == "2021（预计）" and zh.iloc[0]["所需变化"] == "+0.25个百分点"
    assert zh.iloc[-1]["基数值"] == "未报告"
