"""How long a notebook takes a learner: reading, looking at results, and tasks.

    python tools/lecture_time.py            # a table for every course notebook
    python tools/lecture_time.py NOTEBOOK   # the same for one

The estimate is the course's own rule, stated here so that a trainer can check it:

- reading: the English words of the markdown cells at 130 words a minute (careful reading of
  training material, often in a second language; code blocks not counted);
- looking: half a minute for every code cell that shows something (a table, a chart, a
  widget), not counting the parameters cell;
- tasks: the minutes each task cell declares in its metadata, ``{"kamlib": {"minutes": N}}``
  (a "your turn" widget, a self-check set, an exercise task).

A notebook states its total in its metadata (``kamlib.minutes``) and in its overview; a test
checks both against this estimate, rounded to the nearest 5 minutes.
"""

from __future__ import annotations

import argparse
import math
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import nbformat

REPO = Path(__file__).resolve().parent.parent
WORDS_PER_MINUTE = 130
MINUTES_PER_SHOWN_RESULT = 0.5
_FENCED = re.compile(r"```.*?```", re.S)
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’.-]*")


@dataclass(frozen=True)
class Estimate:
    """Minutes a learner needs for one notebook, by kind."""

    reading: float
    looking: float
    tasks: float

    @property
    def total(self) -> int:
        """The whole, rounded to the nearest 5 minutes (at least 5)."""
        return max(5, int(5 * math.floor((self.reading + self.looking + self.tasks) / 5 + 0.5)))


def estimate(path: Path) -> Estimate:
    """The time :data:`WORDS_PER_MINUTE` and the cells' declared task minutes give."""
    nb = nbformat.read(path, as_version=4)
    words = 0
    shown = 0
    tasks = 0.0
    for cell in nb.cells:
        declared = cell.metadata.get("kamlib", {}).get("minutes", 0)
        tasks += float(declared)
        if cell.cell_type == "markdown":
            words += len(_WORD.findall(_FENCED.sub("", cell.source)))
        elif cell.cell_type == "code" and "parameters" not in cell.metadata.get("tags", []):
            shown += 1 if not declared else 0
    return Estimate(words / WORDS_PER_MINUTE, shown * MINUTES_PER_SHOWN_RESULT, tasks)


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
        stated = nbformat.read(path, as_version=4).metadata.get("kamlib", {}).get("minutes", "-")
        print(f"{path.name:45} {found.reading:6.0f} {found.looking:6.0f} {found.tasks:6.0f} "
              f"{found.total:6d} {stated!s:>7}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
