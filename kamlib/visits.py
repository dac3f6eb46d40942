"""Key account visit plan (大客户拜访计划) and its monthly evaluation [L3.5].

Each account class is visited at its own rhythm (the course settings' ``visit_days``,
:mod:`kamlib.settings`: by default an A account every 30 days, …). ``visits_due`` tells, for every
account, when it was last visited, what is planned, and whether a visit is overdue.
``monthly_review`` is the monthly evaluation of the results of the actions
(每月进行评价行动的成果), per key account manager.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from kamlib import settings
from kamlib.i18n import N_, _
from kamlib.validation import (
    check_choice,
    check_choice_series,
    check_date,
    check_date_series,
    check_flag_series,
    check_frame,
    check_key_series,
    check_number,
    check_text_series,
    fail,
)

VISIT_STATUSES = ("planned", "done", "cancelled")

DUE_STATUSES = (N_("overdue"), N_("never visited"), N_("due this month"), N_("planned"), N_("ok"))
"""Statuses of ``visits_due``, most urgent first."""

TOTAL_LABEL = "Total (合计)"


def _as_month(value: Any) -> pd.Period:
    """A calendar month given as "2025-12" or a monthly pd.Period."""
    if isinstance(value, pd.Period) and value.freqstr == "M":
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", value.strip()):
        return pd.Period(value.strip(), freq="M")
    raise fail("month", value, _("a month as 'YYYY-MM' (e.g. '2025-12') or pd.Period(..., 'M')"))


def _visit_days(days: Mapping[str, Any] | None) -> dict[str, int]:
    """The course settings' visit days overridden by ``days``; each a whole number of days
    from 1 to 3650."""
    merged = dict(settings.current().visit_days)
    if days is None:
        return merged
    if not isinstance(days, Mapping):
        raise fail("days", days, _("a dict like {'A': 30, 'B': 60}"))
    for account_class, value in days.items():
        account_class = check_choice("days key", account_class, merged)
        merged[account_class] = check_number(
            f"days[{account_class!r}]", value, minimum=1, maximum=3650, integer=True
        )
    return merged


def _checked_visits(visits: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """The visit log with dates parsed and statuses checked; a bad value names its visit.

    ``columns`` (e.g. ``account_id``, ``kam``) must hold a value on every row.
    """
    check_frame("visits", visits, ["visit_id", "date", "status", *columns])
    ids = check_key_series("visit_id", visits["visit_id"], kind=_("a visit id"))
    checked = {
        "status": check_choice_series("status", visits["status"], VISIT_STATUSES, labels=ids),
        "date": check_date_series("date", visits["date"], labels=ids),
    }
    for column in columns:
        check = check_key_series if column == "account_id" else check_text_series
        checked[column] = check(column, visits[column], labels=ids)
    return visits.assign(**checked)


def checked_visit_log(visits: pd.DataFrame) -> pd.DataFrame:
    """The whole visit log checked, as a planner keeps it, with its dates typed.

    Every visit needs a ``visit_id``, an ``account_id``, a ``kam`` (text), a ``date`` (the
    rule of :func:`kamlib.validation.check_date`) and a ``status`` (one of
    :data:`VISIT_STATUSES`); a visit done needs ``objective_met`` True or False.

    Parameters
    ----------
    visits : pandas.DataFrame
        The visit log, e.g. ``kamlib.datasets.load("visits")``.

    Returns
    -------
    pandas.DataFrame
        A copy with ``date`` as datetimes (timezones dropped, wall time kept) and
        ``status``, ``kam`` as text.

    Raises
    ------
    KamValueError
        Naming the first bad value by its visit id.

    Examples
    --------
    >>> from kamlib import datasets
    >>> checked_visit_log(datasets.load("visits"))["date"].dtype.kind
    'M'
    """
    check_frame("visits", visits, ["objective_met"])
    log = _checked_visits(visits, ["account_id", "kam"])
    done = (log["status"] == "done").to_numpy()
    check_flag_series("objective_met (of a visit done)", log["objective_met"][done],
                      labels=log["visit_id"][done])
    return log


def visits_due(
    accounts: pd.DataFrame,
    visits: pd.DataFrame,
    *,
    as_of: Any,
    days: Mapping[str, Any] | None = None,
) -> pd.DataFrame:
    """Per account: last visit done, next visit planned, due date and status, most urgent first.

    ``accounts`` needs ``account_id`` and ``account_class`` (A/B/C/VIP); ``name`` and
    ``kam`` are kept if present. Due date = last done visit + the class's days. Status:
    "never visited" (no visit done or planned), "planned" (a visit is planned on or before
    the due date), "overdue" (due date passed), "due this month" (due within
    the course settings' ``due_soon_days``), else "ok". Visits of accounts not in
    ``accounts`` are ignored.

    Parameters
    ----------
    accounts : pandas.DataFrame
        One row per account: account_id and account_class (A/B/C/VIP), e.g.
        ``kamlib.case.classified_accounts()``; name and kam are kept if present.
    visits : pandas.DataFrame
        The visit log, e.g. ``kamlib.datasets.load("visits")``.
    as_of : date-like
        The day of the plan ("2025-12-31", a Timestamp or a date).
    days : mapping, optional
        Days between visits per class, e.g. ``{"A": 30}`` (default: the course settings';
        classes left out keep theirs).

    Returns
    -------
    pandas.DataFrame
        One row per account: the kept columns, last_done, next_planned, visit_every_days,
        due_date, days_overdue and status (ordered categorical, most urgent first).

    Raises
    ------
    KamValueError
        If a table lacks a column or holds a bad value (named by its id), ``as_of`` is not a
        date, or a number of days is not a whole number from 1 to 3650.

    Examples
    --------
    >>> from kamlib import case, datasets
    >>> due = visits_due(case.classified_accounts(), datasets.load("visits"),
    ...                  as_of="2025-12-31")
    >>> due["status"].value_counts().to_dict()
    {'planned': 108, 'ok': 61, 'overdue': 22, 'due this month': 9, 'never visited': 0}
    """
    check_frame("accounts", accounts, ["account_id", "account_class"])
    ids = check_key_series("accounts['account_id']", accounts["account_id"], unique=True)
    today = check_date("as_of", as_of).normalize()
    every = _visit_days(days)
    classes = check_choice_series(
        "account_class", accounts["account_class"], list(every), labels=ids
    )
    log = _checked_visits(visits, ["account_id"])
    done = log[(log["status"] == "done") & (log["date"] <= today)]
    planned = log[(log["status"] == "planned") & (log["date"] >= today)]
    kept = [c for c in ("account_id", "name", "kam", "account_class") if c in accounts.columns]
    table = (
        accounts[kept]
        .reset_index(drop=True)
        .merge(
            done.groupby("account_id")["date"].max().rename("last_done"),
            left_on="account_id",
            right_index=True,
            how="left",
        )
        .merge(
            planned.groupby("account_id")["date"].min().rename("next_planned"),
            left_on="account_id",
            right_index=True,
            how="left",
        )
    )
    table["visit_every_days"] = classes.map(every).to_numpy().astype("int64")
    table["due_date"] = table["last_done"] + pd.to_timedelta(table["visit_every_days"], unit="D")
    late_by = (today - table["due_date"]).dt.days
    table["days_overdue"] = late_by.clip(lower=0).astype("Int64")
    covered = table["next_planned"].notna() & ~(table["next_planned"] > table["due_date"])
    status = np.select(
        [
            table["last_done"].isna() & table["next_planned"].isna(),
            covered,
            late_by > 0,
            late_by >= -settings.current().due_soon_days,
        ],
        ["never visited", "planned", "overdue", "due this month"],
        "ok",
    )
    table["status"] = pd.Categorical(status, categories=DUE_STATUSES, ordered=True)
    return table.sort_values(
        ["status", "days_overdue", "due_date", "account_id"],
        ascending=[True, False, True, True],
        na_position="last",
        kind="stable",
    ).reset_index(drop=True)


def monthly_review(visits: pd.DataFrame, *, month: Any) -> pd.DataFrame:
    """The month's visits per key account manager, with a total row.

    Columns: ``planned`` (visits scheduled in the month, whatever became of them),
    ``done``, ``cancelled``, ``still_planned``, ``objectives_met`` (done visits whose
    objective was met), ``completion_rate`` = done / planned and ``objective_hit_rate``
    = objectives met / done (NaN when there is nothing to divide by).

    Parameters
    ----------
    visits : pandas.DataFrame
        The visit log, e.g. ``kamlib.datasets.load("visits")``.
    month : str or pandas.Period
        The month to review, e.g. "2025-12".

    Returns
    -------
    pandas.DataFrame
        One row per key account manager (column ``kam``) and a total row last.

    Raises
    ------
    KamValueError
        If ``month`` is not a month, or the log lacks a column or holds a bad value (named by
        its visit id; of the month's visits done, ``objective_met`` must be True or False).

    Examples
    --------
    >>> from kamlib import datasets
    >>> review = monthly_review(datasets.load("visits"), month="2025-12")
    >>> review[["kam", "planned", "done", "objectives_met"]].tail(1)
                kam  planned  done  objectives_met
    8  Total (合计)      124   112              82
    """
    period = _as_month(month)
    check_frame("visits", visits, ["objective_met"])
    log = _checked_visits(visits, ["kam"])
    in_month = log[(log["date"] >= period.start_time) & (log["date"] <= period.end_time)]
    status = in_month["status"]
    done = (status == "done").to_numpy()
    met = np.zeros(len(in_month), dtype=bool)
    met[done] = check_flag_series(
        "objective_met (of a visit done)",
        in_month["objective_met"][done],
        labels=in_month["visit_id"][done],
    )  # the month's visits only: a review of December needs no answer about May
    flags = pd.DataFrame(
        {
            "kam": in_month["kam"].astype(str),
            "planned": 1,
            "done": done.astype(int),
            "cancelled": (status == "cancelled").astype(int),
            "still_planned": (status == "planned").astype(int),
            "objectives_met": met.astype(int),
        }
    )
    per_kam = flags.groupby("kam", sort=True).sum().reset_index()
    total = flags.drop(columns="kam").sum().to_frame().T.assign(kam=TOTAL_LABEL)
    review = pd.concat([per_kam, total[per_kam.columns]], ignore_index=True)
    counts = ["planned", "done", "cancelled", "still_planned", "objectives_met"]
    review[counts] = review[counts].astype("int64")
    review["completion_rate"] = review["done"] / review["planned"].where(review["planned"] > 0)
    review["objective_hit_rate"] = review["objectives_met"] / review["done"].where(
        review["done"] > 0
    )
    return review
