"""The learner bundle: what a learner's machine or the classroom hub needs, and nothing more.

``make release`` writes it to ``build/learner-bundle/``::

    notebooks/*.ipynb          the lectures
    exercises/*.ipynb          the released exercises (no solution, code folded)
    exercises/data/            files the exercises read (a sample CRM export)
    kamlib/                    the course package WITHOUT kamlib/grading (no solution, no
                               expected answer), with the answer key of the course secret
                               and the case company's data (kamlib/data/)
    pyproject.toml, README.md  ``pip install -e <bundle>`` installs it (see README.md)
    manifest.json              every file with its size and SHA-256, the key's fingerprint

:func:`scan_bundle` proves it safe: no grading package, no import of it, no solution or
hidden-test line, no expected answer written anywhere (notebook sources and outputs, Python
and text files), no function of the bundle that returns an expected answer (each function
that needs no argument is called and its result compared), and no task text that names its
right option.
"""

from __future__ import annotations

import ast
import datetime as dt
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from kamlib.exercises.feedback import KEY_FORMAT
from kamlib.exercises.tasks import task_spec
from kamlib.grading.expected import expected_answers
from kamlib.grading.keys import build_answer_key, course_secret, render_answer_key
from kamlib.grading.release import RELEASE_DIR, REPO_ROOT, SOURCE_DIR, leak_scan, public_lines
from kamlib.i18n import _
from kamlib.validation import KamValueError

BUNDLE_DIR = REPO_ROOT / "build" / "learner-bundle"
MANIFEST = "manifest.json"
PACKAGE = REPO_ROOT / "kamlib"
_IGNORED = shutil.ignore_patterns("__pycache__", "*.pyc", ".ipynb_checkpoints")
_GRADER_PARTS = ("grading",)
_README = """\
# Key account management course: learner bundle

Made by `make release` on {created}. Contents: `notebooks/` (the lectures), `exercises/`
(the exercises) and `kamlib/` (the course package the notebooks run on, with the case data).

Install once, into the Python environment of JupyterLab:

    pip install -e .

(`-e` keeps the package in this folder; make the folder read-only for learners.) Each
learner then opens a copy of `notebooks/00_start_here.ipynb`.
Answers are entered in widgets and saved in the learner's workbook file (`KAMLIB_WORKBOOK`);
the trainer collects that file with the notebooks for grading.

This bundle holds no solution and no expected answer: instant feedback compares salted
hashes (`kamlib/exercises/answer_key.json`). `manifest.json` lists every file with its SHA-256.
"""


def _pyproject() -> str:
    """The bundle's pyproject.toml: the course's, without the test extras and the grader."""
    import tomli_w

    try:
        import tomllib
    except ModuleNotFoundError:  # pragma: no cover - Python 3.10
        import tomli as tomllib

    data = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    project = {key: value for key, value in data["project"].items()
               if key not in ("optional-dependencies",)}
    package_data = dict(data["tool"]["setuptools"]["package-data"])
    shipped = package_data.get("kamlib", [])
    key = "exercises/answer_key.json"
    package_data["kamlib"] = shipped if key in shipped else [*shipped, key]
    bundle = {
        "build-system": data["build-system"],
        "project": project,
        "tool": {"setuptools": {"packages": {"find": {"include": ["kamlib*"],
                                                      "exclude": ["kamlib.grading*"]}},
                                "package-data": package_data}},
    }
    return tomli_w.dumps(bundle)


def _copy_package(target: Path, secret: str) -> None:
    shutil.copytree(PACKAGE, target / "kamlib",
                    ignore=lambda folder, names: [
                        *_IGNORED(folder, names),
                        *(n for n in names if Path(folder) == PACKAGE and n in _GRADER_PARTS)])
    key = build_answer_key(secret)
    (target / "kamlib" / "exercises" / "answer_key.json").write_text(render_answer_key(key),
                                                                     encoding="utf-8")


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write_bundle(target: str | Path = BUNDLE_DIR, *, secret: str | None = None,
                 release_dir: str | Path = RELEASE_DIR) -> Path:
    """Write the learner bundle to ``target`` (replacing an earlier bundle); return it.

    Parameters
    ----------
    target : str or Path
        The bundle folder; an existing folder is replaced only if it is an earlier bundle
        (it holds ``manifest.json``) or empty.
    secret : str, optional
        The course secret (default: :func:`kamlib.grading.keys.course_secret`).
    release_dir : str or Path
        The released exercise notebooks (written by :func:`kamlib.grading.release.release`).

    Returns
    -------
    Path
        The bundle folder, absolute.

    Raises
    ------
    KamValueError
        If ``target`` is a folder that is not an earlier bundle.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "my notes.txt").write_text("not a bundle")
    >>> write_bundle(folder)  # doctest: +IGNORE_EXCEPTION_DETAIL
    Traceback (most recent call last):
    ...
    kamlib.validation.KamValueError: bundle folder: got '...'; expected an earlier learner bundle
    """
    target = Path(target).resolve()
    if target.exists():
        if not (target / MANIFEST).is_file() and any(target.iterdir()):
            raise KamValueError(_("bundle folder: got '{path}'; expected an earlier learner "
                                  "bundle (with {manifest}) or a new folder.").format(
                path=target, manifest=MANIFEST))
        shutil.rmtree(target)
    secret = course_secret() if secret is None else secret
    target.mkdir(parents=True)
    _copy_package(target, secret)
    shutil.copytree(REPO_ROOT / "notebooks", target / "notebooks", ignore=_IGNORED)
    exercises = target / "exercises"
    shutil.copytree(Path(release_dir), exercises, ignore=_IGNORED)
    data = REPO_ROOT / "exercises" / "data"
    if data.is_dir():
        shutil.copytree(data, exercises / "data", ignore=_IGNORED)
    created = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    (target / "pyproject.toml").write_text(_pyproject(), encoding="utf-8")
    (target / "README.md").write_text(_README.format(created=created), encoding="utf-8")
    key = json.loads((target / "kamlib" / "exercises" / "answer_key.json").read_text())
    files = [
        {"path": path.relative_to(target).as_posix(), "bytes": path.stat().st_size,
         "sha256": _sha256(path)}
        for path in sorted(target.rglob("*")) if path.is_file()
    ]
    manifest = {
        "name": "kamlib learner bundle",
        "created": created,
        "answer_key": {"format": KEY_FORMAT, "tasks": len(key["digests"]),
                       "salt_fingerprint": hashlib.sha256(key["salt"].encode()).hexdigest()[:16]},
        "files": files,
    }
    (target / MANIFEST).write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    return target


# --- proving it safe ---------------------------------------------------------------------------

#: Runs inside a separate Python on the bundle: calls every function that needs no argument
#: in the bundle's kamlib and prints those whose result is an expected answer.
_CALL_SCAN = r'''
import importlib, inspect, json, math, pkgutil, sys, warnings
warnings.simplefilter("ignore")
expected = json.loads(sys.stdin.read())
import kamlib

def same(result, task):
    wanted, kind, tolerance = task["answer"], task["compare"], task["tolerance"]
    if kind == "number":
        return (isinstance(result, (int, float)) and not isinstance(result, bool)
                and math.isfinite(result) and abs(result - wanted) <= max(tolerance, 1e-9))
    if kind in ("exact",):
        return isinstance(result, str) and result.strip().casefold() == str(wanted).casefold()
    if kind in ("set", "sequence"):
        if isinstance(result, (str, bytes)) or not isinstance(result, (list, tuple, set)):
            return False
        mine = [str(x).strip().upper() for x in result]
        theirs = [str(x).strip().upper() for x in wanted]
        return mine == theirs if kind == "sequence" else sorted(set(mine)) == sorted(set(theirs))
    return isinstance(result, dict) and result == wanted

found = []
for info in pkgutil.walk_packages(kamlib.__path__, "kamlib."):
    try:
        module = importlib.import_module(info.name)
    except Exception:
        continue
    for name, item in vars(module).items():
        if not inspect.isfunction(item) or item.__module__ != module.__name__:
            continue
        try:
            needed = [p for p in inspect.signature(item).parameters.values()
                      if p.default is p.empty and p.kind in (p.POSITIONAL_ONLY,
                                                             p.POSITIONAL_OR_KEYWORD,
                                                             p.KEYWORD_ONLY)]
        except (TypeError, ValueError):
            continue
        if needed:
            continue
        try:
            result = item()
        except Exception:
            continue
        for task_id, task in expected.items():
            if same(result, task):
                found.append(f"{module.__name__}.{name}() returns the answer of task {task_id}")
print(json.dumps({"kamlib": kamlib.__file__, "found": found}))
'''


def _calls_returning_answers(folder: Path, answers: dict[str, Any], work: Path) -> list[str]:
    tasks = {}
    for task_id, answer in answers.items():
        spec = task_spec(task_id)
        tasks[task_id] = {"answer": answer, "compare": spec.compare,
                          "tolerance": spec.tolerance}
    env = {**os.environ, "PYTHONPATH": str(folder), "KAMLIB_WORKBOOK": str(work / "wb.json"),
           "MPLBACKEND": "Agg", "KAMLIB_SETTINGS": os.environ.get("KAMLIB_SETTINGS", "")}
    done = subprocess.run([sys.executable, "-c", _CALL_SCAN], input=json.dumps(tasks),
                          capture_output=True, text=True, env=env, cwd=work, timeout=600)
    try:
        report = json.loads(done.stdout.strip().splitlines()[-1])
    except (IndexError, ValueError):
        return [_("the call scan failed: {error}").format(error=done.stderr[-300:])]
    problems = list(report["found"])
    if not Path(report["kamlib"]).resolve().is_relative_to(folder.resolve()):
        problems.append(_("the call scan imported kamlib from {path}, not from the bundle").format(
            path=report["kamlib"]))
    return problems


def _imports_grader(path: Path) -> bool:
    """Whether a Python file imports kamlib.grading (docstrings may name it)."""
    try:
        tree = ast.parse(path.read_text(encoding="utf-8"))
    except SyntaxError:
        return True
    for node in ast.walk(tree):
        if isinstance(node, ast.Import) and any(
                alias.name.startswith("kamlib.grading") for alias in node.names):
            return True
        if isinstance(node, ast.ImportFrom) and node.module and (
                node.module.startswith("kamlib.grading")
                or (node.module == "kamlib" and any(a.name == "grading" for a in node.names))):
            return True
    return False


def _texts_naming_answers(answers: dict[str, Any]) -> list[str]:
    problems = []
    for task_id, answer in answers.items():
        spec = task_spec(task_id)
        if spec.kind not in ("choice", "tick"):
            continue
        right = {answer} if isinstance(answer, str) else set(answer)
        labels = [label for key, label in spec.choices() if key in right]
        others = [label for key, label in spec.choices() if key not in right]
        for text in (spec.why, spec.hint):
            named = [label for label in labels if _names(text, label)
                     and not any(_names(other, label) for other in others)]
            if named:
                problems.append(_("task {task}: its why or hint names the right option "
                                  "{option!r}").format(task=task_id, option=named[0]))
    return problems


def _names(text: str, label: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(label)}(?!\w)", text, re.IGNORECASE) is not None


def scan_bundle(folder: str | Path = BUNDLE_DIR, *, source_dir: str | Path = SOURCE_DIR
                ) -> list[str]:
    """Everything in a learner bundle that would help a learner to an answer; [] if none.

    Looks for the grading tools, code that imports them, instructor material and expected
    answers in the bundle's notebooks and text files, and runs a learner-style call of the
    grader to prove it is absent.

    Parameters
    ----------
    folder : str or Path, default the repository's ``build/learner-bundle``
        The bundle written by :func:`write_bundle`.
    source_dir : str or Path, default the repository's ``exercises/source``
        The instructor's exercise notebooks, with solutions and hidden tests.

    Returns
    -------
    list of str
        One sentence per problem; [] means the bundle is safe to hand out.

    Raises
    ------
    KamValueError
        If ``source_dir`` is no folder.

    Examples
    --------
    >>> bundle = write_bundle()  # doctest: +SKIP
    >>> scan_bundle(bundle)  # doctest: +SKIP
    []
    """
    import tempfile

    folder = Path(folder).resolve()
    problems = []
    if (folder / "kamlib" / "grading").exists():
        problems.append(_("kamlib/grading is in the bundle"))
    for path in sorted((folder / "kamlib").rglob("*.py")):
        if _imports_grader(path):
            problems.append(_("{file} imports kamlib.grading").format(
                file=path.relative_to(folder)))
    lectures = public_lines(folder / "notebooks")
    problems += [str(leak) for leak in leak_scan(folder, source_dir=source_dir, text_files=True,
                                                 public=lectures)]
    answers = expected_answers()
    problems += _texts_naming_answers(answers)
    with tempfile.TemporaryDirectory(prefix="kamlib-scan-") as work:
        problems += _calls_returning_answers(folder, answers, Path(work))
    return problems


__all__ = ["BUNDLE_DIR", "MANIFEST", "scan_bundle", "write_bundle"]
