"""StageDiagnostic: which of the six stages is this relationship in? (大客户管理的发展) [L1.4b]

The learner ticks who talks to whom (our functions × the customer's functions), whether
ordinary staff are in contact, whether there is a joint team, and how the orders stand.
:func:`kamlib.stages.relationship_stage` names the stage (1–6, English and 中文) and says
why; the stage ladder shows it. Given an account of the case company, the ticks start from
its recorded contacts and orders, its contact map is drawn, and the diagnosis from the full
case data is shown beside the learner's.
"""

from __future__ import annotations

import dataclasses
import html
from typing import Any

import ipywidgets as widgets
import pandas as pd

from kamlib import datasets, stages
from kamlib._validation import check_text, fail
from kamlib.i18n import register
from kamlib.views.stages import plot_contact_map, plot_stage_ladder
from kamlib.widgets._base import KamWidget, PlotOutput
from kamlib.workbook import Workbook

register(
    {
        "stage.title": {"en": "Relationship stage diagnostic", "zh": "客户关系阶段诊断"},
        "stage.who": {"en": "Who talks to whom? Tick each contact (rows: our people, columns: "
                      "theirs).", "zh": "谁与谁联系？请勾选（行：我方，列：客户方）。"},
        "stage.our": {"en": "our ↓ / their →", "zh": "我方 ↓ / 客户方 →"},
        "stage.staff": {"en": "staff ↔ staff contact", "zh": "普通员工之间有联系"},
        "stage.joint": {"en": "joint team", "zh": "联合团队"},
        "stage.traded": {"en": "trade so far", "zh": "已有交易"},
        "stage.recent": {"en": "orders in the last 6 months", "zh": "近6个月有订单"},
        "stage.result": {"en": "Your diagnosis", "zh": "你的诊断"},
        "stage.case": {"en": "From the full case data", "zh": "根据完整案例数据"},
        "stage.stage": {"en": "Stage", "zh": "阶段"},
        "stage.yes": {"en": "yes", "zh": "是"},
        "stage.no": {"en": "no", "zh": "否"},
    }
)

#: Days before "today" of the one order that stands for each answer about trade.
_RECENT_ORDER_DAYS = 30
_OLD_ORDER_DAYS = 400
_STAFF_FUNCTION = "ordinary staff"
_JOINT_FUNCTION = "joint team"
_FLAGS = ("staff_contact", "joint_team", "traded", "recent_orders")


def _answers_to_contacts(
    pairs: list[tuple[str, str]], staff_contact: bool, joint_team: bool, as_of: pd.Timestamp
) -> pd.DataFrame:
    """The learner's ticks as contact rows for :func:`kamlib.stages.relationship_stage`.

    Each ticked pair is a manager-level contact from ``as_of``; "staff ↔ staff" and "joint
    team" each add one row that carries that fact.
    """
    rows = [(our, their, "manager", "manager", False) for our, their in pairs]
    if staff_contact:
        rows.append((_STAFF_FUNCTION, _STAFF_FUNCTION, "staff", "staff", False))
    if joint_team:
        rows.append((_JOINT_FUNCTION, _JOINT_FUNCTION, "manager", "manager", True))
    frame = pd.DataFrame(rows, columns=["our_function", "their_function", "our_level",
                                        "their_level", "joint_team"])
    frame.insert(0, "account_id", "learner")
    frame["since"] = as_of
    return frame.astype({"joint_team": bool})


def _answers_to_orders(traded: bool, recent_orders: bool, as_of: pd.Timestamp) -> pd.DataFrame:
    """The learner's answers about trade as the one order the stage rule needs to read.

    No trade: no order. Trade and recent orders: an order a month ago. Trade but no recent
    orders: an order more than a year ago (so the relationship reads as breaking).
    """
    days = _RECENT_ORDER_DAYS if recent_orders else _OLD_ORDER_DAYS
    dates = [as_of - pd.Timedelta(days=days)] if traded else []
    return pd.DataFrame(
        {"account_id": ["learner"] * len(dates), "date": pd.to_datetime(dates),
         "revenue_cny": [1.0] * len(dates)}
    )


class StageDiagnostic(KamWidget):
    """Tick contacts and trade, read the stage and its reasons; optionally for a case account.

    ``account_id``: an account of the case company; its contacts and orders pre-tick the
    boxes (the learner's saved ticks win), its contact map is drawn and its stage from the
    full data is shown. ``.value`` = ``{"contacts": [[our, their], ...], "staff_contact",
    "joint_team", "traded", "recent_orders"}``; ``.diagnosis`` is the learner's
    :class:`kamlib.stages.StageDiagnosis`.
    """

    section = "stage_diagnostic"

    def __init__(
        self,
        account_id: str | None = None,
        *,
        section: str | None = None,
        workbook: Workbook | None = None,
        language: str | None = None,
    ) -> None:
        self.account_id = None if account_id is None else check_text("account_id", account_id)
        if section is None and self.account_id is not None:
            section = f"{type(self).section}/{self.account_id}"
        super().__init__(section=section, workbook=workbook, language=language)
        self.as_of = datasets.AS_OF
        self.our_functions = datasets.category_values("our_function")
        self.their_functions = datasets.category_values("their_function")
        self.boxes = {
            (our, their): widgets.Checkbox(
                value=False, indent=False, description="", tooltip=f"{our} ↔ {their}",
                layout=widgets.Layout(width="auto"),
            )
            for our in self.our_functions
            for their in self.their_functions
        }
        self.flags = {
            flag: widgets.Checkbox(value=False, description=self.label(f"stage.{key}"),
                                   indent=False)
            for flag, key in zip(_FLAGS, ("staff", "joint", "traded", "recent"), strict=True)
        }
        self.result_html = widgets.HTML()
        self.case_html = widgets.HTML()
        self.ladder = PlotOutput(figsize=(9.0, 4.2))
        self.contact_map = PlotOutput(figsize=(10.0, 5.0))
        self.diagnosis: stages.StageDiagnosis | None = None
        self._case_contacts = self._case_orders = None
        self.case_diagnosis: stages.StageDiagnosis | None = None
        if self.account_id is not None:
            self._load_case()
        start = self.saved()
        self._apply(start if isinstance(start, dict) else self._case_answers())
        for control in [*self.boxes.values(), *self.flags.values()]:
            control.observe(self._on_change, names="value")
        self.widget = self._layout()
        self._update()

    # --- state -------------------------------------------------------------------------

    @property
    def value(self) -> dict[str, Any]:
        """The learner's ticks: contact pairs and the four yes/no answers."""
        pairs = [[our, their] for (our, their), box in self.boxes.items() if box.value]
        return {"contacts": pairs, **{flag: self.flags[flag].value for flag in _FLAGS}}

    def _apply(self, answers: dict[str, Any]) -> None:
        """Set the ticks from saved answers (unknown pairs are skipped)."""
        chosen = {tuple(p) for p in answers.get("contacts", []) if isinstance(p, list)}
        for pair, box in self.boxes.items():
            box.value = pair in chosen
        for flag in _FLAGS:
            self.flags[flag].value = answers.get(flag) is True

    def _load_case(self) -> None:
        accounts = datasets.load("accounts")
        if self.account_id not in set(accounts["account_id"]):
            raise fail("account_id", self.account_id, "an account id of the case data, e.g. "
                       f"{accounts['account_id'].iloc[0]!r}")
        contacts = datasets.load("contacts")
        orders = datasets.load("transactions")
        self._case_contacts = contacts[contacts["account_id"] == self.account_id]
        self._case_orders = orders[orders["account_id"] == self.account_id]
        self._people = datasets.load("people")
        self.case_diagnosis = stages.relationship_stage(
            self._case_contacts, self._case_orders, as_of=self.as_of
        )

    def _case_answers(self) -> dict[str, Any]:
        """The ticks the case account's recorded contacts and orders stand for."""
        if self._case_contacts is None:
            return {}
        contacts, orders = self._case_contacts, self._case_orders
        staff = (contacts["our_level"] == "staff") & (contacts["their_level"] == "staff")
        last = orders["date"].max()
        return {
            "contacts": contacts[["our_function", "their_function"]].astype(str).values.tolist(),
            "staff_contact": bool(staff.any()),
            "joint_team": bool(contacts["joint_team"].any()),
            "traded": not orders.empty,
            "recent_orders": bool(not orders.empty
                                  and (self.as_of - last).days <= stages.UNCOUPLING_DAYS),
        }

    # --- behaviour ---------------------------------------------------------------------

    def _on_change(self, _change: dict[str, Any]) -> None:
        self._update()
        self.save()

    def _update(self) -> None:
        """Diagnose the learner's answers with kamlib.stages and redraw."""
        answers = self.value
        self.flags["recent_orders"].disabled = not answers["traded"]
        contacts = _answers_to_contacts(
            [tuple(p) for p in answers["contacts"]], answers["staff_contact"],
            answers["joint_team"], self.as_of,
        )
        orders = _answers_to_orders(answers["traded"],
                                   answers["traded"] and answers["recent_orders"], self.as_of)
        diagnosis = stages.relationship_stage(contacts, orders, as_of=self.as_of)
        # The orders stand in for the learner's yes/no answers, so their dates and amounts
        # are not evidence: show the answers instead, and the contact evidence for 2–5.
        yes_no = {True: self.label("stage.yes"), False: self.label("stage.no")}
        answered = (f"{self.label('stage.traded')}: {yes_no[answers['traded']]}; "
                    f"{self.label('stage.recent')}: {yes_no[answers['recent_orders']]}")
        contact_reason = diagnosis.reasons[:1] if 2 <= diagnosis.stage <= 5 else ()
        redraw = self.diagnosis is None or self.diagnosis.stage != diagnosis.stage
        self.diagnosis = dataclasses.replace(diagnosis, reasons=(*contact_reason, answered))
        self.result_html.value = self._describe(self.label("stage.result"), self.diagnosis)
        if redraw:
            self.ladder.draw(lambda ax: plot_stage_ladder(diagnosis.stage, ax=ax),
                             alt=f"{self.label('stage.stage')} {diagnosis.stage}")

    def _describe(self, title: str, diagnosis: stages.StageDiagnosis) -> str:
        reasons = "".join(f"<li>{html.escape(r)}</li>" for r in diagnosis.reasons)
        return (f"<b>{html.escape(title)}:</b> {self.label('stage.stage')} "
                f"<b>{diagnosis.stage}</b> — {html.escape(diagnosis.name)}"
                f"<ul style='margin:2px 0'>{reasons}</ul>")

    def _layout(self) -> widgets.Widget:
        header = [widgets.HTML(f"<small>{self.label('stage.our')}</small>")]
        header += [widgets.HTML(f"<small><b>{html.escape(t)}</b></small>")
                   for t in self.their_functions]
        cells: list[widgets.Widget] = header
        for our in self.our_functions:
            cells.append(widgets.HTML(f"<small><b>{html.escape(our)}</b></small>"))
            cells += [self.boxes[(our, their)] for their in self.their_functions]
        grid = widgets.GridBox(cells, layout=widgets.Layout(
            grid_template_columns=f"170px repeat({len(self.their_functions)}, 78px)",
            width="max-content"))
        parts: list[widgets.Widget] = [
            widgets.HTML(f"<h3>{self.label('stage.title')}"
                         + (f" · {html.escape(self.account_id)}" if self.account_id else "")
                         + "</h3>"),
            widgets.HTML(f"<p>{self.label('stage.who')}</p>"),
            grid,
            widgets.HBox(list(self.flags.values())),
            self.result_html,
            self.message,
            self.ladder.output,
        ]
        if self.account_id is not None:
            self.case_html.value = self._describe(self.label("stage.case"), self.case_diagnosis)
            self.contact_map.draw(lambda ax: plot_contact_map(
                self._case_contacts, self.account_id, ax=ax, people=self._people))
            parts += [self.case_html, self.contact_map.output]
        return widgets.VBox(parts)
