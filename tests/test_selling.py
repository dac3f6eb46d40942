"""Features, advantages and benefits; objections in four steps (kamlib.selling)."""

from __future__ import annotations

import pytest

from kamlib import datasets, selling
from kamlib.validation import KamValueError


def test_every_product_line_has_a_worked_chain():
    lines = set(datasets.load("product_lines")["line_id"])
    assert {example.line_id for example in selling.FAB_EXAMPLES} == lines


@pytest.mark.parametrize("example", selling.FAB_EXAMPLES, ids=lambda e: e.line_id)
def test_the_worked_chains_read_as_feature_advantage_benefit(example):
    assert selling.judge_benefit(example.feature).kind == "feature"
    assert selling.judge_benefit(example.advantage).kind == "advantage"
    verdict = selling.judge_benefit(example.benefit, need=example.need)
    assert verdict.kind == "benefit" and verdict.hint == ""
    assert "meets the stated need" in verdict.reason


@pytest.mark.parametrize(
    ("text", "need", "kind"),
    [
        ("我们的水性底漆VOC含量低于50克/升。", None, "feature"),
        ("它比溶剂型底漆排放少得多。", None, "advantage"),
        ("您不用改造烘道就能达到明年的排放限值。", "明年的排放限值让厂长很担心。", "benefit"),
        ("您可以节省成本。", "返工太多，交期总是延误。", "advantage"),
        ("You save money with our primer.", "Line stops cost us a shift a week.", "advantage"),
        ("You will stop losing a shift a week to line stops.",
         "Line stops cost us a shift a week.", "benefit"),
    ],
)
def test_judge_benefit_in_both_languages(text, need, kind):
    verdict = selling.judge_benefit(text, need=need)
    assert verdict.kind == kind, verdict.reason
    assert (verdict.hint == "") is (kind == "benefit")


def test_an_advantage_told_to_the_customer_is_not_yet_a_benefit():
    verdict = selling.judge_benefit("You save money with our primer.",
                                    need="Line stops cost us a shift a week.")
    assert "does not name the need" in verdict.reason
    assert "Line stops cost us a shift a week." in verdict.hint


def test_judge_benefit_rejects_bad_input():
    with pytest.raises(KamValueError, match="text"):
        selling.judge_benefit("  ")
    with pytest.raises(KamValueError, match="line_id: got 'PL99'"):
        selling.fab_example("PL99")


@pytest.mark.parametrize("objection", selling.OBJECTIONS, ids=lambda o: o.key)
def test_each_model_answer_passes_all_four_steps(objection):
    review = selling.judge_objection_response(
        objection.key, **dict(zip(selling.STEPS, objection.model, strict=True))
    )
    assert review.score == 4, review.to_frame().to_string()
    assert list(review.to_frame()["step"]) == list(selling.STEPS)


def test_a_price_answer_that_argues_and_discounts_fails_with_hints():
    review = selling.judge_objection_response(
        "price",
        acknowledge="I understand, but our quality is better.",
        explore="Our price is fair.",
        answer="We can give you a 5% discount.",
        confirm="OK.",
    )
    frame = review.to_frame().set_index("step")
    assert review.score == 0
    assert "'but'" in frame.loc["acknowledge", "reason"]
    assert "a statement, not a question" in frame.loc["explore", "reason"]
    assert "gives margin away" in frame.loc["answer", "reason"]
    assert "cost per finished part" in frame.loc["answer", "hint"]
    assert all(frame["hint"] != "")


def test_chinese_answer_to_switching_risk():
    review = selling.judge_objection_response(
        "switching_risk", acknowledge="我理解，停线的代价很大。", explore="您最担心哪方面的风险？",
        answer="我们可以先在一条线上小批量试用，工程师驻厂支持。", confirm="这样您看可以吗？")
    assert review.score == 4


def test_empty_steps_are_missing_not_errors():
    review = selling.judge_objection_response("happy")
    assert review.score == 0
    assert all(verdict.reason == "missing" for verdict in review.steps)


def test_unknown_objection_is_refused():
    with pytest.raises(KamValueError, match="objection: got 'weather'"):
        selling.judge_objection_response("weather", acknowledge="I understand.")
