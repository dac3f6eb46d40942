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

Run ``python benchmarks/bench_crm_export.py``; it prints each figure with its target and
exits 1 if a target is missed. Both sides must give the same share before timing.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
import tempfile
from pathlib import Path

from bench_domain import DUCKDB_TOP_SHARE, Result, best_of, load_generate

from kamlib.datasets import read_crm_export
from kamlib.pareto import concentration_from_transactions

N_ACCOUNTS = 20_000
N_TRANSACTIONS = 2_000_000
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


def main() -> int:
    results: list[Result] = []
    with tempfile.TemporaryDirectory() as folder:
        accounts, transactions = write_book(Path(folder))
        size = accounts.stat().st_size + transactions.stat().st_size
        ours, theirs = kamlib_share(accounts, transactions), duckdb_share(transactions)
        if not math.isclose(ours, theirs, rel_tol=1e-9):
            raise SystemExit(f"top-20% share differs: kamlib {ours!r}, DuckDB {theirs!r}")
        print(f"files: {size / 2**20:.1f} MiB; top-20% share: kamlib {ours:.12f}, "
              f"DuckDB {theirs:.12f} (equal)")
        results.append(Result(
            f"read_crm_export + 80/20 share, {N_TRANSACTIONS:,} rows",
            best_of(lambda: kamlib_share(accounts, transactions), 5),
            best_of(lambda: duckdb_share(transactions), 5),
            TIME_TARGET,
        ))
        memory = {side: peak_memory(side, accounts, transactions)
                  for side in ("kamlib", "duckdb")}
        print(f"peak memory rise: kamlib {memory['kamlib'] / 2**20:.0f} MiB "
              f"({memory['kamlib'] / size:.2f}x the files), DuckDB "
              f"{memory['duckdb'] / 2**20:.0f} MiB ({memory['duckdb'] / size:.2f}x)")
        results.append(Result("peak memory of kamlib / size of the files",
                              memory["kamlib"], size, MEMORY_TARGET))
    with tempfile.TemporaryDirectory() as folder:
        accounts, transactions = write_book(Path(folder), text_formats=True)
        seconds = best_of(lambda: kamlib_share(accounts, transactions), 3)
        print(f"for information: the same book as 2025/3/31 and \"1,234.50\": "
              f"{seconds * 1000:.0f} ms")
    for result in results:
        status = "ok" if result.met else "MISSED"
        if result.name.startswith("peak"):
            print(f"{result.name}: {result.ratio:.2f}x (target <= {result.target}x) {status}")
        else:
            print(f"{result.name}: {result.ours * 1000:.0f} ms vs DuckDB "
                  f"{result.baseline * 1000:.0f} ms -> {result.ratio:.2f}x "
                  f"(target <= {result.target}x) {status}")
    return 0 if all(r.met for r in results) else 1


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--memory":
        measure_memory(sys.argv[2], Path(sys.argv[3]), Path(sys.argv[4]))
        sys.exit(0)
    sys.exit(main())
