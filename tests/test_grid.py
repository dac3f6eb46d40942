"""Tests of the customer classification grid (客户分类系统) [L3.4]."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kamlib.grid import (
    SCORE_MEANINGS,
    ClassificationRules,
    GridClass,
    cell_counts,
    classify,
    classify_accounts,
    quantile_cuts,
    score,
)
from kamlib.validation import KamValueError


def accounts(x, y, vip=None):
    frame = pd.DataFrame({"account_id": [f"AC{i:03d}" for i in range(len(x))], "x": x, "y": y})
    frame["vip"] = [False] * len(x) if vip is None else vip
    return frame


# --- rules --------------------------------------------------------------------------------


def test_score_meanings_cover_0_to_4_with_chinese():
    assert sorted(SCORE_MEANINGS) == [0, 1, 2, 3, 4]
    assert SCORE_MEANINGS[0] == ("does not buy", "不购买")
    assert SCORE_MEANINGS[4][1] == "大量购买"


def test_cell_table_of_default_rules():
    table = ClassificationRules().cell_table()
    assert list(table.index) == [4, 3, 2, 1, 0]
    assert list(table.columns) == [0, 1, 2, 3, 4]
    assert table.loc[4, 3] == "A" and table.loc[3, 3] == "A" and table.loc[4, 4] == "A"
    assert table.loc[4, 2] == "B" and table.loc[2, 0] == "B" and table.loc[2, 2] == "B"
    assert table.loc[1, 1] == "C" and table.loc[0, 0] == "C"
    assert table.loc[3, 4] == "impossible" and table.loc[0, 1] == "impossible"
    assert (table == "impossible").to_numpy().sum() == 10


def test_custom_rules_change_the_table_and_the_text():
    rules = ClassificationRules(a_min_x=2, a_min_y=4, c_max_y=2, vip_overrides=False)
    table = rules.cell_table()
    assert table.loc[4, 2] == "A" and table.loc[3, 3] == "B" and table.loc[2, 2] == "C"
    text = rules.describe()
    assert "X >= 2 and capacity Y >= 4" in text and "Y <= 2" in text
    assert "does not change the class" in text
    assert "overrides" in ClassificationRules().describe()


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"a_min_x": 5}, r"a_min_x: got 5; expected a number from 0 to 4"),
        ({"a_min_y": 2.5}, r"a_min_y: got .*2\.5.*; expected a whole number"),
        ({"c_max_y": -1}, r"c_max_y: got -1; expected a number from 0 to 4"),
        ({"c_max_y": 3}, r"c_max_y: got 3; expected a score below a_min_y \(3\)"),
        ({"vip_overrides": "yes"}, r"vip_overrides: got 'yes'; expected True or False"),
    ],
)
def test_rules_reject_bad_fields(kwargs, match):
    with pytest.raises(KamValueError, match=match):
        ClassificationRules(**kwargs)


# --- classify -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("x", "y", "expected"),
    [
        (3, 3, "A"),
        (4, 4, "A"),
        (3, 4, "A"),
        (2, 4, "B"),
        (0, 2, "B"),
        (2, 2, "B"),
        (1, 1, "C"),
        (0, 0, "C"),
        (0, 1, "C"),
    ],
)
def test_classify_default_cells(x, y, expected):
    assert classify(x, y) == GridClass(account_class=expected, grid_class=expected, vip=False)


def test_vip_overrides_and_keeps_the_grid_class():
    assert classify(0, 0, vip=True) == GridClass("VIP", "C", True)
    no_override = ClassificationRules(vip_overrides=False)
    assert classify(0, 0, vip=True, rules=no_override) == GridClass("C", "C", True)


@pytest.mark.parametrize(
    ("args", "match"),
    [
        ((5, 4), r"current \(X\) of account 'AC9': got 5; expected a number from 0 to 4"),
        ((1, -1), r"capacity \(Y\) of account 'AC9': got -1; expected a number from 0 to 4"),
        ((1.5, 2), r"current \(X\) of account 'AC9': got 1.5; expected a whole number"),
        ((float("nan"), 2), r"current \(X\) of account 'AC9': got nan; expected a finite"),
        (("2", 2), r"current \(X\) of account 'AC9': got '2'; expected a number"),
        ((3, 2), r"current \(X\) of account 'AC9': got 3; expected at most its capacity \(Y\) 2"),
    ],
)
def test_classify_rejects_bad_scores_naming_the_account(args, match):
    with pytest.raises(KamValueError, match=match):
        classify(*args, account="AC9")


def test_classify_rejects_bad_vip_and_rules():
    with pytest.raises(KamValueError, match=r"vip: got 1; expected True or False"):
        classify(1, 2, vip=1)
    with pytest.raises(KamValueError, match=r"rules: got 'strict'; expected a ClassificationRules"):
        classify(1, 2, rules="strict")


# --- classify_accounts --------------------------------------------------------------------


def test_classify_accounts_adds_both_classes_without_touching_the_input():
    frame = accounts([0, 3, 2, 1, 4], [1, 4, 4, 1, 4], vip=[True, False, False, False, True])
    before = frame.copy()
    result = classify_accounts(frame)
    assert list(result["grid_class"].astype(str)) == ["C", "A", "B", "C", "A"]
    assert list(result["account_class"].astype(str)) == ["VIP", "A", "B", "C", "VIP"]
    assert "grid_class" not in frame.columns
    pd.testing.assert_frame_equal(frame, before)


def test_classify_accounts_without_vip_column_and_custom_names():
    frame = pd.DataFrame({"id": ["a", "b"], "now": [4, 0], "cap": [4, 3]})
    result = classify_accounts(frame, current="now", capacity="cap", vip=None, account="id")
    assert list(result["account_class"].astype(str)) == ["A", "B"]


def test_classify_accounts_accepts_whole_floats_and_empty_frames():
    result = classify_accounts(accounts([1.0, 3.0], [2.0, 3.0]))
    assert list(result["grid_class"].astype(str)) == ["B", "A"]
    assert len(classify_accounts(accounts([], []))) == 0


@pytest.mark.parametrize(
    ("x", "y", "vip", "match"),
    [
        (
            [1, 5],
            [2, 4],
            None,
            r"current \(X\) column 'x' \(row 'AC001'.*got .*5.*expected a number <= 4",
        ),
        (
            [1, 2],
            [2, -1],
            None,
            r"capacity \(Y\) column 'y' \(row 'AC001'.*got .*-1.*expected a number >= 0",
        ),
        (
            [1, 2.5],
            [2, 3],
            None,
            r"column 'x' \(row 'AC001'.*got .*2\.5.*; expected a whole number",
        ),
        ([1, np.nan], [2, 3], None, r"column 'x' \(row 'AC001'.*missing or not numeric"),
        ([1, "two"], [2, 3], None, r"column 'x' \(row 'AC001'.*got 'two'"),
        ([1, 3], [2, 2], None, r"current \(X\) of account 'AC001': got 3; expected at most"),
        ([1, 2], [2, 3], [False, "yes"], r"vip column 'vip' \(row 'AC001', 1 bad.*: got 'yes'"),
        ([1, 2], [2, 3], [False, None], r"vip column 'vip' \(row 'AC001', 1 bad.*: got None"),
    ],
)
def test_classify_accounts_rejects_bad_rows_naming_the_account(x, y, vip, match):
    with pytest.raises(KamValueError, match=match):
        classify_accounts(accounts(x, y, vip))


def test_classify_accounts_rejects_bad_frames_and_rules():
    with pytest.raises(KamValueError, match=r"frame: got 'list'; expected a pandas DataFrame"):
        classify_accounts([1, 2])
    with pytest.raises(KamValueError, match=r"frame: missing column\(s\) 'vip'"):
        classify_accounts(pd.DataFrame({"account_id": ["a"], "x": [1], "y": [1]}))
    with pytest.raises(KamValueError, match=r"rules: got 'strict'; expected a ClassificationRules"):
        classify_accounts(accounts([1], [1]), rules="strict")


scores = st.one_of(
    st.integers(min_value=-3, max_value=7),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0.0, 1.0, 2.0, 3.0, 4.0]),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(scores, scores, st.booleans()), min_size=1, max_size=12))
def test_classify_accounts_only_raises_kam_errors(rows):
    frame = accounts([r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows])
    try:
        result = classify_accounts(frame)
    except KamValueError:
        return
    assert set(result["account_class"].astype(str)) <= {"A", "B", "C", "VIP"}


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.integers(0, 4).flatmap(
            lambda y: st.tuples(st.integers(0, y), st.just(y), st.booleans())
        ),
        min_size=1,
        max_size=30,
    )
)
def test_classify_accounts_agrees_with_classify_row_by_row(rows):
    frame = accounts([r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows])
    result = classify_accounts(frame)
    for (x, y, vip), grid_class, account_class in zip(
        rows, result["grid_class"], result["account_class"], strict=True
    ):
        assert classify(x, y, vip=vip) == GridClass(account_class, grid_class, vip)
        if grid_class == "A":
            assert x >= 3 and y >= 3
        # the default rules written out independently of the grid table
        expected_grid = "A" if x >= 3 and y >= 3 else "C" if y <= 1 else "B"
        assert grid_class == expected_grid, (x, y)
        assert account_class == ("VIP" if vip else expected_grid), (x, y, vip)


# --- score and quantile_cuts --------------------------------------------------------------


def test_score_counts_cuts_at_or_below_each_amount():
    amounts = pd.Series([0, 999, 1000, 5000, 20_000, 99_999, 100_000, 1e9], index=list("abcdefgh"))
    result = score(amounts, cuts=[1000, 5000, 20_000, 100_000])
    assert list(result) == [0, 0, 1, 2, 3, 3, 4, 4]
    assert list(result.index) == list("abcdefgh")


def test_quantile_cuts_spread_buyers_over_1_to_4_and_keep_0_for_non_buyers():
    amounts = pd.Series([0, 0, *range(1, 101)], dtype=float)
    cuts = quantile_cuts(amounts)
    assert cuts[0] == 1 and list(cuts[1:]) == list(
        np.quantile(np.arange(1, 101), [0.25, 0.5, 0.75])
    )
    result = score(amounts)
    assert list(result[:2]) == [0, 0]
    assert result[2:].value_counts().sort_index().tolist() == [25, 25, 25, 25]


def test_quantile_cuts_stay_ascending_when_amounts_tie():
    cuts = quantile_cuts([0, 5, 5, 5, 5])
    assert (np.diff(cuts) > 0).all()
    assert list(score([0, 5, 5])) == [0, 1, 1]


@pytest.mark.parametrize(
    ("amounts", "cuts", "match"),
    [
        (pd.Series([1, -5], index=["AC1", "AC2"]), None, r"amounts \(row 'AC2'.*got .*-5.*>= 0"),
        (pd.Series([1, None], index=["AC1", "AC2"]), None, r"amounts \(row 'AC2'.*missing"),
        (pd.Series(["1", "x"]), None, r"amounts \(row 0, 2 bad in all\): got '1'; expected a num"),
        (pd.Series(["1", "x"], dtype=object), None, r"amounts \(row 0.*got '1'.*text is not read"),
        ([0, 0], None, r"amounts: got '2 amounts, none above 0'; expected at least one amount"),
        ([1, 2], [1, 2, 3], r"cuts: got \[1, 2, 3\]; expected 4 ascending amounts"),
        ([1, 2], "1234", r"cuts: got '1234'; expected 4 ascending amounts"),
        ([1, 2], [1, 3, 3, 4], r"cuts\[2\]: got 3; expected an amount above cuts\[1\] = 3"),
        ([1, 2], [0, 1, 2, 3], r"cuts\[0\]: got 0; expected an amount above 0"),
        ([1, 2], [1, 2, "3", 4], r"cuts\[2\]: got '3'; expected a number"),
    ],
)
def test_score_rejects_bad_amounts_and_cuts(amounts, cuts, match):
    with pytest.raises(KamValueError, match=match):
        score(amounts, cuts=cuts)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.floats(0, 1e9), min_size=1, max_size=40))
def test_score_is_monotone_and_within_0_to_4(amounts):
    if not any(a > 0 for a in amounts):
        amounts = [*amounts, 1.0]
    ordered = np.sort(np.asarray(amounts))
    result = score(pd.Series(ordered)).to_numpy()
    assert ((result >= 0) & (result <= 4)).all()
    assert (np.diff(result) >= 0).all()
    assert ((result == 0) == (ordered == 0)).all()


def test_vip_column_is_checked_and_reported_even_without_override():
    rules = ClassificationRules(vip_overrides=False)
    result = classify_accounts(accounts([0, 4], [0, 4], vip=[True, False]), rules=rules)
    assert list(result["account_class"].astype(str)) == ["C", "A"]
    with pytest.raises(KamValueError, match=r"vip column 'vip' \(row 'AC000', 1 bad.*: got 'no'"):
        classify_accounts(accounts([0], [0], vip=["no"]), rules=rules)


def test_cell_counts_place_every_account_and_every_vip_in_its_cell():
    counts, vips = cell_counts(accounts([0, 3, 3, 1], [4, 3, 3, 1], vip=[True, False, True, False]))
    assert counts.shape == vips.shape == (5, 5)
    assert counts[4, 0] == 1 and counts[3, 3] == 2 and counts[1, 1] == 1 and counts.sum() == 4
    assert vips[4, 0] == 1 and vips[3, 3] == 1 and vips.sum() == 2
    _, no_vips = cell_counts(accounts([1], [2]), vip=None)
    assert no_vips.sum() == 0


def test_cell_counts_check_the_scores_like_classify_accounts():
    with pytest.raises(KamValueError, match=r"current \(X\) of account 'AC001': got 3; "
                                            r"expected at most"):
        cell_counts(accounts([1, 3], [2, 2]))
    with pytest.raises(KamValueError, match=r"frame: missing column\(s\) 'y'"):
        cell_counts(pd.DataFrame({"account_id": ["A"], "x": [1], "vip": [False]}))
