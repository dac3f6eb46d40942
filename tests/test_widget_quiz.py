"""Quiz and quiz_set driven from Python as a learner would: choose, check, come back later."""

from __future__ import annotations

from pathlib import Path

import ipywidgets as widgets
import pytest
from helpers import saved

from kamlib.validation import KamValueError
from kamlib.widgets.quiz import Quiz, QuizSet, quiz_set

QUESTION = {
    "question": "About what share of profit comes from the top 20% of customers?",
    "options": ["20%", "50%", "80%"],
    "answer": "80%",
    "explanations": [
        "That would mean no concentration at all.",
        "Too low: the principle says most profit comes from few customers.",
        "Yes: the 80/20 principle (80/20原理).",
    ],
}



def test_wrong_option_gives_not_quite_and_its_explanation(workbook_path: Path) -> None:
    quiz = Quiz(**QUESTION, key="pareto")
    assert isinstance(quiz.choice, widgets.RadioButtons) and quiz.choice.value is None
    quiz.choice.value = "50%"
    quiz.check_button.click()
    text = quiz.feedback_text
    assert text.startswith("✘ Not quite —")
    assert "Too low" in text and "Yes: the 80/20" not in text
    assert not quiz.correct and quiz.checked


def test_right_option_gives_correct_and_every_explanation(workbook_path: Path) -> None:
    quiz = Quiz(**QUESTION, key="pareto")
    quiz.choice.value = "80%"
    quiz.check_button.click()
    text = quiz.feedback_text
    assert text.startswith("✔ Correct —")
    assert all(explanation in text for explanation in QUESTION["explanations"])
    assert quiz.value == {"selected": ["80%"], "checked": True, "correct": True, "tries": 0,
                          "revealed": False}


def test_answer_is_saved_and_restored_with_its_feedback(workbook_path: Path) -> None:
    quiz = Quiz(**QUESTION, key="pareto")
    quiz.choice.value = "20%"
    quiz.check()
    assert saved(workbook_path)["quiz/pareto"] == {
        "selected": ["20%"], "checked": True, "correct": False, "tries": 1, "revealed": False,
    }
    again = Quiz(**QUESTION, key="pareto")
    assert again.choice.value == "20%"
    assert again.feedback_text.startswith("✘ Not quite")


def test_changing_the_answer_hides_old_feedback_and_saves(workbook_path: Path) -> None:
    quiz = Quiz(**QUESTION, key="pareto")
    quiz.select("20%")
    quiz.check()
    quiz.select("80%")
    assert quiz.feedback.value == ""
    assert saved(workbook_path)["quiz/pareto"]["checked"] is False


def test_check_without_a_choice_asks_for_one(workbook_path: Path) -> None:
    quiz = Quiz(**QUESTION, key="empty")
    quiz.check()
    assert "Choose an answer first" in quiz.error and not quiz.checked


def test_default_key_comes_from_the_question(workbook_path: Path) -> None:
    quiz = Quiz(**QUESTION)
    assert quiz.section.startswith("quiz/") and quiz.section == Quiz(**QUESTION).section


def test_multi_answer_uses_tick_boxes_and_counts_missed(workbook_path: Path) -> None:
    quiz = Quiz(
        "Which are internal causes of uncoupling (内因)?",
        ["Staff changes", "Financial problems", "Quality problems"],
        ["Staff changes", "Quality problems"],
        {"Staff changes": "Internal: people on either side.",
         "Financial problems": "External: the customer's finances.",
         "Quality problems": "Internal: our quality."},
        key="causes",
    )
    assert len(quiz.boxes) == 3
    quiz.boxes[0].value = True
    quiz.check()
    assert quiz.feedback_text.startswith("✘ Not quite")
    assert "1 right answer(s) not ticked yet" in quiz.feedback_text
    quiz.boxes[2].value = True
    quiz.check()
    assert quiz.feedback_text.startswith("✔ Correct")
    restored = Quiz(quiz.question, quiz.options, quiz.answers, quiz.explanations, key="causes")
    assert [box.value for box in restored.boxes] == [True, False, True]


def test_chinese_labels(workbook_path: Path) -> None:
    quiz = Quiz(**QUESTION, key="zh", language="zh")
    quiz.select("80%")
    quiz.check()
    assert quiz.check_button.description == "检查答案"
    assert quiz.feedback_text.startswith("✔ 正确 —")


def test_quiz_set_numbers_questions_and_keeps_each(workbook_path: Path) -> None:
    second = {**QUESTION, "question": "Is the 20% the cause or the effect?",
              "options": ["cause", "effect"], "answer": "cause",
              "explanations": ["Yes: the 20% is the cause.", "No: the 80% is the effect."]}
    quizzes = quiz_set([QUESTION, second], "lecture1")
    assert isinstance(quizzes, QuizSet) and len(quizzes.quizzes) == 2
    headings = [c.value for c in quizzes.widget.children
                if isinstance(c, widgets.HTML) and "<h4" in c.value]
    assert "Question 1" in headings[0] and "Question 2" in headings[1]
    quizzes.quizzes[1].select("cause")
    quizzes.quizzes[1].check()
    assert quizzes.score == (1, 2)
    assert saved(workbook_path)["quiz/lecture1/2"]["correct"] is True


@pytest.mark.parametrize(
    ("change", "match"),
    [
        ({"question": ""}, "question: got ''"),
        ({"options": "80%"}, "options: got '80%'; expected a list of at least two"),
        ({"options": ["only"], "explanations": ["x"], "answer": "only"}, "at least two"),
        ({"options": ["a", "a"], "answer": "a", "explanations": ["x", "y"]}, "each option once"),
        ({"answer": "90%"}, "answer: got '90%'; expected one of the options"),
        ({"answer": []}, "answer: got \\[\\]"),
        ({"explanations": ["only one"]}, "explanations: got '1 explanation"),
        ({"explanations": {"20%": "x"}}, "one explanation for each option"),
        ({"explanations": "why"}, "explanations: got 'why'"),
        ({"key": "has space"}, "key: got 'has space'"),
    ],
)
def test_bad_quiz_input_is_refused(workbook_path: Path, change: dict, match: str) -> None:
    with pytest.raises(KamValueError, match=match):
        Quiz(**{**QUESTION, "key": "k", **change})


def test_bad_choice_is_refused(workbook_path: Path) -> None:
    quiz = Quiz(**QUESTION, key="k")
    with pytest.raises(KamValueError, match="choice: got '99%'"):
        quiz.select("99%")
    with pytest.raises(KamValueError, match="a single option"):
        quiz.select(["20%", "80%"])


@pytest.mark.parametrize(
    ("questions", "prefix", "match"),
    [
        ([], "p", "questions: got \\[\\]; expected a non-empty list"),
        (["text"], "p", "questions\\[0\\]: got 'text'"),
        ([{"question": "q"}], "p", "missing answer, explanations, options"),
        ([{**QUESTION, "hint": "x"}], "p", "unknown hint"),
        ([QUESTION], " ", "key_prefix: got ' '"),
    ],
)
def test_bad_quiz_set_input_is_refused(
    workbook_path: Path, questions: list, prefix: str, match: str
) -> None:
    with pytest.raises(KamValueError, match=match):
        quiz_set(questions, prefix)


def test_after_two_wrong_tries_the_explanation_can_be_opened(workbook_path: Path) -> None:
    """Nobody studying alone stays stuck (issue 11)."""
    quiz = Quiz(**QUESTION, key="stuck")
    assert quiz.help_button.layout.display == "none"
    quiz.select("20%")
    quiz.check()
    assert quiz.help_button.layout.display == "none" and "Try again" in quiz.feedback_text
    quiz.select("50%")
    quiz.check()
    assert quiz.tries == 2 and quiz.help_button.layout.display is None
    assert "Open the explanation" in quiz.feedback_text.replace("open", "Open")
    quiz.help_button.click()
    assert all(text in quiz.feedback_text for text in QUESTION["explanations"])
    assert quiz.help_button.layout.display == "none"
    assert saved(workbook_path)["quiz/stuck"]["revealed"] is True
    again = Quiz(**QUESTION, key="stuck")  # the opened explanations come back
    assert again.revealed and "Yes: the 80/20" in again.feedback_text


def test_quiz_set_keeps_a_running_score(workbook_path: Path) -> None:
    second = {**QUESTION, "question": "Is the 20% the cause or the effect?",
              "options": ["cause", "effect"], "answer": "cause",
              "explanations": ["Yes: the 20% is the cause.", "No: the 80% is the effect."]}
    quizzes = quiz_set([QUESTION, second], "score")
    assert all("Score: 0 of 2 right" in place.value for place in quizzes.scores)
    quizzes.quizzes[0].select("80%")
    quizzes.quizzes[0].check_button.click()
    assert all("Score: 1 of 2 right" in place.value for place in quizzes.scores)
    quizzes.quizzes[1].select("effect")
    quizzes.quizzes[1].check()
    assert "Score: 1 of 2 right" in quizzes.scores[0].value
    assert len(quizzes.scores) == 2  # above the first question and below the last


def test_scenario_questions_show_their_situation(workbook_path: Path) -> None:
    scenario = {**QUESTION, "key": "s1",
                "scenario": "AC017's new buyer asks for a 5% price cut.\n\nOur share is 40%."}
    quizzes = quiz_set([scenario], "scenarios")
    quiz = quizzes.quizzes[0]
    assert quiz.scenario.startswith("AC017")
    assert quiz.prompt.value.count("<p") == 2  # one paragraph each
    assert "scenario" in quizzes.widget.children[2].value  # after the stylesheet, score
    with pytest.raises(KamValueError, match="scenario"):
        Quiz(**{**QUESTION, "scenario": " "})


def test_long_options_wrap_instead_of_being_cut(workbook_path: Path) -> None:
    """Lecture 1 Q5 cut its tick-box options with "…" (issue 11): options take the full
    width and the course stylesheet lets their labels wrap."""
    from kamlib.widgets.layout import STYLESHEET

    long = ["We, the seller, judge it to be of strategic significance for our future growth",
            "It buys from several suppliers across three of its plants in two provinces"]
    quiz = Quiz("Which?", long, long, ["a", "b"], key="long")
    assert all(box.layout.width == "100%" for box in quiz.boxes)
    assert "white-space: normal" in STYLESHEET.split(".widget-checkbox label")[1][:80]
