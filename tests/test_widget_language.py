"""LanguageChooser and follow_language: the learner chooses once; the page follows at once."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kamlib import i18n
from kamlib.validation import KamValueError
from kamlib.widgets import language as chooser_module
from kamlib.widgets.class_picker import ClassPicker
from kamlib.widgets.language import LanguageChooser, follow_language


@pytest.fixture(autouse=True)
def fresh_language(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """No language chosen yet, a preference folder of this test's own, no followers."""
    monkeypatch.setitem(i18n._state, "language", None)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.delenv(i18n.LANGUAGE_VARIABLE, raising=False)
    monkeypatch.setattr(chooser_module, "_followers", {})
    return tmp_path / "config"


def _markdown(follower) -> str:
    (output,) = follower.widget.outputs
    return output["data"]["text/markdown"]


def test_a_choice_applies_now_and_is_remembered_for_every_notebook() -> None:
    chooser = LanguageChooser()
    assert chooser.value == "en"
    assert i18n.preference_path().exists() is False  # showing the chooser changes nothing
    chooser.buttons.value = "zh"  # what a click on 中文 does
    assert i18n.get_language() == "zh" and chooser.value == "zh"
    assert i18n.preference_path().read_text(encoding="utf-8").strip() == "zh"
    assert "本页现在显示中文" in chooser.message.value
    i18n._state["language"] = None  # another notebook: nothing set there
    assert i18n.get_language() == "zh"
    chooser.choose("en")
    assert i18n.get_language() == "en" and "This page now shows English" in chooser.message.value


def test_the_page_follows_the_choice_at_once(workbook_path: Path) -> None:
    text = follow_language(lambda: i18n._("Notebook"))
    picker = follow_language(ClassPicker)
    assert _markdown(text) == "Notebook"
    first_picker = picker.shown
    LanguageChooser().choose("zh")
    assert _markdown(text) == "笔记本"
    assert picker.shown is not first_picker  # made again, with Chinese labels
    assert picker.shown.x.description == "X（目前购买）"
    view = picker.widget.outputs[0]["data"]["application/vnd.jupyter.widget-view+json"]
    assert view["model_id"] == picker.shown.widget.model_id


def test_the_same_content_shown_again_replaces_the_old_one() -> None:
    calls = []

    def render() -> str:
        calls.append(i18n.get_language())
        return "x"

    follow_language(render)
    follow_language(render)  # the cell run again
    LanguageChooser().choose("zh")
    assert calls == ["en", "en", "zh"]  # only the newer follower is made again


def test_a_problem_is_shown_where_the_content_would_be() -> None:
    def render() -> str:
        raise KamValueError("course folder: none found")

    assert "course folder: none found" in _markdown(follow_language(render))
    with pytest.raises(KamValueError, match="render"):
        follow_language("not callable")
    with pytest.raises(KamValueError, match="language"):
        LanguageChooser().choose("fr")


def test_a_choice_that_cannot_be_remembered_still_applies_and_says_why(
    fresh_language: Path,
) -> None:
    fresh_language.mkdir()
    (fresh_language / "kamlib").write_text("a file where the folder should be")
    chooser = LanguageChooser()
    chooser.choose("zh")
    assert i18n.get_language() == "zh"
    assert "无法为其他笔记本记住这个选择" in chooser.message.value


def test_a_language_fixed_by_the_environment_is_pointed_out(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(i18n.LANGUAGE_VARIABLE, "en")
    chooser = LanguageChooser()
    chooser.choose("zh")
    assert i18n.get_language() == "zh"  # this notebook follows the click
    assert "KAMLIB_LANGUAGE=en" in chooser.message.value and "培训师" in chooser.message.value
    assert os.environ[i18n.LANGUAGE_VARIABLE] == "en"
