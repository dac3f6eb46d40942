"""The JupyterHub configuration of the classroom, built from :mod:`classroom.config`.

``classroom/jupyterhub_config.py`` calls :func:`configure`; ``python -m classroom start``
(``make classroom``) runs JupyterHub with that file. What it sets up:

- sign-in with the class list (:class:`classroom.auth.LocalClassListAuthenticator`); trainers
  are admins; every person is a system user with a 0700 home folder;
- each learner's JupyterLab runs as that user (JupyterHub's LocalProcessSpawner) with the
  learners' Python (``<root>/env``); before it starts, the learner bundle is brought into
  the home folder without touching the learner's work (:func:`classroom.exchange.deliver`);
  the server gets the learner's workbook file, name, language and the course settings;
- the idle culler (a hub service) stops servers idle for ``idle.timeout_minutes``;
- the class overview (a hub service only admins may open) serves the grading results.
"""

from __future__ import annotations

import pwd
import socket
import sys
import uuid
from pathlib import Path
from typing import Any

from classroom import cell_turns, exchange
from classroom.config import ClassroomSettings
from classroom.roster import Roster

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
#: configurable-http-proxy as `make classroom-deps` installs it (npm, pinned by package-lock).
PROXY = HERE / "proxy" / "node_modules" / ".bin" / "configurable-http-proxy"
#: What each learner's server runs (the container image's command too).
SINGLEUSER_COMMAND = ("jupyterhub-singleuser", "--ServerApp.terminals_enabled=False")
#: The learners' Jupyter runtime folder, in their home: their kernels' Unix sockets live there.
RUNTIME_FOLDER = ".jupyter-runtime"
#: The longest path a Unix socket may have on Linux (108 bytes with the closing NUL).
SOCKET_PATH_MAX = 107
OVERVIEW_SERVICE = "class-overview"
IDLE_CULLER_SERVICE = "idle-culler"


def learner_environment(settings: ClassroomSettings, username: str) -> dict[str, str]:
    """The environment of ``username``'s server: their workbook file (in their home), their
    name, their language (the roster's choice, else the classroom's default), the course
    settings every learner shares, the turns at running cells their kernels share with the
    class (:mod:`classroom.cell_turns`), a short runtime folder in their home (their kernels'
    Unix sockets live there), and the learners' Python first on the PATH."""
    person = Roster(settings.roster_path).get(username)
    home = Path(pwd.getpwnam(username).pw_dir)
    return {
        "PATH": f"{settings.env_dir / 'bin'}:/usr/local/bin:/usr/bin:/bin",
        "KAMLIB_WORKBOOK": str(home / settings.workbook),
        "KAMLIB_LEARNER": username,
        "KAMLIB_LANGUAGE": (person.language if person and person.language else settings.language),
        "KAMLIB_SETTINGS": str(settings.course_settings_path),
        cell_turns.ENV_VARIABLE: str(settings.cell_turns_dir),
        "JUPYTER_RUNTIME_DIR": str(home / RUNTIME_FOLDER),
    }


def kernel_socket_path(home: Path) -> Path:
    """The longest path of a kernel's Unix socket for a learner whose home is ``home``
    (it must fit in :data:`SOCKET_PATH_MAX`)."""
    return home / RUNTIME_FOLDER / f"kernel-{uuid.UUID(int=0)}-ipc-5"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def configure(c: Any, settings: ClassroomSettings) -> None:
    """Fill the JupyterHub config object ``c`` for the classroom ``settings``.

    Parameters
    ----------
    c : traitlets.config.Config
        The ``c`` of a ``jupyterhub_config.py``.
    settings : ClassroomSettings
    """
    roster = Roster(settings.roster_path)
    people = roster.people()
    hub_dir = settings.hub_dir

    c.JupyterHub.ip = settings.hub_ip
    c.JupyterHub.port = settings.hub_port
    c.JupyterHub.db_url = f"sqlite:///{hub_dir / 'jupyterhub.sqlite'}"
    c.JupyterHub.cookie_secret_file = str(hub_dir / "jupyterhub_cookie_secret")
    c.JupyterHub.pid_file = str(hub_dir / "jupyterhub.pid")
    # The hub's and the proxy's own ports (loopback only) are free ones, so that two hubs
    # (a test's beside a class's) never meet.
    c.JupyterHub.hub_port = _free_port()
    c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{_free_port()}"
    c.ConfigurableHTTPProxy.command = [str(PROXY)]
    c.ConfigurableHTTPProxy.pid_file = str(hub_dir / "proxy.pid")
    c.JupyterHub.template_paths = [str(HERE / "templates")]

    c.JupyterHub.authenticator_class = "classroom.auth.LocalClassListAuthenticator"
    c.ClassListAuthenticator.roster_path = str(settings.roster_path)
    c.LocalClassListAuthenticator.home_base = str(settings.home_base)
    c.Authenticator.admin_users = {p.username for p in roster.trainers()}
    c.Authenticator.allowed_users = set(people)  # the admin page lists the whole class

    c.Spawner.cmd = [str(settings.env_dir / "bin" / SINGLEUSER_COMMAND[0])]
    c.Spawner.args = list(SINGLEUSER_COMMAND[1:])
    c.Spawner.notebook_dir = "~"
    c.Spawner.default_url = f"/lab/tree/{settings.start_page}"
    c.Spawner.start_timeout = settings.start_timeout_seconds
    c.Spawner.http_timeout = settings.start_timeout_seconds
    c.Spawner.env_keep = ["LANG", "LC_ALL", "TZ"]

    async def prepare_home(spawner: Any) -> None:
        name = spawner.user.name
        delivery = await exchange.deliver_async(settings, name)
        spawner.log.info("Learner bundle: %s", delivery.summary())
        spawner.environment = learner_environment(settings, name)

    c.Spawner.pre_spawn_hook = prepare_home

    c.JupyterHub.services = [
        {
            "name": IDLE_CULLER_SERVICE,
            "command": [
                sys.executable, "-m", "jupyterhub_idle_culler",
                f"--timeout={round(settings.idle_timeout_minutes * 60)}",
                f"--cull-every={round(settings.idle_check_every_minutes * 60)}",
            ],
        },
        {
            "name": OVERVIEW_SERVICE,
            "url": f"http://127.0.0.1:{_free_port()}",
            "command": [sys.executable, "-m", "classroom.overview",
                        str(settings.overview_dir)],
            "environment": {"PYTHONPATH": str(REPO)},
            "display": True,
            "oauth_no_confirm": True,  # part of the hub: no "authorize?" page for trainers
            "info": {"purpose": "The class overview and grading results, for trainers."},
        },
    ]
    c.JupyterHub.load_roles = [
        {
            "name": IDLE_CULLER_SERVICE,
            "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
            "services": [IDLE_CULLER_SERVICE],
        },
    ]

