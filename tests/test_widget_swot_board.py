"""SWOTBoard driven from Python: add, edit, reorder, remove, TOWS prompts, saving, restoring."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import saved

from kamlib.swot import SWOT
from kamlib.validation import KamValueError
from kamlib.widgets import SWOTBoard
from kamlib.workbook import Workbook, WorkbookRecoveryWarning


def texts(board: SWOTBoard, quadrant: str) -> list[str]:
    return [row.text.value for row in board.panels[quadrant].rows]


def test_typing_an_item_and_clicking_add_lists_and_saves_it(workbook_path: Path) -> None:
    board = SWOTBoard(title="Huaxin at AC001")
    panel = board.panels["strengths"]
    panel.new_text.value = "Local technical service team"
    panel.new_weight.value = 4
    panel.add_button.click()
    assert texts(board, "strengths") == ["Local technical service team"]
    assert panel.rows[0].weight.value == 4
    assert panel.new_text.value == ""  # ready for the next item
    assert saved(workbook_path, "swot") == {
        "title": "Huaxin at AC001",
        "swot": {"strengths": [{"text": "Local technical service team", "weight": 4}],
                 "weaknesses": [], "opportunities": [], "threats": []},
    }


def test_quadrants_are_grouped_internal_and_external(workbook_path: Path) -> None:
    board = SWOTBoard()
    labels = [child.value for child in board.board_grid.children if hasattr(child, "value")]
    assert any("Internal, controllable (内部可控)" in text for text in labels)
    assert any("External, not controllable (外部不可控)" in text for text in labels)
    assert "Strengths (优势)" in board.panels["strengths"].box.children[0].value
    assert "Threats (威胁)" in board.panels["threats"].box.children[0].value


def test_tows_prompts_follow_the_items(workbook_path: Path) -> None:
    board = SWOTBoard()
    assert "Add internal and external items" in board.tows_view.value
    board.add("strengths", "Fast delivery", 5)
    board.add("opportunities", "New EV plant", 4)
    board.add("threats", "Rival price cut", 3)
    matrix = board.tows_view.value
    assert "S1+O1" in matrix and "S1+T1" in matrix  # SO and ST pair the items by their tags
    assert ("<b>WO</b>: take an opportunity to overcome a weakness<br><i class='kam-hint'>—</i>"
            in matrix)  # no weakness yet: an empty cell
    assert "Use strength &#x27;Fast delivery&#x27; to seize opportunity" in matrix  # on hover
    assert matrix.count("<tr>") == 3  # a compact 2x2 matrix under its header, not a list
    board.add("weaknesses", "Thin R&D team", 2)
    assert "W1+T1" in board.tows_view.value


def test_edit_in_place_reorder_and_remove(workbook_path: Path) -> None:
    board = SWOTBoard()
    for text in ("Price war", "New VOC rules", "Customer moves plant"):
        board.add("threats", text)
    rows = board.panels["threats"].rows
    assert rows[0].up.disabled and rows[2].down.disabled
    rows[1].text.value = "Stricter VOC emission rules"
    rows[1].weight.value = 5
    assert board.swot.threats[1].text == "Stricter VOC emission rules"
    assert board.swot.threats[1].weight == 5
    board.panels["threats"].rows[1].up.click()
    assert texts(board, "threats") == ["Stricter VOC emission rules", "Price war",
                                       "Customer moves plant"]
    board.panels["threats"].rows[1].down.click()
    assert texts(board, "threats")[2] == "Price war"
    board.panels["threats"].rows[0].remove.click()
    assert texts(board, "threats") == ["Customer moves plant", "Price war"]
    threats = saved(workbook_path, "swot")["swot"]["threats"]
    assert [i["text"] for i in threats] == texts(board, "threats")


def test_empty_text_shows_a_message_not_a_crash(workbook_path: Path) -> None:
    board = SWOTBoard()
    board.panels["weaknesses"].add_button.click()
    assert "text: got ''; expected non-empty text" in board.error
    assert board.swot.weaknesses == ()
    board.add("weaknesses", "Slow quotes")
    assert board.error == ""
    board.panels["weaknesses"].rows[0].text.value = "   "
    assert "expected non-empty text" in board.error
    assert board.swot.weaknesses[0].text == "Slow quotes"  # the model keeps the last good text


def test_board_comes_back_after_a_restart(workbook_path: Path) -> None:
    first = SWOTBoard(title="AC007 Zhuzhou Rail")
    first.add("opportunities", "Metro line tenders", 5)
    again = SWOTBoard()  # a new kernel creates the widget again
    assert again.title == "AC007 Zhuzhou Rail"
    assert texts(again, "opportunities") == ["Metro line tenders"]
    assert again.swot == first.swot


def test_one_board_per_account_through_sections(workbook_path: Path) -> None:
    one = SWOTBoard(title="AC001", section="swot_AC001")
    two = SWOTBoard(title="AC002", section="swot_AC002")
    one.add("strengths", "Long relationship")
    two.add("threats", "Budget cuts")
    assert SWOTBoard(section="swot_AC001").swot.threats == ()
    assert SWOTBoard(section="swot_AC002").swot.threats[0].text == "Budget cuts"
    assert set(saved(workbook_path)) == {"swot_AC001", "swot_AC002"}


def test_starting_items_and_markdown(workbook_path: Path) -> None:
    start = (
        SWOT()
        .add("strengths", "ISO 9001 plants", weight=4)
        .add("opportunities", "Export push", weight=3)
    )
    board = SWOTBoard(title="Huaxin", swot=start)
    text = board.to_markdown()
    assert text.startswith("# Huaxin\n")
    assert "- ISO 9001 plants (weight 4)" in text
    assert "## TOWS strategy prompts (TOWS策略)" in text
    assert "**SO**: Use strength 'ISO 9001 plants' to seize opportunity 'Export push': " in text
    assert "TOWS" not in SWOTBoard(section="empty").to_markdown()


def test_chinese_labels_and_prompts(workbook_path: Path) -> None:
    board = SWOTBoard(language="zh", section="swot_zh")
    board.add("strengths", "交货快")
    board.add("threats", "价格战")
    assert board.title == "SWOT分析"
    assert board.panels["strengths"].add_button.description == "添加"
    assert "利用优势「交货快」应对威胁「价格战」" in board.tows_view.value


def test_damaged_workbook_is_kept_aside(workbook_path: Path) -> None:
    workbook_path.parent.mkdir(parents=True)
    workbook_path.write_text("[]", encoding="utf-8")
    with pytest.warns(WorkbookRecoveryWarning):
        board = SWOTBoard()
    assert board.swot == SWOT()
    assert len(list(workbook_path.parent.glob("learner.json.damaged-*"))) == 1


def test_bad_saved_section_is_reported(workbook_path: Path) -> None:
    Workbook(workbook_path).set("swot", {"swot": {"rumours": []}})
    board = SWOTBoard()
    assert "saved SWOT in 'swot' ignored" in board.error
    assert "quadrant: got 'rumours'" in board.error


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"title": ""}, "title: got ''; expected non-empty text"),
        ({"swot": {"strengths": []}}, "swot: got .*expected a kamlib.swot.SWOT"),
        ({"section": ""}, "section: got ''"),
        ({"language": "de"}, "language: got 'de'"),
    ],
)
def test_bad_arguments(workbook_path: Path, kwargs: dict, message: str) -> None:
    with pytest.raises(KamValueError, match=message):
        SWOTBoard(**kwargs)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("rumours", "x"), "quadrant: got 'rumours'"),
        (("strengths", ""), "text: got ''"),
        (("strengths", "Fast", 9), "weight: got 9; expected a number from 1 to 5"),
    ],
)
def test_add_rejects_bad_items(workbook_path: Path, args: tuple, message: str) -> None:
    board = SWOTBoard()
    with pytest.raises(KamValueError, match=message):
        board.add(*args)
    assert not workbook_path.exists()
