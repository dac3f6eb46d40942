"""What the classroom does in a home folder: hand out, update and collect without ever
overwriting a learner's work (the functions run here directly on a temporary home)."""

from __future__ import annotations

import base64
import hashlib
import os
from pathlib import Path

import pytest

from classroom.learner_files import deliver, read, update_name

DAY = "2026-03-02"


@pytest.fixture
def bundle(tmp_path: Path) -> Path:
    folder = tmp_path / "bundle"
    (folder / "exercises").mkdir(parents=True)
    (folder / "exercises" / "ex1.ipynb").write_text("version 2")
    return folder


@pytest.fixture
def home(tmp_path: Path) -> Path:
    folder = tmp_path / "home"
    (folder / "exercises").mkdir(parents=True)
    return folder


def item(bundle: Path, handed: str | None = None) -> dict:
    return {"path": "exercises/ex1.ipynb", "source": str(bundle / "exercises" / "ex1.ipynb"),
            "handed_sha": handed}


def sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def test_a_missing_file_is_added(bundle: Path, home: Path) -> None:
    (result,) = deliver(home, [item(bundle)], DAY)
    assert result["action"] == "added"
    assert (home / "exercises" / "ex1.ipynb").read_text() == "version 2"


def test_an_identical_file_is_left_alone(bundle: Path, home: Path) -> None:
    (home / "exercises" / "ex1.ipynb").write_text("version 2")
    assert deliver(home, [item(bundle)], DAY)[0]["action"] == "same"


def test_a_file_the_learner_never_touched_is_replaced(bundle: Path, home: Path) -> None:
    (home / "exercises" / "ex1.ipynb").write_text("version 1")
    (result,) = deliver(home, [item(bundle, handed=sha("version 1"))], DAY)
    assert result["action"] == "replaced"
    assert (home / "exercises" / "ex1.ipynb").read_text() == "version 2"


def test_a_learner_s_edited_copy_is_kept_and_the_update_put_beside_it(bundle: Path,
                                                                    home: Path) -> None:
    mine = home / "exercises" / "ex1.ipynb"
    mine.write_text("version 1 with my answers")
    (result,) = deliver(home, [item(bundle, handed=sha("version 1"))], DAY)
    assert result["action"] == "beside"
    assert mine.read_text() == "version 1 with my answers"
    beside = home / "exercises" / f"ex1 (update {DAY}).ipynb"
    assert result["written"] == str(beside.relative_to(home))
    assert beside.read_text() == "version 2"
    # The same update again changes nothing; a second update that day gets its own name.
    assert deliver(home, [item(bundle, handed=sha("version 1"))], DAY)[0]["action"] == "same"
    (bundle / "exercises" / "ex1.ipynb").write_text("version 3")
    third = deliver(home, [item(bundle, handed=sha("version 1"))], DAY)[0]
    assert third["written"] == f"exercises/ex1 (update {DAY} 2).ipynb"
    assert mine.read_text() == "version 1 with my answers"


def test_a_link_in_place_of_a_notebook_is_never_written_through(bundle: Path, home: Path,
                                                                tmp_path: Path) -> None:
    elsewhere = tmp_path / "not-yours.txt"
    elsewhere.write_text("keep me")
    (home / "exercises" / "ex1.ipynb").symlink_to(elsewhere)
    (result,) = deliver(home, [item(bundle)], DAY)
    assert result["action"] == "beside"
    assert elsewhere.read_text() == "keep me"


def test_collection_takes_the_most_recently_saved_version(home: Path) -> None:
    original = home / "exercises" / "ex1.ipynb"
    update = home / "exercises" / update_name(original, DAY).name
    original.write_text("worked on the first copy")
    update.write_text("then on the update")
    os.utime(original, (1_000_000, 1_000_000))
    answer = read(home, ["exercises/ex1.ipynb", "exercises/ex2.ipynb"], max_bytes=10_000)
    taken = answer["files"]["exercises/ex1.ipynb"]
    assert taken["source"] == str(update.relative_to(home))
    assert base64.b64decode(taken["content"]) == b"then on the update"
    assert answer["missing"] == ["exercises/ex2.ipynb"]


def test_collection_leaves_out_links_and_oversized_files(home: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret"
    secret.write_text("root's file")
    (home / "kam-workbook.json").symlink_to(secret)
    (home / "exercises" / "big.ipynb").write_text("x" * 200)
    answer = read(home, ["kam-workbook.json", "exercises/big.ipynb"], max_bytes=100)
    assert answer["files"] == {}
    assert answer["missing"] == ["kam-workbook.json"]
    assert answer["too_big"] == ["exercises/big.ipynb"]
