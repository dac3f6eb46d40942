"""The course's own exercises: every task answered in a widget, model answers that the grader
accepts, a release and a learner bundle that hold no solution and no expected answer.

Costs: one sandboxed run of exercise 1's source, one papermill run of the capstone on a CRM
export, one learner bundle written and scanned twice.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

import nbformat
import papermill
import pytest

from kamlib import case, datasets
from kamlib.account_plan import AccountPlan
from kamlib.exercises.tasks import task_spec, task_specs
from kamlib.grading import release as releasing
from kamlib.grading.batch import grade_folder
from kamlib.grading.bundle import MANIFEST, scan_bundle, write_bundle
from kamlib.grading.course import read_exercises
from kamlib.grading.expected import expected_answers
from kamlib.workbook import Workbook

REPO = Path(__file__).resolve().parent.parent
SOURCE = REPO / "exercises" / "source"
RELEASE = REPO / "exercises" / "release"
CRM_EXPORT = REPO / "exercises" / "data" / "sample_crm_export.csv"
_spec = importlib.util.spec_from_file_location("lecture_time", REPO / "tools" / "lecture_time.py")
lecture_time = importlib.util.module_from_spec(_spec)
sys.modules.setdefault("lecture_time", lecture_time)  # dataclasses look their module up
_spec.loader.exec_module(lecture_time)


# --- every task has its widget, its points and (if it has one) a right answer among the options


def test_every_task_is_declared_once_with_its_answer_widget():
    declared = {}
    for path in sorted(SOURCE.glob("*.ipynb")):
        for cell in nbformat.read(path, as_version=4).cells:
            task = cell.metadata.get("kamlib", {}).get("task")
            if task:
                assert task not in declared, task
                declared[task] = path.name
                assert re.search(rf'answer\("{re.escape(task)}"', cell.source), (task, cell.source)
    assert set(declared) == {spec.task_id for spec in task_specs()}
    for exercise in read_exercises():
        assert len(exercise.tasks) >= 8 and exercise.possible >= 11, exercise.name


def test_right_answers_are_among_the_options_offered():
    for task_id, answer in expected_answers().items():
        spec = task_spec(task_id)
        keys = {key for key, _label in spec.choices()}
        if spec.kind == "choice":
            assert answer in keys, task_id
        elif spec.kind in ("tick", "ids"):
            assert set(answer) <= keys and answer, task_id
            assert spec.kind == "ids" or len(answer) < len(keys), task_id  # a real choice


def test_the_learner_path_has_no_code_to_type():
    """Released exercises: every code cell folded, no text asking to write or edit code."""
    asks_for_code = re.compile(r"YOUR CODE HERE|Set `answer_|replace .*= None|`check\(", re.I)
    for path in sorted(RELEASE.glob("*.ipynb")):
        notebook = nbformat.read(path, as_version=4)
        for number, cell in enumerate(notebook.cells, start=1):
            if cell.cell_type == "code":
                assert cell.metadata["jupyter"]["source_hidden"], (path.name, number)
                assert "answer_" not in cell.source, (path.name, number)
            else:
                assert not asks_for_code.search(cell.source), (path.name, number)


def test_the_committed_release_is_current_and_leaks_nothing():
    assert releasing.check_release_up_to_date() == []
    assert releasing.leak_scan() == []


# --- the model answers are accepted by the grader ---------------------------------------------


@pytest.mark.notebook
def test_the_model_answers_of_exercise_1_score_full_marks_in_the_sandbox(tmp_path):
    name = "exercise_1_kam_overview"
    (tmp_path / "subs" / "model").mkdir(parents=True)
    shutil.copyfile(SOURCE / f"{name}.ipynb", tmp_path / "subs" / "model" / f"{name}.ipynb")
    [result] = grade_folder(tmp_path / "subs", tmp_path / "out")
    graded = result["exercises"][name]
    assert graded["notebook"]["state"] == "run" and graded["run"]["problems"] == []
    statuses = {task: (t["status"], t["source"]) for task, t in graded["tasks"].items()}
    assert statuses.pop("1.9") == ("to mark", "code")
    assert set(statuses.values()) == {("correct", "code")}, statuses
    assert graded["score"] == graded["possible"] - 2


@pytest.mark.notebook
def test_the_capstone_on_a_crm_export_is_answered_in_widgets_and_graded_from_the_workbook(
        tmp_path, monkeypatch):
    """The learner chose an account of their own export (no parameter to edit): the
    capstone's instructor cells drive its widgets as a learner would; the workbook they fill
    earns every point but the written answers the trainer marks, and the exported Excel plan
    reads back."""
    workbook = tmp_path / "subs" / "zhou" / "workbook.json"
    monkeypatch.setenv("KAMLIB_WORKBOOK", str(workbook))
    case.set_studied_account("KH003", accounts_file=str(CRM_EXPORT),
                             workbook=Workbook(workbook))
    papermill.execute_notebook(
        str(SOURCE / "capstone_my_account_plan.ipynb"), str(tmp_path / "capstone.ipynb"),
        kernel_name="python3", cwd=str(tmp_path), progress_bar=False)
    record = json.loads(workbook.read_text(encoding="utf-8"))["capstone/export"]
    plan = AccountPlan.from_excel(Path(record["folder"]) / record["files"]["excel"])
    row = datasets.read_crm_export(CRM_EXPORT).set_index("account_id").loc["KH003"]
    assert (plan.name, plan.capacity_cny, plan.revenue_cny) == (
        row["name"], row["capacity_cny"], row["current_cny"])
    assert plan.roi() is not None and len(plan.objectives) >= 2 and plan.contingency
    [result] = grade_folder(tmp_path / "subs", tmp_path / "out", run="never")
    capstone = result["exercises"]["capstone_my_account_plan"]
    assert {t["source"] for t in capstone["tasks"].values()} == {"widget"}
    written = {task for task, t in capstone["tasks"].items() if t["status"] == "to mark"}
    assert written == {"4.15", "4.16"}
    marks = (tmp_path / "out" / "manual_marks.csv").read_text(encoding="utf-8-sig")
    assert "answers / price / acknowledge: " in marks and "feature: " in marks  # readable
    to_mark = sum(capstone["tasks"][task]["possible"] for task in written)
    assert capstone["score"] == capstone["possible"] - to_mark == 17


# --- honest time ------------------------------------------------------------------------------


def test_each_exercise_states_the_time_the_course_rule_gives():
    """Every task cell declares its minutes; the exercise's metadata and its opening sentence
    state the total that tools/lecture_time.py computes."""
    for path in sorted(SOURCE.glob("*.ipynb")):
        notebook = nbformat.read(path, as_version=4)
        for cell in notebook.cells:
            meta = cell.metadata.get("kamlib", {})
            if "task" in meta:
                assert meta.get("minutes", 0) > 0, (path.name, meta["task"])
        total = lecture_time.estimate(path).total
        assert notebook.metadata["kamlib"]["minutes"] == total, path.name
        assert f"**Time: about {total} minutes.**" in notebook.cells[0].source, path.name


# --- the learner bundle ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    return write_bundle(tmp_path_factory.mktemp("bundle") / "learner-bundle",
                        secret="a course secret for the tests")


def test_the_bundle_holds_what_a_learner_needs_and_no_grader(bundle):
    assert not (bundle / "kamlib" / "grading").exists()
    assert sorted(p.name for p in (bundle / "exercises").glob("*.ipynb")) == sorted(
        p.name for p in RELEASE.glob("*.ipynb"))
    assert (bundle / "notebooks" / "00_start_here.ipynb").is_file()
    assert (bundle / "kamlib" / "data" / "accounts.csv").is_file()  # the case data
    assert not (bundle / "datasets").exists()  # its generator stays with the instructor
    project = tomllib.loads((bundle / "pyproject.toml").read_text())
    assert project["tool"]["setuptools"]["packages"]["find"]["exclude"] == ["kamlib.grading*"]
    assert "optional-dependencies" not in project["project"]
    manifest = json.loads((bundle / MANIFEST).read_text())
    for entry in manifest["files"]:
        data = (bundle / entry["path"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry["sha256"], entry["path"]
    key = json.loads((bundle / "kamlib" / "exercises" / "answer_key.json").read_text())
    repo_key = json.loads((REPO / "kamlib" / "exercises" / "answer_key.json").read_text())
    assert key["salt"] != repo_key["salt"] and key["digests"].keys() == repo_key["digests"].keys()


def test_the_bundle_gives_instant_feedback_without_the_grader(bundle, tmp_path):
    right = expected_answers(["1.6"])["1.6"]
    code = ("from kamlib.exercises import check; import kamlib, json; "
            f"print(json.dumps([check('1.6', {right!r}).status, check('1.6', '1').status, "
            "kamlib.__file__]))")
    env = {**os.environ, "PYTHONPATH": str(bundle), "KAMLIB_WORKBOOK": str(tmp_path / "w.json")}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=env, cwd=tmp_path, check=True)
    correct, wrong, where = json.loads(done.stdout)
    assert (correct, wrong) == ("correct", "wrong") and where.startswith(str(bundle))
    assert not list(bundle.rglob("grading"))


def test_the_bundle_scan_finds_nothing_then_every_planted_leak(bundle, tmp_path):
    assert scan_bundle(bundle) == []
    planted = shutil.copytree(bundle, tmp_path / "planted")
    answer = expected_answers(["1.5"])["1.5"]
    with open(planted / "kamlib" / "exercises" / "tasks_lecture1.py", "a") as module:
        module.write(f"\n\ndef _uncoupled():\n    return {answer!r}\n")
    (planted / "kamlib" / "exercises" / "helper.py").write_text(
        "from kamlib.grading.expected import expected_answers\n")
    notebook = nbformat.read(planted / "exercises" / "exercise_2_annual_plan.ipynb", 4)
    notebook.cells.append(nbformat.v4.new_markdown_cell("### BEGIN SOLUTION\nbuild"))
    nbformat.write(notebook, planted / "exercises" / "exercise_2_annual_plan.ipynb")
    problems = scan_bundle(planted)
    assert any("_uncoupled() returns the answer of task 1.5" in p for p in problems)
    assert any("helper.py imports kamlib.grading" in p for p in problems)
    assert any("marker: BEGIN SOLUTION" in p for p in problems)
    assert any("expected answer" in p and "tasks_lecture1.py" in p for p in problems)
