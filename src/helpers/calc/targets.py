"""The single home of targets against baselines: the next year's targets against the levels
already reached, and their attainment once the data hold outcomes for the target year.

data/target_baselines.csv (validated by helpers.data.load into `dataset.tables["target_baselines"]`)
pairs each target with its baseline: `target` and `baseline` are indicator ids or sums of them
("a+b"), `comparability` is `same` or `related`, `note` / `note_zh` say why in English / Chinese.
A target is the `kind == "target"` row of the summary; its baseline is the latest `actual` (or
`estimate`) of the baseline indicator before the target's period (2022 target -> 2021 estimate).
Attainment looks for an `actual` row of the target indicator and period in any source of the
data (e.g. a later summary): met / missed when there is one, pending when there is none.

Section notebooks use `check_targets(summary, section=...)` and `table(checks, lang, BRIEF)`;
`comparability(summary, target, lang)` gives a pairing's comparability and note.
"""
from __future__ import annotations

import weakref
from dataclasses import dataclass, field, replace

import pandas as pd

from helpers.calc import audit, derive
from helpers.calc.derive import Derived
from helpers.data.figures import Figure, by_indicator, per_summary
from helpers.data.units import format_value

PAIR_TABLE = "target_baselines"
PAIR_COLUMNS = ("target", "baseline", "comparability", "note", "note_zh")
COMPARABILITY = ("same", "related")
BASELINE_KINDS = ("actual", "estimate")
STATUSES = ("met", "missed", "pending")
APPROX_TOLERANCE_PCT = 5.0  # "15项左右": counts as met within 5% below the target

WORDS = {
    "same": ("same measure", "口径相同"),
    "related": ("related measure", "口径相近但不同"),
    "below": ("below the latest known level", "低于最近水平"),
    "below_related": ("below the latest level of a related measure", "低于相关口径的最近水平"),
    "equal": ("no increase on the latest known level", "与最近水平持平"),
    "no_baseline": ("no baseline in the data", "数据中无基数"),  # neither printed nor implied
}


def word(key: str, lang: str = "en") -> str:
    return WORDS[key][1 if lang == "zh" else 0]


# --- the pairing table ------------------------------------------------------------------------

def split_expr(expr: str) -> tuple[str, ...]:
    """'city_key_lab_new+city_engineering_center_new' -> the two ids; ' a + b ' -> ('a', 'b');
    'hte_count' -> ('hte_count',). An empty part raises ValueError."""
    parts = tuple(p.strip() for p in str(expr).split("+"))
    if not all(parts):
        raise ValueError(f"bad indicator sum {expr!r}")
    return parts


def section_of(summary, expr: str) -> str | None:
    """The catalog section of an expression's first indicator (None if not catalogued)."""
    sections = by_indicator(summary.dataset.catalog)["section"]
    first = split_expr(expr)[0]
    return str(sections[first]) if first in sections.index else None


def pairing_table(summary, section: str | None = None) -> pd.DataFrame:
    """The validated target_baselines table of the summary's dataset, in file order (with its
    `line` column); only the targets of one catalog section with `section`. Empty (same columns)
    when the data have no target_baselines.csv."""
    df = summary.dataset.tables.get(PAIR_TABLE)
    if df is None:
        return pd.DataFrame(columns=["source", *PAIR_COLUMNS, "line"])
    own = getattr(summary, "own", [summary.source["source"]])
    df = df[df["source"].isin(own)]  # a pairing belongs to the document that sets the target
    if section is not None:
        df = df[[section_of(summary, t) == section for t in df["target"]]]
    return df.reset_index(drop=True)


def pairing(summary, target: str) -> dict | None:
    """The pairing-table row of a target expression as a dict, None if it has none."""
    df = pairing_table(summary)
    hit = df[df["target"] == target]
    return None if hit.empty else hit.iloc[0].to_dict()


def note_text(row, lang: str = "en") -> str:
    """A pairing's note in `lang`: note_zh in Chinese (the English note if note_zh is empty)."""
    get = row.get if isinstance(row, dict) else (lambda k, d="": getattr(row, k, d))
    en, zh = get("note", "") or "", get("note_zh", "") or ""
    en, zh = ("" if pd.isna(en) else str(en)), ("" if pd.isna(zh) else str(zh))
    return (zh or en) if lang == "zh" else en


def comparability(summary, target: str, lang: str = "en") -> tuple[str, str] | None:
    """(comparability, note in `lang`) for a target expression, None if the pairing table has
    none: ('related', 'City-level basic R&D platforms (target) against ...')."""
    row = pairing(summary, target)
    return None if row is None else (row["comparability"], note_text(row, lang))


def expr_name(summary, expr: str, lang: str = "en") -> str:
    """Catalog names of an expression's parts, joined by ' + '."""
    cat = by_indicator(getattr(summary, "catalog", summary.dataset.catalog))
    col = "name_zh" if lang == "zh" else "name_en"
    return " + ".join(str(cat.loc[p, col]) for p in split_expr(expr))


# --- an expression's level: a figure or a sum of figures of one period --------------------------

@dataclass(frozen=True)
class Level:
    """A figure or a sum of figures ("a+b") of one period, as a target or a baseline."""
    expr: str
    value: float
    unit: str
    period: int
    kind: str            # 'target', 'actual', 'estimate' (the least certain kind among the parts)
    qualifier: str       # the parts' qualifier if they share one, else 'approx'
    figures: tuple

    @property
    def formula(self) -> str:
        return " + ".join(f"{f.value:g}" for f in self.figures)


def _level(expr: str, figures: list[Figure]) -> Level:
    try:
        derive.check_addable(figures)
    except ValueError as e:
        raise ValueError(f"{expr!r}: {e}") from None
    units = {f.unit for f in figures}
    if len(units) != 1:
        raise ValueError(f"{expr!r} adds figures of different units: {', '.join(sorted(units))}")
    kinds = [f.kind for f in figures]
    kind = "target" if "target" in kinds else ("estimate" if "estimate" in kinds else "actual")
    quals = {f.qualifier for f in figures}
    return Level(expr, sum(f.value for f in figures), units.pop(), figures[0].period, kind,
                 quals.pop() if len(quals) == 1 else "approx", tuple(figures))


def resolve_level(summary, expr: str, *, target: bool, before: int | None = None,
                  region: str | None = None, kinds: tuple[str, ...] | None = None) -> Level | None:
    """The value of `expr` in this summary: its target (target=True) or its latest reported level.

    Targets: the earliest period in which every part has a target row. Levels: the latest period
    before `before` in which every part is reported, an actual preferred to an estimate
    (`kinds=("actual",)` for the latest actual only). None when some part is not reported.
    """
    parts = split_expr(expr)
    rows = _rows(summary) if target else summary.rows
    rows = rows[rows["region"] == (region or summary.city)]
    kinds = ("target",) if target else tuple(kinds or BASELINE_KINDS)
    periods = None
    for ind in parts:
        r = rows[(rows["indicator"] == ind) & rows["kind"].isin(kinds)]
        if before is not None:
            r = r[r["period"] < int(before)]
        p = {int(x) for x in r["period"]}
        periods = p if periods is None else periods & p
    if not periods:
        return None
    period = min(periods) if target else max(periods)
    figs = []
    for ind in parts:
        fig = None
        for kind in kinds:
            fig = summary.get(ind, region, period, kind)
            if fig is not None:
                break
        if fig is None:
            return None
        figs.append(fig)
    return _level(expr, figs)


def level_text(level, lang: str = "en") -> str:
    """A Level (or a Derived sum of Figures) as text: '≥2,000' / '≥2000' for one figure as printed;
    a sum shows its parts, '49 (20 + 29)'; None -> 'not reported'."""
    if level is None:
        return format_value(None, "count", lang)
    figs = level.figures if isinstance(level, Level) else tuple(
        f for f in level.inputs if isinstance(f, Figure))
    if len(figs) == 1:
        return figs[0].formatted(lang)
    return f"{format_value(level.value, level.unit, lang)} ({level.formula})"


# --- sums, changes, attainment --------------------------------------------------------------------

def total(figures) -> Derived | None:
    """The sum of figures in one unit (money converted to the first one's); None if any is missing
    or the parts count different things (20名 talents and 20个 teams: `separate`).
    A single figure gives its own value: 20 + 29 = 49."""
    figures = list(figures)
    return derive.total(*figures, label="total") if figures and not separate(figures) else None


def separate(figures) -> bool:
    """True when several figures are all present but cannot be added (different measure words)."""
    figures = list(figures)
    return all(f is not None for f in figures) and len(derive.measure_words(figures)) > 1


def change_needed(target, baseline) -> Derived | None:
    """Absolute change from the baseline to the target, in the target's unit (percentage points for
    rates): 2000 - 1950 = 50 firms; 2.2 - 1.95 = 0.25 pp."""
    unit = None if target is None else ("pp" if target.unit == "percent" else target.unit)
    return derive.difference(target, baseline, unit=unit, label="change_needed")


def change_needed_pct(target, baseline) -> Derived | None:
    """Relative change from the baseline to the target: (2000 / 1950 - 1) × 100 = 2.56%."""
    return derive.change_pct(target, baseline, label="change_needed_pct")


def pct_of_baseline(target, baseline) -> Derived | None:
    """The target as a percentage of its baseline: 2000 / 1950 × 100 = 102.56%."""
    return derive.share_pct(target, baseline, label="pct_of_baseline")


# the other reading of an undated target of a lagged statistic (Figure.year_assumed): the figure
# published in the plan's year, of the year before (statements.TARGET_YEAR_ASSUMED is the first)
TARGET_YEAR_PREVIOUS = "target_year_previous"


def attainment(target_value: float | None, qualifier: str, actual_value: float | None) -> str:
    """met / missed / pending. at_least and exact targets are met by reaching them (≥; 力争达到 is a
    floor), at_most by staying at or under (≤), approx within APPROX_TOLERANCE_PCT below the target."""
    if target_value is None or actual_value is None:
        return "pending"
    if qualifier == "at_most":
        ok = actual_value <= target_value
    elif qualifier == "approx":
        ok = actual_value >= target_value * (1 - APPROX_TOLERANCE_PCT / 100)
    else:  # at_least, exact
        ok = actual_value >= target_value
    return "met" if ok else "missed"


def below_level(target, baseline, comparability: str) -> str | None:
    """'below' / 'below_related' when the target asks for less than was already reached,
    'equal' when for the same, None otherwise (or when a side is missing)."""
    if target is None or baseline is None:
        return None
    if target.value < baseline.value:
        return "below" if comparability == "same" else "below_related"
    if target.value == baseline.value:
        return "equal"
    return None


# --- finding the figures --------------------------------------------------------------------------

def _rows(summary) -> pd.DataFrame:
    """The targets a selection sets are those its own documents print (a 2019 plan's targets are
    not the 2021 summary's)."""
    own = getattr(summary, "own_rows", None)
    return own() if own is not None else summary.rows


def target_figure(summary, indicator: str, region: str | None = None) -> Figure | None:
    """The summary's target row for an indicator (the earliest period if several)."""
    r = _rows(summary)
    r = r[(r["indicator"] == indicator) & (r["region"] == (region or summary.city)) & (r["kind"] == "target")]
    if r.empty:
        return None
    return summary.get(indicator, region or summary.city, int(r["period"].min()), "target")


def baseline_figure(summary, indicator: str, before: int, region: str | None = None) -> Figure | Derived | None:
    """The latest level of an indicator before period `before` that the data hold, by one search
    for every target: an actual or estimate the selection's documents print (an actual wins a
    tie), else one a later year's document prints (labelled later wherever it is stated:
    Summary.later); and a level no document prints but the audit implies from printed ones
    (relations.csv `implies`: 1.95 - 0.14 for 2019's R&D intensity) when it is later than the
    printed one or there is none. An implied level is written as implied, with its formula."""
    region = region or summary.city
    printed = _printed_level(summary, indicator, before, region)
    levels = [d for (ind, reg, period), d in implied_levels(summary).items()
              if ind == indicator and reg == region and period < before and d.stands_for.kind in BASELINE_KINDS]
    implied = max(levels, key=lambda d: d.period, default=None)
    if implied is not None and (printed is None or implied.period > printed.period):
        return implied
    return printed


def _printed_level(summary, indicator: str, before: int, region: str) -> Figure | None:
    r = summary.rows
    r = r[(r["indicator"] == indicator) & (r["region"] == region)
          & (r["kind"].isin(BASELINE_KINDS)) & (r["period"] < before)]
    if r.empty:
        known = getattr(summary, "known_later", None)
        return None if known is None else known(indicator, region, before, BASELINE_KINDS)
    period = int(r["period"].max())
    for kind in BASELINE_KINDS:
        f = summary.get(indicator, region, period, kind)
        if f is not None:
            return f
    return None


@per_summary
def implied_levels(summary) -> dict[tuple, Derived]:
    """Levels no document prints that the audit implies, by (indicator, region, period): the
    selection's own, then those the city's later selections imply (what is known now, labelled
    later through the documents of the figures behind them); none the audit finds implausible."""
    out = dict(audit.implied_by_figure(summary, audit.implied_figures(summary)))
    for year, levels in _implied_by_year(summary.dataset, summary.city).items():
        if year > summary.year:
            for key, d in levels.items():
                out.setdefault(key, d)
    return {k: d for k, d in out.items() if not d.flag}


_IMPLIED: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _implied_by_year(dataset, city: str) -> dict[int, dict[tuple, Derived]]:
    """Each selection of the city's implied levels, by its year (once per dataset and city)."""
    cached = _IMPLIED.setdefault(dataset, {})
    if city not in cached:
        cached[city] = {s.year: audit.implied_by_figure(s, audit.implied_figures(s))
                        for s in city_selections(dataset, city)}
    return cached[city]


# --- one row per target ---------------------------------------------------------------------------

@dataclass(frozen=True)
class TargetCheck:
    target_expr: str
    baseline_expr: str | None
    comparability: str | None
    note: str
    targets: tuple            # Figure or None per target indicator
    baselines: tuple          # Figure or None per baseline indicator
    target: Derived | None    # sum of the targets
    baseline: Derived | None  # sum of the baselines
    actuals: tuple = field(default=())
    actual: Derived | None = None
    note_zh: str = ""
    year_assumed: bool = False  # a target whose year is read, not printed (Figure.year_assumed)

    @property
    def period(self) -> int | None:
        ps = [f.period for f in self.targets if f is not None]
        return max(ps) if ps else None

    @property
    def baseline_period(self) -> int | None:
        ps = [f.period for f in self.baselines if f is not None]
        return max(ps) if ps else None

    @property
    def baseline_kind(self) -> str | None:
        ks = sorted({f.kind for f in self.baselines if f is not None})
        return "/".join(ks) if ks else None

    @property
    def qualifier(self) -> str:
        qs = {f.qualifier for f in self.targets if f is not None}
        if "at_least" in qs:
            return "at_least"
        return qs.pop() if len(qs) == 1 else "exact"

    @property
    def unit(self) -> str | None:
        return self.target.unit if self.target is not None else None

    @property
    def alike(self) -> bool:
        """The baseline measures what the target measures: only then is there a change to state
        (a related measure, 成交额 for 登记额 or applications for registrations, is not compared)."""
        return self.comparability == "same"

    @property
    def sides(self) -> tuple:
        """(target, baseline) as the figures they are (one printed figure keeps its bound: a
        target of 超过2000家 is a floor), or their sums."""
        t = self.targets[0] if len(self.targets) == 1 else self.target
        b = self.baselines[0] if len(self.baselines) == 1 else self.baseline
        return t, b

    @property
    def measurable(self) -> bool:
        """A change to state: like measures, and a bound on the change (a floor target against a
        level that is itself a floor, more than CNY 4.5 bn against more than CNY 3.8 bn, has none)."""
        from helpers.calc.statements import bound_known
        t, b = self.sides
        return self.alike and t is not None and b is not None and bound_known(t, b)

    def _bounded(self, d: Derived | None) -> Derived | None:
        """A value computed from the target and its baseline, with the bound they give it."""
        from helpers.calc.statements import bounded
        return bounded(d, *self.sides) if self.measurable else None

    @property
    def change(self) -> Derived | None:
        """target - baseline in the target's unit (pp for rates): 2000 - 1950 = 50 (a floor when
        the target is one: more than 50)."""
        return self._bounded(change_needed(self.target, self.baseline))

    gap = change  # the name the section notebooks use

    @property
    def change_pct(self) -> Derived | None:
        return self._bounded(change_needed_pct(self.target, self.baseline))

    @property
    def pct_of_baseline(self) -> Derived | None:
        return self._bounded(pct_of_baseline(self.target, self.baseline))

    ratio_pct = pct_of_baseline  # target / baseline × 100

    @property
    def flag(self) -> str | None:
        return below_level(self.target, self.baseline, "same") if self.measurable else None

    @property
    def below_baseline(self) -> bool | None:
        """True when the target is lower than the level already reached (None if a side is missing)."""
        if not self.measurable:
            return None
        return self.target.value < self.baseline.value

    @property
    def status(self) -> str:
        return attainment(None if self.target is None else self.target.value, self.qualifier,
                          None if self.actual is None else self.actual.value)

    def name(self, lang: str = "en") -> str:
        names = [f.name(lang) for f in self.targets if f is not None]
        return " + ".join(names) if names else self.target_expr

    def baseline_name(self, lang: str = "en") -> str:
        names = [f.name(lang) for f in self.baselines if f is not None]
        return " + ".join(names) if names else (self.baseline_expr or "")

    def note_in(self, lang: str = "en") -> str:
        """The pairing note in `lang` (note_zh for zh, the English note if it is empty)."""
        return note_text({"note": self.note, "note_zh": self.note_zh}, lang)

    def target_text(self, lang: str = "en") -> str:
        return level_text(self.target, lang)

    def baseline_text(self, lang: str = "en") -> str:
        return level_text(self.baseline, lang)

    @property
    def figures(self) -> list:
        return [f for f in (*self.targets, *self.baselines, *self.actuals) if f is not None]


def check_targets(summary, pairs: pd.DataFrame | None = None, region: str | None = None,
                  section: str | None = None) -> list[TargetCheck]:
    """Every target of the summary with its baseline, change needed and attainment.

    `pairs` defaults to the dataset's pairing table (pairing_table). Targets paired there come
    first, in the file's order; target rows no pair covers follow, in indicators.csv order,
    against the latest earlier level of the same indicator (none if the data hold none). Pairs
    whose targets the summary does not hold are skipped. `section` keeps the targets whose
    (first) indicator belongs to that catalog section.
    """
    region = region or summary.city
    pairs = pairing_table(summary) if pairs is None else pairs
    out, covered = [], set()
    for p in pairs.to_dict("records"):
        t_ids = split_expr(p["target"])
        covered.update(t_ids)
        if section is not None and section_of(summary, p["target"]) != section:
            continue
        targets = tuple(target_figure(summary, i, region) for i in t_ids)
        if all(f is None for f in targets):
            continue
        period = max(f.period for f in targets if f is not None)
        baselines = tuple(baseline_figure(summary, i, period, region) for i in split_expr(p["baseline"]))
        note = note_text(p, "en")
        out.append(_with_actual(summary, TargetCheck(
            p["target"], p["baseline"], p["comparability"], note, targets, baselines,
            total(targets), total(baselines), note_zh=note_text(p, "zh")), region))
    r = _rows(summary)
    rest = r[(r["kind"] == "target") & (r["region"] == region) & (~r["indicator"].isin(covered))]
    for row in rest.itertuples(index=False):
        if section is not None and section_of(summary, row.indicator) != section:
            continue
        f = summary.get(row.indicator, region, int(row.period), "target")
        base = baseline_figure(summary, row.indicator, int(row.period), region)  # the same measure, earlier
        out.append(_with_actual(summary, TargetCheck(
            row.indicator, row.indicator if base else None, "same" if base else None, "", (f,),
            (base,) if base else (), total([f]), total([base]) if base else None), region))
    return out


def _with_actual(summary, check: TargetCheck, region: str) -> TargetCheck:
    actuals = tuple(summary.get(f.indicator, region, f.period, "actual") if f is not None else None
                    for f in check.targets)
    return replace(check, actuals=actuals, actual=total(actuals),
                   year_assumed=any(f is not None and f.year_assumed for f in check.targets))


def policy_figures(summary, region: str | None = None) -> list[Figure]:
    """The policy parameters (kind == "policy") of the selection's own plan, in indicators.csv order."""
    return [f for f in summary.figures(kind="policy", own=True) if region is None or f.region == region]


def counts(checks) -> dict[str, int]:
    """How many targets are met, missed, pending, flagged as below the level reached."""
    out = {s: sum(c.status == s for c in checks) for s in STATUSES}
    out["below"] = sum(c.flag in ("below", "below_related") for c in checks)
    out["equal"] = sum(c.flag == "equal" for c in checks)
    out["total"] = len(checks)
    return out


# --- every target followed to its outcome -------------------------------------------------------

VERDICTS = ("met", "missed", "pending", "unverifiable")


@dataclass(frozen=True)
class Tracked:
    """One target of any document of the selection, and what became of it."""
    target: Figure
    outcome: Figure | Derived | None
    measure: str                 # how the outcome measures the target: same | related | implied
    status: str                  # met | missed | pending | unverifiable
    margin: Derived | None       # outcome - target (percentage points for rates)
    margin_pct: Derived | None   # (outcome / target - 1) × 100
    lag: int                     # years after the target year the outcome is first published
    reason: str                  # why pending or unverifiable: 'year_open' | 'lag' | 'no_outcome' |
    #                              'published_later' (only in a document out after the leading one) | ''
    note: str = ""
    note_zh: str = ""

    @property
    def period(self) -> int:
        return self.target.period

    @property
    def published(self) -> int:
        return self.target.period + self.lag


def lag_of(summary, indicator: str) -> int:
    """Years after the year it describes that a figure is published (data/publication_lags.csv)."""
    return int(by_indicator(summary.catalog).loc[indicator, "lag_years"])  # figures.named_catalog


def _related_outcome(summary, target: Figure) -> tuple[Derived | None, str, str]:
    """The outcome through the related measure the target's document pairs it with."""
    df = summary.dataset.tables.get(PAIR_TABLE)
    if df is None:
        return None, "", ""
    hit = df[(df["source"] == target.source) & (df["comparability"] == "related")
             & df["target"].map(lambda e: target.indicator in split_expr(e))]
    if hit.empty or len(split_expr(hit.iloc[0]["target"])) > 1:
        return None, "", ""
    row = hit.iloc[0]
    parts = [summary.get(i, target.region, target.period, "actual") for i in split_expr(row["baseline"])]
    return total(parts), note_text(row, "en"), note_text(row, "zh")


def track(summary, target: Figure, implied: dict | None = None) -> Tracked:
    """A target's verdict: met or missed when an outcome for its year is in the data (the same
    indicator, else a figure the audit implies for it; a related measure its document pairs it
    with only adds the pairing's note, since unlike measures decide nothing:
    `implied` is audit.implied_by_figure's map, or None);
    pending while the year is not over in the data or its statistics are not yet published;
    unverifiable when they should be out but no document of the selection holds them."""
    lag = lag_of(summary, target.indicator)
    outcome, measure, note, note_zh = summary.get(target.indicator, target.region, target.period, "actual"), "same", "", ""
    if outcome is None:  # a related measure (turnover for registered value) is noted, never a verdict
        _, note, note_zh = _related_outcome(summary, target)
    if outcome is None and implied is not None:
        outcome, measure = implied.get((target.indicator, target.region, target.period)), "implied"
    if outcome is None:
        # a plan's own year is open when the plan comes out: its targets wait for a later document;
        # a lagged statistic's wait is its publication, the later of the two (2024's R&D comes out in 2025)
        opened = target.period > summary.year or (target.period == summary.year and summary.plan_led)
        reason = ("lag" if lag and target.period + lag > summary.year else "year_open" if opened
                  else "no_outcome")
        status = "unverifiable" if reason == "no_outcome" else "pending"
        return Tracked(target, None, "", status, None, None, lag, reason, note, note_zh)
    status, margin, margin_pct = verdict_on(target, outcome)
    return Tracked(target, outcome, measure, status, margin, margin_pct, lag, "", note, note_zh)


def verdict_on(target: Figure, outcome) -> tuple[str, Derived, Derived]:
    """A target held against an outcome of its year: met or missed, by how much (in points for a
    rate) and by what share of the target. The one place a verdict and its margin are computed."""
    status = attainment(target.value, target.qualifier, outcome.value)
    unit = "pp" if target.unit == "percent" else target.unit
    margin = derive.difference(outcome, target, unit=unit, label="margin")
    return status, margin, derive.change_pct(outcome, target, label="margin_pct")


def track_record(summary, implied: dict | None = None) -> list[Tracked]:
    """Every target that a document of the selection sets for the city, in order of year and of
    the data files, each followed to its outcome."""
    rows = summary.rows
    rows = rows[(rows["kind"] == "target") & (rows["region"] == summary.city)]
    rows = rows.sort_values(["period", "line"], kind="stable")
    by_figure = None if implied is None else audit.implied_by_figure(summary, implied)
    return [track(summary, summary.get(r.indicator, r.region, int(r.period), "target"), by_figure)
            for r in rows.itertuples()]


def verdict_counts(tracked: list[Tracked]) -> dict[str, int]:
    """How many targets are met, missed, pending, unverifiable."""
    return {v: sum(x.status == v for x in tracked) for v in VERDICTS}


@dataclass(frozen=True)
class ClaimCheck:
    """The document's own claim that its targets were met, against what the data hold."""
    claim: pd.Series | None      # the verdicts.csv row (claim 'targets_met'), None if not made
    tracked: tuple               # targets of the claim's year that the data can follow
    status: str                  # 'unverifiable' when no target of that year has an outcome


def targets_met_claim(summary, tracked: list[Tracked]) -> ClaimCheck:
    """The summary's "targets met" claim (verdicts.csv, claim targets_met) and the targets of the
    year it reviews that the data hold, with outcomes: the claim is checkable only through them.
    Those targets were set before the claim, by another document (a plan): a target the claiming
    document sets itself for the year it reviews (an R&D target a year behind, in its plan for next
    year) is not what it says was met."""
    verdicts = summary.table("verdicts")
    claim = None if verdicts.empty else verdicts[verdicts["claim"] == "targets_met"]
    claim = None if claim is None or claim.empty else claim.iloc[0]
    claimant = None if claim is None else claim.get("source", summary.source["source"])
    mine = tuple(x for x in tracked if x.period == summary.year and x.target.source != claimant)
    followed = [x for x in mine if x.status in ("met", "missed")]
    if claim is None:
        status = "not_made"
    elif not followed:
        status = "unverifiable"
    else:
        status = "consistent" if all(x.status == "met" for x in followed) else "inconsistent"
    return ClaimCheck(claim, mine, status)


# --- one ledger: each target's verdict as of the selection and as now known -----------------------

MEASURE_RANK = {"same": 0, "related": 1, "implied": 2}
DECIDED = ("met", "missed")
_NOW: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


@dataclass(frozen=True)
class Entry:
    """One target in the ledger.

    `as_of` is its verdict from the selection's own documents (and the earlier ones it draws on);
    `now` the verdict known from every document in the data, the same in every report that shows
    the target; `source` the document that outcome comes from ('' when none gives it), of year
    `source_year`; `later` says that document is of a later year than the selection, so its figure
    may appear in the selection's report only labelled as later. `latest` is the year of the latest
    document about the city in the data (a pending verdict now waits on what comes after it)."""
    target: Figure
    as_of: Tracked
    now: Tracked
    source: str = ""
    source_year: int | None = None
    later: bool = False
    latest: int = 0
    other: OtherReading | None = None  # an undated lagged target read as the year before

    @property
    def period(self) -> int:
        return self.target.period

    @property
    def reading_decides(self) -> bool:
        """Does the verdict hold whichever year the target is read as? Not when its year is
        assumed and the other reading gives another verdict (missed as the plan's year, cannot be
        checked as the year before): then every verdict said of it says on which reading."""
        return self.other is None or self.other.status == self.now.status

    @property
    def decided(self) -> bool:
        """The outcome is known now (met or missed)."""
        return self.now.status in DECIDED


def _key(x: Tracked) -> tuple:
    return (x.target.indicator, x.target.region, x.target.period)


@dataclass(frozen=True)
class OtherReading:
    """An undated target of a lagged statistic read the other way (review 12): as the figure
    published in the plan's year, which is of the year before (`target` is it read so, with no
    second assumption); its verdict on the level the data hold for that year (printed or implied,
    from any document), or pending / unverifiable when they hold none."""
    target: Figure
    level: object | None
    status: str
    margin: Derived | None
    published: int


def other_reading(summary, target: Figure) -> OtherReading:
    """The target read as the statistic published in its plan's year (that of the year before)."""
    year_before = target.period - lag_of(summary, target.indicator)  # published in target.period
    alt = replace(target, period=year_before, lag_years=0)
    level = baseline_figure(summary, target.indicator, year_before + 1, target.region)
    stands = getattr(level, "stands_for", None)  # an implied level is of the kind it stands for
    kind = stands.kind if stands is not None else getattr(level, "kind", None)
    if level is None or level.period != year_before or kind != "actual":
        # its statistics are not out when the selection's documents are, or no document holds them
        return OtherReading(alt, None, "pending" if target.period > summary.year else "unverifiable", None,
                            target.period)
    status, margin, _ = verdict_on(alt, level)
    return OtherReading(alt, level, status, margin, target.period)


def _years(dataset) -> dict[str, int]:
    return {str(r.source): int(r.year) for r in dataset.sources.itertuples()}


def outcome_document(dataset, x: Tracked) -> tuple[str, int | None]:
    """The document an outcome is known from: the latest (by year) of the documents its figures
    come from, so an outcome implied from figures of two documents is known once both exist."""
    if x.outcome is None:
        return "", None
    years = _years(dataset)
    sources = [f.source for f in derive.figures_behind(x.outcome)]
    if not sources:
        return "", None
    best = max(sources, key=lambda s: (years.get(s, 0), -sources.index(s)))
    return best, years.get(best)


def city_selections(dataset, city: str) -> list:
    """One summary per year the data hold a document about `city`, oldest first, each led as
    Summary.select leads it: the selections a reader can build from the data."""
    from helpers.data import selection
    from helpers.data.figures import Summary
    records = dataset.sources.to_dict("records")
    years = sorted({int(r["year"]) for r in records if str(r["city"]).strip() == city})
    return [Summary(dataset, str(selection.own_documents(records, city, y)[0]["source"])) for y in years]


def now_known(dataset, city: str) -> dict[tuple, tuple[Tracked, str, int | None]]:
    """Every target about `city` of any document, with the verdict now known from every document
    in the data: (Tracked, document, year) by (indicator, region, period).

    Each selection of the city (city_selections) follows the targets its documents set; a target
    is decided (met / missed) by the earliest document that gives its outcome (the same indicator
    before a related measure before an implied figure, for documents of one year); a target no
    document decides keeps the verdict of the latest selection (pending while its year or its
    statistics are not out after the latest document, otherwise unverifiable)."""
    cached = _NOW.setdefault(dataset, {})
    if city in cached:
        return cached[city]
    best: dict[tuple, tuple] = {}
    for s in city_selections(dataset, city):
        for x in track_record(s, audit.implied_figures(s)):
            doc, year = outcome_document(dataset, x)
            if x.status in DECIDED:
                rank = (0, year or 0, MEASURE_RANK.get(x.measure, 9))
            else:
                rank = (1, -s.year, 0)  # undecided: the latest selection knows best why
            if _key(x) not in best or rank < best[_key(x)][0]:
                best[_key(x)] = (rank, x, doc, year)
    out = {k: (x, doc, year) for k, (_, x, doc, year) in best.items()}
    cached[city] = out
    return out


def published_words(dataset, source: str, about_year) -> tuple[str, str]:
    """When a document came out, (en, zh): ('published 2022', '2022年发布'); unknown, the year it
    is about ('2021', '2021年'). One wording for every sentence and cell that dates a document."""
    when = str(dataset.sources.set_index("source").loc[source].get("published", "") or "")[:4]
    return (f"published {when}", f"{when}年发布") if when else (str(about_year), f"{about_year}年")


def _later(summary, doc: str, year: int | None) -> bool:
    """A document of a later year, or one published after the selection's leading document: what
    it says was not known when the selection's documents came out."""
    return (year is not None and year > summary.year) or doc in getattr(summary, "later", ())


def _published_later(x: Tracked) -> Tracked:
    """The verdict the leading document's time allowed when the outcome came out only later."""
    return replace(x, outcome=None, measure="", status="pending", margin=None, margin_pct=None,
                   reason="published_later")


def ledger(summary, tracked: list[Tracked] | None = None) -> list[Entry]:
    """Every target the selection's documents set (track_record's order), each with its verdict as
    of the selection and the verdict now known from every document in the data.

    A verdict now known from a document of the selection's year or earlier is the selection's own
    (its documents reach that document); one known only from a later document is `later`."""
    tracked = track_record(summary, audit.implied_figures(summary)) if tracked is None else tracked
    known = now_known(summary.dataset, summary.city)
    years = [int(r.year) for r in summary.dataset.sources.itertuples() if str(r.city).strip() == summary.city]
    latest = max(years, default=summary.year)
    out = []
    for x in tracked:
        now, doc, year = known.get(_key(x), (x, *outcome_document(summary.dataset, x)))
        later = now.status in DECIDED and _later(summary, doc, year)
        as_of = x
        if x.status in DECIDED and _later(summary, *outcome_document(summary.dataset, x)):
            as_of = _published_later(x)  # decided only by a document out after the leading one
        if now.status in DECIDED and not later:
            as_of = now  # the selection reaches the document the outcome is known from
        out.append(Entry(x.target, as_of, now, doc if now.status in DECIDED else "",
                         year if now.status in DECIDED else None, later, latest,
                         other_reading(summary, x.target) if x.target.year_assumed else None))
    return out


# --- statements about targets (helpers.calc.statements) --------------------------------------------

def ambition_statements(b, checks: list[TargetCheck], summary) -> list:
    """What each target asks for, as statements: against the last known level of its own measure
    (with the change it needs, a bound when the target is one), and against the latest actual too
    when that level is an estimate; a target paired with a related measure is said to measure
    something else, with the pairing's note; a target with no level in the data is only set."""
    from helpers.calc.statements import Parts, Text, bound_known, bounded, comparable
    out = []
    unset: dict[int, list] = {}  # targets with no level before them in the data, by year
    for c in checks:
        if separate(c.targets):  # counts of different things: named one by one, never added
            base = c.baseline if c.baseline is None or len(c.baselines) > 1 else c.baselines[0]
            year = Text(str(c.period), str(c.period))
            out.append(b.say("target_set", "target_set.parts", targets=Parts(c.targets), year=year)
                       if base is None else
                       b.say("not_comparable", "not_comparable.target_parts", targets=Parts(c.targets),
                             year=year, level=base, note=Text(c.note_in("en"), c.note_in("zh"))))
            continue
        target = c.target if c.target is None or len(c.targets) > 1 else c.targets[0]
        if target is None:
            continue
        base = c.baseline if c.baseline is None or len(c.baselines) > 1 else c.baselines[0]
        if base is None:
            unset.setdefault(c.period, []).append(target)
            continue
        note = Text(c.note_in("en"), c.note_in("zh"))
        if c.comparability != "same" or not comparable(target, base, b.catalog):
            out.append(b.say("not_comparable", "not_comparable.target", target=target, level=base, note=note))
            continue
        if not bound_known(target, base):  # a floor against a floor: the two figures, no change
            out.append(b.say("target_set", "target_set.unbounded", target=target, level=base))
            continue
        gap = bounded(change_needed(target, base), target, base)
        # a level two or more years before the target: the change it asks for spans those years
        span = min(derive.periods_of(target)) - max(derive.periods_of(base))
        implied = ".implied" if isinstance(base, Derived) and base.stands_for is not None else ""
        out.append(b.say("target_ambition", "target_ambition.level" + (".span" if span > 1 else "") + implied, target=target,
                         baseline=base, gap=gap, pct=bounded(c.pct_of_baseline, target, base),
                         **({"span": span} if span > 1 else {})))  # a bound's ratio is a bound
        if c.baseline_kind == "estimate":
            act = resolve_level(summary, c.baseline_expr, target=False, before=c.period, kinds=("actual",))
            act_fig = act.figures[0] if act is not None and len(act.figures) == 1 else None
            if act_fig is not None and act_fig.value != base.value and bound_known(target, act_fig):
                out.append(b.say("target_ambition", "target_ambition.actual", target=target, baseline=act_fig,
                                 gap=bounded(change_needed(target, act_fig), target, act_fig)))
    for year, targets in unset.items():  # one sentence a year, not one "no level" per target
        out.append(b.say("target_set", "target_set.no_level", target=targets[0]) if len(targets) == 1 else
                   b.say("target_set", "target_set.no_level.many", targets=Parts(tuple(targets)),
                         year=Text(str(year), str(year)), n=len(targets)))
    return [s for s in out if s is not None]


def note_statements(b, checks, key: str, data_dir) -> None:
    """A note the data keep on a target figure (a range stored as its lower bound, a garbled
    number), in both languages, for a target whose pairing gives no note of its own."""
    from helpers.calc.statements import Text
    from helpers.data.notes import note_in
    for c in checks:
        if c.note or len(c.targets) != 1 or c.targets[0] is None or not c.targets[0].note:
            continue
        f = c.targets[0]
        b.say("caveat", key, target=f, note=Text(f.note, note_in(f.note, "zh", data_dir)))
