"""Tests of the 80/20 concentration measures (80/20原理) [L1.2a]."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from kamlib.pareto import (
    concentration,
    concentration_from_transactions,
    revenue_by_account,
    revenue_by_group,
    yearly_revenue,
)
from kamlib.validation import KamValueError


@pytest.fixture
def transactions():
    return pd.DataFrame(
        {
            "account_id": ["AC1", "AC2", "AC1", "AC3", "AC4", "AC5", "AC1", "AC2"],
            "date": pd.to_datetime(
                [
                    "2024-01-05",
                    "2024-03-01",
                    "2025-02-01",
                    "2025-03-01",
                    "2025-04-01",
                    "2025-05-01",
                    "2025-06-01",
                    "2025-07-01",
                ]
            ),
            "revenue_cny": [100.0, 50.0, 300.0, 20.0, 20.0, 10.0, 100.0, 0.0],
        }
    )


def test_revenue_by_account_sums_and_sorts_largest_first(transactions):
    totals = revenue_by_account(transactions)
    assert totals.to_dict() == {"AC1": 500.0, "AC2": 50.0, "AC3": 20.0, "AC4": 20.0, "AC5": 10.0}
    assert list(totals.index) == ["AC1", "AC2", "AC3", "AC4", "AC5"]
    assert totals.index.name == "account_id" and totals.name == "revenue_cny"


def test_revenue_by_account_keeps_accounts_with_zero_revenue(transactions):
    totals = revenue_by_account(transactions, start="2025-07-01")
    assert totals.to_dict() == {"AC2": 0.0}


def test_revenue_by_account_within_a_period(transactions):
    totals = revenue_by_account(transactions, start="2025-01-01", end=pd.Timestamp("2025-05-31"))
    assert totals.to_dict() == {"AC1": 300.0, "AC3": 20.0, "AC4": 20.0, "AC5": 10.0}


@pytest.mark.parametrize("kind", ["category", "int", "object"])
def test_revenue_by_account_for_every_kind_of_account_id(kind):
    ids = {
        "category": pd.Categorical(["b", "a", "b"], categories=["a", "b", "unused"]),
        "int": [7, 2, 7],
        "object": pd.array(["b", "a", "b"], dtype=object),
    }[kind]
    totals = revenue_by_account(pd.DataFrame({"account_id": ids, "revenue_cny": [1.0, 2.0, 3.0]}))
    assert sorted(totals.tolist()) == [2.0, 4.0] and len(totals) == 2
    assert totals.iloc[0] == 4.0


@pytest.mark.parametrize(
    ("change", "kwargs", "match"),
    [
        (
            lambda t: t.assign(revenue_cny=t.revenue_cny.where(t.index != 3, -5.0)),
            {},
            r"revenue column 'revenue_cny' \(row 3.*got .*-5.*expected a number >= 0",
        ),
        (
            lambda t: t.assign(revenue_cny=t.revenue_cny.where(t.index != 2, np.nan)),
            {},
            r"revenue column 'revenue_cny' \(row 2.*missing or not numeric",
        ),
        (
            lambda t: t.assign(account_id=t.account_id.where(t.index != 4, None)),
            {},
            r"account column 'account_id' \(row 4, 1 bad in all\): got .*; expected an account id",
        ),
        (
            lambda t: t.drop(columns="revenue_cny"),
            {},
            r"transactions: missing column\(s\) 'revenue_cny'",
        ),
        (lambda t: t.iloc[:0], {}, r"transactions: got 'an empty table'"),
        (lambda t: t, {"start": "not a date"}, r"start: got 'not a date'; expected a date"),
        (
            lambda t: t,
            {"end": "2030-01-01", "start": "2029-01-01"},
            r"start/end: got .*; expected a period that holds at least one transaction",
        ),
        (
            lambda t: t.assign(date=t.date.dt.strftime("%d/%m/%Y")),
            {"start": "2025-01-01"},
            r"date column 'date' \(row 0, 8 bad in all\): got '\d\d/\d\d/20\d\d'; expected a date",
        ),
    ],
)
def test_revenue_by_account_rejects_bad_input(transactions, change, kwargs, match):
    with pytest.raises(KamValueError, match=match):
        revenue_by_account(change(transactions), **kwargs)


def test_concentration_of_a_known_book():
    revenue = pd.Series([10.0, 40.0, 5.0, 5.0, 300.0, 20.0, 10.0, 10.0, 50.0, 50.0])
    result = concentration(revenue)
    assert result.n_accounts == 10 and result.top_accounts == 2
    assert result.top_share == pytest.approx(350 / 500)
    assert result.accounts_for_target == 3  # 300 + 50 + 50 = 400 = 80% exactly
    assert result.fraction_for_target == pytest.approx(0.3)
    assert (result.top_fraction, result.target) == (0.2, 0.8)
    curve = result.curve
    assert list(curve.columns) == ["account_share", "revenue_share"]
    assert curve.iloc[0].tolist() == [0.0, 0.0] and curve.iloc[-1].tolist() == [1.0, 1.0]
    assert curve["revenue_share"].is_monotonic_increasing and len(curve) == 11


def test_top_rounds_up_to_whole_accounts():
    result = concentration(pd.Series([6.0, 3.0, 1.0]), top=0.5, target=0.5)
    assert result.top_accounts == 2 and result.top_share == pytest.approx(0.9)
    assert result.accounts_for_target == 1


def test_equal_revenue_has_no_concentration():
    result = concentration(pd.Series(np.full(50, 7.0)))
    assert result.top_share == pytest.approx(0.2)
    assert result.accounts_for_target == 40


@pytest.mark.parametrize(
    ("revenue", "kwargs", "match"),
    [
        ([1.0, 2.0], {}, r"revenue_by_account: got 'list'; expected a pandas Series"),
        (pd.Series([], dtype=float), {}, r"revenue_by_account: got 'an empty Series'"),
        (pd.Series([1.0, -1.0], index=["a", "b"]), {}, r"revenue_by_account \(row 'b'"),
        (pd.Series([0.0, 0.0]), {}, r"revenue: got 'a total of 0 CNY'"),
        (pd.Series([1.0]), {"top": 0}, r"top: got 0; expected a fraction above 0"),
        (pd.Series([1.0]), {"top": 1.5}, r"top: got 1.5; expected a number from 0 to 1"),
        (pd.Series([1.0]), {"target": -0.1}, r"target: got -0.1; expected a number from 0 to 1"),
        (pd.Series([1.0]), {"target": "80%"}, r"target: got '80%'; expected a number"),
    ],
)
def test_concentration_rejects_bad_input(revenue, kwargs, match):
    with pytest.raises(KamValueError, match=match):
        concentration(revenue, **kwargs)


@pytest.mark.parametrize("kind", ["int", "category", "str"])
def test_concentration_from_transactions_matches_the_two_step_route(kind):
    rng = np.random.default_rng(1)
    ids = rng.integers(0, 300, 5000)
    account = {"int": ids, "category": pd.Categorical(ids), "str": [f"A{i}" for i in ids]}[kind]
    frame = pd.DataFrame({"account_id": account, "revenue_cny": rng.lognormal(8, 1.5, 5000)})
    direct = concentration_from_transactions(frame, top=0.1, target=0.5)
    two_step = concentration(revenue_by_account(frame), top=0.1, target=0.5)
    assert direct.top_share == pytest.approx(two_step.top_share)
    assert direct.accounts_for_target == two_step.accounts_for_target
    assert direct.n_accounts == len(np.unique(ids))
    pd.testing.assert_frame_equal(direct.curve, two_step.curve)


def test_concentration_from_transactions_with_custom_columns():
    frame = pd.DataFrame({"who": [1, 2, 3, 4, 5], "cny": [80.0, 5.0, 5.0, 5.0, 5.0]})
    result = concentration_from_transactions(frame, account="who", revenue="cny")
    assert result.top_share == pytest.approx(0.8) and result.accounts_for_target == 1


@pytest.mark.parametrize(
    ("frame", "kwargs", "match"),
    [
        ("rows", {}, r"transactions: got 'str'; expected a pandas DataFrame"),
        (pd.DataFrame({"account_id": [1]}), {}, r"missing column\(s\) 'revenue_cny'"),
        (pd.DataFrame({"account_id": [1], "revenue_cny": [-1.0]}), {}, r"\(row 0.*>= 0"),
        (pd.DataFrame({"account_id": [1], "revenue_cny": [1.0]}), {"top": 2}, r"top: got 2"),
    ],
)
def test_concentration_from_transactions_rejects_bad_input(frame, kwargs, match):
    with pytest.raises(KamValueError, match=match):
        concentration_from_transactions(frame, **kwargs)


def test_yearly_revenue_sums_counts_and_grows(transactions):
    table = yearly_revenue(transactions)
    assert table.index.name == "year" and table.index.tolist() == [2024, 2025]
    assert table["revenue_cny"].tolist() == [150.0, 450.0]
    assert table["accounts_ordering"].tolist() == [2, 5]  # AC2's 0-CNY order still counts
    assert np.isnan(table.loc[2024, "growth_pct"])
    assert table.loc[2025, "growth_pct"] == pytest.approx(200.0)


def test_yearly_revenue_fills_a_year_without_orders_and_takes_other_columns():
    frame = pd.DataFrame(
        {
            "who": [1, 2, 1],
            "day": pd.to_datetime(["2021-05-01", "2021-06-01", "2023-02-01"]),
            "margin": [10.0, 30.0, 60.0],
        }
    )
    table = yearly_revenue(frame, account="who", revenue="margin", date="day")
    assert table.index.tolist() == [2021, 2022, 2023]
    assert table["margin"].tolist() == [40.0, 0.0, 60.0]
    assert table["accounts_ordering"].tolist() == [2, 0, 1]
    assert table.loc[2022, "growth_pct"] == pytest.approx(-100.0)
    assert np.isnan(table.loc[2023, "growth_pct"])  # no growth rate after a year at 0


@pytest.mark.parametrize(
    ("change", "kwargs", "match"),
    [
        (lambda t: t.drop(columns="date"), {}, r"transactions: missing column\(s\) 'date'"),
        (lambda t: t.iloc[:0], {}, r"transactions: got 'an empty table'"),
        (
            lambda t: t.assign(date=t.date.astype(object).where(t.index != 1, "soon")),
            {},
            r"date column 'date' \(row 1, 1 bad in all\): got 'soon'; expected a date",
        ),
        (
            lambda t: t.assign(revenue_cny=t.revenue_cny.where(t.index != 5, -1.0)),
            {},
            r"revenue column 'revenue_cny' \(row 5, 1 bad in all\): got -1.0; "
            r"expected a number >= 0",
        ),
        (
            lambda t: t.assign(account_id=t.account_id.where(t.index != 6, None)),
            {},
            r"account column 'account_id' \(row 6, 1 bad in all\): got nan; "
            r"expected an account id \(not missing\)",
        ),
        (lambda t: t, {"revenue": "sales"}, r"transactions: missing column\(s\) 'sales'"),
    ],
)
def test_yearly_revenue_rejects_bad_input(transactions, change, kwargs, match):
    with pytest.raises(KamValueError, match=match):
        yearly_revenue(change(transactions), **kwargs)


def book() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "account_id": ["A", "B", "C", "D"],
            "industry": pd.Categorical(
                ["ships", "cars", "ships", "cars"], categories=["cars", "ships", "wind"]
            ),
            "revenue_cny": [300.0, 100.0, 0.0, 100.0],
        }
    )


def test_revenue_by_group_shares_out_revenue():
    table = revenue_by_group(book())
    assert table.index.tolist() == ["ships", "cars"]  # largest first; unused 'wind' left out
    assert table["accounts_buying"].tolist() == [1, 2]  # C buys nothing
    assert table["revenue_cny"].tolist() == [300.0, 200.0]
    assert table["share_pct"].tolist() == pytest.approx([60.0, 40.0])


def test_revenue_by_group_with_other_columns():
    frame = book().rename(columns={"industry": "region", "revenue_cny": "margin"})
    table = revenue_by_group(frame, group="region", revenue="margin")
    assert table.index.name == "region" and table["margin"].sum() == 500.0


@pytest.mark.parametrize(
    ("change", "match"),
    [
        (lambda b: b.drop(columns="industry"), r"accounts: missing column\(s\) 'industry'"),
        (lambda b: b.iloc[:0], r"accounts: got 'an empty table'; expected at least one account"),
        (
            lambda b: b.assign(revenue_cny=b.revenue_cny.where(b.index != 1, np.nan)),
            r"revenue column 'revenue_cny' \(row 1, 1 bad in all\): got nan; expected a number",
        ),
        (
            lambda b: b.assign(industry=b.industry.where(b.index != 2, None)),
            r"group column 'industry' \(row 2, 1 bad in all\): got nan; expected a group",
        ),
        (lambda b: b.assign(revenue_cny=0.0), r"revenue: got 'a total of 0 CNY'"),
        (lambda b: list(b), r"accounts: got 'list'; expected a pandas DataFrame"),
    ],
)
def test_revenue_by_group_rejects_bad_input(change, match):
    with pytest.raises(KamValueError, match=match):
        revenue_by_group(change(book()))
