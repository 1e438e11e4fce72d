"""The report's first lines: the key judgements and how far to trust the figures.

A key judgement IS a statement (helpers.calc.statements): it says how strong it is (printed /
implied / depends on an assumption) and links to the section that holds its evidence. Findings are
picked from the statements the sections' own `analyse(summary)` return, by an ordered list of
statement keys (`FINDINGS`, `PLAN_REVIEW`, `PLAIN`: no city, year or figure in them), so a key
judgement says exactly what its section says, and a target can never lead as a level: a level
statement takes only actual or estimated figures. Where a judgement needs its own statement (the
targets a plan sets, what the data cannot tell yet, the caveats from the audit) it is built here
with the Builder; its words are in messages/<lang>/judgements.po.

- A selection led by a work summary (or any document that reports outcomes) leads with the sharpest
  findings its sections state; when they are fewer than `MIN_FINDINGS`, the plain printed levels
  follow.
- A selection led by a plan reads as a review of the plan: the targets it sets (a floor stays a
  floor), each against the last known level where a section holds one, their outcomes now known
  (section 9's ledger, labelled as later where a later document holds them), and what the data
  cannot tell yet.
- The caveats: claims the documents' own figures contradict, implausible figures, claims that
  cannot be checked, documents held only as openings, garbled text, implied figures.
"""
from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from helpers.calc import audit
from helpers.calc.derive import Derived
from helpers.calc.statements import Builder, Items, Statement, Text, Word
from helpers.data.figures import per_summary
from helpers.data.meaning import is_change
from helpers.present import audit_view, catalog, numbers
from helpers.present.i18n import t
from helpers.sections import registry

MIN_FINDINGS = 5
MAX_FINDINGS = 8

# A catalog section (data/catalog.csv) and the report section that shows its figures.
CATALOG_SECTIONS = {"rd_input": 2, "firm_cultivation": 3, "platforms": 4, "technology_trading": 5,
                    "science_finance": 6, "talent_technology": 7, "hte_decline": 8, "policy_2022": 9}
AUDIT, APPENDIX, TARGETS = 10, 12, 9


@dataclass(frozen=True)
class Pick:
    """Statements of one section (None: of any section, in section order) to lead with: a key, or
    every key under a prefix ending in '.';
    at most `most` of them; `verdicts` keeps only target outcomes with one of these verdicts, `own`
    only statements about a target the selection's own documents set; `latest` takes the section's
    last statements first (its ledger runs from the earliest year)."""
    section: int | None
    key: str
    most: int = 1
    verdicts: tuple[str, ...] = ()
    own: bool = False
    latest: bool = False

    def matches(self, st: Statement, own: Iterable[str] = ()) -> bool:
        if ".other_reading" in st.key:  # the other reading of a target stays beside its own in section 9
            return False
        if not (st.key == self.key or st.key.startswith(self.key if self.key.endswith(".") else self.key + ".")):
            return False
        if self.verdicts and getattr(st.get("verdict"), "key", st.get("verdict")) not in self.verdicts:
            return False
        return not self.own or getattr(st.get("target"), "source", None) in own


# The sharpest findings a summary's sections state, in the order a reader needs them: the keys are
# the sections' own (their words in the sections' catalogs; `lead` rewords one to stand alone).
FINDINGS = (
    Pick(1, "rank.overview."),                          # the document's ranks: "every" only as it prints it
    Pick(8, "change.hte.stock_change"),                 # the stock of high-tech enterprises against the last actual
    Pick(8, "change.hte.reports"),                      # the fall in candidates reported to the ministry
    Pick(8, "bound.hte.rd_expense_upper"),              # the tax review: an upper bound, never a count
    Pick(None, "level.other.actual.fall", most=2),      # a fall a document prints, in any section
    Pick(None, "level.other.actual.growth.fall", most=2),
    Pick(2, "target_ambition.rd.needed"),               # what the R&D target needs at the actual GDP
    Pick(2, "scenario.rd."),                            # ... or under a stated assumption where GDP is not known
    Pick(5, "implied.trading.average_vs_province"),     # contracts: the average value against the province's
    Pick(TARGETS, "target_outcome.", most=2, verdicts=("missed", "met"), latest=True),
    Pick(TARGETS, "target_ambition.level", most=2, own=True),   # next year's targets against the level reached
)
# A plan-led selection reads as a review of the plan: the targets it sets (this module's list), their
# continuity with earlier plans, against the last known level, their outcomes now known (section 9's
# ledger, labelled as later where a later document holds them), and what the data cannot tell yet.
PLAN_REVIEW = (
    Pick(TARGETS, "list.judgements.plan_targets", most=3),
    Pick(TARGETS, "target_set.ledger.continuity", most=2, own=True),
    Pick(TARGETS, "target_ambition.level", most=2, own=True),
    Pick(TARGETS, "target_outcome.", most=3, verdicts=("missed", "met"), own=True),
    Pick(TARGETS, "target_outcome.", most=2, verdicts=("missed", "met")),
    Pick(TARGETS, "caveat.ledger.open.", latest=True),
)
# The plain printed levels, when the sharper findings are fewer than MIN_FINDINGS.
PLAIN = (
    Pick(1, "level.overview."),                 # R&D spending and intensity (section 2 states the same)
    Pick(3, "level.firms.hte_count."),
    Pick(5, "level.trading.contract_count"),
)


@dataclass(frozen=True)
class Judgement:
    """A statement as a key judgement or caveat: its strength and the section with its evidence."""
    statement: Statement
    section: int

    @property
    def strength(self) -> str:
        return self.statement.strength

    @property
    def key(self) -> str:
        return self.statement.key

    def text(self, lang: str, data_dir=None) -> str:
        return catalog.render(self.statement, lang, data_dir)

    def strength_word(self, lang: str) -> str:
        return catalog.strength_word(self.statement, lang)


# --- the sections' statements -------------------------------------------------------------------


def pick(pool: dict[int, list[Statement]], order: Iterable[Pick], own: Iterable[str] = ()) -> list[Judgement]:
    """The statements of `pool` that the ordered picks name, each once, in the picks' order, each
    in the words it stands on its own with (`lead`). `own`: the selection's own documents."""
    out: list[Judgement] = []
    seen: set[int] = set()
    own = tuple(own)
    for p in order:
        taken = 0
        numbers = sorted(pool) if p.section is None else [p.section]
        candidates = [(n, st) for n in numbers for st in pool.get(n, ())]
        for n, st in (reversed if p.latest else list)(candidates):
            if taken >= p.most:
                break
            if id(st) not in seen and p.matches(st, own):
                out.append(Judgement(lead(st), n))
                seen.add(id(st))
                taken += 1
    return out


def lead(st: Statement) -> Statement:
    """A section's statement as a key judgement: the same record (slots, strength, figures) under
    `<predicate>.lead.<rest of its key>` when messages/*/judgements.po words it to stand on its own
    (a section's paragraph may lean on the sentence before it: "That is down 104 ..."); else as is.
    A pointer back to a reading of the text becomes the reading itself."""
    rest = st.key[len(st.predicate) + 1:]
    key = f"{st.predicate}.lead" + (f".{rest}" if rest else "")
    # standing alone, a sentence cannot point back to a reading given above: it gives it
    notes = tuple(("note.reading", s) if k == "note.reading.again" else (k, s) for k, s in st.notes)
    st = replace(st, notes=notes)
    if all(key in catalog.messages(lang) for lang in ("en", "zh")):
        return replace(st, key=key)
    return st


# --- this module's own statements --------------------------------------------------------------


def _kind_word(summary, source: str) -> Word:
    kind = str(summary.dataset.sources.set_index("source").loc[source, "kind"])
    return Word(f"source_kind.{kind}")


def _opening(summary, source: str) -> bool:
    src = summary.dataset.sources.set_index("source")
    return "completeness" in src.columns and str(src.loc[source, "completeness"]) == "opening"


def plan_statements(b: Builder, summary) -> None:
    """The targets each of the selection's own documents sets, whole and in the document's order,
    one list per document and target year; a floor stays a floor (numbers.figure writes its bound)."""
    targets = summary.figures(kind="target", own=True)
    groups: dict[tuple[str, int], list] = {}
    for f in targets:
        if f.region == summary.city:
            groups.setdefault((f.source, f.period), []).append(f)
    for (source, period), figs in groups.items():
        items = Items(tuple(figs), sources=(source,), figures=tuple(figs))  # an assumed year on its own item
        title = summary.source_title(source)
        key = "list.judgements.plan_targets" + (".opening" if _opening(summary, source) else "")
        b.say("list", key, items=items, whole=len(figs), n=len(figs), period=Text(str(period), str(period)),
              title=Text(title, title), kind=_kind_word(summary, source))


# --- caveats: how far to trust the figures -------------------------------------------------------


def _range(bound, unit: str, lang: str) -> str:
    """A plausible range in words: 'at most 5,000×' / '不超过5000倍', '5%–30%' / '5%至30%'."""
    from helpers.data.units import format_value
    num = lambda x: format_value(x, unit, lang)  # noqa: E731
    if bound.low == float("-inf") or bound.low == 0:
        return catalog.message("bound.at_most", lang).format(v=num(bound.high))
    if bound.high == float("inf"):
        return catalog.message("bound.at_least", lang).format(v=num(bound.low))
    return catalog.message("word.judgements.range", lang).format(lo=num(bound.low), hi=num(bound.high))


def _figure_of(result):
    return next((i.figure for i in result.inputs if i.figure is not None), None)


def _corroborating(checked, figure):
    """A check the figure passes with another printed claim (455 firms and a fall of 50.16% from
    913): evidence for that figure, which a caveat on which number slipped must not ignore."""
    return next((r for r in checked if r.status == "consistent" and r.claim is not None
                 and r.claim != figure and any(i.figure == figure for i in r.inputs)), None)


def check_statements(b: Builder, results, annex: bool = False) -> list[Judgement]:
    """Claims the documents' own figures contradict, which number may be the wrong one, and claims
    that cannot be checked: statements about the checks, made only when checks ran."""
    out = []
    checked = audit.checks(results)
    bad = [r for r in checked if r.status == "inconsistent" and r.derived() is not None]
    if bad:
        names = Items(tuple(Text(r.label("en"), r.label("zh")) for r in bad),
                      figures=tuple(r.claim for r in bad if r.claim is not None))
        decided = [r for r in checked if r.status in ("consistent", "inconsistent")]
        out.append(Judgement(b.say("check_result", "check_result.judgements.inconsistent", checked=len(decided),
                                   bad=len(bad), names=names, recomputed=bad[0].derived()), AUDIT))
    for r in bad:  # a printed rate against printed counts: it may be either number that slipped
        if r.relation.formula != "rate" or r.claim is None or len(r.inputs) != 2:
            continue
        part, whole = (i.figure for i in r.inputs)
        if part is None or whole is None or not whole.value:
            continue
        n = round(r.claim.value / 100 * whole.value)
        if round(n / whole.value * 100, r.decimals) != round(r.claim.value, r.decimals):
            continue
        count = Derived(n, "count", f"{r.claim.printed}% × {whole.printed}", (r.claim, whole))
        fits = Derived(n / whole.value * 100, "percent", f"{n} / {whole.printed} × 100", (whole,))
        backing = _corroborating(checked, part)
        if backing is None:
            out.append(Judgement(b.say("check_result", "check_result.judgements.which_number", claim=r.claim,
                                       whole=whole, part=part, n=count, fits=fits, checked=1), AUDIT))
        else:  # the count agrees with another printed figure: the data do not point at it
            key = "check_result.judgements.which_number.corroborated" + ("" if is_change(backing.claim.indicator) else ".level")
            via = next((i.figure for i in backing.inputs if i.figure is not None and i.figure != part), None)
            out.append(Judgement(b.say("check_result", key,
                                       claim=r.claim, whole=whole, part=part, n=count, fits=fits, checked=2,
                                       other=backing.claim, via=via), AUDIT))
        break
    missing = [r for r in checked if r.status == "unverifiable"]
    if missing:
        which = Items(tuple(Text(r.label("en"), r.label("zh")) for r in missing),
                      figures=tuple(r.claim for r in missing if r.claim is not None))
        if len(missing) == len(checked):  # none recomputed: a caveat that no check ran, not a verdict count
            key = ("caveat.judgements.unverifiable_none" + (".one" if len(missing) == 1 else "")
                   + (".annex" if annex else ""))  # one claim is said alone: no "none of the 1", no 均
            out.append(Judgement(b.say("caveat", key, n=len(missing), which=which), AUDIT))
        else:
            key = "check_result.judgements.unverifiable" + (".annex" if annex else "")
            out.append(Judgement(b.say("check_result", key, checked=len(checked), n=len(missing), which=which), AUDIT))
    return [j for j in out if j.statement is not None]


def implausible_statements(b: Builder, results, bounds) -> list[Judgement]:
    """The implied figures outside their plausible range, grouped under the printed figure they
    come from, each with its range, and the reason the range holds."""
    flagged = [r for r in audit.implausible(results) if r.derived() is not None]
    if not flagged:
        return []
    main = _figure_of(flagged[0])
    group = [r for r in flagged if _figure_of(r) == main]
    def item(r, lang):
        v = numbers.figure(r.derived(), lang, "bare")
        b_ = bounds.get(r.check)
        rng = "" if b_ is None else _range(b_, r.unit, lang)
        return catalog.message("word.judgements.implausible_item", lang).format(name=r.label(lang), v=v, range=rng)
    reason_of = group[0] if len(group) == 1 else max(group, key=lambda r: r.unit == "percent")
    bound = bounds.get(reason_of.check)
    reason = None if bound is None else Text(bound.reason_en.rstrip(".") + ".", bound.reason_zh.rstrip("。") + "。")
    items = Items(tuple(Text(item(r, "en"), item(r, "zh")) for r in group))
    st = b.say("caveat", "caveat.judgements.implausible", main=main, items=items, reason=reason,
               first=group[0].derived())
    section = CATALOG_SECTIONS.get(getattr(main, "section", ""), AUDIT)
    return [] if st is None else [Judgement(st, section)]


def document_statements(b: Builder, summary) -> list[Judgement]:
    """Documents held only as their opening, and figures read from garbled text."""
    out = []
    cited = set(summary.own) | {f.source for f in registry.cited_figures(registry.analyse_all(summary))}
    cut = [s for s in summary.documents if s in cited and _opening(summary, s)]  # only what the report cites
    if cut:
        titles = Items(tuple(Text(f"《{summary.source_title(s)}》", f"《{summary.source_title(s)}》") for s in cut),
                       sources=tuple(cut))
        out.append(Judgement(b.say("caveat", "caveat.judgements.openings", n=len(cut), items=titles), APPENDIX))
    garbled = [f for f in summary.figures(own=True) if re.search(r"\braw\b", f.note, re.IGNORECASE)]
    if garbled:
        # each with its year and, for a plan's, its kind: a target is not the count of the year before
        def named(f, lang: str) -> str:
            kind = t(f.kind, lang) if f.kind == "target" else ""
            return f"{f.period}年{f.name(lang)}{kind}" if lang == "zh" else \
                f"{f.name(lang)} ({f.period}{', ' + kind if kind else ''})"
        which = Items(tuple(Text(named(f, "en"), named(f, "zh")) for f in garbled), figures=tuple(garbled))
        out.append(Judgement(b.say("caveat", "caveat.judgements.garbled", n=len(garbled), which=which), APPENDIX))
    return [j for j in out if j.statement is not None]


def implied_statements(b: Builder, results) -> list[Judgement]:
    """How many figures of the report are implied, with an example and the range its inputs' rounding
    allows (the city's GDP where the audit implies it)."""
    imp = audit_view.shown_implied(results)  # the figures section 10 lists, counted alike
    if not imp:
        return []
    ranged = [r for r in imp if r.determined and audit_view.range_text(r, "en")]
    ex = next((r for r in ranged if r.check == "city_gdp"), ranged[0] if ranged else None)
    if ex is None:
        st = b.say("caveat", "caveat.judgements.implied", n=len(imp), first=imp[0].derived(undetermined=True))
    else:  # its range as section 10's table writes it
        st = b.say("caveat", "caveat.judgements.implied.example", n=len(imp), example=ex.derived(),
                   name=Text(ex.label("en"), ex.label("zh")),
                   range=Text(audit_view.range_text(ex, "en"), audit_view.range_text(ex, "zh")))
    return [] if st is None else [Judgement(st, AUDIT)]


# --- the two lists ---------------------------------------------------------------------------


def sections(summary) -> dict[int, list[Statement]]:
    """Each section's statements by section number (helpers.sections.registry)."""
    return registry.statements(registry.analyse_all(summary))


@per_summary
def findings(summary, pool: dict[int, list[Statement]] | None = None) -> list[Judgement]:
    """Up to MAX_FINDINGS key findings, picked from the sections' statements: for a plan-led
    selection the review of the plan, else the sharpest findings; the plain printed levels fill in
    when fewer than MIN_FINDINGS are found (before the findings of a summary, after a plan's)."""
    pool = sections(summary) if pool is None else pool
    plan = summary.plan_led
    b = Builder.for_summary(summary, topic="judgements.findings")
    if plan:
        plan_statements(b, summary)
    pool = {n: list(v) for n, v in pool.items()}
    pool.setdefault(TARGETS, []).extend(b.out)
    out = pick(pool, PLAN_REVIEW if plan else FINDINGS, summary.own)
    if len(out) < MIN_FINDINGS:
        said = [x.statement.slots for x in out]
        plain = [j for j in pick(pool, PLAIN) if j.statement.slots not in said][:MIN_FINDINGS - len(out)]
        out = out + plain if plan else plain + out
    if plan and len(out) > MAX_FINDINGS and out[-1].statement.predicate == "caveat":
        out = out[:MAX_FINDINGS - 1] + out[-1:]  # a plan's review ends on what the data cannot tell yet
    return out[:MAX_FINDINGS]


@per_summary
def caveats(summary, results=None) -> list[Judgement]:
    """How far to trust the figures: claims the documents' own figures contradict, implausible
    figures, claims that cannot be checked, documents held only as openings, garbled text, implied
    figures; the three a reader most needs come first."""
    results = audit.evaluate(summary) if results is None else results
    bounds = {b.check: b for b in getattr(summary.dataset, "plausibility", ())}
    b = Builder.for_summary(summary, topic="judgements.caveats")
    checks = check_statements(b, results, annex=summary.cites_annex())
    return (checks[:1] + implausible_statements(b, results, bounds) + checks[1:]
            + document_statements(b, summary) + implied_statements(b, results))


# --- presentation -----------------------------------------------------------------------------


def as_html(items: list[Judgement], lang: str, data_dir=None, css_class: str = "judgements") -> str:
    """An ordered list: each item's sentence, its strength and a link to the section with the evidence."""
    lis = []
    for j in items:
        tag = catalog.message("judgement.strength_tag", lang).format(strength=j.strength_word(lang))
        link = catalog.message("judgement.link", lang).format(n=j.section)
        lis.append(f'<li class="strength-{j.strength}">{html.escape(j.text(lang, data_dir))} '
                   f'<span class="strength">{html.escape(tag)}</span> '
                   f'<a class="evidence" href="#section-{j.section}">{html.escape(link)}</a></li>')
    return f'<ol class="{css_class}">' + "".join(lis) + "</ol>"


def show(nb, items: list[Judgement], css_class: str = "judgements") -> None:
    """Show the list in the notebook, record its statements (tables/NN_statements.csv) and cite the
    figures they rest on. Nothing is shown for an empty list."""
    from IPython.display import HTML, display

    if not items:
        return
    display(HTML(as_html(items, nb.lang, nb.data_dir, css_class)))
    nb.record([j.statement for j in items])
    figures = [f for j in items for f in j.statement.figures]
    if figures:
        nb.cite(list(dict.fromkeys(figures)))
