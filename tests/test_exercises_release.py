"""Release of learner notebooks: conversion rules, determinism, leak scan and command line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

import kamlib
from kamlib.grading import release as releasing
from kamlib.grading.__main__ import main
from kamlib.validation import KamValueError

SOLUTION_CELL = """\
revenue = load_revenue()
### BEGIN SOLUTION
answer_1_1 = None  # prompt
answer_1_1 = top_share(revenue)
### END SOLUTION
check("1.1")"""

HIDDEN_CELL = """\
check("1.1")
### BEGIN HIDDEN TESTS
assert abs(answer_1_1 - 0.6234) < 1e-3
### END HIDDEN TESTS"""

WRITTEN_CELL = """\
**1.2** Why keep a key account rather than win a new one?

### BEGIN SOLUTION
Keeping costs a fifth of winning.
### END SOLUTION"""

INDENTED_CELL = """\
def f():
    ### BEGIN SOLUTION
    x = 1  # prompt
    x = 2
    ### END SOLUTION
    return x"""

MARKED_CELL = """\
Notes for the marker.
=== BEGIN MARK SCHEME ===
Award a point for naming retention profit.
=== END MARK SCHEME ==="""


def make_source(folder: Path, name: str = "lecture1.ipynb") -> Path:
    """An instructor notebook using every convention, executed (with outputs)."""
    notebook = new_notebook(
        cells=[
            new_markdown_cell("# Exercise 1"),
            new_code_cell(
                SOLUTION_CELL,
                execution_count=3,
                outputs=[new_output("stream", name="stdout", text="0.6234\n")],
                metadata={"execution": {"iopub.execute_input": "2025-01-01T10:00:00"}},
            ),
            new_code_cell(HIDDEN_CELL, metadata={"nbgrader": {"grade": True, "points": 2}}),
            new_markdown_cell(WRITTEN_CELL),
            new_markdown_cell(MARKED_CELL),
            new_code_cell("secret_key = compute_expected()", metadata={"tags": ["instructor"]}),
            new_code_cell(INDENTED_CELL),
        ],
        metadata={"kernelspec": {"name": "conda-env-alice-py", "display_name": "Alice"},
                  "kamlib": {"minutes": 45, "syllabus": ["L1.1"],
                             "alt_parameters": {"account_id": "AC002"}}},
    )
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    nbformat.write(notebook, path)
    return path


@pytest.fixture
def course(tmp_path: Path) -> tuple[Path, Path]:
    source, release = tmp_path / "source", tmp_path / "release"
    make_source(source)
    return source, release


def read_release(release: Path, name: str = "lecture1.ipynb") -> nbformat.NotebookNode:
    return nbformat.read(release / name, as_version=4)


def test_release_applies_every_rule(course):
    source, release = course
    written = releasing.release(source, release)
    assert written == [release / "lecture1.ipynb"]
    nbformat.validate(read_release(release))
    cells = read_release(release).cells
    assert [cell.source for cell in cells] == [
        "# Exercise 1",
        'revenue = load_revenue()\n# YOUR CODE HERE\nanswer_1_1 = None\ncheck("1.1")',
        'check("1.1")',
        "**1.2** Why keep a key account rather than win a new one?\n\nYOUR ANSWER HERE",
        "Notes for the marker.",
        "def f():\n    # YOUR CODE HERE\n    x = 1\n    return x",
    ]
    assert cells[1].outputs == [] and cells[1].execution_count is None
    assert "execution" not in cells[1].metadata
    # code is folded for learners, who answer in widgets; text stays open
    assert all(c.metadata["jupyter"]["source_hidden"] for c in cells if c.cell_type == "code")
    assert all("jupyter" not in c.metadata for c in cells if c.cell_type == "markdown")
    assert cells[2].metadata["nbgrader"] == {"grade": True, "points": 2}


def test_release_keeps_cell_ids_and_sets_python3_kernel(course):
    source, release = course
    releasing.release(source, release)
    original = nbformat.read(source / "lecture1.ipynb", as_version=4)
    kept = [cell.id for cell in original.cells if "instructor" not in cell.metadata.get("tags", [])]
    released = read_release(release)
    assert [cell.id for cell in released.cells] == kept
    assert released.metadata.kernelspec.name == "python3"
    # the learner's copy states its time; the syllabus and test parameters stay the instructor's
    assert released.metadata.kamlib == {"minutes": 45}


def test_release_gives_stable_ids_to_cells_without_one(tmp_path):
    notebook = new_notebook(cells=[new_code_cell("a = 1"), new_markdown_cell("text")])
    for cell in notebook.cells:
        del cell["id"]
    assert [c.id for c in releasing.release_notebook(notebook).cells] == ["cell-1", "cell-2"]


def test_release_is_deterministic_and_checkable(course):
    source, release = course
    releasing.release(source, release)
    first = (release / "lecture1.ipynb").read_bytes()
    releasing.release(source, release)
    assert (release / "lecture1.ipynb").read_bytes() == first
    assert releasing.check_release_up_to_date(source, release) == []


def test_check_release_names_stale_missing_and_orphan_notebooks(course):
    source, release = course
    releasing.release(source, release)
    make_source(source, "lecture2.ipynb")
    stale = nbformat.read(source / "lecture1.ipynb", as_version=4)
    stale.cells[0].source = "# Exercise 1 (revised)"
    nbformat.write(stale, source / "lecture1.ipynb")
    (release / "old.ipynb").write_text((release / "lecture1.ipynb").read_text())
    differences = releasing.check_release_up_to_date(source, release)
    assert len(differences) == 3
    assert "lecture1.ipynb: out of date (first difference in cell 1)" in differences[0]
    assert "lecture2.ipynb: missing; run `make release`" in differences[1]
    assert "old.ipynb: has no source notebook; delete it." in differences[2]


def test_released_notebook_runs_top_to_bottom(course):
    """The prompts keep the release runnable: every answer is simply not set yet."""
    source, release = course
    releasing.release(source, release)
    namespace = {"load_revenue": lambda: [1, 2], "check": lambda task: task}
    code = [cell.source for cell in read_release(release).cells if cell.cell_type == "code"]
    for text in code:
        exec(text, namespace)
    assert namespace["answer_1_1"] is None and namespace["f"]() == 1


def test_release_refuses_to_write_into_the_sources(course):
    source, _ = course
    with pytest.raises(KamValueError, match="release_dir: got .*; expected a folder outside"):
        releasing.release(source, source)
    with pytest.raises(KamValueError, match="release_dir: got .*; expected a folder outside"):
        releasing.release(source, source / "release")


def test_release_rejects_missing_source_and_bad_release_path(tmp_path, course):
    source, _ = course
    message = "source_dir: got '.*nowhere'; expected an existing folder"
    with pytest.raises(KamValueError, match=message):
        releasing.release(tmp_path / "nowhere", tmp_path / "out")
    with pytest.raises(KamValueError, match="release_dir: got 3; expected a folder path"):
        releasing.release(source, 3)
    with pytest.raises(KamValueError, match="release_dir: got None; expected a folder path"):
        releasing.check_release_up_to_date(source, None)


def test_release_rejects_a_damaged_source(tmp_path):
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "broken.ipynb").write_text("{not json")
    message = "source notebook: got 'broken.ipynb'; expected a readable notebook"
    with pytest.raises(KamValueError, match=message):
        releasing.release(tmp_path / "src", tmp_path / "out")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("### BEGIN SOLUTION\nx = 1", "cell 1: solution region has no END marker"),
        ("x = 1\n### END SOLUTION", "cell 1: END of solution without a matching BEGIN"),
        (
            "### BEGIN SOLUTION\n### BEGIN HIDDEN TESTS\n### END HIDDEN TESTS\n### END SOLUTION",
            "cell 1: hidden tests begins inside an open solution region",
        ),
        ("### BEGIN HIDDEN TESTS\nx\n### END SOLUTION", "cell 1: END of solution without a"),
    ],
)
def test_unbalanced_markers_are_refused(text, message):
    notebook = new_notebook(cells=[new_code_cell(text)])
    with pytest.raises(KamValueError, match=f"ex.ipynb {message}"):
        releasing.release_notebook(notebook, name="ex.ipynb")


def test_release_notebook_rejects_what_is_not_a_notebook():
    with pytest.raises(KamValueError, match="source: got 'dict'; expected a notebook"):
        releasing.release_notebook({"cells": []})


def test_leak_scan_passes_a_fresh_release(course):
    source, release = course
    releasing.release(source, release)
    answers = [0.62341, ["AC001", "AC007"]]
    assert releasing.leak_scan(release, source_dir=source, answers=answers) == []


def tamper(release: Path, *cells: nbformat.NotebookNode) -> None:
    notebook = read_release(release)
    notebook.cells.extend(cells)
    nbformat.write(notebook, release / "lecture1.ipynb")


def test_leak_scan_finds_every_kind_of_leak(course):
    source, release = course
    releasing.release(source, release)
    tamper(
        release,
        new_code_cell("answer_1_1 = top_share(revenue)"),
        new_code_cell("assert abs(answer_1_1 - 0.6234) < 1e-3"),
        new_markdown_cell("Keeping costs a fifth of winning.\n### BEGIN SOLUTION"),
        new_code_cell("print('hi')", metadata={"tags": ["instructor"]}),
        new_code_cell("", outputs=[new_output("stream", name="stdout", text="0.6234\n")]),
        new_markdown_cell("The top accounts are AC001, AC007."),
    )
    leaks = releasing.leak_scan(release, source_dir=source, answers=[0.62341, ["AC007", "AC001"]])
    found = {(leak.cell, leak.kind) for leak in leaks}
    assert found == {
        (7, "instructor line"),
        (8, "instructor line"),
        (8, "expected answer"),
        (9, "instructor line"),
        (9, "marker"),
        (10, "instructor cell"),
        (11, "instructor line"),
        (11, "expected answer"),
        (12, "expected answer"),
    }
    assert str(leaks[0]) == (
        "lecture1.ipynb cell 7: instructor line: answer_1_1 = top_share(revenue)"
    )


def test_leak_scan_reads_display_and_error_outputs(course):
    source, release = course
    releasing.release(source, release)
    tamper(
        release,
        new_code_cell("show()", outputs=[new_output("display_data", data={"text/plain": "62.34"})]),
        new_code_cell(
            "check()",
            outputs=[
                new_output(
                    "error",
                    ename="AssertionError",
                    evalue="answer_1_1 = top_share(revenue)",
                    traceback=[],
                )
            ],
        ),
        new_code_cell(
            "table()",
            outputs=[new_output("execute_result", data={"text/html": "<td>0.6234</td>"})],
        ),
    )
    leaks = releasing.leak_scan(release, source_dir=source, answers=[0.62341])
    assert {(leak.cell, leak.kind, leak.detail) for leak in leaks} == {
        (7, "expected answer", "62.34"),
        (8, "instructor line", "answer_1_1 = top_share(revenue)"),
        (9, "expected answer", "0.6234"),
    }


@pytest.mark.parametrize(
    "text", ["### end  solution", "# Begin Hidden Tests", "=== END\tMARK SCHEME ==="]
)
def test_leak_scan_finds_markers_however_spelled(course, text):
    source, release = course
    releasing.release(source, release)
    tamper(release, new_markdown_cell(f"Notes\n{text}\nmore notes"))
    leaks = releasing.leak_scan(release, source_dir=source, answers=[])
    assert [(leak.cell, leak.kind) for leak in leaks] == [(7, "marker")]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("The total is 1234.", "1234"),  # a full stop after the number is still the number
        ("The total is 1,234 yuan", "1,234"),
        ("total = (1234)", "1234"),
        ("answer = ['AC001', 'AC007']", "['AC001', 'AC007']"),  # starts with a bracket
        ("pi is about 3.1234", None),  # part of a decimal, not the answer 1234
        ("version 2.1234.5", None),
        ("12345 orders", None),
        ("code AC0012345", None),
    ],
)
def test_leak_scan_matches_answers_as_whole_values_only(course, text, found):
    source, release = course
    releasing.release(source, release)
    tamper(release, new_markdown_cell(text))
    leaks = releasing.leak_scan(release, source_dir=source, answers=[1234, ["AC001", "AC007"]])
    assert [leak.detail for leak in leaks] == ([] if found is None else [found])


def test_leak_scan_reports_an_unreadable_release(course):
    source, release = course
    release.mkdir()
    (release / "lecture1.ipynb").write_text("{")
    [leak] = releasing.leak_scan(release, source_dir=source, answers=[])
    assert (leak.file, leak.kind) == ("lecture1.ipynb", "unreadable")


def test_leak_scan_rejects_missing_folders(tmp_path, course):
    source, _ = course
    message = "release_dir: got '.*missing'; expected an existing folder"
    with pytest.raises(KamValueError, match=message):
        releasing.leak_scan(tmp_path / "missing", source_dir=source, answers=[])


@pytest.mark.parametrize(
    ("value", "forms"),
    [
        (0.62341, {"0.623", "0.6234", "62.3", "62.34"}),
        (0.5, set()),
        (7, set()),
        (True, set()),
        (1234567.0, {"1234567", "1,234,567"}),
        ("cash cow", {"cash cow"}),
        ("A", set()),
        (["B2", "A1"], {"['B2', 'A1']", "['A1', 'B2']", "B2, A1", "A1, B2"}),
        ({"a": 1}, set()),
    ],
)
def test_answer_forms(value, forms):
    assert releasing.answer_forms(value) == forms


def test_default_folders_come_from_the_package():
    root = Path(kamlib.__file__).resolve().parent.parent
    assert releasing.SOURCE_DIR == root / "exercises" / "source"
    assert releasing.RELEASE_DIR == root / "exercises" / "release"


def test_cli_release_then_check(course, capsys, tmp_path):
    source, release = course
    args = ["--source", str(source), "--release", str(release),
            "--answer-key", str(tmp_path / "key.json")]
    assert main(["release", "--no-bundle", *args]) == 0
    assert "wrote 1 notebook(s)" in capsys.readouterr().out
    assert main(["check-release", *args]) == 0
    tamper(release, new_code_cell("answer_1_1 = top_share(revenue)"))
    assert main(["check-release", *args]) == 1
    out = capsys.readouterr().out
    assert "out of date" in out and "instructor line" in out and "2 problem(s) found." in out


def test_cli_reports_bad_input_with_exit_code_2(tmp_path, capsys):
    code = main(["release", "--source", str(tmp_path / "nowhere"), "--release", str(tmp_path)])
    assert code == 2
    assert "error: source_dir: got" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_info:
        main(["batch", str(tmp_path)])  # --out is required
    assert exit_info.value.code == 2


@pytest.mark.slow
def test_cli_runs_as_a_module_from_any_folder(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "kamlib.grading", "check-release", "--help"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "answer-key" in result.stdout and "source" in result.stdout


def test_committed_release_is_up_to_date_and_leak_free():
    """The repository's own exercises: the committed release is what the command writes."""
    assert releasing.check_release_up_to_date() == []
    assert releasing.leak_scan() == []
