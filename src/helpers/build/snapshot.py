"""Write the validated snapshot of data/ that a build's kernels read (helpers.data.snapshot).

The data files are read once; those bytes are hashed, copied to a folder of the build's cache and
validated there, so the report is made from exactly the data the manifest records. The folder is
named by a key over the data's hashes and the code that validated them, and reused by the next
build with the same key once it still verifies; a changed data file gives another key.
"""
from __future__ import annotations

import json
import os
import pickle
import re
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from helpers.data import snapshot
from helpers.errors import DataError, SelectionError

KEEP_SECONDS = 24 * 3600  # unused snapshots are removed after a day
PENDING = "nsr-snapshot-"  # nsr-snapshot-<pid>-…: a snapshot being validated, in the temp folder


@dataclass
class Snapshot:
    data_dir: Path          # the read-only copy the kernels get as data_dir
    key: str
    files: dict[str, str]   # relative path -> sha256: what the build hashed
    dataset: object         # helpers.data.load.Dataset of the copy
    pending: Path | None = None  # made in the temp folder, not yet in the cache (keep)


def read_inputs(data_dir: Path) -> tuple[dict[str, bytes], dict[str, str]]:
    """The input files' bytes, and the links that lead out of data/ (kept as links, so the loader
    refuses them with its own message)."""
    files = {rel: path.read_bytes() for rel, path in snapshot.tree_files(data_dir)}
    links = {}
    for path in Path(data_dir).rglob("*"):
        rel = path.relative_to(data_dir)
        if path.is_symlink() and rel.as_posix() not in files and not rel.name.startswith("."):
            links[rel.as_posix()] = str(path.resolve())
    return files, links


def prepare(data_dir: Path, cache_dir: Path, code_key: str) -> Snapshot:
    """The validated snapshot of data_dir: the cached one when it still verifies, else a new one
    made in the system's temp folder (nothing is written under the reports before `keep`).
    SelectionError with the loader's one line (naming data_dir's files) when the data are not valid."""
    from helpers.build.cache import sha256_json

    data_dir = Path(data_dir)
    files, links = read_inputs(data_dir)
    hashes = {rel: snapshot.sha256_bytes(b) for rel, b in files.items()}
    key = sha256_json({"data": hashes, "links": links, "code": code_key})
    found = _reuse(Path(cache_dir) / key, hashes)
    if found is not None:
        return found
    tmp = Path(tempfile.mkdtemp(prefix=f"{PENDING}{os.getpid()}-"))
    try:
        copy = tmp / snapshot.DATA
        for rel, blob in files.items():
            (copy / rel).parent.mkdir(parents=True, exist_ok=True)
            (copy / rel).write_bytes(blob)
        for rel, target in links.items():
            (copy / rel).parent.mkdir(parents=True, exist_ok=True)
            os.symlink(target, copy / rel)
        copy.mkdir(exist_ok=True)
        dataset = _validate(copy, data_dir)
        blob = pickle.dumps(dataset, protocol=pickle.HIGHEST_PROTOCOL)
        (tmp / snapshot.PICKLE).write_bytes(blob)
        meta = {"key": key, "files": hashes, "pickle": snapshot.sha256_bytes(blob)}
        (tmp / snapshot.META).write_text(json.dumps(meta, indent=1, sort_keys=True) + "\n",
                                         encoding="utf-8")
    except BaseException:
        _remove(tmp)
        raise
    return Snapshot(copy, key, hashes, dataset, pending=tmp)


def keep(snap: Snapshot, cache_dir: Path) -> Snapshot:
    """Put a new snapshot into the cache (reports/.cache/snapshots/<key>), read-only, where the
    kernels (and a cluster's workers) read it; a cached one is returned as it is."""
    if snap.pending is None:
        return snap
    cache_dir = Path(cache_dir)
    cache_dir.mkdir(parents=True, exist_ok=True)
    sweep(cache_dir)
    final = cache_dir / snap.key
    tmp = Path(tempfile.mkdtemp(prefix=f"{snap.key[:12]}.tmp-{os.getpid()}-", dir=cache_dir))
    try:
        shutil.copytree(snap.pending, tmp, symlinks=True, dirs_exist_ok=True)
        _read_only(tmp)
        if final.exists() and _reuse(final, snap.files) is None:  # unusable: replaced
            _remove(final)
        try:
            os.rename(tmp, final)
        except OSError:  # another build made it at the same moment: use theirs
            pass
    finally:
        _remove(tmp)
        discard(snap)
    found = _reuse(final, snap.files)
    if found is None:
        raise SelectionError(f"{final}: the data snapshot could not be written; run the build again")
    return found


def discard(snap: Snapshot) -> None:
    """Remove a snapshot that was never kept (the build stopped before it started)."""
    if snap.pending is not None:
        _remove(snap.pending)


def freeze(data_dir: Path, cache_dir: Path, code_key: str) -> Snapshot:
    """prepare, then keep: the snapshot in the cache."""
    return keep(prepare(data_dir, cache_dir, code_key), cache_dir)


def _validate(copy: Path, data_dir: Path):
    """load_dataset of the copy, its message naming data_dir's file as the loader would."""
    from helpers.data.load import load_dataset
    try:
        return load_dataset(copy)
    except DataError as exc:
        raise SelectionError(str(exc).replace(str(copy), str(data_dir))) from None


def _reuse(folder: Path, hashes: dict[str, str]) -> Snapshot | None:
    """The snapshot in folder if it holds exactly these files, unchanged; else None."""
    if not (folder / snapshot.META).is_file():
        return None
    try:
        meta = json.loads((folder / snapshot.META).read_text(encoding="utf-8"))
        if meta.get("files") != hashes:
            return None
        dataset = snapshot.load(folder / snapshot.DATA)
    except (DataError, OSError, ValueError, pickle.UnpicklingError, AttributeError, EOFError):
        return None
    os.utime(folder)  # in use: kept by sweep
    return Snapshot(folder / snapshot.DATA, folder.name, hashes, dataset)


def _read_only(folder: Path) -> None:
    for path in sorted(folder.rglob("*"), reverse=True):
        if path.is_file() and not path.is_symlink():
            path.chmod(0o444)
        elif path.is_dir() and not path.is_symlink():
            path.chmod(0o555)
    folder.chmod(0o555)


def _remove(folder: Path) -> None:
    """rmtree of a read-only snapshot folder."""
    for path in [folder, *folder.rglob("*")]:
        if path.is_dir() and not path.is_symlink():
            try:
                path.chmod(0o755)
            except OSError:
                pass
    shutil.rmtree(folder, ignore_errors=True)


def sweep(cache_dir: Path) -> None:
    """Remove snapshots unused for a day, and the temporary folders of builds no longer running."""
    from helpers.build.report import _alive, _pid_of

    now = time.time()
    for path in Path(cache_dir).iterdir():
        try:
            old = now - path.stat().st_mtime > KEEP_SECONDS
        except OSError:
            continue
        dead_tmp = ".tmp-" in path.name and not _alive(_pid_of(path))
        if path.is_dir() and not path.is_symlink() and (dead_tmp or (old and ".tmp-" not in path.name)):
            _remove(path)
    for path in Path(tempfile.gettempdir()).glob(f"{PENDING}*"):
        match = re.match(rf"{PENDING}(\d+)-", path.name)
        try:
            mine = path.is_dir() and not path.is_symlink() and path.stat().st_uid == os.getuid()
        except OSError:
            continue
        if match and mine and not _alive(int(match.group(1))):
            _remove(path)
