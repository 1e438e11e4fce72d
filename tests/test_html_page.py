"""The page's own words: the key-figures box and the list of downloads, in the page's language."""
from helpers.build import html


def test_key_figure_bounds_read_as_the_prose_in_chinese():
    """The title page's box writes a bound as the overview does (超过38亿元), never '>38亿元'."""
    assert html._value(">38", "cny_100m", "zh") == "超过38亿元"
    assert html._value("≥1200", "家", "zh") == "1200家以上"
    assert html._value("约1010", "家", "zh") == "约1010家"
    assert html._value("106.7", "cny_100m", "zh") == "106.7亿元"
    assert html._value(">38", "cny_100m", "en") == ">CNY 3.8 bn"


def test_downloads_are_the_pages_tables_labelled_by_caption_and_section_heading(tmp_path):
    """The reader is offered the tables of the sections the page shows, each with a row, labelled by
    the caption it is shown with or, for statements, the section's heading; not the key figures (ids
    for programs), not an empty table, not a table of a section left out. Every figure comes first."""
    (tmp_path / "tables").mkdir()
    (tmp_path / "captions").mkdir()
    files = {"10_checks.csv": "a\n1\n", "10_statements.csv": "a\n1\n", "10_key_figures.csv": "a\n1\n",
             "10_empty.csv": "a\n", "01a_statements.csv": "a\n1\n", "11_other.csv": "a\n1\n",
             "11_statements.csv": "a\n"}
    for name, text in files.items():
        (tmp_path / "tables" / name).write_text(text, encoding="utf-8")
    (tmp_path / "captions" / "10.csv").write_text("file,caption\n10_checks.csv,全部核验项目\n",
                                                  encoding="utf-8")
    tables = html.table_captions(tmp_path)
    assert tables == {"01a_statements.csv": "", "10_checks.csv": "全部核验项目", "10_statements.csv": ""}
    sections = [("主要判断", ""), ("1. 概览", ""), ("10. 数据核验：文件数据的内部一致性", "")]
    labels = dict(html.table_labels(tables, sections, "zh", lead=True))
    assert labels == {"figures.csv": "本报告收录的所选文件数据", "01a_statements.csv": "主要判断：报告表述",
                      "10_checks.csv": "全部核验项目", "10_statements.csv": "10. 数据核验：报告表述"}
    en = dict(html.table_labels(tables, [("Key judgements", ""), ("10. Audit: arithmetic", "")], "en", lead=True))
    assert en["10_statements.csv"] == "10. Audit: the report's statements"
    tables["10_other.csv"] = ""
    assert dict(html.table_labels(tables, sections, "zh", lead=True))["10_other.csv"] == "10_other.csv"


def test_a_document_published_after_the_leading_one_is_said_to_be_later_on_the_title_page():
    """A plan-only year's selection holds documents about its year that came out later (a five-year
    plan of 2021, a review of 2023): the title page says so, as the statements resting on them do."""
    lead = {"title": "2020年南昌市科技工作要点", "published": "2020-03"}
    later = {"title": "“十三五”时期南昌市经济社会发展综述", "published": "2023-02"}
    same = {"title": "南昌市2020年国民经济和社会发展计划的报告", "published": "2020"}
    assert html._document(lead, lead, "zh") == "《2020年南昌市科技工作要点》"
    assert html._document(same, lead, "en") == same["title"]  # 2020 against 2020-03: not known to be later
    assert html._document(later, lead, "zh") == "《“十三五”时期南昌市经济社会发展综述》（2023年2月发布，晚于第一份文件）"
    assert html._document(later, lead, "en") == "“十三五”时期南昌市经济社会发展综述 (published 2023-02, after the first)"


def test_a_page_font_cut_from_the_base_font_is_the_same_bytes_as_from_the_full_font():
    """The base font (GB2312, cut once when make installs the environment) only makes pages faster:
    a subset cut from it is byte for byte the one cut from the 16 MB font, and a character it lacks
    (䶮) sends the cut to the full font."""
    import pytest

    from helpers.present import fonts
    if not fonts.base_font_path().is_file():
        pytest.skip("the environment has no base font (make installs it)")
    chars = "".join(sorted(set("南昌市2021年高新技术企业1950家") | set(fonts._ALWAYS)))
    assert fonts._cut(fonts.base_font_path(), chars, "woff") == fonts._cut(fonts.cjk_font_path(), chars, "woff")
    assert fonts._source(chars) == fonts.base_font_path() and fonts._source(chars + "䶮") == fonts.cjk_font_path()
