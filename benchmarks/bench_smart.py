"""How well the SMART coach agrees with a trainer, and how its time grows with the text.

1. Agreement: ``tests/data/smart_statements.csv`` holds goals and visit objectives in
   English and Chinese, each with the verdict a trainer gives per letter (S, M, A, R, T).
   The ``set`` column says whether the coach's rules were tuned on a statement (``dev``) or
   the statement was written afterwards and never tuned on (``holdout``): the holdout
   figure is the honest one. One row per set, language and kind: letters agreed / total
   (reported, no target).
2. Time: ``check_smart`` on a run of 8,000 digits (the worst case found by the issue-14
   attack: 5.5 s before the fix, time growing with the square of the length), then on
   16,000 to 256,000 characters: the time per character staying steady as the text grows
   16 times means linear time. Target: the time per character grows at most ``MAX_GROWTH``
   times from the shortest to the longest text.

Run with the others: ``python benchmarks/run.py`` (or ``run.py smart``).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pandas as pd
from harness import Measure, best_of

from kamlib.goals import check_smart, coach_agreement

REPO = Path(__file__).resolve().parent.parent
TABLE = REPO / "tests" / "data" / "smart_statements.csv"
#: Lengths compared for linear time, from 16,000 characters: below that the regular
#: expressions run faster per character (the text fits the processor's cache), which would
#: read as growth where there is none.
LENGTHS = (16_000, 64_000, 256_000)
QUICK_LENGTHS = (1_000, 4_000)
#: The case issue 14 timed: an 8,000-digit number, 5.5 seconds before the fix.
ISSUE_LENGTH, ISSUE_SECONDS = 8_000, 5.5
MAX_GROWTH = 2.0


def agreement_report() -> pd.DataFrame:
    """Letters agreed and letters in all, by set, language and kind, plus totals."""
    # the trainer's verdicts assume the course's default settings (a +50% plausible change)
    os.environ.setdefault("KAMLIB_SETTINGS", str(REPO / "kamlib" / "course_settings.toml"))
    statements = pd.read_csv(TABLE, keep_default_na=False, dtype=str)
    result = coach_agreement(statements)
    groups = []
    for keys in (["set", "lang"], ["set", "lang", "kind"], ["set"]):
        summary = result.groupby(keys)["agrees"].agg(agreed="sum", letters="size")
        groups.append(summary.reset_index())
    report = pd.concat(groups, ignore_index=True).fillna("all")
    report["agreement"] = report["agreed"] / report["letters"]
    return report[["set", "lang", "kind", "agreed", "letters", "agreement"]]


def bench_smart_agreement(quick: bool = False) -> list[Measure]:
    """The coach against the trainer's verdicts, letter by letter (the same in quick mode:
    the table is small)."""
    return [
        Measure(f"SMART coach vs trainer: {row.set} {row.lang} {row.kind}",
                row.agreement * 100, None, "%", higher_is_better=True,
                detail=f"{row.agreed} of {row.letters} letters agree")
        for row in agreement_report().itertuples(index=False)
    ]


def digits(length: int) -> str:
    """A goal whose number is ``length`` digits long."""
    return "Grow revenue at AC017 by " + "9" * length + "% by Q3 2026"


def bench_smart_linear_time(quick: bool = False) -> Measure:
    lengths = QUICK_LENGTHS if quick else LENGTHS
    repeat = 1 if quick else 3
    issue = best_of(lambda: check_smart(digits(ISSUE_LENGTH)), repeat)
    per_character = {
        length: best_of(lambda length=length: check_smart(digits(length)), repeat) / length
        for length in lengths
    }
    shortest, longest = lengths[0], lengths[-1]
    steps = ", ".join(f"{length:,}: {seconds * 1e6:.2f} µs/char"
                      for length, seconds in per_character.items())
    return Measure(
        f"check_smart time per char, {longest:,} vs {shortest:,}",
        per_character[longest] / per_character[shortest], MAX_GROWTH, "x",
        detail=(f"{steps}; {ISSUE_LENGTH:,} digits: {issue * 1000:.1f} ms "
                f"(issue 14: {ISSUE_SECONDS:g} s before the fix)"),
    )


if __name__ == "__main__":
    from run import main

    sys.exit(main(["smart", *sys.argv[1:]]))
