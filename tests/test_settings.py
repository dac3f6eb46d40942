"""The instructor's course settings: one file, read by every part of the course."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from kamlib import case, datasets, goals, grid, priority, settings, stages, visits
from kamlib.validation import KamValueError

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def instructor_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty instructor's settings file, in use through KAMLIB_SETTINGS."""
    path = tmp_path / "course_settings.toml"
    path.write_text("", encoding="utf-8")
    monkeypatch.setenv(settings.SETTINGS_VARIABLE, str(path))
    return path


def test_defaults_are_the_documented_course_values() -> None:
    defaults = settings.load()
    assert defaults.today == pd.Timestamp("2025-12-31")
    assert defaults.case_year == 2025
    assert defaults.score_cuts_cny == (1.0, 500_000.0, 3_000_000.0, 10_000_000.0)
    assert (defaults.a_min_x, defaults.a_min_y, defaults.c_max_y) == (3, 3, 1)
    assert dict(defaults.visit_days) == {"A": 30, "B": 60, "C": 120, "VIP": 45}
    assert defaults.source == "defaults"


def test_case_year_is_the_last_full_year_up_to_today() -> None:
    assert settings.load().replace(today=pd.Timestamp("2026-06-30")).case_year == 2025
    assert settings.load().replace(today=pd.Timestamp("2026-12-31")).case_year == 2026


def test_a_file_changes_only_what_it_holds(instructor_file: Path) -> None:
    instructor_file.write_text("[visits]\nevery_days = {A = 14, B = 60, C = 120, VIP = 30}\n")
    current = settings.current()
    assert current.visit_days["A"] == 14
    assert current.a_min_x == 3  # not in the file: the default
    assert current.source == str(instructor_file)


def test_every_part_of_the_course_follows_the_file(instructor_file: Path) -> None:
    """Class rules, visit rhythm, win chances, SMART limit and today, all from one file."""
    instructor_file.write_text(
        "[course]\ntoday = 2025-06-30\n"
        "[classes]\na_min_x = 4\na_min_y = 4\nc_max_y = 2\n"
        "[visits]\nevery_days = {A = 7, B = 60, C = 120, VIP = 45}\n"
        "[win_probability]\nprospect = {known = 0.5, cold = 0.05}\n"
        "[goals]\nplausible_change_pct = 20\n"
    )
    rules = grid.ClassificationRules()
    assert (rules.a_min_x, rules.a_min_y, rules.c_max_y) == (4, 4, 2)
    assert grid.classify(3, 3).grid_class == "B"  # class A under the defaults
    classified = case.classified_accounts()
    assert not ((classified["x"] == 3) & (classified["grid_class"] == "A")).any()

    accounts = pd.DataFrame({"account_id": ["a"], "account_class": ["A"]})
    log = pd.DataFrame(
        {"visit_id": ["v"], "account_id": ["a"], "date": [pd.Timestamp("2025-06-01")],
         "status": ["done"]}
    )
    due = visits.visits_due(accounts, log, as_of="2025-06-30")
    assert due.loc[0, "visit_every_days"] == 7 and due.loc[0, "status"] == "overdue"

    prospects = priority.prospect_probabilities(
        datasets.load("accounts"), datasets.load("people")
    )
    assert set(prospects["win_probability"]) <= {0.5, 0.05}
    assert settings.current().plausible_change_pct == 20
    assert not goals.check_smart("Grow revenue at AC017 by 30% by 2026-12-31").letters["A"].passed
    assert settings.resolve_as_of(None) == pd.Timestamp("2025-06-30")
    assert stages.relationship_stage(
        datasets.load("contacts").head(0), as_of=None
    ).stage == 1


def test_a_changed_file_is_read_again(instructor_file: Path) -> None:
    instructor_file.write_text("[classes]\na_min_x = 2\n")
    assert grid.ClassificationRules().a_min_x == 2
    instructor_file.write_text("[classes]\na_min_x = 4\n\n")  # another size: a new stamp
    assert grid.ClassificationRules().a_min_x == 4


def test_save_and_update_round_trip(instructor_file: Path) -> None:
    changed = settings.update(c_max_y=2, visit_days={"A": 21, "B": 60, "C": 90, "VIP": 45})
    assert changed.c_max_y == 2 and changed.visit_days["C"] == 90
    assert settings.load(instructor_file) == changed
    assert "c_max_y = 2" in instructor_file.read_text()


def test_saving_keeps_who_may_read_the_file(instructor_file: Path) -> None:
    # A classroom's learners read the trainer's file: a save must not make it private.
    instructor_file.chmod(0o664)
    settings.update(c_max_y=0)
    assert instructor_file.stat().st_mode & 0o777 == 0o664


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[classes]\nc_max_y = 3\n", r"\[classes\] c_max_y: got 3; expected a score below a_min_y"),
        ("[classes]\na_min_x = 1.5\n", r"a_min_x: got 1.5; expected a whole number"),
        ("[visits]\nevery_days = {A = 30}\n", r"every_days: .*exactly the keys A, B, C, VIP"),
        ("[scores]\ncuts_cny = [5, 4, 3, 2]\n", r"each larger than the one before"),
        ("[course]\ntoday = \"2025-12-31\"\n", r"today: got '2025-12-31'; expected a date"),
        ("[course]\ntoday = 2025-12-31T10:00:00\n", r"today: .*no time"),
        ("[win_probability]\nby_stage = {early = 2, mid = 0.3, partnership = 0.4, "
         "synergistic = 0.5, uncoupling = 0.1}\n", r"by_stage.early: got 2"),
        ("[goals]\nplausible_change_pct = inf\n", r"plausible_change_pct: got inf"),
        ("[goal]\nx = 1\n", r"table: got 'goal'; expected one of \[course\]"),
        ("[goals]\nlimit = 1\n", r"\[goals\] key: got 'limit'; expected one of"),
        ("[classes\n", r"expected valid TOML"),
    ],
)
def test_bad_files_name_the_file_the_key_and_what_is_allowed(
    instructor_file: Path, content: str, message: str
) -> None:
    instructor_file.write_text(content, encoding="utf-8")
    with pytest.raises(KamValueError, match=message) as caught:
        settings.current()
    assert instructor_file.name in str(caught.value)


def test_a_missing_named_file_names_the_variable(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv(settings.SETTINGS_VARIABLE, str(tmp_path / "gone.toml"))
    with pytest.raises(KamValueError, match="KAMLIB_SETTINGS: got .*gone.toml"):
        settings.current()


def test_replace_refuses_unknown_settings() -> None:
    with pytest.raises(KamValueError, match="setting: got 'cut'"):
        settings.load().replace(cut=1)


@pytest.mark.slow
def test_command_line_shows_and_starts_a_settings_file(tmp_path: Path) -> None:
    target = tmp_path / "mine.toml"
    env = {"KAMLIB_SETTINGS": str(target), "PATH": "/usr/bin:/bin"}
    run = [sys.executable, "-m", "kamlib.settings"]
    started = subprocess.run([*run, "init"], env=env, capture_output=True, text=True)
    assert started.returncode == 0 and target.read_text() == settings.DEFAULTS_FILE.read_text()
    shown = subprocess.run(run, env=env, capture_output=True, text=True)
    assert f"Settings from: {target}" in shown.stdout and "visit_days" in shown.stdout
    again = subprocess.run([*run, "init"], env=env, capture_output=True, text=True)
    assert again.returncode == 1 and "exists already" in again.stdout


def test_the_settings_lists_match_the_domain() -> None:
    assert settings.VISIT_CLASSES == grid.ACCOUNT_CLASSES
    assert settings.TRADING_STAGES == tuple(stage.key for stage in stages.STAGES[1:])


def _module_level_imports(path: Path) -> set[str]:
    """kamlib modules that ``path`` imports when it is loaded (not inside functions)."""
    found = set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("kamlib"):
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("kamlib"))
    return found


def test_kamlib_has_no_import_cycle() -> None:
    package = REPO / "kamlib"
    modules = {
        ".".join(p.relative_to(REPO).with_suffix("").parts).removesuffix(".__init__"): p
        for p in package.rglob("*.py")
    }
    graph = {
        name: {m for m in _module_level_imports(path) if m in modules and m != name}
        for name, path in modules.items()
    }
    state: dict[str, str] = {}

    def visit(name: str, trail: list[str]) -> None:
        state[name] = "open"
        for target in sorted(graph[name]):
            if state.get(target) == "open":
                cycle = trail[trail.index(target):] + [target] if target in trail else [target]
                pytest.fail("import cycle: " + " -> ".join(cycle))
            if target not in state:
                visit(target, [*trail, target])
        state[name] = "done"

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])
