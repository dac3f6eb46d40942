"""The answer key of instant feedback, and the course secret it is derived from.

The key holds, per task with a right answer, the salted SHA-256 of the answer's canonical
form (:func:`kamlib.exercises.judging.expected_form`); the salt is an HMAC of the course
secret, so the secret itself never leaves the instructor. The secret comes from
``KAMLIB_COURSE_SECRET``, else from the instructor's file :func:`secret_path` (created with
a random secret on first use, readable by its owner only).

What the key protects, and what not: it lets a learner's notebook say "right" or "not
quite" without holding the answer in any readable form, and the per-course salt makes keys
of different courses incomparable. A learner can still test guesses against it, as they
can by pressing Check; it never decides a grade (the grader judges again, see
:mod:`kamlib.grading.batch`).

The repository ships a key made with the public :data:`DEVELOPMENT_SECRET`, for self-study
from the repository, which holds the solutions anyway.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
from pathlib import Path
from typing import Any

from kamlib.exercises.feedback import ANSWER_KEY_PATH, KEY_FORMAT
from kamlib.exercises.judging import canonical_expected, digest, expected_form
from kamlib.exercises.tasks import task_spec
from kamlib.grading.expected import expected_answers
from kamlib.i18n import _
from kamlib.settings import user_settings_path
from kamlib.validation import fail

SECRET_VARIABLE = "KAMLIB_COURSE_SECRET"
#: The public secret of the key committed to the repository (self-study, tests).
DEVELOPMENT_SECRET = "kamlib-development-key: public, for self-study from the repository"
_SALT_PURPOSE = b"kamlib instant feedback v1"
MIN_SECRET_CHARACTERS = 16


def secret_path() -> Path:
    """The instructor's course secret file, beside their course settings file.

    Returns
    -------
    Path
        ``course_secret`` in the folder of :func:`kamlib.settings.user_settings_path`.

    Examples
    --------
    >>> secret_path().name
    'course_secret'
    """
    return user_settings_path().with_name("course_secret")


def course_secret() -> str:
    """The course secret: ``KAMLIB_COURSE_SECRET``, else the instructor's secret file.

    The file is created with a random secret on first use (permissions 0600).

    Returns
    -------
    str
        The secret that salts the answer key; learners never see it.

    Raises
    ------
    KamValueError
        If the secret set is shorter than 16 characters.

    Examples
    --------
    >>> import os
    >>> os.environ["KAMLIB_COURSE_SECRET"] = "sixteen or more characters"
    >>> course_secret()
    'sixteen or more characters'
    >>> del os.environ["KAMLIB_COURSE_SECRET"]
    """
    secret = os.environ.get(SECRET_VARIABLE, "").strip()
    if not secret:
        path = secret_path()
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(descriptor, "w", encoding="utf-8") as stream:
                stream.write(secrets.token_hex(32) + "\n")
        secret = path.read_text(encoding="utf-8").strip()
    if len(secret) < MIN_SECRET_CHARACTERS:
        raise fail(SECRET_VARIABLE, f"a secret of {len(secret)} characters",
                   _("at least {MIN_SECRET_CHARACTERS} characters")
                       .format(MIN_SECRET_CHARACTERS=MIN_SECRET_CHARACTERS))
    return secret


def salt_of(secret: str) -> str:
    """The salt of the answer key: HMAC-SHA256 of a fixed purpose under the secret.

    Parameters
    ----------
    secret : str
        The course secret (:func:`course_secret`).

    Returns
    -------
    str
        64 hexadecimal digits; the same secret always gives the same salt.

    Examples
    --------
    >>> len(salt_of("a course secret long enough"))
    64
    """
    return hmac.new(secret.encode("utf-8"), _SALT_PURPOSE, hashlib.sha256).hexdigest()


def build_answer_key(secret: str, *, answers: dict[str, Any] | None = None) -> dict[str, Any]:
    """The answer key as plain data: format, salt and one digest per keyed task.

    Parameters
    ----------
    secret : str
        The course secret that salts the digests (:func:`course_secret`).
    answers : dict, optional
        Task id → expected answer (default: every task's answer on the case data,
        :func:`kamlib.grading.expected.expected_answers`).

    Returns
    -------
    dict
        ``format``, ``salt`` and ``digests`` (task id → digest of the expected answer).

    Raises
    ------
    KamValueError
        If a task id is unknown.

    Examples
    --------
    >>> key = build_answer_key("a course secret long enough", answers={"1.1": 0.8})
    >>> sorted(key), list(key["digests"])
    (['digests', 'format', 'salt'], ['1.1'])
    """
    answers = expected_answers() if answers is None else answers
    salt = salt_of(secret)
    digests = {}
    for task_id, answer in sorted(answers.items()):
        spec = task_spec(task_id)
        digests[task_id] = digest(salt, task_id, expected_form(spec,
                                                                canonical_expected(spec, answer)))
    return {"format": KEY_FORMAT, "salt": salt, "digests": digests}


def render_answer_key(key: dict[str, Any]) -> str:
    """The key as the text of ``answer_key.json`` (stable: the same key, the same bytes).

    Parameters
    ----------
    key : dict
        :func:`build_answer_key`'s result.

    Returns
    -------
    str
        Indented JSON with sorted keys and a final newline.

    Examples
    --------
    >>> print(render_answer_key({"format": 1, "salt": "ab", "digests": {}}), end="")
    {
     "digests": {},
     "format": 1,
     "salt": "ab"
    }
    """
    return json.dumps(key, indent=1, sort_keys=True) + "\n"


def write_answer_key(path: Path = ANSWER_KEY_PATH, *, secret: str = DEVELOPMENT_SECRET,
                     answers: dict[str, Any] | None = None) -> Path:
    """Write the answer key for ``secret`` to ``path``; return the path.

    Parameters
    ----------
    path : Path, default kamlib's ``exercises/answer_key.json``
        The file to write (replaced if it exists).
    secret : str, default the public development secret
        The course secret (:func:`course_secret` for a real course).
    answers : dict, optional
        Task id → expected answer (default: every task's answer on the case data).

    Returns
    -------
    Path
        ``path``.

    Raises
    ------
    KamValueError
        If a task id is unknown.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = write_answer_key(Path(folder) / "key.json", answers={"1.1": 0.8})
    ...     path.name
    'key.json'
    """
    path.write_text(render_answer_key(build_answer_key(secret, answers=answers)), encoding="utf-8")
    return path




def answer_key_problems(path: Path = ANSWER_KEY_PATH) -> list[str]:
    """Why the repository's answer key (development secret) is not current; [] if it is.

    Parameters
    ----------
    path : Path, default kamlib's ``exercises/answer_key.json``
        The answer key file to check.

    Returns
    -------
    list of str
        One sentence per problem (missing, out of date), each saying what to run.

    Examples
    --------
    >>> from pathlib import Path
    >>> answer_key_problems(Path("no such folder/key.json"))
    ['no such folder/key.json: missing; run `make release`.']
    """
    expected = render_answer_key(build_answer_key(DEVELOPMENT_SECRET))
    if not path.is_file():
        return [f"{path}: missing; run `make release`."]
    if path.read_text(encoding="utf-8") != expected:
        return [f"{path}: out of date with the tasks or the case data; run `make release`."]
    return []


__all__ = [
    "DEVELOPMENT_SECRET",
    "SECRET_VARIABLE",
    "answer_key_problems",
    "build_answer_key",
    "course_secret",
    "render_answer_key",
    "salt_of",
    "secret_path",
    "write_answer_key",
]
