"""The six stages of a key account relationship (大客户管理的发展, L1.4).

A relationship is cooperation (合作); it deepens as more people of the two companies work
together, from the key account manager and the buyer alone to matching joint teams, and it
can break (uncoupling). :func:`relationship_stage` diagnoses one account from its contacts
and orders and says why; :func:`relationship_stages` does it for every account at once;
:func:`stage_from_evidence` does it from the trade facts stated directly (has the account
traded, ordered in the last 180 days, has its revenue halved?), as a learner answers them.
:func:`trade_facts` gives those facts from the orders; all three read them by the same rule.

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

from kamlib.i18n import N_, _, both
from kamlib.settings import resolve_as_of
from kamlib.uncoupling import revenue_trend
from kamlib.validation import (
    check_bool,
    check_choice_series,
    check_date_series,
    check_flag_series,
    check_frame,
    check_key_series,
    check_text_series,
    fail,
)


@dataclass(frozen=True)
class Stage:
    """One stage of the relationship: number 1–6, key, English and Chinese name, description.

    Examples
    --------
    >>> STAGES[0].key, STAGES[0].description
    ('pre_kam', 'No trade yet between the two sides.')
    """

    number: int
    key: str
    en: str
    zh: str
    description: str


STAGES: tuple[Stage, ...] = (
    Stage(1, "pre_kam", N_("Pre-KAM"), "孕育阶段", N_("No trade yet between the two sides.")),
    Stage(
        2,
        "early",
        N_("Early KAM"),
        "初级阶段",
        N_("The key account manager and the purchasing manager are in contact."),
    ),
    Stage(
        3,
        "mid",
        N_("Mid KAM"),
        "中级阶段",
        N_("Beyond them, other important departments are in contact too, e.g. finance."),
    ),
    Stage(
        4,
        "partnership",
        N_("Partnership KAM"),
        "伙伴式管理阶段",
        N_("Even ordinary staff of the two companies are in contact."),
    ),
    Stage(
        5,
        "synergistic",
        N_("Synergistic KAM"),
        "协作式大客户管理阶段",
        N_("The two companies staff matching units that coordinate and develop together."),
    ),
    Stage(
        6,
        "uncoupling",
        N_("Uncoupling KAM"),
        "中断大客户管理",
        N_("The relationship is breaking: orders stop or fall sharply."),
    ),
)
_BY_NUMBER = {s.number: s for s in STAGES}

#: The one contact of an early relationship: our key account manager and their buyer.
KAM_FUNCTION = N_("key account management")
PURCHASING_FUNCTION = N_("purchasing")
LEVELS = ("executive", "manager", "staff")
#: Uncoupling: no order for more than this many days ...
UNCOUPLING_DAYS = 180
#: ... or last-12-month revenue below this share of the previous 12 months.
UNCOUPLING_REVENUE_RATIO = 0.5

#: L1.4a: a relationship is cooperation (合作), simple or complex by the customer's involvement.
COOPERATION = {
    "simple": N_("Simple cooperation (简单合作): the customer takes part through one function, "
    "usually purchasing; the relationship rests on one pair of people."),
    "complex": N_("Complex cooperation (复杂合作): several of the customer's functions (finance, "
    "production, quality, R&D…) work with us; the relationship has many threads."),
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
    """The stage of one account and the evidence for it.

    Made by :func:`relationship_stage` and :func:`stage_from_evidence`; ``str()`` of it
    reads as a short report.
    """

    stage: int
    key: str
    name: str
    reasons: tuple[str, ...]

    def __str__(self) -> str:
        head = _("Stage {stage}: {name}").format(stage=self.stage, name=self.name)
        return head + "\n" + "\n".join(f"  - {r}" for r in self.reasons)


def _account_ids(field: str, values: pd.Series) -> pd.Series:
    """Account ids checked (none missing) and read as text, as the stage tables key them."""
    return check_key_series(field, values, kind=_("an account id")).astype(str)


def _checked_contacts(contacts: Any) -> pd.DataFrame:
    """Validate the contacts table and return the columns the rule needs, typed.

    A missing function, level or date is refused with its row: a contact whose function
    is unknown cannot say how far the relationship has come.
    """
    check_frame("contacts", contacts, _CONTACT_COLUMNS)
    return pd.DataFrame(
        {
            "account_id": _account_ids("contacts.account_id", contacts["account_id"]),
            "our_function": check_text_series(
                "contacts.our_function", contacts["our_function"]).str.strip(),
            "their_function": check_text_series(
                "contacts.their_function", contacts["their_function"]).str.strip(),
            "since": check_date_series("contacts.since", contacts["since"]),
            "our_level": check_choice_series("contacts.our_level", contacts["our_level"], LEVELS),
            "their_level": check_choice_series(
                "contacts.their_level", contacts["their_level"], LEVELS),
            "joint_team": check_flag_series("contacts.joint_team", contacts["joint_team"]),
        },
        index=contacts.index,
    )


def _first_contact(contacts: pd.DataFrame, mask: pd.Series, template: str) -> pd.Series:
    """Per account, ``template`` (a translated text with {our}, {their} and {month}) filled
    for the oldest contact in mask, the function names in the current language."""
    first = contacts[mask].sort_values("since", kind="stable").drop_duplicates("account_id")
    text = [
        template.format(our=_(our), their=_(their), month=month)
        for our, their, month in zip(first["our_function"], first["their_function"],
                                     first["since"].dt.strftime("%Y-%m"), strict=True)
    ]
    return pd.Series(text, index=first["account_id"].to_numpy(), dtype=object)


def _in_force(contacts: pd.DataFrame, as_of: pd.Timestamp) -> pd.DataFrame:
    """The contacts that have begun by ``as_of`` (later rows are plans, not evidence)."""
    return contacts[contacts["since"] <= as_of]


def _has_contact(contacts: pd.DataFrame, accounts: pd.Index) -> pd.Series:
    return contacts["account_id"].value_counts().reindex(accounts, fill_value=0) > 0


def _order_facts(
    transactions: pd.DataFrame, accounts: pd.Index, as_of: pd.Timestamp
) -> pd.DataFrame:
    """The trade facts of each account from its orders, with the order figures as evidence.

    Columns: traded, silent (no order in the last :data:`UNCOUPLING_DAYS` days), falling
    (revenue below :data:`UNCOUPLING_REVENUE_RATIO` of the year before), and the texts the
    rule quotes: no_trade_note, silent_note, falling_note, trade_note, skipped.
    """
    trend = revenue_trend(transactions, as_of=as_of).set_index("account_id").reindex(accounts)
    last_order = pd.to_datetime(trend["last_order"])
    traded = last_order.notna()
    days = (as_of - last_order).dt.days
    recent, previous = trend["recent"].astype(float), trend["previous"].astype(float)
    ratio = recent / previous.where(previous > 0)
    silent = traded & (days > UNCOUPLING_DAYS)
    falling = traded & (ratio < UNCOUPLING_REVENUE_RATIO)  # unrounded: 49.6% is below half
    shown_percent = (100 * ratio).round(1).astype(str).str.removesuffix(".0")
    last_text = last_order.dt.strftime("%Y-%m-%d")
    return pd.DataFrame(
        {
            "traded": traded,
            "silent": silent,
            "falling": falling,
            "no_trade_note": _("no order up to {date}").format(date=f"{as_of:%Y-%m-%d}"),
            "silent_note": pd.Series([
                _("no order since {date} ({days} days)").format(date=date, days=n)
                for date, n in zip(last_text, days.astype("Int64").astype(str), strict=True)
            ], index=accounts).where(silent, ""),
            "falling_note": pd.Series([
                _("revenue fell to {percent}% of the previous 12 months").format(percent=pct)
                for pct in shown_percent
            ], index=accounts).where(falling, ""),
            "trade_note": pd.Series([
                _("last order {date}; last 12 months CNY {recent} (previous 12 months CNY "
                  "{previous})").format(date=date, recent=f"{now:,.0f}", previous=f"{then:,.0f}")
                for date, now, then in zip(last_text, recent, previous, strict=True)
            ], index=accounts).where(traded, ""),
            "skipped": "",
        },
        index=accounts,
    )


def _unknown_trade(has_contact: pd.Series) -> pd.DataFrame:
    """Trade facts when no orders are given: a contact counts as trade, 1 and 6 go unchecked."""
    return pd.DataFrame(
        {
            "traded": has_contact,
            "silent": False,
            "falling": False,
            "no_trade_note": _("no transactions given and no contact recorded"),
            "silent_note": "",
            "falling_note": "",
            "trade_note": "",
            "skipped": _("no transactions given: stages 1 and 6 not checked"),
        },
        index=has_contact.index,
    )


def _stated_trade(
    traded: bool, ordered_recently: bool, revenue_halved: bool, accounts: pd.Index
) -> pd.DataFrame:
    """Trade facts stated as answers, quoted back as the evidence."""
    silent, falling = traded and not ordered_recently, traded and revenue_halved
    return pd.DataFrame(
        {
            "traded": traded,
            "silent": silent,
            "falling": falling,
            "no_trade_note": _("trade so far: no"),
            "silent_note": _("trade so far: yes; orders in the last 6 months: no")
            if silent else "",
            "falling_note": _("orders fell by more than half") if falling else "",
            "trade_note": _("trade so far: yes; orders in the last 6 months: yes")
            if traded and not silent else "",
            "skipped": "",
        },
        index=accounts,
    )


def _diagnose(contacts: pd.DataFrame, facts: pd.DataFrame) -> pd.DataFrame:
    """The stage rule over the accounts of ``facts`` at once: stage and its evidence.

    ``contacts``: the contacts in force; ``facts``: the trade facts per account (from
    :func:`_order_facts`, :func:`_unknown_trade` or :func:`_stated_trade`).
    """
    accounts = facts.index
    core = (contacts["our_function"].str.lower() == KAM_FUNCTION) & (
        contacts["their_function"].str.lower() == PURCHASING_FUNCTION
    )
    staff = (contacts["our_level"] == "staff") & (contacts["their_level"] == "staff")
    evidence = pd.DataFrame(
        {
            "joint": _first_contact(
                contacts, contacts["joint_team"],
                _("joint team: {our} ↔ {their} contact since {month}")),
            "staff": _first_contact(
                contacts, staff, _("staff ↔ staff: {our} ↔ {their} contact since {month}")),
            "beyond": _first_contact(
                contacts, ~core, _("{our} ↔ {their} contact since {month}")),
            "core": _first_contact(
                contacts, core, _("only {our} ↔ {their} contact since {month}")),
        },
        index=accounts,
        dtype=object,
    )
    has_contact = _has_contact(contacts, accounts)
    stage = np.select(
        [
            ~facts["traded"].to_numpy(dtype=bool),
            (facts["silent"] | facts["falling"]).to_numpy(dtype=bool),
            evidence["joint"].notna(),
            evidence["staff"].notna(),
            evidence["beyond"].notna(),
        ],
        [1, 6, 5, 4, 3],
        2,
    )
    separator = _("; ")  # a full-width semicolon in Chinese, as join_list writes it
    uncoupling_note = (facts["silent_note"] + separator + facts["falling_note"]
                       ).str.strip(separator)
    stage_note = np.select(
        [stage == 1, stage == 6, stage == 5, stage == 4, stage == 3, has_contact.to_numpy()],
        [
            facts["no_trade_note"],
            uncoupling_note,
            evidence["joint"],
            evidence["staff"],
            evidence["beyond"],
            evidence["core"],
        ],
        _("orders but no contact recorded"),
    )
    return pd.DataFrame(
        {
            "stage": stage,
            "stage_note": stage_note,
            "trade_note": facts["trade_note"],
            "skipped": np.where(stage == 1, "", facts["skipped"]),
        },
        index=accounts,
    )


def _one_account(ids: set[str]) -> pd.Index:
    """The account the rows are about (one at most) as an index for :func:`_diagnose`."""
    if len(ids) > 1:
        raise fail(
            "account_id",
            sorted(ids),
            _("the rows of one account (use relationship_stages)"),
        )
    return pd.Index([next(iter(ids))] if ids else ["(no rows)"], name="account_id")


def _facts_per_account(
    transactions: Any, accounts: Any, as_of: Any, *, contacts: pd.DataFrame | None = None
) -> tuple[pd.DataFrame, pd.Timestamp]:
    """Check the orders, the accounts and the date; the trade facts of every account.

    Without orders (``transactions`` None) and with ``contacts`` given, the facts come from
    the contacts in force, as :func:`_unknown_trade` says."""
    contacts_alone = transactions is None and contacts is not None
    if not contacts_alone:
        check_frame("transactions", transactions, ["account_id", "date", "revenue_cny"])
    check_frame("accounts", accounts, ["account_id"])
    if accounts.empty:
        raise fail("accounts", "an empty table", _("at least one account"))
    as_of = resolve_as_of(as_of)
    ids = pd.Index(
        _account_ids("accounts.account_id", accounts["account_id"]).unique(), name="account_id"
    )
    if contacts_alone:
        return _unknown_trade(_has_contact(_in_force(contacts, as_of), ids)), as_of
    return _order_facts(transactions, ids, as_of), as_of


def _diagnosis(row: pd.Series) -> StageDiagnosis:
    reasons = tuple(r for r in (row["stage_note"], row["trade_note"], row["skipped"]) if r)
    return StageDiagnosis(int(row["stage"]), row["key"], row["name"], reasons)


def _stage_name(stage: pd.Series) -> str:
    """'Early KAM (初级阶段)' in English, '初级阶段' in Chinese."""
    return both(stage["en"], stage["zh"])


def _named(diagnosis: pd.DataFrame) -> pd.DataFrame:
    stages = pd.DataFrame([vars(s) for s in STAGES]).set_index("number")
    return diagnosis.assign(
        key=stages.loc[diagnosis["stage"], "key"].to_numpy(),
        name=stages.apply(_stage_name, axis=1).loc[diagnosis["stage"]].to_numpy(),
    )


def relationship_stage(
    contacts: pd.DataFrame, transactions: pd.DataFrame | None = None, *, as_of: Any = None
) -> StageDiagnosis:
    """Diagnose the stage (1–6) of ONE account from its contacts (and orders) as of a date.

    Without transactions the trade rules (stages 1 and 6) are not checked.

    Parameters
    ----------
    contacts : pandas.DataFrame
        The contacts of ONE account (rows of ``datasets.load("contacts")``): account_id,
        our_function, our_level, their_function, their_level, since, joint_team.
    transactions : pandas.DataFrame, optional
        The orders of the same account: account_id, date, revenue_cny.
    as_of : date-like, optional
        The day of the diagnosis ("2025-12-31", a Timestamp or a date); default: the
        course's today.

    Returns
    -------
    StageDiagnosis

    Raises
    ------
    KamValueError
        If the rows belong to more than one account, a table lacks a column or holds a bad
        value, or ``as_of`` is not a date.

    Examples
    --------
    >>> from kamlib import datasets
    >>> contacts, orders = datasets.load("contacts"), datasets.load("transactions")
    >>> diagnosis = relationship_stage(contacts[contacts["account_id"] == "AC060"],
    ...                                orders[orders["account_id"] == "AC060"],
    ...                                as_of="2025-12-31")
    >>> print(diagnosis)
    Stage 4: Partnership KAM (伙伴式管理阶段)
      - staff ↔ staff: logistics ↔ logistics contact since 2022-07
      - last order 2025-12-26; last 12 months CNY 6,894,832 (previous 12 months CNY 8,434,647)
    """
    contacts = _checked_contacts(contacts)
    as_of = resolve_as_of(as_of)
    ids = set(contacts["account_id"])
    if transactions is not None:
        check_frame("transactions", transactions, ["account_id", "date", "revenue_cny"])
        ids |= set(_account_ids("transactions.account_id", transactions["account_id"]))
    account = _one_account(ids)
    contacts = _in_force(contacts, as_of)
    facts = (
        _unknown_trade(_has_contact(contacts, account))
        if transactions is None
        else _order_facts(transactions, account, as_of)
    )
    return _diagnosis(_named(_diagnose(contacts, facts)).iloc[0])


def stage_from_evidence(
    contacts: pd.DataFrame,
    *,
    traded: bool,
    ordered_in_last_180_days: bool,
    revenue_halved: bool,
    as_of: Any = None,
) -> StageDiagnosis:
    """Diagnose the stage (1–6) of ONE account from its contacts and the trade facts stated.

    ``traded``: any order so far; ``ordered_in_last_180_days``: an order in the last
    :data:`UNCOUPLING_DAYS` days; ``revenue_halved``: revenue of the last 12 months below
    half of the 12 months before. The same rule as :func:`relationship_stage`, which finds
    these facts in the orders (:func:`trade_facts`); the reasons quote the facts as stated.

    Parameters
    ----------
    contacts : pandas.DataFrame
        The contacts of ONE account (rows of ``datasets.load("contacts")``): account_id,
        our_function, our_level, their_function, their_level, since, joint_team.
    traded : bool
        Whether the account has ever ordered from us.
    ordered_in_last_180_days : bool
        Whether it ordered in the last :data:`UNCOUPLING_DAYS` days (False if never traded).
    revenue_halved : bool
        Whether its revenue of the last 12 months fell below half of the 12 months before
        (False if never traded).
    as_of : date-like, optional
        The day of the diagnosis ("2025-12-31", a Timestamp or a date); default: the
        course's today.

    Returns
    -------
    StageDiagnosis

    Raises
    ------
    KamValueError
        If a fact is not True or False, an order fact is True without trade, the rows belong
        to more than one account, or ``as_of`` is not a date.

    Examples
    --------
    >>> from kamlib import datasets
    >>> contacts = datasets.load("contacts")
    >>> diagnosis = stage_from_evidence(contacts[contacts["account_id"] == "AC060"],
    ...                                 traded=True, ordered_in_last_180_days=False,
    ...                                 revenue_halved=False, as_of="2025-12-31")
    >>> diagnosis.stage, diagnosis.key
    (6, 'uncoupling')
    """
    contacts = _checked_contacts(contacts)
    traded = check_bool("traded", traded)
    ordered = check_bool("ordered_in_last_180_days", ordered_in_last_180_days)
    halved = check_bool("revenue_halved", revenue_halved)
    for field, value in (("ordered_in_last_180_days", ordered), ("revenue_halved", halved)):
        if value and not traded:
            raise fail(field, value, _("False when traded is False (no trade, no orders)"))
    as_of = resolve_as_of(as_of)
    account = _one_account(set(contacts["account_id"]))
    facts = _stated_trade(traded, ordered, halved, account)
    return _diagnosis(_named(_diagnose(_in_force(contacts, as_of), facts)).iloc[0])


def trade_facts(
    transactions: pd.DataFrame, accounts: pd.DataFrame, *, as_of: Any = None
) -> pd.DataFrame:
    """The trade facts the stage rule reads, per account of ``accounts``, from the orders.

    Parameters
    ----------
    transactions : pandas.DataFrame
        The case's order lines (``datasets.load("transactions")``), or a learner's own in
        the same shape.
    accounts : pandas.DataFrame
        The accounts to report on (an ``account_id`` column).
    as_of : date-like, optional
        The day of the diagnosis ("2025-12-31", a Timestamp or a date); default: the
        course's today.

    Returns
    -------
    pandas.DataFrame
        account_id, traded, ordered_in_last_180_days and revenue_halved (booleans, the
        arguments of :func:`stage_from_evidence`).

    Raises
    ------
    KamValueError
        If a table lacks a column or holds a bad value, or ``as_of`` is not a date.

    Examples
    --------
    >>> from kamlib import datasets
    >>> accounts = datasets.load("accounts").head(3)
    >>> trade_facts(datasets.load("transactions"), accounts, as_of="2025-12-31")
      account_id  traded  ordered_in_last_180_days  revenue_halved
    0      AC001    True                      True           False
    1      AC002    True                      True           False
    2      AC003   False                     False           False
    """
    facts, _ = _facts_per_account(transactions, accounts, as_of)
    return pd.DataFrame(
        {
            "traded": facts["traded"],
            "ordered_in_last_180_days": facts["traded"] & ~facts["silent"],
            "revenue_halved": facts["falling"],
        }
    ).reset_index()


def relationship_stages(
    contacts: pd.DataFrame,
    transactions: pd.DataFrame | None,
    accounts: pd.DataFrame,
    *,
    as_of: Any = None,
) -> pd.DataFrame:
    """Diagnose every account of ``accounts`` at once (same rule as :func:`relationship_stage`).

    Parameters
    ----------
    contacts : pandas.DataFrame
        The contacts between our people and theirs (``datasets.load("contacts")``), or a
        learner's own in the same shape.
    transactions : pandas.DataFrame or None
        The case's order lines (``datasets.load("transactions")``), or a learner's own in
        the same shape. None: the contacts alone are read, and the trade rules (stages 1
        and 6) are not checked, as in :func:`relationship_stage`.
    accounts : pandas.DataFrame
        The accounts to diagnose (an ``account_id`` column).
    as_of : date-like, optional
        The day of the diagnosis ("2025-12-31", a Timestamp or a date); default: the
        course's today.

    Returns
    -------
    pandas.DataFrame
        account_id, stage, key, name and reason (the evidence, joined by '; ', in Chinese
        by '；').

    Raises
    ------
    KamValueError
        If a table lacks a column or holds a bad value, or ``as_of`` is not a date.

    Examples
    --------
    >>> from kamlib import datasets
    >>> contacts, orders = datasets.load("contacts"), datasets.load("transactions")
    >>> table = relationship_stages(contacts, orders, datasets.load("accounts"),
    ...                             as_of="2025-12-31")
    >>> table["stage"].value_counts().sort_index().to_dict()
    {1: 18, 2: 47, 3: 47, 4: 48, 5: 16, 6: 24}
    """
    contacts = _checked_contacts(contacts)
    facts, as_of = _facts_per_account(transactions, accounts, as_of, contacts=contacts)
    diagnosis = _named(_diagnose(_in_force(contacts, as_of), facts))
    reason = diagnosis["stage_note"]
    for note in ("trade_note", "skipped"):
        reason = reason.where(diagnosis[note] == "", reason + _("; ") + diagnosis[note])
    return diagnosis.assign(reason=reason).reset_index()[
        ["account_id", "stage", "key", "name", "reason"]
    ]


def involvements(contacts: pd.DataFrame) -> pd.Series:
    """'simple' or 'complex' cooperation (L1.4a) of every account in ``contacts``.

    Complex when at least :data:`COMPLEX_MIN_FUNCTIONS` of their functions are in touch with
    us.

    Parameters
    ----------
    contacts : pandas.DataFrame
        The contacts between our people and theirs (``datasets.load("contacts")``), or a
        learner's own in the same shape.

    Returns
    -------
    pandas.Series
        "simple" or "complex", indexed by account_id, named ``involvement``.

    Raises
    ------
    KamValueError
        If ``contacts`` lacks account_id or their_function, or holds a bad value.

    Examples
    --------
    >>> from kamlib import datasets
    >>> involvements(datasets.load("contacts")).value_counts().to_dict()
    {'complex': 119, 'simple': 67}
    """
    check_frame("contacts", contacts, ["account_id", "their_function"])
    functions = check_text_series("contacts.their_function", contacts["their_function"])
    functions = functions.str.strip().str.lower()
    ids = _account_ids("contacts.account_id", contacts["account_id"])
    counts = functions.groupby(ids.to_numpy()).nunique()
    kinds = np.where(counts >= COMPLEX_MIN_FUNCTIONS, "complex", "simple")
    return pd.Series(kinds, index=counts.index.rename("account_id"), name="involvement")


def involvement(contacts: pd.DataFrame) -> str:
    """'simple' or 'complex' cooperation (L1.4a) for ONE account, by their functions in touch.

    Parameters
    ----------
    contacts : pandas.DataFrame
        The contacts of one account: account_id, their_function.

    Returns
    -------
    str
        "simple" or "complex" ("simple" for no contact at all).

    Raises
    ------
    KamValueError
        If the rows belong to more than one account, or a column is missing.

    Examples
    --------
    >>> from kamlib import datasets
    >>> contacts = datasets.load("contacts")
    >>> involvement(contacts[contacts["account_id"] == "AC060"])
    'complex'
    """
    kinds = involvements(contacts)
    if len(kinds) > 1:
        raise fail(
            "account_id", sorted(kinds.index), _("the contacts of one account")
        )
    return kinds.iloc[0] if len(kinds) else "simple"
