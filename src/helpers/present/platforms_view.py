"""Section 4, platforms: the tables and charts its notebook shows, headed from the catalog
(`column.platforms.*`, `chart.platforms.*`, `axis.platforms.*`). Sections compute; this only arranges."""
from __future__ import annotations

import pandas as pd

from helpers.calc.targets import word as target_word
from helpers.present import plots
from helpers.present.catalog import message
from helpers.present.catalog import word as catalog_word
from helpers.present.numbers import figure as written


def _col(key: str, lang: str, **names) -> str:
    return message(f"column.platforms.{key}", lang).format(**names)


def new_table(rows, year: int, lang: str) -> pd.DataFrame:
    """Level, platform, the year's new ones as printed; only the kinds the selection reports."""
    shown = [(lv, f) for lv, _, f in rows if f is not None]
    return pd.DataFrame({
        _col("level", lang): [catalog_word(f"platforms.{lv}", lang) for lv, _ in shown],
        _col("platform", lang): [f.name(lang) for _, f in shown],
        _col("new", lang, year=year): [written(f, lang) for _, f in shown],
    })


def new_chart(rows, *, title: str, lang: str):
    """The year's new platforms of each kind as bars, labelled with their level (None: no figure)."""
    shown = [(lv, f) for lv, _, f in rows if f is not None]
    if not shown:
        return None
    sep = ("（", "）") if lang == "zh" else (" (", ")")
    labels = [f"{f.name(lang)}{sep[0]}{catalog_word(f'platforms.{lv}', lang)}{sep[1]}" for lv, f in shown]
    return plots.hbar(labels, [f.value for _, f in shown], value_fmt="{:,.0f}", title=title,
                      xlabel=message("axis.platforms.count", lang))


def targets(checks, lang: str) -> pd.DataFrame:
    """The section's targets, each value written as the sentences write it (110亿元以上, at least 20):
    target, year, value; the level it is held against, its comparability and the pairing's note only
    when some target has such a level. The change needed is not shown: for a related measure there is none."""
    if not checks:
        return pd.DataFrame()
    col = lambda key: message(f"column.targets.{key}", lang)  # noqa: E731
    one = lambda xs, total: (xs[0] if len(xs) == 1 else total)  # noqa: E731
    rows = []
    for c in checks:
        target = one(c.targets, c.target)
        row = {col("target"): c.name(lang), col("period"): "" if c.period is None else str(c.period),
               col("target_value"): "—" if target is None else written(target, lang, "bare")}
        base = one(c.baselines, c.baseline) if c.baselines else None
        row.update({col("baseline"): c.baseline_name(lang) if base is not None else "—",
                    col("baseline_period"): "—" if c.baseline_period is None else str(c.baseline_period),
                    col("baseline_value"): "—" if base is None else written(base, lang, "bare"),
                    col("comparability"): target_word(c.comparability, lang) if base is not None else "—",
                    col("note"): c.note_in(lang)})
        rows.append(row)
    df = pd.DataFrame(rows)
    if all(c.baseline is None for c in checks):
        df = df[[col("target"), col("period"), col("target_value")]]
    return df


def institutions_table(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The institutions the document names, with their status, in its order."""
    if not len(table):
        return pd.DataFrame()
    sfx = "zh" if lang == "zh" else "en"
    return pd.DataFrame({_col("institution", lang): list(table[f"name_{sfx}"]),
                         _col("status", lang): list(table[f"status_{sfx}"])})


def institutions_chart(table: pd.DataFrame, *, title: str, lang: str):
    """The named institutions by status group, the stalled group highlighted (None: no names)."""
    if not len(table):
        return None
    sfx = "zh" if lang == "zh" else "en"
    groups = list(dict.fromkeys(table["status_group"]))
    labels = [str(table.loc[table["status_group"] == g, f"status_{sfx}"].iloc[0]) for g in groups]
    values = [int((table["status_group"] == g).sum()) for g in groups]
    stalled = [lab for lab, g in zip(labels, groups) if g == "stalled"]
    return plots.hbar(labels, values, value_fmt="{:,.0f}", title=title, highlight=stalled,
                      xlabel=message("axis.platforms.institutions", lang))


def system_table(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The plan's platform system: component, item, role."""
    if not len(table):
        return pd.DataFrame()
    sfx = "zh" if lang == "zh" else "en"
    return pd.DataFrame({_col("component", lang): list(table["component"]),
                         _col("item", lang): list(table[f"item_{sfx}"]),
                         _col("role", lang): list(table[f"role_{sfx}"])})
