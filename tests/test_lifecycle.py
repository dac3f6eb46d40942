"""Tests of the product life cycle, then and now [L1.2f]."""

from __future__ import annotations

import numpy as np
import pytest

from kamlib.lifecycle import STAGES_CLASSIC, STAGES_NOW, life_cycle_curves
from kamlib.validation import KamValueError


def test_stage_lists_follow_the_handout():
    assert [s.zh for s in STAGES_CLASSIC] == ["导入期", "成长期", "成熟期", "衰退期"]
    assert [s.zh for s in STAGES_NOW] == ["导入期", "增长期", "衰退期"]


def test_curves_are_long_and_labelled_in_stage_order():
    curves = life_cycle_curves(points=300)
    assert list(curves.columns) == ["model", "t", "sales", "stage"]
    assert len(curves) == 600
    for model, stages in (("classic", STAGES_CLASSIC), ("now", STAGES_NOW)):
        one = curves[curves["model"] == model]
        assert one["t"].is_monotonic_increasing
        assert one["t"].iloc[0] == 0 and one["t"].iloc[-1] == 1
        assert one["sales"].max() == pytest.approx(1.0) and one["sales"].min() >= 0
        order = list(dict.fromkeys(one["stage"]))
        assert order == [s.key for s in stages]


def test_maturity_is_long_in_the_classic_curve_and_gone_now():
    curves = life_cycle_curves()
    classic = curves[curves["model"] == "classic"]
    now = curves[curves["model"] == "now"]
    assert (classic["stage"] == "maturity").mean() > 0.25
    assert "maturity" not in set(now["stage"])
    # The modern product is past its peak and declining by the middle of the classic life.
    assert now["sales"].iloc[len(now) // 2] < 0.5 * classic["sales"].iloc[len(classic) // 2]


def test_curves_are_smooth():
    sales = life_cycle_curves(points=400).query("model == 'classic'")["sales"].to_numpy()
    assert np.abs(np.diff(sales)).max() < 0.05


@pytest.mark.parametrize(
    ("points", "match"),
    [
        (10, r"points: got 10; expected a number from 20 to 100000"),
        (50.5, r"points: got 50.5; expected a whole number"),
        ("200", r"points: got '200'; expected a number"),
    ],
)
def test_life_cycle_curves_rejects_bad_points(points, match):
    with pytest.raises(KamValueError, match=match):
        life_cycle_curves(points)


def test_slow_growth_share_holds_the_handout_claim_against_the_data():
    import pandas as pd

    from kamlib import datasets
    from kamlib.lifecycle import slow_growth_share

    lines = datasets.load("product_lines")
    share = slow_growth_share(lines)
    slow = lines["market_growth_pct"] < 10
    assert share == pytest.approx(lines.loc[slow, "revenue_cny"].sum() / lines["revenue_cny"].sum())
    assert share > 1 / 3  # maturity has not vanished from Huaxin's own books
    assert slow_growth_share(lines, growth_split=0) == 0
    with pytest.raises(KamValueError, match="revenue_cny"):
        slow_growth_share(pd.DataFrame({"market_growth_pct": [1.0], "revenue_cny": [0.0]}))
