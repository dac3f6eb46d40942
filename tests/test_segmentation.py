"""Tests of the four segmentation criteria (市场细分) [L2.7]."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from kamlib.segmentation import (
    SEGMENT_CRITERIA,
    assess_segment,
    assess_segments,
    industry_line_buyers,
    industry_sales,
    industry_segments,
)
from kamlib.validation import KamValueError


def test_criteria_follow_the_handout():
    assert [c.zh for c in SEGMENT_CRITERIA] == [
        "规模足够大",
        "相似性",
        "与购买环境相关",
        "必须可到达",
    ]
    assert all(c.question.endswith("?") for c in SEGMENT_CRITERIA)


def test_a_segment_that_passes_everything():
    result = assess_segment(
        5_000_000, min_size_cny=1_000_000, similarity=0.8, relevant=True, reachable=True
    )
    assert result.passed and result.failed == ()
    assert [v.key for v in result.verdicts] == [c.key for c in SEGMENT_CRITERIA]
    assert "5,000,000 CNY" in result.verdicts[0].reason


def test_each_criterion_can_fail_on_its_own():
    assert assess_segment(
        999, min_size_cny=1000, similarity=0.9, relevant=True, reachable=True
    ).failed == ("large_enough",)
    assert assess_segment(
        1000, min_size_cny=1000, similarity=0.69, relevant=True, reachable=True
    ).failed == ("similar",)
    assert assess_segment(
        1000, min_size_cny=1000, similarity=0.7, relevant=False, reachable=True
    ).failed == ("relevant",)
    result = assess_segment(1000, min_size_cny=1000, similarity=0.7, relevant=True, reachable=False)
    assert result.failed == ("reachable",) and not result.passed
    assert result.verdicts[3].reason == "we cannot reach it"
    assert assess_segment(
        1000, min_size_cny=1000, similarity=0.5, relevant=True, reachable=True, min_similarity=0.5
    ).passed


@pytest.mark.parametrize(
    ("args", "kwargs", "match"),
    [
        ((-1, 10, 0.5, True, True), {}, r"size_cny: got -1; expected a number from 0 to 1e\+15"),
        ((1, "10", 0.5, True, True), {}, r"min_size_cny: got '10'; expected a number"),
        ((1, 10, 1.5, True, True), {}, r"similarity: got 1.5; expected a number from 0 to 1"),
        ((1, 10, 0.5, "yes", True), {}, r"relevant: got 'yes'; expected True or False"),
        ((1, 10, 0.5, True, 1), {}, r"reachable: got 1; expected True or False"),
        ((1, 10, 0.5, True, True), {"min_similarity": 2}, r"min_similarity: got 2"),
    ],
)
def test_assess_segment_rejects_bad_input(args, kwargs, match):
    with pytest.raises(KamValueError, match=match):
        size, min_size, similarity, relevant, reachable = args
        assess_segment(
            size,
            min_size_cny=min_size,
            similarity=similarity,
            relevant=relevant,
            reachable=reachable,
            **kwargs,
        )


@pytest.fixture
def segments():
    return pd.DataFrame(
        {
            "segment": ["auto parts", "furniture", "shipyards"],
            "size_cny": [8e6, 5e5, 3e6],
            "similarity": [0.85, 0.9, 0.4],
            "relevant": [True, True, False],
            "reachable": [True, True, False],
        }
    )


def test_assess_segments_agrees_with_assess_segment(segments):
    table = assess_segments(segments, min_size_cny=1e6)
    assert list(table["passed"]) == [True, False, False]
    assert list(table["failed"]) == ["", "large_enough", "similar, relevant, reachable"]
    for row in table.itertuples():
        one = assess_segment(
            row.size_cny,
            min_size_cny=1e6,
            similarity=row.similarity,
            relevant=row.relevant,
            reachable=row.reachable,
        )
        assert one.passed == row.passed and ", ".join(one.failed) == row.failed
    assert "passed" not in segments.columns


@pytest.mark.parametrize(
    ("change", "kwargs", "match"),
    [
        (lambda s: s.drop(columns="similarity"), {}, r"frame: missing column\(s\) 'similarity'"),
        (lambda s: s.assign(size_cny=[1.0, None, 2.0]), {}, r"column 'size_cny' \(row 1"),
        (lambda s: s.assign(similarity=[0.5, 0.5, 7]), {}, r"column 'similarity' \(row 2"),
        (
            lambda s: s.assign(reachable=["yes", "no", "no"]),
            {},
            r"column 'reachable' \(row 0, 3 bad in all\): got 'yes'; expected True or False",
        ),
        (lambda s: s, {"min_size_cny": -5}, r"min_size_cny: got -5"),
    ],
)
def test_assess_segments_rejects_bad_input(segments, change, kwargs, match):
    kwargs = {"min_size_cny": 1e6, **kwargs}
    with pytest.raises(KamValueError, match=match):
        assess_segments(change(segments), **kwargs)


@pytest.fixture
def accounts():
    return pd.DataFrame({
        "account_id": ["A1", "A2", "A3", "F1", "W1"],
        "industry": pd.Categorical(["auto", "auto", "auto", "furniture", "wind"]),
        "capacity_cny": [100.0, 50.0, 30.0, 80.0, 10.0],
    })


@pytest.fixture
def transactions():
    return pd.DataFrame({
        "date": pd.to_datetime(["2025-02-01", "2025-03-01", "2025-05-01", "2025-06-01",
                                "2024-07-01"]),
        "account_id": ["A1", "A1", "A2", "F1", "W1"],
        "line_id": ["L1", "L2", "L1", "L3", "L1"],
        "revenue_cny": [10.0, 5.0, 7.0, 3.0, 2.0],
    })


def test_industry_sales_keeps_the_year_and_adds_the_industry(accounts, transactions):
    sales = industry_sales(accounts, transactions, year=2025)
    assert list(sales["account_id"]) == ["A1", "A1", "A2", "F1"]
    assert list(sales["industry"]) == ["auto", "auto", "auto", "furniture"]
    assert list(industry_sales(accounts, transactions, year=2024)["industry"]) == ["wind"]


def test_the_default_year_is_the_course_year(accounts, transactions):
    assert len(industry_sales(accounts, transactions)) == 4  # kamlib.datasets.AS_OF: 2025


def test_industry_line_buyers_counts_accounts_per_industry_and_line(accounts, transactions):
    buyers = industry_line_buyers(accounts, transactions, year=2025)
    assert list(buyers.index) == ["auto", "furniture", "wind"]
    assert buyers.loc["auto"].tolist() == [2, 1, 0]
    assert buyers.loc["furniture"].tolist() == [0, 0, 1]
    assert buyers.loc["wind"].tolist() == [0, 0, 0]  # no buyer in 2025: still listed


def test_industry_segments(accounts, transactions):
    segments = industry_segments(accounts, transactions, year=2025)
    assert list(segments.columns) == [
        "accounts", "size_cny", "similarity", "main_line", "relevant", "reachable"
    ]
    assert segments["accounts"].tolist() == [2, 1, 0]
    assert segments["size_cny"].tolist() == [180.0, 80.0, 10.0]  # prospects count: A3
    assert segments["similarity"].tolist() == [1.0, 1.0, 0.0]
    assert segments.loc["auto", "main_line"] == "L1" and pd.isna(segments.loc["wind", "main_line"])
    assert segments["reachable"].tolist() == [True, True, False]
    judged = assess_segments(segments, min_size_cny=50)
    assert judged["failed"].tolist() == ["", "", "large_enough, similar, reachable"]


def test_similarity_is_the_share_buying_the_main_line(accounts, transactions):
    more = pd.concat([transactions, transactions.iloc[[1]].assign(account_id="A3")])
    segments = industry_segments(accounts, more, year=2025)
    assert np.isclose(segments.loc["auto", "similarity"], 2 / 3)


def test_industry_segments_of_a_year_without_sales(accounts, transactions):
    segments = industry_segments(accounts, transactions, year=2019)
    assert segments["accounts"].tolist() == [0, 0, 0]
    assert segments["similarity"].tolist() == [0.0, 0.0, 0.0]
    assert not segments["reachable"].any()


@pytest.mark.parametrize(
    ("change", "year", "match"),
    [
        (lambda a, t: (a, t.drop(columns="line_id")), 2025,
         r"transactions: missing column\(s\) 'line_id'"),
        (lambda a, t: (a.drop(columns="industry"), t), 2025,
         r"accounts: missing column\(s\) 'industry'"),
        (lambda a, t: (a, t.assign(account_id=["A1", "ZZ", "A2", "F1", "W1"])), 2025,
         r"transactions\['account_id'\] \(row 1, 1 bad in all\): got 'ZZ'; expected an "
         r"account_id of accounts"),
        (lambda a, t: (a, t.assign(date=["2025-01-01", "31/12/2025", None, "2025-01-01",
                                          "2025-01-01"])), 2025,
         r"transactions\['date'\] \(row 1, 2 bad in all\): got '31/12/2025'; expected a date"),
        (lambda a, t: (a, t), 2025.5, r"year: got 2025.5; expected a whole number"),
        (lambda a, t: (a, t), "2025", r"year: got '2025'; expected a number"),
        (lambda a, t: (a.to_dict(), t), 2025, r"accounts: got 'dict'; expected a pandas DataFrame"),
    ],
)
@pytest.mark.parametrize("function", [industry_sales, industry_line_buyers, industry_segments])
def test_industry_functions_reject_bad_input(accounts, transactions, change, year, match, function):
    frames = change(accounts, transactions)
    with pytest.raises(KamValueError, match=match):
        function(*frames, year=year)
