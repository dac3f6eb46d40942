"""pytest set-up for the whole repository (tests/, notebooks/ and exercises/ alike)."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent


def pytest_configure(config: pytest.Config) -> None:
    """Point the workbook and matplotlib at a throw-away folder, and the course settings at
    the defaults, for this test session.

    Kernels started by papermill and nbval inherit these variables, so running the
    notebooks in tests never writes into the learner's own workbook.
    """
    scratch = Path(tempfile.mkdtemp(prefix="kam-tests-"))
    # The course's default settings (a copy: a test may save settings) and language,
    # whatever this machine's user chose.
    defaults = scratch / "course_settings.toml"
    shutil.copyfile(REPO / "kamlib" / "course_settings.toml", defaults)
    os.environ["KAMLIB_SETTINGS"] = str(defaults)
    os.environ["XDG_CONFIG_HOME"] = str(scratch / "config")
    os.environ.pop("KAMLIB_LANGUAGE", None)
    os.environ["KAMLIB_WORKBOOK"] = str(scratch / "workbook" / "test-learner.json")
    os.environ["MPLCONFIGDIR"] = str(scratch / "mpl")
