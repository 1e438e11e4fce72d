"""Build a panel of selections (every city and year the data hold) with one pool of jobs.

The selections are built side by side, each driven by a thread of this process that feeds the
shared pool, so the workers stay busy across selections instead of idling at the end of each.
A selection that fails leaves its previous report and every other selection's new report in
place; the build then names the failed ones and exits non-zero.
"""
from __future__ import annotations

import dataclasses
import signal
import sys
from concurrent.futures import ThreadPoolExecutor, as_completed

from helpers.build import cluster, report
from helpers.errors import SelectionError

MAX_SELECTIONS = 32  # selections built at once; each keeps up to --jobs runs in flight


def build_panel(configs: list[report.Config], pool, stop) -> list[tuple[report.Config, int]]:
    """Build every selection with `pool`; (config, exit code) of each, as they finish. On Ctrl-C
    `stop()` ends the pool's jobs, so the running selections fail at once and clean up."""
    configs = [dataclasses.replace(c, pool=pool) for c in configs]
    # enough selections in flight that one's serial tail (its pages) overlaps another's notebooks
    threads = min(len(configs), max(2, configs[0].jobs), MAX_SELECTIONS)
    codes = []
    with ThreadPoolExecutor(threads, thread_name_prefix="selection") as selections:
        futures = {selections.submit(report.outcome, cfg): cfg for cfg in configs}
        try:
            for fut in as_completed(futures):
                cfg = futures[fut]
                code, line = fut.result()
                prefix = "" if code == 0 else f"{cfg.city} {cfg.year}: "
                print(prefix + line, file=sys.stderr, flush=True)
                codes.append((cfg, code))
        except BaseException:  # Ctrl-C: no selection starts; the running ones fail and clean up
            selections.shutdown(wait=False, cancel_futures=True)
            stop()
            raise
    return codes


def main(configs: list[report.Config]) -> int:
    """The panel build of helpers.build.report: one line per selection, then which failed. The
    jobs go to a pool of this machine's, or to the dask cluster of --scheduler."""
    previous = signal.signal(signal.SIGTERM, report._on_sigterm)
    first = configs[0]
    try:
        with report.kernel_runtime():
            if first.scheduler:
                with cluster.executor(first.scheduler, first.jobs) as (pool, threads):
                    # each selection keeps the cluster's threads busy, not this machine's cores
                    configs = [dataclasses.replace(c, jobs=max(c.jobs, threads)) for c in configs]
                    codes = build_panel(configs, pool, lambda: pool.shutdown(wait=False))
            else:
                pool = report.local_pool(first.jobs, first.notebook_dir)
                with pool:
                    codes = build_panel(configs, pool, lambda: report.stop_workers(pool))
    except SelectionError as exc:  # the scheduler cannot be reached
        print(f"helpers.build.report: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt as exc:
        code, line = report.stopped(exc, "the reports written so far are kept, the others unchanged")
        print(line, file=sys.stderr)
        return code
    finally:
        signal.signal(signal.SIGTERM, previous)
    for cfg, code in codes:  # PDFs (make report) and the list of reports, for what was written
        if not code:
            report.finish(cfg)
    failed = [cfg for cfg, code in codes if code]
    if not failed:
        return 0
    names = ", ".join(f"{c.city} {c.year}" for c in failed)
    rest = "no new report was written" if len(failed) == len(codes) else "the other reports were written"
    print(f"helpers.build.report: {len(failed)} of {len(codes)} selections failed ({names}); {rest}",
          file=sys.stderr)
    return max(code for _, code in codes)
