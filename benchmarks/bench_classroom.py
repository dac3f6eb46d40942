"""A class on one machine: N learners (default 30) on the classroom hub (issue 16).

Each learner signs in through the hub, gets their server, runs the start-here notebook and
lecture 1 through the kernel protocol and moves sliders, as :mod:`classroom.simulation`
describes. The first learner goes alone (the baseline of this run); the others then arrive
``--arrival`` seconds apart. Prints the time to get a server, the memory of each learner's
processes and the widget round trips, each beside its goal and the lone learner's figure:

- no learner fails;
- at most 300 MB per learner (their server and kernels), as PSS: each page counted once on
  the machine, a page that several learners' processes share divided among them (RSS counts
  pandas', matplotlib's and Python's libraries in full for every learner; it is printed too,
  as is the growth of the machine's memory in use per learner);
- p95 of a widget update round trip under 1 s.

Run as root (it creates and removes throw-away system users):
``sudo make bench-classroom LEARNERS=30`` or
``.venv/bin/python benchmarks/bench_classroom.py --learners 30``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from classroom import simulation  # noqa: E402

MEMORY_GOAL_MB = 300
ROUND_TRIP_GOAL_S = 1.0


def report(result: simulation.ClassRun) -> list[str]:
    """The benchmark's lines: each figure, its goal, and the ratio to the lone learner."""
    f = result.figures()
    alone_trip = f["round_trip_alone_p50_s"]
    return [
        f"learners: {f['learners']}, failures: {f['failures']} (goal 0)",
        *(f"  failed: {line}" for line in result.failures),
        f"time to a server: p50 {f['server_p50_s']:.1f} s, p95 {f['server_p95_s']:.1f} s, "
        f"max {f['server_max_s']:.1f} s",
        f"lecture 1, all cells: p50 {f['lecture1_p50_s']:.1f} s, p95 {f['lecture1_p95_s']:.1f} s",
        f"widget round trip ({f['round_trips']} moves): p50 {f['round_trip_p50_s']:.3f} s, "
        f"p95 {f['round_trip_p95_s']:.3f} s (goal < {ROUND_TRIP_GOAL_S} s: ratio "
        f"{f['round_trip_p95_s'] / ROUND_TRIP_GOAL_S:.2f}); alone p50 {alone_trip:.3f} s "
        f"(class p95 / alone p50 = {f['round_trip_p95_s'] / alone_trip:.1f})",
        f"  while the class was arriving ({f['round_trips_while_arriving']} moves): p95 "
        f"{f['round_trip_while_arriving_p95_s']:.3f} s; after the last learner's lecture 1 "
        f"had run ({f['round_trips_after_arrival']} moves): p95 "
        f"{f['round_trip_after_arrival_p95_s']:.3f} s",
        f"memory per learner (server + lecture 1 kernel), PSS: mean {f['pss_mean_mb']:.0f} MB, "
        f"max {f['pss_max_mb']:.0f} MB (goal <= {MEMORY_GOAL_MB} MB: ratio "
        f"{f['pss_max_mb'] / MEMORY_GOAL_MB:.2f}); the machine's memory in use grew by "
        f"{f['machine_mb_per_learner']:.0f} MB per learner",
        f"  RSS (every shared library counted again for each learner): mean "
        f"{f['rss_mean_mb']:.0f} MB, max {f['rss_max_mb']:.0f} MB; "
        f"alone {f['rss_alone_mb']:.0f} MB",
        f"whole run: {f['wall_s']:.0f} s",
    ]


def main(argv: list[str] | None = None) -> int:
    """Run the class; print the figures (and JSON with --json); exit 1 if a learner failed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=30)
    parser.add_argument("--arrival", type=float, default=2.0,
                        help="seconds between two learners arriving (default: %(default)s)")
    parser.add_argument("--moves", type=int, default=6,
                        help="slider moves per learner in lecture 1 (default: %(default)s)")
    parser.add_argument("--think", type=float, nargs=2, default=(2.0, 6.0),
                        metavar=("MIN", "MAX"), help="seconds before each move (default: 2 6)")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    args = parser.parse_args(argv)
    if os.geteuid() != 0:
        print("The class simulation creates system users: run it as root.", file=sys.stderr)
        return 2
    print(f"Starting a classroom for {args.learners} learners ...", flush=True)
    with simulation.running_classroom(args.learners) as room:
        result = simulation.simulate(room, arrival_s=args.arrival, moves=args.moves,
                                     think=tuple(args.think))
    print("\n".join(report(result)))
    if args.json:
        args.json.write_text(json.dumps(result.figures(), indent=1), encoding="utf-8")
    return 1 if result.failures else 0


if __name__ == "__main__":
    sys.exit(main())
