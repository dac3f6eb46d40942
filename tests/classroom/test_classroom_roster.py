"""The class list and the roster: who may sign in, with passwords kept only as hashes."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from classroom import hub, prepare
from classroom.config import load
from classroom.roster import (
    PASSWORD_ALPHABET,
    Person,
    Roster,
    RosterError,
    check_username,
    generate_password,
    hash_password,
    read_class_list,
    verify_password,
)
from kamlib.validation import KamValueError


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_text(text, encoding=encoding)
    return path


def test_a_class_list_from_excel_reads_names_roles_and_languages(tmp_path: Path) -> None:
    class_list = write(
        tmp_path / "class.csv",
        "username,name,role,language\nZhang.Wei,张伟,learner,zh\nli.na,李娜,,\n"
        "trainer1,Ms Trainer,Trainer,EN\n",
        encoding="utf-8-sig",  # Excel's "CSV UTF-8" starts with a byte-order mark
    )
    people = read_class_list(class_list)
    assert [(p.username, p.name, p.role, p.language) for p in people] == [
        ("zhang.wei", "张伟", "learner", "zh"),
        ("li.na", "李娜", "learner", ""),
        ("trainer1", "Ms Trainer", "trainer", "en"),
    ]


def test_every_problem_of_a_class_list_is_named_with_its_row(tmp_path: Path) -> None:
    class_list = write(
        tmp_path / "class.csv",
        "username,role,language\nzhang.wei,learner,fr\n1abc,learner,en\nzhang.wei,boss,en\n",
    )
    with pytest.raises(RosterError) as caught:
        read_class_list(class_list)
    message = str(caught.value)
    assert "row 2: language: got 'fr'" in message
    assert "row 3: username: got '1abc'" in message
    assert "row 4: role: got 'boss'" in message


@pytest.mark.parametrize(
    ("text", "expected"),
    [("", "header row with a 'username' column"), ("name\nZhang\n", "'username' column")],
)
def test_a_class_list_without_usernames_is_refused(tmp_path: Path, text: str,
                                                   expected: str) -> None:
    with pytest.raises(RosterError, match=expected):
        read_class_list(write(tmp_path / "class.csv", text))


def test_a_username_given_twice_is_refused(tmp_path: Path) -> None:
    with pytest.raises(RosterError, match="row 3: username 'zhang.wei' is given twice"):
        read_class_list(write(tmp_path / "c.csv", "username\nzhang.wei\nZHANG.WEI\n"))


@pytest.mark.parametrize("name", ["root user", "../etc", "", "a" * 32, "-x", 7])
def test_names_that_cannot_be_system_users_are_refused(name: object) -> None:
    with pytest.raises(RosterError, match="username: got"):
        check_username(name)


def test_passwords_are_unambiguous_and_checked_against_a_salted_hash() -> None:
    password = generate_password()
    assert len(password) == 10 and set(password) <= set(PASSWORD_ALPHABET)
    stored = hash_password(password)
    assert password not in stored and stored != hash_password(password)  # salted
    assert verify_password(password, stored)
    assert not verify_password(password + "x", stored)
    assert not verify_password(password, "scrypt$broken")
    assert not verify_password(password, "md5$1$2$3$4$5")


def test_the_roster_keeps_hashes_only_and_is_private(tmp_path: Path) -> None:
    roster = Roster(tmp_path / "hub" / "roster.json")
    passwords = roster.add([Person("zhang.wei", "张伟"), Person("t1", role="trainer")])
    text = roster.path.read_text(encoding="utf-8")
    assert all(password not in text for password in passwords.values())
    assert roster.path.stat().st_mode & 0o777 == 0o600
    assert json.loads(text)["people"]["zhang.wei"]["name"] == "张伟"
    assert [p.username for p in roster.learners()] == ["zhang.wei"]
    assert [p.username for p in roster.trainers()] == ["t1"]


def test_adding_the_class_list_again_keeps_everyone_s_password(tmp_path: Path) -> None:
    roster = Roster(tmp_path / "roster.json")
    first = roster.add([Person("zhang.wei")])
    again = roster.add([Person("zhang.wei", "张伟", language="zh"), Person("li.na")])
    assert list(again) == ["li.na"]  # only the new person gets a password
    person = roster.get("zhang.wei")
    assert verify_password(first["zhang.wei"], person.password_hash)
    assert (person.name, person.language) == ("张伟", "zh")


def test_a_new_password_replaces_the_old_one(tmp_path: Path) -> None:
    roster = Roster(tmp_path / "roster.json")
    old = roster.add([Person("zhang.wei")])["zhang.wei"]
    new = roster.new_password("zhang.wei")
    stored = roster.get("zhang.wei").password_hash
    assert verify_password(new, stored) and not verify_password(old, stored)
    with pytest.raises(RosterError, match="expected one of the class list"):
        roster.new_password("nobody")


def test_a_language_chosen_at_sign_in_is_remembered(tmp_path: Path) -> None:
    roster = Roster(tmp_path / "roster.json")
    roster.add([Person("zhang.wei")])
    roster.set_language("zhang.wei", "zh")
    assert roster.get("zhang.wei").language == "zh"
    with pytest.raises(RosterError, match="language: got 'fr'"):
        roster.set_language("zhang.wei", "fr")


def test_the_classroom_settings_default_and_a_trainer_file_over_them(tmp_path: Path) -> None:
    defaults = load()
    assert (defaults.hub_port, defaults.idle_timeout_minutes, defaults.language) == (8000, 60, "en")
    assert defaults.start_page == "notebooks/00_start_here.ipynb"
    own = write(tmp_path / "mine.toml", "[idle]\ntimeout_minutes = 20\n[hub]\nport = 9000\n")
    mine = load(own)
    assert (mine.hub_port, mine.idle_timeout_minutes, mine.hub_ip) == (9000, 20, defaults.hub_ip)
    assert mine.submissions_dir == mine.root / "grading" / "submissions"
    assert mine.learner_bundle.parts[-2:] == ("build", "learner-bundle")  # make release's


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[hub]\nport = 0\n", r"hub.port: got 0"),
        ("[hub]\nprot = 80\n", r"\[hub\] prot in .*: got 'prot'; expected one of"),
        ("[learners]\nworkbook = \"../root/x.json\"\n", r"learners.workbook: got '../root/x.json'"),
        ("[paths]\nroot = \"srv\"\n", r"paths.root: got 'srv'; expected an absolute folder"),
        ("[learners]\nlanguage = \"fr\"\n", r"learners.language: got 'fr'"),
        ("[idle]\ntimeout_minutes = 0\n", r"idle.timeout_minutes: got 0"),
        ("[hub\n", r"is not valid TOML"),
    ],
)
def test_bad_classroom_settings_name_the_setting(tmp_path: Path, text: str, expected: str) -> None:
    with pytest.raises(KamValueError, match=expected):
        load(write(tmp_path / "bad.toml", text))


def test_a_user_name_too_long_for_kernel_sockets_is_refused_before_anyone_is_added(
    tmp_path: Path,
) -> None:
    """Kernels are reached through Unix sockets in the learner's home (no TCP port that two
    learners' servers could both pick); a socket path has at most 107 characters."""
    assert len(str(hub.kernel_socket_path(Path("/home") / ("a" * 31)))) <= hub.SOCKET_PATH_MAX
    settings = dataclasses.replace(load(), root=tmp_path,
                                   home_base=Path("/srv/training-room/learner-homes"))
    class_list = tmp_path / "class.csv"
    long_name = "zhang.xiaoming.beijing-2026"
    class_list.write_text(f"username,name,role,language\nwang,Wang,learner,zh\n"
                          f"{long_name},Zhang,learner,zh\n", encoding="utf-8")
    with pytest.raises(KamValueError, match=f"'{long_name}'.*at most 107"):
        prepare.add_class_list(settings, class_list)
    assert not settings.roster_path.exists()  # nobody was added
