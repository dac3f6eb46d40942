"""The course's exercises as the grader sees them: tasks, points and partial credit.

Points are declared in the instructor's source notebook, in the metadata of the cell that
shows a task's answer widget (nbgrader keeps its points in cell metadata too)::

    {"kamlib": {"task": "1.5", "points": 2, "partial": true}}

``points`` (default 1) is what the task is worth; ``partial`` (default false) lets a
multi-part answer (ticks, ids, a form) earn its share of them. The grader reads the
*source* notebooks, never a learner's copy, so a learner cannot change what a task is worth.
An exercise's ``possible`` is the sum of its tasks' points.
"""

from __future__ import annotations

import numbers
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nbformat

from kamlib.exercises.tasks import TaskSpec, load_tasks, task_order, task_spec
from kamlib.grading.release import SOURCE_DIR, existing_folder, release_notebook
from kamlib.validation import KamValueError

METADATA_KEY = "kamlib"


@dataclass(frozen=True)
class TaskEntry:
    """One task of an exercise with what it is worth.

    Parameters
    ----------
    spec : TaskSpec
        The task (:func:`kamlib.exercises.tasks.task_spec`).
    points : float
        What the task is worth in this exercise.
    partial : bool
        Whether a partly right answer earns part of the points.

    Examples
    --------
    >>> from kamlib.exercises.tasks import task_spec
    >>> TaskEntry(task_spec("1.1"), 2.0, False).task_id
    '1.1'
    """

    spec: TaskSpec
    points: float
    partial: bool

    @property
    def task_id(self) -> str:
        """The task's id, e.g. "1.1"."""
        return self.spec.task_id


@dataclass(frozen=True)
class Exercise:
    """One exercise notebook: its name (the file's stem), title and tasks in course order.

    ``released_code``: the code cells of its learner release, to tell whether a learner's
    copy holds code of their own (only then is it run).

    Parameters
    ----------
    name : str
        The notebook's file name without ``.ipynb``.
    title : str
        The notebook's first heading.
    tasks : tuple of TaskEntry
        Its tasks, in course order.
    released_code : frozenset of str
        The code cells of its learner release.

    Examples
    --------
    >>> from kamlib.exercises.tasks import task_spec
    >>> exercise = Exercise("ex1", "Exercise 1", (TaskEntry(task_spec("1.1"), 2.0, False),),
    ...                     frozenset())
    >>> exercise.file_name, exercise.possible
    ('ex1.ipynb', 2.0)
    """

    name: str
    title: str
    tasks: tuple[TaskEntry, ...]
    released_code: frozenset[str]

    @property
    def possible(self) -> float:
        """The points the exercise is worth."""
        return float(sum(entry.points for entry in self.tasks))

    @property
    def file_name(self) -> str:
        """The notebook's file name, e.g. "exercise_1_kam_overview.ipynb"."""
        return f"{self.name}.ipynb"


def task_declaration(cell: Any, *, where: str) -> dict[str, Any] | None:
    """The task declared in a cell's metadata (task, points, partial), or None.

    Parameters
    ----------
    cell : mapping
        A notebook cell.
    where : str
        Where the cell is, for error messages (e.g. "ex1.ipynb cell 4").

    Returns
    -------
    dict or None
        ``task``, ``points`` (default 1) and ``partial`` (default False); None if the cell
        declares no task.

    Raises
    ------
    KamValueError
        If the declaration names an unknown task or gives points that are not a number ≥ 0.

    Examples
    --------
    >>> cell = {"metadata": {"kamlib": {"task": "1.1", "points": 2}}}
    >>> task_declaration(cell, where="ex1.ipynb cell 4")
    {'task': '1.1', 'points': 2.0, 'partial': False}
    >>> task_declaration({"metadata": {}}, where="ex1.ipynb cell 5") is None
    True
    """
    declared = cell.get("metadata", {}).get(METADATA_KEY, {})
    if not isinstance(declared, dict) or "task" not in declared:
        return None
    task_id = declared["task"]
    if task_id not in load_tasks():
        raise KamValueError(f"{where}: declares task {task_id!r}, which no tasks_*.py module "
                            "registers.")
    points = declared.get("points", 1)
    if not isinstance(points, numbers.Real) or isinstance(points, bool) or points < 0:
        raise KamValueError(f"{where}: points of task {task_id}: got {points!r}; expected a "
                            "number of 0 or more.")
    partial = declared.get("partial", False)
    if not isinstance(partial, bool):
        raise KamValueError(f"{where}: partial of task {task_id}: got {partial!r}; expected "
                            "true or false.")
    return {"task": task_id, "points": float(points), "partial": partial}


def _title(notebook: Any, fallback: str) -> str:
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return fallback


def read_exercise(path: Path) -> Exercise:
    """Read one source notebook's tasks (in course order) and its released code cells.

    Parameters
    ----------
    path : Path
        An instructor source notebook.

    Returns
    -------
    Exercise
        Its name, title, tasks and released code.

    Raises
    ------
    KamValueError
        If the notebook cannot be read, declares a task twice or a task wrongly.

    Examples
    --------
    >>> from kamlib.grading.release import SOURCE_DIR
    >>> exercise = read_exercise(SOURCE_DIR / "exercise_1_kam_overview.ipynb")
    >>> exercise.name, exercise.possible > 0
    ('exercise_1_kam_overview', True)
    """
    try:
        notebook = nbformat.read(path, as_version=4)
    except Exception as error:  # nbformat raises several kinds for a damaged file
        raise KamValueError(f"source notebook {path.name}: not readable ({error}).") from None
    entries, seen = [], set()
    for number, cell in enumerate(notebook.cells, start=1):
        declared = task_declaration(cell, where=f"{path.name} cell {number}")
        if declared is None:
            continue
        if declared["task"] in seen:
            raise KamValueError(f"{path.name} cell {number}: task {declared['task']} is "
                                "declared twice.")
        seen.add(declared["task"])
        entries.append(TaskEntry(task_spec(declared["task"]), declared["points"],
                                 declared["partial"]))
    released = release_notebook(notebook, name=path.name)
    code = frozenset(c.source.strip() for c in released.cells if c.cell_type == "code")
    entries.sort(key=lambda entry: task_order(entry.task_id))
    return Exercise(path.stem, _title(notebook, path.stem), tuple(entries), code)


def read_exercises(source_dir: str | Path = SOURCE_DIR) -> list[Exercise]:
    """Every exercise of the course, from the instructor's source notebooks, in course order.

    Parameters
    ----------
    source_dir : str or Path, default the repository's ``exercises/source``
        The instructor's exercise notebooks, with solutions and hidden tests.

    Returns
    -------
    list of Exercise
        In course order.

    Raises
    ------
    KamValueError
        If a task is declared in two notebooks, or a notebook declares none.

    Examples
    --------
    >>> [exercise.name for exercise in read_exercises()][:2]
    ['exercise_1_kam_overview', 'exercise_2_annual_plan']
    """
    folder = existing_folder("source_dir", source_dir)
    exercises = [read_exercise(path) for path in sorted(folder.glob("*.ipynb"))]
    exercises.sort(key=lambda ex: task_order(ex.tasks[0].task_id) if ex.tasks else (0, 0, ""))
    owner: dict[str, str] = {}
    for exercise in exercises:
        if not exercise.tasks:
            raise KamValueError(f"source notebook {exercise.file_name}: declares no task (cell "
                                f"metadata {{\"{METADATA_KEY}\": {{\"task\": ...}}}}).")
        for entry in exercise.tasks:
            if entry.task_id in owner:
                raise KamValueError(f"task {entry.task_id} is declared in {owner[entry.task_id]}"
                                    f" and in {exercise.file_name}.")
            owner[entry.task_id] = exercise.file_name
    return exercises


__all__ = ["METADATA_KEY", "Exercise", "TaskEntry", "read_exercise", "read_exercises",
           "task_declaration"]
