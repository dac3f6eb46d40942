"""Judging answers: task specs, the shared judge, the hashed answer key and instant feedback.

The same judge runs in the learner's notebook (against salted hashes) and in the grader
(against expected answers computed there); these tests hold both to the same verdicts and
check that no message hands out an answer.
"""

from __future__ import annotations

import json
import os
import stat

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kamlib import datasets
from kamlib.exercises import Field, TaskSpec, check, judge, progress, task_spec, task_specs
from kamlib.exercises import feedback as feedback_module
from kamlib.exercises.judging import (
    Feedback,
    canonical_expected,
    digest,
    expected_form,
    number_cell,
    unanswered,
)
from kamlib.exercises.tasks_lecture3 import SELLING_ACCOUNT
from kamlib.grading import keys
from kamlib.grading.expected import expected_answers
from kamlib.validation import KamValueError
from kamlib.workbook import Workbook

CHOICE = TaskSpec("0.1", "Which quadrant?", "choice",
                  options=(("star", "Star"), ("cow", "Cash cow"), ("dog", "Dog")),
                  why="Cash cows fund the stars.", hint="Look at growth first.")
TICK = TaskSpec("0.2", "Tick the big accounts.", "tick",
                options=tuple((f"AC00{n}", f"AC00{n}") for n in range(1, 6)))
NUMBER = TaskSpec("0.3", "Share in %", "number", unit="%", tolerance=0.5)
RANKING = TaskSpec("0.4", "Best three", "ids", ordered=True,
                   options=tuple((f"AC00{n}", f"AC00{n}") for n in range(1, 6)))
FORM = TaskSpec("0.5", "Scores", "form", fields=(Field("x", "X", "integer", 0, 4),
                                                Field("y", "Y", "integer", 0, 4)))
TEXT = TaskSpec("0.6", "Write to the director.", "text", compare=None, manual=True,
                min_length=20)


def grader(spec: TaskSpec, expected):
    """The grader's matcher: the canonical form of the expected answer."""
    return expected_form(spec, canonical_expected(spec, expected)).__eq__


def key_matcher(spec: TaskSpec, expected, salt: str = "test-salt"):
    """The learner's matcher: the salted hash of the same form."""
    wanted = digest(salt, spec.task_id, expected_form(spec, canonical_expected(spec, expected)))
    return lambda form: digest(salt, spec.task_id, form) == wanted


# --- specs -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"task_id": "one"}, "task_id: got 'one'; expected a task id"),
        ({"kind": "slider"}, "kind: got 'slider'; expected one of"),
        ({"kind": "choice"}, r"options: got \(\); expected the \(key, label\) pairs"),
        ({"kind": "form"}, r"fields: got \(\); expected the inputs of a form"),
        ({"kind": "widget"}, "section: got ''; expected the workbook section"),
        ({"kind": "text"}, "rubric: got None; expected a rubric, a compare rule or manual"),
        ({"prompt": "In {year}?"}, "facts: got .*; expected a value for each placeholder"),
    ],
)
def test_a_spec_names_what_is_wrong(fields, message):
    with pytest.raises(KamValueError, match=message):
        TaskSpec(**{"task_id": "0.9", "prompt": "What?", "kind": "number", **fields})


def test_every_course_task_has_its_section_variable_and_prompt():
    specs = task_specs()
    assert [s.task_id for s in specs][:3] == ["1.1", "1.2", "1.3"]
    assert {s.lecture for s in specs} == {"1", "2", "3", "4"}
    for spec in specs:
        assert spec.variable == "answer_" + spec.task_id.replace(".", "_")
        assert spec.answer_section.startswith(("answers/", "exercise", "capstone/"))
        assert spec.say(spec.prompt)


# --- the judge ---------------------------------------------------------------------------------


@pytest.mark.parametrize("answer", [None, "", "  ", [], {}, [{"strategy": ""}]])
def test_an_untouched_answer_is_not_answered(answer):
    assert unanswered(answer)
    assert judge(TICK, answer, grader(TICK, ["AC001"])).status == "not answered"


def test_choice_is_judged_by_its_key_whatever_the_case():
    matcher = grader(CHOICE, "cow")
    assert judge(CHOICE, " COW ", matcher).status == "correct"
    wrong = judge(CHOICE, "dog", matcher)
    assert wrong.status == "wrong" and "Hint: Look at growth first." in wrong.message
    assert "not one of the options" in judge(CHOICE, "pig", matcher).message
    assert judge(CHOICE, "cow", matcher).message == "Cash cows fund the stars."


@given(expected=st.floats(-1000, 1000, allow_nan=False), offset=st.floats(0, 1))
@settings(max_examples=200, deadline=None)
def test_numbers_within_the_tolerance_pass_and_beyond_twice_it_fail(expected, offset):
    """The grid rule: |answer - expected| <= t passes; >= 2t fails (t = 0.5 here)."""
    matcher = grader(NUMBER, expected)
    near = expected + (offset * 0.499 if offset < 0.5 else -offset * 0.499)
    far = expected + 1.001 + offset
    assert judge(NUMBER, near, matcher).status == "correct"
    assert judge(NUMBER, far, matcher).status == "wrong"


def test_number_slips_are_named_without_the_answer():
    matcher = grader(NUMBER, 52.79)
    assert "100 times off" in judge(NUMBER, 0.5279, matcher).message
    assert "wrong sign" in judge(NUMBER, -52.79, matcher).message
    assert "should be a number" in judge(NUMBER, "52.8%", matcher).message
    message = judge(NUMBER, 60, matcher).message
    assert "52" not in message and "53" not in message
    assert number_cell(52.79, 0.5) == 105


def test_whole_numbers_are_exact():
    spec = TaskSpec("0.7", "How many?", "number")
    assert judge(spec, 50.0, grader(spec, 50)).status == "correct"
    assert judge(spec, 51, grader(spec, 50)).status == "wrong"


def test_partial_credit_only_where_declared_and_only_in_the_grader():
    matcher = grader(TICK, ["AC001", "AC002", "AC003", "AC004"])
    answer = ["AC001", "AC002", "AC003", "AC005"]
    assert judge(TICK, answer, matcher).score == 0
    partly = judge(TICK, answer, matcher, expected=["AC001", "AC002", "AC003", "AC004"],
                   partial=True)
    assert (partly.status, partly.score) == ("wrong", 0.5)  # 3 right, 1 wrong, of 4
    assert "AC004" not in partly.message and "AC005" not in partly.message
    ranking = judge(RANKING, ["AC002", "AC001", "AC003"], grader(RANKING, ["AC001", "AC002",
                                                                           "AC003"]),
                    expected=["AC001", "AC002", "AC003"], partial=True)
    assert ranking.score == pytest.approx(1 / 3)
    form = judge(FORM, {"x": 2, "y": 3}, grader(FORM, {"x": 2, "y": 4}),
                 expected={"x": 2, "y": 4}, partial=True)
    assert form.score == 0.5 and "Y" not in form.message.split("Your answer")[1][:40]


def test_ids_are_checked_against_those_offered_and_never_repeated():
    matcher = grader(RANKING, ["AC001", "AC002", "AC003"])
    assert judge(RANKING, ["ac001", "AC002", " AC003"], matcher).status == "correct"
    assert "AC009, which is not one of the ids offered" in judge(RANKING, ["AC009"],
                                                                 matcher).message
    assert "more than once" in judge(RANKING, ["AC001", "AC001"], matcher).message


def test_form_fields_are_typed_and_bounded():
    matcher = grader(FORM, {"x": 2, "y": 4})
    assert "“Y” outside 0–4" in judge(FORM, {"x": 2, "y": 5}, matcher).message
    assert "leaves “Y” empty" in judge(FORM, {"x": 2}, matcher).message
    assert "whole number" in judge(FORM, {"x": 2.5, "y": 4}, matcher).message


def test_written_answers_are_saved_for_the_trainer_not_judged():
    verdict = judge(TEXT, "A long enough answer to the director.", None)
    assert (verdict.status, verdict.score) == ("saved", 0.0)
    assert "shorter than 20 characters" in judge(TEXT, "Too short", None).message


def test_a_rubric_that_fails_on_an_odd_answer_does_not_stop_the_checks():
    spec = TaskSpec("0.8", "Ratings", "widget", section="x", compare=None,
                    rubric=lambda answer, workbook: answer["missing"])
    verdict = judge(spec, {"a": 1}, None)
    assert verdict.status == "wrong" and "could not be checked (KeyError)" in verdict.message


def test_a_keyed_answer_without_a_key_is_saved_not_judged():
    assert judge(CHOICE, "cow", None).status == "saved"


def test_feedback_escapes_its_html():
    html = Feedback("1.1", "wrong", "<script>alert(1)</script>")._repr_html_()
    assert "<script>" not in html and "&lt;script&gt;" in html


# --- the course's tasks: instant feedback and grader agree; nothing leaks ----------------------


def _wrong_answer(spec: TaskSpec, expected):
    if spec.kind == "choice":
        return next(key for key, _label in spec.choices() if key != expected)
    if spec.kind == "tick":
        return [key for key, _label in spec.choices() if key not in expected][:1]
    if spec.kind == "ids":
        return list(reversed(expected))
    if spec.kind == "number":
        return expected * 3 + 7
    if spec.kind == "form":
        return {key: (value + 1) % 5 for key, value in expected.items()}
    if spec.task_id == "3.5":  # a plan of the wrong accounts
        return [{"account_id": "AC001", "date": "2026-01-10", "objective": "Agree the volumes"}]
    if spec.task_id == "3.10":  # the gatekeeper's role given to someone else of the account
        people = datasets.load("people")
        people = people.loc[people["account_id"] == SELLING_ACCOUNT, "person_id"]
        other = next(p for p in people if p not in expected["gatekeeper"] + expected["decider"])
        return {other: "gatekeeper"}
    raise AssertionError(spec.kind)


def _right_answer(spec: TaskSpec, expected):
    """The right answer as its widget saves it."""
    if spec.task_id == "3.5":  # the visit planner's plan
        return [{"account_id": account, "date": "2026-01-10",
                 "objective": "Agree the 2026 volumes"} for account in expected]
    if spec.task_id == "3.10":  # the buying-centre map's roles
        return {person: role for role, people in expected.items() for person in people}
    assert spec.kind != "widget", spec.task_id
    return expected


def test_instant_feedback_and_the_grader_give_the_same_verdicts():
    for task_id, expected in expected_answers().items():
        spec = task_spec(task_id)
        right = _right_answer(spec, expected)
        wrong = _wrong_answer(spec, expected)
        for answer, status in ((right, "correct"), (wrong, "wrong")):
            by_key = judge(spec, answer, key_matcher(spec, expected))
            by_grader = judge(spec, answer, grader(spec, expected), expected=expected)
            assert by_key.status == by_grader.status == status, (task_id, answer)


def test_no_message_names_an_expected_answer():
    for task_id, expected in expected_answers().items():
        spec = task_spec(task_id)
        message = judge(spec, _wrong_answer(spec, expected), grader(spec, expected),
                        expected=expected, partial=True).message
        shown = [expected] if isinstance(expected, (str, int, float)) else list(
            expected.values() if isinstance(expected, dict) else expected)
        labels = dict(spec.choices()) if spec.kind in ("choice", "tick") else {}
        for value in shown:
            if isinstance(value, float):
                assert f"{value:.1f}" not in message, (task_id, message)
            elif isinstance(value, str) and len(value) > 2:
                assert value not in message and labels.get(value, value) not in message, (
                    task_id, message)


def test_the_committed_answer_key_matches_the_expected_answers():
    assert keys.answer_key_problems() == []
    key = feedback_module.answer_key()
    assert set(key.digests) == set(expected_answers())
    assert key.salt == keys.salt_of(keys.DEVELOPMENT_SECRET)


def test_the_key_holds_no_answer_in_clear():
    text = feedback_module.ANSWER_KEY_PATH.read_text()
    for expected in expected_answers().values():
        if isinstance(expected, str) and len(expected) > 2:
            assert expected not in text
        if isinstance(expected, list):
            assert not any(item in text for item in expected)


def test_a_missing_key_makes_checks_say_saved_and_a_damaged_one_is_refused(tmp_path,
                                                                          monkeypatch):
    monkeypatch.setattr(feedback_module, "ANSWER_KEY_PATH", tmp_path / "answer_key.json")
    assert check("1.8", "protect").status == "saved"
    (tmp_path / "answer_key.json").write_text(json.dumps({"format": 1, "salt": "x",
                                                         "digests": {"1.1": "nothex"}}))
    with pytest.raises(KamValueError, match="answer key: got .*; expected the answer_key.json"):
        check("1.8", "protect")


# --- the learner's side: checks from the workbook ------------------------------------------------


def test_check_reads_the_learners_workbook_and_progress_lists_the_exercise(tmp_path):
    book = Workbook(tmp_path / "me.json")
    assert check("1.6", workbook=book).status == "not answered"
    book.set("answers/1.6", "5")
    book.set("exercise1/uncoupling/AC005", {"ratings": {"staff_changes": 3}})
    assert check("1.6", workbook=book).status == "correct"
    assert "rate at least 3" in check("1.7", workbook=book).message
    table = progress("1", workbook=book)
    assert table.columns.tolist() == ["task", "status", "message"]
    assert dict(zip(table["task"], table["status"], strict=True))["1.6"] == "correct"
    with pytest.raises(KamValueError, match="lecture: got '7'"):
        progress("7", workbook=book)


# --- the course secret ------------------------------------------------------------------------


def test_the_course_secret_comes_from_the_environment_or_a_private_file(tmp_path,
                                                                       monkeypatch):
    monkeypatch.setattr(keys, "secret_path", lambda: tmp_path / "kamlib" / "course_secret")
    monkeypatch.delenv(keys.SECRET_VARIABLE, raising=False)
    first = keys.course_secret()
    path = tmp_path / "kamlib" / "course_secret"
    assert len(first) == 64 and stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert keys.course_secret() == first  # kept
    monkeypatch.setenv(keys.SECRET_VARIABLE, "short")
    with pytest.raises(KamValueError, match="KAMLIB_COURSE_SECRET: got 'a secret of 5"):
        keys.course_secret()
    monkeypatch.setenv(keys.SECRET_VARIABLE, "a course secret long enough")
    other = keys.build_answer_key("a course secret long enough")
    assert other["salt"] != keys.build_answer_key(first)["salt"]
    assert other["digests"]["1.1"] != keys.build_answer_key(first)["digests"]["1.1"]
