"""The start-here set-up check: every row passes here, and a real problem shows with its fix."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from kamlib import setup_check
from kamlib.validation import KamValueError


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


def _checks(*rows: tuple[str, str, bool, str]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["check", "found", "ok", "fix"])


def test_the_report_says_ready_and_folds_the_passed_checks(workbook_path: Path) -> None:
    shown = setup_check.report(language="en")
    assert shown.problems == 0
    total = len(shown.checks)
    assert f"All {total} checks passed: you are ready." in shown.html
    assert f"<details><summary>Show the {total} checks that passed</summary>" in shown.html
    assert "How to fix it" not in shown.html  # nothing to fix, no column for it


def test_the_report_shows_each_problem_with_its_fix_instead_of_raising() -> None:
    frame = _checks(("ipywidgets<9,>=8.1", "7.8.1", False, setup_check.FIX),
                    (setup_check.DATA_CHECK, "accounts 200", True, ""))
    shown = setup_check.report(frame, language="en")
    assert shown.problems == 1
    problems = shown.html.split("<details>")[0]
    assert "1 of 2 checks needs a fix" in problems and "show this table to your trainer" in problems
    assert "ipywidgets&lt;9,&gt;=8.1" in problems and "7.8.1" in problems
    assert "run `make lab` again" in problems and "accounts 200" not in problems
    assert "Show the check that passed" in shown.html


def test_the_report_speaks_chinese() -> None:
    frame = _checks((setup_check.WORKBOOK_CHECK, "/read-only/learner.json", False,
                     setup_check.WORKBOOK_FIX))
    html = setup_check.report(frame, language="zh").html
    for text in ("1 项需要处理", "检查项", "解决办法", "作业本文件夹可以写入",
                 "把 KAMLIB_LEARNER 设为"):
        assert text in html
    assert "How to fix" not in html and "need a fix" not in html


def test_a_report_of_a_wrong_table_is_refused() -> None:
    with pytest.raises(KamValueError, match="checks"):
        setup_check.report(pd.DataFrame({"check": ["x"]}))
    with pytest.raises(KamValueError, match="language"):
        setup_check.report(_checks(("x", "y", True, "")), language="fr")
