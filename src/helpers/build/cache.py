"""Content hashes that decide whether a notebook must run again.

A job (one notebook in one language) is reused from the previous report when a key over
everything it depends on is unchanged: its own bytes, the parameters, every data file, the
helpers source (and templates) and the installed package versions. Hashes, not mtimes, so
touching a file without changing it is not a change.
"""
from __future__ import annotations

import functools
import hashlib
import json
import sys
from importlib import metadata
from pathlib import Path

from helpers.data import snapshot

MANIFEST = "manifest.json"


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def sha256_json(obj) -> str:
    """Hash of a JSON-able value in a canonical form (sorted keys, no spaces)."""
    text = json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def tree_hashes(root: Path, prefix: str) -> dict[str, str]:
    """sha256 of every file under root, keyed '<prefix>/<relative posix path>' (the files
    helpers.data.snapshot.tree_files counts as inputs: a link leading out of the tree is not one)."""
    return {f"{prefix}/{rel}": sha for rel, sha in snapshot.file_hashes(root).items()}


@functools.cache
def package_versions() -> dict[str, str]:
    """Installed distributions and versions, like `pip freeze`, sorted by name. A wheel's
    `name-version.dist-info` folder names both, so its metadata is not parsed (0.7 s for 600
    packages); other installs (egg-info, editable) are read from their metadata."""
    found = {}
    for dist in metadata.distributions():
        folder = getattr(dist, "_path", None)
        if folder is not None and folder.name.endswith(".dist-info") and folder.name.count("-") == 1:
            name, version = folder.name[:-len(".dist-info")].split("-")
        else:
            name, version = dist.metadata["Name"], dist.version
        if name:
            found[name.lower().replace("_", "-").replace(".", "-")] = version
    return dict(sorted(found.items()))


def job_key(notebook_sha: str, parameters: dict, environment_sha: str) -> str:
    """Key of one (notebook, language) job; parameters hold no paths (those change per build)."""
    return sha256_json({"notebook": notebook_sha, "parameters": parameters,
                        "environment": environment_sha})


MAX_RECORD_BYTES = 16 << 20  # a manifest of a few hundred files is about 100 kB


def read_record(path: Path) -> dict:
    """A JSON object the build keeps for itself (the manifest, the timings), or {} when it is
    absent or unusable: corrupt, nested too deeply, not a plain file (a pipe would block the
    read), too large. An unusable one gets a one-line warning and is written anew; it is never a
    reason to stop a build, nor to hang it."""
    path = Path(path)
    if not path.exists() and not path.is_symlink():
        return {}
    try:
        if not path.is_file():
            raise ValueError("not a plain file")
        if path.stat().st_size > MAX_RECORD_BYTES:
            raise ValueError(f"larger than {MAX_RECORD_BYTES >> 20} MB")
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            raise ValueError(f"a JSON {type(data).__name__}, not an object")
        return data
    except RecursionError:
        reason = "nested too deeply"
    except (OSError, ValueError) as exc:
        reason = " ".join(str(exc).split())[:120]
    print(f"helpers.build.report: warning: {path} is unusable ({reason}); treated as absent",
          file=sys.stderr)
    return {}


def read_manifest(report_dir: Path) -> dict:
    """The previous build's manifest, or {} when there is none or it is unusable (read_record):
    an unusable manifest is an empty cache. Records of the wrong shape are dropped one by one."""
    data = read_record(Path(report_dir) / MANIFEST)
    out = dict(data)
    for section in ("jobs", "html"):
        records = data.get(section)
        out[section] = ({k: v for k, v in records.items() if isinstance(k, str) and _record_ok(v)}
                        if isinstance(records, dict) else {})
    return out


def _record_ok(record) -> bool:
    """Plain values and its files (relative path -> sha256): a kept language's records are
    carried into the next manifest, so nothing else may pass."""
    if not isinstance(record, dict) or not isinstance(record.get("key", ""), str):
        return False
    files = record.get("files", {})
    return (isinstance(files, dict)
            and all(isinstance(k, str) and isinstance(v, str) and _safe_rel(k) for k, v in files.items())
            and all(isinstance(v, (str, int, float, bool, type(None)))
                    for k, v in record.items() if k != "files"))


def _safe_rel(rel: str) -> bool:
    """A path inside the report: relative, no '..' (a manifest must not point elsewhere)."""
    parts = Path(rel).parts
    return bool(parts) and not Path(rel).is_absolute() and ".." not in parts


def reusable(previous: dict, job_id: str, key: str, report_dir: Path) -> dict | None:
    """The previous record of a job if its key matches and all its files are still intact."""
    record = previous.get("jobs", {}).get(job_id)
    if not record or record.get("key") != key:
        return None
    for rel, sha in record.get("files", {}).items():
        if not intact(Path(report_dir) / rel, sha):
            return None
    return record


def intact(path: Path, sha: str | None) -> bool:
    """The file exists and still has the hash the manifest recorded for it."""
    try:
        return bool(sha) and Path(path).is_file() and sha256_file(path) == sha
    except OSError:
        return False


def write_manifest(folder: Path, manifest: dict) -> None:
    text = json.dumps(manifest, sort_keys=True, indent=2, ensure_ascii=False)
    (Path(folder) / MANIFEST).write_text(text + "\n", encoding="utf-8")
