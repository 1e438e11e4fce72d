"""Section 09, targets and outcomes: one ledger of every target the selection's documents set, each
with its verdict as of the selection and the verdict now known from every document in the data
(helpers.calc.targets.ledger); the document's own "targets met" claim, checked only through the
targets the data can follow; the targets the selection's own documents set, against the last known
level of the same measure, and against the targets earlier documents set for the same measure; the
plan's numeric policy parameters.

Statements, by topic: `outcomes` (target_outcome.ledger.*: a verdict, met or missed, with its
outcome; a later document's verdict labelled as later, after the verdict the selection could give),
`open` (the targets no document decides yet, by reason), `claim`, `ambition` (target_ambition.*,
target_set.no_level, not_comparable.target), `continuity` (target_set.ledger.continuity), `policy`.
"""
from __future__ import annotations

from helpers.calc import audit, targets
from helpers.calc.result import SectionResult
from helpers.calc.statements import Builder, Items, SeriesEvidence, Text, Word, comparable
from helpers.data.figures import per_summary

REASONS = ("no_outcome", "lag", "year_open")


def year(y) -> Text:
    """A year as words ('2021'), not as a count ('2,021')."""
    return Text(str(y), str(y))


def published(summary, source: str, about_year) -> Text:
    """When a document came out ('published 2022' / '2022年发布'), or, unknown, the year it is about."""
    return Text(*targets.published_words(summary.dataset, source, about_year))


def title(summary, source: str) -> Text:
    t = summary.source_title(source)
    return Text(t, t)


def names(figures) -> Items:
    """Targets named in a sentence, whole, with their figures for the citations."""
    figures = tuple(figures)
    return Items(tuple(Text(f.name("en"), f.name("zh")) for f in figures), tuple(f.quote for f in figures),
                 tuple(dict.fromkeys(f.source for f in figures)), figures)


def outcome_statements(b: Builder, entries: list[targets.Entry], summary) -> None:
    """Each target whose outcome is known now: its verdict, the outcome and how far it lies from the
    target. A verdict known only from a later document follows the verdict the selection's own
    documents allowed (pending or unverifiable, and why), and names that later document."""
    for e in entries:
        if not e.decided:
            continue
        x = e.now
        # a verdict the other reading of the target's year does not share is said on its reading
        exact = (".exact" if x.margin.value == 0 else "") + ("" if e.reading_decides else ".reading")
        slots = dict(target=x.target, outcome=x.outcome, verdict=Word(x.status), margin=x.margin,
                     **({} if e.reading_decides else {"other": Word(e.other.status)}))
        if e.later:
            then = e.as_of
            b.say("target_outcome", f"target_outcome.ledger.as_of.{then.reason}", target=then.target,
                  verdict=Word(then.status), published=year(then.published))
            b.say("target_outcome", f"target_outcome.ledger.later.{x.status}{exact}", doc=title(summary, e.source),
                  doc_year=published(summary, e.source, e.source_year), **slots)
        else:
            b.say("target_outcome", f"target_outcome.ledger.{x.status}{exact}", **slots)
        if x.measure == "related":
            b.say("caveat", "caveat.ledger.related", target=x.target,
                  note=Text(x.note or x.note_zh, x.note_zh or x.note))
    for e in entries:
        if e.other is not None:
            other_reading(b, e.other)


def other_reading(b: Builder, o: targets.OtherReading) -> None:
    """An undated target of a lagged statistic read the other way (targets.other_reading): its
    verdict, or that it waits or cannot be checked; said with its own assumption, after the verdict
    on the reading the report takes."""
    if o.level is None:
        if o.status == "pending":
            b.say("target_outcome", "target_outcome.ledger.other_reading.pending", target=o.target,
                  verdict=Word("pending"), published=year(o.published), assumption=targets.TARGET_YEAR_PREVIOUS)
        else:
            b.say("target_outcome", "target_outcome.ledger.other_reading.none", target=o.target,
                  verdict=Word("unverifiable"), assumption=targets.TARGET_YEAR_PREVIOUS)
        return
    exact = ".exact" if o.margin.value == 0 else ""
    b.say("target_outcome", f"target_outcome.ledger.other_reading.{o.status}{exact}", target=o.target,
          outcome=o.level, verdict=Word(o.status), margin=o.margin, assumption=targets.TARGET_YEAR_PREVIOUS)


def open_statements(b: Builder, entries: list[targets.Entry]) -> None:
    """The targets whose outcome no document in the data gives yet, grouped by why and by year:
    no document holds it; its statistics come out after the latest document; its year is not over."""
    groups: dict[tuple, list[targets.Entry]] = {}
    for e in entries:
        if not e.decided:
            # one sentence per year and reason; only a lag's reason names the year statistics come out
            published = e.now.published if e.now.reason == "lag" else e.period
            groups.setdefault((e.period, REASONS.index(e.now.reason), published), []).append(e)
    for (period, reason, published), group in sorted(groups.items()):
        one = ".one" if len(group) == 1 else ""
        b.say("caveat", f"caveat.ledger.open.{REASONS[reason]}{one}", items=names(e.target for e in group),
              n=len(group), year=year(period), published=year(published), latest=year(group[0].latest))


def claim_statements(b: Builder, claim: targets.ClaimCheck, summary) -> None:
    """The document's claim that its targets were met, in its own words, and what the data can say
    of it: only through the targets of the year it reviews whose outcome the data give; with none,
    that it cannot be checked (and that the annex it cites is not published, when it cites one)."""
    if claim.claim is None:
        return
    row = claim.claim
    words = Text(str(row["claim_en"]).rstrip("."), str(row["quote"]))  # English: a translation
    followed = [x for x in claim.tracked if x.status in ("met", "missed")]
    figures = [f for x in followed for f in (x.target, x.outcome)]
    if not claim.tracked:
        b.say("caveat", "caveat.ledger.claim.no_targets", claim=words, year=year(summary.year))
    elif not followed:
        one = ".one" if len(claim.tracked) == 1 else ""
        b.say("caveat", f"caveat.ledger.claim.no_outcome{one}", claim=words, year=year(summary.year),
              n=len(claim.tracked), items=names(x.target for x in claim.tracked))
    else:
        missed = [x for x in followed if x.status == "missed"]
        items = names(x.target for x in (missed or followed))
        items = Items(items.items, items.quotes, items.sources, tuple(figures))
        if missed:
            b.say("check_result", "check_result.ledger.claim.missed", claim=words,
                  year=year(summary.year), checked=len(followed), missed=len(missed), items=items)
        else:
            b.say("check_result", "check_result.ledger.claim.met", claim=words,
                  year=year(summary.year), checked=len(followed), items=items, absolute="all",
                  evidence=SeriesEvidence(True, tuple(figures)))
    if summary.cites_annex():
        b.say("caveat", "caveat.ledger.claim.annex")


def ambition_statements(b: Builder, checks: list, summary) -> None:
    """Each target the selection's own documents set, against the last known level of its measure
    (targets.ambition_statements); the targets with no earlier level in the data are then named one
    by one and said once to have none, rather than once each."""
    start = len(b.out)
    targets.ambition_statements(b, checks, summary)
    unset = ("target_set.no_level", "target_set.no_level.many")
    bare = [f for s in b.out[start:] if s.key in unset
            for f in (s["targets"].figures if s.key.endswith(".many") else (s["target"],))]
    if len(bare) < 2:
        return
    b.out[start:] = [s for s in b.out[start:] if s.key not in unset]
    for f in bare:
        b.say("target_set", "target_set.ledger.set", target=f)
    b.say("caveat", "caveat.ledger.no_level", n=len(bare))


def continuity_statements(b: Builder, summary) -> None:
    """Each target the selection's own documents set, after the latest target an earlier document
    set for the same measure (the same indicator, or one the catalog declares one measure)."""
    rows = summary.rows
    rows = rows[(rows["kind"] == "target") & (rows["region"] == summary.city)]
    own = rows[rows["source"].isin(summary.own)]
    earlier = rows[~rows["source"].isin(summary.own)]
    done = set()
    for r in own.sort_values(["period", "line"], kind="stable").itertuples():
        target = summary.get(r.indicator, r.region, int(r.period), "target")
        if target is None or r.indicator in done:
            continue
        before = [summary.get(e.indicator, e.region, int(e.period), "target") for e in earlier.itertuples()
                  if int(e.period) <= target.period]
        before = [f for f in before if f is not None and comparable(f, target, b.catalog)]
        if not before:
            continue
        prior = max(before, key=lambda f: f.period)
        done.add(r.indicator)
        b.say("target_set", "target_set.ledger.continuity", target=target, earlier=prior,
              doc=title(summary, prior.source))


def policy_statements(b: Builder, pol: list) -> None:
    """The numbers the plan gives for its measures: means, not outcomes, so no verdict."""
    if pol:
        b.say("policy", "policy.ledger.parameters" + (".one" if len(pol) == 1 else ""), n=len(pol),
              items=names(pol))


@per_summary
def analyse(summary) -> SectionResult:
    """The ledger (targets.ledger), the claim check, the targets set against the levels reached and
    against earlier targets, the policy parameters; the key figures; the statements, by topic."""
    tracked = targets.track_record(summary, audit.implied_figures(summary))
    entries = targets.ledger(summary, tracked)
    claim = targets.targets_met_claim(summary, tracked)
    checks = targets.check_targets(summary)  # the targets the selection's own documents set
    pol = targets.policy_figures(summary, summary.city)
    n = targets.counts(checks)
    v = targets.verdict_counts(tracked)
    key = [("targets", n["total"], "count", "targets set by the selection's own documents"),
           ("targets_below_level_reached", n["below"], "count", "target < baseline"),
           ("targets_equal_to_level_reached", n["equal"], "count", "target == baseline"),
           ("targets_met", n["met"], "count", ""), ("targets_missed", n["missed"], "count", ""),
           ("targets_pending", n["pending"], "count", "no actual for the target year in the data")]
    key += [(f"change_needed_pct:{c.target_expr}", f"{c.change_pct.value:.2f}", "percent",
             f"implied: {c.change_pct.formula}") for c in checks if c.change_pct is not None]
    key += [(f"tracked_{status}", count, "count", "every target of the documents, followed to its outcome")
            for status, count in v.items()]
    key += [(f"tracked:{x.target.indicator}:{x.period}", None if x.margin is None else round(x.margin.value, 2),
             "" if x.margin is None else x.margin.unit, f"{x.status}; {x.measure or x.reason}")
            for x in tracked]
    key.append(("targets_met_claim", claim.status, "", "the document's claim that its targets were met"))

    b = Builder.for_summary(summary, topic="outcomes")
    outcome_statements(b, entries, summary)
    b.topic = "open"
    open_statements(b, entries)
    b.topic = "claim"
    claim_statements(b, claim, summary)
    b.topic = "ambition"
    ambition_statements(b, checks, summary)
    b.topic = "continuity"
    continuity_statements(b, summary)
    b.topic = "policy"
    policy_statements(b, pol)

    res = SectionResult({}, {}, flags={"claim": claim.status}, key_figures=key)
    res.tracked, res.claim, res.checks, res.counts, res.verdicts = tracked, claim, checks, n, v
    res.ledger, res.policy, res.statements = entries, pol, b.out
    return res
