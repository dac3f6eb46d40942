"""Keep or win? The profit and cost case for key accounts (企业利润及成本的考虑) [L1.2c].

The handout claims that keeping an existing customer costs 30–50% of winning a new one
and that keeping existing customers can raise profit by 25–60%. :data:`HANDOUT` and
:data:`PUBLISHED` hold those claims beside the published figures they echo, so a learner
can compare them. :class:`KeepWinAssumptions` is a small model of a book of accounts kept
at a steady size: every customer lost is replaced by winning a new one, at the win cost,
and a new customer yields only part of the full margin in its first year. Change an
assumption and :func:`keep_vs_win` and :func:`retention_profit_effect` show the effect;
:func:`retention` measures the retention rate (客户保留率) on the case company's own orders.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from kamlib.i18n import N_, _
from kamlib.validation import (
    check_choice,
    check_date_series,
    check_frame,
    check_key_series,
    check_number,
    check_numeric_series,
    check_year,
    fail,
)


@dataclass(frozen=True)
class SourcedFigure:
    """A claimed range (``low``–``high`` in ``unit``) and where it comes from.

    Examples
    --------
    >>> HANDOUT[1].low, HANDOUT[1].high, HANDOUT[1].unit
    (25, 60, '% more profit')
    """

    claim: str
    low: float
    high: float
    unit: str
    source: str


HANDOUT = (
    SourcedFigure(
        claim=N_("Cost of keeping an existing customer, as a share of the cost of winning a new "
        "one (保留老客户的成本是开发新客户的3-5成)"),
        low=30,
        high=50,
        unit=N_("% of the cost of winning"),
        source=N_("Course handout 大客户管理与销售, Lecture 1 (L1.2c)"),
    ),
    SourcedFigure(
        claim=N_("Profit gain from keeping existing customers (保留老客户可提高利润)"),
        low=25,
        high=60,
        unit=N_("% more profit"),
        source=N_("Course handout 大客户管理与销售, Lecture 1 (L1.2c)"),
    ),
)

PUBLISHED = (
    SourcedFigure(
        claim=N_("Cost of acquiring a new customer, as a multiple of the cost of retaining one "
        "(i.e. keeping costs 4–20% of winning)"),
        low=5,
        high=25,
        unit=N_("times the cost of retaining"),
        source=N_("Gallo, A. (2014). The Value of Keeping the Right Customers. "
        "Harvard Business Review (hbr.org), October 2014"),
    ),
    SourcedFigure(
        claim=N_("Profit gain from a 5-percentage-point rise in customer retention, "
        "in the service companies studied"),
        low=25,
        high=85,
        unit=N_("% more profit"),
        source=N_("Reichheld, F. F. & Sasser, W. E. (1990). Zero Defections: Quality Comes to "
        "Services. Harvard Business Review 68(5), 105–111"),
    ),
)


@dataclass(frozen=True)
class KeepWinAssumptions:
    """Assumptions of the keep-vs-win model; the defaults use the handout's cost ratio.

    ``customers``: accounts in the book, kept at this size. ``retention_rate``: share of
    them still buying a year later; ``improved_retention_rate``: the rate to compare with.
    ``margin_per_customer_cny``: yearly margin of an established account.
    ``win_cost_per_customer_cny``: one-off cost of winning a new account.
    ``keep_cost_ratio``: yearly cost of keeping an account as a share of the win cost
    (handout: 0.3–0.5, default the middle 0.4). ``first_year_margin_ratio``: share of the
    full margin a new account yields in its first year (trial orders). Only the cost ratio
    comes from the handout; the other defaults are the case company's assumptions.

    Raises
    ------
    KamValueError
        If a figure is not a number in its range (a rate from 0 to 1, a cost of at least 0,
        at least one customer).

    Examples
    --------
    >>> KeepWinAssumptions(retention_rate=0.9).keep_cost_per_customer_cny
    48000.0
    """

    customers: int = 100
    retention_rate: float = 0.80
    improved_retention_rate: float = 0.85
    margin_per_customer_cny: float = 100_000.0
    win_cost_per_customer_cny: float = 120_000.0
    keep_cost_ratio: float = 0.40
    first_year_margin_ratio: float = 0.5

    def __post_init__(self) -> None:
        limits = {
            "customers": (1, None),
            "retention_rate": (0, 1),
            "improved_retention_rate": (0, 1),
            "first_year_margin_ratio": (0, 1),
            "margin_per_customer_cny": (0, None),
            "win_cost_per_customer_cny": (0, None),
            "keep_cost_ratio": (0, 10),
        }
        for field, (low, high) in limits.items():
            value = check_number(field, getattr(self, field), minimum=low, maximum=high,
                                 integer=field == "customers")
            object.__setattr__(self, field, value if field == "customers" else float(value))

    @property
    def keep_cost_per_customer_cny(self) -> float:
        """Yearly cost of keeping one account: ``keep_cost_ratio`` x the win cost.

        Returns
        -------
        float
            CNY a year.

        Examples
        --------
        >>> DEFAULT_ASSUMPTIONS.keep_cost_per_customer_cny
        48000.0
        """
        return self.keep_cost_ratio * self.win_cost_per_customer_cny


DEFAULT_ASSUMPTIONS = KeepWinAssumptions()

#: Reichheld & Sasser measured the profit effect of a 5-percentage-point rise in retention.
PUBLISHED_RETENTION_GAIN = 0.05
#: Where a set of keep-versus-win figures comes from: the handout or the published studies.
FIGURE_SOURCES = ("handout", "published")


def _midpoint(figure: SourcedFigure) -> float:
    return (figure.low + figure.high) / 2


def sourced_assumptions(source: str) -> KeepWinAssumptions:
    """The case defaults with the keep/win figures of ``"handout"`` or ``"published"``.

    Handout: keeping costs the middle of 30–50% of winning. Published: winning costs the
    middle of 5–25 times keeping (so keeping costs 1/15 of winning) and retention rises by
    the 5 points of Reichheld & Sasser.

    Parameters
    ----------
    source : {"handout", "published"}
        Whose figures to use (see :data:`HANDOUT` and :data:`PUBLISHED`).

    Returns
    -------
    KeepWinAssumptions

    Raises
    ------
    KamValueError
        If ``source`` is neither.

    Examples
    --------
    >>> sourced_assumptions("handout").keep_cost_ratio
    0.4
    >>> sourced_assumptions("published").keep_cost_ratio
    0.0667
    """
    check_choice("source", source, FIGURE_SOURCES)
    if source == "handout":
        return dataclasses.replace(
            DEFAULT_ASSUMPTIONS, keep_cost_ratio=round(_midpoint(HANDOUT[0]) / 100, 4)
        )
    return dataclasses.replace(
        DEFAULT_ASSUMPTIONS,
        keep_cost_ratio=round(1 / _midpoint(PUBLISHED[0]), 4),
        improved_retention_rate=DEFAULT_ASSUMPTIONS.retention_rate + PUBLISHED_RETENTION_GAIN,
    )


def replacement_cost(lost_customers: float, win_cost: float) -> float:
    """Return the cost in CNY of winning ``lost_customers`` new accounts at ``win_cost`` each.

    Parameters
    ----------
    lost_customers : float
        How many accounts must be replaced (at least 0).
    win_cost : float
        What winning one new account costs, in CNY (at least 0).

    Returns
    -------
    float

    Raises
    ------
    KamValueError
        If either is not a number of at least 0.

    Examples
    --------
    >>> replacement_cost(20, 120_000)
    2400000.0
    """
    lost = check_number("lost_customers", lost_customers, minimum=0)
    cost = check_number("win_cost", win_cost, minimum=0)
    return float(lost * cost)


def _check_assumptions(assumptions: Any) -> KeepWinAssumptions:
    if not isinstance(assumptions, KeepWinAssumptions):
        raise fail("assumptions", assumptions, _("a KeepWinAssumptions"))
    return assumptions


def _book(a: KeepWinAssumptions, retention: np.ndarray) -> pd.DataFrame:
    """Yearly profit of the book for each retention rate (vectorised over ``retention``)."""
    lost = a.customers * (1 - retention)
    kept = a.customers * retention
    margin = a.customers * a.margin_per_customer_cny - lost * a.margin_per_customer_cny * (
        1 - a.first_year_margin_ratio
    )
    keep_cost = kept * a.keep_cost_per_customer_cny
    win_cost = lost * a.win_cost_per_customer_cny
    return pd.DataFrame(
        {
            "retention_rate": retention,
            "customers_lost": lost,
            "margin_cny": margin,
            "keep_cost_cny": keep_cost,
            "win_cost_cny": win_cost,
            "profit_cny": margin - keep_cost - win_cost,
        }
    )


def _profit_at(a: KeepWinAssumptions, retention: float) -> float:
    return float(_book(a, np.array([retention]))["profit_cny"].iloc[0])


def keep_vs_win(
    assumptions: KeepWinAssumptions = DEFAULT_ASSUMPTIONS, *, rates: Any = None
) -> pd.DataFrame:
    """Return the yearly profit of the book over a range of retention rates, for a plot.

    ``rates`` defaults to 0.50, 0.51 … 0.99 plus the current and improved rates.
    Parameters
    ----------
    assumptions : KeepWinAssumptions, optional
        The book of accounts and its costs (default: the course's, :data:`DEFAULT_ASSUMPTIONS`).
    rates : sequence of float, optional
        Retention rates from 0 to 1 (default: 0.50, 0.51 … 0.99 plus the current and improved
        rates).

    Returns
    -------
    pandas.DataFrame
        One row per rate: retention_rate, customers_lost, margin_cny, keep_cost_cny,
        win_cost_cny, profit_cny, profit_change_pct (against the profit at the current rate,
        NaN if that profit is not positive) and scenario (``"current"``, ``"improved"`` or
        "").

    Raises
    ------
    KamValueError
        If ``assumptions`` is not a :class:`KeepWinAssumptions` or a rate is outside 0–1.

    Examples
    --------
    >>> book = keep_vs_win(rates=[0.8, 0.9])
    >>> book[["retention_rate", "profit_cny", "scenario"]]
       retention_rate  profit_cny scenario
    0             0.8   2760000.0  current
    1             0.9   3980000.0
    """
    a = _check_assumptions(assumptions)
    if rates is None:
        grid = np.round(np.arange(0.50, 1.00, 0.01), 2)
        retention = np.union1d(grid, [a.retention_rate, a.improved_retention_rate])
    else:
        retention = np.unique(check_numeric_series("rates", rates, minimum=0, maximum=1))
    book = _book(a, retention)
    current_profit = _profit_at(a, a.retention_rate)
    change = (book["profit_cny"] - current_profit) / current_profit * 100
    book["profit_change_pct"] = change if current_profit > 0 else np.nan
    book["scenario"] = np.select(
        [retention == a.improved_retention_rate, retention == a.retention_rate],
        ["improved", "current"],
        default="",
    )
    return book


def retention_profit_effect(
    assumptions: KeepWinAssumptions = DEFAULT_ASSUMPTIONS, *, gain: float | None = None
) -> float:
    """Return the % change in yearly profit when retention rises by ``gain`` (a fraction).

    Parameters
    ----------
    assumptions : KeepWinAssumptions, optional
        The book of accounts and its costs (default: the course's, :data:`DEFAULT_ASSUMPTIONS`).
    gain : float, optional
        The rise in the retention rate, as a fraction (0.05 is the 5-percentage-point rise of
        Reichheld & Sasser); default: ``improved_retention_rate - retention_rate``.

    Returns
    -------
    float
        The change in yearly profit, in %.

    Raises
    ------
    KamValueError
        If ``assumptions`` is not a :class:`KeepWinAssumptions`, the gain takes retention
        outside 0–1, or the book makes no profit at the current rate.

    Examples
    --------
    >>> round(retention_profit_effect(gain=0.05), 1)
    22.1
    """
    a = _check_assumptions(assumptions)
    if gain is None:
        gain = a.improved_retention_rate - a.retention_rate
    gain = check_number("gain", gain, minimum=-a.retention_rate, maximum=1 - a.retention_rate)
    before = _profit_at(a, a.retention_rate)
    if before <= 0:
        raise fail(
            "assumptions",
            f"a yearly profit of {before:,.0f} CNY at the current retention",
            _("a positive profit, so that a % change means something"),
        )
    return (_profit_at(a, a.retention_rate + gain) - before) / before * 100


@dataclass(frozen=True)
class HandoutCheck:
    """The model's profit effect beside the handout's claimed 25–60%, and what reconciles them.

    ``gain``: the retention rise checked (a fraction, 0.05 = 5 points); ``effect_pct``: the
    model's change in yearly profit; ``claimed_low``/``claimed_high``: the handout's range;
    ``gain_for_low``/``gain_for_high``: the retention rises (fractions) that give the ends of
    that range in the model (``nan`` when no rise up to 100% retention does); ``within``:
    whether ``effect_pct`` lies in the range; ``explanation``: why, in words. Made by
    :func:`check_handout_claim`.
    """

    gain: float
    effect_pct: float
    claimed_low: float
    claimed_high: float
    gain_for_low: float
    gain_for_high: float
    within: bool
    explanation: str


def check_handout_claim(
    assumptions: KeepWinAssumptions | None = None, *, gain: float = PUBLISHED_RETENTION_GAIN
) -> HandoutCheck:
    """Put the model's profit effect of a retention rise beside the handout's 25–60%.

    Under the handout's own cost ratio (:func:`sourced_assumptions` ``("handout")``) and the
    course's default book, five more points of retention raise yearly profit by about 22%,
    below the handout's 25–60%. The two do not contradict each other: the handout states
    neither the size of the retention rise nor the profit it measures against. Its range
    echoes Reichheld & Sasser (1990), who found +25% to +85% for a five-point rise in the
    service companies they studied; a percentage gain is large where the profit it is
    measured against is thin and where a lost customer is dear to replace. Profit is linear
    in the retention rate in this model, so the rise that reaches each end of the handout's
    range follows from the effect of one point.

    Parameters
    ----------
    assumptions : KeepWinAssumptions, optional
        The book to check (default: the handout's cost ratio on the course's defaults).
    gain : float, default 0.05
        The retention rise to check, as a fraction (Reichheld & Sasser's five points).

    Returns
    -------
    HandoutCheck

    Raises
    ------
    KamValueError
        If the assumptions are not a :class:`KeepWinAssumptions`, the gain is outside what the
        retention rate allows, or the book makes no profit at the current rate.

    Examples
    --------
    >>> check = check_handout_claim()
    >>> round(check.effect_pct, 1), check.within
    (22.1, False)
    >>> round(100 * check.gain_for_low, 1)
    5.7
    """
    a = sourced_assumptions("handout") if assumptions is None else _check_assumptions(assumptions)
    gain = check_number("gain", gain)  # its range is checked by retention_profit_effect
    effect = retention_profit_effect(a, gain=gain)
    low, high = HANDOUT[1].low, HANDOUT[1].high
    per_point = effect / (gain * 100) if gain else 0.0
    headroom = 1 - a.retention_rate

    def needed(target: float) -> float:
        rise = target / per_point / 100 if per_point > 0 else float("nan")
        return rise if rise <= headroom else float("nan")

    for_low, for_high = needed(low), needed(high)
    within = low <= effect <= high
    explanation = _(
        "With keeping at {ratio:.0%} of the cost of winning (the handout's middle) and the "
        "course's default book, {points:g} more points of retention change yearly profit by "
        "{effect:+.1f}%; the handout claims +{low:g}% to +{high:g}%. The handout states "
        "neither the size of the retention rise nor the profit it is measured against. Its "
        "range echoes Reichheld & Sasser (1990): +25% to +85% for five more points of "
        "retention, in service companies. A percentage gain is large where profit is thin "
        "and a lost customer is dear to replace. In this model the handout's +{low:g}% needs "
        "{for_low} more points of retention and its +{high:g}% {for_high}."
    ).format(
        ratio=a.keep_cost_ratio,
        points=round(gain * 100, 2),
        effect=effect,
        low=low,
        high=high,
        for_low=_points(for_low),
        for_high=_points(for_high),
    )
    return HandoutCheck(gain, effect, low, high, for_low, for_high, within, explanation)


def _points(rise: float) -> str:
    if np.isnan(rise):
        return _("more than the retention rate can rise")
    return _("{points:.1f}").format(points=rise * 100)


@dataclass(frozen=True)
class Retention:
    """Year-on-year retention (客户保留率): of the accounts that ordered in ``year - 1``
    (``ordered_before``), ``kept`` ordered again in ``year``; ``rate`` = kept / ordered_before.
    ``lost``: the ids of the accounts that did not order again, sorted. Made by
    :func:`retention`.
    """

    year: int
    ordered_before: int
    kept: int
    rate: float
    lost: tuple[Any, ...]


def retention(
    transactions: pd.DataFrame, *, year: int, account: str = "account_id", date: str = "date"
) -> Retention:
    """Measure how many of the accounts ordering in ``year - 1`` ordered again in ``year``.

    An account "orders" in a year when it has at least one transaction row dated in it.

    Parameters
    ----------
    transactions : pandas.DataFrame
        The case's order lines (``datasets.load("transactions")``), or a learner's own in
        the same shape.
    year : int
        The year to measure; the year before it must hold orders.
    account, date : str
        The columns of the account id and of the order date.

    Returns
    -------
    Retention

    Raises
    ------
    KamValueError
        If a column is missing or holds a bad value, or nobody ordered in ``year - 1``.

    Examples
    --------
    >>> from kamlib import datasets
    >>> kept = retention(datasets.load("transactions"), year=2025)
    >>> kept.ordered_before, kept.kept, round(kept.rate, 3)
    (167, 160, 0.958)
    """
    check_frame("transactions", transactions, {"account": account, "date": date})
    year = check_year("year", year)
    dates = check_date_series(f"date column {date!r}", transactions[date])
    ids = check_key_series(
        f"account column {account!r}", transactions[account], kind=_("an account id")
    )
    years = dates.dt.year.to_numpy()
    before = pd.Index(ids[years == year - 1].unique())
    if len(before) == 0:
        span = f"{years.min()}–{years.max()}" if len(years) else "none"
        raise fail(
            "year",
            year,
            _("a year whose previous year holds orders in transactions (years with orders: "
              "{span})").format(span=span),
        )
    kept = before.isin(ids[years == year].unique())
    return Retention(
        year=year,
        ordered_before=len(before),
        kept=int(kept.sum()),
        rate=float(kept.mean()),
        lost=tuple(sorted(before[~kept].tolist())),
    )
