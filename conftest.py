"""pytest set-up for the whole repository (tests/, notebooks/ and exercises/ alike)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest


def pytest_configure(config: pytest.Config) -> None:
    """Point the workbook and matplotlib at a throw-away folder for this test session.

    Kernels started by papermill and nbval inherit these variables, so running the
    notebooks in tests never writes into the learner's own workbook.
    """
    scratch = Path(tempfile.mkdtemp(prefix="kam-tests-"))
    os.environ["KAMLIB_WORKBOOK"] = str(scratch / "workbook" / "test-learner.json")
    os.environ["MPLCONFIGDIR"] = str(scratch / "mpl")
