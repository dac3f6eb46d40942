"""The course map (kamlib.course): read from the notebooks, right whatever notebooks there are."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest

from kamlib import course
from kamlib.validation import KamValueError

REPO = Path(__file__).resolve().parent.parent


def _notebook(path: Path, title: str, *, minutes: int | None = None, words: int = 130,
              tasks: tuple[int, ...] = (), instructor: int = 0) -> Path:
    """A notebook titled ``title`` with ``words`` words of prose, one task cell per entry of
    ``tasks`` and ``instructor`` cells a learner never sees."""
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell(f"# {title}\n\n" + "word " * words)]
    nb.cells += [nbformat.v4.new_code_cell("Widget()", metadata={"kamlib": {"minutes": n}})
                 for n in tasks]
    nb.cells += [nbformat.v4.new_markdown_cell("model answer " * 500,
                                               metadata={"tags": ["instructor"]})
                 for _ in range(instructor)]
    if minutes is not None:
        nb.metadata["kamlib"] = {"minutes": minutes}
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return path


@pytest.fixture
def small_course(tmp_path: Path) -> Path:
    """A course as the learner bundle lays it out: notebooks/ and exercises/ side by side."""
    root = tmp_path / "course"
    _notebook(root / "notebooks" / course.START_HERE, "Start here · 从这里开始", minutes=15)
    _notebook(root / "notebooks" / "01_first.ipynb", "Lecture 1: First (第一讲)", minutes=40)
    _notebook(root / "notebooks" / "zh" / "01_first.ipynb", "第一讲：第一", minutes=40)
    _notebook(root / "notebooks" / "02_second.ipynb", "Lecture 2: Second", words=1300,
              tasks=(8,))
    _notebook(root / "exercises" / "capstone_plan.ipynb", "Capstone", minutes=60)
    _notebook(root / "exercises" / "exercise_1.ipynb", "Exercise 1", minutes=45)
    return root


def test_the_time_rule_counts_what_a_learner_reads_sees_and_does(tmp_path: Path) -> None:
    path = _notebook(tmp_path / "n.ipynb", "T", words=1299, tasks=(8, 2), instructor=3)
    found = course.estimate(path)
    assert found.reading == 1300 / course.WORDS_PER_MINUTE  # the title counts too
    assert found.tasks == 10 and found.looking == 0  # task cells count as their task
    assert found.total == 20  # the instructor's model answers are not counted


def test_a_file_that_is_not_a_notebook_is_named(tmp_path: Path) -> None:
    (tmp_path / "x.ipynb").write_text("{not json", encoding="utf-8")
    for bad in (tmp_path / "x.ipynb", tmp_path / "missing.ipynb", 42):
        with pytest.raises(KamValueError, match="path"):
            course.estimate(bad)


def test_the_course_folder_is_found_beside_kamlib_or_the_running_notebook(
    small_course: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv(course.SESSION_VARIABLE, raising=False)
    assert course.course_folder() == REPO
    monkeypatch.setenv(course.SESSION_VARIABLE,
                       str(small_course / "notebooks" / course.START_HERE))
    assert course.course_folder() == small_course  # a classroom server: kamlib installed
    assert course.course_folder(small_course) == small_course
    with pytest.raises(KamValueError, match="folder: got .*expected a course folder"):
        course.course_folder(tmp_path / "nowhere")


def test_the_map_lists_lectures_then_exercises_with_the_minutes_they_state(
    small_course: Path,
) -> None:
    found = course.course_notebooks(small_course)
    assert [n.path for n in found] == [
        "notebooks/00_start_here.ipynb", "notebooks/01_first.ipynb",
        "notebooks/02_second.ipynb", "exercises/exercise_1.ipynb",
        "exercises/capstone_plan.ipynb",  # the capstone comes last
    ]
    assert [n.kind for n in found] == ["start", "lecture", "lecture", "exercise", "exercise"]
    assert [n.minutes for n in found] == [15, 40, 20, 45, 60]  # 02 states none: 10 + 8 + 0.5
    first = found[1]
    assert first.title == "Lecture 1: First (第一讲)" and first.title_zh == "第一讲：第一"
    assert first.chinese == "notebooks/zh/01_first.ipynb" and first.chinese_exists
    assert not found[2].chinese_exists and found[2].title_zh is None
    table = course.course_map(small_course)
    assert table["minutes"].sum() == 180 and list(table["path"]) == [n.path for n in found]


def test_the_map_links_each_edition_from_the_start_here_notebook(small_course: Path) -> None:
    text = course.course_map_markdown("en", folder=small_course)
    lines = text.splitlines()
    assert lines[0] == "| Notebook | Minutes | English edition | Chinese edition (中文版) |"
    assert ("| Lecture 1: First (第一讲) | 40 | [01_first.ipynb](01_first.ipynb) | "
            "[zh/01_first.ipynb](zh/01_first.ipynb) |") in lines
    assert "`zh/02_second.ipynb` (not written yet)" in text  # no dead link for a learner
    assert "[exercise_1.ipynb](../exercises/exercise_1.ipynb)" in text
    assert "The whole course: 180 minutes, about 3.0 hours." in text


def test_the_chinese_map_puts_the_chinese_edition_first(small_course: Path) -> None:
    text = course.course_map_markdown("zh", folder=small_course)
    assert text.splitlines()[0] == "| 笔记本 | 分钟 | 中文版 | 英文版 |"
    assert "| 第一讲：第一 | 40 | [zh/01_first.ipynb](zh/01_first.ipynb) |" in text
    assert "（尚未生成）" in text and "整个课程：180 分钟" in text


def test_the_readme_map_links_from_the_course_folder_and_names_every_edition(
    small_course: Path,
) -> None:
    text = course.course_map_markdown("en", folder=small_course, relative_to="course",
                                      mark_missing=False)
    assert "[zh/02_second.ipynb](notebooks/zh/02_second.ipynb)" in text
    assert "[exercise_1.ipynb](exercises/exercise_1.ipynb)" in text


def test_bad_arguments_are_named(small_course: Path) -> None:
    for bad in ({"language": "fr"}, {"relative_to": "home"}, {"mark_missing": "yes"}):
        with pytest.raises(KamValueError, match=next(iter(bad))):
            course.course_map_markdown(**{"folder": small_course, **bad})


def test_a_learner_without_the_course_folder_reads_why(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(course, "_is_course_folder", lambda folder: False)
    assert course.course_map_markdown("en").startswith("The course map could not be read:")


def test_the_real_course_map_holds_every_notebook_with_its_stated_time() -> None:
    found = {n.path: n for n in course.course_notebooks(REPO)}
    for path in sorted(REPO.glob("notebooks/*.ipynb")):
        metadata = json.loads(path.read_text(encoding="utf-8"))["metadata"]
        stated = metadata.get("kamlib", {}).get("minutes")
        entry = found[path.relative_to(REPO).as_posix()]
        assert entry.minutes == (stated or course.estimate(path).total)
