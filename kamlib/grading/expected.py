"""The expected answers, computed from the case data and the course settings: grader only.

This module (like all of :mod:`kamlib.grading`) is not part of the learner bundle. Each
function returns the right answer of one task in the terms its answer widget saves (a
percentage as 52.8, an option key, a list of ids); :func:`expected_answers` computes them
all. The release turns them into the salted hashes of ``answer_key.json``; the grader
compares each learner's answer with them in its own process.

Adding one: decorate a function of no arguments with ``@expected("<task id>")``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd

from kamlib import (
    bcg,
    case,
    customer_file,
    datasets,
    economics,
    grid,
    pareto,
    priority,
    settings,
    stages,
    visits,
)
from kamlib.exercises import tasks_lecture1 as l1
from kamlib.exercises import tasks_lecture2 as l2
from kamlib.exercises import tasks_lecture3 as l3
from kamlib.exercises.tasks import load_tasks, task_spec
from kamlib.i18n import _
from kamlib.validation import fail

_EXPECTED: dict[str, Callable[[], Any]] = {}


def expected(task_id: str) -> Callable[[Callable[[], Any]], Callable[[], Any]]:
    """Register the decorated function as the computation of ``task_id``'s right answer."""

    def decorate(function: Callable[[], Any]) -> Callable[[], Any]:
        if task_id in _EXPECTED:
            raise fail("task_id", task_id, _("a task without an expected answer yet"))
        _EXPECTED[task_id] = function
        return function

    return decorate


def expected_answers(task_ids: list[str] | None = None) -> dict[str, Any]:
    """The right answer of every task that has one (or of ``task_ids``), by task id.

    Raises
    ------
    KamValueError
        If a task compares its answer but no expected answer is registered for it.
    """
    load_tasks()
    wanted = sorted(_EXPECTED) if task_ids is None else list(task_ids)
    answers = {}
    for task_id in wanted:
        spec = task_spec(task_id)
        if spec.compare is None:
            continue
        if task_id not in _EXPECTED:
            raise fail("task", task_id, _("a task with an @expected function in "
                       "kamlib.grading.expected"))
        answers[task_id] = _EXPECTED[task_id]()
    return answers


def keyed_tasks() -> list[str]:
    """The ids of the registered tasks that compare their answer with an expected one."""
    return [task_id for task_id in load_tasks() if task_spec(task_id).compare is not None]


# --- exercise 1 --------------------------------------------------------------------------------


def _revenue(year: int) -> pd.Series:
    return pareto.revenue_by_account(datasets.load("transactions"), start=f"{year}-01-01",
                                     end=f"{year}-12-31")


@expected("1.1")
def _top_share() -> float:
    return pareto.concentration(_revenue(l1.PARETO_YEAR), top=l1.PARETO_TOP).top_share * 100


@expected("1.2")
def _accounts_for_80() -> int:
    return int(pareto.concentration(_revenue(l1.PARETO_YEAR)).accounts_for_target)


def _buyers(year: int) -> pd.Index:
    return _revenue(year).index


def two_year_retention() -> float:
    """Share (0–1) of the first year's buyers that still buy in the last (task 1.3)."""
    return float(_buyers(l1.RETENTION_FROM).isin(_buyers(l1.RETENTION_TO)).mean())


@expected("1.3")
def _retention() -> float:
    return two_year_retention() * 100


@expected("1.4")
def _profit_change() -> float:
    rate = round(two_year_retention(), 2)
    assumptions = economics.KeepWinAssumptions(
        retention_rate=rate, improved_retention_rate=rate, keep_cost_ratio=l1.KEEP_COST_RATIO)
    return economics.retention_profit_effect(assumptions, gain=-l1.RETENTION_FALL)


def _stages() -> pd.Series:
    table = stages.relationship_stages(datasets.load("contacts"), datasets.load("transactions"),
                                       datasets.load("accounts"))
    return table.set_index("account_id")["stage"]


@expected("1.5")
def _uncoupling() -> list[str]:
    stage = _stages()
    return [account for account in l1.STAGE_CANDIDATES if stage[account] == 6]


@expected("1.6")
def _stage_of_account() -> str:
    return str(int(_stages()[l1.STAGE_ACCOUNT]))


@expected("1.8")
def _advice() -> str:
    return "protect"


# --- exercise 2 --------------------------------------------------------------------------------


def scenario_lines() -> pd.DataFrame:
    """Huaxin's product lines with the 2026 scenario applied, classified (tasks 2.1–2.3, 2.10)."""
    lines = datasets.load("product_lines").set_index("line_id")
    for line, changes in l2.SCENARIO_2026.items():
        for column, value in changes.items():
            lines.loc[line, column] = value
    return bcg.bcg_table(lines.reset_index()).set_index("line_id")


@expected("2.1")
def _relative_share() -> float:
    return float(scenario_lines().loc[l2.SHARE_LINE, "relative_share"])


@expected("2.2")
def _quadrant() -> str:
    return str(scenario_lines().loc[l2.ADVICE_LINE, "quadrant"])


@expected("2.3")
def _cash_cows() -> list[str]:
    lines = scenario_lines()
    return lines.index[lines["quadrant"] == "cash_cow"].tolist()


@expected("2.7")
def _ansoff() -> str:
    from kamlib import ansoff

    return ansoff.ansoff_strategy(new_product=False, new_market=True).key


@expected("2.9")
def _roi() -> float:
    from kamlib.budget import BudgetLine, plan_roi

    lines = [BudgetLine(item, cost, p) for item, cost, p in l2.ROI_BUDGET]
    return (
        plan_roi(
            lines, expected_revenue_gain_cny=l2.ROI_REVENUE_GAIN_CNY, margin_rate=l2.ROI_MARGIN_RATE
        ).roi
        * 100
    )


@expected("2.10")
def _bcg_strategy() -> str:
    return str(scenario_lines().loc[l2.ADVICE_LINE, "strategy"])


# --- exercise 3 --------------------------------------------------------------------------------


def _fair_scores() -> tuple[int, int]:
    amounts = pd.Series([l3.FAIR_PROSPECT["current_cny"], l3.FAIR_PROSPECT["capacity_cny"]],
                        dtype=float)
    x, y = grid.score(amounts, cuts=settings.current().score_cuts_cny).tolist()
    return int(x), int(y)


@expected("3.1")
def _scores() -> dict[str, int]:
    x, y = _fair_scores()
    return {"x": x, "y": y}


@expected("3.2")
def _fair_class() -> str:
    return grid.classify(*_fair_scores(), vip=False).account_class


@expected("3.3")
def _big_little() -> int:
    scored = case.scored_accounts()
    return int(((scored["y"] == l3.BIG_CAPACITY_Y) & (scored["x"] <= l3.LITTLE_BUSINESS_X)).sum())


def overdue_a_accounts() -> list[str]:
    """The class A accounts overdue for a visit on the course's today (tasks 3.4 and 3.5)."""
    due = visits.visits_due(case.classified_accounts(), datasets.load("visits"),
                            as_of=settings.current().today)
    overdue = due[(due["status"] == "overdue") & (due["account_class"] == "A")]
    return sorted(overdue["account_id"])


@expected("3.4")
def _overdue_candidates() -> list[str]:
    overdue = set(overdue_a_accounts())
    return [account for account in l3.VISIT_CANDIDATES if account in overdue]


@expected("3.5")
def _planned() -> list[str]:
    return overdue_a_accounts()


@expected("3.6")
def _ranking() -> list[str]:
    ranked = priority.wish_file(datasets.load("accounts"), l3.WIN_CHANCES,
                                transactions=datasets.load("transactions"))
    return ranked["account_id"].head(l3.RANKED_PROSPECTS).tolist()


@expected("3.7")
def _empty_fields() -> int:
    file = customer_file.customer_file(datasets.load("people"), account_id=l3.FILE_ACCOUNT)
    groups = [group for group in customer_file.FILE_FIELDS]
    return int(file[groups].isna().sum().sum())


@expected("3.8")
def _vip() -> str:
    return "influence"


@expected("3.10")
def _decider_and_gatekeeper() -> dict[str, list[str]]:
    """The decider and the gatekeeper of the selling account, read from level and function.

    The decider has the final say on the supplier: the executive outside finance (a finance
    executive approves spending rather than choosing suppliers). The gatekeeper controls
    which sellers and information reach the others: the purchasing staff who receive the
    sellers first ("purchasing agents, receptionists and telephone operators": Kotler 2000,
    after Webster & Wind 1972); the purchasing manager, who negotiates and orders, is the
    buyer.
    """
    people = datasets.load("people")
    team = people[people["account_id"] == l3.SELLING_ACCOUNT]
    deciders = team[(team["level"] == "executive") & (team["function"] != "finance")]
    gatekeepers = team[(team["level"] == "staff") & (team["function"] == "purchasing")]
    return {"decider": sorted(deciders["person_id"]),
            "gatekeeper": sorted(gatekeepers["person_id"])}


__all__ = ["expected", "expected_answers", "keyed_tasks", "overdue_a_accounts",
           "scenario_lines", "two_year_retention"]
