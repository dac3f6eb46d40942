"""Where to find the right customers (kamlib.prospecting)."""

from __future__ import annotations

import pandas as pd
import pytest

from kamlib.datasets import load
from kamlib.prospecting import SOURCES, Source, file_leads, sleeping_giants, sources_table
from kamlib.validation import KamValueError


def test_the_five_sources_of_the_handout():
    assert len(SOURCES) == 5 and all(isinstance(s, Source) for s in SOURCES)
    assert [s.key for s in SOURCES] == [
        "colleagues_systems",
        "competitors",
        "new_customers",
        "industry_bodies",
        "media",
    ]
    assert SOURCES[3].zh == "学会/协会"
    assert all(len(s.look_for) > 40 and len(s.example) > 40 for s in SOURCES)


def test_sources_table():
    table = sources_table()
    assert list(table.columns) == ["key", "en", "zh", "look_for", "example"]
    assert table["key"].tolist() == [s.key for s in SOURCES]


def book() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "account_id": ["A", "B", "C", "D", "E", "F"],
            "revenue_cny": [100_000.0, 900_000.0, 0.0, 0.0, 50_000.0, 0.0],
            "capacity_cny": [5_000_000.0, 6_000_000.0, 8_000_000.0, 9_000_000.0, 1_000_000.0, 0.0],
            "first_order_date": pd.to_datetime(
                ["2020-01-01", "2021-01-01", "2019-01-01", None, "2022-01-01", "2022-01-01"]
            ),
        }
    )


def test_sleeping_giants_buy_little_of_a_large_capacity():
    giants = sleeping_giants(book())
    # B gives us 15%; D never bought (a prospect); E is small; F has no capacity
    assert giants["account_id"].tolist() == ["C", "A"]  # largest capacity first
    assert giants["share_of_wallet"].tolist() == pytest.approx([0.0, 0.02])


def test_sleeping_giants_thresholds_are_parameters():
    giants = sleeping_giants(book(), max_share=0.2, min_capacity_cny=1_000_000)
    assert giants["account_id"].tolist() == ["C", "B", "A", "E"]
    transactions = pd.DataFrame({"account_id": ["D"]})
    assert sleeping_giants(book(), transactions)["account_id"].tolist() == ["D"]


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (
            lambda b: sleeping_giants(b, max_share=10),
            r"max_share: got 10; expected a number "
            r"from 0 to 1",
        ),
        (
            lambda b: sleeping_giants(b, min_capacity_cny=-1),
            r"min_capacity_cny: got -1; expected a number from 0 to 1e\+15",
        ),
        (
            lambda b: sleeping_giants(b.assign(capacity_cny=[1.0, None, 1, 1, 1, 1])),
            r"capacity_cny \(row 'B', 1 bad in all\): got nan; expected a number",
        ),
        (
            lambda b: sleeping_giants(b.drop(columns="revenue_cny")),
            r"accounts: missing column\(s\) 'revenue_cny'",
        ),
        (
            lambda b: sleeping_giants(b.drop(columns="first_order_date")),
            r"accounts: missing column\(s\) 'first_order_date'",
        ),
        (lambda b: sleeping_giants("book"), r"accounts: got 'str'; expected a pandas DataFrame"),
    ],
)
def test_sleeping_giants_reject_bad_input(call, match):
    with pytest.raises(KamValueError, match=match):
        call(book())


def test_file_leads_finds_rivals_and_industry_bodies_in_the_customer_files():
    people = pd.DataFrame(
        {
            "person_id": ["P1", "P2", "P3", "P4"],
            "account_id": ["A", "A", "B", "C"],
            "suppliers": ["Also buys from a European multinational", None,
                          "Single-sources from us", "每年招标，三家竞标"],
            "friends": ["Active in the local coatings association", "", "Old classmate",
                        "行业协会理事"],
        }
    )
    assert file_leads(people, source="competitors")["person_id"].tolist() == ["P1", "P4"]
    assert file_leads(people, source="industry_bodies")["person_id"].tolist() == ["P1", "P4"]
    case_people = load("people")
    assert (
        0 < file_leads(case_people, source="competitors")["account_id"].nunique() < len(case_people)
    )


def test_file_leads_rejects_an_unknown_source_and_missing_columns():
    with pytest.raises(KamValueError, match=r"source: got 'internet'; expected one of "
                                            r"'competitors', 'industry_bodies'"):
        file_leads(pd.DataFrame(), source="internet")
    with pytest.raises(KamValueError, match=r"people: missing column\(s\) 'friends'"):
        file_leads(pd.DataFrame({"person_id": [], "account_id": []}), source="industry_bodies")
