"""pytest-benchmark versions of the domain speed checks (issue 4): each kamlib function
beside its baseline, so the saved reports show both.

Run: ``.venv/bin/pytest -o addopts="" benchmarks/test_bench_domain.py`` (the project's
addopts skip benchmarks in ordinary test runs). Targets are checked by bench_domain.py.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from bench_domain import (
    TOP,
    book_transactions,
    duckdb_top_share,
    grid_accounts,
    numpy_select_classes,
)

from kamlib.grid import classify_accounts
from kamlib.pareto import concentration_from_transactions


@pytest.fixture(scope="module")
def accounts():
    return grid_accounts()


@pytest.fixture(scope="module")
def transactions():
    return book_transactions()


@pytest.fixture(scope="module")
def duckdb_connection(transactions):
    duckdb = pytest.importorskip("duckdb")
    connection = duckdb.connect()
    connection.register("transactions", transactions)
    return connection


def test_classify_accounts_1m(benchmark, accounts):
    result = benchmark(classify_accounts, accounts)
    assert len(result) == len(accounts)


def test_numpy_select_baseline_1m(benchmark, accounts):
    x, y, vip = (accounts[c].to_numpy() for c in ("x", "y", "vip"))
    classes = benchmark(numpy_select_classes, x, y, vip)
    assert np.array_equal(classes, classify_accounts(accounts)["account_class"].to_numpy(str))


def test_concentration_10m(benchmark, transactions):
    result = benchmark.pedantic(
        concentration_from_transactions, args=(transactions,), kwargs={"top": TOP}, rounds=5
    )
    assert 0 < result.top_share < 1


def test_duckdb_baseline_10m(benchmark, transactions, duckdb_connection):
    share = benchmark.pedantic(duckdb_top_share, args=(duckdb_connection,), rounds=5)
    ours = concentration_from_transactions(transactions, top=TOP).top_share
    assert math.isclose(share, ours, rel_tol=1e-9)
