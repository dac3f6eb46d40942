"""The training room for real: a class of three on the classroom hub (as `make classroom`
starts it), each learner a system user, then collection, an updated exercise, the trainer's
overview and the idle culler. Creates throw-away system users and removes them afterwards,
so it runs only as root (CI runs as root)."""

from __future__ import annotations

import asyncio
import json
import os
import pwd
import subprocess
import sys
import time
from pathlib import Path

import aiohttp
import pytest

from classroom import exchange, simulation
from classroom.hub import PROXY
from kamlib.grading.submissions import find_learners, read_workbook

REPO = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.skipif(os.geteuid() != 0, reason="creates system users: needs root (CI is root)"),
    pytest.mark.skipif(not PROXY.exists(),
                       reason="configurable-http-proxy is not installed (make classroom-deps)"),
]


@pytest.fixture(scope="module")
def room():
    with simulation.running_classroom(3) as running:
        yield running


@pytest.fixture(scope="module")
def lesson(room: simulation.Classroom) -> simulation.ClassRun:
    """Three learners through start-here and lecture 1, moving sliders (the benchmark's run,
    small and quick)."""
    return simulation.simulate(room, arrival_s=0.5, moves=3, think=(0.1, 0.3))


def as_learner(learner: str, *command: str, env: dict | None = None
               ) -> subprocess.CompletedProcess:
    """Run ``command`` as the system user ``learner`` (a trainer too), in their home."""
    account = pwd.getpwnam(learner)
    return subprocess.run(list(command), user=account.pw_uid, group=account.pw_gid,
                          extra_groups=[], capture_output=True, text=True, check=False,
                          cwd=account.pw_dir, env={"HOME": account.pw_dir, **(env or {})})


def test_each_learner_gets_their_own_server_and_runs_the_lessons(
    room: simulation.Classroom, lesson: simulation.ClassRun
) -> None:
    assert lesson.failures == []
    figures = lesson.figures()
    print("\nclass of three:", json.dumps({k: round(v, 3) for k, v in figures.items()}))
    for run in lesson.everyone:
        home = f"/home/{run.learner}"
        assert run.probe["user"] == run.learner  # the kernel runs as the learner
        assert run.probe["home"] == home
        assert run.probe["workbook"] == f"{home}/kam-workbook.json"
        assert run.probe["settings"] == str(room.settings.course_settings_path)
        assert run.probe["cell_turns"]  # the kernel takes turns at cells with the class
        assert run.probe["transport"] == "ipc"  # no TCP port another server could also pick
        assert len(run.round_trips_s) == 2 + 3  # start-here's and lecture 1's slider moves
        assert len(run.moved_at) == len(run.round_trips_s) and run.arrived_at is not None
    # The class list gave zh, en and no choice (the classroom's default, en), in turn.
    assert [r.probe["language"] for r in lesson.everyone] == ["zh", "en", "en"]
    assert (figures["round_trips_while_arriving"] + figures["round_trips_after_arrival"]
            == figures["round_trips"])


def test_a_learner_s_server_loads_only_what_learners_use(
    room: simulation.Classroom, lesson: simulation.ClassRun
) -> None:
    """Language servers, terminals and Voilà are off in the learners' servers, and the
    packages they never use are out of the learners' Python (memory and start time on a
    shared machine: classroom/server_config.json, bundle.LEFT_OUT_OF_LEARNER_ENV)."""
    learner = room.learners[0]
    pages = ("api/status", "api/contents/notebooks", "lsp/status", "api/terminals",
             "voila/render/notebooks/00_start_here.ipynb")

    async def statuses() -> dict[str, int]:
        jar = aiohttp.CookieJar(unsafe=True)
        async with aiohttp.ClientSession(cookie_jar=jar) as http:
            headers = await simulation.api_headers(http, room.url, learner,
                                                   room.passwords[learner])
            await simulation.start_server(http, room.url, learner, headers,
                                          room.settings.start_timeout_seconds)
            found = {}
            for page in pages:
                async with http.get(f"{room.url}/user/{learner}/{page}", headers=headers) as r:
                    found[page] = r.status
            return found

    found = asyncio.run(statuses())
    assert found == dict(zip(pages, [200, 200, 404, 404, 404], strict=True))
    python = str(room.settings.env_dir / "bin" / "python")
    for package in ("rfc3987_syntax", "lark"):  # bundle.LEFT_OUT_OF_LEARNER_ENV
        assert subprocess.run([python, "-c", f"import {package}"],
                              capture_output=True, check=False).returncode != 0

def test_the_bundle_is_in_every_home_and_no_learner_reads_another_s_work(
    room: simulation.Classroom, lesson: simulation.ClassRun
) -> None:
    first, second = room.learners[:2]
    for learner in room.learners:
        home = Path(pwd.getpwnam(learner).pw_dir)
        assert home.stat().st_mode & 0o777 == 0o700
        assert (home / "notebooks" / "00_start_here.ipynb").stat().st_uid == home.stat().st_uid
        assert (home / "exercises" / "exercise_1_kam_overview.ipynb").is_file()
        assert (home / "kam-workbook.json").is_file()  # the sliders' moves were saved
    other = f"/home/{second}/kam-workbook.json"
    assert as_learner(first, "cat", other).returncode != 0
    assert as_learner(first, "ls", f"/home/{second}").returncode != 0
    assert as_learner(second, "cat", other).returncode == 0


def test_no_learner_reads_the_solutions(room: simulation.Classroom) -> None:
    for private in (REPO / "exercises" / "source" / "exercise_1_kam_overview.ipynb",
                    REPO / "kamlib" / "grading" / "expected.py"):
        assert private.is_file()
        refused = as_learner(room.learners[0], "cat", str(private))
        assert refused.returncode != 0 and refused.stdout == ""
    bundle = room.settings.bundle_dir
    assert not list(bundle.rglob("*source*")), "the bundle holds only released notebooks"
    python = str(room.settings.env_dir / "bin" / "python")
    grader = as_learner(room.learners[0], python, "-c", "import kamlib.grading")
    assert "No module named 'kamlib.grading'" in grader.stderr  # the learners' kamlib


def test_the_trainer_changes_the_course_settings_every_learner_reads(
    room: simulation.Classroom, lesson: simulation.ClassRun
) -> None:
    shared = room.settings.course_settings_path
    python = str(room.settings.env_dir / "bin" / "python")
    change = "from kamlib import settings; settings.update(c_max_y=0)"
    done = as_learner(room.trainer, python, "-c", change, env={"KAMLIB_SETTINGS": str(shared)})
    assert done.returncode == 0, done.stderr
    read = "from kamlib import settings; print(settings.current().c_max_y)"
    learner = as_learner(room.learners[0], python, "-c", read,
                         env={"KAMLIB_SETTINGS": str(shared)})
    assert learner.stdout.strip() == "0"
    refused = as_learner(room.learners[0], python, "-c", change.replace("0)", "1)"),
                         env={"KAMLIB_SETTINGS": str(shared)})
    assert refused.returncode != 0 and "could not write" in refused.stderr


def test_collect_gathers_every_learner_s_workbook_and_exercises(
    room: simulation.Classroom, lesson: simulation.ClassRun
) -> None:
    results = exchange.collect(room.settings)
    assert [r.learner for r in results] == room.learners  # the trainer is not collected
    exercises = sorted(p.stem for p in (REPO / "exercises" / "release").glob("*.ipynb"))
    # What the grader reads of it (kamlib.grading.submissions): every exercise, the
    # workbook with the sliders' moves, the submission times, nothing refused or noted.
    handed_in = find_learners(room.settings.submissions_dir, exercises=exercises)
    assert [h.learner for h in handed_in] == room.learners
    for learner in handed_in:
        assert sorted(learner.notebooks) == exercises
        assert (learner.refused, learner.notes) == ({}, ())
        workbook, problem = read_workbook(learner.workbook)
        assert workbook and problem is None
        assert set(learner.submitted) == {"workbook.json", *(f"{e}.ipynb" for e in exercises)}
        record = json.loads((learner.folder / "collection.json").read_text(encoding="utf-8"))
        assert record["files"]["workbook.json"]["source"] == "kam-workbook.json"
    assert room.settings.grading_dir.stat().st_mode & 0o777 == 0o700


def test_an_updated_exercise_reaches_everyone_without_touching_their_work(
    room: simulation.Classroom, lesson: simulation.ClassRun, tmp_path: Path
) -> None:
    untouched, edited, deleted = room.learners
    name = "exercise_1_kam_overview.ipynb"
    theirs = Path(pwd.getpwnam(edited).pw_dir) / "exercises" / name
    assert as_learner(edited, "sh", "-c", f"echo ' ' >> '{theirs}'").returncode == 0
    their_work = theirs.read_bytes()
    assert as_learner(deleted, "rm", f"exercises/{name}").returncode == 0
    update = tmp_path / name
    notebook = json.loads((REPO / "exercises" / "release" / name).read_text(encoding="utf-8"))
    notebook["cells"][0]["source"] = "# Exercise 1 (corrected)\n" + "".join(
        notebook["cells"][0]["source"])
    update.write_text(json.dumps(notebook), encoding="utf-8")

    deliveries = {d.learner: d for d in exchange.push(room.settings, [update])}

    assert deliveries[untouched].actions == {"replaced": [f"exercises/{name}"]}
    assert deliveries[deleted].actions == {"added": [f"exercises/{name}"]}
    assert deliveries[edited].actions == {"beside": [f"exercises/{name}"]}
    assert theirs.read_bytes() == their_work  # never overwritten
    (beside,) = theirs.parent.glob("exercise_1_kam_overview (update *).ipynb")
    assert beside.read_bytes() == update.read_bytes()
    assert beside.stat().st_uid == theirs.stat().st_uid  # written as the learner
    for learner in (untouched, deleted):
        home = Path(pwd.getpwnam(learner).pw_dir)
        assert (home / "exercises" / name).read_bytes() == update.read_bytes()


def test_a_link_to_a_root_file_is_not_collected(room: simulation.Classroom,
                                                lesson: simulation.ClassRun) -> None:
    learner = room.learners[2]
    home = Path(pwd.getpwnam(learner).pw_dir)
    assert as_learner(learner, "ln", "-sf", "/etc/shadow", str(home / "kam-workbook.json")
                      ).returncode == 0
    (result,) = [r for r in exchange.collect(room.settings) if r.learner == learner]
    assert "kam-workbook.json" in result.missing
    folder = room.settings.submissions_dir / learner
    assert not (folder / "workbook.json").exists()
    assert all("root:" not in p.read_text(errors="replace") for p in folder.iterdir())


async def _open_signed_in(url: str, username: str, password: str, path: str) -> tuple[int, str]:
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as http:
        await simulation.sign_in(http, url, username, password)
        async with http.get(f"{url}{path}") as r:
            return r.status, await r.text()


def test_a_wrong_password_is_refused(room: simulation.Classroom) -> None:
    with pytest.raises(PermissionError, match="sign-in refused"):
        asyncio.run(_open_signed_in(room.url, room.learners[0], "not-the-password", "/"))


def test_a_lost_password_is_replaced_from_the_command_line(room: simulation.Classroom) -> None:
    learner = room.learners[1]
    done = subprocess.run(
        [sys.executable, "-m", "classroom", "--config", str(room.config_file), "password",
         learner], cwd=REPO, capture_output=True, text=True, check=True,
    )
    (line,) = [x for x in done.stdout.splitlines() if x.startswith(learner)]
    new, old = line.split()[-1], room.passwords[learner]
    room.passwords[learner] = new
    assert asyncio.run(_open_signed_in(room.url, learner, new, "/hub/home"))[0] == 200
    with pytest.raises(PermissionError):
        asyncio.run(_open_signed_in(room.url, learner, old, "/hub/home"))


def test_only_the_trainer_opens_the_class_overview(room: simulation.Classroom) -> None:
    overview = "/services/class-overview/"
    trainer = (room.url, room.trainer, room.passwords[room.trainer], overview)
    status, page = asyncio.run(_open_signed_in(*trainer))
    assert status == 200 and "No class overview yet" in page  # before any grading
    results = room.settings.overview_dir
    results.mkdir(parents=True, exist_ok=True)
    (results / "gradebook.csv").write_text("learner,total\n", encoding="utf-8")
    (results / "class_overview.html").write_text("<h1>How the class answered</h1>",
                                                  encoding="utf-8")
    status, page = asyncio.run(_open_signed_in(*trainer))
    assert status == 200 and 'href="gradebook.csv"' in page
    assert 'href="class_overview.html"' in page
    trainer = (*trainer[:3], overview + "class_overview.html")
    status, page = asyncio.run(_open_signed_in(*trainer))
    assert status == 200 and "How the class answered" in page  # the grader's page
    learner = room.learners[0]
    status, _ = asyncio.run(_open_signed_in(room.url, learner, room.passwords[learner], overview))
    assert status == 403


async def _server_of(url: str, learner: str, password: str, start: bool) -> dict | None:
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as http:
        headers = await simulation.api_headers(http, url, learner, password)
        if start:
            await simulation.start_server(http, url, learner, headers, 120)
        async with http.get(f"{url}/hub/api/users/{learner}", headers=headers) as r:
            return (await r.json())["servers"].get("")


def test_an_idle_server_is_stopped() -> None:
    with simulation.running_classroom(1, idle_timeout_minutes=0.2,
                                      idle_check_every_minutes=0.1) as small:
        learner = small.learners[0]
        password = small.passwords[learner]
        assert asyncio.run(_server_of(small.url, learner, password, start=True))
        deadline = time.monotonic() + 90
        while asyncio.run(_server_of(small.url, learner, password, start=False)):
            assert time.monotonic() < deadline, "the idle server was not stopped"
            time.sleep(2)
        assert "Culling server" in small.log.read_text()
        # Ctrl+C stops the hub, its services and the proxy (and the learners' servers).
        assert simulation.stop_hub(small.hub) < 20
        assert small.hub.returncode == 0
