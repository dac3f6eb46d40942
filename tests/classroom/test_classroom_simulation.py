"""The simulated learners speak the kernel websocket protocol JupyterLab speaks (v1), checked
against the Jupyter server's own implementation of it; the class's figures count each move
once, as made while the class was arriving or after."""

from __future__ import annotations

import asyncio
import json

import aiohttp
from jupyter_server.services.kernels.connection.base import (
    deserialize_msg_from_ws_v1,
    serialize_msg_to_ws_v1,
)

from classroom import simulation

MESSAGE = {
    "header": {"msg_id": "1", "msg_type": "comm_msg", "session": "s", "version": "5.3"},
    "parent_header": {},
    "metadata": {},
    "content": {"comm_id": "c", "data": {"method": "update", "state": {"value": 3}}},
}


def _pack(part: dict) -> bytes:
    """As the server's session packs a message part: JSON, in bytes."""
    return json.dumps(part).encode()


def test_a_learner_s_frame_is_what_the_server_reads() -> None:
    channel, parts = deserialize_msg_from_ws_v1(simulation.to_frame("shell", MESSAGE))
    assert channel == "shell"
    assert [json.loads(part) for part in parts] == [
        MESSAGE[name] for name in ("header", "parent_header", "metadata", "content")]


def test_the_server_s_frame_is_what_a_learner_reads() -> None:
    reply = {**MESSAGE, "header": {**MESSAGE["header"], "msg_type": "status"},
             "content": {"execution_state": "idle"}}
    frame = serialize_msg_to_ws_v1(reply, "iopub", _pack)
    read = simulation.from_frame(frame)
    assert read == {"channel": "iopub", "header": reply["header"], "parent_header": {},
                    "content": {"execution_state": "idle"}}


def test_an_image_the_browser_would_draw_is_not_decoded() -> None:
    shown = {**MESSAGE, "header": {**MESSAGE["header"], "msg_type": "display_data"},
             "content": {"data": {"image/png": "iVBOR" * 1000}}}
    frame = serialize_msg_to_ws_v1(shown, "iopub", _pack)
    assert simulation.from_frame(frame, with_content=False)["content"] == {}
    assert simulation.from_frame(frame)["content"] == shown["content"]


class _Socket:
    """A kernel websocket that replays frames (what the Jupyter server would send)."""

    def __init__(self, frames: list[bytes]) -> None:
        self.frames = frames

    async def receive(self) -> aiohttp.WSMessage:
        return aiohttp.WSMessage(aiohttp.WSMsgType.BINARY, self.frames.pop(0), None)


def _from_kernel(msg_type: str, content: dict, parent: str = "run") -> bytes:
    message = {"header": {"msg_id": "k", "msg_type": msg_type}, "parent_header":
               {"msg_id": parent}, "metadata": {}, "content": content}
    return serialize_msg_to_ws_v1(message, "iopub", _pack)


def test_a_slider_the_kernel_moves_is_followed() -> None:
    """A widget restoring saved work moves its slider after opening it: the next simulated
    move must start from there (else it sends the value the slider already has, and nothing
    is redrawn)."""
    slider = {"_model_name": "IntSliderModel", "value": 1, "min": 0, "max": 4}
    kernel = simulation.Kernel(None, "", {})
    kernel.ws = _Socket([
        _from_kernel("comm_open", {"comm_id": "x", "data": {"state": slider}}),
        _from_kernel("comm_msg", {"comm_id": "x", "data": {"method": "update",
                                                           "state": {"value": 2}}}),
        _from_kernel("status", {"execution_state": "idle"}),
    ])
    asyncio.run(kernel._until_idle("run", timeout=5))
    assert kernel.sliders["x"]["value"] == 2


def test_moves_are_split_at_the_last_learner_s_arrival() -> None:
    """Moves made before the last learner's lecture 1 had run share the machine with the
    class's start-up; the figures give their p95 apart from the moves made after."""
    alone = simulation.LearnerRun("a", round_trips_s=[0.1], moved_at=[1.0], arrived_at=0.5)
    early = simulation.LearnerRun("b", round_trips_s=[0.9, 0.2, 0.3],
                                  moved_at=[10.0, 25.0, 30.0], arrived_at=8.0)
    late = simulation.LearnerRun("c", round_trips_s=[0.4, 0.5], moved_at=[21.0, 26.0],
                                 arrived_at=20.0)
    failed = simulation.LearnerRun("d", round_trips_s=[9.0], moved_at=[40.0], arrived_at=30.0,
                                   failure="TimeoutError")
    run = simulation.ClassRun(alone, {}, [early, late, failed], {}, 0.0, 1.0)
    figures = run.figures()
    assert figures["round_trips"] == 5  # the failed learner's moves are not counted
    assert figures["round_trips_while_arriving"] == 1
    assert figures["round_trip_while_arriving_p95_s"] == 0.9
    assert figures["round_trips_after_arrival"] == 4
    assert figures["round_trip_after_arrival_p95_s"] == 0.5
