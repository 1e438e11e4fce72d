"""Kernels forked from a process that has done the notebooks' imports: nbval's kernels in make test.

nbval starts one kernel per notebook through jupyter_client, and a fresh kernel pays about 2.5 s
(the interpreter, ipykernel, pandas, matplotlib, seaborn, pandera and the helpers) before its first
cell: most of what checking the 14 notebooks costs. The kernel spec `nsr-fork` (`install()`, run by
`make kernel`) names this module's provisioner. It starts the same command as `nsr`, but in a child
forked from a zygote: a process started once per pytest worker, with the kernel's environment, that
has imported those modules and validated the project's data folder (nothing else). The child becomes a session leader, takes the
kernel's environment, working folder and arguments, and runs ipykernel's own entry point, so each
notebook still gets a new kernel process that has run nothing, on the same interpreter.

The zygote sets matplotlib's backend the way ipykernel does (MPLBACKEND, inline) before it imports
pyplot, and imports no backend module, so the child's first figure attaches the inline backend to
the child's own shell, as in a fresh kernel. nbval checks the notebooks' committed outputs against
these kernels; `tests/test_forkkernel.py` checks a forked kernel's outputs against a fresh one's.

The provisioner's process handle watches the child through a pidfd (it is the zygote's child, not
ours); the zygote ignores SIGCHLD, so a finished kernel leaves no zombie. The zygote ends when its
pipe closes, that is with the process that started it.
"""
from __future__ import annotations

import atexit
import json
import os
import select
import signal
import subprocess
import sys
import time

from jupyter_client.provisioning import LocalProvisioner

NAME = "nsr-fork"
DISPLAY_NAME = "Python (nsr, forked)"
# environment that decides how an interpreter starts: a zygote serves only kernels that share it
_STARTUP = ("PYTHONHASHSEED", "PYTHONPATH", "PYTHONDONTWRITEBYTECODE", "PYTHONWARNINGS",
            "PYTHONUTF8", "PYTHONIOENCODING", "MPLBACKEND", "PATH")
_zygotes: dict[tuple, subprocess.Popen] = {}


class Forked:
    """What LocalProvisioner needs of a Popen, for a process that is not our child."""

    def __init__(self, pid: int):
        self.pid = pid
        self.returncode: int | None = None
        self.stdin = self.stdout = self.stderr = None
        self._fd = os.pidfd_open(pid)

    def poll(self) -> int | None:
        if self.returncode is None and select.select([self._fd], [], [], 0)[0]:
            self.returncode = 0  # ended; its exit status went to the zygote, which discards it
            os.close(self._fd)
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        end = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if end is not None and time.monotonic() > end:
                raise subprocess.TimeoutExpired(str(self.pid), timeout)
            select.select([self._fd], [], [], 0.05)
        return self.returncode

    def send_signal(self, signum: int) -> None:
        if self.poll() is None:
            os.kill(self.pid, signum)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)


class ForkProvisioner(LocalProvisioner):
    """LocalProvisioner whose kernel process is forked from a warm zygote instead of exec'd."""

    async def launch_kernel(self, cmd: list[str], **kwargs):
        env = {**(kwargs.get("env") or os.environ), "JPY_PARENT_PID": str(os.getpid())}  # as
        # jupyter_client's launcher sets it
        cwd = str(kwargs.get("cwd") or os.getcwd())
        self.process = Forked(_fork(cmd, env, cwd))
        self.pid = self.pgid = self.process.pid  # the child made itself a session leader
        self.cwd = cwd
        return self.connection_info


def _fork(cmd: list[str], env: dict, cwd: str) -> int:
    """Ask the zygote for this kernel's environment to fork a kernel; its pid."""
    if "ipykernel_launcher" not in cmd:
        raise ValueError(f"{NAME}: not an ipykernel command: {cmd}")
    interpreter = cmd[:cmd.index("-m")]  # the python and its -X options
    key = (*interpreter, *((name, env.get(name)) for name in _STARTUP))
    zygote = _zygotes.get(key)
    if zygote is None or zygote.poll() is not None:
        zygote = _zygotes[key] = subprocess.Popen(
            [*interpreter, "-m", __name__], env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            text=True, bufsize=1)
        atexit.register(zygote.stdin.close)
    args = cmd[cmd.index("ipykernel_launcher") + 1:]
    zygote.stdin.write(json.dumps({"args": args, "env": env, "cwd": cwd}) + "\n")
    answer = zygote.stdout.readline()
    if not answer:
        raise RuntimeError(f"{NAME}: the zygote ended (exit {zygote.wait()}); see its stderr above")
    return int(answer)


def _prepare() -> None:
    """In the zygote: the imports a kernel and the notebooks make, before any kernel is forked."""
    os.environ.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    import ipykernel.kernelapp  # noqa: F401

    from helpers.build import warm
    warm.preload()
    # the project's data, which the notebooks read by default: validated here once, not in every
    # kernel (load_dataset keeps the result by the files' hashes, so an edited file is read again)
    from helpers.data import paths
    from helpers.data.load import load_dataset
    try:
        load_dataset(paths.DATA_DIR)
    except Exception:  # noqa: BLE001 - a notebook meets bad data in its own cell, where nbval names it
        pass


def _serve() -> None:
    """The zygote's loop: a request a line on stdin, the forked kernel's pid a line on stdout."""
    _prepare()
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # finished kernels are reaped by the system
    requests, answers = sys.stdin, sys.stdout
    for line in requests:
        request = json.loads(line)
        pid = os.fork()
        if pid == 0:
            _kernel(request)
        answers.write(f"{pid}\n")
        answers.flush()


def _kernel(request: dict) -> None:
    """In the forked child: become the kernel the request describes, then end."""
    code = 1
    try:
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        os.setsid()
        null = os.open(os.devnull, os.O_RDWR)
        os.dup2(null, 0)
        os.dup2(2, 1)  # the kernel writes where a launched kernel would: the caller's stderr
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        sys.stdin = open(0, closefd=False)  # noqa: SIM115 (the descriptors outlive this frame)
        sys.stdout = open(1, "w", closefd=False)  # noqa: SIM115
        # ipykernel read JPY_PARENT_PID when the zygote imported it: the kernel's own, as an option
        args = [*request["args"], f"--IPKernelApp.parent_handle={request['env']['JPY_PARENT_PID']}"]
        sys.argv = ["ipykernel_launcher", *args]
        from ipykernel import kernelapp

        kernelapp.launch_new_instance(argv=args)
        code = 0
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else 0
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def install() -> None:
    """Register `nsr-fork` in this environment: the `nsr` command, started by ForkProvisioner."""
    from jupyter_client.kernelspec import KernelSpecManager

    from helpers.build.kernel import KERNEL

    spec = KernelSpecManager().get_kernel_spec(KERNEL)
    folder = os.path.join(sys.prefix, "share", "jupyter", "kernels", NAME)
    os.makedirs(folder, exist_ok=True)
    metadata = {**spec.metadata, "kernel_provisioner": {"provisioner_name": NAME}}
    with open(os.path.join(folder, "kernel.json"), "w", encoding="utf-8") as out:
        json.dump({"argv": spec.argv, "display_name": DISPLAY_NAME, "language": spec.language,
                   "metadata": metadata, "env": spec.env}, out, indent=1)


if __name__ == "__main__":
    _serve()
