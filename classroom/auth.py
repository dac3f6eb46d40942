"""Signing in to the classroom hub with the class list's one-time passwords.

:class:`ClassListAuthenticator` lets in exactly the people of the roster
(:mod:`classroom.roster`), checking the password against its scrypt hash; trainers sign in
as the hub's admins. The sign-in page (``classroom/templates/login.html``) also asks for the
learner's language (English or 中文); the choice is remembered in the roster and given to
the learner's server as ``KAMLIB_LANGUAGE``, so a learner chooses once.

:class:`LocalClassListAuthenticator` adds what a single machine needs: each person is a
system user, created on first need with a private home folder
(:func:`classroom.users.create_user`).

Standard library and JupyterHub only (the Kubernetes hub image loads this file as it is).
"""

from __future__ import annotations

import asyncio

from jupyterhub.auth import Authenticator, LocalAuthenticator
from traitlets import Bool, Unicode

from classroom.roster import LANGUAGES, Roster, RosterError, verify_password
from classroom.users import create_user

#: Seconds a failed sign-in waits before answering (slows down password guessing).
FAILED_SIGN_IN_DELAY = 1.0


class ClassListAuthenticator(Authenticator):
    """Sign in with a username of the class list and the password printed for it."""

    roster_path = Unicode(
        help="The roster file (classroom.roster.Roster): names, roles, password hashes."
    ).tag(config=True)

    def roster(self) -> Roster:
        """The roster, read afresh (people added while the hub runs can sign in)."""
        return Roster(self.roster_path)

    async def authenticate(self, handler, data):
        """Return ``{"name", "admin"}`` for a right username and password, else None.

        A language chosen on the sign-in page (``en`` or ``zh``) is remembered.
        """
        username = self.normalize_username(data.get("username", ""))
        person = self.roster().get(username)
        password = data.get("password", "")
        stored = person.password_hash if person else ""
        if not (stored and await asyncio.to_thread(verify_password, password, stored)):
            self.log.warning("Failed sign-in for %r", username)
            await asyncio.sleep(FAILED_SIGN_IN_DELAY)
            return None
        language = data.get("language", "")
        if language in LANGUAGES:
            try:
                self.roster().set_language(username, language)
            except (OSError, RosterError) as error:
                self.log.warning("Could not remember %s's language: %s", username, error)
        return {"name": username, "admin": person.role == "trainer"}

    def check_allowed(self, username, authentication=None):
        """Only the people of the roster may use the hub."""
        return self.roster().get(username) is not None


class LocalClassListAuthenticator(ClassListAuthenticator, LocalAuthenticator):
    """:class:`ClassListAuthenticator` where every person is a system user with a 0700 home."""

    home_base = Unicode("/home", help="Home folders are <home_base>/<username>.").tag(config=True)

    create_system_users = Bool(
        True, help="Create a missing system user (with a private home) on first need."
    ).tag(config=True)

    def add_system_user(self, user):
        """Create the system user for ``user`` (home folder mode 0700)."""
        create_user(user.name, self.home_base)
