"""Class 7, messages: an address written in a note's text (shown escaped, it loads nothing) does
not stop the build as a network reference, while markup that would load one still does."""
from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from helpers.build import html as report_html

NOTE = "the bulletin's page, url(http://example.org/x.png) and <img src=\"http://example.org\">"


def notebook_with(tmp_path: Path, html: str) -> Path:
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x", outputs=[
        nbformat.v4.new_output("display_data", data={"text/html": html})])])
    path = tmp_path / "07_web.ipynb"
    nbformat.write(nb, path)
    return path


def test_an_address_in_a_notes_text_is_text(tmp_path):
    note = report_html.provenance_note({"source": "s1", "quotes": [NOTE], "note": NOTE},
                                       {"s1": {"title": "T"}}, "en")
    path = notebook_with(tmp_path, note + f"<p>{NOTE.replace('<', '&lt;')}</p>")
    title, body = report_html.section(path, "en", {}, report_html.exporter(), tmp_path)
    assert "url(http://example.org/x.png)" in body and "&lt;img src=" in body
    assert report_html.network_references(body) == []


@pytest.mark.parametrize("markup", [
    '<img src="https://example.org/x.png">',
    '<img srcset="a.png 1x, //example.org/b.png 2x">',
    '<div style="background: url( \'http://example.org/x.png\')">x</div>',
    '<style>@import "https://example.org/x.css";</style>',
    '<style>p { background: url(//example.org/x.png) }</style>',
    '<a href="http://example.org">x</a>',
])
def test_markup_that_loads_an_address_stops_the_build(tmp_path, markup):
    path = notebook_with(tmp_path, markup)
    with pytest.raises(report_html.OfflineError, match="07_web.ipynb"):
        report_html.section(path, "en", {}, report_html.exporter(), tmp_path)
