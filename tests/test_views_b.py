"""Views of set B: opportunity/threat/Ansoff matrices and the visit plan plots."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from helpers import figure_texts, has_chinese
from matplotlib.colors import to_hex

from kamlib import KamValueError, bcg, economics, lifecycle, pareto, uncoupling, visits
from kamlib.views import style
from kamlib.views.bcg import plot_bcg
from kamlib.views.economics import plot_keep_vs_win
from kamlib.views.grid import plot_xy_grid
from kamlib.views.lifecycle import plot_life_cycles
from kamlib.views.matrices import (
    ANSOFF_RISK_COLORS,
    OPPORTUNITY,
    THREAT,
    plot_ansoff,
    plot_opportunity_matrix,
    plot_threat_matrix,
)
from kamlib.views.pareto import plot_concentration
from kamlib.views.stages import plot_contact_map, plot_risk_ratings, plot_stage_ladder
from kamlib.views.style import CLASS_MARKS
from kamlib.views.visits import REVIEW_BARS, plot_monthly_review, plot_visits_due

AS_OF = pd.Timestamp("2025-12-31")


def _texts(ax) -> str:
    return " ".join(text.get_text() for text in ax.texts)


def _point_colors(ax) -> list[str]:
    return [to_hex(color) for color in ax.collections[0].get_facecolors()]


# -- opportunity and threat matrices ------------------------------------------------------


def test_opportunity_matrix_places_items_in_their_cells():
    items = pd.DataFrame({
        "text": ["Wind blades", "EV packs", "Furniture", "Low-VOC rules"],
        "attractiveness": [0.8, 0.9, 0.2, "high"],
        "probability": [0.7, 0.3, 0.8, "low"],
    })
    ax = plot_opportunity_matrix(items)
    offsets = ax.collections[0].get_offsets()
    assert np.allclose(offsets, [[0.7, 0.8], [0.3, 0.9], [0.8, 0.2], [0.25, 0.75]])
    colors = OPPORTUNITY.colors
    assert _point_colors(ax) == [
        to_hex(colors[key][0])
        for key in ("pursue_now", "build_capability", "take_if_cheap", "build_capability")
    ]
    assert "Pursue now" in _texts(ax) and "Set aside" in _texts(ax)
    title = ax.get_title(loc="left")
    assert title.startswith("Opportunity matrix") and "4 items" in title
    assert "Probability of success" in ax.get_xlabel()
    assert "Attractiveness" in ax.get_ylabel()


def test_threat_matrix_uses_threat_cells():
    items = pd.DataFrame({"text": ["Price war", "Buyer retires"], "seriousness": [0.9, 0.6],
                          "probability": [0.6, 0.2]})
    ax = plot_threat_matrix(items)
    assert _point_colors(ax) == [to_hex(THREAT.colors["contingency_now"][0]),
                                 to_hex(THREAT.colors["monitor_closely"][0])]
    assert "contingency" in _texts(ax)
    assert "Seriousness" in ax.get_ylabel() and "occurrence" in ax.get_xlabel()


def test_empty_matrix_still_draws_its_cells():
    ax = plot_opportunity_matrix(pd.DataFrame(columns=["text", "attractiveness", "probability"]))
    assert len(ax.collections[0].get_offsets()) == 0
    assert "no item yet" in ax.get_title(loc="left")
    assert len(ax.patches) == 4


def test_matrix_cells_stay_within_the_0_to_1_scale():
    """The four cells (and the axes) span exactly 0–1 on both scales, as the sliders do."""
    ax = plot_opportunity_matrix(pd.DataFrame(columns=["text", "attractiveness", "probability"]))
    assert ax.get_xlim() == (0, 1) and ax.get_ylim() == (0, 1)
    for patch in ax.patches:
        x0, y0 = patch.get_xy()
        assert 0 <= x0 and x0 + patch.get_width() <= 1
        assert 0 <= y0 and y0 + patch.get_height() <= 1
    assert not any("Add items" in t.get_text() for t in ax.texts)  # no text over the lines


def test_matrix_draws_on_given_axes():
    from matplotlib.figure import Figure

    ax = Figure().subplots()
    items = pd.DataFrame({"text": ["a"], "seriousness": [0.1], "probability": [0.1]})
    assert plot_threat_matrix(items, ax=ax) is ax


def test_matrix_rejects_missing_column():
    with pytest.raises(KamValueError, match=r"items: missing column\(s\) 'probability'"):
        plot_opportunity_matrix(pd.DataFrame({"text": ["a"], "attractiveness": [0.5]}))


def test_matrix_rejects_out_of_range_value():
    items = pd.DataFrame({"text": ["Big deal"], "attractiveness": [1.4], "probability": [0.5]})
    with pytest.raises(KamValueError, match=r"attractiveness \(row 'Big deal'.*<= 1"):
        plot_opportunity_matrix(items)


def test_matrix_rejects_unknown_word():
    items = pd.DataFrame({"text": ["x"], "seriousness": ["medium"], "probability": [0.5]})
    with pytest.raises(KamValueError, match=r"seriousness \(row 'x'.*'medium'; expected a num"):
        plot_threat_matrix(items)


# -- Ansoff --------------------------------------------------------------------------------


def test_ansoff_highlights_the_chosen_cell():
    ax = plot_ansoff("diversification")
    filled = [p for p in ax.patches if p.get_fill()]
    strongest = max(filled, key=lambda p: p.get_alpha())
    assert strongest.get_xy() == (1.0, 1.0)  # new products, new markets
    assert to_hex(strongest.get_facecolor()) == to_hex(ANSOFF_RISK_COLORS["high"])
    assert "chosen" in _texts(ax) and "Diversification" in _texts(ax)
    assert ax.get_title(loc="left").startswith("Ansoff matrix")
    assert "Products" in ax.get_xlabel() and "Markets" in ax.get_ylabel()


def test_ansoff_without_choice_highlights_nothing():
    ax = plot_ansoff()
    assert "chosen" not in _texts(ax)
    assert len({p.get_alpha() for p in ax.patches if p.get_fill()}) == 1


def test_ansoff_rejects_unknown_strategy():
    with pytest.raises(KamValueError, match=r"chosen: got 'growth'; expected one of"):
        plot_ansoff("growth")


# -- visits --------------------------------------------------------------------------------


def _due() -> pd.DataFrame:
    accounts = pd.DataFrame({"account_id": ["AC001", "AC002", "AC003", "AC004"],
                             "name": ["Alpha Co., Ltd.", "Beta", "Gamma", "Delta"],
                             "kam": ["Li", "Li", "Wang", "Wang"],
                             "account_class": ["A", "B", "C", "A"]})
    log = pd.DataFrame({
        "visit_id": ["V1", "V2", "V3", "V4"],
        "account_id": ["AC001", "AC002", "AC003", "AC004"],
        "kam": ["Li", "Li", "Wang", "Wang"],
        "date": pd.to_datetime(["2025-10-01", "2025-11-15", "2025-12-01", "2025-12-20"]),
        "status": ["done"] * 4,
        "objective_met": pd.array([True, False, True, True], dtype="boolean"),
    })
    return visits.visits_due(accounts, log, as_of=AS_OF)


def test_visits_due_draws_a_bar_per_overdue_account():
    due = _due()  # AC001 (A, every 30 d) is 61 days late; AC002 and AC004 fall due in January
    ax = plot_visits_due(due, as_of=AS_OF)
    bars = [p for p in ax.patches if p.get_width() > 0]
    assert len(bars) == 1
    assert round(bars[0].get_width()) == 61
    assert to_hex(bars[0].get_facecolor()) == to_hex(CLASS_MARKS["A"].color)
    assert "+61 d" in _texts(ax)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    # read bottom to top: the most urgent at the top; the legal suffix is dropped
    assert labels == ["AC004 Delta (A)", "AC002 Beta (B)", "AC001 Alpha (A)"]
    assert "2025-12-31" in ax.get_title(loc="left")
    assert ax.get_xlabel() and ax.get_ylabel()


def test_visits_due_with_nothing_urgent_says_so():
    due = _due()
    ax = plot_visits_due(due[due["status"] == "ok"], as_of=AS_OF)
    assert "No visit overdue" in _texts(ax)


def test_visits_due_rejects_bad_input():
    with pytest.raises(KamValueError, match=r"due: missing column\(s\) 'status'"):
        plot_visits_due(_due().drop(columns="status"), as_of=AS_OF)
    with pytest.raises(KamValueError, match=r"as_of: got 'yesterday'; expected a date"):
        plot_visits_due(_due(), as_of="yesterday")
    with pytest.raises(KamValueError, match=r"top: got 0; expected a number from 1 to 60"):
        plot_visits_due(_due(), as_of=AS_OF, top=0)


def _review() -> pd.DataFrame:
    log = pd.DataFrame({
        "visit_id": ["V1", "V2", "V3"], "kam": ["Li", "Li", "Wang"],
        "date": pd.to_datetime(["2025-12-01", "2025-12-03", "2025-12-09"]),
        "status": ["done", "cancelled", "done"],
        "objective_met": pd.array([True, pd.NA, False], dtype="boolean"),
    })
    return visits.monthly_review(log, month="2025-12")


def test_monthly_review_bars_per_kam():
    ax = plot_monthly_review(_review(), month="2025-12")
    heights = [p.get_height() for p in ax.patches]
    # planned (Li, Wang), done (Li, Wang), objectives met (Li, Wang); the total row is left out
    assert heights == [2, 1, 1, 1, 1, 0]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Li", "Wang"]
    assert "2 of 3 done (67%)" in ax.get_title(loc="left") and "50%" in ax.get_title(loc="left")
    assert ax.get_ylabel() and ax.get_xlabel()


def test_monthly_review_bars_keep_the_course_colours_and_hatches():
    """seaborn draws the bars; they keep the exact Okabe–Ito colours (no desaturation) and
    a hatch each, in the bars and in the legend."""
    ax = plot_monthly_review(_review(), month="2025-12")
    expected = [(to_hex(color), hatch) for _, color, hatch in REVIEW_BARS.values()]
    drawn = [(to_hex(p.get_facecolor()), p.get_hatch() or "") for p in ax.patches]
    assert drawn == [pair for pair in expected for _ in ("Li", "Wang")]
    handles = ax.get_legend().get_patches()
    legend = [(to_hex(h.get_facecolor()), h.get_hatch() or "") for h in handles]
    assert legend == expected


def test_monthly_review_of_a_month_without_visits_draws_no_bars():
    log = pd.DataFrame({"visit_id": ["V1"], "kam": ["Li"], "date": pd.to_datetime(["2025-12-01"]),
                        "status": ["done"], "objective_met": pd.array([True], dtype="boolean")})
    ax = plot_monthly_review(visits.monthly_review(log, month="2025-11"), month="2025-11")
    assert len(ax.patches) == 0 and "0 of 0 done (n/a)" in ax.get_title(loc="left")


def test_monthly_review_rejects_bad_input():
    with pytest.raises(KamValueError, match=r"review: missing column\(s\) 'done'"):
        plot_monthly_review(_review().drop(columns="done"))
    with pytest.raises(KamValueError, match=r"month: got 202512; expected text"):
        plot_monthly_review(_review(), month=202512)


# -- no Chinese font: every view in English only ------------------------------------------


def _contacts() -> pd.DataFrame:
    return pd.DataFrame({
        "account_id": ["AC1", "AC1"], "our_person": ["Li", "Wang"],
        "our_function": ["key account management", "quality"], "our_level": ["manager", "staff"],
        "their_person_id": ["P1", "P2"], "their_function": ["purchasing", "quality"],
        "their_level": ["manager", "staff"], "joint_team": [True, False],
    })


_UNITS = pd.DataFrame({
    "name": ["Coatings", "Adhesives"], "market_growth_pct": [4.0, 15.0],
    "own_share_pct": [30.0, 5.0], "largest_rival_share_pct": [20.0, 25.0],
    "revenue_cny": [9e6, 2e6],
})
_ITEMS = pd.DataFrame({"text": ["New VOC rules"], "attractiveness": [0.8], "seriousness": [0.8],
                       "probability": ["high"]})
_DRAWINGS = {
    "xy grid": lambda: plot_xy_grid(pd.DataFrame({
        "account_id": ["A", "B"], "x": [1, 3], "y": [2, 4], "vip": [False, True]})),
    "xy grid in Chinese": lambda: plot_xy_grid(pd.DataFrame({"x": [1], "y": [2], "vip": [False]}),
                                               language="zh"),
    "bcg": lambda: plot_bcg(bcg.bcg_table(_UNITS)),
    "bcg in Chinese": lambda: plot_bcg(bcg.bcg_table(_UNITS), language="zh"),
    "concentration": lambda: plot_concentration(pareto.concentration(pd.Series([5.0, 3, 1, 1]))),
    "keep vs win": lambda: plot_keep_vs_win(economics.keep_vs_win()),
    "life cycles": lambda: plot_life_cycles(lifecycle.life_cycle_curves(points=40)),
    "contact map": lambda: plot_contact_map(_contacts(), account_id="AC1"),
    "stage ladder": lambda: plot_stage_ladder(3),
    "risk ratings": lambda: plot_risk_ratings(uncoupling.risk_audit({}).ranked),
    "opportunity matrix": lambda: plot_opportunity_matrix(_ITEMS),
    "threat matrix": lambda: plot_threat_matrix(_ITEMS),
    "ansoff": lambda: plot_ansoff("market_development"),
    "visits due": lambda: plot_visits_due(_due(), as_of=AS_OF),
    "monthly review": lambda: plot_monthly_review(_review(), month="2025-12"),
}


@pytest.mark.parametrize("draw", list(_DRAWINGS.values()), ids=list(_DRAWINGS))
def test_every_view_shows_english_only_without_a_chinese_font(no_cjk, draw):
    text = figure_texts(draw())
    assert text.strip() and not has_chinese(text)  # no tofu boxes possible


def test_views_name_chinese_terms_where_a_chinese_font_exists(monkeypatch):
    if not style.cjk_font_available():
        monkeypatch.setattr(style, "cjk_font", lambda: "Some CJK Sans")
    assert has_chinese(figure_texts(_DRAWINGS["xy grid"]()))
    assert has_chinese(figure_texts(_DRAWINGS["bcg"]()))
