"""Getting the machine ready for a class: folders, the learners' Python, the bundle, the
course settings every learner reads, the class list, and the solutions kept from learners.
"""

from __future__ import annotations

import os
import pwd
import shutil
from pathlib import Path

from classroom import bundle
from classroom.config import ClassroomSettings
from classroom.hub import PROXY, SOCKET_PATH_MAX, kernel_socket_path
from classroom.roster import Roster, read_class_list
from classroom.users import create_user, open_to_others
from kamlib import settings as course_settings
from kamlib.validation import KamValueError

REPO = Path(__file__).resolve().parent.parent
#: The course folders no learner may read: the exercise sources hold the solutions, the
#: grading package computes the expected answers.
PRIVATE_FOLDERS = (REPO / "exercises" / "source", REPO / "kamlib" / "grading")


def require_root() -> None:
    """Refuse to go on unless running as root (creating users and switching to them needs it).

    Raises
    ------
    PermissionError
        Naming what to do instead.
    """
    if os.geteuid() != 0:
        raise PermissionError(
            "The classroom creates a system user per learner and runs each learner's server "
            "as that user: run it as root (e.g. `sudo make classroom`)."
        )


def protect_sources(folders: tuple[Path, ...] = PRIVATE_FOLDERS) -> list[Path]:
    """Close ``folders`` (the solutions) to other users if they are readable by them.

    Returns the folders whose mode was changed (``chmod o-rwx``); nothing else is touched.
    """
    changed = []
    for folder in folders:
        if folder.is_dir() and open_to_others(folder):
            folder.chmod(folder.stat().st_mode & ~0o007)
            changed.append(folder)
    return changed


def share_course_settings(settings: ClassroomSettings) -> Path:
    """Make the course settings file every learner reads (``KAMLIB_SETTINGS``).

    Created once from the settings in use for whoever runs this (``python -m kamlib.settings``
    shows them); later runs keep the file, so the trainer's changes stay. The folder belongs
    to the first trainer's group (mode 2775), so the trainer's own server may change the
    settings (e.g. the XY grid's instructor panel); every learner may read them.
    """
    path = settings.course_settings_path
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        course_settings.save(course_settings.current(), path=path)
    trainers = Roster(settings.roster_path).trainers()
    group = 0
    if trainers:
        try:
            group = pwd.getpwnam(trainers[0].username).pw_gid
        except KeyError:
            group = 0
    os.chown(path.parent, 0, group)
    os.chown(path, 0, group)
    path.parent.chmod(0o2775 if group else 0o755)
    path.chmod(0o664 if group else 0o644)
    return path


def add_class_list(settings: ClassroomSettings, class_list: Path) -> dict[str, str]:
    """Add the people of ``class_list`` to the roster and create their system users.

    Returns
    -------
    dict
        ``{username: password}`` for the people new to the roster (print it once).

    Raises
    ------
    KamValueError
        If a user name is too long for the classroom's home folders (their kernels' Unix
        socket paths would pass :data:`~classroom.hub.SOCKET_PATH_MAX`); nobody is added then.
    """
    people = read_class_list(class_list)
    for person in people:
        length = len(os.fsencode(kernel_socket_path(settings.home(person.username))))
        if length > SOCKET_PATH_MAX:
            raise KamValueError(
                f"class list: username {person.username!r} is too long for home folders in "
                f"{settings.home_base}: its kernels' sockets would have {length}-character "
                f"paths, and at most {SOCKET_PATH_MAX} are allowed; use a shorter user name or "
                "a shorter paths.home_base."
            )
    passwords = Roster(settings.roster_path).add(people)
    for person in people:
        create_user(person.username, settings.home_base)
    return passwords


def make_cell_turns(settings: ClassroomSettings, turns: int | None = None) -> list[Path]:
    """Make the turns at running cells that the learners' kernels share
    (:mod:`classroom.cell_turns`): one file per core this process may use (or ``turns``),
    owned by root and read-only to learners, in a folder they cannot write to.

    Returns
    -------
    list of pathlib.Path
        The turn files.
    """
    count = turns or len(os.sched_getaffinity(0))
    folder = settings.cell_turns_dir
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    folder.chmod(0o755)
    made = []
    for number in range(1, count + 1):
        turn = folder / f"turn-{number}"
        turn.touch()
        turn.chmod(0o644)
        made.append(turn)
    return made


def prepare(settings: ClassroomSettings, class_list: Path | None = None) -> dict[str, str]:
    """Everything ``make classroom`` does before the hub starts.

    Creates the classroom folders (hub state and grading: root only), builds or updates the
    learners' Python, makes the turns at running cells their kernels share, assembles the
    learner bundle (and installs its kamlib), adds the class list (if given), shares the
    course settings and closes the solutions to learners.

    Returns
    -------
    dict
        ``{username: password}`` of the people added from ``class_list``.

    Raises
    ------
    PermissionError
        If not run as root.
    FileNotFoundError
        If configurable-http-proxy is not installed (``make classroom-deps``).
    """
    require_root()
    if not PROXY.exists():
        raise FileNotFoundError(
            f"configurable-http-proxy is missing ({PROXY}): run `make classroom-deps`."
        )
    settings.root.mkdir(parents=True, exist_ok=True)
    settings.root.chmod(0o755)
    for private in (settings.hub_dir, settings.grading_dir):
        private.mkdir(parents=True, exist_ok=True)
        private.chmod(0o700)
    bundle.build_env(settings)
    make_cell_turns(settings)
    bundle.assemble(settings)
    passwords = add_class_list(settings, class_list) if class_list else {}
    if not Roster(settings.roster_path).people():
        raise KamValueError(
            "class list: the classroom has nobody yet; give one with "
            "`make classroom CLASS_LIST=class.csv` (columns username, name, role, language)."
        )
    share_course_settings(settings)
    protect_sources()
    return passwords

