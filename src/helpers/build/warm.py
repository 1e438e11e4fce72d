"""Warm kernel starts: each worker of the build's local pool keeps one kernel started ahead.

For builds on kernels (NSR_ENGINE=kernel); by default the build forks a process per notebook
instead (helpers.build.zygote).

A fresh kernel pays about two seconds (the interpreter, ipykernel, pandas, matplotlib, seaborn and
the helpers) before its first cell. A worker starts its next kernel, with those modules imported
(ipykernel's exec_lines: no output, no execution count, no name in the notebook's namespace), while it runs the current notebook,
so that cost overlaps with work instead of preceding it. A kernel still runs exactly one notebook
and is shut down after it: every notebook gets a fresh kernel and the same outputs.

NSR_WARM=0 switches it off (each run starts its own kernel, as papermill does). The spare is shut
down when the worker ends (a multiprocessing finalizer), and killed with the worker's other
children when the build is stopped (report.stop_workers). Dask workers start cold: they outlive the
build, and a spare kernel of theirs would outlive it too.
"""
from __future__ import annotations

import os
import tempfile
import uuid
from dataclasses import dataclass

ENV = "NSR_WARM"
HEAVY = ("pandas", "matplotlib.pyplot", "seaborn", "helpers.present.notebook")
PACKAGES = ("helpers.sections", "helpers.present")  # every notebook imports a few of their modules
# what nbclient passes to a kernel it starts itself (no IPython history database), and the
# imports, as one statement that binds no name in the notebook's namespace and displays nothing
ARGS = ["--HistoryManager.hist_file=:memory:",
        "--IPKernelApp.exec_lines=__import__('helpers.build.warm').build.warm.preload()"]


@dataclass
class Spare:
    kernel: str
    cwd: str
    km: object  # a started jupyter_client kernel manager
    log: str    # the kernel's stderr, appended to the log of the notebook it runs


_spare: Spare | None = None  # this process's kernel started ahead


def preload() -> None:
    """In a kernel started ahead: import what the notebooks import, before they ask for it."""
    import importlib
    import pkgutil

    for name in HEAVY:
        importlib.import_module(name)
    for package in PACKAGES:
        for module in pkgutil.iter_modules(importlib.import_module(package).__path__):
            importlib.import_module(f"{package}.{module.name}")


def enabled() -> bool:
    return os.environ.get(ENV, "1").strip().lower() not in ("0", "no", "off", "false")


def _manager(log: str):
    """The build's kernel manager class, remembering its clients so they are stopped with it."""
    from helpers.build.report import ipc_kernels

    class Manager(ipc_kernels(log)):
        def client(self, **kw):
            kc = super().client(**kw)
            self.__dict__.setdefault("_nsr_clients", []).append(kc)
            return kc

    return Manager


def start(kernel: str, cwd: str) -> Spare:
    """Start this process's spare kernel (it imports the heavy modules while we go on)."""
    from jupyter_core.utils import run_sync

    from helpers.build.report import KERNEL_ENV, build_runtime

    global _spare
    os.environ.update(KERNEL_ENV)
    folder = build_runtime() or tempfile.gettempdir()
    log = os.path.join(folder, f"spare-{uuid.uuid4().hex[:12]}.log")
    km = _manager(log)(kernel_name=kernel)
    run_sync(km.start_kernel)(cwd=cwd, extra_arguments=list(ARGS))
    _spare = Spare(kernel, cwd, km, log)
    return _spare


def take(kernel: str, cwd: str, again: bool = True) -> Spare | None:
    """The spare kernel for a notebook run (None: start cold), and start the next one now when
    more runs are to come (`again`), so it warms up while this notebook runs."""
    global _spare
    spare, _spare = _spare, None
    if spare is not None and ((spare.kernel, spare.cwd) != (kernel, cwd) or not _alive(spare)):
        finish(spare)  # another kernel or folder (a panel of other notebooks), or it died
        spare = None
    if again:
        try:
            start(kernel, cwd)
        except Exception:  # the next run starts cold, as without warm starts
            _spare = None
    return spare


def _alive(spare: Spare | None) -> bool:
    from jupyter_core.utils import run_sync

    try:
        return spare is not None and run_sync(spare.km.is_alive)()
    except Exception:
        return False


def finish(spare: Spare | None, log: str | None = None) -> None:
    """Shut a used (or unwanted) kernel down at once, stop its clients, and append its stderr to
    `log`: its state is of no further use, and the next notebook has its own kernel."""
    from jupyter_core.utils import run_sync

    if spare is None:
        return
    try:
        if run_sync(spare.km.is_alive)():
            run_sync(spare.km.shutdown_kernel)(now=True)
        run_sync(spare.km.cleanup_resources)()
    except Exception:  # already gone
        pass
    for kc in spare.km.__dict__.get("_nsr_clients", []):
        try:
            kc.stop_channels()
        except Exception:
            pass
    try:
        if log:
            with open(spare.log, "rb") as src, open(log, "ab") as dst:
                dst.write(src.read())
        os.unlink(spare.log)
    except OSError:
        pass


def stop() -> None:
    """Shut this process's spare down (a worker's exit: the pool ended or failed)."""
    global _spare
    spare, _spare = _spare, None
    finish(spare)


def pid() -> int | None:
    """The process id of this process's spare kernel (tests)."""
    proc = getattr(getattr(_spare, "km", None), "provisioner", None)
    return getattr(getattr(proc, "process", None), "pid", None)
