"""The course-wide bilingual glossary (kamlib.glossary)."""

from __future__ import annotations

import re

import pytest

from kamlib import glossary
from kamlib.glossary import glossary_markdown
from kamlib.i18n import set_language
from kamlib.validation import KamValueError

CJK = re.compile(r"[\u4e00-\u9fff]")


def test_every_term_is_bilingual_defined_and_placed():
    keys = [term.key for term in glossary.GLOSSARY]
    assert len(keys) == len(set(keys)) and len(keys) >= 60
    for term in glossary.GLOSSARY:
        assert term.en and not CJK.search(term.en), term.key
        assert CJK.search(term.zh), term.key
        assert term.definition.endswith("."), term.key
        assert term.lecture in glossary.LECTURES
        assert re.fullmatch(r"\d+(\.\d+)?|start", term.section), term.key


def test_terms_of_the_issue_are_in_it_with_the_course_chinese():
    table = glossary.glossary().set_index("key")
    assert table.loc["own_departments", "term_zh"] == "企业内部各部门（讲义作“部门状况”）"
    assert table.loc["market_development", "term_zh"].startswith("市场开发")
    assert table.loc["advance", "term_zh"].startswith("进展 / 延续")
    for key in ("buying_centre", "spin", "advance", "share_of_wallet", "cost_to_serve",
                "uncoupling_kam", "tows", "smart", "social_style"):
        assert key in table.index


@pytest.mark.parametrize("lecture", glossary.LECTURES)
def test_a_lecture_table_has_its_terms_only(lecture):
    table = glossary.glossary(lecture)
    assert len(table) >= 1 and set(table["lecture"]) == {lecture}
    text = glossary.glossary_markdown(lecture)
    lines = text.strip().splitlines()
    assert lines[0] == "| English | 中文 | Meaning | Introduced in |"
    assert len(lines) == len(table) + 2
    assert all(line.count(" | ") == 3 for line in lines[2:])


def test_whole_course_table_in_course_order():
    table = glossary.glossary()
    assert list(table["lecture"]) == sorted(table["lecture"])
    assert "| key account | 大客户 |" in glossary.glossary_markdown()


@pytest.mark.parametrize("bad", [5, -1, "1", True])
def test_unknown_lecture_is_refused(bad):
    with pytest.raises(KamValueError, match="lecture"):
        glossary.glossary(bad)


def test_a_table_of_some_sections_only():
    """A lecture taught in two notebooks shows each notebook the terms of its sections."""
    table = glossary.glossary(2)
    later = table["section"].isin(["10", "11", "12", "13"])
    second = glossary.glossary_markdown(2, sections=("10", "11", "12", "13"))
    first = glossary.glossary_markdown(2, sections=["start", *map(str, range(1, 10))])
    assert len(second.strip().splitlines()) == later.sum() + 2
    assert len(first.strip().splitlines()) == (~later).sum() + 2
    assert "| Ansoff matrix |" in second and "| Ansoff matrix |" not in first


@pytest.mark.parametrize("bad", ["10", 10, [10]])
def test_sections_that_are_not_a_list_of_texts_are_refused(bad):
    with pytest.raises(KamValueError, match="sections"):
        glossary.glossary_markdown(2, sections=bad)


def test_analysis_and_selling_terms_are_lecture_4s():
    table = glossary.glossary(4).set_index("key")
    for key in ("buying_centre", "buying_roles", "cost_to_serve", "social_style", "buy_classes",
                "spin", "needs", "fab", "objection", "advance"):
        assert key in table.index
    assert "Lecture 4, section 9" in glossary.glossary_markdown(4)


def test_a_term_of_a_lecture_s_opening_says_so_in_each_language():
    """A term introduced before a lecture's first section reads "opening", not "section start"."""
    assert "| Lecture 2, opening |" in glossary_markdown(2, sections=("start",))
    set_language("zh")
    try:
        assert "| 第二讲开篇 |" in glossary_markdown(2, sections=("start",))
    finally:
        set_language("en")
