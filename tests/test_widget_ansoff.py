"""AnsoffPicker: the toggles pick a cell, the plot highlights it, the choice is saved."""

from __future__ import annotations

import json

from matplotlib.colors import to_hex

from kamlib.views.matrices import ANSOFF_RISK_COLORS
from kamlib.widgets.ansoff_picker import AnsoffPicker
from kamlib.workbook import Workbook


def _highlighted(picker):
    filled = [p for p in picker.plot.axes.patches if p.get_fill()]
    return max(filled, key=lambda p: p.get_alpha())


def test_starts_at_market_penetration(workbook_path):
    picker = AnsoffPicker()
    assert picker.strategy.key == "market_penetration"
    assert "Market penetration (市场渗透)" in picker.details.value
    assert "low" in picker.details.value
    assert _highlighted(picker).get_xy() == (0.0, 0.0)
    assert picker.plot.png.startswith(b"\x89PNG")


def test_toggles_change_strategy_plot_and_saved_choice(workbook_path):
    picker = AnsoffPicker()
    picker.market.value = True
    assert picker.strategy.key == "market_development"
    assert "市场延伸" in picker.details.value and "solar-module" in picker.details.value
    assert _highlighted(picker).get_xy() == (0.0, 1.0)
    picker.product.value = True
    assert picker.strategy.key == "diversification"
    patch = _highlighted(picker)
    assert patch.get_xy() == (1.0, 1.0)
    assert to_hex(patch.get_facecolor()) == to_hex(ANSOFF_RISK_COLORS["high"])
    saved = json.loads(workbook_path.read_text(encoding="utf-8"))["ansoff_picker"]
    assert saved == {"new_product": True, "new_market": True, "strategy": "diversification",
                     "note": ""}


def test_note_is_saved_and_shown_again(workbook_path):
    picker = AnsoffPicker()
    picker.product.value = True
    picker.note.value = "Offer AC017 our low-VOC powder coating for its 2026 line"
    again = AnsoffPicker()
    assert again.value == picker.value
    assert again.strategy.key == "product_development"
    assert _highlighted(again).get_xy() == (1.0, 0.0)


def test_labels_follow_language(workbook_path):
    picker = AnsoffPicker(language="zh")
    assert picker.product.options[1][0] == "新产品"


def test_damaged_saved_choice_is_reported(workbook_path):
    Workbook(workbook_path).set("ansoff_picker", {"new_product": "yes", "note": ""})
    picker = AnsoffPicker()
    assert "saved new_product: got 'yes'; expected True or False" in picker.error
    assert picker.strategy.key == "market_penetration"
