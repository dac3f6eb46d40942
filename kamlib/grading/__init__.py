"""The instructor's side of the exercises: never part of a learner's copy of the course.

- :mod:`~kamlib.grading.expected`: the right answers, computed from the case data;
- :mod:`~kamlib.grading.release`, :mod:`~kamlib.grading.keys`, :mod:`~kamlib.grading.bundle`:
  the learner notebooks, the answer key of instant feedback, the learner bundle and its scan;
- :mod:`~kamlib.grading.batch` with :mod:`~kamlib.grading.submissions`,
  :mod:`~kamlib.grading.sandbox` (and the :mod:`~kamlib.grading.runner` it starts),
  :mod:`~kamlib.grading.gradebook`, :mod:`~kamlib.grading.reports`: grading;
- :mod:`~kamlib.grading.overview`: the class overview page.

Command line: ``python -m kamlib.grading --help``.
"""
