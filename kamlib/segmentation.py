"""Market segmentation (市场细分) [L2.7]: is a proposed segment worth targeting?

The handout asks four things of a segment (细分市场): it is large enough (规模足够大), its
members are alike inside (相似性), it is defined by something related to the buying
situation (与购买环境相关), and we can reach it (必须可到达). Similarity is scored 0–1: the
share of the segment's accounts that share its defining buying need (1 = all alike).
Every key account can be a segment of its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from kamlib._validation import check_bool, check_frame, check_number, check_numeric_series, fail


@dataclass(frozen=True)
class Criterion:
    """One test a segment must pass, with the question it asks."""

    key: str
    en: str
    zh: str
    question: str


SEGMENT_CRITERIA = (
    Criterion(
        "large_enough",
        "large enough",
        "规模足够大",
        "Does the segment spend enough a year to justify its own strategy?",
    ),
    Criterion(
        "similar",
        "similar inside",
        "相似性",
        "Do its accounts share the need that defines it, so one offer fits them all?",
    ),
    Criterion(
        "relevant",
        "related to the buying situation",
        "与购买环境相关",
        "Is it defined by how or why the accounts buy, not by a trait that does not matter?",
    ),
    Criterion(
        "reachable",
        "reachable",
        "必须可到达",
        "Can our sales force and channels reach its buyers?",
    ),
)
DEFAULT_MIN_SIMILARITY = 0.7


@dataclass(frozen=True)
class CriterionVerdict:
    """Whether one criterion is met, and why."""

    key: str
    en: str
    zh: str
    passed: bool
    reason: str


@dataclass(frozen=True)
class SegmentAssessment:
    """The four verdicts on a segment; ``passed`` only if all four pass."""

    verdicts: tuple[CriterionVerdict, ...]
    passed: bool

    @property
    def failed(self) -> tuple[str, ...]:
        return tuple(v.key for v in self.verdicts if not v.passed)


def _tests(size, min_size, similarity, min_similarity, relevant, reachable) -> dict[str, Any]:
    """The pass/fail of each criterion; works on numbers and on numpy arrays alike."""
    return {
        "large_enough": np.asarray(size) >= min_size,
        "similar": np.asarray(similarity) >= min_similarity,
        "relevant": np.asarray(relevant, dtype=bool),
        "reachable": np.asarray(reachable, dtype=bool),
    }


def _check_thresholds(min_size_cny: Any, min_similarity: Any) -> tuple[float, float]:
    return (
        check_number("min_size_cny", min_size_cny, minimum=0),
        check_number("min_similarity", min_similarity, minimum=0, maximum=1),
    )


def assess_segment(
    size_cny: float,
    min_size_cny: float,
    similarity: float,
    relevant: bool,
    reachable: bool,
    min_similarity: float = DEFAULT_MIN_SIMILARITY,
) -> SegmentAssessment:
    """Judge one segment against the four criteria, with a reason for each verdict."""
    size = check_number("size_cny", size_cny, minimum=0)
    min_size, min_similar = _check_thresholds(min_size_cny, min_similarity)
    similar = check_number("similarity", similarity, minimum=0, maximum=1)
    is_relevant = check_bool("relevant", relevant)
    is_reachable = check_bool("reachable", reachable)
    tests = _tests(size, min_size, similar, min_similar, is_relevant, is_reachable)
    reasons = {
        "large_enough": f"spends {size:,.0f} CNY a year; the minimum is {min_size:,.0f} CNY",
        "similar": f"similarity {similar:.2f}; the minimum is {min_similar:.2f}",
        "relevant": "defined by the buying situation"
        if is_relevant
        else "not defined by how or why its accounts buy",
        "reachable": "our sales force can reach it" if is_reachable else "we cannot reach it",
    }
    verdicts = tuple(
        CriterionVerdict(c.key, c.en, c.zh, bool(tests[c.key]), reasons[c.key])
        for c in SEGMENT_CRITERIA
    )
    return SegmentAssessment(verdicts=verdicts, passed=all(v.passed for v in verdicts))


def _flag_column(frame: pd.DataFrame, column: str) -> np.ndarray:
    if frame[column].dtype != bool:
        raise fail(f"column {column!r}", str(frame[column].dtype), "a True/False (bool) column")
    return frame[column].to_numpy()


def assess_segments(
    frame: pd.DataFrame,
    min_size_cny: float,
    size: str = "size_cny",
    similarity: str = "similarity",
    relevant: str = "relevant",
    reachable: str = "reachable",
    min_similarity: float = DEFAULT_MIN_SIMILARITY,
) -> pd.DataFrame:
    """Return a copy of ``frame`` with one True/False column per criterion, ``passed`` and
    ``failed`` (the keys of the criteria not met, comma-separated)."""
    check_frame("frame", frame, [size, similarity, relevant, reachable])
    min_size, min_similar = _check_thresholds(min_size_cny, min_similarity)
    sizes = check_numeric_series(f"column {size!r}", frame[size], minimum=0)
    similar = check_numeric_series(
        f"column {similarity!r}", frame[similarity], minimum=0, maximum=1
    )
    tests = _tests(
        sizes.to_numpy(),
        min_size,
        similar.to_numpy(),
        min_similar,
        _flag_column(frame, relevant),
        _flag_column(frame, reachable),
    )
    result = frame.copy()
    failed = pd.Series("", index=frame.index, dtype=object)
    for key, passed in tests.items():
        result[key] = passed
        failed = failed + np.where(passed, "", key + ", ")
    result["passed"] = np.logical_and.reduce(list(tests.values()))
    result["failed"] = failed.str.rstrip(", ")
    return result
