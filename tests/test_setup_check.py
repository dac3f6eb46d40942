"""The start-here set-up check: every row passes here, and a real problem shows with its fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from kamlib import setup_check


def test_every_check_passes_in_the_course_environment(workbook_path: Path) -> None:
    checks = setup_check.check_environment()
    assert checks["ok"].all(), checks[~checks["ok"]].to_string()
    assert (checks["fix"] == "").all()
    names = " ".join(checks["check"])
    for package in ("jupyterlab", "ipywidgets", "jupyterlab_widgets", "pandas", "seaborn"):
        assert package in names
    assert "pytest" not in names, "test-only packages are not a learner's problem"


def test_a_version_out_of_step_is_flagged_with_its_fix(
    workbook_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = setup_check._version
    monkeypatch.setattr(
        setup_check, "_version", lambda name: "7.8.1" if name == "ipywidgets" else real(name)
    )
    checks = setup_check.check_environment().set_index("check")
    row = checks.loc[[c for c in checks.index if c.startswith("ipywidgets")][0]]
    assert not row["ok"] and row["found"] == "7.8.1" and "make lab" in row["fix"]


def test_missing_case_data_is_flagged(
    workbook_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KAMLIB_DATA_DIR", str(tmp_path / "nowhere"))
    checks = setup_check.check_environment().set_index("check")
    assert not checks.loc["case data", "ok"]
    assert "KAMLIB_DATA_DIR" in checks.loc["case data", "found"]


def test_a_bad_learner_name_is_flagged_not_raised(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KAMLIB_WORKBOOK", raising=False)
    monkeypatch.setenv("KAMLIB_LEARNER", "../zhang")
    checks = setup_check.check_environment().set_index("check")
    assert not checks.loc["workbook folder writable", "ok"]
    assert "KAMLIB_LEARNER: got '../zhang'" in checks.loc["workbook folder writable", "found"]
    assert "KAMLIB_LEARNER" in checks.loc["workbook folder writable", "fix"]
