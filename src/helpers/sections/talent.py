"""Section 07, talent and key technologies: the provincial innovation contest, the city's talent
plans and roadshows, its major projects and open competitions (揭榜挂帅), and the section's
targets against the last known level of their own measure.

What the section may say is decided by rules, for any city and year:

- a talent plan, start-up contest or roadshow programme is named by its row of data/schemes.csv
  for the selection's city; with no row, nothing is said about it;
- a rate only for a numerator and a denominator that data/relations.csv links (prize winners over
  entrants, outstanding commissioners over all commissioners);
- the contest's entrants, winners and nominees are the province's counts, its awards the city's:
  said so whenever both appear;
- figures computed from a bound keep the bound (近2亿元 gives "about" per firm);
- targets go through helpers.calc.targets.ambition_statements: each against the last known level of
  its own measure, a related measure (talents and teams against a plan's recruits) said to differ.

Indicator ids below are the catalog's measures; another city's rows use them under its own names.
"""
from __future__ import annotations

from helpers.calc import audit, targets
from helpers.calc.audit import implied_from
from helpers.calc.derive import share_pct
from helpers.calc.result import SectionResult, key_row
from helpers.calc.statements import Builder, Region, Text, bounded
from helpers.data.figures import per_summary
from helpers.data.schemes import scheme_of

SECTION = "talent_technology"


def name_of(summary, indicator: str) -> Text | None:
    """The name of the scheme whose figures `indicator` reports, for the selection's city."""
    s = scheme_of(summary, indicator)
    return None if s is None else Text(s.name_en, s.name_zh)
CONTEST = {"entrants": "innovation_contest_entrants", "winners": "innovation_contest_winners",
           "nominees": "innovation_contest_national_nominees"}        # the province's counts
AWARDS = "innovation_contest_national_awards"                          # the city's
PLAN = "double_hundred_talents_teams"
TALENT_CONTEST = {"prev_landed": "hongcheng_prev_winners_landed", "entries": "hongcheng_contest_entries",
                  "growth": "hongcheng_contest_entries_growth", "winners": "hongcheng_contest_winners"}
COMMISSIONERS = {"outstanding": "outstanding_tech_commissioners", "total": "tech_commissioners_total"}
ROADSHOWS = {"sessions": "unicorn_roadshows", "firms": "roadshow_firms_financed", "finance": "roadshow_financing",
             "landed": "roadshow_projects_landed"}
PROJECTS = {"count": "major_projects", "funding": "major_projects_funding",
            "needs": "open_competition_needs_collected", "vr_firms": "vr_special_firms"}
PROVINCIAL = {"tech": ("prov_open_competition_tech_items", "prov_open_competition_tech_funding",
                       "prov_open_competition_tech_funding_share_of_province"),
              "needs": ("prov_open_competition_needs_items", "prov_open_competition_needs_funding",
                        "prov_open_competition_needs_funding_share_of_province")}
TALENT_TABLE = (PLAN, *TALENT_CONTEST.values(), *COMMISSIONERS.values(), *ROADSHOWS.values())
TECHNOLOGY_TABLE = (PROJECTS["count"], PROJECTS["funding"], PROJECTS["needs"], PROJECTS["vr_firms"],
                    *PROVINCIAL["tech"], *PROVINCIAL["needs"])


def contest_statements(b: Builder, f: dict, d: dict, city: str, province: str) -> None:
    """The provincial contest's stages as printed, the prize rate, and the city's awards; that the
    stages are the province's counts and the awards the city's."""
    entrants, winners, nominees, awards = f["entrants"], f["winners"], f["nominees"], f[AWARDS]
    b.say("level", "level.talent.contest_entrants", x=entrants, province=Region(province))
    b.say("level", "level.talent.contest_winners", x=winners, province=Region(province))
    b.say("rate", "rate.talent.contest_win", numerator=winners, denominator=entrants, rate=d["contest_win_rate"])
    b.say("level", "level.talent.contest_nominees", x=nominees, province=Region(province))
    b.say("level", "level.talent.contest_awards", x=awards, city=Region(city))
    provincial = entrants or winners or nominees
    b.say("caveat", "caveat.talent.contest_regions", awards=awards, part=provincial, city=Region(city),
          province=Region(province))


def plan_statements(b: Builder, f: dict, d: dict, names: dict, city: str) -> None:
    """The talent plan's recruits, the plan's start-up contest, the commissioners and the
    roadshows, each under its scheme's name."""
    plan, contest, shows = names["plan"], names["contest"], names["roadshows"]
    b.say("level", "level.talent.plan_recruits", x=f[PLAN], scheme=plan)
    tc = {k: f[v] for k, v in TALENT_CONTEST.items()}
    b.say("level", "level.talent.contest_prev_landed", x=tc["prev_landed"], scheme=contest, city=Region(city))
    if b.say("change", "change.talent.contest_entries", x=tc["entries"], change=tc["growth"], scheme=contest) is None:
        b.say("level", "level.talent.contest_entries", x=tc["entries"], scheme=contest)
    b.say("implied", "implied.talent.contest_entries_prev", prev=d["talent_contest_entries_previous"], scheme=contest)
    b.say("level", "level.talent.contest_city_winners", x=tc["winners"], scheme=contest)
    b.say("rate", "rate.talent.contest_city_win", numerator=tc["winners"], denominator=tc["entries"],
          rate=d["talent_contest_win_rate"], scheme=contest)
    out, total = f[COMMISSIONERS["outstanding"]], f[COMMISSIONERS["total"]]
    if b.say("level", "level.talent.commissioners", outstanding=out, total=total) is None:
        b.say("level", "level.talent.commissioners_outstanding", x=out)
        b.say("level", "level.talent.commissioners_total", x=total)
    b.say("rate", "rate.talent.commissioners", numerator=out, denominator=total,
          rate=d["outstanding_commissioners_share"])
    rs = {k: f[v] for k, v in ROADSHOWS.items()}
    b.say("level", "level.talent.roadshows", x=rs["sessions"], scheme=shows)
    b.say("level", "level.talent.roadshow_finance", firms=rs["firms"], finance=rs["finance"], scheme=shows)
    b.say("implied", "implied.talent.roadshow_per_firm", per=d["roadshow_per_firm"], scheme=shows)
    b.say("level", "level.talent.roadshow_landed", x=rs["landed"], scheme=shows, city=Region(city))


def technology_statements(b: Builder, f: dict, d: dict, city: str, province: str) -> None:
    """The city's major projects and their money; its own open competition; its places and money
    on the province's open-competition lists, with the provincial totals the shares imply."""
    count, funding = f[PROJECTS["count"]], f[PROJECTS["funding"]]
    if b.say("level", "level.talent.major_projects", count=count, funding=funding, city=Region(city)) is None:
        b.say("level", "level.talent.major_projects_count", count=count, city=Region(city))
    b.say("implied", "implied.talent.per_major_project", per=d["major_project_funding_each"])
    b.say("level", "level.talent.needs_collected", x=f[PROJECTS["needs"]], city=Region(city))
    b.say("level", "level.talent.vr_firms", x=f[PROJECTS["vr_firms"]], city=Region(city), province=Region(province))
    for key in ("tech", "needs"):
        items, money, share = (f[i] for i in PROVINCIAL[key])
        if b.say("level", f"level.talent.prov_{key}", items=items, funding=money, share=share,
                 city=Region(city), province=Region(province)) is None:
            b.say("level", f"level.talent.prov_{key}_items", items=items, funding=money, city=Region(city))
        b.say("implied", f"implied.talent.prov_{key}_per_item", per=d[f"prov_{key}_per_item"])
        b.say("implied", f"implied.talent.prov_{key}_pool", pool=d[f"prov_{key}_pool"], province=Region(province))


def target_statements(b: Builder, checks, summary) -> None:
    """Each target against the last known level of its own measure (helpers.calc.targets); a
    target of a named scheme's indicator is then said to belong to that scheme, by its name."""
    targets.ambition_statements(b, checks, summary)  # targets of one year with no level: one sentence
    for c in checks:
        if len(c.targets) == 1 and c.targets[0] is not None:
            b.say("target_set", "target_set.talent.scheme", target=c.targets[0],
                  scheme=name_of(summary, c.targets[0].indicator))


@per_summary
def analyse(summary) -> SectionResult:
    """Every figure the talent-and-technology notebook shows, its statements by topic
    (`talent.contest`, `talent.plans`, `talent.technology`, `talent.targets`), the section's
    targets against their baselines and the key figures."""
    get, year, province, city = summary.get, summary.year, summary.province, summary.city
    nxt = {"period": year + 1, "kind": "target"}
    implied = audit.implied_figures(summary)
    f = {k: get(v, region=province) for k, v in CONTEST.items()}
    f.update({i: get(i) for i in (AWARDS, *TALENT_TABLE, *TECHNOLOGY_TABLE)})
    entrants, winners, nominees = f["entrants"], f["winners"], f["nominees"]
    tc_entries, projects = f[TALENT_CONTEST["entries"]], f[PROJECTS["count"]]
    projects_target = get(PROJECTS["count"], **nxt)
    d = {
        "contest_win_rate": implied_from(implied, CONTEST["winners"], CONTEST["entrants"]),
        "national_awards_of_nominees": share_pct(f[AWARDS], nominees),
        "talent_contest_entries_previous": implied_from(implied, TALENT_CONTEST["entries"], TALENT_CONTEST["growth"]),
        "talent_contest_win_rate": implied_from(implied, TALENT_CONTEST["winners"], TALENT_CONTEST["entries"]),
        "outstanding_commissioners_share": implied_from(implied, COMMISSIONERS["outstanding"], COMMISSIONERS["total"]),
        "roadshow_per_firm": bounded(implied_from(implied, ROADSHOWS["finance"], ROADSHOWS["firms"]),
                                     f[ROADSHOWS["finance"]], f[ROADSHOWS["firms"]]),
        "major_project_funding_each": implied_from(implied, PROJECTS["funding"], PROJECTS["count"]),
        "prov_tech_per_item": implied_from(implied, PROVINCIAL["tech"][1], PROVINCIAL["tech"][0]),
        "prov_tech_pool": implied_from(implied, PROVINCIAL["tech"][1], PROVINCIAL["tech"][2]),
        "prov_needs_per_item": implied_from(implied, PROVINCIAL["needs"][1], PROVINCIAL["needs"][0]),
        "prov_needs_pool": implied_from(implied, PROVINCIAL["needs"][1], PROVINCIAL["needs"][2]),
        "talent_contest_target_gap": targets.change_needed(get("hongcheng_projects_landed", **nxt),
                                                           f[TALENT_CONTEST["winners"]]),
        "major_projects_gap": targets.change_needed(projects_target, projects),
        "major_projects_growth": targets.change_needed_pct(projects_target, projects),
    }
    names = {"plan": name_of(summary, PLAN), "contest": name_of(summary, TALENT_CONTEST["entries"]),
             "roadshows": name_of(summary, ROADSHOWS["sessions"])}
    checks = targets.check_targets(summary, section=SECTION)

    b = Builder.for_summary(summary, topic="talent.contest")
    contest_statements(b, f, d, city, province)
    b.topic = "talent.plans"
    plan_statements(b, f, d, names, city)
    b.topic = "talent.technology"
    technology_statements(b, f, d, city, province)
    b.topic = "talent.targets"
    target_statements(b, checks, summary)

    over = None if winners is None or nominees is None else nominees.value > winners.value
    key = [key_row("contest win rate, province", d["contest_win_rate"]),
           key_row("city awards / province nominees", d["national_awards_of_nominees"],
                   note=f"nominees exceed winners: {over}"),
           key_row("talent start-up contest entries, previous year", d["talent_contest_entries_previous"]),
           key_row("talent start-up contest win rate", d["talent_contest_win_rate"]),
           key_row("outstanding commissioners share", d["outstanding_commissioners_share"]),
           key_row("roadshow finance per firm", d["roadshow_per_firm"], note="upper bound"),
           key_row("funding per city major project", d["major_project_funding_each"]),
           key_row("provincial key-tech funding per item", d["prov_tech_per_item"]),
           key_row("provincial key-tech pool", d["prov_tech_pool"]),
           key_row("provincial needs-list funding per item", d["prov_needs_per_item"]),
           key_row("provincial needs-list pool", d["prov_needs_pool"]),
           key_row("major projects target growth", d["major_projects_growth"])]
    printed = {"entrants": entrants, "winners": winners, "nominees": nominees, "entries": tc_entries}
    res = SectionResult(printed, d, flags={"nominees_exceed_winners": over}, key_figures=key)
    groups = ((names["plan"], (PLAN,)), (names["contest"], tuple(TALENT_CONTEST.values())),
              (True, tuple(COMMISSIONERS.values())), (names["roadshows"], tuple(ROADSHOWS.values())))
    b.rest("talent_technology")
    res.statements, res.checks, res.names = b.out, checks, names
    res.contest = [x for x in (entrants, winners, nominees, f[AWARDS]) if x is not None]
    res.talent_rows = [f[i] for named, ids in groups if named is not None for i in ids if f[i] is not None]
    res.technology_rows = [f[i] for i in TECHNOLOGY_TABLE if f[i] is not None]
    return res
