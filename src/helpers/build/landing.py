"""reports/index.html: the page that lists every report built, in both languages, with the first
key judgement of each, its PDF and its downloads. Written by every build and by `make pdf`, from
what is on disk, so it never links to a file that is not there.
"""
from __future__ import annotations

import csv
import html
import os
import re
from pathlib import Path

from helpers.build import downloads
from helpers.data.regions import region_name
from helpers.data.schema import REGION

LANGS = ("en", "zh")
WORDS = {
    "en": {"report": "Report", "pdf": "PDF", "workbook": "Workbook (Excel)", "tables": "Tables (CSV)",
           "lang": "English"},
    "zh": {"report": "报告", "pdf": "PDF", "workbook": "数据表（Excel）", "tables": "表格（CSV）",
           "lang": "中文"},
}
TITLE = "Science and technology annual reviews · 科技工作年度评析"
CSS = """
body { font-family: /*FONT*/"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif;
       margin: 0 auto; max-width: 60rem; padding: 1rem; line-height: 1.5; color: #1d2733; }
h1 { font-size: 1.4rem; } h2 { font-size: 1.15rem; margin: 1.4rem 0 0.4rem; }
.report { border-top: 1px solid #c9d2dc; padding: 0.6rem 0; }
.lang { margin: 0.5rem 0; } .lang p { margin: 0.2rem 0; }
.links a { display: inline-block; margin: 0 0.8rem 0.3rem 0; }
.first { color: #3b4754; font-size: 0.95rem; }
"""


def built(output: Path) -> list[Path]:
    """The report folders under `output` (<city>/<year>) that hold a built page, in order."""
    return sorted(d for d in Path(output).glob("*/*")
                  if re.fullmatch(REGION, d.parent.name) and re.fullmatch(r"[0-9]{4}", d.name)
                  and not d.is_symlink()
                  and any((d / lang / "index.html").is_file() for lang in LANGS))


def first_judgement(lang_dir: Path) -> str:
    """The first key judgement a report states (tables/01a_statements.csv), '' when none."""
    found = sorted((Path(lang_dir) / "tables").glob("01a_statements.csv")) or \
        sorted((Path(lang_dir) / "tables").glob("*_statements.csv"))
    for path in found:
        with open(path, newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                text = (row.get("text") or "").lstrip("'")
                if text:
                    return text
    return ""


def _name(city: str, lang: str, data_dir: Path | None) -> str:
    try:
        return region_name(city, lang, data_dir)
    except Exception:  # a report built from another data folder: its id is its name here
        return city


def _links(folder: Path, output: Path, lang: str) -> list[tuple[str, str]]:
    """(label, relative href) of what exists for one language of one report."""
    lang_dir, words = folder / lang, WORDS[lang]
    rel = Path(os.path.relpath(lang_dir, output)).as_posix()
    out = [(words["report"], f"{rel}/index.html")]
    if (lang_dir / "report.pdf").is_file():
        out.append((words["pdf"], f"{rel}/report.pdf"))
    books = sorted((lang_dir / downloads.FOLDER).glob("*.xlsx"))
    if books:
        out.append((words["workbook"], f"{rel}/{downloads.FOLDER}/{books[0].name}"))
    return out


def render(output: Path, data_dir: Path | None = None) -> str:
    parts = [f"<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
             f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
             f"<title>{html.escape(TITLE)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
             f"<h1>{html.escape(TITLE)}</h1>\n"]
    for folder in built(output):
        city, year = folder.parent.name, folder.name
        heading = f"{_name(city, 'en', data_dir)} {year} · {_name(city, 'zh', data_dir)}{year}年"
        parts.append(f"<section class=\"report\" id=\"{city}-{year}\">\n<h2>{html.escape(heading)}</h2>\n")
        for lang in LANGS:
            if not (folder / lang / "index.html").is_file():
                continue
            links = " ".join(f"<a href=\"{html.escape(href)}\">{html.escape(label)}</a>"
                             for label, href in _links(folder, output, lang))
            first = first_judgement(folder / lang)
            parts.append(f"<div class=\"lang\" lang=\"{'zh-CN' if lang == 'zh' else 'en'}\">"
                         f"<p class=\"links\"><strong>{WORDS[lang]['lang']}</strong> {links}</p>"
                         + (f"<p class=\"first\">{html.escape(first)}</p>" if first else "") + "</div>\n")
        parts.append("</section>\n")
    parts.append("</body>\n</html>\n")
    draft = "".join(parts)
    from helpers.build.html import embed_font, page_text
    return draft.replace(f"<style>{CSS}</style>", f"<style>{embed_font(CSS, page_text(draft))}</style>", 1)


def write(output: Path, data_dir: Path | None = None) -> Path | None:
    """Write output/index.html whole (a temporary file renamed over the old one); None when no
    report is built."""
    output = Path(output)
    if not built(output):
        return None
    page = output / "index.html"
    tmp = output / f".index.html.tmp-{os.getpid()}"
    tmp.write_text(render(output, data_dir), encoding="utf-8")
    os.replace(tmp, page)
    return page
