"""The learner's workbook: one JSON file per learner that keeps what they entered in widgets.

**Where.** ``<user data folder>/workbook/<learner>.json``, the user data folder being
``platformdirs.user_data_path("kamlib")`` (Linux ``~/.local/share/kamlib``, macOS
``~/Library/Application Support/kamlib``, Windows ``%LOCALAPPDATA%\\kamlib\\kamlib``), so the
work survives updating or reinstalling the course. ``KAMLIB_LEARNER`` names the learner
(default ``learner``); ``KAMLIB_WORKBOOK`` names another file, and :func:`set_workbook_path`
takes precedence over both. Learner names follow one rule, :func:`check_learner_name`.

**Format** (read without kamlib, e.g. by a grader): a UTF-8 JSON object ``{section: value}``
with one reserved key, ``"__kamlib__"``, holding metadata:
``{"format": 1, "revisions": {section: n}}`` where ``n`` counts the saves of that section.

**Safety.** Writes take a lock (a thread lock and, on POSIX, ``fcntl`` on ``<file>.lock``),
re-read the file, change only their own section and replace the file atomically (a temporary
file in the same folder, then ``os.replace``), so sections written by other widgets or
kernels are kept; a symlinked workbook stays a link and its target is replaced. Reading
needs no lock and no write access. A file that cannot be read as a workbook (not UTF-8, not
JSON, not an object, a value nested deeper than :data:`MAX_DEPTH`, larger than
:data:`MAX_FILE_BYTES`) is moved aside, never deleted, with a :class:`WorkbookRecoveryWarning`.
A failed write raises :class:`WorkbookSaveError` and leaves the old file as it was.
Temporary files of writers that were killed are removed after :data:`STALE_TEMP_SECONDS`.

**Concurrent edits.** :meth:`Workbook.set` with ``expected_revision`` refuses to overwrite a
section saved by someone else meanwhile (:class:`WorkbookConflict`);
:func:`kamlib.merging.merge_values` merges two edits of a section where its values are
collections of entries, as :meth:`Workbook.update` and the widgets do.
"""

from __future__ import annotations

import contextlib
import copy
import errno
import json
import os
import re
import shutil
import stat
import sys
import tempfile
import threading
import time
import unicodedata
import warnings
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from kamlib import _markdown
from kamlib.i18n import _
from kamlib.merging import merge_values
from kamlib.validation import KamValueError, check_bool, check_text, fail

try:  # POSIX: lock the file across processes too.
    import fcntl
except ImportError:  # pragma: no cover - Windows: the in-process lock still applies.
    fcntl = None

#: The application name of the per-user data folder (``platformdirs``).
APP_NAME = "kamlib"
DEFAULT_LEARNER = "learner"
#: The reserved top-level key of the workbook file that holds kamlib's metadata.
META_KEY = "__kamlib__"
FORMAT_VERSION = 1
#: A workbook file larger than this is not read (a learner's work takes a few kilobytes).
MAX_FILE_BYTES = 8 * 1024 * 1024
#: The deepest nesting of lists and objects a workbook (or a saved value) may have.
MAX_DEPTH = 32
MAX_SECTION_CHARS = 200
MAX_LEARNER_CHARS = 64
#: Temporary files of a writer that was killed are removed once they are this old.
STALE_TEMP_SECONDS = 10 * 60
_TEMP_MARK = ".kamlib-tmp-"
# Where the workbook lived before it moved to the user data folder (a course checkout).
_LEGACY_FOLDER = Path(__file__).resolve().parent.parent / "workbook"

_LEARNER_RULE = re.compile(r"[^\W_][\w.-]*", re.UNICODE)
_WINDOWS_DEVICES = {"con", "prn", "aux", "nul", *(f"com{n}" for n in range(1, 10)),
                    *(f"lpt{n}" for n in range(1, 10))}
_LEARNER_ALLOWED = (f"a name of 1 to {MAX_LEARNER_CHARS} letters or digits, with '.', '-' "
                    "or '_' inside, e.g. 'zhang.wei' or '张伟' (it names a file)")

_state: dict[str, Path | None] = {"path": None}
_shared: dict[Path, Workbook] = {}
_thread_locks: dict[Path, threading.RLock] = {}
_thread_locks_guard = threading.Lock()
#: The files whose lock this thread holds: a nested write (e.g. a widget's refresh while its
#: save settles a conflict) must not take the file lock a second time.
_held = threading.local()
_warned: set[tuple[str, int, int]] = set()


class WorkbookRecoveryWarning(UserWarning):
    """The workbook file could not be read; it was moved aside (or left) and a fresh one used.

    Examples
    --------
    >>> issubclass(WorkbookRecoveryWarning, UserWarning)
    True
    """


class WorkbookSaveError(KamValueError):
    """The workbook could not be written (disk full, folder read-only...); nothing changed.

    ``reason`` says why in the learner's words; ``path`` is the file that was not written.

    Parameters
    ----------
    path : Path
        The workbook file that was not written.
    reason : str
        Why, in the learner's words (e.g. "the disk is full").

    Examples
    --------
    >>> error = WorkbookSaveError(Path("me.json"), "the disk is full")
    >>> str(error)
    'Your work could not be saved in me.json: the disk is full. What was saved before is unchanged.'
    """

    def __init__(self, path: Path, reason: str) -> None:
        self.path, self.reason = path, reason
        super().__init__(
            _("Your work could not be saved in {path}: {reason}. "
              "What was saved before is unchanged.").format(path=shown_path(path), reason=reason)
        )


def shown_path(path: str | os.PathLike[str]) -> str:
    """``path`` as a message shows it: whole, or its start and end if very long.

    Parameters
    ----------
    path : str or path
        A file path.

    Returns
    -------
    str
        The path, at most 160 characters.

    Examples
    --------
    >>> shown_path("/home/li/" + "x" * 300 + "/me.json")[-12:]
    'xxxx/me.json'
    """
    text = os.fspath(path)
    return text if len(text) <= 160 else text[:60] + "..." + text[-97:]


@dataclass(frozen=True)
class SavedSection:
    """What the workbook holds for one section: its ``value`` (``None`` if nothing is saved)
    and its ``revision`` (how many times it was saved; 0 if never).

    Parameters
    ----------
    value : object
        The saved value, plain JSON data (None if nothing is saved).
    revision : int
        How many times the section was saved (0 if never).

    Examples
    --------
    >>> Workbook("nowhere/new.json").load("swot")
    SavedSection(value=None, revision=0)
    """

    value: Any
    revision: int


class WorkbookConflict(KamValueError):
    """A section was saved by someone else since the revision a writer expected.

    ``saved`` is the :class:`SavedSection` now in the file.

    Parameters
    ----------
    section : str
        The section's name.
    expected : int
        The revision the writer expected.
    saved : SavedSection
        What the file holds now.

    Examples
    --------
    >>> import tempfile
    >>> book = Workbook(Path(tempfile.mkdtemp()) / "me.json")
    >>> book.set("swot", {"strengths": []})
    1
    >>> book.set("swot", {}, expected_revision=0)
    Traceback (most recent call last):
    ...
    kamlib.workbook.WorkbookConflict: workbook section 'swot': got expected_revision=0; ...
    """

    def __init__(self, section: str, expected: int, saved: SavedSection) -> None:
        self.section, self.expected, self.saved = section, expected, saved
        super().__init__(
            f"workbook section {section!r}: got expected_revision={expected}; "
            f"expected {saved.revision}, the revision now saved (another widget, tab or "
            "kernel saved it meanwhile)."
        )


# ----- learners and paths ----------------------------------------------------------------

def check_learner_name(name: Any, *, field: str = "learner") -> str:
    """Return ``name`` if it can name a learner's workbook file, else raise.

    The one rule for every place a learner is named (``KAMLIB_LEARNER``,
    :func:`learner_workbook_path`, :func:`learner_workbooks`): 1 to 64 letters (any
    script) or digits, with ``.``, ``-`` or ``_`` inside; it starts with a letter or digit,
    does not end with ``.`` and is not a Windows device name (``con``, ``nul``...).

    Parameters
    ----------
    name : str
        The learner's name; surrounding spaces are dropped, Unicode is NFC-normalised.
    field : str
        The name of the field, for the error message.

    Returns
    -------
    str
        The name as it names the file.

    Raises
    ------
    KamValueError
        If ``name`` breaks the rule.

    Examples
    --------
    >>> check_learner_name(" zhang.wei ")
    'zhang.wei'
    >>> check_learner_name("张伟")
    '张伟'
    """
    if not isinstance(name, str):
        raise fail(field, name, _LEARNER_ALLOWED)
    text = unicodedata.normalize("NFC", name.strip())
    if (
        not 1 <= len(text) <= MAX_LEARNER_CHARS
        or not _LEARNER_RULE.fullmatch(text)
        or text.endswith(".")
        or text.split(".")[0].lower() in _WINDOWS_DEVICES
    ):
        raise fail(field, name, _LEARNER_ALLOWED)
    return text


def learner_name() -> str:
    """Return the learner's name from ``KAMLIB_LEARNER`` (default ``"learner"``).

    Returns
    -------
    str
        The name, as :func:`check_learner_name` returns it.

    Raises
    ------
    KamValueError
        If ``KAMLIB_LEARNER`` breaks :func:`check_learner_name`'s rule.

    Examples
    --------
    >>> learner_name() in ("learner", os.environ.get("KAMLIB_LEARNER", "").strip())
    True
    """
    name = os.environ.get("KAMLIB_LEARNER", "").strip() or DEFAULT_LEARNER
    return check_learner_name(name, field="KAMLIB_LEARNER")


def workbook_folder() -> Path:
    """Return the folder of the learners' workbooks in this user's data folder.

    ``platformdirs.user_data_path("kamlib") / "workbook"``; it may not exist yet.

    Returns
    -------
    Path
        The folder.

    Examples
    --------
    >>> workbook_folder().name
    'workbook'
    """
    import platformdirs

    return platformdirs.user_data_path(APP_NAME) / "workbook"


def learner_workbook_path(learner: str, *, folder: str | os.PathLike[str] | None = None) -> Path:
    """Return the workbook file of ``learner`` in ``folder`` (default :func:`workbook_folder`).

    Parameters
    ----------
    learner : str
        A learner's name (:func:`check_learner_name`).
    folder : str or os.PathLike, optional
        A folder of workbooks, e.g. the one an instructor collected the files into.

    Returns
    -------
    pathlib.Path
        ``<folder>/<learner>.json`` (it may not exist).

    Raises
    ------
    KamValueError
        For a bad learner name or folder.

    Examples
    --------
    >>> learner_workbook_path("zhang.wei", folder="collected").as_posix()
    'collected/zhang.wei.json'
    """
    name = check_learner_name(learner)
    return _check_folder("folder", folder) / f"{name}.json"


def learner_workbooks(folder: str | os.PathLike[str] | None = None) -> dict[str, Path]:
    """Return ``{learner: path}`` for the workbook files in ``folder``, by learner name.

    Only files named ``<learner>.json`` with a valid learner name count: files moved aside
    (``*.json.damaged-*``), lock files and temporary files are left out.

    Parameters
    ----------
    folder : str or os.PathLike, optional
        The folder to look in (default: :func:`workbook_folder`); it must exist.

    Returns
    -------
    dict of str to pathlib.Path

    Raises
    ------
    KamValueError
        If ``folder`` is not an existing folder.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     _ = (Path(folder) / "li.lei.json").write_text("{}", encoding="utf-8")
    ...     sorted(learner_workbooks(folder))
    ['li.lei']
    """
    where = _check_folder("folder", folder)
    if not os.path.isdir(where):
        raise fail("folder", str(where), _("an existing folder of workbook files"))
    found = {}
    for path in sorted(where.glob("*.json")):
        with contextlib.suppress(KamValueError):
            found[check_learner_name(path.stem)] = path
    return found


def set_workbook_path(path: str | os.PathLike[str] | None) -> Path:
    """Keep the workbook in ``path`` (a ``.json`` file) from now on; ``None`` restores the default.

    Takes precedence over ``KAMLIB_WORKBOOK`` and ``KAMLIB_LEARNER``.

    Parameters
    ----------
    path : str, os.PathLike or None
        The path of a ``.json`` file (it may not exist yet).

    Returns
    -------
    pathlib.Path
        The path now in use (:func:`workbook_path`).

    Raises
    ------
    KamValueError
        If ``path`` is not the path of a ``.json`` file.

    Examples
    --------
    >>> set_workbook_path("my_work.json").name
    'my_work.json'
    >>> _ = set_workbook_path(None)
    """
    _state["path"] = None if path is None else _check_path("path", path)
    return workbook_path()


def workbook_path() -> Path:
    """Return the current workbook file.

    :func:`set_workbook_path`, else ``KAMLIB_WORKBOOK``, else
    ``learner_workbook_path(learner_name())`` in this user's data folder.

    Returns
    -------
    pathlib.Path
        The file (it may not exist yet).

    Raises
    ------
    KamValueError
        If ``KAMLIB_WORKBOOK`` or ``KAMLIB_LEARNER`` is malformed.

    Examples
    --------
    >>> workbook_path().suffix
    '.json'
    """
    if _state["path"] is not None:
        return _state["path"]
    from_env = os.environ.get("KAMLIB_WORKBOOK", "").strip()
    if from_env:
        return _check_path("KAMLIB_WORKBOOK", from_env)
    return learner_workbook_path(learner_name())


def default_workbook() -> Workbook:
    """Return the shared :class:`Workbook` for the current path (one object per path).

    At the default location, a learner's workbook left in the course folder by an earlier
    version (``<course>/workbook/<learner>.json``) is copied there first, with a warning.

    Returns
    -------
    Workbook
        The same object for the same path, so every widget shares it.

    Raises
    ------
    KamValueError
        If ``KAMLIB_WORKBOOK`` or ``KAMLIB_LEARNER`` is malformed.

    Examples
    --------
    >>> default_workbook() is default_workbook()
    True
    """
    path = workbook_path()
    if path not in _shared:
        if _state["path"] is None and not os.environ.get("KAMLIB_WORKBOOK", "").strip():
            _adopt_legacy_workbook(path)
        _shared[path] = Workbook(path)
    return _shared[path]


def _adopt_legacy_workbook(path: Path) -> None:
    """Copy ``<course>/workbook/<name>.json`` to the new default ``path`` if only it exists."""
    legacy = _LEGACY_FOLDER / path.name
    if os.path.lexists(path) or not os.path.isfile(legacy):
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(legacy, path)
        message = _("Your workbook now lives in {path}; your earlier work was copied there "
                    "from {legacy}, which is left as it was.").format(path=path, legacy=legacy)
    except OSError as error:
        message = _("Your earlier workbook {legacy} could not be copied to {path} ({reason}); "
                    "copy it there by hand to see your saved work.").format(
            legacy=legacy, path=path, reason=_os_reason(error))
    warnings.warn(message, WorkbookRecoveryWarning, stacklevel=3)


def _check_path(field: str, path: Any) -> Path:
    resolved = check_file_path(field, path, suffix=".json").absolute()
    if os.path.isdir(resolved):
        raise fail(field, str(path), _("the path of a .json file"))
    return resolved


def _check_folder(field: str, folder: Any) -> Path:
    if folder is None:
        return workbook_folder()
    return check_file_path(field, folder)


def check_file_path(field: str, path: Any, *, suffix: str | None = None) -> Path:
    """Return ``path`` as a :class:`~pathlib.Path` (``~`` expanded) if it can name a file.

    Parameters
    ----------
    field : str
        The name of the argument, for the error message.
    path : str or os.PathLike
        Not blank, without NUL characters; ending in ``suffix`` (any case) if one is given.
    suffix : str, optional
        E.g. ``".json"``.

    Returns
    -------
    pathlib.Path

    Raises
    ------
    KamValueError
        For anything else.

    Examples
    --------
    >>> check_file_path("path", "notes/me.json", suffix=".json").name
    'me.json'
    """
    allowed = f"the path of a {suffix} file" if suffix else "a file path"
    if not isinstance(path, (str, os.PathLike)):
        raise fail(field, path, allowed)
    text = os.fspath(path)
    if not isinstance(text, str) or not text.strip() or "\x00" in text:
        raise fail(field, text, allowed)
    resolved = Path(text).expanduser()
    if suffix is not None and resolved.suffix.lower() != suffix:
        raise fail(field, text, allowed)
    return resolved


def _thread_lock(path: Path) -> threading.RLock:
    with _thread_locks_guard:
        return _thread_locks.setdefault(path, threading.RLock())


# ----- values --------------------------------------------------------------------------

def plain_json(value: Any, *, field: str = "value") -> Any:
    """Return ``value`` as the plain JSON data the workbook keeps (tuples become lists).

    Parameters
    ----------
    value : object
        Dicts (with text keys), lists, tuples, text, finite numbers, booleans and None,
        nested at most :data:`MAX_DEPTH` deep.
    field : str
        The name of the value, for the error message.

    Returns
    -------
    object
        A copy made of dict, list, str, int, float, bool and None only.

    Raises
    ------
    KamValueError
        If ``value`` holds anything else (a set, a numpy number, NaN...) or is nested deeper.

    Examples
    --------
    >>> plain_json({"items": ("a", 1.5, None)})
    {'items': ['a', 1.5, None]}
    """
    allowed = (f"plain JSON data (dict with text keys, list, str, finite number, bool, None) "
               f"nested at most {MAX_DEPTH} deep")
    if _nesting_depth(value, MAX_DEPTH) > MAX_DEPTH:
        raise fail(field, f"{type(value).__name__} nested over {MAX_DEPTH} deep", allowed)
    problem = _first_non_json(value)
    if problem is not None:
        where, bad = problem
        raise fail(f"{field}{where} (a {type(bad).__name__})", bad, allowed)
    return json.loads(json.dumps(value, allow_nan=False))


def _first_non_json(value: Any, where: str = "") -> tuple[str, Any] | None:
    """The place and value of the first part of ``value`` that is not plain JSON data."""
    if value is None or isinstance(value, (str, bool)):
        return None
    if isinstance(value, (int, float)) and type(value) in (int, float):
        return None if isinstance(value, int) or _finite(value) else (where, value)
    if isinstance(value, dict) and type(value) is dict:
        for key, item in value.items():
            if not isinstance(key, str):
                return f"{where} key", key
            found = _first_non_json(item, f"{where}[{key!r}]")
            if found is not None:
                return found
        return None
    if type(value) in (list, tuple):
        for position, item in enumerate(value):
            found = _first_non_json(item, f"{where}[{position}]")
            if found is not None:
                return found
        return None
    return where, value


def _finite(number: float) -> bool:
    return number == number and number not in (float("inf"), float("-inf"))


def _nesting_depth(value: Any, limit: int) -> int:
    """How deep lists and dicts nest in ``value`` (a scalar is 0); stops counting past limit."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, (dict, list, tuple)):
            deepest = max(deepest, depth)
            if depth > limit:
                return deepest
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children)
    return deepest


# ----- the store -------------------------------------------------------------------------

class _Unreadable(Exception):
    """The file exists but is no workbook; ``damaged`` if moving it aside is the cure."""

    def __init__(self, reason: str, damaged: bool = True) -> None:
        super().__init__(reason)
        self.reason, self.damaged = reason, damaged


class Workbook:
    """The learner's saved work in one JSON file: ``{section: value}``.

    Each call reads the file afresh, so two ``Workbook`` objects (or two kernels) on the same
    file see each other's sections.

    Parameters
    ----------
    path : str or os.PathLike, optional
        The ``.json`` file (default: :func:`workbook_path`); it may not exist yet.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     book = Workbook(Path(folder) / "me.json")
    ...     book.set("notes", "call Mr Zhang")
    ...     book.load("notes")
    1
    SavedSection(value='call Mr Zhang', revision=1)
    """

    def __init__(self, path: str | os.PathLike[str] | None = None) -> None:
        self.path = workbook_path() if path is None else _check_path("path", path)

    def __repr__(self) -> str:
        return f"Workbook({str(self.path)!r})"

    # -- reading (no lock, no write access needed) --------------------------------------

    def load(self, section: str) -> SavedSection:
        """Return the value and revision saved under ``section`` (``None``, 0 if nothing).

        Parameters
        ----------
        section : str
            The section's name.

        Returns
        -------
        SavedSection

        Raises
        ------
        KamValueError
            For a bad section name (a file that cannot be read is never an error here: it
            is moved aside with a :class:`WorkbookRecoveryWarning`).

        Examples
        --------
        >>> import tempfile
        >>> book = Workbook(Path(tempfile.mkdtemp()) / "me.json")
        >>> _ = book.set("swot", {"strengths": []})
        >>> book.load("swot")
        SavedSection(value={'strengths': []}, revision=1)
        """
        section = _check_section(section)
        sections, revisions = _split(self._read())
        if section not in sections:
            return SavedSection(None, 0)
        return SavedSection(sections[section], revisions.get(section, 1))

    def get(self, section: str, default: Any = None) -> Any:
        """Return the value saved under ``section``, or ``default`` if there is none.

        Like ``dict.get``, ``default`` stays positional.

        Parameters
        ----------
        section : str
            The section's name.
        default : object, optional
            What to return if nothing is saved under ``section`` (default: None).

        Returns
        -------
        object
            The saved value (plain JSON data), or ``default``.

        Raises
        ------
        KamValueError
            If ``section`` is no section name.

        Examples
        --------
        >>> Workbook("nowhere/new.json").get("swot", {"empty": True})
        {'empty': True}
        """
        section = _check_section(section)
        return _split(self._read())[0].get(section, default)

    def sections(self) -> list[str]:
        """Return the names of the saved sections, in the order they were first saved.

        Returns
        -------
        list of str
            The section names.

        Examples
        --------
        >>> Workbook("nowhere/new.json").sections()
        []
        """
        return list(_split(self._read())[0])

    # -- writing ------------------------------------------------------------------------

    def set(self, section: str, value: Any, *, expected_revision: int | None = None,
            resolve: Callable[[SavedSection], Any] | None = None) -> int:
        """Save ``value`` (plain JSON data) under ``section``; return the section's new revision.

        Other sections in the file are kept, even if another object or kernel wrote them
        meanwhile. The write is atomic: a failure leaves the old file as it was.

        Parameters
        ----------
        section : str
            The section's name (not ``"__kamlib__"``).
        value : object
            Plain JSON data (:func:`plain_json`).
        expected_revision : int, optional
            The revision the writer last saw (0: nothing saved). If the file holds another,
            the section was saved elsewhere meanwhile: ``resolve`` decides, else nothing is
            written.
        resolve : callable, optional
            Called with the saved section when ``expected_revision`` is stale, while the file
            is still locked (so no other writer can come between): it returns the value to
            write instead (e.g. both edits merged), or ``None`` to write nothing.

        Returns
        -------
        int
            The revision now saved.

        Raises
        ------
        WorkbookConflict
            If ``expected_revision`` is given, differs from the saved revision and
            ``resolve`` (if given) returned ``None``.
        WorkbookSaveError
            If the file cannot be written (disk full, folder not writable, the workbook
            would be larger than :data:`MAX_FILE_BYTES`).
        KamValueError
            For a bad section name, value or revision.

        Examples
        --------
        >>> import tempfile
        >>> book = Workbook(Path(tempfile.mkdtemp()) / "me.json")
        >>> book.set("swot", {"strengths": ["fast delivery"]})
        1
        >>> book.set("swot", {"strengths": []}, expected_revision=1)
        2
        """
        section = _check_section(section)
        plain = plain_json(value, field=f"workbook section {section!r}")
        if expected_revision is not None:
            expected_revision = _check_revision(expected_revision)
        with self._locked() as target:
            sections, revisions = _split(self._read_for_update(target))
            saved = SavedSection(sections.get(section),
                                 revisions.get(section, 1) if section in sections else 0)
            if expected_revision is not None and expected_revision != saved.revision:
                settled = None if resolve is None else resolve(saved)
                if settled is None:
                    raise WorkbookConflict(section, expected_revision, saved)
                plain = plain_json(settled, field=f"workbook section {section!r}")
            sections[section] = plain
            revisions[section] = saved.revision + 1
            self._write(target, sections, revisions)
        return saved.revision + 1

    def update(self, section: str, change: Callable[[Any], Any], *,
               collections: Iterable[str] = ("",)) -> SavedSection:
        """Save ``change(saved value)`` under ``section``, merging with saves made meanwhile.

        For a writer without a widget (a script, a grader, an exercise): read the section,
        apply ``change``, save with the revision read; if another writer saved first, the two
        edits are merged with :func:`merge_values` while the file is locked, so no third
        writer can come between and no retry is needed (a writer retrying instead could lose
        to the others again and again).

        Parameters
        ----------
        section : str
            The section's name.
        change : callable
            Takes the saved value (``None`` if nothing) and returns the new value; it must
            not change its argument.
        collections : iterable of str
            The parts of the value that are collections of entries (default: the whole
            value), as for :func:`kamlib.merging.merge_values`.

        Returns
        -------
        SavedSection
            What is saved now.

        Raises
        ------
        kamlib.merging.MergeConflict
            If another writer changed the same thing differently.
        WorkbookSaveError
            If the file cannot be written.
        KamValueError
            For bad arguments.

        Examples
        --------
        >>> import tempfile
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     book = Workbook(Path(folder) / "me.json")
        ...     book.update("plans", lambda plans: (plans or []) + ["visit AC007"])
        SavedSection(value=['visit AC007'], revision=1)
        """
        if not callable(change):
            raise fail("change", change, _("a function from the saved value to the new one"))
        collections = list(collections) if not isinstance(collections, str) else collections
        base = self.load(section)
        written = {"value": plain_json(change(copy.deepcopy(base.value)),
                                       field=f"change({section!r})")}

        def merged(saved: SavedSection) -> Any:
            written["value"] = merge_values(base.value, written["value"], saved.value,
                                            collections=collections)
            return written["value"]

        revision = self.set(section, written["value"], expected_revision=base.revision,
                            resolve=merged)
        return SavedSection(written["value"], revision)

    # -- documents ----------------------------------------------------------------------

    def to_markdown(self) -> str:
        """Return the whole workbook as readable Markdown: one heading per section.

        Text is escaped, so the Markdown renders the learner's words, never their HTML or
        links.

        Returns
        -------
        str
            A title, then each section's heading and its value as text or a table.

        Examples
        --------
        >>> print(Workbook("nowhere/new.json").to_markdown())
        # Workbook: new
        <BLANKLINE>
        _Nothing saved yet._
        <BLANKLINE>
        """
        data = _split(self._read())[0]
        lines = [f"# Workbook: {_markdown.escape(self.path.stem)}", ""]
        if not data:
            lines.append("_Nothing saved yet._")
        for section, value in data.items():
            lines += [f"## {_markdown.escape(section)}", "", *_markdown_lines(value), ""]
        return "\n".join(lines).rstrip() + "\n"

    def export_markdown(self, path: str | os.PathLike[str], *, overwrite: bool = False) -> Path:
        """Write :meth:`to_markdown` to ``path`` (a ``.md`` file) and return the path.

        Parameters
        ----------
        path : str or os.PathLike
            A ``.md`` file; its folder is created if needed.
        overwrite : bool
            Replace an existing file (it may be the learner's own: default False).

        Returns
        -------
        pathlib.Path

        Raises
        ------
        KamValueError
            For a bad path, an existing file without ``overwrite=True``;
            :class:`WorkbookSaveError` if the file cannot be written.

        Examples
        --------
        >>> import tempfile
        >>> book = Workbook(Path(tempfile.mkdtemp()) / "me.json")
        >>> path = book.export_markdown(book.path.with_suffix(".md"))
        >>> path.read_text(encoding="utf-8").splitlines()[0]
        '# Workbook: me'
        """
        target = check_file_path("path", path, suffix=".md")
        if os.path.lexists(target) and not check_bool("overwrite", overwrite):
            raise fail("path", str(target), _("a file that does not exist yet, or overwrite=True"))
        write_atomically(target, self.to_markdown().encode("utf-8"))
        return target

    # -- internals ----------------------------------------------------------------------

    def _target(self) -> Path:
        """The real file: a symlinked workbook is followed (the link itself is never replaced)."""
        return Path(os.path.realpath(self.path))

    @contextlib.contextmanager
    def _locked(self) -> Iterator[Path]:
        """Hold the in-process lock and, on POSIX, an fcntl lock on ``<file>.lock``; yield the
        real file. Raise :class:`WorkbookSaveError` if the folder cannot be written."""
        target = self._target()
        held: set[Path] = _held.__dict__.setdefault("files", set())
        if target in held:  # this thread holds it already (fcntl locks do not nest)
            yield target
            return
        with _thread_lock(target):
            held.add(target)
            try:
                yield from self._file_locked(target)
            finally:
                held.discard(target)

    def _file_locked(self, target: Path) -> Iterator[Path]:
        """Take the fcntl lock of ``target`` (the caller holds the thread lock)."""
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            lock_file = (open(target.with_name(target.name + ".lock"), "a")  # noqa: SIM115
                         if fcntl is not None else contextlib.nullcontext())
        except OSError as error:
            raise WorkbookSaveError(self.path, _os_reason(error)) from None
        with lock_file:
            if fcntl is not None:
                fcntl.flock(lock_file, fcntl.LOCK_EX)
            try:
                yield target
            finally:
                if fcntl is not None:
                    fcntl.flock(lock_file, fcntl.LOCK_UN)

    def _read(self) -> dict[str, Any]:
        """Read the file; one that cannot be read is recovered from (never raises)."""
        target = self._target()
        try:
            return _read_file(target)
        except _Unreadable as problem:
            try:
                with self._locked() as locked:  # re-check under the lock: a writer may be done
                    return self._read_for_update(locked)
            except WorkbookSaveError as error:
                reason = error.reason if problem.reason in error.reason else _(
                    "{problem}; it could not be moved aside: {error}").format(
                    problem=problem.reason, error=error.reason)
            _warn_once(target, _(
                "The workbook {path} could not be used: {reason}. Widgets start empty; "
                "nothing will be saved over that file."
            ).format(path=shown_path(target), reason=reason))
            return {}

    def _read_for_update(self, target: Path) -> dict[str, Any]:
        """Read under the lock; move a damaged file aside, refuse to go on if it must stay."""
        try:
            return _read_file(target)
        except _Unreadable as problem:
            if not problem.damaged:
                raise WorkbookSaveError(self.path, problem.reason) from None
            aside = target.with_name(
                f"{target.name}.damaged-{datetime.now().strftime('%Y%m%d-%H%M%S-%f')}")
            try:
                os.replace(target, aside)
            except OSError as error:
                raise WorkbookSaveError(self.path, _(
                    "{problem}; it could not be moved aside: {error}"
                ).format(problem=problem.reason, error=_os_reason(error))) from None
            warnings.warn(_(
                "The workbook {path} could not be read ({reason}); it was moved to {aside} "
                "and a fresh workbook started. Your earlier answers are in that file."
            ).format(path=shown_path(target), reason=problem.reason, aside=shown_path(aside)),
                WorkbookRecoveryWarning, stacklevel=4)
            return {}

    def _write(self, target: Path, sections: dict[str, Any], revisions: dict[str, int]) -> None:
        data = {**sections, META_KEY: {"format": FORMAT_VERSION,
                                       "revisions": {s: revisions[s] for s in sections}}}
        # One section a line: readable, and each line made by json's fast C encoder.
        encoded = ("{\n" + ",\n".join(
            f"{json.dumps(key, ensure_ascii=False)}: {json.dumps(value, ensure_ascii=False)}"
            for key, value in data.items()) + "\n}\n").encode("utf-8")
        if len(encoded) > MAX_FILE_BYTES:
            raise WorkbookSaveError(self.path, _(
                "the workbook would hold {size:,} bytes, more than the {limit:,} it may hold"
            ).format(size=len(encoded), limit=MAX_FILE_BYTES))
        remove_stale_temporary_files(target)
        try:
            write_atomically(target, encoded)
        except WorkbookSaveError as error:
            raise WorkbookSaveError(self.path, error.reason) from None


def _check_section(section: Any) -> str:
    name = check_text("section", section)
    if name == META_KEY or len(name) > MAX_SECTION_CHARS:
        raise fail("section", section,
                   _("a name of at most {MAX_SECTION_CHARS} characters other than {META_KEY!r}")
                       .format(MAX_SECTION_CHARS=MAX_SECTION_CHARS, META_KEY=META_KEY))
    return name


def _check_revision(revision: Any) -> int:
    if isinstance(revision, bool) or not isinstance(revision, int) or revision < 0:
        raise fail("expected_revision", revision, _("a whole number from 0, or None"))
    return revision


def _split(data: dict[str, Any]) -> tuple[dict[str, Any], dict[str, int]]:
    """The sections and their revisions (malformed metadata is ignored, never fatal)."""
    sections = {key: value for key, value in data.items() if key != META_KEY}
    meta = data.get(META_KEY)
    found = meta.get("revisions") if isinstance(meta, dict) else None
    revisions = {
        section: number
        for section, number in (found.items() if isinstance(found, dict) else ())
        if section in sections and type(number) is int and number >= 1
    }
    return sections, revisions


def _read_file(target: Path) -> dict[str, Any]:
    """The file's JSON object; ``{}`` if there is no file; :class:`_Unreadable` otherwise."""
    try:
        with open(target, "rb") as stream:
            raw = stream.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        return {}
    except OSError as error:  # a folder in its place, no permission to read...
        raise _Unreadable(_os_reason(error), damaged=False) from None
    if len(raw) > MAX_FILE_BYTES:
        raise _Unreadable(_("it is larger than {size} MB").format(size=MAX_FILE_BYTES >> 20))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _Unreadable(_("it is not UTF-8 text")) from None
    try:
        data = json.loads(text, parse_constant=_refuse_constant)
    except RecursionError:
        data = _TOO_DEEP
    except ValueError:
        raise _Unreadable(_("it is not valid JSON")) from None
    # The file's object adds one level to the values saved in it.
    if data is _TOO_DEEP or _nesting_depth(data, MAX_DEPTH + 1) > MAX_DEPTH + 1:
        raise _Unreadable(_("it is nested more than {depth} levels deep").format(depth=MAX_DEPTH))
    if not isinstance(data, dict):
        raise _Unreadable(_("it holds {kind}, not an object of sections").format(
            kind=type(data).__name__))
    return data


_TOO_DEEP = object()


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def _warn_once(target: Path, message: str) -> None:
    """Warn about an unreadable file once per file version (every widget reads it)."""
    try:
        info = target.stat()
        key = (str(target), info.st_mtime_ns, info.st_size)
    except OSError:
        key = (str(target), 0, 0)
    if key not in _warned:
        _warned.add(key)
        warnings.warn(message, WorkbookRecoveryWarning, stacklevel=4)


def _os_reason(error: OSError) -> str:
    """An operating-system error in the learner's words."""
    reasons = {
        errno.ENOSPC: _("the disk is full"),
        errno.EDQUOT: _("your disk quota is used up"),
        errno.EFBIG: _("the file would be larger than this computer allows"),
        errno.EACCES: _("you may not write in that folder"),
        errno.EPERM: _("you may not write in that folder"),
        errno.EROFS: _("the disk is read-only"),
        errno.EISDIR: _("a folder has that name"),
        errno.ENOTDIR: _("part of the path is a file, not a folder"),
        errno.EEXIST: _("part of the path is a file, not a folder"),  # from mkdir
    }
    return reasons.get(error.errno, error.strerror or type(error).__name__)


def write_atomically(target: str | os.PathLike[str], data: bytes) -> Path:
    """Replace ``target`` with ``data`` atomically; a failure leaves the old file as it was.

    The bytes go to a temporary file (prefix ``.<name>.kamlib-tmp-``) in the same folder,
    which then replaces the target with ``os.replace``; a symlink is followed, so the link
    stays a link. The folder is created if needed; an existing file keeps its permissions.

    Parameters
    ----------
    target : str or os.PathLike
        The file to write.
    data : bytes
        Its new content.

    Returns
    -------
    pathlib.Path
        The file written (the real file behind a symlink).

    Raises
    ------
    WorkbookSaveError
        If the file cannot be written (disk full, no permission...); the message says why.
    KamValueError
        For a bad ``target`` or ``data``.

    Examples
    --------
    >>> import tempfile
    >>> target = Path(tempfile.mkdtemp()) / "me.json"
    >>> write_atomically(target, b"{}").read_bytes()
    b'{}'
    """
    real = Path(os.path.realpath(check_file_path("target", target)))
    if not isinstance(data, bytes):
        raise fail("data", type(data).__name__, _("bytes"))
    temp = None
    try:
        real.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(prefix=f".{real.name}{_TEMP_MARK}", dir=real.parent)
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        with contextlib.suppress(FileNotFoundError):
            os.chmod(temp, stat.S_IMODE(os.stat(real).st_mode))
        os.replace(temp, real)
        temp = None
    except OSError as error:
        raise WorkbookSaveError(real, _os_reason(error)) from None
    finally:
        if temp is not None:
            with contextlib.suppress(OSError):
                os.unlink(temp)
    return real


def remove_stale_temporary_files(target: str | os.PathLike[str], *,
                                 older_than: float = STALE_TEMP_SECONDS) -> list[Path]:
    """Remove the temporary files that writers of ``target`` left when they were killed.

    Only files named ``.<target name>.kamlib-tmp-*`` (what :func:`write_atomically` makes)
    and older than ``older_than`` seconds are removed, so a write in progress is never
    disturbed.

    Parameters
    ----------
    target : str or os.PathLike
        The file whose temporary files to clean.
    older_than : float
        Minimum age in seconds (default :data:`STALE_TEMP_SECONDS`).

    Returns
    -------
    list of pathlib.Path
        The files removed.

    Raises
    ------
    KamValueError
        For a bad ``target`` or ``older_than``.

    Examples
    --------
    >>> import tempfile
    >>> remove_stale_temporary_files(Path(tempfile.mkdtemp()) / "me.json")
    []
    """
    real = Path(os.path.realpath(check_file_path("target", target)))
    if isinstance(older_than, bool) or not isinstance(older_than, (int, float)) or not (
        0 <= older_than < float("inf")
    ):
        raise fail("older_than", older_than, _("a number of seconds from 0"))
    prefix = f".{real.name}{_TEMP_MARK}"
    limit = time.time() - older_than
    removed = []
    with contextlib.suppress(OSError), os.scandir(real.parent) as entries:
        for entry in entries:
            with contextlib.suppress(OSError):
                if (entry.name.startswith(prefix) and entry.is_file(follow_symlinks=False)
                        and entry.stat(follow_symlinks=False).st_mtime < limit):
                    os.unlink(entry.path)
                    removed.append(Path(entry.path))
    return removed


# ----- Markdown ----------------------------------------------------------------------------

def _markdown_lines(value: Any, depth: int = 0) -> list[str]:
    """Render plain JSON data as nested Markdown bullet lists; a flat record fits on one line."""
    indent = "   " * depth
    if isinstance(value, dict):
        items = [(f"- **{_markdown.escape(key)}**:", item) for key, item in value.items()]
    elif isinstance(value, list):
        items = [(f"{number}.", item) for number, item in enumerate(value, 1)]
    else:
        return [indent + _scalar(value)]
    if not items:
        return [f"{indent}- _(empty)_"]
    lines = []
    for label, item in items:
        if _is_flat_record(item):
            record = "; ".join(f"{_markdown.escape(key)}: {_scalar(field)}"
                               for key, field in item.items())
            lines.append(f"{indent}{label} {record}")
        elif isinstance(item, (dict, list)) and item:
            lines += [f"{indent}{label}", *_markdown_lines(item, depth + 1)]
        else:
            lines.append(f"{indent}{label} {_scalar(item)}")
    return lines


def _is_flat_record(value: Any) -> bool:
    return isinstance(value, dict) and bool(value) and not any(
        isinstance(field, (dict, list)) for field in value.values()
    )


def _scalar(value: Any) -> str:
    if value is None:
        return "_(none)_"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (dict, list)):
        return "_(empty)_"
    return _markdown.escape(str(value))


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m kamlib.workbook [LEARNER]``: print where a learner's workbook is kept.

    Parameters
    ----------
    argv : sequence of str, optional
        The command's arguments (default: the command line's).

    Returns
    -------
    int
        The exit status: 0 done, 2 a usage error or a name that cannot name a learner.

    Examples
    --------
    >>> main(["zhang.wei", "li.na"])
    usage: python -m kamlib.workbook [LEARNER]
    Print the workbook file of LEARNER (default: this user's current workbook).
    2
    """
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] in (["-h"], ["--help"]) or len(args) > 1:
        print("usage: python -m kamlib.workbook [LEARNER]\n"
              "Print the workbook file of LEARNER (default: this user's current workbook).")
        return 0 if args[:1] in (["-h"], ["--help"]) else 2
    try:
        print(learner_workbook_path(args[0]) if args else workbook_path())
    except KamValueError as error:
        print(error, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
