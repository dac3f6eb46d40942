"""Learners as system users: created with a private home folder, removed only if ours,
and the one way the classroom acts inside a home folder (:func:`run_as_learner`).

Each learner is a separate system user whose home folder has mode 0700, so no learner can
read another's work; their server runs under their own user id (JupyterHub's
LocalProcessSpawner does this when the hub runs as root). Users the classroom creates carry
:data:`MARK` as their comment, and :func:`remove_user` refuses to delete any other account.

Standard library only (see :mod:`classroom.roster`).
"""

from __future__ import annotations

import asyncio
import json
import os
import pwd
import stat
import subprocess
from pathlib import Path
from typing import Any

#: The comment (GECOS) field of every account the classroom creates.
MARK = "KAM classroom learner"
#: The worker run inside home folders (its source is handed to the learners' Python).
LEARNER_FILES = Path(__file__).resolve().with_name("learner_files.py")


class UserError(RuntimeError):
    """A system account could not be created, used or removed; the message says why."""


def open_to_others(path: str | os.PathLike[str], permission: int = stat.S_IROTH) -> bool:
    """Whether every user may reach ``path`` (each folder above it has o+x) and has
    ``permission`` on it (default: read; ``stat.S_IXOTH`` for a program)."""
    path = Path(path).resolve()
    if not path.exists():
        return False
    if not all(folder.stat().st_mode & stat.S_IXOTH for folder in path.parents):
        return False
    return bool(path.stat().st_mode & permission)


def user_exists(username: str) -> bool:
    """Whether a system user ``username`` exists."""
    try:
        pwd.getpwnam(username)
    except KeyError:
        return False
    return True


def is_classroom_user(username: str) -> bool:
    """Whether ``username`` exists and was created by the classroom (its comment is MARK)."""
    try:
        return pwd.getpwnam(username).pw_gecos == MARK
    except KeyError:
        return False


def create_user(username: str, home_base: str | os.PathLike[str]) -> Path:
    """Create the system user ``username`` with the home folder ``home_base/username``, 0700.

    An existing classroom user is kept (its home is made 0700 again); an existing account
    that the classroom did not create is refused, so that a class list naming ``root`` or a
    colleague's account never hands it to a learner.

    Returns
    -------
    pathlib.Path
        The home folder.

    Raises
    ------
    UserError
        If the name belongs to another account, or ``useradd`` fails (not root, bad name).
    """
    if user_exists(username):
        if not is_classroom_user(username):
            raise UserError(
                f"user {username!r} already exists and was not created by the classroom: "
                "choose another username in the class list."
            )
    else:
        command = [
            "useradd", "--create-home", "--home-dir", str(Path(home_base) / username),
            "--comment", MARK, "--shell", "/bin/bash", "--key", "UMASK=077", username,
        ]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode:
            raise UserError(f"cannot create user {username!r}: {done.stderr.strip()}")
    home = Path(pwd.getpwnam(username).pw_dir)
    home.chmod(0o700)
    return home


def remove_user(username: str) -> None:
    """Delete the classroom user ``username`` and their home folder (end of a course).

    Raises
    ------
    UserError
        If the account was not created by the classroom, or ``userdel`` fails (for example
        while one of the user's processes still runs: stop their server first).
    """
    if not user_exists(username):
        return
    if not is_classroom_user(username):
        raise UserError(f"user {username!r} was not created by the classroom: not removed.")
    done = subprocess.run(["userdel", "--remove", username], capture_output=True, text=True,
                          check=False)
    if done.returncode and user_exists(username):
        raise UserError(f"cannot remove user {username!r}: {done.stderr.strip()}")


def _learner_process(username: str, python: str | os.PathLike[str]) -> dict[str, Any]:
    """The arguments that start :data:`LEARNER_FILES` as ``username`` in their home."""
    try:
        account = pwd.getpwnam(username)
    except KeyError:
        raise UserError(f"no system user {username!r}: has the learner signed in yet?") from None
    return {
        "args": [str(python), "-I", "-c", LEARNER_FILES.read_text(encoding="utf-8")],
        "user": account.pw_uid,
        "group": account.pw_gid,
        "extra_groups": [],
        "cwd": account.pw_dir,
        "env": {"HOME": account.pw_dir, "USER": username, "LANG": "C.UTF-8",
                "PATH": "/usr/bin:/bin"},
    }


def _answer(username: str, returncode: int, out: bytes, err: bytes) -> dict:
    if returncode:
        raise UserError(f"in {username}'s home folder: {err.decode(errors='replace').strip()}")
    return json.loads(out)


def run_as_learner(username: str, python: str | os.PathLike[str], request: dict) -> dict:
    """Run one :mod:`classroom.learner_files` request as ``username``; return its answer.

    Parameters
    ----------
    username : str
        The learner (a system user).
    python : path
        A Python every learner may run (the learners' environment's).
    request : dict
        The JSON request (see :mod:`classroom.learner_files`).

    Raises
    ------
    UserError
        If there is no such user, or the request failed in their folder.
    """
    spec = _learner_process(username, python)
    args = spec.pop("args")
    done = subprocess.run(args, input=json.dumps(request).encode(), capture_output=True,
                          check=False, **spec)
    return _answer(username, done.returncode, done.stdout, done.stderr)


async def run_as_learner_async(username: str, python: str | os.PathLike[str],
                               request: dict) -> dict:
    """:func:`run_as_learner` for the hub's event loop (it does not block other learners)."""
    spec = _learner_process(username, python)
    args = spec.pop("args")
    process = await asyncio.create_subprocess_exec(
        *args, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **spec
    )
    out, err = await process.communicate(json.dumps(request).encode())
    return _answer(username, process.returncode, out, err)
