"""The cycle view: steps on a circle, the current one highlighted (kamlib.views.cycles)."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402
from helpers import figure_texts  # noqa: E402
from matplotlib.text import Annotation  # noqa: E402

from kamlib import cycles, views  # noqa: E402
from kamlib.validation import KamValueError  # noqa: E402
from kamlib.views.cycles import plot_cycle  # noqa: E402
from kamlib.views.style import OKABE_ITO  # noqa: E402


@pytest.fixture
def ax():
    fig, axes = plt.subplots()
    yield axes
    plt.close(fig)


def _arrows(ax):
    return [text for text in ax.texts if isinstance(text, Annotation) and text.arrow_patch]


def _step_boxes(ax):
    return [text for text in ax.texts if text.get_bbox_patch() is not None]


def test_a_repeating_cycle_with_its_current_step(ax):
    assert plot_cycle(cycles.REGIONAL_OPERATION, "summarise", ax=ax) is ax
    boxes = _step_boxes(ax)
    assert len(boxes) == 6
    current = [b for b in boxes if b.get_fontweight() == "bold"]
    assert len(current) == 1 and current[0].get_text().startswith("6. Summarise")
    assert matplotlib.colors.to_hex(current[0].get_bbox_patch().get_facecolor()) == (
        OKABE_ITO["orange"].lower()
    )
    assert sum(b.get_text().startswith("✔") for b in boxes) == 5
    assert len(_arrows(ax)) == 6  # the last step leads back to the first
    assert "Regional operation cycle" in ax.get_title() and "Summarise" in ax.get_title()
    assert ax.get_xlabel().startswith("The summary feeds the next analysis")


def test_a_chain_by_key_without_a_current_step(ax):
    plot_cycle("mission_chain", ax=ax)
    boxes = _step_boxes(ax)
    assert len(boxes) == 5 and not any(b.get_fontweight() == "bold" for b in boxes)
    assert len(_arrows(ax)) == 4  # a chain ends at its last step
    assert "one way" in figure_texts(ax)


def test_registered_in_the_views():
    assert views.plot_cycle is plot_cycle
    assert "plot_cycle" in views.__all__


def test_draws_on_a_new_figure_without_axes():
    ax = plot_cycle(cycles.VISIT_PLAN, "plan_visit")
    assert ax.figure is not None
    plt.close(ax.figure)


@pytest.mark.parametrize(
    ("args", "match"),
    [
        (("annual_plan",), r"cycle: got 'annual_plan'; expected one of 'regional_operation'"),
        ((cycles.SBU_PLAN, "act"), r"current_key: got 'act'; expected one of 'task'"),
        ((cycles.SBU_PLAN, None, "axes"), r"ax: got 'axes'; expected a matplotlib Axes or None"),
    ],
)
def test_bad_input_is_rejected(args, match):
    with pytest.raises(KamValueError, match=match):
        plot_cycle(*args)


@pytest.mark.parametrize("key", list(cycles.CYCLES))
def test_the_title_fits_the_figure_with_the_current_step(key):
    """The target-customer cycle's title with "now: Environment analysis" ran past both edges
    of its figure (seen in lecture 2a at 1366x768)."""
    cycle = cycles.CYCLES[key]
    ax = plot_cycle(cycle, cycle.steps[0].key)
    figure = ax.figure
    figure.canvas.draw()
    box = ax.title.get_window_extent(figure.canvas.get_renderer())
    assert box.x0 >= 0 and box.x1 <= figure.bbox.width, ax.get_title()
    plt.close(figure)
