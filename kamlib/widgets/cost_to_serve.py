"""CostToServe: what your account costs to serve, its share of wallet by line, and which
accounts really pay [O4].

Three rates set the course's cost-to-serve model (per visit, order and product line; the
defaults come from the course settings and are an assumption). The widget shows, for the
account, its estimated share of wallet line by line
(:func:`kamlib.account_analysis.wallet_by_line`) and its margin after cost to serve; for the
whole book, the 80/20 on revenue beside the 80/20 on margin after cost to serve, in numbers
and as a curve. The learner's rates are saved per account.
"""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as widgets
import pandas as pd

from kamlib import account_analysis, datasets, settings
from kamlib.i18n import N_
from kamlib.validation import KamValueError
from kamlib.views.account_analysis import plot_profit_concentration
from kamlib.widgets._base import PlotOutput, html_table
from kamlib.widgets._practice import PracticeWidget
from kamlib.widgets.layout import beside


class CostToServe(PracticeWidget):
    """Rates of the cost-to-serve model, the account's wallet by line and profitability, and
    the book's 80/20 before and after cost to serve.

    ``.value`` = ``{"rates": {"visit", "order", "product_line"}}``; ``.table`` holds the last
    :func:`kamlib.account_analysis.profitability`, ``.compared`` the last
    :class:`kamlib.account_analysis.ConcentrationCompared`.
    """

    section = "cost_to_serve"

    def _build(self) -> None:
        defaults = settings.current().cost_to_serve_cny
        self.rates = {
            key: widgets.BoundedFloatText(
                value=float(defaults[key]), min=0, max=1e7, step=100,
                description=self.tr(account_analysis.COST_DRIVER_NAMES[key]),
                style={"description_width": "150px"}, layout=widgets.Layout(width="300px"))
            for key in account_analysis.COST_DRIVERS
        }
        for box in self.rates.values():
            box.observe(self._on_learner_change, names="value")
        self.wallet = widgets.HTML()
        self.account_line = widgets.HTML()
        self.book = widgets.HTML()
        self.plot = PlotOutput(figsize=(5.2, 3.8), margins={"left": 0.13, "right": 0.97,
                                                            "top": 0.9, "bottom": 0.15})
        # What the rates change (the account's line, the book's table and its curve) comes
        # right under the rates; the wallet by line, which they do not change, comes last.
        self.widget = self.frame(
            self.title(N_("Share of wallet and cost to serve"),
                       N_("Where is our share thin, and what does the account cost us to "
                          "serve? Change the rates (CNY per visit, order and product line: "
                          "the course's assumption) and see which accounts really pay.")),
            widgets.Box(list(self.rates.values()),
                        layout=widgets.Layout(display="flex", flex_flow="row wrap")),
            self.account_line,
            beside(self.plot.output, self.book, controls_width="300px"),
            self.wallet,
        )

    @property
    def value(self) -> dict[str, Any]:
        return {"rates": {key: box.value for key, box in self.rates.items()}}

    def _restore(self, saved: Any) -> None:
        rates = saved.get("rates") if isinstance(saved, dict) else None
        if not isinstance(rates, dict):
            return
        for key, box in self.rates.items():
            if isinstance(rates.get(key), (int, float)) and 0 <= rates[key] <= box.max:
                box.value = float(rates[key])

    def _refresh(self) -> None:
        accounts, orders = datasets.load("accounts"), datasets.load("transactions")
        try:
            wallet = account_analysis.wallet_by_line(accounts, orders, self.account_id)
        except KamValueError as error:
            self.wallet.value = f"<p>{html.escape(str(error))}</p>"
        else:
            headers = {
                "estimated_spend_cny": self.tr(N_("its spend (estimated)")),
                "revenue_cny": self.tr(N_("with us")),
                "share_of_wallet": self.tr(N_("our share")),
                "headroom_cny": self.tr(N_("with rivals (estimated)")),
            }
            shown = wallet[list(headers)].rename(columns=headers)
            shown.index.name = self.tr(N_("line"))
            table = html_table(
                shown, money=[headers[c] for c in ("estimated_spend_cny", "revenue_cny",
                                                   "headroom_cny")],
                formatters={headers["share_of_wallet"]: lambda share: f"{share:.0%}"},
                language=self.language)
            heading = self.tr(N_("Share of wallet by product line"))
            self.wallet.value = (
                f"<h4>{html.escape(heading)} "
                f"({self.account_id})</h4>{table}")
        self.table = account_analysis.profitability(orders, datasets.load("visits"),
                                                    rates=self.value["rates"])
        self.account_line.value = (
            f"<p>{html.escape(account_analysis.describe_account(self.table, self.account_id))}"
            "</p>" if self.account_id in self.table.index else "")
        self.compared = account_analysis.concentration_compared(self.table)
        # One column per measure, one row per figure: narrow enough to sit beside the chart.
        rows = [self.tr(N_("top 20% bring")), self.tr(N_("accounts for 80%")),
                self.tr(N_("accounts losing money"))]
        figures = self.compared.table  # indexed by the two measures' English names
        shown = pd.DataFrame({
            self.tr(measure): [f"{figures.loc[measure, 'top_share']:.0%}",
                               f"{figures.loc[measure, 'accounts_for_80']:.0f}",
                               f"{figures.loc[measure, 'accounts_losing']:.0f}"]
            for measure in (N_("revenue"), N_("margin after cost to serve"))
        }, index=rows)
        heading = self.tr(N_("The whole book: 80/20 before and after cost to serve"))
        self.book.value = f"<h4>{html.escape(heading)}</h4>{html_table(shown)}"
        table = self.table
        self.plot.draw(lambda ax: plot_profit_concentration(table, ax=ax),
                       alt=self.tr(N_("Cumulative share of revenue and of margin after cost to "
                                      "serve, accounts ranked by each")))
