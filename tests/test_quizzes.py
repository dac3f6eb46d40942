"""The self-check questions as data (kamlib.quizzes)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kamlib import bcg, datasets, quizzes, settings, stages
from kamlib.validation import KamValueError
from kamlib.widgets.quiz import QuizSet, quiz_set
from kamlib.workbook import Workbook


@pytest.fixture(scope="module")
def facts():
    return quizzes.case_facts()


@pytest.mark.parametrize("lecture", quizzes.LECTURES)
def test_each_question_is_complete_with_an_explanation_per_option(lecture):
    records = quizzes.records(lecture)
    assert len({q.key for q in records}) == len(records) >= 8
    for q in records:
        assert q.kind in quizzes.QUESTION_KINDS and q.syllabus
        assert len(q.options) == len(q.explanations) >= 2
        assert all(0 <= i < len(q.options) for i in q.right)
        if isinstance(q.answer, int):  # one right answer: its explanation says so
            for i, text in enumerate(q.explanations):
                assert text.startswith("Right") is (i == q.answer), (q.key, i)


@pytest.mark.parametrize("lecture", quizzes.LECTURES)
def test_each_lecture_asks_for_judgement_as_well_as_recall(lecture):
    kinds = [q.kind for q in quizzes.records(lecture)]
    assert kinds.count("scenario") >= 3 and kinds.count("recall") >= 3


@pytest.mark.parametrize("lecture", quizzes.LECTURES)
def test_questions_fill_the_case_facts_and_build_a_quiz_set(lecture, facts, tmp_path: Path):
    questions = quizzes.questions(lecture, facts)
    for spec in questions:
        text = " ".join([spec["question"], *spec["options"], *spec["explanations"]])
        assert not re.search(r"\{\w+(:[^}]*)?\}", text), text  # every placeholder filled
    built = quiz_set(questions, key_prefix=f"lecture{lecture}",
                     workbook=Workbook(tmp_path / "wb.json"))
    assert isinstance(built, QuizSet) and len(built.quizzes) == len(questions)
    first = built.quizzes[0]
    first.select(first.answers if first.multiple else first.answers[0])
    first.check()
    assert first.correct and built.score == (1, len(questions))
    assert first.key == f"lecture{lecture}/{questions[0]['key']}"


def test_facts_are_computed_from_the_case_data(facts):
    lines = bcg.bcg_table(datasets.load("product_lines"))
    assert facts["cash_cow_share"] == pytest.approx(
        lines.loc[lines["quadrant"] == "cash_cow", "revenue_share"].sum()
    )
    assert (facts["wind_accounts"], round(facts["wind_revenue_m"], 1)) == (10, 16.1)
    assert round(facts["pl03_revenue_m"], 1) == 36.3
    assert facts["limit"] == settings.current().plausible_change_pct


def test_lecture1_life_cycle_answer_is_the_handouts_claim_not_a_fact(facts):
    spec = next(q for q in quizzes.questions(1, facts) if q["key"] == "life_cycle")
    right = spec["explanations"][spec["options"].index(spec["answer"])]
    assert "as the handout claims" in right and "not a law" in right
    assert f"{facts['cash_cow_share']:.0%} of Huaxin's own revenue comes from cash cows" in right
    assert "straight to decline" not in " ".join(spec["explanations"])


def test_lecture1_stage_six_accounts_with_a_joint_team_exist():
    """The explanation of 'uncoupling_any_stage' says lecture 1 shows such accounts."""
    accounts, orders, contacts = (datasets.load(n) for n in ("accounts", "transactions",
                                                              "contacts"))
    table = stages.relationship_stages(contacts, orders, accounts, as_of=settings.current().today)
    joint = contacts.groupby("account_id")["joint_team"].any()
    uncoupled = table.loc[table["stage"] == 6, "account_id"]
    assert uncoupled.map(joint).fillna(False).astype(bool).sum() >= 1


def test_lecture2_no_longer_calls_wind_energy_new(facts):
    text = " ".join(
        " ".join([q["question"], *q["options"], *q["explanations"]])
        for q in quizzes.questions(2, facts)
    )
    assert "never served" not in text and "has never" not in text
    assert "antifouling paint to shipyards: a new product" not in text
    strong_cow = bcg.bcg_table(datasets.load("product_lines")).set_index("line_id").loc["PL02"]
    assert strong_cow["quadrant"] == "cash_cow" and strong_cow["advice"] == "hold"


def test_lecture2_smart_answer_matches_the_coach(facts):
    from kamlib.goals import check_smart

    spec = next(q for q in quizzes.questions(2, facts) if q["key"] == "smart_goal")
    assert check_smart(spec["answer"]).score == 5
    for option in spec["options"]:
        if option != spec["answer"]:
            assert check_smart(option).score < 5, option


def test_lecture4_advance_answer_is_an_advance_to_the_coach(facts):
    from kamlib.goals import judge_advance

    spec = next(q for q in quizzes.questions(4, facts) if q["key"] == "advance_objective")
    kinds = {option: judge_advance(option).kind for option in spec["options"]}
    assert kinds[spec["answer"]] == "advance"
    assert kinds["Keep in touch."] == "continuation"


def test_selling_and_analysis_questions_moved_from_lecture3_to_lecture4():
    assert {q.syllabus for q in quizzes.records(3)} <= {"L3.1", "L3.2", "L3.3", "L3.4", "L3.5"}
    lecture4 = quizzes.records(4)
    assert {q.syllabus for q in lecture4} == {"O4", "O5"}
    keys = {q.key for q in lecture4}
    assert {"gatekeeper", "cost_to_serve", "implication", "need_payoff", "objection_price",
            "advance_objective"} <= keys
    assert not keys & {q.key for q in quizzes.records(3)}


def test_lecture4_quotes_the_accounts_losing_money_after_cost_to_serve(facts):
    from kamlib import account_analysis

    table = account_analysis.profitability(datasets.load("transactions"),
                                           datasets.load("visits"))
    losing = int((table["margin_after_cts_cny"] < 0).sum())
    assert facts["cts_losing"] == losing > 0
    spec = next(q for q in quizzes.questions(4, facts) if q["key"] == "margin_after_cts")
    assert f"{losing} of Huaxin's accounts lose money" in spec["question"]


@pytest.mark.parametrize("bad", [0, 5, "1", True])
def test_unknown_lecture_is_refused(bad):
    with pytest.raises(KamValueError, match="lecture"):
        quizzes.records(bad)
