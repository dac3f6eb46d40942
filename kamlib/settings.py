"""The instructor's course settings: one home for everything an instructor may change.

The course's "today", the cut points that turn money into 0–4 scores, the XY grid's class
rules, the days between visits, the chances of winning business and the plausible-change
limit of SMART goals are read from here by every function, widget, notebook, exercise and
the grader. They come from a TOML file:

1. the file named by the environment variable ``KAMLIB_SETTINGS``, if set (a classroom
   points every learner at the trainer's file this way);
2. else ``course_settings.toml`` in the user's configuration folder
   (:func:`user_settings_path`), if it exists;
3. else the course's defaults, :data:`DEFAULTS_FILE` (shipped with kamlib; copy it to start
   your own: ``python -m kamlib.settings init``).

A file need only hold the settings it changes; the others keep their defaults. The file is
read again whenever it changes, so a rule changed in the XYGrid's instructor panel applies
to every widget at once. ``python -m kamlib.settings`` shows the file in use and its values.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import sys
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

import pandas as pd

from kamlib.i18n import _
from kamlib.validation import KamValueError, check_bool, check_date, check_number, fail

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

#: The environment variable naming the instructor's settings file.
SETTINGS_VARIABLE = "KAMLIB_SETTINGS"
#: The course's default settings, with a comment on each.
DEFAULTS_FILE = Path(__file__).resolve().with_name("course_settings.toml")
#: Account classes that have a visit rhythm (the XY grid's classes and VIP).
VISIT_CLASSES = ("A", "B", "C", "VIP")
#: Relationship stages at which an account trades with us (the stage keys of kamlib.stages).
TRADING_STAGES = ("early", "mid", "partnership", "synergistic", "uncoupling")
PROSPECT_KINDS = ("known", "cold")
#: What the cost-to-serve model counts: visits done, orders, product lines bought.
COST_DRIVERS = ("visit", "order", "product_line")
MAX_SCORE = 4


def _frozen(mapping: Mapping[str, Any]) -> Mapping[str, Any]:
    return MappingProxyType(dict(mapping))


@dataclass(frozen=True)
class CourseSettings:
    """What an instructor may change, checked; build one with :func:`current` or :func:`load`.

    Attributes
    ----------
    today : pandas.Timestamp
        The course's "today": every "last 12 months", "overdue" and "this year" is counted
        from here. The case data ends on 2025-12-31.
    score_cuts_cny : tuple of 4 floats
        Amounts (CNY) at which the 0–4 score steps up: score = number of cuts <= amount.
    a_min_x, a_min_y, c_max_y : int
        The XY grid's class rules: A needs X >= a_min_x and Y >= a_min_y; C is Y <= c_max_y.
    vip_overrides : bool
        Whether the VIP flag replaces the grid class.
    visit_days : mapping
        Days between visits for each of "A", "B", "C" and "VIP".
    due_soon_days : int
        A visit falling due within this many days counts as "due this month".
    win_probability_by_stage : mapping
        Chance (0–1) of winning an account's business still with rivals, by stage key.
    prospect_win_probability : mapping
        Chance (0–1) of winning a prospect where we "known" someone, or it is "cold".
    plausible_change_pct : float
        SMART "Achievable": the largest change in a year (per cent of the baseline) that
        the coach accepts as plausible.
    cost_to_serve_cny : mapping
        The cost-to-serve model's rates (CNY): per "visit" done, per "order", and per
        "product_line" bought in a year (technical service for each line).
    source : str
        The file the settings were read from ("defaults" for the shipped defaults).

    Raises
    ------
    KamValueError
        If a setting is out of its range (built by :func:`load` or :meth:`replace`).

    Examples
    --------
    >>> settings = current()
    >>> settings.today >= pd.Timestamp("2025-01-01"), len(settings.score_cuts_cny)
    (True, 4)
    """

    today: pd.Timestamp
    score_cuts_cny: tuple[float, float, float, float]
    a_min_x: int
    a_min_y: int
    c_max_y: int
    vip_overrides: bool
    visit_days: Mapping[str, int]
    due_soon_days: int
    win_probability_by_stage: Mapping[str, float]
    prospect_win_probability: Mapping[str, float]
    plausible_change_pct: float
    cost_to_serve_cny: Mapping[str, float]
    source: str = "defaults"

    @property
    def case_year(self) -> int:
        """The last full calendar year up to :attr:`today`: "this year" in the lessons.

        Examples
        --------
        >>> current().replace(today=pd.Timestamp("2025-12-31")).case_year
        2025
        >>> current().replace(today=pd.Timestamp("2025-12-30")).case_year
        2024
        """
        return (self.today + pd.Timedelta(days=1)).year - 1

    def replace(self, **changes: Any) -> CourseSettings:
        """Return a copy with ``changes`` (field names as above), checked like a file.

        Parameters
        ----------
        **changes
            Settings by field name, e.g. ``due_soon_days=14``.

        Returns
        -------
        CourseSettings
            The changed copy; this one is unchanged.

        Raises
        ------
        KamValueError
            If a name is no setting or a value is out of its range.

        Examples
        --------
        >>> current().replace(due_soon_days=14).due_soon_days
        14
        """
        unknown = sorted(set(changes) - set(_FIELDS))
        if unknown:
            raise fail("setting", unknown[0], "one of " + ", ".join(_FIELDS))
        values = {name: getattr(self, name) for name in _FIELDS}
        values.update(changes)
        return _checked(values, self.source)

    def to_toml_data(self) -> dict[str, Any]:
        """The settings as the nested tables of the TOML file.

        Returns
        -------
        dict
            Table name → its settings, as :func:`save` writes them.

        Examples
        --------
        >>> sorted(current().to_toml_data())[:3]
        ['classes', 'cost_to_serve', 'course']
        """
        return {
            "course": {"today": self.today.date()},
            "scores": {"cuts_cny": list(self.score_cuts_cny)},
            "classes": {
                "a_min_x": self.a_min_x,
                "a_min_y": self.a_min_y,
                "c_max_y": self.c_max_y,
                "vip_overrides": self.vip_overrides,
            },
            "visits": {"every_days": dict(self.visit_days), "due_soon_days": self.due_soon_days},
            "win_probability": {
                "by_stage": dict(self.win_probability_by_stage),
                "prospect": dict(self.prospect_win_probability),
            },
            "goals": {"plausible_change_pct": self.plausible_change_pct},
            "cost_to_serve": {"rates_cny": dict(self.cost_to_serve_cny)},
        }


#: TOML place (table, key) of every field.
_PLACES: dict[str, tuple[str, str]] = {
    "today": ("course", "today"),
    "score_cuts_cny": ("scores", "cuts_cny"),
    "a_min_x": ("classes", "a_min_x"),
    "a_min_y": ("classes", "a_min_y"),
    "c_max_y": ("classes", "c_max_y"),
    "vip_overrides": ("classes", "vip_overrides"),
    "visit_days": ("visits", "every_days"),
    "due_soon_days": ("visits", "due_soon_days"),
    "win_probability_by_stage": ("win_probability", "by_stage"),
    "prospect_win_probability": ("win_probability", "prospect"),
    "plausible_change_pct": ("goals", "plausible_change_pct"),
    "cost_to_serve_cny": ("cost_to_serve", "rates_cny"),
}
_FIELDS = tuple(_PLACES)


def _today(field: str, value: Any) -> pd.Timestamp:
    """A calendar day: a TOML date, or a Timestamp at midnight without a time zone."""
    if isinstance(value, pd.Timestamp) and value.tzinfo is None and value == value.normalize():
        return value
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise fail(field, value, _("a date written as 2025-12-31 (no quotes, no time)"))
    return pd.Timestamp(value)


def _cuts(field: str, value: Any) -> tuple[float, float, float, float]:
    if not isinstance(value, (list, tuple)) or len(value) != MAX_SCORE:
        raise fail(field, value,
            _("a list of 4 increasing amounts, e.g. [1, 500000, 3000000, 1e7]"))
    cuts = tuple(
        float(check_number(f"{field}[{i}]", cut, minimum=0, maximum=1e15))
        for i, cut in enumerate(value)
    )
    if any(low >= high for low, high in zip(cuts, cuts[1:], strict=False)):
        raise fail(field, list(value), _("4 amounts, each larger than the one before"))
    return cuts  # type: ignore[return-value]


def _table(field: str, value: Any, keys: tuple[str, ...], check: Any) -> Mapping[str, Any]:
    if not isinstance(value, Mapping) or set(value) != set(keys):
        raise fail(field, value, "a table with exactly the keys " + ", ".join(keys))
    return _frozen({key: check(f"{field}.{key}", value[key]) for key in keys})


def _days(field: str, value: Any) -> int:
    return check_number(field, value, minimum=1, maximum=3650, integer=True)


def _probability(field: str, value: Any) -> float:
    return float(check_number(field, value, minimum=0, maximum=1))


def _rate(field: str, value: Any) -> float:
    return float(check_number(field, value, minimum=0, maximum=1e9))


def _checked(values: Mapping[str, Any], source: str) -> CourseSettings:
    """Build :class:`CourseSettings` from raw ``values``; errors name the file and the key."""

    def where(name: str) -> str:
        table, key = _PLACES[name]
        return f"{source}: [{table}] {key}" if source != "defaults" else f"{table}.{key}"

    score = {name: check_number(where(name), values[name], minimum=0, maximum=MAX_SCORE,
                                integer=True) for name in ("a_min_x", "a_min_y", "c_max_y")}
    if score["c_max_y"] >= score["a_min_y"]:
        raise fail(where("c_max_y"), score["c_max_y"],
                   _("a score below a_min_y ({value}) so that no cell is both A and C")
                       .format(value=score['a_min_y']))
    return CourseSettings(
        today=_today(where("today"), values["today"]),
        score_cuts_cny=_cuts(where("score_cuts_cny"), values["score_cuts_cny"]),
        vip_overrides=check_bool(where("vip_overrides"), values["vip_overrides"]),
        visit_days=_table(where("visit_days"), values["visit_days"], VISIT_CLASSES, _days),
        due_soon_days=_days(where("due_soon_days"), values["due_soon_days"]),
        win_probability_by_stage=_table(where("win_probability_by_stage"),
                                        values["win_probability_by_stage"], TRADING_STAGES,
                                        _probability),
        prospect_win_probability=_table(where("prospect_win_probability"),
                                        values["prospect_win_probability"], PROSPECT_KINDS,
                                        _probability),
        plausible_change_pct=float(check_number(where("plausible_change_pct"),
                                                values["plausible_change_pct"], minimum=1,
                                                maximum=1000)),
        cost_to_serve_cny=_table(where("cost_to_serve_cny"), values["cost_to_serve_cny"],
                                 COST_DRIVERS, _rate),
        source=source,
        **score,
    )


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as stream:
            return tomllib.load(stream)
    except OSError as error:
        raise fail("settings file", str(path),
            _("a readable file ({strerror})").format(strerror=error.strerror)) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise fail("settings file", str(path),
            _("valid TOML ({error})").format(error=error)) from None


def _flatten(data: Mapping[str, Any], source: str) -> dict[str, Any]:
    """The file's nested tables as field values; unknown tables or keys are errors."""
    known: dict[str, set[str]] = {}
    for table, key in _PLACES.values():
        known.setdefault(table, set()).add(key)
    flat: dict[str, Any] = {}
    for table, content in data.items():
        if table not in known or not isinstance(content, Mapping):
            raise fail(f"{source}: table", table, "one of " + ", ".join(f"[{t}]" for t in known))
        for key, value in content.items():
            if key not in known[table]:
                allowed = "one of " + ", ".join(sorted(known[table]))
                raise fail(f"{source}: [{table}] key", key, allowed)
            name = next(n for n, place in _PLACES.items() if place == (table, key))
            flat[name] = value
    return flat


def load(path: str | os.PathLike[str] | None = None) -> CourseSettings:
    """Read settings: the course defaults overlaid with the file at ``path`` (if given).

    Parameters
    ----------
    path : path-like, optional
        A TOML file holding some or all of the settings; ``None`` gives the defaults.

    Returns
    -------
    CourseSettings

    Raises
    ------
    KamValueError
        The file is missing, not TOML, or holds an unknown key or a bad value; the message
        names the file, the key and what is allowed.

    Examples
    --------
    >>> load().visit_days["A"]
    30
    """
    values = _flatten(_read_toml(DEFAULTS_FILE), "defaults")
    source = "defaults"
    if path is not None:
        if not isinstance(path, (str, os.PathLike)) or not str(path).strip():
            raise fail("path", path, _("the path of a .toml file"))
        file = Path(path).expanduser()
        try:
            found = file.is_file()
        except OSError:  # e.g. a name too long for the file system
            found = False
        if not found:
            field = "path" if path != settings_path() else SETTINGS_VARIABLE
            raise fail(field, str(file), _("an existing settings file (.toml)"))
        source = str(file)
        values.update(_flatten(_read_toml(file), source))
    return _checked(values, source)


def resolve_as_of(as_of: Any, *, field: str = "as_of") -> pd.Timestamp:
    """The day a result is computed for: ``as_of`` if given, else the course's today.

    Parameters
    ----------
    as_of : date-like or None
        A date ("2025-06-30", a Timestamp, a datetime.date), or ``None`` for
        ``current().today``.
    field : str
        The name of the argument, for the error message.

    Returns
    -------
    pandas.Timestamp
        The day, at midnight.

    Raises
    ------
    KamValueError
        If ``as_of`` is no date.

    Examples
    --------
    >>> resolve_as_of("2025-06-30")
    Timestamp('2025-06-30 00:00:00')
    """
    if as_of is None:
        return current().today
    return check_date(field, as_of)


def user_settings_path() -> Path:
    """``course_settings.toml`` in this user's configuration folder (it may not exist).

    Returns
    -------
    Path
        Where :func:`save` writes when no other file is in use.

    Examples
    --------
    >>> user_settings_path().name
    'course_settings.toml'
    """
    import platformdirs

    return platformdirs.user_config_path("kamlib") / "course_settings.toml"


def settings_path() -> Path | None:
    """The instructor's settings file in use: ``KAMLIB_SETTINGS``, else the user's file if it
    exists, else ``None`` (the course defaults).

    Returns
    -------
    Path or None
        The file :func:`current` reads.

    Examples
    --------
    >>> import os
    >>> os.environ["KAMLIB_SETTINGS"] = "my_course.toml"
    >>> settings_path().name
    'my_course.toml'
    >>> del os.environ["KAMLIB_SETTINGS"]
    """
    named = os.environ.get(SETTINGS_VARIABLE, "").strip()
    if named:
        return Path(named).expanduser()
    user = user_settings_path()
    return user if user.is_file() else None


_cache: dict[str, Any] = {}


def current() -> CourseSettings:
    """The settings every part of the course uses now (read again when the file changes).

    Returns
    -------
    CourseSettings
        From :func:`settings_path`, else the course defaults.

    Raises
    ------
    KamValueError
        If the settings file cannot be read or holds a wrong value.

    Examples
    --------
    >>> current().today.year >= 2025
    True
    """
    path = settings_path()
    try:
        stamp = None if path is None else (path, path.stat().st_mtime_ns, path.stat().st_size)
    except OSError:
        stamp = (path, None, None)  # load() names the missing file
    if _cache.get("stamp") != stamp or "settings" not in _cache:
        _cache["settings"] = load(path)
        _cache["stamp"] = stamp
    return _cache["settings"]


def save(settings: CourseSettings, *, path: str | os.PathLike[str] | None = None) -> Path:
    """Write ``settings`` to ``path`` (default: the file in use, else the user's file).

    The file is replaced atomically; every widget and function sees the change on its next
    read.

    Parameters
    ----------
    settings : CourseSettings
        The settings to write.
    path : str or path, optional
        The TOML file (default: the file in use, else the user's file).

    Returns
    -------
    Path
        The file written.

    Raises
    ------
    KamValueError
        If ``settings`` is no CourseSettings.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> path = Path(tempfile.mkdtemp()) / "course.toml"
    >>> load(save(current().replace(due_soon_days=10), path=path)).due_soon_days
    10
    """
    if not isinstance(settings, CourseSettings):
        raise fail("settings", settings, _("a kamlib.settings.CourseSettings"))
    import tomli_w

    if path is not None:
        target = Path(path).expanduser()
    else:
        target = settings_path() or user_settings_path()
    if target.suffix.lower() != ".toml":
        raise fail("path", str(target), _("the path of a .toml file"))
    text = "# kamlib course settings (see python -m kamlib.settings)\n" + tomli_w.dumps(
        settings.to_toml_data()
    )
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(prefix=".settings-", suffix=".toml", dir=target.parent)
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        if target.exists():  # keep who may read it (a classroom's learners read the trainer's)
            os.chmod(temp, target.stat().st_mode & 0o777)
        os.replace(temp, target.resolve() if target.is_symlink() else target)
    except OSError as error:
        raise KamValueError(
            f"settings file: could not write {str(target)!r} ({error.strerror}); expected a "
            "folder you may write to, or set KAMLIB_SETTINGS to another file."
        ) from None
    _cache.clear()
    return target


def update(**changes: Any) -> CourseSettings:
    """Change some settings in the file in use (or the user's file) and return the result.

    Parameters
    ----------
    **changes
        Settings by field name, e.g. ``visit_days={"A": 21, "B": 60, "C": 120, "VIP": 45}``.

    Returns
    -------
    CourseSettings
        The settings now in use.

    Raises
    ------
    KamValueError
        If a name is no setting or a value is out of its range (nothing is written then).

    Examples
    --------
    >>> import os, tempfile
    >>> path = os.path.join(tempfile.mkdtemp(), "course.toml")
    >>> _ = save(current(), path=path)
    >>> os.environ["KAMLIB_SETTINGS"] = path
    >>> update(due_soon_days=10).due_soon_days
    10
    >>> del os.environ["KAMLIB_SETTINGS"]
    """
    changed = current().replace(**changes)
    save(changed)
    return current()


def describe(settings: CourseSettings | None = None) -> str:
    """The settings in words, one line each, and where they came from.

    Parameters
    ----------
    settings : CourseSettings, optional
        Default: :func:`current`.

    Returns
    -------
    str
        "Settings from: …", then one "name: value" line per setting.

    Raises
    ------
    KamValueError
        If ``settings`` is no CourseSettings.

    Examples
    --------
    >>> describe(current()).splitlines()[0].startswith("Settings from: ")
    True
    """
    settings = current() if settings is None else settings
    if not isinstance(settings, CourseSettings):
        raise fail("settings", settings, _("a kamlib.settings.CourseSettings or None"))
    lines = [f"Settings from: {settings.source}"]
    for field in dataclasses.fields(CourseSettings):
        if field.name == "source":
            continue
        value = getattr(settings, field.name)
        if isinstance(value, Mapping):
            value = dict(value)
        elif isinstance(value, pd.Timestamp):
            value = value.date().isoformat()
        lines.append(f"  {field.name}: {value}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """``python -m kamlib.settings [init]``: show the settings, or start your own file.

    Parameters
    ----------
    argv : list of str, optional
        The command's arguments (default: the command line's).

    Returns
    -------
    int
        The exit status: 0 done, 1 the file exists already, 2 a usage or settings error.

    Examples
    --------
    >>> main(["show", "more"])
    2
    """
    args = sys.argv[1:] if argv is None else argv
    try:
        if args[:1] == ["init"]:
            target = settings_path() or user_settings_path()
            if target.exists():
                print(f"{target} exists already; edit it, or delete it to start again.")
                return 1
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(DEFAULTS_FILE.read_text(encoding="utf-8"), encoding="utf-8")
            print(f"wrote {target}: edit it, then re-run the notebooks.")
            return 0
        if args:
            print("usage: python -m kamlib.settings [init]", file=sys.stderr)
            return 2
        print(describe())
        return 0
    except KamValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
