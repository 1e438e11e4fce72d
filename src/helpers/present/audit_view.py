"""The audit as a reader sees it: the table of every check, the table of the implied figures, the
chart of the verdicts and the chart of the gaps. Headers, titles and cell words come from the
catalogs (messages/*/audit.po; the verdict words from common.po)."""
from __future__ import annotations

import re

import pandas as pd

from helpers.calc import audit
from helpers.present import catalog, numbers, plots


def _headers(keys, lang: str) -> list[str]:
    return [catalog.message(f"column.audit.{k}", lang) for k in keys]


def checks_table(results, lang: str = "en") -> pd.DataFrame:
    """One row per check (audit.reader_checks): its label, the quote, the printed claim and the
    recomputed value (two decimals finer than the claim; whole counts whole), each with its unit as
    the prose writes it (下降50.16%, 约3.22亿元, 10家), and the verdict in the catalog's word."""
    cols = ("check", "quote", "claimed", "computed", "status")
    rows = [row[:4] + (catalog.word(r.status, lang),)
            for r, row in zip(audit.checks(results), audit.reader_checks(results, lang))]
    return pd.DataFrame(rows, columns=_headers(cols, lang))


def implied_table(results, lang: str = "en") -> pd.DataFrame:
    """The implied figures the documents allow: label, value, the range the printed figures allow
    (their rounding, and 约/近 as intervals.printed_interval reads them), formula. Value and range
    are written as the prose writes them (numbers.cell): with the bound they rest on (近670万元 from
    近2亿元), no finer than an approximate input, a Chinese count with its measure word. A value the
    printed figures do not fix (audit.Result.determined) shows its range and no number."""
    cols = ("figure", "value", "range", "formula")
    rows = []
    for r in shown_implied(results):
        d = r.derived(undetermined=True)
        value = numbers.cell(d, lang) if r.determined else catalog.word("undetermined", lang)
        span = range_text(r, lang) or (catalog.message("label.audit.range.exact", lang) if exact_to_digits(r) else "")
        rows.append([r.label(lang), value, span, numbers.formula_in(r.formula_text, lang)])
    return pd.DataFrame(rows, columns=_headers(cols, lang))


def shown_implied(results) -> list:
    """The implied figures the report shows (its table, and the count the key caveats give)."""
    return [r for r in audit.implied(results) if r.derived(undetermined=True) is not None]


def range_text(r, lang: str) -> str:
    """The range the printed figures allow an implied figure, each end rounded outward so it holds
    every value they allow (a count: the whole numbers inside it); '' when the range is not
    bounded, or when it is no wider than the value's own last digit (exact_to_digits)."""
    d, iv = r.derived(undetermined=True), r.interval
    if d is None or iv is None or not iv.bounded or exact_to_digits(r):
        return ""
    inward = d.unit == "count"  # a count's range is the whole numbers inside it: 8358.4 to 8361.4 is 8359 to 8361
    lo = numbers.plain(d, lang, iv.lo, "up" if inward else "down")
    hi = numbers.plain(d, lang, iv.hi, "down" if inward else "up")
    if lang == "zh" and iv.lo < 0:  # a fall is written 下降, never with a minus sign
        return "至".join(("下降" if v < 0 else "增长") + numbers.plain(d, lang, abs(v), "up" if v < 0 else side)
                        for v, side in ((iv.lo, "down"), (iv.hi, "up")))
    return f"{lo}至{hi}" if lang == "zh" else f"{lo} – {hi}"


def exact_to_digits(r) -> bool:
    """Every value the printed figures allow is written alike at the value's own digits (21 / 441
    is 4.76%, 455 / 31.55% is 1442 firms, one whole number), in either language: the range cell
    says so instead of repeating the value."""
    d, iv = r.derived(undetermined=True), r.interval
    if d is None or iv is None or not iv.bounded:
        return False
    if d.unit == "count" and numbers.round_at(iv.lo, 1, "up") >= numbers.round_at(iv.hi, 1, "down"):
        return True
    written = re.search(r"\d+(?:\.(\d+))?", numbers.plain(d, "zh"))  # 500万元: to the unit; 20.68%: 2 places
    places = len(written.group(1) or "") if written else None
    if places is not None and round(iv.lo, places) == round(iv.hi, places) == round(d.value, places):
        return True  # 2500万元 / 5 is 499.90 to 500.10: 500万元 as written, no other value
    return any(numbers.plain(d, x, iv.lo, "down") == numbers.plain(d, x, iv.hi, "up")
               or numbers.plain(d, x, iv.lo) == numbers.plain(d, x, iv.hi) for x in ("en", "zh"))


def verdict_chart(results, *, title: str, lang: str = "en", xlabel: str = ""):
    """How many checks have each verdict; None when no printed number was recomputed (a ceiling kept
    or a phrase's band alone is said in the text, not charted as a clean audit)."""
    counts = audit.status_counts(results)
    if not any(audit.recomputes(r) and r.status in ("consistent", "inconsistent") for r in audit.checks(results)):
        return None
    labels = [catalog.word(s, lang) for s in counts]
    fig = plots.hbar(labels, list(counts.values()), title=title, xlabel=xlabel, value_fmt="{:,.0f}",
                     highlight=catalog.word("inconsistent", lang))
    fig.axes[0].xaxis.get_major_locator().set_params(integer=True)  # counts: no 0.5 ticks
    return fig


def gaps_chart(results, *, title: str, lang: str = "en", xlabel: str = ""):
    """The checked rates, shares, changes and multiples: recomputed against printed, in % of the
    printed value; the inconsistent ones highlighted. None when there is none."""
    gaps = audit.gaps(results)
    if not gaps:
        return None
    bad = [r.label(lang) for r, _ in gaps if r.status == "inconsistent"]
    values = [round(g, 1) + 0.0 for _, g in gaps]  # no "-0.0%"
    return plots.hbar([r.label(lang) for r, _ in gaps], values, title=title, xlabel=xlabel, highlight=bad,
                      value_labels=[gap_label(v, lang, fall=r.claim is not None and r.claim.value < 0,
                                              points=r.value - r.claim.value if r.unit in ("percent", "pp") else None)
                                    for (r, _), v in zip(gaps, values)])


def gap_label(v: float, lang: str, fall: bool = False, points: float | None = None) -> str:
    """A bar's label in words, never a sign in Chinese: 计算值高2.7% / +2.7%; for a printed fall,
    in the size of the fall, as the row names it (computed -53.77% against a printed -55.25% is
    计算的降幅小2.7%, never 计算值高); for two rates, the gap in points too (计算值低11.8%（即低3.61个
    百分点）), so that a relative % is never read as points (review 18)."""
    way = "flat" if v == 0 else ("fall_smaller" if v > 0 else "fall_larger") if fall else "up" if v > 0 else "down"
    text = catalog.message(f"label.audit.gap.{way}", lang).format(v=f"{abs(v):.1f}")
    if points is None or way == "flat":
        return text
    return text + catalog.message(f"label.audit.gap.points.{way}", lang).format(
        v=f"{abs(points):.2f}".rstrip("0").rstrip("."))
