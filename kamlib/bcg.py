"""The BCG growth–share matrix (波士顿矩阵) [L2.6].

Each business unit or product line sits at (relative market share 相对市场份额, market
growth rate 市场成长率). Relative share is our share divided by the largest rival's (for
the leader: the runner-up's), split at 1x; growth is split at 10% a year. A share or a
growth rate exactly on the split counts as high.

The matrix is the Boston Consulting Group's (Henderson 1970, "The Product Portfolio"). What
each quadrant calls for is usually read with four strategies (Kotler 2000, *Marketing
Management*): **build** the question marks that are worth it (that can become leaders),
**hold** stars and strong cash cows, **harvest** weak cash cows (and question marks or dogs
with no future), **divest** dogs and the question marks that drain cash. Not "star → hold,
cash cow → harvest": harvesting a strong cow starves the line that pays the bills.
:func:`bcg_table` gives each line its ``advice``: a cash cow is weak, and so harvested, when
its market barely grows or its lead is thin (:data:`WEAK_COW_GROWTH_PCT`,
:data:`WEAK_COW_LEAD`: the course's assumptions).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from kamlib.i18n import N_, _
from kamlib.validation import check_frame, check_number, check_numeric_series, fail


@dataclass(frozen=True)
class Quadrant:
    """One cell of the BCG matrix and the strategy it usually calls for.

    Examples
    --------
    >>> QUADRANTS[1].key, QUADRANTS[1].strategy
    ('star', 'hold')
    """

    key: str
    en: str
    zh: str
    strategy: str
    explanation: str

    @property
    def name(self) -> str:
        """The quadrant's English name with its Chinese term.

        Returns
        -------
        str

        Examples
        --------
        >>> QUADRANTS[0].name
        'question mark (问题类)'
        """
        return f"{self.en} ({self.zh})"


QUADRANTS = (
    Quadrant(
        "question_mark",
        N_("question mark"),
        "问题类",
        N_("build"),
        N_("A small share of a fast-growing market: build share where the line can become a "
           "leader and the investment is worth it; otherwise divest or harvest it."),
    ),
    Quadrant(
        "star",
        N_("star"),
        "明星类",
        N_("hold"),
        N_("A leading share of a fast-growing market: keep investing to hold the lead until "
           "the market slows and it becomes a cash cow."),
    ),
    Quadrant(
        "cash_cow",
        N_("cash cow"),
        "现金牛类",
        N_("hold or harvest"),
        N_("A leading share of a slow market: hold a strong cow (a clear lead in a market that "
           "still grows) with just enough investment; harvest a weak one (a thin lead or a "
           "stalling market): spend little and use its cash for stars and question marks."),
    ),
    Quadrant(
        "dog",
        N_("dog"),
        "瘦狗类",
        N_("divest"),
        N_("A small share of a slow market: it ties up money and attention; sell it, close it "
           "or run it down, unless a key account needs it as part of what it buys from us."),
    ),
)
#: A cash cow whose market grows less than this (per cent a year) is weak: harvest it.
WEAK_COW_GROWTH_PCT = 3.0
#: A cash cow whose relative share is below this is weak: its lead is thin (harvest it).
WEAK_COW_LEAD = 1.1
#: The advice of each line in :func:`bcg_table`, by quadrant (cash cows: by strength).
ADVICE = {
    "question_mark": N_("build if it can lead, else divest"),
    "star": N_("hold"),
    "strong_cow": N_("hold"),
    "weak_cow": N_("harvest"),
    "dog": N_("divest unless a key account needs it"),
}
_BY_KEY = {q.key: q for q in QUADRANTS}
# Index = 2 * high_growth + high_share.
_KEY_ORDER = np.array(["dog", "cash_cow", "question_mark", "star"], dtype=object)


def _is_vector(value: Any) -> bool:
    return isinstance(value, (pd.Series, np.ndarray, list, tuple))


def _numbers(field: str, value: Any, minimum: float | None) -> tuple[pd.Series, bool]:
    """Check a number or a vector of numbers; return them as a float Series and is-vector."""
    if _is_vector(value):
        return check_numeric_series(field, value, minimum=minimum), True
    return pd.Series([float(check_number(field, value, minimum=minimum))]), False


def _reject_first(field: str, bad: np.ndarray, values: pd.Series, vector: bool, allowed: str):
    """Raise for the first ``bad`` value, naming its row when the input was a vector."""
    if bad.any():
        position = int(np.flatnonzero(bad)[0])
        where = f" (row {values.index[position]!r})" if vector else ""
        raise fail(f"{field}{where}", values.iloc[[position]].tolist()[0], allowed)


def _unwrap(result: pd.Series, vector: bool) -> Any:
    return result if vector else result.tolist()[0]


def _same_shape(fields: tuple[str, str], value: Any, first: pd.Series, second: pd.Series,
                vectors: set) -> None:
    if len(vectors) > 1 or len(first) != len(second):
        raise fail(
            fields[1],
            value,
            _("the same shape as {first} (two numbers or two vectors of equal length)").format(
                first=fields[0]
            ),
        )


def relative_market_share(own: Any, largest_rival: Any) -> Any:
    """Return our market share divided by the largest rival's (shares in %, 0 < s <= 100).

    Parameters
    ----------
    own : float or sequence of float
        Our share of the market in % (above 0, at most 100), or one share per line.
    largest_rival : float or sequence of float
        The largest rival's share in % of the same market(s), same shape as ``own``.

    Returns
    -------
    float or pandas.Series
        A float for two numbers, a Series named ``relative_share`` for two vectors; above 1
        means we lead the market.

    Raises
    ------
    KamValueError
        If a share is not above 0 and at most 100, the two shares add up to more than 100,
        or the two vectors differ in length.

    Examples
    --------
    >>> relative_market_share(20, 40)
    0.5
    >>> relative_market_share([30, 10], [15, 20]).tolist()
    [2.0, 0.5]
    """
    return _relative_share(own, largest_rival, ("own", "largest_rival"))


def _relative_share(own: Any, largest_rival: Any, fields: tuple[str, str]) -> Any:
    """:func:`relative_market_share`, naming the two inputs ``fields`` in its messages."""
    allowed = _("a market share in % above 0 and at most 100")
    own_share, vector = _numbers(fields[0], own, 0)
    rival_share, rival_vector = _numbers(fields[1], largest_rival, 0)
    _same_shape(fields, largest_rival, own_share, rival_share, {vector, rival_vector})
    for field, shares in zip(fields, (own_share, rival_share), strict=True):
        _reject_first(
            field, (shares <= 0).to_numpy() | (shares > 100).to_numpy(), shares, vector, allowed
        )
    own_array, rival_array = own_share.to_numpy(), rival_share.to_numpy()
    total = pd.Series(own_array + rival_array, index=own_share.index)
    _reject_first(
        " + ".join(fields),
        (total > 100 + 1e-9).to_numpy(),
        total,
        vector,
        _("at most 100 (% of one market)"),
    )
    ratio = pd.Series(own_array / rival_array, index=own_share.index, name="relative_share")
    return _unwrap(ratio, vector)


def bcg_quadrant(
    growth: Any, relative_share: Any, *, growth_split: float = 10.0, share_split: float = 1.0
) -> Any:
    """Return the quadrant key ("question_mark", "star", "cash_cow" or "dog").

    Values at or above a split count as high.

    Parameters
    ----------
    growth : float or sequence of float
        Market growth in % a year, or one rate per line.
    relative_share : float or sequence of float
        Our share divided by the largest rival's (above 0), same shape as ``growth``.
    growth_split : float, default 10.0
        The growth in % a year from which a market counts as fast-growing.
    share_split : float, default 1.0
        The relative share from which a line counts as a leader.

    Returns
    -------
    str or pandas.Series
        A quadrant key for numbers, a Series named ``quadrant`` for vectors.

    Raises
    ------
    KamValueError
        If a number is missing or not finite, a relative share is not above 0, or the two
        vectors differ in length.

    Examples
    --------
    >>> bcg_quadrant(12, 1.5)
    'star'
    >>> bcg_quadrant([12, 4], [0.5, 2.0]).tolist()
    ['question_mark', 'cash_cow']
    """
    return _quadrant(growth, relative_share, growth_split, share_split, "growth")


def _quadrant(
    growth: Any, relative_share: Any, growth_split: Any, share_split: Any, growth_field: str
) -> Any:
    """:func:`bcg_quadrant`, naming the growth input ``growth_field`` in its messages."""
    growth_split = check_number("growth_split", growth_split)
    share_split = check_number("share_split", share_split, minimum=0)
    rates, vector = _numbers(growth_field, growth, None)
    shares, share_vector = _numbers("relative_share", relative_share, 0)
    _same_shape((growth_field, "relative_share"), relative_share, rates, shares,
                {vector, share_vector})
    _reject_first(
        "relative_share",
        (shares <= 0).to_numpy(),
        shares,
        vector,
        _("a relative share above 0 (our share / the largest rival's)"),
    )
    code = 2 * (rates.to_numpy() >= growth_split) + (shares.to_numpy() >= share_split)
    keys = pd.Series(_KEY_ORDER[code], index=rates.index, name="quadrant", dtype=object)
    return _unwrap(keys, vector)


def bcg_table(
    units: pd.DataFrame,
    *,
    growth: str = "market_growth_pct",
    own: str = "own_share_pct",
    rival: str = "largest_rival_share_pct",
    revenue: str = "revenue_cny",
    growth_split: float = 10.0,
    share_split: float = 1.0,
) -> pd.DataFrame:
    """Return ``units`` with relative share, quadrant, its name, strategy, advice and revenue
    share.

    ``strategy`` is the quadrant's usual strategy; ``advice`` decides it for the line: a
    cash cow whose market grows under :data:`WEAK_COW_GROWTH_PCT` or whose relative share is
    under :data:`WEAK_COW_LEAD` is weak and harvested, a strong one is held.

    Parameters
    ----------
    units : pandas.DataFrame
        One row per business unit or product line, e.g. the case's ``product_lines``.
    growth, own, rival, revenue : str
        The columns of market growth in % a year, our share in %, the largest rival's share
        in % and our revenue in CNY.
    growth_split, share_split : float
        The splits of :func:`bcg_quadrant`.

    Returns
    -------
    pandas.DataFrame
        A copy of ``units`` with ``relative_share``, ``quadrant``, ``quadrant_name``,
        ``strategy``, ``advice`` and ``revenue_share`` added.

    Raises
    ------
    KamValueError
        If ``units`` is empty, lacks a column, holds a bad share or growth (named by row), or
        its revenue adds up to 0.

    Examples
    --------
    >>> from kamlib import datasets
    >>> table = bcg_table(datasets.load("product_lines"))
    >>> table.loc[:2, ["line_id", "quadrant", "strategy"]]
      line_id  quadrant         strategy
    0    PL01  cash_cow  hold or harvest
    1    PL02  cash_cow  hold or harvest
    2    PL03       dog           divest
    """
    check_frame("units", units, {"growth": growth, "own": own, "rival": rival,
                                 "revenue": revenue})
    if len(units) == 0:
        raise fail("units", "an empty table", _("at least one business unit or product line"))
    table = units.copy()
    table["relative_share"] = _relative_share(
        units[own], units[rival], (f"own column {own!r}", f"rival column {rival!r}")
    )
    table["quadrant"] = _quadrant(
        units[growth], table["relative_share"], growth_split, share_split,
        f"growth column {growth!r}",
    )
    table["quadrant_name"] = table["quadrant"].map({k: q.name for k, q in _BY_KEY.items()})
    table["strategy"] = table["quadrant"].map({k: q.strategy for k, q in _BY_KEY.items()})
    rates = check_numeric_series(f"growth column {growth!r}", units[growth])  # checked above
    weak = (rates.to_numpy() < WEAK_COW_GROWTH_PCT) | (table["relative_share"] < WEAK_COW_LEAD)
    kind = table["quadrant"].where(
        table["quadrant"] != "cash_cow", np.where(weak, "weak_cow", "strong_cow")
    )
    table["advice"] = kind.map(ADVICE)
    amounts = check_numeric_series(f"revenue column {revenue!r}", table[revenue], minimum=0)
    total = amounts.sum()
    if total <= 0:
        raise fail(f"revenue column {revenue!r}", "a total of 0", _("some revenue above 0"))
    table["revenue_share"] = amounts / total
    return table
