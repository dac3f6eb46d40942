"""Instant feedback on exercise answers: a learner types ``check("1.2")`` in a notebook.

Every task is a :class:`Task` in one registry. The lecture modules
``kamlib/exercises/tasks_lecture<N>.py`` register their tasks when imported and are found
automatically; an instructor can add their own with :func:`load_tasks` (a module name or a
``.py`` file). A task reads exactly one learner variable (``answer_1_2``), so a learner who
deletes or moves a cell still gets the right feedback on every other task.

Expected answers are never stored in plain text: a task computes them from the course data
when it checks (``Task.expected``), or compares a salted hash (:func:`hash_answer`) for
choice and text answers. The messages say what is wrong (type, shape, a missing column, a
factor of 100, a wrong account) and never show the expected value.
"""

from __future__ import annotations

import hashlib
import html
import importlib
import importlib.util
import inspect
import json
import math
import numbers
import pkgutil
import re
import reprlib
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from kamlib.i18n import register as register_labels
from kamlib.i18n import t
from kamlib.validation import check_choice, check_number, check_text, fail

STATUSES = ("correct", "wrong", "not answered")
TASK_ID = re.compile(r"^(\d+)\.(\d+)([a-z]?)$")
DEFAULT_SALT = "kamlib-exercises"
_PACKAGE = "kamlib.exercises"

register_labels(
    {
        "exercises.task": {"en": "Task", "zh": "任务"},
        "exercises.correct": {"en": "Correct", "zh": "正确"},
        "exercises.wrong": {"en": "Not quite", "zh": "还不对"},
        "exercises.not answered": {"en": "Not answered yet", "zh": "尚未作答"},
    }
)

# status -> (icon, border colour, background); the icon and the word carry the meaning
# without colour.
_LOOK = {
    "correct": ("✔", "#009E73", "#e6f5ef"),
    "wrong": ("✘", "#D55E00", "#fbece3"),
    "not answered": ("…", "#E69F00", "#fdf4e0"),
}


@dataclass(frozen=True)
class Feedback:
    """The verdict on one task: ``status`` is "correct", "wrong" or "not answered"."""

    task: str
    status: str
    message: str

    def __post_init__(self) -> None:
        check_text("task", self.task)
        check_choice("status", self.status, STATUSES)
        check_text("message", self.message)

    def _title(self) -> str:
        return f"{t('exercises.task')} {self.task}: {t('exercises.' + self.status)}"

    def __str__(self) -> str:
        return f"{_LOOK[self.status][0]} {self._title()}. {self.message}"

    def _repr_html_(self) -> str:
        icon, border, background = _LOOK[self.status]
        return (
            f'<div role="status" style="border-left:6px solid {border};background:{background};'
            f'color:#1a1a1a;padding:0.5em 0.8em;margin:0.3em 0;border-radius:3px">'
            f'<span aria-hidden="true">{icon}</span> <strong>{html.escape(self._title())}</strong>'
            f"<br>{html.escape(self.message)}</div>"
        )


@dataclass(frozen=True)
class Task:
    """One checkable exercise task.

    ``variable`` is the learner variable it reads; ``asks`` completes the sentence
    "Set `variable` to ..."; ``why`` is the confirmation shown when correct (why it matters).
    ``judge(answer, expected)`` returns ``None`` when the answer is right, else a sentence
    saying what is wrong. ``expected()`` computes the expected value from the course data at
    check time (for hashed choice answers: returns the digest); ``None`` if the judge needs none.
    """

    task_id: str
    variable: str
    asks: str
    why: str
    judge: Callable[[Any, Any], str | None]
    expected: Callable[[], Any] | None = None
    hint: str = ""
    points: float = 1.0

    def __post_init__(self) -> None:
        if not isinstance(self.task_id, str) or not TASK_ID.match(self.task_id):
            raise fail("task_id", self.task_id, 'a task id like "1.2" or "3.4b"')
        if not isinstance(self.variable, str) or not self.variable.isidentifier():
            raise fail("variable", self.variable, "a Python variable name like 'answer_1_2'")
        check_text("asks", self.asks)
        check_text("why", self.why)
        check_text("hint", self.hint, allow_empty=True)
        if not callable(self.judge):
            raise fail("judge", self.judge, "a function judge(answer, expected) -> str | None")
        if self.expected is not None and not callable(self.expected):
            raise fail("expected", self.expected, "None or a function with no arguments")
        check_number("points", self.points, minimum=0)

    def check(self, namespace: Mapping[str, Any]) -> Feedback:
        """Judge the learner's ``variable`` in ``namespace`` (the notebook's globals)."""
        if not isinstance(namespace, Mapping):
            raise fail("namespace", type(namespace).__name__, "a mapping of variable names")
        answer = namespace.get(self.variable)
        if _unanswered(answer):
            return Feedback(self.task_id, "not answered", f"Set `{self.variable}` to {self.asks}.")
        expected = None if self.expected is None else self.expected()
        try:
            problem = self.judge(answer, expected)
        except Exception as error:  # an unforeseen kind of answer must not break the notebook
            # Only the error's type: its text could quote the expected value.
            name = type(error).__name__
            problem = f"could not be checked ({name}); is it the kind of value asked for?"
        if problem is None:
            return Feedback(self.task_id, "correct", self.why)
        hint = f" Hint: {self.hint}" if self.hint else ""
        return Feedback(self.task_id, "wrong", f"`{self.variable}` {problem}{hint}")


def _unanswered(answer: Any) -> bool:
    """True for the prompt defaults: missing, None, ..., empty text, empty container."""
    if answer is None or answer is Ellipsis:
        return True
    if isinstance(answer, str):
        return not answer.strip()
    if isinstance(answer, (pd.DataFrame, pd.Series, pd.Index)):
        return answer.empty
    if isinstance(answer, (list, tuple, set, frozenset, dict, np.ndarray)):
        return len(answer) == 0
    return False


# --- the registry -------------------------------------------------------------------------

_TASKS: dict[str, Task] = {}
_LOADED: set[str] = set()


def _order(task_id: str) -> tuple[int, int, str]:
    lecture, number, letter = TASK_ID.match(task_id).groups()
    return int(lecture), int(number), letter


def register(task: Task) -> Task:
    """Add ``task`` to the registry (a lecture module calls this on import); return it."""
    if not isinstance(task, Task):
        raise fail("task", task, "a kamlib.exercises.Task")
    known = _TASKS.get(task.task_id)
    if known is not None and known != task:
        raise fail("task_id", task.task_id, "an id that is not registered yet")
    _TASKS[task.task_id] = task
    return task


def load_tasks(*sources: str) -> list[str]:
    """Import the package's task modules and any extra ``sources``; return the known task ids.

    A source is a module name (``"my_course.tasks"``) or the path of a ``.py`` file that
    registers tasks. Each source is loaded once per Python session.
    """
    if _PACKAGE not in _LOADED:
        package = importlib.import_module(_PACKAGE)
        for module in pkgutil.iter_modules(package.__path__):
            if module.name.startswith("tasks_"):
                importlib.import_module(f"{_PACKAGE}.{module.name}")
        _LOADED.add(_PACKAGE)
    for source in sources:
        check_text("source", source)
        key = str(Path(source).resolve()) if source.endswith(".py") else source
        if key not in _LOADED:
            _import_source(source, key)
            _LOADED.add(key)
    return sorted(_TASKS, key=_order)


def _import_source(source: str, key: str) -> None:
    if source.endswith(".py"):
        path = Path(key)
        if not path.is_file():
            raise fail("source", source, "the path of an existing .py file")
        spec = importlib.util.spec_from_file_location(f"kamlib_tasks_{path.stem}", path)
        spec.loader.exec_module(importlib.util.module_from_spec(spec))
        return
    try:
        importlib.import_module(source)
    except ModuleNotFoundError as error:
        if error.name != source:  # the module exists but needs something missing
            raise
        raise fail("source", source, "an importable module name or a .py file path") from None


def registered_tasks() -> list[Task]:
    """All known tasks in course order (lecture, then number)."""
    return [_TASKS[task_id] for task_id in load_tasks()]


def _caller_namespace() -> Mapping[str, Any]:
    """The notebook's globals (IPython's user namespace), else the calling module's globals."""
    try:
        from IPython import get_ipython
    except ImportError:  # plain Python without IPython
        shell = None
    else:
        shell = get_ipython()
    if shell is not None:
        return shell.user_ns
    frame = inspect.currentframe()
    while frame is not None and frame.f_globals.get("__name__") == __name__:
        frame = frame.f_back
    return frame.f_globals if frame is not None else {}


def _namespace(namespace: Mapping[str, Any] | None) -> Mapping[str, Any]:
    if namespace is None:
        return _caller_namespace()
    if not isinstance(namespace, Mapping):
        raise fail("namespace", type(namespace).__name__, "None or a mapping of variable names")
    return namespace


def check(task: str, namespace: Mapping[str, Any] | None = None) -> Feedback:
    """Check one task, e.g. ``check("1.2")``, on the notebook's variables (or ``namespace``)."""
    known = load_tasks()
    check_text("task", task)
    if not known:
        raise fail("task", task, "a registered task id, but none are registered (see load_tasks)")
    check_choice("task", task.strip(), known)
    return _TASKS[task.strip()].check(_namespace(namespace))


def check_all(namespace: Mapping[str, Any] | None = None) -> pd.DataFrame:
    """Check every task; one row per task: task, variable, status, score, points, message."""
    namespace = _namespace(namespace)
    tasks = registered_tasks()
    verdicts = [task.check(namespace) for task in tasks]
    return pd.DataFrame(
        {
            "task": [task.task_id for task in tasks],
            "variable": [task.variable for task in tasks],
            "status": [verdict.status for verdict in verdicts],
            "score": [
                task.points * (v.status == "correct")
                for task, v in zip(tasks, verdicts, strict=True)
            ],
            "points": [float(task.points) for task in tasks],
            "message": [verdict.message for verdict in verdicts],
        }
    )


def report_json(namespace: Mapping[str, Any] | None = None) -> str:
    """:func:`check_all` as a JSON text ``{"tasks": [...]}``; batch checking parses it."""
    table = check_all(_namespace(namespace))
    return json.dumps({"tasks": table.to_dict(orient="records")}, ensure_ascii=False)


# --- hashed choice and text answers ----------------------------------------------------------


def _normalise(text: str) -> str:
    return " ".join(text.casefold().split())


def hash_answer(text: str, salt: str = DEFAULT_SALT) -> str:
    """Salted SHA-256 of a normalised answer (case-folded, spaces collapsed), for choice tasks."""
    check_text("text", text)
    check_text("salt", salt)
    return hashlib.sha256(f"{salt}\n{_normalise(text)}".encode()).hexdigest()


def matches_hash(text: str, digest: str, salt: str = DEFAULT_SALT) -> bool:
    """True if ``text`` is the answer whose :func:`hash_answer` is ``digest``."""
    check_text("text", text)
    if not isinstance(digest, str) or not re.fullmatch(r"[0-9a-f]{64}", digest):
        raise fail("digest", digest, "a SHA-256 hex digest from hash_answer()")
    return hash_answer(text, salt) == digest


# --- judges: the common kinds of answers; each returns None or what is wrong -----------------

# Slips that make a number a power of ten off, with what to look at.
_SCALE_SLIPS = (
    (100, "a percentage where a fraction is asked, or the other way round (45 vs 0.45)"),
    (1_000, "check the unit (yuan vs thousand yuan)"),
    (10_000, "check the unit (yuan vs 万元, ten thousand yuan)"),
    (1_000_000, "check the unit (yuan vs million yuan)"),
)


def _describe(value: Any) -> str:
    return f"a {type(value).__name__} ({reprlib.repr(value)})"


def _scale_slip(answer: Any, expected: Any, rel_tol: float) -> str | None:
    """Name the power-of-ten slip or sign error that turns ``expected`` into ``answer``."""
    answer, expected = np.asarray(answer, dtype=float), np.asarray(expected, dtype=float)
    for factor, reason in _SCALE_SLIPS:
        for scaled, target in ((answer, expected * factor), (answer * factor, expected)):
            if np.any(target != 0) and np.allclose(scaled, target, rtol=rel_tol, atol=0):
                return f"is about {factor:,} times off: {reason}."
    if np.any(expected != 0) and np.allclose(-answer, expected, rtol=rel_tol, atol=0):
        return "has the wrong sign."
    return None


def number_problem(
    answer: Any, expected: float, *, rel_tol: float = 1e-3, abs_tol: float = 1e-9
) -> str | None:
    """Judge a single number within a relative tolerance; spot factor-of-100 and unit slips."""
    if isinstance(answer, (bool, np.bool_)) or not isinstance(answer, numbers.Real):
        text = isinstance(answer, str)
        extra = " Remove quotes, % signs and thousands separators." if text else ""
        return f"should be a number; it is {_describe(answer)}.{extra}"
    value = float(answer)
    if not math.isfinite(value):
        return f"is {value}, not a finite number."
    if math.isclose(value, expected, rel_tol=rel_tol, abs_tol=abs_tol):
        return None
    return _scale_slip(value, expected, rel_tol) or "is not the right value."


def choice_problem(answer: Any, digest: str, *, options: tuple[str, ...] = ()) -> str | None:
    """Judge a choice or short text answer against the salted hash of the right one."""
    if not isinstance(answer, str):
        return f"should be text (a str); it is {_describe(answer)}."
    if options and _normalise(answer) not in {_normalise(option) for option in options}:
        return f"is not one of the options: {', '.join(options)}."
    return None if matches_hash(answer, digest) else "is not the right choice."


def ids_problem(answer: Any, expected: Any, *, what: str = "account") -> str | None:
    """Judge a list of ids (order free): names the learner's ids that do not belong."""
    if isinstance(answer, str) or not isinstance(
        answer, (list, tuple, set, frozenset, pd.Series, pd.Index, np.ndarray)
    ):
        example = "['AC001', 'AC002']"
        return f"should be a list of {what} ids, e.g. {example}; it is {_describe(answer)}."
    given = [str(item).strip().upper() for item in answer]
    wanted = {str(item).strip().upper() for item in expected}
    repeated = sorted(item for item, count in Counter(given).items() if count > 1)
    if repeated:
        return f"lists {', '.join(repeated)} more than once."
    wrong = sorted(set(given) - wanted)
    missing = len(wanted - set(given))
    parts = []
    if wrong:
        parts.append(f"includes {len(wrong)} {what}(s) that do not belong: {', '.join(wrong)}")
    if missing:
        parts.append(f"misses {missing} {what}(s)")
    return "; ".join(parts) + "." if parts else None


def table_problem(answer: Any, expected: Any, *, rel_tol: float = 1e-3) -> str | None:
    """Judge a DataFrame or Series (row order free): type, columns, rows, then values."""
    kind = type(expected).__name__
    if not isinstance(answer, type(expected)):
        return f"should be a pandas {kind}; it is {_describe(answer)}."
    if isinstance(expected, pd.Series):
        answer, expected = answer.to_frame("values"), expected.to_frame("values")
    missing = [str(column) for column in expected.columns if column not in answer.columns]
    if missing:
        return f"misses the column(s) {', '.join(map(repr, missing))}."
    if len(answer) != len(expected):
        return f"has {len(answer)} rows; it should have {len(expected)}."
    unknown = answer.index.difference(expected.index)
    if len(unknown) or answer.index.has_duplicates:
        shown = ", ".join(map(str, unknown[:3])) or "repeated labels"
        return f"has row labels (index) that do not belong: {shown}."
    answer = answer.loc[expected.index, expected.columns]
    wrong = [
        column
        for column in expected.columns
        if not _same(answer[column], expected[column], rel_tol)
    ]
    if not wrong:
        return None
    column = wrong[0]
    slip = _numeric(answer[column], expected[column]) and _scale_slip(
        answer[column], expected[column], rel_tol
    )
    where = f"column {column!r}" if kind == "DataFrame" else "the Series"
    return f"{where} {slip or 'has values that are not right.'}"


def _numeric(answer: pd.Series, expected: pd.Series) -> bool:
    return all(
        pd.api.types.is_numeric_dtype(s) and not pd.api.types.is_bool_dtype(s)
        for s in (answer, expected)
    )


def _same(answer: pd.Series, expected: pd.Series, rel_tol: float) -> bool:
    if _numeric(answer, expected):
        return bool(
            np.allclose(answer.astype(float), expected.astype(float), rtol=rel_tol, equal_nan=True)
        )
    return answer.astype(str).tolist() == expected.astype(str).tolist()


__all__ = [
    "STATUSES",
    "Feedback",
    "Task",
    "check",
    "check_all",
    "choice_problem",
    "hash_answer",
    "ids_problem",
    "load_tasks",
    "matches_hash",
    "number_problem",
    "register",
    "registered_tasks",
    "report_json",
    "table_problem",
]
