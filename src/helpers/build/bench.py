"""Time the build against the plain way of running the notebooks, in one run: `make bench`.

(a) a sequential papermill loop over every (notebook, language), (b) a cold build with --force:
on kernels (NSR_ENGINE=kernel) with warm starts switched off (NSR_WARM=0) and on
(helpers.build.warm), and with forked runs (helpers.build.zygote, the default), (c) a rebuild with
nothing changed. (b) and (c) run `python -m helpers.build.report` as the user would, interpreter
start-up included; (a) runs in this process, which only flatters the baseline. For (a) and (b) it
prints the sum of the cells' seconds (papermill's durations) and what a run costs beyond its cells
(mean per run: kernel start or fork, papermill, writing the notebook), and the processor seconds of
all its processes, which other work on a shared machine inflates far less than the wall time. The builds print no PDF, as the
loop does not; the PDFs `make report` prints are timed on their own line.
Before them, what a kernel pays before its first cell: the imports, and start() validating data/
(a kernel started by hand) against start() loading the build's validated snapshot.
`--panel 0,1,3` builds synthetic panels (the real city plus that many made-up copies of it,
helpers.build.synthetic, in a temporary folder) and prints runs per second against the number of
selections: the time should grow in step with the selections.
`--tests` times `make test` against a cold build of one year as `make report YEAR=` makes it (both
languages and their PDFs, in a fresh output folder), each its whole command as the user types it:
the test suite should stay within about 2.5 times that build (issue 16).
`--draft` times the draft tool on texts of 16 kB, 100 kB and 1 MB (data/raw repeated): its time
should grow in step with the size.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from helpers.build import zygote
from helpers.build.kernel import project_kernel
from helpers.build.report import LANGS, cores, fast_imports, notebooks
from helpers.build.warm import ENV
from helpers.data import paths

GOALS = {"cold": 0.15, "rebuild": 0.05}  # issue 19: of the sequential loop, on two cores
TESTS_GOAL = 2.5  # issue 16: make test, in cold builds of one year


def sequential_loop(city: str, year: int, langs: list[str], data_dir: Path, nb_dir: Path,
                    out: Path) -> tuple[int, float]:
    """The baseline: every notebook, one after the other, no cache (with the build's import fix,
    so the ratios measure parallelism and caching, not the slow jsonschema import); (runs, the
    seconds of their cells)."""
    fast_imports()
    import papermill as pm

    runs, cells = 0, 0.0
    for nb in notebooks(nb_dir):
        for lang in langs:
            target = out / lang / nb.stem
            target.mkdir(parents=True)
            pm.execute_notebook(str(nb), str(target / nb.name), kernel_name=project_kernel(),
                                parameters={"city": city, "year": year, "lang": lang,
                                            "data_dir": str(data_dir), "output_dir": str(target)},
                                progress_bar=False, log_output=False, cwd=str(nb_dir))
            runs += 1
            cells += cell_seconds(target / nb.name)
    return runs, cells


def cell_seconds(path: Path) -> float:
    """The seconds an executed notebook's cells ran (papermill's durations)."""
    import json

    cells = json.loads(Path(path).read_text(encoding="utf-8"))["cells"]
    return sum(float(c.get("metadata", {}).get("papermill", {}).get("duration") or 0) for c in cells)


DRAFT_SIZES = (16_000, 100_000, 1_000_000)


def draft_times(data_dir: Path, sizes=DRAFT_SIZES) -> list[tuple[int, float]]:
    """(bytes, seconds) of drafting a text made by repeating the raw documents to each size."""
    from helpers.data import draft

    raw = "\n".join(p.read_text(encoding="utf-8") for p in sorted((data_dir / "raw").glob("*.txt")))
    out = []
    with tempfile.TemporaryDirectory(prefix="nsr-bench-") as tmp:
        for size in sizes:
            data = (raw * (size // len(raw.encode()) + 1)).encode()[:size]
            path = Path(tmp) / f"draft_{size}.txt"
            path.write_text(data.decode("utf-8", "ignore"), encoding="utf-8")
            start = time.perf_counter()
            draft.draft_file(path, "bench_2022", data_dir=data_dir)
            out.append((size, time.perf_counter() - start))
    return out


START_SCRIPT = """
import sys, time
t0 = time.perf_counter()
from helpers.data import snapshot
from helpers.present.notebook import start
t1 = time.perf_counter()
snapshot.load(sys.argv[3])
t2 = time.perf_counter()
start("99", sys.argv[1], int(sys.argv[2]), "en", sys.argv[3], sys.argv[4])
print(t1 - t0, t2 - t1, time.perf_counter() - t2)
"""


def kernel_start(city: str, year: int, data_dir: Path, out: Path) -> tuple[float, float, float]:
    """(imports, snapshot.load, start()) seconds in a fresh interpreter, as in a new kernel."""
    proc = subprocess.run([sys.executable, "-c", START_SCRIPT, city, str(year), str(data_dir), str(out)],
                          capture_output=True, text=True)
    if proc.returncode:
        raise SystemExit(f"helpers.build.bench: start() failed:\n{proc.stderr}")
    imports, loaded, started = proc.stdout.split()
    return float(imports), float(loaded), float(started)


def start_times(city: str, year: int, data_dir: Path, tmp: Path, repeat: int = 3) -> dict[str, float]:
    """The best of `repeat` kernel starts, validating data/ and from the build's snapshot."""
    from helpers.build import report, snapshot

    snap = snapshot.freeze(data_dir, tmp / "cache", report.code_key(report.HELPERS_DIR))
    runs = {"validate": [], "snapshot": []}
    for _ in range(repeat):
        for name, folder in (("validate", data_dir), ("snapshot", snap.data_dir)):
            runs[name].append(kernel_start(city, year, folder, tmp / "start"))
    return {"imports": min(r[0] for rs in runs.values() for r in rs),
            "load": min(r[1] for r in runs["snapshot"]),
            **{name: min(r[2] for r in rs) for name, rs in runs.items()}}


ENGINES = {  # label: environment of a cold build
    "cold build, kernels cold": {zygote.ENV: "kernel", ENV: "0"},
    "cold build, kernels warm": {zygote.ENV: "kernel", ENV: "1"},
    "cold build, forked runs": {zygote.ENV: "fork"},  # the default
}


def cpu_seconds() -> float:
    """CPU seconds (user and system) of this process and of its children that have ended: a
    build's processor time, which a machine shared with other work inflates far less than its
    wall time."""
    import resource

    return sum(r.ru_utime + r.ru_stime for r in (resource.getrusage(resource.RUSAGE_SELF),
                                                 resource.getrusage(resource.RUSAGE_CHILDREN)))


CPU: dict[str, float] = {}  # timed_build's CPU seconds, by its args


def timed_build(args: list[str], env: dict | None = None, module: str = "helpers.build.report") -> float:
    start, cpu = time.perf_counter(), cpu_seconds()
    proc = subprocess.run([sys.executable, "-m", module, *args], stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True, env={**os.environ, **(env or {})})
    if proc.returncode:
        raise SystemExit(f"helpers.build.bench: {module} failed:\n{proc.stderr}")
    CPU[" ".join(args) + repr(env)] = cpu_seconds() - cpu
    return time.perf_counter() - start


def build_runs(output: Path, city: str, year: int) -> dict:
    """What the build's timings say of its notebook runs: their number, their seconds, their
    cells' seconds, how many ran on a kernel started ahead."""
    import json

    t = json.loads((output / ".build-log" / city / f"{year}.json").read_text(encoding="utf-8"))
    ran = [k for k in t["jobs"] if k in t.get("cells", {})]
    return {"runs": len(ran), "seconds": sum(t["jobs"][k] for k in ran),
            "cells": sum(t["cells"][k] for k in ran), "warm": t.get("warm", 0)}


def panel_times(sizes: list[int], year: int | None, langs: list[str], jobs: int, data_dir: Path,
                nb_dir: Path) -> list[tuple[int, int, float]]:
    """(selections, notebook runs, seconds) of a cold build of each synthetic panel."""
    from helpers.build import report, synthetic

    out = []
    per_selection = len(notebooks(nb_dir)) * len(langs)
    for size in sizes:
        with tempfile.TemporaryDirectory(prefix="nsr-bench-panel-") as tmp:
            panel = synthetic.make_panel(data_dir, Path(tmp), size)
            selections = [s for s in report.city_selections(panel) if year is None or s[1] == year]
            args = ["--data-dir", str(panel), "--notebooks", str(nb_dir), "--jobs", str(jobs),
                    "--output", str(Path(tmp) / "reports"), "--force",
                    *(["--year", str(year)] if year else []), *[x for lang in langs for x in ("--lang", lang)]]
            out.append((len(selections), len(selections) * per_selection, timed_build(args)))
    return out


def test_times(city: str, year: int, repeat: int = 2) -> list[tuple[float, float]]:
    """(make test, cold build of one year) in seconds, `repeat` times, one after the other so both
    meet the same load: the suite against what a user waits for when the data change."""
    out = []
    for _ in range(repeat):
        with tempfile.TemporaryDirectory(prefix="nsr-bench-tests-") as tmp:
            build = timed_build(["--city", city, "--year", str(year), "--lang", "en", "--lang", "zh",
                                 "--pdf", "--output", tmp])
        start = time.perf_counter()
        proc = subprocess.run(["make", "-s", "test"], cwd=paths.REPO_ROOT, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True)
        if proc.returncode:
            raise SystemExit(f"helpers.build.bench: make test failed:\n{proc.stdout[-3000:]}")
        out.append((time.perf_counter() - start, build))
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m helpers.build.bench", description=__doc__.split("\n\n")[0])
    p.add_argument("--draft", action="store_true", help="time the draft tool against text size")
    p.add_argument("--tests", action="store_true", help="time make test against a cold build of "
                                                        "--city/--year (both languages, PDFs)")
    p.add_argument("--panel", help="made-up cities per synthetic panel, e.g. 0,1,3: runs per second "
                                   "against the number of selections")
    p.add_argument("--city")
    p.add_argument("--year", type=int)
    p.add_argument("--lang", action="append", choices=LANGS)
    p.add_argument("--jobs", type=int, default=cores())
    p.add_argument("--data-dir", type=Path, default=paths.DATA_DIR)
    p.add_argument("--notebooks", type=Path, default=paths.NOTEBOOK_DIR)
    a = p.parse_args(argv)
    if a.draft:
        print("draft time against text size (data/raw repeated)")
        for size, secs in draft_times(a.data_dir.resolve()):
            print(f"  {size / 1000:6.0f} kB  {secs:7.2f} s   {1e6 * secs / size:6.2f} s per MB")
        return 0
    langs = a.lang or list(LANGS)
    data_dir, nb_dir = a.data_dir.resolve(), a.notebooks.resolve()
    if a.panel:
        try:
            sizes = [int(x) for x in a.panel.split(",")]
        except ValueError:
            p.error(f"--panel takes whole numbers separated by commas, got {a.panel!r}")
        print(f"synthetic panels ({', '.join(langs)}{f', {a.year}' if a.year else ', every year'}), "
              f"{a.jobs} jobs, {cores()} cores: cold builds")
        base = None
        for selections, runs, secs in panel_times(sizes, a.year, langs, a.jobs, data_dir, nb_dir):
            base = base or secs / selections
            print(f"  {selections:4d} selections  {runs:5d} runs  {secs:8.1f} s  {runs / secs:5.2f} runs/s  "
                  f"{secs / selections:6.1f} s per selection ({secs / selections / base:4.2f} of the first)",
                  flush=True)
        return 0
    if not a.city or not a.year:
        p.error("--city and --year are required (or --draft, --panel)")
    if a.tests:
        print(f"make test against a cold build of {a.city} {a.year} (en, zh, PDFs), {cores()} cores")
        for tests, build in test_times(a.city, a.year):
            ratio = tests / build
            print(f"  make test {tests:6.1f} s   cold build {build:5.1f} s   ratio {ratio:4.2f}   goal <= "
                  f"{TESTS_GOAL:.1f}  {'ok' if ratio <= TESTS_GOAL else 'MISSED'}   load average "
                  f"{os.getloadavg()[0]:.1f}", flush=True)
        return 0
    with tempfile.TemporaryDirectory(prefix="nsr-bench-") as tmp:
        starts = start_times(a.city, a.year, data_dir, Path(tmp))
        print(f"kernel start (best of 3, fresh interpreter): imports {starts['imports']:.2f} s; start() "
              f"validating data/ {starts['validate']:.3f} s, from the build's snapshot "
              f"{starts['snapshot']:.3f} s (of which loading the snapshot {starts['load']:.3f} s)",
              flush=True)
        out = Path(tmp) / "reports"
        build = ["--city", a.city, "--year", str(a.year), "--jobs", str(a.jobs),
                 "--data-dir", str(data_dir), "--notebooks", str(nb_dir),
                 "--output", str(out)] + [x for lang in langs for x in ("--lang", lang)]
        colds = {}
        for label, env in ENGINES.items():
            colds[label] = (timed_build(build + ["--force"], env), build_runs(out, a.city, a.year),
                            CPU[" ".join(build + ["--force"]) + repr(env)])
        rebuild = timed_build(build)
        try:
            pdfs = timed_build(["--city", a.city, "--year", str(a.year), "--output", str(out)],
                               module="helpers.build.pdf")
        except SystemExit as exc:  # no Chromium: the report stands without PDFs
            pdfs, why = None, (str(exc.code).splitlines() or [""])[-1]
        saved = os.dup(2)  # silence the kernels' start-up warnings, as the build does
        os.dup2(os.open(os.devnull, os.O_WRONLY), 2)
        try:
            start, cpu = time.perf_counter(), cpu_seconds()
            runs, loop_cells = sequential_loop(a.city, a.year, langs, data_dir, nb_dir, Path(tmp) / "loop")
            loop, loop_cpu = time.perf_counter() - start, cpu_seconds() - cpu
        finally:
            os.dup2(saved, 2)
    print(f"{runs} notebook runs ({len(langs)} languages), {a.jobs} jobs, {cores()} cores, load average "
          f"{os.getloadavg()[0]:.1f}; 'beyond cells': a run's seconds less its cells', mean per run (a cold "
          f"kernel's first cell also imports the helpers); 'cpu': processor seconds of all its processes")
    print(f"  {'sequential papermill loop':<29} {loop:7.2f} s   cells {loop_cells:6.1f} s   "
          f"beyond cells {(loop - loop_cells) / runs:5.2f} s   {'':15}   cpu {loop_cpu:6.1f} s")
    for label, (secs, r, cpu) in colds.items():
        ratio = secs / loop
        verdict = "ok" if ratio <= GOALS["cold"] else "MISSED"
        warm = f"({r['warm']}/{r['runs']} warm)" if "kernel" in label else ""
        print(f"  {label:<29} {secs:7.2f} s   cells {r['cells']:6.1f} s   beyond cells "
              f"{(r['seconds'] - r['cells']) / max(r['runs'], 1):5.2f} s   {warm:<15}   cpu {cpu:6.1f} s ("
              f"{cpu / loop_cpu:4.2f} of the loop's)   ratio {ratio:5.3f}   goal <= {GOALS['cold']:.2f}  {verdict}")
    ratio = rebuild / loop
    print(f"  {'rebuild, nothing changed':<29} {rebuild:7.2f} s{'':49}ratio {ratio:5.3f}   "
          f"goal <= {GOALS['rebuild']:.2f}  {'ok' if ratio <= GOALS['rebuild'] else 'MISSED'}")
    print(f"  {'PDFs (make report --pdf)':<29} " + (f"{pdfs:7.2f} s   (not in the ratios: the loop "
                                                   f"prints none)" if pdfs is not None else
                                                   f"  not timed: {why}"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
