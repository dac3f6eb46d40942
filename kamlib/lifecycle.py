"""The product life cycle, then and now (市场客户需求变化快) [L1.2f].

The handout: a product's life used to run introduction → growth → maturity → decline
(导入期—成长期—成熟期—衰退期); now it runs introduction → growth → decline
(导入期—增长期—衰退期), the maturity stage has all but vanished. Customer needs change so
fast that a supplier must keep tailoring its offer, which is why key accounts need managing.
:func:`life_cycle_curves` draws both as smooth curves with the stage of every point.

That is the handout's claim: a tendency of fast-moving products (phones, appliance models),
not a law. Industrial materials still earn much of their money in mature markets:
:func:`slow_growth_share` measures how much of a supplier's revenue comes from lines whose
market grows slowly (below the BCG split), which for the case company is well over a third.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from kamlib.i18n import _
from kamlib.validation import check_frame, check_number, check_numeric_series, fail


@dataclass(frozen=True)
class Stage:
    """One stage of a product life cycle: key, English and Chinese name.

    Examples
    --------
    >>> [stage.key for stage in STAGES_NOW]
    ['introduction', 'growth', 'decline']
    """

    key: str
    en: str
    zh: str


STAGES_CLASSIC = (
    Stage("introduction", "introduction", "导入期"),
    Stage("growth", "growth", "成长期"),
    Stage("maturity", "maturity", "成熟期"),
    Stage("decline", "decline", "衰退期"),
)
STAGES_NOW = (
    Stage("introduction", "introduction", "导入期"),
    Stage("growth", "growth", "增长期"),
    Stage("decline", "decline", "衰退期"),
)

# Each curve is a logistic rise times a logistic fall over t in [0, 1] (the classic life):
# (rise midpoint, fall midpoint, steepness). The classic curve holds a long plateau; the
# modern one rises as fast but falls soon after its peak, so it has no plateau.
_SHAPES = {"classic": (0.22, 0.80, 18.0), "now": (0.20, 0.42, 18.0)}
_MODELS = {"classic": STAGES_CLASSIC, "now": STAGES_NOW}
_LAUNCH_SHARE = 0.10  # introduction ends when sales reach 10% of the peak
_PLATEAU_SHARE = 0.90  # maturity: sales within 90% of the peak


def _stages(t: np.ndarray, sales: np.ndarray, with_maturity: bool) -> np.ndarray:
    """Label each point: introduction until 10% of peak, then growth, [maturity,] decline."""
    peak = int(np.argmax(sales))
    before_peak = np.arange(len(t)) <= peak
    launched = np.maximum.accumulate(sales >= _LAUNCH_SHARE)
    if with_maturity:
        near_peak = sales >= _PLATEAU_SHARE
        plateau_start = int(np.argmax(near_peak))
        plateau_end = len(t) - int(np.argmax(near_peak[::-1]))
        after = np.arange(len(t))
        return np.select(
            [~launched, after < plateau_start, after < plateau_end],
            ["introduction", "growth", "maturity"],
            default="decline",
        )
    return np.select([~launched, before_peak], ["introduction", "growth"], default="decline")


def life_cycle_curves(points: int = 200) -> pd.DataFrame:
    """Return the classic and the modern life cycle as a long table for a plot.

    Parameters
    ----------
    points : int, default 200
        Points per curve, from 20 to 100,000.

    Returns
    -------
    pandas.DataFrame
        Columns ``model`` ("classic" or "now"), ``t`` (time from launch, 0–1 of the classic
        life), ``sales`` (share of the model's peak, 0–1) and ``stage`` (a stage key).

    Raises
    ------
    KamValueError
        If ``points`` is not a whole number from 20 to 100,000.

    Examples
    --------
    >>> curves = life_cycle_curves(50)
    >>> list(curves.loc[curves["model"] == "now", "stage"].unique())
    ['introduction', 'growth', 'decline']
    """
    n = check_number("points", points, minimum=20, maximum=100_000, integer=True)
    t = np.linspace(0.0, 1.0, n)
    frames = []
    for model, (rise, fall, steepness) in _SHAPES.items():
        curve = 1 / (1 + np.exp(-steepness * (t - rise))) / (1 + np.exp(steepness * (t - fall)))
        sales = curve / curve.max()
        stages = _stages(t, sales, with_maturity=len(_MODELS[model]) == 4)
        frames.append(pd.DataFrame({"model": model, "t": t, "sales": sales, "stage": stages}))
    return pd.concat(frames, ignore_index=True)


def slow_growth_share(product_lines: pd.DataFrame, *, growth_split: float = 10.0) -> float:
    """The share of revenue from lines whose market grows below ``growth_split`` % a year.

    A market that grows slowly is a mature one; the handout's "the maturity stage has all
    but vanished" can be held against this figure.

    Parameters
    ----------
    product_lines : pandas.DataFrame
        With ``market_growth_pct`` and ``revenue_cny`` (e.g. ``datasets.load("product_lines")``).
    growth_split : float, default 10.0
        The growth rate (per cent a year) below which a market counts as slow (the BCG split).

    Returns
    -------
    float
        A share from 0 to 1.

    Raises
    ------
    KamValueError
        If a column is missing, a value is not a finite number, revenue is negative or sums
        to 0.

    Examples
    --------
    >>> from kamlib import datasets
    >>> round(slow_growth_share(datasets.load("product_lines")), 2)
    0.61
    """
    check_frame("product_lines", product_lines, ["market_growth_pct", "revenue_cny"])
    split = check_number("growth_split", growth_split)
    growth = check_numeric_series("product_lines['market_growth_pct']",
                                  product_lines["market_growth_pct"])
    revenue = check_numeric_series("product_lines['revenue_cny']", product_lines["revenue_cny"],
                                   minimum=0)
    total = revenue.sum()
    if total <= 0:
        raise fail("product_lines['revenue_cny']", "a total of 0", _("some revenue above 0"))
    return float(revenue[(growth < split).to_numpy()].sum() / total)
