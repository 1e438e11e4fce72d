"""Section 04, platforms: new platforms by level, the 2022 platform targets, new-type R&D institutions.

Target against baseline (sums, gaps, comparability and notes) is helpers.calc.targets' job:
`total`, `target_gap` and `target_growth` here are that module's functions under section names."""
from __future__ import annotations

import pandas as pd

from helpers.calc.derive import Derived, share_pct
from helpers.calc.result import SectionResult, key_row
from helpers.calc.targets import change_needed, change_needed_pct, total

# (level, indicator) in the order of the document: national, provincial, city.
NEW_PLATFORMS = (
    ("national", "state_key_lab_new"),
    ("provincial", "provincial_key_lab_new"),
    ("provincial", "provincial_innovation_center_new"),
    ("city", "city_key_lab_new"),
    ("city", "city_engineering_center_new"),
)
LEVELS = {"national": ("National", "国家级"), "provincial": ("Provincial", "省级"), "city": ("City", "市级")}

STATUS_GROUPS = ("operating_well", "operating_normally", "just_landed", "stalled")
STATUS_COUNT = {  # the count the document prints for each group (none for the stalled one)
    "operating_well": "new_rd_institutions_operating_well",
    "operating_normally": "new_rd_institutions_operating_normally",
    "just_landed": "new_rd_institutions_just_landed",
    "stalled": None,
}


def new_platforms(get) -> list[tuple[str, str, object]]:
    """(level, indicator, Figure or None) for each kind of new platform."""
    return [(level, ind, get(ind)) for level, ind in NEW_PLATFORMS]


def level_totals(get) -> dict[str, Derived | None]:
    """New platforms per level and in all: {'national': 1, 'provincial': 22, 'city': 49, 'all': 72}."""
    rows = new_platforms(get)
    out = {level: total([f for lv, _, f in rows if lv == level]) for level in LEVELS}
    out["all"] = total([f for _, _, f in rows])
    return out



def analyse(summary) -> SectionResult:
    """Every figure the platforms notebook shows, and its key figures."""
    get, year = summary.get, summary.year
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
    key = [key_row("new platforms, all levels", d["all"]),
           key_row("new platforms, provincial", d["provincial"]),
           key_row("new platforms, city", d["city"]),
           key_row(f"{year + 1} target minus city platforms", d["target_gap"], note="related measure, not identical"),
           key_row(f"growth needed for the {year + 1} target", d["target_growth"]),
           key_row("electronic-information target / city platforms", d["ei_share_of_city"])]
    return SectionResult({"target": target, "ei_target": ei}, d, key_figures=key)


def institution_counts(table: pd.DataFrame, get) -> pd.DataFrame:
    """The printed count of each status group against the rows of rd_institutions.csv.

    Columns: status_group, printed (float or None), rows (int), status (consistent, inconsistent,
    unverifiable when the document prints no count); the last row is the total.
    """
    groups = table["status_group"].value_counts() if len(table) else pd.Series(dtype=int)
    recs = []
    for group in STATUS_GROUPS:
        fig = get(STATUS_COUNT[group]) if STATUS_COUNT[group] else None
        rows = int(groups.get(group, 0))
        recs.append((group, fig, rows))
    recs.append(("total", get("new_rd_institutions"), int(len(table))))
    out = []
    for group, fig, rows in recs:
        printed = None if fig is None else fig.value
        status = "unverifiable" if printed is None else ("consistent" if printed == rows else "inconsistent")
        out.append({"status_group": group, "printed": printed, "rows": rows, "status": status})
    return pd.DataFrame(out, columns=["status_group", "printed", "rows", "status"])


STATUS_SHORT = {"operating_well": ("Operating well", "运营良好"), "operating_normally": ("Operating normally", "运营正常"),
                "just_landed": ("Just established", "刚落地"), "stalled": ("Stalled", "无法推进")}


def status_labels(table: pd.DataFrame, lang: str = "en") -> dict[str, str]:
    """status_group -> its wording in the table (status_en / status_zh, first row of the group),
    or a short generic label for a group without rows."""
    col = "status_zh" if lang == "zh" else "status_en"
    out = {}
    for g in STATUS_GROUPS:
        rows = table.loc[table["status_group"] == g, col] if len(table) else []
        out[g] = str(rows.iloc[0]) if len(rows) else STATUS_SHORT[g][lang == "zh"]
    return out
