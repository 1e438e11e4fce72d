"""Notebook HTML: escaped, deterministic, localized; i18n covers every key in both languages."""
from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd
import pytest

from helpers.errors import SelectionError
from helpers.present import display, i18n


@dataclass
class Row:
    indicator: str
    name: str
    value: float | None
    unit: str
    quote: str
    note: str = ""


def test_i18n_every_key_has_both_languages():
    for key in i18n.KEYS:
        en, zh = i18n.t(key, "en"), i18n.t(key, "zh")
        assert en.strip() and zh.strip(), key
    assert i18n.t("not_reported", "zh") == "未报告"
    assert i18n.t("estimate", "zh") == "预计"
    assert i18n.t("unverifiable", "zh") == "无法核验"
    assert i18n.t("at_least", "zh") == "不低于"


def test_check_lang():
    assert i18n.check_lang("zh") == "zh"
    with pytest.raises(SelectionError) as err:
        i18n.check_lang("fr")
    assert str(err.value) == "lang must be one of en, zh; got 'fr'"


def test_unknown_key_names_key():
    with pytest.raises(KeyError, match="no_such_word"):
        i18n.t("no_such_word", "en")


def test_provenance_escapes_and_counts():
    rows = [Row("rd", "R&D spending", 111.77, "亿元", "研发投入支出达到111.77亿元", "<script>alert(1)</script>"),
            {"indicator": "x", "name": "Firms", "value": None, "unit": "count", "quote": "q", "note": None}]
    out = display.provenance_html(rows, "Work <summary>", "en")
    assert out.startswith('<details class="provenance"><summary>Source: Work &lt;summary&gt; — 2 figures')
    assert "<script>" not in out and "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert "<b>R&amp;D spending</b>: 111.77 亿元 — “研发投入支出达到111.77亿元”" in out
    assert "<b>Firms</b>: — count" in out  # a missing value is a dash, never words in a cell
    assert display.provenance(rows, "t", "en").data == display.provenance_html(rows, "t", "en")
    zh = display.provenance_html(rows[:1], "总结", "zh")
    assert "来源：总结 — 1项数据" in zh


def test_figures_of_several_documents_are_not_credited_to_the_leading_one():
    """A plan's section that rests on later documents (the 2020 plan's R&D figures come from the
    十四五 plan and a statistics review) counts its sources, and each figure names its own."""
    rows = [{"name": "R&D", "value": 111.77, "unit": "亿元", "quote": "q1", "document": "十四五规划"},
            {"name": "GDP", "value": 5745.51, "unit": "亿元", "quote": "q2", "document": "综述"},
            {"name": "Target", "value": 2, "unit": "%", "quote": "q3", "document": "工作要点"}]
    zh = display.provenance_html(rows, "工作要点", "zh")
    assert "<summary>来源：3份文件 — 3项数据</summary>" in zh and "工作要点 — " not in zh
    assert zh.count("［《") == 3  # every figure names its document, the leading one too
    en = display.provenance_html(rows[:1], "工作要点", "en")  # one document, not the leading one: named
    assert "<summary>Source: 十四五规划 — 1 figure</summary>" in en and "工作要点" not in en


def test_note_escapes():
    assert display.note("a < b & $5").data == '<p class="note">a &lt; b &amp; $5</p>'


def test_fmt_number():
    assert display.fmt_number(1234567.891) == "1,234,567.89"
    assert display.fmt_number(10.40) == "10.4"
    assert display.fmt_number(1950.0) == "1,950"
    assert display.fmt_number(-5) == "-5"
    assert display.fmt_number(math.nan, "zh") == "—"
    assert display.fmt_number("abc") == "abc"


def test_table_html_plain_escaped_no_index():
    df = pd.DataFrame({"name": ["高新 <b>", "x"], "value": [1689.0, math.nan], "n": [2360, 3278]},
                      index=[7, 9])
    out = display.table_html(df, caption="Table & caption", lang="zh")
    assert out == display.table_html(df, caption="Table & caption", lang="zh")
    assert out.startswith('<table class="nsr-table"><caption>Table &amp; caption</caption>')
    assert "<th>name</th><th>value</th><th>n</th>" in out
    assert "高新 &lt;b&gt;" in out and '<td class="num short">1689</td>' in out
    assert '<td class="num short">—</td>' in out and "2360" in out and "2,360" in display.table_html(df, lang="en")
    long = display.table_html(pd.DataFrame({"quote": ["一个很长的句子" * 3], "verdict": ["一致"]}), lang="zh")
    assert '<td class="short">一致</td>' in long and '<td class="short">一个很长' not in long  # a verdict stays whole
    assert ">7<" not in out and "id=" not in out
    assert display.table(df).data == display.table_html(df)
