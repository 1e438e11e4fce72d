"""Chinese readings of the English notes in data/indicators.csv (data/notes_zh.csv).

A note is written once in English next to its figure; the Chinese report shows the row of
notes_zh.csv whose note_en is that note. A note without a translation is shown as written, and
tests/test_data.py fails for it, so the Chinese report never carries an English note silently.
"""
from __future__ import annotations

import functools
from pathlib import Path

from helpers.data import snapshot
from helpers.data.load import load_dataset
from helpers.data.schema import NOTES_ZH


def _notes(data_dir: str):
    """notes_zh.csv of the checked dataset of data_dir (a build's snapshot, or the folder checked
    once per process), or None when the folder has none."""
    dataset = snapshot.load(data_dir) or load_dataset(data_dir)
    return dataset.tables.get(NOTES_ZH.name)


@functools.lru_cache(maxsize=8)
def translations(data_dir: str) -> dict[str, str]:
    """note_en -> note_zh ({} when the file is absent)."""
    df = _notes(data_dir)
    return {} if df is None else dict(zip(df["note_en"], df["note_zh"]))


@functools.lru_cache(maxsize=8)
def readings(data_dir: str) -> dict[str, str]:
    """note_en -> note_zh of the notes marked `reading`: how a text that could be read otherwise was
    read, which the report repeats where the figure is used."""
    df = _notes(data_dir)
    if df is None:
        return {}
    df = df[df["reading"] == "yes"]
    return dict(zip(df["note_en"], df["note_zh"]))


def note_in(note: str, lang: str, data_dir: str | Path) -> str:
    """The note in `lang`: English as written; Chinese from notes_zh.csv (as written if missing)."""
    if not note or lang != "zh":
        return note
    return translations(str(Path(data_dir).resolve())).get(note, note)


def untranslated(notes, data_dir: str | Path) -> list[str]:
    """The notes that notes_zh.csv does not translate."""
    known = translations(str(Path(data_dir).resolve()))
    return sorted({n for n in notes if n and n not in known})
