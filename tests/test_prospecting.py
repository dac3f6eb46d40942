"""Where to find the right customers (kamlib.prospecting)."""

from __future__ import annotations

from kamlib.prospecting import SOURCES, Source, sources_table


def test_the_five_sources_of_the_handout():
    assert len(SOURCES) == 5 and all(isinstance(s, Source) for s in SOURCES)
    assert [s.key for s in SOURCES] == [
        "colleagues_systems",
        "competitors",
        "new_customers",
        "industry_bodies",
        "media",
    ]
    assert SOURCES[3].zh == "学会/协会"
    assert all(len(s.look_for) > 40 and len(s.example) > 40 for s in SOURCES)


def test_sources_table():
    table = sources_table()
    assert list(table.columns) == ["key", "en", "zh", "look_for", "example"]
    assert table["key"].tolist() == [s.key for s in SOURCES]
