"""UncouplingAudit driven from Python: rate causes, read score, actions, chart and trend."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import saved

from kamlib import datasets, settings, uncoupling
from kamlib.validation import KamValueError
from kamlib.widgets.uncoupling_audit import UncouplingAudit


def bar_widths(w: UncouplingAudit) -> list[float]:
    return [patch.get_width() for patch in w.plot.axes.patches]


def test_ratings_change_score_actions_chart_and_workbook(workbook_path: Path) -> None:
    w = UncouplingAudit()
    assert w.audit.score == 0 and "No cause rated serious" in w.actions_html.value
    assert len(w.ratings) == 10 and "acute" in w.ratings["quality_problems"].tooltips
    w.ratings["quality_problems"].value = 3
    w.ratings["financial_problems"].value = 2
    expected = uncoupling.risk_audit({"quality_problems": 3, "financial_problems": 2})
    assert w.audit.score == pytest.approx(expected.score)
    assert f"{expected.score:.0f}/100" in w.summary_html.value
    assert "Quality problems (质量问题)" in w.actions_html.value
    assert sorted(bar_widths(w), reverse=True)[:2] == [3, 2]
    assert saved(workbook_path)["uncoupling_audit"]["ratings"]["quality_problems"] == 3
    assert UncouplingAudit().value == w.value


def test_account_shows_its_revenue_trend_and_has_its_own_section(workbook_path: Path) -> None:
    w = UncouplingAudit("AC005")
    orders = datasets.load("transactions")
    trend = uncoupling.revenue_trend(
        orders[orders["account_id"] == "AC005"], as_of=settings.load().today
    )
    assert w.trend["signal"] == trend["signal"].iloc[0]
    assert f"Signal: {trend['signal'].iloc[0]}" in w.trend_html.value
    w.ratings["staff_changes"].value = 1
    assert saved(workbook_path)["uncoupling_audit/AC005"]["ratings"]["staff_changes"] == 1


def test_unknown_account_is_refused(workbook_path: Path) -> None:
    with pytest.raises(KamValueError, match="account_id: got 'AC999'"):
        UncouplingAudit("AC999")
    with pytest.raises(KamValueError, match="account_id: got ''"):
        UncouplingAudit("")
