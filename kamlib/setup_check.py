"""Check that a learner's set-up can run the course: versions, data, workbook, widgets.

:func:`check_environment` returns one row per check; :func:`report` shows them as the
start-here notebook does, in the learner's language: one sentence on the result, the
problems with how to fix each, and the checks that passed folded away. A learner (or the
trainer walking round the room) sees at a glance what is wrong; nothing is raised.
"""

from __future__ import annotations

import html
import sys
from dataclasses import dataclass
from importlib import metadata

import pandas as pd
from packaging.requirements import Requirement

from kamlib.i18n import LANGUAGES, N_, _, ngettext
from kamlib.validation import check_choice, check_frame

FIX = N_("run `make lab` again from the course folder: it re-installs the pinned versions")
PYTHON_CHECK, PYTHON_FIX = N_("Python >= 3.10"), N_("install Python 3.10 or newer")
DATA_CHECK = N_("case data")
WORKBOOK_CHECK = N_("workbook folder writable")
WORKBOOK_FIX = N_("set KAMLIB_LEARNER to a name such as zhang.wei (letters or digits, with "
                  ". - _ inside), or KAMLIB_WORKBOOK to a file in a folder you can write to")


def runtime_requirements() -> list[Requirement]:
    """What the course needs at run time, as kamlib's own package metadata declares it.

    Returns
    -------
    list of packaging.requirements.Requirement
        kamlib's dependencies, without the optional extras (tests, classroom).

    Examples
    --------
    >>> "jupyterlab" in [requirement.name for requirement in runtime_requirements()]
    True
    """
    declared = map(Requirement, metadata.requires("kamlib") or [])
    return [r for r in declared if r.marker is None or r.marker.evaluate({"extra": ""})]


def _version(package: str) -> str | None:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return None


def check_environment() -> pd.DataFrame:
    """Return one row per check: what, found, ok, how to fix.

    Checks the Python version, each package the course needs (installed, in a version it
    supports), the case data and a font that can draw Chinese.

    Returns
    -------
    pandas.DataFrame
        Columns ``check`` (what is checked), ``found``, ``ok`` (bool) and ``fix`` (what to
        do if it is not ok), in English; :func:`report` shows them in the learner's language.

    Examples
    --------
    >>> checks = check_environment()
    >>> list(checks.columns), bool(checks["ok"].iloc[0])
    (['check', 'found', 'ok', 'fix'], True)
    """
    rows = [
        {
            "check": PYTHON_CHECK,
            "found": sys.version.split()[0],
            "ok": sys.version_info >= (3, 10),
            "fix": PYTHON_FIX,
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
        return {"check": DATA_CHECK, "found": str(error), "ok": False, "fix": FIX}
    found = ", ".join(f"{name} {size}" for name, size in sizes.items())
    return {"check": DATA_CHECK, "found": found, "ok": all(sizes.values()), "fix": FIX}


def _workbook_check() -> dict:
    """Where the learner's workbook is, and whether a file can be written there."""
    import tempfile

    from kamlib import workbook
    from kamlib.validation import KamValueError

    check = {"check": WORKBOOK_CHECK, "ok": False, "fix": WORKBOOK_FIX}
    try:
        path = workbook.workbook_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=path.parent):
            pass
    except (KamValueError, OSError) as error:
        return {**check, "found": str(error)}
    return {**check, "found": str(path), "ok": True}


_REPORT_CSS = """
.kam-setup { font-size: 14px; line-height: 1.45; max-width: 60em; }
.kam-setup .kam-setup-ok { color: #1a6e2e; font-weight: 600; }
.kam-setup .kam-setup-problem { color: #a3260f; font-weight: 600; }
.kam-setup details summary { cursor: pointer; color: #0b5394; margin: 4px 0; }
.kam-setup code { white-space: normal; }
"""


@dataclass(frozen=True)
class SetupReport:
    """The set-up check as a learner reads it; shows itself in a notebook.

    ``checks`` is the table of :func:`check_environment`; ``problems`` the number of checks
    that failed; ``html`` what the notebook shows.

    Parameters
    ----------
    checks : pandas.DataFrame
        The table of :func:`check_environment`.
    language : {"en", "zh"}, optional
        The language of the report (default: the current one).

    Examples
    --------
    >>> import pandas as pd
    >>> checks = pd.DataFrame({"check": ["Python"], "found": ["3.11"], "ok": [True],
    ...                        "fix": [""]})
    >>> SetupReport(checks, language="en").problems
    0
    """

    checks: pd.DataFrame
    language: str | None = None

    @property
    def problems(self) -> int:
        """How many checks failed."""
        return int((~self.checks["ok"].astype(bool)).sum())

    @property
    def html(self) -> str:
        """One sentence on the result, the problems with their fix, the passed checks folded.

        Examples
        --------
        >>> import pandas as pd
        >>> checks = pd.DataFrame({"check": ["Python"], "found": ["3.11"], "ok": [True],
        ...                        "fix": [""]})
        >>> "you are ready" in SetupReport(checks, language="en").html
        True
        """
        from kamlib.tables import TABLE_CSS, to_html

        language = self.language
        total = len(self.checks)

        def table(rows: pd.DataFrame, with_fix: bool) -> str:
            shown = pd.DataFrame({
                _("What is checked", language): [_(text, language) for text in rows["check"]],
                _("Found", language): rows["found"].astype(str).tolist(),
                _("OK", language): ["✓" if ok else "✗" for ok in rows["ok"]],
            })
            if with_fix:
                shown[_("How to fix it", language)] = [_(text, language) if text else ""
                                                       for text in rows["fix"]]
            return to_html(shown, index=False, language=language)

        failed = self.checks[~self.checks["ok"].astype(bool)]
        passed = self.checks[self.checks["ok"].astype(bool)]
        if failed.empty:
            head = "<p class='kam-setup-ok'>✓ " + html.escape(
                _("All {n} checks passed: you are ready.", language).format(n=total)) + "</p>"
            body = ""
        else:
            head = "<p class='kam-setup-problem'>✗ " + html.escape(ngettext(
                "{n} of {total} checks needs a fix. Do what the last column says, then run "
                "this notebook again (Run ▸ Run All Cells). In a class, show this table to "
                "your trainer.",
                "{n} of {total} checks need a fix. Do what the last column says, then run "
                "this notebook again (Run ▸ Run All Cells). In a class, show this table to "
                "your trainer.", len(failed), language=language).format(n=len(failed), total=total)
            ) + "</p>"
            body = table(failed, with_fix=True)
        folded = ""
        if not passed.empty:
            summary = ngettext("Show the check that passed", "Show the {n} checks that passed",
                               len(passed), language=language).format(n=len(passed))
            folded = (f"<details><summary>{html.escape(summary)}</summary>"
                      f"{table(passed, with_fix=False)}</details>")
        return (f"<style>{TABLE_CSS}{_REPORT_CSS}</style><div class='kam-setup'>"
                f"{head}{body}{folded}</div>")

    def _repr_html_(self) -> str:
        return self.html


def report(checks: pd.DataFrame | None = None, *, language: str | None = None) -> SetupReport:
    """The set-up check as a learner reads it: the result, each problem with its fix.

    Parameters
    ----------
    checks : pandas.DataFrame, optional
        A table as :func:`check_environment` returns it (default: run the checks now).
    language : {"en", "zh"}, optional
        Default: the current language.

    Returns
    -------
    SetupReport
        Shows itself in a notebook; ``.problems`` counts the failed checks. Never raises
        because of a failed check: a problem is shown with how to fix it.

    Raises
    ------
    KamValueError
        If ``checks`` lacks the columns check, found, ok and fix.

    Examples
    --------
    >>> frame = pd.DataFrame({"check": ["case data"], "found": ["none"], "ok": [False],
    ...                       "fix": ["ask your trainer"]})
    >>> report(frame, language="en").problems
    1
    """
    if language is not None:
        check_choice("language", language, LANGUAGES)
    frame = check_environment() if checks is None else check_frame(
        "checks", checks, ["check", "found", "ok", "fix"])
    return SetupReport(frame, language)
