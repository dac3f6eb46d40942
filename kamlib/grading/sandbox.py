"""Run a learner's notebook where it can do no harm: bubblewrap, or a named weaker fallback.

Modes (the grading report names the one used):

``bubblewrap``
    Debian's ``bwrap`` (the sandbox Flatpak uses) starts the run in new user, process,
    network, IPC and mount namespaces. The run sees the system's programs and the Python
    installation read-only, the course (kamlib without its grading tools, and the case data)
    read-only at ``/course``, and one scratch folder holding a copy of this one notebook.
    It does not see the course repository, the solutions, the instructor's files or any other
    submission; it has no network (loopback only) and runs as ``nobody``.
``process``
    When bubblewrap is missing or user namespaces are refused: a separate process in a
    scratch folder with its own copy of the course, a clean environment and the same limits,
    but **no file-system or network isolation**: learner code can read and write whatever
    the grading account can. Use it only for submissions you trust, or where the container
    itself is the sandbox.

Both apply the limits of :class:`Limits`: seconds per cell (the cell is interrupted and the
run goes on), wall-clock seconds per notebook (the whole run is stopped), CPU seconds and
memory per process.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kamlib.i18n import N_, _
from kamlib.validation import check_choice, check_number, fail

MODES = ("bubblewrap", "process")
REQUESTS = ("auto", *MODES)
RUNNER = Path(__file__).resolve().with_name("runner.py")
COURSE_IN_SANDBOX = "/course"
SCRATCH_IN_SANDBOX = "/submission"
NOBODY = 65534
MAX_RESULT_BYTES = 5_000_000
#: What each mode protects, for reports.
MODE_NOTES = {
    "bubblewrap": N_("bubblewrap sandbox: no network, read-only course, no access to other "
                     "submissions or the instructor's files"),
    "process": N_("WEAKER FALLBACK, no sandbox: separate process with limits, but learner code "
                  "can read and write whatever the grading account can"),
}


@dataclass(frozen=True)
class Limits:
    """Limits of one notebook's run.

    ``cell_seconds``: one cell's run time (then it is interrupted and the next cell runs);
    ``notebook_seconds``: the whole run's wall-clock time (then the run is stopped);
    ``memory_mb``: address space per process; ``cpu_seconds``: CPU time per process
    (default: the notebook's wall-clock limit).

    Parameters
    ----------
    cell_seconds : float, default 60
        One cell's run time, 1 or more.
    notebook_seconds : float, default 900
        The whole run's wall-clock time, at least ``cell_seconds``.
    memory_mb : int, default 4096
        Address space per process, 256 or more.
    cpu_seconds : float, optional
        CPU time per process, 1 or more.

    Raises
    ------
    KamValueError
        If a limit is below its minimum.

    Examples
    --------
    >>> Limits(cell_seconds=30).notebook_seconds
    900.0
    >>> Limits(memory_mb=10)
    Traceback (most recent call last):
    ...
    kamlib.validation.KamValueError: memory_mb: got 10; expected a number from 256 ...
    """

    cell_seconds: float = 60.0
    notebook_seconds: float = 900.0
    memory_mb: int = 4096
    cpu_seconds: float | None = None

    def __post_init__(self) -> None:
        check_number("cell_seconds", self.cell_seconds, minimum=1)
        check_number("notebook_seconds", self.notebook_seconds, minimum=self.cell_seconds)
        check_number("memory_mb", self.memory_mb, minimum=256, integer=True)
        if self.cpu_seconds is not None:
            check_number("cpu_seconds", self.cpu_seconds, minimum=1)


@dataclass(frozen=True)
class RunResult:
    """What a run gave: each code cell's outcome, the exported answers, what went wrong.

    Parameters
    ----------
    mode : str
        "bubblewrap" or "process": how the notebook was run.
    cells : tuple of dict
        Each code cell's outcome (status, error, seconds).
    answers : dict
        Answer variable → its exported value.
    problems : tuple of str
        What went wrong (a stopped run, no readable result).
    seconds : float
        The run's wall-clock time.

    Examples
    --------
    >>> RunResult("process", problems=("stopped after 900 s",)).answers
    {}
    """

    mode: str
    cells: tuple[dict[str, Any], ...] = ()
    answers: dict[str, Any] = field(default_factory=dict)
    problems: tuple[str, ...] = ()
    seconds: float = 0.0


@functools.cache
def bubblewrap_works() -> bool:
    """Whether ``bwrap`` is installed and may create the namespaces it needs here.

    Returns
    -------
    bool
        True if a trial run of bubblewrap succeeded (the answer is cached).

    Examples
    --------
    >>> isinstance(bubblewrap_works(), bool)
    True
    """
    bwrap = shutil.which("bwrap")
    if bwrap is None:
        return False
    probe = [bwrap, "--unshare-all", "--unshare-user", "--die-with-parent", "--ro-bind", "/",
             "/", "--proc", "/proc", "--dev", "/dev", "true"]
    try:
        return subprocess.run(probe, capture_output=True, timeout=30).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


def choose_mode(requested: str = "auto") -> str:
    """The mode to run in: ``bubblewrap`` if it works here, else ``process`` (for "auto").

    Parameters
    ----------
    requested : {"auto", "bubblewrap", "process"}, default "auto"
        The mode the instructor asked for.

    Returns
    -------
    str
        "bubblewrap" or "process".

    Raises
    ------
    KamValueError
        If ``bubblewrap`` is asked for and does not work on this machine, or ``requested``
        is no mode.

    Examples
    --------
    >>> choose_mode("process")
    'process'
    >>> choose_mode() in ("bubblewrap", "process")
    True
    """
    check_choice("sandbox", requested, REQUESTS)
    if requested == "process":
        return "process"
    if bubblewrap_works():
        return "bubblewrap"
    if requested == "bubblewrap":
        raise fail("sandbox", requested, _("'auto' or 'process': bubblewrap does not work here "
                   "(install Debian's bubblewrap, and allow user namespaces)"))
    return "process"


def prepare_course(target: Path) -> Path:
    """Copy what a learner's notebook runs on into ``target``: kamlib without its grading
    tools, and the case data.

    Parameters
    ----------
    target : Path
        An empty folder.

    Returns
    -------
    Path
        ``target``.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     course = prepare_course(Path(folder))
    ...     (course / "kamlib").is_dir(), (course / "kamlib" / "grading").exists()
    (True, False)
    """
    from kamlib.datasets import data_dir

    package = Path(__file__).resolve().parents[1]
    shutil.copytree(package, target / "kamlib",
                    ignore=shutil.ignore_patterns("grading", "__pycache__", "*.pyc"))
    shutil.copytree(data_dir(), target / "datasets", ignore=shutil.ignore_patterns("*.py"))
    return target


def _limited(command: list[str], limits: Limits) -> list[str]:
    """``command`` started under util-linux's ``prlimit`` with the CPU and memory limits
    (inherited by every process the run starts)."""
    prlimit = shutil.which("prlimit")
    if prlimit is None:
        raise fail("prlimit", None, _("util-linux's prlimit on the PATH (Debian: util-linux)"))
    cpu = int(limits.cpu_seconds or limits.notebook_seconds)
    memory = limits.memory_mb * 1024 * 1024
    return [prlimit, f"--cpu={cpu}:{cpu + 5}", f"--as={memory}", "--core=0", "--", *command]


def _environment(home: str, course: str, workbook: str, runtime: str) -> dict[str, str]:
    """A clean environment: nothing of the instructor's passes into the run."""
    return {
        "PATH": f"{Path(sys.executable).parent}:/usr/local/bin:/usr/bin:/bin",
        "HOME": home,
        "PYTHONPATH": course,
        "PYTHONDONTWRITEBYTECODE": "1",
        "LANG": "C.UTF-8",
        "MPLBACKEND": "Agg",
        "MPLCONFIGDIR": f"{runtime}/matplotlib",
        "JUPYTER_RUNTIME_DIR": f"{runtime}/jupyter",
        "JUPYTER_CONFIG_DIR": f"{runtime}/jupyter-config",
        "IPYTHONDIR": f"{runtime}/ipython",
        "KAMLIB_WORKBOOK": workbook,
        "OMP_NUM_THREADS": "1",
        "OPENBLAS_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
    }


def _system_binds() -> list[str]:
    """Read-only binds of the system: /usr, /etc, the top-level links or folders into /usr,
    and the Python installation and virtual environment when they live elsewhere."""
    args = ["--ro-bind", "/usr", "/usr", "--ro-bind", "/etc", "/etc"]
    for name in ("bin", "sbin", "lib", "lib32", "lib64"):
        path = Path("/") / name
        if path.is_symlink():
            args += ["--symlink", os.readlink(path), str(path)]
        elif path.is_dir():
            args += ["--ro-bind", str(path), str(path)]
    prefixes = {Path(sys.base_prefix).resolve(), Path(sys.prefix).resolve()}
    for prefix in sorted(prefixes):
        if Path("/usr") not in (prefix, *prefix.parents):
            args += ["--ro-bind", str(prefix), str(prefix)]
    return args


def _command(mode: str, scratch: Path, course: Path) -> tuple[list[str], dict[str, str], Path]:
    python = str(Path(sys.executable).absolute())
    if mode == "bubblewrap":
        inner = SCRATCH_IN_SANDBOX
        env = _environment(f"{inner}/home", COURSE_IN_SANDBOX, f"{inner}/workbook.json",
                           "/tmp")
        command = [shutil.which("bwrap"), "--unshare-all", "--unshare-user",
                   "--uid", str(NOBODY), "--gid", str(NOBODY), "--die-with-parent",
                   "--new-session", "--hostname", "sandbox",
                   # /tmp first: a Python or course installed under /tmp is bound onto it
                   "--tmpfs", "/tmp", *_system_binds(),
                   "--ro-bind", str(course), COURSE_IN_SANDBOX,
                   "--ro-bind", str(RUNNER), "/runner/runner.py",
                   "--bind", str(scratch), inner, "--proc", "/proc", "--dev", "/dev",
                   "--clearenv"]
        for name, value in env.items():
            command += ["--setenv", name, value]
        command += ["--chdir", inner, python, "/runner/runner.py", f"{inner}/job.json"]
        return command, {}, scratch
    own_course = prepare_course(scratch / "course")
    runner = scratch / "runner.py"
    shutil.copyfile(RUNNER, runner)
    env = _environment(str(scratch / "home"), str(own_course), str(scratch / "workbook.json"),
                       str(scratch / "runtime"))
    return [python, str(runner), str(scratch / "job.json")], env, scratch


def _read_result(path: Path) -> dict[str, Any] | None:
    """The runner's result, read as untrusted data; None if missing or malformed."""
    try:
        if path.stat().st_size > MAX_RESULT_BYTES:
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("answers"), dict):
        return None
    cells = data.get("cells")
    if not isinstance(cells, list) or not all(
        isinstance(c, dict) and isinstance(c.get("index"), int)
        and c.get("status") in ("ok", "error", "timeout", "not run") for c in cells
    ):
        return None
    return data


def run_notebook(notebook: dict[str, Any], *, variables: list[str], course: Path,
                 limits: Limits, mode: str, log: Path | None = None) -> RunResult:
    """Run one learner notebook (plain notebook JSON) and export the answer ``variables``.

    Parameters
    ----------
    notebook : dict
        The learner's notebook, already read and checked as a notebook.
    variables : list of str
        The answer variables to export (``answer_1_2`` ...).
    course : Path
        The course tree the run imports (:func:`prepare_course`); bound read-only in the
        bubblewrap mode, copied in the process mode.
    limits : Limits
        Time and memory limits.
    mode : str
        "bubblewrap" or "process" (see :func:`choose_mode`).
    log : Path, optional
        Where the run's own output (kernel messages, warnings) goes; never the console.

    Returns
    -------
    RunResult
        The cells' outcomes and the exported answers; a run that was stopped or produced no
        readable result has ``problems`` and no answers.

    Raises
    ------
    KamValueError
        If ``mode`` is no mode.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> import nbformat
    >>> notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("answer_1_1 = 0.8")])
    >>> with tempfile.TemporaryDirectory() as folder:  # doctest: +SKIP
    ...     result = run_notebook(notebook, variables=["answer_1_1"],
    ...                           course=prepare_course(Path(folder)), limits=Limits(),
    ...                           mode=choose_mode())
    >>> result.answers  # doctest: +SKIP
    {'answer_1_1': 0.8}
    """
    check_choice("mode", mode, MODES)
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="kamlib-run-") as folder:
        scratch = Path(folder)
        for name in ("home", "runtime"):
            (scratch / name).mkdir()
        (scratch / "submission.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
        job = {"notebook": "submission.ipynb", "variables": list(variables),
               "cell_timeout": limits.cell_seconds}
        (scratch / "job.json").write_text(json.dumps(job), encoding="utf-8")
        if mode == "bubblewrap":
            os.chmod(scratch, 0o777)  # written by the sandbox's "nobody"
        command, env, cwd = _command(mode, scratch, course)
        problems = []
        with open(log if log is not None else os.devnull, "ab") as output:
            process = subprocess.Popen(_limited(command, limits), cwd=cwd, env=env or None,
                                       stdin=subprocess.DEVNULL, stdout=output, stderr=output,
                                       start_new_session=True)
            try:
                process.wait(timeout=limits.notebook_seconds)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
                problems.append(f"the notebook ran longer than {limits.notebook_seconds:g} s "
                                "and was stopped")
            else:
                _stop_leftovers(process.pid)
        result = _read_result(scratch / "result.json")
    seconds = time.monotonic() - started
    if result is None:
        if not problems:
            problems.append("the run gave no readable result (it ended early)")
        return RunResult(mode, problems=tuple(problems), seconds=seconds)
    problems += [str(p)[:300] for p in result.get("problems", []) if isinstance(p, str)]
    exported = result.get("export_problems", {})
    if isinstance(exported, dict):
        problems += [f"{name}: {str(why)[:100]}" for name, why in list(exported.items())[:20]]
    return RunResult(mode, tuple(result["cells"]), dict(result["answers"]), tuple(problems),
                     seconds)


def _stop_leftovers(group: int) -> None:
    """Kill what the run left behind in its process group (a forked loop, say)."""
    try:
        os.killpg(group, signal.SIGKILL)
    except ProcessLookupError:
        pass


__all__ = ["MODES", "MODE_NOTES", "REQUESTS", "Limits", "RunResult", "bubblewrap_works",
           "choose_mode", "prepare_course", "run_notebook"]
