"""Speed and memory of reading a learner's CRM export (issue 14), against DuckDB in the same run.

A learner's export is the one place where a learner's data can be big. This writes a book of
20,000 accounts and 2,000,000 transactions as CSV (about 57 MB, as a CRM exports it: ISO
dates, plain amounts), then

1. times ``read_crm_export(accounts, transactions=...)`` (every check) followed by the 80/20
   share (``pareto.concentration_from_transactions``) against DuckDB reading the same
   transactions file and computing the same share (target: <= 3x);
2. measures the peak memory of each side in a fresh process (Linux), as the rise of the
   process's peak resident set over what it held after imports, relative to the size of
   the files read (target for kamlib: <= 3x);
3. for information, times the same book written the way Chinese spreadsheets often write it
   ("2025/3/31", "1,234.50" in quotes), which takes the reader's full text rules.

Both sides must give the same share before timing. Run with the others:
``python benchmarks/run.py`` (or ``run.py crm_export``); ``--quick`` writes a book of 20
accounts and 2,000 transactions.
"""

from __future__ import annotations

import atexit
import functools
import json
import math
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from bench_domain import DUCKDB_TOP_SHARE, load_generate
from harness import Measure, Skip, best_of, ratio

from kamlib.datasets import read_crm_export
from kamlib.pareto import concentration_from_transactions

N_ACCOUNTS = 20_000
N_TRANSACTIONS = 2_000_000
QUICK = 1_000  # --quick divides the sizes by this
TOP = 0.2
TIME_TARGET = 3.0
MEMORY_TARGET = 3.0


def write_book(folder: Path, text_formats: bool = False, n_accounts: int = N_ACCOUNTS,
               n_transactions: int = N_TRANSACTIONS) -> tuple[Path, Path]:
    """Write the accounts and transactions CSVs; with ``text_formats`` dates as 2025/3/31 and
    amounts with thousands separators ("1,234.50"), as Chinese spreadsheets write them."""
    accounts, transactions = load_generate().synthetic_book(n_accounts, n_transactions, seed=5)
    accounts = accounts.assign(name="Company " + accounts["account_id"])
    accounts = accounts[["account_id", "name", "capacity_cny", "vip"]]
    if text_formats:
        dates = transactions["date"]
        transactions = transactions.assign(
            date=dates.dt.year.astype(str) + "/" + dates.dt.month.astype(str) + "/"
            + dates.dt.day.astype(str),
            revenue_cny=[f"{value:,.2f}" for value in transactions["revenue_cny"]],
        )
    paths = folder / "accounts.csv", folder / "transactions.csv"
    accounts.to_csv(paths[0], index=False)
    transactions.to_csv(paths[1], index=False, date_format="%Y-%m-%d")
    return paths


def kamlib_share(accounts: Path, transactions: Path) -> float:
    """Read both files with every check, then the top-20% share of revenue."""
    _, orders = read_crm_export(accounts, transactions=transactions)
    return concentration_from_transactions(orders, top=TOP).top_share


def duckdb_share(transactions: Path) -> float:
    """DuckDB reads the transactions file and computes the same share."""
    import duckdb

    query = DUCKDB_TOP_SHARE.replace(
        "FROM transactions", f"FROM read_csv('{transactions.as_posix()}')")
    return duckdb.connect().execute(query, [TOP]).fetchone()[0]


def peak_memory(side: str, accounts: Path, transactions: Path) -> int:
    """Bytes by which the peak resident set of a fresh process rises while ``side`` runs."""
    output = subprocess.run(
        [sys.executable, __file__, "--memory", side, str(accounts), str(transactions)],
        check=True, capture_output=True, text=True,
    ).stdout
    return json.loads(output.splitlines()[-1])["rise"]


def measure_memory(side: str, accounts: Path, transactions: Path) -> None:
    """In the child process: run ``side`` once and print the rise of the peak RSS as JSON.

    The peak is Linux's VmHWM, reset after the imports and a run on a tiny book (which
    starts the libraries' thread pools) by writing 5 to /proc/self/clear_refs; ``ru_maxrss``
    would include the parent's peak, inherited across fork.
    """
    with tempfile.TemporaryDirectory() as folder:  # start each library's threads and caches
        tiny = write_book(Path(folder), n_accounts=3, n_transactions=10)
        kamlib_share(*tiny) if side == "kamlib" else duckdb_share(tiny[1])
    Path("/proc/self/clear_refs").write_text("5")
    baseline = _status_kib("VmRSS")
    if side == "kamlib":
        kamlib_share(accounts, transactions)
    else:
        duckdb_share(transactions)
    print(json.dumps({"rise": (_status_kib("VmHWM") - baseline) * 1024}))


def _status_kib(field: str) -> int:
    """A memory figure of this process from /proc/self/status, in KiB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise SystemExit(f"/proc/self/status has no {field}: the memory figure needs Linux")


@functools.cache
def book(quick: bool, text_formats: bool = False) -> tuple[Path, Path]:
    """The book's two files, written once per run into a folder removed at exit."""
    folder = Path(tempfile.mkdtemp(prefix="kam-bench-crm-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    scale = QUICK if quick else 1
    return write_book(folder, text_formats, N_ACCOUNTS // scale, N_TRANSACTIONS // scale)


def bench_crm_export_time(quick: bool = False) -> Measure:
    accounts, transactions = book(quick)
    ours, theirs = kamlib_share(accounts, transactions), duckdb_share(transactions)
    if not math.isclose(ours, theirs, rel_tol=1e-9):
        raise AssertionError(f"top-20% share differs: kamlib {ours!r}, DuckDB {theirs!r}")
    repeat = 1 if quick else 5
    rows = N_TRANSACTIONS // QUICK if quick else N_TRANSACTIONS
    return ratio(f"read_crm_export + 80/20 share, {rows:,} rows",
                 best_of(lambda: kamlib_share(accounts, transactions), repeat),
                 best_of(lambda: duckdb_share(transactions), repeat), TIME_TARGET, "DuckDB")


def bench_crm_export_memory(quick: bool = False) -> Measure:
    if not Path("/proc/self/status").exists():
        raise Skip("the peak memory figure needs Linux's /proc")
    accounts, transactions = book(quick)
    size = accounts.stat().st_size + transactions.stat().st_size
    memory = {side: peak_memory(side, accounts, transactions) for side in ("kamlib", "duckdb")}
    return Measure("peak memory of kamlib / size of the files", memory["kamlib"] / size,
                   MEMORY_TARGET, "x",
                   detail=f"files {size / 2**20:.1f} MiB; kamlib +{memory['kamlib'] / 2**20:.0f} "
                          f"MiB, DuckDB +{memory['duckdb'] / 2**20:.0f} MiB "
                          f"({memory['duckdb'] / size:.2f}x)")


def bench_crm_export_text_formats(quick: bool = False) -> Measure:
    """For information: the book as Chinese spreadsheets write it takes the full text rules."""
    accounts, transactions = book(quick, text_formats=True)
    seconds = best_of(lambda: kamlib_share(accounts, transactions), 1 if quick else 3)
    return Measure('same book as 2025/3/31 and "1,234.50"', seconds * 1000, None, "ms",
                   detail="read_crm_export + 80/20 share, text dates and amounts")


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--memory":
        measure_memory(sys.argv[2], Path(sys.argv[3]), Path(sys.argv[4]))
        sys.exit(0)
    from run import main

    sys.exit(main(["crm_export", *sys.argv[1:]]))
