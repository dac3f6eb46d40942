"""Checks of exercise 3, "Target key accounts" (确定目标大客户及建立相应策略和计划).

Tasks 3.1 to 3.8. Expected answers come from the case data at check time or from salted
hashes. :func:`visit_plan_problem` is also used by the capstone.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import partial
from typing import Any

import pandas as pd

from kamlib import customer_file, datasets, grid, priority, settings, visits
from kamlib.case import classified_accounts
from kamlib.exercises.feedback import (
    Task,
    choice_problem,
    hash_answer,
    ids_problem,
    number_problem,
    register,
)

#: Task 3.1: the account whose X and Y scores are asked.
SCORED_ACCOUNT = "AC007"
#: Task 3.2: the account whose class is asked.
CLASSED_ACCOUNT = "AC005"
#: Task 3.6: the sales team's estimates of the chance to win some prospects (0–1).
WIN_CHANCES = {
    "AC031": 0.2,
    "AC037": 0.5,
    "AC068": 0.4,
    "AC100": 0.3,
    "AC118": 0.6,
    "AC182": 0.25,
}
RANKED_PROSPECTS = 3
#: Task 3.7: the account whose customer file is measured.
FILE_ACCOUNT = "AC002"
#: Task 3.5: the month in which the overdue accounts must be visited.
PLAN_MONTH = "2026-01"
VIP_OPTIONS = ("its purchases", "its influence")
_VIP_DIGEST = "877753c84d764464122f829af1c37650e9ff4091bfcaceed11a1daf04c032964"


def _overdue_a_accounts() -> list[str]:
    today = settings.current().today
    due = visits.visits_due(classified_accounts(), datasets.load("visits"), today)
    return due.loc[(due["status"] == "overdue") & (due["account_class"] == "A"),
                   "account_id"].tolist()  # fmt: skip


def _wish_ranking() -> list[str]:
    ranked = priority.wish_file(
        datasets.load("accounts"), WIN_CHANCES, transactions=datasets.load("transactions")
    )
    return ranked["account_id"].head(RANKED_PROSPECTS).tolist()


def _scores(account_id: str) -> tuple[int, int]:
    row = classified_accounts().set_index("account_id").loc[account_id]
    return int(row["x"]), int(row["y"])


def pair_problem(answer: Any, expected: tuple[int, int]) -> str | None:
    """Judge an (X, Y) pair of scores 0–4."""
    if (
        not isinstance(answer, (tuple, list))
        or len(answer) != 2
        or not all(isinstance(v, int) and not isinstance(v, bool) for v in answer)
    ):
        return f"should be a pair of whole numbers (x, y), e.g. (1, 2); it is {answer!r}."
    x, y = answer
    if not (0 <= x <= grid.MAX_SCORE and 0 <= y <= grid.MAX_SCORE):
        return "has a score outside 0-4."
    if x > y:
        return "has X above Y: no account buys more from us than it buys in all."
    wrong = [name for name, mine, right in zip("XY", answer, expected, strict=True)
             if mine != right]  # fmt: skip
    return f"has the wrong {' and '.join(wrong)} score." if wrong else None


def ranking_problem(answer: Any, expected: list[str]) -> str | None:
    """Judge account ids that must be the right ones in the right order."""
    problem = ids_problem(answer, expected)
    if problem is not None:
        return problem
    mine = [str(item).strip().upper() for item in answer]
    return None if mine == list(expected) else "has the right accounts in the wrong order."


def _problem_with_visits(records: Sequence[Any], month: str | None, require_id: bool) -> str:
    """What is wrong with the visit records, or "" if nothing (a shared helper)."""
    for position, visit in enumerate(records):
        keys = ("account_id", "date", "objective") if require_id else ("date", "objective")
        if not isinstance(visit, Mapping) or any(key not in visit for key in keys):
            return f"item {position} should be a dict with {', '.join(keys)}."
        day = pd.to_datetime(visit["date"], errors="coerce")
        today = settings.current().today
        if pd.isna(day) or day <= today:
            return f"item {position} needs a date after today, {today:%Y-%m-%d}."
        if month is not None and f"{day:%Y-%m}" != month:
            return f"item {position} is dated {day:%Y-%m-%d}; plan it in {month}."
        if not isinstance(visit["objective"], str) or len(visit["objective"].strip()) < 10:
            return f"item {position} needs a visit objective in words."
    return ""


def visit_plan_problem(
    answer: Any,
    expected: Any = None,
    *,
    month: str | None = None,
    minimum: int = 1,
    require_id: bool = True,
) -> str | None:
    """Judge planned visits [{account_id, date, objective}]: future dates, real objectives.

    ``expected`` (ids) are the accounts that must each get a visit; ``month`` ("YYYY-MM")
    the month they must fall in; ``minimum`` the fewest visits.
    """
    if isinstance(answer, (str, Mapping)) or not isinstance(answer, Sequence):
        return f"should be a list of planned visits (dicts); it is {type(answer).__name__}."
    if len(answer) < minimum:
        return f"has {len(answer)} visit(s); plan at least {minimum}."
    problem = _problem_with_visits(answer, month, require_id)
    if problem:
        return problem
    if expected is not None:
        planned = {str(visit["account_id"]).strip().upper() for visit in answer}
        missing = len(set(expected) - planned)
        if missing:
            return f"misses {missing} account(s) that need a visit."
    return None


register(
    Task(
        "3.1",
        "answer_3_1",
        asks=f"the scores (x, y) of {SCORED_ACCOUNT} as a pair of whole numbers",
        why="X is what it buys from us now, Y what it could buy: the gap is our potential.",
        judge=pair_problem,
        expected=lambda: _scores(SCORED_ACCOUNT),
        hint="score 2025 revenue and capacity with the course's cut points (kamlib.settings).",
    )
)
register(
    Task(
        "3.2",
        "answer_3_2",
        asks=f"the account class of {CLASSED_ACCOUNT}, one of {', '.join(grid.ACCOUNT_CLASSES)}",
        why="The class decides how much time and money the account gets.",
        judge=partial(choice_problem, options=grid.ACCOUNT_CLASSES),
        expected=lambda: hash_answer(
            str(classified_accounts().set_index("account_id").loc[CLASSED_ACCOUNT,
                                                                  "account_class"])
        ),
        hint="is the account flagged as a VIP heavyweight?",
    )
)
register(
    Task(
        "3.3",
        "answer_3_3",
        asks="the number of class A accounts (an int)",
        why="Class A accounts are few: each can have a plan of its own.",
        judge=partial(number_problem, rel_tol=0, abs_tol=0),
        expected=lambda: int((classified_accounts()["account_class"] == "A").sum()),
    )
)
register(
    Task(
        "3.4",
        "answer_3_4",
        asks="the list of class A accounts whose visit is overdue as of 2025-12-31",
        why="An overdue A account is revenue at risk: visit it first.",
        judge=ids_problem,
        expected=_overdue_a_accounts,
        hint="visits.visits_due(classified accounts, visits, settings.current().today).",
    )
)
register(
    Task(
        "3.6",
        "answer_3_6",
        asks=f"the {RANKED_PROSPECTS} prospects with the highest expected value, best first",
        why="Expected value = size x probability: a big long shot can rank below a safe bet.",
        judge=ranking_problem,
        expected=_wish_ranking,
        hint="priority.wish_file(accounts, WIN_CHANCES, transactions=...).",
    )
)
register(
    Task(
        "3.7",
        "answer_3_7",
        asks=f"the share (0-1) of the customer-file fields filled for {FILE_ACCOUNT}",
        why="Gaps in the file are questions for the next visit.",
        judge=number_problem,
        expected=lambda: float(
            customer_file.completeness(datasets.load("people"))
            .set_index("account_id")
            .loc[FILE_ACCOUNT, "filled"]
        ),
        hint="customer_file.completeness(people), column 'filled'.",
    )
)
register(
    Task(
        "3.5",
        "answer_3_5",
        asks=f"your planned visits in {PLAN_MONTH}, one per overdue class A account "
        "(the planner's .plan)",
        why="A plan with a date and an objective is a visit that happens.",
        judge=partial(visit_plan_problem, month=PLAN_MONTH),
        expected=_overdue_a_accounts,
    )
)
register(
    Task(
        "3.8",
        "answer_3_8",
        asks="what counts more for a VIP heavyweight, one of " + ", ".join(map(repr, VIP_OPTIONS)),
        why="A VIP matters for whom it influences, even when it buys little.",
        judge=partial(choice_problem, options=VIP_OPTIONS),
        expected=lambda: _VIP_DIGEST,
    )
)
