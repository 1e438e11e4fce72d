"""Section 06, science finance: the instruments the selection's documents report (a guide fund's
equity stakes, a credit scheme whose loans a public risk pool backs, subsidised technology
insurance), what each moves per firm, and the credit scheme's running total of loans against its
pool, with the document's own claims about it.

What the section may say is decided by rules, for any city and year:

- a scheme is named by its row of data/schemes.csv for the selection's city (helpers.data.schemes);
  with no row, nothing is said about the scheme, so another city is never told of a scheme that is not its own;
- a year's loans are a flow and the loans since the scheme began a running total
  (data/measures.csv): the two are said to differ, never compared as like; the leverage is the
  running total over the pool, as the document computes it;
- the document's word claim about that leverage (relations.csv, e.g. 十余倍) is read as the range
  the data read it as (十余倍: 10 to 20 times), with the audit's verdict on it;
- figures computed from a bound keep the bound (about, nearly, more than);
- the document's claims and problems are stated as its own (data/verdicts.csv, data/lists.csv).

Indicator ids below are the catalog's measures of a credit scheme, a guide fund and insurance:
another city's rows use them with its own scheme's name.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from helpers.calc import audit
from helpers.calc.audit import implied_from
from helpers.calc.derive import Derived, ratio
from helpers.calc.lists import document_items
from helpers.calc.result import SectionResult, key_row
from helpers.calc.statements import Builder, Items, Phrase, Text, bounded
from helpers.data.figures import Figure, per_summary
from helpers.data.regions import region_name
from helpers.data.schemes import scheme_of

FUND = {"count": "guide_fund_equity_projects", "amount": "guide_fund_equity_amount"}
CREDIT = {"firms": "kedaitong_firms", "loans": "kedaitong_loans", "cumulative": "kedaitong_loans_cumulative",
          "pool": "kedaitong_risk_pool"}
INSURANCE = {"firms": "tech_insurance_firms", "subsidy": "tech_insurance_premium_subsidy",
             "cover": "tech_insurance_coverage"}
PRINTED = (*FUND.values(), CREDIT["firms"], CREDIT["loans"], CREDIT["cumulative"], CREDIT["pool"],
           *INSURANCE.values())
# The document's claims this section states (data/verdicts.csv) and the lists it gives (data/lists.csv).
NO_BAD_LOANS, POOL_SMALL = "credit_no_bad_loans", "finance_pool_small"
POOL_SMALL_CAUSES, POOL_SMALL_EFFECTS = "finance_pool_small_causes", "finance_pool_small_effects"


@dataclass(frozen=True)
class WordClaim:
    """A word claim of the selection's own document about a ratio (十余倍), with the range the data
    read it as (relations.csv: 十余倍 is 10 to 20 times) and the audit's verdict on it: one reading
    and one verdict, in this section as in the audit."""
    low: float
    high: float
    quote: str
    source: str
    status: str   # the audit's: consistent | inconsistent | unverifiable

    def holds(self) -> bool | None:
        return None if self.status == "unverifiable" else self.status == "consistent"


def word_claim(summary, *indicators: str) -> WordClaim | None:
    """The claim a relation of data/relations.csv reads from the selection's own document about the
    ratio of `indicators`, with its range and the audit's verdict; None when the selection's
    documents make none."""
    for r in audit.evaluate(summary):
        rel = r.relation
        if (rel.bounds and rel.source in summary.own
                and tuple(getattr(i, "indicator", None) for i in rel.inputs) == indicators):
            return WordClaim(rel.bounds[0], rel.bounds[1], rel.claim_quote, rel.source, r.status)
    return None


@dataclass(frozen=True)
class Instrument:
    """One instrument as the table shows it: a count of firms or projects, an amount, the amount
    per firm or project; `scheme` is the scheme's name (None for an instrument the catalog names)."""
    key: str
    count: Figure | None
    amount: Figure | None
    per_unit: Derived | None
    scheme: Text | Phrase | None = None
    assumption: str = ""  # the assumption its figures rest on (Builder.assumption_of), '' for none


def claim_row(summary, claim: str):
    """The selection's own verdicts.csv row of a claim, or None."""
    tab = summary.table("verdicts")
    hit = tab[tab["claim"] == claim] if len(tab) else tab
    return None if hit.empty else hit.iloc[0]


def name_of(summary, indicator: str) -> Text | Phrase | None:
    """The name of the credit scheme whose figures `indicator` reports, as the city's documents
    write it (zh in quotation marks: “洪城科贷通”); when the city has figures of such a scheme but
    no document of the selection names it, the catalog's neutral words (scheme.unnamed.credit),
    so its figures are still stated and never under another city's name. None without figures."""
    s = scheme_of(summary, indicator)
    if s is not None:
        return Text(s.name_en, f"“{s.name_zh}”")
    if summary.get(indicator) is None:
        return None
    city = Text(*(region_name(summary.city, lang, summary.dataset.data_dir) for lang in ("en", "zh")))
    return Phrase("scheme.unnamed.credit", (("city", city),))


# --- statements -------------------------------------------------------------------------------------

def instrument_statements(b: Builder, g: dict, d: dict, scheme: Text | Phrase | None) -> None:
    """Each instrument as printed, and what it comes to per firm or project (implied)."""
    amount, count = g[FUND["amount"]], g[FUND["count"]]
    if b.say("level", "level.finance.guide_fund", amount=amount, count=count) is None:
        b.say("level", "level.finance.guide_fund_amount", amount=amount)
    b.say("implied", "implied.finance.per_project", per=d["equity_per_project"])
    loans, firms = g[CREDIT["loans"]], g[CREDIT["firms"]]
    if b.say("level", "level.finance.credit", loans=loans, firms=firms, scheme=scheme) is None:
        b.say("level", "level.finance.credit_loans", loans=loans, scheme=scheme)
    b.say("implied", "implied.finance.per_firm_loan", per=d["loan_per_firm"], scheme=scheme)
    ins = {k: g[v] for k, v in INSURANCE.items()}
    if b.say("level", "level.finance.insurance", **ins) is None:
        if b.say("level", "level.finance.insurance_subsidy", firms=ins["firms"], subsidy=ins["subsidy"]) is None:
            b.say("level", "level.finance.insurance_firms", firms=ins["firms"])  # the count alone, as printed
        b.say("level", "level.finance.insurance_cover", cover=ins["cover"])
    b.say("implied", "implied.finance.subsidy_per_firm", per=d["subsidy_per_firm"])
    b.say("implied", "implied.finance.cover_per_firm", per=d["coverage_per_firm"])
    b.say("implied", "implied.finance.cover_per_subsidy", ratio=d["coverage_per_subsidy"])


def credit_statements(b: Builder, g: dict, d: dict, scheme: Text | Phrase | None, claim: WordClaim | None,
                      no_bad_loans) -> None:
    """The credit scheme's running total of loans against its pool: the leverage as the document
    computes it, its word claim checked as the range the data read it as (the audit's verdict), the year's lending said to be a
    flow, and the document's claim about bad loans as its own, with its period."""
    pool, cumulative, loans = g[CREDIT["pool"]], g[CREDIT["cumulative"]], g[CREDIT["loans"]]
    if b.say("level", "level.finance.credit_cumulative", pool=pool, cumulative=cumulative, scheme=scheme) is None:
        b.say("level", "level.finance.credit_cumulative_only", cumulative=cumulative, scheme=scheme)
    lev = d["leverage_cumulative"]
    b.say("implied", "implied.finance.leverage", leverage=lev, scheme=scheme)
    if claim is not None and lev is not None and claim.holds() is not None:
        b.say("check_result", f"check_result.finance.leverage_claim.{claim.status}", leverage=lev,
              low=claim.low, high=claim.high, quote=claim.quote, checked=1, scheme=scheme)
    b.comparison("finance.credit_loans", loans, cumulative, scheme=scheme)
    if no_bad_loans is not None:
        b.say("caveat", "caveat.finance.no_bad_loans", scheme=scheme, quote=str(no_bad_loans["quote"]),
              period=str(no_bad_loans["period"]))


def judgement_statements(b: Builder, pool_small, causes: Items | None, effects: Items | None) -> None:
    """The document's own judgement on science finance, with the cause and consequences it gives."""
    if pool_small is None:
        return
    claim = Text(str(pool_small["claim_en"]), str(pool_small["claim_zh"]))
    b.say("list", "list.finance.pool_small", claim=claim, items=causes, whole=None if causes is None else len(causes))
    b.say("list", "list.finance.pool_small_effects", items=effects, whole=None if effects is None else len(effects))


@per_summary
def analyse(summary) -> SectionResult:
    """Every figure the science-finance notebook shows, its statements by topic (`instruments`,
    `credit`, `judgement`), the instruments' table rows and the key figures."""
    g = {k: summary.get(k) for k in PRINTED}
    implied = audit.implied_figures(summary)
    loans, firms = g[CREDIT["loans"]], g[CREDIT["firms"]]
    cumulative, pool = g[CREDIT["cumulative"]], g[CREDIT["pool"]]
    d = {
        "equity_per_project": implied_from(implied, FUND["amount"], FUND["count"]),
        "loan_per_firm": bounded(implied_from(implied, CREDIT["loans"], CREDIT["firms"]), loans, firms),
        "leverage_cumulative": bounded(implied_from(implied, CREDIT["cumulative"], CREDIT["pool"])
                                       or ratio(cumulative, pool), cumulative, pool),
        "loans_over_pool": bounded(ratio(loans, pool), loans, pool),
        "subsidy_per_firm": implied_from(implied, INSURANCE["subsidy"], INSURANCE["firms"]),
        "coverage_per_subsidy": implied_from(implied, INSURANCE["cover"], INSURANCE["subsidy"]),
        "coverage_per_firm": implied_from(implied, INSURANCE["cover"], INSURANCE["firms"]),
    }
    scheme = next((n for n in (name_of(summary, CREDIT[k]) for k in ("loans", "cumulative", "pool", "firms"))
                   if n is not None), None)
    claim = word_claim(summary, CREDIT["cumulative"], CREDIT["pool"])
    fits = None if claim is None or d["leverage_cumulative"] is None else claim.holds()

    b = Builder.for_summary(summary, topic="finance.instruments")
    instrument_statements(b, g, d, scheme)
    b.topic = "finance.credit"
    credit_statements(b, g, d, scheme, claim, claim_row(summary, NO_BAD_LOANS))
    b.topic = "finance.judgement"
    judgement_statements(b, claim_row(summary, POOL_SMALL), document_items(summary, POOL_SMALL_CAUSES),
                         document_items(summary, POOL_SMALL_EFFECTS))

    instruments = [
        Instrument("guide_fund", g[FUND["count"]], g[FUND["amount"]], d["equity_per_project"]),
        Instrument("credit", firms, loans, d["loan_per_firm"], scheme),
        Instrument("insurance_subsidy", g[INSURANCE["firms"]], g[INSURANCE["subsidy"]], d["subsidy_per_firm"]),
        Instrument("insurance_cover", g[INSURANCE["firms"]], g[INSURANCE["cover"]], d["coverage_per_firm"]),
    ]
    instruments = [replace(i, assumption=b.assumption_of(i.count, i.amount, i.per_unit))
                   for i in instruments if i.amount is not None]
    floor = None if claim is None else f"fits {claim.quote} ({claim.low:g} to {claim.high:g}): {fits}"
    key = [key_row("guide fund equity per project", d["equity_per_project"]),
           key_row("credit scheme loan per firm", d["loan_per_firm"]),
           key_row("credit scheme cumulative loans / risk pool", d["leverage_cumulative"], note=floor or ""),
           key_row("credit scheme loans of the year / risk pool (a flow over the pool: not stated)",
                   d["loans_over_pool"]),
           key_row("insurance subsidy per firm", d["subsidy_per_firm"]),
           key_row("sum insured / premium subsidy", d["coverage_per_subsidy"], 0),
           key_row("sum insured per firm", d["coverage_per_firm"])]
    implausible = {k: v.flag for k, v in d.items() if v is not None and v.flag}
    res = SectionResult(g, d, flags={"fits_claim": fits, "implausible": implausible}, key_figures=key)
    b.rest("science_finance")
    res.statements, res.instruments, res.scheme, res.claim = b.out, instruments, scheme, claim
    res.pool, res.cumulative = pool, cumulative
    return res
