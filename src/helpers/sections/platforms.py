"""Section 04, platforms: the year's new platforms by level, the platform targets, the new-type R&D
institutions the document names, and the platform system a plan sets out.

What the section states (`analyse(summary).statements`, by topic):

- `new`: each kind of new platform (新增: the year's new ones, a flow, never a total in existence),
  the sum by level and over all levels (implied, with the formula);
- `targets`: the section's targets against the last level of their own measure
  (helpers.calc.targets.ambition_statements: a target held against a related measure, such as
  city-level basic R&D platforms against new key laboratories plus engineering centres, is said to
  be not comparable);
- `institutions`: the count of institutions, the institutions named in each status group, whole and
  in the document's groups (data/rd_institutions.csv), the printed counts checked against the names,
  and the causes and shortcomings the document lists (data/lists.csv);
- `system`: the components of the plan's platform system, each with its items (data/platform_system.csv).

Target against baseline (sums, gaps, comparability and notes) is helpers.calc.targets' job:
`total`, `change_needed` and `change_needed_pct` here are that module's functions.
"""
from __future__ import annotations

import pandas as pd

from helpers.calc import targets
from helpers.calc.derive import Derived, share_pct
from helpers.calc.lists import document_items
from helpers.calc.result import SectionResult, key_row
from helpers.calc.statements import Builder, Items, Region, Text, Word, scope_of
from helpers.calc.targets import change_needed, change_needed_pct, total
from helpers.data.figures import per_summary
from helpers.data.schema import STATUS_GROUPS

SECTION = "platforms"

# (level, indicator) in the order of the document: national, provincial, city.
NEW_PLATFORMS = (
    ("national", "state_key_lab_new"),
    ("provincial", "provincial_key_lab_new"),
    ("provincial", "provincial_innovation_center_new"),
    ("city", "city_key_lab_new"),
    ("city", "city_engineering_center_new"),
)
LEVELS = ("national", "provincial", "city")

STATUS_COUNT = {  # the indicator of the count the document may print for each group
    "operating_well": "new_rd_institutions_operating_well",
    "operating_normally": "new_rd_institutions_operating_normally",
    "just_landed": "new_rd_institutions_just_landed",
    "stalled": None,
}
INSTITUTIONS = "new_rd_institutions"          # the count of institutions at the time of writing
LISTS = ("rd_institution_causes", "rd_institution_shortcomings")  # lists of data/lists.csv, in order


def new_platforms(get) -> list[tuple[str, str, object]]:
    """(level, indicator, Figure or None) for each kind of new platform."""
    return [(level, ind, get(ind)) for level, ind in NEW_PLATFORMS]


def level_totals(get) -> dict[str, Derived | None]:
    """New platforms per level and in all: {'national': 1, 'provincial': 22, 'city': 49, 'all': 72}."""
    rows = new_platforms(get)
    out = {level: total([f for lv, _, f in rows if lv == level]) for level in LEVELS}
    out["all"] = total([f for _, _, f in rows])
    return out


def institution_counts(table: pd.DataFrame, get) -> pd.DataFrame:
    """The printed count of each status group against the rows of rd_institutions.csv.

    Columns: status_group, figure (the printed count's Figure or None), printed (its value or None),
    rows (int), status (consistent, inconsistent, unverifiable when the document prints no count);
    the last row is the total.
    """
    groups = table["status_group"].value_counts() if len(table) else pd.Series(dtype=int)
    recs = [(g, get(STATUS_COUNT[g]) if STATUS_COUNT[g] else None, int(groups.get(g, 0))) for g in STATUS_GROUPS]
    recs.append(("total", get(INSTITUTIONS), int(len(table))))
    out = []
    for group, fig, rows in recs:
        printed = None if fig is None else fig.value
        status = "unverifiable" if printed is None else ("consistent" if printed == rows else "inconsistent")
        out.append({"status_group": group, "figure": fig, "printed": printed, "rows": rows, "status": status})
    return pd.DataFrame(out, columns=["status_group", "figure", "printed", "rows", "status"])


def status_labels(table: pd.DataFrame, lang: str = "en") -> dict[str, str]:
    """status_group -> its wording in the document's table (status_en / status_zh, first row of the
    group); groups without rows are left out."""
    col = "status_zh" if lang == "zh" else "status_en"
    out = {}
    for g in STATUS_GROUPS:
        rows = table.loc[table["status_group"] == g, col] if len(table) else []
        if len(rows):
            out[g] = str(rows.iloc[0])
    return out


# --- statements ---------------------------------------------------------------------------------

def new_statements(b: Builder, rows, totals: dict) -> None:
    """Each kind of new platform as printed; the sum by level where a level has several kinds; the
    sum over all levels; and, when the figures are the year's flows, that they are not totals."""
    figs = [f for _, _, f in rows if f is not None]
    # the kinds the document lists, summed: not "every level's new platforms", which it does not print
    b.say("implied", "implied.platforms.new_all", x=totals["all"], n=len(figs))
    if figs and all(scope_of(f, b.catalog) == "flow" for f in figs):
        b.say("caveat", "caveat.platforms.new_not_total" + (".one" if len(figs) == 1 else ""), x=figs[0])
    for level in LEVELS:
        kinds = [f for lv, _, f in rows if lv == level]
        if len(kinds) > 1:
            b.say("implied", "implied.platforms.new_level", x=totals[level], level=Word(f"platforms.{level}"))
        for f in kinds:
            b.say("level", "level.platforms.new", x=f)


def institution_statements(b: Builder, table: pd.DataFrame, counts: pd.DataFrame, get, summary, city: str) -> None:
    """The count of institutions; the institutions of each status group, whole, in the document's
    groups; the printed counts against the names; the causes and shortcomings the document lists."""
    b.say("level", "level.platforms.institutions", x=get(INSTITUTIONS), city=Region(city))
    for g in STATUS_GROUPS:
        rows = table[table["status_group"] == g] if len(table) else table
        if not len(rows):
            continue
        items = Items(tuple(Text(r.name_en, r.name_zh) for r in rows.itertuples()), tuple(rows["quote"]),
                      tuple(dict.fromkeys(rows["source"])))
        first = rows.iloc[0]
        b.say("list", "list.platforms.institutions", items=items, n=len(items), whole=len(rows),
              status=Text(first["status_en"], first["status_zh"]))
    printed = counts[counts["figure"].notna()] if len(table) else counts.iloc[0:0]
    bad = printed[printed["status"] == "inconsistent"]
    for r in bad.itertuples():
        b.say("check_result", "check_result.platforms.institutions.inconsistent", printed=r.figure, named=r.rows,
              checked=1)
    if len(printed) and bad.empty:
        figs = {f"count_{i}": f for i, f in enumerate(printed["figure"])}
        b.say("check_result", "check_result.platforms.institutions.consistent", checked=len(printed), **figs)
    for name in LISTS:
        b.say("list", f"list.platforms.{name}", items=document_items(summary, name))


def system_statements(b: Builder, table: pd.DataFrame) -> None:
    """Each component of the plan's platform system with its items, whole, in the document's order."""
    if not len(table):
        return
    for comp in dict.fromkeys(table["component"]):  # the components in the document's order
        rows = table[table["component"] == comp]
        items = Items(tuple(Text(r.item_en, r.item_zh) for r in rows.itertuples()), tuple(dict.fromkeys(rows["quote"])),
                      tuple(dict.fromkeys(rows["source"])))
        roles = list(dict.fromkeys(zip(rows["role_en"], rows["role_zh"])))
        b.say("list", "list.platforms.system", items=items, component=Text(comp, comp),
              role=Text(*roles[0]) if len(roles) == 1 else None)
        if len(roles) > 1:  # items with roles of their own: each item with its role
            b.say("list", "list.platforms.system_roles", component=Text(comp, comp), items=Items(
                tuple(Text(f"{r.item_en} ({r.role_en})", f"{r.item_zh}（{r.role_zh}）") for r in rows.itertuples()),
                tuple(dict.fromkeys(rows["quote"])), tuple(dict.fromkeys(rows["source"]))))


@per_summary
def analyse(summary) -> SectionResult:
    """The section's figures and statements, by topic: `new`, `targets`, `institutions`, `system`."""
    get, year = summary.get, summary.year
    rows = new_platforms(get)
    totals = level_totals(get)
    target = get("city_basic_rd_platforms", period=year + 1, kind="target")
    ei = get("ei_city_platforms_per_year", period=year + 1, kind="target")
    d = {
        "national": totals["national"], "provincial": totals["provincial"], "city": totals["city"],
        "all": totals["all"],
        "target_gap": change_needed(target, totals["city"]),
        "target_growth": change_needed_pct(target, totals["city"]),
        "ei_share_of_city": share_pct(ei, totals["city"]),
    }
    institutions = summary.table("rd_institutions")
    counts = institution_counts(institutions, get)
    system = summary.table("platform_system")
    checks = targets.check_targets(summary, section=SECTION)

    b = Builder.for_summary(summary, topic="new")
    new_statements(b, rows, totals)
    b.topic = "targets"
    targets.ambition_statements(b, checks, summary)
    targets.note_statements(b, checks, "caveat.platforms.target_note", summary.dataset.data_dir)
    b.topic = "institutions"
    institution_statements(b, institutions, counts, get, summary, summary.city)
    b.topic = "system"
    system_statements(b, system)

    key = [key_row("new platforms, all levels", d["all"]),
           key_row("new platforms, provincial", d["provincial"]),
           key_row("new platforms, city", d["city"]),
           ]  # the target of basic platforms against all city platforms: a related measure, no change
    res = SectionResult({"target": target, "ei_target": ei}, d, key_figures=key)
    b.rest("platforms")
    res.rows, res.checks, res.statements = rows, checks, b.out
    res.institutions, res.counts, res.system = institutions, counts, system
    return res
