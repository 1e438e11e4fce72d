"""Section 10, the audit: the figures the documents print, recomputed from their other figures
(helpers.calc.audit), and the figures they imply but do not print.

Statements, by topic: `verdicts` (how many printed figures could be recomputed and how many agree;
made only when at least one was: a statement about the checks needs checks; the inputs the
documents lack), `inconsistencies` (each printed figure its other figures contradict: the printed
figures disagree, and the document does not say which is wrong), `implied` (how many figures the
documents imply; those outside a plausible range). With no check and no implied figure, the section
states nothing and is left out of the report.
"""
from __future__ import annotations

from helpers.calc import audit
from helpers.calc.result import SectionResult
from helpers.calc.statements import OUTCOME_KINDS, Builder, Items, Text
from helpers.data.figures import per_summary
from helpers.data.units import format_value

# The implied figures whose values the key figures record (tests/golden): relation ids of
# data/relations.csv; a selection without them records no such row.
KEY_IMPLIED = ("city_gdp", "jiangxi_rd_expenditure")
RECOMPUTED = ("consistent", "inconsistent")


def label(r: audit.Result) -> Text:
    return Text(r.label("en"), r.label("zh"))


def _figures(results) -> tuple:
    out: list = []
    for r in results:
        for f in [r.claim, *(i.figure for i in r.inputs)]:
            if f is not None and f not in out:
                out.append(f)
    return tuple(out)


def cited(results, texts=()) -> Items:
    """The figures a statement about several checks rests on (for its citations), with their names."""
    return Items(tuple(texts), (), (), _figures(results))


def counts_key(checked: int, consistent: int, other: int) -> str:
    """The wording of the checks' tally, by what it holds: one check is said alone; when all agree,
    "all", never "0 do not"; "the rest" only when some are recomputed within rounding."""
    key = "check_result.audit.counts"
    if checked == 1:
        return key + ".one." + ("consistent" + (".other" if other else "") if consistent else "inconsistent")
    if other:
        key += ".other.only" if other == checked else ".other"
    return key + (".all" if consistent == checked else "")


def verdict_statements(b: Builder, results: list[audit.Result]) -> None:
    """How many printed figures the other figures allow to recompute, and how many agree within
    rounding; which inputs the documents lack for the others."""
    checks = audit.checks(results)
    done = [r for r in checks if r.status in RECOMPUTED]
    if done:
        # a ceiling kept, or a count of the names a list gives, is not agreement 'within rounding'
        other = sum(r.status == "consistent" and not audit.recomputes(r) for r in done)
        consistent = sum(r.status == "consistent" for r in done)
        b.say("check_result", counts_key(len(done), consistent, other), checked=len(done), consistent=consistent,
              other=other, inconsistent=len(done) - consistent, checks=cited(done))
        b.say("caveat", "caveat.audit.table")
    lacking = [r for r in checks if r.status == "unverifiable" and r.missing]
    if lacking:
        names = list(dict.fromkeys((i.label("en"), i.label("zh")) for r in lacking for i in r.missing))
        one = ".one" if len(lacking) == 1 else ""
        b.say("caveat", f"caveat.audit.missing{one}", n=len(lacking), k=len(names),
              items=Items(tuple(Text(en, zh) for en, zh in names), (), (), _figures(lacking)))
    failed = [r for r in checks if r.status == "unverifiable" and not r.missing]
    if failed:
        b.say("caveat", "caveat.audit.not_computable", n=len(failed), items=cited(failed, [label(r) for r in failed]))


def _as_text(x) -> Text:
    """A figure written as printed, for a check whose figures are not outcomes (a target printed
    by two documents): the statement quotes it, it does not assert it as a level."""
    if hasattr(x, "formatted"):
        return Text(x.formatted("en"), x.formatted("zh"))
    return Text(format_value(x.value, x.unit, "en", 2), format_value(x.value, x.unit, "zh", 2))


def inconsistency_statements(b: Builder, results: list[audit.Result], summary) -> None:
    """Each printed figure that the document's other figures (or another document) contradict. The
    statement says the printed figures disagree beyond their rounding; it does not say which is wrong."""
    for r in audit.checks(results):
        if r.status != "inconsistent":
            continue
        if audit.is_cross_document(r):
            first, other = r.inputs[0].figure, r.claim
            docs = [summary.source_title(f.source) for f in (first, other)]
            b.say("check_result", "check_result.audit.cross_document", label=label(r), checked=1,
                  a=_as_text(first), b=_as_text(other), doc_a=Text(docs[0], docs[0]), doc_b=Text(docs[1], docs[1]),
                  figures=cited([r]))
            continue
        computed = r.derived()
        if r.claim is None:
            b.say("check_result", "check_result.audit.words", label=label(r), checked=1,
                  words=Text(r.quote, r.quote), reading=Text(audit.claim_range(r, "en"), audit.claim_range(r, "zh")),
                  computed=computed if _outcomes(r) else _as_text(computed), figures=cited([r]))
            continue
        change = ".change" if r.claim.value < 0 or r.value < 0 else ""
        printed = r.claim if _outcomes(r) else _as_text(r.claim)
        b.say("check_result", f"check_result.audit.inconsistent{change}", label=label(r), checked=1,
              printed=printed, computed=computed if _outcomes(r) else _as_text(computed), figures=cited([r]))


def _outcomes(r: audit.Result) -> bool:
    return all(f.kind in OUTCOME_KINDS for f in _figures([r]))


def implied_statements(b: Builder, results: list[audit.Result]) -> None:
    """How many figures the documents imply but do not print; each implausible one, with why."""
    every = audit.implied(results)
    have = [r for r in every if r.value is not None]
    if have:
        b.say("implied", "implied.audit.count", n=len(have), total=len(every), figures=cited(have))
    for r in audit.implausible(results):
        b.say("caveat", "caveat.audit.implausible", label=label(r), value=r.derived(),
              warning=Text(r.warning("en"), r.warning("zh")))


def key_figures(results: list[audit.Result]) -> list[tuple]:
    counts = audit.status_counts(results)
    key = [(f"checks {s}", str(n), "count", "") for s, n in counts.items()]
    key += [(r.check, audit.computed_text(r), r.unit, f"printed {r.claimed}")
            for r in audit.checks(results) if r.status == "inconsistent"]
    key += [(r.check, None if r.value is None else f"{r.value:.2f}", r.unit, "implied")
            for r in audit.implied(results) if r.check in KEY_IMPLIED]
    return key


@per_summary
def analyse(summary) -> SectionResult:
    """The audit's results (audit.evaluate), the counts by verdict, the key figures and the
    statements, by topic: `verdicts`, `inconsistencies`, `implied`."""
    results = audit.evaluate(summary)
    b = Builder.for_summary(summary, topic="verdicts")
    verdict_statements(b, results)
    b.topic = "inconsistencies"
    inconsistency_statements(b, results, summary)
    b.topic = "implied"
    implied_statements(b, results)
    res = SectionResult({}, {}, key_figures=key_figures(results))
    res.results, res.counts, res.statements = results, audit.status_counts(results), b.out
    return res
