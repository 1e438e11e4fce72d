"""Section 09, targets and outcomes: every target the selection's documents set, followed to its
outcome; the document's own "targets met" claim; the next year's targets against the levels
already reached."""
from __future__ import annotations

from helpers.calc import audit, targets
from helpers.calc.result import SectionResult


def analyse(summary) -> SectionResult:
    """The track record (targets.track_record), the claim check, the next year's targets."""
    tracked = targets.track_record(summary, audit.implied_figures(summary))
    claim = targets.targets_met_claim(summary, tracked)
    checks = targets.check_targets(summary)  # the targets the selection's own documents set
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
    res = SectionResult({}, {}, flags={"claim": claim.status}, key_figures=key)
    res.tracked, res.claim, res.checks, res.counts, res.verdicts = tracked, claim, checks, n, v
    return res
