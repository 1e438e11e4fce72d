"""High-tech enterprises (高新技术企业, HTE): the stock, the year's review funnel, the change in
candidates reported, the review rules that changed, the causes a document gives, and the plan's
measures for firms.

`analyse(summary)` returns the figures (printed and derived, for the key figures and the key
judgements) and `res.statements`, the section's sentences as statements (helpers.calc.statements)
by topic: `stock`, `review`, `reports`, `rules`, `causes`, `plan`. The words are in the catalogs
`messages/<lang>/hte.po`. What a document says in words comes from data rows, for any city and
year: the causes and the plan's measures from data/lists.csv (lists `hte_decline_causes`,
`plan_measures_firms`), the rule changes from data/hte_review_rules.csv, the plan's parameters from
the `policy` rows of data/indicators.csv, the document's own claims from data/verdicts.csv and
data/relations.csv. A selection without such rows states nothing about them.

Every function takes `Figure`s (or None, when a summary does not report one) and returns a
`Derived` with its formula, or None when an input is missing. `get` arguments are callables with
the signature of `Summary.get`: get(indicator, region, period, kind) -> Figure | None.
"""
from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from helpers.calc import audit, targets
from helpers.calc.derive import (
    Derived,
    agrees,
    change_pct,
    compute,
    derivation,
    derived,
    difference,
    previous_level,
    ratio,
    share_pct,
)
from helpers.calc.lists import document_items, numbered_in
from helpers.calc.result import SectionResult, key_row
from helpers.calc.statements import Builder, Items, Phrase, Region, SeriesEvidence, Text, Word
from helpers.calc.trends import Period
from helpers.data.figures import per_summary

Getter = Callable[..., object]

STOCK = "hte_count"                 # the indicator of the stock of certified firms
OUTCOMES = ("actual", "estimate")   # the kinds a level or a change may rest on
CAUSES = "hte_decline_causes"       # data/lists.csv: the causes a document gives for a fall
PLAN_MEASURES = "plan_measures_firms"  # data/lists.csv: a plan's measures for firms
FIRST_FALL = "hte_first_fall"       # data/verdicts.csv: the document calls the fall the first one
REVIEW_RULES = "hte_review_rules"   # data/hte_review_rules.csv



# --- the stock of certified firms -----------------------------------------------------------------

@dataclass(frozen=True)
class Point:
    period: int
    kind: str
    figure: object  # Figure

    @property
    def value(self) -> float:
        return self.figure.value


def stock_points(get: Getter, city: str, year: int, back: int = 3) -> list[Point]:
    """The HTE count for each period from year-back to year+1, one per period: up to the
    selection's year an actual if printed, else an estimate (a target is never a level); after it,
    the target (2018, 2020, 2021 est., 2022 target)."""
    points = []
    for period in range(year - back, year + 2):
        for kind in (("target",) if period > year else OUTCOMES):
            f = get(STOCK, city, period, kind)
            if f is not None:
                points.append(Point(period, kind, f))
                break
    return points


def first_last_actual(points: Sequence[Point]):
    """The earliest and latest printed actual counts (2018 and 2020), or (None, None)."""
    actual = [p for p in points if p.kind == "actual"]
    if len(actual) < 2:
        return None, None
    return actual[0].figure, actual[-1].figure


def first_fall_in_series(points: Sequence[Point]) -> SeriesEvidence | None:
    """Evidence that the last change of the levels is the first fall the data hold: a yearly
    series without gaps, at least three levels, every earlier change a rise, the last a fall.
    None when the series does not show it (a gap, or an earlier fall)."""
    levels = [p for p in points if p.kind in OUTCOMES]
    if len(levels) < 3 or any(b.period - a.period != 1 for a, b in zip(levels, levels[1:])):
        return None
    steps = [b.value - a.value for a, b in zip(levels, levels[1:])]
    holds = steps[-1] < 0 and all(s > 0 for s in steps[:-1])
    return SeriesEvidence(True, tuple(p.figure for p in levels)) if holds else None


@derivation
def cagr(first, last) -> Derived | None:
    """Compound annual growth: (2054 / 1049)^(1 / 2) - 1 = 39.93% a year over 2018-2020."""
    if last.period <= first.period or first.value <= 0:
        return None
    years = last.period - first.period
    return derived(lambda a, b: ((b / a) ** (1 / years) - 1) * 100, (first, last), "percent",
                   f"(({last.value:g} / {first.value:g})^(1/{years}) - 1) × 100", "cagr")


# --- the review funnel ----------------------------------------------------------------------------

@derivation
def count_implied_by_rate(applications, printed_rate) -> Derived | None:
    """Reports a printed pass rate implies: 1689 × 30.55% = 516.0 (the document says 455)."""
    return derived(lambda a, r: a * r / 100, (applications, printed_rate), "count",
                   f"{applications.value:g} × {printed_rate.value:g}%", "reports_implied_by_rate")


@derivation
def rest_of(whole, part) -> Derived | None:
    """The province without the city: 5354 - 1689 = 3665 applications. A difference of one
    indicator's figures for two regions counts what they count, so it keeps the indicator as its
    label (a rate of two such differences is linked as their indicators are)."""
    label = whole.indicator if getattr(whole, "indicator", None) == getattr(part, "indicator", "") else "rest"
    return difference(whole, part, label=label)


# --- the tax-audit finding ------------------------------------------------------------------------

BASES = ("rejected", "all")


def rd_expense_failures(share, applications, reported, base: str = "rejected") -> Derived | None:
    """Firms that failed the tax review on R&D expenses, under an assumption about the base of ~70%.

    base="rejected" (assumption A): 70% × (1689 - 455) = 863.8 — the base is every rejected applicant.
    base="all" (assumption B): 70% × 1689 = 1182.3 — the base is the whole list sent to the tax
    bureau, taken as all applications (an upper bound: the real list was at most that long).
    """
    if base not in BASES:
        raise ValueError(f"base must be one of {', '.join(BASES)}; got {base!r}")
    if share is None or applications is None or (base == "rejected" and reported is None):
        return None
    if base == "rejected":
        return compute("part_of_difference", share, applications, reported, unit="count",
                       label="rd_failures_rejected")
    return compute("part_from_share", share, applications, unit="count", label="rd_failures_all")


@derivation
def share_of_rejections(failures: Derived | None, applications, reported) -> Derived | None:
    """What share of all rejections a failure count is: 1182.3 / (1689 - 455) = 95.81%."""
    rejected = applications.value - reported.value
    if rejected <= 0:
        return None
    return Derived(failures.value / rejected * 100, "percent",
                   f"{failures.value:.1f} / ({applications.value:g} - {reported.value:g}) × 100",
                   tuple(failures.inputs), "share_of_rejections")


def round_half_up(x: float) -> int:
    """Round to a whole firm the way people do (863.8 -> 864, 1182.3 -> 1182, 0.5 -> 1)."""
    return int(math.floor(x + 0.5))


def at_most(d: Derived | None) -> Derived | None:
    """A value computed from the largest base the figures allow is a ceiling."""
    return None if d is None else replace(d, qualifier="at_most")


def ceiling(failures: Derived | None, share, rejected: Derived | None) -> Derived | None:
    """The failures on the largest base as a ceiling, when the figures make it one: read at the top
    of the share's printed range (约70% may be 73.5%, audit.figure_interval), the largest base must
    still leave fewer than all the rejected applicants. Otherwise it limits nothing a reader does
    not already know (None): 73.5% × 1689 = 1241 is more than the 1234 not passed to MOST."""
    if failures is None or share is None or rejected is None:
        return None
    top = audit.figure_interval(share).hi / share.value
    return at_most(failures) if failures.value * top < rejected.value else None


# --- what a document gives in words: lists, rules, claims -------------------------------------------

@dataclass(frozen=True)
class DocumentList:
    """A list a document gives (data/lists.csv), whole and in its order."""
    items: Items
    region: str
    period: int
    quotes: tuple[str, ...]
    source: str


def document_list(summary, list_id: str) -> DocumentList | None:
    """The selection's own rows of a list of data/lists.csv, in item order (helpers.calc.lists,
    open when the document ends it with 等); None without rows."""
    items = document_items(summary, list_id)
    if items is None:
        return None
    rows = summary.table("lists")
    first = rows[rows["list"] == list_id].iloc[0]
    return DocumentList(items, str(first["region"]), int(first["period"]), items.quotes, items.sources[0])


def review_rules(summary) -> DocumentList | None:
    """The review rules a document says changed (data/hte_review_rules.csv), each item the aspect
    with the rule before and after in the catalog's words (`item.hte.review_rule`)."""
    rows = summary.table(REVIEW_RULES)
    if rows.empty:
        return None
    items = tuple(Phrase("item.hte.review_rule", tuple(
        (f, Text(getattr(r, f"{f}_en"), getattr(r, f"{f}_zh"))) for f in ("aspect", "before", "after")))
        for r in rows.itertuples())
    quotes = tuple(rows["quote"])
    source = str(rows["source"].iloc[0])
    # numbered 一是… only where the document numbers the changes (calc.lists.numbered_in)
    return DocumentList(Items(items, quotes, (source,), numbered=numbered_in(summary, source, quotes[0])),
                        str(rows["region"].iloc[0]), int(rows["period"].iloc[0]), quotes, source)


def claim_quote(summary, claim: str) -> str | None:
    """The quote of one of the document's own claims (data/verdicts.csv), or None."""
    rows = summary.table("verdicts")
    if rows.empty:
        return None
    hit = rows[rows["claim"] == claim]
    return None if hit.empty else str(hit["quote"].iloc[0])


def measure_number(text: str | None, quotes: Sequence[str], quote: str) -> int | None:
    """The place (1, 2, ...) of the list item whose quote holds `quote` in the source text (the
    measure a policy parameter or target belongs to); None when no item holds it."""
    if not text or quote not in text:
        return None
    at = text.find(quote)
    for n, q in enumerate(quotes, 1):
        start = text.find(q)
        if start >= 0 and start <= at and at + len(quote) <= start + len(q):
            return n
    return None


def word_claims(summary, results) -> list:
    """The document's own word claims about the stock (relations.csv rows with a claim_quote
    whose inputs are all the stock, made by the selection's own documents), with their results."""
    out = []
    for r in results:
        rel = r.relation
        if (rel.role == "check" and rel.claim is None and rel.claim_quote and rel.source in summary.own
                and rel.inputs and all(getattr(i, "indicator", "") == STOCK for i in rel.inputs)):
            out.append(r)
    return out


# --- statements -----------------------------------------------------------------------------------

def stock_statements(b: Builder, summary, res, results, implied) -> None:
    """The stock: its growth over the actuals, the document's claim about it, the year's level
    and change (with the document's 'first' only where it says so), and the next target."""
    p, d = res.printed, res.derived
    first, last, est = p["first"], p["last"], p["est"]
    if first is not None and last.period - first.period > 1:   # over several years: a yearly rate too
        b.say("change", "change.hte.stock_growth", new=last, old=first, growth=d["growth"], cagr=d["cagr"])
    else:
        b.say("change", "change.hte.stock_growth.year", new=last, old=first, growth=d["growth"])
    for r in word_claims(summary, results):
        if r.status in ("consistent", "inconsistent"):
            rel = r.relation
            b.say("check_result", f"check_result.hte.claim.{r.status}", claim=rel.claim_quote,
                  label=Text(rel.label_en, rel.label_zh), value=implied.get(rel.check),
                  reading=Text(rel.explanation_en, rel.explanation_zh), checked=1)
    printed_chg = p["printed_chg"] or p["printed_n_chg"]  # the rate where printed, else the count
    if est is not None and est is not last:   # the year's level, unless the growth already gave it
        if d["chg"] is None and printed_chg is not None and printed_chg.period == est.period:
            b.say("level", f"level.hte.stock.{est.kind}.change", x=est, change=printed_chg)  # no level before it
        else:
            b.say("level", f"level.hte.stock.{est.kind}", x=est)
    chg = d["chg"]  # the rate as the document prints it where the recomputed one agrees with it
    pct = p["printed_chg"] if res.flags["chg_agrees"] and p["printed_chg"] is not None else d["chg_pct"]
    b.say("change", "change.hte.stock_change", new=est, old=last, change=chg, pct=pct)
    if chg is not None and chg.value < 0:
        quote = claim_quote(summary, FIRST_FALL)
        if quote is not None:
            b.say("change", "change.hte.first_fall", absolute="first", evidence=quote, new=est, old=last,
                  quote=quote)
        series = first_fall_in_series(res.points)
        if series is not None:
            b.say("change", "change.hte.first_fall_in_data", absolute="first", evidence=series,
                  new=est, old=last, since=str(series.figures[0].period))
    ok = res.flags["chg_agrees"]
    if ok is not None:
        b.say("check_result", f"check_result.hte.stock_change.{'consistent' if ok else 'inconsistent'}",
              printed=p["printed_chg"], computed=d["chg_pct"], checked=1)
    checks = [c for c in targets.check_targets(summary) if c.target_expr == STOCK]
    targets.ambition_statements(b, checks, summary)


def review_statements(b: Builder, res, city: str, province: str) -> None:
    """Applications -> candidates reported: each region's pass rate (a rate only because a
    relation links the two counts), the printed rates checked, the city against the rest."""
    p, d, f = res.printed, res.derived, res.flags
    b.say("rate", "rate.hte.pass", numerator=p["c_rep"], denominator=p["c_app"], rate=d["c_rate"],
          region=Region(city))
    if f["c_rate_agrees"] is not None:
        if f["c_rate_agrees"]:
            b.say("check_result", "check_result.hte.pass_rate.consistent", printed=p["c_rate_pr"],
                  computed=d["c_rate"], region=Region(city), checked=1)
        else:
            b.say("check_result", "check_result.hte.pass_rate.inconsistent", printed=p["c_rate_pr"],
                  computed=d["c_rate"], fit=d["reports_fit"], region=Region(city), checked=1)
    b.say("rate", "rate.hte.pass", numerator=p["p_rep"], denominator=p["p_app"], rate=d["p_rate"],
          region=Region(province))
    if f["p_rate_agrees"] is not None:
        key = "consistent" if f["p_rate_agrees"] else "inconsistent"
        b.say("check_result", f"check_result.hte.pass_rate.{key}", printed=p["p_rate_pr"],
              computed=d["p_rate"], region=Region(province), checked=1,
              **({} if f["p_rate_agrees"] else {"fit": count_implied_by_rate(p["p_app"], p["p_rate_pr"])}))
    b.say("rate", "rate.hte.pass.rest", numerator=d["r_rep"], denominator=d["r_app"], rate=d["r_rate"],
          city=Region(city), province=Region(province))
    gap = d["rate_gap"]
    if gap is None:
        return
    names = {"city": Region(city), "province": Region(province)}
    if gap.value == 0:
        b.comparison("hte.pass_rate.equal", d["c_rate"], d["r_rate"], **names)
        return
    side = Word("above" if gap.value > 0 else "below")
    printed = p["c_rate_pr"]
    if f["c_rate_agrees"] is False and printed is not None and (printed.value > d["r_rate"].value) != (gap.value > 0):
        b.comparison("hte.pass_rate.disputed", d["c_rate"], d["r_rate"], gap=gap, side=side, printed=printed,
                     side_printed=Word("above" if printed.value > d["r_rate"].value else "below"), **names)
    else:
        b.comparison("hte.pass_rate.differs", d["c_rate"], d["r_rate"], gap=gap, side=side, **names)


def reports_statements(b: Builder, res, city: str, province: str) -> None:
    """The change in candidates reported, for the city, the province and the rest, each printed
    rate checked against the counts; where they disagree, the other reading of the printed rate."""
    p, d, f = res.printed, res.derived, res.flags
    for region, rep, chg, prev, rate, printed, ok in (
            (city, p["c_rep"], p["c_chg"], d["c_prev"], d["c_rt"], p["c_rt_pr"], f["c_rt_agrees"]),
            (province, p["p_rep"], p["p_chg"], d["p_prev"], d["p_rt"], p["p_rt_pr"], f["p_rt_agrees"])):
        b.say("change", "change.hte.reports", x=rep, change=chg, prev=prev, rate=rate, region=Region(region))
        if ok is not None:
            b.say("check_result", f"check_result.hte.reports_rate.{'consistent' if ok else 'inconsistent'}",
                  printed=printed, computed=rate, region=Region(region), checked=1)
    if f["decrease_equals_city_applications"]:
        b.say("check_result", "check_result.hte.same_number", a=p["p_chg"], b=p["c_app"],
              region=Region(province), city=Region(city), checked=1)
    if f["p_rt_agrees"] is False:
        b.say("implied", "implied.hte.prev_from_rate", prev=d["p_prev_r"], change=d["p_chg_r"],
              printed=p["p_rt_pr"], region=Region(province), year=Period(p["p_rt_pr"].period),
              before=Period(p["p_rt_pr"].period - 1))  # each side of the change named by its year
    b.say("change", "change.hte.reports.rest", x=d["r_rep"], prev=d["r_prev"], rate=d["r_rt"],
          city=Region(city), province=Region(province))
    if f["rest_fits_province_rate"] and f["p_rt_agrees"] is False:
        b.say("check_result", "check_result.hte.rest_fits", computed=d["r_rt"], printed=p["p_rt_pr"],
              city=Region(city), province=Region(province), checked=1)


def rules_statements(b: Builder, rules: DocumentList | None, city: str) -> None:
    """The review rules that changed, whole, under the region whose policy sets them (the rows'
    region): a province's rules are said to be the province's, not the city's."""
    if rules is None:
        return
    scope = "city" if rules.region == city else "higher"
    b.say("list", f"list.hte.review_rules.{scope}", items=rules.items, whole=len(rules.items),
          n=len(rules.items), setter=Region(rules.region), city=Region(city), year=str(rules.period))


def cause_statements(b: Builder, res, causes: DocumentList | None, city: str) -> None:
    """Every cause the document gives, in its order; then its R&D-expense finding as what it is:
    a share of a list whose length it does not print, so an upper bound on the firms stopped, and
    the lower reading that needs an assumption, marked as such."""
    p, d = res.printed, res.derived
    if causes is not None:
        scope = "city" if causes.region == city else "wider"
        b.say("list", f"list.hte.causes.{scope}", items=causes.items, whole=len(causes.items),
              region=Region(causes.region), city=Region(city))
    b.say("share", "share.hte.rd_expense", x=p["rd_share"], city=Region(city))
    upper = ceiling(d["fail_b"], p["rd_share"], d["rejected"])
    if upper is not None:
        b.say("bound", "bound.hte.rd_expense_upper", upper=upper, app=p["c_app"], rep=p["c_rep"],
              rejected=d["rejected"], of_rejected=at_most(d["of_rej_b"]))
    elif d["fail_b"] is not None:  # the share's range reaches all the rejected: no limit to state
        b.say("caveat", "caveat.hte.rd_expense_no_limit", share=p["rd_share"], app=p["c_app"],
              rejected=d["rejected"])
    b.say("scenario", "scenario.hte.rd_expense_rejected", assumption="hte_rejections_at_tax_stage",
          value=d["fail_a"], share=p["rd_share"], rejected=d["rejected"])


def plan_statements(b: Builder, summary, measures: DocumentList | None, policy: list) -> list:
    """The plan's measures for firms, whole, from the document's own rows; each policy parameter
    it sets (with its bound) and each target inside a measure, tied to that measure's place.
    Returns the parameters as (measure number or None, figure) for the table."""
    text = summary.dataset.texts.get(measures.source) if measures is not None else None
    if measures is not None:
        b.say("list", "list.hte.plan_measures", items=measures.items, whole=len(measures.items),
              year=str(measures.period))
    out = []
    for f in policy:
        n = measure_number(text, measures.quotes, f.quote) if measures is not None else None
        if n is None:
            b.say("policy", "policy.hte.parameter", x=f)
        else:
            b.say("policy", "policy.hte.parameter.in_measure", x=f, n=n)
        out.append((n, f))
    if measures is not None:
        for f in summary.figures(kind="target", own=True):
            if f.region != summary.city or f.source != measures.source:
                continue
            n = measure_number(text, measures.quotes, f.quote)
            if n is not None:
                b.say("target_set", "target_set.hte.in_measure", target=f, n=n)
    return out


# --- the analysis ---------------------------------------------------------------------------------

@per_summary
def analyse(summary) -> SectionResult:
    """Every figure of the high-tech section and the statements it makes, by topic: `stock`,
    `review`, `reports`, `rules`, `causes`, `plan`; the notebook only presents them."""
    get, city, year = summary.get, summary.city, summary.year
    results = audit.evaluate(summary)
    implied = audit.implied_figures(summary, results)
    prov = summary.province
    d: dict = {}
    f: dict = {}
    # the stock
    points = stock_points(get, city, year)
    first, last = first_last_actual(points)
    by_period = {pt.period: pt for pt in points}
    est = by_period[year].figure if year in by_period else None
    tgt = by_period[year + 1].figure if year + 1 in by_period else None
    d["growth"] = change_pct(last, first, "growth")
    d["mult"] = ratio(last, first, "multiple")
    d["cagr"] = cagr(first, last)
    f["doubled"] = None if d["mult"] is None else d["mult"].value >= 2
    later = est is not None and last is not None and est.period > last.period
    d["chg"] = difference(est, last, label="change") if later else None
    d["chg_pct"] = change_pct(est, last, "change_pct") if later else None
    printed_chg = get("hte_count_growth", city, year, est.kind) if est is not None else None
    # a change printed as a count (较上年减少37家) where no rate is printed: said with the level
    printed_n_chg = get("hte_count_net_change", city, year, est.kind) if est is not None else None
    f["chg_agrees"] = agrees(d["chg_pct"], printed_chg)
    d["gap"], d["gap_pct"] = targets.change_needed(tgt, est), targets.change_needed_pct(tgt, est)
    # the review funnel
    c_app, c_rep = get("hte_applications", city, year), get("hte_reported", city, year)
    p_app, p_rep = get("hte_applications", prov, year), get("hte_reported", prov, year)
    c_rate_pr, p_rate_pr = get("hte_pass_rate", city, year), get("hte_pass_rate", prov, year)
    # the audit's figure where it checks a printed rate, else the same formula on the counts
    d["c_rate"] = implied.get("hte_pass_rate_city") or share_pct(c_rep, c_app, "pass_rate")
    d["p_rate"] = implied.get("hte_pass_rate_province") or share_pct(p_rep, p_app, "pass_rate")
    d["r_app"], d["r_rep"] = rest_of(p_app, c_app), rest_of(p_rep, c_rep)
    d["r_rate"] = share_pct(d["r_rep"], d["r_app"], "rest_pass_rate")
    d["rate_gap"] = difference(d["c_rate"], d["r_rate"], unit="pp", label="city_minus_rest")
    d["reports_fit"] = count_implied_by_rate(c_app, c_rate_pr)
    f["c_rate_agrees"], f["p_rate_agrees"] = agrees(d["c_rate"], c_rate_pr), agrees(d["p_rate"], p_rate_pr)
    # the change in candidates reported
    c_chg, p_chg = get("hte_reported_change", city, year), get("hte_reported_change", prov, year)
    c_rt_pr, p_rt_pr = get("hte_reported_change_rate", city, year), get("hte_reported_change_rate", prov, year)
    d["c_prev"] = implied.get("hte_reported_prev_city") or difference(c_rep, c_chg)
    d["p_prev"] = implied.get("hte_reported_prev_province") or difference(p_rep, p_chg)
    d["c_rt"] = implied.get("hte_reported_decline_city") or compute("decline_count", c_rep, c_chg, unit="percent")
    d["p_rt"] = implied.get("hte_reported_decline_province") or compute("decline_count", p_rep, p_chg, unit="percent")
    d["c_prev_r"], d["p_prev_r"] = previous_level(c_rep, c_rt_pr), previous_level(p_rep, p_rt_pr)
    d["p_chg_r"] = difference(p_rep, d["p_prev_r"], label="change_from_rate")
    d["r_prev"] = difference(d["p_prev"], d["c_prev"], label="rest_previous")
    d["r_rt"] = change_pct(d["r_rep"], d["r_prev"], "rest_rate")
    f["c_rt_agrees"], f["p_rt_agrees"] = agrees(d["c_rt"], c_rt_pr), agrees(d["p_rt"], p_rt_pr)
    f["rest_fits_province_rate"] = agrees(d["r_rt"], p_rt_pr)
    f["decrease_equals_city_applications"] = (None if p_chg is None or c_app is None
                                              else abs(p_chg.value) == c_app.value)
    # the tax-audit finding
    rd_share = get("hte_rejected_rd_expense_share", city, year)
    d["rejected"] = difference(c_app, c_rep, label="rejected")
    d["fail_a"] = rd_expense_failures(rd_share, c_app, c_rep, "rejected")
    d["fail_b"] = rd_expense_failures(rd_share, c_app, c_rep, "all")
    d["of_rej_b"] = share_of_rejections(d["fail_b"], c_app, c_rep)
    printed = {"first": first, "last": last, "est": est, "tgt": tgt, "printed_chg": printed_chg, "printed_n_chg": printed_n_chg,
               "c_app": c_app, "c_rep": c_rep, "p_app": p_app, "p_rep": p_rep,
               "c_rate_pr": c_rate_pr, "p_rate_pr": p_rate_pr, "c_chg": c_chg, "p_chg": p_chg,
               "c_rt_pr": c_rt_pr, "p_rt_pr": p_rt_pr, "rd_share": rd_share}
    res = SectionResult(printed, d, f, key_figures=_key_figures(d, printed))
    res.province, res.points = prov, points
    res.rules = review_rules(summary)
    res.causes = document_list(summary, CAUSES)
    res.measures = document_list(summary, PLAN_MEASURES)
    b = Builder.for_summary(summary, topic="stock")
    stock_statements(b, summary, res, results, implied)
    b.topic = "review"
    review_statements(b, res, city, prov)
    b.topic = "reports"
    reports_statements(b, res, city, prov)
    b.topic = "rules"
    rules_statements(b, res.rules, city)
    b.topic = "causes"
    cause_statements(b, res, res.causes, city)
    b.topic = "plan"
    res.policy = plan_statements(b, summary, res.measures, targets.policy_figures(summary, city))
    b.rest("hte_decline")
    res.statements = b.out
    return res


def _key_figures(d: dict, p: dict) -> list:
    def printed(x):
        return "" if x is None else f"printed {x.formatted('en')}"
    return [key_row("hte_growth_first_to_last_actual", d["growth"]),
            key_row("hte_multiple_first_to_last_actual", d["mult"], 3),
            key_row("hte_cagr", d["cagr"]),
            key_row("hte_change_estimate", d["chg"], 0),
            key_row("hte_change_estimate_pct", d["chg_pct"], note=printed(p["printed_chg"])),
            key_row("pass_rate_city", d["c_rate"], note=printed(p["c_rate_pr"])),
            key_row("pass_rate_province", d["p_rate"], note=printed(p["p_rate_pr"])),
            key_row("pass_rate_rest", d["r_rate"]),
            key_row("reports_prev_city", d["c_prev"], 0),
            key_row("reports_change_city_pct", d["c_rt"], note=printed(p["c_rt_pr"])),
            key_row("reports_prev_province", d["p_prev"], 0),
            key_row("reports_change_province_pct", d["p_rt"], note=printed(p["p_rt_pr"])),
            key_row("reports_prev_province_from_rate", d["p_prev_r"], 0),
            key_row("reports_change_rest_pct", d["r_rt"]),
            key_row("rd_failures_A_rejected_base", d["fail_a"], 1),
            key_row("rd_failures_B_all_applications", d["fail_b"], 1),
            key_row("target_gap", d["gap"], 0),
            key_row("target_gap_pct", d["gap_pct"])]
