"""Analysing a key account (如何分析你的大客户): share of wallet by product line, the cost to
serve it, and which accounts really pay [O4].

The handout names this topic without text; the course fills it with three measures.

**Share of wallet by product line.** The case data knows each account's total spend in
Huaxin's category (``capacity_cny``), not its spend per line. :func:`wallet_by_line`
estimates it by splitting the capacity like the purchases of the account's industry: if
its industry buys 40% powder coatings from Huaxin, 40% of the account's capacity is taken
as its powder spend. That split is **the course's assumption** (an estimate to check
with the buyer), and the result shows where our share is thin.

**Cost to serve.** Accounts with the same margin can cost very different amounts to serve
(Kaplan & Cooper 1998, *Cost & Effect*). The course's model counts three drivers from the
data: visits done, orders placed, and product lines bought (each line needs technical
service, samples and specifications), at the rates of the course settings
(``cost_to_serve_cny`` of :mod:`kamlib.settings`: an assumption an instructor may change).
:func:`cost_to_serve` and :func:`profitability` apply it; :func:`concentration_compared`
puts the 80/20 of revenue beside that of margin after cost to serve, where the top accounts
can earn more than all of the profit because the small ones lose money.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from kamlib import settings
from kamlib.formatting import money
from kamlib.i18n import N_, _
from kamlib.segmentation import industry_sales
from kamlib.validation import (
    check_choice_series,
    check_date_series,
    check_frame,
    check_key_series,
    check_number,
    check_numeric_series,
    check_text,
    check_year,
    fail,
)
from kamlib.visits import VISIT_STATUSES

#: The cost drivers, in the order of the settings' rates.
COST_DRIVERS = settings.COST_DRIVERS
COST_DRIVER_NAMES = {
    "visit": N_("visits done"),
    "order": N_("orders"),
    "product_line": N_("product lines bought"),
}


def _year(year: Any) -> int:
    return settings.current().case_year if year is None else check_year("year", year)


def wallet_by_line(
    accounts: pd.DataFrame,
    transactions: pd.DataFrame,
    account_id: str,
    year: int | None = None,
) -> pd.DataFrame:
    """The account's estimated spend and our share of it, product line by product line.

    The estimate splits the account's capacity (its yearly spend in our category with all
    suppliers) like its industry's purchases from Huaxin in ``year``: the course's
    assumption, to be checked with the buyer.

    Parameters
    ----------
    accounts, transactions : pandas.DataFrame
        The case tables (or a learner's own, same columns).
    account_id : str
        The account.
    year : int, optional
        The year of purchases (default: the course settings' year).

    Returns
    -------
    pandas.DataFrame
        Index ``line_id``; columns ``industry_mix`` (share of the industry's purchases),
        ``estimated_spend_cny``, ``revenue_cny`` (what the account bought from us),
        ``share_of_wallet`` (revenue / estimated spend, NaN where the estimate is 0) and
        ``headroom_cny`` (estimated spend still with rivals, never below 0); lines by
        estimated spend, largest first.

    Raises
    ------
    KamValueError
        If the account is unknown, has no capacity, or its industry bought nothing.

    Examples
    --------
    >>> from kamlib import datasets
    >>> wallet = wallet_by_line(datasets.load("accounts"), datasets.load("transactions"),
    ...                         "AC060")
    >>> bool(abs(wallet["industry_mix"].sum() - 1) < 1e-9)
    True
    """
    account_id = check_text("account_id", account_id)
    check_frame("accounts", accounts, ["account_id", "industry", "capacity_cny"])
    sales = industry_sales(accounts, transactions, year=_year(year))
    known = accounts.drop_duplicates("account_id").set_index("account_id")
    if account_id not in known.index:
        raise fail("account_id", account_id, _("an account_id of accounts, e.g. 'AC060'"))
    capacity = check_number(f"capacity_cny of {account_id}", known.loc[account_id, "capacity_cny"],
                            minimum=0)
    if capacity <= 0:
        raise fail(f"capacity_cny of {account_id}", capacity, _("a yearly spend above 0"))
    industry = known.loc[account_id, "industry"]
    peers = sales[(sales["industry"] == industry).to_numpy()]
    if peers.empty:
        raise fail("account_id", account_id,
                   _("an account whose industry bought in the year (in transactions)"))
    mix = peers.groupby("line_id")["revenue_cny"].sum()
    mix = mix / mix.sum()
    own = sales.loc[sales["account_id"] == account_id].groupby("line_id")["revenue_cny"].sum()
    table = pd.DataFrame({"industry_mix": mix})
    table["estimated_spend_cny"] = table["industry_mix"] * capacity
    table["revenue_cny"] = own.reindex(table.index).fillna(0.0)
    spend = table["estimated_spend_cny"].where(table["estimated_spend_cny"] > 0)
    table["share_of_wallet"] = table["revenue_cny"] / spend
    table["headroom_cny"] = (table["estimated_spend_cny"] - table["revenue_cny"]).clip(lower=0)
    table.index.name = "line_id"
    return table.sort_values("estimated_spend_cny", ascending=False)


def _rates(rates: Mapping[str, float] | None) -> dict[str, float]:
    chosen = dict(settings.current().cost_to_serve_cny) if rates is None else rates
    if not isinstance(chosen, Mapping) or set(chosen) != set(COST_DRIVERS):
        raise fail("rates", chosen, "a dict with the keys " + ", ".join(COST_DRIVERS))
    return {key: float(check_number(f"rates[{key!r}]", chosen[key], minimum=0))
            for key in COST_DRIVERS}


def _in_year(table: pd.DataFrame, field: str, year: int) -> np.ndarray:
    """Which rows of ``table`` are dated in ``year`` (every date checked by the date rule)."""
    dates = check_date_series(f"{field}['date']", table["date"])
    return (dates.dt.year == year).to_numpy()


def cost_to_serve(
    transactions: pd.DataFrame,
    visits: pd.DataFrame,
    year: int | None = None,
    rates: Mapping[str, float] | None = None,
) -> pd.DataFrame:
    """What serving each account cost in ``year``, by the course's cost-to-serve model.

    Parameters
    ----------
    transactions : pandas.DataFrame
        order_id, date, account_id, line_id.
    visits : pandas.DataFrame
        account_id, date, status (only visits "done" count).
    year : int, optional
        Default: the course settings' year.
    rates : mapping, optional
        CNY per "visit", "order" and "product_line" (default: the course settings').

    Returns
    -------
    pandas.DataFrame
        Index ``account_id`` (every account that ordered or was visited); columns
        ``visits``, ``orders``, ``product_lines`` and ``cost_to_serve_cny``.

    Raises
    ------
    KamValueError
        If a table lacks its columns or a rate is not a number of 0 or more.

    Examples
    --------
    >>> from kamlib import datasets
    >>> costs = cost_to_serve(datasets.load("transactions"), datasets.load("visits"),
    ...                       rates={"visit": 1000, "order": 0, "product_line": 0})
    >>> bool((costs["cost_to_serve_cny"] == 1000 * costs["visits"]).all())
    True
    """
    check_frame("transactions", transactions, ["order_id", "date", "account_id", "line_id"])
    check_frame("visits", visits, ["account_id", "date", "status"])
    chosen, year = _rates(rates), _year(year)
    orders = transactions[_in_year(transactions, "transactions", year)]
    for column in ("order_id", "account_id", "line_id"):
        check_key_series(f"transactions[{column!r}]", orders[column])
    statuses = check_choice_series("visits['status']", visits["status"], VISIT_STATUSES)
    done = visits[(statuses == "done").to_numpy() & _in_year(visits, "visits", year)]
    check_key_series("visits['account_id']", done["account_id"])
    table = pd.DataFrame({
        "visits": done.groupby("account_id").size(),
        "orders": orders.groupby("account_id")["order_id"].nunique(),
        "product_lines": orders.groupby("account_id")["line_id"].nunique(),
    }).fillna(0).astype(int)
    table["cost_to_serve_cny"] = (
        table["visits"] * chosen["visit"]
        + table["orders"] * chosen["order"]
        + table["product_lines"] * chosen["product_line"]
    ).astype(float)
    table.index.name = "account_id"
    return table.sort_index()


def profitability(
    transactions: pd.DataFrame,
    visits: pd.DataFrame,
    year: int | None = None,
    rates: Mapping[str, float] | None = None,
) -> pd.DataFrame:
    """Revenue, gross margin, cost to serve and margin after it, per account ordering in ``year``.

    Parameters
    ----------
    transactions, visits : pandas.DataFrame
        As for :func:`cost_to_serve`; transactions also need ``revenue_cny`` and
        ``margin_cny``.
    year : int, optional
        Default: the course settings' year.
    rates : mapping, optional
        The cost-to-serve rates (default: the course settings').

    Returns
    -------
    pandas.DataFrame
        Index ``account_id``; columns ``revenue_cny``, ``margin_cny``, ``visits``,
        ``orders``, ``product_lines``, ``cost_to_serve_cny``, ``margin_after_cts_cny``,
        ``rank_revenue`` and ``rank_margin_after_cts`` (1 = largest); by margin after cost
        to serve, largest first.

    Raises
    ------
    KamValueError
        As :func:`cost_to_serve`; also if no account ordered in ``year``.

    Examples
    --------
    >>> from kamlib import datasets
    >>> table = profitability(datasets.load("transactions"), datasets.load("visits"))
    >>> bool((table["margin_after_cts_cny"] < 0).any())
    True
    """
    check_frame("transactions", transactions, ["revenue_cny", "margin_cny"])
    year = _year(year)
    costs = cost_to_serve(transactions, visits, year, rates)
    orders = transactions[_in_year(transactions, "transactions", year)]
    if orders.empty:
        raise fail("year", year, _("a year with orders in transactions"))
    money = pd.DataFrame({
        "account_id": orders["account_id"].to_numpy(),
        "revenue_cny": check_numeric_series("transactions['revenue_cny']", orders["revenue_cny"],
                                            minimum=0).to_numpy(),
        "margin_cny": check_numeric_series("transactions['margin_cny']",
                                           orders["margin_cny"]).to_numpy(),
    }).groupby("account_id")[["revenue_cny", "margin_cny"]].sum()
    table = money.join(costs, how="left")
    table["margin_after_cts_cny"] = table["margin_cny"] - table["cost_to_serve_cny"]
    table["rank_revenue"] = table["revenue_cny"].rank(ascending=False, method="first").astype(int)
    table["rank_margin_after_cts"] = (
        table["margin_after_cts_cny"].rank(ascending=False, method="first").astype(int)
    )
    return table.sort_values("margin_after_cts_cny", ascending=False)


@dataclass(frozen=True)
class ConcentrationCompared:
    """The 80/20 of revenue beside that of margin after cost to serve.

    ``table``: one row per measure ("revenue", "margin after cost to serve") with
    ``top_share`` (what the top ``top`` of accounts by that measure bring, as a share of the
    total; above 1 when the rest lose money), ``accounts_for_80`` (accounts it takes to
    reach 80% of the total) and ``accounts_losing`` (accounts below 0). ``moved``: accounts
    in the top group by revenue but not by margin after cost to serve.
    """

    top: float
    table: pd.DataFrame
    moved: tuple[str, ...]


def _top_accounts(values: pd.Series, top: float) -> int:
    return max(1, int(np.ceil(top * len(values))))


def concentration_compared(table: pd.DataFrame, top: float = 0.2) -> ConcentrationCompared:
    """Compare the 80/20 on revenue with the 80/20 on margin after cost to serve.

    Parameters
    ----------
    table : pandas.DataFrame
        :func:`profitability`'s result (``revenue_cny`` and ``margin_after_cts_cny``).
    top : float, default 0.2
        The top fraction of accounts (0 < top <= 1).

    Returns
    -------
    ConcentrationCompared

    Raises
    ------
    KamValueError
        If a column is missing, the table is empty, ``top`` is out of range, or a total is
        not above 0.

    Examples
    --------
    >>> from kamlib import datasets
    >>> compared = concentration_compared(profitability(datasets.load("transactions"),
    ...                                                 datasets.load("visits")))
    >>> shares = compared.table["top_share"]
    >>> bool(shares["margin after cost to serve"] > shares["revenue"])
    True
    """
    check_frame("table", table, ["revenue_cny", "margin_after_cts_cny"])
    if table.empty:
        raise fail("table", "an empty table", _("one row per account"))
    _account_index(table)
    top = float(check_number("top", top, minimum=0.01, maximum=1))
    rows, tops = {}, {}
    for name, column in (("revenue", "revenue_cny"),
                         ("margin after cost to serve", "margin_after_cts_cny")):
        values = check_numeric_series(f"table[{column!r}]", table[column],
                                      minimum=0 if column == "revenue_cny" else None)
        values = values.astype(float).sort_values(ascending=False)
        total = values.sum()
        if not total > 0:
            raise fail(column, f"a total of {total:,.0f}", _("a total above 0"))
        count = _top_accounts(values, top)
        cumulative = values.cumsum() / total
        rows[name] = {
            "top_share": float(values.iloc[:count].sum() / total),
            "accounts_for_80": int((cumulative < 0.8).sum()) + 1,
            "accounts_losing": int((values < 0).sum()),
        }
        tops[name] = set(values.index[:count])
    moved = tuple(sorted(tops["revenue"] - tops["margin after cost to serve"]))
    return ConcentrationCompared(top, pd.DataFrame(rows).T, moved)


def _account_index(table: pd.DataFrame) -> pd.Index:
    """The index of a profitability table: one account id per row, each once."""
    if isinstance(table.index, pd.MultiIndex):
        raise fail("table", table, _("one row per account id (the index of profitability)"))
    check_key_series("table index (account ids)", table.index.to_series(), unique=True)
    return table.index


def describe_account(table: pd.DataFrame, account_id: str) -> str:
    """One account's profitability in words: margin, cost to serve and its drivers, ranks.

    Parameters
    ----------
    table : pandas.DataFrame
        :func:`profitability`'s result.
    account_id : str

    Returns
    -------
    str
        In the current language, amounts through :func:`kamlib.formatting.money` (元 in
        Chinese).

    Raises
    ------
    KamValueError
        If the account did not order in the table's year.

    Examples
    --------
    >>> from kamlib import datasets
    >>> text = describe_account(profitability(datasets.load("transactions"),
    ...                                       datasets.load("visits")), "AC060")
    >>> text.startswith("AC060:")
    True
    """
    check_frame("table", table, ["margin_cny", "cost_to_serve_cny", "margin_after_cts_cny",
                                 "visits", "orders", "product_lines", "rank_revenue",
                                 "rank_margin_after_cts"])
    account_id = check_text("account_id", account_id)
    if account_id not in _account_index(table):
        raise fail("account_id", account_id,
                   _("an account that ordered in the year analysed (a row of table)"))
    row = table.loc[account_id]
    for column in ("margin_cny", "cost_to_serve_cny", "margin_after_cts_cny"):
        check_number(f"table[{column!r}] of {account_id}", row[column])
    for column in ("visits", "orders", "product_lines", "rank_revenue", "rank_margin_after_cts"):
        check_number(f"table[{column!r}] of {account_id}", row[column], minimum=0, integer=True)
    return _(
        "{account}: gross margin {margin}, cost to serve {cost} ({visits} visits, {orders} "
        "orders, {lines} product lines), margin after cost to serve {after}. Rank "
        "{rank_revenue} of {n} by revenue, {rank_after} by margin after cost to serve."
    ).format(account=account_id, margin=money(row["margin_cny"]),
             cost=money(row["cost_to_serve_cny"]), visits=int(row["visits"]),
             orders=int(row["orders"]), lines=int(row["product_lines"]),
             after=money(row["margin_after_cts_cny"]),
             rank_revenue=int(row["rank_revenue"]), n=len(table),
             rank_after=int(row["rank_margin_after_cts"]))
