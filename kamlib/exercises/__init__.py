"""Exercise tooling: instant feedback for learners, release and batch checking for instructors.

Learners: ``from kamlib.exercises import check, check_all`` then ``check("1.2")``.
Instructors: ``python -m kamlib.exercises --help`` (release, check-release, batch), or the
modules :mod:`kamlib.exercises.release` and :mod:`kamlib.exercises.batch`.
"""

from kamlib.exercises.feedback import (
    Feedback,
    Task,
    check,
    check_all,
    choice_problem,
    hash_answer,
    ids_problem,
    load_tasks,
    matches_hash,
    number_problem,
    register,
    registered_tasks,
    report_json,
    table_problem,
)

__all__ = [
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
