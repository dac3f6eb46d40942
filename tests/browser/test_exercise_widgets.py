"""The released exercise 3 and capstone in JupyterLab at laptop size (1366×768): every answer
and practice widget on the course card (no cut text, nothing under 13 px), the buying-centre,
SPIN and call-objective tasks answered by clicking and typing, and the plan exported next to
the notebook, with links, never over an existing file without asking.

Uses the browser suite's JupyterLab and page (``conftest.py``); the released notebooks are
uploaded through the server's contents API. Screenshots go to ``artifacts/widgets/``.
"""

from __future__ import annotations

import json

import pytest
from test_answers_in_lab import _task, _upload
from test_widget_layout import CUT_JS, SHOTS, SMALL_JS
from test_widgets_in_lab import _open_and_run_all

pytestmark = pytest.mark.browser

#: Every course widget of a notebook: its card's class names (kam-widget kam-<Name> ...).
CARDS_JS = """() => [...document.querySelectorAll('.kam-widget')]
    .filter(el => el.offsetParent !== null).map(el => el.className)"""


def _layout_problems(page, name: str) -> list[str]:
    """Cut or small text in each card of the page; a screenshot of each kind of card."""
    problems, shot = [], set()
    cards = page.locator(".kam-widget")
    for index in range(cards.count()):
        card = cards.nth(index)
        card.scroll_into_view_if_needed()
        kind = next(c for c in card.get_attribute("class").split()
                    if c.startswith("kam-") and c not in ("kam-widget", "kam-answer"))
        if cut := card.evaluate(CUT_JS):
            problems.append(f"{kind}: cut text {cut}")
        if small := card.evaluate(SMALL_JS):
            problems.append(f"{kind}: text under 13 px {small[:5]}")
        if kind not in shot:
            SHOTS.mkdir(parents=True, exist_ok=True)
            card.screenshot(path=str(SHOTS / f"{name}_{kind}.png"))
            shot.add(kind)
    return problems


def _check(task) -> None:
    task.get_by_role("button", name="Check my answer").click()


def test_exercise_3_selling_tasks_in_the_browser(lab, page) -> None:
    from playwright.sync_api import expect

    notebook = "exercise_3_target_accounts.ipynb"
    _upload(lab.url, notebook)
    _open_and_run_all(page, lab, notebook)
    progress = page.locator(".kam-ExerciseProgress")
    expect(progress).to_contain_text("tasks done")
    kinds = " ".join(page.evaluate(CARDS_JS))
    for name in ("kam-BuyingCentreMap", "kam-SpinPractice", "kam-CallObjective",
                 "kam-FormAnswer", "kam-WidgetCheck", "kam-ExerciseProgress"):
        assert name in kinds, name
    assert _layout_problems(page, "exercise3") == []

    centre = page.locator(".kam-BuyingCentreMap")
    row = centre.locator(".widget-hbox", has_text="Song Ruolan, Buyer").first
    row.locator("select").select_option(label="gatekeeper (把关者)")
    expect(centre).to_contain_text("Song Ruolan")
    roles = _task(page, "3.10")
    _check(roles)
    expect(roles).to_contain_text("Task 3.10: Correct")

    spin = page.locator(".kam-SpinPractice")
    for position, question in enumerate((
            "Which of your furniture lines use our coatings today?",
            "Where do you still see adhesion problems on the panels?",
            "What does a rejected batch cost you in rework?",
            "If complaints stopped, what would that be worth to you?")):
        box = spin.locator("textarea").nth(position)
        box.fill(question)
        box.press("Tab")
    expect(spin.locator("td", has_text="done")).to_have_count(4)
    questions = _task(page, "3.11")
    _check(questions)
    expect(questions).to_contain_text("Task 3.11: Correct")

    call = page.locator(".kam-CallObjective")
    box = call.locator("textarea").first
    box.fill("Agree with the new director a visit to our lab by 31 January 2026")
    box.press("Tab")
    objective = _task(page, "3.12")
    _check(objective)
    expect(objective).to_contain_text("Task 3.12: Correct")
    call.screenshot(path=str(SHOTS / "exercise3_call_objective_answered.png"))

    saved = json.loads(lab.workbook.read_text(encoding="utf-8"))
    assert saved["exercise3/buying_centre"] == {"assignments": {"P0181": "gatekeeper"}}
    assert saved["exercise3/spin"]["questions"]["implication"].startswith("What does")


def test_capstone_exports_next_to_the_notebook_and_asks_before_replacing(lab, page) -> None:
    from playwright.sync_api import expect

    notebook = "capstone_my_account_plan.ipynb"
    _upload(lab.url, notebook)
    _open_and_run_all(page, lab, notebook)
    expect(page.locator(".kam-ExerciseProgress")).to_contain_text("tasks done")
    kinds = " ".join(page.evaluate(CARDS_JS))
    for name in ("kam-AccountChooser", "kam-TableAnswer", "kam-ObjectionPractice",
                 "kam-PlanExport"):
        assert name in kinds, name
    assert _layout_problems(page, "capstone") == []

    export = page.locator(".kam-PlanExport")
    export.get_by_role("button", name="Export my plan").click()
    link = export.locator("a", has_text="account_plan_AC060.html")
    expect(link).to_be_visible()
    assert (lab.root / "account_plan_AC060.xlsx").is_file()  # beside the notebook
    export.screenshot(path=str(SHOTS / "capstone_exported.png"))
    with page.context.expect_page() as opened:  # the link opens JupyterLab in a new tab...
        link.click()
    plan_page = opened.value
    plan_page.wait_for_load_state()
    assert plan_page.url.endswith("/tree/account_plan_AC060.html"), plan_page.url
    # ... showing the plan in its HTML viewer
    expect(plan_page.get_by_role("tabpanel", name="account_plan_AC060.html")).to_be_visible()
    plan_page.screenshot(path=str(SHOTS / "capstone_plan_opened.png"))
    plan_page.close()

    before = (lab.root / "account_plan_AC060.md").read_bytes()
    export.get_by_role("button", name="Export my plan").click()
    expect(export).to_contain_text("already holds")
    assert (lab.root / "account_plan_AC060.md").read_bytes() == before
    export.get_by_role("button", name="Keep both").click()
    expect(export.locator("a", has_text="account_plan_AC060_2.md")).to_be_visible()
    assert (lab.root / "account_plan_AC060_2.xlsx").is_file()
