"""The capstone "My key account plan" (我的大客户计划): tasks 4.1 to 4.17.

The capstone runs on any account, the case company's or the learner's own, so there is no
single right answer: each rubric tests that a part is complete and consistent with the
course's rules (the scores follow from the amounts and the course's cut points, the class
from the scores, every objective is SMART, the plan pays, the SPIN questions read as their
kinds, the call objective is an advance). The benefits and the answer to an objection are
written answers the trainer marks.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

import pandas as pd

from kamlib import buying_centre, grid, mix, selling, settings
from kamlib.account_plan import ANSOFF_KEYS
from kamlib.budget import BudgetLine, plan_roi
from kamlib.exercises.tasks import Field, TaskSpec, register
from kamlib.exercises.tasks_lecture1 import ratings_problem
from kamlib.exercises.tasks_lecture2 import smart_problem, swot_problem
from kamlib.exercises.tasks_lecture3 import advance_problem, spin_problem, visit_plan_problem
from kamlib.i18n import N_, _
from kamlib.validation import KamValueError

#: The workbook sections of the capstone's course widgets.
SECTIONS = {
    "stage": "capstone/stage",
    "uncoupling": "capstone/uncoupling",
    "swot": "capstone/swot",
    "smart": "capstone/smart",
    "ansoff": "capstone/ansoff",
    "mix": "capstone/mix",
    "spin": "capstone/spin",
    "call_objective": "capstone/call_objective",
    "objection": "capstone/objection",
    "export": "capstone/export",
}
MIN_OBJECTIVES = 2
MIN_PS = 3
MIN_VISITS = 3
MIN_CONTINGENCIES = 2
MIN_TEXT_CHARACTERS = 20
#: Task 4.12: the buying centre's rows (one per role) and the roles a map must name.
ROLE_ROWS = tuple(role.label for role in buying_centre.ROLES)
NEEDED_ROLES = ("decider", "buyer")
MIN_ROLES_NAMED = 4
#: Task 4.15: features turned into benefits.
BENEFITS = 2
EXPORT_KINDS = ("markdown", "html", "excel")
CLASS_OPTIONS = tuple((c, c) for c in grid.ACCOUNT_CLASSES)


def classification_problem(answer: Mapping[str, Any],
                           _workbook: Mapping[str, Any] | None = None) -> str | None:
    """Rubric: the scores follow from the amounts (the course's cut points), the class from
    the scores and the VIP flag."""
    scores = grid.score(pd.Series([answer["current_cny"], answer["capacity_cny"]], dtype=float),
                        cuts=settings.current().score_cuts_cny).tolist()
    if [answer["x"], answer["y"]] != scores:
        return _("has X or Y that do not follow from the amounts and the course's cut points.")
    try:
        verdict = grid.classify(answer["x"], answer["y"], vip=answer["vip"])
    except KamValueError as error:
        return _("has a problem: {error}").format(error=error)
    if answer["account_class"] != verdict.account_class:
        return _("has a class that does not follow from X, Y and the VIP flag.")
    return None


def stage_problem(answer: Any, _workbook: Mapping[str, Any] | None = None) -> str | None:
    """Rubric: the stage diagnostic holds at least one contact between the two companies."""
    if not isinstance(answer, Mapping) or not answer.get("contacts"):
        return _("ticks no contact: tick who talks to whom in the diagnostic.")
    return None


def objectives_problem(answer: Any, _workbook: Mapping[str, Any] | None = None) -> str | None:
    """Rubric: at least two goals kept in the SMART coach, each meeting all five letters."""
    goals = [g.get("goal", "") for g in answer if isinstance(g, Mapping)] if isinstance(
        answer, list) else []
    if len(goals) < MIN_OBJECTIVES:
        return _("keeps {n} goal(s) in the coach; keep at least {low}.").format(
            n=len(goals), low=MIN_OBJECTIVES)
    for number, goal in enumerate(goals, start=1):
        problem = smart_problem(goal)
        if problem:
            return _("has goal {n} that {problem}").format(n=number, problem=problem)
    return None


def strategy_problem(answer: Any, _workbook: Mapping[str, Any] | None = None) -> str | None:
    """Rubric: one of the four Ansoff strategy keys."""
    return None if answer in ANSOFF_KEYS else _("should be one of the four Ansoff strategies.")


def _mix_plan(answer: Any) -> mix.MixPlan | None:
    try:
        return mix.MixPlan.from_dict({"actions": answer.get("actions", [])})
    except (KamValueError, AttributeError, TypeError):
        return None


def mix_problem(answer: Any, _workbook: Mapping[str, Any] | None = None) -> str | None:
    """Rubric: a 4P plan with actions under at least three of the four Ps."""
    plan = _mix_plan(answer)
    if plan is None:
        return _("should be the marketing-mix planner's actions.")
    covered = {action.p for action in plan.actions}
    if len(covered) < MIN_PS:
        return _("acts on {n} P(s); act on at least {low} of the 4P.").format(
            n=len(covered), low=MIN_PS)
    return None


def budget_problem(answer: Any, _workbook: Mapping[str, Any] | None = None) -> str | None:
    """Rubric: the planner's actions, priced against the expected gain, clear the ROI hurdle."""
    plan = _mix_plan(answer)
    if plan is None or not plan.actions:
        return _("needs the actions of your marketing mix, with their costs.")
    lines = [BudgetLine(a.action, a.cost_cny, a.p) for a in plan.actions]
    try:
        summary = plan_roi(lines, expected_revenue_gain_cny=answer.get("expected_revenue_gain_cny"),
                           margin_rate=answer.get("margin_rate"))
    except KamValueError as error:
        return _("cannot be priced: {error}").format(error=error)
    if summary.verdict != "worthwhile":
        return _("does not pay ({verdict}); cut costs or raise the expected gain.").format(
            verdict=summary.verdict_text)
    return None


def contingency_problem(answer: Any, _workbook: Mapping[str, Any] | None = None) -> str | None:
    """Rubric: every contingency plan has a trigger and a response in words."""
    for number, row in enumerate(answer, start=1):
        if not (row["trigger"] and row["response"]):
            return _("needs a trigger and a response in plan {n}.").format(n=number)
    return None


def results_problem(answer: Any, _workbook: Mapping[str, Any] | None = None) -> str | None:
    """Rubric: expected results and the way to evaluate them, each a sentence."""
    short = [key for key in ("expected_results", "evaluation")
             if len(answer[key]) < MIN_TEXT_CHARACTERS]
    if short:
        return _("needs a full sentence for the expected results and for the evaluation.")
    return None


def export_problem(answer: Any, workbook: Mapping[str, Any] | None = None) -> str | None:
    """Rubric: the export button recorded the plan's three files, and the plan gathered from
    the workbook now misses no part (the stage comes from the diagnostic, task 4.2)."""
    from kamlib.exercises.capstone import plan_from_workbook

    files = answer.get("files") if isinstance(answer, Mapping) else None
    if not isinstance(files, Mapping) or any(not files.get(kind) for kind in EXPORT_KINDS):
        return _("has not been exported yet: press the export button.")
    profile = {"account_id": answer.get("account_id"), "name": answer.get("name")}
    try:
        _plan, gaps = plan_from_workbook(profile, workbook or {})
    except KamValueError as error:
        return _("has a problem: {error}").format(error=error)
    gaps = [gap for gap in gaps if gap != _("relationship stage")]
    if gaps:
        return _("is a plan that still misses: {parts}.").format(parts=_(", ").join(gaps))
    return None


def _visits(answer: Any, workbook: Mapping[str, Any]) -> str | None:
    return visit_plan_problem(answer, workbook, minimum=MIN_VISITS, require_id=False)


def buying_centre_problem(answer: Any, _workbook: Mapping[str, Any] | None = None
                          ) -> str | None:
    """Rubric: the buying-centre table names a holder for the decider and the buyer and for
    at least four roles in all."""
    named = {row["row"] for row in answer if str(row.get("holder", "")).strip()}
    labels = {role.key: role.label for role in buying_centre.ROLES}
    missing = [labels[key] for key in NEEDED_ROLES if labels[key] not in named]
    if missing:
        return _("names nobody as {roles}: every purchase has both.").format(
            roles=_(", ").join(missing))
    if len(named) < MIN_ROLES_NAMED:
        return _("names {n} role holders; name at least {low} (a role you cannot fill yet is "
                 "a question for your next visit).").format(n=len(named), low=MIN_ROLES_NAMED)
    return None


def benefits_problem(answer: Any, _workbook: Mapping[str, Any] | None = None) -> str | None:
    """Rubric: each filled row has a feature, the customer's need and the benefit."""
    for number, row in enumerate(answer, start=1):
        if not all(str(row.get(key, "")).strip() for key in ("feature", "need", "benefit")):
            return _("needs a feature, a need and a benefit in row {n}.").format(n=number)
    return None


def objection_problem(answer: Any, _workbook: Mapping[str, Any] | None = None) -> str | None:
    """Rubric: one objection answered in all four steps (acknowledge, explore, answer,
    confirm), each in a sentence."""
    answers = answer.get("answers") if isinstance(answer, Mapping) else None
    if not isinstance(answers, Mapping):
        return _("should be your answer to an objection (write it in the boxes above).")
    for steps in answers.values():
        if isinstance(steps, Mapping) and all(
                len(str(steps.get(step, "")).strip()) >= MIN_TEXT_CHARACTERS
                for step in selling.STEPS):
            return None
    return _("answers no objection in all four steps yet: acknowledge, explore, answer and "
             "confirm, each in a sentence.")


_WHY = {
    "4.1": N_("The class sets how much time and money the account deserves."),
    "4.2": N_("The stage tells you which contacts to build next."),
    "4.3": N_("Risks named early can be managed."),
    "4.4": N_("The SWOT is the evidence your strategy rests on."),
    "4.5": N_("Every objective can be checked at the year's end."),
    "4.6": N_("The strategy says where the growth will come from."),
    "4.7": N_("The 4P turn the strategy into actions the customer sees."),
    "4.8": N_("Visits with objectives keep the plan moving."),
    "4.9": N_("A plan that pays gets approved."),
    "4.10": N_("A fallback decided in calm beats one improvised in a crisis."),
    "4.11": N_("Results you can measure are results you can defend."),
    "4.12": N_("You know whom to win over, and which roles you still have to find."),
    "4.13": N_("These questions lead the customer from a problem to a need they state."),
    "4.14": N_("An advance moves the sale; a friendly call alone does not."),
    "4.15": N_("Customers buy benefits for needs they stated, not features."),
    "4.16": N_("An objection answered calmly is a concern cleared out of the way."),
    "4.17": N_("Your manager can now read, print and edit the plan."),
}

for _spec in (
    TaskSpec("4.1", N_("Classify your account: its amounts, scores, VIP flag and class."),
             "form", fields=(
                 Field("current_cny", N_("Current purchasing from us, CNY"), "number", 0),
                 Field("capacity_cny", N_("Purchasing capacity, CNY"), "number", 0),
                 Field("x", N_("X, current purchasing"), "integer", 0, grid.MAX_SCORE),
                 Field("y", N_("Y, purchasing capacity"), "integer", 0, grid.MAX_SCORE),
                 Field("vip", N_("VIP heavyweight"), "check"),
                 Field("account_class", N_("Account class"), "choice", options=CLASS_OPTIONS)),
             compare=None, rubric=classification_problem),
    TaskSpec("4.2", N_("Diagnose the relationship's stage in the diagnostic."), "widget",
             section=SECTIONS["stage"], compare=None, rubric=stage_problem),
    TaskSpec("4.3", N_("Rate the causes of uncoupling: at least three above 0."), "widget",
             section=SECTIONS["uncoupling"], field="ratings", compare=None,
             rubric=ratings_problem),
    TaskSpec("4.4", N_("Fill the account's SWOT: at least two items per quadrant."), "widget",
             section=SECTIONS["swot"], field="swot", compare=None, rubric=swot_problem),
    TaskSpec("4.5", N_("Keep at least two SMART objectives in the coach (all five letters)."),
             "widget", section=SECTIONS["smart"], field="goals", compare=None,
             rubric=objectives_problem),
    TaskSpec("4.6", N_("Choose the growth strategy in the Ansoff picker."), "widget",
             section=SECTIONS["ansoff"], field="strategy", compare=None,
             rubric=strategy_problem),
    TaskSpec("4.7", N_("Plan actions under at least three of the four Ps."), "widget",
             section=SECTIONS["mix"], compare=None, rubric=mix_problem),
    TaskSpec("4.8", N_("Plan at least three visits in the coming year, each with an objective."),
             "table", fields=(Field("date", N_("Date (YYYY-MM-DD)")),
                              Field("objective", N_("Visit objective"))),
             min_rows=MIN_VISITS, compare=None, rubric=_visits),
    TaskSpec("4.9", N_("Price the plan: the expected revenue gain and margin rate in the planner "
                       "must give an ROI above the hurdle."), "widget",
             section=SECTIONS["mix"], compare=None, rubric=budget_problem),
    TaskSpec("4.10", N_("Write at least two contingency plans: what could go wrong and what "
                        "you will do then."), "table",
             fields=(Field("trigger", N_("If this happens")), Field("response", N_("We do this"))),
             min_rows=MIN_CONTINGENCIES, compare=None, rubric=contingency_problem),
    TaskSpec("4.11", N_("State the expected results and how you will evaluate them."), "form",
             fields=(Field("expected_results", N_("Expected results")),
                     Field("evaluation", N_("How results are evaluated"))),
             compare=None, rubric=results_problem),
    TaskSpec("4.12", N_("Map the account's buying centre: who holds each role (name and title), "
                        "and who of ours knows them. Name the decider, the buyer and at least "
                        "four roles."), "table", rows=ROLE_ROWS,
             fields=(Field("holder", N_("Who holds it (name, title)")),
                     Field("met", N_("Who of ours knows them"))),
             min_rows=0, max_rows=len(ROLE_ROWS), compare=None, rubric=buying_centre_problem),
    TaskSpec("4.13", N_("Write one SPIN question of each kind for your next call on the account, "
                        "each read as its kind."), "widget", section=SECTIONS["spin"],
             field="questions", compare=None, rubric=spin_problem),
    TaskSpec("4.14", N_("Set the objective of your next call on the account as an advance."),
             "widget", section=SECTIONS["call_objective"], field="objective", compare=None,
             rubric=advance_problem),
    TaskSpec("4.15", N_("Turn two features of what you sell to this account into benefits: the "
                        "feature, the need the customer stated, and the benefit in the "
                        "customer's terms."), "table",
             fields=(Field("feature", N_("Feature")), Field("need", N_("The customer's need")),
                     Field("benefit", N_("Benefit"))),
             min_rows=BENEFITS, max_rows=BENEFITS, compare=None, manual=True,
             rubric=benefits_problem),
    TaskSpec("4.16", N_("Answer one objection this customer raises, in four steps: acknowledge, "
                        "explore, answer, confirm."), "widget", section=SECTIONS["objection"],
             compare=None, manual=True, rubric=objection_problem),
    TaskSpec("4.17", N_("Export the plan for your manager (Markdown, HTML and Excel)."),
             "widget", section=SECTIONS["export"], compare=None, rubric=export_problem),
):
    register(dataclasses.replace(_spec, why=_WHY[_spec.task_id]))
