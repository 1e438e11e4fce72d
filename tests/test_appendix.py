"""Section 12, the appendix: every document the report cites, stated whole (how many figures it
prints, all of them listed with their quotes). The 2021 summary prints 107 figures; the 2019 report
cites the 2021 summary for the outcomes of the 2019 targets, so it lists it as a later document."""
import pytest

from helpers.calc.statements import Builder, Items, Text
from helpers.data.figures import Summary
from helpers.errors import StatementError
from helpers.present import appendix_view, catalog
from helpers.sections import appendix


@pytest.fixture(scope="module")
def res():
    return {y: (Summary.select("nanchang", y), appendix.analyse(Summary.select("nanchang", y)))
            for y in (2019, 2021)}


def test_each_document_is_stated_whole(res):
    s, r = res[2021]
    own = r.documents["own"]
    assert [(src, len(figs)) for src, figs, _ in own] == [("nanchang_2021", 107), ("nanchang_2021_gdp_news", 2)]
    st = own[0][2]
    # review 18: the document prints numbers the data do not hold (coverage_exclusions.csv: 11 of
    # them): the appendix says how many figures it holds and how many numbers it leaves, never "every"
    assert st.key == "list.appendix.document.excluded" and st["n"] == st["whole"] == 107 and st["left"] == 11
    assert st.sources == ("nanchang_2021",)
    en, zh = catalog.render(st, "en"), catalog.render(st, "zh")
    assert "The data hold 107 figures" in en and "not hold as figures: 11" in en and "every" not in en.lower()
    assert "所载数据107项" in zh and "另有11处数字未收录为数据" in zh and "全部" not in zh
    assert r.key_figures == [("figures:nanchang_2021", 107, "count", "rows of indicators.csv"),
                             ("figures:nanchang_2021_gdp_news", 2, "count", "rows of indicators.csv")]


def test_every_document_the_report_cites_is_listed(res):
    s, r = res[2021]
    listed = [src for topic in r.documents.values() for src, _, _ in topic]
    assert set(s.documents) <= set(listed)
    s19, r19 = res[2019]
    assert [src for src, _, _ in r19.documents["own"]] == ["nanchang_2019_plan"]
    assert [src for src, _, _ in r19.documents["later"]] == ["nanchang_2021"]
    assert r19.documents["own"][0][2].key.startswith("list.appendix.document.opening")


def test_a_document_no_statement_rests_on_is_not_listed():
    """The 2020 plan year draws on the Jiangxi 2020 bulletin (a parent region's document) in its pool,
    but no statement of its report rests on it: the appendix, which lists the documents the report
    cites, leaves it out, and every document it lists is cited by some statement."""
    from helpers.sections import registry
    s = Summary.select("nanchang", 2020)
    results = registry.analyse_all(s)
    r = appendix.analyse(s, results)
    listed = [src for topic in r.documents.values() for src, _, _ in topic]
    cited = {src for sts in registry.statements(results).values() for st in sts for src in st.sources}
    assert "jiangxi_2020_bulletin" in s.documents and "jiangxi_2020_bulletin" not in listed
    assert set(listed) <= cited | set(s.own)


def test_the_table_lists_every_figure_with_its_quote(res):
    s, r = res[2021]
    src, figs, _ = r.documents["own"][0]
    table = appendix_view.document_table(s, figs, "zh")
    assert len(table) == 107 and list(table.columns)[5] == "原文"
    assert list(table["原文"]) == [f.quote for f in figs] and all(table["原文"])
    # a quote that lost its measure word (市级重点实验室20,) keeps the catalog's in the value cell,
    # as the prose writes it: 20家, never a bare 20 (review 14 M24)
    lab = table[table["原文"] == "市级重点实验室20,"]
    assert list(lab["数值"]) == ["20家"]


def test_a_document_stated_in_part_is_refused():
    with pytest.raises(StatementError, match="whole"):
        Builder().say("list", "list.appendix.document", items=Items((Text("a", "a"),)), whole=2, n=2,
                      title=Text("t", "t"), kind="k", year=Text("2021", "2021"))


def test_a_later_document_is_listed_by_the_figures_the_report_cites():
    """The 2019 report takes a few figures of the 2021 summary (outcomes of 2019 targets, the 2018
    HTE level): the appendix lists those, not the 107 figures that summary prints."""
    from helpers.data.figures import Summary
    from helpers.sections import appendix as section
    s = Summary.select("nanchang", 2019)
    [(source, figures, st)] = section.analyse(s).documents["later"]
    assert source == "nanchang_2021" and st.key == "list.appendix.document.cited"
    assert 0 < len(figures) < 20 and ("hte_count", 2018) in {(f.indicator, f.period) for f in figures}


def test_documents_are_earlier_or_later_by_when_they_came_out():
    """The 2016-2020 review published in 2023 is a later document of the 2021 report (as its
    sections label it), dated by its publication, not an earlier one."""
    res = appendix.analyse(Summary.select("nanchang", 2021))
    groups = {k: [x[0] for x in v] for k, v in res.documents.items()}
    assert "nanchang_2020_stats_review" in groups["later"]
    assert "nanchang_2020_stats_review" not in groups["earlier"]
    st = next(x[2] for x in res.documents["later"] if x[0] == "nanchang_2020_stats_review")
    assert "（2023年发布）" in catalog.render(st, "zh")
