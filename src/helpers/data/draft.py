"""Draft data rows from a raw document, score the drafts, and append a reviewed draft safely.

    python -m helpers.data.draft FILE --source ID [--year Y] [--city C] [--out draft.csv]
    python -m helpers.data.draft --evaluate
    python -m helpers.data.draft append draft.csv [--dry-run]

The draft has the columns of data/indicators.csv plus `confidence` (0 to 1), `flag` (garbled
text, a new indicator, a close call, a reading that could change a target's verdict) and `why`
(the words that decided unit, qualifier, kind, period, region and indicator). One row per number
the coverage rules do not exclude (helpers.data.coverage), plus ranks printed in Chinese numerals
(排名全省第三) and shares written in words (三成, 近半, 翻番). Kind and period come from the
document's structure (helpers.data.draft_time); the other columns from helpers.data.draft_rules.
Nothing here writes data/indicators.csv but `append`, which validates the whole data set with
the draft added, and checks every target has its baseline row, before replacing the file.
`--evaluate` also scores the tool on texts it was not built around (helpers.data.draft_eval).
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import io
import os
import re
import shutil
import sys
import tempfile
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd

from helpers.data import draft_lists
from helpers.data import draft_rules as R
from helpers.data import draft_time as T
from helpers.data.coverage import excused_offsets, find_numbers
from helpers.data.csvsafe import restore, safe_frame
from helpers.data.load import count_occurrences, decode_utf8, excluded_words, load_dataset, load_table, word_numbers
from helpers.data.meaning import problems
from helpers.data.paths import DATA_DIR
from helpers.data.schema import (
    CATALOG,
    COVERAGE_EXCLUSIONS,
    INDICATOR_SCHEMES,
    INDICATOR_TERMS,
    INDICATORS,
    REGIONS,
    SCHEMES,
    SNAKE_CASE,
    SOURCES,
    TARGET_BASELINES,
)
from helpers.errors import DataError

COLUMNS = list(INDICATORS.columns)
EXTRA = ["confidence", "flag", "why"]
DRAFT_COLUMNS = COLUMNS + EXTRA
NEW_INDICATOR_BELOW = 0.35   # an indicator guess scoring less is proposed as a new indicator


class DraftError(Exception):
    """Bad input to the draft command: one line, exit code 2."""


# --- reference data ---------------------------------------------------------------------------

def optional_table(data_dir: Path, table) -> pd.DataFrame | None:
    """A table the draft reads, with the loader's checks (a bad row is one line naming the file
    and the row); None when the file is absent."""
    return load_table(data_dir, table) if (Path(data_dir) / table.file).exists() else None


def regions(data_dir: Path) -> pd.DataFrame:
    found = optional_table(data_dir, REGIONS)
    return pd.DataFrame(columns=["region", "parent"]) if found is None else found


def quote_terms(quote: str, value: float) -> list[str]:
    """The words around the number of an existing row's quote, as terms for its indicator."""
    token = re.search(r"\d+(?:\.\d+)?", quote)
    parts = re.split(r"(?:19|20)\d{2}年|\d+(?:\.\d+)?(?:个百分点|%|亿元|万元|亿|万|倍|[家个项名人场期笔件])?",
                     quote)
    out = [p.strip(" ，,；;。：:") for p in parts if token]
    return [p for p in out if len(p) >= 3]


def build_terms(data_dir: Path, exclude_source: str | None = None,
                use_quotes: bool = True) -> R.Terms:
    """Terms per indicator: catalog name_zh, data/indicator_terms.csv, and the quotes of the
    existing rows (of other sources than `exclude_source`)."""
    catalog = load_table(data_dir, CATALOG)
    terms = {r.indicator: [r.name_zh] for r in catalog.itertuples()}
    found = optional_table(data_dir, INDICATOR_TERMS)
    excludes = {} if found is None else excluded_words(found)
    names = found if found is None or "use" not in found else found[found["use"] != "excludes"]
    for indicator, term in [] if names is None else zip(names["indicator"], names["term"]):
        terms.setdefault(indicator, []).append(term)
    if use_quotes and (Path(data_dir) / INDICATORS.file).exists():
        rows = load_table(data_dir, INDICATORS)
        owners: dict[str, set[str]] = {}
        for r in rows.itertuples():
            if r.source != exclude_source and r.indicator in terms:
                # a firm's name (…有限公司) names who, not what is counted
                for t in [t for t in quote_terms(r.quote, r.value) if "公司" not in t]:
                    owners.setdefault(t, set()).add(r.indicator)
        # a quote's words that several indicators share (同比下降, 占全省的) decide nothing
        canonical: dict[frozenset, set[str]] = {}
        for t, inds in owners.items():
            canonical.setdefault(frozenset(R.bigrams(t)), set()).update(inds)
        catalog_names = dict(zip(catalog["indicator"], catalog["name_zh"]))
        names = {i: R.bigrams(name) for i, name in catalog_names.items()}
        for t, inds in owners.items():
            # a quote's words that several indicators share (同比下降), that name nothing once the
            # generic words are out (目前我市共有), or that are a piece of the owner's name which
            # another indicator's name holds whole (拍卖成交金额达: 成交金额 is also the turnover's
            # 技术合同成交额; but 高新技术企业 is hte_count's own name) decide nothing
            core = R.bigrams(FILLER.sub("|", t))
            owner = next(iter(inds))
            piece = not core >= R.bigrams(FILLER.sub("|", catalog_names[owner])) and \
                any(core <= b for i, b in names.items() if i != owner)
            if len(canonical[frozenset(R.bigrams(t))]) == 1 and len(core) >= 2 and not piece:
                terms[owner].append(t)
    found = optional_table(data_dir, INDICATOR_SCHEMES)
    schemes = {} if found is None else dict(zip(found["indicator"], found["scheme"]))
    return R.Terms.build(terms, dict(zip(catalog["indicator"], catalog["unit"])), schemes, excludes)


# --- the extractor ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Context:
    source: str
    year: int
    city: str
    province: str
    published: str = ""    # when the document came out (2023-03): sets 今年, 去年, 明年
    doc_kind: str = ""     # work_summary, work_plan, news_report, ... (data/sources.csv kind)


ENUMERATOR = re.compile(r"^(?:\d{1,2}[.．、]|[（(]\d{1,2}[）)]|[一二三四五六七八九十]+、)\s*")  # 1. （2） 三、
MAX_QUOTE = 300  # characters: a passage the text repeats is not widened to the whole text
QUOTE_FLAG = "quote not unique"
UNIT_FLAG = "unit differs from catalog"


def shortest_unique_quote(text: str, start: int, end: int) -> str:
    """The quote of quote_for, without saying whether it is unique."""
    return quote_for(text, start, end)[0]


def quote_for(text: str, start: int, end: int) -> tuple[str, bool]:
    """The clause holding text[start:end], widened clause by clause until it is unique (True),
    or until it passes MAX_QUOTE characters where the text repeats the passage (False)."""
    a, b = R.bounds(text, start, end, R.CLAUSE_END)
    if "分别" not in text[a:b]:   # a list item (…6个“揭榜挂帅”项目、30个科技重大项目) is quoted alone
        ia = max(a, text.rfind("、", a, start) + 1)
        ib = text.find("、", end, b)
        ib = b if ib < 0 else ib
        item = text[ia:ib].strip()
        if (ia, ib) != (a, b) and len(item) > end - start and count_occurrences(text, item, at_most=2) == 1:
            return item, True
    grow_left = True
    while True:
        quote = text[a:b].strip()
        bare = ENUMERATOR.sub("", quote, count=1)  # "1.力争…": the item's number is not the figure's words
        if bare != quote and start >= a + len(quote) - len(bare) and count_occurrences(text, bare, at_most=2) == 1:
            return bare, True
        if count_occurrences(text, quote, at_most=2) == 1 or (a == 0 and b == len(text)):
            return quote, True
        if b - a > MAX_QUOTE:
            return quote, False
        if grow_left and a > 0:
            a = R.bounds(text, a - 1, a - 1, R.CLAUSE_END)[0]
        elif b < len(text):
            b = R.bounds(text, b + 1, b + 1, R.CLAUSE_END)[1]
        else:
            a = R.bounds(text, a - 1, a - 1, R.CLAUSE_END)[0]
        grow_left = not grow_left


def clause_windows(text: str, start: int, end: int) -> list[tuple[int, int, float]]:
    """Where the indicator's words may be, and how much each place counts: the number's own
    clause most, then the clauses before it in the sentence, then the paragraph's heading.
    In a 分别 clause (A…,B…,分别占x%y%) the i-th number takes the i-th earlier clause."""
    ca, cb = R.bounds(text, start, end, R.CLAUSE_END)
    sa, sb = R.bounds(text, start, end, R.SCOPE_END)
    na, nb = near_span(text, start, end)
    # in a list (A6家、B40家) the words after the next 、 are the next item's, not this number's
    windows = [(na, nb, 1.0), (ca, nb if text.find("、", start, nb + 1) == nb else cb, 0.7)]
    clause = text[ca:cb]
    if "分别" in clause:
        nums = [m for m in find_numbers(text[ca:cb])]
        index = next((i for i, m in enumerate(nums) if ca + m.start == start), 0)
        back, a = len(nums) - index, ca
        for _ in range(back):
            if a <= sa:
                break
            a2 = R.bounds(text, a - 1, a - 1, R.CLAUSE_END)[0]
            if _ == back - 1:
                windows.append((a2, a - 1, 0.9))
            a = a2
        windows[:2] = [(ca, cb, 0.6)]
    # a clause with no subject of its own (…,增长10.2%) speaks of the last clause that has one
    # (全国共投入R&D经费24393.1亿元,比上年增加2249.5亿元,增长10.2%): that clause counts as its own
    subject = None if "分别" in clause else inherited_subject(text, start, end)
    if subject:
        windows.append((*subject, 0.9 if subject[0] >= sa else 0.8))
    a, weight = ca, 0.5
    while a > sa and weight > 0.1:
        a2 = R.bounds(text, a - 1, a - 1, R.CLAUSE_END)[0]
        if not subject or (a2, a - 1) != subject:
            windows.append((a2, a - 1, weight))
        a, weight = a2, weight * 0.6
    pa, _ = R.bounds(text, start, end, "\n")
    head_end = text.find("。", pa, start)  # the heading ends at the paragraph's first 。
    if head_end > pa:
        windows.append((pa, head_end, 0.3))
    return windows


def inherited_subject(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The words a number with no subject of its own speaks of: first its own clause before the
    number that cut its near words (高新技术产业增加值由2011年的92.13亿元增加到2020年的356.58亿元;
    入库科技型中小企业4892家、同比增长54.7%), else the last earlier clause of the sentence with a
    subject. None when the number has its own subject, or no clause before it has one."""
    ca, _ = R.bounds(text, start, end, R.CLAUSE_END)
    sa, _ = R.bounds(text, start, end, R.SCOPE_END)
    na, nb = near_span(text, start, end)
    # a subject before it, or a count's noun after it (推荐669家企业申报高企): its own; a place
    # alone (其中,长沙市233.82亿元) names where, not what
    if names_subject(text[na:start]) or has_subject(text[R.read_unit(text, start, end).end:nb]):
        return None
    if na > ca and names_subject(text[ca:na]):
        return ca, na
    a = ca
    # a sentence that opens with 其中 lists parts of the sentence before: its subject is theirs
    stop = R.bounds(text, sa - 2, sa - 2, R.SCOPE_END)[0] if text[sa:].lstrip().startswith("其中") \
        and sa > 1 else sa
    while a > stop:
        a2 = R.bounds(text, a - 1, a - 1, R.CLAUSE_END)[0]
        if has_subject(text[a2:a - 1]):
            return a2, a - 1
        a = a2
    return None


PLACE = re.compile(r"(?:[\u4e00-\u9fff]{1,4}?[省市县区州])+")   # 长沙市, 长沙市株洲市


def names_subject(words: str) -> bool:
    """has_subject, but a place alone (长沙市, 长沙市233.82亿元) names where, not what."""
    bare = re.sub(r"\d+(?:\.\d+)?(?:亿元|万元|亿|万|%|[家个项])?|[、,，\s]", "", words)
    return has_subject(words) and not PLACE.fullmatch(bare)


def has_subject(words: str) -> bool:
    """Whether words name a subject (研发经费, 过会企业) beyond change words, verbs and numbers."""
    return len(R.bigrams(FILLER.sub("|", re.sub(r"\d+(?:\.\d+)?", "|", words)))) >= 2


def near_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The words next to a number: its clause, cut at the numbers before and after it
    (力争引进人才20名、团队20个: the 团队 belongs to the second 20)."""
    ca, cb = R.bounds(text, start, end, R.CLAUSE_END)
    a, b = ca, cb
    for num in find_numbers(text[ca:cb]):
        s, e = ca + num.start, ca + num.end
        if e <= start and num.generic is None:
            a = R.read_unit(text, s, e).end
        elif s >= end and num.generic is None:
            b = min(b, s)
    unit_end = R.read_unit(text, start, end).end
    sep = text.find("、", unit_end, b)   # 省技术创新中心6家、市级工程技术研究中心40家: the next item's
    return a, (sep if sep >= 0 else b)


def propose_id(name_zh: str) -> str:
    return "new_" + hashlib.sha1(name_zh.encode("utf-8")).hexdigest()[:8]


LIST_VERB = re.compile(r"(?:分别)?(?:达到|达|为|有|是|共|实现|突破|超过)+$")


def number_list(text: str, ca: int, cb: int) -> list[tuple[int, int]]:
    """The first run of numbers of a clause printed one after the other as a list (6588家、6403家;
    11.3%和82.1%), as (start, end) of each number; empty when there is none."""
    nums = [(ca + m.start, ca + m.end) for m in find_numbers(text[ca:cb]) if m.generic is None]
    run: list[tuple[int, int]] = []
    for s, e in nums:
        if run and text[R.read_unit(text, *run[-1]).end:s] in ("、", "和", "及", "与"):
            run.append((s, e))
        elif len(run) >= 2:
            break
        else:
            run = [(s, e)]
    return run if len(run) >= 2 else []


def list_names(text: str, ca: int, cb: int) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """(names, numbers) of a clause that lists names, then as many numbers (高新技术企业、科技型
    中小企业达6588家、6403家; A和B分别达到x和y): the i-th number is the i-th name's. Empty
    lists when the clause is no such list."""
    run = number_list(text, ca, cb)
    if not run:
        return [], []
    head_end = run[0][0]
    at = text.find("分别", ca, head_end)
    head = text[ca:at] if at >= 0 else LIST_VERB.sub("", text[ca:head_end])
    names = [(ca + m.start(), ca + m.end()) for m in re.finditer(r"[^、和及与]+", head)]
    if len(names) != len(run) or any(b - a < 2 for a, b in names):
        return [], []
    return names, run


def respectively_item(text: str, ca: int, cb: int, start: int) -> tuple[int, int] | None:
    """The name a number of a list belongs to: in "A、B分别达到x、y" or "A、B达x、y" the i-th
    name; in a clause that only says 分别增长x%、y%, the i-th name of the clause before it
    (技术合同成交额、登记项数分别为823.57亿元、23003项,分别增长54.31%、117.15%)."""
    names, run = list_names(text, ca, cb)
    if not names:
        run = number_list(text, ca, cb)
        at = text.find("分别", ca, run[0][0]) if run else -1
        if at < 0 or has_subject(text[ca:at]) or ca == 0:
            return None
        pa = R.bounds(text, ca - 1, ca - 1, R.CLAUSE_END)[0]
        names, before = list_names(text, pa, ca - 1)
        if len(names) != len(run):
            return None
    index = next((i for i, (s, _) in enumerate(run) if s == start), None)
    return None if index is None else names[index]


TIE_MARGIN = 0.05      # two indicators closer than this are a tie: both readings are flagged
NARROW_MARGIN = 0.12   # closer than this: the runner-up is named in the flag
TOTAL_WORDS = ("总数", "总量", "共有", "有效期内", "累计", "达到", "达")
NEW_WORDS = ("新增", "新认定", "新培育", "新组建", "新入", "新获")


LEVEL_IN_TEXT = re.compile(r"国家级|国家(?=重点|工程|技术|实验|级)|(?<![全我本])省级|(?<![全我本])省(?=重点|技术|工程|实验)|"
                           r"(?<![全我本])市级")
LEVELS = {"国": "nation", "省": "province", "市": "city"}


def text_level(text: str, start: int) -> str:
    """The administrative level (国家级, 省级, 市级) the sentence names last before the number."""
    sa = R.bounds(text, start, start, R.SENTENCE_END)[0]
    found = list(LEVEL_IN_TEXT.finditer(text, sa, start))
    if len(found) > 1 and re.fullmatch(r"[、和及与]", text[found[-2].end():found[-1].start()]):
        return ""   # 国家级、省级、市级…: several levels, no one of them
    return LEVELS[found[-1].group()[0]] if found else ""


def term_level(name_zh: str) -> str:
    """The level a catalog name starts with (新增市级工程技术研究中心: city), else ""."""
    m = re.match(r"(?:新增|新认定|新培育|培育|列入)?(国家|省|市)(?:级|重点|科技|技术|“)", name_zh)
    several = len(re.findall(r"国家级|省级|市级", name_zh)) > 1
    return LEVELS[m.group(1)[0]] if m and not several else ""


def is_flow(indicator: str, terms: R.Terms) -> bool:
    """An indicator that counts additions (新增…, …_new), which a total must not be read as."""
    name = (terms.terms.get(indicator) or [""])[0]
    return indicator.endswith("_new") or name.startswith(NEW_WORDS)


# words a change uses to say what it is compared with: once they and the change word are out, a
# clause with nothing left (同比增长67.84%, 较上一年分别增长49.14%和16.61%) names no subject
COMPARED = re.compile(r"与(?:去年|上年)同期相比|(?:比|较)(?:上一?年度?|去年)(?:同期)?|同比|同期|相比|分别|了|为|达到|达")
CHANGE_IDS = ("_growth", "_change_rate", "_change")   # X's change, as the catalog names it


def is_bare_change(text: str, ca: int, start: int) -> bool:
    """Whether the number is a change with no subject of its own: its clause before it is only a
    comparison and a change word (…528.16亿元,同比增长67.84%), after any list it ends."""
    before = re.sub(r"(?:\d+(?:\.\d+)?[%％]?[、和及与])+$", "", text[ca:start])
    if not R.CHANGE.search(before):
        return False
    return not re.sub(r"[\s,，]", "", R.CHANGE.sub("", COMPARED.sub("", before)))


def level_of_change(text: str, start: int, end: int, unit: str, previous: list[dict]) -> dict | None:
    """The drafted figure a bare change speaks of: the last figure before it in its sentence that
    is no change itself, of a unit such a change can be of (a percent change is of a count or an
    amount, a change in points of a percent, an amount's of an amount); in a list (分别增长x%、y%)
    the i-th of as many."""
    ca, cb = R.bounds(text, start, end, R.CLAUSE_END)
    if unit == "rank" or not is_bare_change(text, ca, start):
        return None
    sa = R.bounds(text, start, end, R.SENTENCE_END)[0]
    fits = {"pp": lambda u: u == "percent", "percent": lambda u: u not in ("percent", "pp", "rank")
            }.get(unit, lambda u: R.unit_fit(u, unit) > 0)   # 比上年增加12.8亿元: of an amount
    # a figure whose unit was not read (25691.5 亿元, spaced) is no level to speak of
    levels = [r for r in previous if sa <= r["offset"] < ca and fits(r["unit"]) and not r["change"]
              and GARBLED[2] not in r["flag"]]
    run = number_list(text, ca, cb)
    index = next((i for i, (s, _) in enumerate(run) if s == start), None)
    if index is not None and "分别" in text[ca:run[0][0]]:
        return levels[len(levels) - len(run) + index] if len(levels) >= len(run) else None
    return levels[-1] if levels else None


def change_indicator(level: str, unit: str, terms: R.Terms) -> str:
    """The catalog's change of the indicator `level` in this unit (rd_expenditure: its _growth,
    rd_intensity: its _change in points), or "" when the catalog has none."""
    return next((level + s for s in CHANGE_IDS if R.unit_fit(terms.units.get(level + s, ""), unit)), "")


# words before a figure's name that make it a part of the total the name counts: who performs
# or signs (高校, 企业), which way a contract goes (输出, 吸纳, 流向), its type or field
PART_WORDS = ("高等学校", "高校", "科研院所", "研究机构", "企业", "输出", "吸纳", "流向", "技术服务",
              "技术开发", "技术转让", "技术咨询", "技术许可", "专利", "领域")
SHORT_SUBJECT = 3   # characters: 成交额为, 成交金额 (成交额) name a measure, not whose it is


def subject_words(text: str, start: int, end: int, ca: int, item: tuple[int, int] | None) -> str:
    """The words that say whose the figure is: a list's name (高校、科研院所…分别为x、y), else the
    number's clause before it, with the clause it inherits its subject from, and the sentence
    before it when the clause names only a measure (我省输出技术16121项,成交金额1967975.75万元)."""
    if item:
        return text[item[0]:item[1]]
    own = text[ca:start]
    if len(re.sub(r"[^\u4e00-\u9fff]", "", FILLER.sub("", own.replace("成交金额", "成交额")))) <= SHORT_SUBJECT:
        return text[R.bounds(text, start, end, R.SCOPE_END)[0]:start]
    inherited = inherited_subject(text, start, end)
    return (text[slice(*inherited)] if inherited else "") + own   # in the text's order


ADJACENT = ("企业",)   # the subject of many a sentence (给予999家企业…): a part only right before the name
NEXT = 6   # characters after the part word in which the name must begin


def names_next(subject: str, word: str, term: str) -> bool:
    """Whether the term's own words begin right after the word (各类企业研究与试验发展(R&D)经费)."""
    after = re.split(r"[、，,；;]", R.RD_NAME.sub("研发", subject[subject.rfind(word) + len(word):]))[0][:NEXT]
    return bool((R.bigrams(term) - R.GENERIC) & R.bigrams(after))


def named_before(subject: str, word: str, term: str) -> bool:
    """Whether the term's own words (a phrase: two pairs of characters or more; of a share, its
    numerator's) stand before the word, which is then inside the name the term matches
    (推荐至省税务局的企业名单中: 推荐至…名单 is the term's), not in front of it."""
    own = R.bigrams(term.split("占")[0]) - R.GENERIC
    return len(own & R.bigrams(R.RD_NAME.sub("研发", subject[:subject.find(word)]))) >= 2


def part_of_total(ranked: list, subject: str, terms: R.Terms) -> tuple[list, str]:
    """(ranked, flag) for a figure whose subject has a part word its indicator's words lack:
    高校技术合同成交额 is not the turnover, 各类企业研发经费 not all R&D. An indicator whose
    words hold the part word (企业研发经费支出) is taken; else none is (a new indicator)."""
    if not ranked:
        return ranked, ""
    word = next((w for w in PART_WORDS if w in subject and w not in ranked[0][2]
                 and not named_before(subject, w, ranked[0][2])
                 and (w not in ADJACENT or names_next(subject, w, ranked[0][2]))), "")
    if not word:
        return ranked, ""
    holds = [r for r in ranked if r[0] >= NEW_INDICATOR_BELOW and
             any(word in t for t in terms.terms[r[1]])]
    if holds:
        return holds + [r for r in ranked if r not in holds], ""
    return [], (f"a part of a total? {word} before the name: the figure counts only those, not all "
                f"{ranked[0][1]}: proposed as a new indicator")


def share_of_own_total(ranked: list, text: str, ca: int, start: int) -> list:
    """A share of the province's total needs the province in its denominator: 占总成交额的75.62%
    is a share of the document's own total, not of the province's."""
    at = text.rfind("占", ca, start)
    if at < 0 or re.search(r"全省|省|全国", text[at:start]):
        return ranked
    return [r for r in ranked if not r[1].endswith("_share_of_province")]


def read_indicator(text: str, start: int, end: int, unit: R.Unit, terms: R.Terms,
                   ca: int, cb: int, previous: list[dict] | None = None) -> tuple[list, list[str]]:
    """The ranked indicators for a number, and the flags its reading raises: a total read as
    new additions, a cumulative figure read as a year's."""
    item = respectively_item(text, ca, cb, start)
    if item:
        windows = [(item[0], item[1], 1.0), (ca, cb, 0.3)]
        near_words = item
    else:
        windows = clause_windows(text, start, end)
        near_words = near_span(text, start, end)
    near = R.bigrams(text[slice(*near_words)])
    context = R.weighted_context(text, start, end, windows)
    ranked = R.score_indicators(context, terms, unit.unit, near)
    level = text_level(text, start)
    after = LEVEL_IN_TEXT.match(text, unit.end, min(cb, unit.end + 4))
    if not level and after:   # 新组建50家市级研发平台: the level may follow the number
        level = LEVELS[after.group()[0]]
    if level:   # 新增省级重点实验室1家,工程技术研究中心2家: the 2 are provincial, not city centres
        ranked = [r for r in ranked if term_level(terms.terms[r[1]][0]) in ("", level)]
    sa = R.bounds(text, start, end, R.SCOPE_END)[0]
    said = text[item[0]:item[1]] + text[sa:cb] if item else text[sa:cb]
    # the words right before the number, past the list it ends (分别增长26.3%、44.4%: 分别增长)
    said_before = re.sub(r"(?:\d+(?:\.\d+)?[%％]?[、和及与])+$", "", text[ca if item else near_words[0]:start])
    ranked = [r for r in ranked if R.measure_fits(terms.terms[r[1]][0], unit.unit, said, said_before)]
    # a word of the number's own clause that names another measure (认定 in 认定通过率) rules an
    # indicator out (indicator_terms.csv); a clause before it (推荐669家企业申报高企,高企总数…) does not
    ranked = [r for r in ranked if not any(w in said_before for w in terms.excludes.get(r[1], ()))]
    # 科技型企业 (technology-based firms) are neither 科技型中小企业 (SMEs) nor 高新技术企业: only a
    # term that says 科技型企业 names them
    named = text[slice(*item)] if item else text[near_words[0]:start]
    if "科技型企业" in named:
        ranked = [r for r in ranked if "科技型企业" in r[2]]
    # a five-year average or total is one only where the clause says so (年均, 累计, 五年)
    if not re.search(r"年均|累计|五年|十三五|十二五|期间", text[ca:cb]):
        ranked = [r for r in ranked if not r[1].endswith(("_avg_5y", "_5y"))]
    flags = []
    ranked = share_of_own_total(ranked, text, ca, start)
    level = level_of_change(text, start, end, unit.unit, previous or [])
    # a policy's scope (对电子信息领域企业给予…) is whom it pays, not a part of a total; a bare
    # change is its level's, part or not (below)
    if level is None and not any(w in text[R.bounds(text, start, end, R.SENTENCE_END)[0]:start]
                                 for w in R.POLICY_WORDS):
        ranked, part = part_of_total(ranked, subject_words(text, start, end, ca, item), terms)
        flags += [part] if part else []
    before = text[ca:start]
    if ranked and is_flow(ranked[0][1], terms) and not any(w in before for w in NEW_WORDS):
        total = next((w for w in TOTAL_WORDS if w in before), "")
        if total:
            top = ranked[0]
            stock = next((r for r in ranked[1:] if not is_flow(r[1], terms)
                          and r[0] >= max(top[0] - 0.25, 0.45)), None)
            flags.append(f"total read as new? {total!r} and no 新增 before the number: not {top[1]} "
                         f"(additions), which would change a target's verdict; "
                         + (f"read as {stock[1]}" if stock else "proposed as a new indicator"))
            ranked = [stock] + [r for r in ranked if r is not stock] if stock else []
    per = re.search(r"单个|每个|每家|每项|每年|单项|单笔", before)
    if ranked and per and not any(w in ranked[0][2] for w in ("每", "单", "上限", "门槛", "比例")):
        flags.append(f"per item? {per.group()} before the number: a cap or an amount per item, "
                     f"not the total {ranked[0][1]}"
                     + ("" if per.group() == "每年" else ": proposed as a new indicator"))
        ranked = ranked if per.group() == "每年" else []   # a year's figure is still the year's
    sub = re.search(r"([^，,；;。]{2,20})中[，,]$", text[max(0, ca - 30):ca])
    if ranked and sub:
        flags.append(f"a part of a group? the clause before names {sub.group(1)}中: the figure "
                     f"counts only those, not all {ranked[0][1]}"
                     + ("" if unit.unit == "percent" else ": proposed as a new indicator"))
        ranked = ranked if unit.unit == "percent" else []   # a share of the group is a share
    if ranked and "累计" in before and not any(w in ranked[0][1] for w in ("cumulative", "_5y")):
        flags.append(f"cumulative read as a year? 累计 before the number, and {ranked[0][1]} is a "
                     f"year's figure")
    if ranked:
        a, b = (near_words[1], near_words[1]) if item else (start, unit.end)   # a list's name: all of it
        unexplained = unexplained_subject(text, near_words, a, b, ranked[0][2], terms, ranked[0][1])
        # 入库科技型中小企业4892家、同比增长54.7%: a number whose subject stands earlier in its
        # own clause is that subject's, explained or not (only there: a share 占全省的x% speaks of
        # a clause before, which a term names in other words)
        subject = None if item or unexplained else inherited_subject(text, start, end)
        if subject and subject[0] == ca:
            unexplained = unexplained_subject(text, subject, subject[1], subject[1], ranked[0][2],
                                              terms, ranked[0][1])
        share_of = text.rfind("占", ca, start)
        if not unexplained and share_of > ca and "占" in ranked[0][2]:
            unexplained = unexplained_subject(text, (ca, share_of), share_of, share_of, ranked[0][2],
                                              terms, ranked[0][1], numerator=True)
        if unexplained:
            flags.append(f"other subject? the words next to the number ({unexplained}) are not "
                         f"{ranked[0][1]}'s ({ranked[0][2]}): proposed as a new indicator")
            ranked = []
    # a bare change (…成交额528.16亿元,同比增长67.84%) is the change of the figure it follows: its
    # change in the catalog, or a new indicator when that figure is one (a part of a total); when
    # the catalog has no change of that figure, the words decide as before
    change = change_indicator(level["indicator"], unit.unit, terms) if level else ""
    if change:
        ranked = [(max(ranked[0][0] if ranked else 0.0, 0.8), change, terms.terms[change][0])]
    elif level and level["indicator"].startswith("new_"):
        flags.append(f"the change of a figure proposed as a new indicator ({level['indicator']}): "
                     f"proposed as a new indicator too")
        ranked = []
    own = own_share(ranked[0][2], context) if ranked else 0.0
    return ranked, flags, own


EXPLAINED = 0.34  # a number whose own subject words the term explains less than this is another figure


# words that name no subject: the generic ones, verbs, dates, measure words (cut out before the
# bigrams, so 支出达到 gives no 出达)
FILLER = re.compile("|".join(sorted(R.GENERIC_WORDS + (
    "达到", "实现", "完成", "获得", "共有", "共计", "总计", "合计", "全社会", "其中", "分别", "同比去年",
    "比上年", "较上年", "为", "达", "有", "是", "了", "共", "的", "年", "月", "和", "及", "与", "在",
    "家", "个", "项", "名", "件", "亿元", "万元", "亿", "万", "全年", "今年", "去年", "以上", "超过",
    "突破", "约", "近", "逾", "继续", "保持", "力争", "争取", "确保", "推动", "实施", "组织", "开展",
    "预计", "遴选", "推荐", "吸引", "成功", "进一步"), key=len, reverse=True)))


def unexplained_subject(text: str, span: tuple[int, int], start: int, unit_end: int, term: str,
                        terms: R.Terms, indicator: str = "", numerator: bool = False) -> str:
    """The words next to the number when they name a subject that `term` does not: 过会企业3家 is
    not tech_sme_registered, 基础研究经费 not rd_expenditure. Empty when the term explains them.
    With `numerator`, the words are a share's numerator (A占B的比重) and only the terms' words
    before 占 explain them: 战略性新兴产业增加值占规模以上工业增加值的比重 is not the share of
    高新技术产业增加值, however much of the denominator the two share."""
    def clean(s):   # an aside in brackets (与国内生产总值之比) names no subject; R&D is 研发
        s = R.RD_NAME.sub("研发", re.sub(r"[(（][^()（）]*[)）]", "", s))
        return re.sub(r"\d+(?:\.\d+)?|[“”\"'()（）—%]", "", s)

    # the subject is the words before the number, after any list of names (A公司、B等8个项目);
    # when those are too few, the words after it (5家企业获奖)
    before = re.split(r"等|公司|、|和", clean(text[span[0]:start]))[-1]
    after = clean(text[unit_end:span[1]])
    # a count followed by its noun (…研究院4家研究院运营良好, 5家企业获奖) is named after the number
    counted = text[unit_end - 1:unit_end] in R.MEASURE_WORDS and len(R.bigrams(FILLER.sub("|", after))) >= 2
    words = after if counted else before   # a growth or share with no words before it: inherited
    core = R.bigrams(FILLER.sub("|", words))
    if len(core) < 3:
        return ""
    own = terms.terms.get(indicator, [term])
    vocabulary = frozenset().union(*(R.bigrams(t.split("占")[0] if numerator else t) for t in own))
    share = (sum(terms.idf.get(b, 1.0) for b in core & vocabulary)
             / sum(terms.idf.get(b, 1.0) for b in core))
    return "" if share >= EXPLAINED else words.strip("、，,")


def own_share(term: str, context: dict[str, float]) -> float:
    """The share of a term's own (non-generic) words printed in the number's clause: a subject
    inherited from an earlier clause (…增长10.2%; 比上年增加12.8亿元) is a guess, never sure."""
    core = R.bigrams(term) - R.GENERIC or R.bigrams(term)
    return sum(context.get(b, 0.0) >= 0.7 for b in core) / len(core) if core else 0.0


def line_before(text: str, at: int) -> str:
    """The last non-empty line before offset `at` (a line's start): the heading over a line."""
    lines = [ln for ln in text[max(0, at - 200):at].split("\n") if ln.strip()]
    return lines[-1].strip() if lines else ""


def draft_row(text: str, start: int, end: int, value: float, unit: R.Unit, ctx: Context,
              terms: R.Terms, all_parts: list[R.Part], flags: list[str],
              qualifier_override: tuple[str, str] | None = None,
              previous: list[dict] | None = None) -> dict:
    why = []
    ca, cb = R.bounds(text, start, end, R.CLAUSE_END)
    sa, sb = R.bounds(text, start, end, R.SENTENCE_END)
    scope_a, scope_b = R.bounds(text, start, end, R.SCOPE_END)
    pa, pb = R.bounds(text, start, end, "\n")
    part = R.part_at(all_parts, start)
    doc = T.Doc(ctx.year, ctx.published, ctx.doc_kind)
    why.append(f"unit {unit.word or 'none'}→{unit.unit}")
    qualifier, qword = qualifier_override or R.read_qualifier(text, start, unit)
    if qword:
        why.append(f"qualifier {qword}→{qualifier}")
    sign, sword = (1, "") if unit.unit == "rank" else R.read_sign(text[near_span(text, start, end)[0]:start])
    if unit.unit != "rank" and re.search(r"[(（][-－−]$", text[max(0, start - 2):start]):
        sign, sword = -1, text[start - 2:start]   # 亳州(-69.1%): a sign printed in brackets is kept
    if sword:
        why.append(f"sign {sword}→negative")
    spans = ((ca, cb), (scope_a, scope_b), (pa, pb), (part.start, start))
    printed = T.read_period(text, start, *spans, doc, part, target=False)
    kind = T.read_kind(text[sa:start], text[ca:start], text[ca:cb], text[unit.end:unit.end + 12],
                       text[pa:pb], part, doc, None if printed.word == "the document's year" else printed.value,
                       money=unit.unit.startswith("cny"), task_heading=line_before(text, pa))
    why.append(f"kind {kind.word}→{kind.value}" if kind.word else f"kind →{kind.value}")
    period = T.read_period(text, start, *spans, doc, part,
                           target=kind.value == "target" and not kind.word.endswith(T.TASK_FIGURES))
    why.append(f"period {period.value} ({period.word})")
    if kind.sure < 0.85:
        other = "actual" if kind.value == "target" else "target"
        flags = flags + [f"kind: {kind.value} ({kind.word or 'by default'}) or {other}? check the "
                         f"clause's tense"]
    region, rword = R.read_region(text, start, scope_a, ctx.city, ctx.province)
    why.append(f"region {rword}→{region}" if rword else f"region →{region} (the document's city)")

    ranked, iflags, own = read_indicator(text, start, end, unit, terms, ca, cb, previous)
    flags = flags + iflags
    note = ""
    if ranked and ranked[0][0] >= NEW_INDICATOR_BELOW:
        score, indicator, term = ranked[0]
        runner = f"; next {ranked[1][1]} {ranked[1][0]:.2f}" if len(ranked) > 1 else ""
        why.append(f"indicator {indicator} {score:.2f} by {term!r}{runner}")
        margin = score - (ranked[1][0] if len(ranked) > 1 else 0)
        if len(ranked) > 1 and margin < NARROW_MARGIN:
            word = "tie" if margin < TIE_MARGIN else "narrow margin"
            flags = flags + [f"{word}: {indicator} {score:.2f} or {ranked[1][1]} {ranked[1][0]:.2f}"]
        other = R.scheme_missing(indicator, text[sa:sb], terms)
        if other:
            flags = flags + [other]
        catalogued = terms.units.get(indicator)
        if catalogued and catalogued != unit.unit:  # 近9000万元 for an indicator the catalog keeps in 亿元
            flags = flags + [f"{UNIT_FLAG}: printed in {unit.unit}, catalog.csv keeps {indicator} in {catalogued}; "
                             f"record it under an indicator in {unit.unit} (a catalog.csv row) that "
                             f"measures.csv declares the same measure as {indicator}"]
    else:
        item = respectively_item(text, ca, cb, start)
        name = (R.whole_words(text[item[0]:item[1]]) if item else
                R.subject_phrase(text[ca:start], text[unit.end:cb]) or R.whole_words(text[ca:cb]))
        indicator = propose_id(name)
        score, margin = (ranked[0][0] if ranked else 0.0), 0.0
        best = f" (closest {ranked[0][1]} {ranked[0][0]:.2f})" if ranked else ""
        flags = flags + [f"not in the catalog: proposed id {indicator}, name_zh {name!r}, "
                         f"name_en to write{best}"]
        note = f"NEW INDICATOR name_zh={name}; name_en=?"
        why.append(f"indicator not in the catalog{best}")
    quote, unique = quote_for(text, start, end)
    if not unique:
        flags = flags + [f"{QUOTE_FLAG}: the text repeats this passage; widen the quote by hand "
                         f"until it is found once"]
    found = problems(indicator, sign * value, unit.unit, qualifier, quote, "")
    if found and not any(f.startswith(GARBLED) for f in flags):
        flags = flags + [f"{APPEND_FLAG} {found[0]}: {found[1]}"]
    confidence = min(0.35 + 0.4 * min(score, 1.0) + 0.25 * min(margin * 4, 1.0),
                     kind.sure, period.sure)
    if own < 0.5:
        confidence = min(confidence, INHERITED)
    if not unit.word:
        confidence -= 0.15
    if flags:
        confidence = min(confidence - 0.1, CAP_FLAGGED)
    if flags:
        note = "; ".join(filter(None, [note, *(f"garbled: {f}" for f in flags if f.startswith(GARBLED))]))
        note = note.replace("\n", " ")
    return {
        "indicator": indicator, "region": region, "period": period.value, "kind": kind.value,
        "value": sign * value, "unit": unit.unit, "qualifier": qualifier, "source": ctx.source,
        "quote": quote, "note": note,
        "confidence": round(max(0.0, min(1.0, confidence)), 2),
        "flag": " | ".join(flags).replace("\n", " "), "why": "; ".join(why).replace("\n", " "),
        "offset": start, "change": R.CHANGE_BEFORE.search(text[near_span(text, start, end)[0]:start].strip()) is not None,
    }


INHERITED = 0.85     # the indicator's words are not in the number's own clause
APPEND_FLAG = "append will ask for"   # the loader's meaning check, run on the drafted row
CAP_FLAGGED = 0.75   # a flagged row is never "sure": the reviewer reads it
GARBLED = ("two numbers run together", "looks like a year", "no unit after the number")


def extract(text: str, ctx: Context, terms: R.Terms, exclusions: pd.DataFrame | None = None
            ) -> pd.DataFrame:
    """One draft row per number of `text` that the coverage rules do not skip, in text order."""
    excused = excused_offsets(text, exclusions) if exclusions is not None and len(exclusions) else {}
    all_parts = R.parts(text)
    rows = []
    for num in find_numbers(text):
        if num.generic is not None or num.start in excused:
            continue
        unit = R.read_unit(text, num.start, num.end)
        flags = R.garbled(text, num.start, num.end, unit)
        rows.append(draft_row(text, num.start, num.end, num.value, unit, ctx, terms, all_parts,
                              flags, previous=rows))
    for start, end, value in R.chinese_ranks(text):
        if start in excused:
            continue
        unit = R.Unit("rank", "第", end, "")
        rows.append(draft_row(text, start, end, float(value), unit, ctx, terms, all_parts, []))
    for start, end, value, unit_id in word_numbers(text):
        unit = R.Unit(unit_id, text[start:end], end, "")
        rows.append(draft_row(text, start, end, value, unit, ctx, terms, all_parts, [],
                              R.read_word_qualifier(text, start, end)))
    df = pd.DataFrame(rows, columns=DRAFT_COLUMNS + ["offset"])
    return df.sort_values("offset").reset_index(drop=True)


# --- input checks -----------------------------------------------------------------------------

MAX_TEXT_BYTES = 1 << 20  # 1 MB: a work summary is 20-50 kB; drafting 1 MB takes about 15 s
HTML_TAGS = frozenset("html head body title meta link script style div span p br a table tr td "
                      "ul ol li h1 h2 h3 h4 h5 h6 section article img font iframe form".split())


class _Tags(HTMLParser):
    """The HTML elements of a text (the standard library's parser: no guessing with patterns)."""

    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in HTML_TAGS:
            self.found.append(tag)

    def handle_decl(self, decl):
        if decl.lower().startswith("doctype html"):
            self.found.append("!DOCTYPE")


def html_tags(text: str) -> list[str]:
    parser = _Tags()
    parser.feed(text)
    parser.close()
    return parser.found


def read_source_text(path: Path) -> str:
    """The document's text; refused (one line) when missing, empty, binary, over MAX_TEXT_BYTES,
    not UTF-8, or an HTML page, whose markup would be drafted as if it were the document."""
    if not path.exists():
        raise DraftError(f"{path}: file not found")
    if not path.is_file():
        raise DraftError(f"{path}: not a file")
    size = path.stat().st_size
    if size > MAX_TEXT_BYTES:
        raise DraftError(f"{path}: {size} bytes; the draft reads documents of at most "
                         f"{MAX_TEXT_BYTES} bytes (1 MB): split it and draft each part")
    data = path.read_bytes()
    if not data.strip():
        raise DraftError(f"{path}: the file is empty")
    if b"\x00" in data[:4096]:
        raise DraftError(f"{path}: a binary file, not text; give the document as UTF-8 text")
    try:
        text = decode_utf8(path)
    except DataError as e:
        raise DraftError(str(e)) from None
    tags = html_tags(text)
    if tags:
        raise DraftError(f"{path}: an HTML page (<{tags[0]}>), not the document's text; save its "
                         f"text as UTF-8 (a browser's save as text) and draft that file")
    return text


def context_for(source: str, year: int | None, city: str | None, text: str,
                data_dir: Path) -> Context:
    if not re.fullmatch(SNAKE_CASE, source or ""):
        raise DraftError(f"--source {source!r}: malformed source id; use lowercase letters, "
                         f"digits and _, starting with a letter (e.g. nanchang_2022)")
    known = optional_table(data_dir, SOURCES)
    known = pd.DataFrame(columns=["source", "city", "year"]) if known is None else known
    row = known[known["source"] == source]
    m = re.fullmatch(r"([a-z]+)_(?:[a-z0-9_]*_)?((?:19|20)\d{2})(?:_[a-z0-9_]*)?", source)
    if year is None:
        if len(row):
            year = int(row["year"].iloc[0])
        elif m:
            year = int(m.group(2))
        elif (t := re.search(r"((?:19|20)\d{2})年[^\n]{0,12}(?:总结|报告|公报)", text[:400])):
            year = int(t.group(1))
        else:
            raise DraftError(f"--source {source!r}: cannot tell the year the document reviews; "
                             f"pass --year")
    reg = regions(data_dir)
    if city is None:
        city = row["city"].iloc[0] if len(row) else (m.group(1) if m else source.split("_")[0])
    parent = reg.loc[reg["region"] == city, "parent"]
    province = parent.iloc[0] if len(parent) and parent.iloc[0] else "province"
    published = str(row["published"].iloc[0]) if len(row) and "published" in row else ""
    doc_kind = str(row["kind"].iloc[0]) if len(row) and "kind" in row else guess_kind(text)
    return Context(source, int(year), city, province, published, doc_kind)


def guess_kind(text: str) -> str:
    """A document's kind from its title, for a file not yet in sources.csv (work_summary when the
    title does not say: the draft's rules were first written for a summary)."""
    head = text[:200]
    for words, kind in ((("工作要点", "工作计划", "实施方案", "行动计划"), "work_plan"),
                        (("规划",), "five_year_plan"), (("统计公报", "公报"), "statistics_bulletin"),
                        (("新闻网", "记者", "讯"), "news_report")):
        if any(w in head for w in words):
            return kind
    return "work_summary"


def draft_file(path: Path, source: str, year: int | None = None, city: str | None = None,
               data_dir: Path = DATA_DIR) -> pd.DataFrame:
    """The draft of one raw file (registered in sources.csv or not)."""
    text = read_source_text(Path(path))
    ctx = context_for(source, year, city, text, data_dir)
    exclusions = None
    if (Path(data_dir) / COVERAGE_EXCLUSIONS.file).exists():
        exc = load_table(data_dir, COVERAGE_EXCLUSIONS)
        exclusions = exc[exc["source"] == source]
    return extract(text, ctx, build_terms(data_dir), exclusions)


def to_csv(df: pd.DataFrame) -> str:
    """The draft as CSV, its text cells guarded as in every published table (an analyst opens
    it in a spreadsheet); the value is a number, formatted after the guard, so -5 stays -5."""
    out = safe_frame(df[DRAFT_COLUMNS])
    out["value"] = [f"{v:g}" if abs(v) < 1e15 else str(v) for v in out["value"]]
    return out.to_csv(index=False, lineterminator="\n")


# --- the analyst's review: written once, never overwritten --------------------------------------

def write_draft_once(out: Path, draft: pd.DataFrame) -> tuple[Path, str]:
    """Write the draft to `out` unless `out` exists: that file is the analyst's review, which a
    new run must not lose. Then the fresh draft goes beside it (draft.new.csv, or draft.new-2.csv
    when that one differs too); a fresh draft equal to a file already there is not written again.
    Returns the path of the fresh draft and a sentence saying what happened."""
    out = Path(out)
    text = to_csv(draft)
    if not out.exists():
        write_out(out, text)
        return out, f"the draft is in {out}: review it there, then append it"
    for n in range(1, 1000):
        beside = out.with_name(f"{out.stem}.new{'' if n == 1 else f'-{n}'}{out.suffix}")
        if beside.exists() and beside.read_text(encoding="utf-8") == text:
            return beside, (f"{out} exists and is kept (your review); this draft is the same as "
                            f"{beside.name}, already beside it")
        if not beside.exists():
            write_out(beside, text)
            return beside, (f"{out} exists and is kept (your review); this run's draft is in "
                            f"{beside.name} beside it: compare, and merge what you need by hand")
    raise DraftError(f"{out}: too many drafts beside it; remove the ones you no longer need")


def read_reviewed(path: Path) -> pd.DataFrame:
    """A draft file as the analyst left it (for display): numbers as numbers, guards removed."""
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    for c in df.columns:
        df[c] = [restore(v) for v in df[c]]
    for c in ("value", "confidence"):
        if c in df:
            df[c] = pd.to_numeric(df[c], errors="coerce")
    return df


# --- display ---------------------------------------------------------------------------------

def quote_html(quote: str, value: float, unit: str) -> str:
    """The quote, HTML-escaped, with its number marked."""
    import html

    token = f"{abs(value):g}"
    for m in re.finditer(r"\d+(?:\.\d+)?", quote):
        if float(m.group()) == abs(value):
            a, b = m.span()
            return (html.escape(quote[:a]) + "<mark>" + html.escape(quote[a:b]) + "</mark>"
                    + html.escape(quote[b:]))
    at = quote.find(next((c for c in quote if R.chinese_numeral(c) == abs(value)), token)) \
        if unit == "rank" else -1
    if at >= 0:
        return html.escape(quote[:at]) + "<mark>" + html.escape(quote[at]) + "</mark>" + \
            html.escape(quote[at + 1:])
    return html.escape(quote)


def styled(draft: pd.DataFrame, columns: tuple[str, ...] = (
        "confidence", "indicator", "region", "period", "kind", "value", "unit", "qualifier",
        "quote", "flag")):
    """The draft as a table for review: the number marked in its quote, low confidence in red."""
    shown = draft.copy()
    shown["quote"] = [quote_html(q, v, u) for q, v, u in
                      zip(draft["quote"], draft["value"], draft["unit"])]
    shown = shown[list(columns)]
    return (shown.style.set_uuid("draft").hide(axis="index")
            .format({"confidence": "{:.2f}", "value": "{:g}"}, escape=None)
            .map(lambda c: "color: #b00020; font-weight: bold" if c < 0.6 else "",
                 subset=["confidence"])
            .set_properties(subset=["quote"], **{"text-align": "left"}))


# --- evaluation -------------------------------------------------------------------------------

def truth_offsets(text: str, rows: pd.DataFrame) -> list[tuple[int, object]]:
    """(offset of the number, hand-made row) for each row of a source."""
    out = []
    for row in rows.itertuples():
        at = text.find(row.quote)
        if at < 0:
            continue
        found = None
        for num in find_numbers(text[at:at + len(row.quote)]):
            if num.value == abs(row.value):
                found = at + num.start
                break
        if found is None and row.unit == "rank":
            for s, _, v in R.chinese_ranks(text):
                if at <= s < at + len(row.quote) and v == abs(row.value):
                    found = s
                    break
        if found is not None:
            out.append((found, row))
    return out


def evaluate(data_dir: Path = DATA_DIR) -> pd.DataFrame:
    """Per source with hand-made rows: numbers found and rows drafted right, column by column.
    The indicator terms leave out the quotes of the source being scored (no peeking)."""
    ds = load_dataset(data_dir)
    records = []
    for src in ds.sources.itertuples():
        rows = ds.indicators[ds.indicators["source"] == src.source]
        if rows.empty:
            continue
        text = ds.texts[src.source]
        ctx = context_for(src.source, int(src.year), src.city, text, data_dir)
        exc = ds.exclusions[ds.exclusions["source"] == src.source]
        draft = extract(text, ctx, build_terms(data_dir, exclude_source=src.source), exc)
        by_offset = {o: r for o, r in zip(draft["offset"], draft.to_dict("records"))}
        hits = {"values": 0, "period": 0, "indicator": 0, "region": 0}
        for offset, row in truth_offsets(text, rows):
            d = by_offset.get(offset)
            if d is None:
                continue
            hits["values"] += int(d["value"] == row.value and d["unit"] == row.unit
                                  and d["qualifier"] == row.qualifier and d["kind"] == row.kind)
            hits["period"] += int(d["period"] == row.period)
            hits["indicator"] += int(d["indicator"] == row.indicator)
            hits["region"] += int(d["region"] == row.region)
        records.append({"source": src.source, "numbers_found": len(draft), "rows": len(rows),
                        "value_unit_qualifier_kind_sign": hits["values"],
                        "period": hits["period"], "region": hits["region"],
                        "indicator": hits["indicator"]})
    df = pd.DataFrame(records)
    if not df.empty:
        total = df.drop(columns="source").sum()
        df = pd.concat([df, pd.DataFrame([{"source": "TOTAL", **total.to_dict()}])],
                       ignore_index=True)
    return df


def format_evaluation(df: pd.DataFrame) -> str:
    lines = ["draft vs hand-made rows (a row counts when the draft has a row at its number and "
             "the column(s) agree)",
             f"{'source':<18}{'found':>7}{'rows':>6}  {'val+unit+qual+kind+sign':>24}"
             f"{'period':>14}{'region':>14}{'indicator':>14}"]
    for r in df.itertuples():
        def pct(n, rows=r.rows):
            return f"{n:>4} {100 * n / rows:5.1f}%"
        lines.append(f"{r.source:<18}{r.numbers_found:>7}{r.rows:>6}  "
                     f"{pct(r.value_unit_qualifier_kind_sign):>24}{pct(r.period):>14}"
                     f"{pct(r.region):>14}{pct(r.indicator):>14}")
    return "\n".join(lines)


# --- append -----------------------------------------------------------------------------------

def read_draft(path: Path) -> list[list[str]]:
    if not path.is_file():
        raise DraftError(f"{path}: file not found")
    try:
        text = decode_utf8(path)
    except DataError as e:
        raise DraftError(str(e)) from None
    rows = list(csv.reader(io.StringIO(text, newline="")))
    rows = [r for r in rows if r]
    if not rows:
        raise DraftError(f"{path}: the draft is empty")
    header = rows[0]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise DraftError(f"{path}, line 1: missing column {missing[0]!r}; a draft has the columns "
                         f"of indicators.csv ({','.join(COLUMNS)}) and may add {','.join(EXTRA)}")
    keep = [header.index(c) for c in COLUMNS]
    return [[restore(r[i]) if i < len(r) else "" for i in keep] for r in rows[1:]]


def unpaired_targets(rows: list[list[str]], data_dir: Path) -> list[tuple[int, str, str]]:
    """(draft row, source, indicator) of each target that data/target_baselines.csv does not pair
    with a baseline: section 9 follows a target to its outcome only through that row."""
    paired: set[tuple[str, str]] = set()
    if (Path(data_dir) / TARGET_BASELINES.file).exists():
        tb = load_table(Path(data_dir), TARGET_BASELINES)
        paired = {(s, ind) for s, t in zip(tb["source"], tb["target"]) for ind in t.split("+")}
    at = {c: COLUMNS.index(c) for c in ("indicator", "kind", "source")}
    return [(i, r[at["source"]], r[at["indicator"]]) for i, r in enumerate(rows, start=1)
            if r[at["kind"]] == "target" and (r[at["source"]], r[at["indicator"]]) not in paired]


def append(draft_path: Path, data_dir: Path = DATA_DIR, dry_run: bool = False,
           allow_unpaired: bool = False) -> int:
    """Validate data/ with the draft's rows added (on a temporary copy), and check that every
    target has its baseline row; then replace data/indicators.csv atomically. Returns the
    number of rows appended (or that would be)."""
    data_dir = Path(data_dir)
    rows = read_draft(Path(draft_path))
    target = data_dir / INDICATORS.file
    original = target.read_bytes()
    first_new_line = original.decode("utf-8").count("\n") + 1 + (0 if original.endswith(b"\n") else 1)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerows(rows)
    new = original + (b"" if original.endswith(b"\n") or not original else b"\n") \
        + buf.getvalue().encode("utf-8")
    with tempfile.TemporaryDirectory(prefix="nsr-append-") as tmp:
        copy = Path(tmp) / "data"
        shutil.copytree(data_dir, copy)
        (copy / INDICATORS.file).write_bytes(new)
        try:
            load_dataset(copy)
        except DataError as e:
            where = str(e).replace(str(copy), str(data_dir))
            if e.file.endswith(INDICATORS.file) and e.line and e.line >= first_new_line:
                where = (f"{draft_path}, draft row {e.line - first_new_line + 1}: " +
                         str(e).split(": ", 1)[1] if ": " in str(e) else where)
            raise DraftError(f"not appended, {target} unchanged: {where}") from None
    unpaired = [] if allow_unpaired else unpaired_targets(rows, data_dir)
    if unpaired:
        row, source, indicator = unpaired[0]
        raise DraftError(f"not appended, {target} unchanged: {draft_path}, draft row {row}: the target "
                         f"{indicator} of {source} has no row in {data_dir / TARGET_BASELINES.file} "
                         f"(source,target,baseline,comparability,note,note_zh: the figure it is set "
                         f"against); add one, or pass --allow-unpaired when there is none"
                         + (f" ({len(unpaired) - 1} more target(s) unpaired)" if len(unpaired) > 1 else ""))
    if not dry_run:
        tmp_target = target.with_suffix(".csv.tmp")
        tmp_target.write_bytes(new)
        os.replace(tmp_target, target)
    return len(rows)


# --- command line -----------------------------------------------------------------------------

def check_out(out: Path, data_dir: Path) -> None:
    """--out is a file in an existing folder, outside the data (checked before drafting)."""
    if out.is_dir():
        raise DraftError(f"--out {out}: a folder; give a file name such as {out / 'draft.csv'}")
    if not out.parent.is_dir():
        raise DraftError(f"--out {out}: the folder {out.parent} does not exist; create it or "
                         f"write the draft elsewhere")
    data = Path(data_dir).resolve()
    if data in out.resolve().parents:
        raise DraftError(f"--out {out} is inside the data folder {data}; write the draft elsewhere "
                         f"and add it with: python -m helpers.data.draft append")


def write_out(out: Path, text: str) -> None:
    """Write the draft whole or not at all (a temporary file renamed over the target)."""
    tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, out)
    except OSError as e:
        tmp.unlink(missing_ok=True)
        raise DraftError(f"--out {out}: cannot be written ({e.strerror or e})") from None


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # one line, exit 2
        raise DraftError(f"{self.prog}: {message}")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    try:
        if argv[:1] == ["append"]:
            p = _Parser(prog="python -m helpers.data.draft append",
                        description="append a reviewed draft to data/indicators.csv")
            p.add_argument("draft", type=Path)
            p.add_argument("--data-dir", type=Path, default=DATA_DIR)
            p.add_argument("--dry-run", action="store_true", help="validate only")
            p.add_argument("--allow-unpaired", action="store_true",
                           help="append targets that target_baselines.csv pairs with no baseline")
            a = p.parse_args(argv[1:])
            n = append(a.draft, a.data_dir, a.dry_run, a.allow_unpaired)
            verb = "would append" if a.dry_run else "appended"
            print(f"{a.draft}: valid; {verb} {n} rows to {a.data_dir / INDICATORS.file}")
            return 0
        p = _Parser(prog="python -m helpers.data.draft", description=__doc__.split("\n\n")[0],
                    epilog="then: python -m helpers.data.draft append DRAFT.csv [--data-dir DIR] [--dry-run] "
                           "[--allow-unpaired] appends the reviewed draft (append --help)")
        p.add_argument("file", nargs="?", type=Path)
        p.add_argument("--source")
        p.add_argument("--year", type=int)
        p.add_argument("--city")
        p.add_argument("--out", type=Path)
        p.add_argument("--data-dir", type=Path, default=DATA_DIR)
        p.add_argument("--evaluate", action="store_true",
                       help="score the extractor on every source that has hand-made rows")
        a = p.parse_args(argv)
        if a.evaluate:
            from helpers.data import draft_eval

            print(format_evaluation(evaluate(a.data_dir)))
            print()
            print(draft_eval.format_summary(draft_eval.evaluate(data_dir=a.data_dir)))
            return 0
        if a.file is None or not a.source:
            raise DraftError("python -m helpers.data.draft: give a text file and --source ID "
                             "(or --evaluate, or append DRAFT.csv)")
        if a.out:
            check_out(a.out, a.data_dir)
        df = draft_file(a.file, a.source, a.year, a.city, a.data_dir)
        text = Path(a.file).read_text(encoding="utf-8")
        schemes = optional_table(a.data_dir, SCHEMES)
        known = set() if schemes is None else set(schemes["name_zh"])
        for notice in (draft_lists.notice(text), draft_lists.scheme_notice(text, known)):
            if notice:
                print(notice, file=sys.stderr)
        csv_text = to_csv(df)
        if a.out:
            write_out(a.out, csv_text)
            print(f"{a.out}: {len(df)} draft rows, {int((df['flag'] != '').sum())} flagged",
                  file=sys.stderr)
        else:
            sys.stdout.write(csv_text)
        return 0
    except DraftError as e:
        print(e, file=sys.stderr)
        return 2
    except DataError as e:
        print(e, file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
