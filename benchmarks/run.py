"""Run the course's benchmarks and print one table (``make benchmarks``).

    python benchmarks/run.py                 # every bench_*.py in this folder
    python benchmarks/run.py domain widgets  # only bench_domain.py and bench_widgets.py
    python benchmarks/run.py -k import       # only benchmarks whose name contains "import"
    python benchmarks/run.py --quick         # small data: a smoke test, targets not judged

Each row is printed as soon as its benchmark ends. Exit status 1 when a target is missed
or a benchmark fails (for example because our answer and the baseline's differ).
How to write a benchmark: docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import importlib
import inspect
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:  # the bench modules import each other and harness by name
    sys.path.insert(0, str(HERE))

from harness import COLUMNS, Measure, Skip, error_row, machine, row  # noqa: E402

Result = Measure | list[Measure]


def areas() -> list[str]:
    """The benchmark modules' areas: ``bench_domain.py`` is ``domain``."""
    return sorted(path.stem.removeprefix("bench_") for path in HERE.glob("bench_*.py"))


def benchmarks(area: str) -> Iterator[tuple[str, Callable[..., Result]]]:
    """The ``bench_*`` functions of one area, in the order they are written."""
    module = importlib.import_module(f"bench_{area}")
    functions = [
        (name, function) for name, function in vars(module).items()
        if name.startswith("bench_") and inspect.isfunction(function)
        and function.__module__ == module.__name__
    ]
    yield from sorted(functions, key=lambda item: item[1].__code__.co_firstlineno)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("areas", nargs="*", metavar="AREA", help=f"one of {', '.join(areas())}")
    parser.add_argument("-k", dest="keyword", default="", help="only names containing this")
    parser.add_argument("--quick", action="store_true",
                        help="small data: check that every benchmark runs, judge no target")
    args = parser.parse_args(argv)
    unknown = sorted(set(args.areas) - set(areas()))
    if unknown:
        parser.error(f"no benchmarks/bench_{unknown[0]}.py; areas: {', '.join(areas())}")

    print(COLUMNS, flush=True)
    failed = ran = 0
    for area in args.areas or areas():
        try:
            found = list(benchmarks(area))
        except Exception as error:  # a module that does not import is one failed row
            print(error_row(f"{area}: bench_{area}.py", error), flush=True)
            failed += 1
            continue
        for name, bench in found:
            if args.keyword not in name:
                continue
            ran += 1
            try:
                result = bench(quick=args.quick)
            except Exception as error:  # one broken benchmark must not hide the others
                print(error_row(f"{area}: {name}", error), flush=True)
                failed += not isinstance(error, Skip)
                continue
            for measure in result if isinstance(result, list) else [result]:
                print(row(measure, judged=not args.quick), flush=True)
                failed += not (args.quick or measure.met)
    print(f"({ran} benchmark{'s' * (ran != 1)}{', quick' if args.quick else ''}; {machine()})")
    if ran == 0:
        print("no benchmark matched")
        return 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
