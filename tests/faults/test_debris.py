"""Class 6: faults leave no debris. Stale temporary folders are removed by the next build, a crash
in the middle of the swap is undone, an interrupt prints one line, and the workers and their
kernels end with the build, even after kill -9. Every case builds a report first, so the module
runs in make test-slow, with the other faults mid-build."""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from faultkit import ROOT, cli, config, one_line, report_dir, tree_digest
from helpers.build import report, zygote

pytestmark = pytest.mark.slow

DEAD = 2 ** 22 + 12345  # above the default pid_max: never a live process


def test_stale_temporaries_are_removed(world):
    parent = report_dir(world).parent
    stale = [parent / f"2021.tmp-{DEAD}-abc", parent / "2021.tmp-legacy", parent / f"2021.old-{DEAD}"]
    live = parent / f"2021.tmp-{os.getppid()}-running"
    for p in stale + [live]:
        (p / "en").mkdir(parents=True)
    removed = report.recover(report_dir(world))
    assert sorted(removed) == sorted(stale)
    assert live.is_dir() and report_dir(world).is_dir()


def test_a_build_cleans_what_a_killed_build_left(world):
    leftover = report_dir(world).parent / f"2021.tmp-{DEAD}-x"
    (leftover / ".jobs").mkdir(parents=True)
    report.build(config(world))
    assert not leftover.exists()


def test_crash_between_the_two_renames_is_recovered(world, monkeypatch):
    final = report_dir(world)
    before = tree_digest(final)
    monkeypatch.setattr(report, "_exchange", lambda a, b: False)  # a system without exchange
    real = os.replace
    calls = []

    def crash_on_second(src, dst):
        calls.append(src)
        if len(calls) == 2:
            raise SystemExit("power cut")  # the process dies between the renames
        return real(src, dst)

    monkeypatch.setattr(os, "replace", crash_on_second)
    with pytest.raises(SystemExit):
        report.swap(Path(shutil.copytree(final, final.with_name(f"2021.tmp-{DEAD}-n"))), final)
    monkeypatch.setattr(os, "replace", real)
    assert not final.exists()  # no report at all: the state the crash leaves
    old = next(final.parent.glob("2021.old-*"))
    os.rename(old, final.with_name(f"2021.old-{DEAD}"))  # as if that process were gone
    report.recover(final)
    assert tree_digest(final) == before
    assert sorted(p.name for p in final.parent.iterdir()) == ["2021"]


def test_swap_is_one_exchange(world):
    final = report_dir(world)
    new = Path(shutil.copytree(final, final.with_name(f"2021.tmp-{os.getpid()}-n")))
    (new / "marker").write_text("new", encoding="utf-8")
    report.swap(new, final)
    assert (final / "marker").is_file() and not new.exists()


@pytest.mark.parametrize("exc, code, word", [(KeyboardInterrupt, 130, "interrupted"),
                                             (report.Terminated, 143, "terminated")])
def test_interrupt_prints_one_line(world, monkeypatch, capsys, exc, code, word):
    before = tree_digest(report_dir(world))

    def interrupted(cfg):
        raise exc()

    monkeypatch.setattr(report, "build", interrupted)
    assert report.main(cli(world)) == code
    msg = one_line(capsys.readouterr().err)
    assert word in msg and "previous report" in msg
    assert tree_digest(report_dir(world)) == before


# --- real processes ----------------------------------------------------------------------------

def sleeper(started: Path) -> str:
    """A notebook whose cell marks that it runs, then sleeps."""
    cell = f"import pathlib, time\npathlib.Path({str(started)!r}).touch()\ntime.sleep(120)"
    return json.dumps({"cells": [
        {"cell_type": "code", "execution_count": None, "id": "p", "metadata": {"tags": ["parameters"]},
         "outputs": [], "source": "city = 'nanchang'\nyear = 2021\nlang = 'en'\ndata_dir = '.'\noutput_dir = '.'"},
        {"cell_type": "code", "execution_count": None, "id": "s", "metadata": {}, "outputs": [],
         "source": cell}],
        "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
        "nbformat": 4, "nbformat_minor": 5})


def _children() -> dict[int, int]:
    out = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if fields[0] != "Z":
                out[int(entry.name)] = int(fields[1])
    return out


def descendants(pid: int) -> set[int]:
    tree, found, todo = _children(), set(), [pid]
    while todo:
        p = todo.pop()
        kids = [c for c, parent in tree.items() if parent == p]
        found.update(kids)
        todo += kids
    return found


def alive(pids: set[int]) -> set[int]:
    return pids & set(_children())


def start_build(world: Path, engine: str) -> tuple[subprocess.Popen, set[int]]:
    """A build whose sleeper notebook runs (on a kernel, or in a forked process: NSR_ENGINE)."""
    started = world / "sleeper-started"
    (world / "notebooks" / "05_sleep.ipynb").write_text(sleeper(started), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": f"{ROOT / 'src'}{os.pathsep}{os.environ.get('PYTHONPATH', '')}",
           zygote.ENV: engine}
    proc = subprocess.Popen([sys.executable, "-m", "helpers.build.report", *cli(world, "--force")],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                            start_new_session=True)
    deadline = time.time() + 90
    while time.time() < deadline:  # wait until the sleeper runs
        if started.exists() and any(p.name.startswith("2021.tmp-") for p in report_dir(world).parent.iterdir()):
            return proc, descendants(proc.pid)
        time.sleep(0.5)
    proc.kill()
    pytest.fail("the build did not run the sleeper in time")


def gone(pids: set[int], within: float = 20) -> bool:
    deadline = time.time() + within
    while time.time() < deadline:
        if not alive(pids):
            return True
        time.sleep(0.5)
    return False


@pytest.mark.slow
@pytest.mark.parametrize("engine", zygote.ENGINES)
@pytest.mark.parametrize("sig, code, word", [(signal.SIGTERM, 143, "terminated"),
                                             (signal.SIGINT, 130, "interrupted")])
def test_signal_mid_build(world, sig, code, word, engine):
    before = tree_digest(report_dir(world))
    proc, kids = start_build(world, engine)
    os.killpg(proc.pid, sig) if sig == signal.SIGINT else proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == code, err
    lines = [ln for ln in err.splitlines() if ln.startswith("helpers.build.report")]
    assert len(lines) == 1 and word in lines[0] and "Traceback" not in err, err
    assert "previous report" in lines[0] and "run the same command again" in lines[0]
    assert gone(kids), f"left running: {alive(kids)}"
    assert tree_digest(report_dir(world)) == before
    assert sorted(p.name for p in report_dir(world).parent.iterdir()) == ["2021"]
    assert not kernel_folders(proc.pid)


def kernel_folders(pid: int) -> list[Path]:
    """The kernel folders (connection files, sockets) a build of this pid made in the temp folder."""
    base = Path(report.ipc_dir() or tempfile.gettempdir())
    return sorted(base.glob(f"{report.RUNTIME_PREFIX}{pid}-*"))


@pytest.fixture
def own_tmp(monkeypatch):
    """A temp folder of this test's own (short, for the kernels' sockets): the kill -9 build's
    kernel folder must outlive the kill until this test looks, and a build of a test running
    alongside would sweep it from the shared /tmp, as it should, since its build is dead."""
    folder = tempfile.mkdtemp(prefix="nsr-k9-", dir="/tmp")
    monkeypatch.setenv("TMPDIR", folder)
    monkeypatch.setattr(tempfile, "tempdir", folder)
    yield Path(folder)
    shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.slow
@pytest.mark.parametrize("engine", zygote.ENGINES)
def test_kill_9_mid_build(world, engine, own_tmp):
    before = tree_digest(report_dir(world))
    proc, kids = start_build(world, engine)
    proc.kill()
    proc.communicate(timeout=30)
    assert gone(kids), f"workers or kernels left running: {alive(kids)}"
    assert tree_digest(report_dir(world)) == before
    left = kernel_folders(proc.pid)  # what kill -9 leaves: connection files (with keys), sockets
    assert all(p.parent == own_tmp for p in left)
    assert left and (engine == "fork" or any(p.name.startswith("kernel-") for p in left[0].iterdir()))
    (world / "notebooks" / "05_sleep.ipynb").unlink()
    report.build(config(world))  # the next build removes the killed build's temporary folder
    assert sorted(p.name for p in report_dir(world).parent.iterdir()) == ["2021"]
    assert not kernel_folders(proc.pid)
