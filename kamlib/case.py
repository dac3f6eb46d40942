"""The case company's accounts as every lesson sees them: this year's revenue, X/Y, class.

X scores the account's revenue with Huaxin in the course's year (the last full year up to the
course's today, :attr:`kamlib.settings.CourseSettings.case_year`), Y scores its purchasing capacity,
both with the instructor's cut points (``score_cuts_cny`` of :mod:`kamlib.settings`). Widgets,
exercises and their checks all start from here, so the grid, the visit plan and the answers agree on
every account's class.
"""

from __future__ import annotations

import pandas as pd

from kamlib import datasets, grid, pareto, settings


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
