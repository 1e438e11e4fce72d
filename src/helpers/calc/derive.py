"""Numbers the document implies but does not print, each with its formula and its inputs.

Every derived figure a notebook shows is a `Derived`: value, unit, the formula in words, and the
`Figure`s it came from (so their quotes can be shown next to it).
"""
from __future__ import annotations

from dataclasses import dataclass

from helpers.data.units import YUAN_PER_UNIT, to_yuan, unit_label


@dataclass(frozen=True)
class Derived:
    value: float
    unit: str
    formula: str
    inputs: tuple = ()
    label: str = ""

    @property
    def quotes(self) -> list[str]:
        return [f.quote for f in self.inputs]


def term(x) -> str:
    """A number in a formula: as the document prints it (10.40, not 10.4), two decimals if derived."""
    printed = getattr(x, "printed", None)
    if printed is not None:
        return printed
    return str(int(x.value)) if float(x.value).is_integer() else f"{x.value:.2f}"



def any_missing(*xs) -> bool:
    """True when an input is not reported (None): the derived figure is then 'not reported' too."""
    return any(x is None for x in xs)


def figures_behind(*xs) -> tuple:
    """The printed Figures a value rests on, through derived inputs too, each once, in order."""
    out: list = []
    for x in xs:
        for f in (figures_behind(*x.inputs) if isinstance(x, Derived) else (x,)):
            if f is not None and f not in out:
                out.append(f)
    return tuple(out)


def _need(*figures):
    missing = [i for i, f in enumerate(figures) if f is None]
    if missing:
        raise ValueError("an input figure is not reported")


def implied_total(part, share_pct, label: str = "") -> Derived:
    """The whole a share implies: part / (share / 100). 111.77 亿元 at 25.95% -> 430.71 亿元."""
    _need(part, share_pct)
    return Derived(part.value / (share_pct.value / 100), part.unit,
                   f"{term(part)} / {term(share_pct)}%", (part, share_pct), label)


def previous_level(level, growth_pct, label: str = "") -> Derived:
    """Last year's level a growth rate implies: level / (1 + growth / 100)."""
    _need(level, growth_pct)
    return Derived(level.value / (1 + growth_pct.value / 100), level.unit,
                   f"{term(level)} / (1 + {term(growth_pct)}%)", (level, growth_pct), label)


def previous_from_change(level, change, label: str = "") -> Derived:
    """Last year's count from this year's count and a signed change: level - change."""
    _need(level, change)
    return Derived(level.value - change.value, level.unit,
                   f"{term(level)} - ({term(change)})", (level, change), label)


def change_pct(new, old, label: str = "") -> Derived:
    """Percentage change: (new / old - 1) * 100."""
    _need(new, old)
    return Derived((new.value / old.value - 1) * 100, "percent",
                   f"({term(new)} / {term(old)} - 1) × 100", (new, old), label)


def share_pct(part, whole, label: str = "") -> Derived:
    """part / whole * 100, both in the same unit."""
    _need(part, whole)
    return Derived(part.value / whole.value * 100, "percent",
                   f"{term(part)} / {term(whole)} × 100", (part, whole), label)


def ratio(numerator, denominator, label: str = "") -> Derived:
    """A unit-free ratio, converting money to yuan first so 亿元 over 万元 is right."""
    _need(numerator, denominator)
    num = to_yuan(numerator.value, numerator.unit) if numerator.unit in YUAN_PER_UNIT else numerator.value
    den = to_yuan(denominator.value, denominator.unit) if denominator.unit in YUAN_PER_UNIT else denominator.value
    return Derived(num / den, "ratio", f"{_term(numerator)} / {_term(denominator)}",
                   (numerator, denominator), label)


def _term(x) -> str:
    """A formula term: money keeps its printed unit (亿元 vs 万元 matters), counts stay bare."""
    return f"{term(x)} {unit_label(x.unit, 'zh')}" if x.unit in YUAN_PER_UNIT else f"{term(x)}"


def per_unit(amount, count, label: str = "") -> Derived:
    """Average money per firm, project or contract, in yuan: amount (converted) / count."""
    _need(amount, count)
    return Derived(to_yuan(amount.value, amount.unit) / count.value, "cny",
                   f"{_term(amount)} / {_term(count)}", (amount, count), label)
