"""A JupyterLab (or Voilà) server and a headless Chromium for the browser tests and benchmarks.

All of Jupyter's state goes into a temporary folder (config, data, runtime, IPython,
matplotlib, the learner's workbook and the course settings), so a run never touches the
machine's own. The lab gets the settings ``make lab`` ships (widget state saved with the
notebook, no news popup) through ``<config dir>/labconfig/default_setting_overrides.json``.
One server serves a whole test session (see ``conftest.py``).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
#: The laptop screen every layout check uses.
LAPTOP = {"width": 1366, "height": 768}
IDLE = "Python 3 (ipykernel) | Idle"
#: The JupyterLab settings `make lab` ships (one file: tools/lab_overrides.json).
LAB_OVERRIDES = REPO / "tools" / "lab_overrides.json"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Server:
    """A running server: its base ``url``, the folder it serves and the learner's workbook."""

    url: str
    root: Path
    workbook: Path
    settings: Path
    log: Path


def isolated_env(base: Path) -> dict[str, str]:
    """Environment variables that keep Jupyter, matplotlib and kamlib inside ``base``."""
    env = dict(os.environ)
    for name in ("JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR", "IPYTHONDIR",
                 "MPLCONFIGDIR"):
        env[name] = str(base / name.lower())
    labconfig = base / "jupyter_config_dir" / "labconfig"
    labconfig.mkdir(parents=True, exist_ok=True)
    shutil.copy(LAB_OVERRIDES, labconfig / "default_setting_overrides.json")
    env["KAMLIB_WORKBOOK"] = str(base / "workbook" / "browser-learner.json")
    settings = base / "course_settings.toml"
    shutil.copy(REPO / "kamlib" / "course_settings.toml", settings)
    env["KAMLIB_SETTINGS"] = str(settings)
    env.pop("KAMLIB_LANGUAGE", None)
    env["XDG_CONFIG_HOME"] = str(base / "xdg_config")  # where a chosen language is remembered
    return env


@contextlib.contextmanager
def serve(base: Path, notebooks: list[Path], *, voila: str | None = None,
          extra_env: dict[str, str] | None = None) -> Iterator[Server]:
    """Start JupyterLab (or, with ``voila`` a path in the served folder, Voilà: "" serves the
    folder's tree as ``make present`` does) on copies of ``notebooks``.

    The server runs until the ``with`` block ends; it is stopped by its own process id.
    """
    root = base / "root"
    root.mkdir(parents=True, exist_ok=True)
    for notebook in notebooks:
        shutil.copy(notebook, root / notebook.name)
    env = {**isolated_env(base), **(extra_env or {})}
    port = free_port()
    if voila is None:
        command = [sys.executable, "-m", "jupyterlab", "--no-browser", "--ip", "127.0.0.1",
                   "--port", str(port), "--ServerApp.token=", "--ServerApp.password=",
                   "--allow-root", f"--ServerApp.root_dir={root}",
                   # tests call the REST API (e.g. to shut a kernel down) without a token
                   "--ServerApp.disable_check_xsrf=True"]
        ready = "/api/status"
    else:
        command = [sys.executable, "-m", "voila", str(root / voila) if voila else str(root),
                   "--no-browser", "--port", str(port), "--Voila.ip=127.0.0.1"]
        ready = "/"
    log_path = base / "server.log"
    with log_path.open("w") as log:
        server = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT,
                                  cwd=root)
        url = f"http://127.0.0.1:{port}"
        try:
            _wait_until_up(url + ready, server, log_path, timeout=60)
            yield Server(url, root, Path(env["KAMLIB_WORKBOOK"]), Path(env["KAMLIB_SETTINGS"]),
                         log_path)
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


def _wait_until_up(url: str, server: subprocess.Popen, log: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=30):
                return
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(log.read_text()) from None
            time.sleep(0.3)


@contextlib.contextmanager
def chromium(viewport: dict[str, int] | None = None, pages: int = 1) -> Iterator:
    """A headless Chromium page (Debian's browser) with generous timeouts for a busy CI;
    with ``pages`` > 1, a list of that many pages."""
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            opened = [browser.new_page(viewport=viewport or LAPTOP) for _ in range(pages)]
            for page in opened:
                page.set_default_timeout(60_000)
            expect.set_options(timeout=60_000)
            yield opened[0] if pages == 1 else opened
        finally:
            browser.close()


def menu(page, menu_name: str, item: str) -> None:
    """Click a JupyterLab menu item, e.g. ``menu(page, "Run", "Run All Cells")``."""
    page.locator(".lm-MenuBar-itemLabel", has_text=menu_name).first.click()
    page.locator(".lm-Menu-itemLabel", has_text=item).first.click()


def open_notebook(page, server: Server, notebook: str, *, sidebar: bool = True,
                  idle: str = IDLE) -> None:
    """Open ``notebook`` in a workspace of its own and wait for an idle kernel.

    ``sidebar``: keep the file browser open (what a learner sees after ``make lab``).
    """
    from playwright.sync_api import expect

    workspace = Path(notebook).stem
    page.goto(f"{server.url}/lab/workspaces/{workspace}/tree/{notebook}?reset")
    expect(page.get_by_text(idle)).to_be_visible()
    if not sidebar:
        page.keyboard.press("Control+b")


def run_all(page, widgets: int, idle: str = IDLE) -> None:
    """Run every cell and wait until ``widgets`` widget outputs show and the kernel is idle.

    (Cells with folded source show no execution count, so the outputs are what we count.)
    """
    from playwright.sync_api import expect

    menu(page, "Run", "Run All Cells")
    page.wait_for_function(
        """n => document.querySelectorAll('.jp-OutputArea-output > .jupyter-widgets').length >= n
            || document.querySelector('[data-mime-type="application/vnd.jupyter.stderr"]')""",
        arg=widgets, polling=200)
    expect(page.get_by_text(idle)).to_be_visible()
    errors = page.locator('[data-mime-type="application/vnd.jupyter.stderr"]')
    assert errors.count() == 0, errors.first.inner_text()


def write_notebook(path: Path, cells: list[str], *, hidden_code: bool = False) -> Path:
    """A notebook of code ``cells`` (kernel ``python3``); ``hidden_code`` folds their source."""
    metadata = {"jupyter": {"source_hidden": True}} if hidden_code else {}
    notebook = {
        "cells": [{"cell_type": "code", "execution_count": None, "id": f"cell-{i}",
                   "metadata": metadata, "outputs": [], "source": source}
                  for i, source in enumerate(cells)],
        "metadata": {"kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python",
                                    "name": "python3"}},
        "nbformat": 4, "nbformat_minor": 5,
    }
    path.write_text(json.dumps(notebook, indent=1), encoding="utf-8")
    return path
