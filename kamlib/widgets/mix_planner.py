"""MixPlanner: plan the marketing mix (营销策略组合) with the 4P, see it as the 4C, price it [L2.12,
L2.13].

For each P (Product 产品, Price 价格, Promotion 促销, Place 地点/渠道) the learner picks a
lever, writes an action and its cost. The actions are listed, then seen from the customer's
side as the 4C (customer solution 顾客解决方案, customer cost 顾客成本, convenience 便利,
communication 沟通), with the Ps that have no action flagged as gaps. The budget (营销预算)
and ROI (投资回报率) come from :func:`kamlib.budget.plan_roi` with the expected revenue gain
and margin rate the learner enters. The plan is held in a :class:`kamlib.mix.MixPlan`.
"""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as widgets
import pandas as pd

from kamlib import budget, mix
from kamlib.formatting import money
from kamlib.i18n import N_, _, gettext, register
from kamlib.validation import KamValueError
from kamlib.widgets._base import KamWidget, html_table
from kamlib.widgets.layout import card, heading

register(
    {
        "mix.title": N_("Marketing mix planner: 4P → 4C"),
        "mix.lever": N_("Lever"),
        "mix.action": N_("Action"),
        "mix.action_placeholder": N_("what you will do, e.g. 2% discount for orders above 5 t"),
        "mix.cost": N_("Cost (CNY)"),
        "mix.add": N_("Add"),
        "mix.remove": N_("Remove"),
        "mix.actions": N_("Actions by 4P"),
        "mix.four_c": N_("The same seen by the customer (4C)"),
        "mix.no_actions": N_("No action yet."),
        "mix.gaps": N_("Gaps: no action yet for"),
        "mix.no_gaps": N_("Every P has an action."),
        "mix.budget": N_("Budget and ROI"),
        "mix.revenue_gain": N_("Revenue gain (CNY)"),
        "mix.margin_rate": N_("Margin rate (0–1)"),
        "mix.total_cost": N_("Total cost"),
        "mix.margin_gain": N_("Expected margin gain"),
        "mix.roi": N_("ROI"),
        "mix.payback": N_("Payback"),
        "mix.months": N_("months"),
        "mix.never": N_("never"),
    }
)

DEFAULT_MARGIN_RATE = 0.3
_COLUMNS_SHOWN = {"p_name": "P", "lever_name": "mix.lever", "action": "mix.action",
                  "cost_cny": "mix.cost"}


class MixPlanner(KamWidget):
    """One row per P (lever, action, cost, Add), the action table, its 4C view, gaps and ROI.

    ``.plan`` is the :class:`kamlib.mix.MixPlan`; ``.summary`` the last
    :class:`kamlib.budget.BudgetSummary` (None while there is nothing to price).
    ``.value`` = ``{"actions": [{p, lever, action, cost_cny}], "expected_revenue_gain_cny",
    "margin_rate"}``.

    Parameters
    ----------
    **options
        ``section``, ``workbook`` and ``language``, as for every course widget
        (:class:`~kamlib.widgets._base.KamWidget`); the work is saved under
        "mix_planner".

    Examples
    --------
    >>> import tempfile
    >>> from kamlib.workbook import Workbook
    >>> book = Workbook(tempfile.mkdtemp() + "/workbook.json")
    >>> planner = MixPlanner(workbook=book, language="en")
    >>> planner.value["actions"], planner.summary is None
    ([], True)
    """

    section = "mix_planner"
    merge_collections = ("actions",)

    @property
    def value(self) -> dict[str, Any]:
        return {
            **self.plan.to_dict(),
            "expected_revenue_gain_cny": self.revenue_gain.value,
            "margin_rate": self.margin_rate.value,
        }

    def add(self, p: str, lever: str, action: str, cost_cny: float = 0.0) -> None:
        """Add one action (as the P's Add button does); bad input is shown, not raised."""
        try:
            self.plan = self.plan.add(p, lever, action, cost_cny=cost_cny)
        except KamValueError as error:
            self.show_error(error)
            return
        self._refresh()
        self.save()

    def _build(self) -> None:
        label = self.label
        self.plan = mix.MixPlan()
        self.summary: budget.BudgetSummary | None = None
        self.levers: dict[str, widgets.Dropdown] = {}
        self.actions: dict[str, widgets.Text] = {}
        self.costs: dict[str, widgets.FloatText] = {}
        self.add_buttons: dict[str, widgets.Button] = {}
        cells: list[widgets.Widget] = [
            widgets.HTML(f"<b>{html.escape(text)}</b>")
            for text in ("4P", label("mix.lever"), label("mix.action"), label("mix.cost"), "")
        ]
        for key, element in mix.FOUR_P.items():
            self.levers[key] = widgets.Dropdown(
                options=[(self.named(lever.en, lever.zh), lever.key)
                         for lever in element.levers],
                layout=widgets.Layout(width="auto"),
            )
            self.actions[key] = widgets.Textarea(
                placeholder=label("mix.action_placeholder"), rows=2,
                layout=widgets.Layout(width="auto"),
            )
            self.costs[key] = widgets.FloatText(value=0.0, step=1000,
                                                layout=widgets.Layout(width="auto"))
            add = widgets.Button(description=label("mix.add"), icon="plus",
                                 layout=widgets.Layout(width="auto"))
            add.p = key
            self.add_buttons[key] = add
            add.on_click(self._on_add)
            name = (f"<b>{html.escape(element.zh)}</b>" if self.shown_language == "zh"
                    else f"<b>{html.escape(element.en)}</b><br>{html.escape(element.zh)}")
            cells += [widgets.HTML(name), self.levers[key], self.actions[key], self.costs[key],
                      add]
        entry = widgets.GridBox(cells, layout=widgets.Layout(
            grid_template_columns="minmax(80px, max-content) minmax(140px, 1fr) "
                                  "minmax(180px, 2fr) minmax(90px, 0.7fr) max-content",
            grid_gap="4px 6px", align_items="flex-start", width="100%"))
        self.table = widgets.HTML()
        self.four_c = widgets.HTML()
        self.gaps = widgets.HTML()
        self.remove_picker = widgets.Dropdown(options=[], layout=widgets.Layout(
            flex="1 1 auto", width="auto"))
        self.remove_button = widgets.Button(description=label("mix.remove"), icon="trash")
        self.remove_button.on_click(self._on_remove)
        number = {"style": {"description_width": "initial"},
                  "layout": widgets.Layout(width="auto", flex="1 1 240px")}
        self.revenue_gain = widgets.FloatText(value=0.0, step=10_000,
                                              description=label("mix.revenue_gain"), **number)
        self.margin_rate = widgets.FloatText(value=DEFAULT_MARGIN_RATE, step=0.01,
                                             description=label("mix.margin_rate"), **number)
        for control in (self.revenue_gain, self.margin_rate):
            control.observe(self._on_budget_change, names="value")
        self.roi = widgets.HTML()
        self.widget = card(
            [
                heading(label("mix.title")),
                entry, self.message,
                heading(label("mix.actions"), 4), self.table,
                widgets.HBox([self.remove_picker, self.remove_button]),
                heading(label("mix.four_c"), 4), self.four_c,
                self.gaps,
                heading(label("mix.budget"), 4),
                widgets.HBox([self.revenue_gain, self.margin_rate],
                             layout=widgets.Layout(flex_flow="row wrap", width="100%")),
                self.roi,
            ],
            "MixPlanner",
        )

    def _restore(self, saved: Any) -> None:
        if not isinstance(saved, dict):
            return
        try:
            self.plan = mix.MixPlan.from_dict({"actions": saved.get("actions", [])})
            self.revenue_gain.value = float(saved.get("expected_revenue_gain_cny", 0.0))
            self.margin_rate.value = float(saved.get("margin_rate", DEFAULT_MARGIN_RATE))
        except (KamValueError, TypeError, ValueError) as error:
            self._ignore_saved(error)

    def _refresh(self) -> None:
        """Redraw the tables, the gaps and the ROI from the plan."""
        label = self.label
        frame = self._named(self.plan.to_frame())
        if frame.empty:
            empty = f"<i>{html.escape(label('mix.no_actions'))}</i>"
            self.table.value = self.four_c.value = empty
        else:
            shown = frame[list(_COLUMNS_SHOWN)].rename(
                columns={k: label(v) if "." in v else v for k, v in _COLUMNS_SHOWN.items()}
            )
            self.table.value = html_table(shown, index=False, money=[label("mix.cost")],
                                          language=self.language)
            view = self._named(self.plan.four_c_view())
            four_c = view[["c_name", "customer_question", "p_name", "action"]].rename(
                columns={"c_name": "4C", "customer_question": "?", "p_name": "P",
                         "action": label("mix.action")}
            )
            self.four_c.value = html_table(four_c, index=False)
        self.remove_picker.options = [
            (f"{number}. {row.p_name}: {row.action}", number - 1)
            for number, row in enumerate(frame.itertuples(), 1)
        ]
        self._show_gaps()
        self._show_roi()

    def _named(self, frame: pd.DataFrame) -> pd.DataFrame:
        """``frame`` (a plan table) with its P, lever and C names and customer questions in
        this widget's language."""
        ps = {key: self.named(p.en, p.zh) for key, p in mix.FOUR_P.items()}
        levers = {(key, lever.key): self.named(lever.en, lever.zh)
                  for key, p in mix.FOUR_P.items() for lever in p.levers}
        named = frame.assign(
            p_name=frame["p"].map(ps),
            lever_name=[levers.get(pair) for pair in zip(frame["p"], frame["lever"],
                                                        strict=True)])
        if "c" in frame.columns:
            named = named.assign(
                c_name=frame["c"].map({k: self.named(c.en, c.zh) for k, c in mix.FOUR_C.items()}),
                customer_question=frame["c"].map(
                    {k: gettext(c.question, self.language) for k, c in mix.FOUR_C.items()}))
        return named

    def _show_gaps(self) -> None:
        gaps = self.plan.gaps()
        if not gaps:
            self.gaps.value = f"\u2714 {html.escape(self.label('mix.no_gaps'))}"
            return
        names = []
        for key in gaps:
            p = mix.FOUR_P[key]
            c = mix.FOUR_C[p.c]
            names.append(f"<b>{self.named(p.en, p.zh)}</b> → {self.named(c.en, c.zh)}")
        self.gaps.value = (
            "<div role='status' style='border-left:4px solid #E69F00;padding:4px 8px'>"
            f"\u26a0 {html.escape(self.label('mix.gaps'))}: {'; '.join(names)}</div>"
        )

    def _show_roi(self) -> KamValueError | None:
        """Show cost, margin gain, ROI and payback; return plan_roi's error if it refused."""
        label = self.label
        lines = [
            {"item": a.action, "cost_cny": a.cost_cny, "p": a.p} for a in self.plan.actions
        ]
        if not lines:  # an empty plan is where everyone starts: say what to do, not an error
            self.summary = None
            prompt = _("Add an action for at least one P above: its cost, the ROI and the "
                       "payback show here.", self.language)
            self.roi.value = f"<i>{html.escape(prompt)}</i>"
            return None
        if sum(line["cost_cny"] for line in lines) <= 0:
            self.summary = None
            prompt = _("Give your actions a cost: the ROI compares the margin they bring with "
                       "what they cost.", self.language)
            self.roi.value = f"<i>{html.escape(prompt)}</i>"
            return None
        try:
            self.summary = budget.plan_roi(
                lines,
                expected_revenue_gain_cny=self.revenue_gain.value,
                margin_rate=self.margin_rate.value,
            )
        except KamValueError as error:
            self.summary = None
            self.roi.value = f"<i>{html.escape(str(error))}</i>"
            return error
        summary = self.summary
        lang = self.language
        payback = (
            f"{summary.payback_months:.1f} {label('mix.months')}"
            if summary.payback_months != float("inf")
            else label("mix.never")
        )
        self.roi.value = (
            f"{html.escape(label('mix.total_cost'))}: "
            f"<b>{html.escape(money(summary.total_cost, language=lang))}</b> · "
            f"{html.escape(label('mix.margin_gain'))}: "
            f"<b>{html.escape(money(summary.expected_margin_gain, language=lang))}</b> · "
            f"{html.escape(label('mix.roi'))}: <b>{summary.roi:.0%}</b> · "
            f"{html.escape(label('mix.payback'))}: <b>{html.escape(payback)}</b><br>"
            f"{html.escape(summary.verdict_text)}"
        )
        return None

    def _on_add(self, button: widgets.Button) -> None:
        p = button.p
        self.add(p, self.levers[p].value, self.actions[p].value, self.costs[p].value)
        if not self.error:
            self.actions[p].value = ""
            self.costs[p].value = 0.0

    def _on_remove(self, button: widgets.Button | None = None) -> None:
        if self.remove_picker.value is None:
            return
        self.plan = self.plan.remove(self.remove_picker.value)
        self.clear_error()
        self._refresh()
        self.save()

    def _on_budget_change(self, change: dict[str, Any]) -> None:
        """Re-price the plan; a bad gain or margin rate is shown as a problem (and kept)."""
        if self._syncing:
            return
        self.clear_error()
        error = self._show_roi()
        if error is not None:
            self.show_error(error)
        self.save()
