"""Tests of the four segmentation criteria (市场细分) [L2.7]."""

from __future__ import annotations

import pandas as pd
import pytest

from kamlib._validation import KamValueError
from kamlib.segmentation import SEGMENT_CRITERIA, assess_segment, assess_segments


def test_criteria_follow_the_handout():
    assert [c.zh for c in SEGMENT_CRITERIA] == [
        "规模足够大",
        "相似性",
        "与购买环境相关",
        "必须可到达",
    ]
    assert all(c.question.endswith("?") for c in SEGMENT_CRITERIA)


def test_a_segment_that_passes_everything():
    result = assess_segment(5_000_000, 1_000_000, 0.8, relevant=True, reachable=True)
    assert result.passed and result.failed == ()
    assert [v.key for v in result.verdicts] == [c.key for c in SEGMENT_CRITERIA]
    assert "5,000,000 CNY" in result.verdicts[0].reason


def test_each_criterion_can_fail_on_its_own():
    assert assess_segment(999, 1000, 0.9, True, True).failed == ("large_enough",)
    assert assess_segment(1000, 1000, 0.69, True, True).failed == ("similar",)
    assert assess_segment(1000, 1000, 0.7, False, True).failed == ("relevant",)
    result = assess_segment(1000, 1000, 0.7, True, False)
    assert result.failed == ("reachable",) and not result.passed
    assert result.verdicts[3].reason == "we cannot reach it"
    assert assess_segment(1000, 1000, 0.5, True, True, min_similarity=0.5).passed


@pytest.mark.parametrize(
    ("args", "kwargs", "match"),
    [
        ((-1, 10, 0.5, True, True), {}, r"size_cny: got -1; expected a number from 0 to inf"),
        ((1, "10", 0.5, True, True), {}, r"min_size_cny: got '10'; expected a number"),
        ((1, 10, 1.5, True, True), {}, r"similarity: got 1.5; expected a number from 0 to 1"),
        ((1, 10, 0.5, "yes", True), {}, r"relevant: got 'yes'; expected True or False"),
        ((1, 10, 0.5, True, 1), {}, r"reachable: got 1; expected True or False"),
        ((1, 10, 0.5, True, True), {"min_similarity": 2}, r"min_similarity: got 2"),
    ],
)
def test_assess_segment_rejects_bad_input(args, kwargs, match):
    with pytest.raises(KamValueError, match=match):
        assess_segment(*args, **kwargs)


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
        one = assess_segment(row.size_cny, 1e6, row.similarity, row.relevant, row.reachable)
        assert one.passed == row.passed and ", ".join(one.failed) == row.failed
    assert "passed" not in segments.columns


@pytest.mark.parametrize(
    ("change", "kwargs", "match"),
    [
        (lambda s: s.drop(columns="similarity"), {}, r"frame: missing column\(s\) 'similarity'"),
        (lambda s: s.assign(size_cny=[1.0, None, 2.0]), {}, r"column 'size_cny' \(row 1"),
        (lambda s: s.assign(similarity=[0.5, 0.5, 7]), {}, r"column 'similarity' \(row 2"),
        (lambda s: s.assign(reachable=["yes", "no", "no"]), {}, r"column 'reachable': got 'str'"),
        (lambda s: s, {"min_size_cny": -5}, r"min_size_cny: got -5"),
    ],
)
def test_assess_segments_rejects_bad_input(segments, change, kwargs, match):
    kwargs = {"min_size_cny": 1e6, **kwargs}
    with pytest.raises(KamValueError, match=match):
        assess_segments(change(segments), **kwargs)
