"""Speed targets of the widgets (issue 5): how long a learner waits after one change.

1. XYGrid with 300 accounts: one score change -> reclassify every account, redraw the 25
   cells and the class label, save to the workbook. Target: median <= 100 ms.
2. BCGPlot with 12 units: one value change -> recompute the BCG table, redraw the bubble
   chart (PNG), save. Target: median <= 150 ms.
3. Lecture 1's sliders, which every learner of a class moves at once (issue 16): one step of
   ParetoExplorer's top slider and of a KeepWinCalculator slider -> recompute, redraw, save.
   Target: median <= 100 ms each.

These targets are times a learner waits, so they are in milliseconds, not ratios; the CPU
time is shown beside them. The workbook is a throw-away file; the real one is not touched.
Run with the others: ``python benchmarks/run.py`` (or ``run.py widgets``).
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
from harness import Measure, median_of

ROUNDS = 21


def accounts(n: int = 300, seed: int = 5) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    y = rng.integers(1, 5, n)
    return pd.DataFrame({
        "account_id": [f"AC{i:04d}" for i in range(n)],
        "name": [f"Account {i}" for i in range(n)],
        "x": rng.integers(0, y + 1),
        "y": y,
        "vip": rng.random(n) < 0.05,
    })


def units(n: int = 12, seed: int = 5) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    own = rng.uniform(2, 40, n)
    return pd.DataFrame({
        "name": [f"Line {i}" for i in range(n)],
        "market_growth_pct": rng.uniform(-2, 20, n).round(1),
        "own_share_pct": own.round(1),
        "largest_rival_share_pct": rng.uniform(2, 100 - own - 1).round(1),
        "revenue_cny": rng.uniform(5e6, 80e6, n).round(-4),
    })


def widget_wait(name: str, change: Callable[[int], None], target_ms: float,
                quick: bool) -> Measure:
    rounds = 2 if quick else ROUNDS
    wall, cpu = median_of(change, rounds)
    return Measure(name, wall * 1000, target_ms, "ms",
                   detail=f"median of {rounds} changes; CPU {cpu * 1000:.1f} ms")


def bench_xy_grid(quick: bool = False) -> Measure:
    from kamlib.widgets import XYGrid
    from kamlib.workbook import Workbook

    book = Workbook(Path(tempfile.mkdtemp(prefix="kam-bench-")) / "bench.json")
    grid = XYGrid(accounts(), workbook=book)
    first = grid.accounts.index[grid.accounts["y"] >= 2][0]
    grid.account_picker.value = grid.accounts.loc[first, "account_id"]
    grid.x_slider.value = 0

    def move_x(step: int) -> None:
        grid.x_slider.value = 1 + step % 2  # 1, 2, 1, ...: a real change every round

    measure = widget_wait("XYGrid: reclassify + redraw, 300 accounts", move_x, 100.0, quick)
    if grid.error:
        raise AssertionError(f"XYGrid shows an error: {grid.error}")
    return measure


def bench_bcg_plot(quick: bool = False) -> Measure:
    from kamlib.widgets import BCGPlot
    from kamlib.workbook import Workbook

    book = Workbook(Path(tempfile.mkdtemp(prefix="kam-bench-")) / "bench.json")
    plot = BCGPlot(units(), workbook=book)

    def move_share(step: int) -> None:
        plot.rows[0]["own_share_pct"].value = 10.0 + step % 2

    measure = widget_wait("BCGPlot: recompute + redraw, 12 units", move_share, 150.0, quick)
    if plot.error:
        raise AssertionError(f"BCGPlot shows an error: {plot.error}")
    return measure


def bench_lecture1_sliders(quick: bool = False) -> list[Measure]:
    from kamlib.widgets import KeepWinCalculator, ParetoExplorer
    from kamlib.workbook import Workbook

    book = Workbook(Path(tempfile.mkdtemp(prefix="kam-bench-")) / "bench.json")
    explorer = ParetoExplorer(workbook=book)
    calculator = KeepWinCalculator(workbook=book)
    accounts_slider = calculator.sliders["customers"]

    def move_top(step: int) -> None:
        explorer.top_slider.value = 0.2 + 0.01 * (step % 2)

    def move_accounts(step: int) -> None:
        accounts_slider.value = 100 + accounts_slider.step * (step % 2)

    return [
        widget_wait("ParetoExplorer: top slider step", move_top, 100.0, quick),
        widget_wait("KeepWinCalculator: customers slider step", move_accounts, 100.0, quick),
    ]


if __name__ == "__main__":
    from run import main

    sys.exit(main(["widgets", *sys.argv[1:]]))
