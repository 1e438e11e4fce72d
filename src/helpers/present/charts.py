"""Section-specific charts built on helpers.present.plots: one style, one palette, labels in `lang`."""
from __future__ import annotations

from collections.abc import Sequence

from helpers.present import numbers, plots
from helpers.present.catalog import message
from helpers.present.marks import marker
from helpers.sections.hte import Point


def stock_chart(points: Sequence[Point], *, title: str, labels: dict[str, str], ylabel: str = "",
                lang: str = "en"):
    """The HTE stock as a line: printed actuals solid, a year with no figure a gap (never a line
    across it), the estimate an open marker and a target a cross (a floor to reach, not a point
    on a path), drawn as the trends section draws them, every point labelled with its value and kind. `labels` maps
    kind -> legend/point word. None when no point is a level: a target alone is not a stock."""
    if not any(p.kind in ("actual", "estimate") for p in points):
        return None
    xs = list(range(min(p.period for p in points), max(p.period for p in points) + 1))
    at = {(p.period, p.kind): p.value for p in points}
    fig = plots.line(xs, {labels["actual"]: [at.get((x, "actual")) for x in xs]}, title=title, ylabel=ylabel,
                     annotate_last=False)
    ax = fig.axes[0]
    for kind in ("estimate", "target"):  # drawn as the trends section draws them (plots.TREND_STYLE)
        kept = [p for p in points if p.kind == kind]
        if kept:
            style = plots.TREND_STYLE[kind]
            ax.plot([p.period for p in kept], [p.value for p in kept], linestyle="none", marker=style["marker"],
                    fillstyle=style["fillstyle"], color=style["color"], markersize=9, markeredgewidth=2,
                    label=labels[kind])
    ax.legend(loc="best")
    for p in points:  # a bound as the page writes it: >2,000 in English, 超过2000 in Chinese (no symbol)
        number = f"{p.value:,.0f}" if lang == "en" else f"{p.value:.0f}"
        text = numbers.with_bound(number, getattr(p.figure, "qualifier", "exact"), lang,
                                  getattr(p.figure, "bound_word", ""))
        text += "" if p.kind == "actual" else f"\n{labels[p.kind]}"
        ax.annotate(text, (p.period, p.value), xytext=(0, 9), textcoords="offset points",
                    ha="center", va="bottom", fontsize=9, color=plots.TEXT_COLOR)
    lo = min(p.value for p in points)
    hi = max(p.value for p in points)
    ax.set_ylim(0 if lo > 0 else lo * 1.1, hi * 1.22)
    return fig


def funnel_chart(regions: Sequence[str], applications: Sequence[float | None],
                 reported: Sequence[float | None], notes: Sequence[Sequence[str]], *, title: str,
                 names: tuple[str, str], ylabel: str = ""):
    """Applications and reports side by side for each region; under each region name its lines of
    `notes` (pass rates), one per line (set after plotting so the label wrapper keeps them whole)."""
    fig = plots.grouped_bars(list(regions), {names[0]: list(applications), names[1]: list(reported)},
                             title=title, ylabel=ylabel, value_fmt="{:,.0f}")
    ax = fig.axes[0]
    ax.set_xticks(range(len(regions)), ["\n".join([r, *lines]) for r, lines in zip(regions, notes)])
    return fig



def province_shares(rungs, *, title: str, lang: str):
    """The city's printed shares of the province by rung; where the printed provincial total does
    not agree, the share recomputed on it is drawn beneath. None when no rung prints a share."""
    from helpers.present.numbers import cell, plain
    labels, values, written = [], [], []
    for x in rungs:
        if x.share is None:
            continue
        labels.append(x.share.name(lang))
        values.append(x.share.value)
        written.append(cell(x.share, lang))  # as printed: 25%, not 25.00%
        if x.check is not None and not x.check.consistent:
            labels.append(("  ……按" if lang == "zh" else "  … recomputed: ")
                          + f"{plain(x.figure, lang)} / {plain(x.check.printed, lang)}" + ("重算" if lang == "zh" else ""))
            values.append(x.check.recomputed_share.value)
            written.append(cell(x.check.recomputed_share, lang))
    return plots.share_bars(labels, values, title=title, value_labels=written) if values else None


def target_pct(comparisons, summary, *, title: str, lang: str):
    """Each target with a level of its own measure, as % of that level (100% drawn as a line);
    targets below the level highlighted. None when no target has such a level."""
    shown = [c for c in comparisons if c.ratio_pct is not None and c.comparability == "same"]
    if not shown:
        return None
    # each bar names the year of the level it is held against (高新技术企业数量（基数为2018年）) and
    # is marked as the text marks its figures (1700（解读）, a base 据此后文件: helpers.present.marks)
    mark = marker(summary, lang)
    labels = [c.name(lang) + message("chart.mark.base_year", lang).format(year=c.baseline_period)
              + "".join(dict.fromkeys(mark(x) for x in c.sides)) for c in shown]
    fig = plots.hbar(labels, [round(c.ratio_pct.value, 2) for c in shown], title=title, xlabel="%",
                     value_labels=[numbers.cell(c.ratio_pct, lang) for c in shown],  # >约109%, as the table
                     highlight=[lab for lab, c in zip(labels, shown) if c.below_baseline])
    fig.axes[0].axvline(100, color=plots.MUTED, linewidth=1, linestyle="--", zorder=1)
    return fig
