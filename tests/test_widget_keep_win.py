"""KeepWinCalculator driven from Python: toggle the figures, move sliders, read plot and text."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import saved

from kamlib import economics
from kamlib.widgets.keep_win import KeepWinCalculator


def test_starts_with_handout_figures_and_states_the_effect(workbook_path: Path) -> None:
    w = KeepWinCalculator()
    assert w.figures.value == "handout"
    assert w.sliders["keep_cost_ratio"].value == pytest.approx(0.4)  # middle of 30–50%
    expected = economics.retention_profit_effect(economics.DEFAULT_ASSUMPTIONS)
    assert w.effect == pytest.approx(expected)
    assert w.sentence.startswith(f"Raising retention from 80% to 85% changes yearly profit by "
                                 f"{expected:+.0f}%")
    profit = w.plot.axes.lines[0].get_ydata()
    assert profit.max() * 1e6 == pytest.approx(w.frame["profit_cny"].max())
    assert "Reichheld" in w.claims.value  # the claims table


def test_published_figures_set_the_assumptions(workbook_path: Path) -> None:
    w = KeepWinCalculator()
    w.figures.value = "published"
    assert w.sliders["keep_cost_ratio"].value == pytest.approx(1 / 15, abs=1e-3)
    assert w.assumptions.keep_cost_ratio == pytest.approx(1 / 15, abs=1e-3)
    assert saved(workbook_path)["keep_win"]["figures"] == "published"


def test_moving_a_slider_changes_model_plot_and_workbook(workbook_path: Path) -> None:
    w = KeepWinCalculator()
    before = w.effect
    w.sliders["win_cost_per_customer_cny"].value = 150_000
    assert w.figures.value == "own"
    assert w.assumptions.win_cost_per_customer_cny == 150_000
    assert w.effect > before  # dearer replacements make keeping worth more
    book = saved(workbook_path)["keep_win"]
    assert book["assumptions"]["win_cost_per_customer_cny"] == 150_000
    again = KeepWinCalculator()
    assert again.value == w.value and again.effect == pytest.approx(w.effect)


def test_no_profit_shows_a_message_and_still_plots(workbook_path: Path) -> None:
    w = KeepWinCalculator()
    w.sliders["keep_cost_ratio"].value = 1.0
    w.sliders["retention_rate"].value = 0.5
    assert "expected a positive profit" in w.error
    assert w.effect is None and w.sentence == ""
    assert w.plot.axes.lines[0].get_xydata()[0][0] == pytest.approx(0.5)

