"""CallObjective: set the objective of your next visit as an advance, and check it [O5, L3.5].

The account's last visit and its agreed next step are shown from the visit log; the learner
writes the objective of the next call, and it is judged twice: is it an **advance** (an action
the customer commits to, Rackham 1988: :func:`kamlib.goals.judge_advance`) and is it
**SMART** (:func:`kamlib.goals.check_smart`). The objective is saved per account.
"""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as widgets

from kamlib import datasets, goals
from kamlib.i18n import N_
from kamlib.widgets._practice import PracticeWidget, saved_texts


class CallObjective(PracticeWidget):
    """One text box for the next call's objective; advance and SMART verdicts beneath it.

    ``.value`` = ``{"objective": text}``; ``.advance`` and ``.report`` hold the last
    :class:`kamlib.goals.AdvanceVerdict` and :class:`kamlib.goals.SmartReport` (None while
    the box is empty).
    """

    section = "call_objective"
    needs_case_data = False

    def _build(self) -> None:
        self.objective = self.text_box(
            N_("Objective"),
            self.tr(N_("e.g. {objective}")).format(
                objective=self.tr(goals.MODEL_VISIT_OBJECTIVE)),
            height="64px",
        )
        self.context = widgets.HTML(self._last_visit())
        self.table = widgets.HTML()
        self.advance: goals.AdvanceVerdict | None = None
        self.report: goals.SmartReport | None = None
        self.widget = self.frame(
            self.title(N_("The objective of your next call"),
                       N_("Write what the customer should agree to at the end of the call: an "
                          "advance, not a continuation.")),
            self.context,
            self.objective,
            self.table,
        )

    def _last_visit(self) -> str:
        visits = datasets.load("visits")
        done = visits[(visits["account_id"] == self.account_id) & (visits["status"] == "done")]
        if done.empty:
            no_visit = self.tr(N_("no visit yet."))
            return f"<p><b>{self.account_id}</b>: {html.escape(no_visit)}</p>"
        last = datasets.shown_texts(done.sort_values("date").iloc[-1], "visits",
                                    language=self.shown_language)
        text = self.tr(N_("Last visit on {day}: '{objective}'. Outcome: '{outcome}'. Agreed "
                          "next step: '{step}'.")).format(
            day=f"{last['date']:%Y-%m-%d}", objective=last["objective"],
            outcome=last["outcome"], step=last["next_step"])
        return f"<p><b>{self.account_id}</b>. {html.escape(text)}</p>"

    @property
    def value(self) -> dict[str, Any]:
        return {"objective": self.objective.value}

    def _restore(self, saved: Any) -> None:
        self.objective.value = saved_texts(saved, ("objective",))["objective"]

    def _refresh(self) -> None:
        text = self.objective.value.strip()
        if not text:
            self.advance = self.report = None
            self.table.value = self.verdicts(
                [(self.tr(N_("Advance")), None, self.tr(N_("not written yet")), "")])
            return
        self.advance = goals.judge_advance(text)
        self.report = goals.check_smart(text)
        rows = [(self.tr(N_("Advance")), self.advance.is_advance, self.advance.reason,
                 self.advance.hint)]
        for letter, verdict in self.report.letters.items():
            name = f"{letter} {self.tr(goals.LETTER_NAMES[letter][0])}"
            rows.append((name, verdict.passed, verdict.reason, verdict.hint))
        self.table.value = self.verdicts(rows)
