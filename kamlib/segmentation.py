"""Market segmentation (市场细分) [L2.7]: is a proposed segment worth targeting?

The handout asks four things of a segment (细分市场): it is large enough (规模足够大), its
members are alike inside (相似性), it is defined by something related to the buying
situation (与购买环境相关), and we can reach it (必须可到达). Similarity is scored 0–1: the
share of the segment's accounts that share its defining buying need (1 = all alike).
Every key account can be a segment of its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from kamlib.i18n import N_, _
from kamlib.settings import current
from kamlib.validation import (
    check_bool,
    check_date_series,
    check_flag_series,
    check_frame,
    check_key_series,
    check_number,
    check_numeric_series,
    check_text_series,
    check_year,
    fail_row,
)


@dataclass(frozen=True)
class Criterion:
    """One test a segment must pass, with the question it asks.

    Examples
    --------
    >>> SEGMENT_CRITERIA[3].question
    'Can our sales force and channels reach its buyers?'
    """

    key: str
    en: str
    zh: str
    question: str


SEGMENT_CRITERIA = (
    Criterion(
        "large_enough",
        N_("large enough"),
        "规模足够大",
        N_("Does the segment spend enough a year to justify its own strategy?"),
    ),
    Criterion(
        "similar",
        N_("similar inside"),
        "相似性",
        N_("Do its accounts share the need that defines it, so one offer fits them all?"),
    ),
    Criterion(
        "relevant",
        N_("related to the buying situation"),
        "与购买环境相关",
        N_("Is it defined by how or why the accounts buy, not by a trait that does not matter?"),
    ),
    Criterion(
        "reachable",
        N_("reachable"),
        "必须可到达",
        N_("Can our sales force and channels reach its buyers?"),
    ),
)
DEFAULT_MIN_SIMILARITY = 0.7


@dataclass(frozen=True)
class CriterionVerdict:
    """Whether one criterion is met, and why. Part of a :class:`SegmentAssessment`."""

    key: str
    en: str
    zh: str
    passed: bool
    reason: str


@dataclass(frozen=True)
class SegmentAssessment:
    """The four verdicts on a segment; ``passed`` only if all four pass.

    Made by :func:`assess_segment`.
    """

    verdicts: tuple[CriterionVerdict, ...]
    passed: bool

    @property
    def failed(self) -> tuple[str, ...]:
        """The keys of the criteria not met, in the order of :data:`SEGMENT_CRITERIA`.

        Returns
        -------
        tuple of str

        Examples
        --------
        >>> assess_segment(500_000, min_size_cny=1_000_000, similarity=0.9, relevant=True,
        ...                reachable=False).failed
        ('large_enough', 'reachable')
        """
        return tuple(v.key for v in self.verdicts if not v.passed)


def _tests(size, min_size, similarity, min_similarity, relevant, reachable) -> dict[str, Any]:
    """The pass/fail of each criterion; works on numbers and on numpy arrays alike."""
    return {
        "large_enough": np.asarray(size) >= min_size,
        "similar": np.asarray(similarity) >= min_similarity,
        "relevant": np.asarray(relevant, dtype=bool),
        "reachable": np.asarray(reachable, dtype=bool),
    }


def _check_thresholds(min_size_cny: Any, min_similarity: Any) -> tuple[float, float]:
    return (
        float(check_number("min_size_cny", min_size_cny, minimum=0)),
        float(check_number("min_similarity", min_similarity, minimum=0, maximum=1)),
    )


def assess_segment(
    size_cny: float,
    *,
    min_size_cny: float,
    similarity: float,
    relevant: bool,
    reachable: bool,
    min_similarity: float = DEFAULT_MIN_SIMILARITY,
) -> SegmentAssessment:
    """Judge one segment against the four criteria, with a reason for each verdict.

    Parameters
    ----------
    size_cny : float
        What the segment's accounts spend a year in our category, in CNY.
    min_size_cny : float
        The least yearly spend that justifies a strategy of its own, in CNY.
    similarity : float
        How alike its accounts are in the need that defines it, from 0 to 1 (e.g. the share
        that buys the same main line).
    relevant : bool
        Whether the segment is defined by how or why its accounts buy.
    reachable : bool
        Whether our sales force and channels can reach its buyers.
    min_similarity : float, default 0.7
        The least similarity that lets one offer fit them all.

    Returns
    -------
    SegmentAssessment

    Raises
    ------
    KamValueError
        If a number is out of range or a flag is not True or False.

    Examples
    --------
    >>> verdict = assess_segment(5_000_000, min_size_cny=1_000_000, similarity=0.6,
    ...                          relevant=True, reachable=True)
    >>> verdict.passed, verdict.failed, verdict.verdicts[1].reason
    (False, ('similar',), 'similarity 0.60; the minimum is 0.70')
    """
    size = check_number("size_cny", size_cny, minimum=0)
    min_size, min_similar = _check_thresholds(min_size_cny, min_similarity)
    similar = check_number("similarity", similarity, minimum=0, maximum=1)
    is_relevant = check_bool("relevant", relevant)
    is_reachable = check_bool("reachable", reachable)
    tests = _tests(size, min_size, similar, min_similar, is_relevant, is_reachable)
    reasons = {
        "large_enough": _("spends {size} CNY a year; the minimum is {minimum} CNY").format(
            size=f"{size:,.0f}", minimum=f"{min_size:,.0f}"),
        "similar": _("similarity {similarity}; the minimum is {minimum}").format(
            similarity=f"{similar:.2f}", minimum=f"{min_similar:.2f}"),
        "relevant": _("defined by the buying situation")
        if is_relevant
        else _("not defined by how or why its accounts buy"),
        "reachable": _("our sales force can reach it") if is_reachable
        else _("we cannot reach it"),
    }
    verdicts = tuple(
        CriterionVerdict(c.key, c.en, c.zh, bool(tests[c.key]), reasons[c.key])
        for c in SEGMENT_CRITERIA
    )
    return SegmentAssessment(verdicts=verdicts, passed=all(v.passed for v in verdicts))


def _flag_column(frame: pd.DataFrame, column: str) -> np.ndarray:
    return check_flag_series(f"column {column!r}", frame[column])


def assess_segments(
    frame: pd.DataFrame,
    *,
    min_size_cny: float,
    size: str = "size_cny",
    similarity: str = "similarity",
    relevant: str = "relevant",
    reachable: str = "reachable",
    min_similarity: float = DEFAULT_MIN_SIMILARITY,
) -> pd.DataFrame:
    """Judge many segments at once against the four criteria, one row each.

    Parameters
    ----------
    frame : pandas.DataFrame
        One row per candidate segment, e.g. :func:`industry_segments`'s result.
    min_size_cny : float
        The least yearly spend that justifies a strategy of its own, in CNY.
    size, similarity, relevant, reachable : str
        The columns of the yearly spend (CNY), the similarity (0–1) and the two flags
        (True/False), as in :func:`assess_segment`.
    min_similarity : float, default 0.7
        The least similarity that lets one offer fit them all.

    Returns
    -------
    pandas.DataFrame
        A copy of ``frame`` with one True/False column per criterion, ``passed`` and
        ``failed`` (the keys of the criteria not met, comma-separated).

    Raises
    ------
    KamValueError
        If a column is missing or holds a bad value (named by row), or a threshold is out
        of range.

    Examples
    --------
    >>> import pandas as pd
    >>> candidates = pd.DataFrame({"size_cny": [5e6, 5e5], "similarity": [0.8, 0.9],
    ...                            "relevant": [True, True], "reachable": [True, False]},
    ...                           index=["shipyards", "yacht builders"])
    >>> assess_segments(candidates, min_size_cny=1e6)[["passed", "failed"]]
                    passed                   failed
    shipyards         True
    yacht builders   False  large_enough, reachable
    """
    check_frame(
        "frame",
        frame,
        {"size": size, "similarity": similarity, "relevant": relevant, "reachable": reachable},
    )
    min_size, min_similar = _check_thresholds(min_size_cny, min_similarity)
    sizes = check_numeric_series(f"column {size!r}", frame[size], minimum=0)
    similar = check_numeric_series(
        f"column {similarity!r}", frame[similarity], minimum=0, maximum=1
    )
    tests = _tests(
        sizes.to_numpy(),
        min_size,
        similar.to_numpy(),
        min_similar,
        _flag_column(frame, relevant),
        _flag_column(frame, reachable),
    )
    result = frame.copy()
    failed = pd.Series("", index=frame.index, dtype=object)
    for key, passed in tests.items():
        result[key] = passed
        failed = failed + np.where(passed, "", key + ", ")
    result["passed"] = np.logical_and.reduce(list(tests.values()))
    result["failed"] = failed.str.rstrip(", ")
    return result


_ACCOUNT_COLUMNS = ["account_id", "industry", "capacity_cny"]
_SALES_COLUMNS = ["date", "account_id", "line_id", "revenue_cny"]


def industry_sales(
    accounts: pd.DataFrame, transactions: pd.DataFrame, *, year: int | None = None
) -> pd.DataFrame:
    """The transactions of ``year`` (default: the year of the course's today), each with its
    account's ``industry``: the shared start of segment sizes and cross-selling.

    Parameters
    ----------
    accounts, transactions : pandas.DataFrame
        The case tables (``kamlib.datasets.load``), or a learner's own in the same shape.
    year : int, optional
        The year whose orders count (default: the course settings' year).

    Returns
    -------
    pandas.DataFrame
        The order lines of ``year`` with an ``industry`` column added.

    Raises
    ------
    KamValueError
        If a table lacks a column, an account appears twice or lacks an industry or a
        capacity of at least 0, or an order is undated, of an unknown account or has a
        negative revenue.

    Examples
    --------
    >>> from kamlib import datasets
    >>> accounts, orders = datasets.load("accounts"), datasets.load("transactions")
    >>> sales = industry_sales(accounts, orders, year=2025)
    >>> bool(sales["industry"].notna().all())
    True
    """
    _checked_accounts(accounts)
    check_frame("transactions", transactions, _SALES_COLUMNS)
    year = current().case_year if year is None else check_year("year", year)
    dates = check_date_series("transactions['date']", transactions["date"])
    revenue = check_numeric_series(
        "transactions['revenue_cny']", transactions["revenue_cny"], minimum=0
    )
    check_key_series("transactions['line_id']", transactions["line_id"], kind=_("a product line"))
    ids = check_key_series("transactions['account_id']", transactions["account_id"])
    known = ids.isin(accounts["account_id"]).to_numpy()
    if not known.all():
        raise fail_row(
            "transactions['account_id']",
            ~known,
            transactions.index,
            ids,
            _("an account_id of accounts"),
        )
    in_year = (dates.dt.year == year).to_numpy()
    sales = transactions[in_year].assign(
        date=dates.to_numpy()[in_year], revenue_cny=revenue.to_numpy()[in_year]
    )
    industry = accounts.set_index("account_id")["industry"]
    return sales.assign(industry=sales["account_id"].map(industry))


def _checked_accounts(accounts: Any) -> pd.Series:
    """Check the accounts table of the segment functions; return the capacities (>= 0)."""
    check_frame("accounts", accounts, _ACCOUNT_COLUMNS)
    check_key_series("accounts['account_id']", accounts["account_id"], unique=True)
    check_text_series("accounts['industry']", accounts["industry"])
    return check_numeric_series(
        "accounts['capacity_cny']", accounts["capacity_cny"], minimum=0,
        labels=accounts["account_id"],
    )


def _buyer_counts(sales: pd.DataFrame, industries: pd.Index) -> pd.DataFrame:
    """Distinct accounts buying each line (columns) in each industry (rows, all of them)."""
    counts = sales.groupby(["industry", "line_id"], observed=True)["account_id"].nunique()
    return counts.unstack(fill_value=0).reindex(industries, fill_value=0)


def _industries(accounts: pd.DataFrame) -> pd.Index:
    return pd.Index(accounts["industry"].dropna().unique(), name="industry").sort_values()


def industry_line_buyers(
    accounts: pd.DataFrame, transactions: pd.DataFrame, *, year: int | None = None
) -> pd.DataFrame:
    """How many accounts of each industry (rows) bought each product line (columns) in
    ``year``; a 0 shows an industry a line has not reached (market development).

    Parameters
    ----------
    accounts, transactions : pandas.DataFrame
        The case tables (``kamlib.datasets.load``), or a learner's own in the same shape.
    year : int, optional
        The year whose orders count (default: the course settings' year).

    Returns
    -------
    pandas.DataFrame
        Index ``industry`` (every industry of ``accounts``), columns the product lines.

    Raises
    ------
    KamValueError
        If a table lacks a column, an account appears twice or lacks an industry or a
        capacity of at least 0, or an order is undated, of an unknown account or has a
        negative revenue.

    Examples
    --------
    >>> from kamlib import datasets
    >>> accounts, orders = datasets.load("accounts"), datasets.load("transactions")
    >>> industry_line_buyers(accounts, orders).loc["electronics", ["PL01", "PL02"]].tolist()
    [0, 16]
    """
    return _buyer_counts(industry_sales(accounts, transactions, year=year), _industries(accounts))


def industry_segments(
    accounts: pd.DataFrame, transactions: pd.DataFrame, *, year: int | None = None
) -> pd.DataFrame:
    """Each industry as a candidate segment, in the frame :func:`assess_segments` takes.

    Per industry: ``accounts`` (those buying from us in ``year``), ``size_cny`` (the yearly
    spend of all its accounts in our category, from ``capacity_cny``), ``similarity`` (the
    share of its buying accounts that buy its most common line, ``main_line``: one offer
    fits them), ``relevant`` (True: an industry's coating needs follow from what it makes, a
    buying-situation criterion) and ``reachable`` (True if we already sell to it).

    Parameters
    ----------
    accounts, transactions : pandas.DataFrame
        The case tables (``kamlib.datasets.load``), or a learner's own in the same shape.
    year : int, optional
        The year whose orders count (default: the course settings' year).

    Returns
    -------
    pandas.DataFrame
        Index ``industry``; columns accounts, size_cny, similarity, main_line, relevant and
        reachable.

    Raises
    ------
    KamValueError
        If a table lacks a column, an account appears twice or lacks an industry or a
        capacity of at least 0, or an order is undated, of an unknown account or has a
        negative revenue.

    Examples
    --------
    >>> from kamlib import datasets
    >>> accounts, orders = datasets.load("accounts"), datasets.load("transactions")
    >>> segments = industry_segments(accounts, orders)
    >>> int(segments.loc["electronics", "accounts"]), segments.loc["electronics", "main_line"]
    (22, 'PL07')
    """
    sales = industry_sales(accounts, transactions, year=year)
    capacity = _checked_accounts(accounts)
    industries = _industries(accounts)
    buyers = _buyer_counts(sales, industries)
    trading = sales.groupby("industry", observed=True)["account_id"].nunique()
    trading = trading.reindex(industries, fill_value=0)
    has_buyers = (trading > 0).to_numpy()
    widest = buyers.max(axis=1).to_numpy() if buyers.shape[1] else np.zeros(len(industries))
    main_line = buyers.idxmax(axis=1) if buyers.shape[1] else pd.Series(pd.NA, index=industries)
    return pd.DataFrame(
        {
            "accounts": trading.astype(int),
            "size_cny": capacity.groupby(accounts["industry"].to_numpy()).sum(),
            "similarity": np.divide(
                widest, trading.to_numpy(), out=np.zeros(len(industries)), where=has_buyers
            ),
            "main_line": main_line.where(has_buyers),
            "relevant": True,
            "reachable": has_buyers,
        },
        index=industries,
    )
