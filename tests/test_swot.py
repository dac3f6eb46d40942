"""Tests of SWOT/TOWS (SWOT分析) [L2.8] and the opportunity and threat matrices [L2.9]."""

from __future__ import annotations

import json

import pytest

from kamlib.swot import (
    SWOT,
    SWOT_QUADRANTS,
    SWOTItem,
    opportunity_cell,
    threat_cell,
    topics,
    tows,
)
from kamlib.validation import KamValueError


@pytest.fixture
def swot():
    return (
        SWOT()
        .add("strengths", "Fast technical service", weight=5)
        .add("strengths", "Wide product range", weight=2)
        .add("strengths", "Long-standing accounts", weight=4)
        .add("weaknesses", "Small sales team", weight=4)
        .add("opportunities", "EV battery plants need adhesives", weight=5)
        .add("threats", "Price war with importers", weight=3)
    )


def test_quadrants_are_internal_or_external():
    assert [(q.zh, q.internal) for q in SWOT_QUADRANTS] == [
        ("优势", True),
        ("劣势", True),
        ("机会", False),
        ("威胁", False),
    ]
    assert "内部可控" in SWOT_QUADRANTS[0].side and "外部不可控" in SWOT_QUADRANTS[3].side


def test_item_validation():
    assert SWOTItem("  Good service ").text == "Good service"
    with pytest.raises(KamValueError, match=r"text: got ''; expected non-empty text"):
        SWOTItem("")
    with pytest.raises(KamValueError, match=r"weight: got 6; expected a number from 1 to 5"):
        SWOTItem("x", 6)
    with pytest.raises(KamValueError, match=r"weight: got 2.5; expected a whole number"):
        SWOTItem("x", 2.5)


def test_swot_accepts_texts_and_dicts_and_is_immutable(swot):
    built = SWOT(strengths=["Service", {"text": "Range", "weight": 1}])
    assert built.strengths == (SWOTItem("Service", 3), SWOTItem("Range", 1))
    before = swot.to_dict()
    swot.add("threats", "New rival")
    assert swot.to_dict() == before
    with pytest.raises(AttributeError):
        swot.strengths = ()


def test_add_remove_edit(swot):
    assert swot.remove("strengths", 1).strengths == (
        SWOTItem("Fast technical service", 5),
        SWOTItem("Long-standing accounts", 4),
    )
    edited = swot.edit("weaknesses", 0, weight=2).edit("weaknesses", 0, text="Thin team")
    assert edited.weaknesses == (SWOTItem("Thin team", 2),)


def test_move_reorders_and_refiles(swot):
    moved = swot.move("strengths", 2, to_index=0)
    assert [i.text for i in moved.strengths] == [
        "Long-standing accounts",
        "Fast technical service",
        "Wide product range",
    ]
    refiled = swot.move("strengths", 1, to_index=0, to_quadrant="weaknesses")
    assert [i.text for i in refiled.weaknesses] == ["Wide product range", "Small sales team"]
    assert len(refiled.strengths) == 2
    assert swot.move("threats", 0, to_index=0, to_quadrant="opportunities").threats == ()


def test_dict_round_trip_through_json(swot):
    data = json.loads(json.dumps(swot.to_dict()))
    assert SWOT.from_dict(data) == swot
    assert SWOT.from_dict({"threats": [{"text": "Rival", "weight": 5}]}).threats[0].weight == 5


def test_to_markdown(swot):
    text = swot.to_markdown()
    assert "## Strengths (优势): internal, controllable (内部可控)" in text
    assert "- Fast technical service (weight 5)" in text
    assert "## Threats (威胁): external, not controllable (外部不可控)" in text
    assert "(none yet)" in SWOT().to_markdown()


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda s: s.add("strenghts", "x"), r"quadrant: got 'strenghts'; expected one of"),
        (
            lambda s: s.add("threats", "x", weight=0),
            r"weight: got 0; expected a number from 1 to 5",
        ),
        (
            lambda s: s.remove("strengths", 3),
            r"index in strengths: got 3; expected a number from 0 to 2",
        ),
        (lambda s: s.remove("strengths", "0"), r"index in strengths: got '0'; expected a number"),
        (lambda s: s.edit("threats", 0, text=" "), r"text: got ' '; expected non-empty text"),
        (
            lambda s: SWOT().remove("threats", 0),
            r"index in threats: got 0; expected an item, but threats is empty",
        ),
        (
            lambda s: s.move("strengths", 0, to_index=5),
            r"index in strengths: got 5; expected a number from 0 to 2",
        ),
        (
            lambda s: s.move("strengths", 0, to_index=0, to_quadrant="risks"),
            r"to_quadrant: got 'risks'; expected one of",
        ),
        (
            lambda s: SWOT(strengths="Service"),
            r"strengths: got 'Service'; expected a list of items",
        ),
        (
            lambda s: SWOT(threats=[42]),
            r"threats\[0\]: got 42; expected a SWOTItem, a text, or a dict",
        ),
        (
            lambda s: SWOT(threats=[{"txt": "x"}]),
            r"threats\[0\]: got \{'txt': 'x'\}; expected a dict with",
        ),
        (lambda s: SWOT.from_dict([]), r"data: got \[\]; expected a dict of quadrant"),
        (lambda s: SWOT.from_dict({"risks": []}), r"quadrant: got 'risks'; expected one of"),
    ],
)
def test_swot_rejects_bad_edits(swot, call, match):
    with pytest.raises(KamValueError, match=match):
        call(swot)


def test_tows_pairs_only_items_that_bear_on_each_other(swot):
    table = tows(swot)
    assert list(table.columns) == ["strategy", "internal", "external", "prompt", "zh", "link"]
    pairs = set(zip(table["strategy"], table["internal"], table["external"], strict=True))
    # service against a price war: compete without cutting the price
    assert ("ST", "Fast technical service", "Price war with importers") in pairs
    # a wide range also meets the price war, but its pair is the lightest and top=2 cuts it
    assert ("ST", "Wide product range", "Price war with importers") not in pairs
    assert ("ST", "Wide product range", "Price war with importers") in set(
        zip(*[tows(swot, top=3)[c] for c in ("strategy", "internal", "external")], strict=True)
    )
    st = table[(table["strategy"] == "ST") & (table["internal"] == "Fast technical service")]
    assert st["prompt"].item() == (
        "Use strength 'Fast technical service' to counter threat 'Price war with importers': "
        "good service lets you compete without cutting the price."
    )
    assert st["zh"].item() == (
        "利用优势「Fast technical service」应对威胁「Price war with importers」："
        "好的服务让你不必降价也能竞争。"
    )
    assert (table["link"] != "").sum() == len(table) - (table["internal"] == "").sum()


def test_tows_says_so_when_nothing_links():
    board = (
        SWOT()
        .add("weaknesses", "Small sales team", weight=4)
        .add("threats", "New VOC limits", weight=3)
    )
    table = tows(board)
    assert table[["strategy", "internal", "external", "link"]].values.tolist() == [
        ["WT", "", "", ""]
    ]
    assert "No weakness bears on a threat yet" in table["prompt"].item()
    assert "New VOC limits" in table["prompt"].item()


def test_tows_of_the_worked_scan_pairs_by_environment_factor():
    """Scan entries carry their factor: our cost position meets the rivals' share of spend."""
    from kamlib import datasets, environment

    tables = [datasets.load(n) for n in ("accounts", "transactions", "product_lines", "contacts")]
    board = environment.scan_to_swot(environment.worked_scan("AC017", *tables))
    table = tows(board, top=1)
    st = table[table["strategy"] == "ST"].iloc[0]
    assert st["internal"].startswith("Cost position") and st["external"].startswith("Competitors")
    assert st["link"] == "cost decides who can win on price"
    assert len(tows(board, top=3)) > len(table)


def test_topics_read_english_and_chinese():
    assert topics("价格战") == ("price", "competition")
    assert topics("Stricter VOC emission rules") == ("emissions",)
    assert topics("ISO 9001 plants") == ("quality",)
    assert topics("Weather") == ()


def test_tows_of_an_empty_swot_is_empty():
    assert tows(SWOT()).empty


def test_tows_rejects_bad_input(swot):
    with pytest.raises(KamValueError, match=r"swot: got \{\}; expected a SWOT"):
        tows({})
    with pytest.raises(KamValueError, match=r"top: got 0; expected a number from 1 to 10"):
        tows(swot, top=0)


@pytest.mark.parametrize(
    ("attractiveness", "probability", "key"),
    [
        ("high", "high", "pursue_now"),
        ("High", 0.2, "build_capability"),
        (0.1, 0.5, "take_if_cheap"),
        ("low", "low", "set_aside"),
    ],
)
def test_opportunity_cell(attractiveness, probability, key):
    cell = opportunity_cell(attractiveness, probability)
    assert cell.key == key and cell.zh and cell.advice


@pytest.mark.parametrize(
    ("seriousness", "probability", "key"),
    [
        (0.9, 0.9, "contingency_now"),
        ("high", "low", "monitor_closely"),
        ("low", 1, "manage_routinely"),
        (0, 0.49, "note_and_review"),
    ],
)
def test_threat_cell(seriousness, probability, key):
    cell = threat_cell(seriousness, probability)
    assert cell.key == key and cell.zh and cell.advice
    assert threat_cell("high", "high").en == "Prepare a contingency plan now"


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (
            lambda: opportunity_cell("medium", "high"),
            r"attractiveness: got 'medium'; expected one of 'high', 'low'",
        ),
        (
            lambda: opportunity_cell("high", 1.5),
            r"probability: got 1.5; expected 'high', 'low' or a number from 0 to 1",
        ),
        (
            lambda: threat_cell(True, "low"),
            r"seriousness: got True; expected 'high', 'low' or a number",
        ),
        (
            lambda: threat_cell("low", None),
            r"probability: got None; expected 'high', 'low' or a number",
        ),
    ],
)
def test_matrix_cells_reject_bad_levels(call, match):
    with pytest.raises(KamValueError, match=match):
        call()
