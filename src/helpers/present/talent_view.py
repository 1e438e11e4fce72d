"""Section 7 as a reader sees it: the contest chart and the tables of talent and key-technology
figures. Words from messages/<lang>/talent.po and the catalog's indicator names; numbers from
helpers.present.numbers (a bound keeps its word)."""
from __future__ import annotations

import pandas as pd

from helpers.data.regions import region_name
from helpers.present import catalog, numbers, plots, targets_view

# The target table of the section: each target and the level it is held against, without the
# change and percentage columns, which for a related measure would compare unlike figures (the
# statements give the change where the measure is the same).
TARGET_COLUMNS = ("target", "target_value", "baseline", "baseline_period", "baseline_value", "comparability", "note")


def figures_table(figures, lang: str) -> pd.DataFrame:
    """The printed figures a part rests on: the catalog's name and the value as printed, bound
    words kept (nearly, about, more than). Empty when there is none."""
    heads = [catalog.message(f"column.talent.{k}", lang) for k in ("indicator", "value")]
    return pd.DataFrame([[f.name(lang), numbers.figure(f, lang)] for f in figures], columns=heads)


def contest_chart(contest, *, title: str, lang: str, data_dir=None):
    """The contest's stages (the province's entrants, winners and nominees, the city's awards) as
    bars, a bar of another region than the first named by its region; None with fewer than two."""
    if len(contest) < 2:
        return None
    labels = [f.name(lang) if f.region == contest[0].region else
              catalog.message("column.talent.region_figure", lang).format(
                  region=region_name(f.region, lang, data_dir), name=f.name(lang)) for f in contest]
    return plots.hbar(labels, [f.value for f in contest], value_fmt="{:,.0f}",
                      title=title, xlabel=catalog.message("column.talent.firms", lang))


def targets_table(checks, lang: str) -> pd.DataFrame:
    """The section's targets and their baselines (helpers.present.targets_view), columns that say
    nothing in any row left out."""
    return targets_view.filled(targets_view.table(checks, lang, TARGET_COLUMNS), lang)
