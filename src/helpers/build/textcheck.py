"""Reader text of a built report, per section, and the checks on it: en/zh parity of numbers
with their qualifiers, the Chinese style rules (docs/zh_style.md, data/zh_style.csv), and no
internal artefacts (indicator ids, file names, notebook numbers, fractional firm counts).

Text inside quotes is the document's own words and is left out: <q>…</q>, “…” and the
provenance lists (which quote the source verbatim).
"""
from __future__ import annotations

import csv
import html as htmllib
import math
import re
from collections import Counter
from pathlib import Path

# the document's own words, cited in either language: “…”, or raw text in a note ("49.5%25.8%")
QUOTED = re.compile(r'“[^”]*”|"[^"\n]{1,80}"')
DOWNLOADS = "downloads"  # the section id of the report's downloads (templates/report.html.j2)
SECTION = re.compile(r'<section id="([^"]+)"[^>]*>(.*?)</section>', re.S)
NUMBER = re.compile(r"(?<![A-Za-z0-9_.])-?\d[\d,]*(?:\.\d+)?")
MONEY_EN = re.compile(r"^\s*(bn|m|k)\b")
# Unit names, not amounts: "(CNY 100m)", "money in CNY 100m", a unit column's "CNY 100m";
# Chinese writes （亿元）.
UNIT_NAME_EN = re.compile(r"(?:(?<=\()|(?<=\bin ))CNY (?:100m|10k)\b|CNY (?:100m|10k)(?=\s*(?:[);]|¦|$))")
# A cell, item or paragraph ends here: a qualifier never reaches across it.
BLOCK = re.compile(r"</?(?:td|th|tr|li|p|div|h\d|caption|figcaption|table|ul|ol)\b[^>]*>", re.I)
BREAK = " ¦ "
# name: (English before, Chinese before, English after, Chinese after); 不超过 before 超过; a Chinese
# bound may follow the measure word (0.19个百分点左右, 50家以上), never another number
QUALIFIERS = {
    "at_most": (r"(?:\bat most|≤[+-]?|\bup to|\bno more than)\s*(?:CNY\s*)?$", r"(?:≤|不超过|至多|最高)\s*$",
                r"^\s*(?:bn|m|k)?\s*or (?:less|fewer)\b", r"^[^，。；（¦\d]{0,4}(?:以内|以下)"),
    "approx": (r"(?:\babout|\baround|\bapprox\.|\bapproximately|\bnearly|~[+-]?|\broughly)\s*(?:CNY\s*)?$",
               r"(?:约[为有合]?|近|~)\s*$", None, r"^[^，。；（¦\d]{0,4}左右"),
    "at_least": (r"(?:\bat least|[≥>][+-]?|\bmore than|\bover)\s*(?:CNY\s*)?$", r"(?:[≥>]\+?|不低于|(?<!不)超过|至少|突破)\s*$",
                 r"^\s*(?:bn|m|k)?\s*or (?:more|above)\b", r"^[^，。；（¦\d]{0,4}(?:以上|余)"),
}


def sections(page: str) -> list[tuple[str, str]]:
    """(section id, reader text) of each section of a built index.html."""
    return [(sid, reader_text(body)) for sid, body in SECTION.findall(page)]


def reader_text(body: str) -> str:
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.S | re.I)
    body = re.sub(r'<details class="provenance".*?</details>', " ", body, flags=re.S)
    body = re.sub(r"<q>.*?</q>", " ", body, flags=re.S)
    body = re.sub(r"data:[^\"')\s]+", " ", body)
    body = BLOCK.sub(BREAK, body)
    text = htmllib.unescape(re.sub(r"<[^>]+>", " ", body))
    text = unquoted(text)
    text = re.sub(r"\s+", " ", text)
    return re.sub(r"(?:\s*¦\s*)+", BREAK, text).strip(" ¦")


def unquoted(text: str) -> str:
    return QUOTED.sub(" ", text)


def _scale(after: str, lang: str) -> float:
    if lang == "en":
        m = MONEY_EN.match(after)
        if m:
            return {"bn": 1e9, "m": 1e6, "k": 1e3}[m.group(1)]
        # a Chinese title cited in English ("《24393.1亿元 国家统计局发布…》") keeps its Chinese unit
        return 1e8 if after.startswith("亿元") else 1e4 if after.startswith("万") else 1.0
    if after.startswith("亿元"):
        return 1e8
    return 1e4 if after.startswith("万") else 1.0


def _rounded(x: float) -> float:
    """Three significant digits, for showing a value; counts and years stay exact."""
    if x == 0 or (float(x).is_integer() and x < 1e5):
        return float(x)
    return round(x, 2 - int(math.floor(math.log10(abs(x)))))


def tokens(text: str, lang: str) -> list[tuple[float, float, str]]:
    """(value, half a unit of its last printed digit, qualifier) of each number in a reader text.
    Values lose their sign: English writes -5.06%, Chinese 下降5.06%."""
    if lang == "en":
        text = UNIT_NAME_EN.sub("CNY-unit", text)
    out = []
    for m in NUMBER.finditer(text):
        token = m.group()
        before, after = text[max(0, m.start() - 14):m.start()], text[m.end():m.end() + 16]
        before = before.rsplit("¦", 1)[-1]
        after = after.split("¦", 1)[0]
        qual = "exact"
        for name, (en_b, zh_b, en_a, zh_a) in QUALIFIERS.items():
            b, a = (en_b, en_a) if lang == "en" else (zh_b, zh_a)
            if re.search(b, before) or (a is not None and re.search(a, after)):
                qual = name
                break
        scale = _scale(after, lang)
        decimals = len(token.split(".")[1]) if "." in token else 0
        out.append((abs(float(token.replace(",", ""))) * scale, 0.5 * 10 ** -decimals * scale, qual))
    return out


def numbers(text: str, lang: str) -> Counter:
    """Multiset of (value to 3 significant digits, qualifier) in a reader text."""
    return Counter((_rounded(v), q) for v, _, q in tokens(text, lang))


def _unmatched(a: list, b: list) -> tuple[Counter, Counter]:
    """The numbers of `a` and of `b` left over after pairing each with one of the other side
    that has its qualifier and could be the same value printed to another precision
    (CNY 36.35 bn and 363.48亿元 pair; 455 and 458 do not)."""
    left = sorted(b)
    only_a = Counter()
    for v, half, q in sorted(a):
        for i, (w, half_w, q_w) in enumerate(left):
            if q_w == q and abs(v - w) <= max(half, half_w) * (1 + 1e-9):
                del left[i]
                break
        else:
            only_a[(_rounded(v), q)] += 1
    return only_a, Counter((_rounded(w), q) for w, _, q in left)


def same_numbers(en_text: str, zh_text: str) -> bool:
    """Do an English and a Chinese sentence carry the same numbers (quotes left out, as on a page)?"""
    en_text, zh_text = unquoted(en_text), unquoted(zh_text)
    only_en, only_zh = _unmatched(tokens(en_text, "en"), tokens(zh_text, "zh"))
    return not only_en and not only_zh


def parity(en_page: str, zh_page: str) -> dict[str, tuple[Counter, Counter]]:
    """Per section id: (numbers only in English, numbers only in Chinese), where they differ."""
    en, zh = dict(sections(en_page)), dict(sections(zh_page))
    out = {}
    for sid in sorted(set(en) | set(zh)):
        only_en, only_zh = _unmatched(tokens(en.get(sid, ""), "en"), tokens(zh.get(sid, ""), "zh"))
        if only_en or only_zh:
            out[sid] = (only_en, only_zh)
    return out


# --- Chinese style --------------------------------------------------------------------------

def style_rules(data_dir: Path) -> list[dict]:
    with open(Path(data_dir) / "zh_style.csv", newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def without_quotes(text: str, quotes) -> str:
    """The text with every verbatim quote of the document removed (longest first)."""
    for q in sorted({q for q in quotes if q}, key=len, reverse=True):
        text = text.replace(q, " ")
    return text


def style_violations(zh_page: str, rules: list[dict], quotes=()) -> list[tuple[str, str, str]]:
    """(section id, rule id, the offending text) for each match of a forbidden pattern, outside
    the document's own words (`quotes`: its verbatim quotes, e.g. in a table's quote column)."""
    out = []
    for sid, text in sections(zh_page):
        text = without_quotes(text, quotes)
        for rule in rules:
            for m in re.finditer(rule["pattern"], text):
                out.append((sid, rule["rule"], text[max(0, m.start() - 15):m.end() + 15]))
    return out


ARTEFACTS = (
    ("indicator id", r"\b[a-z]+(?:_[a-z0-9]+){2,}\b"),
    ("file name", r"(?<![(（])\b[\w/]+\.(?:csv|ipynb|py|txt)\b(?![)）])"),  # "(audit.csv)": a file delivered
    ("notebook reference", r"(?i)\bnotebook\s*\d+|\bthe \w+ notebook\b|笔记本"),
    ("fractional count of firms", r"\d\.\d+\s*(?:家|firms\b)|\b\d+\.0+\b(?!\s*(?:%|亿|万|×|倍|CNY|pp|个百分点|bn|m\b|k\b))"),
)


def artefacts(page: str) -> list[tuple[str, str, str]]:
    """(section id, kind, text) of internal artefacts in reader text."""
    out = []
    for sid, text in sections(page):
        if sid == DOWNLOADS:  # the list of files to download names its files, as it should
            continue
        for kind, pattern in ARTEFACTS:
            for m in re.finditer(pattern, text):
                out.append((sid, kind, text[max(0, m.start() - 20):m.end() + 20]))
    return out
