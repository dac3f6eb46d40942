"""The 80/20 principle (80/20原理) on data [L1.2a]: the revenue concentration curve.

:func:`plot_concentration` draws what :func:`kamlib.pareto.concentration` measured: the
cumulative share of revenue against the share of accounts (largest first), the line of
equal shares, the 80/20 reference lines, the point of the chosen top fraction and the point
where the target share of revenue is reached.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from kamlib.i18n import _
from kamlib.pareto import Concentration
from kamlib.validation import check_number, fail
from kamlib.views.style import OKABE_ITO, TEXT_DARK, fit_fonts, label, new_axes

_REFERENCE = {"color": "#6B6B6B", "linestyle": ":", "linewidth": 1.2}


def _highlight_point(conc: Concentration, highlight: float) -> tuple[float, float, int]:
    """(account share, revenue share, accounts) of the top ``highlight`` fraction.

    At the concentration's own top fraction this is its exact measured point; elsewhere the
    curve is read at the same whole number of accounts the domain would count.
    """
    if math.isclose(highlight, conc.top_fraction):
        return conc.top_accounts / conc.n_accounts, conc.top_share, conc.top_accounts
    accounts = max(1, math.ceil(highlight * conc.n_accounts - 1e-12))
    share = float(conc.curve["revenue_share"].iloc[accounts])
    return accounts / conc.n_accounts, share, accounts


def plot_concentration(conc: Concentration, *, ax: Any = None, highlight: float = 0.2) -> Any:
    """Plot the concentration curve of ``conc`` and mark the top ``highlight`` of accounts.

    Parameters
    ----------
    conc : kamlib.pareto.Concentration
        What :func:`kamlib.pareto.concentration` measured on the accounts' revenue.
    ax : matplotlib Axes, optional
        Where to draw (default: a new figure).
    highlight : float, default 0.2
        The top fraction of accounts to mark, above 0 and at most 1 (0.2: the top 20%).

    Returns
    -------
    matplotlib Axes
        The curve is its first line (x: share of accounts, y: share of revenue, both 0–1)
        and the highlighted point its first scatter collection.

    Raises
    ------
    KamValueError
        If ``conc`` is no Concentration, ``highlight`` is not a fraction above 0 and at
        most 1, or ``ax`` is no Axes.

    Examples
    --------
    >>> import pandas as pd
    >>> from kamlib.pareto import concentration
    >>> conc = concentration(pd.Series([50, 20, 10, 10, 5, 5]))
    >>> ax = plot_concentration(conc, highlight=0.5)
    >>> [float(v) for v in ax.collections[1].get_offsets()[0]]
    [0.5, 0.8]
    """
    if not isinstance(conc, Concentration):
        raise fail("conc", type(conc).__name__, _("a kamlib.pareto.Concentration"))
    highlight = check_number("highlight", highlight, minimum=0, maximum=1)
    if highlight <= 0:
        raise fail("highlight", highlight, _("a fraction above 0 and at most 1, e.g. 0.2"))
    ax = new_axes(ax, figsize=(7.5, 5.6))
    curve = conc.curve
    ax.plot(curve["account_share"], curve["revenue_share"], color=OKABE_ITO["blue"],
            linewidth=2.6, label=label("Cumulative share of revenue", "累计收入占比"))
    ax.fill_between(curve["account_share"], curve["revenue_share"], curve["account_share"],
                    color=OKABE_ITO["sky_blue"], alpha=0.18)
    ax.plot([0, 1], [0, 1], color=TEXT_DARK, linestyle="--", linewidth=1,
            label=label("If every account bought the same", "平均分布"))
    ax.axvline(0.2, **_REFERENCE)
    ax.axhline(0.8, **_REFERENCE, label=label("80/20 reference lines", "80/20参考线"))

    x, y, accounts = _highlight_point(conc, highlight)
    ax.scatter([x], [y], s=110, marker="o", color=OKABE_ITO["vermillion"], edgecolor=TEXT_DARK,
               zorder=4, label=label("Chosen top fraction", "所选头部客户"))
    ax.plot([x, x, 0], [0, y, y], color=OKABE_ITO["vermillion"], linewidth=1, alpha=0.8)
    ax.annotate(_("top {share:.0%} ({accounts} of {total})\n→ {revenue:.0%} of revenue").format(
                share=x, accounts=accounts, total=conc.n_accounts, revenue=y),
                (x, y), xytext=(14, -36), textcoords="offset points", fontsize=10,
                color=TEXT_DARK, arrowprops={"arrowstyle": "-", "color": TEXT_DARK, "lw": 0.6})

    tx, ty = conc.fraction_for_target, conc.target
    ax.scatter([tx], [ty], s=110, marker="D", color=OKABE_ITO["orange"], edgecolor=TEXT_DARK,
               zorder=4, label=label(f"{conc.target:.0%} of revenue reached", "达到目标收入"))
    # below the curve and right of the point: clear of the axis labels and the other note
    ax.annotate(_("{accounts} accounts ({share:.0%})\nmake {revenue:.0%} of revenue").format(
                accounts=conc.accounts_for_target, share=tx, revenue=ty),
                (tx, ty), xytext=(34, -6), textcoords="offset points", fontsize=10, ha="left",
                va="top",
                color=TEXT_DARK, arrowprops={"arrowstyle": "-", "color": TEXT_DARK, "lw": 0.6})

    ticks = np.linspace(0, 1, 6)
    percent = [f"{t:.0%}" for t in ticks]
    ax.set_xticks(ticks, percent)
    ax.set_yticks(ticks, percent)
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1.02)
    ax.set_xlabel(label("Share of accounts, largest first", "客户数占比，从大到小"))
    ax.set_ylabel(label("Cumulative share of revenue", "累计收入占比"))
    ax.set_title(label("Revenue concentration", "80/20原理")
                 + "\n" + _("the top {share:.0%} of accounts bring {revenue:.0%}").format(
                     share=x, revenue=y), fontsize=12)
    ax.legend(loc="lower right", fontsize=9)
    ax.grid(alpha=0.25)
    return fit_fonts(ax)
