"""The case company's data and a learner's own CRM export.

The course's case is 华信工业涂料 Huaxin Industrial Coatings (fictional). :func:`load` reads
one of its tables (``TABLES``) with the documented dtypes; :func:`data_dictionary` returns the
data dictionary of ``datasets/README.md``. :func:`read_crm_export` reads a learner's own
accounts (and transactions) exported from their CRM as CSV or Excel, renames the columns to
ours and checks every row, so the course's tools can run on the learner's own key accounts
(大客户).
"""

from __future__ import annotations

import functools
import io
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from kamlib.validation import KamValueError, check_choice, fail

#: Fixed category values; their order is the order of the categories in the loaded data.
CATEGORIES: dict[str, list[str]] = {
    "industry": ["automotive parts", "electronics", "furniture", "construction machinery",
                 "packaging", "shipbuilding", "home appliances", "rail equipment", "wind energy"],
    "region": ["East China", "South China", "North China", "Central China", "West China"],
    "our_function": ["key account management", "sales support", "finance", "technical service",
                     "quality", "logistics", "R&D", "management"],
    "their_function": ["purchasing", "finance", "production", "quality", "R&D", "logistics",
                       "management"],
    "level": ["executive", "manager", "staff"],
    "status": ["planned", "done", "cancelled"],
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

#: The names :func:`load` accepts.
TABLES: tuple[str, ...] = tuple(SCHEMA)

# Which CATEGORIES list a category column draws its values from (default: its own name).
_CATEGORY_SOURCE = {"our_level": "level", "their_level": "level", "function": "their_function"}
_PACKAGE_DATA = Path(__file__).resolve().parent.parent / "datasets"


def category_values(column: str) -> list[str]:
    """The allowed values of a category column of the case tables, e.g. ``their_level``."""
    columns = dict.fromkeys(c for schema in SCHEMA.values() for c, kind in schema.items()
                            if kind == "category")
    check_choice("column", column, columns)
    return list(CATEGORIES[_CATEGORY_SOURCE.get(column, column)])


def data_dir() -> Path:
    """The folder holding the case CSVs: ``$KAMLIB_DATA_DIR`` if set, else the package's."""
    override = os.environ.get("KAMLIB_DATA_DIR")
    return Path(override).expanduser().resolve() if override else _PACKAGE_DATA


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
    """Return a fresh copy of the case table ``name`` (one of ``TABLES``), typed as documented."""
    check_choice("name", name, TABLES)
    path = data_dir() / f"{name}.csv"
    if not path.is_file():
        raise fail("KAMLIB_DATA_DIR", str(path.parent), f"a folder that holds {name}.csv")
    return _read_table(str(path), path.stat().st_mtime_ns, name).copy()


def data_dictionary() -> pd.DataFrame:
    """The data dictionary of ``datasets/README.md``: one row per (table, column).

    Columns: ``table``, ``column``, ``type``, ``unit``, ``meaning``, ``allowed``.
    """
    rows = []
    table = None
    for line in (_PACKAGE_DATA / "README.md").read_text(encoding="utf-8").splitlines():
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


# --- a learner's own CRM export -------------------------------------------------------------

#: Columns of an accounts export: kind of value, and whether it is required.
ACCOUNT_COLUMNS: dict[str, tuple[str, bool]] = {
    "account_id": ("id", True), "name": ("text", True), "capacity_cny": ("amount", True),
    "industry": ("category", False), "region": ("category", False), "vip": ("flag", False),
    "influence": ("score", False), "kam": ("text", False), "current_cny": ("amount", False),
}
#: Columns of a transactions export: kind of value, and whether it is required.
TRANSACTION_COLUMNS: dict[str, tuple[str, bool]] = {
    "date": ("date", True), "account_id": ("id", True), "revenue_cny": ("amount", True),
    "order_id": ("text", False), "line_id": ("text", False), "quantity": ("amount", False),
}
#: Headers recognised without a mapping (compared lower-case, spaces and underscores alike).
HEADER_SYNONYMS: dict[str, tuple[str, ...]] = {
    "account_id": ("account id", "customer id", "customer no", "customer number", "client id",
                   "客户编号", "客户代码", "客户编码", "客户id"),
    "name": ("account name", "account", "customer name", "customer", "company", "company name",
             "客户名称", "客户", "公司名称", "名称"),
    "capacity_cny": ("capacity", "purchasing capacity", "potential", "total spend", "wallet",
                     "采购能力", "总体购买能力", "购买能力", "采购潜力", "年采购额"),
    "industry": ("sector", "行业", "所属行业"),
    "region": ("area", "sales region", "区域", "地区", "大区", "销售区域"),
    "vip": ("key influencer", "vip客户", "是否vip", "重量级客户"),
    "influence": ("影响力",),
    "kam": ("account manager", "key account manager", "owner", "大客户经理", "客户经理",
            "负责人"),
    "current_cny": ("current", "current purchasing", "revenue with us", "our revenue",
                    "目前的购买状况", "目前采购额", "当前采购额", "本年销售额"),
    "date": ("order date", "日期", "订单日期", "下单日期"),
    "revenue_cny": ("revenue", "amount", "sales", "order value", "金额", "订单金额", "销售额",
                    "收入"),
    "order_id": ("order no", "order number", "订单号", "订单编号"),
    "line_id": ("product line", "产品线"),
    "quantity": ("qty", "quantity kg", "数量"),
}
_CSV_ENCODINGS = ("utf-8-sig", "gb18030")
_TRUE = {"true", "yes", "y", "1", "x", "是", "vip"}
_FALSE = {"false", "no", "n", "0", "否", ""}


class CRMExportError(KamValueError):
    """A CRM export has problems; ``problems`` lists each as {file, row, column, problem}."""

    def __init__(self, problems: list[dict[str, Any]]) -> None:
        self.problems = problems
        lines = [f"- {_where(p)}: {p['problem']}" for p in problems]
        super().__init__(
            f"The CRM export has {len(problems)} problem(s); fix them and read it again:\n"
            + "\n".join(lines)
        )


def _where(problem: dict[str, Any]) -> str:
    """Where a problem is, e.g. "accounts.csv, row 3, column 'capacity_cny'" (header = row 1)."""
    parts = [problem["file"]]
    if problem["row"] is not None:
        parts.append(f"row {problem['row']}")
    if problem["column"] is not None:
        parts.append(f"column {problem['column']!r}")
    return ", ".join(parts)


def _normal_header(text: str) -> str:
    """A header as compared with the synonyms: lower case, runs of space, _ and - as one space."""
    return re.sub(r"[\s_\-]+", " ", str(text)).strip().lower()


_SYNONYM_LOOKUP = {
    _normal_header(header): column
    for column, headers in HEADER_SYNONYMS.items()
    for header in (column, *headers)
}


def _read_raw(path: Path, problems: list[dict[str, Any]]) -> tuple[pd.DataFrame | None, str]:
    """Read a CSV or .xlsx file as text cells indexed by the row number a learner sees."""
    def problem(text: str) -> tuple[None, str]:
        problems.append({"file": path.name, "row": None, "column": None, "problem": text})
        return None, ""

    if not path.is_file():
        return problem(f"file not found: {str(path)!r}")
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        return problem(f"got a {suffix or 'extension-less'!s} file; expected .csv or .xlsx "
                       "(save the export as CSV UTF-8 or Excel workbook)")
    if suffix == ".xlsx":
        try:
            frame = pd.read_excel(path, dtype=str, engine="openpyxl")
        except Exception as error:  # openpyxl raises many kinds for a damaged workbook
            return problem(f"cannot be read as an Excel workbook ({type(error).__name__}: "
                           f"{error}); open it in Excel and save it again as .xlsx")
        encoding = "xlsx"
    else:
        data = path.read_bytes()
        if not data.strip():
            return problem("the file is empty; expected a header row and one row per record")
        for encoding in _CSV_ENCODINGS:
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            return problem("cannot be decoded as UTF-8 or GBK/GB18030; save it as CSV UTF-8")
        try:
            frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False,
                                skip_blank_lines=False)
        except (pd.errors.ParserError, pd.errors.EmptyDataError) as error:
            return problem(f"is not a readable CSV table ({error})")
    frame.index = frame.index + 2
    frame.columns = [str(c).strip() for c in frame.columns]
    frame = frame.fillna("").astype(str).apply(lambda column: column.str.strip())
    frame = frame[frame.ne("").any(axis=1)]
    if frame.empty:
        return problem("has a header row but no data rows")
    return frame, encoding


def _rename(frame: pd.DataFrame, mapping: Mapping[str, str] | None, columns: dict,
            file: str, problems: list[dict[str, Any]]) -> tuple[pd.DataFrame, dict[str, str]]:
    """Rename the file's headers to ours: explicit mapping first, then known synonyms."""
    renamed: dict[str, str] = {}
    for theirs, ours in (mapping or {}).items():
        if ours not in columns:
            problems.append({"file": file, "row": None, "column": theirs, "problem": (
                f"mapping sends {theirs!r} to {ours!r}, which is not a column we know; "
                f"expected one of {', '.join(columns)}")})
        elif theirs not in frame.columns:
            problems.append({"file": file, "row": None, "column": theirs, "problem": (
                f"mapping names {theirs!r}, which is not a header of the file; its headers "
                f"are {', '.join(map(repr, frame.columns))}")})
        else:
            renamed[theirs] = ours
    taken = set(renamed.values())
    for header in frame.columns:
        ours = _SYNONYM_LOOKUP.get(_normal_header(header))
        if header in renamed or ours not in columns:
            continue
        if ours in taken:  # the mapping chose another column for this meaning
            renamed[header] = f"{header} (not used)"
            continue
        clash = [h for h, o in renamed.items() if o == ours]
        if clash:
            problems.append({"file": file, "row": None, "column": header, "problem": (
                f"both {clash[0]!r} and {header!r} look like {ours!r}; say which one with "
                f"mapping={{{header!r}: {ours!r}}} or rename the other")})
            continue
        renamed[header] = ours
    for ours in [c for c, (_, required) in columns.items() if required]:
        if ours not in renamed.values() and ours not in frame.columns:
            problems.append({"file": file, "row": None, "column": ours, "problem": (
                f"required column {ours!r} is missing; the file has "
                f"{', '.join(map(repr, frame.columns))}; pass mapping={{'<your header>': "
                f"{ours!r}}}")})
    changed = {theirs: ours for theirs, ours in renamed.items() if theirs != ours}
    return frame.rename(columns=changed), changed


def _amounts(text: pd.Series) -> pd.Series:
    """Parse amounts like '1,200,000', '¥ 35 000.50' or '120万' (= 1,200,000) to floats."""
    cleaned = text.str.replace(r"[,，\s¥￥]|CNY|RMB|元", "", regex=True, case=False)
    ten_thousands = cleaned.str.endswith("万")
    numbers = pd.to_numeric(cleaned.str.removesuffix("万"), errors="coerce")
    return numbers.where(~ten_thousands, numbers * 10_000).astype("float64")


def _dates(text: pd.Series) -> pd.Series:
    """Parse dates like 2025-03-31, 2025/3/31, 2025.3.31 or 2025年3月31日."""
    cleaned = text.str.replace(r"[年月/.]", "-", regex=True).str.replace("日", "")
    return pd.to_datetime(cleaned, format="mixed", errors="coerce").astype("datetime64[ns]")


def _parse(kind: str, text: pd.Series) -> tuple[pd.Series, list[tuple[pd.Series, str]]]:
    """Type one column of text cells; also return (bad-cell mask, message) pairs."""
    empty = text.eq("")
    if kind == "amount":
        value = _amounts(text)
        return value, [
            (~empty & value.isna(), "{value!r} is not a number; expected an amount in CNY "
             "such as 1200000 or 1,200,000"),
            (value < 0, "{value!r} is negative; expected an amount >= 0"),
        ]
    if kind == "date":
        value = _dates(text)
        return value, [(~empty & value.isna(), "{value!r} is not a date; expected e.g. "
                        "2025-03-31")]
    if kind == "score":
        number = pd.to_numeric(text, errors="coerce")
        bad = ~empty & ~number.isin(range(6))
        return number.where(~bad).astype("Int64"), [
            (bad, "{value!r} is not allowed; expected a whole number from 0 to 5")]
    if kind == "flag":
        lowered = text.str.lower()
        return lowered.isin(_TRUE), [(~lowered.isin(_TRUE | _FALSE), "{value!r} is not a yes/no "
                                      "value; expected True/False, yes/no, 1/0 or 是/否")]
    value = text.mask(empty)
    return (value.astype("category") if kind == "category" else value), []


def _check_values(frame: pd.DataFrame, columns: dict, file: str, unique_id: bool,
                  problems: list[dict[str, Any]]) -> pd.DataFrame:
    """Type each known column and record every bad cell with its row and column."""
    typed = frame.copy()
    for column, (kind, required) in columns.items():
        if column not in frame.columns:
            continue
        text = frame[column].astype("str")
        typed[column], checks = _parse(kind, text)
        if required:
            checks.append((text.eq(""), f"{column} is empty; every row needs one"))
        if kind == "id" and unique_id:
            first_row = pd.Series(frame.index, index=frame.index).groupby(text).transform("min")
            checks.append((text.ne("") & text.duplicated(), f"duplicate {column} {{value!r}}; "
                           "it is already in row {first}"))
        else:
            first_row = pd.Series(0, index=frame.index)
        for mask, message in checks:
            problems.extend(
                {"file": file, "row": int(row), "column": column,
                 "problem": message.format(value=value, first=first_row[row])}
                for row, value in text[mask].items()
            )
    return typed


def _read_part(path: Any, mapping: Any, columns: dict, unique_id: bool, field: str,
               problems: list[dict[str, Any]]) -> pd.DataFrame | None:
    """Read, rename and check one export file; record problems instead of raising.

    The result is indexed by the row number a learner sees in the file (header = row 1).
    """
    if not isinstance(path, (str, os.PathLike)):
        raise fail(field, path, "a file path (str or pathlib.Path) to a .csv or .xlsx file")
    mapping_field = "mapping" if field == "path" else "transactions_mapping"
    if mapping is not None and not (
        isinstance(mapping, Mapping)
        and all(isinstance(k, str) and isinstance(v, str) for k, v in mapping.items())
    ):
        raise fail(mapping_field, mapping, "None or a dict {their header: our column name}")
    path = Path(path)
    raw, encoding = _read_raw(path, problems)
    if raw is None:
        return None
    frame, renamed = _rename(raw, mapping, columns, path.name, problems)
    typed = _check_values(frame, columns, path.name, unique_id, problems)
    typed.attrs = {"source": str(path), "encoding": encoding, "renamed": renamed}
    return typed


def _current_above_capacity(accounts: pd.DataFrame) -> list[dict[str, Any]]:
    """One problem per account that buys more from us than it can buy at all (X > Y)."""
    if not {"current_cny", "capacity_cny"} <= set(accounts.columns):
        return []
    above = accounts[accounts["current_cny"] > accounts["capacity_cny"]]
    file = Path(accounts.attrs["source"]).name
    return [{"file": file, "row": int(row), "column": "current_cny", "problem": (
                f"current_cny {current:,.0f} is more than capacity_cny {capacity:,.0f}; an "
                "account cannot buy more from us than it buys in all")}
            for row, current, capacity in zip(above.index, above["current_cny"],
                                              above["capacity_cny"], strict=True)]


def _unknown_accounts(accounts: pd.DataFrame, orders: pd.DataFrame) -> list[dict[str, Any]]:
    """One problem per transaction whose account_id the accounts file does not have."""
    if "account_id" not in accounts.columns or "account_id" not in orders.columns:
        return []
    ids = orders["account_id"]
    unknown = ids[ids.notna() & ~ids.isin(accounts["account_id"])]
    source = Path(accounts.attrs["source"]).name
    return [{"file": Path(orders.attrs["source"]).name, "row": int(row), "column": "account_id",
             "problem": f"account_id {value!r} is not in the accounts file {source}"}
            for row, value in unknown.items()]


def read_crm_export(
    path: str | os.PathLike,
    mapping: Mapping[str, str] | None = None,
    transactions: str | os.PathLike | None = None,
    transactions_mapping: Mapping[str, str] | None = None,
) -> pd.DataFrame | tuple[pd.DataFrame, pd.DataFrame]:
    """Read a learner's own CRM export of accounts (and, if given, transactions).

    ``mapping`` renames their headers to ours ({their header: our column}); common English and
    Chinese headers are recognised without it. Returns the typed accounts, or
    ``(accounts, transactions)``. Each frame's ``attrs`` say the source file, the encoding
    used ("utf-8-sig", "gb18030" or "xlsx") and the columns renamed. Raises one
    :class:`CRMExportError` listing every problem found. Without a ``vip`` column every account
    gets ``vip`` False. The files are only read, never written.
    """
    problems: list[dict[str, Any]] = []
    accounts = _read_part(path, mapping, ACCOUNT_COLUMNS, True, "path", problems)
    orders = None
    if transactions is not None:
        orders = _read_part(transactions, transactions_mapping, TRANSACTION_COLUMNS, False,
                            "transactions", problems)
        if accounts is not None and orders is not None:
            problems.extend(_unknown_accounts(accounts, orders))
    if accounts is not None:
        problems.extend(_current_above_capacity(accounts))
    if problems:
        files = list(dict.fromkeys(p["file"] for p in problems))
        raise CRMExportError(sorted(problems, key=lambda p: (files.index(p["file"]),
                                                             p["row"] or 0)))
    if "vip" not in accounts.columns:
        accounts["vip"] = False
    accounts = accounts.reset_index(drop=True)
    if orders is None:
        return accounts
    return accounts, orders.reset_index(drop=True)
