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

SECTION = re.compile(r'<section id="([^"]+)"[^>]*>(.*?)</section>', re.S)
NUMBER = re.compile(r"(?<![A-Za-z0-9_.])-?\d[\d,]*(?:\.\d+)?")
MONEY_EN = re.compile(r"^\s*(bn|m|k)\b")
QUALIFIERS = {  # checked in this order: 不超过 before 超过
    "at_most": (r"(?:\bat most|≤|\bup to|\bno more than)\s*(?:CNY\s*)?$", r"(?:≤|不超过|至多|最高)\s*$", r"^\s*(?:以内)"),
    "approx": (r"(?:\babout|\bapprox\.|\bapproximately|\bnearly|~|\broughly)\s*(?:CNY\s*)?$", r"(?:约|近|左右)\s*$", r"^\s*(?:左右)"),
    "at_least": (r"(?:\bat least|≥|\bmore than|\bover)\s*(?:CNY\s*)?$", r"(?:≥|不低于|(?<!不)超过|至少|突破)\s*$", r"^[^，。；]{0,3}(?:以上|余)"),
}


def sections(page: str) -> list[tuple[str, str]]:
    """(section id, reader text) of each section of a built index.html."""
    return [(sid, reader_text(body)) for sid, body in SECTION.findall(page)]


def reader_text(body: str) -> str:
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.S | re.I)
    body = re.sub(r'<details class="provenance".*?</details>', " ", body, flags=re.S)
    body = re.sub(r"<q>.*?</q>", " ", body, flags=re.S)
    body = re.sub(r"data:[^\"')\s]+", " ", body)
    text = htmllib.unescape(re.sub(r"<[^>]+>", " ", body))
    text = re.sub(r"“[^”]*”", " ", text)
    text = re.sub(r'"[^"\n]{1,80}"', " ", text)  # raw text cited in a note ("49.5%25.8%")
    return re.sub(r"\s+", " ", text)


def _value(token: str, after: str, lang: str) -> float:
    x = abs(float(token.replace(",", "")))
    if lang == "en":
        m = MONEY_EN.match(after)
        if m:
            x *= {"bn": 1e9, "m": 1e6, "k": 1e3}[m.group(1)]
    elif after.startswith("亿元"):
        x *= 1e8
    elif after.startswith("万元") or after.startswith("万"):
        x *= 1e4
    return x


def _rounded(x: float) -> float:
    """Three significant digits: 1.1177e10 and 1.118e10 (CNY 11.18 bn) compare equal."""
    if x == 0 or (float(x).is_integer() and x < 1e5):  # counts and years compare exactly
        return float(x)
    return round(x, 2 - int(math.floor(math.log10(abs(x)))))


def numbers(text: str, lang: str) -> Counter:
    """Multiset of (value to 3 significant digits, qualifier) in a reader text. Values lose
    their sign: English writes -5.06%, Chinese 下降5.06%."""
    out: Counter = Counter()
    for m in NUMBER.finditer(text):
        before, after = text[max(0, m.start() - 14):m.start()], text[m.end():m.end() + 6]
        qual = "exact"
        for name, (en, zh_before, zh_after) in QUALIFIERS.items():
            if (lang == "en" and re.search(en, before)) or (
                    lang == "zh" and (re.search(zh_before, before) or re.search(zh_after, after))):
                qual = name
                break
        out[(_rounded(_value(m.group(), after, lang)), qual)] += 1
    return out


def parity(en_page: str, zh_page: str) -> dict[str, tuple[Counter, Counter]]:
    """Per section id: (numbers only in English, numbers only in Chinese), where they differ."""
    en, zh = dict(sections(en_page)), dict(sections(zh_page))
    out = {}
    for sid in sorted(set(en) | set(zh)):
        a, b = numbers(en.get(sid, ""), "en"), numbers(zh.get(sid, ""), "zh")
        if a != b:
            out[sid] = (a - b, b - a)
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
    ("fractional count of firms", r"\d\.\d+\s*(?:家|firms\b)|\d+\.0\b(?!\s*(?:%|亿|万|×|倍|CNY|pp|个百分点))"),
)


def artefacts(page: str) -> list[tuple[str, str, str]]:
    """(section id, kind, text) of internal artefacts in reader text."""
    out = []
    for sid, text in sections(page):
        for kind, pattern in ARTEFACTS:
            for m in re.finditer(pattern, text):
                out.append((sid, kind, text[max(0, m.start() - 20):m.end() + 20]))
    return out
