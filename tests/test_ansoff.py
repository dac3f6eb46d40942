"""Tests of the Ansoff matrix (安索夫矩阵) [L2.10]."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from kamlib.ansoff import ANSOFF, ansoff_strategy, cross_sell_candidates, single_line_accounts
from kamlib.validation import KamValueError


@pytest.mark.parametrize(
    ("new_product", "new_market", "key", "zh", "risk"),
    [
        (False, False, "market_penetration", "市场渗透", "low"),
        (True, False, "product_development", "产品开发", "medium"),
        (False, True, "market_development", "市场延伸", "medium"),
        (True, True, "diversification", "多元化", "high"),
    ],
)
def test_each_cell(new_product, new_market, key, zh, risk):
    strategy = ansoff_strategy(new_product, new_market)
    assert (strategy.key, strategy.zh, strategy.risk) == (key, zh, risk)
    assert (strategy.new_product, strategy.new_market) == (new_product, new_market)
    assert strategy.example and strategy.description
    assert strategy.name.endswith(f"({zh})")


def test_records_cover_the_matrix_once():
    assert len({(s.new_product, s.new_market) for s in ANSOFF}) == 4


@pytest.mark.parametrize(
    ("args", "match"),
    [
        (("yes", False), r"new_product: got 'yes'; expected True or False"),
        ((False, 1), r"new_market: got 1; expected True or False"),
    ],
)
def test_ansoff_strategy_rejects_non_booleans(args, match):
    with pytest.raises(KamValueError, match=match):
        ansoff_strategy(*args)


@pytest.fixture
def accounts():
    return pd.DataFrame({
        "account_id": ["A1", "A2", "A3", "A4", "F1", "P1"],
        "name": ["Alpha", "Beta", "Gamma", "Delta", "Foxtrot", "Prospect"],
        "industry": ["auto", "auto", "auto", "auto", "furniture", "auto"],
        "capacity_cny": [100.0, 50.0, 40.0, 0.0, 80.0, 60.0],
    })


@pytest.fixture
def transactions():
    rows = [  # (date, account, line, revenue)
        ("2025-01-05", "A1", "L1", 10.0), ("2025-02-05", "A1", "L1", 5.0),
        ("2025-03-05", "A2", "L1", 8.0), ("2025-03-06", "A2", "L2", 4.0),
        ("2025-04-05", "A3", "L1", 6.0), ("2025-04-06", "A3", "L2", 2.0),
        ("2025-04-07", "A3", "L3", 1.0), ("2025-05-05", "A4", "L2", 3.0),
        ("2025-06-05", "F1", "L4", 9.0), ("2024-06-05", "A1", "L3", 7.0),
    ]
    frame = pd.DataFrame(rows, columns=["date", "account_id", "line_id", "revenue_cny"])
    return frame.assign(date=pd.to_datetime(frame["date"]))


def test_single_line_accounts(accounts, transactions):
    single = single_line_accounts(accounts, transactions, year=2025)
    assert single["account_id"].tolist() == ["A1", "A4", "F1"]
    assert single["line_id"].tolist() == ["L1", "L2", "L4"]
    assert single["revenue_cny"].tolist() == [15.0, 3.0, 9.0]
    assert single.loc[0, "share_of_wallet"] == 0.15
    assert np.isnan(single.loc[1, "share_of_wallet"])  # no capacity on record
    assert single.loc[0, ["name", "industry"]].tolist() == ["Alpha", "auto"]


def test_single_line_accounts_depend_on_the_year(accounts, transactions):
    assert single_line_accounts(accounts, transactions, year=2024)["account_id"].tolist() == ["A1"]
    assert single_line_accounts(accounts, transactions, year=2020).empty


def test_cross_sell_candidates_are_the_lines_peers_buy(accounts, transactions):
    candidates = cross_sell_candidates(accounts, transactions, account_id="A1", year=2025)
    # peers: A2, A3, A4 (not A1 itself, not the prospect P1, not furniture's F1)
    assert candidates["line_id"].tolist() == ["L2", "L3"]
    assert candidates["peers_buying"].tolist() == [3, 1]
    assert candidates["peers"].tolist() == [3, 3]
    assert np.allclose(candidates["peer_share"], [1.0, 1 / 3])


def test_cross_sell_candidates_threshold_and_prospects(accounts, transactions):
    strong = cross_sell_candidates(
        accounts, transactions, account_id="A1", year=2025, min_peer_share=0.5
    )
    assert strong["line_id"].tolist() == ["L2"]
    prospect = cross_sell_candidates(accounts, transactions, account_id="P1", year=2025)
    assert prospect["line_id"].tolist() == ["L1", "L2"]  # 3 of 4 peers each; L3 1 of 4
    assert cross_sell_candidates(
        accounts, transactions, account_id="F1", year=2025
    ).empty  # no peers


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"account_id": "ZZ"}, r"account_id: got 'ZZ'; expected an account_id of accounts"),
        ({"account_id": 7}, r"account_id: got 7; expected text"),
        ({"min_peer_share": 1.5}, r"min_peer_share: got 1.5; expected a number from 0 to 1"),
        ({"year": "2025"}, r"year: got '2025'; expected a number"),
    ],
)
def test_cross_sell_candidates_rejects_bad_input(accounts, transactions, kwargs, match):
    kwargs = {"account_id": "A1", "year": 2025, **kwargs}
    with pytest.raises(KamValueError, match=match):
        cross_sell_candidates(accounts, transactions, **kwargs)


@pytest.mark.parametrize(
    ("change", "match"),
    [
        (lambda a, t: (a.drop(columns="name"), t), r"accounts: missing column\(s\) 'name'"),
        (lambda a, t: (a, t.drop(columns="revenue_cny")),
         r"transactions: missing column\(s\) 'revenue_cny'"),
        (lambda a, t: (a, t.assign(account_id="ZZ")),
         r"transactions\['account_id'\] \(row 0, 10 bad in all\): got 'ZZ'"),
    ],
)
def test_single_line_accounts_rejects_bad_input(accounts, transactions, change, match):
    with pytest.raises(KamValueError, match=match):
        single_line_accounts(*change(accounts, transactions), year=2025)


# ------------------------------------------------------------ the examples against the data


@pytest.fixture(scope="module")
def case():
    from kamlib import datasets

    return {name: datasets.load(name) for name in ("accounts", "transactions", "product_lines")}


def test_every_example_sits_in_its_cell_on_the_case_data(case):
    from kamlib.ansoff import example_facts

    facts = example_facts(case["accounts"], case["transactions"], case["product_lines"])
    assert facts.index.tolist() == [s.key for s in ANSOFF]
    assert facts["in_its_cell"].all(), facts.to_string()


def test_selling_antifouling_to_shipyards_is_penetration_not_diversification(case):
    """Huaxin already sells PL03 marine antifouling coatings, and to shipbuilding mostly."""
    from kamlib.ansoff import example_facts
    from kamlib.bcg import bcg_table
    from kamlib.segmentation import industry_sales

    sales = industry_sales(case["accounts"], case["transactions"])
    pl03 = sales[sales["line_id"] == "PL03"]
    assert pl03["revenue_cny"].sum() > 30e6  # 36.3 m CNY in the case year
    assert set(pl03["industry"].astype(str)) == {"shipbuilding"}
    by_industry = sales.groupby("industry", observed=True)["revenue_cny"].sum()
    assert by_industry.rank(ascending=False)["shipbuilding"] == 2  # second-largest industry
    facts = example_facts(case["accounts"], case["transactions"], case["product_lines"])
    penetration = facts.loc["market_penetration"]
    assert penetration["example_line"] == "PL03"
    assert penetration["line_revenue_in_industry_cny"] == pytest.approx(pl03["revenue_cny"].sum())
    assert ansoff_strategy(False, False).example_line == "PL03"
    # "where a rival leads the market": PL03's relative share is below 1x
    share = bcg_table(case["product_lines"]).set_index("line_id").loc["PL03", "relative_share"]
    assert share < 1


def test_wind_energy_is_served_so_no_example_calls_it_new(case):
    from kamlib.segmentation import industry_sales

    sales = industry_sales(case["accounts"], case["transactions"])
    wind = sales[sales["industry"] == "wind energy"]
    assert wind["account_id"].nunique() == 10
    assert round(wind["revenue_cny"].sum() / 1e6, 1) == 16.1
    assert all("wind" not in s.example_industry for s in ANSOFF if s.new_market)
    industries = set(case["accounts"]["industry"].astype(str))
    assert {s.example_industry for s in ANSOFF if s.new_market}.isdisjoint(industries)


def test_example_facts_rejects_bad_tables(case):
    from kamlib.ansoff import example_facts

    with pytest.raises(KamValueError, match="product_lines"):
        example_facts(case["accounts"], case["transactions"], pd.DataFrame({"x": [1]}))
