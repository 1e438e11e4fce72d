"""Run each notebook in a process forked for it from a worker that has done the imports.

The default build engine (NSR_ENGINE=fork). Each worker of the build's local pool is started as a
fresh interpreter with the kernels' environment (PYTHONHASHSEED=0 and the rest of
report.KERNEL_ENV), makes the IPython shell of helpers.build.engine and imports what the notebooks
import, once. For every notebook it then forks a child that runs the notebook with that engine
and writes it; the child ends with the run. So each notebook still starts from the same state, a
process that has run nothing, gets a namespace of its own and leaves nothing behind, and a run
costs a fork instead of a kernel start.

The child reports each cell it starts and then its result on a pipe. The worker waits on the pipe
with a watchdog: a child that dies (a segfault, the OOM killer, os._exit in a cell) fails its run
with a message naming the notebook and the cell it was in, and a cell that runs longer than
report.CELL_TIMEOUT is killed with its child. NSR_ENGINE=kernel runs every notebook on a kernel as
before (helpers.build.warm); dask workers always do.
"""
from __future__ import annotations

import json
import os
import select
import signal
import sys
import time

ENV = "NSR_ENGINE"
ENGINES = ("fork", "kernel")


def engine() -> str:
    """The engine the build runs notebooks with: 'fork' (default) or 'kernel'."""
    value = os.environ.get(ENV, "fork").strip().lower() or "fork"
    if value not in ENGINES:
        raise ValueError(f"{ENV}={value!r}: choose {' or '.join(ENGINES)}")
    return value


def prepare() -> None:
    """In a new worker: the shell first (matplotlib's inline backend attaches to it), then the
    notebooks' imports and papermill's, and nbformat's compiled schema, before any notebook is
    forked off. fast_imports first: the engine imports papermill, whose nbformat would otherwise
    compile rfc3987_syntax (2 s)."""
    from helpers.build.report import fast_imports

    fast_imports()
    from helpers.build import engine as inprocess
    from helpers.build import warm

    main = sys.modules["__main__"]
    inprocess.shell()  # makes its namespace sys.modules['__main__'], as in a kernel ...
    sys.modules["__main__"] = main  # ... but the worker unpickles the pool's jobs from the real one
    warm.preload()
    import nbformat
    import papermill  # noqa: F401
    import papermill.iorw  # noqa: F401

    # papermill validates each notebook it reads and writes; nbformat compiles its schema on the
    # first validation (0.1 s), which every forked run would otherwise do again
    nbformat.validator.get_validator()


def analyse_ahead(parameters: dict, timeout: float) -> None:
    """In the worker, before it forks a notebook: the selection's analysis, once per worker and
    selection. Every section's `analyse`, the audit and the key judgements are cached on the
    snapshot's summary (helpers.data.figures.per_summary), so each notebook forked after this finds
    them done instead of working them out again. Best effort: a failure (or a run longer than
    `timeout`) is left for the notebook to meet in its own cell, where the build names it."""
    import importlib
    import pkgutil

    from helpers.data import snapshot
    if snapshot.folder_of(parameters.get("data_dir")) is None:
        return  # only a snapshot's selection is shared between the notebooks of a process

    def stop(signum, frame):
        raise TimeoutError

    before = signal.signal(signal.SIGALRM, stop)
    signal.alarm(max(1, int(timeout)))
    try:
        import helpers.sections
        from helpers.data.figures import Summary
        from helpers.present import judgements
        summary = Summary.select(parameters["city"], int(parameters["year"]), parameters["data_dir"])
        for module in pkgutil.iter_modules(helpers.sections.__path__):
            analyse = getattr(importlib.import_module(f"helpers.sections.{module.name}"), "analyse", None)
            if analyse is not None:
                analyse(summary)
        judgements.findings(summary)
        judgements.caveats(summary)
    except Exception:  # noqa: BLE001 - the notebook's own cell reports it
        pass
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, before)


def run(spec: dict, timeout: float) -> dict:
    """Run spec's notebook in a forked child (report.run_notebook's result); never raises."""
    analyse_ahead(spec.get("parameters", {}), timeout)
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: run, report, and end without the worker's exit handlers
        code = 1
        try:
            os.close(read)
            _child(spec, write)
            code = 0
        finally:
            os._exit(code)
    os.close(write)
    try:
        return _watch(pid, read, timeout)
    finally:
        os.close(read)


def _child(spec: dict, fd: int) -> None:
    from helpers.build import report

    try:
        import ctypes
        ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG: end with the worker
    except (OSError, AttributeError):
        pass
    log = os.open(spec["log"], os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    os.dup2(log, 1)  # what a cell writes past sys.stdout goes to the run's log, as stderr does
    os.close(log)

    def progress(cell) -> None:
        os.write(fd, ("cell " + json.dumps([cell.execution_count, cell.source]) + "\n").encode())

    from helpers.build import engine as inprocess
    result = report.papermill_run(spec, engine_name=inprocess.NAME, progress=progress)
    os.write(fd, ("result " + json.dumps(result) + "\n").encode())


def _watch(pid: int, fd: int, timeout: float) -> dict:
    """The child's result; a child that died or overran a cell is reported as a failed run."""
    buffer, cell, result = b"", [None, ""], None
    deadline = time.monotonic() + timeout
    while result is None:
        ready, _, _ = select.select([fd], [], [], max(0.0, deadline - time.monotonic()))
        if not ready:  # a cell ran longer than the timeout
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            return _failed(cell, "CellTimeoutError", f"the cell ran longer than {timeout:.0f} s and "
                                                     f"was stopped")
        chunk = os.read(fd, 65536)
        if not chunk:
            break
        buffer += chunk
        *lines, buffer = buffer.split(b"\n")
        for line in lines:
            kind, _, rest = line.decode().partition(" ")
            if kind == "cell":
                cell, deadline = json.loads(rest), time.monotonic() + timeout
            elif kind == "result":
                result = json.loads(rest)
    _, status = os.waitpid(pid, 0)
    if result is not None:
        return result
    why = (f"killed by signal {os.WTERMSIG(status)} ({signal.Signals(os.WTERMSIG(status)).name})"
           if os.WIFSIGNALED(status) else f"exit code {os.waitstatus_to_exitcode(status)}")
    return _failed(cell, "DeadKernelError", f"the notebook's process ended ({why}) before the "
                                            f"notebook finished")


def _failed(cell: list, ename: str, evalue: str) -> dict:
    """A run that ended in (execution count, source of) `cell` without a result."""
    return {"ok": False, "cell": cell[0], "source": cell[1], "ename": ename, "evalue": evalue}
