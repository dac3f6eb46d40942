"""The case company's data and a learner's own CRM export.

The course's case is 华信工业涂料 Huaxin Industrial Coatings (fictional). Its six tables ship
inside the package (``kamlib/data/``, read through :mod:`importlib.resources`, so they are
there after any ``pip install``). :func:`load` reads one of them (``TABLES``) with the
documented dtypes; :func:`data_dictionary` returns the data dictionary of
``kamlib/data/README.md``. :func:`read_crm_export` (from :mod:`kamlib.crm_export`) reads a
learner's own accounts (and transactions) exported from their CRM as CSV or Excel, renames
the columns to ours and checks every row, so the course's tools can run on the learner's own
key accounts (大客户).
"""

from __future__ import annotations

import functools
import os
import re
from importlib import resources
from pathlib import Path

import pandas as pd

from kamlib.crm_export import (
    ACCOUNT_COLUMNS,
    HEADER_SYNONYMS,
    TRANSACTION_COLUMNS,
    CRMExportError,
    read_crm_export,
)
from kamlib.i18n import N_, _, language_or_current
from kamlib.validation import KamValueError, check_choice, fail

__all__ = ["ACCOUNT_COLUMNS", "CATEGORIES", "CRMExportError", "DATA_DIR_VARIABLE",
           "HEADER_SYNONYMS", "SCHEMA", "TABLES", "TEXT_COLUMNS", "TEXT_PATTERNS",
           "TRANSACTION_COLUMNS", "category_values", "data_dictionary", "data_dir", "load",
           "read_crm_export", "shown_texts"]

#: Fixed category values; their order is the order of the categories in the loaded data.
CATEGORIES: dict[str, list[str]] = {
    "industry": ["automotive parts", "electronics", "furniture", "construction machinery",
                 "packaging", "shipbuilding", "home appliances", "rail equipment", "wind energy"],
    "region": ["East China", "South China", "North China", "Central China", "West China"],
    # The function and level names are shown to learners: N_() marks them for the catalog.
    "our_function": [N_("key account management"), N_("sales support"), N_("finance"),
                     N_("technical service"), N_("quality"), N_("logistics"), N_("R&D"),
                     N_("management")],
    "their_function": [N_("purchasing"), N_("finance"), N_("production"), N_("quality"),
                       N_("R&D"), N_("logistics"), N_("management")],
    "level": [N_("executive"), N_("manager"), N_("staff")],
    # A visit's status is shown in the visit logs, translated like the function names.
    "status": [N_("planned"), N_("done"), N_("cancelled")],
}

#: Column types of every table: str, category (values in ``CATEGORIES``), float, int, bool,
#: boolean (nullable) or datetime. The CSV columns come in this order.
SCHEMA: dict[str, dict[str, str]] = {
    "accounts": {
        "account_id": "str", "name": "str", "name_zh": "str", "industry": "category",
        "region": "category", "city": "str", "capacity_cny": "float", "influence": "int",
        "vip": "bool", "kam": "str", "first_order_date": "datetime",
    },
    "transactions": {
        "order_id": "str", "date": "datetime", "account_id": "str", "line_id": "str",
        "quantity": "float", "revenue_cny": "float", "margin_cny": "float",
    },
    "product_lines": {
        "line_id": "str", "name": "str", "name_zh": "str", "market_growth_pct": "float",
        "own_share_pct": "float", "largest_rival_share_pct": "float", "revenue_cny": "float",
    },
    "contacts": {
        "contact_id": "str", "account_id": "str", "our_person": "str",
        "our_function": "category", "our_level": "category", "their_person_id": "str",
        "their_function": "category", "their_level": "category", "since": "datetime",
        "joint_team": "bool",
    },
    "visits": {
        "visit_id": "str", "account_id": "str", "kam": "str", "date": "datetime",
        "status": "category", "objective": "str", "outcome": "str", "next_step": "str",
        "objective_met": "boolean",
    },
    "people": {
        "person_id": "str", "account_id": "str", "name": "str", "title": "str",
        "function": "category", "level": "category", "family": "str", "hobbies": "str",
        "social_style": "str", "habits": "str", "colleagues": "str", "friends": "str",
        "suppliers": "str", "responsibilities": "str", "performance": "str",
        "objectives": "str", "working_style": "str", "potential": "str",
    },
}

#: The columns of each table that hold prose a learner reads (titles, cities, visit notes,
#: the customer file's facts). They stay English in the loaded data, because code reads
#: them (roles guessed from titles, cue words in visit outcomes); :func:`shown_texts`
#: translates them where they are shown. ``tools/translate.py`` puts every distinct value of
#: the shipped CSVs in the catalog, except the columns of :data:`TEXT_PATTERNS`.
TEXT_COLUMNS: dict[str, tuple[str, ...]] = {
    "accounts": ("region", "city"),
    "visits": ("objective", "outcome", "next_step"),
    "people": ("title", "family", "hobbies", "social_style", "habits", "colleagues",
               "friends", "suppliers", "responsibilities", "performance", "objectives",
               "working_style", "potential"),
}
#: Text columns whose values follow one English phrasing around a person's name: the
#: phrasing is translated and the name (a proper name, in pinyin) kept.
TEXT_PATTERNS: dict[str, str] = {"colleagues": N_("Works closely with {name}")}

#: The names :func:`load` accepts.
TABLES: tuple[str, ...] = tuple(SCHEMA)

# Which CATEGORIES list a category column draws its values from (default: its own name).
_CATEGORY_SOURCE = {"our_level": "level", "their_level": "level", "function": "their_function"}
#: The environment variable naming a folder whose six CSVs replace the shipped ones (an
#: instructor's own data set, e.g. generated with another seed).
DATA_DIR_VARIABLE = "KAMLIB_DATA_DIR"


def category_values(column: str) -> list[str]:
    """The allowed values of a category column of the case tables.

    Parameters
    ----------
    column : str
        A category column of :data:`SCHEMA`, e.g. ``"their_level"`` or ``"industry"``.

    Returns
    -------
    list of str
        Its values, in the order of the loaded categories.

    Raises
    ------
    KamValueError
        If ``column`` is not a category column.

    Examples
    --------
    >>> category_values("their_level")
    ['executive', 'manager', 'staff']
    """
    columns = dict.fromkeys(c for schema in SCHEMA.values() for c, kind in schema.items()
                            if kind == "category")
    check_choice("column", column, columns)
    return list(CATEGORIES[_CATEGORY_SOURCE.get(column, column)])


def data_dir() -> Path:
    """The folder the case CSVs are read from.

    Returns
    -------
    pathlib.Path
        The folder named by ``KAMLIB_DATA_DIR`` if it is set, else the package's own
        ``kamlib/data`` (in site-packages after ``pip install``, in the course folder for
        an editable install).

    Examples
    --------
    >>> (data_dir() / "accounts.csv").is_file()
    True
    """
    override = os.environ.get(DATA_DIR_VARIABLE)
    if override:
        return Path(override).expanduser().resolve()
    return Path(str(resources.files("kamlib").joinpath("data")))


_READ_DTYPES = {"str": "str", "category": "str", "float": "float64", "int": "int64",
                "bool": "bool", "boolean": "boolean"}


@functools.lru_cache(maxsize=32)
def _read_table(path: str, modified_ns: int, name: str) -> pd.DataFrame:
    """Read and type one table; cached on path and modification time."""
    schema = SCHEMA[name]
    dates = [c for c, kind in schema.items() if kind == "datetime"]
    dtypes = {c: _READ_DTYPES[kind] for c, kind in schema.items() if kind != "datetime"}
    frame = pd.read_csv(path, dtype=dtypes, parse_dates=dates, encoding="utf-8")
    if list(frame.columns) != list(schema):
        raise KamValueError(
            f"{path}: got columns {list(frame.columns)}; expected {list(schema)}."
        )
    for column in dates:
        frame[column] = frame[column].astype("datetime64[ns]")
    for column in [c for c, kind in schema.items() if kind == "category"]:
        allowed = category_values(column)
        unknown = sorted(set(frame[column].dropna()) - set(allowed))
        if unknown:
            raise fail(f"{name}.{column}", unknown, "one of " + ", ".join(map(repr, allowed)))
        frame[column] = frame[column].astype(pd.CategoricalDtype(allowed))
    return frame


def load(name: str) -> pd.DataFrame:
    """A fresh copy of one table of the case company's data, typed as documented.

    Parameters
    ----------
    name : str
        One of :data:`TABLES`: ``"accounts"``, ``"transactions"``, ``"product_lines"``,
        ``"contacts"``, ``"visits"`` or ``"people"``.

    Returns
    -------
    pandas.DataFrame
        The columns of ``SCHEMA[name]`` in that order, with their dtypes (str, categorical,
        float64, int64, bool, boolean or datetime64[ns]).

    Raises
    ------
    KamValueError
        If ``name`` is not a table, or the data folder lacks its file, or the file holds
        other columns or category values.

    Examples
    --------
    >>> load("accounts")["account_id"].head(2).tolist()
    ['AC001', 'AC002']
    """
    check_choice("name", name, TABLES)
    path = data_dir() / f"{name}.csv"
    if not path.is_file():
        raise fail(DATA_DIR_VARIABLE, str(path.parent),
            _("a folder that holds {name}.csv").format(name=name))
    return _read_table(str(path), path.stat().st_mtime_ns, name).copy()


def data_dictionary() -> pd.DataFrame:
    """The data dictionary of ``kamlib/data/README.md``: one row per (table, column).

    Returns
    -------
    pandas.DataFrame
        Columns ``table``, ``column``, ``type``, ``unit``, ``meaning``, ``allowed``.

    Examples
    --------
    >>> data_dictionary().query("table == 'accounts'")["column"].iloc[0]
    'account_id'
    """
    text = resources.files("kamlib").joinpath("data", "README.md").read_text(encoding="utf-8")
    rows = []
    table = None
    for line in text.splitlines():
        heading = re.match(r"^###\s+`(\w+)`", line)
        if heading:
            table = heading.group(1) if heading.group(1) in SCHEMA else None
            continue
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if table is None or not line.startswith("|") or len(cells) != 5:
            continue
        if cells[0] == "column" or set(cells[0]) <= set("-: "):
            continue
        rows.append([table, cells[0].strip("`"), *cells[1:]])
    return pd.DataFrame(rows, columns=["table", "column", "type", "unit", "meaning", "allowed"])


def _shown_text(value: object, column: str, language: str) -> object:
    """One value of a text column as shown in ``language`` (unknown values unchanged)."""
    if not isinstance(value, str) or language == "en":
        return value
    translated = _(value, language)
    pattern = TEXT_PATTERNS.get(column)
    if translated == value and pattern is not None:
        english = re.escape(pattern).replace(re.escape("{name}"), "(?P<name>.+)")
        match = re.fullmatch(english, value)
        if match:
            return _(pattern, language).format(name=match.group("name"))
    return translated


def shown_texts(data: pd.DataFrame | pd.Series, table: str, *,
                language: str | None = None) -> pd.DataFrame | pd.Series:
    """A copy of ``data`` with its prose (:data:`TEXT_COLUMNS`) in the language shown.

    The loaded tables keep their English, which code reads; call this where the values are
    shown. Each distinct value is translated once through the catalog; a value the catalog
    lacks (an instructor's own data, :data:`DATA_DIR_VARIABLE`) stays as it is, and so do
    missing values and every other column.

    Parameters
    ----------
    data : pandas.DataFrame or pandas.Series
        Rows of ``table`` (any subset of its columns); or one of its text columns, a Series
        named after the column; or one row, a Series indexed by column names.
    table : str
        The table the data comes from: one of :data:`TABLES`.
    language : str, optional
        ``"en"`` or ``"zh"``; default: the current language (:func:`kamlib.get_language`).

    Returns
    -------
    pandas.DataFrame or pandas.Series
        A copy, the text columns translated (a categorical column stays categorical).

    Raises
    ------
    KamValueError
        If ``data`` is no DataFrame or Series, ``table`` no table or ``language`` unknown.

    Examples
    --------
    >>> people = load("people").set_index("person_id")
    >>> shown_texts(people.loc[["P0001"], ["name", "title"]], "people", language="zh")
                      name   title
    person_id
    P0001      Zheng Yiran  采购经理
    >>> shown_texts(load("accounts")["region"].head(2), "accounts", language="zh").tolist()
    ['华东', '华中']
    >>> shown_texts(people.loc["P0001"], "people", language="zh")["hobbies"]
    '书法'
    """
    check_choice("table", table, TABLES)
    chosen = language_or_current(language)
    columns = TEXT_COLUMNS.get(table, ())
    if isinstance(data, pd.Series) and data.name in columns:
        return _translated_column(data, str(data.name), chosen)
    if isinstance(data, pd.Series):  # one row, indexed by column names
        shown = data.copy()
        for column in [c for c in columns if c in shown.index]:
            shown[column] = _shown_text(shown[column], column, chosen)
        return shown
    if not isinstance(data, pd.DataFrame):
        raise fail("data", data, _("a table (pandas DataFrame) or a column (pandas Series)"))
    repeated = sorted(set(data.columns[data.columns.duplicated()].map(str)))
    if repeated:
        raise fail("data", repeated, _("a table whose columns have distinct names"))
    shown = data.copy()
    for column in columns:
        if column in shown.columns:
            shown[column] = _translated_column(shown[column], column, chosen)
    return shown


def _translated_column(values: pd.Series, column: str, language: str) -> pd.Series:
    """``values`` with each distinct text translated once; anything that is not text (a
    number, a list, a missing value) stays as it is."""
    if language == "en":
        return values.copy()
    if isinstance(values.dtype, pd.CategoricalDtype):
        return values.cat.rename_categories(
            {c: _shown_text(c, column, language) for c in values.cat.categories})
    if not (pd.api.types.is_object_dtype(values) or pd.api.types.is_string_dtype(values)):
        return values.copy()
    is_text = values.astype(object).str.strip().notna().to_numpy()  # lists and numbers: NaN
    texts = values[is_text]
    mapping = {value: _shown_text(value, column, language) for value in pd.unique(texts)}
    shown = values.astype(object).copy()
    shown[is_text] = texts.map(mapping)
    return shown.astype(values.dtype) if pd.api.types.is_string_dtype(values) else shown
