"""Check a folder of learner submissions in one go and write a score table.

Layout of ``submissions_dir`` (both may be mixed):

- ``<learner>/<notebook>.ipynb``: one folder per learner (use this when names contain ``_``);
- ``<learner>_<notebook>.ipynb``: flat; the learner is the text before the first ``_``.

Each notebook runs with papermill (kernel ``python3``) on a temporary copy, in a temporary
working folder, so the submission itself is never touched. Like nbgrader, a cell that raises
does not stop the run: the error is recorded and every task answered elsewhere still counts.
A final cell added to the copy prints :func:`~kamlib.exercises.feedback.report_json`.
A notebook that cannot be read or runs past the timeout scores 0 and says why.

Batch checking trusts the learner's kernel: it is formative feedback, not exam proctoring.
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pandas as pd

from kamlib.exercises.feedback import load_tasks, registered_tasks
from kamlib.exercises.release import existing_folder
from kamlib.validation import KamValueError, check_number, check_text, fail

REPORT_MARK = "KAMLIB-REPORT:"
REPORT_TAG = "kamlib-report"
PAPERMILL_ERROR_TAG = "papermill-error-cell-tag"
KERNEL = "python3"


@dataclass(frozen=True)
class Submission:
    """One learner notebook to check."""

    learner: str
    notebook: str
    path: Path


@dataclass(frozen=True)
class NotebookResult:
    """The status of every task in one executed submission, and what went wrong."""

    submission: Submission
    statuses: dict[str, str]
    errors: tuple[str, ...]


def find_submissions(submissions_dir: str | Path) -> list[Submission]:
    """List the submissions in ``submissions_dir`` (both layouts), sorted by learner."""
    root = existing_folder("submissions_dir", submissions_dir)
    found = []
    for entry in sorted(root.iterdir()):
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            found += [Submission(entry.name, nb.stem, nb) for nb in sorted(entry.glob("*.ipynb"))]
        elif entry.suffix == ".ipynb":
            learner, underscore, notebook = entry.stem.partition("_")
            if not underscore or not learner or not notebook:
                raise fail(
                    "submission file name",
                    entry.name,
                    "<learner>_<notebook>.ipynb, or a folder"
                    " per learner: <learner>/<notebook>.ipynb",
                )
            found.append(Submission(learner, notebook, entry))
    if not found:
        raise KamValueError(
            f"submissions_dir: got '{root}'; expected a folder holding learner notebooks (.ipynb)."
        )
    return sorted(found, key=lambda s: (s.learner, s.notebook))


def _report_cell(tasks: tuple[str, ...]) -> nbformat.NotebookNode:
    code = (
        "import kamlib.exercises.feedback as _kamlib_feedback\n"
        f"_kamlib_feedback.load_tasks(*{list(tasks)!r})\n"
        f"print({REPORT_MARK!r} + _kamlib_feedback.report_json())"
    )
    return nbformat.v4.new_code_cell(code, metadata={"tags": [REPORT_TAG]})


def _read_executed(notebook: nbformat.NotebookNode) -> tuple[list[str], dict[str, str]]:
    """Error lines ("cell 3: NameError: ...") and the task statuses the report cell printed."""
    errors, statuses = [], {}
    cells = [c for c in notebook.cells if PAPERMILL_ERROR_TAG not in c.metadata.get("tags", [])]
    for number, cell in enumerate(cells, start=1):
        outputs = cell.get("outputs", [])
        is_report = REPORT_TAG in cell.metadata.get("tags", [])
        label = "the report cell" if is_report else f"cell {number}"
        errors += [f"{label}: {o.ename}: {o.evalue}" for o in outputs if o.output_type == "error"]
        text = "".join(o.get("text", "") for o in outputs if o.output_type == "stream")
        lines = [line for line in text.splitlines() if is_report and line.startswith(REPORT_MARK)]
        if lines:
            try:
                report = json.loads(lines[-1][len(REPORT_MARK) :])
                statuses = {row["task"]: row["status"] for row in report["tasks"]}
            except (ValueError, KeyError, TypeError):
                errors.append("the report of the checks is unreadable")
    return errors, statuses


def _task_sources(tasks: object) -> tuple[str, ...]:
    """Validate extra task sources; file paths become absolute (the kernel runs elsewhere)."""
    if isinstance(tasks, str) or not isinstance(tasks, (tuple, list)):
        raise fail("tasks", tasks, "a list of module names or .py file paths")
    sources = [check_text("tasks item", source) for source in tasks]
    return tuple(str(Path(s).resolve()) if s.endswith(".py") else s for s in sources)


def grade_notebook(
    submission: Submission, timeout: float = 120, tasks: tuple[str, ...] = ()
) -> NotebookResult:
    """Run one submission on a temporary copy and return its :class:`NotebookResult`."""
    if not isinstance(submission, Submission):
        raise fail("submission", submission, "a Submission from find_submissions()")
    check_number("timeout", timeout, minimum=1)
    tasks = _task_sources(tasks)
    import papermill  # imported here: heavy, and only batch checking needs it

    with tempfile.TemporaryDirectory(prefix="kamlib-check-") as folder:
        work, executed = Path(folder) / "submission.ipynb", Path(folder) / "executed.ipynb"
        shutil.copyfile(submission.path, work)
        try:
            notebook = nbformat.read(work, as_version=4)
        except Exception as error:  # nbformat raises several kinds for a damaged file
            reason = f"not a readable notebook ({type(error).__name__}: {error})"
            return NotebookResult(submission, {}, (reason,))
        notebook.cells.append(_report_cell(tasks))
        nbformat.write(notebook, work)
        try:
            papermill.execute_notebook(
                work,
                executed,
                kernel_name=KERNEL,
                cwd=folder,
                execution_timeout=timeout,
                progress_bar=False,
                allow_errors=True,
            )
        except papermill.PapermillExecutionError:
            pass  # papermill objects to the cell errors we allowed; they are read below
        except TimeoutError:
            return NotebookResult(submission, {}, (f"a cell ran longer than {timeout:g} s",))
        except Exception as error:  # a dead kernel or similar: record it and go on
            return NotebookResult(submission, {}, (f"could not run: {type(error).__name__}",))
        errors, statuses = _read_executed(nbformat.read(executed, as_version=4))
        if not statuses:
            errors.append("no report from the checks")
        return NotebookResult(submission, statuses, tuple(errors))


def _progress(index: int, total: int, result: NotebookResult) -> None:
    correct = sum(status == "correct" for status in result.statuses.values())
    state = f"error: {result.errors[0]}" if result.errors else "ok"
    where = f"{result.submission.learner}/{result.submission.notebook}"
    print(f"[{index}/{total}] {where}: {correct} correct; {state}", file=sys.stderr, flush=True)


def _score_table(results: list[NotebookResult], points: dict[str, float]) -> pd.DataFrame:
    """Learner × task points (best over a learner's notebooks), total, possible, status, errors."""
    rows = [
        {
            "learner": r.submission.learner,
            **{task: points[task] * (r.statuses.get(task) == "correct") for task in points},
            "errors": "; ".join(f"{r.submission.notebook}: {error}" for error in r.errors),
        }
        for r in results
    ]
    frame = pd.DataFrame(rows, columns=["learner", *points, "errors"])
    table = frame.groupby("learner", sort=True).agg(
        {**{task: "max" for task in points}, "errors": lambda e: "; ".join(x for x in e if x)}
    )
    table.insert(len(points), "total", table[list(points)].sum(axis=1))
    table.insert(len(points) + 1, "possible", float(sum(points.values())))
    table.insert(len(points) + 2, "status", table["errors"].map(lambda e: "error" if e else "ok"))
    return table.reset_index()


def _markdown(table: pd.DataFrame) -> str:
    def cell(value: object) -> str:
        text = f"{value:g}" if isinstance(value, float) else str(value)
        return text.replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(map(cell, table.columns)) + " |"]
    lines.append("|" + "|".join("---" for _ in table.columns) + "|")
    lines += ["| " + " | ".join(map(cell, row)) + " |" for row in table.itertuples(index=False)]
    return "\n".join(lines) + "\n"


def grade_folder(
    submissions_dir: str | Path,
    out_dir: str | Path,
    timeout: float = 120,
    tasks: tuple[str, ...] = (),
) -> pd.DataFrame:
    """Check every submission; write ``scores.csv`` and ``scores.md`` to ``out_dir``.

    ``timeout`` is the seconds one cell may run; ``tasks`` are extra task sources (module
    names or ``.py`` files, see :func:`~kamlib.exercises.feedback.load_tasks`). A broken
    notebook gets status "error" with the reason and does not stop the batch.
    """
    submissions = find_submissions(submissions_dir)
    check_number("timeout", timeout, minimum=1)
    if not isinstance(out_dir, (str, Path)):
        raise fail("out_dir", out_dir, "a folder path")
    sources = _task_sources(tasks)
    load_tasks(*sources)
    points = {task.task_id: float(task.points) for task in registered_tasks()}
    if not points:
        raise fail("tasks", tasks, "task sources that register at least one task")
    results = []
    for index, submission in enumerate(submissions, start=1):
        results.append(grade_notebook(submission, timeout, sources))
        _progress(index, len(submissions), results[-1])
    table = _score_table(results, points)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    table.to_csv(out / "scores.csv", index=False, float_format="%g")
    (out / "scores.md").write_text(_markdown(table), encoding="utf-8")
    return table
