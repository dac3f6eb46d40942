"""The README's course map is the notebooks' own (tools/course_map.py, kamlib.course)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("course_map", REPO / "tools" / "course_map.py")
course_map = importlib.util.module_from_spec(_spec)
sys.modules["course_map"] = course_map
_spec.loader.exec_module(course_map)


def test_the_readme_map_matches_the_notebooks() -> None:
    assert course_map.main(["check"]) == 0, (
        "README.md's course map is out of date: run python tools/course_map.py")


def test_a_stale_map_is_found_and_rewritten(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    stale = (REPO / "README.md").read_text(encoding="utf-8").replace(
        "| Start here · 从这里开始 | ", "| Start here · 从这里开始 | 1", 1)
    readme.write_text(stale, encoding="utf-8")
    assert course_map.main(["check", "--readme", str(readme)]) == 1
    assert course_map.main(["write", "--readme", str(readme)]) == 0
    assert course_map.main(["check", "--readme", str(readme)]) == 0
    assert readme.read_text(encoding="utf-8") == (REPO / "README.md").read_text(encoding="utf-8")


def test_a_readme_without_the_markers_is_refused() -> None:
    with pytest.raises(SystemExit, match="needs the lines"):
        course_map.with_map("# A README\n")
