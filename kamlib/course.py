"""The course's notebooks: their titles, their Chinese editions and the time each one takes.

The course map (in the start-here notebook and the README) is read from the notebooks
themselves when it is shown, so it stays right whatever notebooks the course holds: a
notebook's title is its first ``# `` heading, its time the minutes its metadata states
(``kamlib.minutes``) or, for a notebook that states none, what the course's time rule gives.

The time rule, stated here so that a trainer can check it (``tools/lecture_time.py`` prints
it for every notebook):

- reading: the English words of the markdown cells at :data:`WORDS_PER_MINUTE` (130) a
  minute, careful reading of training material, often in a second language (code blocks are
  not counted; in a bilingual cell only the English is);
- looking: :data:`MINUTES_PER_SHOWN_RESULT` (half a minute) for every code cell that shows
  something (a table, a chart, a widget), not counting the parameters cell;
- tasks: the minutes each task cell declares in its metadata, ``{"kamlib": {"minutes": N}}``
  (a "your turn" widget, a self-check set, an exercise task).

Cells tagged ``instructor`` (model answers in an exercise's source) are not counted: a
learner never sees them. The total is rounded to the nearest 5 minutes.

Where the notebooks are: in a checkout of the course or the learner bundle, next to the
``kamlib`` folder; on a classroom server (kamlib installed as a package), the folder of the
notebook that is running. :func:`course_folder` finds it.
"""

from __future__ import annotations

import json
import math
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from kamlib.i18n import _, language_or_current
from kamlib.validation import KamValueError, check_bool, check_choice, fail

WORDS_PER_MINUTE = 130
MINUTES_PER_SHOWN_RESULT = 0.5
#: The notebook every course folder has; it marks the folder.
START_HERE = "00_start_here.ipynb"
#: The folder, inside the folder of an English notebook, that holds its Chinese edition
#: (``tools/translate.py`` writes it).
CHINESE_FOLDER = "zh"
#: Where a learner finds the exercises: ``exercises/release`` in a checkout of the course,
#: ``exercises`` in the learner bundle and on a classroom server.
EXERCISE_FOLDERS = ("exercises/release", "exercises")
#: The environment variable Jupyter sets in a kernel to the path of its notebook.
SESSION_VARIABLE = "JPY_SESSION_NAME"
_FENCED = re.compile(r"```.*?```", re.S)
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’.-]*")
_TITLE = re.compile(r"^#\s+(.+?)\s*$", re.M)


@dataclass(frozen=True)
class Estimate:
    """Minutes a learner needs for one notebook, by kind: reading, looking, tasks.

    Parameters
    ----------
    reading : float
        Minutes to read the notebook's text.
    looking : float
        Minutes to look at its plots and tables.
    tasks : float
        Minutes for its tasks and widgets.

    Examples
    --------
    >>> Estimate(reading=12.0, looking=4.0, tasks=21.0).total
    35
    """

    reading: float
    looking: float
    tasks: float

    @property
    def total(self) -> int:
        """The whole, rounded to the nearest 5 minutes (at least 5)."""
        return max(5, int(5 * math.floor((self.reading + self.looking + self.tasks) / 5 + 0.5)))


def _read_notebook(field: str, path: Any) -> dict[str, Any]:
    """The notebook at ``path`` as plain JSON (cells with their source as one text)."""
    if not isinstance(path, (str, os.PathLike)):
        raise fail(field, path, _("the path of a notebook (.ipynb)"))
    try:
        notebook = json.loads(Path(path).read_text(encoding="utf-8"))
        cells = notebook["cells"]
        if not isinstance(cells, list) or not all(isinstance(cell, dict) for cell in cells):
            raise TypeError("its cells are not a list of cells")
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError) as error:
        raise fail(field, str(path),
            _("a notebook (.ipynb) that can be read ({error})").format(error=error)) from None
    for cell in cells:
        source = cell.get("source", "")
        cell["source"] = "".join(source) if isinstance(source, list) else str(source)
    return notebook


def _cell_minutes(cell: dict[str, Any]) -> float:
    declared = cell.get("metadata", {}).get("kamlib", {}).get("minutes", 0)
    return float(declared) if isinstance(declared, (int, float)) else 0.0


def estimate(path: str | os.PathLike[str]) -> Estimate:
    """The time the course's rule gives for the notebook at ``path`` (see the module's text).

    Parameters
    ----------
    path : str or path-like
        A notebook (``.ipynb``).

    Returns
    -------
    Estimate
        Reading, looking and task minutes; ``.total`` rounded to the nearest 5.

    Raises
    ------
    KamValueError
        If ``path`` is not a notebook that can be read.

    Examples
    --------
    >>> estimate(course_folder() / "notebooks" / START_HERE).total > 0
    True
    """
    notebook = _read_notebook("path", path)
    words = 0
    shown = 0
    tasks = 0.0
    for cell in notebook["cells"]:
        tags = cell.get("metadata", {}).get("tags", [])
        if "instructor" in tags:
            continue
        declared = _cell_minutes(cell)
        tasks += declared
        if cell.get("cell_type") == "markdown":
            words += len(_WORD.findall(_FENCED.sub("", cell["source"])))
        elif cell.get("cell_type") == "code" and "parameters" not in tags:
            shown += 0 if declared else 1
    return Estimate(words / WORDS_PER_MINUTE, shown * MINUTES_PER_SHOWN_RESULT, tasks)


def _is_course_folder(folder: Path) -> bool:
    try:
        return (folder / "notebooks" / START_HERE).is_file()
    except (OSError, ValueError):  # e.g. a path with a NUL character
        return False


def course_folder(folder: str | os.PathLike[str] | None = None) -> Path:
    """The course folder: the one that holds ``notebooks/00_start_here.ipynb``.

    Parameters
    ----------
    folder : str or path-like, optional
        The course folder; by default the folder around the notebook that is running (Jupyter
        names it in ``JPY_SESSION_NAME``), else the folder that holds the ``kamlib`` package
        (a checkout of the course or the learner bundle). The working directory is never used.

    Returns
    -------
    pathlib.Path

    Raises
    ------
    KamValueError
        If ``folder`` (or, by default, no folder found) holds no ``notebooks/00_start_here.ipynb``.

    Examples
    --------
    >>> (course_folder() / "notebooks" / START_HERE).is_file()
    True
    """
    if folder is not None:
        if not isinstance(folder, (str, os.PathLike)) or not _is_course_folder(Path(folder)):
            raise fail("folder", folder,
                _("a course folder that holds notebooks/{START_HERE}")
                .format(START_HERE=START_HERE))
        return Path(folder)
    candidates = []
    running = os.environ.get(SESSION_VARIABLE, "")
    if running:
        candidates += list(Path(running).parents)[:4]
    candidates.append(Path(__file__).resolve().parent.parent)
    for candidate in candidates:
        if _is_course_folder(candidate):
            return candidate
    raise KamValueError(
        f"course folder: none found around this notebook ({running or 'unknown'}) or next to "
        f"kamlib ({candidates[-1]}); expected a folder that holds notebooks/{START_HERE}."
    )


@dataclass(frozen=True)
class CourseNotebook:
    """One notebook of the course, as the course map shows it.

    ``path`` and ``chinese`` are relative to the course folder (``notebooks/01_x.ipynb``,
    ``notebooks/zh/01_x.ipynb``); ``kind`` is "start", "lecture" or "exercise"; ``title`` the
    English notebook's title and ``title_zh`` the Chinese edition's (None until it exists);
    ``minutes`` the time the notebook states (``kamlib.minutes``), else the time rule's.

    Parameters
    ----------
    path : str
        The English notebook, relative to the course folder.
    kind : str
        "start", "lecture" or "exercise".
    title : str
        The English notebook's title.
    title_zh : str or None
        The Chinese edition's title (None until it exists).
    minutes : int
        The time the notebook takes.
    chinese : str
        The Chinese edition, relative to the course folder.
    chinese_exists : bool
        Whether the Chinese edition exists yet.

    Examples
    --------
    >>> first = course_notebooks()[0]
    >>> first.path, first.kind
    ('notebooks/00_start_here.ipynb', 'start')
    """

    path: str
    kind: str
    title: str
    title_zh: str | None
    minutes: int
    chinese: str
    chinese_exists: bool


def _title(notebook: dict[str, Any], fallback: str) -> str:
    for cell in notebook["cells"]:
        if cell.get("cell_type") == "markdown":
            found = _TITLE.search(cell["source"])
            if found:
                return found.group(1)
    return fallback


def _describe(root: Path, path: Path, kind: str) -> CourseNotebook:
    notebook = _read_notebook("notebook", path)
    stated = notebook.get("metadata", {}).get("kamlib", {}).get("minutes")
    minutes = int(stated) if isinstance(stated, (int, float)) and stated > 0 else \
        estimate(path).total
    chinese = path.parent / CHINESE_FOLDER / path.name
    exists = chinese.is_file() and kind != "start"
    title_zh = _title(_read_notebook("notebook", chinese), chinese.stem) if exists else None
    return CourseNotebook(
        path=path.relative_to(root).as_posix(), kind=kind, title=_title(notebook, path.stem),
        title_zh=title_zh, minutes=minutes,
        chinese=(path.relative_to(root) if kind == "start" else
                 chinese.relative_to(root)).as_posix(),
        chinese_exists=exists or kind == "start",
    )


def course_notebooks(folder: str | os.PathLike[str] | None = None) -> list[CourseNotebook]:
    """The learner's notebooks in course order: start here, the lectures, the exercises.

    The lectures are ``notebooks/*.ipynb`` in the order of their names; the exercises those a
    learner has (``exercises/release`` in a checkout, ``exercises`` in the learner bundle),
    the capstone last. The start-here notebook is bilingual: its "Chinese edition" is itself.

    Parameters
    ----------
    folder : str or path-like, optional
        The course folder (default: :func:`course_folder`).

    Returns
    -------
    list of CourseNotebook

    Raises
    ------
    KamValueError
        If the course folder is not found or one of its notebooks cannot be read.

    Examples
    --------
    >>> course_notebooks()[0].kind
    'start'
    """
    root = course_folder(folder)
    found = []
    for path in sorted((root / "notebooks").glob("*.ipynb")):
        found.append(_describe(root, path, "start" if path.name == START_HERE else "lecture"))
    for name in EXERCISE_FOLDERS:
        exercises = sorted((root / name).glob("*.ipynb"),
                           key=lambda p: (p.name.startswith("capstone"), p.name))
        if exercises:
            found += [_describe(root, path, "exercise") for path in exercises]
            break
    return found


def course_map(folder: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """The course map as a table: one row per notebook, in course order.

    Parameters
    ----------
    folder : str or path-like, optional
        The course folder (default: :func:`course_folder`).

    Returns
    -------
    pandas.DataFrame
        The fields of :class:`CourseNotebook`: ``path``, ``kind``, ``title``, ``title_zh``,
        ``minutes``, ``chinese``, ``chinese_exists``.

    Raises
    ------
    KamValueError
        If the course folder is not found or one of its notebooks cannot be read.

    Examples
    --------
    >>> int(course_map()["minutes"].sum()) > 0
    True
    """
    rows = [vars(notebook) for notebook in course_notebooks(folder)]
    return pd.DataFrame(rows, columns=list(CourseNotebook.__dataclass_fields__))


def _link(text: str, target: str) -> str:
    return f"[{text}]({target})"


def course_map_markdown(
    language: str | None = None,
    *,
    folder: str | os.PathLike[str] | None = None,
    relative_to: str = "notebooks",
    mark_missing: bool = True,
) -> str:
    """The course map as a Markdown table: each notebook, its minutes and its two editions.

    Parameters
    ----------
    language : {"en", "zh"}, optional
        The language of the table (default: the current one). In Chinese the Chinese edition
        comes first and titles are the Chinese editions' where they exist.
    folder : str or path-like, optional
        The course folder (default: :func:`course_folder`).
    relative_to : {"notebooks", "course"}
        Where the links start: the ``notebooks`` folder (the start-here notebook) or the
        course folder (the README).
    mark_missing : bool
        Show a Chinese edition that is not written yet as plain text with a note rather than
        as a link (True for a learner; False for the README, which names where it goes).

    Returns
    -------
    str
        A Markdown table and a line with the whole course's time. If the course folder cannot
        be found, a sentence saying so (the start-here notebook shows it instead of a table).

    Raises
    ------
    KamValueError
        If an argument is not one of the values allowed.

    Examples
    --------
    >>> print(course_map_markdown("en").splitlines()[0])
    | Notebook | Minutes | English edition | Chinese edition (中文版) |
    """
    language = language_or_current(language)
    check_choice("relative_to", relative_to, ("notebooks", "course"))
    check_bool("mark_missing", mark_missing)
    try:
        notebooks = course_notebooks(folder)
    except KamValueError as error:
        if folder is not None:
            raise
        return _("The course map could not be read: {problem}", language).format(
            problem=error) + "\n"

    def target(path: str) -> str:
        if relative_to == "course":
            return path
        return path.removeprefix("notebooks/") if path.startswith("notebooks/") \
            else "../" + path

    def editions(notebook: CourseNotebook) -> tuple[str, str]:
        english = _link(Path(notebook.path).name, target(notebook.path))
        if notebook.kind == "start":
            chinese = _("this notebook (both languages)", language)
        elif notebook.chinese_exists or not mark_missing:
            chinese = _link(f"{CHINESE_FOLDER}/{Path(notebook.path).name}",
                            target(notebook.chinese))
        else:
            chinese = _("{path} (not written yet)", language).format(
                path=f"`{CHINESE_FOLDER}/{Path(notebook.path).name}`")
        return english, chinese

    header = [_("Notebook", language), _("Minutes", language)]
    english_head, chinese_head = _("English edition", language), _("Chinese edition (中文版)",
                                                                     language)
    lines = []
    for notebook in notebooks:
        english, chinese = editions(notebook)
        title = (notebook.title_zh if language == "zh" and notebook.title_zh else
                 notebook.title).replace("|", "\\|")
        pair = [chinese, english] if language == "zh" else [english, chinese]
        lines.append("| " + " | ".join([title, str(notebook.minutes), *pair]) + " |")
    heads = [chinese_head, english_head] if language == "zh" else [english_head, chinese_head]
    total = sum(notebook.minutes for notebook in notebooks)
    summary = _("The whole course: {minutes} minutes, about {hours:.1f} hours.",
                language).format(minutes=total, hours=total / 60)
    return "\n".join(["| " + " | ".join(header + heads) + " |", "|---|--:|---|---|",
                      *lines]) + "\n\n" + summary + "\n"
