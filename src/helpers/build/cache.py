"""Content hashes that decide whether a notebook must run again.

A job (one notebook in one language) is reused from the previous report when a key over
everything it depends on is unchanged: its own bytes, the parameters, every data file, the
helpers source (and templates) and the installed package versions. Hashes, not mtimes, so
touching a file without changing it is not a change.
"""
from __future__ import annotations

import hashlib
import json
from importlib import metadata
from pathlib import Path

SKIP_DIRS = {"__pycache__", ".ipynb_checkpoints", ".git"}
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
    """sha256 of every file under root, keyed '<prefix>/<relative posix path>'."""
    root = Path(root)
    inside = root.resolve()
    out = {}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root)
        if not path.is_file() or path.suffix == ".pyc":
            continue
        if inside not in path.resolve().parents:  # a link leading out of the tree is not an input
            continue
        if any(part in SKIP_DIRS or part.startswith(".") for part in rel.parts):
            continue
        out[f"{prefix}/{rel.as_posix()}"] = sha256_file(path)
    return out


def package_versions() -> dict[str, str]:
    """Installed distributions and versions, like `pip freeze`, sorted by name."""
    found = {}
    for dist in metadata.distributions():
        name = dist.metadata["Name"]
        if name:
            found[name.lower().replace("_", "-")] = dist.version
    return dict(sorted(found.items()))


def job_key(notebook_sha: str, parameters: dict, environment_sha: str) -> str:
    """Key of one (notebook, language) job; parameters hold no paths (those change per build)."""
    return sha256_json({"notebook": notebook_sha, "parameters": parameters,
                        "environment": environment_sha})


def read_manifest(report_dir: Path) -> dict:
    """The previous build's manifest, or {} when there is none, it is unreadable or of the wrong
    shape: an unusable manifest is an empty cache, never a reason to stop a build. Records of
    the wrong shape are dropped one by one."""
    try:
        data = json.loads((Path(report_dir) / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    out = dict(data)
    for section in ("jobs", "html"):
        records = data.get(section)
        out[section] = ({k: v for k, v in records.items() if isinstance(k, str) and _record_ok(v)}
                        if isinstance(records, dict) else {})
    return out


def _record_ok(record) -> bool:
    if not isinstance(record, dict) or not isinstance(record.get("key", ""), str):
        return False
    files = record.get("files", {})
    return isinstance(files, dict) and all(
        isinstance(k, str) and isinstance(v, str) and _safe_rel(k) for k, v in files.items())


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
