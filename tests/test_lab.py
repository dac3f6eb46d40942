"""`make lab` serves the course: the very command it runs (tools/lab.py) starts JupyterLab,
which serves the start-here notebook, as root too."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
LAB_SCRIPT = REPO / "tools" / "lab.py"
TOKEN = "kam-test-token"


def _load_lab():
    spec = importlib.util.spec_from_file_location("kam_lab", LAB_SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str) -> tuple[int, bytes]:
    request = urllib.request.Request(url, headers={"Authorization": f"token {TOKEN}"})
    with urllib.request.urlopen(request, timeout=5) as response:
        return response.status, response.read()


def test_makefile_runs_the_lab_script() -> None:
    makefile = (REPO / "Makefile").read_text()
    recipe = re.search(r"^lab:.*\n\t(.+)$", makefile, re.M).group(1)
    assert recipe.split()[:2] == ["$(BIN)/python", "tools/lab.py"]


def test_allow_root_is_added_only_for_root_and_only_once() -> None:
    lab = _load_lab()
    assert "--allow-root" in lab.lab_command(as_root=True)
    assert "--allow-root" not in lab.lab_command(as_root=False)
    assert lab.lab_command(["--allow-root"], as_root=True).count("--allow-root") == 1
    command = lab.lab_command(["--port", "9999"], as_root=False)
    assert command[-2:] == ["--port", "9999"]
    assert command[-3] == str(REPO / "notebooks" / "00_start_here.ipynb")


@pytest.mark.slow
def test_make_lab_command_serves_the_start_here_notebook(tmp_path: Path) -> None:
    """Starts tools/lab.py as `make lab` does (plus a port and no browser), from another folder."""
    env = dict(os.environ, JUPYTER_TOKEN=TOKEN)
    for name in ("JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR", "IPYTHONDIR"):
        env[name] = str(tmp_path / name.lower())
    port = _free_port()
    log_path = tmp_path / "lab.log"
    with log_path.open("w") as log:
        server = subprocess.Popen(
            [sys.executable, str(LAB_SCRIPT), "--no-browser", "--ip", "127.0.0.1",
             "--port", str(port)],
            cwd=tmp_path, env=env, stdout=log, stderr=subprocess.STDOUT,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    status, body = _get(f"{url}/api/contents/notebooks/00_start_here.ipynb")
                    break
                except OSError:
                    if server.poll() is not None or time.monotonic() > deadline:
                        pytest.fail(f"JupyterLab did not come up:\n{log_path.read_text()}")
                    time.sleep(0.3)
            notebook = json.loads(body)
            assert status == 200 and notebook["type"] == "notebook"
            assert notebook["content"]["metadata"]["kernelspec"]["name"] == "python3"
            status, page = _get(f"{url}/lab/tree/notebooks/00_start_here.ipynb")
            assert status == 200 and b"JupyterLab" in page
        finally:
            server.terminate()  # tools/lab.py exec'd the server: this is its process id
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
    first_line = log_path.read_text().splitlines()[0]
    if _load_lab().running_as_root():
        assert first_line.startswith("Running as root: adding --allow-root")
    else:
        assert "--allow-root" not in first_line
