"""XYGrid, SWOTBoard and BCGPlot in a real JupyterLab, driven in headless Chromium.

Uses the suite's JupyterLab (``conftest.py``): opens a copy of ``widgets_demo.ipynb``, runs
it, uses each widget as a learner would, restarts the kernel and checks that the SWOT item
comes back from the workbook. Screenshots of every step go to ``artifacts/screenshots/``.
Needs /usr/bin/chromium: skipped without it, failed on CI.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from lab_server import IDLE, menu

pytestmark = pytest.mark.browser

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
SHOTS = REPO / "artifacts" / "screenshots"
SWOT_ITEM = "Playwright: local technical service"


def _shot(page, name: str, show=None) -> None:
    """Save a screenshot; ``show`` (a locator) is scrolled into view first."""
    if show is not None:
        show.scroll_into_view_if_needed()
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"))


def _swot_inputs_with(page, text: str, fresh_only: bool = False) -> int:
    """How many text inputs hold ``text`` (only those created after the mark, if asked)."""
    return page.evaluate(
        """([text, freshOnly]) => [...document.querySelectorAll('.widget-textarea textarea')]
            .filter(el => el.value === text && !(freshOnly && el.dataset.old)).length""",
        [text, fresh_only],
    )


def _open_and_run_all(page, lab, notebook: str) -> None:
    from playwright.sync_api import expect

    # A workspace of its own per notebook, so JupyterLab does not restore the previous test's tabs.
    workspace = Path(notebook).stem
    page.goto(f"{lab.url}/lab/workspaces/{workspace}/tree/{notebook}?reset")
    expect(page.get_by_text(IDLE)).to_be_visible()
    menu(page, "Run", "Run All Cells")


def test_start_here_checks_the_set_up_and_shows_a_live_widget(lab, page) -> None:
    """What a newcomer sees after `make lab`: the checks pass, the first widget responds, and
    a click on 中文 turns the page's tables and widgets Chinese at once."""
    from playwright.sync_api import expect

    _open_and_run_all(page, lab, "00_start_here.ipynb")
    expect(page.get_by_text("checks passed: you are ready")).to_be_visible()
    expect(page.get_by_text("The whole course:")).to_be_visible()  # the course map
    verdict = page.locator(".widget-html", has_text="for X=").first
    expect(verdict).to_contain_text("X=1, Y=3")
    page.locator(".kam-ClassPicker .widget-slider .noUi-handle").first.click()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    expect(verdict).to_contain_text("Class A")
    _shot(page, "00_start_here_widget", verdict)

    page.locator(".kam-LanguageChooser .widget-toggle-button", has_text="中文").click()
    expect(page.get_by_text("检查全部通过：可以开始学习了")).to_be_visible()
    expect(page.get_by_text("整个课程：")).to_be_visible()
    chinese_verdict = page.locator(".widget-html", has_text="网格分类").first
    expect(chinese_verdict).to_contain_text("A级")  # the learner's X and Y kept, in Chinese
    expect(page.get_by_text("本页现在显示中文")).to_be_visible()
    _shot(page, "00_start_here_chinese", chinese_verdict)


def test_widgets_work_and_survive_a_kernel_restart(lab, page) -> None:
    from playwright.sync_api import expect

    _open_and_run_all(page, lab, "widgets_demo.ipynb")
    image = page.locator("img.kam-chart").first
    expect(image).to_be_visible()
    add_buttons = page.locator(".widget-button", has_text="Add")
    expect(add_buttons.first).to_be_visible()
    expect(page.get_by_text(IDLE)).to_be_visible()
    _shot(page, "01_widgets_rendered")

    # SWOT: type an item, click Add, see it listed as an editable row.
    page.get_by_placeholder("New item, then Add").first.fill(SWOT_ITEM)
    add_buttons.first.click()
    page.wait_for_function(
        """text => [...document.querySelectorAll('.widget-textarea textarea')]
            .some(el => el.value === text)""", arg=SWOT_ITEM)
    _shot(page, "02_swot_item_added", add_buttons.first)

    # BCG: change our share of the first unit; the chart image changes.
    before = image.get_attribute("src")
    own_share = page.locator(".widget-text input[type=number]").nth(1)
    own_share.fill("5")
    own_share.press("Enter")
    expect(image).not_to_have_attribute("src", before)
    _shot(page, "03_bcg_redrawn", image)

    # XY grid: AC001 (X=2, Y=3) is class B; X=3 makes it class A.
    class_label = page.locator(".widget-html", has_text="AC001: class").first
    expect(class_label).to_contain_text("class B")
    page.locator(".widget-slider .noUi-handle").first.click()
    page.keyboard.press("ArrowRight")
    expect(class_label).to_contain_text("class A")
    _shot(page, "04_xy_class_changed", class_label)

    saved = json.loads(lab.workbook.read_text(encoding="utf-8"))
    assert saved["demo/swot"]["swot"]["strengths"][0]["text"] == SWOT_ITEM
    assert saved["demo/xy_grid"]["scores"]["AC001"] == {"x": 3, "y": 3, "vip": False}
    assert saved["demo/bcg"]["units"][0]["own_share_pct"] == 5.0

    # Restart the kernel and run all: the SWOT item comes back from the workbook.
    page.evaluate("""() => document.querySelectorAll('.widget-textarea textarea')
                      .forEach(el => { el.dataset.old = '1'; })""")
    menu(page, "Kernel", "Restart Kernel and Run All Cells")
    page.locator(".jp-Dialog-button.jp-mod-accept").click()
    page.wait_for_function(
        """text => [...document.querySelectorAll('.widget-textarea textarea')]
            .some(el => el.value === text && !el.dataset.old)""", arg=SWOT_ITEM)
    expect(page.locator(".widget-html", has_text="AC001: class").first).to_contain_text(
        "class A")
    expect(page.get_by_text(IDLE)).to_be_visible()
    _shot(page, "05_restored_after_restart", add_buttons.first)
    assert _swot_inputs_with(page, SWOT_ITEM, fresh_only=True) == 1


def test_practice_widgets_judge_what_the_learner_types(lab, page) -> None:
    """At laptop size: a continuation, then an advance, in the call-objective coach; a SPIN
    question read as the kind it was meant to be; both saved in the workbook."""
    from playwright.sync_api import expect

    page.set_viewport_size({"width": 1366, "height": 768})
    _open_and_run_all(page, lab, "practice_demo.ipynb")
    objective = page.get_by_placeholder("e.g. Agree a line trial").first
    expect(objective).to_be_visible()
    objective.fill("Keep in touch with the buyer")
    objective.press("Tab")
    verdicts = page.locator(".widget-html", has_text="Advance").first
    expect(verdicts).to_contain_text("a continuation")
    _shot(page, "06_call_objective_continuation", verdicts)
    objective.fill("Agree a line trial of our waterborne primer on one paint line by 31 March "
                   "2026")
    objective.press("Tab")
    expect(verdicts).to_contain_text("an advance")
    expect(verdicts).not_to_contain_text("not yet")
    _shot(page, "07_call_objective_advance", verdicts)

    problem = page.get_by_placeholder("Where do you lose most parts to paint defects?").first
    problem.fill("Which lines have the most defects?")
    problem.press("Tab")
    spin = page.locator(".widget-html", has_text="Situation (背景问题)").first
    expect(spin).to_contain_text("the cue 'defect'")
    _shot(page, "08_spin_question_read", spin)

    saved = json.loads(lab.workbook.read_text(encoding="utf-8"))
    assert saved["call_objective/AC060"]["objective"].startswith("Agree a line trial")
    assert saved["spin_practice/AC060"]["questions"]["problem"] == (
        "Which lines have the most defects?")
