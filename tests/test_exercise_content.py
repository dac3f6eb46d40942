"""The course's own exercises: real solutions, a safe release, batch checking, the capstone.

Each notebook runs once per session through the batch machinery
(:func:`kamlib.exercises.batch.grade_notebook`: papermill on a temporary copy, then
``check_all`` in the kernel), so this file costs about one papermill run per notebook.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pandas as pd
import papermill
import pytest

from kamlib import datasets
from kamlib.account_plan import AccountPlan
from kamlib.exercises import check, hash_answer, load_tasks, registered_tasks
from kamlib.exercises import release as releasing
from kamlib.exercises.batch import Submission, grade_folder, grade_notebook

REPO = Path(__file__).resolve().parent.parent
SOURCE = REPO / "exercises" / "source"
RELEASE = REPO / "exercises" / "release"
CRM_EXPORT = REPO / "exercises" / "data" / "sample_crm_export.csv"
# notebook file -> the lecture number of its task ids
NOTEBOOKS = {
    "exercise_1_kam_overview.ipynb": "1",
    "exercise_2_annual_plan.ipynb": "2",
    "exercise_3_target_accounts.ipynb": "3",
    "capstone_my_account_plan.ipynb": "4",
}
MIN_TASKS = 5
TIMEOUT = 120


def own_tasks(statuses: dict[str, str], lecture: str) -> dict[str, str]:
    return {task: status for task, status in statuses.items() if task.split(".")[0] == lecture}


@pytest.fixture(scope="module")
def graded(tmp_path_factory) -> dict[tuple[str, str], object]:
    """(folder, notebook) -> NotebookResult, for the sources and the release."""
    results = {}
    for folder in (SOURCE, RELEASE):
        for name in NOTEBOOKS:
            submission = Submission(folder.name, Path(name).stem, folder / name)
            results[folder.name, name] = grade_notebook(submission, timeout=TIMEOUT)
    return results


def test_every_exercise_has_enough_registered_tasks():
    known = load_tasks()
    for lecture in NOTEBOOKS.values():
        assert len([t for t in known if t.split(".")[0] == lecture]) >= MIN_TASKS, lecture


def test_notebooks_check_every_task_of_their_lecture():
    """Each registered task has its answer cell and a visible check cell in its notebook."""
    for name, lecture in NOTEBOOKS.items():
        released = RELEASE.joinpath(name).read_text(encoding="utf-8")
        for task in (t for t in load_tasks() if t.split(".")[0] == lecture):
            variable = "answer_" + task.replace(".", "_")
            assert f"{variable} = None" in released, (name, task)
            assert f'check(\\"{task}\\")' in released, (name, task)


@pytest.mark.notebook
@pytest.mark.parametrize("name", NOTEBOOKS)
def test_source_notebook_passes_all_its_checks(graded, name):
    result = graded["source", name]
    assert result.errors == ()
    statuses = own_tasks(result.statuses, NOTEBOOKS[name])
    assert len(statuses) >= MIN_TASKS
    assert set(statuses.values()) == {"correct"}, statuses


@pytest.mark.notebook
@pytest.mark.parametrize("name", NOTEBOOKS)
def test_released_notebook_runs_and_nothing_is_answered(graded, name):
    result = graded["release", name]
    assert result.errors == ()
    assert result.statuses and set(result.statuses.values()) == {"not answered"}


def test_release_is_current_and_leaks_nothing():
    assert releasing.check_release_up_to_date(SOURCE, RELEASE) == []
    assert releasing.leak_scan(RELEASE, SOURCE) == []


def test_exercises_ask_for_written_answers():
    """Exercises 1-3 each have a written answer: its model answer became the prompt."""
    for name in list(NOTEBOOKS)[:3]:
        notebook = nbformat.read(RELEASE / name, as_version=4)
        markdown = [c.source for c in notebook.cells if c.cell_type == "markdown"]
        assert any(releasing.TEXT_PROMPT in text for text in markdown), name


def test_capstone_names_an_alternative_account():
    notebook = nbformat.read(SOURCE / "capstone_my_account_plan.ipynb", as_version=4)
    alternative = notebook.metadata["kamlib"]["alt_parameters"]["account_id"]
    assert alternative in set(datasets.load("accounts")["account_id"])


# --- checks give feedback without revealing the answer -------------------------------------


@pytest.mark.parametrize(
    ("task", "answer", "message"),
    [
        ("1.1", 71.5, "100 times off"),
        ("1.1", "72%", "should be a number"),
        ("1.5", ["AC001"], "do not belong: AC001"),
        ("1.7", {"staff_changes": 2}, "rate at least 3"),
        ("1.7", {"gossip": 2}, "ratings key: got 'gossip'"),
        ("2.2", "cow", "not one of the options"),
        ("2.5", {"SO": "grow"}, "strategy in words"),
        ("2.7", "Sell more coatings", "still failing"),
        ("3.1", (4, 2), "X above Y"),
        ("3.5", [{"account_id": "AC029", "date": "2025-06-01", "objective": "catch up"}],
         "date after today"),
        ("3.6", ["AC037", "AC100", "AC118"], "wrong order"),
        ("4.1", {"current_cny": 0}, "keys current_cny"),
        ("4.6", "grow", "should be one of market_penetration"),
        ("4.10", [{"trigger": "x", "response": ""}], "at least 2"),
        ("4.12", {"markdown": "a.md"}, "keys markdown, html, excel"),
    ],
)
def test_wrong_answers_are_explained(task, answer, message):
    feedback = check(task, {"answer_" + task.replace(".", "_"): answer})
    assert feedback.status == "wrong"
    assert message in feedback.message


def test_no_check_message_shows_an_expected_value():
    """Wrong answers to every data task: the message never contains the expected value."""
    for task in ("1.1", "1.2", "1.3", "1.4", "2.1", "2.8", "3.3", "3.7"):
        feedback = check(task, {"answer_" + task.replace(".", "_"): 0.123456})
        assert feedback.status == "wrong"
        expected = next(t for t in registered_tasks() if t.task_id == task).expected()
        assert f"{expected:.3g}" not in feedback.message


def test_fixed_choice_answers_are_stored_as_hashes_of_the_intended_answer():
    """Choice answers not computed from data live in the task modules only as digests."""
    source = "".join(
        (REPO / "kamlib" / "exercises" / f"tasks_lecture{n}.py").read_text() for n in (1, 2, 3)
    )
    digests = set(re.findall(r'_DIGEST = "([0-9a-f]{64})"', source))
    intended = ("protect and grow the top accounts", "market_development", "its influence")
    assert digests == {hash_answer(answer) for answer in intended}


# --- batch checking of exercise 1 ----------------------------------------------------------


def _solutions(name: str) -> dict[str, str]:
    """Cell id -> the learner's code: the source's solution region without markers/prompts."""
    notebook = nbformat.read(SOURCE / name, as_version=4)
    solved = {}
    for cell in notebook.cells:
        if cell.cell_type == "code" and "BEGIN SOLUTION" in cell.source:
            lines = cell.source.splitlines()
            solved[cell.id] = "\n".join(
                line for line in lines if "SOLUTION" not in line and "# prompt" not in line
            )
    return solved


def _answered(name: str, how_many: int | None) -> str:
    """The released notebook with the first ``how_many`` answer cells filled (None: all)."""
    notebook = nbformat.read(RELEASE / name, as_version=4)
    solutions = list(_solutions(name).items())[:how_many]
    by_id = {cell.id: cell for cell in notebook.cells}
    for cell_id, code in solutions:
        by_id[cell_id].source = code
    return nbformat.writes(notebook)


@pytest.mark.notebook
def test_batch_checks_complete_partial_empty_and_corrupted_submissions(tmp_path):
    name = "exercise_1_kam_overview.ipynb"
    subs = tmp_path / "submissions"
    for learner, text in {
        "ann": _answered(name, None),
        "bob": _answered(name, 3),
        "cat": (RELEASE / name).read_text(encoding="utf-8"),
        "dan": '{"cells": [',
    }.items():
        (subs / learner).mkdir(parents=True)
        (subs / learner / "exercise_1.ipynb").write_text(text, encoding="utf-8")

    table = grade_folder(subs, tmp_path / "results", timeout=TIMEOUT).set_index("learner")

    lecture1 = [task for task in load_tasks() if task.startswith("1.")]
    assert table.loc["ann", lecture1].tolist() == [1.0] * len(lecture1)
    assert table.loc["bob", lecture1].tolist() == [1.0] * 3 + [0.0] * (len(lecture1) - 3)
    assert table.loc[["cat", "dan"], lecture1].to_numpy().sum() == 0
    assert table["total"].tolist() == [len(lecture1), 3.0, 0.0, 0.0]
    assert table["status"].tolist() == ["ok", "ok", "ok", "error"]
    assert table.loc["dan", "errors"].startswith("exercise_1: not a readable notebook")
    written = pd.read_csv(tmp_path / "results" / "scores.csv")
    assert written["learner"].tolist() == ["ann", "bob", "cat", "dan"]


# --- the capstone on a learner's own CRM export ----------------------------------------------


@pytest.mark.notebook
def test_capstone_runs_on_a_crm_export_and_its_excel_reads_back(tmp_path):
    own = datasets.read_crm_export(CRM_EXPORT)
    account_id = "KH003"
    out = tmp_path / "plans"
    papermill.execute_notebook(  # its hidden tests assert that every check is correct
        str(SOURCE / "capstone_my_account_plan.ipynb"),
        str(tmp_path / "capstone.ipynb"),
        parameters={"account_id": account_id, "crm_export": str(CRM_EXPORT),
                    "output_dir": str(out)},
        kernel_name="python3",
        cwd=str(tmp_path),
        progress_bar=False,
    )
    plan = AccountPlan.from_excel(out / f"account_plan_{account_id}.xlsx")
    row = own.set_index("account_id").loc[account_id]
    assert (plan.account_id, plan.name) == (account_id, row["name"])
    assert plan.capacity_cny == row["capacity_cny"] and plan.revenue_cny == row["current_cny"]
    assert plan.roi() is not None and plan.objectives and plan.contingency
    assert (out / f"account_plan_{account_id}.md").read_text(encoding="utf-8").startswith("# ")
