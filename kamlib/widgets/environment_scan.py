"""EnvironmentScan: scan the external (外部环境分析) and internal (内部环境分析) environment [L2.4,
L2.5] and send the findings to a SWOT board.

The learner picks a factor of the micro (微观环境) or macro (宏观环境) environment, or of our
own company, writes what it means, chooses its effect and weight (1–5) and adds the entry.
The effects offered follow the factor: an external factor can only be an opportunity (机会) or
a threat (威胁), an internal one only a strength (优势) or a weakness (劣势), as
:mod:`kamlib.environment` rules. "Send to SWOT board" files the entries not sent yet with
:func:`kamlib.environment.scan_to_swot` and adds them to a
:class:`~kamlib.widgets.swot_board.SWOTBoard`. The consumer analysis (who buys, what, why)
is written below. Everything is saved.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

import ipywidgets as widgets
import pandas as pd

from kamlib import environment
from kamlib.i18n import N_, _, gettext, register
from kamlib.swot import QUADRANT_KEYS, SWOT
from kamlib.validation import KamValueError, fail
from kamlib.widgets._base import KamWidget, WidgetOptions, html_table
from kamlib.widgets.layout import card, heading

if TYPE_CHECKING:
    from typing_extensions import Unpack

register(
    {
        "env.title": N_("Environment scan"),
        "env.factor": N_("Factor"),
        "env.note": N_("Note"),
        "env.note_placeholder": N_("what this factor means for us, e.g. new VOC limits from 2026"),
        "env.effect": N_("Effect"),
        "env.weight": N_("Weight"),
        "env.add": N_("Add"),
        "env.remove": N_("Remove"),
        "env.entries": N_("Entries"),
        "env.none": N_("No entry yet."),
        "env.sent": N_("sent"),
        "env.send": N_("Send to SWOT board"),
        "env.no_board": N_("Give a SWOTBoard to send the entries: EnvironmentScan(board=board)."),
        "env.nothing_to_send": N_("Every entry has been sent already."),
        "env.sent_count": N_("entries sent to the SWOT board"),
        "env.consumer": N_("Consumer analysis"),
        "env.who": N_("Who buys"),
        "env.what": N_("What"),
        "env.why": N_("Why"),
        "env.micro": N_("Micro"),
        "env.macro": N_("Macro"),
        "env.internal": N_("Internal"),
        "env.opportunity": N_("Opportunity (机会)"),
        "env.threat": N_("Threat (威胁)"),
        "env.strength": N_("Strength (优势)"),
        "env.weakness": N_("Weakness (劣势)"),
    }
)

_ENTRY_FIELDS = ("factor", "note", "effect", "weight")


class EnvironmentScan(KamWidget):
    """Factor, note, effect and weight, Add; the list of entries; send them to a SWOT board.

    ``board``: a :class:`~kamlib.widgets.swot_board.SWOTBoard` (or anything with
    ``.add(quadrant, text, weight)``) that "Send to SWOT board" fills; None hides nothing
    but explains how to give one. ``.entries`` are :class:`kamlib.environment.ScanEntry`;
    ``.value`` = ``{"entries": [{factor, note, effect, weight, sent}], "consumer": {who,
    what, why}}``.

    Parameters
    ----------
    board : SWOTBoard, optional
        The SWOT board that "Send to SWOT board" fills (default: none).
    **options
        ``section``, ``workbook`` and ``language``, as for every course widget
        (:class:`~kamlib.widgets._base.KamWidget`); the work is saved under
        "environment_scan".

    Raises
    ------
    KamValueError
        If ``board`` has no ``add`` method,.

    Examples
    --------
    >>> import tempfile
    >>> from kamlib.workbook import Workbook
    >>> book = Workbook(tempfile.mkdtemp() + "/workbook.json")
    >>> scan = EnvironmentScan(workbook=book, language="en")
    >>> scan.value["entries"]
    []
    """

    section = "environment_scan"
    merge_collections = ("entries",)

    def __init__(self, board: Any = None, **options: Unpack[WidgetOptions]) -> None:
        if board is not None and not callable(getattr(board, "add", None)):
            raise fail("board", board, _("a SWOTBoard (with .add(quadrant, text, weight)) or None"))
        self.board = board
        super().__init__(**options)

    @property
    def value(self) -> dict[str, Any]:
        return {
            "entries": [
                {**{f: getattr(e, f) for f in _ENTRY_FIELDS}, "sent": sent}
                for e, sent in zip(self.entries, self.sent, strict=True)
            ],
            "consumer": {q: area.value for q, area in self.consumer.items()},
        }

    @property
    def consumer_analysis(self) -> environment.ConsumerAnalysis:
        """The consumer analysis as written (who, what, why)."""
        return environment.ConsumerAnalysis(**{q: a.value for q, a in self.consumer.items()})

    @property
    def swot(self) -> SWOT:
        """All entries filed into a SWOT by :func:`kamlib.environment.scan_to_swot`."""
        return environment.scan_to_swot(self.entries)

    def add(self, factor: str, note: str, effect: str, weight: int = 3) -> None:
        """Add an entry (as the Add button does); bad input is shown, not raised."""
        try:
            entry = environment.ScanEntry(factor, note, effect, weight)
        except KamValueError as error:
            self.show_error(error)
            return
        self.clear_error()
        self.entries.append(entry)
        self.sent.append(False)
        self.note.value = ""
        self._show_entries()
        self.save()

    def send_to_board(self) -> int:
        """Add the entries not sent yet to the SWOT board; return how many were sent."""
        label = self.label
        if self.board is None:
            self.status.value = f"<i>{html.escape(label('env.no_board'))}</i>"
            return 0
        pending = [e for e, sent in zip(self.entries, self.sent, strict=True) if not sent]
        if not pending:
            self.status.value = f"<i>{html.escape(label('env.nothing_to_send'))}</i>"
            return 0
        filed = environment.scan_to_swot(pending)
        for quadrant in QUADRANT_KEYS:
            for item in filed.items(quadrant):
                self.board.add(quadrant, item.text, item.weight)
        self.sent = [True] * len(self.entries)
        self.status.value = f"\u2714 {len(pending)} {html.escape(label('env.sent_count'))}"
        self._show_entries()
        self.save()
        return len(pending)

    # -- building -----------------------------------------------------------------------

    def _build(self) -> None:
        label = self.label
        self.entries: list[environment.ScanEntry] = []
        self.sent: list[bool] = []
        groups = (("env.micro", environment.MICRO_FACTORS),
                  ("env.macro", environment.MACRO_FACTORS),
                  ("env.internal", environment.INTERNAL_FACTORS))
        self.factor = widgets.Dropdown(
            options=[(f"{label(scope)} · {self.named(f.en, f.zh)}", f.key)
                     for scope, factors in groups for f in factors],
            description=label("env.factor"), layout=widgets.Layout(width="100%"),
        )
        self.prompt = widgets.HTML()
        self.note = widgets.Textarea(placeholder=label("env.note_placeholder"),
                                     description=label("env.note"), rows=2,
                                     layout=widgets.Layout(width="100%"))
        self.effect = widgets.ToggleButtons(description=label("env.effect"),
                                            style={"button_width": "auto"})
        self.weight = widgets.IntSlider(value=3, min=1, max=5, description=label("env.weight"))
        self.add_button = widgets.Button(description=label("env.add"), icon="plus",
                                         button_style="primary")
        self.add_button.on_click(lambda _: self.add(self.factor.value, self.note.value,
                                                    self.effect.value, self.weight.value))
        self.factor.observe(self._on_factor, names="value")
        self.table = widgets.HTML()
        self.remove_picker = widgets.Dropdown(options=[], layout=widgets.Layout(
            flex="1 1 auto", width="auto"))
        self.remove_button = widgets.Button(description=label("env.remove"), icon="trash")
        self.remove_button.on_click(self._on_remove)
        self.send_button = widgets.Button(description=label("env.send"), icon="share",
                                          layout=widgets.Layout(width="auto"))
        self.send_button.on_click(lambda _: self.send_to_board())
        self.status = widgets.HTML()
        self.consumer = {
            question: widgets.Textarea(
                description=label(f"env.{question}"),
                placeholder=self._consumer_prompt(question, zh, prompts),
                continuous_update=False,
                rows=2, layout=widgets.Layout(width="100%"),
            )
            for question, (zh, prompts) in environment.CONSUMER_PROMPTS.items()
        }
        for area in self.consumer.values():
            area.observe(self._on_consumer, names="value")
        self.widget = card(
            [
                heading(label("env.title")),
                self.factor, self.prompt, self.note, self.effect, self.weight,
                self.add_button, self.message,
                heading(label("env.entries"), 4), self.table,
                widgets.HBox([self.remove_picker, self.remove_button]),
                widgets.HBox([self.send_button, self.status]),
                heading(label("env.consumer"), 4),
                *self.consumer.values(),
            ],
            "EnvironmentScan",
        )

    def _restore(self, saved: Any) -> None:
        if not isinstance(saved, dict):
            return
        try:
            rows = saved.get("entries", [])
            self.entries = [environment.ScanEntry(**{f: row[f] for f in _ENTRY_FIELDS})
                            for row in rows]
            self.sent = [bool(row.get("sent", False)) for row in rows]
            answers = environment.ConsumerAnalysis(**saved.get("consumer", {}))
            for question, area in self.consumer.items():
                area.value = getattr(answers, question)
        except (KamValueError, KeyError, TypeError, AttributeError) as error:
            self.entries, self.sent = [], []
            self._ignore_saved(error)

    # -- showing ------------------------------------------------------------------------

    def _refresh(self) -> None:
        self._show_factor()
        self._show_entries()

    def _show_factor(self) -> None:
        """Offer only the effects this factor can have, and show its prompt."""
        factor = environment.FACTORS[self.factor.value]
        effects = factor.effects
        self.effect.options = [(self.label(f"env.{effect}"), effect) for effect in effects]
        self.prompt.value = f"<i>{html.escape(gettext(factor.prompt, self.language))}</i>"

    def _consumer_prompt(self, question: str, zh: str, prompts: tuple[str, ...]) -> str:
        """The placeholder of a consumer question: 'who (谁购买): demographics (人口特征), …'
        in English, '谁购买：人口特征、…' in Chinese."""
        shown = [gettext(prompt, self.language) for prompt in prompts]
        if self.shown_language == "zh":
            return f"{zh}：{'、'.join(shown)}"
        return f"{question} ({zh}): {', '.join(shown)}"

    def _show_entries(self) -> None:
        label = self.label
        if not self.entries:
            self.table.value = f"<i>{html.escape(label('env.none'))}</i>"
        else:
            factors = environment.FACTORS
            shown = pd.DataFrame({
                label("env.factor"): [self.named(factors[e.factor].en, factors[e.factor].zh)
                                      for e in self.entries],
                label("env.effect"): [label(f"env.{e.effect}") for e in self.entries],
                label("env.weight"): [e.weight for e in self.entries],
                label("env.note"): [e.note for e in self.entries],
                label("env.sent"): ["\u2714" if sent else "" for sent in self.sent],
            }, index=range(1, len(self.entries) + 1))
            self.table.value = html_table(shown)
        self.remove_picker.options = [
            (f"{number}. {entry.text}", number - 1)
            for number, entry in enumerate(self.entries, 1)
        ]

    # -- handlers -----------------------------------------------------------------------

    def _on_factor(self, change: dict[str, Any]) -> None:
        self._show_factor()

    def _on_remove(self, button: widgets.Button | None = None) -> None:
        index = self.remove_picker.value
        if index is None:
            return
        del self.entries[index], self.sent[index]
        self._show_entries()
        self.save()

    def _on_consumer(self, change: dict[str, Any]) -> None:
        if self._syncing:
            return
        self.save()
