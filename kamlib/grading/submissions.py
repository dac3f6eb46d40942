"""The collected submissions, read as data: one folder per learner.

Layout (what the classroom hub collects)::

    SUBMISSIONS/<learner>/<exercise>.ipynb     one notebook per exercise, as released
    SUBMISSIONS/<learner>/workbook.json        the learner's workbook: {section: value}
    SUBMISSIONS/<learner>/submitted.json       optional: {"<file name>": "ISO-8601 time"}

Nothing here runs learner code or trusts a file: the workbook is parsed as JSON with a size
limit, notebooks are parsed and validated as notebooks, and a learner folder whose name
could be confused with another's (``Zhang.Wei`` and ``zhang_wei``) stops the batch with a
message saying which, before anything is graded.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nbformat

from kamlib.grading.release import existing_folder
from kamlib.i18n import _
from kamlib.validation import KamValueError

WORKBOOK_FILE = "workbook.json"
SUBMITTED_FILE = "submitted.json"
MAX_WORKBOOK_BYTES = 20_000_000
MAX_NOTEBOOK_BYTES = 50_000_000
_LEARNER_NAME = re.compile(r"^[\w.-]+$")
_SEPARATORS = re.compile(r"[._\-\s]+")


@dataclass(frozen=True)
class LearnerFiles:
    """What one learner handed in.

    ``notebooks``: exercise name → notebook file (only exercises with exactly one notebook);
    ``refused``: exercise name → why its notebook is not graded (two copies, say);
    ``notes``: other remarks (files that are not exercises of this course).

    Parameters
    ----------
    learner : str
        The learner's name (their folder's name).
    folder : Path
        The learner's folder.
    notebooks : dict of str to Path
        Exercise name → the notebook to grade.
    refused : dict of str to str
        Exercise name → why its notebook is not graded.
    notes : tuple of str
        Other remarks for the instructor.
    workbook : Path or None
        The learner's ``workbook.json``, if handed in.
    submitted : dict of str to str
        File name → submission time (ISO 8601).

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> with tempfile.TemporaryDirectory() as root:
    ...     (Path(root) / "li_wei").mkdir()
    ...     _ = (Path(root) / "li_wei" / "ex1.ipynb").write_text("{}")
    ...     files = find_learners(root, exercises=["ex1"])[0]
    ...     files.learner, list(files.notebooks)
    ('li_wei', ['ex1'])
    """

    learner: str
    folder: Path
    notebooks: dict[str, Path]
    refused: dict[str, str]
    notes: tuple[str, ...]
    workbook: Path | None
    submitted: dict[str, str]


def name_key(name: str) -> str:
    """The form two learner names share when a trainer could mistake one for the other.

    Parameters
    ----------
    name : str
        A learner's name.

    Returns
    -------
    str
        The name without case, width or separator differences.

    Examples
    --------
    >>> name_key("Li_Wei") == name_key("li-wei") == name_key("ＬＩ.WEI")
    True
    """
    return _SEPARATORS.sub("", unicodedata.normalize("NFKC", name).casefold())


def find_learners(submissions_dir: str | Path, *, exercises: list[str]) -> list[LearnerFiles]:
    """List every learner folder of ``submissions_dir`` with the files it holds.

    Parameters
    ----------
    submissions_dir : str or Path
        The folder of learner folders.
    exercises : list of str
        The exercise names (notebook stems) of the course.

    Returns
    -------
    list of LearnerFiles
        Sorted by learner name.

    Raises
    ------
    KamValueError
        If the folder holds notebooks outside learner folders, a folder name that cannot
        name a learner, or two names a trainer could mistake for one another.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> with tempfile.TemporaryDirectory() as root:
    ...     for name in ("wang_fang", "li_wei"):
    ...         (Path(root) / name).mkdir()
    ...     [files.learner for files in find_learners(root, exercises=["ex1"])]
    ['li_wei', 'wang_fang']
    """
    root = existing_folder("submissions_dir", submissions_dir)
    loose = sorted(p.name for p in root.glob("*.ipynb"))
    if loose:
        raise KamValueError(_("submissions_dir: {files} lie outside a learner folder; put each "
                              "learner's files in a folder named after the learner "
                              "(SUBMISSIONS/<learner>/<exercise>.ipynb).").format(
            files=", ".join(loose[:5])))
    folders = sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))
    bad = [p.name for p in folders if not _LEARNER_NAME.match(p.name)]
    if bad:
        raise KamValueError(_("submissions_dir: the folder name(s) {names} cannot name a "
                              "learner; use letters, digits, '.', '-' or '_'.").format(
            names=", ".join(map(repr, bad[:5]))))
    seen: dict[str, str] = {}
    clashes = []
    for folder in folders:
        key = name_key(folder.name)
        if key in seen:
            clashes.append(f"{seen[key]!r} and {folder.name!r}")
        seen.setdefault(key, folder.name)
    if clashes:
        raise KamValueError(_("submissions_dir: ambiguous learner names {pairs}: they differ "
                              "only in case or separators. Rename the folders so that each "
                              "learner has one, then grade again.").format(
            pairs="; ".join(clashes)))
    learners = [_learner_files(folder, exercises) for folder in folders]
    if not learners:
        raise KamValueError(_("submissions_dir: got '{root}'; expected a folder of learner "
                              "folders.").format(root=root))
    return learners


def _learner_files(folder: Path, exercises: list[str]) -> LearnerFiles:
    found: dict[str, list[Path]] = {name: [] for name in exercises}
    notes = []
    for path in sorted(folder.glob("*.ipynb")):
        owner = next((name for name in sorted(exercises, key=len, reverse=True)
                      if path.stem == name or path.stem.startswith(name)), None)
        if owner is None:
            notes.append(_("{file}: not an exercise of this course; not graded.").format(
                file=path.name))
        else:
            found[owner].append(path)
    notebooks, refused = {}, {}
    for name, paths in found.items():
        if len(paths) == 1 and paths[0].stem == name:
            notebooks[name] = paths[0]
        elif paths:
            refused[name] = _("{n} notebooks for this exercise ({files}); hand in one, named "
                              "{expected}.").format(n=len(paths),
                                                   files=", ".join(p.name for p in paths),
                                                   expected=f"{name}.ipynb")
    workbook = folder / WORKBOOK_FILE
    submitted, problem = submission_times(folder)
    if problem:
        notes.append(problem)
    return LearnerFiles(folder.name, folder, notebooks, refused, tuple(notes),
                        workbook if workbook.is_file() else None, submitted)


def submission_times(folder: Path) -> tuple[dict[str, str], str | None]:
    """File name → submission time (ISO 8601): from ``submitted.json``, else the files'
    modification times.

    Parameters
    ----------
    folder : Path
        One learner's folder.

    Returns
    -------
    (dict of str to str, str or None)
        The times, and why ``submitted.json`` was not used (None if it was, or if there is
        none).

    Examples
    --------
    >>> import json, tempfile
    >>> from pathlib import Path
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     stamps = {"ex1.ipynb": "2025-11-03T09:00:00+08:00"}
    ...     _ = (Path(folder) / "submitted.json").write_text(json.dumps(stamps))
    ...     submission_times(Path(folder))
    ({'ex1.ipynb': '2025-11-03T09:00:00+08:00'}, None)
    """
    times = {
        path.name: dt.datetime.fromtimestamp(path.stat().st_mtime, dt.timezone.utc)
        .isoformat(timespec="seconds")
        for path in sorted(folder.iterdir())
        if path.is_file() and (path.suffix == ".ipynb" or path.name == WORKBOOK_FILE)
    }
    path = folder / SUBMITTED_FILE
    if not path.is_file():
        return times, None
    data, problem = read_json(path, limit=1_000_000)
    if problem is None and not isinstance(data, dict):
        problem = "not a JSON object"
    if problem is None:
        for name, stamp in data.items():
            try:
                dt.datetime.fromisoformat(str(stamp))
            except ValueError:
                problem = _("{name}: {stamp!r} is not an ISO 8601 time").format(
                    name=name, stamp=str(stamp)[:40])
                break
            times[str(name)] = str(stamp)
    if problem is not None:
        return times, _("{file} ignored ({problem}); file times used.").format(
            file=SUBMITTED_FILE, problem=problem)
    return times, None


def read_json(path: Path, *, limit: int) -> tuple[Any, str | None]:
    """``path`` parsed as JSON, refusing files above ``limit`` bytes; (data, problem).

    Parameters
    ----------
    path : Path
        A file a learner handed in.
    limit : int
        The largest size read, in bytes.

    Returns
    -------
    (object, str or None)
        The data (None if unreadable) and why it could not be read (None if it could).

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = Path(folder) / "a.json"
    ...     _ = path.write_text('{"x": 1}')
    ...     read_json(path, limit=1000), read_json(path, limit=3)
    (({'x': 1}, None), (None, 'larger than 3e-06 MB'))
    """
    try:
        if path.stat().st_size > limit:
            return None, _("larger than {mb:g} MB").format(mb=limit / 1e6)
        return json.loads(path.read_text(encoding="utf-8")), None
    except (OSError, UnicodeDecodeError) as error:
        return None, _("unreadable ({kind})").format(kind=type(error).__name__)
    except ValueError as error:
        return None, _("not valid JSON ({error})").format(error=str(error)[:80])


def read_workbook(path: Path | None) -> tuple[dict[str, Any], str | None]:
    """A learner's workbook file as ``{section: value}`` data; (sections, problem).

    Parameters
    ----------
    path : Path or None
        The learner's ``workbook.json`` (None: none was handed in).

    Returns
    -------
    (dict, str or None)
        The sections ({} if unreadable) and why they could not be read.

    Examples
    --------
    >>> read_workbook(None)[1]
    'no workbook.json handed in: widget answers cannot be graded.'
    """
    if path is None:
        return {}, _("no {file} handed in: widget answers cannot be graded.").format(
            file=WORKBOOK_FILE)
    data, problem = read_json(path, limit=MAX_WORKBOOK_BYTES)
    if problem is None and not isinstance(data, dict):
        problem = _("not a workbook (a JSON object of sections)")
    if problem is not None:
        return {}, _("{file}: {problem}; widget answers cannot be graded.").format(
            file=WORKBOOK_FILE, problem=problem)
    return {str(section): value for section, value in data.items()}, None


def read_notebook(path: Path) -> tuple[dict[str, Any] | None, str | None]:
    """A learner's notebook as validated plain data (outputs dropped); (notebook, problem).

    Parameters
    ----------
    path : Path
        A notebook a learner handed in.

    Returns
    -------
    (dict or None, str or None)
        The notebook (None if unreadable) and why it could not be read.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = Path(folder) / "ex1.ipynb"
    ...     _ = path.write_text("not a notebook")
    ...     read_notebook(path)[1].startswith("not a readable notebook")
    True
    """
    try:
        if path.stat().st_size > MAX_NOTEBOOK_BYTES:
            return None, _("the notebook is larger than {mb:g} MB").format(
                mb=MAX_NOTEBOOK_BYTES / 1e6)
        notebook = nbformat.reads(path.read_text(encoding="utf-8"), as_version=4)
        nbformat.validate(notebook)
    except Exception as error:  # nbformat raises several kinds for a damaged file
        return None, _("not a readable notebook ({kind}: {error})").format(
            kind=type(error).__name__, error=str(error)[:120])
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    return json.loads(nbformat.writes(notebook)), None


def learner_code(notebook: dict[str, Any]) -> list[str]:
    """The code cells of a notebook (plain data), stripped.

    Parameters
    ----------
    notebook : dict
        A notebook as plain data (:func:`read_notebook`).

    Returns
    -------
    list of str
        Each code cell's source, in order.

    Examples
    --------
    >>> learner_code({"cells": [{"cell_type": "code", "source": ["x = 1\\n"]},
    ...                         {"cell_type": "markdown", "source": "# Title"}]})
    ['x = 1']
    """
    return ["".join(cell.get("source", "")).strip() for cell in notebook.get("cells", [])
            if cell.get("cell_type") == "code"]


__all__ = ["MAX_NOTEBOOK_BYTES", "MAX_WORKBOOK_BYTES", "SUBMITTED_FILE", "WORKBOOK_FILE",
           "LearnerFiles", "find_learners", "learner_code", "name_key", "read_json",
           "read_notebook", "read_workbook", "submission_times"]
