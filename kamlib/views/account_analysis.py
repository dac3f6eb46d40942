"""The 80/20 of revenue beside the 80/20 of margin after cost to serve (a "whale curve") [O4].

:func:`plot_profit_concentration` draws, for accounts ranked by each measure, the share of
the total that the top accounts bring: revenue rises to 100% and stops; margin after cost to
serve rises above 100% and falls back, because the accounts at the end lose money.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from kamlib.account_analysis import concentration_compared
from kamlib.i18n import _
from kamlib.views.style import OKABE_ITO, fit_fonts, new_axes


def plot_profit_concentration(table: pd.DataFrame, *, ax: Any = None) -> Any:
    """Cumulative share of revenue and of margin after cost to serve, accounts ranked by each.

    Parameters
    ----------
    table : pandas.DataFrame
        :func:`kamlib.account_analysis.profitability`'s result.
    ax : matplotlib Axes, optional
        Where to draw (default: a new figure).

    Returns
    -------
    matplotlib Axes

    Raises
    ------
    KamValueError
        If a column is missing, holds no numbers or sums to 0 or less, or ``ax`` is no Axes.

    Examples
    --------
    >>> from kamlib import account_analysis, datasets
    >>> ax = plot_profit_concentration(account_analysis.profitability(
    ...     datasets.load("transactions"), datasets.load("visits")))
    >>> len(ax.lines) >= 2
    True
    """
    concentration_compared(table)  # checks the columns, their numbers and their totals
    ax = new_axes(ax, figsize=(7.5, 5))
    for column, label, color, style in (
        ("revenue_cny", _("revenue"), OKABE_ITO["blue"], "-"),
        ("margin_after_cts_cny", _("margin after cost to serve"), OKABE_ITO["vermillion"], "--"),
    ):
        values = table[column].astype(float).sort_values(ascending=False).to_numpy()
        share = np.concatenate([[0.0], np.cumsum(values) / values.sum()])
        accounts = np.linspace(0, 1, len(share))
        ax.plot(accounts * 100, share * 100, linestyle=style, color=color, label=label,
                linewidth=2)
    ax.axhline(100, color="#999", linewidth=0.8)
    ax.axvline(20, color="#999", linewidth=0.8, linestyle=":")
    ax.set_xlabel(_("accounts, largest first (% of accounts)"))
    ax.set_ylabel(_("cumulative share of the total (%)"))
    ax.set_title(_("80/20 on revenue and on margin after cost to serve"))
    ax.legend(loc="lower right")
    return fit_fonts(ax)
