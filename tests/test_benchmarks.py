"""The one benchmark system (benchmarks/): verdicts are right, and every benchmark still runs."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
BENCHMARKS = REPO / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

from harness import Measure, Skip, error_row, ratio, row  # noqa: E402
from run import areas, benchmarks  # noqa: E402


def test_a_ratio_is_judged_against_its_target() -> None:
    assert ratio("x", ours=0.15, baseline=0.1, target=1.5, baseline_name="b").met
    missed = ratio("x", ours=0.16, baseline=0.1, target=1.5, baseline_name="b")
    assert not missed.met
    assert re.search(r"1\.60x\s+<= 1\.50x\s+MISSED\s+160\.0 ms vs b 100\.0 ms", row(missed))


def test_a_quality_is_judged_from_below() -> None:
    agreement = Measure("agreement", 91.0, 90.0, "%", higher_is_better=True)
    assert agreement.met and ">= 90.0%" in row(agreement)
    assert not Measure("agreement", 89.9, 90.0, "%", higher_is_better=True).met


def test_a_figure_without_target_is_reported_and_never_missed() -> None:
    figure = Measure("holdout agreement", 12.5, None, "%", higher_is_better=True)
    assert figure.met and re.search(r"12\.5%\s+-\s+info", row(figure))


def test_a_benchmark_that_cannot_run_here_says_why() -> None:
    line = error_row("widgets: bench_click", Skip("no /usr/bin/chromium"))
    assert re.search(r"skipped\s+no /usr/bin/chromium$", line)


def test_unknown_area_is_refused() -> None:
    result = subprocess.run([sys.executable, str(BENCHMARKS / "run.py"), "nosuch"],
                            capture_output=True, text=True)
    assert result.returncode == 2 and "no benchmarks/bench_nosuch.py" in result.stderr


@pytest.mark.slow
def test_every_benchmark_runs_on_small_data() -> None:
    """--quick: each benchmark builds its data, checks that ours and the baseline agree and
    times both (a benchmark may give several rows); a broken one shows as ERROR and fails."""
    result = subprocess.run([sys.executable, str(BENCHMARKS / "run.py"), "--quick"],
                            capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 0, result.stdout + result.stderr
    written = sum(len(list(benchmarks(area))) for area in areas())
    rows = [line for line in result.stdout.splitlines()
            if re.search(r"\s(quick|skipped)\s", line)]
    assert written >= 7 and len(rows) >= written and "ERROR" not in result.stdout, result.stdout
