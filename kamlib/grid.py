"""The customer classification grid (客户分类系统) [L3.4].

Each account is a point (X, Y): X = what it buys from us now (目前的购买状况), Y = what it
could buy in our category from all suppliers (总体购买能力), both scored 0–4 (see
:data:`SCORE_MEANINGS`). The handout names classes A, B and C in words only; the default
cell-by-cell rule is ours; an instructor sets it in the course settings
(:mod:`kamlib.settings`, section ``[classes]``) or passes :class:`ClassificationRules`. By default:

- class A (A级): X >= 3 and Y >= 3, high volume and high potential;
- class C (C级): Y <= 1, too small a market to be worth objectives;
- class B (B级): every other cell, medium volume or a real gap between X and Y.

A VIP heavyweight (重量级客户VIP) is important for its influence whatever it buys: the VIP
flag overrides the grid class, which is still reported beside it. X > Y is impossible
(an account cannot buy more from us than it buys at all) and is rejected.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from kamlib import settings
from kamlib.i18n import _
from kamlib.validation import (
    _show,
    check_bool,
    check_flag_series,
    check_frame,
    check_number,
    check_numeric_series,
    fail,
)

SCORE_MEANINGS: dict[int, tuple[str, str]] = {
    0: ("does not buy", "不购买"),
    1: ("buys very little", "很少购买"),
    2: ("buys an average amount", "购买量一般"),
    3: ("buys a lot", "较多购买"),
    4: ("buys in large volume", "大量购买"),
}
MAX_SCORE = 4
GRID_CLASSES = ("A", "B", "C")
ACCOUNT_CLASSES = ("A", "B", "C", "VIP")
VIP_CODE = ACCOUNT_CLASSES.index("VIP")
IMPOSSIBLE = "impossible"
_SCORE_RANGE = "a whole number from 0 to 4"


@dataclass(frozen=True)
class ClassificationRules:
    """Where classes A and C lie on the grid; every other possible cell is class B.

    ``a_min_x``/``a_min_y``: class A needs X and Y at least this high. ``c_max_y``: class C
    is every account whose capacity Y is at most this (it must lie below ``a_min_y``).
    ``vip_overrides``: whether the VIP flag replaces the grid class. A rule not given is
    the course settings' (:func:`kamlib.settings.current`), e.g.
    ``ClassificationRules(a_min_x=4)`` changes only where class A starts.

    Raises
    ------
    KamValueError
        If a cut is not a whole number from 0 to 4, ``c_max_y`` is not below ``a_min_y``, or
        ``vip_overrides`` is not True or False.

    Examples
    --------
    >>> rules = ClassificationRules(a_min_x=3, a_min_y=3, c_max_y=1, vip_overrides=True)
    >>> rules.a_min_x, rules.c_max_y
    (3, 1)
    """

    a_min_x: int = dataclasses.field(default_factory=lambda: settings.current().a_min_x)
    a_min_y: int = dataclasses.field(default_factory=lambda: settings.current().a_min_y)
    c_max_y: int = dataclasses.field(default_factory=lambda: settings.current().c_max_y)
    vip_overrides: bool = dataclasses.field(
        default_factory=lambda: settings.current().vip_overrides
    )

    def __post_init__(self) -> None:
        for field in ("a_min_x", "a_min_y", "c_max_y"):
            score = check_number(
                field, getattr(self, field), minimum=0, maximum=MAX_SCORE, integer=True
            )
            object.__setattr__(self, field, score)
        object.__setattr__(self, "vip_overrides", check_bool("vip_overrides", self.vip_overrides))
        if self.c_max_y >= self.a_min_y:
            raise fail(
                "c_max_y",
                self.c_max_y,
                _("a score below a_min_y ({a_min_y}) so that no cell is both A and C")
                    .format(a_min_y=self.a_min_y),
            )

    def class_codes(self) -> np.ndarray:
        """Return a 5x5 array of grid-class codes (index into GRID_CLASSES) indexed [y, x].

        Returns
        -------
        numpy.ndarray
            int8 codes: 0 = A, 1 = B, 2 = C.

        Examples
        --------
        >>> rules = ClassificationRules(a_min_x=3, a_min_y=3, c_max_y=1, vip_overrides=True)
        >>> rules.class_codes()[4].tolist()
        [1, 1, 1, 0, 0]
        """
        y, x = np.mgrid[0 : MAX_SCORE + 1, 0 : MAX_SCORE + 1]
        is_a = (x >= self.a_min_x) & (y >= self.a_min_y)
        is_c = y <= self.c_max_y
        return np.select([is_a, is_c], [0, 2], default=1).astype(np.int8)

    def cell_table(self) -> pd.DataFrame:
        """Return the grid as a table of classes: rows Y 4..0, columns X 0..4.

        Cells with X > Y are marked ``"impossible"``.

        Returns
        -------
        pandas.DataFrame
            Index Y 4..0, columns X 0..4, each cell "A", "B", "C" or "impossible".

        Examples
        --------
        >>> rules = ClassificationRules(a_min_x=3, a_min_y=3, c_max_y=1, vip_overrides=True)
        >>> rules.cell_table().loc[4].tolist()
        ['B', 'B', 'B', 'A', 'A']
        """
        y, x = np.mgrid[0 : MAX_SCORE + 1, 0 : MAX_SCORE + 1]
        labels = np.asarray(GRID_CLASSES, dtype=object)[self.class_codes()]
        labels[x > y] = IMPOSSIBLE
        table = pd.DataFrame(labels[::-1], index=range(MAX_SCORE, -1, -1), columns=range(5))
        table.index.name = "Y (capacity 总体购买能力)"
        table.columns.name = "X (current 目前的购买状况)"
        return table

    def describe(self) -> str:
        """Return the rules in words, for the notebook and the instructor.

        Returns
        -------
        str
            One rule a line.

        Examples
        --------
        >>> rules = ClassificationRules(a_min_x=3, a_min_y=3, c_max_y=1, vip_overrides=True)
        >>> print(rules.describe())
        Class A: current X >= 3 and capacity Y >= 3.
        Class C: capacity Y <= 1.
        Class B: every other possible cell.
        The VIP flag overrides the grid class; the grid class is still shown.
        X > Y is impossible: an account cannot buy more from us than it buys in all.
        """
        vip = (
            _("The VIP flag overrides the grid class; the grid class is still shown.")
            if self.vip_overrides
            else _("The VIP flag is shown but does not change the class.")
        )
        return "\n".join(
            [
                _("Class A: current X >= {x} and capacity Y >= {y}.").format(
                    x=self.a_min_x, y=self.a_min_y),
                _("Class C: capacity Y <= {y}.").format(y=self.c_max_y),
                _("Class B: every other possible cell."),
                vip,
                _("X > Y is impossible: an account cannot buy more from us than it buys in all."),
            ]
        )


@dataclass(frozen=True)
class GridClass:
    """The class of one account: ``account_class`` (VIP or the grid class) and ``grid_class``.

    Made by :func:`classify`.
    """

    account_class: str
    grid_class: str
    vip: bool


def _account_name(account: Any) -> str:
    return "" if account is None else f" of account {_show(account)}"


def _reject_x_above_y(x: Any, y: Any, account: Any) -> None:
    raise fail(
        f"current (X){_account_name(account)}",
        int(x),
        _("at most its capacity (Y) {value}: an account cannot buy more from us than it "
          "buys in all").format(value=int(y)),
    )


def classify(
    current: int,
    capacity: int,
    *,
    vip: bool = False,
    rules: ClassificationRules | None = None,
    account: Any = None,
) -> GridClass:
    """Classify one account from its scores X = ``current`` and Y = ``capacity`` (0–4).

    Parameters
    ----------
    current : int
        X: what the account buys from us, scored 0–4.
    capacity : int
        Y: what it buys in all (its capacity), scored 0–4, at least ``current``.
    vip : bool, default False
        Whether the account is a VIP (重量级客户).
    rules : ClassificationRules, optional
        Where classes A and C lie (default: the course settings').
    account : optional
        The account's id, to name it in an error message.

    Returns
    -------
    GridClass

    Raises
    ------
    KamValueError
        If a score is not a whole number from 0 to 4, X is above Y, ``vip`` is not True or
        False, or ``rules`` is not a :class:`ClassificationRules`.

    Examples
    --------
    >>> rules = ClassificationRules(a_min_x=3, a_min_y=3, c_max_y=1, vip_overrides=True)
    >>> classify(3, 4, rules=rules)
    GridClass(account_class='A', grid_class='A', vip=False)
    >>> classify(1, 2, vip=True, rules=rules).account_class
    'VIP'
    """
    name = _account_name(account)
    x = check_number(f"current (X){name}", current, minimum=0, maximum=MAX_SCORE, integer=True)
    y = check_number(f"capacity (Y){name}", capacity, minimum=0, maximum=MAX_SCORE, integer=True)
    is_vip = check_bool(f"vip{name}", vip)
    rules = _check_rules(rules)
    if x > y:
        _reject_x_above_y(x, y, account)
    grid_class = GRID_CLASSES[rules.class_codes()[y, x]]
    account_class = "VIP" if is_vip and rules.vip_overrides else grid_class
    return GridClass(account_class=account_class, grid_class=grid_class, vip=is_vip)


def _check_rules(rules: Any) -> ClassificationRules:
    """``rules``, or the course settings' rules for ``None``."""
    if rules is None:
        return ClassificationRules()
    if not isinstance(rules, ClassificationRules):
        raise fail("rules", rules, _("a ClassificationRules or None (the course settings' rules)"))
    return rules


def _checked_scores(
    frame: Any, current: str, capacity: str, vip: str | None, account: str | None
) -> tuple[np.ndarray, np.ndarray, np.ndarray | None, pd.Index]:
    """X, Y (validated 0–4 ints, X <= Y), the VIP flags (or None) and the row labels."""
    named = {"current": current, "capacity": capacity, "vip": vip, "account": account}
    # vip and account may be None (no VIP flags; rows named by the index)
    check_frame("frame", frame, {name: col for name, col in named.items()
                                 if col is not None or name in ("current", "capacity")})
    labels = frame.index if account is None else pd.Index(frame[account])
    x, y = (
        check_numeric_series(
            f"{name} column {column!r}", frame[column], minimum=0, maximum=MAX_SCORE,
            integer=True, labels=labels,
        ).to_numpy()
        for name, column in (("current (X)", current), ("capacity (Y)", capacity))
    )
    above = x > y
    if above.any():
        position = int(np.flatnonzero(above)[0])
        _reject_x_above_y(x[position], y[position], labels[position])
    is_vip = None if vip is None else check_flag_series(
        f"vip column {vip!r}", frame[vip], labels=labels
    )
    return x, y, is_vip, labels


def classify_accounts(
    frame: pd.DataFrame,
    *,
    current: str = "x",
    capacity: str = "y",
    vip: str | None = "vip",
    account: str | None = "account_id",
    rules: ClassificationRules | None = None,
) -> pd.DataFrame:
    """Return a copy of ``frame`` with ``grid_class`` and ``account_class`` columns added.

    Vectorised: one table look-up per account.

    Parameters
    ----------
    frame : pandas.DataFrame
        One row per account with its scores, e.g. ``kamlib.case.scored_accounts()``.
    current, capacity : str
        The columns of the scores X (what the account buys from us) and Y (what it buys in
        all), whole numbers from 0 to 4 with X <= Y.
    vip : str or None
        The column of the VIP flags (True/False); None for no VIP flags.
    account : str or None
        The column of the account ids that name a bad row; None to name rows by the index.
    rules : ClassificationRules, optional
        Where classes A and C lie (default: the course settings').

    Returns
    -------
    pandas.DataFrame
        A copy of ``frame`` with ``grid_class`` (A, B, C) and ``account_class`` (A, B, C,
        VIP) added, both categorical.

    Raises
    ------
    KamValueError
        If a column is missing, a score is not a whole number from 0 to 4 or X is above Y
        (the row is named), or a VIP flag is not True or False.

    Examples
    --------
    >>> import pandas as pd
    >>> frame = pd.DataFrame({"account_id": ["A", "B", "C"], "x": [4, 1, 0], "y": [4, 2, 1],
    ...                       "vip": [False, False, True]})
    >>> rules = ClassificationRules(a_min_x=3, a_min_y=3, c_max_y=1, vip_overrides=True)
    >>> classify_accounts(frame, rules=rules)[["account_id", "grid_class", "account_class"]]
      account_id grid_class account_class
    0          A          A             A
    1          B          B             B
    2          C          C           VIP
    """
    x, y, is_vip, _ = _checked_scores(frame, current, capacity, vip, account)
    rules = _check_rules(rules)
    grid_codes = rules.class_codes()[y, x]
    account_codes = grid_codes
    if is_vip is not None and rules.vip_overrides:
        account_codes = np.where(is_vip, np.int8(VIP_CODE), grid_codes)
    result = frame.copy(deep=False)
    result["grid_class"] = pd.Categorical.from_codes(grid_codes, categories=GRID_CLASSES)
    result["account_class"] = pd.Categorical.from_codes(account_codes, categories=ACCOUNT_CLASSES)
    return result


def cell_counts(
    frame: pd.DataFrame,
    *,
    current: str = "x",
    capacity: str = "y",
    vip: str | None = "vip",
    account: str | None = "account_id",
) -> tuple[np.ndarray, np.ndarray]:
    """How many accounts, and how many VIPs, sit in each cell of the grid.

    Parameters
    ----------
    frame : pandas.DataFrame
        One row per account with its scores, e.g. ``kamlib.case.scored_accounts()``.
    current, capacity : str
        The columns of the scores X (what the account buys from us) and Y (what it buys in
        all), whole numbers from 0 to 4 with X <= Y.
    vip : str or None
        The column of the VIP flags (True/False); None for no VIP flags.
    account : str or None
        The column of the account ids that name a bad row; None to name rows by the index.

    Returns
    -------
    counts, vips : numpy.ndarray
        Two 5x5 int arrays indexed ``[y, x]`` (the VIP array is all 0 if ``vip=None``).

    Raises
    ------
    KamValueError
        As :func:`classify_accounts`.

    Examples
    --------
    >>> import pandas as pd
    >>> frame = pd.DataFrame({"account_id": ["A", "B", "C"], "x": [4, 1, 0], "y": [4, 2, 1],
    ...                       "vip": [False, False, True]})
    >>> counts, vips = cell_counts(frame)
    >>> int(counts[4, 4]), int(vips[1, 0]), int(counts.sum())
    (1, 1, 3)
    """
    x, y, is_vip, _ = _checked_scores(frame, current, capacity, vip, account)
    size = MAX_SCORE + 1
    cells = y.astype(np.int64) * size + x.astype(np.int64)
    counts = np.bincount(cells, minlength=size * size).reshape(size, size)
    weights = np.zeros(len(cells)) if is_vip is None else is_vip.astype(float)
    vips = np.bincount(cells, weights=weights, minlength=size * size).reshape(size, size)
    return counts, vips.astype(np.int64)


def _check_cuts(given: Any) -> np.ndarray:
    if (
        isinstance(given, (str, bytes, Mapping))
        or not isinstance(given, (list, tuple, np.ndarray, pd.Series, pd.Index))
        or len(given) != MAX_SCORE
    ):
        raise fail("cuts", given, _("4 ascending amounts in CNY, the thresholds of scores 1 to 4"))
    cuts = list(given)
    values = np.array(
        [check_number(f"cuts[{i}]", cut, minimum=0) for i, cut in enumerate(cuts)], dtype=float
    )
    if values[0] <= 0:
        raise fail("cuts[0]", cuts[0],
            _("an amount above 0, so that 0 CNY scores 0 (does not buy)"))
    steps = np.diff(values)
    if (steps <= 0).any():
        i = int(np.flatnonzero(steps <= 0)[0]) + 1
        raise fail(f"cuts[{i}]", cuts[i],
            _("an amount above cuts[{value}] = {value2!r}").format(value=i - 1, value2=cuts[i - 1]))
    return values


def quantile_cuts(amounts: Any) -> np.ndarray:
    """Return 4 cut points from the amounts: the smallest positive amount, then the 25%, 50%
    and 75% quantiles of the positive amounts.

    With these, 0 CNY scores 0 (does not buy) and the buyers spread over 1–4 in quarters.
    Tied quantiles are nudged up to the next float so the cuts stay ascending (tied amounts
    then share the lower score). Score X and Y with the same cuts, e.g. the quantile cuts
    of the capacities, so that X <= Y in amounts stays X <= Y in scores.

    Parameters
    ----------
    amounts : sequence of float
        Amounts in CNY (at least 0), e.g. the capacities of all accounts.

    Returns
    -------
    numpy.ndarray
        4 ascending cut points.

    Raises
    ------
    KamValueError
        If an amount is missing, negative or not a number, or none is above 0.

    Examples
    --------
    >>> quantile_cuts([0, 100, 200, 300, 400]).tolist()
    [100.0, 175.0, 250.0, 325.0]
    """
    values = check_numeric_series("amounts", amounts, minimum=0).to_numpy()
    positive = values[values > 0]
    if len(positive) == 0:
        raise fail(
            "amounts", f"{len(values)} amounts, none above 0", _("at least one amount above 0 CNY")
        )
    cuts = np.quantile(positive, [0.0, 0.25, 0.5, 0.75])
    for i in range(1, len(cuts)):
        cuts[i] = max(cuts[i], np.nextafter(cuts[i - 1], np.inf))
    return cuts


def score(amounts: Any, *, cuts: Any = None) -> pd.Series:
    """Turn amounts in CNY into scores 0–4: the number of ``cuts`` at or below each amount.

    Parameters
    ----------
    amounts : sequence of float
        Amounts in CNY (at least 0).
    cuts : sequence of 4 floats, optional
        Ascending thresholds of scores 1 to 4, the first above 0 (default:
        :func:`quantile_cuts` of the amounts themselves).

    Returns
    -------
    pandas.Series
        The scores, whole numbers 0–4, with the index of ``amounts``.

    Raises
    ------
    KamValueError
        If an amount is bad, or ``cuts`` are not 4 ascending amounts above 0.

    Examples
    --------
    >>> score([0, 100, 250, 400], cuts=[100, 200, 300, 400]).tolist()
    [0, 1, 2, 4]
    """
    checked = check_numeric_series("amounts", amounts, minimum=0)
    thresholds = quantile_cuts(checked) if cuts is None else _check_cuts(cuts)
    scores = np.searchsorted(thresholds, checked.to_numpy(), side="right")
    return pd.Series(scores.astype(np.int64), index=checked.index, name=checked.name)
