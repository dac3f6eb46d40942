"""What the classroom does inside a learner's home folder, run with the learner's own rights.

The hub and the trainer's commands run as root; a learner's home is the learner's to
shape (a learner may replace a notebook by a link to ``/etc/shadow`` or to a file of root's).
So nothing here runs as root: :func:`classroom.users.run_as_learner` starts this file as a
script under the learner's user id, gives it a JSON request on standard input and reads a
JSON answer from standard output. Whatever the learner put in their folder, the script can
read and write only what the learner could.

Standard library only: it runs with the learners' Python, from its source text, because a
learner may not be able to read the course folder (and must not: it holds the solutions).

Requests (``{"command": ..., ...}``):

``deliver``: ``items`` = ``[{"path", "source", "handed_sha"}]``; copy each ``source`` (a file of
    the learner bundle) to ``path`` in the home folder: **added** if the learner has no such
    file; **same** if theirs is identical; **replaced** if theirs is still exactly what the
    classroom handed out before (``handed_sha``: the learner has not touched it); otherwise
    the learner's copy is kept and the new version is put **beside** it as
    ``<name> (update <date>).ipynb``. A learner's edited file is never overwritten.
``read``: ``paths`` = home-relative files to collect, ``max_bytes``; for each, the learner's
    most recently saved version among ``<name>`` and its ``<name> (update …)`` copies.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import os
import sys
import tempfile
from pathlib import Path

UPDATE_MARK = " (update "


def sha256(path: Path) -> str:
    """The SHA-256 of the file's bytes, in hex."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically (a reader sees the old or the new file)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".kam-")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def update_name(path: Path, day: str, number: int = 1) -> Path:
    """``ex1.ipynb`` -> ``ex1 (update 2025-11-29).ipynb`` (``… 2)`` for the second that day)."""
    suffix = day if number == 1 else f"{day} {number}"
    return path.with_name(f"{path.stem}{UPDATE_MARK}{suffix}){path.suffix}")


def deliver(home: Path, items: list[dict], day: str) -> list[dict]:
    """Copy bundle files into ``home`` without ever overwriting the learner's work.

    Returns one record per item: ``path``, ``action`` (added, same, replaced, beside),
    ``written`` (the home-relative file written, or None) and ``sha`` (of the new version).
    """
    results = []
    for item in items:
        target = home / item["path"]
        data = Path(item["source"]).read_bytes()
        new_sha = hashlib.sha256(data).hexdigest()
        written: Path | None = target
        if target.is_symlink() or (target.exists() and not target.is_file()):
            action = "beside"
        elif not target.exists():
            action = "added"
        else:
            old_sha = sha256(target)
            if old_sha == new_sha:
                action, written = "same", None
            else:
                action = "replaced" if old_sha == item.get("handed_sha") else "beside"
        if action == "beside":
            written = _free_update_name(target, new_sha, day)
            action = "beside" if written is not None else "same"
        if written is not None:
            _write(written, data)
        results.append({
            "path": item["path"],
            "action": action,
            "written": None if written is None else str(written.relative_to(home)),
            "sha": new_sha,
        })
    return results


def _free_update_name(target: Path, new_sha: str, day: str) -> Path | None:
    """The first update name that is free or already holds this version (then None)."""
    number = 1
    while True:
        candidate = update_name(target, day, number)
        if not candidate.exists() and not candidate.is_symlink():
            return candidate
        if candidate.is_file() and not candidate.is_symlink() and sha256(candidate) == new_sha:
            return None
        number += 1


def latest_version(home: Path, relative: str) -> Path | None:
    """The learner's most recently saved version of ``relative``: the file itself or one of
    its ``(update …)`` copies; None if there is none. Links are never followed."""
    target = home / relative
    candidates = [target, *target.parent.glob(f"{target.stem}{UPDATE_MARK}*){target.suffix}")]
    files = [c for c in candidates if c.is_file() and not c.is_symlink()]
    return max(files, key=lambda c: c.stat().st_mtime, default=None)


def read(home: Path, paths: list[str], max_bytes: int) -> dict:
    """The learner's files for collection: ``{"files": {path: {...}}, "missing": [...],
    "too_big": [...]}``; each file has ``source`` (the file taken), ``modified`` (ISO time)
    and ``content`` (base64)."""
    files, missing, too_big = {}, [], []
    for relative in paths:
        found = latest_version(home, relative)
        if found is None:
            missing.append(relative)
            continue
        info = found.stat()
        if info.st_size > max_bytes:
            too_big.append(relative)
            continue
        files[relative] = {
            "source": str(found.relative_to(home)),
            "modified": dt.datetime.fromtimestamp(info.st_mtime, dt.timezone.utc).isoformat(),
            "content": base64.b64encode(found.read_bytes()).decode(),
        }
    return {"files": files, "missing": missing, "too_big": too_big}


def main() -> int:
    """Serve one JSON request from standard input (see the module's docstring)."""
    os.umask(0o077)
    request = json.load(sys.stdin)
    home = Path(os.path.expanduser("~")).resolve()
    if request["command"] == "deliver":
        answer = {"results": deliver(home, request["items"], request["day"])}
    elif request["command"] == "read":
        answer = read(home, request["paths"], int(request["max_bytes"]))
    else:
        raise SystemExit(f"unknown command {request['command']!r}")
    json.dump(answer, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
