"""Plots of the course (matplotlib/seaborn style): ``plot_<thing>(data, ..., ax=None) -> Axes``.

Each function draws on the axes it is given (or on a new figure), sets a title and axis
labels, and returns the axes. matplotlib is imported only when a plot function is first
used, so ``import kamlib`` and the colour palette (:mod:`kamlib.views.style`) stay light.
"""

from __future__ import annotations

import importlib
from typing import Any

#: Public plot function -> the module that defines it. Add a line here for a new view.
_VIEWS = {
    "plot_xy_grid": "kamlib.views.grid",
    "plot_bcg": "kamlib.views.bcg",
}

__all__ = sorted(_VIEWS)


def __getattr__(name: str) -> Any:
    if name not in _VIEWS:
        raise AttributeError(f"module 'kamlib.views' has no attribute {name!r}")
    view = getattr(importlib.import_module(_VIEWS[name]), name)
    globals()[name] = view
    return view


def __dir__() -> list[str]:
    return sorted([*globals(), *_VIEWS])
