"""Every notebook of the course runs top to bottom, and is committed clean.

Notebooks are discovered, never listed: a new notebook under notebooks/ or exercises/ is
picked up without editing this file. Each runs under papermill with its default parameters
and, when its metadata names them (``metadata.kamlib.alt_parameters``), with a second set,
from a working directory outside the repository.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import nbformat
import papermill
import pytest

REPO = Path(__file__).resolve().parent.parent
NOTEBOOK_DIRS = ("notebooks", "exercises")


def course_notebooks() -> list[Path]:
    """All committed course notebooks (checkpoints excluded)."""
    found = []
    for folder in NOTEBOOK_DIRS:
        notebooks = sorted((REPO / folder).rglob("*.ipynb"))
        found += [p for p in notebooks if ".ipynb_checkpoints" not in p.parts]
    return found


def runs() -> list:
    """(notebook, parameters) pairs: the defaults, plus the notebook's alternative set."""
    cases = []
    for path in course_notebooks():
        name = str(path.relative_to(REPO))
        cases.append(pytest.param(path, {}, id=f"{name}[defaults]"))
        meta = json.loads(path.read_text(encoding="utf-8")).get("metadata", {})
        alternative = meta.get("kamlib", {}).get("alt_parameters")
        if alternative:
            cases.append(pytest.param(path, alternative, id=f"{name}[alt]"))
    return cases


def test_course_has_notebooks() -> None:
    assert (REPO / "notebooks" / "00_start_here.ipynb") in course_notebooks()


def executed_path(notebook: Path, parameters: dict, tmp_path: Path) -> Path:
    """Where the executed copy goes: under ``KAMLIB_EXECUTED_NOTEBOOKS`` for a run with the
    defaults when set (``make test`` sets it: ``make site`` then reuses these runs), else
    into the test's own folder."""
    keep = os.environ.get("KAMLIB_EXECUTED_NOTEBOOKS")
    if keep and not parameters:
        path = Path(keep) / notebook.relative_to(REPO)
        path.parent.mkdir(parents=True, exist_ok=True)
        return path
    return tmp_path / notebook.name


@pytest.mark.notebook
@pytest.mark.parametrize(("notebook", "parameters"), runs())
def test_notebook_runs_top_to_bottom(
    notebook: Path, parameters: dict, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """papermill raises PapermillExecutionError naming the cell on any error."""
    # A fresh learner: the kernel saves into a workbook of this run only.
    monkeypatch.setenv("KAMLIB_WORKBOOK", str(tmp_path / "workbook" / "learner.json"))
    papermill.execute_notebook(
        str(notebook),
        str(executed_path(notebook, parameters, tmp_path)),
        parameters=parameters,
        kernel_name="python3",
        cwd=str(tmp_path),
        progress_bar=False,
    )


@pytest.mark.parametrize("notebook", course_notebooks(), ids=lambda p: str(p.relative_to(REPO)))
def test_notebook_is_committed_clean(notebook: Path) -> None:
    """No outputs or execution counts (except cells nbval checks), kernel python3."""
    nb = nbformat.read(notebook, as_version=4)
    nbformat.validate(nb)
    assert nb.metadata.get("kernelspec", {}).get("name") == "python3", "kernel must be python3"
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        checked = "NBVAL_CHECK_OUTPUT" in cell.source
        assert checked or not cell.outputs, f"cell {index} carries outputs"
        assert checked or cell.execution_count is None, f"cell {index} has an execution count"


def test_harness_rejects_a_dirty_notebook(tmp_path: Path) -> None:
    """The clean-notebook rule itself catches outputs and a personal kernel name."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "myenv", "display_name": "x", "language": "python"}
    cell = nbformat.v4.new_code_cell("1 + 1")
    result = nbformat.v4.new_output("execute_result", {"text/plain": "2"}, execution_count=1)
    cell.outputs = [result]
    cell.execution_count = 1
    nb.cells.append(cell)
    path = tmp_path / "dirty.ipynb"
    nbformat.write(nb, path)
    with pytest.raises(AssertionError, match="kernel must be python3"):
        test_notebook_is_committed_clean(path)
    nb.metadata["kernelspec"]["name"] = "python3"
    nbformat.write(nb, path)
    with pytest.raises(AssertionError, match="carries outputs"):
        test_notebook_is_committed_clean(path)
