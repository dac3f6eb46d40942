"""EnvironmentScan: factor-dependent effects, saved entries, sending them to a SWOT board."""

from __future__ import annotations

import json

import pytest
from helpers import saved

from kamlib import KamValueError
from kamlib.widgets.environment_scan import EnvironmentScan
from kamlib.widgets.swot_board import SWOTBoard
from kamlib.workbook import Workbook


def _effects(scan):
    return [value for _, value in scan.effect.options]


def test_effects_offered_follow_the_factor(workbook_path):
    scan = EnvironmentScan()
    scan.factor.value = "competitors"
    assert _effects(scan) == ["opportunity", "threat"]
    scan.factor.value = "political"
    assert _effects(scan) == ["opportunity", "threat"]
    assert "VOC" in scan.prompt.value
    scan.factor.value = "service"
    assert _effects(scan) == ["strength", "weakness"]


def test_add_through_controls_lists_and_saves(workbook_path):
    scan = EnvironmentScan()
    scan.factor.value = "political"
    scan.note.value = "New VOC limits from 2026 favour our waterborne line"
    scan.effect.value = "opportunity"
    scan.weight.value = 4
    scan.add_button.click()
    assert scan.note.value == ""
    assert "Political and legal (政治)" in scan.table.value
    assert saved(workbook_path, "environment_scan")["entries"] == [{
        "factor": "political", "note": "New VOC limits from 2026 favour our waterborne line",
        "effect": "opportunity", "weight": 4, "sent": False,
    }]
    assert [i.text for i in scan.swot.opportunities] == [
        "Political and legal (政治): New VOC limits from 2026 favour our waterborne line"
    ]


def test_send_to_swot_board_files_each_entry_once(workbook_path):
    board = SWOTBoard()
    scan = EnvironmentScan(board=board)
    scan.add("competitors", "A rival cut its primer price by 8%", "threat", 5)
    scan.add("products", "Primer passes 1000 h salt spray", "strength", 4)
    scan.send_button.click()
    assert [(i.text, i.weight) for i in board.swot.threats] == [
        ("Competitors (竞争对手状况): A rival cut its primer price by 8%", 5)
    ]
    assert [i.weight for i in board.swot.strengths] == [4]
    assert "2 entries sent" in scan.status.value
    scan.send_button.click()  # nothing new: nothing doubled
    assert len(board.swot.threats) == 1 and "already" in scan.status.value
    scan.add("people", "Only two application engineers", "weakness", 3)
    assert scan.send_to_board() == 1
    assert len(board.swot.weaknesses) == 1
    entries = saved(workbook_path, "environment_scan")["entries"]
    assert [e["sent"] for e in entries] == [True, True, True]
    swot_section = json.loads(workbook_path.read_text(encoding="utf-8"))["swot"]
    assert len(swot_section["swot"]["strengths"]) == 1


def test_without_board_explains_how(workbook_path):
    scan = EnvironmentScan()
    scan.add("economic", "Investment in wind energy grows", "opportunity")
    assert scan.send_to_board() == 0
    assert "EnvironmentScan(board=board)" in scan.status.value


def test_consumer_analysis_and_entries_come_back(workbook_path):
    scan = EnvironmentScan()
    scan.add("consumers", "Buyers want lower VOC", "opportunity", 3)
    scan.consumer["who"].value = "Purchasing managers of auto-parts makers"
    scan.consumer["why"].value = "Fewer line stops"
    again = EnvironmentScan()
    assert again.value == scan.value
    assert again.consumer_analysis.missing == ("what",)
    again.remove_picker.value = 0
    again.remove_button.click()
    assert saved(workbook_path, "environment_scan")["entries"] == []


def test_bad_entry_is_shown_not_raised(workbook_path):
    scan = EnvironmentScan()
    scan.add("products", "Good primer", "opportunity", 3)
    assert "effect of internal factor 'products': got 'opportunity'" in scan.error
    scan.add("political", "   ", "threat", 3)
    assert "note: got '   '; expected non-empty text" in scan.error
    scan.add("political", "VOC rules", "threat", 9)
    assert "weight: got 9; expected a number from 1 to 5" in scan.error
    assert scan.value["entries"] == []
    scan.add("political", "VOC rules", "threat", 2)
    assert scan.error == ""


def test_damaged_save_is_reported(workbook_path):
    Workbook(workbook_path).set("environment_scan", {"entries": [
        {"factor": "weather", "note": "x", "effect": "threat", "weight": 3}]})
    scan = EnvironmentScan()
    assert "ignored: factor: got 'weather'" in scan.error
    assert scan.entries == []


def test_board_must_have_add(workbook_path):
    with pytest.raises(KamValueError, match=r"board: got 'swot'; expected a SWOTBoard"):
        EnvironmentScan(board="swot")
