"""Plots of the key account visit plan (大客户拜访计划) [L3.5].

``plot_visits_due`` is a timeline of the accounts whose visit is overdue (逾期) or falls due
soon, as of a day; ``plot_monthly_review`` shows the monthly evaluation of the results of
the actions (每月进行评价行动的成果) per key account manager. Both take the tables of
:mod:`kamlib.visits` and return the axes.
"""

from __future__ import annotations

import textwrap
from typing import Any

import numpy as np
import pandas as pd

from kamlib.i18n import _
from kamlib.validation import (
    check_choice_series,
    check_date_series,
    check_day,
    check_frame,
    check_key_series,
    check_number,
    check_numeric_series,
    check_text_series,
    fail,
)
from kamlib.views.style import CLASS_MARKS, OKABE_ITO, TEXT_DARK, fit_fonts, label, new_axes
from kamlib.visits import DUE_STATUSES, TOTAL_LABEL

URGENT_STATUSES = ("overdue", "due this month")
"""The statuses ``plot_visits_due`` draws: the visits that need action now."""

REVIEW_BARS = {
    "planned": (("Planned", "计划"), OKABE_ITO["sky_blue"], ""),
    "done": (("Done", "完成"), OKABE_ITO["blue"], "//"),
    "objectives_met": (("Objective met", "达成目标"), OKABE_ITO["bluish_green"], ".."),
}
"""The monthly review's bars: column -> ((legend label, 中文), colour, hatch)."""


def _checked_urgent(due: pd.DataFrame) -> pd.DataFrame:
    """The rows of ``due`` to draw (overdue or due soon), their columns checked and typed."""
    status = check_choice_series("due['status']", due["status"], DUE_STATUSES)
    urgent = due[status.isin(URGENT_STATUSES).to_numpy()]
    ids = check_key_series("due['account_id']", urgent["account_id"]).astype(str)
    overdue = (urgent["status"].astype(object) == "overdue").to_numpy()
    days = np.zeros(len(urgent), dtype=np.int64)
    days[overdue] = check_numeric_series(
        "due['days_overdue'] (of an overdue visit)", urgent["days_overdue"][overdue],
        minimum=0, integer=True, labels=ids[overdue],
    ).to_numpy()
    checked = {
        "account_id": ids,
        "account_class": check_text_series("due['account_class']", urgent["account_class"],
                                           labels=ids),
        "due_date": check_date_series("due['due_date']", urgent["due_date"], labels=ids),
        "days_overdue": days,
        "status": urgent["status"].astype(object),
    }
    if "name" in urgent.columns:
        checked["name"] = check_key_series("due['name']", urgent["name"], labels=ids,
                                           kind=_("a name")).astype(str)
    if "next_planned" in urgent.columns:
        planned = urgent["next_planned"]
        booked = planned.notna().to_numpy()
        dates = pd.Series(pd.NaT, index=urgent.index, dtype="datetime64[ns]")
        dates[booked] = check_date_series("due['next_planned']", planned[booked],
                                          labels=ids[booked]).to_numpy()
        checked["next_planned"] = dates
    return urgent.assign(**checked)


def plot_visits_due(due: pd.DataFrame, *, as_of: Any, top: int = 15, ax: Any = None) -> Any:
    """Timeline of the ``top`` most urgent visits of a ``visits_due`` table.

    Each account is a row: an overdue visit is a bar from its due date to ``as_of`` labelled
    with the days overdue; a visit due soon is a hollow marker on its due date. Colour, hatch
    and marker follow the account class, so the plot reads in greyscale too.

    Parameters
    ----------
    due : pandas.DataFrame
        :func:`kamlib.visits.visits_due`'s table: ``account_id``, ``account_class``,
        ``due_date``, ``days_overdue`` and ``status`` ("overdue", "due this month", "ok" …), with
        ``name`` and ``next_planned`` if it has them.
    as_of : date
        The day the table was computed for ("today"), e.g. "2025-12-31".
    top : int, default 15
        How many of the most urgent visits to show, 1–60.
    ax : matplotlib Axes, optional
        Where to draw (default: a new figure).

    Returns
    -------
    matplotlib Axes
        One row per overdue or soon-due visit, the most urgent at the top.

    Raises
    ------
    KamValueError
        If a column is missing or holds a wrong value, ``as_of`` is no date, ``top`` is not
        a whole number 1–60, or ``ax`` is no Axes.

    Examples
    --------
    >>> from kamlib import case, datasets, visits
    >>> due = visits.visits_due(case.classified_accounts(), datasets.load("visits"),
    ...                         as_of="2025-12-31")
    >>> ax = plot_visits_due(due, as_of="2025-12-31", top=5)
    >>> len(ax.get_yticks()) <= 5
    True
    """
    check_frame("due", due, ["account_id", "account_class", "due_date", "days_overdue", "status"])
    today = check_day("as_of", as_of)
    top = check_number("top", top, minimum=1, maximum=60, integer=True)
    urgent = _checked_urgent(due).sort_values("due_date", kind="stable").head(top).iloc[::-1]
    ax = new_axes(ax, figsize=(9.0, max(3.0, 0.38 * len(urgent) + 1.6)))
    rows = np.arange(len(urgent))
    classes = urgent["account_class"].astype(str).to_numpy()
    for account_class, mark in CLASS_MARKS.items():
        mine = classes == account_class
        if not mine.any():
            continue
        late = mine & (urgent["status"].astype(object) == "overdue").to_numpy()
        starts = urgent["due_date"].to_numpy()[late]
        ax.barh(
            rows[late],
            today.to_datetime64() - starts,
            left=starts,
            height=0.6,
            color=mark.color,
            hatch=mark.hatch,
            edgecolor=TEXT_DARK,
            linewidth=0.6,
            label=_("Class {c} (overdue)").format(c=account_class) if late.any() else None,
        )
        soon = mine & ~late
        ax.scatter(
            urgent["due_date"].to_numpy()[soon],
            rows[soon],
            marker=mark.marker,
            s=80,
            facecolors="white",
            edgecolors=mark.color if account_class != "C" else TEXT_DARK,
            linewidths=2,
            zorder=3,
            label=_("Class {c} (due soon)").format(c=account_class) if soon.any() else None,
        )
    if "next_planned" in urgent.columns and urgent["next_planned"].notna().any():
        booked = urgent["next_planned"].notna().to_numpy()
        ax.scatter(urgent["next_planned"].to_numpy()[booked], rows[booked], marker="D", s=60,
                   color=TEXT_DARK, zorder=4, label=label("Visit planned (late)", "已计划"))
    planned = (urgent["next_planned"] if "next_planned" in urgent.columns
               else pd.Series(pd.NaT, index=urgent.index))
    for row, (_index, item), booked in zip(rows, urgent.iterrows(), planned, strict=True):
        if item["status"] == "overdue":
            # right of today's line, and right of a planned-visit diamond, never under it
            at = today if pd.isna(booked) else max(today, booked)
            ax.annotate(
                _("+{days} d").format(days=int(item["days_overdue"])),
                (at, row),
                xytext=(4 if pd.isna(booked) else 9, 0),
                textcoords="offset points",
                va="center",
                fontsize=9,
                color=TEXT_DARK,
            )
    ax.axvline(today, color=OKABE_ITO["vermillion"], linewidth=2, linestyle="--")
    ax.text(
        today,
        0.005,
        " " + _("today {day}").format(day=f"{today:%Y-%m-%d}"),
        transform=ax.get_xaxis_transform(),
        color=OKABE_ITO["vermillion"],
        va="bottom",
        fontsize=9,
        fontweight="bold",
    )
    names = urgent["name"] if "name" in urgent.columns else urgent["account_id"]
    ax.set_yticks(
        rows,
        [
            f"{acc} {_short(name)} ({cls})" if name != acc else f"{acc} ({cls})"
            for acc, name, cls in zip(urgent["account_id"], names, classes, strict=True)
        ],
        fontsize=9,
    )
    ax.set_ylim(-0.8, max(len(urgent), 1) - 0.2)
    if len(urgent):
        span = [urgent["due_date"].min(), today + pd.Timedelta(days=31)]
        ax.set_xlim(span[0] - pd.Timedelta(days=7), max(span[1], urgent["due_date"].max()))
        ax.legend(loc="lower left", fontsize=8, frameon=True)
    else:
        ax.text(0.5, 0.5, _("No visit overdue or due soon"), transform=ax.transAxes,
                ha="center")
    ax.tick_params(axis="x", labelrotation=30)
    ax.set_xlabel(label("Date: a bar runs from the due date to today", "到期日 → 今天"))
    ax.set_ylabel(label("Account and class", "客户与级别"))
    ax.set_title(
        _("{visits_overdue} and due soon, as of {day}").format(
            visits_overdue=label("Visits overdue", "逾期拜访"), day=f"{today:%Y-%m-%d}"),
        fontsize=12, loc="left",
    )
    ax.grid(axis="x", alpha=0.3)
    return fit_fonts(ax)


def plot_monthly_review(review: pd.DataFrame, *, month: str = "", ax: Any = None) -> Any:
    """Grouped bars per key account manager: visits planned, done and objectives met.

    The total row is left out of the bars and quoted in the title instead (completion and
    objective hit rates).

    Parameters
    ----------
    review : pandas.DataFrame
        :func:`kamlib.visits.monthly_review`'s table: one row per key account manager
        (``kam``) and a total row.
    month : str, optional
        The month shown in the title, e.g. "2025-11" (default: none).
    ax : matplotlib Axes, optional
        Where to draw (default: a new figure).

    Returns
    -------
    matplotlib Axes
        Three bars per key account manager.

    Raises
    ------
    KamValueError
        If a column is missing or holds a wrong value, ``month`` is no text, or ``ax`` is no
        Axes.

    Examples
    --------
    >>> from kamlib import datasets, visits
    >>> review = visits.monthly_review(datasets.load("visits"), month="2025-11")
    >>> ax = plot_monthly_review(review, month="2025-11")
    >>> len(ax.patches) > 0
    True
    """
    check_frame("review", review, ["kam", *REVIEW_BARS, "completion_rate", "objective_hit_rate"])
    if not isinstance(month, str):
        raise fail("month", month, _("text such as '2025-12' (used in the title)"))
    review = review.assign(
        kam=check_text_series("review['kam']", review["kam"]),
        **{
            column: check_numeric_series(f"review[{column!r}]", review[column], minimum=0,
                                         integer=True)
            for column in ("planned", "done", "objectives_met")
        },
        **{
            column: check_numeric_series(f"review[{column!r}]", review[column], minimum=0,
                                         maximum=1, allow_missing=True)
            for column in ("completion_rate", "objective_hit_rate")
        },
    )
    import seaborn as sns
    from matplotlib.patches import Patch

    is_total = review["kam"] == TOTAL_LABEL
    people = review[~is_total].assign(kam=lambda frame: frame["kam"].astype(str))
    ax = new_axes(ax, figsize=(9.0, 4.8))
    names = {column: label(*words) for column, (words, _colour, _hatch) in REVIEW_BARS.items()}
    bars = people.melt(id_vars="kam", value_vars=list(REVIEW_BARS), var_name="measure",
                       value_name="visits").assign(measure=lambda f: f["measure"].map(names))
    sns.barplot(data=bars, x="kam", y="visits", hue="measure", hue_order=list(names.values()),
                palette={names[c]: color for c, (_words, color, _hatch) in REVIEW_BARS.items()},
                order=people["kam"].tolist(), errorbar=None, edgecolor=TEXT_DARK, linewidth=0.6,
                width=0.8, saturation=1, legend=False, ax=ax)
    # seaborn colours the bars; the hatches make the three kinds readable in greyscale too.
    for container, (_words, _colour, hatch) in zip(ax.containers, REVIEW_BARS.values(),
                                                  strict=False):
        for bar in container:
            bar.set_hatch(hatch)
        ax.bar_label(container, fontsize=8, padding=1)
    ax.tick_params(axis="x", labelrotation=25)
    for tick in ax.get_xticklabels():
        tick.set_horizontalalignment("right")
    ax.set_xlabel(label("Key account manager", "大客户经理"))
    ax.set_ylabel(label("Number of visits", "拜访次数"))
    summary = ""
    if is_total.any():
        total = review[is_total].iloc[0]
        summary = "\n" + _("{done} of {planned} done ({completion}), objectives met in "
                            "{hit} of visits done").format(
            done=int(total["done"]), planned=int(total["planned"]),
            completion=_percent(total["completion_rate"]),
            hit=_percent(total["objective_hit_rate"]))
    ax.set_title(f"{label('Monthly review of visits', '每月拜访评估')} {month}{summary}",
                 fontsize=12, loc="left")
    ax.legend(handles=[Patch(facecolor=color, hatch=hatch, edgecolor=TEXT_DARK, linewidth=0.6,
                             label=names[column])
                       for column, (_, color, hatch) in REVIEW_BARS.items()],
              loc="upper left", fontsize=9, ncols=3)
    ax.margins(y=0.18)
    from matplotlib.ticker import MaxNLocator

    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.grid(axis="y", alpha=0.3)
    return fit_fonts(ax)


def _short(name: Any) -> str:
    """A company name without its legal suffix, cut to fit a tick label."""
    plain = str(name).replace(" Co., Ltd.", "").replace(" Ltd.", "")
    return textwrap.shorten(plain, 30, placeholder="…")


def _percent(rate: float) -> str:
    return _("n/a") if pd.isna(rate) else f"{rate:.0%}"
