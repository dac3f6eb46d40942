"""The workbook store: saving, merging concurrent writers, recovery from a damaged file."""

from __future__ import annotations

import json
import multiprocessing
import os
import sys
import threading
import time
import warnings
from pathlib import Path

import numpy as np
import platformdirs
import pytest
from helpers import live_html, saved
from hypothesis import given, settings
from hypothesis import strategies as st

from kamlib import merging, workbook
from kamlib.validation import KamValueError
from kamlib.workbook import (
    SavedSection,
    Workbook,
    WorkbookConflict,
    WorkbookRecoveryWarning,
    WorkbookSaveError,
)

#: XDG_DATA_HOME moves platformdirs' user data folder on Linux (elsewhere it is fixed).
xdg_only = pytest.mark.skipif(sys.platform != "linux", reason="XDG_DATA_HOME is Linux's")


@pytest.fixture(autouse=True)
def _no_path_override():
    """Leave no set_workbook_path() behind for other tests."""
    yield
    workbook.set_workbook_path(None)


def _folder_files(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


def test_set_and_get_round_trip(workbook_path: Path) -> None:
    book = Workbook()
    assert book.path == workbook_path
    assert book.get("swot") is None
    assert book.get("swot", {"empty": True}) == {"empty": True}
    book.set("swot", {"strengths": [{"text": "Fast delivery 交货快", "weight": 3}]})
    assert book.get("swot") == {"strengths": [{"text": "Fast delivery 交货快", "weight": 3}]}
    assert saved(workbook_path) == {"swot": {"strengths": [{"text": "Fast delivery 交货快",
                                                             "weight": 3}]}}
    assert "交货快" in workbook_path.read_text(encoding="utf-8")  # readable, not \\u escapes


def test_the_file_is_plain_json_with_documented_metadata(workbook_path: Path) -> None:
    """A grader reads {section: value} without kamlib; revisions sit under one reserved key."""
    book = Workbook(workbook_path)
    assert book.set("notes", "call Mr Zhang") == 1
    assert book.set("notes", "call Mr Zhang on Monday") == 2
    assert book.set("swot", {"strengths": []}) == 1
    raw = json.loads(workbook_path.read_text(encoding="utf-8"))
    assert raw == {
        "notes": "call Mr Zhang on Monday",
        "swot": {"strengths": []},
        "__kamlib__": {"format": 1, "revisions": {"notes": 2, "swot": 1}},
    }
    assert book.load("notes") == SavedSection("call Mr Zhang on Monday", 2)
    assert book.load("absent") == SavedSection(None, 0)
    assert book.sections() == ["notes", "swot"]
    assert "__kamlib__" in (Path(workbook.__file__).parent.parent / "docs" /
                            "architecture.md").read_text(encoding="utf-8")


def test_a_file_without_metadata_reads_as_revision_one(workbook_path: Path) -> None:
    """Workbooks written before revisions existed (or by hand) still load and save."""
    workbook_path.parent.mkdir(parents=True)
    workbook_path.write_text('{"notes": "old", "__kamlib__": {"revisions": {"notes": "x"}}}',
                             encoding="utf-8")
    book = Workbook(workbook_path)
    assert book.load("notes") == SavedSection("old", 1)
    assert book.set("notes", "new", expected_revision=1) == 2


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
    assert saved(workbook_path) == {f"widget-{n}": 14 for n in range(6)}
    leftovers = [p.name for p in workbook_path.parent.iterdir() if p.name.startswith(".")]
    assert leftovers == []  # no temporary files left behind


WRITES_PER_PROCESS = 20


def _kernel_saving(path: str, name: str, start: multiprocessing.synchronize.Barrier) -> None:
    """One kernel (a child process): saves its own section again and again, and adds entries
    to a section every kernel adds to (Workbook.update merges on a conflict)."""
    book = Workbook(path)
    start.wait()
    for step in range(WRITES_PER_PROCESS):
        book.set(name, step)
        entry = f"{name}-{step}"
        book.update("entries", lambda entries, new=entry: (entries or []) + [new])


@pytest.mark.slow
def test_processes_saving_at_once_lose_nothing(workbook_path: Path) -> None:
    """Kernels are processes: the file lock keeps each one's section, the revisions each
    one's entries in the section they share."""
    context = multiprocessing.get_context("spawn")  # a fresh interpreter, as a kernel is
    start = context.Barrier(4, timeout=60)
    processes = [context.Process(target=_kernel_saving,
                                 args=(str(workbook_path), f"kernel-{n}", start))
                 for n in range(4)]
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=120)
    assert [process.exitcode for process in processes] == [0] * 4
    stored = saved(workbook_path)
    assert {key: value for key, value in stored.items() if key != "entries"} == {
        f"kernel-{n}": WRITES_PER_PROCESS - 1 for n in range(4)}
    assert sorted(stored["entries"]) == sorted(f"kernel-{n}-{s}" for n in range(4)
                                               for s in range(WRITES_PER_PROCESS))
    assert Workbook(workbook_path).load("entries").revision == 4 * WRITES_PER_PROCESS


def test_update_merges_or_says_why(workbook_path: Path) -> None:
    book = Workbook(workbook_path)
    assert book.update("swot", lambda v: {"title": "AC7", "items": ["a"]},
                       collections=["items"]) == SavedSection({"title": "AC7", "items": ["a"]}, 1)

    def sneaky(value: dict) -> dict:  # another writer saves while this one works
        Workbook(workbook_path).set("swot", {**value, "title": "AC8"})
        return {**value, "title": "AC9"}

    with pytest.raises(merging.MergeConflict, match="changed in two places"):
        book.update("swot", sneaky, collections=["items"])
    assert book.get("swot")["title"] == "AC8"
    for bad, message in [({"change": 3}, "change: got 3"), ({"section": 3}, "section: got 3")]:
        with pytest.raises(KamValueError, match=message):
            book.update(**{"section": "swot", "change": list, **bad})


def test_expected_revision_refuses_to_overwrite_newer_work(workbook_path: Path) -> None:
    book = Workbook(workbook_path)
    book.set("swot", ["first"])
    book.set("swot", ["first", "second"])
    before = workbook_path.read_bytes()
    with pytest.raises(WorkbookConflict, match=r"expected_revision=1; expected 2") as caught:
        book.set("swot", ["first", "mine"], expected_revision=1)
    assert caught.value.saved == SavedSection(["first", "second"], 2)
    assert workbook_path.read_bytes() == before
    assert book.set("new", 1, expected_revision=0) == 1
    with pytest.raises(WorkbookConflict):
        book.set("new", 2, expected_revision=0)
    for bad in (-1, True, 1.0, "2"):
        with pytest.raises(KamValueError, match="expected_revision: got"):
            book.set("swot", [], expected_revision=bad)  # type: ignore[arg-type]


# ----- where the workbook lives ------------------------------------------------------------

@xdg_only
def test_default_path_is_in_the_user_data_folder(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KAMLIB_WORKBOOK", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("KAMLIB_LEARNER", "li_wei")
    expected = platformdirs.user_data_path("kamlib") / "workbook" / "li_wei.json"
    assert workbook.workbook_path() == expected
    assert expected.is_relative_to(tmp_path)  # not the repository, not site-packages
    monkeypatch.delenv("KAMLIB_LEARNER")
    assert workbook.workbook_path().name == "learner.json"


@xdg_only
def test_the_command_prints_where_a_workbook_is(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                capsys: pytest.CaptureFixture) -> None:
    monkeypatch.delenv("KAMLIB_WORKBOOK", raising=False)
    monkeypatch.delenv("KAMLIB_LEARNER", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert workbook.main(["zhang.wei"]) == 0
    assert capsys.readouterr().out.strip() == str(tmp_path / "kamlib" / "workbook" /
                                                  "zhang.wei.json")
    assert workbook.main([]) == 0
    assert capsys.readouterr().out.strip().endswith("learner.json")
    assert workbook.main(["../x"]) == 2
    assert "learner: got '../x'" in capsys.readouterr().err


def test_env_var_and_set_workbook_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KAMLIB_WORKBOOK", str(tmp_path / "env.json"))
    monkeypatch.setenv("KAMLIB_LEARNER", "ignored")
    assert workbook.workbook_path() == tmp_path / "env.json"
    assert workbook.set_workbook_path(tmp_path / "chosen.json") == tmp_path / "chosen.json"
    assert workbook.default_workbook().path == tmp_path / "chosen.json"
    assert workbook.default_workbook() is workbook.default_workbook()
    workbook.set_workbook_path(None)
    assert workbook.default_workbook().path == tmp_path / "env.json"


@xdg_only
def test_an_earlier_workbook_in_the_course_folder_is_copied_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    legacy = tmp_path / "course" / "workbook"
    legacy.mkdir(parents=True)
    (legacy / "li_wei.json").write_text('{"swot": {"strengths": ["old work"]}}', "utf-8")
    monkeypatch.setattr(workbook, "_LEGACY_FOLDER", legacy)
    monkeypatch.setattr(workbook, "_shared", {})
    monkeypatch.delenv("KAMLIB_WORKBOOK", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("KAMLIB_LEARNER", "li_wei")
    with pytest.warns(WorkbookRecoveryWarning, match="copied there"):
        book = workbook.default_workbook()
    assert book.get("swot") == {"strengths": ["old work"]}
    book.set("swot", {"strengths": ["new work"]})
    monkeypatch.setattr(workbook, "_shared", {})
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert workbook.default_workbook().get("swot") == {"strengths": ["new work"]}
    assert json.loads((legacy / "li_wei.json").read_text("utf-8")) == {
        "swot": {"strengths": ["old work"]}}  # left as it was


@pytest.mark.parametrize("name", ["zhang.wei", "li-lei_2", "张伟", "Ana.María", "x"])
def test_learner_names_that_name_a_file(name: str, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    assert workbook.check_learner_name(f" {name} ") == name
    monkeypatch.delenv("KAMLIB_WORKBOOK", raising=False)
    monkeypatch.setenv("KAMLIB_LEARNER", name)
    assert workbook.workbook_path().name == f"{name}.json"
    assert workbook.learner_workbook_path(name, folder=tmp_path) == tmp_path / f"{name}.json"


BAD_NAMES = ["../../etc/passwd", ".hidden", "a/b", "a\\b", "con", "NUL.txt", "zhang.",
             "_x", "-x", "a b", "x" * 65, "a\x00b", "tab\tname", ""]


@pytest.mark.parametrize("name", [*BAD_NAMES, 3, None, b"li"])
def test_one_rule_refuses_bad_learner_names_everywhere(name: object, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(KamValueError, match=r"learner: got .*\(it names a file\)"):
        workbook.check_learner_name(name)
    with pytest.raises(KamValueError, match=r"learner: got .*\(it names a file\)"):
        workbook.learner_workbook_path(name, folder=tmp_path)  # type: ignore[arg-type]
    if isinstance(name, str) and name.strip() and "\x00" not in name:
        monkeypatch.delenv("KAMLIB_WORKBOOK", raising=False)
        monkeypatch.setenv("KAMLIB_LEARNER", name)
        with pytest.raises(KamValueError, match=r"KAMLIB_LEARNER: got .*\(it names a file\)"):
            workbook.workbook_path()


def test_learner_workbooks_lists_only_learners_files(tmp_path: Path) -> None:
    book = Workbook(tmp_path / "zhang.wei.json")
    book.set("swot", 1)
    (tmp_path / "张伟.json").write_text("{}", encoding="utf-8")
    for other in ("zhang.wei.json.damaged-20250101-101010-000001", ".hidden.json",
                  "notes.txt", "_draft.json"):
        (tmp_path / other).write_text("{}", encoding="utf-8")
    assert workbook.learner_workbooks(tmp_path) == {
        "zhang.wei": tmp_path / "zhang.wei.json", "张伟": tmp_path / "张伟.json"}
    with pytest.raises(KamValueError, match="folder: got .*an existing folder"):
        workbook.learner_workbooks(tmp_path / "missing")


# ----- damaged files -------------------------------------------------------------------

TOO_DEEP = workbook.MAX_DEPTH + 1
DAMAGED = {
    "not json": b"{not json",
    "a list": b"[1, 2, 3]",
    "a string": b'"text"',
    "not utf-8": b'{"swot": "\xff\xfe caf\xe9"}',
    "nested too deep": b'{"a": ' + b"[" * TOO_DEEP + b"]" * TOO_DEEP + b"}",
    "nested past the parser": b"[" * 200_000 + b"]" * 200_000,
    "NaN": b'{"share": NaN}',
    "empty": b"",
}


@pytest.mark.parametrize("content", DAMAGED.values(), ids=DAMAGED.keys())
def test_damaged_file_is_moved_aside_with_a_warning(workbook_path: Path, content: bytes) -> None:
    workbook_path.parent.mkdir(parents=True)
    workbook_path.write_bytes(content)
    book = Workbook(workbook_path)
    with pytest.warns(WorkbookRecoveryWarning, match="moved to .*damaged-") as caught:
        assert book.get("swot") is None
    aside = list(workbook_path.parent.glob("learner.json.damaged-*"))
    assert len(aside) == 1
    assert str(aside[0]) in str(caught[0].message)
    assert aside[0].read_bytes() == content  # kept as it was
    book.set("swot", {"ok": True})  # a fresh workbook starts
    assert saved(workbook_path) == {"swot": {"ok": True}}


def test_a_too_large_file_is_moved_aside(workbook_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workbook, "MAX_FILE_BYTES", 1_000)
    workbook_path.parent.mkdir(parents=True)
    workbook_path.write_text(json.dumps({"notes": "x" * 2_000}), encoding="utf-8")
    with pytest.warns(WorkbookRecoveryWarning, match="larger than"):
        assert Workbook(workbook_path).sections() == []
    assert len(list(workbook_path.parent.glob("learner.json.damaged-*"))) == 1


def test_a_widget_opens_on_a_damaged_workbook(workbook_path: Path) -> None:
    from kamlib.widgets import SWOTBoard

    workbook_path.parent.mkdir(parents=True)
    workbook_path.write_bytes(b'{"swot": ' + b"[" * 5000)
    with pytest.warns(WorkbookRecoveryWarning):
        board = SWOTBoard()
    board.add("strengths", "Local stock")
    assert saved(workbook_path, "swot")["swot"]["strengths"][0]["text"] == "Local stock"


def test_no_warning_for_a_good_file(workbook_path: Path) -> None:
    Workbook(workbook_path).set("a", 1)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert Workbook(workbook_path).get("a") == 1


def test_a_folder_in_place_of_the_file_is_reported_not_moved(workbook_path: Path) -> None:
    book = Workbook(workbook_path)
    workbook_path.mkdir(parents=True)  # after the check at creation
    with pytest.warns(WorkbookRecoveryWarning, match="could not be used: a folder has that name"):
        assert book.get("swot") is None
    with pytest.raises(WorkbookSaveError, match="a folder has that name"):
        book.set("swot", 1)
    assert workbook_path.is_dir()


# ----- failed writes, read-only folders, symlinks, left-overs --------------------------------

def test_a_failed_write_keeps_the_old_file(tmp_path: Path) -> None:
    """A folder in place of the temporary file's folder: the OS refuses the write."""
    book = Workbook(tmp_path / "book.json")
    book.set("swot", ["kept"])
    before = (tmp_path / "book.json").read_bytes()
    blocked = Workbook(tmp_path / "file" / "book.json")
    (tmp_path / "file").write_text("a file where the folder should be", encoding="utf-8")
    with pytest.raises(WorkbookSaveError, match="could not be saved .*unchanged"):
        blocked.set("swot", ["lost?"])
    assert (tmp_path / "book.json").read_bytes() == before


def test_a_symlinked_workbook_stays_a_link(tmp_path: Path) -> None:
    (tmp_path / "synced").mkdir()
    target = tmp_path / "synced" / "me.json"
    link = tmp_path / "me.json"
    link.symlink_to(Path("synced") / "me.json")  # relative, as users make them
    book = Workbook(link)
    book.set("swot", ["first"])  # a dangling link: the target is created
    book.set("notes", "second")
    assert link.is_symlink() and os.readlink(link) == str(Path("synced") / "me.json")
    assert saved(target) == {"swot": ["first"], "notes": "second"}
    assert _folder_files(tmp_path) == ["me.json", "synced"]  # no temporary or lock file here
    assert _folder_files(tmp_path / "synced") == ["me.json", "me.json.lock"]


def test_stale_temporary_files_are_removed_and_only_ours(workbook_path: Path) -> None:
    folder = workbook_path.parent
    folder.mkdir(parents=True)
    old = time.time() - workbook.STALE_TEMP_SECONDS - 60
    names = {"stale": ".learner.json.kamlib-tmp-abc123", "fresh": ".learner.json.kamlib-tmp-new",
             "other learner": ".li.json.kamlib-tmp-abc", "not ours": ".learner.json-x1y2"}
    for key, name in names.items():
        (folder / name).write_text("{", encoding="utf-8")
        if key != "fresh":
            os.utime(folder / name, (old, old))
    Workbook(workbook_path).set("swot", 1)
    assert _folder_files(folder) == sorted(
        [names["fresh"], names["other learner"], names["not ours"], "learner.json",
         "learner.json.lock"])
    with pytest.raises(KamValueError, match="older_than: got"):
        workbook.remove_stale_temporary_files(workbook_path, older_than=-1)


def test_a_killed_writer_leaves_nothing_that_blocks(workbook_path: Path) -> None:
    """A writer killed mid-write leaves a temporary file and its lock released by the OS."""
    import subprocess
    import sys

    Workbook(workbook_path).set("swot", ["before"])
    script = (
        "import os, sys, tempfile, time\n"
        "from kamlib.workbook import Workbook\n"
        "book = Workbook(sys.argv[1])\n"
        "with book._locked() as target:\n"
        "    tempfile.mkstemp(prefix=f'.{target.name}.kamlib-tmp-', dir=target.parent)\n"
        "    print('locked', flush=True)\n"
        "    time.sleep(60)\n"
    )
    child = subprocess.Popen([sys.executable, "-c", script, str(workbook_path)],
                             stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "locked"
    finally:
        child.kill()
        child.wait()
    leftover = [p for p in workbook_path.parent.iterdir() if ".kamlib-tmp-" in p.name]
    assert len(leftover) == 1
    old = time.time() - workbook.STALE_TEMP_SECONDS - 1
    os.utime(leftover[0], (old, old))
    assert Workbook(workbook_path).set("swot", ["after"]) == 2  # the lock died with it
    assert not leftover[0].exists()


# ----- values --------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("value", "reason"),
    [({1, 2}, r" \(a set"), (np.int64(3), r" \(a int64"),
     ({"share": float("nan")}, r"\['share'\] \(a float"), (object(), r" \(a object"),
     ({1: "a"}, r" key \(a int"), ([float("inf")], r"\[0\] \(a float"),
     ({"a": [1, (2, b"x")]}, r"\['a'\]\[1\]\[1\] \(a bytes")],
)
def test_set_rejects_non_json_values(workbook_path: Path, value: object, reason: str) -> None:
    book = Workbook(workbook_path)
    with pytest.raises(KamValueError, match=f"workbook section 'bcg'{reason}.*got .*plain JSON"):
        book.set("bcg", value)
    assert not workbook_path.exists()  # nothing half-written


@pytest.mark.parametrize("depth", [workbook.MAX_DEPTH + 1, 100_000])
def test_set_refuses_values_nested_too_deep(workbook_path: Path, depth: int) -> None:
    value: list = []
    for _ in range(depth - 1):
        value = [value]
    with pytest.raises(KamValueError, match=f"nested over {workbook.MAX_DEPTH} deep"):
        Workbook(workbook_path).set("deep", value)
    nested_enough: list = []
    for _ in range(workbook.MAX_DEPTH - 1):
        nested_enough = [nested_enough]
    Workbook(workbook_path).set("deep", nested_enough)
    assert Workbook(workbook_path).get("deep") == nested_enough


def test_set_refuses_a_workbook_too_large_to_read_back(workbook_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workbook, "MAX_FILE_BYTES", 2_000)
    book = Workbook(workbook_path)
    book.set("notes", "small")
    before = workbook_path.read_bytes()
    with pytest.raises(WorkbookSaveError, match=r"would hold \d,\d{3} bytes, more than the "
                                                r"2,000 it may hold"):
        book.set("big", "x" * 3_000)
    assert workbook_path.read_bytes() == before
    from kamlib.widgets import SWOTBoard

    board = SWOTBoard(workbook=book)
    board.add("strengths", "y" * 3_000)  # a widget says so instead of raising
    assert "Not saved: the workbook would hold" in board.error
    assert workbook_path.read_bytes() == before


@pytest.mark.parametrize("section", ["", "   ", 3, None, "__kamlib__", "s" * 201])
def test_bad_section_names(workbook_path: Path, section: object) -> None:
    book = Workbook(workbook_path)
    with pytest.raises(KamValueError, match="section: got"):
        book.set(section, 1)  # type: ignore[arg-type]
    with pytest.raises(KamValueError, match="section: got"):
        book.get(section)  # type: ignore[arg-type]
    with pytest.raises(KamValueError, match="section: got"):
        book.load(section)  # type: ignore[arg-type]


@pytest.mark.parametrize("path", ["", "notes.txt", 42, ["a.json"]])
def test_bad_workbook_paths(path: object) -> None:
    with pytest.raises(KamValueError, match="path: got .*expected"):
        Workbook(path)  # type: ignore[arg-type]
    with pytest.raises(KamValueError, match="path: got .*expected"):
        workbook.set_workbook_path(path)  # type: ignore[arg-type]


def test_paths_the_system_cannot_take(tmp_path: Path) -> None:
    """A NUL character is refused up front; a name too long for the disk is reported."""
    with pytest.raises(KamValueError, match=r"path: got .*\\x00.*; expected the path of a .json"):
        Workbook(tmp_path / "a\x00b.json")
    with pytest.raises(KamValueError, match=r"target: got .*; expected a file path"):
        workbook.write_atomically(str(tmp_path / "a\x00b"), b"x")
    long = Workbook(tmp_path / ("x" * 300 + ".json"))
    with pytest.raises(WorkbookSaveError, match=r"could not be saved in .*\.\.\..*xxx\.json: "):
        long.set("swot", 1)
    with pytest.warns(WorkbookRecoveryWarning, match="could not be used"):
        assert long.get("swot") is None


def test_bad_env_values(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KAMLIB_WORKBOOK", "notes.txt")
    with pytest.raises(KamValueError, match="KAMLIB_WORKBOOK: got 'notes.txt'; expected .*json"):
        workbook.workbook_path()


# ----- merging -------------------------------------------------------------------------

MERGES = {
    "both add": ({"l": ["a"]}, {"l": ["a", "b"]}, {"l": ["a", "c"]}, {"l": ["a", "c", "b"]}),
    "same entry added twice": ({"l": []}, {"l": ["x"]}, {"l": ["x"]}, {"l": ["x"]}),
    "same entry in longer lists": ({"l": ["a"]}, {"l": ["a", "x", "m"]}, {"l": ["a", "x"]},
                                   {"l": ["a", "x", "m"]}),
    "I remove, they add": ({"l": ["a", "b"]}, {"l": ["b"]}, {"l": ["a", "b", "c"]},
                           {"l": ["b", "c"]}),
    "I edit, they add": ({"l": [{"t": "x", "sent": False}]}, {"l": [{"t": "x", "sent": True}]},
                         {"l": [{"t": "x", "sent": False}, {"t": "y", "sent": False}]},
                         {"l": [{"t": "x", "sent": True}, {"t": "y", "sent": False}]}),
    "both remove": ({"l": ["a", "b"]}, {"l": ["b"]}, {"l": ["b"]}, {"l": ["b"]}),
    "I move, they add": ({"l": ["a", "b"]}, {"l": ["b", "a"]}, {"l": ["a", "b", "c"]},
                         {"l": ["b", "a", "c"]}),
    "they change the rest": ({"l": [], "n": 1}, {"l": ["x"], "n": 1}, {"l": [], "n": 2},
                             {"l": ["x"], "n": 2}),
    "wildcard from nothing": (None, {"swot": {"s": ["a"]}, "title": "T"},
                              {"swot": {"s": ["b"], "w": ["c"]}, "title": "T"},
                              {"swot": {"s": ["b", "a"], "w": ["c"]}, "title": "T"}),
    "keyed entries": ({"l": {"a": 0, "b": 0}}, {"l": {"a": 1, "b": 0}}, {"l": {"a": 0, "b": 2}},
                      {"l": {"a": 1, "b": 2}}),
    "keyed removal": ({"l": {"a": 0, "b": 0}}, {"l": {"b": 0}}, {"l": {"a": 0, "b": 2}},
                      {"l": {"b": 2}}),
    "true is not 1": ({"l": [1]}, {"l": [True]}, {"l": [1, 2]}, {"l": [True, 2]}),
}


@pytest.mark.parametrize(("base", "mine", "theirs", "merged"), MERGES.values(), ids=MERGES.keys())
def test_merge_values(base: object, mine: object, theirs: object, merged: object) -> None:
    result = merging.merge_values(base, mine, theirs, collections=["l", "swot/*"])
    assert json.dumps(result) == json.dumps(merged)


CONFLICTS = {
    "a value changed twice": ({"n": 1}, {"n": 2}, {"n": 3}, ["l"]),
    "the rest changed twice": ({"l": [], "n": 1}, {"l": ["x"], "n": 2}, {"l": [], "n": 3}, ["l"]),
    "an entry edited twice": ({"l": ["a"]}, {"l": ["a2"]}, {"l": ["a3"]}, ["l"]),
    "I edit what they removed": ({"l": ["a", "b"]}, {"l": ["a2", "b"]}, {"l": ["b"]}, ["l"]),
    "not a collection": ({"l": ["a"]}, {"l": ["a", "b"]}, {"l": ["a", "c"]}, []),
    "keyed entry changed twice": ({"l": {"a": 0}}, {"l": {"a": 1}}, {"l": {"a": 2}}, ["l"]),
    "a list against a dict": ({"l": []}, {"l": ["x"]}, {"l": {"x": 1}}, ["l"]),
}


@pytest.mark.parametrize(("base", "mine", "theirs", "collections"), CONFLICTS.values(),
                         ids=CONFLICTS.keys())
def test_merge_conflicts(base: object, mine: object, theirs: object, collections: list) -> None:
    with pytest.raises(merging.MergeConflict, match="changed in two places"):
        merging.merge_values(base, mine, theirs, collections=collections)


_ENTRY = st.text("abc", min_size=1, max_size=2)
_JSON = st.recursive(st.none() | st.booleans() | st.integers(-3, 3) | _ENTRY,
                     lambda inner: st.lists(inner, max_size=4)
                     | st.dictionaries(st.sampled_from("lmn"), inner, max_size=3),
                     max_leaves=10)


@settings(max_examples=300, deadline=None)
@given(base=_JSON, mine=_JSON, theirs=_JSON)
def test_merging_anything_merges_or_says_conflict(base: object, mine: object,
                                                  theirs: object) -> None:
    try:
        merged = merging.merge_values(base, mine, theirs, collections=["l", "m/*", ""])
    except merging.MergeConflict:
        return
    assert workbook.plain_json(merged) == merged
    if json.dumps(mine) == json.dumps(base):
        assert merged == theirs
    if json.dumps(theirs) == json.dumps(base):
        assert merged == mine


@settings(max_examples=300, deadline=None)
@given(base=st.lists(_ENTRY, max_size=6), mine_new=st.lists(_ENTRY, max_size=3),
       theirs_new=st.lists(_ENTRY, max_size=3), data=st.data())
def test_entries_added_on_both_sides_are_all_kept(base: list, mine_new: list, theirs_new: list,
                                                  data: st.DataObject) -> None:
    """Whatever either side adds, wherever it adds it, is in the merge, and base stays."""
    def insert_somewhere(items: list, new: list) -> list:
        result = list(items)
        for item in new:
            result.insert(data.draw(st.integers(0, len(result))), item)
        return result

    mine, theirs = insert_somewhere(base, mine_new), insert_somewhere(base, theirs_new)
    merged = merging.merge_values({"l": base}, {"l": mine}, {"l": theirs}, collections=["l"])
    from collections import Counter

    have, added = Counter(merged["l"]), Counter(mine_new) | Counter(theirs_new)
    for item, count in (Counter(base) + added).items():  # an entry added on both sides once
        assert have[item] >= count, item


@pytest.mark.parametrize("collections", ["swot/*", ["a//b"], [3], 5])
def test_merge_refuses_malformed_collections(collections: object) -> None:
    with pytest.raises(KamValueError, match="collections: got"):
        merging.merge_values([], [], [], collections=collections)  # type: ignore[arg-type]


# ----- Markdown ------------------------------------------------------------------------

def test_markdown_export(workbook_path: Path, tmp_path: Path) -> None:
    book = Workbook(workbook_path)
    assert "Nothing saved yet" in book.to_markdown()
    book.set("swot", {"strengths": [{"text": "Local stock", "weight": 3}], "threats": []})
    book.set("notes", "Call Mr Zhang")
    book.set("flags", {"vip": True, "owner": None})
    text = book.to_markdown()
    assert text.startswith("# Workbook: learner\n")
    assert "## swot" in text and "## notes" in text and "__kamlib__" not in text
    assert "- **strengths**:\n   1. text: Local stock; weight: 3\n" in text
    assert "- **threats**: _(empty)_" in text
    assert "Call Mr Zhang" in text
    assert "- **vip**: yes" in text and "- **owner**: _(none)_" in text
    target = book.export_markdown(tmp_path / "out" / "my_work.md")
    assert target.read_text(encoding="utf-8") == text


def test_markdown_export_shows_hostile_text_as_text(workbook_path: Path) -> None:
    book = Workbook(workbook_path)
    book.set("<img src=x onerror=alert(1)>", {"[x](javascript:alert(1))": "<script>x</script>",
                                               "note": "line one\n# not a heading"})
    rendered = live_html(book.to_markdown())
    assert rendered == []


def test_export_markdown_needs_md_path(workbook_path: Path, tmp_path: Path) -> None:
    with pytest.raises(KamValueError, match="path: got .*a .md file"):
        Workbook(workbook_path).export_markdown(tmp_path / "out.txt")


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
