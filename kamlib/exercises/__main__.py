"""Command line for instructors: ``python -m kamlib.exercises {release,check-release,batch}``.

Exit codes: 0 success, 1 problems found (out-of-date release, leaks), 2 bad input.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kamlib.exercises import release as releasing
from kamlib.validation import KamValueError


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m kamlib.exercises",
        description="Release learner versions of the exercises and check submissions.",
        epilog="Default folders are those of the course repository, whatever the working folder.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    folders = argparse.ArgumentParser(add_help=False)
    folders.add_argument(
        "--source",
        type=Path,
        default=releasing.SOURCE_DIR,
        help="instructor notebooks with solutions (default: %(default)s)",
    )
    folders.add_argument(
        "--release",
        type=Path,
        default=releasing.RELEASE_DIR,
        help="learner notebooks generated from them (default: %(default)s)",
    )
    commands.add_parser(
        "release",
        parents=[folders],
        help="write the learner notebooks, then scan them for leaked solutions",
    )
    commands.add_parser(
        "check-release",
        parents=[folders],
        help="fail if the release is out of date or leaks solutions, hidden tests or answers",
    )
    batch = commands.add_parser(
        "batch",
        help="run and check learner submissions; write scores.csv and scores.md",
        description="Submissions: SUBMISSIONS_DIR/<learner>/<notebook>.ipynb or "
        "SUBMISSIONS_DIR/<learner>_<notebook>.ipynb.",
    )
    batch.add_argument("submissions", type=Path, metavar="SUBMISSIONS_DIR")
    batch.add_argument(
        "--out",
        type=Path,
        required=True,
        metavar="RESULTS_DIR",
        help="folder for scores.csv and scores.md",
    )
    batch.add_argument(
        "--timeout", type=float, default=120, help="seconds one cell may run (default: %(default)s)"
    )
    batch.add_argument(
        "--tasks",
        action="append",
        default=[],
        metavar="MODULE_OR_FILE",
        help="extra task checks to load (repeatable)",
    )
    return parser


def _report(problems: list, ok: str) -> int:
    for problem in problems:
        print(problem)
    print(f"{len(problems)} problem(s) found." if problems else ok)
    return 1 if problems else 0


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args = _parser().parse_args(argv)
    try:
        if args.command == "release":
            written = releasing.release(args.source, args.release)
            print(f"wrote {len(written)} notebook(s) to {args.release}")
            return _report(releasing.leak_scan(args.release, args.source), "no leaks found.")
        if args.command == "check-release":
            problems = releasing.check_release_up_to_date(args.source, args.release)
            problems += releasing.leak_scan(args.release, args.source)
            return _report(problems, "the release is up to date and leaks nothing.")
        from kamlib.exercises.batch import grade_folder  # papermill: only needed here

        table = grade_folder(args.submissions, args.out, args.timeout, tuple(args.tasks))
        print(f"checked {len(table)} learner(s); scores in {args.out / 'scores.csv'}")
        return 0
    except KamValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
