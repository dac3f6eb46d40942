"""One learner action per course widget, for the browser tests and the click-to-pixels benchmark.

The widgets of the lectures live in the presenter notebooks (``presenter/*.ipynb``: the same
widget calls as the lectures, without the teaching text). Each :class:`Action` names the
notebook, the widget's place among that notebook's widget outputs, how a learner changes
it (``act``, given the widget's output area and the round number, so that every round
really changes something) and what shows the effect: ``"img"`` (a chart's PNG changes) or
``"text"`` (the widget's text changes).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PRESENTER = REPO / "presenter"
#: Widget outputs per presenter notebook, in order.
WIDGETS = {
    "01_kam_overview.ipynb": ["ParetoExplorer", "KeepWinCalculator", "StageDiagnostic",
                              "UncouplingAudit"],
    "02a_market_environment.ipynb": ["SWOTBoard", "EnvironmentScan", "BCGPlot", "RiskMatrices"],
    "02b_annual_plan.ipynb": ["AnsoffPicker", "MixPlanner", "SmartCoach"],
    "03_target_accounts.ipynb": ["XYGrid", "OpportunityRanking", "VisitPlanner"],
    "04_analyse_and_sell.ipynb": ["CostToServe", "BuyingCentreMap", "StyleSelfAssessment",
                                  "SpinPractice", "BenefitBuilder", "ObjectionPractice",
                                  "CallObjective"],
}

#: A snapshot of what a learner sees in a widget: its text, field values and chart images.
SNAPSHOT_JS = """(area, kind) => {
    if (kind === 'img') {
        return [...area.querySelectorAll('img')].map(i => i.src.length + ':' + i.src.slice(-80))
            .join('|');
    }
    const values = [...area.querySelectorAll('input, textarea')].map(e => e.value).join('|');
    return area.innerText + '|' + values;
}"""


@dataclass(frozen=True)
class Action:
    """How a learner changes one widget and what shows that it responded."""

    notebook: str
    index: int
    widget: str
    act: Callable[..., None]
    shows: str  # "img" or "text"


def _slider_step(area, round_: int, nth: int = 0) -> None:
    area.locator(".widget-slider .noUi-handle").nth(nth).click()
    area.page.keyboard.press("ArrowRight" if round_ % 2 == 0 else "ArrowLeft")


def _toggle(area, round_: int, first: str, second: str) -> None:
    """Click whichever of the two buttons is not selected now."""
    buttons = area.locator(".widget-toggle-buttons").filter(has_text=first).first
    chosen = buttons.locator("button.mod-active").first.inner_text().strip()
    buttons.locator("button", has_text=second if chosen == first else first).first.click()


def _toggle_ends(area, round_: int) -> None:
    """In the first row of toggle buttons, click the first or the last, whichever is off."""
    buttons = area.locator(".widget-toggle-buttons").first.locator("button")
    first_on = "mod-active" in (buttons.first.get_attribute("class") or "")
    (buttons.last if first_on else buttons.first).click()


def _fill_and_click(area, round_: int, placeholder: str, button: str) -> None:
    area.get_by_placeholder(placeholder).first.fill(f"Browser item {round_ + 1}")
    area.locator(".widget-button", has_text=button).first.click()


def _number(area, round_: int, nth: int) -> None:
    box = area.locator("input[type=number]").nth(nth)
    box.fill(str(12.25 + round_ % 2 / 2))
    box.press("Enter")


def _checkbox(area, round_: int, label: str) -> None:
    area.locator(".widget-checkbox", has_text=label).first.locator("input").click()


def _type_goal(area, round_: int) -> None:
    goal = area.locator("textarea").first
    goal.fill("Increase coatings revenue at AC017 by 15% to CNY 6 million by December 2026"
              if round_ % 2 == 0 else "Sell more")
    goal.press("Tab")


def _type(area, round_: int, first: str, second: str) -> None:
    """Write ``first`` (even rounds) or ``second`` into the first text box and leave it."""
    box = area.locator("textarea").first
    box.fill(first if round_ % 2 == 0 else second)
    box.press("Tab")


def _pick_option(area, round_: int) -> None:
    """In the first list, choose its second or third option (whichever is not chosen)."""
    select = area.locator("select").first
    options = select.locator("option").all_inner_texts()
    select.select_option(label=options[1 + round_ % 2])


ACTIONS = [
    Action("01_kam_overview.ipynb", 0, "ParetoExplorer", _slider_step, "img"),
    Action("01_kam_overview.ipynb", 1, "KeepWinCalculator",
           lambda a, r: _toggle(a, r, "handout figures", "published figures"), "img"),
    Action("01_kam_overview.ipynb", 2, "StageDiagnostic",
           lambda a, r: _checkbox(a, r, "trade so far"), "img"),
    Action("01_kam_overview.ipynb", 3, "UncouplingAudit", _toggle_ends, "img"),
    Action("02a_market_environment.ipynb", 0, "SWOTBoard",
           lambda a, r: _fill_and_click(a, r, "New item, then Add", "Add"), "text"),
    Action("02a_market_environment.ipynb", 1, "EnvironmentScan",
           lambda a, r: _fill_and_click(a, r, "what this factor means for us", "Add"), "text"),
    Action("02a_market_environment.ipynb", 2, "BCGPlot", lambda a, r: _number(a, r, 0), "img"),
    Action("02a_market_environment.ipynb", 3, "RiskMatrices",
           lambda a, r: _fill_and_click(a, r, "e.g. Wind-blade makers", "Add"), "img"),
    Action("02b_annual_plan.ipynb", 0, "AnsoffPicker",
           lambda a, r: _toggle(a, r, "Existing products", "New products"), "img"),
    Action("02b_annual_plan.ipynb", 1, "MixPlanner",
           lambda a, r: _fill_and_click(a, r, "what you will do", "Add"), "text"),
    Action("02b_annual_plan.ipynb", 2, "SmartCoach", _type_goal, "text"),
    Action("03_target_accounts.ipynb", 0, "XYGrid", _slider_step, "text"),
    Action("03_target_accounts.ipynb", 1, "OpportunityRanking",
           lambda a, r: _slider_step(a, r, nth=2), "img"),  # partnership: in the top ten
    Action("03_target_accounts.ipynb", 2, "VisitPlanner", _pick_option, "img"),
    Action("04_analyse_and_sell.ipynb", 0, "CostToServe", lambda a, r: _number(a, r, 0), "img"),
    Action("04_analyse_and_sell.ipynb", 1, "BuyingCentreMap", _pick_option, "text"),
    Action("04_analyse_and_sell.ipynb", 2, "StyleSelfAssessment", _toggle_ends, "text"),
    Action("04_analyse_and_sell.ipynb", 3, "SpinPractice",
           lambda a, r: _type(a, r, "Which of your lines run solvent-borne coatings today?",
                              "How many paint lines run two shifts?"), "text"),
    Action("04_analyse_and_sell.ipynb", 4, "BenefitBuilder",
           lambda a, r: _type(a, r, "It dries faster than the standard lacquer.",
                              "It gives off less solvent than a solvent-borne lacquer."), "text"),
    Action("04_analyse_and_sell.ipynb", 5, "ObjectionPractice",
           lambda a, r: _type(a, r, "I understand: price matters to you.",
                              "That is a fair point, and thank you for saying it."), "text"),
    Action("04_analyse_and_sell.ipynb", 6, "CallObjective", _type_goal, "text"),
]


def widget_area(page, action: Action):
    """The output area of the widget ``action`` is about (the notebook must be open and run)."""
    return page.locator(".jp-OutputArea-output:has(> .jupyter-widgets)").nth(action.index)


def act_and_wait(area, action: Action, round_: int, timeout_ms: float = 60_000) -> float:
    """Do the action, wait (polling every frame) until the widget shows its effect; return
    the seconds from the start of the action to the changed pixels."""
    before = area.evaluate(SNAPSHOT_JS, action.shows)
    start = time.monotonic()
    action.act(area, round_)
    area.page.wait_for_function(
        f"([area, before]) => ({SNAPSHOT_JS})(area, '{action.shows}') !== before",
        arg=[area.element_handle(), before], polling="raf", timeout=timeout_ms)
    return time.monotonic() - start
