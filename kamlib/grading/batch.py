"""Grade a folder of submissions: answers judged as data, learner code run only sandboxed.

For each learner (two at a time by default):

1. the workbook file is read as data: the answer widgets' entries are the answers;
2. a notebook is run only if it holds code of the learner's own (code cells the release
   does not have): sandboxed (:mod:`kamlib.grading.sandbox`), with a harness step after the
   learner's cells that exports the ``answer_<task>`` variables as JSON. A widget answer
   wins over a code answer to the same task;
3. every answer is judged here, in the grader's process, against expected answers computed
   here from the case data (:mod:`kamlib.grading.expected`); nothing the learner's code
   printed or decided is taken as a verdict;
4. the learner's result is written at once (``learners/<learner>.json``, their HTML
   feedback report) and the gradebook is rewritten, so a batch stopped half-way keeps
   what it graded.

Grading never writes a workbook, the course or a submission.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import tempfile
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from pathlib import Path
from typing import Any

from kamlib.exercises.judging import (
    answer_part,
    canonical_expected,
    expected_form,
    judge,
    unanswered,
)
from kamlib.grading.course import Exercise, TaskEntry, read_exercises
from kamlib.grading.expected import expected_answers
from kamlib.grading.gradebook import write_gradebook
from kamlib.grading.overview import write_overview
from kamlib.grading.release import SOURCE_DIR
from kamlib.grading.reports import write_all_feedback, write_feedback
from kamlib.grading.sandbox import MODE_NOTES, Limits, choose_mode, prepare_course, run_notebook
from kamlib.grading.submissions import (
    LearnerFiles,
    find_learners,
    learner_code,
    read_notebook,
    read_workbook,
)
from kamlib.i18n import _
from kamlib.validation import check_number, fail

LEARNERS_FOLDER = "learners"
FEEDBACK_FOLDER = "feedback"
LOGS_FOLDER = "logs"
RUN_CHOICES = ("auto", "always", "never")


class Grader:
    """Everything a batch shares: the exercises, their expected answers, the sandbox.

    Parameters
    ----------
    source_dir : Path
        The instructor's source notebooks (tasks, points, partial credit).
    limits : Limits
        Time and memory limits of each notebook run.
    sandbox : str
        "auto", "bubblewrap" or "process" (see :func:`kamlib.grading.sandbox.choose_mode`).
    run : str
        "auto" (run a notebook only if it holds the learner's own code), "always" or "never".

    Raises
    ------
    KamValueError
        If ``run`` or ``sandbox`` is no choice, or the source notebooks cannot be read.

    Examples
    --------
    >>> from kamlib.grading.submissions import find_learners
    >>> with Grader(run="never") as grader:  # doctest: +SKIP
    ...     files = find_learners("submissions", exercises=[e.name for e in grader.exercises])
    ...     result = grader.grade_learner(files[0])
    """

    def __init__(self, source_dir: str | Path = SOURCE_DIR, *, limits: Limits | None = None,
                 sandbox: str = "auto", run: str = "auto") -> None:
        if run not in RUN_CHOICES:
            raise fail("run", run, "one of " + ", ".join(RUN_CHOICES))
        self.exercises = read_exercises(source_dir)
        self.limits = Limits() if limits is None else limits
        self.mode = choose_mode(sandbox)
        self.run = run
        task_ids = [entry.task_id for ex in self.exercises for entry in ex.tasks]
        self.expected = expected_answers(task_ids)
        self._course_folder = tempfile.TemporaryDirectory(prefix="kamlib-course-")
        self.course = prepare_course(Path(self._course_folder.name))

    def close(self) -> None:
        """Remove the course copy the runs used (``with Grader() as grader:`` does it)."""
        self._course_folder.cleanup()

    def __enter__(self) -> Grader:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # --- one learner ------------------------------------------------------------------------

    def grade_learner(self, files: LearnerFiles, *, logs: Path | None = None) -> dict[str, Any]:
        """Grade one learner's files; return their result as plain data (see the module).

        Parameters
        ----------
        files : LearnerFiles
            What the learner handed in (:func:`kamlib.grading.submissions.find_learners`).
        logs : Path, optional
            The folder for each run's log (default: no logs).

        Returns
        -------
        dict
            ``learner``, ``graded`` (time), ``sandbox``, ``problems`` and ``exercises``
            (each task's points, status and message).
        """
        sections, workbook_problem = read_workbook(files.workbook)
        problems = [p for p in (workbook_problem, *files.notes) if p]
        exercises = {}
        for exercise in self.exercises:
            log = None if logs is None else logs / f"{files.learner}__{exercise.name}.log"
            exercises[exercise.name] = self._grade_exercise(exercise, files, sections, log)
        return {
            "learner": files.learner,
            "graded": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
            "sandbox": self.mode,
            "submitted": files.submitted,
            "problems": problems,
            "exercises": exercises,
        }

    def _grade_exercise(self, exercise: Exercise, files: LearnerFiles,
                        sections: Mapping[str, Any], log: Path | None) -> dict[str, Any]:
        notebook_state, run, code_answers = self._run_if_needed(exercise, files, log)
        context = _with_code_answers(sections, exercise, code_answers)
        tasks = {}
        for entry in exercise.tasks:
            tasks[entry.task_id] = self._judge(entry, sections, context, code_answers)
        return {
            "title": exercise.title,
            "notebook": notebook_state,
            "run": run,
            "score": round(sum(t["points"] for t in tasks.values()), 4),
            "possible": exercise.possible,
            "tasks": tasks,
        }

    def _run_if_needed(self, exercise: Exercise, files: LearnerFiles, log: Path | None
                       ) -> tuple[dict[str, str], dict[str, Any] | None, dict[str, Any]]:
        """The notebook's state ({state, detail}), the run (or None) and the code answers."""
        if exercise.name in files.refused:
            return {"state": "refused", "detail": files.refused[exercise.name]}, None, {}
        path = files.notebooks.get(exercise.name)
        if path is None:
            return {"state": "missing", "detail": _("not handed in")}, None, {}
        notebook, problem = read_notebook(path)
        if problem is not None:
            return {"state": "unreadable", "detail": problem}, None, {}
        own_code = [code for code in learner_code(notebook)
                    if code and code not in exercise.released_code]
        if self.run == "never" or (self.run == "auto" and not own_code):
            return {"state": "not run", "detail": _("no code of the learner's own")}, None, {}
        variables = [entry.spec.variable for entry in exercise.tasks]
        result = run_notebook(notebook, variables=variables, course=self.course,
                              limits=self.limits, mode=self.mode, log=log)
        run = {
            "mode": result.mode,
            "seconds": round(result.seconds, 1),
            "cells": list(result.cells),
            "problems": list(result.problems),
        }
        return {"state": "run", "detail": _(MODE_NOTES[result.mode])}, run, result.answers

    def _judge(self, entry: TaskEntry, sections: Mapping[str, Any], context: Mapping[str, Any],
               code_answers: Mapping[str, Any]) -> dict[str, Any]:
        """One task: the widget answer from the workbook, else the code answer; rubrics see
        ``context`` (the workbook with the code answers filled in)."""
        spec = entry.spec
        answer, source = answer_part(spec, sections.get(spec.answer_section)), "widget"
        if unanswered(answer) and spec.variable in code_answers:
            answer, source = code_answers[spec.variable], "code"
        expected = self.expected.get(spec.task_id)
        matcher = None
        if spec.compare is not None:
            wanted = expected_form(spec, canonical_expected(spec, expected))
            matcher = wanted.__eq__
        verdict = judge(spec, answer, matcher, workbook=context, expected=expected,
                        partial=entry.partial)
        if unanswered(answer):
            source = ""
        status = "to mark" if spec.manual and verdict.status == "saved" else verdict.status
        return {
            "status": status,
            "points": round(entry.points * verdict.score, 4),
            "possible": entry.points,
            "message": verdict.message,
            "source": source,
            "answer": _plain(answer) if spec.manual else None,
        }


def _with_code_answers(sections: Mapping[str, Any], exercise: Exercise,
                       code_answers: Mapping[str, Any]) -> dict[str, Any]:
    """The workbook sections, with each code answer in its task's section where the workbook
    has no answer: rubrics that look across sections (the capstone's plan) see both."""
    context = dict(sections)
    for entry in exercise.tasks:
        spec = entry.spec
        if spec.variable not in code_answers:
            continue
        if not unanswered(answer_part(spec, context.get(spec.answer_section))):
            continue
        value = code_answers[spec.variable]
        if spec.field:
            saved = context.get(spec.answer_section)
            value = {**(saved if isinstance(saved, dict) else {}), spec.field: value}
        context[spec.answer_section] = value
    return context


def _plain(answer: Any) -> Any:
    """A written answer kept for the marks sheet (JSON data, long texts kept whole)."""
    return json.loads(json.dumps(answer, default=str))


def _progress(index: int, total: int, result: Mapping[str, Any]) -> None:
    score = sum(ex["score"] for ex in result["exercises"].values())
    possible = sum(ex["possible"] for ex in result["exercises"].values())
    runs = [ex["run"] for ex in result["exercises"].values() if ex["run"]]
    stopped = sum(1 for run in runs for cell in run["cells"] if cell["status"] == "timeout")
    notes = len(result["problems"]) + sum(len(run["problems"]) for run in runs)
    print(_("[{i}/{n}] {learner}: {score:g}/{possible:g} points; {runs} notebook(s) run, "
            "{stopped} cell(s) stopped; {notes} note(s)").format(
        i=index, n=total, learner=result["learner"], score=score, possible=possible,
        runs=len(runs), stopped=stopped, notes=notes), file=sys.stderr, flush=True)


def _collect(futures: list[Future], total: int, out: Path, grader: Grader,
             results: list[dict[str, Any]],
             on_result: Callable[[dict[str, Any]], None] | None) -> None:
    """Write each learner's result, feedback page and the gradebook as soon as it is graded."""
    for index, future in enumerate(as_completed(futures), start=1):
        result = future.result()
        path = out / LEARNERS_FOLDER / f"{result['learner']}.json"
        path.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
        write_feedback(result, exercises=grader.exercises, folder=out / FEEDBACK_FOLDER)
        write_gradebook(out, grader.exercises, excel=False)
        results.append(result)
        _progress(index, total, result)
        if on_result is not None:
            on_result(result)


def grade_folder(
    submissions_dir: str | Path,
    out_dir: str | Path,
    *,
    source_dir: str | Path = SOURCE_DIR,
    limits: Limits | None = None,
    workers: int = 2,
    sandbox: str = "auto",
    run: str = "auto",
    on_result: Callable[[dict[str, Any]], None] | None = None,
) -> list[dict[str, Any]]:
    """Grade every learner of ``submissions_dir``; write results to ``out_dir`` as they come.

    Parameters
    ----------
    submissions_dir : str or Path
        ``SUBMISSIONS/<learner>/...`` (see :mod:`kamlib.grading.submissions`).
    out_dir : str or Path
        Results: ``learners/<learner>.json``, ``feedback/<learner>.html``, ``logs/``,
        ``gradebook.csv``/``.xlsx``, ``manual_marks.csv`` and ``class_overview.html``.
    source_dir : str or Path
        The instructor's source notebooks.
    limits : Limits, optional
        Seconds per cell and per notebook, memory (default :class:`Limits`).
    workers : int
        Learners graded at the same time (default 2).
    sandbox, run : str
        See :class:`Grader`.
    on_result : callable, optional
        Called with each learner's result as it is written (the gradebook is rewritten
        after each one anyway).

    Returns
    -------
    list of dict
        The learners' results, in name order.

    Examples
    --------
    >>> results = grade_folder("submissions", "graded", run="never")  # doctest: +SKIP
    >>> [r["learner"] for r in results]  # doctest: +SKIP
    ['li_wei', 'wang_fang']

    Raises
    ------
    KamValueError
        For a bad layout (loose notebooks, ambiguous learner names), a bad option or a
        sandbox that was asked for and does not work here; before anything is graded.
    """
    check_number("workers", workers, minimum=1, maximum=16, integer=True)
    if not isinstance(out_dir, (str, Path)):
        raise fail("out_dir", out_dir, _("a folder path"))
    out = Path(out_dir)
    with Grader(source_dir, limits=limits, sandbox=sandbox, run=run) as grader:
        learners = find_learners(submissions_dir, exercises=[ex.name for ex in grader.exercises])
        for folder in (LEARNERS_FOLDER, FEEDBACK_FOLDER, LOGS_FOLDER):
            (out / folder).mkdir(parents=True, exist_ok=True)
        print(_("Grading {n} learner(s), {workers} at a time; {mode}.").format(
            n=len(learners), workers=workers, mode=_(MODE_NOTES[grader.mode])), file=sys.stderr,
            flush=True)
        results = []
        with ThreadPoolExecutor(max_workers=workers) as pool:
            futures = [pool.submit(grader.grade_learner, files, logs=out / LOGS_FOLDER)
                       for files in learners]
            try:
                _collect(futures, len(learners), out, grader, results, on_result)
            except BaseException:  # stop at once: what was graded is written already
                for future in futures:
                    future.cancel()
                raise
        write_gradebook(out, grader.exercises, excel=True)
        write_all_feedback(out, exercises=grader.exercises)
        write_overview(submissions_dir, out / "class_overview.html",
                       exercises=grader.exercises, expected=grader.expected)
    return sorted(results, key=lambda r: r["learner"])


__all__ = ["FEEDBACK_FOLDER", "LEARNERS_FOLDER", "LOGS_FOLDER", "RUN_CHOICES", "Grader",
           "grade_folder"]
