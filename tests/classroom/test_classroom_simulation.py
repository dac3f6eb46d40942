"""The simulated learners speak the kernel websocket protocol JupyterLab speaks (v1), checked
against the Jupyter server's own implementation of it."""

from __future__ import annotations

import json

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
