"""A made-up panel for `make bench`: the real city's documents again under made-up city ids.

Every row about one real city (its sources, and the rows of every table that name those sources
or that city) is copied under a new city id, into a copy of data/ in a temporary folder, never
into data/. The raw texts are shared, so every quote still checks; the loader validates the
result like any data set. What grows is the number of selections, which is what the build's time
is measured against.
"""
from __future__ import annotations

import csv
import io
import shutil
import string
from pathlib import Path

TEMPLATE = "nanchang"


def city_ids(n: int, template: str = TEMPLATE) -> list[str]:
    """n made-up city ids of lowercase letters (a region id has no digits): nanchangb, nanchangc, ..."""
    letters = string.ascii_lowercase
    return [template + letters[(i + 1) // 26] * ((i + 1) >= 26) + letters[(i + 1) % 26] for i in range(n)]


def _read(path: Path) -> tuple[list[str], list[dict]]:
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        return list(reader.fieldnames or []), list(reader)


def _write(path: Path, header: list[str], rows: list[dict]) -> None:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def make_panel(data_dir: Path, folder: Path, cities: int, template: str = TEMPLATE) -> Path:
    """A copy of data_dir under folder/data with `cities` made-up copies of `template`."""
    target = Path(folder) / "data"
    shutil.copytree(data_dir, target)
    header, sources = _read(target / "sources.csv")
    own = [r for r in sources if r["city"] == template]
    regions_header, regions = _read(target / "regions.csv")
    model = next(r for r in regions if r["region"] == template)
    tables = {p: _read(p) for p in sorted(target.glob("*.csv"))
              if p.name not in ("sources.csv", "regions.csv")}
    changed = set()
    for k, city in enumerate(city_ids(cities, template), start=2):
        renamed = {r["source"]: city + r["source"][len(template):] if r["source"].startswith(template)
                   else f"{city}_{r['source']}" for r in own}
        sources += [{**r, "source": renamed[r["source"]], "city": city} for r in own]
        regions.append({**model, "region": city, "name_en": f"{model['name_en']} {k}",
                        "name_zh": f"{model['name_zh']}{k}号"})
        for path, (cols, rows) in tables.items():
            if "source" not in cols:
                continue
            copies = []
            for r in rows:
                if r["source"] in renamed:
                    row = {**r, "source": renamed[r["source"]]}
                    if row.get("region") == template:
                        row["region"] = city
                    if path.name == "relations.csv":  # a check about one document: its own id
                        row["check"] = f"{r['check']}_{city}"
                    copies.append(row)
            rows.extend(copies)
            changed.add(path)
    _write(target / "sources.csv", header, sources)
    _write(target / "regions.csv", regions_header, regions)
    for path in changed:
        _write(path, *tables[path])
    return target
