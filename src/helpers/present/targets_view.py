"""Targets against baselines as a reader sees them: the table and the chart of the change needed."""
from __future__ import annotations

import pandas as pd

from helpers.calc.targets import TargetCheck, word
from helpers.data.units import format_value
from helpers.present import plots
from helpers.present.i18n import t


def _fmt(value, unit, lang, qualifier=None):
    if value is None:
        return None
    prefix = {"at_least": "≥", "at_most": "≤", "approx": "~" if lang == "en" else "约"}.get(qualifier or "", "")
    return prefix + format_value(value, unit, lang, None if unit not in ("percent", "pp") else 2)


COLUMNS = {  # key: (English header, Chinese header)
    "target": ("Target", "目标"),
    "period": ("Period", "目标年份"),
    "target_value": ("Target value", "目标值"),
    "baseline": ("Baseline", "基数指标"),
    "baseline_period": ("Baseline period", "基数年份"),
    "baseline_value": ("Baseline value", "基数值"),
    "change": ("Change needed", "所需变化"),
    "change_pct": ("Change needed, relative", "所需变化幅度"),
    "pct_of_baseline": ("Target as % of baseline (implied)", "目标相当于基数的百分比（推算）"),
    "comparability": ("Comparability", "可比性"),
    "flag": ("Flag", "提示"),
    "status": ("Status", "完成情况"),
    "note": ("Note", "备注"),
}
FULL = ("target", "period", "target_value", "baseline", "baseline_period", "baseline_value", "change",
        "change_pct", "comparability", "flag", "status", "note")
BRIEF = ("target", "target_value", "baseline", "baseline_period", "baseline_value", "change",
         "pct_of_baseline", "comparability", "flag", "note")


def _cells(c: TargetCheck, lang: str) -> dict[str, str]:
    nr = t("not_reported", lang)
    tgt, base, ch, chp, pct = c.target, c.baseline, c.change, c.change_pct, c.pct_of_baseline
    bkind = "" if c.baseline_kind in (None, "actual") else (
        f"（{t(c.baseline_kind, lang)}）" if lang == "zh" else f" ({t(c.baseline_kind, lang)})")
    return {
        "target": c.name(lang),
        "period": nr if c.period is None else str(c.period),
        "target_value": _fmt(tgt.value, tgt.unit, lang, c.qualifier) if tgt else nr,
        "baseline": c.baseline_name(lang) if base else word("no_baseline", lang),
        "baseline_period": f"{c.baseline_period}{bkind}" if base else nr,
        "baseline_value": _fmt(base.value, base.unit, lang) if base else nr,
        "change": (("+" if ch.value > 0 else "") + _fmt(ch.value, ch.unit, lang)) if ch else nr,
        "change_pct": f"{chp.value:+.2f}%" if chp else nr,
        "pct_of_baseline": f"{pct.value:.2f}%" if pct else nr,
        "comparability": word(c.comparability, lang) if c.comparability else nr,
        "flag": word(c.flag, lang) if c.flag else "",
        "status": t(c.status, lang),
        "note": c.note_in(lang),
    }


def table(checks, lang: str = "en", columns=FULL) -> pd.DataFrame:
    """One row per target with the `columns` (keys of COLUMNS; FULL for the targets notebook, BRIEF
    for a section notebook): target, baseline, change needed, target as % of baseline,
    comparability, flag, attainment and the pairing note in `lang`; values as text,
    'not reported' where missing."""
    i = 1 if lang == "zh" else 0
    rows = [[cells[k] for k in columns] for cells in (_cells(c, lang) for c in checks)]
    return pd.DataFrame(rows, columns=[COLUMNS[k][i] for k in columns])


def pct_chart(checks, *, title: str, lang: str = "en", xlabel: str = ""):
    """Each target against its baseline as diverging bars of the change needed (target as % of the
    baseline minus 100: 0 = the level already reached, drawn as a line); targets asking for less than
    the baseline are highlighted. Targets without a baseline are left out."""
    have = [c for c in checks if c.change_pct is not None]
    labels = [c.name(lang) for c in have]
    values = [round(c.change_pct.value, 2) for c in have]
    below = [c.name(lang) for c in have if c.change_pct.value < 0]
    fig = plots.hbar(labels, values, title=title, xlabel=xlabel, value_fmt="{:+,.1f}%", highlight=below)
    ax = fig.axes[0]
    ax.axvline(0, color=plots.TEXT_COLOR, linewidth=1.2)
    lo, hi = ax.get_xlim()
    span = max(values + [0]) - min(values + [0]) or 1.0
    ax.set_xlim(lo - 0.12 * span if min(values + [0]) < 0 else lo, hi)  # room for the left labels
    return fig


TRACK_COLUMNS = {
    "document": ("Set in", "目标来源"),
    "target": ("Target", "目标"),
    "period": ("Year", "年份"),
    "target_value": ("Target value", "目标值"),
    "outcome": ("Outcome", "实际值"),
    "measure": ("Outcome measured by", "实际值口径"),
    "status": ("Verdict", "完成情况"),
    "margin": ("Margin (outcome − target)", "差额（实际−目标）"),
    "why": ("Why / note", "说明"),
}
MEASURES = {"same": ("the same indicator", "同一指标"), "related": ("a related measure", "相关口径"),
            "implied": ("an implied figure", "推算值"), "": ("", "")}


def why(x, lang: str) -> str:
    """Why a target is pending or unverifiable, or the note on a related measure, in `lang`."""
    zh = lang == "zh"
    if x.reason == "year_open":
        return f"{x.period}年尚未结束（数据截至所选年份）" if zh else f"{x.period} is not over in the data"
    if x.reason == "lag":
        return (f"统计数据于{x.published}年公布" if zh else f"its statistics are published in {x.published}")
    if x.reason == "no_outcome":
        return f"数据中没有{x.period}年的实际值" if zh else f"no document in the data gives the {x.period} outcome"
    return x.note_zh if zh else x.note


def track_table(tracked, summary, lang: str = "en") -> pd.DataFrame:
    """One row per tracked target: where it was set, its value, the outcome and how it was
    measured, the verdict, the margin and why a verdict is missing."""
    i = 1 if lang == "zh" else 0
    nr = t("not_reported", lang)
    rows = []
    for x in tracked:
        out = x.outcome
        rows.append([
            summary.source_title(x.target.source), x.target.name(lang), str(x.period),
            x.target.formatted(lang),
            nr if out is None else (out.formatted(lang) if hasattr(out, "formatted")
                                    else _fmt(out.value, out.unit, lang)),
            MEASURES[x.measure][i], t(x.status, lang),
            "" if x.margin is None else (("+" if x.margin.value > 0 else "") + _fmt(x.margin.value, x.margin.unit, lang)),
            why(x, lang)])
    return pd.DataFrame(rows, columns=[v[i] for v in TRACK_COLUMNS.values()])


def margin_chart(tracked, *, title: str, lang: str = "en", xlabel: str = ""):
    """The targets with an outcome: how far the outcome lies above (met) or below (missed) the
    target, in % of the target."""
    have = [x for x in tracked if x.margin_pct is not None]
    labels = [f"{x.target.name(lang)}（{x.period}年）" if lang == "zh" else f"{x.target.name(lang)} ({x.period})"
              for x in have]
    values = [round(x.margin_pct.value, 2) for x in have]
    fig = plots.hbar(labels, values, title=title, xlabel=xlabel, value_fmt="{:+,.1f}%",
                     highlight=[lab for lab, x in zip(labels, have) if x.status == "missed"])
    fig.axes[0].axvline(0, color=plots.TEXT_COLOR, linewidth=1.2)
    return fig
