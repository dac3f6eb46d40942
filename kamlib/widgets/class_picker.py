"""ClassPicker: the learner's first widget: two scores, a VIP flag, the account's class [L3.4].

The start-here notebook uses it to show that widgets work and to preview the XY grid
(客户分类系统) of lecture 3: X is what the account buys from us now, Y what it could buy
in our category; :func:`kamlib.grid.classify` names the class.
"""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as widgets

from kamlib import grid
from kamlib.i18n import N_, register
from kamlib.validation import KamValueError, check_bool, check_number
from kamlib.widgets._base import KamWidget
from kamlib.widgets.layout import card

register(
    {
        "picker.x": N_("X (buys now)"),
        "picker.y": N_("Y (capacity)"),
        "picker.vip": N_("VIP heavyweight"),
        "picker.verdict": N_(
            "<b>Class {account_class}</b> (grid class {grid_class}) for X={x}, Y={y}"),
        "picker.impossible": N_("Not possible"),
    }
)


class ClassPicker(KamWidget):
    """X and Y sliders (0–4) and a VIP box; ``.result`` is the :class:`kamlib.grid.GridClass`.

    ``.value`` = ``{"x", "y", "vip"}``; an impossible pair (X above Y) shows why instead.

    Parameters
    ----------
    **options
        ``section``, ``workbook`` and ``language``, as for every course widget
        (:class:`~kamlib.widgets._base.KamWidget`); the work is saved under
        "class_picker".

    Examples
    --------
    >>> import tempfile
    >>> from kamlib.workbook import Workbook
    >>> book = Workbook(tempfile.mkdtemp() + "/workbook.json")
    >>> picker = ClassPicker(workbook=book, language="en")
    >>> picker.value, picker.result.account_class
    ({'x': 1, 'y': 3, 'vip': False}, 'B')
    """

    section = "class_picker"

    @property
    def value(self) -> dict[str, Any]:
        return {"x": self.x.value, "y": self.y.value, "vip": self.vip.value}

    def _build(self) -> None:
        wide = {"description_width": "initial"}
        self.x = widgets.IntSlider(value=1, min=0, max=4, description=self.label("picker.x"),
                                   style=wide)
        self.y = widgets.IntSlider(value=3, min=0, max=4, description=self.label("picker.y"),
                                   style=wide)
        self.vip = widgets.Checkbox(value=False, description=self.label("picker.vip"))
        self.verdict = widgets.HTML()
        for control in (self.x, self.y, self.vip):
            control.observe(self._on_learner_change, names="value")
        self.widget = card([self.x, self.y, self.vip, self.verdict, self.message], "ClassPicker")

    def _restore(self, saved: Any) -> None:
        if not isinstance(saved, dict):
            return
        try:
            self.x.value = check_number("saved x", saved.get("x"), minimum=0, maximum=4,
                                        integer=True)
            self.y.value = check_number("saved y", saved.get("y"), minimum=0, maximum=4,
                                        integer=True)
            self.vip.value = check_bool("saved vip", saved.get("vip", False))
        except KamValueError as error:
            self._ignore_saved(error)

    def _refresh(self) -> None:
        """Classify the pair and say the class, or why the pair is impossible."""
        try:
            self.result = grid.classify(self.x.value, self.y.value, vip=self.vip.value)
        except KamValueError as error:
            self.result = None
            self.verdict.value = (
                f"<b>{html.escape(self.label('picker.impossible'))}:</b> {html.escape(str(error))}"
            )
            return
        self.verdict.value = self.label("picker.verdict").format(
            account_class=self.result.account_class, grid_class=self.result.grid_class,
            x=self.x.value, y=self.y.value,
        )
