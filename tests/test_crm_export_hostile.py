"""A learner's CRM export as it comes in real life: European numbers, ambiguous dates, mixed
encodings, broken rows, huge workbooks. Every case is read right or listed as a problem with
file, row, column, value and what is allowed; never a raw error, never a silent guess.
The hostile files are made by hand here, small, in a temporary folder."""

from __future__ import annotations

import time
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from kamlib.crm_export import MAX_LISTED, CRMExportError, read_crm_export
from kamlib.validation import KamValueError

HEADER = "account_id,name,capacity_cny\n"


def write(folder: Path, name: str, text: str | bytes, encoding: str = "utf-8") -> Path:
    path = folder / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode(encoding))
    return path


def problems(error: CRMExportError | pytest.ExceptionInfo) -> list[tuple]:
    error = getattr(error, "value", error)
    return [(p["file"], p["row"], p["column"]) for p in error.problems]


def refused(path: Path, **options) -> CRMExportError:
    with pytest.raises(CRMExportError) as error:
        read_crm_export(path, **options)
    return error.value


def orders(folder: Path, dates: list[str], **options) -> pd.DataFrame:
    """Read a transactions file with these dates (all for account K1)."""
    accounts = write(folder, "accounts.csv", HEADER + "K1,Alpha,1000\n")
    rows = "".join(f'"{day}",K1,10\n' for day in dates)
    path = write(folder, "orders.csv", "date,account_id,revenue_cny\n" + rows)
    return read_crm_export(accounts, transactions=path, **options)[1]


def orders_refused(folder: Path, dates: list[str], **options) -> CRMExportError:
    with pytest.raises(CRMExportError) as error:
        orders(folder, dates, **options)
    return error.value


# --- numbers -----------------------------------------------------------------------------------


def test_a_european_file_with_decimal_commas_is_read_as_written(tmp_path):
    text = "account_id;name;capacity_cny\nK1;Alpha;1.200,50\nK2;Beta;1,5\nK3;Gamma;2.000.000\n"
    accounts = read_crm_export(write(tmp_path, "eu.csv", text))
    assert accounts["capacity_cny"].tolist() == [1200.5, 1.5, 2_000_000.0]
    assert accounts.attrs["decimal"] == ","


def test_a_comma_separated_file_with_quoted_decimal_commas(tmp_path):
    text = HEADER + 'K1,Alpha,"1.200,50"\nK2,Beta,"1,5"\n'
    accounts = read_crm_export(write(tmp_path, "eu.csv", text))
    assert accounts["capacity_cny"].tolist() == [1200.5, 1.5]


def test_one_decimal_comma_among_decimal_points_is_a_problem_never_15(tmp_path):
    text = HEADER + 'K1,Alpha,"1,200.50"\nK2,Beta,"1,5"\nK3,Gamma,3.25\n'
    error = refused(write(tmp_path, "mixed.csv", text))
    assert problems(error) == [("mixed.csv", 3, "capacity_cny")]
    assert ("'1,5' writes numbers as 1.234,56, but the amounts of this file are written as "
            "1,234.56, e.g. row 2: '1,200.50'") in str(error)


def test_a_decimal_argument_settles_the_convention(tmp_path):
    text = HEADER + 'K1,Alpha,"1.200"\nK2,Beta,"7,5"\n'
    path = write(tmp_path, "eu.csv", text)
    assert read_crm_export(path, decimal=",")["capacity_cny"].tolist() == [1200.0, 7.5]
    error = refused(path, decimal=".")
    assert problems(error) == [("eu.csv", 3, "capacity_cny")]
    assert "or pass decimal=','" in str(error)


def test_thousands_separators_alone_read_as_the_chinese_convention(tmp_path):
    text = HEADER + 'K1,Alpha,"1,200"\nK2,Beta,"35 000"\nK3,Gamma,800\n'
    accounts = read_crm_export(write(tmp_path, "cn.csv", text))
    assert accounts["capacity_cny"].tolist() == [1200.0, 35_000.0, 800.0]
    assert accounts.attrs["decimal"] == "."


@pytest.mark.parametrize("cell", ["inf", "-inf", "nan", "NaN", "Infinity", "1e400", "1e16",
                                  "1.5亿亿"])
def test_non_finite_and_implausible_amounts_are_refused(tmp_path, cell):
    error = refused(write(tmp_path, "accounts.csv", HEADER + f"K1,Alpha,{cell}\nK2,B,5\n"))
    assert problems(error) == [("accounts.csv", 2, "capacity_cny")]
    assert error.problems[0]["value"] == repr(cell)
    assert "expected" in error.problems[0]["problem"]


def test_an_infinite_revenue_in_an_otherwise_plain_big_file_is_found(tmp_path):
    rows = "".join(f"2025-01-{1 + i % 28:02d},K1,{i}.5\n" for i in range(3000))
    rows = rows.replace("2025-01-08,K1,7.5", "2025-01-08,K1,inf")
    accounts = write(tmp_path, "accounts.csv", HEADER + "K1,Alpha,1000\n")
    path = write(tmp_path, "orders.csv", "date,account_id,revenue_cny\n" + rows)
    with pytest.raises(CRMExportError) as error:
        read_crm_export(accounts, transactions=path)
    assert problems(error) == [("orders.csv", 9, "revenue_cny")]
    assert "'inf' is not a number" in str(error.value)


@pytest.mark.parametrize(("cell", "value"), [
    ("¥1,200万元", 12_000_000.0), ("CNY 5", 5.0), ("5 RMB", 5.0), ("1.2亿", 120_000_000.0),
    ("１２０万", 1_200_000.0), ("￥３５，０００．５０", 35_000.5), ("+7", 7.0), (".5", 0.5),
    ("1.5E3", 1500.0), ("-0", 0.0),
])
def test_amount_spellings_read(tmp_path, cell, value):
    accounts = read_crm_export(write(tmp_path, "a.csv", HEADER + f'K1,Alpha,"{cell}"\n'))
    assert accounts["capacity_cny"].tolist() == [value]


@pytest.mark.parametrize("cell", ["-¥3", "¥-3", "(1,200)", "$5", "1,2,3", "1.200.5", "5 kg",
                                  "--5", "0x10", "1_000", "12元5"])
def test_amount_misspellings_are_listed(tmp_path, cell):
    error = refused(write(tmp_path, "a.csv", HEADER + f'K1,Alpha,"{cell}"\n'))
    assert problems(error) == [("a.csv", 2, "capacity_cny")]


# --- dates -------------------------------------------------------------------------------------


def test_a_day_month_file_is_refused_without_dayfirst_and_never_swapped(tmp_path):
    error = orders_refused(tmp_path, ["03/04/2025", "05/06/2025", "13/04/2025"])
    assert problems(error) == [("orders.csv", 2, "date")]
    message = str(error)
    assert "'03/04/2025' and 1 other dates of this column could be day/month/year or " \
        "month/day/year (row 4 has '13/04/2025', which only fits day/month/year)" in message
    assert "dayfirst=True" in message


def test_dayfirst_reads_day_month_and_month_day_files(tmp_path):
    dates = ["03/04/2025", "3.4.2025"]
    day_first = orders(tmp_path, dates, dayfirst=True)["date"]
    month_first = orders(tmp_path, dates, dayfirst=False)["date"]
    assert day_first.tolist() == [pd.Timestamp("2025-04-03")] * 2
    assert month_first.tolist() == [pd.Timestamp("2025-03-04")] * 2


def test_a_date_impossible_in_the_order_given_is_a_problem(tmp_path):
    error = orders_refused(tmp_path, ["13/04/2025"], dayfirst=False)
    assert "'13/04/2025' is not a date" in str(error)


def test_dates_that_fit_one_order_only_are_read_that_way(tmp_path):
    assert orders(tmp_path, ["13/04/2025", "25/12/2024", "01/01/2025"])["date"].tolist() == \
        list(pd.to_datetime(["2025-04-13", "2024-12-25", "2025-01-01"]))


def test_dates_in_both_orders_list_the_fewer(tmp_path):
    error = orders_refused(tmp_path, ["13/04/2025", "25/12/2024", "04/13/2025"])
    assert problems(error) == [("orders.csv", 4, "date")]
    assert "'04/13/2025' only fits month/day/year, unlike the other dates" in str(error)


@pytest.mark.parametrize("cell", ["2025-03-31T10:00:00+08:00", "2025-03-31 10:00Z",
                                  "2025-03-31 10:00 UTC"])
def test_time_zone_offsets_are_problems_not_raw_errors(tmp_path, cell):
    error = orders_refused(tmp_path, ["2025-03-30", cell])
    assert problems(error) == [("orders.csv", 3, "date")]
    assert "has a time-zone offset" in str(error)


@pytest.mark.parametrize("cell", ["0001-01-01", "9999-12-31", "1899-12-30", "2101-01-01"])
def test_dates_out_of_range_are_problems(tmp_path, cell):
    error = orders_refused(tmp_path, ["2025-03-30", cell])
    assert problems(error) == [("orders.csv", 3, "date")]
    assert "is outside 1900-01-01 to 2100-12-31" in str(error)


@pytest.mark.parametrize("cell", ["now", "today", "2025", "45678", "2025-02-29", "2024-02-30",
                                  "03/04/25", "2025-03-31 25:00", "March 3, 2025", "31/31/2025"])
def test_words_numbers_and_impossible_days_are_not_dates(tmp_path, cell):
    error = orders_refused(tmp_path, ["2025-03-30", cell])
    assert problems(error) == [("orders.csv", 3, "date")]
    assert "is not a date" in str(error)


def test_date_spellings_read(tmp_path):
    dates = ["2025-03-31", "2025/3/31", "2025.3.31", "2025年3月31日", "２０２５年３月３１日",
             "2025-03-31 14:30", "2024/2/29 08:00:05", " 2025-3-31 "]
    read = orders(tmp_path, dates)["date"]
    assert read.tolist() == list(pd.to_datetime(
        ["2025-03-31"] * 5 + ["2025-03-31 14:30", "2024-02-29 08:00:05", "2025-03-31"],
        format="ISO8601"))
    assert str(read.dtype) == "datetime64[ns]"


# --- the file ----------------------------------------------------------------------------------


def test_one_gbk_row_among_utf8_rows_is_refused_with_its_row(tmp_path):
    data = (HEADER + "K1,甲公司,100\nK2,乙公司,200\n").encode("utf-8") + \
        "K3,丙公司,300\n".encode("gbk") + "K4,丁公司,400\n".encode()
    error = refused(write(tmp_path, "mixed.csv", data))
    assert problems(error) == [("mixed.csv", 4, None)]
    assert "the row is not UTF-8 (GBK?) while the rest of the file is UTF-8" in str(error)


def test_one_utf8_row_among_gbk_rows_is_refused_with_its_row(tmp_path):
    data = (HEADER + "K1,甲公司,100\nK2,乙公司,200\nK3,丙公司,300\n").encode("gbk") + \
        "K4,丁公司,400\n".encode()
    error = refused(write(tmp_path, "mixed.csv", data))
    assert problems(error) == [("mixed.csv", 5, None)]
    assert "the row is UTF-8 while the rest of the file is GBK" in str(error)


def test_a_duplicated_header_is_reported_never_a_column_dropped(tmp_path):
    text = "account_id,name,capacity_cny,备注,备注\nK1,Alpha,100,a,b\n"
    error = refused(write(tmp_path, "dup.csv", text))
    assert problems(error) == [("dup.csv", 1, "备注")]
    assert "the header '备注' appears in columns 4 and 5" in str(error)


def test_nul_bytes_are_refused_with_their_row(tmp_path):
    error = refused(write(tmp_path, "nul.csv", HEADER + "K1,Alpha,100\nK2,Be\x00ta,5\n"))
    assert problems(error) == [("nul.csv", 3, None)]
    assert "NUL byte" in str(error)


def test_an_unquoted_comma_in_a_company_name_is_a_row_with_too_many_values(tmp_path):
    text = HEADER + "K1,Alpha,100\nK2,Beta Co., Ltd.,800000\nK3,Gamma,x\nK4,Delta\n"
    error = refused(write(tmp_path, "accounts.csv", text))
    assert problems(error) == [("accounts.csv", 3, None), ("accounts.csv", 4, "capacity_cny"),
                               ("accounts.csv", 5, None)]
    message = str(error)
    assert "row 3: the row has 4 values but the header has 3 columns" in message
    assert "(e.g. Co., Ltd.) must be in quotes" in message
    assert "row 5: the row has 2 values" in message
    assert error.problems[0]["value"] == repr("K2,Beta Co., Ltd.,800000")


def test_rows_count_records_as_a_spreadsheet_shows_them(tmp_path):
    text = ('\n\naccount_id,name,capacity_cny,note\n'
            'K1,Alpha,1,"two\nlines"\n\n   \nK2,Beta,2,\nK3,Gamma,x,\n')
    error = refused(write(tmp_path, "accounts.csv", text))
    assert problems(error) == [("accounts.csv", 8, "capacity_cny")]


def test_a_semicolon_file_with_a_bom_and_crlf_lines(tmp_path):
    text = "\ufeffaccount_id;name;capacity_cny\r\nK1;Alpha;100\r\nK2;Beta;200\r\n"
    accounts = read_crm_export(write(tmp_path, "a.csv", text))
    assert accounts["account_id"].tolist() == ["K1", "K2"]
    assert accounts["capacity_cny"].tolist() == [100.0, 200.0]


def test_an_empty_optional_amount_and_a_missing_required_one(tmp_path):
    accounts = write(tmp_path, "accounts.csv", HEADER + "K1,Alpha,1000\n")
    rows = "date,account_id,revenue_cny,quantity\n2025-01-02,K1,5,\n2025-01-03,K1,,2\n"
    with pytest.raises(CRMExportError) as error:
        read_crm_export(accounts, transactions=write(tmp_path, "o.csv", rows))
    assert problems(error) == [("o.csv", 3, "revenue_cny")]
    assert "revenue_cny is empty; every row needs one" in str(error.value)


def test_messages_stay_short_however_bad_the_file(tmp_path):
    rows = "".join(f"K{i},{'x' * 5000},bad{i}\n" for i in range(10_000))
    error = refused(write(tmp_path, "big.csv", HEADER + rows))
    assert error.total == 10_000
    assert len(error.problems) == MAX_LISTED
    message = str(error)
    assert message.startswith("The CRM export has 10,000 problem(s)")
    assert "... and 9,950 more" in message
    assert len(message) < 8_000
    assert all(len(p["value"]) <= 45 for p in error.problems)


def test_a_very_long_cell_is_shown_cut(tmp_path):
    error = refused(write(tmp_path, "a.csv", HEADER + f"K1,Alpha,{'9' * 8000}x\n"))
    assert error.problems[0]["value"].endswith("…'") and len(error.problems[0]["value"]) <= 45


# --- Excel -------------------------------------------------------------------------------------


def workbook(path: Path, rows: list[list]) -> Path:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def with_far_cell(path: Path, row: int, column: int) -> Path:
    """A small accounts workbook with one more value far out."""
    workbook(path, [["account_id", "name", "capacity_cny"], ["K1", "Alpha", 100]])
    book = openpyxl.load_workbook(path)
    book.active.cell(row=row, column=column, value="x")
    book.save(path)
    return path


def edit_sheet(path: Path, old: bytes, new: bytes) -> None:
    """Rewrite the workbook with ``old`` replaced by ``new`` in its sheet's XML."""
    with zipfile.ZipFile(path) as archive:
        parts = {item.filename: archive.read(item) for item in archive.infolist()}
    sheet = "xl/worksheets/sheet1.xml"
    parts[sheet] = parts[sheet].replace(old, new)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def test_a_small_workbook_with_one_far_cell_is_refused_quickly(tmp_path):
    path = with_far_cell(tmp_path / "far.xlsx", 1_048_576, 16_384)
    assert path.stat().st_size < 10_000
    start = time.perf_counter()
    error = refused(path)
    assert time.perf_counter() - start < 5
    assert "the sheet spans 16,384 columns and 1,048,576 rows; expected at most 200 " \
        "columns" in str(error)


def test_a_far_cell_the_sheet_does_not_declare_is_found_while_reading(tmp_path):
    path = with_far_cell(tmp_path / "far.xlsx", 3, 5000)
    edit_sheet(path, b'<dimension ref="A1:GJH3" />', b'<dimension ref="A1:C2" />')
    error = refused(path)
    assert problems(error) == [("far.xlsx", 3, None)]
    assert "a cell far out, in column GJH" in str(error)


def test_a_workbook_that_unpacks_to_a_huge_sheet_is_refused_before_unpacking(tmp_path):
    path = workbook(tmp_path / "bomb.xlsx", [["account_id", "name", "capacity_cny"]])
    edit_sheet(path, b"<sheetData>", b"<sheetData>" + b" " * (93 << 20))
    assert path.stat().st_size < 400_000
    start = time.perf_counter()
    error = refused(path)
    assert time.perf_counter() - start < 1
    assert "cannot be read as an Excel workbook: the workbook unpacks to 97,5" in str(error)
    assert "a big export as CSV" in str(error)


def test_excel_dates_numbers_and_a_serial_number_in_a_date_column(tmp_path):
    accounts = workbook(tmp_path / "a.xlsx", [["account_id", "name", "capacity_cny"],
                                              ["K1", "Alpha", 1_000_000]])
    orders_path = workbook(tmp_path / "o.xlsx", [
        ["date", "account_id", "revenue_cny"],
        [pd.Timestamp("2025-03-31").to_pydatetime(), "K1", 10.5],
        [45678, "K1", 3],
        [pd.Timestamp("2025-04-01 09:30").to_pydatetime(), "K1", "1,200"],
    ])
    with pytest.raises(CRMExportError) as error:
        read_crm_export(accounts, transactions=orders_path)
    assert problems(error) == [("o.xlsx", 3, "date")]
    assert "'45678' is not a date" in str(error.value)


def test_reading_never_changes_an_excel_file(tmp_path):
    path = workbook(tmp_path / "a.xlsx", [["account_id", "name", "capacity_cny"],
                                          ["K1", "Alpha", 100], ["K1", "Beta", -5]])
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    refused(path)
    read_crm_export(workbook(tmp_path / "b.xlsx", [["account_id", "name", "capacity_cny"],
                                                   ["K1", "Alpha", 100]]))
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.xlsx", "b.xlsx"]


# --- arguments ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("options", "message"), [
    ({"decimal": ";"}, r"decimal: got ';'; expected one of '\.', ','"),
    ({"dayfirst": "yes"}, r"dayfirst: got 'yes'; expected True or False"),
])
def test_bad_options_are_named(tmp_path, options, message):
    with pytest.raises(KamValueError, match=message):
        read_crm_export(write(tmp_path, "a.csv", HEADER + "K1,A,1\n"), **options)
