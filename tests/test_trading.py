"""helpers.sections.trading against figures worked out by hand from the 2021 summary and the 2019 plan.

2021: "完成技术合同认定登记3278项,技术合同成交额106.7亿元,分别占全省49.5%25.8%"; 2022 plan:
"力争全市技术合同登记额突破110亿元" (登记额, registered value: not 成交额, turnover);
"南昌科技广场2020年9月运营至2021年底,已组织……活动174场,……1531项,促成62项……,963项,促成技术交易额4.21亿元";
the alliance: "197家成员单位入盟……133人……活动40余场,共有20项科技成果成功拍卖,成交金额达2985万元".
2019 plan: "力争技术合同成交额突破50亿元,继续保持10%以上的增长速度".
"""
from dataclasses import replace

import pytest

from helpers.calc import audit
from helpers.calc.derive import figures_behind
from helpers.calc.statements import Builder, comparable, scope_of
from helpers.data.figures import Summary
from helpers.data.paths import DATA_DIR
from helpers.errors import StatementError
from helpers.present.catalog import render
from helpers.sections import trading


@pytest.fixture(scope="module")
def m(summary):
    return trading.analyse(summary)


def _without(summary, drop):
    """The summary as a document lacking some figures would give it: drop(rows) marks the rows to remove."""
    stub = Summary(summary.dataset, summary.source["source"])
    stub.rows = stub.rows[~drop(stub.rows)].reset_index(drop=True)
    return stub


def said(m, topic):
    return [s for s in m.statements if s.topic == topic]


def test_city_average_contract(m):
    # 106.7 亿元 = 1,067,000 万元; / 3278 contracts = 325.50 万元
    assert m["city_average"].unit == "cny_10k"
    assert m["city_average"].value == pytest.approx(325.50, abs=0.005)
    assert m["city_average"].formula == "106.7 亿元 / 3278"


def test_implied_province(summary, m):
    assert m["province_count"].value == pytest.approx(6622.22, abs=0.005)      # 3278 / 0.495
    assert m["province_turnover"].value == pytest.approx(413.57, abs=0.005)    # 106.7 / 0.258
    # 4,135,659 万元 / 6622.22 = 624.51 万元 per contract
    assert m["province_average"].value == pytest.approx(624.51, abs=0.005)
    assert m["city_average_vs_province"].value == pytest.approx(52.12, abs=0.005)  # 325.50 / 624.51
    assert m["province_average"].value == audit.implied_figures(summary)["jiangxi_tech_contract_avg"].value
    assert len(figures_behind(m["province_average"])) == 4


def test_rest_of_province(m):
    # (413.57 - 106.7) 亿元 = 3,068,659 万元 over (6622.22 - 3278) = 3344.22 contracts = 917.60 万元
    assert m["rest_average"].value == pytest.approx(917.60, abs=0.005)
    # the implied province figures as the report writes them: 约414亿元 (412.57 to 414.57) and
    # 约6620项 (6615 to 6629), never 413.57 or a fractional 6622.22 contracts
    assert m["rest_average"].formula == "(约414 亿元 - 106.7 亿元) / (约6620 - 3278)"  # implied inputs as written


def test_averages_found_through_relations(m):
    got = {(a.amount, a.count, a.scope): a.check for a in m.averages}
    assert got[("tech_contract_turnover", "tech_contract_count", "city")] == "tech_contract_avg"
    assert got[("tech_contract_turnover", "tech_contract_count", "province")] == "jiangxi_tech_contract_avg"
    assert got[("alliance_auction_value", "alliance_auction_items", "city")] == "auction_value_per_item"


def test_contract_statements(m):
    st = {s.key: s for s in said(m, "contracts")}
    assert list(st) == ["level.trading.contract_count", "level.trading.contract_turnover",
                        "share.trading.contract_count", "share.trading.contract_turnover",
                        "rate.trading.average_contract", "implied.trading.province_totals",
                        "implied.trading.province_average", "implied.trading.average_vs_province"]
    assert st["level.trading.contract_count"]["x"].value == 3278 and st["level.trading.contract_count"].strength == "printed"
    rate = st["rate.trading.average_contract"]
    assert (rate["numerator"].indicator, rate["denominator"].indicator) == ("tech_contract_turnover", "tech_contract_count")
    assert rate.strength == "implied"
    # 106.7亿元 is 106.65 to 106.75亿元: 325.35 to 325.66万元 a contract, so the hundredths are not known
    assert render(rate, "zh") == "平均每项合同成交额约325.5万元（推算：106.7 亿元 / 3278）。"
    cmp = st["implied.trading.average_vs_province"]
    assert cmp["ratio"].value == pytest.approx(52.12, abs=0.005) and cmp.strength == "implied"
    # the two shares (25.8%, 49.5%) fix the ratio to 25.75 / 49.55 = 51.97% .. 25.85 / 49.45 = 52.27%
    assert "相当于全省平均水平的52.1%左右（推算：" in render(cmp, "zh") and "about 52.1% (implied: " in render(cmp, "en")


def test_averages_of_different_measures_cannot_be_compared(m, summary):
    by = {(a.amount, a.scope): a for a in m.averages}
    contracts, auctions = by[("tech_contract_turnover", "province")], by[("alliance_auction_value", "city")]
    with pytest.raises(StatementError, match="different measures"):
        trading.compare_averages(Builder.for_summary(summary), auctions, contracts, "nanchang", "jiangxi")


def test_a_rate_of_unlinked_figures_cannot_be_built(summary):
    # results published and results landed are printed side by side: no relation makes them a funnel
    b = Builder.for_summary(summary)
    with pytest.raises(StatementError, match="no relation links"):
        b.say("rate", "rate.trading.average_contract", numerator=summary.get("plaza_results_landed"),
              denominator=summary.get("plaza_results_published"), rate=summary.get("plaza_events"))


def test_registered_value_target_is_not_turnover(m, summary):
    tgt = said(m, "targets")
    assert [s.key for s in tgt] == ["not_comparable.target"]
    s = tgt[0]
    assert (s["target"].indicator, s["target"].value, s["target"].qualifier) == ("tech_contract_registered_value", 110,
                                                                                 "at_least")
    assert s["level"].indicator == "tech_contract_turnover" and s["level"].value == 106.7
    assert not comparable(s["target"], s["level"], Builder.for_summary(summary).catalog)
    assert "口径不同，不作对比" in render(s, "zh") and "登记额" in render(s, "zh")


def test_a_registered_value_target_cannot_be_held_against_turnover(summary):
    c = trading.targets.check_targets(summary, section="technology_trading")[0]
    assert c.comparability == "related"
    with pytest.raises(StatementError, match="one measure"):
        Builder.for_summary(summary).say("target_ambition", "target_ambition.level", target=c.targets[0],
                                         baseline=c.baselines[0],
                                         gap=trading.targets.change_needed(c.targets[0], c.baselines[0]),
                                         pct=trading.targets.pct_of_baseline(c.targets[0], c.baselines[0]))
    assert c.change is None and c.change_pct is None and c.flag is None  # nor in the tables


def test_plaza_figures_are_running_totals(m, summary):
    plaza = said(m, "plaza")
    assert plaza[0].key == "caveat.trading.plaza_running_total"
    assert [s.key for s in plaza[1:]] == [f"level.trading.{i}.cumulative" for i in trading.PLAZA]
    assert [s["x"].value for s in plaza[1:]] == [174, 1531, 62, 963, 4.21]
    catalog = Builder.for_summary(summary).catalog
    assert all(scope_of(s["x"], catalog) == "cumulative" for s in plaza[1:])
    assert "自运营以来截至2021年底的累计数，不是当年发生数" in render(plaza[0], "zh")
    assert render(plaza[3], "zh") == "累计促成62项技术成果落地南昌。"
    assert not any(s.predicate in ("rate", "change") for s in plaza)   # no landing rate: 62 / 1531 is no funnel


def test_a_running_total_cannot_be_stated_as_a_change(summary):
    f = summary.get("plaza_events")
    with pytest.raises(StatementError, match="running total"):
        Builder.for_summary(summary).say("change", "change.x", new=f, old=replace(f, period=2020))


def test_alliance(m):
    """The alliance's figures belong to running-total measures (measures.csv), but their quotes do not
    date them (no 累计, 以来) and their rows carry no reading: they are stated as printed, with no
    period claimed, and no caveat calls them running totals (the plaza's rows are dated)."""
    al = said(m, "alliance")
    assert [s.key for s in al] == ["level.trading.alliance_members.stock",
                                   "level.trading.alliance_experts.stock", "level.trading.undated",
                                   "level.trading.undated", "level.trading.undated", "rate.trading.auction_per_item"]
    assert al[-1]["rate"].value == pytest.approx(149.25, abs=1e-9)    # 2985 / 20
    zh = render(al[2], "zh")
    assert "40场" in zh and "文件未说明统计时段" in zh and "累计" not in zh and "以来" not in zh
    assert al[2]["x"].qualifier == "at_least"                           # 40余场 stays a bound
    assert said(m, "plaza")[0].key == "caveat.trading.plaza_running_total"


def test_key_figures(m):
    rows = {r[0]: r for r in m.key_figures}
    assert not any("registered_value" in r[0] for r in m.key_figures)  # 登记额 is not 成交额: no change
    assert rows["plaza landing rate"][1] == pytest.approx(4.05, abs=0.005)   # 62 / 1531, kept as a key figure only
    assert rows["plaza deal value per published need"][1] == pytest.approx(43.72, abs=0.005)  # 42,100 万元 / 963


def test_2019_plan_states_its_targets_only():
    m = trading.analyse(Summary.select("nanchang", 2019, DATA_DIR))
    assert {s.topic for s in m.statements} == {"targets"}
    [st] = m.statements  # the year's targets with no level before them, in one sentence
    assert st.key == "target_set.no_level.many"
    assert [(f.indicator, f.value) for f in st["targets"].figures] == [
        ("tech_contract_turnover", 50), ("tech_contract_turnover_growth", 10)]  # 成交额: turnover, as printed


def test_2020_plan_states_nothing():
    # the 2020 plan's text is cut off at "力争技术合同成交额": no figure, so no statement of its own;
    # the later five-year plan's 2020 outcomes (patents) are stated as printed, labelled as later
    said = trading.analyse(Summary.select("nanchang", 2020, DATA_DIR)).statements
    assert {s.topic for s in said} == {"others"} and all(s.later for s in said)
    assert not any(f.source == "nanchang_2020_plan" for s in said for f in s.figures)


def test_missing_share_leaves_statements_out(summary):
    stub = _without(summary, lambda r: r["indicator"].isin(
        ["tech_contract_turnover_share_of_province", "plaza_results_landed"]))
    m = trading.analyse(stub)
    assert m["province_turnover"] is None and m["province_average"] is None and m["rest_average"] is None
    assert m["city_average_vs_province"] is None and m["plaza_landing_rate"] is None
    assert m["province_count"].value == pytest.approx(6622.22, abs=0.005)
    keys = [s.key for s in m.statements]
    assert "implied.trading.province_totals" not in keys and "implied.trading.average_vs_province" not in keys
    assert "rate.trading.average_contract" in keys and "level.trading.plaza_results_landed.cumulative" not in keys
    assert trading.average_contract(None, None) is None


def test_an_undated_running_total_names_no_year_anywhere(m, summary):
    # review 17: the prose says the document does not date the alliance's figures, but the appendix
    # gave them 2021 and the implied table "Auction proceeds per result sold in 2021": every cell and
    # label of such a figure (Figure.period_unstated) says the period is not stated, in both languages
    from helpers.present import audit_view, numbers
    items, value = summary.get("alliance_auction_items"), summary.get("alliance_auction_value")
    assert items.period_unstated and value.period_unstated
    assert not summary.get("plaza_events").period_unstated          # 运营至…: dated by its own quote
    assert not summary.get("kedaitong_loans_cumulative").period_unstated  # 已累计…, with its note
    assert (numbers.year(items, "zh"), numbers.year(items, "en")) == ("2021（统计时段未说明）", "2021 (period not stated)")
    implied = {r.relation.check: r for r in audit.implied(audit.evaluate(summary))}["auction_value_per_item"]
    assert (implied.label("zh"), implied.label("en")) == (
        "每项拍卖成果成交额（推算，统计时段未说明）", "Auction proceeds per result sold (implied; period not stated)")
    assert "2021" not in audit_view.implied_table([implied], "zh").iloc[0, 0]
