"""The largest opportunities by expected value (期望值) [L3.1], one account highlighted.

:func:`plot_opportunities` takes a ranking of :mod:`kamlib.priority`
(:func:`~kamlib.priority.account_opportunities` or :func:`~kamlib.priority.wish_file`) and
draws each of the top accounts as a pale bar, the size of the opportunity (the business still
with rivals, or a prospect's capacity), with a dark bar inside it, its expected value (size ×
probability of winning). The ranking goes by the dark bars: a long pale bar with a short dark
one is a big but unlikely prize.
"""

from __future__ import annotations

import textwrap
from typing import Any

import numpy as np
import pandas as pd

from kamlib.formatting import company_name, money, percent
from kamlib.i18n import _
from kamlib.validation import check_frame, check_number, check_numeric_series, check_text
from kamlib.views.style import OKABE_ITO, TEXT_DARK, fit_fonts, new_axes


def plot_opportunities(
    ranked: pd.DataFrame,
    *,
    highlight: str | None = None,
    top: int = 10,
    size: str = "size_cny",
    probability: str = "probability",
    title: str | None = None,
    language: str | None = None,
    ax: Any = None,
) -> Any:
    """The ``top`` opportunities of a ranking, and ``highlight`` wherever it ranks.

    Parameters
    ----------
    ranked : pandas.DataFrame
        A ranking by expected value: ``rank``, ``account_id``, ``name``, ``size`` and
        ``expected_value_cny`` columns, best first (as :mod:`kamlib.priority` returns it).
    highlight : str, optional
        An account drawn in orange and bold (added below the top rows if it ranks lower;
        ignored if it is not in the ranking).
    top : int
        How many of the best opportunities to draw (1 to 40).
    size, probability : str
        The columns of the opportunity's size (CNY) and of the chance of winning it (0–1):
        ``"capacity_cny"`` and ``"win_probability"`` for a wish file.
    title : str, optional
        Default: "Largest opportunities by expected value".
    language : {"en", "zh"}, optional
        Of the labels and amounts (default: the current language).
    ax : matplotlib Axes, optional
        Where to draw (default: a new figure).

    Returns
    -------
    matplotlib Axes

    Raises
    ------
    KamValueError
        If a column is missing, ``top`` is out of range or ``highlight`` is not text.

    Examples
    --------
    >>> import pandas as pd
    >>> from kamlib import priority
    >>> ranked = priority.rank_opportunities(pd.DataFrame({
    ...     "account_id": ["A1", "A2"], "name": ["Alpha", "Beta"],
    ...     "size_cny": [10e6, 3e6], "probability": [0.2, 0.6]}))
    >>> ax = plot_opportunities(ranked, highlight="A2")
    >>> [label.get_text() for label in ax.get_yticklabels()]
    ['2. A2 Beta', '1. A1 Alpha']
    """
    from matplotlib.ticker import MaxNLocator

    size = check_text("size", size)
    probability = check_text("probability", probability)
    if title is not None:
        title = check_text("title", title)
    check_frame("ranked", ranked, ["rank", "account_id", "name", size, probability,
                                   "expected_value_cny"])
    for column in (size, "expected_value_cny"):
        check_numeric_series(f"ranked {column}", ranked[column])
    check_numeric_series(f"ranked {probability}", ranked[probability], minimum=0, maximum=1)
    top = check_number("top", top, minimum=1, maximum=40, integer=True)
    if highlight is not None:
        highlight = check_text("highlight", highlight)
    shown = ranked.head(top)
    mine = ranked["account_id"].astype(str) == highlight
    if highlight is not None and mine.any() and not mine.head(top).any():
        shown = pd.concat([shown, ranked[mine]])
    shown = shown.iloc[::-1]  # the best at the top
    ax = new_axes(ax, figsize=(8.0, max(3.0, 0.42 * len(shown) + 1.4)))
    rows = np.arange(len(shown))
    is_mine = (shown["account_id"].astype(str) == highlight).to_numpy()
    sizes = shown[size].astype(float).to_numpy()
    values = shown["expected_value_cny"].astype(float).to_numpy()
    ax.barh(rows, sizes, height=0.7, color="#DDE8F0", edgecolor="#7A9BB5", linewidth=0.6,
            label=_("size of the opportunity", language))
    ax.barh(rows[~is_mine], values[~is_mine], height=0.7, color=OKABE_ITO["blue"],
            edgecolor=TEXT_DARK, linewidth=0.6, label=_("expected value", language))
    if is_mine.any():  # colour, hatch and a bold label: never colour alone
        ax.barh(rows[is_mine], values[is_mine], height=0.7, color=OKABE_ITO["orange"],
                hatch="//", edgecolor=TEXT_DARK, linewidth=0.6,
                label=highlight)
    chances = shown[probability].astype(float).to_numpy()
    for row, value, chance in zip(rows, values, chances, strict=True):
        ax.text(value, row, f"  {money(value, language=language, short=True)} "
                f"({percent(chance, decimals=0)})", va="center", fontsize=9, color=TEXT_DARK)
    named = shown if "name_zh" in shown else shown.assign(name_zh=shown["name"])
    names = named[["name", "name_zh"]].astype(str).to_dict("records")
    labels = [textwrap.fill(f"{rank}. {account} "
                            f"{company_name(name, short=True, language=language)}", 28)
              for rank, account, name in zip(shown["rank"], shown["account_id"], names,
                                              strict=True)]
    ax.set_yticks(rows, labels, fontsize=9, linespacing=1.0)
    for tick, bold in zip(ax.get_yticklabels(), is_mine, strict=True):
        if bold:
            tick.set_fontweight("bold")
    ax.set_xlim(0, float(sizes.max()) * 1.12 if len(sizes) and sizes.max() > 0 else 1)
    ax.xaxis.set_major_locator(MaxNLocator(4))
    ax.xaxis.set_major_formatter(lambda amount, _position: money(
        amount, language=language, short=True, decimals=0))
    ax.set_xlabel(_("CNY a year", language))
    ax.set_title(title or _("Largest opportunities by expected value", language),
                 fontsize=11, pad=22, loc="right")
    ax.legend(loc="lower right", bbox_to_anchor=(1.0, 1.0), fontsize=9, ncol=3,
              frameon=False, borderaxespad=0.2, handlelength=1.5, columnspacing=1.2)
    ax.grid(axis="x", color="#EEEEEE")
    ax.set_axisbelow(True)
    return fit_fonts(ax)
