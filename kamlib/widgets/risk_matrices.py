"""RiskMatrices: the opportunity matrix and the threat matrix side by side [L2.9].

The learner adds opportunities (机会), each with its attractiveness (吸引力) and probability
of success (成功概率), and threats (威胁), each with its seriousness (严重性) and probability of
occurrence (发生概率), as sliders from 0 to 1 (0.5 and above counts as high). Each item is
drawn in its cell of the 2x2 matrix and listed with the advice for that cell, both from
:func:`kamlib.swot.opportunity_cell` and :func:`kamlib.swot.threat_cell`. Items are saved.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import ipywidgets as widgets
import pandas as pd

from kamlib import swot
from kamlib.i18n import N_, _, gettext, register
from kamlib.validation import KamValueError, check_text, fail
from kamlib.views.matrices import plot_opportunity_matrix, plot_threat_matrix
from kamlib.widgets._base import KamWidget, PlotOutput, html_table
from kamlib.widgets.layout import card, heading

register(
    {
        "risk.title": N_("Opportunity and threat matrices"),
        "risk.opportunities": N_("Opportunities"),
        "risk.threats": N_("Threats"),
        "risk.opportunity_placeholder": N_("e.g. Wind-blade makers need structural adhesives"),
        "risk.threat_placeholder": N_("e.g. A rival cuts its primer price by 8%"),
        "risk.attractiveness": N_("Attractiveness"),
        "risk.seriousness": N_("Seriousness"),
        "risk.probability_success": N_("Prob. of success"),
        "risk.probability_occurrence": N_("Prob. of occurrence"),
        "risk.add": N_("Add"),
        "risk.remove": N_("Remove"),
        "risk.item": N_("Item"),
        "risk.cell": N_("Cell"),
        "risk.advice": N_("What to do"),
        "risk.none": N_("Nothing added yet."),
    }
)


@dataclass(frozen=True)
class _Kind:
    """What differs between the opportunity panel and the threat panel."""

    key: str  # the workbook list: "opportunities" or "threats"
    measure: str  # "attractiveness" or "seriousness"
    measure_label: str
    probability_label: str
    placeholder: str
    place: Callable[[Any, Any], swot.MatrixCell]
    plot: Callable[..., Any]


KINDS = (
    _Kind("opportunities", "attractiveness", "risk.attractiveness", "risk.probability_success",
          "risk.opportunity_placeholder", swot.opportunity_cell, plot_opportunity_matrix),
    _Kind("threats", "seriousness", "risk.seriousness", "risk.probability_occurrence",
          "risk.threat_placeholder", swot.threat_cell, plot_threat_matrix),
)


class _MatrixPanel:
    """Entry controls, item table and plot of one matrix; ``items`` is its list of dicts."""

    def __init__(self, kind: _Kind, owner: RiskMatrices) -> None:
        self.kind, self.owner = kind, owner
        label = owner.label
        self.items: list[dict[str, Any]] = []
        self.text = widgets.Textarea(placeholder=label(kind.placeholder), rows=2,
                                     layout=widgets.Layout(width="100%"))
        slider = {"min": 0.0, "max": 1.0, "step": 0.05, "value": 0.5, "readout_format": ".2f",
                  "style": {"description_width": "initial"},
                  "layout": widgets.Layout(width="100%")}
        self.measure = widgets.FloatSlider(description=label(kind.measure_label), **slider)
        self.probability = widgets.FloatSlider(description=label(kind.probability_label),
                                               **slider)
        self.add_button = widgets.Button(description=label("risk.add"), icon="plus",
                                         button_style="primary")
        self.add_button.on_click(lambda _: owner.add(kind.key, self.text.value,
                                                     self.measure.value, self.probability.value))
        self.table = widgets.HTML()
        self.remove_picker = widgets.Dropdown(options=[], layout=widgets.Layout(flex="1 1 auto",
                                                                              width="auto"))
        self.remove_button = widgets.Button(description=label("risk.remove"), icon="trash")
        self.remove_button.on_click(lambda _: owner.remove(kind.key, self.remove_picker.value))
        self.plot = PlotOutput(figsize=(4.3, 4.3),
                               margins={"left": 0.14, "right": 0.97, "bottom": 0.12, "top": 0.87})
        self.box = widgets.VBox(
            [widgets.HTML(f"<h4>{html.escape(label('risk.' + kind.key))}</h4>"), self.text,
             self.measure, self.probability, self.add_button, self.plot.output, self.table,
             widgets.HBox([self.remove_picker, self.remove_button])],
            layout=widgets.Layout(min_width="0"),
        )

    def frame(self) -> pd.DataFrame:
        """The items as a table: text, the measure, probability, cell name and advice."""
        columns = ["text", self.kind.measure, "probability"]
        frame = pd.DataFrame(self.items, columns=columns)
        cells = [self.kind.place(m, p) for m, p in zip(frame[self.kind.measure],
                                                       frame["probability"], strict=True)]
        frame["cell"] = [self.owner.named(cell.en, cell.zh) for cell in cells]
        frame["advice"] = [gettext(cell.advice, self.owner.language) for cell in cells]
        return frame

    def refresh(self) -> None:
        label = self.owner.label
        frame = self.frame()
        if frame.empty:
            self.table.value = f"<i>{html.escape(label('risk.none'))}</i>"
        else:
            shown = frame.rename(columns={
                "text": label("risk.item"), self.kind.measure: label(self.kind.measure_label),
                "probability": label(self.kind.probability_label), "cell": label("risk.cell"),
                "advice": label("risk.advice"),
            })
            shown.index = range(1, len(shown) + 1)
            self.table.value = html_table(shown, float_format=lambda x: f"{x:.2f}")
        self.remove_picker.options = [
            (f"{number}. {item['text']}", number - 1)
            for number, item in enumerate(self.items, 1)
        ]
        self.plot.draw(lambda ax: self.kind.plot(frame, ax=ax),
                       alt=gettext("{matrix}: {n} item(s)", self.owner.language).format(
                           matrix=self.owner.label("risk." + self.kind.key), n=len(frame)))


class RiskMatrices(KamWidget):
    """Opportunity matrix (机会矩阵) and threat matrix (威胁矩阵): add items, see their cells.

    ``.panels["opportunities"]`` and ``.panels["threats"]`` hold each matrix's controls,
    ``items`` and ``plot``. ``.value`` = ``{"opportunities": [{"text", "attractiveness",
    "probability"}], "threats": [{"text", "seriousness", "probability"}]}``.

    Parameters
    ----------
    **options
        ``section``, ``workbook`` and ``language``, as for every course widget
        (:class:`~kamlib.widgets._base.KamWidget`); the work is saved under
        "risk_matrices".

    Examples
    --------
    >>> import tempfile
    >>> from kamlib.workbook import Workbook
    >>> book = Workbook(tempfile.mkdtemp() + "/workbook.json")
    >>> matrices = RiskMatrices(workbook=book, language="en")
    >>> matrices.value
    {'opportunities': [], 'threats': []}
    """

    section = "risk_matrices"
    merge_collections = ("opportunities", "threats")

    def _build(self) -> None:
        self.panels = {kind.key: _MatrixPanel(kind, self) for kind in KINDS}
        panels = widgets.GridBox(
            [panel.box for panel in self.panels.values()],
            layout=widgets.Layout(grid_template_columns="repeat(auto-fit, minmax(360px, 1fr))",
                                  grid_gap="8px 16px", width="100%"))
        self.widget = card([heading(self.label("risk.title")), self.message, panels],
                           "RiskMatrices")

    def _refresh(self) -> None:
        for panel in self.panels.values():
            panel.refresh()

    @property
    def value(self) -> dict[str, Any]:
        return {key: list(panel.items) for key, panel in self.panels.items()}

    def add(self, kind: str, text: str, measure: float, probability: float) -> None:
        """Add an opportunity or threat (as its Add button does); bad input is shown."""
        panel = self.panels[kind]
        try:
            item = self._item(panel.kind, text, measure, probability)
        except KamValueError as error:
            self.show_error(error)
            return
        self.clear_error()
        panel.items.append(item)
        panel.text.value = ""
        panel.refresh()
        self.save()

    def remove(self, kind: str, index: int | None) -> None:
        """Remove item ``index`` (0 = first) of ``kind`` ("opportunities" or "threats")."""
        panel = self.panels[kind]
        if index is None or not 0 <= index < len(panel.items):
            self.show_error(fail("item to remove", index, _("an item of the list")))
            return
        self.clear_error()
        del panel.items[index]
        panel.refresh()
        self.save()

    @staticmethod
    def _item(kind: _Kind, text: Any, measure: Any, probability: Any) -> dict[str, Any]:
        """One checked item; the cell look-up validates both levels (0–1, "high" or "low")."""
        text = check_text("text", text)
        kind.place(measure, probability)

        def level(value: Any) -> float | str:
            return value.strip().lower() if isinstance(value, str) else float(value)

        return {"text": text, kind.measure: level(measure), "probability": level(probability)}

    def _restore(self, saved: Any) -> None:
        if not isinstance(saved, dict):
            return
        for key, panel in self.panels.items():
            try:
                panel.items = [
                    self._item(panel.kind, item.get("text"), item.get(panel.kind.measure),
                               item.get("probability"))
                    for item in saved.get(key, [])
                ]
            except (KamValueError, AttributeError) as error:
                self._ignore_saved(error, key)
