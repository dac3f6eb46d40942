"""How long a notebook takes a learner: reading, looking at results, and tasks.

    python tools/lecture_time.py            # a table for every course notebook
    python tools/lecture_time.py NOTEBOOK   # the same for one

The rule is the course's own, stated in :mod:`kamlib.course` (which the course map of the
start-here notebook and the README use too): English words of the markdown at 130 words a
minute, half a minute for every code cell that shows something (not the parameters cell),
plus the minutes each task cell declares in its metadata (``{"kamlib": {"minutes": N}}``);
cells tagged ``instructor`` are not counted. The total is rounded to the nearest 5 minutes.

A notebook states its total in its metadata (``kamlib.minutes``) and in its overview; a test
(tests/test_learner_path.py) checks both against this estimate.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from kamlib.course import MINUTES_PER_SHOWN_RESULT, WORDS_PER_MINUTE, Estimate, estimate

REPO = Path(__file__).resolve().parent.parent
__all__ = ["MINUTES_PER_SHOWN_RESULT", "WORDS_PER_MINUTE", "Estimate", "course_notebooks",
           "estimate", "main"]


def course_notebooks() -> list[Path]:
    """The English lecture notebooks and exercise sources."""
    return sorted(REPO.glob("notebooks/*.ipynb")) + sorted(REPO.glob("exercises/source/*.ipynb"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("notebooks", nargs="*", type=Path)
    args = parser.parse_args(argv)
    print(f"{'notebook':45} {'read':>6} {'look':>6} {'tasks':>6} {'total':>6} {'stated':>7}")
    for path in args.notebooks or course_notebooks():
        found = estimate(path)
        metadata = json.loads(path.read_text(encoding="utf-8")).get("metadata", {})
        stated = metadata.get("kamlib", {}).get("minutes", "-")
        print(f"{path.name:45} {found.reading:6.0f} {found.looking:6.0f} {found.tasks:6.0f} "
              f"{found.total:6d} {stated!s:>7}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
