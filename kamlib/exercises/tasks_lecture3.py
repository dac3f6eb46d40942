"""Exercise 3, "Target key accounts" (确定目标大客户及建立相应策略和计划): tasks 3.1 to 3.9.

What each task asks and which widget takes the answer; no expected answer is computed here.
:func:`visit_plan_problem` is also a capstone rubric.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from kamlib import grid, settings
from kamlib.exercises.tasks import Field, TaskSpec, register
from kamlib.i18n import N_, _

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

VIP_OPTIONS = (("purchases", N_("Its purchases")), ("influence", N_("Its influence")))
CLASS_OPTIONS = tuple((c, c) for c in grid.ACCOUNT_CLASSES)


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
