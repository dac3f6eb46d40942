"""The Chinese edition is complete and in step with the English source (issue 10, point 2).

These tests read the committed catalogs and Chinese files; ``python tools/translate.py
update`` rewrites them after a translator has filled the catalogs.
"""

from __future__ import annotations

import importlib.util
import re
import sys
import tokenize
from pathlib import Path

import pytest

import kamlib
from kamlib.validation import KamValueError

REPO = Path(__file__).resolve().parent.parent
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def translate():
    spec = importlib.util.spec_from_file_location("translate", REPO / "tools" / "translate.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["translate"] = module
    spec.loader.exec_module(module)
    return module


def test_every_text_of_kamlib_has_its_chinese(translate) -> None:
    """A new or changed `_()` text without its translation fails here, naming the text."""
    catalog = translate.merged(translate.kamlib_messages(), translate.KAMLIB_CATALOG)
    missing = translate.untranslated(catalog)
    assert not missing, f"{len(missing)} kamlib texts lack a translation, e.g. {missing[:5]}"
    assert translate.po_text(catalog) == translate.KAMLIB_CATALOG.read_bytes(), (
        "kamlib.po is out of date with the code: run python tools/translate.py update")


def test_the_chinese_edition_is_in_step_with_the_english(translate) -> None:
    """Catalogs up to date and complete, every Chinese notebook and document written from
    the current English and catalog, Chinese code cells equal to the English ones but for the
    language setting, no Chinese notebook without an English source."""
    problems = translate.problems()
    assert not problems, f"{len(problems)} problem(s), e.g.:\n" + "\n".join(problems[:15])


def test_messages_reach_a_chinese_learner_in_chinese() -> None:
    """Feedback, errors and labels come from the catalog when the language is Chinese."""
    from kamlib import goals

    previous = kamlib.get_language()
    kamlib.set_language("zh")
    try:
        with pytest.raises(KamValueError) as raised:
            goals.check_smart(12345)
        verdict = goals.check_smart("在2026年12月31日前把AC017的涂料销售额提高15%")
    finally:
        kamlib.set_language(previous)
    assert CJK.search(str(raised.value)), str(raised.value)
    shown = " ".join(str(v) for v in vars(verdict).values()) if hasattr(verdict, "__dict__") \
        else str(verdict)
    assert CJK.search(shown), shown[:300]


def test_no_translated_literal_hides_inside_an_f_string() -> None:
    """Babel cannot see ``_('text')`` inside an f-string: such a text never reaches the
    catalog and stays English in the Chinese edition."""
    hidden = re.compile(r"""\{\s*(?:_|gettext|ngettext)\(\s*['"]""")
    found = []
    for path in sorted((REPO / "kamlib").rglob("*.py")):
        with path.open("rb") as source:
            for token in tokenize.tokenize(source.readline):
                prefix = re.match(r"[A-Za-z]*", token.string).group(0).lower()
                if token.type == tokenize.STRING and "f" in prefix and hidden.search(token.string):
                    found.append(f"{path.relative_to(REPO)}:{token.start[0]}")
    assert not found, f"translated literals inside f-strings: {found}"
