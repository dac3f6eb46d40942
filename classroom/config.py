"""The classroom's settings (hub address, folders, learner defaults, idle time), from TOML.

The defaults are in ``classroom/classroom.toml`` beside this module; a trainer's file (named
by ``--config`` or the environment variable ``KAM_CLASSROOM_CONFIG``) need only hold what it
changes. Every other part of the classroom (the hub configuration, the commands, the
container image and the Helm values, checked by a test) takes its values from here.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib
from kamlib.i18n import LANGUAGES
from kamlib.validation import KamValueError, check_choice, check_number, check_text, fail

REPO = Path(__file__).resolve().parent.parent
#: The shipped defaults.
DEFAULTS_FILE = Path(__file__).resolve().with_name("classroom.toml")
#: The environment variable naming the trainer's classroom settings file.
CONFIG_VARIABLE = "KAM_CLASSROOM_CONFIG"

# section -> key -> kind; a key the file holds that is not here is refused (a typo).
_FIELDS: dict[str, dict[str, str]] = {
    "hub": {"ip": "text", "port": "port"},
    "paths": {"root": "folder", "env": "folder", "home_base": "folder",
              "learner_bundle": "bundle"},
    "learners": {
        "start_page": "relative",
        "workbook": "relative",
        "language": "language",
        "start_timeout_seconds": "seconds",
    },
    "idle": {"timeout_minutes": "minutes", "check_every_minutes": "minutes"},
}


@dataclass(frozen=True)
class ClassroomSettings:
    """The classroom's settings, checked. Build one with :func:`load`.

    Attributes
    ----------
    hub_ip, hub_port : str, int
        Where learners reach the hub.
    root : pathlib.Path
        The classroom's own folder (bundle, shared course settings, hub state, grading).
    env_dir : pathlib.Path
        The learners' Python environment (readable by every learner).
    home_base : pathlib.Path
        Learners' home folders are ``home_base / username``.
    learner_bundle : pathlib.Path
        The learner bundle to hand out (default: ``build/learner-bundle`` of the course).
    start_page, workbook : str
        Paths inside a learner's home: the first page shown, the workbook file.
    language : str
        ``"en"`` or ``"zh"``: the default language of widgets and messages.
    start_timeout_seconds : int
        How long a learner's server may take to start.
    idle_timeout_minutes, idle_check_every_minutes : float
        Idle servers are stopped after ``idle_timeout_minutes``, checked this often.
    """

    hub_ip: str
    hub_port: int
    root: Path
    env_dir: Path
    home_base: Path
    learner_bundle: Path
    start_page: str
    workbook: str
    language: str
    start_timeout_seconds: int
    idle_timeout_minutes: float
    idle_check_every_minutes: float

    @property
    def bundle_dir(self) -> Path:
        """The learner bundle as the hub hands it out (readable by every learner)."""
        return self.root / "bundle"

    @property
    def course_settings_path(self) -> Path:
        """The trainer's course settings that every learner reads (``KAMLIB_SETTINGS``)."""
        return self.root / "shared" / "course_settings.toml"

    @property
    def hub_dir(self) -> Path:
        """The hub's state: database, cookie secret, roster with password hashes (root only)."""
        return self.root / "hub"

    @property
    def roster_path(self) -> Path:
        """The class list as the hub keeps it: names, roles, languages, password hashes."""
        return self.hub_dir / "roster.json"

    @property
    def grading_dir(self) -> Path:
        """The trainer's grading folder (root only)."""
        return self.root / "grading"

    @property
    def submissions_dir(self) -> Path:
        """Where ``collect`` writes ``<learner>/<notebook>.ipynb`` and ``workbook.json``."""
        return self.grading_dir / "submissions"

    @property
    def overview_dir(self) -> Path:
        """Where the grader writes its results and class overview; the hub serves it to the
        trainer at ``/services/class-overview/``."""
        return self.grading_dir / "results"

    @property
    def cell_turns_dir(self) -> Path:
        """The turns at running cells that the learners' kernels share, one file per core
        (:mod:`classroom.cell_turns`)."""
        return self.root / "cell-turns"

    def home(self, username: str) -> Path:
        """The home folder of learner ``username``."""
        return self.home_base / username


def load(path: str | os.PathLike[str] | None = None) -> ClassroomSettings:
    """Read the classroom settings: the defaults, then the trainer's file over them.

    Parameters
    ----------
    path : str or path-like, optional
        The trainer's settings file; default ``$KAM_CLASSROOM_CONFIG`` if set, else none.

    Returns
    -------
    ClassroomSettings

    Raises
    ------
    KamValueError
        If the file is missing or not TOML, names an unknown setting, or a value is not allowed.

    Examples
    --------
    >>> load().idle_timeout_minutes
    60.0
    """
    values = _read(DEFAULTS_FILE)
    chosen = path if path is not None else os.environ.get(CONFIG_VARIABLE, "").strip() or None
    if chosen is not None:
        for section, entries in _read(Path(chosen)).items():
            values[section] = {**values.get(section, {}), **entries}
    return _settings(values)


def _read(path: Path) -> dict[str, dict[str, Any]]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise fail("classroom settings file", str(path), f"a readable file ({error})") from None
    except tomllib.TOMLDecodeError as error:
        raise KamValueError(f"classroom settings file {path} is not valid TOML: {error}") from None
    for section, entries in data.items():
        known = _FIELDS.get(section)
        if known is None or not isinstance(entries, dict):
            raise fail(f"[{section}] in {path}", section, f"one of the sections {sorted(_FIELDS)}")
        for key in entries:
            if key not in known:
                raise fail(f"[{section}] {key} in {path}", key, f"one of {sorted(known)}")
    return data


def _settings(values: dict[str, dict[str, Any]]) -> ClassroomSettings:
    checked = {
        f"{section}.{key}": _check(f"{section}.{key}", kind, values[section][key])
        for section, keys in _FIELDS.items()
        for key, kind in keys.items()
    }
    return ClassroomSettings(
        hub_ip=checked["hub.ip"],
        hub_port=checked["hub.port"],
        root=checked["paths.root"],
        env_dir=checked["paths.env"],
        home_base=checked["paths.home_base"],
        learner_bundle=checked["paths.learner_bundle"],
        start_page=checked["learners.start_page"],
        workbook=checked["learners.workbook"],
        language=checked["learners.language"],
        start_timeout_seconds=checked["learners.start_timeout_seconds"],
        idle_timeout_minutes=checked["idle.timeout_minutes"],
        idle_check_every_minutes=checked["idle.check_every_minutes"],
    )


def _check(field: str, kind: str, value: Any) -> Any:
    if kind == "text":
        return check_text(field, value)
    if kind == "port":
        return int(check_number(field, value, minimum=1, maximum=65535, integer=True))
    if kind == "seconds":
        return int(check_number(field, value, minimum=1, maximum=100_000, integer=True))
    if kind == "minutes":  # 0.1 minutes (6 s) at least: the culler counts whole seconds
        return float(check_number(field, value, minimum=0.1, maximum=100_000))
    if kind == "language":
        return check_choice(field, value, LANGUAGES)
    if kind == "bundle" and value == "":
        return REPO / "build" / "learner-bundle"
    text = check_text(field, value)
    if kind in ("folder", "bundle"):
        if not text.startswith("/"):
            raise fail(field, text, "an absolute folder path such as '/srv/kam-classroom'")
        return Path(text)
    # "relative": a path inside a learner's home, no way out of it.
    if text.startswith("/") or ".." in Path(text).parts or not re.match(r"^[\w./ -]+$", text):
        raise fail(field, text, "a path inside the learner's home folder, e.g. 'notebooks/x.ipynb'")
    return text
