"""One chart style for every notebook: CJK-capable font from a package, a palette that still
reads when printed in grey, plain-text labels, and byte-reproducible PNGs.

Call `setup(lang)` once at the top of a notebook. Chart functions take labels already in the
chosen language and return a matplotlib Figure (not pyplot-managed, so nothing is shown twice);
`save` writes it, `show` writes it and displays the saved PNG.
"""
from __future__ import annotations

import math
import os
import re
import sys
import tempfile
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path

import matplotlib
from matplotlib import font_manager
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, StrMethodFormatter

from helpers.present.fonts import FONT_FAMILY, cjk_font_path
from helpers.present.i18n import check_lang, t

DPI = 150
FIGSIZE = (7.5, 4.2)

# Six colours with clearly different lightness (CIELAB L* in brackets), in the order series use them.
PALETTE = (
    "#16324f",  # navy   (20)
    "#e8a33d",  # amber  (72)
    "#c8553d",  # brick  (51)
    "#cfd8e3",  # pale   (86)
    "#7a3b69",  # plum   (35)
    "#6c9a8b",  # sage   (60)
)
HATCHES = ("", "//", "..", "xx", "\\\\", "--")
MARKERS = ("o", "s", "^", "D", "v", "P")
LINESTYLES = ("-", "--", "-.", ":", "-", "--")
CITY_COLOR = PALETTE[0]
PROVINCE_COLOR = PALETTE[3]
TARGET_COLOR = PALETTE[1]
HIGHLIGHT = PALETTE[2]
BAR_COLOR = "#9bb7d4"  # (73) plain bars, so HIGHLIGHT (51) stands out in grey too
EDGE_COLOR = "#4a5a6a"
TEXT_COLOR = "#222222"
MUTED = "#666666"

_state = {"lang": "en", "ready": False}


def setup(lang: str = "en") -> None:
    """Register the packaged CJK font and set the shared rcParams (idempotent)."""
    _state["lang"] = check_lang(lang)
    _state["ready"] = True
    path = str(cjk_font_path())
    if not any(f.fname == path for f in font_manager.fontManager.ttflist):
        font_manager.fontManager.addfont(path)
    matplotlib.rcParams.update({
        # DejaVu for Latin, the CJK font as per-glyph fallback: both scripts render, no warnings.
        # Fallback works only across an explicit family list, not through the "sans-serif" alias.
        "font.family": ["DejaVu Sans", FONT_FAMILY],
        "font.sans-serif": ["DejaVu Sans", FONT_FAMILY],
        "font.size": 10,
        "axes.titlesize": 13,
        "axes.titleweight": "normal",  # the packaged CJK font has no bold; keep both languages alike
        "axes.titlelocation": "left",
        "axes.titlepad": 10,
        "axes.labelsize": 10,
        "axes.labelcolor": TEXT_COLOR,
        "axes.edgecolor": "#888888",
        "axes.linewidth": 0.8,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.facecolor": "white",
        "axes.grid": True,
        "axes.axisbelow": True,
        "axes.prop_cycle": matplotlib.cycler(color=PALETTE),
        "axes.unicode_minus": False,  # the CJK font lacks U+2212 in some weights; keep ASCII minus
        "grid.color": "#e3e3e3",
        "grid.linewidth": 0.8,
        "xtick.color": TEXT_COLOR,
        "ytick.color": TEXT_COLOR,
        "xtick.major.size": 0,
        "ytick.major.size": 0,
        "legend.frameon": False,
        "legend.fontsize": 9,
        "text.color": TEXT_COLOR,
        "text.parse_math": False,  # "%" and "$" in labels are text, never mathtext
        "text.usetex": False,
        "figure.figsize": FIGSIZE,
        "figure.dpi": 100,
        "figure.facecolor": "white",
        "figure.constrained_layout.use": True,
        "savefig.dpi": DPI,
        "savefig.facecolor": "white",
        "svg.hashsalt": "nsr",
        "svg.fonttype": "path",
        "pdf.fonttype": 42,
        "path.simplify": True,
    })


_NO_LINE_START = "）)，,。.、：:；;！!？?”’》】」』%％"


_BREAK_AFTER = "的"  # a Chinese line may end on 的 (其他虚词 start words too often: 对应, 及时, 并且)


def _wrap(label: object, width: int = 30) -> str:
    """Wrap a label to about `width` columns; CJK characters count as two (no spaces to break at,
    so a line may break between any two of them, never inside a number or a Latin word: 2021年)."""
    text = str(label)
    lines, cur, cols = [], "", 0
    for word in re.findall(r"\S+\s*|\s+", text) if " " in text else re.findall(r"[0-9A-Za-z.,%&]+|.", text):
        w = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in word)
        if cur and cols + w > width and word[0] not in _NO_LINE_START:
            # Chinese breaks after a comma or before an opening bracket when the line has one in
            # its latter half (研发投入强度（2019年，| 据此后文件）), never inside a word (据此后文|件);
            # else after a function word (运营良好并对产业有一定的|支撑作用, not …支撑作|用)
            cut = max(cur.rfind("，"), cur.rfind("、"), cur.rfind("（") - 1)
            if cut < len(cur) // 2:
                cut = max(cur.rfind(c) for c in _BREAK_AFTER)
            keep = cur[:cut + 1] if cut >= len(cur) // 2 and " " not in text else cur
            lines.append(keep.rstrip())
            cur = cur[len(keep):]
            cols = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in cur)
        cur += word
        cols += w
    lines.append(cur.rstrip())
    return "\n".join(lines)


wrap = _wrap  # for labels placed by a view


def _rows_height(labels: Sequence[str], per_row: float = 0.45) -> float:
    """Figure height for one bar per label, tall enough that wrapped labels never overlap."""
    lines = max((_wrap(lab).count("\n") + 1 for lab in labels), default=1)
    return max(2.2, len(labels) * max(per_row, 0.17 * lines + 0.2) + 1.2)


def _missing(v) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v))


def _new(figsize=None) -> tuple[Figure, object]:
    if not _state["ready"]:  # a forgotten setup() must not give boxes instead of Chinese
        setup(_state["lang"])
    fig = Figure(figsize=figsize or FIGSIZE)
    return fig, fig.add_subplot()


def _thousands(axis) -> None:
    """Tick labels with thousands separators and no needless decimals (1,500 not 1500.0)."""
    axis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{v:,.2f}".rstrip("0").rstrip(".")))


def _finish(ax, title: str, xlabel: str | None = None, ylabel: str | None = None) -> None:
    ax.set_title(title, wrap=True)  # a long title wraps inside the figure, never past its edge
    if xlabel:
        ax.set_xlabel(xlabel)
    if ylabel:
        ax.set_ylabel(ylabel)


def hbar(labels: Sequence[str], values: Sequence[float | None], *, title: str, xlabel: str = "",
         value_fmt: str = "{:,.1f}", highlight: str | Iterable[str] | None = None,
         value_labels: Sequence[str] | None = None, targets: Iterable[str] = ()) -> Figure:
    """Horizontal bars in the given order (top to bottom); missing values say "not reported";
    `value_labels` writes each bar's value as the tables do (a bound's mark, 下降8%); the bars of
    `targets` are drawn as targets (open, hatched, in the target colour), never as levels reached."""
    hl = {highlight} if isinstance(highlight, str) else set(highlight or ())
    n = len(labels)
    fig, ax = _new((FIGSIZE[0], _rows_height(labels)))
    ys = list(range(n))[::-1]
    nums = [0.0 if _missing(v) else float(v) for v in values]
    colors = [HIGHLIGHT if lab in hl else BAR_COLOR for lab in labels]
    bars = ax.barh(ys, nums, color=colors, edgecolor=EDGE_COLOR, linewidth=0.6, height=0.62)
    targets = set(targets)
    for bar, lab in zip(bars, labels):
        if lab in targets:
            bar.set(facecolor="none", edgecolor=TARGET_COLOR, hatch="//", linewidth=1.2)
    ax.set_yticks(ys, [_wrap(lab) for lab in labels])
    ax.grid(axis="y", visible=False)
    span = max((abs(v) for v in nums), default=0) or 1.0
    pad = 0.015 * span
    for i, (y, v, raw, lab) in enumerate(zip(ys, nums, values, labels)):
        txt = t("not_reported", _state["lang"]) if _missing(raw) else (
            value_labels[i] if value_labels is not None else value_fmt.format(raw))
        # a bar's value after its end; a negative bar's on the other side of zero, where its row is
        # empty, so a long label (低于目标约7.96%) never runs into the row's name
        ax.text(v + pad if v >= 0 else pad, y, txt, va="center", ha="left", fontsize=9,
                color=HIGHLIGHT if lab in hl else (MUTED if _missing(raw) else TEXT_COLOR))
    lo, hi = min(nums + [0]), max(nums + [0])
    ax.set_xlim(lo - (0.05 * span if lo < 0 else 0), max(hi + 0.18 * span, 0.5 * span if lo < 0 else 0))
    _thousands(ax.xaxis)
    if lo < 0:
        ax.axvline(0, color="#888888", linewidth=0.8)
    _finish(ax, title, xlabel)
    return fig


def share_bars(labels: Sequence[str], shares_pct: Sequence[float | None], *, title: str,
               value_labels: Sequence[str] | None = None) -> Figure:
    """City share of the province (0-100): a pale track for the province, the city's part filled."""
    n = len(labels)
    fig, ax = _new((FIGSIZE[0], _rows_height(labels)))
    ys = list(range(n))[::-1]
    ax.barh(ys, [100] * n, color=PROVINCE_COLOR, edgecolor=EDGE_COLOR, linewidth=0.6, height=0.62)
    nums = [0.0 if _missing(v) else float(v) for v in shares_pct]
    ax.barh(ys, nums, color=CITY_COLOR, height=0.62)
    for i, (y, v, raw) in enumerate(zip(ys, nums, shares_pct)):
        txt = t("not_reported", _state["lang"]) if _missing(raw) else (
            value_labels[i] if value_labels is not None else f"{raw:,.2f}%")
        ax.text(max(v, 0) + 1.2, y, txt, va="center", ha="left", fontsize=9,
                color=MUTED if _missing(raw) else TEXT_COLOR)
    ax.set_yticks(ys, [_wrap(lab) for lab in labels])
    ax.set_xlim(0, 100)
    ax.set_xticks([0, 25, 50, 75, 100], ["0%", "25%", "50%", "75%", "100%"])
    ax.grid(axis="y", visible=False)
    _finish(ax, title)
    return fig


def funnel(stages: Sequence[str], values: Sequence[float], *, title: str,
           value_fmt: str = "{:,.0f}", show_ratio: bool = True) -> Figure:
    """Centred bars narrowing stage by stage; the grey % is each stage relative to the previous."""
    n = len(stages)
    fig, ax = _new((FIGSIZE[0], _rows_height(stages, 0.55)))
    ys = list(range(n))[::-1]
    nums = [0.0 if _missing(v) else float(v) for v in values]
    top = max(nums, default=0) or 1.0
    for i, (y, v) in enumerate(zip(ys, nums)):
        raw = values[i]
        if not _missing(raw):
            ax.barh(y, v, left=(top - v) / 2, color=PALETTE[0] if i == 0 else BAR_COLOR,
                    edgecolor=EDGE_COLOR, linewidth=0.6, height=0.7)
        txt = t("not_reported", _state["lang"]) if _missing(raw) else value_fmt.format(raw)
        if show_ratio and i > 0 and not _missing(raw) and nums[i - 1]:
            txt += f"  ({100 * v / nums[i - 1]:.1f}%)"
        ax.text(top / 2 + v / 2 + 0.02 * top, y, txt, va="center", ha="left", fontsize=9,
                color=MUTED if _missing(raw) else TEXT_COLOR)
    ax.set_yticks(ys, [_wrap(s) for s in stages])
    ax.set_xlim(0, top * 1.45)
    ax.set_xticks([])
    ax.grid(False)
    ax.spines[["bottom", "left"]].set_visible(False)
    _finish(ax, title)
    return fig


def line(x: Sequence, series: dict[str, Sequence[float | None]], *, title: str, ylabel: str = "",
         annotate_last: bool = True, value_fmt: str = "{:,.2f}", end_labels: Sequence[str] | None = None) -> Figure:
    """One line per series, each with its own marker and dash so it survives grey printing; its last
    point labelled by `end_labels` (as the text writes the figure: 约15.1%) or else `value_fmt`."""
    fig, ax = _new()
    for i, (name, ys) in enumerate(series.items()):
        ys = [float("nan") if _missing(v) else float(v) for v in ys]
        ax.plot(list(x), ys, label=name, color=PALETTE[i % 6], marker=MARKERS[i % 6],
                linestyle=LINESTYLES[i % 6], linewidth=2, markersize=6)
        if annotate_last:
            last = [(xi, yi) for xi, yi in zip(x, ys) if not math.isnan(yi)]
            if last:
                xi, yi = last[-1]
                ax.annotate(end_labels[i] if end_labels else value_fmt.format(yi), (xi, yi), xytext=(6, 0), textcoords="offset points",
                            va="center", fontsize=9, color=TEXT_COLOR)
    if all(isinstance(v, int) for v in x):
        ax.set_xticks(list(x), [str(v) for v in x])
    ax.margins(x=0.08)
    _thousands(ax.yaxis)
    if len(series) > 1:
        ax.legend(loc="best")
    _finish(ax, title, ylabel=ylabel)
    return fig


def grouped_bars(categories: Sequence[str], series: dict[str, Sequence[float | None]], *,
                 title: str, ylabel: str = "", value_fmt: str | None = None) -> Figure:
    """Side-by-side bars per category; colours differ in lightness and carry hatches."""
    fig, ax = _new()
    k = max(len(series), 1)
    width = 0.8 / k
    for i, (name, vals) in enumerate(series.items()):
        xs = [j + (i - (k - 1) / 2) * width for j in range(len(categories))]
        nums = [0.0 if _missing(v) else float(v) for v in vals]
        bars = ax.bar(xs, nums, width=width * 0.92, label=name, color=PALETTE[i % 6],
                      hatch=HATCHES[i % 6], edgecolor=EDGE_COLOR, linewidth=0.6)
        if value_fmt:
            ax.bar_label(bars, labels=["" if _missing(v) else value_fmt.format(v) for v in vals],
                         padding=2, fontsize=8)
    ax.set_xticks(range(len(categories)), [_wrap(c, 16) for c in categories])
    ax.grid(axis="x", visible=False)
    ax.axhline(0, color="#888888", linewidth=0.8)
    _thousands(ax.yaxis)
    if len(series) > 1:
        ax.legend(loc="best")
    _finish(ax, title, ylabel=ylabel)
    return fig


_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


def save(fig: Figure, output_dir: str | os.PathLike, name: str) -> Path:
    """Write {output_dir}/figures/{name}.png; same figure, same bytes (no software tag, no time)."""
    if not _NAME.match(name) or name.endswith(".png"):
        raise ValueError(f"figure name must be a plain slug like '03_rd_share', got {name!r}")
    folder = Path(output_dir) / "figures"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".png")
    try:
        with os.fdopen(fd, "wb") as fh:
            fig.savefig(fh, format="png", dpi=DPI, metadata={"Software": None})
        os.chmod(tmp, 0o644)  # mkstemp makes 0600; figures are ordinary build output
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    plt = sys.modules.get("matplotlib.pyplot")
    if plt is not None:
        plt.close(fig)  # no-op for our Figures, frees pyplot-managed ones
    return path


THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")


def chinese_numbers(fig: Figure) -> Figure:
    """Chinese writes 2054, not 2,054: every number label and tick a chart formats with thousands
    separators loses them (the English chart keeps them)."""
    for ax in fig.axes:
        for text in ax.texts:
            text.set_text(THOUSANDS.sub("", text.get_text()))
        for axis in (ax.xaxis, ax.yaxis):
            fmt = axis.get_major_formatter()
            if isinstance(fmt, (FuncFormatter, StrMethodFormatter)):
                axis.set_major_formatter(FuncFormatter(lambda v, pos, f=fmt: THOUSANDS.sub("", f(v, pos))))
    return fig


def show(fig: Figure, output_dir: str | os.PathLike, name: str) -> Path:
    """Save, then display the saved PNG, so the notebook shows exactly the file the report uses."""
    alt = description(fig)  # read before save() closes the figure
    path = save(fig, output_dir, name)
    from IPython.display import Image, display
    display(Image(data=path.read_bytes(), format="png"), metadata={"image/png": {"alt": alt}})
    return path


def description(fig: Figure) -> str:
    """The chart's alt text, in the language of its labels: its title and, per panel, the panel's
    title and axis labels (what is measured against what)."""
    parts = [fig._suptitle.get_text()] if getattr(fig, "_suptitle", None) is not None else []
    for ax in fig.axes:
        bits = [ax.get_title(loc) for loc in ("left", "center", "right")] + [ax.get_ylabel(), ax.get_xlabel()]
        parts += [b for b in bits if b and b not in parts]
    return " — ".join(p.strip() for p in parts if p.strip())


# How each kind of point is drawn in a trend: printed actuals joined by a solid line (a year
# without one is a gap), estimates and implied values as open markers, targets as crosses.
TREND_STYLE = {
    "actual": {"color": PALETTE[0], "marker": "o", "linestyle": "-", "fillstyle": "full"},
    "estimate": {"color": PALETTE[0], "marker": "o", "linestyle": "none", "fillstyle": "none"},
    "implied": {"color": PALETTE[4], "marker": "D", "linestyle": "none", "fillstyle": "none"},
    "target": {"color": TARGET_COLOR, "marker": "X", "linestyle": "none", "fillstyle": "full"},
}


def trend(years: Sequence[int], by_kind: dict[str, Sequence[float | None]], labels: dict[str, str], *,
          title: str, ylabel: str = "", value_fmt: str = "{:,.2f}") -> Figure:
    """A series over the years, one style per kind of point (TREND_STYLE), each point labelled."""
    fig, ax = _new()
    for kind, ys in by_kind.items():
        if all(_missing(v) for v in ys):
            continue
        style = TREND_STYLE[kind]
        vals = [float("nan") if _missing(v) else float(v) for v in ys]
        ax.plot(list(years), vals, label=labels[kind], color=style["color"], marker=style["marker"],
                linestyle=style["linestyle"], fillstyle=style["fillstyle"], linewidth=2, markersize=8)
        for x, y in zip(years, vals):
            if not math.isnan(y):
                ax.annotate(value_fmt.format(y).rstrip("0").rstrip(".") if "." in value_fmt.format(y)
                            else value_fmt.format(y), (x, y), xytext=(7, 0), textcoords="offset points",
                            va="center", fontsize=8, color=style["color"])
    ax.set_xticks(list(years), [str(y) for y in years])
    ax.margins(x=0.12, y=0.15)
    _thousands(ax.yaxis)
    ax.legend(loc="best", fontsize=8)
    _finish(ax, title, ylabel=ylabel)
    return fig
