"""The learner side of the exercises: what each task asks, answer checks, instant feedback.

Learners answer in widgets (:func:`kamlib.widgets.answers.answer`); their answers are saved
in their workbook. ``check("1.2")`` checks the saved answer, ``check("1.2", value)`` a value
given in code, ``progress("1")`` lists where an exercise stands. Nothing in this package
computes an expected answer: instant feedback compares salted hashes from ``answer_key.json``.
The instructor's tools (release, learner bundle, grading, class overview) are in
:mod:`kamlib.grading`, which a learner's copy of the course does not contain.
"""

from kamlib.exercises.feedback import AnswerKey, answer_key, check, progress
from kamlib.exercises.judging import STATUSES, Feedback, judge
from kamlib.exercises.tasks import (
    Field,
    TaskSpec,
    load_tasks,
    register,
    task_spec,
    task_specs,
)

__all__ = [
    "STATUSES",
    "AnswerKey",
    "Feedback",
    "Field",
    "TaskSpec",
    "answer_key",
    "check",
    "judge",
    "load_tasks",
    "progress",
    "register",
    "task_spec",
    "task_specs",
]
