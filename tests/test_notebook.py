"""helpers.present.notebook: where a section's figures came from, each quote once."""
from __future__ import annotations

import pytest

from helpers.data.paths import DATA_DIR
from helpers.present import notebook
from helpers.present.notebook import start


@pytest.fixture
def nb(tmp_path):
    return start("99", "nanchang", 2021, "en", DATA_DIR, tmp_path)


def cited(nb, figures, quotes=(), monkeypatch=None) -> str:
    shown = []
    monkeypatch.setattr(notebook, "display", shown.append)
    nb.cite(figures, quotes)
    return shown[0].data


def test_a_list_item_that_is_a_cited_figure_is_listed_once_with_its_value(nb, monkeypatch):
    # a plan's targets are both figures (with their values) and the items of the plan's list of
    # targets: the source line lists each quote once, with its value, and counts it once
    hte = nb.summary.get("hte_count", period=2022, kind="target")
    title = nb.summary.source_title(hte.source)
    html = cited(nb, [hte, hte], quotes=[(hte.name("en"), hte.quote, hte.source),
                                         ("another item", "another quote", hte.source)], monkeypatch=monkeypatch)
    assert html.count("<li>") == 2 and html.count(hte.quote) == 1
    assert "2,000" in html and "another quote" in html and f"{title} — 2 figures" in html


def test_the_other_part_is_headed_by_what_it_holds(nb, monkeypatch):
    # review 15 N3: a list the document gives (its causes) is no figure: a part holding only lists
    # is 文件所列其他事项 / "Other lists…", one holding both says both, one of figures keeps its heading
    from helpers.calc.statements import Statement
    shown = []
    monkeypatch.setattr(notebook, "display", shown.append)
    listed, level = Statement("list", "list.other", (), "printed"), Statement("level", "level.other.actual", (), "printed")
    for said, heading in (([listed], "Other lists the documents give"),
                          ([listed, level], "Other figures and lists the documents give"),
                          ([level], "Other figures the documents print")):
        assert nb.heading("others", said) and nb.part == heading
