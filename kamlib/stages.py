"""The six stages of a key account relationship (大客户管理的发展, L1.4).

A relationship is cooperation (合作); it deepens as more people of the two companies work
together, from the key account manager and the buyer alone to matching joint teams, and it
can break (uncoupling). :func:`relationship_stage` diagnoses one account from its contacts
and orders and says why; :func:`relationship_stages` does it for every account at once.

The rule, evaluated in this order as of a date (default: the course's today):

1. Pre-KAM (孕育阶段): no order at all.
6. Uncoupling (中断大客户管理): traded, but no order in the last 180 days, or revenue of the
   last 12 months below 50% of the 12 months before.
5. Synergistic (协作式大客户管理阶段): a joint team (both sides staff a matching unit).
4. Partnership (伙伴式管理阶段): ordinary staff of both companies are in contact.
3. Mid (中级阶段): any contact beyond our key account management ↔ their purchasing.
2. Early (初级阶段): only key account management ↔ purchasing (or orders and no contact).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from kamlib._validation import (
    check_date_series,
    check_frame,
    fail,
    fail_row,
    resolve_as_of,
)
from kamlib.uncoupling import revenue_trend


@dataclass(frozen=True)
class Stage:
    """One stage of the relationship: number 1–6, key, English and Chinese name, description."""

    number: int
    key: str
    en: str
    zh: str
    description: str


STAGES: tuple[Stage, ...] = (
    Stage(1, "pre_kam", "Pre-KAM", "孕育阶段", "No trade yet between the two sides."),
    Stage(
        2,
        "early",
        "Early KAM",
        "初级阶段",
        "The key account manager and the purchasing manager are in contact.",
    ),
    Stage(
        3,
        "mid",
        "Mid KAM",
        "中级阶段",
        "Beyond them, other important departments are in contact too, e.g. finance.",
    ),
    Stage(
        4,
        "partnership",
        "Partnership KAM",
        "伙伴式管理阶段",
        "Even ordinary staff of the two companies are in contact.",
    ),
    Stage(
        5,
        "synergistic",
        "Synergistic KAM",
        "协作式大客户管理阶段",
        "The two companies staff matching units that coordinate and develop together.",
    ),
    Stage(
        6,
        "uncoupling",
        "Uncoupling KAM",
        "中断大客户管理",
        "The relationship is breaking: orders stop or fall sharply.",
    ),
)
_BY_NUMBER = {s.number: s for s in STAGES}

#: The one contact of an early relationship: our key account manager and their buyer.
KAM_FUNCTION = "key account management"
PURCHASING_FUNCTION = "purchasing"
LEVELS = ("executive", "manager", "staff")
#: Uncoupling: no order for more than this many days ...
UNCOUPLING_DAYS = 180
#: ... or last-12-month revenue below this share of the previous 12 months.
UNCOUPLING_REVENUE_RATIO = 0.5

#: L1.4a: a relationship is cooperation (合作), simple or complex by the customer's involvement.
COOPERATION = {
    "simple": "Simple cooperation (简单合作): the customer takes part through one function, "
    "usually purchasing; the relationship rests on one pair of people.",
    "complex": "Complex cooperation (复杂合作): several of the customer's functions (finance, "
    "production, quality, R&D…) work with us; the relationship has many threads.",
}
#: Number of the customer's functions in touch from which cooperation is complex.
COMPLEX_MIN_FUNCTIONS = 2

_CONTACT_COLUMNS = [
    "account_id",
    "our_function",
    "their_function",
    "our_level",
    "their_level",
    "since",
    "joint_team",
]


@dataclass(frozen=True)
class StageDiagnosis:
    """The stage of one account and the evidence for it."""

    stage: int
    key: str
    name: str
    reasons: tuple[str, ...]

    def __str__(self) -> str:
        return f"Stage {self.stage}: {self.name}\n" + "\n".join(f"  - {r}" for r in self.reasons)


def _check_values(field: str, values: pd.Series, allowed: tuple[str, ...]) -> None:
    bad = ~values.isin(allowed).to_numpy()
    if bad.any():
        raise fail_row(field, bad, values.index, values, "one of " + ", ".join(map(repr, allowed)))


def _checked_contacts(contacts: Any) -> pd.DataFrame:
    """Validate the contacts table and return the columns the rule needs, typed."""
    check_frame("contacts", contacts, _CONTACT_COLUMNS)
    frame = pd.DataFrame(
        {
            "account_id": contacts["account_id"].astype(str),
            "our_function": contacts["our_function"].astype(str).str.strip(),
            "their_function": contacts["their_function"].astype(str).str.strip(),
            "since": check_date_series("contacts.since", contacts["since"]),
        },
        index=contacts.index,
    )
    for column in ("our_level", "their_level"):
        _check_values(f"contacts.{column}", contacts[column].astype(object), LEVELS)
        frame[column] = contacts[column].astype(str)
    _check_values("contacts.joint_team", contacts["joint_team"].astype(object), (True, False))
    frame["joint_team"] = contacts["joint_team"].astype(bool)
    return frame


def _first_contact(contacts: pd.DataFrame, mask: pd.Series, label: str) -> pd.Series:
    """Per account, '<label>our ↔ their contact since YYYY-MM' for the oldest contact in mask."""
    first = contacts[mask].sort_values("since", kind="stable").drop_duplicates("account_id")
    text = (
        label
        + first["our_function"]
        + " ↔ "
        + first["their_function"]
        + " contact since "
        + first["since"].dt.strftime("%Y-%m")
    )
    return pd.Series(text.to_numpy(), index=first["account_id"].to_numpy(), dtype=object)


def _diagnose(
    contacts: pd.DataFrame,
    transactions: pd.DataFrame | None,
    accounts: pd.Index,
    as_of: pd.Timestamp,
) -> pd.DataFrame:
    """The stage rule over all ``accounts`` at once: stage, its evidence, the trade summary."""
    contacts = contacts[contacts["since"] <= as_of]
    core = (contacts["our_function"].str.lower() == KAM_FUNCTION) & (
        contacts["their_function"].str.lower() == PURCHASING_FUNCTION
    )
    staff = (contacts["our_level"] == "staff") & (contacts["their_level"] == "staff")
    evidence = pd.DataFrame(
        {
            "joint": _first_contact(contacts, contacts["joint_team"], "joint team: "),
            "staff": _first_contact(contacts, staff, "staff ↔ staff: "),
            "beyond": _first_contact(contacts, ~core, ""),
            "core": _first_contact(contacts, core, "only "),
        },
        index=accounts,
        dtype=object,
    )
    has_contact = contacts["account_id"].value_counts().reindex(accounts, fill_value=0) > 0

    if transactions is None:
        trend = pd.DataFrame(index=accounts, columns=["recent", "previous", "last_order"])
    else:
        trend = revenue_trend(transactions, as_of).set_index("account_id").reindex(accounts)
    last_order = pd.to_datetime(trend["last_order"])
    traded = last_order.notna()
    days = (as_of - last_order).dt.days
    recent, previous = trend["recent"].astype(float), trend["previous"].astype(float)
    share = (100 * recent / previous.where(previous > 0)).round(0)
    silent = traded & (days > UNCOUPLING_DAYS)
    falling = traded & (share < 100 * UNCOUPLING_REVENUE_RATIO)
    no_trade = ~traded if transactions is not None else ~has_contact

    stage = np.select(
        [
            no_trade,
            silent | falling,
            evidence["joint"].notna(),
            evidence["staff"].notna(),
            evidence["beyond"].notna(),
        ],
        [1, 6, 5, 4, 3],
        2,
    )
    last_text = last_order.dt.strftime("%Y-%m-%d")
    trade_note = (
        "last order "
        + last_text
        + "; last 12 months CNY "
        + recent.map("{:,.0f}".format)
        + " (previous 12 months CNY "
        + previous.map("{:,.0f}".format)
        + ")"
    ).where(traded, "")
    silent_note = (
        "no order since " + last_text + " (" + days.astype("Int64").astype(str) + " days)"
    ).where(silent, "")
    falling_note = (
        "revenue fell to "
        + share.astype(str).str.removesuffix(".0")
        + "% of the previous 12 months"
    ).where(falling, "")
    uncoupling_note = (silent_note + "; " + falling_note).str.strip("; ")
    no_trade_note = (
        f"no order up to {as_of:%Y-%m-%d}"
        if transactions is not None
        else "no transactions given and no contact recorded"
    )
    stage_note = np.select(
        [stage == 1, stage == 6, stage == 5, stage == 4, stage == 3, has_contact.to_numpy()],
        [
            pd.Series(no_trade_note, index=accounts),
            uncoupling_note,
            evidence["joint"],
            evidence["staff"],
            evidence["beyond"],
            evidence["core"],
        ],
        "orders but no contact recorded",
    )
    skipped = (
        "" if transactions is not None else "no transactions given: stages 1 and 6 not checked"
    )
    return pd.DataFrame(
        {
            "stage": stage,
            "stage_note": stage_note,
            "trade_note": trade_note,
            "skipped": np.where(stage == 1, "", skipped),
        },
        index=accounts,
    )


def _named(diagnosis: pd.DataFrame) -> pd.DataFrame:
    stages = pd.DataFrame([vars(s) for s in STAGES]).set_index("number")
    return diagnosis.assign(
        key=stages.loc[diagnosis["stage"], "key"].to_numpy(),
        name=(stages["en"] + " (" + stages["zh"] + ")").loc[diagnosis["stage"]].to_numpy(),
    )


def relationship_stage(
    contacts: pd.DataFrame, transactions: pd.DataFrame | None = None, as_of: Any = None
) -> StageDiagnosis:
    """Diagnose the stage (1–6) of ONE account from its contacts (and orders) as of a date.

    ``contacts`` and ``transactions`` hold the rows of one account. Without transactions the
    trade rules (stages 1 and 6) are not checked. ``as_of`` defaults to the course's today.
    """
    contacts = _checked_contacts(contacts)
    as_of = resolve_as_of(as_of)
    ids = set(contacts["account_id"])
    if transactions is not None:
        check_frame("transactions", transactions, ["account_id", "date", "revenue_cny"])
        ids |= set(transactions["account_id"].astype(str))
    if len(ids) > 1:
        raise fail("account_id", sorted(ids), "the rows of one account (use relationship_stages)")
    account = pd.Index([next(iter(ids))] if ids else ["(no rows)"], name="account_id")
    row = _named(_diagnose(contacts, transactions, account, as_of)).iloc[0]
    reasons = tuple(r for r in (row["stage_note"], row["trade_note"], row["skipped"]) if r)
    return StageDiagnosis(int(row["stage"]), row["key"], row["name"], reasons)


def relationship_stages(
    contacts: pd.DataFrame,
    transactions: pd.DataFrame,
    accounts: pd.DataFrame,
    as_of: Any = None,
) -> pd.DataFrame:
    """Diagnose every account of ``accounts`` at once (same rule as :func:`relationship_stage`).

    Returns account_id, stage, key, name and reason (the evidence, joined by '; ').
    """
    contacts = _checked_contacts(contacts)
    check_frame("transactions", transactions, ["account_id", "date", "revenue_cny"])
    check_frame("accounts", accounts, ["account_id"])
    as_of = resolve_as_of(as_of)
    ids = pd.Index(accounts["account_id"].astype(str).unique(), name="account_id")
    diagnosis = _named(_diagnose(contacts, transactions, ids, as_of))
    reason = diagnosis["stage_note"].where(
        diagnosis["trade_note"] == "", diagnosis["stage_note"] + "; " + diagnosis["trade_note"]
    )
    return diagnosis.assign(reason=reason).reset_index()[
        ["account_id", "stage", "key", "name", "reason"]
    ]


def involvement(contacts: pd.DataFrame) -> str:
    """'simple' or 'complex' cooperation (L1.4a) for ONE account, by their functions in touch."""
    check_frame("contacts", contacts, ["account_id", "their_function"])
    ids = contacts["account_id"].astype(str).unique()
    if len(ids) > 1:
        raise fail("account_id", sorted(ids), "the contacts of one account")
    functions = contacts["their_function"].dropna().astype(str).str.strip().str.lower().nunique()
    return "complex" if functions >= COMPLEX_MIN_FUNCTIONS else "simple"
