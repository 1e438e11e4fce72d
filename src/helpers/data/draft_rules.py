"""The rules of the draft extractor, one function per column, each on a sentence of the text.

Every rule returns its answer and the words that decided it (for the draft's `why` column).
helpers.data.draft strings them together; the tests call them one by one on real sentences.
"""
from __future__ import annotations

import bisect
import functools
import math
import re
from dataclasses import dataclass, field

from helpers.data.load import chinese_numeral
from helpers.data.meaning import SUFFIX_QUALIFIERS, clause_qualifier, prefix_qualifier

CLAUSE_END = "，,；;。：:！？!?\n"
SENTENCE_END = "。；;！？!?\n"
# sentences for scope (region, year) run over semicolons: "全省…减少1689家,…;我市…减少458家"
SCOPE_END = "。！？!?\n"

# --- unit -------------------------------------------------------------------------------------

UNIT_WORDS = [  # longest first; (printed word, unit)
    ("个百分点", "pp"), ("百分点", "pp"), ("%", "percent"), ("％", "percent"),
    ("亿元", "cny_100m"), ("亿", "cny_100m"), ("万元", "cny_10k"), ("万", "cny_10k"),
    ("倍", "multiple"),
]
MEASURE_WORDS = "家个项名人场期笔件所次只批户座篇台套款条支位届元"
APPROX_SUFFIX = ("余", "多")   # 40余场: the qualifier stands between number and unit


@dataclass(frozen=True)
class Unit:
    unit: str
    word: str          # the printed word that decided it ("" when none)
    end: int           # offset just after the number, its 余/多 and its unit word
    between: str       # 余 or 多 between number and unit, else ""


def read_unit(text: str, start: int, end: int) -> Unit:
    """The unit printed right after the number at text[start:end] (第N is a rank)."""
    if start > 0 and text[start - 1] == "第":
        return Unit("rank", "第", end, "")
    i = end
    between = ""
    if text[i:i + 1] in APPROX_SUFFIX:
        between, i = text[i], i + 1
    for word, unit in UNIT_WORDS:
        if text.startswith(word, i):
            if word == "位":
                break
            return Unit(unit, word, i + len(word), between)
    if text[i:i + 1] and text[i] in MEASURE_WORDS:
        return Unit("count", text[i], i + 1, between)
    return Unit("count", "", i, between)


# --- qualifier --------------------------------------------------------------------------------

# the bound words are helpers.data.meaning's, which the loader checks a row's qualifier with
QUALIFIER_AFTER = [(w, q) for w, q in SUFFIX_QUALIFIERS if w not in APPROX_SUFFIX]


def read_qualifier(text: str, start: int, unit: Unit) -> tuple[str, str]:
    """exact, approx, at_least or at_most, and the word that decided it: next to the number
    (约, 近, 逾, 超过, 不超过, 以上, 左右, 40余场), else earlier in its clause (最高…达500万元)."""
    if unit.between:
        return "at_least", unit.between
    for word, q in QUALIFIER_AFTER:
        if text.startswith(word, unit.end):
            return q, word
    before = text[max(0, start - 4):start]
    if before.endswith("第"):
        return "exact", ""
    found = prefix_qualifier(before)
    if found:
        return found[1], found[0]
    found = clause_qualifier(text[max(0, start - 60):start])
    if found:
        return found[1], f"{found[0]} (earlier in the clause)"
    head = RESPECTIVE_BOUND.search(text[max(0, start - 40):start])
    if head and (found := prefix_qualifier(head.group(1))):
        return found[1], f"分别{found[0]} (for each number of the list)"
    return "exact", ""


# 分别超过90家和870家: the bound word before the first number of the list holds for the others
_LISTED = r"[0-9]+(?:\.[0-9]+)?(?:个百分点|[%％]|亿元|万元|[亿万]|[" + MEASURE_WORDS + r"])?"
RESPECTIVE_BOUND = re.compile(r"分别([^0-9，,；;。]{1,4}?)" + _LISTED + r"(?:[和、及与]" + _LISTED + r")*[和、及与]$")


def read_word_qualifier(text: str, start: int, end: int) -> tuple[str, str]:
    """The qualifier of a share or multiple written in words: 近半 and 三成 are rounded (approx)
    unless a bound word says more (超三成, 过半, 逾半 at_least; 不到三成 at_most); 翻番 is exact."""
    word = text[start:end]
    if word in ("过半", "逾半", "超半"):
        return "at_least", word
    if text.startswith("以上", end):
        return "at_least", "以上"
    found = prefix_qualifier(text[max(0, start - 4):start])
    if found:
        return found[1], found[0]
    if word.startswith("近"):
        return "approx", "近"
    return ("exact", "") if "翻" in word else ("approx", f"{word} (a share in words is rounded)")


# --- sign -------------------------------------------------------------------------------------

DECREASE = ("下降", "减少", "降低", "下滑", "回落", "缩减", "负增长", "减")
INCREASE = ("增长", "提高", "提升", "增加", "上升", "增")


def read_sign(clause_before: str) -> tuple[int, str]:
    """-1 when the nearest change word before the number in its clause is a decrease."""
    best, word, sign = -1, "", 1
    clause_before = re.sub(r"减(?=[排税负免])", "  ", clause_before)   # 节能减排 is a name, not a fall
    for words, s in ((DECREASE, -1), (INCREASE, 1)):
        for w in words:
            at = clause_before.rfind(w)
            if at > best or (at == best and at >= 0 and len(w) > len(word)):
                best, word, sign = at, w, s
    return (sign, word) if sign < 0 else (1, "")


# --- structure: clauses, sentences, headings --------------------------------------------------

REACH = 2000  # characters looked at on each side of a number: a paragraph is a few hundred


def bounds(text: str, start: int, end: int, stops: str) -> tuple[int, int]:
    """The span around text[start:end] up to (not including) the nearest stop characters, at
    most REACH characters each side: in a text without stops, reading to its ends for every
    number made drafting time grow with the square of the text."""
    lo, hi = max(0, start - REACH), min(len(text), end + REACH)
    a = max(text.rfind(c, lo, start) for c in stops)
    b = min((i for i in (text.find(c, end, hi) for c in stops) if i >= 0), default=hi)
    return (a + 1 if a >= 0 else lo), b


HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）])(.*)$",
                     re.MULTILINE)
TOP_HEADING = re.compile(r"^[ \t\u3000]*(?:[一二三四五六七八九十]+、|第[一二三四五六七八九十]+[章节])",
                         re.MULTILINE)
PLAN_WORDS = ("思路", "计划", "打算", "安排", "要点", "目标", "重点工作", "工作重点")
REVIEW_WORDS = ("情况", "成效", "问题", "总结", "回顾", "完成", "亮点", "执行", "基础")
YEAR_IN = re.compile(r"((?:19|20)\d{2})年")


@dataclass(frozen=True)
class Part:
    start: int
    plan: bool
    year: int | None     # the year a plan heading names (2022年工作思路), else None
    heading: str
    review: bool = False  # a heading that reviews (执行情况, 取得的成效): a plan's part of outcomes


def parts(text: str) -> list[Part]:
    """The document cut at its top-level headings (一、…), each marked review or plan."""
    out = [Part(0, False, None, "")]
    for m in TOP_HEADING.finditer(text):
        line_end = text.find("\n", m.start())
        line = text[m.start():line_end if line_end >= 0 else len(text)].strip()
        plan = any(w in line for w in PLAN_WORDS) and not any(w in line for w in REVIEW_WORDS)
        y = YEAR_IN.search(line)
        review = any(w in line for w in REVIEW_WORDS)
        out.append(Part(m.start(), plan, int(y.group(1)) if y else None, line, review))
    return out


def part_at(all_parts: list[Part], offset: int) -> Part:
    """The part holding offset (parts are in text order; a search, not a scan of them all)."""
    return all_parts[bisect.bisect_right(all_parts, offset, key=lambda p: p.start) - 1]


# --- kind -------------------------------------------------------------------------------------

TARGET_WORDS = ("力争", "争取", "目标")
ESTIMATE_WORDS = ("预计", "预期", "有望")
POLICY_WORDS = ("给予", "补贴", "补助", "奖励", "资助", "补偿", "门槛", "上限")


def read_kind(sentence_before: str, clause: str, after_unit: str, plan: bool) -> tuple[str, str]:
    """actual, estimate, target or policy, and the word that decided it.

    In the plan part of a document every figure is a target, unless its clause sets a
    parameter of a measure (给予…补贴, a threshold 3亿元以上的…): then it is policy.
    """
    if plan:
        for w in POLICY_WORDS:
            if w in clause:
                return "policy", w
        if after_unit.startswith("以上的"):
            return "policy", "以上的 (a threshold)"
        return "target", "plan part of the document"
    for words, kind in ((ESTIMATE_WORDS, "estimate"), (TARGET_WORDS, "target")):
        for w in words:
            if w in sentence_before:
                return kind, w
    return "actual", ""


# --- period -----------------------------------------------------------------------------------

UNIT_CHARS = set(MEASURE_WORDS + "亿万%％倍余多左以")
RD_WORDS = ("研发投入", "研发经费", "R&D", "研究与试验发展")


def printed_years(text: str, a: int, b: int) -> list[tuple[int, int, str]]:
    """(offset, year, word) for each year printed in digits in text[a:b]: 2020年, 202009月, a
    garbled 2021实施; not a number with a unit (2021家) or a date (2021日)."""
    out = []
    for m in re.finditer(r"(?<![\d.])((?:19|20)\d{2})(\d{0,2})(?=[\u4e00-\u9fff])", text[a:b]):
        nxt = text[a + m.end()]
        if m.group(2) and nxt != "月":
            continue
        if nxt == "年" or nxt == "月" or (not m.group(2) and nxt not in UNIT_CHARS and nxt != "日"):
            out.append((a + m.start(), int(m.group(1)), m.group(0) + nxt))
    return out


def year_markers(text: str, a: int, b: int) -> list[tuple[int, int, str]]:
    """(offset, year, word) for each year named in text[a:b]: 2020年, a garbled 2021实施, 今年."""
    out = printed_years(text, a, b)
    for m in re.finditer(r"今年|本年度", text[a:b]):
        out.append((a + m.start(), None, m.group()))
    return sorted(out, key=lambda t: t[0])


def read_period(text: str, start: int, clause: tuple[int, int], sentence: tuple[int, int],
                paragraph: tuple[int, int], year: int, part: Part) -> tuple[int, str]:
    """The year a figure refers to: nearest year in its clause (before, then after), the plan's
    year, the nearest earlier year in its sentence, the R&D lag, the paragraph, else `year`."""
    def resolve(y):
        return year if y is None else y

    in_clause = [m for m in year_markers(text, *clause) if m[0] != start]
    before = [m for m in in_clause if m[0] < start]
    if before:
        return resolve(before[-1][1]), f"{before[-1][2]} in the clause"
    if in_clause:
        return resolve(in_clause[0][1]), f"{in_clause[0][2]} in the clause"
    if part.plan:
        y = part.year or year + 1
        return y, f"plan part ({part.heading or 'next year'})"
    sent = [m for m in year_markers(text, *sentence) if m[0] < start]
    if sent:
        return resolve(sent[-1][1]), f"{sent[-1][2]} earlier in the sentence"
    s = text[sentence[0]:sentence[1]]
    if any(w in s for w in RD_WORDS) and f"{year - 1}年" in s:
        return year - 1, f"R&D figures of a {year} summary are {year - 1} data ({year - 1}年 in the sentence)"
    para = [m for m in year_markers(text, *paragraph) if m[0] < start]
    if para:
        return resolve(para[-1][1]), f"{para[-1][2]} earlier in the paragraph"
    return year, "the document's year"


# --- region -----------------------------------------------------------------------------------

SCOPE = re.compile(r"全国|全省|我省|本省|全市|我市|本市|市本级")
SKIP_AFTER = ("平均", "第", "首", "排名", "总量", "总数", "赛", "各")


def read_region(text: str, start: int, sentence_start: int, city: str, province: str,
                country: str = "china") -> tuple[str, str]:
    """The region of the nearest scope word before the number in its sentence (占全省… is a
    share of the province, not a provincial figure), else the document's city."""
    found = None
    for m in SCOPE.finditer(text, sentence_start, start):
        after = text[m.end():m.end() + 2]
        before = text[max(0, m.start() - 2):m.start()]
        if "占" in before or after.startswith(SKIP_AFTER) or after.startswith("的"):
            continue
        found = m
    if found is None:
        return city, ""
    word = found.group()
    region = country if word == "全国" else province if "省" in word else city
    return region, word


# --- garbled text -----------------------------------------------------------------------------

def garbled(text: str, start: int, end: int, unit: Unit) -> list[str]:
    """What looks lost around the number: a separator between two numbers, 年, a measure word."""
    flags = []
    prev = text[start - 1:start]
    if prev in ("%", "％") or (prev and prev in "亿万" and text[start - 2:start - 1].isdigit()):
        flags.append(f"two numbers run together ({text[max(0, start - 6):unit.end]}): "
                     "the separator before this number was lost")
    if text[unit.end:unit.end + 1].isdigit():
        flags.append(f"two numbers run together ({text[start:unit.end + 6]}): "
                     "the separator after this number was lost")
    token = text[start:end]
    nxt = text[end:end + 1]
    if (len(token) == 4 and token[:2] in ("19", "20") and re.match(r"[\u4e00-\u9fff]", nxt)
            and nxt not in UNIT_CHARS and nxt not in "年月日"):
        flags.append(f"looks like a year that lost its 年 ({token}{nxt})")
    elif unit.unit == "count" and not unit.word and not unit.between:
        flags.append(f"no unit after the number ({text[max(0, start - 4):end + 1].strip()}): "
                     "a measure word such as 家 may have been lost")
    return flags


# --- Chinese-numeral ranks --------------------------------------------------------------------

RANK = re.compile(r"(?:排名|排位|位列|位居|名列|居)(?:全国|全省|全市)?第([一二三四五六七八九十]+)")


def chinese_ranks(text: str):
    """(start, end, value) of each 排名全省第三-style rank printed in Chinese numerals."""
    for m in RANK.finditer(text):
        value = chinese_numeral(m.group(1))
        if value is not None:
            yield m.start(1), m.end(1), value


# --- indicator --------------------------------------------------------------------------------

SYNONYMS = (("下降", "增长"), ("降低", "增长"),   # a change is one indicator whatever its sign
            # names documents shorten or spell another way: 高企 is 高新技术企业 (高企总数 is no
            # 申报高企), 成交金额 is 成交额, and since 2022 a state key laboratory is 全国重点实验室
            ("高企", "高新技术企业"), ("成交金额", "成交额"), ("全国重点实验室", "国家重点实验室"),
            ("经费内部支出", "经费支出"))   # R&D经费内部支出, the statistics' name
# 研究与试验发展(R&D)经费, R&D经费 and 研发经费 are one thing: written as 研发 before the bigrams,
# so a bulletin's long name finds the catalog's short one (研发经费同比增长)
RD_NAME = re.compile(r"研究与试验发展\s*(?:[(（]\s*R&D\s*[)）])?|R&D")


@functools.lru_cache(maxsize=4096)  # the catalog's terms are scored again for every number
def bigrams(s: str) -> frozenset[str]:
    s = RD_NAME.sub("研发", s)
    for a, b in SYNONYMS:
        s = s.replace(a, b)
    s = re.sub(r"[\s\d.%，,；;。：:“”\"'()（）、]+", "|", s)
    return frozenset(s[i:i + 2] for i in range(len(s) - 1) if "|" not in s[i:i + 2])


@dataclass
class Terms:
    """Indicator -> its terms (catalog name, data/indicator_terms.csv, quotes of existing rows),
    with the inverse document frequency of each character bigram across indicators."""
    terms: dict[str, list[str]]
    units: dict[str, str]
    idf: dict[str, float]
    schemes: dict[str, str] = field(default_factory=dict)  # indicator -> the scheme its sentence names
    excludes: dict[str, tuple[str, ...]] = field(default_factory=dict)  # indicator -> words naming another measure

    @classmethod
    def build(cls, terms: dict[str, list[str]], units: dict[str, str],
              schemes: dict[str, str] | None = None, excludes: dict | None = None) -> Terms:
        df: dict[str, int] = {}
        for ts in terms.values():
            for b in set().union(*(bigrams(t) for t in ts)) if ts else set():
                df[b] = df.get(b, 0) + 1
        n = max(len(terms), 1)
        idf = {b: math.log(1 + n / c) for b, c in df.items()}
        return cls(terms, units, idf, dict(schemes or {}), dict(excludes or {}))


SCHEME_FLAG = "another scheme?"


def scheme_missing(indicator: str, sentence: str, terms: Terms) -> str:
    """A flag when the indicator belongs to one city's named scheme (洪城科贷通, “双百计划”) and
    the sentence does not name it: another city's loan scheme is not Nanchang's."""
    scheme = terms.schemes.get(indicator)
    if not scheme or scheme in sentence:
        return ""
    return (f"{SCHEME_FLAG}: {indicator} is a figure of the scheme {scheme}, which this sentence does not name; "
            "check it is the same scheme")


def weighted_context(text: str, start: int, end: int, windows: list[tuple[int, int, float]]
                     ) -> dict[str, float]:
    """Bigram -> the highest weight among the windows it appears in."""
    w: dict[str, float] = {}
    for a, b, weight in windows:
        for bg in bigrams(text[a:b]):
            if weight > w.get(bg, 0):
                w[bg] = weight
    return w


# Words every kind of figure uses: a term whose other words are missing does not name the figure
GENERIC_WORDS = ("新增", "新认定", "国家级", "国家", "省级", "市级", "全市", "全省", "我市", "全国", "同比",
                 "增长", "比上年", "上年", "提高", "下降", "增加", "数量", "总数", "企业", "项目", "累计",
                 "达到", "占比", "比重", "引进", "培育", "培养", "列入", "支持", "研发")
GENERIC = frozenset().union(*(bigrams(w) for w in GENERIC_WORDS))
CORE_SHARE = 0.34   # a term must find at least this share of its own (non-generic) words
NEAR_WEIGHT = 0.2   # the share of a score from explaining the words next to the number


MONEY_FIT = 0.8   # an amount printed in 万元 may be an indicator kept in 亿元, a little less likely


def unit_fit(indicator_unit: str, unit: str) -> float:
    """How well a number's unit fits an indicator's: 1 for the same unit; MONEY_FIT for another
    unit of money (a turnover printed 2143959.69万元 is still the turnover, which the catalog
    keeps in 亿元); 0 otherwise."""
    if indicator_unit == unit:
        return 1.0
    return MONEY_FIT if indicator_unit.startswith("cny") and unit.startswith("cny") else 0.0


def score_indicators(context: dict[str, float], terms: Terms, unit: str,
                     near: set[str] | None = None) -> list[tuple[float, str, str]]:
    """(score, indicator, best term) for the indicators of this unit, best first.

    A term's score is mostly the idf-weighted share of its bigrams found in the context, each
    counted at the weight of the window it was found in (the words next to the number count
    most), and partly the share of the words next to the number that the term explains (so the
    more specific of two matching terms wins)."""
    near = near or set()
    near_total = sum(terms.idf.get(b, 1.0) for b in near)
    out = []
    for ind, ts in terms.terms.items():
        fit = unit_fit(terms.units.get(ind, ""), unit)
        if not fit:
            continue
        best, best_term = 0.0, ""
        for t in ts:
            bgs = bigrams(t)
            if not bgs:
                continue
            core = bgs - GENERIC
            if core and (sum(terms.idf.get(b, 1.0) for b in core if b in context)
                         < CORE_SHARE * sum(terms.idf.get(b, 1.0) for b in core)):
                continue   # only the generic words matched (同比增长, 新增…国家): not this indicator
            total = sum(terms.idf.get(b, 1.0) for b in bgs)
            got = sum(terms.idf.get(b, 1.0) * context.get(b, 0.0) for b in bgs)
            s = got / total
            if near_total:
                s = (1 - NEAR_WEIGHT) * s + NEAR_WEIGHT * sum(terms.idf.get(b, 1.0) for b in near & bgs) / near_total
            if s > best:
                best, best_term = s, t
        if best > 0:
            out.append((round(best * fit, 4), ind, best_term))
    out.sort(key=lambda t: (-t[0], t[1]))
    return out


CHANGE = re.compile(r"增长|增速|增幅|下降|降低|减少|提高|提升|增加(?!值)|回落|变化")   # 增加值 is value added
CHANGE_BEFORE = re.compile(CHANGE.pattern.join(("(?:", r")(?:了|为|达到|达)?$")))


def measure_fits(name: str, unit: str, sentence: str, near_before: str) -> bool:
    """Whether an indicator measures the kind of rate (percent, pp) its number is: a change
    printed right before the number (增长10%, 提高0.1个百分点) is only a change indicator's
    (高新技术产业增加值增长10% is no share of value added), and a change indicator (…同比增长)
    fits only a number whose sentence speaks of a change (占比超过60% is no growth). `name` is
    the catalog's; `sentence` runs to the end of the number's clause."""
    if unit not in ("percent", "pp"):
        return True
    change = bool(CHANGE.search(name))
    if CHANGE_BEFORE.search(near_before.strip()):
        return change
    return not change or bool(CHANGE.search(sentence))


VERBS = re.compile(r"^(?:全市|我市|全省|本市|共有|共|累计|新增|完成|实现|达到|达|为|有|是|了)+|"
                   r"(?:达到|达|为|共计|共|累计|总数|总量|数量)+$")


MAX_NAME = 16   # characters: a proposed name is the words next to the number, cut at a word edge


def whole_words(s: str, keep_end: bool = False) -> str:
    """s cut to at most MAX_NAME characters at a boundary (、, 的, a verb, a number), never
    inside a word: 项目实现揭榜 keeps 项目, not 目实现揭榜."""
    s = s.strip()
    if len(s) <= MAX_NAME:
        return s
    cuts = [m.end() if keep_end else m.start() for m in re.finditer(r"[、的和与及]|实现|完成|达到|新增", s)]
    if keep_end:
        ok = [c for c in cuts if len(s) - c <= MAX_NAME and len(s) - c >= 2]
        return s[ok[0]:] if ok else s[-MAX_NAME:]
    ok = [c for c in cuts if 2 <= c <= MAX_NAME]
    return s[:ok[-1]] if ok else s[:MAX_NAME]


def subject_phrase(clause_before: str, clause_after: str) -> str:
    """A name for a figure that the catalog lacks: the words next to the number in its clause,
    whole (a long clause is cut at a word edge, not at a count of characters)."""
    s = re.split(r"(?:19|20)\d{2}年?|\d+(?:\.\d+)?(?:个百分点|%|亿元|万元|亿|万|倍|[家个项名人场期笔件所次])?",
                 clause_before)[-1]
    s = re.sub(r"[\s“”\"'()（）—–-]", "", s).strip("、")
    s = whole_words(VERBS.sub("", s), keep_end=True)
    if len(s) < 2:
        s = whole_words(VERBS.sub("", re.split(r"\d", clause_after)[0]))
    return re.sub(r"(?:超过|突破|不超过|不低于|约|近|逾|超|实现|达到|达|为|有)$", "", s)
