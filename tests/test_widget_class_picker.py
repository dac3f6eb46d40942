"""ClassPicker: the start-here widget names the class of an (X, Y) pair, in either language."""

from __future__ import annotations

from pathlib import Path

from kamlib.widgets.class_picker import ClassPicker
from kamlib.workbook import Workbook


def test_moving_the_sliders_changes_the_class_and_is_saved(workbook_path: Path) -> None:
    picker = ClassPicker()
    assert picker.result.account_class == "B"
    assert "Class B" in picker.verdict.value and "X=1, Y=3" in picker.verdict.value
    picker.x.value = 3
    assert picker.result.account_class == "A" and "Class A" in picker.verdict.value
    picker.vip.value = True
    assert (picker.result.account_class, picker.result.grid_class) == ("VIP", "A")
    assert Workbook(workbook_path).get("class_picker") == {"x": 3, "y": 3, "vip": True}
    assert ClassPicker().value == {"x": 3, "y": 3, "vip": True}


def test_an_impossible_pair_says_why_instead_of_failing(workbook_path: Path) -> None:
    picker = ClassPicker()
    picker.x.value = 4
    picker.y.value = 2
    assert picker.result is None
    assert "Not possible" in picker.verdict.value and "capacity" in picker.verdict.value


def test_labels_follow_the_language(workbook_path: Path) -> None:
    picker = ClassPicker(language="zh")
    assert picker.x.description == "X（目前购买）"
    assert "B级" in picker.verdict.value


def test_a_damaged_saved_entry_is_reported_not_applied(workbook_path: Path) -> None:
    Workbook(workbook_path).set("class_picker", {"x": 9, "y": 3, "vip": False})
    picker = ClassPicker()
    assert picker.x.value == 1
    assert "saved x" in picker.error and "ignored" in picker.error
