"""Learner code runs isolated: a tampering submission changes nothing and scores 0, a looping
cell costs only its own task, a broken notebook does not stop the batch, results are written
as they come, and the weaker fallback mode says its name.

A small exercise (tasks 1.1–1.3 of the course, answered in code) keeps each run short; the
bubblewrap tests are skipped where bubblewrap cannot run (the Makefile installs it in CI).
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from kamlib.grading.batch import grade_folder
from kamlib.grading.expected import expected_answers
from kamlib.grading.release import release_notebook
from kamlib.grading.sandbox import Limits, bubblewrap_works

pytestmark = pytest.mark.notebook

REPO = Path(__file__).resolve().parent.parent
NAME = "exercise_1_kam_overview"
needs_bubblewrap = pytest.mark.skipif(not bubblewrap_works(),
                                      reason="bubblewrap cannot run on this machine")
LIMITS = Limits(cell_seconds=6, notebook_seconds=120)


def exercise() -> nbformat.NotebookNode:
    """The instructor's small exercise: set-up, then three answer cells (one point each)."""
    cells = [new_markdown_cell("# Exercise 1: a short one"),
             new_code_cell("from kamlib.widgets.answers import answer")]
    for task in ("1.1", "1.2", "1.3"):
        cells.append(new_code_cell(f'answer("{task}")', metadata={"kamlib": {"task": task}}))
    return new_notebook(cells=cells)


@pytest.fixture
def course(tmp_path) -> tuple[Path, Path]:
    """(source folder, submissions folder)."""
    source = tmp_path / "source"
    source.mkdir()
    nbformat.write(exercise(), source / f"{NAME}.ipynb")
    subs = tmp_path / "subs"
    subs.mkdir()
    return source, subs


def submit(subs: Path, learner: str, *code: str) -> Path:
    """The released exercise with the learner's own code cells appended."""
    notebook = release_notebook(exercise())
    notebook.cells += [new_code_cell(text) for text in code]
    folder = subs / learner
    folder.mkdir()
    path = folder / f"{NAME}.ipynb"
    nbformat.write(notebook, path)
    return path


def right(task: str) -> str:
    return repr(expected_answers([task])[task])


def fingerprint(*folders: Path) -> dict[str, str]:
    """Every file under ``folders`` with its SHA-256."""
    return {str(p): hashlib.sha256(p.read_bytes()).hexdigest()
            for folder in folders for p in sorted(folder.rglob("*"))
            if p.is_file() and "__pycache__" not in p.parts}


def scores(results: list[dict]) -> dict[str, dict[str, float]]:
    return {r["learner"]: {task: t["points"] for task, t in r["exercises"][NAME]["tasks"].items()}
            for r in results}


TAMPERING = (
    # patch the checks in its own kernel
    "import kamlib.exercises.judging as j, kamlib.exercises.feedback as f\n"
    "j.judge = f.check = lambda *a, **k: j.Feedback('1.1', 'correct', '', 1.0)",
    # write into the package it runs on, and into the course repository
    "import kamlib, pathlib\n"
    "with open(pathlib.Path(kamlib.__file__).parent / 'exercises' / 'judging.py', 'a') as out:\n"
    "    out.write('PWNED = 1')",
    "with open(pathlib.Path(kamlib.__file__).parent / 'pwned.py', 'w') as out:\n"
    "    out.write('PWNED = 1')",
    "pathlib.Path({repo!r}, 'kamlib', 'pwned.py').write_text('PWNED = 1')",
    # overwrite another learner's submission
    "import pathlib\npathlib.Path({victim!r}).write_text('{{}}')",
    # read the solutions and the grader's expected answers
    "import pathlib\nsolutions = pathlib.Path({repo!r}, 'exercises', 'source').read_text()",
    "from kamlib.grading.expected import expected_answers\n"
    "answer_1_1, answer_1_2, answer_1_3 = (expected_answers()[t] for t in ('1.1', '1.2', '1.3'))",
    # the network (an address, so that no name lookup is needed)
    "import socket\nsocket.create_connection(('151.101.0.223', 443), timeout=3)",
)


@needs_bubblewrap
def test_a_tampering_submission_scores_0_and_changes_nothing(course):
    source, subs = course
    blank = submit(subs, "b_blank")  # graded after the tampering one
    victim = submit(subs, "c_good", f"answer_1_1 = {right('1.1')}",
                    f"answer_1_2 = {right('1.2')}", f"answer_1_3 = {right('1.3')}")
    submit(subs, "a_tamper", *(code.format(repo=str(REPO), victim=str(victim))
                               for code in TAMPERING))
    protected = (REPO / "kamlib", REPO / "exercises", victim.parent, blank.parent)
    before = fingerprint(*protected)
    grader_workbook = Path(os.environ["KAMLIB_WORKBOOK"])
    workbook_before = grader_workbook.read_bytes() if grader_workbook.exists() else None

    results = grade_folder(subs, subs.parent / "out", source_dir=source, limits=LIMITS,
                           workers=1, sandbox="bubblewrap")

    assert fingerprint(*protected) == before
    assert not (REPO / "kamlib" / "pwned.py").exists()
    assert (grader_workbook.read_bytes() if grader_workbook.exists() else None) == workbook_before
    points = scores(results)
    assert points["a_tamper"] == {"1.1": 0, "1.2": 0, "1.3": 0}
    assert points["b_blank"] == {"1.1": 0, "1.2": 0, "1.3": 0}
    assert points["c_good"] == {"1.1": 1, "1.2": 1, "1.3": 1}  # the sandbox is not just failing
    tamper = next(r for r in results if r["learner"] == "a_tamper")["exercises"][NAME]
    assert tamper["run"]["mode"] == "bubblewrap"
    failures = [cell["detail"] for cell in tamper["run"]["cells"] if cell["status"] == "error"]
    assert any("Read-only file system" in f or "Permission denied" in f for f in failures)
    assert any("No such file or directory" in f for f in failures)  # the victim, the solutions
    assert any("ModuleNotFoundError: No module named 'kamlib.grading'" in f for f in failures)
    assert any("Network is unreachable" in f for f in failures), failures


@needs_bubblewrap
def test_a_looping_cell_costs_only_its_own_task_and_a_broken_notebook_does_not_stop(course,
                                                                                   capsys):
    source, subs = course
    submit(subs, "loops", f"answer_1_1 = {right('1.1')}",
           f"while True:\n    pass\nanswer_1_2 = {right('1.2')}",
           f"answer_1_3 = {right('1.3')}")
    (subs / "broken").mkdir()
    (subs / "broken" / f"{NAME}.ipynb").write_text('{"cells": [')
    results = grade_folder(subs, subs.parent / "out", source_dir=source, limits=LIMITS)
    assert scores(results) == {"broken": {"1.1": 0, "1.2": 0, "1.3": 0},
                               "loops": {"1.1": 1, "1.2": 0, "1.3": 1}}
    loops = next(r for r in results if r["learner"] == "loops")["exercises"][NAME]["run"]
    assert [cell["status"] for cell in loops["cells"]][-3:] == ["ok", "timeout", "ok"]
    broken = next(r for r in results if r["learner"] == "broken")["exercises"][NAME]
    assert broken["notebook"]["state"] == "unreadable"
    assert "not a readable notebook" in broken["notebook"]["detail"]
    console = capsys.readouterr()
    assert "ZMQError" not in console.err + console.out and "Traceback" not in console.err


def test_the_weaker_fallback_mode_says_its_name(course, capsys):
    source, subs = course
    submit(subs, "ann", f"answer_1_1 = {right('1.1')}", "answer_1_2 = 'fifty'")
    results = grade_folder(subs, subs.parent / "out", source_dir=source, limits=LIMITS,
                           sandbox="process")
    assert scores(results) == {"ann": {"1.1": 1, "1.2": 0, "1.3": 0}}
    assert results[0]["sandbox"] == "process"
    assert "WEAKER FALLBACK" in capsys.readouterr().err
    gradebook = (subs.parent / "out" / "gradebook.csv").read_text(encoding="utf-8-sig")
    assert ",process," in gradebook


def test_results_are_written_as_they_come(course):
    source, subs = course
    for name in ("ann", "bob", "cat"):
        submit(subs, name)
    out = subs.parent / "out"
    seen = []

    def crash_after_the_first(result):
        seen.append(result["learner"])
        raise RuntimeError("the machine went down")

    with pytest.raises(RuntimeError, match="went down"):
        grade_folder(subs, out, source_dir=source, workers=1, run="never",
                     on_result=crash_after_the_first)
    assert seen == ["ann"]
    assert json.loads((out / "learners" / "ann.json").read_text())["learner"] == "ann"
    assert (out / "feedback" / "ann.html").is_file()
    rows = (out / "gradebook.csv").read_text(encoding="utf-8-sig").splitlines()
    assert len(rows) == 2 and rows[1].startswith("ann,")


def test_tmp_is_mounted_before_the_binds_that_may_live_under_it(tmp_path):
    """A course or Python installed under /tmp (a CI checkout there) was hidden by the
    sandbox's empty /tmp, mounted after it: every run 'ended early' and scored 0."""
    from kamlib.grading import sandbox

    command, _env, _scratch = sandbox._command("bubblewrap", tmp_path, tmp_path)
    first_bind = next(i for i, arg in enumerate(command) if arg in ("--ro-bind", "--bind"))
    assert command.index("--tmpfs") < first_bind
