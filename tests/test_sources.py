"""Provenance of the course's claims and the bibliography (kamlib.sources)."""

from __future__ import annotations

import pytest

from kamlib import sources
from kamlib.validation import KamValueError


def test_every_claim_has_a_known_provenance_and_known_works():
    keys = [claim.key for claim in sources.CLAIMS]
    assert len(keys) == len(set(keys))
    for claim in sources.CLAIMS:
        assert claim.provenance in sources.PROVENANCES and claim.lecture in sources.LECTURES
        for key in claim.sources:
            assert sources.work(key).key == key
        # a literature claim names its work; a course assumption cites none
        assert bool(claim.sources) == (claim.provenance == "literature"), claim.key


def test_every_work_is_cited_and_complete():
    cited = {key for claim in sources.CLAIMS for key in claim.sources}
    assert cited == {work.key for work in sources.BIBLIOGRAPHY}
    for work in sources.BIBLIOGRAPHY:
        assert work.authors and work.title and work.published_in
        assert 1900 < work.year < 2030 and str(work.year) in work.key


@pytest.mark.parametrize(
    ("key", "citation"),
    [
        ("millman_wilson_1995", "Millman & Wilson (1995)"),
        ("doran_1981", "Doran (1981)"),
        ("robinson_faris_wind_1967", "Robinson, Faris & Wind (1967)"),
    ],
)
def test_citations(key, citation):
    assert sources.work(key).citation == citation


def test_the_issue_names_are_cited_where_the_course_teaches_them():
    table = sources.claims().set_index("key")
    expected = {
        "six_stages": "Millman & Wilson (1995)",
        "smart_doran": "Doran (1981)",
        "tows": "Weihrich (1982)",
        "ansoff": "Ansoff (1957)",
        "four_c": "Lauterborn (1990)",
        "environment": "Kotler & Armstrong (2010)",
        "bcg": "Henderson (1970)",
        "advance": "Rackham (1988)",
        "social_styles": "Merrill & Reid (1981)",
        "buying_centre": "Webster & Wind (1972)",
        "retention_profit": "Reichheld & Sasser (1990)",
    }
    for key, citation in expected.items():
        assert table.loc[key, "sources"] == citation
    assert "uncoupling can happen at any stage" in table.loc["six_stages", "text"]
    assert "Assignable" in table.loc["smart_doran", "text"]
    assert table.loc["smart_handout", "provenance"] == "handout"


@pytest.mark.parametrize("lecture", sources.LECTURES)
def test_sources_section_lists_each_provenance_and_the_works(lecture):
    text = sources.sources_section(lecture)
    assert text.startswith("## Sources\n")
    for provenance in sources.PROVENANCES:
        assert sources.PROVENANCE_NAMES[provenance] in text
    mine = [c for c in sources.CLAIMS if c.lecture == lecture]
    for claim in mine:
        assert claim.text in text
        for key in claim.sources:
            assert sources.work(key).reference in text
    others = {k for c in sources.CLAIMS if c.lecture != lecture for k in c.sources}
    only_elsewhere = others - {k for c in mine for k in c.sources}
    assert not any(sources.work(k).reference in text for k in only_elsewhere)


@pytest.mark.parametrize("bad", [0, 5, "2", None, True])
def test_sources_section_rejects_unknown_lectures(bad):
    with pytest.raises(KamValueError, match="lecture"):
        sources.sources_section(bad)


def test_work_rejects_unknown_keys():
    with pytest.raises(KamValueError, match="key: got 'smith_2020'"):
        sources.work("smith_2020")


def test_sources_section_of_some_sections_only():
    """A lecture taught in two notebooks shows each notebook the claims of its sections."""
    first = sources.sources_section(2, sections=["start", *map(str, range(1, 10))])
    second = sources.sources_section(2, sections=("10", "11", "12", "13"))
    for claim in (c for c in sources.CLAIMS if c.lecture == 2):
        in_second = int(claim.section.split()[0]) >= 10
        assert (claim.text in second, claim.text in first) == (in_second, not in_second)
    assert sources.work("weihrich_1982").reference in first
    assert sources.work("weihrich_1982").reference not in second
    assert sources.work("doran_1981").reference in second


@pytest.mark.parametrize("bad", ["10", 10, [10], None])
def test_sources_section_rejects_sections_that_are_not_a_list_of_texts(bad):
    if bad is None:  # None means every section
        assert sources.sources_section(2, sections=None) == sources.sources_section(2)
        return
    with pytest.raises(KamValueError, match="sections"):
        sources.sources_section(2, sections=bad)


def test_analysis_and_selling_claims_are_lecture_4s():
    """Outline items 4 and 5 (O4, O5) are taught in lecture 4, so their claims are cited there."""
    for claim in sources.CLAIMS:
        tagged = "[O4" in claim.section or "O5]" in claim.section
        assert tagged == (claim.lecture == 4), claim.key
    cited = sources.sources_section(4)
    for work in ("rackham_1988", "webster_wind_1972", "merrill_reid_1981",
                 "robinson_faris_wind_1967", "kaplan_cooper_1998", "bonoma_1982"):
        assert sources.work(work).reference in cited
