"""Keep or win? (企业利润及成本的考虑) [L1.2c]: yearly profit of the book against retention.

:func:`plot_keep_vs_win` draws the table of :func:`kamlib.economics.keep_vs_win`: the
profit line, the two costs behind it (keeping accounts, winning replacements) and the
current and improved retention rates with the profit change between them.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from kamlib.i18n import N_, _
from kamlib.validation import check_frame, check_numeric_series, check_text_series, fail
from kamlib.views.style import OKABE_ITO, TEXT_DARK, fit_fonts, label, new_axes

_MILLION = 1e6
_LINES = {
    # column: (English, Chinese, colour, dash, width)
    "profit_cny": ("Yearly profit", "年利润", OKABE_ITO["blue"], "-", 2.8),
    "win_cost_cny": ("Cost of winning replacements", "开发新客户成本", OKABE_ITO["vermillion"],
                     "--", 1.6),
    "keep_cost_cny": ("Cost of keeping accounts", "保留老客户成本", OKABE_ITO["bluish_green"],
                      "-.", 1.6),
}
_BOX = {"boxstyle": "round,pad=0.3", "facecolor": "white", "edgecolor": "#9A9A9A", "alpha": 0.9}
_COLUMNS = ["retention_rate", *_LINES, "profit_change_pct", "scenario"]


def _scenario(frame: pd.DataFrame, name: str) -> pd.Series | None:
    rows = frame[frame["scenario"] == name]
    return None if rows.empty else rows.iloc[0]


def plot_keep_vs_win(frame: pd.DataFrame, *, ax: Any = None) -> Any:
    """Plot profit and costs (million CNY) against the retention rate; mark both scenarios.

    Parameters
    ----------
    frame : pandas.DataFrame
        :func:`kamlib.economics.keep_vs_win`'s table: one row per retention rate, with the
        yearly profit, the cost of keeping accounts and of winning replacements, and the
        ``scenario`` ("current", "improved" or empty) of the two rates to mark.
    ax : matplotlib Axes, optional
        Where to draw (default: a new figure).

    Returns
    -------
    matplotlib Axes
        The profit line is its first line (x: retention rate 0–1, y: million CNY).

    Raises
    ------
    KamValueError
        If a column is missing, the table is empty, a number is not a number (a retention
        rate outside 0–1), or ``ax`` is no Axes.

    Examples
    --------
    >>> from kamlib.economics import keep_vs_win
    >>> ax = plot_keep_vs_win(keep_vs_win())
    >>> bool(ax.lines[0].get_xdata().min() >= 0)
    True
    """
    check_frame("frame", frame, _COLUMNS)
    if frame.empty:
        raise fail("frame", "an empty table", _("the rows of kamlib.economics.keep_vs_win"))
    numbers = {
        column: check_numeric_series(f"frame[{column!r}]", frame[column])
        for column in ("retention_rate", *_LINES)
    }
    numbers["retention_rate"] = check_numeric_series(
        "frame['retention_rate']", frame["retention_rate"], minimum=0, maximum=1
    )
    numbers["profit_change_pct"] = check_numeric_series(  # NaN: current profit not positive
        "frame['profit_change_pct']", frame["profit_change_pct"], allow_missing=True
    )
    scenario = check_text_series("frame['scenario']", frame["scenario"], allow_empty=True)
    ax = new_axes(ax, figsize=(8.5, 5.4))
    data = pd.DataFrame({**numbers, "scenario": scenario}).sort_values("retention_rate")
    for column, (en, zh, color, dash, width) in _LINES.items():
        ax.plot(data["retention_rate"], data[column] / _MILLION, color=color, linestyle=dash,
                linewidth=width, label=label(en, zh))
    ax.axhline(0, color=TEXT_DARK, linewidth=0.8)

    current, improved = _scenario(data, "current"), _scenario(data, "improved")
    summary = []
    for row, marker, name, offset in ((current, "o", N_("current"), (-10, 12)),
                                      (improved, "D", N_("improved"), (10, -18))):
        if row is None:
            continue
        name = _(name)
        x, y = row["retention_rate"], row["profit_cny"] / _MILLION
        ax.scatter([x], [y], s=100, marker=marker, zorder=4, color=OKABE_ITO["orange"],
                   edgecolor=TEXT_DARK)
        ax.annotate(f"{name} {x:.0%}", (x, y), xytext=offset, textcoords="offset points",
                    ha="right" if offset[0] < 0 else "left", fontsize=9.5, color=TEXT_DARK,
                    bbox=_BOX)
        summary.append(_("{scenario}: {rate:.0%} kept, profit {profit:,.2f} m CNY").format(
            scenario=name, rate=x, profit=y))
    if summary:
        ax.text(0.98, 0.04, "\n".join(summary), transform=ax.transAxes, ha="right",
                va="bottom", fontsize=9.5, color=TEXT_DARK, bbox=_BOX)
    title = label("Keep or win: yearly profit of the book by retention rate", "保留老客户与利润")
    if current is not None and improved is not None and pd.notna(improved["profit_change_pct"]):
        points = (improved["retention_rate"] - current["retention_rate"]) * 100
        title += "\n" + _("{points:+.0f} points of retention → {change:+.0f}% profit").format(
            points=points, change=improved["profit_change_pct"])
    ax.set_title(title, fontsize=12)
    ticks = [r for r in (0.5, 0.6, 0.7, 0.8, 0.9, 1.0)
             if data["retention_rate"].min() - 1e-9 <= r <= data["retention_rate"].max() + 0.01]
    ax.set_xticks(ticks, [f"{r:.0%}" for r in ticks])
    ax.set_xlabel(label("Retention rate: share of accounts still buying a year later",
                        "客户保留率"))
    ax.set_ylabel(label("Million CNY per year", "百万元/年"))
    ax.legend(loc="upper left", fontsize=9)
    ax.grid(alpha=0.25)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return fit_fonts(ax)
