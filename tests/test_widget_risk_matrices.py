"""RiskMatrices: opportunities and threats placed in their cells, with advice, saved."""

from __future__ import annotations

import numpy as np
from helpers import saved

from kamlib.widgets.risk_matrices import RiskMatrices
from kamlib.workbook import Workbook


def _points(panel):
    return panel.plot.axes.collections[0].get_offsets()


def test_add_opportunity_through_controls(workbook_path):
    matrices = RiskMatrices()
    panel = matrices.panels["opportunities"]
    assert len(_points(panel)) == 0
    panel.text.value = "Wind-blade makers need structural adhesives"
    panel.measure.value = 0.8
    panel.probability.value = 0.7
    panel.add_button.click()
    assert np.allclose(_points(panel), [[0.7, 0.8]])
    assert "Pursue now (优先把握)" in panel.table.value
    assert "put people and money behind it" in panel.table.value
    assert panel.text.value == ""  # ready for the next one
    assert saved(workbook_path, "risk_matrices")["opportunities"] == [
        {"text": "Wind-blade makers need structural adhesives", "attractiveness": 0.8,
         "probability": 0.7}
    ]


def test_threats_get_threat_advice(workbook_path):
    matrices = RiskMatrices()
    matrices.add("threats", "Rival cuts primer price by 8%", 0.9, 0.6)
    matrices.add("threats", "Buyer at AC017 retires", "high", "low")
    table = matrices.panels["threats"].table.value
    assert "Prepare a contingency plan now" in table
    assert "Monitor closely, keep a fallback plan" in table
    assert np.allclose(_points(matrices.panels["threats"]), [[0.6, 0.9], [0.25, 0.75]])
    assert matrices.value["opportunities"] == []


def test_saved_items_come_back_and_can_be_removed(workbook_path):
    matrices = RiskMatrices()
    matrices.add("opportunities", "EV battery-pack sealing", 0.9, 0.3)
    matrices.add("opportunities", "Furniture export rebound", 0.2, 0.8)
    again = RiskMatrices()
    assert again.value == matrices.value
    assert len(_points(again.panels["opportunities"])) == 2
    panel = again.panels["opportunities"]
    panel.remove_picker.value = 0
    panel.remove_button.click()
    assert [i["text"] for i in saved(workbook_path, "risk_matrices")["opportunities"]] == [
        "Furniture export rebound"
    ]
    assert np.allclose(_points(panel), [[0.8, 0.2]])


def test_bad_input_is_shown_not_raised(workbook_path):
    matrices = RiskMatrices()
    matrices.add("threats", "  ", 0.5, 0.5)
    assert "text: got '  '; expected non-empty text" in matrices.error
    matrices.add("opportunities", "Big tender", 1.5, 0.5)
    assert "attractiveness: got 1.5; expected 'high', 'low' or a number from 0 to 1" in (
        matrices.error
    )
    matrices.add("threats", "New rival", 0.5, "maybe")
    assert "probability: got 'maybe'; expected one of 'high', 'low'" in matrices.error
    assert matrices.value == {"opportunities": [], "threats": []}
    matrices.add("threats", "New rival", 0.5, 0.5)
    assert matrices.error == ""


def test_removing_nothing_is_shown(workbook_path):
    matrices = RiskMatrices()
    matrices.panels["threats"].remove_button.click()
    assert "item to remove: got None; expected an item of the list" in matrices.error


def test_damaged_save_is_reported(workbook_path):
    Workbook(workbook_path).set("risk_matrices", {
        "opportunities": [{"text": "ok", "attractiveness": 0.5, "probability": 0.5}],
        "threats": [{"text": "bad", "seriousness": 7, "probability": 0.5}],
    })
    matrices = RiskMatrices()
    assert "saved threats in section 'risk_matrices' ignored: seriousness: got 7" in (
        matrices.error
    )
    assert len(matrices.value["opportunities"]) == 1 and matrices.value["threats"] == []
