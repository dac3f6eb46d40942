"""Every widget of the lectures at laptop size (1366x768), as a learner sees it in JupyterLab.

For each presenter notebook (the lectures' widget calls, see ``widget_actions.py``), with the
file browser open as after ``make lab``: run it, save a screenshot of each widget to
``artifacts/widgets/``, check that no control's text is cut and no text is smaller than
13 px, then change each widget as a learner would and check that its chart's top is on the
screen (no scrolling between a control and its effect). Then reopen a saved notebook
without running it: the widgets show their last state, not "model not found".
"""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path

import lab_server
import pytest
import widget_actions
from lab_server import IDLE

pytestmark = pytest.mark.browser

SHOTS = lab_server.REPO / "artifacts" / "widgets"

#: Text that is cut: wider (or, for a text box holding text, taller) than its box.
CUT_JS = """area => [...area.querySelectorAll(
        'label, button, .widget-label, .widget-readout, select, input, textarea, '
        + '.lm-TabBar-tabLabel')]
    .filter(el => el.offsetParent !== null && el.clientWidth > 0)
    .filter(el => el.scrollWidth > el.clientWidth + 1
                  || (el.tagName === 'TEXTAREA' && el.value
                      && el.scrollHeight > el.clientHeight + 2))
    .map(el => el.tagName + ': ' + (el.innerText || el.value || '').slice(0, 60))"""

#: Visible text smaller than 13 px (charts are images, not text).
SMALL_JS = """area => [...area.querySelectorAll('*')]
    .filter(el => el.offsetParent !== null && [...el.childNodes]
        .some(n => n.nodeType === 3 && n.textContent.trim()))
    .filter(el => parseFloat(getComputedStyle(el).fontSize) < 12.9)
    .map(el => getComputedStyle(el).fontSize + ' ' + el.textContent.trim().slice(0, 40))"""

#: Where the first chart of a widget starts, against the notebook's visible area.
CHART_JS = """area => {
    const img = area.querySelector('img.kam-chart');
    const view = area.closest('.jp-WindowedPanel-outer').getBoundingClientRect();
    const top = img.getBoundingClientRect().top;
    return {top: top - view.top, height: view.height};
}"""


@pytest.mark.parametrize("notebook", list(widget_actions.WIDGETS))
def test_every_widget_fits_a_laptop_screen(lab, page, notebook: str) -> None:
    names = widget_actions.WIDGETS[notebook]
    lab_server.open_notebook(page, lab, notebook)
    lab_server.run_all(page, len(names))
    SHOTS.mkdir(parents=True, exist_ok=True)
    problems = []
    for action in (a for a in widget_actions.ACTIONS if a.notebook == notebook):
        area = widget_actions.widget_area(page, action)
        area.evaluate("el => el.scrollIntoView({block: 'start'})")
        page.wait_for_timeout(200)
        area.screenshot(path=str(SHOTS / f"{Path(notebook).stem}_{action.index}_"
                                          f"{action.widget}.png"))
        assert area.locator(f".kam-{action.widget}").count() == 1
        if cut := area.evaluate(CUT_JS):
            problems.append(f"{action.widget}: cut text {cut}")
        if small := area.evaluate(SMALL_JS):
            problems.append(f"{action.widget}: text under 13 px {small[:5]}")
        widget_actions.act_and_wait(area, action, 0)
        if action.shows == "img":
            chart = area.evaluate(CHART_JS)
            if not 0 <= chart["top"] < chart["height"] - 40:
                problems.append(f"{action.widget}: after a change the chart's top is off the "
                                f"screen ({chart})")
    assert not problems, "\n".join(problems)


def test_course_tables_align_text_left_and_numbers_right(lab, page) -> None:
    """JupyterLab right-aligned every cell of a course table (its rule was more specific);
    a row's label stands at the top of its row, beside the first line of a wrapped text."""
    lab_server.write_notebook(lab.root / "table.ipynb", [
        "from kamlib.lessons import lecture4\nlecture4.wallet_table('AC060')"])
    lab_server.open_notebook(page, lab, "table.ipynb")
    lab_server.menu(page, "Run", "Run All Cells")
    page.wait_for_selector("table.kam-table")
    align = page.evaluate("""() => {
        const table = document.querySelector('table.kam-table');
        const first = el => getComputedStyle(table.querySelector(el)).textAlign;
        return {text: first('td:not(.kam-num)'), number: first('td.kam-num'),
                header: first('th:not(.kam-num)'), numberHeader: first('th.kam-num'),
                rowHeader: getComputedStyle(table.querySelector('tbody th')).verticalAlign};
    }""")
    assert align == {"text": "left", "number": "right", "header": "left",
                     "numberHeader": "right", "rowHeader": "top"}


def _kernel_sessions(lab) -> list[dict]:
    with urllib.request.urlopen(f"{lab.url}/api/sessions") as answer:
        return json.load(answer)


def _shut_down_kernels(lab) -> None:
    for session in _kernel_sessions(lab):
        request = urllib.request.Request(f"{lab.url}/api/sessions/{session['id']}",
                                         method="DELETE")
        urllib.request.urlopen(request).close()


def test_a_reopened_notebook_shows_the_widgets_last_state(lab, page) -> None:
    """Widget state is saved with the notebook (the setting `make lab` ships)."""
    from playwright.sync_api import expect

    notebook = "01_kam_overview.ipynb"
    lab_server.open_notebook(page, lab, notebook)
    lab_server.run_all(page, len(widget_actions.WIDGETS[notebook]))
    readout = page.locator(".kam-ParetoExplorer .widget-readout").first
    moved = f"{int(readout.inner_text().strip('% ')) + 2}%"
    page.locator(".kam-ParetoExplorer .noUi-handle").first.click()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    expect(readout).to_have_text(moved)
    sentence = page.locator(".kam-ParetoExplorer p", has_text="The top").first
    expect(sentence).to_contain_text(f"The top {moved} of accounts")  # the kernel answered
    page.wait_for_timeout(1000)  # and its chart arrived
    page.keyboard.press("Control+s")
    page.wait_for_timeout(1500)
    saved = json.loads((lab.root / notebook).read_text(encoding="utf-8"))
    assert "application/vnd.jupyter.widget-state+json" in saved["metadata"].get("widgets", {})
    _shut_down_kernels(lab)  # as when the learner comes back another day

    page.goto(f"{lab.url}/lab/workspaces/reopened/tree/{notebook}?reset")
    expect(page.get_by_text(IDLE)).to_be_visible()
    expect(page.locator(".kam-ParetoExplorer .widget-readout").first).to_have_text(moved)
    expect(sentence).to_contain_text(f"The top {moved} of accounts")
    expect(page.locator(".kam-ParetoExplorer img").first).to_be_visible()
    assert page.get_by_text("Error displaying widget").count() == 0
    assert page.get_by_text("model not found").count() == 0
    hint = page.locator(".kam-ParetoExplorer .kam-footer").first
    expect(hint).to_contain_text("Run All Cells")
    page.screenshot(path=str(SHOTS / "reopened_without_running.png"))


QUIZ = '''from kamlib.widgets import quiz_set
long = ["We, the seller, judge it to be of strategic significance for our growth in the region",
        "It buys from several suppliers in three plants across two provinces of the country",
        "It has signed a yearly framework contract with our sales director last spring"]
quiz_set([{"question": "Which of these make a customer a key account? Tick all that apply.",
           "options": long, "answer": long[:1], "explanations": ["Yes.", "No.", "No."]},
          {"scenario": "AC017's new buyer asks for a 5% price cut before the spring order. "
                       "Our share of its coatings spend is 40%; a rival has just visited.",
           "question": "What do you do first?", "options": ["Cut the price", "Ask why"],
           "answer": "Ask why", "explanations": ["Too soon.", "Yes: find the need first."]}],
         "browser")'''


def test_quiz_options_wrap_and_help_comes_after_two_tries(lab, page) -> None:
    from playwright.sync_api import expect

    lab_server.write_notebook(lab.root / "quiz.ipynb", [QUIZ])
    lab_server.open_notebook(page, lab, "quiz.ipynb")
    lab_server.run_all(page, 1)
    quiz = page.locator(".kam-QuizSet").first
    assert quiz.evaluate(CUT_JS) == []
    expect(quiz).to_contain_text("Score: 0 of 2 right")
    second = quiz.locator(".kam-Quiz").nth(1)
    second.locator("label", has_text="Cut the price").click()
    for _ in range(2):
        second.locator(".widget-button", has_text="Check").click()
        expect(second).to_contain_text("Not quite")
        second.locator("label", has_text="Ask why").click()
        # A new choice hides the old feedback. Wait for the kernel to have taken it: a choice
        # made while the kernel is busy waits in the page, and the Check click (a message of
        # its own) could overtake it.
        expect(second).not_to_contain_text("Not quite")
        second.locator("label", has_text="Cut the price").click()
    help_button = second.locator(".widget-button", has_text="Show the explanation")
    expect(help_button).to_be_visible()
    help_button.click()
    expect(second).to_contain_text("Yes: find the need first.")
    second.locator("label", has_text="Ask why").click()
    second.locator(".widget-button", has_text="Check").click()
    expect(quiz).to_contain_text("Score: 1 of 2 right")
    quiz.screenshot(path=str(SHOTS / "quiz_set.png"))
