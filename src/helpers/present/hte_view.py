"""Tables and charts of the high-tech enterprise section (helpers.sections.hte), in the reader's
language: every header, caption and label from the catalogs (`messages/<lang>/hte.po`), every
number through helpers.present.numbers. A table is empty and a chart None when the selection
holds nothing for it, so the notebook shows nothing there.
"""
from __future__ import annotations

import pandas as pd

from helpers.data.regions import region_name
from helpers.present import charts, numbers
from helpers.present.catalog import message, word
from helpers.sections import hte


def _m(key: str, lang: str, **names) -> str:
    return message(key, lang).format(**names)


def _names(summary, province: str, lang: str) -> dict[str, str]:
    data_dir = summary.dataset.data_dir
    return {"city": region_name(summary.city, lang, data_dir), "province": region_name(province, lang, data_dir),
            "year": summary.year}


def _value(x):
    return None if x is None else x.value


def _pct(x) -> str:
    """A rate in a table cell at two decimals, as the sentences write it (27.20, not 27.2)."""
    return "" if x is None else f"{x.value:.2f}"


def _change(x, lang: str) -> str:
    """A change with its direction in words (down 458 / 减少458家), '' when there is none."""
    return "" if x is None else numbers.direction(x, lang)


def _check(flag, lang: str) -> str:
    return "" if flag is None else word("consistent" if flag else "inconsistent", lang)


def _col(key: str, lang: str, **names) -> str:
    return _m(f"column.hte.{key}", lang, **names)


# --- the stock --------------------------------------------------------------------------------------

def stock_chart(res, lang: str, title: str):
    """The stock over the years (actuals, the estimate, the next target); None without a level."""
    labels = {k: word(k, lang) for k in ("actual", "estimate", "target")}
    return charts.stock_chart(res.points, title=title, labels=labels, ylabel=message("label.hte.firms", lang),
                              lang=lang)


# --- the review funnel ------------------------------------------------------------------------------

def _funnel_rows(res, summary, lang: str):
    p, d, f = res.printed, res.derived, res.flags
    n = _names(summary, res.province, lang)
    return [(n["city"], p["c_app"], p["c_rep"], d["c_rate"], p["c_rate_pr"], f["c_rate_agrees"]),
            (_m("cell.hte.rest", lang, **n), d["r_app"], d["r_rep"], d["r_rate"], None, None),
            (n["province"], p["p_app"], p["p_rep"], d["p_rate"], p["p_rate_pr"], f["p_rate_agrees"])]


def funnel_table(res, summary, lang: str) -> pd.DataFrame:
    """Applications, candidates reported, the pass rate from the counts and as printed, and
    whether the two agree: the city, the rest of the province (implied) and the province."""
    rows = [r for r in _funnel_rows(res, summary, lang) if r[1] is not None and r[2] is not None]
    cols = [_col(k, lang) for k in ("region", "applications", "reported", "rate_computed", "rate_printed", "check")]
    return pd.DataFrame([[name, _value(a), _value(r), _pct(rate), _pct(pr), _check(ok, lang)]
                         for name, a, r, rate, pr, ok in rows], columns=cols)


def funnel_chart(res, summary, lang: str, title: str):
    """Applications and candidates reported side by side, the pass rates under each region."""
    rows = [r for r in _funnel_rows(res, summary, lang) if r[1] is not None and r[2] is not None]
    if not rows:
        return None

    def notes(rate, printed):
        out = [] if rate is None else [_m("label.hte.rate", lang, v=numbers.plain(rate, lang))]
        if printed is not None:
            out.append(_m("label.hte.rate_printed", lang, v=numbers.plain(printed, lang)))
        return out
    return charts.funnel_chart([r[0] for r in rows], [r[1].value for r in rows], [r[2].value for r in rows],
                               [notes(r[3], r[4]) for r in rows], title=title,
                               names=(message("label.hte.applications", lang), message("label.hte.reported", lang)),
                               ylabel=message("label.hte.firms", lang))


# --- the change in candidates reported --------------------------------------------------------------

def reports_table(res, summary, lang: str) -> pd.DataFrame:
    """Candidates reported this year, the printed change, the previous year and the rate the
    change implies, the printed rate and whether the two agree."""
    p, d, f = res.printed, res.derived, res.flags
    n = _names(summary, res.province, lang)
    rows = [(n["city"], p["c_rep"], p["c_chg"], d["c_prev"], d["c_rt"], p["c_rt_pr"], f["c_rt_agrees"]),
            (n["province"], p["p_rep"], p["p_chg"], d["p_prev"], d["p_rt"], p["p_rt_pr"], f["p_rt_agrees"]),
            (_m("cell.hte.rest", lang, **n), d["r_rep"], None, d["r_prev"], d["r_rt"], None, None)]
    rows = [r for r in rows if r[1] is not None and r[3] is not None]
    cols = [_col("region", lang), _col("reported_year", lang, year=summary.year), _col("change_printed", lang),
            _col("prev_implied", lang), _col("rate_implied", lang), _col("rate_printed_change", lang),
            _col("check", lang)]
    return pd.DataFrame([[name, _value(rep), _change(chg, lang), round(prev.value), _change(rt, lang),
                          _change(pr, lang), _check(ok, lang)]
                         for name, rep, chg, prev, rt, pr, ok in rows], columns=cols)


# --- the R&D-expense finding ----------------------------------------------------------------------

def cause_table(res, lang: str) -> pd.DataFrame:
    """The firms the R&D-expense finding allows: the upper bound, and the reading that needs an
    assumption, with their bases and formulas."""
    d = res.derived
    upper = hte.ceiling(d["fail_b"], res.printed["rd_share"], d["rejected"])  # only a ceiling that limits
    rows = [("reading_upper", "base_all", res.printed["c_app"], upper),
            ("reading_assumption", "base_rejected", d["rejected"], d["fail_a"])]
    # a reading whose base is printed stays a row even when it sets no limit (review 14 M21: the
    # table is of both readings, as the prose gives both); one without its base is left out
    rows = [r for r in rows if r[2] is not None and (r[3] is not None or r[0] == "reading_upper")]
    if not any(r[3] is not None for r in rows):
        return pd.DataFrame()
    cols = [_col(k, lang) for k in ("reading", "base", "base_n", "formula", "firms")]
    return pd.DataFrame([[message(f"cell.hte.{reading}", lang), message(f"cell.hte.{base}", lang), base_n.value,
                          "" if value is None else numbers.formula_in(value.formula, lang),
                          message("cell.hte.no_limit", lang) if value is None else numbers.cell(value, lang)]
                         for reading, base, base_n, value in rows], columns=cols)  # 约864家, as the prose says it
