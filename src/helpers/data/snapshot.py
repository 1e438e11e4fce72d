"""A validated snapshot of data/: the build validates the data once, and its kernels reuse that.

A snapshot is a folder under the build's cache, named by its key (helpers.build.snapshot writes it):

    <key>/data/           a read-only copy of the data files, the very bytes the build hashed
    <key>/dataset.pickle  load_dataset() of that copy
    <key>/snapshot.json   {"key", "files": {relative path: sha256}, "pickle": sha256}

The build gives its kernels `<key>/data` as data_dir, so whatever a kernel reads, through the loader
or not, is what the build hashed: an edit to data/ during a build cannot reach the report. `load`
returns the pickled dataset in a few milliseconds instead of validating again; a kernel started by
hand (data_dir = ../data) has no snapshot and validates as before.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import pickle
from pathlib import Path

from helpers.errors import DataError

SKIP_DIRS = {"__pycache__", ".ipynb_checkpoints", ".git"}
META = "snapshot.json"
PICKLE = "dataset.pickle"
DATA = "data"


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def tree_files(root: Path) -> list[tuple[str, Path]]:
    """(relative posix path, path) of the files under root that are inputs: no dot-files, caches
    or .pyc, and no link leading out of the tree."""
    root = Path(root)
    inside = root.resolve()
    out = []
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root)
        if not path.is_file() or path.suffix == ".pyc":
            continue
        if inside not in path.resolve().parents:
            continue
        if any(part in SKIP_DIRS or part.startswith(".") for part in rel.parts):
            continue
        out.append((rel.as_posix(), path))
    return out


def file_hashes(root: Path) -> dict[str, str]:
    """sha256 of every input file under root, by relative posix path."""
    return {rel: sha256_bytes(path.read_bytes()) for rel, path in tree_files(root)}


def folder_of(data_dir: str | Path | None) -> Path | None:
    """The snapshot folder whose data copy `data_dir` is, or None (a plain data folder, or None:
    the default data/)."""
    if data_dir is None:
        return None
    data_dir = Path(data_dir)
    if data_dir.name != DATA or not (data_dir.parent / META).is_file():
        return None
    return data_dir.parent


def load(data_dir: str | Path | None):
    """The validated Dataset of a snapshot's data copy, or None when data_dir is not one.

    Raises DataError when the copy or the pickle no longer hash to what the build recorded: a
    report is never built from a snapshot that changed after it was validated."""
    folder = folder_of(data_dir)
    if folder is None:
        return None
    meta_path = folder / META
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        files, want = meta["files"], meta["pickle"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise DataError(meta_path, f"unusable snapshot record ({exc}); run the build again") from None
    now = file_hashes(Path(data_dir))
    changed = sorted(k for k in set(files) | set(now) if files.get(k) != now.get(k))
    if changed:
        raise DataError(Path(data_dir) / changed[0], "changed after the build validated the "
                        "snapshot; run the build again")
    blob = (folder / PICKLE).read_bytes()
    if sha256_bytes(blob) != want:
        raise DataError(folder / PICKLE, "does not match its snapshot record; run the build again")
    key = (str(Path(data_dir).resolve()), want)
    if key not in _LOADED:  # one Dataset per snapshot and process: its selections are shared
        while len(_LOADED) >= KEEP:
            del _LOADED[next(iter(_LOADED))]
        _LOADED[key] = dataclasses.replace(pickle.loads(blob), data_dir=Path(data_dir))
    return _LOADED[key]


# The snapshots this process has loaded, newest last (a build's worker warms one selection after
# another: it keeps the few it is working on). A snapshot never changes once its record is
# written (load checks that), so the same bytes give the same Dataset.
KEEP = 2
_LOADED: dict[tuple[str, str], object] = {}
