"""Open the course in JupyterLab: the command behind ``make lab``.

    python tools/lab.py [JUPYTERLAB OPTIONS ...]

Serves the course folder (whatever the current folder is) and opens the start-here
notebook. Options are passed on to JupyterLab, e.g. ``--port 8890 --no-browser``
(``make lab LAB_OPTIONS="--port 8890 --no-browser"``).

JupyterLab refuses to start as root ("Running as root is not recommended. Use --allow-root
to bypass."), which is what a newcomer gets in a container or on a cloud notebook box: as
root this adds ``--allow-root`` and says so in one line.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
START_HERE = "notebooks/00_start_here.ipynb"
ALLOW_ROOT = "--allow-root"


def running_as_root() -> bool:
    """Whether this process runs as the superuser (never on Windows)."""
    return hasattr(os, "geteuid") and os.geteuid() == 0


def lab_command(options: Sequence[str] = (), *, as_root: bool | None = None) -> list[str]:
    """The JupyterLab command line that serves the course and opens the start-here notebook.

    Parameters
    ----------
    options : sequence of str
        Extra JupyterLab options, passed on unchanged (``--port 8890``, ``--no-browser``).
    as_root : bool, optional
        Whether the command will run as root; default: whether this process does. As root
        ``--allow-root`` is added unless ``options`` already has it.

    Returns
    -------
    list of str
        The command, to run from any folder (the course folder is named in it).

    Examples
    --------
    >>> command = lab_command(["--no-browser"], as_root=True)
    >>> command[1:3], command[-2:]
    (['-m', 'jupyterlab'], ['--no-browser', '--allow-root'])
    >>> ALLOW_ROOT in lab_command(as_root=False)
    False
    """
    if as_root is None:
        as_root = running_as_root()
    command = [sys.executable, "-m", "jupyterlab", f"--ServerApp.root_dir={REPO}",
               str(REPO / START_HERE), *options]
    if as_root and ALLOW_ROOT not in options:
        command.append(ALLOW_ROOT)
    return command


def main(argv: Sequence[str] | None = None) -> int:
    options = list(sys.argv[1:] if argv is None else argv)
    command = lab_command(options)
    if ALLOW_ROOT in command and ALLOW_ROOT not in options:
        print("Running as root: adding --allow-root, without which JupyterLab will not start.",
              flush=True)
    if os.name == "posix":
        os.execv(command[0], command)  # the server keeps this process id: Ctrl-C stops it
    return subprocess.call(command)


if __name__ == "__main__":
    sys.exit(main())
