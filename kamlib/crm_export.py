"""Read a learner's own CRM export: accounts (and transactions) as CSV or Excel, checked.

The learner's export is the one place where a learner's data can be big, and the one input
the course does not control. :func:`read_crm_export` reads it with Apache Arrow's CSV reader
and compute kernels (no Python loop per cell), renames the columns to ours, types every cell
and lists every problem it finds, each with its file, row, column, a short excerpt of the
value and what is allowed, in one :class:`CRMExportError`. It never guesses silently:

- numbers: "1,200,000", "¥ 35 000.50", "120万" and "1.200,50" (a decimal comma) are read when
  the file's way of writing numbers is clear; a file that writes them both ways, "inf",
  "nan" and amounts beyond :data:`MAX_AMOUNT` are problems;
- dates: "2025-03-31", "2025/3/31", "2025.3.31" and "2025年3月31日" are read; "03/04/2025"
  is read only with ``dayfirst`` (3 April or 4 March is the learner's call), time-zone
  offsets and days outside :data:`DATE_RANGE` are problems;
- the file: UTF-8 or GBK/GB18030 (a file mixing both is refused with the rows named), NUL
  bytes, duplicated headers, rows with more or fewer values than the header (an unquoted
  "Co., Ltd.") are problems; an .xlsx is checked for size and extent before it is unpacked.

The files are only read, never written. :mod:`kamlib.datasets` re-exports the public names.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import functools
import io
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv

from kamlib._xlsx import open_workbook
from kamlib.i18n import _
from kamlib.validation import KamValueError, check_bool, check_choice, fail

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
#: The largest amount read, in CNY (10^15: more than any company's yearly spend); larger
#: values are typing slips and would overflow sums further on.
MAX_AMOUNT = 1e15
#: The first and last day an order date may have.
DATE_RANGE = (pd.Timestamp("1900-01-01"), pd.Timestamp("2100-12-31 23:59:59"))
#: How many problems the error message lists; it then says how many more there are.
MAX_LISTED = 50
#: Limits checked before a file is read: CSV size; .xlsx extent (its file and unpacked sizes
#: are checked by :func:`kamlib._xlsx.open_workbook`).
MAX_CSV_BYTES = 1 << 30
MAX_XLSX_COLUMNS = 200
MAX_XLSX_ROWS = 1_048_576

_EXCERPT = 40
#: Text cells are read as large strings, pandas' own Arrow string type (no copy for pandas);
#: a transactions file's account ids as keys into their few distinct values (a dictionary).
_TEXT = pa.large_string()
#: files at least this large are parsed on Arrow's thread pool; smaller ones gain nothing from
#: it, and a process that never starts the pool cannot abort at exit while tearing it down
#: (apache/arrow#34314: "terminate called without an active exception").
_THREADED_FROM_BYTES = 16 * 2**20
_KEYS = pa.dictionary(pa.int32(), pa.string())
_STAMPS = pa.timestamp("ns")


@functools.cache
def _reader_pool() -> pa.MemoryPool:
    """The memory pool the CSV reader allocates from: jemalloc set to hand freed memory back
    to the system at once, where pyarrow has it (Linux, macOS); else Arrow's default pool,
    which keeps the parser's freed buffers and so holds about twice the file's size."""
    try:
        pool = pa.jemalloc_memory_pool()
        pa.jemalloc_set_decay_ms(0)
    except NotImplementedError:
        pool = pa.default_memory_pool()
    return pool


_TRUE = ["true", "yes", "y", "1", "x", "是", "vip"]
_FALSE = ["false", "no", "n", "0", "否", ""]
_UNITS = {"万": 1e4, "亿": 1e8}
# An amount: sign, currency before or after, digits with separators, 万/亿, 元.
_AMOUNT = (r"^(?P<sign>[-+]?)\s*(?:¥|(?i:cny|rmb))?\s*(?P<sign2>[-+]?)\s*"
           r"(?P<body>[0-9.,](?:[0-9., ]*[0-9.,])?(?:[eE][-+]?[0-9]+)?)\s*(?P<unit>万|亿)?\s*"
           r"(?:元|(?i:cny|rmb))?$")
# The two ways of writing the number itself: 1,234.56 (point decimals) and 1.234,56.
_POINT_DECIMAL = (r"^(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+|[0-9]{1,3}(?:(?:,[0-9]{3})+|(?: [0-9]{3})+)"
                  r"(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_COMMA_DECIMAL = (r"^(?:[0-9]+(?:,[0-9]+)?|,[0-9]+|[0-9]{1,3}(?:(?:\.[0-9]{3})+|(?: [0-9]{3})+)"
                  r"(?:,[0-9]+)?)$")
_TIME = (r"(?:(?:\s+|T)(?P<H>[0-9]{1,2})(?::(?P<M>[0-9]{2})(?::(?P<S>[0-9]{2})(?:\.[0-9]+)?)?)?"
         r"(?P<tz>\s*(?:Z|[+-][0-9]{2}(?::?[0-9]{2})?|(?i:utc|gmt)[+-]?[0-9:]*))?)?")
_YEAR_FIRST = (r"^(?P<y>[0-9]{4})\s*(?:[-/.]|年)\s*(?P<m>[0-9]{1,2})\s*(?:[-/.]|月)\s*"
               r"(?P<d>[0-9]{1,2})\s*日?" + _TIME + "$")
_YEAR_LAST = r"^(?P<a>[0-9]{1,2})[-/.](?P<b>[0-9]{1,2})[-/.](?P<y>[0-9]{4})" + _TIME + "$"


class CRMExportError(KamValueError):
    """A CRM export has problems.

    ``problems`` holds them as records {file, row, column, value, problem} (row 1 is the
    header; row and column are None for a problem of the whole file or row), at most
    :data:`MAX_LISTED` of them, the first in each file; ``total`` counts them all.

    Parameters
    ----------
    problems : list of dict
        The problems found, each {file, row, column, value, problem}.
    total : int, optional
        How many problems there are in all (default: ``len(problems)``).

    Examples
    --------
    >>> error = CRMExportError([{"file": "accounts.csv", "row": 3, "column": "capacity_cny",
    ...                          "value": "lots", "problem": "not a number"}], total=12)
    >>> error.total, str(error).splitlines()[0]
    (12, 'The CRM export has 12 problem(s); fix them and read it again:')
    """

    def __init__(self, problems: list[dict[str, Any]], *, total: int | None = None) -> None:
        self.problems = problems
        self.total = len(problems) if total is None else total
        lines = [f"- {_where(p)}: {p['problem']}" for p in problems[:MAX_LISTED]]
        hidden = self.total - len(lines)
        if hidden > 0:
            lines.append("- " + _("... and {n} more; fix these first and read it again").format(
                n=f"{hidden:,}"))
        super().__init__(
            _("The CRM export has {n} problem(s); fix them and read it again:").format(
                n=f"{self.total:,}") + "\n" + "\n".join(lines))


def _where(problem: dict[str, Any]) -> str:
    """Where a problem is, e.g. "accounts.csv, row 3, column 'capacity_cny'" (header = row 1)."""
    parts = [problem["file"]]
    if problem["row"] is not None:
        parts.append(_("row {row}").format(row=problem["row"]))
    if problem["column"] is not None:
        parts.append(_("column {column}").format(column=repr(problem["column"])))
    return ", ".join(parts)


def _excerpt(value: Any) -> str:
    """A cell as a message shows it: quoted, at most about 40 characters."""
    text = str(value)
    return repr(text if len(text) <= _EXCERPT else text[: _EXCERPT - 1] + "…")


class _Problems:
    """The problems found so far: every one counted, the first ones of each check kept."""

    def __init__(self) -> None:
        self.records: list[dict[str, Any]] = []
        self.total = 0
        self.columns: dict[str, list[str]] = {}  # per file, its column names in file order

    def add(self, file: str, row: int | None, column: str | None, value: Any,
            text: str) -> None:
        self.total += 1
        self.records.append({"file": file, "row": row, "column": column,
                             "value": None if value is None else _excerpt(value),
                             "problem": text})

    def add_cells(self, sheet: _Sheet, column: str, mask: np.ndarray, values: Any,
                  describe: Callable[[str, int], str]) -> None:
        """One problem per True of ``mask``: ``describe(excerpt, position)`` says what is wrong.

        Only the first :data:`MAX_LISTED` are written out; the others are counted.
        """
        positions = np.flatnonzero(mask)
        listed = positions[:MAX_LISTED]
        self.total += len(positions) - len(listed)
        if not len(listed):
            return
        if values is None:  # empty cells
            texts = [""] * len(listed)
        elif isinstance(values, (pa.Array, pa.ChunkedArray)):
            texts = values.take(pa.array(listed)).to_pylist()
        else:
            texts = [values[i] for i in listed]
        for position, row, text in zip(listed, sheet.rows(listed), texts, strict=True):
            text = "" if text is None else text
            self.add(sheet.file, int(row), column, text, describe(_excerpt(text), int(position)))

    def raise_if_any(self, files: list[str]) -> None:
        """Raise one :class:`CRMExportError` listing the first problems by file, row, column."""
        if not self.total:
            return
        order = {file: i for i, file in enumerate(files)}

        def place(problem: dict[str, Any]) -> tuple[int, int, int]:
            names = self.columns.get(problem["file"], [])
            column = names.index(problem["column"]) if problem["column"] in names else -1
            return order.get(problem["file"], len(order)), problem["row"] or 0, column

        raise CRMExportError(sorted(self.records, key=place)[:MAX_LISTED], total=self.total)


# --- reading a file into text cells -----------------------------------------------------------


@dataclass
class _Sheet:
    """A file's records as Arrow columns (text, or numbers and dates read by Arrow's own
    parsers), one per header, and the row each record has in the file (header = row 1)."""

    file: str
    headers: list[str]
    table: pa.Table | None  # None once typed
    encoding: str
    row_of: Callable[[np.ndarray], np.ndarray]

    def rows(self, positions: np.ndarray) -> np.ndarray:
        return self.row_of(np.asarray(positions, dtype=np.int64))


class _NotPlain(Exception):
    """A column read as numbers or dates holds a cell Arrow's parser does not read."""


def _open(path: Path, problems: _Problems) -> _CsvFile | _XlsxFile | None:
    """Open a CSV or .xlsx export far enough to know its headers; record problems of the file."""
    name = path.name
    if not path.is_file():
        problems.add(name, None, None, None, _("file not found: {path}").format(
            path=repr(str(path))))
        return None
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        problems.add(name, None, None, None, _(
            "got a {kind} file; expected .csv or .xlsx (save the export as CSV UTF-8 or Excel "
            "workbook)").format(kind=suffix or _("extension-less")))
        return None
    return (_XlsxFile if suffix == ".xlsx" else _CsvFile).open(path, problems)


def _sheet(source: _CsvFile | _XlsxFile, types: dict[int, pa.DataType],
           problems: _Problems) -> _Sheet | None:
    """Read the records, leaving out rows without any value; None if there are none."""
    sheet = source.read(types, problems)
    if sheet is None:
        return None
    empty = _empty_rows(sheet.table)
    if empty.any():
        kept = np.flatnonzero(~empty)
        row_of = sheet.row_of
        sheet.table = sheet.table.take(pa.array(kept))
        sheet.row_of = lambda positions: row_of(kept[positions])
    if sheet.table.num_rows == 0 and not problems.total:
        problems.add(sheet.file, None, None, None, _("has a header row but no data rows"))
        return None
    return sheet


def _empty_rows(table: pa.Table) -> np.ndarray:
    """Which rows have no value in any column (nothing or only spaces)."""
    empty = np.ones(table.num_rows, dtype=bool)
    for column in table.columns:
        candidates = np.flatnonzero(empty)
        if not len(candidates):
            break
        cells = column.take(pa.array(candidates)) if len(candidates) < len(empty) else column
        empty[candidates] = _numpy_mask(_per_value(cells, lambda text: pc.or_kleene(
            pc.is_null(text), pc.utf8_is_space(text)) if pa.types.is_string(text.type)
            or pa.types.is_large_string(text.type) else pc.is_null(text)))
    return empty


def _per_value(cells: Any, test: Callable[[Any], Any]) -> pa.ChunkedArray:
    """``test`` of each cell; for a dictionary column (ids read as keys) it runs on each
    chunk's few distinct values and is spread to the rows by their keys (null stays null)."""
    if not pa.types.is_dictionary(cells.type):
        return test(cells)
    chunks = cells.chunks if isinstance(cells, pa.ChunkedArray) else [cells]
    return pa.chunked_array([pc.take(test(chunk.dictionary), chunk.indices) for chunk in chunks],
                            type=pa.bool_())


@dataclass
class _CsvFile:
    """A CSV export checked byte by byte (size, NUL, encoding) and its header row parsed.

    A UTF-8 file is checked in chunks and Arrow reads it from disk; only a file in another
    encoding is held in memory, as UTF-8 (``utf8``).
    """

    path: Path
    utf8: bytes | None
    encoding: str
    has_quotes: bool
    start: int  # where the header row begins (after a BOM and blank lines)
    lines_before: int
    delimiter: str = ","
    headers: list[str] = field(default_factory=list)

    @classmethod
    def open(cls, path: Path, problems: _Problems) -> _CsvFile | None:
        name = path.name
        size = path.stat().st_size
        if size > MAX_CSV_BYTES:
            problems.add(name, None, None, None, _(
                "the file has {size} MB; expected at most {limit} MB (export fewer years or "
                "fewer columns)").format(size=f"{size / 2**20:,.0f}",
                                         limit=f"{MAX_CSV_BYTES / 2**20:,.0f}"))
            return None
        scan = _scan(path)
        if scan["utf16"]:
            problems.add(name, None, None, None, _(
                "cannot be decoded as UTF-8 or GBK/GB18030; save it as CSV UTF-8 (it is "
                "UTF-16)"))
            return None
        if scan["nul"] >= 0:
            data = path.read_bytes()[: scan["nul"] + 1]
            problems.add(name, data.count(b"\n") + 1, None,
                         data[data.rfind(b"\n") + 1:].decode("utf-8", "replace"), _(
                "the row holds a NUL byte ('\\x00'), so the file is damaged or not a text "
                "file; expected plain text: open it in Excel and save it again as CSV UTF-8"))
            return None
        if not scan["text"]:
            problems.add(name, None, None, None, _(
                "the file is empty; expected a header row and one row per record"))
            return None
        utf8, encoding = None, "utf-8-sig"
        if not scan["utf8"]:
            utf8, encoding = _as_utf8(path.read_bytes(), name, problems)
            if utf8 is None:
                return None
        with path.open("rb") if utf8 is None else io.BytesIO(utf8) as handle:
            head = handle.read(1 << 20)
        start = re.match(rb"(?:\xef\xbb\xbf)?(?:[ \t\r]*\n)*", head).end()
        line_end = head.find(b"\n", start)
        header_line = head[start: len(head) if line_end < 0 else line_end].decode(
            "utf-8", "replace")
        delimiter = max(",;\t", key=header_line.count)
        headers = [h.strip() for h in next(csv.reader([header_line], delimiter=delimiter))]
        return cls(path, utf8, encoding, scan["quotes"], start, head.count(b"\n", 0, start),
                   delimiter, headers)

    def read(self, types: dict[int, pa.DataType], problems: _Problems) -> _Sheet | None:
        """The records, Arrow-parsed per ``types`` (others text); rows with too many or too
        few values are problems. Raises _NotPlain if a typed column holds another cell."""
        table, skipped = self._arrow(
            types, threads=self.path.stat().st_size >= _THREADED_FROM_BYTES)
        if table is None:
            problems.add(self.path.name, None, None, None, _(
                "is not a readable CSV table ({error}); open it in Excel and save it again as "
                "CSV UTF-8").format(error=_excerpt(skipped)))
            return None
        if skipped:  # the numbers of skipped rows are only known when read in one thread
            table, skipped = self._arrow(types, threads=False)
        _reader_pool().release_unused()  # the parser's buffers, before typing
        numbers = _record_numbers(table.num_rows, [row.number for row in skipped])
        rows = _RowNumbers(self, table.num_rows + len(skipped) + 1)
        for row in skipped:
            if row.text.strip():  # a line of spaces is a blank line, not a bad row
                problems.add(self.path.name, int(rows.physical(np.array([row.number]))[0]),
                             None, row.text, _(
                    "the row has {got} values but the header has {expected} columns; "
                    "expected one value per column: a value holding a comma (e.g. Co., Ltd.) "
                    "must be in quotes").format(got=row.actual_columns,
                                                 expected=row.expected_columns))
        return _Sheet(self.path.name, self.headers, table, self.encoding,
                      lambda positions: rows.physical(numbers[positions]))

    def release(self) -> None:
        """Let the file's text go once the records are typed (it is read again if needed)."""
        self.utf8 = None

    def bytes(self) -> bytes:
        """The file as UTF-8, from its header row on."""
        data = self.utf8
        if data is None:
            data = self.path.read_bytes()
            if self.encoding == "gb18030":
                data = data.decode("gb18030").encode("utf-8")
        return data[self.start:]

    def _arrow(self, types: dict[int, pa.DataType], *, threads: bool
               ) -> tuple[pa.Table | None, Any]:
        names = [f"c{i}" for i in range(len(self.headers))]
        skipped: list[Any] = []

        def skip(row: Any) -> str:
            skipped.append(row)
            return "skip"

        in_memory = self.encoding == "gb18030"  # transcoded to UTF-8
        with io.BytesIO(self.bytes()) if in_memory else self.path.open("rb") as handle:
            handle.seek(0 if in_memory else self.start)
            try:
                table = pa_csv.read_csv(
                    handle,
                    read_options=pa_csv.ReadOptions(column_names=names, skip_rows=1,
                                                    use_threads=threads),
                    parse_options=pa_csv.ParseOptions(
                        delimiter=self.delimiter, invalid_row_handler=skip,
                        newlines_in_values=self.has_quotes),
                    convert_options=pa_csv.ConvertOptions(
                        column_types={name: types.get(i, _TEXT) for i, name in
                                      enumerate(names)},
                        strings_can_be_null=True, null_values=[""], check_utf8=False),
                    memory_pool=_reader_pool(),
                )
            except (pa.ArrowInvalid, pa.ArrowNotImplementedError) as error:
                if types and "conversion error" in str(error):
                    raise _NotPlain from None
                return None, str(error)
        return table, sorted(skipped, key=lambda row: row.number or 0)


def _scan(path: Path, chunk: int = 1 << 20) -> dict[str, Any]:
    """One pass over the file's bytes in chunks: whether it holds any text, starts like
    UTF-16, where its first NUL byte is (-1: none), whether it is UTF-8, whether it has
    quotes (values that may span lines)."""
    found = {"text": False, "utf16": False, "nul": -1, "utf8": True, "quotes": False}
    decoder = codecs.getincrementaldecoder("utf-8")()
    offset = 0
    with path.open("rb") as handle:
        while block := handle.read(chunk):
            if not offset:
                found["utf16"] = block.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
            nul = block.find(b"\0")
            if nul >= 0:
                found["nul"] = offset + nul
                return found
            found["text"] = found["text"] or re.search(rb"\S", block) is not None
            found["quotes"] = found["quotes"] or b'"' in block
            if found["utf8"] and not (block.isascii() and decoder.getstate()[0] == b""):
                try:
                    decoder.decode(block)
                except UnicodeDecodeError:
                    found["utf8"] = False
            offset += len(block)
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        found["utf8"] = False
    return found


def _record_numbers(n_records: int, skipped: list[int]) -> np.ndarray:
    """Which non-empty record (header = 1) each row of the table is, skipped rows left out."""
    numbers = np.arange(2, n_records + len(skipped) + 2)
    return np.setdiff1d(numbers, skipped, assume_unique=True) if skipped else numbers


class _RowNumbers:
    """The row a learner sees (header = row 1, blank lines counted) of each non-empty record.

    Worked out only when a problem needs it, from the file itself: by lines, or, when a
    quoted value spans lines, by the records of Python's csv module.
    """

    def __init__(self, source: _CsvFile, n_records: int) -> None:
        self.source, self.n_records = source, n_records
        self._rows: np.ndarray | None = None

    def physical(self, numbers: np.ndarray) -> np.ndarray:
        if self._rows is None:
            self._rows = self._work_out()
        return self._rows[np.asarray(numbers) - 1]

    def _work_out(self) -> np.ndarray:
        source = self.source
        data = source.bytes()
        # Line ends as Arrow reads them: "\n", "\r\n" and a lone "\r" (old Mac files).
        codes = np.frombuffer(data + b"\n", dtype=np.uint8)
        lone_cr = (codes[:-1] == ord("\r")) & (codes[1:] != ord("\n"))
        line_ends = np.flatnonzero((codes[:-1] == ord("\n")) | lone_cr)
        starts = np.concatenate([[0], line_ends + 1])
        ends = np.concatenate([line_ends, [len(data)]])
        blank = (ends == starts) | ((ends - starts == 1) & (codes[starts] == ord("\r")))
        rows = np.flatnonzero(~blank) + 1
        if len(rows) != self.n_records and source.has_quotes:  # a value spans lines
            text = io.StringIO(data.decode("utf-8"), newline="")
            records = csv.reader(text, delimiter=source.delimiter)
            rows = np.array([i for i, record in enumerate(records, 1) if record])
        return rows + source.lines_before


def _as_utf8(data: bytes, file: str, problems: _Problems) -> tuple[bytes | None, str]:
    """The file as UTF-8 bytes and its encoding; a file mixing encodings is refused."""
    if data.isascii():
        return data, "utf-8-sig"
    try:
        data.decode("utf-8")
        return data, "utf-8-sig"
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", "replace")  # each line keeps its place; bad bytes become �
    bad_lines = [m.start() for m in re.finditer("(?m)^.*\ufffd.*$", text)]
    utf8_lines = [m.start() for m in re.finditer(
        "(?m)^[^\n\ufffd]*[^\x00-\x7f\ufffd][^\n\ufffd]*$", text)]
    if not utf8_lines:
        try:
            return data.decode("gb18030").encode("utf-8"), "gb18030"
        except UnicodeDecodeError as error:
            problems.add(file, data.count(b"\n", 0, error.start) + 1, None, None, _(
                "cannot be decoded as UTF-8 or GBK/GB18030; save it as CSV UTF-8"))
            return None, ""
    # Both UTF-8 rows and others: name the rows written the other way than most.
    if len(bad_lines) <= len(utf8_lines):
        odd = bad_lines
        message = _("the row is not UTF-8 (GBK?) while the rest of the file is UTF-8; "
                    "expected one encoding: save the whole file again as CSV UTF-8")
    else:
        odd = utf8_lines
        message = _("the row is UTF-8 while the rest of the file is GBK; expected one "
                    "encoding: save the whole file again as CSV UTF-8")
    for offset in odd[:MAX_LISTED]:
        problems.add(file, text.count("\n", 0, offset) + 1, None, None, message)
    problems.total += len(odd) - len(odd[:MAX_LISTED])
    return None, ""


def _xlsx_cell(value: Any) -> str | None:
    """An Excel cell as the text a CSV export would hold."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, dt.datetime):
        return str(value.date()) if value.time() == dt.time() else value.isoformat(sep=" ")
    return str(value)


@dataclass
class _XlsxFile:
    """The first sheet of a workbook, as text cells, read after its size and extent passed."""

    path: Path
    headers: list[str]
    records: list[list[str | None]]
    first_row: int  # the header's row number
    encoding = "xlsx"

    @classmethod
    def open(cls, path: Path, problems: _Problems) -> _XlsxFile | None:
        cells = _xlsx_cells(path, problems)
        if cells is None:
            return None
        first = next((i for i, row in enumerate(cells)
                      if any(v is not None and v.strip() for v in row)), None)
        if first is None:  # the header is the first row with a value
            problems.add(path.name, None, None, None, _(
                "the file is empty; expected a header row and one row per record"))
            return None
        headers = [(h or "").strip() for h in cells[first]]
        records = cells[first + 1:]
        while headers and not headers[-1] and not any(
                len(row) >= len(headers) and row[len(headers) - 1] for row in records):
            headers.pop()  # empty columns after the last header
        return cls(path, headers, records, first + 1)

    def read(self, types: dict[int, pa.DataType], problems: _Problems) -> _Sheet:
        """The records as text columns (``types`` do not apply: cells are typed by Excel)."""
        width = len(self.headers)
        for row, record in enumerate(self.records, self.first_row + 1):
            extra = [v for v in record[width:] if v is not None and v.strip()]
            if extra:
                problems.add(self.path.name, row, None, extra[0], _(
                    "the row has {got} values but the header has {expected} columns; "
                    "expected one value per column").format(got=width + len(extra),
                                                           expected=width))
        table = pa.table({f"c{i}": pa.array([r[i] if i < len(r) else None
                                             for r in self.records], type=_TEXT)
                          for i in range(width)})
        rows = np.arange(self.first_row + 1, self.first_row + 1 + len(self.records))
        return _Sheet(self.path.name, self.headers, table, self.encoding,
                      lambda positions: rows[positions])

    def release(self) -> None:
        """Nothing to let go: the cells are the records."""


def _xlsx_cells(path: Path, problems: _Problems) -> list[list[str | None]] | None:
    """The first sheet's cells as text, row by row from row 1, after checking the file's
    size, unpacked size and declared extent, and each row's width as it is read."""
    from openpyxl.utils import get_column_letter

    name = path.name

    def refuse(text: str, row: int | None = None, value: Any = None) -> None:
        problems.add(name, row, None, value, text)

    try:
        book = open_workbook(path, formulas=False)
    except KamValueError as error:  # not a workbook, damaged, or too big when unpacked
        reason = str(error).removeprefix(f"{name}: ").rstrip(".")
        return refuse(_("cannot be read as an Excel workbook: {reason}; save it again as "
                        ".xlsx, or a big export as CSV").format(reason=reason))
    try:
        sheet = book.worksheets[0]
        if (sheet.max_column or 0) > MAX_XLSX_COLUMNS or (sheet.max_row or 0) > MAX_XLSX_ROWS:
            return refuse(_(
                "the sheet spans {columns} columns and {rows} rows; expected at most {limit} "
                "columns: delete the stray cells far out (press Ctrl+End in Excel to find them) "
                "or save the export as CSV").format(columns=f"{sheet.max_column:,}",
                                                    rows=f"{sheet.max_row:,}",
                                                    limit=MAX_XLSX_COLUMNS))
        sheet.reset_dimensions()  # the declared extent may be wrong: read what is there
        cells: list[list[str | None]] = []
        for number, row in enumerate(sheet.iter_rows(values_only=True), 1):
            if number > MAX_XLSX_ROWS:
                return refuse(_("the sheet has more than {limit} rows; expected an Excel "
                                "sheet's rows at most").format(limit=f"{MAX_XLSX_ROWS:,}"))
            if len(row) > MAX_XLSX_COLUMNS and any(v is not None for v in
                                                   row[MAX_XLSX_COLUMNS:]):
                far = MAX_XLSX_COLUMNS + next(i for i, v in enumerate(row[MAX_XLSX_COLUMNS:])
                                              if v is not None)
                return refuse(_("a cell far out, in column {letter}; expected at most {limit} "
                                "columns: delete it or save the export as CSV").format(
                                    letter=get_column_letter(far + 1), limit=MAX_XLSX_COLUMNS),
                              number, row[far])
            cells.append([_xlsx_cell(value) for value in row])
    except Exception as error:  # a damaged sheet part
        return refuse(_("cannot be read as an Excel workbook ({error}); open it in Excel and "
                        "save it again as .xlsx").format(
                            error=_excerpt(f"{type(error).__name__}: {error}")))
    finally:
        book.close()
    return cells


# --- renaming ---------------------------------------------------------------------------------


def _normal_header(text: str) -> str:
    """A header as compared with the synonyms: lower case, runs of space, _ and - as one space."""
    return re.sub(r"[\s_\-]+", " ", str(text)).strip().lower()


_SYNONYM_LOOKUP = {
    _normal_header(header): column
    for column, headers in HEADER_SYNONYMS.items()
    for header in (column, *headers)
}


def _rename(file: str, headers: list[str], mapping: Mapping[str, str] | None, columns: dict,
            problems: _Problems) -> tuple[list[str], dict[str, str]]:
    """Our name for each column of the file: explicit mapping first, then known synonyms."""
    first_at: dict[str, int] = {}
    for position, header in enumerate(headers):
        if header in first_at:
            problems.add(file, 1, header, header, _(
                "the header {header} appears in columns {first} and {second}; expected each "
                "header once: rename one of them").format(
                    header=repr(header), first=first_at[header] + 1, second=position + 1))
        else:
            first_at[header] = position
    renamed: dict[int, str] = {}
    for theirs, ours in (mapping or {}).items():
        if ours not in columns:
            problems.add(file, None, theirs, None, _(
                "mapping sends {theirs} to {ours}, which is not a column we know; expected one "
                "of {known}").format(theirs=repr(theirs), ours=repr(ours),
                                     known=", ".join(columns)))
        elif theirs not in first_at:
            problems.add(file, None, theirs, None, _(
                "mapping names {theirs}, which is not a header of the file; its headers are "
                "{headers}").format(theirs=repr(theirs), headers=", ".join(map(repr, headers))))
        else:
            renamed[first_at[theirs]] = ours
    taken = set(renamed.values())
    names = list(headers)
    for position, header in enumerate(headers):
        ours = _SYNONYM_LOOKUP.get(_normal_header(header))
        if position in renamed or ours not in columns or first_at[header] != position:
            continue
        if ours in taken:  # the mapping chose another column for this meaning
            names[position] = f"{header} (not used)"
            continue
        clash = [headers[p] for p, o in renamed.items() if o == ours]
        if clash:
            problems.add(file, None, header, None, _(
                "both {first} and {second} look like {ours}; say which one with "
                "mapping={{{second}: {ours}}} or rename the other").format(
                    first=repr(clash[0]), second=repr(header), ours=repr(ours)))
            continue
        renamed[position] = ours
    for position, ours in renamed.items():
        names[position] = ours
    for ours in [c for c, (_kind, required) in columns.items() if required]:
        if ours not in names:
            problems.add(file, None, ours, None, _(
                "required column {ours} is missing; the file has {headers}; pass "
                "mapping={{'<your header>': {ours}}}").format(
                    ours=repr(ours), headers=", ".join(map(repr, headers))))
    for position, header in enumerate(headers):
        if not header:
            names[position] = f"column {position + 1}"
        elif first_at[header] != position:
            names[position] = f"{header} ({position + 1})"
    changed = {headers[p]: ours for p, ours in renamed.items() if headers[p] != ours}
    return names, changed


# --- typing the cells -------------------------------------------------------------------------


def _trimmed(column: pa.ChunkedArray, normalise: bool = False) -> pa.ChunkedArray:
    """Cells without surrounding spaces, empty as null; with ``normalise``, full-width digits,
    commas and currency signs as their plain forms (Unicode NFKC). Cells that need neither
    are not copied."""
    text = column
    if normalise and not pc.all(pc.string_is_ascii(text)).as_py():
        text = pc.utf8_normalize(text, "NFKC")
    if not pc.any(pc.match_substring_regex(text, r"^\s|\s$")).as_py():
        return text  # the reader made empty cells null already
    text = pc.utf8_trim_whitespace(text)
    return pc.if_else(pc.equal(text, ""), _nothing(text), text)


def _nothing(like: Any) -> pa.Scalar:
    """A missing value of the type of ``like`` (an Arrow column)."""
    return pa.scalar(None, like.type)


def _numpy_mask(mask: Any) -> np.ndarray:
    """A boolean Arrow array as numpy, null as False."""
    return pc.fill_null(mask, False).to_numpy(zero_copy_only=False).astype(bool, copy=False)


def _as_numpy(values: Any) -> np.ndarray:
    """An Arrow column of numbers or timestamps as one numpy array (nulls as NaN or NaT),
    joined chunk by chunk without a second whole copy."""
    chunks = values.chunks if isinstance(values, pa.ChunkedArray) else [values]
    if len(chunks) == 1:
        return chunks[0].to_numpy(zero_copy_only=False)
    return np.concatenate([chunk.to_numpy(zero_copy_only=False) for chunk in chunks])


def _cast(column: Any, to: pa.DataType) -> Any:
    """``column`` cast by Arrow's own parser, or None if any cell does not parse."""
    try:
        return pc.cast(column, to)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None


@dataclass
class _Column:
    """One of our columns in a file: its raw text, then its typed values and which cells
    hold a value (``present``)."""

    sheet: _Sheet
    name: str
    kind: str
    raw: pa.ChunkedArray
    value: Any = None
    present: Any = None

    def report(self, problems: _Problems, mask: np.ndarray, values: Any,
               describe: Callable[[str, int], str]) -> None:
        problems.add_cells(self.sheet, self.name, mask, values, describe)

    def let_go(self) -> None:
        """Drop the raw cells once typed (their memory goes back to the system)."""
        self.raw = None
        _reader_pool().release_unused()


def _plain_amounts(columns: list[_Column]) -> bool:
    """Type amount columns that Arrow's float parser read (or reads) in full, when every
    value is finite and from 0 to MAX_AMOUNT (the usual export); False, typing nothing,
    if any cell is not."""
    for column in columns:
        value = _cast(column.raw, pa.float64())
        if value is None:
            return False
        if value.null_count < len(value):
            low, high = (scalar.as_py() for scalar in pc.min_max(value).values())
            if not (low >= 0 and high <= MAX_AMOUNT) or pc.any(pc.is_nan(value)).as_py():
                return False
    for column in columns:
        column.value = _as_numpy(_cast(column.raw, pa.float64()))
        column.present = ~np.isnan(column.value)
        column.let_go()
    return True


def _plain_dates(column: _Column) -> bool:
    """Type a date column that Arrow's ISO parser read (or reads) in full, when every date
    lies within DATE_RANGE; False, typing nothing, if any cell is not."""
    value = column.raw if column.raw.type == _STAMPS else _cast(column.raw, _STAMPS)
    if value is None:
        return False
    if value.null_count < len(value):
        low, high = (scalar.as_py() for scalar in pc.min_max(value).values())
        if not (DATE_RANGE[0] <= low and high <= DATE_RANGE[1]):
            return False
    column.value = _as_numpy(value)
    column.present = ~np.isnat(column.value)
    column.let_go()
    return True


@dataclass
class _AmountText:
    """An amount column's text split into sign, number and unit, and which way each number
    can be read: with a decimal point (1,234.56) or a decimal comma (1.234,56)."""

    column: _Column
    text: pa.ChunkedArray
    body: Any
    negative: np.ndarray
    scale: np.ndarray
    point: np.ndarray
    comma: np.ndarray

    @classmethod
    def split(cls, column: _Column) -> _AmountText:
        text = _trimmed(column.raw, normalise=True)
        size = len(text)
        negative, scale, body = np.zeros(size, dtype=bool), np.ones(size), text
        # Only cells holding more than digits and separators go through the full pattern.
        special = np.flatnonzero(_numpy_mask(pc.match_substring_regex(text, r"[^0-9.,]")))
        if len(special):
            parts = pc.extract_regex(text.take(pa.array(special)), _AMOUNT)
            sign, sign2, unit = (pc.fill_null(pc.struct_field(parts, group), "").to_numpy(
                zero_copy_only=False) for group in ("sign", "sign2", "unit"))
            negative[special] = (sign == "-") | (sign2 == "-")
            scale[special] = np.select([unit == word for word in _UNITS], list(_UNITS.values()),
                                       1.0)
            readable = pc.and_(pc.is_valid(parts), pa.array((sign == "") | (sign2 == "")))
            body_found = pc.struct_field(parts, "body")
            found = pc.if_else(readable, body_found, _nothing(body_found)).combine_chunks()
            mask = np.zeros(size, dtype=bool)
            mask[special] = True
            body = pc.replace_with_mask(text.combine_chunks(), pa.array(mask), found)
        point = _numpy_mask(pc.match_substring_regex(body, _POINT_DECIMAL))
        comma = _numpy_mask(pc.match_substring_regex(body, _COMMA_DECIMAL))
        return cls(column, text, body, negative, scale, point, comma)

    def only(self, mark: str) -> np.ndarray:
        """Numbers that can be read with this decimal mark only."""
        return (self.point & ~self.comma) if mark == "." else (self.comma & ~self.point)

    def values(self, mark: str, fits: np.ndarray) -> np.ndarray:
        """The amounts read with decimal ``mark`` where ``fits``; NaN elsewhere."""
        plain = pc.replace_substring(self.body, "," if mark == "." else ".", "")
        if mark == ",":
            plain = pc.replace_substring(plain, ",", ".")
        plain = pc.replace_substring(plain, " ", "")  # 35 000 grouped by spaces
        plain = pc.if_else(pa.array(fits), plain, _nothing(plain))
        number = pc.cast(plain, pa.float64()).to_numpy(zero_copy_only=False)
        with np.errstate(over="ignore", invalid="ignore"):
            return np.where(self.negative, -number, number) * self.scale


def _amounts(columns: list[_Column], decimal: str | None, problems: _Problems) -> str:
    """Type every amount column of one file; return the decimal mark used ("." or ",").

    Without ``decimal`` the file's own way counts: numbers that fit only a decimal comma
    ("1,5", "1.200,50") against those that fit only a decimal point ("1.5", "1,200.50");
    numbers either way ("1,200") follow the majority, "." if none.
    """
    if all(column.value is not None for column in columns) or (
            decimal != "," and _plain_amounts(columns)):
        return decimal or "."
    texts = [_AmountText.split(column) for column in columns]
    points = sum(int(t.only(".").sum()) for t in texts)
    commas = sum(int(t.only(",").sum()) for t in texts)
    mark = decimal or ("," if commas > points else ".")
    written, other = ("1,234.56", "1.234,56") if mark == "." else ("1.234,56", "1,234.56")
    for amount in texts:
        column, text = amount.column, amount.text
        present = _numpy_mask(pc.is_valid(text))
        fits = amount.point if mark == "." else amount.comma
        the_other_way = present & ~fits & amount.only("," if mark == "." else ".")
        column.report(problems, the_other_way, text, lambda value, _p: _(
            "{value} writes numbers as {other}, but the amounts of this file are written as "
            "{written}{example}; expected one way per file (or pass decimal='{mark}')").format(
                value=value, other=other, written=written, example=_first_written(texts, mark),
                mark="," if mark == "." else "."))
        column.report(problems, present & ~fits & ~the_other_way, text, lambda value, _p: _(
            "{value} is not a number; expected an amount in CNY such as 1200000 or "
            "1,200,000").format(value=value))
        value = amount.values(mark, fits)
        too_big = fits & ~(np.abs(value) <= MAX_AMOUNT)
        column.report(problems, too_big, text, lambda value, _p: _(
            "{value} is not a plausible amount; expected a finite amount up to 10^15 CNY"
        ).format(value=value))
        column.report(problems, fits & ~too_big & (value < 0), text, lambda value, _p: _(
            "{value} is negative; expected an amount >= 0").format(value=value))
        column.value = np.where(fits & ~too_big, value, np.nan)
        column.present = present
    return mark


def _first_written(texts: list[_AmountText], mark: str) -> str:
    """", e.g. row 2: '1,200.50'": the first amount that only fits ``mark``, for a message."""
    for amount in texts:
        where = np.flatnonzero(amount.only(mark))
        if len(where):
            row = int(amount.column.sheet.rows(where[:1])[0])
            return _(", e.g. row {row}: {value}").format(
                row=row, value=_excerpt(amount.text[int(where[0])].as_py()))
    return ""


def _group_ints(parts: Any, group: str) -> np.ndarray:
    """A group of a regular-expression match as integers, 0 where empty or not matched."""
    text = pc.struct_field(parts, group)
    text = pc.if_else(pc.equal(text, ""), _nothing(text), text)
    return pc.fill_null(pc.cast(text, pa.int64()), 0).to_numpy(zero_copy_only=False).copy()


def _days_since_1970(year: np.ndarray, month: np.ndarray, day: np.ndarray
                     ) -> tuple[np.ndarray, np.ndarray]:
    """Days from 1970-01-01 of each date (proleptic Gregorian), and which dates exist."""
    leap = (year % 4 == 0) & ((year % 100 != 0) | (year % 400 == 0))
    days_in_month = np.array([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])[
        np.clip(month, 1, 12) - 1] + (leap & (month == 2))
    exists = (year >= 1) & (month >= 1) & (month <= 12) & (day >= 1) & (day <= days_in_month)
    shifted = year - (month <= 2)  # the civil-from-days algorithm of H. Hinnant (2013)
    era = shifted // 400
    year_of_era = shifted - era * 400
    day_of_year = (153 * ((month + 9) % 12) + 2) // 5 + day - 1
    day_of_era = year_of_era * 365 + year_of_era // 4 - year_of_era // 100 + day_of_year
    return era * 146097 + day_of_era - 719468, exists


_SIMPLE_DATE = r"^(?P<y>[0-9]{4})[-/.](?P<m>[0-9]{1,2})[-/.](?P<d>[0-9]{1,2})$"


def _dates(column: _Column, dayfirst: bool | None, problems: _Problems) -> None:
    """Type a date column: ISO dates by Arrow's parser, other ways by the calendar rules."""
    if column.value is not None or _plain_dates(column):
        return
    text = _trimmed(column.raw, normalise=True)
    size = len(text)
    present = _numpy_mask(pc.is_valid(text))
    # Each cell's parts; 2025/3/31 by a simple pattern, other cells by the full ones.
    parts = {group: np.zeros(size, dtype=np.int64) for group in "ymdabHMS"}
    kind = np.zeros(size, dtype=np.int8)  # 1 year first, 2 year last
    zone = np.zeros(size, dtype=bool)
    simple = pc.extract_regex(text, _SIMPLE_DATE)
    kind[_numpy_mask(pc.is_valid(simple))] = 1
    for group in "ymd":
        parts[group] = _group_ints(simple, group)
    rest = np.flatnonzero(present & (kind == 0))
    for pattern, code, groups in ((_YEAR_FIRST, 1, "ymdHMS"), (_YEAR_LAST, 2, "abyHMS")):
        if not len(rest):
            break
        found = pc.extract_regex(text.take(pa.array(rest)), pattern)
        hit = _numpy_mask(pc.is_valid(found))
        where = rest[hit]
        kind[where] = code
        for group in groups:
            parts[group][where] = _group_ints(found, group)[hit]
        zone[where] = _numpy_mask(pc.not_equal(pc.struct_field(found, "tz"), ""))[hit]
        rest = rest[~hit]
    month, day, unread = parts["m"], parts["d"], np.zeros(size, dtype=bool)
    if (kind == 2).any():
        last = kind == 2
        month_last, day_last, unread = _day_month(column, text, last, parts["a"], parts["b"],
                                                  dayfirst, problems)
        month, day = np.where(last, month_last, month), np.where(last, day_last, day)
    days, ok = _days_since_1970(parts["y"], month, day)
    hour, minute, second = parts["H"], parts["M"], parts["S"]
    ok &= (kind > 0) & (hour < 24) & (minute < 60) & (second < 60)
    seconds = days * 86_400 + hour * 3600 + minute * 60 + second
    low, high = (stamp.value // 10**9 for stamp in DATE_RANGE)
    column.report(problems, zone, text, lambda value, _p: _(
        "{value} has a time-zone offset; expected a local date and time such as "
        "2025-03-31 14:30").format(value=value))
    column.report(problems, present & ~ok & ~zone & ~unread, text, lambda value, _p: _(
        "{value} is not a date; expected a calendar date such as 2025-03-31, 2025/3/31 or "
        "2025年3月31日").format(value=value))
    outside = ok & ~zone & ((seconds < low) | (seconds > high))
    column.report(problems, outside, text, lambda value, _p: _(
        "{value} is outside {first} to {last}; expected a date in that range").format(
            value=value, first=DATE_RANGE[0].date(), last=DATE_RANGE[1].date()))
    good = ok & ~zone & ~outside
    column.value = np.where(good, seconds, 0).astype("datetime64[s]").astype("datetime64[ns]")
    column.value[~good] = np.datetime64("NaT")
    column.present = present


def _day_month(column: _Column, text: Any, matched: np.ndarray, a: np.ndarray, b: np.ndarray,
               dayfirst: bool | None, problems: _Problems
               ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Month, day and the cells left unread, of dates written with the year last (03/04/2025).

    With ``dayfirst`` given, that order. Without it, dates that fit both orders are one
    problem for the column (with a hint from the dates that fit one order only), and dates
    fitting only the order most of the column does not are problems: never swapped silently.
    """
    if dayfirst is not None:
        unread = np.zeros(len(a), dtype=bool)
        return (b, a, unread) if dayfirst else (a, b, unread)
    possible = matched & (a >= 1) & (b >= 1)
    day_first_only = possible & (a > 12) & (b <= 12)
    month_first_only = possible & (b > 12) & (a <= 12)
    either = possible & (a <= 12) & (b <= 12) & (a != b)
    orders = {"day": (day_first_only, _("day/month/year")),
              "month": (month_first_only, _("month/day/year"))}
    if either.any():
        hint = ""
        for only, order in orders.values():
            if only.any():
                first = int(np.flatnonzero(only)[0])
                hint = _(" (row {row} has {value}, which only fits {order})").format(
                    row=int(column.sheet.rows(np.array([first]))[0]),
                    value=_excerpt(text[first].as_py()), order=order)
                break
        where = int(np.flatnonzero(either)[0])
        problems.add(column.sheet.file, int(column.sheet.rows(np.array([where]))[0]),
                     column.name, text[where].as_py(), _(
                         "{value} and {more} other dates of this column could be "
                         "day/month/year or month/day/year{hint}; expected "
                         "read_crm_export(..., dayfirst=True) for day/month/year or "
                         "dayfirst=False for month/day/year").format(
                             value=_excerpt(text[where].as_py()),
                             more=f"{int(either.sum()) - 1:,}", hint=hint))
    day_first = day_first_only.sum() > month_first_only.sum()
    minority, order = orders["month"] if day_first else orders["day"]
    column.report(problems, minority, text, lambda value, _p: _(
        "{value} only fits {order}, unlike the other dates of this column; expected one order "
        "of day and month per file").format(value=value, order=order))
    unread = either | minority
    return ((b, a) if day_first else (a, b)) + (unread,)


def _type_column(column: _Column, unique: bool, problems: _Problems) -> None:
    """Type an id, text, category, flag or score column and list its bad cells.

    Ids read as keys (a transactions file's account_id) stay keys here; they are linked to
    the accounts file by :func:`_link_accounts`.
    """
    if pa.types.is_dictionary(column.raw.type):
        column.present = _numpy_mask(_per_value(column.raw, lambda ids: pc.is_valid(
            _trimmed(ids))))
        column.value = column.raw
        return
    text = _trimmed(column.raw, normalise=column.kind in ("flag", "score"))
    column.present = _numpy_mask(pc.is_valid(text))
    if column.kind == "flag":
        lowered = pc.utf8_lower(pc.fill_null(text, ""))
        yes = _numpy_mask(pc.is_in(lowered, pa.array(_TRUE, lowered.type)))
        known = yes | _numpy_mask(pc.is_in(lowered, pa.array(_FALSE, lowered.type)))
        column.report(problems, ~known, text, lambda value, _p: _(
            "{value} is not a yes/no value; expected True/False, yes/no, 1/0 or 是/否").format(
                value=value))
        column.value = yes
    elif column.kind == "score":
        whole = pc.match_substring_regex(text, r"^[0-9]{1,3}(\.0*)?$")
        number = pc.cast(pc.if_else(whole, text, _nothing(text)), pa.float64())
        score = pc.fill_null(number, -1).to_numpy(zero_copy_only=False)
        bad = column.present & ~np.isin(score, np.arange(6))
        column.report(problems, bad, text, lambda value, _p: _(
            "{value} is not allowed; expected a whole number from 0 to 5").format(value=value))
        column.value = pd.array(np.where(bad, -1, score).astype(np.int64), dtype="Int64")
        column.value[column.value < 0] = pd.NA
    else:
        column.value = text
        if column.kind == "id" and unique:
            _duplicates(column, problems)


def _duplicates(column: _Column, problems: _Problems) -> None:
    """One problem per id that an earlier row already has."""
    ids = pd.Series(column.value.to_pandas())
    repeated = (ids.notna() & ids.duplicated()).to_numpy()
    if not repeated.any():
        return
    first = pd.Series(np.arange(len(ids))).groupby(ids.to_numpy()).transform("min").to_numpy()
    column.report(problems, repeated, column.value, lambda value, position: _(
        "duplicate {column} {value}; it is already in row {row}; expected each {column} once"
    ).format(column=column.name, value=value,
             row=int(column.sheet.rows(first[position:position + 1])[0])))



@dataclass
class _Part:
    """One export file read, renamed and typed: our columns typed, the others as text."""

    sheet: _Sheet
    names: list[str]
    typed: dict[str, _Column]
    others: dict[int, pa.ChunkedArray]
    attrs: dict[str, Any]

    def frame(self) -> pd.DataFrame:
        """The typed columns as a DataFrame; other columns kept as trimmed text."""
        data: dict[str, Any] = {}
        for position, name in enumerate(self.names):
            column = self.typed.get(name)
            if column is None:
                text = self.others[position]
                data[name] = pc.fill_null(pc.utf8_trim_whitespace(text), "").to_pandas()
            elif column.kind == "category":
                data[name] = pd.Categorical(column.value.to_pandas())
            elif isinstance(column.value, pa.ChunkedArray):
                data[name] = column.value.to_pandas()
            else:
                data[name] = column.value
        frame = pd.DataFrame(data, copy=False)  # no copy of 2,000,000 rows per column
        frame.attrs = self.attrs
        return frame


def _read_part(path: Any, mapping: Any, columns: dict, unique_id: bool, field: str,
               decimal: str | None, dayfirst: bool | None, problems: _Problems) -> _Part | None:
    """Read, rename and type one export file; record problems instead of raising."""
    if not isinstance(path, (str, os.PathLike)):
        raise fail(field, path, _("a file path (str or pathlib.Path) to a .csv or .xlsx file"))
    mapping_field = "mapping" if field == "path" else "transactions_mapping"
    if mapping is not None and not (
        isinstance(mapping, Mapping)
        and all(isinstance(k, str) and isinstance(v, str) for k, v in mapping.items())
    ):
        raise fail(mapping_field, mapping, _("None or a dict {their header: our column name}"))
    path = Path(path)
    source = _open(path, problems)
    if source is None:
        return None
    names, renamed = _rename(source.path.name, source.headers, mapping, columns, problems)
    problems.columns[source.path.name] = names
    sheet, typed, others = _typed_sheet(source, names, columns, decimal, unique_id, problems)
    if sheet is None:
        return None
    mark = _amounts([c for c in typed.values() if c.kind == "amount"], decimal, problems)
    for name, column in typed.items():
        if column.kind == "date":
            _dates(column, dayfirst, problems)
        elif column.kind != "amount":
            _type_column(column, unique_id, problems)
        if columns[name][1]:
            problems.add_cells(sheet, name, ~column.present, None,
                               lambda _value, _p, name=name: _(
                                   "{column} is empty; every row needs one").format(column=name))
        column.let_go()
    source.release()
    attrs = {"source": str(path), "encoding": sheet.encoding, "renamed": renamed,
             "decimal": mark}
    return _Part(sheet, names, typed, others, attrs)


def _typed_sheet(source: _CsvFile | _XlsxFile, names: list[str], columns: dict,
                 decimal: str | None, unique_id: bool, problems: _Problems
                 ) -> tuple[_Sheet | None, dict[str, _Column], dict[int, pa.ChunkedArray]]:
    """Read the records, amounts and dates parsed by Arrow while reading when every cell
    of them is plain (1234.5, 2025-03-31: the usual export), else all as text. Returns the
    sheet, our columns and the others (by position)."""
    def columns_of(sheet: _Sheet) -> tuple[_Sheet, dict[str, _Column],
                                           dict[int, pa.ChunkedArray]]:
        table, sheet.table = sheet.table, None  # the columns below hold the cells now
        typed = {name: _Column(sheet, name, columns[name][0], table.column(position))
                 for position, name in enumerate(names) if name in columns}
        others = {position: table.column(position) for position, name in enumerate(names)
                  if name not in columns}
        return sheet, typed, others

    keys = {position: _KEYS for position, name in enumerate(names)
            if name in columns and columns[name][0] == "id" and not unique_id}
    fast = keys | {position: pa.float64() if columns[name][0] == "amount" else _STAMPS
                   for position, name in enumerate(names)
                   if name in columns and (columns[name][0] == "date"
                                           or columns[name][0] == "amount" and decimal != ",")}
    again = problems
    if fast and isinstance(source, _CsvFile):
        try:
            sheet = _sheet(source, fast, problems)
        except _NotPlain:
            sheet = None
        else:
            if sheet is None:
                return None, {}, {}
            sheet, typed, others = columns_of(sheet)
            if _plain_amounts([c for c in typed.values() if c.kind == "amount"]) and all(
                    _plain_dates(c) for c in typed.values() if c.kind == "date"):
                return sheet, typed, others
            again = _Problems()  # the rows' own problems are listed already
    sheet = _sheet(source, keys, again)
    return (None, {}, {}) if sheet is None else columns_of(sheet)


def _current_above_capacity(accounts: _Part, problems: _Problems) -> None:
    """One problem per account that buys more from us than it can buy at all (X > Y)."""
    if not {"current_cny", "capacity_cny"} <= set(accounts.typed):
        return
    current = accounts.typed["current_cny"].value
    capacity = accounts.typed["capacity_cny"].value
    problems.add_cells(accounts.sheet, "current_cny", current > capacity, current,
                       lambda _value, position: _(
                           "current_cny {current} is more than capacity_cny {capacity}; "
                           "expected at most the capacity: an account cannot buy more from us "
                           "than it buys in all").format(current=f"{current[position]:,.0f}",
                                                         capacity=f"{capacity[position]:,.0f}"))


def _link_accounts(accounts: _Part, orders: _Part, problems: _Problems) -> None:
    """Each transaction's account as a categorical over the accounts file's ids, and one
    problem per transaction whose account_id that file does not have."""
    if "account_id" not in accounts.typed or "account_id" not in orders.typed:
        return
    known = pc.drop_null(accounts.typed["account_id"].value).combine_chunks()
    column = orders.typed["account_id"]
    ids = column.value
    if not pa.types.is_dictionary(ids.type):  # an Excel file's ids, read as text
        ids = pc.dictionary_encode(ids)
    codes = np.empty(len(ids), dtype=np.int16 if len(known) < 2**15 else np.int32)
    start = 0
    for chunk in ids.chunks if isinstance(ids, pa.ChunkedArray) else [ids]:
        where = pc.index_in(_trimmed(chunk.dictionary), value_set=known)  # per distinct id
        codes[start: start + len(chunk)] = pc.fill_null(pc.take(where, chunk.indices), -1)
        start += len(chunk)
    source = accounts.sheet.file
    problems.add_cells(orders.sheet, "account_id", column.present & (codes < 0), ids,
                       lambda value, _p: _(
                           "account_id {value} is not in the accounts file {source}; expected "
                           "an account_id of that file").format(value=value, source=source))
    column.value = pd.Categorical.from_codes(codes, categories=pd.Index(
        known.to_pandas(), dtype="str"), validate=False)


def read_crm_export(
    path: str | os.PathLike,
    *,
    mapping: Mapping[str, str] | None = None,
    transactions: str | os.PathLike | None = None,
    transactions_mapping: Mapping[str, str] | None = None,
    decimal: str | None = None,
    dayfirst: bool | None = None,
) -> pd.DataFrame | tuple[pd.DataFrame, pd.DataFrame]:
    """Read a learner's own CRM export of accounts (and, if given, transactions).

    Parameters
    ----------
    path : str or os.PathLike
        The accounts export, ``.csv`` (UTF-8 or GBK/GB18030; comma, semicolon or tab
        separated) or ``.xlsx`` (its first sheet). Needs ``account_id``, ``name`` and
        ``capacity_cny``; ``industry``, ``region``, ``vip``, ``influence``, ``kam`` and
        ``current_cny`` are optional, other columns are kept as text.
    mapping : dict, optional
        Their header to our column name, for headers not in :data:`HEADER_SYNONYMS`.
    transactions : str or os.PathLike, optional
        The transactions export: ``date``, ``account_id``, ``revenue_cny`` (and optionally
        ``order_id``, ``line_id``, ``quantity``). Every ``account_id`` must be in the
        accounts file.
    transactions_mapping : dict, optional
        Like ``mapping``, for the transactions file.
    decimal : {None, ".", ","}, optional
        The decimal mark of amounts. None: the file's own way when clear (a file with
        "1.200,50" or "1,5" uses ","), else "." ("1,200" is one thousand two hundred, as
        Chinese and English exports write it).
    dayfirst : bool, optional
        How to read dates written with the year last: True for day/month/year (03/04/2025
        is 3 April), False for month/day/year. None: such dates are read only when every one
        fits a single order; ambiguous ones are problems. ISO and Chinese dates
        (2025-04-03, 2025/4/3, 2025年4月3日) never depend on it.

    Returns
    -------
    pandas.DataFrame or tuple of two DataFrames
        The typed accounts, or ``(accounts, transactions)``: amounts float (CNY), ``date``
        datetime64, ``vip`` bool (False without a ``vip`` column), ``influence`` Int64,
        ``industry`` and ``region`` categorical, ids and texts str. Each frame's ``attrs``
        say the ``source`` file, the ``encoding`` ("utf-8-sig", "gb18030" or "xlsx"), the
        columns ``renamed`` and the ``decimal`` mark used.

    Raises
    ------
    CRMExportError
        Listing every problem of both files at once (the first :data:`MAX_LISTED`, then how
        many more), each with file, row (the header is row 1), column, the value and what
        is allowed. Bad arguments raise :class:`~kamlib.validation.KamValueError`.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "accounts.csv").write_text(
    ...     "客户编号,客户名称,采购能力\\nK1,甲公司,\\"1,200,000\\"\\nK2,乙公司,120万\\n",
    ...     encoding="utf-8")
    >>> read_crm_export(folder / "accounts.csv")["capacity_cny"].tolist()
    [1200000.0, 1200000.0]

    The files are only read, never written.
    """
    if decimal is not None:
        check_choice("decimal", decimal, [".", ","])
    if dayfirst is not None:
        check_bool("dayfirst", dayfirst)
    problems = _Problems()
    accounts = _read_part(path, mapping, ACCOUNT_COLUMNS, True, "path", decimal, dayfirst,
                          problems)
    orders = None
    if transactions is not None:
        orders = _read_part(transactions, transactions_mapping, TRANSACTION_COLUMNS, False,
                            "transactions", decimal, dayfirst, problems)
        if accounts is not None and orders is not None:
            _link_accounts(accounts, orders, problems)
    if accounts is not None:
        _current_above_capacity(accounts, problems)
    problems.raise_if_any([Path(p).name for p in (path, transactions) if p is not None])
    frame = accounts.frame()
    if "vip" not in frame.columns:
        frame["vip"] = False
    return frame if orders is None else (frame, orders.frame())
