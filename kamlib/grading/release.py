"""Build the learner release of the exercises from the instructor sources, and prove it safe.

Conventions in ``exercises/source/*.ipynb`` (nbgrader-compatible):

- ``### BEGIN SOLUTION`` … ``### END SOLUTION`` in a code cell becomes ``# YOUR CODE HERE``;
  inside the region, lines ending in ``# prompt`` are kept (without the marker), so the
  release still runs top to bottom and its checks say "not answered yet". Example::

      ### BEGIN SOLUTION
      answer_1_1 = None  # prompt
      answer_1_1 = top_share(revenue)
      ### END SOLUTION          ->   # YOUR CODE HERE
                                     answer_1_1 = None
- The same region in a markdown cell (a written answer) becomes ``YOUR ANSWER HERE``.
- ``=== BEGIN MARK SCHEME ===`` … ``=== END MARK SCHEME ===`` and
  ``### BEGIN HIDDEN TESTS`` … ``### END HIDDEN TESTS`` are removed.
- Cells tagged ``instructor`` (``metadata.tags``) are dropped: the model answers
  (``answer_1_2 = ...``) live there, so the source proves every task can be solved.
- Every code cell is folded (``metadata.jupyter.source_hidden``): learners answer in widgets
  and see the code only if they open it.
- Outputs and execution counts are cleared, the kernel is ``python3`` and cell ids are kept,
  so the same sources always give the same bytes (:func:`check_release_up_to_date`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nbformat
import numpy as np
from nbformat import NotebookNode

from kamlib.i18n import _
from kamlib.validation import KamValueError, fail

REPO_ROOT = Path(__file__).resolve().parents[2]
SOURCE_DIR = REPO_ROOT / "exercises" / "source"
RELEASE_DIR = REPO_ROOT / "exercises" / "release"

INSTRUCTOR_TAG = "instructor"
CODE_PROMPT = "# YOUR CODE HERE"
TEXT_PROMPT = "YOUR ANSWER HERE"
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}

# kind -> (begin, end) line patterns of the regions the release removes.
_REGIONS = {
    "solution": (r"#+\s*BEGIN SOLUTION", r"#+\s*END SOLUTION"),
    "hidden tests": (r"#+\s*BEGIN HIDDEN TESTS", r"#+\s*END HIDDEN TESTS"),
    "mark scheme": (r"=+\s*BEGIN MARK SCHEME\s*=+", r"=+\s*END MARK SCHEME\s*=+"),
}
_EDGES = [
    (re.compile(rf"^(\s*){pattern}\s*$"), kind, edge)
    for kind, patterns in _REGIONS.items()
    for edge, pattern in zip(("begin", "end"), patterns, strict=True)
]
# Cell metadata written by running a notebook (timings): not part of the release.
_RUN_METADATA = ("execution", "papermill")
_PROMPT_MARK = re.compile(r"\s*#\s*prompt\s*$")
# Any trace of a marker in a released file is a leak, however it is spelled.
_MARKER_TRACE = re.compile(r"(BEGIN|END)\s+(SOLUTION|HIDDEN TESTS|MARK SCHEME)", re.IGNORECASE)


def _edge(line: str) -> tuple[str, str, str] | None:
    """(kind, "begin"/"end", indentation) if ``line`` is a region marker."""
    for pattern, kind, edge in _EDGES:
        match = pattern.match(line)
        if match:
            return kind, edge, match.group(1)
    return None


def _release_source(source: str, cell_type: str, where: str) -> str:
    """The learner text of one cell: regions replaced by the prompt, markers removed."""
    kept: list[str] = []
    region = None
    for line in source.splitlines():
        marker = _edge(line)
        if marker is None:
            if region is None:
                kept.append(line)
            elif region == "solution" and cell_type == "code" and _PROMPT_MARK.search(line):
                kept.append(_PROMPT_MARK.sub("", line))
            continue
        kind, edge, indent = marker
        if edge == "begin" and region is not None:
            raise KamValueError(f"{where}: {kind} begins inside an open {region} region.")
        if edge == "end" and region != kind:
            raise KamValueError(f"{where}: END of {kind} without a matching BEGIN.")
        region = kind if edge == "begin" else None
        if edge == "begin" and kind == "solution":
            kept.append(indent + (CODE_PROMPT if cell_type == "code" else TEXT_PROMPT))
    if region is not None:
        raise KamValueError(f"{where}: {region} region has no END marker.")
    return "\n".join(kept)


def _is_instructor(cell: Any) -> bool:
    return INSTRUCTOR_TAG in cell.get("metadata", {}).get("tags", [])


def release_notebook(source: NotebookNode, *, name: str = "notebook") -> NotebookNode:
    """Return the learner version of one instructor notebook (the input is not changed).

    Parameters
    ----------
    source : nbformat.NotebookNode
        An instructor notebook, read with nbformat.
    name : str, default "notebook"
        The notebook's name in error messages.

    Returns
    -------
    nbformat.NotebookNode
        A copy without solutions, hidden tests, mark schemes and instructor cells, its code
        cells folded.

    Raises
    ------
    KamValueError
        If ``source`` is no notebook or a region marker has no partner or is nested.

    Examples
    --------
    >>> import nbformat
    >>> source = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
    ...     "### BEGIN SOLUTION\\nanswer = 42\\n### END SOLUTION")])
    >>> release_notebook(source, name="ex1.ipynb").cells[0].source
    '# YOUR CODE HERE'
    """
    if not isinstance(source, NotebookNode) or "cells" not in source:
        raise fail("source", type(source).__name__, _("a notebook read with nbformat"))
    cells = []
    for index, cell in enumerate(source.cells):
        if _is_instructor(cell):
            continue
        metadata = {k: v for k, v in cell.get("metadata", {}).items() if k not in _RUN_METADATA}
        if cell.cell_type == "code":
            metadata["jupyter"] = {**metadata.get("jupyter", {}), "source_hidden": True}
        text = _release_source(cell.source, cell.cell_type, f"{name} cell {index + 1}")
        fields = {"cell_type": cell.cell_type, "metadata": metadata, "source": text}
        if cell.cell_type == "code":
            fields.update(outputs=[], execution_count=None)
        if source.nbformat_minor >= 5:  # keep the id, or give a stable one
            fields["id"] = cell.get("id") or f"cell-{index + 1}"
        cells.append(nbformat.from_dict(fields))
    return nbformat.from_dict(
        {
            "nbformat": 4,
            "nbformat_minor": source.nbformat_minor,
            "metadata": {"kernelspec": KERNELSPEC, "language_info": {"name": "python"},
                         **_learner_metadata(source)},
            "cells": cells,
        }
    )


def _learner_metadata(source: NotebookNode) -> dict[str, Any]:
    """The course metadata a learner's copy keeps: the minutes the exercise states in its
    overview (``kamlib.minutes``, checked against the course's time rule). The syllabus and
    the test parameters are the instructor's."""
    minutes = source.metadata.get("kamlib", {}).get("minutes")
    return {} if minutes is None else {"kamlib": {"minutes": minutes}}


def _render(notebook: Any) -> str:
    return nbformat.writes(notebook) + "\n"


def existing_folder(field: str, path: Any) -> Path:
    """Return ``path`` resolved if it is an existing folder; the error shows the whole path.

    Parameters
    ----------
    field : str
        The parameter's name, for the error message.
    path : str or Path
        The folder.

    Returns
    -------
    Path
        ``path``, absolute.

    Raises
    ------
    KamValueError
        If ``path`` is no path or no existing folder.

    Examples
    --------
    >>> existing_folder("out_dir", ".").is_absolute()
    True
    >>> existing_folder("out_dir", "no such folder")
    Traceback (most recent call last):
    ...
    kamlib.validation.KamValueError: out_dir: got 'no such folder'; expected an existing folder.
    """
    if not isinstance(path, (str, Path)):
        raise fail(field, path, _("the path of an existing folder"))
    if not Path(path).is_dir():
        raise KamValueError(f"{field}: got '{path}'; expected an existing folder.")
    return Path(path).resolve()


def _sources(source_dir: Path) -> dict[str, str]:
    """Release file name -> expected release text, for every source notebook."""
    expected = {}
    #: each edition: the English notebooks, and the Chinese ones written by tools/translate.py
    paths = sorted(source_dir.glob("*.ipynb")) + sorted(source_dir.glob("zh/*.ipynb"))
    for path in paths:
        try:
            notebook = nbformat.read(path, as_version=4)
        except Exception as error:  # nbformat raises several kinds for a damaged file
            raise fail("source notebook", path.name,
                _("a readable notebook ({error})").format(error=error)) from None
        name = path.relative_to(source_dir).as_posix()
        expected[name] = _render(release_notebook(notebook, name=name))
    return expected


def release(
    source_dir: str | Path = SOURCE_DIR, release_dir: str | Path = RELEASE_DIR
) -> list[Path]:
    """Write one learner notebook per source notebook into ``release_dir``; return the paths.

    Parameters
    ----------
    source_dir : str or Path, default the repository's ``exercises/source``
        The instructor's exercise notebooks, with solutions and hidden tests.
    release_dir : str or Path, default the repository's ``exercises/release``
        The learners' exercise notebooks.
        Created if missing; must lie outside ``source_dir``.

    Returns
    -------
    list of Path
        The learner notebooks written.

    Raises
    ------
    KamValueError
        If ``source_dir`` is no folder, ``release_dir`` lies inside it, or a source notebook
        has an unbalanced region marker.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> [path.name for path in release(SOURCE_DIR, Path(tempfile.mkdtemp()))][:2]
    ['capstone_my_account_plan.ipynb', 'exercise_1_kam_overview.ipynb']
    """
    source = existing_folder("source_dir", source_dir)
    if not isinstance(release_dir, (str, Path)):
        raise fail("release_dir", release_dir, _("a folder path"))
    target = Path(release_dir).resolve()
    if target == source or source in target.parents:
        raise fail("release_dir", str(release_dir),
            _("a folder outside source_dir {source}").format(source=source))
    expected = _sources(source)
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in expected.items():
        path = target / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def check_release_up_to_date(
    source_dir: str | Path = SOURCE_DIR, release_dir: str | Path = RELEASE_DIR
) -> list[str]:
    """Differences between the committed release and what :func:`release` would write.

    Parameters
    ----------
    source_dir : str or Path, default the repository's ``exercises/source``
        The instructor's exercise notebooks, with solutions and hidden tests.
    release_dir : str or Path, default the repository's ``exercises/release``
        The learners' exercise notebooks.

    Returns
    -------
    list of str
        One sentence per missing, stale or extra learner notebook; [] if up to date.

    Raises
    ------
    KamValueError
        If ``source_dir`` is no folder or a source notebook has an unbalanced marker.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> missing = check_release_up_to_date(SOURCE_DIR, Path(tempfile.mkdtemp()))
    >>> len(missing) == len(list(SOURCE_DIR.rglob("*.ipynb")))
    True
    >>> missing[0].endswith("missing; run `make release`.")
    True
    """
    expected = _sources(existing_folder("source_dir", source_dir))
    if not isinstance(release_dir, (str, Path)):
        raise fail("release_dir", release_dir, _("a folder path"))
    target = Path(release_dir)
    command = "run `make release`"
    differences = []
    for name, text in expected.items():
        path = target / name
        if not path.is_file():
            differences.append(f"{path}: missing; {command}.")
        elif path.read_text(encoding="utf-8") != text:
            cell = _first_different_cell(path.read_text(encoding="utf-8"), text)
            differences.append(f"{path}: out of date ({cell}); {command}.")
    released = [*target.glob("*.ipynb"), *target.glob("zh/*.ipynb")]
    extra = sorted(set(p.relative_to(target).as_posix() for p in released) - set(expected))
    differences += [f"{target / name}: has no source notebook; delete it." for name in extra]
    return differences


def _first_different_cell(actual: str, expected: str) -> str:
    try:
        actual_cells = json.loads(actual).get("cells", [])
    except json.JSONDecodeError:
        return "not valid JSON"
    expected_cells = json.loads(expected)["cells"]
    for index, (mine, theirs) in enumerate(zip(actual_cells, expected_cells, strict=False)):
        if mine != theirs:
            return f"first difference in cell {index + 1}"
    if len(actual_cells) != len(expected_cells):
        return f"{len(actual_cells)} cells instead of {len(expected_cells)}"
    return "notebook metadata or formatting differs"


# --- leak scan -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Leak:
    """Something of the instructor's found in a released file.

    Parameters
    ----------
    file : str
        The file, relative to the scanned folder.
    cell : int
        The cell (of a notebook) or line (of a text file), counted from 1.
    kind : str
        What was found, e.g. "instructor line" or "answer".
    detail : str
        The text found.

    Examples
    --------
    >>> str(Leak("ex1.ipynb", 3, "answer", "0.623"))
    'ex1.ipynb cell 3: answer: 0.623'
    """

    file: str
    cell: int
    kind: str
    detail: str

    def __str__(self) -> str:
        return f"{self.file} cell {self.cell}: {self.kind}: {self.detail}"


def _cell_lines(cell: Any) -> list[str]:
    """The lines of a cell's source and of its text outputs."""
    texts = [cell.get("source", "")]
    for output in cell.get("outputs", []):
        texts.append(output.get("text", ""))
        texts.append(output.get("evalue", ""))
        for value in output.get("data", {}).values():
            texts.append(value if isinstance(value, str) else "".join(value))
    return [line for text in texts for line in str(text).splitlines()]


def _meaningful(lines: Iterable[str]) -> set[str]:
    return {line.strip() for line in lines if any(ch.isalnum() for ch in line)}


def public_lines(folder: Path) -> set[str]:
    """The lines of the notebooks under ``folder`` (sources and outputs): course material
    every learner has (the lectures), so an instructor line equal to one is no leak.

    Parameters
    ----------
    folder : Path
        A folder of notebooks learners have anyway (the lectures).

    Returns
    -------
    set of str
        Their meaningful lines (blank lines and bare punctuation left out).

    Examples
    --------
    >>> lectures = public_lines(REPO_ROOT / "notebooks")
    >>> len(lectures) > 100
    True
    """
    lines: set[str] = set()
    for path in sorted(folder.rglob("*.ipynb")):
        notebook = nbformat.read(path, as_version=4)
        lines |= _meaningful(line for cell in notebook.cells for line in _cell_lines(cell))
    return lines


def _secret_lines(source_dir: Path) -> set[str]:
    """Lines of the sources (code, text, outputs) that no correct release contains."""
    everything, visible = set(), set()
    for path in [*sorted(source_dir.glob("*.ipynb")), *sorted(source_dir.glob("zh/*.ipynb"))]:
        notebook = nbformat.read(path, as_version=4)
        everything |= _meaningful(line for cell in notebook.cells for line in _cell_lines(cell))
        released = release_notebook(notebook, name=path.name)
        visible |= _meaningful(line for cell in released.cells for line in _cell_lines(cell))
    return everything - visible


def answer_forms(value: Any) -> set[str]:
    """The ways an expected answer could be written out in a notebook, for the leak scan.

    Numbers with at least three significant digits (to 1–4 decimals, and as a percent of a
    fraction), each form keeping three significant digits or more; text of four or more
    characters; lists of ids as written in Python or joined by commas. Short numbers would
    match too much ordinary text, and tables are not searched.

    Parameters
    ----------
    value : object
        An expected answer (a number, a text, a list of ids …).

    Returns
    -------
    set of str
        The written forms to search for; empty if the answer is too short to search.

    Examples
    --------
    >>> sorted(answer_forms(1234))
    ['1,234', '1234']
    >>> answer_forms(7)
    set()
    """
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, bool):
        return set()
    if isinstance(value, int) or (isinstance(value, float) and float(value).is_integer()):
        number = int(value)
        return {str(number), f"{number:,}"} if abs(number) >= 100 else set()
    if isinstance(value, float):
        significant = f"{abs(value):.4g}".replace(".", "").strip("0")
        if len(significant) < 3:
            return set()
        forms = {f"{value:.{d}f}" for d in (1, 2, 3, 4)} | {
            f"{value * 100:.{d}f}" for d in (1, 2)}
        return {form for form in forms if len(form.lstrip("-0.").replace(".", "")) >= 3}
    if isinstance(value, str):
        return {value.strip()} if len(value.strip()) >= 4 else set()
    if isinstance(value, (list, tuple)) and all(isinstance(item, str) for item in value):
        items = list(value)
        return {repr(items), repr(sorted(items)), ", ".join(items), ", ".join(sorted(items))}
    return set()


def _expected_answers() -> list[Any]:
    from kamlib.exercises.tasks import task_spec
    from kamlib.grading.expected import expected_answers

    # A choice's key is one of the options every learner sees: not a leak to look for.
    return [answer for task_id, answer in expected_answers().items()
            if task_spec(task_id).kind != "choice"]


#: Text files of a learner bundle searched for answers and markers besides the notebooks.
TEXT_SUFFIXES = (".py", ".md", ".json", ".toml", ".txt", ".cfg")


def _answer_pattern(values: Iterable[Any]) -> re.Pattern[str] | None:
    forms = set().union(*(answer_forms(value) for value in values))
    if not forms:
        return None
    return re.compile("|".join(rf"(?<![\w.]){re.escape(form)}(?![\w])" for form in sorted(forms)))


def _line_leaks(where: str, number: int, line: str, secrets: set[str],
                answer_pattern: re.Pattern[str] | None) -> list[Leak]:
    found = []
    trace = _MARKER_TRACE.search(line)
    if trace:
        found.append(Leak(where, number, "marker", trace.group(0)))
    if line.strip() in secrets:
        found.append(Leak(where, number, "instructor line", line.strip()))
    answer = answer_pattern.search(line) if answer_pattern else None
    if answer:
        found.append(Leak(where, number, "expected answer", answer.group(0)))
    return found


def leak_scan(
    release_dir: str | Path = RELEASE_DIR,
    *,
    source_dir: str | Path = SOURCE_DIR,
    answers: Iterable[Any] | None = None,
    text_files: bool = False,
    public: set[str] | None = None,
) -> list[Leak]:
    """Find instructor material in a released folder; an empty list means safe.

    Looks, in every notebook under ``release_dir`` (sources and outputs), for region
    markers, ``instructor`` cells, any line of the sources that the release must not contain
    (solutions, hidden tests, mark schemes, instructor cells, instructor outputs) and the
    expected ``answers`` (default: every task's expected answer, as written out by
    :func:`answer_forms`). With ``text_files``, the other text files (:data:`TEXT_SUFFIXES`,
    e.g. a learner bundle's Python sources) are searched for markers and answers too.
    ``public``: lines learners have anyway (see :func:`public_lines`), never instructor lines.

    Parameters
    ----------
    release_dir : str or Path, default the repository's ``exercises/release``
        The learners' exercise notebooks.
    source_dir : str or Path, default the repository's ``exercises/source``
        The instructor's exercise notebooks, with solutions and hidden tests.
    answers : iterable, optional
        The expected answers to look for (default: every task's, on the case data).
    text_files : bool, default False
        Also search the other text files (e.g. a learner bundle's Python sources).
    public : set of str, optional
        Lines learners have anyway; never counted as leaks.

    Returns
    -------
    list of Leak
        What was found; [] means the release is safe to hand out.

    Raises
    ------
    KamValueError
        If either folder does not exist.

    Examples
    --------
    >>> import shutil, tempfile
    >>> from pathlib import Path
    >>> release_dir = Path(tempfile.mkdtemp())
    >>> _ = release(SOURCE_DIR, release_dir)
    >>> leak_scan(release_dir, answers=[])
    []
    >>> _ = shutil.copy(SOURCE_DIR / "exercise_1_kam_overview.ipynb", release_dir)  # solutions!
    >>> "instructor line" in {leak.kind for leak in leak_scan(release_dir, answers=[])}
    True
    """
    release_path = existing_folder("release_dir", release_dir)
    secrets = _secret_lines(existing_folder("source_dir", source_dir)) - (public or set())
    answer_pattern = _answer_pattern(_expected_answers() if answers is None else answers)
    leaks = []
    for path in sorted(release_path.rglob("*.ipynb")):
        where = str(path.relative_to(release_path))
        try:
            notebook = nbformat.read(path, as_version=4)
        except Exception as error:  # nbformat raises several kinds for a damaged file
            leaks.append(Leak(where, 0, "unreadable", str(error)))
            continue
        for number, cell in enumerate(notebook.cells, start=1):
            if _is_instructor(cell):
                leaks.append(Leak(where, number, "instructor cell", "tagged 'instructor'"))
            for line in _cell_lines(cell):
                leaks += _line_leaks(where, number, line, secrets, answer_pattern)
    if text_files:
        for path in sorted(release_path.rglob("*")):
            if path.suffix not in TEXT_SUFFIXES or not path.is_file():
                continue
            where = str(path.relative_to(release_path))
            lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
            for number, line in enumerate(lines, start=1):
                leaks += _line_leaks(where, number, line, set(), answer_pattern)
    return leaks
