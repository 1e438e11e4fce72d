"""Names of cities and regions in both languages come from data/regions.csv, never from code,
so a second city needs a row, not a change to a module."""
from __future__ import annotations

import functools
from pathlib import Path

import pandas as pd

from helpers.data.paths import DATA_DIR

FILE = "regions.csv"


@functools.lru_cache(maxsize=8)
def _names(data_dir: str) -> dict[str, tuple[str, str]]:
    path = Path(data_dir) / FILE
    if not path.exists():
        return {}
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    return {r.region: (r.name_en, r.name_zh) for r in table.itertuples()}


def region_name(region: str | None, lang: str = "en", data_dir: str | Path | None = None) -> str:
    """'Nanchang' / '南昌'; a region the table lacks shows as its pinyin id (capitalised in English)."""
    if not region:
        return ""
    en, zh = _names(str(DATA_DIR if data_dir is None else data_dir)).get(region, (region.capitalize(), region))
    return zh if lang == "zh" else en


@functools.lru_cache(maxsize=8)
def _parents(data_dir: str) -> dict[str, str]:
    path = Path(data_dir) / FILE
    if not path.exists():
        return {}
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    return {r.region: r.parent for r in table.itertuples() if r.parent}


def province_of(region: str, data_dir: str | Path | None = None) -> str | None:
    """The region a city belongs to ('nanchang' -> 'jiangxi'), from data/regions.csv; None if unknown."""
    return _parents(str(DATA_DIR if data_dir is None else data_dir)).get(region)
