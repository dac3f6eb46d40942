"""Judging one answer: the rules the learner's instant feedback and the grader share.

An answer is plain data (what an answer widget saves in the workbook, or what a learner who
prefers code put in ``answer_1_2``). :func:`judge` checks its kind and shape, applies the
task's rubric, then compares it with the expected answer through a *matcher*: a function
that says whether a canonical form (:func:`answer_forms`) is the expected one. The learner's
matcher compares salted hashes from the answer key; the grader's compares with the expected
answer it computed itself. One code path, so both always agree.

Numbers are compared on a grid: with ``tolerance`` t, the answer ``a`` and the expected ``e``
match when their cells ``floor(a / t)`` and ``floor(e / t)`` differ by at most one
(:func:`number_cell`): every answer within t of the expected value is accepted, none
further than 2t. A hash of the expected cell is all the instant feedback needs.
"""

from __future__ import annotations

import hashlib
import html
import json
import math
import numbers
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from kamlib.exercises.tasks import TaskSpec
from kamlib.i18n import N_, _
from kamlib.validation import check_choice, check_number, check_text

STATUSES = ("correct", "wrong", "not answered", "saved")
_TITLES = {
    "correct": N_("Correct"),
    "wrong": N_("Not quite"),
    "not answered": N_("Not answered yet"),
    "saved": N_("Saved"),
}
# status -> (icon, border colour, background); the icon and the word carry the meaning
# without colour.
_LOOK = {
    "correct": ("✔", "#009E73", "#e6f5ef"),
    "wrong": ("✘", "#D55E00", "#fbece3"),
    "not answered": ("…", "#E69F00", "#fdf4e0"),
    "saved": ("✎", "#0072B2", "#e5f0f8"),
}
#: Slips that put a number a power of ten off, and what to look at.
_SCALE_SLIPS = (
    (100, N_("a fraction where a percentage is asked, or the other way round (0.45 vs 45)")),
    (1_000, N_("check the unit (yuan vs thousand yuan)")),
    (10_000, N_("check the unit (yuan vs 万元, ten thousand yuan)")),
    (1_000_000, N_("check the unit (yuan vs million yuan)")),
)

Matcher = Callable[[str], bool]


def status_title(status: str) -> str:
    """The word for a status ("Correct", "Not quite", ...) in the current language."""
    check_choice("status", status, STATUSES)
    return _(_TITLES[status])


@dataclass(frozen=True)
class Feedback:
    """The verdict on one task: ``status`` (see :data:`STATUSES`), a message and the share of
    the task's points earned (``score``, 0–1)."""

    task: str
    status: str
    message: str
    score: float = 0.0
    #: Shown instead of "Task <id>" (a lecture's practice task says "Your turn").
    label: str = ""

    def __post_init__(self) -> None:
        check_text("task", self.task)
        check_choice("status", self.status, STATUSES)
        check_text("message", self.message, allow_empty=True)
        check_number("score", self.score, minimum=0, maximum=1)
        check_text("label", self.label, allow_empty=True)

    @property
    def title(self) -> str:
        """"Task 1.2: Correct" (or "Your turn: Correct") in the current language."""
        if self.label:
            return _("{label}: {status}").format(label=self.label,
                                                  status=status_title(self.status))
        return _("Task {task}: {status}").format(task=self.task, status=status_title(self.status))

    def __str__(self) -> str:
        return f"{_LOOK[self.status][0]} {self.title}. {self.message}".rstrip()

    def _repr_html_(self) -> str:
        icon, border, background = _LOOK[self.status]
        return (
            f'<div role="status" style="border-left:6px solid {border};background:{background};'
            f'color:#1a1a1a;padding:0.5em 0.8em;margin:0.3em 0;border-radius:3px">'
            f'<span aria-hidden="true">{icon}</span> <strong>{html.escape(self.title)}</strong>'
            f"<br>{html.escape(self.message)}</div>"
        )


class _Problem(ValueError):
    """An answer of the wrong kind or shape; ``message`` says what is wrong."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# --- reading an answer ----------------------------------------------------------------------


def unanswered(answer: Any) -> bool:
    """True for what an untouched answer looks like: missing, None, empty text or containers,
    or a table whose cells are all empty."""
    if answer is None:
        return True
    if isinstance(answer, str):
        return not answer.strip()
    if isinstance(answer, Mapping):
        return not answer or all(unanswered(value) for value in answer.values())
    if isinstance(answer, (list, tuple, set, frozenset)):
        return not answer or all(unanswered(item) for item in answer)
    return False


def answer_part(spec: TaskSpec, saved: Any) -> Any:
    """The part of a saved section that the task judges (``spec.field``), or the whole."""
    if not spec.field:
        return saved
    return saved.get(spec.field) if isinstance(saved, Mapping) else None


def _text(value: Any) -> str:
    return " ".join(str(value).split())


def _is_number(value: Any) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def _items(value: Any, what: str) -> list[str]:
    if isinstance(value, (str, bytes)) or not isinstance(value, (list, tuple, set, frozenset)):
        raise _Problem(_("should be a list of {what}.").format(what=what))
    if not all(isinstance(item, str) for item in value):
        raise _Problem(_("should list {what} as texts.").format(what=what))
    return [_text(item) for item in value]


def _choice_key(spec: TaskSpec, value: Any) -> str:
    keys = {key.casefold(): key for key, _label in spec.choices()}
    if not isinstance(value, str) or _text(value).casefold() not in keys:
        raise _Problem(_("is not one of the options offered."))
    return keys[_text(value).casefold()]


def _ids(spec: TaskSpec, value: Any) -> list[str]:
    given = [item.upper() for item in _items(value, _("ids"))]
    allowed = {key.upper() for key, _label in spec.choices()}
    unknown = [item for item in given if allowed and item not in allowed]
    if unknown:
        raise _Problem(_("names {item}, which is not one of the ids offered.").format(
            item=unknown[0]))
    if len(set(given)) != len(given):
        raise _Problem(_("names the same id more than once."))
    return given if spec.ordered else sorted(given)


def _field_value(item: Any, spec_field: Any) -> Any:
    label = _(spec_field.label)
    if spec_field.kind in ("number", "integer"):
        if not _is_number(item) or not math.isfinite(float(item)):
            raise _Problem(_("needs a number in “{label}”.").format(label=label))
        if spec_field.kind == "integer":
            if float(item) != int(item):
                raise _Problem(_("needs a whole number in “{label}”.").format(label=label))
            item = int(item)
        low, high = spec_field.minimum, spec_field.maximum
        if (low is not None and item < low) or (high is not None and item > high):
            raise _Problem(_("has “{label}” outside {low:g}–{high:g}.").format(
                label=label, low=low if low is not None else -math.inf,
                high=high if high is not None else math.inf))
        return item
    if spec_field.kind == "check":
        if not isinstance(item, bool):
            raise _Problem(_("needs yes or no in “{label}”.").format(label=label))
        return item
    if not isinstance(item, str):
        raise _Problem(_("needs a text in “{label}”.").format(label=label))
    if spec_field.kind == "choice":
        keys = {key for key, _label in spec_field.options}
        if item not in keys:
            raise _Problem(_("has a choice in “{label}” that is not offered.").format(label=label))
    return _text(item)


def _form(spec: TaskSpec, value: Any) -> dict[str, Any]:
    if not isinstance(value, Mapping):
        raise _Problem(_("should be the filled form (a dict of its fields)."))
    missing = [f for f in spec.fields if f.key not in value]
    if missing:
        raise _Problem(_("leaves “{label}” empty.").format(label=_(missing[0].label)))
    return {f.key: _field_value(value[f.key], f) for f in spec.fields}


def _table(spec: TaskSpec, value: Any) -> list[dict[str, Any]]:
    if isinstance(value, (str, Mapping)) or not isinstance(value, Sequence):
        raise _Problem(_("should be the table's rows (a list)."))
    rows = []
    for row in value:
        if not isinstance(row, Mapping):
            raise _Problem(_("should have rows of fields (dicts)."))
        if unanswered([row.get(f.key) for f in spec.fields]):
            continue  # an empty row of the editor
        cells = {}
        for spec_field in spec.fields:
            item = row.get(spec_field.key)
            blank = item is None or (isinstance(item, str) and not item.strip())
            cells[spec_field.key] = "" if blank else _field_value(item, spec_field)
        if spec.rows:
            label = row.get("row")
            if label not in spec.rows:
                raise _Problem(_("has a row that is not one of the table's rows."))
            cells["row"] = label
        rows.append(cells)
    if len(rows) < spec.min_rows:
        raise _Problem(_("has {n} filled row(s); fill at least {low}.").format(
            n=len(rows), low=spec.min_rows))
    if len(rows) > spec.max_rows:
        raise _Problem(_("has {n} rows; at most {high} are asked for.").format(
            n=len(rows), high=spec.max_rows))
    return rows


def canonical(spec: TaskSpec, answer: Any) -> Any:
    """The answer in the task's canonical form (keys, sorted ids, a float...).

    Raises
    ------
    ValueError
        (an internal ``_Problem``) when the answer is of the wrong kind or shape; its
        ``message`` completes the sentence "Your answer ...".
    """
    kind = spec.kind
    if kind == "choice":
        return _choice_key(spec, answer)
    if kind == "tick":
        keys = [_choice_key(spec, item) for item in _items(answer, _("options"))]
        return sorted(set(keys))
    if kind == "ids":
        return _ids(spec, answer)
    if kind == "number":
        if not _is_number(answer) or not math.isfinite(float(answer)):
            raise _Problem(_("should be a number."))
        return float(answer)
    if kind == "text":
        if not isinstance(answer, str):
            raise _Problem(_("should be a text."))
        if len(answer.strip()) < spec.min_length:
            raise _Problem(_("is shorter than {n} characters: say a little more.").format(
                n=spec.min_length))
        return answer.strip()
    if kind == "form":
        return _form(spec, answer)
    if kind == "table":
        return _table(spec, answer)
    return answer  # a course widget's own state: its rubric judges it


# --- comparing ------------------------------------------------------------------------------


def number_cell(value: float, step: float) -> int:
    """The grid cell of ``value`` on a grid of ``step`` (> 0): ``floor(value / step)``."""
    return math.floor(round(value / step, 6))


def _number_form(value: float, step: float, offset: int = 0) -> str:
    if step == 0:  # exact: whole numbers such as a count of accounts
        return f"n={float(value):.12g}"
    return f"n:{number_cell(value, step) + offset}"


def answer_forms(spec: TaskSpec, value: Any) -> list[str]:
    """The canonical texts of a canonical ``value`` that a matcher compares.

    One text for every kind, except numbers: the three grid cells around it (an expected
    number has one form, that of its own cell: use ``expected_form``).
    """
    if spec.compare == "number":
        offsets = (0,) if spec.tolerance == 0 else (-1, 0, 1)
        return [_number_form(value, spec.tolerance, offset) for offset in offsets]
    return [expected_form(spec, value)]


def expected_form(spec: TaskSpec, value: Any) -> str:
    """The one canonical text of an expected (canonical) answer."""
    compare = spec.compare
    if compare == "number":
        return _number_form(value, spec.tolerance)
    if compare == "exact":
        return "x:" + _text(value).casefold()
    if compare == "set":
        return "s:" + json.dumps(sorted({_text(v).upper() for v in value}), ensure_ascii=False)
    if compare == "sequence":
        return "q:" + json.dumps([_text(v).upper() for v in value], ensure_ascii=False)
    return "f:" + json.dumps(value, sort_keys=True, ensure_ascii=False)


def digest(salt: str, task_id: str, form: str) -> str:
    """Salted SHA-256 of one canonical form of task ``task_id``'s answer."""
    return hashlib.sha256(f"{salt}\n{task_id}\n{form}".encode()).hexdigest()


def _scale_slip(spec: TaskSpec, value: float, matches: Callable[[float], bool]) -> str | None:
    for factor, reason in _SCALE_SLIPS:
        if matches(value / factor) or matches(value * factor):
            return _("is about {factor:,} times off: {reason}.").format(
                factor=factor, reason=_(reason))
    if value and matches(-value):
        return _("has the wrong sign.")
    return None


def _partial(spec: TaskSpec, mine: Any, expected: Any) -> float:
    """The share of a multi-part answer that is right (the grader's partial credit)."""
    if spec.compare == "set":
        wanted, given = set(expected), set(mine)
        if not wanted:
            return float(not given)
        return max(0.0, (len(given & wanted) - len(given - wanted)) / len(wanted))
    if spec.compare == "sequence":
        right = sum(a == b for a, b in zip(mine, expected, strict=False))
        return right / max(len(expected), 1)
    if spec.compare == "fields" and isinstance(expected, Mapping) and expected:
        return sum(mine.get(key) == value for key, value in expected.items()) / len(expected)
    return 0.0


def judge(
    spec: TaskSpec,
    answer: Any,
    matcher: Matcher | None,
    *,
    workbook: Mapping[str, Any] | None = None,
    expected: Any = None,
    partial: bool = False,
) -> Feedback:
    """Judge one answer to ``spec``; see the module docstring.

    Parameters
    ----------
    spec : TaskSpec
        The task.
    answer : Any
        The answer as saved (already reduced to ``spec.field``; see :func:`answer_part`).
    matcher : callable or None
        ``matcher(form) -> bool``: is this canonical form the expected answer's? None when
        nothing to compare with is at hand (the result is then "saved" once the rubric passes).
    workbook : mapping, optional
        The learner's other workbook sections, for rubrics that look across sections.
    expected : Any, optional
        The expected answer (the grader only): enables partial credit.
    partial : bool
        Whether the task gives partial credit (declared in the source notebook).

    Returns
    -------
    Feedback
        Correct (score 1), wrong (score 0, or the partial share), not answered, or saved.
    """
    task = spec.task_id
    if unanswered(answer):
        return Feedback(task, "not answered", spec.say(spec.prompt))
    try:
        value = canonical(spec, answer)
        problem = spec.rubric(value, workbook or {}) if spec.rubric else None
        if problem is None and spec.extract is not None:
            value = spec.extract(value)
    except _Problem as error:
        problem = error.message
    except Exception as error:  # an unforeseen shape of answer must not stop the checks
        problem = _("could not be checked ({kind}); is it the kind of answer asked for?").format(
            kind=type(error).__name__)
    if problem is not None:
        return _wrong(spec, problem)
    if spec.compare is None:
        if spec.manual:
            return Feedback(task, "saved", _("Your trainer reads and marks it."))
        return Feedback(task, "correct", spec.say(spec.why) if spec.why else _("Complete."), 1.0)
    if matcher is None:
        return Feedback(task, "saved", _("Your trainer's grading will say whether it is right."))
    if any(matcher(form) for form in answer_forms(spec, value)):
        return Feedback(task, "correct", spec.say(spec.why) if spec.why else _("Well done."), 1.0)
    slip = None
    if spec.compare == "number":
        slip = _scale_slip(spec, value, lambda v: any(matcher(f) for f in answer_forms(spec, v)))
    if partial and expected is not None:
        share = _partial(spec, value, canonical_expected(spec, expected))
        if share > 0:
            message = _("is partly right: {share:.0%} of the points.").format(share=share)
            return _wrong(spec, message, share)
    return _wrong(spec, slip or _("is not right yet."))


def canonical_expected(spec: TaskSpec, expected: Any) -> Any:
    """An expected answer in the same canonical form as a learner's (ids upper-cased...)."""
    if spec.compare in ("set", "sequence"):
        items = [_text(item).upper() for item in expected]
        return items if spec.compare == "sequence" else sorted(set(items))
    if spec.compare == "exact":
        return _text(expected)
    if spec.compare == "number":
        return float(expected)
    return expected


def _wrong(spec: TaskSpec, problem: str, score: float = 0.0) -> Feedback:
    hint = " " + _("Hint: {hint}").format(hint=spec.say(spec.hint)) if spec.hint else ""
    return Feedback(spec.task_id, "wrong", _("Your answer {problem}").format(problem=problem)
                    + hint, score)


__all__ = [
    "STATUSES",
    "Feedback",
    "Matcher",
    "answer_forms",
    "answer_part",
    "canonical",
    "canonical_expected",
    "digest",
    "expected_form",
    "judge",
    "number_cell",
    "status_title",
    "unanswered",
]
