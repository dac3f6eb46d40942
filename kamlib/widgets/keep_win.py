"""KeepWinCalculator: is keeping an account cheaper than winning a new one? [L1.2c]

Sliders set the assumptions of :class:`kamlib.economics.KeepWinAssumptions`; a toggle loads
the handout's figures or the published ones (保留老客户的成本 vs 开发新客户的成本). The widget
plots yearly profit against the retention rate (:func:`kamlib.views.economics.plot_keep_vs_win`),
says what raising retention does to profit, and shows the handout's claims beside the
published findings (:data:`kamlib.economics.HANDOUT`, :data:`kamlib.economics.PUBLISHED`).
"""

from __future__ import annotations

import dataclasses
import html
from typing import Any

import ipywidgets as widgets

from kamlib import economics
from kamlib.formatting import money, percent
from kamlib.i18n import N_, _, register
from kamlib.validation import KamValueError
from kamlib.views.economics import plot_keep_vs_win
from kamlib.widgets._base import KamWidget, PlotOutput
from kamlib.widgets.layout import beside, card, heading

register(
    {
        "keepwin.title": N_("Keep or win? (保留还是开发？)"),
        "keepwin.figures": N_("Figures"),
        "keepwin.handout": N_("handout figures"),
        "keepwin.published": N_("published figures"),
        "keepwin.own": N_("my own"),
        "keepwin.customers": N_("Accounts"),
        "keepwin.retention_rate": N_("Retention now"),
        "keepwin.improved_retention_rate": N_("Retention goal"),
        "keepwin.margin_per_customer_cny": N_("Margin/acct, CNY"),
        "keepwin.win_cost_per_customer_cny": N_("Win cost/acct, CNY"),
        "keepwin.keep_cost_ratio": N_("Keep ÷ win cost"),
        "keepwin.first_year_margin_ratio": N_("1st-year margin"),
        "keepwin.claims": N_("The handout's claims and the published findings"),
        "keepwin.claim": N_("Claim"),
        "keepwin.figure": N_("Figure"),
        "keepwin.source": N_("Source"),
    }
)

#: Slider settings per assumption: (minimum, maximum, step, readout format).
_SLIDERS = {
    "customers": (10, 1000, 10, "d"),
    "retention_rate": (0.5, 0.99, 0.01, ".0%"),
    "improved_retention_rate": (0.5, 0.99, 0.01, ".0%"),
    "margin_per_customer_cny": (10_000, 1_000_000, 10_000, ",.0f"),
    "win_cost_per_customer_cny": (10_000, 1_000_000, 10_000, ",.0f"),
    "keep_cost_ratio": (0.02, 1.0, 0.01, ".0%"),
    "first_year_margin_ratio": (0.0, 1.0, 0.05, ".0%"),
}
def _sourced(source: str) -> dict[str, Any]:
    """The slider values for the handout's or the published figures."""
    return dataclasses.asdict(economics.sourced_assumptions(source))


def _figure_row(figure: economics.SourcedFigure, language: str | None) -> str:
    cells = (_(figure.claim, language),
             f"{figure.low:g}–{figure.high:g} {_(figure.unit, language)}",
             _(figure.source, language))
    return "<tr>" + "".join(f"<td>{html.escape(cell)}</td>" for cell in cells) + "</tr>"


class KeepWinCalculator(KamWidget):
    """Assumption sliders, a handout/published toggle, the profit plot and the claims table.

    ``.value`` = ``{"figures": "handout" | "published" | "own", "assumptions": {...}}``;
    ``.assumptions`` is the current :class:`kamlib.economics.KeepWinAssumptions`, ``.frame``
    the last :func:`kamlib.economics.keep_vs_win` table and ``.effect`` the profit change (%).

    Parameters
    ----------
    **options
        ``section``, ``workbook`` and ``language``, as for every course widget
        (:class:`~kamlib.widgets._base.KamWidget`); the work is saved under
        "keep_win".

    Examples
    --------
    >>> import tempfile
    >>> from kamlib.workbook import Workbook
    >>> book = Workbook(tempfile.mkdtemp() + "/workbook.json")
    >>> calculator = KeepWinCalculator(workbook=book, language="en")
    >>> calculator.value["figures"], calculator.effect > 0
    ('handout', True)
    """

    section = "keep_win"

    def _build(self) -> None:
        self.sliders = {
            name: (widgets.IntSlider if fmt == "d" else widgets.FloatSlider)(
                min=low, max=high, step=step, readout_format=fmt, continuous_update=False,
                description=self.label(f"keepwin.{name}"),
                style={"description_width": "150px"}, layout=widgets.Layout(width="100%"),
            )
            for name, (low, high, step, fmt) in _SLIDERS.items()
        }
        self.figures = widgets.ToggleButtons(
            options=[(self.label(f"keepwin.{k}"), k) for k in ("handout", "published", "own")],
            value="handout", description=self.label("keepwin.figures"),
            style={"button_width": "auto"},
        )
        self.sentence_html = widgets.HTML()
        self.plot = PlotOutput(figsize=(5.0, 3.9),
                               margins={"left": 0.15, "right": 0.97, "bottom": 0.13, "top": 0.9})
        self.assumptions = economics.DEFAULT_ASSUMPTIONS
        self.frame = None
        self.effect: float | None = None
        self.sentence = ""
        self._set_sliders(_sourced("handout"))
        self.figures.observe(self._on_figures, names="value")
        for slider in self.sliders.values():
            slider.observe(self._on_slider, names="value")
        controls = widgets.VBox([*self.sliders.values(), self.sentence_html, self.message])
        self.claims = widgets.HTML(self._claims_table())
        self.widget = card(
            [heading(self.label("keepwin.title")), self.figures,
             beside(self.plot.output, controls, controls_width="360px"),
             self.claims],
            "KeepWinCalculator",
        )

    @property
    def value(self) -> dict[str, Any]:
        """Which figures are in use and every assumption's value."""
        return {"figures": self.figures.value, "assumptions": self._slider_values()}

    def _slider_values(self) -> dict[str, Any]:
        return {
            name: int(s.value) if isinstance(s, widgets.IntSlider) else round(float(s.value), 4)
            for name, s in self.sliders.items()
        }

    def _set_sliders(self, values: dict[str, Any]) -> None:
        """Put ``values`` in the sliders without each one triggering an update."""
        with self._quietly():
            for name, slider in self.sliders.items():
                if isinstance(values.get(name), (int, float)):
                    slider.value = values[name]

    def _restore(self, saved: Any) -> None:
        if isinstance(saved, dict) and isinstance(saved.get("assumptions"), dict):
            self._set_sliders({**_sourced("handout"), **saved["assumptions"]})
            if saved.get("figures") in ("handout", "published", "own"):
                self.figures.value = saved["figures"]

    def _on_figures(self, change: dict[str, Any]) -> None:
        if self._syncing:
            return
        if change["new"] != "own":
            self._set_sliders(_sourced(change["new"]))
        self._refresh()
        self.save()

    def _on_slider(self, _change: dict[str, Any]) -> None:
        if self._syncing:
            return
        if self.figures.value != "own":
            with self._quietly():
                self.figures.value = "own"
        self._refresh()
        self.save()

    def _refresh(self) -> None:
        """Recompute with kamlib.economics, then redraw the plot and the sentence."""
        try:
            assumptions = economics.KeepWinAssumptions(**self._slider_values())
        except KamValueError as error:
            self.show_error(error)
            return
        frame = economics.keep_vs_win(assumptions)
        self.assumptions, self.frame, self.effect, self.sentence = assumptions, frame, None, ""
        self.plot.draw(lambda ax: self._plot(frame, ax))
        try:
            self.effect = economics.retention_profit_effect(assumptions)
        except KamValueError as error:  # no profit at the current rate: no % change to give
            self.show_error(error)
            self.sentence_html.value = ""
            return
        self.clear_error()
        profits = frame.set_index("scenario")["profit_cny"]
        before = profits.get("current", profits.get("improved"))
        lang = self.language
        self.sentence = _(
            "Raising retention from {before} to {after} changes yearly profit by {effect:+.0f}% "
            "({profit_before} → {profit_after}). Keeping an account costs {ratio} of winning "
            "one here.", lang,
        ).format(
            before=percent(assumptions.retention_rate, decimals=0),
            after=percent(assumptions.improved_retention_rate, decimals=0),
            effect=self.effect,
            profit_before=money(before, language=lang, short=True),
            profit_after=money(profits.get("improved", before), language=lang, short=True),
            ratio=percent(assumptions.keep_cost_ratio, decimals=0),
        )
        self.sentence_html.value = f"<p>{html.escape(self.sentence)}</p>"

    def _plot(self, frame: Any, ax: Any) -> Any:
        """The profit chart, with an x label short enough for a chart beside its sliders."""
        plot_keep_vs_win(frame, ax=ax)
        ax.set_xlabel(_("Retention rate (share of accounts kept a year)", self.language))
        return ax

    def _claims_table(self) -> str:
        head = "".join(f"<th>{self.label(k)}</th>" for k in
                       ("keepwin.claim", "keepwin.figure", "keepwin.source"))
        sections = [
            (self.label("keepwin.handout"), economics.HANDOUT),
            (self.label("keepwin.published"), economics.PUBLISHED),
        ]
        body = "".join(
            f"<tr><th colspan='3' style='text-align:left'>{html.escape(title)}</th></tr>"
            + "".join(_figure_row(f, self.language) for f in figures)
            for title, figures in sections
        )
        return (f"<h4>{self.label('keepwin.claims')}</h4><table class='kam-table'>"
                f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")
