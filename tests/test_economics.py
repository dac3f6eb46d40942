"""Tests of the keep-vs-win economics (企业利润及成本的考虑) [L1.2c]."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from kamlib import datasets, settings
from kamlib.economics import (
    HANDOUT,
    PUBLISHED,
    KeepWinAssumptions,
    Retention,
    keep_vs_win,
    replacement_cost,
    retention,
    retention_profit_effect,
)
from kamlib.validation import KamValueError


def test_handout_and_published_figures_carry_their_sources():
    assert [(f.low, f.high) for f in HANDOUT] == [(30, 50), (25, 60)]
    assert [(f.low, f.high) for f in PUBLISHED] == [(5, 25), (25, 85)]
    assert all(f.source and f.unit and f.claim for f in HANDOUT + PUBLISHED)
    assert "Reichheld" in PUBLISHED[1].source and "1990" in PUBLISHED[1].source
    assert "Gallo" in PUBLISHED[0].source and "2014" in PUBLISHED[0].source


def test_default_assumptions_use_the_handout_ratio():
    a = KeepWinAssumptions()
    assert 0.3 <= a.keep_cost_ratio <= 0.5
    assert a.keep_cost_per_customer_cny == pytest.approx(0.4 * a.win_cost_per_customer_cny)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"customers": 0}, r"customers: got 0; expected a number from 1 to 1e\+15"),
        ({"customers": 10.5}, r"customers: got 10.5; expected a whole number"),
        ({"retention_rate": 1.2}, r"retention_rate: got 1.2; expected a number from 0 to 1"),
        ({"improved_retention_rate": "high"}, r"improved_retention_rate: got 'high'"),
        ({"margin_per_customer_cny": -1}, r"margin_per_customer_cny: got -1"),
        ({"win_cost_per_customer_cny": float("nan")}, r"win_cost_per_customer_cny: got nan"),
        ({"keep_cost_ratio": 11}, r"keep_cost_ratio: got 11; expected a number from 0 to 10"),
        ({"first_year_margin_ratio": -0.1}, r"first_year_margin_ratio: got -0.1"),
    ],
)
def test_assumptions_reject_bad_fields(kwargs, match):
    with pytest.raises(KamValueError, match=match):
        KeepWinAssumptions(**kwargs)


def test_replacement_cost():
    assert replacement_cost(20, 120_000) == 2_400_000
    with pytest.raises(KamValueError, match=r"lost_customers: got -1; expected a number from 0"):
        replacement_cost(-1, 10)
    with pytest.raises(KamValueError, match=r"win_cost: got '10'; expected a number"):
        replacement_cost(1, "10")


def test_keep_vs_win_computes_the_book_by_hand():
    a = KeepWinAssumptions(
        customers=10,
        retention_rate=0.8,
        improved_retention_rate=0.9,
        margin_per_customer_cny=100.0,
        win_cost_per_customer_cny=50.0,
        keep_cost_ratio=0.4,
        first_year_margin_ratio=0.5,
    )
    table = keep_vs_win(a, rates=[0.8, 0.9])
    current = table.set_index("scenario").loc["current"]
    # 2 lost: margin 1000 - 2*100*0.5 = 900; keep 8*20 = 160; win 2*50 = 100; profit 640
    assert current["customers_lost"] == pytest.approx(2)
    assert current[["margin_cny", "keep_cost_cny", "win_cost_cny", "profit_cny"]].tolist() == (
        pytest.approx([900, 160, 100, 640])
    )
    improved = table.set_index("scenario").loc["improved"]
    # 1 lost: margin 950; keep 9*20 = 180; win 50; profit 720 -> +12.5%
    assert improved["profit_cny"] == pytest.approx(720)
    assert improved["profit_change_pct"] == pytest.approx(12.5)
    assert retention_profit_effect(a) == pytest.approx(12.5)


def test_keep_vs_win_default_range_includes_both_scenarios_and_rises_with_retention():
    table = keep_vs_win()
    assert table["retention_rate"].is_monotonic_increasing
    assert table["retention_rate"].iloc[0] == 0.5 and table["retention_rate"].iloc[-1] == 0.99
    assert sorted(table["scenario"].unique()) == ["", "current", "improved"]
    assert np.diff(table["profit_cny"]).min() > 0


def test_changing_an_assumption_changes_the_effect():
    cheap_to_win = KeepWinAssumptions(win_cost_per_customer_cny=20_000)
    assert retention_profit_effect(cheap_to_win) < retention_profit_effect()
    assert retention_profit_effect(gain=0.05) == pytest.approx(retention_profit_effect())


def test_loss_making_book_has_no_percentage_change():
    losing = KeepWinAssumptions(margin_per_customer_cny=10_000)
    assert keep_vs_win(losing)["profit_change_pct"].isna().all()
    with pytest.raises(KamValueError, match=r"assumptions: got 'a yearly profit of -.*positive"):
        retention_profit_effect(losing)


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: keep_vs_win("defaults"), r"assumptions: got 'defaults'; expected a Keep"),
        (lambda: keep_vs_win(rates=[0.5, 1.5]), r"rates \(row 1.*expected a number <= 1"),
        (lambda: keep_vs_win(rates=[0.5, None]), r"rates \(row 1.*missing"),
        (lambda: retention_profit_effect(None), r"assumptions: got None"),
        (lambda: retention_profit_effect(gain=0.5), r"gain: got 0.5; expected a number from"),
        (lambda: retention_profit_effect(gain="5pp"), r"gain: got '5pp'; expected a number"),
    ],
)
def test_functions_reject_bad_input(call, match):
    with pytest.raises(KamValueError, match=match):
        call()


def orders() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "account_id": ["A", "B", "C", "A", "C", "D", "A", "E"],
            "date": pd.to_datetime(
                [
                    "2024-01-10",
                    "2024-05-01",
                    "2024-12-31",
                    "2025-02-01",
                    "2025-01-01",
                    "2025-06-01",
                    "2025-07-01",
                    "2023-03-01",
                ]
            ),
        }
    )


def test_retention_counts_accounts_ordering_again():
    result = retention(orders(), year=2025)
    # 2024: A, B, C; 2025: A, C, D (new); B is lost, E ordered only in 2023
    assert result == Retention(year=2025, ordered_before=3, kept=2, rate=2 / 3, lost=("B",))
    assert retention(orders(), year=2024) == Retention(2024, 1, 0, 0.0, ("E",))


def test_retention_with_own_column_names_and_integer_ids():
    frame = orders().rename(columns={"account_id": "who", "date": "day"})
    frame["who"] = frame["who"].map({"A": 1, "B": 2, "C": 3, "D": 4, "E": 5})
    result = retention(frame, year=2025, account="who", date="day")
    assert (result.kept, result.lost) == (2, (2,))


@pytest.mark.parametrize(
    ("change", "year", "match"),
    [
        (
            lambda t: t,
            2023,
            r"year: got 2023; expected a year whose previous year holds orders in transactions "
            r"\(years with orders: 2023–2025\)",
        ),
        (lambda t: t, 2025.5, r"year: got 2025.5; expected a whole number"),
        (lambda t: t, "2025", r"year: got '2025'; expected a number"),
        (lambda t: t.drop(columns="date"), 2025, r"transactions: missing column\(s\) 'date'"),
        (lambda t: t.to_dict(), 2025, r"transactions: got 'dict'; expected a pandas DataFrame"),
        (
            lambda t: t.assign(date=t["date"].astype(object).where(t.index != 2, "end of May")),
            2025,
            r"date column 'date' \(row 2, 1 bad in all\): got 'end of May'; expected a date",
        ),
        (
            lambda t: t.assign(account_id=t["account_id"].where(t.index != 1, None)),
            2025,
            r"account column 'account_id' \(row 1, 1 bad in all\): got nan; "
            r"expected an account id \(not missing\)",
        ),
    ],
)
def test_retention_rejects_bad_input(change, year, match):
    with pytest.raises(KamValueError, match=match):
        retention(change(orders()), year=year)


def test_retention_on_the_case_data():
    transactions = datasets.load("transactions")
    year = settings.load().today.year
    result = retention(transactions, year=year)
    before = set(transactions.loc[transactions["date"].dt.year == year - 1, "account_id"])
    now = set(transactions.loc[transactions["date"].dt.year == year, "account_id"])
    assert result.ordered_before == len(before) and result.kept == len(before & now)
    assert set(result.lost) == before - now and 0 < result.rate <= 1


def test_sourced_assumptions_put_the_handout_and_published_figures_in_the_model():
    from kamlib.economics import sourced_assumptions

    assert sourced_assumptions("handout").keep_cost_ratio == pytest.approx(0.4)
    published = sourced_assumptions("published")
    assert published.keep_cost_ratio == pytest.approx(1 / 15, abs=1e-4)
    assert published.improved_retention_rate - published.retention_rate == pytest.approx(0.05)


def test_sourced_assumptions_refuse_an_unknown_source():
    from kamlib.economics import sourced_assumptions

    with pytest.raises(KamValueError, match="source: got 'mine'; expected one of 'handout'"):
        sourced_assumptions("mine")


def test_the_handout_claim_is_reconciled_with_the_model():
    """Under the handout's cost ratio, 5 more points of retention give +22.1%, below its
    25–60%: the check says so, and which rises reach the range."""
    from kamlib.economics import (
        HANDOUT,
        check_handout_claim,
        retention_profit_effect,
        sourced_assumptions,
    )

    check = check_handout_claim()
    handout = sourced_assumptions("handout")
    assert check.effect_pct == pytest.approx(retention_profit_effect(handout, gain=0.05))
    assert round(check.effect_pct, 1) == 22.1 and not check.within
    assert (check.claimed_low, check.claimed_high) == (HANDOUT[1].low, HANDOUT[1].high)
    # profit is linear in retention: the rises found reach the ends of the range exactly
    for rise, target in ((check.gain_for_low, 25), (check.gain_for_high, 60)):
        assert retention_profit_effect(handout, gain=rise) == pytest.approx(target)
    assert "Reichheld & Sasser (1990)" in check.explanation
    assert "+22.1%" in check.explanation and "5.7 more points" in check.explanation


def test_handout_check_says_when_no_rise_is_enough():
    from kamlib.economics import KeepWinAssumptions, check_handout_claim

    rich = KeepWinAssumptions(retention_rate=0.97, improved_retention_rate=0.98,
                              margin_per_customer_cny=1_000_000, win_cost_per_customer_cny=1_000)
    check = check_handout_claim(rich, gain=0.01)
    assert math.isnan(check.gain_for_high)
    assert "more than the retention rate can rise" in check.explanation
    with pytest.raises(KamValueError, match="assumptions"):
        check_handout_claim("handout")
