"""What the report says, as data: a statement is a predicate, the figures it rests on, its strength.

A section's `analyse` returns `Statement`s; `helpers.present.catalog` writes them in each language
from the message catalogs. A statement is checked where it is built, by rules that hold for any
city and year, so a sentence that says more than its figures cannot be made:

- a level, change, share, rank, rate or comparison rests on actual or estimated figures, never on
  a target or a policy parameter; a target enters only target statements;
- a comparison or a change is of one measure (the same indicator, or measures the catalog
  declares comparable in its `measure` column) and one scope (a flow, a stock, a running total);
  a change goes forward in time; a change computed from a bound is itself a bound;
- a rate needs a numerator and a denominator that a relation of data/relations.csv links;
- "first", "only", "all", "every" need a quote that says so or a series that shows it;
- a statement about the checks needs at least one check; a list is the document's list, whole;
- a verdict on a target needs an actual outcome of the target's year;
- a scenario's assumption stands only for what the data do not hold.

A broken rule raises `StatementError`: the tests see it, the report never prints it.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from helpers.calc import audit
from helpers.calc.derive import Derived, figures_behind
from helpers.data.figures import Figure
from helpers.data.notes import readings
from helpers.data.schema import PLAN_PERIOD_YEARS
from helpers.errors import StatementError

PREDICATES = {
    "level": "a figure's value in a period (actual or estimate)",
    "change": "a change between two periods of one measure and scope",
    "share": "a part of a whole",
    "rank": "a printed rank",
    "bound": "a one-sided bound or an approximate figure",
    "rate": "a rate of a numerator over a denominator that a relation links",
    "implied": "a figure the documents imply, with its formula",
    "target_set": "a target a document sets",
    "target_ambition": "a target against the last known level of its own measure",
    "target_outcome": "a target's verdict, as of the selection and as now known",
    "comparison": "two figures of one measure side by side",
    "not_comparable": "two figures that measure different things, said so",
    "check_result": "the result of recomputing the documents' arithmetic",
    "list": "a list a document gives, whole",
    "caveat": "a limit on how far the figures can be trusted",
    "policy": "a policy parameter a plan sets (a rate, a threshold, a cap)",
    "scenario": "what follows under a stated assumption",
    "heading": "a title of a part of a section",
}
STRENGTHS = ("printed", "implied", "assumption")
OUTCOME_KINDS = ("actual", "estimate")
VERDICTS = ("met", "missed", "pending", "unverifiable")
ABSOLUTE_WORDS = {  # a word the report may use only when a quote prints one of these
    "first": ("首次", "第一次", "首个", "首家", "第一个"),
    "only": ("唯一", "仅有", "只有"),
    "all": ("全部", "均", "所有", "全覆盖", "其余指标均"),
    "every": ("每年", "每个", "每项", "均"),
}
# Predicates whose figures must all be outcomes (actual or estimate): no target, no policy value.
OUTCOME_PREDICATES = ("level", "change", "share", "rank", "rate", "implied", "comparison", "check_result")


@dataclass(frozen=True)
class Statement:
    """One assertion of the report. `key` names its wording in the catalogs (`predicate` or
    `predicate.variant`); `slots` hold what fills it: Figures, Derived values, numbers, words
    (`Text`), lists (`Items`), region ids (`Region`)."""
    predicate: str
    key: str
    slots: tuple[tuple[str, object], ...]
    strength: str
    topic: str = ""
    absolute: str = ""
    assumption: str = ""
    # (label_en, label_zh) of each implausible implied figure the statement shows or shows a
    # printed input of: the flag goes wherever the figure goes
    flags: tuple[tuple[str, str], ...] = ()
    # (title, published) of the documents behind it that came out after the selection's leading
    # document (Summary.later): what the report could not have known then is labelled so
    later: tuple[tuple[str, str], ...] = ()
    # notes the rules add after the sentence, each (catalog key, slots): a change between figures of
    # two documents says so; a change computed where a document prints the growth shows that too
    notes: tuple[tuple[str, tuple], ...] = ()

    def __getitem__(self, name: str):
        return dict(self.slots)[name]

    def get(self, name: str, default=None):
        return dict(self.slots).get(name, default)

    @property
    def numbers(self) -> tuple:
        """The Figures and Derived values the statement rests on, in slot order (a `Parts` slot's
        figures one by one)."""
        return tuple(x for _, v in self.slots
                     for x in (v.figures if isinstance(v, Parts) else (v,)) if isinstance(x, (Figure, Derived)))

    @property
    def figures(self) -> tuple[Figure, ...]:
        """Every printed figure behind the statement, through derived values, each once."""
        out: list = []
        for v in self.numbers:
            for f in figures_behind(v):
                if f not in out:
                    out.append(f)
        for _, v in self.slots:
            if isinstance(v, Items):
                for f in v.figures:
                    if f not in out:
                        out.append(f)
        return tuple(out)

    @property
    def sources(self) -> tuple[str, ...]:
        """The documents the statement's figures (and listed items) come from, each once."""
        out: list[str] = []
        for s in [f.source for f in self.figures] + [s for _, v in self.slots if isinstance(v, Items)
                                                      for s in v.sources]:
            if s not in out:
                out.append(s)
        return tuple(out)


@dataclass(frozen=True)
class Text:
    """Words from the data in both languages (a cause, a measure, a scheme's name)."""
    en: str
    zh: str

    def __call__(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


@dataclass(frozen=True)
class Phrase:
    """An item worded by the catalog (message `key`) from words of the data (`fields`: name -> Text),
    e.g. a rule's aspect, before and after: the section says what, the catalog how."""
    key: str
    fields: tuple[tuple[str, Text], ...]

    def render(self, lang: str, message) -> str:
        return message(self.key, lang).format(**{k: v(lang) for k, v in self.fields})


@dataclass(frozen=True)
class Region:
    """A region id, written as its name in the reader's language (data/regions.csv)."""
    id: str


@dataclass(frozen=True)
class Word:
    """A word of the catalog (`word.<key>`): a kind, a verdict, a direction."""
    key: str


@dataclass(frozen=True)
class Parts:
    """Figures of one sentence that count different things (20名 talents, 20个 teams): each is
    named with its own value, and none is added to another."""
    figures: tuple


def in_sentence(name: str) -> str:
    """'New city key laboratories' -> 'new city key laboratories' inside a sentence (not 'R&D', 'VR')."""
    return name[:1].lower() + name[1:] if name[1:2].islower() else name


@dataclass(frozen=True)
class Items:
    """A list a document gives, whole: its items in order, with the quotes behind them."""
    items: tuple  # Text or Phrase
    quotes: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    figures: tuple = field(default=())
    open: bool = False  # the document ends the list with 等: "among others" / 等
    main: object = None  # Text: the document leads it with 主要 (主要原因是): its words for the items
    numbered: bool = True  # {items:ol} writes 一是…; a document's list it runs together is not numbered

    def __len__(self) -> int:
        return len(self.items)


# --- the rules ----------------------------------------------------------------------------------


def _kinds(values: Iterable) -> set[str]:
    return {f.kind for v in values for f in figures_behind(v)}


def _outcomes_only(predicate: str, numbers: tuple) -> None:
    bad = [f for v in numbers for f in figures_behind(v) if f.kind not in OUTCOME_KINDS]
    if bad:
        f = bad[0]
        raise StatementError(f"a {predicate} statement takes actual or estimated figures; "
                             f"{f.indicator} {f.period} is a {f.kind} ({f.source})")


def measure_of(figure, catalog: Mapping[str, Mapping] | None = None) -> str:
    """The measure a figure counts: the catalog's `measure` where declared, else its own indicator;
    a sum of figures ("a+b") measures the sum of their measures; an implied level, the measure of
    the figure it stands for."""
    if isinstance(figure, Derived) and figure.stands_for is not None:
        figure = figure.stands_for.indicator
    if isinstance(figure, Derived):
        return "+".join(sorted({measure_of(f, catalog) for f in figures_behind(figure)}))
    ind = figure.indicator if isinstance(figure, Figure) else str(figure)
    row = (catalog or {}).get(ind) or {}
    return str(row.get("measure") or "") or ind


def scope_of(figure, catalog: Mapping[str, Mapping] | None = None) -> str:
    """flow (a year's count), stock (a level at a date), cumulative (a running total) or ''."""
    if isinstance(figure, Derived) and figure.stands_for is not None:
        figure = figure.stands_for.indicator
    if isinstance(figure, Derived):
        return "+".join(sorted({scope_of(f, catalog) for f in figures_behind(figure)}))
    ind = figure.indicator if isinstance(figure, Figure) else str(figure)
    return str(((catalog or {}).get(ind) or {}).get("scope") or "")


def comparable(a, b, catalog: Mapping[str, Mapping] | None = None) -> bool:
    """Two figures measure the same thing: one indicator, or one declared measure and scope."""
    return measure_of(a, catalog) == measure_of(b, catalog) and scope_of(a, catalog) == scope_of(b, catalog)


def _check_comparable(predicate: str, a, b, catalog) -> None:
    if not comparable(a, b, catalog):
        raise StatementError(
            f"a {predicate} statement needs one measure and scope; {_id(a)} ({measure_of(a, catalog)}, "
            f"{scope_of(a, catalog) or 'no scope'}) is not {_id(b)} ({measure_of(b, catalog)}, "
            f"{scope_of(b, catalog) or 'no scope'}): say they are not comparable")


def _id(x) -> str:
    return x.indicator if isinstance(x, Figure) else getattr(x, "label", "") or "a derived value"


def _single(x) -> Figure | None:
    """The one printed figure a value is (a Figure), or None for a derived value."""
    return x if isinstance(x, Figure) else None


def bound_of_change(new, old) -> str:
    """The qualifier a difference new - old inherits: a floor on `new` is a floor on the change,
    a floor on `old` a ceiling on it; an approximate input keeps a bound a bound (more than 1,100
    against about 1,010 is a rise of more than about 90: the renderer adds 'about') and makes an
    exact change approximate; two floors leave no bound at all (StatementError)."""
    q_new = getattr(new, "qualifier", "exact")
    q_old = getattr(old, "qualifier", "exact")
    flip = {"at_least": "at_most", "at_most": "at_least", "exact": "exact", "approx": "exact"}
    a, b = ("exact" if q_new == "approx" else q_new), flip[q_old]
    if a == "exact" or b == "exact" or a == b:
        q = b if a == "exact" else a
        return "approx" if q == "exact" and "approx" in (q_new, q_old) else q
    raise StatementError(f"a change between a {q_new} and a {q_old} figure is unbounded: state the two figures")


def bound_known(new, old) -> bool:
    """Whether new - old has a bound at all (two floors, or two ceilings, have none)."""
    try:
        bound_of_change(new, old)
    except StatementError:
        return False
    return True


def bounded(d: Derived | None, new, old) -> Derived | None:
    """A change new - old carrying the bound its inputs give it (see bound_of_change); None when
    it has none, so no statement gives a number the figures do not bound."""
    if d is None:
        return None
    try:
        return replace(d, qualifier=bound_of_change(new, old))
    except StatementError:
        return None


def _has_evidence(absolute: str, evidence) -> bool:
    words = ABSOLUTE_WORDS.get(absolute)
    if words is None:
        raise StatementError(f"unknown absolute word {absolute!r}; use one of {', '.join(ABSOLUTE_WORDS)}")
    if isinstance(evidence, Figure):
        return any(w in evidence.quote for w in words)
    if isinstance(evidence, str):
        return any(w in evidence for w in words)
    if isinstance(evidence, SeriesEvidence):
        return evidence.holds
    return False


@dataclass(frozen=True)
class SeriesEvidence:
    """A series that shows an absolute claim: e.g. every earlier change in the data is a rise,
    so this fall is the first one the data hold."""
    holds: bool
    figures: tuple = ()


def _rule_change(s: dict, catalog) -> None:
    new, old = s.get("new"), s.get("old")
    if new is None or old is None:
        return
    _check_comparable("change", new, old, catalog)
    if _single(new) and _single(old) and new.period <= old.period:
        raise StatementError(f"a change runs forward in time: {new.indicator} {new.period} after {old.period}")
    if scope_of(new, catalog) == "cumulative" and "change" not in s:
        raise StatementError(f"{_id(new)} is a running total: a change of it is not a year's flow")


def _rule_rate(s: dict, relations) -> None:
    num, den = s.get("numerator"), s.get("denominator")
    if num is None or den is None:
        raise StatementError("a rate statement needs a numerator and a denominator")
    pair = (_id(num), _id(den))
    linked = {tuple(x) for x in (relations or ())}
    if pair not in linked:
        raise StatementError(f"no relation links {pair[0]} over {pair[1]}: "
                             f"two figures printed side by side are not a rate")


def _rule_target(predicate: str, s: dict, catalog) -> None:
    target = s.get("target")
    parts = s.get("targets")  # targets of different things, named one by one (never a sum)
    if isinstance(parts, Parts) and predicate != "target_ambition" and parts.figures \
            and _kinds(parts.figures) == {"target"}:
        return
    if not isinstance(target, (Figure, Derived)) or _kinds([target]) != {"target"}:
        raise StatementError(f"a {predicate} statement needs a target figure in slot 'target'")
    if predicate == "target_ambition":
        base = s.get("baseline")
        if base is None:
            raise StatementError("a target's ambition needs the level it is held against")
        _outcomes_only(predicate, (base,))
        _check_comparable(predicate, target, base, catalog)
    if predicate == "target_outcome":
        verdict = s.get("verdict")
        v = verdict.key if isinstance(verdict, Word) else verdict
        if v not in VERDICTS:
            raise StatementError(f"a target's verdict is one of {', '.join(VERDICTS)}; got {v!r}")
        if v in ("met", "missed"):
            out = s.get("outcome")
            if out is None:
                raise StatementError("a met or missed verdict needs the outcome it rests on")
            kinds = _kinds([out])
            if kinds - {"actual"}:
                raise StatementError(f"a target's verdict rests on actual figures, not {', '.join(sorted(kinds))}")
            periods = {f.period for f in figures_behind(out)}
            t_periods = {f.period for f in figures_behind(target)}
            if isinstance(out, Figure) and periods != t_periods:
                raise StatementError(f"the outcome of a {sorted(t_periods)} target must be of that year, "
                                     f"not {sorted(periods)}")


def check(predicate: str, key: str, slots: dict, *, absolute: str = "", evidence=None,
          assumption: str = "", catalog: Mapping | None = None, relations=None) -> str:
    """Check a statement's meaning; return its strength. Raises StatementError."""
    if predicate not in PREDICATES:
        raise StatementError(f"unknown predicate {predicate!r}; the vocabulary is {', '.join(PREDICATES)}")
    if key != predicate and not key.startswith(predicate + "."):
        raise StatementError(f"message {key!r} does not belong to predicate {predicate!r}")
    numbers = tuple(v for v in slots.values() if isinstance(v, (Figure, Derived)))
    if predicate in OUTCOME_PREDICATES:
        _outcomes_only(predicate, numbers)
    if predicate in ("target_set", "target_ambition", "target_outcome"):
        _rule_target(predicate, slots, catalog)
    if predicate == "not_comparable" and len(numbers) >= 2 and comparable(numbers[0], numbers[1], catalog):
        raise StatementError(f"{_id(numbers[0])} and {_id(numbers[1])} are one measure: compare them")
    if predicate == "comparison" and len(numbers) >= 2:
        _check_comparable(predicate, numbers[0], numbers[1], catalog)
    if predicate == "change":
        _rule_change(slots, catalog)
    if predicate == "rate":
        _rule_rate(slots, relations)
    if predicate == "bound" and not any(getattr(v, "qualifier", "exact") != "exact" for v in numbers) \
            and not slots.get("bound"):
        raise StatementError("a bound statement needs a figure printed as a bound or a computed bound")
    if predicate == "check_result":
        n = slots.get("checked")
        if not isinstance(n, int) or n < 1:
            raise StatementError("a statement about the checks needs at least one check")
    if predicate == "list":
        items, whole = slots.get("items"), slots.get("whole")
        if not isinstance(items, Items) or not items.items:
            raise StatementError("a list statement needs its items")
        if whole is not None and len(items) != whole:
            raise StatementError(f"a list the document gives is stated whole: {len(items)} of {whole} items")
    if absolute and not _has_evidence(absolute, evidence):
        raise StatementError(f"'{absolute}' needs a quote that says so or a series that shows it")
    if predicate == "scenario" and not assumption:
        raise StatementError("a scenario states its assumption")
    if assumption:
        held = slots.get("held")
        if held is not None:
            raise StatementError(f"the data hold {_id(held)}: a scenario uses it, not an assumption")
        return "assumption"
    return "implied" if any(isinstance(v, Derived) for v in numbers) else "printed"


RUNNING_TOTAL_AS_YEAR = "running_total_as_year"  # the assumption of a 累计 read as one year's flow
TARGET_YEAR_ASSUMED = "target_year_assumed"  # a lagged statistic's target read as of the plan's year
ASSUMPTIONS_SEP = "+"  # a statement resting on several assumptions names each: "gdp_growth_range+target_year_assumed"
UNDATED_OK = ("caveat", "check_result")  # notes on the documents; a plan's list of "2020年目标" dates the
# undated target as much as a verdict does (review 14 M5), so it says so too


def unanchored_running_totals(summary, catalog: Mapping[str, Mapping]) -> frozenset:
    """The figures stored as one year's flow whose quote speaks of a running total (累计, 以来),
    where their document prints no running total of the same measure beside them: reading such a
    累计 as the year's figure is an assumption (load.check_running_totals makes the row say so), and
    every statement resting on it says so. With the total printed apart (Nanchang's 已累计发放贷款
    5.33亿元 beside 累计放贷资金约3.22亿元), the reading rests on the text."""
    from helpers.data.load import RUNNING_TOTAL_WORDS

    figures = summary.figures()
    totals = {(f.source, catalog[f.indicator]["measure"]) for f in figures
              if catalog.get(f.indicator, {}).get("scope") == "cumulative"}
    return frozenset(f for f in figures if catalog.get(f.indicator, {}).get("scope") == "flow"
                     and any(w in f.quote for w in RUNNING_TOTAL_WORDS)
                     and (f.source, catalog[f.indicator]["measure"]) not in totals)


class Builder:
    """Makes a section's statements against one selection's catalog and relations.

    `say(predicate, key, **slots)` checks and returns a Statement; a slot that is None means the
    figure is not in the data, and then no statement is made (None is returned), so partial data
    leave a statement out instead of writing "not reported" into it.
    """

    def __init__(self, catalog: Mapping[str, Mapping] | None = None, relations: Iterable | None = None,
                 topic: str = "", suspects: tuple[Mapping, Mapping] | None = None,
                 later: Mapping[str, tuple] | None = None):
        self.catalog = catalog or {}
        self.relations = tuple(relations or ())
        self.topic = topic
        self.suspects, self.flag_labels = (dict(m) for m in (suspects or ({}, {})))
        self.later = dict(later or {})
        self.summary = None  # set by for_summary: where printed growth rates are looked up
        self.indicators: frozenset[str] = frozenset()  # the catalog's ids, set by for_summary
        self.readings: dict[str, Text] = {}  # note_en -> the note, of the notes that are readings
        self.read: set[str] = set()  # the readings already said in this section
        self.unanchored: frozenset = frozenset()  # figures whose 累计 is read as a year (for_summary)
        self.out: list[Statement] = []

    @classmethod
    def for_summary(cls, summary, topic: str = "") -> Builder:
        """A builder with what the data declare: each indicator's measure and scope (data/measures.csv),
        the numerator-denominator links of data/relations.csv, and the printed figures behind an
        implied figure the audit finds implausible (data/plausibility.csv)."""
        table = summary.dataset.tables.get("measures")
        catalog = {} if table is None else {r["indicator"]: r for r in table.to_dict("records")}
        b = cls(catalog, linked_pairs(summary.dataset), topic,
                suspect_figures(audit.evaluate(summary)), later_documents(summary))
        b.summary, b.indicators = summary, frozenset(summary.dataset.catalog["indicator"])
        b.readings = {en: Text(en, zh) for en, zh in readings(str(summary.dataset.data_dir)).items()}
        b.unanchored = unanchored_running_totals(summary, catalog)
        return b

    def reading_notes(self, st: Statement) -> tuple:
        """How the text behind a figure was read, where it could be read otherwise (notes_zh.csv
        `reading`): said with the first statement of the section that uses the figure, unless the
        statement already carries the note."""
        if st.predicate in ("caveat", "check_result"):  # about the text and the checks already
            return ()
        shown = {v.en for _, v in st.slots if isinstance(v, Text)}
        out, again = [], []
        for f in st.figures:
            if f.note not in self.readings or f.note in shown:
                continue
            slots = (("text", self.readings[f.note]),)
            if f.note in self.read:  # a figure computed from it later in the section points back
                if st.strength == "implied":
                    again.append(("note.reading.again", slots))  # the text, for a key judgement (lead)
                continue
            self.read.add(f.note)
            out.append(("note.reading", slots))
        return tuple(out) or tuple(again)

    def change_notes(self, slots: dict, numbers: tuple) -> tuple:
        """What a change computed from two printed figures must add: that they come from two
        documents (which may revise a figure differently), and the growth a document prints for the
        same measure and year (GDP: real growth beside the nominal change)."""
        new, old, change = slots.get("new"), slots.get("old"), slots.get("change")
        if not (isinstance(new, Figure) and isinstance(old, Figure) and isinstance(change, Derived)):
            return ()
        out = []
        if new.source != old.source:
            out.append(("note.change.two_documents", ()))
        growth = None
        if self.summary is not None and f"{new.indicator}_growth" in self.indicators:
            growth = self.summary.get(f"{new.indicator}_growth", new.region, new.period)
        if growth is not None and growth not in numbers:
            title = self.summary.source_title(growth.source)
            out.append(("note.change.printed_growth", (("growth", growth), ("doc", Text(title, title)))))
        return tuple(out)

    def flags_of(self, numbers: tuple) -> tuple:
        """The implausible implied figures a statement carries a flag for: one it shows, and those
        computed from a printed figure it shows (a plausible value derived from that figure is
        not flagged for its input)."""
        out: list = []
        for v in numbers:
            if isinstance(v, Derived) and v.flag in self.flag_labels:
                out.append(self.flag_labels[v.flag])
            elif isinstance(v, Figure):
                out.extend(self.suspects.get(v, ()))
        return tuple(dict.fromkeys(out))

    def make(self, predicate: str, key: str | None = None, *, absolute: str = "", evidence=None,
             assumption: str = "", topic: str | None = None, **slots) -> Statement | None:
        if any(v is None for v in slots.values()):
            return None
        key = key or predicate
        strength = check(predicate, key, slots, absolute=absolute, evidence=evidence, assumption=assumption,
                         catalog=self.catalog, relations=self.relations)
        numbers = tuple(v for v in slots.values() if isinstance(v, (Figure, Derived)))
        flags = () if predicate in ("caveat", "check_result") else self.flags_of(numbers)  # a caveat is the flag
        st = Statement(predicate, key, tuple(slots.items()), strength,
                       self.topic if topic is None else topic, absolute, assumption, flags)
        named = {v.en for _, v in slots.items() if isinstance(v, Text)}  # a sentence naming the document
        later = dict.fromkeys(f.source for f in st.figures if f.source in self.later  # figures, not lists;
                              and predicate not in ("caveat", "check_result")  # about the documents, not findings
                              and self.later[f.source][0] not in named)
        notes = self.change_notes(slots, numbers) if predicate == "change" else ()
        # a statement carries every assumption it rests on, its own and its figures' (joined by +)
        rests = [RUNNING_TOTAL_AS_YEAR] if any(f in self.unanchored for f in st.figures) else []
        if predicate not in UNDATED_OK and any(f.year_assumed for f in st.figures):
            rests.append(TARGET_YEAR_ASSUMED)
        if rests:
            keys = list(dict.fromkeys([*filter(None, st.assumption.split(ASSUMPTIONS_SEP)), *rests]))
            st = replace(st, strength="assumption", assumption=ASSUMPTIONS_SEP.join(keys))
        return replace(st, later=tuple(self.later[s] for s in later), notes=notes + self.reading_notes(st))

    def assumption_of(self, *values) -> str:
        """The assumption a value shown outside a sentence rests on ('' for none): a table cell
        showing a 累计 read as one year's flow says so, as every sentence resting on it does."""
        from helpers.calc.derive import figures_behind
        return RUNNING_TOTAL_AS_YEAR if any(f in self.unanchored for f in figures_behind(*values)) else ""

    def rest(self, section: str) -> None:
        """Every other figure the selection's documents print for this section (catalog `section`):
        an outcome or estimate no statement of the section rests on is stated as printed, under the
        topic `others`, so a new document's figures all reach their section, whatever its
        sentences were written for. Targets go to the ledger (section 9), policy parameters to the
        plan's measures."""
        if self.summary is None:
            return
        sections = dict(zip(self.summary.dataset.catalog["indicator"], self.summary.dataset.catalog["section"]))
        said = {f for st in self.out for f in st.figures}
        said |= {v for st in self.out for _, slots in st.notes for _, v in slots if isinstance(v, Figure)}
        for f in self.summary.figures(own=True):
            if sections.get(f.indicator) == section and f.kind in ("actual", "estimate") and f not in said:
                if self.catalog.get(f.indicator, {}).get("scope") == "plan_period":  # 2016—2020年, not 2020年
                    self.say("level", "level.other.plan_period", topic="others", x=f, region=Region(f.region),
                             start=str(f.period - PLAN_PERIOD_YEARS + 1))  # a year, not a count
                elif f.kind == "actual" and (level := growth_of(self.summary, f, self.indicators)) is not None:
                    # a growth rate said of its level: 技术合同成交额同比下降7.5%, not "…增长速度：下降7.5%"
                    self.say("level", "level.other.actual.growth" + (".fall" if f.value < 0 else ""), topic="others",
                             x=f, region=Region(f.region), name=level)
                else:  # a negative figure is a fall, said with its word: 下降6.3%, never -6.3%
                    self.say("level", f"level.other.{f.kind}" + (".fall" if f.value < 0 else ""), topic="others",
                             x=f, region=Region(f.region))
        self.rest_lists(section)

    def rest_lists(self, section: str) -> None:
        """Every list of this section (data/list_catalog.csv) that the selection's documents give
        and no statement has said, stated whole under its catalogued name: a new document's list
        reaches its section as its figures do."""
        from helpers.calc.lists import document_items  # it builds Items with this module's types
        names = self.summary.dataset.tables.get("list_catalog")
        if names is None:
            return
        said = {v.quotes for st in self.out for _, v in st.slots if isinstance(v, Items)}
        for row in names[names["section"] == section].itertuples():
            items = document_items(self.summary, row.list)
            if items is not None and items.quotes not in said:
                self.say("list", "list.other", topic="others", items=items, name=Text(row.name_en, row.name_zh))

    def say(self, predicate: str, key: str | None = None, **kw) -> Statement | None:
        """make() and keep the statement (in order) when it was made."""
        st = self.make(predicate, key, **kw)
        if st is not None:
            self.out.append(st)
        return st

    def comparison(self, key: str, a, b, **slots) -> Statement | None:
        """Two figures side by side: a comparison when they are one measure, else a statement
        that they measure different things (`not_comparable.<key>`)."""
        if a is None or b is None:
            return None
        if comparable(a, b, self.catalog):
            return self.say("comparison", f"comparison.{key}", a=a, b=b, **slots)
        return self.say("not_comparable", f"not_comparable.{key}", a=a, b=b, **slots)


def growth_of(summary, f, indicators: frozenset[str]) -> Text | None:
    """The name of the level a year-on-year growth rate is of (tech_contract_turnover_growth ->
    技术合同成交额), when the catalog (`indicators`) holds that level; None for any other figure."""
    from helpers.calc.targets import expr_name  # it builds on this module
    level = f.indicator[:-len("_growth")]
    if not f.indicator.endswith("_growth") or f.unit != "percent" or level not in indicators:
        return None
    return Text(expr_name(summary, level, "en"), expr_name(summary, level, "zh"))


def later_documents(summary) -> dict[str, tuple[str, str]]:
    """source -> (title, published) for the documents that came out after the selection's leading
    one (Summary.later: of its pool, or of a later year); published is '' when sources.csv lacks it."""
    srcs = summary.dataset.sources.set_index("source")
    return {s: (str(srcs.loc[s, "title"]), str(srcs.loc[s, "published"]))
            for s in getattr(summary, "later", ())}


def suspect_figures(results) -> tuple[dict, dict]:
    """(printed figure -> the (label_en, label_zh) of the implausible implied figures it is
    suspected for, flag -> the label of its implied figure). Of an implausible figure's printed
    inputs, the suspect is the one no plausible result vouches for and that most implausible
    figures share: 49 firms give a plausible subsidy per firm, and GDP enters only the cover's
    share of GDP, while the cover (1375.2亿元) is behind all three implausible figures, so the cover
    is flagged."""
    cleared = {f for r in results if r.value is not None and r.status in ("implied", "consistent")
               for f in figures_behind(*(i.figure for i in r.inputs if i.figure is not None))}
    bad = [(r, r.derived()) for r in results if r.status == audit.IMPLAUSIBLE]
    bad = [(r, d) for r, d in bad if d is not None and d.flag]
    shared: dict = {}
    for _, d in bad:
        for f in figures_behind(d):
            shared[f] = shared.get(f, 0) + 1
    suspects: dict = {}
    labels: dict = {}
    for r, d in bad:
        label = (r.relation.label_en, r.relation.label_zh)
        labels[d.flag] = label
        open_ = [f for f in figures_behind(d) if f not in cleared]
        most = max((shared[f] for f in open_), default=0)
        for f in open_:
            if shared[f] == most:
                suspects.setdefault(f, []).append(label)
    return suspects, labels


RATE_FORMULAS = ("rate", "share", "ratio", "per_unit", "ratio_claim", "total_from_share")


def linked_pairs(dataset) -> tuple[tuple[str, str], ...]:
    """(numerator, denominator) indicator pairs that a rate or share relation of relations.csv links."""
    rel = getattr(dataset, "relations", None)
    if rel is None:
        return ()
    out = []
    for r in rel:
        formula = getattr(r, "formula", "")
        inputs = getattr(r, "inputs", ())
        ids = [getattr(i, "indicator", None) or str(i).split(":")[0] for i in inputs]
        if formula in RATE_FORMULAS and len(ids) == 2:
            out.append((ids[0], ids[1]))
    return tuple(out)


def by_topic(statements: Iterable[Statement]) -> dict[str, list[Statement]]:
    """Statements grouped under their topic (a part of a section), in order of first appearance."""
    out: dict[str, list[Statement]] = {}
    for s in statements:
        if s is not None:
            out.setdefault(s.topic, []).append(s)
    return out
