"""Click-to-pixels: how long a learner waits, in a real browser, for each widget to respond.

Starts one JupyterLab (all state in a temporary folder), opens each presenter notebook
(``presenter/*.ipynb``: every widget of the lectures) in headless Chromium at 1366x768,
runs it, then for each widget does one learner action (``tests/browser/widget_actions.py``)
several times and measures from the action to the changed chart (or text). Prints a table
of medians against the goal of 200 ms; a benchmark, not an assertion (exit 0 either way).

``--against REF`` (a git commit, e.g. ``main``) measures that commit's kamlib too, in a
second kernel of the same server and a second page, alternating the two action by action,
so that both see the same load on a shared machine; the table then gives the ratio
(this tree / REF): below 1 is faster.

Run ``python benchmarks/bench_browser_widgets.py [--rounds N] [--against REF]``
(needs /usr/bin/chromium).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests" / "browser"))

import lab_server  # noqa: E402
import widget_actions  # noqa: E402

GOAL_MS = 200.0
TIMEOUT_MS = 20_000
BEFORE_KERNEL = "kam-before"
BEFORE_IDLE = "Python 3 (before) | Idle"


def _extract(ref: str, into: Path) -> Path:
    """kamlib and the case data of commit ``ref``, unpacked into ``into`` (no checkout)."""
    archive = subprocess.run(["git", "-C", str(REPO), "archive", ref, "kamlib", "datasets"],
                             check=True, capture_output=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into


def _before_kernel(base: Path, ref: str) -> None:
    """A kernel spec whose Python imports kamlib from ``ref`` (in the server's data dir)."""
    code = _extract(ref, base / "before")
    spec = base / "jupyter_data_dir" / "kernels" / BEFORE_KERNEL
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "Python 3 (before)", "language": "python",
        "env": {"PYTHONPATH": str(code)},
    }))


def _before_copy(notebook: Path, base: Path) -> Path:
    """``notebook`` set to run on the before kernel."""
    data = json.loads(notebook.read_text(encoding="utf-8"))
    data["metadata"]["kernelspec"] = {"name": BEFORE_KERNEL, "display_name": "Python 3 (before)",
                                      "language": "python"}
    copy = base / "copies" / f"before_{notebook.name}"
    copy.parent.mkdir(exist_ok=True)
    copy.write_text(json.dumps(data), encoding="utf-8")
    return copy


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--against", metavar="REF", help="a git commit to compare with")
    args = parser.parse_args(argv)
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    base = Path(tempfile.mkdtemp(prefix="kam-bench-browser-"))
    notebooks = [widget_actions.PRESENTER / name for name in widget_actions.WIDGETS]
    if args.against:
        _before_kernel(base, args.against)
        notebooks += [_before_copy(notebook, base) for notebook in notebooks]
    sides = ["after", "before"] if args.against else ["after"]
    results: dict[str, dict[str, list[float]]] = {}
    with lab_server.serve(base, notebooks) as server, \
            lab_server.chromium(pages=len(sides)) as opened:
        pages = dict(zip(sides, opened if args.against else [opened], strict=True))
        for notebook, names in widget_actions.WIDGETS.items():
            for side, page in pages.items():
                name = notebook if side == "after" else f"before_{notebook}"
                idle = lab_server.IDLE if side == "after" else BEFORE_IDLE
                lab_server.open_notebook(page, server, name, idle=idle)
                lab_server.run_all(page, len(names), idle=idle)
            for action in (a for a in widget_actions.ACTIONS if a.notebook == notebook):
                print(f"measuring {action.widget} ...", file=sys.stderr, flush=True)
                areas = {side: widget_actions.widget_area(page, action)
                         for side, page in pages.items()}
                times = results.setdefault(action.widget, {side: [] for side in sides})
                try:
                    for area in areas.values():
                        area.scroll_into_view_if_needed()
                        widget_actions.act_and_wait(area, action, 0, TIMEOUT_MS)  # warm-up
                    for round_ in range(1, args.rounds + 1):
                        order = sides if round_ % 2 else sides[::-1]  # alternate the first
                        for side in order:
                            seconds = widget_actions.act_and_wait(areas[side], action, round_,
                                                                  TIMEOUT_MS)
                            times[side].append(seconds * 1000)
                except PlaywrightTimeout:  # a busy machine: say so, measure the others
                    print(f"  {action.widget}: no change within {TIMEOUT_MS / 1000:.0f} s",
                          file=sys.stderr)
    _print(results, args)
    return 0


def _print(results: dict[str, dict[str, list[float]]], args: argparse.Namespace) -> None:
    if args.against:
        print(f"{'widget':<20} {args.against + ' (ms)':>14} {'this tree (ms)':>15} {'ratio':>6}"
              f"  goal {GOAL_MS:.0f} ms")
    else:
        print(f"{'widget':<20} {'median':>8} {'min':>7} {'max':>7}  goal {GOAL_MS:.0f} ms")
    for widget, times in results.items():
        if not all(times.values()):
            print(f"{widget:<20} (not measured: it did not respond in time)")
            continue
        after = statistics.median(times["after"])
        verdict = "ok" if after <= GOAL_MS else "over"
        if args.against:
            before = statistics.median(times["before"])
            print(f"{widget:<20} {before:14.0f} {after:15.0f} {after / before:6.2f}  {verdict}")
        else:
            print(f"{widget:<20} {after:6.0f} ms {min(times['after']):5.0f} "
                  f"{max(times['after']):7.0f}  {verdict}")
    print(f"({args.rounds} rounds each after a warm-up; {os.cpu_count()} CPUs, "
          f"load {os.getloadavg()[0]:.1f})")


if __name__ == "__main__":
    sys.exit(main())
