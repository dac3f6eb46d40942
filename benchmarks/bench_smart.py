"""How well the SMART coach agrees with a trainer, and how its time grows with the text.

1. Agreement: ``tests/data/smart_statements.csv`` holds goals and visit objectives in
   English and Chinese, each with the verdict a trainer gives per letter (S, M, A, R, T).
   The ``set`` column says whether the coach's rules were tuned on a statement (``dev``) or
   the statement was written afterwards and never tuned on (``holdout``): the holdout
   figure is the honest one. Printed: letters agreed / total, by set, language and kind.
2. Time: ``check_smart`` on texts of 1,000 to 64,000 characters (a run of digits, the worst
   case found by the issue-14 attack) against the time per character of the shortest. A
   ratio near 1 means linear time; the issue found 5.5 s for 8,000 digits (quadratic).

Run ``python benchmarks/bench_smart.py``; it exits 1 if time per character grows more than
``MAX_GROWTH`` times from the shortest to the longest text.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pandas as pd

from kamlib.goals import check_smart, coach_agreement

TABLE = Path(__file__).resolve().parent.parent / "tests" / "data" / "smart_statements.csv"
LENGTHS = (1_000, 8_000, 64_000)
MAX_GROWTH = 3.0


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


def seconds(text: str, repeat: int = 3) -> float:
    """The fastest of ``repeat`` runs of :func:`check_smart` on ``text``."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        check_smart(text)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> int:
    report = agreement_report()
    print("SMART coach against the trainer's verdicts (letters agreed / letters):")
    for row in report.itertuples(index=False):
        print(f"  {row.set:>7} {row.lang:>3} {row.kind:>5}: {row.agreed:4d} / {row.letters:4d}"
              f" = {row.agreement:.1%}")
    print("\nTime of check_smart on a run of digits (worst case of issue 14):")
    per_char = {}
    for length in LENGTHS:
        taken = seconds("Grow revenue at AC017 by " + "9" * length + "% by Q3 2026")
        per_char[length] = taken / length
        print(f"  {length:>6} characters: {taken * 1000:8.2f} ms "
              f"({per_char[length] * 1e6:.3f} µs per character)")
    growth = per_char[LENGTHS[-1]] / per_char[LENGTHS[0]]
    print(f"  time per character, longest / shortest: {growth:.2f} (target <= {MAX_GROWTH:g})")
    return 0 if growth <= MAX_GROWTH else 1


if __name__ == "__main__":
    sys.exit(main())
