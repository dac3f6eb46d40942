"""A simulated class on a real classroom hub: the benchmark's and the tests' learners.

:func:`running_classroom` starts the classroom exactly as ``make classroom`` does (its own
folder, a class list of throw-away system users, the hub on a free local port) and removes
the users, their home folders and the folder afterwards. :func:`simulate` then plays a
class: each learner signs in through the hub's sign-in page and REST API (password, then a
token), starts their server, opens the start-here notebook and lecture 1 through the Jupyter
server's REST API, runs their code cells over the kernel's websocket (the messages
JupyterLab sends), moves sliders as the browser would (a widget ``update`` message) and
times the round trip until the kernel has redrawn the widget's output.

What it measures: time to get a server, time to run each notebook, the widget round trips,
and the memory of each learner's processes (all processes of their user id: their server and
its kernels).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import random
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp
import psutil

from classroom import config, prepare
from classroom.users import remove_user
from kamlib.grading.bundle import write_bundle

REPO = Path(__file__).resolve().parent.parent
START_HERE = "notebooks/00_start_here.ipynb"
LECTURE_1 = "notebooks/01_kam_overview.ipynb"
SLIDERS = ("IntSliderModel", "FloatSliderModel")
# Asked of every learner's kernel after start-here: who and where the kernel runs.
PROBE = (
    "import getpass, json, os\nfrom ipykernel.kernelapp import IPKernelApp\n"
    "from kamlib import i18n, workbook\n"
    "print(json.dumps({'user': getpass.getuser(), 'home': os.path.expanduser('~'),"
    " 'language': os.environ.get('KAMLIB_LANGUAGE'), 'shown_in': i18n.get_language(),"
    " 'workbook': str(workbook.workbook_path()),"
    " 'settings': os.environ.get('KAMLIB_SETTINGS'),"
    " 'cell_turns': 'kam_cell_turns' in get_ipython().extension_manager.loaded,"
    " 'transport': IPKernelApp.instance().transport}))"
)


@dataclass
class Classroom:
    """A running classroom hub and its class (from :func:`running_classroom`)."""

    settings: config.ClassroomSettings
    config_file: Path
    url: str
    passwords: dict[str, str]
    learners: list[str]
    trainer: str
    hub: subprocess.Popen
    log: Path


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for_hub(url: str, hub: subprocess.Popen, log: Path, timeout: float = 90) -> None:
    import urllib.request

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if hub.poll() is not None:
            raise RuntimeError(f"the hub stopped at start; its log:\n{log.read_text()[-3000:]}")
        with contextlib.suppress(OSError):
            with urllib.request.urlopen(f"{url}/hub/api/", timeout=2) as answer:
                if answer.status == 200:
                    return
        time.sleep(0.5)
    raise RuntimeError(
        f"the hub did not answer in {timeout} s; its log:\n{log.read_text()[-3000:]}"
    )


def stop_hub(hub: subprocess.Popen, timeout: float = 60) -> float:
    """Stop the hub as a trainer's Ctrl+C would (it stops the learners' servers, its
    services and the proxy first); end it if it has not stopped after ``timeout`` seconds.

    Returns
    -------
    float
        The seconds the hub took to stop by itself (``inf`` if it had to be ended).
    """
    started = time.monotonic()
    if hub.poll() is None:
        hub.send_signal(signal.SIGINT)
        try:
            hub.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            hub.kill()
            hub.wait()
            return float("inf")
    return time.monotonic() - started


def _end_leftover_processes(usernames: list[str], timeout: float = 20) -> None:
    """Wait for the class's processes to end; end any still running (by process id)."""
    deadline = time.monotonic() + timeout
    while True:
        left = [p for p in psutil.process_iter(["username"]) if p.info["username"] in usernames]
        if not left:
            return
        if time.monotonic() > deadline:
            for process in left:
                with contextlib.suppress(psutil.Error):
                    process.kill()
            psutil.wait_procs(left, timeout=5)
            return
        time.sleep(0.5)


@contextlib.contextmanager
def running_classroom(
    n_learners: int,
    *,
    idle_timeout_minutes: float = 60,
    idle_check_every_minutes: float = 5,
    languages: tuple[str, ...] = ("zh", "en", ""),
) -> Iterator[Classroom]:
    """Start a classroom hub for ``n_learners`` throw-away learners and a trainer, with a
    learner bundle written for it from the course (as ``make release`` writes one); remove
    them all afterwards (system users, home folders, the classroom folder).

    Parameters
    ----------
    n_learners : int
        Learners to create, named ``kamsim<random>-01`` and so on.
    idle_timeout_minutes, idle_check_every_minutes : float
        The idle culler's settings for this hub.
    languages : tuple of str
        Languages of the class list, given to the learners in turn (``""``: not chosen).

    Yields
    ------
    Classroom

    Raises
    ------
    PermissionError
        Unless run as root.
    """
    prepare.require_root()
    defaults = config.load()
    root = Path(tempfile.mkdtemp(prefix="kam-classroom-sim-"))
    root.chmod(0o755)
    tag = "".join(secrets.choice("abcdefghjkmnpqrstuvwxyz") for _ in range(4))
    learners = [f"kamsim{tag}-{i:02d}" for i in range(1, n_learners + 1)]
    trainer = f"kamsim{tag}-trainer"
    port = _free_port()
    learner_bundle = write_bundle(root / "learner-bundle")  # as `make release` does
    config_file = root / "classroom.toml"
    config_file.write_text(
        f'[hub]\nip = "127.0.0.1"\nport = {port}\n'
        f'[paths]\nroot = "{root}"\nenv = "{defaults.env_dir}"\nhome_base = "/home"\n'
        f'learner_bundle = "{learner_bundle}"\n'
        f"[idle]\ntimeout_minutes = {idle_timeout_minutes}\n"
        f"check_every_minutes = {idle_check_every_minutes}\n",
        encoding="utf-8",
    )
    class_list = root / "class.csv"
    class_list.write_text(
        "username,name,role,language\n"
        + "".join(f"{name},Learner {i},learner,{languages[i % len(languages)]}\n"
                  for i, name in enumerate(learners))
        + f"{trainer},Trainer,trainer,en\n",
        encoding="utf-8",
    )
    settings = config.load(config_file)
    log = root / "hub.log"
    hub = None
    try:
        passwords = prepare.prepare(settings, class_list)
        with open(log, "wb") as out:
            hub = subprocess.Popen(
                [sys.executable, "-m", "classroom", "--config", str(config_file), "start"],
                cwd=REPO, stdout=out, stderr=subprocess.STDOUT,
            )
        url = f"http://127.0.0.1:{port}"
        _wait_for_hub(url, hub, log)
        yield Classroom(settings, config_file, url, passwords, learners, trainer, hub, log)
    finally:
        if hub is not None:
            stop_hub(hub)
        everyone = [*learners, trainer]
        _end_leftover_processes(everyone)
        for name in everyone:
            remove_user(name)
        shutil.rmtree(root, ignore_errors=True)


# --- one learner's session ---------------------------------------------------------------


#: The kernel websocket protocol JupyterLab 4 speaks: the server relays the kernel's message
#: frames as they are, without decoding and encoding them again as JSON (see
#: https://jupyter-server.readthedocs.io/en/latest/developers/websocket-protocols.html).
KERNEL_PROTOCOL = "v1.kernel.websocket.jupyter.org"
# The parts of a kernel message, in the order of the protocol's frames.
_PARTS = ("header", "parent_header", "metadata", "content")


def to_frame(channel: str, message: dict) -> bytes:
    """A kernel message as one binary websocket frame of :data:`KERNEL_PROTOCOL`: the
    number of offsets, the offsets (8-byte little-endian), then the channel and the parts."""
    parts = [channel.encode()] + [json.dumps(message[part]).encode() for part in _PARTS]
    offsets = [8 * (len(parts) + 2)]
    for part in parts:
        offsets.append(offsets[-1] + len(part))
    return b"".join([len(offsets).to_bytes(8, "little"),
                     *(offset.to_bytes(8, "little") for offset in offsets), *parts])


def from_frame(data: bytes, *, with_content: bool = True) -> dict:
    """The channel and the parts of a frame of :data:`KERNEL_PROTOCOL` (header, parent header
    and, if ``with_content``, content: a display's content is an image the learner's browser
    would draw, which the simulation need not decode)."""
    count = int.from_bytes(data[:8], "little")
    offsets = [int.from_bytes(data[8 * (i + 1): 8 * (i + 2)], "little") for i in range(count)]
    parts = [data[offsets[i]: offsets[i + 1]] for i in range(count - 1)]
    message = {"channel": parts[0].decode(), "header": json.loads(parts[1]),
               "parent_header": json.loads(parts[2]), "content": {}}
    if with_content or message["header"]["msg_type"] not in _UNREAD:
        message["content"] = json.loads(parts[4])
    return message


# Messages whose content the simulation never reads: what the browser would only draw.
_UNREAD = frozenset({"display_data", "update_display_data", "execute_result", "execute_input"})


class Kernel:
    """A notebook's kernel reached through the learner's server, as JupyterLab reaches it."""

    def __init__(self, http: aiohttp.ClientSession, base: str, headers: dict) -> None:
        self.http, self.base, self.headers = http, base, headers
        self.session_id = uuid.uuid4().hex
        self.sliders: dict[str, dict] = {}  # comm id -> widget state
        self.ws: aiohttp.ClientWebSocketResponse | None = None
        self.notebook_session = ""

    async def open(self, path: str) -> dict:
        """Open the notebook at ``path`` (read it, start its kernel); return its content."""
        async with self.http.get(f"{self.base}/api/contents/{path}", headers=self.headers) as r:
            r.raise_for_status()
            notebook = (await r.json())["content"]
        body = {"path": path, "type": "notebook", "name": "", "kernel": {"name": "python3"}}
        async with self.http.post(f"{self.base}/api/sessions", json=body,
                                  headers=self.headers) as r:
            r.raise_for_status()
            session = await r.json()
        self.notebook_session = session["id"]
        ws_url = (f"{self.base}/api/kernels/{session['kernel']['id']}/channels"
                  f"?session_id={self.session_id}").replace("http", "ws", 1)
        self.ws = await self.http.ws_connect(ws_url, headers=self.headers, max_msg_size=0,
                                             protocols=(KERNEL_PROTOCOL,))
        if self.ws.protocol != KERNEL_PROTOCOL:
            raise ConnectionError(f"the server refused the {KERNEL_PROTOCOL} protocol")
        return notebook

    def _message(self, msg_type: str, content: dict) -> dict:
        return {
            "header": {"msg_id": uuid.uuid4().hex, "username": "learner", "msg_type": msg_type,
                       "session": self.session_id, "version": "5.3",
                       "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())},
            "parent_header": {}, "metadata": {}, "content": content,
        }

    async def _until_idle(self, msg_id: str, timeout: float) -> dict:
        """Read messages until the kernel is idle after ``msg_id``; note every widget opened.

        Returns ``{"error": text or "", "stdout": text, "updated": comm ids changed}``.
        """
        result = {"error": "", "stdout": "", "updated": set()}
        deadline = time.monotonic() + timeout
        while True:
            frame = await asyncio.wait_for(self.ws.receive(), deadline - time.monotonic())
            if frame.type != aiohttp.WSMsgType.BINARY:
                raise ConnectionError(f"kernel websocket closed ({frame.type})")
            msg = from_frame(frame.data, with_content=False)
            kind, content = msg["header"]["msg_type"], msg["content"]
            if kind == "comm_open":
                state = content.get("data", {}).get("state", {})
                if state.get("_model_name") in SLIDERS and not state.get("disabled"):
                    self.sliders[content["comm_id"]] = state
            elif kind == "comm_msg" and content["comm_id"] in self.sliders:
                # The kernel changed a slider (a widget restoring saved work): follow it, as
                # the browser does, or the next move would send the value it already has.
                self.sliders[content["comm_id"]].update(content["data"].get("state", {}))
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            if kind == "error":
                result["error"] = f"{content['ename']}: {content['evalue']}"
            elif kind == "stream" and content.get("name") == "stdout":
                result["stdout"] += content["text"]
            elif kind == "comm_msg" and content["data"].get("method") == "update":
                result["updated"].add(content["comm_id"])
            elif kind == "execute_reply" and content.get("status") == "error":
                result["error"] = result["error"] or content.get("ename", "error")
            elif kind == "status" and content["execution_state"] == "idle":
                return result

    async def execute(self, code: str, timeout: float = 600) -> dict:
        """Run ``code`` as a cell; return what :meth:`_until_idle` saw."""
        message = self._message("execute_request", {
            "code": code, "silent": False, "store_history": True, "user_expressions": {},
            "allow_stdin": False, "stop_on_error": True,
        })
        await self.ws.send_bytes(to_frame("shell", message))
        return await self._until_idle(message["header"]["msg_id"], timeout)

    async def move_slider(self, comm_id: str, timeout: float = 120) -> tuple[float, bool]:
        """Move a slider one step (as a learner's arrow key does) and wait for the redraw.

        Returns the seconds from sending the change to the kernel being idle again, and
        whether another widget (the plot, the text) was updated by it.
        """
        state = self.sliders[comm_id]
        step = state.get("step") or 1
        value = state["value"] + step
        if value > state["max"]:
            value = state["value"] - step
        message = self._message("comm_msg", {
            "comm_id": comm_id,
            "data": {"method": "update", "state": {"value": value}, "buffer_paths": []},
        })
        started = time.perf_counter()
        await self.ws.send_bytes(to_frame("shell", message))
        seen = await self._until_idle(message["header"]["msg_id"], timeout)
        elapsed = time.perf_counter() - started
        state["value"] = value
        if seen["error"]:
            raise RuntimeError(f"slider change failed: {seen['error']}")
        return elapsed, bool(seen["updated"] - {comm_id})

    async def close(self) -> None:
        """Close the notebook: its kernel is shut down (the classroom's JupyterLab setting)."""
        if self.ws is not None:
            await self.ws.close()
        async with self.http.delete(f"{self.base}/api/sessions/{self.notebook_session}",
                                    headers=self.headers) as r:
            r.raise_for_status()


@dataclass
class LearnerRun:
    """What happened to one simulated learner."""

    learner: str
    sign_in_s: float = 0.0
    server_s: float = 0.0
    notebook_s: dict[str, float] = field(default_factory=dict)
    round_trips_s: list[float] = field(default_factory=list)
    #: When each move was made (``time.monotonic()``), in the order of ``round_trips_s``.
    moved_at: list[float] = field(default_factory=list)
    #: When lecture 1 had run to its end (``time.monotonic()``): this learner had arrived.
    arrived_at: float | None = None
    probe: dict = field(default_factory=dict)
    failure: str = ""


async def sign_in(http: aiohttp.ClientSession, url: str, username: str, password: str) -> str:
    """Sign in on the hub's page as a browser does; return the session's XSRF token.

    Raises
    ------
    PermissionError
        If the hub refuses the username and password.
    """
    async with http.get(f"{url}/hub/login") as r:
        r.raise_for_status()
    xsrf = next(c.value for c in http.cookie_jar if c.key == "_xsrf")
    form = {"username": username, "password": password, "_xsrf": xsrf, "language": ""}
    async with http.post(f"{url}/hub/login?next=", data=form, allow_redirects=False) as r:
        if r.status != 302:
            raise PermissionError(f"sign-in refused ({r.status})")
    return next(c.value for c in http.cookie_jar if c.key == "_xsrf")  # renewed at sign-in


async def api_headers(http: aiohttp.ClientSession, url: str, username: str,
                      password: str) -> dict[str, str]:
    """Sign in, then ask the hub's REST API for a token; return the headers that carry it."""
    xsrf = await sign_in(http, url, username, password)
    async with http.post(f"{url}/hub/api/users/{username}/tokens", headers={"X-XSRFToken": xsrf},
                         json={"note": "class simulation", "expires_in": 3600}) as r:
        r.raise_for_status()
        token = (await r.json())["token"]
    return {"Authorization": f"token {token}"}


async def start_server(http: aiohttp.ClientSession, url: str, learner: str, headers: dict,
                       timeout: float) -> None:
    """Ask the hub to start ``learner``'s server and wait until it is ready."""
    async with http.post(f"{url}/hub/api/users/{learner}/server", headers=headers) as r:
        if r.status not in (201, 202, 400):  # 400: already running
            raise RuntimeError(f"server start refused ({r.status}): {await r.text()}")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        async with http.get(f"{url}/hub/api/users/{learner}", headers=headers) as r:
            server = (await r.json()).get("servers", {}).get("")
        if server and server.get("ready"):
            return
        if not server:
            raise RuntimeError("the server failed to start (see the hub's log)")
        await asyncio.sleep(0.5)
    raise TimeoutError(f"no server after {timeout} s")


async def _run_notebook(kernel: Kernel, path: str, run: LearnerRun) -> None:
    started = time.perf_counter()
    notebook = await kernel.open(path)
    for number, cell in enumerate(notebook["cells"], start=1):
        if cell["cell_type"] != "code":
            continue
        outcome = await kernel.execute(cell["source"])
        if outcome["error"]:
            raise RuntimeError(f"{path} cell {number}: {outcome['error']}")
    run.notebook_s[path] = time.perf_counter() - started


async def _move_sliders(kernel: Kernel, run: LearnerRun, moves: int, think: tuple[float, float],
                        rng: random.Random) -> None:
    sliders = sorted(kernel.sliders)
    if not sliders:
        raise RuntimeError("no slider to move: the notebook showed no widget")
    for move in range(moves):
        await asyncio.sleep(rng.uniform(*think))
        moved_at = time.monotonic()
        elapsed, redrawn = await kernel.move_slider(sliders[move % len(sliders)])
        if not redrawn:
            raise RuntimeError("a slider moved but no output changed")
        run.round_trips_s.append(elapsed)
        run.moved_at.append(moved_at)


@dataclass
class Hold:
    """Keeps every learner's lecture 1 open until the class's memory has been measured."""

    waiting: int = 0
    release: asyncio.Event = field(default_factory=asyncio.Event)

    async def wait(self) -> None:
        """Count this learner as waiting, then wait for the release."""
        self.waiting += 1
        await self.release.wait()


async def learner_session(room: Classroom, learner: str, *, moves: int = 6,
                          think: tuple[float, float] = (2.0, 6.0), seed: int = 0,
                          hold: Hold | None = None) -> LearnerRun:
    """One learner's lesson: sign in, get a server, start-here, lecture 1, slider moves.

    ``hold``: if given, lecture 1 stays open (its kernel alive, for measuring memory) until
    the hold is released. Failures are recorded in the result, never raised.
    """
    run = LearnerRun(learner)
    rng = random.Random(f"{seed}-{learner}")
    jar = aiohttp.CookieJar(unsafe=True)
    timeout = aiohttp.ClientTimeout(total=None, sock_read=900)
    async with aiohttp.ClientSession(cookie_jar=jar, timeout=timeout) as http:
        try:
            started = time.perf_counter()
            headers = await api_headers(http, room.url, learner, room.passwords[learner])
            run.sign_in_s = time.perf_counter() - started
            started = time.perf_counter()
            await start_server(http, room.url, learner, headers,
                                room.settings.start_timeout_seconds)
            run.server_s = time.perf_counter() - started
            base = f"{room.url}/user/{learner}"
            start_here = Kernel(http, base, headers)
            await _run_notebook(start_here, START_HERE, run)
            run.probe = json.loads((await start_here.execute(PROBE))["stdout"])
            await _move_sliders(start_here, run, min(2, moves), think, rng)
            await start_here.close()
            lecture = Kernel(http, base, headers)
            await _run_notebook(lecture, LECTURE_1, run)
            run.arrived_at = time.monotonic()
            await _move_sliders(lecture, run, moves, think, rng)
            if hold is not None:
                await hold.wait()
            await lecture.close()
        except Exception as error:  # noqa: BLE001 - a learner's failure is a result
            run.failure = f"{type(error).__name__}: {error}" if str(error) else repr(error)
            if hold is not None:
                await hold.wait()
    return run


# --- the class ---------------------------------------------------------------------------


def learner_memory_mb(usernames: list[str]) -> dict[str, dict[str, float]]:
    """Memory of each learner's processes (server and kernels): RSS and PSS sums, in MB.

    RSS counts shared libraries once per process (an upper bound); PSS shares them out
    between the processes that use them (what the machine really gives each learner).
    """
    found = {name: {"rss": 0.0, "pss": 0.0, "processes": 0} for name in usernames}
    for process in psutil.process_iter(["username"]):
        name = process.info["username"]
        if name not in found:
            continue
        with contextlib.suppress(psutil.Error):
            memory = process.memory_full_info()
            found[name]["rss"] += memory.rss / 2**20
            found[name]["pss"] += getattr(memory, "pss", memory.rss) / 2**20
            found[name]["processes"] += 1
    return found


def machine_memory_in_use_mb() -> float:
    """The machine's memory in use, in MB: all of it less what the kernel says is available
    (free, and caches it would give back). The difference before and during a class, divided
    by the learners, is what each learner costs the machine."""
    memory = psutil.virtual_memory()
    return (memory.total - memory.available) / 2**20


def _percentile(values: list[float], fraction: float) -> float:
    """The ``fraction`` quantile of ``values`` (nearest rank), NaN if there are none."""
    if not values:
        return float("nan")
    ranked = sorted(values)
    return ranked[min(len(ranked) - 1, max(0, round(fraction * len(ranked) + 0.5) - 1))]


@dataclass
class ClassRun:
    """The class simulation's results (:func:`simulate`): the first learner alone (the
    baseline), then the rest of the class together."""

    baseline: LearnerRun
    baseline_memory_mb: dict[str, float]
    runs: list[LearnerRun]
    memory_mb: dict[str, dict[str, float]]
    machine_mb_per_learner: float
    wall_s: float

    @property
    def everyone(self) -> list[LearnerRun]:
        """The baseline learner and the class."""
        return [self.baseline, *self.runs]

    @property
    def failures(self) -> list[str]:
        """``"learner: what went wrong"`` for each learner who did not finish."""
        return [f"{r.learner}: {r.failure}" for r in self.everyone if r.failure]

    def figures(self) -> dict[str, float]:
        """The benchmark's figures: seconds to a server (p50, p95, max), lecture 1's run
        time (p50, p95), widget round trips (p50, p95 of the class; p95 of the moves made
        while the class was still arriving and after; p50 of the learner alone), memory per
        learner in MB (PSS mean and max, what the machine's memory in use grew by per
        learner, RSS mean and max, RSS alone)."""
        done = [r for r in self.runs if not r.failure] or [self.baseline]
        servers = [r.server_s for r in self.everyone if r.server_s]
        lecture = [r.notebook_s[LECTURE_1] for r in self.everyone if LECTURE_1 in r.notebook_s]
        trips = [t for r in done for t in r.round_trips_s]
        # The class has arrived when the last learner's lecture 1 has run to its end: moves
        # before then share the machine with servers starting and notebooks' first runs.
        arrived = max((r.arrived_at for r in done if r.arrived_at is not None), default=0.0)
        moves = [(at, t) for r in done for at, t in zip(r.moved_at, r.round_trips_s, strict=True)]
        while_arriving = [t for at, t in moves if at < arrived]
        after_arrival = [t for at, t in moves if at >= arrived]
        rss = [m["rss"] for m in self.memory_mb.values() if m["processes"]]
        pss = [m["pss"] for m in self.memory_mb.values() if m["processes"]]
        return {
            "learners": len(self.everyone),
            "failures": len(self.failures),
            "server_p50_s": _percentile(servers, 0.5),
            "server_p95_s": _percentile(servers, 0.95),
            "server_max_s": max(servers, default=float("nan")),
            "lecture1_p50_s": _percentile(lecture, 0.5),
            "lecture1_p95_s": _percentile(lecture, 0.95),
            "round_trips": len(trips),
            "round_trip_p50_s": _percentile(trips, 0.5),
            "round_trip_p95_s": _percentile(trips, 0.95),
            "round_trip_alone_p50_s": _percentile(self.baseline.round_trips_s, 0.5),
            "round_trips_while_arriving": len(while_arriving),
            "round_trip_while_arriving_p95_s": _percentile(while_arriving, 0.95),
            "round_trips_after_arrival": len(after_arrival),
            "round_trip_after_arrival_p95_s": _percentile(after_arrival, 0.95),
            "rss_mean_mb": statistics.fmean(rss) if rss else float("nan"),
            "rss_max_mb": max(rss, default=float("nan")),
            "pss_mean_mb": statistics.fmean(pss) if pss else float("nan"),
            "pss_max_mb": max(pss, default=float("nan")),
            "machine_mb_per_learner": self.machine_mb_per_learner,
            "rss_alone_mb": self.baseline_memory_mb.get("rss", float("nan")),
            "wall_s": self.wall_s,
        }


async def _together(room: Classroom, learners: list[str], arrival_s: float, moves: int,
                    think: tuple[float, float]) -> tuple[list[LearnerRun], dict, float]:
    """Learners arriving ``arrival_s`` apart; memory measured while all have lecture 1 open:
    each learner's processes, and the machine's memory in use (its growth per learner)."""
    hold = Hold()
    before = machine_memory_in_use_mb()

    async def arrive(number: int, learner: str) -> LearnerRun:
        await asyncio.sleep(number * arrival_s)
        return await learner_session(room, learner, moves=moves, think=think, hold=hold)

    tasks = [asyncio.create_task(arrive(i, name)) for i, name in enumerate(learners)]
    while hold.waiting < len(learners):
        await asyncio.sleep(0.25)
    memory = learner_memory_mb(learners)
    per_learner = (machine_memory_in_use_mb() - before) / len(learners)
    hold.release.set()
    return list(await asyncio.gather(*tasks)), memory, per_learner


def simulate(room: Classroom, *, arrival_s: float = 2.0, moves: int = 6,
             think: tuple[float, float] = (2.0, 6.0)) -> ClassRun:
    """Play a class on ``room``: its first learner alone (the baseline), then the others
    arriving ``arrival_s`` apart, each moving sliders ``moves`` times in lecture 1 with a
    pause of ``think`` seconds (uniform) before each move.

    Returns
    -------
    ClassRun
    """
    started = time.perf_counter()
    (baseline,), alone, machine = asyncio.run(
        _together(room, room.learners[:1], 0, moves, think))
    runs, memory = ([], {})
    if len(room.learners) > 1:
        runs, memory, machine = asyncio.run(
            _together(room, room.learners[1:], arrival_s, moves, think))
    return ClassRun(baseline, alone[room.learners[0]], runs, memory, machine,
                    time.perf_counter() - started)
