"""Share of wallet by line, cost to serve and the 80/20 after it (kamlib.account_analysis)."""

from __future__ import annotations

import pandas as pd
import pytest

from kamlib import account_analysis as aa
from kamlib import datasets, settings
from kamlib.validation import KamValueError


@pytest.fixture(scope="module")
def case():
    return {name: datasets.load(name) for name in ("accounts", "transactions", "visits")}


def test_wallet_by_line_splits_capacity_like_the_industry(case):
    wallet = aa.wallet_by_line(case["accounts"], case["transactions"], "AC060")
    account = case["accounts"].set_index("account_id").loc["AC060"]
    assert wallet["estimated_spend_cny"].sum() == pytest.approx(account["capacity_cny"])
    year = settings.current().case_year
    orders = case["transactions"]
    own = orders[(orders["account_id"] == "AC060") & (orders["date"].dt.year == year)]
    assert wallet["revenue_cny"].sum() == pytest.approx(own["revenue_cny"].sum())
    peers = case["accounts"].loc[case["accounts"]["industry"] == "furniture", "account_id"]
    industry = orders[orders["account_id"].isin(peers) & (orders["date"].dt.year == year)]
    mix = industry.groupby("line_id")["revenue_cny"].sum() / industry["revenue_cny"].sum()
    assert wallet["industry_mix"].to_dict() == pytest.approx(mix.to_dict())
    # the line its peers buy and it does not (PL09) shows a share of 0 and all headroom
    assert wallet.loc["PL09", "revenue_cny"] == 0 and wallet.loc["PL09", "share_of_wallet"] == 0
    assert (wallet["headroom_cny"] >= 0).all()


def test_wallet_by_line_refuses_unknown_or_empty_accounts(case):
    with pytest.raises(KamValueError, match="account_id: got 'AC999'"):
        aa.wallet_by_line(case["accounts"], case["transactions"], "AC999")
    broke = case["accounts"].assign(capacity_cny=0.0)
    with pytest.raises(KamValueError, match="capacity_cny of AC060"):
        aa.wallet_by_line(broke, case["transactions"], "AC060")


def test_cost_to_serve_counts_visits_orders_and_lines(case):
    rates = {"visit": 2000, "order": 400, "product_line": 10000}
    costs = aa.cost_to_serve(case["transactions"], case["visits"], 2025, rates)
    visits, orders = case["visits"], case["transactions"]
    done = visits[(visits["account_id"] == "AC060") & (visits["status"] == "done")
                  & (visits["date"].dt.year == 2025)]
    own = orders[(orders["account_id"] == "AC060") & (orders["date"].dt.year == 2025)]
    row = costs.loc["AC060"]
    assert (row["visits"], row["orders"], row["product_lines"]) == (
        len(done), own["order_id"].nunique(), own["line_id"].nunique()
    )
    assert row["cost_to_serve_cny"] == 2000 * len(done) + 400 * own["order_id"].nunique() + (
        10000 * own["line_id"].nunique()
    )


def test_cost_to_serve_rates_come_from_the_course_settings(case, tmp_path, monkeypatch):
    path = tmp_path / "settings.toml"
    path.write_text("[cost_to_serve]\nrates_cny = { visit = 1, order = 0, product_line = 0 }\n",
                    encoding="utf-8")
    monkeypatch.setenv("KAMLIB_SETTINGS", str(path))
    costs = aa.cost_to_serve(case["transactions"], case["visits"])
    assert (costs["cost_to_serve_cny"] == costs["visits"]).all()


@pytest.mark.parametrize(
    ("rates", "match"),
    [({"visit": 1}, "rates: got"), ({"visit": -1, "order": 0, "product_line": 0},
                                    r"rates\['visit'\]: got -1")],
)
def test_bad_rates_are_refused(case, rates, match):
    with pytest.raises(KamValueError, match=match):
        aa.cost_to_serve(case["transactions"], case["visits"], rates=rates)


def test_margin_after_cost_to_serve_reorders_the_accounts(case):
    table = aa.profitability(case["transactions"], case["visits"])
    assert (table["margin_after_cts_cny"]
            == table["margin_cny"] - table["cost_to_serve_cny"]).all()
    assert table["margin_after_cts_cny"].is_monotonic_decreasing
    losing = table[table["margin_after_cts_cny"] < 0]
    assert len(losing) > 0  # small accounts whose service costs more than they earn
    assert (losing["rank_revenue"] > len(table) / 2).all()
    compared = aa.concentration_compared(table)
    assert list(compared.table.index) == ["revenue", "margin after cost to serve"]
    assert compared.table.loc["margin after cost to serve", "accounts_losing"] == len(losing)
    top = aa._top_accounts(table["revenue_cny"], 0.2)
    by_revenue = table["revenue_cny"].sort_values(ascending=False)
    assert compared.table.loc["revenue", "top_share"] == pytest.approx(
        by_revenue.iloc[:top].sum() / by_revenue.sum())
    assert "AC060:" in aa.describe_account(table, "AC060")


def test_describe_account_writes_money_in_the_current_language():
    """Amounts went out as "CNY 1,515,279" in the Chinese edition too."""
    import kamlib
    from kamlib.formatting import money

    table = aa.profitability(datasets.load("transactions"), datasets.load("visits"))
    margin = table.loc["AC060", "margin_cny"]
    try:
        kamlib.set_language("zh")
        text = aa.describe_account(table, "AC060")
        assert money(margin, language="zh") in text and "CNY" not in text
    finally:
        kamlib.set_language("en")
    assert f"gross margin {money(margin, language='en')}" in aa.describe_account(table, "AC060")


def test_concentration_compared_on_a_small_book():
    table = pd.DataFrame(
        {"revenue_cny": [100.0, 50.0, 30.0, 20.0, 10.0],
         "margin_after_cts_cny": [30.0, 20.0, -5.0, 10.0, -15.0]},
        index=["A", "B", "C", "D", "E"],
    )
    compared = aa.concentration_compared(table, top=0.4)
    assert compared.table.loc["margin after cost to serve", "top_share"] == pytest.approx(50 / 40)
    assert compared.table.loc["margin after cost to serve", "accounts_losing"] == 2
    assert compared.moved == ()
    with pytest.raises(KamValueError, match="top"):
        aa.concentration_compared(table, top=0)
    with pytest.raises(KamValueError, match="margin_after_cts_cny"):
        aa.concentration_compared(table.assign(margin_after_cts_cny=-1.0))
