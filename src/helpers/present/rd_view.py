"""Section 2 (R&D input) as a reader sees it: the intensity chart, the R&D growth the target needs
(on the actual GDP of its year, or under the assumed range of GDP growth) and its table. Every
label comes from the catalogs (messages/<lang>/rd.po); nothing is drawn without the figures."""
from __future__ import annotations

import pandas as pd

from helpers.calc.derive import Derived
from helpers.data.regions import region_name
from helpers.present import numbers, plots
from helpers.present.catalog import message
from helpers.present.marks import marker
from helpers.present.numbers import figure as written


def _label(key: str, lang: str, **fields) -> str:
    return message(f"label.rd.{key}", lang).format(**fields)


def intensity_labels(res, summary, lang: str) -> list[tuple[str, float]]:
    """(label, value) per intensity of `res.intensities`: regions, the year before, the latest, the target."""
    data_dir = summary.dataset.data_dir
    city = region_name(summary.city, lang, data_dir)
    out, mark = [], marker(summary, lang)  # 南昌2019年（推算）（据此后文件）: as the text labels it
    for role, period, x in res.intensities:
        if role == "target":
            label = _label("bar_target", lang, who=city, period=numbers.year_label(x, lang))
        else:
            who = region_name(role.split(":", 1)[1], lang, data_dir) if role.startswith("region:") else city
            label = _label("bar_implied" if isinstance(x, Derived) else "bar", lang, who=who, period=period)
        out.append((label + mark(x), round(x.value, 2)))
    return out


def intensity_chart(res, summary, lang: str, title: str):
    """The city's intensity beside the regions above it, the year before and the target (a bar
    labelled as a target); None when the selection holds no intensity of the city."""
    rows = intensity_labels(res, summary, lang)
    if not rows:
        return None
    latest = next(label for (role, _, _), (label, _) in zip(res.intensities, rows) if role == "latest")
    targets = [label for (role, _, _), (label, _) in zip(res.intensities, rows) if role == "target"]
    return plots.hbar([r[0] for r in rows], [r[1] for r in rows], title=title, xlabel="%", highlight=latest,
                      value_labels=[numbers.cell(x, lang) for _, _, x in res.intensities],  # as the text writes them
                      targets=targets)  # a target is drawn as a target, never as a level reached


def scenario_table(res, lang: str) -> pd.DataFrame:
    """The R&D growth the target needs under each assumed nominal GDP growth: shown only when the
    data hold no GDP for the target year (else the actual is used, and the table is empty)."""
    if res.gdp_target_year is not None or res.target is None or res.base is None:
        return pd.DataFrame()
    df = res.scenarios.dropna(subset=["rd_growth_needed"])
    if df.empty:
        return pd.DataFrame()
    period = numbers.year_label(res.target, lang)  # 2024年（年度为推定）
    written = {c: [("" if x is None else numbers.cell(x, lang)) for x in df[c]]  # 约3020, 约6.9%: as the prose
               for c in ("gdp", "rd_needed", "rd_growth_needed")}
    return df.assign(**written, gdp_growth=[f"{g:g}" for g in df["gdp_growth"]]).rename(columns={
        "gdp_growth": _label("col.gdp_growth", lang),
        "gdp": _label("col.gdp", lang, period=period),
        "rd_needed": _label("col.rd_needed", lang, period=period),
        "rd_growth_needed": _label("col.rd_growth", lang)})


def growth_chart(res, lang: str, title: str, gdp_growths):
    """The R&D growth the target needs against the growth last achieved: two bars when the actual
    GDP of the target year is known, a line over the assumed GDP growths otherwise; None when
    there is no target with a level to start from."""
    target, achieved = res.target, res.growth_base
    if res.rd_growth_needed is not None:
        shown = ([achieved] if achieved is not None else []) + [res.rd_growth_needed]
        labels = [_label("achieved", lang, period=achieved.period)] if achieved is not None else []
        labels.append(_label("needed_actual", lang, period=numbers.year_label(target, lang)))
        return plots.hbar(labels, [round(x.value, 2) for x in shown], title=title, xlabel="%", highlight=labels[-1],
                          value_labels=[numbers.cell(x, lang) for x in shown])  # 12.4% as printed, 约30.90%
    table = scenario_table(res, lang)
    if table.empty:
        return None
    need = res.scenarios["rd_growth_needed"].tolist()
    series = {_label("needed", lang, target=written(target, lang), period=numbers.year_label(target, lang)):
              [x.value for x in need]}
    ends = [numbers.cell(need[-1], lang)]  # the lines end as the table writes them: 约15.1%, 12.4%
    if achieved is not None:
        series[_label("achieved", lang, period=achieved.period)] = [achieved.value] * len(need)
        ends.append(numbers.cell(achieved, lang))
    fig = plots.line(list(gdp_growths), series, title=title, ylabel="%", end_labels=ends)
    fig.axes[0].set_ylim(bottom=0)
    fig.axes[0].set_xlabel(_label("gdp_axis", lang, period=numbers.year_label(target, lang)))
    return fig
