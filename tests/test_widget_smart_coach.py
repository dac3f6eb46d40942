"""SmartCoach: live SMART check of a goal, kept goals saved in the workbook."""

from __future__ import annotations

import pytest
from helpers import saved

from kamlib import KamValueError
from kamlib.widgets.smart_coach import SmartCoach

GOOD = "Increase coatings revenue at AC017 by 15% to RMB 6 million by Q4 2026"
VAGUE = "Sell more"



def test_typing_a_goal_checks_every_letter(workbook_path):
    coach = SmartCoach()
    assert coach.report is None and "Type a goal" in coach.letters.value
    coach.goal_text.value = VAGUE
    assert coach.report.score < 5
    assert not coach.report.letters["M"].passed
    shown = coach.letters.value
    assert "\u2718" in shown and "fail" in shown  # icon and word, not colour alone
    assert "Add a number" in shown  # the hint of the failed letter
    coach.goal_text.value = GOOD
    assert coach.report.score == 5
    assert coach.letters.value.count("pass") == 5 and "\u2718" not in coach.letters.value
    assert saved(workbook_path, "smart_coach")["draft"] == GOOD


def test_chinese_goal_is_checked(workbook_path):
    coach = SmartCoach(language="zh")
    coach.goal_text.value = "2026年底前将AC017的涂料销售额提高15%，达到600万元"
    assert coach.report.letters["T"].passed and coach.report.letters["M"].passed
    assert "通过" in coach.letters.value


def test_baseline_and_strategy_reach_the_check(workbook_path):
    coach = SmartCoach(baseline=5_200_000)
    coach.goal_text.value = GOOD
    assert "5,200,000" in coach.report.letters["A"].reason
    coach.baseline_text.value = "6500000"  # the target is below today's value: not a stretch
    assert not coach.report.letters["A"].passed
    assert coach.report.letters["R"].passed
    coach.strategy_text.value = "Win wind-blade makers with structural adhesives"
    assert not coach.report.letters["R"].passed  # the goal shares no term with it
    assert "shares no term with the strategy" in coach.letters.value
    assert saved(workbook_path, "smart_coach")["baseline"] == "6500000"


def test_keep_appends_goal_with_score_and_survives_recreation(workbook_path):
    coach = SmartCoach()
    coach.goal_text.value = VAGUE
    coach.keep_button.click()
    coach.goal_text.value = GOOD
    coach.keep_button.click()
    kept = saved(workbook_path, "smart_coach")["goals"]
    assert [g["goal"] for g in kept] == [VAGUE, GOOD]
    assert kept[1]["score"] == 5 and kept[0]["score"] < 5
    assert kept[0]["passed"]["M"] is False
    again = SmartCoach()
    assert again.value == coach.value
    assert again.report.score == 5 and GOOD in again.kept.value
    again.remove_picker.value = 0
    again.remove_button.click()
    assert [g["goal"] for g in saved(workbook_path, "smart_coach")["goals"]] == [GOOD]


def test_bad_baseline_is_shown_not_raised(workbook_path):
    coach = SmartCoach()
    coach.goal_text.value = GOOD
    coach.baseline_text.value = "lots"
    assert "baseline: got 'lots'; expected a number" in coach.error
    assert coach.report is None
    coach.baseline_text.value = "-5"
    assert "baseline: got -5.0; expected a number above 0" in coach.error
    coach.baseline_text.value = ""
    assert coach.error == "" and coach.report.score == 5


def test_keep_without_goal_shows_message(workbook_path):
    coach = SmartCoach()
    coach.keep_button.click()
    assert "goal: got ''; expected non-empty text" in coach.error
    assert coach.value["goals"] == []


def test_constructor_rejects_bad_arguments(workbook_path):
    with pytest.raises(KamValueError, match=r"baseline: got 0; expected a number above 0"):
        SmartCoach(baseline=0)
    with pytest.raises(KamValueError, match=r"baseline: got 'a'; expected a number"):
        SmartCoach(baseline="a")
    with pytest.raises(KamValueError, match=r"strategy: got 3; expected text"):
        SmartCoach(strategy=3)


def test_baseline_is_written_as_money_not_in_e_notation(workbook_path) -> None:
    """Lecture 2 passes today's revenue: it showed as 2.40882e+07 (issue 11)."""
    coach = SmartCoach(baseline=24_088_200.0)
    assert coach.baseline_text.value == "24,088,200"
    assert "e+" not in coach.baseline_text.value
    assert "CNY 24,088,200" in coach.baseline_money.value
    assert "CNY 24.1 m" in coach.baseline_money.value
    coach.goal_text.value = "Increase revenue at AC017 by 15% to CNY 27.7 million by 31 Dec 2026"
    assert coach.report is not None and coach.error == ""
