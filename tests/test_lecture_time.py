"""The course's rule for how long a notebook takes (tools/lecture_time.py)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import nbformat

REPO = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("lecture_time", REPO / "tools" / "lecture_time.py")
lecture_time = importlib.util.module_from_spec(_spec)
sys.modules["lecture_time"] = lecture_time  # dataclasses look their module up
_spec.loader.exec_module(lecture_time)


def test_reading_looking_and_declared_tasks_add_up(tmp_path: Path) -> None:
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell(
            "word " * 1300 + "\n```python\n" + "not counted " * 50 + "\n```"
        ),
        nbformat.v4.new_code_cell("x = 1", metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell("show_table()"),
        nbformat.v4.new_code_cell("show_chart()"),
        nbformat.v4.new_code_cell("TaskWidget()", metadata={"kamlib": {"minutes": 8}}),
    ]
    path = tmp_path / "n.ipynb"
    nbformat.write(nb, path)
    found = lecture_time.estimate(path)
    assert found.reading == 1300 / lecture_time.WORDS_PER_MINUTE == 10
    assert found.looking == 1.0  # two results shown; the task cell counts as its task
    assert found.tasks == 8
    assert found.total == 20  # 19 minutes, to the nearest 5
