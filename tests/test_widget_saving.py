"""Every widget saves only what the learner changes: creating one writes nothing.

Saved work wins over a widget's starting data, so a widget that saved on creation would
freeze the data of that day (e.g. the case product lines) for the learner for good.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from kamlib import widgets as kw
from kamlib.workbook import Workbook

QUIZ = {"question": "Which share?", "options": ["20%", "80%"], "answer": "80%",
        "explanations": ["Too few.", "Right."], "key": "saving"}

#: Widget kind -> (make it on a workbook, one change a learner makes).
KINDS: dict[str, tuple[Callable[[Workbook], Any], Callable[[Any], None]]] = {
    "ClassPicker": (lambda book: kw.ClassPicker(workbook=book),
                    lambda w: setattr(w.x, "value", 3)),
    "XYGrid": (lambda book: kw.XYGrid(workbook=book),
               lambda w: setattr(w.vip_checkbox, "value", not w.vip_checkbox.value)),
    "SWOTBoard": (lambda book: kw.SWOTBoard(workbook=book),
                  lambda w: w.add("strengths", "Local technical service")),
    "BCGPlot": (lambda book: kw.BCGPlot(workbook=book),
                lambda w: setattr(w.rows[0]["market_growth_pct"], "value", 12.5)),
    "ParetoExplorer": (lambda book: kw.ParetoExplorer(workbook=book),
                       lambda w: setattr(w.top_slider, "value", 0.3)),
    "KeepWinCalculator": (lambda book: kw.KeepWinCalculator(workbook=book),
                          lambda w: setattr(w.figures, "value", "published")),
    "StageDiagnostic": (lambda book: kw.StageDiagnostic("AC002", workbook=book),
                        lambda w: setattr(w.flags["joint_team"], "value",
                                          not w.flags["joint_team"].value)),
    "UncouplingAudit": (lambda book: kw.UncouplingAudit("AC002", workbook=book),
                        lambda w: setattr(next(iter(w.ratings.values())), "value", 2)),
    "EnvironmentScan": (lambda book: kw.EnvironmentScan(workbook=book),
                        lambda w: setattr(w.consumer["who"], "value", "Paint shops")),
    "RiskMatrices": (lambda book: kw.RiskMatrices(workbook=book),
                     lambda w: w.add("threats", "Price war", 0.8, 0.6)),
    "AnsoffPicker": (lambda book: kw.AnsoffPicker(workbook=book),
                     lambda w: setattr(w.product, "value", True)),
    "SmartCoach": (lambda book: kw.SmartCoach(workbook=book),
                   lambda w: setattr(w.goal_text, "value", "Grow AC017 by 15% by Q4 2026")),
    "MixPlanner": (lambda book: kw.MixPlanner(workbook=book),
                   lambda w: setattr(w.margin_rate, "value", 0.25)),
    "VisitPlanner": (lambda book: kw.VisitPlanner(workbook=book),
                     lambda w: setattr(w.days["A"], "value", w.days["A"].value + 7)),
    "Quiz": (lambda book: kw.Quiz(**QUIZ, workbook=book),
             lambda w: (w.select("80%"), w.check())),
    "AccountChooser": (lambda book: kw.AccountChooser(workbook=book),
                       lambda w: (setattr(w.case_list, "value", "AC017"), w.use_case.click())),
    "BuyingCentreMap": (lambda book: kw.BuyingCentreMap(workbook=book),
                        lambda w: setattr(w.pickers["P0178"], "value", "gatekeeper")),
    "SpinPractice": (lambda book: kw.SpinPractice(workbook=book),
                     lambda w: setattr(w.boxes["problem"], "value", "Where do you lose parts?")),
    "CallObjective": (lambda book: kw.CallObjective(workbook=book),
                      lambda w: setattr(w.objective, "value", "Agree a trial by May 2026")),
    "BenefitBuilder": (lambda book: kw.BenefitBuilder(workbook=book),
                       lambda w: setattr(w.benefit, "value", "You cut your gas bill.")),
    "ObjectionPractice": (lambda book: kw.ObjectionPractice(workbook=book),
                          lambda w: setattr(w.boxes["acknowledge"], "value", "I understand.")),
    "StyleSelfAssessment": (lambda book: kw.StyleSelfAssessment(workbook=book),
                            lambda w: setattr(w.ratings["small_talk"], "value", 3)),
    "CostToServe": (lambda book: kw.CostToServe(workbook=book),
                    lambda w: setattr(w.rates["visit"], "value", 2500.0)),
}


def _file_state(path: Path) -> tuple[int, int, bytes]:
    """Identity, time and content of the file: any write (it replaces the file) changes it."""
    stat = path.stat()
    return stat.st_ino, stat.st_mtime_ns, path.read_bytes()


@pytest.mark.parametrize("kind", list(KINDS))
def test_creating_writes_nothing_and_a_change_is_saved(tmp_path: Path, kind: str) -> None:
    make, change = KINDS[kind]
    path = tmp_path / "book.json"
    book = Workbook(path)
    widget = make(book)
    assert not path.exists(), f"{kind} wrote the workbook on creation"
    change(widget)
    assert json.loads(path.read_text(encoding="utf-8"))[widget.section] == widget.value
    before = _file_state(path)
    again = make(book)  # restoring the saved work does not write it back
    assert _file_state(path) == before, f"{kind} wrote the workbook when restoring"
    assert again.value == widget.value


def test_unedited_bcg_plot_shows_fixed_data(tmp_path: Path) -> None:
    """A learner who never edited the table sees the data of the day, not that of day one."""
    book = Workbook(tmp_path / "book.json")
    first = kw.BCGPlot(workbook=book)
    fixed = first.units.reset_index(drop=True).assign(market_growth_pct=3.0)
    assert list(kw.BCGPlot(fixed, workbook=book).table["market_growth_pct"]) == [3.0] * len(fixed)


def test_damaged_save_is_reported_after_the_first_refresh(tmp_path: Path) -> None:
    """VisitPlanner's first refresh clears messages; the saved-work problem still shows."""
    book = Workbook(tmp_path / "book.json")
    book.set("visit_planner", {"days": {"A": "weekly"}})
    planner = kw.VisitPlanner(workbook=book)
    assert "saved work in section 'visit_planner' ignored" in planner.error
    assert isinstance(planner.due, pd.DataFrame) and not planner.due.empty
