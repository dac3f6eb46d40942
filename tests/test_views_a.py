"""Views of set A: concentration, keep vs win, life cycles, contact map, stage ladder, risks."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from helpers import figure_texts, has_chinese  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from kamlib import economics, lifecycle, pareto, uncoupling  # noqa: E402
from kamlib.validation import KamValueError  # noqa: E402
from kamlib.views import style  # noqa: E402
from kamlib.views.economics import plot_keep_vs_win  # noqa: E402
from kamlib.views.lifecycle import plot_life_cycles  # noqa: E402
from kamlib.views.pareto import plot_concentration  # noqa: E402
from kamlib.views.stages import (  # noqa: E402
    FUNCTION_COLORS,
    plot_contact_map,
    plot_risk_ratings,
    plot_stage_ladder,
)
from kamlib.views.style import (  # noqa: E402
    OKABE_ITO,
    cjk_font_available,
    fit_fonts,
    label,
    new_axes,
)


@pytest.fixture
def contacts() -> pd.DataFrame:
    return pd.DataFrame({
        "account_id": ["AC1", "AC1", "AC1", "AC2"],
        "our_person": ["Li", "Li", "Wang", "Zhao"],
        "our_function": ["key account management", "key account management", "quality",
                         "finance"],
        "our_level": ["manager", "manager", "staff", "manager"],
        "their_person_id": ["P1", "P2", "P3", "P4"],
        "their_function": ["purchasing", "finance", "quality", "finance"],
        "their_level": ["manager", "executive", "staff", "manager"],
        "joint_team": [False, True, False, False],
    })


def rendered(ax) -> None:
    ax.figure.canvas.draw()  # draws every text: fails on bad fonts or layout




def test_concentration_curve_reference_lines_and_point() -> None:
    conc = pareto.concentration(pd.Series([60.0, 20.0, 10.0, 5.0, 5.0]), top=0.2)
    ax = plot_concentration(conc, highlight=0.2)
    curve = ax.lines[0].get_xydata()
    assert np.allclose(curve, conc.curve[["account_share", "revenue_share"]].to_numpy())
    assert ax.lines[0].get_color() == OKABE_ITO["blue"]
    assert tuple(ax.collections[-2].get_offsets()[0]) == pytest.approx((0.2, 0.6))
    assert tuple(ax.collections[-1].get_offsets()[0]) == pytest.approx((0.4, 0.8))
    assert "top 20% (1 of 5)" in figure_texts(ax) and ax.get_title() and ax.get_xlabel()
    rendered(ax)
    other = plot_concentration(conc, ax=Figure().subplots(), highlight=0.5)
    assert tuple(other.collections[-2].get_offsets()[0]) == pytest.approx((0.6, 0.9))


@pytest.mark.parametrize(
    ("conc", "highlight", "match"),
    [
        ("curve", 0.2, "conc: got 'str'; expected a kamlib.pareto.Concentration"),
        (None, 0, "highlight: got 0; expected a fraction above 0"),
        (None, 1.5, "highlight: got 1.5; expected a number from 0 to 1"),
    ],
)
def test_concentration_bad_input(conc, highlight, match: str) -> None:
    conc = pareto.concentration(pd.Series([1.0, 2.0])) if conc is None else conc
    with pytest.raises(KamValueError, match=match):
        plot_concentration(conc, highlight=highlight)


def test_keep_vs_win_lines_points_and_title() -> None:
    frame = economics.keep_vs_win()
    ax = plot_keep_vs_win(frame)
    profit = ax.lines[0].get_xydata()
    assert np.allclose(profit[:, 1] * 1e6, frame.sort_values("retention_rate")["profit_cny"])
    assert len(ax.collections) == 2  # current and improved
    effect = economics.retention_profit_effect()
    assert f"{effect:+.0f}% profit" in ax.get_title()
    rendered(ax)


@pytest.mark.parametrize(
    ("frame", "match"),
    [
        (pd.DataFrame({"retention_rate": [0.5]}), "missing column\\(s\\) 'profit_cny'"),
        (economics.keep_vs_win().iloc[:0], "frame: got 'an empty table'"),
    ],
)
def test_keep_vs_win_bad_input(frame, match: str) -> None:
    with pytest.raises(KamValueError, match=match):
        plot_keep_vs_win(frame)


def test_life_cycles_two_lines_and_stage_strips() -> None:
    ax = plot_life_cycles(lifecycle.life_cycle_curves(points=100))
    assert len(ax.lines) == 2 + 1  # two models and the zero line
    assert ax.lines[0].get_linestyle() != ax.lines[1].get_linestyle()
    assert len(ax.patches) == 4 + 3  # classic four stages, now three
    assert "maturity" in figure_texts(ax)
    rendered(ax)


@pytest.mark.parametrize(
    ("frame", "match"),
    [
        (pd.DataFrame({"model": ["classic"]}), "missing column\\(s\\) 't', 'sales', 'stage'"),
        (pd.DataFrame({"model": ["future"], "t": [0.0], "sales": [0.0],
                       "stage": ["growth"]}),
         "frame\\['model'\\] \\(row 0, 1 bad in all\\): got 'future'"),
    ],
)
def test_life_cycles_bad_input(frame, match: str) -> None:
    with pytest.raises(KamValueError, match=match):
        plot_life_cycles(frame)


def test_labels_are_bilingual_only_with_a_chinese_font(no_cjk) -> None:
    assert not cjk_font_available()
    assert label("growth", "成长期") == "growth"
    ax = plot_life_cycles(lifecycle.life_cycle_curves(points=50))
    assert not has_chinese(figure_texts(ax))  # no tofu possible
    rendered(ax)


def test_labels_with_a_chinese_font(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(style, "cjk_font", lambda: "Some CJK Sans")
    assert label("growth", "成长期") == "growth (成长期)"
    assert label("growth", "") == "growth"
    ax = Figure().subplots()
    ax.set_title("x")
    assert "Some CJK Sans" in fit_fonts(ax).title.get_fontfamily()


def test_label_and_axes_bad_input() -> None:
    with pytest.raises(KamValueError, match="en: got ''"):
        label("", "中")
    with pytest.raises(KamValueError, match="zh: got 3"):
        label("x", 3)
    with pytest.raises(KamValueError, match="ax: got 'axes'; expected a matplotlib Axes"):
        new_axes("axes", figsize=(4, 3))


def test_contact_map_lines_coloured_by_their_function(contacts, no_cjk) -> None:
    ax = plot_contact_map(contacts, account_id="AC1")
    assert len(ax.lines) == 3  # AC1's three contacts, not AC2's
    colours = {line.get_color() for line in ax.lines}
    assert colours == {FUNCTION_COLORS[f] for f in ("purchasing", "finance", "quality")}
    widths = sorted(line.get_linewidth() for line in ax.lines)
    assert widths[-1] > widths[0]  # the joint team is the thick line
    assert sum(line.get_linestyle() == "--" for line in ax.lines) == 1  # staff ↔ staff
    text = figure_texts(ax)
    assert "Li\nkey account management" in text and "P3 · quality (staff)" in text
    rendered(ax)


def test_contact_map_uses_names_and_handles_no_contacts(contacts) -> None:
    people = pd.DataFrame({"person_id": ["P1"], "name": ["Chen Yu"], "title": ["Buyer"]})
    ax = plot_contact_map(contacts, account_id="AC1", people=people)
    assert "Chen Yu, Buyer" in figure_texts(ax) and "P2 · finance" in figure_texts(ax)
    empty = plot_contact_map(contacts, account_id="AC9")
    assert not empty.lines and "No contact recorded yet" in figure_texts(empty)


@pytest.mark.parametrize(
    ("change", "match"),
    [
        ({"frame": pd.DataFrame({"account_id": ["AC1"]})}, "missing column\\(s\\) 'our_person'"),
        ({"account_id": " "}, "account_id: got ' '"),
        ({"people": pd.DataFrame({"person_id": ["P1"]})}, "missing column\\(s\\) 'name'"),
    ],
)
def test_contact_map_bad_input(contacts, change: dict, match: str) -> None:
    with pytest.raises(KamValueError, match=match):
        plot_contact_map(change.get("frame", contacts), account_id=change.get("account_id", "AC1"),
                         people=change.get("people"))


def test_stage_ladder_marks_the_stage() -> None:
    ax = plot_stage_ladder(4)
    fills = [patch.get_facecolor() for patch in ax.patches]
    marked = [i for i, f in enumerate(fills)
              if matplotlib.colors.to_hex(f) == OKABE_ITO["orange"].lower()]
    assert marked == [3]
    assert ax.get_title().startswith("Stage 4: Partnership KAM")
    assert ax.patches[5].get_hatch() == "//"  # uncoupling
    rendered(ax)


@pytest.mark.parametrize(("stage", "match"), [(7, "stage: got 7; expected a number from 1 to 6"),
                                              (2.5, "stage: got 2.5; expected a whole number"),
                                              ("3", "stage: got '3'; expected a number")])
def test_stage_ladder_bad_input(stage, match: str) -> None:
    with pytest.raises(KamValueError, match=match):
        plot_stage_ladder(stage)


def test_risk_ratings_bars_internal_above_external() -> None:
    audit = uncoupling.risk_audit({"quality_problems": 3, "financial_problems": 1})
    ax = plot_risk_ratings(audit.ranked)
    names = {round(y): t.get_text().split(" (")[0]
             for y, t in zip(ax.get_yticks(), ax.get_yticklabels(), strict=True)}
    bars = {names[round(p.get_y() + p.get_height() / 2)]: p.get_width() for p in ax.patches}
    assert bars["Quality problems"] == 3 and bars["Financial problems"] == 1
    assert bars["Lack of trust"] == 0
    assert names[max(names)] == "Staff changes"  # the first internal cause is at the top
    assert names[min(names)] == "Financial problems"  # the last external one at the bottom
    rendered(ax)


@pytest.mark.parametrize(
    ("ranked", "match"),
    [
        (pd.DataFrame({"key": ["x"]}), "missing column\\(s\\) 'side'"),
        (uncoupling.risk_audit({}).ranked.assign(side="inside"),
         "ranked\\['side'\\] \\(row .*\\): got 'inside'"),
    ],
)
def test_risk_ratings_bad_input(ranked, match: str) -> None:
    with pytest.raises(KamValueError, match=match):
        plot_risk_ratings(ranked)


def test_a_view_without_axes_draws_a_figure_the_notebook_shows() -> None:
    """Called without ``ax``, a view opens a pyplot figure, which Jupyter displays after the
    cell (a bare Figure showed only as text in lecture 1 before this was fixed)."""
    import matplotlib.pyplot as plt

    from kamlib.lifecycle import life_cycle_curves
    from kamlib.views.lifecycle import plot_life_cycles

    ax = plot_life_cycles(life_cycle_curves())
    try:
        assert plt.fignum_exists(ax.figure.number)
    finally:
        plt.close(ax.figure)
