"""Speed of the learner's workbook store: one save, and kernels saving to one section at once.

1. ``Workbook.set`` on a workbook of 30 sections (what a learner has after the course): the
   lock, re-reading the file, the revision check, the atomic write with ``fsync``, the clean-up
   of stale temporary files. Baseline, timed in the same run on the same data: ``json.dump``
   straight into the file (no lock, no fsync, no atomic replace: what loses work when two
   writers meet or the machine stops). Target: one save <= 25 ms (a widget saves on each
   change; the learner must not feel it), printed with the ratio to the baseline.
2. Four processes each add 25 entries to the *same* section (two tabs and two kernels on one
   SWOT board) with ``Workbook.update``, which saves with the revision it read and merges
   on a conflict. Prints the saves that met another kernel's save (merged), and the entries
   lost, which must be 0.

Run ``python benchmarks/bench_workbook.py``; it exits 1 if a target is missed or an entry is
lost. Everything happens in a throw-away folder.
"""

from __future__ import annotations

import json
import multiprocessing
import statistics
import sys
import tempfile
import time
from pathlib import Path

from kamlib.workbook import Workbook

SECTIONS = 30
ROUNDS = 200
PROCESSES = 4
ENTRIES = 25
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


def median_ms(save, rounds: int = ROUNDS) -> float:
    times = []
    for step in range(rounds):
        start = time.perf_counter()
        save(step)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def bench_one_save(folder: Path) -> tuple[float, float, int]:
    data = typical_workbook()
    book = Workbook(folder / "learner.json")
    for section, value in data.items():
        book.set(section, value)
    ours = median_ms(lambda step: book.set("quiz/l1-q0", {"selected": [str(step)]}))
    plain = folder / "plain.json"

    def naive(step: int) -> None:
        data["quiz/l1-q0"] = {"selected": [str(step)]}
        with open(plain, "w", encoding="utf-8") as stream:
            json.dump(data, stream, ensure_ascii=False, indent=2)

    baseline = median_ms(naive)
    return ours, baseline, (folder / "learner.json").stat().st_size


def add_entries(path: str, name: str, start, results) -> None:
    """One kernel: add ENTRIES entries to the shared section, counting the conflicts met."""
    book, revisions = Workbook(path), []
    start.wait()
    for step in range(ENTRIES):
        before = book.load("swot").revision
        entry = f"{name}-{step}"
        saved = book.update("swot", lambda entries, new=entry: (entries or []) + [new])
        revisions.append(saved.revision - before - 1)  # saves by others in between
    results.put(sum(1 for others in revisions if others > 0))


def bench_concurrent(folder: Path) -> tuple[float, int, int]:
    path = folder / "shared.json"
    context = multiprocessing.get_context("spawn")
    start, results = context.Barrier(PROCESSES), context.Queue()
    processes = [context.Process(target=add_entries, args=(str(path), f"k{n}", start, results))
                 for n in range(PROCESSES)]
    for process in processes:
        process.start()
    began = time.perf_counter()
    conflicts = sum(results.get(timeout=300) for _ in processes)
    elapsed = time.perf_counter() - began
    for process in processes:
        process.join()
    saved = Workbook(path).get("swot")
    expected = {f"k{n}-{s}" for n in range(PROCESSES) for s in range(ENTRIES)}
    lost = len(expected - set(saved))
    return elapsed, conflicts, lost


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        ours, baseline, size = bench_one_save(Path(folder))
        elapsed, conflicts, lost = bench_concurrent(Path(folder))
    saves = PROCESSES * ENTRIES
    print(f"1. one save, {SECTIONS} sections ({size:,} bytes): {ours:.2f} ms median "
          f"(target <= {TARGET_MS:.0f} ms); naive json.dump {baseline:.2f} ms; "
          f"ratio {ours / baseline:.1f}x; {1000 / ours:.0f} saves/s")
    print(f"2. {PROCESSES} processes x {ENTRIES} entries on one section: {saves} saves in "
          f"{elapsed:.2f} s ({saves / elapsed:.0f} saves/s), {conflicts} met another save "
          f"and merged, "
          f"{lost} entries lost (target 0)")
    return 0 if ours <= TARGET_MS and lost == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
