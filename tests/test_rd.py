"""R&D input: every expected value below was worked out by hand from the 2021 summary.

"2020年,全市研发投入支出达到111.77亿元,占全省总量的25.95%,同比增长10.40%;研发投入强度……达到1.95%,
比上年提高0.14个百分点,高于全省平均水平0.27个百分点" and "给予999家企业2020年研发费用后补助2.32亿元".

The section's figures come from `rd.analyse(summary)`; those data/relations.csv defines are the
audit's (`audit.implied_figures`), so their formula texts are the audit's ("111.77 亿元 / 25.95%").
"""
from __future__ import annotations

from dataclasses import replace

import pytest

from helpers.calc import audit, derive
from helpers.calc.derive import figures_behind
from helpers.calc.result import key_row
from helpers.data.figures import Summary
from helpers.data.regions import region_name
from helpers.present import tables
from helpers.sections import rd


@pytest.fixture(scope="module")
def res(summary):
    return rd.analyse(summary)


@pytest.fixture(scope="module")
def f(summary):
    p = rd.rd_period(2021)
    names = ["rd_expenditure", "rd_expenditure_share_of_province", "rd_expenditure_growth", "rd_intensity",
             "rd_intensity_change", "rd_intensity_gap_to_province", "rd_intensity_rank",
             "rd_intensity_rank_change", "rd_statistics_coverage", "rd_post_subsidy_firms",
             "rd_post_subsidy_amount"]
    out = {n: summary.get(n, period=p) for n in names}
    out["target"] = summary.get("rd_intensity", period=2021, kind="target")
    return out


def _without(summary, *indicators):
    """The summary as a next-year document lacking some figures would give it."""
    stub = Summary(summary.dataset, summary.source["source"])
    stub.rows = stub.rows[~stub.rows["indicator"].isin(indicators)].reset_index(drop=True)
    return stub


def test_rd_period_is_the_year_before():
    assert rd.rd_period(2021) == 2020
    assert rd.rd_period("2022") == 2021


def test_inputs_are_the_printed_figures(f, res):
    assert f["rd_expenditure"].value == 111.77 and f["rd_expenditure"].period == 2020
    assert f["target"].value == 2.2 and f["target"].period == 2021
    assert f["rd_statistics_coverage"].value == 100
    assert f["rd_intensity_rank"].value == 3 and f["rd_intensity_rank_change"].value == 1
    # the result holds the same printed figures
    assert res.period == 2020 and res.target == f["target"]
    assert res["rd_expenditure"] == f["rd_expenditure"] and res.printed["rd_intensity_target"] == f["target"]


def test_province_rd(res):
    d = res["province_rd"]
    assert d.value == pytest.approx(430.71, abs=0.005)      # 111.77 / 0.2595
    assert d.unit == "cny_100m" and d.formula == "111.77 亿元 / 25.95%"


def test_previous_rd(res):
    d = res["previous_rd"]
    assert d.value == pytest.approx(101.24, abs=0.005)      # 111.77 / 1.104
    assert d.formula == "111.77 亿元 / (1 + 10.40%)"         # the growth as printed, trailing zero kept


def test_implied_gdp(res):
    d = res["gdp"]
    assert d.value == pytest.approx(5731.79, abs=0.005)     # 111.77 / 0.0195
    assert d.formula == "111.77 亿元 / 1.95%"


def test_intensities(res):
    prov, prev = res["province_intensity"], res["previous_intensity"]
    assert prov.value == pytest.approx(1.68) and prov.unit == "percent"   # 1.95 - 0.27
    assert prev.value == pytest.approx(1.81)                              # 1.95 - 0.14
    assert prov.formula == "1.95 - 0.27"


def test_province_gdp_from_two_implied_figures(res):
    d = res["province_gdp"]
    assert d.value == pytest.approx(25637.67, abs=0.01)     # 430.7129 / 0.0168
    # two implied figures, each as the report writes it: 约430.7亿元 (430.61 to 430.82) and 约1.68%,
    # never read as the printed 1.68% two sentences before
    assert d.formula == "约430.7 亿元 / 约1.68%"


def test_province_gdp_cites_the_four_printed_figures(res):
    # the inputs are the four printed figures, each once
    assert [x.indicator for x in figures_behind(res["province_gdp"])] == [
        "rd_expenditure", "rd_expenditure_share_of_province", "rd_intensity", "rd_intensity_gap_to_province"]


def test_implied_gdp_growth(summary, res):
    # 1.104 × 1.81 / 1.95 - 1 = 0.024739, but the printed figures' rounding allows 1.63% to 3.32%: a
    # range wider than half the value, so no number is stated (the audit shows the range)
    r = next(r for r in audit.evaluate(summary) if r.check == "city_gdp_growth")
    assert r.value == pytest.approx(2.47, abs=0.005) and not r.determined
    assert (r.interval.lo, r.interval.hi) == pytest.approx((1.63, 3.32), abs=0.005)
    assert res["gdp_growth"] is None


def test_previous_rank(res):
    d = res["previous_rank"]
    assert d.value == 4 and d.unit == "rank"                # 3rd, up 1 place


def test_target_gap(res):
    d = res["target_gap"]
    assert d.value == pytest.approx(0.25) and d.unit == "pp"  # 2.2 - 1.95


@pytest.mark.parametrize("g, expected", [(0, 12.82), (4, 17.33), (6, 19.59), (8, 21.85), (10, 24.10), (12, 26.36)])
def test_required_rd_growth(f, res, g, expected):
    # (1 + g) × 2.2 / 1.95 - 1; e.g. 1.08 × 1.128205 = 1.218462
    d = rd.required_rd_growth(f["rd_intensity"], f["target"], g)
    assert d.value == pytest.approx(expected, abs=0.005)
    assert d.formula == ("2.2 / 1.95 - 1" if g == 0 else f"(1 + {g}%) × 2.2 / 1.95 - 1")
    shown = res["rd_growth_needed_vs_gdp" if g == 0 else f"rd_growth_needed_gdp_{g}pct"]
    assert shown.value == pytest.approx(expected, abs=0.005) and shown.formula == d.formula


def test_required_rd_growth_over_two_years(f):
    # a target two years ahead: (1.1^2 × 2.2 / 1.95)^(1/2) - 1 = sqrt(1.365128) - 1 = 16.84%
    later = replace(f["target"], period=2022)
    d = rd.required_rd_growth(f["rd_intensity"], later, 10)
    assert d.value == pytest.approx(16.84, abs=0.005)
    assert "^(1/2)" in d.formula


def test_required_growth_table(summary, f, res):
    df = rd.analyse(summary, [4, 8]).scenarios
    assert list(df.columns) == ["gdp_growth", "gdp", "rd_needed", "rd_growth_needed"]
    values = {c: [x.value for x in df[c]] for c in ("gdp", "rd_needed", "rd_growth_needed")}
    assert values["rd_growth_needed"] == pytest.approx([17.33, 21.85], abs=0.005)
    assert values["gdp"] == pytest.approx([5961.07, 6190.34], abs=0.01)      # 5731.795 × 1.04, × 1.08
    assert values["rd_needed"] == pytest.approx([131.14, 136.19], abs=0.01)  # 2.2% × 5961.07, × 6190.34
    assert df["gdp"][0].formula == "约5730 亿元 × (1 + 4%)" and df["rd_needed"][0].formula.startswith("2.2% × ")
    direct = rd.required_growth_table(res["gdp"], f["rd_intensity"], f["target"], [4, 8])
    assert [[x.value for x in direct[c]] for c in values] == list(values.values())


def test_break_even_gdp_growth(res):
    d = res["break_even_gdp_growth"]
    assert d.value == pytest.approx(-2.15, abs=0.005)       # 1.104 × 1.95 / 2.2 - 1 = -0.021455


def test_subsidy(res):
    per = res["subsidy_per_firm"]
    assert per.value == pytest.approx(23.22, abs=0.005) and per.unit == "cny_10k"   # 2.32e8 / 999 = 232,232 元
    assert per.formula == "2.32 亿元 / 999"                   # 232,232 元 = 23.22 万元
    share = res["subsidy_share_of_rd"]
    assert share.value == pytest.approx(2.08, abs=0.005)    # 2.32 / 111.77 = 0.020757


def test_figures_read_from_the_audit(summary, res):
    implied = audit.implied_figures(summary)
    for name, check in rd.FROM_AUDIT.items():
        assert (res[name] and res[name].value) == (implied[check] and implied[check].value), name


def test_missing_inputs_give_none(f):
    x = f["rd_expenditure"]
    assert derive.implied_total(x, None) is None
    assert derive.previous_level(None, f["rd_expenditure_growth"]) is None
    assert derive.difference(f["rd_intensity"], None) is None
    assert derive.share_pct(f["rd_post_subsidy_amount"], None) is None
    assert derive.per_unit(None, f["rd_post_subsidy_firms"]) is None
    assert rd.required_rd_growth(f["rd_intensity"], None, 8) is None
    assert rd.break_even_gdp_growth(None, f["rd_intensity"], f["target"]) is None
    df = rd.required_growth_table(None, f["rd_intensity"], None, [4, 8])
    assert df["rd_growth_needed"].isna().all() and df["gdp"].isna().all() and len(df) == 2


def test_summary_lacking_figures_gives_none(summary):
    # a next-year document without the shares, growth, gap, rank change and subsidy count: nothing raises
    stub = _without(summary, "rd_expenditure_share_of_province", "rd_expenditure_growth",
                    "rd_intensity_gap_to_province", "rd_intensity_rank_change", "rd_post_subsidy_firms")
    res = rd.analyse(stub)
    for name in ("province_rd", "previous_rd", "province_intensity", "province_gdp", "gdp_growth",
                 "previous_rank", "subsidy_per_firm", "break_even_gdp_growth"):
        assert res[name] is None, name
    assert res["gdp"].value == pytest.approx(5731.79, abs=0.005)
    assert res["subsidy_share_of_rd"].value == pytest.approx(2.08, abs=0.005)
    assert ("province_rd", None, "", "not reported") in res.key_figures


def test_summary_lacking_a_figure(summary):
    # a next-year document without the intensity: everything built on it is None, nothing raises
    stub = _without(summary, "rd_intensity")
    assert stub.get("rd_intensity", period=2020) is None
    res = rd.analyse(stub)
    assert res.target is None
    for name in ("gdp", "province_intensity", "previous_intensity", "province_gdp", "target_gap",
                 "gap_in_years", "rd_growth_needed_vs_gdp", "rd_growth_needed_gdp_8pct", "break_even_gdp_growth"):
        assert res[name] is None, name
    assert res.scenarios["rd_growth_needed"].isna().all() and res.scenarios["gdp"].isna().all()
    assert res["province_rd"].value == pytest.approx(430.71, abs=0.005)


def test_gap_in_years_of_gain(f, res):
    d = res["gap_in_years"]
    assert d.value == pytest.approx(1.79, abs=0.005)        # 0.25 / 0.14 = 1.7857
    assert d.formula == "0.25 / 0.14"  # no ASCII pp in Chinese text
    assert [(x.indicator, x.kind) for x in figures_behind(d)] == [          # the printed figures behind it
        ("rd_intensity", "target"), ("rd_intensity", "actual"), ("rd_intensity_change", "actual")]
    assert rd.gap_in_years_of_gain(None, f["rd_intensity_change"]) is None


def test_region_name():
    assert region_name("jiangxi", "zh") == "江西" and region_name("nanchang") == "Nanchang"
    assert region_name("jiangxi") == "Jiangxi" and tables.region_name("nanchang", "zh") == "南昌"
    assert region_name("ganzhou") == "Ganzhou"


def test_key_row(f, res):
    d = res["province_rd"]
    assert key_row("x", d) == ("x", 430.71, "cny_100m", "implied: 111.77 亿元 / 25.95%")
    assert key_row("y", None) == ("y", None, "", "not reported")
    assert key_row("z", f["rd_intensity"]) == ("z", 1.95, "percent", "printed")
    assert ("province_rd", 430.71, "cny_100m", "implied: 111.77 亿元 / 25.95%") in res.key_figures


def test_printed_table(summary):
    df = tables.printed_table(summary, "rd_input", "en")
    assert list(df.columns) == ["Indicator", "Region", "Period", "Kind", "Value (with unit)"]
    assert len(df) == 13 and df.iloc[0].tolist() == ["R&D expenditure", "Nanchang", "2020", "actual", "CNY 11.177 bn"]
    row = df[df["Indicator"].str.startswith("R&D intensity, places gained")].iloc[0]
    assert row["Value (with unit)"] == "1"                    # "提升1位", not "1st"
    zh = tables.printed_table(summary, "rd_input", "zh")
    assert zh.iloc[0].tolist() == ["研发经费投入", "南昌", "2020", "实际", "111.77亿元"]
    assert zh.iloc[4].tolist()[3:] == ["目标", "2.2%"]
    assert tables.printed_value(None, "zh") == "未报告"


# --- statements ----------------------------------------------------------------------------------
# The full 2021 selection also holds the 2021 GDP (6650.53 亿元, a statistics release) and the 2019 and
# 2020 GDP; `summary` (the work summary alone) holds none, so its target needs an assumption.

from helpers.calc.statements import Builder  # noqa: E402
from helpers.errors import StatementError  # noqa: E402
from helpers.present import catalog  # noqa: E402


@pytest.fixture(scope="module")
def full():
    return Summary.select("nanchang", 2021)


@pytest.fixture(scope="module")
def said(full):
    return {s.key: s for s in rd.analyse(full).statements}


def test_levels_name_the_year_the_figures_describe(said):
    # "2020年,全市研发投入支出达到111.77亿元": the 2021 summary speaks of 2020
    st = said["level.rd.expenditure"]
    assert st["x"].value == 111.77 and st["x"].period == 2020 and st.strength == "printed"
    assert catalog.render(st, "en") == "In 2020, Nanchang spent CNY 11.177 bn on research and development (R&D)."
    assert catalog.render(st, "zh") == "2020年，南昌研发经费投入111.77亿元。"
    assert catalog.render(said["change.rd.intensity"], "zh") == "2020年研发投入强度比上年提高0.14个百分点。"
    for s in rd.analyse(Summary.select("nanchang", 2021)).statements:
        if s.topic == "levels" and s.key != "rank.rd.other_indicators":
            assert max(f.period for f in s.figures) == 2020, s.key   # never the selection's year by assumption


def test_rank_is_stated_from_the_printed_rank_and_places_gained(said):
    st = said["rank.rd.intensity.up"]
    assert (st["rank"].value, st["gained"].value, st["prev"].value) == (3, 1, 4)   # 3rd, up 1: 4th before (3 + 1)
    assert st.strength == "implied"
    assert catalog.render(st, "zh") == "2020年南昌研发投入强度居江西全省第3位，比上年提升1位（上年为第4位，系推算）。"
    other = said["rank.rd.other_indicators"]          # "其余指标均排名全省第一": the quote prints 均
    assert other.absolute == "all" and other["x"].value == 1


def test_every_or_first_needs_the_quote(said):
    b = Builder()
    unquoted = replace(said["rank.rd.other_indicators"]["x"], quote="其余指标排名全省第一")
    with pytest.raises(StatementError, match="'all' needs a quote"):
        b.say("rank", "rank.rd.other_indicators", x=unquoted, absolute="all",
              evidence=unquoted)


def test_implied_figures_give_way_to_published_ones(said, full):
    # Jiangxi's R&D: 111.77 / 25.95% = 430.71 implied, 430.72 published by the provincial statistics
    checks = [s for s in rd.analyse(full).statements if s.key.startswith("check_result.rd.published")]
    printed = {(s["printed"].indicator, s["printed"].region): s["printed"].value for s in checks}
    assert printed == {("rd_expenditure", "jiangxi"): 430.72, ("gdp", "nanchang"): 5745.51,
                       ("rd_intensity", "jiangxi"): 1.68, ("gdp", "jiangxi"): 25691.5}
    assert all(s.key.endswith(".consistent") and s["checked"] == 1 for s in checks)
    # what nothing publishes stays implied, dated the year it stands for: 2019 = 111.77 / 1.104
    prev = said["implied.rd.previous_rd"]
    assert prev["at"].year == 2019 and prev["x"].value == pytest.approx(101.24, abs=0.005)
    # 111.765 / 1.10405 to 111.775 / 1.10395 is 101.23 to 101.25: about, the hundredths open
    assert "2019年南昌研发经费投入约为101.24亿元" in catalog.render(prev, "zh")


def test_gdp_growth_comes_from_the_printed_gdp_when_held(said, full):
    # 5745.51 / 5596.18 - 1 = 2.67% (printed GDP), not the 2.47% the rounded intensities imply
    levels = [s for s in rd.analyse(full).statements if s.key.startswith("change.rd.gdp")]
    assert [round(s["change"].value, 2) for s in levels] == [2.67, 15.75]          # 6650.53 / 5745.51 - 1
    # 2020's GDP comes from the 2023 review, 2019's and 2021's from other documents: said to mix
    # vintages; 2021's printed real growth (8.7%, comparable prices) stands beside the nominal 15.75%
    assert [[k for k, _ in s.notes] for s in levels] == [
        ["note.change.two_documents"], ["note.change.two_documents", "note.change.printed_growth"]]
    assert dict(levels[1].notes[1][1])["growth"].value == 8.7
    en = catalog.render(levels[1], "en")
    assert "up 15.75% at current prices" in en and "prints GDP, growth on the previous year (as published) for 2021 as 8.7%" in en
    assert "implied.rd.gdp_growth" not in said


def test_the_target_uses_the_actual_gdp_of_its_year(said):
    # 2.2% × 6650.53 = 146.31 亿元 of R&D in 2021; 146.31 / 111.77 - 1 = 30.90%
    st = said["target_ambition.rd.needed"]
    assert st["needed"].value == pytest.approx(146.31, abs=0.005)
    assert st["growth"].value == pytest.approx(30.90, abs=0.005)
    assert st["gdp"].period == 2021 and st["gdp"].kind == "actual" and st["rd"].period == 2020
    assert st.strength == "implied" and not st.assumption
    assert not [k for k in said if k.startswith("scenario.")]                     # no assumption where the data hold it
    assert said["target_ambition.level"]["baseline"].period == 2020              # the last known level, not 2021


def test_a_scenario_on_an_assumed_gdp_is_refused_where_the_gdp_is_held(said):
    target, base, gdp = said["target_ambition.rd.needed"]["target"], said["target_ambition.level"]["baseline"], \
        said["target_ambition.rd.needed"]["gdp"]
    b = Builder()
    with pytest.raises(StatementError, match="the data hold gdp"):
        b.say("scenario", "scenario.rd.gdp_range", target=target, baseline=base, held=gdp, g_lo=4, g_hi=12,
              lo=rd.required_rd_growth(base, target, 4), hi=rd.required_rd_growth(base, target, 12),
              assumption="gdp_growth_range")


def test_without_the_target_years_gdp_the_range_is_an_assumption(summary):
    st = {s.key: s for s in rd.analyse(summary).statements}
    rng = st["scenario.rd.gdp_range"]
    assert rng.strength == "assumption" and rng.assumption == "gdp_growth_range"
    assert (rng["lo"].value, rng["hi"].value) == (pytest.approx(17.33, abs=0.005), pytest.approx(26.36, abs=0.005))
    be = st["scenario.rd.break_even.fall"]                     # 1.104 × 1.95 / 2.2 - 1 = -2.15%: a fall
    assert be["be"].value == pytest.approx(-2.15, abs=0.005) and be.assumption == "rd_growth_as_before"
    assert "target_ambition.rd.needed" not in st
    # no printed GDP, and the implied 2.47% is 1.63% to 3.32%: no number is stated (section 10 gives the range)
    assert "implied.rd.gdp_growth" not in st


def test_a_target_is_never_a_level(said):
    with pytest.raises(StatementError, match="target"):
        Builder().say("level", "level.rd.intensity", x=said["target_ambition.level"]["target"], city="x")


def test_post_subsidy_names_the_expenses_it_subsidises(said):
    # "给予999家企业2020年研发费用后补助2.32亿元": 2020 R&D expenses; 2.32e8 / 999 = 23.22 万元 a firm
    st = said["level.rd.post_subsidy"]
    assert st["amount"].period == 2020 and st["firms"].value == 999
    assert catalog.render(st, "zh") == "对999家企业2020年研发费用给予后补助2.32亿元。"
    per = said["implied.rd.subsidy_per_firm"]["per"]
    assert per.value == pytest.approx(23.22, abs=0.005) and per.unit == "cny_10k"


def test_a_post_subsidy_whose_quote_names_no_expense_year_is_dated_by_its_payment(said):
    """"全年为356家企业兑现研发费用后补助近1.2亿元" names no year of expenses: the row's year is the
    year it was paid, and no design word (普惠性) the document does not print is added."""
    from dataclasses import replace
    st = said["level.rd.post_subsidy"]
    assert rd.names_expense_year(st["amount"])
    amount = replace(st["amount"], period=2023, value=1.2, qualifier="approx", quote="兑现研发费用后补助近1.2亿元")
    assert not rd.names_expense_year(amount)
    paid = Builder().say("level", "level.rd.post_subsidy.paid", amount=amount, firms=replace(st["firms"], value=356))
    assert catalog.render(paid, "zh") == "2023年为356家企业兑现研发费用后补助近1.2亿元。"
    assert "inclusive" not in catalog.render(paid, "en") and "普惠" not in catalog.render(paid, "zh")


def test_the_printed_table_holds_the_selections_figures_and_those_its_statements_use():
    """Nanchang 2021: Jiangxi's R&D expenditure (430.72亿元) is listed, a statement sets Nanchang's
    share against it; Jiangxi's fiscal S&T spending, which no statement uses, is not (it stays in
    the appendix with its document); every figure of the 2021 summary is."""
    summary = Summary.select("nanchang", 2021)
    df = tables.printed_table(summary, "rd_input", "zh")
    rows = set(zip(df["指标"], df["地区"], df["时期"]))
    assert ("研发经费投入", "江西", "2020") in rows
    assert not any(name.startswith("公共财政科学技术支出") and region == "江西" for name, region, _ in rows)
    own = [f for f in summary.figures("rd_input") if f.source in summary.own]
    assert len(own) <= len(df) < len(summary.figures("rd_input"))


def test_the_intensity_chart_draws_its_target_as_a_target(summary):
    # review 20: the 2.2% target of 2021 was a bar like the levels reached; it is drawn open and
    # hatched in the target colour, the levels filled
    import matplotlib.pyplot as plt
    from matplotlib.colors import to_hex

    from helpers.present import plots, rd_view
    res = rd.analyse(summary)
    fig = rd_view.intensity_chart(res, summary, "zh", "t")
    bars = fig.axes[0].patches
    labels = [lab for lab, _ in rd_view.intensity_labels(res, summary, "zh")]
    plt.close(fig)
    roles = [role for role, _, _ in res.intensities]
    assert "target" in roles and len(bars) == len(labels) == len(roles)
    for bar, role in zip(bars, roles):
        target = role == "target"
        assert (bar.get_hatch() == "//") == target
        assert (to_hex(bar.get_edgecolor()) == to_hex(plots.TARGET_COLOR)) == target
