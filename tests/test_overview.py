"""Section 1, the overview: hand-worked from the 2021 summary ("2020年,全市研发投入支出达到111.77亿元,
占全省总量的25.95%"; "研发投入强度...达到1.95%"; "除研发投入强度排名全省第三外,其余指标均排名全省第一")
and from the plan-only years, which report no main indicator of their own year."""
import pytest

from helpers.data.figures import Summary
from helpers.present import catalog, overview_view
from helpers.sections import overview


@pytest.fixture(scope="module")
def res():
    return {y: (Summary.select("nanchang", y), overview.analyse(Summary.select("nanchang", y)))
            for y in (2019, 2020, 2021)}


def keys(r):
    return [s.key for s in r.statements]


def test_2021_states_the_scorecard_the_verdicts_and_the_shares(res):
    _, r = res[2021]
    assert keys(r) == ["level.overview.rd", "caveat.overview.lag", "rank.overview.all_but_one",
                       "list.overview.verdicts", "share.overview.range", "caveat.overview.repeated_share"]
    by = {s.key: s for s in r.statements}
    assert (by["level.overview.rd"]["x"].value, by["level.overview.rd"]["y"].value) == (111.77, 1.95)
    assert by["caveat.overview.lag"]["x"].period == 2020 and by["caveat.overview.lag"]["other"].period == 2021
    assert (by["share.overview.range"]["lo"].value, by["share.overview.range"]["hi"].value,
            by["share.overview.range"]["n"]) == (25, 49.5, 9)
    verdicts = by["list.overview.verdicts"]
    assert verdicts["whole"] == len(verdicts["items"]) == 6 and verdicts.sources == ("nanchang_2021",)


def test_a_plan_year_states_no_level_it_does_not_hold(res):
    assert keys(res[2019][1]) == []          # nothing to state: the section is left out of the report
    _, r = res[2020]
    assert keys(r) == ["level.overview.rd"]  # R&D 2020 as the five-year plan prints it, an actual
    st = r.statements[0]
    assert {f.kind for f in st.figures} == {"actual"} and st.sources == ("nanchang_fyp_2021_2025",)


def test_the_scorecard_holds_only_actuals(res):
    for year, (_, r) in res.items():
        for card in r.cards:
            assert card["value"] is None or card["value"].kind == "actual", (year, card)


def test_the_chinese_writes_no_scorecard_and_ranks_with_wei(res):
    s, r = res[2021]
    text = "".join(catalog.render(st, "zh") for st in r.statements)
    table = overview_view.scorecard_table(r.cards, "zh", s, city="南昌", province="江西")
    assert "记分卡" not in text + catalog.message("heading.overview.scorecard", "zh")
    assert "居全省第1位" in text and "第3位" in text
    assert list(table["数值"])[2:4] == ["2360家", "1689家"]
    # review 17: which indicators 其余指标均排名全省第一 covers is the report's reading, and says so
    assert list(table.iloc[:, -1]) == ["第1位（解读）", "第3位", "第1位（解读）", "第1位（解读）", "第1位（解读）",
                                       "第1位（解读）"]


def test_key_figures_are_unchanged(res):
    s, r = res[2021]
    en = overview_view.key_rows(s, r.cards, "en", province="Jiangxi")
    zh = overview_view.key_rows(s, r.cards, "zh", province="江西")
    # R&D lags a year: the box says so beside the name (the other rows are the selection's year)
    assert en[0] == ("R&D expenditure (2020)", "111.77", "cny_100m", "25.95% of Jiangxi; rank 1st (as read)")
    assert en[1] == ("R&D intensity (R&D expenditure / GDP) (2020)", "1.95", "percent", "rank 3rd in Jiangxi")
    assert zh[0][0] == "研发经费投入（2020年）"
    assert zh[2] == ("科技型中小企业申请入库数", "2360", "家", "占全省28.23%，全省排名第1位（解读）")
    assert zh[4][2] == "项"


def test_a_key_figure_known_only_from_a_later_document_says_so(res):
    """The 2020 plan-year box holds 2020 R&D only because later documents print it: the box says
    the year and that it comes from a later document, as the prose does."""
    s, r = res[2020]
    zh = overview_view.key_rows(s, r.cards, "zh", province="江西")
    en = overview_view.key_rows(s, r.cards, "en", province="Jiangxi")
    assert zh[0][0] == "研发经费投入（2020年，据此后文件）"
    assert en[0][0] == "R&D expenditure (2020, from a later document)"
