"""Customer information file (kamlib.customer_file)."""

from __future__ import annotations

import pandas as pd
import pytest

from kamlib._validation import KamValueError
from kamlib.customer_file import FILE_FIELDS, completeness, customer_file

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
    file = customer_file(_people(), "A")
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


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda p: customer_file(p, "Z"),
            r"account_id: got 'Z'; expected an account with people "
            r"in the file \(A, B\)",
        ),
        (lambda p: customer_file(p, 7), r"account_id: got 7; expected text"),
        (
            lambda p: customer_file(p.drop(columns="hobbies"), "A"),
            r"people: missing column\(s\) "
            r"'hobbies'",
        ),
        (
            lambda p: completeness(p.drop(columns=["person_id"])),
            r"people: missing column\(s\) "
            r"'person_id'",
        ),
        (lambda p: completeness(p.to_dict()), r"people: got 'dict'; expected a pandas DataFrame"),
    ],
)
def test_bad_input_is_rejected(call, message):
    with pytest.raises(KamValueError, match=message):
        call(_people())


def test_on_the_case_data():
    datasets = pytest.importorskip("kamlib.datasets")
    people = datasets.load("people")
    result = completeness(people)
    assert result["account_id"].is_unique
    assert result["people"].sum() == len(people)
    assert result[["personal", "interpersonal", "work", "filled"]].stack().between(0, 1).all()
    first = result["account_id"].iloc[0]
    assert len(customer_file(people, first)) == result["people"].iloc[0]
