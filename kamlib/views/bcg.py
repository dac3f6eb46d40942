"""Plot of the BCG growth–share matrix (波士顿矩阵) [L2.6] as the classic bubble chart.

Relative market share runs on a log axis with HIGH share on the LEFT (the classic layout),
split at 1x; market growth runs upwards, split at 10%. Bubble area is proportional to
revenue. Each quadrant is named in English and Chinese with its usual strategy in its
outer corner (so no legend is needed: position, colour and hatch all tell the quadrant).
Each bubble's name is placed beside it where it covers no other name, bubble or quadrant
name (:class:`_BubbleLabels`), with a leader line when it had to move further away.
"""

from __future__ import annotations

import textwrap

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib import rc_context
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.patches import Rectangle
from matplotlib.text import Annotation, Text
from matplotlib.ticker import FixedLocator, NullLocator

from kamlib import bcg
from kamlib.i18n import LANGUAGES, N_, _, get_language, register
from kamlib.validation import (
    check_choice,
    check_choice_series,
    check_frame,
    check_key_series,
    check_number,
    check_numeric_series,
    check_text,
    fail,
)
from kamlib.views.style import (
    QUADRANT_MARKS,
    TEXT_DARK,
    check_axes,
    cjk_font_available,
    fit_fonts,
    plot_label,
)

register(
    {
        "view.bcg.title": N_("BCG growth–share matrix (波士顿矩阵)"),
        "view.bcg.x": N_("Relative market share (相对市场份额), log scale, high on the left; "
                  "bubble area ∝ revenue (营收)"),
        "view.bcg.y": N_("Market growth rate (市场成长率), % a year"),
    }
)

SHARE_TICKS = (0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0)
LARGEST_BUBBLE = 1800.0  # marker area in points² of the unit with the most revenue (wide axes)
# Where each quadrant sits in the classic layout: (on the left, at the top).
_PLACES = {"star": (True, True), "question_mark": (False, True),
           "cash_cow": (True, False), "dog": (False, False)}
#: Where a name may go, tried in this order: directions from the bubble's centre (below,
#: above, right, left, then the diagonals) ...
_DIRECTIONS = np.array([(0, -1), (0, 1), (1, 0), (-1, 0),
                        (1, -1), (-1, -1), (1, 1), (-1, 1)], dtype=float)
#: ... at these distances beyond the bubble's edge, in points; beyond the first, a leader
#: line joins name and bubble.
_DISTANCES = (3.0, 16.0, 32.0)
_LABEL_PAD = 0.1  # the white box around a name, in font sizes


def plot_bcg(
    table: pd.DataFrame,
    *,
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

    Parameters
    ----------
    table : pandas.DataFrame
        :func:`kamlib.bcg.bcg_table`'s result: one row per product line or business unit,
        with ``relative_share`` and ``quadrant``.
    label : str, default "name"
        The column that names each bubble.
    growth : str, default "market_growth_pct"
        The column of market growth, in % a year.
    revenue : str, default "revenue_cny"
        The column of revenue (bubble area), 0 or more.
    growth_split : float, default 10.0
        The market growth (%) that divides high growth from low.
    share_split : float, default 1.0
        The relative share that divides high share from low (1.0: as large as the largest
        rival).
    title : str, optional
        The plot's title (default: "BCG matrix" in ``language``).
    language : {"en", "zh"}, optional
        The language of the plot's labels (default: the current one).
    ax : matplotlib Axes, optional
        Where to draw (default: a new figure).

    Returns
    -------
    matplotlib Axes
        One bubble per row.

    Raises
    ------
    KamValueError
        If a column is missing, a name repeats, a quadrant is unknown, a number is not a
        number (a share at or below 0, a negative revenue), or ``ax`` is no Axes.

    Examples
    --------
    >>> from kamlib import bcg, datasets
    >>> table = bcg.bcg_table(datasets.load("product_lines"))
    >>> ax = plot_bcg(table, language="en")
    >>> ax.get_xscale()
    'log'
    """
    check_frame("table", table, {"label": label, "growth": growth, "revenue": revenue})
    check_frame("table", table, ["relative_share", "quadrant"])
    if language is not None:
        language = check_choice("language", language, LANGUAGES)
    names = check_key_series(f"label column {label!r}", table[label], kind=_("a name")).astype(str)
    check_choice_series("table['quadrant']", table["quadrant"], [q.key for q in bcg.QUADRANTS])
    growth_split = check_number("growth_split", growth_split)
    share_split = check_number("share_split", share_split)
    if share_split <= 0:
        raise fail("share_split", share_split, _("a relative share above 0, e.g. 1.0"))
    if title is not None:
        check_text("title", title)
    shares = check_numeric_series("relative_share", table["relative_share"], minimum=1e-9)
    rates = check_numeric_series(f"growth column {growth!r}", table[growth])
    amounts = check_numeric_series(f"revenue column {revenue!r}", table[revenue], minimum=0)
    if ax is None:
        ax = plt.subplots(figsize=(8, 6))[1]
    else:
        check_axes(ax)

    left, right = max(10.0, shares.max() * 1.6), min(0.1, shares.min() / 1.6)
    low, high = min(0.0, rates.min()), max(2 * growth_split, rates.max())
    margin = 0.14 * (high - low)  # room for the quadrant names above and below the bubbles
    bottom, top = low - margin, high + margin
    ax.set_xscale("log")
    ax.set_xlim(left, right)  # inverted: high relative share on the left
    ax.set_ylim(bottom, top)
    _draw_quadrants(ax, (left, right, bottom, top), share_split, growth_split, language)

    # Bubbles scale with the axes (LARGEST_BUBBLE fits 8-inch-wide axes), so a small chart
    # in a widget keeps room for the names.
    largest = LARGEST_BUBBLE * min(1.0, ax.get_position().width * ax.figure.get_figwidth() / 6.0)
    sizes = largest * amounts / amounts.max() if amounts.max() > 0 else amounts * 0
    for quadrant in bcg.QUADRANTS:
        rows = (table["quadrant"] == quadrant.key).to_numpy()
        if not rows.any():
            continue
        mark = QUADRANT_MARKS[quadrant.key]
        with rc_context({"hatch.color": (0, 0, 0, 0.3)}):  # read when the bubbles are made
            ax.scatter(shares[rows], rates[rows], s=sizes[rows], color=mark.color,
                       hatch=mark.hatch, edgecolors=TEXT_DARK, linewidths=0.8, alpha=0.9,
                       zorder=3)
    radii = np.sqrt(sizes.to_numpy() / np.pi)  # points
    # Long names go on two lines in a narrow chart, so they find a free place.
    width = 40 if largest == LARGEST_BUBBLE else 18
    labels = [
        ax.annotate(textwrap.fill(name, width), (share, rate),
                    xytext=(0, -radius - _DISTANCES[0]),
                    textcoords="offset points", ha="center", va="center", fontsize=8,
                    color=TEXT_DARK, zorder=4,
                    bbox={"boxstyle": f"round,pad={_LABEL_PAD}", "facecolor": "white", "alpha": 0.7,
                          "edgecolor": "none"},
                    arrowprops={"arrowstyle": "-", "color": TEXT_DARK, "linewidth": 0.6,
                                "shrinkA": 0, "shrinkB": radius, "visible": False})
        for name, share, rate, radius in zip(names, shares, rates, radii, strict=True)
    ]
    ax.add_artist(_BubbleLabels(labels, radii))

    ax.xaxis.set_major_locator(FixedLocator(SHARE_TICKS))
    ax.xaxis.set_minor_locator(NullLocator())
    ax.set_xticklabels([f"{tick:g}x" for tick in SHARE_TICKS])
    ax.set_xlabel(plot_label("view.bcg.x", language=language))
    ax.set_ylabel(plot_label("view.bcg.y", language=language))
    ax.set_title(title or plot_label("view.bcg.title", language=language), fontsize=13,
                 fontweight="bold")
    return fit_fonts(ax)


def _draw_quadrants(ax: Axes, box: tuple, share_split: float, growth_split: float,
                    language: str | None) -> None:
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
                _quadrant_label(quadrant, language),
                transform=ax.transAxes, ha="left" if on_left else "right",
                va="top" if on_top else "bottom",
                multialignment="left" if on_left else "right", fontsize=10, fontweight="bold",
                color=TEXT_DARK, alpha=0.8, zorder=1)
    ax.axvline(share_split, color="#555555", linestyle="--", linewidth=1.2, zorder=1)
    ax.axhline(growth_split, color="#555555", linestyle="--", linewidth=1.2, zorder=1)



class _BubbleLabels(Artist):
    """Places the bubble names when the figure is drawn, once layout and fonts are known.

    Each name in turn takes the first place (:data:`_DIRECTIONS` at :data:`_DISTANCES`) whose
    box stays in the axes and overlaps no name placed before, no other bubble and no
    quadrant name; if none is free, it stays below its bubble. Deterministic and cheap: the
    renderer measures each name once, the rest is arithmetic on boxes.
    """

    def __init__(self, labels: list[Annotation], radii: np.ndarray) -> None:
        super().__init__()
        self.labels, self.radii = labels, radii
        self.set_zorder(3.5)  # after the bubbles (3), before the names (4)
        self.set_in_layout(False)

    def draw(self, renderer) -> None:
        if not self.labels:
            return
        ax = self.axes
        pixels = renderer.points_to_pixels(1.0)
        centres = ax.transData.transform([label.xy for label in self.labels])
        radii = self.radii * pixels
        frame = ax.bbox
        obstacles = [_corners(t.get_window_extent(renderer)) for t in ax.texts
                     if t not in self.labels and t.get_text()]
        for index, label in enumerate(self.labels):
            extent = Text.get_window_extent(label, renderer)  # the name alone, no leader line
            pad = _LABEL_PAD * label.get_fontsize() * pixels  # the white box around it
            half = np.array([extent.width, extent.height]) / 2 + pad
            others = np.arange(len(self.labels)) != index
            where, far = _first_free_place(centres[index], radii[index], half, pixels, frame,
                                           obstacles, centres[others], radii[others])
            obstacles.append(np.concatenate([where - half, where + half]))
            label.xyann = tuple((where - centres[index]) / pixels)
            label.arrow_patch.set_visible(far)


def _corners(extent) -> np.ndarray:
    return np.array([extent.x0, extent.y0, extent.x1, extent.y1])


def _first_free_place(
    centre: np.ndarray, radius: float, half: np.ndarray, pixels: float, frame,
    boxes: list[np.ndarray], bubbles: np.ndarray, bubble_radii: np.ndarray,
) -> tuple[np.ndarray, bool]:
    """The centre (pixels) of the first free place for a name of half-size ``half`` beside a
    bubble, and whether it is away from the bubble (then a leader line is drawn)."""
    placed = np.array(boxes).reshape(-1, 4)
    for step, distance in enumerate(_DISTANCES):
        # The box touches the ring of the bubble's edge + distance with its near side/corner.
        places = centre + _DIRECTIONS * (radius + distance * pixels) + _DIRECTIONS * half
        low, high = places - half, places + half
        inside = ((low[:, 0] >= frame.x0) & (low[:, 1] >= frame.y0)
                  & (high[:, 0] <= frame.x1) & (high[:, 1] <= frame.y1))
        hits_box = ((low[:, None, 0] < placed[None, :, 2]) & (high[:, None, 0] > placed[None, :, 0])
                    & (low[:, None, 1] < placed[None, :, 3])
                    & (high[:, None, 1] > placed[None, :, 1])).any(axis=1)
        nearest = np.clip(bubbles[None, :, :], low[:, None, :], high[:, None, :])
        gaps = np.hypot(*(nearest - bubbles[None, :, :]).transpose(2, 0, 1))
        hits_bubble = (gaps < bubble_radii[None, :]).any(axis=1)
        free = np.flatnonzero(inside & ~hits_box & ~hits_bubble)
        if free.size:
            return places[free[0]], step > 0
    return centre + (0.0, -radius - _DISTANCES[0] * pixels - half[1]), False


def _quadrant_label(quadrant: bcg.Quadrant, language: str | None) -> str:
    """The quadrant's name and strategy: '明星类 → 维持' in Chinese, 'Star 明星类 → hold' in
    English where Chinese can be drawn, else 'Star → hold'."""
    chinese = cjk_font_available()
    if chinese and (language or get_language()) == "zh":
        return f"{quadrant.zh}\n→ {_(quadrant.strategy, 'zh')}"
    name = quadrant.en.capitalize()
    head = f"{name} {quadrant.zh}" if chinese else name
    return f"{head}\n→ {quadrant.strategy}"
