"""The input contract, fuzzed: every public callable of the domain layer and the views,
found by introspection, is fed hostile inputs, one parameter at a time.

The only exception allowed is :class:`kamlib.validation.KamValueError`, whose message stays
short (under :data:`MAX_MESSAGE` characters) and names the parameter (or the column of a
table that was spoiled). A new public function is covered without editing this file, as
long as its parameters have names used before (:data:`BY_NAME`); otherwise the test says
which example to add.

The run is deterministic (fixed seed) and bounded: each parameter gets a fixed sample of
the hostile values (:data:`SAMPLE`), which keeps it under about 40 s of CI. Run
``python tests/test_contract_fuzz.py --full [NAME ...]`` to try every hostile value on
every parameter (of the callables whose name holds one of the NAMEs) and print the counts.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import importlib
import inspect
import os
import pkgutil
import random
import sys
import time
import warnings
import zlib
from collections.abc import Callable, Iterator, Mapping
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from kamlib.validation import KamValueError

#: Modules of kamlib left out of this test, and why (every other module of kamlib and of
#: kamlib.views is found and fuzzed; a new module is covered without editing this file).
REPO = Path(__file__).resolve().parent.parent
OTHER_MODULES = {
    "validation": "the checks themselves (tested in test_validation)",
    "datasets": "reads files; its checks are tested in test_datasets and test_crm_export",
    "crm_export": "reads a learner's CRM export files; tested in test_crm_export",
    "workbook": "the learner's saved work on disk; tested in test_workbook",
    "account_plan": "documents and Excel files; tested in test_account_plan",
    "goals": "the SMART coach's text reading; tested in test_goals",
    "setup_check": "checks the installation, takes no input",
}


def _modules() -> tuple[str, ...]:
    import kamlib
    import kamlib.views

    found = []
    for package in (kamlib, kamlib.views):
        for info in pkgutil.iter_modules(package.__path__):
            if not info.ispkg and not info.name.startswith("_") and info.name not in (
                OTHER_MODULES if package is kamlib else ()
            ):
                found.append(f"{package.__name__}.{info.name}")
    return tuple(sorted(found))


MODULES = _modules()

#: Callables left out, and why.
EXCLUDED = {
    "kamlib.settings.main": "the command line (tested in test_settings)",
    "kamlib.settings.save": "writes a settings file (its checks are tested in test_settings)",
    "kamlib.settings.update": "writes the course's settings file",
}
MAX_MESSAGE = 2000
SEED = 20250514
#: Hostile values tried per parameter in CI (all of them with --full).
SAMPLE = 14
#: Table and series spoilers tried per table or series parameter in CI.
TABLE_SAMPLE = 16


# --- valid examples ----------------------------------------------------------------------


@functools.cache
def data() -> dict[str, Any]:
    """Small slices of the case data: realistic dtypes, fast to compute on."""
    from kamlib import case, datasets

    accounts = datasets.load("accounts")
    classified = case.classified_accounts()
    traders = ["AC001", "AC002", "AC003", "AC004", "AC005", "AC006"]
    prospects = accounts.loc[accounts["first_order_date"].isna(), "account_id"].head(2).tolist()
    ids = traders + prospects
    small = accounts[accounts["account_id"].isin(ids)].merge(
        classified[["account_id", "revenue_cny", "x", "y", "account_class"]], on="account_id"
    ).reset_index(drop=True)
    transactions = datasets.load("transactions")
    tx = transactions[transactions["account_id"].isin(traders)]
    tx = tx.groupby("account_id").tail(8).reset_index(drop=True)
    contacts = datasets.load("contacts")
    visits = datasets.load("visits")
    people = datasets.load("people")
    return {
        "accounts": small,
        "transactions": tx,
        "contacts": contacts[contacts["account_id"].isin(traders)].reset_index(drop=True),
        "one_contacts": contacts[contacts["account_id"] == "AC002"].reset_index(drop=True),
        "one_transactions": tx[tx["account_id"] == "AC002"].reset_index(drop=True),
        "visits": visits[visits["account_id"].isin(ids)].head(30).reset_index(drop=True),
        "people": people[people["account_id"].isin(ids)].reset_index(drop=True),
        "prospects": prospects,
        "units": datasets.load("product_lines"),
    }


@functools.cache
def by_name() -> dict[str, Any]:
    """A valid example for each parameter name used across the public API."""
    from kamlib import account_analysis, economics, grid, pareto, stages, swot, uncoupling, visits
    from kamlib.cycles import CYCLES
    from kamlib.settings import current

    d = data()
    scores = d["accounts"]
    return {
        "accounts": scores,
        "transactions": d["transactions"],
        "contacts": d["contacts"],
        "people": d["people"],
        "visits": d["visits"],
        "frame": scores,
        "units": d["units"],
        "year": 2025,
        "as_of": "2025-12-31",
        "account_id": "AC002",
        "account": "account_id",
        "revenue": "revenue_cny",
        "capacity": "capacity_cny",
        "date": "date",
        "rules": grid.ClassificationRules(),
        "assumptions": economics.KeepWinAssumptions(),
        "swot": swot.SWOT().add("strengths", "Fast service", weight=4).add("threats", "New rival"),
        "cycle": next(iter(CYCLES)),
        "current_key": None,
        "language": "en",
        "settings": current(),
        "conc": pareto.concentration_from_transactions(d["transactions"]),
        "due": visits.visits_due(scores, d["visits"], as_of="2025-12-31"),
        "review": visits.monthly_review(d["visits"], month="2025-06"),
        "ranked": uncoupling.risk_audit({"quality_problems": 3}).ranked,
        "stages": stages.relationship_stages(d["contacts"], d["transactions"], scores),
        "ax": None,
        "table": account_analysis.profitability(d["transactions"], d["visits"], 2025),
        "lecture": 1,
        "product_lines": d["units"],
        "text": "Our primer cuts drying time by half, so your line runs faster.",
        "workbook": _scratch_workbook(),
        "path": REPO / "notebooks" / "01_kam_overview.ipynb",
        "folder": REPO,
    }


@functools.cache
def overrides() -> dict[str, dict[str, Any]]:
    """Examples that differ from :func:`by_name` for one callable."""
    from kamlib import bcg, lifecycle, priority
    from kamlib.environment import ScanEntry

    d = data()
    revenue = pd.Series([5.0, 3.0, 1.0, 0.5], index=["A1", "A2", "A3", "A4"], name="revenue")
    items = pd.DataFrame({"text": ["New plant", "Price war"], "probability": [0.8, "low"],
                          "attractiveness": ["high", 0.3], "seriousness": [0.9, "low"]})
    ranking = priority.rank_opportunities(pd.DataFrame(
        {"account_id": ["A1", "A2"], "name": ["Alpha", "Beta"], "size_cny": [1e6, 2e6],
         "probability": [0.5, 0.2], "stage": ["early", "mid"]}))
    p = "kamlib."
    return {
        p + "grid.classify": {"current": 2, "capacity": 3},
        p + "grid.classify_accounts": {"account": "account_id"},
        p + "grid.quantile_cuts": {"amounts": d["accounts"]["capacity_cny"]},
        p + "grid.score": {"amounts": d["accounts"]["capacity_cny"],
                           "cuts": [1.0, 5e5, 3e6, 1e7]},
        p + "ansoff.ansoff_strategy": {"new_product": True, "new_market": False},
        p + "bcg.relative_market_share": {"own": 20.0, "largest_rival": 30.0},
        p + "bcg.bcg_quadrant": {"growth": [12.0, 3.0], "relative_share": [1.5, 0.4]},
        p + "bcg.bcg_table": {"units": d["units"]},
        p + "budget.BudgetLine": {"item": "Trade fair", "cost_cny": 20_000.0, "p": "promotion"},
        p + "budget.plan_roi": {"lines": [{"item": "Trial", "cost_cny": 50_000.0}],
                                "expected_revenue_gain_cny": 400_000.0, "margin_rate": 0.3},
        p + "budget.roi_table": {"frame": pd.DataFrame(
            {"cost_cny": [1e5, 2e5], "revenue_gain_cny": [5e5, 1e5], "margin_rate": [0.3, 0.2]})},
        p + "buying_centre.guess_roles": {"corrections": {d["people"]["person_id"][0]: "user"}},
        p + "buying_centre.role_gaps": {"roles": pd.Series(["user", "buyer"])},
        p + "buying_centre.classify_question": {"text": "What does a defect cost you?"},
        p + "cycles.position": {"step_key": "analyse"},
        p + "economics.sourced_assumptions": {"source": "handout"},
        p + "economics.replacement_cost": {"lost_customers": 20, "win_cost": 120_000.0},
        p + "economics.keep_vs_win": {"rates": [0.7, 0.8, 0.9]},
        p + "economics.retention_profit_effect": {"gain": 0.05},
        p + "economics.retention": {"year": 2025},
        p + "environment.ScanEntry": {"factor": "competitors", "note": "A rival cut prices",
                                      "effect": "threat", "weight": 4},
        p + "environment.scan_to_swot": {
            "entries": [ScanEntry("competitors", "A rival cut prices", "threat")]},
        p + "environment.ConsumerAnalysis": {"who": "Plant managers", "what": "", "why": ""},
        p + "formatting.money": {"amount": 24_088_200.0, "decimals": 1},
        p + "formatting.number": {"value": 1234.5},
        p + "formatting.percent": {"fraction": 0.153},
        p + "formatting.day": {"value": "2025-12-31"},
        p + "formatting.company_name": {"account": d["accounts"].iloc[0]},
        p + "formatting.money_column": {"values": pd.Series([1500.0, None])},
        p + "i18n.set_language": {"language": "en"},
        p + "i18n.catalog_path": {"language": "zh"},
        p + "i18n.gettext": {"message": "Class A"},
        p + "i18n.ngettext": {"singular": "{n} account", "plural": "{n} accounts", "n": 2},
        p + "i18n.N_": {"message": "Class A"},
        p + "i18n.register": {"labels": {"fuzz.label": "Fuzz"}},
        p + "i18n.t": {"key": "fuzz.label"},
        p + "i18n.join_list": {"items": ["a", "b"]},
        p + "i18n.both": {"en": "Class A", "zh": "A级"},
        p + "lifecycle.life_cycle_curves": {"points": 50},
        p + "mix.MixAction": {"p": "price", "lever": "discounts", "action": "5% for volume",
                              "cost_cny": 1000.0},
        p + "mix.MixPlan": {"actions": [{"p": "price", "lever": "discounts",
                                         "action": "5% for volume"}]},
        p + "mix.MixPlan.add": {"p": "place", "lever": "inventory", "action": "Consignment"},
        p + "mix.MixPlan.remove": {"index": 0},
        p + "mix.MixPlan.from_dict": {"data": {"actions": [
            {"p": "price", "lever": "discounts", "action": "5% for volume"}]}},
        p + "mix.MixPlan.from_frame": {"frame": pd.DataFrame(
            [{"p": "price", "lever": "discounts", "action": "5% off", "cost_cny": 10.0}])},
        p + "pareto.concentration": {"revenue_by_account": revenue},
        p + "pareto.revenue_by_account": {"start": "2025-01-01", "end": "2025-12-31"},
        p + "pareto.revenue_by_group": {"accounts": d["accounts"]},
        p + "priority.expected_value": {"size": 1e6, "probability": 0.3},
        p + "priority.rank_opportunities": {"frame": pd.DataFrame(
            {"account_id": ["A", "B"], "size_cny": [1e6, 2e6], "probability": [0.5, 0.2]})},
        p + "priority.wish_file": {"probability": {d["prospects"][0]: 0.3}},
        p + "priority.account_opportunities": {"probability_by_stage": None},
        p + "priority.describe_rank": {"ranked": ranking, "account_id": "A2"},
        p + "views.priority.plot_opportunities": {"ranked": ranking, "highlight": "A2"},
        p + "prospecting.sleeping_giants": {"min_capacity_cny": 1e6, "max_share": 0.5},
        p + "prospecting.file_leads": {"source": "competitors"},
        p + "segmentation.assess_segment": {"size_cny": 5e6, "min_size_cny": 1e6,
                                            "similarity": 0.8, "relevant": True,
                                            "reachable": False},
        p + "segmentation.assess_segments": {"frame": pd.DataFrame(
            {"size_cny": [5e6, 1e5], "similarity": [0.8, 0.4], "relevant": [True, False],
             "reachable": [True, True]}), "min_size_cny": 1e6},
        p + "settings.load": {"path": None},
        p + "settings.resolve_as_of": {"as_of": "2025-12-31", "field": "as_of"},
        p + "settings.CourseSettings.replace": {"changes": {"due_soon_days": 14}},
        p + "stages.relationship_stage": {"contacts": data()["one_contacts"],
                                          "transactions": data()["one_transactions"]},
        p + "stages.stage_from_evidence": {"contacts": data()["one_contacts"], "traded": True,
                                           "ordered_in_last_180_days": True,
                                           "revenue_halved": False},
        p + "stages.involvement": {"contacts": data()["one_contacts"]},
        p + "swot.SWOTItem": {"text": "Fast service", "weight": 4},
        p + "swot.SWOT": {"strengths": ["Fast service"], "threats": [{"text": "A", "weight": 2}]},
        p + "swot.SWOT.items": {"quadrant": "strengths"},
        p + "swot.SWOT.add": {"quadrant": "threats", "text": "Rival", "weight": 2},
        p + "swot.SWOT.remove": {"quadrant": "strengths", "index": 0},
        p + "swot.SWOT.edit": {"quadrant": "strengths", "index": 0, "text": "Faster"},
        p + "swot.SWOT.move": {"quadrant": "strengths", "index": 0, "to_index": 0,
                               "to_quadrant": "weaknesses"},
        p + "swot.SWOT.from_dict": {"data": {"strengths": [{"text": "A", "weight": 3}]}},
        p + "swot.tows": {"top": 2},
        p + "swot.opportunity_cell": {"attractiveness": "high", "probability": 0.3},
        p + "swot.threat_cell": {"seriousness": 0.8, "probability": "low"},
        p + "uncoupling.risk_audit": {"ratings": {"quality_problems": 3, "lack_of_trust": 1}},
        p + "uncoupling.revenue_trend": {"months": 12},
        p + "visits.visits_due": {"days": {"A": 20}},
        p + "visits.monthly_review": {"month": "2025-06"},
        p + "views.bcg.plot_bcg": {"table": bcg.bcg_table(d["units"])},
        p + "views.cycles.plot_cycle": {"current_key": None},
        p + "views.economics.plot_keep_vs_win": {"frame": _keep_vs_win()},
        p + "views.grid.plot_xy_grid": {"title": "XY"},
        p + "views.lifecycle.plot_life_cycles": {"frame": lifecycle.life_cycle_curves(40)},
        p + "views.matrices.plot_opportunity_matrix": {"items": items},
        p + "views.matrices.plot_threat_matrix": {"items": items},
        p + "views.matrices.plot_ansoff": {"chosen": "market_development"},
        p + "views.stages.plot_contact_map": {"contacts": data()["one_contacts"]},
        p + "views.stages.plot_stage_ladder": {"stage": 3},
        p + "views.style.label": {"en": "Class A", "zh": "A级"},
        p + "views.style.stacked": {"en": "Growth", "zh": "成长期"},
        p + "views.style.plot_label": {"key": "view.xy.x"},
        p + "views.style.new_axes": {"figsize": (4.0, 3.0)},
        p + "views.style.fit_fonts": {"ax": _axes()},
        p + "views.style.check_axes": {"ax": _axes()},
        p + "views.visits.plot_monthly_review": {"month": "2025-06"},
        p + "account_analysis.wallet_by_line": {"year": 2025},
        p + "account_analysis.cost_to_serve": {"year": 2025, "rates": None},
        p + "account_analysis.profitability": {"year": 2025},
        p + "account_analysis.describe_account": {"account_id": "AC002"},
        p + "buying_centre.map_buying_centre": {"account_id": "AC002", "contacts": d["contacts"]},
        p + "case.set_studied_account": {"account_id": "AC017"},
        p + "case.thread_facts": {"account_id": "AC060"},
        p + "selling.fab_example": {"line_id": "PL01"},
        p + "selling.judge_benefit": {"need": "faster line"},
        p + "selling.judge_objection_response": {
            "objection": "price", "acknowledge": "I understand the price matters.",
            "explore": "What else did you compare?", "answer": "Our primer saves a coat.",
            "confirm": "Does that answer it?"},
        p + "social_style.assess_style": {"ratings": dict.fromkeys(
            ("state_view", "ask_first", "decide_fast", "their_pace", "show_feelings",
             "business_only", "small_talk", "data_first"), 3)},
        p + "social_style.style": {"key": "analytical"},
        p + "social_style.flex_plan": {"own": "driver", "customer_styles": ["amiable"]},
        p + "social_style.styles_on_file": {"account_id": "AC002"},
        p + "sources.work": {"key": "ansoff_1957"},
        p + "zh_segment.segment": {"text": "提高涂装线的效率"},
        p + "merging.merge_values": {"base": {"items": ["a"]}, "mine": {"items": ["a", "b"]},
                                     "theirs": {"items": ["a", "c"]}, "collections": ["items"]},
        p + "tables.to_html": {"frame": d["accounts"].head(3), "money": ["capacity_cny"]},
        p + "tables.Table": {"html_text": "<table></table>"},
        p + "tables.show": {"frame": d["accounts"].head(3),
                            "options": {"money": ["capacity_cny"]}},
        p + "zh_segment.content_words": {"text": "提高涂装线的效率"},
    }


def _scratch_workbook() -> Any:
    import tempfile
    from pathlib import Path

    from kamlib.workbook import Workbook

    return Workbook(Path(tempfile.mkdtemp(prefix="kam-fuzz-")) / "learner.json")


def _axes() -> Any:
    import matplotlib.pyplot as plt

    return plt.figure().add_subplot()


def _keep_vs_win() -> pd.DataFrame:
    from kamlib.economics import keep_vs_win

    return keep_vs_win(rates=[0.7, 0.8, 0.85, 0.9])


def instances() -> dict[str, Callable[[], Any]]:
    """How to make the instance whose methods are fuzzed, per class."""
    from kamlib import environment, grid, mix, settings, swot

    return {
        "kamlib.swot.SWOT": lambda: swot.SWOT(strengths=["Fast service"], threats=["Rival"]),
        "kamlib.mix.MixPlan": lambda: mix.MixPlan(
            [{"p": "price", "lever": "discounts", "action": "5% for volume"}]),
        "kamlib.mix.MixAction": lambda: mix.MixAction("price", "discounts", "5% off"),
        "kamlib.budget.BudgetLine": lambda: __import__("kamlib.budget").budget.BudgetLine(
            "Trade fair", 1000.0),
        "kamlib.grid.ClassificationRules": grid.ClassificationRules,
        "kamlib.environment.ConsumerAnalysis": environment.ConsumerAnalysis,
        "kamlib.settings.CourseSettings": settings.current,
    }


# --- discovery ---------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Target:
    """One public callable: its dotted name, how to call it and its parameters."""

    name: str
    call: Callable[..., Any]
    parameters: tuple[inspect.Parameter, ...]


def _methods(owner: type) -> Iterator[tuple[str, Any]]:
    for name, member in vars(owner).items():
        if name.startswith("_"):
            continue
        if isinstance(member, (classmethod, staticmethod)) or inspect.isfunction(member):
            yield name, member


def targets() -> list[Target]:
    """Every public function, class and public method of :data:`MODULES`."""
    found = []
    made = instances()
    for module_name in MODULES:
        module = importlib.import_module(module_name)
        for name, obj in sorted(vars(module).items()):
            if name.startswith("_") or getattr(obj, "__module__", None) != module_name:
                continue
            qualname = f"{module_name}.{name}"
            if qualname in EXCLUDED:
                continue
            if inspect.isfunction(obj):
                found.append(Target(qualname, obj, _parameters(obj)))
            elif inspect.isclass(obj) and not issubclass(obj, BaseException):
                if not _is_record(obj):
                    found.append(Target(qualname, obj, _parameters(obj)))
                for method_name, member in _methods(obj):
                    if isinstance(member, (classmethod, staticmethod)):
                        bound = getattr(obj, method_name)
                    elif qualname in made:
                        bound = getattr(made[qualname](), method_name)
                    else:
                        continue  # a record type's helper: needs an instance we cannot make
                    found.append(Target(f"{qualname}.{method_name}", bound, _parameters(bound)))
    return found


def _is_record(owner: type) -> bool:
    """A dataclass that runs no code of ours when built (no ``__post_init__``)."""
    return dataclasses.is_dataclass(owner) and not hasattr(owner, "__post_init__")


def _parameters(function: Callable[..., Any]) -> tuple[inspect.Parameter, ...]:
    return tuple(inspect.signature(function).parameters.values())


_MISSING = object()


def valid_arguments(target: Target) -> dict[str, Any]:
    """Keyword arguments that make a valid call of ``target`` (raises if one is unknown)."""
    specific = overrides().get(target.name, {})
    names = by_name()
    arguments = {}
    for parameter in target.parameters:
        if parameter.name in specific:
            arguments[parameter.name] = specific[parameter.name]
        elif parameter.default is not inspect.Parameter.empty:
            continue
        elif parameter.kind is inspect.Parameter.VAR_KEYWORD:
            continue
        elif parameter.kind is inspect.Parameter.VAR_POSITIONAL:
            continue
        elif parameter.name in names:
            arguments[parameter.name] = names[parameter.name]
        else:
            raise LookupError(
                f"{target.name}: no example for parameter {parameter.name!r}; add one to "
                "BY_NAME (by_name) or to overrides() in tests/test_contract_fuzz.py"
            )
    return arguments


def call(target: Target, arguments: Mapping[str, Any]) -> Any:
    """Call ``target`` with ``arguments``; a ``**changes`` parameter takes its dict."""
    keywords = dict(arguments)
    for parameter in target.parameters:
        if parameter.kind is inspect.Parameter.VAR_KEYWORD and parameter.name in keywords:
            keywords.update(keywords.pop(parameter.name))
    return target.call(**keywords)


# --- hostile inputs ----------------------------------------------------------------------

_ZONE = dt.timezone(dt.timedelta(hours=8))

#: Values that no parameter of the course should take silently wrong or crash on.
HOSTILE: tuple[tuple[str, Any], ...] = (
    ("None", None),
    ("True", True),
    ("np.False_", np.bool_(False)),
    ("0", 0),
    ("-1", -1),
    ("-0.5", -0.5),
    ("7", 7),
    ("nan", float("nan")),
    ("inf", float("inf")),
    ("-inf", float("-inf")),
    ("10**400", 10**400),
    ("-10**400", -(10**400)),
    ("1e307", 1e307),
    ("2**63", 2**63),
    ("np.float32 nan", np.float32("nan")),
    ("np.int64 max", np.int64(np.iinfo(np.int64).max)),
    ("complex", complex(1, 2)),
    ("np.complex128", np.complex128(3)),
    ("Decimal NaN", Decimal("NaN")),
    ("Decimal 1.5", Decimal("1.5")),
    ("Fraction", Fraction(1, 3)),
    ("empty text", ""),
    ("blank text", "   "),
    ("text", "x"),
    ("long text", "long " * 20_000),
    ("NUL", "a\x00b"),
    ("day/month text", "03/04/2025"),
    ("now", "now"),
    ("today", "today"),
    ("yesterday", "yesterday"),
    ("bare year", "2025"),
    ("time of day", "15:30"),
    ("ISO with offset", "2025-12-31T10:00:00+08:00"),
    ("ISO date", "2025-12-31"),
    ("European number", "1.200.000"),
    ("full-width digits", "１２３"),
    ("tz Timestamp", pd.Timestamp("2025-12-31 10:00", tz="Asia/Shanghai")),
    ("Timestamp", pd.Timestamp("2025-12-31")),
    ("far Timestamp", pd.Timestamp("2262-04-01")),
    ("date", dt.date(2025, 12, 31)),
    ("year-1 date", dt.date(1, 1, 1)),
    ("tz datetime", dt.datetime(2025, 12, 31, 23, 30, tzinfo=_ZONE)),
    ("datetime64 NaT", np.datetime64("NaT")),
    ("NaT", pd.NaT),
    ("NA", pd.NA),
    ("Timedelta", pd.Timedelta(days=1)),
    ("timedelta64", np.timedelta64(1, "D")),
    ("Period", pd.Period("2025-12", "M")),
    ("Excel serial", 45_000),
    ("bytes", b"bytes"),
    ("empty list", []),
    ("list", [1, 2]),
    ("list of text", ["a", "b"]),
    ("nested list", [[1], [2]]),
    ("tuple", (1,)),
    ("empty dict", {}),
    ("dict", {"a": 1}),
    ("set", {1}),
    ("array", np.array([1.0, 2.0])),
    ("empty array", np.array([])),
    ("2-d array", np.ones((2, 2))),
    ("Series", pd.Series([1.0, 2.0])),
    ("empty DataFrame", pd.DataFrame()),
    ("object", object()),
    ("function", len),
)


def _spoil_value(column: pd.Series, value: Any) -> pd.Series:
    spoiled = column.astype(object).copy()
    spoiled.iloc[0] = value
    return spoiled


#: Values put into the first row of a column.
CELL_VALUES = (
    ("nan", float("nan")), ("None", None), ("NA", pd.NA), ("inf", float("inf")),
    ("-1", -1.0), ("1e307", 1e307), ("10**400", 10**400), ("True", True), ("text", "x"),
    ("blank", " "), ("complex", complex(1, 2)), ("Timedelta", pd.Timedelta(days=3)),
    ("tz Timestamp", pd.Timestamp("2025-06-01 08:00", tz="Asia/Shanghai")),
    ("now", "now"), ("day/month", "03/04/2025"), ("list", [1]), ("dict", {"a": 1}),
    ("Excel serial", 45_000), ("NaT", pd.NaT), ("bytes", b"x"),
)


def _column_transforms(column: pd.Series) -> list[tuple[str, pd.Series]]:
    """Whole-column changes: other dtypes holding the same (or spoiled) values."""
    changes = [
        ("as category", column.astype("category")),
        ("as object", column.astype(object)),
        ("nullable", column.convert_dtypes()),
        ("as text", column.astype(str)),
        ("all missing", pd.Series(np.nan, index=column.index)),
        ("all True", pd.Series(True, index=column.index)),
        ("huge", pd.Series(1e307, index=column.index)),
        ("complex", pd.Series(1 + 1j, index=column.index)),
        ("timedelta", pd.Series(pd.Timedelta(days=1), index=column.index)),
    ]
    if pd.api.types.is_datetime64_any_dtype(column.dtype):
        changes.append(("tz-aware", column.dt.tz_localize("Asia/Shanghai")))
        changes.append(("mixed offsets", pd.Series(
            [pd.Timestamp("2025-06-01", tz="Asia/Shanghai"), pd.Timestamp("2025-06-01", tz="UTC")]
            * len(column), dtype=object).iloc[: len(column)].set_axis(column.index)))
        changes.append(("excel serials", pd.Series(45_000.0, index=column.index)))
        changes.append(("day/month text", column.dt.strftime("%d/%m/%Y")))
    return changes


def table_spoilers(frame: pd.DataFrame, rng: random.Random | None) -> list[tuple[str, Any, Any]]:
    """(description, spoiled frame, column) for a table parameter; ``rng=None``: all of them."""
    columns = list(frame.columns)
    pick = (lambda: rng.choice(columns)) if rng else None
    out: list[tuple[str, Any, Any]] = [
        ("no rows", frame.head(0), None),
        ("one row", frame.head(1), None),
        ("MultiIndex columns", frame.set_axis(
            pd.MultiIndex.from_tuples([(str(c), "x") for c in columns]), axis=1), None),
        ("MultiIndex rows", frame.set_axis(
            pd.MultiIndex.from_arrays([range(len(frame)), range(len(frame))]), axis=0), None),
        ("repeated index", frame.set_axis([0] * len(frame), axis=0), None),
        ("text index", frame.set_axis([f"r{i}" for i in range(len(frame))], axis=0), None),
        ("records", frame.head(2).to_dict("records"), None),
        ("Series", frame.iloc[:, 0], None),
    ]
    for column in (columns if rng is None else [pick(), pick()]):
        out.append((f"drop {column!r}", frame.drop(columns=column), column))
        out.append((f"duplicate {column!r}", pd.concat([frame, frame[[column]]], axis=1), column))
    cells = CELL_VALUES if rng is None else rng.sample(CELL_VALUES, 6)
    for label, value in cells:
        for column in (columns if rng is None else [pick()]):
            spoiled = frame.copy()
            spoiled[column] = _spoil_value(frame[column], value)
            out.append((f"{column!r} row 0 = {label}", spoiled, column))
    for column in (columns if rng is None else [pick(), pick()]):
        for label, changed in _column_transforms(frame[column]):
            spoiled = frame.copy()
            spoiled[column] = changed
            out.append((f"{column!r} {label}", spoiled, column))
    if rng is not None:
        rng.shuffle(out)
        out = out[:TABLE_SAMPLE]
    return out


def series_spoilers(series: pd.Series, rng: random.Random | None) -> list[tuple[str, Any, Any]]:
    """(description, spoiled series, None) for a Series parameter."""
    out: list[tuple[str, Any, Any]] = [("empty", series.head(0), None),
                                       ("repeated index", series.set_axis([0] * len(series)), None),
                                       ("as list", series.tolist(), None),
                                       ("as frame", series.to_frame(), None)]
    for label, value in CELL_VALUES:
        out.append((f"row 0 = {label}", _spoil_value(series, value), None))
    for label, changed in _column_transforms(series):
        out.append((label, changed, None))
    if rng is not None:
        rng.shuffle(out)
        out = out[:TABLE_SAMPLE]
    return out


def mapping_spoilers(mapping: Mapping[Any, Any]) -> list[tuple[str, Any, Any]]:
    """A mapping with an unknown key, and each of its values spoiled in turn (the message
    may name the key instead of the parameter)."""
    out: list[tuple[str, Any, Any]] = [
        ("unknown key", {**mapping, "no such key": 1}, "no such key")
    ]
    for key in list(mapping)[:2]:
        for label, value in CELL_VALUES[:12]:
            out.append((f"[{key!r}] = {label}", {**mapping, key: value}, key))
    return out


def hostile_inputs(example: Any, rng: random.Random | None) -> list[tuple[str, Any, Any]]:
    """The inputs tried on a parameter whose valid example is ``example``."""
    if isinstance(example, pd.DataFrame):
        inputs = table_spoilers(example, rng)
    elif isinstance(example, pd.Series):
        inputs = series_spoilers(example, rng)
    elif isinstance(example, Mapping) and example:
        inputs = mapping_spoilers(example)
        inputs = inputs if rng is None else rng.sample(inputs, min(len(inputs), 6))
    else:
        inputs = []
    values = list(HOSTILE) if rng is None else rng.sample(HOSTILE, SAMPLE)
    return inputs + [(label, value, None) for label, value in values]


# --- the run -----------------------------------------------------------------------------


@dataclasses.dataclass
class Finding:
    """A broken promise: the callable, the parameter, the input and what happened."""

    target: str
    parameter: str
    input: str
    problem: str

    def __str__(self) -> str:
        return f"{self.target}({self.parameter}={self.input}): {self.problem}"


@dataclasses.dataclass
class Report:
    """Counts of a fuzz run and what it found."""

    targets: int = 0
    inputs: int = 0
    refused: int = 0
    findings: list[Finding] = dataclasses.field(default_factory=list)
    slow: list[str] = dataclasses.field(default_factory=list)


def _judge(error: BaseException | None, parameter: str, column: Any) -> str | None:
    """None if the outcome keeps the contract, else what is wrong with it.

    A :class:`kamlib.merging.MergeConflict` is an answer (two edits that cannot be merged),
    not a refusal of one input: it needs no parameter name.
    """
    from kamlib.merging import MergeConflict

    if error is None or isinstance(error, MergeConflict):
        return None
    if not isinstance(error, KamValueError):
        text = str(error).splitlines()[0][:160] if str(error) else ""
        return f"raw {type(error).__name__}: {text}"
    message = str(error)
    if len(message) >= MAX_MESSAGE:
        return f"message of {len(message)} characters"
    names = [parameter] + ([str(column)] if column is not None else [])
    if not any(name in message for name in names):
        return f"message does not name {' or '.join(map(repr, names))}: {message[:160]}"
    return None


def fuzz_target(target: Target, report: Report, full: bool) -> None:
    """Try the hostile inputs on every parameter of ``target``; record what breaks."""
    valid = valid_arguments(target)
    call(target, valid)  # the examples themselves must be valid
    report.targets += 1
    for parameter in target.parameters:
        if parameter.kind is inspect.Parameter.VAR_POSITIONAL:
            continue
        example = valid.get(parameter.name, parameter.default)
        seed = SEED ^ zlib.crc32(f"{target.name}.{parameter.name}".encode())
        rng = None if full else random.Random(seed)
        if parameter.kind is inspect.Parameter.VAR_KEYWORD:
            example = valid.get(parameter.name, {})
            inputs = [(f"**{label}", value, key) for label, value, key in mapping_spoilers(example)]
        else:
            inputs = hostile_inputs(example, rng)
        for label, value, column in inputs:
            arguments = {**valid, parameter.name: value}
            report.inputs += 1
            start = time.perf_counter()
            error: BaseException | None = None
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                try:
                    call(target, arguments)
                except Exception as caught:  # noqa: BLE001 (judged below)
                    error = caught
            elapsed = time.perf_counter() - start
            if elapsed > 2.0:
                report.slow.append(f"{target.name}({parameter.name}={label}): {elapsed:.1f} s")
            if isinstance(error, KamValueError):
                report.refused += 1
            problem = _judge(error, parameter.name, column)
            if problem:
                report.findings.append(Finding(target.name, parameter.name, label, problem))
            _tidy()


def _tidy() -> None:
    """Close figures the views opened and put the language back."""
    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")
    from kamlib import i18n

    i18n.set_language("en")


def run(full: bool = False, only: tuple[str, ...] = ()) -> Report:
    """Fuzz every target (or those whose name holds one of ``only``); ``full`` tries every
    hostile input instead of a fixed sample."""
    import matplotlib

    matplotlib.use("Agg")
    report = Report()
    for target in targets():
        if not only or any(part in target.name for part in only):
            fuzz_target(target, report, full)
    return report


def test_every_public_callable_keeps_the_input_contract() -> None:
    report = run()
    assert report.targets >= 100, f"only {report.targets} public callables found"
    shown = "\n".join(map(str, report.findings[:60]))
    assert not report.findings, (
        f"{len(report.findings)} of {report.inputs} hostile inputs broke the contract "
        f"across {report.targets} callables:\n{shown}"
    )


if __name__ == "__main__":
    import tempfile
    from pathlib import Path

    scratch = Path(tempfile.mkdtemp(prefix="kam-fuzz-"))
    os.environ["KAMLIB_WORKBOOK"] = str(scratch / "workbook.json")  # never the learner's
    os.environ["KAMLIB_SETTINGS"] = str(Path(__file__).parents[1] / "kamlib/course_settings.toml")
    os.environ["MPLCONFIGDIR"] = str(scratch / "mpl")
    full_run = "--full" in sys.argv
    began = time.perf_counter()
    result = run(full=full_run, only=tuple(a for a in sys.argv[1:] if not a.startswith("--")))
    by_kind: dict[str, int] = {}
    for finding in result.findings:
        kind = finding.problem.split(":")[0]
        by_kind[kind] = by_kind.get(kind, 0) + 1
    for finding in result.findings:
        print(finding)
    print(f"\ncallables: {result.targets}; inputs tried: {result.inputs}; "
          f"refused with KamValueError: {result.refused}; broken: {len(result.findings)}; "
          f"{time.perf_counter() - began:.1f} s")
    for kind, count in sorted(by_kind.items(), key=lambda item: -item[1]):
        print(f"  {count:6d}  {kind}")
    for line in result.slow:
        print("slow:", line)
    sys.exit(1 if result.findings else 0)
