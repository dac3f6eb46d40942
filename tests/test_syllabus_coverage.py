"""Every concept of the syllabus is taught by at least one lecture notebook.

The project keeps its own copy of the concept IDs in docs/syllabus_ids.csv; each lecture
notebook lists the IDs it covers in ``metadata.kamlib.syllabus``.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def syllabus_ids() -> list[str]:
    with (REPO / "docs" / "syllabus_ids.csv").open(encoding="utf-8") as handle:
        return [row["id"] for row in csv.DictReader(handle)]


def covered_ids() -> dict[str, list[str]]:
    """ID -> the notebooks that claim it."""
    claims: dict[str, list[str]] = {}
    for path in sorted((REPO / "notebooks").glob("*.ipynb")):
        meta = json.loads(path.read_text(encoding="utf-8"))["metadata"]
        for concept in meta.get("kamlib", {}).get("syllabus", []):
            claims.setdefault(concept, []).append(path.name)
    return claims


LECTURES = ("01_kam_overview", "02a_market_environment", "02b_annual_plan", "03_target_accounts",
            "04_analyse_and_sell")


def test_each_lecture_notebook_lists_its_syllabus_ids() -> None:
    """The loops below check nothing for a notebook that claims no ID: each lecture claims some."""
    assert syllabus_ids(), "docs/syllabus_ids.csv lists no concept"
    for name in LECTURES:
        nb = json.loads((REPO / "notebooks" / f"{name}.ipynb").read_text(encoding="utf-8"))
        claimed = nb["metadata"].get("kamlib", {}).get("syllabus", [])
        assert isinstance(claimed, list) and claimed, f"{name}.ipynb lists no syllabus IDs"


def test_every_syllabus_id_is_covered() -> None:
    missing = [concept for concept in syllabus_ids() if concept not in covered_ids()]
    assert not missing, f"no notebook covers {missing}"


def test_notebooks_claim_only_known_ids() -> None:
    unknown = set(covered_ids()) - set(syllabus_ids())
    assert not unknown, f"notebook metadata names unknown IDs {sorted(unknown)}"


def test_claimed_ids_appear_in_the_notebook_text() -> None:
    """A claim is backed by a section that names the ID, so the map cannot drift from the text."""
    for path in sorted((REPO / "notebooks").glob("*.ipynb")):
        nb = json.loads(path.read_text(encoding="utf-8"))
        text = "".join("".join(cell["source"]) for cell in nb["cells"])
        for concept in nb["metadata"].get("kamlib", {}).get("syllabus", []):
            assert f"[{concept}]" in text, f"{path.name} claims {concept} but never tags a section"
