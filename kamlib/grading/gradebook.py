"""The gradebook (CSV and Excel) and the sheet of written answers the trainer marks by hand.

Built from the graded results in ``RESULTS/learners/*.json`` and the trainer's marks in
``RESULTS/manual_marks.csv``, so it can be rebuilt at any time without running anything:
``python -m kamlib.grading gradebook RESULTS`` after marking.

The marks sheet lists every written answer (learner, exercise, task, question, the answer,
the points it is worth); the trainer fills ``mark`` (0 to the points) and, if they wish,
``comment``. Rebuilding keeps every mark and comment, refreshes the answers, and flags an
answer that changed after it was marked. Marks count in the totals.

Every text cell that a spreadsheet could read as a formula (starting with ``= + - @``, a tab
or a carriage return) is written with a leading apostrophe, in the CSV and in Excel.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from kamlib.grading.course import Exercise
from kamlib.i18n import _

MARKS_FILE = "manual_marks.csv"
GRADEBOOK_CSV = "gradebook.csv"
GRADEBOOK_XLSX = "gradebook.xlsx"
MARK_COLUMNS = ["learner", "exercise", "task", "question", "points", "answer", "mark", "comment",
                "answer_id", "changed_since_marked"]
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """A text a spreadsheet would run as a formula, made plain text; other values unchanged.

    Examples
    --------
    >>> neutralise("=1+1")
    "'=1+1"
    >>> neutralise(-3)
    -3
    """
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with every text cell and header neutralised (see :func:`neutralise`)."""
    safe = frame.rename(columns=neutralise)
    for column in safe.columns:
        if not pd.api.types.is_numeric_dtype(safe[column]):
            safe[column] = safe[column].map(neutralise)
    return safe


def _unquote(value: str) -> str:
    return value[1:] if value.startswith("'") and value[1:].startswith(_FORMULA_STARTS) else value


def load_results(out_dir: Path) -> list[dict[str, Any]]:
    """The graded learners' results written so far, by learner name."""
    folder = Path(out_dir) / "learners"
    results = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.json"))]
    return sorted(results, key=lambda r: r["learner"])


def _blank(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _leaves(value: Any, path: str = "") -> list[tuple[str, Any]]:
    """(path, value) of every filled field of nested dicts ("answers / price / explore")."""
    if isinstance(value, Mapping):
        return [leaf for key, item in value.items()
                for leaf in _leaves(item, f"{path} / {key}" if path else str(key))]
    if isinstance(value, list) and all(not isinstance(item, (Mapping, list)) for item in value):
        value = ", ".join(map(str, value))
    return [] if _blank(value) else [(path, value)]


def _answer_text(answer: Any) -> str:
    """A written answer as the trainer reads it in the marks sheet: a text as written; a
    table one row per line ("feature: …; benefit: …"); a course widget's answer one line per
    filled field. Empty fields are left out."""
    if isinstance(answer, str):
        return answer
    if isinstance(answer, list) and all(isinstance(row, Mapping) for row in answer):
        rows = ["; ".join(f"{key}: {value}" for key, value in _leaves(row)) for row in answer]
        return "\n".join(row for row in rows if row)
    if isinstance(answer, Mapping):
        return "\n".join(f"{key}: {value}" for key, value in _leaves(answer))
    return json.dumps(answer, ensure_ascii=False)


def _answer_id(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def read_marks(path: Path) -> dict[tuple[str, str], dict[str, str]]:
    """The trainer's marks sheet as it stands: (learner, task) → row (texts as typed)."""
    if not path.is_file():
        return {}
    data = path.read_bytes()
    try:  # as written; Excel may save it in the machine's Chinese encoding instead
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("gb18030", errors="replace")
    rows = {}
    for row in csv.DictReader(io.StringIO(text, newline="")):
        learner, task = _unquote(row.get("learner") or ""), row.get("task") or ""
        if learner and task:
            rows[(learner, task)] = {key: (value or "").strip() for key, value in row.items()
                                     if key is not None}
    return rows


def mark_value(text: str, points: float) -> float | None:
    """A mark typed in the sheet (a decimal comma is fine), if it is from 0 to ``points``."""
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        return None
    return value if 0 <= value <= points else None


def _written(results: list[dict[str, Any]], exercises: list[Exercise]) -> list[dict[str, Any]]:
    questions = {e.task_id: e.spec.say(e.spec.prompt) for ex in exercises for e in ex.tasks}
    rows = []
    for result in results:
        for name, exercise in result["exercises"].items():
            for task, verdict in exercise["tasks"].items():
                if verdict["status"] != "to mark":
                    continue
                text = _answer_text(verdict["answer"])
                rows.append({"learner": result["learner"], "exercise": name, "task": task,
                             "question": questions.get(task, ""), "points": verdict["possible"],
                             "answer": text, "answer_id": _answer_id(text)})
    return rows


def merge_marks(out_dir: Path, results: list[dict[str, Any]], exercises: list[Exercise]
                ) -> tuple[dict[tuple[str, str], float], list[str]]:
    """Rewrite the marks sheet (marks and comments kept); return the marks and the problems
    (a mark that is not a number from 0 to the task's points is ignored)."""
    path = Path(out_dir) / MARKS_FILE
    old = read_marks(path)
    rows, marks, problems = [], {}, []
    for row in _written(results, exercises):
        before = old.get((row["learner"], row["task"]), {})
        mark, comment = before.get("mark", ""), before.get("comment", "")
        if mark:
            value = mark_value(mark, row["points"])
            if value is None:
                problems.append(_("{file}: mark {mark!r} of {learner} task {task} is not a "
                                  "number from 0 to {points:g}; ignored.").format(
                    file=MARKS_FILE, mark=mark, learner=row["learner"], task=row["task"],
                    points=row["points"]))
            else:
                marks[(row["learner"], row["task"])] = value
        changed = bool(mark) and before.get("answer_id") not in ("", None, row["answer_id"])
        rows.append({**row, "mark": mark, "comment": comment,
                     "changed_since_marked": _("yes") if changed else ""})
    frame = safe_frame(pd.DataFrame(rows, columns=MARK_COLUMNS))
    text = io.StringIO()
    frame.to_csv(text, index=False)
    path.write_text(text.getvalue(), encoding="utf-8-sig")
    return marks, problems


def gradebook_frame(results: list[dict[str, Any]], exercises: list[Exercise],
                    marks: Mapping[tuple[str, str], float]) -> pd.DataFrame:
    """One row per learner: points per task, score/possible/submitted per exercise, totals."""
    rows = []
    for result in results:
        row: dict[str, Any] = {"learner": result["learner"]}
        total = possible = to_mark = 0.0
        for exercise in exercises:
            graded = result["exercises"].get(exercise.name, {"tasks": {}})
            score = 0.0
            for entry in exercise.tasks:
                task = graded["tasks"].get(entry.task_id, {"points": 0.0, "status": ""})
                points = task["points"]
                if task["status"] == "to mark":
                    points = marks.get((result["learner"], entry.task_id))
                    to_mark += points is None
                    points = points or 0.0
                row[entry.task_id] = points
                score += points
            row[f"{exercise.name}: score"] = round(score, 4)
            row[f"{exercise.name}: possible"] = exercise.possible
            row[f"{exercise.name}: submitted"] = result["submitted"].get(exercise.file_name, "")
            total, possible = total + score, possible + exercise.possible
        notes = list(result["problems"])
        for name, graded in result["exercises"].items():
            run = graded.get("run") or {}
            notes += [f"{name}: {problem}" for problem in run.get("problems", [])]
            if graded["notebook"]["state"] in ("refused", "unreadable"):
                notes.append(f"{name}: {graded['notebook']['detail']}")
        row.update({"total": round(total, 4), "possible": possible,
                    "percent": round(100 * total / possible, 1) if possible else 0.0,
                    "to mark": int(to_mark), "sandbox": result["sandbox"],
                    "notes": "; ".join(notes)})
        rows.append(row)
    return pd.DataFrame(rows)


def tasks_frame(results: list[dict[str, Any]]) -> pd.DataFrame:
    """One row per learner and task: points, possible, status, answer source and message."""
    rows = [
        {"learner": r["learner"], "exercise": name, "task": task, "points": t["points"],
         "possible": t["possible"], "status": t["status"], "source": t["source"],
         "message": t["message"]}
        for r in results for name, ex in r["exercises"].items() for task, t in ex["tasks"].items()
    ]
    return pd.DataFrame(rows, columns=["learner", "exercise", "task", "points", "possible",
                                       "status", "source", "message"])


def write_gradebook(out_dir: str | Path, exercises: list[Exercise], excel: bool = True
                    ) -> pd.DataFrame:
    """(Re)write the marks sheet and the gradebook from the results in ``out_dir``.

    Returns the gradebook table (before neutralising).
    """
    out = Path(out_dir)
    results = load_results(out)
    marks, problems = merge_marks(out, results, exercises)
    table = gradebook_frame(results, exercises, marks)
    text = io.StringIO()
    safe_frame(table).to_csv(text, index=False)
    (out / GRADEBOOK_CSV).write_text(text.getvalue(), encoding="utf-8-sig")
    if excel:
        with pd.ExcelWriter(out / GRADEBOOK_XLSX, engine="openpyxl") as writer:
            safe_frame(table).to_excel(writer, sheet_name="Gradebook", index=False)
            safe_frame(tasks_frame(results)).to_excel(writer, sheet_name="Tasks", index=False)
    for problem in problems:
        print(problem)
    return table


__all__ = ["GRADEBOOK_CSV", "GRADEBOOK_XLSX", "MARKS_FILE", "gradebook_frame", "load_results",
           "mark_value", "merge_marks", "neutralise", "read_marks", "safe_frame", "tasks_frame",
           "write_gradebook"]
