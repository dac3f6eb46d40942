"""Nothing lost across tabs or re-runs: a widget with an older view never overwrites newer work.

Two widget objects on one section stand for two browser tabs on one notebook, or a cell run
again (the old widget stays on screen and usable). Where the section holds collections of
entries the two edits merge; elsewhere the older widget's change is refused with a message
and the widget shows the saved work.
"""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest
from helpers import saved

from kamlib import widgets as kw
from kamlib.workbook import Workbook


def _texts(board: kw.SWOTBoard, quadrant: str = "strengths") -> list[str]:
    return [item.text for item in board.swot.items(quadrant)]


@pytest.fixture
def book(tmp_path: Path) -> Workbook:
    return Workbook(tmp_path / "book.json")


def test_two_boards_on_one_section_keep_both_entries(book: Workbook) -> None:
    first = kw.SWOTBoard(workbook=book)
    second = kw.SWOTBoard(workbook=book)  # a second tab on the same notebook
    first.add("strengths", "Local technical service")
    second.add("strengths", "ISO 9001 plants")  # second still shows an empty board
    assert "were kept, together with yours" in second.error
    second.add("threats", "Price war")
    stored = saved(book.path, "swot")["swot"]
    assert [i["text"] for i in stored["strengths"]] == ["Local technical service",
                                                        "ISO 9001 plants"]
    assert [i["text"] for i in stored["threats"]] == ["Price war"]
    assert _texts(second) == ["Local technical service", "ISO 9001 plants"]  # it shows both
    first.add("weaknesses", "Slow quotes")
    assert _texts(first) == ["Local technical service", "ISO 9001 plants"]
    assert [i["text"] for i in saved(book.path, "swot")["swot"]["weaknesses"]] == ["Slow quotes"]


def test_re_running_the_cell_loses_nothing(book: Workbook) -> None:
    old = kw.SWOTBoard(workbook=book)
    old.add("strengths", "Long relationship")
    new = kw.SWOTBoard(workbook=book)  # the cell is run again
    new.add("opportunities", "Metro line tenders")
    old.add("strengths", "Local stock")  # the learner scrolls up and uses the old widget
    new.add("threats", "Budget cuts")
    stored = saved(book.path, "swot")["swot"]
    assert [i["text"] for i in stored["strengths"]] == ["Long relationship", "Local stock"]
    assert [i["text"] for i in stored["opportunities"]] == ["Metro line tenders"]
    assert [i["text"] for i in stored["threats"]] == ["Budget cuts"]
    assert kw.SWOTBoard(workbook=book).value == new.value  # the newest view is the file's


def test_a_removal_in_one_tab_and_an_entry_in_the_other(book: Workbook) -> None:
    first = kw.SWOTBoard(workbook=book)
    for text in ("A", "B", "C"):
        first.add("strengths", text)
    second = kw.SWOTBoard(workbook=book)
    first.add("strengths", "D")
    second.swot = second.swot.remove("strengths", 1)  # remove B, as its trash button does
    second._commit(second.swot)
    assert [i["text"] for i in saved(book.path, "swot")["swot"]["strengths"]] == ["A", "C", "D"]


def test_a_setting_changed_in_two_tabs_is_refused_with_a_message(book: Workbook) -> None:
    first = kw.ClassPicker(workbook=book)
    second = kw.ClassPicker(workbook=book)
    second.x.value = 3
    first.x.value = 2  # older view: refused, the newer x=3 is kept
    assert saved(book.path, "class_picker")["x"] == 3
    assert first.x.value == 3 and first.value == second.value  # reloaded from the file
    assert "your last change here was not saved" in first.error
    first.vip.value = True  # from the reloaded state, the next change saves
    assert saved(book.path, "class_picker") == {"x": 3, "y": first.y.value, "vip": True}


def test_the_rebuilt_widget_stays_on_screen(book: Workbook) -> None:
    """The box the notebook displays keeps working: rebuilt controls go into it."""
    first = kw.SWOTBoard(workbook=book)
    shown = first.widget
    kw.SWOTBoard(workbook=book).add("strengths", "From the other tab")
    first.add("threats", "Price war")
    assert first.widget is shown
    assert "From the other tab" in str([c for c in _all_values(shown)])
    panel = first.panels["threats"]
    panel.new_text.value = "Budget cuts"
    panel.add_button.click()  # the rebuilt controls are wired up
    assert [i["text"] for i in saved(book.path, "swot")["swot"]["threats"]] == ["Price war",
                                                                                "Budget cuts"]


def _all_values(widget) -> list:
    values = [getattr(widget, "value", None)]
    for child in getattr(widget, "children", ()):
        values += _all_values(child)
    return values


def test_keyed_entries_merge_account_by_account(book: Workbook) -> None:
    first = kw.UncouplingAudit("AC002", workbook=book)
    second = kw.UncouplingAudit("AC002", workbook=book)
    keys = list(first.ratings)
    first.ratings[keys[0]].value = 3
    second.ratings[keys[1]].value = 2
    ratings = saved(book.path, "uncoupling_audit/AC002")["ratings"]
    assert ratings[keys[0]] == 3 and ratings[keys[1]] == 2
    assert second.ratings[keys[0]].value == 3


def test_sending_scan_entries_survives_re_running_either_cell(book: Workbook) -> None:
    """EnvironmentScan -> SWOTBoard: re-run the board's cell, then the scan's; nothing lost."""
    board = kw.SWOTBoard(workbook=book)
    scan = kw.EnvironmentScan(board=board, workbook=book)
    scan.add("competitors", "A rival cuts prices by 10%", "threat", 4)
    board_again = kw.SWOTBoard(workbook=book)  # the board's cell is run again
    board_again.add("strengths", "Local technical service")
    assert scan.send_to_board() == 1  # the scan still holds the old board object
    scan_again = kw.EnvironmentScan(board=board_again, workbook=book)  # the scan's cell again
    scan_again.add("technological", "Water-based coatings mature", "opportunity", 3)
    scan.add("suppliers", "Resin prices rise", "threat", 2)  # the old scan, still on screen
    assert scan_again.send_to_board() == 1  # what it showed; saving brings in the old scan's
    assert [entry.factor for entry, sent in zip(scan_again.entries, scan_again.sent,
                                                strict=True) if not sent] == ["suppliers"]
    assert scan_again.send_to_board() == 1
    swot = saved(book.path, "swot")["swot"]
    assert [i["text"] for i in swot["strengths"]] == ["Local technical service"]
    threats = [i["text"] for i in swot["threats"]]
    assert len(threats) == 2 and any("rival" in t for t in threats) and any(
        "Resin" in t for t in threats)
    assert len(swot["opportunities"]) == 1
    entries = saved(book.path, "environment_scan")["entries"]
    assert len(entries) == 3 and all(entry["sent"] for entry in entries)
    assert scan_again.send_to_board() == 0  # nothing is sent twice


BOARD_ITEMS = 6


def _add_board_items(path: str, name: str, start: multiprocessing.synchronize.Barrier) -> None:
    """One kernel's board adds its items while another kernel's board adds its own."""
    board = kw.SWOTBoard(workbook=Workbook(path))
    start.wait()
    for step in range(BOARD_ITEMS):
        board.add("strengths", f"{name} item {step}")


def test_two_kernels_adding_to_one_board_lose_nothing(book: Workbook) -> None:
    context = multiprocessing.get_context("spawn")
    start = context.Barrier(2, timeout=120)
    processes = [context.Process(target=_add_board_items, args=(str(book.path), name, start))
                 for name in ("tab-1", "tab-2")]
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=180)
    assert [process.exitcode for process in processes] == [0, 0]
    texts = [item["text"] for item in saved(book.path, "swot")["swot"]["strengths"]]
    assert sorted(texts) == sorted(f"{name} item {step}" for name in ("tab-1", "tab-2")
                                   for step in range(BOARD_ITEMS))
    for name in ("tab-1", "tab-2"):  # each kernel's items keep their order
        own = [text for text in texts if text.startswith(name)]
        assert own == [f"{name} item {step}" for step in range(BOARD_ITEMS)]


def test_a_conflict_is_settled_under_the_file_lock_without_deadlock(book: Workbook) -> None:
    """The board's refresh during a settled conflict may read the workbook again (the lock
    is held by this thread then): the save completes and both edits are kept."""
    first = kw.SWOTBoard(workbook=book)
    second = kw.SWOTBoard(workbook=book)
    first.add("strengths", "One")
    second.add("strengths", "Two")  # stale: settled while the file is locked
    second.reload()
    assert [item.text for item in second.swot.strengths] == ["One", "Two"]
    assert Workbook(book.path).get("swot") == second.value
