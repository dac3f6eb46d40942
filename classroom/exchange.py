"""Handing out the bundle, pushing an updated exercise, collecting the class's work.

All three work on the learners' home folders through :func:`classroom.users.run_as_learner`
(the learner's own rights, never root's). The classroom remembers, per learner, the SHA-256
of every file it handed out (``<root>/hub/handouts/<learner>.json``, root only), so that
it can tell a learner's untouched copy from their work:

- a file the learner does not have is **added**;
- a file still exactly as handed out is **replaced** by the new version;
- a file the learner changed is **kept**, and the new version is put **beside** it as
  ``<name> (update <date>).ipynb``. A learner's edited copy is never overwritten.

Collection reads, for each released exercise, the learner's most recently saved version
(the file or an ``(update …)`` copy) and the workbook file, and writes them where the
grader reads them (``kamlib.grading.submissions``): ``<submissions>/<learner>/<notebook>.ipynb``,
``workbook.json``, ``submitted.json`` (``{file name: collection time}``, the time the grader
counts) and ``collection.json`` (for each file: the learner's file it came from, when the
learner last saved it, its SHA-256; what was missing or too big).
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from classroom import bundle
from classroom.config import ClassroomSettings
from classroom.roster import Roster
from classroom.users import UserError, run_as_learner, run_as_learner_async, user_exists
from kamlib.grading.submissions import SUBMITTED_FILE, WORKBOOK_FILE

#: The collection's own record of where each file came from (the grader does not read it).
COLLECTION_FILE = "collection.json"
#: A collected file larger than this is left out (and named in collection.json).
MAX_COLLECTED_BYTES = 50 * 1024 * 1024


@dataclass
class Delivery:
    """What one delivery did in one learner's home: ``{action: [paths]}`` (actions: added,
    same, replaced, beside) and ``written`` (the files written, beside copies included)."""

    learner: str
    actions: dict[str, list[str]] = field(default_factory=dict)
    written: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """One line for the trainer, e.g. ``zhang.wei: 1 added, 1 beside (…)``."""
        parts = [f"{len(paths)} {action}" for action, paths in sorted(self.actions.items())]
        beside = [w for w in self.written if "(update " in w]
        note = f" (kept their edited copy; new version as {', '.join(beside)})" if beside else ""
        return f"{self.learner}: {', '.join(parts) or 'nothing to do'}{note}"


def _handouts_path(settings: ClassroomSettings, learner: str) -> Path:
    return settings.hub_dir / "handouts" / f"{learner}.json"


def _handed_out(settings: ClassroomSettings, learner: str) -> dict[str, str]:
    try:
        return json.loads(_handouts_path(settings, learner).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}


def forget(settings: ClassroomSettings, learner: str) -> None:
    """Drop the record of what was handed out to ``learner`` (their account is gone)."""
    _handouts_path(settings, learner).unlink(missing_ok=True)


def _deliver_request(settings: ClassroomSettings, learner: str,
                     paths: list[str] | None) -> dict:
    hashes = bundle.manifest_of(settings)["home"]
    handed = _handed_out(settings, learner)
    chosen = sorted(hashes) if paths is None else paths
    return {
        "command": "deliver",
        "day": dt.date.today().isoformat(),
        "items": [
            {"path": p, "source": str(settings.bundle_dir / "home" / p),
             "handed_sha": handed.get(p)}
            for p in chosen
        ],
    }


def _record(settings: ClassroomSettings, learner: str, answer: dict) -> Delivery:
    """Remember what was handed out where the learner's file is now the bundle's version."""
    handed = _handed_out(settings, learner)
    delivery = Delivery(learner)
    for result in answer["results"]:
        delivery.actions.setdefault(result["action"], []).append(result["path"])
        if result["written"]:
            delivery.written.append(result["written"])
        if result["action"] in ("added", "replaced", "same"):
            handed[result["path"]] = result["sha"]
    target = _handouts_path(settings, learner)
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    target.write_text(json.dumps(handed, indent=1, sort_keys=True), encoding="utf-8")
    return delivery


def deliver(settings: ClassroomSettings, learner: str, paths: list[str] | None = None) -> Delivery:
    """Bring ``learner``'s home folder up to date with the bundle (all of it, or ``paths``).

    Returns
    -------
    Delivery

    Raises
    ------
    classroom.users.UserError
        If the learner has no system account yet, or their folder cannot be written.
    """
    answer = run_as_learner(learner, bundle.learner_python(settings),
                            _deliver_request(settings, learner, paths))
    return _record(settings, learner, answer)


async def deliver_async(settings: ClassroomSettings, learner: str) -> Delivery:
    """:func:`deliver` of the whole bundle, for the hub (run before a learner's server starts)."""
    answer = await run_as_learner_async(learner, bundle.learner_python(settings),
                                        _deliver_request(settings, learner, None))
    return _record(settings, learner, answer)


def _class(settings: ClassroomSettings) -> list[str]:
    """Everyone with a home folder to serve: learners and trainers, by username."""
    people = Roster(settings.roster_path).people()
    return [name for name in sorted(people) if user_exists(name)]


def push(settings: ClassroomSettings, files: list[Path] | None = None,
         folder: str = "exercises") -> list[Delivery]:
    """Give everyone an updated exercise without touching their work.

    Parameters
    ----------
    settings : ClassroomSettings
    files : list of pathlib.Path, optional
        Notebooks (or data files) to put into ``folder`` of every home. Default: rebuild
        the whole bundle from its source (after ``make release``) and deliver what changed.
    folder : str
        The folder of the home where ``files`` go (default ``exercises``).

    Returns
    -------
    list of Delivery
        One per person who has signed in; people who have not get everything at first sign-in.
    """
    if files:
        for path in files:
            if not Path(path).is_file():
                raise FileNotFoundError(f"file to push: {path} does not exist.")
        added = bundle.add_to_bundle(settings, {f"{folder}/{Path(p).name}": Path(p) for p in files})
        paths: list[str] | None = sorted(added)
    else:
        bundle.assemble(settings)
        paths = None
    return [deliver(settings, learner, paths) for learner in _class(settings)]


@dataclass
class Collected:
    """What was collected from one learner: the files written, what they had not saved yet."""

    learner: str
    files: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    problem: str = ""

    def summary(self) -> str:
        """One line for the trainer."""
        if self.problem:
            return f"{self.learner}: not collected ({self.problem})"
        missing = f"; not there yet: {', '.join(self.missing)}" if self.missing else ""
        return f"{self.learner}: {len(self.files)} file(s){missing}"


def collect(settings: ClassroomSettings, destination: Path | None = None) -> list[Collected]:
    """Copy every learner's workbook and exercise notebooks into the grading folder.

    Parameters
    ----------
    settings : ClassroomSettings
    destination : pathlib.Path, optional
        The submissions folder (default ``settings.submissions_dir``). Each learner's folder
        in it is replaced by the new collection as a whole.

    Returns
    -------
    list of Collected
        One per learner of the roster (trainers are not collected).
    """
    destination = Path(destination or settings.submissions_dir)
    destination.mkdir(parents=True, exist_ok=True)
    settings.grading_dir.mkdir(parents=True, exist_ok=True)
    settings.grading_dir.chmod(0o700)
    exercises = sorted(p for p in bundle.manifest_of(settings)["home"]
                       if p.startswith("exercises/") and p.endswith(".ipynb"))
    wanted = [settings.workbook, *exercises]
    collected = []
    for person in Roster(settings.roster_path).learners():
        if not user_exists(person.username):
            collected.append(Collected(person.username, problem="has not signed in yet"))
            continue
        try:
            answer = run_as_learner(
                person.username, bundle.learner_python(settings),
                {"command": "read", "paths": wanted, "max_bytes": MAX_COLLECTED_BYTES},
            )
        except UserError as error:
            collected.append(Collected(person.username, problem=str(error)))
            continue
        collected.append(_write_submission(destination, person.username, answer, wanted,
                                           settings.workbook))
    return collected


def _write_submission(destination: Path, learner: str, answer: dict, wanted: list[str],
                      workbook: str) -> Collected:
    collected_at = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    record = {"learner": learner, "collected_at": collected_at, "files": {},
              "missing": answer["missing"], "too_big": answer["too_big"]}
    result = Collected(learner, missing=answer["missing"] + answer["too_big"])
    fresh = Path(tempfile.mkdtemp(dir=destination, prefix=f".{learner}-"))
    # Only the files asked for, under their own names; of two editions of one exercise
    # (e.g. exercises/zh/), the one saved last.
    found_files = sorted(answer["files"].items(), key=lambda item: item[1]["modified"])
    for relative, found in found_files:
        if relative not in wanted:
            continue
        name = WORKBOOK_FILE if relative == workbook else Path(relative).name
        if name in record["files"]:
            result.files.remove(name)
        data = base64.b64decode(found["content"])
        (fresh / name).write_bytes(data)
        record["files"][name] = {"source": found["source"], "saved": found["modified"],
                                 "sha256": hashlib.sha256(data).hexdigest()}
        result.files.append(name)
    (fresh / COLLECTION_FILE).write_text(json.dumps(record, indent=1), encoding="utf-8")
    (fresh / SUBMITTED_FILE).write_text(
        json.dumps({name: collected_at for name in sorted(result.files)}, indent=1),
        encoding="utf-8")
    target = destination / learner
    old = destination / f".{learner}-previous"
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    fresh.rename(target)
    shutil.rmtree(old, ignore_errors=True)
    return result
