"""What each exercise task asks and how its answer is entered: the learner side of a task.

A :class:`TaskSpec` says what the task asks (``prompt``), which answer widget takes the answer
(``kind``: choose, tick, type a number or a text, set sliders, edit a small table, or a course
widget already on the page), where the answer is saved in the learner's workbook
(``section``, default ``answers/<task id>``) and how it is judged: a structural ``rubric``
(no single right answer: "at least two items per SWOT quadrant"), a comparison with an
expected answer (``compare``), or both. A spec never holds or computes the expected answer:
the grader computes it in its own process (:mod:`kamlib.grading.expected`) and the learner's
instant feedback compares against salted hashes shipped in ``answer_key.json``.

The lecture modules ``kamlib/exercises/tasks_*.py`` register their specs on import and are
found automatically. Points and partial credit are not here: the source notebook declares
them in the metadata of the cell that shows the task's answer widget
(``{"kamlib": {"task": "1.1", "points": 2, "partial": true}}``).

Adding a task answered in a widget (see also ``docs/architecture.md``):

1. register a :class:`TaskSpec` in the lecture's ``tasks_*.py`` (kind, prompt, options...);
2. if it has a right answer, add ``@expected("<id>")`` in :mod:`kamlib.grading.expected`;
3. in the source notebook, a folded code cell ``answer("<id>")`` with the cell metadata
   ``{"kamlib": {"task": "<id>", "points": 1}}``, and the model answer in a cell tagged
   ``instructor`` (``answer_<id> = ...``) so the source proves the task can be solved;
4. ``make release``.
"""

from __future__ import annotations

import importlib
import importlib.util
import pkgutil
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from pathlib import Path
from typing import Any

from kamlib.i18n import _
from kamlib.validation import check_choice, check_number, check_text, fail

TASK_ID = re.compile(r"^(\d+)\.(\d+)([a-z]?)$")
#: The answer widgets: choose one, tick several, type a number, write a text, pick ids,
#: fill a small form (sliders, numbers, yes/no), edit a small table, or a course widget.
KINDS = ("choice", "tick", "number", "text", "ids", "form", "table", "widget")
#: How an answer is compared with the expected one: one option, a set, an ordered list,
#: a number on a grid of ``tolerance``, a dict of fields; None: the rubric alone judges.
COMPARES = ("exact", "set", "sequence", "number", "fields")
_DEFAULT_COMPARE = {"choice": "exact", "tick": "set", "ids": "set", "number": "number",
                    "form": "fields"}  # fmt: skip
FIELD_KINDS = ("number", "integer", "check", "choice", "text")
ANSWERS_SECTION = "answers"
_PACKAGE = "kamlib.exercises"

Rubric = Callable[[Any, Mapping[str, Any]], "str | None"]


@dataclass(frozen=True)
class Field:
    """One input of a ``form`` answer or one column of a ``table`` answer.

    ``kind``: "number" (any number), "integer" (a slider from ``minimum`` to ``maximum``),
    "check" (yes/no), "choice" (one of ``options``, pairs of key and label) or "text".

    Parameters
    ----------
    key : str
        The key the answer is saved under.
    label : str
        What the learner reads beside the input, in English (translated where shown).
    kind : str, default "text"
        One of :data:`FIELD_KINDS`.
    minimum, maximum : float, optional
        The range of an "integer" slider.
    options : tuple of (str, str)
        The (key, label) pairs of a "choice".

    Examples
    --------
    >>> Field("share", "Share of revenue", kind="number").kind
    'number'
    """

    key: str
    label: str
    kind: str = "text"
    minimum: float | None = None
    maximum: float | None = None
    options: tuple[tuple[str, str], ...] = ()

    def __post_init__(self) -> None:
        if not isinstance(self.key, str) or not self.key.isidentifier():
            raise fail("key", self.key, _("a name like 'current_cny'"))
        check_text("label", self.label)
        check_choice("kind", self.kind, FIELD_KINDS)
        if self.kind == "integer" and (self.minimum is None or self.maximum is None):
            raise fail("minimum/maximum", (self.minimum, self.maximum),
                       _("both set for an integer (slider) field"))
        if self.kind == "choice" and not self.options:
            raise fail("options", self.options, _("the (key, label) pairs of a choice field"))


@dataclass(frozen=True)
class TaskSpec:
    """One exercise task as the learner meets it; see the module docstring.

    Parameters
    ----------
    task_id : str
        "1.2" or "3.4b": the lecture (4 is the capstone), the number, an optional letter.
    prompt : str
        The question, in English (translated where shown, then its ``{placeholders}`` filled
        from ``facts``; see :meth:`say`).
    kind : str
        The answer widget, one of :data:`KINDS`.
    why : str
        Shown when the answer is right: why it matters.
    hint : str
        Shown when it is not: where to look (never the answer).
    options : tuple or callable
        ``choice``/``tick``: (key, label) pairs; ``ids``: the ids a learner may pick (or a
        function of no arguments that lists them from the case data).
    fields : tuple of Field
        ``form``: the inputs; ``table``: the columns.
    rows : tuple of str
        ``table``: fixed row labels (empty: the learner adds rows, ``min_rows`` to ``max_rows``).
    unit : str
        ``number``: what the number counts ("%", "CNY", "accounts", "x").
    tolerance : float
        ``number``: answers are compared on a grid of this step (see
        :func:`kamlib.exercises.judging.number_cell`); 0 for whole numbers means exact.
    ordered : bool
        ``ids``: the order matters (a ranking).
    section, field : str
        Where the answer is saved (default ``answers/<task id>``) and, for a course widget
        that saves more than the answer, the key of the part judged.
    compare : str or None
        How the answer is compared with the expected one (default by kind; None: rubric only).
    rubric : callable or None
        ``rubric(answer, workbook) -> str | None``: what is wrong, judged without an expected
        answer; ``workbook`` holds the learner's other sections (read only).
    extract : callable or None
        For a rubric-judged answer that also has a right part (the accounts of a visit plan):
        ``extract(answer)`` is the part compared.
    manual : bool
        A written answer the trainer marks.
    min_rows, max_rows, min_length : int
        ``table`` row limits; ``text``: the fewest characters of a real answer.
    facts : mapping
        Values for the placeholders of ``prompt``, ``why`` and ``hint`` (a year, an account).

    Raises
    ------
    KamValueError
        If a field is wrong for the task's kind (an unknown kind or compare, a choice
        without options …).

    Examples
    --------
    >>> spec = task_spec("1.1")
    >>> spec.kind, spec.answer_section, spec.lecture
    ('number', 'answers/1.1', '1')
    """

    task_id: str
    prompt: str
    kind: str
    why: str = ""
    hint: str = ""
    options: tuple[tuple[str, str], ...] | Callable[[], Sequence[tuple[str, str]]] = ()
    fields: tuple[Field, ...] = ()
    rows: tuple[str, ...] = ()
    unit: str = ""
    tolerance: float = 0.0
    ordered: bool = False
    section: str = ""
    field: str = ""
    compare: str | None = "default"
    rubric: Rubric | None = None
    extract: Callable[[Any], Any] | None = None
    manual: bool = False
    min_rows: int = 1
    max_rows: int = 12
    min_length: int = 1
    facts: Mapping[str, Any] = dataclass_field(default_factory=dict)

    def __post_init__(self) -> None:
        if not isinstance(self.task_id, str) or not TASK_ID.match(self.task_id):
            raise fail("task_id", self.task_id, _('a task id like "1.2" or "3.4b"'))
        check_text("prompt", self.prompt)
        check_choice("kind", self.kind, KINDS)
        check_text("why", self.why, allow_empty=True)
        check_text("hint", self.hint, allow_empty=True)
        if not isinstance(self.facts, Mapping):
            raise fail("facts", self.facts, _("a dict of the values the texts' placeholders name"))
        for text in (self.prompt, self.why, self.hint):
            try:
                text.format(**self.facts)
            except (KeyError, IndexError, ValueError) as error:
                raise fail("facts", sorted(self.facts),
                    _("a value for each placeholder of {text!r} ({error})")
                    .format(text=text, error=error)) from None
        if self.compare == "default":
            object.__setattr__(self, "compare", _DEFAULT_COMPARE.get(self.kind))
        if self.compare is not None:
            check_choice("compare", self.compare, COMPARES)
        if self.kind == "ids" and self.ordered and self.compare == "set":
            object.__setattr__(self, "compare", "sequence")
        if self.kind in ("choice", "tick") and not (callable(self.options) or self.options):
            raise fail("options", self.options,
                _("the (key, label) pairs a {kind} offers").format(kind=self.kind))
        if self.kind in ("form", "table") and not self.fields:
            raise fail("fields", self.fields,
                _("the inputs of a {kind} answer").format(kind=self.kind))
        if self.kind == "widget" and not self.section:
            raise fail("section", self.section, _("the workbook section of the course widget"))
        if self.compare is None and self.rubric is None and not self.manual:
            raise fail("rubric", None, _("a rubric, a compare rule or manual=True: how to judge"))
        if self.rubric is not None and not callable(self.rubric):
            raise fail("rubric", self.rubric, _("a function rubric(answer, workbook)"))
        check_number("tolerance", self.tolerance, minimum=0)
        check_number("min_length", self.min_length, minimum=0, integer=True)
        check_number("min_rows", self.min_rows, minimum=0, integer=True)
        check_number("max_rows", self.max_rows, minimum=max(self.min_rows, 1), integer=True)

    def say(self, text: str) -> str:
        """``text`` (the prompt, why or hint) translated, with the task's facts filled in.

        Parameters
        ----------
        text : str
            The task's ``prompt``, ``why`` or ``hint`` (English).

        Returns
        -------
        str
            The text in the current language, its placeholders filled; "" for "".

        Examples
        --------
        >>> spec = task_spec("1.1")
        >>> "{" in spec.prompt, "{" in spec.say(spec.prompt)
        (True, False)
        """
        return _(text).format(**self.facts) if text else ""

    @property
    def answer_section(self) -> str:
        """The workbook section the answer is saved under, e.g. "answers/1.1"."""
        return self.section or f"{ANSWERS_SECTION}/{self.task_id}"

    @property
    def variable(self) -> str:
        """The notebook variable a learner who prefers code may set instead: ``answer_1_2``."""
        return "answer_" + self.task_id.replace(".", "_")

    @property
    def lecture(self) -> str:
        """The lecture number of the task id ("4" is the capstone)."""
        return self.task_id.split(".")[0]

    def choices(self) -> list[tuple[str, str]]:
        """The (key, label) pairs offered (the options, computed when given as a function).

        Returns
        -------
        list of (str, str)
            Empty for a task that is no choice.

        Examples
        --------
        >>> len(task_spec("1.6").choices()) > 1
        True
        """
        pairs = self.options() if callable(self.options) else self.options
        return [(str(key), str(label)) for key, label in pairs]


# --- the registry ---------------------------------------------------------------------------

_SPECS: dict[str, TaskSpec] = {}
_LOADED: set[str] = set()


def task_order(task_id: str) -> tuple[int, int, str]:
    """Sort key of a task id: lecture, number, letter.

    Parameters
    ----------
    task_id : str
        A task id such as "3.4b".

    Returns
    -------
    (int, int, str)
        Lecture, number and letter, so that "1.10" sorts after "1.9".

    Examples
    --------
    >>> sorted(["1.10", "3.4b", "1.9"], key=task_order)
    ['1.9', '1.10', '3.4b']
    """
    lecture, number, letter = TASK_ID.match(task_id).groups()
    return int(lecture), int(number), letter


def register(spec: TaskSpec) -> TaskSpec:
    """Add ``spec`` to the registry (a lecture module calls this on import); return it.

    Parameters
    ----------
    spec : TaskSpec
        The task; registering the same spec again does nothing.

    Returns
    -------
    TaskSpec
        ``spec``.

    Raises
    ------
    KamValueError
        If ``spec`` is no TaskSpec or another task has its id.

    Examples
    --------
    >>> register(task_spec("1.1")) is task_spec("1.1")
    True
    """
    if not isinstance(spec, TaskSpec):
        raise fail("spec", spec, _("a kamlib.exercises.TaskSpec"))
    known = _SPECS.get(spec.task_id)
    if known is not None and known != spec:
        raise fail("task_id", spec.task_id, _("an id that is not registered yet"))
    _SPECS[spec.task_id] = spec
    return spec


def load_tasks(*sources: str) -> list[str]:
    """Import the package's task modules and any extra ``sources``; return the task ids.

    A source is a module name (``"my_course.tasks"``) or the path of a ``.py`` file that
    registers tasks; each is loaded once per Python session.

    Parameters
    ----------
    *sources : str
        Extra task modules or files of the instructor's.

    Returns
    -------
    list of str
        Every registered task id, in course order.

    Raises
    ------
    KamValueError
        If a source cannot be found or loaded.

    Examples
    --------
    >>> load_tasks()[:3]
    ['1.1', '1.2', '1.3']
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
    return sorted(_SPECS, key=task_order)


def _import_source(source: str, key: str) -> None:
    if source.endswith(".py"):
        path = Path(key)
        if not path.is_file():
            raise fail("source", source, _("the path of an existing .py file"))
        spec = importlib.util.spec_from_file_location(f"kamlib_tasks_{path.stem}", path)
        spec.loader.exec_module(importlib.util.module_from_spec(spec))
        return
    try:
        importlib.import_module(source)
    except ModuleNotFoundError as error:
        if error.name != source:  # the module exists but needs something missing
            raise
        raise fail("source", source, _("an importable module name or a .py file path")) from None


def task_spec(task_id: str) -> TaskSpec:
    """The registered spec of ``task_id`` (e.g. "1.2").

    Parameters
    ----------
    task_id : str
        The task id.

    Returns
    -------
    TaskSpec
        The task.

    Raises
    ------
    KamValueError
        If no task has this id.

    Examples
    --------
    >>> task_spec("1.1").variable
    'answer_1_1'
    """
    known = load_tasks()
    check_text("task", task_id)
    check_choice("task", task_id.strip(), known)
    return _SPECS[task_id.strip()]


def task_specs(lecture: str | None = None) -> list[TaskSpec]:
    """Every registered spec in course order, or those of one ``lecture`` ("1" … "4").

    Parameters
    ----------
    lecture : str, optional
        "1", "2", "3" or "4" (the capstone); default: every lecture.

    Returns
    -------
    list of TaskSpec
        In course order; empty for a lecture without tasks.

    Examples
    --------
    >>> [spec.task_id for spec in task_specs("1")][:2]
    ['1.1', '1.2']
    """
    specs = [_SPECS[task_id] for task_id in load_tasks()]
    return specs if lecture is None else [s for s in specs if s.lecture == str(lecture)]


__all__ = [
    "ANSWERS_SECTION",
    "COMPARES",
    "FIELD_KINDS",
    "KINDS",
    "Field",
    "TaskSpec",
    "load_tasks",
    "register",
    "task_order",
    "task_spec",
    "task_specs",
]
