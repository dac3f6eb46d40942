"""Ranking accounts (优先排序) by expected value, and the wish file (希望档案) [L3.1].

After classifying customers, the sequence of L3.1 ranks them and estimates the probability
of the outcome (预估结果发生概率): an opportunity worth ``size`` won with ``probability``
is worth ``size × probability`` on average. :func:`account_opportunities` does it for the
accounts that trade with us (the business still with rivals, weighted by relationship stage);
the wish file lists the hoped-for accounts: prospects that have capacity but no trade with
us yet, ranked the same way, with :func:`prospect_probabilities` as a first rating.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from kamlib import settings
from kamlib.i18n import _
from kamlib.stages import STAGES
from kamlib.validation import (
    KamValueError,
    check_choice,
    check_choice_series,
    check_date_series,
    check_frame,
    check_key_series,
    check_number,
    check_numeric_series,
    check_text,
    check_text_series,
    fail,
    fail_row,
)

_PROBABILITY_HINT = " Write probabilities from 0 to 1, e.g. 40% as 0.4."


def _checked_probability(field: str, values: Any, labels: Any = None) -> pd.Series:
    try:
        return check_numeric_series(field, values, minimum=0, maximum=1, labels=labels)
    except KamValueError as error:
        raise KamValueError(str(error) + _PROBABILITY_HINT) from None


def _is_vector(value: Any) -> bool:
    return isinstance(value, (pd.Series, pd.Index, np.ndarray, list, tuple))


def expected_value(size: Any, probability: Any) -> float | pd.Series:
    """``size × probability``: what an opportunity is worth on average.

    Scalars give a float; Series, lists or arrays give a Series (aligned by position).
    ``probability`` is a fraction from 0 to 1 (not a percentage).
    """
    if not (_is_vector(size) or _is_vector(probability)):
        amount = check_number("size", size, minimum=0)
        try:
            chance = check_number("probability", probability, minimum=0, maximum=1)
        except KamValueError as error:
            raise KamValueError(str(error) + _PROBABILITY_HINT) from None
        return float(amount) * float(chance)
    if not (_is_vector(size) and _is_vector(probability)):
        raise fail(
            "size and probability",
            (size, probability),
            _("two numbers, or two lists of the same length"),
        )
    sizes = check_numeric_series("size", size, minimum=0)
    chances = _checked_probability("probability", probability)
    if len(sizes) != len(chances):
        raise fail(
            "probability", f"{len(chances)} values",
                _("as many values as size ({value})").format(value=len(sizes))
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
    check_frame("frame", frame, {"account": account, "size": size, "probability": probability})
    labels = check_key_series(
        f"account column {account!r}", frame[account], kind=_("an account id")
    )
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


def _check_unique(accounts: pd.DataFrame, account: str) -> pd.Series:
    return check_key_series(
        f"account column {account!r}", accounts[account], kind=_("an account id"), unique=True
    )


def has_traded(
    accounts: pd.DataFrame, transactions: pd.DataFrame | None = None, account: str = "account_id"
) -> pd.Series:
    """Whether each account has ever bought from us (a bool Series aligned with ``accounts``).

    It has when it has a row in ``transactions``, if given, else a ``first_order_date``.
    """
    check_frame("accounts", accounts, {"account": account})
    ids = check_key_series(
        f"account column {account!r}", accounts[account], kind=_("an account id")
    )
    if transactions is not None:
        check_frame("transactions", transactions, {"account": account})
        bought = check_key_series(
            f"transactions[{account!r}]", transactions[account], kind=_("an account id")
        )
        return ids.isin(bought)
    check_frame("accounts", accounts, ["first_order_date"])
    first = accounts["first_order_date"]
    check_date_series("first_order_date", first[first.notna()], labels=ids[first.notna()])
    return first.notna()


#: The stage of accounts that have never traded with us: prospects, not opportunities.
_PROSPECT_STAGE = STAGES[0].key
_TRADING_STAGES = tuple(stage.key for stage in STAGES[1:])
_STAGE_NAMES = {stage.key: {"en": stage.en, "zh": stage.zh} for stage in STAGES}


def account_opportunities(
    accounts: pd.DataFrame,
    stages: pd.DataFrame,
    probability_by_stage: Mapping[str, float] | None = None,
    revenue: str = "revenue_cny",
    capacity: str = "capacity_cny",
    account: str = "account_id",
) -> pd.DataFrame:
    """Rank the accounts that trade with us by the business they still give to rivals.

    ``accounts``: one row per account with this year's ``revenue`` and its ``capacity`` (e.g.
    :func:`kamlib.case.scored_accounts`). ``stages``: the relationship stage of every account
    (``account_id``, ``key``, ``name``, as :func:`kamlib.stages.relationship_stages` gives).
    ``probability_by_stage``: the chance (0–1) of winning that business at each stage of a trading
    account (default: the course settings' ``win_probability_by_stage``). Accounts at the pre-KAM
    stage (no trade yet) belong to the wish file and are left out. ``size_cny`` = capacity −
    revenue, never below 0 (an account buying more than its estimated capacity leaves nothing to
    win). Returns the ranking of :func:`rank_opportunities` with ``stage`` (key), ``stage_name``,
    ``size_cny`` and ``probability``.
    """
    check_frame("accounts", accounts, {"account": account, "revenue": revenue,
                                       "capacity": capacity})
    _check_unique(accounts, account)
    check_frame("stages", stages, [account, "key", "name"])
    check_key_series(f"stages[{account!r}]", stages[account], kind=_("an account id"))
    check_choice_series("stages['key']", stages["key"], [stage.key for stage in STAGES])
    check_text_series("stages['name']", stages["name"])
    chances = _stage_probabilities(
        settings.current().win_probability_by_stage
        if probability_by_stage is None
        else probability_by_stage
    )
    stage_of = stages.drop_duplicates(account, keep="last").set_index(account)
    keys = accounts[account].map(stage_of["key"])
    unstaged = keys.isna().to_numpy()
    if unstaged.any():
        raise fail_row(
            "stages",
            unstaged,
            accounts.index,
            accounts[account],
            _("a stage for every account of accounts (this account has none)"),
        )
    trading = (keys != _PROSPECT_STAGE).to_numpy()
    frame = accounts.loc[trading].assign(
        stage=keys[trading], stage_name=accounts.loc[trading, account].map(stage_of["name"])
    )
    unrated = ~frame["stage"].isin(list(chances))
    if unrated.any():
        raise fail(
            "probability_by_stage",
            sorted(chances),
            _("a probability for stage {value!r} too")
                .format(value=frame.loc[unrated, 'stage'].iloc[0]),
        )
    labels = frame[account]
    revenues = check_numeric_series(revenue, frame[revenue], minimum=0, labels=labels)
    capacities = check_numeric_series(capacity, frame[capacity], minimum=0, labels=labels)
    frame["size_cny"] = np.clip(capacities.to_numpy() - revenues.to_numpy(), 0, None)
    frame["probability"] = frame["stage"].map(chances).astype(float)
    return rank_opportunities(frame, account=account)


def _stage_probabilities(probability_by_stage: Any) -> dict[str, float]:
    """``probability_by_stage`` checked: trading stage keys mapped to 0–1."""
    if not isinstance(probability_by_stage, Mapping):
        raise fail(
            "probability_by_stage",
            probability_by_stage,
            _("a mapping stage key → probability, e.g. {'early': 0.2, 'mid': 0.3}"),
        )
    for key in probability_by_stage:
        check_choice("probability_by_stage key", key, _TRADING_STAGES)
    values = _checked_probability(
        "probability_by_stage",
        list(probability_by_stage.values()),
        labels=list(probability_by_stage),
    )
    return dict(zip(probability_by_stage, values.tolist(), strict=True))


def prospect_probabilities(
    accounts: pd.DataFrame,
    people: pd.DataFrame,
    known: float | None = None,
    cold: float | None = None,
    transactions: pd.DataFrame | None = None,
    account: str = "account_id",
) -> pd.DataFrame:
    """A first rating of every prospect: ``known`` if someone there is in our customer file
    (``people``), else ``cold`` (defaults: the course settings' ``prospect_win_probability``).

    Prospects are the accounts that have not traded (see :func:`has_traded`). Returns a
    frame indexed by account id with ``known`` (bool) and ``win_probability``; its
    ``win_probability`` column is a ``probability`` that :func:`wish_file` takes.
    """
    check_frame("accounts", accounts, {"account": account})
    _check_unique(accounts, account)
    check_frame("people", people, [account])
    check_key_series(f"people[{account!r}]", people[account], kind=_("an account id"))
    chance = {}
    defaults = settings.current().prospect_win_probability
    for field, value in (("known", known), ("cold", cold)):
        value = defaults[field] if value is None else value
        try:
            chance[field] = check_number(field, value, minimum=0, maximum=1)
        except KamValueError as error:
            raise KamValueError(str(error) + _PROBABILITY_HINT) from None
    prospects = accounts.loc[~has_traded(accounts, transactions, account).to_numpy(), account]
    on_file = prospects.isin(people[account]).to_numpy()
    return pd.DataFrame(
        {
            "known": on_file,
            "win_probability": np.where(on_file, chance["known"], chance["cold"]),
        },
        index=pd.Index(prospects.to_numpy(), name=account),
    )


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
    check_frame("accounts", accounts, {"account": account, "capacity": capacity})
    _check_unique(accounts, account)
    frame = accounts.assign(win_probability=_probabilities(accounts, probability, account))
    traded = has_traded(frame, transactions, account)
    if isinstance(probability, (Mapping, pd.Series)):
        wrong = frame.loc[traded & frame["win_probability"].notna(), account]
        if len(wrong):
            raise fail(
                "probability",
                wrong.iloc[0],
                _("prospects only (this account already buys from us: see its "
                  "first_order_date or transactions)"),
            )
    capacities = check_numeric_series(capacity, frame[capacity], minimum=0, labels=frame[account])
    keep = ~traded & (capacities > 0) & frame["win_probability"].notna()
    prospects = frame.loc[keep.to_numpy()]
    return rank_opportunities(prospects, capacity, "win_probability", account)


def _probabilities(accounts: pd.DataFrame, probability: Any, account: str) -> pd.Series:
    """The probability of winning each account, NaN where the learner has not rated it."""
    if isinstance(probability, str):
        check_frame("accounts", accounts, {"probability": probability})
        rated = accounts[probability].notna().to_numpy()
        checked = _checked_probability(
            f"probability column {probability!r}",
            accounts.loc[rated, probability],
            labels=accounts.loc[rated, account],
        )
        values = pd.Series(np.nan, index=accounts.index)
        values[rated] = checked.to_numpy()
        return values
    if not isinstance(probability, (Mapping, pd.Series)):
        raise fail("probability", probability, _("a column name or a mapping account id → 0–1"))
    given = (
        pd.Series(probability, dtype=object) if isinstance(probability, Mapping) else probability
    )
    unknown = given.index[~given.index.isin(accounts[account])]
    if len(unknown):
        raise fail("probability", unknown[0], _("an account id found in accounts"))
    checked = _checked_probability("probability", given.to_numpy(), labels=given.index)
    lookup = pd.Series(checked.to_numpy(), index=given.index)
    return accounts[account].map(lookup).astype(float)


def describe_rank(ranked: pd.DataFrame, account_id: str, *, language: str | None = None) -> str:
    """Where one account stands in a ranking, as a sentence in the learner's language.

    Parameters
    ----------
    ranked : pandas.DataFrame
        :func:`account_opportunities` (the business still with rivals, by stage) or
        :func:`wish_file` (a prospect's capacity).
    account_id : str
        The account.
    language : {"en", "zh"}, optional
        Default: the current language.

    Returns
    -------
    str
        Its rank, size × chance = expected value; or that it is not in the ranking.

    Raises
    ------
    KamValueError
        If ``ranked`` is not such a ranking, or ``account_id`` is not text.

    Examples
    --------
    >>> ranked = rank_opportunities(pd.DataFrame({
    ...     "account_id": ["A1", "A2"], "size_cny": [10e6, 3e6], "probability": [0.2, 0.6],
    ...     "stage": ["early", "synergistic"]}))
    >>> describe_rank(ranked, "A2", language="en")
    'A2 ranks 2 of 2: CNY 3.0 m still with rivals × 60% (Synergistic KAM) = CNY 1.8 m expected.'
    """
    from kamlib.formatting import money, percent
    from kamlib.i18n import _, get_language

    check_frame("ranked", ranked, ["account_id", "rank", "expected_value_cny"])
    account_id = check_text("account_id", account_id)
    wishes = "win_probability" in ranked.columns
    size, chance = ("capacity_cny", "win_probability") if wishes else ("size_cny", "probability")
    check_frame("ranked", ranked, [size, chance])
    for column in (size, "expected_value_cny"):
        check_numeric_series(f"ranked {column}", ranked[column])
    check_numeric_series(f"ranked {chance}", ranked[chance], minimum=0, maximum=1)
    mine = ranked[ranked["account_id"].astype(str) == account_id]
    if mine.empty:
        return _("{account} is not among the {n} ranked here.", language).format(
            account=account_id, n=len(ranked))
    row = mine.iloc[0]
    facts = {"account": account_id, "rank": int(row["rank"]), "n": len(ranked),
             "size": money(row[size], language=language, short=True),
             "chance": percent(row[chance], decimals=0),
             "value": money(row["expected_value_cny"], language=language, short=True)}
    if wishes:
        return _("{account} ranks {rank} of {n} in the wish file: a capacity of {size} × "
                 "{chance} = {value} expected.", language).format(**facts)
    stage = ""
    if "stage" in ranked.columns and row["stage"] in _STAGE_NAMES:
        stage = f" ({_STAGE_NAMES[row['stage']][get_language() if language is None else language]})"
    return _("{account} ranks {rank} of {n}: {size} still with rivals × {chance}{stage} = "
             "{value} expected.", language).format(stage=stage, **facts)
