"""Instant feedback: the task registry, check/check_all, judges, hashing and display."""

from __future__ import annotations

import json
from functools import partial

import numpy as np
import pandas as pd
import pytest

from kamlib import set_language
from kamlib.exercises import feedback
from kamlib.exercises.feedback import (
    Feedback,
    Task,
    check,
    check_all,
    choice_problem,
    hash_answer,
    ids_problem,
    load_tasks,
    matches_hash,
    number_problem,
    register,
    report_json,
    table_problem,
)
from kamlib.validation import KamValueError

# The example registry: a fake lecture "0" over a tiny book of accounts.
REVENUE = pd.Series({"AC001": 500.0, "AC002": 300.0, "AC003": 150.0, "AC004": 50.0})
QUADRANTS = ("star", "cash cow", "question mark", "dog")


def top_share() -> float:
    return float(REVENUE.max() / REVENUE.sum())


def share_table() -> pd.DataFrame:
    return pd.DataFrame({"revenue_cny": REVENUE, "share": REVENUE / REVENUE.sum()})


def example_tasks() -> list[Task]:
    return [
        Task(
            "0.1",
            "answer_0_1",
            asks="the share of revenue from the largest account, as a fraction 0–1",
            why="One account carrying half the revenue is a concentration risk (集中风险).",
            judge=number_problem,
            expected=top_share,
        ),
        Task(
            "0.2",
            "answer_0_2",
            asks="the list of account ids with revenue of at least 300 CNY",
            why="These are the accounts to protect first.",
            judge=ids_problem,
            expected=lambda: REVENUE.index[REVENUE >= 300].tolist(),
            points=2,
        ),
        Task(
            "0.3",
            "answer_0_3",
            asks="the BCG quadrant (波士顿矩阵象限) of the product line, as text",
            why="A cash cow (现金牛类) funds the stars.",
            judge=partial(choice_problem, options=QUADRANTS),
            expected=lambda: hash_answer("cash cow"),
            hint="look at growth first.",
        ),
        Task(
            "0.4",
            "answer_0_4",
            asks="a DataFrame indexed by account with revenue_cny and share",
            why="The share table is the base of the 80/20 analysis.",
            judge=table_problem,
            expected=share_table,
        ),
    ]


@pytest.fixture
def lecture0(monkeypatch):
    """An isolated registry holding only the example tasks."""
    monkeypatch.setattr(feedback, "_TASKS", {})
    monkeypatch.setattr(feedback, "_LOADED", {"kamlib.exercises"})
    for task in example_tasks():
        register(task)


RIGHT = {
    "answer_0_1": 0.5,
    "answer_0_2": ["AC002", "ac001 "],
    "answer_0_3": "  Cash  Cow",
    "answer_0_4": share_table().iloc[::-1],
}


def test_check_says_correct_with_why_it_matters(lecture0):
    verdict = check("0.3", RIGHT)
    assert verdict == Feedback("0.3", "correct", "A cash cow (现金牛类) funds the stars.")


def test_not_answered_prompts_what_to_set(lecture0):
    for namespace in ({}, {"answer_0_2": None}, {"answer_0_2": []}, {"answer_0_2": ...}):
        verdict = check("0.2", namespace)
        assert verdict.status == "not answered"
        assert verdict.message == (
            "Set `answer_0_2` to the list of account ids with revenue of at least 300 CNY."
        )
    assert check("0.3", {"answer_0_3": "  "}).status == "not answered"
    assert check("0.4", {"answer_0_4": pd.DataFrame()}).status == "not answered"


def test_check_all_checks_every_task_even_if_cells_are_missing(lecture0):
    """A learner who deleted the cells of 0.1 and 0.3 still gets feedback on the rest."""
    table = check_all({"answer_0_2": ["AC001", "AC002"], "answer_0_4": [1, 2]})
    assert table.columns.tolist() == ["task", "variable", "status", "score", "points", "message"]
    assert table["status"].tolist() == ["not answered", "correct", "not answered", "wrong"]
    assert table["score"].tolist() == [0.0, 2.0, 0.0, 0.0]
    assert table["points"].tolist() == [1.0, 2.0, 1.0, 1.0]


def test_check_all_on_the_right_answers(lecture0):
    assert check_all(RIGHT)["status"].eq("correct").all()


def test_report_json_round_trips(lecture0):
    report = json.loads(report_json(RIGHT))
    assert [row["task"] for row in report["tasks"]] == ["0.1", "0.2", "0.3", "0.4"]
    assert {row["status"] for row in report["tasks"]} == {"correct"}


def test_check_reads_the_calling_namespace(lecture0):
    namespace = {"check": check, "answer_0_1": 0.5}
    exec("verdict = check('0.1')", namespace)
    assert namespace["verdict"].status == "correct"


def test_unknown_task_lists_known_ids(lecture0):
    with pytest.raises(KamValueError, match="task: got '9.9'; expected one of '0.1', '0.2', '0.3'"):
        check("9.9", {})
    with pytest.raises(KamValueError, match=r"task: got 1.2; expected text \(a str\)"):
        check(1.2, {})


def test_check_rejects_a_namespace_that_is_not_a_mapping(lecture0):
    with pytest.raises(KamValueError, match="namespace: got 'list'; expected None or a mapping"):
        check("0.1", [])
    with pytest.raises(KamValueError, match="namespace: got 'str'; expected a mapping"):
        example_tasks()[0].check("answer_0_1")


def test_check_with_no_tasks_registered(monkeypatch):
    monkeypatch.setattr(feedback, "_TASKS", {})
    monkeypatch.setattr(feedback, "_LOADED", {"kamlib.exercises"})
    with pytest.raises(KamValueError, match="task: got '1.1'; expected a registered task id, but"):
        check("1.1", {})


def wrong(task: str, answer) -> str:
    verdict = check(task, {f"answer_{task.replace('.', '_')}": answer})
    assert verdict.status == "wrong"
    return verdict.message


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        (50, "`answer_0_1` is about 100 times off: a percentage where a fraction is asked"),
        (5000, "`answer_0_1` is about 10,000 times off: check the unit (yuan vs 万元"),
        (0.0005, "`answer_0_1` is about 1,000 times off: check the unit"),
        (-0.5, "`answer_0_1` has the wrong sign."),
        (0.4, "`answer_0_1` is not the right value."),
        ("50%", "should be a number; it is a str ('50%'). Remove quotes, % signs"),
        (True, "should be a number; it is a bool (True)."),
        (float("nan"), "`answer_0_1` is nan, not a finite number."),
    ],
)
def test_number_feedback_says_what_is_wrong_without_the_answer(lecture0, answer, message):
    text = wrong("0.1", answer)
    assert text.startswith(message) or message in text
    assert "0.5" not in text.replace(repr(answer), "")


def test_number_accepts_numpy_scalars_within_tolerance(lecture0):
    assert check("0.1", {"answer_0_1": np.float32(0.50001)}).status == "correct"


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        (
            ["AC001", "AC004"],
            "includes 1 account(s) that do not belong: AC004; misses 1 account(s).",
        ),
        (["AC001"], "`answer_0_2` misses 1 account(s)."),
        (["AC001", "AC001", "AC002"], "`answer_0_2` lists AC001 more than once."),
        ("AC001, AC002", "should be a list of account ids, e.g. ['AC001', 'AC002']; it is a str"),
    ],
)
def test_ids_feedback_names_the_wrong_accounts_only(lecture0, answer, message):
    text = wrong("0.2", answer)
    assert message in text
    assert "AC002" not in text or "AC002" in repr(answer)


def test_ids_accept_series_and_any_order(lecture0):
    assert check("0.2", {"answer_0_2": pd.Series(["AC002", "AC001"])}).status == "correct"


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        ("dog", "`answer_0_3` is not the right choice. Hint: look at growth first."),
        ("milk cow", "is not one of the options: star, cash cow, question mark, dog."),
        (3, "should be text (a str); it is a int (3)."),
    ],
)
def test_choice_feedback(lecture0, answer, message):
    assert message in wrong("0.3", answer)


def test_table_feedback(lecture0):
    right = share_table()
    assert "should be a pandas DataFrame; it is a list" in wrong("0.4", [1, 2])
    assert "misses the column(s) 'share'." in wrong("0.4", right[["revenue_cny"]])
    assert "has 3 rows; it should have 4." in wrong("0.4", right.iloc[:3])
    renamed = right.rename(index={"AC004": "AC999"})
    assert "row labels (index) that do not belong: AC999." in wrong("0.4", renamed)
    percent = right.assign(share=right["share"] * 100)
    assert "column 'share' is about 100 times off" in wrong("0.4", percent)
    swapped = right.assign(share=right["share"].to_numpy()[::-1])
    assert wrong("0.4", swapped).endswith("column 'share' has values that are not right.")
    extra = right.assign(note="x")
    assert check("0.4", {"answer_0_4": extra}).status == "correct"


def test_table_problem_on_series_and_text_columns():
    expected = pd.Series([1.0, 2.0], index=["a", "b"])
    assert table_problem(expected * 100, expected).startswith("the Series is about 100 times")
    assert table_problem(expected.sort_index(ascending=False), expected) is None
    words = pd.DataFrame({"stage": ["trial", "partner"]})
    assert table_problem(words.assign(stage=["trial", "x"]), words) == (
        "column 'stage' has values that are not right."
    )


def test_a_judge_that_fails_on_odd_input_gives_feedback_not_a_crash(lecture0):
    text = wrong("0.4", pd.DataFrame({"revenue_cny": [1, 2, 3, 4], "share": list("abcd")}))
    assert "has row labels" in text
    odd = Task("0.9", "odd", asks="x", why="y", judge=lambda answer, expected: answer.nope)
    verdict = odd.check({"odd": 1})
    assert verdict == Feedback(
        "0.9",
        "wrong",
        "`odd` could not be checked (AttributeError); is it the kind of value asked for?",
    )


def test_expected_values_are_not_stored_in_the_message_or_task(lecture0):
    for task in feedback.registered_tasks():
        assert "0.5" not in repr(task.asks + task.why + task.hint)
    assert "cash cow" not in hash_answer("cash cow")


def test_hash_answer_normalises_and_matches():
    digest = hash_answer("Cash Cow")
    assert digest == hash_answer("  cash   cow ")
    assert len(digest) == 64 and digest != hash_answer("cash cow", salt="other")
    assert matches_hash("CASH COW", digest) and not matches_hash("dog", digest)


def test_hash_answer_rejects_bad_input():
    with pytest.raises(KamValueError, match="text: got ''; expected non-empty text"):
        hash_answer("")
    with pytest.raises(KamValueError, match=r"text: got 3; expected text \(a str\)"):
        matches_hash(3, hash_answer("x"))
    with pytest.raises(KamValueError, match="digest: got 'abc'; expected a SHA-256 hex digest"):
        matches_hash("x", "abc")
    with pytest.raises(KamValueError, match="salt: got ' '; expected non-empty text"):
        hash_answer("x", salt=" ")


def test_feedback_displays_as_text_and_html():
    verdict = Feedback("1.2", "wrong", "`a` is <not> right.")
    assert str(verdict) == "✘ Task 1.2: Not quite. `a` is <not> right."
    page = verdict._repr_html_()
    assert "✘" in page and "Task 1.2: Not quite" in page and "&lt;not&gt;" in page
    assert 'role="status"' in page and "#D55E00" in page
    assert "✔" in Feedback("1.2", "correct", "ok")._repr_html_()


def test_feedback_follows_the_language():
    set_language("zh")
    try:
        assert str(Feedback("1.2", "not answered", "x")) == "… 任务 1.2: 尚未作答. x"
    finally:
        set_language("en")


def test_feedback_rejects_bad_fields():
    with pytest.raises(KamValueError, match="status: got 'ok'; expected one of 'correct'"):
        Feedback("1.2", "ok", "x")
    with pytest.raises(KamValueError, match="message: got ''; expected non-empty text"):
        Feedback("1.2", "correct", "")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"task_id": "one"}, "task_id: got 'one'; expected a task id like"),
        ({"variable": "answer 1"}, "variable: got 'answer 1'; expected a Python variable name"),
        ({"asks": ""}, "asks: got ''; expected non-empty text"),
        ({"judge": "x"}, "judge: got 'x'; expected a function judge"),
        ({"expected": 0.5}, "expected: got 0.5; expected None or a function"),
        ({"points": -1}, "points: got -1; expected a number from 0 to inf"),
    ],
)
def test_task_rejects_bad_fields(changes, message):
    fields = {"task_id": "1.1", "variable": "a", "asks": "x", "why": "y", "judge": number_problem}
    with pytest.raises(KamValueError, match=message):
        Task(**{**fields, **changes})


def test_register_refuses_duplicates_and_non_tasks(lecture0):
    task = example_tasks()[0]
    with pytest.raises(KamValueError, match="task_id: got '0.1'; expected an id that is not"):
        register(Task("0.1", "other", asks="x", why="y", judge=number_problem))
    assert register(feedback._TASKS["0.1"]) is feedback._TASKS["0.1"]
    with pytest.raises(KamValueError, match="task: got 'x'; expected a kamlib.exercises.Task"):
        register("x")
    assert task.task_id == "0.1"


TASK_FILE = """\
from kamlib.exercises import Task, number_problem, register

register(Task("5.1", "answer_5_1", asks="a number", why="because", judge=number_problem,
              expected=lambda: 2.0))
"""


def test_load_tasks_from_a_file_once(monkeypatch, tmp_path):
    monkeypatch.setattr(feedback, "_TASKS", {})
    monkeypatch.setattr(feedback, "_LOADED", {"kamlib.exercises"})
    path = tmp_path / "my_tasks.py"
    path.write_text(TASK_FILE)
    assert load_tasks(str(path)) == ["5.1"]
    assert load_tasks(str(path)) == ["5.1"]  # a second load is skipped, not a duplicate
    assert check("5.1", {"answer_5_1": 2}).status == "correct"


def test_load_tasks_from_a_module(monkeypatch, tmp_path):
    monkeypatch.setattr(feedback, "_TASKS", {})
    monkeypatch.setattr(feedback, "_LOADED", {"kamlib.exercises"})
    (tmp_path / "course_tasks_five.py").write_text(TASK_FILE)
    monkeypatch.syspath_prepend(str(tmp_path))
    assert load_tasks("course_tasks_five") == ["5.1"]


def test_load_tasks_rejects_bad_sources(monkeypatch, tmp_path):
    monkeypatch.setattr(feedback, "_LOADED", {"kamlib.exercises"})
    monkeypatch.chdir(tmp_path)
    with pytest.raises(KamValueError, match="source: got 'nothing.py'; expected the path of an"):
        load_tasks("nothing.py")
    with pytest.raises(KamValueError, match="source: got 'no_such_module_xyz'; expected an"):
        load_tasks("no_such_module_xyz")
    with pytest.raises(KamValueError, match="source: got 7; expected text"):
        load_tasks(7)
    (tmp_path / "needs_missing.py").write_text("import no_such_dependency_xyz\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(ModuleNotFoundError, match="no_such_dependency_xyz"):
        load_tasks("needs_missing")


def test_package_task_modules_are_discovered(monkeypatch):
    """``tasks_*`` modules of kamlib.exercises load without error, and each id is well formed."""
    monkeypatch.setattr(feedback, "_LOADED", set())
    task_ids = load_tasks()
    assert len(task_ids) > 0, "no task module found in kamlib.exercises"
    for task_id in task_ids:
        assert feedback.TASK_ID.match(task_id)
