"""StageDiagnostic: which of the six stages is this relationship in? (大客户管理的发展) [L1.4b]

The learner ticks who talks to whom (our functions × the customer's functions), whether
ordinary staff are in contact, whether there is a joint team, and how the orders stand (any
trade so far, orders in the last 6 months, orders fallen by more than half).
:func:`kamlib.stages.stage_from_evidence` names the stage (1–6, English and 中文) and says
why; the stage ladder shows it. Given an account of the case company, the ticks start from
its recorded contacts and the trade facts of its orders (:func:`kamlib.stages.trade_facts`),
its contact map is drawn, and the diagnosis from the full case data is shown beside the
learner's.
"""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as widgets
import pandas as pd

from kamlib import datasets, settings, stages
from kamlib.i18n import N_, _, register
from kamlib.views.stages import plot_contact_map, plot_stage_ladder
from kamlib.widgets._base import CaseAccountWidget, PlotOutput
from kamlib.widgets.layout import card, heading

register(
    {
        "stage.title": N_("Relationship stage diagnostic"),
        "stage.who": N_("Who talks to whom? Tick each contact (rows: our people, columns: "
                      "theirs)."),
        "stage.our": N_("our ↓ / their →"),
        "stage.staff": N_("staff ↔ staff contact"),
        "stage.joint": N_("joint team"),
        "stage.traded": N_("trade so far"),
        "stage.recent": N_("orders in the last 6 months"),
        "stage.halved": N_("orders fell by more than half"),
        "stage.result": N_("Your diagnosis"),
        "stage.case": N_("From the full case data"),
        "stage.stage": N_("Stage"),
    }
)

_STAFF_FUNCTION = "ordinary staff"
_JOINT_FUNCTION = "joint team"
#: The yes/no answers: (value key, label key).
_FLAGS = {"staff_contact": "staff", "joint_team": "joint", "traded": "traded",
          "recent_orders": "recent", "orders_halved": "halved"}
#: The answers about orders that only apply once the account has traded.
_TRADE_DETAILS = ("recent_orders", "orders_halved")


def _answers_to_contacts(
    pairs: list[tuple[str, str]], staff_contact: bool, joint_team: bool, as_of: pd.Timestamp
) -> pd.DataFrame:
    """The learner's ticks as contact rows for :func:`kamlib.stages.stage_from_evidence`.

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


class StageDiagnostic(CaseAccountWidget):
    """Tick contacts and trade, read the stage and its reasons; optionally for a case account.

    ``account_id``: an account of the case company; its contacts and trade facts pre-tick
    the boxes (the learner's saved ticks win), its contact map is drawn and its stage from
    the full data is shown. ``.value`` = ``{"contacts": [[our, their], ...],
    "staff_contact", "joint_team", "traded", "recent_orders", "orders_halved"}``;
    ``.diagnosis`` is the learner's :class:`kamlib.stages.StageDiagnosis`.

    Parameters
    ----------
    account_id : str, optional
        An account of the case company, e.g. "AC002" (default: none; the ticks start empty).
    **options
        ``section``, ``workbook`` and ``language``, as for every course widget
        (:class:`~kamlib.widgets._base.KamWidget`); the work is saved under
        "stage_diagnostic", or "stage_diagnostic/<account_id>" for an account.

    Raises
    ------
    KamValueError
        If ``account_id`` is not an account of the case data.

    Examples
    --------
    >>> import tempfile
    >>> from kamlib.workbook import Workbook
    >>> book = Workbook(tempfile.mkdtemp() + "/workbook.json")
    >>> diagnostic = StageDiagnostic("AC002", workbook=book, language="en")
    >>> diagnostic.section, diagnostic.diagnosis.stage
    ('stage_diagnostic/AC002', 3)
    """

    section = "stage_diagnostic"
    merge_collections = ("contacts",)

    # --- state -------------------------------------------------------------------------

    @property
    def value(self) -> dict[str, Any]:
        """The learner's ticks: contact pairs and the five yes/no answers."""
        pairs = [[our, their] for (our, their), box in self.boxes.items() if box.value]
        return {"contacts": pairs, **{flag: box.value for flag, box in self.flags.items()}}

    def _build(self) -> None:
        self.as_of = settings.current().today
        self.our_functions = datasets.category_values("our_function")
        self.their_functions = datasets.category_values("their_function")
        self.boxes = {
            (our, their): widgets.Checkbox(
                value=False, indent=False, description="",
                tooltip=f"{_(our, self.shown_language)} ↔ {_(their, self.shown_language)}",
                layout=widgets.Layout(width="auto", height="24px"),
            )
            for our in self.our_functions
            for their in self.their_functions
        }
        self.flags = {
            flag: widgets.Checkbox(value=False, description=self.label(f"stage.{key}"),
                                   indent=False)
            for flag, key in _FLAGS.items()
        }
        self.result_html = widgets.HTML()
        self.case_html = widgets.HTML()
        self.ladder = PlotOutput(figsize=(8.6, 2.5),
                                 margins={"left": 0.05, "right": 0.99, "bottom": 0.17, "top": 0.88})
        self.contact_map = PlotOutput(figsize=(8.6, 4.6))
        self.diagnosis: stages.StageDiagnosis | None = None
        self.case_diagnosis: stages.StageDiagnosis | None = None
        if self.account_id is not None:
            self._load_case()
        for control in [*self.boxes.values(), *self.flags.values()]:
            control.observe(self._on_learner_change, names="value")
        self.widget = self._layout()

    def _restore(self, saved: Any) -> None:
        """Set the ticks from the saved answers, else from the case account's data."""
        answers = saved if isinstance(saved, dict) else self._case_answers()
        chosen = {tuple(p) for p in answers.get("contacts", []) if isinstance(p, list)}
        for pair, box in self.boxes.items():
            box.value = pair in chosen
        for flag, box in self.flags.items():
            box.value = answers.get(flag) is True

    def _load_case(self) -> None:
        contacts = datasets.load("contacts")
        orders = datasets.load("transactions")
        self._case_contacts = contacts[contacts["account_id"] == self.account_id]
        self._case_orders = orders[orders["account_id"] == self.account_id]
        self._people = datasets.load("people")
        self.case_diagnosis = stages.relationship_stage(
            self._case_contacts, self._case_orders, as_of=self.as_of
        )

    def _case_answers(self) -> dict[str, Any]:
        """The ticks the case account's recorded contacts and trade facts stand for."""
        if self.account_id is None:
            return {}
        contacts = self._case_contacts
        staff = (contacts["our_level"] == "staff") & (contacts["their_level"] == "staff")
        facts = stages.trade_facts(self._case_orders, pd.DataFrame({"account_id": [
            self.account_id]}), as_of=self.as_of).iloc[0]
        return {
            "contacts": contacts[["our_function", "their_function"]].astype(str).values.tolist(),
            "staff_contact": bool(staff.any()),
            "joint_team": bool(contacts["joint_team"].any()),
            "traded": bool(facts["traded"]),
            "recent_orders": bool(facts["ordered_in_last_180_days"]),
            "orders_halved": bool(facts["revenue_halved"]),
        }

    # --- behaviour ---------------------------------------------------------------------

    def _refresh(self) -> None:
        """Diagnose the learner's answers with kamlib.stages and redraw."""
        answers = self.value
        traded = answers["traded"]
        for flag in _TRADE_DETAILS:
            self.flags[flag].disabled = not traded
        contacts = _answers_to_contacts(
            [tuple(p) for p in answers["contacts"]], answers["staff_contact"],
            answers["joint_team"], self.as_of,
        )
        diagnosis = stages.stage_from_evidence(
            contacts, traded=traded, ordered_in_last_180_days=traded and answers["recent_orders"],
            revenue_halved=traded and answers["orders_halved"], as_of=self.as_of,
        )
        redraw = self.diagnosis is None or self.diagnosis.stage != diagnosis.stage
        self.diagnosis = diagnosis
        self.result_html.value = self._describe(self.label("stage.result"), diagnosis)
        if redraw:
            self.ladder.draw(lambda ax: self._ladder(diagnosis, ax),
                             alt=f"{self.label('stage.stage')} {diagnosis.stage}")

    def _ladder(self, diagnosis: stages.StageDiagnosis, ax: Any) -> Any:
        """The stage ladder under a one-line title (the stage is described beside it)."""
        plot_stage_ladder(diagnosis.stage, ax=ax)
        ax.set_title(f"{self.label('stage.stage')} {diagnosis.stage}: {diagnosis.name}",
                     fontsize=11.5)
        ax.set_ylabel("")
        ax.set_xlabel("")
        return ax

    def _describe(self, title: str, diagnosis: stages.StageDiagnosis) -> str:
        reasons = "".join(f"<li>{html.escape(r)}</li>" for r in diagnosis.reasons)
        return (f"<b>{html.escape(title)}:</b> {self.label('stage.stage')} "
                f"<b>{diagnosis.stage}</b> — {html.escape(diagnosis.name)}"
                f"<ul style='margin:2px 0'>{reasons}</ul>")

    def _layout(self) -> widgets.Widget:
        header = [widgets.HTML(f"<span class='kam-hint'>{self.label('stage.our')}</span>")]
        shown = self.shown_language
        header += [widgets.HTML(f"<b>{html.escape(_(t, shown))}</b>")
                   for t in self.their_functions]
        cells: list[widgets.Widget] = header
        for our in self.our_functions:
            cells.append(widgets.HTML(f"<b>{html.escape(_(our, shown))}</b>"))
            cells += [self.boxes[(our, their)] for their in self.their_functions]
        grid = widgets.GridBox(cells, layout=widgets.Layout(
            grid_template_columns=f"minmax(110px, max-content) "
                                  f"repeat({len(self.their_functions)}, minmax(max-content, 1fr))",
            grid_gap="0 8px", align_items="center", width="100%", max_width="860px"))
        flags = widgets.GridBox(list(self.flags.values()), layout=widgets.Layout(
            grid_template_columns="repeat(auto-fill, minmax(220px, 1fr))", width="100%"))
        title = self.label("stage.title") + (f" · {self.account_id}" if self.account_id else "")
        parts: list[widgets.Widget] = [
            heading(title),
            self.ladder.output,
            widgets.HTML(f"<p>{self.label('stage.who')}</p>"),
            grid,
            flags,
            self.result_html,
            self.message,
        ]
        if self.account_id is not None:
            self.case_html.value = self._describe(self.label("stage.case"), self.case_diagnosis)
            self.contact_map.draw(lambda ax: plot_contact_map(
                self._case_contacts, account_id=self.account_id, ax=ax, people=self._people))
            parts += [self.case_html, self.contact_map.output]
        return card(parts, "StageDiagnostic")
