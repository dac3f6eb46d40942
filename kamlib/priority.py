"""Ranking accounts (优先排序) by expected value, and the wish file (希望档案) [L3.1].

After classifying customers, the sequence of L3.1 ranks them and estimates the probability
of the outcome (预估结果发生概率): an opportunity worth ``size`` won with ``probability``
is worth ``size × probability`` on average. The wish file lists the hoped-for accounts:
prospects that have capacity but no trade with us yet, ranked the same way.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from kamlib._validation import (
    KamValueError,
    check_frame,
    check_number,
    check_numeric_series,
    check_text,
    fail,
)

_PROBABILITY_HINT = " Write probabilities from 0 to 1, e.g. 40% as 0.4."


def _checked_probability(field: str, values: Any, labels: Any = None) -> pd.Series:
    try:
        return check_numeric_series(field, values, minimum=0, maximum=1, labels=labels)
    except KamValueError as error:
        raise KamValueError(str(error) + _PROBABILITY_HINT) from None


def expected_value(size: Any, probability: Any) -> float | pd.Series:
    """``size × probability``: what an opportunity is worth on average.

    Scalars give a float; Series, lists or arrays give a Series (aligned by position).
    ``probability`` is a fraction from 0 to 1 (not a percentage).
    """
    if np.ndim(size) == 0 and np.ndim(probability) == 0:
        amount = check_number("size", size, minimum=0)
        try:
            chance = check_number("probability", probability, minimum=0, maximum=1)
        except KamValueError as error:
            raise KamValueError(str(error) + _PROBABILITY_HINT) from None
        return float(amount) * float(chance)
    sizes = check_numeric_series("size", size, minimum=0)
    chances = _checked_probability("probability", probability)
    if len(sizes) != len(chances):
        raise fail(
            "probability", f"{len(chances)} values", f"as many values as size ({len(sizes)})"
        )
    index = sizes.index if isinstance(size, pd.Series) else chances.index
    return pd.Series(sizes.to_numpy() * chances.to_numpy(), index=index, name="expected_value_cny")


def rank_opportunities(
    frame: pd.DataFrame,
    size: str = "size_cny",
    probability: str = "probability",
    account: str = "account_id",
) -> pd.DataFrame:
    """Rank opportunities by expected value, largest first.

    Returns a copy of ``frame`` sorted by ``expected_value_cny`` (ties: larger size, then
    account), with ``rank`` (1 = best; equal values share a rank) and ``cumulative_share``
    (the share of all expected value held by this row and those above it).
    """
    check_frame("frame", frame, [account, size, probability])
    labels = frame[account]
    sizes = check_numeric_series(size, frame[size], minimum=0, labels=labels)
    chances = _checked_probability(probability, frame[probability], labels=labels)
    ranked = frame.assign(expected_value_cny=sizes.to_numpy() * chances.to_numpy())
    ranked = ranked.sort_values(
        ["expected_value_cny", size, account], ascending=[False, False, True], kind="stable"
    ).reset_index(drop=True)
    values = ranked["expected_value_cny"]
    total = float(values.sum())
    ranked["rank"] = values.rank(method="min", ascending=False).astype("int64")
    ranked["cumulative_share"] = values.cumsum() / total if total > 0 else 0.0
    return ranked


def wish_file(
    accounts: pd.DataFrame,
    probability: str | Mapping[str, float] | pd.Series,
    transactions: pd.DataFrame | None = None,
    capacity: str = "capacity_cny",
    account: str = "account_id",
) -> pd.DataFrame:
    """The wish file (希望档案): prospects with capacity and no trade yet, ranked.

    A prospect has no trade with us: no row in ``transactions`` if given, else no
    ``first_order_date``. Only prospects with capacity above 0 and a rated probability of
    winning them are listed. ``probability`` is a column of ``accounts`` or a mapping
    account id → probability (0–1). The ranking is that of :func:`rank_opportunities` on
    capacity × probability; the result has ``win_probability`` and ``expected_value_cny``.
    """
    check_frame("accounts", accounts, [account, capacity])
    if accounts[account].duplicated().any():
        duplicate = accounts.loc[accounts[account].duplicated(), account].iloc[0]
        raise fail(account, duplicate, "each account once (this one appears twice)")
    frame = accounts.assign(win_probability=_probabilities(accounts, probability, account))
    if transactions is not None:
        check_frame("transactions", transactions, [account])
        traded = frame[account].isin(transactions[account])
    else:
        check_frame("accounts", accounts, ["first_order_date"])
        traded = frame["first_order_date"].notna()
    if isinstance(probability, (Mapping, pd.Series)):
        wrong = frame.loc[traded & frame["win_probability"].notna(), account]
        if len(wrong):
            raise fail(
                "probability", wrong.iloc[0], "prospects only (this account already buys from us)"
            )
    capacities = check_numeric_series(capacity, frame[capacity], minimum=0, labels=frame[account])
    keep = ~traded & (capacities > 0) & frame["win_probability"].notna()
    prospects = frame.loc[keep.to_numpy()]
    return rank_opportunities(prospects, capacity, "win_probability", account)


def _probabilities(accounts: pd.DataFrame, probability: Any, account: str) -> pd.Series:
    """The probability of winning each account, NaN where the learner has not rated it."""
    if isinstance(probability, str):
        check_text("probability", probability)
        check_frame("accounts", accounts, [probability])
        rated = accounts[probability].notna().to_numpy()
        checked = _checked_probability(
            probability, accounts.loc[rated, probability], labels=accounts.loc[rated, account]
        )
        values = pd.Series(np.nan, index=accounts.index)
        values[rated] = checked.to_numpy()
        return values
    if not isinstance(probability, (Mapping, pd.Series)):
        raise fail("probability", probability, "a column name or a mapping account id → 0–1")
    given = (
        pd.Series(probability, dtype=object) if isinstance(probability, Mapping) else probability
    )
    unknown = given.index[~given.index.isin(accounts[account])]
    if len(unknown):
        raise fail("probability", unknown[0], "an account id found in accounts")
    checked = _checked_probability("probability", given.to_numpy(), labels=given.index)
    lookup = pd.Series(checked.to_numpy(), index=given.index)
    return accounts[account].map(lookup).astype(float)
