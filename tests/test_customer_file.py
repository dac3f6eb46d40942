"""Customer information file (kamlib.customer_file)."""

from __future__ import annotations

import pandas as pd
import pytest

from kamlib import datasets
from kamlib.customer_file import (
    FILE_FIELDS,
    completeness,
    customer_file,
    field_fill_rates,
    missing_group_counts,
)
from kamlib.validation import KamValueError

FIELDS = [field for fields in FILE_FIELDS.values() for field in fields]


def _people() -> pd.DataFrame:
    full = dict.fromkeys(FIELDS, "known")
    return pd.DataFrame(
        [
            {
                "person_id": "P1",
                "account_id": "A",
                "name": "Ma Jun",
                "title": "Buyer",
                "function": "purchasing",
                "level": "staff",
                **full,
            },
            {
                "person_id": "P2",
                "account_id": "A",
                "name": "Li Fang",
                "title": "CFO",
                "function": "finance",
                "level": "executive",
                **full,
                "family": None,
                "hobbies": "  ",
                "social_style": None,
                "habits": None,
            },
            {
                "person_id": "P3",
                "account_id": "B",
                "name": "Xu Wei",
                "title": "QA",
                "function": "quality",
                "level": "manager",
                **dict.fromkeys(FIELDS, None),
                "responsibilities": "Audits suppliers",
            },
        ]
    )


def test_file_fields_follow_the_handout():
    assert list(FILE_FIELDS) == ["personal", "interpersonal", "work"]
    assert FILE_FIELDS["personal"] == ("family", "hobbies", "social_style", "habits")
    assert FILE_FIELDS["interpersonal"] == ("colleagues", "friends", "suppliers")
    assert len(FILE_FIELDS["work"]) == 5


def test_customer_file_of_one_account():
    file = customer_file(_people(), account_id="A")
    assert file.index.tolist() == ["P1", "P2"]
    assert file.columns.names == ["group", "field"]
    assert file.columns.get_level_values("group").unique().tolist() == [
        "person",
        "personal",
        "interpersonal",
        "work",
    ]
    assert file[("person", "title")].tolist() == ["Buyer", "CFO"]
    assert file["work"].shape == (2, 5)


def test_completeness_per_account():
    result = completeness(_people()).set_index("account_id")
    assert list(result.columns) == [
        "people",
        "personal",
        "interpersonal",
        "work",
        "filled",
        "missing_groups",
    ]
    assert result.loc["A", "people"] == 2
    assert result.loc["A", "personal"] == pytest.approx(0.5)  # blank text counts as empty
    assert result.loc["A", ["interpersonal", "work"]].tolist() == [1.0, 1.0]
    assert result.loc["A", "filled"] == pytest.approx(20 / 24)
    assert result.loc["A", "missing_groups"] == ""
    assert result.loc["B", "work"] == pytest.approx(0.2)
    assert result.loc["B", "missing_groups"] == "personal, interpersonal, work"


def test_missing_group_counts_over_accounts():
    counts = missing_group_counts(_people())
    # A misses no group (personal is half filled); B misses all three
    assert counts.to_dict() == {"personal": 1, "interpersonal": 1, "work": 1}
    people = _people()
    people.loc[1, "family"] = None
    people.loc[0, ["family", "hobbies", "social_style"]] = None  # A: personal 1 of 8 filled
    assert missing_group_counts(people).tolist() == [2, 1, 1]
    assert missing_group_counts(people).name == "accounts_missing"


def test_field_fill_rates_least_known_first():
    rates = field_fill_rates(_people())
    assert list(rates.columns) == ["group", "field", "people_filled", "filled_share"]
    assert len(rates) == len(FIELDS)
    # family, hobbies (blank counts as empty), social_style, habits: 1 of 3 people
    assert rates["field"].tolist()[:4] == ["family", "hobbies", "social_style", "habits"]
    assert rates["people_filled"].tolist()[:4] == [1, 1, 1, 1]
    assert rates["filled_share"].iloc[0] == pytest.approx(1 / 3)
    assert rates.set_index("field").loc["responsibilities", "people_filled"] == 3
    assert rates.set_index("field").loc["friends", "group"] == "interpersonal"
    assert rates["filled_share"].is_monotonic_increasing


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda p: customer_file(p, account_id="Z"),
            r"account_id: got 'Z'; expected an account with people "
            r"in the file \(A, B\)",
        ),
        (lambda p: customer_file(p, account_id=7), r"account_id: got 7; expected text"),
        (
            lambda p: customer_file(p.drop(columns="hobbies"), account_id="A"),
            r"people: missing column\(s\) "
            r"'hobbies'",
        ),
        (
            lambda p: completeness(p.drop(columns=["person_id"])),
            r"people: missing column\(s\) "
            r"'person_id'",
        ),
        (lambda p: completeness(p.to_dict()), r"people: got 'dict'; expected a pandas DataFrame"),
        (
            lambda p: missing_group_counts(p.drop(columns="friends")),
            r"people: missing column\(s\) 'friends'",
        ),
        (lambda p: missing_group_counts([]), r"people: got 'list'; expected a pandas DataFrame"),
        (
            lambda p: field_fill_rates(p.drop(columns="account_id")),
            r"people: missing column\(s\) 'account_id'",
        ),
        (lambda p: field_fill_rates(None), r"people: got 'NoneType'; expected a pandas DataFrame"),
    ],
)
def test_bad_input_is_rejected(call, message):
    with pytest.raises(KamValueError, match=message):
        call(_people())


def test_on_the_case_data():
    people = datasets.load("people")
    result = completeness(people)
    assert result["account_id"].is_unique
    assert result["people"].sum() == len(people)
    assert result[["personal", "interpersonal", "work", "filled"]].stack().between(0, 1).all()
    first = result["account_id"].iloc[0]
    assert len(customer_file(people, account_id=first)) == result["people"].iloc[0]
