"""Shared fixtures for the tests (the session set-up is in the repository's conftest.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


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


@pytest.fixture(autouse=True)
def _default_workbook_path() -> Iterator[None]:
    """A test (or a doctest) that chose a workbook file with ``set_workbook_path`` must not
    leave it to the next test, which would save into it instead of its own."""
    yield
    from kamlib.workbook import set_workbook_path

    set_workbook_path(None)


@pytest.fixture(autouse=True)
def _close_figures() -> Iterator[None]:
    """Views called without axes open pyplot figures; close them after each test."""
    yield
    import sys

    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")
