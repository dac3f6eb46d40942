"""Uncoupling risks and the revenue trend (kamlib.uncoupling)."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from kamlib import datasets, settings
from kamlib.settings import resolve_as_of
from kamlib.uncoupling import (
    RISK_FACTORS,
    TOP_ACTIONS,
    RiskAudit,
    factors_frame,
    revenue_trend,
    risk_audit,
)
from kamlib.validation import KamValueError, check_date_series

AS_OF = pd.Timestamp("2025-12-31")
TOTAL_WEIGHT = sum(f.weight for f in RISK_FACTORS)


def test_five_internal_and_five_external_factors_from_the_handout():
    internal = [f.zh for f in RISK_FACTORS if f.side == "internal"]
    external = [f.zh for f in RISK_FACTORS if f.side == "external"]
    assert internal == ["人员的调整", "缺乏信任", "缺乏持久性", "文化差异", "质量问题"]
    assert external == [
        "市场地位的变化",
        "产品与流程组合",
        "在价值链中的地位",
        "已经不是主打产品，产量下降",
        "财务问题",
    ]
    assert len({f.key for f in RISK_FACTORS}) == 10
    assert all(len(f.warning_signs) >= 2 and f.remedy and 1 <= f.weight <= 3 for f in RISK_FACTORS)
    table = factors_frame()
    assert list(table.columns) == ["key", "side", "en", "zh", "warning_signs", "remedy", "weight"]
    assert table["warning_signs"].str.contains("; ").all()


def test_no_risk_and_full_risk():
    calm = risk_audit({})
    assert isinstance(calm, RiskAudit)
    assert calm.score == 0 and calm.level == "low" and calm.actions == ()
    assert "no factor rated 2 or more" in str(calm)
    worst = risk_audit({f.key: 3 for f in RISK_FACTORS})
    assert worst.score == pytest.approx(100) and worst.level == "high"
    assert len(worst.actions) == TOP_ACTIONS


def test_weighted_score_ranking_and_actions():
    audit = risk_audit({"quality_problems": 3, "financial_problems": 2, "cultural_difference": 3})
    weights = {f.key: f.weight for f in RISK_FACTORS}
    expected = (
        100
        * (
            3 * weights["quality_problems"]
            + 2 * weights["financial_problems"]
            + 3 * weights["cultural_difference"]
        )
        / (3 * TOTAL_WEIGHT)
    )
    assert audit.score == pytest.approx(expected)
    assert audit.level == "medium"  # 27 on the default cuts: medium from 20, high from 40
    assert audit.ranked["key"].tolist()[:3] == [
        "quality_problems",
        "financial_problems",
        "cultural_difference",
    ]
    assert audit.ranked["rating"].tolist()[3:] == [0] * 7
    assert audit.actions[0].startswith("Quality problems (质量问题): Contain at once")
    assert len(audit.actions) == 3
    assert str(audit).startswith("Uncoupling risk (中断风险): 27/100, medium")


def test_only_factors_rated_two_or_more_get_an_action():
    audit = risk_audit({"staff_changes": 1, "lack_of_trust": 2})
    assert len(audit.actions) == 1 and audit.actions[0].startswith("Lack of trust (缺乏信任)")


@pytest.mark.parametrize(
    ("ratings", "message"),
    [
        ([3, 2], r"ratings: got \[3, 2\]; expected a dict of factor key"),
        ({"weather": 2}, r"ratings key: got 'weather'; expected one of 'staff_changes'"),
        ({"lack_of_trust": 4}, r"ratings\['lack_of_trust'\]: got 4; expected a number from 0 to 3"),
        ({"lack_of_trust": -1}, r"ratings\['lack_of_trust'\]: got -1; expected a number from 0"),
        ({"lack_of_trust": 1.5}, r"ratings\['lack_of_trust'\]: got 1\.5; expected a whole number"),
        ({"lack_of_trust": "2"}, r"ratings\['lack_of_trust'\]: got '2'; expected a number"),
    ],
)
def test_risk_audit_rejects_bad_ratings(ratings, message):
    with pytest.raises(KamValueError, match=message):
        risk_audit(ratings)


def _book() -> pd.DataFrame:
    rows = [
        ("GROW", "2024-03-01", 100.0),
        ("GROW", "2025-03-01", 150.0),
        ("FLAT", "2024-03-01", 100.0),
        ("FLAT", "2025-03-01", 105.0),
        ("DROP", "2024-03-01", 100.0),
        ("DROP", "2025-03-01", 60.0),
        ("LOST", "2024-03-01", 100.0),
        ("NEW", "2025-11-20", 80.0),
        ("FUTURE", "2026-02-01", 999.0),
        ("OLD", "2022-05-01", 10.0),
    ]
    return pd.DataFrame(rows, columns=["account_id", "date", "revenue_cny"]).assign(
        date=lambda f: pd.to_datetime(f["date"])
    )


def test_revenue_trend_signals():
    trend = revenue_trend(_book(), as_of=AS_OF).set_index("account_id")
    assert list(trend.columns) == [
        "recent",
        "previous",
        "change_pct",
        "last_order",
        "days_since_last_order",
        "signal",
    ]
    assert "FUTURE" not in trend.index  # orders after as_of are not counted
    assert trend["signal"].to_dict() == {
        "DROP": "declining",
        "FLAT": "stable",
        "GROW": "growing",
        "LOST": "lost",
        "NEW": "new",
        "OLD": "lost",
    }
    assert trend.loc["GROW", "change_pct"] == pytest.approx(50.0)
    assert trend.loc["DROP", ["recent", "previous"]].tolist() == [60.0, 100.0]
    assert math.isnan(trend.loc["NEW", "change_pct"])
    assert trend.loc["NEW", "days_since_last_order"] == 41
    assert trend.loc["OLD", ["recent", "previous"]].tolist() == [0.0, 0.0]


def test_revenue_trend_window_length_and_default_date():
    six = revenue_trend(_book(), as_of="2025-06-30", months=6).set_index("account_id")
    assert six.loc["GROW", ["recent", "previous"]].tolist() == [150.0, 0.0]
    assert six.loc["GROW", "signal"] == "new"
    assert revenue_trend(_book()).equals(revenue_trend(_book(), as_of=AS_OF))


@pytest.mark.parametrize(
    ("change", "kwargs", "message"),
    [
        (lambda b: b.drop(columns="date"), {}, r"transactions: missing column\(s\) 'date'"),
        (
            lambda b: b.assign(date=b["date"].astype(str).where(b.index != 2, "soon")),
            {},
            r"transactions\.date \(row 2, 1 bad in all\): got 'soon'; expected a date",
        ),
        (
            lambda b: b.assign(
                revenue_cny=b["revenue_cny"].astype(object).where(b.index != 1, "x")
            ),
            {},
            r"transactions\.revenue_cny \(row 1, 1 bad in all\): got 'x'",
        ),
        (lambda b: b, {"as_of": "end of year"}, r"as_of: got 'end of year'; expected a date"),
        (lambda b: b, {"months": 0}, r"months: got 0; expected a number from 1 to 60"),
        (lambda b: b, {"months": 2.5}, r"months: got 2\.5; expected a whole number"),
    ],
)
def test_revenue_trend_rejects_bad_input(change, kwargs, message):
    with pytest.raises(KamValueError, match=message):
        revenue_trend(change(_book()), **{"as_of": AS_OF, **kwargs})


def test_date_helpers():
    assert resolve_as_of("2025-06-30") == pd.Timestamp("2025-06-30")
    dates = check_date_series("d", ["2025-01-01", pd.Timestamp("2025-02-01")])
    assert dates.dt.month.tolist() == [1, 2]
    with pytest.raises(KamValueError, match=r"as_of: got NaT; expected a date"):
        resolve_as_of(pd.NaT)
    with pytest.raises(
        KamValueError, match=r"d \(row 1, 1 bad in all\): got nan; expected a date"
    ):
        check_date_series("d", ["2025-01-01", None])


def test_on_the_case_data():
    transactions = datasets.load("transactions")
    trend = revenue_trend(transactions)
    assert trend["account_id"].is_unique
    assert set(trend["signal"]) <= {"growing", "stable", "declining", "lost", "new"}
    last_year = transactions[transactions["date"] > settings.load().today - pd.DateOffset(years=1)]
    assert trend["recent"].sum() == pytest.approx(last_year["revenue_cny"].sum())
    assert (trend.loc[trend["signal"] == "lost", "recent"] == 0).all()
