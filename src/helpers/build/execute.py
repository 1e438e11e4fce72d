"""Execute notebooks in place with their default parameters and clean their metadata.

Committed notebooks are executed so they read well on a code host, and cleaned so that a
re-run on another machine changes nothing but real results: `make notebooks`.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from helpers.build.kernel import KERNELSPEC, project_kernel
from helpers.data.paths import NOTEBOOK_DIR

ADDRESS = re.compile(r"\b0x[0-9a-fA-F]{6,}\b")


def clean(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Drop what changes from run to run: timings, papermill records, versions, widget state."""
    report = nb.metadata.get("report")  # the build's section rule (e.g. {"first": true}): kept
    nb.metadata = nbformat.from_dict({"kernelspec": KERNELSPEC,
                                      "language_info": {"name": "python"},
                                      **({"report": report} if report else {})})
    for i, cell in enumerate(nb.cells):
        cell.metadata.pop("execution", None)
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("ExecuteTime", None)
        cell["id"] = f"cell-{i:02d}"
        if cell.cell_type == "code":
            for out in cell.get("outputs", []):
                if "metadata" in out:
                    out["metadata"] = {}
                plain = out.get("data", {}).get("text/plain")
                if plain:  # '<Styler at 0x7f…>': an address differs on every run
                    text = "".join(plain) if isinstance(plain, list) else plain
                    out["data"]["text/plain"] = ADDRESS.sub("0x…", text)
    nb.nbformat, nb.nbformat_minor = 4, 5
    return nb


def execute(path: Path, timeout: int = 600) -> None:
    """Run one notebook top to bottom in its own folder and write it back cleaned."""
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=timeout, kernel_name=project_kernel(),
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    tmp = path.with_suffix(".ipynb.tmp")
    nbformat.write(clean(nb), tmp)
    tmp.replace(path)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    paths = [Path(a) for a in argv] or sorted(NOTEBOOK_DIR.glob("[0-9][0-9]*_*.ipynb"))
    for path in paths:
        print(f"executing {path.name}", flush=True)
        execute(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
