"""Exercise 3, "Target key accounts" (确定目标大客户及建立相应策略和计划): tasks 3.1 to 3.12.

What each task asks and which widget takes the answer; no expected answer is computed here.
:func:`visit_plan_problem`, :func:`spin_problem` and :func:`advance_problem` are also
capstone rubrics.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from kamlib import case, goals, grid, settings
from kamlib.buying_centre import SPIN_KINDS, classify_question
from kamlib.exercises.tasks import Field, TaskSpec, register
from kamlib.i18n import N_, _
from kamlib.validation import KamValueError

#: Tasks 3.1 and 3.2: a prospect met at a trade fair (the course's own example): what it buys
#: from us a year and what it buys in all, in CNY.
FAIR_PROSPECT = {"name": "Suzhou Weida Machinery", "current_cny": 1_800_000,
                 "capacity_cny": 12_500_000}  # fmt: skip
#: Task 3.3: the grid cells counted: capacity Y = 4 and current X of at most 1.
BIG_CAPACITY_Y, LITTLE_BUSINESS_X = 4, 1
#: Task 3.4: class A accounts to sort into overdue for a visit or not.
VISIT_CANDIDATES = ("AC002", "AC013", "AC017", "AC021", "AC029", "AC033", "AC036", "AC039",
                    "AC053", "AC095", "AC103", "AC152")  # fmt: skip
#: Task 3.5: the month in which the overdue accounts are visited; a real objective's length.
PLAN_MONTH = "2026-01"
MIN_OBJECTIVE_CHARACTERS = 10
#: Task 3.6: the sales team's estimates of the chance to win some prospects (0–1).
WIN_CHANCES = {"AC031": 0.2, "AC037": 0.5, "AC068": 0.4, "AC100": 0.3, "AC118": 0.6,
               "AC182": 0.25}  # fmt: skip
RANKED_PROSPECTS = 3
#: Task 3.7: the account whose customer file is measured.
FILE_ACCOUNT = "AC002"
#: Task 3.9: the VIP account a visit is argued for.
VIP_ACCOUNT = "AC005"
MIN_WRITTEN_CHARACTERS = 120
#: Tasks 3.10–3.12 (outline items 4 and 5): the account whose buying centre is mapped and
#: whose next call is prepared: the course's thread account, which the lectures follow.
SELLING_ACCOUNT = case.THREAD_ACCOUNT
#: Task 3.10: the roles judged against the customer file (the others are the learner's view).
JUDGED_ROLES = ("decider", "gatekeeper")

VIP_OPTIONS = (("purchases", N_("Its purchases")), ("influence", N_("Its influence")))
CLASS_OPTIONS = tuple((c, c) for c in grid.ACCOUNT_CLASSES)


def vip_brief() -> str:
    """Task 3.8's VIP account in one line of Markdown, in the course's language: how often a
    VIP is visited (the course settings), what the account bought this year against its
    capacity, and its relationship stage.

    Returns
    -------
    str

    Examples
    --------
    >>> print(vip_brief())  # doctest: +ELLIPSIS
    A VIP account is visited every ... days. This year **AC005** bought CNY ... from us, ...
    """
    from kamlib import datasets, stages
    from kamlib.formatting import money, percent

    vip = case.scored_accounts().set_index("account_id").loc[VIP_ACCOUNT]
    stage = stages.relationship_stages(
        datasets.load("contacts"), datasets.load("transactions"), datasets.load("accounts"),
        as_of=settings.current().today).set_index("account_id").loc[VIP_ACCOUNT]
    return _("A VIP account is visited every {days} days. This year **{account}** bought "
             "{revenue} from us, {share} of its capacity of {capacity}; relationship stage "
             "{stage} ({name}).").format(
        days=settings.current().visit_days["VIP"], account=VIP_ACCOUNT,
        revenue=money(vip["revenue_cny"], short=True),
        share=percent(vip["revenue_cny"] / vip["capacity_cny"]),
        capacity=money(vip["capacity_cny"], short=True), stage=stage["stage"],
        name=stage["name"])


def _account_options(ids: Sequence[str]) -> list[tuple[str, str]]:
    from kamlib import datasets

    names = datasets.load("accounts").set_index("account_id")["name"]
    return [(account, f"{account} {names[account]}") for account in ids]


def _problem_with_visits(records: Sequence[Any], month: str | None, require_id: bool) -> str:
    """What is wrong with the visit records, or "" if nothing."""
    today = settings.current().today
    for position, visit in enumerate(records, start=1):
        keys = ("account_id", "date", "objective") if require_id else ("date", "objective")
        if not isinstance(visit, Mapping) or any(key not in visit for key in keys):
            return _("has visit {n} without an account, a date or an objective.").format(
                n=position)
        day = pd.to_datetime(visit["date"], errors="coerce")
        if pd.isna(day) or day <= today:
            return _("has visit {n} on no date after today, {today}.").format(
                n=position, today=f"{today:%Y-%m-%d}")
        if month is not None and f"{day:%Y-%m}" != month:
            return _("has visit {n} on {day}; plan it in {month}.").format(
                n=position, day=f"{day:%Y-%m-%d}", month=month)
        objective = visit["objective"]
        if not isinstance(objective, str) or len(objective.strip()) < MIN_OBJECTIVE_CHARACTERS:
            return _("needs an objective in words for visit {n}.").format(n=position)
    return ""


def visit_plan_problem(answer: Any, _workbook: Mapping[str, Any] | None = None, *,
                       month: str | None = None, minimum: int = 1,
                       require_id: bool = True) -> str | None:
    """Rubric: planned visits with dates after today (in ``month``) and objectives in words."""
    if isinstance(answer, (str, Mapping)) or not isinstance(answer, Sequence):
        return _("should be a list of planned visits.")
    if len(answer) < minimum:
        return _("has {n} visit(s); plan at least {low}.").format(n=len(answer), low=minimum)
    return _problem_with_visits(answer, month, require_id) or None


def planned_accounts(plan: Sequence[Mapping[str, Any]]) -> list[str]:
    """The accounts a visit plan covers (the part of task 3.5 compared with the right set)."""
    return sorted({str(visit["account_id"]).strip().upper() for visit in plan})


def _january_plan(answer: Any, workbook: Mapping[str, Any]) -> str | None:
    return visit_plan_problem(answer, workbook, month=PLAN_MONTH)


def roles_held(assignments: Mapping[str, str]) -> dict[str, list[str]]:
    """Who holds each of :data:`JUDGED_ROLES` in the learner's buying-centre map of
    :data:`SELLING_ACCOUNT`: the roles they gave (``assignments``, person_id → role) over the
    first guess from function and level (:func:`kamlib.buying_centre.map_buying_centre`)."""
    from kamlib import buying_centre, datasets

    mapped = buying_centre.map_buying_centre(datasets.load("people"), account_id=SELLING_ACCOUNT,
                                             assignments=dict(assignments)).people
    return {role: sorted(mapped.loc[mapped["role"] == role, "person_id"])
            for role in JUDGED_ROLES}


def _buying_centre_problem(answer: Any, _workbook: Mapping[str, Any] | None = None
                           ) -> str | None:
    """Rubric: a map (the roles the learner changed) in which someone decides and someone
    keeps the gate."""
    if not isinstance(answer, Mapping):
        return _("should be the roles you gave in the buying-centre map above.")
    try:
        held = roles_held(answer)
    except KamValueError as error:
        return _("has a problem: {error}").format(error=error)
    empty = [_(role) for role, people in held.items() if not people]
    if empty:
        return _("gives nobody the role of {roles} yet.").format(roles=_(", ").join(empty))
    return None


def _plain(text: str) -> str:
    """``text`` without case, spaces and punctuation, to spot a copied example."""
    return re.sub(r"[\W_]+", "", text).casefold()


def _is_example(text: str, examples: Sequence[str]) -> bool:
    return _plain(text) in {_plain(form) for example in examples for form in (example, _(example))}


def spin_problem(answer: Any, _workbook: Mapping[str, Any] | None = None) -> str | None:
    """Rubric: one question of each SPIN kind (SpinPractice's ``questions``), each the
    learner's own (not the course's example) and read as its kind by
    :func:`kamlib.buying_centre.classify_question`."""
    if not isinstance(answer, Mapping):
        return _("should be your four questions (write them in the boxes above).")
    examples = [kind.example for kind in SPIN_KINDS]
    for kind in SPIN_KINDS:
        name = _(kind.en)
        text = answer.get(kind.key)
        if not isinstance(text, str) or not text.strip():
            return _("has no {kind} question yet.").format(kind=name)
        if _is_example(text, examples):
            return _("repeats one of the course's examples as the {kind} question: ask your "
                     "own, about this account.").format(kind=name)
        try:
            reading = classify_question(text)
        except KamValueError:
            return _("has a {kind} question that is not a question: end it with '?' or "
                     "'？'.").format(kind=name)
        if reading.kind.key != kind.key:
            return _("has a {kind} question that reads as a {read} question.").format(
                kind=name, read=_(reading.kind.en))
    return None


def advance_problem(answer: Any, _workbook: Mapping[str, Any] | None = None) -> str | None:
    """Rubric: a call objective of the learner's own that is an advance
    (:func:`kamlib.goals.judge_advance`: a step the customer commits to)."""
    if not isinstance(answer, str) or not answer.strip():
        return _("should be the objective of the call, in words.")
    if _is_example(answer, [goals.MODEL_VISIT_OBJECTIVE]):
        return _("repeats the course's example: write the objective of this account's next "
                 "call.")
    verdict = goals.judge_advance(answer)
    if not verdict.is_advance:
        return _("is not an advance yet: {reason}.").format(reason=verdict.reason)
    return None


register(TaskSpec(
    "3.1",
    N_("{name} buys {current:,} CNY a year from us and {capacity:,} CNY in all. Score it: "
       "X (current purchasing) and Y (capacity), with the course's cut points."),
    "form", fields=(Field("x", N_("X, current purchasing"), "integer", 0, grid.MAX_SCORE),
                    Field("y", N_("Y, purchasing capacity"), "integer", 0, grid.MAX_SCORE)),
    facts={"name": FAIR_PROSPECT["name"], "current": FAIR_PROSPECT["current_cny"],
           "capacity": FAIR_PROSPECT["capacity_cny"]},
    why=N_("X is what it buys from us now, Y what it could buy: the gap is our potential."),
    hint=N_("Find each amount's band in the table of cut points."),
))
register(TaskSpec(
    "3.2",
    N_("Which class is {name} (not a VIP) in?"),
    "choice", options=CLASS_OPTIONS, facts={"name": FAIR_PROSPECT["name"]},
    why=N_("The class decides how much time and money the account gets."),
    hint=N_("Read the class rules printed above the grid: both scores count."),
))
register(TaskSpec(
    "3.3",
    N_("How many accounts sit in the grid's top row (Y = {y}) with X of {x} or less?"),
    "number", unit=N_("accounts"), facts={"y": BIG_CAPACITY_Y, "x": LITTLE_BUSINESS_X},
    why=N_("Big buyers that give us little: the potential worth a plan of its own."),
    hint=N_("Add up the counts in the grid's cells."),
))
register(TaskSpec(
    "3.4",
    N_("Tick the class A accounts whose visit is overdue on the course's today."),
    "tick", options=lambda: _account_options(VISIT_CANDIDATES),
    why=N_("An overdue A account is revenue at risk: visit it first."),
    hint=N_("The visit planner's table shows each account's status and class."),
))
register(TaskSpec(
    "3.5",
    N_("In the visit planner, plan one visit in {month} for each overdue class A account (and "
       "no other), each with an objective in words."),
    "widget", section="exercise3/visit_planner", field="plan", compare="set",
    rubric=_january_plan, extract=planned_accounts, facts={"month": PLAN_MONTH},
    why=N_("A plan with a date and an objective is a visit that happens."),
    hint=N_("Plan exactly the accounts you ticked in 3.4."),
))
register(TaskSpec(
    "3.6",
    N_("Rank the three prospects with the highest expected value (期望值), best first."),
    "ids", options=lambda: _account_options(tuple(WIN_CHANCES)), ordered=True,
    why=N_("Expected value = size × probability: a big long shot can rank below a safe bet."),
    hint=N_("Multiply each prospect's capacity by its chance of winning."),
))
register(TaskSpec(
    "3.7",
    N_("How many fields of {account}'s customer file are still empty?"),
    "number", unit=N_("fields"), facts={"account": FILE_ACCOUNT},
    why=N_("Gaps in the file are questions for the next visit."),
    hint=N_("Count the empty cells of the personal, interpersonal and work columns."),
))
register(TaskSpec(
    "3.8",
    N_("What counts more for a VIP heavyweight (重量级客户VIP)?"),
    "choice", options=VIP_OPTIONS,
    why=N_("A VIP matters for whom it reaches, even in a year it buys little."),
))
register(TaskSpec(
    "3.9",
    N_("Explain in two or three sentences why {account} deserves a visit that often although it "
       "buys little from us, and write the objective of your next visit."),
    "text", compare=None, manual=True, min_length=MIN_WRITTEN_CHARACTERS,
    facts={"account": VIP_ACCOUNT},
))
register(TaskSpec(
    "3.10",
    N_("Map the buying centre (采购中心) of {account}: give each person of its customer file "
       "the role they play in a purchase. Who is the decider, and who the gatekeeper?"),
    "widget", section="exercise3/buying_centre", field="assignments", compare="fields",
    rubric=_buying_centre_problem, extract=roles_held, facts={"account": SELLING_ACCOUNT},
    why=N_("You now know whose yes counts and who decides which sellers are heard: plan to "
           "meet both."),
    hint=N_("The decider has the final say on the supplier; the gatekeeper controls which "
            "sellers and information reach the others. Read titles, levels and objectives."),
))
register(TaskSpec(
    "3.11",
    N_("Write one question of each SPIN kind for your next call on {account}: situation, "
       "problem, implication and need-payoff, each read as its kind."),
    "widget", section="exercise3/spin", field="questions", compare=None, rubric=spin_problem,
    facts={"account": SELLING_ACCOUNT},
    why=N_("Implication and need-payoff questions turn a problem into a need the customer "
           "states: that is what moves a large sale (Rackham 1988)."),
    hint=N_("The table under the questions says what each kind asks for."),
))
register(TaskSpec(
    "3.12",
    N_("Set the objective of your next call on {account} as an advance: a step the customer "
       "agrees to take."),
    "widget", section="exercise3/call_objective", field="objective", compare=None,
    rubric=advance_problem, facts={"account": SELLING_ACCOUNT},
    why=N_("An advance moves the sale; a friendly call that ends in 'come back next month' "
           "does not."),
    hint=N_("Name what the customer will agree to: a trial, a meeting with the decider, a "
            "sample test, an order."),
))
