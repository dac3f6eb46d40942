"""Shared test set-up: keep every test (and every kernel it starts) away from real learner files."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def pytest_configure(config: pytest.Config) -> None:
    """Point the workbook and matplotlib at a throw-away folder for this test session.

    Kernels started by papermill and nbval inherit these variables, so running the
    notebooks in tests never writes into the learner's own workbook.
    """
    scratch = Path(tempfile.mkdtemp(prefix="kam-tests-"))
    os.environ["KAMLIB_WORKBOOK"] = str(scratch / "workbook" / "test-learner.json")
    os.environ["MPLCONFIGDIR"] = str(scratch / "mpl")


@pytest.fixture
def workbook_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh workbook file for one test."""
    path = tmp_path / "workbook" / "learner.json"
    monkeypatch.setenv("KAMLIB_WORKBOOK", str(path))
    return path


@pytest.fixture
def no_cjk(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pretend no font with Chinese glyphs is installed: plots must then show English only."""
    from kamlib.views import style

    monkeypatch.setattr(style, "cjk_font", lambda: None)
