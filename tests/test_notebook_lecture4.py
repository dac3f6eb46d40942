"""Lecture 4 (notebooks/04_analyse_and_sell.ipynb) keeps the course's template and its promises.

The learner types no code: every code cell is folded, every task is a widget cell that
declares its minutes, and no markdown asks to edit a cell. Every section the sources and
the glossary point to exists, tagged with its syllabus ID.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from kamlib import glossary, sources

REPO = Path(__file__).resolve().parent.parent
NOTEBOOK = REPO / "notebooks" / "04_analyse_and_sell.ipynb"
PRACTICE = ("CostToServe", "BuyingCentreMap", "StyleSelfAssessment", "SpinPractice",
            "BenefitBuilder", "ObjectionPractice", "CallObjective")


@pytest.fixture(scope="module")
def nb() -> nbformat.NotebookNode:
    return nbformat.read(NOTEBOOK, as_version=4)


def _headings(nb) -> dict[str, str]:
    """Section number -> heading line, for the numbered ``## N. …`` sections."""
    found = {}
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                match = re.match(r"## (\d+)\. (.*)", line)
                if match:
                    found[match.group(1)] = match.group(2)
    return found


def test_every_code_cell_is_folded_and_holds_calls_only(nb):
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        assert cell.metadata.get("jupyter", {}).get("source_hidden") is True, index
        assert "print(" not in cell.source and "f\"" not in cell.source, index
        assert len([line for line in cell.source.splitlines() if line.strip()]) <= 12, index


def test_every_practice_is_a_widget_task_with_minutes(nb):
    tasks = [cell for cell in nb.cells if cell.metadata.get("kamlib", {}).get("minutes")]
    called = [cell.source.split("(")[0] for cell in tasks]
    assert called == [*PRACTICE, "quiz_set"]
    for cell in tasks:
        assert cell.cell_type == "code"
    prose = " ".join(cell.source for cell in nb.cells if cell.cell_type == "markdown")
    for phrase in ("change the value", "edit the cell", "run the cell", "type the code"):
        assert phrase not in prose.lower()
    assert prose.count("**Your turn") == len(PRACTICE)


def test_sections_carry_the_syllabus_ids_the_sources_cite(nb):
    headings = _headings(nb)
    assert nb.metadata["kamlib"]["syllabus"] == ["O4", "O5", "G4"]
    for claim in sources.CLAIMS:
        if claim.lecture != 4 or not claim.section[0].isdigit():
            continue
        number, tag = claim.section.split(" ", 1)
        assert number in headings, claim.key
        assert tag in headings[number], (claim.key, headings[number])
    for term in glossary.GLOSSARY:
        if term.lecture == 4:
            assert term.section in headings, term.key
            chinese = re.search(r"[\u4e00-\u9fff]+", term.zh).group(0)
            assert chinese in " ".join(cell.source for cell in nb.cells), term.key


def test_the_outline_items_are_headings_with_their_chinese(nb):
    text = " ".join(cell.source for cell in nb.cells if cell.cell_type == "markdown")
    for chinese in ("如何分析你的大客户", "了解自己", "关注购买进程", "揭示和探讨客户需求",
                    "呈现解决办法", "缔结"):
        assert chinese in text
