"""VisitPlanner: the key account visit plan (大客户拜访计划) and its monthly review [L3.5].

The learner sets how often each account class is visited (A, B, C, VIP), sees which accounts
are overdue (逾期) or due soon as of the course's "today", filtered by key account manager,
as a table and a timeline; plans visits (account, date, objective) into a saved plan; and
evaluates a month's visits per manager (每月进行评价行动的成果). All of it is computed by
:func:`kamlib.visits.visits_due` and :func:`kamlib.visits.monthly_review`; the case accounts
are classified by :mod:`kamlib.grid` (X = 2025 revenue, Y = capacity, scored with the course
settings' cut points, :mod:`kamlib.settings`). Planned visits join the visit log, so an account
with a visit planned in time shows as "planned".
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

import ipywidgets as widgets
import pandas as pd

from kamlib import case, settings, visits
from kamlib.i18n import N_, _, register
from kamlib.settings import resolve_as_of
from kamlib.validation import (
    KamValueError,
    check_choice,
    check_day,
    check_frame,
    check_text,
    fail,
)
from kamlib.views.visits import URGENT_STATUSES, plot_monthly_review, plot_visits_due
from kamlib.visits import checked_visit_log, visits_due
from kamlib.widgets._base import KamWidget, PlotOutput, WidgetOptions, html_table
from kamlib.widgets.layout import card, heading

if TYPE_CHECKING:
    from typing_extensions import Unpack

register(
    {
        "visit.title": N_("Key account visit plan"),
        "visit.every": N_("Visit every … days, by class"),
        "visit.kam": N_("KAM"),
        "visit.all": N_("All"),
        "visit.due": N_("Visits due and overdue"),
        "visit.as_of": N_("as of"),
        "visit.none_due": N_("No visit overdue or due soon."),
        "visit.plan": N_("Plan a visit"),
        "visit.account": N_("Account"),
        "visit.date": N_("Date"),
        "visit.objective": N_("Objective"),
        "visit.objective_placeholder": N_("e.g. Agree the 2026 volume for the second plant"),
        "visit.add": N_("Add to plan"),
        "visit.remove": N_("Remove"),
        "visit.my_plan": N_("My visit plan"),
        "visit.empty_plan": N_("No visit planned yet."),
        "visit.review": N_("Monthly review"),
        "visit.month": N_("Month"),
    }
)

PLANNED_ID_PREFIX = "PLAN-"
_DUE_COLUMNS = ["account_id", "name", "kam", "account_class", "last_done", "next_planned",
                "due_date", "days_overdue", "status"]
_DATE_COLUMNS = ("last_done", "next_planned", "due_date")
_LOG_COLUMNS = ["visit_id", "account_id", "kam", "date", "status", "objective", "objective_met"]


class VisitPlanner(KamWidget):
    """Visit frequencies, the due/overdue table and timeline, the learner's plan, the review.

    ``accounts``: DataFrame with ``account_id``, ``account_class`` (and ``name``, ``kam``)
    (default: :func:`kamlib.case.classified_accounts`). ``visits``: the visit log (default:
    the case's).
    ``as_of``: "today" (default: the course settings' ``today``). ``account_id``: the account
    to plan for first, e.g. the learner's studied account: picked in "Plan a visit", and its
    key account manager's accounts shown (unless the learner saved another choice).
    ``.due`` and ``.review`` are the tables on show; ``.value`` = ``{"days", "kam",
    "plan": [{account_id, date, objective}], "month"}``.
    """

    section = "visit_planner"
    merge_collections = ("plan",)

    def __init__(
        self,
        accounts: pd.DataFrame | None = None,
        visits: pd.DataFrame | None = None,
        *,
        as_of: Any = None,
        account_id: str | None = None,
        **options: Unpack[WidgetOptions],
    ) -> None:
        from kamlib import datasets

        self.accounts = case.classified_accounts() if accounts is None else check_frame(
            "accounts", accounts, ["account_id", "account_class"]
        )
        if "kam" not in self.accounts.columns:
            self.accounts = self.accounts.assign(kam="")
        self.visits = checked_visit_log(datasets.load("visits") if visits is None else visits)
        if self.visits.empty:
            raise fail("visits", "an empty table", _("at least one visit (the log to plan from)"))
        self.as_of = resolve_as_of(as_of).normalize()
        visits_due(self.accounts, self.visits, as_of=self.as_of)  # checks the accounts too
        self.focus = None if account_id is None else check_choice(
            "account_id", account_id, self.accounts["account_id"].astype(str).tolist())
        super().__init__(**options)

    @property
    def value(self) -> dict[str, Any]:
        return {
            "days": {cls: box.value for cls, box in self.days.items()},
            "kam": self.kam.value,
            "plan": list(self.plan),
            "month": self.month.value,
        }

    @property
    def visit_log(self) -> pd.DataFrame:
        """The case's visits plus the learner's planned ones (status "planned")."""
        if not self.plan:
            return self.visits
        kams = self.accounts.set_index("account_id")["kam"]
        planned = pd.DataFrame({
            "visit_id": [f"{PLANNED_ID_PREFIX}{n:03d}" for n in range(1, len(self.plan) + 1)],
            "account_id": [v["account_id"] for v in self.plan],
            "date": pd.to_datetime([v["date"] for v in self.plan]),
            "status": "planned",
            "objective": [v["objective"] for v in self.plan],
            "objective_met": pd.array([pd.NA] * len(self.plan), dtype="boolean"),
        })
        planned["kam"] = planned["account_id"].map(kams).astype(str)
        log = self.visits.astype({"status": object})
        return pd.concat([log, planned[[c for c in _LOG_COLUMNS if c in log.columns]]],
                         ignore_index=True)

    def plan_visit(self, account_id: str, date: Any, objective: str) -> None:
        """Add a visit to the learner's plan (as "Add to plan" does); bad input is shown."""
        try:
            account = check_choice("account", account_id, self.accounts["account_id"].tolist())
            day = check_day("date", date)
            if day < self.as_of:
                raise fail("date", f"{day:%Y-%m-%d}",
                           _("a day on or after today, {as_of:%Y-%m-%d}").format(as_of=self.as_of))
            visit = {"account_id": account, "date": f"{day:%Y-%m-%d}",
                     "objective": check_text("objective", objective)}
        except KamValueError as error:
            self.show_error(error)
            return
        self.clear_error()
        self.plan.append(visit)
        self.objective.value = ""
        self._show_plan()
        self._set_months()
        self._refresh_due()
        self._refresh_review()
        self.save()

    # -- building -----------------------------------------------------------------------

    def _build(self) -> None:
        label = self.label
        self.plan: list[dict[str, str]] = []
        self.due = pd.DataFrame(columns=_DUE_COLUMNS)
        self.review = pd.DataFrame()
        self.days = {
            cls: widgets.IntText(value=days, description=cls,
                                 style={"description_width": "initial"},
                                 layout=widgets.Layout(width="110px"))
            for cls, days in settings.current().visit_days.items()
        }
        kams = sorted(self.accounts["kam"].dropna().astype(str).unique())
        self.kam = widgets.Dropdown(options=[(label("visit.all"), "")] + [(k, k) for k in kams],
                                    description=label("visit.kam"))
        self.due_heading = widgets.HTML()
        self.due_table = widgets.HTML()
        # fixed margins (no layout pass per redraw): room for account names and dates
        self.due_plot = PlotOutput(figsize=(8.6, 4.6), margins={
            "left": 0.39, "right": 0.9, "bottom": 0.22, "top": 0.93})
        shown = self._in_language(self.accounts)
        names = shown.get("name", shown["account_id"]).astype(str)
        self.account = widgets.Dropdown(
            options=list(zip(self.accounts["account_id"].astype(str) + " · " + names,
                             self.accounts["account_id"].astype(str), strict=True)),
            description=label("visit.account"), layout=widgets.Layout(width="auto",
                                                                      flex="1 1 320px"),
        )
        self.date = widgets.DatePicker(value=(self.as_of + pd.Timedelta(days=7)).date(),
                                       description=label("visit.date"))
        self.objective = widgets.Text(placeholder=label("visit.objective_placeholder"),
                                      description=label("visit.objective"),
                                      layout=widgets.Layout(width="100%"))
        self.add_button = widgets.Button(description=label("visit.add"), icon="calendar-plus",
                                         button_style="primary")
        self.add_button.on_click(lambda _: self.plan_visit(self.account.value, self.date.value,
                                                           self.objective.value))
        self.plan_table = widgets.HTML()
        self.remove_picker = widgets.Dropdown(options=[], layout=widgets.Layout(
            flex="1 1 auto", width="auto"))
        self.remove_button = widgets.Button(description=label("visit.remove"), icon="trash")
        self.remove_button.on_click(self._on_remove)
        self.month = widgets.Dropdown(description=label("visit.month"))
        self._set_months()
        if self.focus is not None:
            self.account.value = self.focus
            kam = self.accounts.set_index(self.accounts["account_id"].astype(str))["kam"]
            self.kam.value = str(kam[self.focus])
        self.review_table = widgets.HTML()
        self.review_plot = PlotOutput(figsize=(8.6, 4.0), margins={
            "left": 0.09, "right": 0.98, "bottom": 0.25, "top": 0.85})
        for box in self.days.values():
            box.observe(self._on_due_setting, names="value")
        self.kam.observe(self._on_due_setting, names="value")
        self.month.observe(self._on_month, names="value")
        due = widgets.VBox([
            widgets.HTML(f"<b>{html.escape(label('visit.every'))}</b>"),
            widgets.HBox([*self.days.values(), self.kam],
                         layout=widgets.Layout(flex_flow="row wrap")),
            self.message, self.due_heading, self.due_plot.output, self.due_table,
        ])
        plan = widgets.VBox([
            widgets.HBox([self.account, self.date], layout=widgets.Layout(flex_flow="row wrap")),
            self.objective, self.add_button,
            heading(label("visit.my_plan"), 4), self.plan_table,
            widgets.HBox([self.remove_picker, self.remove_button]),
        ])
        review = widgets.VBox([self.month, self.review_plot.output, self.review_table])
        self.tabs = widgets.Tab(children=[due, plan, review], titles=[
            label("visit.due"), label("visit.plan"), label("visit.review")])
        self.widget = card([heading(label("visit.title")), self.tabs], "VisitPlanner")

    def _set_months(self) -> None:
        """Offer every month of the visit log (planned visits included), latest first."""
        months = self.visit_log["date"].dt.to_period("M").astype(str).unique()
        options = sorted(months, reverse=True)
        current = self.month.value
        default = f"{self.as_of:%Y-%m}"
        with self._quietly():
            self.month.options = options
            self.month.value = current if current in options else (
                default if default in options else options[0])

    def _restore(self, saved: Any) -> None:
        if not isinstance(saved, dict):
            return
        try:
            for cls, days in saved.get("days", {}).items():
                if cls in self.days:
                    self.days[cls].value = int(days)
            if saved.get("kam", "") in [value for _, value in self.kam.options]:
                self.kam.value = saved.get("kam", "")
            known = set(self.accounts["account_id"].astype(str))
            self.plan = [
                {"account_id": str(v["account_id"]), "date": str(v["date"]),
                 "objective": str(v["objective"])}
                for v in saved.get("plan", []) if str(v.get("account_id")) in known
            ]
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            self._ignore_saved(error)
        self._set_months()
        if saved.get("month") in self.month.options:
            self.month.value = saved["month"]
        self._show_plan()

    # -- showing ------------------------------------------------------------------------

    def _refresh(self) -> None:
        self._refresh_due()
        self._refresh_review()

    def _refresh_due(self) -> bool:
        """Recompute visits due with the frequencies on show; False if they were refused."""
        try:
            due = visits.visits_due(self.accounts, self.visit_log, as_of=self.as_of,
                                    days={cls: box.value for cls, box in self.days.items()})
        except KamValueError as error:
            self.show_error(error)
            return False
        self.clear_error()
        if self.kam.value:
            due = due[due["kam"] == self.kam.value].reset_index(drop=True)
        self.due = due
        label = self.label
        counts = due["status"].value_counts().reindex(visits.DUE_STATUSES, fill_value=0)
        summary = " · ".join(f"{html.escape(_(status, self.language))}: <b>{count}</b>"
                             for status, count in counts.items())
        who = f" · {html.escape(self.kam.value)}" if self.kam.value else ""
        self.due_heading.value = (
            f"<h4>{html.escape(label('visit.due'))} ({html.escape(label('visit.as_of'))} "
            f"{self.as_of:%Y-%m-%d}){who}</h4>{summary}"
        )
        urgent = due[due["status"].astype(object).isin([*URGENT_STATUSES, "never visited"])]
        if urgent.empty:
            self.due_table.value = f"<i>{html.escape(label('visit.none_due'))}</i>"
        else:
            shown = self._in_language(urgent[[c for c in _DUE_COLUMNS if c in urgent.columns]])
            shown = shown.assign(status=shown["status"].astype(object).map(
                lambda status: _(status, self.language)))
            dates = [self._headers()[c] for c in _DATE_COLUMNS]
            table = html_table(shown.rename(columns=self._headers()), index=False, nowrap=dates,
                               formatters=dict.fromkeys(dates, _date))
            self.due_table.value = f"<div class='kam-scroll' style='max-height:320px'>{table}</div>"
        as_of = self.as_of
        named = self._in_language(due)
        self.due_plot.draw(lambda ax: plot_visits_due(named, as_of=as_of, ax=ax),
                           alt=_("{n} accounts overdue or due soon as of {day}", self.language)
                           .format(n=len(urgent), day=f"{as_of:%Y-%m-%d}"))
        return True

    def _refresh_review(self) -> None:
        month = self.month.value
        self.review = visits.monthly_review(self.visit_log, month=month)
        shown = self.review.assign(
            kam=self.review["kam"].replace({visits.TOTAL_LABEL: self.named("Total", "合计")}),
            completion_rate=self.review["completion_rate"].map(_rate),
            objective_hit_rate=self.review["objective_hit_rate"].map(_rate),
        )
        self.review_table.value = html_table(shown.rename(columns=self._headers()), index=False)
        review = self.review
        self.review_plot.draw(lambda ax: plot_monthly_review(review, month=month, ax=ax),
                              alt=_("Visits planned, done and objectives met per key account "
                                    "manager, {month}", self.language).format(month=month))

    def _in_language(self, frame: pd.DataFrame) -> pd.DataFrame:
        """``frame`` with its accounts' ``name`` in Chinese (``name_zh``) in the Chinese
        edition, where the accounts have one; as it is otherwise."""
        if (self.shown_language != "zh" or "name" not in frame.columns
                or "name_zh" not in self.accounts.columns):
            return frame
        accounts = self.accounts.drop_duplicates("account_id").set_index("account_id")
        chinese = accounts["name_zh"].replace("", pd.NA)
        return frame.assign(name=frame["account_id"].map(chinese).fillna(frame["name"]))

    def _headers(self) -> dict[str, str]:
        """Column headers a learner reads, for the tables' data columns."""
        lang = self.language
        return {
            "account_id": _("Account", lang), "name": _("Name", lang),
            "kam": _("Key account manager", lang), "account_class": _("Class", lang),
            "last_done": _("Last visit", lang), "next_planned": _("Next planned", lang),
            "due_date": _("Due", lang), "days_overdue": _("Days overdue", lang),
            "status": _("Status", lang), "planned": _("Planned", lang),
            "done": _("Done", lang), "cancelled": _("Cancelled", lang),
            "still_planned": _("Still planned", lang),
            "objectives_met": _("Objectives met", lang),
            "completion_rate": _("Done of planned", lang),
            "objective_hit_rate": _("Objectives met of done", lang),
        }

    def _show_plan(self) -> None:
        label = self.label
        if not self.plan:
            self.plan_table.value = f"<i>{html.escape(label('visit.empty_plan'))}</i>"
        else:
            frame = pd.DataFrame(self.plan, index=range(1, len(self.plan) + 1))
            self.plan_table.value = html_table(frame.rename(columns={
                "account_id": label("visit.account"), "date": label("visit.date"),
                "objective": label("visit.objective"),
            }))
        self.remove_picker.options = [
            (f"{n}. {v['date']} {v['account_id']}: {v['objective']}", n - 1)
            for n, v in enumerate(self.plan, 1)
        ]

    # -- handlers -----------------------------------------------------------------------

    def _on_due_setting(self, change: dict[str, Any]) -> None:
        """A frequency or the KAM filter changed: recompute, and save if it was accepted."""
        if not self._syncing and self._refresh_due():
            self.save()

    def _on_month(self, change: dict[str, Any]) -> None:
        if self._syncing:
            return
        self._refresh_review()
        self.save()

    def _on_remove(self, button: widgets.Button | None = None) -> None:
        index = self.remove_picker.value
        if index is None:
            return
        del self.plan[index]
        self._show_plan()
        self._set_months()
        self._refresh_due()
        self._refresh_review()
        self.save()


def _date(value: Any) -> str:
    return "" if pd.isna(value) else f"{value:%Y-%m-%d}"


def _rate(value: float) -> str:
    return "" if pd.isna(value) else f"{value:.0%}"
