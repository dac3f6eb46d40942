"""The handout's process cycles and chains, step by step.

Each sequence is a :class:`Cycle` of :class:`Step` records (key, English, Chinese, the
question the step answers). :func:`position` says, for a step, what is done, what is current
and what comes next; a cycle that repeats (the regional operation cycle, the visit plan…)
wraps around from its last step to its first, a one-way chain (mission → action plan) ends.
:func:`as_frame` and :func:`describe` give a cycle as a table and as an arrow chain of text.

- REGIONAL_OPERATION [L1.6] 区域运作
- TARGET_CUSTOMER [L1.7, L2.1] 如何确立我们的目标客户
- MISSION_CHAIN [L2.2] 企业的使命
- SBU_PLAN [L2.3] SBU年度业务策略与计划, VALUE_DELIVERY [L2.3] 价值创造和传递
- TARGET_ACCOUNT_SEQUENCE [L3.1] 确定目标大客户
- VISIT_PLAN [L3.5] 大客户拜访计划
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from kamlib.i18n import N_, _, get_language, join_list
from kamlib.validation import check_choice, fail


@dataclass(frozen=True)
class Step:
    """One step: key, English and Chinese name, the question it answers, optional details.

    Examples
    --------
    >>> REGIONAL_OPERATION.steps[0].question
    'Where do we stand in the region: market, customers, us?'
    """

    key: str
    en: str
    zh: str
    question: str
    details: tuple[str, ...] = ()


@dataclass(frozen=True)
class Cycle:
    """A named sequence of steps; ``repeats`` says whether the last step leads to the first.

    Examples
    --------
    >>> MISSION_CHAIN.repeats, REGIONAL_OPERATION.repeats
    (False, True)
    """

    key: str
    en: str
    zh: str
    concepts: tuple[str, ...]
    steps: tuple[Step, ...]
    repeats: bool = True
    note: str = ""

    @property
    def keys(self) -> tuple[str, ...]:
        """The step keys in order.

        Returns
        -------
        tuple of str

        Examples
        --------
        >>> REGIONAL_OPERATION.keys
        ('analyse', 'objectives', 'plan', 'execute', 'evaluate', 'summarise')
        """
        return tuple(step.key for step in self.steps)


@dataclass(frozen=True)
class CyclePosition:
    """Where a step sits in its cycle: the steps done before it, it, and the next one.

    Made by :func:`position`; ``next`` is None at the end of a one-way chain.
    """

    done: tuple[Step, ...]
    current: Step
    next: Step | None


REGIONAL_OPERATION = Cycle(
    "regional_operation",
    N_("Regional operation cycle"),
    "区域运作",
    ("L1.6",),
    (
        Step(
            "analyse", N_("Analyse"), "分析",
            N_("Where do we stand in the region: market, customers, us?"),
        ),
        Step("objectives", N_("Set objectives"), "目标", N_("What do we want to reach, by when?")),
        Step("plan", N_("Plan"), "计划", N_("Which actions, by whom, with what budget?")),
        Step("execute", N_("Execute"), "执行", N_("Are we doing what the plan says?")),
        Step(
            "evaluate",
            N_("Evaluate and control"),
            "评估与控制",
            N_("Are results on track, and what do we correct?"),
        ),
        Step("summarise", N_("Summarise"), "总结",
             N_("What did we learn for the next round of analysis?")),
    ),
    note=N_("The summary feeds the next analysis: the cycle repeats every planning period."),
)

TARGET_CUSTOMER = Cycle(
    "target_customer",
    N_("Setting target customers"),
    "如何确立我们的目标客户",
    ("L1.7", "L2.1"),
    (
        Step(
            "environment",
            N_("Environment analysis"),
            "环境分析",
            N_("What in the market and in our company shapes our choice?"),
        ),
        Step(
            "targets",
            N_("Set target customers"),
            "目标客户设立",
            N_("Which accounts deserve key account management?"),
        ),
        Step(
            "strategy",
            N_("Build key account strategy and plan"),
            "建立大客户策略及计划",
            N_("How will we grow each target account?"),
        ),
        Step("act", N_("Act"), "采取行动", N_("What do we do this month at each account?")),
        Step("review", N_("Review results"), "成效回顾",
             N_("What worked, and what changes next time?")),
    ),
    note=N_("Lecture 2 uses this cycle as its frame (L2.1)."),
)

MISSION_CHAIN = Cycle(
    "mission_chain",
    N_("From mission to action plan"),
    "企业的使命",
    ("L2.2",),
    (
        Step(
            "mission",
            N_("Mission"),
            "使命",
            N_("Why does our company exist, for whom?"),
            (N_("VALUE (价值观)"), N_("VISION (愿景)"), N_("MISSION (任务)")),
        ),
        Step(
            "strategic_task",
            N_("Strategic task"),
            "战略任务",
            N_("What must the business achieve in the next years?"),
        ),
        Step(
            "marketing_objectives",
            N_("Marketing objectives"),
            "营销目标",
            N_("Which market results show that we achieve it?"),
        ),
        Step(
            "marketing_strategy",
            N_("Marketing strategy"),
            "营销策略",
            N_("How will we reach those objectives (4P)?"),
        ),
        Step("action_plan", N_("Action plan"), "行动计划",
             N_("Who does what, when, at what cost?")),
    ),
    repeats=False,
    note=N_("VALUE, VISION and MISSION ⇔ corporate culture (企业文化): the culture carries the "
    "mission, which leads to the strategic objectives (战略目标)."),
)

SBU_PLAN = Cycle(
    "sbu_plan",
    N_("SBU annual business strategy and plan"),
    "SBU年度业务策略与计划",
    ("L2.3",),
    (
        Step(
            "task",
            N_("Task"),
            "任务",
            N_("Why do it? The strategic task of the unit."),
            (N_("WHY: strategic task, why do it"),),
        ),
        Step(
            "swot",
            N_("SWOT analysis"),
            "SWOT分析",
            N_("What are our strengths and weaknesses, opportunities and threats?"),
        ),
        Step(
            "objectives",
            N_("Objectives"),
            "目标",
            N_("What do we want to achieve?"),
            (N_("WHAT: objective, what you want to achieve"),),
        ),
        Step(
            "strategy",
            N_("Strategy"),
            "策略",
            N_("How do we reach the objective?"),
            (N_("HOW: strategy, how to reach the objective"),),
        ),
        Step(
            "plan",
            N_("Plan"),
            "计划",
            N_("How is each step of the strategy taken?"),
            (N_("each step written SMART: specific, measurable, achievable, relevant, "
                "time-bound"),),
        ),
        Step("execute", N_("Execute"), "执行", N_("Are we doing what the plan says?")),
        Step(
            "evaluate",
            N_("Evaluate and control"),
            "评估控制",
            N_("Are results on track, and what do we correct?"),
        ),
    ),
    note=N_("WHAT (objective), WHY (strategic task), HOW (strategy, then plan). Repeats yearly."),
)

VALUE_DELIVERY = Cycle(
    "value_delivery",
    N_("Value creation and delivery"),
    "价值创造和传递",
    ("L2.3",),
    (
        Step(
            "choose",
            N_("Choose the value"),
            "选择价值",
            N_("Which customers, and what value do we promise them?"),
            (
                N_("segment (市场细分)"),
                N_("target (目标市场)"),
                N_("position (定位)"),
                N_("strategic marketing (战略营销)"),
            ),
        ),
        Step(
            "provide",
            N_("Provide the value"),
            "提供价值",
            N_("How do we make and deliver it?"),
            (
                N_("product and service development"),
                N_("manufacturing"),
                N_("distribution"),
                N_("pricing"),
                N_("tactical marketing (战术营销)"),
            ),
        ),
        Step(
            "communicate",
            N_("Communicate the value"),
            "传播价值",
            N_("How do customers learn about it?"),
            (N_("sales force"), N_("sales promotion"), N_("advertising"),
             N_("tactical marketing (战术营销)")),
        ),
    ),
    repeats=False,
    note=N_("Choosing the value (STP) is strategic marketing (战略营销); providing and "
    "communicating it is tactical marketing (战术营销)."),
)

TARGET_ACCOUNT_SEQUENCE = Cycle(
    "target_account_sequence",
    N_("Finding target key accounts"),
    "确定目标大客户",
    ("L3.1",),
    (
        Step(
            "classify",
            N_("Classify customers"),
            "客户分类",
            N_("Where does each customer sit on the XY grid (A, B, C, VIP)?"),
        ),
        Step("rank", N_("Rank them"), "优先排序", N_("Which accounts come first?")),
        Step(
            "probability",
            N_("Estimate the probability of the outcome"),
            "预估结果发生概率",
            N_("How likely is each opportunity, and what is it worth?"),
        ),
        Step(
            "files",
            N_("Build and update customer files"),
            "客户档案建立与更新",
            N_("What do we know about the people and the business of each account?"),
        ),
        Step(
            "wish_file",
            N_("Wish file"),
            "希望档案",
            N_("Which accounts do we not have yet but hope to win?"),
        ),
    ),
    note=N_("The wish file feeds the next classification: files are kept up to date."),
)

VISIT_PLAN = Cycle(
    "visit_plan",
    N_("Key account visit plan"),
    "大客户拜访计划",
    ("L3.5",),
    (
        Step(
            "environment",
            N_("Environment analysis"),
            "环境分析",
            N_("What changed at the account and in its market?"),
        ),
        Step("targets", N_("Set target customers"), "目标客户设立",
             N_("Which accounts do we visit?")),
        Step(
            "plan_strategy",
            N_("Build key account plan and strategy"),
            "建立大客户计划及策略",
            N_("What do we want from each account this year?"),
        ),
        Step(
            "visit_objectives",
            N_("Set visit objectives"),
            "设立拜访目标",
            N_("What exactly should this visit achieve?"),
        ),
        Step(
            "plan_visit",
            N_("Plan the visit"),
            "计划拜访",
            N_("Whom do we meet, with what agenda, material and questions?"),
        ),
        Step(
            "record",
            N_("Record the visit's results"),
            "记录拜访成果",
            N_("Was the objective met, and what is the next step?"),
        ),
        Step(
            "update_plan",
            N_("Update or revise the key account plan"),
            "更新/修改重要客户计划",
            N_("What changes in the account plan after this visit?"),
        ),
    ),
    note=N_("Evaluate the results of the actions every month (通过每月进行评价行动的成果)."),
)

CYCLES: dict[str, Cycle] = {
    c.key: c
    for c in (
        REGIONAL_OPERATION,
        TARGET_CUSTOMER,
        MISSION_CHAIN,
        SBU_PLAN,
        VALUE_DELIVERY,
        TARGET_ACCOUNT_SEQUENCE,
        VISIT_PLAN,
    )
}


def _check_cycle(cycle: object) -> Cycle:
    if isinstance(cycle, str):
        return CYCLES[check_choice("cycle", cycle, CYCLES)]
    if not isinstance(cycle, Cycle):
        raise fail("cycle", cycle, "a Cycle or one of " + ", ".join(map(repr, CYCLES)))
    return cycle


def position(cycle: Cycle | str, *, step_key: str) -> CyclePosition:
    """Where ``step_key`` sits in ``cycle`` (a :class:`Cycle` or its key).

    After the last step of a repeating cycle comes its first step again; a chain ends there.

    Parameters
    ----------
    cycle : Cycle or str
        A cycle of this module (e.g. ``REGIONAL_OPERATION``) or its key (e.g.
        ``"regional_operation"``, see :data:`CYCLES`).
    step_key : str
        The key of one of its steps (see ``cycle.keys``).

    Returns
    -------
    CyclePosition
        The steps done before it, the step itself and the next one (None after the last
        step of a chain).

    Raises
    ------
    KamValueError
        If ``cycle`` is not a cycle or ``step_key`` is not one of its steps.

    Examples
    --------
    >>> where = position(REGIONAL_OPERATION, step_key="summarise")
    >>> len(where.done), where.current.en, where.next.en
    (5, 'Summarise', 'Analyse')
    """
    cycle = _check_cycle(cycle)
    index = cycle.keys.index(check_choice("step_key", step_key, cycle.keys))
    if index + 1 < len(cycle.steps):
        following = cycle.steps[index + 1]
    else:
        following = cycle.steps[0] if cycle.repeats else None
    return CyclePosition(cycle.steps[:index], cycle.steps[index], following)


def _current(cycle: Cycle, current_key: str | None) -> CyclePosition | None:
    if current_key is None:
        return None
    return position(cycle, step_key=check_choice("current_key", current_key, cycle.keys))


def as_frame(cycle: Cycle | str, *, current_key: str | None = None) -> pd.DataFrame:
    """The steps of ``cycle`` as a table: number, key, en, zh, question, details.

    Parameters
    ----------
    cycle : Cycle or str
        A cycle of this module (e.g. ``REGIONAL_OPERATION``) or its key (e.g.
        ``"regional_operation"``, see :data:`CYCLES`).
    current_key : str, optional
        The step the team is at now; adds a ``status`` column that marks the steps "done",
        the current one "now" and the ones still to come "".

    Returns
    -------
    pandas.DataFrame
        One row per step, in order.

    Raises
    ------
    KamValueError
        If ``cycle`` is not a cycle or ``current_key`` is not one of its steps.

    Examples
    --------
    >>> as_frame("target_customer", current_key="strategy")[["key", "status"]]
               key status
    0  environment   done
    1      targets   done
    2     strategy    now
    3          act
    4       review
    """
    cycle = _check_cycle(cycle)
    where = _current(cycle, current_key)
    frame = pd.DataFrame(
        {
            "number": range(1, len(cycle.steps) + 1),
            "key": [s.key for s in cycle.steps],
            "en": [s.en for s in cycle.steps],
            "zh": [s.zh for s in cycle.steps],
            "question": [_(s.question) for s in cycle.steps],
            "details": [join_list(_(d) for d in s.details) for s in cycle.steps],
        }
    )
    if where is not None:
        done = len(where.done)
        frame["status"] = ["done"] * done + ["now"] + [""] * (len(cycle.steps) - done - 1)
    return frame


def describe(cycle: Cycle | str, *, current_key: str | None = None) -> str:
    """The cycle as one line of text: its name, then the steps joined by arrows.

    A repeating cycle ends with ↺.

    Parameters
    ----------
    cycle : Cycle or str
        A cycle of this module (e.g. ``REGIONAL_OPERATION``) or its key (e.g.
        ``"regional_operation"``, see :data:`CYCLES`).
    current_key : str, optional
        The step the team is at now: it is put in [brackets] and a second line names the
        current and the next step.

    Returns
    -------
    str

    Raises
    ------
    KamValueError
        If ``cycle`` is not a cycle or ``current_key`` is not one of its steps.

    Examples
    --------
    >>> print(describe(REGIONAL_OPERATION, current_key="summarise"))
    Regional operation cycle (区域运作):
      Analyse (分析) → Set objectives (目标) → ... → [Summarise (总结)] ↺
      now: Summarise; next: Analyse.
    """
    cycle = _check_cycle(cycle)
    where = _current(cycle, current_key)
    chinese = get_language() == "zh"
    names = [s.zh if chinese else f"{s.en} ({s.zh})" for s in cycle.steps]
    if where is not None:
        names[len(where.done)] = f"[{names[len(where.done)]}]"
    title = cycle.zh if chinese else f"{cycle.en} ({cycle.zh})"
    text = f"{title}:\n  {' → '.join(names)}{' ↺' if cycle.repeats else ''}"
    if where is None:
        return text
    if where.next is None:
        following = _("the end")
    else:
        following = where.next.zh if chinese else where.next.en
    current = where.current.zh if chinese else where.current.en
    return text + "\n  " + _("now: {current}; next: {following}.").format(
        current=current, following=following)
