"""Answer widgets: every exercise task answered without typing Python.

``answer("1.2")`` shows the widget that the task's :class:`~kamlib.exercises.TaskSpec`
names: choose one option (:class:`ChoiceAnswer`), tick several (:class:`TickAnswer`), type a
number (:class:`NumberAnswer`) or a text (:class:`TextAnswer`), pick ids in order
(:class:`IdsAnswer`), fill a small form of sliders, numbers and yes/no
(:class:`FormAnswer`), edit a small table (:class:`TableAnswer`), or, for a task answered in
a course widget already on the page, a check under it (:class:`WidgetCheck`). Each saves the
learner's answer in their workbook (section ``answers/<task id>``) as they change it, and its
"Check" button gives instant feedback from the answer key (never the answer).

A lecture's "Your turn" questions use the same widgets through :func:`practice`: the task is
not an exercise's (its spec is not registered, its section is the lecture's, e.g.
``lecture3/rank``), it is not graded, and its right answer is computed in the learner's own
process (a lecture shows its data anyway). After :data:`TRIES_BEFORE_ANSWER` wrong checks the
feedback gives the answer, so that nobody studying alone stays stuck.

:class:`ExerciseProgress` lists where a whole exercise stands.

A new task needs no new widget: register its spec (kind, options, fields...) and call
``answer("<id>")`` in the notebook; see :mod:`kamlib.exercises.tasks`.

A lecture's "Your turn" is practice, not an exercise: ``answer(spec)`` takes its
:class:`~kamlib.exercises.TaskSpec` itself, unregistered, with its own workbook section
(``lecture1/<name>``) and ``compare=None``. It is judged in the learner's kernel by its
rubric (which may compute the right answer from the case data: nothing is hidden in a
lecture) and never against the answer key; an open answer (``manual=True``) is saved and
answered with the spec's ``why``, what a trainer would look for.
"""

from __future__ import annotations

import dataclasses
import functools
import html
import math
import re
import unicodedata
from typing import TYPE_CHECKING, Any

import ipywidgets as widgets

from kamlib.exercises.feedback import answer_key, progress, workbook_sections
from kamlib.exercises.judging import (
    STATUSES,
    Feedback,
    Matcher,
    answer_part,
    canonical,
    canonical_expected,
    expected_form,
    judge,
    status_title,
)
from kamlib.exercises.tasks import ANSWERS_SECTION, Field, TaskSpec, task_spec
from kamlib.i18n import _, join_list
from kamlib.validation import KamValueError, fail
from kamlib.widgets._base import KamWidget
from kamlib.widgets.layout import card

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from kamlib.widgets._base import WidgetOptions

_WIDE = widgets.Layout(width="100%", max_width="760px")
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
#: An option named by a case account's or product line's id, then its English name.
_NAMED_ID = re.compile(r"^(?P<id>(?:AC|PL)\d+)\s+\S")
#: An option "English (中文)", perhaps after a number: "2 Early KAM (初级阶段)".
_CHINESE_ASIDE = re.compile(
    r"^(?P<number>\d+\s+)?[^()（）]*?\s*[(（](?P<zh>[^()（）]*[\u3400-\u9fff][^()（）]*)[)）]$")
_STATUS_WORDS = {"correct": "✔", "wrong": "✘", "not answered": "…", "saved": "✎"}
#: Wrong checks of a practice question after which its feedback gives the answer.
TRIES_BEFORE_ANSWER = 2
_NO_ANSWER = object()  # a practice question without a right answer (its rubric judges it)


@functools.cache
def _chinese_names() -> dict[str, str]:
    """The Chinese names of the case accounts and product lines, by id."""
    from kamlib import datasets

    names: dict[str, str] = {}
    for name, key in (("accounts", "account_id"), ("product_lines", "line_id")):
        frame = datasets.load(name)
        names.update({str(k): str(v) for k, v in zip(frame[key], frame["name_zh"], strict=True)
                      if isinstance(v, str) and v.strip()})
    return names


def parse_number(text: str) -> float | None:
    """A number typed by a learner: "12.5", "12.5%", "1,234,567", "１２", "−3"; None if empty.

    Raises
    ------
    KamValueError
        If the text is not a number.

    Examples
    --------
    >>> parse_number("1,234.5 %")
    1234.5
    """
    cleaned = unicodedata.normalize("NFKC", text).strip().replace("−", "-")
    cleaned = re.sub(r"[\s,，_]", "", cleaned).rstrip("%％")
    for unit in ("CNY", "元", "x", "X"):
        cleaned = cleaned.removesuffix(unit)
    if not cleaned:
        return None
    if not _NUMBER.match(cleaned) or not math.isfinite(float(cleaned)):
        raise fail("answer", text, _("a number such as 12.5 (no words)"))
    return float(cleaned)


def _spec_of(task: str | TaskSpec, *, answered: bool = False) -> TaskSpec:
    """The registered spec of an exercise task, or a lecture's practice spec as given
    (``answered``: its right answer is given, so it may name a ``compare`` rule)."""
    if not isinstance(task, TaskSpec):
        return task_spec(task)
    if (task.compare is not None and not answered) or not task.section or \
            task.section.startswith(ANSWERS_SECTION + "/"):
        raise fail("task", task.task_id,
                   _("a practice task with its own section (not {section}/...) judged by its "
                     "rubric or read (compare=None), or by its expected answer").format(
                         section=ANSWERS_SECTION))
    return task


class AnswerWidget(KamWidget):
    """Base of the answer widgets: the task's question, an input, a Check button, feedback.

    ``task_id``: the task (its spec decides the input), or, for a lecture's practice
    question, its :class:`~kamlib.exercises.TaskSpec` itself (see :func:`practice`).
    ``expected``: a practice question's right answer (only with a spec; omitted: the spec's
    rubric alone judges). Options as for every course widget (``workbook``, ``language``);
    the section is the task's (``answers/<task id>``, or the spec's own). ``.value`` is the
    answer as saved (None until the learner answers); :meth:`check` judges it and shows the
    feedback.
    """

    section = "answers"
    #: The card's footer line (None: the course's note on saved work and re-running).
    footer: str | None = None

    def __init__(self, task_id: str | TaskSpec, *, expected: Any = _NO_ANSWER,
                 **options: Unpack[WidgetOptions]) -> None:
        self.practice = isinstance(task_id, TaskSpec)
        if not self.practice and expected is not _NO_ANSWER:
            raise fail("expected", expected,
                       _("no expected answer for an exercise task (its answer key checks it)"))
        self.spec: TaskSpec = _spec_of(task_id, answered=expected is not _NO_ANSWER)
        self._expected = expected
        self.wrong_checks = 0
        options.setdefault("section", self.spec.answer_section)
        if options["section"] != self.spec.answer_section:
            raise fail("section", options["section"],
                       _("the task's own section {answer_section!r}")
                           .format(answer_section=self.spec.answer_section))
        self.feedback: Feedback | None = None
        super().__init__(**options)

    def option_label(self, label: str) -> str:
        """An option's label as this widget shows it. In Chinese, "English (中文)" becomes the
        Chinese alone (after its number, if any), and a case account or product line named
        after its id gets its Chinese name from the case data."""
        shown = _(label, self.language)
        if self.shown_language != "zh":
            return shown
        named = _NAMED_ID.match(shown)
        if named and named["id"] in _chinese_names():
            return f"{named['id']} {_chinese_names()[named['id']]}"
        aside = _CHINESE_ASIDE.match(shown)
        return f"{aside['number'] or ''}{aside['zh']}" if aside else shown

    def _build(self) -> None:
        spec = self.spec
        title = _("Your turn") if self.practice else _("Task {task}").format(task=spec.task_id)
        self.question = widgets.HTML(
            f"<div><b>{html.escape(title)}.</b> {html.escape(spec.say(spec.prompt))}</div>",
            layout=_WIDE)
        self.input = self._build_input()
        self.check_button = widgets.Button(description=_("Check my answer"), icon="check",
                                           button_style="primary",
                                           layout=widgets.Layout(width="auto",
                                                                 align_self="flex-start"))
        self.check_button.on_click(lambda _button: self.check())
        self.feedback_html = widgets.HTML(layout=_WIDE)
        self.widget = card(
            [widgets.VBox([self.question, self.input, self.check_button, self.feedback_html,
                           self.message])],
            type(self).__name__, footer=self.footer)
        self.widget.add_class("kam-answer")

    def _build_input(self) -> widgets.Widget:
        raise NotImplementedError

    def _answer(self) -> Any:
        """The answer shown in the input, as plain data (None when empty)."""
        raise NotImplementedError

    def _show(self, saved: Any) -> None:
        """Put a saved answer in the input (observers are quiet)."""
        raise NotImplementedError

    @property
    def value(self) -> Any:
        """The answer as plain JSON data, as the workbook keeps it (None: not answered)."""
        return self._answer()

    def _restore(self, saved: Any) -> None:
        if saved is None:
            return
        try:
            self._show(saved)
        except (KamValueError, TypeError, ValueError, KeyError, AttributeError) as error:
            self._ignore_saved(error, "answer")

    def _on_learner_change(self, _change: Any = None) -> None:
        """Save what the learner entered; an entry that cannot be read is shown, not saved."""
        if self._syncing:
            return
        try:
            self._answer()
        except KamValueError as error:
            self.show_error(error)
            return
        self.feedback_html.value = ""
        self.clear_error()
        self.save()

    def check(self) -> Feedback:
        """Judge the answer against the answer key (a practice question: against its right
        answer) and show the feedback; return it."""
        sections = workbook_sections(self.workbook)
        sections[self.section] = self.value
        matcher = self._practice_matcher() if self.practice else answer_key().matcher(
            self.spec.task_id)
        verdict = judge(self.spec, answer_part(self.spec, self.value), matcher,
                        workbook=sections)
        if self.practice:
            verdict = self._practice_verdict(verdict)
        self.feedback = verdict
        self.feedback_html.value = verdict._repr_html_()
        return verdict

    def _practice_matcher(self) -> Matcher | None:
        if self._expected is _NO_ANSWER:
            return None
        return expected_form(self.spec, canonical_expected(self.spec, self._expected)).__eq__

    def _practice_verdict(self, verdict: Feedback) -> Feedback:
        """A practice verdict: titled "Your turn", and giving the answer after two misses."""
        message = (self.spec.say(self.spec.why)
                   if verdict.status == "saved" and self.spec.why else verdict.message)
        if verdict.status == "wrong":
            self.wrong_checks += 1
            if self.wrong_checks >= TRIES_BEFORE_ANSWER and self._expected is not _NO_ANSWER:
                message = " ".join([message, _("The answer: {answer}.").format(
                    answer=self._shown_answer())]).strip()
        return dataclasses.replace(verdict, message=message, label=_("Your turn"))

    def _shown_answer(self) -> str:
        """The right answer as the learner would enter it (option labels for choices)."""
        expected = canonical(self.spec, self._expected)
        labels = dict(self.spec.choices()) if self.spec.kind in ("choice", "tick", "ids") else {}
        if isinstance(expected, (list, tuple)):
            return join_list(_(labels.get(item, item)) for item in expected)
        if isinstance(expected, float):
            return f"{expected:,.10g}" + (f" {_(self.spec.unit)}" if self.spec.unit else "")
        return _(labels.get(expected, str(expected)))


class ChoiceAnswer(AnswerWidget):
    """Choose one option (radio buttons)."""

    def _build_input(self) -> widgets.Widget:
        self.choice = widgets.RadioButtons(
            options=[(self.option_label(label), key) for key, label in self.spec.choices()],
            value=None,
            layout=widgets.Layout(width="auto"))
        self.choice.observe(self._on_learner_change, names="value")
        return self.choice

    def _answer(self) -> Any:
        return self.choice.value

    def _show(self, saved: Any) -> None:
        keys = [key for key, _label in self.spec.choices()]
        self.choice.value = saved if saved in keys else None

    def choose(self, key: str | None) -> None:
        """Choose an option by its key, as a learner's click does."""
        self.choice.value = key


class TickAnswer(AnswerWidget):
    """Tick every option that applies (tick boxes)."""

    def _build_input(self) -> widgets.Widget:
        self.boxes = {
            key: widgets.Checkbox(value=False, description=self.option_label(label),
                                  indent=False,
                                  layout=widgets.Layout(width="auto"))
            for key, label in self.spec.choices()
        }
        for box in self.boxes.values():
            box.observe(self._on_learner_change, names="value")
        return widgets.VBox(list(self.boxes.values()))

    def _answer(self) -> Any:
        ticked = [key for key, box in self.boxes.items() if box.value]
        return ticked or None

    def _show(self, saved: Any) -> None:
        for key, box in self.boxes.items():
            box.value = key in saved

    def tick(self, keys: list[str]) -> None:
        """Tick exactly ``keys``, as a learner's clicks do."""
        unknown = [key for key in keys if key not in self.boxes]
        if unknown:
            raise fail("keys", unknown, "options of the task: " + ", ".join(self.boxes))
        for key, box in self.boxes.items():
            box.value = key in keys


class NumberAnswer(AnswerWidget):
    """Type a number (thousands separators and a % sign are fine)."""

    def _build_input(self) -> widgets.Widget:
        self.text = widgets.Text(placeholder=_("type a number"), continuous_update=False,
                                 layout=widgets.Layout(width="14em"))
        self.text.observe(self._on_text, names="value")
        self._number: float | None = None
        unit = widgets.Label(_(self.spec.unit)) if self.spec.unit else widgets.Label("")
        return widgets.HBox([self.text, unit])

    def _on_text(self, _change: Any) -> None:
        if self._syncing:
            return
        try:
            self._number = parse_number(self.text.value)
        except KamValueError as error:
            self.show_error(error)
            return
        self._on_learner_change()

    def _answer(self) -> Any:
        return self._number

    def _show(self, saved: Any) -> None:
        if isinstance(saved, (int, float)) and not isinstance(saved, bool):
            self._number = float(saved)
            self.text.value = f"{saved:g}"

    def enter(self, text: str) -> None:
        """Type ``text`` into the box, as a learner does."""
        self.text.value = text


class TextAnswer(AnswerWidget):
    """Write a text (a written answer the trainer reads)."""

    def _build_input(self) -> widgets.Widget:
        self.text = widgets.Textarea(placeholder=_("Write your answer here."),
                                     continuous_update=False, rows=6, layout=_WIDE)
        self.count = widgets.HTML()
        self.text.observe(self._on_text, names="value")
        return widgets.VBox([self.text, self.count])

    def _count(self) -> None:
        self.count.value = "<span class='kam-hint'>" + html.escape(
            _("{n} characters (at least {low})").format(
                n=len(self.text.value.strip()), low=self.spec.min_length)) + "</span>"

    def _on_text(self, change: Any) -> None:
        self._count()
        self._on_learner_change(change)

    def _answer(self) -> Any:
        return self.text.value.strip() or None

    def _show(self, saved: Any) -> None:
        self.text.value = str(saved)
        self._count()

    def write(self, text: str) -> None:
        """Write ``text`` into the box, as a learner does."""
        self.text.value = text


class IdsAnswer(AnswerWidget):
    """Pick ids from those offered, in order (drag the tags to reorder them)."""

    def _build_input(self) -> widgets.Widget:
        pairs = self.spec.choices()
        self.tags = widgets.TagsInput(allowed_tags=[key for key, _label in pairs],
                                      allow_duplicates=False, layout=_WIDE)
        self.tags.observe(self._on_learner_change, names="value")
        offered = "".join(f"<li>{html.escape(self.option_label(label))}</li>"
                          for _key, label in pairs)
        hint = _("Type or pick the ids, best first.") if self.spec.ordered else _(
            "Type or pick the ids.")
        offered_word = _("Offered:")
        return widgets.VBox([self.tags, widgets.HTML(  # one offer a line, in a text's spacing
            f"<div style='color:#555; line-height:1.4'>{html.escape(hint)} "
            f"{html.escape(offered_word)}<ul style='margin:2px 0'>{offered}</ul></div>",
            layout=_WIDE)])

    def _answer(self) -> Any:
        return list(self.tags.value) or None

    def _show(self, saved: Any) -> None:
        allowed = set(self.tags.allowed_tags)
        self.tags.value = [item for item in saved if item in allowed]

    def pick(self, ids: list[str]) -> None:
        """Pick ``ids`` in this order, as a learner does."""
        self.tags.value = list(ids)


def _field_control(field: Field) -> widgets.Widget:
    label = _(field.label)
    style = {"description_width": "initial"}
    if field.kind == "integer":
        return widgets.IntSlider(value=int(field.minimum), min=int(field.minimum),
                                 max=int(field.maximum), description=label, style=style,
                                 continuous_update=False, layout=widgets.Layout(width="420px"))
    if field.kind == "check":
        return widgets.Checkbox(value=False, description=label, indent=False)
    if field.kind == "choice":
        return widgets.Dropdown(options=[("—", None), *[(_(lab), key) for key, lab in
                                                       field.options]],
                                value=None, description=label, style=style)
    return widgets.Text(description=label, style=style, continuous_update=False,
                        layout=widgets.Layout(width="100%", max_width="640px"))


def _field_value(field: Field, control: widgets.Widget) -> Any:
    if field.kind == "number":
        return parse_number(control.value)
    if field.kind == "text":
        return control.value.strip()
    return control.value


def _show_field(field: Field, control: widgets.Widget, value: Any) -> None:
    if value is None:
        return
    if field.kind == "number":
        control.value = f"{value:,.10g}" if isinstance(value, (int, float)) else str(value)
    else:
        control.value = value


class FormAnswer(AnswerWidget):
    """Fill a small form: sliders for scores, numbers, yes/no, a choice, short texts."""

    def _build_input(self) -> widgets.Widget:
        self.controls = {field.key: _field_control(field) for field in self.spec.fields}
        for control in self.controls.values():
            control.observe(self._on_field, names="value")
        self._touched = False
        return widgets.VBox(list(self.controls.values()))

    def _on_field(self, change: Any) -> None:
        if not self._syncing:
            self._touched = True
        self._on_learner_change(change)

    def _answer(self) -> Any:
        if not self._touched:
            return None
        return {field.key: _field_value(field, self.controls[field.key])
                for field in self.spec.fields}

    def _show(self, saved: Any) -> None:
        for field in self.spec.fields:
            _show_field(field, self.controls[field.key], saved.get(field.key))
        self._touched = True

    def fill(self, **values: Any) -> None:
        """Set fields by key (numbers of a number field as text, as typed), as a learner does."""
        unknown = sorted(set(values) - set(self.controls))
        if unknown:
            raise fail("fields", unknown, "fields of the form: " + ", ".join(self.controls))
        for key, value in values.items():
            self.controls[key].value = value


class TableAnswer(AnswerWidget):
    """Edit a small table: fixed rows (e.g. SO, ST, WO, WT) or rows the learner adds."""

    def _build_input(self) -> widgets.Widget:
        self.rows: list[dict[str, widgets.Widget]] = []
        self.row_labels: list[str | None] = []
        self.rows_box = widgets.VBox()
        self.label_width = _label_width(self.spec.rows)
        header = [widgets.HTML(f"<b>{html.escape(_(f.label))}</b>",
                               layout=self._cell_layout(f)) for f in self.spec.fields]
        if self.spec.rows:
            header.insert(0, widgets.HTML("", layout=widgets.Layout(width=self.label_width)))
        parts: list[widgets.Widget] = [widgets.HBox(header), self.rows_box]
        if self.spec.rows:
            for label in self.spec.rows:
                self._add_row(label)
        else:
            fit = {"layout": widgets.Layout(width="auto")}  # the label is never cut
            self.add_button = widgets.Button(description=_("Add a row"), icon="plus", **fit)
            self.remove_button = widgets.Button(description=_("Remove the last row"),
                                                icon="minus", **fit)
            self.add_button.on_click(lambda _b: self._add_and_save())
            self.remove_button.on_click(lambda _b: self._remove_and_save())
            parts.append(widgets.HBox([self.add_button, self.remove_button]))
            for _row in range(max(self.spec.min_rows, 1)):
                self._add_row(None)
        return widgets.VBox(parts, layout=_WIDE)

    @staticmethod
    def _cell_layout(field: Field) -> widgets.Layout:
        wide = field.kind == "text" and field.key not in ("date",)
        # the same flex in the header and the rows, so that the columns line up
        return (widgets.Layout(flex="1 1 0%", width="auto", min_width="6em") if wide
                else widgets.Layout(flex="0 0 12em", width="12em"))

    def _add_row(self, label: str | None) -> None:
        cells: dict[str, widgets.Widget] = {}
        for field in self.spec.fields:
            if field.kind in ("text", "number"):
                control = widgets.Text(continuous_update=False, layout=self._cell_layout(field))
            else:
                control = _field_control(field)
                if field.kind == "choice":  # in its column: the header names it
                    control.description, control.layout = "", self._cell_layout(field)
            control.observe(self._on_learner_change, names="value")
            cells[field.key] = control
        row = list(cells.values())
        if label is not None:
            row.insert(0, widgets.HTML(f"<b>{html.escape(_(label))}</b>",
                                       layout=widgets.Layout(width=self.label_width,
                                                             flex="none")))
        self.rows.append(cells)
        self.row_labels.append(label)
        self.rows_box.children = [*self.rows_box.children, widgets.HBox(row)]

    def _add_and_save(self) -> None:
        if len(self.rows) >= self.spec.max_rows:
            self.show_error(KamValueError(_("at most {n} rows").format(n=self.spec.max_rows)))
            return
        self._add_row(None)

    def _remove_and_save(self) -> None:
        if len(self.rows) <= 1:
            return
        self.rows.pop()
        self.row_labels.pop()
        self.rows_box.children = self.rows_box.children[:-1]
        self._on_learner_change()

    def _answer(self) -> Any:
        table = []
        for cells, label in zip(self.rows, self.row_labels, strict=True):
            row: dict[str, Any] = {}
            for field in self.spec.fields:
                control = cells[field.key]
                text = control.value.strip() if isinstance(control.value, str) else control.value
                row[field.key] = parse_number(text) if field.kind == "number" and text else text
            if label is not None:
                row["row"] = label
            table.append(row)
        filled = [row for row in table if any(row.get(f.key) not in ("", None, False)
                                              for f in self.spec.fields)]
        return table if filled else None

    def _show(self, saved: Any) -> None:
        records = list(saved)
        if self.spec.rows:
            by_label = {record.get("row"): record for record in records}
            records = [by_label.get(label, {}) for label in self.spec.rows]
        else:
            while len(self.rows) < min(len(records), self.spec.max_rows):
                self._add_row(None)
        for cells, record in zip(self.rows, records, strict=False):
            for field in self.spec.fields:
                value = record.get(field.key)
                if value not in (None, ""):
                    _show_field(field, cells[field.key], value)

    def fill(self, records: list[dict[str, Any]]) -> None:
        """Fill the table with ``records`` (adding rows as needed), as a learner types."""
        for position, record in enumerate(records):
            if position >= len(self.rows):
                self._add_row(None)
            for key, value in record.items():
                if key != "row":
                    self.rows[position][key].value = value


def _label_width(labels: tuple[str, ...]) -> str:
    """A width for a table's row labels that fits the longest, as shown (translated): a wide
    (CJK) character takes about 1em, another about 0.62em of bold text."""
    longest = max((sum(1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.62
                       for ch in _(label)) for label in labels), default=0.0)
    return f"{max(3.0, longest + 0.8):.1f}em"


class WidgetCheck(AnswerWidget):
    """The check of a task answered in a course widget on the page (a SWOT board, a planner).

    ``widget``: that course widget; "Check my answer" saves its current state first, so a
    learner who accepts what it shows (a diagnostic prefilled from the case data) has
    answered.
    """

    def __init__(self, task_id: str | TaskSpec, widget: KamWidget | None = None, *,
                 expected: Any = _NO_ANSWER, **options: Unpack[WidgetOptions]) -> None:
        self.source = widget
        if widget is not None:
            if not isinstance(widget, KamWidget):
                raise fail("widget", widget, _("the course widget the task is answered in"))
            section = _spec_of(task_id, answered=expected is not _NO_ANSWER).answer_section
            if widget.section != section:
                raise fail("widget", widget.section,
                    _("a widget saving to {section!r}").format(section=section))
            options.setdefault("workbook", widget.workbook)
        super().__init__(task_id, expected=expected, **options)

    #: The course widget above already says how saved work comes back.
    footer = ""

    def _build_input(self) -> widgets.Widget:
        note = html.escape(_("Answer in the widget above, then check."))
        return widgets.HTML(f"<div class='kam-hint'>{note}</div>")

    def _answer(self) -> Any:
        return self.saved()

    def _show(self, saved: Any) -> None:
        """Nothing to show: the course widget shows the answer."""

    def check(self) -> Feedback:
        if self.source is not None:
            self.source.save()
        return super().check()

    def save(self) -> None:
        """The course widget saves its own state; this check never writes."""


_KINDS: dict[str, type[AnswerWidget]] = {
    "choice": ChoiceAnswer, "tick": TickAnswer, "number": NumberAnswer, "text": TextAnswer,
    "ids": IdsAnswer, "form": FormAnswer, "table": TableAnswer, "widget": WidgetCheck,
}


def answer(task_id: str | TaskSpec, widget: KamWidget | None = None,
           **options: Unpack[WidgetOptions]) -> AnswerWidget:
    """The answer widget of task ``task_id``, as its spec's ``kind`` says.

    Parameters
    ----------
    task_id : str or TaskSpec
        The task, e.g. "1.2", or a lecture's practice spec (see the module docstring).
    widget : KamWidget, optional
        For a task answered in a course widget (kind "widget"): that widget.
    **options
        ``workbook``, ``language`` as for every course widget.

    Returns
    -------
    AnswerWidget
        Displays itself in a notebook.

    Examples
    --------
    >>> answer("1.6").spec.kind
    'choice'
    """
    spec = _spec_of(task_id)
    if spec.kind == "widget":
        return WidgetCheck(task_id, widget, **options)
    if widget is not None:
        raise fail("widget", widget,
            _("None: task {task_id} has its own answer widget").format(task_id=spec.task_id))
    return _KINDS[spec.kind](task_id, **options)


def practice(spec: TaskSpec, widget: KamWidget | None = None, *, expected: Any = _NO_ANSWER,
             **options: Unpack[WidgetOptions]) -> AnswerWidget:
    """A lecture's practice question ("Your turn") in the answer widget its spec's kind names.

    The question belongs to no exercise: ``spec`` is not registered, and nothing is graded.
    "Check my answer" compares with ``expected``, computed by the lecture in the learner's
    own process; after :data:`TRIES_BEFORE_ANSWER` wrong checks the feedback gives it.

    Parameters
    ----------
    spec : TaskSpec
        The question: its kind, prompt, options...; its ``section`` is where the answer is
        saved (a lecture's own, e.g. ``"lecture3/rank"``).
    widget : KamWidget, optional
        For a question answered in a course widget on the page (kind "widget"): that widget.
    expected : Any, optional
        The right answer, in the form the widget saves (an option key, ids in order, a
        number...). Omitted: the spec's rubric alone judges (an open question).
    **options
        ``workbook``, ``language`` as for every course widget.

    Returns
    -------
    AnswerWidget
        Displays itself in a notebook.

    Raises
    ------
    KamValueError
        If ``spec`` is not a TaskSpec, or ``widget`` does not fit it.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from kamlib.exercises import TaskSpec
    >>> from kamlib.workbook import Workbook
    >>> book = Workbook(pathlib.Path(tempfile.mkdtemp()) / "learner.json")
    >>> question = TaskSpec("3.0", "How many classes has the XY grid besides VIP?", "number",
    ...                     section="lecture3/classes")
    >>> widget = practice(question, expected=3, workbook=book)
    >>> widget.enter("3")
    >>> widget.check().status
    'correct'
    """
    if not isinstance(spec, TaskSpec):
        raise fail("spec", spec, _("a kamlib.exercises.TaskSpec (a lecture's practice question)"))
    if spec.kind == "widget":
        return WidgetCheck(spec, widget, expected=expected, **options)
    if widget is not None:
        raise fail("widget", widget, _("None: this question has its own answer widget"))
    return _KINDS[spec.kind](spec, expected=expected, **options)


class ExerciseProgress(KamWidget):
    """Where an exercise stands: each task's status from the saved answers, and a Refresh.

    ``lecture``: "1", "2", "3" or "4" (the capstone). Never saves anything.
    """

    section = "progress"

    def __init__(self, lecture: str, **options: Unpack[WidgetOptions]) -> None:
        self.lecture = str(lecture)
        options.setdefault("section", f"progress/{self.lecture}")
        super().__init__(**options)

    def _build(self) -> None:
        self.table = widgets.HTML(layout=_WIDE)
        self.refresh_button = widgets.Button(description=_("Refresh"), icon="refresh")
        self.refresh_button.on_click(lambda _b: self._refresh())
        self.widget = card([self.refresh_button, self.table, self.message], "ExerciseProgress")
        self.statuses: dict[str, str] = {}

    def _refresh(self) -> None:
        frame = progress(self.lecture, workbook=self.workbook)
        self.statuses = dict(zip(frame["task"], frame["status"], strict=True))
        done = sum(status in ("correct", "saved") for status in self.statuses.values())
        rows = "".join(
            f"<tr><td>{html.escape(row.task)}</td><td>{_STATUS_WORDS[row.status]} "
            f"{html.escape(status_title(row.status))}</td><td>{html.escape(row.message)}"
            "</td></tr>" for row in frame.itertuples())
        summary = _("{done} of {n} tasks done.").format(done=done, n=len(frame))
        self.table.value = (f"<p><b>{html.escape(summary)}</b></p><table class='kam-table'>"
                            f"{rows}</table>")

    @property
    def value(self) -> dict[str, str]:
        """Task id → status ("correct", "wrong", "not answered" or "saved")."""
        return dict(self.statuses)

    def save(self) -> None:
        """Progress is read, never saved."""


__all__ = ["STATUSES", "TRIES_BEFORE_ANSWER", "AnswerWidget", "ChoiceAnswer", "ExerciseProgress",
           "FormAnswer", "IdsAnswer", "NumberAnswer", "TableAnswer", "TextAnswer", "TickAnswer",
           "WidgetCheck", "answer", "parse_number", "practice"]
