"""The handout's process cycles (kamlib.cycles)."""

from __future__ import annotations

import pytest

from kamlib.cycles import (
    CYCLES,
    MISSION_CHAIN,
    REGIONAL_OPERATION,
    SBU_PLAN,
    TARGET_ACCOUNT_SEQUENCE,
    TARGET_CUSTOMER,
    VALUE_DELIVERY,
    VISIT_PLAN,
    CyclePosition,
    Step,
    as_frame,
    describe,
    position,
)
from kamlib.validation import KamValueError


@pytest.mark.parametrize(
    ("cycle", "chinese"),
    [
        (REGIONAL_OPERATION, "分析—目标—计划—执行—评估与控制—总结"),
        (TARGET_CUSTOMER, "环境分析—目标客户设立—建立大客户策略及计划—采取行动—成效回顾"),
        (MISSION_CHAIN, "使命—战略任务—营销目标—营销策略—行动计划"),
        (SBU_PLAN, "任务—SWOT分析—目标—策略—计划—执行—评估控制"),
        (TARGET_ACCOUNT_SEQUENCE, "客户分类—优先排序—预估结果发生概率—客户档案建立与更新—希望档案"),
        (
            VISIT_PLAN,
            "环境分析—目标客户设立—建立大客户计划及策略—设立拜访目标—计划拜访—记录拜访成果—"
            "更新/修改重要客户计划",
        ),
    ],
)
def test_steps_follow_the_handout(cycle, chinese):
    assert "—".join(step.zh for step in cycle.steps) == chinese
    assert all(
        isinstance(s, Step) and s.en and s.question.endswith(("?", ".")) for s in cycle.steps
    )
    assert len(set(cycle.keys)) == len(cycle.steps)


def test_notes_carry_the_handouts_extras():
    assert "企业文化" in MISSION_CHAIN.note
    assert MISSION_CHAIN.steps[0].details == ("VALUE (价值观)", "VISION (愿景)", "MISSION (任务)")
    assert [
        d for s in SBU_PLAN.steps for d in s.details if d.split(":")[0] in {"WHAT", "WHY", "HOW"}
    ]
    assert "每月" in VISIT_PLAN.note
    assert [s.zh for s in VALUE_DELIVERY.steps] == ["选择价值", "提供价值", "传播价值"]
    assert "战略营销" in VALUE_DELIVERY.note and "战术营销" in VALUE_DELIVERY.note
    assert set(CYCLES) == {c.key for c in CYCLES.values()} and len(CYCLES) == 7


def test_position_in_the_middle_and_at_the_start():
    middle = position(REGIONAL_OPERATION, step_key="execute")
    assert isinstance(middle, CyclePosition)
    assert [s.key for s in middle.done] == ["analyse", "objectives", "plan"]
    assert middle.current.zh == "执行" and middle.next.zh == "评估与控制"
    start = position("visit_plan", step_key="environment")
    assert start.done == () and start.next.key == "targets"


def test_cycles_wrap_around_and_chains_end():
    last = position(REGIONAL_OPERATION, step_key="summarise")
    assert last.next == REGIONAL_OPERATION.steps[0]
    assert len(last.done) == 5
    assert position(VISIT_PLAN, step_key="update_plan").next.key == "environment"
    assert position(MISSION_CHAIN, step_key="action_plan").next is None
    assert position(VALUE_DELIVERY, step_key="communicate").next is None


def test_as_frame():
    frame = as_frame(SBU_PLAN)
    assert list(frame.columns) == ["number", "key", "en", "zh", "question", "details"]
    assert frame["number"].tolist() == list(range(1, 8))
    assert frame.loc[frame["key"] == "objectives", "details"].item().startswith("WHAT")
    assert as_frame("sbu_plan").equals(frame)


def test_as_frame_marks_the_current_step():
    frame = as_frame(TARGET_CUSTOMER, current_key="strategy")
    assert frame["status"].tolist() == ["done", "done", "now", "", ""]
    assert as_frame(TARGET_CUSTOMER, current_key="environment")["status"].tolist()[:2] == [
        "now",
        "",
    ]


def test_describe_a_cycle_with_its_current_step():
    text = describe(REGIONAL_OPERATION, current_key="summarise")
    first, chain, now = text.split("\n")
    assert first == "Regional operation cycle (区域运作):"
    assert chain.strip().startswith("Analyse (分析) → Set objectives (目标) →")
    assert chain.endswith("→ [Summarise (总结)] ↺")
    assert now == "  now: Summarise; next: Analyse."


def test_describe_a_chain_without_a_current_step():
    text = describe("mission_chain")
    assert "\n" in text and "[" not in text and "↺" not in text
    assert text.endswith("Action plan (行动计划)")
    assert describe(MISSION_CHAIN, current_key="action_plan").endswith(
        "now: Action plan; next: the end."
    )


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda: position("annual_plan", step_key="task"),
            r"cycle: got 'annual_plan'; expected one of "
            r"'regional_operation'",
        ),
        (lambda: position(3, step_key="task"), r"cycle: got 3; expected a Cycle or one of"),
        (
            lambda: position(SBU_PLAN, step_key="swot_analysis"),
            r"step_key: got 'swot_analysis'; expected "
            r"one of 'task', 'swot'",
        ),
        (lambda: as_frame(None), r"cycle: got None; expected a Cycle or one of"),
        (
            lambda: as_frame(SBU_PLAN, current_key="act"),
            r"current_key: got 'act'; expected one of 'task'",
        ),
        (lambda: describe("plan"), r"cycle: got 'plan'; expected one of 'regional_operation'"),
        (
            lambda: describe(VISIT_PLAN, current_key=7),
            r"current_key: got 7; expected one of 'environment'",
        ),
    ],
)
def test_bad_input_is_rejected(call, message):
    with pytest.raises(KamValueError, match=message):
        call()
