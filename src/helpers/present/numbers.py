"""How a figure is written in a sentence, one place per locale: its number (helpers.data.units,
through Babel), its bound word, the measure word of a Chinese count, the direction of a change,
and how a derived value was computed. The words come from the catalogs (`bound.*`, `change.*`).
"""
from __future__ import annotations

import math
import re

from helpers.calc.derive import Derived, as_printed, coarse, figures_behind, plain_formula, rough, spread_decimals
from helpers.data.figures import Figure
from helpers.data.schema import PLAN_PERIOD_YEARS
from helpers.data.units import YUAN_PER_UNIT, bound_mark, format_value, is_money, round_at, unit_label

CN_NUMERALS = "一二三四五六七八九十"
EN_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")


def _msg(key: str, lang: str) -> str:
    from helpers.present.catalog import message
    return message(key, lang)


def year(x, lang: str) -> str:
    """A figure's year in a table: 2020, or 2020（推定）/ 2020 (assumed) for a target whose year the
    document does not print (Figure.year_assumed), or 2021（统计时段未说明）/ 2021 (period not stated)
    for a running total its document does not date (Figure.period_unstated): the year of the
    document, not of the figure, as its sentence says; 2016—2020 for a five-year plan period's
    total or average (scope plan_period)."""
    if getattr(x, "scope", "") == "plan_period":  # a five-year total or average: its span, as the prose
        return _msg("cell.year.span", lang).format(first=x.period - PLAN_PERIOD_YEARS + 1, last=x.period)
    text = year_text(x.period, getattr(x, "year_assumed", False), lang)
    return text + (_msg("cell.year.unstated", lang) if period_unstated(x) else "")


def period_unstated(x) -> bool:
    """Does the figure, or any figure a derived value rests on, leave its period unstated?"""
    figs = figures_behind(x) if isinstance(x, Derived) else (x,)
    return any(getattr(f, "period_unstated", False) for f in figs)


def year_text(period: int, assumed: bool, lang: str) -> str:
    return str(period) + (_msg("cell.year.assumed", lang) if assumed else "")


def year_label(x, lang: str) -> str:
    """A figure's year inside a chart label: 2020年 / 2020, and 2020年（年度为推定）/ 2020 (year
    assumed) for a target whose year the document does not print (Figure.year_assumed)."""
    key = "chart.year.label.assumed" if getattr(x, "year_assumed", False) else "chart.year.label"
    return _msg(key, lang).format(year=x.period)


def decimals_of(x) -> int | None:
    """The precision to write a value at: a printed figure as printed (English money restated in
    millions or billions chooses its own), a derived count whole, other derived values 2 places,
    or fewer when an approximate figure behind them is printed coarser."""
    if isinstance(x, Figure):
        return None if is_money(x.unit) else x.decimals
    if is_money(x.unit):
        return None  # as needed: 500万元, not 500.00万元
    if x.unit in ("count", "rank"):
        return 0
    approx = [f.decimals for f in figures_behind(x) if f.qualifier == "approx"]
    return min([2] + approx)  # no finer than its roughest input: 约70% of a count is about 96%, not 95.81%


def measure_word(x) -> str:
    """The Chinese measure word after a count: the one the document prints with it (家, 项, 个),
    or, for a derived count, the one printed with the first count it comes from."""
    if x.unit != "count":
        return ""
    if isinstance(x, Figure):
        return x.measure_zh
    words = {f.measure_zh for f in figures_behind(x) if f.unit == "count" and f.measure_zh}
    return words.pop() if len(words) == 1 else ""  # 20名 + 20个 is not 40名


def qualifier_of(x) -> str:
    """The figure's bound; a value computed from an approximate figure is itself approximate
    (about CNY 41 bn for Jiangxi from 约42.5亿元), whatever section computed it."""
    q = getattr(x, "qualifier", "exact") or "exact"
    if q == "exact" and isinstance(x, Derived) and rough(x):
        return "approx"
    return q


def approx_digits(x) -> int | None:
    """Significant digits a money value computed from approximate figures may show: those of its
    roughest approximate input, at least 2 (约3.22亿元 / 111: 290万元 and CNY 2.9 m alike)."""
    if not (isinstance(x, Derived) and is_money(x.unit)):
        return None
    digits = [len(f.printed.lstrip("-").replace(".", "").lstrip("0")) for f in figures_behind(x)
              if f.qualifier == "approx"]
    return max(2, min(digits)) if digits else None


def _sig_scale(v: float, sig: int) -> float:
    """The scale that keeps `sig` significant digits of v: 10^-1 for 2751.17 at 3 (2750)."""
    return 10 ** (sig - 1 - int(math.floor(math.log10(abs(v)))))


def _safe_way(x) -> str:
    """The side a derived bound is rounded on: a floor down, a ceiling up; '' for anything else."""
    if not (isinstance(x, Derived) and qualifier_of(x) in FLIP):
        return ""
    return "down" if qualifier_of(x) == "at_least" else "up"


def safe_round(x, v: float, decimals: int) -> float:
    """A derived bound rounded on its safe side, other values as they are: more than 15,544.04 is
    written more than 15,544 and at most 9,900.99 at most 9,901, never a bound the figures do not
    support."""
    way = _safe_way(x)
    return round_at(v, 10 ** decimals, way) if way else v


def limit_scale(x, v: float) -> float | None:
    """10^decimals a value is rounded at when its inputs allow fewer digits than the default: the
    coarser of the significant digits of its roughest approximate input (money: 约58.6亿元 / 1.124
    is 约52.1亿元) and the first digit the range its printed inputs allow leaves uncertain
    (spread_decimals: 约558亿元 allowing 527 to 589 is 约560亿元); None else."""
    sig = approx_digits(x)
    scales = ([_sig_scale(v, sig)] if sig and v else []) + ([10.0 ** spread_decimals(x)] if coarse(x) else [])
    return min(scales) if scales else None


def shown(x, value: float | None = None, side: str = "") -> tuple[float, int | None]:
    """(value, decimals) of a figure as the report writes it, in every sentence, table and chart
    label: a printed figure as printed; an implied one no finer than its inputs allow
    (limit_scale), a bound rounded on its safe side; decimals None: as the unit needs. `side`
    ('down' or 'up') rounds the end of a range outward."""
    x = as_printed(x)
    v = x.value if value is None else value
    d = decimals_of(x)
    scale = limit_scale(x, v)
    if side and scale and coarse(x):  # a range's ends one digit finer than its value: 约1190 is 1169 to 1202
        scale *= 10
    if scale:  # an upper bound rounds up (nearly 6.7), a lower one down
        way = side or ("up" if qualifier_of(x) == "at_most" or printed_bound(x) == "nearly"
                       else "down" if qualifier_of(x) == "at_least" else "")
        v = round_at(v, scale, way)
        d = max(0, round(math.log10(scale)))
    elif d is not None and (side or _safe_way(x)):
        v = round_at(v, 10 ** d, side or _safe_way(x))
    if isinstance(x, Figure) and is_money(x.unit):
        d = x.decimals
    return v, d


def plain(x, lang: str, value: float | None = None, side: str = "") -> str:
    """The number with its unit (and a Chinese count's measure word), no bound, no formula; a
    total of one printed figure (a target, a baseline) written as that figure is printed. `side`
    ('down' or 'up') rounds the end of a range outward, so the range written holds every value
    the figures allow (270万元 – 280万元 for 265.12 to 278.4 would leave some out: 260 – 280)."""
    x = as_printed(x)
    v, d = shown(x, value, side)
    printed = x.decimals if isinstance(x, Figure) and v == x.value else None  # CNY 11.177 bn for 111.77亿元
    if is_money(x.unit) and lang == "en":  # restated in millions or billions, with as many digits
        if printed is None and isinstance(x, Derived):  # as many digits as the Chinese (约325.5万元: about
            # CNY 3.255 m; 146.31亿元: CNY 14.631 bn; 10.50万元: CNY 105.0 k; 500万元: CNY 5 m; a range's end too)
            printed = d if d is not None else 0 if float(round(v, 2)).is_integer() else 2
        d = None
    text = format_value(v, x.unit, lang, d, printed=printed, way=side)
    return text + (measure_word(x) if lang == "zh" else "")


FLIP = {"at_least": "at_most", "at_most": "at_least"}


def printed_bound(x) -> str:
    """The bound word the document prints by the number (Figure.bound_word: nearly, around,
    more_than, range), else ''. A derived value bounded by one printed bound (a change from a
    target of 超过2000家) keeps that bound's word; a range does not pass to what is computed from it."""
    if isinstance(x, Derived):
        bounds = {printed_bound(f) for f in figures_behind(x) if f.qualifier == qualifier_of(x)}
        word = bounds.pop() if len(bounds) == 1 else ""
        return "" if word == "range" else word
    return x.bound_word if isinstance(x, Figure) else ""


def rests_on_approx(x) -> bool:
    """A bound computed from an approximate figure (at most 70% of 1,689) is itself approximate:
    'at most about', not 'at most'."""
    return (isinstance(x, Derived) and qualifier_of(x) in FLIP
            and any(f.qualifier == "approx" for f in figures_behind(x)))


POST = ("more_than", "at_most", "more_than_approx", "at_most_approx", "approx")  # bound.<q>.post: 114%以上, 112.8%左右


def bounded(x, text: str, lang: str, size: bool = False, post: bool = False) -> str:
    """The text inside the figure's bound words: at least 2,000 / 2000家以上; about / 约; nearly /
    近 and more than / 超过 where the document prints 近 or 余 (printed_bound). For the size of a
    negative value (`size`), a floor on the value is a ceiling on the size: a change of at least
    -54 is a fall of at most 54."""
    base = q = qualifier_of(x)
    if size and x.value < 0:
        base = q = FLIP.get(q, q)
    elif q != "exact":
        q = printed_bound(x) or q
    if q == "more_than" and lang == "zh" and isinstance(x, Derived):
        q = "at_least"  # a bound carried from 超过2000家 into a gap or a ratio is written 以上 in every
        # place, table and prose alike (多50家以上, 102.56%以上): one figure, one word (docs/zh_style.md)
    if q == "range":
        low = format_value(x.value, x.unit, lang, decimals_of(x)) if lang == "en" else _bare(x.value, lang)
        return _msg("bound.range", lang).format(lo=low, v=plain(x, lang, x.range_upper))
    if rests_on_approx(x):  # a bound computed from an approximate figure: 'more than about 90'
        q = "more_than_approx" if q == "more_than" else base + "_approx"
    if post and q in POST:  # after 的 a bound reads after the number: 相当于后者的114.39%以上
        return _msg(f"bound.{q}.post", lang).format(v=text)
    return text if q == "exact" else _msg(f"bound.{q}", lang).format(v=text)


def _bare(v: float, lang: str) -> str:
    """A number with no unit: the lower end of a Chinese range (1至2家)."""
    return format_value(v, "count", lang, 0 if float(v).is_integer() else 2)


def how(x: Derived, lang: str) -> str:
    """'(implied: 455 - (-458))' / '（推算：455 - (-458)）' (formula_in)."""
    return _msg("implied.how", lang).format(formula=formula_in(x.formula, lang))


def formula_in(formula: str, lang: str) -> str:
    """A formula as the reader's language writes it: a money operand keeps its printed unit, named
    in that language: '1375.2 (CNY 100m) / 49' / '1375.2 亿元 / 49'."""
    formula = plain_formula(formula)
    if lang != "zh":
        formula = formula.replace("约", "~").replace("近", "nearly ")  # approximate inputs (derive.term)
        for unit in YUAN_PER_UNIT:
            formula = formula.replace(" " + unit_label(unit, "zh"), f" ({unit_label(unit, lang)})")
    return formula


def direction(x, lang: str, words: str = "change") -> str:
    """A change written with its direction: up 10.40% / 增长10.40%, 减少458家, 下降0.09个百分点;
    with words="target_gap", a target against its base, which is no change that happened: 高5.63%,
    多50家, 低0.05个百分点."""
    kind = "count" if x.unit == "count" else "pp" if x.unit == "pp" else "money" if is_money(x.unit) else "rate"
    sign = "up" if x.value > 0 else "down" if x.value < 0 else "flat"
    q = qualifier_of(x)
    opens = (sign, q) in (("down", "at_least"), ("up", "at_most"))  # a floor on a fall allows a rise
    # a gap or change from a bound is a bound: 多50家以上; a floor 54 below its base is 少不超过54家
    size = bounded(x, plain(x, lang, abs(x.value)), lang, size=True, post=words == "target_gap")
    text = _msg(f"{words}.{kind}.{sign}", lang).format(v=size)
    if opens:
        text = _msg(f"{words}.open.{sign}", lang).format(v=text)
    if nominal(x) and words == "change":
        text = _msg("change.nominal", lang).format(v=text)
    if words == "change" and expected(x):  # 1950 (estimate) - 2054 is 预计减少104家, not a fall that happened
        text = _msg("change.expected", lang).format(v=text)
    return text


def expected(x) -> bool:
    """A change computed from an estimate is expected, not an outcome: the document's own 预计
    carries over to it (a printed estimate is said with its own 预计 by its sentence)."""
    return isinstance(x, Derived) and any(f.kind == "estimate" for f in figures_behind(x))


def mark(x, lang: str) -> str:
    """The English mark before a number in a table: ≥, >, ≤, ~, nearly (units.bound_mark), and ~
    after a bound computed from an approximate figure (≥~90: at least about 90)."""
    return bound_mark(qualifier_of(x), lang, printed_bound(x)) + ("~" if rests_on_approx(x) else "")


def with_bound(text: str, qualifier: str, lang: str, word: str = "") -> str:
    """A number in a table cell or a chart label with its bound: in English the mark (≥2,000,
    >CNY 5.5 bn, ~52.1); in Chinese the words the prose uses (2000家以上, 超过55亿元, 约52.1, 近2.4亿元),
    so a Chinese page never writes one bound two ways. `word` is the document's own bound word
    (Figure.bound_word)."""
    if lang != "zh":
        return bound_mark(qualifier, lang, word) + text
    q = qualifier if qualifier == "exact" or word in ("", "range") else word
    return text if q == "exact" else _msg(f"bound.{q}", lang).format(v=text)


def cell(x, lang: str) -> str:
    """A figure in a table cell, written as the prose writes it: its bound (≥, >, ~, nearly in
    English; the prose's words in Chinese: 2000家以上, 超过55亿元, 约52.1亿元), the number at its
    printed precision with its unit and a Chinese count's measure word; a printed range as the
    range; in Chinese a fall with its word (下降5%, 减少458家), never a negative number."""
    if lang == "zh" and x.value < 0:
        return direction(x, lang)
    if lang == "zh":
        return bounded(x, plain(x, lang), lang)
    if isinstance(x, Figure) and x.bound_word == "range":  # 1–2 in English
        return x.formatted(lang)
    return mark(x, lang) + plain(x, lang)


def listed(x, lang: str) -> str:
    """A figure in a list of its quotes, as the prose writes it: a bound in words (超过1100家, more
    than 1,100), a fall with its word (下降5%, down 5%), a Chinese count with its measure word."""
    return direction(x, lang) if x.value < 0 else figure(x, lang, "bare")


def nominal(x) -> bool:
    """A growth rate computed from money figures is nominal: 'at current prices' / 按现价计算."""
    behind = figures_behind(x) if isinstance(x, Derived) else ()
    return x.unit == "percent" and bool(behind) and all(is_money(f.unit) for f in behind)


def figure(x, lang: str, spec: str = "") -> str:
    """A Figure or Derived in a sentence, by format spec (see helpers.present.catalog)."""
    if spec == "change":
        text = direction(x, lang)
    elif spec == "gap":  # a target against its base: 多50家以上, never 增加
        text = direction(x, lang, words="target_gap")
    elif spec == "abs":
        text = bounded(x, plain(x, lang, abs(x.value)), lang, size=True)
    elif spec in ("", "bare"):
        text = bounded(x, plain(x, lang), lang)
    elif spec == "post":
        text = bounded(x, plain(x, lang), lang, post=True)
    else:
        raise ValueError(f"unknown format spec {spec!r} for a figure")
    if isinstance(x, Derived) and spec != "bare":
        text += how(x, lang)
    return text


def number(v, lang: str, spec: str = "") -> str:
    """A plain count of things the report counts itself (3 targets, 2 checks)."""
    if spec == "abs":
        v = abs(v)
    return format_value(v, "count", lang, 0 if float(v).is_integer() else 2)


def items(texts: list[str], lang: str, numbered: bool = False, series: bool = False,
          names: frozenset = frozenset(), run_on: bool = False) -> str:
    """A list written whole: 'a; b; c' / 'a；b；c'; numbered 'first, a; second, b' / '一是a；二是b'
    (words, not digits, in both languages, so a list adds no number one language lacks; one item
    alone is not numbered);
    a series of names (`series`) 'a, b and c' / 'a、b、c'."""
    if series:
        if lang == "zh":
            return "、".join(texts)
        return texts[0] if len(texts) == 1 else ", ".join(texts[:-1]) + " and " + texts[-1]
    if numbered and len(texts) == 1:  # one item is not numbered: no 一是 without 二是
        return texts[0].rstrip("。；") if lang == "zh" else _midsentence(texts[0].rstrip(".;"), names)
    if numbered:
        if lang == "zh":
            texts = [(f"{CN_NUMERALS[i]}是" if i < len(CN_NUMERALS) else f"（{i + 1}）") + t.rstrip("。；")
                     for i, t in enumerate(texts)]
        else:
            texts = [(f"{EN_ORDINALS[i]}, " if i < len(EN_ORDINALS) else f"({i + 1}) ") + _midsentence(t.rstrip(".;"), names)
                     for i, t in enumerate(texts)]
    elif run_on:  # a document's list it runs together, in the sentence: their core teams…; they are…
        texts = [t.rstrip("。；") if lang == "zh" else _midsentence(t.rstrip(".;"), names) for t in texts]
    return ("；" if lang == "zh" else "; ").join(texts)


def _midsentence(text: str, names: frozenset = frozenset()) -> str:
    """An item written as a sentence of its own, inside a sentence: 'first, their core teams…',
    'third, financial management…'; a name keeps its capital: an acronym ('R&D', 'HTE') or a
    region's name (`names`, 'Nanchang lags')."""
    first = re.split(r"[\s,;:'’]", text, maxsplit=1)[0]
    if first in names or (len(first) > 1 and not first[1:2].islower()):  # 'A subsidy' is no acronym
        return text
    return text[:1].lower() + text[1:]


WEI = r"(?<![作成认因称视以列评定被])为"  # 为 as a verb, not inside 作为, 成为, 认为 …


def tidy(text: str, lang: str) -> str:
    """Punctuation as each language writes it: no doubled stops or spaces; no space inside Chinese.
    In Chinese a bound after 为 reads as a Chinese writer puts it: 目标超过1200家 (not 为超过), 约为
    4320亿元 (not 为约)."""
    text = re.sub(r"[ \t]{2,}", " ", text).strip()
    if lang == "zh":
        text = re.sub(WEI + r"(超过|不超过|不低于|至多|近|逾)(?=\d)", r"\1", text)
        text = re.sub(WEI + r"约(?=\d)", "约为", text)
        text = re.sub(r"(?<=[\u4e00-\u9fff（），。；：、“”]) (?=[\u4e00-\u9fff（），。；：、“”])", "", text)
        text = re.sub(r"[。]{2,}", "。", text).replace("；。", "。").replace("，。", "。")
    else:
        text = re.sub(r"\.{2,}(?!\.)", ".", text).replace(" ,", ",").replace(" .", ".")
    return text


