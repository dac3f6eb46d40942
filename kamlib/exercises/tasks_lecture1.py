"""Checks of exercise 1, "Overview of KAM" (大客户管理的概述与发展): tasks 1.1 to 1.8.

Expected answers are computed from the case data when a task is checked, or compared as
salted hashes; nothing here holds an answer in plain text. :func:`ratings_problem` is also
used by the capstone (task 4.3).
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial
from typing import Any

import pandas as pd

from kamlib import datasets, economics, pareto, stages, uncoupling
from kamlib.exercises.feedback import (
    Task,
    choice_problem,
    ids_problem,
    number_problem,
    register,
)
from kamlib.validation import KamValueError

#: The account whose relationship stage task 1.6 asks for.
STAGE_ACCOUNT = "AC045"
#: The account whose uncoupling risks task 1.7 asks the learner to rate.
AUDIT_ACCOUNT = "AC005"
#: Task 1.4: the handout's upper keep-cost ratio and the fall in retention to price.
KEEP_COST_RATIO = 0.5
RETENTION_FALL = 0.05
#: Task 1.7: how many factors a useful audit rates above 0.
MIN_RATED_FACTORS = 3

ADVICE_OPTIONS = (
    "hunt new accounts",
    "protect and grow the top accounts",
    "treat all accounts alike",
)
_ADVICE_DIGEST = "8607754d6036e470eb40cfa74fe0388ac6bd40ef00e0ed3deffc9a5078b2a238"


def _revenue_2025() -> pd.Series:
    return pareto.revenue_by_account(
        datasets.load("transactions"), start="2025-01-01", end="2025-12-31"
    )


def retention_2024_2025() -> float:
    """Share of the accounts that bought in 2024 that bought again in 2025."""
    orders = datasets.load("transactions")
    buyers = orders.groupby(orders["date"].dt.year)["account_id"].unique()
    before = pd.Index(buyers[2024])
    return float(before.isin(buyers[2025]).mean())


def _profit_change_if_retention_falls() -> float:
    rate = round(retention_2024_2025(), 2)
    assumptions = economics.KeepWinAssumptions(
        retention_rate=rate, improved_retention_rate=rate, keep_cost_ratio=KEEP_COST_RATIO
    )
    return economics.retention_profit_effect(assumptions, gain=-RETENTION_FALL)


def _stage_6_accounts() -> list[str]:
    diagnosis = stages.relationship_stages(
        datasets.load("contacts"), datasets.load("transactions"), datasets.load("accounts")
    )
    return diagnosis.loc[diagnosis["stage"] == 6, "account_id"].tolist()


def _stage_of(account_id: str) -> int:
    contacts, orders = datasets.load("contacts"), datasets.load("transactions")
    return stages.relationship_stage(
        contacts[contacts["account_id"] == account_id],
        orders[orders["account_id"] == account_id],
    ).stage


def whole_number_problem(answer: Any, expected: int, *, low: int, high: int) -> str | None:
    """Judge a whole number from ``low`` to ``high`` (a stage, a score) against ``expected``."""
    if isinstance(answer, bool) or not isinstance(answer, int):
        return f"should be a whole number (int) from {low} to {high}; it is {answer!r}."
    if not low <= answer <= high:
        return f"is {answer}; it should be from {low} to {high}."
    return None if answer == expected else "is not the right value."


def ratings_problem(answer: Any, _expected: Any = None) -> str | None:
    """Judge uncoupling ratings {factor key: 0–3} with at least three factors rated above 0."""
    if not isinstance(answer, Mapping):
        return (
            "should be a dict of ratings such as {'staff_changes': 2, ...} "
            f"(the audit widget's .value['ratings']); it is {type(answer).__name__}."
        )
    try:
        uncoupling.risk_audit(answer)
    except KamValueError as error:
        return f"has a problem: {error}"
    rated = sum(1 for value in answer.values() if value > 0)
    if rated < MIN_RATED_FACTORS:
        return (
            f"rates {rated} factor(s) above 0; rate at least {MIN_RATED_FACTORS}: "
            "look at the warning signs of each cause."
        )
    return None


register(
    Task(
        "1.1",
        "answer_1_1",
        asks="the share of 2025 revenue made by the top 20% of accounts, as a fraction (0-1)",
        why="A few accounts carry the business: that is why they get their own managers.",
        judge=number_problem,
        expected=lambda: pareto.concentration(_revenue_2025()).top_share,
        hint="pareto.concentration(revenue) returns top_share.",
    )
)
register(
    Task(
        "1.2",
        "answer_1_2",
        asks="the number of accounts that together make 80% of 2025 revenue (an int)",
        why="Compare it with the number of accounts: far fewer than 80% of them.",
        judge=partial(number_problem, rel_tol=0, abs_tol=0),
        expected=lambda: pareto.concentration(_revenue_2025()).accounts_for_target,
        hint="look at accounts_for_target.",
    )
)
register(
    Task(
        "1.3",
        "answer_1_3",
        asks="the share of the accounts buying in 2024 that bought again in 2025 (0-1)",
        why="Retention is the base of the keep-vs-win economics.",
        judge=number_problem,
        expected=retention_2024_2025,
        hint="count the 2024 buyers, then how many of them also appear in 2025.",
    )
)
register(
    Task(
        "1.4",
        "answer_1_4",
        asks="the % change in yearly profit if retention fell by 5 points (a negative number)",
        why="A small fall in retention costs a large share of profit: keeping pays.",
        judge=partial(number_problem, rel_tol=5e-3),
        expected=_profit_change_if_retention_falls,
        hint="KeepWinAssumptions(retention_rate=..., improved_retention_rate=..., "
        "keep_cost_ratio=0.5) and retention_profit_effect(..., gain=-0.05).",
    )
)
register(
    Task(
        "1.5",
        "answer_1_5",
        asks="the list of account ids in stage 6, uncoupling (中断大客户管理)",
        why="These relationships are breaking: each needs a rescue plan or a conscious exit.",
        judge=ids_problem,
        expected=_stage_6_accounts,
        hint="stages.relationship_stages(contacts, transactions, accounts).",
    )
)
register(
    Task(
        "1.6",
        "answer_1_6",
        asks=f"the stage number (1-6) of account {STAGE_ACCOUNT}",
        why="The stage says who must talk to whom to deepen the relationship.",
        judge=partial(whole_number_problem, low=1, high=6),
        expected=lambda: _stage_of(STAGE_ACCOUNT),
        hint="who is in contact with whom, and is there a joint team?",
    )
)
register(
    Task(
        "1.7",
        "answer_1_7",
        asks=f"your ratings (0-3) of the causes of uncoupling for {AUDIT_ACCOUNT}, as a dict",
        why="Naming the causes turns a falling account into a list of actions.",
        judge=ratings_problem,
    )
)
register(
    Task(
        "1.8",
        "answer_1_8",
        asks="your advice, one of: " + ", ".join(repr(o) for o in ADVICE_OPTIONS),
        why="Time spent on the few accounts that carry the business pays most.",
        judge=partial(choice_problem, options=ADVICE_OPTIONS),
        expected=lambda: _ADVICE_DIGEST,
    )
)
