"""Self-check questions (自测题): choose, check, and read why each option is right or wrong.

A :class:`Quiz` shows one question with radio buttons (one right answer) or tick boxes
(several right answers). "Check" gives feedback that does not rely on colour alone: an icon
and the words "Correct —" or "Not quite —", then the explanation of each option the learner
chose. Once the answer is right, the explanations of all options are shown. The learner's
last choice is kept in the workbook under ``quiz/<key>`` and shown again when the quiz is
created anew. :func:`quiz_set` numbers several questions under one heading.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Mapping, Sequence
from typing import Any

import ipywidgets as widgets

from kamlib.i18n import register
from kamlib.validation import KamValueError, check_text, fail
from kamlib.views.style import OKABE_ITO
from kamlib.widgets._base import KamWidget
from kamlib.workbook import Workbook

register(
    {
        "quiz.check": {"en": "Check", "zh": "检查答案"},
        "quiz.correct": {"en": "Correct", "zh": "正确"},
        "quiz.not_quite": {"en": "Not quite", "zh": "还不对"},
        "quiz.choose_first": {
            "en": "Choose an answer first, then press Check.",
            "zh": "请先选择答案，再点“检查答案”。",
        },
        "quiz.pick_all": {"en": "Tick every right answer.", "zh": "勾选所有正确答案。"},
        "quiz.missed": {
            "en": "right answer(s) not ticked yet",
            "zh": "个正确答案尚未勾选",
        },
        "quiz.all_options": {"en": "Why each option is right or wrong", "zh": "每个选项的解释"},
        "quiz.question": {"en": "Question", "zh": "问题"},
    }
)

_KEY = re.compile(r"^[\w./-]+$")
_RIGHT, _WRONG = "\u2714", "\u2718"  # ✔ ✘
_GOOD_COLOR, _BAD_COLOR = OKABE_ITO["bluish_green"], OKABE_ITO["vermillion"]


def _check_options(options: Any) -> list[str]:
    if isinstance(options, str) or not isinstance(options, Sequence):
        raise fail("options", options, "a list of at least two answer texts")
    texts = [check_text(f"options[{i}]", option) for i, option in enumerate(options)]
    if len(texts) < 2:
        raise fail("options", options, "a list of at least two answer texts")
    repeated = sorted({text for text in texts if texts.count(text) > 1})
    if repeated:
        raise fail("options", repeated, "each option once (no repeated option texts)")
    return texts


def _check_answer(answer: Any, options: list[str]) -> list[str]:
    """Return the right answers as a list, in option order."""
    answers = [answer] if isinstance(answer, str) else answer
    if not isinstance(answers, (list, tuple, set, frozenset)) or not answers:
        raise fail("answer", answer, "one of the options, or a list of them")
    stripped = [a.strip() if isinstance(a, str) else a for a in answers]
    unknown = [a for a in stripped if a not in options]
    if unknown:
        raise fail("answer", unknown[0], "one of the options: " + ", ".join(map(repr, options)))
    return [option for option in options if option in stripped]


def _check_explanations(explanations: Any, options: list[str]) -> list[str]:
    """Return one explanation per option, in option order (from a list or an option→text map)."""
    if isinstance(explanations, Mapping):
        if set(explanations) != set(options):
            raise fail(
                "explanations",
                sorted(map(str, explanations)),
                "one explanation for each option, keyed by the option texts "
                + ", ".join(map(repr, options)),
            )
        explanations = [explanations[option] for option in options]
    elif isinstance(explanations, str) or not isinstance(explanations, Sequence):
        raise fail("explanations", explanations, "a list with one explanation per option")
    if len(explanations) != len(options):
        raise fail(
            "explanations",
            f"{len(explanations)} explanation(s)",
            f"{len(options)}, one per option",
        )
    return [check_text(f"explanations[{i}]", text) for i, text in enumerate(explanations)]


def _default_key(question: str) -> str:
    """A stable key from the question text, so a quiz without a key still remembers answers."""
    return hashlib.sha1(question.encode("utf-8")).hexdigest()[:12]


class Quiz(KamWidget):
    """One self-check question with feedback and the learner's last answer remembered.

    ``answer``: the right option, or a list of them (then the options are tick boxes).
    ``explanations``: one text per option (a list in option order, or ``{option: text}``)
    saying why that option is right or wrong. ``key`` names the workbook section
    ``quiz/<key>`` (default: derived from the question text).
    """

    def __init__(
        self,
        question: str,
        options: Sequence[str],
        answer: str | Sequence[str],
        explanations: Sequence[str] | Mapping[str, str],
        key: str | None = None,
        *,
        workbook: Workbook | None = None,
        language: str | None = None,
    ) -> None:
        self.question = check_text("question", question)
        self.options = _check_options(options)
        self.answers = _check_answer(answer, self.options)
        self.explanations = dict(
            zip(self.options, _check_explanations(explanations, self.options), strict=True)
        )
        self.multiple = not isinstance(answer, str)
        key = _default_key(self.question) if key is None else check_text("key", key)
        if not _KEY.match(key):
            raise fail("key", key, "letters, digits, '_', '-', '.' or '/' (no spaces)")
        self.key = key
        super().__init__(section=f"quiz/{key}", workbook=workbook, language=language)

    def _build(self) -> None:
        self.checked = False
        prompt = html.escape(self.question)
        if self.multiple:
            prompt += f' <i>({html.escape(self.label("quiz.pick_all"))})</i>'
        self.prompt = widgets.HTML(f"<b>{prompt}</b>")
        if self.multiple:
            self.boxes = [
                widgets.Checkbox(value=False, description=option, indent=False)
                for option in self.options
            ]
            self.choice: widgets.Widget = widgets.VBox(self.boxes)
            for box in self.boxes:
                box.observe(self._on_choice, names="value")
        else:
            self.choice = widgets.RadioButtons(
                options=self.options, value=None, layout=widgets.Layout(width="max-content")
            )
            self.choice.observe(self._on_choice, names="value")
        self.check_button = widgets.Button(
            description=self.label("quiz.check"), button_style="primary", icon="check"
        )
        self.check_button.on_click(lambda _button: self.check())
        self.feedback = widgets.HTML()
        self.widget = widgets.VBox(
            [self.prompt, self.choice, self.check_button, self.feedback, self.message]
        )

    # --- state -------------------------------------------------------------------------

    @property
    def selected(self) -> list[str]:
        """The options the learner has chosen now, in option order."""
        if self.multiple:
            return [box.description for box in self.boxes if box.value]
        return [] if self.choice.value is None else [self.choice.value]

    def select(self, choice: str | Sequence[str] | None) -> None:
        """Choose an option (or, for tick boxes, a list of them) as a learner would."""
        chosen = [] if choice is None else [choice] if isinstance(choice, str) else list(choice)
        unknown = [c for c in chosen if c not in self.options]
        if unknown:
            raise fail("choice", unknown[0], "one of the options: " + ", ".join(self.options))
        if not self.multiple and len(chosen) > 1:
            raise fail("choice", choice, "a single option (this question has one right answer)")
        if self.multiple:
            for box in self.boxes:
                box.value = box.description in chosen
        else:
            self.choice.value = chosen[0] if chosen else None

    @property
    def correct(self) -> bool:
        """Whether the current choice is exactly the right answer(s)."""
        return self.selected == self.answers

    @property
    def value(self) -> dict[str, Any]:
        """``{"selected": [...], "checked": bool, "correct": bool}``: what the workbook keeps."""
        return {"selected": self.selected, "checked": self.checked, "correct": self.correct}

    def _restore(self, saved: Any) -> None:
        if not isinstance(saved, dict):
            return
        chosen = [c for c in saved.get("selected", []) if c in self.options]
        self.select(chosen if self.multiple else chosen[:1])
        self.checked = bool(saved.get("checked")) and bool(chosen)

    def _refresh(self) -> None:
        """Show the feedback on the restored answer if it had been checked."""
        if self.checked:
            self.feedback.value = self._feedback_html()

    # --- behaviour ---------------------------------------------------------------------

    def _on_choice(self, _change: dict[str, Any]) -> None:
        """A new choice hides the old feedback (it judged another answer) and is saved."""
        if self._syncing:
            return
        self.checked = False
        self.feedback.value = ""
        self.clear_error()
        self.save()

    def check(self) -> None:
        """Judge the current choice and show the feedback (what the Check button does)."""
        if not self.selected:
            self.show_error(KamValueError(self.label("quiz.choose_first")))
            return
        self.clear_error()
        self.checked = True
        self.feedback.value = self._feedback_html()
        self.save()

    @property
    def feedback_text(self) -> str:
        """The feedback on show, as plain text (for tests and screen readers)."""
        text = html.unescape(re.sub(r"<[^>]+>", " ", self.feedback.value))
        return re.sub(r"\s+", " ", text).replace(" :", ":").strip()

    def _verdict(self, option: str) -> str:
        right = option in self.answers
        color = _GOOD_COLOR if right else _BAD_COLOR
        icon = _RIGHT if right else _WRONG
        return f'<span style="color:{color}" aria-hidden="true">{icon}</span>'

    def _explained(self, options: list[str]) -> str:
        items = "".join(
            f"<li>{self._verdict(o)} <b>{html.escape(o)}</b>: "
            f"{html.escape(self.explanations[o])}</li>"
            for o in options
        )
        return f'<ul style="margin:4px 0">{items}</ul>'

    def _feedback_html(self) -> str:
        correct = self.correct
        color = _GOOD_COLOR if correct else _BAD_COLOR
        icon = _RIGHT if correct else _WRONG
        word = self.label("quiz.correct" if correct else "quiz.not_quite")
        missed = len([a for a in self.answers if a not in self.selected])
        note = ""
        if not correct and self.multiple and missed:
            note = f"<div>{missed} {html.escape(self.label('quiz.missed'))}.</div>"
        shown = self.options if correct else self.selected
        heading = (
            f"<div><i>{html.escape(self.label('quiz.all_options'))}:</i></div>" if correct else ""
        )
        return (
            f'<div role="status" style="border-left:4px solid {color};padding:4px 8px">'
            f'<b style="color:{color}">{icon} {html.escape(word)} \u2014</b>'
            f"{note}{heading}{self._explained(shown)}</div>"
        )


class QuizSet:
    """Several numbered :class:`Quiz` questions shown together, with the learner's score."""

    def __init__(self, quizzes: list[Quiz], widget: widgets.Widget) -> None:
        self.quizzes = quizzes
        self.widget = widget

    @property
    def score(self) -> tuple[int, int]:
        """(questions checked and right, questions in all)."""
        return sum(q.checked and q.correct for q in self.quizzes), len(self.quizzes)

    @property
    def value(self) -> list[dict[str, Any]]:
        """The state of each question, in order."""
        return [quiz.value for quiz in self.quizzes]

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.widget._repr_mimebundle_(**kwargs)

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)


_QUESTION_FIELDS = {"question", "options", "answer", "explanations", "key"}


def quiz_set(
    questions: list[dict[str, Any]],
    key_prefix: str,
    *,
    workbook: Workbook | None = None,
    language: str | None = None,
) -> QuizSet:
    """Build numbered quizzes from dicts with ``question``, ``options``, ``answer``,
    ``explanations`` (and optionally ``key``); each is saved as ``quiz/<key_prefix>/<n>``.
    """
    key_prefix = check_text("key_prefix", key_prefix)
    if not isinstance(questions, list) or not questions:
        raise fail("questions", questions, "a non-empty list of question dicts")
    quizzes = []
    for number, spec in enumerate(questions, 1):
        field = f"questions[{number - 1}]"
        if not isinstance(spec, dict):
            raise fail(field, spec, "a dict with question, options, answer, explanations")
        unknown = sorted(set(spec) - _QUESTION_FIELDS)
        missing = sorted(_QUESTION_FIELDS - {"key"} - set(spec))
        if unknown or missing:
            raise fail(
                field,
                sorted(spec),
                "the keys question, options, answer, explanations and optionally key"
                + (f" (missing {', '.join(missing)})" if missing else "")
                + (f" (unknown {', '.join(unknown)})" if unknown else ""),
            )
        key = f"{key_prefix}/{spec.get('key', number)}"
        fields = {name: spec[name] for name in _QUESTION_FIELDS - {"key"}}
        quizzes.append(Quiz(**fields, key=key, workbook=workbook, language=language))
    rows = []
    for number, quiz in enumerate(quizzes, 1):
        title = f"{quiz.label('quiz.question')} {number}"
        rows.append(widgets.HTML(f"<h4 style='margin:12px 0 0'>{html.escape(title)}</h4>"))
        rows.append(quiz.widget)
    return QuizSet(quizzes, widgets.VBox(rows))
