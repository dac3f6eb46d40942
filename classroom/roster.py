"""The class list as the hub keeps it: who may sign in, their role, language and password hash.

The trainer gives a class list (CSV, UTF-8, Excel's "CSV UTF-8" too) with the columns
``username`` (required), ``name``, ``role`` (``learner`` or ``trainer``) and ``language``
(``en`` or ``zh``). :func:`import_class_list` adds everyone new to the roster with a fresh
one-time password, which it returns so that the trainer can print it; the roster keeps only
a salted scrypt hash of it (:func:`hash_password`). A lost password is replaced with
:func:`new_password`.

This module uses the standard library only, so that the Kubernetes hub image (which has no
kamlib) can load it beside :mod:`classroom.auth`.
"""

from __future__ import annotations

import base64
import csv
import hashlib
import hmac
import json
import os
import re
import secrets
import tempfile
from dataclasses import asdict, dataclass, replace
from pathlib import Path

ROLES = ("learner", "trainer")
LANGUAGES = ("en", "zh")
#: A system user name: starts with a letter, then letters, digits, '.', '_' or '-'.
USERNAME = re.compile(r"^[a-z][a-z0-9._-]{0,30}$")
#: Letters and digits nobody confuses when copying from paper (no 0/o, 1/l/i).
PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
_SCRYPT = {"n": 2**14, "r": 8, "p": 1}


class RosterError(ValueError):
    """A class list or roster that cannot be used; the message says where and what is allowed."""


@dataclass(frozen=True)
class Person:
    """One person of the class.

    Attributes
    ----------
    username : str
        Their sign-in name, also their system user name.
    name : str
        Their name as the trainer writes it (may be Chinese).
    role : str
        ``"learner"`` or ``"trainer"`` (trainers are the hub's admins).
    language : str
        ``"en"``, ``"zh"`` or ``""`` (not chosen: the classroom's default).
    password_hash : str
        The salted scrypt hash of their password (never the password).
    """

    username: str
    name: str = ""
    role: str = "learner"
    language: str = ""
    password_hash: str = ""


def check_username(username: object) -> str:
    """Return ``username`` lower-cased and stripped if it can name a system user.

    Raises
    ------
    RosterError
        If it is not text of 1–31 letters, digits, '.', '_' or '-' starting with a letter.

    Examples
    --------
    >>> check_username(" Zhang.Wei ")
    'zhang.wei'
    """
    text = username.strip().lower() if isinstance(username, str) else username
    if not isinstance(text, str) or not USERNAME.match(text):
        raise RosterError(
            f"username: got {username!r}; expected 1-31 letters (a-z), digits, '.', '_' or '-', "
            "starting with a letter, e.g. 'zhang.wei'."
        )
    return text


def generate_password(length: int = 10) -> str:
    """A random password of ``length`` unambiguous characters, e.g. ``'k7mp3qzrh2'``."""
    return "".join(secrets.choice(PASSWORD_ALPHABET) for _ in range(length))


def hash_password(password: str) -> str:
    """The salted scrypt hash of ``password``, as ``scrypt$n$r$p$salt$digest`` (base64)."""
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, dklen=32, **_SCRYPT)
    encoded = [base64.b64encode(part).decode() for part in (salt, digest)]
    return "$".join(["scrypt", str(_SCRYPT["n"]), str(_SCRYPT["r"]), str(_SCRYPT["p"]), *encoded])


def verify_password(password: str, stored: str) -> bool:
    """Whether ``password`` matches the hash ``stored`` (False for a malformed hash)."""
    try:
        kind, n, r, p, salt, digest = stored.split("$")
        if kind != "scrypt":
            return False
        expected = base64.b64decode(digest)
        got = hashlib.scrypt(
            password.encode(), salt=base64.b64decode(salt), n=int(n), r=int(r), p=int(p),
            dklen=len(expected),
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(got, expected)


def read_class_list(path: str | os.PathLike[str]) -> list[Person]:
    """Read the trainer's class list (CSV) into people without passwords.

    Parameters
    ----------
    path : str or path-like
        A CSV file with a header row: ``username`` and optionally ``name``, ``role``,
        ``language``. UTF-8 with or without Excel's byte-order mark.

    Returns
    -------
    list of Person

    Raises
    ------
    RosterError
        Naming the row and column of every problem: an unreadable file, a missing
        ``username`` column, a bad name, role or language, a name given twice.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "class.csv"
    >>> _ = f.write_text("username,name,language\\nzhang.wei,张伟,zh\\n", encoding="utf-8")
    >>> read_class_list(f)[0].language
    'zh'
    """
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise RosterError(f"class list {path}: cannot be read as UTF-8 CSV ({error}).") from None
    if not rows or "username" not in rows[0]:
        raise RosterError(
            f"class list {path}: expected a header row with a 'username' column "
            "(and optionally name, role, language) and one row per person."
        )
    people, problems, seen = [], [], set()
    for number, row in enumerate(rows, start=2):
        try:
            person = Person(
                username=check_username(row.get("username") or ""),
                name=(row.get("name") or "").strip(),
                role=_choice("role", row.get("role") or "learner", ROLES),
                language=_choice("language", row.get("language") or "", ("", *LANGUAGES)),
            )
        except RosterError as error:
            problems.append(f"row {number}: {error}")
            continue
        if person.username in seen:
            problems.append(f"row {number}: username {person.username!r} is given twice.")
        seen.add(person.username)
        people.append(person)
    if problems:
        raise RosterError(f"class list {path}:\n" + "\n".join(problems))
    return people


def _choice(field: str, value: str, allowed: tuple[str, ...]) -> str:
    text = value.strip().lower()
    if text not in allowed:
        shown = ", ".join(repr(a) for a in allowed if a)
        raise RosterError(f"{field}: got {value!r}; expected one of {shown}.")
    return text


class Roster:
    """The roster file: ``{"people": {username: Person fields}}``, owned by root, mode 0600.

    Each method re-reads the file, so the hub sees people added by the trainer's commands
    while it runs. Writes replace the file atomically.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)

    def people(self) -> dict[str, Person]:
        """Everyone in the roster, by username (empty if there is no roster file yet)."""
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as error:
            raise RosterError(f"roster {self.path}: cannot be read ({error}).") from None
        return {name: Person(**fields) for name, fields in data.get("people", {}).items()}

    def get(self, username: str) -> Person | None:
        """The person signing in as ``username``, or None."""
        return self.people().get(username)

    def learners(self) -> list[Person]:
        """The learners (not the trainers), by username."""
        return [p for _, p in sorted(self.people().items()) if p.role == "learner"]

    def trainers(self) -> list[Person]:
        """The trainers (the hub's admins), by username."""
        return [p for _, p in sorted(self.people().items()) if p.role == "trainer"]

    def save(self, people: dict[str, Person]) -> None:
        """Replace the roster with ``people`` (atomic; the file is readable by root only)."""
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        text = json.dumps(
            {"people": {name: asdict(p) for name, p in sorted(people.items())}},
            ensure_ascii=False, indent=1,
        )
        handle, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".roster-")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(text)
            os.chmod(temporary, 0o600)
            os.replace(temporary, self.path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    def add(self, people: list[Person]) -> dict[str, str]:
        """Add the people not yet in the roster, each with a new password.

        People already in it keep their password; their name, role and language are
        updated from the class list when it gives them.

        Returns
        -------
        dict
            ``{username: password}`` of the people added: print it for the trainer; it is
            not stored anywhere.
        """
        known = self.people()
        passwords = {}
        for person in people:
            old = known.get(person.username)
            if old is None:
                passwords[person.username] = generate_password()
                known[person.username] = replace(
                    person, password_hash=hash_password(passwords[person.username])
                )
            else:
                known[person.username] = replace(
                    old,
                    name=person.name or old.name,
                    role=person.role,
                    language=person.language or old.language,
                )
        self.save(known)
        return passwords

    def new_password(self, username: str) -> str:
        """Give ``username`` a new password (the old one stops working) and return it.

        Raises
        ------
        RosterError
            If ``username`` is not in the roster.
        """
        known = self.people()
        username = check_username(username)
        if username not in known:
            raise RosterError(f"username: got {username!r}; expected one of the class list.")
        password = generate_password()
        known[username] = replace(known[username], password_hash=hash_password(password))
        self.save(known)
        return password

    def set_language(self, username: str, language: str) -> None:
        """Remember ``username``'s choice of language (``"en"`` or ``"zh"``)."""
        language = _choice("language", language, LANGUAGES)
        known = self.people()
        if username in known and known[username].language != language:
            known[username] = replace(known[username], language=language)
            self.save(known)

    def remove(self, username: str) -> None:
        """Take ``username`` out of the roster (their password stops working)."""
        known = self.people()
        if known.pop(username, None) is not None:
            self.save(known)
