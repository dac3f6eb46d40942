"""Instant feedback on exercise answers, from data shipped with the course: the answer key.

``answer_key.json`` (beside this module) holds, for every task with a right answer, the
salted SHA-256 of the answer's canonical form (:mod:`kamlib.exercises.judging`); the salt is
derived from the course's secret, which only the instructor keeps. Nothing here computes an
expected answer, so a learner's copy of the course holds none, and the grader never reads a
learner's verdict: it judges the answers again, as data, in its own process.

Answers come from the learner's workbook (what the answer widgets saved), or are passed in
by a learner who prefers code: ``check("1.2", answer_1_2)``.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from kamlib.exercises.judging import Feedback, Matcher, answer_part, digest, judge
from kamlib.exercises.tasks import task_spec, task_specs
from kamlib.i18n import _
from kamlib.validation import fail
from kamlib.workbook import Workbook, default_workbook

ANSWER_KEY_PATH = Path(__file__).resolve().with_name("answer_key.json")
KEY_FORMAT = 1
_HEX = re.compile(r"^[0-9a-f]{64}$")
_FROM_WORKBOOK = object()


@dataclass(frozen=True)
class AnswerKey:
    """The salted digests of the right answers, by task id (see the module docstring).

    Parameters
    ----------
    salt : str
        The salt derived from the course secret.
    digests : mapping of str to str
        Task id → the salted digest of its right answer's canonical form.

    Examples
    --------
    >>> key = answer_key()
    >>> "1.1" in key.digests
    True
    """

    salt: str
    digests: Mapping[str, str]

    def matcher(self, task_id: str) -> Matcher | None:
        """``matcher(form)``: is ``form`` the right answer of ``task_id``? None if not keyed.

        Parameters
        ----------
        task_id : str
            The task id, e.g. "1.1".

        Returns
        -------
        callable or None
            A function of an answer's canonical form that says whether it is right; None
            if the key holds no answer for ``task_id``.

        Examples
        --------
        >>> answer_key().matcher("9.9") is None
        True
        """
        wanted = self.digests.get(task_id)
        if wanted is None:
            return None
        return lambda form: digest(self.salt, task_id, form) == wanted


_cache: dict[tuple[str, int], AnswerKey] = {}


def answer_key(path: str | os.PathLike[str] | None = None) -> AnswerKey:
    """Read the answer key (default: the one shipped beside this module).

    Parameters
    ----------
    path : str or path, optional
        An answer key file (default: ``answer_key.json`` beside this module).

    Returns
    -------
    AnswerKey
        Its salt and digests; empty if the file does not exist.

    A missing file gives an empty key: the checks then say an answer is saved, not whether
    it is right.

    Raises
    ------
    KamValueError
        If the file exists but is not an answer key written by ``make release``.

    Examples
    --------
    >>> answer_key("no such folder/answer_key.json").digests
    {}
    """
    target = Path(path) if path is not None else ANSWER_KEY_PATH
    try:
        stamp = target.stat().st_mtime_ns
    except FileNotFoundError:
        return AnswerKey("", {})
    cached = _cache.get((str(target), stamp))
    if cached is not None:
        return cached
    try:
        data = json.loads(target.read_text(encoding="utf-8"))
    except ValueError:
        data = None
    valid = (
        isinstance(data, dict)
        and data.get("format") == KEY_FORMAT
        and isinstance(data.get("salt"), str)
        and isinstance(data.get("digests"), dict)
        and all(isinstance(v, str) and _HEX.match(v) for v in data["digests"].values())
    )
    if not valid:
        raise fail("answer key", str(target), _("the answer_key.json that `make release` writes"))
    key = AnswerKey(data["salt"], dict(data["digests"]))
    _cache[(str(target), stamp)] = key
    return key


def workbook_sections(workbook: Workbook | None = None) -> dict[str, Any]:
    """Every section of the learner's workbook (default: their own) as a dict.

    Parameters
    ----------
    workbook : Workbook, optional
        The workbook to read (default: the learner's own).

    Returns
    -------
    dict
        Section name → its saved value.

    Raises
    ------
    KamValueError
        If ``workbook`` is no Workbook.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> from kamlib.workbook import Workbook
    >>> book = Workbook(Path(tempfile.mkdtemp()) / "workbook.json")
    >>> _ = book.set("answers/1.1", 0.8)
    >>> workbook_sections(book)
    {'answers/1.1': 0.8}
    """
    if workbook is not None and not isinstance(workbook, Workbook):
        raise fail("workbook", workbook, _("a kamlib.workbook.Workbook or None"))
    book = default_workbook() if workbook is None else workbook
    return {section: book.get(section) for section in book.sections()}


def check(task: str, answer: Any = _FROM_WORKBOOK, *, workbook: Workbook | None = None) -> Feedback:
    """Check one task, e.g. ``check("1.2")``: the answer saved in the workbook, or ``answer``.

    Parameters
    ----------
    task : str
        The task id.
    answer : Any, optional
        An answer given in code (plain data, as the task's widget saves it); default: the
        one saved in the learner's workbook.
    workbook : Workbook, optional
        The workbook to read (default: the learner's own).

    Returns
    -------
    Feedback
        Correct, not quite (with what to look at, never the answer), not answered, or saved.

    Examples
    --------
    >>> check("1.6", 9).status
    'wrong'
    """
    spec = task_spec(task)
    sections = workbook_sections(workbook)
    if answer is _FROM_WORKBOOK:
        answer = answer_part(spec, sections.get(spec.answer_section))
    return judge(spec, answer, answer_key().matcher(spec.task_id), workbook=sections)


def progress(lecture: str, *, workbook: Workbook | None = None) -> pd.DataFrame:
    """Where a learner stands in one exercise: task, status and message for each task.

    Parameters
    ----------
    lecture : str
        "1", "2", "3" or "4" (the capstone).
    workbook : Workbook, optional
        The workbook to read (default: the learner's own).

    Returns
    -------
    pandas.DataFrame
        Columns task, status, message; one row per task of the exercise.

    Raises
    ------
    KamValueError
        If ``lecture`` is no exercise with tasks, or ``workbook`` is no Workbook.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> from kamlib.workbook import Workbook
    >>> book = Workbook(Path(tempfile.mkdtemp()) / "workbook.json")
    >>> table = progress("1", workbook=book)
    >>> list(table.columns), table["task"].iloc[0]
    (['task', 'status', 'message'], '1.1')
    """
    specs = task_specs(str(lecture))
    if not specs:
        raise fail("lecture", lecture, _("the number of an exercise with tasks: 1, 2, 3 or 4"))
    sections = workbook_sections(workbook)
    key = answer_key()
    rows = []
    for spec in specs:
        verdict = judge(spec, answer_part(spec, sections.get(spec.answer_section)),
                        key.matcher(spec.task_id), workbook=sections)
        rows.append({"task": spec.task_id, "status": verdict.status, "message": verdict.message})
    return pd.DataFrame(rows, columns=["task", "status", "message"])


__all__ = [
    "ANSWER_KEY_PATH",
    "AnswerKey",
    "Feedback",
    "answer_key",
    "check",
    "progress",
    "workbook_sections",
]
