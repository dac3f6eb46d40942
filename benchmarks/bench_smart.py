"""How well the SMART coach agrees with a trainer, and how its time grows with the text.

1. Agreement: ``tests/data/smart_statements.csv`` holds goals and visit objectives in
   English and Chinese, each with the verdict a trainer gives per letter (S, M, A, R, T).
   The ``set`` column says whether the coach's rules were tuned on a statement (``dev``) or
   the statement was written afterwards and never tuned on (``holdout``): the holdout
   figure is the honest one. Printed: letters agreed / total, by set, language and kind.
2. Time: ``check_smart`` on a run of 8,000 digits (the worst case found by the issue-14
   attack: 5.5 s before the fix, time growing with the square of the length), then on
   16,000 to 256,000 characters: the time per character staying steady as the text grows
   16 times means linear time.

Run ``python benchmarks/bench_smart.py``; it exits 1 if the time per character grows more
than ``MAX_GROWTH`` times from the shortest to the longest text.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from kamlib.goals import check_smart, coach_agreement

REPO = Path(__file__).resolve().parent.parent
TABLE = REPO / "tests" / "data" / "smart_statements.csv"
#: Lengths compared for linear time, from 16,000 characters: below that the regular
#: expressions run faster per character (the text fits the processor's cache), which would
#: read as growth where there is none.
LENGTHS = (16_000, 64_000, 256_000)
#: The case issue 14 timed: an 8,000-digit number, 5.5 seconds before the fix.
ISSUE_LENGTH, ISSUE_SECONDS = 8_000, 5.5
MAX_GROWTH = 2.0


def agreement_report() -> pd.DataFrame:
    """Letters agreed and letters in all, by set, language and kind, plus totals."""
    statements = pd.read_csv(TABLE, keep_default_na=False, dtype=str)
    result = coach_agreement(statements)
    groups = []
    for keys in (["set", "lang"], ["set", "lang", "kind"], ["set"]):
        summary = result.groupby(keys)["agrees"].agg(agreed="sum", letters="size")
        groups.append(summary.reset_index())
    report = pd.concat(groups, ignore_index=True).fillna("all")
    report["agreement"] = report["agreed"] / report["letters"]
    return report[["set", "lang", "kind", "agreed", "letters", "agreement"]]


def seconds(function: Callable[[], object], repeat: int = 3) -> float:
    """The fastest of ``repeat`` runs of ``function``."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> int:
    # the trainer's verdicts assume the course's default settings (a +50% plausible change)
    os.environ.setdefault("KAMLIB_SETTINGS", str(REPO / "kamlib" / "course_settings.toml"))
    report = agreement_report()
    print("SMART coach against the trainer's verdicts (letters agreed / letters):")
    for row in report.itertuples(index=False):
        print(f"  {row.set:>7} {row.lang:>3} {row.kind:>5}: {row.agreed:4d} / {row.letters:4d}"
              f" = {row.agreement:.1%}")
    print("\nTime of check_smart on a run of digits (the worst case of issue 14):")
    issue = seconds(lambda: check_smart(digits(ISSUE_LENGTH)))
    print(f"  {ISSUE_LENGTH:>7} characters: {issue * 1000:8.2f} ms "
          f"(issue 14 measured {ISSUE_SECONDS:g} s before the fix)")
    per_character = {}
    for length in LENGTHS:
        taken = seconds(lambda length=length: check_smart(digits(length)))
        per_character[length] = taken / length
        print(f"  {length:>7} characters: {taken * 1000:8.2f} ms "
              f"({per_character[length] * 1e6:.2f} µs per character)")
    growth = per_character[LENGTHS[-1]] / per_character[LENGTHS[0]]
    print(f"  time per character, longest / shortest: {growth:.2f} "
          f"(linear time keeps it near 1; target <= {MAX_GROWTH:g})")
    return 0 if growth <= MAX_GROWTH else 1


def digits(length: int) -> str:
    """A goal whose number is ``length`` digits long."""
    return "Grow revenue at AC017 by " + "9" * length + "% by Q3 2026"


if __name__ == "__main__":
    sys.exit(main())
