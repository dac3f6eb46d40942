"""The case data: typed loading, data dictionary, reproducibility and the story it must tell."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from kamlib import datasets, settings
from kamlib.datasets import SCHEMA, TABLES, data_dictionary, load
from kamlib.validation import KamValueError

DATA = Path(datasets.__file__).resolve().parent / "data"
GENERATOR = Path(datasets.__file__).resolve().parent.parent / "datasets" / "generate.py"
VISIT_DAYS_A = 30

#: The data is built for the default settings, not for an instructor's file.
AS_OF = settings.load().today
SCORE_CUTS_CNY = settings.load().score_cuts_cny


@pytest.fixture(scope="module")
def generate():
    """The generator script, imported from its file (datasets/ is not a package)."""
    spec = importlib.util.spec_from_file_location("kam_generate", GENERATOR)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def tables():
    return {name: load(name) for name in TABLES}


@pytest.fixture(scope="module")
def revenue_2025(tables):
    sales = tables["transactions"]
    in_2025 = sales[sales["date"].dt.year == 2025]
    by_account = in_2025.groupby("account_id")["revenue_cny"].sum()
    return by_account.reindex(tables["accounts"]["account_id"], fill_value=0.0)


@pytest.fixture(scope="module")
def account_class(tables, revenue_2025):
    """The default XY-grid class (A: X >= 3 and Y >= 3, C: Y <= 1, else B; VIP overrides)."""
    accounts = tables["accounts"].set_index("account_id")
    x = pd.Series(np.searchsorted(SCORE_CUTS_CNY, revenue_2025, side="right"), accounts.index)
    y = pd.Series(np.searchsorted(SCORE_CUTS_CNY, accounts["capacity_cny"], side="right"),
                  accounts.index)
    grid = pd.Series(np.select([(x >= 3) & (y >= 3), y <= 1], ["A", "C"], "B"), accounts.index)
    return grid.where(~accounts["vip"], "VIP")


TYPE_CHECKS = {
    "str": pd.api.types.is_string_dtype,
    "category": lambda dtype: isinstance(dtype, pd.CategoricalDtype),
    "float": lambda dtype: dtype == np.float64,
    "int": lambda dtype: dtype == np.int64,
    "bool": lambda dtype: dtype == np.bool_,
    "boolean": lambda dtype: dtype == pd.BooleanDtype(),
    "datetime": pd.api.types.is_datetime64_dtype,
}


# --- loading -------------------------------------------------------------------------------


def test_tables_are_the_six_of_the_contract():
    assert TABLES == ("accounts", "transactions", "product_lines", "contacts", "visits",
                      "people")
    assert AS_OF == pd.Timestamp("2025-12-31")


@pytest.mark.parametrize("name", TABLES)
def test_every_table_loads_with_the_documented_dtypes(name):
    frame = load(name)
    assert list(frame.columns) == list(SCHEMA[name])
    assert len(frame) > 0
    for column, kind in SCHEMA[name].items():
        assert TYPE_CHECKS[kind](frame[column].dtype), (name, column, frame[column].dtype)
        if kind == "category":
            assert list(frame[column].cat.categories) == datasets.category_values(column)
            assert frame[column].notna().all(), (name, column)


def test_the_case_data_ships_inside_the_package(generate):
    """After a plain ``pip install`` the data must be in site-packages: it lives in the package
    folder, pyproject's package-data ships every file of it, and the generator writes there."""
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib
    package = Path(datasets.__file__).resolve().parent
    assert datasets.data_dir() == DATA and DATA.parent == package
    assert generate.OUT == DATA
    pyproject = tomllib.loads((package.parent / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = pyproject["tool"]["setuptools"]["package-data"]["kamlib"]
    shipped = {path for pattern in patterns for path in package.glob(pattern)}
    assert set(DATA.iterdir()) <= shipped
    assert {f"{name}.csv" for name in TABLES} | {"README.md"} == {p.name for p in DATA.iterdir()}


def test_load_returns_a_fresh_copy_each_time():
    first = load("accounts")
    first.loc[0, "capacity_cny"] = -1.0
    assert load("accounts").loc[0, "capacity_cny"] >= 0


@pytest.mark.parametrize("bad", ["acounts", "Accounts", 3, None])
def test_load_rejects_an_unknown_table_naming_the_allowed_ones(bad):
    with pytest.raises(KamValueError, match=r"name: got .*; expected one of 'accounts', "
                                            r"'transactions', .*'people'"):
        load(bad)


def test_load_does_not_depend_on_the_working_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert len(load("accounts")) == 200
    assert len(data_dictionary()) > 0


def test_data_dir_can_be_moved_with_an_environment_variable(tmp_path, monkeypatch):
    head = (DATA / "accounts.csv").read_text(encoding="utf-8").splitlines()[:4]
    (tmp_path / "accounts.csv").write_text("\n".join(head) + "\n", encoding="utf-8")
    monkeypatch.setenv("KAMLIB_DATA_DIR", str(tmp_path))
    assert list(load("accounts")["account_id"]) == ["AC001", "AC002", "AC003"]
    with pytest.raises(KamValueError, match=r"KAMLIB_DATA_DIR: got .*; expected a folder that "
                                            r"holds visits\.csv"):
        load("visits")


def test_a_file_with_other_columns_is_rejected(tmp_path, monkeypatch):
    (tmp_path / "product_lines.csv").write_text("line_id,name\nPL01,x\n", encoding="utf-8")
    monkeypatch.setenv("KAMLIB_DATA_DIR", str(tmp_path))
    with pytest.raises(KamValueError, match=r"got columns \['line_id', 'name'\]; expected"):
        load("product_lines")


def test_a_category_value_outside_the_contract_is_rejected(tmp_path, monkeypatch):
    text = (DATA / "visits.csv").read_text(encoding="utf-8").replace(",done,", ",postponed,", 1)
    (tmp_path / "visits.csv").write_text(text, encoding="utf-8")
    monkeypatch.setenv("KAMLIB_DATA_DIR", str(tmp_path))
    with pytest.raises(KamValueError, match=r"visits.status: got \['postponed'\]; expected one "
                                            r"of 'planned', 'done', 'cancelled'"):
        load("visits")



def test_category_values_of_a_column():
    assert datasets.category_values("their_level") == ["executive", "manager", "staff"]
    assert datasets.category_values("function") == datasets.category_values("their_function")
    with pytest.raises(KamValueError, match=r"column: got 'city'; expected one of 'industry', "
                                            r"'region'"):
        datasets.category_values("city")

def test_the_data_dictionary_matches_every_table():
    dictionary = data_dictionary()
    assert list(dictionary.columns) == ["table", "column", "type", "unit", "meaning", "allowed"]
    for name in TABLES:
        rows = dictionary[dictionary["table"] == name]
        assert list(rows["column"]) == list(SCHEMA[name]), name
        frame = load(name)
        for _, row in rows.iterrows():
            assert TYPE_CHECKS[row["type"]](frame[row["column"]].dtype), (name, row["column"])
            assert row["meaning"], (name, row["column"])
            if row["type"] == "category":
                allowed = row["allowed"].split(", ")
                assert allowed == list(frame[row["column"]].cat.categories), (name, row["column"])


# --- reproducibility -----------------------------------------------------------------------


def test_committed_csvs_equal_what_the_generator_builds(generate, tmp_path):
    generate.write_tables(generate.build_tables(), tmp_path)
    assert sorted(p.name for p in DATA.glob("*.csv")) == sorted(f"{t}.csv" for t in TABLES)
    for name in TABLES:
        built = (tmp_path / f"{name}.csv").read_bytes()
        assert built == (DATA / f"{name}.csv").read_bytes(), f"{name}.csv differs: regenerate"
        assert b"\r\n" not in built


def test_another_seed_gives_other_data(generate):
    other = generate.build_tables(seed=7)
    assert list(other) == list(TABLES)
    assert not other["transactions"]["revenue_cny"].equals(load("transactions")["revenue_cny"])


@pytest.mark.parametrize("bad", [-1, 1.5, "7"])
def test_build_tables_rejects_a_bad_seed(generate, bad):
    with pytest.raises(KamValueError, match=r"seed: got .*; expected"):
        generate.build_tables(seed=bad)


def test_the_files_stay_small():
    assert sum(p.stat().st_size for p in DATA.glob("*.csv")) < 10 * 2**20


# --- the story ------------------------------------------------------------------------------


def test_accounts_keys_and_references(tables):
    accounts = tables["accounts"]
    assert list(accounts["account_id"]) == [f"AC{i:03d}" for i in range(1, 201)]
    ids = set(accounts["account_id"])
    for name in ("transactions", "contacts", "visits", "people"):
        assert set(tables[name]["account_id"]) <= ids, name
    assert set(tables["transactions"]["line_id"]) <= set(tables["product_lines"]["line_id"])
    people = tables["people"].set_index("person_id")
    contacts = tables["contacts"]
    assert people.index.is_unique
    assert set(contacts["their_person_id"]) == set(people.index)
    assert (people.loc[contacts["their_person_id"], "account_id"].to_numpy()
            == contacts["account_id"].to_numpy()).all()
    assert accounts["influence"].between(0, 5).all()
    assert accounts["name"].is_unique and accounts["name_zh"].is_unique


def test_yearly_revenue_is_300_to_500_million(tables):
    sales = tables["transactions"]
    assert sales["date"].between("2023-01-01", AS_OF).all()
    assert (sales[["quantity", "revenue_cny", "margin_cny"]] > 0).all().all()
    yearly = sales.groupby(sales["date"].dt.year)["revenue_cny"].sum()
    assert list(yearly.index) == [2023, 2024, 2025]
    assert yearly.between(300e6, 500e6).all(), yearly


def test_top_fifth_of_accounts_makes_65_to_80_percent(tables):
    by_account = tables["transactions"].groupby("account_id")["revenue_cny"].sum()
    ranked = by_account.sort_values(ascending=False)
    top = int(np.ceil(0.2 * len(ranked)))
    share = ranked.iloc[:top].sum() / ranked.sum()
    assert 0.65 <= share <= 0.80, share


def test_2025_revenue_never_exceeds_capacity(tables, revenue_2025):
    capacity = tables["accounts"].set_index("account_id")["capacity_cny"]
    assert (revenue_2025 <= capacity).all()


def test_prospects_have_no_trade_and_first_orders_match(tables):
    accounts = tables["accounts"].set_index("account_id")
    first_trade = tables["transactions"].groupby("account_id")["date"].min()
    prospects = accounts.index[accounts["first_order_date"].isna()]
    assert len(prospects) >= 10
    assert set(prospects).isdisjoint(first_trade.index)
    assert set(accounts.index.difference(prospects)) == set(first_trade.index)
    assert (accounts.loc[first_trade.index, "first_order_date"] <= first_trade).all()


def test_growing_declining_new_and_lost_accounts_exist(tables):
    sales = tables["transactions"]
    year_cut = AS_OF - pd.DateOffset(months=12)
    recent = sales[sales["date"] > year_cut].groupby("account_id")["revenue_cny"].sum()
    previous = sales[(sales["date"] <= year_cut)
                     & (sales["date"] > year_cut - pd.DateOffset(months=12))]
    previous = previous.groupby("account_id")["revenue_cny"].sum()
    both = pd.concat({"recent": recent, "previous": previous}, axis=1).fillna(0.0)
    last = sales.groupby("account_id")["date"].max()
    lost = last < AS_OF - pd.Timedelta(days=180)
    first_order = tables["accounts"].set_index("account_id")["first_order_date"]
    assert lost.sum() >= 5
    assert ((both["recent"] < 0.5 * both["previous"]) & ~lost.reindex(both.index)).sum() >= 5
    assert (both["recent"] > 1.3 * both["previous"]).sum() >= 10
    assert (first_order.dt.year == 2025).sum() >= 5


def test_a_handful_of_vips_some_buying_little_or_nothing(tables, revenue_2025):
    accounts = tables["accounts"].set_index("account_id")
    vips = accounts.index[accounts["vip"]]
    assert 6 <= len(vips) <= 10
    low_buyers = revenue_2025[vips] < SCORE_CUTS_CNY[1]  # X score 0 or 1
    assert low_buyers.sum() >= 2
    assert (accounts.loc[vips, "influence"] >= 4).all()


def test_score_cuts_spread_the_accounts_over_a_b_and_c(account_class):
    assert len(SCORE_CUTS_CNY) == 4 and SCORE_CUTS_CNY[0] == 1
    assert list(SCORE_CUTS_CNY) == sorted(SCORE_CUTS_CNY)
    counts = account_class.value_counts()
    assert min(counts["A"], counts["B"], counts["C"]) >= 20, counts.to_dict()


def relationship_stage(tables) -> pd.Series:
    """The six-stage rule of SYLLABUS L1.4, evaluated in order as of AS_OF."""
    accounts = tables["accounts"]["account_id"]
    sales = tables["transactions"]
    contacts = tables["contacts"]
    last = sales.groupby("account_id")["date"].max().reindex(accounts)
    year_cut = AS_OF - pd.DateOffset(months=12)
    recent = sales[sales["date"] > year_cut].groupby("account_id")["revenue_cny"].sum()
    previous = sales[(sales["date"] <= year_cut)
                     & (sales["date"] > year_cut - pd.DateOffset(months=12))]
    previous = previous.groupby("account_id")["revenue_cny"].sum().reindex(accounts,
                                                                            fill_value=0.0)
    recent = recent.reindex(accounts, fill_value=0.0)
    flags = contacts.assign(
        joint=contacts["joint_team"],
        staff=(contacts["their_level"] == "staff") & (contacts["our_level"] == "staff"),
        other=~((contacts["our_function"] == "key account management")
                & (contacts["their_function"] == "purchasing")),
    ).groupby("account_id")[["joint", "staff", "other"]].any().reindex(accounts,
                                                                       fill_value=False)
    traded = last.notna()
    uncoupling = traded & ((last < AS_OF - pd.Timedelta(days=180)) | (recent < 0.5 * previous))
    stage = np.select(
        [~traded, uncoupling, flags["joint"], flags["staff"], flags["other"]], [1, 6, 5, 4, 3], 2
    )
    return pd.Series(stage, index=accounts)


def test_every_relationship_stage_occurs_in_several_accounts(tables):
    counts = relationship_stage(tables).value_counts()
    assert sorted(counts.index) == [1, 2, 3, 4, 5, 6]
    assert (counts >= 5).all(), counts.to_dict()


def test_contact_values_follow_the_contract(tables):
    contacts = tables["contacts"]
    assert contacts["contact_id"].is_unique
    kam_side = contacts["our_function"] == "key account management"
    kams = tables["accounts"].set_index("account_id")["kam"]
    assert (contacts.loc[kam_side, "our_person"].to_numpy()
            == kams[contacts.loc[kam_side, "account_id"]].to_numpy()).all()
    assert contacts["since"].le(AS_OF).all()


def test_all_four_bcg_quadrants_occur_and_revenue_is_2025s(tables):
    lines = tables["product_lines"].set_index("line_id")
    assert list(lines.index) == [f"PL{i:02d}" for i in range(1, 11)]
    relative = lines["own_share_pct"] / lines["largest_rival_share_pct"]
    high_growth = lines["market_growth_pct"] >= 10
    quadrant = np.select([high_growth & (relative >= 1), high_growth, relative >= 1],
                         ["star", "question mark", "cash cow"], "dog")
    assert set(quadrant) == {"star", "question mark", "cash cow", "dog"}
    assert (lines["market_growth_pct"] != 10).all() and (relative != 1).all()
    sales = tables["transactions"]
    in_2025 = sales[sales["date"].dt.year == 2025].groupby("line_id")["revenue_cny"].sum()
    assert np.allclose(lines["revenue_cny"], in_2025.reindex(lines.index, fill_value=0), atol=0.01)


def test_visits_have_consistent_status_dates_and_outcomes(tables):
    visits = tables["visits"]
    planned = visits["status"] == "planned"
    done = visits["status"] == "done"
    assert visits["visit_id"].is_unique
    assert (visits.loc[planned, "date"] > AS_OF).all()
    assert (visits.loc[planned, "date"] <= pd.Timestamp("2026-01-31")).all()
    assert (visits.loc[~planned, "date"].dt.year == 2025).all()
    assert visits.loc[done, "objective_met"].notna().all()
    assert visits.loc[~done, "objective_met"].isna().all()
    assert visits.loc[~planned, ["outcome", "next_step"]].notna().all().all()
    assert visits.loc[planned, ["outcome", "next_step"]].isna().all().all()
    assert set(visits["status"]) == {"planned", "done", "cancelled"}
    kams = tables["accounts"].set_index("account_id")["kam"]
    assert (visits["kam"].to_numpy() == kams[visits["account_id"]].to_numpy()).all()


def test_some_a_accounts_are_overdue_for_a_visit(tables, account_class):
    visits = tables["visits"]
    last_done = visits[visits["status"] == "done"].groupby("account_id")["date"].max()
    a_accounts = account_class.index[account_class == "A"]
    due = last_done.reindex(a_accounts) + pd.Timedelta(days=VISIT_DAYS_A)
    overdue = due < AS_OF
    assert 3 <= overdue.sum() < len(a_accounts) / 2, overdue.sum()


def test_customer_files_hold_the_l33_fields_and_are_incomplete(tables):
    people = tables["people"]
    fields = ["family", "hobbies", "social_style", "habits", "colleagues", "friends",
              "suppliers", "responsibilities", "performance", "objectives", "working_style",
              "potential"]
    filled = people[fields].notna().mean()
    assert filled.between(0.5, 0.95).all(), filled.to_dict()
    assert people["name"].str.fullmatch(r"[A-Z][a-z]+ [A-Z][a-z]+").all()


# --- synthetic books for benchmarks -------------------------------------------------------


def test_synthetic_book_is_consistent_and_reproducible(generate):
    accounts, sales = generate.synthetic_book(500, 20_000, seed=3)
    assert len(accounts) == 500 and len(sales) == 20_000
    assert accounts["account_id"].is_unique
    assert {"account_id", "capacity_cny", "vip"} <= set(accounts.columns)
    assert {"date", "account_id", "revenue_cny"} <= set(sales.columns)
    assert set(sales["account_id"].astype(str)) <= set(accounts["account_id"])
    assert (sales["revenue_cny"] > 0).all()
    assert sales["date"].between("2023-01-01", AS_OF).all()
    yearly = sales.groupby("account_id", observed=False)["revenue_cny"].sum() / 3
    capacity = accounts.set_index("account_id")["capacity_cny"]
    assert (yearly.reindex(capacity.index).to_numpy() <= capacity.to_numpy()).all()
    again_accounts, again_sales = generate.synthetic_book(500, 20_000, seed=3)
    pd.testing.assert_frame_equal(sales, again_sales)
    pd.testing.assert_frame_equal(accounts, again_accounts)


def test_synthetic_book_allows_no_transactions(generate):
    accounts, sales = generate.synthetic_book(3, 0)
    assert len(accounts) == 3 and sales.empty


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ((0, 10), r"n_accounts: got 0; expected a number from 1 to 1e\+15"),
        ((10, -1), r"n_transactions: got -1; expected a number from 0 to 1e\+15"),
        ((2.5, 10), r"n_accounts: got 2.5; expected a whole number"),
        ((10, "100"), r"n_transactions: got '100'; expected a number"),
        ((10, 10, -3), r"seed: got -3; expected a number from 0 to 1e\+15"),
    ],
)
def test_synthetic_book_rejects_bad_sizes(generate, arguments, message):
    with pytest.raises(KamValueError, match=message):
        generate.synthetic_book(*arguments)



def test_work_facts_in_the_customer_files_fit_each_persons_function(generate):
    """A finance manager's objective is about cash or cost, not paint-line emissions: the
    files are what learners read to prepare a visit (a mismatch was found in review)."""
    people = load("people")
    for field in ("responsibilities", "objectives"):
        by_function = generate.PEOPLE_TEXT[field]
        filled = people.dropna(subset=[field])
        fits = [text in by_function[function]
                for function, text in zip(filled["function"], filled[field], strict=True)]
        assert len(filled) > 400 and all(fits), field
    finance = people[people["function"] == "finance"]
    assert not finance["objectives"].str.contains("VOC|paint", na=False).any()
