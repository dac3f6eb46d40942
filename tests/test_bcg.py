"""Tests of the BCG growth–share matrix (波士顿矩阵) [L2.6]."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kamlib.bcg import QUADRANTS, bcg_quadrant, bcg_table, relative_market_share
from kamlib.validation import KamValueError


def test_quadrant_records():
    assert [(q.key, q.zh, q.strategy) for q in QUADRANTS] == [
        ("question_mark", "问题类", "build"),
        ("star", "明星类", "hold"),
        ("cash_cow", "现金牛类", "hold or harvest"),
        ("dog", "瘦狗类", "divest"),
    ]
    assert all(q.explanation.endswith(".") for q in QUADRANTS)
    assert QUADRANTS[2].name == "cash cow (现金牛类)"


def test_relative_market_share_scalar_and_vector():
    assert relative_market_share(30, 15) == pytest.approx(2.0)
    assert isinstance(relative_market_share(30, 15), float)
    shares = relative_market_share(
        pd.Series([30, 5], index=["PL01", "PL02"]), pd.Series([15, 20]).set_axis(["PL01", "PL02"])
    )
    assert shares.to_dict() == {"PL01": 2.0, "PL02": 0.25}
    assert list(relative_market_share([10, 50], [40, 50])) == [0.25, 1.0]


@pytest.mark.parametrize(
    ("own", "rival", "match"),
    [
        (0, 10, r"own: got 0.0; expected a market share in % above 0 and at most 100"),
        (20, 101, r"largest_rival: got 101.0; expected a market share"),
        (60, 50, r"own \+ largest_rival: got 110.0; expected at most 100"),
        ("20%", 10, r"own: got '20%'; expected a number"),
        (
            pd.Series([10, -1], index=["a", "b"]),
            pd.Series([5, 5], index=["a", "b"]),
            r"own \(row 'b'.*got .*-1.*expected a number >= 0",
        ),
        ([10, 0], [20, 50], r"own \(row 1\): got 0.0; expected a market share in % above 0"),
        ([10, 60], [20, 50], r"own \+ largest_rival \(row 1\): got 110.0"),
        ([10, 20], 5, r"largest_rival: got 5; expected the same shape"),
        ([10, 20], [5], r"largest_rival: got \[5\]; expected the same shape"),
    ],
)
def test_relative_market_share_rejects_bad_shares(own, rival, match):
    with pytest.raises(KamValueError, match=match):
        relative_market_share(own, rival)


@pytest.mark.parametrize(
    ("growth", "share", "expected"),
    [
        (15, 0.5, "question_mark"),
        (15, 2, "star"),
        (3, 2, "cash_cow"),
        (3, 0.5, "dog"),
        (10, 1.0, "star"),
        (9.99, 0.99, "dog"),
        (-5, 1.5, "cash_cow"),
    ],
)
def test_bcg_quadrant_cells_and_boundaries(growth, share, expected):
    assert bcg_quadrant(growth, share) == expected


def test_bcg_quadrant_vector_and_custom_splits():
    result = bcg_quadrant(
        pd.Series([12, 4], index=["x", "y"]),
        pd.Series([0.8, 0.8], index=["x", "y"]),
        growth_split=5,
        share_split=0.5,
    )
    assert result.to_dict() == {"x": "star", "y": "cash_cow"}


@pytest.mark.parametrize(
    ("args", "kwargs", "match"),
    [
        ((10, 0), {}, r"relative_share: got 0.0; expected a relative share above 0"),
        ((10, -1), {}, r"relative_share: got -1; expected a number from 0 to 1e\+15"),
        ((float("inf"), 1), {}, r"growth: got inf; expected a finite number"),
        ((10, 1), {"growth_split": "10%"}, r"growth_split: got '10%'; expected a number"),
        ((10, 1), {"share_split": -1}, r"share_split: got -1; expected a number from 0"),
        (([10, 20], 1), {}, r"relative_share: got 1; expected the same shape"),
    ],
)
def test_bcg_quadrant_rejects_bad_input(args, kwargs, match):
    with pytest.raises(KamValueError, match=match):
        bcg_quadrant(*args, **kwargs)


@settings(max_examples=200, deadline=None)
@given(
    st.floats(-50, 200, allow_nan=False),
    st.floats(0.01, 100, allow_nan=False),
    st.floats(-10, 50, allow_nan=False),
    st.floats(0.1, 5, allow_nan=False),
)
def test_bcg_quadrant_is_one_of_four_and_respects_the_splits(growth, share, g_split, s_split):
    key = bcg_quadrant(growth, share, growth_split=g_split, share_split=s_split)
    assert key in {q.key for q in QUADRANTS}
    high_growth = key in {"question_mark", "star"}
    high_share = key in {"star", "cash_cow"}
    assert high_growth == (growth >= g_split)
    assert high_share == (share >= s_split)


@pytest.fixture
def units():
    return pd.DataFrame(
        {
            "line_id": ["PL01", "PL02", "PL03", "PL04"],
            "market_growth_pct": [15.0, 3.0, 12.0, 2.0],
            "own_share_pct": [30.0, 25.0, 5.0, 4.0],
            "largest_rival_share_pct": [10.0, 20.0, 20.0, 30.0],
            "revenue_cny": [100.0, 200.0, 300.0, 400.0],
        }
    )


def test_bcg_table(units):
    table = bcg_table(units)
    assert list(table["quadrant"]) == ["star", "cash_cow", "question_mark", "dog"]
    assert list(table["strategy"]) == ["hold", "hold or harvest", "build", "divest"]
    assert list(table["advice"]) == [
        "hold", "hold", "build if it can lead, else divest", "divest unless a key account needs it"
    ]
    assert table["quadrant_name"].iloc[3] == "dog (瘦狗类)"
    assert np.allclose(table["relative_share"], [3.0, 1.25, 0.25, 4 / 30])
    assert np.allclose(table["revenue_share"], [0.1, 0.2, 0.3, 0.4])
    assert "quadrant" not in units.columns


@pytest.mark.parametrize(
    ("change", "match"),
    [
        (lambda u: u.drop(columns="own_share_pct"), r"units: missing column\(s\) 'own_share_pct'"),
        (lambda u: u.iloc[:0], r"units: got 'an empty table'"),
        (
            lambda u: u.assign(revenue_cny=[1.0, -2.0, 1.0, 1.0]),
            r"revenue column 'revenue_cny' \(row 1",
        ),
        (lambda u: u.assign(revenue_cny=0.0), r"revenue column 'revenue_cny': got 'a total of 0'"),
        (
            lambda u: u.assign(own_share_pct=[30.0, 90.0, 5.0, 4.0]),
            r"own column 'own_share_pct' \+ rival column 'largest_rival_share_pct' \(row 1\)",
        ),
    ],
)
def test_bcg_table_rejects_bad_units(units, change, match):
    with pytest.raises(KamValueError, match=match):
        bcg_table(change(units))


def test_cash_cows_are_held_when_strong_and_harvested_when_weak(units):
    """Hold strong cows, harvest weak ones (Kotler 2000): a thin lead or a stalling market."""
    from kamlib.bcg import WEAK_COW_GROWTH_PCT, WEAK_COW_LEAD

    cows = pd.DataFrame({
        "market_growth_pct": [5.0, WEAK_COW_GROWTH_PCT - 0.5, 5.0],
        "own_share_pct": [30.0, 30.0, 21.0],
        "largest_rival_share_pct": [15.0, 15.0, 20.0],
        "revenue_cny": [1.0, 1.0, 1.0],
    })
    table = bcg_table(cows)
    assert (table["quadrant"] == "cash_cow").all()
    assert table["relative_share"].iloc[2] < WEAK_COW_LEAD
    assert list(table["advice"]) == ["hold", "harvest", "harvest"]


def test_cash_cows_hold_over_a_third_of_the_case_revenue():
    """Lecture 1's 'maturity has all but vanished' is the handout's claim, not Huaxin's data."""
    from kamlib import datasets

    table = bcg_table(datasets.load("product_lines"))
    cows = table[table["quadrant"] == "cash_cow"]
    assert round(cows["revenue_share"].sum(), 2) == 0.37
    assert (cows["market_growth_pct"] < 10).all()
    assert set(cows["advice"]) == {"hold"}  # every case cow is strong: none to harvest
