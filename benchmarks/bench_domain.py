"""Speed targets of the domain layer (issue 4), each against a baseline timed in the same run.

1. ``grid.classify_accounts`` on 1,000,000 accounts <= 1.5x a hand-written ``numpy.select``
   over the same arrays (grid class, then the VIP override).
2. ``pareto.concentration_from_transactions`` on 10,000,000 transaction rows <= 1.5x DuckDB
   computing the same top-20% share in the same process (GROUP BY, ORDER BY, window sum).
3. ``python -c "import kamlib"`` <= 1.2x ``python -c "import pandas"`` (median of runs).
4. The input checks of :mod:`kamlib.validation` on clean 10,000,000-row columns (amounts,
   dates, flags) <= 2x numpy's min and max over the same arrays: the least a range check
   can do, so the clean-data fast paths stay at numpy speed.

Both sides must give the same result before they are timed. Run with the others:
``python benchmarks/run.py`` (or ``run.py domain`` for these four).
"""

from __future__ import annotations

import importlib.util
import math
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
from harness import Measure, best_of, ratio

from kamlib.grid import classify_accounts
from kamlib.pareto import concentration_from_transactions
from kamlib.validation import check_date_series, check_flag_series, check_numeric_series

REPO = Path(__file__).resolve().parent.parent
N_ACCOUNTS = 1_000_000
N_TRANSACTIONS = 10_000_000
N_BOOK_ACCOUNTS = 100_000
QUICK = 1_000  # --quick divides the sizes by this
TOP = 0.2


# --- 1. classification -------------------------------------------------------------------


def grid_accounts(n: int = N_ACCOUNTS, seed: int = 0) -> pd.DataFrame:
    """Random consistent scores (X <= Y), 2% VIPs, string account ids."""
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 5, n)
    x = (rng.random(n) * (y + 1)).astype(np.int64)
    ids = pd.Index(np.char.add("AC", np.arange(n).astype(str)), dtype="str")
    return pd.DataFrame({"account_id": ids, "x": x, "y": y, "vip": rng.random(n) < 0.02})


def numpy_select_classes(x: np.ndarray, y: np.ndarray, vip: np.ndarray) -> np.ndarray:
    """The baseline: default rules written out with numpy.select, then the VIP override."""
    grid_class = np.select([(x >= 3) & (y >= 3), y <= 1], ["A", "C"], default="B")
    return np.where(vip, "VIP", grid_class)


def bench_classification(quick: bool = False) -> Measure:
    n = N_ACCOUNTS // QUICK if quick else N_ACCOUNTS
    frame = grid_accounts(n)
    x, y, vip = (frame[c].to_numpy() for c in ("x", "y", "vip"))
    ours = classify_accounts(frame)["account_class"].to_numpy(dtype=str)
    if not np.array_equal(ours, numpy_select_classes(x, y, vip)):
        raise AssertionError("classify_accounts and the numpy.select baseline disagree")
    repeat = 1 if quick else 7
    return ratio(
        f"classify_accounts, {n:,} accounts",
        best_of(lambda: classify_accounts(frame), repeat),
        best_of(lambda: numpy_select_classes(x, y, vip), repeat),
        1.5,
        "numpy.select",
    )


# --- 2. concentration --------------------------------------------------------------------


def load_generate():
    """Import datasets/generate.py (not a package) for its ``synthetic_book``."""
    spec = importlib.util.spec_from_file_location("kam_generate", REPO / "datasets/generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def book_transactions(n_accounts: int = N_BOOK_ACCOUNTS,
                      n_transactions: int = N_TRANSACTIONS) -> pd.DataFrame:
    """10M transaction rows over 100k accounts (categorical ids, lognormal revenue)."""
    _, transactions = load_generate().synthetic_book(n_accounts, n_transactions, seed=4)
    return transactions[["account_id", "revenue_cny"]]


DUCKDB_TOP_SHARE = """
WITH totals AS (
    SELECT account_id, SUM(revenue_cny) AS revenue FROM transactions GROUP BY account_id
), ranked AS (
    SELECT revenue,
           SUM(revenue) OVER (ORDER BY revenue DESC
                              ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS cumulative,
           SUM(revenue) OVER () AS total,
           ROW_NUMBER() OVER (ORDER BY revenue DESC) AS rank,
           COUNT(*) OVER () AS n
    FROM totals
)
SELECT cumulative / total AS top_share FROM ranked WHERE rank = CEIL(? * n)
"""


def duckdb_top_share(connection, top: float = TOP) -> float:
    return connection.execute(DUCKDB_TOP_SHARE, [top]).fetchone()[0]


def bench_concentration(quick: bool = False) -> Measure:
    import duckdb

    n_rows = N_TRANSACTIONS // QUICK if quick else N_TRANSACTIONS
    transactions = book_transactions(N_BOOK_ACCOUNTS // QUICK if quick else N_BOOK_ACCOUNTS,
                                     n_rows)
    connection = duckdb.connect()
    connection.register("transactions", transactions)
    ours = concentration_from_transactions(transactions, top=TOP).top_share
    theirs = duckdb_top_share(connection)
    if not math.isclose(ours, theirs, rel_tol=1e-9):
        raise AssertionError(f"top-20% share differs: kamlib {ours!r}, DuckDB {theirs!r}")
    repeat = 1 if quick else 5
    return ratio(
        f"80/20 concentration, {n_rows:,} rows",
        best_of(lambda: concentration_from_transactions(transactions, top=TOP), repeat),
        best_of(lambda: duckdb_top_share(connection), repeat),
        1.5,
        "DuckDB",
    )


# --- 3. import time ----------------------------------------------------------------------


def import_times(modules: tuple[str, ...], runs: int = 15) -> dict[str, float]:
    """Median wall-clock time of a fresh ``python -c "import <module>"`` for each module.

    Runs alternate between the modules so that a change in machine load hits both alike.
    """
    times: dict[str, list[float]] = {module: [] for module in modules}
    for _ in range(runs):
        for module in modules:
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", f"import {module}"], check=True, cwd=REPO)
            times[module].append(time.perf_counter() - start)
    return {module: statistics.median(values) for module, values in times.items()}


def bench_import(quick: bool = False) -> Measure:
    import_times(("pandas",), runs=1 if quick else 2)  # warm the file cache
    medians = import_times(("kamlib", "pandas"), runs=1 if quick else 15)
    return ratio("import kamlib vs import pandas", medians["kamlib"], medians["pandas"], 1.2,
                 "import pandas")


# --- 4. input checks --------------------------------------------------------------------


def clean_columns(n: int = N_TRANSACTIONS, seed: int = 5) -> pd.DataFrame:
    """Clean typed columns as a learner's export gives them: amounts, dates, flags."""
    rng = np.random.default_rng(seed)
    days = pd.to_timedelta(rng.integers(0, 3 * 365, n), unit="D")
    return pd.DataFrame({
        "revenue_cny": rng.lognormal(10, 1, n),
        "date": pd.Timestamp("2023-01-01") + days,
        "vip": rng.random(n) < 0.02,
    })


def bench_checks(quick: bool = False) -> Measure:
    n = N_TRANSACTIONS // QUICK if quick else N_TRANSACTIONS
    columns = clean_columns(n)
    amounts = columns["revenue_cny"].to_numpy()
    ticks = columns["date"].to_numpy().view("i8")

    def ours() -> None:
        check_numeric_series("revenue_cny", columns["revenue_cny"], minimum=0)
        check_date_series("date", columns["date"])
        check_flag_series("vip", columns["vip"])

    def numpy_min_max() -> None:
        amounts.min(), amounts.max(), ticks.min(), ticks.max()

    repeat = 1 if quick else 7
    return ratio(f"input checks on {n:,} clean rows", best_of(ours, repeat),
                 best_of(numpy_min_max, repeat), 2.0, "numpy min and max")


if __name__ == "__main__":
    from run import main

    sys.exit(main(["domain", *sys.argv[1:]]))
