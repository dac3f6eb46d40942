"""The README's course map, written from the notebooks themselves (:mod:`kamlib.course`).

    python tools/course_map.py          # rewrite the table between the README's markers
    python tools/course_map.py check    # exit 1 if the README's table is out of date

The start-here notebook shows the same map when it runs (links in the learner's language);
the README holds a copy for readers who have not installed the course, and a test fails when
that copy no longer matches the notebooks' titles and minutes.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kamlib.course import course_map_markdown

REPO = Path(__file__).resolve().parent.parent
README = REPO / "README.md"
BEGIN = "<!-- course map: written by tools/course_map.py from the notebooks -->"
END = "<!-- end of the course map -->"


def table() -> str:
    """The course map as the README shows it: English, links from the course folder."""
    return course_map_markdown("en", folder=REPO, relative_to="course", mark_missing=False)


def with_map(text: str) -> str:
    """``text`` (the README) with the course map between its markers brought up to date.

    Raises
    ------
    SystemExit
        If the markers are missing or out of order.
    """
    start, end = text.find(BEGIN), text.find(END)
    if start < 0 or end < start:
        raise SystemExit(f"README.md needs the lines {BEGIN!r} and {END!r} around the map")
    return text[: start + len(BEGIN)] + "\n" + table() + text[end:]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("command", nargs="?", choices=("write", "check"), default="write")
    parser.add_argument("--readme", type=Path, default=README)
    args = parser.parse_args(argv)
    text = args.readme.read_text(encoding="utf-8")
    fresh = with_map(text)
    if args.command == "check":
        if fresh != text:
            print(f"{args.readme}: the course map is out of date; run python tools/course_map.py")
            return 1
        return 0
    if fresh != text:
        args.readme.write_text(fresh, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
