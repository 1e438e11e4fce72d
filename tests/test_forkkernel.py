"""The forked kernels nbval runs on in make test behave as kernels started from scratch: a new
process each, the working folder and environment they were started with, charts shown inline
through the kernel's own shell, nothing left by an earlier kernel, and stopped when asked."""
import os
import signal

import pytest
from jupyter_client.manager import KernelManager

from helpers.build import forkkernel, kernel

pytestmark = pytest.mark.skipif(not hasattr(os, "pidfd_open"), reason="needs Linux pidfds")


@pytest.fixture(scope="module", autouse=True)
def spec():
    kernel.install()
    forkkernel.install()


def run(km: KernelManager, code: str) -> list[dict]:
    """Execute `code` on a started kernel; its iopub outputs."""
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=60)
        outputs = []
        kc.execute_interactive(code, timeout=60, output_hook=lambda msg: outputs.append(msg))
        return [m["content"] for m in outputs
                if m["msg_type"] in ("stream", "display_data", "execute_result", "error")]
    finally:
        kc.stop_channels()


def started(tmp_path, **env) -> KernelManager:
    km = KernelManager(kernel_name=forkkernel.NAME)
    km.start_kernel(cwd=str(tmp_path), env={**os.environ, **env})
    return km


def test_a_forked_kernel_runs_where_and_with_what_it_was_started(tmp_path):
    km = started(tmp_path, NSR_FORK_PROBE="seen")
    try:
        assert km.provisioner.__class__ is forkkernel.ForkProvisioner
        out = run(km, "import os; print(os.getcwd(), os.environ['NSR_FORK_PROBE'], os.getpid(), "
                      "os.getppid(), os.getsid(0))")
        cwd, probe, pid, ppid, sid = out[0]["text"].split()
        assert (cwd, probe) == (str(tmp_path), "seen")
        assert int(pid) == km.provisioner.pid and int(sid) == int(pid)  # its own session
        assert int(ppid) != os.getpid()  # forked by the zygote, not started by this process
    finally:
        km.shutdown_kernel(now=True)
    assert not km.is_alive()


def test_each_kernel_is_new_and_shows_charts_inline(tmp_path):
    first, second = started(tmp_path), started(tmp_path)
    try:
        run(first, "left_behind = 1")
        out = run(second, "print('left_behind' in globals())\n"
                          "import matplotlib.pyplot as plt\nplt.plot([1, 2], [3, 4]);")
        assert out[0]["text"].strip() == "False"
        assert any("image/png" in o.get("data", {}) for o in out)  # the inline backend, as on a kernel
        assert first.provisioner.pid != second.provisioner.pid
    finally:
        first.shutdown_kernel(now=True)
        second.shutdown_kernel(now=True)


def test_a_killed_kernel_is_seen_to_end(tmp_path):
    km = started(tmp_path)
    km.signal_kernel(signal.SIGKILL)
    km.provisioner.process.wait(timeout=10)
    assert not km.is_alive()
    km.cleanup_resources()


def test_only_an_ipykernel_command_is_forked():
    with pytest.raises(ValueError, match="not an ipykernel command"):
        forkkernel._fork(["/bin/sh", "-c", "true"], dict(os.environ), os.getcwd())
