"""The capstone's account, and its account plan gathered from the learner's workbook.

The capstone plans the account the learner studies (:func:`kamlib.case.studied_account`,
chosen once with the ``AccountChooser`` widget): one of the case company's, or one of the
learner's own CRM export. :func:`capstone_account` reads it with the book it belongs to.

Every part of the capstone is answered in a widget that saves to the workbook (see
:mod:`kamlib.exercises.tasks_capstone`); :func:`plan_from_workbook` turns those sections
into one :class:`kamlib.account_plan.AccountPlan` for the manager. A part not done yet
stays empty in the plan and is named in the gaps.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from kamlib import ansoff, case, datasets, grid, mix, settings, uncoupling
from kamlib.account_plan import AccountPlan
from kamlib.exercises.tasks_capstone import SECTIONS
from kamlib.formatting import company_name, money
from kamlib.i18n import N_, _
from kamlib.stages import StageDiagnosis
from kamlib.validation import KamValueError, check_text, fail
from kamlib.workbook import Workbook

PROFILE_FIELDS = ("account_id", "name", "industry", "region", "kam")
#: The columns of a capstone book, whatever its source.
BOOK_COLUMNS = ("account_id", "name", "industry", "region", "kam", "vip", "current_cny",
                "capacity_cny", "x", "y")


@dataclass(frozen=True)
class CapstoneAccount:
    """The account planned in the capstone and the book of accounts it belongs to.

    ``studied``: the learner's choice (:class:`kamlib.case.StudiedAccount`). ``book``: every
    account of that source with :data:`BOOK_COLUMNS` (``current_cny``: this year's purchases
    from us; ``x`` and ``y``: the scores under the course's cut points).
    """

    studied: case.StudiedAccount
    book: pd.DataFrame

    @property
    def account_id(self) -> str:
        """The planned account's id."""
        return self.studied.account_id

    @property
    def account(self) -> pd.Series:
        """The planned account's row of the book."""
        return self.book.set_index("account_id").loc[self.account_id]

    @property
    def case_account(self) -> str | None:
        """The account id if it is the case company's (its contacts, orders and people are in
        the case data), else None (the learner's own account)."""
        return self.account_id if self.studied.source == "case" else None

    @property
    def name(self) -> str:
        """The planned account's name as shown: a case account's Chinese name in Chinese, an
        own account's name as its export gives it."""
        if self.case_account is not None:
            return company_name(datasets.load("accounts").set_index("account_id").loc[
                self.account_id])
        return str(self.account["name"])

    @property
    def profile(self) -> dict[str, str]:
        """account_id, name, industry, region and kam, as the plan's header takes them (the
        name, industry and region in the language shown)."""
        row = datasets.shown_texts(self.account, "accounts")
        fields = {key: "" if pd.isna(row.get(key)) else str(row.get(key))
                  for key in PROFILE_FIELDS[1:]}
        fields["industry"] = _(fields["industry"]) if fields["industry"] else ""
        return {"account_id": self.account_id, **fields, "name": self.name}

    @property
    def swot_title(self) -> str:
        """The title of the capstone's SWOT board: "SWOT of <name> (<id>)"."""
        return _("SWOT of {name} ({account})").format(name=self.name, account=self.account_id)

    def describe(self) -> str:
        """One sentence: which account is planned, its purchases from us and its capacity."""
        row = self.account
        text = _("You plan {name} ({account}): current purchasing {current}, purchasing "
                 "capacity {capacity}.").format(
            name=self.name, account=self.account_id, current=money(row["current_cny"]),
            capacity=money(row["capacity_cny"]))
        if self.case_account is None:
            text += " " + _("From your own export {file}.").format(file=self.studied.accounts_file)
        return text


def score_cut_points() -> str:
    """The course's score cut points (CNY) the XY grid scores purchases against, in one line.

    Returns
    -------
    str

    Examples
    --------
    >>> score_cut_points()
    'Score cut points (CNY): 1, 500,000, 3,000,000, 10,000,000'
    """
    cuts = _(", ").join(f"{cut:,.0f}" for cut in settings.current().score_cuts_cny)
    return _("Score cut points (CNY): {cuts}").format(cuts=cuts)


def _case_book() -> pd.DataFrame:
    scored = case.scored_accounts().rename(columns={"revenue_cny": "current_cny"})
    places = datasets.load("accounts")[["account_id", "industry", "region"]]
    return scored.merge(places, on="account_id")


def _export_book(studied: case.StudiedAccount) -> pd.DataFrame:
    read = datasets.read_crm_export(studied.accounts_file, transactions=studied.transactions_file)
    accounts, orders = read if isinstance(read, tuple) else (read, None)
    accounts = accounts.copy()
    if "current_cny" not in accounts or accounts["current_cny"].isna().all():
        if orders is None or orders.empty:
            raise fail("current purchasing", studied.accounts_file,
                       _("an accounts file with this year's purchases from you (header "
                         "本年销售额 or current_cny), or an orders file beside it"))
        latest = orders["date"].dt.year.max()
        bought = orders[orders["date"].dt.year == latest].groupby(
            orders["account_id"].astype(str))["revenue_cny"].sum()
        accounts["current_cny"] = accounts["account_id"].map(bought).fillna(0.0)
    cuts = settings.current().score_cuts_cny
    accounts["current_cny"] = accounts["current_cny"].fillna(0.0)
    accounts["x"] = grid.score(accounts["current_cny"], cuts=cuts)
    accounts["y"] = grid.score(accounts["capacity_cny"], cuts=cuts)
    return accounts


def capstone_account(account_id: str | None = None, *,
                     workbook: Workbook | None = None) -> CapstoneAccount:
    """The account the capstone plans: ``account_id`` (a case account), else the studied one.

    Parameters
    ----------
    account_id : str, optional
        A case account to plan instead of the learner's choice (a trainer's demonstration,
        the tests' second run). Default: :func:`kamlib.case.studied_account`.
    workbook : Workbook, optional
        Where the learner's choice is saved (default: their workbook).

    Returns
    -------
    CapstoneAccount

    Raises
    ------
    KamValueError
        If ``account_id`` is not a case account, or the learner's export has no current
        purchasing (neither a column nor an orders file) or other problems
        (:class:`kamlib.datasets.CRMExportError` lists them).

    Examples
    --------
    >>> capstone_account("AC002").profile["name"]
    'Xiangyang Jiexin Appliances Co., Ltd.'
    """
    if account_id is None:
        studied = case.studied_account(workbook)
    else:
        studied = case.StudiedAccount(case.check_case_account(account_id))
    book = _case_book() if studied.source == "case" else _export_book(studied)
    if studied.account_id not in set(book["account_id"].astype(str)):
        raise fail("account_id", studied.account_id, _("an account of its own book"))
    columns = [column for column in BOOK_COLUMNS if column in book]
    book = book[columns].reindex(columns=list(BOOK_COLUMNS))
    book["vip"] = book["vip"].fillna(False).astype(bool)
    return CapstoneAccount(studied, book.reset_index(drop=True))


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


__all__ = ["BOOK_COLUMNS", "PROFILE_FIELDS", "CapstoneAccount", "capstone_account",
           "plan_from_workbook"]
