"""Click-to-pixels: how long a learner waits, in a real browser, for each widget to respond.

Starts one JupyterLab (all state in a temporary folder), opens each presenter notebook
(``presenter/*.ipynb``: every widget of the lectures) in headless Chromium at 1366x768,
runs it, then for each widget does one learner action (``tests/browser/widget_actions.py``)
several times and measures from the action to the changed chart (or text). Prints a table
of medians against the goal of 200 ms; a benchmark, not an assertion (exit 0 either way).

Run ``python benchmarks/bench_browser_widgets.py [ROUNDS]`` (needs /usr/bin/chromium).
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests" / "browser"))

import lab_server  # noqa: E402
import widget_actions  # noqa: E402

GOAL_MS = 200.0


def main(rounds: int = 7) -> int:
    base = Path(tempfile.mkdtemp(prefix="kam-bench-browser-"))
    notebooks = [widget_actions.PRESENTER / name for name in widget_actions.WIDGETS]
    results: list[tuple[str, list[float]]] = []
    with lab_server.serve(base, notebooks) as server, lab_server.chromium() as page:
        for notebook, names in widget_actions.WIDGETS.items():
            lab_server.open_notebook(page, server, notebook)
            lab_server.run_all(page, len(names))
            for action in (a for a in widget_actions.ACTIONS if a.notebook == notebook):
                area = widget_actions.widget_area(page, action)
                area.scroll_into_view_if_needed()
                widget_actions.act_and_wait(area, action, 0)  # warm-up
                times = [widget_actions.act_and_wait(area, action, r) * 1000
                         for r in range(1, rounds + 1)]
                results.append((action.widget, times))
    print(f"{'widget':<20} {'median':>8} {'min':>7} {'max':>7}  goal {GOAL_MS:.0f} ms")
    for name, times in results:
        median = statistics.median(times)
        verdict = "ok" if median <= GOAL_MS else "over"
        print(f"{name:<20} {median:6.0f} ms {min(times):5.0f} {max(times):7.0f}  {verdict}")
    load = os.getloadavg()[0]
    print(f"({rounds} rounds each after a warm-up; {os.cpu_count()} CPUs, load {load:.1f})")
    return 0


if __name__ == "__main__":
    sys.exit(main(*(int(a) for a in sys.argv[1:2])))
