"""Plots of the course (matplotlib/seaborn style): ``plot_<thing>(data, ..., ax=None) -> Axes``.

Each function draws on the axes it is given (or on a new figure), sets a title and axis
labels, and returns the axes. matplotlib is imported only when a plot function is first
used, so ``import kamlib`` and the colour palette (:mod:`kamlib.views.style`) stay light.
"""

from __future__ import annotations

from kamlib._lazy import lazy_members

#: Public plot function -> the module that defines it. Add a line here for a new view.
_VIEWS = {
    "plot_xy_grid": "kamlib.views.grid",
    "plot_bcg": "kamlib.views.bcg",
    "plot_concentration": "kamlib.views.pareto",
    "plot_keep_vs_win": "kamlib.views.economics",
    "plot_life_cycles": "kamlib.views.lifecycle",
    "plot_contact_map": "kamlib.views.stages",
    "plot_stage_ladder": "kamlib.views.stages",
    "plot_risk_ratings": "kamlib.views.stages",
    "plot_opportunity_matrix": "kamlib.views.matrices",
    "plot_threat_matrix": "kamlib.views.matrices",
    "plot_ansoff": "kamlib.views.matrices",
    "plot_visits_due": "kamlib.views.visits",
    "plot_monthly_review": "kamlib.views.visits",
    "plot_cycle": "kamlib.views.cycles",
    "plot_profit_concentration": "kamlib.views.account_analysis",
    "plot_opportunities": "kamlib.views.priority",
}

__all__ = sorted(_VIEWS)
__getattr__, __dir__ = lazy_members(__name__, globals(), _VIEWS)
