"""The 2x2 matrices of Lecture 2: opportunity and threat matrices [L2.9], Ansoff [L2.10].

``plot_opportunity_matrix`` places each opportunity by probability of success (成功概率)
and attractiveness (吸引力); ``plot_threat_matrix`` each threat by probability of
occurrence (发生概率) and seriousness (严重性). The cell of every item and the cells' names
come from :func:`kamlib.swot.opportunity_cell` and :func:`kamlib.swot.threat_cell`.
``plot_ansoff`` draws the Ansoff matrix (安索夫矩阵) with one strategy highlighted.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pandas as pd

from kamlib import ansoff, swot
from kamlib.i18n import N_, _, ngettext
from kamlib.validation import check_choice, check_frame, check_numeric_series, check_text_series
from kamlib.views.style import OKABE_ITO, TEXT_DARK, fit_fonts, label, new_axes, stacked

_LOW, _HIGH = 0.25, 0.75  # where the words "low" and "high" place an item
_SPLIT = 0.5
_GREY = "#BBBBBB"


@dataclass(frozen=True)
class _Matrix:
    """What differs between the opportunity and the threat matrix."""

    title: tuple[str, str]
    y_column: str
    y_axis: tuple[str, str]
    x_axis: tuple[str, str]
    place: Callable[[Any, Any], swot.MatrixCell]
    colors: dict[str, tuple[str, str]]  # cell key -> (colour, hatch)


OPPORTUNITY = _Matrix(
    title=("Opportunity matrix", "机会矩阵"),
    y_column="attractiveness",
    y_axis=("Attractiveness", "吸引力"),
    x_axis=("Probability of success", "成功概率"),
    place=swot.opportunity_cell,
    colors={
        "pursue_now": (OKABE_ITO["bluish_green"], ""),
        "build_capability": (OKABE_ITO["sky_blue"], "//"),
        "take_if_cheap": (OKABE_ITO["yellow"], ".."),
        "set_aside": (_GREY, "xx"),
    },
)
THREAT = _Matrix(
    title=("Threat matrix", "威胁矩阵"),
    y_column="seriousness",
    y_axis=("Seriousness", "严重性"),
    x_axis=("Probability of occurrence", "发生概率"),
    place=swot.threat_cell,
    colors={
        "contingency_now": (OKABE_ITO["vermillion"], ""),
        "monitor_closely": (OKABE_ITO["orange"], "//"),
        "manage_routinely": (OKABE_ITO["yellow"], ".."),
        "note_and_review": (_GREY, "xx"),
    },
)

ANSOFF_RISK_COLORS = {
    N_("low"): OKABE_ITO["bluish_green"],
    N_("medium"): OKABE_ITO["orange"],
    N_("high"): OKABE_ITO["vermillion"],
}


def _positions(field: str, values: pd.Series, labels: Any) -> pd.Series:
    """Numbers 0–1 as they are; the words "high"/"low" at the middle of their half."""
    levels = {"high": _HIGH, "low": _LOW}
    mapped = pd.Series(
        [levels.get(v.strip().lower(), v) if isinstance(v, str) else v for v in values],
        index=values.index, dtype=object,
    )
    return check_numeric_series(field, mapped, minimum=0, maximum=1, labels=labels)


def _plot_matrix(matrix: _Matrix, items: pd.DataFrame, ax: Any) -> Any:
    check_frame("items", items, ["text", matrix.y_column, "probability"])
    names = check_text_series("items['text']", items["text"]).tolist()
    ys = _positions(matrix.y_column, items[matrix.y_column], names)
    xs = _positions("probability", items["probability"], names)
    ax = new_axes(ax, figsize=(7.0, 7.0))
    for y_level, y0, name_y, align in (("low", 0.0, 0.015, "bottom"),
                                       ("high", _SPLIT, 1 - 0.015, "top")):
        for x_level, x0 in (("low", 0.0), ("high", _SPLIT)):
            cell = matrix.place(y_level, x_level)
            color, hatch = matrix.colors[cell.key]
            ax.add_patch(_rectangle((x0, y0), _SPLIT, _SPLIT, color, hatch, alpha=0.22))
            name = stacked(textwrap.fill(cell.en, 24), cell.zh)
            ax.text(x0 + 0.015, name_y, name, ha="left", va=align, fontsize=9,
                    fontweight="bold", color=TEXT_DARK, linespacing=1.2, zorder=2)
    colors = [matrix.colors[matrix.place(y, x).key][0] for y, x in zip(ys, xs, strict=True)]
    ax.scatter(xs, ys, s=340, c=colors, edgecolors=TEXT_DARK, linewidths=1.2, zorder=3)
    for number, (x, y, name) in enumerate(zip(xs, ys, names, strict=True), 1):
        ax.text(x, y, str(number), ha="center", va="center", fontsize=9, fontweight="bold",
                color=TEXT_DARK, zorder=4)
        on_right = x > 0.62  # write the name on the side with room for it
        ax.annotate(textwrap.shorten(name, 30, placeholder="…"), (x, y),
                    xytext=(-12 if on_right else 12, 0), textcoords="offset points",
                    ha="right" if on_right else "left", va="center", fontsize=8.5,
                    color=TEXT_DARK, zorder=4)
    ax.axvline(_SPLIT, color="#555555", linestyle="--", linewidth=1.2)
    ax.axhline(_SPLIT, color="#555555", linestyle="--", linewidth=1.2)
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ticks = [0, 0.25, 0.5, 0.75, 1.0]
    levels = ["0", _("low"), "0.5", _("high"), "1"]
    ax.set_xticks(ticks, levels)
    ax.set_yticks(ticks, levels)
    ax.set_xlabel(f"{label(*matrix.x_axis)} →", fontsize=10.5)
    ax.set_ylabel(f"{label(*matrix.y_axis)} →", fontsize=10.5)
    count = (ngettext("{n} item", "{n} items", len(names)).format(n=len(names)) if names
             else _("no item yet: add one to place it here"))
    ax.set_title(f"{label(*matrix.title)}\n{count}", fontsize=12, fontweight="bold", loc="left")
    ax.set_aspect("equal")
    return fit_fonts(ax)


def _rectangle(xy: tuple[float, float], width: float, height: float, color: str, hatch: str,
               alpha: float) -> Any:
    from matplotlib.patches import Rectangle

    return Rectangle(xy, width, height, facecolor=color, alpha=alpha, hatch=hatch,
                     edgecolor="#777777", linewidth=0.0, zorder=0)


def plot_opportunity_matrix(items: pd.DataFrame, *, ax: Any = None) -> Any:
    """Opportunity matrix: each row of ``items`` (``text``, ``attractiveness``,
    ``probability``, each a number 0–1 or "high"/"low") as a numbered point in its cell.

    The cells are named by :func:`kamlib.swot.opportunity_cell` (e.g. "Pursue now").

    Parameters
    ----------
    items : pandas.DataFrame
        One row per opportunity: ``text`` (what it is), ``attractiveness`` and
        ``probability`` (of success), each a number 0–1 or the word "high" or "low".
    ax : matplotlib Axes, optional
        Where to draw (default: a new figure).

    Returns
    -------
    matplotlib Axes
        The four cells, each opportunity a numbered point.

    Raises
    ------
    KamValueError
        If a column is missing, a text is empty, a rating is neither a number 0–1 nor
        "high"/"low", or ``ax`` is no Axes.

    Examples
    --------
    >>> import pandas as pd
    >>> items = pd.DataFrame({"text": ["New plant in Wuxi", "Export to Vietnam"],
    ...                       "attractiveness": ["high", 0.3], "probability": [0.8, "low"]})
    >>> ax = plot_opportunity_matrix(items)
    >>> [float(limit) for limit in ax.get_xlim()]
    [0.0, 1.0]
    """
    return _plot_matrix(OPPORTUNITY, items, ax)


def plot_threat_matrix(items: pd.DataFrame, *, ax: Any = None) -> Any:
    """Threat matrix: each row of ``items`` (``text``, ``seriousness``, ``probability``,
    each a number 0–1 or "high"/"low") as a numbered point in its cell.

    The cells are named by :func:`kamlib.swot.threat_cell` (e.g. "Prepare a contingency plan").

    Parameters
    ----------
    items : pandas.DataFrame
        One row per threat: ``text`` (what it is), ``seriousness`` and ``probability`` (that
        it happens), each a number 0–1 or the word "high" or "low".
    ax : matplotlib Axes, optional
        Where to draw (default: a new figure).

    Returns
    -------
    matplotlib Axes
        The four cells, each threat a numbered point.

    Raises
    ------
    KamValueError
        If a column is missing, a text is empty, a rating is neither a number 0–1 nor
        "high"/"low", or ``ax`` is no Axes.

    Examples
    --------
    >>> import pandas as pd
    >>> items = pd.DataFrame({"text": ["A rival cuts prices"], "seriousness": ["high"],
    ...                       "probability": [0.7]})
    >>> ax = plot_threat_matrix(items)
    >>> [float(limit) for limit in ax.get_ylim()]
    [0.0, 1.0]
    """
    return _plot_matrix(THREAT, items, ax)


def plot_ansoff(chosen: str | None = None, *, ax: Any = None) -> Any:
    """The Ansoff matrix: products (x) against markets (y), each cell a growth strategy.

    The chosen strategy's cell is filled with its risk colour and framed; the others stay
    pale.

    Parameters
    ----------
    chosen : str, optional
        The strategy to mark, a key of :data:`kamlib.ansoff.ANSOFF` (e.g.
        "market_development"); default: none.
    ax : matplotlib Axes, optional
        Where to draw (default: a new figure).

    Returns
    -------
    matplotlib Axes
        The four strategies' cells.

    Raises
    ------
    KamValueError
        If ``chosen`` is no strategy's key or ``ax`` is no Axes.

    Examples
    --------
    >>> ax = plot_ansoff("market_development")
    >>> len(ax.patches) >= 4
    True
    """
    if chosen is not None:
        check_choice("chosen", chosen, [s.key for s in ansoff.ANSOFF])
    ax = new_axes(ax, figsize=(7.2, 6.6))
    for strategy in ansoff.ANSOFF:
        x0, y0 = float(strategy.new_product), float(strategy.new_market)
        picked = strategy.key == chosen
        color = ANSOFF_RISK_COLORS[strategy.risk]
        ax.add_patch(_rectangle((x0, y0), 1.0, 1.0, color, "" if picked else "..",
                                alpha=0.75 if picked else 0.15))
        if picked:
            from matplotlib.patches import Rectangle

            ax.add_patch(Rectangle((x0 + 0.02, y0 + 0.02), 0.96, 0.96, fill=False,
                                   edgecolor=TEXT_DARK, linewidth=4, zorder=2))
        name = stacked(strategy.en.capitalize(), strategy.zh).split("\n")
        ax.text(x0 + 0.5, y0 + 0.62, name[0], ha="center", va="center",
                fontsize=14, fontweight="bold", color=TEXT_DARK)
        if len(name) > 1:
            ax.text(x0 + 0.5, y0 + 0.48, name[1], ha="center", va="center", fontsize=13,
                    color=TEXT_DARK)
        risk = _("risk: {risk}").format(risk=_(strategy.risk))
        ax.text(x0 + 0.5, y0 + 0.30, risk + ("  ✔ " + _("chosen") if picked else ""),
                ha="center", va="center", fontsize=10.5, color=TEXT_DARK,
                fontweight="bold" if picked else "normal")
    ax.axvline(1.0, color="#555555", linewidth=1.5)
    ax.axhline(1.0, color="#555555", linewidth=1.5)
    ax.set_xlim(0, 2)
    ax.set_ylim(0, 2)
    ax.set_xticks([0.5, 1.5], [label("Existing products", "现有产品"),
                               label("New products", "新产品")], fontsize=10.5)
    ax.set_yticks([0.5, 1.5], [label("Existing markets", "现有市场"),
                               label("New markets", "新市场")], fontsize=10.5, rotation=90,
                  va="center")
    ax.set_xlabel(f"{label('Products', '产品')} →", fontsize=11)
    ax.set_ylabel(f"{label('Markets', '市场')} →", fontsize=11)
    ax.tick_params(length=0)
    ax.set_title(label("Ansoff matrix: where growth comes from", "安索夫矩阵"), fontsize=13,
                 fontweight="bold", loc="left")
    ax.set_aspect("equal")
    return fit_fonts(ax)
