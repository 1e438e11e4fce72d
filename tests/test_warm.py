"""Warm kernel starts (helpers.build.warm, with NSR_ENGINE=kernel): a worker runs a notebook on the kernel it started
ahead, every notebook gets a kernel of its own, spares end with the pool, and a report built with
warm starts is the same bytes as one built without them."""
from __future__ import annotations

import json
import time
from pathlib import Path

import psutil
import pytest

from helpers.build import report, warm, zygote
from helpers.build.kernel import project_kernel
from helpers.data.paths import NOTEBOOK_DIR
from testkit import built

report.fast_imports()  # before nbformat: see helpers.build.report.fast_imports
import nbformat  # noqa: E402

pytestmark = [pytest.mark.xdist_group("build"), pytest.mark.long]

PARAMETERS = 'city = "nanchang"\nyear = 2021\nlang = "en"\ndata_dir = "."\noutput_dir = "."'


@pytest.fixture(autouse=True)
def kernels(monkeypatch):
    """Warm starts are of the kernel engine (the build's default forks instead)."""
    monkeypatch.setenv(zygote.ENV, "kernel")


def notebook(path: Path, code: str) -> Path:
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell(PARAMETERS, metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell(code)])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, path)
    return path


def spec(nb: Path, tmp: Path, more: bool = True) -> dict:
    return {"input": str(nb), "output": str(tmp / f"out_{nb.name}"), "cwd": str(nb.parent),
            "log": str(tmp / f"{nb.stem}.log"), "kernel": project_kernel(), "own_process": True,
            "parameters": {}, "paths": {}, "more": more}


def printed(path: str) -> list[str]:
    nb = nbformat.read(path, as_version=4)
    return "".join(o.get("text", "") for o in nb.cells[-1].outputs).split()


def gone(pid: int, within: float = 10) -> bool:
    deadline = time.time() + within
    while time.time() < deadline:
        try:
            if psutil.Process(pid).status() == psutil.STATUS_ZOMBIE:
                return True
        except psutil.NoSuchProcess:
            return True
        time.sleep(0.2)
    return False


def test_each_notebook_runs_on_a_fresh_kernel_started_ahead(tmp_path, monkeypatch):
    monkeypatch.delenv(warm.ENV, raising=False)
    a = notebook(tmp_path / "a.ipynb", "import os\nx = 1\nprint(os.getpid())")
    b = notebook(tmp_path / "b.ipynb", "import os, sys\nprint(os.getpid(), 'x' in dir(), 'pandas' in dir(), 'helpers.sections.rd' in sys.modules)")
    with report.kernel_runtime(), report.local_pool(1, tmp_path) as pool:
        ahead = pool.submit(warm.pid).result()
        assert ahead, "the worker started no kernel ahead of its first notebook"
        first = pool.submit(report.run_notebook, spec(a, tmp_path)).result()
        second = pool.submit(report.run_notebook, spec(b, tmp_path)).result()
        assert first["ok"] and first["warm"] and second["ok"] and second["warm"], (first, second)
        assert printed(str(tmp_path / "out_a.ipynb")) == [str(ahead)]
        pid_b, x_in_b, preloaded_name, preloaded = printed(str(tmp_path / "out_b.ipynb"))
        assert pid_b != str(ahead) and x_in_b == "False"  # a kernel of its own: nothing of a's
        assert preloaded == "True" and preloaded_name == "False"  # imported ahead, no name bound
        assert gone(ahead) and gone(int(pid_b))  # shut down after its notebook
        spare = pool.submit(warm.pid).result()  # started during b, for a run that never comes
        assert spare and spare not in (ahead, int(pid_b))
    assert gone(spare), "the spare kernel outlived the pool"


def test_warm_starts_can_be_switched_off(tmp_path, monkeypatch):
    monkeypatch.setenv(warm.ENV, "0")
    assert not warm.enabled()
    with report.kernel_runtime(), report.local_pool(1, tmp_path) as pool:
        assert pool.submit(warm.pid).result() is None


@pytest.mark.slow
def test_warm_and_cold_kernels_build_the_same_report(tmp_path, monkeypatch, capsys):
    out = tmp_path / "reports"
    monkeypatch.setenv(warm.ENV, "0")
    cold = built(out, capsys)
    monkeypatch.setenv(warm.ENV, "1")
    assert built(out, capsys) == cold
    timings = json.loads(report.timings_path(report.Config("nanchang", 2021, ["en"], 2, output=out))
                         .read_text(encoding="utf-8"))
    assert timings["warm"] == timings["ran"] == 2 * len(report.notebooks(NOTEBOOK_DIR))  # all ahead
