"""Targets as a reader sees them: the targets-against-levels table and chart (every section with
targets), the ledger of every target and its outcome, the margins chart, the policy parameters.
Headers, captions and the words in cells come from the catalogs (messages/*/targets.po for the
shared table, messages/*/ledger.po for section 9)."""
from __future__ import annotations

import pandas as pd

from helpers.calc import derive
from helpers.calc import targets as T
from helpers.calc.targets import TargetCheck, separate, word
from helpers.data.figures import Figure
from helpers.present import catalog, numbers, plots
from helpers.present.i18n import t
from helpers.present.marks import marker


def _word(level) -> str:
    """The bound word the document prints with a target of one figure (超过 -> '>')."""
    figs = [f for f in getattr(level, "figures", None) or getattr(level, "inputs", ()) or (level,)
            if isinstance(f, Figure)]
    return figs[0].bound_word if len(figs) == 1 else ""


def _parts(figures, lang: str) -> str:
    """Targets that count different things, one by one with their measure words: '20名；20个'."""
    return numbers.items([numbers.with_bound(numbers.plain(f, lang), f.qualifier, lang, f.bound_word)
                          for f in figures], lang)


def _msg(key: str, lang: str, **fields) -> str:
    text = catalog.message(key, lang)
    return text.format(**fields) if fields else text


COLUMNS = ("target", "period", "target_value", "baseline", "baseline_period", "baseline_value", "change",
           "change_pct", "pct_of_baseline", "comparability", "flag", "status", "note")
FULL = ("target", "period", "target_value", "baseline", "baseline_period", "baseline_value", "change",
        "change_pct", "comparability", "flag", "status", "note")
BRIEF = ("target", "target_value", "baseline", "baseline_period", "baseline_value", "change",
         "pct_of_baseline", "comparability", "flag", "note")
AMBITION = ("target", "period", "target_value", "baseline", "baseline_period", "baseline_value", "change",
            "change_pct", "comparability", "flag", "note")  # section 9: the verdicts are the ledger's


NONE = "—"  # a cell that does not apply (no baseline; no change between unlike measures)


def _cells(c: TargetCheck, lang: str) -> dict[str, str]:
    nr = NONE
    tgt, base, ch, chp, pct = c.target, c.baseline, c.change, c.change_pct, c.pct_of_baseline
    bkind = "" if c.baseline_kind in (None, "actual") else (
        f"（{t(c.baseline_kind, lang)}）" if lang == "zh" else f" ({t(c.baseline_kind, lang)})")
    return {
        "target": c.name(lang),
        "period": nr if c.period is None else numbers.year_text(c.period, c.year_assumed, lang),
        # a printed figure as the prose writes it: 1.9%, 2000家 (numbers.plain)
        "target_value": (numbers.cell(numbers.as_printed(tgt), lang) if _range(tgt)
                         else numbers.with_bound(numbers.plain(tgt, lang), c.qualifier, lang, _word(tgt))
                         ) if tgt else (  # a range keeps both ends
            _parts(c.targets, lang) if separate(c.targets) else nr),
        "baseline": c.baseline_name(lang) if base else word("no_baseline", lang),
        "baseline_period": f"{c.baseline_period}{bkind}" if base else nr,
        "baseline_value": numbers.cell(c.sides[1], lang) if base else nr,  # 约1010家, >38亿元 keep their bound
        # a change to a bound is itself a bound: ">+50" for a target of more than 2,000
        "change": signed(ch, lang) if ch else nr,
        "change_pct": signed(chp, lang) if chp else nr,
        "pct_of_baseline": numbers.cell(pct, lang) if pct else nr,
        "comparability": word(c.comparability, lang) if c.comparability else nr,
        "flag": word(c.flag, lang) if c.flag else "",
        "status": t(c.status, lang),
        "note": c.note_in(lang),
    }


def _range(x) -> bool:
    """A target printed as a range (1-2家), alone or as the one figure of a total."""
    x = numbers.as_printed(x)
    return isinstance(x, Figure) and x.bound_word == "range"


def signed(x, lang: str) -> str:
    """A change in a cell or on a bar, as the tables write it: its bound mark, its sign and no
    finer than its roughest input (>~+9% from 超过1100家 against 约1010家); in Chinese above and
    below the base alike in words (高0.25个百分点, 多超过50家, 低48.72%, 少19家), never + or -, and
    never as a rise that happened (增长)."""
    if lang == "zh":
        return numbers.direction(x, lang, words="target_gap")
    return numbers.mark(x, lang) + ("+" if x.value > 0 else "") + numbers.plain(x, lang)


def table(checks, lang: str = "en", columns=FULL) -> pd.DataFrame:
    """One row per target with the `columns` (of COLUMNS; FULL for the targets notebook, BRIEF
    for a section notebook): target, baseline, change needed, target as % of baseline,
    comparability, flag, attainment and the pairing note in `lang`; values as text,
    'not reported' where missing. Headers: catalog `column.targets.<column>`."""
    rows = [[cells[k] for k in columns] for cells in (_cells(c, lang) for c in checks)]
    return pd.DataFrame(rows, columns=[_msg(f"column.targets.{k}", lang) for k in columns])


def filled(df: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """The table without the columns that say nothing in any row (no target has a baseline in a
    plan-only year: its baseline columns would read 'not reported' all the way down)."""
    empty = {"", NONE, t("not_reported", lang), word("no_baseline", lang)}
    return df[[c for c in df.columns if not df[c].isin(empty).all()]]


def ambition_table(checks, lang: str = "en") -> pd.DataFrame:
    """Section 9's table of the targets set against the levels reached (AMBITION columns, the
    columns with nothing in them left out)."""
    return filled(table(checks, lang, AMBITION), lang)


def _gap_label(c: TargetCheck, lang: str, mark=lambda x: "") -> str:
    """A bar's label: the relative gap with the year of the level it is held against (较2018年高
    62.06%); for a target that is itself a rate, the gap in points too (较2019年高10%左右（即高0.19个
    百分点左右）), so a relative % is never read as points; a base the audit implies or an estimate is
    named so (较2019年推算值, 较2021年预计数), and one known from a later document is marked as the text
    marks it (`mark`: helpers.present.marks)."""
    rate = c.unit == "percent" and c.change is not None
    level = c.sides[1]  # the kind goes with the base, not the gap: 较2021年预计数高2.56%以上
    kind = "implied" if isinstance(level, derive.Derived) else getattr(level, "kind", "")
    base = _msg(f"chart.targets.base.{kind}", lang) if kind in ("implied", "estimate") else ""
    return _msg("chart.targets.gap.rate" if rate else "chart.targets.gap", lang, year=c.baseline_period, base=base,
                gap=signed(c.change_pct, lang), pp=signed(c.change, lang) if rate else "") + mark(level)


def pct_chart(checks, summary, *, title: str, lang: str = "en", xlabel: str = ""):
    """Each target against its baseline as diverging bars of the change needed (target as % of the
    baseline minus 100: 0 = the level already reached, drawn as a line); targets asking for less than
    the baseline are highlighted. Targets without a baseline are left out; None when none has one."""
    have = [c for c in checks if c.change_pct is not None]
    if not have:
        return None
    labels = [_msg("chart.targets.assumed", lang, name=c.name(lang)) if c.year_assumed else c.name(lang)
              for c in have]
    mark = marker(summary, lang)  # once for the chart: the selection's readings and disputed figures
    values = [round(c.change_pct.value, 2) for c in have]
    below = [label for label, c in zip(labels, have) if c.change_pct.value < 0]
    fig = plots.hbar(labels, values, title=title, xlabel=xlabel, highlight=below,
                     value_labels=[_gap_label(c, lang, mark) for c in have])
    ax = fig.axes[0]
    ax.axvline(0, color=plots.TEXT_COLOR, linewidth=1.2)
    lo, hi = ax.get_xlim()
    span = max(values + [0]) - min(values + [0]) or 1.0
    ax.set_xlim(lo - 0.12 * span if min(values + [0]) < 0 else lo, hi)  # room for the left labels
    return fig


# --- the ledger ---------------------------------------------------------------------------------

LEDGER_COLUMNS = ("document", "target", "period", "target_value", "as_of", "now", "outcome", "measure",
                  "known_from", "margin", "why")


def _entries(tracked_or_entries, summary) -> list[T.Entry]:
    items = list(tracked_or_entries)
    if items and isinstance(items[0], T.Tracked):
        return T.ledger(summary, items)
    return items


def why(x: T.Tracked, lang: str) -> str:
    """Why a verdict is pending or unverifiable, or the note on a related measure, in `lang`."""
    if x.reason:
        return _msg(f"cell.ledger.why.{x.reason}", lang, year=x.period, published=x.published)
    return (x.note_zh or x.note) if lang == "zh" else (x.note or x.note_zh)


def _outcome(out, lang: str) -> str:
    if out is None:
        return ""
    return numbers.cell(out, lang)


def _margin(m, lang: str) -> str:
    """Above or below the target: '+CNY 50 m' / '超出0.5亿元', '~-CNY 876 m' / '低于目标约8.76亿元'."""
    if m is None:
        return ""
    side = "up" if m.value > 0 else "down" if m.value < 0 else "flat"
    if lang != "zh":  # the table's mark before the sign, as every English cell writes it: ~-CNY 876 m
        return numbers.mark(m, lang) + _msg(f"cell.ledger.margin.{side}", lang, v=numbers.plain(m, lang, abs(m.value)))
    size = numbers.bounded(m, numbers.plain(m, lang, abs(m.value)), lang, size=True)  # 低于目标约5%, as en's ~-5%
    return _msg(f"cell.ledger.margin.{side}", lang, v=size)


def _margin_pct(m, lang: str) -> str:
    """A margin in % of the target on a bar: '+2.5%' / '超出2.5%', '-8.0%' / '低于目标8%'."""
    return _margin(m, lang) if lang == "zh" else signed(m, lang)


def _bar_label(e, lang: str) -> str:
    """A bar's label: the margin in % of the target, the axis's measure; for a target that is itself
    a rate, followed by the gap in points (低于目标约5%（即低0.09个百分点左右）), as the targets chart
    and the text give it, so that "below by 5%" is never read as points (review 18)."""
    margin = _margin_pct(e.now.margin_pct, lang)
    if e.target.unit == "percent" and e.now.margin is not None:
        return _msg("chart.ledger.margins.pp", lang, margin=margin, pp=signed(e.now.margin, lang))
    return margin


def track_table(tracked, summary, lang: str = "en") -> pd.DataFrame:
    """One row per target of the ledger (targets.ledger entries, or the Tracked they are made of):
    where it was set, its value, the verdict the selection's documents allow and the verdict now
    known, the outcome, how it is measured and the document it is known from (labelled when that
    document is later than the selection), the margin, and why a verdict is open."""
    rows = []
    for e in _entries(tracked, summary):
        x = e.now
        known = ""
        if e.source:
            when = T.published_words(summary.dataset, e.source, e.source_year)[1 if lang == "zh" else 0]
            known = _msg("cell.ledger.later" if e.later else "cell.ledger.known", lang,
                         doc=summary.source_title(e.source), year=e.source_year, when=when)
        note = why(x, lang)
        if e.later and e.as_of.reason:  # open in the selection's documents, decided by a later one
            note = _msg("cell.ledger.as_of", lang, why=why(e.as_of, lang))
        rows.append([
            summary.source_title(e.target.source), e.target.name(lang),
            numbers.year(e.target, lang), numbers.cell(e.target, lang),
            *(catalog.word(v.status, lang) + ("" if e.reading_decides or v.status != x.status else
                                               _msg("cell.ledger.reading", lang)) for v in (e.as_of, x)),
            _outcome(x.outcome, lang),
            _msg(f"cell.ledger.measure.{x.measure}", lang) if x.measure else "", known, _margin(x.margin, lang),
            note])
    return pd.DataFrame(rows, columns=[_msg(f"column.ledger.{k}", lang) for k in LEDGER_COLUMNS])


def margin_chart(tracked, summary=None, *, title: str, lang: str = "en", xlabel: str = ""):
    """The targets whose outcome is now known: how far the outcome lies above (met) or below (missed)
    the target, in % of the target; an outcome known only from a later document says so. None when
    no outcome is known."""
    # a verdict the other reading of its year does not share is no bar: its sentences say both
    have = [e for e in _entries(tracked, summary) if e.decided and e.now.margin_pct is not None and e.reading_decides]
    if not have:
        return None
    mark = marker(summary, lang) if summary is not None else (lambda x: "")

    def marks(e) -> str:  # an implied outcome and an assumed year say so, as the ledger's cells do
        return ((_msg("chart.outcome.implied", lang) if e.now.measure == "implied" else "")
                + (_msg("chart.year.assumed", lang) if e.target.year_assumed else ""))

    labels = [_msg("chart.ledger.margins.later" if e.later else "chart.ledger.margins.label", lang,
                   name=e.target.name(lang), year=e.period, marks=marks(e)) + mark(e.target) for e in have]  # 1700（解读）
    values = [round(e.now.margin_pct.value, 2) for e in have]
    fig = plots.hbar(labels, values, title=title, xlabel=xlabel,
                     value_labels=[_bar_label(e, lang) for e in have],
                     highlight=[lab for lab, e in zip(labels, have) if e.now.status == "missed"])
    fig.axes[0].axvline(0, color=plots.TEXT_COLOR, linewidth=1.2)
    return fig


def policy_table(figures, lang: str = "en") -> pd.DataFrame:
    """The plan's policy parameters: name, year, value as printed, qualifier, quote."""
    cols = ("parameter", "period", "value", "qualifier", "quote")
    rows = [[f.name(lang), numbers.year(f, lang), numbers.cell(f, lang), t(f.qualifier, lang), f.quote] for f in figures]
    return pd.DataFrame(rows, columns=[_msg(f"column.ledger.{k}", lang) for k in cols])
