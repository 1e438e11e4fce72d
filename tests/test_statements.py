"""The meaning rules of helpers.calc.statements: each wrong statement cannot be built, for any city
and year; and the catalogs write the same record in both languages with one number style."""
from __future__ import annotations

import re

import pytest

from helpers.calc.derive import difference, share_pct
from helpers.calc.statements import (
    Builder,
    Items,
    SeriesEvidence,
    Statement,
    Text,
    bound_of_change,
    bounded,
    check,
)
from helpers.data.figures import Figure
from helpers.errors import StatementError
from helpers.present import catalog


def fig(indicator="hte_count", value=1950.0, period=2021, kind="actual", unit="count", qualifier="exact",
        quote="", region="testcity", source="doc"):
    quote = quote or f"数量{value:g}家"
    return Figure(indicator, region, period, kind, value, unit, qualifier, quote, "", indicator, indicator,
                  "firm_cultivation", source)


MEASURES = {
    "tech_sme_applications": {"measure": "tech_sme_applications", "scope": "flow"},
    "tech_sme_registered": {"measure": "tech_sme_registered", "scope": "stock"},
    "loans": {"measure": "loans", "scope": "flow"},
    "loans_cumulative": {"measure": "loans", "scope": "cumulative"},
}
LINKS = (("hte_reported", "hte_applications"),)


@pytest.fixture
def b():
    return Builder(MEASURES, LINKS)


# --- kind: a target is never a level --------------------------------------------------------------

def test_a_target_cannot_be_stated_as_a_level(b):
    target = fig(value=1200, period=2019, kind="target", qualifier="at_least", quote="总数突破1200家")
    with pytest.raises(StatementError, match="target"):
        b.say("level", "level.x", x=target)


def test_a_policy_parameter_cannot_be_stated_as_a_level(b):
    with pytest.raises(StatementError, match="policy"):
        b.say("level", x=fig(indicator="led_rd_subsidy_rate", value=20, unit="percent", kind="policy"))


def test_an_estimate_is_a_level_and_a_target_enters_target_statements(b):
    assert b.say("level", x=fig(kind="estimate")).strength == "printed"
    target = fig(value=2000, period=2022, kind="target", qualifier="at_least")
    assert b.say("target_set", target=target).predicate == "target_set"
    with pytest.raises(StatementError, match="target figure"):
        b.say("target_set", target=fig())


def test_a_target_verdict_needs_an_actual_outcome_of_its_year(b):
    target = fig(indicator="rd_intensity", value=2.2, period=2021, kind="target", unit="percent")
    estimate = fig(indicator="rd_intensity", value=2.0, period=2021, kind="estimate", unit="percent")
    with pytest.raises(StatementError, match="actual"):
        b.say("target_outcome", target=target, verdict="missed", outcome=estimate)
    with pytest.raises(StatementError, match="outcome"):
        b.say("target_outcome", target=target, verdict="met")
    earlier = fig(indicator="rd_intensity", value=1.95, period=2020, unit="percent")
    with pytest.raises(StatementError, match="that year"):
        b.say("target_outcome", target=target, verdict="missed", outcome=earlier)
    ok = b.say("target_outcome", target=target, verdict="pending")
    assert ok.predicate == "target_outcome"


# --- measure: applications are not registrations ----------------------------------------------------

def test_applications_cannot_be_compared_with_registrations(b):
    registered = fig(indicator="tech_sme_registered", value=2200, period=2022, kind="target", qualifier="at_least")
    applied = fig(indicator="tech_sme_applications", value=2360)
    with pytest.raises(StatementError, match="one measure"):
        b.say("target_ambition", target=registered, baseline=applied, gap=difference(registered, applied))
    said = b.comparison("sme", fig(indicator="tech_sme_registered", value=2100), applied)
    assert said.predicate == "not_comparable"
    assert b.comparison("sme", fig(indicator="tech_sme_applications", value=2100, period=2020),
                        applied).predicate == "comparison"


def test_not_comparable_is_refused_for_one_measure(b):
    with pytest.raises(StatementError, match="one measure"):
        b.say("not_comparable", a=fig(value=1), b=fig(value=2))


# --- scope: a running total is not a year's flow ------------------------------------------------------

def test_a_running_total_cannot_be_compared_with_a_years_flow(b):
    year = fig(indicator="loans", value=3.22, unit="cny_100m", qualifier="approx")
    total = fig(indicator="loans_cumulative", value=5.33, unit="cny_100m")
    with pytest.raises(StatementError, match="scope"):
        b.say("comparison", a=year, b=total)
    with pytest.raises(StatementError, match="scope"):
        b.say("change", new=total, old=year)


def test_a_change_runs_forward_in_time(b):
    with pytest.raises(StatementError, match="forward"):
        b.say("change", new=fig(period=2020), old=fig(period=2021))


# --- links: a rate needs a declared numerator and denominator -------------------------------------

def test_a_rate_needs_linked_figures(b):
    reported, applied = fig(indicator="hte_reported", value=455), fig(indicator="hte_applications", value=1689)
    rate = share_pct(reported, applied)
    assert b.say("rate", numerator=reported, denominator=applied, rate=rate).strength == "implied"
    unlinked = fig(indicator="tech_sme_applications", value=2360)
    with pytest.raises(StatementError, match="no relation links"):
        b.say("rate", numerator=reported, denominator=unlinked, rate=share_pct(reported, unlinked))


# --- absolute words need evidence ---------------------------------------------------------------

def test_first_needs_a_quote_or_a_series(b):
    fall = fig(indicator="hte_count_growth", value=-5, unit="percent", kind="estimate")
    with pytest.raises(StatementError, match="'first'"):
        b.say("change", change=fall, absolute="first", evidence=fall)
    printed = fig(indicator="hte_count_growth", value=-5, unit="percent", quote="高新技术企业数量首次出现负增长")
    assert b.say("change", change=fall, absolute="first", evidence=printed) is not None
    assert b.say("change", change=fall, absolute="first", evidence=SeriesEvidence(True)) is not None
    with pytest.raises(StatementError, match="'only'"):
        b.say("level", x=fig(), absolute="only", evidence=SeriesEvidence(False))


# --- checks, lists, scenarios ---------------------------------------------------------------------

def test_no_verdict_about_checks_after_no_check(b):
    with pytest.raises(StatementError, match="at least one check"):
        b.say("check_result", "check_result.all_consistent", checked=0)
    assert b.say("check_result", "check_result.all_consistent", checked=3).strength == "printed"


def test_a_list_is_stated_whole(b):
    causes = Items((Text("a", "甲"), Text("b", "乙")))
    with pytest.raises(StatementError, match="whole"):
        b.say("list", items=causes, whole=4)
    assert b.say("list", items=causes, whole=2) is not None


def test_a_scenario_uses_the_actual_where_the_data_hold_it(b):
    target = fig(indicator="rd_intensity", value=2.2, period=2021, kind="target", unit="percent")
    with pytest.raises(StatementError, match="states its assumption"):
        b.say("scenario", target=target)
    assert b.say("scenario", target=target, assumption="gdp_growth").strength == "assumption"
    held = fig(indicator="gdp_growth", value=8.7, unit="percent")
    with pytest.raises(StatementError, match="the data hold gdp_growth"):
        b.say("scenario", target=target, held=held, assumption="gdp_growth")


def test_unknown_predicate_and_foreign_key_are_refused():
    with pytest.raises(StatementError, match="unknown predicate"):
        check("verdict", "verdict", {})
    with pytest.raises(StatementError, match="does not belong"):
        check("level", "change.x", {"x": fig()})


def test_a_missing_figure_states_nothing(b):
    assert b.say("level", x=None) is None
    assert b.out == []


# --- bounds: a change computed from a bound is a bound -------------------------------------------------

@pytest.mark.parametrize("new, old, expected", [
    ("at_least", "exact", "at_least"), ("exact", "at_least", "at_most"), ("at_most", "exact", "at_most"),
    ("exact", "exact", "exact"), ("approx", "exact", "approx"), ("at_least", "at_most", "at_least"),
    ("at_least", "approx", "at_least"), ("approx", "at_least", "at_most"),  # about keeps a bound a bound
])
def test_bound_of_a_change(new, old, expected):
    assert bound_of_change(fig(qualifier=new), fig(qualifier=old)) == expected


def test_two_floors_leave_no_bound():
    with pytest.raises(StatementError, match="unbounded"):
        bound_of_change(fig(qualifier="at_least"), fig(qualifier="at_least"))
    d = difference(fig(value=45, qualifier="at_least"), fig(value=38, qualifier="at_least"))
    assert bounded(d, fig(qualifier="at_least"), fig(qualifier="at_least")) is None  # no number stated


def test_a_floor_target_against_a_floor_level_states_both_figures_and_no_change(b):
    """超过38亿元 reached, 突破45亿元 targeted: no change, no percentage, no flag; the two figures."""
    level = fig(indicator="tech_contract_turnover", value=38, unit="cny_100m", period=2022, qualifier="at_least",
                quote="技术合同成交额超过38亿元")
    target = fig(indicator="tech_contract_turnover", value=45, unit="cny_100m", period=2023, kind="target",
                 qualifier="at_least", quote="技术合同成交额突破45亿元")
    s = b.say("target_set", "target_set.unbounded", target=target, level=level)
    en, zh = catalog.render(s, "en"), catalog.render(s, "zh")
    assert "more than CNY 4.5 bn" in en and "more than CNY 3.8 bn" in en and "no bound" in en
    assert "二者均为下限" in zh and "+" not in en + zh


def test_a_bound_stays_a_bound_in_both_languages(b):
    target = fig(value=2000, period=2022, kind="target", qualifier="at_least", quote="力争高新技术企业超过2000家")
    estimate = fig(value=1950, kind="estimate", quote="预计全年高新技术企业数量1950家")
    actual = fig(value=2054, period=2020, quote="2020年的2054家")
    up = bounded(difference(target, estimate), target, estimate)
    down = bounded(difference(target, actual), target, actual)
    st_up = Statement("change", "change", (("x", up),), "implied")
    st_down = Statement("change", "change", (("x", down),), "implied")
    # 超过 is kept as "more than" on the change it bounds; in Chinese a computed bound is 以上
    # wherever it stands (docs/zh_style.md), the printed target alone keeps 超过
    # (and a change from the 1950 the document expects is itself expected: 预计)
    assert _render("{x:change}", st_up, "en").startswith("up more than 50 (expected) (implied: 2000 - 1950)")
    assert _render("{x:change}", st_up, "zh").startswith("预计增加50家以上（推算：2000 - 1950）")
    # a floor on -54 is a ceiling on the fall: "down at most 54", never "down at least 54"
    assert _render("{x:change}", st_down, "en").startswith("down at most 54")
    assert _render("{x:change}", st_down, "zh").startswith("减少不超过54家")


def test_a_floor_against_an_approximate_level_stays_a_floor_and_says_about(b):
    """超过1100家 against 约1010家: more than about 90, never 'up about 90' and never a crash."""
    target = fig(value=1100, period=2023, kind="target", qualifier="at_least", quote="力争2023年高新技术企业超过1100家")
    level = fig(value=1010, period=2022, kind="estimate", qualifier="approx", quote="预计全年高新技术企业数量约1010家")
    st = Statement("change", "change", (("x", bounded(difference(target, level), target, level)),), "implied")
    assert _render("{x:change}", st, "en").startswith("up more than about 90 (expected)")
    assert _render("{x:change}", st, "zh").startswith("预计增加约90家以上")


# --- the catalogs --------------------------------------------------------------------------------

def _render(template, statement, lang):
    key = "test.template"
    catalog.messages(lang)[key] = template
    try:
        return catalog.render(Statement(statement.predicate, key, statement.slots, statement.strength), lang)
    finally:
        del catalog.messages(lang)[key]


def test_bound_words_are_the_documents():
    for quote, qualifier, en, zh in (("力争高新技术企业超过2000家", "at_least", "more than 2,000", "超过2000家"),
                                     ("研发投入增长20%以上", "at_least", "at least 2,000", "2000家以上"),
                                     ("每年设立15项左右的科技重大专项", "approx", "around 15", "15项左右"),
                                     ("帮助30家企业融资近2000家", "approx", "nearly 2,000", "近2000家")):
        value = 15 if "15" in quote else 2000
        f = fig(value=value, kind="target", qualifier=qualifier, quote=quote if str(value) in quote else f"{value}家以上")
        st = Statement("target_set", "target_set", (("x", f),), "printed")
        assert (_render("{x}", st, "en"), _render("{x}", st, "zh")) == (en.replace("2,000", f"{value:,}"), zh)


def test_a_fall_is_written_with_a_word_and_a_positive_number():
    fall = fig(indicator="hte_count_growth", value=-5, unit="percent", kind="estimate", quote="同比去年下降5%")
    st = Statement("change", "change", (("x", fall),), "printed")
    assert _render("{x:change}", st, "zh") == "下降5%"
    assert _render("{x:change}", st, "en") == "down 5%"
    pp = fig(indicator="rd_intensity_change", value=-0.09, unit="pp", quote="下降0.09个百分点")
    assert _render("{x:change}", Statement("change", "change", (("x", pp),), "printed"), "zh") == "下降0.09个百分点"


def test_years_are_not_grouped_and_counts_take_the_printed_measure_word():
    count = fig(value=3278, period=2021, quote="完成技术合同认定登记3278项")
    st = Statement("level", "level", (("x", count),), "printed")
    assert _render("{x.period}: {x}", st, "en") == "2021: 3,278"
    assert _render("{x.period}年{x}", st, "zh") == "2021年3278项"


def test_every_message_exists_in_both_languages_with_the_same_fields():
    en, zh = catalog.messages("en"), catalog.messages("zh")
    assert set(en) == set(zh), sorted(set(en) ^ set(zh))[:5]
    fields = re.compile(r"\{([a-z_]+)")
    for key in en:
        assert set(fields.findall(en[key])) == set(fields.findall(zh[key])), key


def test_chinese_messages_hold_no_english_words_and_no_negative_falls():
    for key, text in catalog.messages("zh").items():
        words = re.sub(r"\{[^}]*\}", "", text)
        assert not re.search(r"[A-Za-z]{3,}", re.sub(r"\b(?:LED|VR|GDP|R&D|MOST|HTE|SME)\b", "", words)), key
        assert not re.search(r"(下降|减少|降幅)[:：]?\s*-", words), key
        assert "我市" not in words, key


def test_a_printed_range_is_said_as_the_range_never_as_its_floor():
    r = fig(indicator="new_rd_institutions_new", value=1, kind="target", qualifier="at_least",
            quote="力争新增引进新型研发机构1-2家")
    assert (r.bound_word, r.range_upper, r.formatted("en"), r.formatted("zh")) == ("range", 2.0, "1–2", "1–2")
    st = Statement("target_set", "target_set", (("x", r),), "printed")
    assert (_render("{x}", st, "en"), _render("{x}", st, "zh")) == ("between 1 and 2", "1至2家")


def test_a_bound_computed_from_an_approximate_figure_is_approximate_and_no_finer():
    # 约70% × 1689 = 1182.3: 'at most about 1,183' (a ceiling rounds up); 1182.3 / 1234 = 95.81% is
    # written 96% (70% has no decimals)
    share = fig(indicator="hte_rejected_rd_expense_share", value=70, unit="percent", qualifier="approx", quote="约70%")
    apps = fig(indicator="hte_applications", value=1689, quote="申报1689家")
    from helpers.calc.derive import Derived
    upper = Derived(1182.3, "count", "70% × 1689", (share, apps), qualifier="at_most")
    pct = Derived(1182.3 / 1234 * 100, "percent", "1182.3 / 1234 × 100", (share, apps), qualifier="at_most")
    st = Statement("bound", "bound", (("x", upper), ("y", pct)), "implied")
    assert _render("{x:bare}; {y:bare}", st, "en") == "at most about 1,183; at most about 96%"
    assert _render("{x:bare}；{y:bare}", st, "zh") == "至多约1183家；至多约96%"


def test_a_count_without_a_printed_measure_word_takes_the_catalogs():
    # 总数达到1700: the quote prints no 家; the catalog's measure word for hte_count is 家
    bare = fig(value=1700, kind="target", quote="总数达到1700")
    assert bare.measure_zh == ""
    from dataclasses import replace
    assert replace(bare, catalog_measure_zh="家").measure_zh == "家"
    printed = replace(fig(value=3278, quote="登记3278项"), catalog_measure_zh="家")
    assert printed.measure_zh == "项"                      # the document's own word wins
    from helpers.data.figures import Summary
    from helpers.data.paths import DATA_DIR
    target = Summary.select("nanchang", 2020, DATA_DIR).get("hte_count", None, 2020, "target")
    st = Statement("target_set", "target_set", (("x", target),), "printed")
    assert target.quote == "总数达到1700" and _render("{x}", st, "zh") == "1700家"


def test_published_after_compares_at_the_precision_both_give():
    from helpers.data.selection import published_after
    lead = {"published": "2022-08"}
    assert published_after({"published": "2023-02"}, lead)
    assert not published_after({"published": "2022"}, lead)          # the same year: cannot tell
    assert not published_after({"published": "2022-01"}, lead)
    assert not published_after({"published": ""}, lead)              # unknown: not said to be later
    assert published_after({"published": "2021"}, {"published": "2020-11"})


def test_figures_published_after_the_leading_document_are_labelled_so():
    from helpers.data.figures import Summary
    from helpers.data.paths import DATA_DIR
    from helpers.sections import rd
    plan = Summary.select("nanchang", 2020, DATA_DIR)  # the 2020 plan came out in November 2020
    level = next(s for s in rd.analyse(plan).statements if s.key == "level.rd.expenditure")
    assert [t for t, _ in level.later] == ["南昌市“十四五”科技创新驱动发展规划"]
    assert "[From a document published after this one: 《" in catalog.render(level, "en")
    assert "【据此后发布的《" in catalog.render(level, "zh") and "（2021年发布）" in catalog.render(level, "zh")
    summary = Summary.select("nanchang", 2021, DATA_DIR)  # the 2021 summary came out in August 2022
    level = next(s for s in rd.analyse(summary).statements if s.key == "level.rd.expenditure")
    assert level.later == () and "published after" not in catalog.render(level, "en")


def test_an_implausible_figure_is_flagged_wherever_it_is_stated():
    # 1375.2亿元 of cover for 49 firms: 28.07亿元 a firm, 26,734× the subsidy, 24% of GDP, all implausible;
    # the subsidy per firm (10.50万元) is plausible and its statement carries no flag
    from helpers.data.figures import Summary
    from helpers.data.paths import DATA_DIR
    from helpers.sections import finance
    res = finance.analyse(Summary.select("nanchang", 2021, DATA_DIR))
    by_key = {s.key: s for s in res.statements}
    assert len(by_key["level.finance.insurance"].flags) == 3
    assert len(by_key["implied.finance.cover_per_firm"].flags) == 1
    assert by_key["implied.finance.subsidy_per_firm"].flags == ()
    assert "[Flag: implausible, check the source:" in catalog.render(by_key["level.finance.insurance"], "en")
    assert "【存疑】每家企业科技保险风险保障（推算）数值不合常理" in catalog.render(by_key["implied.finance.cover_per_firm"], "zh")


def test_the_flag_falls_on_the_figure_all_the_implausible_ones_share():
    # cover 1375.2亿 is behind all three implausible figures; 2021 GDP enters only the share of GDP,
    # so sentences about GDP and R&D carry no flag
    from helpers.data.figures import Summary
    from helpers.data.paths import DATA_DIR
    from helpers.sections import registry
    s = Summary.select("nanchang", 2021, DATA_DIR)
    flagged = {st.key for sts in registry.statements(registry.analyse_all(s)).values() for st in sts if st.flags}
    assert flagged == {"level.finance.insurance", "implied.finance.cover_per_firm", "implied.finance.cover_per_subsidy"}


def test_a_floor_on_a_fall_allows_a_rise_and_formulas_read_plainly():
    from helpers.calc.derive import Derived
    target = fig(value=2000, kind="target", qualifier="at_least", quote="力争高新技术企业超过2000家")
    gap = Derived(-54, "count", "2000 - 2054", (target,), qualifier="at_least")
    st = Statement("target_ambition", "t", (("x", gap),), "implied")
    assert _render("{x:change}", st, "en").startswith("down at most 54 (or up: the target is a floor)")
    assert _render("{x:change}", st, "zh").startswith("最多减少54家（目标为下限，也可能增加）") or \
        "也可能增加" in _render("{x:change}", st, "zh")
    back = Derived(913, "count", "455 - (-458)", (fig(value=455),))
    assert "455 + 458" in _render("{x}", Statement("implied", "i", (("x", back),), "implied"), "en")


# --- a reading of the text goes with the figure -----------------------------------------------------

def test_a_reading_of_the_text_is_said_once_a_section_and_pointed_back_to(b):
    from dataclasses import replace as _replace

    from helpers.calc.derive import ratio
    note = '"累计" is read here as the sum of the year\'s loans.'
    loans = _replace(fig("loans", 3.22, unit="cny_100m", quote="累计放贷资金约3.22亿元"), note=note)
    firms = fig("firms", 111)
    b.readings = {note: Text(note, "此处“累计”理解为当年放贷之和。")}
    first = b.say("level", "level.x", x=loans)
    assert [k for k, _ in first.notes] == ["note.reading"]
    text = dict(first.notes[0][1])["text"]
    assert "当年放贷之和" in catalog.message("note.reading", "zh").format(text=text("zh"))
    assert "read here" in catalog.message("note.reading", "en").format(text=text("en"))
    again = b.say("implied", "implied.x", x=ratio(loans, firms))
    assert [k for k, _ in again.notes] == ["note.reading.again"]
    assert b.say("level", "level.x", x=loans).notes == ()  # a printed restatement says nothing more
    unmarked = Builder(MEASURES, LINKS).say("level", "level.x", x=loans)  # not a reading: no note
    assert unmarked.notes == ()


def test_a_figure_in_a_quote_list_reads_as_the_prose():
    """The list of quotes under a paragraph writes a figure as the sentence does: a floor in words
    (超过1100家 / more than 1,100), a fall with its word (下降3%), never '>1100家' or '-3%'."""
    from helpers.present import numbers

    floor = fig(value=1100, period=2023, kind="target", qualifier="at_least", quote="力争2023年高新技术企业超过1100家")
    fall = fig(indicator="hte_count_change_pct", value=-3, unit="percent", quote="同比下降3%")
    assert numbers.listed(floor, "zh") == "超过1100家" and numbers.listed(floor, "en") == "more than 1,100"
    assert numbers.listed(fall, "zh") == "下降3%" and numbers.listed(fall, "en") == "down 3%"
    assert numbers.cell(floor, "zh") == "超过1100家"  # a table cell too (docs/zh_style.md)
    assert numbers.cell(floor, "en") == ">1,100"  # English tables keep the mark


def test_a_numbered_item_is_lowered_mid_sentence_but_a_name_keeps_its_capital():
    """'third, financial management…' (an item written as a sentence), but 'Nanchang lags' and
    'R&D…' keep their capitals: a region's name or an acronym is a name, whatever its list."""
    from helpers.present import numbers

    text = numbers.items(["Their core teams left.", "Financial management was weak", "Nanchang lags",
                          "R&D is low", "A subsidy on R&D expenses"], "en", numbered=True,
                         names=frozenset({"Nanchang"}))
    assert text == ("first, their core teams left; second, financial management was weak; "
                    "third, Nanchang lags; fourth, R&D is low; fifth, a subsidy on R&D expenses")


def test_a_printed_range_in_a_chinese_cell_reads_as_the_prose():
    from helpers.present import numbers

    r = fig(value=1, quote="新增新型研发机构1-2家", qualifier="at_least")
    assert r.bound_word == "range"
    assert numbers.cell(r, "zh") == "1至2家" and numbers.cell(r, "en") == "1–2"
