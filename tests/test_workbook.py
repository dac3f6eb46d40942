"""The workbook store: saving, merging concurrent writers, recovery from a damaged file."""

from __future__ import annotations

import json
import multiprocessing
import threading
import warnings
from pathlib import Path

import numpy as np
import pytest

from kamlib import workbook
from kamlib.validation import KamValueError
from kamlib.workbook import Workbook, WorkbookRecoveryWarning


@pytest.fixture(autouse=True)
def _no_path_override():
    """Leave no set_workbook_path() behind for other tests."""
    yield
    workbook.set_workbook_path(None)


def test_set_and_get_round_trip(workbook_path: Path) -> None:
    book = Workbook()
    assert book.path == workbook_path
    assert book.get("swot") is None
    assert book.get("swot", {"empty": True}) == {"empty": True}
    book.set("swot", {"strengths": [{"text": "Fast delivery 交货快", "weight": 3}]})
    assert book.get("swot") == {"strengths": [{"text": "Fast delivery 交货快", "weight": 3}]}
    saved = json.loads(workbook_path.read_text(encoding="utf-8"))
    assert saved == {"swot": {"strengths": [{"text": "Fast delivery 交货快", "weight": 3}]}}
    assert "交货快" in workbook_path.read_text(encoding="utf-8")  # readable, not \\u escapes


def test_sections_in_first_saved_order(workbook_path: Path) -> None:
    book = Workbook(workbook_path)
    book.set("b", 1)
    book.set("a", 2)
    book.set("b", 3)
    assert book.sections() == ["b", "a"]


def test_two_objects_keep_each_others_sections(workbook_path: Path) -> None:
    first, second = Workbook(workbook_path), Workbook(workbook_path)
    first.set("xy_grid", {"rules": {"a_min_x": 3}})
    second.set("bcg", {"units": []})
    first.set("swot", {"strengths": []})
    assert Workbook(workbook_path).sections() == ["xy_grid", "bcg", "swot"]
    assert second.get("swot") == {"strengths": []}


def test_threads_writing_different_sections_lose_nothing(workbook_path: Path) -> None:
    start = threading.Barrier(6)

    def write(name: str) -> None:
        book = Workbook(workbook_path)
        start.wait()
        for step in range(15):
            book.set(name, step)

    threads = [threading.Thread(target=write, args=(f"widget-{n}",)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    saved = json.loads(workbook_path.read_text(encoding="utf-8"))
    assert saved == {f"widget-{n}": 14 for n in range(6)}
    leftovers = [p.name for p in workbook_path.parent.iterdir() if p.name.startswith(".")]
    assert leftovers == []  # no temporary files left behind


WRITES_PER_PROCESS = 20


def _write_own_section(path: str, name: str, start: multiprocessing.synchronize.Barrier) -> None:
    """One kernel's widget: save its own section again and again (runs in a child process)."""
    book = Workbook(path)
    start.wait()
    for step in range(WRITES_PER_PROCESS):
        book.set(name, step)


def test_processes_writing_different_sections_lose_nothing(workbook_path: Path) -> None:
    """Kernels are processes: only the file lock keeps one from saving over another's section."""
    context = multiprocessing.get_context("spawn")  # a fresh interpreter, as a kernel is
    start = context.Barrier(4, timeout=30)
    processes = [
        context.Process(target=_write_own_section, args=(str(workbook_path), f"kernel-{n}", start))
        for n in range(4)
    ]
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=60)
    assert [process.exitcode for process in processes] == [0, 0, 0, 0]
    saved = json.loads(workbook_path.read_text(encoding="utf-8"))
    assert saved == {f"kernel-{n}": WRITES_PER_PROCESS - 1 for n in range(4)}


@pytest.mark.parametrize("content", ["{not json", "[1, 2, 3]", '"text"'])
def test_damaged_file_is_moved_aside_with_a_warning(workbook_path: Path, content: str) -> None:
    workbook_path.parent.mkdir(parents=True)
    workbook_path.write_text(content, encoding="utf-8")
    book = Workbook(workbook_path)
    with pytest.warns(WorkbookRecoveryWarning, match="moved to .*damaged-") as caught:
        assert book.get("swot") is None
    aside = list(workbook_path.parent.glob("learner.damaged-*.json"))
    assert len(aside) == 1
    assert str(aside[0]) in str(caught[0].message)
    assert aside[0].read_text(encoding="utf-8") == content  # kept as it was
    book.set("swot", {"ok": True})  # a fresh workbook starts
    assert json.loads(workbook_path.read_text(encoding="utf-8")) == {"swot": {"ok": True}}


def test_env_var_and_set_workbook_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KAMLIB_WORKBOOK", str(tmp_path / "env.json"))
    assert workbook.workbook_path() == tmp_path / "env.json"
    assert workbook.set_workbook_path(tmp_path / "chosen.json") == tmp_path / "chosen.json"
    assert workbook.default_workbook().path == tmp_path / "chosen.json"
    assert workbook.default_workbook() is workbook.default_workbook()
    workbook.set_workbook_path(None)
    assert workbook.default_workbook().path == tmp_path / "env.json"


def test_default_path_uses_learner_name(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KAMLIB_WORKBOOK", raising=False)
    monkeypatch.setenv("KAMLIB_LEARNER", "li_wei")
    assert workbook.workbook_path() == workbook.REPO / "workbook" / "li_wei.json"
    monkeypatch.delenv("KAMLIB_LEARNER")
    assert workbook.workbook_path().name == "learner.json"


def test_markdown_export(workbook_path: Path, tmp_path: Path) -> None:
    book = Workbook(workbook_path)
    assert "Nothing saved yet" in book.to_markdown()
    book.set("swot", {"strengths": [{"text": "Local stock", "weight": 3}], "threats": []})
    book.set("notes", "Call Mr Zhang")
    book.set("flags", {"vip": True, "owner": None})
    text = book.to_markdown()
    assert text.startswith("# Workbook: learner\n")
    assert "## swot" in text and "## notes" in text
    assert "- **strengths**:\n   1. text: Local stock; weight: 3\n" in text
    assert "- **threats**: _(empty)_" in text
    assert "Call Mr Zhang" in text
    assert "- **vip**: yes" in text and "- **owner**: _(none)_" in text
    target = book.export_markdown(tmp_path / "out" / "my_work.md")
    assert target.read_text(encoding="utf-8") == text


@pytest.mark.parametrize(
    ("value", "reason"),
    [({1, 2}, "set"), (np.int64(3), "int64"), ({"share": float("nan")}, "dict"), (object(), "")],
)
def test_set_rejects_non_json_values(workbook_path: Path, value: object, reason: str) -> None:
    book = Workbook(workbook_path)
    with pytest.raises(KamValueError, match=f"workbook section 'bcg': got {reason}.*plain JSON"):
        book.set("bcg", value)
    assert not workbook_path.exists()  # nothing half-written


@pytest.mark.parametrize("section", ["", "   ", 3, None])
def test_bad_section_names(workbook_path: Path, section: object) -> None:
    book = Workbook(workbook_path)
    with pytest.raises(KamValueError, match="section: got"):
        book.set(section, 1)  # type: ignore[arg-type]
    with pytest.raises(KamValueError, match="section: got"):
        book.get(section)  # type: ignore[arg-type]


@pytest.mark.parametrize("path", ["", "notes.txt", 42])
def test_bad_workbook_paths(path: object) -> None:
    with pytest.raises(KamValueError, match="path: got .*expected"):
        Workbook(path)  # type: ignore[arg-type]
    with pytest.raises(KamValueError, match="path: got .*expected"):
        workbook.set_workbook_path(path)  # type: ignore[arg-type]


def test_bad_env_values(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KAMLIB_WORKBOOK", "notes.txt")
    with pytest.raises(KamValueError, match="KAMLIB_WORKBOOK: got 'notes.txt'; expected .*json"):
        workbook.workbook_path()
    monkeypatch.delenv("KAMLIB_WORKBOOK")
    monkeypatch.setenv("KAMLIB_LEARNER", "../../etc/passwd")
    with pytest.raises(KamValueError, match="KAMLIB_LEARNER: got .*names a file"):
        workbook.workbook_path()


def test_export_markdown_needs_md_path(workbook_path: Path, tmp_path: Path) -> None:
    with pytest.raises(KamValueError, match="path: got .*a .md file"):
        Workbook(workbook_path).export_markdown(tmp_path / "out.txt")


def test_no_warning_for_a_good_file(workbook_path: Path) -> None:
    Workbook(workbook_path).set("a", 1)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert Workbook(workbook_path).get("a") == 1


def test_export_markdown_never_overwrites_unasked(workbook_path: Path, tmp_path: Path) -> None:
    """A learner's own notes at that path stay as they were unless they say overwrite=True."""
    book = Workbook(workbook_path)
    book.set("swot", {"strengths": ["fast service"]})
    notes = tmp_path / "notes.md"
    notes.write_text("my own notes", encoding="utf-8")
    with pytest.raises(KamValueError, match=r"path: got .*notes\.md'; expected a file that does "
                                            r"not exist yet, or overwrite=True"):
        book.export_markdown(notes)
    assert notes.read_text(encoding="utf-8") == "my own notes"
    book.export_markdown(notes, overwrite=True)
    assert "fast service" in notes.read_text(encoding="utf-8")
