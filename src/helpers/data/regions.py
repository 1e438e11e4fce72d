"""Names of cities and regions in both languages come from data/regions.csv, never from code,
so a second city needs a row, not a change to a module."""
from __future__ import annotations

import functools
from pathlib import Path

import pandas as pd

from helpers.data.paths import DATA_DIR

FILE = "regions.csv"
NO_PROVINCE = {"en": "the province", "zh": "全省"}  # a city whose province the table lacks


@functools.lru_cache(maxsize=8)
def _table(data_dir: str) -> dict[str, tuple[str, str, str]]:
    """region -> (name_en, name_zh, parent), read once per data folder."""
    path = Path(data_dir) / FILE
    if not path.exists():
        return {}
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    return {r.region: (r.name_en, r.name_zh, r.parent) for r in table.itertuples()}


def _rows(data_dir: str | Path | None) -> dict[str, tuple[str, str, str]]:
    return _table(str(DATA_DIR if data_dir is None else data_dir))


def names_en(data_dir: str | Path | None = None) -> frozenset[str]:
    """Every English name of the table's regions ('Nanchang', 'Jiangxi'): the capitals a sentence
    keeps when it lowers the first word of a list item."""
    return frozenset(en for en, _, _ in _rows(data_dir).values())


def region_name(region: str | None, lang: str = "en", data_dir: str | Path | None = None) -> str:
    """'Nanchang' / '南昌'; a region the table lacks shows as its pinyin id (capitalised in English)."""
    if not region:
        return ""
    en, zh, _ = _rows(data_dir).get(region, (region.capitalize(), region, ""))
    return zh if lang == "zh" else en


def province_of(region: str, data_dir: str | Path | None = None) -> str | None:
    """The region a city belongs to ('nanchang' -> 'jiangxi'), from data/regions.csv; None if unknown."""
    return _rows(data_dir).get(region, ("", "", ""))[2] or None


def province_name(regions: list[str], lang: str, data_dir: str | Path | None = None) -> str:
    """The name of the region above the selected city (regions = [city, province, ...])."""
    return region_name(regions[1], lang, data_dir) if len(regions) > 1 else NO_PROVINCE[lang]


def fill_names(text: str, lang: str, regions: list[str], data_dir: str | Path | None = None) -> str:
    """Text written once for any city ('share of {province}') with the selection's names."""
    return (text.replace("{city}", region_name(regions[0], lang, data_dir))
                .replace("{province}", province_name(regions, lang, data_dir)))
