"""Batch checking of learner submissions: layouts, score table, and a real papermill run."""

from __future__ import annotations

import os
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from kamlib.exercises import feedback
from kamlib.exercises.__main__ import main
from kamlib.exercises.batch import (
    NotebookResult,
    Submission,
    _score_table,
    find_submissions,
    grade_folder,
    grade_notebook,
)
from kamlib.exercises.release import release
from kamlib.validation import KamValueError

# The example registry of a fake lecture "0", as an instructor's task file.
TASKS_FILE = """\
from functools import partial

import pandas as pd

from kamlib.exercises import Task, choice_problem, ids_problem, number_problem, register

REVENUE = pd.Series({"AC001": 500.0, "AC002": 300.0, "AC003": 150.0, "AC004": 50.0})
register(Task("0.1", "answer_0_1", asks="the top account's share of revenue (0-1)",
              why="Concentration matters.", judge=number_problem,
              expected=lambda: REVENUE.max() / REVENUE.sum()))
register(Task("0.2", "answer_0_2", asks="the accounts with revenue of at least 300",
              why="Protect them first.", judge=ids_problem,
              expected=lambda: REVENUE.index[REVENUE >= 300].tolist(), points=2))
register(Task("0.3", "answer_0_3", asks="the quadrant, as text", why="It funds the stars.",
              judge=partial(choice_problem, options=("star", "cash cow", "dog")),
              expected=lambda: "{digest}"))
"""

SOLUTIONS = {
    "0.1": "answer_0_1 = 500 / 1000",
    "0.2": 'answer_0_2 = ["AC001", "AC002"]',
    "0.3": 'answer_0_3 = "Cash cow"',
}


@pytest.fixture
def lecture0(monkeypatch, tmp_path) -> Path:
    """An isolated registry; returns the task file that registers lecture 0."""
    monkeypatch.setattr(feedback, "_TASKS", {})
    monkeypatch.setattr(feedback, "_LOADED", {"kamlib.exercises"})
    path = tmp_path / "tasks0.py"
    path.write_text(TASKS_FILE.replace("{digest}", feedback.hash_answer("cash cow")))
    return path


def source_notebook(tasks_file: Path) -> nbformat.NotebookNode:
    """The instructor's exercise: set-up, then per task a solution region and a check."""
    cells = [
        new_markdown_cell("# Exercise 0"),
        new_code_cell(
            f"from kamlib.exercises import check, load_tasks\nload_tasks({str(tasks_file)!r})"
        ),
    ]
    for task, solution in SOLUTIONS.items():
        prompt = solution.split(" = ")[0] + " = None  # prompt"
        region = f"### BEGIN SOLUTION\n{prompt}\n{solution}\n### END SOLUTION"
        cells += [new_code_cell(region), new_code_cell(f'check("{task}")')]
    return new_notebook(cells=cells)


def learner_copy(released: Path, answers: dict[str, str]) -> str:
    """The released notebook with some prompts answered."""
    notebook = nbformat.read(released, as_version=4)
    for cell in notebook.cells:
        for task, answer in answers.items():
            prompt = SOLUTIONS[task].split(" = ")[0] + " = None"
            cell.source = cell.source.replace(prompt, answer)
    return nbformat.writes(notebook)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


@pytest.mark.notebook
def test_grade_folder_scores_five_kinds_of_submission(lecture0, tmp_path, capsys):
    source, released, subs = tmp_path / "source", tmp_path / "release", tmp_path / "subs"
    source.mkdir()
    nbformat.write(source_notebook(lecture0), source / "lecture0.ipynb")
    [exercise] = release(source, released)
    files = [
        write(subs / "ann" / "lecture0.ipynb", learner_copy(exercise, SOLUTIONS)),
        write(
            subs / "bob_lecture0.ipynb",
            learner_copy(exercise, {"0.1": "answer_0_1 = 50", "0.3": "answer_0_3 = 'cash cow'"}),
        ),
        write(subs / "cat" / "lecture0.ipynb", exercise.read_text()),
        write(subs / "dan" / "lecture0.ipynb", '{"cells": [ broken'),
        write(
            subs / "eve" / "lecture0.ipynb",
            learner_copy(exercise, {**SOLUTIONS, "0.2": "answer_0_2 = top_accounts(revenue)"}),
        ),
    ]
    before = [(path.read_bytes(), os.stat(path).st_mtime_ns) for path in files]

    table = grade_folder(subs, tmp_path / "out", timeout=60, tasks=(str(lecture0),))

    assert [(path.read_bytes(), os.stat(path).st_mtime_ns) for path in files] == before
    expected = pd.DataFrame(
        {
            "learner": ["ann", "bob", "cat", "dan", "eve"],
            "0.1": [1.0, 0.0, 0.0, 0.0, 1.0],
            "0.2": [2.0, 0.0, 0.0, 0.0, 0.0],
            "0.3": [1.0, 1.0, 0.0, 0.0, 1.0],
            "total": [4.0, 1.0, 0.0, 0.0, 2.0],
            "possible": [4.0] * 5,
            "status": ["ok", "ok", "ok", "error", "error"],
        }
    )
    pd.testing.assert_frame_equal(table.drop(columns="errors"), expected)
    errors = table.set_index("learner")["errors"]
    assert errors[["ann", "bob", "cat"]].tolist() == ["", "", ""]
    assert errors["dan"].startswith("lecture0: not a readable notebook (")
    # The run went on after the failing cell (the 5th), so 0.3 still counts.
    assert errors["eve"] == "lecture0: cell 5: NameError: name 'top_accounts' is not defined"

    written = pd.read_csv(tmp_path / "out" / "scores.csv", keep_default_na=False, dtype=str)
    assert written.columns.tolist() == [*expected.columns, "errors"]
    assert written.loc[0].tolist() == ["ann", "1", "2", "1", "4", "4", "ok", ""]
    markdown = (tmp_path / "out" / "scores.md").read_text().splitlines()
    assert markdown[0] == "| learner | 0.1 | 0.2 | 0.3 | total | possible | status | errors |"
    assert markdown[2] == "| ann | 1 | 2 | 1 | 4 | 4 | ok |  |"
    progress = capsys.readouterr().err.splitlines()
    assert progress[0] == "[1/5] ann/lecture0: 3 correct; ok"
    assert progress[3].startswith("[4/5] dan/lecture0: 0 correct; error: not a readable notebook")


def test_find_submissions_reads_both_layouts(tmp_path):
    write(tmp_path / "zhang_wei" / "lecture1.ipynb", "{}")
    write(tmp_path / "zhang_wei" / "notes.txt", "")
    write(tmp_path / "li_lecture2.ipynb", "{}")
    write(tmp_path / ".ipynb_checkpoints" / "x_y.ipynb", "{}")
    found = [(s.learner, s.notebook) for s in find_submissions(tmp_path)]
    assert found == [("li", "lecture2"), ("zhang_wei", "lecture1")]


def test_find_submissions_rejects_bad_layouts(tmp_path):
    with pytest.raises(KamValueError, match="submissions_dir: got '.*'; expected a folder holding"):
        find_submissions(tmp_path)
    with pytest.raises(KamValueError, match="submissions_dir: got '.*nope'; expected an existing"):
        find_submissions(tmp_path / "nope")
    write(tmp_path / "anna.ipynb", "{}")
    with pytest.raises(KamValueError, match="submission file name: got 'anna.ipynb'; expected"):
        find_submissions(tmp_path)


def test_an_unreadable_notebook_is_an_error_result_not_a_crash(tmp_path):
    path = write(tmp_path / "dan_lecture0.ipynb", "not json")
    result = grade_notebook(Submission("dan", "lecture0", path))
    assert result.statuses == {}
    assert result.errors[0].startswith("not a readable notebook (NotJSONError")


def test_grade_notebook_rejects_bad_input(tmp_path):
    with pytest.raises(KamValueError, match="submission: got 'x.ipynb'; expected a Submission"):
        grade_notebook("x.ipynb")
    submission = Submission("a", "b", tmp_path / "a_b.ipynb")
    with pytest.raises(KamValueError, match="timeout: got 0; expected a number from 1 to inf"):
        grade_notebook(submission, timeout=0)
    with pytest.raises(KamValueError, match="tasks: got 'a.py'; expected a list of module"):
        grade_notebook(submission, tasks="a.py")


def test_grade_folder_rejects_bad_input(lecture0, tmp_path):
    subs = tmp_path / "subs"
    write(subs / "ann_l0.ipynb", "{}")
    with pytest.raises(KamValueError, match="timeout: got 'long'; expected a number"):
        grade_folder(subs, tmp_path / "out", timeout="long")
    with pytest.raises(KamValueError, match="out_dir: got 5; expected a folder path"):
        grade_folder(subs, 5)
    with pytest.raises(KamValueError, match=r"tasks: got \(\); expected task sources that"):
        grade_folder(subs, tmp_path / "out")


def test_score_table_takes_the_best_of_a_learners_notebooks(lecture0):
    feedback.load_tasks(str(lecture0))
    points = {task.task_id: task.points for task in feedback.registered_tasks()}
    ann1, ann2 = Submission("ann", "l1", Path("a1")), Submission("ann", "l2", Path("a2"))
    results = [
        NotebookResult(ann1, {"0.1": "correct", "0.2": "wrong"}, ()),
        NotebookResult(ann2, {"0.1": "wrong", "0.2": "correct"}, ("cell 2: KeyError: 'x'",)),
        NotebookResult(Submission("bo", "l1", Path("b")), {}, ("not a readable notebook",)),
    ]
    table = _score_table(results, points)
    assert table.to_dict(orient="records") == [
        {
            "learner": "ann",
            "0.1": 1.0,
            "0.2": 2.0,
            "0.3": 0.0,
            "total": 3.0,
            "possible": 4.0,
            "status": "error",
            "errors": "l2: cell 2: KeyError: 'x'",
        },
        {
            "learner": "bo",
            "0.1": 0.0,
            "0.2": 0.0,
            "0.3": 0.0,
            "total": 0.0,
            "possible": 4.0,
            "status": "error",
            "errors": "l1: not a readable notebook",
        },
    ]


def test_cli_batch_reports_bad_input_with_exit_code_2(tmp_path, capsys):
    (tmp_path / "empty").mkdir()
    assert main(["batch", str(tmp_path / "empty"), "--out", str(tmp_path / "out")]) == 2
    assert "error: submissions_dir: got" in capsys.readouterr().err
