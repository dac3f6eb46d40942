"""The 80/20 principle (80/20原理) [L1.2a]: how concentrated is revenue across accounts?

The handout says about 80% of profit comes from about 20% of customers. These functions
measure it on data: the share of revenue held by the top ``top`` fraction of accounts,
how many accounts it takes to reach ``target`` of revenue, and the concentration
(Lorenz-style) curve for a plot. Everything is numpy sort/cumsum; per-account totals come
from one ``np.bincount`` over integer account codes, so ten million rows take well under a
second. Two summaries of the same books go with them: :func:`yearly_revenue`, the growth
from year to year (L1.2b), and :func:`revenue_by_group`, each industry's share.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from kamlib.i18n import N_, _
from kamlib.validation import (
    check_date,
    check_date_series,
    check_frame,
    check_key_series,
    check_number,
    check_numeric_series,
    fail,
)

# Integer account ids up to this many times the row count are summed by direct bincount.
_DENSE_IDS_PER_ROW = 4
_TOLERANCE = 1e-12
_ACCOUNT_ID = N_("an account id")


@dataclass(frozen=True)
class Concentration:
    """How revenue is spread over accounts.

    ``top_share``: share of revenue held by the top ``top_accounts`` accounts, the smallest
    whole number of accounts covering ``top_fraction`` of them. ``accounts_for_target``:
    fewest accounts whose revenue reaches ``target``; ``fraction_for_target`` is that as a
    fraction of ``n_accounts``. ``curve``: ``account_share`` against cumulative
    ``revenue_share``, accounts sorted largest first, starting at (0, 0). Made by
    :func:`concentration` and :func:`concentration_from_transactions`.
    """

    top_fraction: float
    top_share: float
    target: float
    accounts_for_target: int
    fraction_for_target: float
    n_accounts: int
    curve: pd.DataFrame
    top_accounts: int


def _account_codes(accounts: pd.Series, field: str) -> tuple[np.ndarray, Any]:
    """Return an integer code per row and a function giving the account of each code.

    Categorical columns use their codes, integer ids >= 0 are their own codes, anything
    else is factorized (hash table, no sort). Ids are checked by
    :func:`~kamlib.validation.check_key_series`; for text, categorical and integer columns
    only when a code shows a missing id, so that millions of clean rows pay nothing extra.
    """
    dtype = accounts.dtype
    typed = isinstance(dtype, pd.CategoricalDtype) or pd.api.types.is_integer_dtype(dtype) or (
        pd.api.types.is_string_dtype(dtype) and not pd.api.types.is_object_dtype(dtype)
    )
    if not typed:
        check_key_series(field, accounts, kind=_(_ACCOUNT_ID))
    if isinstance(dtype, pd.CategoricalDtype):
        codes, labels = accounts.cat.codes.to_numpy(), accounts.cat.categories
    else:
        if isinstance(dtype, np.dtype) and dtype.kind in "iu":
            array = accounts.to_numpy()  # only numbers: text ids (Arrow strings) are not copied
            if (
                len(array)
                and array.min() >= 0
                and array.max() < _DENSE_IDS_PER_ROW * len(array) + 1_000_000
            ):
                return array.astype(np.int64, copy=False), None
        codes, uniques = pd.factorize(accounts, sort=False)
        labels = pd.Index(uniques)
    if len(codes) and codes.min() < 0:  # a missing id: named by its row
        check_key_series(field, accounts, kind=_(_ACCOUNT_ID))
    return codes, labels


def _totals(transactions: pd.DataFrame, account: str, revenue: str) -> tuple[np.ndarray, Any]:
    """Return (revenue per account, account labels) from validated transaction columns."""
    accounts = transactions[account]
    amounts = check_numeric_series(
        f"revenue column {revenue!r}", transactions[revenue], minimum=0
    ).to_numpy()
    codes, labels = _account_codes(accounts, f"account column {account!r}")
    size = 0 if labels is None else len(labels)
    totals = np.bincount(codes, weights=amounts, minlength=size)
    if amounts.min() > 0:  # every account that has a row has revenue: skip counting rows
        present = totals > 0
    else:
        present = np.bincount(codes, minlength=size) > 0
    if labels is None:
        labels = pd.Index(np.flatnonzero(present), dtype=accounts.dtype)
    else:
        labels = labels[present]
    return totals[present], labels


def _check_transactions(transactions: Any, account: str, revenue: str) -> pd.DataFrame:
    check_frame("transactions", transactions, {"account": account, "revenue": revenue})
    if len(transactions) == 0:
        raise fail("transactions", "an empty table", _("at least one transaction row"))
    return transactions


def _within_period(transactions: pd.DataFrame, date: str, start: Any, end: Any) -> pd.DataFrame:
    """Keep rows with ``start <= date <= end`` (either bound may be None).

    With a bound, every row must be dated: an undated row could lie in the period or not.
    """
    if start is None and end is None:
        return transactions
    check_frame("transactions", transactions, {"date": date})
    dates = check_date_series(f"date column {date!r}", transactions[date])
    keep = np.ones(len(transactions), dtype=bool)
    for field, bound, compare in (("start", start, np.greater_equal), ("end", end, np.less_equal)):
        if bound is None:
            continue
        keep &= compare(dates, check_date(field, bound)).to_numpy(dtype=bool)
    return transactions[keep]


def revenue_by_account(
    transactions: pd.DataFrame,
    *,
    account: str = "account_id",
    revenue: str = "revenue_cny",
    start: Any = None,
    end: Any = None,
    date: str = "date",
) -> pd.Series:
    """Return total revenue per account, largest first, for rows dated ``start``..``end``.

    Parameters
    ----------
    transactions : pandas.DataFrame
        The case's order lines (``datasets.load("transactions")``), or a learner's own in
        the same shape.
    account, revenue : str
        The columns of the account id and of the revenue in CNY.
    start, end : date-like, optional
        The first and last day to count ("2025-01-01", a Timestamp or a date); default: no
        limit.
    date : str
        The column of the order date (read only with ``start`` or ``end``).

    Returns
    -------
    pandas.Series
        Revenue per account (index: the account ids), largest first.

    Raises
    ------
    KamValueError
        If a column is missing or holds a bad value (named by row), or no row lies in the
        period.

    Examples
    --------
    >>> import pandas as pd
    >>> orders = pd.DataFrame({
    ...     "account_id": ["A", "B", "A", "C", "D", "A"],
    ...     "date": ["2024-03-01", "2024-05-02", "2025-02-01", "2025-04-01", "2025-06-01",
    ...              "2025-09-01"],
    ...     "revenue_cny": [500, 100, 400, 50, 50, 100]})
    >>> revenue_by_account(orders, start="2025-01-01").to_dict()
    {'A': 500.0, 'C': 50.0, 'D': 50.0}
    """
    _check_transactions(transactions, account, revenue)
    rows = _within_period(transactions, date, start, end)
    if len(rows) == 0:
        raise fail(
            "start/end",
            (start, end),
            _("a period that holds at least one transaction (none of transactions is in it)"),
        )
    totals, labels = _totals(rows, account, revenue)
    series = pd.Series(totals, index=labels, name=revenue)
    series.index.name = account
    return series.sort_values(ascending=False, kind="stable")


def _check_fraction(field: str, value: Any) -> float:
    number = check_number(field, value, minimum=0, maximum=1)
    if number <= 0:
        raise fail(field, value, _("a fraction above 0 and at most 1, e.g. 0.2"))
    return float(number)


def _concentration_of(totals: np.ndarray, top: float, target: float) -> Concentration:
    """Measure concentration on validated, non-negative per-account totals."""
    n = len(totals)
    ordered = np.sort(totals)[::-1]
    cumulative = np.cumsum(ordered)
    grand_total = cumulative[-1]
    if not grand_total > 0:
        raise fail("revenue", "a total of 0 CNY", _("some revenue above 0 to share out"))
    revenue_share = cumulative / grand_total
    top_accounts = max(1, math.ceil(top * n - _TOLERANCE))
    accounts_for_target = int(np.searchsorted(revenue_share, target - _TOLERANCE)) + 1
    curve = pd.DataFrame(
        {
            "account_share": np.arange(n + 1) / n,
            "revenue_share": np.concatenate([[0.0], revenue_share]),
        }
    )
    return Concentration(
        top_fraction=top,
        top_share=float(revenue_share[top_accounts - 1]),
        target=target,
        accounts_for_target=accounts_for_target,
        fraction_for_target=accounts_for_target / n,
        n_accounts=n,
        curve=curve,
        top_accounts=top_accounts,
    )


def concentration(
    revenue_by_account: pd.Series, *, top: float = 0.2, target: float = 0.8
) -> Concentration:
    """Measure how much of revenue the top ``top`` of accounts hold, and more (see class).

    Parameters
    ----------
    revenue_by_account : pandas.Series
        Revenue per account (at least 0), e.g. :func:`revenue_by_account`'s result.
    top : float, default 0.2
        The top share of accounts to measure, above 0 and at most 1 (0.2: the top 20%).
    target : float, default 0.8
        The share of revenue to reach, above 0 and at most 1 (0.8: 80%).

    Returns
    -------
    Concentration

    Raises
    ------
    KamValueError
        If ``revenue_by_account`` is not a non-empty Series of amounts of at least 0 with a
        total above 0, or ``top`` or ``target`` is not a fraction above 0.

    Examples
    --------
    >>> import pandas as pd
    >>> measured = concentration(pd.Series([1000, 100, 50, 50]))
    >>> measured.top_accounts, round(measured.top_share, 3), measured.accounts_for_target
    (1, 0.833, 1)
    """
    if not isinstance(revenue_by_account, pd.Series):
        raise fail("revenue_by_account", type(revenue_by_account).__name__, _("a pandas Series"))
    if len(revenue_by_account) == 0:
        raise fail("revenue_by_account", "an empty Series", _("revenue of at least one account"))
    top = _check_fraction("top", top)
    target = _check_fraction("target", target)
    totals = check_numeric_series("revenue_by_account", revenue_by_account, minimum=0).to_numpy()
    return _concentration_of(totals, top, target)


def concentration_from_transactions(
    transactions: pd.DataFrame,
    *,
    account: str = "account_id",
    revenue: str = "revenue_cny",
    top: float = 0.2,
    target: float = 0.8,
) -> Concentration:
    """Sum revenue per account and measure its concentration, fast on millions of rows.

    Parameters
    ----------
    transactions : pandas.DataFrame
        The case's order lines (``datasets.load("transactions")``), or a learner's own in
        the same shape.
    account, revenue : str
        The columns of the account id and of the revenue in CNY.
    top : float, default 0.2
        The top share of accounts to measure, above 0 and at most 1 (0.2: the top 20%).
    target : float, default 0.8
        The share of revenue to reach, above 0 and at most 1 (0.8: 80%).

    Returns
    -------
    Concentration

    Raises
    ------
    KamValueError
        As :func:`revenue_by_account` and :func:`concentration`.

    Examples
    --------
    >>> import pandas as pd
    >>> orders = pd.DataFrame({
    ...     "account_id": ["A", "B", "A", "C", "D", "A"],
    ...     "date": ["2024-03-01", "2024-05-02", "2025-02-01", "2025-04-01", "2025-06-01",
    ...              "2025-09-01"],
    ...     "revenue_cny": [500, 100, 400, 50, 50, 100]})
    >>> measured = concentration_from_transactions(orders, top=0.5)
    >>> measured.top_accounts, round(measured.top_share, 3)
    (2, 0.917)
    """
    _check_transactions(transactions, account, revenue)
    top = _check_fraction("top", top)
    target = _check_fraction("target", target)
    totals, _ = _totals(transactions, account, revenue)
    return _concentration_of(totals, top, target)


def yearly_revenue(
    transactions: pd.DataFrame,
    *,
    account: str = "account_id",
    revenue: str = "revenue_cny",
    date: str = "date",
) -> pd.DataFrame:
    """Return revenue, accounts ordering and growth on the year before, per calendar year.

    Parameters
    ----------
    transactions : pandas.DataFrame
        The case's order lines (``datasets.load("transactions")``), or a learner's own in
        the same shape.
    account, revenue : str
        The columns of the account id and of the revenue in CNY.
    date : str
        The column of the order date.

    Returns
    -------
    pandas.DataFrame
        Index ``year`` (every year from the first to the last, a year without orders at 0);
        columns ``revenue`` (named as that column), ``accounts_ordering`` (accounts with a
        row that year) and ``growth_pct`` (NaN in the first year and after a year without
        revenue).

    Raises
    ------
    KamValueError
        If a column is missing or holds a bad value (named by row).

    Examples
    --------
    >>> import pandas as pd
    >>> orders = pd.DataFrame({
    ...     "account_id": ["A", "B", "A", "C", "D", "A"],
    ...     "date": ["2024-03-01", "2024-05-02", "2025-02-01", "2025-04-01", "2025-06-01",
    ...              "2025-09-01"],
    ...     "revenue_cny": [500, 100, 400, 50, 50, 100]})
    >>> yearly_revenue(orders)
          revenue_cny  accounts_ordering  growth_pct
    year
    2024        600.0                  2         NaN
    2025        600.0                  3         0.0
    """
    _check_transactions(transactions, account, revenue)
    check_frame("transactions", transactions, {"date": date})
    dates = check_date_series(f"date column {date!r}", transactions[date])
    amounts = check_numeric_series(f"revenue column {revenue!r}", transactions[revenue], minimum=0)
    check_key_series(f"account column {account!r}", transactions[account], kind=_(_ACCOUNT_ID))
    rows = pd.DataFrame(
        {
            "year": dates.dt.year.to_numpy(),
            revenue: amounts.to_numpy(),
            "account": transactions[account].to_numpy(),
        }
    )
    table = rows.groupby("year").agg(
        **{revenue: (revenue, "sum"), "accounts_ordering": ("account", "nunique")}
    )
    table = table.reindex(range(table.index.min(), table.index.max() + 1), fill_value=0)
    table.index.name = "year"
    before = table[revenue].shift(1)
    table["growth_pct"] = (table[revenue] / before.where(before > 0) - 1) * 100
    return table


def revenue_by_group(
    accounts: pd.DataFrame, *, group: str = "industry", revenue: str = "revenue_cny"
) -> pd.DataFrame:
    """Return each group's revenue and share of the total, largest first.

    Parameters
    ----------
    accounts : pandas.DataFrame
        One row per account with its revenue (e.g. ``case.scored_accounts()`` joined with
        ``industry``).
    group : str, default "industry"
        The column to group by.
    revenue : str, default "revenue_cny"
        The column of the revenue in CNY.

    Returns
    -------
    pandas.DataFrame
        Index: the groups; columns ``accounts_buying`` (accounts with revenue above 0),
        ``revenue`` (named as that column) and ``share_pct`` (% of the total).

    Raises
    ------
    KamValueError
        If ``accounts`` is empty, a column is missing or holds a bad value, or the revenue
        adds up to 0.

    Examples
    --------
    >>> import pandas as pd
    >>> accounts = pd.DataFrame({"industry": ["automotive", "automotive", "shipbuilding"],
    ...                          "revenue_cny": [300, 0, 700]})
    >>> revenue_by_group(accounts)
                  accounts_buying  revenue_cny  share_pct
    industry
    shipbuilding                1        700.0       70.0
    automotive                  1        300.0       30.0
    """
    check_frame("accounts", accounts, {"group": group, "revenue": revenue})
    if len(accounts) == 0:
        raise fail("accounts", "an empty table", _("at least one account"))
    amounts = check_numeric_series(f"revenue column {revenue!r}", accounts[revenue], minimum=0)
    groups = check_key_series(f"group column {group!r}", accounts[group], kind=_("a group"))
    total = float(amounts.sum())
    if not total > 0:
        raise fail("revenue", "a total of 0 CNY", _("some revenue above 0 to share out"))
    rows = pd.DataFrame(
        {group: groups.to_numpy(), revenue: amounts.to_numpy(), "buying": amounts.to_numpy() > 0}
    )
    table = rows.groupby(group, observed=True).agg(
        accounts_buying=("buying", "sum"), **{revenue: (revenue, "sum")}
    )
    table["share_pct"] = 100 * table[revenue] / total
    return table.sort_values(revenue, ascending=False, kind="stable")
