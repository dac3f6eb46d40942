"""Ranking by expected value and the wish file (希望档案) [L3.1]."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from kamlib._validation import KamValueError
from kamlib.priority import expected_value, rank_opportunities, wish_file

try:
    from kamlib import datasets
except ImportError:  # the data module is written in parallel
    datasets = None


def opportunities() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "account_id": ["AC001", "AC002", "AC003", "AC004"],
            "size_cny": [1_000_000.0, 3_000_000.0, 500_000.0, 2_000_000.0],
            "probability": [0.6, 0.2, 0.9, 0.3],
        }
    )


def prospects() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "account_id": ["AC010", "AC011", "AC012", "AC013", "AC014"],
            "name": ["Alpha", "Beta", "Gamma 伽马", "Delta", "Epsilon"],
            "capacity_cny": [4_000_000.0, 1_000_000.0, 0.0, 2_000_000.0, 9_000_000.0],
            "first_order_date": pd.to_datetime([None, None, None, "2024-05-01", None]),
        }
    )


def test_expected_value_of_scalars() -> None:
    assert expected_value(2_000_000, 0.25) == 500_000.0


def test_expected_value_of_series_keeps_the_index() -> None:
    sizes = pd.Series([100.0, 200.0], index=["AC001", "AC002"])
    result = expected_value(sizes, [0.5, 0.1])
    assert list(result.index) == ["AC001", "AC002"]
    assert list(result) == [50.0, 20.0]


def test_expected_value_of_arrays() -> None:
    result = expected_value(np.array([10.0, 20.0]), np.array([1.0, 0.0]))
    assert list(result) == [10.0, 0.0]


def test_percentage_probability_gets_a_hint() -> None:
    with pytest.raises(KamValueError, match=r"probability: got 40; .*e\.g\. 40% as 0\.4"):
        expected_value(100, 40)


def test_percentage_in_a_series_names_the_row() -> None:
    with pytest.raises(KamValueError, match=r"probability \(row 1, 1 bad in all\).*40% as 0\.4"):
        expected_value([100, 200], [0.5, 60])


def test_negative_size_is_refused() -> None:
    with pytest.raises(KamValueError, match=r"size: got -1; expected a number from 0"):
        expected_value(-1, 0.5)


def test_sizes_and_probabilities_must_match_in_length() -> None:
    with pytest.raises(KamValueError, match=r"probability: got '3 values'; expected as many"):
        expected_value([1, 2], [0.1, 0.2, 0.3])


def test_text_probability_is_refused() -> None:
    with pytest.raises(KamValueError, match=r"probability: got 'high'; expected a number"):
        expected_value(100, "high")


def test_rank_opportunities_orders_by_expected_value() -> None:
    ranked = rank_opportunities(opportunities())
    assert list(ranked["account_id"]) == ["AC002", "AC004", "AC001", "AC003"]
    assert list(ranked["expected_value_cny"]) == [600_000.0, 600_000.0, 600_000.0, 450_000.0]
    assert list(ranked["rank"]) == [1, 1, 1, 4]  # ties share a rank; larger size first
    assert ranked["cumulative_share"].iloc[-1] == pytest.approx(1.0)
    assert ranked["cumulative_share"].iloc[0] == pytest.approx(600 / 2250)


def test_rank_opportunities_with_own_column_names() -> None:
    frame = opportunities().rename(
        columns={"size_cny": "deal", "probability": "p", "account_id": "id"}
    )
    ranked = rank_opportunities(frame, size="deal", probability="p", account="id")
    assert ranked.loc[0, "id"] == "AC002"


def test_rank_with_no_value_has_zero_shares() -> None:
    ranked = rank_opportunities(opportunities().assign(probability=0.0))
    assert (ranked["cumulative_share"] == 0).all()


def test_rank_needs_the_columns() -> None:
    with pytest.raises(KamValueError, match=r"frame: missing column\(s\) 'probability'"):
        rank_opportunities(opportunities().drop(columns="probability"))


def test_rank_names_the_account_with_a_percentage() -> None:
    frame = opportunities()
    frame.loc[2, "probability"] = 90
    with pytest.raises(KamValueError, match=r"probability \(row 'AC003', 1 bad in all\)"):
        rank_opportunities(frame)


def test_wish_file_lists_rated_prospects_with_capacity() -> None:
    wishes = wish_file(prospects(), {"AC010": 0.1, "AC011": 0.5, "AC012": 0.9, "AC014": 0.05})
    # AC012 has no capacity and AC013 already buys: both are left out
    assert list(wishes["account_id"]) == ["AC011", "AC014", "AC010"]
    assert list(wishes["expected_value_cny"]) == [500_000.0, 450_000.0, 400_000.0]
    assert list(wishes["rank"]) == [1, 2, 3]
    assert wishes.loc[0, "name"] == "Beta"


def test_wish_file_by_transactions_and_column() -> None:
    accounts = prospects().drop(columns="first_order_date").assign(win=[0.5, 0.5, 0.5, 0.5, np.nan])
    transactions = pd.DataFrame({"account_id": ["AC010"], "revenue_cny": [1.0]})
    wishes = wish_file(accounts, "win", transactions=transactions)
    assert list(wishes["account_id"]) == ["AC013", "AC011"]
    assert list(wishes["win_probability"]) == [0.5, 0.5]


def test_wish_file_refuses_unknown_account() -> None:
    with pytest.raises(KamValueError, match=r"probability: got 'AC999'; expected an account id"):
        wish_file(prospects(), {"AC999": 0.5})


def test_wish_file_refuses_an_account_that_already_buys() -> None:
    with pytest.raises(KamValueError, match=r"probability: got 'AC013'; expected prospects only"):
        wish_file(prospects(), {"AC013": 0.5})


def test_wish_file_hint_for_percentages() -> None:
    with pytest.raises(KamValueError, match=r"probability \(row 'AC010'.*40% as 0\.4"):
        wish_file(prospects(), {"AC010": 40})


def test_wish_file_refuses_duplicate_accounts() -> None:
    accounts = pd.concat([prospects(), prospects().iloc[[0]]])
    with pytest.raises(KamValueError, match=r"account_id: got 'AC010'; expected each account once"):
        wish_file(accounts, {"AC010": 0.5})


def test_wish_file_refuses_a_bad_probability_argument() -> None:
    with pytest.raises(KamValueError, match=r"probability: got 0.5; expected a column name"):
        wish_file(prospects(), 0.5)


def test_wish_file_needs_first_order_date_without_transactions() -> None:
    with pytest.raises(KamValueError, match=r"accounts: missing column\(s\) 'first_order_date'"):
        wish_file(prospects().drop(columns="first_order_date"), {"AC010": 0.5})


@pytest.mark.skipif(datasets is None, reason="kamlib.datasets is not written yet")
def test_wish_file_on_the_case_data() -> None:
    accounts = datasets.load("accounts")
    transactions = datasets.load("transactions")
    never_ordered = accounts.loc[accounts["first_order_date"].isna(), "account_id"]
    chances = dict.fromkeys(never_ordered, 0.3)
    wishes = wish_file(accounts, chances, transactions=transactions)
    assert 0 < len(wishes) <= len(never_ordered)
    assert not wishes["account_id"].isin(transactions["account_id"]).any()
    assert wishes["expected_value_cny"].is_monotonic_decreasing
    assert wishes["cumulative_share"].iloc[-1] == pytest.approx(1.0)
