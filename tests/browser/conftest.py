"""One JupyterLab for the whole browser suite, and a fresh laptop-size Chromium page per test.

The lab serves copies of the presenter notebooks (every widget of the lectures), the
start-here notebook and the test notebooks of this folder, with the settings ``make lab``
ships. Tests that need Chromium are skipped where it is missing, and fail on CI.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import lab_server
import pytest
import widget_actions

HERE = Path(__file__).resolve().parent


def _need_chromium() -> None:
    if not lab_server.CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{lab_server.CHROMIUM} is missing on CI: install Debian's chromium")
        pytest.skip(f"{lab_server.CHROMIUM} is not installed")
    pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="session")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[lab_server.Server]:
    """The suite's JupyterLab server (state, workbook and settings in a temporary folder)."""
    _need_chromium()
    notebooks = [widget_actions.PRESENTER / name for name in widget_actions.WIDGETS]
    notebooks += [HERE / "widgets_demo.ipynb", HERE / "practice_demo.ipynb",
                  lab_server.REPO / "notebooks" / "00_start_here.ipynb"]
    with lab_server.serve(tmp_path_factory.mktemp("lab"), notebooks) as server:
        yield server


@pytest.fixture
def page(lab: lab_server.Server) -> Iterator:
    """A fresh Chromium page at laptop size (1366x768), in a lab whose learner has not
    chosen a language yet (a test that clicks 中文 must not turn the next test's widgets
    Chinese)."""
    (lab.root.parent / "xdg_config" / "kamlib" / "language").unlink(missing_ok=True)
    with lab_server.chromium() as page:
        yield page
