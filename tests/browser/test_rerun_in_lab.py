"""Re-running a cell in a real JupyterLab loses nothing: the old widget, still on screen, merges.

A notebook shows the same SWOT board twice, as a cell run again does (the first output stays
and stays usable). An entry added in the new board, then one in the old board: the old board
shows both and says so, and the workbook keeps both. Screenshot in ``artifacts/screenshots/``.
"""

from __future__ import annotations

import json

import nbformat
import pytest
from test_widgets_in_lab import _open_and_run_all, _shot

pytestmark = pytest.mark.browser


def test_the_old_output_of_a_re_run_cell_keeps_newer_entries(lab, page) -> None:
    from playwright.sync_api import expect

    root = lab.root
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                       "language": "python"}
    notebook.cells = [
        nbformat.v4.new_code_cell("from kamlib.widgets import SWOTBoard\n"
                                  "SWOTBoard(title='First run', section='rerun')"),
        nbformat.v4.new_code_cell("SWOTBoard(title='Run again', section='rerun')"),
    ]
    nbformat.write(notebook, root / "rerun.ipynb")
    _open_and_run_all(page, lab, "rerun.ipynb")
    boxes = page.get_by_placeholder("New item, then Add")
    expect(boxes.nth(7)).to_be_visible()  # two boards of four quadrants
    adds = page.locator(".widget-button", has_text="Add")

    boxes.nth(4).fill("From the new output")  # the second board's strengths
    adds.nth(4).click()
    expect(page.locator(".widget-textarea textarea").nth(0)).to_be_visible()
    boxes.nth(0).fill("From the old output")  # the first board, never told of it
    adds.nth(0).click()

    old_board = page.locator(".widget-vbox", has_text="First run").first
    expect(old_board).to_contain_text("were kept, together with yours")
    page.wait_for_function(
        """() => {
            const values = [...document.querySelectorAll('.widget-textarea textarea')]
                .map(e => e.value);
            return values.filter(v => v === 'From the new output').length >= 2
                && values.includes('From the old output');
        }""")
    _shot(page, "05_rerun_cell_merged", old_board)
    saved = json.loads(lab.workbook.read_text(encoding="utf-8"))
    assert [item["text"] for item in saved["rerun"]["swot"]["strengths"]] == [
        "From the new output", "From the old output"]
