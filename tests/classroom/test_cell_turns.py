"""Turns at running cells (classroom.cell_turns): at most one cell per turn runs at once, a
kernel never waits longer than the bound, "Run All" keeps its turn between cells, and
nothing happens outside a classroom."""

from __future__ import annotations

import dataclasses
import fcntl
import os
import stat
import time
from pathlib import Path

import pytest

from classroom import bundle, cell_turns, config, prepare

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture()
def one_turn(tmp_path: Path) -> Path:
    (tmp_path / "turn-1").touch()
    return tmp_path


def test_a_held_turn_makes_the_next_kernel_wait_at_most_the_bound(one_turn: Path) -> None:
    first = cell_turns.Turns(one_turn, wait_s=0.3)
    second = cell_turns.Turns(one_turn, wait_s=0.3)
    assert first.take()
    started = time.monotonic()
    assert not second.take()  # no turn came: the cell runs anyway, after the bound
    assert 0.3 <= time.monotonic() - started < 2
    first.give_back()
    assert second.take() and second.holding
    second.give_back()


def test_a_turn_given_back_goes_to_a_waiting_kernel(one_turn: Path) -> None:
    first = cell_turns.Turns(one_turn, grace_s=0.1)
    second = cell_turns.Turns(one_turn, wait_s=5)
    assert first.take()
    first.give_back_soon()
    started = time.monotonic()
    assert second.take()
    assert time.monotonic() - started < 2
    assert not first.holding
    second.give_back()


def test_the_next_cell_of_a_run_keeps_the_turn(one_turn: Path) -> None:
    kernel = cell_turns.Turns(one_turn, grace_s=0.3)
    other = cell_turns.Turns(one_turn, wait_s=0.05)
    assert kernel.take()
    kernel.give_back_soon()
    assert not other.take()  # kept for the grace
    assert kernel.take()  # the next cell: the same turn, at once
    time.sleep(0.5)  # past the grace, but the turn was taken again: still held
    assert kernel.holding and not other.take()
    kernel.give_back_soon()
    time.sleep(0.5)
    assert not kernel.holding
    assert other.take()
    other.give_back()


def test_two_turns_let_two_cells_run_together(tmp_path: Path) -> None:
    for name in ("turn-1", "turn-2"):
        (tmp_path / name).touch()
    kernels = [cell_turns.Turns(tmp_path, wait_s=0.05) for _ in range(3)]
    assert [k.take() for k in kernels] == [True, True, False]
    for kernel in kernels:
        kernel.give_back()


class _Events:
    def __init__(self) -> None:
        self.callbacks: dict[str, list] = {}

    def register(self, event: str, callback) -> None:
        self.callbacks.setdefault(event, []).append(callback)


class _Shell:
    def __init__(self) -> None:
        self.events = _Events()
        self.ast_transformers: list = []


def test_the_extension_does_nothing_outside_a_classroom(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shell = _Shell()
    monkeypatch.delenv(cell_turns.ENV_VARIABLE, raising=False)
    cell_turns.load_ipython_extension(shell)
    monkeypatch.setenv(cell_turns.ENV_VARIABLE, str(tmp_path / "missing"))
    cell_turns.load_ipython_extension(shell)
    monkeypatch.setenv(cell_turns.ENV_VARIABLE, str(tmp_path))  # a folder with no turn
    cell_turns.load_ipython_extension(shell)
    (tmp_path / "a-file").touch()
    monkeypatch.setenv(cell_turns.ENV_VARIABLE, str(tmp_path / "a-file"))  # not a folder
    cell_turns.load_ipython_extension(shell)
    assert shell.events.callbacks == {} and shell.ast_transformers == []


def test_the_extension_takes_a_turn_for_each_cell(
    one_turn: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shell = _Shell()
    monkeypatch.setenv(cell_turns.ENV_VARIABLE, str(one_turn))
    cell_turns.load_ipython_extension(shell)
    (before,) = shell.events.callbacks["pre_run_cell"]
    (after,) = shell.events.callbacks["post_run_cell"]
    other = cell_turns.Turns(one_turn, wait_s=0.05)
    before(None)  # a cell starts: the kernel holds the turn
    assert not other.take()
    after(None)
    time.sleep(cell_turns.GRACE_S + 0.3)
    assert other.take()  # the turn came back after the grace
    other.give_back()


def test_the_classroom_makes_one_read_only_turn_per_core(tmp_path: Path) -> None:
    settings = dataclasses.replace(config.load(), root=tmp_path)
    made = prepare.make_cell_turns(settings, turns=3)
    assert [p.name for p in made] == ["turn-1", "turn-2", "turn-3"]
    assert stat.S_IMODE(settings.cell_turns_dir.stat().st_mode) == 0o755
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o644 for p in made)
    assert len(prepare.make_cell_turns(settings, turns=1)) == 1
    assert sorted(settings.cell_turns_dir.iterdir()) == [settings.cell_turns_dir / "turn-1"]


def test_the_learners_python_loads_the_turns_module_it_is_given() -> None:
    places = bundle.CELL_TURNS_FILES
    module = next(place for place in places if place.endswith("/kam_cell_turns.py"))
    assert places[module] == Path(cell_turns.__file__).resolve()
    settings_file = places["etc/ipython/ipython_kernel_config.json"]
    assert "kam_cell_turns" in settings_file.read_text(encoding="utf-8")


def test_a_cell_stopped_while_it_waits_is_not_run_and_the_kernel_goes_on(one_turn: Path) -> None:
    """A learner who presses Stop while a cell waits for its turn gets the cell back not run,
    with a message saying so, and the kernel answers the next cell."""
    from jupyter_client.manager import start_new_kernel

    env = {**os.environ, cell_turns.ENV_VARIABLE: str(one_turn), "PYTHONPATH": str(REPO)}
    held = os.open(one_turn / "turn-1", os.O_RDONLY)
    fcntl.flock(held, fcntl.LOCK_EX)  # another learner's cell has the only turn
    manager, client = start_new_kernel(kernel_name="python3", env=env, extra_arguments=[
        "--ext=classroom.cell_turns"])
    try:
        outputs: list[dict] = []
        message = client.execute("ran = True")
        time.sleep(1.0)  # waiting for its turn (at most WAIT_S)
        manager.interrupt_kernel()
        while True:
            reply = client.get_shell_msg(timeout=30)
            if reply["parent_header"].get("msg_id") == message:
                break
        while True:
            output = client.get_iopub_msg(timeout=10)
            outputs.append(output)
            if output["msg_type"] == "status" and output["content"]["execution_state"] == "idle":
                break
        assert reply["content"]["status"] == "error"
        assert reply["content"]["ename"] == "InputRejected"
        shown = " ".join(str(o["content"]) for o in outputs)
        assert "waiting for its turn" in shown and "Error in callback" not in shown
        os.close(held)
        later: list[dict] = []
        after = client.execute_interactive("print('ran' in dir())", timeout=30,
                                           output_hook=later.append)
        assert after["content"]["status"] == "ok"
        printed = "".join(o["content"].get("text", "") for o in later
                          if o["msg_type"] == "stream")
        assert printed == "False\n"  # the stopped cell never ran
    finally:
        manager.shutdown_kernel(now=True)

