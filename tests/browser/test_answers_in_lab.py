"""Answer widgets in a real JupyterLab at laptop size (1366×768): a learner answers exercise 1
by clicking and typing, the checks respond, nothing is cut off, the workbook holds the answers.

Uses the browser suite's JupyterLab server and page (``conftest.py``); the released exercise is
uploaded through the server's contents API. Screenshots go to ``artifacts/screenshots/``.
"""

from __future__ import annotations

import http.cookiejar
import json
import urllib.request
from pathlib import Path

import pytest
from test_widgets_in_lab import _open_and_run_all, _shot

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parent.parent.parent
EXERCISE = "exercise_1_kam_overview.ipynb"


def _upload(url: str, name: str) -> None:
    """PUT the released notebook into the server's root (with its XSRF cookie and header)."""
    cookies = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(cookies))
    opener.open(f"{url}/lab", timeout=30).close()
    xsrf = next(cookie.value for cookie in cookies if cookie.name == "_xsrf")
    notebook = json.loads((REPO / "exercises" / "release" / name).read_text(encoding="utf-8"))
    body = json.dumps({"type": "notebook", "format": "json", "content": notebook}).encode()
    request = urllib.request.Request(f"{url}/api/contents/{name}", data=body, method="PUT",
                                     headers={"Content-Type": "application/json",
                                              "X-XSRFToken": xsrf})
    opener.open(request, timeout=30).close()


def _task(page, task: str):
    """The answer widget of ``task`` (the box whose own heading names it)."""
    return page.locator(f'.widget-vbox:has(> .widget-html:has-text("Task {task}."))').last


def test_a_learner_answers_in_widgets_at_laptop_size(lab, page) -> None:
    from playwright.sync_api import expect

    _upload(lab.url, EXERCISE)
    page.set_viewport_size({"width": 1366, "height": 768})
    _open_and_run_all(page, lab, EXERCISE)

    stage = _task(page, "1.6")
    expect(stage).to_be_visible()
    stage.locator("label", has_text="5 Synergistic").click()
    stage.get_by_role("button", name="Check my answer").click()
    expect(stage).to_contain_text("Task 1.6: Correct")
    _shot(page, "answers_01_choice_checked", stage)

    share = _task(page, "1.1")
    box = share.locator("input[type=text]")
    box.fill("20")
    box.press("Enter")
    share.get_by_role("button", name="Check my answer").click()
    expect(share).to_contain_text("Task 1.1: Not quite")
    expect(share).not_to_contain_text("52")  # the hint never gives the answer
    box.fill("53 %")
    box.press("Enter")
    share.get_by_role("button", name="Check my answer").click()
    expect(share).to_contain_text("Task 1.1: Correct")
    _shot(page, "answers_02_number_checked", share)

    cut = page.evaluate(
        """() => [...document.querySelectorAll('.kam-answer label, .kam-answer .widget-button,'
                                               + ' .kam-answer .widget-html')]
            .filter(el => el.offsetParent !== null && el.scrollWidth > el.clientWidth + 1)
            .map(el => el.textContent.trim().slice(0, 60))""")
    assert cut == [], cut
    assert page.locator(".kam-answer").count() >= 9

    saved = json.loads(lab.workbook.read_text(encoding="utf-8"))
    assert saved["answers/1.6"] == "5" and saved["answers/1.1"] == 53
