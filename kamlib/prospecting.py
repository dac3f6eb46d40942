"""Where to find the right customers (通过什么途径可以确定正确的客户, L3.2).

The handout names five sources. :data:`SOURCES` says for each what to look for and gives an
example for the case company, Huaxin Industrial Coatings (华信工业涂料).
:func:`sleeping_giants` finds the first kind of lead in the company's own systems: customers
that buy a little from us but could buy a lot.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from kamlib.i18n import N_, _
from kamlib.priority import has_traded
from kamlib.validation import (
    check_choice,
    check_frame,
    check_number,
    check_numeric_series,
    check_text_series,
)


@dataclass(frozen=True)
class Source:
    """One source of prospects: key, names, what to look for, an example for Huaxin.

    Examples
    --------
    >>> SOURCES[1].key, SOURCES[1].zh
    ('competitors', '竞争对手')
    """

    key: str
    en: str
    zh: str
    look_for: str
    example: str


SOURCES: tuple[Source, ...] = (
    Source(
        "colleagues_systems",
        N_("Colleagues and the company's information systems"),
        "同事与公司信息系统",
        N_("Accounts that buy a little today but have a large capacity; quotes that were never "
        "won; leads noted by technical service, logistics or finance."),
        N_("The CRM shows a furniture maker in Ningbo that buys only primer from us while its "
        "capacity estimate is five times higher: a target for the topcoat line."),
    ),
    Source(
        "competitors",
        N_("Competitors"),
        "竞争对手",
        N_("Whom competitors supply, where their service or delivery is weak, who is unhappy "
        "after a price rise or a quality problem."),
        N_("A rival raised its sealant prices by 8%; its rail-equipment customers in North China "
        "are worth a call this quarter."),
    ),
    Source(
        "new_customers",
        N_("New customers"),
        "新客户",
        N_("New plants, new product lines and new entrants in our industries; whom our new "
        "customers buy from and sell to."),
        N_("A battery maker opening a plant in Hefei needs insulating coatings: put it in the "
        "wish file (希望档案) and plan a first visit."),
    ),
    Source(
        "industry_bodies",
        N_("Industry bodies and associations"),
        "学会/协会",
        N_("Member lists, trade fairs, standards committees and technical seminars where "
        "decision makers meet."),
        N_("The coatings industry association's seminar on new VOC limits gathers the quality "
        "managers of appliance makers: present our waterborne range there."),
    ),
    Source(
        "media",
        N_("Internet, magazines, newspapers and other media"),
        "网络、杂志、报纸等媒体",
        N_("Investment news, plant openings, tenders, hiring ads and annual reports that show "
        "growth or a change of supplier."),
        N_("A news item on a wind-turbine maker doubling blade output in Jiangsu points to a "
        "need for blade coatings next year."),
    ),
)


def sources_table() -> pd.DataFrame:
    """:data:`SOURCES` as a table.

    Returns
    -------
    pandas.DataFrame
        One row per source: key, en, zh, look_for, example (the last two in the current
        language).

    Examples
    --------
    >>> sources_table()["key"].tolist()
    ['colleagues_systems', 'competitors', 'new_customers', 'industry_bodies', 'media']
    """
    frame = pd.DataFrame([vars(source) for source in SOURCES])
    for column in ("look_for", "example"):
        frame[column] = frame[column].map(_)
    return frame


def sleeping_giants(
    accounts: pd.DataFrame,
    transactions: pd.DataFrame | None = None,
    *,
    max_share: float = 0.10,
    min_capacity_cny: float = 3_000_000,
    revenue: str = "revenue_cny",
    capacity: str = "capacity_cny",
    account: str = "account_id",
) -> pd.DataFrame:
    """Customers with a large capacity of which we get only a small share: "sleeping giants".

    A sleeping giant has traded with us (see :func:`kamlib.priority.has_traded`; one that
    stopped ordering counts, at a share of 0), a capacity of at least ``min_capacity_cny``
    (and above 0) and a share of wallet (revenue / capacity) under ``max_share``.

    Parameters
    ----------
    accounts : pandas.DataFrame
        One row per account with this year's ``revenue`` and its ``capacity`` (e.g.
        :func:`kamlib.case.scored_accounts`); without ``transactions`` also its
        ``first_order_date``.
    transactions : pandas.DataFrame, optional
        The order lines that show who has traded with us (default: ``first_order_date``).
    max_share : float, default 0.10
        The share of wallet (0–1) below which a customer sleeps.
    min_capacity_cny : float, default 3,000,000
        The smallest capacity, in CNY, of a giant.
    revenue, capacity, account : str
        The columns of this year's revenue, the capacity (both CNY) and the account id.

    Returns
    -------
    pandas.DataFrame
        The rows of the sleeping giants with ``share_of_wallet`` added, largest capacity
        first.

    Raises
    ------
    KamValueError
        If a column is missing or holds a bad value (named by row), or a threshold is out
        of range.

    Examples
    --------
    >>> import pandas as pd
    >>> accounts = pd.DataFrame({"account_id": ["A", "B", "C"],
    ...                          "revenue_cny": [100_000, 2_000_000, 0],
    ...                          "capacity_cny": [5_000_000, 4_000_000, 9_000_000]})
    >>> sleeping_giants(accounts, pd.DataFrame({"account_id": ["A", "B"]}))
      account_id  revenue_cny  capacity_cny  share_of_wallet
    0          A       100000       5000000             0.02
    """
    check_frame(
        "accounts", accounts, {"account": account, "revenue": revenue, "capacity": capacity}
    )
    max_share = check_number("max_share", max_share, minimum=0, maximum=1)
    min_capacity_cny = check_number("min_capacity_cny", min_capacity_cny, minimum=0)
    labels = accounts[account]
    revenues = check_numeric_series(revenue, accounts[revenue], minimum=0, labels=labels)
    capacities = check_numeric_series(capacity, accounts[capacity], minimum=0, labels=labels)
    customer = has_traded(accounts, transactions, account).to_numpy()
    size = capacities.to_numpy()
    share = np.divide(revenues.to_numpy(), size, out=np.full(len(size), np.nan), where=size > 0)
    giant = customer & (size > 0) & (size >= min_capacity_cny) & (share < max_share)
    return (
        accounts.loc[giant]
        .assign(share_of_wallet=share[giant])
        .sort_values(capacity, ascending=False, kind="stable")
    )


#: Phrases in a customer file that point to a source of leads (case-insensitive regexes):
#: a rival supplier or a tender in the ``suppliers`` field, membership of an industry body
#: (学会/协会) in the ``friends`` field. Instructors may add their own company's phrasings.
LEAD_CUES: dict[str, tuple[str, str]] = {
    "competitors": ("suppliers", r"also buys|dual-sources|tender|竞争对手|招标"),
    "industry_bodies": ("friends", r"association|协会|学会"),
}


def file_leads(people: pd.DataFrame, *, source: str) -> pd.DataFrame:
    """The people whose customer-file entry points to leads from ``source`` (see LEAD_CUES).

    E.g. the accounts whose file records a rival supplier are a window on what competitors
    offer.

    Parameters
    ----------
    people : pandas.DataFrame
        The customer file (``datasets.load("people")``), or a learner's own in the same shape.
    source : {"competitors", "industry_bodies"}
        The source of leads to look for (a key of :data:`LEAD_CUES`).

    Returns
    -------
    pandas.DataFrame
        The matching people: person_id, account_id and the field that matched.

    Raises
    ------
    KamValueError
        If ``source`` is not a key of :data:`LEAD_CUES` or ``people`` lacks a column.

    Examples
    --------
    >>> from kamlib import datasets
    >>> leads = file_leads(datasets.load("people"), source="industry_bodies")
    >>> leads.iloc[0].tolist()
    ['P0001', 'AC001', 'Active in the local coatings association']
    """
    source = check_choice("source", source, LEAD_CUES)
    field, pattern = LEAD_CUES[source]
    check_frame("people", people, ["person_id", "account_id", field])
    notes = check_text_series(f"people[{field!r}]", people[field], allow_missing=True,
                              allow_empty=True)
    matched = notes.astype("string").str.contains(pattern, case=False, regex=True)
    return people.loc[matched.fillna(False).to_numpy(), ["person_id", "account_id", field]]
