"""Interval arithmetic for printed figures: what range of true values a printed number allows.

The rule (used by helpers.calc.audit):

* a number printed with d decimals stands for every value that rounds to it:
  [v - 0.5·10^-d, v + 0.5·10^-d]  (qualifier ``exact``: 25.95% is [25.945, 25.955]);
* a count of things (unit ``count`` or ``rank``) printed exactly is a whole number, not a
  rounded measurement: it stands for itself (1689 firms is the point 1689);
* ``approx`` (约, 近, 左右) widens the printed value by 5% of it, and never by less than the
  rounding of its last printed digit (约3.22亿 is [3.059, 3.381]; 约70% is [66.5, 73.5];
  an approximate number is never read more tightly than an exact one); 近 (nearly) is the lower
  half only: 近2亿 is [1.5, 2.0], just under;
* ``at_least`` (超过, 突破, 以上, 余) is [v, ∞), and a printed range (1-2家) is [1, 2];
  ``at_most`` (不超过) is (-∞, v].

A function of several printed numbers is evaluated on their intervals at every corner of the
box; that gives the exact range for the functions used here, which are monotone in each
argument (a ratio, a share, a growth rate) as long as no denominator interval contains zero.
"""
from __future__ import annotations

import itertools
import math
from collections.abc import Callable
from dataclasses import dataclass

INF = math.inf
APPROX_RELATIVE = 0.05
WHOLE_UNITS = ("count", "rank")
QUALIFIERS = ("exact", "approx", "at_least", "at_most")


@dataclass(frozen=True)
class Interval:
    """A closed interval [lo, hi]; lo may be -inf and hi +inf."""
    lo: float
    hi: float

    def __post_init__(self):
        if math.isnan(self.lo) or math.isnan(self.hi):
            raise ValueError("an interval bound is NaN")
        if self.lo > self.hi:
            raise ValueError(f"empty interval: lo {self.lo} > hi {self.hi}")

    @classmethod
    def point(cls, x: float) -> Interval:
        return cls(float(x), float(x))

    @property
    def bounded(self) -> bool:
        return math.isfinite(self.lo) and math.isfinite(self.hi)

    @property
    def width(self) -> float:
        return self.hi - self.lo

    def contains(self, x: float) -> bool:
        return self.lo <= x <= self.hi

    def intersects(self, other: Interval) -> bool:
        return self.lo <= other.hi and other.lo <= self.hi

    def whole_numbers(self) -> list[int]:
        """The integers inside (an unbounded interval raises: there are infinitely many)."""
        if not self.bounded:
            raise ValueError("an unbounded interval holds infinitely many whole numbers")
        return list(range(math.ceil(self.lo), math.floor(self.hi) + 1))

    def __add__(self, other):
        o = _as_interval(other)
        return Interval(self.lo + o.lo, self.hi + o.hi)

    __radd__ = __add__

    def __neg__(self):
        return Interval(-self.hi, -self.lo)

    def __sub__(self, other):
        return self + (-_as_interval(other))

    def __rsub__(self, other):
        return _as_interval(other) - self

    def __mul__(self, other):
        return apply(lambda a, b: a * b, self, _as_interval(other))

    __rmul__ = __mul__

    def __truediv__(self, other):
        return _divide(self, _as_interval(other))

    def __rtruediv__(self, other):
        return _divide(_as_interval(other), self)

    def __repr__(self) -> str:
        return f"Interval({self.lo!r}, {self.hi!r})"


def _as_interval(x) -> Interval:
    return x if isinstance(x, Interval) else Interval.point(x)


def _divide(num: Interval, den: Interval) -> Interval:
    if den.contains(0.0):
        raise ValueError(f"division by an interval that contains zero: {den!r}")
    return apply(lambda a, b: a / b, num, den)


def decimals_of(printed: str) -> int:
    """Decimals printed: '31.55' -> 2, '-5' -> 0, '10.40' -> 2 (the trailing zero counts)."""
    text = str(printed).strip().lstrip("+-")
    return len(text.split(".")[1]) if "." in text else 0


def half_unit(decimals: int) -> float:
    """Half a unit of the last printed digit: 2 decimals -> 0.005."""
    return 0.5 * 10.0 ** (-decimals)


def printed_interval(value: float, decimals: int, qualifier: str = "exact",
                     unit: str | None = None, word: str = "", upper: float | None = None) -> Interval:
    """The true values a printed number allows (module docstring has the rule); `word` is the
    bound word the document prints (helpers.data.figures.PRINTED_BOUNDS), `upper` a range's end."""
    if qualifier not in QUALIFIERS:
        raise ValueError(f"qualifier must be one of {', '.join(QUALIFIERS)}; got {qualifier!r}")
    v = float(value)
    if qualifier == "at_least":
        return Interval(v, float(upper)) if word == "range" and upper is not None and upper >= v else Interval(v, INF)
    if qualifier == "at_most":
        return Interval(-INF, v)
    if qualifier == "approx":
        w = max(half_unit(decimals), APPROX_RELATIVE * abs(v))
        return Interval(v - w, v) if word == "nearly" else Interval(v - w, v + w)
    if unit in WHOLE_UNITS and decimals == 0:
        return Interval.point(v)
    h = half_unit(decimals)
    return Interval(v - h, v + h)


def apply(func: Callable[..., float], *intervals: Interval) -> Interval:
    """Range of `func` over the box of `intervals`, from its values at every corner.

    Exact for functions monotone in each argument. Raises ValueError when a corner cannot be
    evaluated (division by zero, ∞ - ∞): the range is then not defined by the rule.
    """
    values = []
    for corner in itertools.product(*[(i.lo, i.hi) if i.lo != i.hi else (i.lo,) for i in intervals]):
        try:
            y = func(*corner)
        except ZeroDivisionError:
            raise ValueError("a denominator can be zero inside its interval") from None
        if isinstance(y, float) and math.isnan(y):
            raise ValueError("the range is not defined (an unbounded input)")
        values.append(y)
    return Interval(min(values), max(values))


def round_to(x: float, decimals: int) -> float:
    """Round half away from zero at `decimals` (what a reader does, not banker's rounding)."""
    q = 10.0 ** decimals
    return math.copysign(math.floor(abs(x) * q + 0.5) / q, x)
