"""The customer information file (建立客户信息系统, L3.3): what to know about the people.

For every person in an account the handout asks for three groups of facts: personal
(family, hobbies, social style, habits), interpersonal (colleagues, friends, suppliers) and
work (responsibilities, performance, objectives, way of working, potential).
:func:`customer_file` shows one account's file; :func:`completeness` measures, for every
account, how much of it is filled in and which groups are thin; :func:`missing_group_counts`
and :func:`field_fill_rates` sum that up over the whole company.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kamlib.datasets import shown_texts
from kamlib.i18n import N_, _
from kamlib.validation import check_frame, check_key_series, check_text, check_text_series, fail

#: The fields of the file, by group.
FILE_FIELDS: dict[str, tuple[str, ...]] = {
    "personal": ("family", "hobbies", "social_style", "habits"),
    "interpersonal": ("colleagues", "friends", "suppliers"),
    "work": ("responsibilities", "performance", "objectives", "working_style", "potential"),
}
#: Who the person is: shown first in the file.
IDENTITY_FIELDS = ("name", "title", "function", "level")
#: The groups and fields as a learner reads them, marked for translation (show them with
#: ``_()``; the keys stay the column names code reads).
FIELD_LABELS: dict[str, str] = {
    "person": N_("person"), "personal": N_("personal"),
    "interpersonal": N_("interpersonal"), "work": N_("work"),
    "name": N_("name"), "title": N_("title"), "function": N_("function"), "level": N_("level"),
    "family": N_("family"), "hobbies": N_("hobbies"), "social_style": N_("social style"),
    "habits": N_("habits"), "colleagues": N_("colleagues"), "friends": N_("friends"),
    "suppliers": N_("suppliers"), "responsibilities": N_("responsibilities"),
    "performance": N_("performance"), "objectives": N_("objectives"),
    "working_style": N_("way of working"), "potential": N_("potential"),
}
#: A group filled below this share is listed as missing in :func:`completeness`.
MISSING_GROUP_SHARE = 0.5

_ALL_FIELDS = [field for fields in FILE_FIELDS.values() for field in fields]


def _checked(people: pd.DataFrame) -> pd.DataFrame:
    """The people table checked: ids present, file fields text or missing."""
    check_frame("people", people, ["person_id", "account_id", *_ALL_FIELDS])
    check_key_series("people['person_id']", people["person_id"])
    check_key_series("people['account_id']", people["account_id"])
    for field in _ALL_FIELDS:
        check_text_series(f"people[{field!r}]", people[field], allow_missing=True,
                          allow_empty=True)
    return people


def _filled(people: pd.DataFrame) -> pd.DataFrame:
    """True where a file field holds text (not missing, not blank)."""
    text = people[_ALL_FIELDS].astype("string").fillna("")
    return text.apply(lambda column: column.str.strip()).ne("")


def customer_file(people: pd.DataFrame, *, account_id: str) -> pd.DataFrame:
    """The file of one account: a row per person, columns grouped (person/personal/...).

    Parameters
    ----------
    people : pandas.DataFrame
        The customer file (``datasets.load("people")``), or a learner's own in the same
        shape: person_id, account_id and the fields of :data:`FILE_FIELDS`.
    account_id : str
        The account whose file to show, e.g. "AC060".

    Returns
    -------
    pandas.DataFrame
        Index person_id; two-level columns (group, field): the person's identity
        (:data:`IDENTITY_FIELDS`), then each group of :data:`FILE_FIELDS`. The facts and
        titles are shown in the current language (:func:`kamlib.datasets.shown_texts`); the
        keys stay the column names code reads.

    Raises
    ------
    KamValueError
        If ``people`` lacks a column, an id is missing, a file field is not text, or the
        account has nobody in the file.

    Examples
    --------
    >>> from kamlib import datasets
    >>> file = customer_file(datasets.load("people"), account_id="AC060")
    >>> file.shape, list(file.columns.get_level_values("group").unique())
    ((6, 16), ['person', 'personal', 'interpersonal', 'work'])
    """
    _checked(people)
    account_id = check_text("account_id", account_id)
    rows = people[people["account_id"].astype(str) == account_id]
    if rows.empty:
        known = sorted(people["account_id"].astype(str).unique())
        shown = ", ".join(known[:5]) + (", …" if len(known) > 5 else "")
        raise fail("account_id", account_id,
            _("an account with people in the file ({shown})").format(shown=shown))
    identity = [f for f in IDENTITY_FIELDS if f in rows.columns]
    columns = [("person", f) for f in identity] + [
        (group, field) for group, fields in FILE_FIELDS.items() for field in fields
    ]
    file = shown_texts(rows, "people").set_index("person_id")[[field for _, field in columns]]
    file.columns = pd.MultiIndex.from_tuples(columns, names=["group", "field"])
    return file


def completeness(people: pd.DataFrame) -> pd.DataFrame:
    """Per account: people, share of fields filled per group and overall, missing groups.

    A group is missing when under half of its fields are filled (:data:`MISSING_GROUP_SHARE`).

    Parameters
    ----------
    people : pandas.DataFrame
        The customer file (``datasets.load("people")``), or a learner's own in the same
        shape: person_id, account_id and the fields of :data:`FILE_FIELDS`.

    Returns
    -------
    pandas.DataFrame
        One row per account: account_id, people, the share filled (0–1) of each group and
        ``filled`` overall, and ``missing_groups`` (comma-separated, "" if none).

    Raises
    ------
    KamValueError
        If ``people`` lacks a column, an id is missing, or a file field is not text.

    Examples
    --------
    >>> from kamlib import datasets
    >>> completeness(datasets.load("people"))[["account_id", "people", "filled"]].head(2)
      account_id  people  filled
    0      AC001       1  0.7500
    1      AC002       4  0.9375
    """
    _checked(people)
    filled = _filled(people).astype(float)
    filled["account_id"] = people["account_id"].astype(str).to_numpy()
    by_field = filled.groupby("account_id", sort=True).mean()
    result = pd.DataFrame({"people": people.groupby(people["account_id"].astype(str)).size()})
    for group, fields in FILE_FIELDS.items():
        result[group] = by_field[list(fields)].mean(axis=1)
    result["filled"] = by_field[_ALL_FIELDS].mean(axis=1)
    missing = pd.Series("", index=result.index)
    for group, thin in _thin_groups(result).items():
        missing += np.where(thin, group + ", ", "")
    result["missing_groups"] = missing.str.removesuffix(", ")
    return result.reset_index().rename(columns={"index": "account_id"})


def _thin_groups(completeness: pd.DataFrame) -> pd.DataFrame:
    """True where an account's group is missing: filled under :data:`MISSING_GROUP_SHARE`."""
    return completeness[list(FILE_FIELDS)] < MISSING_GROUP_SHARE


def missing_group_counts(people: pd.DataFrame) -> pd.Series:
    """How many accounts miss each group (as :func:`completeness` judges), in group order.

    Parameters
    ----------
    people : pandas.DataFrame
        The customer file (``datasets.load("people")``), or a learner's own in the same
        shape: person_id, account_id and the fields of :data:`FILE_FIELDS`.

    Returns
    -------
    pandas.Series
        Accounts missing each group, indexed by group, named ``accounts_missing``.

    Raises
    ------
    KamValueError
        If ``people`` lacks a column, an id is missing, or a file field is not text.

    Examples
    --------
    >>> from kamlib import datasets
    >>> missing_group_counts(datasets.load("people")).to_dict()
    {'personal': 1, 'interpersonal': 20, 'work': 0}
    """
    return _thin_groups(completeness(people)).sum().rename("accounts_missing")


def field_fill_rates(people: pd.DataFrame) -> pd.DataFrame:
    """Per field of the file: its group, for how many people it is filled and what share.

    Parameters
    ----------
    people : pandas.DataFrame
        The customer file (``datasets.load("people")``), or a learner's own in the same
        shape: person_id, account_id and the fields of :data:`FILE_FIELDS`.

    Returns
    -------
    pandas.DataFrame
        Columns group, field, people_filled, filled_share; the least known field first (ties
        in the order of :data:`FILE_FIELDS`).

    Raises
    ------
    KamValueError
        If ``people`` lacks a column, an id is missing, or a file field is not text.

    Examples
    --------
    >>> from kamlib import datasets
    >>> field_fill_rates(datasets.load("people")).loc[0, ["group", "field"]].tolist()
    ['work', 'working_style']
    """
    _checked(people)
    filled = _filled(people)
    rates = pd.DataFrame(
        {
            "group": [group for group, fields in FILE_FIELDS.items() for _ in fields],
            "field": _ALL_FIELDS,
            "people_filled": filled.sum().to_numpy(),
            "filled_share": filled.mean().to_numpy(),
        }
    )
    return rates.sort_values("filled_share", kind="stable").reset_index(drop=True)
