"""Ranking by expected value and the wish file (希望档案) [L3.1]."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from kamlib import datasets, settings
from kamlib.priority import (
    account_opportunities,
    expected_value,
    has_traded,
    prospect_probabilities,
    rank_opportunities,
    wish_file,
)
from kamlib.validation import KamValueError


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
    with pytest.raises(
        KamValueError,
        match=r"account column 'account_id' \(row .*\): got 'AC010'; expected each id once",
    ):
        wish_file(accounts, {"AC010": 0.5})


def test_wish_file_refuses_a_bad_probability_argument() -> None:
    with pytest.raises(KamValueError, match=r"probability: got 0.5; expected a column name"):
        wish_file(prospects(), 0.5)


def test_wish_file_needs_first_order_date_without_transactions() -> None:
    with pytest.raises(KamValueError, match=r"accounts: missing column\(s\) 'first_order_date'"):
        wish_file(prospects().drop(columns="first_order_date"), {"AC010": 0.5})


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


def test_has_traded_by_transactions_or_first_order() -> None:
    assert has_traded(prospects()).tolist() == [False, False, False, True, False]
    transactions = pd.DataFrame({"account_id": ["AC011", "AC011"]})
    assert has_traded(prospects(), transactions).tolist() == [False, True, False, False, False]


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: has_traded(prospects().to_dict()), r"accounts: got 'dict'; expected a pandas"),
        (
            lambda: has_traded(prospects().drop(columns="first_order_date")),
            r"accounts: missing column\(s\) 'first_order_date'",
        ),
        (
            lambda: has_traded(prospects(), pd.DataFrame({"id": ["AC011"]})),
            r"transactions: missing column\(s\) 'account_id'",
        ),
    ],
)
def test_has_traded_rejects_bad_input(call, match) -> None:
    with pytest.raises(KamValueError, match=match):
        call()


CHANCES = {"early": 0.2, "mid": 0.3, "partnership": 0.4, "synergistic": 0.5, "uncoupling": 0.1}


def book() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "account_id": ["A", "B", "C", "D", "E"],
            "name": ["Alpha", "Beta", "Gamma", "Delta", "Eta"],
            "revenue_cny": [1_000_000.0, 2_000_000.0, 0.0, 0.0, 3_000_000.0],
            "capacity_cny": [5_000_000.0, 3_000_000.0, 9_000_000.0, 4_000_000.0, 2_000_000.0],
        }
    )


def stage_table() -> pd.DataFrame:
    keys = ["early", "partnership", "pre_kam", "uncoupling", "mid"]
    return pd.DataFrame(
        {"account_id": list("ABCDE"), "key": keys, "name": [k.title() for k in keys]}
    )


def test_account_opportunities_weigh_the_business_with_rivals() -> None:
    ranked = account_opportunities(book(), stage_table(), CHANCES)
    # C is a prospect (pre-KAM); E buys more than its capacity: nothing left to win
    assert ranked["account_id"].tolist() == ["A", "D", "B", "E"]
    assert ranked["size_cny"].tolist() == [4_000_000.0, 4_000_000.0, 1_000_000.0, 0.0]
    assert ranked["probability"].tolist() == [0.2, 0.1, 0.4, 0.3]
    assert ranked["expected_value_cny"].tolist() == pytest.approx([800_000, 400_000, 400_000, 0])
    assert ranked["rank"].tolist() == [1, 2, 2, 4]
    assert ranked["stage"].tolist() == ["early", "uncoupling", "partnership", "mid"]
    assert ranked.loc[0, "stage_name"] == "Early" and ranked.loc[0, "name"] == "Alpha"


def test_account_opportunities_with_own_columns() -> None:
    frame = book().rename(columns={"revenue_cny": "sales", "capacity_cny": "wallet"})
    ranked = account_opportunities(
        frame, stage_table(), CHANCES, revenue="sales", capacity="wallet"
    )
    assert ranked["account_id"].iloc[0] == "A"


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (
            lambda: account_opportunities(book(), stage_table(), [0.2, 0.3]),
            r"probability_by_stage: got \[0.2, 0.3\]; expected a mapping stage key",
        ),
        (
            lambda: account_opportunities(book(), stage_table(), CHANCES | {"pre_kam": 0.5}),
            r"probability_by_stage key: got 'pre_kam'; expected one of 'early', 'mid'",
        ),
        (
            lambda: account_opportunities(book(), stage_table(), CHANCES | {"mid": 30}),
            r"probability_by_stage \(row 'mid', 1 bad in all\): got 30.*40% as 0\.4",
        ),
        (
            lambda: account_opportunities(
                book(), stage_table(), {k: v for k, v in CHANCES.items() if k != "uncoupling"}
            ),
            r"probability_by_stage: got .*; expected a probability for stage 'uncoupling' too",
        ),
        (
            lambda: account_opportunities(book(), stage_table().iloc[:4], CHANCES),
            r"stages \(row 4, 1 bad in all\): got 'E'; expected a stage for every account",
        ),
        (
            lambda: account_opportunities(
                pd.concat([book(), book().iloc[[1]]]), stage_table(), CHANCES
            ),
            r"account column 'account_id' \(row .*\): got 'B'; expected each id once",
        ),
        (
            lambda: account_opportunities(book(), stage_table().drop(columns="key"), CHANCES),
            r"stages: missing column\(s\) 'key'",
        ),
        (
            lambda: account_opportunities(
                book().drop(columns="capacity_cny"), stage_table(), CHANCES
            ),
            r"accounts: missing column\(s\) 'capacity_cny'",
        ),
        (
            lambda: account_opportunities(
                book().assign(capacity_cny=[1.0, -2.0, 0, 0, 0]), stage_table(), CHANCES
            ),
            r"capacity_cny \(row 'B', 1 bad in all\): got -2.0; expected a number >= 0",
        ),
    ],
)
def test_account_opportunities_reject_bad_input(call, match) -> None:
    with pytest.raises(KamValueError, match=match):
        call()


def test_prospect_probabilities_known_or_cold() -> None:
    people = pd.DataFrame({"account_id": ["AC011", "AC013", "AC011"]})
    rated = prospect_probabilities(prospects(), people, known=0.3, cold=0.05)
    assert rated.index.name == "account_id"
    assert rated.index.tolist() == ["AC010", "AC011", "AC012", "AC014"]  # AC013 already buys
    assert rated["known"].tolist() == [False, True, False, False]
    assert rated["win_probability"].tolist() == [0.05, 0.3, 0.05, 0.05]
    wishes = wish_file(prospects(), rated["win_probability"])
    assert wishes["account_id"].tolist() == ["AC014", "AC011", "AC010"]


def test_prospect_probabilities_by_transactions() -> None:
    people = pd.DataFrame({"account_id": ["AC013"]})
    transactions = pd.DataFrame({"account_id": ["AC010"]})
    rated = prospect_probabilities(prospects(), people, transactions=transactions)
    assert rated.index.tolist() == ["AC011", "AC012", "AC013", "AC014"]
    assert rated.loc["AC013", "win_probability"] == 0.25
    assert rated.loc["AC011", "win_probability"] == 0.10


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (
            lambda p: prospect_probabilities(prospects(), p, known=25),
            r"known: got 25; expected a number from 0 to 1\. Write probabilities from 0 to 1",
        ),
        (
            lambda p: prospect_probabilities(prospects(), p, cold="low"),
            r"cold: got 'low'; expected a number",
        ),
        (
            lambda p: prospect_probabilities(prospects(), p.rename(columns={"account_id": "x"})),
            r"people: missing column\(s\) 'account_id'",
        ),
        (
            lambda p: prospect_probabilities(pd.concat([prospects(), prospects().iloc[[0]]]), p),
            r"account column 'account_id' \(row .*\): got 'AC010'; expected each id once",
        ),
        (
            lambda p: prospect_probabilities(prospects().drop(columns="first_order_date"), p),
            r"accounts: missing column\(s\) 'first_order_date'",
        ),
    ],
)
def test_prospect_probabilities_reject_bad_input(call, match) -> None:
    with pytest.raises(KamValueError, match=match):
        call(pd.DataFrame({"account_id": ["AC011"]}))


def test_account_opportunities_on_the_case_data() -> None:
    from kamlib import case, stages

    transactions = datasets.load("transactions")
    accounts = datasets.load("accounts")
    diagnosed = stages.relationship_stages(
        datasets.load("contacts"), transactions, accounts, as_of=settings.load().today
    )
    ranked = account_opportunities(case.scored_accounts(), diagnosed, CHANCES)
    trading = diagnosed.loc[diagnosed["key"] != "pre_kam", "account_id"]
    assert sorted(ranked["account_id"]) == sorted(trading)
    assert ranked["account_id"].isin(transactions["account_id"]).all()
    assert ranked["expected_value_cny"].is_monotonic_decreasing
    assert (ranked["size_cny"] >= 0).all()


def test_describe_rank_says_rank_size_chance_and_value() -> None:
    from kamlib.i18n import set_language
    from kamlib.priority import describe_rank

    ranked = rank_opportunities(opportunities().assign(
        stage=["early", "mid", "synergistic", "uncoupling"]))
    assert describe_rank(ranked, "AC004", language="en") == (
        "AC004 ranks 1 of 4: CNY 2.0 m still with rivals × 30% (Uncoupling KAM) = "
        "CNY 600.0 k expected.")
    assert "(中断大客户管理)" in describe_rank(ranked, "AC004", language="zh")
    wishes = wish_file(prospects(), {"AC010": 0.5, "AC014": 0.1})
    assert describe_rank(wishes, "AC014", language="en") == (
        "AC014 ranks 2 of 2 in the wish file: a capacity of CNY 9.0 m × 10% = CNY 900.0 k "
        "expected.")
    assert describe_rank(wishes, "AC011") == "AC011 is not among the 2 ranked here."
    set_language("zh")
    try:
        assert "万元" in describe_rank(wishes, "AC014")  # the current language's money
    finally:
        set_language("en")
    with pytest.raises(KamValueError, match="ranked: .*missing column.*'rank'"):
        describe_rank(opportunities(), "AC001")
