"""AnsoffPicker: choose existing or new products and markets, see the growth strategy [L2.10].

Two toggles, products and markets, pick a cell of the Ansoff matrix (安索夫矩阵); the matrix
is drawn with that cell highlighted, and the strategy is named in English and Chinese with its
risk and a B2B example from the case company, all from :func:`kamlib.ansoff.ansoff_strategy`.
The learner can note their own growth idea; the choice and the note are saved.
"""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as widgets

from kamlib import ansoff
from kamlib.i18n import N_, gettext, register
from kamlib.validation import KamValueError, check_bool, check_text
from kamlib.views.matrices import ANSOFF_RISK_COLORS, plot_ansoff
from kamlib.widgets._base import KamWidget, PlotOutput
from kamlib.widgets.layout import beside, card, heading

register(
    {
        "ansoff.title": N_("Ansoff matrix: choose a growth strategy"),
        "ansoff.products": N_("Products"),
        "ansoff.markets": N_("Markets"),
        "ansoff.existing_products": N_("Existing products"),
        "ansoff.new_products": N_("New products"),
        "ansoff.existing_markets": N_("Existing markets"),
        "ansoff.new_markets": N_("New markets"),
        "ansoff.strategy": N_("Strategy"),
        "ansoff.risk": N_("Risk"),
        "ansoff.example": N_("B2B example"),
        "ansoff.note": N_("Your idea"),
        "ansoff.note_placeholder": N_(
            "Your own growth idea for one of your accounts, in this cell"),
    }
)


class AnsoffPicker(KamWidget):
    """Products × markets toggles, the highlighted Ansoff matrix, the strategy and a note.

    ``.strategy`` is the chosen :class:`kamlib.ansoff.AnsoffStrategy`; ``.plot`` the
    :class:`~kamlib.widgets._base.PlotOutput`. ``.value`` = ``{"new_product", "new_market",
    "strategy", "note"}``.

    Parameters
    ----------
    **options
        ``section``, ``workbook`` and ``language``, as for every course widget
        (:class:`~kamlib.widgets._base.KamWidget`); the work is saved under
        "ansoff_picker".

    Examples
    --------
    >>> import tempfile
    >>> from kamlib.workbook import Workbook
    >>> book = Workbook(tempfile.mkdtemp() + "/workbook.json")
    >>> picker = AnsoffPicker(workbook=book, language="en")
    >>> picker.strategy.key
    'market_penetration'
    """

    section = "ansoff_picker"

    @property
    def value(self) -> dict[str, Any]:
        return {
            "new_product": self.product.value,
            "new_market": self.market.value,
            "strategy": self.strategy.key,
            "note": self.note.value,
        }

    def _build(self) -> None:
        label = self.label
        self.product = widgets.ToggleButtons(
            options=[(label("ansoff.existing_products"), False),
                     (label("ansoff.new_products"), True)],
            description=label("ansoff.products"), style={"button_width": "auto"},
        )
        self.market = widgets.ToggleButtons(
            options=[(label("ansoff.existing_markets"), False),
                     (label("ansoff.new_markets"), True)],
            description=label("ansoff.markets"), style={"button_width": "auto"},
        )
        self.plot = PlotOutput(figsize=(4.6, 4.3),
                               margins={"left": 0.12, "right": 0.97, "bottom": 0.12, "top": 0.9})
        self.details = widgets.HTML()
        self.note = widgets.Textarea(
            placeholder=label("ansoff.note_placeholder"), description=label("ansoff.note"),
            continuous_update=False, rows=3, layout=widgets.Layout(width="100%"),
        )
        for control in (self.product, self.market, self.note):
            control.observe(self._on_change, names="value")
        controls = widgets.VBox([self.product, self.market, self.details])
        self.widget = card(
            [heading(label("ansoff.title")),
             beside(self.plot.output, controls, controls_width="360px"),
             self.note, self.message],
            "AnsoffPicker",
        )

    def _restore(self, saved: Any) -> None:
        if not isinstance(saved, dict):
            return
        try:
            self.product.value = check_bool("saved new_product", saved.get("new_product", False))
            self.market.value = check_bool("saved new_market", saved.get("new_market", False))
            self.note.value = check_text("saved note", saved.get("note", ""), allow_empty=True)
        except KamValueError as error:
            self._ignore_saved(error)

    def _refresh(self) -> None:
        """Look the strategy up, describe it and redraw the matrix with its cell highlighted."""
        self.strategy = ansoff.ansoff_strategy(self.product.value, self.market.value)
        strategy, label = self.strategy, self.label
        risk_color = ANSOFF_RISK_COLORS[strategy.risk]
        self.details.value = (
            f"<p style='font-size:1.2em'><b>{html.escape(label('ansoff.strategy'))}:</b> "
            f"{html.escape(self.named(strategy.en.capitalize(), strategy.zh))}</p>"
            f"<p><b>{html.escape(label('ansoff.risk'))}:</b> <span style='border-left:12px "
            f"solid {risk_color};padding-left:6px'>"
            f"{html.escape(gettext(strategy.risk, self.language))}</span></p>"
            f"<p>{html.escape(gettext(strategy.description, self.language))}</p>"
            f"<p><b>{html.escape(label('ansoff.example'))}:</b> "
            f"{html.escape(gettext(strategy.example, self.language))}</p>"
        )
        self.plot.draw(
            lambda ax: plot_ansoff(strategy.key, ax=ax),
            alt=gettext("Ansoff matrix with {strategy} highlighted (risk: {risk})",
                        self.language).format(
                strategy=self.named(strategy.en, strategy.zh),
                risk=gettext(strategy.risk, self.language)),
        )

    def _on_change(self, change: dict[str, Any]) -> None:
        if self._syncing:
            return
        self.clear_error()
        if change["owner"] is not self.note:
            self._refresh()
        self.save()
