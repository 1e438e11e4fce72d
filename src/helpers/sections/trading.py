"""Section 05, technology trading: the year's contracts, their average size in the city and the
province, the section's targets, and the technology-transfer platforms the document reports.

What the section states (`analyse(summary).statements`, by topic):

- `contracts`: contracts registered and their turnover as printed, with their shares of the province;
  the average contract (turnover / count) as a rate only because data/relations.csv links the two;
  the provincial totals and average the shares imply; and the city's average against the province's
  only when both are per-unit relations of relations.csv over the same two measures (`compare_averages`);
- `targets`: the section's targets against the last level of their own measure
  (helpers.calc.targets.ambition_statements): a registered-value (登记额) target held against turnover
  (成交额) is a related measure, said to be not comparable;
- `plaza`, `alliance`: the transfer platforms' figures, each worded by the scope data/measures.csv
  declares for it: a running total (cumulative) is stated as a total since the platform began, never
  as the year's activity; a figure at the time of writing (stock) as such.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

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
from helpers.calc.statements import Builder, Region, Statement, scope_of
from helpers.data.figures import per_summary
from helpers.errors import StatementError

SECTION = "technology_trading"
COUNT, TURNOVER = "tech_contract_count", "tech_contract_turnover"
SHARE_SUFFIX = "_share_of_province"
PLAZA = ("plaza_events", "plaza_results_published", "plaza_results_landed", "plaza_needs_published",
         "plaza_deal_value")
ALLIANCE = ("alliance_members", "alliance_experts", "alliance_events", "alliance_auction_items",
            "alliance_auction_value")
AUCTION = ("alliance_auction_value", "alliance_auction_items")  # amount, count


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
    return replace(d, formula=f"{show(turnover)} / {show(count)}", inputs=figures_behind(turnover, count))


# --- averages that data/relations.csv defines --------------------------------------------------------

@dataclass(frozen=True)
class Average:
    """An amount per unit that a relation of relations.csv implies (formula per_unit), with what it
    stands for: the amount's and the count's indicators, of the city or of the province."""
    check: str
    amount: str
    count: str
    scope: str          # 'city' | 'province'
    value: Derived


def _stands_for(ref, by_check) -> tuple[str, str] | None:
    """(indicator, region scope) an input of a relation stands for: a printed figure, or an implied
    value that stands for a figure no document prints (the relation's `implies`)."""
    if ref.kind == "figure":
        return ref.indicator, ref.region
    rel = by_check.get(ref.value) if ref.kind == "result" else None
    if rel is not None and rel.implies is not None:
        return rel.implies.indicator, rel.implies.region
    return None


def averages(summary, implied: dict) -> list[Average]:
    """The per-unit averages relations.csv defines and the selection's figures give, in file order."""
    rels = tuple(summary.dataset.relations or ())
    by_check = {r.check: r for r in rels}
    out = []
    for r in rels:
        if r.role != "implied" or r.formula != "per_unit" or len(r.inputs) != 2:
            continue
        a, c = (_stands_for(x, by_check) for x in r.inputs)
        if a is None or c is None or a[1] != c[1] or implied.get(r.check) is None:
            continue
        out.append(Average(r.check, a[0], c[0], a[1], implied[r.check]))
    return out


def average_of(avgs: list[Average], amount: str, count: str, scope: str) -> Average | None:
    return next((x for x in avgs if (x.amount, x.count, x.scope) == (amount, count, scope)), None)


def implied_total_of(summary, implied: dict, indicator: str, scope: str = "province") -> Derived | None:
    """The value a relation implies for a figure no document prints (relations.csv `implies`)."""
    for r in summary.dataset.relations or ():
        if r.implies is not None and (r.implies.indicator, r.implies.region) == (indicator, scope):
            if implied.get(r.check) is not None:
                return implied[r.check]
    return None


def compare_averages(b: Builder, city: Average | None, province: Average | None, city_id: str,
                     province_id: str) -> Statement | None:
    """The city's average as a percentage of the province's: only two averages of one amount over one
    count (the same two measures), each implied by a relation; anything else is a StatementError."""
    if city is None or province is None:
        return None
    if (city.amount, city.count) != (province.amount, province.count):
        raise StatementError(f"{city.check} ({city.amount} / {city.count}) and {province.check} "
                             f"({province.amount} / {province.count}) average different measures")
    if (city.scope, province.scope) != ("city", "province"):
        raise StatementError(f"compare the city's average with the province's, not {city.scope} with {province.scope}")
    ratio = share_pct(city.value, province.value, label="average_vs_province")
    return b.say("implied", "implied.trading.average_vs_province", ratio=ratio, city_avg=city.value,
                 province_avg=province.value, city=Region(city_id), province=Region(province_id))


# --- statements ---------------------------------------------------------------------------------

def contract_statements(b: Builder, summary, implied: dict, avgs: list[Average]) -> None:
    """The year's contracts and turnover, their shares of the province, the averages implied."""
    get, city, province = summary.get, summary.city, summary.province
    count, turnover = get(COUNT), get(TURNOVER)
    b.say("level", "level.trading.contract_count", x=count, city=Region(city))
    # "their turnover" only after the contracts it refers back to; alone, the turnover names its year and city
    b.say("level", "level.trading.contract_turnover" + ("" if count is not None else ".alone"), x=turnover,
          city=Region(city))
    b.say("share", "share.trading.contract_count", x=get(COUNT + SHARE_SUFFIX), province=Region(province))
    b.say("share", "share.trading.contract_turnover", x=get(TURNOVER + SHARE_SUFFIX), province=Region(province))
    city_avg = average_of(avgs, TURNOVER, COUNT, "city")
    b.say("rate", "rate.trading.average_contract", numerator=turnover, denominator=count,
          rate=None if city_avg is None else city_avg.value)
    b.say("implied", "implied.trading.province_totals", count=implied_total_of(summary, implied, COUNT),
          turnover=implied_total_of(summary, implied, TURNOVER), province=Region(province))
    prov_avg = average_of(avgs, TURNOVER, COUNT, "province")
    b.say("implied", "implied.trading.province_average", x=None if prov_avg is None else prov_avg.value,
          province=Region(province))
    compare_averages(b, city_avg, prov_avg, city, province)


def platform_statements(b: Builder, get, indicators: tuple, group: str, city: str) -> None:
    """A transfer platform's figures, each worded by its declared scope (`level.trading.<id>.<scope>`):
    when any is a running total its row bears out, a caveat first says the figures are not the
    year's activity; a running-total measure its row does not date is stated as printed, with no
    period claimed (`level.trading.undated`)."""
    figs = [(ind, get(ind)) for ind in indicators if get(ind) is not None]
    scope = {ind: scope_of(f, b.catalog) or "flow" for ind, f in figs}
    dated = {ind for ind, f in figs if scope[ind] != "cumulative" or not f.period_unstated}
    running = [f for ind, f in figs if scope[ind] == "cumulative" and ind in dated]
    if running:
        b.say("caveat", f"caveat.trading.{group}_running_total", x=running[0])
    for ind, f in figs:
        key = f"level.trading.{ind}.{scope[ind]}" if ind in dated else "level.trading.undated"
        b.say("level", key, x=f, city=Region(city))


def auction_statements(b: Builder, get, avgs: list[Average]) -> None:
    """Proceeds per result sold, a rate only because a relation links the two figures."""
    amount, count = (get(i) for i in AUCTION)
    avg = average_of(avgs, *AUCTION, "city")
    b.say("rate", "rate.trading.auction_per_item", numerator=amount, denominator=count,
          rate=None if avg is None else avg.value)


@per_summary
def analyse(summary) -> SectionResult:
    """The section's figures and statements, by topic: `contracts`, `targets`, `plaza`, `alliance`."""
    get = summary.get
    implied = audit.implied_figures(summary)
    avgs = averages(summary, implied)
    count, turnover = get(COUNT), get(TURNOVER)
    count_share, turnover_share = get(COUNT + SHARE_SUFFIX), get(TURNOVER + SHARE_SUFFIX)
    checks = targets.check_targets(summary, section=SECTION)
    city_avg, prov_avg = (average_of(avgs, TURNOVER, COUNT, s) for s in ("city", "province"))
    d = {
        "city_average": None if city_avg is None else city_avg.value,
        "province_count": implied_total_of(summary, implied, COUNT),
        "province_turnover": implied_total_of(summary, implied, TURNOVER),
        "province_average": None if prov_avg is None else prov_avg.value,
        "rest_average": average_contract(rest_of_province(turnover, turnover_share),
                                         rest_of_province(count, count_share)),
        "plaza_landing_rate": share_pct(get("plaza_results_landed"), get("plaza_results_published")),
        "plaza_deal_per_need": per_unit(get("plaza_deal_value"), get("plaza_needs_published")),
        "auction_per_item": None if average_of(avgs, *AUCTION, "city") is None
        else average_of(avgs, *AUCTION, "city").value,
    }
    d["city_average_vs_province"] = share_pct(d["city_average"], d["province_average"])

    b = Builder.for_summary(summary, topic="contracts")
    contract_statements(b, summary, implied, avgs)
    b.topic = "targets"
    targets.ambition_statements(b, checks, summary)
    targets.note_statements(b, checks, "caveat.trading.target_note", summary.dataset.data_dir)
    b.topic = "plaza"
    platform_statements(b, get, PLAZA, "plaza", summary.city)
    b.topic = "alliance"
    platform_statements(b, get, ALLIANCE, "alliance", summary.city)
    auction_statements(b, get, avgs)

    plaza = [get(k) for k in PLAZA]
    cumulative = any(f is not None and scope_of(f, b.catalog) == "cumulative" for f in plaza)
    key = [key_row("average per contract, city", d["city_average"]),
           key_row("contracts, province", d["province_count"]),
           key_row("turnover, province", d["province_turnover"]),
           key_row("average per contract, province", d["province_average"]),
           key_row("average per contract, province without the city", d["rest_average"])]
    key += [key_row(f"{c.period} target {c.target_expr} against {c.baseline_period} {c.baseline_expr}, change",
                    c.change_pct) for c in checks if c.change_pct is not None]  # like with like only
    key += [key_row("plaza landing rate", d["plaza_landing_rate"], note="cumulative (see note)" if cumulative else ""),
            key_row("plaza deal value per published need", d["plaza_deal_per_need"]),
            key_row("auction proceeds per result", d["auction_per_item"])]
    res = SectionResult({"count": count, "turnover": turnover}, d, flags={"plaza_cumulative": cumulative},
                        key_figures=key)
    b.rest("technology_trading")
    res.checks, res.averages, res.statements = checks, avgs, b.out
    return res
