"""Exercise tooling: instant feedback for learners, release and batch checking for instructors.

Learners: ``from kamlib.exercises import check, check_all`` then ``check("1.2")``.
Instructors: ``python -m kamlib.exercises --help`` (release, check-release, batch), or the
modules :mod:`kamlib.exercises.release` and :mod:`kamlib.exercises.batch`.
"""

from kamlib.exercises import feedback
from kamlib.exercises.feedback import *  # noqa: F403 (the names learners and task modules use)

__all__ = feedback.__all__
