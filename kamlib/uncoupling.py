"""Why key account relationships break (中断大客户管理的原因, L1.5) and how to see it coming.

The handout lists five internal causes (内因) and five external causes (外因).
:data:`RISK_FACTORS` gives each one its warning signs and a remedy; :func:`risk_audit` turns
a manager's 0–3 ratings into a weighted score and a short list of actions.
:func:`revenue_trend` reads the early warning in the numbers: revenue of the last 12 months
against the 12 before, and days since the last order.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from kamlib.i18n import N_, _, get_language, join_list
from kamlib.settings import resolve_as_of
from kamlib.validation import (
    check_choice,
    check_date_series,
    check_frame,
    check_key_series,
    check_number,
    check_numeric_series,
    fail,
)

SIDES = {"internal": "内因", "external": "外因"}
#: What a rating means when a manager audits an account.
RATING_SCALE = {0: N_("not seen"), 1: N_("early sign"), 2: N_("clear sign"), 3: N_("acute")}
#: The audit levels as shown (the level itself stays the English key).
LEVEL_NAMES = {"low": N_("low"), "medium": N_("medium"), "high": N_("high")}
#: Score (0–100) from which the audit level is medium, then high.
LEVEL_CUTS = {"medium": 20.0, "high": 40.0}
#: How many of the highest risks (rated 2 or more) get an action.
TOP_ACTIONS = 3
#: A change within ± this many per cent counts as stable in :func:`revenue_trend`.
STABLE_BAND_PCT = 10.0
TREND_SIGNALS = ("growing", "stable", "declining", "lost", "new")
#: Each of :data:`TREND_SIGNALS` in words (English; shown through ``_()``).
TREND_SIGNAL_NAMES = {
    "growing": N_("growing"),
    "stable": N_("stable"),
    "declining": N_("declining"),
    "lost": N_("lost"),
    "new": N_("new"),
}


@dataclass(frozen=True)
class RiskFactor:
    """One cause of uncoupling: warning signs, remedy, weight 1–3 (how hard it is to repair).

    Examples
    --------
    >>> RISK_FACTORS[0].key, RISK_FACTORS[0].side
    ('staff_changes', 'internal')
    """

    key: str
    side: str
    en: str
    zh: str
    warning_signs: tuple[str, ...]
    remedy: str
    weight: int


RISK_FACTORS: tuple[RiskFactor, ...] = (
    RiskFactor(
        "staff_changes",
        "internal",
        N_("Staff changes"),
        "人员的调整",
        (
            N_("their buyer or decision maker has been replaced"),
            N_("our account manager or service engineer has changed"),
            N_("new names appear in the approval chain"),
        ),
        N_("Meet the new people within two weeks, hand over in joint meetings and keep at least "
        "two contacts in each key function."),
        2,
    ),
    RiskFactor(
        "lack_of_trust",
        "internal",
        N_("Lack of trust"),
        "缺乏信任",
        (
            N_("they ask again for guarantees and evidence"),
            N_("forecasts and plans are no longer shared"),
            N_("they benchmark our prices more often"),
        ),
        N_("Keep every promise visibly, share information first, and hold regular reviews with "
        "agreed follow-ups: trust grows from long communication and understanding."),
        3,
    ),
    RiskFactor(
        "lack_of_persistence",
        "internal",
        N_("Lack of persistence"),
        "缺乏持久性",
        (
            N_("visits and calls have become irregular"),
            N_("joint projects start but are not followed through"),
            N_("contact happens only when there is an order"),
        ),
        N_("Fix a visit rhythm and a monthly review (每月评价) in the account plan, with an owner "
        "and a date for every action."),
        2,
    ),
    RiskFactor(
        "cultural_difference",
        "internal",
        N_("Cultural difference"),
        "文化差异",
        (
            N_("decisions stall over ways of working"),
            N_("misunderstandings in meetings or e-mails"),
            N_("one side moves fast, the other needs consensus"),
        ),
        N_("Learn their corporate culture and decision process, match counterparts by style and "
        "agree working rules explicitly."),
        1,
    ),
    RiskFactor(
        "quality_problems",
        "internal",
        N_("Quality problems"),
        "质量问题",
        (
            N_("complaints, returns or line stoppages"),
            N_("audits or corrective-action requests"),
            N_("they qualify a second source"),
        ),
        N_("Contain at once, put a technical service engineer on site, and report root cause and "
        "prevention to their quality team: quality damage is hard to repair."),
        3,
    ),
    RiskFactor(
        "market_position",
        "external",
        N_("Change of market position"),
        "市场地位的变化",
        (
            N_("the customer changes its line of products or leaves a segment"),
            N_("it loses share in its own market"),
            N_("a restructuring or merger is announced"),
        ),
        N_("Follow their strategy, re-plan the account and offer products for their new lines."),
        2,
    ),
    RiskFactor(
        "product_process_mix",
        "external",
        N_("Product and process mix"),
        "产品与流程组合",
        (
            N_("a new production process (e.g. powder instead of liquid coating)"),
            N_("a redesign removes the part our material is used on"),
            N_("automation changes the specification"),
        ),
        N_("Bring our R&D and technical service into their process changes early and co-develop "
        "the new specification."),
        2,
    ),
    RiskFactor(
        "value_chain_position",
        "external",
        N_("Position in the value chain"),
        "在价值链中的地位",
        (
            N_("production moves to a contract manufacturer"),
            N_("their own customer starts to nominate suppliers"),
            N_("they integrate backwards and make the material in-house"),
        ),
        N_("Map the value chain (原料→部件→产品→中间商→终端), get specified where the decision "
        "is made and follow the volume to the new buyer."),
        2,
    ),
    RiskFactor(
        "no_longer_main_line",
        "external",
        N_("No longer their main line, volume falls"),
        "已经不是主打产品，产量下降",
        (
            N_("the volume of the product that uses our material falls"),
            N_("that product is in the decline stage of its life cycle"),
            N_("our material moves to a secondary line"),
        ),
        N_("Find their growing lines and qualify our products there; adjust stock and service "
        "to the lower volume."),
        2,
    ),
    RiskFactor(
        "financial_problems",
        "external",
        N_("Financial problems"),
        "财务问题",
        (
            N_("invoices are paid late or only in part"),
            N_("they ask for longer payment terms"),
            N_("news of losses or a lower credit rating"),
        ),
        N_("Agree a credit limit and a payment plan with our finance team and cut exposure until "
        "invoices are settled normally again."),
        3,
    ),
)
_FACTOR_KEYS = tuple(f.key for f in RISK_FACTORS)


@dataclass(frozen=True)
class RiskAudit:
    """Result of :func:`risk_audit`: score 0–100, level, ranked factors, actions.

    ``str()`` of it reads as a short report.
    """

    score: float
    level: str
    ranked: pd.DataFrame
    actions: tuple[str, ...]

    def __str__(self) -> str:
        lines = [_("Uncoupling risk (中断风险): {score}/100, {level}").format(
            score=f"{self.score:.0f}", level=_(LEVEL_NAMES[self.level]))]
        lines += [f"  - {action}" for action in self.actions] or [
            "  " + _("no factor rated 2 or more")]
        return "\n".join(lines)


def factors_frame() -> pd.DataFrame:
    """:data:`RISK_FACTORS` as a table (warning signs joined by '; ').

    The warning signs and the remedy are in the current language; the names stay in ``en``
    and ``zh``.

    Returns
    -------
    pandas.DataFrame
        One row per factor: key, side, en, zh, warning_signs, remedy, weight.

    Examples
    --------
    >>> factors_frame()["key"].head(3).tolist()
    ['staff_changes', 'lack_of_trust', 'lack_of_persistence']
    """
    frame = pd.DataFrame([vars(f) for f in RISK_FACTORS])
    frame["warning_signs"] = frame["warning_signs"].map(lambda signs: join_list(map(_, signs)))
    frame["remedy"] = frame["remedy"].map(_)
    return frame


def risk_audit(ratings: Mapping[str, int]) -> RiskAudit:
    """Score an account's uncoupling risk from 0–3 ratings per factor key (0 if not rated).

    score = Σ weight × rating / Σ weight × 3 × 100, so 100 means every cause is acute. The
    level is low below 20, medium below 40, high from 40 (:data:`LEVEL_CUTS`). Actions are the
    remedies of the (up to three) heaviest factors rated 2 or more.

    Parameters
    ----------
    ratings : mapping
        Factor key (:data:`RISK_FACTORS`) -> how acute the cause is at this account, a whole
        number from 0 (not at all) to 3 (acute); factors left out count as 0.

    Returns
    -------
    RiskAudit

    Raises
    ------
    KamValueError
        If ``ratings`` is not a dict, names an unknown factor or holds a bad rating.

    Examples
    --------
    >>> audit = risk_audit({"staff_changes": 3})
    >>> print(audit)
    Uncoupling risk (中断风险): 9/100, low
      - Staff changes (人员的调整): Meet the new people within two weeks, ...
    """
    if not isinstance(ratings, Mapping):
        raise fail("ratings", ratings, _("a dict of factor key → rating 0–3"))
    checked = {
        check_choice("ratings key", key, _FACTOR_KEYS): check_number(
            f"ratings[{key!r}]", rating, minimum=0, maximum=3, integer=True
        )
        for key, rating in ratings.items()
    }
    frame = factors_frame()
    frame["rating"] = frame["key"].map(checked).fillna(0).astype(int)
    frame["weighted"] = frame["weight"] * frame["rating"]
    score = float(100.0 * frame["weighted"].sum() / (3 * frame["weight"].sum()))
    level = (
        "high"
        if score >= LEVEL_CUTS["high"]
        else ("medium" if score >= LEVEL_CUTS["medium"] else "low")
    )
    ranked = frame.sort_values(["weighted", "weight"], ascending=False, kind="stable")
    ranked = ranked.reset_index(drop=True)
    top = ranked[ranked["rating"] >= 2].head(TOP_ACTIONS)
    if get_language() == "zh":
        actions = tuple(top["zh"] + "：" + top["remedy"])
    else:
        actions = tuple(top["en"] + " (" + top["zh"] + "): " + top["remedy"])
    return RiskAudit(score, level, ranked, actions)


def revenue_trend(
    transactions: pd.DataFrame, *, as_of: Any = None, months: int = 12
) -> pd.DataFrame:
    """Revenue of the last ``months`` months against the ``months`` before, per account.

    Parameters
    ----------
    transactions : pandas.DataFrame
        The case's order lines (``datasets.load("transactions")``), or a learner's own in
        the same shape: account_id, date, revenue_cny.
    as_of : date-like, optional
        The day of the analysis ("2025-12-31", a Timestamp or a date); default: the
        course's today. Orders after it are ignored.
    months : int, default 12
        The length of each window, 1 to 60 months.

    Returns
    -------
    pandas.DataFrame
        One row per account with orders up to ``as_of``: recent, previous, change_pct (NaN
        when previous is 0), last_order, days_since_last_order and signal: "lost" (nothing in
        the recent window), "new" (nothing in the previous window), else "declining",
        "growing" or "stable" (within ±10%, :data:`STABLE_BAND_PCT`).

    Raises
    ------
    KamValueError
        If a column is missing or holds a bad value, ``as_of`` is not a date or ``months``
        is out of range.

    Examples
    --------
    >>> import pandas as pd
    >>> orders = pd.DataFrame({"account_id": ["A", "A", "B", "C"],
    ...                        "date": ["2024-03-01", "2025-03-01", "2024-06-01", "2025-11-01"],
    ...                        "revenue_cny": [100, 50, 80, 30]})
    >>> revenue_trend(orders, as_of="2025-12-31")[["account_id", "change_pct", "signal"]]
      account_id  change_pct     signal
    0          A       -50.0  declining
    1          B      -100.0       lost
    2          C         NaN        new
    """
    check_frame("transactions", transactions, ["account_id", "date", "revenue_cny"])
    as_of = resolve_as_of(as_of)
    months = check_number("months", months, minimum=1, maximum=60, integer=True)
    dates = check_date_series("transactions.date", transactions["date"])
    revenue = check_numeric_series("transactions.revenue_cny", transactions["revenue_cny"])
    ids = check_key_series("transactions.account_id", transactions["account_id"])
    booked = (dates <= as_of).to_numpy()
    recent_start = as_of - pd.DateOffset(months=months)
    previous_start = as_of - pd.DateOffset(months=2 * months)
    in_recent = (dates > recent_start).to_numpy()
    in_previous = (dates > previous_start).to_numpy() & ~in_recent
    rows = pd.DataFrame(
        {
            "account_id": ids.to_numpy(),
            "recent": np.where(in_recent, revenue.to_numpy(), 0.0),
            "previous": np.where(in_previous, revenue.to_numpy(), 0.0),
            "last_order": dates.to_numpy(),
        }
    )[booked]
    trend = rows.groupby("account_id", sort=True).agg(
        recent=("recent", "sum"), previous=("previous", "sum"), last_order=("last_order", "max")
    )
    change = (trend["recent"] / trend["previous"].where(trend["previous"] > 0) - 1.0) * 100.0
    trend["change_pct"] = change
    trend["days_since_last_order"] = (as_of - trend["last_order"]).dt.days
    trend["signal"] = np.select(
        [
            trend["recent"] <= 0,
            trend["previous"] <= 0,
            change < -STABLE_BAND_PCT,
            change > STABLE_BAND_PCT,
        ],
        ["lost", "new", "declining", "growing"],
        "stable",
    )
    columns = ["recent", "previous", "change_pct", "last_order", "days_since_last_order", "signal"]
    return trend[columns].reset_index()
