"""Speed of the learner's workbook store: one save, and kernels saving to one section at once.

1. ``Workbook.set`` on a workbook of 30 sections (what a learner has after the course): the
   lock, re-reading the file, the revision check, the atomic write with ``fsync``, the clean-up
   of stale temporary files. Baseline, timed in the same run on the same data: ``json.dump``
   straight into the file (no lock, no fsync, no atomic replace: what loses work when two
   writers meet or the machine stops). Target: one save <= 25 ms (a widget saves on each
   change; the learner must not feel it), shown with the ratio to the baseline.
2. Four processes each add 25 entries to the *same* section (two tabs and two kernels on one
   SWOT board) with ``Workbook.update``, which saves with the revision it read and merges
   on a conflict. Shows the saves that met another kernel's save (merged), and the entries
   lost, which must be 0.

Run with the others: ``python benchmarks/run.py`` (or ``run.py workbook``). Everything
happens in a throw-away folder.
"""

from __future__ import annotations

import json
import multiprocessing
import sys
import tempfile
import time
from pathlib import Path

from harness import Measure, median_of

from kamlib.workbook import Workbook

SECTIONS = 30
ROUNDS, QUICK_ROUNDS = 200, 5
PROCESSES = 4
ENTRIES, QUICK_ENTRIES = 25, 3
TARGET_MS = 25.0


def typical_workbook() -> dict:
    """30 sections shaped like the widgets' (a SWOT board, quiz answers, tables)."""
    board = {"title": "AC007", "swot": {q: [{"text": f"{q} item {n} 交货快", "weight": 3}
                                            for n in range(6)]
                                        for q in ("strengths", "weaknesses", "opportunities",
                                                  "threats")}}
    sections = {f"quiz/l1-q{n}": {"selected": ["80%"], "checked": True, "correct": True}
                for n in range(20)}
    sections |= {f"swot/AC00{n}": board for n in range(5)}
    sections |= {f"table/{n}": {"units": [{"name": f"PL0{k}", "growth": 3.5, "share": 1.2}
                                          for k in range(12)]} for n in range(5)}
    return dict(list(sections.items())[:SECTIONS])


def bench_workbook_save(quick: bool = False) -> Measure:
    rounds = QUICK_ROUNDS if quick else ROUNDS
    with tempfile.TemporaryDirectory(prefix="kam-bench-") as scratch:
        folder = Path(scratch)
        data = typical_workbook()
        book = Workbook(folder / "learner.json")
        for section, value in data.items():
            book.set(section, value)
        ours, _ = median_of(lambda step: book.set("quiz/l1-q0", {"selected": [str(step)]}),
                            rounds)
        plain = folder / "plain.json"

        def naive(step: int) -> None:
            data["quiz/l1-q0"] = {"selected": [str(step)]}
            with open(plain, "w", encoding="utf-8") as stream:
                json.dump(data, stream, ensure_ascii=False, indent=2)

        baseline, _ = median_of(naive, rounds)
        size = (folder / "learner.json").stat().st_size
    return Measure(f"Workbook.set, {SECTIONS} sections", ours * 1000, TARGET_MS, "ms",
                   detail=f"naive json.dump {baseline * 1000:.2f} ms ({ours / baseline:.1f}x); "
                          f"{size:,} bytes; {1 / ours:.0f} saves/s")


def add_entries(path: str, name: str, entries: int, start, results) -> None:
    """One kernel: add ``entries`` entries to the shared section, counting the conflicts met."""
    book, revisions = Workbook(path), []
    start.wait()
    for step in range(entries):
        before = book.load("swot").revision
        entry = f"{name}-{step}"
        saved = book.update("swot", lambda entries, new=entry: (entries or []) + [new])
        revisions.append(saved.revision - before - 1)  # saves by others in between
    results.put(sum(1 for others in revisions if others > 0))


def bench_workbook_kernels_at_once(quick: bool = False) -> Measure:
    entries = QUICK_ENTRIES if quick else ENTRIES
    with tempfile.TemporaryDirectory(prefix="kam-bench-") as scratch:
        path = Path(scratch) / "shared.json"
        context = multiprocessing.get_context("spawn")  # a fresh interpreter, as a kernel is
        start, results = context.Barrier(PROCESSES), context.Queue()
        processes = [context.Process(target=add_entries,
                                     args=(str(path), f"k{n}", entries, start, results))
                     for n in range(PROCESSES)]
        for process in processes:
            process.start()
        began = time.perf_counter()
        conflicts = sum(results.get(timeout=300) for _ in processes)
        elapsed = time.perf_counter() - began
        for process in processes:
            process.join()
        saved = Workbook(path).get("swot")
    expected = {f"k{n}-{s}" for n in range(PROCESSES) for s in range(entries)}
    saves = PROCESSES * entries
    return Measure(f"{PROCESSES} kernels x {entries} entries, one section: lost",
                   len(expected - set(saved)), 0, "lost",
                   detail=f"{saves} saves in {elapsed:.2f} s ({saves / elapsed:.0f} saves/s); "
                          f"{conflicts} met another save and merged")


if __name__ == "__main__":
    from run import main

    sys.exit(main(["workbook", *sys.argv[1:]]))
