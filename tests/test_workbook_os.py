"""The workbook store against the real operating system: a read-only folder, a full disk.

Each case runs in a child process so that the limit it sets (no permission to write, a file
size limit, a tiny file system) binds that process only. As root, permission bits bind only
once the capabilities that override them are dropped, which the child does before it starts.
"""

from __future__ import annotations

import ctypes
import json
import os
import shutil
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from kamlib.workbook import Workbook

PR_CAPBSET_DROP = 24
# CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER: what lets root ignore permission bits.
OVERRIDING_CAPABILITIES = (1, 2, 3)

CHILD_PRELUDE = """
import json, sys, warnings
from kamlib.workbook import Workbook, WorkbookSaveError, WorkbookRecoveryWarning
from kamlib.widgets import SWOTBoard
out = {}
"""


def _drop_overriding_capabilities() -> None:
    """In the child, before exec: make root obey permission bits, as every learner does."""
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in OVERRIDING_CAPABILITIES:
        if libc.prctl(PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def _run_child(body: str, *, as_learner: bool = False, wrapper: list[str] | None = None
               ) -> dict:
    """Run ``body`` (after CHILD_PRELUDE) in a fresh interpreter; return its ``out`` dict."""
    script = CHILD_PRELUDE + textwrap.dedent(body) + "\nprint('OUT=' + json.dumps(out))\n"
    command = [*(wrapper or []), sys.executable, "-c", script]
    drop = as_learner and os.geteuid() == 0
    result = subprocess.run(command, capture_output=True, text=True, timeout=180,
                            preexec_fn=_drop_overriding_capabilities if drop else None)
    lines = [line for line in result.stdout.splitlines() if line.startswith("OUT=")]
    assert result.returncode == 0 and lines, result.stderr[-3000:]
    return json.loads(lines[-1][4:])


def _make_read_only(folder: Path) -> None:
    for path in folder.iterdir():
        path.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR | stat.S_IRGRP | stat.S_IXGRP)


@pytest.fixture
def read_only_folders(tmp_path: Path):
    """Two read-only folders: one with a good workbook, one with a damaged one."""
    good, damaged = tmp_path / "good", tmp_path / "damaged"
    good.mkdir()
    damaged.mkdir()
    Workbook(good / "learner.json").set(
        "swot", {"title": "AC001", "swot": {"strengths": [{"text": "Local stock", "weight": 4}]}})
    (good / "learner.json.lock").unlink()
    (damaged / "learner.json").write_bytes(b'{"swot": [[[')
    snapshot = {path: path.read_bytes() for path in (good / "learner.json",
                                                     damaged / "learner.json")}
    _make_read_only(good)
    _make_read_only(damaged)
    yield good, damaged, snapshot
    for folder in (good, damaged):
        folder.chmod(stat.S_IRWXU)


def test_a_read_only_folder_reads_and_says_not_saved(read_only_folders) -> None:
    good, damaged, snapshot = read_only_folders
    out = _run_child(f"""
        try:
            open({str(good / "probe")!r}, "w")
            out["writable"] = True
        except OSError:
            out["writable"] = False
        book = Workbook({str(good / "learner.json")!r})
        out["get"] = book.get("swot")["swot"]["strengths"][0]["text"]
        out["sections"] = book.sections()
        board = SWOTBoard(workbook=book)
        out["shown"] = [item.text for item in board.swot.strengths]
        board.add("strengths", "Fast delivery")
        out["error"] = board.error
        out["still_shown"] = [item.text for item in board.swot.strengths]
        try:
            book.set("notes", "x")
        except WorkbookSaveError as error:
            out["set_error"] = str(error)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            broken = Workbook({str(damaged / "learner.json")!r})
            out["damaged_get"] = broken.get("swot")
            out["opens"] = SWOTBoard(workbook=broken).value["swot"]["strengths"]
        out["warnings"] = [str(w.message) for w in caught
                           if issubclass(w.category, WorkbookRecoveryWarning)]
    """, as_learner=True)
    assert out["writable"] is False, "the folder was not read-only for the child"
    assert out["get"] == "Local stock" and out["sections"] == ["swot"]
    assert out["shown"] == ["Local stock"]
    assert "Not saved: you may not write in that folder" in out["error"]
    assert "What was saved before is unchanged" in out["error"]
    assert out["still_shown"] == ["Local stock", "Fast delivery"]  # the entry stays on screen
    assert "could not be saved" in out["set_error"]
    assert out["damaged_get"] is None and out["opens"] == []
    assert len(out["warnings"]) == 1 and "could not be moved aside" in out["warnings"][0]
    for path, content in snapshot.items():  # nothing changed, nothing added
        assert path.read_bytes() == content
        assert sorted(p.name for p in path.parent.iterdir()) == ["learner.json"]


def test_a_full_disk_says_not_saved_and_keeps_the_old_file(tmp_path: Path) -> None:
    """RLIMIT_FSIZE makes the kernel refuse writes past a size, as a full disk does."""
    path = tmp_path / "learner.json"
    Workbook(path).set("swot", {"title": "AC001", "swot": {"strengths": []}})
    before = path.read_bytes()
    out = _run_child(f"""
        import resource, signal
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # get EFBIG instead of being killed
        book = Workbook({str(path)!r})
        board = SWOTBoard(workbook=book)
        resource.setrlimit(resource.RLIMIT_FSIZE, ({len(before)}, {len(before)}))
        board.add("strengths", "A long strength " * 50)
        out["error"] = board.error
        out["shown"] = len(board.swot.strengths)
        try:
            book.set("notes", "n" * 5000)
        except WorkbookSaveError as error:
            out["set_error"] = error.reason
    """)
    assert "Not saved: the file would be larger than this computer allows" in out["error"]
    assert out["shown"] == 1
    assert out["set_error"] == "the file would be larger than this computer allows"
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["learner.json", "learner.json.lock"]


def _tmpfs_wrapper(folder: Path) -> list[str] | None:
    """A command prefix running the child with a 64 KB tmpfs mounted on ``folder``, if the
    machine lets us (a private mount namespace needs root or user namespaces)."""
    unshare = shutil.which("unshare")
    if unshare is None:
        return None
    wrapper = [unshare, "--mount", "--map-root-user" if os.geteuid() else "--propagation=private",
               "sh", "-c", f'mount -t tmpfs -o size=64k tmpfs "{folder}" && exec "$@"', "sh"]
    probe = subprocess.run([*wrapper, "true"], capture_output=True, timeout=30)
    return wrapper if probe.returncode == 0 else None


def test_a_really_full_disk_says_not_saved(tmp_path: Path) -> None:
    """ENOSPC from a real, tiny file system (tmpfs in a private mount namespace)."""
    folder = tmp_path / "tiny"
    folder.mkdir()
    wrapper = _tmpfs_wrapper(folder)
    if wrapper is None:
        pytest.skip("cannot mount a tmpfs here (needs unshare and mount rights)")
    out = _run_child(f"""
        import os
        path = {str(folder / "learner.json")!r}
        book = Workbook(path)
        board = SWOTBoard(workbook=book)
        board.add("strengths", "Local stock")
        with open(path, "rb") as stream:
            before = stream.read()
        filler = os.open({str(folder / "filler")!r}, os.O_WRONLY | os.O_CREAT)
        try:  # fill the disk
            while True:
                os.write(filler, b"0" * 1024)
        except OSError as error:
            out["filled"] = error.errno
        os.close(filler)
        board.add("strengths", "Fast delivery " * 20)
        out["error"] = board.error
        with open(path, "rb") as stream:
            out["unchanged"] = stream.read() == before
        out["left"] = sorted(os.listdir({str(folder)!r}))
    """, wrapper=wrapper)
    assert out["filled"] == 28  # ENOSPC: the disk really is full
    assert "Not saved: the disk is full" in out["error"]
    assert out["unchanged"] is True
    assert out["left"] == ["filler", "learner.json", "learner.json.lock"]
