"""Keep committed notebooks clean: outputs only in the cells that nbval checks.

    python tools/notebook_outputs.py strip  [NOTEBOOK ...]   # drop outputs, keep checked cells'
    python tools/notebook_outputs.py refresh [NOTEBOOK ...]  # execute, then keep checked cells'

Without notebooks it works on every notebook under notebooks/ and exercises/. Checked cells
start with ``# NBVAL_CHECK_OUTPUT``; `refresh` runs the notebook with papermill (kernel
python3, from a temporary folder) so the pinned output is what a learner would see.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

import nbformat

REPO = Path(__file__).resolve().parent.parent
MARK = "NBVAL_CHECK_OUTPUT"


def all_notebooks() -> list[Path]:
    return sorted(
        p
        for folder in ("notebooks", "exercises")
        for p in (REPO / folder).rglob("*.ipynb")
        if ".ipynb_checkpoints" not in p.parts
    )


def strip(nb: nbformat.NotebookNode, executed: nbformat.NotebookNode | None = None) -> None:
    """Clear outputs and counts in place; checked cells take output and count from ``executed``."""
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        cell.metadata.pop("execution", None)
        cell.metadata.pop("papermill", None)
        if MARK not in cell.source:
            cell.outputs, cell.execution_count = [], None
        elif executed is not None:
            # nbval compares only cells that carry an execution count ("unrun" cells fail).
            cell.outputs = executed.cells[index].outputs
            cell.execution_count = executed.cells[index].execution_count
    nb.metadata.pop("papermill", None)


def refresh(path: Path) -> nbformat.NotebookNode:
    import papermill

    with tempfile.TemporaryDirectory() as scratch:
        # The kernel inherits this: widgets save into the scratch folder, not a learner's workbook.
        os.environ["KAMLIB_WORKBOOK"] = str(Path(scratch) / "workbook.json")
        # The pinned outputs are those of the course's default settings, as in the tests,
        # whatever settings file this machine's user has.
        os.environ["KAMLIB_SETTINGS"] = str(REPO / "kamlib" / "course_settings.toml")
        out = Path(scratch) / path.name
        papermill.execute_notebook(
            str(path), str(out), kernel_name="python3", cwd=scratch, progress_bar=False
        )
        return nbformat.read(out, as_version=4)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=("strip", "refresh"))
    parser.add_argument("notebooks", nargs="*", type=Path)
    args = parser.parse_args(argv)
    for path in args.notebooks or all_notebooks():
        nb = nbformat.read(path, as_version=4)
        executed = refresh(path) if args.command == "refresh" else None
        strip(nb, executed)
        nbformat.write(nb, path)
        print(f"{args.command}: {path.relative_to(REPO) if path.is_absolute() else path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
