"""The handout's process cycles as a circle of steps [L1.6, L1.7, L2.1–L2.3, L3.1, L3.5].

``plot_cycle`` puts the steps of a :class:`kamlib.cycles.Cycle` clockwise on a circle, from
the top, with arrows from each step to the next; a repeating cycle closes the circle, a
one-way chain stops at its last step. The current step is filled and framed, the steps
done carry a tick, so the picture reads without colour.
"""

from __future__ import annotations

import textwrap
from typing import Any

import numpy as np

from kamlib import cycles
from kamlib.i18n import _, get_language
from kamlib.views.style import OKABE_ITO, TEXT_DARK, fit_fonts, label, new_axes, stacked

_RADIUS = 1.0
_ARROW_RADIUS = 0.72
_PALE = "#F4F4F4"
_DONE = "#D6ECFA"  # sky blue, lightened: done steps stay readable and quiet


def _step_text(number: int, step: cycles.Step, status: str) -> str:
    mark = "✔ " if status == "done" else ""
    # the Chinese edition shows the Chinese name alone, so it carries the number and tick
    chinese = f"{mark}{number}. {step.zh}" if get_language() == "zh" else step.zh
    return stacked(textwrap.fill(f"{mark}{number}. {step.en}", 18), chinese)


def plot_cycle(cycle: cycles.Cycle | str, current_key: str | None = None, ax: Any = None) -> Any:
    """Draw ``cycle`` (a Cycle or its key) as steps on a circle; highlight ``current_key``.

    Returns the axes. The x label carries the cycle's note from the handout.
    """
    table = cycles.as_frame(cycle, current_key=current_key)  # checks both arguments
    cycle = cycles.CYCLES[cycle] if isinstance(cycle, str) else cycle
    status = table["status"] if "status" in table else [""] * len(table)
    ax = new_axes(ax, figsize=(8.0, 7.4))
    count = len(cycle.steps)
    angles = np.pi / 2 - 2 * np.pi * np.arange(count) / count
    gap = 2 * np.pi / count
    for index, (step, state) in enumerate(zip(cycle.steps, status, strict=True)):
        now = state == "now"
        ax.text(
            _RADIUS * np.cos(angles[index]),
            _RADIUS * np.sin(angles[index]),
            _step_text(index + 1, step, state),
            ha="center",
            va="center",
            fontsize=11 if now else 10,
            fontweight="bold" if now else "normal",
            color=TEXT_DARK,
            zorder=3,
            bbox={
                "boxstyle": "round,pad=0.5",
                "facecolor": OKABE_ITO["orange"] if now else _DONE if state == "done" else _PALE,
                "edgecolor": TEXT_DARK if now else "#888888",
                "linewidth": 2.5 if now else 0.8,
            },
        )
    links = count if cycle.repeats else count - 1
    for index in range(links):
        start, end = angles[index] - 0.25 * gap, angles[index] - 0.75 * gap
        ax.annotate(
            "",
            xy=(_ARROW_RADIUS * np.cos(end), _ARROW_RADIUS * np.sin(end)),
            xytext=(_ARROW_RADIUS * np.cos(start), _ARROW_RADIUS * np.sin(start)),
            arrowprops={"arrowstyle": "-|>", "color": "#555555", "linewidth": 1.6,
                        "connectionstyle": "arc3,rad=-0.25"},
            zorder=2,
        )
    middle = label("repeats", "循环") + " ↺" if cycle.repeats else label("one way", "单向") + " →"
    ax.text(0, 0, middle, ha="center", va="center", fontsize=11, color="#555555")
    ax.set_xlim(-1.6, 1.6)
    ax.set_ylim(-1.45, 1.45)
    ax.set_aspect("equal")
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.set_xlabel(textwrap.fill(_(cycle.note), 90) if cycle.note else "", fontsize=9.5,
                  color="#333333")
    ax.set_ylabel("")
    title = label(cycle.en, cycle.zh)
    if current_key is not None:
        # on a line of its own: beside a long cycle name it runs past the figure's edge
        step = cycle.steps[list(status).index("now")]
        title += f"\n{label('now', '当前')}: {label(step.en, step.zh)}"
    ax.set_title(title, fontsize=13, fontweight="bold")
    return fit_fonts(ax)
