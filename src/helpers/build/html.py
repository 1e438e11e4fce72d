"""One self-contained HTML page per language, built from the executed notebooks.

Offline by construction: nbconvert's 'basic' template (no CDN scripts), images inline as data:
URIs, CSS inline, a CJK font subset inline when helpers.present.fonts is available. Deterministic: only
the notebooks' outputs and the data go in (no paths, timestamps or random ids).
"""
from __future__ import annotations

import csv
import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

from helpers.build import downloads
from helpers.calc.intervals import decimals_of
from helpers.data import selection
from helpers.data.regions import region_name
from helpers.data.units import format_value, is_money, unit_word

TEMPLATES = Path(__file__).parent / "templates"
LANGS = {"en": "en", "zh": "zh-CN"}
HIDDEN_TAGS = {"remove-cell", "parameters", "injected-parameters"}
UI = {
    "en": {"kicker": "Annual review", "contents": "Contents", "source": "Source",
           "quotes": "quotes", "key_figures": "Key figures", "figure": "Figure", "value": "Value",
           "unit": "Unit", "note": "Note", "city": "City", "year": "Year",
           "publisher": "Publisher", "document": "Document", "documents": "Documents",
           "later_doc": "{title} (published {published}, after the first)",
           "title": "{city} {year}: the science and technology bureau's documents, checked",
           "language": "English", "all_reports": "All reports", "downloads": "Downloads",
           "workbook": "Workbook (Excel): the figures and tables", "csv": "Tables as CSV (UTF-8)",
           "to_contents": "Back to contents", "page_footer": "Page {page} of {pages}",
           "statements": "the report's statements",
           "all_figures": "The figures of the selection's documents the data hold"},
    "zh": {"kicker": "年度评析", "contents": "目录", "source": "来源", "quotes": "条原文",
           "key_figures": "主要指标", "figure": "指标", "value": "数值", "unit": "单位", "note": "说明",
           "city": "城市", "year": "年度", "publisher": "发布机构", "document": "原文", "documents": "原文",
           "later_doc": "{title}（{published}发布，晚于第一份文件）",
           "title": "{city}{year}年科技工作文件：数据核对与分析",
           "language": "中文", "all_reports": "全部报告", "downloads": "数据下载",
           "workbook": "数据表（Excel）：报告数据和表格", "csv": "CSV表格（UTF-8）",
           "to_contents": "返回目录", "page_footer": "第 {page} 页，共 {pages} 页",
           "statements": "报告表述",
           "all_figures": "本报告收录的所选文件数据"},
}
# An address off the machine (http:, https:, protocol-relative //host), in an attribute that loads
# it, or in CSS (url(), @import) of a style element or attribute; a page's text is not looked at.
OFF_MACHINE = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)
CSS_NETWORK_REF = re.compile(r"""(?:url\(\s*["']?|@import\s+["'])\s*(?:[a-z][a-z0-9+.-]*:)?//""",
                             re.IGNORECASE)
URL_ATTRIBUTES = {"src", "href", "xlink:href", "action", "formaction", "poster", "data",
                  "background", "srcset"}
HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$", re.MULTILINE)


class OfflineError(ValueError):
    """A notebook's output refers to a network address, so the report would not work offline."""


def read_sources(data_dir: Path) -> dict[str, dict]:
    with open(Path(data_dir) / "sources.csv", newline="", encoding="utf-8") as f:
        return {row["source"]: row for row in csv.DictReader(f)}


class _References(HTMLParser):
    """Network addresses in a page's markup (tags and style), read with the standard library's
    parser: a note whose text mentions url(http://…) is text, shown escaped, and loads nothing."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.in_style = False

    def handle_starttag(self, tag, attrs):
        self.in_style = tag == "style"
        for name, value in attrs:
            value = value or ""
            urls = value.split(",") if name == "srcset" else [value]
            if ((name in URL_ATTRIBUTES and any(OFF_MACHINE.match(u) for u in urls))
                    or (name == "style" and CSS_NETWORK_REF.search(value))):
                self.found.append(f"{name}={value[:60]}")

    def handle_endtag(self, tag):
        self.in_style = False

    def handle_data(self, data):
        if self.in_style:
            self.found += [data[m.start():m.end() + 40] for m in CSS_NETWORK_REF.finditer(data)]


def network_references(page: str) -> list[str]:
    parser = _References()
    parser.feed(page)
    parser.close()
    return parser.found


def provenance_note(prov, sources: dict[str, dict], lang: str) -> str:
    """HTML note under a figure or table: its source document, and the quotes (also on hover)."""
    items = prov if isinstance(prov, list) else [prov]
    parts = []
    for item in items:
        if not isinstance(item, dict):
            continue
        row = sources.get(str(item.get("source", "")), {})
        doc = row.get("title") or str(item.get("source", ""))
        if row.get("publisher"):
            doc += f" ({row['publisher']})"
        quotes = [str(q) for q in item.get("quotes", []) if str(q)]
        hover = html.escape(" | ".join(quotes), quote=True)
        lis = "".join(f"<li><q>{html.escape(q)}</q></li>" for q in quotes)
        summary = f"{UI[lang]['source']}: {html.escape(doc)}"
        if quotes:
            summary += f" · {len(quotes)} {UI[lang]['quotes']}"
        note = f"<p class=\"prov-note\">{html.escape(str(item['note']))}</p>" if item.get("note") else ""
        parts.append(f'<details class="provenance" title="{hover}"><summary>{summary}</summary>'
                     f'<ol class="quotes">{lis}</ol>{note}</details>')
    return "".join(parts)


def _keep_cell(cell, lang: str) -> bool:
    tags = set(cell.get("metadata", {}).get("tags", []))
    other_langs = {f"lang-{code}" for code in LANGS if code != lang}
    return not (tags & HIDDEN_TAGS or tags & other_langs)


def _title(nb) -> str:
    """The section title: the first Markdown heading, in a Markdown cell or a Markdown output."""
    for cell in nb.cells:
        texts = [cell.source] if cell.cell_type == "markdown" else [
            o.get("data", {}).get("text/markdown", "") for o in cell.get("outputs", [])]
        for text in texts:
            text = "".join(text) if isinstance(text, list) else text
            match = HEADING.search(text)
            if match:
                return re.sub(r"[*_`]", "", match.group(1)).strip()
    return ""


def prepare(nb, lang: str, sources: dict[str, dict]):
    """Drop hidden and other-language cells, stderr and removed outputs; add provenance notes."""
    import nbformat

    nb.cells = [c for c in nb.cells if _keep_cell(c, lang)]
    title = _title(nb)
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        tags = set(cell.metadata.get("tags", []))
        outputs = []
        for out in [] if "remove-output" in tags else cell.outputs:
            if out.output_type == "stream" and out.get("name") == "stderr":
                continue
            if "image/png" in out.get("data", {}):  # a chart without its own description: the section's
                meta = out.setdefault("metadata", {}).setdefault("image/png", {})
                meta["alt"] = meta.get("alt") or title
            outputs.append(out)
            prov = out.get("metadata", {}).get("provenance")
            if prov:
                outputs.append(nbformat.v4.new_output(
                    "display_data", data={"text/html": provenance_note(prov, sources, lang)}))
        cell.outputs = outputs
    return nb


def exporter():
    from nbconvert import HTMLExporter

    return HTMLExporter(template_name="basic", exclude_input=True, exclude_input_prompt=True,
                        exclude_output_prompt=True, embed_images=True)


def _no_value(row: dict) -> bool:
    """A key-figure row whose value the documents do not report."""
    return (row.get("value") or "").strip() in ("", "not reported")


def states_nothing(path: Path) -> bool:
    """True when the executed notebook recorded no statement (tables/NN_statements.csv has no row):
    the selection holds nothing the section speaks about, so the report leaves it out."""
    number = Path(path).name.split("_")[0]
    table = Path(path).parent.parent / "tables" / f"{number}_statements.csv"
    if not table.exists():
        return False
    with open(table, newline="", encoding="utf-8") as f:
        return not list(csv.DictReader(f))


def section(path: Path, lang: str, sources: dict[str, dict], html_exporter, source_dir: Path):
    """(title, body html) of one executed notebook; None for a section that states nothing."""
    import nbformat

    if states_nothing(path):
        return None
    nb = prepare(nbformat.read(path, as_version=4), lang, sources)
    body, _ = html_exporter.from_notebook_node(nb, resources={"metadata": {"path": str(source_dir)}})
    refs = network_references(body)
    if refs:
        raise OfflineError(f"notebook {path.name} (lang {lang}) refers to a network address, "
                           f"so the report would not open offline: {refs[0]!r}")
    return _title(nb) or path.stem, body


def key_figures(lang_dir: Path, lang: str = "en") -> list[dict]:
    """Rows of tables/01_key_figures.csv (or the lowest-numbered NN_key_figures.csv) that hold a value."""
    found = sorted((Path(lang_dir) / "tables").glob("*_key_figures.csv"))
    if not found:
        return []
    with open(found[0], newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    # a figure the documents do not report is not listed (the title page goes straight to the
    # contents when there is none)
    return [{**row, "value": _value(row["value"], row.get("unit", ""), lang)} for row in rows if not _no_value(row)]


def _value(value: str, unit: str, lang: str) -> str:
    """A key figure written as the prose writes it, one style per language (format_value): its
    bound mark, its number at the precision printed, its unit or Chinese measure word:
    '>CNY 3.8 bn' and '2,360'; in Chinese with the prose's bound words: '超过38亿元', '106.7亿元',
    '2360家'."""
    from helpers.data.units import UNITS
    mark, number = re.fullmatch(r"(≥|≤|>|<|~|约|近)?(.*)", value.strip()).groups()
    try:
        x = float(number)
    except ValueError:
        return f"{value} {unit_word(unit, lang)}".strip()
    printed = decimals_of(number)
    decimals = printed if lang == "zh" else None
    if unit in UNITS or unit == "cny":  # English money with as many digits as the Chinese: CNY 11.177 bn
        text = format_value(x, unit, lang, decimals, printed=printed if is_money(unit) else None)
    else:
        text = format_value(x, "count", lang, decimals) + (unit if lang == "zh" else "")
    if lang == "zh" and mark:  # the box reads as the prose does: 超过38亿元, 1200家以上, 约1010家
        from helpers.present.catalog import message
        return message(f"bound.{ZH_BOUND_WORDS[mark]}", lang).format(v=text)
    return (mark or "") + text


ZH_BOUND_WORDS = {"≥": "at_least", ">": "more_than", "≤": "at_most", "<": "at_most", "~": "approx",
                  "约": "approx", "近": "nearly"}


def _city(city: str, lang: str, data_dir: Path | None = None) -> str:
    """The city's name in the page's language, from data/regions.csv ('南昌' / 'Nanchang')."""
    return region_name(city, lang, data_dir)


def _font_css(text: str) -> str:
    try:
        from helpers.present.fonts import font_face_css
    except ImportError:  # helpers.present.fonts not written yet: fall back to the reader's own fonts
        return ""
    return font_face_css(text)


def page_text(page: str) -> str:
    """The visible characters of a page, for subsetting the font."""
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S | re.I)
    page = re.sub(r"data:[^\"')\s]+", " ", page)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def embed_font(css: str, text: str) -> str:
    """The CSS with the subset of the CJK font that `text` needs, its family put first wherever the
    CSS marks a font list /*FONT*/: Chinese shows as characters on a machine without a Chinese font."""
    font = _font_css(text)
    family = re.search(r"font-family\s*:\s*['\"]?([^;'\"]+)", font)
    if family:
        css = css.replace("/*FONT*/", f"'{family.group(1).strip()}', ")
    return font + "\n" + css


def page_footer(lang: str) -> tuple[str, str]:
    """The printed page's footer as a CSS @page margin box (and its words, for the font subset):
    drawn in the page's own embedded font, so a Chinese footer prints as characters on a machine
    without a Chinese font, as Chromium's separate footer template cannot."""
    words = UI[lang]["page_footer"]
    parts = re.split(r"(\{page\}|\{pages\})", words)
    content = " ".join({"{page}": "counter(page)", "{pages}": "counter(pages)"}.get(x, json.dumps(x, ensure_ascii=False))
                       for x in parts if x)
    css = ("@page { @bottom-center { content: " + content + "; font-family: /*FONT*/sans-serif;"
           " font-size: 8pt; color: #616e7c; } }\n")
    return css, re.sub(r"\{pages?\}", "", words)


def section_id(title: str, index: int) -> str:
    """A stable anchor: 'section-8' for a title '8. ...' (so other sections can link to it),
    else 'section-<position>'."""
    m = re.match(r"\s*(\d+)\.", title)
    return f"section-{m.group(1)}" if m else f"section-{index}"


TABLE_FILE = re.compile(r"(?P<n>\d+)(?P<sub>[a-z]?)_(?P<name>.+)\.csv")


def table_labels(tables, sections, lang: str, lead: bool) -> list[tuple[str, str]]:
    """(file, label) of each download, labelled in the page's language: a table by the caption it
    is shown with (`tables` maps file to caption, helpers.present.notebook), a section's statements
    by the section's heading ("10. 数据核验：报告表述")."""
    ui = UI[lang]
    titles = {}
    for i, (title, _) in enumerate(sections):
        m = re.match(r"\s*(\d+)\.", title)
        titles[("", int(m.group(1))) if m else ("a", 1) if lead and i == 0 else None] = title
    out = [(f"{downloads.SHEET_FIGURES['en'].lower()}.csv", ui["all_figures"])]
    for name, caption in tables.items():
        m = TABLE_FILE.fullmatch(name)
        kind = m and m["name"] == "statements" and "statements"
        section = m and titles.get((m["sub"], int(m["n"])))
        if kind and section:  # the heading's short form: "8. 高新技术企业", not its subtitle too
            short = re.split(r"[：:]", section, maxsplit=1)[0].strip()
            caption = f"{short}{'：' if lang == 'zh' else ': '}{ui[kind]}"
        out.append((name, caption or name))
    return out


def table_captions(lang_dir: Path) -> dict[str, str]:
    """The tables a reader is offered (downloads.offered), with the caption its notebook showed
    each with (captions/NN.csv), '' when it has none."""
    captions = {}
    for path in sorted((Path(lang_dir) / "captions").glob("*.csv")):
        with open(path, newline="", encoding="utf-8") as f:
            captions.update({row["file"]: row["caption"] for row in csv.DictReader(f)})
    return {p.name: captions.get(p.name, "") for p in downloads.offered(lang_dir)}


def render(*, lang: str, city: str, year: int, source: dict, sections: list[tuple[str, str]],
           figures: list[dict], data_dir: Path | None = None, lead: bool = False, others=(),
           tables: dict | None = None) -> str:
    from jinja2 import Environment, FileSystemLoader
    from markupsafe import Markup

    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True,
                      keep_trailing_newline=True)
    ui = UI[lang]
    context = dict(
        html_lang=LANGS[lang], ui=ui, source=source, city=_city(city, lang, data_dir), year=year,
        page_title=ui["title"].format(city=_city(city, lang, data_dir), year=year,
                                      publisher=source.get("publisher", "")),
        figures=figures,
        sections=[{"id": "key-judgements" if lead and i == 1 else section_id(title, i), "title": title,
                   "body": Markup(body)} for i, (title, body) in enumerate(sections, 1)],
        lead=bool(lead and sections),
        others=[{"href": f"../{x}/index.html", "label": UI[x]["language"]} for x in others],
        workbook=f"{downloads.FOLDER}/{downloads.workbook_name(city, year, lang)}",
        tables=[{"href": f"{downloads.FOLDER}/{name}", "label": label, "file": name}
                for name, label in table_labels(tables or {}, sections, lang, lead)])
    footer_css, footer_words = page_footer(lang)
    css = (TEMPLATES / "report.css").read_text(encoding="utf-8") + footer_css
    draft = env.get_template("report.html.j2").render(css=Markup(css), **context)
    page = env.get_template("report.html.j2").render(
        css=Markup(embed_font(css, page_text(draft) + footer_words)), **context)
    refs = network_references(page)
    if refs:
        raise OfflineError(f"report ({lang}) refers to a network address: {refs[0]!r}")
    return page


_EXPORTER = None


def shared_exporter():
    """The exporter of this process, made on first use (importing nbconvert takes most of a
    second: the build makes it while its first notebooks run)."""
    global _EXPORTER
    _EXPORTER = _EXPORTER or exporter()
    return _EXPORTER


def convert(path: Path, lang: str, data_dir: Path, source_dir: Path) -> tuple[str, str] | None:
    """(title, body html) of one executed notebook, with one exporter reused per process; None
    when the section states nothing for the selection."""
    return section(Path(path), lang, read_sources(data_dir), shared_exporter(), Path(source_dir))


def _document(row: dict, lead: dict, lang: str) -> str:
    """A document of the selection as the title page lists it: one published after the leading
    document says so, as every statement resting on its figures does (Summary.later)."""
    title = f"《{row['title']}》" if lang == "zh" else row["title"]
    if not selection.published_after(row, lead):
        return title
    published = str(row["published"]).strip()
    if lang == "zh":  # 2023-02 -> 2023年2月, 2021 -> 2021年
        y, _, m = published.partition("-")
        published = f"{y}年" + (f"{int(m)}月" if m else "")
    return UI[lang]["later_doc"].format(title=title, published=published)


def write_report(*, lang_dir: Path, lang: str, city: str, year: int, data_dir: Path,
                 sections: list[tuple[str, str]], lead: bool = False, others: tuple = ()) -> dict[str, str]:
    """Write lang_dir/index.html: title page, contents, the sections (already converted) in order;
    `others`: the languages the report is also in (linked from the top of the page). Returns each
    download's label on the page (table_labels), by file name: the workbook names its sheets so."""
    sources = read_sources(data_dir)
    own = selection.own_documents(sources.values(), city, year)
    source = dict(own[0]) if own else {}
    if len(own) > 1:  # every document of the selection on the title page, the leading one first,
        sep = "；" if lang == "zh" else "; "  # a later one said so; Chinese titles in 《》
        source["title"] = sep.join(_document(r, own[0], lang) for r in own)
        source["publisher"] = sep.join(dict.fromkeys(r["publisher"] for r in own))
        source["several"] = True
    tables = table_captions(lang_dir)
    page = render(lang=lang, city=city, year=year, source=source, sections=sections, data_dir=data_dir,
                  figures=key_figures(lang_dir, lang), lead=lead, others=others, tables=tables)
    (Path(lang_dir) / "index.html").write_text(page, encoding="utf-8")
    return dict(table_labels(tables, sections, lang, lead))
