"""The course widgets (ipywidgets 8): each is a class whose object displays itself.

Every widget saves the learner's entries in the workbook (:mod:`kamlib.workbook`) and is
built on :class:`kamlib.widgets._base.KamWidget`. Widgets load lazily: importing this
package does not import matplotlib; using ``kamlib.widgets.BCGPlot`` does.
"""

from __future__ import annotations

import importlib
from typing import Any

#: Public widget name -> the module that defines it. Add a line here for a new widget.
_WIDGETS = {
    "XYGrid": "kamlib.widgets.xy_grid",
    "SWOTBoard": "kamlib.widgets.swot_board",
    "BCGPlot": "kamlib.widgets.bcg_plot",
}

__all__ = sorted(_WIDGETS)


def __getattr__(name: str) -> Any:
    if name not in _WIDGETS:
        raise AttributeError(f"module 'kamlib.widgets' has no attribute {name!r}")
    widget = getattr(importlib.import_module(_WIDGETS[name]), name)
    globals()[name] = widget
    return widget


def __dir__() -> list[str]:
    return sorted([*globals(), *_WIDGETS])
