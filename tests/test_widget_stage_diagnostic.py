"""StageDiagnostic driven from Python: tick contacts and trade, read the stage and the ladder."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import saved

from kamlib import datasets, stages
from kamlib.validation import KamValueError
from kamlib.widgets.stage_diagnostic import StageDiagnostic


def marked_step(w: StageDiagnostic) -> int:
    """The ladder step drawn with the thick outline (the stage on show)."""
    widths = [patch.get_linewidth() for patch in w.ladder.axes.patches]
    return widths.index(max(widths)) + 1


def test_ticks_climb_the_stages(workbook_path: Path) -> None:
    w = StageDiagnostic()
    assert w.diagnosis.stage == 1 and marked_step(w) == 1
    w.flags["traded"].value = True
    w.flags["recent_orders"].value = True
    w.boxes[("key account management", "purchasing")].value = True
    assert w.diagnosis.stage == 2
    w.boxes[("finance", "finance")].value = True
    assert w.diagnosis.stage == 3 and "finance ↔ finance" in w.diagnosis.reasons[0]
    w.flags["staff_contact"].value = True
    assert w.diagnosis.stage == 4
    w.flags["joint_team"].value = True
    assert w.diagnosis.stage == 5 and marked_step(w) == 5
    assert "Synergistic KAM (协作式大客户管理阶段)" in w.result_html.value
    w.flags["recent_orders"].value = False
    assert w.diagnosis.stage == 6
    assert w.diagnosis.reasons == ("trade so far: yes; orders in the last 6 months: no",)


def test_ticks_are_saved_and_restored(workbook_path: Path) -> None:
    w = StageDiagnostic()
    w.boxes[("quality", "quality")].value = True
    w.flags["traded"].value = True
    book = saved(workbook_path)["stage_diagnostic"]
    assert book["contacts"] == [["quality", "quality"]] and book["traded"] is True
    again = StageDiagnostic()
    assert again.value == w.value and again.diagnosis.stage == w.diagnosis.stage


def test_account_pre_ticks_its_contacts_and_draws_its_map(workbook_path: Path) -> None:
    contacts = datasets.load("contacts")
    mine = contacts[contacts["account_id"] == "AC002"]
    w = StageDiagnostic("AC002")
    ticked = {tuple(pair) for pair in w.value["contacts"]}
    assert ticked == set(zip(mine["our_function"].astype(str), mine["their_function"].astype(str),
                             strict=True))
    case = stages.relationship_stage(
        mine, datasets.load("transactions").query("account_id == 'AC002'"))
    assert w.case_diagnosis.stage == case.stage == w.diagnosis.stage
    assert len(w.contact_map.axes.lines) == len(mine)
    assert w.section == "stage_diagnostic/AC002"


def test_unknown_account_is_refused(workbook_path: Path) -> None:
    with pytest.raises(KamValueError, match="account_id: got 'AC999'; expected an account id"):
        StageDiagnostic("AC999")
    with pytest.raises(KamValueError, match="account_id: got 42"):
        StageDiagnostic(42)


def test_orders_halved_reaches_stage_6_while_orders_continue(workbook_path: Path) -> None:
    w = StageDiagnostic()
    assert w.flags["orders_halved"].disabled  # no trade yet: nothing to halve
    w.flags["traded"].value = True
    w.flags["recent_orders"].value = True
    w.boxes[("finance", "finance")].value = True
    assert w.diagnosis.stage == 3
    assert w.diagnosis.reasons == ("finance ↔ finance contact since 2025-12",
                                   "trade so far: yes; orders in the last 6 months: yes")
    w.flags["orders_halved"].value = True
    assert w.diagnosis.stage == 6 and marked_step(w) == 6
    assert w.diagnosis.reasons[0] == "orders fell by more than half"
    assert saved(workbook_path)["stage_diagnostic"]["orders_halved"] is True
    w.flags["traded"].value = False  # the details no longer apply
    assert w.diagnosis.stage == 1 and w.flags["orders_halved"].disabled


def test_account_with_halved_orders_agrees_with_the_case_data(workbook_path: Path) -> None:
    facts = stages.trade_facts(datasets.load("transactions"),
                               datasets.load("accounts")).set_index("account_id")
    halved = facts[facts["revenue_halved"] & facts["ordered_in_last_180_days"]].index[0]
    w = StageDiagnostic(halved)
    assert w.value["recent_orders"] is True and w.value["orders_halved"] is True
    assert w.diagnosis.stage == w.case_diagnosis.stage == 6
    assert w.diagnosis.reasons[0] == "orders fell by more than half"



def _grid_heads(widget) -> list[str]:
    """The HTML cells of the contact grid (the GridBox whose first column is 110px wide)."""
    stack = [widget]
    while stack:
        node = stack.pop()
        if type(node).__name__ == "GridBox" and "minmax(110px" in str(
                node.layout.grid_template_columns):
            return [cell.value for cell in node.children if type(cell).__name__ == "HTML"]
        stack.extend(getattr(node, "children", ()))
    raise AssertionError("no contact grid")


def test_the_contact_grid_names_the_functions_in_chinese(workbook_path: Path) -> None:
    """The grid's row and column heads (our and their functions) in the widget's language;
    the ticks still save the English function keys."""
    w = StageDiagnostic(language="zh")
    heads = [h for h in _grid_heads(w.widget) if h.startswith("<b>")]
    assert {"<b>大客户管理</b>", "<b>采购</b>", "<b>研发</b>"} <= set(heads)
    assert not [h for h in heads if any("a" <= c <= "z" for c in h[3:-4])]
    assert w.boxes[("key account management", "purchasing")].tooltip == "大客户管理 ↔ 采购"
    assert "<b>purchasing</b>" in _grid_heads(StageDiagnostic(language="en").widget)
