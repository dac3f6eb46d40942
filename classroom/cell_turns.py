"""Turns at running cells, shared by the learners' kernels of one classroom machine.

When a class arrives together, thirty kernels run their notebooks' first cells at once. The
machine's cores share their time among all of them, so a learner's slider move (a chart
redrawn in their kernel, about 50 ms of CPU) waits behind every cell of the class: the class
simulation measured 1.2–1.5 s at the 95th percentile while the class arrived, against
0.06 s for a learner alone (``benchmarks/bench_classroom.py``).

With turns, at most as many cells run at once as the classroom has turns (one per core).
The other kernels wait for a turn asleep, so a slider move, which needs no turn, is served at
once, and the cells run a few at a time instead of all at once (in the simulation the
median learner's lecture 1 finished sooner, the last learners' later). The wait is bounded:
a kernel that has waited :data:`WAIT_S` runs its cell anyway, so a learner who keeps a turn
(a long cell of their own code) slows the others' cells by at most that and never stops
them.

A learner who stops a cell while it waits (Kernel ▸ Interrupt) gets it back not run, with a
message saying so (:data:`STOPPED`), as a stopped cell would be.

A turn is a file of the turns folder (named by the environment variable
:data:`ENV_VARIABLE`; the classroom makes it with one read-only file per core), locked with
``flock``. A kernel keeps its turn :data:`GRACE_S` after a cell, so "Run All" runs the whole
notebook in one turn instead of queueing again for each cell.

Every learner's kernel loads this module as an IPython extension (the classroom's kernel
settings); where the variable is not set (a learner's own laptop, a Kubernetes pod with a
machine share of its own) it does nothing. It is copied into the learners' Python as
``kam_cell_turns``, so it imports nothing from the course.
"""

from __future__ import annotations

import ast
import fcntl
import os
import threading
import time
from pathlib import Path
from typing import Any

#: The environment variable naming the turns folder.
ENV_VARIABLE = "KAM_CELL_TURNS"
#: Longest wait for a turn, in seconds; then the cell runs without one.
WAIT_S = 5.0
#: How long a kernel keeps its turn after a cell, in seconds, for the next cell of a run.
GRACE_S = 0.5
#: How often a waiting kernel looks for a free turn, in seconds.
POLL_S = 0.02


def _try_lock(path: Path) -> int | None:
    """The open, locked file ``path`` (a turn taken), or None if another holds it."""
    try:
        handle = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
    except OSError:
        return None
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(handle)
        return None
    return handle


class Turns:
    """One kernel's access to the turns of a folder.

    Parameters
    ----------
    folder : pathlib.Path
        The turns folder: each file in it is one turn.
    wait_s, grace_s : float
        The longest wait for a turn, and how long a turn is kept after a cell.
    """

    def __init__(self, folder: Path, *, wait_s: float = WAIT_S, grace_s: float = GRACE_S):
        self.paths = sorted(path for path in folder.iterdir() if path.is_file())
        self.wait_s, self.grace_s = wait_s, grace_s
        self._held: int | None = None
        self._expiry: threading.Timer | None = None
        self._lock = threading.Lock()

    @property
    def holding(self) -> bool:
        """Whether this kernel holds a turn now."""
        return self._held is not None

    def take(self) -> bool:
        """Hold a turn, waiting at most ``wait_s`` for one; return whether one is held.

        A turn still kept from the last cell is used again.
        """
        with self._lock:
            if self._expiry is not None:
                self._expiry.cancel()
                self._expiry = None
            if self._held is not None:
                return True
        deadline = time.monotonic() + self.wait_s
        while True:
            for path in self.paths:
                handle = _try_lock(path)
                if handle is not None:
                    with self._lock:
                        self._held = handle
                    return True
            if time.monotonic() >= deadline:
                return False
            time.sleep(POLL_S)

    def give_back_soon(self) -> None:
        """Give the turn back in ``grace_s`` unless :meth:`take` uses it again first."""
        with self._lock:
            if self._held is None:
                return
            expiry = threading.Timer(self.grace_s, self._expire)
            expiry.daemon = True
            self._expiry = expiry
        expiry.start()

    def give_back(self) -> None:
        """Give the turn back now (closing the file unlocks it)."""
        self._release()

    def _expire(self) -> None:
        self._release(threading.current_thread())

    def _release(self, expiry: threading.Thread | None = None) -> None:
        """Close the held turn; from an ``expiry`` timer only if it is still the pending one
        (not if the turn was taken again, or given back, meanwhile)."""
        with self._lock:
            if expiry is not None and self._expiry is not expiry:
                return
            if self._expiry is not None:
                self._expiry.cancel()
                self._expiry = None
            handle, self._held = self._held, None
        if handle is not None:
            os.close(handle)


#: Shown when the learner stops a cell (Kernel ▸ Interrupt) while it waits for its turn.
STOPPED = ("Stopped before it ran: this cell was waiting for its turn on the class's shared "
           "machine. Run it again when you want it. 已停止：该单元格在等待共享机器的运行轮次，"
           "尚未运行；需要时请重新运行。")


class _StoppedWhileWaiting(ast.NodeTransformer):
    """Refuses the next cell once, if the learner stopped it while it waited for a turn (an
    AST transformer runs after ``pre_run_cell`` and may refuse a cell with InputRejected)."""

    def __init__(self) -> None:
        self.stopped = False

    def visit(self, node: ast.AST) -> ast.AST:
        if self.stopped:
            from IPython.core.error import InputRejected

            self.stopped = False
            raise InputRejected(STOPPED)
        return node


def load_ipython_extension(ipython: Any) -> None:
    """Take a turn before each cell and give it back after (IPython's extension hook).

    A learner who stops a cell while it waits (Kernel ▸ Interrupt) gets it back not run,
    with :data:`STOPPED`, as if stopped at its first line. Does nothing unless
    :data:`ENV_VARIABLE` names a folder with at least one turn.
    """
    folder = os.environ.get(ENV_VARIABLE)
    try:
        turns = Turns(Path(folder)) if folder else None
    except OSError:  # no such folder, or not readable: the kernel runs as it would alone
        return
    if turns is None or not turns.paths:
        return
    refusal = _StoppedWhileWaiting()

    def before_cell(_info: Any) -> None:
        try:
            turns.take()
        except KeyboardInterrupt:
            refusal.stopped = True

    ipython.ast_transformers.append(refusal)
    ipython.events.register("pre_run_cell", before_cell)
    ipython.events.register("post_run_cell", lambda _result: turns.give_back_soon())
