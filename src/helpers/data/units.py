"""Units as the document prints them, their labels, and conversion to yuan (never done in the CSV)."""
from __future__ import annotations

import math

from babel.numbers import format_decimal

YUAN_PER_UNIT = {"cny_100m": 1e8, "cny_10k": 1e4}

_LABELS = {
    "cny_100m": {"en": "CNY 100m", "zh": "亿元"},
    "cny_10k": {"en": "CNY 10k", "zh": "万元"},
    "percent": {"en": "%", "zh": "%"},
    "pp": {"en": "pp", "zh": "个百分点"},
    "count": {"en": "count", "zh": "个"},
    "rank": {"en": "rank", "zh": "位"},
    "multiple": {"en": "×", "zh": "倍"},
    "cny": {"en": "CNY", "zh": "元"},
    "ratio": {"en": "×", "zh": "倍"},
}

UNITS = tuple(k for k in _LABELS if k not in ("cny", "ratio"))


def is_money(unit: str) -> bool:
    return unit in YUAN_PER_UNIT


def to_yuan(value: float, unit: str) -> float:
    """Convert a monetary figure to yuan: 111.77 亿元 -> 1.1177e10."""
    if unit not in YUAN_PER_UNIT:
        raise ValueError(f"unit {unit!r} is not monetary; expected one of {', '.join(YUAN_PER_UNIT)}")
    return value * YUAN_PER_UNIT[unit]


def convert(value: float, unit: str, to: str) -> float:
    """Convert between monetary units: 2985 万元 -> 0.2985 亿元."""
    return to_yuan(value, unit) / YUAN_PER_UNIT[to] if to != "cny" else to_yuan(value, unit)


def unit_label(unit: str, lang: str = "en") -> str:
    try:
        return _LABELS[unit][lang]
    except KeyError:
        raise KeyError(f"no label for unit {unit!r} in language {lang!r}") from None


def unit_word(unit: str, lang: str = "en") -> str:
    """A unit for readers ('cny_100m' -> 'CNY 100m' / '亿元'); anything not a unit id as written."""
    try:
        return unit_label(unit, lang)
    except KeyError:
        return unit


def round_at(v: float, scale: float, way: str = "") -> float:
    """v rounded at `scale` (10^decimals): 'down', 'up', or to the nearest."""
    if way == "down":
        return math.floor(v * scale + 1e-9) / scale
    if way == "up":
        return math.ceil(v * scale - 1e-9) / scale
    return math.copysign(math.floor(abs(v) * scale + 0.5 + 1e-9) / scale, v)  # half away from zero, as a reader rounds


def _num(value: float, decimals: int | None, lang: str = "en", way: str = "") -> str:
    """The number in the reader's locale (Babel): 1,950 and 111.77 in English; Chinese official
    text writes no thousands separator (2360家, 1375.2亿元). `way` ('down', 'up') rounds the end of
    a range outward, so the range written holds every value it stands for."""
    if decimals is None:  # as needed, at most 2: a value exact at fewer places is written so (3.5亿元
        # for 60 - 56.5, never 3.50), a rounded one keeps its last place (10.50万元 for 10.4977)
        v = float(value)
        decimals = next((d for d in (0, 1) if abs(v - round(v, d)) < 1e-9), 2)
    pattern = ("#,##0" if lang == "en" else "0") + ("." + "0" * decimals if decimals > 0 else "")
    if way:
        value = round_at(value, 10 ** decimals, way)
    value = round(float(value), decimals) + 0.0  # -0.0 prints as 0
    return format_decimal(value, format=pattern, locale="en_US" if lang == "en" else "zh_Hans_CN",
                          decimal_quantization=True)


def _restated_places(unit: str, size: float) -> int:
    """Decimals of English money restated in `size` (bn, m, k) no finer than the Chinese figure
    (2 decimals of its unit), at most 2: 8.76亿元 is CNY 876 m, not 875.91 m; 514.39万元 is CNY 5.14 m."""
    return min(2, max(0, 2 + round(math.log10(size / YUAN_PER_UNIT.get(unit, 1)))))


def _printed_places(unit: str, size: float, printed: int, cap: int = 6) -> int:
    """Decimals of a printed money figure restated in `size`: as many digits as the document
    prints (111.77亿元 is CNY 11.177 bn, not 11.18; 514.39万元 is CNY 5.1439 m; 8.76亿元 is CNY
    876 m), at most `cap`."""
    return min(cap, max(0, printed + round(math.log10(size / YUAN_PER_UNIT.get(unit, 1)))))


def format_value(value: float | None, unit: str, lang: str = "en", decimals: int | None = None,
                 not_reported: str | None = None, printed: int | None = None, way: str = "") -> str:
    """A figure as a reader expects it: '111.77亿元' in Chinese, 'CNY 11.177 bn' in English.

    English money is restated in millions or billions of yuan (1 亿 = 100 million); `decimals`
    fixes the precision (default: as needed, at most 2; `printed`, the decimals a document prints
    the figure with, keeps as many digits as the Chinese: CNY 11.177 bn for 111.77亿元).
    """
    if value is None or value != value:  # None or NaN
        return not_reported if not_reported is not None else ("not reported" if lang == "en" else "未报告")
    if lang == "zh":
        suffix = {"cny_100m": "亿元", "cny_10k": "万元", "percent": "%", "pp": "个百分点",
                  "multiple": "倍", "cny": "元", "ratio": "倍"}.get(unit, "")
        if unit == "rank":
            return f"第{_num(value, 0)}位"
        return f"{_num(value, decimals, 'zh', way)}{suffix}"
    if unit in YUAN_PER_UNIT or unit == "cny":
        yuan = to_yuan(value, unit) if unit in YUAN_PER_UNIT else value
        for size, word in ((1e9, "bn"), (1e6, "m"), (1e3, "k")):
            if abs(yuan) >= size:
                places = (decimals if decimals is not None else  # a range's end: every digit of the
                          _printed_places(unit, size, printed)  # Chinese, rounded outward
                          if printed is not None else _restated_places(unit, size))
                shown = _num(yuan / size, places, way=way)  # a range's end rounded outward in CNY m too
                if decimals is None and not printed and "." in shown:  # 10.50万元 keeps its last
                    shown = shown.rstrip("0").rstrip(".")  # digit (CNY 105.0 k); 110亿元 is CNY 11 bn
                return f"CNY {shown} {word}"
        return f"CNY {_num(yuan, decimals, way=way)}"
    if unit == "percent":
        return f"{_num(value, decimals, way=way)}%"
    if unit == "pp":
        return f"{_num(value, decimals, way=way)} pp"
    if unit in ("multiple", "ratio"):
        return f"{_num(value, decimals, way=way)}×"
    if unit == "rank":
        n = int(value)
        suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        return f"{n}{suffix}"
    return _num(value, decimals, way=way)


def bound_mark(qualifier: str, lang: str, word: str = "") -> str:
    """The mark before a number in a table or on a chart, one style for the whole report: ≥ and ≤
    for bounds, > where the document prints 超过/余 ('more_than'), ~ / 约 for approximations, and
    'nearly ' / 近 where it prints 近 ('nearly': just under, which ~ would not say); '' for an exact
    figure."""
    if qualifier == "at_least":
        return ">" if word == "more_than" else "≥"
    if qualifier == "at_most":
        return "≤"
    if qualifier == "approx":
        if word == "nearly":
            return "nearly " if lang == "en" else "近"
        return "~" if lang == "en" else "约"
    return ""
