"""`make lab` as a new user meets it: a headless JupyterLab server opens the drafting notebook
through its REST API and runs it on the project kernel ("Python (nsr)") without an error."""
import json
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
import uuid

import nbformat
import pytest

from helpers.build.kernel import KERNEL, project_kernel
from helpers.data.paths import NOTEBOOK_DIR, REPO_ROOT

websocket = pytest.importorskip("websocket")

NOTEBOOK = "00_new_document.ipynb"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Lab:
    def __init__(self, port, token):
        self.base, self.token = f"http://127.0.0.1:{port}", token

    def call(self, method, path, body=None):
        req = urllib.request.Request(self.base + path, method=method,
                                     data=None if body is None else json.dumps(body).encode(),
                                     headers={"Authorization": f"token {self.token}",
                                              "Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=30) as r:
            text = r.read().decode()
        return json.loads(text) if text else None


@pytest.fixture
def lab(tmp_path):
    project_kernel()
    port, token = free_port(), secrets.token_hex(16)
    args = [sys.executable, "-m", "jupyter", "lab", "--no-browser", f"--port={port}",
            "--ip=127.0.0.1", f"--ServerApp.token={token}", f"--notebook-dir={NOTEBOOK_DIR}",
            "--ServerApp.open_browser=False"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        args.append("--allow-root")  # as `make lab` adds it
    env = {**os.environ, "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"),
           "PYTHONPATH": os.pathsep.join([str(REPO_ROOT / "src"), os.environ.get("PYTHONPATH", "")])}
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=open(tmp_path / "lab.log", "w"),
                            env=env, cwd=REPO_ROOT)
    server = Lab(port, token)
    try:
        for _ in range(120):
            if proc.poll() is not None:
                pytest.fail(f"jupyter lab exited: {(tmp_path / 'lab.log').read_text()[-2000:]}")
            try:
                server.call("GET", "/api/status")
                break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail("jupyter lab did not answer within 60 s")
        yield server
    finally:
        try:
            server.call("POST", "/api/shutdown")
            proc.wait(timeout=20)
        except Exception:
            proc.terminate()
            proc.wait(timeout=20)


def run_cell(ws, code, timeout=120):
    msg_id = uuid.uuid4().hex
    ws.send(json.dumps({
        "header": {"msg_id": msg_id, "username": "test", "session": uuid.uuid4().hex,
                   "msg_type": "execute_request", "version": "5.3"},
        "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
        "content": {"code": code, "silent": False, "store_history": True, "user_expressions": {},
                    "allow_stdin": False, "stop_on_error": True}}))
    deadline, outputs, replied, idle = time.time() + timeout, [], False, False
    while time.time() < deadline:
        msg = json.loads(ws.recv())
        if msg.get("parent_header", {}).get("msg_id") != msg_id:
            continue
        kind = msg["header"]["msg_type"]
        if kind == "error":
            pytest.fail(f"cell failed: {msg['content']['ename']}: {msg['content']['evalue']}")
        if kind in ("execute_result", "display_data", "stream"):
            outputs.append(msg["content"])
        if kind == "execute_reply":
            assert msg["content"]["status"] == "ok", msg["content"]
            replied = True
        if kind == "status" and msg["content"].get("execution_state") == "idle":
            idle = True  # the outputs (iopub) may arrive after the reply (shell) on a busy machine
        if replied and idle:
            return outputs
    pytest.fail(f"cell did not finish in {timeout} s:\n{code}")


@pytest.mark.slow
def test_lab_opens_and_runs_the_drafting_notebook_on_the_project_kernel(lab):
    specs = lab.call("GET", "/api/kernelspecs")
    assert KERNEL in specs["kernelspecs"]
    model = lab.call("GET", f"/api/contents/{NOTEBOOK}?content=1")
    nb = nbformat.from_dict(model["content"])
    assert nb.metadata.kernelspec.name == KERNEL
    session = lab.call("POST", "/api/sessions", {"path": NOTEBOOK, "type": "notebook",
                                                 "name": NOTEBOOK, "kernel": {"name": KERNEL}})
    assert session["kernel"]["name"] == KERNEL
    url = (lab.base.replace("http", "ws") + f"/api/kernels/{session['kernel']['id']}/channels")
    ws = websocket.create_connection(url, header=[f"Authorization: token {lab.token}"], timeout=120)
    try:
        outputs = []
        for cell in nb.cells:
            if cell.cell_type == "code":
                outputs += run_cell(ws, cell.source)
        shown = json.dumps(outputs, ensure_ascii=False)
        assert "numbers drafted" in shown and "<mark>" in shown
    finally:
        ws.close()
        lab.call("DELETE", f"/api/sessions/{session['id']}")
