"""The arithmetic of every implied figure, defined once: what each formula computes and how it is
written. The audit (relations.csv) and the section analyses both compute through this table, so a
figure shown in a section and the same figure in the audit have one formula and one text."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from helpers.data.units import YUAN_PER_UNIT, is_money

# --- formulas ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Formula:
    """How a relation computes: func over input values, arity (None = two or more), the text."""
    name: str
    func: Callable[..., float]
    arity: int | None
    text: Callable[[list[str]], str]
    en: str
    zh: str


def _sum_text(a: list[str]) -> str:
    return " + ".join(_p(x) for x in a)


def _p(x: str) -> str:
    """A negative operand in parentheses: 455 - (-458)."""
    return f"({x})" if x.startswith("-") else x


FORMULAS: dict[str, Formula] = {f.name: f for f in (
    Formula("share", lambda a, b: a / b * 100, 2, lambda a: f"{a[0]} / {a[1]} × 100",
            "share of the whole = part / whole × 100", "占比 = 部分 / 总量 × 100"),
    Formula("rate", lambda a, b: a / b * 100, 2, lambda a: f"{a[0]} / {a[1]} × 100",
            "rate = part / whole × 100", "比率 = 部分 / 总数 × 100"),
    Formula("change_pct", lambda new, old: (new / old - 1) * 100, 2,
            lambda a: f"({a[0]} / {a[1]} - 1) × 100",
            "change = (new / old - 1) × 100", "变化率 = (新值 / 旧值 - 1) × 100"),
    Formula("decline_count", lambda level, change: change / (level - change) * 100, 2,
            lambda a: f"{a[1]} / ({a[0]} - {_p(a[1])}) × 100",
            "change rate = change / (this year - change) × 100, last year being this year minus "
            "the change", "变化率 = 变化量 / (本年数 - 变化量) × 100，上年数 = 本年数 - 变化量"),
    Formula("ratio", lambda a, b: a / b, 2, lambda a: f"{a[0]} / {a[1]}",
            "ratio = a / b", "倍数 = a / b"),
    Formula("ratio_claim", lambda a, b: a / b, 2, lambda a: f"{a[0]} / {a[1]}",
            "multiple = a / b, against the words' range", "倍数 = a / b，与文字所述范围比较"),
    Formula("difference", lambda a, b: a - b, 2, lambda a: f"{a[0]} - {_p(a[1])}",
            "difference = a - b", "差 = a - b"),
    Formula("sum", lambda *xs: sum(xs), None, _sum_text, "sum of the parts", "各部分之和"),
    Formula("count", lambda n: n, 1, lambda a: a[0], "the number of items named",
            "列出的名称数"),
    Formula("total_from_share", lambda part, pct: part / (pct / 100), 2,
            lambda a: f"{a[0]} / {a[1]}%", "whole = part / share", "总量 = 部分 / 占比"),
    Formula("previous_from_growth", lambda level, g: level / (1 + g / 100), 2,
            lambda a: f"{a[0]} / (1 + {a[1]}%)", "last year = this year / (1 + growth)",
            "上年值 = 本年值 / (1 + 增长率)"),
    Formula("per_unit", lambda amount, n: amount / n, 2, lambda a: f"{a[0]} / {a[1]}",
            "average = amount / number", "平均 = 金额 / 数量"),
    Formula("part_from_share", lambda pct, whole: pct / 100 * whole, 2, lambda a: f"{a[0]}% × {a[1]}",
            "part = share × whole", "部分 = 占比 × 总量"),
    Formula("part_of_difference", lambda pct, a, b: pct / 100 * (a - b), 3,
            lambda a: f"{a[0]}% × ({a[1]} - {_p(a[2])})", "part = share × (a - b)", "部分 = 占比 × (a - b)"),
    Formula("integer_base", lambda count, base: (count / base - 1) * 100, 1,
            lambda a: f"({a[0]} / n - 1) × 100, n a whole number",
            "a growth rate of a count implies last year's count, which must be a whole number",
            "数量的增长率隐含上年数量，上年数量必须是整数"),
    Formula("same", lambda a: a, 1, lambda a: a[0],
            "the same figure from another source", "另一来源的同一数据"),
    Formula("not_greater", lambda bound: bound, 1, lambda a: f"≤ {a[0]}",
            "the part cannot exceed the whole", "部分不能大于整体"),
)}

# Formulas that divide: a monetary input is taken in yuan unless the result is money itself.
DIVIDING = {"share", "rate", "change_pct", "ratio", "ratio_claim", "decline_count"}


def operand(value: float, unit: str, out_unit: str, formula: str) -> float:
    """A monetary input as the formula takes it: in the output unit when the result is money and
    the formula does not divide, else in yuan (so 亿元 over 万元 is right)."""
    if not is_money(unit):
        return value
    if is_money(out_unit) and formula not in DIVIDING:
        return value * YUAN_PER_UNIT[unit] / YUAN_PER_UNIT[out_unit]
    return value * YUAN_PER_UNIT[unit]
