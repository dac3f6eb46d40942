"""Who talks to whom, how far the relationship has come and what may break it [L1.4, L1.5].

:func:`plot_contact_map` draws one account's contacts: our people on the left, theirs on
the right, a line for each contact coloured by the customer's function, dashed between
ordinary staff and thick for a joint team. :func:`plot_stage_ladder` draws the six stages
of :data:`kamlib.stages.STAGES` as a ladder with the account's stage marked.
:func:`plot_risk_ratings` draws an uncoupling risk audit (中断大客户管理的原因): the rating of
each internal (内因) and external (外因) cause.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from kamlib.datasets import shown_texts
from kamlib.i18n import N_, _
from kamlib.stages import STAGES
from kamlib.uncoupling import RISK_FACTORS
from kamlib.validation import (
    check_choice_series,
    check_flag_series,
    check_frame,
    check_key_series,
    check_number,
    check_numeric_series,
    check_text,
    check_text_series,
)
from kamlib.views.style import OKABE_ITO, TEXT_DARK, fit_fonts, label, new_axes, stacked

#: The customer's functions and their line colours (Okabe–Ito without yellow, for lines).
FUNCTION_COLORS = {
    N_("purchasing"): OKABE_ITO["blue"],
    N_("finance"): OKABE_ITO["orange"],
    N_("production"): OKABE_ITO["bluish_green"],
    N_("quality"): OKABE_ITO["vermillion"],
    N_("R&D"): OKABE_ITO["reddish_purple"],
    N_("logistics"): OKABE_ITO["sky_blue"],
    N_("management"): OKABE_ITO["black"],
}
_OTHER_COLOR = "#7F7F7F"
_CONTACT_COLUMNS = ["account_id", "our_person", "our_function", "their_person_id",
                    "their_function", "their_level", "joint_team"]
_MUTED = "#E3E3E3"


def _positions(names: pd.Series) -> dict[str, float]:
    """Spread the unique ``names`` evenly from top (1) to bottom (0), in the order given."""
    unique = list(dict.fromkeys(names))
    heights = np.linspace(1, 0, len(unique)) if len(unique) > 1 else np.array([0.5])
    return dict(zip(unique, heights, strict=True))


def _their_labels(rows: pd.DataFrame, people: pd.DataFrame | None) -> pd.Series:
    """'name, title' from ``people`` if given (the title in the language shown), else
    'person id · function (level)'."""
    fallback = (rows["their_person_id"].astype(str) + " · "
                + rows["their_function"].astype(str).map(_)
                + " (" + rows["their_level"].astype(str).map(_) + ")")
    if people is None:
        return fallback
    check_frame("people", people, ["person_id", "name", "title"])
    known = people.drop_duplicates("person_id").set_index("person_id")
    ids = rows["their_person_id"].astype(str)
    titles = shown_texts(known["title"], "people").astype(str)
    named = ids.map(known["name"].astype(str) + ", " + titles)
    return named.fillna(fallback)


def _checked_contacts(rows: pd.DataFrame) -> pd.DataFrame:
    """The contacts to draw with their people as text, functions and levels as text and the
    joint-team flags as booleans (each bad value named by its row)."""
    checked = {
        column: check_key_series(f"contacts[{column!r}]", rows[column]).astype(str)
        for column in ("our_person", "their_person_id")
    }
    for column in ("our_function", "their_function", "their_level", "our_level"):
        if column in rows.columns:
            checked[column] = check_text_series(f"contacts[{column!r}]", rows[column])
    checked["joint_team"] = check_flag_series("contacts['joint_team']", rows["joint_team"])
    return rows.assign(**checked)


def plot_contact_map(
    contacts: pd.DataFrame, *, account_id: str, ax: Any = None, people: pd.DataFrame | None = None
) -> Any:
    """Draw the contacts of ``account_id``: our people left, theirs right, one line each.

    Parameters
    ----------
    contacts : pandas.DataFrame
        Who talks to whom (the case's ``contacts`` table): ``account_id``, ``our_person``,
        ``our_function``, ``their_person_id``, ``their_function``, ``their_level``,
        ``joint_team``.
    account_id : str
        The account whose contacts to draw, e.g. "AC002".
    ax : matplotlib Axes, optional
        Where to draw (default: a new figure).
    people : pandas.DataFrame, optional
        The case's ``people`` table, for the customer's people's names and titles.

    Returns
    -------
    matplotlib Axes
        One line per contact, coloured by the customer's function (``their_function``); a
        note instead if the account has no contacts.

    Raises
    ------
    KamValueError
        If a column is missing or holds a wrong value, ``account_id`` is empty, or ``ax``
        is no Axes.

    Examples
    --------
    >>> from kamlib import datasets
    >>> ax = plot_contact_map(datasets.load("contacts"), account_id="AC002")
    >>> len(ax.lines) > 0
    True
    """
    check_frame("contacts", contacts, _CONTACT_COLUMNS)
    account_id = check_text("account_id", account_id)
    ids = check_key_series("contacts['account_id']", contacts["account_id"]).astype(str)
    rows = _checked_contacts(contacts[(ids == account_id).to_numpy()])
    rows = rows.sort_values(["our_function", "their_function"], kind="stable")
    ax = new_axes(ax, figsize=(10.0, max(3.6, 0.55 * rows["their_person_id"].nunique() + 2.0)))
    ax.set_title(label(f"Contact map of {account_id}: who talks to whom", "客户关系图"),
                 fontsize=12)
    ax.set_xlim(-0.75, 1.75)
    ax.set_ylim(-0.12, 1.14)
    ax.axis("off")
    if rows.empty:
        ax.text(0.5, 0.5, label("No contact recorded yet", "尚无联系人"), ha="center",
                va="center", fontsize=11, color=TEXT_DARK, transform=ax.transAxes)
        return fit_fonts(ax)

    ours = _positions(rows["our_person"].astype(str))
    their_text = _their_labels(rows, people)
    theirs = _positions(rows["their_person_id"].astype(str))
    staff = rows["their_level"].astype(str) == "staff"
    if "our_level" in rows.columns:
        staff = staff & (rows["our_level"].astype(str) == "staff")
    joint = rows["joint_team"].astype(bool).to_numpy()
    for (_i, row), is_staff, is_joint in zip(rows.iterrows(), staff.to_numpy(), joint, strict=True):
        ax.plot([0, 1], [ours[str(row["our_person"])], theirs[str(row["their_person_id"])]],
                color=FUNCTION_COLORS.get(str(row["their_function"]), _OTHER_COLOR),
                linewidth=5 if is_joint else 2.2, linestyle="--" if is_staff else "-",
                alpha=0.9, solid_capstyle="round", zorder=2)
    first = rows.drop_duplicates("our_person")
    for person, function in zip(first["our_person"].astype(str),
                                first["our_function"].astype(str), strict=True):
        ax.text(-0.04, ours[person], f"{person}\n{_(function)}", ha="right", va="center",
                fontsize=9, color=TEXT_DARK, linespacing=1.15)
    firsts = ~rows["their_person_id"].duplicated().to_numpy()
    for person, text in zip(rows["their_person_id"].astype(str)[firsts], their_text[firsts],
                            strict=True):
        ax.text(1.04, theirs[person], text, ha="left", va="center", fontsize=9,
                color=TEXT_DARK)
    ax.scatter([0] * len(ours), list(ours.values()), s=90, color="white", edgecolor=TEXT_DARK,
               linewidth=1.5, zorder=3)
    ax.scatter([1] * len(theirs), list(theirs.values()), s=90, color="white",
               edgecolor=TEXT_DARK, linewidth=1.5, zorder=3)
    ax.text(0, 1.1, label("Our people", "我方人员"), ha="right", fontsize=11, color=TEXT_DARK)
    ax.text(1, 1.1, label("Their people", "客户方人员"), ha="left", fontsize=11,
            color=TEXT_DARK)
    _contact_legend(ax, rows)
    return fit_fonts(ax)


def _contact_legend(ax: Any, rows: pd.DataFrame) -> None:
    """Legend: one entry per customer function present, then the line styles."""
    from matplotlib.lines import Line2D

    present = [f for f in FUNCTION_COLORS if (rows["their_function"].astype(str) == f).any()]
    handles = [Line2D([], [], color=FUNCTION_COLORS[f], linewidth=2.2,
                      label=_("their {function}").format(function=_(f)))
               for f in present]
    handles += [
        Line2D([], [], color=TEXT_DARK, linewidth=2.2, linestyle="--",
               label=label("staff ↔ staff", "普通员工")),
        Line2D([], [], color=TEXT_DARK, linewidth=5, label=label("joint team", "联合团队")),
    ]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, 0.0), ncols=4,
              fontsize=8.5, frameon=False)


def plot_stage_ladder(stage: int, *, ax: Any = None) -> Any:
    """Draw the six relationship stages as a ladder and mark ``stage`` (1–6).

    Stages 1–5 climb; stage 6, uncoupling, is drawn as the fall at the end. The marked
    step is the only filled one, and an arrow says "here", so it reads without colour.

    Parameters
    ----------
    stage : int
        The stage to mark, 1 (pre-KAM) to 6 (uncoupling).
    ax : matplotlib Axes, optional
        Where to draw (default: a new figure).

    Returns
    -------
    matplotlib Axes
        The ladder, one step per stage.

    Raises
    ------
    KamValueError
        If ``stage`` is not a whole number 1–6 or ``ax`` is no Axes.

    Examples
    --------
    >>> ax = plot_stage_ladder(3)
    >>> len(ax.patches) >= 6
    True
    """
    stage = check_number("stage", stage, minimum=1, maximum=6, integer=True)
    ax = new_axes(ax, figsize=(10.0, 4.6))
    numbers = np.array([s.number for s in STAGES])
    heights = np.where(numbers == 6, 0.6, numbers)
    current = numbers == stage
    colors = np.where(current, OKABE_ITO["orange"], _MUTED)
    bars = ax.bar(numbers, heights, width=0.92, color=colors, edgecolor=TEXT_DARK,
                  linewidth=np.where(current, 2.4, 0.8))
    bars[-1].set_hatch("//")
    for item, height in zip(STAGES, heights, strict=True):
        name = f"{item.number}. " + stacked(item.en, item.zh)
        ax.text(item.number, height + 0.12, name, ha="center", va="bottom",
                fontsize=10.5 if item.number == stage else 9, color=TEXT_DARK)
    chosen = STAGES[stage - 1]
    ax.annotate(label("here", "当前"), (stage, heights[stage - 1] / 2), ha="center",
                va="center", fontsize=11, color=TEXT_DARK,
                bbox={"boxstyle": "round", "facecolor": "white", "edgecolor": TEXT_DARK})
    ax.set_xticks(numbers, [_("stage {n}").format(n=n) for n in numbers])
    ax.set_yticks([])
    ax.set_ylim(0, 6.6)
    ax.set_xlim(0.4, 6.6)
    ax.set_xlabel(label("Relationship stage", "大客户管理的发展阶段"))
    ax.set_ylabel(label("Depth of cooperation", "合作深度"))
    ax.set_title(label(f"Stage {stage}: {chosen.en}", chosen.zh) + f"\n{_(chosen.description)}",
                 fontsize=11.5, wrap=True)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    return fit_fonts(ax)



_RATING_WORDS = (N_("none"), N_("some"), N_("serious"), N_("critical"))


def _internal_first(values: pd.Series) -> pd.Series:
    """Sort key: internal causes before external ones, otherwise the values themselves."""
    return values.map({"internal": 0, "external": 1}) if values.name == "side" else values
_SIDE_MARKS = {"internal": (OKABE_ITO["blue"], ""), "external": (OKABE_ITO["orange"], "//")}


def plot_risk_ratings(ranked: pd.DataFrame, *, ax: Any = None) -> Any:
    """Horizontal bars of each risk factor's rating 0–3, internal causes above external ones.

    Internal bars are solid blue, external ones hatched orange.

    Parameters
    ----------
    ranked : pandas.DataFrame
        :attr:`kamlib.uncoupling.RiskAudit.ranked`: one row per risk factor, with ``key``,
        ``side`` ("internal" or "external"), ``en``, ``zh`` (its name) and ``rating`` 0–3.
    ax : matplotlib Axes, optional
        Where to draw (default: a new figure).

    Returns
    -------
    matplotlib Axes
        One bar per factor.

    Raises
    ------
    KamValueError
        If a column is missing, a factor or side is unknown, a rating is not 0–3, or ``ax``
        is no Axes.

    Examples
    --------
    >>> from kamlib.uncoupling import risk_audit
    >>> audit = risk_audit({"staff_changes": 3})
    >>> ax = plot_risk_ratings(audit.ranked)
    >>> len(ax.patches) == len(audit.ranked)
    True
    """
    check_frame("ranked", ranked, ["key", "side", "en", "zh", "rating"])
    order = {factor.key: number for number, factor in enumerate(RISK_FACTORS)}
    rows = ranked.assign(
        side=check_choice_series("ranked['side']", ranked["side"], _SIDE_MARKS),
        en=check_text_series("ranked['en']", ranked["en"]),
        zh=check_text_series("ranked['zh']", ranked["zh"], allow_empty=True),
        rating=check_numeric_series("ranked['rating']", ranked["rating"], minimum=0,
                                    maximum=len(_RATING_WORDS) - 1, integer=True),
        order=check_text_series("ranked['key']", ranked["key"]).map(order).fillna(len(order)),
    )
    rows = rows.sort_values(["side", "order"], key=_internal_first, kind="stable")
    ax = new_axes(ax, figsize=(9.0, 5.6))
    positions = np.arange(len(rows))[::-1]
    ratings = rows["rating"].to_numpy()
    for side, (color, hatch) in _SIDE_MARKS.items():
        mine = (rows["side"] == side).to_numpy()
        ax.barh(positions[mine], ratings[mine], color=color, hatch=hatch,
                edgecolor=TEXT_DARK, linewidth=0.8, height=0.7,
                label=label(f"{side} cause", "内因" if side == "internal" else "外因"))
    for position, rating in zip(positions, ratings, strict=True):
        ax.text(rating + 0.05, position, _(_RATING_WORDS[int(rating)]), va="center", fontsize=8.5,
                color=TEXT_DARK)
    internal = int((rows["side"] == "internal").sum())
    if 0 < internal < len(rows):
        ax.axhline(positions[internal - 1] - 0.5, color=TEXT_DARK, linewidth=0.6, alpha=0.6)
    ax.set_yticks(positions, [label(en, zh) for en, zh in zip(rows["en"], rows["zh"],
                                                               strict=True)], fontsize=9)
    ax.set_xticks(range(4), [f"{n} {_(word)}" for n, word in enumerate(_RATING_WORDS)])
    ax.set_xlim(0, 3.6)
    ax.set_xlabel(label("Rating", "评分"))
    ax.set_ylabel(label("Cause of uncoupling", "中断原因"))
    ax.set_title(label("Uncoupling risk audit", "中断风险评估") + "\n"
                 + _("How serious is each cause?"),
                 fontsize=12)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.13), ncols=2, fontsize=9,
              frameon=False)
    ax.grid(axis="x", alpha=0.3)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return fit_fonts(ax)
