"""What each data file must look like: columns, cell types and controlled vocabularies.

One `Table` per CSV file. `columns` drives the strict reader in helpers.data.load (which parses
every cell from text itself, so it can say exactly what is wrong with a cell); `schema` is the
pandera check run on the parsed frame. Every check carries its rule in plain words as its
`error`, because that text is what the user sees.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandera.pandas as pa

KINDS = ("actual", "estimate", "target", "policy")
UNITS = ("cny_100m", "cny_10k", "percent", "pp", "count", "rank", "multiple")
QUALIFIERS = ("exact", "approx", "at_least", "at_most")
SECTIONS = ("rd_input", "firm_cultivation", "platforms", "technology_trading", "science_finance",
            "talent_technology", "hte_decline", "targets_2022", "policy_2022")
STATUS_GROUPS = ("operating_well", "operating_normally", "just_landed", "stalled")
COMPONENTS = ("1", "6", "N")
SOURCE_KINDS = ("work_summary", "work_plan", "five_year_plan", "statistics_bulletin", "news_report")
PLAN_KINDS = ("work_plan", "five_year_plan")  # the kinds of document that set targets and report no year
COMPLETENESS = ("whole", "opening")
REGION_LEVELS = ("city", "province", "country")

SNAKE_CASE = r"^[a-z][a-z0-9_]*$"
REGION = r"^[a-z]+$"
SHA256 = r"^[0-9a-f]{64}$"
ISO_DATE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
FIRST_YEAR, LAST_YEAR = 1949, 2100

INDICATOR_KEY = ("indicator", "region", "period", "kind", "source")


def one_of(column: str, values: tuple[str, ...]) -> pa.Check:
    return pa.Check.isin(list(values), error=f"{column} must be one of {', '.join(values)}")


def matches(column: str, pattern: str, words: str) -> pa.Check:
    return pa.Check.str_matches(pattern, error=f"{column} must be {words}")


def non_empty(column: str) -> pa.Check:
    return pa.Check.str_length(min_value=1, error=f"{column} must not be empty")


def year_range(column: str) -> pa.Check:
    return pa.Check.in_range(FIRST_YEAR, LAST_YEAR,
                             error=f"{column} must be a year between {FIRST_YEAR} and {LAST_YEAR}")


def _is_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return FIRST_YEAR <= int(text[:4]) <= LAST_YEAR


def iso_date(column: str) -> pa.Column:
    """A calendar date written YYYY-MM-DD (2026-11-28), between FIRST_YEAR and LAST_YEAR."""
    words = f"a date written YYYY-MM-DD, e.g. 2026-11-28, between {FIRST_YEAR} and {LAST_YEAR}"
    return pa.Column(str, [matches(column, ISO_DATE, words),
                           pa.Check(lambda s: s.map(_is_date), element_wise=False,
                                    error=f"{column} must be {words}")])


def _text(column: str) -> pa.Column:
    return pa.Column(str, non_empty(column))


def _snake(column: str) -> pa.Column:
    return pa.Column(str, matches(column, SNAKE_CASE, "snake_case: lowercase letters, digits and _, "
                                                      "starting with a letter"))


def _region() -> pa.Column:
    return pa.Column(str, matches("region", REGION, "lowercase pinyin letters only, e.g. nanchang"))


def _year(column: str) -> pa.Column:
    return pa.Column(int, year_range(column))


@dataclass(frozen=True)
class Table:
    """One CSV file: its columns in order, their cell types, which may be empty, and its schema."""
    name: str
    columns: dict[str, str]          # column -> "str" | "int" | "float"
    optional: frozenset[str]         # columns whose cells may be left empty
    schema: pa.DataFrameSchema
    required: bool = True            # must the file exist?

    @property
    def file(self) -> str:
        return f"{self.name}.csv"


def make_table(name: str, checks: dict[str, pa.Column], types: dict[str, str] | None = None,
           optional: tuple[str, ...] = (), unique: tuple[str, ...] | None = None,
           required: bool = True) -> Table:
    """Build a Table; every column is text unless `types` says int or float. `line` is added."""
    types = types or {}
    columns = {c: types.get(c, "str") for c in checks}
    schema = pa.DataFrameSchema(
        {**checks, "line": pa.Column(int)},
        strict=True, unique=list(unique) if unique else None, report_duplicates="all", name=name)
    return Table(name, columns, frozenset(optional), schema, required)


SOURCES = make_table("sources", {
    "source": _snake("source"),
    "title": _text("title"),
    "publisher": _text("publisher"),
    "city": pa.Column(str, matches("city", REGION, "lowercase pinyin letters only, e.g. nanchang")),
    "year": _year("year"),
    "language": pa.Column(str, matches("language", r"^[a-z]{2}$", "a two-letter code such as zh")),
    # what tests/test_data.py asks of a source row, checked where append and make test both see it
    "url": pa.Column(str, matches("url", r"^(|\S*/\S*)$",
                                  "the document's address with its path (kjj.nc.gov.cn/...), or empty")),
    "file": _text("file"),
    "sha256": pa.Column(str, matches("sha256", SHA256, "64 lowercase hexadecimal characters")),
    "kind": pa.Column(str, one_of("kind", SOURCE_KINDS)),
    "retrieved": iso_date("retrieved"),
    "licence": _text("licence"),
    "completeness": pa.Column(str, one_of("completeness", COMPLETENESS)),
    # when the document came out, as precisely as known (2023-02, or 2021): a figure first
    # published after the leading document is labelled as known later (calc.statements)
    "published": pa.Column(str, matches("published", r"^(|(19|20)\d\d(-(0[1-9]|1[0-2]))?)$",
                                        "a year or year-month such as 2023 or 2023-02, or empty when unknown")),
}, types={"year": "int"}, optional=("url", "published"), unique=("source",))

REGIONS = make_table("regions", {
    "region": _region(),
    "name_zh": _text("name_zh"),
    "name_en": _text("name_en"),
    "level": pa.Column(str, one_of("level", REGION_LEVELS)),
    "parent": pa.Column(str),
}, optional=("parent",), unique=("region",))

CATALOG = make_table("catalog", {
    "indicator": _snake("indicator"),
    "section": pa.Column(str, one_of("section", SECTIONS)),
    # Chinese official text brackets with full-width （）, never the half-width ( ) of English
    "name_zh": pa.Column(str, [non_empty("name_zh"), matches("name_zh", r"^[^()]*$",
                                                             "written with full-width brackets （）, not ( )")]),
    "name_en": _text("name_en"),
    "unit": pa.Column(str, one_of("unit", UNITS)),
    "definition": _text("definition"),
    # the Chinese measure word of a count (家, 个, 项), written where a quote prints none (总数达到1700)
    "measure_zh": pa.Column(str, matches("measure_zh", r"^(|[家项个名人场期所批件位次笔户台座条])$",
                                         "empty or one measure word such as 家, 个 or 项")),
}, optional=("measure_zh",), unique=("indicator",))

INDICATORS = make_table("indicators", {
    "indicator": _snake("indicator"),
    "region": _region(),
    "period": _year("period"),
    "kind": pa.Column(str, one_of("kind", KINDS)),
    "value": pa.Column(float),
    "unit": pa.Column(str, one_of("unit", UNITS)),
    "qualifier": pa.Column(str, one_of("qualifier", QUALIFIERS)),
    "source": _snake("source"),
    "quote": _text("quote"),
    "note": pa.Column(str),
}, types={"period": "int", "value": "float"}, optional=("note",), unique=INDICATOR_KEY)

_WHERE = {"region": _region(), "period": _year("period"), "source": _snake("source"),
          "quote": _text("quote")}

HTE_REVIEW_RULES = make_table("hte_review_rules", {
    "aspect": _snake("aspect"),
    **{c: _text(c) for c in ("aspect_zh", "aspect_en", "before_zh", "after_zh", "before_en",
                             "after_en")},
    **_WHERE,
}, types={"period": "int"}, required=False)

RD_INSTITUTIONS = make_table("rd_institutions", {
    "name_zh": _text("name_zh"),
    "name_en": _text("name_en"),
    "status_group": pa.Column(str, one_of("status_group", STATUS_GROUPS)),
    "status_zh": _text("status_zh"),
    "status_en": _text("status_en"),
    **_WHERE,
}, types={"period": "int"}, required=False)

PLATFORM_SYSTEM = make_table("platform_system", {
    "component": pa.Column(str, one_of("component", COMPONENTS)),
    **{c: _text(c) for c in ("item_zh", "item_en", "role_zh", "role_en")},
    **_WHERE,
}, types={"period": "int"}, required=False)

VERDICTS = make_table("verdicts", {
    "claim": _snake("claim"),
    "claim_zh": _text("claim_zh"),
    "claim_en": _text("claim_en"),
    **_WHERE,
}, types={"period": "int"}, required=False)

COVERAGE_EXCLUSIONS = make_table("coverage_exclusions", {
    "source": _snake("source"),
    "context": _text("context"),
    "reason": _text("reason"),
}, required=False)

TARGET_EXPR = r"^[a-z][a-z0-9_]*(\+[a-z][a-z0-9_]*)*$"

TARGET_BASELINES = make_table("target_baselines", {
    "source": _snake("source"),
    "target": pa.Column(str, matches("target", TARGET_EXPR, "an indicator id, or ids joined by +")),
    "baseline": pa.Column(str, matches("baseline", TARGET_EXPR, "an indicator id, or ids joined by +")),
    "comparability": pa.Column(str, one_of("comparability", ("same", "related"))),
    "note": _text("note"),
    "note_zh": _text("note_zh"),
}, unique=("source", "target"), required=False)

# How many years after the year it describes a figure is first published (R&D statistics for Y
# come out in Y+1): a target for Y is "pending", not "unverifiable", until then.
PUBLICATION_LAGS = make_table("publication_lags", {
    "indicator": _snake("indicator"),
    "lag_years": pa.Column(int, pa.Check.in_range(0, 5, error="lag_years must be 0 to 5")),
    "note": _text("note"),
    "note_zh": _text("note_zh"),
}, types={"lag_years": "int"}, unique=("indicator",), required=False)

# The time series the trends section draws: an indicator for the selected city, its province or
# its country (scope), one chart each.
TREND_SERIES = make_table("trend_series", {
    "series": _snake("series"),
    "indicator": _snake("indicator"),
    "scope": pa.Column(str, one_of("scope", ("city", "province", "country"))),
}, unique=("series",), required=False)

# A list a document gives (the causes of a fall, a plan's measures, a scheme's instruments), one row
# per item in the document's order: the report states such a list whole, from these rows.
LISTS = make_table("lists", {
    "list": _snake("list"),
    "item": pa.Column(int, pa.Check.in_range(1, 99, error="item must be the item's place in the list, 1 to 99")),
    "item_zh": _text("item_zh"),
    "item_en": _text("item_en"),
    **_WHERE,
}, types={"period": "int", "item": "int"}, unique=("source", "list", "item"), required=False)

# What each list of lists.csv is: the section that states it and its name in both languages
# ("the causes of the fall in new high-tech enterprises"). A section states every list of its own,
# so a new document's list reaches the report by a row here, not by code; a list without a row
# here is an error of lists.csv, never a list left out of the report.
LIST_CATALOG = make_table("list_catalog", {
    "list": _snake("list"),
    "section": _snake("section"),
    "name_zh": _text("name_zh"),
    "name_en": _text("name_en"),
}, unique=("list",), required=False)

# What an indicator measures, where the catalog alone does not say: indicators of one `measure`
# (and scope) may be compared and held against each other; any other pair is "not comparable".
# scope: flow (a year's count), stock (a level at a date), cumulative (a running total),
# plan_period (a total or average over the five-year plan period that ends in the figure's year:
# 十三五 is 2016-2020; its period is a span, never one year).
SCOPES = ("flow", "stock", "cumulative", "plan_period")
PLAN_PERIOD_YEARS = 5
MEASURES = make_table("measures", {
    "indicator": _snake("indicator"),
    "measure": _snake("measure"),
    "scope": pa.Column(str, one_of("scope", SCOPES)),
    "note": _text("note"),
}, unique=("indicator",), required=False)

# A city's named scheme (a credit scheme backed by a risk pool, a talent plan, a roadshow programme),
# as a document names it: its name in both languages, its kind, and the indicators that report its
# figures. A statement about those figures takes the scheme's name from here, so another city's
# scheme is named as its own, and a city with no row for a scheme is told nothing about it.
SCHEME_KINDS = ("credit", "fund", "insurance", "talent", "contest", "roadshow")
SCHEMES = make_table("schemes", {
    "scheme": _snake("scheme"),
    "kind": pa.Column(str, one_of("kind", SCHEME_KINDS)),
    "name_zh": _text("name_zh"),
    "name_en": _text("name_en"),
    "indicators": pa.Column(str, matches("indicators", TARGET_EXPR, "indicator ids joined by +")),
    **_WHERE,
}, types={"period": "int"}, unique=("source", "scheme"), required=False)

# The Chinese reading of each English note of indicators.csv (helpers.data.notes).
# `reading` is "yes" when the note records how the text was read where it could be read otherwise
# (a lost separator, 累计 taken as a year's sum): the report then says so wherever the figure is used.
NOTES_ZH = make_table("notes_zh", {
    "note_en": pa.Column(str, non_empty("note_en")),
    # the Chinese report carries no ids: a note names an indicator by its Chinese name
    "note_zh": pa.Column(str, [non_empty("note_zh"), matches("note_zh", r"^(?!.*\b[a-z]+_[a-z0-9_]+\b)",
                                                             "free of ids such as major_projects (name the indicator in Chinese)")]),
    "reading": pa.Column(str, one_of("reading", ("", "yes"))),
}, optional=("reading",), unique=("note_en",), required=False)

# How documents name each indicator, and the indicators of one city's named scheme: read by the
# draft tool (helpers.data.draft) with the loader's checks, so a bad row is named, not a traceback.
# use: "names" (the default: a term the draft tool reads as the indicator) or "excludes" (a word that,
# in a quote, names another measure: 认定 in 认定通过率 is no rate of candidates reported to MOST;
# the loader refuses such a row and the draft tool proposes another indicator).
TERM_USES = ("", "names", "excludes")
INDICATOR_TERMS = make_table("indicator_terms", {
    "indicator": _snake("indicator"),
    "term": _text("term"),
    "use": pa.Column(str, one_of("use", TERM_USES)),
}, optional=("use",), required=False)
INDICATOR_SCHEMES = make_table("indicator_schemes", {
    "indicator": _snake("indicator"),
    "scheme": _text("scheme"),
}, required=False)

QUALITATIVE = {t.name: t for t in (HTE_REVIEW_RULES, RD_INSTITUTIONS, PLATFORM_SYSTEM, VERDICTS, LISTS, SCHEMES)}
ALL_TABLES = {t.name: t for t in (SOURCES, REGIONS, CATALOG, INDICATORS, *QUALITATIVE.values(),
                                  COVERAGE_EXCLUSIONS, TARGET_BASELINES, PUBLICATION_LAGS, TREND_SERIES,
                                  MEASURES, LIST_CATALOG)}
