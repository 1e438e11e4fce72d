"""Section 07, talent and key technologies: competitions, talent plans, roadshows, major
projects, open competitions ("揭榜挂帅") and the 2022 targets of the section."""
from __future__ import annotations

from helpers.calc import audit, targets
from helpers.calc.derive import share_pct
from helpers.calc.result import SectionResult, key_row


def analyse(summary) -> SectionResult:
    """Every figure the talent-and-technology notebook shows, and its key figures."""
    get, year = summary.get, summary.year
    nxt = {"period": year + 1, "kind": "target"}
    implied = audit.implied_figures(summary)
    province = summary.province
    entrants = get("innovation_contest_entrants", region=province)
    winners = get("innovation_contest_winners", region=province)
    nominees = get("innovation_contest_national_nominees", region=province)
    entries = get("hongcheng_contest_entries")
    projects, projects_target = get("major_projects"), get("major_projects", **nxt)
    talents_target = targets.total([get("high_level_talents", **nxt), get("high_level_teams", **nxt)])
    d = {
        "contest_win_rate": share_pct(winners, entrants),
        "national_awards_of_nominees": share_pct(get("innovation_contest_national_awards"), nominees),
        "hongcheng_entries_previous": implied.get("hongcheng_entries_prev"),
        "hongcheng_win_rate": share_pct(get("hongcheng_contest_winners"), entries),
        "outstanding_commissioners_share": share_pct(get("outstanding_tech_commissioners"),
                                                     get("tech_commissioners_total")),
        "roadshow_per_firm": implied.get("roadshow_financing_per_firm"),
        "major_project_funding_each": implied.get("major_project_funding_avg"),
        "prov_tech_per_item": implied.get("open_competition_tech_per_item"),
        "prov_tech_pool": implied.get("jiangxi_prov_open_competition_tech_funding"),
        "prov_needs_per_item": implied.get("open_competition_needs_per_item"),
        "prov_needs_pool": implied.get("jiangxi_prov_open_competition_needs_funding"),
        "talents_target_total": talents_target,
        "talents_target_gap": targets.change_needed(talents_target, get("double_hundred_talents_teams")),
        "hongcheng_target_gap": targets.change_needed(get("hongcheng_projects_landed", **nxt),
                                                      get("hongcheng_contest_winners")),
        "major_projects_gap": targets.change_needed(projects_target, projects),
        "major_projects_growth": targets.change_needed_pct(projects_target, projects),
    }
    over = None if winners is None or nominees is None else nominees.value > winners.value
    key = [key_row("contest win rate, province", d["contest_win_rate"]),
           key_row("city awards / province nominees", d["national_awards_of_nominees"],
                   note=f"nominees exceed winners: {over}"),
           key_row("Hongcheng entries, previous year", d["hongcheng_entries_previous"]),
           key_row("Hongcheng win rate", d["hongcheng_win_rate"]),
           key_row("outstanding commissioners share", d["outstanding_commissioners_share"]),
           key_row("roadshow finance per firm", d["roadshow_per_firm"], note="upper bound"),
           key_row("funding per city major project", d["major_project_funding_each"]),
           key_row("provincial key-tech funding per item", d["prov_tech_per_item"]),
           key_row("provincial key-tech pool", d["prov_tech_pool"]),
           key_row("provincial needs-list funding per item", d["prov_needs_per_item"]),
           key_row("provincial needs-list pool", d["prov_needs_pool"]),
           key_row("talent target minus Double Hundred", d["talents_target_gap"], note="related measure"),
           key_row("major projects target growth", d["major_projects_growth"])]
    printed = {"entrants": entrants, "winners": winners, "nominees": nominees, "entries": entries}
    return SectionResult(printed, d, flags={"nominees_exceed_winners": over}, key_figures=key)
