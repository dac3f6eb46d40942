"""Reading a learner's own CRM export: good files are typed, bad files get one clear error."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from kamlib.datasets import CRMExportError, read_crm_export
from kamlib.validation import KamValueError

ACCOUNTS = (
    "account_id,name,capacity_cny,industry,region,vip,influence,kam,current_cny\n"
    "K1,Alpha Motors,5000000,automotive parts,East China,yes,5,Ann,1200000\n"
    "K2,Beta Boxes,800000,packaging,South China,no,2,Bo,\n"
    "K3,Gamma Ships,20000000,shipbuilding,East China,否,4,Ann,0\n"
)
TRANSACTIONS = (
    "date,account_id,revenue_cny\n"
    "2025-03-31,K1,600000\n"
    "2025/4/2,K1,600000\n"
    "2025年5月6日,K3,1500\n"
)


def write(folder: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = folder / name
    path.write_bytes(text.encode(encoding))
    return path


def problems_of(error: pytest.ExceptionInfo) -> list[tuple]:
    return [(p["file"], p["row"], p["column"]) for p in error.value.problems]


# --- good files -----------------------------------------------------------------------------


def test_an_export_with_our_column_names_is_typed(tmp_path):
    accounts = read_crm_export(write(tmp_path, "accounts.csv", ACCOUNTS))
    assert list(accounts["account_id"]) == ["K1", "K2", "K3"]
    assert accounts["capacity_cny"].dtype == "float64"
    assert accounts["current_cny"].tolist()[0] == 1_200_000 and pd.isna(accounts["current_cny"][1])
    assert accounts["vip"].dtype == bool and accounts["vip"].tolist() == [True, False, False]
    assert accounts["influence"].tolist() == [5, 2, 4]
    assert isinstance(accounts["region"].dtype, pd.CategoricalDtype)
    assert pd.api.types.is_string_dtype(accounts["name"].dtype)
    assert accounts.attrs["encoding"] == "utf-8-sig"
    assert accounts.attrs["renamed"] == {}


def test_accounts_and_transactions_come_back_as_a_pair(tmp_path):
    accounts, sales = read_crm_export(write(tmp_path, "accounts.csv", ACCOUNTS),
                                      transactions=write(tmp_path, "orders.csv", TRANSACTIONS))
    assert len(accounts) == 3
    assert list(sales["date"]) == list(pd.to_datetime(["2025-03-31", "2025-04-02",
                                                       "2025-05-06"]))
    assert pd.api.types.is_datetime64_dtype(sales["date"].dtype)
    assert sales["revenue_cny"].sum() == 1_201_500


def test_a_realistic_chinese_gbk_export_is_recognised_without_a_mapping(tmp_path):
    text = (
        "客户编号,客户名称,行业,区域,采购能力,目前的购买状况,大客户经理,备注\n"
        "C-01,苏州甲公司,电子,华东,\"1,200,000\",\"300,000\",王经理,老客户\n"
        "\n"
        "C-02,乙公司,汽车零部件,华南,120万,￥ 50 000,李经理,\n"
    )
    path = write(tmp_path, "客户导出.csv", text, encoding="gbk")
    accounts = read_crm_export(path)
    assert accounts.attrs["encoding"] == "gb18030"
    assert accounts["account_id"].tolist() == ["C-01", "C-02"]
    assert accounts["capacity_cny"].tolist() == [1_200_000.0, 1_200_000.0]
    assert accounts["current_cny"].tolist() == [300_000.0, 50_000.0]
    assert accounts["kam"].tolist() == ["王经理", "李经理"]
    assert accounts["备注"].tolist()[0] == "老客户"  # unknown columns are kept as they are
    assert accounts.attrs["renamed"]["采购能力"] == "capacity_cny"


def test_a_mapping_renames_headers_that_are_not_recognised(tmp_path):
    text = "Kunde,Firma,Potenzial\nK1,Alpha,1000\n"
    accounts = read_crm_export(write(tmp_path, "de.csv", text),
                               mapping={"Kunde": "account_id", "Firma": "name",
                                        "Potenzial": "capacity_cny"})
    assert list(accounts.columns) == ["account_id", "name", "capacity_cny", "vip"]
    assert accounts["capacity_cny"].tolist() == [1000.0]


def test_excel_exports_are_read(tmp_path):
    accounts_path = tmp_path / "accounts.xlsx"
    orders_path = tmp_path / "orders.xlsx"
    pd.DataFrame({"Customer ID": ["K1", "K2"], "Customer name": ["Alpha", "Beta"],
                  "Capacity": [5_000_000, 750_000.5]}).to_excel(accounts_path, index=False)
    pd.DataFrame({"Order date": pd.to_datetime(["2025-01-03", "2025-02-04"]),
                  "Customer ID": ["K1", "K2"], "Amount": [1000, 2000]}).to_excel(
        orders_path, index=False)
    accounts, sales = read_crm_export(accounts_path, transactions=orders_path)
    assert accounts["capacity_cny"].tolist() == [5_000_000.0, 750_000.5]
    assert accounts.attrs["encoding"] == "xlsx"
    assert sales["date"].tolist() == list(pd.to_datetime(["2025-01-03", "2025-02-04"]))
    assert sales["revenue_cny"].tolist() == [1000.0, 2000.0]


def test_reading_never_changes_the_files(tmp_path):
    accounts_path = write(tmp_path, "accounts.csv", ACCOUNTS)
    orders_path = write(tmp_path, "orders.csv", TRANSACTIONS.replace("K3", "K9"))
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in (accounts_path, orders_path)}
    read_crm_export(accounts_path)
    with pytest.raises(CRMExportError):
        read_crm_export(accounts_path, transactions=orders_path)
    after = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in (accounts_path, orders_path)}
    assert after == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["accounts.csv", "orders.csv"]


# --- bad files: one error, every problem, row and column ------------------------------------


def test_the_error_is_a_kam_value_error_listing_every_problem_at_once(tmp_path):
    text = ("account_id,name,capacity_cny\n"
            "K1,Alpha,abc\n"
            ",Beta,100\n"
            "K1,Gamma,-5\n")
    with pytest.raises(CRMExportError) as error:
        read_crm_export(write(tmp_path, "accounts.csv", text))
    assert isinstance(error.value, KamValueError)
    assert problems_of(error) == [
        ("accounts.csv", 2, "capacity_cny"),
        ("accounts.csv", 3, "account_id"),
        ("accounts.csv", 4, "account_id"),
        ("accounts.csv", 4, "capacity_cny"),
    ]
    message = str(error.value)
    assert message.startswith("The CRM export has 4 problem(s)")
    assert "accounts.csv, row 2, column 'capacity_cny': 'abc' is not a number" in message
    assert "accounts.csv, row 3, column 'account_id': account_id is empty" in message
    assert "row 4, column 'account_id': duplicate account_id 'K1'; it is already in row 2" \
        in message
    assert "row 4, column 'capacity_cny': '-5' is negative" in message


def test_a_missing_file(tmp_path):
    with pytest.raises(CRMExportError, match=r"nothere\.csv: file not found: '.*nothere\.csv'"):
        read_crm_export(tmp_path / "nothere.csv")


@pytest.mark.parametrize("name", ["accounts.xls", "accounts.txt", "accounts"])
def test_a_wrong_extension(tmp_path, name):
    path = write(tmp_path, name, ACCOUNTS)
    with pytest.raises(CRMExportError, match=r"expected \.csv or \.xlsx"):
        read_crm_export(path)


@pytest.mark.parametrize("text", ["", "\n\n  \n"])
def test_an_empty_file(tmp_path, text):
    with pytest.raises(CRMExportError, match=r"accounts\.csv: the file is empty"):
        read_crm_export(write(tmp_path, "accounts.csv", text))


@pytest.mark.parametrize("rows", ["", ",,\n", "\n\n"])
def test_a_header_without_rows(tmp_path, rows):
    text = "account_id,name,capacity_cny\n" + rows
    with pytest.raises(CRMExportError, match=r"accounts\.csv: has a header row but no data"):
        read_crm_export(write(tmp_path, "accounts.csv", text))


def test_a_missing_required_column(tmp_path):
    text = "account_id,name,budget\nK1,Alpha,100\n"
    with pytest.raises(CRMExportError) as error:
        read_crm_export(write(tmp_path, "accounts.csv", text))
    assert problems_of(error) == [("accounts.csv", None, "capacity_cny")]
    assert "required column 'capacity_cny' is missing; the file has 'account_id', 'name', " \
        "'budget'; pass mapping={'<your header>': 'capacity_cny'}" in str(error.value)


def test_a_mapping_to_an_unknown_column(tmp_path):
    with pytest.raises(CRMExportError, match=r"column 'name': mapping sends 'name' to "
                                             r"'company', which is not a column we know; "
                                             r"expected one of account_id, name"):
        read_crm_export(write(tmp_path, "accounts.csv", ACCOUNTS), mapping={"name": "company"})


def test_a_mapping_naming_a_header_the_file_lacks(tmp_path):
    with pytest.raises(CRMExportError, match=r"mapping names 'Budget', which is not a header "
                                             r"of the file"):
        read_crm_export(write(tmp_path, "accounts.csv", ACCOUNTS),
                        mapping={"Budget": "capacity_cny"})


def test_two_headers_with_the_same_meaning(tmp_path):
    text = "account_id,name,capacity,采购能力\nK1,A,1,2\n"
    with pytest.raises(CRMExportError, match=r"both 'capacity' and '采购能力' look like "
                                             r"'capacity_cny'"):
        read_crm_export(write(tmp_path, "accounts.csv", text))


def test_a_non_numeric_amount(tmp_path):
    text = ACCOUNTS.replace("800000", "about 1m")
    with pytest.raises(CRMExportError, match=r"row 3, column 'capacity_cny': 'about 1m' is not "
                                             r"a number; expected an amount in CNY"):
        read_crm_export(write(tmp_path, "accounts.csv", text))


def test_a_negative_amount(tmp_path):
    orders = TRANSACTIONS.replace("1500", "\"-1,500\"")
    with pytest.raises(CRMExportError, match=r"orders\.csv, row 4, column 'revenue_cny': "
                                             r"'-1,500' is negative; expected an amount >= 0"):
        read_crm_export(write(tmp_path, "accounts.csv", ACCOUNTS),
                        transactions=write(tmp_path, "orders.csv", orders))


def test_a_missing_account_id(tmp_path):
    text = ACCOUNTS.replace("K2,", ",")
    with pytest.raises(CRMExportError, match=r"row 3, column 'account_id': account_id is "
                                             r"empty; every row needs one"):
        read_crm_export(write(tmp_path, "accounts.csv", text))


def test_duplicate_account_ids(tmp_path):
    text = ACCOUNTS.replace("K3,", "K1,")
    with pytest.raises(CRMExportError, match=r"row 4, column 'account_id': duplicate "
                                             r"account_id 'K1'; it is already in row 2"):
        read_crm_export(write(tmp_path, "accounts.csv", text))


def test_an_unparseable_date(tmp_path):
    orders = TRANSACTIONS.replace("2025/4/2", "2025-13-45")
    with pytest.raises(CRMExportError, match=r"orders\.csv, row 3, column 'date': "
                                             r"'2025-13-45' is not a date"):
        read_crm_export(write(tmp_path, "accounts.csv", ACCOUNTS),
                        transactions=write(tmp_path, "orders.csv", orders))


def test_transactions_naming_an_unknown_account(tmp_path):
    orders = TRANSACTIONS.replace("K3", "K9")
    with pytest.raises(CRMExportError, match=r"orders\.csv, row 4, column 'account_id': "
                                             r"account_id 'K9' is not in the accounts file "
                                             r"accounts\.csv"):
        read_crm_export(write(tmp_path, "accounts.csv", ACCOUNTS),
                        transactions=write(tmp_path, "orders.csv", orders))


def test_a_file_in_neither_utf8_nor_gbk(tmp_path):
    path = write(tmp_path, "accounts.csv", ACCOUNTS, encoding="utf-16")
    with pytest.raises(CRMExportError, match=r"cannot be decoded as UTF-8 or GBK/GB18030; "
                                             r"save it as CSV UTF-8"):
        read_crm_export(path)


def test_a_corrupt_excel_file(tmp_path):
    path = write(tmp_path, "accounts.xlsx", ACCOUNTS)  # CSV text with an .xlsx name
    with pytest.raises(CRMExportError, match=r"accounts\.xlsx: cannot be read as an Excel "
                                             r"workbook"):
        read_crm_export(path)


def test_current_purchases_above_capacity(tmp_path):
    text = ACCOUNTS.replace("800000,packaging", "80000,packaging").replace(",Bo,", ",Bo,90000")
    with pytest.raises(CRMExportError, match=r"row 3, column 'current_cny': current_cny "
                                             r"90,000 is more than capacity_cny 80,000"):
        read_crm_export(write(tmp_path, "accounts.csv", text))


def test_bad_vip_and_influence_values(tmp_path):
    text = ACCOUNTS.replace("yes,5", "maybe,7")
    with pytest.raises(CRMExportError) as error:
        read_crm_export(write(tmp_path, "accounts.csv", text))
    assert problems_of(error) == [("accounts.csv", 2, "vip"), ("accounts.csv", 2, "influence")]
    assert "'maybe' is not a yes/no value" in str(error.value)
    assert "'7' is not allowed; expected a whole number from 0 to 5" in str(error.value)


def test_row_numbers_count_blank_lines_as_the_learner_sees_them(tmp_path):
    text = "account_id,name,capacity_cny\nK1,A,1\n\n\nK2,B,x\n"
    with pytest.raises(CRMExportError) as error:
        read_crm_export(write(tmp_path, "accounts.csv", text))
    assert problems_of(error) == [("accounts.csv", 5, "capacity_cny")]


def test_problems_in_both_files_are_reported_together(tmp_path):
    accounts = ACCOUNTS.replace("800000", "n/a")
    orders = TRANSACTIONS.replace("2025/4/2", "soon")
    with pytest.raises(CRMExportError) as error:
        read_crm_export(write(tmp_path, "accounts.csv", accounts),
                        transactions=write(tmp_path, "orders.csv", orders))
    assert problems_of(error) == [("accounts.csv", 3, "capacity_cny"),
                                  ("orders.csv", 3, "date")]


# --- bad arguments ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"path": 42}, r"path: got 42; expected a file path"),
        ({"path": "x.csv", "mapping": ["Kunde"]}, r"mapping: got \['Kunde'\]; expected None or "
                                                   r"a dict"),
        ({"path": "x.csv", "mapping": {"Kunde": 1}}, r"mapping: got \{'Kunde': 1\}"),
        ({"path": "x.csv", "transactions": 3.5}, r"transactions: got 3.5; expected a file path"),
        ({"path": "x.csv", "transactions": "t.csv", "transactions_mapping": "date"},
         r"transactions_mapping: got 'date'; expected None or a dict"),
    ],
)
def test_bad_arguments_are_rejected(arguments, message):
    with pytest.raises(KamValueError, match=message):
        read_crm_export(**arguments)


def test_a_mapping_settles_which_of_two_similar_headers_is_used(tmp_path):
    text = "account_id,name,capacity,采购能力\nK1,A,1,2\n"
    accounts = read_crm_export(write(tmp_path, "accounts.csv", text),
                               mapping={"采购能力": "capacity_cny"})
    assert accounts["capacity_cny"].tolist() == [2.0]
    assert accounts["capacity (not used)"].tolist() == ["1"]


# --- the case data, exported as a CRM would, gives the same answers ---------------------------


def test_the_case_data_read_back_from_a_crm_export_gives_the_same_answers(tmp_path):
    from kamlib import ansoff, datasets, economics, pareto, stages, uncoupling

    accounts, orders = datasets.load("accounts"), datasets.load("transactions")
    contacts = datasets.load("contacts")
    accounts.drop(columns=["first_order_date"]).to_csv(tmp_path / "accounts.csv", index=False)
    orders.to_csv(tmp_path / "orders.csv", index=False)
    _, read = read_crm_export(tmp_path / "accounts.csv", transactions=tmp_path / "orders.csv")
    assert isinstance(read["account_id"].dtype, pd.CategoricalDtype)
    assert list(read["account_id"].cat.categories) == accounts["account_id"].tolist()
    assert read["account_id"].astype(str).tolist() == orders["account_id"].tolist()
    answers = {
        "revenue by account": lambda t: pareto.revenue_by_account(t),
        "yearly revenue": lambda t: pareto.yearly_revenue(t),
        "revenue trend": lambda t: uncoupling.revenue_trend(t),
        "trade facts": lambda t: stages.trade_facts(t, accounts),
        "stages": lambda t: stages.relationship_stages(contacts, t, accounts),
        "single-line accounts": lambda t: ansoff.single_line_accounts(accounts, t),
    }
    for name, answer in answers.items():
        expected, got = answer(orders), answer(read)
        compare = (pd.testing.assert_frame_equal if isinstance(expected, pd.DataFrame)
                   else pd.testing.assert_series_equal)
        compare(got, expected, check_dtype=False, check_categorical=False,
                check_index_type=False, obj=name)
    assert pareto.concentration_from_transactions(read).top_share == \
        pareto.concentration_from_transactions(orders).top_share
    assert economics.retention(read, year=2025) == economics.retention(orders, year=2025)
