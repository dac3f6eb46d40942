"""Check that a learner's set-up can run the course: versions, data, workbook, widgets.

The start-here notebook shows the table this returns, so a learner (or the instructor
walking round the room) sees at a glance what is wrong and how to fix it.
"""

from __future__ import annotations

import os
import sys
from importlib import metadata
from pathlib import Path

import pandas as pd
from packaging.specifiers import SpecifierSet

# What the course needs; JupyterLab 4 renders ipywidgets 8 through jupyterlab_widgets 3.
REQUIREMENTS = {
    "jupyterlab": ">=4.2,<5",
    "ipywidgets": ">=8.1,<9",
    "jupyterlab_widgets": ">=3.0.15,<4",
    "pandas": ">=2.1",
    "matplotlib": ">=3.8",
    "seaborn": ">=0.13",
    "openpyxl": ">=3.1",
}
FIX = "run `make lab` again from the course folder: it re-installs the pinned versions"


def _version(package: str) -> str | None:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return None


def check_environment() -> pd.DataFrame:
    """Return one row per check: what, found, ok, how to fix."""
    rows = [
        {
            "check": "Python >= 3.10",
            "found": sys.version.split()[0],
            "ok": sys.version_info >= (3, 10),
            "fix": "install Python 3.10 or newer",
        }
    ]
    for package, spec in REQUIREMENTS.items():
        version = _version(package)
        ok = version is not None and SpecifierSet(spec).contains(version)
        rows.append(
            {"check": f"{package} {spec}", "found": version or "missing", "ok": ok, "fix": FIX}
        )
    rows.append(_data_check())
    rows.append(_workbook_check())
    frame = pd.DataFrame(rows)
    frame.loc[frame["ok"], "fix"] = ""
    return frame


def _data_check() -> dict:
    from kamlib import datasets

    try:
        sizes = {name: len(datasets.load(name)) for name in datasets.TABLES}
    except (OSError, ValueError) as error:
        return {"check": "case data", "found": str(error), "ok": False, "fix": FIX}
    found = ", ".join(f"{name} {size}" for name, size in sizes.items())
    return {"check": "case data", "found": found, "ok": all(sizes.values()), "fix": FIX}


def _workbook_check() -> dict:
    from kamlib import workbook

    folder = Path(workbook.workbook_path()).parent
    folder.mkdir(parents=True, exist_ok=True)
    ok = os.access(folder, os.W_OK)
    return {
        "check": "workbook folder writable",
        "found": str(folder),
        "ok": ok,
        "fix": "set KAMLIB_WORKBOOK to a file path in a folder you can write to",
    }
