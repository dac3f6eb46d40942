"""The language setting and the gettext catalogs behind every learner-facing text."""

from __future__ import annotations

from pathlib import Path

import pytest

from kamlib import i18n
from kamlib.validation import KamValueError

CATALOG = """msgid ""
msgstr ""
"Language: zh_CN\\n"
"Content-Type: text/plain; charset=utf-8\\n"
"Plural-Forms: nplurals=1; plural=0;\\n"

msgid "Class A"
msgstr "A 级"

msgid "{n} account"
msgid_plural "{n} accounts"
msgstr[0] "{n} 个客户"

#, fuzzy
msgid "Doubtful"
msgstr "存疑"

msgid "Not yet"
msgstr ""
"""


@pytest.fixture
def catalog(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "zh_CN" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "kamlib.po").write_text(CATALOG, encoding="utf-8")
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    i18n._catalog.cache_clear()
    yield tmp_path
    i18n._catalog.cache_clear()


@pytest.fixture(autouse=True)
def english_first(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv(i18n.LANGUAGE_VARIABLE, raising=False)
    monkeypatch.setitem(i18n._state, "language", None)


def test_translations_come_from_the_catalog_keyed_to_the_english(catalog: Path) -> None:
    assert i18n.gettext("Class A", language="zh") == "A 级"
    assert i18n.gettext("Class A", language="en") == "Class A"
    assert i18n.ngettext("{n} account", "{n} accounts", 3, language="zh").format(n=3) == "3 个客户"
    assert i18n.ngettext("{n} account", "{n} accounts", 1, language="en").format(n=1) == "1 account"


def test_untranslated_and_fuzzy_entries_fall_back_to_english(catalog: Path) -> None:
    assert i18n.gettext("Doubtful", language="zh") == "Doubtful"
    assert i18n.gettext("Not yet", language="zh") == "Not yet"
    assert i18n.gettext("Never extracted", language="zh") == "Never extracted"


def test_the_environment_variable_sets_the_default(monkeypatch, catalog: Path) -> None:
    assert i18n.get_language() == "en"
    monkeypatch.setenv(i18n.LANGUAGE_VARIABLE, "zh-CN")
    assert i18n.get_language() == "zh"
    assert i18n._("Class A") == "A 级"
    i18n.set_language("en")  # a choice in the notebook wins over the variable
    assert i18n._("Class A") == "Class A"


@pytest.mark.parametrize("spelling", ["zh", "ZH", "zh_CN", "zh-Hans", "中文", " zh "])
def test_spellings_of_chinese(spelling: str) -> None:
    i18n.set_language(spelling)
    assert i18n.get_language() == "zh"


def test_a_bad_language_is_named(monkeypatch) -> None:
    with pytest.raises(KamValueError, match=r"language: got 'fr'; expected 'en' \(English\)"):
        i18n.set_language("fr")
    with pytest.raises(KamValueError, match="language: got 3"):
        i18n.gettext("Class A", language=3)
    monkeypatch.setenv(i18n.LANGUAGE_VARIABLE, "klingon")
    with pytest.raises(KamValueError, match="KAMLIB_LANGUAGE: got 'klingon'"):
        i18n.get_language()


def test_the_shipped_catalog_reads() -> None:
    i18n._catalog.cache_clear()
    assert isinstance(i18n._catalog("zh"), dict)
    assert i18n.catalog_path("zh").is_file()


def test_a_remembered_choice_is_the_default_in_every_notebook(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    assert i18n.get_language() == "en"
    path = i18n.remember_language("zh")
    assert path.is_relative_to(tmp_path) and i18n.get_language() == "zh"
    monkeypatch.setenv(i18n.LANGUAGE_VARIABLE, "en")  # the variable still wins
    assert i18n.get_language() == "en"
    monkeypatch.delenv(i18n.LANGUAGE_VARIABLE)
    path.write_text("garbage\n")
    import os

    os.utime(path, ns=(1, 1))  # a new stamp: read again
    assert i18n.get_language() == "en"  # a damaged preference is no preference
