"""UncouplingAudit: how likely is this relationship to break? (中断大客户管理的原因) [L1.5]

The learner rates each of the ten causes of :data:`kamlib.uncoupling.RISK_FACTORS` (five
internal 内因, five external 外因) from 0 (none) to 3 (critical), reading the warning signs
under each. :func:`kamlib.uncoupling.risk_audit` gives the score, the level and the actions
for the top risks; a bar chart shows the ratings. For a case account, the revenue trend of
:func:`kamlib.uncoupling.revenue_trend` adds the warning the numbers give.
"""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as widgets

from kamlib import datasets, settings, uncoupling
from kamlib.i18n import N_, _, register
from kamlib.validation import KamValueError
from kamlib.views.stages import plot_risk_ratings
from kamlib.widgets._base import CaseAccountWidget, PlotOutput
from kamlib.widgets.layout import beside, card, heading

register(
    {
        "uncoupling.title": N_("Uncoupling risk audit"),
        "uncoupling.intro": N_(
            "Rate each cause for this account: 0 none, 1 some, 2 serious, 3 critical."),
        "uncoupling.internal": N_("Internal causes (内因)"),
        "uncoupling.external": N_("External causes (外因)"),
        "uncoupling.signs": N_("Warning signs"),
        "uncoupling.score": N_("Risk score"),
        "uncoupling.level": N_("level"),
        "uncoupling.actions": N_("Actions for the top risks"),
        "uncoupling.no_actions": N_("No cause rated serious or critical: keep watching."),
        "uncoupling.trend": N_("{account}: revenue of the last 12 months {recent:,.0f} CNY against "
            "{previous:,.0f} CNY the 12 months before ({change}); last order {days} days "
            "ago. Signal: {signal}."),
        "uncoupling.no_orders": N_("{account}: no order on record."),
    }
)

#: The four ratings: (button text, value); the meaning of each is its tooltip and is
#: written over the buttons.
RATINGS = (("0", 0), ("1", 1), ("2", 2), ("3", 3))
#: Short tags of the causes (I1–I5 internal, E1–E5 external) that name them in the chart.
_TAGS = {
    factor.key: f"{factor.side[0].upper()}{number}"
    for side in uncoupling.SIDES
    for number, factor in enumerate((f for f in uncoupling.RISK_FACTORS if f.side == side), 1)
}
_LEVEL_COLORS = {"low": "#009E73", "medium": "#E69F00", "high": "#D55E00"}


class UncouplingAudit(CaseAccountWidget):
    """One 0–3 rating per cause of uncoupling, with score, level, chart and actions.

    ``account_id``: a case account whose revenue trend is shown; its ratings are saved
    under their own section. ``.value`` = ``{"ratings": {factor key: 0–3}}``; ``.audit`` is
    the last :class:`kamlib.uncoupling.RiskAudit`.

    Parameters
    ----------
    account_id : str, optional
        A case account whose revenue trend is shown, e.g. "AC002" (default: none).
    **options
        ``section``, ``workbook`` and ``language``, as for every course widget
        (:class:`~kamlib.widgets._base.KamWidget`); the work is saved under
        "uncoupling_audit", or "uncoupling_audit/<account_id>" for an account.

    Raises
    ------
    KamValueError
        If ``account_id`` is not an account of the case data.

    Examples
    --------
    >>> import tempfile
    >>> from kamlib.workbook import Workbook
    >>> book = Workbook(tempfile.mkdtemp() + "/workbook.json")
    >>> audit = UncouplingAudit("AC002", workbook=book, language="en")
    >>> audit.section, audit.audit.score
    ('uncoupling_audit/AC002', 0.0)
    """

    section = "uncoupling_audit"
    merge_collections = ("ratings",)

    def _build(self) -> None:
        tooltips = [uncoupling.RATING_SCALE[value] for _, value in RATINGS]
        self.ratings = {
            factor.key: widgets.ToggleButtons(
                options=list(RATINGS), value=0, tooltips=tooltips,
                style={"button_width": "40px"}, layout=widgets.Layout(width="auto"),
            )
            for factor in uncoupling.RISK_FACTORS
        }
        self.summary_html = widgets.HTML()
        self.actions_html = widgets.HTML()
        self.trend_html = widgets.HTML()
        self.plot = PlotOutput(figsize=(4.4, 4.2),
                               margins={"left": 0.16, "right": 0.96, "bottom": 0.24, "top": 0.86})
        self.audit: uncoupling.RiskAudit | None = None
        self.trend: dict[str, Any] | None = None
        for buttons in self.ratings.values():
            buttons.observe(self._on_learner_change, names="value")
        if self.account_id is not None:
            self._show_trend()
        self.widget = self._layout()

    @property
    def value(self) -> dict[str, Any]:
        """The learner's ratings, one per factor key."""
        return {"ratings": {key: int(b.value) for key, b in self.ratings.items()}}

    def _restore(self, saved: Any) -> None:
        if not isinstance(saved, dict) or not isinstance(saved.get("ratings"), dict):
            return
        for key, rating in saved["ratings"].items():
            if key in self.ratings and rating in (0, 1, 2, 3):
                self.ratings[key].value = rating

    def _refresh(self) -> None:
        """Score with kamlib.uncoupling.risk_audit, then redraw summary, actions and chart."""
        audit = uncoupling.risk_audit(self.value["ratings"])
        self.audit = audit
        color = _LEVEL_COLORS.get(audit.level, "#000000")
        self.summary_html.value = (
            f"<p style='font-size:1.15em;margin:0'><b>{self.label('uncoupling.score')}: "
            f"{audit.score:.0f}/100</b>, {self.label('uncoupling.level')} "
            f"<b style='color:{color}'>{html.escape(_(audit.level, self.language))}</b></p>"
        )
        items = "".join(f"<li>{html.escape(action)}</li>" for action in audit.actions)
        self.actions_html.value = (
            f"<b>{self.label('uncoupling.actions')}:</b><ol>{items}</ol>" if items
            else f"<i>{self.label('uncoupling.no_actions')}</i>"
        )
        tagged = audit.ranked.assign(en=audit.ranked["key"].map(_TAGS), zh="")
        self.plot.draw(lambda ax: plot_risk_ratings(tagged, ax=ax),
                       alt=f"{audit.score:.0f}/100, {_(audit.level, self.language)}")

    def _show_trend(self) -> None:
        """The account's revenue trend, from kamlib.uncoupling.revenue_trend."""
        orders = datasets.load("transactions")
        orders = orders[orders["account_id"] == self.account_id]
        if orders.empty:
            self.trend_html.value = self.label("uncoupling.no_orders").format(
                account=html.escape(self.account_id))
            return
        try:
            row = uncoupling.revenue_trend(orders, as_of=settings.current().today).iloc[0]
        except KamValueError as error:
            self.show_error(error)
            return
        self.trend = row.to_dict()
        change = (_("n/a", self.language) if row["change_pct"] != row["change_pct"]
                  else f"{row['change_pct']:+.0f}%")
        self.trend_html.value = "<p>" + html.escape(self.label("uncoupling.trend").format(
            account=self.account_id, recent=row["recent"], previous=row["previous"],
            change=change, days=int(row["days_since_last_order"]), signal=row["signal"],
        )) + "</p>"

    def _layout(self) -> widgets.Widget:
        rows: list[widgets.Widget] = []
        scale = html.escape(_("0 none · 1 some · 2 serious · 3 critical", self.language))
        for side in uncoupling.SIDES:
            rows.append(widgets.HTML(f"<h4>{self.label(f'uncoupling.{side}')}</h4>"))
            rows.append(widgets.HTML(f"<div class='kam-hint' style='margin-top:8px'>{scale}</div>"))
            for factor in uncoupling.RISK_FACTORS:
                if factor.side != side:
                    continue
                signs = "".join(f"<li>{html.escape(_(sign, self.language))}</li>"
                                for sign in factor.warning_signs)
                name = (f"<b>{_TAGS[factor.key]} {html.escape(factor.zh)}</b>"
                        if self.shown_language == "zh" else
                        f"<b>{_TAGS[factor.key]} {html.escape(factor.en)}</b> "
                        f"({html.escape(factor.zh)})")
                rows.append(widgets.HTML(
                    name +
                    f"<details class='kam-hint'><summary>{self.label('uncoupling.signs')}"
                    f"</summary><ul style='margin:0;padding-left:18px'>{signs}</ul></details>"))
                rows.append(self.ratings[factor.key])
        ratings = widgets.GridBox(rows, layout=widgets.Layout(
            grid_template_columns="minmax(150px, 1fr) max-content", grid_gap="2px 8px",
            align_items="flex-start", width="100%"))
        title = self.label("uncoupling.title") + (f" · {self.account_id}"
                                                  if self.account_id else "")
        chart = widgets.VBox([self.summary_html, self.plot.output])
        return card([
            heading(title),
            self.trend_html,
            widgets.HTML(f"<p>{self.label('uncoupling.intro')}</p>"),
            beside(chart, ratings, controls_width="430px"),
            self.actions_html,
            self.message,
        ], "UncouplingAudit")
