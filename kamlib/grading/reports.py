"""Each learner's feedback report: one standalone HTML page to hand back.

Per exercise: the score, and per task the question, the points, the verdict and its message
(what to look at, never the answer), where the answer came from (widget or code) and, for
written answers, the trainer's mark and comment from the marks sheet. Every text from a
submission is escaped.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from kamlib.grading.course import Exercise
from kamlib.grading.gradebook import MARKS_FILE, load_results, mark_value, read_marks
from kamlib.i18n import _

_STATUS = {
    "correct": ("✔", "#009E73"),
    "wrong": ("✘", "#D55E00"),
    "not answered": ("…", "#8A6A00"),
    "to mark": ("✎", "#0072B2"),
    "saved": ("✎", "#0072B2"),
}
_STYLE = """
body{font-family:system-ui,"Noto Sans CJK SC","WenQuanYi Micro Hei",sans-serif;font-size:15px;
max-width:1100px;margin:2em auto;padding:0 1em;color:#1a1a1a}
table{border-collapse:collapse;width:100%;margin:.5em 0 1.5em}
th,td{border-bottom:1px solid #ddd;padding:.35em .5em;text-align:left;vertical-align:top}
th{background:#f3f3f3}.num{text-align:right;white-space:nowrap}.note{color:#555}
"""


def page(title: str, body: str) -> str:
    """A standalone HTML page (UTF-8, the course's style).

    Parameters
    ----------
    title : str
        The page's title (escaped here).
    body : str
        The page's body, HTML already escaped by the caller.

    Returns
    -------
    str
        The whole page.

    Examples
    --------
    >>> text = page("Feedback <1>", "<p>Well done</p>")
    >>> "<title>Feedback &lt;1&gt;</title>" in text, "<p>Well done</p>" in text
    (True, True)
    """
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
            f"<title>{html.escape(title)}</title><style>{_STYLE}</style></head>"
            f"<body>{body}</body></html>\n")


def _status(status: str) -> str:
    icon, colour = _STATUS.get(status, ("", "#1a1a1a"))
    words = {"correct": _("Correct"), "wrong": _("Not quite"), "not answered":
             _("Not answered"), "to mark": _("Marked by your trainer"), "saved": _("Saved")}
    return (f'<span style="color:{colour}"><span aria-hidden="true">{icon}</span> '
            f"{html.escape(words.get(status, status))}</span>")


def feedback_html(result: Mapping[str, Any], *, exercises: list[Exercise],
                  marks: Mapping[tuple[str, str], Mapping[str, str]] | None = None) -> str:
    """The feedback page of one learner's ``result`` (as :mod:`kamlib.grading.batch` writes).

    Parameters
    ----------
    result : mapping
        One learner's graded result as :func:`kamlib.grading.batch.grade_folder` returns it
        (``learner``, ``graded``, ``problems``, ``exercises``).
    exercises : list of Exercise
        The course's exercises (:func:`kamlib.grading.course.read_exercises`).
    marks : mapping, optional
        (learner, task id) → the trainer's ``mark`` and ``comment`` from the marks sheet.

    Returns
    -------
    str
        A standalone HTML page: per exercise, each task's points, verdict and message;
        whatever the learner wrote is escaped.

    Examples
    --------
    >>> result = {"learner": "li_wei", "graded": "2025-11-03 10:00", "exercises": {},
    ...           "problems": ["no workbook.json handed in"]}
    >>> "no workbook.json handed in" in feedback_html(result, exercises=[])
    True
    """
    marks = marks or {}
    learner = result["learner"]
    parts = [f"<h1>{html.escape(_('Feedback for {learner}').format(learner=learner))}</h1>",
             f'<p class="note">{html.escape(_("Graded on {when}.").format(when=result["graded"]))}'
             "</p>"]
    if result["problems"]:
        items = "".join(f"<li>{html.escape(p)}</li>" for p in result["problems"])
        parts.append(f"<p>{html.escape(_('Notes:'))}</p><ul>{items}</ul>")
    for exercise in exercises:
        graded = result["exercises"].get(exercise.name)
        if graded is None:
            continue
        rows = []
        score = 0.0
        for entry in exercise.tasks:
            task = graded["tasks"][entry.task_id]
            points, message = task["points"], task["message"]
            mark = marks.get((learner, entry.task_id), {})
            if task["status"] == "to mark" and mark.get("mark"):
                points = mark_value(mark["mark"], task["possible"]) or 0.0
            if mark.get("comment"):
                trainer = _("Trainer")
                message = f"{message} {trainer}: {mark['comment']}".strip()
            score += points
            source = {"widget": _("answer box"), "code": _("code")}.get(task["source"], "")
            rows.append(
                f"<tr><td>{html.escape(entry.task_id)}</td>"
                f"<td>{html.escape(entry.spec.say(entry.spec.prompt))}</td>"
                f'<td class="num">{points:g} / {task["possible"]:g}</td>'
                f"<td>{_status(task['status'])}</td><td>{html.escape(message)}</td>"
                f"<td>{html.escape(source)}</td></tr>")
        head = "".join(f"<th>{html.escape(h)}</th>" for h in (
            _("Task"), _("Question"), _("Points"), _("Verdict"), _("Message"), _("Answered in")))
        notebook = graded["notebook"]
        parts += [
            f"<h2>{html.escape(exercise.title)}</h2>",
            f"<p><b>{score:g} / {exercise.possible:g}</b> {html.escape(_('points'))}. "
            f'<span class="note">{html.escape(_("Notebook"))}: '
            f"{html.escape(notebook['detail'])}</span></p>",
            f"<table><tr>{head}</tr>{''.join(rows)}</table>",
        ]
    return page(_("Feedback for {learner}").format(learner=learner), "".join(parts))


def write_feedback(result: Mapping[str, Any], *, exercises: list[Exercise], folder: Path,
                   marks: Mapping[tuple[str, str], Mapping[str, str]] | None = None) -> Path:
    """Write one learner's feedback page to ``folder/<learner>.html``; return its path.

    Parameters
    ----------
    result : mapping
        One learner's graded result as :func:`kamlib.grading.batch.grade_folder` returns it
        (``learner``, ``graded``, ``problems``, ``exercises``).
    exercises : list of Exercise
        The course's exercises (:func:`kamlib.grading.course.read_exercises`).
    folder : Path
        The folder of feedback pages (it must exist).
    marks : mapping, optional
        (learner, task id) → the trainer's ``mark`` and ``comment`` from the marks sheet.

    Returns
    -------
    Path
        The page written.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> result = {"learner": "li_wei", "graded": "2025-11-03 10:00", "exercises": {},
    ...           "problems": ["no workbook.json handed in"]}
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     write_feedback(result, exercises=[], folder=Path(folder)).name
    'li_wei.html'
    """
    path = Path(folder) / f"{result['learner']}.html"
    path.write_text(feedback_html(result, exercises=exercises, marks=marks), encoding="utf-8")
    return path


def write_all_feedback(out_dir: str | Path, *, exercises: list[Exercise]) -> list[Path]:
    """Rewrite every learner's feedback page with the marks and comments of the marks sheet.

    Parameters
    ----------
    out_dir : str or Path
        The results folder of a graded batch (:func:`kamlib.grading.batch.grade_folder`);
        its ``manual_marks.csv`` holds the trainer's marks.
    exercises : list of Exercise
        The course's exercises (:func:`kamlib.grading.course.read_exercises`).

    Returns
    -------
    list of Path
        The pages written, in ``out_dir/feedback``.

    Raises
    ------
    KamValueError
        If the marks sheet cannot be read.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as out_dir:
    ...     write_all_feedback(out_dir, exercises=[])
    []
    """
    out = Path(out_dir)
    marks = read_marks(out / MARKS_FILE)
    folder = out / "feedback"
    folder.mkdir(parents=True, exist_ok=True)
    return [write_feedback(result, exercises=exercises, folder=folder, marks=marks)
            for result in load_results(out)]


__all__ = ["feedback_html", "page", "write_all_feedback", "write_feedback"]
