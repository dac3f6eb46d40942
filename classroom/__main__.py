"""The trainer's commands: ``python -m classroom COMMAND`` (as root, from the course folder).

``start``     get the machine ready and run the hub (``make classroom``)
``prepare``   only get the machine ready (learners' Python, bundle, users, settings)
``add``       add the people of a class list; print their one-time passwords
``password``  give someone a new password (the old one stops working)
``collect``   copy every learner's workbook and exercises into the grading folder
``push``      give everyone an updated exercise without touching their work
``remove``    delete learners' accounts and home folders (end of a course)

Exit codes: 0 done, 1 some learners could not be served (listed), 2 bad input.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import sys
from pathlib import Path

from classroom import config, exchange, prepare
from classroom.hub import HERE
from classroom.roster import Roster, RosterError
from classroom.users import UserError, remove_user
from kamlib.validation import KamValueError


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m classroom",
                                     description="Run the KAM course for a class on one machine.")
    parser.add_argument("--config", type=Path, default=None,
                        help="the trainer's classroom settings (default: $KAM_CLASSROOM_CONFIG "
                        "or classroom/classroom.toml)")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, text in (("start", "get ready and run the hub"), ("prepare", "only get ready")):
        command = commands.add_parser(name, help=text)
        command.add_argument("--class-list", type=Path, default=None,
                             help="CSV: username, name, role (learner/trainer), language (en/zh)")
    add = commands.add_parser("add", help="add the people of a class list, print passwords")
    add.add_argument("class_list", type=Path)
    password = commands.add_parser("password", help="give someone a new password")
    password.add_argument("username")
    collect = commands.add_parser("collect", help="collect workbooks and exercises for grading")
    collect.add_argument("--to", type=Path, default=None,
                         help="submissions folder (default: <root>/grading/submissions)")
    push = commands.add_parser("push", help="give everyone updated exercises, keeping their work")
    push.add_argument("files", nargs="*", type=Path,
                      help="notebooks to hand out (default: the whole bundle, after make release)")
    push.add_argument("--folder", default="exercises",
                      help="folder of the home where the files go (default: %(default)s)")
    remove = commands.add_parser("remove", help="delete accounts and home folders of the class")
    remove.add_argument("usernames", nargs="*", help="default: everyone of the roster")
    return parser


def _print_passwords(roster: Roster, passwords: dict[str, str]) -> None:
    if not passwords:
        return
    people = roster.people()
    print("\nOne-time passwords (shown only now; print or copy them for the class):")
    print(f"{'username':<20} {'name':<20} password")
    for username, password in sorted(passwords.items()):
        print(f"{username:<20} {people[username].name:<20} {password}")
    print()


def _start(settings: config.ClassroomSettings, config_file: Path | None) -> int:
    env = dict(os.environ)
    if config_file is not None:
        env[config.CONFIG_VARIABLE] = str(config_file.resolve())
    jupyterhub = shutil.which("jupyterhub", path=str(Path(sys.executable).parent))
    os.chdir(settings.hub_dir)
    where = "this machine" if settings.hub_ip == "127.0.0.1" else "the room's network"
    print(f"Starting the hub on {where}: http://<this machine>:{settings.hub_port}/  "
          "(Ctrl+C stops it; learners' work is saved)")
    # Started as a background job (nohup, `&`), SIGINT would be ignored by the hub's services
    # too, and stopping the hub would wait for each: let them stop as on Ctrl+C.
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    os.execve(jupyterhub, [jupyterhub, "-f", str(HERE / "jupyterhub_config.py")], env)
    return 0  # not reached


def run(args: argparse.Namespace) -> int:
    """Carry out one parsed command; return the exit code."""
    settings = config.load(args.config)
    roster = Roster(settings.roster_path)
    if args.command in ("start", "prepare"):
        _print_passwords(roster, prepare.prepare(settings, args.class_list))
        print(f"Ready: {len(roster.people())} people; the learner bundle is in "
              f"{settings.bundle_dir}.")
        return _start(settings, args.config) if args.command == "start" else 0
    prepare.require_root()
    if args.command == "add":
        _print_passwords(roster, prepare.add_class_list(settings, args.class_list))
        return 0
    if args.command == "password":
        _print_passwords(roster, {args.username: roster.new_password(args.username)})
        return 0
    if args.command == "collect":
        results = exchange.collect(settings, args.to)
        for result in results:
            print(result.summary())
        print(f"Collected into {args.to or settings.submissions_dir}.")
        return 1 if any(r.problem and r.problem != "has not signed in yet" for r in results) else 0
    if args.command == "push":
        for delivery in exchange.push(settings, args.files, args.folder):
            print(delivery.summary())
        return 0
    names = args.usernames or [p.username for p in roster.learners()]
    for name in names:
        remove_user(name)
        roster.remove(name)
        exchange.forget(settings, name)
        print(f"removed {name}")
    return 0


def main(argv: list[str] | None = None) -> int:
    """The command line; returns the exit code."""
    args = _parser().parse_args(argv)
    try:
        return run(args)
    except (KamValueError, RosterError, UserError, PermissionError,
            FileNotFoundError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
