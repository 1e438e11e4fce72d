"""Numbers the document implies but does not print, each with its formula and its inputs.

Every derived figure a section shows is a `Derived`: value, unit, the formula in words, and the
`Figure`s it came from (so their quotes can be shown next to it). The arithmetic and the formula
text come from `helpers.data.formulas`, the table the audit uses too; a figure that the audit
defines in data/relations.csv is read from the audit (`helpers.calc.audit.implied_figures`), not worked
out again here. One rule covers missing inputs: `derivation` returns None ("not reported") when an
input is None, so no function needs its own guard.
"""
from __future__ import annotations

import functools
import itertools
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from helpers.calc.intervals import Interval, apply, printed_interval, round_to
from helpers.data.formulas import FORMULAS, operand
from helpers.data.units import is_money, round_at, unit_label

F = TypeVar("F", bound=Callable[..., Any])


@dataclass(frozen=True)
class StandsFor:
    """The figure an implied value stands for where no document prints it (relations.csv
    `implies`): 1.95 - 0.14 is the city's R&D intensity in 2019. Such a value is a level of that
    measure, year and kind, and may serve where a printed level would (a target's baseline, a
    target's outcome), written as implied."""
    indicator: str
    region: str
    period: int
    kind: str
    name_en: str
    name_zh: str

    def name(self, lang: str = "en") -> str:
        return self.name_zh if lang == "zh" else self.name_en


@dataclass(frozen=True)
class Derived:
    value: float
    unit: str
    formula: str
    inputs: tuple = ()
    label: str = ""
    flag: tuple[str, str] | None = None  # (en, zh) when the audit finds the value implausible
    qualifier: str = "exact"  # a value computed from a bound is a bound (calc.statements.bounded)
    # (lo, hi): the values the rounding of its exact printed inputs allows (48.6亿元 / 4.1% is
    # 1169.88 to 1201.23); what limits the digits it is written with (present.numbers.shown)
    spread: tuple[float, float] | None = None
    stands_for: StandsFor | None = None  # the printed figure it replaces, if any

    @property
    def period(self) -> int:
        """The year of the figure it stands for (a derived value of no figure has none)."""
        if self.stands_for is None:
            raise AttributeError("a derived value that stands for no figure has no period")
        return self.stands_for.period

    @property
    def kind(self) -> str:
        """'implied': a level that no document prints, worked out from ones that do."""
        if self.stands_for is None:
            raise AttributeError("a derived value that stands for no figure has no kind")
        return "implied"

    def name(self, lang: str = "en") -> str:
        """The name of the figure it stands for, else its label."""
        return self.stands_for.name(lang) if self.stands_for is not None else self.label

    def warning(self, lang: str) -> str:
        """'implausible, check the source: <reason>' in `lang`, or '' when plausible."""
        if not self.flag:
            return ""
        return self.flag[1] if lang == "zh" else self.flag[0]

    @property
    def quotes(self) -> list[str]:
        return [f.quote for f in figures_behind(self)]


def derivation(func: F) -> F:
    """A derived figure is not reported (None) when any input is not reported or a divisor is 0."""
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        if any(a is None for a in args) or any(v is None for v in kwargs.values()):
            return None
        try:
            return func(*args, **kwargs)
        except ZeroDivisionError:
            return None
    return wrapper  # type: ignore[return-value]


def term(x) -> str:
    """A number in a formula as the report writes it: a printed figure as printed (10.40, not
    10.4); a derived one no finer than its inputs allow, and a count whole (1452 - 约3245, never
    1452 - 3244.69; 约414 亿元 / 约6620, not 413.57 亿元 / 6622.22), with 约 where the report
    writes it so, so a formula never shows a digit the sentence beside it leaves out."""
    x = as_printed(x)  # a target summed alone is that target, as printed: 2.2, not 2.20
    printed = getattr(x, "printed", None)
    if printed is not None:  # a printed approximation keeps its word: 约3.22 亿元 / 111, 近2 亿元 / 30
        if getattr(x, "qualifier", "") == "approx" and not printed.startswith("-"):
            return ("近" if getattr(x, "bound_word", "") == "nearly" else "约") + printed
        return printed
    d = _default_decimals(x) if isinstance(x, Derived) else 2
    if (sd := spread_decimals(x)) is not None:
        d = min(d, sd)
    v = round_to(x.value, d)
    text = str(int(v)) if d <= 0 or float(v).is_integer() else f"{v:.{d}f}"
    # an implied input the report writes as 'about' is 'about' in the formula too (1452 - 约3245), so
    # it is never read as the printed figure of the same digits
    if isinstance(x, Derived) and rough(x):
        return "-约" + text[1:] if text.startswith("-") else "约" + text
    return text


def operand_text(x) -> str:
    """A formula operand as the audit writes it: money keeps its printed unit (亿元 vs 万元)."""
    return f"{term(x)} {unit_label(x.unit, 'zh')}" if is_money(x.unit) else term(x)


def agrees(computed: float | None, printed) -> bool | None:
    """Does a computed value round to the printed figure at the precision it is printed with?

    26.94 vs printed 30.55 -> False; -5.06 vs printed -5 (no decimals) -> True. The tolerance is
    half a unit of the last printed digit; approximate figures (约) get one whole unit.
    None when either side is missing.
    """
    if computed is None or printed is None:
        return None
    value = computed.value if isinstance(computed, Derived) else float(computed)
    step = 10 ** (-printed.decimals)
    tol = step if printed.qualifier == "approx" else step / 2
    return abs(value - printed.value) <= tol + 1e-9


def periods_of(x) -> list[int]:
    """The years a value speaks of: a figure's or an implied level's own, else those of the
    figures it rests on (1.95 - 0.14, printed for 2020, stands for 2019)."""
    if getattr(x, "stands_for", None) is not None or not isinstance(x, Derived):
        return [x.period]
    return sorted({f.period for f in figures_behind(x)})


def figures_behind(*xs) -> tuple:
    """The printed Figures a value rests on, through derived inputs too, each once, in order."""
    out: list = []
    for x in xs:
        for f in (figures_behind(*x.inputs) if isinstance(x, Derived) else (x,)):
            if f is not None and f not in out:
                out.append(f)
    return tuple(out)


@derivation
def compute(formula: str, *inputs, unit: str, label: str = "") -> Derived | None:
    """Apply a formula of helpers.data.formulas to figures: the value and the text the audit uses.
    A value computed from a bound is a bound (bound_of) at the edge the printed inputs support
    (supported_bound): 超过1500家 at 15.2% implies more than 9,836 in the province
    (1500 / (15.2 + 0.05)%);
    None when its bounds pull both ways, as no number is then bounded."""
    f = FORMULAS[formula]
    values = [operand(x.value, x.unit, unit, formula) for x in inputs]
    value = f.func(*values)
    qualifier = bound_of(f.func, values, [getattr(x, "qualifier", "exact") for x in inputs], value)
    if qualifier is None:
        return None
    texts = [operand_text(x) for x in inputs]
    if qualifier != "exact":
        value, texts = supported_bound(f.func, inputs, values, qualifier, texts)
        return Derived(value, unit, f.text(texts), tuple(inputs), label, qualifier=qualifier)
    return Derived(value, unit, f.text(texts), tuple(inputs), label, spread=spread_of(f.func, inputs, values))


def derived(func: Callable[..., float], inputs: tuple, unit: str, formula: str, label: str = "") -> Derived:
    """func of the inputs' values, as a Derived with the range their rounding allows (spread_of):
    for the derivations no formula of the shared table writes, such as a compound rate over n
    years or a threshold solved from the target (0.25 pp / 0.14 pp is 1.69 to 1.89, so 约1.8倍)."""
    values = [x.value for x in inputs]
    return Derived(func(*values), unit, formula, figures_behind(*inputs), label,
                   spread=spread_of(func, inputs, values))


def _rounding_box(x, v: float, approx: bool = False) -> Interval | None:
    """The values a printed figure stands for (9.6% is 9.55–9.65%, 1689 firms is 1689; a target is
    the number it sets: 2.3% is 2.3%; with `approx`, 约70% is the approximation's range, 66.5–73.5%),
    in the formula's unit (v is its value there: 亿元 as yuan); None for a bound, 近 (nearly), and
    an approximation unless asked for (a bound's edge is taken at an exact figure's rounding only)."""
    fig = as_printed(x)
    qualifier, word = getattr(fig, "qualifier", "exact"), getattr(fig, "bound_word", "")
    if qualifier not in ("exact", "approx" if approx else "exact") or word == "nearly" \
            or not hasattr(fig, "decimals") or not fig.value:
        return None  # 近2亿元 is just under 2亿元: its upper end holds, so its own digits rule applies
    if getattr(fig, "kind", "") == "target" and qualifier == "exact":
        return Interval.point(v)
    iv = printed_interval(fig.value, fig.decimals, qualifier, fig.unit, word)
    scale = v / fig.value
    return Interval(min(iv.lo * scale, iv.hi * scale), max(iv.lo * scale, iv.hi * scale))


def spread_of(func: Callable, inputs, values: list[float]) -> tuple[float, float] | None:
    """(lo, hi) of a value over the rounding of its inputs: each printed figure anywhere its
    rounding (or an approximation's range) allows, a derived input over its own spread; None when
    an input is a bound (a floor's own rules then set how the value is written) or a divisor's
    rounding allows zero."""
    boxes = []
    for x, v in zip(inputs, values):
        x = as_printed(x)
        if isinstance(x, Derived):
            if x.spread is None or x.qualifier != "exact" or not x.value:
                return None
            boxes.append(Interval(*sorted((x.spread[0] * v / x.value, x.spread[1] * v / x.value))))
        elif (box := _rounding_box(x, v, approx=True)) is not None:
            boxes.append(box)
        elif getattr(x, "qualifier", "exact") == "exact" and hasattr(x, "value"):
            boxes.append(Interval.point(v))  # a printed zero
        else:
            return None
    try:
        iv = apply(func, *boxes)
    except ValueError:
        return None
    return (iv.lo, iv.hi) if math.isfinite(iv.lo) and math.isfinite(iv.hi) else None


@dataclass(frozen=True)
class _Edge:
    """A printed figure at the edge of its rounding, as a formula writes it ((48.6 + 0.05) for 48.6)."""
    printed: str
    unit: str


def spread_decimals(x) -> int | None:
    """Decimals (negative: tens, hundreds) an implied value's printed inputs support: down to the
    first digit the range their rounding allows leaves uncertain (48.6亿元 / 4.1% allows 1169.88
    to 1201.23: 1190, the tens uncertain; an approximate input's range counts too: 约52.1亿元
    from 49.5–54.8 is 约52); None when nothing limits it: no range (counts added up), or a bound
    among its inputs, whose own rule applies."""
    sp = getattr(x, "spread", None)
    if not isinstance(x, Derived) or sp is None or any(f.qualifier not in ("exact", "approx") or f.bound_word == "nearly"
                                                       for f in figures_behind(x)):
        return None
    width = sp[1] - sp[0]
    return -math.floor(math.log10(width)) if 0 < width < math.inf else None


def _default_decimals(x) -> int:
    """The decimals a derived value is written with when nothing limits them: 2, but a count, or a
    whole amount of money, whole (2500万元 / 5 is 500万元)."""
    whole = x.unit in ("count", "rank") or (is_money(x.unit) and float(x.value).is_integer())
    return 0 if whole else 2


def coarse(x) -> bool:
    """Does its exact inputs' rounding leave an implied value less precise than it is written by
    default? It is then written rounded, to the first digit its range leaves uncertain (约1190亿元)."""
    d = spread_decimals(x)
    return d is not None and d < _default_decimals(x)


def uncertain(x) -> bool:
    """Does the range its exact inputs allow reach beyond the rounding of the value as written? It is
    then 'about': 39 / 25% allows 152 to 160, so 约156家, never 156家 as if counted; 2500万元 / 5
    (499.9 to 500.1) is 500万元."""
    d = spread_decimals(x)
    if d is None:
        return False
    if x.unit == "count" and round_at(x.spread[0], 1, "up") == round_at(x.spread[1], 1, "down"):
        return False  # one whole number fits the range (1177.1 to 1178.2 firms is 1178): a count, exact
    d = min(d, _default_decimals(x))
    v, half = round_to(x.value, d), 0.5 * 10.0 ** -d
    return x.spread[0] < v - half - 1e-9 or x.spread[1] > v + half + 1e-9


def rough(x) -> bool:
    """Is a derived value 'about': computed from an approximate figure (约42.5亿元), or its exact
    inputs' range reaching beyond the number written (uncertain)?"""
    return any(f.qualifier == "approx" for f in figures_behind(x)) or uncertain(x)


def as_printed(x):
    """A total of one printed figure (a target, a baseline) is that figure, as it is printed: for
    its rounding here, for its writing in helpers.present.numbers."""
    if isinstance(x, Derived) and x.label == "total" and len(x.inputs) == 1 \
            and not isinstance(x.inputs[0], Derived) and x.inputs[0].value == x.value:
        return x.inputs[0]
    return x


def supported_bound(func: Callable, inputs, values: list[float], qualifier: str, texts: list[str]):
    """(value, operand texts) of the bound a value computed from a bound can claim: the bound
    inputs at their printed edge and every exact printed figure anywhere its rounding allows (9.6%
    is 9.55–9.65%), at the end that weakens the claim; the formula shows the edge it used. 超过1500家
    at 9.6% supports more than 15,544 (1500 / (9.6 + 0.05)%), not 15,625: a larger share with more than
    1,500 firms allows a total below 15,625. An approximate input (约1010家) stays at its value: the
    result is then "about" (more than about 90), as the reader is told."""
    boxes, scales = [], []
    for x, v in zip(inputs, values):
        fig = as_printed(x)
        if (box := _rounding_box(fig, v)) is not None:
            boxes.append(box)
            scales.append((v / fig.value, fig))  # the formula's unit for this input (亿元 as yuan)
        else:  # a bound at its edge (the side it leaves open only strengthens the result), a derived value as is
            boxes.append(Interval.point(v))
            scales.append(None)
    corners = list(itertools.product(*[(b.lo, b.hi) if b.lo != b.hi else (b.lo,) for b in boxes]))
    try:
        scored = [(func(*c), c) for c in corners]
    except ZeroDivisionError:  # a divisor's printing allows zero: no bound beyond the value itself
        return func(*values), texts
    value, corner = (min if qualifier == "at_least" else max)(scored, key=lambda vc: vc[0])
    out = list(texts)
    for i, (edge, v, sc) in enumerate(zip(corner, values, scales)):
        if sc is not None and edge != v:
            scale, fig = sc
            # the printed figure and the half unit of its last digit the bound takes: 48.6 + 0.05,
            # so the formula never shows 48.65 as if a document printed it
            half = 0.5 * 10.0 ** -fig.decimals
            sign = "+" if edge / scale > fig.value else "-"
            out[i] = operand_text(_Edge(f"({fig.printed.lstrip('-')} {sign} {half:.{fig.decimals + 1}f})", fig.unit))
    return value, out


def bound_of(func: Callable, values: list[float], qualifiers: list[str], base: float) -> str | None:
    """The bound func(values) carries when some inputs are bounds (at_least / at_most): each bound
    input pushes the result up or down as func rises or falls with it (a floor on a numerator is a
    floor on the quotient, a floor on a divisor a ceiling); 'exact' when no input is a bound, None
    when two bounds push opposite ways (the value has no bound at all). `base` is func(*values)."""
    sides = set()
    for i, q in enumerate(qualifiers):
        if q not in ("at_least", "at_most"):
            continue
        bumped = list(values)
        bumped[i] += abs(values[i]) * 1e-6 + 1e-9
        rises = func(*bumped) > base
        sides.add("at_least" if rises == (q == "at_least") else "at_most")
    if len(sides) > 1:
        return None
    return sides.pop() if sides else "exact"


# --- the operations sections use, each a formula of the shared table ------------------------------

@derivation
def implied_total(part, share_pct, label: str = "") -> Derived:
    """The whole a share implies: 111.77 亿元 at 25.95% -> 430.71 亿元."""
    return compute("total_from_share", part, share_pct, unit=part.unit, label=label)


@derivation
def previous_level(level, growth_pct, label: str = "") -> Derived:
    """Last year's level a growth rate implies: 248 / (1 + 43.35%) = 173."""
    return compute("previous_from_growth", level, growth_pct, unit=level.unit, label=label)


@derivation
def difference(a, b, unit: str | None = None, label: str = "") -> Derived:
    """a - b: a target minus its baseline, a level minus a signed change (455 - (-458) = 913)."""
    return compute("difference", a, b, unit=unit or a.unit, label=label)


@derivation
def total(*parts, label: str = "") -> Derived:
    """The sum of figures in one unit: 1 + 16 + 6 + 20 + 29 = 72 new platforms."""
    if len(parts) == 1:  # one figure is itself, its bound kept: 突破55亿元 stays a floor
        one = parts[0]
        bound = getattr(one, "qualifier", "exact")
        return one if isinstance(one, Derived) else Derived(
            one.value, one.unit, term(one), (one,), label,
            qualifier=bound if bound in ("at_least", "at_most") else "exact")
    check_addable(parts)
    return compute("sum", *parts, unit=parts[0].unit, label=label)


def check_addable(parts) -> None:
    """Figures add up only in one unit (money converted) and, for counts, one measure word: 20名
    talents and 20个 teams are two counts of different things, not 40 of anything."""
    units = {x.unit for x in parts if x is not None}
    if len(units) > 1 and not all(is_money(u) for u in units):
        raise ValueError(f"cannot add figures in different units: {', '.join(sorted(units))}")
    words = measure_words(parts)
    if len(words) > 1:
        raise ValueError(f"cannot add counts of different things: {', '.join(sorted(words))}")


def measure_words(parts) -> set[str]:
    """The measure words (名, 个, 家 …) the counts among `parts` are printed with."""
    return {w for x in parts if x is not None and (w := getattr(x, "measure_zh", ""))}


@derivation
def change_pct(new, old, label: str = "") -> Derived:
    """Percentage change: (new / old - 1) × 100."""
    return compute("change_pct", new, old, unit="percent", label=label)


@derivation
def share_pct(part, whole, label: str = "") -> Derived:
    """part / whole × 100, both in the same unit (money converted)."""
    return compute("share", part, whole, unit="percent", label=label)


@derivation
def ratio(numerator, denominator, label: str = "") -> Derived:
    """A unit-free ratio, money converted to yuan first so 亿元 over 万元 is right."""
    return compute("ratio", numerator, denominator, unit="ratio", label=label)


@derivation
def per_unit(amount, count, unit: str = "cny_10k", label: str = "") -> Derived:
    """Money per firm, project or item in `unit` (万元 by default): 2500 万元 / 5 = 500 万元."""
    return compute("per_unit", amount, count, unit=unit, label=label)


def plain_formula(formula: str) -> str:
    """A formula as a reader writes it: 1 + -55.25% is 1 - 55.25%, 455 - (-458) is 455 + 458, and a
    fall's rate is worked on its size, as the sentence states it (下降50.16%):
    -458 / (455 + 458) × 100 is 458 / (455 + 458) × 100."""
    formula = re.sub(r"\+ -(?=约?[0-9])", "- ", formula)
    formula = re.sub(r"- \(-(约?[0-9.]+)\)", r"+ \1", formula)
    return re.sub(r"^-(?=[0-9.]+(?: [^ ]+)? / )", "", formula)
