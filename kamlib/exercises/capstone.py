"""The capstone's account plan, gathered from the learner's workbook.

Every part of the capstone is answered in a widget that saves to the workbook (see
:mod:`kamlib.exercises.tasks_capstone`); :func:`plan_from_workbook` turns those sections
into one :class:`kamlib.account_plan.AccountPlan` for the manager. A part not done yet
stays empty in the plan and is named in the gaps.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

from kamlib import ansoff, grid, mix, uncoupling
from kamlib.account_plan import AccountPlan
from kamlib.exercises.tasks_capstone import SECTIONS
from kamlib.i18n import N_, _
from kamlib.stages import StageDiagnosis
from kamlib.validation import KamValueError, check_text, fail

PROFILE_FIELDS = ("account_id", "name", "industry", "region", "kam")


def _classification(saved: Any) -> dict[str, Any]:
    x, y = int(saved["x"]), int(saved["y"])
    return {"capacity_cny": float(saved["capacity_cny"]), "revenue_cny":
            float(saved["current_cny"]), "account_class": saved["account_class"], "x": x,
            "y": y, "grid_class": grid.classify(x, y).grid_class}


def _risks(saved: Any) -> dict[str, Any]:
    ranked = uncoupling.risk_audit(dict(saved["ratings"])).ranked
    rated = ranked[ranked["rating"] > 0]
    return {"risks": [{"factor": f"{r.en} ({r.zh})", "side": r.side, "rating": int(r.rating),
                       "remedy": r.remedy} for r in rated.itertuples()]}


def _objectives(saved: Any) -> dict[str, Any]:
    return {"objectives": [{"text": goal["goal"], "smart_score": int(goal.get("score", 0)),
                            "priority": rank}
                           for rank, goal in enumerate(saved["goals"], start=1)]}


def _strategy(saved: Any) -> dict[str, Any]:
    chosen = next(s for s in ansoff.ANSOFF if s.key == saved["strategy"])
    return {"strategy_key": chosen.key,
            "strategy": f"{chosen.en.capitalize()} ({chosen.zh}): {chosen.description}"}


def _mix(saved: Any) -> dict[str, Any]:
    plan = mix.MixPlan.from_dict({"actions": saved["actions"]})
    return {
        "mix_actions": [action.to_dict() for action in plan.actions],
        "budget": [{"item": a.action, "cost_cny": a.cost_cny, "p": a.p} for a in plan.actions],
        "expected_revenue_gain_cny": saved.get("expected_revenue_gain_cny"),
        "margin_rate": saved.get("margin_rate"),
    }


def _rows(keys: tuple[str, ...], name: str) -> Callable[[Any], dict[str, Any]]:
    def read(saved: Any) -> dict[str, Any]:
        return {name: [{key: row[key] for key in keys} for row in saved
                       if all(str(row.get(key, "")).strip() for key in keys)]}

    return read


def _results(saved: Any) -> dict[str, Any]:
    return {"expected_results": saved["expected_results"], "evaluation": saved["evaluation"]}


#: Workbook section -> how it fills the plan, and the part's name in the gaps.
_PARTS: tuple[tuple[str, Callable[[Any], dict[str, Any]], str], ...] = (
    ("answers/4.1", _classification, N_("classification")),
    (SECTIONS["uncoupling"], _risks, N_("risks")),
    (SECTIONS["swot"], lambda saved: {"swot": saved["swot"]}, N_("SWOT")),
    (SECTIONS["smart"], _objectives, N_("objectives")),
    (SECTIONS["ansoff"], _strategy, N_("strategy")),
    (SECTIONS["mix"], _mix, N_("marketing mix and budget")),
    ("answers/4.8", _rows(("date", "objective"), "visit_plan"), N_("visit plan")),
    ("answers/4.10", _rows(("trigger", "response"), "contingency"), N_("contingency plans")),
    ("answers/4.11", _results, N_("expected results and evaluation")),
)


def plan_from_workbook(profile: Mapping[str, Any], sections: Mapping[str, Any],
                       stage: StageDiagnosis | None = None,
                       prepared_on: dt.date | None = None) -> tuple[AccountPlan, list[str]]:
    """The account plan of the capstone's saved parts, and the parts still missing.

    Parameters
    ----------
    profile : mapping
        The account: ``account_id`` and ``name`` (required), ``industry``, ``region``, ``kam``.
    sections : mapping
        The learner's workbook sections.
    stage : StageDiagnosis, optional
        The relationship stage from the capstone's diagnostic.
    prepared_on : datetime.date, optional
        The plan's date (default: today).

    Returns
    -------
    tuple of (AccountPlan, list of str)
        The plan, and the names of the parts missing or unreadable.

    Raises
    ------
    KamValueError
        If the profile lacks the account id or name.
    """
    if not isinstance(profile, Mapping):
        raise fail("profile", profile, _("a dict with account_id and name"))
    fields: dict[str, Any] = {key: "" if profile.get(key) is None else str(profile[key])
                              for key in PROFILE_FIELDS}
    check_text("profile account_id", fields["account_id"])
    check_text("profile name", fields["name"])
    gaps = []
    for section, read, name in _PARTS:
        saved = sections.get(section)
        try:
            fields.update(read(saved))
        except (KamValueError, KeyError, TypeError, ValueError, StopIteration, AttributeError):
            gaps.append(_(name))
    if stage is not None:
        fields.update(stage=stage.stage, stage_name=stage.name)
    else:
        gaps.append(_("relationship stage"))
    fields["prepared_on"] = prepared_on or dt.date.today()
    try:
        return AccountPlan(**fields), gaps
    except KamValueError as error:  # parts that do not fit together: keep the profile
        return AccountPlan(**{k: fields[k] for k in PROFILE_FIELDS}), [*gaps, str(error)]


__all__ = ["PROFILE_FIELDS", "plan_from_workbook"]
