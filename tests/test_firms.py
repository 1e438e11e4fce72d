"""Firm cultivation and targets: expected values worked out by hand from the 2021 summary.

"全市科技型中小企业申请入库2360家,占全省的28.23%;全市申报高新技术企业1689家,占全省申报总数31.55%,
向科技部报备455家,占全省的31.55%,预计全年高新技术企业数量1950家" ... "新增39家企业入榜……占全省的25%";
"全省申报5354家,省高企办向科技部报备1452家"; 2022 targets: 超过2000家 / 超过2200家 / 新增……20.
The targets come from helpers.calc.targets (its own tests: tests/test_targets.py).
"""
from __future__ import annotations

import pytest

from helpers.calc import audit
from helpers.data.figures import Summary
from helpers.present import tables, targets_view
from helpers.sections import firms


@pytest.fixture(scope="module")
def s(summary):
    return summary


def _stub(s, drop):
    stub = Summary(s.dataset, s.source["source"])
    stub.rows = stub.rows[~stub.rows["indicator"].isin(drop)].reset_index(drop=True)
    return stub


@pytest.mark.parametrize("indicator, expected", [
    ("tech_sme_applications", 8359.90),   # 2360 / 0.2823
    ("hte_applications", 5353.41),        # 1689 / 0.3155
    ("hte_reported", 1442.16),            # 455 / 0.3155
    ("unicorn_gazelle_new", 156.0),       # 39 / 0.25
])
def test_province_total(s, indicator, expected):
    d = firms.province_total(s.get(indicator, period=2021), s.get(indicator + "_share_of_province", period=2021))
    assert d.value == pytest.approx(expected, abs=0.005)


def test_share_tolerance(s):
    assert firms.share_tolerance(s.get("hte_reported_share_of_province", period=2021)) == pytest.approx(0.005)
    assert firms.share_tolerance(s.get("unicorn_gazelle_new_share_of_province", period=2021)) == pytest.approx(0.5)


def test_printed_hte_applications_total_is_consistent(s):
    c = firms.check_printed_total(s.get("hte_applications", period=2021),
                                  s.get("hte_applications_share_of_province", period=2021),
                                  s.get("hte_applications", "jiangxi", 2021))
    assert c.consistent is True
    assert c.recomputed_share.value == pytest.approx(31.5465, abs=0.0001)   # 1689 / 5354
    assert c.difference == pytest.approx(0.59, abs=0.005)                   # 5354 - 5353.41


def test_printed_hte_reported_total_is_not(s):
    c = firms.check_printed_total(s.get("hte_reported", period=2021),
                                  s.get("hte_reported_share_of_province", period=2021),
                                  s.get("hte_reported", "jiangxi", 2021))
    assert c.consistent is False
    assert c.implied.value == pytest.approx(1442.16, abs=0.005)
    assert c.recomputed_share.value == pytest.approx(31.3361, abs=0.0001)   # 455 / 1452
    assert c.difference == pytest.approx(9.84, abs=0.005)                   # 1452 - 1442.16


def test_ladder(s):
    rungs = firms.ladder(s.get, 2021, "jiangxi")
    assert [r.indicator for r in rungs] == ["tech_sme_applications", "hte_applications", "hte_reported",
                                            "hte_count", "unicorn_gazelle_new"]
    assert [r.figure.value for r in rungs] == [2360, 1689, 455, 1950, 39]
    assert rungs[3].figure.kind == "estimate" and rungs[3].share is None and rungs[3].implied_province is None
    assert [r.check.consistent if r.check else None for r in rungs] == [None, True, False, None, None]
    assert rungs[4].implied_province.value == 156


def test_ladder_with_missing_figures(s):
    stub = _stub(s, ["hte_reported", "tech_sme_applications_share_of_province"])
    rungs = firms.ladder(stub.get, 2021)
    assert rungs[0].figure.value == 2360 and rungs[0].implied_province is None
    assert rungs[2].figure is None and rungs[2].check is None
    assert firms.province_total(None, None) is None
    assert firms.check_printed_total(rungs[1].figure, rungs[1].share, None) is None


def test_target_checks_firm_section(s):
    cmp = firms.target_checks(s)
    by = {c.target_expr: c for c in cmp}
    assert list(by) == ["hte_count", "tech_sme_registered", "unicorn_gazelle_new"]   # file order
    hte, sme, uni = by["hte_count"], by["tech_sme_registered"], by["unicorn_gazelle_new"]
    assert (hte.target.value, hte.baseline.value, hte.below_baseline) == (2000, 1950, False)
    assert hte.gap.value == 50 and hte.ratio_pct.value == pytest.approx(102.56, abs=0.005)  # 2000 / 1950
    assert (sme.baselines[0].indicator, sme.below_baseline, sme.comparability) == \
        ("tech_sme_applications", None, "related")
    assert sme.gap is None and sme.ratio_pct is None and sme.flag is None  # registrations vs applications
    assert uni.gap.value == -19 and uni.ratio_pct.value == pytest.approx(51.28, abs=0.005)   # 20 / 39
    assert uni.below_baseline is True


def test_target_checks_with_missing_baseline(s):
    stub = _stub(s, ["unicorn_gazelle_new"])
    by = {c.target_expr: c for c in firms.target_checks(stub)}
    assert "unicorn_gazelle_new" not in by                                    # no target: skipped
    stub = _stub(s, ["tech_sme_applications"])
    sme = {c.target_expr: c for c in firms.target_checks(stub)}["tech_sme_registered"]
    assert sme.baseline is None and sme.gap is None and sme.ratio_pct is None and sme.below_baseline is None


def test_reported_rate(s):
    d = firms.analyse(s)["reported_rate"]
    assert d.value == pytest.approx(26.94, abs=0.005)       # 455 / 1689 = 0.269390
    assert d.formula == "455 / 1689 × 100"
    assert d.value == audit.implied_figures(s)["hte_pass_rate_city"].value
    assert firms.analyse(_stub(s, ["hte_reported"]))["reported_rate"] is None


def test_analyse(s):
    res = firms.analyse(s)
    assert [r.figure.value for r in res.rungs] == [2360, 1689, 455, 1950, 39]
    assert [c.target_expr for c in res.comparisons] == ["hte_count", "tech_sme_registered", "unicorn_gazelle_new"]
    keys = {k[0]: k for k in res.key_figures}
    assert keys["tech_sme_applications_province"][1] == pytest.approx(8359.90, abs=0.005)   # 2360 / 0.2823
    assert keys["hte_reported_printed_total_consistent"][1] is False
    assert keys["hte_reported_rate"][1] == 26.94
    assert keys["target_hte_count_pct_of_baseline"][1] == pytest.approx(102.56, abs=0.005)


def test_ladder_table(s):
    df = tables.ladder_table(s, firms.ladder(s.get, 2021, "jiangxi"), "en")
    assert df.columns[2] == "Nanchang (firms)"
    assert df.iloc[:, 2].tolist() == [2360, 1689, 455, 1950, 39]
    # firms are whole, and about when the share's rounding leaves the units open: 2360 / 28.23%
    # allows 8358.4 to 8361.4, 39 / 25% allows 152.9 to 159.2; 455 / 31.55% (1441.9 to 1442.4) is 1442
    assert df.iloc[:, 4].tolist()[:3] == ["~8,360", "~5,353", 1442] and df.iloc[4, 4] == "~156"
    assert df["Check"].tolist() == ["", "consistent", "inconsistent", "", ""]
    zh = tables.ladder_table(s, firms.ladder(_stub(s, ["hte_reported"]).get, 2021), "zh")
    assert zh.columns[2] == "南昌（家）" and zh.iloc[2, 1] == "预计"  # a stage with no city figure: no row
    assert len(zh) == len(df) - 1


def test_targets_table(s):
    cmp = firms.target_checks(s)
    df = targets_view.table(cmp, "en", targets_view.BRIEF)
    assert df["Target as % of baseline (implied)"].tolist() == [">102.56%", "—", "51.28%"]  # 超过2000家
    assert df["Flag"].tolist() == ["", "", "below the latest known level"]  # unlike measures: no flag
    assert (df.iloc[0]["Baseline value"], df.iloc[0]["Baseline period"]) == ("1,950", "2021 (estimate)")
    assert df.iloc[0]["Target value"] == ">2,000"  # 超过2000家
    zh = targets_view.table(cmp, "zh", targets_view.BRIEF)
    assert zh.iloc[1]["可比性"] == "口径相近但不同"
    assert (zh.iloc[2]["基数值"], zh.iloc[2]["基数年份"]) == ("39家", "2021")  # with its measure word, as the prose writes it
    assert zh.iloc[1]["备注"].startswith("目标为入库科技型中小企业数")                # note_zh in Chinese


def test_a_change_printed_as_a_count_is_said_with_the_stock(tmp_path):
    # review 18: 全市高新技术企业数量为905家,较上年减少37家 had no indicator for the fall, so the
    # report gave 905 alone; hte_count_net_change holds it: the level and its change are one
    # sentence in both sections, and last year's 942 (905 - (-37)) is implied, not printed
    import shutil
    from pathlib import Path

    from helpers.data.load import load_dataset
    from helpers.data.paths import DATA_DIR
    from helpers.present import catalog
    from helpers.sections import hte
    from testkit import add_document
    d = Path(shutil.copytree(DATA_DIR, tmp_path / "data"))
    text = "九江市科技局2023年工作总结\n全市高新技术企业数量为905家,较上年减少37家。\n"
    add_document(d, "jiujiang_2023", "九江市科技局2023年工作总结", "九江市科学技术局", "jiujiang", 2023, text,
                 [("hte_count", 2023, "actual", 905, "count", "exact", "全市高新技术企业数量为905家"),
                  ("hte_count_net_change", 2023, "actual", -37, "count", "exact", "较上年减少37家")])
    s = Summary(load_dataset(d), "jiujiang_2023")
    level = [x for x in firms.analyse(s).statements if x.key.startswith("level.firms.hte_count")]
    assert [catalog.render(x, "zh", d) for x in level] == ["2023年高新技术企业905家，同比减少37家。"]
    assert catalog.render(level[0], "en", d) == "The city had 905 HTEs in 2023, down 37 on the year before."
    stock = [x for x in hte.analyse(s).statements if x.key.startswith("level.hte.stock")]
    assert [catalog.render(x, "zh", d) for x in stock] == ["文件所载2023年高新技术企业905家，同比减少37家。"]
    prev = {r.relation.check: r for r in audit.evaluate(s)}["hte_count_prev_from_change"]
    assert (prev.value, prev.period) == (942, 2022) and prev.label("zh") == "2022年九江高新技术企业数量（由增减数推算）"
