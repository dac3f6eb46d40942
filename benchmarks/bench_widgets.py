"""Speed targets of the widgets (issue 5): how long a learner waits after one change.

1. XYGrid with 300 accounts: one score change -> reclassify every account, redraw the 25
   cells and the class label, save to the workbook. Target: median <= 100 ms.
2. BCGPlot with 12 units: one value change -> recompute the BCG table, redraw the bubble
   chart (PNG), save. Target: median <= 150 ms.

Run ``python benchmarks/bench_widgets.py``: it prints each median and its target and exits
1 if a target is missed. The workbook is a throw-away file; the real one is not touched.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

ROUNDS = 21
TARGETS_MS = {"XYGrid: reclassify + redraw, 300 accounts": 100.0,
              "BCGPlot: recompute + redraw, 12 units": 150.0}


def median_ms(change: Callable[[int], None]) -> tuple[float, float]:
    """Median wall time and CPU time in ms of ``change(round)`` over ROUNDS rounds.

    The target is on wall time (what the learner waits); CPU time is printed beside it
    because on a busy machine the wall time also counts waiting for a free core.
    """
    change(-1)  # warm-up: fonts and caches
    wall, cpu = [], []
    for step in range(ROUNDS):
        start, start_cpu = time.perf_counter(), time.process_time()
        change(step)
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return statistics.median(wall), statistics.median(cpu)


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


def main() -> int:
    from kamlib.widgets import BCGPlot, XYGrid
    from kamlib.workbook import Workbook

    book = Workbook(Path(tempfile.mkdtemp(prefix="kam-bench-")) / "bench.json")
    grid = XYGrid(accounts(), workbook=book)
    first = grid.accounts.index[grid.accounts["y"] >= 2][0]
    grid.account_picker.value = grid.accounts.loc[first, "account_id"]
    grid.x_slider.value = 0
    plot = BCGPlot(units(), workbook=book)

    def move_x(step: int) -> None:
        grid.x_slider.value = 1 + step % 2  # 1, 2, 1, ...: a real change every round

    def move_share(step: int) -> None:
        plot.rows[0]["own_share_pct"].value = 10.0 + step % 2

    results = {name: median_ms(change)
               for name, change in zip(TARGETS_MS, (move_x, move_share), strict=True)}
    assert grid.error == "" and plot.error == "", (grid.error, plot.error)
    missed = 0
    print(f"{'check':<45} {'median':>9} {'(CPU)':>9} {'target':>9}")
    for name, (median, cpu) in results.items():
        target = TARGETS_MS[name]
        missed += median > target
        verdict = "ok" if median <= target else "MISSED"
        print(f"{name:<45} {median:6.1f} ms ({cpu:5.1f} ms) {target:6.0f} ms  {verdict}")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"({ROUNDS} rounds each; {os.cpu_count()} CPUs, load average {load:.1f}; "
          f"Python {sys.version.split()[0]})")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
