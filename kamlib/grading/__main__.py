"""The instructor's command line: ``python -m kamlib.grading COMMAND`` (see ``--help``).

Exit codes: 0 success, 1 problems found (an out-of-date release, a leak), 2 bad input.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kamlib.grading import release as releasing
from kamlib.i18n import _
from kamlib.validation import KamValueError


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m kamlib.grading",
        description="Release the exercises and the learner bundle; grade submissions; "
                    "show the class's work.",
        epilog="Default folders are those of the course repository, whatever the working "
               "folder. The instructor guide (docs/instructor_guide.md) has the whole workflow.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    folders = argparse.ArgumentParser(add_help=False)
    folders.add_argument("--source", type=Path, default=releasing.SOURCE_DIR,
                         help="instructor notebooks with solutions (default: %(default)s)")
    folders.add_argument("--release", type=Path, default=releasing.RELEASE_DIR,
                         help="learner notebooks generated from them (default: %(default)s)")
    release = commands.add_parser(
        "release", parents=[folders],
        help="write the learner notebooks, the answer key and the learner bundle; scan them")
    from kamlib.grading.bundle import BUNDLE_DIR

    release.add_argument("--bundle", type=Path, default=BUNDLE_DIR,
                         help="learner bundle folder (default: %(default)s)")
    release.add_argument("--no-bundle", action="store_true",
                         help="write the notebooks and the answer key only")
    check = commands.add_parser(
        "check-release", parents=[folders],
        help="fail if the release or the answer key is out of date or leaks an answer")
    from kamlib.exercises.feedback import ANSWER_KEY_PATH

    for command in (release, check):
        command.add_argument("--answer-key", type=Path, default=ANSWER_KEY_PATH,
                             help="the repository's answer key (development secret; default: "
                                  "%(default)s)")
    batch = commands.add_parser(
        "batch", help="grade a folder of submissions (answers as data, code sandboxed)",
        description="SUBMISSIONS/<learner>/<exercise>.ipynb, SUBMISSIONS/<learner>/"
                    "workbook.json and optionally SUBMISSIONS/<learner>/submitted.json.")
    batch.add_argument("submissions", type=Path, metavar="SUBMISSIONS")
    batch.add_argument("--out", type=Path, required=True, metavar="RESULTS",
                       help="folder for the gradebook, feedback reports and marks sheet")
    batch.add_argument("--source", type=Path, default=releasing.SOURCE_DIR,
                       help="instructor notebooks (default: %(default)s)")
    batch.add_argument("--timeout", type=float, default=60,
                       help="seconds one cell may run before it is interrupted "
                            "(default: %(default)s)")
    batch.add_argument("--notebook-timeout", type=float, default=900,
                       help="seconds one notebook may run in all (default: %(default)s)")
    batch.add_argument("--memory", type=int, default=4096,
                       help="memory per process, MB (default: %(default)s)")
    batch.add_argument("--workers", type=int, default=2,
                       help="learners graded at the same time (default: %(default)s)")
    batch.add_argument("--sandbox", choices=("auto", "bubblewrap", "process"), default="auto",
                       help="how learner code runs (default: %(default)s: bubblewrap if it "
                            "works here, else the weaker 'process' mode, named in the report)")
    batch.add_argument("--run", choices=("auto", "always", "never"), default="auto",
                       help="run notebooks: only those with the learner's own code (auto), "
                            "all, or none (default: %(default)s)")
    gradebook = commands.add_parser(
        "gradebook", help="rebuild the gradebook and feedback reports after manual marking")
    gradebook.add_argument("results", type=Path, metavar="RESULTS")
    gradebook.add_argument("--source", type=Path, default=releasing.SOURCE_DIR)
    overview = commands.add_parser(
        "overview", help="one HTML page of how the class answered, for the projector")
    overview.add_argument("submissions", type=Path, metavar="SUBMISSIONS")
    overview.add_argument("--out", type=Path, required=True, metavar="FILE.html")
    overview.add_argument("--names", action="store_true",
                          help="show the learners' names (default: Learner 1, 2, ...)")
    commands.add_parser("sandbox", help="say which sandbox mode works on this machine")
    return parser


def _report(problems: list, ok: str) -> int:
    for problem in problems:
        print(problem)
    print(_("{n} problem(s) found.").format(n=len(problems)) if problems else ok)
    return 1 if problems else 0


def _release(args: argparse.Namespace) -> int:
    from kamlib.grading.keys import write_answer_key

    written = releasing.release(args.source, args.release)
    print(_("wrote {n} notebook(s) to {folder}").format(n=len(written), folder=args.release))
    print(_("wrote the answer key {path}").format(path=write_answer_key(args.answer_key)))
    problems = [str(leak) for leak in releasing.leak_scan(args.release, source_dir=args.source)]
    if not args.no_bundle:
        from kamlib.grading.bundle import scan_bundle, write_bundle

        bundle = write_bundle(args.bundle, release_dir=args.release)
        print(_("wrote the learner bundle {path}").format(path=bundle))
        problems += scan_bundle(bundle, source_dir=args.source)
    return _report(problems, _("no leaks found."))


def _check_release(args: argparse.Namespace) -> int:
    from kamlib.grading.keys import answer_key_problems

    problems = releasing.check_release_up_to_date(args.source, args.release)
    problems += answer_key_problems(args.answer_key)
    problems += [str(leak) for leak in releasing.leak_scan(args.release, source_dir=args.source)]
    return _report(problems, _("the release is up to date and leaks nothing."))


def _batch(args: argparse.Namespace) -> int:
    from kamlib.grading.batch import grade_folder
    from kamlib.grading.sandbox import Limits

    limits = Limits(cell_seconds=args.timeout, notebook_seconds=args.notebook_timeout,
                    memory_mb=args.memory)
    results = grade_folder(args.submissions, args.out, source_dir=args.source, limits=limits,
                           workers=args.workers, sandbox=args.sandbox, run=args.run)
    print(_("graded {n} learner(s): {csv}, {xlsx}, feedback in {feedback}, written answers to "
            "mark in {marks}, class overview {overview}").format(
        n=len(results), csv=args.out / "gradebook.csv", xlsx=args.out / "gradebook.xlsx",
        feedback=args.out / "feedback", marks=args.out / "manual_marks.csv",
        overview=args.out / "class_overview.html"))
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args = _parser().parse_args(argv)
    try:
        if args.command == "release":
            return _release(args)
        if args.command == "check-release":
            return _check_release(args)
        if args.command == "batch":
            return _batch(args)
        if args.command == "gradebook":
            from kamlib.grading.course import read_exercises
            from kamlib.grading.gradebook import write_gradebook
            from kamlib.grading.reports import write_all_feedback

            exercises = read_exercises(args.source)
            table = write_gradebook(args.results, exercises)
            write_all_feedback(args.results, exercises=exercises)
            print(_("rebuilt the gradebook of {n} learner(s) in {folder}").format(
                n=len(table), folder=args.results))
            return 0
        if args.command == "overview":
            from kamlib.grading.overview import write_overview

            path = write_overview(args.submissions, args.out, names=args.names)
            print(_("wrote {path}").format(path=path))
            return 0
        from kamlib.grading.sandbox import MODE_NOTES, choose_mode

        print(_(MODE_NOTES[choose_mode("auto")]))
        return 0
    except KamValueError as error:
        print(_("error: {error}").format(error=error), file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
