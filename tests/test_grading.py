"""Grading as data: the submissions layout, widget answers from each learner's own workbook,
the gradebook (CSV, Excel), the marks sheet, feedback reports and the class overview.

No notebook runs here (``run="never"``, or learners without code of their own); the sandbox
has its own tests in test_grading_sandbox.py.
"""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path

import openpyxl
import pytest

from kamlib.exercises.tasks import task_spec
from kamlib.grading.__main__ import main
from kamlib.grading.batch import grade_folder
from kamlib.grading.course import read_exercises
from kamlib.grading.expected import expected_answers
from kamlib.grading.gradebook import MARKS_FILE, neutralise, write_gradebook
from kamlib.grading.overview import class_overview
from kamlib.grading.submissions import find_learners, read_workbook
from kamlib.validation import KamValueError

REPO = Path(__file__).resolve().parent.parent
RELEASE = REPO / "exercises" / "release"
EXERCISES = [path.stem for path in sorted((REPO / "exercises" / "source").glob("*.ipynb"))]


def right_workbook() -> dict:
    """A workbook holding the right answer of every task that has one, as widgets save it."""
    sections = {}
    for task_id, expected in expected_answers().items():
        spec = task_spec(task_id)
        value = expected
        if task_id == "3.5":  # answered in the visit planner: one January visit per account
            value = [{"account_id": a, "date": "2026-01-12", "objective": "Agree the volumes"}
                     for a in expected]
        if task_id == "3.10":  # answered in the buying-centre map: person id -> role
            value = {person: role for role, people in expected.items() for person in people}
        sections[spec.answer_section] = {spec.field: value} if spec.field else value
    sections["exercise1/uncoupling/AC005"] = {"ratings": {"staff_changes": 2,
                                                          "lack_of_trust": 1,
                                                          "market_position": 3}}
    for task in ("1.9", "2.6", "2.11", "3.9"):  # written answers, for the trainer to mark
        sections[f"answers/{task}"] = f"My written answer to task {task}. " * 8
    return sections


def learner(root: Path, name: str, workbook: dict | str | None = None,
            notebooks: tuple[str, ...] = ()) -> Path:
    folder = root / name
    folder.mkdir(parents=True)
    if workbook is not None:
        text = workbook if isinstance(workbook, str) else json.dumps(workbook)
        (folder / "workbook.json").write_text(text, encoding="utf-8")
    for stem in notebooks:
        (folder / f"{stem}.ipynb").write_text((RELEASE / f"{stem}.ipynb").read_text())
    return folder


# --- the layout ---------------------------------------------------------------------------------


def test_notebooks_outside_learner_folders_are_refused(tmp_path):
    (tmp_path / "zhang_wei_exercise_1_kam_overview.ipynb").write_text("{}")
    with pytest.raises(KamValueError, match="lie outside a learner folder"):
        find_learners(tmp_path, exercises=EXERCISES)


@pytest.mark.parametrize(("first", "second"), [("Zhang.Wei", "zhang_wei"),
                                               ("li-na", "LI NA"), ("王伟", "王.伟")])
def test_names_a_trainer_could_confuse_stop_the_batch_before_grading(tmp_path, first, second):
    (tmp_path / first).mkdir()
    (tmp_path / second).mkdir()
    if " " in second:
        with pytest.raises(KamValueError, match="cannot name a learner"):
            find_learners(tmp_path, exercises=EXERCISES)
        return
    with pytest.raises(KamValueError, match=f"ambiguous learner names '{first}' and "
                                            f"'{second}'|ambiguous learner names '{second}'"):
        find_learners(tmp_path, exercises=EXERCISES)


def test_one_notebook_per_exercise_and_submission_times(tmp_path):
    folder = learner(tmp_path, "zhang_li", notebooks=("exercise_1_kam_overview",
                                                      "exercise_2_annual_plan"))
    (folder / "exercise_1_kam_overview-Copy1.ipynb").write_text("{}")
    (folder / "holiday.ipynb").write_text("{}")
    (folder / "submitted.json").write_text(json.dumps(
        {"exercise_2_annual_plan.ipynb": "2026-01-05T09:30:00+08:00"}))
    [files] = find_learners(tmp_path, exercises=EXERCISES)
    assert set(files.notebooks) == {"exercise_2_annual_plan"}
    assert "2 notebooks for this exercise" in files.refused["exercise_1_kam_overview"]
    assert any("holiday.ipynb: not an exercise" in note for note in files.notes)
    assert files.submitted["exercise_2_annual_plan.ipynb"] == "2026-01-05T09:30:00+08:00"
    assert files.submitted["exercise_1_kam_overview.ipynb"].endswith("+00:00")  # file time
    (folder / "submitted.json").write_text('{"x": "yesterday"}')
    [files] = find_learners(tmp_path, exercises=EXERCISES)
    assert any("submitted.json ignored" in note for note in files.notes)


@pytest.mark.parametrize(("text", "problem"), [
    ("[1, 2]", "not a workbook"), ("{broken", "not valid JSON"), (None, "no workbook.json")])
def test_an_unreadable_workbook_is_reported_not_trusted(tmp_path, text, problem):
    path = tmp_path / "workbook.json"
    if text is not None:
        path.write_text(text)
    sections, message = read_workbook(path if text is not None else None)
    assert sections == {} and problem in message


# --- grading widget answers -------------------------------------------------------------------


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """Four learners graded once: right answers in widgets, none, a damaged workbook, and a
    learner whose name and written answer look like spreadsheet formulas."""
    root = tmp_path_factory.mktemp("grading")
    subs, out = root / "subs", root / "results"
    grader_workbook = Path(os.environ["KAMLIB_WORKBOOK"])
    before = grader_workbook.read_bytes() if grader_workbook.exists() else None
    book = right_workbook()
    learner(subs, "ann", book, notebooks=tuple(EXERCISES))
    learner(subs, "bob", notebooks=("exercise_1_kam_overview",))
    learner(subs, "cat", "{not json")
    learner(subs, "-1.5", {**book, "answers/1.9": '=HYPERLINK("http://x","click")' + " x" * 80})
    results = grade_folder(subs, out, run="never")
    after = grader_workbook.read_bytes() if grader_workbook.exists() else None
    return {"subs": subs, "out": out, "results": {r["learner"]: r for r in results},
            "grader_workbook": (before, after)}


def test_widget_answers_are_graded_from_each_learners_own_workbook(graded):
    results = graded["results"]
    ann = results["ann"]["exercises"]
    keyed = expected_answers()
    for exercise in ann.values():
        for task, verdict in exercise["tasks"].items():
            if task in keyed or task == "1.7":
                assert (verdict["status"], verdict["source"]) == ("correct", "widget"), task
    assert all(t["points"] == 0 for ex in results["bob"]["exercises"].values()
               for t in ex["tasks"].values())  # nobody's entries but his own
    assert "workbook.json: not valid JSON" in results["cat"]["problems"][0]


def test_grading_never_writes_the_graders_workbook(graded):
    before, after = graded["grader_workbook"]
    assert before == after


def test_possible_is_per_exercise_and_declared_in_the_sources(graded):
    exercises = {ex.name: ex for ex in read_exercises()}
    for name, exercise in graded["results"]["ann"]["exercises"].items():
        assert exercise["possible"] == exercises[name].possible
    assert exercises["exercise_1_kam_overview"].possible == 11


def test_the_gradebook_neutralises_formulas_in_csv_and_excel(graded):
    out = graded["out"]
    rows = list(csv.DictReader((out / "gradebook.csv").open(encoding="utf-8-sig")))
    assert [row["learner"] for row in rows] == ["'-1.5", "ann", "bob", "cat"]
    ann = next(row for row in rows if row["learner"] == "ann")
    assert float(ann["exercise_1_kam_overview: score"]) == 9  # 1.9 (2 points) is to mark
    assert ann["exercise_1_kam_overview: possible"] == "11.0"
    assert ann["to mark"] == "4" and ann["sandbox"]
    marks = (out / MARKS_FILE).read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in marks and "\n=HYPERLINK" not in marks
    sheet = openpyxl.load_workbook(out / "gradebook.xlsx")["Gradebook"]
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert not any(cell.data_type == "f" for cell in cells)
    assert "'-1.5" in [cell.value for cell in cells]


def test_neutralise():
    assert [neutralise(v) for v in ("=1+1", "+1", "-x", "@SUM(A1)", "\tx", "fine", -3, None)] == [
        "'=1+1", "'+1", "'-x", "'@SUM(A1)", "'\tx", "fine", -3, None]


def test_manual_marks_merge_into_the_totals_and_the_feedback(graded, capsys):
    out = graded["out"]
    path = out / MARKS_FILE
    rows = list(csv.DictReader(path.open(encoding="utf-8-sig")))
    for row in rows:
        if row["learner"] == "ann" and row["task"] == "1.9":
            row.update(mark="1.5", comment="Name the accounts in stage 6.")
        if row["learner"] == "ann" and row["task"] == "2.6":
            row["mark"] = "5"  # above the 2 points: refused
    with path.open("w", encoding="utf-8-sig", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=rows[0].keys())
        writer.writeheader()
        writer.writerows(rows)
    table = write_gradebook(out, read_exercises()).set_index("learner")
    assert table.loc["ann", "1.9"] == 1.5 and table.loc["ann", "to mark"] == 3
    printed = capsys.readouterr().out
    assert "mark '5' of ann task 2.6 is not a number from 0 to 2; ignored" in printed
    kept = {(r["learner"], r["task"]): r for r in csv.DictReader(path.open(encoding="utf-8-sig"))}
    assert kept[("ann", "1.9")]["comment"] == "Name the accounts in stage 6."
    assert main(["gradebook", str(out)]) == 0
    page = (out / "feedback" / "ann.html").read_text(encoding="utf-8")
    assert "Name the accounts in stage 6." in page and "1.5 / 2" in page


def test_feedback_reports_escape_what_learners_wrote(graded):
    page = (graded["out"] / "feedback" / "-1.5.html").read_text(encoding="utf-8")
    assert "Feedback for -1.5" in page and "<script" not in page
    assert "HYPERLINK" not in page  # written answers are for the marks sheet, not echoed
    cat = (graded["out"] / "feedback" / "cat.html").read_text(encoding="utf-8")
    assert "not valid JSON" in cat


# --- the class overview ---------------------------------------------------------------------


def test_the_class_overview_shows_answers_and_charts_side_by_side(graded, tmp_path):
    subs = tmp_path / "subs"
    book = right_workbook()
    grid = {"scores": {"AC001": {"x": 0, "y": 4, "vip": False}},
            "rules": {"a_min_x": 3, "a_min_y": 3, "c_max_y": 1, "vip_overrides": True}}
    units = [{"name": "Line A", "market_growth_pct": 12.0, "own_share_pct": 20.0,
              "largest_rival_share_pct": 10.0, "revenue_cny": 5e6},
             {"name": "Line B", "market_growth_pct": 3.0, "own_share_pct": 5.0,
              "largest_rival_share_pct": 25.0, "revenue_cny": 2e6}]
    learner(subs, "zhou_min", {**book, "exercise3/xy_grid": grid,
                               "exercise2/bcg": {"units": units}})
    learner(subs, "bob", {"answers/1.6": "3", "exercise3/xy_grid": {"scores": {}},
                          "exercise2/bcg": {"units": units[:1]}})
    learner(subs, "cat", {"answers/1.6": "3", "exercise2/bcg": {"units": "broken"}})
    page = class_overview(subs)
    assert page.count("<img") == 4  # two XY grids, two BCG charts; the broken one left out
    assert "Learner 3" in page and "zhou_min" not in page
    assert "1 of 3 answered; 1 right." in page  # task 1.1: only zhou_min answered
    assert "Most common wrong answers: 3 Mid KAM" in page
    assert "✔" in page
    assert main(["overview", str(subs), "--out", str(tmp_path / "o.html"), "--names"]) == 0
    assert "zhou_min" in (tmp_path / "o.html").read_text(encoding="utf-8")


def test_overview_page_of_the_graded_batch_exists(graded):
    page = (graded["out"] / "class_overview.html").read_text(encoding="utf-8")
    assert "Class overview" in page and "4 learner(s)" in page
