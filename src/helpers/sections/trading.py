"""Section 05, technology trading: contract size in the city and the province, the 2022 target,
the science plaza's funnel and the technology-transfer alliance."""
from __future__ import annotations

from helpers.calc.derive import Derived, any_missing, figures_behind, implied_total
from helpers.sections.finance import per_unit_in
from helpers.sections.platforms import share_of, target_growth
from helpers.data.units import unit_label


def province_total(part, share, label: str = "") -> Derived | None:
    """The Jiangxi total a city share implies: 3278 / 49.5% = 6622.22 contracts."""
    return None if any_missing(part, share) else implied_total(part, share, label)


def rest_of_province(part, share, label: str = "") -> Derived | None:
    """The province without the city: part / share - part = 3278 / 49.5% - 3278 = 3344.22 contracts."""
    whole = province_total(part, share)
    if whole is None:
        return None
    return Derived(whole.value - part.value, part.unit, f"{whole.formula} - {part.value:g}",
                   figures_behind(part, share), label)


def average_contract(turnover, count, label: str = "") -> Derived | None:
    """Turnover per contract in 万元: 106.7 亿元 / 3278 = 325.50 万元."""
    d = per_unit_in(turnover, count, "cny_10k", label)
    if d is None:
        return None
    if isinstance(turnover, Derived) or isinstance(count, Derived):  # say how the inputs were implied
        show = lambda x: f"({x.formula})" if isinstance(x, Derived) else f"{x.value:g}"  # noqa: E731
        d = Derived(d.value, d.unit, f"{show(turnover)} {unit_label(turnover.unit, 'zh')} / {show(count)}",
                    figures_behind(turnover, count), label)
    return d


def compute(get, year: int) -> dict[str, Derived | None]:
    """Every derived figure of the section, from `get` (Summary.get or Notebook.fig)."""
    count, turnover = get("tech_contract_count"), get("tech_contract_turnover")
    count_share = get("tech_contract_count_share_of_province")
    turnover_share = get("tech_contract_turnover_share_of_province")
    target = get("tech_contract_turnover", period=year + 1, kind="target")
    prov_count = province_total(count, count_share)
    prov_turnover = province_total(turnover, turnover_share)
    city_avg = average_contract(turnover, count)
    prov_avg = average_contract(prov_turnover, prov_count)
    rest_avg = average_contract(rest_of_province(turnover, turnover_share), rest_of_province(count, count_share))
    return {
        "city_average": city_avg,
        "province_count": prov_count,
        "province_turnover": prov_turnover,
        "province_average": prov_avg,
        "rest_average": rest_avg,
        "city_average_vs_province": share_of(city_avg, prov_avg),
        "target_growth": target_growth(target, turnover),
        "plaza_landing_rate": share_of(get("plaza_results_landed"), get("plaza_results_published")),
        "plaza_deal_per_need": per_unit_in(get("plaza_deal_value"), get("plaza_needs_published")),
        "auction_per_item": per_unit_in(get("alliance_auction_value"), get("alliance_auction_items")),
    }
