"""The class overview for the trainer: one HTML page from the collected workbooks.

For each task: how many learners answered, how many got it right, what the class answered
(the most common answers, the right one marked) and the most common problems, to discuss
in the room. Then the class's XY grids and BCG charts side by side (drawn with
:mod:`kamlib.views`). Learners are shown as "Learner 1, 2, ..." unless ``names=True``:
the page is made for the projector.
"""

from __future__ import annotations

import base64
import html
import io
from collections import Counter
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from kamlib.exercises.judging import (
    answer_part,
    canonical,
    canonical_expected,
    expected_form,
    judge,
)
from kamlib.exercises.tasks import TaskSpec
from kamlib.grading.course import Exercise, read_exercises
from kamlib.grading.release import SOURCE_DIR
from kamlib.grading.reports import page
from kamlib.grading.submissions import find_learners, read_workbook
from kamlib.i18n import _

#: The workbook sections holding the class's XY grids and BCG tables (exercises 3 and 2).
XY_SECTIONS = ("exercise3/xy_grid",)
BCG_SECTIONS = ("exercise2/bcg",)
TOP_ANSWERS = 5
PLOT_DPI = 72


def _shown(spec: TaskSpec, answer: Any) -> str:
    """A learner's answer as the class sees it on the page."""
    try:
        value = canonical(spec, answer)
    except ValueError:
        return _("(an answer of the wrong kind)")
    labels = dict(spec.choices()) if spec.kind in ("choice", "tick") else {}
    if spec.kind == "choice":
        return _(labels.get(value, value))
    if spec.kind in ("tick", "ids"):
        return ", ".join(_(labels.get(item, item)) for item in value) or "—"
    if spec.kind == "number":
        decimals = max(0, -int(f"{spec.tolerance:e}".split("e")[1])) if spec.tolerance else 0
        return f"{value:,.{decimals}f}"
    if spec.kind == "form":
        return ", ".join(f"{key}={item}" for key, item in value.items())
    return ""


def _task_block(spec: TaskSpec, answers: list[Any], sections: list[Mapping[str, Any]],
                expected: Any) -> str:
    matcher: Callable[[str], bool] | None = None
    if spec.compare is not None and expected is not None:
        matcher = expected_form(spec, canonical_expected(spec, expected)).__eq__
    verdicts = [judge(spec, a, matcher, workbook=s) for a, s in zip(answers, sections,
                                                                     strict=True)]
    statuses = Counter(v.status for v in verdicts)
    answered = len(answers) - statuses["not answered"]
    parts = [f"<h3>{html.escape(spec.task_id)}: {html.escape(spec.say(spec.prompt))}</h3>",
             "<p>" + html.escape(_("{answered} of {n} answered; {correct} right.").format(
                 answered=answered, n=len(answers), correct=statuses["correct"])) + "</p>"]
    if spec.manual:
        return "".join(parts)
    if spec.kind in ("choice", "tick", "ids", "number", "form"):
        shown: Counter[str] = Counter()
        right: dict[str, bool] = {}
        for answer, verdict in zip(answers, verdicts, strict=True):
            if verdict.status == "not answered":
                continue
            text = _shown(spec, answer)
            shown[text] += 1
            right[text] = right.get(text, True) and verdict.status == "correct"
        rows = []
        for text, count in shown.most_common(TOP_ANSWERS):
            mark = " ✔" if right[text] else ""
            width = round(100 * count / max(answered, 1))
            rows.append(f"<tr><td>{html.escape(text)}{mark}</td><td class='num'>{count}</td>"
                        f"<td><div style='background:#56B4E9;height:.9em;width:{width}%'>"
                        "</div></td></tr>")
        if rows:
            parts.append(f"<table><tr><th>{html.escape(_('Answer'))}</th>"
                         f"<th>{html.escape(_('Learners'))}</th><th></th></tr>"
                         f"{''.join(rows)}</table>")
        wrong = [f"{text} ({count})" for text, count in shown.most_common() if not right[text]]
        if wrong:
            parts.append("<p>" + html.escape(_("Most common wrong answers: {answers}.").format(
                answers="; ".join(wrong[:3]))) + "</p>")
        return "".join(parts)
    problems = Counter(v.message for v in verdicts if v.status == "wrong")
    if problems:
        items = "".join(f"<li>{html.escape(text)} ({count})</li>"
                        for text, count in problems.most_common(3))
        parts.append(f"<p>{html.escape(_('Most common problems:'))}</p><ul>{items}</ul>")
    return "".join(parts)


def _png(draw: Callable[[Any], Any], size: tuple[float, float]) -> str:
    from matplotlib.figure import Figure

    figure = Figure(figsize=size, dpi=PLOT_DPI, layout="constrained")
    draw(figure.subplots())
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def _xy_frame(saved: Any) -> tuple[pd.DataFrame, Any]:
    from kamlib import case, grid

    frame = case.scored_accounts().set_index("account_id")
    for account, scores in dict(saved.get("scores", {})).items():
        if account in frame.index and isinstance(scores, Mapping):
            for field in ("x", "y", "vip"):
                if field in scores:
                    frame.loc[account, field] = scores[field]
    rules = grid.ClassificationRules(**dict(saved.get("rules", {})))
    return frame.reset_index(), rules


def _charts(labels: list[str], workbooks: list[Mapping[str, Any]]) -> str:
    from kamlib import bcg
    from kamlib.views import plot_bcg, plot_xy_grid

    blocks = []
    for kind, sections in (("xy", XY_SECTIONS), ("bcg", BCG_SECTIONS)):
        figures = []
        for label, book in zip(labels, workbooks, strict=True):
            saved = next((book[s] for s in sections if isinstance(book.get(s), Mapping)), None)
            if saved is None:
                continue
            try:
                if kind == "xy":
                    frame, rules = _xy_frame(saved)
                    image = _png(lambda ax, f=frame, r=rules, t=label: plot_xy_grid(
                        f, rules=r, ax=ax, title=t), (4.2, 3.8))
                else:
                    table = bcg.bcg_table(pd.DataFrame(saved["units"]))
                    image = _png(lambda ax, u=table, t=label: plot_bcg(u, ax=ax, title=t),
                                 (4.6, 3.6))
            except Exception:  # a learner's damaged entries: left out, the page is still made
                continue
            figures.append(f'<figure style="margin:0"><img alt="{html.escape(label)}" '
                           f'src="data:image/png;base64,{image}"></figure>')
        title = _("The class's XY grids") if kind == "xy" else _("The class's BCG charts")
        body = "".join(figures) or f"<p>{html.escape(_('No learner has saved one yet.'))}</p>"
        blocks.append(f"<h2>{html.escape(title)}</h2><div style='display:flex;flex-wrap:wrap;"
                      f"gap:12px'>{body}</div>")
    return "".join(blocks)


def class_overview(submissions_dir: str | Path, *, exercises: list[Exercise] | None = None,
                   expected: Mapping[str, Any] | None = None, names: bool = False) -> str:
    """The class overview page (HTML) of the workbooks in ``submissions_dir``.

    Parameters
    ----------
    submissions_dir : str or Path
        ``SUBMISSIONS/<learner>/workbook.json`` for each learner.
    exercises : list of Exercise, optional
        The course's exercises (default: read from the source notebooks).
    expected : mapping, optional
        Task id → expected answer (default: computed now).
    names : bool
        Show the learners' folder names instead of "Learner 1, 2, ...".

    Returns
    -------
    str
        A standalone HTML page.

    Raises
    ------
    KamValueError
        If ``submissions_dir`` is no folder of learner folders (see
        :func:`kamlib.grading.submissions.find_learners`).

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> with tempfile.TemporaryDirectory() as root:
    ...     (Path(root) / "li_wei").mkdir()
    ...     text = class_overview(root, exercises=[], expected={})
    >>> "1 learner(s); 0 workbook(s) handed in." in text
    True
    """
    from kamlib.grading.expected import expected_answers

    exercises = read_exercises(SOURCE_DIR) if exercises is None else exercises
    if expected is None:
        expected = expected_answers([e.task_id for ex in exercises for e in ex.tasks])
    learners = find_learners(submissions_dir, exercises=[ex.name for ex in exercises])
    workbooks = [read_workbook(files.workbook)[0] for files in learners]
    labels = [files.learner if names else _("Learner {n}").format(n=n)
              for n, files in enumerate(learners, start=1)]
    parts = [f"<h1>{html.escape(_('Class overview'))}</h1>",
             "<p>" + html.escape(_("{n} learner(s); {k} workbook(s) handed in.").format(
                 n=len(learners), k=sum(1 for f in learners if f.workbook))) + "</p>"]
    for exercise in exercises:
        parts.append(f"<h2>{html.escape(exercise.title)}</h2>")
        for entry in exercise.tasks:
            spec = entry.spec
            answers = [answer_part(spec, book.get(spec.answer_section)) for book in workbooks]
            parts.append(_task_block(spec, answers, workbooks, expected.get(spec.task_id)))
    parts.append(_charts(labels, workbooks))
    return page(_("Class overview"), "".join(parts))


def write_overview(submissions_dir: str | Path, path: str | Path, *,
                   exercises: list[Exercise] | None = None,
                   expected: Mapping[str, Any] | None = None, names: bool = False) -> Path:
    """Write :func:`class_overview` to ``path``; return it.

    Parameters
    ----------
    submissions_dir : str or Path
        ``SUBMISSIONS/<learner>/workbook.json`` for each learner.
    path : str or Path
        The HTML file to write (its folder is created).
    exercises : list of Exercise, optional
        The course's exercises (default: read from the source notebooks).
    expected : mapping, optional
        Task id → expected answer (default: computed now).
    names : bool
        Show the learners' folder names instead of "Learner 1, 2, ...".

    Returns
    -------
    Path
        ``path``.

    Raises
    ------
    KamValueError
        As :func:`class_overview`.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> with tempfile.TemporaryDirectory() as root:
    ...     (Path(root) / "li_wei").mkdir()
    ...     path = write_overview(root, Path(root) / "out" / "overview.html", exercises=[],
    ...                           expected={})
    ...     path.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    True
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(class_overview(submissions_dir, exercises=exercises, expected=expected,
                                     names=names),
                      encoding="utf-8")
    return target


__all__ = ["BCG_SECTIONS", "XY_SECTIONS", "class_overview", "write_overview"]
