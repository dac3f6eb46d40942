"""BCGPlot driven from Python (edit a unit, see table and chart change) and the BCG view."""

from __future__ import annotations

import json
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from kamlib import bcg  # noqa: E402
from kamlib.validation import KamValueError  # noqa: E402
from kamlib.views import plot_bcg  # noqa: E402
from kamlib.views.bcg import LARGEST_BUBBLE  # noqa: E402
from kamlib.widgets import BCGPlot  # noqa: E402
from kamlib.workbook import Workbook  # noqa: E402


@pytest.fixture
def units() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "name": ["Primer", "Sealant", "Potting"],
            "market_growth_pct": [4.0, 8.0, 18.0],
            "own_share_pct": [20.0, 5.0, 15.0],
            "largest_rival_share_pct": [10.0, 20.0, 12.0],
            "revenue_cny": [40e6, 10e6, 20e6],
        }
    )


def saved_units(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["bcg"]["units"]


def test_table_and_chart_from_the_units(workbook_path: Path, units) -> None:
    w = BCGPlot(units)
    assert list(w.table["quadrant"]) == ["cash_cow", "dog", "star"]
    assert w.table["relative_share"].tolist() == pytest.approx([2.0, 0.25, 1.25])
    assert "cash cow (现金牛类) → hold or harvest" in w.rows[0]["quadrant"].value
    assert w.plot.png.startswith(b"\x89PNG")
    assert w.plot.alt.startswith("BCG bubble chart")
    assert w.plot.output.value == w.plot.png and w.plot.png.startswith(b"\x89PNG")
    ax = w.plot.axes
    assert ax.get_xscale() == "log"
    left, right = ax.get_xlim()
    assert left > right and left >= 10 and right <= 0.1  # high share on the LEFT


def test_changing_a_value_moves_the_unit_and_redraws(workbook_path: Path, units) -> None:
    w = BCGPlot(units)
    before = w.plot.png
    w.rows[1]["own_share_pct"].value = 30.0  # 30 / 20 = 1.5x: the dog becomes a cash cow
    assert w.table.loc["Sealant", "relative_share"] == pytest.approx(1.5)
    assert w.table.loc["Sealant", "quadrant"] == "cash_cow"
    assert w.plot.png != before
    assert saved_units(workbook_path)[1]["own_share_pct"] == 30.0
    w.rows[1]["market_growth_pct"].value = 12.0
    assert w.table.loc["Sealant", "quadrant"] == "star"
    assert "star (明星类) → hold" in w.rows[1]["quadrant"].value


def test_revenue_is_edited_in_million_cny(workbook_path: Path, units) -> None:
    w = BCGPlot(units)
    assert w.rows[0]["revenue_cny"].value == 40.0
    w.rows[0]["revenue_cny"].value = 80.0
    assert w.table.loc["Primer", "revenue_cny"] == 80e6
    assert w.table.loc["Primer", "revenue_share"] == pytest.approx(80 / 110)


def test_invalid_input_shows_the_message_and_keeps_the_chart(workbook_path: Path, units) -> None:
    w = BCGPlot(units)
    w.rows[2]["revenue_cny"].value = 21.0  # a good edit, saved
    good_png, good_table = w.plot.png, w.table
    w.rows[2]["largest_rival_share_pct"].value = 95.0  # 15 + 95 > 100 % of one market
    assert "largest_rival_share_pct' (row 'Potting')" in w.error and "at most 100" in w.error
    assert w.plot.png == good_png and w.table is good_table
    assert saved_units(workbook_path)[2]["largest_rival_share_pct"] == 12.0  # last good state
    w.rows[2]["largest_rival_share_pct"].value = 0.0
    assert "largest_rival_share_pct' (row 'Potting'" in w.error
    w.rows[2]["largest_rival_share_pct"].value = 12.0
    assert w.error == ""
    w.rows[0]["name"].value = " "
    assert "name of unit 1: got ' '" in w.error


def test_add_and_remove_units(workbook_path: Path, units) -> None:
    w = BCGPlot(units)
    w.add_button.click()
    assert len(w.rows) == len(w.table) == 4
    assert w.table.iloc[3]["name"] == "New unit" and w.table.iloc[3]["quadrant"] == "star"
    w.add_unit("Hot-melt", market_growth_pct=3.0, own_share_pct=8.0,
               largest_rival_share_pct=16.0, revenue_cny=5e6)
    assert w.table.loc["Hot-melt", "quadrant"] == "dog"
    w.rows[0]["remove"].click()
    assert list(w.table["name"]) == ["Sealant", "Potting", "New unit", "Hot-melt"]
    assert [u["name"] for u in saved_units(workbook_path)] == list(w.table["name"])


def test_bubble_area_is_proportional_to_revenue(workbook_path: Path, units) -> None:
    w = BCGPlot(units)
    sizes = {}
    for collection in w.plot.axes.collections:
        for offset, size in zip(collection.get_offsets(), collection.get_sizes(), strict=True):
            sizes[round(float(offset[0]), 3)] = size
    largest = sizes[2.0]  # the largest revenue: smaller than LARGEST_BUBBLE in a small chart
    assert LARGEST_BUBBLE / 4 < largest <= LARGEST_BUBBLE
    assert sizes[0.25] == pytest.approx(largest / 4)  # a quarter of the revenue
    assert sizes[1.25] == pytest.approx(largest / 2)


def test_saved_units_come_back(workbook_path: Path, units) -> None:
    first = BCGPlot(units)
    first.rows[0]["market_growth_pct"].value = 14.0
    again = BCGPlot()  # after a restart: the saved units, not the case data
    assert list(again.table["name"]) == ["Primer", "Sealant", "Potting"]
    assert again.table.loc["Primer", "quadrant"] == "star"
    assert again.value == first.value


def test_bad_saved_units_are_reported(workbook_path: Path, units) -> None:
    Workbook(workbook_path).set("bcg", {"units": [{"name": "X", "market_growth_pct": 5}]})
    w = BCGPlot(units)
    assert "saved units in 'bcg' ignored" in w.error
    assert list(w.table["name"]) == ["Primer", "Sealant", "Potting"]


def test_default_units_are_the_case_product_lines(workbook_path: Path) -> None:
    w = BCGPlot()
    assert len(w.table) == 10 and w.table.iloc[0]["name"] == "Automotive primer"
    assert set(w.table["quadrant"]) == {"star", "cash_cow", "question_mark", "dog"}


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"units": "lines"}, "units: got 'str'; expected a pandas DataFrame"),
        ({"units": pd.DataFrame({"name": ["A"]})}, "missing column"),
        ({"section": ""}, "section: got ''"),
        ({"language": "es"}, "language: got 'es'"),
    ],
)
def test_bad_arguments(workbook_path: Path, kwargs: dict, message: str) -> None:
    with pytest.raises(KamValueError, match=message):
        BCGPlot(**kwargs)


def test_bad_units_and_rows(workbook_path: Path, units) -> None:
    with pytest.raises(KamValueError, match="own .*got .*-1"):
        BCGPlot(units.assign(own_share_pct=[20.0, -1.0, 15.0]))
    w = BCGPlot(units)
    with pytest.raises(KamValueError, match=r"add_unit: got \['share'\]"):
        w.add_unit("X", share=3.0)
    with pytest.raises(KamValueError, match="index: got 7; expected a row from 0 to 2"):
        w.remove_unit(7)
    w.remove_unit(0)
    w.remove_unit(0)
    w.rows[0]["remove"].click()  # the last unit stays, with a message
    assert len(w.rows) == 1 and "with 2+ units" in w.error


# -- the view --------------------------------------------------------------------------


def test_plot_bcg_labels_quadrants_and_axes(units) -> None:
    fig, ax = plt.subplots()
    returned = plot_bcg(bcg.bcg_table(units), ax=ax)
    assert returned is ax
    assert ax.get_title() == "BCG growth–share matrix (波士顿矩阵)"
    assert "Relative market share" in ax.get_xlabel() and "growth" in ax.get_ylabel()
    texts = [t.get_text() for t in ax.texts]
    for name in ("Star 明星类\n→ hold", "Question mark 问题类\n→ build",
                 "Cash cow 现金牛类\n→ hold or harvest", "Dog 瘦狗类\n→ divest"):
        assert name in texts
    assert [t.get_text() for t in ax.get_xticklabels()] == ["0.1x", "0.2x", "0.5x", "1x", "2x",
                                                           "5x", "10x"]
    lines = [line.get_xdata()[0] for line in ax.lines] + [line.get_ydata()[0] for line in ax.lines]
    assert 1.0 in lines and 10.0 in lines  # the split lines
    plt.close(fig)


def test_plot_bcg_widens_the_axis_for_extreme_shares(units) -> None:
    table = bcg.bcg_table(units.assign(own_share_pct=[60.0, 0.5, 15.0],
                                       largest_rival_share_pct=[3.0, 60.0, 12.0]))
    fig, ax = plt.subplots()
    plot_bcg(table, ax=ax, title="Our lines")
    left, right = ax.get_xlim()
    assert left > 20 and right < 1 / 120  # 20x and 1/120x fit
    assert ax.get_title() == "Our lines"
    assert np.all(np.isfinite(ax.get_ylim()))
    plt.close(fig)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"table": [1]}, "table: got 'list'"),
        ({"label": "unit"}, "missing column.*'unit'"),
        ({"share_split": 0}, "share_split: got 0; expected a relative share above 0"),
        ({"growth_split": "ten"}, "growth_split: got 'ten'; expected a number"),
        ({"title": 5}, "title: got 5"),
    ],
)
def test_plot_bcg_bad_input(units, kwargs: dict, message: str) -> None:
    kwargs.setdefault("table", bcg.bcg_table(units))
    with pytest.raises(KamValueError, match=message):
        plot_bcg(**kwargs)


def _label_boxes(ax, names) -> list:
    """The drawn boxes (white background included) of the bubble names, in pixels."""
    ax.figure.draw_without_rendering()  # lays the figure out and places the names
    labels = [t for t in ax.texts if t.get_text().replace("\n", " ") in set(names)]
    assert len(labels) == len(names)
    return [label.get_bbox_patch().get_window_extent() for label in labels]


def _bubbles(ax) -> tuple[np.ndarray, np.ndarray]:
    """Centres and radii of the bubbles in pixels."""
    centres, radii = [], []
    for collection in ax.collections:
        centres += list(ax.transData.transform(collection.get_offsets()))
        radii += list(np.sqrt(collection.get_sizes() / np.pi) * ax.figure.dpi / 72)
    return np.array(centres), np.array(radii)


@pytest.mark.parametrize("where", ["widget", "pyplot figure"])
def test_bubble_names_overlap_no_name_and_no_other_bubble(workbook_path: Path, where) -> None:
    """On the case product lines, where names used to cover each other and other bubbles."""
    widget = BCGPlot()
    table = widget.table
    ax = widget.plot.axes if where == "widget" else plot_bcg(table)  # constrained layout
    # the widget numbers its bubbles as the rows of its table
    names = [str(n) for n in range(1, len(table) + 1)] if where == "widget" else list(table["name"])
    boxes = _label_boxes(ax, names)
    for first in range(len(boxes)):
        for second in range(first + 1, len(boxes)):
            assert not boxes[first].overlaps(boxes[second]), (names[first], names[second])
    centres, radii = _bubbles(ax)
    for box in boxes:
        nearest = np.clip(centres, [box.x0, box.y0], [box.x1, box.y1])
        assert (np.hypot(*(nearest - centres).T) >= radii - 0.5).all(), box
    frame = ax.bbox
    assert all(frame.x0 <= b.x0 and b.x1 <= frame.x1 and frame.y0 <= b.y0 and b.y1 <= frame.y1
               for b in boxes)
