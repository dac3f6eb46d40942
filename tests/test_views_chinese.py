"""Every view in the Chinese edition: titles, axis labels, ticks, legends and notes in Chinese.

Each plot is drawn after ``set_language("zh")`` with a Chinese font, and its texts may hold
no English word: ids, numbers, acronyms (BCG, VIP, CNY), units and the names in the data aside.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import warnings

import matplotlib

matplotlib.use("Agg")

import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from helpers import figure_texts  # noqa: E402

import kamlib.views  # noqa: E402
from kamlib import (  # noqa: E402
    account_analysis,
    bcg,
    cycles,
    datasets,
    economics,
    lifecycle,
    pareto,
    priority,
    uncoupling,
    visits,
)
from kamlib.i18n import set_language  # noqa: E402
from kamlib.views import style  # noqa: E402
from kamlib.views.account_analysis import plot_profit_concentration  # noqa: E402
from kamlib.views.bcg import plot_bcg  # noqa: E402
from kamlib.views.cycles import plot_cycle  # noqa: E402
from kamlib.views.economics import plot_keep_vs_win  # noqa: E402
from kamlib.views.grid import plot_xy_grid  # noqa: E402
from kamlib.views.lifecycle import plot_life_cycles  # noqa: E402
from kamlib.views.matrices import (  # noqa: E402
    plot_ansoff,
    plot_opportunity_matrix,
    plot_threat_matrix,
)
from kamlib.views.pareto import plot_concentration  # noqa: E402
from kamlib.views.priority import plot_opportunities  # noqa: E402
from kamlib.views.stages import plot_contact_map, plot_risk_ratings, plot_stage_ladder  # noqa: E402
from kamlib.views.visits import plot_monthly_review, plot_visits_due  # noqa: E402

AS_OF = pd.Timestamp("2025-12-31")
#: Latin words a Chinese reader may meet in a plot: acronyms, units and the data's own names.
ALLOWED = {"x", "d", "m", "cny", "vip", "bcg", "kam", "swot", "roi", "smart", "ac", "li",
           "wang", "zhao", "coatings", "adhesives", "alpha", "beta", "gamma", "delta", "co",
           "ltd", "xy", "r&d"}
_WORD = re.compile(r"[A-Za-z][A-Za-z&]+")


def english_words(text: str, allowed: set[str] = ALLOWED) -> list[str]:
    """The Latin words of ``text`` that are neither ids (AC001, P1) nor ``allowed``."""
    return [word for word in _WORD.findall(text)
            if word.lower() not in allowed and not re.fullmatch(r"[A-Z]+\d*", word)]


@pytest.fixture
def chinese(monkeypatch: pytest.MonkeyPatch):
    if not style.cjk_font_available():
        monkeypatch.setattr(style, "cjk_font", lambda: "Some CJK Sans")
    set_language("zh")
    yield
    set_language("en")


def _due() -> pd.DataFrame:
    accounts = pd.DataFrame({"account_id": ["AC001", "AC002", "AC003"],
                             "name": ["Alpha Co., Ltd.", "Beta", "Gamma"],
                             "kam": ["Li", "Li", "Wang"], "account_class": ["A", "B", "C"]})
    log = pd.DataFrame({
        "visit_id": ["V1", "V2", "V3"], "account_id": ["AC001", "AC002", "AC003"],
        "kam": ["Li", "Li", "Wang"],
        "date": pd.to_datetime(["2025-10-01", "2025-11-15", "2025-12-01"]),
        "status": ["done"] * 3,
        "objective_met": pd.array([True, False, True], dtype="boolean"),
    })
    return visits.visits_due(accounts, log, as_of=AS_OF)


def _review() -> pd.DataFrame:
    log = pd.DataFrame({
        "visit_id": ["V1", "V2", "V3"], "kam": ["Li", "Li", "Wang"],
        "date": pd.to_datetime(["2025-12-01", "2025-12-03", "2025-12-09"]),
        "status": ["done", "cancelled", "done"],
        "objective_met": pd.array([True, pd.NA, False], dtype="boolean"),
    })
    return visits.monthly_review(log, month="2025-12")


def _contacts() -> pd.DataFrame:
    return pd.DataFrame({
        "account_id": ["AC1", "AC1", "AC1"], "our_person": ["Li", "Wang", "Zhao"],
        "our_function": ["key account management", "quality", "finance"],
        "our_level": ["manager", "staff", "manager"],
        "their_person_id": ["P1", "P2", "P3"],
        "their_function": ["purchasing", "quality", "finance"],
        "their_level": ["manager", "staff", "executive"], "joint_team": [True, False, False],
    })


_UNITS = pd.DataFrame({
    "name": ["Coatings", "Adhesives"], "market_growth_pct": [4.0, 15.0],
    "own_share_pct": [30.0, 5.0], "largest_rival_share_pct": [20.0, 25.0],
    "revenue_cny": [9e6, 2e6],
})
_OPPORTUNITIES = pd.DataFrame({
    "account_id": ["A1", "A2", "A3"], "name": ["Alpha Co., Ltd.", "Beta", "Gamma"],
    "name_zh": ["甲有限公司", "乙", "丙"], "size_cny": [10e6, 3e6, 1e6],
    "probability": [0.2, 0.6, 0.5]})
_ITEMS = pd.DataFrame({"text": ["AC1", "AC2"], "attractiveness": [0.8, 0.2],
                       "seriousness": [0.8, 0.3], "probability": ["high", 0.2]})
_DRAWINGS = {
    "concentration": lambda: plot_concentration(pareto.concentration(pd.Series([5.0, 3, 1, 1]))),
    "keep vs win": lambda: plot_keep_vs_win(economics.keep_vs_win()),
    "profit concentration": lambda: plot_profit_concentration(account_analysis.profitability(
        datasets.load("transactions"), datasets.load("visits"))),
    "life cycles": lambda: plot_life_cycles(lifecycle.life_cycle_curves(points=60)),
    "contact map": lambda: plot_contact_map(_contacts(), account_id="AC1"),
    "empty contact map": lambda: plot_contact_map(_contacts(), account_id="AC9"),
    "stage ladder": lambda: plot_stage_ladder(3),
    "risk ratings": lambda: plot_risk_ratings(
        uncoupling.risk_audit({"quality_problems": 3, "financial_problems": 1}).ranked),
    "opportunity matrix": lambda: plot_opportunity_matrix(_ITEMS),
    "threat matrix": lambda: plot_threat_matrix(_ITEMS),
    "empty threat matrix": lambda: plot_threat_matrix(_ITEMS.head(0)),
    "ansoff": lambda: plot_ansoff("market_development"),
    "visits due": lambda: plot_visits_due(_due(), as_of=AS_OF),
    "no visit due": lambda: plot_visits_due(_due().head(0), as_of=AS_OF),
    "monthly review": lambda: plot_monthly_review(_review(), month="2025-12"),
    "xy grid": lambda: plot_xy_grid(pd.DataFrame({"x": [1, 3], "y": [2, 4], "vip": [False, True]})),
    "bcg": lambda: plot_bcg(bcg.bcg_table(_UNITS)),
    "opportunities": lambda: plot_opportunities(priority.rank_opportunities(_OPPORTUNITIES),
                                                top=2, highlight="A3"),
    **{f"cycle {key}": (lambda key=key: plot_cycle(key, cycles.CYCLES[key].steps[1].key))
       for key in cycles.CYCLES},
}


@pytest.mark.parametrize("draw", list(_DRAWINGS.values()), ids=list(_DRAWINGS))
def test_every_view_speaks_chinese_in_the_chinese_edition(chinese, draw):
    ax = draw()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        ax.figure.canvas.draw()
    assert english_words(figure_texts(ax)) == []
    # Every Chinese character has a font that draws it (no missing-glyph boxes).
    assert [str(w.message) for w in caught if "missing from font" in str(w.message)] == []


def test_every_view_is_drawn_in_chinese_here():
    """Each public ``plot_*`` view of kamlib.views (the style helpers aside) is imported by
    this module, so that it is among the drawings above (ruff refuses an unused import)."""
    views = [importlib.import_module(f"kamlib.views.{module.name}")
             for module in pkgutil.iter_modules(kamlib.views.__path__)]
    plots = {name for view in views for name, function in vars(view).items()
             if name.startswith("plot_") and callable(function)
             and function.__module__ == view.__name__ and view is not style}
    assert plots - set(globals()) == set()


def test_stacked_names_english_over_chinese_or_chinese_alone(monkeypatch):
    monkeypatch.setattr(style, "cjk_font", lambda: "Some CJK Sans")
    set_language("en")
    assert style.stacked("Growth", "成长期") == "Growth\n成长期"
    set_language("zh")
    try:
        assert style.stacked("Growth", "成长期") == "成长期"
        assert style.stacked("Growth", "") == "Growth"
    finally:
        set_language("en")
    monkeypatch.setattr(style, "cjk_font", lambda: None)
    assert style.stacked("Growth", "成长期") == "Growth"  # no tofu without a Chinese font
