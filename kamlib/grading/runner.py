"""Run one learner notebook and export its answer variables: the program inside the sandbox.

``python runner.py JOB.json`` reads the job (the notebook to run, the answer variables to
export, the seconds one cell may run), executes the notebook with nbclient (cells that fail
are recorded and the run goes on; a cell that runs too long is interrupted and the run goes
on), then runs one more cell, the harness, that prints the answer variables as JSON.
It writes ``result.json`` beside the job: the outcome of every cell and the exported values.

This file runs inside the sandbox with the learner's code, so it holds nothing secret and
imports nothing of kamlib: the grader reads its result as data and judges it itself.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

MARK = "KAMLIB-ANSWERS:"
MAX_VALUE_CHARACTERS = 100_000
HARNESS = '''
def _kamlib_harness(names, mark, limit):
    import json
    import math

    def plain(value, depth=0):
        if depth > 8:
            raise TypeError("nested too deep")
        if value is None or isinstance(value, (bool, str)):
            return value
        if isinstance(value, int):
            return int(value)
        if isinstance(value, float):
            return float(value) if math.isfinite(value) else None
        if type(value).__module__ == "numpy" and hasattr(value, "item") and not hasattr(
                value, "__len__"):
            return plain(value.item(), depth + 1)
        if isinstance(value, dict):
            return {str(key): plain(item, depth + 1) for key, item in value.items()}
        if isinstance(value, (list, tuple)):
            return [plain(item, depth + 1) for item in value]
        if isinstance(value, (set, frozenset)):
            return sorted((plain(item, depth + 1) for item in value), key=str)
        if hasattr(value, "tolist"):
            return plain(value.tolist(), depth + 1)
        if hasattr(value, "value") and not callable(value.value):
            return plain(value.value, depth + 1)
        raise TypeError(type(value).__name__)

    found, problems = {}, {}
    space = globals()
    for name in names:
        if name not in space:
            continue
        try:
            text = json.dumps(plain(space[name]), allow_nan=False)
        except (TypeError, ValueError) as error:
            problems[name] = "not plain data (" + str(error) + ")"
            continue
        if len(text) > limit:
            problems[name] = "too large"
            continue
        found[name] = json.loads(text)
    print(mark + json.dumps({"answers": found, "problems": problems}))


_kamlib_harness(%(names)r, %(mark)r, %(limit)d)
del _kamlib_harness
'''


TIMEOUT_NAME = "CellTimeout"


def _outcome(cell, reply: dict) -> dict:
    content = (reply or {}).get("content", {})
    if content.get("ename") == TIMEOUT_NAME:
        return {"status": "timeout", "detail": content.get("evalue", "")}
    errors = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
    if content.get("status") == "error" or errors:
        error = errors[-1] if errors else content
        return {"status": "error",
                "detail": f"{error.get('ename', '')}: {error.get('evalue', '')}"[:300]}
    return {"status": "ok", "detail": ""}


def _harness_answers(cell) -> tuple[dict, dict]:
    text = "".join(o.get("text", "") for o in cell.get("outputs", [])
                   if o.get("output_type") == "stream" and o.get("name") == "stdout")
    lines = [line for line in text.splitlines() if line.startswith(MARK)]
    if not lines:
        return {}, {}
    report = json.loads(lines[0][len(MARK):])
    return report.get("answers", {}), report.get("problems", {})


def run(job_path: Path) -> dict:
    """Execute the job's notebook; return the result (also written to ``result.json``).

    Runs inside the sandbox, started by :func:`kamlib.grading.sandbox.run_notebook`.

    Parameters
    ----------
    job_path : Path
        ``job.json``: the notebook's file name, the answer variables to export and the
        cell time limit.

    Returns
    -------
    dict
        Each code cell's outcome, the exported answers and what went wrong.

    Examples
    --------
    >>> run(Path("job.json"))  # doctest: +SKIP
    {'cells': [...], 'answers': {'answer_1_1': 0.8}, 'problems': []}
    """
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import DeadKernelError

    job = json.loads(job_path.read_text(encoding="utf-8"))
    folder = job_path.parent
    notebook = nbformat.read(folder / job["notebook"], as_version=4)
    learner_cells = len(notebook.cells)
    harness = HARNESS % {"names": list(job["variables"]), "mark": MARK,
                         "limit": MAX_VALUE_CHARACTERS}
    notebook.cells.append(nbformat.v4.new_code_cell(harness))
    timeout = float(job["cell_timeout"])
    started: dict[int, float] = {}
    finished: dict[int, dict] = {}

    def executed(cell, cell_index, execute_reply):
        finished[cell_index] = {**_outcome(cell, execute_reply),
                                "seconds": round(time.monotonic() - started[cell_index], 2)}

    client = NotebookClient(
        notebook, timeout=timeout, kernel_name="python3", allow_errors=True,
        interrupt_on_timeout=True, resources={"metadata": {"path": str(folder)}},
        error_on_timeout={"ename": TIMEOUT_NAME,
                          "evalue": f"ran longer than {timeout:g} s and was interrupted"},
        on_cell_execute=lambda cell, cell_index: started.__setitem__(cell_index,
                                                                     time.monotonic()),
        on_cell_executed=executed,
    )
    problems = []
    try:
        client.execute()
    except DeadKernelError:
        problems.append("the kernel died (a cell ended the Python process or ran out of memory)")
    except Exception as error:  # noqa: BLE001 - any failure of the run is reported, not raised
        problems.append(f"the run stopped: {type(error).__name__}")
    cells = [
        {"index": index, **finished.get(index, {"status": "not run", "detail": "",
                                                "seconds": 0})}
        for index, cell in enumerate(notebook.cells[:learner_cells])
        if cell.cell_type == "code"
    ]
    answers, export_problems = {}, {}
    if learner_cells in finished:
        try:
            answers, export_problems = _harness_answers(notebook.cells[learner_cells])
        except (ValueError, AttributeError):
            problems.append("the answers could not be read")
    result = {"cells": cells, "answers": answers, "export_problems": export_problems,
              "problems": problems}
    (folder / "result.json").write_text(json.dumps(result), encoding="utf-8")
    return result


if __name__ == "__main__":
    run(Path(sys.argv[1]))
