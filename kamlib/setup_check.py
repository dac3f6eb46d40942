"""Check that a learner's set-up can run the course: versions, data, workbook, widgets.

The start-here notebook shows the table this returns, so a learner (or the instructor
walking round the room) sees at a glance what is wrong and how to fix it.
"""

from __future__ import annotations

import sys
from importlib import metadata

import pandas as pd
from packaging.requirements import Requirement

FIX = "run `make lab` again from the course folder: it re-installs the pinned versions"


def runtime_requirements() -> list[Requirement]:
    """What the course needs at run time, as kamlib's own package metadata declares it."""
    declared = map(Requirement, metadata.requires("kamlib") or [])
    return [r for r in declared if r.marker is None or r.marker.evaluate({"extra": ""})]


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
    for requirement in runtime_requirements():
        version = _version(requirement.name)
        ok = version is not None and requirement.specifier.contains(version)
        rows.append(
            {"check": str(requirement), "found": version or "missing", "ok": ok, "fix": FIX}
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
    """Where the learner's workbook is, and whether a file can be written there."""
    import tempfile

    from kamlib import workbook
    from kamlib.validation import KamValueError

    check = {"check": "workbook folder writable", "ok": False,
             "fix": "set KAMLIB_LEARNER to a name such as zhang.wei (letters or digits, with "
                    ". - _ inside), or KAMLIB_WORKBOOK to a file in a folder you can write to"}
    try:
        path = workbook.workbook_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=path.parent):
            pass
    except (KamValueError, OSError) as error:
        return {**check, "found": str(error)}
    return {**check, "found": str(path), "ok": True}
