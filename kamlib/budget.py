"""Marketing budget (营销预算) and return on investment (投资回报率, ROI) [L2.13 (3)(4)(5)].

A plan's cost is the sum of its budget lines, each booked to one P of the mix or to
"other". Its expected result is a revenue gain; at the account's margin rate that is a
margin gain. ROI = (margin gain − cost) / cost, payback = months of margin gain needed to
recover the cost. ``roi_table`` does the same for many plans or scenarios at once
(pessimistic / expected / optimistic), which is how the expected results (预期结果) and the
way they will be evaluated (评估方式) are stated before the money is spent.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from kamlib.i18n import N_, _
from kamlib.mix import FOUR_P
from kamlib.validation import (
    check_choice,
    check_frame,
    check_number,
    check_numeric_series,
    check_text,
    fail,
)

BUDGET_PS = (*FOUR_P, "other")
"""Where a budget line can be booked: one of the 4P keys, or "other"."""

VERDICTS = {
    "loss": N_("Loses money: the margin gain does not cover the cost"),
    "below_hurdle": N_("Below the hurdle: pays back, but less than the required return"),
    "worthwhile": N_("Worth doing: the return clears the hurdle"),
}
"""Verdict keys and their meaning (English; shown through ``_()``), from worst to best."""


@dataclass(frozen=True)
class BudgetLine:
    """One cost of the plan: what it is, what it costs (CNY), which P it serves.

    Raises
    ------
    KamValueError
        If ``item`` is empty, ``cost_cny`` is not a number of at least 0, or ``p`` is not
        one of :data:`BUDGET_PS`.

    Examples
    --------
    >>> BudgetLine("Line trials", 40_000, "product")
    BudgetLine(item='Line trials', cost_cny=40000.0, p='product')
    """

    item: str
    cost_cny: float
    p: str = "other"

    def __post_init__(self) -> None:
        object.__setattr__(self, "item", check_text("item", self.item))
        cost = check_number(f"cost_cny of {self.item!r}", self.cost_cny, minimum=0)
        object.__setattr__(self, "cost_cny", float(cost))
        object.__setattr__(self, "p", check_choice(f"p of {self.item!r}", self.p, BUDGET_PS))

    def to_dict(self) -> dict[str, Any]:
        """The line as a plain dict, as it is saved in the workbook.

        Returns
        -------
        dict
            ``item``, ``cost_cny`` and ``p``.

        Examples
        --------
        >>> BudgetLine("Line trials", 40_000, "product").to_dict()
        {'item': 'Line trials', 'cost_cny': 40000.0, 'p': 'product'}
        """
        return {"item": self.item, "cost_cny": self.cost_cny, "p": self.p}


@dataclass(frozen=True)
class BudgetSummary:
    """The plan's cost, expected margin gain, ROI (a fraction: 0.5 = 50%), payback, verdict.

    Made by :func:`plan_roi`; ``cost_by_p`` is the cost per 4P key (and "other").
    """

    total_cost: float
    expected_margin_gain: float
    roi: float
    payback_months: float
    verdict: str
    cost_by_p: pd.Series

    @property
    def verdict_text(self) -> str:
        """The verdict in words, in the current language (see :data:`VERDICTS`).

        Returns
        -------
        str

        Examples
        --------
        >>> plan_roi([BudgetLine("Visits", 10_000)], expected_revenue_gain_cny=0,
        ...          margin_rate=0.3).verdict_text
        'Loses money: the margin gain does not cover the cost'
        """
        return _(VERDICTS[self.verdict])


def _returns(
    cost: np.ndarray,
    revenue_gain: np.ndarray,
    margin_rate: np.ndarray,
    hurdle_roi: float,
    horizon_months: float,
) -> dict[str, np.ndarray]:
    """Margin gain, ROI, payback and verdict for arrays of plans (costs > 0)."""
    margin_gain = revenue_gain * margin_rate
    monthly_gain = margin_gain / horizon_months
    # Extreme ratios (a near-zero cost or gain) become ±inf, which reads correctly.
    with np.errstate(divide="ignore", over="ignore"):
        roi = (margin_gain - cost) / cost
        payback = np.where(
            monthly_gain > 0, cost / np.where(monthly_gain > 0, monthly_gain, 1), np.inf
        )
    verdict = np.select([roi < 0, roi < hurdle_roi], ["loss", "below_hurdle"], "worthwhile")
    return {
        "margin_gain_cny": margin_gain,
        "roi": roi,
        "payback_months": payback,
        "verdict": verdict,
    }


def _check_horizon_and_hurdle(hurdle_roi: Any, horizon_months: Any) -> tuple[float, float]:
    return (
        float(check_number("hurdle_roi", hurdle_roi, minimum=-1)),
        float(check_number("horizon_months", horizon_months, minimum=1)),
    )


def _as_line(item: Any, position: int) -> BudgetLine:
    if isinstance(item, BudgetLine):
        return item
    if (
        isinstance(item, Mapping)
        and set(item) <= {"item", "cost_cny", "p"}
        and {"item", "cost_cny"} <= set(item)
    ):
        return BudgetLine(**item)
    raise fail(f"lines[{position}]", item, _("a BudgetLine or a dict with item, cost_cny (and p)"))


def plan_roi(
    lines: Sequence[BudgetLine | Mapping[str, Any]],
    *,
    expected_revenue_gain_cny: float,
    margin_rate: float,
    hurdle_roi: float = 0.2,
    horizon_months: float = 12,
) -> BudgetSummary:
    """Cost, margin gain, ROI and payback of one plan.

    Parameters
    ----------
    lines : list of BudgetLine or dict
        The plan's costs, each a :class:`BudgetLine` or a dict with ``item``, ``cost_cny``
        (and ``p``); at least one, together costing more than 0 CNY.
    expected_revenue_gain_cny : float
        The extra revenue (CNY) the plan should bring over ``horizon_months``.
    margin_rate : float
        The share of that revenue that is margin, from 0 to 1 (0.3 = 30%).
    hurdle_roi : float, default 0.2
        The least return worth the effort (0.2 = 20%).
    horizon_months : float, default 12
        The months over which the revenue gain comes.

    Returns
    -------
    BudgetSummary
        Total cost, expected margin gain, ROI, payback in months, verdict and cost per P.

    Raises
    ------
    KamValueError
        If ``lines`` is empty or holds something that is not a budget line, the total cost
        is 0, or a number is out of range.

    Examples
    --------
    >>> summary = plan_roi(
    ...     [BudgetLine("Line trials", 40_000, "product"),
    ...      {"item": "Quarterly review", "cost_cny": 20_000, "p": "promotion"}],
    ...     expected_revenue_gain_cny=500_000, margin_rate=0.3)
    >>> summary.total_cost, summary.roi, summary.payback_months, summary.verdict
    (60000.0, 1.5, 4.8, 'worthwhile')
    """
    if isinstance(lines, (str, Mapping)) or not isinstance(lines, Sequence) or not lines:
        raise fail("lines", lines, _("a non-empty list of budget lines (an empty plan has no ROI)"))
    budget = [_as_line(item, i) for i, item in enumerate(lines)]
    revenue_gain = check_number("expected_revenue_gain_cny", expected_revenue_gain_cny, minimum=0)
    rate = check_number("margin_rate", margin_rate, minimum=0, maximum=1)
    hurdle_roi, horizon_months = _check_horizon_and_hurdle(hurdle_roi, horizon_months)
    costs = pd.Series([line.cost_cny for line in budget], index=[line.p for line in budget])
    total = float(costs.sum())
    if total <= 0:
        raise fail("total cost of lines", total, _("more than 0 CNY (ROI divides by the cost)"))
    result = _returns(
        np.array([total]),
        np.array([float(revenue_gain)]),
        np.array([float(rate)]),
        hurdle_roi,
        horizon_months,
    )
    return BudgetSummary(
        total_cost=total,
        expected_margin_gain=float(result["margin_gain_cny"][0]),
        roi=float(result["roi"][0]),
        payback_months=float(result["payback_months"][0]),
        verdict=str(result["verdict"][0]),
        cost_by_p=costs.groupby(level=0).sum().reindex(list(BUDGET_PS), fill_value=0.0),
    )


def roi_table(
    frame: pd.DataFrame,
    *,
    cost: str = "cost_cny",
    revenue_gain: str = "revenue_gain_cny",
    margin_rate: str = "margin_rate",
    hurdle_roi: float = 0.2,
    horizon_months: float = 12,
) -> pd.DataFrame:
    """ROI of many plans or scenarios at once, one row each.

    Parameters
    ----------
    frame : pandas.DataFrame
        One row per plan or scenario, e.g. pessimistic / expected / optimistic revenue gains.
    cost, revenue_gain, margin_rate : str
        The columns of cost (CNY, above 0), expected revenue gain (CNY) and margin rate (0–1).
    hurdle_roi : float, default 0.2
        The least return worth the effort (0.2 = 20%).
    horizon_months : float, default 12
        The months over which the revenue gain comes.

    Returns
    -------
    pandas.DataFrame
        A copy of ``frame`` with ``margin_gain_cny``, ``roi``, ``payback_months`` and
        ``verdict`` added.

    Raises
    ------
    KamValueError
        If a column is missing or a value is out of range (named by row).

    Examples
    --------
    >>> import pandas as pd
    >>> scenarios = pd.DataFrame({"cost_cny": [60_000, 60_000],
    ...                           "revenue_gain_cny": [150_000, 500_000],
    ...                           "margin_rate": [0.3, 0.3]}, index=["low", "high"])
    >>> roi_table(scenarios)[["roi", "payback_months", "verdict"]]
           roi  payback_months     verdict
    low  -0.25            16.0        loss
    high  1.50             4.8  worthwhile
    """
    check_frame(
        "frame", frame, {"cost": cost, "revenue_gain": revenue_gain, "margin_rate": margin_rate}
    )
    hurdle_roi, horizon_months = _check_horizon_and_hurdle(hurdle_roi, horizon_months)
    costs = check_numeric_series(cost, frame[cost], minimum=0)
    if (costs == 0).any():
        first = costs.index[costs.to_numpy() == 0][0]
        raise fail(f"{cost} (row {first!r})", 0, _("more than 0 CNY (ROI divides by the cost)"))
    gains = check_numeric_series(revenue_gain, frame[revenue_gain], minimum=0)
    rates = check_numeric_series(margin_rate, frame[margin_rate], minimum=0, maximum=1)
    result = _returns(
        costs.to_numpy(), gains.to_numpy(), rates.to_numpy(), hurdle_roi, horizon_months
    )
    return frame.assign(**result)
