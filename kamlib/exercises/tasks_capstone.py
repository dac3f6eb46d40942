"""Checks of the capstone "My key account plan" (我的大客户计划): tasks 4.1 to 4.12.

The capstone runs on any account, the case company's or the learner's own, so there is no
single right answer: each check tests that a part is complete and consistent with the
course's rules (the scores follow from the amounts, the class from the scores, every goal is
SMART, the plan pays, the exported files read back whole).
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from functools import partial
from pathlib import Path
from typing import Any

import pandas as pd

from kamlib import grid, mix, settings, stages
from kamlib.account_plan import ANSOFF_KEYS, AccountPlan
from kamlib.budget import BudgetSummary
from kamlib.exercises.feedback import Task, register
from kamlib.exercises.tasks_lecture1 import ratings_problem
from kamlib.exercises.tasks_lecture2 import smart_problem, swot_problem
from kamlib.exercises.tasks_lecture3 import visit_plan_problem

MIN_OBJECTIVES = 2
MIN_PS = 3
MIN_VISITS = 3
MIN_CONTINGENCIES = 2
CLASS_FIELDS = ("current_cny", "capacity_cny", "x", "y", "vip", "account_class")
EXPORT_KINDS = ("markdown", "html", "excel")


def _kind(answer: Any) -> str:
    return type(answer).__name__


def classification_problem(answer: Any, _expected: Any = None) -> str | None:
    """Scores follow from the amounts (the course settings' score_cuts_cny) and the class
    from the scores."""
    if not isinstance(answer, Mapping) or any(key not in answer for key in CLASS_FIELDS):
        return f"should be a dict with the keys {', '.join(CLASS_FIELDS)}."
    scores = grid.score(
        pd.Series([answer["current_cny"], answer["capacity_cny"]], dtype=float),
        cuts=settings.current().score_cuts_cny,
    ).tolist()
    if [answer["x"], answer["y"]] != scores:
        return "has x or y that do not follow from the amounts and the course's score cut points."
    verdict = grid.classify(answer["x"], answer["y"], bool(answer["vip"]))
    if answer["account_class"] != verdict.account_class:
        return "has an account_class that does not follow from x, y and vip (default rules)."
    return None


def stage_problem(answer: Any, _expected: Any = None) -> str | None:
    """A stage diagnosis (1–6) with at least one reason."""
    if not isinstance(answer, stages.StageDiagnosis):
        return f"should be a kamlib.stages.StageDiagnosis; it is {_kind(answer)}."
    if not any(reason.strip() for reason in answer.reasons):
        return "has no reason: say what the diagnosis rests on."
    return None


def objectives_problem(answer: Any, _expected: Any = None) -> str | None:
    """At least two objectives, each meeting all five SMART letters."""
    if isinstance(answer, str) or not isinstance(answer, Sequence):
        return f"should be a list of objectives (texts); it is {_kind(answer)}."
    if len(answer) < MIN_OBJECTIVES:
        return f"has {len(answer)} objective(s); set at least {MIN_OBJECTIVES}."
    for position, text in enumerate(answer):
        problem = smart_problem(text)
        if problem:
            return f"item {position} {problem}"
    return None


def strategy_problem(answer: Any, _expected: Any = None) -> str | None:
    """One of the four Ansoff strategy keys."""
    if answer not in ANSOFF_KEYS:
        return f"should be one of {', '.join(ANSOFF_KEYS)}; it is {answer!r}."
    return None


def mix_problem(answer: Any, _expected: Any = None) -> str | None:
    """A 4P plan with actions under at least three of the four Ps."""
    if not isinstance(answer, mix.MixPlan):
        return f"should be a kamlib.mix.MixPlan; it is {_kind(answer)}."
    covered = {action.p for action in answer.actions}
    if len(covered) < MIN_PS:
        return f"acts on {len(covered)} P(s); act on at least {MIN_PS} of the 4P."
    return None


def budget_problem(answer: Any, _expected: Any = None) -> str | None:
    """A budget whose ROI clears the hurdle."""
    if not isinstance(answer, BudgetSummary):
        return f"should be the BudgetSummary of budget.plan_roi; it is {_kind(answer)}."
    if answer.verdict != "worthwhile":
        return f"does not pay ({answer.verdict_text}); cut costs or raise the expected gain."
    return None


def contingency_problem(answer: Any, _expected: Any = None) -> str | None:
    """At least two contingency plans {trigger, response}, both in words."""
    if isinstance(answer, (str, Mapping)) or not isinstance(answer, Sequence):
        return f"should be a list of dicts {{'trigger', 'response'}}; it is {_kind(answer)}."
    if len(answer) < MIN_CONTINGENCIES:
        return f"has {len(answer)} plan(s); write at least {MIN_CONTINGENCIES}."
    for position, plan in enumerate(answer):
        texts = [plan.get(key) for key in ("trigger", "response")] if isinstance(
            plan, Mapping) else []
        if len(texts) != 2 or not all(isinstance(t, str) and t.strip() for t in texts):
            return f"item {position} needs a trigger and a response in words."
    return None


def plan_problem(answer: Any, _expected: Any = None) -> str | None:
    """A complete account plan: every section filled, class consistent, ROI computable."""
    if not isinstance(answer, AccountPlan):
        return f"should be a kamlib.account_plan.AccountPlan; it is {_kind(answer)}."
    empty = [
        name
        for name in ("risks", "objectives", "strategy_key", "mix_actions", "visit_plan",
                     "budget", "expected_results", "evaluation", "contingency", "stage")
        if getattr(answer, name) in (None, "", ())
    ]  # fmt: skip
    if not all(answer.swot.values()):
        empty.append("swot")
    if empty:
        return f"has empty section(s): {', '.join(empty)}."
    if answer.x is None or answer.y is None or answer.grid_class is None:
        return "needs x, y and grid_class from your classification."
    if grid.classify(answer.x, answer.y).grid_class != answer.grid_class:
        return "has a grid_class that does not follow from x and y."
    if answer.roi() is None:
        return "cannot compute the ROI: set budget, expected_revenue_gain_cny and margin_rate."
    return None


def exports_problem(answer: Any, _expected: Any = None) -> str | None:
    """The three exported files exist, and the Excel workbook reads back as a whole plan."""
    if not isinstance(answer, Mapping) or set(answer) != set(EXPORT_KINDS):
        return f"should be a dict of paths with the keys {', '.join(EXPORT_KINDS)}."
    paths = {kind: Path(answer[kind]) for kind in EXPORT_KINDS}
    missing = [kind for kind, path in paths.items() if not path.is_file()]
    if missing:
        return f"names file(s) that do not exist: {', '.join(missing)}."
    plan = AccountPlan.from_excel(paths["excel"])
    problem = plan_problem(plan)
    if problem:
        return f"points to an Excel plan that {problem}"
    if plan.title not in paths["markdown"].read_text(encoding="utf-8"):
        return "points to a Markdown file that is not this plan."
    if html.escape(plan.title) not in paths["html"].read_text(encoding="utf-8"):
        return "points to an HTML file that is not this plan."
    return None


_TASKS = (
    ("4.1", classification_problem, "a dict with current_cny, capacity_cny, x, y, vip and "
     "account_class", "The class sets how much time and money the account deserves."),
    ("4.2", stage_problem, "the StageDiagnosis of your account",
     "The stage tells you which contacts to build next."),
    ("4.3", ratings_problem, "your uncoupling ratings (0-3) as a dict, at least three above 0",
     "Risks named early can be managed."),
    ("4.4", swot_problem, "the account's SWOT with at least 2 items in each quadrant",
     "The SWOT is the evidence your strategy rests on."),
    ("4.5", objectives_problem, "a list of at least two SMART objectives (texts)",
     "Every objective can be checked at the year's end."),
    ("4.6", strategy_problem, "the key of your Ansoff strategy",
     "The strategy says where the growth will come from."),
    ("4.7", mix_problem, "your 4P plan (a MixPlan) acting on at least three Ps",
     "The 4P turn the strategy into actions the customer sees."),
    ("4.8", partial(visit_plan_problem, minimum=MIN_VISITS, require_id=False),
     "a list of at least three planned visits {'date', 'objective'}",
     "Visits with objectives keep the plan moving."),
    ("4.9", budget_problem, "the BudgetSummary of budget.plan_roi for your plan",
     "A plan that pays gets approved."),
    ("4.10", contingency_problem, "a list of at least two {'trigger', 'response'} plans",
     "A fallback decided in calm beats one improvised in a crisis."),
    ("4.11", plan_problem, "your complete AccountPlan",
     "The plan gathers the course in one document."),
    ("4.12", exports_problem, "a dict of the exported file paths: markdown, html, excel",
     "Your manager can now read, print and edit the plan."),
)
for _task_id, _judge, _asks, _why in _TASKS:
    register(Task(_task_id, f"answer_{_task_id.replace('.', '_')}", asks=_asks, why=_why,
                  judge=_judge))
