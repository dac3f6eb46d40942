"""ParetoExplorer: the 80/20 principle (80/20原理) on the case company's orders [L1.2a].

Pick the top fraction of accounts (5–50%) and a year; the widget measures the revenue
concentration with :mod:`kamlib.pareto`, draws the curve with
:func:`kamlib.views.pareto.plot_concentration` and says in one sentence what it found.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

import ipywidgets as widgets
import pandas as pd

from kamlib import pareto
from kamlib.i18n import N_, _, register
from kamlib.validation import KamValueError, check_date_series, check_frame, fail
from kamlib.views.pareto import plot_concentration
from kamlib.widgets._base import KamWidget, PlotOutput, WidgetOptions
from kamlib.widgets.layout import beside, card, heading

if TYPE_CHECKING:
    from typing_extensions import Unpack

register(
    {
        "pareto.title": N_("The 80/20 principle on our orders"),
        "pareto.top": N_("Top accounts"),
        "pareto.year": N_("Year"),
        "pareto.all_years": N_("all years"),
        "pareto.in_year": N_("in {year}"),
        "pareto.over_all": N_("over all years"),
        "pareto.sentence": N_(
            "The top {top:.0%} of accounts ({top_accounts} of {n}) brought {share:.0%} "
            "of revenue {period}; {target:.0%} of revenue came from {target_accounts} "
            "accounts ({target_fraction:.0%})."),
    }
)

ALL_YEARS = "all"
TOP_RANGE = (0.05, 0.50)


class ParetoExplorer(KamWidget):
    """Top-fraction slider and year picker over the revenue concentration curve.

    ``transactions``: orders with ``date``, ``account_id`` and ``revenue_cny`` (default: the
    case company's). ``.value`` = ``{"top": 0.2, "year": "2025"}`` (year may be ``"all"``);
    ``.result`` is the last :class:`kamlib.pareto.Concentration` and ``.sentence`` its text.

    Parameters
    ----------
    transactions : pandas.DataFrame, optional
        Orders with ``date``, ``account_id`` and ``revenue_cny`` (default: the case company's).
    **options
        ``section``, ``workbook`` and ``language``, as for every course widget
        (:class:`~kamlib.widgets._base.KamWidget`); the work is saved under
        "pareto_explorer".

    Raises
    ------
    KamValueError
        If ``transactions`` lacks a column or holds a wrong value,.

    Examples
    --------
    >>> import tempfile
    >>> from kamlib.workbook import Workbook
    >>> book = Workbook(tempfile.mkdtemp() + "/workbook.json")
    >>> explorer = ParetoExplorer(workbook=book, language="en")
    >>> explorer.value
    {'top': 0.2, 'year': '2025'}
    >>> explorer.result.top_accounts
    35
    """

    section = "pareto_explorer"

    def __init__(
        self, transactions: pd.DataFrame | None = None, **options: Unpack[WidgetOptions]
    ) -> None:
        if transactions is None:
            from kamlib import datasets

            transactions = datasets.load("transactions")
        check_frame("transactions", transactions, ["date", "account_id", "revenue_cny"])
        if transactions.empty:
            raise fail("transactions", "an empty table", _("at least one order"))
        transactions = transactions.assign(
            date=check_date_series("transactions['date']", transactions["date"])
        )
        pareto.revenue_by_account(transactions)  # checks the account ids and the revenue
        self.transactions = transactions
        super().__init__(**options)

    def _build(self) -> None:
        years = sorted(str(y) for y in self.transactions["date"].dt.year.dropna().unique())
        wide = {"style": {"description_width": "initial"}, "layout": widgets.Layout(width="100%")}
        self.top_slider = widgets.FloatSlider(
            value=0.2, min=TOP_RANGE[0], max=TOP_RANGE[1], step=0.01, readout_format=".0%",
            description=self.label("pareto.top"), continuous_update=False, **wide,
        )
        self.year_picker = widgets.Dropdown(
            options=[*[(y, y) for y in years], (self.label("pareto.all_years"), ALL_YEARS)],
            value=years[-1], description=self.label("pareto.year"), **wide,
        )
        self.sentence_html = widgets.HTML()
        self.plot = PlotOutput(figsize=(5.4, 4.2),
                               margins={"left": 0.13, "right": 0.97, "bottom": 0.12, "top": 0.87})
        self.result: pareto.Concentration | None = None
        self.sentence = ""
        self.top_slider.observe(self._on_learner_change, names="value")
        self.year_picker.observe(self._on_learner_change, names="value")
        controls = widgets.VBox([self.top_slider, self.year_picker, self.sentence_html,
                                 self.message])
        self.widget = card([heading(self.label("pareto.title")),
                            beside(self.plot.output, controls, controls_width="280px")],
                           "ParetoExplorer")

    @property
    def value(self) -> dict[str, Any]:
        """The learner's choice: top fraction and year (or ``"all"``)."""
        return {"top": round(float(self.top_slider.value), 4), "year": self.year_picker.value}

    def _restore(self, saved: Any) -> None:
        if not isinstance(saved, dict):
            return
        top, year = saved.get("top"), saved.get("year")
        if isinstance(top, (int, float)) and TOP_RANGE[0] <= top <= TOP_RANGE[1]:
            self.top_slider.value = top
        if year in [value for _, value in self.year_picker.options]:
            self.year_picker.value = year

    def _refresh(self) -> None:
        """Measure with kamlib.pareto, then redraw the curve and the sentence."""
        top, year = self.value["top"], self.year_picker.value
        start, end = (None, None) if year == ALL_YEARS else (f"{year}-01-01", f"{year}-12-31")
        try:
            revenue = pareto.revenue_by_account(self.transactions, start=start, end=end)
            result = pareto.concentration(revenue, top=top)
        except KamValueError as error:
            self.show_error(error)
            return
        self.clear_error()
        self.result = result
        period = (self.label("pareto.over_all") if year == ALL_YEARS
                  else self.label("pareto.in_year").format(year=year))
        self.sentence = self.label("pareto.sentence").format(
            top=top, top_accounts=result.top_accounts, n=result.n_accounts,
            share=result.top_share, period=period, target=result.target,
            target_accounts=result.accounts_for_target,
            target_fraction=result.fraction_for_target,
        )
        self.sentence_html.value = f"<p>{html.escape(self.sentence)}</p>"
        self.plot.draw(lambda ax: plot_concentration(result, ax=ax, highlight=top),
                       alt=self.sentence)
