"""The six relationship stages (kamlib.stages)."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kamlib import datasets
from kamlib.stages import (
    COOPERATION,
    KAM_FUNCTION,
    PURCHASING_FUNCTION,
    STAGES,
    UNCOUPLING_DAYS,
    UNCOUPLING_REVENUE_RATIO,
    StageDiagnosis,
    involvement,
    involvements,
    relationship_stage,
    relationship_stages,
    stage_from_evidence,
    trade_facts,
)
from kamlib.validation import KamValueError

AS_OF = pd.Timestamp("2025-12-31")
KAM, BUY = "key account management", "purchasing"


def contact(
    account,
    ours=KAM,
    theirs=BUY,
    our_level="manager",
    their_level="manager",
    since="2024-03-15",
    joint=False,
):
    return {
        "account_id": account,
        "our_function": ours,
        "their_function": theirs,
        "our_level": our_level,
        "their_level": their_level,
        "since": pd.Timestamp(since),
        "joint_team": joint,
    }


def contacts_frame(*rows) -> pd.DataFrame:
    return pd.DataFrame(list(rows), columns=list(contact("any")))  # the columns of a contact


def orders(account, *dated_revenue) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "account_id": account,
            "date": pd.to_datetime([d for d, _ in dated_revenue]),
            "revenue_cny": [float(r) for _, r in dated_revenue],
        }
    )


STEADY = (("2024-06-01", 100_000), ("2025-06-01", 100_000), ("2025-12-01", 20_000))


def test_six_stages_with_the_handouts_names():
    assert [s.number for s in STAGES] == [1, 2, 3, 4, 5, 6]
    assert [s.zh for s in STAGES] == [
        "孕育阶段",
        "初级阶段",
        "中级阶段",
        "伙伴式管理阶段",
        "协作式大客户管理阶段",
        "中断大客户管理",
    ]
    assert all(s.key and s.en and s.description for s in STAGES)


@pytest.mark.parametrize(
    ("rows", "history", "stage", "evidence"),
    [
        ([], (), 1, "no order up to 2025-12-31"),
        ([contact("A")], (), 1, "no order up to 2025-12-31"),
        ([contact("A")], (("2025-05-01", 50_000),), 6, "no order since 2025-05-01 (244 days)"),
        (
            [contact("A")],
            (("2024-06-01", 100_000), ("2025-12-01", 40_000)),
            6,
            "revenue fell to 40% of the previous 12 months",
        ),
        (
            [contact("A"), contact("A", "R&D", "R&D", joint=True, since="2023-01-10")],
            STEADY,
            5,
            "joint team: R&D ↔ R&D contact since 2023-01",
        ),
        (
            [contact("A"), contact("A", "logistics", "logistics", "staff", "staff")],
            STEADY,
            4,
            "staff ↔ staff: logistics ↔ logistics contact since 2024-03",
        ),
        (
            [contact("A"), contact("A", "finance", "finance")],
            STEADY,
            3,
            "finance ↔ finance contact since 2024-03",
        ),
        (  # staff on one side only: a contact beyond the core, not a partnership
            [contact("A"), contact("A", "logistics", "logistics", "manager", "staff")],
            STEADY,
            3,
            "logistics ↔ logistics contact since 2024-03",
        ),
        (
            [contact("A"), contact("A", "logistics", "logistics", "staff", "executive")],
            STEADY,
            3,
            "logistics ↔ logistics contact since 2024-03",
        ),
        (
            [contact("A")],
            STEADY,
            2,
            "only key account management ↔ purchasing contact since 2024-03",
        ),
        ([], STEADY, 2, "orders but no contact recorded"),
    ],
)
def test_each_stage_with_its_evidence(rows, history, stage, evidence):
    diagnosis = relationship_stage(contacts_frame(*rows), orders("A", *history), as_of=AS_OF)
    assert isinstance(diagnosis, StageDiagnosis)
    assert diagnosis.stage == stage
    assert diagnosis.key == STAGES[stage - 1].key
    assert diagnosis.name == f"{STAGES[stage - 1].en} ({STAGES[stage - 1].zh})"
    assert diagnosis.reasons[0] == evidence
    assert str(diagnosis).startswith(f"Stage {stage}: ")


def test_trade_evidence_and_rule_order():
    joint_but_silent = contacts_frame(contact("A", "R&D", "R&D", joint=True))
    diagnosis = relationship_stage(joint_but_silent, orders("A", ("2025-01-05", 10)), as_of=AS_OF)
    assert diagnosis.stage == 6  # uncoupling is checked before the contact rules
    steady = relationship_stage(contacts_frame(contact("A")), orders("A", *STEADY), as_of=AS_OF)
    assert steady.reasons[1] == (
        "last order 2025-12-01; last 12 months CNY 120,000 (previous 12 months CNY 100,000)"
    )


def test_180_days_boundary_and_future_rows_are_ignored():
    on_the_day = orders("A", ("2025-07-04", 10))  # 180 days before 2025-12-31
    assert relationship_stage(contacts_frame(contact("A")), on_the_day, as_of=AS_OF).stage == 2
    day_after = orders("A", ("2025-07-03", 10))
    assert relationship_stage(contacts_frame(contact("A")), day_after, as_of=AS_OF).stage == 6
    future = contacts_frame(contact("A"), contact("A", "finance", "finance", since="2026-01-05"))
    assert relationship_stage(future, orders("A", *STEADY), as_of=AS_OF).stage == 2
    assert relationship_stage(future, orders("A", *STEADY), as_of="2026-02-01").stage == 3


HALF = (("2024-06-01", 100_000), ("2025-12-01", 50_000))  # exactly half: not below half
JUST_BELOW_HALF = (("2024-06-01", 100_000), ("2025-12-01", 49_600))  # 49.6%, rounds to 50%


def test_revenue_below_half_is_compared_unrounded():
    assert UNCOUPLING_REVENUE_RATIO == 0.5
    contacts = contacts_frame(contact("A"), contact("B"))
    transactions = pd.concat([orders("A", *HALF), orders("B", *JUST_BELOW_HALF)])
    accounts = pd.DataFrame({"account_id": ["A", "B"]})
    below = "revenue fell to 49.6% of the previous 12 months"

    half = relationship_stage(contacts_frame(contact("A")), orders("A", *HALF), as_of=AS_OF)
    assert half.stage == 2 and not any("fell" in reason for reason in half.reasons)
    just_below = relationship_stage(
        contacts_frame(contact("B")), orders("B", *JUST_BELOW_HALF), as_of=AS_OF
    )
    assert (just_below.stage, just_below.reasons[0]) == (6, below)

    table = relationship_stages(contacts, transactions, accounts, as_of=AS_OF).set_index(
        "account_id"
    )
    assert table["stage"].to_dict() == {"A": 2, "B": 6}
    assert table.loc["B", "reason"].startswith(below + "; last order 2025-12-01")

    facts = trade_facts(transactions, accounts, as_of=AS_OF).set_index("account_id")
    assert facts["revenue_halved"].to_dict() == {"A": False, "B": True}
    assert facts["ordered_in_last_180_days"].all()


def test_without_transactions_the_trade_rules_are_skipped():
    diagnosis = relationship_stage(contacts_frame(contact("A"), contact("A", "finance", "finance")))
    assert diagnosis.stage == 3
    assert diagnosis.reasons[-1] == "no transactions given: stages 1 and 6 not checked"
    assert relationship_stage(contacts_frame()).stage == 1


def _book() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    contacts = contacts_frame(
        contact("A"),
        contact("B"),
        contact("B", "finance", "finance"),
        contact("C", "R&D", "R&D", joint=True),
        contact("D"),
        contact("E", "quality", "quality", "staff", "staff"),
    )
    transactions = pd.concat(
        [
            orders("A", *STEADY),
            orders("B", *STEADY),
            orders("C", *STEADY),
            orders("D", ("2024-02-01", 10)),
            orders("E", *STEADY),
        ]
    )
    accounts = pd.DataFrame({"account_id": ["A", "B", "C", "D", "E", "F"]})
    return contacts, transactions, accounts


def test_relationship_stages_over_all_accounts():
    contacts, transactions, accounts = _book()
    table = relationship_stages(contacts, transactions, accounts, as_of=AS_OF)
    assert list(table.columns) == ["account_id", "stage", "key", "name", "reason"]
    assert table["stage"].tolist() == [2, 3, 5, 6, 4, 1]
    assert table.loc[1, "reason"].startswith("finance ↔ finance contact since 2024-03; last order")
    assert table.loc[5, "name"] == "Pre-KAM (孕育阶段)"


def test_vectorised_and_single_account_diagnoses_agree():
    contacts, transactions, accounts = _book()
    table = relationship_stages(contacts, transactions, accounts, as_of=AS_OF).set_index(
        "account_id"
    )
    for account in accounts["account_id"]:
        single = relationship_stage(
            contacts[contacts["account_id"] == account],
            transactions[transactions["account_id"] == account],
            as_of=AS_OF,
        )
        assert single.stage == table.loc[account, "stage"]
        assert "; ".join(single.reasons) == table.loc[account, "reason"]



def test_contacts_alone_over_all_accounts_agrees_with_one_account_at_a_time():
    """Without orders the trade rules are skipped, for one account or for all at once."""
    contacts, _, accounts = _book()
    table = relationship_stages(contacts, None, accounts, as_of=AS_OF).set_index("account_id")
    for account in accounts["account_id"]:
        own = contacts[contacts["account_id"] == account]
        if own.empty:
            continue
        assert relationship_stage(own, as_of=AS_OF).stage == table.loc[account, "stage"]
    assert 6 not in table["stage"].tolist()
    assert table["reason"].str.contains("no transactions given").all()

LEVELS = st.sampled_from(["executive", "manager", "staff"])
FUNCTIONS = st.sampled_from([KAM, BUY, "finance", "quality"])
CONTACT = st.builds(
    contact,
    st.sampled_from(["A", "B", "C"]),
    FUNCTIONS,
    FUNCTIONS,
    LEVELS,
    LEVELS,
    # up to half a year after AS_OF: contacts that have not begun yet must be ignored
    st.dates(pd.Timestamp("2020-01-01").date(), pd.Timestamp("2026-06-30").date()).map(str),
    st.booleans(),
)
ORDER = st.tuples(
    st.sampled_from(["A", "B", "C"]),
    st.dates(pd.Timestamp("2023-01-01").date(), pd.Timestamp("2025-12-31").date()).map(str),
    st.floats(1, 1e6),
)


def expected_stage(contact_rows: list[dict], dated_revenue: list[tuple]) -> int:
    """The stage rule of the handout, written out plainly for one account as of AS_OF."""
    if not dated_revenue:
        return 1  # no trade yet
    year_ago, two_years_ago = AS_OF - pd.DateOffset(years=1), AS_OF - pd.DateOffset(years=2)
    recent = sum(r for d, r in dated_revenue if d > year_ago)
    previous = sum(r for d, r in dated_revenue if two_years_ago < d <= year_ago)
    days_silent = (AS_OF - max(d for d, _ in dated_revenue)).days
    if days_silent > UNCOUPLING_DAYS or (previous > 0 and recent < previous / 2):
        return 6  # uncoupling
    in_force = [c for c in contact_rows if c["since"] <= AS_OF]
    if any(c["joint_team"] for c in in_force):
        return 5
    if any(c["our_level"] == c["their_level"] == "staff" for c in in_force):
        return 4
    if any(
        (c["our_function"], c["their_function"]) != (KAM_FUNCTION, PURCHASING_FUNCTION)
        for c in in_force
    ):
        return 3
    return 2


@pytest.mark.slow
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(CONTACT, max_size=8), st.lists(ORDER, max_size=10))
def test_property_stage_follows_the_rule_in_every_wrapper(contact_rows, order_rows):
    contacts = contacts_frame(*contact_rows)
    transactions = pd.concat(
        [orders(a, (d, r)) for a, d, r in order_rows] or [orders("A")], ignore_index=True
    )
    accounts = pd.DataFrame({"account_id": ["A", "B", "C"]})
    table = relationship_stages(contacts, transactions, accounts, as_of=AS_OF).set_index(
        "account_id"
    )
    assert table["stage"].between(1, 6).all()
    for account in "ABC":
        mine = [row for row in contact_rows if row["account_id"] == account]
        dated = [(pd.Timestamp(d), r) for a, d, r in order_rows if a == account]
        assert table.loc[account, "stage"] == expected_stage(mine, dated), account
        single = relationship_stage(
            contacts[contacts["account_id"] == account],
            transactions[transactions["account_id"] == account],
            as_of=AS_OF,
        )
        assert single.stage == table.loc[account, "stage"]
        if single.stage == 5:
            assert contacts.loc[contacts["account_id"] == account, "joint_team"].any()


@settings(max_examples=30, deadline=None)
@given(
    st.text(min_size=1, max_size=12).filter(lambda s: s not in {"executive", "manager", "staff"})
)
def test_property_any_unknown_level_is_rejected_by_name(level):
    contacts = contacts_frame(contact("A"), contact("A", their_level=level))
    with pytest.raises(KamValueError, match=r"contacts\.their_level \(row 1, 1 bad in all\)"):
        relationship_stage(contacts, orders("A", *STEADY), as_of=AS_OF)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda c: "not a frame", r"contacts: got 'str'; expected a pandas DataFrame"),
        (lambda c: c.drop(columns="joint_team"), r"contacts: missing column\(s\) 'joint_team'"),
        (
            lambda c: c.assign(our_level="boss"),
            r"contacts\.our_level \(row 0, 2 bad in all\): "
            r"got 'boss'; expected one of 'executive', 'manager', 'staff'",
        ),
        (lambda c: c.assign(joint_team=["yes", False]), r"contacts\.joint_team \(row 0, 1 bad"),
        (
            lambda c: c.assign(since=["2024-01-01", "someday"]),
            r"contacts\.since \(row 1, 1 bad "
            r"in all\): got 'someday'; expected a date",
        ),
        (
            lambda c: c.assign(account_id=["A", "B"]),
            r"account_id: got \['A', 'B'\]; expected the "
            r"rows of one account",
        ),
    ],
)
def test_relationship_stage_rejects_bad_contacts(change, message):
    contacts = contacts_frame(contact("A"), contact("A", "finance", "finance"))
    with pytest.raises(KamValueError, match=message):
        relationship_stage(change(contacts), orders("A", *STEADY), as_of=AS_OF)


def test_relationship_stage_rejects_bad_transactions_and_date():
    contacts = contacts_frame(contact("A"))
    with pytest.raises(KamValueError, match=r"transactions: missing column\(s\) 'revenue_cny'"):
        relationship_stage(contacts, orders("A", *STEADY).drop(columns="revenue_cny"), as_of=AS_OF)
    with pytest.raises(KamValueError, match=r"account_id: got \['A', 'B'\]"):
        relationship_stage(contacts, orders("B", *STEADY), as_of=AS_OF)
    with pytest.raises(KamValueError, match=r"as_of: got 'tomorrow'; expected a date"):
        relationship_stage(contacts, orders("A", *STEADY), as_of="tomorrow")


def test_relationship_stages_rejects_bad_frames():
    contacts, transactions, accounts = _book()
    with pytest.raises(KamValueError, match=r"accounts: missing column\(s\) 'account_id'"):
        relationship_stages(contacts, transactions, accounts.rename(columns={"account_id": "id"}))
    with pytest.raises(KamValueError, match=r"transactions: got 'str'; expected a pandas"):
        relationship_stages(contacts, "orders.csv", accounts, as_of=AS_OF)
    with pytest.raises(KamValueError, match=r"contacts: missing column\(s\) 'since'"):
        relationship_stages(contacts.drop(columns="since"), transactions, accounts, as_of=AS_OF)


def test_involvement_simple_or_complex():
    assert involvement(contacts_frame(contact("A"), contact("A", "sales support"))) == "simple"
    assert involvement(contacts_frame(contact("A"), contact("A", "finance", "finance"))) == (
        "complex"
    )
    assert set(COOPERATION) == {"simple", "complex"}
    assert "合作" in COOPERATION["simple"]
    with pytest.raises(KamValueError, match=r"account_id: got \['A', 'B'\]; expected the contacts"):
        involvement(contacts_frame(contact("A"), contact("B")))
    with pytest.raises(KamValueError, match=r"contacts: missing column\(s\) 'their_function'"):
        involvement(pd.DataFrame({"account_id": ["A"]}))


def test_on_the_case_data():
    contacts, transactions = datasets.load("contacts"), datasets.load("transactions")
    accounts = datasets.load("accounts")
    table = relationship_stages(contacts, transactions, accounts)
    assert len(table) == len(accounts)
    assert set(table["stage"]) == {1, 2, 3, 4, 5, 6}
    prospects = accounts.loc[accounts["first_order_date"].isna(), "account_id"]
    assert (table.set_index("account_id").loc[prospects, "stage"] == 1).all()
    for account in table["account_id"].iloc[::15]:
        single = relationship_stage(
            contacts[contacts["account_id"] == account],
            transactions[transactions["account_id"] == account],
        )
        assert single.stage == table.set_index("account_id").loc[account, "stage"]


# -- the rule from stated trade facts (stage_from_evidence) and the facts from orders ---------

ORDERING = "trade so far: yes; orders in the last 6 months: yes"


@pytest.mark.parametrize(
    ("rows", "facts", "stage", "reasons"),
    [
        ([contact("A")], (False, False, False), 1, ("trade so far: no",)),
        (
            [contact("A", "R&D", "R&D", joint=True)],
            (True, False, False),
            6,
            ("trade so far: yes; orders in the last 6 months: no",),
        ),
        (
            [contact("A")],
            (True, True, True),
            6,
            ("orders fell by more than half", ORDERING),
        ),
        (
            [contact("A")],
            (True, False, True),
            6,
            ("trade so far: yes; orders in the last 6 months: no; orders fell by more than half",),
        ),
        (
            [contact("A"), contact("A", "R&D", "R&D", joint=True, since="2023-01-10")],
            (True, True, False),
            5,
            (
                "joint team: R&D ↔ R&D contact since 2023-01",
                ORDERING,
            ),
        ),
        (
            [contact("A"), contact("A", "logistics", "logistics", "staff", "staff")],
            (True, True, False),
            4,
            (
                "staff ↔ staff: logistics ↔ logistics contact since 2024-03",
                ORDERING,
            ),
        ),
        (
            [contact("A"), contact("A", "finance", "finance")],
            (True, True, False),
            3,
            (
                "finance ↔ finance contact since 2024-03",
                ORDERING,
            ),
        ),
        (
            [contact("A")],
            (True, True, False),
            2,
            (
                "only key account management ↔ purchasing contact since 2024-03",
                ORDERING,
            ),
        ),
        (
            [],
            (True, True, False),
            2,
            ("orders but no contact recorded", ORDERING),
        ),
    ],
)
def test_stage_from_evidence_reaches_every_stage(rows, facts, stage, reasons):
    traded, recent, halved = facts
    diagnosis = stage_from_evidence(
        contacts_frame(*rows),
        traded=traded,
        ordered_in_last_180_days=recent,
        revenue_halved=halved,
        as_of=AS_OF,
    )
    assert diagnosis.stage == stage
    assert diagnosis.key == STAGES[stage - 1].key
    assert diagnosis.reasons == reasons


def test_stage_from_evidence_ignores_contacts_that_begin_later():
    later = contacts_frame(contact("A"), contact("A", "finance", "finance", since="2026-01-05"))
    assert (
        stage_from_evidence(
            later, traded=True, ordered_in_last_180_days=True, revenue_halved=False, as_of=AS_OF
        ).stage
        == 2
    )
    assert (
        stage_from_evidence(
            later,
            traded=True,
            ordered_in_last_180_days=True,
            revenue_halved=False,
            as_of="2026-02-01",
        ).stage
        == 3
    )


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"traded": "yes"}, r"traded: got 'yes'; expected True or False"),
        ({"ordered_in_last_180_days": 1}, r"ordered_in_last_180_days: got 1; expected True or"),
        ({"revenue_halved": None}, r"revenue_halved: got None; expected True or False"),
        (
            {"traded": False},
            r"ordered_in_last_180_days: got True; expected False when traded is False",
        ),
        (
            {"traded": False, "ordered_in_last_180_days": False, "revenue_halved": True},
            r"revenue_halved: got True; expected False when traded is False",
        ),
        ({"contacts": "none"}, r"contacts: got 'str'; expected a pandas DataFrame"),
        (
            {"contacts": contacts_frame(contact("A"), contact("B"))},
            r"account_id: got \['A', 'B'\]; expected the rows of one account",
        ),
        ({"as_of": "soon"}, r"as_of: got 'soon'; expected a date"),
    ],
)
def test_stage_from_evidence_rejects_bad_input(change, message):
    arguments = {"contacts": contacts_frame(contact("A")), "traded": True,
                 "ordered_in_last_180_days": True, "revenue_halved": False, "as_of": AS_OF}
    with pytest.raises(KamValueError, match=message):
        stage_from_evidence(**{**arguments, **change})


def test_trade_facts_from_the_orders():
    _, transactions, accounts = _book()
    falling = orders("G", ("2024-06-01", 100_000), ("2025-12-01", 40_000))
    accounts = pd.concat([accounts, pd.DataFrame({"account_id": ["G"]})], ignore_index=True)
    facts = trade_facts(pd.concat([transactions, falling]), accounts, as_of=AS_OF)
    assert list(facts.columns) == [
        "account_id", "traded", "ordered_in_last_180_days", "revenue_halved"]
    assert facts.set_index("account_id").to_dict("index") == {
        "A": {"traded": True, "ordered_in_last_180_days": True, "revenue_halved": False},
        "B": {"traded": True, "ordered_in_last_180_days": True, "revenue_halved": False},
        "C": {"traded": True, "ordered_in_last_180_days": True, "revenue_halved": False},
        "D": {"traded": True, "ordered_in_last_180_days": False, "revenue_halved": True},
        "E": {"traded": True, "ordered_in_last_180_days": True, "revenue_halved": False},
        "F": {"traded": False, "ordered_in_last_180_days": False, "revenue_halved": False},
        "G": {"traded": True, "ordered_in_last_180_days": True, "revenue_halved": True},
    }


def test_trade_facts_rejects_bad_frames_and_date():
    _, transactions, accounts = _book()
    with pytest.raises(KamValueError, match=r"transactions: missing column\(s\) 'date'"):
        trade_facts(transactions.drop(columns="date"), accounts, as_of=AS_OF)
    with pytest.raises(KamValueError, match=r"accounts: got 'list'; expected a pandas DataFrame"):
        trade_facts(transactions, ["A"], as_of=AS_OF)
    with pytest.raises(KamValueError, match=r"as_of: got 'later'; expected a date"):
        trade_facts(transactions, accounts, as_of="later")


@pytest.mark.slow
def test_orders_and_stated_facts_give_the_same_stage_on_the_case_data():
    """relationship_stage(s) and stage_from_evidence share one rule: same facts, same stage."""
    contacts, transactions = datasets.load("contacts"), datasets.load("transactions")
    accounts = datasets.load("accounts")
    facts = trade_facts(transactions, accounts).set_index("account_id")
    table = relationship_stages(contacts, transactions, accounts).set_index("account_id")
    for account, row in facts.iterrows():
        mine = contacts[contacts["account_id"] == account]
        stated = stage_from_evidence(mine, traded=bool(row["traded"]),
                                     ordered_in_last_180_days=bool(row["ordered_in_last_180_days"]),
                                     revenue_halved=bool(row["revenue_halved"]))
        assert stated.stage == table.loc[account, "stage"], account
    assert set(table["stage"]) == {1, 2, 3, 4, 5, 6}
    halved_but_ordering = facts["revenue_halved"] & facts["ordered_in_last_180_days"]
    assert (table.loc[halved_but_ordering[halved_but_ordering].index, "stage"] == 6).all()


def test_involvements_classifies_every_account_at_once():
    frame = contacts_frame(
        contact("A"),
        contact("A", "finance", "finance"),
        contact("B"),
        contact("B", "sales support"),
    )
    result = involvements(frame)
    assert result.to_dict() == {"A": "complex", "B": "simple"}
    assert all(involvement(frame[frame["account_id"] == a]) == result[a] for a in ("A", "B"))
    with pytest.raises(KamValueError, match=r"contacts: missing column\(s\) 'their_function'"):
        involvements(pd.DataFrame({"account_id": ["A"]}))
