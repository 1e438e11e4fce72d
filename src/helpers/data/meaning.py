"""What a figure's value must mean, checked against the words of its quote.

helpers.data.load checks that a row's quote is in its source and its value in its quote; this module
checks that the value is *the* number the quote prints for the row, read the way the quote reads:

- the number: among the numbers of the quote, the one followed by the row's unit marker (亿元,
  万元, %, 个百分点, 家/个/项…, 倍; 第N for ranks). When the quote prints no number with that
  marker (the scrape lost it: "企业20") or several different ones ("分别占全省49.5%25.8%"), the
  row's `note` must say how it is read;
- the sign: a decrease word (下降, 减少, 降低…) just before the number makes it negative; a
  negative value needs such a word;
- the range: a level percent (share, rate, intensity) is 0–100, a change in percent at least
  -100; counts are whole, and not negative unless the indicator is a change; ranks are whole and
  at least 1; amounts and multiples are not negative unless the indicator is a change;
- the qualifier: 约/近/左右 mean approx, 超过/突破/以上/余/多 at_least, 不超过/以下/以内 at_most;
  the word next to the number and the `qualifier` column must agree.

`problems(row)` returns (column, message) for the first broken rule, or None.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

from helpers.data.load import chinese_numeral

# 3,963.1万元 is one number (as helpers.data.coverage.NUMBER reads it)
NUMBER = re.compile(r"(?<![0-9.,])[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?(?=[.万亿元%家个项件名人])"
                    r"|(?<![0-9.])[0-9]+(?:\.[0-9]+)?")
RANK = re.compile(r"第([0-9]+|[一二三四五六七八九十]+)")
COUNT_WORDS = "家个项场名人期位所件次批只台篇"
MARKERS = {
    "cny_100m": r"亿元?",
    "cny_10k": r"万元?",
    "percent": r"%|％",
    "pp": r"个?百分点",
    "count": f"[{COUNT_WORDS}]",
    "multiple": r"倍",
}
LABELS = {"cny_100m": "亿元", "cny_10k": "万元", "percent": "%", "pp": "个百分点",
          "count": "家/个/项/场/名…", "multiple": "倍", "rank": "第N"}
# Between the number and its unit: 40余场, 20多家.
INFIX = r"(?:余|多)?"
RANGE_SEP = re.compile(r"[-~～—–至到]")
# the words documents write for a decrease, 降幅 and 负增长 included: the number after them is a fall
DECREASE = re.compile(r"下降|减少|降低|下滑|回落|缩小|缩减|降幅|减幅|跌幅|负增长|下跌")
CLAUSE_END = re.compile(r"[，,。；;：:、]")
# The one vocabulary of bound words: the draft tool writes qualifiers with it and the loader
# checks them with it, so a qualifier the draft writes passes its own append. Longest first.
PREFIX_QUALIFIERS = (("不超过", "at_most"), ("不高于", "at_most"), ("不到", "at_most"),
                     ("最高", "at_most"), ("最多", "at_most"), ("低于", "at_most"),
                     ("不少于", "at_least"), ("不低于", "at_least"), ("至少", "at_least"),
                     ("超过", "at_least"), ("突破", "at_least"), ("逾", "at_least"),
                     ("超", "at_least"), ("高于", "at_least"),
                     ("大约", "approx"), ("将近", "approx"), ("接近", "approx"), ("约", "approx"),
                     ("近", "approx"))
SUFFIX_QUALIFIERS = (("以上", "at_least"), ("余", "at_least"), ("多", "at_least"),
                     ("左右", "approx"), ("上下", "approx"), ("以下", "at_most"), ("以内", "at_most"))
# a bound word earlier in the clause, no other number between: 单个项目最高支持资金达500万元
CLAUSE_QUALIFIERS = (("最高", "at_most"), ("上限", "at_most"), ("最多", "at_most"),
                     ("封顶", "at_most"), ("不超过", "at_most"), ("最低", "at_least"),
                     ("不少于", "at_least"), ("不低于", "at_least"))
NOT_A_BOUND = ("最近", "附近", "不超过")   # 近 of 最近, 超过 of 不超过 are not (those) bounds
WORDS = {"approx": "约, 近, 左右", "at_least": "超过, 突破, 逾, 以上, 余",
         "at_most": "不超过, 最高, 以下"}


def prefix_qualifier(before: str) -> tuple[str, str] | None:
    """(word, qualifier) of the bound word that `before` ends with, or None."""
    for word, q in PREFIX_QUALIFIERS:
        if before.endswith(word) and not any(before.endswith(n) and n != word and n.endswith(word)
                                             for n in NOT_A_BOUND):
            return word, q
    return None


def clause_qualifier(before: str) -> tuple[str, str] | None:
    """(word, qualifier) of a bound word earlier in the number's clause with no number between."""
    clause = CLAUSE_END.split(before)[-1][-40:]
    if re.search(r"\d", clause):
        return None
    return next(((w, q) for w, q in CLAUSE_QUALIFIERS if w in clause), None)


@dataclass(frozen=True)
class Printed:
    """One number as printed in a quote: its value, where it is, and what follows it."""
    value: float
    start: int
    end: int
    marked: bool          # followed by the row's unit marker (or, for a rank, preceded by 第)
    range_end: str = ""   # "low" or "high" in a printed range such as 1-2家 (both ends are marked)


def _is_year(quote: str, start: int, end: int) -> bool:
    text = quote[start:end]
    return len(text) == 4 and "." not in text and quote[end:end + 1] in ("年", "月")


def printed_numbers(quote: str, unit: str) -> list[Printed]:
    """The quote's numbers that could be the figure (years such as 2020年 are left out)."""
    if unit == "rank":
        out = []
        for m in RANK.finditer(quote):
            text = m.group(1)
            value = float(text) if text.isdigit() else chinese_numeral(text)
            if value is not None:
                out.append(Printed(float(value), m.start(1), m.end(1), True))
        return out
    marker = re.compile(INFIX + "(?:" + MARKERS.get(unit, r"(?!)") + ")")
    out = []
    for m in NUMBER.finditer(quote):
        if _is_year(quote, m.start(), m.end()):
            continue
        out.append(Printed(float(m.group().replace(",", "")), m.start(), m.end(),
                           bool(marker.match(quote, m.end()))))
    for i in range(len(out) - 1):  # 1-2家: the lower end of a range carries the upper end's unit
        low, high = out[i], out[i + 1]
        if high.marked and RANGE_SEP.fullmatch(quote[low.end:high.start]):
            out[i] = Printed(low.value, low.start, low.end, True, "low")
            out[i + 1] = Printed(high.value, high.start, high.end, True, "high")
    return out


def qualifier_word(quote: str, p: Printed, unit: str) -> tuple[str, str] | None:
    """(word, qualifier) written next to a printed number, or None."""
    found = prefix_qualifier(quote[max(0, p.start - 4):p.start])
    if found:
        return found
    after = quote[p.end:]
    m = re.match(r"(?:余|多)", after)
    if m and unit != "rank":
        return m.group(), "at_least"
    if unit in MARKERS:
        m = re.match(INFIX + "(?:" + MARKERS[unit] + ")", after)
        after = after[m.end():] if m else after
    for word, q in SUFFIX_QUALIFIERS:
        if after.startswith(word) and word not in ("余", "多"):
            return word, q
    return clause_qualifier(quote[:p.start])


def decrease_word(quote: str, p: Printed) -> str | None:
    """A decrease word in the clause just before the number (同比下降5%, 减少1689家)."""
    clause = CLAUSE_END.split(quote[:p.start])[-1]
    found = DECREASE.findall(clause[-8:])
    return found[-1] if found else None


def is_change(indicator: str) -> bool:
    return any(w in indicator for w in ("change", "growth", "gap", "decline", "increase"))


def range_problem(indicator: str, value: float, unit: str) -> str | None:
    """The unit's range rule, in plain words, when the value breaks it."""
    change = is_change(indicator)
    if unit in ("count", "rank") and not float(value).is_integer():
        return f"a {unit} must be a whole number"
    if unit == "rank" and value < 1:
        return "a rank must be 1 or more"
    if unit == "percent" and not change and not 0 <= value <= 100:
        return "a share or rate in percent must be between 0 and 100"
    if unit == "percent" and change and value < -100:
        return "a change in percent cannot be below -100"
    if unit in ("count", "cny_100m", "cny_10k", "multiple") and not change and value < 0:
        return f"a {unit} must not be negative (only a change may be)"
    return None


def problems(indicator: str, value: float, unit: str, qualifier: str, quote: str,
             note: str) -> tuple[str, str] | None:
    """(column, message) for the first rule the row breaks, or None."""
    if not math.isfinite(value):
        return "value", "not a finite number"
    numbers = printed_numbers(quote, unit)
    size = abs(value)
    marked = [p for p in numbers if p.marked]
    documented = bool(note.strip())
    label = LABELS.get(unit, unit)
    if marked:
        distinct = sorted({p.value for p in marked})
        matching = [p for p in marked if p.value == size]
        if not matching:
            shown = ", ".join(f"{v:g}" for v in distinct)
            return "value", (f"not the number its quote prints for unit {unit} ({label}): the "
                             f"quote prints {shown}")
        if len(distinct) > 1 and not documented:
            shown = ", ".join(f"{v:g}" for v in distinct)
            return "note", (f"the quote prints several numbers for unit {unit} ({shown}); say in "
                            f"note which one this row reads and why")
        p = matching[0]
    else:
        matching = [p for p in numbers if p.value == size]
        if not matching:
            year = next((m.group() for m in NUMBER.finditer(quote)
                         if _is_year(quote, m.start(), m.end()) and float(m.group()) == size), None)
            if year:
                return "value", f"{year} is a year the quote prints ({year}年), not a figure"
            return None  # the caller reports 'value not found in its quote'
        if not documented:
            return "value", (f"the quote prints no number with the unit marker of {unit} ({label}); "
                             f"if the scrape lost it, write the reading in note")
        p = matching[0]
    problem = range_problem(indicator, value, unit)
    if problem:
        return "value", problem
    word = decrease_word(quote, p)
    if word and value > 0:
        return "value", f"the quote says {word} before the number: a decrease is stored negative"
    if value < 0 and not word and not p.range_end:
        return "value", ("negative, but the quote has no decrease word (下降, 减少, 降低, 降幅, "
                         "负增长) before the number")
    if p.range_end:  # a printed range: its lower end is a floor, its upper end a ceiling
        wanted = "at_least" if p.range_end == "low" else "at_most"
        if qualifier != wanted:
            return "qualifier", (f"{p.value:g} is the {p.range_end} end of a printed range, so the "
                                 f"qualifier is {wanted}, not {qualifier}")
        return None
    found = qualifier_word(quote, p, unit)
    if found and found[1] != qualifier:
        return "qualifier", (f"the quote says {found[0]} next to the number, which is "
                             f"{found[1]}, not {qualifier}")
    if not found and qualifier != "exact":
        return "qualifier", (f"{qualifier} needs a word next to the number in the quote "
                             f"({WORDS[qualifier]}); the quote has none, so it is exact")
    return None
