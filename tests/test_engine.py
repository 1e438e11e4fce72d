"""The build's fork engine (helpers.build.zygote, helpers.build.engine): a notebook run in a forked
process records the outputs a kernel records, a failing, dying or stuck cell fails its run with a
message naming the cell, and a report built with it is the same bytes as one built on kernels."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from helpers.build import engine, report, zygote
from helpers.build.kernel import project_kernel
from testkit import built

report.fast_imports()  # before nbformat: see helpers.build.report.fast_imports
import nbformat  # noqa: E402

pytestmark = [pytest.mark.xdist_group("build"), pytest.mark.long]

PARAMETERS = 'city = "nanchang"\nyear = 2021\nlang = "en"\ndata_dir = "."\noutput_dir = "."'
# what a section notebook's cells send: text on both streams around displays, a flushed print,
# a warning, HTML, a PNG with metadata, a cell's value, a cell with nothing to say, and a chart
# left open for matplotlib_inline to show
CELLS = [
    'import sys, warnings\nprint("a")\nprint("b", file=sys.stderr)\nprint("c")',
    'from IPython.display import HTML, Image, display\nprint("before")\n'
    'display(HTML("<b>x</b>"), metadata={"text/html": {"k": 1}})\nprint("after", flush=True)\nprint("tail")',
    'warnings.warn("careful")\n{"x": (1, 2.5), "y": None}',
    '',
    'import pandas as pd\npd.DataFrame({"a": [1, 2]})',
    'x = 1',
    'import base64\ndisplay(Image(data=base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlE'
    'QVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="), format="png"), metadata={"image/png": {"alt": "dot"}})',
]


def notebook(path: Path, cells: list[str], tags: dict[int, list[str]] | None = None) -> Path:
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell(PARAMETERS, metadata={"tags": ["parameters"]}),
        *[nbformat.v4.new_code_cell(c, metadata={"tags": (tags or {}).get(i, [])})
          for i, c in enumerate(cells)]])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, path)
    return path


def spec(nb: Path, tmp: Path, name: str) -> dict:
    return {"input": str(nb), "output": str(tmp / f"{name}.ipynb"), "cwd": str(nb.parent),
            "log": str(tmp / f"{name}.log"), "kernel": project_kernel(), "own_process": True,
            "parameters": {"lang": "zh"}, "paths": {}, "more": False}


@pytest.fixture(scope="module")
def pool():
    """A worker of the build's pool, as the build makes it (a zygote)."""
    with report.environment({zygote.ENV: "fork"}):
        workers = report.local_pool(1)
    with workers:
        yield workers


def forked(pool, nb: Path, tmp: Path) -> dict:
    return pool.submit(report.run_notebook, {**spec(nb, tmp, "fork"), "engine": "fork"}).result()


def warnings_named(text: str) -> str:
    """A warning names the file of the cell that raised it, which ipykernel names by its pid."""
    return re.sub(r'"[^":\s]+:(\d+): (\w+Warning)', r'"<cell>:\1: \2', text)


def test_a_forked_run_records_what_a_kernel_records(tmp_path, monkeypatch, pool):
    nb = notebook(tmp_path / "a.ipynb", CELLS)
    monkeypatch.setenv("NSR_WARM", "0")
    on_kernel = report.run_notebook({**spec(nb, tmp_path, "kernel"), "engine": "kernel"})
    assert on_kernel["ok"] and forked(pool, nb, tmp_path)["ok"], on_kernel
    kernel_nb = warnings_named(nbformat.writes(nbformat.read(tmp_path / "kernel.ipynb", as_version=4)))
    fork_nb = warnings_named(nbformat.writes(nbformat.read(tmp_path / "fork.ipynb", as_version=4)))
    assert fork_nb == kernel_nb


def test_a_failing_cell_names_itself(tmp_path, pool):
    nb = notebook(tmp_path / "a.ipynb", ["x = 1", "def f():\n    return 1 / 0\n\nf()", "y = 2"])
    res = forked(pool, nb, tmp_path)
    assert not res["ok"] and res["ename"] == "ZeroDivisionError" and res["cell"] == 4
    assert res["line"] == [4, "f()"]
    ran = nbformat.read(tmp_path / "fork.ipynb", as_version=4)
    assert [c.get("execution_count") for c in ran.cells if c.cell_type == "code"][-1] is None


def test_an_allowed_error_does_not_stop_the_notebook(tmp_path, pool):
    nb = notebook(tmp_path / "a.ipynb", ["1 / 0", "y = 2"], tags={0: ["raises-exception"]})
    res = forked(pool, nb, tmp_path)
    assert not res["ok"] and res["ename"] == "ZeroDivisionError"  # papermill still fails the run
    ran = nbformat.read(tmp_path / "fork.ipynb", as_version=4)
    assert ran.cells[-1].execution_count == 4


@pytest.mark.parametrize("code, why", [("import os\nos._exit(3)", "exit code 3"),
                                       ("import os, signal\nos.kill(os.getpid(), signal.SIGKILL)",
                                        "killed by signal 9 (SIGKILL)")])
def test_a_dying_run_fails_naming_its_cell(tmp_path, pool, code, why):
    nb = notebook(tmp_path / "a.ipynb", ["x = 1", code])
    res = forked(pool, nb, tmp_path)
    assert not res["ok"] and res["ename"] == "DeadKernelError" and why in res["evalue"]
    assert res["cell"] == 4 and res["source"] == code
    msg = report.failure_message(report.Job(nb, "en", "k"), res, None)
    assert msg.startswith("notebook a.ipynb (lang en), cell In [4] (import os")
    assert pool.submit(int).result() == 0  # the worker lives on


def test_a_stuck_cell_is_stopped(tmp_path, pool):
    nb = notebook(tmp_path / "a.ipynb", ["import time\ntime.sleep(60)"])
    res = pool.submit(zygote.run, {**spec(nb, tmp_path, "fork"), "engine": "fork"}, 1).result()
    assert not res["ok"] and res["ename"] == "CellTimeoutError" and res["cell"] == 3


def test_the_engine_is_chosen_by_the_environment(monkeypatch):
    monkeypatch.delenv(zygote.ENV, raising=False)
    assert zygote.engine() == "fork"
    monkeypatch.setenv(zygote.ENV, "kernel")
    assert zygote.engine() == "kernel"
    monkeypatch.setenv(zygote.ENV, "thread")
    with pytest.raises(ValueError, match="NSR_ENGINE"):
        zygote.engine()


def test_an_unknown_engine_is_refused_in_one_line(monkeypatch, tmp_path, capsys):
    monkeypatch.setenv(zygote.ENV, "thread")
    assert report.main(["--output", str(tmp_path)]) == 2
    err = capsys.readouterr().err.strip()
    assert err == "helpers.build.report: error: NSR_ENGINE='thread': choose fork or kernel", err


def test_the_engine_is_registered_with_papermill():
    from papermill.engines import papermill_engines
    assert papermill_engines.get_engine(engine.NAME) is engine.InProcessEngine


@pytest.mark.slow
def test_forked_runs_build_the_same_report_as_kernels(tmp_path, monkeypatch, capsys):
    out = tmp_path / "reports"
    monkeypatch.setenv(zygote.ENV, "kernel")
    on_kernels = built(out, capsys)
    monkeypatch.setenv(zygote.ENV, "fork")
    forked = built(out, capsys)
    assert forked == on_kernels, sorted(k for k in forked if forked[k] != on_kernels.get(k))
