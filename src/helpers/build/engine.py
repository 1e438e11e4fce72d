"""A papermill engine that runs a notebook's cells in this process, as a kernel would run them.

A kernel costs every notebook run a process start, its imports and the messaging of nbclient,
several times what the cells of a section compute. The build runs each notebook in a process forked
for it from one that has the imports done (helpers.build.zygote), and this engine executes the cells
there: papermill still loads, parameterizes, records and writes the notebook (engine_name=NAME), and
an IPython shell runs each cell, with its outputs recorded the way ipykernel sends them and nbclient
stores them, so the executed notebook is the same document:

- stdout and stderr are buffered per stream and sent, stdout first, when the cell ends, before a
  display, a result or a traceback, and on flush() (ipykernel's OutStream; its 0.2 s timer aside,
  which only splits a slow cell's text, and not the same way twice);
- display() is a display_data output, the cell's value an execute_result (ipykernel's
  displayhook, with its json_clean), an exception an error output (ename, evalue, traceback);
- charts left open go through matplotlib_inline as in a kernel: `shell()` is made before pyplot is
  imported with MPLBACKEND set as ipykernel sets it, so the inline backend registers its hooks
  with this shell;
- execution counts, skipped cells (empty, or tagged skip-execution) and the stop at the first
  error (unless tagged raises-exception) follow nbclient, and language_info is ipykernel's.

What differs from a kernel: text written past sys.stdout and sys.stderr (by C code or a
subprocess, on file descriptors 1 and 2) goes to the run's log, not into the notebook; a warning
raised by a cell's own code names the cell <ipython-input-N-hash> rather than ipykernel's
/tmp/ipykernel_<pid>/<hash>.py (so it is the same on every run); input() finds no stdin. The
shell keeps its namespace: a process runs one notebook (the zygote forks one per run).
"""
from __future__ import annotations

import io
import sys

from papermill.engines import Engine, papermill_engines

NAME = "nsr-inprocess"
# what ipykernel's IPKernelApp and ZMQInteractiveShell put into a kernel's environment
KERNEL_ENVIRON = {"MPLBACKEND": "module://matplotlib_inline.backend_inline", "TERM": "xterm-color",
                  "CLICOLOR": "1", "FORCE_COLOR": "1", "CLICOLOR_FORCE": "1", "PAGER": "cat",
                  "GIT_PAGER": "cat"}


class Sink:
    """The outputs of the running cell, as nbclient would hold them."""

    def __init__(self):
        self.outputs: list = []
        self.pending = {"stdout": [], "stderr": []}
        self.clear_on_next = False
        self.displays: dict[str, list] = {}  # display_id -> its outputs (update_display_data)

    def begin(self) -> list:
        self.outputs, self.clear_on_next = [], False
        return self.outputs

    def add(self, msg_type: str, content: dict):
        """An output from an iopub message's content, after the JSON round trip a message makes."""
        from jupyter_client.session import json_packer, json_unpacker
        from nbformat.v4 import output_from_msg

        content = json_unpacker(json_packer(content))
        out = output_from_msg({"header": {"msg_type": msg_type}, "content": content})
        if self.clear_on_next:
            self.outputs[:] = []
            self.clear_on_next = False
        self.outputs.append(out)
        display_id = (content.get("transient") or {}).get("display_id")
        if display_id:
            self.displays.setdefault(display_id, []).append(out)
        return out

    def write(self, name: str, text: str) -> None:
        self.pending[name].append(text)

    def flush(self, name: str) -> None:
        text = "".join(self.pending[name])
        self.pending[name] = []
        if text:
            self.add("stream", {"name": name, "text": text})

    def flush_streams(self) -> None:
        self.flush("stdout")
        self.flush("stderr")


SINK = Sink()


class Stream(io.TextIOBase):
    """sys.stdout or sys.stderr while a cell runs (buffered until flushed, as ipykernel's)."""

    encoding = "UTF-8"

    def __init__(self, name: str):
        super().__init__()
        self._name = name

    @property
    def name(self) -> str:
        return self._name

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text)}")
        SINK.write(self._name, text)
        return len(text)

    def flush(self) -> None:
        SINK.flush(self._name)


def _display_hook_class():
    from IPython.core.displayhook import DisplayHook

    class CapturingDisplayHook(DisplayHook):
        """ipykernel's ZMQShellDisplayHook, storing instead of sending."""

        content = None

        def start_displayhook(self):
            self.content = {"data": {}, "metadata": {}}

        def write_output_prompt(self):
            self.content["execution_count"] = self.prompt_count

        def write_format_data(self, format_dict, md_dict=None):
            from ipykernel.jsonutil import encode_images, json_clean
            self.content["data"] = json_clean(encode_images(format_dict))
            self.content["metadata"] = md_dict

        def finish_displayhook(self):
            SINK.flush_streams()
            if self.content and self.content["data"]:
                SINK.add("execute_result", self.content)
            self.content = None

    return CapturingDisplayHook


def _display_publisher_class():
    from IPython.core.displaypub import DisplayPublisher

    class CapturingDisplayPublisher(DisplayPublisher):
        """ipykernel's ZMQDisplayPublisher, storing instead of sending."""

        def publish(self, data, metadata=None, source=None, *, transient=None, update=False, **kw):
            from ipykernel.jsonutil import encode_images, json_clean
            SINK.flush_streams()
            self._validate_data(data, metadata)
            content = json_clean({"data": encode_images(data), "metadata": metadata or {},
                                  "transient": transient or {}})
            if update:  # nbclient: every output shown with this display_id takes the new data
                for out in SINK.displays.get((transient or {}).get("display_id"), []):
                    out["data"], out["metadata"] = content["data"], content["metadata"]
                return
            SINK.add("display_data", content)

        def clear_output(self, wait=False):
            SINK.flush_streams()
            if wait:
                SINK.clear_on_next = True
            else:
                SINK.outputs[:] = []

    return CapturingDisplayPublisher


_shell = None


def shell():
    """This process's IPython shell, made once (before pyplot is imported: see the docstring)."""
    global _shell
    if _shell is None:
        import os

        from IPython.core.interactiveshell import InteractiveShell
        from traitlets.config import Config

        os.environ.update({k: v for k, v in KERNEL_ENVIRON.items()
                           if k != "MPLBACKEND" or not os.environ.get(k)})

        class CapturingShell(InteractiveShell):
            displayhook_class = _display_hook_class()
            display_pub_class = _display_publisher_class()

            def _showtraceback(self, etype, evalue, stb):  # ZMQInteractiveShell's
                SINK.flush_streams()
                SINK.add("error", {"traceback": stb, "ename": str(etype.__name__), "evalue": str(evalue)})
                self._last_traceback = stb

        config = Config()
        config.HistoryManager.hist_file = ":memory:"  # as nbclient starts a kernel
        _shell = CapturingShell.instance(config=config)
    return _shell


def language_info() -> dict:
    from ipykernel.ipkernel import IPythonKernel
    return dict(IPythonKernel.language_info)


class InProcessEngine(Engine):
    """papermill's engine interface over `shell()`; `progress(cell)` is called as each code cell
    starts, with its execution count set (the zygote's watchdog)."""

    @classmethod
    def execute_managed_notebook(cls, nb_man, kernel_name, progress=None, **kwargs):
        ip = shell()
        saved = sys.stdout, sys.stderr, sys.modules["__main__"]
        sys.stdout, sys.stderr = Stream("stdout"), Stream("stderr")
        sys.modules["__main__"] = ip.user_module  # cells define __main__, as in a kernel
        try:
            for index, cell in enumerate(nb_man.nb.cells):
                try:
                    nb_man.cell_start(cell, index)
                    if not run_cell(ip, cell, progress):
                        nb_man.cell_exception(cell, cell_index=index)
                        break
                finally:
                    nb_man.cell_complete(cell, cell_index=index)
        finally:
            SINK.flush_streams()
            sys.stdout, sys.stderr, sys.modules["__main__"] = saved
        nb_man.nb.metadata["language_info"] = language_info()


def run_cell(ip, cell, progress=None) -> bool:
    """Run one cell into its outputs; False when it failed and the notebook stops (nbclient)."""
    if cell.cell_type != "code" or not cell.source.strip():
        return True
    if "skip-execution" in cell.metadata.get("tags", []):
        return True
    cell.outputs = SINK.begin()
    cell.execution_count = ip.execution_count
    if progress:
        progress(cell)
    result = ip.run_cell(cell.source, store_history=True, silent=False)
    SINK.flush_streams()
    return result.success or "raises-exception" in cell.metadata.get("tags", [])


papermill_engines.register(NAME, InProcessEngine)
