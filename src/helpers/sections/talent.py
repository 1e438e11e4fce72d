"""Section 07, talent and key technologies: competitions, talent plans, roadshows, major
projects, open competitions ("揭榜挂帅") and the 2022 targets of the section."""
from __future__ import annotations

from helpers.calc.derive import Derived, any_missing, previous_level
from helpers.sections.finance import per_unit_in
from helpers.sections.platforms import share_of, target_gap, target_growth
from helpers.sections.targets import total
from helpers.sections.trading import province_total


def previous_entries(entries, growth, label: str = "") -> Derived | None:
    """Last year's entries a growth rate implies: 248 / (1 + 43.35%) = 173.00."""
    return None if any_missing(entries, growth) else previous_level(entries, growth, label)


def nominees_exceed_winners(winners, nominees) -> bool | None:
    """True when more firms went to the national final than won in the division (23 > 21)."""
    return None if any_missing(winners, nominees) else nominees.value > winners.value


def compute(get, year: int) -> dict[str, Derived | None]:
    """Every derived figure of the section, from `get` (Summary.get or Notebook.fig)."""
    nxt = {"period": year + 1, "kind": "target"}
    entrants = get("innovation_contest_entrants", region="jiangxi")
    winners = get("innovation_contest_winners", region="jiangxi")
    nominees = get("innovation_contest_national_nominees", region="jiangxi")
    entries = get("hongcheng_contest_entries")
    projects, projects_target = get("major_projects"), get("major_projects", **nxt)
    tech_funding, needs_funding = get("prov_open_competition_tech_funding"), get("prov_open_competition_needs_funding")
    talents_target = total([get("high_level_talents", **nxt), get("high_level_teams", **nxt)])
    return {
        "contest_win_rate": share_of(winners, entrants),
        "national_awards_of_nominees": share_of(get("innovation_contest_national_awards"), nominees),
        "hongcheng_entries_previous": previous_entries(entries, get("hongcheng_contest_entries_growth")),
        "hongcheng_win_rate": share_of(get("hongcheng_contest_winners"), entries),
        "outstanding_commissioners_share": share_of(get("outstanding_tech_commissioners"),
                                                    get("tech_commissioners_total")),
        "roadshow_per_firm": per_unit_in(get("roadshow_financing"), get("roadshow_firms_financed")),
        "major_project_funding_each": per_unit_in(get("major_projects_funding"), projects),
        "prov_tech_per_item": per_unit_in(tech_funding, get("prov_open_competition_tech_items")),
        "prov_tech_pool": province_total(tech_funding, get("prov_open_competition_tech_funding_share_of_province")),
        "prov_needs_per_item": per_unit_in(needs_funding, get("prov_open_competition_needs_items")),
        "prov_needs_pool": province_total(needs_funding, get("prov_open_competition_needs_funding_share_of_province")),
        "talents_target_total": talents_target,
        "talents_target_gap": target_gap(talents_target, get("double_hundred_talents_teams")),
        "hongcheng_target_gap": target_gap(get("hongcheng_projects_landed", **nxt), get("hongcheng_contest_winners")),
        "major_projects_gap": target_gap(projects_target, projects),
        "major_projects_growth": target_growth(projects_target, projects),
    }
