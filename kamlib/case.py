"""The case company's accounts as every lesson sees them: this year's revenue, X/Y, class.

X scores the account's revenue with Huaxin in the course's year (the last full year up to the
course's today, :attr:`kamlib.settings.CourseSettings.case_year`), Y scores its purchasing capacity,
both with the instructor's cut points (``score_cuts_cny`` of :mod:`kamlib.settings`). Widgets,
exercises and their checks all start from here, so the grid, the visit plan and the answers agree on
every account's class.
"""

from __future__ import annotations

import os
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from kamlib import datasets, grid, pareto, settings
from kamlib.i18n import _
from kamlib.validation import KamValueError, check_text, fail
from kamlib.workbook import Workbook, default_workbook


def scored_accounts() -> pd.DataFrame:
    """Accounts with ``revenue_cny`` in the course's year and their ``x`` and ``y`` scores (0–4).

    Columns: account_id, name, name_zh, kam, vip, capacity_cny, revenue_cny, x, y.
    """
    course = settings.current()
    year = course.case_year
    accounts = datasets.load("accounts")
    revenue = pareto.revenue_by_account(
        datasets.load("transactions"), start=f"{year}-01-01", end=f"{year}-12-31"
    )
    frame = accounts[["account_id", "name", "name_zh", "kam", "vip", "capacity_cny"]].copy()
    frame["revenue_cny"] = revenue.reindex(frame["account_id"]).fillna(0.0).to_numpy()
    frame["x"] = grid.score(frame["revenue_cny"], cuts=course.score_cuts_cny)
    frame["y"] = grid.score(frame["capacity_cny"], cuts=course.score_cuts_cny)
    return frame


def classified_accounts(rules: grid.ClassificationRules | None = None) -> pd.DataFrame:
    """:func:`scored_accounts` plus ``grid_class`` and ``account_class`` under ``rules``
    (default: the course settings' rules)."""
    return grid.classify_accounts(scored_accounts(), rules=rules)


def revenue_trends() -> pd.DataFrame:
    """Each account's revenue trend as of the course's today, indexed by ``account_id``:
    :func:`kamlib.uncoupling.revenue_trend` on the case's orders (recent, previous,
    change_pct, last_order, days_since_last_order, signal). Lessons, exercises and their
    checks all read the trend from here, so they agree on every account's signal.

    Returns
    -------
    pandas.DataFrame

    Examples
    --------
    >>> revenue_trends().loc["AC005", "signal"]  # exercise 1's audited account
    'declining'
    """
    from kamlib import uncoupling

    return uncoupling.revenue_trend(datasets.load("transactions")).set_index("account_id")


# ------------------------------------------------------------------- the studied account

#: The case account that carries through the three lectures: Changsha Shengrui Furniture
#: (长沙盛瑞家具有限公司, AC060). Chosen because one account shows every lesson
#: (:func:`thread_facts` computes why from the data): a class-A partnership whose revenue fell
#: this year, after a new purchasing director arrived, while it dual-sources with a rival and
#: its invoices and an adhesion complaint needed visits (uncoupling risk); a thin share of a
#: large wallet (Ansoff penetration and a line its peers buy and it does not); and its
#: largest line a BCG dog that the key account still needs.
THREAD_ACCOUNT = "AC060"
#: The workbook section that holds the learner's choice.
STUDIED_SECTION = "studied_account"
SOURCES = ("case", "crm")


@dataclass(frozen=True)
class StudiedAccount:
    """The account a learner studies: a case account, or one of their own CRM export.

    ``source``: "case" (the case company's data) or "crm" (the learner's export read with
    :func:`kamlib.datasets.read_crm_export`: ``accounts_file`` and, if given,
    ``transactions_file``).
    """

    account_id: str
    source: str = "case"
    accounts_file: str | None = None
    transactions_file: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Plain data, as the workbook keeps it."""
        return {"account_id": self.account_id, "source": self.source,
                "accounts_file": self.accounts_file, "transactions_file": self.transactions_file}


def _workbook(workbook: Workbook | None) -> Workbook:
    if workbook is not None and not isinstance(workbook, Workbook):
        raise fail("workbook", workbook, _("a kamlib.workbook.Workbook or None"))
    return default_workbook() if workbook is None else workbook


def _export_file(field: str, path: Any) -> str:
    """``path`` as text if it names an existing file (a CRM export), else a named error."""
    if not isinstance(path, (str, os.PathLike)) or not str(path).strip():
        raise fail(field, path, _("the path of your CRM export (.csv or .xlsx)"))
    try:
        found = Path(path).expanduser().is_file()
    except (OSError, ValueError):  # a name too long, a NUL byte
        found = False
    if not found:
        raise fail(field, str(path), _("an existing CRM export (.csv or .xlsx): file not found"))
    return str(path)


def check_case_account(account_id: Any) -> str:
    """``account_id`` if it names an account of the case data.

    Parameters
    ----------
    account_id : str
        An account id, e.g. ``"AC060"``.

    Returns
    -------
    str
        The id.

    Raises
    ------
    KamValueError
        If it is not text or names no account of the case data.

    Examples
    --------
    >>> check_case_account("AC060")
    'AC060'
    """
    account_id = check_text("account_id", account_id)
    known = datasets.load("accounts")["account_id"]
    if account_id not in set(known):
        raise fail("account_id", account_id,
                   _("an account id of the case data, {first!r} to {last!r}").format(
                       first=known.min(), last=known.max()))
    return account_id


def _checked_choice(account_id: Any, accounts_file: Any = None,
                    transactions_file: Any = None) -> StudiedAccount:
    """Validate a choice against its data: a case account, or an account of the export."""
    if accounts_file is None:
        return StudiedAccount(check_case_account(account_id))
    account_id = check_text("account_id", account_id)
    accounts_file = _export_file("accounts_file", accounts_file)
    if transactions_file is not None:
        transactions_file = _export_file("transactions_file", transactions_file)
    read = datasets.read_crm_export(accounts_file, transactions=transactions_file)
    accounts = read[0] if isinstance(read, tuple) else read
    if account_id not in set(accounts["account_id"].astype(str)):
        raise fail("account_id", account_id,
            _("an account of your export {accounts_file}").format(accounts_file=accounts_file))
    return StudiedAccount(account_id, "crm", accounts_file, transactions_file)


def set_studied_account(
    account_id: str,
    accounts_file: str | None = None,
    transactions_file: str | None = None,
    workbook: Workbook | None = None,
) -> StudiedAccount:
    """Choose the account every lecture, exercise and widget studies, and save the choice.

    Parameters
    ----------
    account_id : str
        A case account ("AC060"), or an account of your own export.
    accounts_file, transactions_file : str, optional
        Your CRM export (read, never changed, by :func:`kamlib.datasets.read_crm_export`);
        without them the account is one of the case company's.
    workbook : Workbook, optional
        Where the choice is saved (default: the learner's workbook).

    Returns
    -------
    StudiedAccount

    Raises
    ------
    KamValueError
        If the account is not in the case data or in the export, or the export has problems
        (:class:`kamlib.datasets.CRMExportError` lists them).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from kamlib.workbook import Workbook
    >>> book = Workbook(pathlib.Path(tempfile.mkdtemp()) / "learner.json")
    >>> set_studied_account("AC017", workbook=book).account_id
    'AC017'
    >>> studied_account(book).account_id
    'AC017'
    """
    choice = _checked_choice(account_id, accounts_file, transactions_file)
    _workbook(workbook).set(STUDIED_SECTION, choice.to_dict())
    return choice


def studied_account(workbook: Workbook | None = None) -> StudiedAccount:
    """The account the learner studies: their saved choice, else :data:`THREAD_ACCOUNT`.

    A saved choice that no longer fits its data (an export moved or changed) is set aside
    with a warning, and the thread account is used.

    Parameters
    ----------
    workbook : Workbook, optional
        Default: the learner's workbook.

    Returns
    -------
    StudiedAccount

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from kamlib.workbook import Workbook
    >>> studied_account(Workbook(pathlib.Path(tempfile.mkdtemp()) / "new.json"))
    StudiedAccount(account_id='AC060', source='case', accounts_file=None, transactions_file=None)
    """
    saved = _workbook(workbook).get(STUDIED_SECTION)
    if not isinstance(saved, dict):
        return StudiedAccount(THREAD_ACCOUNT)
    try:
        return _checked_choice(saved.get("account_id"), saved.get("accounts_file"),
                               saved.get("transactions_file"))
    except (KamValueError, OSError) as error:
        warnings.warn(
            _("Your saved account ({saved}) cannot be used: {error}. Studying {thread} "
              "instead; choose again in the start-here notebook.").format(
                saved=saved.get("account_id"), error=error, thread=THREAD_ACCOUNT),
            stacklevel=2,
        )
        return StudiedAccount(THREAD_ACCOUNT)


def thread_facts(account_id: str = THREAD_ACCOUNT) -> dict[str, Any]:
    """The facts that make an account a good thread through the course, from the case data.

    Parameters
    ----------
    account_id : str
        Default: :data:`THREAD_ACCOUNT`.

    Returns
    -------
    dict
        ``account_class``; ``stage`` (1–6) and ``stage_name``; ``trend_pct`` (revenue of the
        last 12 months against the 12 before) and ``signal``; ``share_of_wallet``;
        ``lines`` (product lines bought this year) and ``quadrants`` (their BCG quadrants);
        ``largest_line`` and ``largest_line_quadrant``; ``cross_sell`` (lines its peers buy
        and it does not); ``people`` on file; ``visits_done``, ``visits_planned`` and
        ``visits_missed`` (objective not met) this year; ``visit_topics`` (the objectives of
        its visits).

    Raises
    ------
    KamValueError
        If the account is not in the case data or did not buy this year.

    Examples
    --------
    >>> thread_facts()["account_class"]
    'A'
    """
    from kamlib import ansoff, bcg, stages

    account_id = _checked_choice(account_id).account_id
    course = settings.current()
    year = course.case_year
    accounts = datasets.load("accounts")
    orders = datasets.load("transactions")
    book = classified_accounts().set_index("account_id")
    own = orders[(orders["account_id"] == account_id) & (orders["date"].dt.year == year)]
    if own.empty:
        raise fail("account_id", account_id,
            _("an account that bought in {year}").format(year=year))
    bought = own.groupby("line_id")["revenue_cny"].sum().sort_values(ascending=False)
    lines = bcg.bcg_table(datasets.load("product_lines")).set_index("line_id")
    contacts = datasets.load("contacts")
    diagnosis = stages.relationship_stage(contacts[contacts["account_id"] == account_id],
                                          orders[orders["account_id"] == account_id],
                                          as_of=course.today)
    trend = revenue_trends().loc[account_id]
    visits = datasets.load("visits")
    mine = visits[(visits["account_id"] == account_id) & (visits["date"].dt.year == year)]
    done = mine[mine["status"] == "done"]
    people = datasets.load("people")
    return {
        "account_class": str(book.loc[account_id, "account_class"]),
        "stage": diagnosis.stage,
        "stage_name": diagnosis.name,
        "trend_pct": float(trend["change_pct"]),
        "signal": str(trend["signal"]),
        "share_of_wallet": float(bought.sum() / book.loc[account_id, "capacity_cny"]),
        "lines": tuple(bought.index),
        "quadrants": tuple(sorted(set(lines.loc[bought.index, "quadrant"]))),
        "largest_line": str(bought.index[0]),
        "largest_line_quadrant": str(lines.loc[bought.index[0], "quadrant"]),
        "cross_sell": tuple(ansoff.cross_sell_candidates(accounts, orders, account_id=account_id,
                                                         year=year)["line_id"]),
        "people": int((people["account_id"] == account_id).sum()),
        "visits_done": len(done),
        "visits_planned": int(((visits["account_id"] == account_id)
                               & (visits["status"] == "planned")).sum()),
        "visits_missed": int(done["objective_met"].eq(False).fillna(False).sum()),
        "visit_topics": tuple(dict.fromkeys(mine["objective"].astype(str))),
    }
