"""Audit of the document's own arithmetic, and the figures it implies but does not print.

The relations (helpers.data.relations, data/relations.csv) say what to compute; this module evaluates
them on one summary. The verdict (helpers.calc.intervals has the interval rule): a check is
`consistent` when the range its printed inputs allow meets the range its printed claim allows,
`inconsistent` when they do not meet, `unverifiable` when an input is not printed (the
explanation names it).
"""
from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd

from helpers.calc.derive import Derived, StandsFor, coarse, plain_formula, spread_decimals, term, uncertain
from helpers.calc.intervals import INF, Interval, apply, decimals_of, printed_interval, round_to
from helpers.data.csvsafe import safe_frame
from helpers.data.figures import Figure, Summary, by_indicator, per_summary
from helpers.data.formulas import FORMULAS, operand
from helpers.data.regions import fill_names, region_name
from helpers.data.relations import Ref, Relation, list_items, load_relations
from helpers.data.units import bound_mark, format_value, is_money, round_at, unit_label, unit_word

AUDIT_COLUMNS = ["check", "quote", "claimed", "computed", "unit", "status", "explanation"]
IMPLIED_COLUMNS = ["check", "figure", "value", "unit", "low", "high", "formula", "inputs"]
STATUSES = ("consistent", "inconsistent", "unverifiable")
CROSS_DOCUMENT = "cross_document_"  # the id prefix of the checks cross_document() makes
# An implied figure outside its range in data/plausibility.csv: computed, but flagged.
IMPLAUSIBLE = "implausible"

# --- evaluation --------------------------------------------------------------------------------

@dataclass(frozen=True)
class Input:
    """One resolved input: its value and range, or None when the document does not print it."""
    ref: Ref
    label_en: str
    label_zh: str
    value: float | None
    interval: Interval | None
    unit: str
    printed: str
    quote: str = ""
    figure: Figure | None = None
    decimals: int = 0
    derived: Derived | None = None   # an earlier relation's value (an @ input), with its own inputs

    def label(self, lang: str) -> str:
        return self.label_zh if lang == "zh" else self.label_en


@dataclass(frozen=True)
class Result:
    """The outcome of one relation for one summary."""
    relation: Relation
    inputs: tuple[Input, ...]
    claim: Figure | None
    claim_interval: Interval | None
    claimed: str
    decimals: int
    value: float | None
    interval: Interval | None
    status: str                       # consistent | inconsistent | unverifiable | implied
    formula_text: str
    quote: str
    notes_en: tuple[str, ...] = ()
    notes_zh: tuple[str, ...] = ()
    explanation_en: str = ""
    explanation_zh: str = ""
    readings: tuple[tuple[str, str], ...] = field(default=())
    warning_en: str = ""
    warning_zh: str = ""
    period: int | None = None  # the year an implied figure is for (its label says it: 2019年南昌研发投入)

    @property
    def check(self) -> str:
        return self.relation.check

    @property
    def unit(self) -> str:
        return self.relation.unit

    @property
    def computed(self) -> float | None:
        """The point value from the printed inputs, rounded to the claim's precision + 2."""
        return None if self.value is None else round_to(self.value, self.decimals + 2)

    @property
    def missing(self) -> list[Input]:
        return [i for i in self.inputs if i.value is None]

    def label(self, lang: str) -> str:
        """The relation's label; an implied figure's with the year it is for, never 上年 or 本年
        (which year "the year before" is depends on the reader's report)."""
        text = self.relation.label(lang)
        if self.relation.role != "implied" or self.period is None:
            return text
        if any(getattr(i.figure, "period_unstated", False) for i in self.inputs):  # no year to name
            return (text[:-len("（推算）")] + "（推算，统计时段未说明）" if text.endswith("（推算）") else text + "（统计时段未说明）") \
                if lang == "zh" else (text[:-len(" (implied)")] + " (implied; period not stated)"
                                      if text.endswith(" (implied)") else text + " (period not stated)")
        if lang == "zh":  # the year goes with the figure, after a topic: 科技保险：2021年户均保费补贴
            topic, sep, rest = text.rpartition("：")
            return f"{topic}{sep}{self.period}年{rest}"
        return text[:-len(" (implied)")] + f" in {self.period} (implied)" if text.endswith(" (implied)") \
            else f"{text} ({self.period})"

    def explanation(self, lang: str) -> str:
        return self.explanation_zh if lang == "zh" else self.explanation_en

    @property
    def determined(self) -> bool:
        """Do the printed figures fix this value? Not when the range they allow runs across zero or
        is wider than half the value (a GDP growth of 6.4% that could be anything from -4.4% to
        18.4%; 2.45% from 1.63% to 3.32%, where even 约2% would claim its first digit): such a
        value is never stated as a number, only its range is shown."""
        iv = self.interval
        if self.value is None or iv is None or not iv.bounded:
            return self.value is not None
        return not (iv.lo < 0 < iv.hi or iv.hi - iv.lo > abs(self.value) / 2)

    def derived(self, undetermined: bool = False) -> Derived | None:
        """The computed figure as a helpers.calc.derive.Derived: None when an input is missing, or
        for an implied figure the printed figures do not fix (`determined`), unless `undetermined`
        asks for it (to show the range it may take); a check's verdict already weighs its range."""
        if self.value is None or not (self.determined or undetermined or self.relation.role != "implied"):
            return None
        inputs = tuple(i.figure or i.derived for i in self.inputs if (i.figure or i.derived) is not None)
        flag = (self.warning_en, self.warning_zh) if self.status == IMPLAUSIBLE else None
        iv = self.interval  # a value the printed figures bound on one side only is that bound
        one_side = "" if iv is None or iv.bounded else "at_least" if math.isfinite(iv.lo) else \
            "at_most" if math.isfinite(iv.hi) else ""
        spread = (iv.lo, iv.hi) if iv is not None and iv.bounded and not one_side else None
        return Derived(self.value, self.unit, self.formula_text, inputs, self.relation.label_en, flag,
                       qualifier=one_side or "exact", spread=spread)

    def warning(self, lang: str) -> str:
        return self.warning_zh if lang == "zh" else self.warning_en



def _figure_label(summary: Summary, ind: str, region: str, period: int, kind: str, lang: str) -> str:
    cat = by_indicator(getattr(summary, "catalog", summary.dataset.catalog))
    name = str(cat.loc[ind, "name_zh" if lang == "zh" else "name_en"])
    kind_word = "" if kind == "actual" else (f", {kind}" if lang == "en" else
                                             {"estimate": "，预计", "target": "，目标",
                                              "policy": "，政策"}[kind])
    if lang == "zh":
        return f"{name}（{region_name(region, 'zh', summary.dataset.data_dir)}，{period}年{kind_word}）"
    return f"{name} ({region_name(region, 'en', summary.dataset.data_dir)}, {period}{kind_word})"


def figure_interval(fig: Figure) -> Interval:
    """The true values a printed figure allows, with the bound word and range its quote prints."""
    return printed_interval(fig.value, fig.decimals, fig.qualifier, fig.unit, fig.bound_word, fig.range_upper)


def _resolve(summary: Summary, rel: Relation, ref: Ref, done: dict[str, Result]) -> Input:
    if ref.kind == "figure":
        region = ref.resolve_region(summary.city, summary.regions)
        period = ref.resolve_period(summary.year)
        en = _figure_label(summary, ref.indicator, region, period, ref.fig_kind, "en")
        zh = _figure_label(summary, ref.indicator, region, period, ref.fig_kind, "zh")
        fig = summary.get(ref.indicator, region, period, ref.fig_kind)
        if fig is None:
            unit = str(by_indicator(summary.dataset.catalog).loc[ref.indicator, "unit"])
            return Input(ref, en, zh, None, None, unit, "")
        iv = figure_interval(fig)
        return Input(ref, en, zh, fig.value, iv, fig.unit, fig.printed, fig.quote, fig, fig.decimals)
    if ref.kind == "rows":
        tab = summary.table(ref.table)
        where_en = f" ({ref.column} {ref.value})" if ref.column else ""
        where_zh = f"（{ref.value}）" if ref.column else ""
        if tab.empty:  # the documents keep no such table: the count is unknown, not 0
            return Input(ref, f"entries the documents name{where_en}", f"文中点名的条目数{where_zh}",
                         None, None, "count", "")
        if ref.column:
            tab = tab[tab[ref.column].astype(str) == ref.value]
        n = len(tab)
        return Input(ref, f"entries the documents name{where_en}", f"文中点名的条目数{where_zh}",
                     float(n), Interval.point(n), "count", str(n),
                     "; ".join(dict.fromkeys(tab["quote"])) if n else "")
    if ref.kind == "list":
        n = len(list_items(ref.value))
        return Input(ref, f"names listed in “{ref.value}”", f"“{ref.value}”中列出的名称",
                     float(n), Interval.point(n), "count", str(n), ref.value)
    prior = done[ref.value]
    implied = prior.derived(undetermined=True)  # named in a formula as the report writes it (term)
    printed = "" if prior.value is None else term(implied) if implied is not None else f"{prior.value:.2f}"
    return Input(ref, prior.label("en"), prior.label("zh"), prior.value,
                 prior.interval, prior.unit, printed, "", None, 2, prior.derived())


def _num(x: float, decimals: int) -> str:
    if math.isinf(x):
        return "∞" if x > 0 else "-∞"
    s = f"{round_to(x, decimals):.{max(decimals, 0)}f}"
    return "0" if s.strip("-0.") == "" else s


def _with_unit(text: str, unit: str, lang: str) -> str:
    if unit in ("count", "rank"):
        return text
    label = unit_label(unit, lang)
    if unit in ("percent", "multiple") or lang == "zh":
        return f"{text}{label}"
    return f"{text} {label}"


ZH_MARKS = {"≥": "不低于", ">": "超过", "≤": "不超过"}  # bound marks (units.bound_mark) in a sentence


def _say(text: str, unit: str, lang: str, mark: str = "") -> str:
    """A printed or computed number with its unit and bound mark, as a reader writes it: in
    Chinese a negative number is a fall with its word (下降50.16%, 减少1689家, 下降约5%) and a mark
    is a word (约3.22亿元, 不低于1200)."""
    if lang != "zh":
        if is_money(unit) and re.fullmatch(r"-?[0-9.]+", text):  # CNY 11.177 bn for 111.77: as many
            return mark + format_value(float(text), unit, "en", printed=decimals_of(text))  # digits as the Chinese
        return mark + _with_unit(text, unit, lang)
    mark = ZH_MARKS.get(mark, mark)
    if text.startswith("-") and text[1:2].isdigit():
        fall = "减少" if unit == "count" or is_money(unit) else "下降"
        return fall + mark + _with_unit(text[1:], unit, lang)
    return mark + _with_unit(text, unit, lang)


def claimed_text(res: Result, lang: str) -> str:
    """The claim a check holds against, as the document prints it (约3.22亿元, 下降50.16%, 近2亿元),
    or the reading of its words (1.9至2.1倍)."""
    c = res.claim
    if c is None:  # a range of words' reading: 1.9至2.1倍 in Chinese, 1.9–2.1× in English
        return _with_unit(res.claimed.replace("–", "至") if lang == "zh" else res.claimed, res.unit, lang)
    return _say(c.printed, res.unit, lang, bound_mark(c.qualifier, lang, c.bound_word)) + _measure(c, lang)


def _measure(fig: Figure | None, lang: str) -> str:
    """The measure word a Chinese count takes, the one its document prints with it (家, 项)."""
    return fig.measure_zh if lang == "zh" and fig is not None and fig.unit == "count" and fig.measure_zh else ""


def _range(iv: Interval, decimals: int, unit: str, lang: str) -> str:
    if iv.lo == iv.hi:
        return _say(_num(iv.lo, decimals), unit, lang)
    if lang == "zh" and iv.hi < 0 and not math.isinf(iv.lo):  # a fall: 下降50.1550–50.1650%
        return _say(f"-{_num(-iv.hi, decimals)}–{_num(-iv.lo, decimals)}", unit, lang)
    if math.isinf(iv.hi):
        return ("at least " if lang == "en" else "不低于") + _with_unit(_num(iv.lo, decimals), unit, lang)
    if math.isinf(iv.lo):
        return ("at most " if lang == "en" else "不超过") + _with_unit(_num(iv.hi, decimals), unit, lang)
    sep = ("–" if iv.lo >= 0 else " to ") if lang == "en" else ("–" if iv.lo >= 0 else "至")
    return _with_unit(f"{_num(iv.lo, decimals)}{sep}{_num(iv.hi, decimals)}", unit, lang)


def claim_range(res: Result, lang: str) -> str:
    """The range a check's printed claim stands for, as the explanations write it ("1.9–2.1倍")."""
    return _range(res.claim_interval, _shown_decimals(res), res.unit, lang)


def computed_text(res: Result) -> str:
    """The recomputed value two decimals finer than the claim; a whole count as a whole number."""
    if res.computed is None:
        return ""
    if res.unit in ("count", "rank") and float(res.computed).is_integer():
        return f"{res.computed:.0f}"
    return f"{res.computed:.{res.decimals + 2}f}"


def computed_cell(res: Result, lang: str) -> str:
    """The recomputed value with its unit, as a reader writes it (下降50.1643%; '' if none); for a
    bound the figures must keep, the bound as printed (不超过5.33亿元)."""
    text = computed_text(res)
    if not text:
        return ""
    if res.relation.formula == "not_greater":
        bound = res.inputs[0]
        fig = bound.figure
        if fig is not None and fig.qualifier == "at_least":  # a floor bounds nothing from above: the
            # figure as printed (超过12亿元), never 不超过12亿元, a limit the figures do not give
            return _say(bound.printed, bound.unit, lang, bound_mark(fig.qualifier, lang, fig.bound_word))
        return _say(bound.printed, bound.unit, lang, "≤" if lang == "en" else "不超过")
    return _say(text, res.unit, lang)


def is_cross_document(res: Result) -> bool:
    """A check of one figure that two documents both print (cross_document)."""
    return res.check.startswith(CROSS_DOCUMENT)


def _shown_decimals(res: Result) -> int:
    """Decimals in explanations: the claim's precision + 2, none for whole counts."""
    if res.unit in ("count", "rank") and res.value is not None and float(res.value).is_integer():
        return 0
    return res.decimals + 2


def _solve(func: Callable[[float], float], target: float, x0: float) -> float | None:
    """The x near x0 with func(x) = target, by the secant method (None when it fails)."""
    a, b = x0, x0 * 1.01 if x0 else 1.0
    try:
        fa, fb = func(a) - target, func(b) - target
        for _ in range(100):
            if fb == fa:
                break
            a, b, fa = b, b - fb * (b - a) / (fb - fa), fb
            fb = func(b) - target
            if abs(fb) <= 1e-12 * max(1.0, abs(target)):
                return b if math.isfinite(b) and (b > 0) == (x0 > 0) else None
    except (ZeroDivisionError, OverflowError):
        return None
    return None


def _significant(printed: str) -> int:
    return len(printed.lstrip("+-").replace(".", "").strip("0"))


def _reuse_notes(summary: Summary, figs: list[Figure],
                 every: list[Figure]) -> tuple[list[str], list[str]]:
    """'31.55 is also printed for …': the same number standing for two things (>= 3 digits)."""
    en, zh = [], []
    seen = set()
    for f in figs:
        if f is None or _significant(f.printed) < 3:
            continue
        others = [g for g in every if g is not None and g != f and g.unit == f.unit
                  and g.printed.lstrip("-") == f.printed.lstrip("-")]
        for g in others:
            key = tuple(sorted([(f.indicator, f.region), (g.indicator, g.region)]))
            if key in seen:
                continue
            seen.add(key)
            en.append(f"The same number {f.printed.lstrip('-')} is printed both as "
                      f"{_figure_label(summary, f.indicator, f.region, f.period, f.kind, 'en')} and as "
                      f"{_figure_label(summary, g.indicator, g.region, g.period, g.kind, 'en')} "
                      f"(“{g.quote}”); each use is checked on its own.")
            zh.append(f"同一个数字{f.printed.lstrip('-')}既是"
                      f"{_figure_label(summary, f.indicator, f.region, f.period, f.kind, 'zh')}，又是"
                      f"{_figure_label(summary, g.indicator, g.region, g.period, g.kind, 'zh')}"
                      f"（“{g.quote}”）；两处分别核验。")
    return en, zh


def evaluate_relation(summary: Summary, rel: Relation, done: dict[str, Result],
                      every: list[Figure] | None = None) -> Result | None:
    """One relation on one summary; None when the claim it checks is not in this summary.

    `done` holds the results of earlier relations (for @ inputs); `every` the summary's figures
    (looked up once by `evaluate`), used to notice a number printed for two things.
    """
    if rel.source and rel.source != summary.source["source"]:
        return None
    claim, claim_iv, claimed, decimals, quote = None, None, "", 2, rel.claim_quote
    if rel.role == "check":
        if rel.claim is not None:
            ref = rel.claim
            claim = summary.get(ref.indicator, ref.resolve_region(summary.city, summary.regions),
                                ref.resolve_period(summary.year), ref.fig_kind)
            if claim is None:
                return None
            claim_iv = figure_interval(claim)
            claimed, decimals, quote = claim.printed, claim.decimals, claim.quote
            if claim.qualifier != "exact":
                claimed = {"approx": "~", "at_least": "≥", "at_most": "≤"}[claim.qualifier] + claimed
        else:
            lo, hi = rel.bounds
            claim_iv = Interval(lo, hi)
            claimed = f"{lo:g}" if lo == hi else f"{lo:g}–{hi:g}"
            decimals = max(decimals_of(f"{lo:g}"), decimals_of(f"{hi:g}"))
    inputs = tuple(_resolve(summary, rel, r, done) for r in rel.inputs)
    formula = FORMULAS[rel.formula]
    printed_args = [("?" if i.value is None else term(i.figure) if i.figure is not None else i.printed)  # 约3.22
                    + (" " + unit_label(i.unit, "zh") if is_money(i.unit) and i.value is not None else "")
                    for i in inputs]
    formula_text = formula.text(printed_args)
    if rel.role == "implied":
        decimals = 0 if rel.unit in ("count", "rank") else 2
    missing = [i for i in inputs if i.value is None]
    period = _period(summary, rel, inputs, done)
    every = summary.figures() if every is None else every
    notes_en, notes_zh = _reuse_notes(summary, [claim] + [i.figure for i in inputs], every)
    if missing and rel.role == "check" and (rel.claim is None or rel.formula == "not_greater"):
        return None  # a bound the figures must keep (a year's loans within the running total), not a
        # claim the document prints: with an input missing there is nothing of the document's to check
    if missing:
        status = "unverifiable" if rel.role == "check" else "implied"
        res = Result(rel, inputs, claim, claim_iv, claimed, decimals, None, None, status,
                     formula_text, quote, tuple(notes_en), tuple(notes_zh), period=period)
        return _explain(res)
    vals = [operand(i.value, i.unit, rel.unit, rel.formula) for i in inputs]
    ivs = [Interval(operand(i.interval.lo, i.unit, rel.unit, rel.formula),
                    operand(i.interval.hi, i.unit, rel.unit, rel.formula)) for i in inputs]
    if rel.formula == "integer_base":
        value, interval, base = _integer_base(vals[0], ivs[0], claim, claim_iv)
        formula_text = f"({printed_args[0]} / {base} - 1) × 100"
    elif rel.formula == "not_greater":
        value, interval = vals[0], Interval(-INF, ivs[0].hi)
    else:
        try:
            value = formula.func(*vals)
            interval = apply(formula.func, *ivs)
            if not (math.isfinite(value) and math.isfinite(interval.lo)
                    and math.isfinite(interval.hi)):
                raise OverflowError
        except (ZeroDivisionError, ValueError, OverflowError) as exc:
            zero = isinstance(exc, ZeroDivisionError) or "zero" in str(exc)
            why_en = ("an input it divides by is 0" if zero else
                      "the result is not a finite number")
            why_zh = "作为除数的输入为0" if zero else "结果不是有限数"
            res = Result(rel, inputs, claim, claim_iv, claimed, decimals, None, None,
                         "unverifiable" if rel.role == "check" else "implied", formula_text,
                         quote, (f"Cannot be computed: {why_en}.",) + tuple(notes_en),
                         (f"无法计算：{why_zh}。",) + tuple(notes_zh), period=period)
            return _explain(res)
    if rel.role == "implied":
        status = "implied"
    else:
        status = "consistent" if interval.intersects(claim_iv) else "inconsistent"
    res = Result(rel, inputs, claim, claim_iv, claimed, decimals, value, interval, status,
                 formula_text, quote, tuple(notes_en), tuple(notes_zh), period=period)
    return _explain(res)


def _period(summary: Summary, rel: Relation, inputs, done: dict) -> int | None:
    """The year an implied figure is for: the figure it stands for (`implies`), else the latest
    year among its inputs (a printed figure's, or an earlier implied figure's)."""
    if rel.role != "implied":
        return None
    if rel.implies is not None:
        return rel.implies.resolve_period(summary.year)
    years = [i.ref.resolve_period(summary.year) for i in inputs if i.ref.kind == "figure"]
    years += [done[i.ref.value].period for i in inputs if i.ref.kind == "result" and i.ref.value in done]
    years = [y for y in years if y is not None]
    return max(years) if years else None


def _integer_base(count: float, count_iv: Interval, claim: Figure, claim_iv: Interval):
    """Growth recomputed from the whole-number base nearest to what the claimed rate implies.

    The claimed rate allows last year's count to lie in count / (1 + rate); when a whole number
    lies there, the rate it gives is returned with a zero-width range inside the claim's.
    """
    base_iv = apply(lambda c, g: c / (1 + g / 100), count_iv, claim_iv)
    wholes = [n for n in base_iv.whole_numbers() if n > 0]
    point = count / (1 + claim.value / 100)
    n = min(wholes, key=lambda w: abs(w - point)) if wholes else max(1, round(point))
    value = (count / n - 1) * 100
    return value, Interval.point(value), n


def _explain(res: Result) -> Result:
    """Fill the explanation (en, zh) and, for an inconsistency, the readings that could be true."""
    rel, d, unit = res.relation, _shown_decimals(res), res.unit
    lead_en = rel.explanation_en or FORMULAS[rel.formula].en
    lead_zh = rel.explanation_zh or FORMULAS[rel.formula].zh
    lead_en = lead_en[0].upper() + lead_en[1:] if lead_en else lead_en
    en, zh = [lead_en.rstrip(".") + "."], [lead_zh.rstrip("。") + "。"]
    readings: list[tuple[str, str]] = []
    if res.value is None and not res.missing:
        pass  # could not be computed: the reason is the first of the notes
    elif res.status in ("unverifiable",) or (res.status == "implied" and res.value is None):
        names_en = "; ".join(i.label("en") for i in res.missing)
        names_zh = "；".join(i.label("zh") for i in res.missing)
        en.append(f"Cannot be recomputed: the document does not print {names_en}.")
        zh.append(f"无法重新计算：文件未给出{names_zh}。")
    elif res.status == "implied":
        en.append(f"Implied: {res.formula_text} = {_say(_num(res.value, d), unit, 'en')}"
                  f" (range {_range(res.interval, d, unit, 'en')} from the rounding of the inputs).")
        zh.append(f"推算：{plain_formula(res.formula_text)} = {_say(_num(res.value, d), unit, 'zh')}"
                  f"（按输入数据的舍入误差，范围为{_range(res.interval, d, unit, 'zh')}）。")
    else:
        comp_en = _say(_num(res.value, d), unit, "en")
        comp_zh = _say(_num(res.value, d), unit, "zh")
        claimed_en, claimed_zh = claimed_text(res, "en"), claimed_text(res, "zh")
        if rel.formula == "not_greater":
            bound = res.inputs[0]
            en.append(f"{claimed_en} must not exceed {bound.label('en')}, "
                      f"{_say(bound.printed, bound.unit, 'en')}.")
            zh.append(f"{claimed_zh}不应超过{bound.label('zh')}"
                      f"{_say(bound.printed, bound.unit, 'zh')}{_measure(bound.figure, 'zh')}。")
        elif rel.formula == "count":
            en.append(f"Counted: {comp_en} named in the text.")
            zh.append(f"计数：文中列出{comp_zh}{_measure(res.claim, 'zh') or '个'}。")
        elif res.interval.width == 0:
            en.append(f"Recomputed: {res.formula_text} = {comp_en} (the inputs are exact counts).")
            zh.append(f"重新计算：{plain_formula(res.formula_text)} = {comp_zh}（输入为精确计数）。")
        else:
            en.append(f"Recomputed: {res.formula_text} = {comp_en}; the rounding of the inputs "
                      f"allows {_range(res.interval, d, unit, 'en')}.")
            zh.append(f"重新计算：{plain_formula(res.formula_text)} = {comp_zh}；按输入数据的舍入，范围为"
                      f"{_range(res.interval, d, unit, 'zh')}。")
        claim_en = _range(res.claim_interval, d, unit, "en")
        claim_zh = _range(res.claim_interval, d, unit, "zh")
        if res.claim is None:
            stand_en = f"The words “{res.quote}” are read as {claim_en}"
            stand_zh = f"文中“{res.quote}”理解为{claim_zh}"
        elif res.claim_interval.width == 0:
            stand_en, stand_zh = f"The printed count is {claim_en}", f"文中的数量为{claim_zh}"
        else:
            stand_en = f"The printed {claimed_en} stands for {claim_en}"
            stand_zh = f"文中的{claimed_zh}代表{claim_zh}"
        ok = res.status == "consistent"
        meet_en, meet_zh = _meeting(rel.formula, res.claim_interval, res.interval, ok)
        en.append(f"{stand_en}: {meet_en}" + (", so the claim is consistent." if ok else "."))
        zh.append(f"{stand_zh}，{meet_zh}" + ("，与原文一致。" if ok else "。"))
        if not ok:
            readings = _readings(res)
            en.append(" ".join(f"({k}) {r[0]}" for k, r in zip("abcdefgh", readings)))
            zh.append("".join(f"（{k}）{r[1]}" for k, r in zip("abcdefgh", readings)))
    en += list(res.notes_en)
    zh += list(res.notes_zh)
    return replace(res, explanation_en=" ".join(en), explanation_zh="".join(zh),
                   readings=tuple(readings))


def _meeting(formula: str, claim: Interval, computed: Interval, ok: bool) -> tuple[str, str]:
    """How the printed claim stands against what the figures give, in words that fit the kind of
    check: a bound kept or exceeded, a count the same or not, a value in a range or not, two
    ranges that overlap or not (the verdict itself is decided by the intervals)."""
    if formula == "not_greater":
        return (("it does not exceed that amount", "未超过上述数额") if ok else
                ("it exceeds that amount", "超过了上述数额"))
    if claim.width == 0 and computed.width == 0:
        return (("the same as recomputed", "与重新计算的结果相同") if ok else
                ("not what the figures give", "与重新计算的结果不同"))
    if claim.width == 0:
        return (("within the recomputed range", "在重新计算的范围内") if ok else
                ("outside the recomputed range", "不在重新计算的范围内"))
    if computed.width == 0:
        return (("the recomputed value lies within it", "重新计算的结果在此范围内") if ok else
                ("the recomputed value lies outside it", "重新计算的结果不在此范围内"))
    return (("the two ranges overlap", "两个范围有重叠") if ok else
            ("the two ranges do not overlap", "两个范围没有重叠"))


def _readings(res: Result) -> list[tuple[str, str]]:
    """The readings that could be true: the claim is wrong, or one input is."""
    rel, unit = res.relation, res.unit
    d = _shown_decimals(res)
    comp_en = _say(_num(res.value, d), unit, "en")
    comp_zh = _say(_num(res.value, d), unit, "zh")
    claim_name_en = (res.claim.name("en") if res.claim else rel.label_en)
    claim_name_zh = (res.claim.name("zh") if res.claim else rel.label_zh)
    claimed_en, claimed_zh = claimed_text(res, "en"), claimed_text(res, "zh")
    out = [(f"Either the printed {claimed_en} is wrong and {claim_name_en} is {comp_en}, as the "
            f"other figures give;",
            f"或者文中的{claimed_zh}有误，{claim_name_zh}应为{comp_zh}（由其他数据算得）；")]
    if rel.formula not in ("integer_base", "not_greater"):
        if res.claim is not None:
            target = res.claim.value
        else:
            target = min(max(res.value, res.claim_interval.lo), res.claim_interval.hi)
        func = FORMULAS[rel.formula].func
        vals = [operand(i.value, i.unit, rel.unit, rel.formula) for i in res.inputs]
        for k, inp in enumerate(res.inputs):
            if inp.figure is None:
                continue
            scale = operand(1.0, inp.unit, rel.unit, rel.formula)

            def f(x, k=k, scale=scale):
                args = list(vals)
                args[k] = x * scale
                return func(*args)
            x = _solve(f, target, inp.value)
            if x is None:
                continue
            if inp.unit in ("count", "rank"):  # a count is whole: only a whole number that gives the printed
                # figure makes this reading possible (no whole number of firms gives 31.55% of 1,452)
                fits = [n for n in sorted({math.floor(x), math.ceil(x)}, key=lambda n: abs(n - x))
                        if (n >= 0 or inp.value < 0) and res.claim_interval.lo <= f(n) <= res.claim_interval.hi]
                if not fits:
                    continue
                x = fits[0]
            shown = _num(x, 0 if inp.unit in ("count", "rank") else inp.decimals + 1)
            out.append((f"or {inp.label('en')} is not {_with_unit(inp.printed, inp.unit, 'en')}: "
                        f"the printed {claimed_en} needs it to be about "
                        f"{_with_unit(shown, inp.unit, 'en')};",
                        f"或者{inp.label('zh')}不是{_say(inp.printed, inp.unit, 'zh')}："
                        f"要得到文中的{claimed_zh}，它应约为{_say(shown, inp.unit, 'zh')}；"))
    last_en, last_zh = out[-1]
    out[-1] = (last_en.rstrip(";") + ".", last_zh.rstrip("；") + "。")
    return out


def evaluate(summary: Summary, relations: list[Relation] | None = None) -> list[Result]:
    """Every relation that applies to this summary, in file order (the data's relations are
    evaluated once per summary: every section reads its implied figures from them)."""
    if relations is None:
        return list(_evaluated(summary))
    return _evaluate(summary, relations)


@per_summary
def _evaluated(summary: Summary) -> tuple[Result, ...]:
    return tuple(_evaluate(summary, None))


def _evaluate(summary: Summary, relations: list[Relation] | None) -> list[Result]:
    if relations is None:
        relations = (list(summary.dataset.relations) if summary.dataset.relations
                     else load_relations(dataset=summary.dataset))
    done: dict[str, Result] = {}
    out = []
    every = summary.figures()
    relations = [named(rel, summary) for rel in relations]
    bounds = {b.check: b for b in getattr(summary.dataset, "plausibility", ())}
    for rel in relations:
        res = evaluate_relation(summary, rel, done, every)
        if res is not None and rel.check in bounds:
            res = plausibility(res, bounds[rel.check])
        if res is not None:
            done[rel.check] = res
            out.append(res)
    for rel in [r.relation for r in out if r.relation.implies is not None and r.value is not None]:
        res = evaluate_relation(summary, against_published(rel), done, every)
        if res is not None and res.claim is not None and res.claim.source not in _sources_of(done[rel.check]):
            out.append(res)
    return out + cross_document(summary)


def named(rel: Relation, summary: Summary) -> Relation:
    """A relation's labels with {city} and {province} replaced by the selection's names
    (data/regions.csv), so relations.csv serves any city."""
    regions = getattr(summary, "regions", None) or [summary.city]

    def fill(text: str, lang: str) -> str:
        return fill_names(text, lang, regions, summary.dataset.data_dir)
    return replace(rel, label_en=fill(rel.label_en, "en"), label_zh=fill(rel.label_zh, "zh"),
                   explanation_en=fill(rel.explanation_en, "en"), explanation_zh=fill(rel.explanation_zh, "zh"))


def _sources_of(res: Result) -> set[str]:
    return {i.figure.source for i in res.inputs if i.figure is not None}


def against_published(rel: Relation) -> Relation:
    """A check of an implied figure against the figure a document publishes for the same thing
    (Jiangxi's R&D implied by Nanchang's share, against the provincial statistics)."""
    return Relation(f"{rel.check}_vs_published", "check", "same", rel.implies,
                    (Ref("result", "@" + rel.check, value=rel.check),), rel.unit, "", "", None,
                    f"{rel.label_en}: against the published figure",
                    f"{rel.label_zh}：与公布数对照",
                    "The implied figure (with the range the rounding of its inputs allows) against "
                    "the figure another document publishes",
                    "推算值（含输入数据四舍五入允许的范围）与另一文件公布的数据对照", rel.line)


def cross_document(summary: Summary) -> list[Result]:
    """One check per figure that two documents of the selection both print: they must agree
    within the rounding of the printed numbers."""
    out = []
    for first, other in (summary.duplicates() if hasattr(summary, "duplicates") else ()):
        iv1 = figure_interval(first)
        iv2 = figure_interval(other)
        ok = iv1.intersects(iv2)
        ref = Ref("figure", f"{first.indicator}:{first.region}:{first.period}:{first.kind}",
                  first.indicator, first.region, str(first.period), first.kind)
        t1, t2 = summary.source_title(first.source), summary.source_title(other.source)
        label_en = _figure_label(summary, first.indicator, first.region, first.period, first.kind, "en")
        label_zh = _figure_label(summary, first.indicator, first.region, first.period, first.kind, "zh")
        rel = Relation(f"{CROSS_DOCUMENT}{first.indicator}_{first.region}_{first.period}_{other.source}",
                       "check", "same", ref, (ref,), first.unit, other.source, other.quote, None,
                       f"{label_en}: two documents", f"{label_zh}：两份文件", "", "")
        inp = Input(ref, label_en, label_zh, first.value, iv1, first.unit, first.printed, first.quote,
                    first, first.decimals)
        verdict_en = "agree within rounding" if ok else "disagree"
        verdict_zh = "在四舍五入范围内一致" if ok else "不一致"
        out.append(Result(
            rel, (inp,), other, iv2, other.printed, other.decimals, first.value, iv1,
            "consistent" if ok else "inconsistent", f"{first.printed} ({t1})",
            f"{first.quote} [{t1}] | {other.quote} [{t2}]",
            explanation_en=(f"Two documents print {label_en}: {first.printed} in “{t1}” and "
                            f"{other.printed} in “{t2}”; they {verdict_en}."),
            explanation_zh=(f"两份文件均载有{label_zh}：《{t1}》为{first.printed}，《{t2}》为"
                            f"{other.printed}，两者{verdict_zh}。")))
    return out


def _bound_text(bound, unit: str, lang: str) -> str:
    lo, hi = bound.low, bound.high
    num = lambda x: format_value(x, unit, lang)  # noqa: E731
    if math.isinf(lo) or lo == 0:
        return ("at most " if lang == "en" else "不超过") + num(hi)
    if math.isinf(hi):
        return ("at least " if lang == "en" else "不低于") + num(lo)
    return f"{num(lo)}–{num(hi)}" if lang == "en" else f"{num(lo)}至{num(hi)}"


def plausibility(res: Result, bound) -> Result:
    """An implied value outside its plausible range (data/plausibility.csv) becomes `implausible`:
    still computed, but flagged "implausible, check the source" with the reason and the range."""
    if res.value is None or res.relation.role != "implied" or bound.contains(res.value):
        return res
    d, value, about = (0 if res.unit in ("count", "rank") else 2), res.value, ("", "")
    implied = res.derived(undetermined=True)
    if implied is not None and coarse(implied):  # no finer than the printed figures allow: 约26735倍
        d, value = max(0, spread_decimals(implied)), round_to(res.value, spread_decimals(implied))
    if implied is not None and uncertain(implied):
        about = ("about ", "约")
    money = is_money(res.unit)  # English money with the Chinese digits: about CNY 2.807 bn for 约28.07亿元
    value_en, value_zh = (a + format_value(value, res.unit, lang, None if money and lang == "en" else d,
                                           printed=d if money else None)
                          for a, lang in zip(about, ("en", "zh")))
    en = (f"implausible, check the source: {value_en} is outside the plausible range "
          f"({_bound_text(bound, res.unit, 'en')}): {bound.reason_en.rstrip('.')}.")
    zh = (f"数值不合常理，请核对原文：{value_zh}超出合理范围（{_bound_text(bound, res.unit, 'zh')}）："
          f"{bound.reason_zh.rstrip('。')}。")
    return replace(res, status=IMPLAUSIBLE, warning_en=en, warning_zh=zh,
                   explanation_en=f"{res.explanation_en} {en[0].upper()}{en[1:]}",
                   explanation_zh=f"{res.explanation_zh}{zh}")


def implausible(results: list[Result]) -> list[Result]:
    """The implied figures flagged implausible, in file order."""
    return [r for r in results if r.status == IMPLAUSIBLE]


# --- tables for the notebook and the build -----------------------------------------------------

def checks(results: list[Result]) -> list[Result]:
    return [r for r in results if r.relation.role == "check"]


def implied(results: list[Result]) -> list[Result]:
    return [r for r in results if r.relation.role == "implied"]


def audit_frame(results: list[Result], lang: str = "en") -> pd.DataFrame:
    """audit.csv: check, quote, claimed, computed, unit, status, explanation (one row per check)."""
    rows = [{"check": r.check, "quote": r.quote, "claimed": r.claimed,
             "computed": "" if r.computed is None else f"{r.computed:.{r.decimals + 2}f}",
             "unit": r.unit, "status": r.status, "explanation": r.explanation(lang)}
            for r in checks(results)]
    return pd.DataFrame(rows, columns=AUDIT_COLUMNS)


def implied_frame(results: list[Result], lang: str = "en") -> pd.DataFrame:
    """The implied figures: value, its range from the rounding of the inputs, formula, quotes."""
    rows = []
    for r in implied(results):
        d = 0 if r.unit in ("count", "rank") else 2  # a count of firms is whole, as the page writes it
        iv = r.interval
        quotes = [i.quote or (i.label(lang) if i.ref.kind == "result" else "") for i in r.inputs]
        words = {i.figure.measure_zh for i in r.inputs if i.figure is not None and i.figure.unit == "count"
                 and i.figure.measure_zh} if lang == "zh" and r.unit == "count" else set()
        rows.append({"check": r.check, "figure": r.label(lang),
                     "value": None if r.value is None else round_to(r.value, d),
                     "unit": words.pop() if len(words) == 1 else r.unit,  # 家, as its inputs print it
                     # a count's range is the whole numbers inside it (1177.1 to 1178.2 is 1178 to 1178)
                     "low": None if iv is None or not iv.bounded else
                     round_at(iv.lo, 1, "up") if d == 0 else round_to(iv.lo, d),
                     "high": None if iv is None or not iv.bounded else
                     round_at(iv.hi, 1, "down") if d == 0 else round_to(iv.hi, d),
                     "formula": r.formula_text, "inputs": " | ".join(q for q in quotes if q)})
    return pd.DataFrame(rows, columns=IMPLIED_COLUMNS)


def status_counts(results: list[Result]) -> dict[str, int]:
    """How many checks have each status, in the order consistent, inconsistent, unverifiable."""
    found = [r.status for r in checks(results)]
    return {s: found.count(s) for s in STATUSES}


def relative_gap(result: Result) -> float | None:
    """How far the computed value is from the printed claim, in % of the claim (None if unchecked)."""
    if (result.value is None or result.relation.role != "check"
            or result.relation.formula == "not_greater"):
        return None
    if result.claim is not None:
        target = result.claim.value
    else:
        target = min(max(result.value, result.claim_interval.lo), result.claim_interval.hi)
    if target == 0:
        return None
    return (result.value - target) / abs(target) * 100


# The reader's tables (tables/NN_audit.csv and its download) name checks, units and
# results in the report's language; audit.csv keeps the DESIGN's ids for programs.
READER_COLUMNS = {
    "en": {"check": "Check", "quote": "Quote", "claimed": "Printed value", "computed": "Recomputed value",
           "unit": "Unit", "status": "Result", "explanation": "Explanation", "figure": "Figure",
           "value": "Value", "low": "Lowest", "high": "Highest", "formula": "Formula", "inputs": "Quotes"},
    "zh": {"check": "核验项", "quote": "原文", "claimed": "文中数值", "computed": "重新计算值",
           "unit": "单位", "status": "结论", "explanation": "说明", "figure": "推算指标", "value": "数值",
           "low": "下限", "high": "上限", "formula": "算式", "inputs": "原文依据"},
}
STATUS_WORDS = {"consistent": ("consistent", "一致"), "inconsistent": ("inconsistent", "不一致"),
                "unverifiable": ("cannot be checked", "无法核验")}


def reader_frame(frame: pd.DataFrame, labels: list[str], lang: str) -> pd.DataFrame:
    """An audit frame for readers: each check by its label, units and results
    in words of `lang`, the recomputed value as a number, headers in `lang`."""
    out = frame.copy()
    out["check"] = labels
    out["unit"] = [unit_word(u, lang) for u in out["unit"]]
    if "status" in out:
        out["status"] = [STATUS_WORDS[v][1 if lang == "zh" else 0] for v in out["status"]]
    if "computed" in out:
        out["computed"] = pd.to_numeric(out["computed"].replace("", None))
    return out.rename(columns=READER_COLUMNS["zh" if lang == "zh" else "en"])


def write_outputs(results: list[Result], output_dir: str | Path, number: str = "10",
                  lang: str = "en") -> dict[str, Path]:
    """Write for programs {output_dir}/audit.csv (the DESIGN columns, ids) and implied.csv (each
    implied figure's id, value and range as numbers), and for readers tables/NN_audit.csv
    (reader_checks with the explanation) in `lang`. The readers' implied figures are the page's
    table (helpers.present.audit_view.implied_table), written as the prose writes them (近670万元),
    never as bare numbers that drop the 近 of their inputs."""
    out = Path(output_dir)
    (out / "tables").mkdir(parents=True, exist_ok=True)
    paths = {"audit": out / "audit.csv", "table": out / "tables" / f"{number}_audit.csv",
             "implied": out / "implied.csv"}
    safe_frame(audit_frame(results, lang)).to_csv(paths["audit"], index=False, lineterminator="\n")
    reader = pd.DataFrame([row + (r.explanation(lang),) for r, row in zip(checks(results), reader_checks(results, lang))],
                          columns=["check", "quote", "claimed", "computed", "status", "explanation"])
    safe_frame(reader.rename(columns=READER_COLUMNS["zh" if lang == "zh" else "en"])).to_csv(
        paths["table"], index=False, lineterminator="\n")
    imp = implied_frame(results, lang).dropna(subset=["value"])  # a figure no input allows is not a row
    safe_frame(imp).to_csv(paths["implied"], index=False, lineterminator="\n")
    return paths


def reader_checks(results: list[Result], lang: str) -> list[tuple[str, str, str, str, str]]:
    """(label, quote, printed claim, recomputed value, verdict) of each check for a reader: each
    figure with its unit as the prose writes it (下降50.16%, 约3.22亿元, 不超过5.33亿元, 10家)."""
    rows = []
    for r in checks(results):
        computed = computed_cell(r, lang)
        rows.append((r.label(lang), r.quote, claimed_text(r, lang),
                     computed + _measure(r.claim, lang) if computed else "", STATUS_WORDS[r.status][lang == "zh"]))
    return rows


def recomputes(r: Result) -> bool:
    """Does the check recompute a printed number? Not a ceiling (not_greater), a claim in words read
    as a band (翻番, 十余倍: inside the band, not within rounding), or a count of the names a document
    lists or the rows it keeps."""
    return not (r.relation.formula == "not_greater" or r.claim is None
                or any(i.ref.kind in ("rows", "list") for i in r.inputs))


def gaps(results: list[Result]) -> list[tuple[Result, float]]:
    """(check, relative gap) for the checked rates, shares, changes and multiples that print a
    number: where a difference in % of the printed value means something. A claim in words (翻番,
    十余倍) is a band this report reads, not a printed value: its "gap" would only say whether the
    result fell inside the band, so it is left to the check table (counts of names are exact or not)."""
    out = []
    for r in checks(results):
        g = relative_gap(r)
        if g is not None and r.claim is not None and r.unit in ("percent", "pp", "multiple"):
            out.append((r, g))
    return out


def implied_figures(summary: Summary, results: list[Result] | None = None) -> dict[str, Derived | None]:
    """Every relation's value as a Derived, by check id: the one place sections read a figure
    that data/relations.csv defines (None when an input is not reported)."""
    results = evaluate(summary) if results is None else results
    return {r.check: r.derived() for r in results}


def implied_by_figure(summary: Summary, implied: dict[str, Derived | None]) -> dict[tuple, Derived]:
    """The implied figures that stand for a figure no document prints (relations.csv `implies`),
    by (indicator, region, period): an outcome for a target, a point of a trend."""
    out: dict[tuple, Derived] = {}
    for rel in summary.dataset.relations or ():
        ref, d = rel.implies, implied.get(rel.check)
        if ref is not None and d is not None:
            key = (ref.indicator, ref.resolve_region(summary.city, summary.regions), ref.resolve_period(summary.year))
            out.setdefault(key, replace(d, stands_for=StandsFor(
                *key, ref.fig_kind, summary.indicator_name(ref.indicator, "en"),
                summary.indicator_name(ref.indicator, "zh"))))
    return out


def implied_from(implied: dict, *indicators: str) -> Derived | None:
    """The audit's implied figure (data/relations.csv) computed from exactly these indicators, in
    order, whatever the relation's id: the section names measures, not relation ids."""
    for d in implied.values():
        if d is not None and tuple(getattr(x, "indicator", None) for x in d.inputs) == indicators:
            return d
    return None
