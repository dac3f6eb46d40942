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
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import ipywidgets as widgets

from kamlib.i18n import N_, _, register
from kamlib.validation import KamValueError, check_text, fail
from kamlib.views.style import OKABE_ITO
from kamlib.widgets._base import KamWidget, with_run_hint
from kamlib.widgets.layout import card
from kamlib.workbook import Workbook

register(
    {
        "quiz.check": N_("Check"),
        "quiz.correct": N_("Correct"),
        "quiz.not_quite": N_("Not quite"),
        "quiz.choose_first": N_("Choose an answer first, then press Check."),
        "quiz.pick_all": N_("Tick every right answer."),
        "quiz.missed": N_("right answer(s) not ticked yet"),
        "quiz.all_options": N_("Why each option is right or wrong"),
        "quiz.question": N_("Question"),
    }
)

_KEY = re.compile(r"^[\w./-]+$")
#: Wrong checks after which a learner may open the explanations.
TRIES_BEFORE_HELP = 2
_RIGHT, _WRONG = "\u2714", "\u2718"  # ✔ ✘
_GOOD_COLOR, _BAD_COLOR = OKABE_ITO["bluish_green"], OKABE_ITO["vermillion"]


def _check_options(options: Any) -> list[str]:
    if isinstance(options, str) or not isinstance(options, Sequence):
        raise fail("options", options, _("a list of at least two answer texts"))
    texts = [check_text(f"options[{i}]", option) for i, option in enumerate(options)]
    if len(texts) < 2:
        raise fail("options", options, _("a list of at least two answer texts"))
    repeated = sorted({text for text in texts if texts.count(text) > 1})
    if repeated:
        raise fail("options", repeated, _("each option once (no repeated option texts)"))
    return texts


def _check_answer(answer: Any, options: list[str]) -> list[str]:
    """Return the right answers as a list, in option order."""
    answers = [answer] if isinstance(answer, str) else answer
    if not isinstance(answers, (list, tuple, set, frozenset)) or not answers:
        raise fail("answer", answer, _("one of the options, or a list of them"))
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
        raise fail("explanations", explanations, _("a list with one explanation per option"))
    if len(explanations) != len(options):
        raise fail(
            "explanations",
            f"{len(explanations)} explanation(s)",
            _("{value}, one per option").format(value=len(options)),
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
    ``quiz/<key>`` (default: derived from the question text). ``scenario``: a situation to
    judge, shown above the question (a scenario question; paragraphs split on blank lines).

    After :data:`TRIES_BEFORE_HELP` wrong checks, a button opens every option's explanation,
    so nobody studying alone stays stuck.

    Parameters
    ----------
    question : str
        The question.
    options : sequence of str
        The options, two or more, in the order shown.
    answer : str or sequence of str
        The right option, or the right options (tick boxes).
    explanations : sequence of str or mapping
        Why each option is right or wrong, in option order or by option.
    key : str, optional
        The workbook section is ``quiz/<key>`` (default: derived from the question text).
    scenario : str, optional
        A situation to judge, shown above the question.
    workbook : Workbook, optional
        The workbook to save in (default: the learner's own).
    language : {"en", "zh"}, optional
        The language of the widget's labels (default: the current one).

    Raises
    ------
    KamValueError
        If the question or an option is empty, the answer is no option, an explanation is
        missing,.

    Examples
    --------
    >>> import tempfile
    >>> from kamlib.workbook import Workbook
    >>> book = Workbook(tempfile.mkdtemp() + "/workbook.json")
    >>> quiz = Quiz("Which class buys the most?", ["A", "C"], "A",
    ...             ["Right: class A buys the most.", "No: class C buys the least."],
    ...             key="classes", workbook=book, language="en")
    >>> quiz.section, quiz.value["checked"]
    ('quiz/classes', False)
    """

    def __init__(
        self,
        question: str,
        options: Sequence[str],
        answer: str | Sequence[str],
        explanations: Sequence[str] | Mapping[str, str],
        key: str | None = None,
        *,
        scenario: str | None = None,
        workbook: Workbook | None = None,
        language: str | None = None,
    ) -> None:
        self.question = check_text("question", question)
        self.scenario = None if scenario is None else check_text("scenario", scenario)
        self.options = _check_options(options)
        self.answers = _check_answer(answer, self.options)
        self.explanations = dict(
            zip(self.options, _check_explanations(explanations, self.options), strict=True)
        )
        self.multiple = not isinstance(answer, str)
        key = _default_key(self.question) if key is None else check_text("key", key)
        if not _KEY.match(key):
            raise fail("key", key, _("letters, digits, '_', '-', '.' or '/' (no spaces)"))
        self.key = key
        super().__init__(section=f"quiz/{key}", workbook=workbook, language=language)

    def _build(self) -> None:
        self.checked = False
        self.tries = 0  # wrong checks so far
        self.revealed = False  # the learner opened the explanations
        self._listeners: list[Callable[[], None]] = []
        prompt = html.escape(self.question)
        if self.multiple:
            prompt += f' <i>({html.escape(self.label("quiz.pick_all"))})</i>'
        story = "" if self.scenario is None else "".join(
            f"<p style='margin:0 0 6px'>{html.escape(part)}</p>"
            for part in re.split(r"\n\s*\n", self.scenario.strip()))
        if story:
            story = ("<div class='kam-scenario' style='background:#F4F8FB;border-left:4px solid "
                     f"#56B4E9;padding:6px 10px;margin-bottom:6px'>{story}</div>")
        self.prompt = widgets.HTML(f"{story}<b>{prompt}</b>")
        if self.multiple:
            self.boxes = [
                widgets.Checkbox(value=False, description=option, indent=False,
                                 layout=widgets.Layout(width="100%"))
                for option in self.options
            ]
            self.choice: widgets.Widget = widgets.VBox(self.boxes)
            for box in self.boxes:
                box.observe(self._on_choice, names="value")
        else:
            self.choice = widgets.RadioButtons(
                options=self.options, value=None, layout=widgets.Layout(width="100%")
            )
            self.choice.observe(self._on_choice, names="value")
        self.check_button = widgets.Button(
            description=self.label("quiz.check"), button_style="primary", icon="check"
        )
        self.check_button.on_click(lambda _button: self.check())
        self.help_button = widgets.Button(
            description=_("Show the explanation", self.language), icon="lightbulb-o",
            layout=widgets.Layout(display="none", width="auto"),
        )
        self.help_button.on_click(lambda _button: self.reveal())
        self.feedback = widgets.HTML()
        self.widget = card(
            [self.prompt, self.choice, widgets.HBox([self.check_button, self.help_button]),
             self.feedback, self.message],
            "Quiz", footer="",
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
            raise fail("choice", choice, _("a single option (this question has one right answer)"))
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
        """``{"selected": [...], "checked", "correct", "tries", "revealed"}``: what the
        workbook keeps (``tries``: wrong checks so far; ``revealed``: explanations opened)."""
        return {"selected": self.selected, "checked": self.checked, "correct": self.correct,
                "tries": self.tries, "revealed": self.revealed}

    def _restore(self, saved: Any) -> None:
        if not isinstance(saved, dict):
            return
        chosen = [c for c in saved.get("selected", []) if c in self.options]
        self.select(chosen if self.multiple else chosen[:1])
        self.checked = bool(saved.get("checked")) and bool(chosen)
        tries = saved.get("tries", 0)
        self.tries = tries if isinstance(tries, int) and not isinstance(tries, bool) and \
            tries >= 0 else 0
        self.revealed = saved.get("revealed") is True

    def _refresh(self) -> None:
        """Show the feedback on the restored answer if it had been checked, and the help."""
        if self.checked or self.revealed:
            self.feedback.value = self._feedback_html()
        self._show_help_button()

    def on_checked(self, callback: Callable[[], None]) -> None:
        """Call ``callback()`` after every check (a :class:`QuizSet` keeps its score so)."""
        self._listeners.append(callback)

    # --- behaviour ---------------------------------------------------------------------

    def _on_choice(self, _change: dict[str, Any]) -> None:
        """A new choice hides the old feedback (it judged another answer) and is saved."""
        if self._syncing:
            return
        self.checked = False
        self.feedback.value = self._feedback_html() if self.revealed else ""
        self.clear_error()
        self.save()

    def check(self) -> None:
        """Judge the current choice and show the feedback (what the Check button does)."""
        if not self.selected:
            self.show_error(KamValueError(self.label("quiz.choose_first")))
            return
        self.clear_error()
        self.checked = True
        if not self.correct:
            self.tries += 1
        self.feedback.value = self._feedback_html()
        self._show_help_button()
        self.save()
        for callback in self._listeners:
            callback()

    def reveal(self) -> None:
        """Open every option's explanation (what "Show the explanation" does)."""
        self.revealed = True
        self.feedback.value = self._feedback_html()
        self._show_help_button()
        self.save()

    def _show_help_button(self) -> None:
        stuck = self.tries >= TRIES_BEFORE_HELP and not self.revealed and not (
            self.checked and self.correct)
        self.help_button.layout.display = None if stuck else "none"

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
        if not self.checked:  # only the explanations the learner asked for
            return self._revealed_html()
        correct = self.correct
        color = _GOOD_COLOR if correct else _BAD_COLOR
        icon = _RIGHT if correct else _WRONG
        word = self.label("quiz.correct" if correct else "quiz.not_quite")
        missed = len([a for a in self.answers if a not in self.selected])
        note = ""
        if not correct and self.multiple and missed:
            note = f"<div>{missed} {html.escape(self.label('quiz.missed'))}.</div>"
        shown = self.options if correct or self.revealed else self.selected
        heading = (
            f"<div><i>{html.escape(self.label('quiz.all_options'))}:</i></div>"
            if correct or self.revealed else ""
        )
        nudge = ""
        if not correct and not self.revealed:
            nudge = "<div class='kam-hint'>" + html.escape(
                _("Try again.", self.language) if self.tries < TRIES_BEFORE_HELP else
                _("Stuck? Open the explanation below the question.", self.language)) + "</div>"
        return (
            f'<div role="status" style="border-left:4px solid {color};padding:4px 8px">'
            f'<b style="color:{color}">{icon} {html.escape(word)} \u2014</b>'
            f"{note}{heading}{self._explained(shown)}{nudge}</div>"
        )

    def _revealed_html(self) -> str:
        if not self.revealed:
            return ""
        return ('<div role="status" style="border-left:4px solid #56B4E9;padding:4px 8px">'
                f"<i>{html.escape(self.label('quiz.all_options'))}:</i>"
                f"{self._explained(self.options)}</div>")


class QuizSet:
    """Several numbered :class:`Quiz` questions shown together, with a running score.

    Build one with :func:`quiz_set`.

    Parameters
    ----------
    quizzes : list of Quiz
        The questions, in order.
    widget : ipywidgets.Widget
        What shows them all.
    scores : sequence of ipywidgets.HTML
        The places (e.g. above and below the questions) that show the score.

    Examples
    --------
    >>> import tempfile
    >>> from kamlib.workbook import Workbook
    >>> book = Workbook(tempfile.mkdtemp() + "/workbook.json")
    >>> questions = [{"question": "Which class buys the most?", "options": ["A", "C"],
    ...               "answer": "A", "explanations": ["Right.", "No: class C buys the least."]}]
    >>> quizzes = quiz_set(questions, "doc", workbook=book, language="en")
    >>> quizzes.score
    (0, 1)
    """

    def __init__(self, quizzes: list[Quiz], widget: widgets.Widget,
                 scores: Sequence[widgets.HTML] = ()) -> None:
        """``scores``: the places (e.g. above and below the questions) that show the score."""
        self.quizzes = quizzes
        self.widget = widget
        self.scores = list(scores)
        for quiz in quizzes:
            quiz.on_checked(self._show_score)
        self._show_score()

    @property
    def score(self) -> tuple[int, int]:
        """(questions checked and right, questions in all)."""
        return sum(q.checked and q.correct for q in self.quizzes), len(self.quizzes)

    def _show_score(self) -> None:
        right, total = self.score
        language = self.quizzes[0].language if self.quizzes else None
        text = _("Score: {right} of {total} right", language).format(right=right, total=total)
        for place in self.scores:
            place.value = (
                f"<div role='status' style='font-size:1.1em'><b>{html.escape(text)}</b> "
                f"<progress value='{right}' max='{total}' style='vertical-align:middle'>"
                "</progress></div>")

    @property
    def value(self) -> list[dict[str, Any]]:
        """The state of each question, in order."""
        return [quiz.value for quiz in self.quizzes]

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return with_run_hint(self.widget._repr_mimebundle_(**kwargs))

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self._repr_mimebundle_(), raw=True)


_QUESTION_FIELDS = {"question", "options", "answer", "explanations", "key", "scenario"}
_OPTIONAL_FIELDS = {"key", "scenario"}


def quiz_set(
    questions: list[dict[str, Any]],
    key_prefix: str,
    *,
    workbook: Workbook | None = None,
    language: str | None = None,
) -> QuizSet:
    """Build numbered quizzes from dicts with ``question``, ``options``, ``answer``,
    ``explanations`` (and optionally ``key``, and ``scenario`` for a scenario question);
    each is saved as ``quiz/<key_prefix>/<n>``. The set shows a running score.
    """
    key_prefix = check_text("key_prefix", key_prefix)
    if not isinstance(questions, list) or not questions:
        raise fail("questions", questions, _("a non-empty list of question dicts"))
    quizzes = []
    for number, spec in enumerate(questions, 1):
        field = f"questions[{number - 1}]"
        if not isinstance(spec, dict):
            raise fail(field, spec, _("a dict with question, options, answer, explanations"))
        unknown = sorted(set(spec) - _QUESTION_FIELDS)
        missing = sorted(_QUESTION_FIELDS - _OPTIONAL_FIELDS - set(spec))
        if unknown or missing:
            raise fail(
                field,
                sorted(spec),
                "the keys question, options, answer, explanations and optionally key, scenario"
                + (f" (missing {', '.join(missing)})" if missing else "")
                + (f" (unknown {', '.join(unknown)})" if unknown else ""),
            )
        key = f"{key_prefix}/{spec.get('key', number)}"
        fields = {name: spec[name] for name in _QUESTION_FIELDS - {"key"} if name in spec}
        quizzes.append(Quiz(**fields, key=key, workbook=workbook, language=language))
    rows: list[widgets.Widget] = []
    top, bottom = widgets.HTML(), widgets.HTML()
    for number, quiz in enumerate(quizzes, 1):
        title = f"{quiz.label('quiz.question')} {number}"
        if quiz.scenario is not None:
            title += " · " + _("scenario", language)
        rows.append(widgets.HTML(f"<h4 style='margin:12px 0 0'>{html.escape(title)}</h4>"))
        rows.append(quiz.widget)
    return QuizSet(quizzes, card([top, *rows, bottom], "QuizSet"), (top, bottom))
