"""The course's one benchmark system: measures, timers and the table (docs/benchmarks.md).

A benchmark is a function ``bench_<what>(quick: bool = False)`` in a module
``benchmarks/bench_<area>.py`` that returns a :class:`Measure` (or a list of them, one per
row). It builds its data, checks that our code and the baseline give the same answer, times
both in the same run and returns what it measured.
``python benchmarks/run.py`` runs them all and prints one table; ``--quick`` runs them on
small data as a smoke test (the answers are still compared, the targets are not judged).
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass


class Skip(Exception):
    """Raised by a benchmark that cannot run on this machine (say, without Chromium): its
    row says why, and the run does not fail."""


@dataclass(frozen=True)
class Measure:
    """One row of the benchmark table: a measured value against its target.

    ``value`` is what the target judges: a ratio against a baseline (``unit="x"``), a time
    a person waits (``unit="ms"``), or a quality such as an agreement rate (``unit="%"``,
    ``higher_is_better=True``). ``detail`` says what was compared, in a few words. A figure
    reported for information has no target (``target=None``) and is never missed.
    """

    name: str
    value: float
    target: float | None
    unit: str = "x"
    higher_is_better: bool = False
    detail: str = ""

    @property
    def met(self) -> bool:
        if self.target is None:
            return True
        if self.higher_is_better:
            return self.value >= self.target
        return self.value <= self.target

    def shown(self, number: float) -> str:
        if self.unit == "x":
            return f"{number:.2f}x"
        if self.unit == "%":
            return f"{number:.1f}%"
        if float(number).is_integer() and self.unit != "ms":
            return f"{number:.0f} {self.unit}"  # a count: "0 lost"
        return f"{number:.1f} {self.unit}"


def ratio(name: str, ours: float, baseline: float, target: float, baseline_name: str) -> Measure:
    """A :class:`Measure` of our time over the baseline's time, both in seconds.

    Examples
    --------
    >>> m = ratio("classify", 0.3, 0.2, 1.5, "numpy.select")
    >>> m.shown(m.value), m.met, m.detail
    ('1.50x', True, '300.0 ms vs numpy.select 200.0 ms')
    """
    return Measure(name, ours / baseline, target, "x",
                   detail=f"{ours * 1000:.1f} ms vs {baseline_name} {baseline * 1000:.1f} ms")


def best_of(function: Callable[[], object], repeat: int) -> float:
    """The fastest of ``repeat`` wall-clock timings of ``function()``, in seconds.

    The fastest run is the one least disturbed by other work on the machine; use it for
    ratios, where ours and the baseline are timed alike.
    """
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def median_of(function: Callable[[int], object], rounds: int) -> tuple[float, float]:
    """Median wall time and median CPU time of ``function(round)``, in seconds.

    For what a person waits for (a widget's response): the median is the typical wait.
    One warm-up call (round -1) comes first. The CPU time is reported beside the wall time
    because on a busy machine the wall time also counts waiting for a free core.
    """
    function(-1)
    wall, cpu = [], []
    for step in range(rounds):
        start, start_cpu = time.perf_counter(), time.process_time()
        function(step)
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return statistics.median(wall), statistics.median(cpu)


# --- the table -----------------------------------------------------------------------------

COLUMNS = f"{'benchmark':<46} {'result':>10} {'target':>11}  {'verdict':<8} detail"


def row(measure: Measure, judged: bool = True) -> str:
    sign = ">=" if measure.higher_is_better else "<="
    if measure.target is None:
        target, verdict = "-", "info"
    else:
        target = f"{sign} {measure.shown(measure.target)}"
        verdict = "ok" if measure.met else "MISSED"
    if not judged:
        verdict = "quick"
    return (f"{measure.name:<46} {measure.shown(measure.value):>10} {target:>11}  "
            f"{verdict:<8} {measure.detail}")


def error_row(name: str, error: BaseException) -> str:
    if isinstance(error, Skip):
        return f"{name:<46} {'-':>10} {'-':>11}  {'skipped':<8} {error}"
    return f"{name:<46} {'-':>10} {'-':>11}  {'ERROR':<8} {type(error).__name__}: {error}"


def machine() -> str:
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (f"{os.cpu_count()} CPUs, load average {load:.1f} at the end, "
            f"Python {sys.version.split()[0]}")
