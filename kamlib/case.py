"""The case company's accounts as every lesson sees them: this year's revenue, X/Y, class.

X scores the account's revenue with Huaxin in :data:`CASE_YEAR` (from the transactions),
Y scores its purchasing capacity, both with the instructor's cut points
:data:`kamlib.datasets.SCORE_CUTS_CNY`. Widgets, exercises and their checks all start from
here, so the grid, the visit plan and the answers agree on every account's class.
"""

from __future__ import annotations

import pandas as pd

from kamlib import datasets, grid, pareto

#: The last full year of the case data: "this year" in the lessons.
CASE_YEAR = datasets.AS_OF.year


def scored_accounts() -> pd.DataFrame:
    """Accounts with ``revenue_cny`` in CASE_YEAR and their ``x`` and ``y`` scores (0–4).

    Columns: account_id, name, name_zh, kam, vip, capacity_cny, revenue_cny, x, y.
    """
    accounts = datasets.load("accounts")
    revenue = pareto.revenue_by_account(
        datasets.load("transactions"), start=f"{CASE_YEAR}-01-01", end=f"{CASE_YEAR}-12-31"
    )
    frame = accounts[["account_id", "name", "name_zh", "kam", "vip", "capacity_cny"]].copy()
    frame["revenue_cny"] = revenue.reindex(frame["account_id"]).fillna(0.0).to_numpy()
    frame["x"] = grid.score(frame["revenue_cny"], cuts=datasets.SCORE_CUTS_CNY)
    frame["y"] = grid.score(frame["capacity_cny"], cuts=datasets.SCORE_CUTS_CNY)
    return frame


def classified_accounts(rules: grid.ClassificationRules = grid.DEFAULT_RULES) -> pd.DataFrame:
    """:func:`scored_accounts` plus ``grid_class`` and ``account_class`` under ``rules``."""
    return grid.classify_accounts(scored_accounts(), rules=rules)
