"""Plot of the XY grid (客户分类系统) [L3.4]: where the accounts sit, the class of each cell."""

from __future__ import annotations

import textwrap
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.colors import ListedColormap, to_rgba
from matplotlib.patches import Patch, Rectangle

from kamlib import grid
from kamlib.i18n import N_, _, language_or_current, register
from kamlib.validation import check_frame, check_text, fail
from kamlib.views.style import (
    CLASS_MARKS,
    IMPOSSIBLE_COLOR,
    IMPOSSIBLE_HATCH,
    TEXT_DARK,
    check_axes,
    cjk_font_available,
    fit_fonts,
    plot_label,
)

register(
    {
        "view.xy.title": N_("XY grid (客户分类系统): {n} accounts"),
        "view.xy.x": N_("X: current purchasing from us (目前的购买状况)"),
        "view.xy.y": N_("Y: total purchasing capacity (总体购买能力)"),
        "view.xy.impossible": N_("impossible: X > Y"),
        "view.xy.class": N_("Class {c} ({c}级)"),
        "view.xy.other": N_("every other cell"),
    }
)

SCORES = np.arange(grid.MAX_SCORE + 1)


def plot_xy_grid(
    frame: pd.DataFrame,
    *,
    x: str = "x",
    y: str = "y",
    vip: str | None = "vip",
    rules: grid.ClassificationRules | None = None,
    title: str | None = None,
    language: str | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Draw the 5x5 XY grid: cells coloured and hatched by class, the count of accounts in each.

    ``frame`` holds one row per account with scores ``x`` (current purchasing) and ``y``
    (capacity), 0–4, and optionally a ``vip`` flag (``vip=None`` if there is none). Cells
    with X > Y are impossible and greyed. Classes come from ``rules`` via
    :func:`kamlib.grid.classify_accounts`, which also checks the scores.

    Parameters
    ----------
    frame : pandas.DataFrame
        One row per account, with its X and Y scores (whole numbers 0–4).
    x : str, default "x"
        The column of X, the account's current purchasing from us.
    y : str, default "y"
        The column of Y, the account's total purchasing capacity.
    vip : str or None, default "vip"
        The column of the VIP flag, or None if there is none.
    rules : kamlib.grid.ClassificationRules, optional
        Which cells are class A, B and C (default: the course's rules).
    title : str, optional
        The plot's title (default: "XY grid: N accounts" in ``language``).
    language : {"en", "zh"}, optional
        The language of the plot's labels (default: the current one).
    ax : matplotlib Axes, optional
        Where to draw (default: a new figure).

    Returns
    -------
    matplotlib Axes
        The 5x5 grid, a count in each cell that holds accounts.

    Raises
    ------
    KamValueError
        If a column is missing, a score is not a whole number 0–4 or X exceeds Y, ``rules``
        is no ClassificationRules, or ``ax`` is no Axes.

    Examples
    --------
    >>> import pandas as pd
    >>> accounts = pd.DataFrame({"x": [4, 2, 0], "y": [4, 3, 1], "vip": [False, True, False]})
    >>> ax = plot_xy_grid(accounts, language="en")
    >>> ax.get_title().endswith(": 3 accounts")
    True
    """
    check_frame("frame", frame, {"x": x, "y": y, **({} if vip is None else {"vip": vip})})
    if title is not None:
        check_text("title", title)
    language = language_or_current(language)
    if rules is None:
        rules = grid.ClassificationRules()
    if not isinstance(rules, grid.ClassificationRules):
        raise fail("rules", rules, _("a kamlib.grid.ClassificationRules or None"))
    grid.classify_accounts(frame, current=x, capacity=y, vip=vip, account=None, rules=rules)
    counts, vips = grid.cell_counts(frame, current=x, capacity=y, vip=vip, account=None)
    if ax is None:
        _figure, ax = plt.subplots(figsize=(7.5, 6))
    else:
        check_axes(ax)

    import seaborn as sns

    # seaborn draws the 5x5 cells, coloured by class; the impossible ones (X > Y) are masked
    # and drawn below as greyed, hatched cells. Cell (x, y) spans [x, x + 1] x [y, y + 1].
    impossible = SCORES[np.newaxis, :] > SCORES[:, np.newaxis]
    colors = ListedColormap([CLASS_MARKS[letter].color for letter in grid.GRID_CLASSES])
    sns.heatmap(rules.class_codes(), mask=impossible, cmap=colors, vmin=-0.5,
                vmax=len(grid.GRID_CLASSES) - 0.5, cbar=False, linewidths=2.5,
                linecolor="white", square=True, ax=ax)
    ax.invert_yaxis()  # Y grows upwards, as on the handout's grid
    codes = rules.class_codes()
    for cell_y in SCORES:
        for cell_x in SCORES:
            _draw_cell(ax, cell_x, cell_y, codes[cell_y, cell_x], counts, vips)

    meaning = 1 if language == "zh" and cjk_font_available() else 0
    meanings = [grid.SCORE_MEANINGS[s][meaning] for s in SCORES]
    ax.set_xticks(SCORES + 0.5, [f"{s}\n{textwrap.fill(m, 14)}" for s, m in zip(SCORES, meanings,
                                                                          strict=True)],
                  fontsize=8)
    ax.set_yticks(SCORES + 0.5, [f"{textwrap.fill(m, 14)}  {s}" for s, m in zip(SCORES, meanings,
                                                                          strict=True)],
                  fontsize=8, rotation=0)
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.set_xlabel(plot_label("view.xy.x", language=language), fontsize=10, labelpad=8)
    ax.set_ylabel(plot_label("view.xy.y", language=language), fontsize=10, labelpad=8)
    ax.set_title(title or plot_label("view.xy.title", language=language).format(n=len(frame)),
                 fontsize=13, fontweight="bold")
    ax.legend(handles=_legend(rules, language), loc="upper left", bbox_to_anchor=(1.02, 1.0),
              frameon=False, fontsize=9, handleheight=1.6, handlelength=2.2)
    return fit_fonts(ax)


def _hatch(ax: Axes, cell: dict[str, Any], hatch: str, color: Any) -> None:
    """Hatch ``cell`` in ``color`` inside a white border. (A hatch takes its patch's edge
    colour, so the hatch and the border are two patches.)"""
    ax.add_patch(Rectangle(**cell, fill=False, hatch=hatch, edgecolor=color, linewidth=0))
    ax.add_patch(Rectangle(**cell, fill=False, edgecolor="white", linewidth=2.5))


def _draw_cell(ax: Axes, x: int, y: int, code: int, counts: np.ndarray, vips: np.ndarray) -> None:
    """Draw over one cell: its class hatch, letter and count, or the impossible-cell grey."""
    cell = {"xy": (x, y), "width": 1, "height": 1}
    if x > y:
        ax.add_patch(Rectangle(**cell, facecolor=IMPOSSIBLE_COLOR, linewidth=0))
        _hatch(ax, cell, IMPOSSIBLE_HATCH, "#C8C8C8")
        return
    letter = grid.GRID_CLASSES[code]
    mark = CLASS_MARKS[letter]
    _hatch(ax, cell, mark.hatch, _faint(mark.text_color))
    ax.text(x + 0.08, y + 0.90, letter, ha="left", va="top", fontsize=9,
            fontweight="bold", color=mark.text_color)
    count = int(counts[y, x])
    ax.text(x + 0.5, y + 0.5, str(count), ha="center", va="center", fontsize=17 if count else 12,
            fontweight="bold" if count else "normal", color=mark.text_color,
            bbox={"boxstyle": "round,pad=0.2", "facecolor": mark.color, "edgecolor": "none"})
    if vips[y, x]:
        ax.text(x + 0.5, y + 0.18, f"★ {int(vips[y, x])} VIP", ha="center", va="center",
                fontsize=8, color=mark.text_color,
                bbox={"boxstyle": "round,pad=0.15", "facecolor": mark.color, "edgecolor": "none"})


def _faint(color: str) -> tuple[float, float, float, float]:
    """A see-through version of the text colour, for hatches that must not hide the numbers."""
    return to_rgba(color, alpha=0.22)


def _legend(rules: grid.ClassificationRules, language: Any) -> list[Patch]:
    rule_text = {
        "A": f"X ≥ {rules.a_min_x}, Y ≥ {rules.a_min_y}",
        "B": plot_label("view.xy.other", language=language),
        "C": f"Y ≤ {rules.c_max_y}",
    }
    class_name = plot_label("view.xy.class", language=language)
    handles = [
        Patch(facecolor=CLASS_MARKS[c].color, hatch=CLASS_MARKS[c].hatch, edgecolor=TEXT_DARK,
              linewidth=0.5, label=f"{class_name.format(c=c)}\n{rule_text[c]}")
        for c in grid.GRID_CLASSES
    ]
    handles.append(Patch(facecolor=IMPOSSIBLE_COLOR, hatch=IMPOSSIBLE_HATCH, edgecolor="#999999",
                         linewidth=0.5, label=plot_label("view.xy.impossible", language=language)))
    return handles
