"""The product life cycle then and now (产品生命周期) [L1.2f]: four stages, now three.

:func:`plot_life_cycles` draws the classic four-stage curve and today's three-stage curve
on one axes, with a strip under each naming its stages, so the vanished maturity stage is
plain to see.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from kamlib.i18n import _, ngettext
from kamlib.lifecycle import STAGES_CLASSIC, STAGES_NOW
from kamlib.validation import (
    check_choice_series,
    check_frame,
    check_numeric_series,
    check_text_series,
    fail,
)
from kamlib.views.style import (  # noqa: F401  (the font helpers: importable from here too)
    OKABE_ITO,
    TEXT_DARK,
    cjk_font,
    cjk_font_available,
    fit_fonts,
    label,
    new_axes,
    stacked,
)

_MODELS = {
    "classic": ("Classic life cycle", "传统生命周期", STAGES_CLASSIC, OKABE_ITO["blue"], "-"),
    "now": ("Life cycle now", "现在的生命周期", STAGES_NOW, OKABE_ITO["vermillion"], "--"),
}
_STAGE_COLORS = {
    "introduction": OKABE_ITO["sky_blue"],
    "growth": OKABE_ITO["bluish_green"],
    "maturity": OKABE_ITO["orange"],
    "decline": OKABE_ITO["reddish_purple"],
}
_STRIP_HEIGHT = 0.13  # each model's stage strip, in axis units of sales (peak = 1)
_STRIP_GAP = 0.09  # room above each strip for the model's name
_NARROW_RUN = 0.1  # a stage shorter than this (in t) gets a short name that fits


def _stage_runs(curve: pd.DataFrame) -> pd.DataFrame:
    """The contiguous runs of one model's stages: ``stage``, ``start``, ``end`` (in t)."""
    run = (curve["stage"] != curve["stage"].shift()).cumsum()
    return curve.groupby(run, sort=True).agg(
        stage=("stage", "first"), start=("t", "min"), end=("t", "max")
    )


def _stage_name(stage: Any, narrow: bool) -> str:
    """English over Chinese (if it can be drawn; Chinese alone in the Chinese edition); a
    narrow strip gets a short English name."""
    en = f"{stage.en[:5]}." if narrow and len(stage.en) > 6 else stage.en
    return stacked(en, stage.zh)


def plot_life_cycles(frame: pd.DataFrame, *, ax: Any = None) -> Any:
    """Plot both life-cycle models of :func:`kamlib.lifecycle.life_cycle_curves`.

    Each model is a line (its own colour and dash) and a strip below the axis naming its
    stages, classic above, now below.

    Parameters
    ----------
    frame : pandas.DataFrame
        :func:`kamlib.lifecycle.life_cycle_curves`' table: ``model`` ("classic" or "now"),
        ``t`` (time since launch, 0–1), ``sales`` (share of peak, 0–1) and ``stage``.
    ax : matplotlib Axes, optional
        Where to draw (default: a new figure).

    Returns
    -------
    matplotlib Axes
        One line per model, classic first.

    Raises
    ------
    KamValueError
        If a column is missing, the table is empty, a model or stage is unknown, a number
        is outside 0–1, or ``ax`` is no Axes.

    Examples
    --------
    >>> from kamlib.lifecycle import life_cycle_curves
    >>> ax = plot_life_cycles(life_cycle_curves())
    >>> len(ax.get_legend().get_texts())  # one line per model
    2
    """
    check_frame("frame", frame, ["model", "t", "sales", "stage"])
    if frame.empty:
        raise fail("frame", "no rows", _("rows of the models 'classic', 'now'"))
    models = check_choice_series("frame['model']", frame["model"], _MODELS)
    data = pd.DataFrame({
        "model": models,
        "t": check_numeric_series("frame['t']", frame["t"], minimum=0, maximum=1),
        "sales": check_numeric_series("frame['sales']", frame["sales"], minimum=0, maximum=1),
        "stage": check_text_series("frame['stage']", frame["stage"]),
    })
    for model, spec in _MODELS.items():
        rows = data["model"] == model
        check_choice_series(f"frame['stage'] of the model {model!r}", data.loc[rows, "stage"],
                            [s.key for s in spec[2]])
    ax = new_axes(ax, figsize=(9.5, 5.6))
    models = [m for m in _MODELS if (data["model"] == m).any()]
    for row, model in enumerate(models):
        en, zh, stages, color, dash = _MODELS[model]
        curve = data[data["model"] == model].sort_values("t")
        by_key = {s.key: s for s in stages}
        ax.plot(curve["t"], curve["sales"], color=color, linestyle=dash, linewidth=2.8,
                label=ngettext("{model}: {n} stage", "{model}: {n} stages", len(stages)).format(
                    model=label(en, zh), n=len(stages)))
        top = -row * (_STRIP_HEIGHT + _STRIP_GAP) - _STRIP_GAP
        ax.text(0.003, top + 0.01, f"{label(en, zh)}:", ha="left", va="bottom", fontsize=9,
                color=color)
        for run in _stage_runs(curve).itertuples():
            narrow = run.end - run.start < _NARROW_RUN
            ax.add_patch(_band(run.start, run.end, top - _STRIP_HEIGHT,
                               _STAGE_COLORS[run.stage], color, dash))
            ax.text((run.start + run.end) / 2, top - _STRIP_HEIGHT / 2,
                    _stage_name(by_key[run.stage], narrow), ha="center", va="center",
                    fontsize=8.5, color=TEXT_DARK, linespacing=1.1)
    ax.axhline(0, color=TEXT_DARK, linewidth=0.8)
    ax.set_xlim(0, 1)
    ax.set_ylim(-len(models) * (_STRIP_HEIGHT + _STRIP_GAP) - 0.02, 1.15)
    ax.set_yticks([0, 0.25, 0.5, 0.75, 1.0], ["0%", "25%", "50%", "75%", "100%"])
    ax.set_xticks([0, 0.5, 1.0], [_("launch"), "", _("end of the classic life")])
    ax.set_xlabel(label("Time since launch", "上市后的时间"))
    ax.set_ylabel(label("Sales, share of peak", "销量占峰值的比例"))
    ax.set_title(label("Product life cycle: the maturity stage has all but vanished",
                       "成熟期几乎消失"), fontsize=12)
    ax.legend(loc="upper right", fontsize=9)
    ax.grid(axis="y", alpha=0.3)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return fit_fonts(ax)


def _band(start: float, end: float, bottom: float, fill: str, edge: str, dash: str) -> Any:
    from matplotlib.patches import Rectangle

    return Rectangle((start, bottom), end - start, _STRIP_HEIGHT, facecolor=fill, alpha=0.45,
                     edgecolor=edge, linewidth=1.2, linestyle=dash, clip_on=False)
