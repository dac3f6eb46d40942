"""Lecture 1 as a learner opens it: JupyterLab at laptop size (1366x768), Run All, then read.

Uses the suite's JupyterLab (``conftest.py``) on a copy of ``notebooks/01_kam_overview.ipynb``:
every widget shows, no error, no code on the screen (only each folded cell's first line), the
course tables keep their text left-aligned and their numbers right-aligned, and a "Your turn"
answered with a click says so. Screenshots go to ``artifacts/screenshots/``.
"""

from __future__ import annotations

import shutil

import lab_server
import pytest
from test_widgets_in_lab import _shot

pytestmark = pytest.mark.browser

NOTEBOOK = "01_kam_overview.ipynb"
#: Widget outputs of the lecture: ten practice tasks, four concept widgets, the self-check.
WIDGETS = 15

#: The text-align of every cell of the course tables, for numbers and for text.
ALIGNMENT_JS = """() => [...document.querySelectorAll('table.kam-table td')].reduce((seen, td) => {
    seen[td.classList.contains('kam-num') ? 'number' : 'text'].push(getComputedStyle(td).textAlign);
    return seen;
}, {number: [], text: []})"""


def test_lecture_1_reads_well_at_laptop_size(lab, page) -> None:
    from playwright.sync_api import expect

    shutil.copy(lab_server.REPO / "notebooks" / NOTEBOOK, lab.root / NOTEBOOK)
    lab_server.open_notebook(page, lab, NOTEBOOK)
    lab_server.run_all(page, WIDGETS)  # also fails on any error output

    code_cells = page.locator(".jp-CodeCell").count()
    assert page.locator(".jp-CodeCell .jp-InputPlaceholder").count() == code_cells
    assert page.locator(".jp-CodeCell .jp-InputArea-editor:visible").count() == 0
    alignment = page.evaluate(ALIGNMENT_JS)
    assert set(alignment["text"]) == {"left"} and set(alignment["number"]) == {"right"}
    assert page.locator(".jp-RenderedImage img").count() >= 4  # the lecture's charts
    causes = page.locator("table.kam-table", has_text="人员的调整")
    assert "; " in causes.locator("td").nth(2).text_content()  # whole warning signs
    causes.evaluate("table => table.scrollIntoView({block: 'start'})")
    page.wait_for_timeout(500)  # cells above may still grow as their widgets draw
    _shot(page, "lecture1_causes_table", causes)

    plan = page.locator('.kam-answer:has-text("Which plan reaches it most surely?")')
    plan.scroll_into_view_if_needed()
    plan.locator("label", has_text="account by account").click()
    plan.get_by_role("button", name="Check my answer").click()
    expect(plan).to_contain_text("Your turn: Correct")
    _shot(page, "lecture1_your_turn_checked", plan)
