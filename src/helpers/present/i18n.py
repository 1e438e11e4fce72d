"""Generic words for notebooks and the report in English and Chinese.

Indicator names live in data/catalog.csv; this table holds only the words around them, so a
chart or table says "not reported" / "未报告" the same way everywhere.
"""
from __future__ import annotations

from helpers.errors import SelectionError

LANGS = ("en", "zh")

# key: (en, zh)
_WORDS: dict[str, tuple[str, str]] = {
    # figure annotations
    "not_reported": ("not reported", "未报告"),
    "implied": ("implied", "推算"),
    "derived": ("derived", "推导"),
    "source": ("Source", "来源"),
    "quote": ("Quote", "原文"),
    "value": ("Value", "数值"),
    "unit": ("Unit", "单位"),
    "period": ("Period", "时期"),
    "note": ("Note", "备注"),
    "figures": ("figures", "项数据"),
    "one_figure": ("figure", "项数据"),
    "sources": ("Sources", "来源"),
    "documents": ("documents", "份文件"),
    # kinds
    "actual": ("actual", "实际"),
    "estimate": ("estimate", "预计"),
    "target": ("target", "目标"),
    "policy": ("policy parameter", "政策参数"),
    # qualifiers
    "exact": ("exact", "精确"),
    "approx": ("approx.", "约"),
    "at_least": ("at least", "不低于"),
    "at_most": ("at most", "不超过"),
    # status words
    "met": ("met", "已达成"),
    "missed": ("missed", "未达成"),
    "pending": ("pending", "待核"),
    "consistent": ("consistent", "一致"),
    "inconsistent": ("inconsistent", "不一致"),
    "unverifiable": ("unverifiable", "无法核验"),
    "not_made": ("not made", "未作此表述"),
    # regions
    "city": ("City", "城市"),
    "province": ("Province", "全省"),
    # table headers
    "indicator": ("Indicator", "指标"),
    "name": ("Name", "名称"),
    "region": ("Region", "地区"),
    "year": ("Year", "年份"),
    "kind": ("Kind", "类型"),
    "qualifier": ("Qualifier", "限定"),
    "status": ("Status", "状态"),
    "check": ("Check", "核验项"),
    "claimed": ("Claimed", "文中数值"),
    "computed": ("Computed", "计算值"),
    "explanation": ("Explanation", "说明"),
    "figure": ("Figure", "数据"),
    "share": ("Share", "占比"),
    "share_of_province": ("Share of province", "占全省比重"),
    "growth": ("Growth", "增长"),
    "change": ("Change", "变化"),
    "total": ("Total", "总量"),
    "count": ("Count", "数量"),
    "formula": ("Formula", "公式"),
    "inputs": ("Inputs", "输入"),
}

# Kind, qualifier and status keys equal the data's codes, so t(row.kind, lang) just works.
KEYS = tuple(_WORDS)


def check_lang(lang: str) -> str:
    """Fail early with the allowed values, so a papermill typo does not give an English report."""
    if lang not in LANGS:
        raise SelectionError(f"lang must be one of {', '.join(LANGS)}; got {lang!r}")
    return lang


def t(key: str, lang: str) -> str:
    """The word for `key` in `lang`; an unknown key is a bug, so it raises rather than guessing."""
    check_lang(lang)
    try:
        pair = _WORDS[key]
    except KeyError:
        raise KeyError(f"no translation for key {key!r}") from None
    return pair[LANGS.index(lang)]


def n_of(n: int, word: str, many: str | None = None) -> str:
    """An English count with its noun in the right number: '1 claim', '3 claims', '2 figures'."""
    return f"{n:,} {word if n == 1 else many or word + 's'}"
