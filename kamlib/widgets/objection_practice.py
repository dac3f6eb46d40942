"""ObjectionPractice: answer a common objection in four steps, each checked [O5].

The learner picks one of three objections (price, the risk of switching, "we are happy with
our supplier"), and writes what they would say to **acknowledge**, **explore**, **answer**
and **confirm** (:data:`kamlib.selling.STEPS`). :func:`kamlib.selling.judge_objection_response`
checks each step; the course's model answer can be shown after a try. The answers to each
objection are kept, per account.
"""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as widgets

from kamlib import selling
from kamlib.i18n import N_
from kamlib.widgets._practice import PracticeWidget, saved_texts

_KEYS = tuple(objection.key for objection in selling.OBJECTIONS)


class ObjectionPractice(PracticeWidget):
    """An objection, four text boxes for the four steps, a verdict per step.

    ``.value`` = ``{"objection": key, "answers": {objection: {step: text}}, "model_shown":
    [objections]}``; ``.review`` is the last :class:`kamlib.selling.ObjectionReview`.
    """

    section = "objection_practice"
    needs_case_data = False

    def _build(self) -> None:
        self.objection = widgets.Dropdown(
            options=[(self.tr(o.en), o.key) for o in selling.OBJECTIONS],
            description=self.tr(N_("Objection")), layout=widgets.Layout(width="80%"))
        self.objection.observe(self._on_objection, names="value")
        self.boxes = {step: self.text_box(selling.STEP_NAMES[step]) for step in selling.STEPS}
        self.answers = {key: dict.fromkeys(selling.STEPS, "") for key in _KEYS}
        self.shown: set[str] = set()
        self.table = widgets.HTML()
        self.show_model = widgets.Button(description=self.tr(N_("Show the model answer")),
                                         icon="eye")
        self.show_model.on_click(self._on_show_model)
        self.model = widgets.HTML()
        self.widget = self.frame(
            self.title(N_("Answer an objection"),
                       N_("Acknowledge the concern, explore it with a question, answer what "
                          "lies behind it, and confirm that your answer met it.")),
            self.objection, *self.boxes.values(), self.table, self.show_model, self.model,
        )

    @property
    def value(self) -> dict[str, Any]:
        return {"objection": self.objection.value, "answers": self.answers,
                "model_shown": sorted(self.shown)}

    def _on_learner_change(self, _change: Any = None) -> None:
        """A step's text changed: keep it under the objection on show, then refresh and save."""
        if self._syncing:
            return
        self.answers[self.objection.value] = {s: b.value for s, b in self.boxes.items()}
        super()._on_learner_change(_change)

    def _restore(self, saved: Any) -> None:
        if not isinstance(saved, dict):
            return
        answers = saved.get("answers") if isinstance(saved.get("answers"), dict) else {}
        self.answers = {key: saved_texts(answers.get(key), selling.STEPS) for key in _KEYS}
        shown = saved.get("model_shown")
        self.shown = {k for k in shown if k in _KEYS} if isinstance(shown, list) else set()
        if saved.get("objection") in _KEYS:
            self.objection.value = saved["objection"]
        self._fill_boxes()

    def _fill_boxes(self) -> None:
        with self._quietly():
            for step, box in self.boxes.items():
                box.value = self.answers[self.objection.value][step]

    def _on_objection(self, _change: Any) -> None:
        if self._syncing:
            return
        self._fill_boxes()
        self._refresh()
        self.save()

    def _refresh(self) -> None:
        key = self.objection.value
        self.review = selling.judge_objection_response(
            key, **{step: self.boxes[step].value for step in selling.STEPS})
        rows = [
            (self.tr(selling.STEP_NAMES[v.step]),
             v.passed if self.boxes[v.step].value.strip() else None, v.reason, v.hint)
            for v in self.review.steps
        ]
        says, objection = self.tr(N_("The customer says")), self.review.objection
        quoted = (f"“{html.escape(objection.zh)}”" if self.shown_language == "zh" else
                  f"“{html.escape(objection.en)}” ({html.escape(objection.zh)})")
        self.table.value = f"<p><b>{html.escape(says)}:</b> {quoted}</p>" + self.verdicts(rows)
        self.model.value = (
            "<p>" + "<br>".join(
                f"<b>{html.escape(self.tr(selling.STEP_NAMES[step]))}:</b> "
                f"{html.escape(self.tr(text))}"
                for step, text in zip(selling.STEPS, self.review.objection.model, strict=True)
            ) + "</p>" if key in self.shown else ""
        )

    def _on_show_model(self, _button: Any = None) -> None:
        self.shown.add(self.objection.value)
        self._refresh()
        self.save()
