"""Build the annual report: run every notebook with papermill, then write one HTML page per language.

    python -m helpers.build.report --city nanchang --year 2021 --lang en --lang zh [--jobs N] [--force]

Parameters are checked before any kernel starts. Jobs (notebook x language) run --jobs at a time;
a job is reused from the previous report when nothing it depends on changed (helpers.build.cache).
Everything is written to a temporary folder next to reports/<city>/<year> and swapped in only when
the whole build succeeded, so a failing notebook never damages the last good report.
"""
from __future__ import annotations

import argparse
import contextlib
import csv
import dataclasses
import json
import os
import re
import shutil
import signal
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from helpers.build import cache as build_cache
from helpers.build import cluster, zygote
from helpers.build.kernel import project_kernel
from helpers.data import paths, selection
from helpers.data.schema import FIRST_YEAR, LAST_YEAR, REGION
from helpers.errors import SelectionError

LANGS = ("en", "zh")
CONVERTING = threading.Lock()
CELL_TIMEOUT = 600  # seconds; a cell that runs longer is stuck, and the build must not hang
HELPERS_DIR = Path(__file__).resolve().parents[1]


class BuildError(RuntimeError):
    """A notebook failed or the report could not be written; the message says which and why."""


class Terminated(KeyboardInterrupt):
    """SIGTERM: handled like Ctrl-C, so the temporary folder and the workers are cleaned up."""


@dataclass
class Config:
    city: str
    year: int
    langs: list[str]
    jobs: int
    force: bool = False
    output: Path = paths.REPORTS_DIR
    data_dir: Path = paths.DATA_DIR
    notebook_dir: Path = paths.NOTEBOOK_DIR
    helpers_dir: Path = HELPERS_DIR
    quiet: bool = False
    allow_uncovered: bool = False
    pdf: bool = False  # print each language's PDF after the build (make report); kept while its page is
    snapshot: object = None  # helpers.build.snapshot.Snapshot: the validated data the kernels read
    pool: object = None  # a shared executor (a panel build, dask); None: the build makes its own
    scheduler: str | None = None  # a dask scheduler's address, or 'local' (helpers.build.cluster)

    @property
    def report_dir(self) -> Path:
        return self.output / self.city / str(self.year)

    @property
    def kernel_data_dir(self) -> Path:
        """The data folder kernels and pages read: the snapshot's copy when the build made one."""
        return self.snapshot.data_dir if self.snapshot else self.data_dir


@dataclass
class Job:
    notebook: Path
    lang: str
    key: str
    record: dict = field(default_factory=dict)

    @property
    def id(self) -> str:
        return f"{self.notebook.name}:{self.lang}"

    @property
    def label(self) -> str:
        return f"{self.notebook.stem} ({self.lang})"


# ---------------------------------------------------------------- parameters

def cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def available_selections(data_dir: Path) -> list[tuple[str, int]]:
    """The (city, year) pairs that data/sources.csv holds (read with csv: fast, no pandas)."""
    path = Path(data_dir) / "sources.csv"
    try:
        with open(path, newline="", encoding="utf-8") as f:
            return sorted({(r["city"].strip(), int(r["year"])) for r in csv.DictReader(f)})
    except FileNotFoundError:
        raise SelectionError(f"{path}: not found, so no city or year can be built") from None
    except (KeyError, ValueError) as exc:
        raise SelectionError(f"{path}: needs columns city and year (whole numbers): {exc}") from None


def _read_csv(path: Path) -> list[tuple[int, dict]]:
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        return [(reader.line_num, r) for r in reader]


def city_selections(data_dir: Path) -> list[tuple[str, int]]:
    """The (city, year) pairs a report can be built for: documents about a city-level region
    (data/regions.csv level 'city'; every region when the table is absent)."""
    pairs = available_selections(data_dir)
    regions = Path(data_dir) / "regions.csv"
    if not regions.exists():
        return pairs
    cities = {r["region"].strip() for _, r in _read_csv(regions) if (r.get("level") or "").strip() == "city"}
    return [(c, y) for c, y in pairs if c in cities]


def check_selection(city: str, year: int, data_dir: Path) -> None:
    """The selection has documents, at most one work summary, and indicators.csv has rows for them.

    Two work summaries for one city and year would be mixed into one report; no rows would build
    a report in which every figure is 'not reported'. Both are refused before any kernel starts.
    """
    pairs = available_selections(data_dir)
    if (city, year) not in pairs:
        held = ", ".join(f"{c} {y}" for c, y in pairs) or "nothing"
        raise SelectionError(f"no document for city {city!r}, year {year} in "
                             f"{Path(data_dir) / 'sources.csv'}; the data hold: {held}")
    path = Path(data_dir) / "sources.csv"
    rows = _read_csv(path)
    own = [(line, r) for line, r in rows if r["city"].strip() == city and r["year"].strip() == str(year)]
    summaries = [(line, r) for line, r in own if selection.kind_of(r) == "work_summary"]
    if len(summaries) > 1:
        lines = " and ".join(str(line) for line, _ in summaries)
        raise SelectionError(f"{path}: lines {lines} are both work summaries for {city} {year} "
                             f"(ambiguous); keep one, or give the others another kind")
    ids = {(r.get("source") or "").strip() for _, r in own}
    indicators = Path(data_dir) / "indicators.csv"
    try:
        with open(indicators, newline="", encoding="utf-8") as f:
            n = sum(1 for r in csv.DictReader(f) if (r.get("source") or "").strip() in ids)
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise SelectionError(f"{indicators}: cannot be read ({exc}); run python -m helpers.data.load") from None
    if n == 0:
        raise SelectionError(f"{indicators}: no rows for {', '.join(sorted(ids))} ({city} {year}); "
                             f"the report would show every figure as not reported")


def check_output(output: Path) -> None:
    """--output must be a folder (or not exist yet, below a folder) that can be written."""
    here = Path(output)
    while not here.exists() and here != here.parent:
        here = here.parent
    if not here.is_dir():
        raise SelectionError(f"--output {output}: {here} is a file, not a folder")
    if not os.access(here, os.W_OK | os.X_OK):
        raise SelectionError(f"--output {output}: {here} is not writable")


def _lang(value: str) -> str:
    if value not in LANGS:
        raise argparse.ArgumentTypeError(f"unknown language {value!r}: choose from {', '.join(LANGS)}")
    return value


def _year(value: str) -> int:
    """A year as the data write it (0 is not 'every year': leave --year out for that)."""
    try:
        year = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"year must be a whole number, got {value!r}") from None
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise argparse.ArgumentTypeError(f"year must be between {FIRST_YEAR} and {LAST_YEAR}, got {value!r}; "
                                         f"leave --year out to build every year")
    return year


def _city(value: str) -> str:
    """A city id (it becomes a folder name): lowercase letters only."""
    city = value.strip().lower()
    if not re.fullmatch(REGION, city):
        raise argparse.ArgumentTypeError(f"a city is an id of lowercase letters such as nanchang, got {value!r}")
    return city


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # one line, no usage dump; main() turns it into exit 2
        raise SelectionError(message)


def parse_args(argv: list[str] | None) -> Config:
    p = _Parser(prog="python -m helpers.build.report", description=__doc__.split("\n\n")[0])
    p.add_argument("--city", type=_city, help="city as in data/sources.csv, e.g. nanchang (default: every city)")
    p.add_argument("--year", type=_year, help="year the selection reviews, e.g. 2021 (default: every year)")
    p.add_argument("--lang", action="append", type=_lang, help="en or zh; repeat for both (default)")
    p.add_argument("--jobs", type=int, default=cores(), help="notebooks run at a time (default: cores)")
    p.add_argument("--force", action="store_true", help="run every notebook, ignore the cache")
    p.add_argument("--allow-uncovered", action="store_true",
                   help="build even if a document prints numbers no row quotes (helpers.data.coverage)")
    p.add_argument("--output", type=Path, default=paths.REPORTS_DIR, help="reports folder")
    p.add_argument("--pdf", action="store_true",
                   help="also print an A4 PDF per language (headless Chromium; skipped, saying so, without it)")
    p.add_argument("--scheduler", metavar="ADDRESS", default=cluster.scheduler_from_env(),
                   help=f"run the notebooks on a dask.distributed cluster: its scheduler's address "
                        f"(tcp://host:8786), or 'local' for a LocalCluster (default: ${cluster.ENV}; "
                        f"without it, a pool on this machine)")
    p.add_argument("--data-dir", type=Path, default=paths.DATA_DIR, help=argparse.SUPPRESS)
    p.add_argument("--notebooks", type=Path, default=paths.NOTEBOOK_DIR, help=argparse.SUPPRESS)
    a = p.parse_args(argv)
    limit = 4 * cores()
    if not 1 <= a.jobs <= limit:
        raise SelectionError(f"--jobs must be between 1 and {limit} on this machine "
                             f"({cores()} cores), got {a.jobs}")
    cfg = Config(city=(a.city or "").strip().lower(), year=a.year if a.year is not None else 0,
                 langs=list(dict.fromkeys(a.lang or LANGS)), jobs=a.jobs, force=a.force,
                 output=a.output.resolve(), data_dir=a.data_dir.resolve(),
                 notebook_dir=a.notebooks.resolve(), allow_uncovered=a.allow_uncovered,
                 scheduler=(a.scheduler or "").strip() or None, pdf=a.pdf)
    check_output(cfg.output)
    for kept in (cfg.data_dir, cfg.notebook_dir):  # refused before any notebook runs
        if cfg.output == kept or kept in cfg.output.parents:
            raise SelectionError(f"--output {cfg.output} is inside {kept}; write reports elsewhere")
    if not notebooks(cfg.notebook_dir):
        raise SelectionError(f"no notebooks (*.ipynb) in {cfg.notebook_dir}")
    try:
        zygote.engine()
    except ValueError as exc:
        raise SelectionError(str(exc)) from None
    return cfg


def expand(cfg: Config) -> list[Config]:
    """One Config per selection: the one asked for, or every (city, year) the data support
    when --city or --year is left out."""
    if cfg.city and cfg.year:
        check_selection(cfg.city, cfg.year, cfg.data_dir)
        return [cfg]
    pairs = [(c, y) for c, y in city_selections(cfg.data_dir)
             if (not cfg.city or c == cfg.city) and (not cfg.year or y == cfg.year)]
    if not pairs:
        held = ", ".join(f"{c} {y}" for c, y in city_selections(cfg.data_dir)) or "nothing"
        raise SelectionError(f"no city selection matches --city {cfg.city or '*'} --year "
                             f"{cfg.year or '*'}; the data hold: {held}")
    for c, y in pairs:
        check_selection(c, y, cfg.data_dir)
    return [dataclasses.replace(cfg, city=c, year=y) for c, y in pairs]


def check_report_folders(cfg: Config) -> None:
    """What the build writes or swaps (reports/<city>, <year>, its languages and failed/) is a
    plain folder or absent: a file there would be renamed away for good, and a link's target
    would be read as the cache or written through."""
    for path in (cfg.output / cfg.city, cfg.report_dir,
                 *(cfg.report_dir / name for name in (*LANGS, "failed"))):
        if path.is_symlink() or (path.exists() and not path.is_dir()):
            what = "a symbolic link" if path.is_symlink() else "a file"
            raise SelectionError(f"{path} is {what}, not a report folder; move it away and "
                                 f"build again")


def cache_dir(output: Path) -> Path:
    """The build's own files kept between builds (data snapshots), outside the published tree."""
    return Path(output) / ".cache" / "snapshots"


def code_key(helpers_dir: Path) -> str:
    """What else decides the validated dataset: the helpers' source and the installed packages."""
    return build_cache.sha256_json({"helpers": build_cache.tree_hashes(helpers_dir, "helpers"),
                                    "packages": build_cache.package_versions(),
                                    "python": sys.version})


def snapshot_step(cfg: Config, step: str, *args):
    """helpers.build.snapshot's prepare (validate data/ once) or keep (into the cache the kernels
    read); a file system error is one line."""
    from helpers.build import snapshot
    try:
        if step == "prepare":
            return snapshot.prepare(cfg.data_dir, cache_dir(cfg.output), code_key(cfg.helpers_dir))
        return snapshot.keep(*args, cache_dir(cfg.output))
    except OSError as exc:
        raise SelectionError(f"{cache_dir(cfg.output)}: the data snapshot cannot be written "
                             f"({exc.strerror or exc})") from None


def check_data(configs: list[Config], dataset) -> None:
    """Refuse a document of a selection whose numbers are not all covered by a row or an
    exclusion: the report would leave them out without a word."""
    from helpers.data import coverage
    if configs[0].allow_uncovered:
        return
    records = dataset.sources.to_dict("records")
    for cfg in configs:
        for doc in selection.own_documents(records, cfg.city, cfg.year):
            scan = coverage.scan_dataset(dataset, str(doc["source"]))
            missing = scan[scan["status"] == "uncovered"]
            if len(missing):
                first = missing.iloc[0]
                raise SelectionError(
                    f"{doc['source']}: {len(missing)} number(s) that no row of indicators.csv quotes and no "
                    f"exclusion explains, first {first['number']} at line {first['line']} "
                    f"(…{first['context']}…); add rows (python -m helpers.data.coverage lists them) or "
                    f"build with --allow-uncovered")


def notebooks(folder: Path) -> list[Path]:
    """The report's notebooks in report order; 00_* are the analyst's tools (drafting a new
    document), not sections. Sections follow their file names, except that a notebook whose
    metadata says {"report": {"first": true}} (the key judgements) opens the report."""
    found = [p for p in Path(folder).glob("*.ipynb") if not p.name.startswith((".", "00_"))]
    return sorted(found, key=lambda p: (not opens_report(p), p.name))


def opens_report(path: Path) -> bool:
    """Does the notebook's metadata put it first in the report ({"report": {"first": true}})?"""
    try:
        meta = json.loads(Path(path).read_text(encoding="utf-8")).get("metadata", {})
    except (OSError, ValueError):
        return False
    return bool(meta.get("report", {}).get("first"))


# ---------------------------------------------------------------- running one job (in a worker)

KERNEL_ENV = {"PYTHONHASHSEED": "0", "SOURCE_DATE_EPOCH": "0", "PYDEVD_DISABLE_FILE_VALIDATION": "1"}


def run_notebook(spec: dict) -> dict:
    """Execute one notebook with papermill; never raises, so results pickle cleanly. In a worker
    of the local pool it runs in a process forked for it (helpers.build.zygote, spec engine
    'fork'), or on the kernel the worker started ahead (helpers.build.warm)."""
    fast_imports()
    from helpers.build import warm

    os.environ.update(KERNEL_ENV)
    own = spec.get("own_process", True)
    log = os.open(spec["log"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    if own:
        os.dup2(log, 2)  # the kernel's chatter goes to a log kept with a failed notebook, not the screen
    os.close(log)
    start = time.perf_counter()
    if own and spec.get("engine") == "fork":
        result = zygote.run(spec, CELL_TIMEOUT)
        result["seconds"] = round(time.perf_counter() - start, 3)
        return result
    # a dask worker may be a thread of another process: there only the kernel's stderr is sent to the log
    manager = ipc_kernels(None if own else spec["log"])
    spare = warm.take(spec["kernel"], spec["cwd"], spec.get("more", True)) if own and warm.enabled() else None
    try:
        result = papermill_run(spec, kernel_manager_class=manager, execution_timeout=CELL_TIMEOUT,
                               **({"km": spare.km} if spare else {}))
    finally:
        warm.finish(spare, spec["log"])
    result["warm"] = spare is not None
    result["seconds"] = round(time.perf_counter() - start, 3)
    return result


def papermill_run(spec: dict, **engine: object) -> dict:
    """papermill.execute_notebook of spec's notebook with `engine`'s arguments (a kernel's or
    helpers.build.engine's), then strip_volatile; a failure is the result, not an exception."""
    import papermill as pm

    try:
        pm.execute_notebook(spec["input"], spec["output"], parameters=spec["parameters"],
                            kernel_name=spec["kernel"], progress_bar=False, log_output=False,
                            request_save_on_cell_execute=False, cwd=spec["cwd"], **engine)
        return {"ok": True, "cells": strip_volatile(Path(spec["output"]), spec.get("paths", {}))}
    except pm.PapermillExecutionError as exc:
        return {"ok": False, "cell": exc.exec_count, "source": exc.source,
                "ename": exc.ename, "evalue": exc.evalue, "line": failing_line(exc.traceback)}
    except Exception as exc:  # kernel died, bad JSON, timeout...
        return {"ok": False, "cell": None, "source": "", "ename": type(exc).__name__,
                "evalue": str(exc)}


def ipc_kernels(log: str | None = None):
    """A kernel manager on unix sockets with a unique prefix: kernels started at the same moment
    over TCP can race for a port ('Address already in use'), and the losing job then hangs. With
    `log`, the kernel's stderr is appended to that file."""
    import uuid

    from jupyter_client.manager import AsyncKernelManager
    from traitlets import CaselessStrEnum, default

    class IPCKernelManager(AsyncKernelManager):
        transport = CaselessStrEnum(["tcp", "ipc"], default_value="ipc", config=True)

        @default("transport")
        def _transport(self):
            return "ipc" if ipc_dir() else "tcp"

        @default("ip")
        def _unique_prefix(self):
            folder = ipc_dir()
            if folder is None:  # no folder with a short enough path: TCP on localhost
                return "127.0.0.1"
            return os.path.join(folder, f"nsr-{uuid.uuid4().hex[:12]}-ipc")

        @default("connection_file")
        def _in_the_builds_folder(self):  # else jupyter_client makes one with mkstemp in /tmp
            folder = build_runtime()
            return os.path.join(folder, f"kernel-{uuid.uuid4().hex[:12]}.json") if folder else ""

        async def _async_launch_kernel(self, kernel_cmd, **kw):
            if log is None:
                return await super()._async_launch_kernel(kernel_cmd, **kw)
            with open(log, "ab") as err:  # the kernel process keeps its own copy of the handle
                return await super()._async_launch_kernel(kernel_cmd, **{"stderr": err, **kw})

    return IPCKernelManager


IPC_PATH_MAX = 90  # sun_path holds 107 bytes; zmq appends '-<port>' to the prefix
RUNTIME_PREFIX = "nsr-build-"  # nsr-build-<pid>-<random>: one build's kernel folder
RUNTIME_ENV = "JUPYTER_RUNTIME_DIR"


def ipc_dir() -> str | None:
    """A folder for the kernels' unix sockets whose path is short enough: the build's kernel
    folder (kernel_runtime), else $TMPDIR, else /tmp, else None (the kernels then use TCP)."""
    for folder in [f for f in (build_runtime(), tempfile.gettempdir(), "/tmp") if f]:
        if (len(os.path.join(folder, "nsr-0123456789ab-ipc-99").encode()) <= IPC_PATH_MAX
                and os.path.isdir(folder) and os.access(folder, os.W_OK | os.X_OK)):
            return folder
    return None


def build_runtime() -> str | None:
    """The kernel folder of the build this process belongs to (kernel_runtime), if any."""
    folder = os.environ.get(RUNTIME_ENV, "")
    return folder if os.path.basename(folder).startswith(RUNTIME_PREFIX) else None


@contextlib.contextmanager
def kernel_runtime():
    """While the kernels run, their connection files (which hold each kernel's key) and sockets
    go to a folder of this build, nsr-build-<pid>-… in the temp folder (JUPYTER_RUNTIME_DIR,
    inherited by the workers and kernels); it is removed when the build ends, and by the next
    build (sweep_runtimes) when kill -9 or a power cut ended this one first."""
    base = ipc_dir() or tempfile.gettempdir()
    folder = tempfile.mkdtemp(prefix=f"{RUNTIME_PREFIX}{os.getpid()}-", dir=base)
    before = os.environ.get(RUNTIME_ENV)
    os.environ[RUNTIME_ENV] = folder
    try:
        yield Path(folder)
    finally:
        if before is None:
            os.environ.pop(RUNTIME_ENV, None)
        else:
            os.environ[RUNTIME_ENV] = before
        remove_tree(Path(folder))


def remove_tree(path: Path, within: float = 5.0) -> None:
    """rmtree that outlasts a stopped build's kernels: a kernel whose worker was just terminated
    can still write into the folder for a moment, and a plain rmtree then leaves it behind."""
    deadline = time.monotonic() + within
    shutil.rmtree(path, ignore_errors=True)
    while path.exists() and time.monotonic() < deadline:
        time.sleep(0.2)
        shutil.rmtree(path, ignore_errors=True)


def sweep_runtimes() -> list[Path]:
    """Remove the kernel folders of builds that are no longer running (this user's, named
    nsr-build-<pid>-…, whose pid is gone); returns what was removed."""
    removed = []
    for base in dict.fromkeys((tempfile.gettempdir(), "/tmp")):
        for path in Path(base).glob(f"{RUNTIME_PREFIX}*"):
            match = re.fullmatch(rf"{RUNTIME_PREFIX}(\d+)-\w+", path.name)
            try:
                mine = not path.is_symlink() and path.is_dir() and path.stat().st_uid == os.getuid()
            except OSError:
                continue
            if match and mine and not _alive(int(match.group(1))):
                shutil.rmtree(path, ignore_errors=True)
                removed.append(path)
    return removed


def strip_volatile(path: Path, replace_paths: dict[str, str] | None = None) -> float:
    """Make an executed notebook depend only on its inputs: drop papermill/kernel timing
    metadata, give cells ids from their position and source (papermill's are random), and write
    the temporary build folder as the report folder it becomes. Returns the seconds its cells
    ran (papermill's durations, for the timings and `make bench`)."""
    import hashlib

    import nbformat

    text = Path(path).read_text(encoding="utf-8")
    for old, new in sorted((replace_paths or {}).items(), key=lambda kv: -len(kv[0])):
        text = text.replace(json.dumps(old)[1:-1], json.dumps(new)[1:-1])
    nb = nbformat.reads(text, as_version=4)
    meta = nb.metadata.get("papermill", {})
    for k in ("start_time", "end_time", "duration", "input_path", "output_path"):
        meta.pop(k, None)
    cells = 0.0
    for i, cell in enumerate(nb.cells):
        cell.metadata.pop("execution", None)
        cells += float((cell.metadata.pop("papermill", None) or {}).get("duration") or 0)
        digest = hashlib.sha256(f"{i}\0{cell.source}".encode()).hexdigest()[:8]
        cell["id"] = f"c{i:03d}-{digest}"
    text = nbformat.writes(nb)
    Path(path).write_text(text + "\n" if not text.endswith("\n") else text, encoding="utf-8")
    return round(cells, 3)


def render_language(spec: dict) -> dict:
    """Write one language's index.html (in a worker, so en and zh are rendered side by side)."""
    fast_imports()
    from helpers.build import downloads
    from helpers.build import html as report_html

    start = time.perf_counter()
    try:
        labels = report_html.write_report(**spec)
        downloads.write(spec["lang_dir"], spec["lang"], spec["city"], spec["year"], spec["data_dir"], labels)
        result = {"ok": True}
    except Exception as exc:  # OfflineError, a missing notebook, a font problem...
        result = {"ok": False, "ename": type(exc).__name__, "evalue": str(exc)}
    result["seconds"] = round(time.perf_counter() - start, 3)
    return result


def keep_with_page(old: Path, new: Path) -> None:
    """What is made from a page that did not change goes with it into the new report: the
    downloads, and the PDF when it was printed from this very page (pdf.py records its sha256)."""
    if (old / "downloads").is_dir():
        shutil.copytree(old / "downloads", new / "downloads", symlinks=False)
    from helpers.build import pdf
    if pdf.printed_from(old) == build_cache.sha256_file(new / "index.html"):
        for name in (pdf.PDF, pdf.STAMP):
            shutil.copyfile(old / name, new / name)


def fast_imports() -> None:
    """Skip rfc3987_syntax: jsonschema imports it for an IRI format check nbformat never uses,
    and it compiles ~40 grammars on import, adding ~4 s to every process that imports nbformat."""
    sys.modules.setdefault("rfc3987_syntax", None)


def failing_line(traceback: list[str]) -> tuple[int, str] | None:
    """(line number, code) of the cell line that raised: IPython marks it '---->'."""
    for text in traceback or []:
        for line in re.sub(r"\x1b\[[0-9;]*m", "", text).splitlines():
            match = re.match(r"^\s*-+>\s*(\d+)\s(.*)$", line)
            if match:
                return int(match.group(1)), match.group(2).strip()
    return None


def failure_message(job: Job, res: dict, kept: Path | None) -> str:
    where = (f"cell In [{res['cell']}]" if res.get("cell") else
             "not in a cell (the kernel or the runtime failed: a kernel death, a full disk, a "
             "timeout)")
    first = next((ln.strip() for ln in (res.get("source") or "").splitlines() if ln.strip()), "")
    if res.get("line"):
        where += f", line {res['line'][0]}"
        first = res["line"][1]
    code = f" ({first[:70]})" if first else ""
    keep = (f"partly executed notebook kept at {kept}" if kept is not None and kept.is_file()
            else "no executed notebook was written")
    log = kept.with_suffix(".log") if kept is not None else None
    if log is not None and log.is_file():
        keep += f"; kernel log at {log}"
    return (f"notebook {job.notebook.name} (lang {job.lang}), {where}{code}: "
            f"{res['ename']}: {res['evalue']}\n  {keep}")


# ---------------------------------------------------------------- progress

class Progress:
    """One display for the whole build: a rich bar on a terminal, plain lines otherwise.

    The bar is started only after the worker processes are forked: its refresh thread must not
    hold a lock at the moment of a fork.
    """

    def __init__(self, total: int, quiet: bool = False, prefix: str = ""):
        self.total, self.done, self.quiet, self.prefix = total, 0, quiet, prefix
        self.tty = not quiet and not prefix and sys.stderr.isatty()  # a panel: plain lines
        self.bar = None

    def start(self) -> None:
        if self.tty and self.bar is None:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, SpinnerColumn, TextColumn, TimeElapsedColumn
            from rich.progress import Progress as Bar
            self.bar = Bar(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                           MofNCompleteColumn(), TimeElapsedColumn(),
                           console=Console(stderr=True), redirect_stdout=False,
                           redirect_stderr=False)
            self.task = self.bar.add_task("starting kernels", total=self.total,
                                          completed=self.done)
            self.bar.start()

    def running(self, labels: list[str]) -> None:
        if self.bar:
            self.bar.update(self.task, description="running " + ", ".join(labels))

    def finished(self, label: str, seconds: float | None, ok: bool = True) -> None:
        self.done += 1
        what = "FAILED" if not ok else "cached" if seconds is None else f"{seconds:.1f}s"
        if self.bar:
            self.bar.update(self.task, advance=1)
            self.bar.console.print(f"  {label}: {what}")
        elif not self.quiet and not (self.tty and seconds is None):
            print(f"[{self.done}/{self.total}] {self.prefix}{label}: {what}", file=sys.stderr, flush=True)

    def close(self) -> None:
        if self.bar:
            self.bar.stop()


# ---------------------------------------------------------------- the build

def plan(cfg: Config, previous: dict) -> tuple[list[Job], dict]:
    """All jobs with their cache keys, and the input hashes that go into the manifest."""
    data = ({f"data/{rel}": sha for rel, sha in cfg.snapshot.files.items()} if cfg.snapshot
            else build_cache.tree_hashes(cfg.data_dir, "data"))  # what the kernels will read
    inputs = {**data, **build_cache.tree_hashes(cfg.helpers_dir, "helpers")}
    packages = build_cache.package_versions()
    environment = build_cache.sha256_json({"inputs": inputs, "packages": packages})
    jobs = []
    for nb in notebooks(cfg.notebook_dir):
        nb_sha = build_cache.sha256_file(nb)
        inputs[f"notebooks/{nb.name}"] = nb_sha
        for lang in cfg.langs:
            params = {"city": cfg.city, "year": cfg.year, "lang": lang}
            job = Job(nb, lang, build_cache.job_key(nb_sha, params, environment))
            if not cfg.force:
                job.record = build_cache.reusable(previous, job.id, job.key, cfg.report_dir) or {}
            jobs.append(job)
    return jobs, {"inputs": inputs, "packages": packages}


def _collect(job_out: Path, lang_dir: Path, owners: dict, job: Job) -> dict[str, str]:
    """Move the files a job wrote into the language folder; refuse two notebooks writing one file."""
    files = {}
    for path in sorted(p for p in job_out.rglob("*") if p.is_file()):
        rel = path.relative_to(job_out).as_posix()
        target = lang_dir / rel
        if rel in owners.setdefault(job.lang, {}):
            raise BuildError(f"notebooks {owners[job.lang][rel]} and {job.notebook.name} both write "
                             f"{rel} (lang {job.lang})")
        owners[job.lang][rel] = job.notebook.name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(path, target)
        files[f"{job.lang}/{rel}"] = build_cache.sha256_file(target)
    return files


def _html_key(jobs: list[Job], lang: str) -> str:
    return build_cache.sha256_json([lang] + [j.key for j in jobs if j.lang == lang])


def run_pool(cfg: Config, jobs: list[Job], todo: list[Job], html_langs: list[str], tmp: Path,
             progress: Progress, owners: dict) -> None:
    """Run the jobs --jobs at a time; write each language's page once its notebooks are done.

    While the workers run kernels, this process turns each finished notebook into its HTML
    section, so only the page itself (and its font subset) is left for the end. On the first
    failure nothing new starts; the running jobs finish and BuildError is raised. The jobs go to
    cfg.pool when the build shares one (a panel of selections, a dask cluster), else to a pool
    of this build's own.
    """
    from helpers.build import html as report_html

    pending, running, failures = list(todo), {}, []
    html_left = list(html_langs)
    to_convert = [j for j in jobs if j.record and j.lang in html_langs]
    sections: dict[str, tuple[str, str]] = {}
    workers = max(1, min(cfg.jobs, len(todo) + len(html_langs)))
    args = (cfg, jobs, pending, running, failures, html_left, to_convert, sections, workers,
            html_langs, tmp, progress, owners, report_html)
    if cfg.pool is not None:
        progress.start()
        _drive(cfg.pool, *args)
    else:
        with local_pool(workers, cfg.notebook_dir if todo else None) as pool:
            progress.start()
            try:
                _drive(pool, *args)
            except BaseException:  # Ctrl-C, SIGTERM, a bug: the workers (and their kernels) end now
                stop_workers(pool)
                raise
    if failures:
        clear_failed(cfg)
        raise BuildError("\n".join(
            _keep_failed(cfg, tmp, job, res) if job else
            f"report page ({lang}): {res['ename']}: {res['evalue']}" for job, lang, res in failures))


# The fork engine's pool, started before the data are checked (start_early) for a build that will
# run notebooks, so that its workers' imports overlap this process's checks; local_pool hands it out.
_EARLY: list = []


def start_early(cfg: Config) -> None:
    """Start the workers now when this build will surely run notebooks on this machine's fork
    engine: --force, or no report built yet in the output folder (a first build). A rebuild,
    which may find everything cached, starts none ahead."""
    if cfg.scheduler or zygote.engine() != "fork" or cfg.jobs < 1:
        return
    if cfg.force or not any(Path(cfg.output).glob(f"*/*/{build_cache.MANIFEST}")):
        _EARLY.append(local_pool(cfg.jobs))


def discard_early() -> None:
    """Stop a pool started ahead that no build took (the checks failed, or nothing ran)."""
    while _EARLY:
        stop_workers(_EARLY.pop())


def local_pool(workers: int, notebook_dir: Path | None = None):
    """A pool of worker processes, all started now, that die with this process (worker_init); the
    pool start_early started, when there is one and the fork engine runs the notebooks.

    With the fork engine (helpers.build.zygote, the default) the workers are fresh interpreters
    with the kernels' environment that import what the notebooks need while this process goes on.
    With NSR_ENGINE=kernel they are forked from this process with papermill imported, and with
    `notebook_dir` each starts a kernel there at once, ahead of its first notebook
    (helpers.build.warm)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from helpers.build import warm

    fast_imports()
    if zygote.engine() == "fork" and _EARLY:
        return _EARLY.pop()
    if zygote.engine() == "fork":
        with environment(KERNEL_ENV):  # the workers' hash seed is the kernels'
            pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"),
                                       initializer=worker_init, initargs=(os.getpid(), None, True))
            pool._launch_processes()  # all now (a 'spawn' pool would start them one job at a time)
        return pool
    import papermill  # noqa: F401  imported before the fork, so workers start warm

    spare = (project_kernel(), str(notebook_dir)) if notebook_dir and warm.enabled() else None
    pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"),
                               initializer=worker_init, initargs=(os.getpid(), spare))
    pool.submit(int).result()  # forks every worker now (the 'fork' pool starts all at once)
    return pool


@contextlib.contextmanager
def environment(values: dict[str, str]):
    """os.environ with `values` for the processes started inside, as it was after."""
    before = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for k, v in before.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def _drive(pool, cfg, jobs, pending, running, failures, html_left, to_convert, sections, workers,
           html_langs, tmp, progress, owners, report_html) -> None:
    """The scheduling loop of run_pool (see there)."""
    from concurrent.futures import FIRST_COMPLETED, wait

    while running or (not failures and (pending or html_left or to_convert)):
        while not failures and len(running) < workers:
            lang_jobs = {lang: [j for j in jobs if j.lang == lang] for lang in html_left}
            ready = [lang for lang, js in lang_jobs.items() if all(j.id in sections for j in js)]
            if ready:  # every section of this language converted: write its page
                lang = ready[0]
                html_left.remove(lang)
                spec = dict(lang_dir=tmp / lang, lang=lang, city=cfg.city, year=cfg.year,
                            data_dir=cfg.kernel_data_dir,
                            sections=[sections[j.id] for j in lang_jobs[lang] if sections[j.id] is not None],
                            lead=opens_report(lang_jobs[lang][0].notebook),
                            others=[x for x in LANGS if x != lang and (
                                x in cfg.langs or (cfg.report_dir / x / "index.html").is_file())])
                running[pool.submit(render_language, spec)] = (None, lang)
            elif pending:
                job = pending.pop(0)  # more: the worker starts its next kernel during this run
                spec = {**_spec(cfg, job, tmp), "more": bool(pending) or cfg.pool is not None}
                running[pool.submit(run_notebook, spec)] = (job, None)
            else:
                break
        progress.running([j.label if j else f"index.html ({lang})"
                          for j, lang in running.values()])
        if to_convert and not failures:
            job = to_convert.pop(0)
            with CONVERTING:  # nbconvert's exporter is shared by the selections of a panel
                sections[job.id] = report_html.convert(
                    tmp / job.lang / "notebooks" / job.notebook.name, job.lang,
                    cfg.kernel_data_dir, cfg.notebook_dir)
            done, _ = wait(running, timeout=0)
        elif running:
            if html_langs:
                with CONVERTING:
                    report_html.shared_exporter()  # made once, while the first notebooks run
            done, _ = wait(running, return_when=FIRST_COMPLETED)
        else:
            continue
        for fut in sorted(done, key=lambda f: str(running[f])):
            job, lang = running.pop(fut)
            res = fut.result()
            progress.finished(job.label if job else f"index.html ({lang})", res["seconds"],
                              res["ok"])
            if not res["ok"]:
                failures.append((job, lang, res))
            elif job:
                out = tmp / ".jobs" / job.lang / job.notebook.stem
                files = _collect(out, tmp / job.lang, owners, job)
                nb_rel = f"{job.lang}/notebooks/{job.notebook.name}"
                files[nb_rel] = build_cache.sha256_file(tmp / nb_rel)
                job.record = {"key": job.key, "seconds": res["seconds"], "files": files,
                              "cells": res.get("cells", 0.0), "warm": res.get("warm", False)}
                if job.lang in html_langs:
                    to_convert.append(job)


def worker_init(parent: int, spare: tuple[str, str] | None = None, zygote: bool = False) -> None:
    """In each worker: Ctrl-C is the parent's to handle (no traceback per worker), and the
    worker dies with the parent, even after kill -9 (its kernels follow: they poll their parent).
    With `spare` (kernel name, folder) the worker starts its first kernel now, and shuts its
    spare down when it ends; with `zygote` it imports what the notebooks it forks need."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        import ctypes
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: the parent's handlers still stop the workers
        pass
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)
    if zygote:
        from helpers.build import zygote as forks
        forks.prepare()
    if spare:
        from multiprocessing.util import Finalize

        from helpers.build import warm
        Finalize(None, warm.stop, exitpriority=10)  # run by a worker that exits (not by one killed)
        try:
            warm.start(*spare)
        except Exception:  # the first run starts cold
            pass


def stop_workers(pool) -> None:
    """Terminate the pool's processes and drop the queued jobs. Their kernels are killed too: an
    orphaned kernel would notice its parent gone only later, and could meanwhile write into (and
    so recreate) the temporary report folder the build is removing."""
    import psutil

    procs = list((getattr(pool, "_processes", None) or {}).values())
    kernels = []
    for proc in procs:
        try:
            kernels += psutil.Process(proc.pid).children(recursive=True)
        except (psutil.Error, ValueError):  # already gone
            pass
    for proc in procs:
        try:
            proc.terminate()
        except Exception:  # already gone
            pass
    for kernel in kernels:
        try:
            kernel.kill()
        except psutil.Error:
            pass
    for proc in list((getattr(pool, "_processes", None) or {}).values()):
        proc.join(timeout=5)
    pool.shutdown(wait=False, cancel_futures=True)


def clear_failed(cfg: Config) -> None:
    """failed/ holds the notebooks of the latest failed build only, not of failures since fixed."""
    shutil.rmtree(cfg.report_dir / "failed", ignore_errors=True)


def _spec(cfg: Config, job: Job, tmp: Path) -> dict:
    out = tmp / ".jobs" / job.lang / job.notebook.stem
    out.mkdir(parents=True)
    (tmp / job.lang / "notebooks").mkdir(parents=True, exist_ok=True)
    return {"input": str(job.notebook), "cwd": str(cfg.notebook_dir), "own_process": not cfg.scheduler,
            "engine": "kernel" if cfg.scheduler else zygote.engine(),
            "log": str(out.with_suffix(".log")), "kernel": project_kernel(),
            "output": str(tmp / job.lang / "notebooks" / job.notebook.name),
            "parameters": {"city": cfg.city, "year": cfg.year, "lang": job.lang,
                           "data_dir": str(cfg.kernel_data_dir), "output_dir": str(out)},
            # the notebook names the folders the user knows, not the build's own copies
            "paths": {str(tmp): str(cfg.report_dir), str(cfg.kernel_data_dir): str(cfg.data_dir)}}


def _keep_failed(cfg: Config, tmp: Path, job: Job, res: dict) -> str:
    src = tmp / job.lang / "notebooks" / job.notebook.name
    kept = cfg.report_dir / "failed" / job.lang / job.notebook.name
    log = tmp / ".jobs" / job.lang / f"{job.notebook.stem}.log"
    try:
        kept.parent.mkdir(parents=True, exist_ok=True)
        if src.exists():
            shutil.copyfile(src, kept)
        if log.exists() and log.stat().st_size:
            shutil.copyfile(log, kept.with_suffix(".log"))
    except OSError:  # a full disk: say so through the message, not a second traceback
        pass
    return failure_message(job, res, kept)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (Linux renameat2 RENAME_EXCHANGE); False where unsupported."""
    try:
        import ctypes
        libc = ctypes.CDLL(None, use_errno=True)
        fn = libc.renameat2
    except (OSError, AttributeError):
        return False
    AT_FDCWD, RENAME_EXCHANGE = -100, 2
    if fn(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (22, 38, 95):  # EINVAL, ENOSYS, EOPNOTSUPP: the file system cannot; use renames
        return False
    raise OSError(err, os.strerror(err), str(b))


def swap(tmp: Path, final: Path) -> None:
    """Replace the report folder by the new one. One atomic exchange where the system has it;
    else two renames, and a crash between them is undone by `recover` on the next build."""
    if final.exists():
        if _exchange(tmp, final):  # tmp now holds the old report
            shutil.rmtree(tmp, ignore_errors=True)
            return
        old = final.with_name(f"{final.name}.old-{os.getpid()}")
        os.replace(final, old)
        os.replace(tmp, final)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.replace(tmp, final)


def _pid_of(path: Path) -> int | None:
    match = re.search(r"\.(?:tmp|old)-(\d+)(?:-|$)", path.name)
    return int(match.group(1)) if match else None


def _alive(pid: int | None) -> bool:
    if pid is None or pid == os.getpid():
        return pid is not None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def recover(final: Path) -> list[Path]:
    """Before a build: put back a report a crash took out mid-swap, and remove the temporary
    folders of builds that are no longer running. Returns what was removed."""
    parent = final.parent
    olds = sorted(parent.glob(f"{final.name}.old-*"), key=lambda p: p.stat().st_mtime)
    if not final.exists():
        dead = [o for o in olds if o.is_dir() and not _alive(_pid_of(o))]
        if dead:
            os.replace(dead[-1], final)
            olds.remove(dead[-1])
    removed = []
    for path in olds + sorted(parent.glob(f"{final.name}.tmp-*")):
        if not _alive(_pid_of(path)):
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return removed


def timings_path(cfg: Config) -> Path:
    """Timings are kept out of the published tree (which must be byte-identical across builds)."""
    return cfg.output / ".build-log" / cfg.city / f"{cfg.year}.json"


def previous_seconds(cfg: Config) -> dict[str, float]:
    """Seconds each job took last time (to start the longest first); an unusable timings file is
    absent (build_cache.read_record) and a value that is not a number counts as 0."""
    jobs = build_cache.read_record(timings_path(cfg)).get("jobs")
    if not isinstance(jobs, dict):
        return {}
    return {k: float(v) for k, v in jobs.items()
            if isinstance(v, (int, float)) and not isinstance(v, bool) and v == v}


def longest_first(todo: list[Job], seconds: dict[str, float]) -> None:
    """Order the runs longest first, so the two cores finish together: by what each took last time,
    or, in a first build, by its notebook's size (the committed outputs, charts and tables, are
    what a run makes: the biggest notebooks take longest)."""
    if seconds:
        todo.sort(key=lambda j: -seconds.get(j.id, 0.0))
    else:
        todo.sort(key=lambda j: -j.notebook.stat().st_size)


def write_timings(cfg: Config, jobs: list[Job], todo: list[Job], seconds: float) -> None:
    path = timings_path(cfg)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        data = {"jobs": {j.id: j.record.get("seconds", 0) for j in jobs}, "seconds": seconds,
                "workers": cfg.jobs, "force": cfg.force, "ran": len(todo),
                # the cells' share of each run, and the runs on a kernel started ahead (make bench)
                "cells": {j.id: j.record.get("cells", 0.0) for j in todo},
                "warm": sum(bool(j.record.get("warm")) for j in todo)}
        path.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    except OSError:  # the timings are a convenience; the report is already in place
        pass


def check_inputs_unchanged(cfg: Config, hashes: dict) -> None:
    """Inputs are hashed when the build starts; re-hash them at the end, so data edited during
    the build (and perhaps reverted later) never enters the cache under the wrong hashes."""
    now = {**build_cache.tree_hashes(cfg.data_dir, "data"),
           **build_cache.tree_hashes(cfg.helpers_dir, "helpers")}
    for nb in notebooks(cfg.notebook_dir):
        now[f"notebooks/{nb.name}"] = build_cache.sha256_file(nb)
    before = hashes["inputs"]
    changed = sorted(k for k in set(before) | set(now) if before.get(k) != now.get(k))
    if changed:
        more = f" and {len(changed) - 1} more" if len(changed) > 1 else ""
        raise BuildError(f"{changed[0]}{more} changed during the build; the new report is "
                         f"discarded, run the build again")


def build(cfg: Config) -> dict:
    """Run the whole build; returns the manifest, with this build's seconds and run counts (ran,
    reused). Raises BuildError on any failure."""
    started = time.perf_counter()
    final = cfg.report_dir
    check_report_folders(cfg)
    final.parent.mkdir(parents=True, exist_ok=True)
    recover(final)
    sweep_runtimes()
    previous = build_cache.read_manifest(final)
    jobs, hashes = plan(cfg, previous)
    tmp = Path(tempfile.mkdtemp(prefix=f"{cfg.year}.tmp-{os.getpid()}-", dir=final.parent))
    tmp.chmod(0o755)  # mkdtemp makes 0700; the report is for everyone who can read reports/
    owners: dict = {}
    progress = Progress(len(jobs) + len(cfg.langs), cfg.quiet,
                        prefix=f"{cfg.city} {cfg.year}: " if cfg.pool is not None else "")
    try:
        for job in jobs:  # cache hits: copy the previous outputs
            if job.record:
                for rel in job.record["files"]:
                    (tmp / rel).parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(final / rel, tmp / rel)
                    owners.setdefault(job.lang, {})[rel.split("/", 1)[1]] = job.notebook.name
                progress.finished(job.label, None)
        todo = [j for j in jobs if not j.record]
        longest_first(todo, previous_seconds(cfg))
        html, html_langs = {}, []
        for lang in cfg.langs:
            key, page = _html_key(jobs, lang), final / lang / "index.html"
            before = previous.get("html", {}).get(lang, {})
            cached = (not cfg.force and not any(j.lang == lang for j in todo)
                      and before.get("key") == key
                      and build_cache.intact(page, before.get("sha256")))
            if cached:
                (tmp / lang).mkdir(exist_ok=True)
                shutil.copyfile(page, tmp / lang / "index.html")
                keep_with_page(final / lang, tmp / lang)
                progress.finished(f"index.html ({lang})", None)
            else:
                html_langs.append(lang)
            html[lang] = {"key": key, "cached": cached}
        if todo or html_langs:
            with kernel_runtime() if cfg.pool is None else contextlib.nullcontext():
                run_pool(cfg, jobs, todo, html_langs, tmp, progress, owners)
        for lang in cfg.langs:
            html[lang]["sha256"] = build_cache.sha256_file(tmp / lang / "index.html")
        shutil.rmtree(tmp / ".jobs", ignore_errors=True)
        audit = next((tmp / lang / "audit.csv" for lang in cfg.langs
                      if (tmp / lang / "audit.csv").is_file()), None)
        if audit:
            shutil.copyfile(audit, tmp / "audit.csv")
        records = {j.id: {"key": j.key, "cached": j not in todo, "files": j.record["files"]}
                   for j in jobs}
        langs = list(cfg.langs)
        for lang in LANGS:  # a language not rebuilt this time is kept as it was
            if lang in cfg.langs or not (final / lang / "index.html").is_file():
                continue
            shutil.copytree(final / lang, tmp / lang)
            langs.append(lang)
            if lang in previous.get("html", {}):
                html[lang] = previous["html"][lang]
            records.update({k: v for k, v in previous.get("jobs", {}).items()
                            if k.endswith(f":{lang}")})
        check_inputs_unchanged(cfg, hashes)
        manifest = {
            "parameters": {"city": cfg.city, "year": cfg.year,
                           "langs": [x for x in LANGS if x in langs]},
            **hashes,
            "jobs": dict(sorted(records.items())),
            "html": dict(sorted(html.items())),
        }
        build_cache.write_manifest(tmp, manifest)
        swap(tmp, final)
        seconds = round(time.perf_counter() - started, 3)
        write_timings(cfg, jobs, todo, seconds)
        # this build's runs: the manifest also holds the records of a language not rebuilt
        return {**manifest, "seconds": seconds, "ran": len(todo), "reused": len(jobs) - len(todo)}
    finally:
        progress.close()
        remove_tree(tmp)


def _on_sigterm(signum, frame):
    raise Terminated()


def main(argv: list[str] | None = None) -> int:
    try:
        return _main(argv)
    finally:
        discard_early()


def _main(argv: list[str] | None) -> int:
    try:
        cfg = parse_args(argv)
        start_early(cfg)  # the workers import while this process checks the data
        snap = snapshot_step(cfg, "prepare")  # validated once; every selection's kernels read it
        try:
            configs = expand(cfg)
            check_data(configs, snap.dataset)
            for each in configs:
                check_report_folders(each)
            snap = snapshot_step(cfg, "keep", snap)  # nothing is written before the checks pass
        finally:
            from helpers.build import snapshot
            snapshot.discard(snap)
        configs = [dataclasses.replace(c, snapshot=snap) for c in configs]
    except SelectionError as exc:
        print(f"helpers.build.report: error: {exc}", file=sys.stderr)
        return 2
    if len(configs) == 1 and not cfg.scheduler:
        return build_one(configs[0])
    from helpers.build import panel  # every selection's jobs in one pool (or on a dask cluster)
    return panel.main(configs)


def kept(cfg: Config) -> str:
    """What a failed or stopped build left of the selection's report."""
    if (cfg.report_dir / build_cache.MANIFEST).is_file():
        return f"the previous report in {cfg.report_dir} is unchanged"
    return "no report was written"


def stopped(exc: KeyboardInterrupt, what_kept: str) -> tuple[int, str]:
    """Ctrl-C or SIGTERM: the exit code and one line."""
    what = "terminated (SIGTERM)" if isinstance(exc, Terminated) else "interrupted (Ctrl-C)"
    return (143 if isinstance(exc, Terminated) else 130,
            f"helpers.build.report: {what}; {what_kept}; run the same command again to build the report")


def build_one(cfg: Config) -> int:
    """Build one selection's report; the exit code main() returns for it."""
    previous = signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        code, line = outcome(cfg)
    except KeyboardInterrupt as exc:  # Ctrl-C or SIGTERM: one line, the workers are stopped
        code, line = stopped(exc, kept(cfg))
    finally:
        signal.signal(signal.SIGTERM, previous)
    print(line, file=sys.stderr)
    if code == 0:
        finish(cfg)
    return code


def finish(cfg: Config) -> None:
    """After a selection is written: its PDFs when asked for (make report), the list of reports."""
    if cfg.pdf:
        print_pdfs(cfg)
    write_landing(cfg.output, cfg.data_dir)


def outcome(cfg: Config) -> tuple[int, str]:
    """Build one selection: the exit code and what to tell the user (KeyboardInterrupt passes)."""
    try:
        manifest = build(cfg)
    except SelectionError as exc:  # a report folder that is not a plain folder
        return 2, f"helpers.build.report: error: {exc}"
    except BuildError as exc:
        return 1, f"helpers.build.report: build failed: {exc}\n  {kept(cfg)}"
    except Exception as exc:  # e.g. OfflineError, DataError while writing HTML, a full disk
        return 1, f"helpers.build.report: build failed: {type(exc).__name__}: {exc}; {kept(cfg)}"
    return 0, (f"report written to {cfg.report_dir} ({', '.join(cfg.langs)}): {manifest['ran']} "
               f"notebook runs, {manifest['reused']} cached, {manifest['seconds']:.1f}s")


def print_pdfs(cfg: Config) -> None:
    """The PDF of each language whose page changed (an unchanged page kept its PDF in the build);
    without Chromium one line says so and the report stands without PDFs."""
    from helpers.build import pdf
    stale = [lang for lang in cfg.langs if pdf.printed_from(cfg.report_dir / lang)
             != build_cache.sha256_file(cfg.report_dir / lang / "index.html")]
    if not stale:
        return
    try:
        for path in pdf.build(cfg.report_dir, stale):
            print(f"wrote {path}", file=sys.stderr)
    except pdf.NoChromium as exc:
        print(f"helpers.build.report: note: {exc}", file=sys.stderr)
    except Exception as exc:  # a browser that would not start or print: the HTML report stands
        print(f"helpers.build.report: warning: no PDF written: {type(exc).__name__}: {exc}", file=sys.stderr)


def write_landing(output: Path, data_dir: Path) -> None:
    """Rewrite the landing page; a failure there leaves the report built and says so."""
    from helpers.build import landing
    try:
        landing.write(output, data_dir)
    except OSError as exc:
        print(f"helpers.build.report: warning: the list of reports {output / 'index.html'} was not "
              f"updated: {exc}", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
