"""Section 05, technology trading: contract size in the city and the province, the 2022 target,
the science plaza's funnel and the technology-transfer alliance."""
from __future__ import annotations

from helpers.calc import audit, targets
from helpers.calc.derive import (
    Derived,
    derivation,
    difference,
    figures_behind,
    implied_total,
    operand_text,
    per_unit,
    share_pct,
)
from helpers.calc.result import SectionResult, key_row


@derivation
def rest_of_province(part, share, label: str = "") -> Derived:
    """The province without the city: part / share - part = 3278 / 49.5% - 3278 = 3344.22 contracts."""
    return difference(implied_total(part, share), part, label=label)


@derivation
def average_contract(turnover, count, label: str = "") -> Derived:
    """Turnover per contract in 万元, saying how implied inputs were obtained:
    (106.7 / 25.8% - 106.7) 亿元 / (3278 / 49.5% - 3278) = 917.60 万元."""
    d = per_unit(turnover, count, "cny_10k", label)
    show = lambda x: f"({x.formula})" if isinstance(x, Derived) else operand_text(x)  # noqa: E731
    return Derived(d.value, d.unit, f"{show(turnover)} / {show(count)}", figures_behind(turnover, count), label)


def analyse(summary) -> SectionResult:
    """Every figure the technology-trading notebook shows, and its key figures."""
    get, year = summary.get, summary.year
    implied = audit.implied_figures(summary)
    count, turnover = get("tech_contract_count"), get("tech_contract_turnover")
    count_share = get("tech_contract_count_share_of_province")
    turnover_share = get("tech_contract_turnover_share_of_province")
    target = get("tech_contract_turnover", period=year + 1, kind="target")
    d = {
        "city_average": implied.get("tech_contract_avg"),
        "province_count": implied.get("jiangxi_tech_contract_count"),
        "province_turnover": implied.get("jiangxi_tech_contract_turnover"),
        "province_average": implied.get("jiangxi_tech_contract_avg"),
        "rest_average": average_contract(rest_of_province(turnover, turnover_share),
                                         rest_of_province(count, count_share)),
        "target_growth": targets.change_needed_pct(target, turnover),
        "plaza_landing_rate": share_pct(get("plaza_results_landed"), get("plaza_results_published")),
        "plaza_deal_per_need": per_unit(get("plaza_deal_value"), get("plaza_needs_published")),
        "auction_per_item": implied.get("auction_value_per_item"),
    }
    d["city_average_vs_province"] = share_pct(d["city_average"], d["province_average"])
    plaza = [get(k) for k in ("plaza_events", "plaza_results_published", "plaza_results_landed",
                              "plaza_needs_published", "plaza_deal_value")]
    cumulative = any(f is not None and "umulative" in f.note for f in plaza)
    key = [key_row("average per contract, city", d["city_average"]),
           key_row("contracts, province", d["province_count"]),
           key_row("turnover, province", d["province_turnover"]),
           key_row("average per contract, province", d["province_average"]),
           key_row("average per contract, province without the city", d["rest_average"]),
           key_row(f"growth needed for the {year + 1} target", d["target_growth"]),
           key_row("plaza landing rate", d["plaza_landing_rate"], note="cumulative (see note)" if cumulative else ""),
           key_row("plaza deal value per published need", d["plaza_deal_per_need"]),
           key_row("auction proceeds per result", d["auction_per_item"])]
    return SectionResult({"count": count, "turnover": turnover, "target": target}, d,
                         flags={"plaza_cumulative": cumulative}, key_figures=key)
