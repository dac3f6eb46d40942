"""Plot of the BCG growth–share matrix (波士顿矩阵) [L2.6] as the classic bubble chart.

Relative market share runs on a log axis with HIGH share on the LEFT (the classic layout),
split at 1x; market growth runs upwards, split at 10%. Bubble area is proportional to
revenue. Each quadrant is named in English and Chinese with its usual strategy in its
outer corner (so no legend is needed: position, colour and hatch all tell the quadrant).
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.patches import Rectangle
from matplotlib.ticker import FixedLocator, NullLocator

from kamlib import bcg
from kamlib._validation import check_frame, check_number, check_numeric_series, check_text, fail
from kamlib.i18n import register
from kamlib.views.style import QUADRANT_MARKS, TEXT_DARK, cjk_font_available, fit_fonts, plot_label

register(
    {
        "view.bcg.title": {
            "en": "BCG growth–share matrix (波士顿矩阵)",
            "zh": "波士顿矩阵（BCG growth–share matrix）",
        },
        "view.bcg.x": {
            "en": "Relative market share (相对市场份额), log scale, high on the left; "
                  "bubble area ∝ revenue (营收)",
            "zh": "相对市场份额（对数刻度，左高右低）；气泡面积与营收成正比",
        },
        "view.bcg.y": {
            "en": "Market growth rate (市场成长率), % a year",
            "zh": "市场成长率（%/年）",
        },
    }
)

SHARE_TICKS = (0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0)
LARGEST_BUBBLE = 1800.0  # marker area in points² of the unit with the most revenue
# Where each quadrant sits in the classic layout: (on the left, at the top).
_PLACES = {"star": (True, True), "question_mark": (False, True),
           "cash_cow": (True, False), "dog": (False, False)}


def plot_bcg(
    table: pd.DataFrame,
    label: str = "name",
    growth: str = "market_growth_pct",
    revenue: str = "revenue_cny",
    growth_split: float = 10.0,
    share_split: float = 1.0,
    title: str | None = None,
    language: str | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Draw the BCG bubble chart of ``table``, the result of :func:`kamlib.bcg.bcg_table`.

    One bubble per row at (``relative_share``, ``growth``), area proportional to ``revenue``,
    coloured and hatched by ``quadrant``, named by ``label``. Use the same splits as the table.
    """
    check_frame("table", table, [label, growth, revenue, "relative_share", "quadrant"])
    growth_split = check_number("growth_split", growth_split)
    share_split = check_number("share_split", share_split)
    if share_split <= 0:
        raise fail("share_split", share_split, "a relative share above 0, e.g. 1.0")
    if title is not None:
        check_text("title", title)
    shares = check_numeric_series("relative_share", table["relative_share"], minimum=1e-9)
    rates = check_numeric_series(f"growth column {growth!r}", table[growth])
    amounts = check_numeric_series(f"revenue column {revenue!r}", table[revenue], minimum=0)
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 6))

    left, right = max(10.0, shares.max() * 1.6), min(0.1, shares.min() / 1.6)
    low, high = min(0.0, rates.min()), max(2 * growth_split, rates.max())
    margin = 0.14 * (high - low)  # room for the quadrant names above and below the bubbles
    bottom, top = low - margin, high + margin
    ax.set_xscale("log")
    ax.set_xlim(left, right)  # inverted: high relative share on the left
    ax.set_ylim(bottom, top)
    _draw_quadrants(ax, (left, right, bottom, top), share_split, growth_split)

    sizes = LARGEST_BUBBLE * amounts / amounts.max() if amounts.max() > 0 else amounts * 0
    for quadrant in bcg.QUADRANTS:
        rows = (table["quadrant"] == quadrant.key).to_numpy()
        if not rows.any():
            continue
        mark = QUADRANT_MARKS[quadrant.key]
        ax.scatter(shares[rows], rates[rows], s=sizes[rows], color=mark.color, hatch=mark.hatch,
                   hatchcolor=(0, 0, 0, 0.3), edgecolors=TEXT_DARK, linewidths=0.8, alpha=0.9,
                   zorder=3)
    radii = np.sqrt(sizes.to_numpy() / np.pi)
    for name, share, rate, radius in zip(table[label].astype(str), shares, rates, radii,
                                         strict=True):
        ax.annotate(name, (share, rate), xytext=(0, -radius - 3), textcoords="offset points",
                    ha="center", va="top", fontsize=8, color=TEXT_DARK, zorder=4,
                    bbox={"boxstyle": "round,pad=0.1", "facecolor": "white", "alpha": 0.7,
                          "edgecolor": "none"})

    ax.xaxis.set_major_locator(FixedLocator(SHARE_TICKS))
    ax.xaxis.set_minor_locator(NullLocator())
    ax.set_xticklabels([f"{tick:g}x" for tick in SHARE_TICKS])
    ax.set_xlabel(plot_label("view.bcg.x", language))
    ax.set_ylabel(plot_label("view.bcg.y", language))
    ax.set_title(title or plot_label("view.bcg.title", language), fontsize=13, fontweight="bold")
    return fit_fonts(ax)


def _draw_quadrants(ax: Axes, box: tuple, share_split: float, growth_split: float) -> None:
    """Tint the four quadrants, draw the split lines and name each quadrant in its corner."""
    left, right, bottom, top = box
    for quadrant in bcg.QUADRANTS:
        on_left, on_top = _PLACES[quadrant.key]
        low_share, high_share = (share_split, left) if on_left else (right, share_split)
        low_growth, high_growth = (growth_split, top) if on_top else (bottom, growth_split)
        mark = QUADRANT_MARKS[quadrant.key]
        ax.add_patch(Rectangle((low_share, low_growth), high_share - low_share,
                               high_growth - low_growth, facecolor=mark.color, alpha=0.10,
                               edgecolor="none", zorder=0))
        # The name goes in the quadrant's outer corner, in the margin kept free of bubbles
        # (axes fractions; the x axis is inverted).
        ax.text(0.015 if on_left else 0.985, 0.98 if on_top else 0.02,
                f"{_quadrant_name(quadrant)}\n→ {quadrant.strategy}",
                transform=ax.transAxes, ha="left" if on_left else "right",
                va="top" if on_top else "bottom",
                multialignment="left" if on_left else "right", fontsize=10, fontweight="bold",
                color=TEXT_DARK, alpha=0.8, zorder=1)
    ax.axvline(share_split, color="#555555", linestyle="--", linewidth=1.2, zorder=1)
    ax.axhline(growth_split, color="#555555", linestyle="--", linewidth=1.2, zorder=1)



def _quadrant_name(quadrant: bcg.Quadrant) -> str:
    """'Star 明星类' where Chinese can be drawn, else 'Star'."""
    name = quadrant.en.capitalize()
    return f"{name} {quadrant.zh}" if cjk_font_available() else name
