"""Short marks a chart label or key-figure cell carries for what its sentence says at length (review
14 M2, M4): a figure known only from a document published after the selection's (据此后文件 / from a
later document), a figure read one way from garbled text (notes_zh.csv `reading`: 解读 / as read),
a printed figure that the document's other figures contradict (an inconsistent audit check's
printed value: 与其他数据不吻合 / disagrees with other figures: they disagree, not which is wrong),
and a derived value outside the plausible range the report sets (存疑 / implausible)."""
from __future__ import annotations

from collections.abc import Callable

from helpers.calc import audit
from helpers.calc.derive import Derived, figures_behind
from helpers.data.notes import readings
from helpers.present.catalog import message


def marker(summary, lang: str, later: bool = True) -> Callable[[object], str]:
    """mark(x) -> the marks of figure or derived value x ('' for none), for this selection; without
    `later` for a label that names its year and document already (overview_view._when)."""
    read = set(readings(str(summary.dataset.data_dir)))
    after = set(getattr(summary, "later", ())) if later else set()  # the sources published after the selection's
    disputed = {r.claim for r in audit.evaluate(summary) if r.status == "inconsistent" and r.claim is not None}

    def mark(x) -> str:
        if x is None:
            return ""
        figs = figures_behind(x) if isinstance(x, Derived) else (x,)
        out = message("chart.mark.later", lang) if any(getattr(f, "source", "") in after for f in figs) else ""
        out += message("chart.mark.reading", lang) if any(getattr(f, "note", "") in read for f in figs) else ""
        out += message("chart.mark.disputed", lang) if any(f in disputed for f in figs) else ""
        return out + (message("chart.mark.implausible", lang) if getattr(x, "flag", None) else "")
    return mark
