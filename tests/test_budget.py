"""Marketing budget and ROI [L2.13 (3)(4)(5)]."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from kamlib.budget import BUDGET_PS, VERDICTS, BudgetLine, plan_roi, roi_table
from kamlib.validation import KamValueError

LINES = [
    BudgetLine("Volume rebate 返点", 60_000, "price"),
    {"item": "Technical seminar 技术研讨会", "cost_cny": 30_000, "p": "promotion"},
    {"item": "Travel", "cost_cny": 10_000},
]


def test_plan_roi_computes_cost_margin_roi_and_payback() -> None:
    summary = plan_roi(LINES, expected_revenue_gain_cny=1_000_000, margin_rate=0.3)
    assert summary.total_cost == 100_000
    assert summary.expected_margin_gain == pytest.approx(300_000)
    assert summary.roi == pytest.approx(2.0)  # (300k − 100k) / 100k
    assert summary.payback_months == pytest.approx(4.0)  # 100k / (300k / 12)
    assert summary.verdict == "worthwhile"
    assert summary.verdict_text == VERDICTS["worthwhile"]
    assert summary.cost_by_p.to_dict() == {
        "product": 0.0,
        "price": 60_000.0,
        "promotion": 30_000.0,
        "place": 0.0,
        "other": 10_000.0,
    }


@pytest.mark.parametrize(
    ("revenue_gain", "verdict"),
    [(0, "loss"), (300_000, "loss"), (350_000, "below_hurdle"), (400_000, "worthwhile")],
)
def test_verdict_follows_roi_and_hurdle(revenue_gain: float, verdict: str) -> None:
    summary = plan_roi(
        LINES, expected_revenue_gain_cny=revenue_gain, margin_rate=0.3, hurdle_roi=0.2
    )
    assert summary.verdict == verdict


def test_no_gain_never_pays_back() -> None:
    summary = plan_roi(LINES, expected_revenue_gain_cny=0, margin_rate=0.3)
    assert summary.roi == -1.0 and math.isinf(summary.payback_months)


def test_horizon_spreads_the_gain() -> None:
    assert plan_roi(
        LINES, expected_revenue_gain_cny=1_000_000, margin_rate=0.3, horizon_months=24
    ).payback_months == pytest.approx(8.0)


def test_roi_table_matches_plan_roi_per_scenario() -> None:
    scenarios = pd.DataFrame(
        {
            "scenario": ["pessimistic 悲观", "expected 预期", "optimistic 乐观"],
            "cost_cny": [100_000.0] * 3,
            "revenue_gain_cny": [200_000.0, 1_000_000.0, 1_500_000.0],
            "margin_rate": [0.3, 0.3, 0.35],
        }
    )
    table = roi_table(scenarios)
    assert list(table["verdict"]) == ["loss", "worthwhile", "worthwhile"]
    for row in table.itertuples():
        single = plan_roi(
            [BudgetLine("all", row.cost_cny)],
            expected_revenue_gain_cny=row.revenue_gain_cny,
            margin_rate=row.margin_rate,
        )
        assert row.roi == pytest.approx(single.roi)
        assert row.payback_months == pytest.approx(single.payback_months)
    assert list(scenarios.columns) == ["scenario", "cost_cny", "revenue_gain_cny", "margin_rate"]


def test_roi_table_takes_other_column_names() -> None:
    frame = pd.DataFrame({"cost": [10.0], "gain": [100.0], "margin": [0.5]})
    table = roi_table(frame, cost="cost", revenue_gain="gain", margin_rate="margin")
    assert table.loc[0, "roi"] == pytest.approx(4.0)


def test_budget_ps_are_the_four_ps_and_other() -> None:
    assert BUDGET_PS == ("product", "price", "promotion", "place", "other")


def test_budget_line_refuses_negative_cost() -> None:
    with pytest.raises(KamValueError, match=r"cost_cny of 'Travel': got -1; expected a number"):
        BudgetLine("Travel", -1)


def test_budget_line_refuses_unknown_p() -> None:
    with pytest.raises(KamValueError, match=r"p of 'Travel': got 'people'; expected one of"):
        BudgetLine("Travel", 1, "people")


def test_budget_line_needs_an_item() -> None:
    with pytest.raises(KamValueError, match=r"item: got ''; expected non-empty text"):
        BudgetLine("", 1)


def test_empty_plan_is_refused() -> None:
    with pytest.raises(KamValueError, match=r"lines: got \[\]; expected a non-empty list"):
        plan_roi([], expected_revenue_gain_cny=1000, margin_rate=0.3)


def test_plan_of_zero_cost_is_refused() -> None:
    with pytest.raises(KamValueError, match=r"total cost of lines: got 0.0; expected more than 0"):
        plan_roi([BudgetLine("free call", 0)], expected_revenue_gain_cny=1000, margin_rate=0.3)


def test_line_of_wrong_shape_is_refused() -> None:
    with pytest.raises(
        KamValueError, match=r"lines\[1\]: got \{'cost': 5\}; expected a BudgetLine"
    ):
        plan_roi([BudgetLine("a", 1), {"cost": 5}], expected_revenue_gain_cny=1000, margin_rate=0.3)


@pytest.mark.parametrize("rate", [-0.1, 1.5, 30])
def test_margin_rate_outside_0_1_is_refused(rate: float) -> None:
    with pytest.raises(KamValueError, match=r"margin_rate: got .*; expected a number from 0 to 1"):
        plan_roi(LINES, expected_revenue_gain_cny=1000, margin_rate=rate)


def test_negative_revenue_gain_is_refused() -> None:
    with pytest.raises(KamValueError, match=r"expected_revenue_gain_cny: got -5"):
        plan_roi(LINES, expected_revenue_gain_cny=-5, margin_rate=0.3)


def test_bad_horizon_and_hurdle_are_refused() -> None:
    with pytest.raises(KamValueError, match=r"horizon_months: got 0; expected a number from 1"):
        plan_roi(LINES, expected_revenue_gain_cny=1000, margin_rate=0.3, horizon_months=0)
    with pytest.raises(KamValueError, match=r"hurdle_roi: got 'high'; expected a number"):
        plan_roi(LINES, expected_revenue_gain_cny=1000, margin_rate=0.3, hurdle_roi="high")


def test_roi_table_needs_its_columns() -> None:
    with pytest.raises(KamValueError, match=r"frame: missing column\(s\) 'margin_rate'"):
        roi_table(pd.DataFrame({"cost_cny": [1.0], "revenue_gain_cny": [2.0]}))


def test_roi_table_refuses_zero_cost_naming_the_row() -> None:
    frame = pd.DataFrame(
        {"cost_cny": [5.0, 0.0], "revenue_gain_cny": [1.0, 1.0], "margin_rate": [0.2, 0.2]},
        index=["expected", "optimistic"],
    )
    with pytest.raises(KamValueError, match=r"cost_cny \(row 'optimistic'\): got 0"):
        roi_table(frame)


def test_roi_table_refuses_bad_margin_and_missing_values() -> None:
    frame = pd.DataFrame({"cost_cny": [5.0], "revenue_gain_cny": [1.0], "margin_rate": [1.2]})
    bad_margin = r"margin_rate \(row 0, 1 bad in all\): got .*1.2.*expected a number <= 1"
    with pytest.raises(KamValueError, match=bad_margin):
        roi_table(frame)
    with pytest.raises(KamValueError, match=r"revenue_gain_cny .*missing or not numeric"):
        roi_table(frame.assign(margin_rate=0.3, revenue_gain_cny=np.nan))
