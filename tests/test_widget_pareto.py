"""ParetoExplorer driven from Python: move the slider and the year, read sentence and plot."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from helpers import saved

from kamlib import datasets, pareto
from kamlib.validation import KamValueError
from kamlib.widgets.pareto_explorer import ParetoExplorer


@pytest.fixture(scope="module")
def orders() -> pd.DataFrame:
    """Ten accounts in 2024 (equal revenue) and in 2025 (one account holds most revenue)."""
    ids = [f"A{i:02d}" for i in range(10)]
    revenue_2025 = [910.0] + [10.0] * 9
    return pd.DataFrame({
        "date": pd.to_datetime(["2024-06-01"] * 10 + ["2025-06-01"] * 10),
        "account_id": ids + ids,
        "revenue_cny": [100.0] * 10 + revenue_2025,
    })


def test_starts_on_the_latest_year_and_top_20_percent(workbook_path: Path, orders) -> None:
    w = ParetoExplorer(orders)
    assert w.value == {"top": 0.2, "year": "2025"}
    assert w.result.top_accounts == 2 and w.result.top_share == pytest.approx(0.92)
    assert w.sentence == ("The top 20% of accounts (2 of 10) brought 92% of revenue in 2025; "
                          "80% of revenue came from 1 accounts (10%).")
    x, y = w.plot.axes.collections[-2].get_offsets()[0]  # the chosen-fraction point
    assert (x, y) == pytest.approx((0.2, 0.92))
    assert w.plot.png.startswith(b"\x89PNG")


def test_slider_and_year_change_result_plot_and_workbook(workbook_path: Path, orders) -> None:
    w = ParetoExplorer(orders)
    w.top_slider.value = 0.5
    assert w.result.top_share == pytest.approx(0.95)
    assert "The top 50% of accounts (5 of 10) brought 95%" in w.sentence
    w.year_picker.value = "2024"
    assert w.result.top_share == pytest.approx(0.5)
    curve = w.plot.axes.lines[0].get_xydata()
    assert np.allclose(curve[:, 0], curve[:, 1])  # equal revenue: the curve is the diagonal
    assert "80% of revenue came from 8 accounts" in w.sentence
    assert saved(workbook_path)["pareto_explorer"] == {"top": 0.5, "year": "2024"}
    w.year_picker.value = "all"
    assert "over all years" in w.sentence


def test_recreated_widget_shows_the_saved_choice(workbook_path: Path, orders) -> None:
    first = ParetoExplorer(orders)
    first.top_slider.value = 0.3
    first.year_picker.value = "2024"
    again = ParetoExplorer(orders)
    assert again.value == {"top": 0.3, "year": "2024"}
    assert again.result.top_accounts == 3


def test_case_data_by_default_matches_the_domain(workbook_path: Path) -> None:
    w = ParetoExplorer()
    expected = pareto.concentration(pareto.revenue_by_account(
        datasets.load("transactions"), start="2025-01-01", end="2025-12-31"))
    assert w.result.top_share == pytest.approx(expected.top_share)
    assert f"({expected.top_accounts} of {expected.n_accounts})" in w.sentence


def test_chinese_sentence(workbook_path: Path, orders) -> None:
    w = ParetoExplorer(orders, language="zh")
    assert w.sentence.startswith("2025年，前20%的客户（10个中的2个）带来了92%的收入")


@pytest.mark.parametrize(
    ("transactions", "match"),
    [
        ("orders.csv", "transactions: got 'str'; expected a pandas DataFrame"),
        (pd.DataFrame({"date": []}), "missing column\\(s\\) 'account_id', 'revenue_cny'"),
        (pd.DataFrame({"date": ["01/02/2025"], "account_id": ["A"], "revenue_cny": [1.0]}),
         "transactions\\['date'\\] \\(row 0, 1 bad in all\\): got '01/02/2025'; expected a date"),
        (pd.DataFrame({"date": pd.to_datetime([]), "account_id": [], "revenue_cny": []}),
         "transactions: got 'an empty table'"),
    ],
)
def test_bad_transactions_are_refused(workbook_path: Path, transactions, match: str) -> None:
    with pytest.raises(KamValueError, match=match):
        ParetoExplorer(transactions)
