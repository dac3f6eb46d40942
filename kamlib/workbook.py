"""The learner's workbook: one JSON file per learner that keeps what they entered in widgets.

Every widget saves its state under its own *section* (a top-level key). The file lives at
``<repo>/workbook/<learner>.json`` (git-ignored) unless ``KAMLIB_WORKBOOK`` names another file
or :func:`set_workbook_path` moves it; the learner's name comes from ``KAMLIB_LEARNER``.

Writes are safe when several widgets (or kernels) share the file: each write takes a lock,
re-reads the file, changes only its own section and replaces the file atomically, so sections
written by others are kept. A damaged file is moved aside, never deleted, with a warning.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import tempfile
import threading
import warnings
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from kamlib.validation import KamValueError, check_bool, check_text, fail

try:  # POSIX: lock the file across processes too.
    import fcntl
except ImportError:  # pragma: no cover - Windows: the in-process lock still applies.
    fcntl = None

REPO = Path(__file__).resolve().parent.parent
DEFAULT_LEARNER = "learner"
_LEARNER_NAME = re.compile(r"^[\w.-]+$")

_state: dict[str, Path | None] = {"path": None}
_shared: dict[Path, Workbook] = {}
_thread_locks: dict[Path, threading.Lock] = {}
_thread_locks_guard = threading.Lock()


class WorkbookRecoveryWarning(UserWarning):
    """The workbook file was damaged; it was moved aside and a fresh workbook started."""


def learner_name() -> str:
    """Return the learner's name from ``KAMLIB_LEARNER`` (default ``"learner"``)."""
    name = os.environ.get("KAMLIB_LEARNER", "").strip() or DEFAULT_LEARNER
    if not _LEARNER_NAME.match(name):
        raise fail("KAMLIB_LEARNER", name, "letters, digits, '.', '-' or '_' (it names a file)")
    return name


def set_workbook_path(path: str | os.PathLike[str] | None) -> Path:
    """Keep the workbook in ``path`` (a ``.json`` file) from now on; ``None`` restores the default.

    Returns the path now in use. Takes precedence over ``KAMLIB_WORKBOOK``.
    """
    _state["path"] = None if path is None else _check_path("path", path)
    return workbook_path()


def workbook_path() -> Path:
    """Return the current workbook file: set_workbook_path, else KAMLIB_WORKBOOK, else default."""
    if _state["path"] is not None:
        return _state["path"]
    from_env = os.environ.get("KAMLIB_WORKBOOK", "").strip()
    if from_env:
        return _check_path("KAMLIB_WORKBOOK", from_env)
    return REPO / "workbook" / f"{learner_name()}.json"


def default_workbook() -> Workbook:
    """Return the shared :class:`Workbook` for the current path (one object per path)."""
    path = workbook_path()
    if path not in _shared:
        _shared[path] = Workbook(path)
    return _shared[path]


def _check_path(field: str, path: Any) -> Path:
    if not isinstance(path, (str, os.PathLike)) or not str(path).strip():
        raise fail(field, path, "a file path such as 'workbook/me.json'")
    resolved = Path(path).expanduser().absolute()
    if resolved.suffix.lower() != ".json" or resolved.is_dir():
        raise fail(field, str(path), "the path of a .json file")
    return resolved


def _thread_lock(path: Path) -> threading.Lock:
    with _thread_locks_guard:
        return _thread_locks.setdefault(path, threading.Lock())


class Workbook:
    """The learner's saved work in one JSON file: ``{section: value}``.

    Each call reads the file afresh, so two ``Workbook`` objects (or two kernels) on the same
    file see each other's sections.
    """

    def __init__(self, path: str | os.PathLike[str] | None = None) -> None:
        self.path = workbook_path() if path is None else _check_path("path", path)

    def __repr__(self) -> str:
        return f"Workbook({str(self.path)!r})"

    def get(self, section: str, default: Any = None) -> Any:
        """Return the value saved under ``section``, or ``default`` if there is none."""
        section = check_text("section", section)
        with self._locked():
            return self._read().get(section, default)

    def set(self, section: str, value: Any) -> None:
        """Save ``value`` (plain JSON data: dict, list, str, number, bool, None) under ``section``.

        Other sections in the file are kept, even if another object wrote them meanwhile.
        """
        section = check_text("section", section)
        try:
            plain = json.loads(json.dumps(value, allow_nan=False))
        except (TypeError, ValueError) as error:
            raise KamValueError(
                f"workbook section {section!r}: got {type(value).__name__} that cannot be saved "
                f"({error}); expected plain JSON data (dict, list, str, finite number, bool, None)."
            ) from None
        with self._locked():
            data = self._read()
            data[section] = plain
            self._write(data)

    def sections(self) -> list[str]:
        """Return the names of the saved sections, in the order they were first saved."""
        with self._locked():
            return list(self._read())

    def to_markdown(self) -> str:
        """Return the whole workbook as readable Markdown: one heading per section."""
        with self._locked():
            data = self._read()
        lines = [f"# Workbook: {self.path.stem}", ""]
        if not data:
            lines.append("_Nothing saved yet._")
        for section, value in data.items():
            lines += [f"## {section}", "", *_markdown_lines(value), ""]
        return "\n".join(lines).rstrip() + "\n"

    def export_markdown(self, path: str | os.PathLike[str], overwrite: bool = False) -> Path:
        """Write :meth:`to_markdown` to ``path`` (a ``.md`` file) and return the path.

        An existing file is left alone unless ``overwrite=True``: it may be the learner's own.
        """
        if not isinstance(path, (str, os.PathLike)) or Path(path).suffix.lower() != ".md":
            raise fail("path", path, "the path of a .md file")
        target = Path(path).expanduser()
        if target.exists() and not check_bool("overwrite", overwrite):
            raise fail("path", str(target), "a file that does not exist yet, or overwrite=True")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(self.to_markdown(), encoding="utf-8")
        return target

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        """Hold the in-process lock and, on POSIX, an fcntl lock on ``<file>.lock``."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with _thread_lock(self.path):
            if fcntl is None:  # pragma: no cover - Windows
                yield
                return
            with open(self.path.with_name(self.path.name + ".lock"), "a") as lock_file:
                fcntl.flock(lock_file, fcntl.LOCK_EX)
                try:
                    yield
                finally:
                    fcntl.flock(lock_file, fcntl.LOCK_UN)

    def _read(self) -> dict[str, Any]:
        """Read the file (under the lock); a damaged file is moved aside and ``{}`` returned."""
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return {}
        try:
            data = json.loads(text)
        except ValueError:
            data = None
        if isinstance(data, dict):
            return data
        self._move_aside()
        return {}

    def _move_aside(self) -> None:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        aside = self.path.with_name(f"{self.path.stem}.damaged-{stamp}.json")
        os.replace(self.path, aside)
        warnings.warn(
            f"The workbook {self.path} could not be read (not a JSON object); it was moved to "
            f"{aside} and a fresh workbook started. Your earlier answers are in that file.",
            WorkbookRecoveryWarning,
            stacklevel=4,
        )

    def _write(self, data: dict[str, Any]) -> None:
        """Write via a temporary file in the same folder and ``os.replace`` (atomic)."""
        handle, temp = tempfile.mkstemp(prefix=f".{self.path.stem}-", dir=self.path.parent)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                json.dump(data, stream, ensure_ascii=False, indent=2)
                stream.flush()
                os.fsync(stream.fileno())
            os.replace(temp, self.path)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temp)
            raise


def _markdown_lines(value: Any, depth: int = 0) -> list[str]:
    """Render plain JSON data as nested Markdown bullet lists; a flat record fits on one line."""
    indent = "   " * depth
    if isinstance(value, dict):
        items = [(f"- **{key}**:", item) for key, item in value.items()]
    elif isinstance(value, list):
        items = [(f"{number}.", item) for number, item in enumerate(value, 1)]
    else:
        return [indent + _scalar(value)]
    if not items:
        return [f"{indent}- _(empty)_"]
    lines = []
    for label, item in items:
        if _is_flat_record(item):
            record = "; ".join(f"{key}: {_scalar(field)}" for key, field in item.items())
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
    return str(value)
