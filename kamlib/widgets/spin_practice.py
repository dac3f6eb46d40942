"""SpinPractice: write one question of each SPIN kind for your account and see how it reads [O5].

Rackham's four kinds of question, situation (背景问题), problem (难点问题), implication
(暗示问题) and need-payoff (需求效益问题), each get a text box; every question is read by
:func:`kamlib.buying_centre.classify_question`, and the table says whether it reads as the
kind you meant, and if not, what that kind asks for. The questions are saved per account.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from kamlib.buying_centre import SPIN_KINDS, classify_question
from kamlib.i18n import N_
from kamlib.validation import KamValueError
from kamlib.widgets._practice import PracticeWidget, saved_texts

_KEYS = tuple(kind.key for kind in SPIN_KINDS)


class SpinPractice(PracticeWidget):
    """Four text boxes, one per SPIN kind, and how each question reads.

    ``.value`` = ``{"questions": {kind: text}}``; ``.readings`` = ``{kind: QuestionVerdict or
    None}`` (None: not written, or not a question).
    """

    section = "spin_practice"
    needs_case_data = False

    def _build(self) -> None:
        self.boxes = {
            kind.key: self.text_box(self.named(self.tr(kind.en).capitalize(), kind.zh),
                                    kind.example, label_width="210px")
            for kind in SPIN_KINDS
        }
        self.table = widgets.HTML()
        self.readings: dict[str, Any] = {}
        self.widget = self.frame(
            self.title(N_("SPIN questions for your next visit"),
                       N_("Write one question of each kind for this account, built on what "
                          "its file says. Each is read as it would be heard.")),
            widgets.HTML(f"<p><b>{self.account_id}</b></p>"),
            *self.boxes.values(),
            self.table,
        )

    @property
    def value(self) -> dict[str, Any]:
        return {"questions": {key: box.value for key, box in self.boxes.items()}}

    def _restore(self, saved: Any) -> None:
        texts = saved_texts(saved.get("questions") if isinstance(saved, dict) else None, _KEYS)
        for key, box in self.boxes.items():
            box.value = texts[key]

    def _refresh(self) -> None:
        rows = []
        for kind in SPIN_KINDS:
            text = self.boxes[kind.key].value.strip()
            label = self.named(self.tr(kind.en).capitalize(), kind.zh)
            self.readings[kind.key] = None
            if not text:
                rows.append((label, None, self.tr(N_("not written yet")), ""))
                continue
            try:
                verdict = classify_question(text)
            except KamValueError as error:
                rows.append((label, False, str(error),
                             self.tr(N_("Write it as a question, ending with '?' or '？'."))))
                continue
            self.readings[kind.key] = verdict
            right = verdict.kind.key == kind.key
            name = self.tr(kind.en)
            hint = "" if right else self.tr(
                N_("{kind} questions ask for {asks}; e.g. '{example}'")
            ).format(kind=name[:1].upper() + name[1:], asks=self.tr(kind.asks),
                     example=self.tr(kind.example))
            rows.append((label, right, verdict.reason, hint))
        self.table.value = self.verdicts(rows)

    @property
    def complete(self) -> bool:
        """True when every box holds a question that reads as its kind."""
        return all(
            reading is not None and reading.kind.key == key
            for key, reading in self.readings.items()
        )
