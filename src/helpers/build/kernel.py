"""The project's Jupyter kernel, "Python (nsr)": the one the notebooks name and every run uses.

It is the interpreter of this environment (the .venv or the conda env `nsr`), registered under
the name `nsr` inside that environment (`--sys-prefix`), so JupyterLab, papermill and nbval all
start the same Python with the `helpers` package. `make` installs it; `project_kernel()` installs
it when missing, so a run never depends on a kernel that a machine may lack.
"""
from __future__ import annotations

import sys

KERNEL = "nsr"
DISPLAY_NAME = "Python (nsr)"
KERNELSPEC = {"display_name": DISPLAY_NAME, "language": "python", "name": KERNEL}


def installed() -> bool:
    from jupyter_client.kernelspec import KernelSpecManager

    return KERNEL in KernelSpecManager().find_kernel_specs()


def install() -> None:
    """Register this interpreter as the `nsr` kernel in this environment."""
    from ipykernel.kernelspec import install as install_spec

    install_spec(kernel_name=KERNEL, display_name=DISPLAY_NAME, prefix=sys.prefix)


def project_kernel() -> str:
    """The kernel name to run notebooks on: `nsr`, installed first if this environment lacks it
    (falls back to `python3` only where the environment cannot be written)."""
    if not installed():
        try:
            install()
        except OSError:
            return "python3"
    return KERNEL


def main() -> int:
    from helpers.build import forkkernel

    install()
    forkkernel.install()
    print(f"installed kernels {KERNEL!r} ({DISPLAY_NAME}) and {forkkernel.NAME!r} for "
          f"{sys.executable} in {sys.prefix}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
