"""BenefitBuilder: turn a product feature into a benefit for a need the customer stated [O5].

For a product line the learner picks, the widget shows a feature and the need a customer
has stated (:data:`kamlib.selling.FAB_EXAMPLES`). The learner writes the advantage (what the
feature does) and the benefit (how it meets that need, in the customer's terms); both are
read by :func:`kamlib.selling.judge_benefit`. The course's own chain can be shown after a
try. Saved per account.
"""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as widgets

from kamlib import datasets, selling
from kamlib.i18n import N_
from kamlib.widgets._practice import PracticeWidget, saved_texts


class BenefitBuilder(PracticeWidget):
    """A product line, its feature and a customer's need; the learner's advantage and benefit.

    ``.value`` = ``{"line_id", "advantage", "benefit", "model_shown"}``.
    """

    section = "benefit_builder"
    needs_case_data = False

    def _build(self) -> None:
        lines = datasets.load("product_lines")
        names = dict(zip(lines["line_id"], map(self.named, lines["name"], lines["name_zh"]),
                         strict=True))
        options = [(f"{e.line_id} {names.get(e.line_id, '')}", e.line_id)
                   for e in selling.FAB_EXAMPLES]
        self.line = widgets.Dropdown(options=options, value=self._first_line(),
                                     description=self.tr(N_("Product line")),
                                     style={"description_width": "initial"},
                                     layout=widgets.Layout(width="70%"))
        self.line.observe(self._on_learner_change, names="value")
        self.task = widgets.HTML()
        self.advantage = self.text_box(N_("Advantage"), N_("What does the feature do?"))
        self.benefit = self.text_box(N_("Benefit"),
                                     N_("What does it mean for this customer's need? 'You …'"))
        self.table = widgets.HTML()
        self.show_model = widgets.Button(description=self.tr(N_("Show the course's chain")),
                                         icon="eye")
        self.show_model.on_click(self._on_show_model)
        self.model = widgets.HTML()
        self.model_shown = False
        self.widget = self.frame(
            self.title(N_("From feature to benefit"),
                       N_("A feature is what a product has, an advantage what it does, a "
                          "benefit how it meets a need the customer stated.")),
            self.line, self.task, self.advantage, self.benefit, self.table,
            self.show_model, self.model,
        )

    def _first_line(self) -> str:
        """A line the account buys, so the practice starts on familiar ground."""
        orders = datasets.load("transactions")
        bought = orders.loc[orders["account_id"] == self.account_id, "line_id"]
        known = [e.line_id for e in selling.FAB_EXAMPLES]
        return next((line for line in bought.value_counts().index if line in known), known[0])

    @property
    def example(self) -> selling.FabExample:
        """The worked chain of the chosen line."""
        return selling.fab_example(self.line.value)

    @property
    def value(self) -> dict[str, Any]:
        return {"line_id": self.line.value, "advantage": self.advantage.value,
                "benefit": self.benefit.value, "model_shown": self.model_shown}

    def _restore(self, saved: Any) -> None:
        if not isinstance(saved, dict):
            return
        if saved.get("line_id") in {e.line_id for e in selling.FAB_EXAMPLES}:
            self.line.value = saved["line_id"]
        texts = saved_texts(saved, ("advantage", "benefit"))
        self.advantage.value, self.benefit.value = texts["advantage"], texts["benefit"]
        self.model_shown = saved.get("model_shown") is True

    def _refresh(self) -> None:
        example = self.example
        feature, says = self.tr(N_("Feature")), self.tr(N_("The customer says"))
        self.task.value = (
            f"<p><b>{html.escape(feature)}:</b> "
            f"{html.escape(self.tr(example.feature))}<br>"
            f"<b>{html.escape(says)}:</b> "
            f"{html.escape(self.tr(example.need))}</p>"
        )
        rows = []
        for box, label, wanted, need in (
            (self.advantage, N_("Advantage"), ("advantage", "benefit"), None),
            (self.benefit, N_("Benefit"), ("benefit",), self.tr(example.need)),
        ):
            text = box.value.strip()
            if not text:
                rows.append((self.tr(label), None, self.tr(N_("not written yet")), ""))
                continue
            verdict = selling.judge_benefit(text, need=need)
            rows.append((self.tr(label), verdict.kind in wanted, verdict.reason, verdict.hint))
        self.table.value = self.verdicts(rows)
        self.model.value = (
            "<p>" + "<br>".join(
                f"<b>{html.escape(self.tr(name))}:</b> {html.escape(self.tr(text))}"
                for name, text in ((N_("Feature"), example.feature),
                                   (N_("Advantage"), example.advantage),
                                   (N_("Benefit"), example.benefit))
            ) + "</p>"
            if self.model_shown else ""
        )

    def _on_show_model(self, _button: Any = None) -> None:
        self.model_shown = True
        self._refresh()
        self.save()
